//! `rapport cohorts` and `rapport funnel`: argument grammar and printing;
//! the work is in `rapport-metrics`.

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use rapport_app::words;
use rapport_metrics::cohorts::{CohortOptions, CohortTable, CohortUnit, Criteria, Reference};
use rapport_metrics::funnel::{FunnelOptions, FunnelReport, Per, StepOrder, parse_duration};
use rapport_store::Workspace;

use crate::ListFormat;
use crate::metrics::number;
use crate::output::{self, count, dec, line, say, signed};

pub(crate) const COHORTS_HELP: &str = "Examples:
  rapport cohorts lumen
  rapport cohorts lumen --by week --cohorts 8 --criteria on-or-after
  rapport cohorts cloudnest --reference previous --format json

Customers are grouped by the month (or ISO week) of their first completed order, or of their first
subscription when the client has subscriptions. A cell is the share of the cohort active in that
later period: with an order in it, or holding a subscription at some time in it. `on` counts activity
in exactly that period, `on-or-after` in it or any later one. Cells of periods that have not ended are
marked `…` and left out of the average row, which is weighted by cohort size.";

pub(crate) const FUNNEL_HELP: &str = "Examples:
  rapport funnel lumen --period 2026-10 --steps page_view,product_view,add_to_cart,purchase
  rapport funnel lumen --period 2026-Q3 --steps product_view,purchase --window 7d --per session
  rapport funnel lumen --period 2026-10 --steps add_to_cart,purchase --order strict --format json
  rapport funnel lumen --period 2026-10 --steps product_view,add_to_cart,purchase --exclude refund
  rapport funnel lumen --period 2026-10 --steps 'page_view,page_view[page^=/product],begin_checkout[page=/checkout],purchase'

Steps are web event types, optionally narrowed by a column of the event: EVENT[COLUMN=VALUE], or
!= (not equal), ^= (starts with), *= (contains); COLUMN is page, product_id, utm_source, utm_medium,
utm_campaign or device. One event may match several steps, but serves one step of an attempt. A unit (a person: customer id, else anonymous id; or a session) enters
with a first-step event inside the period and reaches step k if it does steps 2..k within the window
from step 1: in order with anything between (ordered), with nothing between (strict), or any k of
the steps (any). Each entry is tried; the one that goes furthest counts. Units still inside their
window are shown as in progress, not dropped. An excluded event between two steps removes the unit.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CohortUnitArg {
    Month,
    Week,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum CriteriaArg {
    On,
    OnOrAfter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum ReferenceArg {
    First,
    Previous,
}

#[derive(Debug, Args)]
pub(crate) struct CohortArgs {
    /// Client id.
    client: String,
    /// Cohort and column period.
    #[arg(long, value_enum, default_value_t = CohortUnitArg::Month)]
    by: CohortUnitArg,
    /// Active in exactly the period (on) or in it or later (on-or-after).
    #[arg(long, value_enum, default_value_t = CriteriaArg::On)]
    criteria: CriteriaArg,
    /// Shares of the cohort size (first) or of the period before (previous).
    #[arg(long, value_enum, default_value_t = ReferenceArg::First)]
    reference: ReferenceArg,
    /// How many of the latest cohorts to show.
    #[arg(long, default_value_t = 12)]
    cohorts: usize,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum OrderArg {
    Ordered,
    Strict,
    Any,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum PerArg {
    Person,
    Session,
}

#[derive(Debug, Args)]
pub(crate) struct FunnelArgs {
    /// Client id.
    client: String,
    /// Period in which units enter (step 1): 2026-10, 2026-Q3, 2026-W41, a range.
    #[arg(long, short = 'p')]
    period: String,
    /// Steps in order (comma-separated): event types, or EVENT[COLUMN=VALUE] (also !=, ^=, *=).
    #[arg(long, value_delimiter = ',', required = true)]
    steps: Vec<String>,
    /// Conversion window from step 1: 14d, 36h, 30m, 2w.
    #[arg(long, default_value = "14d", value_parser = parse_duration)]
    window: i64,
    #[arg(long, value_enum, default_value_t = OrderArg::Ordered)]
    order: OrderArg,
    #[arg(long, value_enum, default_value_t = PerArg::Person)]
    per: PerArg,
    /// Event types that remove a unit when done between two steps (comma-separated).
    #[arg(long, value_delimiter = ',')]
    exclude: Vec<String>,
    /// Cart abandonment window: a purchase this long after the add-to-cart counts.
    #[arg(long, default_value = "1d", value_parser = parse_duration)]
    cart_window: i64,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

pub(crate) fn cohorts(ws: &Workspace, a: CohortArgs, as_of: NaiveDate) -> Result<()> {
    let options = CohortOptions {
        unit: match a.by {
            CohortUnitArg::Month => CohortUnit::Month,
            CohortUnitArg::Week => CohortUnit::Week,
        },
        criteria: match a.criteria {
            CriteriaArg::On => Criteria::On,
            CriteriaArg::OnOrAfter => Criteria::OnOrAfter,
        },
        reference: match a.reference {
            ReferenceArg::First => Reference::First,
            ReferenceArg::Previous => Reference::Previous,
        },
        cohorts: a.cohorts,
        as_of,
    };
    let table = crate::commands::runtime()?.block_on(rapport_metrics::cohorts::cohort_table(
        ws, &a.client, &options,
    ))?;
    match a.format {
        ListFormat::Json => output::result(&table),
        ListFormat::Table => {
            print_cohorts(&table);
            Ok(())
        }
    }
}

fn print_cohorts(t: &CohortTable) {
    line(&say(
        "cli-cohorts-title",
        &[
            ("client", t.client.as_str().into()),
            (
                "unit",
                match t.unit {
                    CohortUnit::Month => "month",
                    CohortUnit::Week => "week",
                }
                .into(),
            ),
            ("activity", t.activity.to_string().into()),
            (
                "criteria",
                match t.criteria {
                    Criteria::On => "on",
                    Criteria::OnOrAfter => "on-or-after",
                }
                .into(),
            ),
            (
                "reference",
                match t.reference {
                    Reference::First => "first",
                    Reference::Previous => "previous",
                }
                .into(),
            ),
        ],
    ));
    if t.cohorts.is_empty() {
        line(&say("cli-cohorts-none", &[]));
        return;
    }
    // At most 13 columns so the table fits a terminal; the first two as
    // wide as their headings in the output's language.
    let width = t.average.len().min(13);
    let (cohort, size, average) = (
        say("cli-column-cohort", &[]),
        say("cli-column-size", &[]),
        say("chart-average", &[]),
    );
    let w0 = [&cohort, &average]
        .iter()
        .map(|s| unicode_width::UnicodeWidthStr::width(s.as_str()))
        .chain(t.cohorts.iter().map(|c| c.label.len()))
        .max()
        .unwrap_or(9);
    let w1 = unicode_width::UnicodeWidthStr::width(size.as_str()).max(7);
    let first =
        |a: &str, b: &str| format!("{} {}", output::pad_end(a, w0), output::pad_start(b, w1));
    let mut head = first(&cohort, &size);
    for k in 0..width {
        head.push_str(&format!(" {:>5}", format!("+{}", count(k as u64))));
    }
    line(&head);
    for c in &t.cohorts {
        let mut row = first(&c.label, &count(c.size));
        for cell in c.cells.iter().take(width) {
            let text = match (cell.incomplete, cell.share) {
                (true, _) => "…".to_owned(),
                (false, Some(s)) => dec(s, 0),
                (false, None) => "-".to_owned(),
            };
            row.push_str(&format!(" {text:>5}"));
        }
        line(&row);
    }
    let mut avg = first(&average, "");
    for a in t.average.iter().take(width) {
        let text = a.share.map_or("-".to_owned(), |s| dec(s, 0));
        avg.push_str(&format!(" {text:>5}"));
    }
    line(avg.trim_end());
    line(&say("cli-cohorts-legend", &[]));
}

pub(crate) fn funnel(ws: &Workspace, a: FunnelArgs, as_of: NaiveDate) -> Result<()> {
    let options = FunnelOptions {
        period: rapport_app::period(ws, &a.client, &a.period)?,
        steps: a.steps,
        window_seconds: a.window,
        order: match a.order {
            OrderArg::Ordered => StepOrder::Ordered,
            OrderArg::Strict => StepOrder::Strict,
            OrderArg::Any => StepOrder::Any,
        },
        per: match a.per {
            PerArg::Person => Per::Person,
            PerArg::Session => Per::Session,
        },
        exclude: a.exclude,
        cart_window_seconds: a.cart_window,
        as_of,
    };
    let report = crate::commands::runtime()?
        .block_on(rapport_metrics::funnel::funnel(ws, &a.client, &options))?;
    match a.format {
        ListFormat::Json => output::result(&report),
        ListFormat::Table => {
            print_funnel(&report);
            Ok(())
        }
    }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| words::percent(v, output::locale()))
}

fn print_funnel(r: &FunnelReport) {
    let per = match r.per {
        Per::Person => "person",
        Per::Session => "session",
    };
    let order = match r.order {
        StepOrder::Ordered => "ordered",
        StepOrder::Strict => "strict",
        StepOrder::Any => "any",
    };
    line(&say(
        "cli-funnel-title",
        &[
            ("client", r.client.as_str().into()),
            ("per", per.into()),
            ("period", r.period.label.as_str().into()),
            ("order", order.into()),
            (
                "window",
                words::duration(r.window_seconds as f64, output::locale()).into(),
            ),
        ],
    ));
    // Steps with a condition are long: one longer than a terminal allows
    // is clipped.
    let ew = 40;
    let head = output::head(&[
        "cli-column-step",
        "cli-column-event",
        "cli-column-count",
        "cli-column-from-previous",
        "cli-column-from-first",
        "cli-column-dropped",
        "cli-column-in-progress",
        "cli-column-median-time",
    ]);
    let rows: Vec<Vec<String>> = r
        .steps
        .iter()
        .map(|s| {
            vec![
                count(s.step as u64),
                crate::output::clip(&s.event, ew),
                count(s.count),
                pct(s.conversion_from_previous),
                pct(s.conversion_from_start),
                if s.step == 1 {
                    String::new()
                } else {
                    count(s.dropped)
                },
                if s.step == 1 {
                    String::new()
                } else {
                    count(s.in_progress)
                },
                s.median_seconds_from_previous
                    .map(|x| words::duration(x.round(), output::locale()))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    output::table_aligned(
        &head,
        &rows,
        &[false, false, true, true, true, true, true, true],
    );
    if !r.exclude.is_empty() {
        line(&say(
            "cli-funnel-excluded",
            &[
                ("per", per.into()),
                (
                    "events",
                    rapport_locale::lists::or(&r.exclude, output::locale()).into(),
                ),
                ("count", count(r.excluded_units).into()),
            ],
        ));
    }
    if let Some(c) = &r.cart_abandonment {
        line(&say(
            "cli-funnel-cart",
            &[
                ("rate", pct(c.rate).into()),
                ("converted", count(c.carts.converted).into()),
                ("carts", count(c.carts.decided()).into()),
                ("units", count(c.units_converted).into()),
                ("all", count(c.units).into()),
                ("per", per.into()),
                ("open", count(c.carts.open).into()),
            ],
        ));
    }
}

pub(crate) const COMPARE_HELP: &str = "Examples:
  rapport compare lumen --metric conversion_rate --by utm_campaign --period 2026-10
  rapport compare lumen --metric revenue --by channel --period 2026-Q3 --format json
  rapport compare cloudnest --metric fcr --by channel --period 2026-10
  rapport compare lumen --metric nps --by touchpoint --period 2026-Q3

Each value of --by gets the metric with its interval; every other value is tested against the best one
(two-proportion z-test for shares, Welch's t-test for means, NPS margins), p-values Holm-adjusted for
the number of groups. When the ad spend data has the same attribute (channel, campaign) the spend,
CPA and ROAS are shown, and for channels the CAC over customers acquired through that channel.";

pub(crate) const ABTEST_HELP: &str = "Examples:
  rapport abtest lumen --metric conversion_rate --variant-column utm_campaign --period 2026-10
  rapport abtest lumen --metric aov --variant-column device --a-value desktop --b-value mobile --period 2026-Q3
  rapport abtest lumen --metric repeat_purchase_rate --a 'country = \"RO\"' --b 'country = \"HU\"' --period 2026-Q3

Shares: two-sided two-proportion z-test with pooled variance, Wilson interval per arm, relative lift
with its interval, and the Bayesian P(B > A) with expected losses under Beta(1,1) priors. Means:
Welch's t-test and the lift of the mean. NPS: the combined margin of error.";

#[derive(Debug, Args)]
pub(crate) struct CompareArgs {
    /// Client id.
    client: String,
    /// Metric id (see `rapport metrics --list`).
    #[arg(long)]
    metric: String,
    /// Attribute to compare across: channel, utm_campaign, campaign, touchpoint, device, country, ...
    #[arg(long)]
    by: String,
    /// Period: 2026-10, 2026-Q3, 2026, 2026-W41 or a date range.
    #[arg(long, short = 'p')]
    period: String,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Args)]
pub(crate) struct AbTestArgs {
    /// Client id.
    client: String,
    /// Metric id (see `rapport metrics --list`).
    #[arg(long)]
    metric: String,
    /// Period: 2026-10, 2026-Q3, 2026, 2026-W41 or a date range.
    #[arg(long, short = 'p')]
    period: String,
    /// A column (or customer field) whose values are the variants.
    #[arg(long, conflicts_with_all = ["a", "b"], required_unless_present = "a")]
    variant_column: Option<String>,
    /// The value of --variant-column that is arm A (default: the largest group).
    #[arg(long, requires = "variant_column")]
    a_value: Option<String>,
    /// The value of --variant-column that is arm B (default: the next largest).
    #[arg(long, requires = "variant_column")]
    b_value: Option<String>,
    /// Segment filter of arm A.
    #[arg(long, requires = "b")]
    a: Option<String>,
    /// Segment filter of arm B.
    #[arg(long, requires = "a")]
    b: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

pub(crate) fn compare(ws: &Workspace, a: CompareArgs, as_of: NaiveDate) -> Result<()> {
    let period = rapport_app::period(ws, &a.client, &a.period)?;
    let r = crate::commands::runtime()?.block_on(rapport_metrics::compare::compare(
        ws, &a.client, &period, &a.metric, &a.by, as_of,
    ))?;
    if a.format == ListFormat::Json {
        return output::result(&r);
    }
    let locale = output::locale();
    let metric = words::metric_name(&r.metric, &r.metric, locale);
    line(&say(
        "cli-compare-title",
        &[
            ("client", r.client.as_str().into()),
            ("metric", metric.as_str().into()),
            ("by", r.by.as_str().into()),
            ("period", r.period.label.as_str().into()),
        ],
    ));
    let head: Vec<String> = [
        say("cli-column-attribute-value", &[]),
        r.metric.to_string(),
        say("cli-column-interval", &[]),
        "n".to_owned(),
        say("cli-column-spend", &[]),
        "CPA".to_owned(),
        "ROAS".to_owned(),
        "CAC".to_owned(),
        say("cli-column-vs-best", &[]),
    ]
    .into();
    let opt = |x: Option<f64>| x.map(number).unwrap_or_default();
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut reasons: Vec<(String, String)> = Vec::new();
    for row in &r.rows {
        let vs = if row.leader {
            say("cli-compare-best", &[])
        } else {
            match (row.p_value, row.significant) {
                (Some(p), Some(true)) => format!("{} *", words::p_value(p, locale)),
                (Some(p), _) => words::p_value(p, locale),
                _ => String::new(),
            }
        };
        let ci = match (row.ci_low, row.ci_high) {
            (Some(lo), Some(hi)) => format!("{}–{}", number(lo), number(hi)),
            _ => String::new(),
        };
        let name = output::clip(&row.value, 24);
        let reason = match (&row.missing, &row.missing_reason) {
            (Some(why), _) => Some(why.text(locale)),
            (None, reason) => reason.clone(),
        };
        match (reason, row.metric_value) {
            (Some(reason), None) => {
                rows.push(vec![name.clone(), say("value-none", &[])]);
                reasons.push((name, reason));
            }
            _ => rows.push(vec![
                name,
                opt(row.metric_value),
                ci,
                row.n.map(count).unwrap_or_default(),
                opt(row.spend),
                opt(row.cpa),
                opt(row.roas),
                opt(row.cac),
                vs,
            ]),
        }
    }
    let mut right = [true; 9];
    right[0] = false;
    output::table_aligned(&head, &rows, &right);
    for (name, reason) in reasons {
        line(&output::plain(words::labelled(&name, &reason, locale)));
    }
    if let (Some(t), true) = (r.test, r.rows.iter().any(|row| row.p_value.is_some())) {
        line(&say(
            "cli-compare-footnote",
            &[
                ("test", words::test_name(t, locale).into()),
                ("comparisons", r.rows.len().saturating_sub(1).into()),
            ],
        ));
    }
    notes(&r.notes);
    Ok(())
}

/// A result's notes, each wrapped to the terminal.
pub(crate) fn notes(notes: &[rapport_metrics::Note]) {
    for n in notes {
        let text = say("cli-note", &[("text", n.text(output::locale()).into())]);
        line(&output::wrap(&text, output::terminal_width(), "  "));
    }
}

pub(crate) fn abtest(ws: &Workspace, a: AbTestArgs, as_of: NaiveDate) -> Result<()> {
    use rapport_metrics::compare::Arms;
    let period = rapport_app::period(ws, &a.client, &a.period)?;
    let arms = match (a.variant_column, a.a, a.b) {
        (Some(column), _, _) => Arms::Column {
            column,
            a: a.a_value,
            b: a.b_value,
        },
        (None, Some(x), Some(y)) => Arms::Segments {
            a: x.parse()?,
            b: y.parse()?,
        },
        _ => anyhow::bail!("give --variant-column, or both --a and --b"),
    };
    let r = crate::commands::runtime()?.block_on(rapport_metrics::compare::abtest(
        ws, &a.client, &period, &a.metric, &arms, as_of,
    ))?;
    if a.format == ListFormat::Json {
        return output::result(&r);
    }
    let locale = output::locale();
    line(&say(
        "cli-abtest-title",
        &[
            ("client", r.client.as_str().into()),
            (
                "metric",
                words::metric_name(&r.metric, &r.metric, locale).into(),
            ),
            ("period", r.period.label.as_str().into()),
        ],
    ));
    let label_width = [&r.a, &r.b]
        .iter()
        .map(|a| unicode_width::UnicodeWidthStr::width(a.label.as_str()))
        .max()
        .unwrap_or(0)
        .clamp(8, 30);
    for (name, arm) in [("A", &r.a), ("B", &r.b)] {
        let label = output::pad_end(&output::clip(&arm.label, 30), label_width);
        let ci = match (arm.ci_low, arm.ci_high) {
            (Some(lo), Some(hi)) => say(
                "cli-interval",
                &[("low", number(lo).into()), ("high", number(hi).into())],
            ),
            _ => String::new(),
        };
        match arm.value {
            Some(v) => line(&format!(
                "  {name}  {label} {} n={} {ci}",
                output::pad_start(&words::value(v, &r.unit, locale), 12),
                arm.n.map(count).unwrap_or_default()
            )),
            None => {
                let reason = match (&arm.missing, &arm.missing_reason) {
                    (Some(why), _) => why.text(locale),
                    (None, reason) => reason.clone().unwrap_or_default(),
                };
                line(&format!(
                    "  {name}  {label} {}",
                    output::plain(words::labelled(&say("value-none", &[]), &reason, locale))
                ));
            }
        }
    }
    if let Some(l) = r.lift {
        let lift = signed(l * 100.0, 1);
        let text = match (r.lift_ci_low, r.lift_ci_high) {
            (Some(lo), Some(hi)) => say(
                "cli-abtest-lift-interval",
                &[
                    ("lift", lift.into()),
                    ("low", signed(lo * 100.0, 1).into()),
                    ("high", signed(hi * 100.0, 1).into()),
                ],
            ),
            _ => say("cli-abtest-lift", &[("lift", lift.into())]),
        };
        line(&format!("  {text}"));
    }
    match (r.test, r.p_value, r.significant) {
        (Some(t), Some(p), Some(s)) => line(&format!(
            "  {}",
            say(
                if s {
                    "cli-abtest-significant"
                } else {
                    "cli-abtest-not-significant"
                },
                &[
                    ("test", words::test_name(t, locale).into()),
                    ("p", words::p_value(p, locale).into()),
                ],
            )
        )),
        _ => line(&format!("  {}", say("cli-abtest-no-test", &[]))),
    }
    if let Some(b) = &r.bayes {
        line(&format!(
            "  {}",
            say(
                "cli-abtest-bayes",
                &[
                    ("probability", dec(b.p_b_better * 100.0, 1).into()),
                    ("loss-b", dec(b.expected_loss_b * 100.0, 3).into()),
                    ("loss-a", dec(b.expected_loss_a * 100.0, 3).into()),
                ],
            )
        ));
    }
    notes(&r.notes);
    Ok(())
}

pub(crate) const COMMENTS_HELP: &str = "Examples:
  rapport comments lumen --period 2026-Q3
  rapport comments brightpaws --period 2026 --survey csat --top 8 --format json

Compares the comments of detractors (0–6) and promoters (9–10), or for CSAT and CES of the bottom and
top two points of the scale, and lists the words and two-word phrases that most distinguish each
group: the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008), whose
z-score must reach 1.96. Each term comes with example comments.";

#[derive(Debug, Args)]
pub(crate) struct CommentsArgs {
    /// Client id.
    client: String,
    /// Period: 2026-10, 2026-Q3, 2026, 2026-W41 or a date range.
    #[arg(long, short = 'p')]
    period: String,
    /// nps, csat or ces (default: nps when it has comments).
    #[arg(long)]
    survey: Option<String>,
    /// Terms per group.
    #[arg(long, default_value_t = 10)]
    top: usize,
    /// Least comments a term must appear in.
    #[arg(long, default_value_t = 3)]
    min_count: u64,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

pub(crate) fn comments(ws: &Workspace, a: CommentsArgs, as_of: NaiveDate) -> Result<()> {
    let options = rapport_metrics::comments::CommentOptions {
        period: rapport_app::period(ws, &a.client, &a.period)?,
        survey: a.survey,
        top: a.top,
        min_count: a.min_count,
        as_of,
    };
    let r = crate::commands::runtime()?
        .block_on(rapport_metrics::comments::comments(ws, &a.client, &options))?;
    if a.format == ListFormat::Json {
        return output::result(&r);
    }
    line(&format!(
        "{} · what {} and {} say · {} ({} survey)",
        r.client, r.negative.group, r.positive.group, r.period.label, r.survey
    ));
    for side in [&r.negative, &r.positive] {
        line("");
        line(&format!(
            "{} ({}, {} comments) say more often:",
            side.group,
            side.scores,
            count(side.comments)
        ));
        if side.terms.is_empty() {
            line("  nothing that sets them apart with confidence");
        }
        for t in &side.terms {
            line(&format!(
                "  {:<28} z={:>5}  in {} of theirs, {} of the others",
                t.term,
                dec(t.z, 1),
                count(t.count),
                count(t.other_count)
            ));
            for e in &t.examples {
                line(&format!("      “{e}”"));
            }
        }
    }
    line("");
    line(&output::wrap(&format!("method: {}", r.method), 100, "  "));
    Ok(())
}
