//! `rapport-bench models`: BG/NBD and Gamma-Gamma fitted to the same
//! simulated customers by Rapport and by Python's `lifetimes`
//! (`BetaGeoFitter`, `GammaGammaFitter`) in one run.
//!
//! Both sides read the same CSV (`frequency, recency, T, monetary_value`,
//! the layout `lifetimes` uses) and time only their fits; peak memory is each
//! process's high-water mark of resident memory, reading included.

use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use rand::SeedableRng;
use rapport_models::{
    BgNbdParams, GammaGamma, History, PurchaseModel, PurchaseModelKind, SpendHistory, simulate,
};
use serde::Serialize;

use crate::ListFormat;
use crate::ingest::{note, python_with, run_measured};
use crate::{count, line};

/// The parameters the customers are simulated from (in days).
const TRUTH: BgNbdParams = BgNbdParams {
    r: 0.9,
    alpha: 40.0,
    a: 1.2,
    b: 5.0,
};
const SPEND_TRUTH: GammaGamma = GammaGamma {
    p: 6.0,
    q: 4.0,
    gamma: 15.0,
};

/// One side's fit: time, memory and parameters.
#[derive(Debug, Serialize)]
struct FitMeasure {
    tool: String,
    /// The median over the runs.
    seconds: f64,
    /// Every run's time, in order.
    run_seconds: Vec<f64>,
    peak_memory_mb: f64,
    bg_nbd: [f64; 4],
    gamma_gamma: [f64; 3],
}

#[derive(Debug, Serialize)]
struct ModelsReport {
    customers: u64,
    repeat_customers: u64,
    cores: usize,
    /// Parameter order: bg_nbd = [r, alpha, a, b]; gamma_gamma = [p, q, gamma].
    rapport: FitMeasure,
    lifetimes: Option<FitMeasure>,
    /// lifetimes' time divided by ours: above 1 means Rapport is faster.
    speed_ratio: Option<f64>,
    /// Largest |ours − theirs| / |theirs| over the seven parameters.
    max_relative_difference: Option<f64>,
    /// Every parameter equal to 4 significant digits.
    same_to_4_digits: Option<bool>,
}

pub(crate) struct ModelsBench {
    pub(crate) customers: u64,
    /// Fits per side; the median time is reported.
    pub(crate) runs: u32,
    pub(crate) dir: PathBuf,
    pub(crate) peer: bool,
    pub(crate) format: ListFormat,
}

/// Customers simulated from [`TRUTH`] over two years, times in whole days
/// (as an order export gives them), with Gamma-Gamma spend.
fn write_customers(path: &Path, n: u64) -> Result<()> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2005);
    let simulated = simulate::bg_nbd(&mut rng, TRUTH, n as usize, 730.0, 0.0)?;
    let histories: Vec<History> = simulated
        .iter()
        .map(|c| {
            let h = c.history;
            History {
                x: h.x,
                t_x: h.t_x.ceil(),
                t: h.t.ceil(),
            }
        })
        .collect();
    let counts: Vec<f64> = histories.iter().map(|h| h.x.max(1.0)).collect();
    let spend = simulate::gamma_gamma(&mut rng, SPEND_TRUTH, &counts)?;
    let tmp = path.with_extension("csv.tmp");
    let mut w = BufWriter::with_capacity(1 << 20, std::fs::File::create(&tmp)?);
    writeln!(w, "frequency,recency,T,monetary_value")?;
    for (h, m) in histories.iter().zip(&spend) {
        let m = if h.x > 0.0 { *m } else { 0.0 };
        writeln!(w, "{},{},{},{m:.4}", h.x, h.t_x, h.t)?;
    }
    w.flush()?;
    drop(w);
    std::fs::rename(&tmp, path)?;
    Ok(())
}

fn read_customers(path: &Path) -> Result<Vec<(History, f64)>> {
    let text = std::fs::read_to_string(path)?;
    let mut out = Vec::new();
    for (i, l) in text.lines().enumerate().skip(1) {
        let f: Vec<f64> = l
            .split(',')
            .map(str::parse)
            .collect::<Result<_, _>>()
            .with_context(|| format!("{}, line {}: not four numbers", path.display(), i + 1))?;
        if f.len() != 4 {
            bail!("{}, line {}: expected 4 columns", path.display(), i + 1);
        }
        out.push((
            History {
                x: f[0],
                t_x: f[1],
                t: f[2],
            },
            f[3],
        ));
    }
    Ok(out)
}

/// The process's peak resident memory so far (Linux `VmHWM`), in MB.
pub(crate) fn peak_memory_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|t| {
            t.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// The median of a few timings.
pub(crate) fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    match v.len() {
        0 => f64::NAN,
        n if n % 2 == 1 => v[n / 2],
        n => (v[n / 2 - 1] + v[n / 2]) / 2.0,
    }
}

/// Rapport's fits, and the number of repeat buyers they saw.
fn rapport_fit(csv: &Path, runs: u32) -> Result<(FitMeasure, u64)> {
    let data = read_customers(csv)?;
    let histories: Vec<History> = data.iter().map(|d| d.0).collect();
    let spend: Vec<SpendHistory> = data
        .iter()
        .filter(|d| d.0.x > 0.0)
        .map(|d| SpendHistory {
            x: d.0.x,
            mean_value: d.1,
        })
        .collect();
    let mut run_seconds = Vec::new();
    let (mut purchase, mut spend_fit) = (None, None);
    for _ in 0..runs {
        let started = Instant::now();
        let p = PurchaseModel::fit(PurchaseModelKind::BgNbd, &histories)?;
        let purchase_seconds = started.elapsed().as_secs_f64();
        let s = GammaGamma::fit(&spend)?;
        let seconds = started.elapsed().as_secs_f64();
        note(&format!(
            "  BG/NBD {purchase_seconds:.3} s ({} iterations), Gamma-Gamma {:.3} s ({} iterations)",
            p.iterations,
            seconds - purchase_seconds,
            s.iterations
        ));
        run_seconds.push(seconds);
        (purchase, spend_fit) = (Some(p), Some(s));
    }
    let (Some(purchase), Some(spend_fit)) = (purchase, spend_fit) else {
        bail!("--runs must be at least 1");
    };
    let PurchaseModel::BgNbd(p) = purchase.model else {
        bail!("BG/NBD fit returned another model");
    };
    let g = spend_fit.model;
    let measure = FitMeasure {
        tool: "rapport".to_owned(),
        seconds: median(run_seconds.clone()),
        run_seconds,
        peak_memory_mb: peak_memory_mb(),
        bg_nbd: [p.r, p.alpha, p.a, p.b],
        gamma_gamma: [g.p, g.q, g.gamma],
    };
    Ok((measure, spend.len() as u64))
}

const LIFETIMES_SCRIPT: &str = r#"
import json, sys, time
import pandas as pd
from lifetimes import BetaGeoFitter, GammaGammaFitter
d = pd.read_csv(sys.argv[1])
runs = []
for _ in range(int(sys.argv[2])):
    t = time.perf_counter()
    bgf = BetaGeoFitter(penalizer_coef=0.0).fit(d["frequency"], d["recency"], d["T"])
    rep = d[d["frequency"] > 0]
    ggf = GammaGammaFitter(penalizer_coef=0.0).fit(rep["frequency"], rep["monetary_value"])
    runs.append(time.perf_counter() - t)
b, g = bgf.params_, ggf.params_
print(json.dumps({"run_seconds": runs,
                  "bg_nbd": [b["r"], b["alpha"], b["a"], b["b"]],
                  "gamma_gamma": [g["p"], g["q"], g["v"]]}))
"#;

fn lifetimes_fit(dir: &Path, csv: &Path, runs: u32) -> Result<FitMeasure> {
    let python = python_with(dir, "lifetimes", "lifetimes")?;
    note("lifetimes BetaGeoFitter + GammaGammaFitter ...");
    let mut cmd = Command::new(python);
    cmd.arg("-c")
        .arg(LIFETIMES_SCRIPT)
        .arg(csv)
        .arg(runs.to_string());
    let (stdout, peak) = run_measured(cmd)?;
    #[derive(serde::Deserialize)]
    struct Out {
        run_seconds: Vec<f64>,
        bg_nbd: [f64; 4],
        gamma_gamma: [f64; 3],
    }
    let out: Out = serde_json::from_slice(&stdout).context("lifetimes printed no result")?;
    Ok(FitMeasure {
        tool: "lifetimes".to_owned(),
        seconds: median(out.run_seconds.clone()),
        run_seconds: out.run_seconds,
        peak_memory_mb: peak,
        bg_nbd: out.bg_nbd,
        gamma_gamma: out.gamma_gamma,
    })
}

/// Simulates (once) `customers` BG/NBD customers with spend, then fits
/// BG/NBD and Gamma-Gamma with Rapport and with `lifetimes`.
pub(crate) fn models(b: &ModelsBench) -> Result<()> {
    std::fs::create_dir_all(&b.dir)
        .with_context(|| format!("cannot create {}", b.dir.display()))?;
    let csv = b.dir.join(format!("customers-{}.csv", b.customers));
    if !csv.exists() {
        note(&format!(
            "simulating {} BG/NBD customers into {} ...",
            count(b.customers),
            csv.display()
        ));
        write_customers(&csv, b.customers)?;
    }
    note("rapport BG/NBD + Gamma-Gamma ...");
    let (rapport, repeat_customers) = rapport_fit(&csv, b.runs)?;
    let lifetimes = if b.peer {
        Some(lifetimes_fit(&b.dir, &csv, b.runs)?)
    } else {
        None
    };
    let ours: Vec<f64> = rapport
        .bg_nbd
        .iter()
        .chain(&rapport.gamma_gamma)
        .copied()
        .collect();
    let max_relative_difference = lifetimes.as_ref().map(|l| {
        l.bg_nbd
            .iter()
            .chain(&l.gamma_gamma)
            .zip(&ours)
            .map(|(theirs, ours)| (ours - theirs).abs() / theirs.abs())
            .fold(0.0, f64::max)
    });
    let report = ModelsReport {
        customers: b.customers,
        repeat_customers,
        cores: std::thread::available_parallelism().map_or(1, usize::from),
        speed_ratio: lifetimes.as_ref().map(|l| l.seconds / rapport.seconds),
        same_to_4_digits: max_relative_difference.map(|d| d < 5e-4),
        max_relative_difference,
        rapport,
        lifetimes,
    };
    match b.format {
        ListFormat::Json => crate::json(&report),
        ListFormat::Table => {
            print(&report);
            Ok(())
        }
    }
}

fn print(r: &ModelsReport) {
    line(&format!(
        "BG/NBD + Gamma-Gamma on {} simulated customers ({} with repeat purchases), {} cores; median of {} fit{} per side",
        count(r.customers),
        count(r.repeat_customers),
        r.cores,
        r.rapport.run_seconds.len(),
        if r.rapport.run_seconds.len() == 1 {
            ""
        } else {
            "s"
        }
    ));
    line(&format!(
        "| {:<10} | {:>9} | {:>7} | {:>9} | {:>9} | {:>9} | {:>9} | {:>9} | {:>9} | {:>9} |",
        "tool", "seconds", "peak MB", "r", "alpha", "a", "b", "p", "q", "gamma"
    ));
    for m in std::iter::once(&r.rapport).chain(&r.lifetimes) {
        let p: Vec<String> = m
            .bg_nbd
            .iter()
            .chain(&m.gamma_gamma)
            .map(|v| format!("{v:>9.5}"))
            .collect();
        line(&format!(
            "| {:<10} | {:>9.3} | {:>7.0} | {} |",
            m.tool,
            m.seconds,
            m.peak_memory_mb,
            p.join(" | ")
        ));
    }
    if let (Some(ratio), Some(diff)) = (r.speed_ratio, r.max_relative_difference) {
        line(&format!(
            "Speed ratio (lifetimes time / Rapport time): {ratio:.1}x. Largest relative parameter difference: {diff:.1e} ({}).",
            if diff < 5e-4 {
                "the same to 4 significant digits"
            } else {
                "NOT the same to 4 significant digits"
            }
        ));
    }
    line(&format!(
        "Simulated from r = {}, alpha = {}, a = {}, b = {} (days); p = {}, q = {}, gamma = {}.",
        TRUTH.r, TRUTH.alpha, TRUTH.a, TRUTH.b, SPEND_TRUTH.p, SPEND_TRUTH.q, SPEND_TRUTH.gamma
    ));
}
