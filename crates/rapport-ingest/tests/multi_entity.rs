//! One export, every entity in it: Shopify's order export fills `orders`,
//! `order_items` and `customers` in one atomic load, each checked column
//! by column against the canonical tables.

use std::path::{Path, PathBuf};

use datafusion::arrow::util::display::{ArrayFormatter, FormatOptions};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use rapport_ingest::{
    CsvOptions, IngestRequest, IngestSummary, Input, NoProgress, Preset, Replace, ingest,
};
use rapport_schema::Entity;
use rapport_store::{Settings, Workspace};

/// A Shopify "Export orders" CSV, newest order first as Shopify writes it:
/// multi-line orders whose further lines carry only the Name, the e-mail
/// and the line item; a refunded and a cancelled order; a discount on the
/// order (#1005) and on a line (#1002); a custom item without a SKU; a
/// customer (Ana) who moved from Bucharest to Cluj between orders and whose
/// e-mail is capitalised once; an order with a currency written as a word
/// and one on 31 February, each quarantined with its line item (Cleo's
/// date does not make her a bad customer: her other order gives her row).
const EXPORT: &str = "\
Name,Email,Financial Status,Currency,Subtotal,Total,Discount Code,Discount Amount,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Lineitem discount,Billing City,Billing Province,Billing Country,Id,Source
#1007,cleo@x.ro,paid,RON,10.00,10.00,,0.00,2026-02-31 08:00:00 +0300,1,Cup,10.00,CUP-2,0.00,Nowhere,NW,RO,5007,web
#1006,dan@x.ro,paid,euro,10.00,10.00,,0.00,2026-10-21 08:00:00 +0300,1,Cup,10.00,CUP-2,0.00,Sofia,SF,BG,5006,web
#1005,ana@x.ro,paid,RON,90.00,81.00,TEN,9.00,2026-10-20 10:00:00 +0300,1,Lamp,60.00,LMP-1,0.00,Cluj-Napoca,CJ,RO,5005,web
#1005,ana@x.ro,,,,,,,,1,Bulb,30.00,,0.00,,,,,
#1004,bob@x.ro,voided,EUR,25.00,25.00,,0.00,2026-10-10 12:00:00 +0200,1,Cup,25.00,CUP-2,0.00,Berlin,BE,DE,5004,web
#1003,Ana@X.ro,refunded,RON,100.00,100.00,,0.00,2026-10-05 09:00:00 +0300,2,Mug,50.00,MUG-1,0.00,Bucharest,B,RO,5003,pos
#1002,cleo@x.ro,paid,RON,100.00,90.00,,0.00,2026-10-02 09:00:00 +0300,2,Plate,50.00,PLT-3,10.00,Iasi,IS,RO,5002,web
#1001,ana@x.ro,paid,RON,150.00,150.00,,0.00,2026-09-01 08:00:00 +0300,1,Mug,50.00,MUG-1,0.00,Bucharest,B,RO,5001,web
#1001,ana@x.ro,,,,,,,,2,Plate,50.00,PLT-3,0.00,,,,,
";

const ORDERS: &[&str] = &[
    "#1001 ana@x.ro 2026-09-01T05:00:00Z 150.0 RON completed web",
    "#1002 cleo@x.ro 2026-10-02T06:00:00Z 90.0 RON completed web",
    "#1003 ana@x.ro 2026-10-05T06:00:00Z 100.0 RON refunded pos",
    "#1004 bob@x.ro 2026-10-10T10:00:00Z 25.0 EUR cancelled web",
    "#1005 ana@x.ro 2026-10-20T07:00:00Z 81.0 RON completed web",
];

/// order_id, line, product_id, category, quantity, price: the unit price
/// before the line's discount (the order's Total has every discount).
const ITEMS: &[&str] = &[
    "#1001 1 MUG-1 ∅ 1 50.0",
    "#1001 2 PLT-3 ∅ 2 50.0",
    "#1002 1 PLT-3 ∅ 2 50.0",
    "#1003 1 MUG-1 ∅ 2 50.0",
    "#1004 1 CUP-2 ∅ 1 25.0",
    "#1005 1 LMP-1 ∅ 1 60.0",
    "#1005 2 Bulb ∅ 1 30.0",
];

/// customer_id, created_at, country, region, city: the latest order's
/// billing address, created at the first order.
const CUSTOMERS: &[&str] = &[
    "ana@x.ro 2026-09-01T05:00:00Z RO CJ Cluj-Napoca",
    "bob@x.ro 2026-10-10T10:00:00Z DE BE Berlin",
    "cleo@x.ro 2026-10-02T06:00:00Z RO IS Iasi",
    "dan@x.ro 2026-10-21T05:00:00Z BG SF Sofia",
];

fn workspace() -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().expect("tempdir");
    let ws = Workspace::init(dir.path(), Settings::default()).expect("workspace");
    ws.add_client("shop", "Shop").expect("client");
    (dir, ws)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write");
    path
}

fn shopify(
    ws: &Workspace,
    files: &[PathBuf],
    replace: Replace,
) -> rapport_ingest::Result<IngestSummary> {
    let preset = Preset::named("shopify-orders").expect("preset");
    ingest(
        ws,
        &IngestRequest {
            client: "shop".into(),
            entity: Entity::Orders,
            inputs: files.iter().cloned().map(Input::Path).collect(),
            mapping: Some(preset.mapping().expect("mapping")),
            csv: CsvOptions::default(),
            replace,
        },
        &NoProgress,
    )
}

/// The stored rows of an entity, `columns` of each joined by spaces
/// (`∅` for none), sorted.
fn table(ws: &Workspace, entity: Entity, columns: &[&str]) -> Vec<String> {
    let options = FormatOptions::default().with_null("∅");
    let mut rows = Vec::new();
    for file in ws.data_files("shop", entity).expect("files") {
        let reader =
            ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&file).expect("open"))
                .expect("parquet")
                .build()
                .expect("reader");
        for batch in reader {
            let batch = batch.expect("batch");
            let formatters: Vec<ArrayFormatter<'_>> = columns
                .iter()
                .map(|c| {
                    let array = batch.column_by_name(c).expect("column stored");
                    ArrayFormatter::try_new(array.as_ref(), &options).expect("formatter")
                })
                .collect();
            for i in 0..batch.num_rows() {
                let cells: Vec<String> =
                    formatters.iter().map(|f| f.value(i).to_string()).collect();
                rows.push(cells.join(" "));
            }
        }
    }
    rows.sort();
    rows
}

const ORDER_COLUMNS: &[&str] = &[
    "order_id",
    "customer_id",
    "ordered_at",
    "amount",
    "currency",
    "status",
    "channel",
];
const ITEM_COLUMNS: &[&str] = &[
    "order_id",
    "line",
    "product_id",
    "category",
    "quantity",
    "price",
];
const CUSTOMER_COLUMNS: &[&str] = &["customer_id", "created_at", "country", "region", "city"];

fn part<'a>(s: &'a IngestSummary, entity: &str) -> &'a IngestSummary {
    s.entities()
        .find(|p| p.entity == entity)
        .unwrap_or_else(|| panic!("no {entity} in the load"))
}

/// (read, loaded, quarantined, duplicates, continuation) of one entity,
/// checked to add up.
fn counts(s: &IngestSummary) -> (u64, u64, u64, u64, u64) {
    assert_eq!(
        s.loaded + s.quarantined + s.duplicates_skipped + s.continuation_rows,
        s.rows_read,
        "{} adds up",
        s.entity
    );
    (
        s.rows_read,
        s.loaded,
        s.quarantined,
        s.duplicates_skipped,
        s.continuation_rows,
    )
}

#[test]
fn a_shopify_export_fills_orders_line_items_and_customers_column_by_column() {
    let (dir, ws) = workspace();
    let file = write(dir.path(), "orders_export.csv", EXPORT);
    let s = shopify(&ws, &[file], Replace::Nothing).expect("loads");
    assert_eq!(table(&ws, Entity::Orders, ORDER_COLUMNS), ORDERS);
    assert_eq!(table(&ws, Entity::OrderItems, ITEM_COLUMNS), ITEMS);
    assert_eq!(table(&ws, Entity::Customers, CUSTOMER_COLUMNS), CUSTOMERS);
    // Every line is accounted for in every entity: 2 lines continue an
    // order; the two bad orders and their line items are quarantined;
    // Ana's other 4 lines and Cleo's bad one are merged into their rows.
    assert_eq!(counts(part(&s, "orders")), (9, 5, 2, 0, 2));
    assert_eq!(counts(part(&s, "order_items")), (9, 7, 2, 0, 0));
    assert_eq!(counts(part(&s, "customers")), (9, 4, 0, 0, 5));
    assert_eq!(part(&s, "customers").merged_rows, 5);
    let items = part(&s, "order_items");
    assert_eq!(
        (items.problems[0].rule.as_str(), items.problems[0].rows),
        ("parent_quarantined", 2)
    );
    assert!(
        items.problems[0].example.contains("#100"),
        "{:?}",
        items.problems
    );
    assert!(
        s.unaccounted_columns.is_empty(),
        "{:?}",
        s.unaccounted_columns
    );
    // One load per entity, committed together, from one source.
    let loads = ws.loads("shop", None).expect("loads");
    let entities: Vec<&str> = loads.iter().map(|l| l.entity.as_str()).collect();
    assert_eq!(entities, ["orders", "customers", "order_items"]);
    assert!(loads.iter().all(|l| l.source == "shopify"));
    assert!(
        loads
            .iter()
            .find(|l| l.entity == "customers")
            .is_some_and(|l| l.yields)
    );
}

#[test]
fn loading_the_same_export_again_adds_nothing_to_any_entity() {
    let (dir, ws) = workspace();
    let file = write(dir.path(), "orders_export.csv", EXPORT);
    shopify(&ws, std::slice::from_ref(&file), Replace::Nothing).expect("first");
    let again = shopify(&ws, &[file], Replace::Nothing).expect("again");
    assert_eq!(counts(part(&again, "orders")), (9, 0, 2, 5, 2));
    assert_eq!(counts(part(&again, "order_items")), (9, 0, 2, 7, 0));
    assert_eq!(counts(part(&again, "customers")), (9, 0, 0, 4, 5));
    assert_eq!(table(&ws, Entity::OrderItems, ITEM_COLUMNS), ITEMS);
    assert_eq!(table(&ws, Entity::Customers, CUSTOMER_COLUMNS), CUSTOMERS);
}

/// A CRM's export with canonical column names (source `crm`).
const CRM: &str = "customer_id,created_at,country,city,lifecycle_stage\n\
                   ana@x.ro,2024-01-15T10:00:00Z,RO,Brasov,loyal\n";

fn crm(ws: &Workspace, dir: &Path) -> IngestSummary {
    let file = write(dir, "crm.csv", CRM);
    ingest(
        ws,
        &IngestRequest {
            client: "shop".into(),
            entity: Entity::Customers,
            inputs: vec![Input::Path(file)],
            mapping: None,
            csv: CsvOptions::default(),
            replace: Replace::Nothing,
        },
        &NoProgress,
    )
    .expect("crm loads")
}

#[test]
fn a_crm_customer_keeps_its_row_unless_the_export_is_asked_to_replace_it() {
    let (dir, ws) = workspace();
    crm(&ws, dir.path());
    let file = write(dir.path(), "orders_export.csv", EXPORT);
    let s = shopify(&ws, std::slice::from_ref(&file), Replace::Nothing).expect("loads");
    let customers = part(&s, "customers");
    assert_eq!(counts(customers), (9, 3, 0, 1, 5));
    assert_eq!(customers.kept_existing, 1);
    let ana = |ws: &Workspace| {
        table(
            ws,
            Entity::Customers,
            &["customer_id", "city", "lifecycle_stage"],
        )
        .into_iter()
        .find(|r| r.starts_with("ana@"))
        .expect("ana")
    };
    assert_eq!(ana(&ws), "ana@x.ro Brasov loyal");
    // Asked for: the export's customers replace the CRM's; its orders and
    // line items are already loaded and stay as they are.
    let s = shopify(&ws, &[file], Replace::Only(vec![Entity::Customers])).expect("replaces");
    assert_eq!(part(&s, "customers").replaced, 1);
    assert_eq!(part(&s, "orders").replaced, 0);
    assert_eq!(ana(&ws), "ana@x.ro Cluj-Napoca ∅");
    assert_eq!(table(&ws, Entity::Customers, CUSTOMER_COLUMNS), CUSTOMERS);
}

#[test]
fn a_crm_loaded_after_the_export_replaces_the_customers_the_export_gave() {
    let (dir, ws) = workspace();
    let file = write(dir.path(), "orders_export.csv", EXPORT);
    shopify(&ws, &[file], Replace::Nothing).expect("loads");
    let s = crm(&ws, dir.path());
    assert_eq!((s.loaded, s.replaced, s.quarantined), (1, 1, 0));
    let rows = table(&ws, Entity::Customers, &["customer_id", "city"]);
    assert_eq!(rows.len(), 4);
    assert!(rows.contains(&"ana@x.ro Brasov".to_owned()), "{rows:?}");
}

#[test]
fn a_load_that_fails_in_one_entity_changes_none_of_them() {
    let (dir, ws) = workspace();
    let good = write(dir.path(), "page1.csv", EXPORT);
    // A second page whose line items lack their quantity: the orders and
    // customers read it, the line items cannot, so nothing may land.
    let broken = EXPORT.replace("Lineitem quantity", "Quantity");
    let bad = write(dir.path(), "page2.csv", &broken);
    let err = shopify(&ws, &[good, bad], Replace::Nothing).unwrap_err();
    assert!(err.to_string().contains("Lineitem quantity"), "{err}");
    assert!(ws.loads("shop", None).expect("loads").is_empty());
    for entity in [Entity::Orders, Entity::OrderItems, Entity::Customers] {
        assert!(ws.data_files("shop", entity).expect("files").is_empty());
    }
    // Nothing staged is left behind either.
    let left: Vec<_> = walk(dir.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let p = entry.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn fixture(name: &str) -> PathBuf {
    // Read at run time: a path compiled in goes stale when cargo reuses
    // this binary for another checkout sharing the target directory.
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("tests/fixtures/presets")
        .join(name)
}

fn woocommerce(ws: &Workspace, file: PathBuf) -> IngestSummary {
    let preset = Preset::named("woocommerce-orders").expect("preset");
    ingest(
        ws,
        &IngestRequest {
            client: "shop".into(),
            entity: Entity::Orders,
            inputs: vec![Input::Path(file)],
            mapping: Some(preset.mapping().expect("mapping")),
            csv: CsvOptions::default(),
            replace: Replace::Nothing,
        },
        &NoProgress,
    )
    .expect("loads")
}

#[test]
fn a_woocommerce_page_fills_line_items_from_each_orders_list_and_guests_as_customers() {
    let (_dir, ws) = workspace();
    // Order 727 has two line items, the second without a SKU; 728 is a
    // guest checkout (customer_id 0); Eva moved from Wien to Linz by 729,
    // and wrote her e-mail capitalised once.
    let s = woocommerce(&ws, fixture("woocommerce-orders.json"));
    assert_eq!(
        table(&ws, Entity::OrderItems, ITEM_COLUMNS),
        [
            "727 1 SCF-1 ∅ 2 29.95",
            "727 2 97 ∅ 1 0.0",
            "728 1 HAT-2 ∅ 1 19.0",
            "729 1 CT-3 ∅ 1 120.0",
        ]
    );
    assert_eq!(
        table(&ws, Entity::Customers, CUSTOMER_COLUMNS),
        [
            "eva@example.com 2026-10-02T09:15:00Z AT 4 Linz",
            "guest@example.com 2026-10-03T08:00:00Z AT 6 Graz",
        ]
    );
    assert_eq!(counts(part(&s, "orders")), (3, 3, 0, 0, 0));
    // The line items' rows are the lists' elements.
    assert_eq!(counts(part(&s, "order_items")), (4, 4, 0, 0, 0));
    assert_eq!(counts(part(&s, "customers")), (3, 2, 0, 0, 1));
    assert!(
        s.unaccounted_columns.is_empty(),
        "{:?}",
        s.unaccounted_columns
    );
}

#[test]
fn a_line_item_list_that_is_not_one_is_quarantined_with_its_reason() {
    let (dir, ws) = workspace();
    let page = r#"[{"id": 1, "status": "completed", "currency": "EUR", "total": "5.00",
        "date_created_gmt": "2026-10-02T09:15:00", "created_via": "checkout",
        "billing": {"email": "a@x.ro", "country": "RO", "city": "Iasi"},
        "line_items": [{"sku": "A", "quantity": 1, "price": 5}]},
      {"id": 2, "status": "completed", "currency": "EUR", "total": "5.00",
        "date_created_gmt": "2026-10-03T09:15:00", "created_via": "checkout",
        "billing": {"email": "b@x.ro", "country": "RO", "city": "Iasi"},
        "line_items": "lost in an export"},
      {"id": 3, "status": "completed", "currency": "EUR", "total": "0.00",
        "date_created_gmt": "2026-10-04T09:15:00", "created_via": "checkout",
        "billing": {"email": "c@x.ro", "country": "RO", "city": "Iasi"},
        "line_items": []}]"#;
    let s = woocommerce(&ws, write(dir.path(), "page.json", page));
    let items = part(&s, "order_items");
    // Order 2's list is quarantined as one row; order 3 has no items.
    assert_eq!(counts(items), (2, 1, 1, 0, 0));
    assert_eq!(
        (
            items.problems[0].rule.as_str(),
            items.problems[0].column.as_str()
        ),
        ("type", "line_items")
    );
    assert!(
        items.problems[0].example.contains("not a JSON list"),
        "{:?}",
        items.problems
    );
}
