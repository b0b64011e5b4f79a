//! One function per command.

use chrono::Datelike;
use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, Result, bail};
use rapport_ingest::{CsvOptions, IngestRequest, IngestSummary, Input, Mapping, TextEncoding};
use rapport_model::{Entity, RowRule, Rule};
use rapport_store::{Settings, Workspace};
use serde_json::json;

use crate::output::{self, clip, count, line};
use crate::progress::Bars;
use crate::{Cli, ClientCommand, Command, ListFormat};

pub(crate) fn run(cli: Cli) -> Result<()> {
    let ws_dir = cli.workspace.as_path();
    match cli.command {
        Command::Init(a) => init(a.dir.as_deref().unwrap_or(ws_dir), a.timezone, a.currency),
        Command::Client(ClientCommand::Add { id, name }) => {
            let ws = Workspace::open(ws_dir)?;
            let c = ws.add_client(&id, &name)?;
            line(&format!("Added client `{}` ({}).", c.id, c.name));
            Ok(())
        }
        Command::Client(ClientCommand::List { format }) => {
            client_list(&Workspace::open(ws_dir)?, format)
        }
        Command::Ingest(a) => ingest(&Workspace::open(ws_dir)?, a),
        Command::Presets(c) => crate::presets::presets(c),
        Command::Loads(a) => loads(&Workspace::open(ws_dir)?, a),
        Command::Sql(a) => sql(&Workspace::open(ws_dir)?, a),
        Command::Entities(a) => entities(a),
        Command::Cohorts(a) => crate::analyse::cohorts(&Workspace::open(ws_dir)?, a),
        Command::Funnel(a) => crate::analyse::funnel(&Workspace::open(ws_dir)?, a),
        Command::Compare(a) => crate::analyse::compare(&Workspace::open(ws_dir)?, a),
        Command::Abtest(a) => crate::analyse::abtest(&Workspace::open(ws_dir)?, a),
        Command::Comments(a) => crate::analyse::comments(&Workspace::open(ws_dir)?, a),
        Command::Metrics(a) => crate::metrics::metrics(ws_dir, a),
        Command::Target(t) => crate::metrics::target(&Workspace::open(ws_dir)?, t),
        Command::Predict(a) => crate::predict::predict(&Workspace::open(ws_dir)?, a),
        Command::RetentionCurve(a) => crate::predict::retention(&Workspace::open(ws_dir)?, a),
        Command::Churn(a) => crate::predict::churn(&Workspace::open(ws_dir)?, a),
        Command::Forecast(a) => crate::predict::forecast(&Workspace::open(ws_dir)?, a),
        Command::Recommend(a) => crate::predict::recommend(&Workspace::open(ws_dir)?, a),
        Command::Segments(a) => crate::predict::segments(&Workspace::open(ws_dir)?, a),
        Command::Demo(a) => demo(a),
        Command::Bench(crate::BenchCommand::Metrics {
            scale,
            dir,
            no_peer,
            format,
            runs,
        }) => crate::bench_metrics::metrics(&crate::bench_metrics::MetricsBench {
            scale,
            dir,
            peer: !no_peer,
            format,
            runs,
        }),
        Command::Bench(crate::BenchCommand::Models {
            customers,
            runs,
            dir,
            no_peer,
            format,
        }) => crate::bench_models::models(&crate::bench_models::ModelsBench {
            customers,
            runs,
            dir,
            peer: !no_peer,
            format,
        }),
        Command::Bench(crate::BenchCommand::Ingest {
            rows,
            dir,
            no_peer,
            format,
        }) => crate::bench::ingest(&crate::bench::IngestBench {
            rows,
            dir,
            peer: !no_peer,
            format,
        }),
    }
}

fn init(dir: &Path, timezone: String, currency: String) -> Result<()> {
    let settings = Settings {
        timezone,
        currency,
        ..Settings::default()
    };
    let ws = Workspace::init(dir, settings)?;
    line(&format!(
        "Created a Rapport workspace in {} (time zone {}, currency {}).\nNext: rapport --workspace {} client add ID --name NAME",
        ws.root().display(),
        ws.settings().timezone,
        ws.settings().currency,
        dir.display()
    ));
    Ok(())
}

fn client_list(ws: &Workspace, format: ListFormat) -> Result<()> {
    let clients = ws.clients()?;
    match format {
        ListFormat::Json => output::json(&clients),
        ListFormat::Table => {
            if clients.is_empty() {
                line("No clients yet; add one with `rapport client add ID --name NAME`.");
            }
            let w = clients.iter().map(|c| c.id.len()).max().unwrap_or(2).max(2);
            if !clients.is_empty() {
                line(&format!("{:w$}  NAME", "ID"));
            }
            for c in clients {
                line(&format!("{:w$}  {}", c.id, c.name));
            }
            Ok(())
        }
    }
}

fn parse_entity(name: &str) -> Result<Entity> {
    Ok(Entity::from_str(name)?)
}

fn ingest(ws: &Workspace, a: crate::IngestArgs) -> Result<()> {
    ws.client(&a.client)?;
    let csv = CsvOptions {
        delimiter: a.delimiter,
        encoding: match a.encoding {
            crate::EncodingArg::Utf8 => TextEncoding::Utf8,
            crate::EncodingArg::Latin1 => TextEncoding::Latin1,
        },
        skip_lines: 0,
    };
    let plan = crate::presets::plan_ingest(
        &a.args,
        a.preset.as_deref(),
        a.mapping.as_deref(),
        a.yes,
        a.postgres.is_some(),
        &a.client,
        csv,
    )?;
    let entity = plan.entity;
    let mut mapping = plan.mapping;
    for set in &a.set {
        let Some((column, value)) = set.split_once('=') else {
            bail!("--set {set:?}: write COLUMN=VALUE, for example --set followers=5400");
        };
        let m = mapping.get_or_insert_with(Mapping::default);
        m.columns.remove(column.trim());
        m.needs.remove(column.trim());
        m.constants
            .insert(column.trim().to_owned(), value.trim().to_owned());
    }
    if let Some(sep) = a
        .decimal_separator
        .as_deref()
        .and_then(|s| s.chars().next())
    {
        mapping
            .get_or_insert_with(Mapping::default)
            .decimal_separator = Some(sep);
    }
    let mut inputs: Vec<Input> = plan.files.into_iter().map(Input::Path).collect();
    if let (Some(url), Some(query)) = (a.postgres, a.query) {
        inputs.push(Input::Postgres { url, query });
    }
    if inputs.is_empty() {
        bail!("nothing to load: give files or folders, or --postgres URL --query SQL");
    }
    let request = IngestRequest {
        client: a.client,
        entity,
        inputs,
        mapping,
        csv,
        replace: a.replace,
    };
    let bars = Bars::default();
    let result = rapport_ingest::ingest(ws, &request, &bars);
    bars.finish();
    let summary = result?;
    match a.format {
        ListFormat::Json => output::json(&summary),
        ListFormat::Table => {
            print_summary(ws, &summary, "");
            Ok(())
        }
    }
}

/// The human summary of one load: what was kept, what was not and why.
fn print_summary(ws: &Workspace, s: &IngestSummary, indent: &str) {
    let width = output::terminal_width();
    let continued = if s.continuation_rows > 0 {
        format!(
            ", {} continuation lines of the record above them",
            count(s.continuation_rows)
        )
    } else {
        String::new()
    };
    let replaced = if s.replaced > 0 {
        format!(" ({} replacing earlier rows)", count(s.replaced))
    } else {
        String::new()
    };
    line(&format!(
        "{indent}{}/{} from {}: {} rows read, {} loaded{replaced}, {} quarantined, {} already loaded{continued} ({:.2} s, {} rows/s)",
        s.client,
        s.entity,
        s.source,
        count(s.rows_read),
        count(s.loaded),
        count(s.quarantined),
        count(s.duplicates_skipped - s.continuation_rows),
        s.elapsed_seconds,
        count(s.rows_per_second.round() as u64),
    ));
    for p in &s.problems {
        let head = format!(
            "{indent}  {} row{} broke `{}`{}: ",
            count(p.rows),
            if p.rows == 1 { "" } else { "s" },
            p.rule,
            if p.column.is_empty() {
                String::new()
            } else {
                format!(" in {}", p.column)
            },
        );
        // The file is named above; the example starts at its row.
        let example = p
            .example
            .find(", row ")
            .map_or(p.example.as_str(), |i| &p.example[i + 2..]);
        let room = width.saturating_sub(head.chars().count()).max(30);
        line(&format!("{head}{}", clip(example, room)));
    }
    if let Some(q) = &s.quarantine_file {
        let shown = q.strip_prefix(ws.root()).unwrap_or(q);
        line(&format!("{indent}  quarantined rows: {}", shown.display()));
    }
    if s.report_rows_skipped > 0 {
        line(&format!(
            "{indent}  {} summary row{} of the export (totals) skipped",
            count(s.report_rows_skipped),
            if s.report_rows_skipped == 1 { "" } else { "s" }
        ));
    }
    if !s.unaccounted_columns.is_empty() {
        line(&format!(
            "{indent}  columns not read: {}",
            clip(&s.unaccounted_columns.join(", "), width.saturating_sub(22))
        ));
    }
    let on_purpose = s.ignored_columns.len() - s.unaccounted_columns.len();
    if on_purpose > 0 {
        line(&format!(
            "{indent}  {on_purpose} more column{} left out on purpose by the mapping's [ignore] list",
            if on_purpose == 1 { "" } else { "s" }
        ));
    }
}

fn loads(ws: &Workspace, a: crate::LoadsArgs) -> Result<()> {
    let entity = a.entity.as_deref().map(parse_entity).transpose()?;
    ws.client(&a.client)?;
    let loads = ws.loads(&a.client, entity)?;
    match a.format {
        ListFormat::Json => output::json(&loads),
        ListFormat::Table => {
            if loads.is_empty() {
                line(&format!(
                    "No loads for `{}` yet; load data with `rapport ingest`.",
                    a.client
                ));
                return Ok(());
            }
            line(&format!(
                "{:>4}  {:<19}  {:<16}  {:<14}  {:>10}  {:>10}  {:>10}  {:>10}",
                "LOAD", "FINISHED", "ENTITY", "SOURCE", "READ", "LOADED", "QUARANT.", "DUPLICATE"
            ));
            for l in loads {
                line(&format!(
                    "{:>4}  {:<19}  {:<16}  {:<14}  {:>10}  {:>10}  {:>10}  {:>10}",
                    l.id,
                    l.finished_at
                        .replace('T', " ")
                        .chars()
                        .take(19)
                        .collect::<String>(),
                    l.entity,
                    clip(&l.source, 14),
                    count(l.rows_read),
                    count(l.loaded),
                    count(l.quarantined),
                    count(l.duplicates_skipped)
                ));
            }
            Ok(())
        }
    }
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the query runtime")
}

fn sql(ws: &Workspace, a: crate::SqlArgs) -> Result<()> {
    let batches = runtime()?.block_on(async {
        let session = rapport_engine::ClientSession::open(ws, &a.client).await?;
        session.query_readonly(&a.query).await
    })?;
    output::batches(&batches, a.format)
}

fn describe_rule(rule: &Rule) -> String {
    match rule {
        Rule::NonNegative => "not negative".to_owned(),
        Rule::Positive => "above 0".to_owned(),
        Rule::OneOf(values) => format!("one of {}", values.join("|")),
        Rule::CurrencyCode => "ISO 4217 code".to_owned(),
        Rule::BirthYear => "plausible birth year".to_owned(),
        Rule::PeriodLabel => "period label".to_owned(),
    }
}

fn entities(a: crate::EntitiesArgs) -> Result<()> {
    let list: Vec<Entity> = match &a.entity {
        Some(name) => vec![parse_entity(name)?],
        None => Entity::ALL.to_vec(),
    };
    if a.format == ListFormat::Json {
        let v: Vec<_> = list
            .iter()
            .map(|e| {
                let spec = e.spec();
                json!({
                    "entity": e.name(),
                    "key": spec.key,
                    "columns": spec.columns.iter().map(|c| json!({
                        "name": c.name,
                        "type": c.ty.describe(),
                        "required": c.required,
                        "rules": c.rules.iter().map(describe_rule).collect::<Vec<_>>(),
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        return output::json(&v);
    }
    if a.entity.is_none() {
        for e in list {
            let spec = e.spec();
            let required: Vec<&str> = spec
                .columns
                .iter()
                .filter(|c| c.required)
                .map(|c| c.name)
                .collect();
            line(&format!(
                "{:<17} key ({}); required: {}",
                e.name(),
                spec.key.join(", "),
                required.join(", ")
            ));
        }
        line("\nDetails: rapport entities ENTITY");
        return Ok(());
    }
    for e in list {
        let spec = e.spec();
        line(&format!("{}: key ({})", e.name(), spec.key.join(", ")));
        for c in spec.columns {
            let rules: Vec<String> = c.rules.iter().map(describe_rule).collect();
            line(&format!(
                "  {:<20} {:<15} {:<9} {}",
                c.name,
                c.ty.describe(),
                if c.required { "required" } else { "optional" },
                rules.join(", ")
            ));
        }
        for r in spec.row_rules {
            match r {
                RowRule::NotBefore { later, earlier } => {
                    line(&format!("  rule: {later} is not before {earlier}"))
                }
                RowRule::SurveyScale => line(
                    "  rule: score lies on the survey's scale (nps 0-10; csat 1-5 and ces 1-7 unless scale_min/scale_max say otherwise)",
                ),
            }
        }
        line("  every table also has client_id and source");
    }
    Ok(())
}

fn demo(a: crate::DemoArgs) -> Result<()> {
    let options = rapport_demo::DemoOptions {
        dir: a.dir.clone(),
        seed: a.seed,
        end_month: a.end_month,
    };
    let started = std::time::Instant::now();
    let bars = Bars::default();
    let outcome = rapport_demo::run(&options, &bars);
    bars.finish();
    let outcome = outcome?;
    let ws = Workspace::open(&outcome.workspace)?;
    if a.format == ListFormat::Json {
        let clients: Vec<_> = outcome
            .clients
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "name": c.name,
                    "kind": c.kind,
                    "loads": c.loads.iter().map(|l| json!({
                        "export": l.export,
                        "mapping": l.mapping,
                        "preset": l.preset,
                        "summary": l.summary,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let predictions = demo_predictions(&ws, &outcome)?;
        let ids: Vec<String> = outcome.clients.iter().map(|c| c.id.clone()).collect();
        let metrics = crate::metrics::demo_metrics(&ws, &ids, outcome.last_day)?;
        return output::json(&json!({
            "metrics": metrics,
            "predictions": predictions,
            "workspace": outcome.workspace,
            "exports": outcome.exports,
            "first_day": outcome.first_day.to_string(),
            "last_day": outcome.last_day.to_string(),
            "clients": clients,
        }));
    }
    line(&format!(
        "Rapport demo: three clients, {} to {}, seed {}.\n",
        outcome.first_day, outcome.last_day, a.seed
    ));
    let (mut read, mut loaded, mut quarantined, mut dup, mut continued) = (0, 0, 0, 0, 0);
    for c in &outcome.clients {
        line(&format!(
            "{} ({}, {}): exports in {}",
            c.name,
            c.id,
            c.kind,
            outcome.exports.join(&c.id).display()
        ));
        for l in &c.loads {
            let file = l
                .export
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            match l.preset {
                Some(p) => line(&format!("  {file} (preset {p})")),
                None => line(&format!("  {file}")),
            }
            print_summary(&ws, &l.summary, "    ");
            read += l.summary.rows_read;
            loaded += l.summary.loaded;
            quarantined += l.summary.quarantined;
            dup += l.summary.duplicates_skipped - l.summary.continuation_rows;
            continued += l.summary.continuation_rows;
        }
        line("");
    }
    let dir = outcome.workspace.display();
    line(&format!(
        "In all: {} rows read, {} loaded, {} quarantined, {} duplicates skipped, {} line-item lines of orders, in {:.1} s.",
        count(read),
        count(loaded),
        count(quarantined),
        count(dup),
        count(continued),
        started.elapsed().as_secs_f64()
    ));
    line(&format!(
        "Workspace: {dir}   (raw exports in {dir}/exports, quarantined rows in {dir}/quarantine)"
    ));
    let width = output::terminal_width();
    line("\nMetrics (last month against the month before; every metric of METRICS.md):");
    let ids: Vec<String> = outcome.clients.iter().map(|c| c.id.clone()).collect();
    for m in crate::metrics::demo_metrics(&ws, &ids, outcome.last_day)? {
        let summary = m["summary"].as_str().unwrap_or_default();
        line(&format!(
            "  {}",
            output::wrap(summary, width.saturating_sub(2), "    ")
        ));
    }
    line(&format!(
        "  more: rapport --workspace {dir} metrics lumen --period {}-{:02} --by country",
        outcome.last_day.year(),
        outcome.last_day.month()
    ));
    line("\nPredictions:");
    for p in demo_predictions(&ws, &outcome)? {
        let summary = p["summary"].as_str().unwrap_or_default();
        line(&format!(
            "  {}",
            output::wrap(summary, width.saturating_sub(2), "    ")
        ));
    }
    // A holdout check over the last six months of the demo's data.
    let holdout_end = outcome.last_day + chrono::Duration::days(1);
    let calibration_end = holdout_end
        .checked_sub_months(chrono::Months::new(6))
        .unwrap_or(outcome.first_day);
    line(&format!(
        "  more: rapport --workspace {dir} predict lumen --calibration-end {calibration_end} --holdout-end {holdout_end}"
    ));
    line("\nExplore further: cohorts, funnels, comparisons, A/B tests, what customers say, SQL:");
    line(&format!("  rapport --workspace {dir} cohorts lumen"));
    line(&format!(
        "  rapport --workspace {dir} funnel lumen --period {}-{:02} --steps page_view,product_view,add_to_cart,purchase",
        outcome.last_day.year(),
        outcome.last_day.month()
    ));
    line(&format!(
        "  rapport --workspace {dir} compare cloudnest --metric fcr --by channel --period {}-{:02}",
        outcome.last_day.year(),
        outcome.last_day.month()
    ));
    line(&format!(
        "  rapport --workspace {dir} comments brightpaws --period {}",
        outcome.last_day.year()
    ));
    line(&format!(
        "  rapport --workspace {dir} sql lumen \"SELECT date_trunc('month', ordered_at) AS month, count(*) AS orders, sum(amount) AS revenue FROM orders WHERE status = 'completed' GROUP BY 1 ORDER BY 1\""
    ));
    line(&format!("  rapport --workspace {dir} loads cloudnest"));
    line("  rapport presets show shopify-orders       # how the Shopify export above was read");
    Ok(())
}

/// Runs the prediction stage on the demo's clients: the purchase model where
/// a client has orders, the retention curve where it has subscriptions.
/// A model that cannot be fitted is reported on its line, not fatal, so the
/// demo still shows everything else.
fn demo_predictions(
    ws: &Workspace,
    outcome: &rapport_demo::DemoOutcome,
) -> Result<Vec<serde_json::Value>> {
    let rt = runtime()?;
    let mut out = Vec::new();
    for c in &outcome.clients {
        let has = |entity: &str| {
            c.loads
                .iter()
                .any(|l| l.summary.entity == entity && l.summary.loaded > 0)
        };
        if has("orders") {
            let options = rapport_predict::PredictOptions {
                model: rapport_predict::PredictModel::Continuous(
                    rapport_models::PurchaseModelKind::BgNbd,
                ),
                calibration_end: None,
                holdout_end: None,
                time_unit: rapport_predict::TimeUnit::Day,
                horizon: rapport_predict::Horizon {
                    count: 12,
                    unit: rapport_predict::HorizonUnit::Month,
                },
                discount_rate: 0.10,
                margin: 1.0,
            };
            out.push(match rt.block_on(rapport_predict::predict_purchases(ws, &c.id, &options)) {
                Ok(p) => {
                    let file = p.output_file.strip_prefix(ws.root()).unwrap_or(&p.output_file);
                    json!({
                        "client": c.id, "model": p.model, "params": p.params,
                        "output_file": p.output_file,
                        "summary": format!(
                            "{}: BG/NBD on {} customers; next 12 months {} expected transactions, CLV {} {} in all; per customer in {}",
                            c.id,
                            count(p.n_customers as u64),
                            count(p.total_expected_transactions.round() as u64),
                            count(p.total_clv.unwrap_or(0.0).round() as u64),
                            p.currency.as_deref().unwrap_or(""),
                            file.display()
                        ),
                    })
                }
                Err(e) => json!({"client": c.id, "model": "bg_nbd", "error": e.to_string(),
                    "summary": format!("{}: no purchase model: {e}", c.id)}),
            });
        }
        if has("orders") {
            out.extend(demo_customer_stages(ws, &rt, &c.id, has("order_items")));
        }
        if has("subscriptions") {
            let options = rapport_predict::RetentionOptions {
                unit: rapport_predict::RetentionUnit::Month,
                cohort_start: None,
                projection_periods: 12,
                discount_rate: 0.10,
            };
            out.push(match rt.block_on(rapport_predict::retention_curve(ws, &c.id, &options)) {
                Ok(r) => {
                    let at = |t: usize| r.projection.get(t).map_or(0.0, |p| p.survival * 100.0);
                    json!({
                        "client": c.id, "model": r.model, "params": r.params,
                        "summary": format!(
                            "{}: retention curve (sBG) over {} cohorts; {:.0} % of subscribers stay past month 1, {:.0} % past month 12",
                            c.id, r.survivors.len(), at(1), at(12)
                        ),
                    })
                }
                Err(e) => json!({"client": c.id, "model": "sbg", "error": e.to_string(),
                    "summary": format!("{}: no retention curve: {e}", c.id)}),
            });
        }
    }
    Ok(out)
}

/// The demo's churn classifier, RFM segments and (with order items)
/// recommendations for a client with orders, one summary each.
fn demo_customer_stages(
    ws: &Workspace,
    rt: &tokio::runtime::Runtime,
    client: &str,
    with_items: bool,
) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    let churn = rapport_predict::ChurnOptions {
        cutoff: None,
        window_days: 90,
        l2: 1.0,
    };
    out.push(match rt.block_on(rapport_predict::churn_model(ws, client, &churn)) {
        Ok(r) => json!({
            "client": client, "model": "churn", "roc_auc": r.roc_auc,
            "summary": format!(
                "{client}: churn classifier (no purchase within 90 days), ROC AUC {} on a window it never saw; {} current customers scored",
                r.roc_auc.map_or("n/a".to_owned(), |a| format!("{a:.2}")),
                count(r.scored_customers)
            ),
        }),
        Err(e) => json!({"client": client, "model": "churn", "error": e.to_string(),
            "summary": format!("{client}: no churn classifier: {e}")}),
    });
    let rfm = rapport_predict::SegmentOptions {
        method: rapport_predict::SegmentMethod::Rfm,
        as_of: None,
        name: None,
        seed: 7,
    };
    out.push(match rt.block_on(rapport_predict::segment_customers(ws, client, &rfm)) {
        Ok(s) => json!({
            "client": client, "model": "rfm",
            "summary": format!(
                "{client}: RFM segments, largest: {}",
                s.segments.iter().take(3).map(|g| format!("{} {:.0} %", g.segment, g.share)).collect::<Vec<_>>().join(", ")
            ),
        }),
        Err(e) => json!({"client": client, "model": "rfm", "error": e.to_string(),
            "summary": format!("{client}: no RFM segments: {e}")}),
    });
    let forecast = rapport_predict::ForecastOptions {
        metric: rapport_predict::ForecastMetric::Revenue,
        by: rapport_predict::ForecastPeriod::Month,
        horizon: 3,
    };
    out.push(match rt.block_on(rapport_predict::forecast_metric(ws, client, &forecast)) {
        Ok(f) => {
            let next: Vec<String> = f
                .forecast
                .iter()
                .map(|p| {
                    format!(
                        "{} {} ({}–{})",
                        p.period,
                        count(p.value.max(0.0).round() as u64),
                        count(p.low_80.unwrap_or(0.0).max(0.0).round() as u64),
                        count(p.high_80.unwrap_or(0.0).max(0.0).round() as u64)
                    )
                })
                .collect();
            json!({
                "client": client, "model": "forecast", "ets": f.model,
                "summary": format!("{client}: revenue forecast, {} (80 % intervals): {}", f.model, next.join(", ")),
            })
        }
        Err(e) => json!({"client": client, "model": "forecast", "error": e.to_string(),
            "summary": format!("{client}: no revenue forecast: {e}")}),
    });
    if with_items {
        let rec = rapport_predict::RecommendOptions {
            customer: None,
            top: 5,
            split: None,
        };
        out.push(
            match rt.block_on(rapport_predict::recommend_products(ws, client, &rec)) {
                Ok(r) => {
                    let pct = |v: Option<f64>| {
                        v.map_or("n/a".to_owned(), |h| format!("{:.0} %", h * 100.0))
                    };
                    json!({
                        "client": client, "model": "recommend",
                        "summary": format!(
                            "{client}: product recommendations, hit rate at 5 {} (popularity {})",
                            pct(r.evaluation.hit_rate),
                            pct(r.evaluation.popularity_hit_rate)
                        ),
                    })
                }
                Err(e) => json!({"client": client, "model": "recommend", "error": e.to_string(),
                "summary": format!("{client}: no recommendations: {e}")}),
            },
        );
    }
    out
}
