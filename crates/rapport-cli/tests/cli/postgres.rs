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

/// A certificate authority and a server certificate for 127.0.0.1 it
/// signed, in PEM: (CA certificate, server certificate, server key).
fn test_certificates() -> (String, String, String) {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, KeyPair};
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "Rapport test CA");
    let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
    let key = KeyPair::generate().expect("server key");
    let server = CertificateParams::new(vec!["127.0.0.1".to_owned(), "localhost".to_owned()])
        .expect("server params")
        .signed_by(&key, &ca_cert, &ca_key)
        .expect("server certificate");
    (ca_cert.pem(), server.pem(), key.serialize_pem())
}

impl Postgres {
    fn start() -> Postgres {
        Postgres::start_with_tls(None)
    }

    /// A server that also accepts TLS, with `(certificate, key)` in PEM.
    fn start_with_tls(tls: Option<(&str, &str)>) -> Postgres {
        let bin = pg_bin();
        let dir = tempfile::tempdir().expect("temp dir");
        let mut ssl = String::new();
        if let Some((cert, key)) = tls {
            use std::os::unix::fs::PermissionsExt;
            let (cert_file, key_file) =
                (dir.path().join("server.crt"), dir.path().join("server.key"));
            std::fs::write(&cert_file, cert).expect("write certificate");
            std::fs::write(&key_file, key).expect("write key");
            // The server refuses a key others can read.
            std::fs::set_permissions(&key_file, std::fs::Permissions::from_mode(0o600))
                .expect("chmod key");
            ssl = format!(
                " -c ssl=on -c ssl_cert_file={} -c ssl_key_file={}",
                cert_file.display(),
                key_file.display()
            );
        }
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
            "-h 127.0.0.1 -p {port} -k {} -c fsync=off{ssl}",
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

#[test]
fn a_url_that_asks_for_tls_gets_it_and_the_certificate_is_verified() {
    let (ca, cert, key) = test_certificates();
    let pg = Postgres::start_with_tls(Some((&cert, &key)));
    pg.psql("postgres", "CREATE DATABASE shop");
    pg.psql(
        "shop",
        "CREATE TABLE sales (ref text, buyer text, at timestamptz, total numeric(10,2), cur char(3));
         INSERT INTO sales VALUES ('s1', 'c1', '2026-10-01 10:00:00+03', 12.50, 'EUR');",
    );
    let ws = Ws::new();
    let ca_file = ws.file("ca.pem", &ca);
    let mapping = ws.file(
        "sales.toml",
        "source = \"shop_db\"\n[columns]\norder_id = \"ref\"\ncustomer_id = \"buyer\"\nordered_at = \"at\"\namount = \"total\"\ncurrency = \"cur\"\n",
    );
    let ingest = |url: &str| {
        ws.command(&[
            "ingest",
            "acme",
            "orders",
            "--postgres",
            url,
            "--query",
            "SELECT * FROM sales",
            "--mapping",
            path_str(&mapping),
            "--format",
            "json",
        ])
        .output()
        .expect("run rapport")
    };
    // Verified against the CA the URL names: the rows load, over TLS
    // (`require` never falls back to a plain connection).
    let url = format!(
        "{}?sslmode=require&sslrootcert={}",
        pg.url("shop"),
        path_str(&ca_file)
    );
    let out = ingest(&url);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(n(&s, "loaded"), 1, "{s}");
    // Without it, the system's roots do not know this CA: refused, with the
    // reason, never a silent unverified connection.
    let out = ingest(&format!("{}?sslmode=require", pg.url("shop")));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        err.contains("certificate") && err.contains("127.0.0.1"),
        "{err}"
    );
    // `require` against a server without TLS fails instead of falling back.
    let plain = Postgres::start();
    let out = ingest(&format!(
        "{}?sslmode=require&sslrootcert={}",
        plain.url("postgres"),
        path_str(&ca_file)
    ));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("PostgreSQL") && err.contains("TLS"), "{err}");
}

#[test]
fn a_postgres_load_runs_from_inside_an_async_caller() {
    let pg = Postgres::start();
    pg.psql("postgres", "CREATE DATABASE shop");
    pg.psql(
        "shop",
        "CREATE TABLE sales (ref text, buyer text, at timestamptz, total numeric(10,2), cur char(3));
         INSERT INTO sales SELECT 's' || i, 'c' || i, '2026-10-01 10:00:00+00', i, 'EUR' FROM generate_series(1, 5000) i;",
    );
    let ws = Ws::new();
    let mapping = ws.file(
        "sales.toml",
        "source = \"shop_db\"\n[columns]\norder_id = \"ref\"\ncustomer_id = \"buyer\"\nordered_at = \"at\"\namount = \"total\"\ncurrency = \"cur\"\n",
    );
    let workspace = rapport_store::Workspace::open(&ws.root()).expect("workspace");
    let options = rapport_app::ingest::IngestOptions {
        client: "acme".into(),
        args: vec!["orders".into()],
        mapping: Some(mapping),
        postgres: Some(rapport_app::ingest::PostgresSource {
            url: pg.url("shop"),
            query: "SELECT * FROM sales".into(),
        }),
        ..Default::default()
    };
    // As a server handler would call it: on a runtime's worker thread.
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let summary = runtime.block_on(async {
        tokio::spawn(async move {
            let plan = rapport_app::ingest::plan(&options)?;
            rapport_app::ingest::load(&workspace, &options, &plan, &rapport_ingest::NoProgress)
        })
        .await
        .expect("the load's task")
    });
    let summary = summary.expect("the load");
    assert_eq!((summary.rows_read, summary.loaded), (5000, 5000));
}
