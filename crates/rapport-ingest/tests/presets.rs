//! Every source preset loads its fixture — a few rows written from the
//! tool's documented export layout, with the tool's quirks — and every
//! canonical column of every loaded row is checked.

use std::path::{Path, PathBuf};

use datafusion::arrow::array::{Array, AsArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::DataType;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rapport_ingest::{
    CsvOptions, IngestRequest, IngestSummary, Input, NoProgress, PRESETS, Preset, detect,
    read_header,
};
use rapport_store::{Settings, Workspace};

fn fixture(name: &str) -> PathBuf {
    // The directory `cargo test` runs us for, read at run time: a path
    // compiled in goes stale when cargo reuses this binary for a checkout
    // elsewhere that shares the target directory (as CI's clone does).
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from);
    manifest_dir.join("tests/fixtures/presets").join(name)
}

struct Loaded {
    summary: IngestSummary,
    /// One line per stored row: `column=value` for every canonical column,
    /// `∅` for missing values.
    rows: Vec<String>,
    _dir: tempfile::TempDir,
}

fn load_with(preset: &str, input: &Path, set: &[(&str, &str)]) -> Loaded {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::init(dir.path(), Settings::default()).expect("workspace");
    ws.add_client("acme", "Acme").expect("client");
    let preset = Preset::named(preset).expect("preset exists");
    let mut mapping = preset.mapping().expect("preset mapping");
    for (k, v) in set {
        mapping.constants.insert((*k).to_owned(), (*v).to_owned());
    }
    let entity = preset.entity().expect("entity");
    let summary = rapport_ingest::ingest(
        &ws,
        &IngestRequest {
            client: "acme".into(),
            entity,
            inputs: vec![Input::Path(input.to_owned())],
            mapping: Some(mapping),
            csv: CsvOptions::default(),
            replace: rapport_ingest::Replace::Nothing,
        },
        &NoProgress,
    )
    .unwrap_or_else(|e| panic!("{}: {e}", preset.name));
    assert_eq!(
        summary.loaded
            + summary.quarantined
            + summary.duplicates_skipped
            + summary.continuation_rows,
        summary.rows_read,
        "the summary adds up"
    );
    let mut rows = Vec::new();
    for file in ws.data_files("acme", entity).expect("data files") {
        let reader = ParquetRecordBatchReaderBuilder::try_new(
            std::fs::File::open(&file).expect("open data"),
        )
        .expect("parquet")
        .build()
        .expect("reader");
        for batch in reader {
            let batch = batch.expect("batch");
            let columns: Vec<(String, Vec<String>)> = entity
                .spec()
                .columns
                .iter()
                .map(|c| {
                    let a = batch
                        .column_by_name(c.name)
                        .expect("canonical column stored");
                    (c.name.to_owned(), render(a))
                })
                .collect();
            for i in 0..batch.num_rows() {
                rows.push(
                    columns
                        .iter()
                        .map(|(n, v)| format!("{n}={}", v[i]))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
        }
    }
    Loaded {
        summary,
        rows,
        _dir: dir,
    }
}

fn load(preset: &str, file: &str, set: &[(&str, &str)]) -> Loaded {
    load_with(preset, &fixture(file), set)
}

fn render(a: &dyn Array) -> Vec<String> {
    let text = match a.data_type() {
        DataType::List(_) => {
            let l = a.as_list::<i32>();
            return (0..l.len())
                .map(|i| {
                    if l.is_null(i) {
                        return "∅".to_owned();
                    }
                    let items = cast(&l.value(i), &DataType::Utf8).expect("cast");
                    let items = items.as_string::<i32>();
                    (0..items.len())
                        .map(|j| items.value(j).to_owned())
                        .collect::<Vec<_>>()
                        .join(";")
                })
                .collect();
        }
        _ => cast(a, &DataType::Utf8).expect("cast to text"),
    };
    let s = text.as_string::<i32>();
    (0..s.len())
        .map(|i| {
            if s.is_null(i) {
                "∅".to_owned()
            } else {
                s.value(i).to_owned()
            }
        })
        .collect()
}

fn assert_rows(l: &Loaded, expected: &[&str]) {
    let got: Vec<&str> = l.rows.iter().map(String::as_str).collect();
    assert_eq!(got, expected, "stored rows");
}

fn rules(l: &Loaded) -> Vec<(String, String, u64)> {
    l.summary
        .problems
        .iter()
        .map(|p| (p.rule.clone(), p.column.clone(), p.rows))
        .collect()
}

const SHOPIFY: &[&str] = &[
    "order_id=#1001 customer_id=ana.pop@example.com ordered_at=2026-10-01T06:15:04Z amount=215.0 currency=RON status=completed channel=web items=∅",
    "order_id=#1002 customer_id=bob@example.com ordered_at=2026-10-03T15:59:30Z amount=1250.0 currency=EUR status=refunded channel=pos items=∅",
    "order_id=#1003 customer_id=carla@example.com ordered_at=2026-10-05T16:00:00Z amount=25.0 currency=USD status=cancelled channel=web items=∅",
    "order_id=#1004 customer_id=dan@example.com ordered_at=2026-10-31T14:29:59Z amount=3000.0 currency=JPY status=completed channel=web items=∅",
];

#[test]
fn shopify_orders_keep_each_orders_currency_and_offset_and_skip_line_item_rows() {
    // Quirks: a second line item repeating #1001 with the order fields
    // empty, a quoted two-line note, "1,250.00", offsets in the times, a
    // zero-decimal currency and a trailing empty line.
    let l = load("shopify-orders", "shopify-orders.csv", &[]);
    assert_rows(&l, SHOPIFY);
    assert_eq!(
        (
            l.summary.rows_read,
            l.summary.duplicates_skipped,
            l.summary.continuation_rows
        ),
        (5, 0, 1)
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn woocommerce_orders_from_nested_api_json() {
    let l = load("woocommerce-orders", "woocommerce-orders.json", &[]);
    assert_rows(
        &l,
        &[
            "order_id=727 customer_id=eva@example.com ordered_at=2026-10-02T09:15:00Z amount=64.9 currency=EUR status=completed channel=checkout items=∅",
            "order_id=728 customer_id=guest@example.com ordered_at=2026-10-03T08:00:00Z amount=19.0 currency=EUR status=cancelled channel=admin items=∅",
            "order_id=729 customer_id=eva@example.com ordered_at=2026-10-04T08:00:00Z amount=120.0 currency=EUR status=refunded channel=checkout items=∅",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn stripe_charges_turn_minor_units_into_amounts_by_currency_exponent() {
    // 1999 USD cents, 500 JPY (no minor unit), 12345 KWD fils (three).
    let l = load("stripe-charges", "stripe-charges.ndjson", &[]);
    assert_rows(
        &l,
        &[
            "order_id=ch_3Nk1 customer_id=cus_A1 ordered_at=2026-09-21T14:13:20Z amount=19.99 currency=USD status=completed channel=stripe items=∅",
            "order_id=ch_3Nk2 customer_id=Ken@Example.jp ordered_at=2026-09-21T15:13:20Z amount=500.0 currency=JPY status=refunded channel=stripe items=∅",
            "order_id=ch_3Nk3 customer_id=cus_K9 ordered_at=2026-09-21T16:13:20Z amount=12.345 currency=KWD status=cancelled channel=stripe items=∅",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn stripe_charges_load_from_an_api_list_page_as_the_cli_prints_it() {
    // `stripe charges list` prints {"object": "list", "data": [...]}, pretty.
    let page = load("stripe-charges", "stripe-charges-list-page.json", &[]);
    let lines = load("stripe-charges", "stripe-charges.ndjson", &[]);
    assert_eq!(page.rows, lines.rows);
    assert_eq!(page.rows.len(), 3);
    assert!(
        page.summary.unaccounted_columns.is_empty(),
        "{:?}",
        page.summary.unaccounted_columns
    );
}

#[test]
fn stripe_subscriptions_give_monthly_recurring_revenue() {
    // 3 × 15.00 USD a month; 1 200.00 EUR a year; 3 000 JPY every 3 months.
    let l = load("stripe-subscriptions", "stripe-subscriptions.json", &[]);
    assert_rows(
        &l,
        &[
            "subscription_id=sub_1 customer_id=cus_A1 plan=Team started_at=2026-05-28T20:26:40Z ended_at=∅ mrr=45.0 currency=USD",
            "subscription_id=sub_2 customer_id=cus_B2 plan=price_pro_year started_at=2026-02-02T02:40:00Z ended_at=2026-07-25T17:20:00Z mrr=100.0 currency=EUR",
            "subscription_id=sub_3 customer_id=cus_C3 plan=Quarterly started_at=2026-09-10T00:26:40Z ended_at=∅ mrr=1000.0 currency=JPY",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn google_ads_report_skips_title_lines_and_total_rows() {
    let l = load("google-ads-campaigns", "google-ads-campaigns.csv", &[]);
    assert_rows(
        &l,
        &[
            "date=2026-10-01 channel=google_ads campaign=Autumn Sale impressions=12408 clicks=315 spend=129.15 conversions=12.5 conversion_value=1034.2 currency=EUR",
            "date=2026-10-01 channel=google_ads campaign=Brand impressions=980 clicks=88 spend=17.6 conversions=∅ conversion_value=∅ currency=EUR",
            "date=2026-10-02 channel=google_ads campaign=Autumn Sale impressions=11002 clicks=290 spend=124.7 conversions=9.0 conversion_value=744.0 currency=EUR",
        ],
    );
    assert_eq!((l.summary.rows_read, l.summary.report_rows_skipped), (3, 2));
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn meta_ads_read_the_spend_column_whatever_its_currency_suffix() {
    let l = load("meta-ads", "meta-ads.csv", &[]);
    assert_rows(
        &l,
        &[
            "date=2026-10-01 channel=meta_ads campaign=Retargeting – Oct impressions=9034 clicks=211 spend=310.55 conversions=4.0 conversion_value=1288.4 currency=RON",
            "date=2026-10-01 channel=meta_ads campaign=Prospecting impressions=1507 clicks=19 spend=45.1 conversions=∅ conversion_value=∅ currency=RON",
            "date=2026-10-02 channel=meta_ads campaign=Retargeting – Oct impressions=8800 clicks=190 spend=298.0 conversions=2.0 conversion_value=402.0 currency=RON",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

const GA4: &[&str] = &[
    "event_id=111.222|1790841600123456|page_view|7|0 ts=2026-10-01T08:00:00.123456Z event_type=page_view session_id=111.222|1790841600 customer_id=∅ anonymous_id=111.222 page=https://shop.example/ product_id=∅ revenue=∅ utm_source=newsletter utm_medium=email utm_campaign=autumn device=mobile",
    "event_id=111.222|1790841660000001|view_item|7|1 ts=2026-10-01T08:01:00.000001Z event_type=product_view session_id=111.222|1790841600 customer_id=∅ anonymous_id=111.222 page=https://shop.example/p/mug product_id=∅ revenue=∅ utm_source=∅ utm_medium=∅ utm_campaign=∅ device=mobile",
    "event_id=111.222|1790841700000000|add_to_cart|7|2 ts=2026-10-01T08:01:40Z event_type=add_to_cart session_id=111.222|1790841600 customer_id=C-9 anonymous_id=111.222 page=https://shop.example/p/mug product_id=∅ revenue=∅ utm_source=facebook utm_medium=social utm_campaign=retarget device=mobile",
    "event_id=111.222|1790841800000000|purchase|7|3 ts=2026-10-01T08:03:20Z event_type=purchase session_id=111.222|1790841600 customer_id=C-9 anonymous_id=111.222 page=https://shop.example/checkout/thanks product_id=∅ revenue=50.0 utm_source=∅ utm_medium=∅ utm_campaign=∅ device=mobile",
    "event_id=333.444|1790928000000000|session_start|7|0 ts=2026-10-02T08:00:00Z event_type=session_start session_id=333.444|1790928000 customer_id=∅ anonymous_id=333.444 page=https://shop.example/blog product_id=∅ revenue=∅ utm_source=∅ utm_medium=∅ utm_campaign=∅ device=desktop",
];

#[test]
fn ga4_ndjson_reads_nested_params_and_microsecond_times() {
    let l = load("ga4-bigquery-events", "ga4-bigquery-events.ndjson", &[]);
    assert_rows(&l, GA4);
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn ga4_parquet_with_nested_records_loads_the_same_rows() {
    use datafusion::arrow::json::ReaderBuilder;
    use datafusion::arrow::json::reader::infer_json_schema_from_seekable;
    let dir = tempfile::tempdir().expect("tempdir");
    let src = fixture("ga4-bigquery-events.ndjson");
    let mut file = std::io::BufReader::new(std::fs::File::open(&src).expect("open"));
    let (schema, _) = infer_json_schema_from_seekable(&mut file, None).expect("schema");
    let schema = std::sync::Arc::new(schema);
    let reader = ReaderBuilder::new(schema.clone())
        .build(file)
        .expect("json reader");
    let out = dir.path().join("events_20261001.parquet");
    let mut writer = parquet::arrow::ArrowWriter::try_new(
        std::fs::File::create(&out).expect("create"),
        schema,
        None,
    )
    .expect("writer");
    for batch in reader {
        writer.write(&batch.expect("batch")).expect("write");
    }
    writer.close().expect("close");
    let l = load_with("ga4-bigquery-events", &out, &[]);
    assert_rows(&l, GA4);
}

#[test]
fn zendesk_tickets_add_first_reply_minutes_and_quarantine_unknown_channels() {
    // Quirks: a quoted two-line subject, "1,500" minutes, an unknown Via.
    let l = load("zendesk-tickets", "zendesk-tickets.csv", &[]);
    assert_rows(
        &l,
        &[
            "ticket_id=4101 opened_at=2026-10-01T09:00:00Z channel=email customer_id=ana.pop@example.com first_response_at=2026-10-01T09:35:00Z resolved_at=2026-10-01T11:00:00Z contacts=1 escalated=false lifecycle_stage=∅ category=question",
            "ticket_id=4102 opened_at=2026-10-03T17:00:00Z channel=phone customer_id=bob@example.com first_response_at=2026-10-04T18:00:00Z resolved_at=2026-10-05T10:30:00Z contacts=4 escalated=true lifecycle_stage=∅ category=incident",
            "ticket_id=4103 opened_at=2026-10-31T23:50:00Z channel=chat customer_id=carla@example.com first_response_at=∅ resolved_at=∅ contacts=0 escalated=false lifecycle_stage=∅ category=∅",
        ],
    );
    assert_eq!(
        rules(&l),
        [("allowed_values".to_owned(), "channel".to_owned(), 1)]
    );
    assert!(l.summary.problems[0].example.contains("Carrier pigeon"));
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn freshdesk_tickets_fall_back_to_the_contact_id() {
    let l = load("freshdesk-tickets", "freshdesk-tickets.csv", &[]);
    assert_rows(
        &l,
        &[
            "ticket_id=21 opened_at=2026-10-02T08:00:00Z channel=email customer_id=eve@example.com first_response_at=2026-10-02T08:30:00Z resolved_at=2026-10-02T12:00:00Z contacts=1 escalated=∅ lifecycle_stage=∅ category=Incident",
            "ticket_id=22 opened_at=2026-10-04T10:00:00Z channel=chat customer_id=77002 first_response_at=2026-10-04T10:02:00Z resolved_at=2026-10-06T10:00:00Z contacts=3 escalated=∅ lifecycle_stage=∅ category=Question",
            "ticket_id=23 opened_at=2026-10-30T16:00:00Z channel=phone customer_id=gus@example.com first_response_at=∅ resolved_at=∅ contacts=1 escalated=∅ lifecycle_stage=∅ category=∅",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn typeform_finds_the_recommend_question_by_its_wording() {
    let l = load("typeform-nps", "typeform-nps.csv", &[]);
    assert_rows(
        &l,
        &[
            "response_id=r8y2k1 responded_at=2026-10-01T09:00:12Z survey=nps score=10.0 customer_id=C-1 scale_min=0.0 scale_max=10.0 comment=Fast delivery,\nlovely mugs touchpoint=typeform channel=∅",
            "response_id=r8y2k2 responded_at=2026-10-02T10:01:00Z survey=nps score=6.0 customer_id=∅ scale_min=0.0 scale_max=10.0 comment=∅ touchpoint=typeform channel=∅",
        ],
    );
    assert_eq!(
        rules(&l),
        [("out_of_scale".to_owned(), "score".to_owned(), 1)]
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn delighted_responses_with_offsets() {
    let l = load("delighted-nps", "delighted-nps.csv", &[]);
    assert_rows(
        &l,
        &[
            "response_id=901 responded_at=2026-10-01T06:00:00Z survey=nps score=9.0 customer_id=ana.pop@example.com scale_min=0.0 scale_max=10.0 comment=Love it.\nKeep going! touchpoint=delighted channel=email",
            "response_id=902 responded_at=2026-10-02T16:30:00Z survey=nps score=3.0 customer_id=bob@example.com scale_min=0.0 scale_max=10.0 comment=Too expensive touchpoint=delighted channel=web",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn mailchimp_report_reads_twelve_hour_times_and_thousands() {
    let l = load("mailchimp-campaigns", "mailchimp-campaigns.csv", &[]);
    assert_rows(
        &l,
        &[
            "campaign_id=a1b2c3d4e5 sent_at=2026-10-05T09:30:00Z sent=5120 delivered=5001 opens=2210 clicks=412 unsubscribes=14 conversions=∅",
            "campaign_id=f6e5d4c3b2 sent_at=2026-10-20T18:15:00Z sent=800 delivered=790 opens=150 clicks=20 unsubscribes=9 conversions=∅",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn social_post_exports_need_the_follower_count_and_say_how() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::init(dir.path(), Settings::default()).expect("workspace");
    ws.add_client("acme", "Acme").expect("client");
    let preset = Preset::named("facebook-page-posts").expect("preset");
    let err = rapport_ingest::ingest(
        &ws,
        &IngestRequest {
            client: "acme".into(),
            entity: preset.entity().expect("entity"),
            inputs: vec![Input::Path(fixture("facebook-page-posts.csv"))],
            mapping: Some(preset.mapping().expect("mapping")),
            csv: CsvOptions::default(),
            replace: rapport_ingest::Replace::Nothing,
        },
        &NoProgress,
    )
    .expect_err("followers are missing")
    .to_string();
    assert!(
        err.contains("`followers`") && err.contains("--set followers=N"),
        "{err}"
    );

    let l = load(
        "facebook-page-posts",
        "facebook-page-posts.csv",
        &[("followers", "5400")],
    );
    assert_rows(
        &l,
        &[
            "post_id=1234567890_111 platform=facebook posted_at=2026-10-01T09:30:00Z followers=5400 likes=150 shares=9 comments=12 saves=∅ reach=2950 impressions=3410",
            "post_id=1234567890_112 platform=facebook posted_at=2026-10-05T18:00:00Z followers=5400 likes=14 shares=0 comments=2 saves=∅ reach=870 impressions=980",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
    let l = load(
        "instagram-posts",
        "instagram-posts.csv",
        &[("followers", "12000")],
    );
    assert_rows(
        &l,
        &[
            "post_id=17890000000000001 platform=instagram posted_at=2026-10-02T12:00:00Z followers=12000 likes=402 shares=17 comments=33 saves=61 reach=3100 impressions=4002",
            "post_id=17890000000000002 platform=instagram posted_at=2026-10-09T19:45:00Z followers=12000 likes=1203 shares=96 comments=71 saves=140 reach=9955 impressions=12480",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn hubspot_contacts_without_email_are_quarantined() {
    let l = load("hubspot-contacts", "hubspot-contacts.csv", &[]);
    assert_rows(
        &l,
        &[
            "customer_id=ana.pop@example.com created_at=2025-03-14T10:22:00Z country=Romania region=Cluj city=Cluj-Napoca birth_year=∅ gender=∅ company_type=∅ industry=Retail acquisition_channel=organic_search acquisition_cost=∅ interests=∅ plan=∅ lifecycle_stage=customer",
            "customer_id=bob@example.com created_at=2026-09-30T23:59:00Z country=Germany region=Berlin city=Berlin birth_year=∅ gender=∅ company_type=∅ industry=∅ acquisition_channel=paid_social acquisition_cost=∅ interests=∅ plan=∅ lifecycle_stage=lead",
        ],
    );
    assert_eq!(
        rules(&l),
        [("required".to_owned(), "customer_id".to_owned(), 1)]
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

#[test]
fn hubspot_contacts_from_an_api_page() {
    let l = load("hubspot-contacts-api", "hubspot-contacts-api.json", &[]);
    assert_rows(
        &l,
        &[
            "customer_id=ana.pop@example.com created_at=2025-03-14T10:22:11.123Z country=Romania region=Cluj city=Cluj-Napoca birth_year=∅ gender=∅ company_type=∅ industry=Retail acquisition_channel=organic_search acquisition_cost=∅ interests=∅ plan=∅ lifecycle_stage=customer",
            "customer_id=bob@example.com created_at=2026-09-30T21:59:00Z country=Germany region=∅ city=Berlin birth_year=∅ gender=∅ company_type=∅ industry=∅ acquisition_channel=paid_social acquisition_cost=∅ interests=∅ plan=∅ lifecycle_stage=lead",
        ],
    );
    assert!(
        l.summary.unaccounted_columns.is_empty(),
        "{:?}",
        l.summary.unaccounted_columns
    );
}

/// The fixture of every preset, by the preset's name.
fn fixture_of(preset: &str) -> PathBuf {
    let dir = fixture("");
    std::fs::read_dir(&dir)
        .expect("fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(preset))
        .unwrap_or_else(|| panic!("no fixture for preset {preset}"))
}

#[test]
fn detection_proposes_each_fixtures_own_preset_first() {
    for p in PRESETS {
        let path = fixture_of(p.name);
        let csv = CsvOptions {
            skip_lines: p.mapping().expect("mapping").skip_lines,
            ..CsvOptions::default()
        };
        let header = read_header(&path, csv).expect("header");
        let fits = detect(&header).expect("detect");
        assert_eq!(
            fits[0].preset.name,
            p.name,
            "{}: {:?}",
            path.display(),
            fits[0]
        );
        assert!(fits[0].matches && fits[0].missing.is_empty());
        // No other preset fits as completely.
        assert!(
            fits[1..]
                .iter()
                .all(|f| !f.matches || f.known_share < fits[0].known_share),
            "{}: {:?}",
            p.name,
            &fits[1]
        );
    }
}

#[test]
fn detection_of_a_foreign_header_shows_the_closest_preset_and_what_differs() {
    let header: Vec<String> = ["Name", "Email", "Created at", "Total", "Notes"]
        .map(str::to_owned)
        .to_vec();
    let fits = detect(&header).expect("detect");
    let best = &fits[0];
    assert!(!best.matches);
    assert_eq!(best.preset.name, "shopify-orders");
    assert_eq!(best.missing, ["Currency"]);
}

#[test]
fn reloading_a_shopify_export_loads_nothing_new() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::init(dir.path(), Settings::default()).expect("workspace");
    ws.add_client("acme", "Acme").expect("client");
    let preset = Preset::named("shopify-orders").expect("preset");
    let request = IngestRequest {
        client: "acme".into(),
        entity: preset.entity().expect("entity"),
        inputs: vec![Input::Path(fixture("shopify-orders.csv"))],
        mapping: Some(preset.mapping().expect("mapping")),
        csv: CsvOptions::default(),
        replace: rapport_ingest::Replace::Nothing,
    };
    let first = rapport_ingest::ingest(&ws, &request, &NoProgress).expect("first load");
    let again = rapport_ingest::ingest(&ws, &request, &NoProgress).expect("second load");
    assert_eq!(first.loaded, 4);
    assert_eq!(
        (
            again.loaded,
            again.duplicates_skipped,
            again.continuation_rows,
            again.rows_read
        ),
        (0, 4, 1, 5)
    );
}

#[test]
fn absurd_durations_and_unknown_intervals_are_quarantined_not_wrapped() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tickets = dir.path().join("zendesk.csv");
    std::fs::write(
        &tickets,
        "Id,Requester email,Via,Created at,Solved at,Replies,First reply time in minutes\n\
         1,a@b.c,Mail,2026-10-01 09:00,,1,1e300\n\
         2,a@b.c,Mail,2026-10-01 09:00,,1,-5\n\
         3,a@b.c,Mail,2026-10-01 09:00,,1,15\n",
    )
    .expect("write");
    let l = load_with("zendesk-tickets", &tickets, &[]);
    assert_eq!(l.summary.loaded, 1);
    assert_eq!(
        rules(&l),
        [("type".to_owned(), "first_response_at".to_owned(), 2)]
    );
    let subs = dir.path().join("subs.ndjson");
    std::fs::write(
        &subs,
        r#"{"id":"sub_9","customer":"cus_9","start_date":1780000000,"currency":"usd","quantity":1,"plan":{"id":"p","amount":1000,"interval":"fortnight","interval_count":1}}
{"id":"sub_10","customer":"cus_9","start_date":1780000000,"currency":"usd","quantity":"inf","plan":{"id":"p","amount":1000,"interval":"month","interval_count":1}}
"#,
    )
    .expect("write");
    let l = load_with("stripe-subscriptions", &subs, &[]);
    assert_eq!(l.summary.loaded, 0);
    assert_eq!(rules(&l), [("type".to_owned(), "mrr".to_owned(), 2)]);
    assert!(
        l.summary.problems[0].example.contains("plan.interval")
            || l.summary.problems[0].example.contains("quantity")
    );
}

#[test]
fn an_export_saved_in_a_decimal_comma_locale_loads_with_the_separator_declared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::init(dir.path(), Settings::default()).expect("workspace");
    ws.add_client("acme", "Acme").expect("client");
    let preset = Preset::named("meta-ads").expect("preset");
    let mut mapping = preset.mapping().expect("mapping");
    mapping.decimal_separator = Some(',');
    let s = rapport_ingest::ingest(
        &ws,
        &IngestRequest {
            client: "acme".into(),
            entity: preset.entity().expect("entity"),
            inputs: vec![Input::Path(fixture("meta-ads-de-locale.csv"))],
            mapping: Some(mapping),
            csv: CsvOptions::default(),
            replace: rapport_ingest::Replace::Nothing,
        },
        &NoProgress,
    )
    .expect("loads");
    assert_eq!(s.loaded, 1, "{:?}", s.problems);
    let file = &ws
        .data_files("acme", preset.entity().expect("entity"))
        .expect("files")[0];
    let batch = ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(file).expect("open"))
        .expect("parquet")
        .build()
        .expect("reader")
        .next()
        .expect("a batch")
        .expect("batch");
    let get = |c: &str| render(batch.column_by_name(c).expect("column"))[0].clone();
    assert_eq!(
        (get("impressions"), get("spend"), get("conversion_value")),
        ("9034".into(), "310.55".into(), "1288.4".into())
    );
}
