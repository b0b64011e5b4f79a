//! The Rapport workspace on disk.
//!
//! A [`Workspace`] is one directory per agency (see `shared/DESIGN.md`,
//! "Workspace"): `rapport.toml` with its [`Settings`], `catalog.sqlite` with
//! clients and loads, immutable Parquet files under `data/<client>/<entity>/`,
//! quarantined rows under `quarantine/<client>/`. Loads go through a
//! [`PendingLoad`], which makes them atomic: see the `load` module.
//!
//! ```
//! use rapport_schema::Entity;
//! use rapport_store::{LoadOutcome, Settings, Workspace};
//!
//! let dir = tempfile::tempdir()?;
//! let ws = Workspace::init(dir.path(), Settings::default())?;
//! ws.add_client("acme", "Acme Shop")?;
//! let load = ws.begin_load("acme", Entity::Orders)?;
//! // … write Parquet to load.staging_data_path() …
//! let record = load.commit(&LoadOutcome { source: "shopify".into(), ..Default::default() })?;
//! assert_eq!(ws.loads("acme", None)?, vec![record]);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod error;
mod load;
mod migrations;
mod reports;
mod schedules;
mod settings;
mod storage;
mod users;
mod workspace;

pub use error::{Error, Result};
pub use load::{LoadOutcome, PendingLoad, commit_group};
pub use migrations::CATALOG_VERSION;
pub use reports::{Feedback, ReportRun, RunStatus};
pub use schedules::{
    Claim, Every, HtmlMode, RunChange, RunState, Schedule, ScheduleRun, ScheduleSpec,
};
pub use settings::{FORMAT_VERSION, Settings};
pub use storage::{Storage, SyncSummary};
pub use users::{AuditEntry, AuditRecord, Role, SESSION_LABEL, Token, TokenState, User};
pub use workspace::{Client, LoadRecord, Target, Workspace};
