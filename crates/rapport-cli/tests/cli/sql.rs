//! `rapport sql`: read-only, one client's tables only, three formats.

use crate::support::Ws;

fn two_clients() -> Ws {
    let ws = Ws::new();
    let a = ws.file("a.csv", "order_id,customer_id,ordered_at,amount,currency\na1,c1,2026-10-01T00:00:00Z,10,EUR\na2,c2,2026-10-02T00:00:00Z,20,EUR\n");
    let b = ws.file(
        "b.csv",
        "order_id,customer_id,ordered_at,amount,currency\nb1,c1,2026-10-01T00:00:00Z,500,EUR\n",
    );
    ws.ingest("acme", "orders", &[&a], &[]);
    ws.ingest("beta", "orders", &[&b], &[]);
    ws
}

#[test]
fn each_client_sees_only_its_own_rows() {
    let ws = two_clients();
    assert_eq!(ws.count("acme", "SELECT count(*) AS n FROM orders"), 2);
    assert_eq!(ws.count("beta", "SELECT count(*) AS n FROM orders"), 1);
    assert_eq!(
        ws.count(
            "acme",
            "SELECT count(*) AS n FROM orders WHERE client_id <> 'acme'"
        ),
        0
    );
    // No path to another client's files: not by schema, not by file path.
    let err = ws.fails(&["sql", "acme", "SELECT * FROM beta.orders"]);
    assert!(err.contains("not found"), "{err}");
    let beta_dir = ws.root().join("data/beta/orders");
    let err = ws.fails(&[
        "sql",
        "acme",
        &format!("SELECT * FROM '{}'", beta_dir.display()),
    ]);
    assert!(
        err.contains("not found") || err.contains("refused") || err.contains("not supported"),
        "{err}"
    );
    // Entities without loads are empty tables, not errors.
    assert_eq!(ws.count("acme", "SELECT count(*) AS n FROM web_events"), 0);
}

#[test]
fn statements_that_change_anything_are_refused() {
    let ws = two_clients();
    for q in [
        "CREATE TABLE x AS SELECT 1",
        "INSERT INTO orders SELECT * FROM orders",
        "DROP TABLE orders",
        "SET datafusion.execution.batch_size = 1",
        "COPY orders TO '/tmp/rapport-copy-test.csv'",
        "CREATE EXTERNAL TABLE t STORED AS CSV LOCATION '/etc/passwd'",
    ] {
        let err = ws.fails(&["sql", "acme", q]);
        assert!(
            err.contains("not supported") || err.contains("not allowed"),
            "{q}: {err}"
        );
    }
    assert_eq!(ws.count("acme", "SELECT count(*) AS n FROM orders"), 2);
}

#[test]
fn results_print_as_table_csv_and_json() {
    let ws = two_clients();
    let q = "SELECT order_id, amount FROM orders ORDER BY order_id";
    let table = ws.ok(&["sql", "acme", q]);
    assert!(
        table.contains("| order_id |") && table.contains("2 rows"),
        "{table}"
    );
    let csv = ws.ok(&["sql", "acme", q, "--format", "csv"]);
    assert_eq!(csv, "order_id,amount\na1,10.0\na2,20.0\n");
    let rows = ws.sql("acme", q);
    assert_eq!(rows[1]["order_id"], "a2");
    assert_eq!(rows[1]["amount"], 20.0);
    let empty = ws.ok(&[
        "sql",
        "acme",
        "SELECT * FROM orders WHERE amount < 0",
        "--format",
        "json",
    ]);
    assert_eq!(empty.trim(), "[]");
}

#[test]
fn list_columns_come_out_as_csv_text_that_loads_back() {
    let ws = Ws::new();
    let customers = ws.file(
        "customers.csv",
        "customer_id,created_at,interests\nc1,2026-10-01T00:00:00Z,sport;travel\nc2,2026-10-02T00:00:00Z,\n",
    );
    ws.ingest("acme", "customers", &[&customers], &[]);
    let csv = ws.ok(&[
        "sql",
        "acme",
        "SELECT customer_id, interests FROM customers ORDER BY customer_id",
        "--format",
        "csv",
    ]);
    assert_eq!(csv, "customer_id,interests\nc1,sport;travel\nc2,\n");
}
