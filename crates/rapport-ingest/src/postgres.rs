//! PostgreSQL as a source.
//!
//! The query runs inside a read-only transaction as
//! `COPY (query) TO STDOUT WITH (FORMAT csv, HEADER true)`: PostgreSQL
//! streams its rows as CSV text, which goes through the same CSV reader,
//! mapping and validation as a file. Every PostgreSQL type has a text form,
//! so no type needs special handling, and memory stays bounded.
//!
//! The client runs on a thread of its own with its own small runtime and
//! hands the rows over in chunks through a bounded channel. A load is
//! synchronous, and it may be called from inside an async caller (a server
//! handler, a scheduled run): a runtime started on the caller's thread
//! would panic there ("cannot start a runtime from within a runtime").
//!
//! TLS is used when the URL says `sslmode=require`. Unlike libpq's
//! `require`, the server's certificate is then verified: against the
//! system's trusted roots, or against the file that `sslrootcert` names in
//! the URL. Without it (`prefer`, the default, or `disable`) the connection
//! is plain.

use std::io::Read;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use futures_util::StreamExt;
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;

use crate::error::{Error, Result};
use crate::readers::{Event, read_csv_stream};

/// What a PostgreSQL input is called in messages and in the catalog: the
/// URL without its password.
pub(crate) fn describe(url: &str) -> String {
    match url.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((cred, host)) => {
                let user = cred.split(':').next().unwrap_or("");
                format!("{scheme}://{user}@{host}")
            }
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// Chunks of CSV text the client thread sends: a few in flight at most,
/// so memory stays bounded when the reader is slower than the server.
const CHUNKS_IN_FLIGHT: usize = 16;

type Chunk = std::result::Result<bytes::Bytes, String>;

struct CopyReader {
    chunks: Receiver<Chunk>,
    chunk: bytes::Bytes,
    pos: usize,
}

impl Read for CopyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.chunk.len() {
            match self.chunks.recv() {
                // The client thread ends the stream by closing the channel.
                Err(_) => return Ok(0),
                Ok(Ok(b)) => {
                    self.chunk = b;
                    self.pos = 0;
                }
                Ok(Err(e)) => return Err(std::io::Error::other(e)),
            }
        }
        let n = buf.len().min(self.chunk.len() - self.pos);
        buf[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn pg_message(context: &str, e: &tokio_postgres::Error) -> String {
    let detail = e.as_db_error().map_or_else(
        || {
            // The cause (a TLS or certificate failure) says more than the
            // wrapper ("error performing TLS handshake").
            let mut text = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(s) = source {
                text = format!("{text}: {s}");
                source = s.source();
            }
            text
        },
        |d| d.message().to_owned(),
    );
    format!("{context}: {detail}")
}

/// The URL's `sslrootcert` taken out (tokio-postgres does not know it),
/// in both the URL (`?a=b&c=d`) and the `key=value` forms.
fn split_root_cert(url: &str) -> (String, Option<String>) {
    fn without_root<'a>(parts: impl Iterator<Item = &'a str>) -> (Vec<&'a str>, Option<String>) {
        let mut root = None;
        let kept = parts
            .filter(|p| match p.strip_prefix("sslrootcert=") {
                Some(v) => {
                    root = Some(v.to_owned());
                    false
                }
                None => true,
            })
            .collect();
        (kept, root)
    }
    if !url.contains("://") {
        let (kept, root) = without_root(url.split_whitespace());
        return (kept.join(" "), root);
    }
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_owned(), None);
    };
    let (kept, root) = without_root(query.split('&'));
    if kept.is_empty() {
        (base.to_owned(), root)
    } else {
        (format!("{base}?{}", kept.join("&")), root)
    }
}

/// The TLS connector: rustls over the system's roots, or the roots of the
/// `sslrootcert` file.
fn tls(
    root_cert: Option<&str>,
) -> std::result::Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    let mut roots = rustls::RootCertStore::empty();
    match root_cert {
        Some(path) => {
            let pem =
                std::fs::read(path).map_err(|e| format!("cannot read sslrootcert {path}: {e}"))?;
            let mut added = 0;
            for cert in CertificateDer::pem_slice_iter(&pem) {
                let cert = cert.map_err(|e| format!("sslrootcert {path} is not PEM: {e}"))?;
                roots
                    .add(cert)
                    .map_err(|e| format!("sslrootcert {path}: {e}"))?;
                added += 1;
            }
            if added == 0 {
                return Err(format!("sslrootcert {path} holds no certificate"));
            }
        }
        None => {
            let found = rustls_native_certs::load_native_certs();
            for cert in found.certs {
                // A system certificate rustls cannot use is skipped, as
                // every TLS client does.
                let _ = roots.add(cert);
            }
        }
    }
    let provider = std::sync::Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS setup: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// The client side: connects, opens a read-only transaction, runs the COPY
/// and sends its chunks until the reader hangs up.
async fn stream_copy(
    url: String,
    root_cert: Option<String>,
    where_: String,
    query: String,
    started: SyncSender<std::result::Result<(), String>>,
    to: SyncSender<Chunk>,
) -> std::result::Result<(), String> {
    let config: tokio_postgres::Config = url
        .parse()
        .map_err(|e| pg_message(&format!("cannot read the URL of {where_}"), &e))?;
    // `prefer` (the default) stays a plain connection: with verification
    // always on, trying TLS first would refuse every server whose
    // certificate is self-signed (Debian's default), where libpq connects.
    let client = if config.get_ssl_mode() != tokio_postgres::config::SslMode::Require {
        let (client, connection) = config
            .connect(tokio_postgres::NoTls)
            .await
            .map_err(|e| pg_message(&format!("cannot connect to {where_}"), &e))?;
        tokio::spawn(async move {
            // Errors surface through the client calls below.
            let _ = connection.await;
        });
        client
    } else {
        let (client, connection) = config
            .connect(tls(root_cert.as_deref())?)
            .await
            .map_err(|e| pg_message(&format!("cannot connect to {where_}"), &e))?;
        tokio::spawn(async move {
            let _ = connection.await;
        });
        client
    };
    client
        .batch_execute("START TRANSACTION READ ONLY")
        .await
        .map_err(|e| pg_message("cannot start a read-only transaction", &e))?;
    let query = query.trim().trim_end_matches(';');
    let copy = format!("COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)");
    let stream = client
        .copy_out(copy.as_str())
        .await
        .map_err(|e| pg_message("the query failed", &e))?;
    if started.send(Ok(())).is_err() {
        return Ok(());
    }
    let mut stream = std::pin::pin!(stream);
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| pg_message("reading the rows failed", &e))?;
        if to.send(Ok(chunk)).is_err() {
            // The reader stopped (an error of its own): nothing to send.
            break;
        }
    }
    Ok(())
}

/// Runs `query` against the database at `url` and streams its rows.
pub(crate) fn read_postgres(
    url: &str,
    query: &str,
    on: &mut dyn FnMut(Event<'_>) -> Result<()>,
) -> Result<()> {
    let where_ = describe(url);
    let (url, root_cert) = split_root_cert(url);
    let (to, from) = sync_channel::<Chunk>(CHUNKS_IN_FLIGHT);
    let query = query.to_owned();
    // Until the COPY has started, a failure is the load's error (it names
    // the server and the cause); after that, it ends the row stream.
    let (started, start) = sync_channel::<std::result::Result<(), String>>(1);
    let client = std::thread::Builder::new()
        .name("rapport-postgres".into())
        .spawn(move || {
            let runtime = match tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                Ok(rt) => rt,
                Err(e) => {
                    let _ = started.send(Err(format!("cannot start the client runtime: {e}")));
                    return;
                }
            };
            let copy = stream_copy(url, root_cert, where_, query, started.clone(), to.clone());
            if let Err(message) = runtime.block_on(copy) {
                // Before the start, the message goes to the waiting load;
                // after it, into the rows.
                if started.try_send(Err(message.clone())).is_err() {
                    let _ = to.send(Err(message));
                }
            }
        })
        .map_err(|e| Error::Postgres {
            message: format!("cannot start the client thread: {e}"),
        })?;
    match start.recv() {
        Ok(Ok(())) => {}
        Ok(Err(message)) => {
            let _ = client.join();
            return Err(Error::Postgres { message });
        }
        Err(_) => {
            let _ = client.join();
            return Err(Error::Postgres {
                message: "the PostgreSQL client stopped before the query started".into(),
            });
        }
    }
    let reader = CopyReader {
        chunks: from,
        chunk: bytes::Bytes::new(),
        pos: 0,
    };
    let result = read_csv_stream(
        "PostgreSQL query",
        Box::new(reader),
        b',',
        crate::readers::CsvOptions::default(),
        on,
    );
    // The reader is dropped by now: a client still sending stops at its
    // next chunk.
    let _ = client.join();
    result
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            describe("postgres://ana:s3cret@127.0.0.1:5432/shop"),
            "postgres://ana@127.0.0.1:5432/shop"
        );
        assert_eq!(describe("host=localhost"), "host=localhost");
    }

    #[test]
    fn the_root_certificate_is_taken_out_of_either_url_form() {
        let url = "postgres://a@h/db?sslmode=require&sslrootcert=/ca.pem";
        assert_eq!(
            split_root_cert(url),
            (
                "postgres://a@h/db?sslmode=require".into(),
                Some("/ca.pem".into())
            )
        );
        assert_eq!(
            split_root_cert("postgres://a@h/db?sslrootcert=/ca.pem"),
            ("postgres://a@h/db".into(), Some("/ca.pem".into()))
        );
        assert_eq!(
            split_root_cert("host=h sslmode=require sslrootcert=/ca.pem"),
            ("host=h sslmode=require".into(), Some("/ca.pem".into()))
        );
        assert_eq!(
            split_root_cert("postgres://a@h/db"),
            ("postgres://a@h/db".into(), None)
        );
    }
}
