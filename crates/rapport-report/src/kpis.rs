//! Headline KPIs: a metric's value with its interval, its change against
//! the previous period and the same period a year ago (each with the test
//! METRICS.md names), its target and its benchmark, and its tone in words.

use rapport_app::words::{self, Locale};
use rapport_metrics::catalog::Better;
use rapport_metrics::{MetricValue, Period};

use crate::definition::Definition;
use crate::document::{BenchmarkCheck, Comparison, Kpi, NamedPeriod, TargetCheck, Tone};
use crate::messages::{self, Arg};

/// A period as the report names it.
pub(crate) fn named(p: &Period, locale: Locale) -> NamedPeriod {
    NamedPeriod {
        label: p.to_string(),
        name: words::period_name(p, locale),
        start: p.start.to_string(),
        end: p.last_day().to_string(),
        gregorian: (p.calendar.system != rapport_metrics::CalendarSystem::Gregorian).then(|| {
            messages::text(
                locale,
                "period-range",
                &[
                    ("from", words::date(p.start, locale).into()),
                    ("to", words::date(p.last_day(), locale).into()),
                ],
            )
        }),
    }
}

/// Which direction is good for a metric: from the registry, or for a
/// custom metric from the definition that declares it.
pub(crate) fn better(id: &str, definition: &Definition) -> Better {
    use crate::custom::Direction;
    if let Some(m) = definition.metrics.iter().find(|m| m.id == id) {
        return match m.better {
            Direction::Higher => Better::Higher,
            Direction::Lower => Better::Lower,
            Direction::Neutral => Better::Neutral,
        };
    }
    rapport_metrics::metric(id).map_or(Better::Neutral, |d| d.better)
}

fn better_id(b: Better) -> &'static str {
    match b {
        Better::Higher => "higher",
        Better::Lower => "lower",
        Better::Neutral => "neutral",
    }
}

/// Whether a change is good news, given the metric's direction; `None`
/// for a metric where neither direction is better, or no change.
pub(crate) fn is_good(id: &str, change: f64, definition: &Definition) -> Option<bool> {
    if change == 0.0 {
        return None;
    }
    match better(id, definition) {
        Better::Higher => Some(change > 0.0),
        Better::Lower => Some(change < 0.0),
        Better::Neutral => None,
    }
}

/// A value in a metric's unit, as the report writes it.
pub(crate) fn value_text(m: &MetricValue, x: Option<f64>, locale: Locale) -> String {
    x.map_or_else(
        || messages::label(locale, "value-none"),
        |v| words::value(v, &m.unit, locale),
    )
}

fn comparison(m: &MetricValue, period: &Period, locale: Locale) -> Comparison {
    let value = m.previous.as_ref().and_then(|p| p.value);
    let value_text = value_text(m, value, locale);
    let text = words::change_phrase(m, period, locale);
    Comparison {
        period: named(period, locale),
        value,
        summary: words::pair(&value_text, &text, locale),
        value_text,
        change: m.change,
        change_pct: m.change_pct,
        significant: m.significant,
        p_value: m.p_value,
        test: m.test.map(|t| t.name().to_owned()),
        text,
    }
}

/// The metric's target: the definition's, else the catalog's.
fn target(m: &MetricValue, definition: &Definition, locale: Locale) -> Option<TargetCheck> {
    let (value, met, source) = match definition.targets.get(m.id.as_ref()) {
        Some(&t) => {
            let met = m.value.and_then(|v| match better(&m.id, definition) {
                Better::Higher => Some(v >= t),
                Better::Lower => Some(v <= t),
                Better::Neutral => None,
            });
            (t, met, "definition")
        }
        None => {
            let t = m.target.as_ref()?;
            (t.value, t.met, "catalog")
        }
    };
    let value_text = words::value(value, &m.unit, locale);
    let id = match met {
        Some(true) => "target-met",
        Some(false) => "target-missed",
        None => "target-set",
    };
    Some(TargetCheck {
        text: messages::text(locale, id, &[("target", value_text.clone().into())]),
        value,
        value_text,
        met,
        source: source.to_owned(),
    })
}

fn benchmark(m: &MetricValue, definition: &Definition, locale: Locale) -> Option<BenchmarkCheck> {
    let b = definition.benchmarks.get(m.id.as_ref())?;
    let value_text = words::value(b.value, &m.unit, locale);
    let side = m
        .value
        .and_then(|v| is_good(&m.id, v - b.value, definition));
    let id = match side {
        Some(true) => "benchmark-better",
        Some(false) => "benchmark-worse",
        None => "benchmark-level",
    };
    Some(BenchmarkCheck {
        text: messages::text(
            locale,
            id,
            &[
                ("benchmark", value_text.clone().into()),
                ("source", b.source.as_str().into()),
            ],
        ),
        value: b.value,
        value_text,
        source: b.source.clone(),
        better: side,
    })
}

/// The tone of a change and its words: significant changes are better or
/// worse; a change no test applies to says so; a change that is not
/// significant is never called better or worse.
pub(crate) fn tone(m: &MetricValue, definition: &Definition, locale: Locale) -> (Tone, String) {
    let Some(change) = m.change else {
        return (Tone::Neutral, messages::label(locale, "tone-no-comparison"));
    };
    let mut good = is_good(&m.id, change, definition);
    // Without a test, only a change as large as a finding needs is good
    // or bad news; a smaller one is reported as a direction.
    let small = m
        .change_pct
        .is_none_or(|p| p.abs() < crate::findings::UNTESTED_MIN_PCT);
    if m.significant.is_none() && small && good.is_some() {
        good = None;
    }
    let (tone, id) = match (m.significant, good) {
        (_, None) if change == 0.0 => (Tone::Neutral, "tone-unchanged"),
        (Some(false), _) => (Tone::Neutral, "tone-not-significant"),
        (Some(true), Some(true)) => (Tone::Good, "tone-better-significant"),
        (Some(true), Some(false)) => (Tone::Bad, "tone-worse-significant"),
        (None, Some(true)) => (Tone::Good, "tone-better-untested"),
        (None, Some(false)) => (Tone::Bad, "tone-worse-untested"),
        (None, None) if change > 0.0 => (Tone::Neutral, "tone-up-untested"),
        (None, None) => (Tone::Neutral, "tone-down-untested"),
        (_, None) if change > 0.0 => (Tone::Neutral, "tone-up"),
        (_, None) => (Tone::Neutral, "tone-down"),
    };
    (tone, messages::label(locale, id))
}

/// One headline KPI from its value against the previous period and, when
/// measured, against the same period a year ago.
pub(crate) fn kpi(
    m: &MetricValue,
    year: Option<&MetricValue>,
    periods: (&Period, &Period),
    definition: &Definition,
    locale: Locale,
) -> Kpi {
    let (previous, year_ago) = periods;
    let (tone, tone_text) = tone(m, definition, locale);
    let year_ago = year.map(|y| comparison(y, year_ago, locale));
    let mut sentence = words::metric_sentence(m, Some(previous), locale);
    if let Some(y) = &year_ago
        && !y.text.is_empty()
        && y.change.is_some()
    {
        sentence = words::clauses(&sentence, &y.text, locale);
    }
    Kpi {
        metric: m.id.to_string(),
        name: m.name.to_string(),
        unit: m.unit.clone(),
        better: better_id(better(&m.id, definition)).to_owned(),
        value: m.value,
        value_text: value_text(m, m.value, locale),
        ci_low: m.ci_low,
        ci_high: m.ci_high,
        interval_text: words::interval(m, locale),
        n: m.n,
        previous: Some(comparison(m, previous, locale)),
        year_ago,
        target: target(m, definition, locale),
        benchmark: benchmark(m, definition, locale),
        tone,
        tone_text,
        sentence,
    }
}

/// `Arg` for a metric's name.
pub(crate) fn name_arg(m: &MetricValue) -> Arg {
    Arg::Text(m.name.to_string())
}
