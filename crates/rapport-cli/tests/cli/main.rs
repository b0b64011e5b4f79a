//! End-to-end tests of the `rapport` binary: one test binary, one module per
//! capability.

mod atomicity;
#[cfg(feature = "cluster")]
mod cluster;
mod customer;
mod demo;
mod ingest;
mod metrics;
mod postgres;
mod predict;
mod presets;
mod report;
mod schedule;
mod server;
mod snapshots;
mod sql;
mod support;
mod upgrade;
mod users;
mod workspace;
