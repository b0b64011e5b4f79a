//! `rapport ingest --postgres`: a real PostgreSQL server on 127.0.0.1,
//! started and stopped by the test (`scripts/test` installs Debian's
//! `postgresql` package when it is missing).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{Ws, n};

/// A throw-away PostgreSQL cluster listening on 127.0.0.1.
struct Postgres {
    bin: PathBuf,
    dir: tempfile::TempDir,
    port: u16,
    as_root: bool,
}

fn pg_bin() -> PathBuf {
    if let Ok(dir) = std::env::var("RAPPORT_PG_BIN")
        && !dir.is_empty()
    {
        return PathBuf::from(dir);
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path().join("bin"))
                .filter(|b| b.join("initdb").is_file())
                .collect()
        })
        .unwrap_or_default();
    found.sort();
    found.pop().unwrap_or_else(|| {
        panic!("PostgreSQL server binaries not found: run the tests with `scripts/test`, which installs Debian's `postgresql` package, or set RAPPORT_PG_BIN")
    })
}

impl Postgres {
    fn start() -> Postgres {
        let bin = pg_bin();
        let dir = tempfile::tempdir().expect("temp dir");
        let uid = Command::new("id").arg("-u").output().expect("id -u");
        // initdb refuses to run as root: run the server as the `postgres` user.
        let as_root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
        if as_root {
            let ok = Command::new("chown")
                .arg("-R")
                .arg("postgres")
                .arg(dir.path())
                .status()
                .expect("chown");
            assert!(ok.success(), "chown to postgres failed");
        }
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("free port");
        let pg = Postgres {
            bin,
            dir,
            port,
            as_root,
        };
        let data = pg.data();
        pg.run(
            "initdb",
            &[
                "-D",
                &data,
                "-A",
                "trust",
                "-U",
                "rapport",
                "-E",
                "UTF8",
                "--no-sync",
            ],
        );
        let options = format!(
            "-h 127.0.0.1 -p {port} -k {} -c fsync=off",
            pg.dir.path().display()
        );
        let log = pg.dir.path().join("server.log");
        pg.run(
            "pg_ctl",
            &[
                "-D",
                &data,
                "-o",
                &options,
                "-l",
                &log.display().to_string(),
                "-w",
                "-t",
                "60",
                "start",
            ],
        );
        pg
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    fn command(&self, tool: &str) -> Command {
        let exe = self.bin.join(tool);
        if self.as_root {
            let mut c = Command::new("runuser");
            c.args(["-u", "postgres", "--"]).arg(exe);
            c
        } else {
            Command::new(exe)
        }
    }

    fn run(&self, tool: &str, args: &[&str]) {
        let out = self
            .command(tool)
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("run PostgreSQL tool");
        assert!(
            out.status.success(),
            "{tool} {args:?} failed:\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    fn psql(&self, db: &str, sql: &str) {
        let port = self.port.to_string();
        self.run(
            "psql",
            &[
                "-h",
                "127.0.0.1",
                "-p",
                &port,
                "-U",
                "rapport",
                "-d",
                db,
                "-v",
                "ON_ERROR_STOP=1",
                "-q",
                "-c",
                sql,
            ],
        );
    }

    fn url(&self, db: &str) -> String {
        format!("postgres://rapport:s3cret-pw@127.0.0.1:{}/{db}", self.port)
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .args(["-D", &data, "-m", "immediate", "-w", "stop"])
            .output();
    }
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

#[test]
fn rows_from_a_postgres_query_load_like_a_file() {
    let pg = Postgres::start();
    pg.psql("postgres", "CREATE DATABASE shop");
    pg.psql(
        "shop",
        "CREATE TABLE sales (ref text, buyer text, at timestamptz, total numeric(10,2), cur char(3), note text);
         INSERT INTO sales VALUES
           ('s1', 'c1', '2026-10-01 10:00:00+03', 12.50, 'EUR', 'first, with comma'),
           ('s2', 'c2', '2026-10-02 11:30:00+00', 99.99, 'RON', E'two\\nlines'),
           ('s3', 'c3', '2026-10-03 12:00:00+00', -5.00, 'EUR', NULL),
           ('s4', NULL, '2026-10-04 12:00:00+00', 5.00, 'EUR', NULL);",
    );
    let ws = Ws::new();
    let mapping = ws.file(
        "sales.toml",
        "source = \"shop_db\"\n[columns]\norder_id = \"ref\"\ncustomer_id = \"buyer\"\nordered_at = \"at\"\namount = \"total\"\ncurrency = \"cur\"\n",
    );
    let url = pg.url("shop");
    let args = [
        "ingest",
        "acme",
        "orders",
        "--postgres",
        &url,
        "--query",
        "SELECT * FROM sales ORDER BY ref",
        "--mapping",
        path_str(&mapping),
        "--format",
        "json",
    ];
    let out = ws.ok(&args);
    assert!(
        !out.contains("s3cret-pw"),
        "the password must not be printed: {out}"
    );
    let s: serde_json::Value = serde_json::from_str(&out).expect("json");
    crate::support::assert_adds_up(&s);
    assert_eq!(
        (n(&s, "rows_read"), n(&s, "loaded"), n(&s, "quarantined")),
        (4, 2, 2),
        "{s}"
    );
    let rows = ws.sql("acme", "SELECT order_id, CAST(ordered_at AS VARCHAR) AS t, amount, currency, source FROM orders ORDER BY order_id");
    assert_eq!(
        rows[0]["t"].as_str().map(|t| &t[..19]),
        Some("2026-10-01T07:00:00"),
        "{rows:?}"
    );
    assert_eq!(rows[1]["amount"], 99.99);
    assert_eq!(rows[1]["currency"], "RON");
    assert_eq!(rows[1]["source"], "shop_db");
    // Idempotent like files, and the catalog keeps no password.
    let again: serde_json::Value = serde_json::from_str(&ws.ok(&args)).expect("json");
    assert_eq!(n(&again, "duplicates_skipped"), 2);
    let loads = ws.ok(&["loads", "acme", "--format", "json"]);
    assert!(
        !loads.contains("s3cret-pw") && loads.contains("127.0.0.1"),
        "{loads}"
    );
    // A query that writes is refused by the read-only transaction.
    let err = ws.fails(&[
        "ingest",
        "acme",
        "orders",
        "--postgres",
        &url,
        "--query",
        "DELETE FROM sales RETURNING *",
    ]);
    assert!(err.contains("PostgreSQL"), "{err}");
    // A server that is not there is a clear error.
    let err = ws.fails(&[
        "ingest",
        "acme",
        "orders",
        "--postgres",
        "postgres://rapport@127.0.0.1:1/x",
        "--query",
        "SELECT 1",
    ]);
    assert!(err.contains("PostgreSQL"), "{err}");
}
