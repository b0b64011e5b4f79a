//! The shared vocabulary of every Rapport crate: the canonical data model
//! and the calendar periods every result is about.
//!
//! Exports from shops, help desks, survey tools and ad platforms are
//! harmonised into a fixed set of [`Entity`] tables (see `shared/DESIGN.md`,
//! "Canonical entities"). Each entity is described by an [`EntitySpec`]: its
//! natural key, its [`ColumnSpec`]s with their [`ColumnType`] and the
//! [`Rule`]s a value must satisfy. Ingestion validates against these specs
//! and writes Parquet with [`EntitySpec::stored_schema`]; the engine
//! registers tables under [`Entity::name`] with [`EntitySpec::arrow_schema`],
//! adding the columns every row of a load shares.
//!
//! ```
//! use rapport_schema::Entity;
//!
//! let spec = Entity::Orders.spec();
//! assert_eq!(spec.key, &["order_id"]);
//! assert!(spec.column("amount").is_some());
//! // Every table carries the client and the source system it came from;
//! // a load's file does not repeat them on every row.
//! let schema = spec.arrow_schema();
//! assert!(schema.field_with_name("client_id").is_ok());
//! assert!(schema.field_with_name("source").is_ok());
//! let stored = spec.stored_schema();
//! assert!(stored.field_with_name("source").is_err());
//! assert_eq!(stored.fields().len() + 2, schema.fields().len());
//! ```

pub mod calendar;
mod entity;
mod ids;
pub mod period;

pub use calendar::{Calendar, CalendarSystem};
pub use entity::{
    CLIENT_ID_COLUMN, ColumnSpec, ColumnType, Entity, EntitySpec, ORDER_STATUSES, RowRule, Rule,
    SOURCE_COLUMN, SUPPORT_CHANNELS, SURVEYS, UnknownEntity, default_survey_scale, is_period_label,
};
pub use ids::{InvalidId, validate_client_id};
pub use period::{Compare, InvalidPeriod, Period};

/// A word a result carries (a metric id, a test's name, a basis, a detail
/// key): borrowed from the code that chose it when a result is computed,
/// owned when a stored result is read back from JSON, so that every result
/// deserialises as well as it serialises.
pub type Label = std::borrow::Cow<'static, str>;

/// Arrow, re-exported so every crate builds batches against the same version
/// DataFusion uses.
pub use datafusion::arrow;
