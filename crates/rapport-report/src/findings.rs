//! "What went well" and "What needs attention": findings chosen by the
//! size and significance of a change, against target and against
//! benchmark, each one plain sentence naming the number, its comparison
//! and its direction. Both lists are always present; an empty one says so.
//!
//! The rules, in order of weight:
//! 1. a significant change against the previous period (the test of
//!    METRICS.md at 95 %), then against the same period a year ago;
//! 2. a target met or missed;
//! 3. a change of at least [`UNTESTED_MIN_PCT`] where no test applies
//!    (a total such as revenue is not a sample) — said to be untested;
//! 4. a value on either side of a benchmark the definition gives.
//!
//! A change whose test finds it not significant is never a finding: it is
//! noise until a test says otherwise. A metric appears at most once per
//! list, under its weightiest rule; headline metrics rank before others of
//! the same rule, and a headline metric's significant change before any
//! other metric's.

use rapport_app::words::{self, Locale};
use rapport_metrics::{MetricValue, Period};

use crate::document::{Basis, Finding, Findings, Kpi};
use crate::kpis::{self, is_good};
use crate::messages::{self, Arg};

/// The smallest relative change, in percent, that an untested change
/// needs to be a finding.
pub const UNTESTED_MIN_PCT: f64 = 10.0;

/// What ranks a headline metric's finding above another metric's of the
/// same rule: the client chose those metrics.
const HEADLINE_BONUS: f64 = 30.0;

/// How many findings each list shows.
pub const MAX_PER_LIST: usize = 4;

struct Candidate {
    finding: Finding,
    good: bool,
}

fn change_sentence(
    m: &MetricValue,
    period: &Period,
    good: bool,
    basis: Basis,
    locale: Locale,
) -> String {
    let before = kpis::value_text(m, m.previous.as_ref().and_then(|p| p.value), locale);
    let now = kpis::value_text(m, m.value, locale);
    let change = m.change.unwrap_or(0.0);
    let id = match (change > 0.0, basis) {
        (true, Basis::Untested) => "finding-rose-untested",
        (false, Basis::Untested) => "finding-fell-untested",
        (true, _) => "finding-rose-significant",
        (false, _) => "finding-fell-significant",
    };
    let mut args: Vec<(&str, Arg)> = vec![
        ("metric", kpis::name_arg(m)),
        ("before", before.into()),
        ("now", now.into()),
        ("period", words::period_name(period, locale).into()),
        (
            "pct",
            m.change_pct
                .map(|p| words::number(p.abs(), locale))
                .unwrap_or_default()
                .into(),
        ),
    ];
    if let Some(p) = m.p_value {
        args.push(("p", words::p_value(p, locale).into()));
    } else {
        args.push(("p", String::new().into()));
    }
    let mut sentence = messages::text(locale, id, &args);
    let why = format!(
        "finding-why-{}-{}",
        m.id,
        if good { "better" } else { "worse" }
    );
    if messages::has(locale, &why) {
        sentence = messages::text(
            locale,
            "finding-with-why",
            &[
                ("finding", sentence.into()),
                ("why", messages::label(locale, &why).into()),
            ],
        );
    }
    sentence
}

fn weight(m: &MetricValue, base: f64, headline: bool) -> f64 {
    let size = m.change_pct.map_or(0.0, |p| p.abs().min(100.0)) / 10.0;
    base + size + if headline { HEADLINE_BONUS } else { 0.0 }
}

fn candidates(
    definition: &crate::definition::Definition,
    m: &MetricValue,
    year: Option<&MetricValue>,
    kpi: Option<&Kpi>,
    periods: (&Period, &Period),
    headline: bool,
    locale: Locale,
) -> Vec<Candidate> {
    let mut out = Vec::new();
    if m.value.is_none() {
        return out;
    }
    let mut push = |basis: Basis, w: f64, good: bool, sentence: String| {
        out.push(Candidate {
            finding: Finding {
                metric: m.id.to_string(),
                basis,
                weight: (w * 100.0).round() / 100.0,
                sentence,
            },
            good,
        });
    };
    if let Some(change) = m.change
        && let Some(good) = is_good(&m.id, change, definition)
    {
        match m.significant {
            Some(true) => push(
                Basis::Previous,
                weight(m, 100.0, headline),
                good,
                change_sentence(m, periods.0, good, Basis::Previous, locale),
            ),
            None if m.change_pct.is_some_and(|p| p.abs() >= UNTESTED_MIN_PCT) => push(
                Basis::Untested,
                weight(m, 40.0, headline),
                good,
                change_sentence(m, periods.0, good, Basis::Untested, locale),
            ),
            _ => {}
        }
    }
    if let Some(y) = year
        && y.significant == Some(true)
        && let Some(change) = y.change
        && let Some(good) = is_good(&y.id, change, definition)
    {
        push(
            Basis::YearAgo,
            weight(y, 80.0, headline),
            good,
            change_sentence(y, periods.1, good, Basis::YearAgo, locale),
        );
    }
    if let Some(kpi) = kpi {
        if let Some(t) = &kpi.target
            && let Some(met) = t.met
        {
            let id = if met {
                "finding-target-met"
            } else {
                "finding-target-missed"
            };
            push(
                Basis::Target,
                60.0 + if headline { HEADLINE_BONUS } else { 0.0 },
                met,
                messages::text(
                    locale,
                    id,
                    &[
                        ("metric", kpis::name_arg(m)),
                        ("now", kpi.value_text.clone().into()),
                        ("target", t.value_text.clone().into()),
                    ],
                ),
            );
        }
        if let Some(b) = &kpi.benchmark
            && let Some(better) = b.better
        {
            let id = if better {
                "finding-benchmark-better"
            } else {
                "finding-benchmark-worse"
            };
            push(
                Basis::Benchmark,
                20.0,
                better,
                messages::text(
                    locale,
                    id,
                    &[
                        ("metric", kpis::name_arg(m)),
                        ("now", kpi.value_text.clone().into()),
                        ("benchmark", b.value_text.clone().into()),
                        ("source", b.source.as_str().into()),
                    ],
                ),
            );
        }
    }
    out
}

/// Both lists from every metric of the period. `years` holds the
/// year-ago comparison of the headline metrics, `kpis` their targets and
/// benchmarks.
pub(crate) fn choose(
    definition: &crate::definition::Definition,
    metrics: &[MetricValue],
    years: &[MetricValue],
    kpis: &[Kpi],
    periods: (&Period, &Period),
    locale: Locale,
) -> Findings {
    let mut all: Vec<Candidate> = Vec::new();
    for m in metrics {
        let kpi = kpis.iter().find(|k| k.metric == m.id.as_ref());
        let year = years.iter().find(|y| y.id == m.id);
        all.extend(candidates(
            definition,
            m,
            year,
            kpi,
            periods,
            kpi.is_some(),
            locale,
        ));
    }
    all.sort_by(|a, b| {
        b.finding
            .weight
            .total_cmp(&a.finding.weight)
            .then_with(|| a.finding.metric.cmp(&b.finding.metric))
    });
    let mut went_well: Vec<Finding> = Vec::new();
    let mut needs_attention: Vec<Finding> = Vec::new();
    for c in all {
        let list = if c.good {
            &mut went_well
        } else {
            &mut needs_attention
        };
        if list.len() < MAX_PER_LIST && !list.iter().any(|f| f.metric == c.finding.metric) {
            list.push(c.finding);
        }
    }
    Findings {
        went_well,
        needs_attention,
        went_well_empty: messages::label(locale, "findings-none-well"),
        needs_attention_empty: messages::label(locale, "findings-none-attention"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::definition::Definition;
    use rapport_metrics::value::Previous;

    /// A metric of the catalog with a value, its previous value and the
    /// outcome of its test.
    fn metric(id: &str, now: f64, before: f64, significant: Option<bool>) -> MetricValue {
        let def = rapport_metrics::metric(id).expect("catalog metric");
        let mut m = MetricValue::build(def, rapport_metrics::Measure::default(), None, None);
        m.value = Some(now);
        m.previous = Some(Previous {
            value: Some(before),
            n: Some(400),
        });
        m.change = Some(now - before);
        m.change_pct = Some((now - before) / before * 100.0);
        m.significant = significant;
        m.p_value = significant.map(|s| if s { 0.002 } else { 0.4 });
        m
    }

    fn periods() -> (Period, Period) {
        let p: Period = "2026-Q3".parse().expect("period");
        (p.previous(), p.year_ago())
    }

    #[test]
    fn a_significant_drop_needs_attention_and_says_so() {
        let (prev, year) = periods();
        let metrics = vec![
            metric("repeat_purchase_rate", 24.0, 31.0, Some(true)),
            metric("nps", 41.0, 38.0, Some(false)),
        ];
        let f = choose(
            &Definition::default(),
            &metrics,
            &[],
            &[],
            (&prev, &year),
            Locale::En,
        );
        assert_eq!(f.needs_attention.len(), 1);
        let s = &f.needs_attention[0].sentence;
        assert_eq!(f.needs_attention[0].metric, "repeat_purchase_rate");
        assert!(s.contains("fell from 31 % in Q2 2026 to 24 %"), "{s}");
        assert!(s.contains("(significant, p\u{a0}=\u{a0}0.002)"), "{s}");
        assert!(s.contains("Fewer customers came back"), "{s}");
        // The NPS rise is not significant: it is not a finding at all.
        assert!(f.went_well.is_empty());
        assert!(f.went_well_empty.contains("Nothing improved clearly"));
    }

    #[test]
    fn a_change_that_is_not_significant_is_never_called_significant() {
        let (prev, year) = periods();
        let metrics = vec![
            metric("nps", 20.0, 45.0, Some(false)),
            metric("churn_rate", 30.0, 10.0, Some(false)),
            metric("csat", 60.0, 90.0, Some(false)),
        ];
        let f = choose(
            &Definition::default(),
            &metrics,
            &[],
            &[],
            (&prev, &year),
            Locale::En,
        );
        for finding in f.went_well.iter().chain(&f.needs_attention) {
            assert!(!finding.sentence.contains("significant"), "{finding:?}");
        }
        assert!(f.went_well.is_empty() && f.needs_attention.is_empty());
    }

    #[test]
    fn when_everything_improves_both_lists_are_still_there() {
        let (prev, year) = periods();
        let metrics = vec![
            metric("nps", 48.0, 30.0, Some(true)),
            metric("churn_rate", 8.0, 12.0, Some(true)),
            // Revenue has no test: a large rise is a finding, said untested.
            metric("revenue", 130_000.0, 100_000.0, None),
            // Spend is neither good nor bad: never a finding.
            metric("spend", 9_000.0, 4_000.0, None),
        ];
        let f = choose(
            &Definition::default(),
            &metrics,
            &[],
            &[],
            (&prev, &year),
            Locale::En,
        );
        let ids: Vec<&str> = f.went_well.iter().map(|f| f.metric.as_str()).collect();
        // Ranked by the size of the change: NPS rose 60 %, churn fell 33 %.
        assert_eq!(ids, ["nps", "churn_rate", "revenue"]);
        assert_eq!(f.went_well[2].basis, Basis::Untested);
        assert!(
            f.went_well[2]
                .sentence
                .contains("no significance test applies"),
            "{}",
            f.went_well[2].sentence
        );
        // Lower churn is good news: the registry says lower is better.
        assert!(f.went_well[1].sentence.contains("fell from 12 %"));
        assert!(f.needs_attention.is_empty());
        assert!(
            f.needs_attention_empty
                .contains("Nothing needs urgent attention")
        );
    }

    #[test]
    fn targets_and_benchmarks_are_findings_of_their_own() {
        let (prev, year) = periods();
        let m = metric("nps", 35.0, 34.0, Some(false));
        let mut d = Definition::default();
        d.targets.insert("nps".to_owned(), 40.0);
        d.benchmarks.insert(
            "nps".to_owned(),
            crate::definition::Benchmark {
                value: 30.0,
                source: "Study 2026".to_owned(),
            },
        );
        let kpi = crate::kpis::kpi(&m, None, (&prev, &year), &d, Locale::En);
        let f = choose(&d, &[m], &[], &[kpi], (&prev, &year), Locale::En);
        assert_eq!(f.needs_attention[0].basis, Basis::Target);
        assert!(
            f.needs_attention[0]
                .sentence
                .contains("short of its target of 40"),
            "{:?}",
            f.needs_attention
        );
        assert_eq!(f.went_well[0].basis, Basis::Benchmark);
        assert!(f.went_well[0].sentence.contains("(Study 2026)"));
    }
}
