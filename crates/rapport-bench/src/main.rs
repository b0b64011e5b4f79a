//! `rapport-bench`: a developer tool that measures Rapport against a real
//! peer in the same run (DuckDB for ingestion and the metric suite, Python's
//! `lifetimes` for the purchase models) and prints the figures and their
//! ratio. It runs the `rapport` binary built beside it, so build both:
//! `scripts/bench ingest`.

mod ingest;
mod metrics;
mod models;
mod report;
mod server;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, Subcommand, ValueEnum};

/// Rapport's benchmarks, each against a real peer in the same run.
#[derive(Debug, Parser)]
#[command(
    name = "rapport-bench",
    version,
    about,
    after_help = "Examples:\n  scripts/bench ingest --rows 1000000\n  scripts/bench metrics --runs 5\n  scripts/bench models --no-peer --format json\n  scripts/bench report"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Ingest N order rows from CSV; DuckDB converts the same file to Parquet.
    #[command(
        after_help = "Examples:\n  rapport-bench ingest                     # 10 million rows\n  rapport-bench ingest --rows 1000000 --no-peer --format json"
    )]
    Ingest {
        #[arg(long, default_value_t = 10_000_000)]
        rows: u64,
        /// Where the input, the workspace and the DuckDB venv are kept between runs.
        #[arg(long, default_value = "rapport-bench")]
        dir: PathBuf,
        /// Skip DuckDB.
        #[arg(long)]
        no_peer: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },

    /// The whole metric suite for a quarter on one large generated client; DuckDB runs the same plans.
    #[command(
        after_help = "Examples:\n  rapport-bench metrics                         # 50 M web events, 5 M orders, 1 M surveys, 1 M tickets\n  rapport-bench metrics --runs 5 --format json\n  rapport-bench metrics --scale 0.01 --no-peer\n  rapport-bench metrics --scale 0.25 --cluster 1,2    # and on local clusters of 1 and 2 executors"
    )]
    Metrics {
        /// 1 = 50 M web events, 5 M orders, 1 M survey responses, 1 M tickets.
        #[arg(long, default_value_t = 1.0)]
        scale: f64,
        /// Where the generated client and the DuckDB venv are kept between runs.
        #[arg(long, default_value = "rapport-bench")]
        dir: PathBuf,
        /// Skip DuckDB.
        #[arg(long)]
        no_peer: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
        /// Timed runs per side after a warm-up; each side's median is
        /// reported (timings on a shared machine swing from minute to minute).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=25))]
        runs: u32,
        /// Also run the suite on local Ballista clusters of these many
        /// executors, each started and stopped by the bench (`1,2`).
        #[arg(long, value_delimiter = ',')]
        cluster: Vec<usize>,
        /// Also run the suite on this running cluster (`ballista://HOST:PORT`).
        #[arg(long)]
        engine: Option<String>,
    },

    /// Fit BG/NBD and Gamma-Gamma to N simulated customers; Python's lifetimes fits the same data.
    #[command(
        after_help = "Examples:\n  rapport-bench models                          # 1 million customers, against lifetimes\n  rapport-bench models --customers 100000 --no-peer --format json"
    )]
    Models {
        #[arg(long, default_value_t = 1_000_000)]
        customers: u64,
        /// Fits per side; each side's median time is reported (a fit of a
        /// tenth of a second is at the mercy of the machine's other work).
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=25))]
        runs: u32,
        /// Where the input and the lifetimes venv are kept between runs.
        #[arg(long, default_value = "rapport-bench")]
        dir: PathBuf,
        /// Skip lifetimes.
        #[arg(long)]
        no_peer: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },

    /// One client's quarterly report: render, end to end, and the whole agency; Chromium prints the same HTML.
    #[command(
        after_help = "Examples:\n  rapport-bench report                          # the demo agency, 3 runs\n  rapport-bench report --runs 5 --format json\n  rapport-bench report --no-peer"
    )]
    Report {
        /// Timed runs of each measure after a warm-up; the median is reported.
        #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..=25))]
        runs: u32,
        /// Where the demo workspace is kept between runs.
        #[arg(long, default_value = "rapport-bench")]
        dir: PathBuf,
        /// Skip Chromium.
        #[arg(long)]
        no_peer: bool,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },

    /// `rapport serve` under load on the demo agency: latency percentiles and throughput of the dashboard's API (warm, after a new load, and each computed), a dashboard page and report downloads.
    #[command(
        after_help = "Examples:\n  rapport-bench server                          # 50 connections, 2,000 requests a scenario\n  rapport-bench server --connections 10 --requests 500 --format json"
    )]
    Server {
        /// Concurrent keep-alive connections.
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..=1000))]
        connections: u64,
        /// Requests per scenario.
        #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
        requests: u64,
        /// Longest a scenario runs, in seconds.
        #[arg(long, default_value_t = 60)]
        seconds: u64,
        /// Where the demo workspace is kept between runs.
        #[arg(long, default_value = "rapport-bench")]
        dir: PathBuf,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

/// How results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

/// The `rapport` binary built beside this one: the benches run it as a
/// user would, each run its own process.
fn rapport_exe() -> Result<PathBuf> {
    let me = std::env::current_exe().context("cannot find the rapport-bench executable")?;
    let exe = me.with_file_name(format!("rapport{}", std::env::consts::EXE_SUFFIX));
    if !exe.exists() {
        bail!(
            "{} is not built; build it with the bench (scripts/bench does: cargo build --release --bin rapport --bin rapport-bench)",
            exe.display()
        );
    }
    Ok(exe)
}

/// Writes one line to stdout (a closed pipe ends the program quietly).
fn line(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{text}").and_then(|()| out.flush()).is_err() {
        std::process::exit(0);
    }
}

/// Prints a value as pretty JSON.
fn json(value: &impl serde::Serialize) -> Result<()> {
    line(&serde_json::to_string_pretty(value)?);
    Ok(())
}

/// `1234567` → `1,234,567`.
fn count(n: u64) -> String {
    rapport_app::words::count(n, rapport_app::words::Locale::En)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Ingest {
            rows,
            dir,
            no_peer,
            format,
        } => ingest::ingest(&ingest::IngestBench {
            rows,
            dir,
            peer: !no_peer,
            format,
        }),
        Command::Metrics {
            scale,
            dir,
            no_peer,
            format,
            runs,
            cluster,
            engine,
        } => metrics::metrics(&metrics::MetricsBench {
            scale,
            dir,
            peer: !no_peer,
            format,
            runs,
            clusters: cluster,
            engine,
        }),
        Command::Models {
            customers,
            runs,
            dir,
            no_peer,
            format,
        } => models::models(&models::ModelsBench {
            customers,
            runs,
            dir,
            peer: !no_peer,
            format,
        }),
        Command::Report {
            runs,
            dir,
            no_peer,
            format,
        } => report::report(&report::ReportBench {
            dir,
            runs,
            peer: !no_peer,
            format,
        }),
        Command::Server {
            connections,
            requests,
            seconds,
            dir,
            format,
        } => server::server(&server::ServerBench {
            dir,
            connections: usize::try_from(connections).unwrap_or(50),
            requests: usize::try_from(requests).unwrap_or(2000),
            seconds,
            format,
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut err = std::io::stderr().lock();
            let _ = std::io::Write::write_fmt(&mut err, format_args!("error: {e:#}\n"));
            ExitCode::FAILURE
        }
    }
}
