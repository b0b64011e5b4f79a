//! PostgreSQL as a source.
//!
//! The query runs inside a read-only transaction as
//! `COPY (query) TO STDOUT WITH (FORMAT csv, HEADER true)`: PostgreSQL
//! streams its rows as CSV text, which goes through the same CSV reader,
//! mapping and validation as a file. Every PostgreSQL type has a text form,
//! so no type needs special handling, and memory stays bounded.

use std::io::Read;
use std::pin::Pin;

use futures_util::StreamExt;
use tokio_postgres::{CopyOutStream, NoTls};

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

struct CopyReader {
    rt: tokio::runtime::Runtime,
    stream: Pin<Box<CopyOutStream>>,
    chunk: bytes::Bytes,
    pos: usize,
}

impl Read for CopyReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        while self.pos >= self.chunk.len() {
            match self.rt.block_on(self.stream.next()) {
                None => return Ok(0),
                Some(Ok(b)) => {
                    self.chunk = b;
                    self.pos = 0;
                }
                Some(Err(e)) => return Err(std::io::Error::other(e)),
            }
        }
        let n = buf.len().min(self.chunk.len() - self.pos);
        buf[..n].copy_from_slice(&self.chunk[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

fn pg_err(context: &str) -> impl Fn(tokio_postgres::Error) -> Error + '_ {
    move |e| {
        let detail = e
            .as_db_error()
            .map_or_else(|| e.to_string(), |d| d.message().to_owned());
        Error::Postgres {
            message: format!("{context}: {detail}"),
        }
    }
}

/// Runs `query` against the database at `url` and streams its rows.
pub(crate) fn read_postgres(
    url: &str,
    query: &str,
    on: &mut dyn FnMut(Event<'_>) -> Result<()>,
) -> Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Postgres {
            message: format!("cannot start the client runtime: {e}"),
        })?;
    let where_ = describe(url);
    let (client, connection) = rt
        .block_on(tokio_postgres::connect(url, NoTls))
        .map_err(pg_err(&format!("cannot connect to {where_}")))?;
    rt.spawn(async move {
        // Errors surface through the client calls below.
        let _ = connection.await;
    });
    rt.block_on(client.batch_execute("START TRANSACTION READ ONLY"))
        .map_err(pg_err("cannot start a read-only transaction"))?;
    let query = query.trim().trim_end_matches(';');
    let copy = format!("COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER true)");
    let stream = rt
        .block_on(client.copy_out(copy.as_str()))
        .map_err(pg_err("the query failed"))?;
    let reader = CopyReader {
        rt,
        stream: Box::pin(stream),
        chunk: bytes::Bytes::new(),
        pos: 0,
    };
    read_csv_stream(
        "PostgreSQL query",
        Box::new(reader),
        b',',
        crate::readers::CsvOptions::default(),
        on,
    )
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
}
