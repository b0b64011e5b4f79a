//! `rapport-bench server`: a load test of `rapport serve` on the demo
//! agency over loopback (issue #22, "Benchmark"): latency percentiles and
//! throughput at a number of concurrent keep-alive connections, for the
//! dashboard's API warm, right after a new load, and computed afresh (the
//! peer the cache is measured against), for a dashboard page and for
//! report downloads. Bounded in requests and in time.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::{Context, Result, bail};
use serde::Serialize;

use crate::{ListFormat, json, line, rapport_exe};

pub(crate) struct ServerBench {
    pub dir: PathBuf,
    pub connections: usize,
    pub requests: usize,
    pub seconds: u64,
    pub format: ListFormat,
}

#[derive(Debug, Serialize)]
struct Scenario {
    name: String,
    requests: usize,
    connections: usize,
    failed: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    per_second: f64,
}

#[derive(Debug, Serialize)]
struct ServerFigures {
    cores: usize,
    scenarios: Vec<Scenario>,
}

/// The server the bench started; stopped when dropped.
struct Served {
    child: Child,
    addr: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn rapport(ws: &Path, args: &[&str], stdin: Option<&str>) -> Result<String> {
    let mut child = Command::new(rapport_exe()?)
        .arg("--workspace")
        .arg(ws)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .context("cannot run rapport")?;
    if let (Some(text), Some(mut input)) = (stdin, child.stdin.take()) {
        input.write_all(text.as_bytes())?;
    }
    drop(child.stdin.take());
    let out = child.wait_with_output()?;
    if !out.status.success() {
        bail!(
            "rapport {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

fn start(ws: &Path) -> Result<Served> {
    let mut child = Command::new(rapport_exe()?)
        .arg("--workspace")
        .arg(ws)
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--schedule-every",
            "0",
            "--rate-limit",
            "0",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .context("cannot start rapport serve")?;
    let mut first = String::new();
    BufReader::new(child.stdout.as_mut().context("no stdout")?).read_line(&mut first)?;
    let addr = first
        .split("http://")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .with_context(|| format!("no address in {first:?}"))?
        .to_owned();
    Ok(Served { child, addr })
}

/// One keep-alive connection: sends a GET and reads the whole answer;
/// returns the status.
fn get(stream: &mut BufReader<TcpStream>, addr: &str, path: &str, headers: &str) -> Result<u16> {
    write!(
        stream.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\n{headers}\r\n"
    )?;
    let mut status = 0;
    let mut length = 0usize;
    let mut head = String::new();
    loop {
        head.clear();
        if stream.read_line(&mut head)? == 0 {
            bail!("the server closed the connection");
        }
        let l = head.trim_end();
        if l.is_empty() {
            break;
        }
        if status == 0 {
            status = l
                .split_whitespace()
                .nth(1)
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
        } else if let Some((name, value)) = l.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    stream.read_exact(&mut body)?;
    Ok(status)
}

/// `requests` GETs of `paths` (in turn) over `connections` connections,
/// stopping at `limit`.
fn load(
    name: &str,
    addr: &str,
    paths: &[String],
    headers: &str,
    connections: usize,
    requests: usize,
    limit: Duration,
) -> Result<Scenario> {
    let next = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let times = Arc::new(Mutex::new(Vec::with_capacity(requests)));
    let started = Instant::now();
    let workers: Vec<_> = (0..connections.min(requests))
        .map(|_| {
            let (next, failed, times) = (next.clone(), failed.clone(), times.clone());
            let (addr, headers, paths) = (addr.to_owned(), headers.to_owned(), paths.to_vec());
            std::thread::spawn(move || -> Result<()> {
                let mut stream = BufReader::new(TcpStream::connect(&addr)?);
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= requests || started.elapsed() > limit {
                        return Ok(());
                    }
                    let t = Instant::now();
                    let status = get(&mut stream, &addr, &paths[i % paths.len()], &headers)?;
                    let ms = t.elapsed().as_secs_f64() * 1000.0;
                    if !(200..300).contains(&status) {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                    if let Ok(mut t) = times.lock() {
                        t.push(ms);
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join()
            .map_err(|_| anyhow::anyhow!("a load thread panicked"))??;
    }
    let elapsed = started.elapsed().as_secs_f64();
    let mut times = Arc::try_unwrap(times)
        .map_err(|_| anyhow::anyhow!("load threads still running"))?
        .into_inner()
        .map_err(|_| anyhow::anyhow!("a load thread panicked"))?;
    times.sort_by(f64::total_cmp);
    let at = |q: f64| {
        times
            .get(((times.len() as f64 * q).ceil() as usize).saturating_sub(1))
            .copied()
            .unwrap_or(f64::NAN)
    };
    Ok(Scenario {
        name: name.to_owned(),
        requests: times.len(),
        connections: connections.min(requests),
        failed: failed.load(Ordering::Relaxed),
        p50_ms: at(0.50),
        p99_ms: at(0.99),
        max_ms: times.last().copied().unwrap_or(f64::NAN),
        per_second: times.len() as f64 / elapsed,
    })
}

pub(crate) fn server(b: &ServerBench) -> Result<()> {
    let ws = crate::report::demo_named(&b.dir, "server-demo")?;
    let email = "bench@agency.example";
    if !rapport(&ws, &["user", "list"], None)?.contains(email) {
        rapport(
            &ws,
            &["user", "add", email, "--role", "admin", "--password-stdin"],
            Some("a long bench password\n"),
        )?;
    }
    let token = rapport(&ws, &["token", "create", email, "--expires", "1d"], None)?
        .lines()
        .next()
        .unwrap_or("")
        .to_owned();
    let server = start(&ws)?;
    let addr = server.addr.clone();
    let auth = format!("Authorization: Bearer {token}\r\n");
    let limit = Duration::from_secs(b.seconds);
    let run = |name: &str, paths: &[String], headers: &str, requests: usize| {
        load(name, &addr, paths, headers, b.connections, requests, limit)
    };
    let metrics = vec!["/api/clients/lumen/metrics?period=2026-Q3".to_owned()];
    let mut scenarios = Vec::new();
    // Cold: every request a question not asked before (a month or quarter
    // each), so each computes; the peer the kept results are measured
    // against.
    let fresh: Vec<String> = (1..=10)
        .map(|m| format!("/api/clients/lumen/metrics?period=2026-{m:02}&compare=year"))
        .chain(
            (1..=12).map(|m| format!("/api/clients/lumen/metrics?period=2025-{m:02}&compare=year")),
        )
        .chain((1..=4).flat_map(|q| {
            [
                format!("/api/clients/lumen/metrics?period=2025-Q{q}&compare=year"),
                format!("/api/clients/lumen/metrics?period=2026-Q{q}&compare=year"),
            ]
        }))
        .collect();
    scenarios.push(run(
        "metrics API, each computed",
        &fresh,
        &auth,
        fresh.len(),
    )?);
    let _ = run("(warm-up)", &metrics, &auth, 1)?;
    scenarios.push(run("metrics API, warm", &metrics, &auth, b.requests)?);
    // A new load (the client's annotations again) changes the data
    // generation: the first requests compute, the rest reuse.
    let annotations = ws.join("exports/lumen/annotations.csv");
    rapport(
        &ws,
        &[
            "ingest",
            "lumen",
            "annotations",
            annotations.to_str().context("path")?,
        ],
        None,
    )?;
    scenarios.push(run(
        "metrics API, after a new load",
        &metrics,
        &auth,
        b.requests,
    )?);
    let runs: serde_json::Value = serde_json::from_str(&rapport(
        &ws,
        &["report", "list", "lumen", "--format", "json"],
        None,
    )?)?;
    let run_id = runs[0]["id"].as_i64().context("the demo has a report")?;
    for (name, file) in [
        ("report PDF download", "report.pdf"),
        ("report HTML download", "report.html"),
    ] {
        let path = vec![format!("/api/clients/lumen/reports/{run_id}/{file}")];
        scenarios.push(run(name, &path, &auth, b.requests)?);
    }
    // The dashboard page, signed in.
    let cookie = sign_in(&addr, email)?;
    let page = vec!["/c/lumen?period=2026-Q3&lang=en".to_owned()];
    let _ = run("(warm-up)", &page, &cookie, 1)?;
    scenarios.push(run("dashboard page, warm", &page, &cookie, b.requests)?);
    drop(server);
    let figures = ServerFigures {
        cores: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
        scenarios,
    };
    match b.format {
        ListFormat::Json => json(&figures),
        ListFormat::Table => {
            print(&figures);
            Ok(())
        }
    }
}

/// Signs in over HTTP and returns the session's Cookie header line.
fn sign_in(addr: &str, email: &str) -> Result<String> {
    let body = format!(
        "email={}&password=a+long+bench+password",
        email.replace('@', "%40")
    );
    let mut stream = TcpStream::connect(addr)?;
    write!(
        stream,
        "POST /login HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer)?;
    let cookie = answer
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .and_then(|c| c.split(';').next())
        .with_context(|| format!("signing in failed: {}", answer.lines().next().unwrap_or("")))?;
    Ok(format!("Cookie: {cookie}\r\n"))
}

fn print(f: &ServerFigures) {
    line(&format!(
        "rapport serve on 127.0.0.1, the demo agency, {} cores (server and load share them)",
        f.cores
    ));
    line(&format!(
        "{:<32} {:>8} {:>5} {:>7} {:>9} {:>9} {:>9} {:>9}",
        "", "requests", "conns", "failed", "p50 ms", "p99 ms", "max ms", "per s"
    ));
    for s in &f.scenarios {
        line(&format!(
            "{:<32} {:>8} {:>5} {:>7} {:>9.2} {:>9.2} {:>9.2} {:>9.0}",
            s.name, s.requests, s.connections, s.failed, s.p50_ms, s.p99_ms, s.max_ms, s.per_second
        ));
    }
}
