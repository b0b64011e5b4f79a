//! The report scheduler inside the server (issue #22): every interval it
//! makes and delivers the reports that are due, exactly as `rapport
//! schedule run` does (the same library call), so a server needs no cron
//! job beside it. Each scheduled report is claimed in the catalog before
//! it is worked on, so two servers on one workspace, or a server and a
//! cron job, never send one twice.

use std::time::Duration;

use rapport_store::Workspace;
use tokio::sync::watch;

/// Runs the scheduler until `stop` turns true: a pass at once, then one
/// every `every`. A pass in progress finishes before it stops.
pub(crate) async fn run(ws: Workspace, every: Duration, mut stop: watch::Receiver<bool>) {
    loop {
        let pass_ws = ws.clone();
        // Rendering and delivery block (Typst, SQLite, SMTP): the pass runs
        // on a blocking thread, off the threads that answer requests.
        let handle = tokio::runtime::Handle::current();
        let pass = tokio::task::spawn_blocking(move || handle.block_on(pass_once(&pass_ws)));
        if let Err(e) = pass.await {
            log(&format!("scheduler: a pass stopped: {e}"));
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
    }
}

async fn pass_once(ws: &Workspace) {
    let result = rapport_schedule::run::run_due(
        ws,
        chrono::Utc::now(),
        None,
        rapport_locale::Locale::En,
        |step| log(&format!("scheduler: {}", step.text)),
    )
    .await;
    if let Err(e) = result {
        log(&format!("scheduler: {e}"));
    }
}

// The server's log is its stderr (a service manager keeps it).
#[allow(clippy::print_stderr)]
fn log(line: &str) {
    eprintln!("{line}");
}
