//! `rapport metrics` and `rapport target`: argument grammar and printing;
//! the work is in `rapport-metrics`.

use anyhow::{Result, bail};
use clap::{Args, Subcommand};
use rapport_app::metrics::MetricsOptions;
use rapport_app::targets::TargetOrigin;
use rapport_app::words;
use rapport_metrics::{Compare, METRICS, MetricValue, MetricsReport};
use rapport_store::Workspace;

use crate::output::{self, count, line, locale};
use crate::{ListFormat, TableFormat};

pub(crate) const METRICS_HELP: &str = "Examples:
  rapport metrics lumen --period 2026-10
  rapport metrics lumen --period 2026-Q3 --compare year --format json
  rapport metrics lumen --period 2026-Q3 --compare-with 2026-Q1
  rapport metrics lumen --period 2026-10 --segment 'orders_90d >= 3 and country = \"RO\"'
  rapport metrics cloudnest --period 2026-10 --by channel --only tickets_opened,fcr,escalation_rate
  rapport metrics lumen --period 2026-10 --segment 'segment(\"rfm\") = \"Champions\"'
  rapport metrics --list

Periods: a month (2026-10), quarter (2026-Q3), year (2026), ISO week (2026-W41) or date range
(2026-08-01..2026-10-31), in the workspace time zone and the client's calendar (for a client on
the Solar Hijri calendar, 1405-08 is Aban 1405 and weeks start on Saturday). Every metric id of METRICS.md is computed; one
without data says why. `*` marks a change that is significant at 95 % (NPS: beyond the combined margin
of error; shares: two-proportion z-test; means: Welch's t-test; counts: Poisson rate test).

Segment filters: fields joined with and/or/not and parentheses; tests are =, !=, <, <=, >, >=,
in (...), contains (for interests), is [not] null. Text in quotes. `rapport metrics --fields` lists
the fields; behaviour (orders_90d, days_since_last_order, ...) is measured at the period's end.
--by takes a column of the event tables (channel, touchpoint, device, utm_campaign, category, ...)
or a customer field (country, age_band, plan, interests, ...; customer.NAME picks the customer field).";

#[derive(Debug, Args)]
pub(crate) struct MetricsArgs {
    /// Client id.
    #[arg(required_unless_present_any = ["list", "fields"])]
    client: Option<String>,
    /// The period: 2026-10, 2026-Q3, 2026, 2026-W41 or 2026-08-01..2026-10-31.
    #[arg(long, short = 'p', required_unless_present_any = ["list", "fields"])]
    period: Option<String>,
    /// What each value is compared with.
    #[arg(long, value_enum, default_value_t = CompareArg::Previous)]
    compare: CompareArg,
    /// Compare with this earlier period instead (2026-Q1, 2025-10).
    #[arg(long, value_name = "PERIOD", conflicts_with = "compare")]
    compare_with: Option<String>,
    /// Only the customers this filter selects (see below).
    #[arg(long, short = 's')]
    segment: Option<String>,
    /// Break every metric down by this attribute.
    #[arg(long)]
    by: Option<String>,
    /// Only these metric ids (comma-separated).
    #[arg(long, value_delimiter = ',')]
    only: Vec<String>,
    /// List the metric ids and exit.
    #[arg(long)]
    list: bool,
    /// List the fields of the segment filter language and exit.
    #[arg(long)]
    fields: bool,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
    /// Write every plan run and its result to this JSON file (for `rapport-bench metrics`).
    #[arg(long, hide = true)]
    record_sql: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum CompareArg {
    Previous,
    Year,
    None,
}

#[derive(Debug, Subcommand)]
pub(crate) enum TargetCommand {
    /// Set the target of a metric for a period (replaces an earlier one).
    #[command(
        after_help = "Examples:\n  rapport target set lumen nps 2026-Q4 45\n  rapport target set lumen churn_rate 2026-10 3.5"
    )]
    Set {
        client: String,
        /// Metric id (see `rapport metrics --list`).
        metric: String,
        /// Period label: 2026-10, 2026-Q4, 2026, 2026-W41 or a date range.
        period: String,
        /// Target value in the metric's unit (points, %, money, seconds, ...).
        #[arg(allow_negative_numbers = true)]
        value: f64,
    },
    /// List a client's targets.
    #[command(after_help = "Example:\n  rapport target list lumen --format json")]
    List {
        client: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

pub(crate) fn target(ws: &Workspace, cmd: TargetCommand) -> Result<()> {
    match cmd {
        TargetCommand::Set {
            client,
            metric,
            period,
            value,
        } => {
            let p = rapport_app::targets::set(ws, &client, &metric, &period, value)?;
            line(&output::say(
                "cli-target-set",
                &[
                    ("metric", metric.as_str().into()),
                    ("client", client.as_str().into()),
                    ("period", p.to_string().into()),
                    ("value", number(value).into()),
                ],
            ));
            Ok(())
        }
        TargetCommand::List { client, format } => {
            let list =
                crate::commands::runtime()?.block_on(rapport_app::targets::list(ws, &client))?;
            match format {
                ListFormat::Json => output::json(&list),
                ListFormat::Table => {
                    if list.is_empty() {
                        line(&output::say(
                            "cli-targets-none",
                            &[("client", client.as_str().into())],
                        ));
                        return Ok(());
                    }
                    let head = [
                        "cli-column-metric",
                        "cli-column-period",
                        "cli-column-target",
                        "cli-column-origin",
                    ]
                    .map(|id| output::say(id, &[]));
                    let rows: Vec<Vec<String>> = list
                        .iter()
                        .map(|t| {
                            let mut origin = match t.origin {
                                TargetOrigin::Set => output::say(
                                    "cli-target-origin-set",
                                    &[("day", t.detail.get(..10).unwrap_or(&t.detail).into())],
                                ),
                                TargetOrigin::Loaded => output::say(
                                    "cli-target-origin-loaded",
                                    &[("source", t.detail.as_str().into())],
                                ),
                            };
                            if t.overridden {
                                origin.push(' ');
                                origin.push_str(&output::say("cli-target-overridden", &[]));
                            }
                            vec![t.metric.clone(), t.period.clone(), number(t.value), origin]
                        })
                        .collect();
                    output::table(&head, &rows);
                    Ok(())
                }
            }
        }
    }
}

pub(crate) fn metrics(
    place: crate::commands::Place<'_>,
    a: MetricsArgs,
    as_of: Option<chrono::NaiveDate>,
) -> Result<()> {
    if a.list {
        match a.format {
            TableFormat::Json => return output::json(&METRICS),
            _ => {
                for m in METRICS {
                    line(&format!(
                        "{:<30} {} {:<8} {}",
                        m.id,
                        output::pad_end(&words::metric_group(m.group, locale()), 16),
                        m.unit.label(),
                        words::metric_name(m.id, m.name, locale())
                    ));
                }
                return Ok(());
            }
        }
    }
    if a.fields {
        let fields = words::filter_fields(locale());
        if a.format == TableFormat::Json {
            return output::json(&fields);
        }
        for f in fields {
            line(&format!(
                "{:<24} {} {}",
                f.name,
                output::pad_end(&f.ty, 7),
                f.meaning
            ));
        }
        return Ok(());
    }
    let (Some(client), Some(period)) = (a.client, a.period) else {
        bail!("give a client and --period");
    };
    let ws = place.open()?;
    let options = MetricsOptions {
        client,
        period,
        compare: match a.compare {
            CompareArg::Previous => Compare::Previous,
            CompareArg::Year => Compare::Year,
            CompareArg::None => Compare::None,
        },
        against: a.compare_with,
        segment: a.segment,
        by: a.by,
        only: a.only,
        as_of: as_of.unwrap_or_else(|| rapport_app::today(&ws)),
        recorder: a
            .record_sql
            .as_ref()
            .map(|_| std::sync::Arc::new(rapport_metrics::Recorder::default())),
    };
    let started = std::time::Instant::now();
    let report =
        crate::commands::runtime()?.block_on(rapport_app::metrics::measure(&ws, &options))?;
    if let (Some(path), Some(recorder)) = (&a.record_sql, &options.recorder) {
        let queries = recorder.take();
        let record = serde_json::json!({
            "seconds": started.elapsed().as_secs_f64(),
            "queries": queries,
        });
        std::fs::write(path, serde_json::to_vec(&record)?)?;
    }
    match a.format {
        TableFormat::Json => output::result(&report),
        TableFormat::Csv => print_csv(&report),
        TableFormat::Table => {
            print_table(&report);
            Ok(())
        }
    }
}

/// A number for people (see `rapport_app::words::number`).
pub(crate) fn number(x: f64) -> String {
    words::number(x, locale())
}

fn print_rows(metrics: &[MetricValue], indent: &str) {
    let mut group = "";
    for m in metrics {
        let def = rapport_metrics::metric(&m.id);
        let g = def.map_or("", |d| d.group);
        if g != group {
            line(&format!(
                "{indent}{}",
                words::metric_group(g, locale()).to_uppercase()
            ));
            group = g;
        }
        let value = words::metric_value(m, locale());
        let interval = words::interval(m, locale());
        let previous = m
            .previous
            .as_ref()
            .and_then(|p| p.value)
            .map(|v| words::value(v, &m.unit, locale()))
            .unwrap_or_default();
        let n = m.n.map(|n| format!("n={}", count(n))).unwrap_or_default();
        let target = m
            .target
            .as_ref()
            .map(|t| {
                let id = match t.met {
                    Some(true) => "cli-target-met",
                    Some(false) => "cli-target-missed",
                    None => "cli-target",
                };
                output::say(id, &[("value", number(t.value).into())])
            })
            .unwrap_or_default();
        let mut text = format!(
            "{indent}  {} {} {} {} {} {}  {target}",
            output::pad_end(&m.id, 28),
            output::pad_start(&value, 13),
            output::pad_start(&interval, 13),
            output::pad_start(&previous, 13),
            output::pad_start(&words::change_cell(m, locale()), 11),
            output::pad_start(&n, 9),
        );
        if let Some(reason) = &m.missing_text(locale()) {
            // The reason wraps under itself, so the table keeps its width.
            let lead = format!(
                "{indent}  {} {}  ",
                output::pad_end(&m.id, 28),
                output::pad_start(&output::say("value-none", &[]), 13)
            );
            let room = output::terminal_width()
                .saturating_sub(lead.chars().count())
                .max(30);
            let pad = " ".repeat(lead.chars().count());
            let mut lines: Vec<String> = vec![String::new()];
            for word in reason.split_whitespace() {
                let last = lines.last_mut().map_or(0, |l| l.chars().count());
                if last > 0 && last + 1 + word.chars().count() > room {
                    lines.push(String::new());
                }
                if let Some(l) = lines.last_mut() {
                    if !l.is_empty() {
                        l.push(' ');
                    }
                    l.push_str(word);
                }
            }
            text = format!("{lead}{}", lines.join(&format!("\n{pad}")));
        }
        line(text.trim_end());
    }
}

fn print_table(r: &MetricsReport) {
    let mut head = output::say(
        "cli-metrics-period",
        &[
            ("client", r.client.as_str().into()),
            ("period", r.period.label.as_str().into()),
            ("from", r.period.start.to_string().into()),
            ("to", r.period.end.to_string().into()),
        ],
    );
    if !r.period.complete {
        head = output::plain(words::pair(
            &head,
            &output::say("cli-metrics-incomplete", &[]),
            locale(),
        ));
    }
    line(&head);
    if let Some(c) = &r.comparison {
        line(&output::say(
            "cli-metrics-compared",
            &[
                ("period", c.label.as_str().into()),
                ("from", c.start.to_string().into()),
                ("to", c.end.to_string().into()),
            ],
        ));
    }
    if let Some(s) = &r.segment {
        line(&output::say(
            "cli-metrics-segment",
            &[("segment", s.to_string().into())],
        ));
    }
    let column = |id: &str| output::say(id, &[]);
    line(&format!(
        "  {} {} {} {} {} {}",
        output::pad_end(&column("cli-column-metric"), 28),
        output::pad_start(&column("cli-column-value"), 13),
        output::pad_start(&column("cli-column-interval"), 13),
        output::pad_start(&column("cli-column-previous"), 13),
        output::pad_start(&column("cli-column-change"), 11),
        output::pad_start("n", 9),
    ));
    print_rows(&r.metrics, "");
    for g in &r.groups {
        line("");
        line(&format!("{} = {}", r.by.as_deref().unwrap_or(""), g.value));
        print_rows(&g.metrics, "  ");
    }
    line("");
    line(&output::say("cli-metrics-footnote", &[]));
    crate::analyse::notes(&r.notes);
}

fn print_csv(r: &MetricsReport) -> Result<()> {
    let mut out = String::from(
        "client,period,group,id,value,unit,n,ci_low,ci_high,previous,previous_n,change,change_pct,significant,p_value,target,missing_reason\n",
    );
    let opt = |x: Option<f64>| x.map(|v| v.to_string()).unwrap_or_default();
    let mut push = |group: &str, m: &MetricValue| {
        let fields = [
            r.client.clone(),
            r.period.label.clone(),
            group.to_owned(),
            m.id.to_string(),
            opt(m.value),
            m.unit.clone(),
            m.n.map(|n| n.to_string()).unwrap_or_default(),
            opt(m.ci_low),
            opt(m.ci_high),
            opt(m.previous.as_ref().and_then(|p| p.value)),
            m.previous
                .as_ref()
                .and_then(|p| p.n)
                .map(|n| n.to_string())
                .unwrap_or_default(),
            opt(m.change),
            opt(m.change_pct),
            m.significant.map(|s| s.to_string()).unwrap_or_default(),
            opt(m.p_value),
            opt(m.target.as_ref().map(|t| t.value)),
            m.missing_reason.clone().unwrap_or_default(),
        ];
        let quoted: Vec<String> = fields
            .iter()
            .map(|f| {
                if f.contains([',', '"', '\n']) {
                    format!("\"{}\"", f.replace('"', "\"\""))
                } else {
                    f.clone()
                }
            })
            .collect();
        out.push_str(&quoted.join(","));
        out.push('\n');
    };
    for m in &r.metrics {
        push("", m);
    }
    for g in &r.groups {
        for m in &g.metrics {
            push(&g.value, m);
        }
    }
    output::print(&out);
    Ok(())
}
