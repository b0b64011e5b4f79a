//! `rapport serve`: the web pages, the REST API and the report scheduler.

use std::net::SocketAddr;

use anyhow::{Context, Result};
use rapport_store::Workspace;

use crate::output::{line, say};

pub(crate) const SERVE_HELP: &str = "Examples:
  rapport serve                          # http://127.0.0.1:8080
  rapport serve --addr 10.0.0.5:8080     # on a private address, behind a TLS proxy
  rapport serve --rate-limit 20          # each user at most 20 API requests a second (default 100)
  rapport serve --as-of 2026-11-15       # pages and API read the data as of that day (a demo)
  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:8080/api/clients
  curl -H \"Authorization: Bearer $TOKEN\" 'http://127.0.0.1:8080/api/clients/lumen/metrics?period=2026-10&compare=year'

Open the address in a browser and sign in (`rapport user add`), or call the API with a token
from `rapport token create EMAIL`; each user sees only the clients their role gives them. The
server also makes and delivers the scheduled reports (`rapport schedule add`) as they fall due,
safely beside another server or a cron job. SIGTERM or Ctrl-C stops it after the requests in
flight and the scheduler's pass finish.";

#[derive(Debug, clap::Args)]
pub(crate) struct ServeArgs {
    /// The address to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Seconds between the scheduler's passes, which make and deliver the
    /// reports due (`rapport schedule add`); 0 turns it off.
    #[arg(long, default_value_t = 60)]
    schedule_every: u64,
    /// API requests a second each user may send; past it, 429 with
    /// Retry-After. 0 turns the limit off.
    #[arg(long, default_value_t = rapport_server::REQUESTS_PER_SECOND)]
    rate_limit: u32,
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
        let options = rapport_server::ServeOptions {
            schedule_every: (a.schedule_every > 0)
                .then(|| std::time::Duration::from_secs(a.schedule_every)),
            requests_per_second: std::num::NonZeroU32::new(a.rate_limit),
        };
        rapport_server::serve(ws, listener, stopped(), options)
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
