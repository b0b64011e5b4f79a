//! Bright Paws Grooming: a local dog-grooming salon in Cluj-Napoca.
//!
//! Regulars book every four to eight weeks, with a summer peak and a
//! December rush; a second groomer joins after a year, which shortens the
//! wait and lifts satisfaction. The salon's booking tool exports a
//! Romanian-Excel CSV (semicolon, decimal comma, Latin-1); its social
//! scheduler exports post insights; reviews come from Google with stars and
//! text and are loaded as CSAT responses with the touchpoint
//! `google_reviews`, so their comments feed the same analysis.

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use rand::Rng;
use serde_json::json;

use crate::common::{Calendar, CsvOut, Rng8, pick, poisson, time_on, to_utc, weighted, write_text};
use crate::{Error, Export};
use rapport_ingest::{CsvOptions, TextEncoding};

const SERVICES: &[((&str, f64), f64)] = &[
    (("Tuns complet", 180.0), 0.45),
    (("Baie și periaj", 110.0), 0.3),
    (("Tăiat unghii", 40.0), 0.1),
    (("Pachet premium", 260.0), 0.15),
];
const NEIGHBOURHOODS: &[(&str, f64)] = &[
    ("Gheorgheni", 0.25),
    ("Mărăști", 0.2),
    ("Mănăștur", 0.2),
    ("Zorilor", 0.15),
    ("Florești", 0.2),
];
const REVIEWS_GOOD: &[&str] = &[
    "Very gentle with our anxious dog, great cut",
    "Friendly groomers and easy online booking",
    "Our poodle looks amazing, fair price",
    "Always on time, clean salon",
];
const REVIEWS_BAD: &[&str] = &[
    "Waited over an hour past the booking time",
    "Could not get an appointment for three weeks",
    "Expensive and the cut was uneven",
    "Nobody answered the phone to reschedule",
];

struct Client {
    id: String,
    created: NaiveDateTime,
    interval_days: i64,
    leaves: NaiveDate,
}

pub(crate) fn generate(
    cal: &Calendar,
    rng: &mut Rng8,
    dir: &std::path::Path,
) -> Result<Vec<Export>, Error> {
    let second_groomer = cal.month(12);
    let mut clients = Vec::new();
    let mut bookings: Vec<(usize, NaiveDateTime, &'static str, f64)> = Vec::new();
    for d in cal.days() {
        let summer = if matches!(d.month(), 6..=8) { 1.4 } else { 1.0 };
        for _ in 0..poisson(rng, 0.55 * summer * (0.8 + 0.6 * cal.progress(d))) {
            let id = clients.len();
            let created = time_on(rng, d, 9, 19);
            let stay_days = (rng.random::<f64>().powf(0.7) * 900.0) as i64 + 20;
            clients.push(Client {
                id: format!("BP{:04}", id + 1),
                created,
                interval_days: rng.random_range(28..60),
                leaves: d + Duration::days(stay_days),
            });
            let mut t = created;
            while t.date() <= cal.end && t.date() < clients[id].leaves {
                let (service, price) = *weighted(rng, SERVICES);
                // Prices rose 10 % when the second groomer joined.
                let price = if t.date() >= second_groomer {
                    price * 1.1
                } else {
                    price
                };
                let dec = if t.month() == 12 { 0.8 } else { 1.0 };
                bookings.push((id, t, service, price));
                let gap =
                    (clients[id].interval_days as f64 * dec * rng.random_range(0.8..1.3)) as i64;
                t = time_on(rng, t.date() + Duration::days(gap.max(14)), 9, 19);
            }
        }
    }
    bookings.sort_by_key(|b| b.1);
    let mut exports = vec![
        write_customers(dir, rng, &clients)?,
        write_bookings(dir, &clients, &bookings)?,
    ];
    exports.extend(write_surveys(
        dir,
        rng,
        &clients,
        &bookings,
        second_groomer,
    )?);
    exports.push(write_social(dir, rng, cal)?);
    exports.push(write_email(dir, rng, cal)?);
    let mut a = CsvOut::create(
        &dir.join("annotations.csv"),
        &["id", "date", "text", "scope"],
    )?;
    a.row([
        "groomer2",
        &second_groomer.to_string(),
        "Second groomer joined; prices up 10 %",
        "operations",
    ])?;
    a.row([
        "reels",
        &cal.month(18).to_string(),
        "Started posting short videos (reels) weekly",
        "social",
    ])?;
    exports.push(Export::new("annotations", a.finish()?));
    Ok(exports)
}

fn excel_options() -> CsvOptions {
    CsvOptions {
        delimiter: Some(b';'),
        encoding: TextEncoding::Latin1,
        skip_lines: 0,
    }
}

/// What Romanian Excel does to text it saves as Latin-1: letters with a
/// comma or breve below that Latin-1 lacks lose it.
fn transliterate(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'ș' | 'ş' => 's',
            'ț' | 'ţ' => 't',
            'ă' => 'a',
            'Ș' | 'Ş' => 'S',
            'Ț' | 'Ţ' => 'T',
            'Ă' => 'A',
            c if (c as u32) < 256 => c,
            _ => '?',
        })
        .collect()
}

/// Writes text as Latin-1 bytes (after [`transliterate`]).
fn latin1(path: &std::path::Path, text: &str) -> Result<std::path::PathBuf, Error> {
    let bytes: Vec<u8> = transliterate(text)
        .chars()
        .map(|c| c as u32 as u8)
        .collect();
    std::fs::write(path, bytes).map_err(|e| Error::io(path, e))?;
    Ok(path.to_owned())
}

fn write_customers(
    dir: &std::path::Path,
    rng: &mut Rng8,
    clients: &[Client],
) -> Result<Export, Error> {
    let mut text =
        String::from("Cod client;Înscris la;Oraș;Cartier;An naștere;Gen;Interese;Sursă\n");
    for c in clients {
        let hood = *weighted(rng, NEIGHBOURHOODS);
        let breed = *pick(rng, &["small breeds", "large breeds", "cats", "puppies"]);
        let extra = if rng.random::<bool>() {
            ",dog shows"
        } else {
            ""
        };
        let source = *weighted(
            rng,
            &[
                ("google_maps", 0.4),
                ("instagram", 0.3),
                ("referral", 0.25),
                ("flyer", 0.05),
            ],
        );
        text.push_str(&format!(
            "{};{};Cluj-Napoca;{};{};{};{}{};{}\n",
            c.id,
            c.created.format("%d.%m.%Y %H:%M"),
            hood,
            rng.random_range(1960..2004),
            if rng.random::<f64>() < 0.7 { "F" } else { "M" },
            breed,
            extra,
            source,
        ));
    }
    let path = latin1(&dir.join("clienti.csv"), &text)?;
    let mapping = r#"# The booking tool's client list, exported from Romanian Excel:
# semicolons, day.month.year dates, Latin-1 text.
source = "booking_tool"
entity = "customers"
timezone = "Europe/Bucharest"

[columns]
customer_id = "Cod client"
created_at = { from = "Înscris la", format = "%d.%m.%Y %H:%M" }
city = "Oraș"
region = "Cartier"
birth_year = "An naștere"
gender = { from = "Gen", values = { F = "female", M = "male" } }
interests = "Interese"
acquisition_channel = "Sursă"

[constants]
country = "RO"
company_type = "B2C"
"#;
    // The user copied the header names from the file, as Excel wrote them.
    let mapping = transliterate(mapping);
    Ok(Export::new("customers", path)
        .with_mapping(write_text(&dir.join("clienti.toml"), &mapping)?)
        .with_csv(excel_options()))
}

fn write_bookings(
    dir: &std::path::Path,
    clients: &[Client],
    bookings: &[(usize, NaiveDateTime, &'static str, f64)],
) -> Result<Export, Error> {
    let mut text = String::from("Nr;Client;Data;Serviciu;Total (lei);Stare\n");
    for (i, (c, at, service, price)) in bookings.iter().enumerate() {
        let total = format!("{price:.2}").replace('.', ",");
        let status = if i % 37 == 5 { "anulat" } else { "finalizat" };
        text.push_str(&format!(
            "{};{};{};{};{};{}\n",
            5001 + i,
            clients[*c].id,
            at.format("%d.%m.%Y %H:%M"),
            service,
            total,
            status
        ));
        if i == 90 {
            text.push_str(&format!(
                "{};{};{};{};-;{}\n",
                "5001-bis",
                clients[*c].id,
                at.format("%d.%m.%Y %H:%M"),
                service,
                status
            ));
        }
    }
    let path = latin1(&dir.join("programari.csv"), &text)?;
    let mapping = r#"# Bookings from the booking tool (Romanian Excel export). A visit is an order.
source = "booking_tool"
entity = "orders"
timezone = "Europe/Bucharest"

[columns]
order_id = "Nr"
customer_id = "Client"
ordered_at = { from = "Data", format = "%d.%m.%Y %H:%M" }
amount = { from = "Total (lei)", decimal_separator = "," }
status = { from = "Stare", values = { finalizat = "completed", anulat = "cancelled" } }

[constants]
currency = "RON"
channel = "salon"
items = 1
"#;
    Ok(Export::new("orders", path)
        .with_mapping(write_text(&dir.join("programari.toml"), mapping)?)
        .with_csv(excel_options()))
}

fn write_surveys(
    dir: &std::path::Path,
    rng: &mut Rng8,
    clients: &[Client],
    bookings: &[(usize, NaiveDateTime, &'static str, f64)],
    second_groomer: NaiveDate,
) -> Result<Vec<Export>, Error> {
    // An SMS survey after each visit: canonical columns.
    let mut csat = CsvOut::create(
        &dir.join("csat_sms.csv"),
        &[
            "response_id",
            "responded_at",
            "survey",
            "score",
            "scale_min",
            "scale_max",
            "customer_id",
            "touchpoint",
            "comment",
        ],
    )?;
    let mut reviews = Vec::new();
    let mut sms_bad_written = false;
    for (i, (c, at, _, _)) in bookings.iter().enumerate() {
        let better = at.date() >= second_groomer;
        let good_p = if better { 0.82 } else { 0.68 };
        if rng.random::<f64>() < 0.25 {
            let good = rng.random::<f64>() < good_p;
            let score = if good {
                *weighted(rng, &[(5, 0.7), (4, 0.3)])
            } else {
                *weighted(rng, &[(3, 0.5), (2, 0.3), (1, 0.2)])
            };
            let comment = if rng.random::<f64>() < 0.3 {
                *pick(rng, if good { REVIEWS_GOOD } else { REVIEWS_BAD })
            } else {
                ""
            };
            let when = to_utc(*at + Duration::hours(3))
                .format("%Y-%m-%dT%H:%M:%SZ")
                .to_string();
            csat.row([
                &format!("sms{i:05}"),
                &when,
                "csat",
                &score.to_string(),
                "1",
                "5",
                &clients[*c].id,
                "after_visit",
                comment,
            ])?;
            if i >= 333 && !sms_bad_written {
                sms_bad_written = true;
                csat.row([
                    "sms_bad01",
                    &when,
                    "csat",
                    "6",
                    "1",
                    "5",
                    &clients[*c].id,
                    "after_visit",
                    "six stars!",
                ])?;
            }
        }
        if rng.random::<f64>() < 0.04 {
            let good = rng.random::<f64>() < good_p + 0.05;
            let stars = if good {
                *weighted(rng, &[(5, 0.8), (4, 0.2)])
            } else {
                *weighted(rng, &[(1, 0.4), (2, 0.3), (3, 0.3)])
            };
            reviews.push(json!({
                "reviewId": format!("g{i:05}"),
                "reviewer": { "displayName": format!("Client {}", clients[*c].id) },
                "starRating": stars,
                "comment": pick(rng, if good { REVIEWS_GOOD } else { REVIEWS_BAD }),
                "createTime": to_utc(*at + Duration::days(1)).format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string(),
            }));
        }
    }
    let path = dir.join("google_reviews.json");
    write_text(
        &path,
        &serde_json::to_string_pretty(&reviews).unwrap_or_default(),
    )?;
    let mapping = r#"# Google Business Profile reviews: stars are a 1-5 satisfaction score.
source = "google_reviews"
entity = "survey_responses"

[columns]
response_id = "reviewId"
responded_at = "createTime"
score = "starRating"
comment = "comment"

[constants]
survey = "csat"
scale_min = 1
scale_max = 5
touchpoint = "google_reviews"
"#;
    Ok(vec![
        Export::new("survey_responses", csat.finish()?),
        Export::new("survey_responses", path)
            .with_mapping(write_text(&dir.join("google_reviews.toml"), mapping)?),
    ])
}

fn write_social(dir: &std::path::Path, rng: &mut Rng8, cal: &Calendar) -> Result<Export, Error> {
    let mut out = CsvOut::create(
        &dir.join("social_insights.csv"),
        &[
            "Post ID",
            "Network",
            "Published",
            "Audience",
            "Reactions",
            "Shares",
            "Comments",
            "Saves",
            "Reach",
            "Impressions",
        ],
    )?;
    let reels_from = cal.month(18);
    let mut followers = [("instagram", 850.0), ("facebook", 1200.0)];
    let mut n = 0;
    for d in cal.days() {
        for (platform, f) in &mut followers {
            let posts_today = if d.weekday().number_from_monday() % 2 == 1 {
                1
            } else {
                0
            };
            *f *= if *platform == "instagram" {
                1.0016
            } else {
                1.0004
            };
            for _ in 0..posts_today {
                n += 1;
                let reel = *platform == "instagram" && d >= reels_from && rng.random::<f64>() < 0.4;
                let share: f64 = rng.random_range(0.15..0.45);
                let reach = (*f * share * if reel { 2.2 } else { 1.0 }).round();
                let rate = if reel { 0.09 } else { 0.05 };
                let likes = poisson(rng, reach * rate);
                out.row([
                    format!("{platform}_{n:05}"),
                    (*platform).to_owned(),
                    to_utc(time_on(rng, d, 10, 21))
                        .format("%Y-%m-%d %H:%M:%S")
                        .to_string(),
                    format!("{:.0}", *f),
                    likes.to_string(),
                    poisson(rng, f64::from(likes) * 0.06).to_string(),
                    poisson(rng, f64::from(likes) * 0.08).to_string(),
                    poisson(rng, f64::from(likes) * 0.05).to_string(),
                    format!("{reach:.0}"),
                    format!("{:.0}", reach * rng.random_range(1.1..1.6)),
                ])?;
            }
        }
    }
    let mapping = r#"# The social scheduler's post insights (times in UTC).
source = "social_scheduler"
entity = "social_posts"
timezone = "UTC"

[columns]
post_id = "Post ID"
platform = "Network"
posted_at = "Published"
followers = "Audience"
likes = "Reactions"
shares = "Shares"
comments = "Comments"
saves = "Saves"
reach = "Reach"
impressions = "Impressions"
"#;
    Ok(Export::new("social_posts", out.finish()?)
        .with_mapping(write_text(&dir.join("social_insights.toml"), mapping)?))
}

fn write_email(dir: &std::path::Path, rng: &mut Rng8, cal: &Calendar) -> Result<Export, Error> {
    // Monthly newsletter, canonical columns.
    let mut out = CsvOut::create(
        &dir.join("newsletter.csv"),
        &[
            "campaign_id",
            "sent_at",
            "sent",
            "delivered",
            "opens",
            "clicks",
            "unsubscribes",
            "conversions",
        ],
    )?;
    for k in 0..24u32 {
        let d = cal.month(k) + Duration::days(4);
        let sent = 300 + 18 * k;
        let delivered = (f64::from(sent) * rng.random_range(0.97..0.995)).round() as u32;
        let opens = (f64::from(delivered) * rng.random_range(0.35..0.5)).round() as u32;
        let clicks = (f64::from(delivered) * rng.random_range(0.04..0.09)).round() as u32;
        out.row([
            format!("bp-{}", d.format("%Y-%m")),
            to_utc(d.and_hms_opt(18, 0, 0).unwrap_or_default()).to_rfc3339(),
            sent.to_string(),
            delivered.to_string(),
            opens.to_string(),
            clicks.to_string(),
            poisson(rng, f64::from(delivered) * 0.003).to_string(),
            poisson(rng, f64::from(clicks) * 0.2).to_string(),
        ])?;
    }
    Ok(Export::new("email_campaigns", out.finish()?))
}
