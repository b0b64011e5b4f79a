//! The canonical data model every Rapport crate shares.
//!
//! Exports from shops, help desks, survey tools and ad platforms are
//! harmonised into a fixed set of [`Entity`] tables (see `shared/DESIGN.md`,
//! "Canonical entities"). Each entity is described by an [`EntitySpec`]: its
//! natural key, its [`ColumnSpec`]s with their [`ColumnType`] and the
//! [`Rule`]s a value must satisfy. Ingestion validates against these specs,
//! the store writes Parquet with [`EntitySpec::arrow_schema`], and the engine
//! registers tables under [`Entity::name`].
//!
//! ```
//! use rapport_model::Entity;
//!
//! let spec = Entity::Orders.spec();
//! assert_eq!(spec.key, &["order_id"]);
//! assert!(spec.column("amount").is_some());
//! // Every table carries the client and the source system it came from.
//! let schema = spec.arrow_schema();
//! assert!(schema.field_with_name("client_id").is_ok());
//! assert!(schema.field_with_name("source").is_ok());
//! ```

mod entity;
mod ids;

pub use entity::{
    CLIENT_ID_COLUMN, ColumnSpec, ColumnType, Entity, EntitySpec, ORDER_STATUSES, RowRule, Rule,
    SOURCE_COLUMN, SUPPORT_CHANNELS, SURVEYS, UnknownEntity, default_survey_scale, is_period_label,
};
pub use ids::{InvalidId, validate_client_id};

/// Arrow, re-exported so every crate builds batches against the same version
/// DataFusion uses.
pub use datafusion::arrow;
