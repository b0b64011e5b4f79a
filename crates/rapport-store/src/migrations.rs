//! The catalog's schema, as forward-only migrations.
//!
//! The catalog records its schema version in SQLite's `user_version`. On
//! every open, the migrations above that version run in order, in one
//! transaction that holds the write lock (so two processes opening an old
//! catalog migrate it once), and the version is set to the last. Adding a
//! table (users, tokens, report runs, …) is one more entry at the end of
//! [`MIGRATIONS`]; an entry that has shipped is never changed.

use rusqlite::{Connection, Transaction, TransactionBehavior};

/// One step of the schema.
struct Migration {
    /// The version the catalog has after this step.
    version: u32,
    apply: fn(&Transaction<'_>) -> rusqlite::Result<()>,
}

/// Every step, in order.
const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        apply: clients_loads_targets,
    },
    Migration {
        version: 2,
        apply: loads_count_line_items,
    },
    Migration {
        version: 3,
        apply: load_reservations,
    },
    Migration {
        version: 4,
        apply: report_runs_feedback,
    },
    Migration {
        version: 5,
        apply: schedules,
    },
    Migration {
        version: 6,
        apply: client_calendars,
    },
    Migration {
        version: 7,
        apply: loads_that_yield,
    },
    Migration {
        version: 8,
        apply: users_tokens_audit,
    },
];

/// The schema version this build writes.
pub const CATALOG_VERSION: u32 = 8;

/// Version 1: clients, loads and targets. Catalogs made before `--replace`
/// existed are version 1 without `loads.replaced`; version 2 adds it.
fn clients_loads_targets(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE IF NOT EXISTS clients (
            id          TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            created_at  TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS loads (
            id                  INTEGER PRIMARY KEY,
            client_id           TEXT NOT NULL REFERENCES clients(id),
            entity              TEXT NOT NULL,
            source              TEXT NOT NULL,
            inputs              TEXT NOT NULL,
            started_at          TEXT NOT NULL,
            finished_at         TEXT NOT NULL,
            rows_read           INTEGER NOT NULL,
            loaded              INTEGER NOT NULL,
            quarantined         INTEGER NOT NULL,
            duplicates_skipped  INTEGER NOT NULL,
            data_file           TEXT,
            index_file          TEXT,
            quarantine_file     TEXT
        );
        CREATE TABLE IF NOT EXISTS targets (
            client_id   TEXT NOT NULL REFERENCES clients(id),
            metric      TEXT NOT NULL,
            period      TEXT NOT NULL,
            value       REAL NOT NULL,
            set_at      TEXT NOT NULL,
            PRIMARY KEY (client_id, metric, period)
        );",
    )
}

/// Version 2: a load counts the rows that replaced earlier ones
/// (`replaced`) and the line-item lines that continued the record above
/// (`continuation_rows`) apart from its duplicates. Loads made before keep
/// their line-item lines inside `duplicates_skipped` (the split was not
/// recorded) and show 0 here.
fn loads_count_line_items(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    if !has_column(tx, "loads", "replaced")? {
        tx.execute_batch("ALTER TABLE loads ADD COLUMN replaced INTEGER NOT NULL DEFAULT 0")?;
    }
    tx.execute_batch("ALTER TABLE loads ADD COLUMN continuation_rows INTEGER NOT NULL DEFAULT 0")
}

/// Version 3: loads of different clients run at the same time, so a load
/// reserves its id when it begins (the id names its files) instead of
/// taking the next one under a lock of the whole workspace.
fn load_reservations(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE load_reservations (
            id          INTEGER PRIMARY KEY,
            client_id   TEXT NOT NULL,
            started_at  TEXT NOT NULL
        )",
    )
}

/// Version 4: every report made is a run in the catalog (when, for which
/// period, where its files are, what became of it), and a client's rating
/// and comment on a run are kept until a later report answers them.
fn report_runs_feedback(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE report_runs (
            id          INTEGER PRIMARY KEY,
            client_id   TEXT NOT NULL REFERENCES clients(id),
            period      TEXT NOT NULL,
            as_of       TEXT NOT NULL,
            started_at  TEXT NOT NULL,
            finished_at TEXT,
            status      TEXT NOT NULL,
            dir         TEXT,
            note        TEXT
        );
        CREATE TABLE feedback (
            id            INTEGER PRIMARY KEY,
            client_id     TEXT NOT NULL REFERENCES clients(id),
            report_run_id INTEGER NOT NULL REFERENCES report_runs(id),
            rating        INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            comment       TEXT,
            given_at      TEXT NOT NULL,
            answered_in   INTEGER REFERENCES report_runs(id)
        );",
    )
}

/// Version 5: report schedules, and one row per schedule and period that
/// makes a scheduled report due once: it is claimed before rendering and
/// finished after delivery, so a second run finds it done and a crashed
/// one finds it unfinished. A removed schedule keeps its row (its runs
/// point to it), marked `removed_at`.
fn schedules(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE schedules (
            id          INTEGER PRIMARY KEY,
            client_id   TEXT NOT NULL REFERENCES clients(id),
            every       TEXT NOT NULL,
            day         INTEGER NOT NULL,
            at          TEXT NOT NULL,
            timezone    TEXT NOT NULL,
            deliver     TEXT NOT NULL,
            mail_from   TEXT,
            mail_to     TEXT,
            html        TEXT NOT NULL,
            wait_hours  INTEGER NOT NULL,
            approval    INTEGER NOT NULL,
            language    TEXT,
            created_at  TEXT NOT NULL,
            removed_at  TEXT
        );
        CREATE TABLE schedule_runs (
            id            INTEGER PRIMARY KEY,
            schedule_id   INTEGER NOT NULL REFERENCES schedules(id),
            period        TEXT NOT NULL,
            due_at        TEXT NOT NULL,
            state         TEXT NOT NULL,
            report_run_id INTEGER REFERENCES report_runs(id),
            delivered_to  TEXT,
            attempts      INTEGER NOT NULL DEFAULT 0,
            note          TEXT,
            updated_at    TEXT NOT NULL,
            UNIQUE (schedule_id, period)
        );",
    )
}

/// Version 6: each client keeps its own calendar (Gregorian, or Solar
/// Hijri for Iranian businesses) and first day of the week; clients made
/// before keep Gregorian months and ISO weeks from Monday.
fn client_calendars(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "ALTER TABLE clients ADD COLUMN calendar TEXT NOT NULL DEFAULT 'gregorian';
         ALTER TABLE clients ADD COLUMN week_start TEXT NOT NULL DEFAULT 'monday';",
    )
}

/// Version 7: a load whose rows yield to another source's rows with the
/// same key (customers read from an order export, which a CRM's customers
/// then replace) says so; earlier loads never yield.
fn loads_that_yield(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch("ALTER TABLE loads ADD COLUMN yields INTEGER NOT NULL DEFAULT 0")
}

/// Version 8: the server's users (with the clients an analyst or a viewer
/// may see), their API tokens (a digest, never the secret), and the audit
/// log of logins, changes and downloads.
fn users_tokens_audit(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch(
        "CREATE TABLE users (
            email         TEXT PRIMARY KEY,
            role          TEXT NOT NULL CHECK (role IN ('admin', 'analyst', 'viewer')),
            password_hash TEXT NOT NULL,
            created_at    TEXT NOT NULL
        );
        CREATE TABLE user_clients (
            email     TEXT NOT NULL REFERENCES users(email),
            client_id TEXT NOT NULL REFERENCES clients(id),
            PRIMARY KEY (email, client_id)
        );
        CREATE TABLE tokens (
            id            INTEGER PRIMARY KEY,
            email         TEXT NOT NULL,
            secret_digest TEXT NOT NULL UNIQUE,
            label         TEXT,
            created_at    TEXT NOT NULL,
            expires_at    TEXT,
            revoked_at    TEXT,
            last_used_at  TEXT
        );
        CREATE TABLE audit_log (
            id     INTEGER PRIMARY KEY,
            at     TEXT NOT NULL,
            actor  TEXT NOT NULL,
            action TEXT NOT NULL,
            target TEXT,
            source TEXT
        );",
    )
}

fn has_column(tx: &Transaction<'_>, table: &str, column: &str) -> rusqlite::Result<bool> {
    tx.query_row(
        "SELECT count(*) > 0 FROM pragma_table_info(?1) WHERE name = ?2",
        [table, column],
        |r| r.get(0),
    )
}

fn version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// What [`migrate`] found.
pub(crate) enum Migrated {
    /// The catalog is at [`CATALOG_VERSION`] (now or already).
    Current,
    /// The catalog was written by a newer Rapport.
    TooNew(u32),
}

/// Brings the catalog up to [`CATALOG_VERSION`].
pub(crate) fn migrate(conn: &mut Connection) -> rusqlite::Result<Migrated> {
    let found = version(conn)?;
    if found == CATALOG_VERSION {
        return Ok(Migrated::Current);
    }
    if found > CATALOG_VERSION {
        return Ok(Migrated::TooNew(found));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Another process may have migrated while this one waited for the lock.
    let found = version(&tx)?;
    for m in MIGRATIONS.iter().filter(|m| m.version > found) {
        (m.apply)(&tx)?;
        tx.pragma_update(None, "user_version", m.version)?;
    }
    tx.commit()?;
    Ok(Migrated::Current)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_last_migration_is_the_catalog_version_and_versions_count_up() {
        for (i, m) in MIGRATIONS.iter().enumerate() {
            assert_eq!(m.version as usize, i + 1);
        }
        assert_eq!(MIGRATIONS.last().map(|m| m.version), Some(CATALOG_VERSION));
    }

    #[test]
    fn a_new_catalog_and_an_old_one_end_with_the_same_schema() {
        let schema = |conn: &Connection| -> Vec<String> {
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_table_info('loads') ORDER BY name")
                .expect("prepare");
            stmt.query_map([], |r| r.get(0))
                .and_then(Iterator::collect)
                .expect("columns")
        };
        let mut new = Connection::open_in_memory().expect("memory");
        assert!(matches!(migrate(&mut new), Ok(Migrated::Current)));
        // Version 1 as the first releases wrote it: no `replaced` column.
        let mut old = Connection::open_in_memory().expect("memory");
        {
            let tx = old.transaction().expect("tx");
            clients_loads_targets(&tx).expect("v1");
            tx.pragma_update(None, "user_version", 1).expect("version");
            tx.commit().expect("commit");
        }
        assert!(matches!(migrate(&mut old), Ok(Migrated::Current)));
        assert_eq!(schema(&old), schema(&new));
        assert_eq!(version(&old).expect("version"), CATALOG_VERSION);
        // Opening again changes nothing.
        assert!(matches!(migrate(&mut old), Ok(Migrated::Current)));
        old.pragma_update(None, "user_version", CATALOG_VERSION + 1)
            .expect("newer");
        assert!(matches!(migrate(&mut old), Ok(Migrated::TooNew(v)) if v == CATALOG_VERSION + 1));
    }
}
