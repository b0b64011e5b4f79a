//! `rapport-bench metrics`: the whole metric suite for one quarter with its
//! comparison on one large generated client, and in the same run DuckDB
//! running the very same plans (their SQL, recorded as Rapport ran them,
//! with the two dialect differences rewritten) over the same Parquet files.
//! Results are compared value by value, so the ratio is between two
//! computations of the same numbers.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;

use anyhow::{Context, Result, bail};
use datafusion::arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Float64Array, Int64Array, RecordBatch, StringArray,
    TimestampMicrosecondArray, new_null_array,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rapport_schema::Entity;
use rapport_store::{LoadOutcome, Workspace};
use serde::Serialize;

use crate::ListFormat;
use crate::ingest::{note, python_with, run_measured};
use crate::{count, line};

/// Options of the bench.
pub(crate) struct MetricsBench {
    /// 1.0 = 50 M web events, 5 M orders, 1 M survey responses, 1 M tickets.
    pub(crate) scale: f64,
    pub(crate) dir: PathBuf,
    pub(crate) peer: bool,
    pub(crate) format: ListFormat,
    /// Timed runs per side; each side's median is reported.
    pub(crate) runs: u32,
    /// Local Ballista clusters to run the suite on as well, by their
    /// number of executors (`rapport cluster start`).
    pub(crate) clusters: Vec<usize>,
    /// A running cluster to run the suite on as well.
    pub(crate) engine: Option<String>,
}

/// The suite on a cluster, against the embedded engine.
#[derive(Debug, Serialize)]
struct ClusterSide {
    engine: String,
    /// The executors of a local cluster the bench started; `None` for
    /// `--engine`.
    executors: Option<usize>,
    side: Side,
    /// The cluster's time divided by the embedded engine's.
    slowdown: f64,
    /// Metric values compared with the embedded run's, and the largest
    /// relative difference.
    values_compared: u64,
    max_relative_difference: f64,
    /// Where the time of a local cluster's timed runs went, from its logs.
    time_spent: Option<TimeSpent>,
}

/// Where a cluster's time goes, per suite run (the mean of the timed
/// runs), read from the scheduler's and executors' logs: the scheduler
/// logs how long it planned each job (physical plan and stages), each
/// executor task logs its time in its slot and the part of it spent
/// writing and reading shuffle files (`rapport_cluster::TASK_LOG_TARGET`).
#[derive(Debug, Default, Serialize)]
struct TimeSpent {
    jobs: f64,
    tasks: f64,
    scheduler_planning_seconds: f64,
    /// Tasks' time in their slots, all executors together.
    task_seconds: f64,
    shuffle_write_seconds: f64,
    /// Fetching earlier stages' output; overlaps with computing.
    shuffle_read_seconds: f64,
    /// Task slots (executors × cores).
    slots: usize,
    /// `task_seconds` over the slots' time during a run (wall time ×
    /// slots): the rest is slots waiting for work (the scheduler's stage
    /// barriers, its polls, round trips to the client).
    slots_busy: f64,
}

/// The size of each log in `dir`, to read what is written after.
fn log_sizes(dir: &Path) -> HashMap<PathBuf, u64> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "log"))
                .map(|p| {
                    let size = std::fs::metadata(&p).map_or(0, |m| m.len());
                    (p, size)
                })
                .collect()
        })
        .unwrap_or_default()
}

/// A `Duration`'s `Debug` text (`12.5ms`, `1.2s`, `830µs`) in seconds.
fn debug_duration_seconds(text: &str) -> Option<f64> {
    let split = text.find(|c: char| !(c.is_ascii_digit() || c == '.'))?;
    let (number, unit) = text.split_at(split);
    let n: f64 = number.parse().ok()?;
    let scale = match unit {
        "s" => 1.0,
        "ms" => 1e-3,
        "µs" | "us" => 1e-6,
        "ns" => 1e-9,
        _ => return None,
    };
    Some(n * scale)
}

/// Adds up the job and task lines the logs in `dir` gained since `before`.
fn time_spent(
    dir: &Path,
    before: &HashMap<PathBuf, u64>,
    runs: u32,
    wall_seconds: f64,
    slots: usize,
) -> Result<TimeSpent> {
    let mut spent = TimeSpent {
        slots,
        ..TimeSpent::default()
    };
    for (path, size) in log_sizes(dir) {
        let from = before.get(&path).copied().unwrap_or(0).min(size);
        let bytes = std::fs::read(&path)?;
        let text = String::from_utf8_lossy(&bytes[usize::try_from(from).unwrap_or(0)..]);
        for l in text.lines() {
            if let Some(rest) = l.split_once("] planning took ").map(|(_, r)| r) {
                spent.jobs += 1.0;
                spent.scheduler_planning_seconds +=
                    debug_duration_seconds(rest.trim()).unwrap_or(0.0);
            } else if l.contains(rapport_cluster::TASK_LOG_TARGET) {
                let field = |key: &str| -> f64 {
                    l.split_whitespace()
                        .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0.0)
                };
                spent.tasks += 1.0;
                spent.task_seconds += field("elapsed_ms") / 1e3;
                spent.shuffle_write_seconds += field("shuffle_write_ms") / 1e3;
                spent.shuffle_read_seconds += field("shuffle_read_ms") / 1e3;
            }
        }
    }
    let n = f64::from(runs.max(1));
    spent.jobs /= n;
    spent.tasks /= n;
    spent.scheduler_planning_seconds /= n;
    spent.task_seconds /= n;
    spent.shuffle_write_seconds /= n;
    spent.shuffle_read_seconds /= n;
    spent.slots_busy = spent.task_seconds / (wall_seconds * slots as f64);
    Ok(spent)
}

#[derive(Debug, Serialize)]
struct Side {
    tool: String,
    /// The median of `run_seconds`.
    seconds: f64,
    run_seconds: Vec<f64>,
    peak_memory_mb: f64,
}

#[derive(Debug, Serialize)]
struct MetricsReport {
    scale: f64,
    rows: HashMap<&'static str, u64>,
    period: &'static str,
    cores: usize,
    plans: usize,
    metrics_with_data: usize,
    rapport: Side,
    duckdb: Option<Side>,
    /// DuckDB's time divided by ours: above 1 means Rapport is faster.
    speed_ratio: Option<f64>,
    /// Result values compared between the two, and the largest relative
    /// difference among them.
    values_compared: Option<u64>,
    max_relative_difference: Option<f64>,
    clusters: Vec<ClusterSide>,
}

const PERIOD: &str = "2026-Q3";
/// 2025-01-01T00:00:00Z and 2026-11-01T00:00:00Z in µs.
const START_US: i64 = 1_735_689_600_000_000;
const END_US: i64 = 1_793_491_200_000_000;
const DAY_US: i64 = 86_400_000_000;

fn ts_array(v: Vec<i64>) -> ArrayRef {
    Arc::new(TimestampMicrosecondArray::from(v).with_timezone("UTC"))
}

fn opt_ts_array(v: Vec<Option<i64>>) -> ArrayRef {
    Arc::new(TimestampMicrosecondArray::from(v).with_timezone("UTC"))
}

fn text(v: Vec<Option<String>>) -> ArrayRef {
    Arc::new(StringArray::from(v))
}

/// Writes one load of `entity` from batches of named columns (others null).
fn write_load(
    ws: &Workspace,
    entity: Entity,
    batches: impl Iterator<Item = Vec<(&'static str, ArrayRef)>>,
) -> Result<u64> {
    let pending = ws.begin_load("bench", entity)?;
    let path = pending.staging_data_path();
    let schema = entity.spec().stored_schema();
    let file = std::fs::File::create(&path)?;
    // The files a load of this entity would write (row groups, encodings),
    // so that the bench reads what a workspace holds.
    let props = rapport_ingest::data_props(entity);
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, schema.clone(), Some(props))?;
    let mut rows = 0u64;
    for columns in batches {
        let n = columns.first().map_or(0, |c| c.1.len());
        let named: HashMap<&str, ArrayRef> = columns.into_iter().collect();
        let arrays: Vec<ArrayRef> = schema
            .fields()
            .iter()
            .map(|f| {
                named
                    .get(f.name().as_str())
                    .cloned()
                    .unwrap_or_else(|| new_null_array(f.data_type(), n))
            })
            .collect();
        writer.write(&RecordBatch::try_new(schema.clone(), arrays)?)?;
        rows += n as u64;
    }
    writer.close()?;
    pending.commit(&LoadOutcome {
        source: "bench".into(),
        inputs: vec!["generated".into()],
        rows_read: rows,
        loaded: rows,
        ..LoadOutcome::default()
    })?;
    Ok(rows)
}

const BATCH: usize = 1 << 20;

/// Generates the bench client, sorted by time within each entity.
fn generate(ws: &Workspace, scale: f64) -> Result<HashMap<&'static str, u64>> {
    let n_events = (50_000_000.0 * scale) as usize;
    let n_orders = (5_000_000.0 * scale) as usize;
    let n_surveys = (1_000_000.0 * scale) as usize;
    let n_tickets = (1_000_000.0 * scale) as usize;
    let n_customers = (n_orders / 4).max(10);
    let span = END_US - START_US;
    let mut rows = HashMap::new();
    let cid = |k: usize| Some(format!("c{k:08}"));

    note(&format!(
        "generating {} customers ...",
        count(n_customers as u64)
    ));
    let mut rng = ChaCha8Rng::seed_from_u64(11);
    let countries = ["RO", "DE", "FR", "HU", "BG", "PL"];
    let customers = (0..n_customers).step_by(BATCH).map(|from| {
        let to = (from + BATCH).min(n_customers);
        let created: Vec<i64> = (from..to)
            .map(|_| START_US + rng.random_range(0..span / 2))
            .collect();
        vec![
            ("customer_id", text((from..to).map(cid).collect())),
            ("created_at", ts_array(created)),
            (
                "country",
                text(
                    (from..to)
                        .map(|i| Some(countries[i % 6].to_owned()))
                        .collect(),
                ),
            ),
            (
                "birth_year",
                Arc::new(Int64Array::from(
                    (from..to)
                        .map(|i| 1950 + (i % 55) as i64)
                        .collect::<Vec<_>>(),
                )) as ArrayRef,
            ),
        ]
    });
    rows.insert("customers", write_load(ws, Entity::Customers, customers)?);

    note(&format!("generating {} orders ...", count(n_orders as u64)));
    let mut rng = ChaCha8Rng::seed_from_u64(12);
    let statuses = [
        "completed",
        "completed",
        "completed",
        "completed",
        "completed",
        "completed",
        "completed",
        "completed",
        "completed",
        "refunded",
    ];
    let channels = ["web", "web", "marketplace", "phone"];
    let orders = (0..n_orders).step_by(BATCH).map(|from| {
        let to = (from + BATCH).min(n_orders);
        let step = span / n_orders as i64;
        let t: Vec<i64> = (from..to)
            .map(|i| START_US + i as i64 * step + rng.random_range(0..step.max(1)))
            .collect();
        let customers: Vec<Option<String>> = (from..to)
            .map(|_| cid(rng.random_range(0..n_customers)))
            .collect();
        let amounts: Vec<f64> = (from..to)
            .map(|_| (20.0 + 300.0 * rng.random::<f64>().powi(2)).round())
            .collect();
        vec![
            (
                "order_id",
                text((from..to).map(|i| Some(format!("o{i:09}"))).collect()),
            ),
            ("customer_id", text(customers)),
            ("ordered_at", ts_array(t)),
            ("amount", Arc::new(Float64Array::from(amounts)) as ArrayRef),
            ("currency", text(vec![Some("EUR".to_owned()); to - from])),
            (
                "status",
                text(
                    (from..to)
                        .map(|i| Some(statuses[(i * 7) % 10].to_owned()))
                        .collect(),
                ),
            ),
            (
                "channel",
                text(
                    (from..to)
                        .map(|i| Some(channels[i % 4].to_owned()))
                        .collect(),
                ),
            ),
        ]
    });
    rows.insert("orders", write_load(ws, Entity::Orders, orders)?);

    note(&format!(
        "generating {} web events ...",
        count(n_events as u64)
    ));
    let mut rng = ChaCha8Rng::seed_from_u64(13);
    let n_sessions = (n_events / 5).max(1);
    let session_step = span / n_sessions as i64;
    let devices = ["mobile", "mobile", "desktop", "tablet"];
    let campaigns = [
        None,
        Some("brand"),
        Some("prospecting"),
        Some("retargeting"),
    ];
    let pages = ["/", "/p/1", "/p/2", "/p/3", "/cart", "/checkout", "/thanks"];
    let mut session = 0usize;
    let mut made = 0usize;
    let events = std::iter::from_fn(|| {
        if made >= n_events {
            return None;
        }
        let want = BATCH.min(n_events - made);
        let mut id = Vec::with_capacity(want);
        let mut ts = Vec::with_capacity(want);
        let mut kind = Vec::with_capacity(want);
        let mut sid = Vec::with_capacity(want);
        let mut customer = Vec::with_capacity(want);
        let mut anon = Vec::with_capacity(want);
        let mut page = Vec::with_capacity(want);
        let mut device = Vec::with_capacity(want);
        let mut campaign = Vec::with_capacity(want);
        let mut revenue = Vec::with_capacity(want);
        while id.len() < want {
            let start = START_US + session as i64 * session_step;
            let events_in = rng.random_range(1..=9usize).min(want - id.len());
            let who = rng.random_range(0..10);
            let (c, a) = if who < 4 {
                (cid(rng.random_range(0..n_customers)), None)
            } else {
                (None, Some(format!("a{:08}", session / 3)))
            };
            let dev = devices[session % 4];
            let camp = campaigns[(session / 7) % 4];
            let mut t = start;
            for e in 0..events_in {
                let k = match e {
                    0 => "page_view",
                    1 | 2 => "product_view",
                    3 => "add_to_cart",
                    4 => "begin_checkout",
                    5 => "purchase",
                    _ => "page_view",
                };
                id.push(Some(format!("e{:010}", made + id.len())));
                ts.push(t);
                kind.push(Some(k.to_owned()));
                sid.push(Some(format!("s{session:09}")));
                customer.push(c.clone());
                anon.push(a.clone());
                page.push(Some(pages[e.min(6)].to_owned()));
                device.push(Some(dev.to_owned()));
                campaign.push(camp.map(str::to_owned));
                revenue.push((k == "purchase").then_some(50.0 + (session % 200) as f64));
                t += rng.random_range(5_000_000..240_000_000);
            }
            session += 1;
        }
        made += id.len();
        Some(vec![
            ("event_id", text(id)),
            ("ts", ts_array(ts)),
            ("event_type", text(kind)),
            ("session_id", text(sid)),
            ("customer_id", text(customer)),
            ("anonymous_id", text(anon)),
            ("page", text(page)),
            ("revenue", Arc::new(Float64Array::from(revenue)) as ArrayRef),
            ("utm_campaign", text(campaign)),
            ("device", text(device)),
        ])
    });
    rows.insert("web_events", write_load(ws, Entity::WebEvents, events)?);

    note(&format!(
        "generating {} survey responses ...",
        count(n_surveys as u64)
    ));
    let mut rng = ChaCha8Rng::seed_from_u64(14);
    let surveys = (0..n_surveys).step_by(BATCH).map(|from| {
        let to = (from + BATCH).min(n_surveys);
        let step = span / n_surveys as i64;
        let kinds: Vec<&str> = (from..to)
            .map(|i| ["nps", "nps", "csat", "ces"][i % 4])
            .collect();
        let scores: Vec<f64> = kinds
            .iter()
            .map(|k| match *k {
                "nps" => rng.random_range(0..=10) as f64,
                "csat" => rng.random_range(1..=5) as f64,
                _ => rng.random_range(1..=7) as f64,
            })
            .collect();
        vec![
            (
                "response_id",
                text((from..to).map(|i| Some(format!("r{i:09}"))).collect()),
            ),
            (
                "responded_at",
                ts_array((from..to).map(|i| START_US + i as i64 * step).collect()),
            ),
            (
                "survey",
                text(kinds.iter().map(|k| Some((*k).to_owned())).collect()),
            ),
            ("score", Arc::new(Float64Array::from(scores)) as ArrayRef),
            (
                "customer_id",
                text(
                    (from..to)
                        .map(|_| cid(rng.random_range(0..n_customers)))
                        .collect(),
                ),
            ),
        ]
    });
    rows.insert(
        "survey_responses",
        write_load(ws, Entity::SurveyResponses, surveys)?,
    );

    note(&format!(
        "generating {} support tickets ...",
        count(n_tickets as u64)
    ));
    let mut rng = ChaCha8Rng::seed_from_u64(15);
    let support = ["email", "chat", "phone", "social"];
    let tickets = (0..n_tickets).step_by(BATCH).map(|from| {
        let to = (from + BATCH).min(n_tickets);
        let step = span / n_tickets as i64;
        let opened: Vec<i64> = (from..to).map(|i| START_US + i as i64 * step).collect();
        let first: Vec<Option<i64>> = opened
            .iter()
            .map(|t| Some(t + rng.random_range(60_000_000..14_400_000_000)))
            .collect();
        let resolved: Vec<Option<i64>> = opened
            .iter()
            .map(|t| {
                (rng.random_range(0..10) < 9).then(|| t + rng.random_range(600_000_000..3 * DAY_US))
            })
            .collect();
        vec![
            (
                "ticket_id",
                text((from..to).map(|i| Some(format!("t{i:09}"))).collect()),
            ),
            ("opened_at", ts_array(opened)),
            (
                "channel",
                text(
                    (from..to)
                        .map(|i| Some(support[i % 4].to_owned()))
                        .collect(),
                ),
            ),
            (
                "customer_id",
                text(
                    (from..to)
                        .map(|_| cid(rng.random_range(0..n_customers)))
                        .collect(),
                ),
            ),
            ("first_response_at", opt_ts_array(first)),
            ("resolved_at", opt_ts_array(resolved)),
            (
                "contacts",
                Arc::new(Int64Array::from(
                    (from..to).map(|i| 1 + (i % 3) as i64).collect::<Vec<_>>(),
                )) as ArrayRef,
            ),
            (
                "escalated",
                Arc::new(BooleanArray::from(
                    (from..to).map(|i| i % 13 == 0).collect::<Vec<_>>(),
                )) as ArrayRef,
            ),
        ]
    });
    rows.insert(
        "support_tickets",
        write_load(ws, Entity::SupportTickets, tickets)?,
    );

    // Small daily tables: ad spend, e-mail, social.
    let days = (span / DAY_US) as i32;
    let epoch_day = (START_US / DAY_US) as i32;
    let mut rng = ChaCha8Rng::seed_from_u64(16);
    let spend_rows: Vec<(i32, &str, &str)> = (0..days)
        .flat_map(|d| {
            ["search", "social", "display"]
                .into_iter()
                .flat_map(move |c| ["brand", "prospecting"].into_iter().map(move |k| (d, c, k)))
        })
        .collect();
    let n = spend_rows.len();
    let impressions: Vec<i64> = (0..n).map(|_| rng.random_range(1000..20_000)).collect();
    let clicks: Vec<i64> = impressions
        .iter()
        .map(|i| i / rng.random_range(20..80))
        .collect();
    let spend = vec![vec![
        (
            "date",
            Arc::new(Date32Array::from(
                spend_rows
                    .iter()
                    .map(|r| epoch_day + r.0)
                    .collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "channel",
            text(spend_rows.iter().map(|r| Some(r.1.to_owned())).collect()),
        ),
        (
            "campaign",
            text(spend_rows.iter().map(|r| Some(r.2.to_owned())).collect()),
        ),
        (
            "spend",
            Arc::new(Float64Array::from(
                clicks.iter().map(|c| *c as f64 * 0.4).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "conversions",
            Arc::new(Float64Array::from(
                clicks.iter().map(|c| (*c / 25) as f64).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "conversion_value",
            Arc::new(Float64Array::from(
                clicks
                    .iter()
                    .map(|c| (*c / 25) as f64 * 90.0)
                    .collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "impressions",
            Arc::new(Int64Array::from(impressions)) as ArrayRef,
        ),
        ("clicks", Arc::new(Int64Array::from(clicks)) as ArrayRef),
    ]];
    rows.insert(
        "marketing_spend",
        write_load(ws, Entity::MarketingSpend, spend.into_iter())?,
    );
    let weeks = (days / 7) as usize;
    let emails = vec![vec![
        (
            "campaign_id",
            text((0..weeks).map(|i| Some(format!("m{i}"))).collect()),
        ),
        (
            "sent_at",
            ts_array(
                (0..weeks)
                    .map(|i| START_US + i as i64 * 7 * DAY_US)
                    .collect(),
            ),
        ),
        (
            "sent",
            Arc::new(Int64Array::from(vec![20_000i64; weeks])) as ArrayRef,
        ),
        (
            "delivered",
            Arc::new(Int64Array::from(vec![19_500i64; weeks])) as ArrayRef,
        ),
        (
            "opens",
            Arc::new(Int64Array::from(
                (0..weeks)
                    .map(|i| 4000 + (i as i64 % 9) * 100)
                    .collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "clicks",
            Arc::new(Int64Array::from(
                (0..weeks)
                    .map(|i| 600 + (i as i64 % 7) * 20)
                    .collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
    ]];
    rows.insert(
        "email_campaigns",
        write_load(ws, Entity::EmailCampaigns, emails.into_iter())?,
    );
    let d = days as usize;
    let posts = vec![vec![
        (
            "post_id",
            text((0..d).map(|i| Some(format!("p{i}"))).collect()),
        ),
        ("platform", text(vec![Some("instagram".to_owned()); d])),
        (
            "posted_at",
            ts_array(
                (0..d)
                    .map(|i| START_US + i as i64 * DAY_US + 3_600_000_000 * 12)
                    .collect(),
            ),
        ),
        (
            "followers",
            Arc::new(Int64Array::from(
                (0..d).map(|i| 10_000 + 10 * i as i64).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "likes",
            Arc::new(Int64Array::from(
                (0..d).map(|i| 300 + (i as i64 % 50)).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "shares",
            Arc::new(Int64Array::from(
                (0..d).map(|i| 20 + (i as i64 % 9)).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "comments",
            Arc::new(Int64Array::from(
                (0..d).map(|i| 10 + (i as i64 % 5)).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
        (
            "reach",
            Arc::new(Int64Array::from(
                (0..d).map(|i| 4000 + (i as i64 % 100)).collect::<Vec<_>>(),
            )) as ArrayRef,
        ),
    ]];
    rows.insert(
        "social_posts",
        write_load(ws, Entity::SocialPosts, posts.into_iter())?,
    );
    Ok(rows)
}

/// The DuckDB side: the recorded plans, rewritten for DuckDB's dialect,
/// over the same Parquet files; times the queries and compares results.
const DUCKDB_SCRIPT: &str = r#"
import duckdb, json, os, re, sys, time
record = json.load(open(sys.argv[1]))
files = json.load(open(sys.argv[2]))
con = duckdb.connect()
con.execute(f"SET threads = {os.cpu_count()}")
con.execute("SET TimeZone = 'UTC'")
for entity, paths in files.items():
    # A load's file holds the canonical columns; like Rapport's engine, the
    # view adds the client and source every row of the bench's one load shares.
    con.execute(f"CREATE VIEW {entity} AS SELECT *, 'bench' AS client_id, 'bench' AS source FROM read_parquet({json.dumps(paths)})")

def rewrite(sql):
    # Timestamp literals: µs since the epoch.
    sql = re.sub(r"arrow_cast\((\d+), 'Timestamp\(Microsecond, Some\(\"UTC\"\)\)'\)",
                 lambda m: f"make_timestamptz({m.group(1)}::BIGINT)", sql)
    # CAST(<timestamp> AS BIGINT) is epoch_us(<timestamp>) in DuckDB.
    out, i = [], 0
    while True:
        j = sql.find("CAST(", i)
        if j < 0:
            out.append(sql[i:]); break
        depth, k = 0, j + 4
        while True:
            if sql[k] == "(":
                depth += 1
            elif sql[k] == ")":
                depth -= 1
                if depth == 0:
                    break
            k += 1
        inner = sql[j + 5:k]
        if inner.endswith(" AS BIGINT") and not inner.startswith("FLOOR("):
            out.append(sql[i:j]); out.append("epoch_us(" + rewrite(inner[:-10]) + ")")
        else:
            out.append(sql[i:j + 5]); out.append(rewrite(inner)); out.append(")")
        i = k + 1
    return "".join(out)

queries = [rewrite(q["sql"]) for q in record["queries"]]
# Each pass runs every plan; the bench reports the median pass. Later passes
# may reuse what DuckDB caches in the process, which Rapport's runs (each a
# new process) cannot.
passes = []
for _ in range(int(sys.argv[3])):
    results = []
    t = time.perf_counter()
    for q in queries:
        cur = con.execute(q)
        cols = [d[0] for d in cur.description]
        results.append([dict(zip(cols, r)) for r in cur.fetchall()])
    passes.append(time.perf_counter() - t)

compared, worst, problems = 0, 0.0, []
def key(row):
    return (str(row.get("k")), str(row.get("survey")))
for q, got in zip(record["queries"], results):
    want = sorted(q["rows"], key=key)
    got = sorted(got, key=key)
    if len(want) != len(got):
        problems.append(f"{len(want)} rows vs {len(got)}: {q['sql'][:80]}")
        continue
    for w, g in zip(want, got):
        for col, v in w.items():
            x = g.get(col)
            if isinstance(v, (int, float)) and v is not None:
                if x is None:
                    problems.append(f"{col}: {v} vs NULL"); continue
                x = float(x)
                rel = abs(v - x) / max(abs(v), 1e-9)
                compared += 1
                worst = max(worst, rel)
                if rel > 1e-6:
                    problems.append(f"{col}: {v} vs {x}")
            elif v != x and not (v is None and x is None):
                problems.append(f"{col}: {v!r} vs {x!r}")
print(json.dumps({"passes": passes, "compared": compared, "worst": worst, "problems": problems[:10]}))
"#;

pub(crate) fn metrics(b: &MetricsBench) -> Result<()> {
    if !(b.scale > 0.0 && b.scale <= 4.0) {
        bail!("--scale must be above 0 and at most 4");
    }
    let root = b.dir.join(format!("metrics-{}", b.scale));
    let ws_dir = root.join("workspace");
    let exe = crate::rapport_exe()?;
    let rows_file = root.join("rows.json");
    let rows: HashMap<&'static str, u64> = if rows_file.exists() && ws_dir.exists() {
        let saved: HashMap<String, u64> = serde_json::from_slice(&std::fs::read(&rows_file)?)?;
        Entity::ALL
            .iter()
            .filter_map(|e| saved.get(e.name()).map(|n| (e.name(), *n)))
            .collect()
    } else {
        if ws_dir.exists() {
            std::fs::remove_dir_all(&ws_dir)?;
        }
        std::fs::create_dir_all(&root)?;
        let ws = Workspace::init(&ws_dir, rapport_store::Settings::default())?;
        ws.add_client("bench", "Bench")?;
        let rows = generate(&ws, b.scale)?;
        std::fs::write(&rows_file, serde_json::to_vec(&rows)?)?;
        rows
    };
    let ws = Workspace::open(&ws_dir)?;
    let record = root.join("plans.json");
    let run = |engine: &str| -> Result<(f64, f64, serde_json::Value)> {
        let mut cmd = Command::new(&exe);
        cmd.arg("--workspace")
            .arg(&ws_dir)
            .args(["--engine", engine])
            .args([
                "metrics",
                "bench",
                "--period",
                PERIOD,
                "--format",
                "json",
                "--record-sql",
            ])
            .arg(&record);
        let (out, peak) = run_measured(cmd)?;
        let report: serde_json::Value = serde_json::from_slice(&out)?;
        let rec: serde_json::Value = serde_json::from_slice(&std::fs::read(&record)?)?;
        Ok((rec["seconds"].as_f64().unwrap_or(f64::NAN), peak, report))
    };
    note("rapport metrics (a first run warms the file cache for both) ...");
    // A first run warms caches; `warmed` is called after it.
    let timed =
        |engine: &str, warmed: &mut dyn FnMut()| -> Result<(Vec<f64>, f64, serde_json::Value)> {
            run(engine)?;
            warmed();
            let mut times = Vec::new();
            let mut peak = 0.0f64;
            let mut report = serde_json::Value::Null;
            for _ in 0..b.runs {
                let (s, p, r) = run(engine)?;
                times.push(s);
                peak = peak.max(p);
                report = r;
            }
            Ok((times, peak, report))
        };
    let (times, peak, report) = timed("local", &mut || {})?;
    let seconds = crate::models::median(times.clone());
    let rec: serde_json::Value = serde_json::from_slice(&std::fs::read(&record)?)?;
    let plans = rec["queries"].as_array().map_or(0, Vec::len);
    let with_data = report["metrics"]
        .as_array()
        .map_or(0, |m| m.iter().filter(|m| m["value"].is_number()).count());
    let mut out = MetricsReport {
        scale: b.scale,
        rows,
        period: PERIOD,
        cores: std::thread::available_parallelism().map_or(1, usize::from),
        plans,
        metrics_with_data: with_data,
        rapport: Side {
            tool: format!(
                "rapport metrics (all {} ids, {PERIOD} and the quarter before)",
                rapport_metrics::METRICS.len()
            ),
            seconds,
            run_seconds: times,
            peak_memory_mb: peak,
        },
        duckdb: None,
        speed_ratio: None,
        values_compared: None,
        max_relative_difference: None,
        clusters: Vec::new(),
    };
    let on_cluster = |engine: &str, executors: Option<usize>| -> Result<ClusterSide> {
        note(&format!("rapport metrics on {engine} ..."));
        let logs = ws_dir.join("cluster");
        let mut before = HashMap::new();
        let (times, peak, got) = timed(engine, &mut || before = log_sizes(&logs))?;
        let (values_compared, max_relative_difference) = agreement(&report, &got);
        let median = crate::models::median(times.clone());
        let mean = times.iter().sum::<f64>() / times.len().max(1) as f64;
        let time_spent = match executors {
            Some(n) => {
                let slots = n * std::thread::available_parallelism().map_or(1, usize::from);
                Some(time_spent(&logs, &before, b.runs, mean, slots)?)
            }
            None => None,
        };
        Ok(ClusterSide {
            engine: engine.to_owned(),
            executors,
            side: Side {
                tool: match executors {
                    Some(n) => format!("the same on a local cluster of {n} executor(s)"),
                    None => format!("the same on {engine}"),
                },
                seconds: median,
                run_seconds: times,
                peak_memory_mb: peak,
            },
            slowdown: median / seconds,
            values_compared,
            max_relative_difference,
            time_spent,
        })
    };
    for &executors in &b.clusters {
        let port = std::net::TcpListener::bind(("127.0.0.1", 0))?
            .local_addr()?
            .port();
        let status = Command::new(&exe)
            .arg("--workspace")
            .arg(&ws_dir)
            .args(["cluster", "start", "--executors", &executors.to_string()])
            .args(["--port", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .status()?;
        if !status.success() {
            bail!("rapport cluster start --executors {executors} failed");
        }
        let side = on_cluster(&format!("ballista://127.0.0.1:{port}"), Some(executors));
        let stopped = Command::new(&exe)
            .arg("--workspace")
            .arg(&ws_dir)
            .args(["cluster", "stop"])
            .stdout(std::process::Stdio::null())
            .status()?;
        out.clusters.push(side?);
        if !stopped.success() {
            bail!("rapport cluster stop failed");
        }
    }
    if let Some(engine) = &b.engine {
        out.clusters.push(on_cluster(engine, None)?);
    }
    if b.peer {
        let python = python_with(&b.dir, "duckdb", "duckdb")?;
        // Every table, as DuckDB sees it: the client's Parquet files, or an
        // empty file with the canonical schema for an entity without data.
        let mut files: HashMap<&str, Vec<String>> = HashMap::new();
        for e in Entity::ALL {
            let mut paths: Vec<String> = ws
                .data_files("bench", e)?
                .into_iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect();
            if paths.is_empty() {
                let empty = root.join(format!("empty-{}.parquet", e.name()));
                let schema = e.spec().stored_schema();
                let w = parquet::arrow::ArrowWriter::try_new(
                    std::fs::File::create(&empty)?,
                    schema,
                    None,
                )?;
                w.close()?;
                paths.push(empty.to_string_lossy().into_owned());
            }
            files.insert(e.name(), paths);
        }
        let files_path = root.join("files.json");
        std::fs::write(&files_path, serde_json::to_vec(&files)?)?;
        let script = root.join("duckdb_metrics.py");
        std::fs::write(&script, DUCKDB_SCRIPT)?;
        note("duckdb, the same plans ...");
        let mut cmd = Command::new(&python);
        cmd.arg(&script)
            .arg(&record)
            .arg(&files_path)
            .arg(b.runs.to_string());
        let (stdout, peak) = run_measured(cmd)?;
        let r: serde_json::Value =
            serde_json::from_slice(&stdout).context("the DuckDB script printed no result")?;
        if let Some(p) = r["problems"].as_array().filter(|p| !p.is_empty()) {
            bail!("DuckDB's results differ from Rapport's: {p:?}");
        }
        let passes: Vec<f64> = r["passes"]
            .as_array()
            .map(|p| p.iter().filter_map(serde_json::Value::as_f64).collect())
            .unwrap_or_default();
        let duck_seconds = crate::models::median(passes.clone());
        out.speed_ratio = Some(duck_seconds / seconds);
        out.values_compared = r["compared"].as_u64();
        out.max_relative_difference = r["worst"].as_f64();
        out.duckdb = Some(Side {
            tool: "duckdb, the same SQL".into(),
            seconds: duck_seconds,
            run_seconds: passes,
            peak_memory_mb: peak,
        });
    }
    if b.format == ListFormat::Json {
        return crate::json(&out);
    }
    let mut sizes: Vec<String> = [
        "web_events",
        "orders",
        "survey_responses",
        "support_tickets",
    ]
    .iter()
    .filter_map(|e| out.rows.get(e).map(|n| format!("{} {e}", count(*n))))
    .collect();
    sizes.push(format!("{} cores", out.cores));
    line(&format!(
        "metric suite for {PERIOD} with comparison: {}",
        sizes.join(", ")
    ));
    line(&format!(
        "{:<62} {:>9} {:>13} {:>9}",
        "", "seconds", "range", "peak MB"
    ));
    let clusters = out.clusters.iter().map(|c| &c.side);
    for s in std::iter::once(&out.rapport)
        .chain(out.duckdb.as_ref())
        .chain(clusters)
    {
        let lo = s.run_seconds.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = s
            .run_seconds
            .iter()
            .copied()
            .fold(f64::NEG_INFINITY, f64::max);
        line(&format!(
            "{:<62} {:>9.2} {:>13} {:>9.0}",
            s.tool,
            s.seconds,
            format!("{lo:.2}–{hi:.2}"),
            s.peak_memory_mb
        ));
    }
    if let (Some(r), Some(n), Some(w)) = (
        out.speed_ratio,
        out.values_compared,
        out.max_relative_difference,
    ) {
        line(&format!(
            "ratio (DuckDB time / Rapport time): {r:.2}; {} result values agree (largest relative difference {w:.1e}); {} plans, {} of 48 metrics with data",
            count(n),
            out.plans,
            out.metrics_with_data
        ));
    }
    for c in &out.clusters {
        line(&format!(
            "{}: {:.2}× the embedded engine's time; {} metric values agree (largest relative difference {:.1e})",
            c.engine,
            c.slowdown,
            count(c.values_compared),
            c.max_relative_difference
        ));
        if let Some(t) = &c.time_spent {
            line(&format!(
                "  per run: {:.0} jobs, scheduler planning {:.2} s; {:.0} tasks, {:.2} s in {} slots (shuffle write {:.2} s, shuffle read {:.2} s, the rest computing); slots busy {:.0} % of the run",
                t.jobs,
                t.scheduler_planning_seconds,
                t.tasks,
                t.task_seconds,
                t.slots,
                t.shuffle_write_seconds,
                t.shuffle_read_seconds,
                t.slots_busy * 100.0
            ));
        }
    }
    Ok(())
}

/// How many metric values two runs of `rapport metrics --format json`
/// share, and the largest relative difference between them. A value
/// missing on one side counts as a difference of 1 (100 %).
fn agreement(a: &serde_json::Value, b: &serde_json::Value) -> (u64, f64) {
    let values = |r: &serde_json::Value| -> Vec<Option<f64>> {
        r["metrics"]
            .as_array()
            .map(|m| m.iter().map(|m| m["value"].as_f64()).collect())
            .unwrap_or_default()
    };
    let (a, b) = (values(a), values(b));
    let mut worst: f64 = if a.len() == b.len() { 0.0 } else { 1.0 };
    let mut compared = 0;
    for (x, y) in a.iter().zip(&b) {
        match (x, y) {
            (Some(x), Some(y)) => {
                compared += 1;
                let scale = x.abs().max(y.abs()).max(1e-300);
                worst = worst.max((x - y).abs() / scale);
            }
            (None, None) => {}
            _ => worst = 1.0,
        }
    }
    (compared, worst)
}
