//! `rapport storage`: the workspace's copy in object storage.

use anyhow::Result;
use clap::Subcommand;

use crate::ListFormat;
use crate::output::{self, line, say};

pub(crate) const STORAGE_HELP: &str = "Examples:
  rapport storage sync                # every client
  rapport storage sync acme --format json

rapport.toml names the bucket; credentials come from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY:
  [settings.storage]
  url = \"s3://agency-data/rapport\"
  endpoint = \"http://10.0.0.9:9000\"   # an S3-compatible service; Amazon S3 when absent
  region = \"eu-central-1\"
  allow_http = true                   # only for an endpoint on a private network

Every load uploads its data files before it commits; `sync` is for a workspace that had
loads before it had storage, a bucket that was emptied, or a load interrupted mid-upload.";

#[derive(Debug, Subcommand)]
pub(crate) enum StorageCommand {
    /// Upload the committed data files and saved segments the bucket lacks,
    /// and remove objects no committed load names.
    #[command(after_help = STORAGE_HELP)]
    Sync {
        /// Clients to sync (all when none is given).
        clients: Vec<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

/// One client's sync, as `--format json` lists it.
#[derive(serde::Serialize)]
struct Synced {
    client: String,
    #[serde(flatten)]
    summary: rapport_store::SyncSummary,
}

pub(crate) fn storage(ws: &rapport_store::Workspace, command: StorageCommand) -> Result<()> {
    let StorageCommand::Sync { clients, format } = command;
    let Some(settings) = &ws.settings().storage else {
        anyhow::bail!(say("cli-storage-none", &[]));
    };
    let clients = if clients.is_empty() {
        ws.clients()?.into_iter().map(|c| c.id).collect()
    } else {
        clients
    };
    let mut done = Vec::new();
    for client in clients {
        let summary = ws.sync_storage(&client)?;
        done.push(Synced { client, summary });
    }
    if format == ListFormat::Json {
        return output::json(&serde_json::json!({ "url": settings.url, "clients": done }));
    }
    let head = output::head(&[
        "cli-column-client",
        "cli-column-uploaded",
        "cli-column-removed",
        "cli-column-present",
    ]);
    let rows: Vec<Vec<String>> = done
        .iter()
        .map(|Synced { client, summary: s }| {
            vec![
                client.clone(),
                s.uploaded.to_string(),
                s.removed.to_string(),
                s.present.to_string(),
            ]
        })
        .collect();
    output::table_aligned(&head, &rows, &[false, true, true, true]);
    line(&say(
        "cli-storage-synced",
        &[("url", settings.url.as_str().into())],
    ));
    Ok(())
}
