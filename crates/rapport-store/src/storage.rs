//! Object storage for the files a cluster's executors read.
//!
//! A workspace on one machine keeps everything in its folder. When its
//! queries run on a Ballista cluster whose executors do not share that
//! folder, `[settings.storage]` names an S3-compatible bucket; every load
//! then also publishes its data files there, under the same relative paths
//! (`data/<client>/<entity>/<load>.parquet`), before its catalog
//! transaction commits. The catalog stays the single source of truth: an
//! object no committed load names is not data, and the client's next load
//! (or `rapport storage sync`) removes it. Saved segments are published the
//! same way, so a segment filter reads on the executors too.
//!
//! The folder keeps its own copy: ingest's duplicate index, `--replace`
//! rewrites and the embedded engine read it, so only the executors depend on
//! the bucket. Credentials never go in `rapport.toml`: they come from the
//! standard `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` (and
//! `AWS_SESSION_TOKEN`) variables, on this machine and on every executor.

use std::collections::BTreeMap;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;

use futures::TryStreamExt;
use object_store::aws::AmazonS3Builder;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, ObjectStoreExt};
use serde::{Deserialize, Serialize};
use tokio::io::AsyncWriteExt;

use crate::error::{Error, Result};

/// `[settings.storage]`: the bucket the executors read the workspace's data
/// files from.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Storage {
    /// `s3://bucket` or `s3://bucket/prefix`.
    pub url: String,
    /// An S3-compatible service's address (MinIO, Ceph, Garage, R2…);
    /// Amazon S3 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// The bucket's region; `AWS_REGION`, then `us-east-1`, when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Allows an `http://` endpoint (a service on a private network).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_http: bool,
}

/// What `rapport storage sync` did for one client.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct SyncSummary {
    /// Files the bucket lacked (or held with another size), uploaded.
    pub uploaded: u64,
    /// Objects no committed load names (a load interrupted after its
    /// upload), removed.
    pub removed: u64,
    /// Files already in the bucket.
    pub present: u64,
}

impl Storage {
    /// Why this configuration cannot work, if it cannot.
    pub(crate) fn problem(&self) -> Option<String> {
        let Some(rest) = self.url.strip_prefix("s3://") else {
            return Some(format!(
                "storage.url `{}` is not an `s3://bucket/prefix` address",
                self.url
            ));
        };
        let bucket = rest.split('/').next().unwrap_or("");
        let valid_bucket = (3..=63).contains(&bucket.len())
            && bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.');
        if !valid_bucket {
            return Some(format!(
                "storage.url `{}` does not start with a bucket name (3 to 63 lower-case letters, digits, `-` or `.`)",
                self.url
            ));
        }
        if self.prefix().split('/').any(|part| part == "..") {
            return Some(format!("storage.url `{}` may not contain `..`", self.url));
        }
        if let Some(endpoint) = &self.endpoint {
            let http = endpoint.starts_with("http://");
            if !http && !endpoint.starts_with("https://") {
                return Some(format!(
                    "storage.endpoint `{endpoint}` is not an http:// or https:// address"
                ));
            }
            if http && !self.allow_http {
                return Some(format!(
                    "storage.endpoint `{endpoint}` is plain http: set `allow_http = true` if that service is on a private network, or use https"
                ));
            }
        }
        None
    }

    /// The bucket's name.
    pub fn bucket(&self) -> &str {
        let rest = self.url.strip_prefix("s3://").unwrap_or(&self.url);
        rest.split('/').next().unwrap_or("")
    }

    /// The folder inside the bucket, without slashes at its ends.
    pub fn prefix(&self) -> &str {
        let rest = self.url.strip_prefix("s3://").unwrap_or(&self.url);
        rest.split_once('/')
            .map_or("", |(_, p)| p.trim_matches('/'))
    }

    /// `s3://bucket`: the key a query engine registers the store under.
    pub fn bucket_url(&self) -> String {
        format!("s3://{}", self.bucket())
    }

    /// The URL of a workspace file (`data/acme/orders/3.parquet`).
    pub fn url_of(&self, rel: &str) -> String {
        format!("s3://{}/{}", self.bucket(), self.key_of(rel))
    }

    fn key_of(&self, rel: &str) -> String {
        match self.prefix() {
            "" => rel.to_owned(),
            prefix => format!("{prefix}/{rel}"),
        }
    }

    /// The workspace-relative path of an object key, when it is under the
    /// prefix.
    fn rel_of<'k>(&self, key: &'k str) -> Option<&'k str> {
        match self.prefix() {
            "" => Some(key),
            prefix => key.strip_prefix(prefix)?.strip_prefix('/'),
        }
    }

    /// The store for the bucket: this configuration over the `AWS_*`
    /// variables (credentials among them).
    pub fn object_store(&self) -> Result<Arc<dyn ObjectStore>> {
        let mut builder = AmazonS3Builder::from_env().with_bucket_name(self.bucket());
        if let Some(endpoint) = &self.endpoint {
            builder = builder.with_endpoint(endpoint);
        }
        if let Some(region) = &self.region {
            builder = builder.with_region(region);
        }
        if self.allow_http {
            builder = builder.with_allow_http(true);
        }
        let store = builder.build().map_err(|e| self.error(e))?;
        Ok(Arc::new(store))
    }

    /// The variables an executor needs to reach the bucket the way this
    /// machine does (credentials excepted: they are inherited or set by
    /// whoever deploys the executor).
    pub fn environment(&self) -> Vec<(&'static str, String)> {
        let mut vars = Vec::new();
        if let Some(endpoint) = &self.endpoint {
            vars.push(("AWS_ENDPOINT", endpoint.clone()));
        }
        if let Some(region) = &self.region {
            vars.push(("AWS_REGION", region.clone()));
        }
        if self.allow_http {
            vars.push(("AWS_ALLOW_HTTP", "true".to_owned()));
        }
        vars
    }

    fn error(&self, e: impl std::fmt::Display) -> Error {
        Error::Storage {
            url: self.url.clone(),
            message: e.to_string(),
        }
    }

    /// Uploads the workspace files `rels` (relative to `root`). Each object
    /// appears whole or not at all (S3 makes a put or a completed multipart
    /// upload visible at once), so a reader never sees half a file.
    pub(crate) fn upload(&self, root: &Path, rels: &[String]) -> Result<()> {
        if rels.is_empty() {
            return Ok(());
        }
        let store = self.object_store()?;
        run(async {
            for rel in rels {
                self.upload_one(&store, root, rel).await?;
            }
            Ok(())
        })
    }

    async fn upload_one(&self, store: &Arc<dyn ObjectStore>, root: &Path, rel: &str) -> Result<()> {
        let local = root.join(rel);
        let mut file = tokio::fs::File::open(&local)
            .await
            .map_err(crate::error::io("cannot read", &local))?;
        let location = ObjectPath::from(self.key_of(rel));
        // Small files go in one request, large ones in parts.
        let mut writer = object_store::buffered::BufWriter::new(Arc::clone(store), location);
        let copied = tokio::io::copy(&mut file, &mut writer).await;
        if let Err(e) = copied {
            let _ = writer.abort().await;
            return Err(self.error(format!("cannot upload `{rel}`: {e}")));
        }
        writer
            .shutdown()
            .await
            .map_err(|e| self.error(format!("cannot upload `{rel}`: {e}")))
    }

    /// Removes the objects of the workspace files `rels`; a missing one is
    /// not an error.
    pub(crate) fn remove(&self, rels: &[String]) -> Result<()> {
        if rels.is_empty() {
            return Ok(());
        }
        let store = self.object_store()?;
        run(async {
            for rel in rels {
                match store.delete(&ObjectPath::from(self.key_of(rel))).await {
                    Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                    Err(e) => return Err(self.error(format!("cannot remove `{rel}`: {e}"))),
                }
            }
            Ok(())
        })
    }

    /// The workspace files under the folder `rel_dir` in the bucket, with
    /// their sizes.
    pub(crate) fn list(&self, rel_dir: &str) -> Result<BTreeMap<String, u64>> {
        let store = self.object_store()?;
        let prefix = ObjectPath::from(self.key_of(rel_dir));
        run(async {
            let objects: Vec<object_store::ObjectMeta> = store
                .list(Some(&prefix))
                .try_collect()
                .await
                .map_err(|e| self.error(format!("cannot list `{rel_dir}`: {e}")))?;
            Ok(objects
                .into_iter()
                .filter_map(|o| {
                    self.rel_of(o.location.as_ref())
                        .map(|rel| (rel.to_owned(), o.size))
                })
                .collect())
        })
    }
}

/// Runs `work` to completion on a runtime of its own, in a thread of its
/// own, so the synchronous store can be called from inside another
/// runtime (the CLI's, the server's) as well as outside one.
fn run<T: Send>(work: impl Future<Output = Result<T>> + Send) -> Result<T> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| {
                let runtime = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .map_err(crate::error::io(
                        "cannot start",
                        "the object-storage client",
                    ))?;
                runtime.block_on(work)
            })
            .join()
            .unwrap_or_else(|_| {
                Err(Error::Storage {
                    url: String::new(),
                    message: "the object-storage client stopped unexpectedly".into(),
                })
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn storage(url: &str) -> Storage {
        Storage {
            url: url.into(),
            endpoint: None,
            region: None,
            allow_http: false,
        }
    }

    #[test]
    fn urls_are_split_into_bucket_and_prefix() {
        let s = storage("s3://agency-data/rapport/ws1/");
        assert_eq!(s.problem(), None);
        assert_eq!(s.bucket(), "agency-data");
        assert_eq!(s.prefix(), "rapport/ws1");
        assert_eq!(s.bucket_url(), "s3://agency-data");
        assert_eq!(
            s.url_of("data/acme/orders/3.parquet"),
            "s3://agency-data/rapport/ws1/data/acme/orders/3.parquet"
        );
        assert_eq!(
            s.rel_of("rapport/ws1/data/acme/orders/3.parquet"),
            Some("data/acme/orders/3.parquet")
        );
        assert_eq!(s.rel_of("rapport/ws10/data/x.parquet"), None);
        let bare = storage("s3://agency-data");
        assert_eq!(bare.prefix(), "");
        assert_eq!(
            bare.url_of("data/a.parquet"),
            "s3://agency-data/data/a.parquet"
        );
    }

    #[test]
    fn bad_configurations_say_what_is_wrong() {
        for (url, says) in [
            ("gs://bucket", "s3://"),
            ("s3://", "bucket name"),
            ("s3://Upper", "bucket name"),
            ("s3://ok-bucket/../x", "`..`"),
        ] {
            let problem = storage(url).problem().expect(url);
            assert!(problem.contains(says), "{url}: {problem}");
        }
        let mut plain = storage("s3://bucket");
        plain.endpoint = Some("http://10.0.0.5:9000".into());
        assert!(plain.problem().expect("http").contains("allow_http"));
        plain.allow_http = true;
        assert_eq!(plain.problem(), None);
        plain.endpoint = Some("10.0.0.5:9000".into());
        assert!(plain.problem().expect("no scheme").contains("http://"));
    }
}
