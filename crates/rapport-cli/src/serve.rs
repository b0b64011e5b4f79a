//! `rapport serve`: the REST API for the agency's people and its clients.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use rapport_store::Workspace;

use crate::output::{line, say};

pub(crate) const SERVE_HELP: &str = "Examples:
  rapport serve                          # http://127.0.0.1:8080
  rapport serve --addr 10.0.0.5:8080     # on a private address, behind a TLS proxy
  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/clients
  curl -H \"Authorization: Bearer $TOKEN\" 'http://127.0.0.1:8080/api/clients/lumen/metrics?period=2026-10&compare=year'

Every request needs a token from `rapport token create EMAIL`; each user sees only the
clients their role gives them. SIGTERM or Ctrl-C stops the server after the requests in
flight finish.";

#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// The address to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
}

pub(crate) fn serve(ws: Workspace, a: ServeArgs) -> Result<()> {
    crate::commands::runtime()?.block_on(async move {
        let listener = tokio::net::TcpListener::bind(a.addr)
            .await
            .with_context(|| format!("listening on {}", a.addr))?;
        let addr = listener.local_addr().context("reading the address")?;
        line(&say(
            "cli-serve-listening",
            &[
                ("url", format!("http://{addr}").as_str().into()),
                ("workspace", ws.root().display().to_string().as_str().into()),
            ],
        ));
        rapport_server::serve(ws, listener, stopped())
            .await
            .context("serving")?;
        line(&say("cli-serve-stopped", &[]));
        Ok(())
    })
}

/// Completes at SIGTERM (a service manager's stop) or SIGINT (Ctrl-C).
async fn stopped() {
    use tokio::signal::unix::{SignalKind, signal};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
        }
        Err(_) => {
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
