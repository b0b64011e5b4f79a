//! Atomic loads.
//!
//! A load writes its files under staging names (`*.tmp`), syncs them,
//! renames them to their final names and only then records the load in the
//! catalog, in one SQLite transaction. The catalog is the single source of
//! truth: a file that no committed load names is not data. A load holds an
//! exclusive lock on its client (`locks/<client>.lock`), so loads of one
//! client wait for each other and loads of different clients run at the
//! same time; whoever takes a client's lock first sweeps away the files an
//! interrupted load of that client left (staged or renamed but never
//! recorded). So a load killed at any moment leaves the workspace as it was:
//! queries never see its rows, and the next load removes its traces. A load
//! reserves its id in the catalog when it begins (the id names its files).
//!
//! With object storage (`[settings.storage]`, see the `storage` module) a
//! load also uploads its data files, after they are durable here and before
//! the catalog transaction, so the commit stays the one point where they
//! become data; the client's next load removes the objects of a load that
//! never committed.

use std::collections::HashSet;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use rapport_schema::Entity;
use rusqlite::params;

use crate::error::{Result, io};
use crate::workspace::{
    DATA_DIR, INDEX_DIR, LOCK_FILE, LOCKS_DIR, LoadRecord, QUARANTINE_DIR, Workspace,
};

/// What a finished load reports to the catalog.
#[derive(Debug, Clone, Default)]
pub struct LoadOutcome {
    /// The system the rows came from (the mapping's `source`).
    pub source: String,
    /// The files or query read.
    pub inputs: Vec<String>,
    pub rows_read: u64,
    pub loaded: u64,
    pub quarantined: u64,
    pub duplicates_skipped: u64,
    /// Line-item lines that continued the record above (not duplicates).
    pub continuation_rows: u64,
    /// Of `loaded`, the rows that replaced an earlier load's row with the
    /// same key (`rapport ingest --replace`).
    pub replaced: u64,
    /// The rows yield to another source's rows with the same key: a later
    /// load of another source replaces them instead of conflicting.
    pub yields: bool,
}

/// A load in progress: holds its client's load lock until it is committed
/// or dropped. Dropping it without [`PendingLoad::commit`] discards it.
#[derive(Debug)]
pub struct PendingLoad {
    ws: Workspace,
    // Held for its lock, shared by the loads of one group; released when
    // the last of them ends or the process dies.
    _lock: std::sync::Arc<File>,
    id: i64,
    client: String,
    entity: Entity,
    started_at: String,
    committed: bool,
    /// Earlier loads whose files this load rewrites without the rows it
    /// replaces (staged at [`PendingLoad::staging_rewrite_paths`]).
    rewrites: Vec<i64>,
}

fn client_lock(ws: &Workspace, client: &str) -> PathBuf {
    ws.root().join(LOCKS_DIR).join(format!("{client}.lock"))
}

/// Takes `client`'s load lock, waiting for a load that holds it.
fn lock_client(ws: &Workspace, client: &str) -> Result<File> {
    let locks = ws.root().join(LOCKS_DIR);
    std::fs::create_dir_all(&locks).map_err(io("cannot create", &locks))?;
    let lock_path = client_lock(ws, client);
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&lock_path)
        .map_err(io("cannot open the load lock", &lock_path))?;
    lock.lock()
        .map_err(io("cannot take the load lock", &lock_path))?;
    Ok(lock)
}

pub(crate) fn begin(ws: &Workspace, client: &str, entities: &[Entity]) -> Result<Vec<PendingLoad>> {
    let lock = lock_client(ws, client)?;
    let lock_path = client_lock(ws, client);
    let committed = sweep_uncommitted(ws, Some(client))?;
    sweep_storage(ws, client, &committed)?;
    let first = reserve_ids(ws, client, entities.len())?;
    // A non-empty lock file says "a load may have been interrupted": the
    // next open of the workspace then sweeps without waiting for a load.
    (&lock)
        .write_all(format!("load {first} in progress\n").as_bytes())
        .map_err(io("cannot write the load lock", &lock_path))?;
    for entity in entities {
        for dir in [
            ws.root().join(DATA_DIR).join(client).join(entity.name()),
            ws.root().join(INDEX_DIR).join(client).join(entity.name()),
            ws.root().join(QUARANTINE_DIR).join(client),
        ] {
            std::fs::create_dir_all(&dir).map_err(io("cannot create", &dir))?;
        }
    }
    let lock = std::sync::Arc::new(lock);
    let started_at = chrono::Utc::now().to_rfc3339();
    Ok(entities
        .iter()
        .zip(first..)
        .map(|(&entity, id)| PendingLoad {
            ws: ws.clone(),
            _lock: std::sync::Arc::clone(&lock),
            id,
            client: client.to_owned(),
            entity,
            started_at: started_at.clone(),
            committed: false,
            rewrites: Vec::new(),
        })
        .collect())
}

/// Reserves the next `n` load ids for `client`, whose lock the caller
/// holds (so the client's earlier reservations are stale: their loads
/// ended), and returns the first.
fn reserve_ids(ws: &Workspace, client: &str, n: usize) -> Result<i64> {
    let mut conn = ws.open_catalog()?;
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .map_err(ws.catalog_err("updated"))?;
    tx.execute(
        "DELETE FROM load_reservations WHERE client_id = ?1",
        params![client],
    )
    .map_err(ws.catalog_err("updated"))?;
    let first: i64 = tx
        .query_row(
            "SELECT MAX((SELECT COALESCE(MAX(id), 0) FROM loads),
                        (SELECT COALESCE(MAX(id), 0) FROM load_reservations)) + 1",
            [],
            |r| r.get(0),
        )
        .map_err(ws.catalog_err("read"))?;
    let now = chrono::Utc::now().to_rfc3339();
    for id in (first..).take(n) {
        tx.execute(
            "INSERT INTO load_reservations (id, client_id, started_at) VALUES (?1, ?2, ?3)",
            params![id, client, now],
        )
        .map_err(ws.catalog_err("updated"))?;
    }
    tx.commit().map_err(ws.catalog_err("updated"))?;
    Ok(first)
}

impl PendingLoad {
    /// The id the load will have once committed.
    pub fn id(&self) -> i64 {
        self.id
    }

    /// The client being loaded.
    pub fn client(&self) -> &str {
        &self.client
    }

    /// The entity being loaded.
    pub fn entity(&self) -> Entity {
        self.entity
    }

    fn data_rel(&self) -> PathBuf {
        Path::new(DATA_DIR)
            .join(&self.client)
            .join(self.entity.name())
            .join(format!("{}.parquet", self.id))
    }

    fn index_rel(&self) -> PathBuf {
        Path::new(INDEX_DIR)
            .join(&self.client)
            .join(self.entity.name())
            .join(format!("{}.parquet", self.id))
    }

    /// The data and index files of earlier load `old` as this load rewrites
    /// them: `<old>-r<this>.parquet`, so each version has its own name and
    /// the catalog switches between them in one transaction.
    fn rewrite_rels(&self, old: i64) -> [PathBuf; 2] {
        [DATA_DIR, INDEX_DIR].map(|top| {
            Path::new(top)
                .join(&self.client)
                .join(self.entity.name())
                .join(format!("{old}-r{}.parquet", self.id))
        })
    }

    /// Where this load stages the rewritten data and index files of the
    /// earlier load `old`; [`PendingLoad::commit`] makes them the files of
    /// `old` together with this load's own.
    pub fn staging_rewrite_paths(&mut self, old: i64) -> (PathBuf, PathBuf) {
        if !self.rewrites.contains(&old) {
            self.rewrites.push(old);
        }
        let [data, index] = self.rewrite_rels(old);
        (self.staging(&data), self.staging(&index))
    }

    fn quarantine_rel(&self) -> PathBuf {
        Path::new(QUARANTINE_DIR).join(&self.client).join(format!(
            "{}-{}.csv",
            self.id,
            self.entity.name()
        ))
    }

    fn staging(&self, rel: &Path) -> PathBuf {
        let mut p = self.ws.root().join(rel).into_os_string();
        p.push(".tmp");
        PathBuf::from(p)
    }

    /// Where the loaded rows are staged (Parquet, canonical schema).
    pub fn staging_data_path(&self) -> PathBuf {
        self.staging(&self.data_rel())
    }

    /// Where the key index of the loaded rows is staged.
    pub fn staging_index_path(&self) -> PathBuf {
        self.staging(&self.index_rel())
    }

    /// Where quarantined rows are staged (CSV).
    pub fn staging_quarantine_path(&self) -> PathBuf {
        self.staging(&self.quarantine_rel())
    }

    /// Where the quarantine file will be once committed.
    pub fn quarantine_path(&self) -> PathBuf {
        self.ws.root().join(self.quarantine_rel())
    }

    /// Makes the load visible: syncs and renames the staged files that exist,
    /// then records the load in the catalog. Until the catalog transaction
    /// commits, nothing of this load is data.
    pub fn commit(self, outcome: &LoadOutcome) -> Result<LoadRecord> {
        let mut records = commit_group(vec![(self, outcome)])?;
        Ok(records.remove(0))
    }

    /// Syncs the staged files that exist and renames them to their final
    /// names (still not data: the catalog does not name them yet).
    fn place_files(&self) -> Result<Placed> {
        let mut finals: [Option<String>; 3] = [None, None, None];
        for (slot, rel) in
            finals
                .iter_mut()
                .zip([self.data_rel(), self.index_rel(), self.quarantine_rel()])
        {
            let staged = self.staging(&rel);
            if !staged.exists() {
                continue;
            }
            self.place(&rel)?;
            *slot = Some(rel.to_string_lossy().replace('\\', "/"));
        }
        // Rewritten files of earlier loads: durable under their new names
        // before the catalog points at them.
        let mut rewritten: Vec<(i64, String, String)> = Vec::new();
        for &old in &self.rewrites {
            let rels = self.rewrite_rels(old);
            for rel in &rels {
                self.place(rel)?;
            }
            let [data, index] = rels.map(|r| r.to_string_lossy().replace('\\', "/"));
            rewritten.push((old, data, index));
        }
        Ok(Placed { finals, rewritten })
    }

    /// Syncs one staged file and renames it to `rel`, durably.
    fn place(&self, rel: &Path) -> Result<()> {
        let staged = self.staging(rel);
        File::open(&staged)
            .and_then(|f| f.sync_all())
            .map_err(io("cannot sync", &staged))?;
        let target = self.ws.root().join(rel);
        std::fs::rename(&staged, &target).map_err(io("cannot rename", &staged))?;
        if let Some(parent) = target.parent() {
            // Make the rename durable before the catalog names the file.
            let _ = File::open(parent).and_then(|d| d.sync_all());
        }
        Ok(())
    }

    /// Records the load in the catalog transaction `tx`; returns the files
    /// of the earlier loads it rewrote, to remove once committed.
    fn record(
        &self,
        tx: &rusqlite::Transaction<'_>,
        placed: &Placed,
        outcome: &LoadOutcome,
        finished_at: &str,
    ) -> Result<Vec<String>> {
        let inputs = serde_json::to_string(&outcome.inputs).unwrap_or_else(|_| "[]".into());
        tx.execute(
            "DELETE FROM load_reservations WHERE id = ?1",
            params![self.id],
        )
        .map_err(self.ws.catalog_err("updated"))?;
        let mut superseded_files: Vec<String> = Vec::new();
        for (old, data, index) in &placed.rewritten {
            let (old_data, old_index): (Option<String>, Option<String>) = tx
                .query_row(
                    "SELECT data_file, index_file FROM loads WHERE id = ?1",
                    params![old],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .map_err(self.ws.catalog_err("read"))?;
            superseded_files.extend(old_data.into_iter().chain(old_index));
            tx.execute(
                "UPDATE loads SET data_file = ?1, index_file = ?2 WHERE id = ?3",
                params![data, index, old],
            )
            .map_err(self.ws.catalog_err("updated"))?;
        }
        let [data_file, index_file, quarantine_file] = &placed.finals;
        tx.execute(
            "INSERT INTO loads (id, client_id, entity, source, inputs, started_at, finished_at,
                                rows_read, loaded, quarantined, duplicates_skipped,
                                data_file, index_file, quarantine_file, replaced, continuation_rows,
                                yields)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
            params![
                self.id,
                self.client,
                self.entity.name(),
                outcome.source,
                inputs,
                self.started_at,
                finished_at,
                outcome.rows_read,
                outcome.loaded,
                outcome.quarantined,
                outcome.duplicates_skipped,
                data_file,
                index_file,
                quarantine_file,
                outcome.replaced,
                outcome.continuation_rows,
                outcome.yields,
            ],
        )
        .map_err(self.ws.catalog_err("updated"))?;
        Ok(superseded_files)
    }
}

/// A load's files under their final names, not yet in the catalog.
struct Placed {
    /// Data, index and quarantine file, where the load wrote one.
    finals: [Option<String>; 3],
    /// Earlier loads this one rewrote: (load, data file, index file).
    rewritten: Vec<(i64, String, String)>,
}

impl Placed {
    /// The data files the executors read: this load's and the rewritten
    /// ones (index and quarantine files stay with the catalog).
    fn data_files(&self) -> impl Iterator<Item = String> + '_ {
        self.finals[0]
            .iter()
            .cloned()
            .chain(self.rewritten.iter().map(|(_, data, _)| data.clone()))
    }
}

/// Commits the loads of one group (begun together by
/// [`Workspace::begin_loads`]) in one catalog transaction: either all of
/// them become data or none does. This is how one export that fills
/// several entities (Shopify's orders, their line items and customers)
/// stays atomic.
pub fn commit_group(mut loads: Vec<(PendingLoad, &LoadOutcome)>) -> Result<Vec<LoadRecord>> {
    let Some(ws) = loads.first().map(|(l, _)| l.ws.clone()) else {
        return Ok(Vec::new());
    };
    let mut placed = Vec::with_capacity(loads.len());
    for (load, _) in &loads {
        placed.push(load.place_files()?);
    }
    if let Some(storage) = &ws.settings().storage {
        let published: Vec<String> = placed.iter().flat_map(Placed::data_files).collect();
        storage.upload(ws.root(), &published)?;
    }
    let finished_at = chrono::Utc::now().to_rfc3339();
    let mut conn = ws.open_catalog()?;
    let tx = conn.transaction().map_err(ws.catalog_err("updated"))?;
    let mut superseded_files: Vec<String> = Vec::new();
    for ((load, outcome), placed) in loads.iter().zip(&placed) {
        superseded_files.extend(load.record(&tx, placed, outcome, &finished_at)?);
    }
    tx.commit().map_err(ws.catalog_err("updated"))?;
    for (load, _) in &mut loads {
        load.committed = true;
    }
    // The replaced versions are no longer data. Best effort: a query
    // that opened one before the commit keeps reading it, and what is
    // left is swept at the next load.
    for f in &superseded_files {
        let _ = std::fs::remove_file(ws.root().join(f));
    }
    if let Some(storage) = &ws.settings().storage {
        let data: Vec<String> = superseded_files
            .into_iter()
            .filter(|f| f.starts_with(&format!("{DATA_DIR}/")))
            .collect();
        let _ = storage.remove(&data);
    }
    // Nothing is left to sweep. Best effort: a stale marker only costs
    // one sweep at the next open.
    if let Some((load, _)) = loads.first() {
        let _ = load._lock.set_len(0);
    }
    Ok(loads
        .iter()
        .zip(placed)
        .map(|((load, outcome), placed)| {
            let [data_file, index_file, quarantine_file] = placed.finals;
            LoadRecord {
                id: load.id,
                client_id: load.client.clone(),
                entity: load.entity.name().to_owned(),
                source: outcome.source.clone(),
                inputs: outcome.inputs.clone(),
                started_at: load.started_at.clone(),
                finished_at: finished_at.clone(),
                rows_read: outcome.rows_read,
                loaded: outcome.loaded,
                quarantined: outcome.quarantined,
                duplicates_skipped: outcome.duplicates_skipped,
                continuation_rows: outcome.continuation_rows,
                replaced: outcome.replaced,
                yields: outcome.yields,
                data_file,
                index_file,
                quarantine_file,
            }
        })
        .collect())
}

impl Drop for PendingLoad {
    fn drop(&mut self) {
        if !self.committed {
            for rel in [self.data_rel(), self.index_rel(), self.quarantine_rel()] {
                let _ = std::fs::remove_file(self.staging(&rel));
            }
            for &old in &self.rewrites {
                for rel in self.rewrite_rels(old) {
                    let _ = std::fs::remove_file(self.staging(&rel));
                }
            }
            if let Ok(committed) = sweep_uncommitted(&self.ws, Some(&self.client)) {
                let _ = self._lock.set_len(0);
                // Best effort: the client's next load sweeps what is left.
                let _ = sweep_storage(&self.ws, &self.client, &committed);
            }
            if let Ok(conn) = self.ws.open_catalog() {
                let _ = conn.execute(
                    "DELETE FROM load_reservations WHERE id = ?1",
                    params![self.id],
                );
            }
        }
    }
}

/// Whether a file name is one a load writes (so that the sweep never touches
/// a file a person put there).
fn is_load_file(name: &str) -> bool {
    let name = name.strip_suffix(".tmp").unwrap_or(name);
    let stem = name
        .strip_suffix(".parquet")
        .or_else(|| name.strip_suffix(".csv"))
        .unwrap_or("");
    let id = stem.split_once('-').map_or(stem, |(id, _)| id);
    !id.is_empty() && id.bytes().all(|b| b.is_ascii_digit())
}

/// After a load was killed: sweeps its traces if no load of its client is
/// running now. Cheap when there is nothing to do (a `stat` per lock file).
pub(crate) fn recover_interrupted(ws: &Workspace) -> Result<()> {
    // The whole workspace's lock of earlier releases, then each client's.
    let mut locks = vec![(ws.root().join(LOCK_FILE), None)];
    if let Ok(entries) = std::fs::read_dir(ws.root().join(LOCKS_DIR)) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if let Some(client) = name.strip_suffix(".lock") {
                locks.push((entry.path(), Some(client.to_owned())));
            }
        }
    }
    for (lock_path, client) in locks {
        let interrupted = std::fs::metadata(&lock_path).is_ok_and(|m| m.len() > 0);
        if !interrupted {
            continue;
        }
        // A read-only workspace cannot be swept, but can still be read:
        // the catalog alone decides what is data.
        let Ok(lock) = File::options().write(true).open(&lock_path) else {
            continue;
        };
        if lock.try_lock().is_err() {
            // A load is running; it is not ours to clean up.
            continue;
        }
        sweep_uncommitted(ws, client.as_deref())?;
        lock.set_len(0)
            .map_err(io("cannot reset the load lock", &lock_path))?;
    }
    Ok(())
}

/// The workspace-relative paths of the files committed loads name.
fn committed_files(ws: &Workspace) -> Result<HashSet<String>> {
    let conn = ws.open_catalog()?;
    let mut stmt = conn
        .prepare("SELECT data_file, index_file, quarantine_file FROM loads")
        .map_err(ws.catalog_err("read"))?;
    let mut referenced = HashSet::new();
    let rows = stmt
        .query_map([], |r| {
            Ok([
                r.get::<_, Option<String>>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ])
        })
        .map_err(ws.catalog_err("read"))?;
    for row in rows {
        referenced.extend(row.map_err(ws.catalog_err("read"))?.into_iter().flatten());
    }
    Ok(referenced)
}

/// Removes the objects of `client`'s loads that never committed (uploaded,
/// then interrupted before the catalog named them); the caller holds the
/// client's lock; `committed` is what [`sweep_uncommitted`] found
/// committed. Returns how many it removed.
fn sweep_storage(ws: &Workspace, client: &str, committed: &HashSet<String>) -> Result<u64> {
    let Some(storage) = &ws.settings().storage else {
        return Ok(0);
    };
    let orphans: Vec<String> = storage
        .list(&format!("{DATA_DIR}/{client}/"))?
        .into_keys()
        .filter(|rel| {
            let name = rel.rsplit('/').next().unwrap_or("");
            is_load_file(name) && !committed.contains(rel)
        })
        .collect();
    storage.remove(&orphans)?;
    Ok(orphans.len() as u64)
}

/// Makes the bucket hold exactly `client`'s committed data files and its
/// saved segments: removes the orphans of interrupted loads and uploads
/// what is missing (a workspace that had loads before it had storage, or a
/// bucket that was emptied). Holds the client's lock, so no load runs
/// meanwhile.
pub(crate) fn sync_storage(ws: &Workspace, client: &str) -> Result<crate::SyncSummary> {
    let Some(storage) = &ws.settings().storage else {
        return Ok(crate::SyncSummary::default());
    };
    let _lock = lock_client(ws, client)?;
    let committed = sweep_uncommitted(ws, Some(client))?;
    let removed = sweep_storage(ws, client, &committed)?;
    let mut wanted: Vec<String> = ws
        .loads(client, None)?
        .into_iter()
        .filter_map(|l| l.data_file)
        .collect();
    let segments = ws.segments_dir(client);
    if let Ok(entries) = std::fs::read_dir(&segments) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".parquet") {
                wanted.push(format!(
                    "{}/{client}/{name}",
                    crate::workspace::SEGMENTS_DIR
                ));
            }
        }
    }
    let mut stored = storage.list(&format!("{DATA_DIR}/{client}/"))?;
    stored.extend(storage.list(&format!("{}/{client}/", crate::workspace::SEGMENTS_DIR))?);
    let mut missing = Vec::new();
    let mut present = 0;
    for rel in wanted {
        let local = ws.root().join(&rel);
        let size = std::fs::metadata(&local)
            .map_err(io("cannot read", &local))?
            .len();
        if stored.get(&rel) == Some(&size) {
            present += 1;
        } else {
            missing.push(rel);
        }
    }
    storage.upload(ws.root(), &missing)?;
    Ok(crate::SyncSummary {
        uploaded: missing.len() as u64,
        removed,
        present,
    })
}

/// Removes files of loads that never committed, and folders left empty:
/// of one client (whose lock the caller holds), or of all (`None`).
/// Returns the workspace-relative files committed loads name.
fn sweep_uncommitted(ws: &Workspace, client: Option<&str>) -> Result<HashSet<String>> {
    let committed = committed_files(ws)?;
    let referenced: HashSet<PathBuf> = committed.iter().map(|f| ws.root().join(f)).collect();
    for top in [DATA_DIR, INDEX_DIR, QUARANTINE_DIR] {
        let dir = match client {
            Some(c) => ws.root().join(top).join(c),
            None => ws.root().join(top),
        };
        sweep_dir(&dir, &referenced, true)?;
    }
    Ok(committed)
}

fn sweep_dir(dir: &Path, referenced: &HashSet<PathBuf>, is_top: bool) -> Result<()> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(());
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            sweep_dir(&path, referenced, false)?;
        } else if kind.is_file()
            && is_load_file(&entry.file_name().to_string_lossy())
            && !referenced.contains(&path)
        {
            std::fs::remove_file(&path).map_err(io("cannot remove", &path))?;
        }
    }
    if !is_top {
        // Only succeeds when empty, which is exactly when it should go.
        let _ = std::fs::remove_dir(dir);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_load_file_names_are_swept() {
        for ours in [
            "12.parquet",
            "3.parquet.tmp",
            "7-orders.csv",
            "7-orders.csv.tmp",
        ] {
            assert!(is_load_file(ours), "{ours}");
        }
        for theirs in [
            "notes.csv",
            "orders.parquet",
            "-1.csv",
            "x12.parquet",
            "README",
        ] {
            assert!(!is_load_file(theirs), "{theirs}");
        }
    }

    /// Two clients' loads run at the same time; a second load of one
    /// client waits for the first; every load gets its own id.
    #[test]
    fn loads_of_two_clients_run_together_and_one_clients_loads_wait() {
        use std::sync::mpsc;
        use std::time::Duration;
        let dir = tempfile::tempdir().expect("temp");
        let ws = Workspace::init(dir.path(), crate::Settings::default()).expect("workspace");
        ws.add_client("a", "A").expect("a");
        ws.add_client("b", "B").expect("b");
        let outcome = || LoadOutcome {
            source: "test".into(),
            ..LoadOutcome::default()
        };
        let first = ws.begin_load("a", Entity::Orders).expect("a's load");
        let other = ws.clone();
        let (done, b_loaded) = mpsc::channel();
        std::thread::spawn(move || {
            let load = other.begin_load("b", Entity::Orders).expect("b's load");
            let _ = done.send(load.commit(&outcome()).expect("b commits").id);
        });
        let b_id = b_loaded
            .recv_timeout(Duration::from_secs(30))
            .expect("b's load waited for a's");
        assert_ne!(b_id, first.id());
        let again = ws.clone();
        let (began, a_began) = mpsc::channel();
        let waiter = std::thread::spawn(move || {
            let load = again
                .begin_load("a", Entity::Orders)
                .expect("a's second load");
            let _ = began.send(load.id());
            load.commit(&outcome()).expect("commits").id
        });
        assert!(
            a_began.recv_timeout(Duration::from_millis(700)).is_err(),
            "a second load of `a` began while the first was open"
        );
        let a_id = first.commit(&outcome()).expect("a commits").id;
        let second = a_began
            .recv_timeout(Duration::from_secs(30))
            .expect("the second load of `a` began after the first");
        assert_eq!(waiter.join().expect("thread"), second);
        let mut ids = vec![a_id, b_id, second];
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 3, "ids reused");
        assert_eq!(ws.loads("a", None).expect("loads").len(), 2);
        assert_eq!(ws.loads("b", None).expect("loads").len(), 1);
    }
}
