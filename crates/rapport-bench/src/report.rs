//! The report bench: one client's quarterly report rendered from computed
//! results (HTML, PDF and JSON), the same report end to end (metrics,
//! predictions, charts, render, files), and the whole agency in one run,
//! each with its time and peak memory, on the demo agency. The peer is
//! what agencies use to make a PDF from HTML today: headless Chromium
//! printing the same report.html.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use rapport_report::definition::{self, PeriodType};
use rapport_store::Workspace;
use serde::Serialize;

use crate::models::{median, peak_memory_mb};
use crate::{ListFormat, json, line, rapport_exe};

/// What to run.
pub(crate) struct ReportBench {
    pub dir: PathBuf,
    pub runs: u32,
    pub peer: bool,
    pub format: ListFormat,
}

/// One client's figures.
#[derive(Debug, Serialize)]
struct ClientFigures {
    client: String,
    /// Rendering computed results: HTML, PDF and JSON, median seconds.
    render_seconds: f64,
    render_peak_mb: f64,
    /// Metrics, predictions, charts, render and files, median seconds.
    end_to_end_seconds: f64,
    end_to_end_peak_mb: f64,
    pages: usize,
    /// Headless Chromium printing the same report.html, median seconds.
    chromium_print_seconds: Option<f64>,
}

#[derive(Debug, Serialize)]
struct ReportFigures {
    cores: usize,
    runs: u32,
    period: String,
    clients: Vec<ClientFigures>,
    /// Every client's report in one run, median seconds.
    agency_seconds: f64,
    agency_peak_mb: f64,
}

/// Resets the process's peak resident memory (Linux: `clear_refs` 5), so
/// the next reading is the peak of what follows.
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// The demo agency the bench reports on, made once with a fixed seed and
/// end month so figures compare between runs.
fn demo_workspace(dir: &Path) -> Result<PathBuf> {
    demo_named(dir, "report-demo")
}

/// The demo agency in `dir/name`, made once.
pub(crate) fn demo_named(dir: &Path, name: &str) -> Result<PathBuf> {
    let ws = dir.join(name);
    if !ws.join("rapport.toml").exists() {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let out = std::process::Command::new(rapport_exe()?)
            .arg("demo")
            .arg(&ws)
            .args(["--seed", "7", "--end-month", "2026-10", "--format", "json"])
            .output()
            .context("cannot run rapport demo")?;
        if !out.status.success() {
            bail!(
                "rapport demo failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    Ok(ws)
}

fn chromium() -> Option<PathBuf> {
    std::env::var_os("PATH")
        .into_iter()
        .flat_map(|p| std::env::split_paths(&p).collect::<Vec<_>>())
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
}

fn chromium_print(exe: &Path, html: &Path, scratch: &Path) -> Result<f64> {
    let pdf = scratch.join("chromium.pdf");
    let started = Instant::now();
    let out = std::process::Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .context("cannot run chromium")?;
    let seconds = started.elapsed().as_secs_f64();
    if !out.status.success() || !pdf.exists() {
        bail!(
            "chromium did not print: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(seconds)
}

pub(crate) fn report(b: &ReportBench) -> Result<()> {
    let ws_dir = demo_workspace(&b.dir)?;
    let ws = Workspace::open(&ws_dir)?;
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 1).context("date")?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    // The Gregorian clients' quarter, as the figures name it (a client on
    // another calendar reports its own last whole quarter).
    let period = rapport_report::last_whole_period(
        PeriodType::Quarter,
        as_of,
        rapport_schema::Calendar::ISO,
    )
    .to_string();
    let scratch = b.dir.join("report-scratch");
    std::fs::create_dir_all(&scratch)?;
    let chromium = if b.peer { chromium() } else { None };
    if b.peer && chromium.is_none() {
        bail!("chromium is not installed (apt-get install chromium), or run with --no-peer");
    }
    let mut clients = Vec::new();
    for c in ws.clients()? {
        let options = rapport_report::ReportOptions {
            client: c.id.clone(),
            period: Some(
                rapport_report::last_whole_period(PeriodType::Quarter, as_of, c.calendar())
                    .to_string(),
            ),
            as_of,
            compare_with: None,
            language: None,
        };
        let out = scratch.join(&c.id);
        // End to end, as `rapport report` does it (a warm-up first).
        let mut e2e = Vec::new();
        let mut e2e_peak: f64 = 0.0;
        let mut made = None;
        for run in 0..=b.runs {
            rapport_report::render::forget_layout_cache();
            reset_peak();
            let started = Instant::now();
            let m = runtime.block_on(rapport_report::make(&ws, &options, None, Some(&out)))?;
            if run > 0 {
                e2e.push(started.elapsed().as_secs_f64());
                e2e_peak = e2e_peak.max(peak_memory_mb());
            }
            made = Some(m);
        }
        let made = made.context("no run")?;
        // Rendering only, from the report already built.
        let loaded = definition::for_client(&ws, &c.id)?;
        let templates = rapport_report::Templates::for_client(&ws, &c.id)?;
        let mut render = Vec::new();
        let mut render_peak: f64 = 0.0;
        let mut page_count = 0;
        for run in 0..=b.runs {
            // Cold, as a report rendered for the first time.
            rapport_report::render::forget_layout_cache();
            reset_peak();
            let started = Instant::now();
            let rendered = rapport_report::render(&made.report, &loaded, &templates)?;
            if run > 0 {
                render.push(started.elapsed().as_secs_f64());
                render_peak = render_peak.max(peak_memory_mb());
            }
            page_count = rendered.pages;
        }
        let chromium_print_seconds = match &chromium {
            Some(exe) => {
                let mut times = Vec::new();
                for run in 0..=b.runs {
                    let t = chromium_print(exe, &made.written.html, &scratch)?;
                    if run > 0 {
                        times.push(t);
                    }
                }
                Some(median(times))
            }
            None => None,
        };
        clients.push(ClientFigures {
            client: c.id,
            render_seconds: median(render),
            render_peak_mb: render_peak,
            end_to_end_seconds: median(e2e),
            end_to_end_peak_mb: e2e_peak,
            pages: page_count,
            chromium_print_seconds,
        });
    }
    let mut agency = Vec::new();
    let mut agency_peak: f64 = 0.0;
    for run in 0..=b.runs {
        rapport_report::render::forget_layout_cache();
        reset_peak();
        let started = Instant::now();
        let all = runtime.block_on(rapport_report::agency::render_all(
            &ws,
            PeriodType::Quarter,
            as_of,
        ))?;
        if let Some(failed) = all.iter().find(|r| r.result.is_err()) {
            bail!(
                "{}'s report failed: {:?}",
                failed.client,
                failed.result.as_ref().err()
            );
        }
        if run > 0 {
            agency.push(started.elapsed().as_secs_f64());
            agency_peak = agency_peak.max(peak_memory_mb());
        }
    }
    let figures = ReportFigures {
        cores: std::thread::available_parallelism().map_or(1, usize::from),
        runs: b.runs,
        period,
        clients,
        agency_seconds: median(agency),
        agency_peak_mb: agency_peak,
    };
    match b.format {
        ListFormat::Json => json(&figures),
        ListFormat::Table => {
            print(&figures);
            Ok(())
        }
    }
}

fn print(f: &ReportFigures) {
    line(&format!(
        "Quarterly report {} of each demo client, {} cores; median of {} run{} after a warm-up",
        f.period,
        f.cores,
        f.runs,
        if f.runs == 1 { "" } else { "s" }
    ));
    line(&format!(
        "{:<12} {:>7} {:>11} {:>9} {:>11} {:>9} {:>10} {:>9}",
        "CLIENT", "PAGES", "RENDER s", "PEAK MB", "END TO END", "PEAK MB", "CHROMIUM", "RATIO"
    ));
    for c in &f.clients {
        let (chromium, ratio) = match c.chromium_print_seconds {
            Some(s) => (
                format!("{s:.2}"),
                format!("{:.1}x", s / c.render_seconds.max(1e-9)),
            ),
            None => ("-".to_owned(), "-".to_owned()),
        };
        line(&format!(
            "{:<12} {:>7} {:>11.3} {:>9.0} {:>11.3} {:>9.0} {:>10} {:>9}",
            c.client,
            c.pages,
            c.render_seconds,
            c.render_peak_mb,
            c.end_to_end_seconds,
            c.end_to_end_peak_mb,
            chromium,
            ratio
        ));
    }
    line(&format!(
        "Whole agency ({} clients) in one run: {:.2} s, peak {:.0} MB",
        f.clients.len(),
        f.agency_seconds,
        f.agency_peak_mb
    ));
    line(
        "Goals: render under 0.5 s and end to end under 2 s per client. RENDER makes the HTML, the PDF and the JSON; CHROMIUM is headless Chromium printing the same HTML to PDF (the ratio is Chromium's time over Rapport's whole render).",
    );
}
