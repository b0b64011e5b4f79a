//! Data quality: when each source was last loaded (and whether that was
//! after the period ended), the rows the client's loads quarantined with
//! their most common reasons, and the headline metrics that have no value
//! with the reason the metric catalog gives.

use std::collections::BTreeMap;

use rapport_app::words::{self, Locale};
use rapport_metrics::{MetricsReport, Period};
use rapport_store::Workspace;

use crate::document::{DataQuality, MissingMetric, QuarantineReason, SourceStatus};
use crate::messages;
use crate::{Error, Result};

/// How many quarantine reasons the report lists.
const TOP_REASONS: usize = 5;

/// One quarantined row that stands for its (column, rule): the ingest's
/// English message and the offending value.
#[derive(Clone)]
struct Example {
    message: String,
    value: String,
}

/// Counts a quarantine file's rows by (column, rule), keeping one example
/// of each. A file that cannot be read is counted from the catalog alone.
fn reasons_in(file: &std::path::Path, into: &mut BTreeMap<(String, String), (u64, Example)>) {
    let Ok(mut reader) = csv::Reader::from_path(file) else {
        return;
    };
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(_) => return,
    };
    let col = |name: &str| headers.iter().position(|h| h == name);
    let (Some(c), Some(r), Some(m)) = (col("column"), col("rule"), col("message")) else {
        return;
    };
    let v = col("value");
    for record in reader.records().flatten() {
        let key = (
            record.get(c).unwrap_or_default().to_owned(),
            record.get(r).unwrap_or_default().to_owned(),
        );
        let entry = into.entry(key).or_insert_with(|| {
            let example = Example {
                message: record.get(m).unwrap_or_default().to_owned(),
                value: v.and_then(|v| record.get(v)).unwrap_or_default().to_owned(),
            };
            (0, example)
        });
        entry.0 += 1;
    }
}

/// What a quarantine rule asks, in the reader's language (message
/// `rule-<rule>`); a rule the catalogues do not know keeps its code.
fn rule_text(rule: &str, locale: Locale) -> String {
    messages::label_or(locale, &format!("rule-{rule}"), rule)
}

/// The example a reader sees of a quarantine reason. The ingest words its
/// message in English, naming the value and the rule's detail; a report in
/// another language shows the offending value itself (the rule is already
/// said in its language), or nothing when the value was empty.
fn example_text(example: Example, locale: Locale) -> String {
    if locale == Locale::En {
        example.message
    } else {
        example.value
    }
}

/// The client's loads, refused when there are none: a report on no data
/// says nothing, and is better an error naming the fix than pages of n/a.
pub(crate) fn loads_of(ws: &Workspace, client: &str) -> Result<Vec<rapport_store::LoadRecord>> {
    let loads = ws.loads(client, None).map_err(rapport_app::Error::from)?;
    if loads.is_empty() {
        return Err(Error::Input {
            field: "client",
            message: format!(
                "client `{client}` has no data loaded; load its exports with `rapport ingest {client} …` first"
            ),
        });
    }
    Ok(loads)
}

/// A source as a reader names it.
pub(crate) fn entity_name(entity: &str, locale: Locale) -> String {
    messages::label_or(locale, &format!("entity-{entity}"), entity)
}

/// Whether a load that finished at `finished_at` came after a period
/// ending (exclusively) on `period_end`. Catalog times are RFC 3339 in
/// UTC; the date part compares with the period's end date (a day's slack
/// for zones).
fn loaded_after(finished_at: &str, period_end: &str) -> bool {
    finished_at.get(..10).unwrap_or("") >= period_end
}

/// A source that has not been loaded since a period ended.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct StaleSource {
    pub entity: String,
    /// As a reader names it.
    pub name: String,
    /// When it was last loaded (RFC 3339, UTC).
    pub last_loaded: String,
}

/// The client's sources whose latest load finished before `period`
/// ended: the sources a report on `period` would flag (the same rule as
/// the report's data-quality section), and a schedule waits for.
pub fn stale_sources(
    ws: &Workspace,
    client: &str,
    period: &Period,
    locale: Locale,
) -> Result<Vec<StaleSource>> {
    let mut latest: BTreeMap<String, String> = BTreeMap::new();
    for load in ws.loads(client, None).map_err(rapport_app::Error::from)? {
        let e = latest.entry(load.entity).or_default();
        if load.finished_at > *e {
            *e = load.finished_at;
        }
    }
    let end = period.end.to_string();
    Ok(latest
        .into_iter()
        .filter(|(_, at)| !loaded_after(at, &end))
        .map(|(entity, last_loaded)| StaleSource {
            name: entity_name(&entity, locale),
            entity,
            last_loaded,
        })
        .collect())
}

/// Why rows of `loads` were quarantined: one entry per source, column and
/// rule, with how many rows and an example, root causes first and then
/// by rows. Every front end that explains a quarantine shows these.
pub fn quarantine_reasons(
    ws: &Workspace,
    loads: &[rapport_store::LoadRecord],
    locale: Locale,
) -> Vec<QuarantineReason> {
    let mut reasons: BTreeMap<(String, String, String), (u64, Example)> = BTreeMap::new();
    for load in loads {
        if load.quarantined > 0
            && let Some(f) = &load.quarantine_file
        {
            let mut counts = BTreeMap::new();
            reasons_in(&ws.root().join(f), &mut counts);
            for ((column, rule), (n, example)) in counts {
                let e = reasons
                    .entry((load.entity.clone(), column, rule))
                    .or_insert((0, example));
                e.0 += n;
            }
        }
    }
    let mut top: Vec<QuarantineReason> = reasons
        .into_iter()
        .map(
            |((entity, column, rule), (rows, example))| QuarantineReason {
                name: entity_name(&entity, locale),
                rule_text: rule_text(&rule, locale),
                example: example_text(example, locale),
                entity,
                column,
                rule,
                rows,
                rows_text: words::count(rows, locale),
            },
        )
        .collect();
    // Root causes first: rows kept out only because the row they belong
    // to was (an order's line items) follow the reasons themselves.
    let consequence = |r: &QuarantineReason| r.rule == "parent_quarantined";
    top.sort_by(|a, b| {
        consequence(a)
            .cmp(&consequence(b))
            .then(b.rows.cmp(&a.rows))
            .then_with(|| a.entity.cmp(&b.entity))
    });
    top
}

pub(crate) fn data_quality(
    ws: &Workspace,
    loads: &[rapport_store::LoadRecord],
    period: &Period,
    metrics: &MetricsReport,
    headline: &[String],
    locale: Locale,
) -> DataQuality {
    let mut by_entity: BTreeMap<String, SourceStatus> = BTreeMap::new();
    let mut quarantined = 0;
    for load in loads {
        let s = by_entity
            .entry(load.entity.clone())
            .or_insert_with(|| SourceStatus {
                entity: load.entity.clone(),
                name: entity_name(&load.entity, locale),
                last_loaded: String::new(),
                last_loaded_text: String::new(),
                rows_loaded: 0,
                rows_loaded_text: String::new(),
                rows_quarantined: 0,
                rows_quarantined_text: String::new(),
                fresh: false,
                text: String::new(),
            });
        if load.finished_at > s.last_loaded {
            s.last_loaded.clone_from(&load.finished_at);
        }
        s.rows_loaded += load.loaded;
        s.rows_quarantined += load.quarantined;
        quarantined += load.quarantined;
    }
    let period_end = period.end.to_string();
    let sources: Vec<SourceStatus> = by_entity
        .into_values()
        .map(|mut s| {
            s.fresh = loaded_after(&s.last_loaded, &period_end);
            let day = words::day_of(&s.last_loaded, period.calendar, locale);
            s.last_loaded_text.clone_from(&day);
            s.rows_loaded_text = words::count(s.rows_loaded, locale);
            s.rows_quarantined_text = words::count(s.rows_quarantined, locale);
            s.text = messages::text(
                locale,
                if s.fresh {
                    "dq-source"
                } else {
                    "dq-source-stale"
                },
                &[
                    ("source", s.name.as_str().into()),
                    ("loaded", day.into()),
                    ("rows", s.rows_loaded.into()),
                    ("quarantined", s.rows_quarantined.into()),
                ],
            );
            s
        })
        .collect();
    let mut top = quarantine_reasons(ws, loads, locale);
    top.truncate(TOP_REASONS);
    let missing: Vec<MissingMetric> = headline
        .iter()
        .filter_map(|id| metrics.metrics.iter().find(|m| m.id == id.as_str()))
        .filter(|m| m.value.is_none())
        .map(|m| MissingMetric {
            metric: m.id.to_string(),
            name: m.name.to_string(),
            reason: m
                .missing_text(locale)
                .unwrap_or_else(|| messages::label(locale, "dq-no-data")),
        })
        .collect();
    let mut sentences = Vec::new();
    sentences.push(if quarantined == 0 {
        messages::label(locale, "dq-none-quarantined")
    } else {
        messages::text(locale, "dq-quarantined", &[("rows", quarantined.into())])
    });
    let with_data = rapport_app::metrics::with_data(metrics);
    sentences.push(messages::text(
        locale,
        "dq-metrics-with-data",
        &[
            ("with", with_data.into()),
            ("all", metrics.metrics.len().into()),
        ],
    ));
    DataQuality {
        sources,
        quarantined,
        top_reasons: top,
        missing,
        unavailable: Vec::new(),
        sentences,
    }
}
