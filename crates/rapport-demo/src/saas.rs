//! CloudNest: a subscription SaaS sold to small companies.
//!
//! Accounts sign up every month with a growth trend; each account cancels at
//! the end of any month with its own probability θ ~ Beta(α, β), the
//! shifted-beta-geometric process of `shared/MODELS.md`, so the retention
//! curve has a known truth. Tickets come by e-mail, chat and phone, more in
//! the first months (onboarding) and during the outage in the fourth-to-last
//! month; NPS is asked twice a year and CES after each solved ticket.

use chrono::{Duration, NaiveDateTime};
use rand::Rng;
use rand_distr::{Beta, Distribution};
use serde_json::json;

use crate::common::{
    COMMENTS_DETRACTOR, COMMENTS_PASSIVE, COMMENTS_PROMOTER, Calendar, CsvOut, JsonLines, Rng8,
    money, pick, poisson, time_on, to_utc, weighted, write_text,
};
use crate::{Error, Export};

/// True monthly churn heterogeneity (sBG α, β) of the simulated accounts.
pub const TRUE_SBG_ALPHA: f64 = 1.3;
/// See [`TRUE_SBG_ALPHA`].
pub const TRUE_SBG_BETA: f64 = 9.0;

const PLANS: &[((&str, f64), f64)] = &[
    (("starter", 29.0), 0.5),
    (("team", 99.0), 0.35),
    (("business", 299.0), 0.15),
];
const INDUSTRIES: &[&str] = &[
    "software",
    "retail",
    "logistics",
    "healthcare",
    "education",
    "finance",
    "manufacturing",
];
const COUNTRIES: &[((&str, &str), f64)] = &[
    (("RO", "Bucharest"), 0.3),
    (("RO", "Cluj-Napoca"), 0.15),
    (("PL", "Warsaw"), 0.15),
    (("DE", "Berlin"), 0.15),
    (("NL", "Amsterdam"), 0.1),
    (("GB", "London"), 0.15),
];

struct Account {
    id: String,
    created: NaiveDateTime,
    plan: (&'static str, f64),
    /// Month index the subscription ended in (exclusive end), if it did.
    ended: Option<NaiveDateTime>,
    theta: f64,
}

pub(crate) fn generate(
    cal: &Calendar,
    rng: &mut Rng8,
    dir: &std::path::Path,
) -> Result<Vec<Export>, Error> {
    let churn = Beta::new(TRUE_SBG_ALPHA, TRUE_SBG_BETA).map_err(|e| Error::model(&e))?;
    let outage_month = 20;
    let outage_day = cal.month(outage_month) + Duration::days(11);
    let end = cal.end.and_hms_opt(23, 59, 59).unwrap_or_default();
    let mut accounts = Vec::new();
    for k in 0..24u32 {
        let first = cal.month(k);
        let next = cal.month(k + 1);
        let days = (next - first).num_days().max(1);
        for _ in 0..poisson(rng, 38.0 + 2.5 * f64::from(k)) {
            let day = first + Duration::days(rng.random_range(0..days));
            let created = time_on(rng, day, 8, 20);
            let theta: f64 = churn.sample(rng);
            // Renewals happen monthly on the signup day; the account leaves
            // after renewal period n with probability θ each time.
            let mut ended = None;
            let mut n = 1u32;
            loop {
                let renewal = created
                    .date()
                    .checked_add_months(chrono::Months::new(n))
                    .map(|d| d.and_time(created.time()));
                let Some(renewal) = renewal else { break };
                if renewal > end {
                    break;
                }
                if rng.random::<f64>() < theta {
                    ended = Some(renewal);
                    break;
                }
                n += 1;
            }
            accounts.push(Account {
                id: format!("acct_{:04}", accounts.len() + 1),
                created,
                plan: *weighted(rng, PLANS),
                ended,
                theta,
            });
        }
    }
    let mut exports = vec![
        write_accounts(dir, rng, &accounts, end)?,
        write_subscriptions(dir, &accounts)?,
    ];
    exports.extend(write_tickets_and_ces(dir, rng, cal, &accounts, outage_day)?);
    exports.push(write_nps(dir, rng, cal, &accounts, outage_day)?);
    let mut a = CsvOut::create(
        &dir.join("annotations.csv"),
        &["id", "date", "text", "scope"],
    )?;
    a.row([
        "outage",
        &outage_day.to_string(),
        "Storage outage: sync unavailable for six hours",
        "product",
    ])?;
    a.row([
        "pricing",
        &cal.month(12).to_string(),
        "New pricing page and annual plans",
        "marketing",
    ])?;
    exports.push(Export::new("annotations", a.finish()?));
    Ok(exports)
}

fn write_accounts(
    dir: &std::path::Path,
    rng: &mut Rng8,
    accounts: &[Account],
    end: NaiveDateTime,
) -> Result<Export, Error> {
    // Already in canonical columns: the team exported it from their own DB.
    let mut out = CsvOut::create(
        &dir.join("accounts.csv"),
        &[
            "customer_id",
            "created_at",
            "country",
            "city",
            "company_type",
            "industry",
            "acquisition_channel",
            "plan",
            "lifecycle_stage",
        ],
    )?;
    for a in accounts {
        let (country, city) = *weighted(rng, COUNTRIES);
        let channel = *weighted(
            rng,
            &[
                ("organic_search", 0.35),
                ("paid_search", 0.25),
                ("partner", 0.15),
                ("content", 0.25),
            ],
        );
        let stage = match a.ended {
            Some(_) => "churned",
            None if (end - a.created).num_days() < 60 => "onboarding",
            None => "active",
        };
        out.row([
            a.id.as_str(),
            &to_utc(a.created).format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            country,
            city,
            "B2B",
            *pick(rng, INDUSTRIES),
            channel,
            a.plan.0,
            stage,
        ])?;
    }
    Ok(Export::new("customers", out.finish()?))
}

fn write_subscriptions(dir: &std::path::Path, accounts: &[Account]) -> Result<Export, Error> {
    // Stripe Subscription objects, one per line (`stripe subscriptions list`
    // through `jq -c '.data[]'`), loaded with the `stripe-subscriptions`
    // preset: Unix seconds, prices in cents, the plan nested.
    let mut out = JsonLines::create(&dir.join("stripe_subscriptions.ndjson"))?;
    let unix = |t: NaiveDateTime| to_utc(t).timestamp();
    let object = |id: &str, a: &Account, start: i64, ended: Option<i64>| {
        let cents = (a.plan.1 * 100.0).round() as i64;
        json!({
            "id": id,
            "object": "subscription",
            "customer": a.id,
            "status": if ended.is_some() { "canceled" } else { "active" },
            "created": start,
            "start_date": start,
            "ended_at": ended,
            "canceled_at": ended,
            "cancel_at_period_end": false,
            "currency": "eur",
            "quantity": 1,
            "collection_method": "charge_automatically",
            "plan": {
                "id": format!("price_{}", a.plan.0.to_lowercase()),
                "object": "plan",
                "active": true,
                "amount": cents,
                "amount_decimal": cents.to_string(),
                "currency": "eur",
                "interval": "month",
                "interval_count": 1,
                "nickname": a.plan.0,
                "product": format!("prod_{}", a.plan.0.to_lowercase()),
                "usage_type": "licensed",
            },
            "items": {
                "object": "list",
                "data": [{"id": format!("si_{}", &id[4..]), "object": "subscription_item"}],
                "has_more": false,
                "url": format!("/v1/subscription_items?subscription={id}"),
            },
            "metadata": {},
            "livemode": true,
        })
    };
    for (i, a) in accounts.iter().enumerate() {
        let id = format!("sub_{:05}", i + 1);
        out.line(&object(&id, a, unix(a.created), a.ended.map(unix)))?;
        if i == 40 {
            // Cancelled a year before it started: a migration artefact.
            let start = unix(a.created);
            out.line(&object("sub_bad01", a, start, Some(start - 365 * 86_400)))?;
        }
    }
    Ok(Export::new("subscriptions", out.finish()?).with_preset("stripe-subscriptions"))
}

fn write_tickets_and_ces(
    dir: &std::path::Path,
    rng: &mut Rng8,
    cal: &Calendar,
    accounts: &[Account],
    outage_day: chrono::NaiveDate,
) -> Result<Vec<Export>, Error> {
    // A tab-separated help-desk export with canonical names.
    let mut tickets = CsvOut::with_delimiter(
        &dir.join("tickets.tsv"),
        &[
            "ticket_id",
            "opened_at",
            "channel",
            "customer_id",
            "first_response_at",
            "resolved_at",
            "contacts",
            "escalated",
            "lifecycle_stage",
            "category",
        ],
        b'\t',
    )?;
    let mut ces = CsvOut::create(
        &dir.join("ces_responses.csv"),
        &[
            "Response",
            "Submitted At",
            "Ease (1-7)",
            "Channel",
            "Account",
            "Feedback",
        ],
    )?;
    let end = cal.end.and_hms_opt(23, 59, 0).unwrap_or_default();
    let iso = |t: NaiveDateTime| to_utc(t).format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let mut n = 0u32;
    let mut ces_bad_written = false;
    for d in cal.days() {
        let outage = d == outage_day || d == outage_day + Duration::days(1);
        let active: Vec<&Account> = accounts
            .iter()
            .filter(|a| a.created.date() <= d && a.ended.is_none_or(|e| e.date() > d))
            .collect();
        if active.is_empty() {
            continue;
        }
        let mean = active.len() as f64 * 0.012 + if outage { 60.0 } else { 0.0 };
        for _ in 0..poisson(rng, mean) {
            let a = *pick(rng, &active);
            n += 1;
            let at = time_on(rng, d, 7, 22).max(a.created);
            let onboarding = (at - a.created).num_days() < 60;
            let channel = *weighted(rng, &[("email", 0.45), ("chat", 0.4), ("phone", 0.15)]);
            let first = at
                + Duration::minutes(match channel {
                    "chat" => rng.random_range(1..8),
                    "phone" => rng.random_range(0..3),
                    _ => rng.random_range(20..600),
                });
            let contacts = *weighted(rng, &[(1u32, 0.62), (2, 0.24), (3, 0.1), (4, 0.04)]);
            let resolved =
                first + Duration::minutes(i64::from(contacts) * rng.random_range(15..900));
            let escalated = rng.random::<f64>()
                < if outage {
                    0.35
                } else if a.plan.0 == "business" {
                    0.12
                } else {
                    0.06
                };
            let category = if outage {
                "outage"
            } else {
                *pick(rng, &["billing", "integration", "bug", "how-to", "account"])
            };
            let open = resolved > end;
            tickets.row([
                format!("CN-{n:05}"),
                iso(at),
                channel.to_owned(),
                a.id.clone(),
                iso(first),
                if open { String::new() } else { iso(resolved) },
                contacts.to_string(),
                escalated.to_string(),
                if onboarding { "onboarding" } else { "active" }.to_owned(),
                category.to_owned(),
            ])?;
            if n == 300 {
                tickets.row([
                    "CN-BAD01".to_owned(),
                    iso(at),
                    "fax".to_owned(),
                    a.id.clone(),
                    String::new(),
                    String::new(),
                    "1".to_owned(),
                    "false".to_owned(),
                    "active".to_owned(),
                    "billing".to_owned(),
                ])?;
            }
            if !open && rng.random::<f64>() < 0.3 {
                let easy = contacts == 1 && !escalated;
                let score = if easy {
                    rng.random_range(5..=7)
                } else {
                    rng.random_range(2..=6)
                };
                let feedback = if easy {
                    "Quick answer, solved on first contact"
                } else {
                    "Had to explain the problem several times"
                };
                ces.row([
                    format!("ces_{n:05}"),
                    resolved.format("%Y-%m-%d %H:%M").to_string(),
                    score.to_string(),
                    channel.to_owned(),
                    a.id.clone(),
                    if rng.random::<f64>() < 0.4 {
                        feedback.to_owned()
                    } else {
                        String::new()
                    },
                ])?;
                if n >= 500 && !ces_bad_written {
                    ces_bad_written = true;
                    ces.row([
                        "ces_bad01",
                        &resolved.format("%Y-%m-%d %H:%M").to_string(),
                        "9",
                        channel,
                        &a.id,
                        "scale confusion",
                    ])?;
                }
            }
        }
    }
    let ces_mapping = r#"# The in-app CES 2.0 survey after a solved ticket ("CloudNest made it easy
# to handle my issue", 1 = strongly disagree ... 7 = strongly agree).
source = "inapp_survey"
entity = "survey_responses"
timezone = "Europe/Bucharest"

[columns]
response_id = "Response"
responded_at = "Submitted At"
score = "Ease (1-7)"
channel = "Channel"
customer_id = "Account"
comment = "Feedback"

[constants]
survey = "ces"
scale_min = 1
scale_max = 7
touchpoint = "support"
"#;
    Ok(vec![
        Export::new("support_tickets", tickets.finish()?),
        Export::new("survey_responses", ces.finish()?)
            .with_mapping(write_text(&dir.join("ces_responses.toml"), ces_mapping)?),
    ])
}

fn write_nps(
    dir: &std::path::Path,
    rng: &mut Rng8,
    cal: &Calendar,
    accounts: &[Account],
    outage_day: chrono::NaiveDate,
) -> Result<Export, Error> {
    // The NPS tool's NDJSON export, canonical names; asked in March and
    // September to every active account, a third answer.
    let mut out = JsonLines::create(&dir.join("nps.ndjson"))?;
    let mut n = 0;
    for k in 0..24u32 {
        let first = cal.month(k);
        if !matches!(chrono::Datelike::month(&first), 3 | 9) && k != 20 {
            continue;
        }
        for a in accounts
            .iter()
            .filter(|a| a.created.date() < first && a.ended.is_none_or(|e| e.date() > first))
        {
            if rng.random::<f64>() > 0.33 {
                continue;
            }
            n += 1;
            let day = first + Duration::days(rng.random_range(0..20));
            let at = time_on(rng, day, 8, 21);
            let after_outage = (at.date() - outage_day).num_days().abs() < 25;
            // Accounts likely to leave are less likely to recommend.
            let p_promoter =
                (0.62 - 2.0 * a.theta - if after_outage { 0.2 } else { 0.0 }).clamp(0.05, 0.9);
            let p_detractor =
                (0.08 + 1.5 * a.theta + if after_outage { 0.2 } else { 0.0 }).clamp(0.02, 0.8);
            let x: f64 = rng.random();
            let (score, comment) = if x < p_promoter {
                (rng.random_range(9..=10), *pick(rng, COMMENTS_PROMOTER))
            } else if x < p_promoter + p_detractor {
                (rng.random_range(0..=6), *pick(rng, COMMENTS_DETRACTOR))
            } else {
                (rng.random_range(7..=8), *pick(rng, COMMENTS_PASSIVE))
            };
            let mut row = json!({
                "response_id": format!("nps_{n:05}"),
                "responded_at": to_utc(at).to_rfc3339(),
                "survey": "nps",
                "score": score,
                "customer_id": a.id,
                "touchpoint": "relationship",
                "plan_mrr": money(a.plan.1),
            });
            if rng.random::<f64>() < 0.5 {
                row["comment"] = comment.into();
            }
            out.line(&row)?;
        }
    }
    Ok(Export::new("survey_responses", out.finish()?))
}
