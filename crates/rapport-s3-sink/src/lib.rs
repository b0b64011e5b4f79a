//! A real S3 server for tests: `s3s-fs` (the S3 protocol over a folder)
//! listening on 127.0.0.1, with signed requests required, started by the
//! test and stopped when dropped. The object-storage tests talk to it with
//! the same client code users run against S3 or MinIO, so a wrong
//! signature, path style or multipart upload fails here too.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use hyper_util::rt::{TokioExecutor, TokioIo};
use hyper_util::server::conn::auto::Builder as ConnBuilder;
use s3s::auth::SimpleAuth;
use s3s::service::S3ServiceBuilder;

/// The access key the sink accepts.
pub const ACCESS_KEY: &str = "rapport-test";
/// The secret key the sink accepts.
pub const SECRET_KEY: &str = "rapport-test-secret";

/// A running S3 server; stops when dropped.
pub struct S3Sink {
    addr: SocketAddr,
    folder: tempfile::TempDir,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl S3Sink {
    /// Starts a server with the empty buckets `buckets` (one folder each).
    pub fn start(buckets: &[&str]) -> std::io::Result<S3Sink> {
        let folder = tempfile::tempdir()?;
        for bucket in buckets {
            std::fs::create_dir(folder.path().join(bucket))?;
        }
        let fs = s3s_fs::FileSystem::new(folder.path())
            .map_err(|e| std::io::Error::other(format!("{e:?}")))?;
        let mut builder = S3ServiceBuilder::new(fs);
        builder.set_auth(SimpleAuth::from_single(ACCESS_KEY, SECRET_KEY));
        let service = builder.build();
        let listener = std::net::TcpListener::bind("127.0.0.1:0")?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (stop, mut stopped) = tokio::sync::oneshot::channel::<()>();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()?;
        let thread = std::thread::spawn(move || {
            runtime.block_on(async move {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let http = ConnBuilder::new(TokioExecutor::new());
                loop {
                    let socket = tokio::select! {
                        accepted = listener.accept() => match accepted {
                            Ok((socket, _)) => socket,
                            Err(_) => continue,
                        },
                        _ = &mut stopped => break,
                    };
                    let connection = http
                        .serve_connection(TokioIo::new(socket), service.clone())
                        .into_owned();
                    tokio::spawn(async move {
                        let _ = connection.await;
                    });
                }
            });
        });
        Ok(S3Sink {
            addr,
            folder,
            stop: Some(stop),
            thread: Some(thread),
        })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The folder holding the buckets: `<folder>/<bucket>/<key>`.
    pub fn folder(&self) -> &Path {
        self.folder.path()
    }

    /// The keys in `bucket`, sorted, read from the folder (not through the
    /// server), so a test sees what is really stored.
    pub fn keys(&self, bucket: &str) -> Vec<String> {
        let root = self.folder.path().join(bucket);
        let mut keys = Vec::new();
        let mut stack: Vec<PathBuf> = vec![root.clone()];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(rel) = path.strip_prefix(&root) {
                    let key = rel.to_string_lossy().replace('\\', "/");
                    // s3s-fs keeps its own bookkeeping next to the objects.
                    if !key.starts_with(".") && !key.contains("/.") {
                        keys.push(key);
                    }
                }
            }
        }
        keys.sort();
        keys
    }

    /// The variables a client needs to reach this server.
    pub fn environment(&self) -> [(&'static str, String); 2] {
        [
            ("AWS_ACCESS_KEY_ID", ACCESS_KEY.to_owned()),
            ("AWS_SECRET_ACCESS_KEY", SECRET_KEY.to_owned()),
        ]
    }
}

impl Drop for S3Sink {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
