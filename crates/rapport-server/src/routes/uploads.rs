//! Uploading an export: the files of a multipart request are written to a
//! staging folder of the client's (`uploads/<client>/<id>/`), then planned
//! and loaded by the same library calls as `rapport ingest`: the same
//! presets, validation, quarantine and summary. A dry run stops after the
//! plan and says what would load and by which preset.
//!
//! The staged files stay where they are after a load: the load's record
//! names them as its inputs, as it names the files `rapport ingest` read.
//! A load marks its upload loaded, so the same upload cannot load twice
//! (a second press of the button, a replayed request). An upload checked
//! and never loaded is swept away a day after it was staged
//! ([`sweep`]), by the server, at start and every hour.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use axum::Json;
use axum::extract::State;
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use rapport_auth::{ClientScope, Principal};
use rapport_locale::messages::Said;
use rapport_store::Workspace;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;

use crate::extract::blocking;
use crate::routes::reports::SOURCE;
use crate::{ApiError, Changing, Shared};

/// Largest upload a request may carry, all files together.
pub(crate) const MAX_UPLOAD_BYTES: usize = 256 * 1024 * 1024;

/// Most files one upload may carry.
const MAX_FILES: usize = 20;

/// The text fields an upload takes besides its files.
pub(crate) const UPLOAD_FIELDS: [&str; 5] = ["entity", "preset", "accept", "dry_run", "replace"];

/// An upload written to its staging folder.
#[derive(Debug)]
pub(crate) struct Staged {
    /// The folder's name, which names the upload.
    pub id: String,
    pub dir: PathBuf,
    pub files: Vec<PathBuf>,
    pub fields: std::collections::BTreeMap<String, String>,
}

/// Where a client's uploads are staged.
pub(crate) fn uploads_dir(ws: &Workspace, client: &str) -> PathBuf {
    ws.root().join("uploads").join(client)
}

/// A file name a browser sent, made safe to write: its last component,
/// letters, digits, `.`, `-` and `_` only, never hidden, never empty.
pub(crate) fn safe_name(given: &str) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    let cleaned = cleaned.trim_start_matches('.').to_owned();
    if cleaned.is_empty() {
        "upload".to_owned()
    } else {
        cleaned
    }
}

/// A new staging folder's name: the time and a counter, unique within
/// the process and sortable.
fn new_id() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    format!(
        "{}-{}-{}",
        chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    )
    .replace('.', "")
}

fn multipart_error(e: impl std::fmt::Display) -> ApiError {
    ApiError::input(format!("the upload is not readable multipart: {e}"))
}

/// Writes the request's files to a new staging folder and keeps its text
/// fields; a field the upload does not take, too many files or too many
/// bytes is an error naming it, and leaves nothing behind.
pub(crate) async fn stage(
    ws: &Workspace,
    client: &str,
    mut multipart: Multipart,
    extra_fields: &[&str],
) -> Result<Staged, ApiError> {
    let id = new_id();
    let dir = uploads_dir(ws, client).join(&id);
    tokio::fs::create_dir_all(&dir)
        .await
        .map_err(ApiError::internal)?;
    let mut staged = Staged {
        id,
        dir,
        files: Vec::new(),
        fields: Default::default(),
    };
    let result = async {
        let mut total = 0usize;
        while let Some(mut field) = multipart.next_field().await.map_err(multipart_error)? {
            let name = field.name().unwrap_or("").to_owned();
            if let Some(file_name) = field.file_name().map(safe_name) {
                if name != "file" {
                    return Err(ApiError::input(format!(
                        "the file field is `file`, not `{name}`"
                    )));
                }
                if staged.files.len() == MAX_FILES {
                    return Err(ApiError::input(format!(
                        "an upload has at most {MAX_FILES} files"
                    )));
                }
                // Two files of one name keep both.
                let mut path = staged.dir.join(&file_name);
                if path.exists() {
                    path = staged
                        .dir
                        .join(format!("{}-{file_name}", staged.files.len()));
                }
                let mut out = tokio::fs::File::create(&path)
                    .await
                    .map_err(ApiError::internal)?;
                while let Some(chunk) = field.chunk().await.map_err(multipart_error)? {
                    total += chunk.len();
                    if total > MAX_UPLOAD_BYTES {
                        return Err(ApiError::new(
                            StatusCode::PAYLOAD_TOO_LARGE,
                            "too_large",
                            format!("an upload is at most {} MiB", MAX_UPLOAD_BYTES >> 20),
                        ));
                    }
                    out.write_all(&chunk).await.map_err(ApiError::internal)?;
                }
                out.flush().await.map_err(ApiError::internal)?;
                staged.files.push(path);
            } else if UPLOAD_FIELDS.contains(&name.as_str())
                || extra_fields.contains(&name.as_str())
            {
                let text = field.text().await.map_err(multipart_error)?;
                if text.len() > 1000 {
                    return Err(ApiError::input(format!("`{name}` is too long")));
                }
                staged.fields.insert(name, text);
            } else {
                return Err(ApiError::input(format!(
                    "unknown field `{name}`: an upload takes `file` and {}",
                    UPLOAD_FIELDS.map(|f| format!("`{f}`")).join(", ")
                )));
            }
        }
        if staged.files.is_empty() {
            return Err(ApiError::input(
                "no file: send the export as the multipart field `file`",
            ));
        }
        // The fields, beside the folder, for a load confirmed later.
        let fields = serde_json::to_vec(&staged.fields).map_err(ApiError::internal)?;
        tokio::fs::write(fields_file(&staged.dir), fields)
            .await
            .map_err(ApiError::internal)
    }
    .await;
    match result {
        Ok(()) => Ok(staged),
        Err(e) => {
            discard(&staged);
            Err(e)
        }
    }
}

/// Where a staged upload's fields are kept.
fn fields_file(dir: &std::path::Path) -> PathBuf {
    dir.with_extension("json")
}

/// The mark a loaded upload leaves beside its folder.
fn loaded_mark(dir: &std::path::Path) -> PathBuf {
    dir.with_extension("loaded")
}

/// How long an upload checked and never loaded is kept.
pub(crate) const STAGED_UPLOAD_LIFE: std::time::Duration =
    std::time::Duration::from_secs(24 * 60 * 60);

/// Removes the uploads under `root`'s `uploads/` that were staged before
/// `cutoff` and never loaded (their folder and fields), and fields left
/// without a folder; a loaded upload's files are its load's inputs and
/// stay. Returns how many were removed.
pub(crate) fn sweep(root: &std::path::Path, cutoff: std::time::SystemTime) -> usize {
    let mut removed = 0;
    let Ok(clients) = std::fs::read_dir(root.join("uploads")) else {
        return 0;
    };
    for client in clients.filter_map(Result::ok) {
        let Ok(entries) = std::fs::read_dir(client.path()) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let Ok(meta) = entry.metadata() else { continue };
            let staged_at = meta.modified().unwrap_or(cutoff);
            let dir = if meta.is_dir() {
                path.clone()
            } else if path.extension().is_some_and(|e| e == "json") {
                path.with_extension("")
            } else {
                continue;
            };
            if staged_at >= cutoff || loaded_mark(&dir).exists() {
                continue;
            }
            if meta.is_dir() {
                let _ = std::fs::remove_dir_all(&dir);
                let _ = std::fs::remove_file(fields_file(&dir));
                removed += 1;
            } else if !dir.exists() {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    removed
}

/// Sweeps `ws`'s stale uploads at once and then every hour, until `stop`
/// turns true.
pub(crate) async fn sweep_every_hour(ws: Workspace, mut stop: tokio::sync::watch::Receiver<bool>) {
    loop {
        let root = ws.root().to_owned();
        let _ = tokio::task::spawn_blocking(move || {
            let cutoff = std::time::SystemTime::now()
                .checked_sub(STAGED_UPLOAD_LIFE)
                .unwrap_or(std::time::UNIX_EPOCH);
            sweep(&root, cutoff)
        })
        .await;
        tokio::select! {
            _ = tokio::time::sleep(std::time::Duration::from_secs(60 * 60)) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
    }
}

/// Removes a staged upload that will not be loaded.
pub(crate) fn discard(staged: &Staged) {
    let _ = std::fs::remove_dir_all(&staged.dir);
    let _ = std::fs::remove_file(fields_file(&staged.dir));
}

/// A yes/no field: `true`, `yes`, `on` or `1`.
fn flag(fields: &std::collections::BTreeMap<String, String>, name: &str) -> bool {
    fields.get(name).is_some_and(|v| {
        matches!(
            v.trim().to_lowercase().as_str(),
            "true" | "yes" | "on" | "1"
        )
    })
}

/// The ingest options of a staged upload: the CLI's, with the staged
/// files as the files.
pub(crate) fn options(
    client: &str,
    staged: &Staged,
    accept: bool,
) -> rapport_app::ingest::IngestOptions {
    let text = |name: &str| {
        staged
            .fields
            .get(name)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let mut args: Vec<String> = text("entity").into_iter().collect();
    args.extend(staged.files.iter().map(|f| f.display().to_string()));
    rapport_app::ingest::IngestOptions {
        client: client.to_owned(),
        args,
        preset: text("preset"),
        accept_proposal: accept || flag(&staged.fields, "accept"),
        replace: if flag(&staged.fields, "replace") {
            rapport_ingest::Replace::All
        } else {
            rapport_ingest::Replace::Nothing
        },
        ..Default::default()
    }
}

/// What a plan will load, as a preview: the entity, the files and the
/// preset and how well it fits.
pub(crate) fn preview(plan: &rapport_app::ingest::IngestPlan, staged: &Staged) -> Value {
    json!({
        "upload": staged.id,
        "entity": plan.entity.name(),
        "files": staged.files.iter().map(|f| json!({
            "name": f.file_name().map(|n| n.to_string_lossy().into_owned()),
            "bytes": std::fs::metadata(f).map(|m| m.len()).unwrap_or(0),
        })).collect::<Vec<_>>(),
        "preset": plan.proposal.as_ref().map(|p| json!({
            "name": p.preset, "description": p.description,
            "known_share": p.known_share, "unknown_columns": p.unknown,
        })),
    })
}

/// An error planning or loading a staged upload, as the caller sees it:
/// its files by their names, without the server's staging folder.
pub(crate) fn upload_error(staged: &Staged, e: rapport_app::Error) -> ApiError {
    ApiError::from(e).without(&format!("{}/", staged.dir.display()))
}

/// Loads a staged upload, audited as `actor`'s from `source`; the
/// summary is the CLI's JSON with the quarantine file relative to the
/// workspace.
pub(crate) fn load(
    scope: &ClientScope,
    staged: &Staged,
    actor: &Principal,
    source: &str,
) -> Result<rapport_ingest::IngestSummary, ApiError> {
    let ws = scope.workspace();
    if loaded_mark(&staged.dir).exists() {
        let said = Said::new("error-upload-loaded").with("upload", staged.id.as_str());
        return Err(
            ApiError::new(StatusCode::CONFLICT, "conflict", said.to_string()).said(Some(said)),
        );
    }
    let options = options(scope.client(), staged, false);
    let plan = rapport_app::ingest::plan(&options).map_err(|e| upload_error(staged, e))?;
    let mut summary = rapport_app::ingest::load(ws, &options, &plan, &rapport_ingest::NoProgress)
        .map_err(|e| upload_error(staged, e))?;
    // Loaded: it cannot load again, and the sweep keeps its files (the
    // load's inputs). A mark that cannot be written leaves the upload to
    // the sweep, never the data half-loaded.
    let _ = std::fs::write(loaded_mark(&staged.dir), summary.loaded.to_string());
    let _ = std::fs::remove_file(fields_file(&staged.dir));
    // Paths as the workspace knows them: the server's folders are not the
    // caller's business.
    if let Some(q) = &summary.quarantine_file {
        summary.quarantine_file = Some(q.strip_prefix(ws.root()).unwrap_or(q).to_owned());
    }
    let root = format!("{}/", ws.root().display());
    for p in &mut summary.problems {
        p.example = p.example.replace(&root, "");
    }
    ws.audit(
        &actor.user().email,
        "upload-loaded",
        Some(&format!(
            "{}/{} ({} rows)",
            scope.client(),
            staged.id,
            summary.loaded
        )),
        Some(source),
    )?;
    Ok(summary)
}

/// `POST /api/clients/{client}/uploads`.
pub(crate) async fn upload(
    State(state): State<Shared>,
    Changing { caller, scope }: Changing,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let multipart = multipart.map_err(|e| ApiError::input(e.body_text()))?;
    let staged = stage(scope.workspace(), scope.client(), multipart, &[]).await?;
    let dry_run = flag(&staged.fields, "dry_run");
    let _slot = state.compute().await?;
    blocking(move || {
        let outcome = if dry_run {
            let options = options(scope.client(), &staged, true);
            rapport_app::ingest::plan(&options)
                .map_err(|e| upload_error(&staged, e))
                .map(|plan| (StatusCode::OK, Json(preview(&plan, &staged))).into_response())
        } else {
            load(&scope, &staged, &caller, SOURCE).and_then(|summary| {
                let body = rapport_app::results::to_json(&summary)?;
                Ok((
                    StatusCode::CREATED,
                    [(axum::http::header::CONTENT_TYPE, "application/json")],
                    body,
                )
                    .into_response())
            })
        };
        // A dry run, or a load that failed, keeps nothing.
        if dry_run || outcome.is_err() {
            discard(&staged);
        }
        outcome
    })
    .await
}

/// The staged upload `id` of a client, when it exists (a name that is
/// not one of ours is not found, whatever it tries).
pub(crate) fn find_staged(ws: &Workspace, client: &str, id: &str) -> Result<Staged, ApiError> {
    let missing = || ApiError::not_found(format!("no upload `{id}` here"));
    if id.is_empty() || !id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(missing());
    }
    let dir = uploads_dir(ws, client).join(id);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|_| missing())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    let fields = std::fs::read(fields_file(&dir))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or_default();
    Ok(Staged {
        id: id.to_owned(),
        dir,
        files,
        fields,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sweep_removes_old_uploads_never_loaded_and_keeps_loaded_ones() {
        let root = tempfile::tempdir().expect("temp");
        let client = root.path().join("uploads/lumen");
        for id in ["checked", "loaded"] {
            std::fs::create_dir_all(client.join(id)).expect("folder");
            std::fs::write(client.join(id).join("orders.csv"), "a,b\n").expect("file");
            std::fs::write(fields_file(&client.join(id)), "{}").expect("fields");
        }
        std::fs::write(loaded_mark(&client.join("loaded")), "3").expect("mark");
        std::fs::write(client.join("orphan.json"), "{}").expect("orphan");
        let now = std::time::SystemTime::now();
        // Nothing is old yet.
        assert_eq!(sweep(root.path(), now - STAGED_UPLOAD_LIFE), 0);
        assert!(client.join("checked/orders.csv").exists());
        // A day later.
        let later = now + std::time::Duration::from_secs(60);
        assert_eq!(sweep(root.path(), later), 1);
        assert!(!client.join("checked").exists());
        assert!(!fields_file(&client.join("checked")).exists());
        assert!(!client.join("orphan.json").exists());
        assert!(
            client.join("loaded/orders.csv").exists(),
            "a load's inputs stay"
        );
        // A workspace without uploads has nothing to sweep.
        assert_eq!(sweep(&root.path().join("nowhere"), later), 0);
    }
}
