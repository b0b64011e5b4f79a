//! The metric catalog end to end: data loaded through ingestion, metrics
//! computed by the DataFusion plans, checked against METRICS.md's worked
//! examples and against straightforward computations written here.

use std::fmt::Write as _;

use rapport_ingest::{CsvOptions, IngestRequest, Input, NoProgress, ingest};
use rapport_metrics::{Compare, Filter, MetricValue, MetricsReport, Request, compute};
use rapport_schema::Entity;
use rapport_store::{Settings, Workspace};

struct Fixture {
    _dir: tempfile::TempDir,
    ws: Workspace,
}

fn workspace(timezone: &str) -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let settings = Settings {
        timezone: timezone.to_owned(),
        ..Settings::default()
    };
    let ws = Workspace::init(dir.path(), settings).unwrap();
    ws.add_client("acme", "Acme").unwrap();
    Fixture { _dir: dir, ws }
}

impl Fixture {
    fn load(&self, entity: Entity, csv: &str) {
        let path = self
            .ws
            .root()
            .join(format!("{}-{}.csv", entity.name(), rand_suffix(csv)));
        std::fs::write(&path, csv).unwrap();
        let s = ingest(
            &self.ws,
            &IngestRequest {
                client: "acme".into(),
                entity,
                inputs: vec![Input::Path(path)],
                mapping: None,
                csv: CsvOptions::default(),
                replace: rapport_ingest::Replace::Nothing,
            },
            &NoProgress,
        )
        .unwrap();
        assert_eq!(s.quarantined, 0, "{:?}", s.problems);
    }

    fn run(&self, period: &str, compare: Compare) -> MetricsReport {
        self.run_req(Request {
            compare,
            ..Request::new(period.parse().unwrap(), as_of())
        })
    }

    fn run_req(&self, req: Request) -> MetricsReport {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(compute(&self.ws, "acme", &req))
            .unwrap()
    }
}

/// The day every test's report is made on: after the data, so every
/// period of the tests has ended.
fn as_of() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn rand_suffix(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

fn get<'a>(r: &'a MetricsReport, id: &str) -> &'a MetricValue {
    r.metrics.iter().find(|m| m.id == id).unwrap()
}

fn value(r: &MetricsReport, id: &str) -> f64 {
    let m = get(r, id);
    m.value
        .unwrap_or_else(|| panic!("{id} is missing: {:?}", m.missing_reason))
}

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// Survey responses: `(day, survey, score)` rows.
fn responses(rows: &[(String, &str, f64)]) -> String {
    let mut s = String::from("response_id,responded_at,survey,score\n");
    for (i, (day, survey, score)) in rows.iter().enumerate() {
        writeln!(s, "r{i},{day}T12:00:00Z,{survey},{score}").unwrap();
    }
    s
}

#[test]
fn every_metric_without_data_is_missing_with_a_reason_never_zero() {
    let f = workspace("UTC");
    let r = f.run("2026-10", Compare::Previous);
    assert_eq!(r.metrics.len(), rapport_metrics::METRICS.len());
    for m in &r.metrics {
        assert_eq!(m.value, None, "{} should be missing", m.id);
        let reason = m.missing_reason.as_deref().unwrap_or("");
        assert!(!reason.is_empty(), "{} has no reason", m.id);
        assert_eq!(m.significant, None);
    }
    assert_eq!(r.period.start, "2026-10-01");
    assert_eq!(r.period.end, "2026-10-31");
    let c = r.comparison.unwrap();
    assert_eq!(
        (c.start.as_str(), c.end.as_str()),
        ("2026-09-01", "2026-09-30")
    );
}

#[test]
fn nps_worked_example_with_margin_and_significance() {
    let f = workspace("UTC");
    // METRICS.md: 300 promoters, 100 passives, 100 detractors of 500 → 40.
    let mut rows = Vec::new();
    for i in 0..500 {
        let score = if i < 300 {
            9.0 + (i % 2) as f64
        } else if i < 400 {
            7.0
        } else {
            (i % 7) as f64
        };
        rows.push((format!("2026-10-{:02}", 1 + i % 31), "nps", score));
    }
    // September: 200 promoters, 150 passives, 150 detractors of 500 → 10.
    for i in 0..500 {
        let score = if i < 200 {
            10.0
        } else if i < 350 {
            8.0
        } else {
            3.0
        };
        rows.push((format!("2026-09-{:02}", 1 + i % 30), "nps", score));
    }
    f.load(Entity::SurveyResponses, &responses(&rows));
    let r = f.run("2026-10", Compare::Previous);
    let nps = get(&r, "nps");
    assert_eq!(nps.value, Some(40.0));
    assert_eq!(nps.n, Some(500));
    assert_eq!(nps.unit, "points");
    // Margin: 1.96 · sqrt((0.6 + 0.2 − 0.16)/500) · 100 = 7.0123
    let moe = 1.959_963_984_540_054 * (0.64f64 / 500.0).sqrt() * 100.0;
    assert!(close(nps.ci_high.unwrap() - 40.0, moe, 1e-9));
    assert!(close(40.0 - nps.ci_low.unwrap(), moe, 1e-9));
    assert_eq!(nps.previous.as_ref().unwrap().value, Some(10.0));
    assert_eq!(nps.change, Some(30.0));
    // Combined margin: 1.96 · sqrt(0.64/500 + (0.4+0.3−0.01)/500) · 100 ≈ 10.1
    let combined = 1.959_963_984_540_054 * ((0.64 + 0.69) / 500.0f64).sqrt() * 100.0;
    assert!(30.0 > combined);
    assert_eq!(nps.significant, Some(true));
    assert_eq!(nps.test, Some(rapport_metrics::stats::Test::NpsMargin));
    assert!(close(nps.detail["promoters_pct"], 60.0, 1e-9));
}

#[test]
fn nps_edge_cases_one_response_and_all_detractors() {
    let f = workspace("UTC");
    f.load(
        Entity::SurveyResponses,
        &responses(&[
            ("2026-10-05".into(), "nps", 10.0),
            ("2026-09-05".into(), "nps", 0.0),
            ("2026-09-06".into(), "nps", 6.0),
        ]),
    );
    let r = f.run("2026-10", Compare::Previous);
    let nps = get(&r, "nps");
    assert_eq!(nps.value, Some(100.0));
    assert_eq!(nps.n, Some(1));
    // One response has no spread: the margin is 0, and never NaN.
    assert_eq!(nps.ci_low, Some(100.0));
    assert_eq!(nps.previous.as_ref().unwrap().value, Some(-100.0));
    assert!(nps.p_value.unwrap().is_finite());
}

#[test]
fn csat_top_two_box_on_declared_scales_and_ces_mean() {
    let f = workspace("UTC");
    let mut s = String::from("response_id,responded_at,survey,score,scale_min,scale_max\n");
    // 1–5: 4 and 5 count. 3 of 5 satisfied.
    for (i, score) in [5, 4, 4, 3, 1].iter().enumerate() {
        writeln!(s, "a{i},2026-10-02T10:00:00Z,csat,{score},,").unwrap();
    }
    // 1–7: 6 and 7 count. 1 of 3.
    for (i, score) in [7, 5, 4].iter().enumerate() {
        writeln!(s, "b{i},2026-10-03T10:00:00Z,csat,{score},1,7").unwrap();
    }
    for (i, score) in [7, 6, 5, 2].iter().enumerate() {
        writeln!(s, "c{i},2026-10-04T10:00:00Z,ces,{score},,").unwrap();
    }
    f.load(Entity::SurveyResponses, &s);
    let r = f.run("2026-10", Compare::None);
    assert!(
        close(value(&r, "csat"), 50.0, 1e-9),
        "4 of 8 in the top two boxes"
    );
    let csat = get(&r, "csat");
    assert_eq!(csat.n, Some(8));
    assert_eq!(csat.unit, "%");
    // Wilson interval of 4/8.
    let (lo, hi) = rapport_metrics::stats::wilson(4.0, 8.0).unwrap();
    assert!(
        close(csat.ci_low.unwrap(), lo * 100.0, 1e-9)
            && close(csat.ci_high.unwrap(), hi * 100.0, 1e-9)
    );
    assert!(close(value(&r, "ces"), 5.0, 1e-9));
    assert!(close(get(&r, "ces").detail["agree_pct"], 75.0, 1e-9));
    assert!(r.comparison.is_none());
    assert!(get(&r, "ces").previous.is_none());

    // A CES on another scale in the same period is not averaged in.
    let f2 = workspace("UTC");
    let mut s = String::from("response_id,responded_at,survey,score,scale_min,scale_max\n");
    s.push_str("x1,2026-10-02T10:00:00Z,ces,4,1,5\nx2,2026-10-02T11:00:00Z,ces,6,1,7\n");
    f2.load(Entity::SurveyResponses, &s);
    let r = f2.run("2026-10", Compare::None);
    let ces = get(&r, "ces");
    assert!(ces.value.is_none());
    assert!(
        ces.missing_reason
            .as_deref()
            .unwrap()
            .contains("several scales")
    );
}

/// Subscriptions: `(customer, started, ended)`.
fn subscriptions(rows: &[(String, String, Option<String>)]) -> String {
    let mut s = String::from("subscription_id,customer_id,plan,started_at,ended_at,mrr\n");
    for (i, (c, a, b)) in rows.iter().enumerate() {
        writeln!(
            s,
            "s{i},{c},pro,{a}T00:00:00Z,{},10",
            b.as_ref()
                .map(|b| format!("{b}T00:00:00Z"))
                .unwrap_or_default()
        )
        .unwrap();
    }
    s
}

#[test]
fn contractual_churn_and_retention_follow_the_worked_examples() {
    let f = workspace("UTC");
    let mut rows = Vec::new();
    // 1 000 subscribers before October; 100 cancel during October.
    for i in 0..1000 {
        // (Ending at midnight on 1 October would be September's churn.)
        let ended = (i < 100).then(|| format!("2026-10-{:02}", 2 + i % 27));
        rows.push((format!("c{i}"), "2025-06-01".to_owned(), ended));
    }
    // 500 new in October, of whom 50 also leave in October.
    for i in 0..500 {
        let ended = (i < 50).then(|| "2026-10-30".to_owned());
        rows.push((format!("n{i}"), format!("2026-10-{:02}", 1 + i % 28), ended));
    }
    // One customer changes plan: ends one subscription and starts another
    // the same instant. Not churn.
    rows.push((
        "switch".into(),
        "2025-01-01".into(),
        Some("2026-10-15".into()),
    ));
    rows.push(("switch".into(), "2026-10-15".into(), None));
    f.load(Entity::Subscriptions, &subscriptions(&rows));
    let r = f.run("2026-10", Compare::None);
    assert_eq!(r.customer_basis, "subscriptions");
    assert_eq!(value(&r, "customers_start"), 1001.0);
    assert_eq!(value(&r, "new_customers"), 500.0);
    assert_eq!(value(&r, "customers_end"), 1001.0 - 100.0 + 450.0);
    // 100 of 1 001 lost: the plan change is not churn.
    assert!(close(value(&r, "churn_rate"), 100.0 * 100.0 / 1001.0, 1e-9));
    // Retention = the customers of S still customers at the end / S:
    // 901 / 1 001, so that retention + churn = 100. (E − N = 851 would
    // count the 50 new customers who left in October against S.)
    assert!(close(
        value(&r, "retention_rate"),
        100.0 * 901.0 / 1001.0,
        1e-9
    ));
    assert!(close(
        value(&r, "retention_rate") + value(&r, "churn_rate"),
        100.0,
        1e-9
    ));
    let retention = get(&r, "retention_rate");
    let (lo, hi) = (retention.ci_low.unwrap(), retention.ci_high.unwrap());
    assert!(lo < 100.0 * 901.0 / 1001.0 && 100.0 * 901.0 / 1001.0 < hi && hi <= 100.0);
    assert!(close(
        value(&r, "net_customer_growth"),
        100.0 * 350.0 / 1001.0,
        1e-9
    ));
    // Growth accounting: active during October = everyone who had a
    // subscription at some point in it.
    assert_eq!(value(&r, "active_customers"), 1501.0);
    assert_eq!(value(&r, "lifecycle_new"), 500.0);
    assert_eq!(value(&r, "lifecycle_returning"), 1001.0);
    assert_eq!(value(&r, "lifecycle_dormant"), 0.0);
    assert!(
        get(&r, "quick_ratio").value.is_none(),
        "no dormant customers"
    );
}

#[test]
fn retention_rate_example_of_metrics_md() {
    // S = 10, N = 5, E = 12 → (12 − 5)/10 = 70 %; net growth 20 %.
    let f = workspace("UTC");
    let mut rows = Vec::new();
    for i in 0..10 {
        let ended = (i < 3).then(|| "2026-10-10".to_owned());
        rows.push((format!("old{i}"), "2026-01-01".to_owned(), ended));
    }
    for i in 0..5 {
        rows.push((format!("new{i}"), "2026-10-05".to_owned(), None));
    }
    f.load(Entity::Subscriptions, &subscriptions(&rows));
    let r = f.run("2026-10", Compare::None);
    assert_eq!(value(&r, "customers_start"), 10.0);
    assert_eq!(value(&r, "customers_end"), 12.0);
    assert!(close(value(&r, "retention_rate"), 70.0, 1e-9));
    assert!(close(value(&r, "net_customer_growth"), 20.0, 1e-9));
    assert!(close(value(&r, "churn_rate"), 30.0, 1e-9));
}

/// Orders: `(id, customer, timestamp, amount, status)`.
fn orders(rows: &[(String, String, String, f64, &str)]) -> String {
    let mut s = String::from("order_id,customer_id,ordered_at,amount,currency,status\n");
    for (id, c, t, a, st) in rows {
        writeln!(s, "{id},{c},{t},{a},EUR,{st}").unwrap();
    }
    s
}

#[test]
fn order_metrics_and_growth_accounting_agree_with_a_direct_computation() {
    let f = workspace("UTC");
    // A deterministic pseudo-random history over 2025–2026.
    let mut rows = Vec::new();
    let mut state = 12345u64;
    let mut next = || {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (state >> 33) as f64 / (1u64 << 31) as f64
    };
    for i in 0..3000 {
        let customer = format!("c{}", (next() * 400.0) as u32);
        let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 1).unwrap()
            + chrono::Duration::days((next() * 660.0) as i64);
        let amount = (20.0 + next() * 180.0).round();
        let status = if next() < 0.05 {
            "refunded"
        } else {
            "completed"
        };
        rows.push((
            format!("o{i}"),
            customer,
            format!("{day}T10:00:00Z"),
            amount,
            status,
        ));
    }
    f.load(Entity::Orders, &orders(&rows));
    let r = f.run("2026-06", Compare::Previous);
    assert_eq!(r.customer_basis, "orders");
    // Direct computation.
    let in_month = |t: &str, m: &str| t.starts_with(m);
    let done: Vec<_> = rows.iter().filter(|r| r.4 == "completed").collect();
    let june: Vec<_> = done.iter().filter(|r| in_month(&r.2, "2026-06")).collect();
    let revenue: f64 = june.iter().map(|r| r.3).sum();
    let mut buyers = std::collections::HashMap::<&str, u32>::new();
    for o in &june {
        *buyers.entry(o.1.as_str()).or_default() += 1;
    }
    assert!(close(value(&r, "revenue"), revenue, 1e-6));
    assert_eq!(value(&r, "orders"), june.len() as f64);
    assert!(close(value(&r, "aov"), revenue / june.len() as f64, 1e-9));
    assert!(close(
        value(&r, "purchase_frequency"),
        june.len() as f64 / buyers.len() as f64,
        1e-9
    ));
    let repeat = buyers.values().filter(|n| **n >= 2).count() as f64;
    assert!(close(
        value(&r, "repeat_purchase_rate"),
        100.0 * repeat / buyers.len() as f64,
        1e-9
    ));
    assert_eq!(get(&r, "revenue").unit, "EUR");
    // Growth accounting identity: new + resurrecting − dormant = change in
    // active customers (METRICS.md, "Lifecycle").
    let may = f.run("2026-05", Compare::None);
    let change = value(&r, "active_customers") - value(&may, "active_customers");
    let identity = value(&r, "lifecycle_new")
        + value(&r, "lifecycle_resurrecting")
        + value(&r, "lifecycle_dormant");
    assert_eq!(identity, change);
    assert_eq!(
        value(&r, "active_customers"),
        value(&r, "lifecycle_new")
            + value(&r, "lifecycle_returning")
            + value(&r, "lifecycle_resurrecting")
    );
    assert_eq!(value(&r, "active_customers"), buyers.len() as f64);
    // Non-contractual churn: active at start = an order in the 90 days
    // before June; lost = not active at the end of June.
    let start = "2026-06-01T00:00:00Z";
    let end = "2026-07-01T00:00:00Z";
    let before = |t: &str, lo: &str, hi: &str| t >= lo && t < hi;
    let mut at_start = std::collections::HashSet::new();
    let mut at_end = std::collections::HashSet::new();
    for o in &done {
        if before(&o.2, "2026-03-03T00:00:00Z", start) {
            at_start.insert(o.1.as_str());
        }
        if before(&o.2, "2026-04-02T00:00:00Z", end) {
            at_end.insert(o.1.as_str());
        }
    }
    let lost = at_start.iter().filter(|c| !at_end.contains(*c)).count() as f64;
    assert_eq!(value(&r, "customers_start"), at_start.len() as f64);
    assert_eq!(value(&r, "customers_end"), at_end.len() as f64);
    assert!(close(
        value(&r, "churn_rate"),
        100.0 * lost / at_start.len() as f64,
        1e-9
    ));
    // CLV (simple) = AOV × frequency × 1/churn.
    let clv = value(&r, "aov") * value(&r, "purchase_frequency") * 100.0 / value(&r, "churn_rate");
    assert!(close(value(&r, "clv_simple"), clv, 1e-6));
    // No spend loaded: CAC is missing and says why.
    assert!(
        get(&r, "cac")
            .missing_reason
            .as_deref()
            .unwrap()
            .contains("spend")
    );
}

#[test]
fn marketing_email_and_social_examples() {
    let f = workspace("UTC");
    f.load(
        Entity::MarketingSpend,
        "date,channel,campaign,impressions,clicks,spend,conversions,conversion_value\n\
         2026-10-01,search,brand,1000,100,50,5,400\n\
         2026-10-31,social,launch,3000,50,100,5,200\n\
         2026-11-01,social,launch,9999,999,999,99,9999\n",
    );
    f.load(
        Entity::EmailCampaigns,
        "campaign_id,sent_at,sent,delivered,opens,clicks\n\
         e1,2026-10-03T09:00:00Z,1100,1000,250,100\n",
    );
    f.load(
        Entity::SocialPosts,
        "post_id,platform,posted_at,followers,likes,shares,comments,reach\n\
         p1,instagram,2026-10-05T12:00:00Z,10000,500,200,50,5000\n",
    );
    let r = f.run("2026-10", Compare::None);
    assert_eq!(value(&r, "impressions"), 4000.0);
    assert_eq!(value(&r, "clicks"), 150.0);
    assert_eq!(value(&r, "spend"), 150.0);
    assert!(close(value(&r, "ctr"), 3.75, 1e-9));
    assert!(close(value(&r, "cpc"), 1.0, 1e-9));
    assert!(close(value(&r, "cpm"), 37.5, 1e-9));
    assert!(close(value(&r, "cpa"), 15.0, 1e-9));
    assert!(close(value(&r, "roas"), 4.0, 1e-9));
    // No web sessions: conversion rate comes from the ads, and says so.
    assert!(close(
        value(&r, "conversion_rate"),
        100.0 * 10.0 / 150.0,
        1e-9
    ));
    assert_eq!(
        get(&r, "conversion_rate").basis.as_deref(),
        Some("ad clicks")
    );
    // METRICS.md: 100 clicks / 1 000 delivered → 10 %.
    assert!(close(value(&r, "email_ctr"), 10.0, 1e-9));
    assert!(close(value(&r, "email_open_rate"), 25.0, 1e-9));
    // METRICS.md: (500 + 200 + 50) / 10 000 → 7.5 %.
    assert!(close(value(&r, "social_engagement_rate"), 7.5, 1e-9));
    assert!(close(value(&r, "social_engagement_rate_reach"), 15.0, 1e-9));
}

#[test]
fn sessions_are_derived_without_a_session_id_and_midnight_is_not_a_split() {
    let f = workspace("UTC");
    let mut s = String::from("event_id,ts,event_type,customer_id,anonymous_id\n");
    // Person a: 23:50 → 00:10 → 00:25 is one session across midnight (35 min,
    // 3 page views), then a gap of 40 min starts a second, single-event one.
    for (i, t) in [
        "2026-10-10T23:50:00Z",
        "2026-10-11T00:10:00Z",
        "2026-10-11T00:25:00Z",
    ]
    .iter()
    .enumerate()
    {
        writeln!(s, "a{i},{t},page_view,a,").unwrap();
    }
    writeln!(s, "a3,2026-10-11T01:05:00Z,page_view,a,").unwrap();
    // Anonymous b: one page view, then a purchase 5 s later: engaged by the
    // conversion, not by duration or views.
    writeln!(s, "b0,2026-10-12T08:00:00Z,page_view,,b").unwrap();
    writeln!(s, "b1,2026-10-12T08:00:05Z,purchase,,b").unwrap();
    // c: one page view and an add-to-cart 20 s later: engaged by duration;
    // abandons the cart.
    writeln!(s, "c0,2026-10-13T08:00:00Z,page_view,c,").unwrap();
    writeln!(s, "c1,2026-10-13T08:00:20Z,add_to_cart,c,").unwrap();
    f.load(Entity::WebEvents, &s);
    // As of the next day, c's cart window (a day) has not ended.
    let r = f.run_req(Request {
        compare: Compare::None,
        ..Request::new(
            "2026-10".parse().unwrap(),
            chrono::NaiveDate::from_ymd_opt(2026, 10, 14).unwrap(),
        )
    });
    assert!(!r.period.complete);
    assert_eq!(value(&r, "sessions"), 4.0);
    // Durations: 35 min, 0 s, 5 s, 20 s.
    assert!(close(
        value(&r, "avg_session_duration"),
        (2100.0 + 0.0 + 5.0 + 20.0) / 4.0,
        1e-9
    ));
    assert_eq!(
        get(&r, "avg_session_duration").detail["single_event_sessions"],
        1.0
    );
    // Engaged: a's first (long, 3 views), b (conversion), c (20 s) → 3 of 4.
    assert!(close(value(&r, "engagement_rate"), 75.0, 1e-9));
    assert!(close(value(&r, "bounce_rate"), 25.0, 1e-9));
    // Single page view sessions: a's second, b, c → 3 of 4.
    assert!(close(value(&r, "bounce_rate_single_page"), 75.0, 1e-9));
    assert!(close(value(&r, "conversion_rate"), 25.0, 1e-9));
    // c's cart day has not passed by the as-of day's start, so it is
    // neither bought nor abandoned yet; a month later it is abandoned.
    let cart = get(&r, "cart_abandonment_rate");
    assert!(
        cart.missing_reason
            .as_deref()
            .unwrap()
            .contains("less than a day old")
    );
    let later = f.run("2026-10", Compare::None);
    assert!(close(value(&later, "cart_abandonment_rate"), 100.0, 1e-9));
}

#[test]
fn a_product_view_is_not_a_second_page_view() {
    // METRICS.md: a page view is a `page_view` or `screen_view` event; GA4
    // sends `view_item` on a page that already had its `page_view`. A
    // 3-second session of a page view and a product view bounces.
    let f = workspace("UTC");
    let mut s = String::from("event_id,ts,event_type,customer_id,anonymous_id\n");
    writeln!(s, "a0,2026-10-12T08:00:00Z,page_view,a,").unwrap();
    writeln!(s, "a1,2026-10-12T08:00:03Z,product_view,a,").unwrap();
    // b: two screen views in an app are two page views: engaged.
    writeln!(s, "b0,2026-10-13T08:00:00Z,screen_view,,b").unwrap();
    writeln!(s, "b1,2026-10-13T08:00:02Z,screen_view,,b").unwrap();
    f.load(Entity::WebEvents, &s);
    let r = f.run("2026-10", Compare::None);
    assert_eq!(value(&r, "sessions"), 2.0);
    assert!(close(value(&r, "bounce_rate"), 50.0, 1e-9));
    assert!(close(value(&r, "bounce_rate_single_page"), 50.0, 1e-9));
}

#[test]
fn support_metrics_against_a_direct_computation() {
    let f = workspace("UTC");
    let mut s = String::from(
        "ticket_id,opened_at,channel,first_response_at,resolved_at,contacts,escalated,lifecycle_stage\n",
    );
    let mut frts = Vec::new();
    let mut resolved = 0;
    let mut one_contact = 0;
    let mut escalated = 0;
    for i in 0..40u32 {
        let opened = format!("2026-10-{:02}T08:00:00Z", 1 + i % 28);
        let frt = 60 * (1 + (i * 7) % 23);
        frts.push(frt as f64);
        let first = format!(
            "2026-10-{:02}T{:02}:{:02}:00Z",
            1 + i % 28,
            8 + frt / 3600,
            (frt % 3600) / 60
        );
        let contacts = 1 + i % 3;
        let resolve = i % 5 != 0;
        let channel = ["email", "chat", "phone"][i as usize % 3];
        let esc = i % 4 == 0;
        if resolve {
            resolved += 1;
            if contacts == 1 {
                one_contact += 1;
            }
        }
        if esc {
            escalated += 1;
        }
        let resolved_at = if resolve {
            format!("2026-10-{:02}T20:00:00Z", 1 + i % 28)
        } else {
            String::new()
        };
        let stage = if i % 2 == 0 { "new" } else { "loyal" };
        writeln!(
            s,
            "t{i},{opened},{channel},{first},{resolved_at},{contacts},{esc},{stage}"
        )
        .unwrap();
    }
    f.load(Entity::SupportTickets, &s);
    let r = f.run("2026-10", Compare::None);
    assert_eq!(value(&r, "tickets_opened"), 40.0);
    assert_eq!(value(&r, "tickets_resolved"), resolved as f64);
    assert!(close(
        value(&r, "fcr"),
        100.0 * one_contact as f64 / resolved as f64,
        1e-9
    ));
    assert!(close(
        value(&r, "escalation_rate"),
        100.0 * escalated as f64 / 40.0,
        1e-9
    ));
    let mean = frts.iter().sum::<f64>() / 40.0;
    let mut sorted = frts.clone();
    sorted.sort_by(f64::total_cmp);
    let median = (sorted[19] + sorted[20]) / 2.0;
    // p90 by linear interpolation between order statistics (type 7).
    let h: f64 = 0.9 * 39.0;
    let p90 = sorted[h as usize] + (h - h.floor()) * (sorted[h as usize + 1] - sorted[h as usize]);
    let frt = get(&r, "first_response_time");
    assert!(close(frt.value.unwrap(), mean, 1e-9));
    assert!(close(frt.detail["median"], median, 1e-9));
    assert!(close(frt.detail["p90"], p90, 1e-9));
    assert_eq!(frt.unit, "seconds");
    assert!(close(value(&r, "resolution_time"), 12.0 * 3600.0, 1e-9));

    // By channel and by lifecycle stage: each group's counts add up.
    let by = f.run_req(Request {
        by: Some("channel".into()),
        compare: Compare::None,
        ..Request::new("2026-10".parse().unwrap(), as_of())
    });
    assert_eq!(by.groups.len(), 3);
    let total: f64 = by
        .groups
        .iter()
        .map(|g| {
            g.metrics
                .iter()
                .find(|m| m.id == "tickets_opened")
                .unwrap()
                .value
                .unwrap()
        })
        .sum();
    assert_eq!(total, 40.0);
    // Web events have no channel column: their metrics say so per group.
    let sessions = by.groups[0]
        .metrics
        .iter()
        .find(|m| m.id == "sessions")
        .unwrap();
    assert!(
        sessions
            .missing_reason
            .as_deref()
            .unwrap()
            .contains("no `channel` column"),
        "{sessions:?}"
    );
    let by = f.run_req(Request {
        by: Some("lifecycle_stage".into()),
        compare: Compare::None,
        ..Request::new("2026-10".parse().unwrap(), as_of())
    });
    let values: Vec<&str> = by.groups.iter().map(|g| g.value.as_str()).collect();
    assert_eq!(values, ["loyal", "new"]);
}

#[test]
fn periods_crossing_dst_count_local_days() {
    // Europe/Bucharest leaves DST on 2026-10-25. An order at 23:30 local on
    // 31 October is 21:30 UTC (in October); one at 00:30 local on 1 October
    // is 21:30 UTC on 30 September (still October locally).
    let f = workspace("Europe/Bucharest");
    f.load(
        Entity::Orders,
        &orders(&[
            (
                "a".into(),
                "x".into(),
                "2026-09-30T21:30:00Z".into(),
                10.0,
                "completed",
            ),
            (
                "b".into(),
                "x".into(),
                "2026-10-31T21:30:00Z".into(),
                20.0,
                "completed",
            ),
            (
                "c".into(),
                "y".into(),
                "2026-10-31T22:30:00Z".into(),
                40.0,
                "completed",
            ),
            (
                "d".into(),
                "y".into(),
                "2026-09-30T20:30:00Z".into(),
                80.0,
                "completed",
            ),
        ]),
    );
    let r = f.run("2026-10", Compare::Previous);
    // a (00:30 on 1 Oct) and b (23:30 on 31 Oct) are October; c is 00:30 on
    // 1 November; d is 23:30 on 30 September.
    assert_eq!(value(&r, "revenue"), 30.0);
    assert_eq!(
        get(&r, "revenue").previous.as_ref().unwrap().value,
        Some(80.0)
    );
}

#[test]
fn segments_restrict_every_customer_table() {
    let f = workspace("UTC");
    f.load(
        Entity::Customers,
        "customer_id,created_at,country,birth_year,interests\n\
         ro1,2025-01-01T00:00:00Z,RO,1990,golf;wine\n\
         ro2,2025-01-01T00:00:00Z,RO,1960,wine\n\
         de1,2025-01-01T00:00:00Z,DE,1985,golf\n",
    );
    let mut rows = Vec::new();
    for (i, (c, n)) in [("ro1", 4), ("ro2", 1), ("de1", 5)].iter().enumerate() {
        for k in 0..*n {
            rows.push((
                format!("o{i}{k}"),
                c.to_string(),
                format!("2026-10-{:02}T10:00:00Z", 1 + k),
                100.0,
                "completed",
            ));
        }
    }
    f.load(Entity::Orders, &orders(&rows));
    f.load(
        Entity::SurveyResponses,
        "response_id,responded_at,survey,score,customer_id\n\
         r1,2026-10-05T00:00:00Z,nps,10,ro1\nr2,2026-10-05T00:00:00Z,nps,0,de1\n",
    );
    let seg = |s: &str| {
        f.run_req(Request {
            segment: Some(Filter::parse(s).unwrap()),
            compare: Compare::None,
            ..Request::new("2026-10".parse().unwrap(), as_of())
        })
    };
    let r = seg(r#"orders_90d >= 3 and country = "RO""#);
    assert_eq!(value(&r, "orders"), 4.0);
    assert_eq!(value(&r, "nps"), 100.0);
    assert_eq!(
        r.segment.as_deref(),
        Some(r#"orders_90d >= 3 and country = "RO""#)
    );
    // Ads data cannot follow a segment: missing, not the whole total.
    assert!(
        get(&r, "spend")
            .missing_reason
            .as_deref()
            .unwrap()
            .contains("segment")
    );
    let r = seg(r#"interests contains "golf""#);
    assert_eq!(value(&r, "orders"), 9.0);
    let r = seg("age >= 60");
    assert_eq!(value(&r, "orders"), 1.0);
    let r = seg(r#"not country = "RO""#);
    assert_eq!(value(&r, "orders"), 5.0);
    // By a customer field: each country's orders.
    let by = f.run_req(Request {
        by: Some("country".into()),
        compare: Compare::None,
        ..Request::new("2026-10".parse().unwrap(), as_of())
    });
    let orders_by: Vec<(String, f64)> = by
        .groups
        .iter()
        .map(|g| {
            (
                g.value.clone(),
                g.metrics
                    .iter()
                    .find(|m| m.id == "orders")
                    .unwrap()
                    .value
                    .unwrap(),
            )
        })
        .collect();
    assert_eq!(orders_by, [("RO".to_owned(), 5.0), ("DE".to_owned(), 5.0)]);
    let by = f.run_req(Request {
        by: Some("interests".into()),
        compare: Compare::None,
        ..Request::new("2026-10".parse().unwrap(), as_of())
    });
    assert_eq!(by.groups.len(), 2, "golf and wine");
}

#[test]
fn targets_set_by_command_and_loaded_as_an_entity() {
    let f = workspace("UTC");
    f.load(
        Entity::SurveyResponses,
        &responses(&[
            ("2026-10-05".into(), "nps", 10.0),
            ("2026-10-06".into(), "nps", 7.0),
        ]),
    );
    f.load(
        Entity::Targets,
        "metric,period,value\nnps,2026-10,60\ncsat,2026-10,80\n",
    );
    let r = f.run("2026-10", Compare::None);
    let t = get(&r, "nps").target.as_ref().unwrap();
    assert_eq!((t.value, t.met, t.gap), (60.0, Some(false), Some(-10.0)));
    rapport_metrics::targets::set(&f.ws, "acme", "nps", "2026-10", 40.0).unwrap();
    let r = f.run("2026-10", Compare::None);
    let t = get(&r, "nps").target.as_ref().unwrap();
    assert_eq!((t.value, t.met), (40.0, Some(true)));
    assert!(get(&r, "orders").target.is_none());
    let e = rapport_metrics::targets::set(&f.ws, "acme", "npx", "2026-10", 1.0).unwrap_err();
    assert!(e.to_string().contains("no metric `npx`"));
    assert!(rapport_metrics::targets::set(&f.ws, "acme", "nps", "2026-13", 1.0).is_err());
}

#[test]
fn cohorts_on_and_on_or_after_with_incomplete_cells() {
    use rapport_metrics::cohorts::{CohortOptions, Criteria, Reference, cohort_table};
    let f = workspace("UTC");
    // Cohort 2026-07: a (orders Jul, Aug, Oct), b (Jul, Sep), c (Jul only).
    // Cohort 2026-08: d (Aug, Sep).
    let mut rows = Vec::new();
    for (i, (c, month)) in [
        ("a", "07"),
        ("a", "08"),
        ("a", "10"),
        ("b", "07"),
        ("b", "09"),
        ("c", "07"),
        ("d", "08"),
        ("d", "09"),
    ]
    .iter()
    .enumerate()
    {
        rows.push((
            format!("o{i}"),
            c.to_string(),
            format!("2026-{month}-10T10:00:00Z"),
            10.0,
            "completed",
        ));
    }
    f.load(Entity::Orders, &orders(&rows));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 10, 20);
    let table = |criteria, reference| {
        rt.block_on(cohort_table(
            &f.ws,
            "acme",
            &CohortOptions {
                criteria,
                reference,
                ..CohortOptions::new(today.unwrap())
            },
        ))
        .unwrap()
    };
    let on = table(Criteria::On, Reference::First);
    assert_eq!(on.activity, "orders");
    let jul = &on.cohorts[0];
    assert_eq!((jul.label.as_str(), jul.size), ("2026-07", 3));
    let active: Vec<u64> = jul.cells.iter().map(|c| c.active).collect();
    assert_eq!(active, [3, 1, 1, 1], "Jul, Aug, Sep, Oct");
    // October has not ended on the 20th: incomplete, never a drop.
    let flags: Vec<bool> = jul.cells.iter().map(|c| c.incomplete).collect();
    assert_eq!(flags, [false, false, false, true]);
    // Average of +1 weighted by size: (1 + 1) / (3 + 1) = 50 %.
    assert_eq!(on.average[1].share, Some(50.0));
    assert_eq!(on.average[1].cohorts, 2);
    // On or after: a customer counts at k when active at k or later.
    let rolling = table(Criteria::OnOrAfter, Reference::First);
    let active: Vec<u64> = rolling.cohorts[0].cells.iter().map(|c| c.active).collect();
    assert_eq!(active, [3, 2, 2, 1]);
    // Of the period before: Jul→Aug 1/3, Aug→Sep 1/1.
    let prev = table(Criteria::On, Reference::Previous);
    let shares: Vec<Option<f64>> = prev.cohorts[0].cells.iter().map(|c| c.share).collect();
    assert_eq!(shares[2], Some(100.0));
    assert!((shares[1].unwrap() - 100.0 / 3.0).abs() < 1e-9);
}

#[test]
fn funnel_over_loaded_events() {
    use rapport_metrics::funnel::{FunnelOptions, Per, StepOrder, funnel};
    let f = workspace("UTC");
    let mut s = String::from("event_id,ts,event_type,customer_id\n");
    let mut n = 0;
    let mut ev = |s: &mut String, who: &str, t: &str, e: &str| {
        n += 1;
        writeln!(s, "e{n},{t},{e},{who}").unwrap();
    };
    // p1 converts in 2 days; p2 views and adds, never buys (window closed);
    // p3 views only; p4 views in September (not an entrant); p5 views on
    // 31 October (window still open at the end of the data).
    ev(&mut s, "p1", "2026-10-01T10:00:00Z", "view");
    ev(&mut s, "p1", "2026-10-01T10:05:00Z", "add_to_cart");
    ev(&mut s, "p1", "2026-10-03T10:00:00Z", "purchase");
    ev(&mut s, "p2", "2026-10-02T10:00:00Z", "view");
    ev(&mut s, "p2", "2026-10-02T11:00:00Z", "add_to_cart");
    ev(&mut s, "p3", "2026-10-05T10:00:00Z", "view");
    ev(&mut s, "p4", "2026-09-25T10:00:00Z", "view");
    ev(&mut s, "p4", "2026-09-26T10:00:00Z", "add_to_cart");
    ev(&mut s, "p5", "2026-10-31T10:00:00Z", "view");
    ev(&mut s, "p1", "2026-11-01T10:00:00Z", "view");
    f.load(Entity::WebEvents, &s);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let r = rt
        .block_on(funnel(
            &f.ws,
            "acme",
            &FunnelOptions {
                period: "2026-10".parse().unwrap(),
                steps: vec!["view".into(), "add_to_cart".into(), "purchase".into()],
                window_seconds: 14 * 86_400,
                order: StepOrder::Ordered,
                per: Per::Person,
                exclude: vec![],
                cart_window_seconds: 86_400,
                // The morning after the data: p5's window is still open.
                as_of: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
            },
        ))
        .unwrap();
    let counts: Vec<u64> = r.steps.iter().map(|s| s.count).collect();
    assert_eq!(counts, [4, 2, 1]);
    // Step 2: p3 dropped (window closed), p5 still inside its window.
    assert_eq!((r.steps[1].dropped, r.steps[1].in_progress), (1, 1));
    assert_eq!((r.steps[2].dropped, r.steps[2].in_progress), (1, 0));
    assert_eq!(
        r.steps[1].median_seconds_from_previous,
        Some((300.0 + 3600.0) / 2.0)
    );
    assert_eq!(
        r.steps[2].median_seconds_from_previous,
        Some(2.0 * 86_400.0 - 300.0)
    );
    assert_eq!(r.steps[2].conversion_from_start, Some(25.0));
    // Cart abandonment within one day: p1 bought after two days, so both
    // carts were abandoned.
    let cart = r.cart_abandonment.unwrap();
    assert_eq!((cart.carts.abandoned, cart.carts.converted), (2, 0));
    assert_eq!((cart.units, cart.units_converted), (2, 0));
    assert_eq!(cart.rate, Some(100.0));
}

#[test]
fn comments_find_what_sets_detractors_and_promoters_apart() {
    use rapport_metrics::comments::{CommentOptions, comments};
    let f = workspace("UTC");
    let mut s = String::from("response_id,responded_at,survey,score,comment\n");
    for i in 0..40 {
        let (score, text) = match i % 4 {
            0 => (2, "Slow delivery, the parcel arrived damaged"),
            1 => (4, "Support never answered, slow delivery"),
            2 => (10, "Great service and friendly staff"),
            _ => (9, "Great service, good prices"),
        };
        writeln!(
            s,
            "c{i},2026-10-{:02}T10:00:00Z,nps,{score},\"{text}\"",
            1 + i % 28
        )
        .unwrap();
    }
    // Passives are left out.
    writeln!(s, "p1,2026-10-03T10:00:00Z,nps,7,\"Slow delivery\"").unwrap();
    f.load(Entity::SurveyResponses, &s);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let r = rt
        .block_on(comments(
            &f.ws,
            "acme",
            &CommentOptions {
                period: "2026-10".parse().unwrap(),
                survey: None,
                top: 5,
                min_count: 3,
                as_of: as_of(),
            },
        ))
        .unwrap();
    assert_eq!(r.survey, "nps");
    assert_eq!(
        (r.negative.comments, r.positive.comments, r.middle_comments),
        (20, 20, 1)
    );
    assert_eq!(r.negative.terms[0].term, "slow delivery");
    assert_eq!(r.negative.terms[0].count, 20);
    assert_eq!(r.positive.terms[0].term, "great service");
    assert!(r.positive.terms[0].z >= 1.96);
    for t in r.negative.terms.iter().chain(&r.positive.terms) {
        for e in &t.examples {
            assert!(
                rapport_metrics::comments::terms(e).contains(&t.term),
                "{e} / {}",
                t.term
            );
        }
    }
}

/// The registry says which plan measures each metric: asked for alone,
/// every metric is measured by the plans its definition names (on a client
/// without data, each says why it has no value, never "not computed").
#[test]
fn every_metric_asked_for_alone_is_measured_by_the_families_it_names() {
    let f = workspace("UTC");
    for def in rapport_metrics::METRICS {
        assert!(!def.families.is_empty(), "{} names no family", def.id);
        assert!(!def.reads().is_empty(), "{} reads nothing", def.id);
        let r = f.run_req(Request {
            only: vec![def.id.to_owned()],
            ..Request::new("2026-10".parse().unwrap(), as_of())
        });
        let m = get(&r, def.id);
        assert!(
            m.missing_reason.as_deref() != Some("not computed"),
            "{} was not measured by {:?}",
            def.id,
            def.families
        );
    }
    for family in rapport_metrics::Family::ALL {
        assert!(
            rapport_metrics::ids_of(family).count() > 0,
            "{family:?} measures nothing alone"
        );
    }
}
