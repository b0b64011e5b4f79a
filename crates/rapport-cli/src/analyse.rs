//! `rapport cohorts` and `rapport funnel`: argument grammar and printing;
//! the work is in `rapport-metrics`.

use anyhow::Result;
use clap::{Args, ValueEnum};
use rapport_metrics::cohorts::{CohortOptions, CohortTable, CohortUnit, Criteria, Reference};
use rapport_metrics::funnel::{FunnelOptions, FunnelReport, Per, StepOrder, parse_duration};
use rapport_store::Workspace;

use crate::ListFormat;
use crate::metrics::number;
use crate::output::{self, count, line};

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

Steps are web event types. A unit (a person: customer id, else anonymous id; or a session) enters
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
    /// Event types, in order (comma-separated).
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

pub(crate) fn cohorts(ws: &Workspace, a: CohortArgs) -> Result<()> {
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
        today: None,
    };
    let table = crate::commands::runtime()?.block_on(rapport_metrics::cohorts::cohort_table(
        ws, &a.client, &options,
    ))?;
    match a.format {
        ListFormat::Json => output::json(&table),
        ListFormat::Table => {
            print_cohorts(&table);
            Ok(())
        }
    }
}

fn print_cohorts(t: &CohortTable) {
    let criteria = match t.criteria {
        Criteria::On => "active in exactly that period",
        Criteria::OnOrAfter => "active in that period or later",
    };
    let reference = match t.reference {
        Reference::First => "of the cohort's size",
        Reference::Previous => "of the period before",
    };
    line(&format!(
        "{} · cohorts by {} of first {} · {criteria}, % {reference}",
        t.client,
        match t.unit {
            CohortUnit::Month => "month",
            CohortUnit::Week => "week",
        },
        if t.activity == "orders" {
            "order"
        } else {
            "subscription"
        },
    ));
    if t.cohorts.is_empty() {
        line("no customers yet");
        return;
    }
    // At most 13 columns so the table fits a terminal.
    let width = t.average.len().min(13);
    let mut head = format!("{:<9} {:>7}", "cohort", "size");
    for k in 0..width {
        head.push_str(&format!(" {:>5}", format!("+{k}")));
    }
    line(&head);
    for c in &t.cohorts {
        let mut row = format!("{:<9} {:>7}", c.label, count(c.size));
        for cell in c.cells.iter().take(width) {
            let text = match (cell.incomplete, cell.share) {
                (true, _) => "…".to_owned(),
                (false, Some(s)) => format!("{s:.0}"),
                (false, None) => "-".to_owned(),
            };
            row.push_str(&format!(" {text:>5}"));
        }
        line(&row);
    }
    let mut avg = format!("{:<9} {:>7}", "average", "");
    for a in t.average.iter().take(width) {
        let text = a.share.map_or("-".to_owned(), |s| format!("{s:.0}"));
        avg.push_str(&format!(" {text:>5}"));
    }
    line(&avg);
    line("… period not over yet (not a drop); average weighted by cohort size over complete cells");
}

pub(crate) fn funnel(ws: &Workspace, a: FunnelArgs) -> Result<()> {
    let options = FunnelOptions {
        period: a.period.parse()?,
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
    };
    let report = crate::commands::runtime()?
        .block_on(rapport_metrics::funnel::funnel(ws, &a.client, &options))?;
    match a.format {
        ListFormat::Json => output::json(&report),
        ListFormat::Table => {
            print_funnel(&report);
            Ok(())
        }
    }
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(String::new, |v| format!("{} %", number(v)))
}

fn print_funnel(r: &FunnelReport) {
    let per = match r.per {
        Per::Person => "people",
        Per::Session => "sessions",
    };
    let order = match r.order {
        StepOrder::Ordered => "in order",
        StepOrder::Strict => "strictly in order",
        StepOrder::Any => "in any order",
    };
    line(&format!(
        "{} · funnel of {per} entering in {} · steps {order} within {}",
        r.client,
        r.period.label,
        window_text(r.window_seconds)
    ));
    line(&format!(
        "{:<4} {:<18} {:>9} {:>11} {:>10} {:>9} {:>11} {:>13}",
        "step", "event", "count", "from prev", "from 1st", "dropped", "in progress", "median time"
    ));
    for s in &r.steps {
        line(&format!(
            "{:<4} {:<18} {:>9} {:>11} {:>10} {:>9} {:>11} {:>13}",
            s.step,
            s.event,
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
                .map(|x| window_text(x.round() as i64))
                .unwrap_or_default(),
        ));
    }
    if !r.exclude.is_empty() {
        line(&format!(
            "{} {per} removed for doing {} between steps",
            count(r.excluded_units),
            r.exclude.join(" or ")
        ));
    }
    if let Some(c) = &r.cart_abandonment {
        line(&format!(
            "cart abandonment: {} ({} of {} {per} who added to the cart bought within the cart window; {} still inside it)",
            pct(c.rate),
            count(c.purchased),
            count(c.added_to_cart),
            count(c.in_progress)
        ));
    }
}

fn window_text(s: i64) -> String {
    if s % 86_400 == 0 && s > 0 {
        format!("{} d", s / 86_400)
    } else if s >= 7200 {
        format!("{:.1} h", s as f64 / 3600.0)
    } else if s >= 120 {
        format!("{:.1} min", s as f64 / 60.0)
    } else {
        format!("{s} s")
    }
}
