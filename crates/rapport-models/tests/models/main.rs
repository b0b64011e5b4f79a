//! Model tests: fits on published data sets against their published
//! estimates, and parameter recovery from simulated customers.

mod published;
mod recovery;
