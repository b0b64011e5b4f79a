//! Loads into a workspace with `[settings.storage]`, against a real S3
//! server (`s3s-fs`) on 127.0.0.1: what is committed is in the bucket,
//! what is not is never left there, and `sync` repairs a bucket.
//!
//! One test function: the S3 client reads its credentials from the
//! process's variables, which are set once, before any other thread runs.

use rapport_s3_sink::S3Sink;
use rapport_schema::Entity;
use rapport_store::{LoadOutcome, Settings, Storage, SyncSummary, Workspace};

const BUCKET: &str = "rapport-test";

fn settings(sink: &S3Sink, prefix: &str) -> Settings {
    Settings {
        storage: Some(Storage {
            url: format!("s3://{BUCKET}/{prefix}"),
            endpoint: Some(sink.endpoint()),
            region: None,
            allow_http: true,
        }),
        ..Settings::default()
    }
}

fn outcome() -> LoadOutcome {
    LoadOutcome {
        source: "shop".into(),
        loaded: 1,
        ..LoadOutcome::default()
    }
}

/// Loads `bytes` as `client`'s orders and commits.
fn load(ws: &Workspace, client: &str, bytes: &[u8]) -> rapport_store::Result<i64> {
    let load = ws.begin_load(client, Entity::Orders)?;
    std::fs::write(load.staging_data_path(), bytes).expect("staged");
    Ok(load.commit(&outcome())?.id)
}

fn object(sink: &S3Sink, key: &str) -> std::path::PathBuf {
    sink.folder().join(BUCKET).join(key)
}

#[test]
fn loads_reach_the_bucket_only_when_committed() {
    let sink = S3Sink::start(&[BUCKET]).expect("S3 server");
    for (name, value) in sink.environment() {
        // SAFETY: set before this test starts any thread that reads the
        // environment; the binary has no other test.
        #[allow(unsafe_code)]
        unsafe {
            std::env::set_var(name, value);
        }
    }

    // A committed load: its data file is in the bucket, byte for byte; its
    // index and quarantine files are not (only executors read the bucket).
    let dir = tempfile::tempdir().expect("temp");
    let ws = Workspace::init(dir.path(), settings(&sink, "agency")).expect("workspace");
    ws.add_client("acme", "Acme").expect("client");
    let first = load(&ws, "acme", b"first load").expect("commits");
    let key = format!("agency/data/acme/orders/{first}.parquet");
    assert_eq!(sink.keys(BUCKET), vec![key.clone()]);
    assert_eq!(
        std::fs::read(object(&sink, &key)).expect("object"),
        b"first load"
    );

    // A load dropped before its commit uploads nothing.
    {
        let pending = ws.begin_load("acme", Entity::Orders).expect("begins");
        std::fs::write(pending.staging_data_path(), b"never").expect("staged");
    }
    assert_eq!(sink.keys(BUCKET), vec![key.clone()]);

    // A load interrupted after its upload, before the catalog named it,
    // leaves an object no load names: the client's next load removes it,
    // and leaves alone what a person put there.
    let orphan = object(&sink, "agency/data/acme/orders/9999.parquet");
    std::fs::write(&orphan, b"half a load").expect("orphan");
    let theirs = object(&sink, "agency/data/acme/orders/README.txt");
    std::fs::write(&theirs, b"notes").expect("theirs");
    let second = load(&ws, "acme", b"second load").expect("commits");
    assert!(!orphan.exists(), "the orphan survived the next load");
    assert!(theirs.exists(), "a file that is not a load's was removed");
    std::fs::remove_file(&theirs).expect("cleanup");
    assert_eq!(
        sink.keys(BUCKET),
        vec![
            key.clone(),
            format!("agency/data/acme/orders/{second}.parquet")
        ]
    );

    // The bucket refuses the upload (it does not exist): the load fails
    // with an error naming the bucket, and nothing of it is data or left
    // behind.
    let missing_bucket = Settings {
        storage: Some(Storage {
            url: "s3://no-such-bucket/x".into(),
            endpoint: Some(sink.endpoint()),
            region: None,
            allow_http: true,
        }),
        ..Settings::default()
    };
    let nowhere_dir = tempfile::tempdir().expect("temp");
    let nowhere = Workspace::init(nowhere_dir.path(), missing_bucket).expect("workspace");
    nowhere.add_client("acme", "Acme").expect("client");
    let pending = nowhere.begin_load("acme", Entity::Orders);
    let failed = pending.and_then(|load| {
        std::fs::write(load.staging_data_path(), b"lost").expect("staged");
        load.commit(&outcome())
    });
    let message = failed
        .expect_err("a missing bucket is an error")
        .to_string();
    assert!(message.contains("s3://no-such-bucket/x"), "{message}");
    assert!(nowhere.loads("acme", None).expect("loads").is_empty());
    let data = nowhere_dir.path().join("data/acme/orders");
    let left: Vec<_> = std::fs::read_dir(&data)
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "a failed load left {left:?}");

    // A workspace that had loads before it had storage: `sync` uploads
    // them, then finds them present; an emptied bucket is filled again.
    let late_dir = tempfile::tempdir().expect("temp");
    let late = Workspace::init(late_dir.path(), Settings::default()).expect("workspace");
    late.add_client("beta", "Beta").expect("client");
    let id = load(&late, "beta", b"before storage").expect("commits");
    assert_eq!(
        late.sync_storage("beta").expect("no storage, no sync"),
        SyncSummary::default()
    );
    let toml_path = late_dir.path().join("rapport.toml");
    let toml = std::fs::read_to_string(&toml_path).expect("rapport.toml");
    let toml = toml.replace(
        "[settings]",
        &format!(
            "[settings.storage]\nurl = \"s3://{BUCKET}/late\"\nendpoint = \"{}\"\nallow_http = true\n\n[settings]",
            sink.endpoint()
        ),
    );
    std::fs::write(&toml_path, toml).expect("storage added");
    let late = Workspace::open(late_dir.path()).expect("reopens with storage");
    let synced = late.sync_storage("beta").expect("syncs");
    assert_eq!(
        synced,
        SyncSummary {
            uploaded: 1,
            removed: 0,
            present: 0
        }
    );
    let late_key = format!("late/data/beta/orders/{id}.parquet");
    assert_eq!(
        std::fs::read(object(&sink, &late_key)).expect("uploaded"),
        b"before storage"
    );
    let again = late.sync_storage("beta").expect("syncs");
    assert_eq!((again.uploaded, again.present), (0, 1));
    std::fs::remove_file(object(&sink, &late_key)).expect("emptied");
    assert_eq!(late.sync_storage("beta").expect("syncs").uploaded, 1);
    assert!(object(&sink, &late_key).exists());

    // A bad storage URL in rapport.toml is refused when the workspace opens,
    // naming the key.
    let toml = std::fs::read_to_string(&toml_path).expect("rapport.toml");
    std::fs::write(
        &toml_path,
        toml.replace(&format!("s3://{BUCKET}/late"), "gs://elsewhere"),
    )
    .expect("broken");
    let refused_open = Workspace::open(late_dir.path()).expect_err("gs:// is refused");
    assert!(
        refused_open.to_string().contains("storage.url"),
        "{refused_open}"
    );
}
