//! `rapport-bench ingest`: ingestion against DuckDB, and what every bench
//! shares (measured runs, the Python venv of the peers).
//!
//! Each side runs as its own process on the same input, so that peak memory
//! (the kernel's high-water mark of resident memory, `VmHWM`) is that of the
//! work alone.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use rand::{Rng, SeedableRng};
use serde::Serialize;

use crate::ListFormat;
use crate::{count, line};

/// One measured run.
#[derive(Debug, Serialize)]
pub(crate) struct Measure {
    pub(crate) tool: String,
    pub(crate) seconds: f64,
    pub(crate) rows_per_second: f64,
    pub(crate) mb_per_second: f64,
    pub(crate) peak_memory_mb: f64,
}

#[derive(Debug, Serialize)]
struct IngestReport {
    rows: u64,
    input_mb: f64,
    cores: usize,
    rapport: Measure,
    duckdb: Option<Measure>,
    /// DuckDB's time divided by ours: above 1 means Rapport is faster.
    speed_ratio: Option<f64>,
}

pub(crate) struct IngestBench {
    pub(crate) rows: u64,
    pub(crate) dir: PathBuf,
    pub(crate) peer: bool,
    pub(crate) format: ListFormat,
}

/// Generates (once) a CSV of `rows` orders, loads it with `rapport ingest`
/// into a fresh workspace, and converts it to Parquet with DuckDB.
pub(crate) fn ingest(b: &IngestBench) -> Result<()> {
    std::fs::create_dir_all(&b.dir)
        .with_context(|| format!("cannot create {}", b.dir.display()))?;
    let csv = b.dir.join(format!("orders-{}.csv", b.rows));
    if !csv.exists() {
        note(&format!(
            "generating {} order rows in {} ...",
            count(b.rows),
            csv.display()
        ));
        write_orders(&csv, b.rows)?;
    }
    let bytes = std::fs::metadata(&csv)?.len();
    let mb = bytes as f64 / 1e6;

    let ws = b.dir.join("workspace");
    if ws.exists() {
        std::fs::remove_dir_all(&ws)?;
    }
    let exe = crate::rapport_exe()?;
    let ok = Command::new(&exe)
        .arg("init")
        .arg(&ws)
        .stdout(Stdio::null())
        .status()?;
    let ok = ok.success()
        && Command::new(&exe)
            .arg("--workspace")
            .arg(&ws)
            .args(["client", "add", "bench", "--name", "Bench"])
            .stdout(Stdio::null())
            .status()?
            .success();
    if !ok {
        bail!("cannot set up the bench workspace in {}", ws.display());
    }
    note("rapport ingest ...");
    let mut cmd = Command::new(&exe);
    cmd.arg("--workspace")
        .arg(&ws)
        .args(["ingest", "bench", "orders"])
        .arg(&csv)
        .args(["--format", "json"]);
    let (out, peak) = run_measured(cmd)?;
    let summary: serde_json::Value =
        serde_json::from_slice(&out).context("rapport ingest did not print its summary")?;
    let seconds = summary["elapsed_seconds"].as_f64().unwrap_or(f64::NAN);
    let rapport = Measure {
        tool: "rapport ingest (validate, dedup, Parquet)".to_owned(),
        seconds,
        rows_per_second: b.rows as f64 / seconds,
        mb_per_second: mb / seconds,
        peak_memory_mb: peak,
    };
    let duckdb = if b.peer {
        Some(duckdb(&b.dir, &csv, b.rows, mb)?)
    } else {
        None
    };
    let speed_ratio = duckdb.as_ref().map(|d| d.seconds / rapport.seconds);
    let report = IngestReport {
        rows: b.rows,
        input_mb: mb,
        cores: std::thread::available_parallelism().map_or(1, usize::from),
        rapport,
        duckdb,
        speed_ratio,
    };
    if b.format == ListFormat::Json {
        return crate::json(&report);
    }
    line(&format!(
        "Ingest {} order rows from CSV ({:.0} MB), {} cores",
        count(report.rows),
        report.input_mb,
        report.cores
    ));
    line(&format!(
        "{:<44} {:>9} {:>12} {:>8} {:>9}",
        "", "seconds", "rows/s", "MB/s", "peak MB"
    ));
    for m in std::iter::once(&report.rapport).chain(report.duckdb.as_ref()) {
        line(&format!(
            "{:<44} {:>9.2} {:>12} {:>8.1} {:>9.0}",
            m.tool,
            m.seconds,
            count(m.rows_per_second.round() as u64),
            m.mb_per_second,
            m.peak_memory_mb
        ));
    }
    if let Some(r) = report.speed_ratio {
        line(&format!(
            "speed ratio (DuckDB time / Rapport time): {r:.2}× — {}",
            if r >= 1.0 {
                "Rapport is faster"
            } else {
                "DuckDB is faster"
            }
        ));
    }
    Ok(())
}

pub(crate) fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Writes an orders CSV of the canonical layout, seeded.
fn write_orders(path: &Path, rows: u64) -> Result<()> {
    let tmp = path.with_extension("csv.tmp");
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    writeln!(
        w,
        "order_id,customer_id,ordered_at,amount,currency,status,channel,items"
    )?;
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(42);
    let start = 1_735_689_600i64; // 2025-01-01T00:00:00Z
    let statuses = [
        "completed",
        "completed",
        "completed",
        "completed",
        "refunded",
        "cancelled",
    ];
    let channels = ["web", "web", "web", "marketplace", "phone"];
    for i in 0..rows {
        let t = start + (i as i64 * 63_072_000 / rows.max(1) as i64) + rng.random_range(0..600);
        let ts = chrono::DateTime::from_timestamp(t, 0).unwrap_or_default();
        writeln!(
            w,
            "ORD-{i:09},C{:07},{},{}.{:02},EUR,{},{},{}",
            rng.random_range(0..rows / 4 + 1),
            ts.format("%Y-%m-%dT%H:%M:%SZ"),
            rng.random_range(5..400),
            rng.random_range(0..100),
            statuses[rng.random_range(0..statuses.len())],
            channels[rng.random_range(0..channels.len())],
            rng.random_range(1..6),
        )?;
    }
    w.flush()?;
    drop(w);
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// Runs a command to completion, sampling its peak resident memory.
pub(crate) fn run_measured(mut cmd: Command) -> Result<(Vec<u8>, f64)> {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .context("cannot start")?;
    let status_file = PathBuf::from(format!("/proc/{}/status", child.id()));
    let mut stdout = child.stdout.take().context("no stdout")?;
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        std::io::Read::read_to_end(&mut stdout, &mut buf).map(|_| buf)
    });
    let mut peak_kb = 0u64;
    loop {
        if let Ok(text) = std::fs::read_to_string(&status_file) {
            let hwm = text
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok());
            if let Some(kb) = hwm {
                peak_kb = peak_kb.max(kb);
            }
        }
        if let Some(status) = child.try_wait()? {
            if !status.success() {
                bail!("the measured command failed ({status})");
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let out = reader
        .join()
        .map_err(|_| anyhow::anyhow!("output reader failed"))??;
    Ok((out, peak_kb as f64 / 1024.0))
}

/// DuckDB from PyPI in a venv under `dir`, converting the CSV to Parquet.
fn duckdb(dir: &Path, csv: &Path, rows: u64, mb: f64) -> Result<Measure> {
    let python = python_with(dir, "duckdb", "duckdb")?;
    let out = dir.join("duckdb-orders.parquet");
    let script = format!(
        "import duckdb, time, os\ncon = duckdb.connect()\ncon.execute(\"SET threads = {threads}\")\nt = time.perf_counter()\ncon.execute(\"COPY (SELECT * FROM read_csv('{csv}', header = true)) TO '{out}' (FORMAT parquet, COMPRESSION snappy)\")\nprint(time.perf_counter() - t)\n",
        threads = std::thread::available_parallelism().map_or(1, usize::from),
        csv = csv.display(),
        out = out.display(),
    );
    note("duckdb COPY ... TO parquet ...");
    let started = Instant::now();
    let mut cmd = Command::new(&python);
    cmd.args(["-c", &script]);
    let (stdout, peak) = run_measured(cmd)?;
    let seconds = String::from_utf8_lossy(&stdout)
        .trim()
        .parse::<f64>()
        .unwrap_or_else(|_| started.elapsed().as_secs_f64());
    let _ = std::fs::remove_file(&out);
    Ok(Measure {
        tool: "duckdb COPY csv TO parquet".to_owned(),
        seconds,
        rows_per_second: rows as f64 / seconds,
        mb_per_second: mb / seconds,
        peak_memory_mb: peak,
    })
}

/// The Python of a venv under `dir` in which `import_name` imports,
/// installing the PyPI `package` first if needed.
pub(crate) fn python_with(dir: &Path, package: &str, import_name: &str) -> Result<PathBuf> {
    let venv = dir.join("venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        note(&format!("creating a Python venv in {} ...", venv.display()));
        let ok = Command::new("python3")
            .arg("-m")
            .arg("venv")
            .arg(&venv)
            .status()?
            .success();
        if !ok {
            bail!("python3 -m venv failed; on Debian install python3-venv");
        }
    }
    let present = Command::new(&python)
        .args(["-c", &format!("import {import_name}")])
        .stderr(Stdio::null())
        .status()?
        .success();
    if !present {
        note(&format!("pip install {package} ..."));
        let ok = Command::new(&python)
            .args(["-m", "pip", "install", "-q", package])
            .status()?
            .success();
        if !ok {
            bail!("pip install {package} failed");
        }
    }
    Ok(python)
}
