//! The metric families of METRICS.md, each one fused plan per entity that
//! aggregates the period and its comparison period in one scan (DESIGN.md,
//! "Performance by design").
//!
//! Every function returns one map per window (index 0 is the period, 1 the
//! comparison), from metric id to its [`Measure`].

use std::collections::HashMap;

use chrono::Duration;
use datafusion::arrow::array::AsArray;
use datafusion::arrow::datatypes::Int64Type;
use datafusion::prelude::SessionContext;
use futures::StreamExt;
use xxhash_rust::xxh3::xxh3_128_with_seed;

use crate::Result;
use crate::carts::{CartCount, CartRule};
use crate::catalog::{Family, ids_of};
use crate::missing::Why;
use crate::sql::{Row, Window, any_window, record_numbers, rows, ts, window_index, window_row};
use crate::stats::Moments;
use crate::value::{Evidence, Measure};

/// Measures by metric id, for one window.
pub(crate) type Measures = HashMap<&'static str, Measure>;

/// What the families need besides the windows.
#[derive(Debug, Clone)]
pub(crate) struct Setup {
    /// METRICS.md "Churn rate": the inactivity window of non-contractual data.
    pub inactivity_days: i64,
    /// METRICS.md "Sessions": the sessionisation gap.
    pub session_timeout_minutes: i64,
    /// METRICS.md "Sessions": the GA4 engaged-session threshold.
    pub engaged_session_seconds: i64,
    /// Whether rows are restricted to a customer segment: data that cannot
    /// be attributed to a customer is then missing, not counted whole.
    pub segmented: bool,
    /// The workspace currency, which ad spend is in.
    pub currency: String,
    /// The as-of instant (the start of the as-of day): a cart whose window
    /// has not ended by then is still open.
    pub as_of: chrono::DateTime<chrono::Utc>,
}

fn per_window(windows: &[Window]) -> Vec<Measures> {
    vec![Measures::new(); windows.len()]
}

fn count(r: &Row, name: &str, w: &Window) -> Measure {
    let c = r.f(name);
    Measure::of(
        c,
        c as u64,
        Evidence::Count {
            count: c,
            days: w.days,
        },
    )
}

/// A count of events that is missing (not 0) when nothing happened: no
/// data in the period (METRICS.md: missing, never 0).
fn events(r: &Row, name: &str, w: &Window, why: Why) -> Measure {
    if r.f(name) > 0.0 {
        count(r, name, w)
    } else {
        Measure::missing(why)
    }
}

/// Mean, median and 90th percentile of durations in seconds.
fn durations(r: &Row, prefix: &str, n: f64, why: Why) -> Measure {
    let m = Moments::from_sums(n, r.f(&format!("{prefix}_s")), r.f(&format!("{prefix}_ss")));
    if m.n <= 0.0 {
        return Measure::missing(why);
    }
    Measure::of(m.mean, m.n as u64, Evidence::Mean(m))
        .with_detail("median", r.f(&format!("{prefix}_median")))
        .with_detail("p90", r.f(&format!("{prefix}_p90")))
}

/// NPS, CSAT and CES (METRICS.md, "Survey metrics").
pub(crate) async fn survey(ctx: &SessionContext, windows: &[Window]) -> Result<Vec<Measures>> {
    let sql = format!(
        "WITH r AS (
           SELECT {k} AS k, survey, score,
                  COALESCE(scale_min, CASE survey WHEN 'csat' THEN 1 WHEN 'ces' THEN 1 ELSE 0 END) AS lo,
                  COALESCE(scale_max, CASE survey WHEN 'csat' THEN 5 WHEN 'ces' THEN 7 ELSE 10 END) AS hi
           FROM survey_responses WHERE {any})
         SELECT k, survey, COUNT(*) AS n,
                SUM(CASE WHEN score >= 9 THEN 1 ELSE 0 END) AS promoters,
                SUM(CASE WHEN score <= 6 THEN 1 ELSE 0 END) AS detractors,
                SUM(CASE WHEN score >= hi - 1 THEN 1 ELSE 0 END) AS top2,
                SUM(CASE WHEN score >= hi - 2 THEN 1 ELSE 0 END) AS top3,
                SUM(score) AS s, SUM(score * score) AS ss,
                MIN(lo) AS lo_min, MAX(lo) AS lo_max, MIN(hi) AS hi_min, MAX(hi) AS hi_max
         FROM r GROUP BY k, survey",
        k = window_index(windows, "responded_at", false),
        any = any_window(windows, "responded_at", false),
    );
    let rows = rows(ctx, &sql).await?;
    let mut out = per_window(windows);
    for (i, m) in out.iter_mut().enumerate() {
        let find = |s: &str| {
            rows.iter()
                .find(|r| r.opt("k") == Some(i as f64) && r.text("survey") == Some(s))
                .cloned()
        };
        m.insert(
            "nps",
            match find("nps") {
                None => Measure::missing(Why::NoNpsResponses),
                Some(r) => {
                    let (p, d, n) = (r.f("promoters"), r.f("detractors"), r.f("n"));
                    let (score, _, moe) = crate::stats::nps(p, d, n).unwrap_or_default();
                    Measure::of(
                        score,
                        n as u64,
                        Evidence::Nps {
                            promoters: p,
                            detractors: d,
                            n,
                        },
                    )
                    .with_detail("margin_of_error", moe)
                    .with_detail("promoters_pct", 100.0 * p / n)
                    .with_detail("passives_pct", 100.0 * (n - p - d) / n)
                    .with_detail("detractors_pct", 100.0 * d / n)
                }
            },
        );
        m.insert(
            "csat",
            match find("csat") {
                None => Measure::missing(Why::NoCsatResponses),
                Some(r) => {
                    let n = r.f("n");
                    Measure::percent(r.f("top2"), n, Why::NoCsatResponses)
                        .with_detail("mean_score", r.f("s") / n)
                        .with_detail("scale_max", r.f("hi_max"))
                }
            },
        );
        m.insert(
            "ces",
            match find("ces") {
                None => Measure::missing(Why::NoCesResponses),
                Some(r) if r.f("lo_min") != r.f("lo_max") || r.f("hi_min") != r.f("hi_max") => {
                    Measure::missing(Why::CesScales {
                        low_a: r.f("lo_min"),
                        high_a: r.f("hi_min"),
                        low_b: r.f("lo_max"),
                        high_b: r.f("hi_max"),
                    })
                }
                Some(r) => {
                    let n = r.f("n");
                    let moments = Moments::from_sums(n, r.f("s"), r.f("ss"));
                    Measure::of(moments.mean, n as u64, Evidence::Mean(moments))
                        .with_detail("agree_pct", 100.0 * r.f("top3") / n)
                        .with_detail("scale_min", r.f("lo_min"))
                        .with_detail("scale_max", r.f("hi_max"))
                }
            },
        );
    }
    Ok(out)
}

/// Whether the client's base is contractual (it has subscriptions).
pub(crate) async fn is_contractual(ctx: &SessionContext) -> Result<bool> {
    let r = rows(ctx, "SELECT COUNT(*) AS n FROM subscriptions").await?;
    Ok(r.first().is_some_and(|r| r.f("n") > 0.0))
}

/// The customer-base family (METRICS.md, "Churn rate", "Retention rate",
/// "Lifecycle"), from subscriptions when the client has any (contractual),
/// otherwise from completed orders with the inactivity window.
pub(crate) async fn customer_base(
    ctx: &SessionContext,
    windows: &[Window],
    setup: &Setup,
    contractual: bool,
) -> Result<Vec<Measures>> {
    let inactivity = Duration::days(setup.inactivity_days);
    // Per customer: first activity, and flags per window for "active at
    // start", "active at end", "active during", "active during the window
    // before" (growth accounting).
    let mut flags = Vec::new();
    let upper = windows.iter().map(|w| w.end).max().unwrap_or_default();
    let (source, first) = if contractual {
        let at = |t| {
            format!(
                "(started_at < {t} AND (ended_at IS NULL OR ended_at > {t}))",
                t = ts(t)
            )
        };
        let during = |a, b| {
            format!(
                "(started_at < {} AND (ended_at IS NULL OR ended_at > {}))",
                ts(b),
                ts(a)
            )
        };
        for (i, w) in windows.iter().enumerate() {
            flags.push(format!("BOOL_OR({}) AS st{i}", at(w.start)));
            flags.push(format!("BOOL_OR({}) AS en{i}", at(w.end)));
            flags.push(format!("BOOL_OR({}) AS du{i}", during(w.start, w.end)));
            flags.push(format!(
                "BOOL_OR({}) AS pv{i}",
                during(w.prev_start, w.start)
            ));
        }
        (
            format!(
                "SELECT customer_id, started_at, ended_at FROM subscriptions WHERE started_at < {}",
                ts(upper)
            ),
            "MIN(started_at)",
        )
    } else {
        let between = |a, b| format!("(ordered_at >= {} AND ordered_at < {})", ts(a), ts(b));
        for (i, w) in windows.iter().enumerate() {
            flags.push(format!(
                "BOOL_OR({}) AS st{i}",
                between(w.start - inactivity, w.start)
            ));
            flags.push(format!(
                "BOOL_OR({}) AS en{i}",
                between(w.end - inactivity, w.end)
            ));
            flags.push(format!("BOOL_OR({}) AS du{i}", between(w.start, w.end)));
            flags.push(format!(
                "BOOL_OR({}) AS pv{i}",
                between(w.prev_start, w.start)
            ));
        }
        (
            format!(
                "SELECT customer_id, ordered_at FROM orders
                 WHERE (status IS NULL OR status = 'completed') AND ordered_at < {}",
                ts(upper)
            ),
            "MIN(ordered_at)",
        )
    };
    let mut sums = vec![
        "COUNT(*) AS customers_ever".to_owned(),
        "CAST(MIN(first_at) AS BIGINT) AS first_ever".to_owned(),
    ];
    for (i, w) in windows.iter().enumerate() {
        let new = format!("(first_at >= {} AND first_at < {})", ts(w.start), ts(w.end));
        for (name, cond) in [
            (format!("s{i}"), format!("st{i}")),
            (format!("e{i}"), format!("en{i}")),
            (format!("n{i}"), new.clone()),
            (format!("lost{i}"), format!("st{i} AND NOT en{i}")),
            (format!("kept{i}"), format!("st{i} AND en{i}")),
            (format!("a{i}"), format!("du{i}")),
            (format!("ret{i}"), format!("du{i} AND pv{i}")),
            (
                format!("res{i}"),
                format!("du{i} AND NOT pv{i} AND first_at < {}", ts(w.start)),
            ),
            (format!("dor{i}"), format!("pv{i} AND NOT du{i}")),
        ] {
            sums.push(format!("SUM(CASE WHEN {cond} THEN 1 ELSE 0 END) AS {name}"));
        }
    }
    let sql = format!(
        "WITH c AS (SELECT customer_id, {first} AS first_at, {flags}
                    FROM ({source}) GROUP BY customer_id)
         SELECT {sums} FROM c",
        flags = flags.join(", "),
        sums = sums.join(", "),
    );
    let r = rows(ctx, &sql)
        .await?
        .into_iter()
        .next()
        .unwrap_or_default();
    let basis = if contractual {
        "subscriptions"
    } else {
        "orders with the inactivity window"
    };
    let mut out = per_window(windows);
    for (i, m) in out.iter_mut().enumerate() {
        let w = &windows[i];
        let before_data = r
            .opt("first_ever")
            .is_none_or(|first| first >= w.end.timestamp_micros() as f64);
        if before_data {
            let why = if r.f("customers_ever") == 0.0 {
                if contractual {
                    Why::NoSubscriptionsLoaded
                } else {
                    Why::NoOrdersLoaded
                }
            } else {
                Why::BeforeFirstActivity
            };
            for id in ids_of(Family::Base) {
                m.insert(id, Measure::missing(why.clone()));
            }
            continue;
        }
        let g = |name: &str| r.f(&format!("{name}{i}"));
        let (s, e, n, lost) = (g("s"), g("e"), g("n"), g("lost"));
        let none = if contractual {
            Why::NoActiveSubscriptions
        } else {
            Why::NoRecentCustomers
        };
        let customers = |v: f64| Measure::of(v, v as u64, Evidence::None).with_basis(basis);
        m.insert("customers_start", customers(s));
        m.insert("customers_end", customers(e));
        m.insert(
            "new_customers",
            count(&r, &format!("n{i}"), w).with_basis(basis),
        );
        m.insert(
            "churn_rate",
            Measure::percent(lost, s, none.clone()).with_basis(basis),
        );
        // Retention (METRICS.md, "Retention rate"): (E − N) / S with the
        // resurrected customers (in E, neither in S nor new) left out of
        // E − N, which is the customers of S still customers at the end:
        // a share of S, so retention + churn = 100 and its interval is
        // Wilson's.
        m.insert(
            "retention_rate",
            Measure::percent(g("kept"), s, none.clone()).with_basis(basis),
        );
        m.insert(
            "net_customer_growth",
            Measure::ratio(100.0 * (e - s), s, s as u64, none).with_basis(basis),
        );
        m.insert("active_customers", customers(g("a")));
        m.insert("lifecycle_new", customers(n));
        m.insert("lifecycle_returning", customers(g("ret")));
        m.insert("lifecycle_resurrecting", customers(g("res")));
        m.insert(
            "lifecycle_dormant",
            Measure::of(-g("dor"), g("dor") as u64, Evidence::None).with_basis(basis),
        );
        m.insert(
            "quick_ratio",
            Measure::ratio(
                n + g("res"),
                g("dor"),
                g("a") as u64,
                Why::NoDormantCustomers,
            )
            .with_basis(basis),
        );
    }
    Ok(out)
}

/// Order metrics (METRICS.md, "Order metrics"): completed orders only; an
/// order without a status counts as completed, since many exports have no
/// status column. Money in several currencies is not summed.
pub(crate) async fn orders(ctx: &SessionContext, windows: &[Window]) -> Result<Vec<Measures>> {
    let sql = format!(
        "WITH o AS (SELECT {k} AS k, customer_id, amount, currency FROM orders
                    WHERE (status IS NULL OR status = 'completed') AND {any}),
              b AS (SELECT k, customer_id, COUNT(*) AS n, SUM(amount) AS rev,
                           SUM(amount * amount) AS ss
                    FROM o GROUP BY k, customer_id),
              -- The currencies per window, apart: MIN/MAX of text per
              -- customer cost twice the rest of the plan.
              c AS (SELECT k, MIN(currency) AS c_min, MAX(currency) AS c_max FROM o GROUP BY k),
              s AS (SELECT k, COUNT(*) AS buyers, SUM(CASE WHEN n >= 2 THEN 1 ELSE 0 END) AS repeat_buyers,
                           SUM(n) AS orders, SUM(rev) AS revenue, SUM(ss) AS ss
                    FROM b GROUP BY k)
         SELECT s.*, c.c_min, c.c_max FROM s JOIN c ON s.k = c.k",
        k = window_index(windows, "ordered_at", false),
        any = any_window(windows, "ordered_at", false),
    );
    let rows = rows(ctx, &sql).await?;
    let mut out = per_window(windows);
    for (i, m) in out.iter_mut().enumerate() {
        let r = window_row(&rows, i);
        let (buyers, orders, revenue) = (r.f("buyers"), r.f("orders"), r.f("revenue"));
        m.insert("orders", events(&r, "orders", &windows[i], Why::NoOrders));
        m.insert(
            "purchase_frequency",
            Measure::ratio(orders, buyers, buyers as u64, Why::NoOrders),
        );
        m.insert(
            "repeat_purchase_rate",
            Measure::percent(r.f("repeat_buyers"), buyers, Why::NoOrders),
        );
        let currency = r.text("c_min");
        if currency != r.text("c_max") {
            let why = Why::OrderCurrencies {
                first: currency.unwrap_or("?").to_owned(),
                last: r.text("c_max").unwrap_or("?").to_owned(),
            };
            m.insert("revenue", Measure::missing(why.clone()));
            m.insert("aov", Measure::missing(why));
            continue;
        }
        m.insert(
            "revenue",
            if orders > 0.0 {
                Measure::of(revenue, orders as u64, Evidence::None).with_currency(currency)
            } else {
                Measure::missing(Why::NoOrders)
            },
        );
        let amounts = Moments::from_sums(orders, revenue, r.f("ss"));
        m.insert(
            "aov",
            if orders > 0.0 {
                Measure::of(amounts.mean, orders as u64, Evidence::Mean(amounts))
                    .with_currency(currency)
            } else {
                Measure::missing(Why::NoOrders)
            },
        );
    }
    Ok(out)
}

/// Ad metrics from marketing spend (METRICS.md, "Marketing spend", "CTR").
pub(crate) async fn marketing(
    ctx: &SessionContext,
    windows: &[Window],
    setup: &Setup,
) -> Result<Vec<Measures>> {
    let mut out = per_window(windows);
    if setup.segmented {
        for m in &mut out {
            for id in ids_of(Family::Marketing) {
                m.insert(id, Measure::missing(Why::NotAttributed));
            }
        }
        return Ok(out);
    }
    let sql = format!(
        "SELECT {k} AS k, COUNT(*) AS rows_n, SUM(impressions) AS impressions, SUM(clicks) AS clicks,
                SUM(spend) AS spend, SUM(conversions) AS conversions,
                COUNT(conversions) AS conv_rows, SUM(conversion_value) AS value,
                COUNT(conversion_value) AS value_rows,
                CAST(MIN(currency) AS VARCHAR) AS c_min, CAST(MAX(currency) AS VARCHAR) AS c_max,
                COUNT(currency) AS c_rows
         FROM marketing_spend WHERE {any} GROUP BY 1",
        k = window_index(windows, "date", true),
        any = any_window(windows, "date", true),
    );
    let rows = rows(ctx, &sql).await?;
    for (i, m) in out.iter_mut().enumerate() {
        let r = window_row(&rows, i);
        if r.f("rows_n") == 0.0 {
            for id in ids_of(Family::Marketing) {
                m.insert(id, Measure::missing(Why::NoSpendRows));
            }
            continue;
        }
        let (imp, clicks, spend) = (r.f("impressions"), r.f("clicks"), r.f("spend"));
        m.insert("impressions", Measure::of(imp, imp as u64, Evidence::None));
        m.insert("clicks", Measure::of(clicks, clicks as u64, Evidence::None));
        m.insert("ctr", Measure::percent(clicks, imp, Why::NoImpressions));
        // Spend without a currency is in the workspace's; spend in several
        // currencies is not added up (exchange rates convert it).
        let mut currencies: Vec<&str> = [r.text("c_min"), r.text("c_max")]
            .into_iter()
            .flatten()
            .collect();
        if r.f("c_rows") < r.f("rows_n") {
            currencies.push(&setup.currency);
        }
        currencies.sort_unstable();
        currencies.dedup();
        if currencies.len() > 1 {
            let why = Why::SpendCurrencies {
                currencies: currencies.iter().map(|c| (*c).to_owned()).collect(),
            };
            for id in ["spend", "cpc", "cpm", "cpa", "roas"] {
                m.insert(id, Measure::missing(why.clone()));
            }
        } else {
            let cur = currencies.first().copied();
            ad_money(m, &r, spend, imp, clicks, cur);
        }
        if r.f("conv_rows") > 0.0 {
            let c = r.f("conversions");
            if c <= clicks {
                m.insert(
                    "ad_conversion_rate",
                    Measure::percent(c, clicks, Why::NoClicks).with_basis("ad clicks"),
                );
            }
        }
    }
    Ok(out)
}

/// Spend and the ratios of money to it, in the spend's currency.
fn ad_money(m: &mut Measures, r: &Row, spend: f64, imp: f64, clicks: f64, cur: Option<&str>) {
    m.insert(
        "spend",
        Measure::of(spend, r.f("rows_n") as u64, Evidence::None).with_currency(cur),
    );
    m.insert(
        "cpc",
        Measure::ratio(spend, clicks, clicks as u64, Why::NoClicks).with_currency(cur),
    );
    m.insert(
        "cpm",
        Measure::ratio(1000.0 * spend, imp, imp as u64, Why::NoImpressions).with_currency(cur),
    );
    m.insert(
        "cpa",
        if r.f("conv_rows") == 0.0 {
            Measure::missing(Why::NoConversionsColumn)
        } else {
            let c = r.f("conversions");
            Measure::ratio(spend, c, c as u64, Why::NoConversions).with_currency(cur)
        },
    );
    m.insert(
        "roas",
        if r.f("value_rows") == 0.0 {
            Measure::missing(Why::NoConversionValue)
        } else {
            Measure::ratio(r.f("value"), spend, r.f("rows_n") as u64, Why::NoSpend)
        },
    );
}

/// E-mail campaign rates (METRICS.md, "CTR": for e-mail, over delivered).
pub(crate) async fn email(
    ctx: &SessionContext,
    windows: &[Window],
    setup: &Setup,
) -> Result<Vec<Measures>> {
    let mut out = per_window(windows);
    if setup.segmented {
        for m in &mut out {
            m.insert("email_open_rate", Measure::missing(Why::NotAttributed));
            m.insert("email_ctr", Measure::missing(Why::NotAttributed));
        }
        return Ok(out);
    }
    let sql = format!(
        "SELECT {k} AS k, COUNT(*) AS campaigns, SUM(delivered) AS delivered, SUM(opens) AS opens,
                SUM(clicks) AS clicks
         FROM email_campaigns WHERE {any} GROUP BY 1",
        k = window_index(windows, "sent_at", false),
        any = any_window(windows, "sent_at", false),
    );
    let rows = rows(ctx, &sql).await?;
    for (i, m) in out.iter_mut().enumerate() {
        let r = window_row(&rows, i);
        let none = Why::NoCampaigns;
        let d = r.f("delivered");
        m.insert(
            "email_open_rate",
            Measure::percent(r.f("opens"), d, none.clone())
                .with_detail("campaigns", r.f("campaigns")),
        );
        m.insert(
            "email_ctr",
            Measure::percent(r.f("clicks"), d, none).with_detail("campaigns", r.f("campaigns")),
        );
    }
    Ok(out)
}

/// Social engagement (METRICS.md, "Social engagement rate"): ratio of sums
/// over the period's posts; the mean of per-post rates is a detail.
pub(crate) async fn social(
    ctx: &SessionContext,
    windows: &[Window],
    setup: &Setup,
) -> Result<Vec<Measures>> {
    let mut out = per_window(windows);
    if setup.segmented {
        for m in &mut out {
            m.insert(
                "social_engagement_rate",
                Measure::missing(Why::NotAttributed),
            );
            m.insert(
                "social_engagement_rate_reach",
                Measure::missing(Why::NotAttributed),
            );
        }
        return Ok(out);
    }
    let sql = format!(
        "WITH p AS (SELECT {k} AS k, followers, reach,
                           likes + shares + comments + COALESCE(saves, 0) AS interactions
                    FROM social_posts WHERE {any})
         SELECT k, COUNT(*) AS posts, SUM(interactions) AS interactions, SUM(followers) AS followers,
                SUM(CASE WHEN reach IS NOT NULL THEN interactions END) AS interactions_r,
                SUM(reach) AS reach, COUNT(reach) AS posts_r,
                AVG(CASE WHEN followers > 0 THEN 100.0 * interactions / followers END) AS mean_rate
         FROM p GROUP BY k",
        k = window_index(windows, "posted_at", false),
        any = any_window(windows, "posted_at", false),
    );
    let rows = rows(ctx, &sql).await?;
    for (i, m) in out.iter_mut().enumerate() {
        let r = window_row(&rows, i);
        let posts = r.f("posts") as u64;
        m.insert(
            "social_engagement_rate",
            Measure::ratio(
                100.0 * r.f("interactions"),
                r.f("followers"),
                posts,
                Why::NoPostsWithFollowers,
            )
            .with_detail("mean_of_post_rates", r.opt("mean_rate").unwrap_or(f64::NAN)),
        );
        m.insert(
            "social_engagement_rate_reach",
            Measure::ratio(
                100.0 * r.f("interactions_r"),
                r.f("reach"),
                r.f("posts_r") as u64,
                Why::NoPostsWithReach,
            ),
        );
    }
    Ok(out)
}

/// Sessions, duration, engagement and bounce, conversion and cart
/// abandonment from web events (METRICS.md, "Sessions, session duration,
/// bounce rate", "Conversion rate", "Funnel").
///
/// Events with a session id use it. Events without one are sessionised per
/// person (customer id, else anonymous id): a gap longer than the timeout
/// starts a new session, and a session is cut every 24 hours from its
/// first event. A session belongs to the window its first event is in.
/// Page views are `page_view` and `screen_view` events, as in GA4: a
/// product view fires on a page that already sent its `page_view`, so it is
/// not a second page view (else every product page would make its session
/// "engaged" and the two bounce rates would be one).
pub(crate) async fn web(
    ctx: &SessionContext,
    windows: &[Window],
    setup: &Setup,
) -> Result<Vec<Measures>> {
    let lo = windows.iter().map(|w| w.start).min().unwrap_or_default() - Duration::days(1);
    let hi = windows.iter().map(|w| w.end).max().unwrap_or_default() + Duration::days(1);
    let sql = format!(
        "WITH ev AS (
            SELECT ts, event_type, session_id, page, COALESCE(customer_id, anonymous_id) AS person
            FROM web_events WHERE ts >= {lo} AND ts < {hi}),
          gaps AS (
            SELECT person, ts, event_type, page,
                   CASE WHEN LAG(ts) OVER (PARTITION BY person ORDER BY ts) IS NULL
                          OR CAST(ts AS BIGINT) - CAST(LAG(ts) OVER (PARTITION BY person ORDER BY ts) AS BIGINT) > {gap}
                        THEN 1 ELSE 0 END AS brk
            FROM ev WHERE session_id IS NULL AND person IS NOT NULL),
          numbered AS (
            SELECT person, ts, event_type, page,
                   SUM(brk) OVER (PARTITION BY person ORDER BY ts ROWS UNBOUNDED PRECEDING) AS sn
            FROM gaps),
          derived AS (
            SELECT person, ts, event_type, page, sn,
                   MIN(ts) OVER (PARTITION BY person, sn) AS s0
            FROM numbered),
          measures AS (
            -- One row per session: aggregated by id where the data has one
            -- (no string building over every event), derived otherwise.
            SELECT MIN(ts) AS t0, MAX(ts) AS t1,
                   SUM(CASE WHEN event_type IN ('page_view', 'screen_view')
                            THEN 1 ELSE 0 END) AS views,
                   MAX(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END) AS converted,
                   COUNT(*) AS events
            FROM ev WHERE session_id IS NOT NULL GROUP BY session_id
            UNION ALL
            SELECT MIN(ts), MAX(ts),
                   SUM(CASE WHEN event_type IN ('page_view', 'screen_view')
                            THEN 1 ELSE 0 END),
                   MAX(CASE WHEN event_type = 'purchase' THEN 1 ELSE 0 END),
                   COUNT(*)
            FROM derived
            GROUP BY person, sn,
                     CAST(FLOOR((CAST(ts AS BIGINT) - CAST(s0 AS BIGINT)) / 86400000000.0) AS BIGINT)),
          sk AS (
            SELECT {k} AS k, (CAST(t1 AS BIGINT) - CAST(t0 AS BIGINT)) / 1000000.0 AS dur, views, converted, events
            FROM measures)
         SELECT k, COUNT(*) AS sessions, SUM(dur) AS dur, SUM(dur * dur) AS dur2,
                SUM(CASE WHEN events = 1 THEN 1 ELSE 0 END) AS single_event,
                SUM(CASE WHEN dur > {engaged} OR converted = 1 OR views >= 2 THEN 1 ELSE 0 END) AS engaged,
                SUM(CASE WHEN views = 1 THEN 1 ELSE 0 END) AS single_page,
                SUM(converted) AS converted
         FROM sk WHERE k IS NOT NULL GROUP BY k",
        lo = ts(lo),
        hi = ts(hi),
        gap = setup.session_timeout_minutes * 60_000_000,
        engaged = setup.engaged_session_seconds,
        k = window_index(windows, "t0", false),
    );
    // The two plans run together: each is a scan of the events, and one
    // alone does not keep every core busy. The session plan holds the
    // suite's largest hash table (a row per session), so it gets its own,
    // finer split (see `session_partitions`).
    let sessions_ctx = crate::with_partitions(ctx, crate::session_partitions);
    let (session_rows, carts) =
        tokio::try_join!(rows(&sessions_ctx, &sql), carts(ctx, windows, setup))?;
    let mut out = per_window(windows);
    for (i, m) in out.iter_mut().enumerate() {
        let r = window_row(&session_rows, i);
        let n = r.f("sessions");
        let none = Why::NoSessions;
        m.insert(
            "sessions",
            count(&r, "sessions", &windows[i]).with_basis("sessions by session id, else derived"),
        );
        if n == 0.0 {
            m.insert("sessions", Measure::missing(none.clone()));
        }
        let dur = Moments::from_sums(n, r.f("dur"), r.f("dur2"));
        m.insert(
            "avg_session_duration",
            if n > 0.0 {
                Measure::of(dur.mean, n as u64, Evidence::Mean(dur))
                    .with_detail("single_event_sessions", r.f("single_event"))
            } else {
                Measure::missing(none.clone())
            },
        );
        let engaged = r.f("engaged");
        m.insert(
            "engagement_rate",
            Measure::percent(engaged, n, none.clone()),
        );
        m.insert(
            "bounce_rate",
            Measure::percent(n - engaged, n, none.clone()),
        );
        m.insert(
            "bounce_rate_single_page",
            Measure::percent(r.f("single_page"), n, none.clone()),
        );
        m.insert(
            "conversion_rate",
            Measure::percent(r.f("converted"), n, none).with_basis("sessions with a purchase"),
        );
        let c = carts[i];
        m.insert(
            "cart_abandonment_rate",
            Measure::percent(c.abandoned as f64, c.decided() as f64, Why::NoCarts)
                .with_basis("carts, 1-day window")
                .with_detail("open_carts", c.open as f64),
        );
    }
    Ok(out)
}

/// Cart abandonment's carts in each window (METRICS.md, "Funnel"): every
/// person's add-to-cart and purchase events, in time order, walked by the
/// rule the funnel's cart line uses ([`CartRule`]). A cart is a sequence
/// of events, not a set: no plan counts it by joins or windows, so the
/// events come out sorted and the walk is ours (a greedy chain of windows
/// needs recursion in SQL). The sorted events stream through the walk, so
/// memory holds one person's events, not the period's.
async fn carts(ctx: &SessionContext, windows: &[Window], setup: &Setup) -> Result<Vec<CartCount>> {
    const DAY: i64 = 86_400_000_000;
    let lo = windows.iter().map(|w| w.start).min().unwrap_or_default();
    let hi = windows.iter().map(|w| w.end).max().unwrap_or_default();
    let sql = format!(
        "SELECT COALESCE(customer_id, anonymous_id) AS person,
                CAST(ts AS BIGINT) AS t, event_type = 'purchase' AS purchase
         FROM web_events WHERE ts >= {lo} AND CAST(ts AS BIGINT) <= {hi}
           AND event_type IN ('add_to_cart', 'purchase')
           AND (customer_id IS NOT NULL OR anonymous_id IS NOT NULL)",
        lo = ts(lo),
        hi = hi.timestamp_micros() + DAY,
    );
    let rules: Vec<CartRule> = windows
        .iter()
        .map(|w| CartRule {
            from: w.start.timestamp_micros(),
            to: w.end.timestamp_micros(),
            window: DAY,
            as_of: setup.as_of.timestamp_micros(),
        })
        .collect();
    // Each event is keyed by a 128-bit hash of its person and sorted, so a
    // person's events lie together in time order. Grouping the texts
    // instead (a hash aggregation in DataFusion, or a hash table in Rust)
    // cost 0.9 s of the bench's suite against 0.5 s for this; two people
    // sharing a 128-bit hash under a per-run random seed (about 2⁻⁸⁸ for
    // ten million people) is far rarer than a memory error.
    let seed = std::hash::BuildHasher::hash_one(&std::hash::RandomState::new(), 0u8);
    let mut keyed: Vec<(u128, i64)> = Vec::new();
    let mut stream = ctx.sql(&sql).await?.execute_stream().await?;
    while let Some(batch) = stream.next().await {
        let batch = batch?;
        let times = batch.column(1).as_primitive::<Int64Type>();
        let kinds = batch.column(2).as_boolean();
        let mut push = |r: usize, person: &[u8]| {
            let packed = times.value(r) * 2 + i64::from(kinds.value(r));
            keyed.push((xxh3_128_with_seed(person, seed), packed));
        };
        let people = batch.column(0);
        if let Some(texts) = people.as_string_view_opt() {
            (0..batch.num_rows()).for_each(|r| push(r, texts.value(r).as_bytes()));
        } else if let Some(texts) = people.as_string_opt::<i32>() {
            (0..batch.num_rows()).for_each(|r| push(r, texts.value(r).as_bytes()));
        } else {
            let texts = people.as_string::<i64>();
            (0..batch.num_rows()).for_each(|r| push(r, texts.value(r).as_bytes()));
        }
    }
    keyed.sort_unstable();
    let (mut purchases, mut people) = (0u64, 0u64);
    let read = keyed.len() as u64;
    let mut out = vec![CartCount::default(); windows.len()];
    for person in keyed.chunk_by(|a, b| a.0 == b.0) {
        people += 1;
        let events = person.iter().map(|&(_, e)| (e >> 1, e & 1 == 1));
        purchases += person.iter().filter(|(_, e)| e & 1 == 1).count() as u64;
        for (count, rule) in out.iter_mut().zip(&rules) {
            count.add(rule.count(events.clone()));
        }
    }
    // The walk has no SQL form (a greedy chain of windows needs recursion),
    // so the bench's peer is given the same data movement: the events of
    // each person in time order (a window over person and time), counted.
    record_numbers(
        ctx,
        &format!(
            "SELECT COUNT(*) AS events, SUM(CASE WHEN purchase THEN 1 ELSE 0 END) AS purchases,
                    SUM(CASE WHEN before IS NULL THEN 1 ELSE 0 END) AS people
             FROM (SELECT purchase, LAG(t) OVER (PARTITION BY person ORDER BY t) AS before
                   FROM ({sql}) c) w"
        ),
        &[
            ("events", read as f64),
            ("purchases", purchases as f64),
            ("people", people as f64),
        ],
    );
    Ok(out)
}

/// Support metrics (METRICS.md, "Support metrics"): opened and escalated
/// by the open time; resolved, FCR and resolution time by the resolve time.
pub(crate) async fn support(ctx: &SessionContext, windows: &[Window]) -> Result<Vec<Measures>> {
    let opened = format!(
        "WITH t AS (SELECT {k} AS k, escalated,
                           (CAST(first_response_at AS BIGINT) - CAST(opened_at AS BIGINT)) / 1000000.0 AS frt
                    FROM support_tickets WHERE {any})
         SELECT k, COUNT(*) AS opened, COUNT(escalated) AS esc_known,
                SUM(CASE WHEN escalated THEN 1 ELSE 0 END) AS escalated,
                COUNT(frt) AS frt_n, SUM(frt) AS frt_s, SUM(frt * frt) AS frt_ss,
                median(frt) AS frt_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY frt) AS frt_p90
         FROM t GROUP BY k",
        k = window_index(windows, "opened_at", false),
        any = any_window(windows, "opened_at", false),
    );
    let resolved = format!(
        "WITH t AS (SELECT {k} AS k, contacts,
                           (CAST(resolved_at AS BIGINT) - CAST(opened_at AS BIGINT)) / 1000000.0 AS rt
                    FROM support_tickets WHERE {any})
         SELECT k, COUNT(*) AS resolved, COUNT(contacts) AS contacts_known,
                SUM(CASE WHEN contacts = 1 THEN 1 ELSE 0 END) AS one_contact,
                SUM(rt) AS rt_s, SUM(rt * rt) AS rt_ss, median(rt) AS rt_median,
                percentile_cont(0.9) WITHIN GROUP (ORDER BY rt) AS rt_p90
         FROM t GROUP BY k",
        k = window_index(windows, "resolved_at", false),
        any = any_window(windows, "resolved_at", false),
    );
    let (opened, resolved) = tokio::try_join!(rows(ctx, &opened), rows(ctx, &resolved))?;
    let mut out = per_window(windows);
    for (i, m) in out.iter_mut().enumerate() {
        let o = window_row(&opened, i);
        let r = window_row(&resolved, i);
        let w = &windows[i];
        m.insert(
            "tickets_opened",
            events(&o, "opened", w, Why::NoTicketsOpened),
        );
        m.insert(
            "tickets_resolved",
            events(&r, "resolved", w, Why::NoTicketsResolved),
        );
        m.insert(
            "fcr",
            Measure::percent(
                r.f("one_contact"),
                r.f("contacts_known"),
                Why::NoContactCounts,
            ),
        );
        m.insert(
            "escalation_rate",
            Measure::percent(o.f("escalated"), o.f("esc_known"), Why::NoEscalationFlags),
        );
        m.insert(
            "first_response_time",
            durations(&o, "frt", o.f("frt_n"), Why::NoFirstResponses),
        );
        m.insert(
            "resolution_time",
            durations(&r, "rt", r.f("resolved"), Why::NoTicketsResolved),
        );
    }
    Ok(out)
}
