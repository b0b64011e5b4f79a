//! The workspace directory and its catalog.

use std::path::{Path, PathBuf};

use rapport_schema::calendar::weekday_name;
use rapport_schema::{Calendar, CalendarSystem, Entity, validate_client_id};
use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result, io};
use crate::load::{self, PendingLoad};
use crate::migrations::{self, Migrated};
use crate::settings::{Settings, WorkspaceFile};

pub(crate) const SETTINGS_FILE: &str = "rapport.toml";
pub(crate) const CATALOG_FILE: &str = "catalog.sqlite";
/// The lock of the whole workspace that releases before per-client locks
/// held; still honoured when a load of such a release was interrupted.
pub(crate) const LOCK_FILE: &str = ".rapport.lock";
/// One lock file per client: loads of one client wait for each other,
/// loads of different clients run at the same time.
pub(crate) const LOCKS_DIR: &str = "locks";
pub(crate) const DATA_DIR: &str = "data";
pub(crate) const INDEX_DIR: &str = "index";
pub(crate) const QUARANTINE_DIR: &str = "quarantine";
pub(crate) const REPORTS_DIR: &str = "reports";
/// Saved segmentations (`rapport segments --save`), read by segment filters.
pub(crate) const SEGMENTS_DIR: &str = "segments";

/// A client of the agency: the unit of data isolation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub id: String,
    pub name: String,
    /// The calendar its months, quarters and years follow.
    pub calendar: CalendarSystem,
    /// The first day of its week (`monday`, `saturday`, …).
    #[serde(with = "weekday_text")]
    pub week_start: chrono::Weekday,
}

impl Client {
    /// The calendar its periods are read and written in.
    pub fn calendar(&self) -> Calendar {
        Calendar {
            system: self.calendar,
            week_start: self.week_start,
        }
    }
}

/// A weekday as settings write it: `saturday`.
mod weekday_text {
    use rapport_schema::calendar::{parse_weekday, weekday_name};
    use serde::{Deserialize, Deserializer, Serializer};

    pub(super) fn serialize<S: Serializer>(d: &chrono::Weekday, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(weekday_name(*d))
    }

    pub(super) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<chrono::Weekday, D::Error> {
        let text = String::deserialize(d)?;
        parse_weekday(&text).map_err(serde::de::Error::custom)
    }
}

/// A client as the catalog stores it (`SELECT id, name, calendar,
/// week_start`). A value the catalog should not hold (edited by hand) reads
/// as the default rather than hiding the client.
fn client_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Client> {
    let calendar: String = r.get(2)?;
    let week_start: String = r.get(3)?;
    let calendar = calendar.parse().unwrap_or_default();
    Ok(Client {
        id: r.get(0)?,
        name: r.get(1)?,
        calendar,
        week_start: rapport_schema::calendar::parse_weekday(&week_start)
            .unwrap_or_else(|_| calendar.usual_week_start()),
    })
}

/// One committed load, as the catalog records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoadRecord {
    pub id: i64,
    pub client_id: String,
    pub entity: String,
    pub source: String,
    /// The files or query the rows came from.
    pub inputs: Vec<String>,
    pub started_at: String,
    pub finished_at: String,
    pub rows_read: u64,
    pub loaded: u64,
    pub quarantined: u64,
    /// Rows whose key was loaded before with the same values.
    pub duplicates_skipped: u64,
    /// Line-item lines that continued the record above them (Shopify's
    /// extra line items): `rows_read = loaded + quarantined +
    /// duplicates_skipped + continuation_rows`. 0 for loads made before the
    /// catalog recorded them (their line-item lines are in
    /// `duplicates_skipped`).
    pub continuation_rows: u64,
    /// Of `loaded`, rows that replaced an earlier load's row with the same
    /// key (`--replace`); that load's files were rewritten without them.
    pub replaced: u64,
    /// Its rows yield to another source's rows with the same key (see
    /// `rapport_store::LoadOutcome::yields`).
    #[serde(default)]
    pub yields: bool,
    /// Paths relative to the workspace root.
    pub data_file: Option<String>,
    pub index_file: Option<String>,
    pub quarantine_file: Option<String>,
}

/// A target a user set for a metric in a period (`rapport target set`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Target {
    pub metric: String,
    /// A period label: 2026-10, 2026-Q3, 2026, 2026-W41 or a date range.
    pub period: String,
    pub value: f64,
    pub set_at: String,
}

/// An open Rapport workspace (see `shared/DESIGN.md`, "Workspace").
#[derive(Debug, Clone)]
pub struct Workspace {
    root: PathBuf,
    settings: Settings,
    /// The day this process reads the workspace as of, when fixed
    /// (`--as-of`): a server showing a demo, or a reproducible run.
    as_of: Option<chrono::NaiveDate>,
}

impl Workspace {
    /// Creates a workspace in `dir` (created if needed). Refuses a directory
    /// that already has a `rapport.toml`, ours or not.
    pub fn init(dir: &Path, settings: Settings) -> Result<Workspace> {
        let marker = dir.join(SETTINGS_FILE);
        if marker.exists() {
            return match WorkspaceFile::read(&marker) {
                Ok(_) => Err(Error::AlreadyInitialised {
                    dir: dir.to_owned(),
                }),
                Err(e) => Err(e),
            };
        }
        settings.validate(&marker)?;
        for sub in [DATA_DIR, INDEX_DIR, QUARANTINE_DIR, REPORTS_DIR] {
            let p = dir.join(sub);
            std::fs::create_dir_all(&p).map_err(io("cannot create", p))?;
        }
        let root = dir.canonicalize().map_err(io("cannot resolve", dir))?;
        let ws = Workspace {
            root,
            settings,
            as_of: None,
        };
        ws.open_catalog()?;
        // The marker is written last: a workspace is complete once it exists.
        let tmp = ws.root.join("rapport.toml.tmp");
        std::fs::write(&tmp, WorkspaceFile::new(ws.settings.clone()).to_toml())
            .map_err(io("cannot write", &tmp))?;
        std::fs::rename(&tmp, ws.root.join(SETTINGS_FILE)).map_err(io("cannot write", &marker))?;
        Ok(ws)
    }

    /// Opens the workspace in `dir`, with a clear error when there is none.
    pub fn open(dir: &Path) -> Result<Workspace> {
        let marker = dir.join(SETTINGS_FILE);
        if !marker.is_file() {
            return Err(Error::NoWorkspace {
                dir: dir.to_owned(),
            });
        }
        let file = WorkspaceFile::read(&marker)?;
        let root = dir.canonicalize().map_err(io("cannot resolve", dir))?;
        if !root.join(CATALOG_FILE).is_file() {
            return Err(Error::ForeignWorkspace {
                path: marker,
                reason: format!("its directory has no `{CATALOG_FILE}`"),
            });
        }
        let ws = Workspace {
            root,
            settings: file.settings,
            as_of: None,
        };
        load::recover_interrupted(&ws)?;
        Ok(ws)
    }

    /// The workspace directory.
    /// When the catalog last changed, as its file's modification time
    /// and length: any committed change, by any process, changes it. A
    /// server keeps what it read from the catalog with this stamp and
    /// reads again when it differs, at the cost of one `stat`.
    pub fn catalog_stamp(&self) -> Option<(std::time::SystemTime, u64)> {
        let meta = std::fs::metadata(self.root.join(CATALOG_FILE)).ok()?;
        Some((meta.modified().ok()?, meta.len()))
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// The language a workspace's settings name, read without opening its
    /// catalog: the CLI needs it before it knows whether the command
    /// opens the workspace at all. `None` when `dir` is no workspace or
    /// names none (an unreadable file is reported by the command itself).
    pub fn language_at(dir: &Path) -> Option<rapport_locale::Locale> {
        WorkspaceFile::read(&dir.join(SETTINGS_FILE))
            .ok()
            .and_then(|f| f.settings.language)
    }

    /// The settings of `rapport.toml`.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Reads the workspace as of `day` in this process, instead of today
    /// (the CLI's `--as-of`, which `rapport serve` honours too); the file
    /// is not changed.
    pub fn read_as_of(&mut self, day: chrono::NaiveDate) {
        self.as_of = Some(day);
    }

    /// The day fixed by [`Workspace::read_as_of`], if any.
    pub fn fixed_day(&self) -> Option<chrono::NaiveDate> {
        self.as_of
    }

    /// Runs this process's plans on `engine` instead of the one
    /// `rapport.toml` names (the CLI's `--engine`), checked as the setting
    /// is; the file is not changed.
    pub fn use_engine(&mut self, engine: &str) -> Result<()> {
        let mut settings = self.settings.clone();
        settings.engine = engine.to_owned();
        settings.validate(Path::new("--engine"))?;
        self.settings = settings;
        Ok(())
    }

    pub(crate) fn open_catalog(&self) -> Result<Connection> {
        let path = self.root.join(CATALOG_FILE);
        let err = |action| {
            let path = path.clone();
            move |source| Error::Catalog {
                action,
                path,
                source,
            }
        };
        let mut conn = Connection::open(&path).map_err(err("opened"))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(err("opened"))?;
        match migrations::migrate(&mut conn).map_err(err("upgraded"))? {
            Migrated::Current => {}
            Migrated::TooNew(version) => {
                return Err(Error::CatalogTooNew {
                    path,
                    version,
                    supported: migrations::CATALOG_VERSION,
                });
            }
        }
        Ok(conn)
    }

    pub(crate) fn catalog_err(
        &self,
        action: &'static str,
    ) -> impl FnOnce(rusqlite::Error) -> Error {
        let path = self.root.join(CATALOG_FILE);
        move |source| Error::Catalog {
            action,
            path,
            source,
        }
    }

    /// Adds a client on the Gregorian calendar with ISO weeks. Its id
    /// names folders and URLs, so it is validated.
    pub fn add_client(&self, id: &str, name: &str) -> Result<Client> {
        self.add_client_with(id, name, Calendar::ISO)
    }

    /// Adds a client that keeps `calendar`.
    pub fn add_client_with(&self, id: &str, name: &str, calendar: Calendar) -> Result<Client> {
        validate_client_id(id)?;
        let conn = self.open_catalog()?;
        let now = chrono::Utc::now().to_rfc3339();
        let inserted = conn
            .execute(
                "INSERT OR IGNORE INTO clients (id, name, created_at, calendar, week_start) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    id,
                    name,
                    now,
                    calendar.system.name(),
                    weekday_name(calendar.week_start)
                ],
            )
            .map_err(self.catalog_err("updated"))?;
        if inserted == 0 {
            return Err(Error::ClientExists { id: id.to_owned() });
        }
        Ok(Client {
            id: id.to_owned(),
            name: name.to_owned(),
            calendar: calendar.system,
            week_start: calendar.week_start,
        })
    }

    /// Changes a client's name or calendar. Periods already stored as
    /// labels (targets, report runs) keep the calendar they were written
    /// in, so a change of calendar is for a client with no history in the
    /// old one; the CLI says so. A new calendar without a week start takes
    /// that calendar's usual one ([`Calendar::changed`]).
    pub fn update_client(
        &self,
        id: &str,
        name: Option<&str>,
        system: Option<CalendarSystem>,
        week_start: Option<chrono::Weekday>,
    ) -> Result<Client> {
        let mut c = self.client(id)?;
        if let Some(name) = name {
            c.name = name.to_owned();
        }
        let cal = c.calendar().changed(system, week_start);
        c.calendar = cal.system;
        c.week_start = cal.week_start;
        let conn = self.open_catalog()?;
        conn.execute(
            "UPDATE clients SET name = ?2, calendar = ?3, week_start = ?4 WHERE id = ?1",
            params![id, c.name, c.calendar.name(), weekday_name(c.week_start)],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(c)
    }

    /// The calendar a client's periods are read and written in.
    pub fn calendar(&self, client: &str) -> Result<Calendar> {
        Ok(self.client(client)?.calendar())
    }

    /// Sets (or replaces) the target of `metric` in `period` for a client.
    /// The caller checks that the metric and period exist; the catalog
    /// only stores them.
    pub fn set_target(&self, client: &str, metric: &str, period: &str, value: f64) -> Result<()> {
        self.client(client)?;
        let conn = self.open_catalog()?;
        let now = chrono::Utc::now().to_rfc3339();
        conn.execute(
            "INSERT INTO targets (client_id, metric, period, value, set_at) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT (client_id, metric, period) DO UPDATE SET value = excluded.value, set_at = excluded.set_at",
            params![client, metric, period, value, now],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(())
    }

    /// The targets set for a client, by metric and period.
    pub fn targets(&self, client: &str) -> Result<Vec<Target>> {
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare(
                "SELECT metric, period, value, set_at FROM targets WHERE client_id = ?1 ORDER BY metric, period",
            )
            .map_err(self.catalog_err("read"))?;
        let rows = stmt
            .query_map([client], |r| {
                Ok(Target {
                    metric: r.get(0)?,
                    period: r.get(1)?,
                    value: r.get(2)?,
                    set_at: r.get(3)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(self.catalog_err("read"))?;
        Ok(rows)
    }

    /// All clients, ordered by id.
    pub fn clients(&self) -> Result<Vec<Client>> {
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare("SELECT id, name, calendar, week_start FROM clients ORDER BY id")
            .map_err(self.catalog_err("read"))?;
        let rows = stmt
            .query_map([], client_row)
            .and_then(Iterator::collect)
            .map_err(self.catalog_err("read"))?;
        Ok(rows)
    }

    /// The client with this id, or an error listing the known ones.
    pub fn client(&self, id: &str) -> Result<Client> {
        let conn = self.open_catalog()?;
        let found = conn
            .query_row(
                "SELECT id, name, calendar, week_start FROM clients WHERE id = ?1",
                [id],
                client_row,
            )
            .optional()
            .map_err(self.catalog_err("read"))?;
        match found {
            Some(c) => Ok(c),
            None => Err(Error::UnknownClient {
                id: id.to_owned(),
                known: self.clients()?.into_iter().map(|c| c.id).collect(),
            }),
        }
    }

    /// What a client's computed results depend on in the catalog, as one
    /// value that changes whenever any of it does: its newest load, its
    /// latest target change and its newest feedback. A server keeps a
    /// result with the generation it came from and reuses it while the
    /// generation stays the same.
    pub fn data_generation(&self, client: &str) -> Result<String> {
        let conn = self.open_catalog()?;
        conn.query_row(
            "SELECT (SELECT COALESCE(MAX(id), 0) FROM loads WHERE client_id = ?1)
                 || ':' || (SELECT COALESCE(MAX(set_at), '') FROM targets WHERE client_id = ?1)
                 || ':' || (SELECT COALESCE(MAX(id), 0) FROM feedback WHERE client_id = ?1)",
            rusqlite::params![client],
            |r| r.get(0),
        )
        .map_err(self.catalog_err("read"))
    }

    /// Committed loads of a client (all entities when `entity` is `None`),
    /// oldest first.
    pub fn loads(&self, client: &str, entity: Option<Entity>) -> Result<Vec<LoadRecord>> {
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare(
                "SELECT id, client_id, entity, source, inputs, started_at, finished_at, rows_read,
                        loaded, quarantined, duplicates_skipped, data_file, index_file, quarantine_file,
                        replaced, continuation_rows, yields
                 FROM loads WHERE client_id = ?1 AND (?2 IS NULL OR entity = ?2) ORDER BY id",
            )
            .map_err(self.catalog_err("read"))?;
        let rows = stmt
            .query_map(params![client, entity.map(Entity::name)], |r| {
                let inputs: String = r.get(4)?;
                Ok(LoadRecord {
                    id: r.get(0)?,
                    client_id: r.get(1)?,
                    entity: r.get(2)?,
                    source: r.get(3)?,
                    inputs: serde_json::from_str(&inputs).unwrap_or_else(|_| vec![inputs]),
                    started_at: r.get(5)?,
                    finished_at: r.get(6)?,
                    rows_read: r.get(7)?,
                    loaded: r.get(8)?,
                    quarantined: r.get(9)?,
                    duplicates_skipped: r.get(10)?,
                    data_file: r.get(11)?,
                    index_file: r.get(12)?,
                    quarantine_file: r.get(13)?,
                    replaced: r.get(14)?,
                    continuation_rows: r.get(15)?,
                    yields: r.get(16)?,
                })
            })
            .and_then(Iterator::collect)
            .map_err(self.catalog_err("read"))?;
        Ok(rows)
    }

    /// The committed Parquet data files of one client's entity, oldest load
    /// first. Only these files are data: anything else on disk is not.
    pub fn data_files(&self, client: &str, entity: Entity) -> Result<Vec<PathBuf>> {
        Ok(self
            .loads(client, Some(entity))?
            .into_iter()
            .filter_map(|l| l.data_file)
            .map(|f| self.root.join(f))
            .collect())
    }

    /// The committed key-index files (key hash, row hash) of one client's
    /// entity: what the duplicate check compares new rows against.
    pub fn index_files(&self, client: &str, entity: Entity) -> Result<Vec<PathBuf>> {
        Ok(self
            .loads(client, Some(entity))?
            .into_iter()
            .filter_map(|l| l.index_file)
            .map(|f| self.root.join(f))
            .collect())
    }

    /// Starts a load of `entity` for `client`. It takes the workspace's load
    /// lock (waiting for another load to finish), sweeps away what earlier,
    /// interrupted loads left behind, and hands out the staging paths.
    pub fn begin_load(&self, client: &str, entity: Entity) -> Result<PendingLoad> {
        self.client(client)?;
        let mut loads = load::begin(self, client, &[entity])?;
        Ok(loads.remove(0))
    }

    /// Begins the loads of one group: several entities of `client` filled
    /// from one export, under one lock, committed together by
    /// [`crate::commit_group`]. Ids are consecutive, in `entities`' order.
    pub fn begin_loads(&self, client: &str, entities: &[Entity]) -> Result<Vec<PendingLoad>> {
        self.client(client)?;
        load::begin(self, client, entities)
    }

    /// Uploads `client`'s committed data files and saved segments that the
    /// bucket of `[settings.storage]` lacks, and removes the objects of
    /// loads that never committed; nothing to do without storage.
    pub fn sync_storage(&self, client: &str) -> Result<crate::SyncSummary> {
        self.client(client)?;
        load::sync_storage(self, client)
    }

    /// Publishes a saved segment file (`segments/<client>/<name>.parquet`)
    /// to the bucket of `[settings.storage]`, so segment filters read it on
    /// a cluster's executors; other files and workspaces without storage
    /// are left alone.
    pub fn publish(&self, file: &Path) -> Result<()> {
        let (Some(storage), Ok(rel)) = (&self.settings.storage, file.strip_prefix(&self.root))
        else {
            return Ok(());
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel.starts_with(&format!("{SEGMENTS_DIR}/")) && rel.ends_with(".parquet") {
            storage.upload(&self.root, &[rel])?;
        }
        Ok(())
    }

    /// The folder saved segmentations of a client are written to.
    pub fn segments_dir(&self, client: &str) -> PathBuf {
        self.root.join(SEGMENTS_DIR).join(client)
    }

    /// The folder per-customer predictions of a client are written to.
    pub fn predictions_dir(&self, client: &str) -> PathBuf {
        self.root.join("predictions").join(client)
    }

    /// The folder reports of a client are written to.
    pub fn reports_dir(&self, client: &str) -> PathBuf {
        self.root.join(REPORTS_DIR).join(client)
    }
}
