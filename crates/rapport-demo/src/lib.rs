//! The sample agency behind `rapport demo`.
//!
//! Three clients of a small agency, 24 months each, ending with the month
//! before the chosen end month:
//!
//! - **Lumen Home & Garden** (`lumen`), an online shop: CRM customers, shop
//!   orders and line items, web events, ad spend, e-mail reports, NPS and
//!   CSAT surveys, help-desk tickets.
//! - **CloudNest** (`cloudnest`), a subscription SaaS: accounts, billing
//!   subscriptions, tickets by e-mail/chat/phone, NPS and CES surveys.
//! - **Bright Paws Grooming** (`brightpaws`), a local service: bookings,
//!   social posts, e-mail campaigns, CSAT after visits and Google reviews.
//!
//! The generators write the raw exports as the clients' tools would (their
//! own column names, date formats, delimiters and encodings, and a few
//! broken rows), and [`run`] loads them through [`rapport_ingest::ingest`],
//! exactly as a user would with `rapport ingest`. Everything is seeded: the
//! same seed and end month give the same files byte for byte.
//!
//! ```no_run
//! use rapport_demo::{run, DemoOptions};
//! use rapport_ingest::NoProgress;
//!
//! let options = DemoOptions::new("rapport-demo".into(), 7);
//! let outcome = run(&options, &NoProgress)?;
//! for client in &outcome.clients {
//!     println!("{}: {} loads", client.id, client.loads.len());
//! }
//! # Ok::<(), rapport_demo::Error>(())
//! ```

mod common;
mod saas;
mod services;
mod shop;

use std::path::{Path, PathBuf};
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use rand::SeedableRng;
use rapport_ingest::{CsvOptions, IngestRequest, IngestSummary, Input, Mapping, Progress};
use rapport_schema::Entity;
use rapport_store::{Settings, Workspace};

use crate::common::{Calendar, Rng8};

pub use saas::{TRUE_SBG_ALPHA, TRUE_SBG_BETA};
pub use shop::{TRUE_A, TRUE_ALPHA_DAYS, TRUE_B, TRUE_R};

/// The file that marks a directory as made by `rapport demo`, so that a
/// second run may replace it and nothing else is ever deleted.
pub const DEMO_MARKER: &str = ".rapport-demo";

/// What went wrong while building the demo.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: cannot write CSV: {message}")]
    Csv { path: PathBuf, message: String },
    #[error("demo generator: {0}")]
    Model(String),
    #[error(
        "{0} exists and was not made by `rapport demo`; choose another directory (for example `rapport demo rapport-demo`) or remove it yourself"
    )]
    NotADemo(PathBuf),
    #[error(transparent)]
    Store(Box<rapport_store::Error>),
    #[error("loading the demo export {path}: {source}")]
    Ingest {
        path: PathBuf,
        #[source]
        source: Box<rapport_ingest::Error>,
    },
}

impl From<rapport_store::Error> for Error {
    fn from(e: rapport_store::Error) -> Error {
        Error::Store(Box::new(e))
    }
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_owned(),
            source,
        }
    }

    pub(crate) fn csv(path: &Path, e: &csv::Error) -> Error {
        Error::Csv {
            path: path.to_owned(),
            message: e.to_string(),
        }
    }

    pub(crate) fn model(e: &dyn std::fmt::Display) -> Error {
        Error::Model(e.to_string())
    }
}

/// One raw export file and how it is loaded.
#[derive(Debug, Clone)]
pub(crate) struct Export {
    entity: &'static str,
    path: PathBuf,
    mapping: Option<PathBuf>,
    /// A shipped preset instead of a mapping file (the export is in that
    /// tool's documented layout).
    preset: Option<&'static str>,
    csv: CsvOptions,
    /// A re-export whose changed records replace the earlier rows
    /// (`rapport ingest --replace`).
    replace: bool,
}

impl Export {
    pub(crate) fn new(entity: &'static str, path: PathBuf) -> Export {
        Export {
            entity,
            path,
            mapping: None,
            preset: None,
            csv: CsvOptions::default(),
            replace: false,
        }
    }

    pub(crate) fn replacing(mut self) -> Export {
        self.replace = true;
        self
    }

    pub(crate) fn with_preset(mut self, preset: &'static str) -> Export {
        self.preset = Some(preset);
        self
    }

    pub(crate) fn with_mapping(mut self, mapping: PathBuf) -> Export {
        self.mapping = Some(mapping);
        self
    }

    pub(crate) fn with_csv(mut self, csv: CsvOptions) -> Export {
        self.csv = csv;
        self
    }
}

/// How to build the demo.
#[derive(Debug, Clone)]
pub struct DemoOptions {
    /// The directory to create (or replace, when an earlier demo made it).
    pub dir: PathBuf,
    pub seed: u64,
    /// The first day of the last month the data covers. `None`: last month.
    pub end_month: Option<NaiveDate>,
}

impl DemoOptions {
    pub fn new(dir: PathBuf, seed: u64) -> DemoOptions {
        DemoOptions {
            dir,
            seed,
            end_month: None,
        }
    }

    /// The first day of the last month covered.
    pub fn last_month(&self) -> NaiveDate {
        self.end_month.unwrap_or_else(|| {
            let today = chrono::Local::now().date_naive();
            let this_month = today.with_day(1).unwrap_or(today);
            this_month
                .checked_sub_months(chrono::Months::new(1))
                .unwrap_or(this_month)
        })
    }
}

/// One load of the demo: which export file, with which mapping, and what
/// ingestion made of it.
#[derive(Debug, Clone)]
pub struct DemoLoad {
    pub export: PathBuf,
    pub mapping: Option<PathBuf>,
    /// The source preset the export was loaded with, if any.
    pub preset: Option<&'static str>,
    pub summary: IngestSummary,
}

/// The kind of business a demo client is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Shop,
    Saas,
    Services,
}

impl Kind {
    /// Its English name, as the demo's JSON gives it (`online shop`).
    pub fn name(self) -> &'static str {
        match self {
            Kind::Shop => "online shop",
            Kind::Saas => "subscription SaaS",
            Kind::Services => "local services",
        }
    }

    /// The key a translation selects its own name by (`shop`).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Shop => "shop",
            Kind::Saas => "saas",
            Kind::Services => "services",
        }
    }
}

/// One demo client and its loads.
#[derive(Debug, Clone)]
pub struct DemoClient {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub loads: Vec<DemoLoad>,
}

/// What [`run`] made.
#[derive(Debug, Clone)]
pub struct DemoOutcome {
    pub workspace: PathBuf,
    pub exports: PathBuf,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub clients: Vec<DemoClient>,
}

/// Rows of every demo load added up, as the demo's closing line reports
/// them; each row of an export is counted once for each entity it fills
/// (a Shopify line is an order's line and a line item), in exactly one of
/// the outcomes (DESIGN.md, "nothing is silently dropped").
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadTotals {
    pub rows_read: u64,
    pub loaded: u64,
    pub quarantined: u64,
    pub duplicates_skipped: u64,
    pub continuation_rows: u64,
}

impl DemoOutcome {
    /// The rows of all loads of all clients, added up.
    pub fn totals(&self) -> LoadTotals {
        let mut t = LoadTotals::default();
        for s in self
            .clients
            .iter()
            .flat_map(|c| &c.loads)
            .flat_map(|l| l.summary.entities())
        {
            t.rows_read += s.rows_read;
            t.loaded += s.loaded;
            t.quarantined += s.quarantined;
            t.duplicates_skipped += s.duplicates_skipped;
            t.continuation_rows += s.continuation_rows;
        }
        t
    }
}

type Generator = fn(&Calendar, &mut Rng8, &Path) -> Result<Vec<Export>, Error>;

/// The demo clients: id, display name, kind, generator.
const CLIENTS: &[(&str, &str, Kind, Generator)] = &[
    ("lumen", "Lumen Home & Garden", Kind::Shop, shop::generate),
    ("cloudnest", "CloudNest", Kind::Saas, saas::generate),
    (
        "brightpaws",
        "Bright Paws Grooming",
        Kind::Services,
        services::generate,
    ),
];

/// Builds the demo workspace: writes each client's exports under
/// `DIR/exports/<client>/` and ingests them into the workspace at `DIR`.
pub fn run(options: &DemoOptions, progress: &dyn Progress) -> Result<DemoOutcome, Error> {
    let dir = &options.dir;
    prepare_dir(dir)?;
    let settings = Settings {
        timezone: common::TZ.name().to_owned(),
        ..Settings::default()
    };
    let ws = Workspace::init(dir, settings)?;
    let cal = Calendar::ending(options.last_month());
    let exports_root = dir.join("exports");
    let mut clients = Vec::new();
    for (k, (id, name, kind, generate)) in CLIENTS.iter().enumerate() {
        // CloudNest's owners are in Tehran: their months are Persian ones.
        let calendar = match *id {
            "cloudnest" => rapport_schema::Calendar::SOLAR_HIJRI,
            _ => rapport_schema::Calendar::ISO,
        };
        ws.add_client_with(id, name, calendar)?;
        let out = exports_root.join(id);
        std::fs::create_dir_all(&out).map_err(|e| Error::io(&out, e))?;
        let mut rng =
            Rng8::seed_from_u64(options.seed.wrapping_mul(1_000_003).wrapping_add(k as u64));
        let exports = generate(&cal, &mut rng, &out)?;
        let mut loads = Vec::new();
        for export in exports {
            loads.push(load(&ws, id, &export, progress)?);
        }
        clients.push(DemoClient {
            id: (*id).to_owned(),
            name: (*name).to_owned(),
            kind: *kind,
            loads,
        });
    }
    Ok(DemoOutcome {
        workspace: dir.clone(),
        exports: exports_root,
        first_day: cal.start,
        last_day: cal.end,
        clients,
    })
}

fn load(
    ws: &Workspace,
    client: &str,
    export: &Export,
    progress: &dyn Progress,
) -> Result<DemoLoad, Error> {
    let ingest_error = |source| Error::Ingest {
        path: export.path.clone(),
        source: Box::new(source),
    };
    let entity = Entity::from_str(export.entity).map_err(|e| Error::model(&e))?;
    let mapping = match (&export.mapping, export.preset) {
        (Some(path), _) => Some(Mapping::from_file(path).map_err(ingest_error)?),
        (None, Some(name)) => Some(
            rapport_ingest::Preset::named(name)
                .and_then(|p| p.mapping())
                .map_err(ingest_error)?,
        ),
        (None, None) => None,
    };
    let request = IngestRequest {
        client: client.to_owned(),
        entity,
        inputs: vec![Input::Path(export.path.clone())],
        mapping,
        csv: export.csv,
        replace: export.replace.into(),
    };
    let summary = rapport_ingest::ingest(ws, &request, progress).map_err(ingest_error)?;
    Ok(DemoLoad {
        export: export.path.clone(),
        mapping: export.mapping.clone(),
        preset: export.preset,
        summary,
    })
}

/// Creates `dir`, or empties it when an earlier demo made it. Anything else
/// that is not empty is refused.
fn prepare_dir(dir: &Path) -> Result<(), Error> {
    if dir.exists() {
        let marker = dir.join(DEMO_MARKER);
        let empty = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_none();
        if marker.exists() {
            std::fs::remove_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        } else if !empty {
            return Err(Error::NotADemo(dir.to_owned()));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let marker = dir.join(DEMO_MARKER);
    std::fs::write(
        &marker,
        "made by `rapport demo`; the next `rapport demo` here replaces this directory\n",
    )
    .map_err(|e| Error::io(&marker, e))
}
