//! Lumen Home & Garden: an online shop.
//!
//! Customers arrive with retail seasonality, a growth trend and a spring
//! campaign; each buys as a BG/NBD customer would (Gamma purchase rates,
//! Beta drop-out), so the prediction models have a known truth to recover.
//! The site was down for four hours on the 3rd of the second-to-last month:
//! no web orders then, a spike of tickets, angry survey comments.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rand::Rng;
use rand_distr::{Beta, Distribution, Exp, Gamma};
use serde_json::json;

use crate::common::{
    COMMENTS_DETRACTOR, COMMENTS_PASSIVE, COMMENTS_PROMOTER, Calendar, CsvOut, JsonLines, Rng8,
    money, pick, poisson, retail_season, time_on, to_utc, weighted, write_text,
};
use crate::{Error, Export};

/// True purchase-process parameters of the simulated customers (per day),
/// kept so tests and the predictions issue can check recovery.
pub const TRUE_R: f64 = 0.9;
pub const TRUE_ALPHA_DAYS: f64 = 40.0;
pub const TRUE_A: f64 = 1.2;
pub const TRUE_B: f64 = 5.0;

/// (country, region, cities), weight.
type Place = (&'static str, &'static str, &'static [&'static str]);
const COUNTRIES: &[(Place, f64)] = &[
    (("RO", "Bucuresti", &["Bucharest", "Voluntari"]), 0.35),
    (("RO", "Cluj", &["Cluj-Napoca", "Turda"]), 0.15),
    (("RO", "Timis", &["Timisoara"]), 0.1),
    (("RO", "Iasi", &["Iasi"]), 0.08),
    (("HU", "Budapest", &["Budapest"]), 0.1),
    (("BG", "Sofia", &["Sofia"]), 0.08),
    (("DE", "Bavaria", &["Munich", "Nuremberg"]), 0.08),
    (("AT", "Vienna", &["Vienna"]), 0.06),
];

const INTERESTS: &[&str] = &[
    "gardening",
    "cooking",
    "diy",
    "outdoor",
    "pets",
    "interior design",
    "sustainability",
];

/// (acquisition channel, acquisition cost, utm_source, utm_medium).
type Channel = (&'static str, f64, &'static str, &'static str);
const CHANNELS: &[(Channel, f64)] = &[
    // (acquisition channel, acquisition cost, utm_source, utm_medium)
    (("organic_search", 0.0, "google", "organic"), 0.3),
    (("paid_search", 18.0, "google", "cpc"), 0.22),
    (("social", 14.0, "facebook", "paid_social"), 0.18),
    (("email", 2.0, "newsletter", "email"), 0.1),
    (("referral", 5.0, "partner", "referral"), 0.08),
    (("direct", 0.0, "(direct)", "(none)"), 0.12),
];

struct Product {
    id: String,
    /// The product's title, as Shopify's `Lineitem name` shows it.
    name: String,
    price: f64,
}

fn catalog(rng: &mut Rng8) -> Vec<Product> {
    let cats: &[(&str, f64, f64)] = &[
        ("garden", 8.0, 140.0),
        ("kitchen", 6.0, 90.0),
        ("lighting", 15.0, 220.0),
        ("textiles", 10.0, 80.0),
        ("tools", 12.0, 180.0),
    ];
    let mut out = Vec::new();
    for (ci, (cat, lo, hi)) in cats.iter().enumerate() {
        for i in 0..12 {
            let price: f64 = rng.random_range(*lo..*hi);
            let mut title = cat.chars();
            let title: String = title
                .next()
                .map(|c| c.to_ascii_uppercase())
                .into_iter()
                .chain(title)
                .collect();
            out.push(Product {
                id: format!("P{}{:02}", ci + 1, i + 1),
                name: format!("{title} no. {}", i + 1),
                price: (price.round() - 0.01).max(0.99),
            });
        }
    }
    out
}

struct Customer {
    id: String,
    created: NaiveDateTime,
    channel: usize,
    stage: &'static str,
    /// When the customer silently stopped buying (BG/NBD drop-out), if they did.
    dropped: Option<NaiveDateTime>,
}

#[derive(Clone)]
struct Order {
    id: String,
    customer: usize,
    at: NaiveDateTime,
    amount: f64,
    status: &'static str,
    channel: &'static str,
    items: Vec<(usize, u32)>,
}

pub(crate) fn generate(
    cal: &Calendar,
    rng: &mut Rng8,
    dir: &std::path::Path,
) -> Result<Vec<Export>, Error> {
    let products = catalog(rng);
    let campaign_month = cal.month(17);
    let outage_day = cal.month(22) + Duration::days(2);
    let outage = (
        outage_day.and_hms_opt(10, 0, 0).unwrap_or_default(),
        outage_day.and_hms_opt(14, 0, 0).unwrap_or_default(),
    );
    let in_campaign = |d: NaiveDate| d >= campaign_month && cal.month_index(d) < 17 + 2;

    // Customers and their purchases.
    let rate = Gamma::new(TRUE_R, 1.0 / TRUE_ALPHA_DAYS).map_err(|e| Error::model(&e))?;
    let dropout = Beta::new(TRUE_A, TRUE_B).map_err(|e| Error::model(&e))?;
    let spend = Gamma::new(5.0, 1.0).map_err(|e| Error::model(&e))?;
    let mut customers: Vec<Customer> = Vec::new();
    let mut orders: Vec<Order> = Vec::new();
    let end_t = cal.end.and_hms_opt(23, 59, 59).unwrap_or_default();
    for d in cal.days() {
        let mut mean = 3.4 * retail_season(d.month()) * (0.8 + 0.5 * cal.progress(d));
        if in_campaign(d) {
            mean *= 1.6;
        }
        for _ in 0..poisson(rng, mean) {
            let mut created = time_on(rng, d, 7, 23);
            if created >= outage.0 && created < outage.1 {
                created = outage.1 + Duration::minutes(rng.random_range(5..90));
            }
            let channel = {
                let idx: Vec<(usize, f64)> = CHANNELS
                    .iter()
                    .enumerate()
                    .map(|(i, (c, w))| {
                        (
                            i,
                            if in_campaign(d) && c.0 == "social" {
                                w * 2.5
                            } else {
                                *w
                            },
                        )
                    })
                    .collect();
                *weighted(rng, &idx)
            };
            let ci = customers.len();
            customers.push(Customer {
                // Shops and help desks know customers by e-mail, and the
                // Shopify and Zendesk exports carry nothing else.
                id: format!("c{:05}@example.com", ci + 1),
                created,
                channel,
                stage: "customer",
                dropped: None,
            });
            // BG/NBD: purchase at rate λ while alive; after each purchase
            // the customer drops out with probability p.
            let lambda: f64 = rate.sample(rng).max(1e-4);
            let p: f64 = dropout.sample(rng);
            let basket: f64 = spend.sample(rng) / 5.0;
            let mut t = created;
            loop {
                let channel =
                    *weighted(rng, &[("web", 0.85), ("marketplace", 0.1), ("phone", 0.05)]);
                let n_items = 1 + poisson(rng, basket * 1.2).min(5);
                let mut items = Vec::new();
                let mut amount = 0.0;
                for _ in 0..n_items {
                    let pi = rng.random_range(0..products.len());
                    let qty = if rng.random::<f64>() < 0.15 { 2 } else { 1 };
                    amount += products[pi].price * f64::from(qty);
                    items.push((pi, qty));
                }
                let status = *weighted(
                    rng,
                    &[("completed", 0.93), ("refunded", 0.04), ("cancelled", 0.03)],
                );
                let in_outage = t >= outage.0 && t < outage.1 && channel == "web";
                if !in_outage {
                    orders.push(Order {
                        id: format!("#{}", 1001 + orders.len()),
                        customer: ci,
                        at: t,
                        amount,
                        status,
                        channel,
                        items,
                    });
                }
                if !orders.is_empty() && rng.random::<f64>() < p && orders.len() > 1 && t > created
                {
                    customers[ci].dropped = Some(t);
                    break;
                }
                let gap_days = Exp::new(lambda).map_or(1e9, |e| e.sample(rng));
                t += Duration::seconds((gap_days * 86_400.0) as i64);
                if t > end_t {
                    break;
                }
                // Shop hours: move night purchases to the morning.
                if t.hour_of_day() < 7 {
                    t += Duration::hours(7);
                }
            }
        }
    }
    orders.sort_by_key(|o| o.at);
    for (i, o) in orders.iter_mut().enumerate() {
        o.id = format!("#{}", 1001 + i);
    }
    // Lifecycle stage as of the end: lapsed when no order in 180 days.
    let mut last = vec![NaiveDateTime::MIN; customers.len()];
    for o in &orders {
        last[o.customer] = last[o.customer].max(o.at);
    }
    for (c, l) in customers.iter_mut().zip(&last) {
        c.stage = if (end_t - *l).num_days() > 180 {
            "lapsed"
        } else {
            "active"
        };
    }

    let (crm, places) = write_customers(dir, rng, &customers)?;
    let mut exports = vec![
        crm,
        write_orders(dir, &products, &customers, &places, &orders)?,
        write_web_events(dir, rng, &customers, &orders, &products, cal, outage)?,
        write_spend(dir, rng, cal, &in_campaign)?,
        write_email(dir, rng, cal, customers.len())?,
        write_email_activity(dir, rng, cal, &customers)?,
        write_nps(dir, rng, &customers, &orders, outage_day)?,
    ];
    exports.extend(write_csat_and_tickets(
        dir, rng, &customers, &orders, cal, outage_day,
    )?);
    exports.extend(write_annotations_targets(
        dir,
        cal,
        campaign_month,
        outage_day,
    )?);
    Ok(exports)
}

trait HourOfDay {
    fn hour_of_day(&self) -> u32;
}

impl HourOfDay for NaiveDateTime {
    fn hour_of_day(&self) -> u32 {
        chrono::Timelike::hour(self)
    }
}

/// Where a customer lives: country, region, city.
type Address = (&'static str, &'static str, &'static str);

/// The CRM's customers, and where each lives (their billing address in
/// the shop's order export).
fn write_customers(
    dir: &std::path::Path,
    rng: &mut Rng8,
    customers: &[Customer],
) -> Result<(Export, Vec<Address>), Error> {
    let mut places = Vec::with_capacity(customers.len());
    // A CRM export: its own column names, read through a mapping.
    let mut out = CsvOut::create(
        &dir.join("crm_customers.csv"),
        &[
            "Email",
            "Signup Date",
            "Country",
            "County",
            "City",
            "Birth Year",
            "Gender",
            "Customer Type",
            "Industry",
            "Acquisition Source",
            "Acquisition Cost",
            "Interests",
            "Stage",
        ],
    )?;
    for c in customers {
        let (country, region, cities) = *weighted(rng, COUNTRIES);
        let city = pick(rng, cities);
        places.push((country, region, *city));
        let b2b = rng.random::<f64>() < 0.12;
        let birth = if b2b {
            String::new()
        } else {
            rng.random_range(1950..2005).to_string()
        };
        let gender = if b2b {
            ""
        } else {
            *weighted(rng, &[("female", 0.55), ("male", 0.42), ("other", 0.03)])
        };
        let industry = if b2b {
            *pick(
                rng,
                &["hospitality", "real estate", "landscaping", "retail"],
            )
        } else {
            ""
        };
        let mut interests: Vec<&str> = Vec::new();
        for _ in 0..rng.random_range(0..4) {
            let i = *pick(rng, INTERESTS);
            if !interests.contains(&i) {
                interests.push(i);
            }
        }
        let (channel, cost, _, _) = CHANNELS[c.channel].0;
        let cost = if cost > 0.0 {
            money(cost * rng.random_range(0.6..1.5))
        } else {
            String::new()
        };
        out.row([
            c.id.as_str(),
            &c.created.format("%Y-%m-%d %H:%M:%S").to_string(),
            country,
            region,
            city,
            &birth,
            gender,
            if b2b { "B2B" } else { "B2C" },
            industry,
            channel,
            &cost,
            &interests.join("|"),
            c.stage,
        ])?;
    }
    let mapping = r#"# The CRM's customer export.
source = "crm"
entity = "customers"
timezone = "Europe/Bucharest"

[columns]
customer_id = "Email"
created_at = "Signup Date"
country = "Country"
region = "County"
city = "City"
birth_year = "Birth Year"
gender = "Gender"
company_type = "Customer Type"
industry = "Industry"
acquisition_channel = "Acquisition Source"
acquisition_cost = "Acquisition Cost"
interests = "Interests"
lifecycle_stage = "Stage"
"#;
    let export = Export::new("customers", out.finish()?)
        .with_mapping(write_text(&dir.join("crm_customers.toml"), mapping)?);
    Ok((export, places))
}

fn write_orders(
    dir: &std::path::Path,
    products: &[Product],
    customers: &[Customer],
    places: &[Address],
    orders: &[Order],
) -> Result<Export, Error> {
    // Shopify's "Export orders" CSV (loaded with the `shopify-orders`
    // preset): one line per line item, the order's fields on its first
    // line only, local times with their offset, and a few rows a person
    // would recognise as broken.
    const HEADER: &[&str] = &[
        "Name",
        "Email",
        "Financial Status",
        "Paid at",
        "Fulfillment Status",
        "Accepts Marketing",
        "Currency",
        "Subtotal",
        "Shipping",
        "Taxes",
        "Total",
        "Discount Code",
        "Discount Amount",
        "Created at",
        "Lineitem quantity",
        "Lineitem name",
        "Lineitem price",
        "Lineitem sku",
        "Billing City",
        "Billing Province",
        "Billing Country",
        "Notes",
        "Cancelled at",
        "Payment Method",
        "Refunded Amount",
        "Id",
        "Source",
    ];
    let mut out = CsvOut::create(&dir.join("shopify_orders_export.csv"), HEADER)?;
    let status_word = |s: &str| match s {
        "refunded" => "refunded",
        "cancelled" => "voided",
        _ => "paid",
    };
    let at = |t: NaiveDateTime| {
        to_utc(t)
            .with_timezone(&crate::common::TZ)
            .format("%Y-%m-%d %H:%M:%S %z")
            .to_string()
    };
    // The order's lines: the first carries the order, the others only its
    // Name, Email and their line item.
    let lines = |o: &Order, customer: &str, created: &str, total: &str, currency: &str| {
        let mut rows = Vec::new();
        let (country, region, city) = places.get(o.customer).copied().unwrap_or_default();
        for (i, (pi, qty)) in o.items.iter().enumerate() {
            let p = &products[*pi];
            let item = [
                qty.to_string(),
                p.name.clone(),
                money(p.price),
                p.id.clone(),
            ];
            let mut row: Vec<String> = vec![String::new(); HEADER.len()];
            row[0] = o.id.clone();
            row[1] = customer.to_owned();
            row[14..18].clone_from_slice(&item);
            if i == 0 {
                let status = status_word(o.status);
                row[2] = status.to_owned();
                row[3] = if status == "voided" {
                    String::new()
                } else {
                    created.to_owned()
                };
                row[4] = "fulfilled".into();
                row[5] = "no".into();
                row[6] = currency.to_owned();
                row[7] = total.to_owned();
                row[8] = "0.00".into();
                row[9] = "0.00".into();
                row[10] = total.to_owned();
                row[12] = "0.00".into();
                row[13] = created.to_owned();
                row[18] = city.to_owned();
                row[19] = region.to_owned();
                row[20] = country.to_owned();
                row[22] = if status == "voided" {
                    created.to_owned()
                } else {
                    String::new()
                };
                row[23] = "Card".into();
                row[24] = if status == "refunded" {
                    total.to_owned()
                } else {
                    "0.00".into()
                };
                row[25] = format!("45{}", o.id.trim_start_matches('#'));
                row[26] = o.channel.to_owned();
            }
            rows.push(row);
        }
        rows
    };
    let mut repeated = Vec::new();
    for (i, o) in orders.iter().enumerate() {
        let customer = &customers[o.customer].id;
        let (created, total) = (at(o.at), money(o.amount));
        let rows = lines(o, customer, &created, &total, "EUR");
        for row in &rows {
            out.row(row)?;
        }
        let broken = |suffix: &str, customer: &str, created: &str, total: &str, currency: &str| {
            let mut o = o.clone();
            o.id = format!("{}-{suffix}", o.id);
            o.items.truncate(1);
            lines(&o, customer, created, total, currency)
        };
        let extra = match i {
            // The export was downloaded in pages and one page came twice.
            100 => {
                repeated = rows;
                Vec::new()
            }
            // A refund typed in as a negative order.
            200 => broken("R", customer, &created, "-25.00", "EUR"),
            // A date nobody could have entered (31 February).
            300 => broken("X", customer, "2025-02-31 10:00:00 +0200", &total, "EUR"),
            // A currency written as a word.
            400 => broken("Y", customer, &created, &total, "euro"),
            // A phone order with no e-mail.
            500 => broken("Z", "", &created, &total, "EUR"),
            _ => Vec::new(),
        };
        for row in &extra {
            out.row(row)?;
        }
    }
    for row in &repeated {
        out.row(row)?;
    }
    Ok(Export::new("orders", out.finish()?).with_preset("shopify-orders"))
}

#[allow(clippy::too_many_arguments)]
fn write_web_events(
    dir: &std::path::Path,
    rng: &mut Rng8,
    customers: &[Customer],
    orders: &[Order],
    products: &[Product],
    cal: &Calendar,
    outage: (NaiveDateTime, NaiveDateTime),
) -> Result<Export, Error> {
    let mut out = JsonLines::create(&dir.join("web_events.ndjson"))?;
    let mut next_event = 0u64;
    let mut next_session = 0u64;
    let mut session = |rng: &mut Rng8,
                       out: &mut JsonLines,
                       start: NaiveDateTime,
                       customer: Option<&Customer>,
                       purchase: Option<&Order>|
     -> Result<(), Error> {
        next_session += 1;
        let sid = format!("S{next_session:07}");
        let anon = format!("A{:07}", rng.random_range(0..9_000_000));
        let channel = customer.map_or_else(|| rng.random_range(0..CHANNELS.len()), |c| c.channel);
        let (_, _, utm_source, utm_medium) = CHANNELS[channel].0;
        let campaign = if utm_medium == "cpc" || utm_medium == "paid_social" {
            if rng.random::<bool>() {
                "prospecting"
            } else {
                "brand"
            }
        } else {
            ""
        };
        let device = *weighted(
            rng,
            &[("mobile", 0.58), ("desktop", 0.36), ("tablet", 0.06)],
        );
        let mut t = start;
        let mut steps: Vec<(&str, Option<&Product>, Option<f64>)> = vec![("page_view", None, None)];
        let browse = 1 + poisson(rng, 1.5);
        for _ in 0..browse {
            steps.push(("product_view", Some(pick(rng, products)), None));
        }
        if let Some(o) = purchase {
            steps.push(("add_to_cart", Some(&products[o.items[0].0]), None));
            steps.push(("begin_checkout", None, None));
            steps.push(("purchase", None, Some(o.amount)));
        } else if rng.random::<f64>() < 0.22 {
            steps.push(("add_to_cart", Some(pick(rng, products)), None));
            if rng.random::<f64>() < 0.3 {
                steps.push(("begin_checkout", None, None));
            }
        }
        let single_page_bounce = purchase.is_none() && rng.random::<f64>() < 0.35;
        if single_page_bounce {
            steps.truncate(1);
        }
        for (i, (kind, product, revenue)) in steps.into_iter().enumerate() {
            if i > 0 {
                t += Duration::seconds(rng.random_range(8..180));
            }
            // As GA4 sends them: a product page has its `page_view`, then
            // the product view (`view_item`) on it.
            let page_first = kind == "product_view";
            for kind in [page_first.then_some("page_view"), Some(kind)]
                .into_iter()
                .flatten()
            {
                let page = match kind {
                    "page_view" if page_first => "/product",
                    "page_view" => "/",
                    "product_view" | "add_to_cart" => "/product",
                    "begin_checkout" => "/checkout",
                    _ => "/thank-you",
                };
                let product = if kind == "page_view" { None } else { product };
                next_event += 1;
                let mut e = json!({
                    "event_id": format!("E{next_event:08}"),
                    "ts": to_utc(t).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
                    "event_type": kind,
                    "session_id": sid,
                    "anonymous_id": anon,
                    "page": page,
                    "utm_source": utm_source,
                    "utm_medium": utm_medium,
                    "device": device,
                });
                if let Some(c) = customer {
                    e["customer_id"] = c.id.clone().into();
                }
                if !campaign.is_empty() {
                    e["utm_campaign"] = campaign.into();
                }
                if let Some(p) = product {
                    e["product_id"] = p.id.clone().into();
                }
                if let Some(r) = revenue {
                    e["revenue"] = ((r * 100.0).round() / 100.0).into();
                }
                out.line(&e)?;
            }
        }
        Ok(())
    };
    let mut orders_by_day: std::collections::BTreeMap<NaiveDate, Vec<&Order>> =
        std::collections::BTreeMap::new();
    for o in orders.iter().filter(|o| o.channel == "web") {
        orders_by_day.entry(o.at.date()).or_default().push(o);
    }
    for d in cal.days() {
        let day_orders = orders_by_day.get(&d).map_or(&[][..], Vec::as_slice);
        // Purchase sessions end in the order; browsing sessions around them.
        for o in day_orders {
            let start = o.at - Duration::seconds(rng.random_range(120..1500));
            session(rng, &mut out, start, Some(&customers[o.customer]), Some(o))?;
        }
        let browsing = poisson(rng, 6.0 + day_orders.len() as f64 * 5.0);
        for _ in 0..browsing {
            let start = time_on(rng, d, 6, 24);
            if start >= outage.0 && start < outage.1 {
                continue;
            }
            let known = rng.random::<f64>() < 0.25 && !customers.is_empty();
            let c = if known {
                let c = pick(rng, customers);
                (c.created <= start).then_some(c)
            } else {
                None
            };
            session(rng, &mut out, start, c, None)?;
        }
        if d == cal.end - Duration::days(3) {
            // A truncated line from a flaky export job.
            out.raw(r#"{"event_id": "E_BROKEN", "ts": "2026-"#)?;
        }
    }
    Ok(Export::new("web_events", out.finish()?))
}

fn write_spend(
    dir: &std::path::Path,
    rng: &mut Rng8,
    cal: &Calendar,
    in_campaign: &dyn Fn(NaiveDate) -> bool,
) -> Result<Export, Error> {
    let mut out = CsvOut::create(
        &dir.join("ads_spend.csv"),
        &[
            "date",
            "channel",
            "campaign",
            "impressions",
            "clicks",
            "spend",
            "conversions",
            "conversion_value",
        ],
    )?;
    for d in cal.days() {
        let season = retail_season(d.month());
        let mut lines = vec![
            ("paid_search", "brand", 2200.0, 0.065, 0.32, 0.045),
            ("paid_search", "generic", 5200.0, 0.028, 0.55, 0.02),
            ("social", "prospecting", 14000.0, 0.009, 3.8, 0.012),
            ("social", "retargeting", 3500.0, 0.017, 4.5, 0.035),
        ];
        if in_campaign(d) {
            lines.push(("social", "spring_garden", 26000.0, 0.014, 4.2, 0.03));
        }
        for (channel, campaign, base, ctr, cpm, cvr) in lines {
            let noise: f64 = rng.random_range(0.85..1.15);
            let impressions = poisson(rng, base * season * noise);
            let clicks = poisson(rng, f64::from(impressions) * ctr);
            let spend = f64::from(impressions) / 1000.0 * cpm * rng.random_range(0.9..1.1);
            let conversions = poisson(rng, f64::from(clicks) * cvr);
            let value = f64::from(conversions) * rng.random_range(55.0..95.0);
            out.row([
                d.to_string(),
                channel.to_owned(),
                campaign.to_owned(),
                impressions.to_string(),
                clicks.to_string(),
                money(spend),
                conversions.to_string(),
                money(value),
            ])?;
        }
    }
    Ok(Export::new("marketing_spend", out.finish()?))
}

fn write_email(
    dir: &std::path::Path,
    rng: &mut Rng8,
    cal: &Calendar,
    customers: usize,
) -> Result<Export, Error> {
    // An e-mail tool's JSON report: an array of campaign objects.
    let mut campaigns = Vec::new();
    for (k, id, sent_at) in campaign_sends(cal) {
        {
            let list = 800.0 + customers as f64 * (f64::from(k) + 1.0) / 24.0 * 0.7;
            let sent = list.round() as u64;
            let delivered = (sent as f64 * rng.random_range(0.965..0.99)).round() as u64;
            let opens = (delivered as f64 * rng.random_range(0.21..0.31)).round() as u64;
            let clicks = (delivered as f64 * rng.random_range(0.018..0.045)).round() as u64;
            campaigns.push(json!({
                "id": id,
                "send_time": to_utc(sent_at).to_rfc3339(),
                "report_summary": {
                    "emails_sent": sent,
                    "delivered": delivered,
                    "unique_opens": opens,
                    "unique_clicks": clicks,
                    "unsubscribed": (delivered as f64 * rng.random_range(0.001..0.004)).round() as u64,
                    "conversions": (clicks as f64 * rng.random_range(0.05..0.12)).round() as u64,
                },
            }));
        }
    }
    let path = dir.join("email_report.json");
    write_text(
        &path,
        &serde_json::to_string_pretty(&campaigns).unwrap_or_default(),
    )?;
    let mapping = r#"# The e-mail tool's campaign report (nested JSON, flattened with dots).
source = "newsletter"
entity = "email_campaigns"

[columns]
campaign_id = "id"
sent_at = "send_time"
sent = "report_summary.emails_sent"
delivered = "report_summary.delivered"
opens = "report_summary.unique_opens"
clicks = "report_summary.unique_clicks"
unsubscribes = "report_summary.unsubscribed"
conversions = "report_summary.conversions"
"#;
    Ok(Export::new("email_campaigns", path)
        .with_mapping(write_text(&dir.join("email_report.toml"), mapping)?))
}

/// The newsletter's sends, twice a month: (month index, campaign id, local send time).
fn campaign_sends(cal: &Calendar) -> Vec<(u32, String, NaiveDateTime)> {
    let mut sends = Vec::new();
    for k in 0..24u32 {
        for (n, day) in [(1, 6), (2, 20)] {
            let d = cal.month(k) + Duration::days(day);
            sends.push((
                k,
                format!("nl-{}-{n}", d.format("%Y%m")),
                d.and_hms_opt(9, 30, 0).unwrap_or_default(),
            ));
        }
    }
    sends
}

fn write_email_activity(
    dir: &std::path::Path,
    rng: &Rng8,
    cal: &Calendar,
    customers: &[Customer],
) -> Result<Export, Error> {
    // The e-mail tool's per-recipient activity export. Customers are on the
    // list from their first purchase; while they still buy they open about
    // 40 % of the sends, after they silently stop about 7 %, and they
    // unsubscribe more often then. Its own random stream leaves every
    // other export of the demo as it was.
    let mut rng = rng.clone();
    rng.set_stream(0xE3A1);
    let mut out = CsvOut::create(
        &dir.join("email_activity.csv"),
        &["Email Address", "Campaign", "Action", "Timestamp"],
    )?;
    let mut unsubscribed = vec![false; customers.len()];
    let minutes = Exp::new(1.0 / 300.0).map_err(|e| Error::model(&e))?;
    for (_, id, sent_at) in campaign_sends(cal) {
        for (c, gone) in customers.iter().zip(unsubscribed.iter_mut()) {
            if *gone || c.created >= sent_at {
                continue;
            }
            let alive = c.dropped.is_none_or(|d| sent_at < d);
            let (open, unsubscribe) = if alive { (0.40, 0.002) } else { (0.07, 0.012) };
            let mut row = |action: &str, at: NaiveDateTime| {
                out.row([
                    c.id.clone(),
                    id.clone(),
                    action.to_owned(),
                    to_utc(at).format("%Y-%m-%d %H:%M:%S").to_string(),
                ])
            };
            let mut at = sent_at;
            if rng.random::<f64>() < open {
                at += Duration::minutes(1 + minutes.sample(&mut rng) as i64);
                row("open", at)?;
                if rng.random::<f64>() < 0.18 {
                    at += Duration::minutes(rng.random_range(1..10));
                    row("click", at)?;
                }
            }
            if rng.random::<f64>() < unsubscribe {
                row("unsubscribe", at + Duration::minutes(1))?;
                *gone = true;
            }
        }
    }
    let mapping = r#"# The e-mail tool's per-recipient activity export (times in UTC).
source = "newsletter"
entity = "email_activity"
timezone = "UTC"

[columns]
customer_id = "Email Address"
campaign_id = "Campaign"
action = "Action"
at = { from = "Timestamp", format = "%Y-%m-%d %H:%M:%S" }
"#;
    Ok(Export::new("email_activity", out.finish()?)
        .with_mapping(write_text(&dir.join("email_activity.toml"), mapping)?))
}

fn nps_score(rng: &mut Rng8, bad_times: bool) -> (u32, &'static str) {
    let (p, d) = if bad_times { (0.35, 0.4) } else { (0.56, 0.17) };
    let x: f64 = rng.random();
    if x < p {
        (rng.random_range(9..=10), *pick(rng, COMMENTS_PROMOTER))
    } else if x < p + d {
        (rng.random_range(0..=6), *pick(rng, COMMENTS_DETRACTOR))
    } else {
        (rng.random_range(7..=8), *pick(rng, COMMENTS_PASSIVE))
    }
}

fn write_nps(
    dir: &std::path::Path,
    rng: &mut Rng8,
    customers: &[Customer],
    orders: &[Order],
    outage_day: NaiveDate,
) -> Result<Export, Error> {
    // A survey tool's NPS export.
    let mut out = CsvOut::create(
        &dir.join("nps_responses.csv"),
        &[
            "Response ID",
            "Date",
            "Score",
            "Comment",
            "Customer",
            "Touchpoint",
        ],
    )?;
    let mut n = 0;
    for o in orders.iter().filter(|o| o.status == "completed") {
        if rng.random::<f64>() > 0.09 {
            continue;
        }
        n += 1;
        let at = o.at + Duration::days(rng.random_range(3..10));
        let bad_times = (at.date() - outage_day).num_days().abs() < 20;
        let (score, comment) = nps_score(rng, bad_times);
        let comment = if rng.random::<f64>() < 0.6 {
            comment
        } else {
            ""
        };
        out.row([
            format!("N{n:06}"),
            at.format("%Y-%m-%d %H:%M").to_string(),
            score.to_string(),
            comment.to_owned(),
            customers[o.customer].id.clone(),
            "post_purchase".to_owned(),
        ])?;
        if n == 50 {
            out.row([
                "N_BAD1",
                &at.format("%Y-%m-%d %H:%M").to_string(),
                "11",
                "Best shop ever!!",
                &customers[o.customer].id,
                "post_purchase",
            ])?;
        }
        if n == 80 {
            out.row([
                "N_BAD2",
                &at.format("%Y-%m-%d %H:%M").to_string(),
                "ten",
                "",
                &customers[o.customer].id,
                "post_purchase",
            ])?;
        }
    }
    let mapping = r#"# The survey tool's NPS export. Scores are 0-10 by definition.
source = "survey_tool"
entity = "survey_responses"
timezone = "Europe/Bucharest"

[columns]
response_id = "Response ID"
responded_at = "Date"
score = "Score"
comment = "Comment"
customer_id = "Customer"
touchpoint = "Touchpoint"

[constants]
survey = "nps"
"#;
    Ok(Export::new("survey_responses", out.finish()?)
        .with_mapping(write_text(&dir.join("nps_responses.toml"), mapping)?))
}

/// The columns of Zendesk's ticket CSV export, as the `zendesk-tickets`
/// preset reads them.
const ZENDESK_COLUMNS: [&str; 15] = [
    "Id",
    "Requester",
    "Requester email",
    "Subject",
    "Tags",
    "Status",
    "Priority",
    "Via",
    "Ticket type",
    "Created at",
    "Updated at",
    "Solved at",
    "Group stations",
    "Replies",
    "First reply time in minutes",
];

fn write_csat_and_tickets(
    dir: &std::path::Path,
    rng: &mut Rng8,
    customers: &[Customer],
    orders: &[Order],
    cal: &Calendar,
    outage_day: NaiveDate,
) -> Result<Vec<Export>, Error> {
    // Zendesk's ticket CSV export (loaded with the `zendesk-tickets`
    // preset): local times to the minute, the first reply as minutes after
    // creation, an escalation as a hand-off to a second group.
    let mut tickets = CsvOut::create(&dir.join("zendesk_tickets_export.csv"), &ZENDESK_COLUMNS)?;
    // The help desk was also exported on the afternoon of the outage, while
    // its tickets were pouring in: the tickets created by then, as they
    // stood then. The final export is loaded after it with --replace, so
    // the tickets solved since replace their open rows.
    let snapshot_at = outage_day.and_hms_opt(16, 0, 0).unwrap_or_default();
    let mut snapshot = CsvOut::create(
        &dir.join(format!(
            "zendesk_tickets_export_{}.csv",
            snapshot_at.format("%Y-%m-%d")
        )),
        &ZENDESK_COLUMNS,
    )?;
    let mut csat = CsvOut::create(
        &dir.join("csat_responses.csv"),
        &["id", "submitted", "answer", "ticket_channel", "customer"],
    )?;
    let fmt = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M").to_string();
    let via = |channel: &str| match channel {
        "chat" => "Chat",
        "phone" => "Phone call (incoming)",
        _ => "Mail",
    };
    let subject = |category: &str| match category {
        "outage" => "The site does not load",
        "delivery" => "Where is my order?",
        "returns" => "How do I return this?",
        "payment" => "Charged twice?",
        _ => "Question about a product",
    };
    let mut n = 0u32;
    let mut emit = |rng: &mut Rng8,
                    at: NaiveDateTime,
                    customer: &Customer,
                    category: &str,
                    tickets: &mut CsvOut,
                    snapshot: &mut CsvOut,
                    csat: &mut CsvOut|
     -> Result<(), Error> {
        n += 1;
        let channel = *weighted(rng, &[("email", 0.5), ("chat", 0.3), ("phone", 0.2)]);
        let first = at
            + Duration::minutes(match channel {
                "chat" => rng.random_range(1..12),
                "phone" => rng.random_range(0..5),
                _ => rng.random_range(30..900),
            });
        let contacts = *weighted(rng, &[(1u32, 0.68), (2, 0.2), (3, 0.09), (4, 0.03)]);
        let solved = first + Duration::minutes(i64::from(contacts) * rng.random_range(20..1600));
        let open_still = solved > cal.end.and_hms_opt(23, 59, 0).unwrap_or_default();
        let escalated = rng.random::<f64>() < if category == "outage" { 0.3 } else { 0.08 };
        let name = customer.id.split('@').next().unwrap_or_default().to_owned();
        let row = |id: u32, solved: Option<NaiveDateTime>, first: Option<i64>| {
            [
                id.to_string(),
                name.clone(),
                customer.id.clone(),
                subject(category).to_owned(),
                category.replace(' ', "_"),
                if solved.is_some() { "Solved" } else { "Open" }.to_owned(),
                "Normal".to_owned(),
                via(channel).to_owned(),
                if category == "outage" {
                    "incident"
                } else {
                    "question"
                }
                .to_owned(),
                fmt(at),
                fmt(solved.unwrap_or(at)),
                solved.map(fmt).unwrap_or_default(),
                if escalated { "2" } else { "1" }.to_owned(),
                contacts.to_string(),
                first.map(|m| m.to_string()).unwrap_or_default(),
            ]
        };
        let minutes = (first - at).num_minutes();
        tickets.row(row(
            4000 + n,
            (!open_still).then_some(solved),
            Some(minutes),
        ))?;
        if at <= snapshot_at {
            snapshot.row(row(
                4000 + n,
                (!open_still && solved <= snapshot_at).then_some(solved),
                (first <= snapshot_at).then_some(minutes),
            ))?;
        }
        if n == 77 {
            // Solved before it was created: a clock problem in the help desk.
            tickets.row(row(99_001, Some(at - Duration::hours(5)), None))?;
        }
        if !open_still && rng.random::<f64>() < 0.35 {
            let good = contacts == 1 && !escalated;
            let answer = if good {
                *weighted(
                    rng,
                    &[
                        ("Very satisfied", 0.55),
                        ("Satisfied", 0.3),
                        ("Neutral", 0.1),
                        ("Dissatisfied", 0.05),
                    ],
                )
            } else {
                *weighted(
                    rng,
                    &[
                        ("Satisfied", 0.25),
                        ("Neutral", 0.3),
                        ("Dissatisfied", 0.3),
                        ("Very dissatisfied", 0.15),
                    ],
                )
            };
            csat.row([
                format!("CS{n:05}"),
                solved.format("%Y-%m-%d %H:%M:%S").to_string(),
                answer.to_owned(),
                channel.to_owned(),
                customer.id.clone(),
            ])?;
        }
        Ok(())
    };
    for o in orders {
        if rng.random::<f64>() < 0.045 {
            let at = o.at + Duration::hours(rng.random_range(4..200));
            let category = *pick(rng, &["delivery", "returns", "product question", "payment"]);
            emit(
                rng,
                at,
                &customers[o.customer],
                category,
                &mut tickets,
                &mut snapshot,
                &mut csat,
            )?;
        }
    }
    for _ in 0..45 {
        let at = time_on(rng, outage_day, 10, 18);
        let c = pick(rng, customers);
        emit(rng, at, c, "outage", &mut tickets, &mut snapshot, &mut csat)?;
    }
    let csat_mapping = r#"# Post-ticket satisfaction survey: answers in words on a 1-5 scale.
source = "helpdesk_csat"
entity = "survey_responses"
timezone = "Europe/Bucharest"

[columns]
response_id = "id"
responded_at = "submitted"
channel = "ticket_channel"
customer_id = "customer"
score = { from = "answer", values = { "Very dissatisfied" = 1, "Dissatisfied" = 2, "Neutral" = 3, "Satisfied" = 4, "Very satisfied" = 5 } }

[constants]
survey = "csat"
scale_min = 1
scale_max = 5
touchpoint = "support"
"#;
    let snapshot_export =
        Export::new("support_tickets", snapshot.finish()?).with_preset("zendesk-tickets");
    let tickets_export = Export::new("support_tickets", tickets.finish()?)
        .with_preset("zendesk-tickets")
        .replacing();
    let csat_export = Export::new("survey_responses", csat.finish()?)
        .with_mapping(write_text(&dir.join("csat_responses.toml"), csat_mapping)?);
    Ok(vec![snapshot_export, tickets_export, csat_export])
}

fn write_annotations_targets(
    dir: &std::path::Path,
    cal: &Calendar,
    campaign_month: NaiveDate,
    outage_day: NaiveDate,
) -> Result<Vec<Export>, Error> {
    let mut a = CsvOut::create(
        &dir.join("annotations.csv"),
        &["id", "date", "text", "scope"],
    )?;
    a.row([
        "a1",
        &campaign_month.to_string(),
        "Spring garden campaign launched on social media (two months)",
        "marketing",
    ])?;
    a.row([
        "a2",
        &outage_day.to_string(),
        "Site down 10:00-14:00: payment provider outage",
        "web",
    ])?;
    for k in 0..24 {
        let m = cal.month(k);
        if m.month() == 11 {
            let bf = (22..=28)
                .map(|d| m.with_day(d).unwrap_or(m))
                .find(|d| d.weekday() == chrono::Weekday::Fri)
                .unwrap_or(m);
            a.row([
                format!("bf{}", m.year()),
                bf.to_string(),
                "Black Friday sale".to_owned(),
                "marketing".to_owned(),
            ])?;
        }
    }
    let mut t = CsvOut::create(&dir.join("targets.csv"), &["metric", "period", "value"])?;
    for k in 12..24 {
        let m = cal.month(k).format("%Y-%m").to_string();
        t.row(["nps", &m, "45"])?;
        t.row(["revenue", &m, &(60_000 + 1_500 * (k - 12)).to_string()])?;
        t.row(["csat", &m, "85"])?;
    }
    Ok(vec![
        Export::new("annotations", a.finish()?),
        Export::new("targets", t.finish()?),
    ])
}
