//! A Parquet writer that encodes a file's columns on two threads.
//!
//! Encoding (dictionaries, statistics, Snappy) is a third of a large
//! load's CPU, and with one writer thread it was the one stage of the load
//! that could not spread over the cores: whenever it fell behind, the
//! reading thread waited on its full queue, the converters ran dry, and a
//! core stood idle. Columns are encoded independently of each other, so
//! here the columns are split between the writer's own thread and a
//! helper thread, and each row group's column chunks are put together in
//! schema order when it closes. The file is the one [`ArrowWriter`] writes
//! with the same properties (same pages, statistics and Arrow schema in
//! the metadata); only the row group boundaries are decided here.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::JoinHandle;

use datafusion::arrow::datatypes::{DataType, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::{
    ArrowColumnChunk, ArrowColumnWriter, ArrowLeafColumn, ArrowRowGroupWriterFactory,
    compute_leaves,
};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;

use crate::error::{Error, Result};
use crate::load::parquet_err;

/// Batches the helper may have queued: enough to ride out a row group's
/// close on the writer's thread.
const HELPER_QUEUE: usize = 4;

/// A column writer and the position of its leaf in the file's schema.
type Leaf<W> = (usize, W);

/// What the writer's thread tells the helper.
enum ToHelper {
    /// The helper's leaves of the next rows, in the order of its writers.
    Rows(Vec<ArrowLeafColumn>),
    /// Close the row group: reply with its column chunks and go on with
    /// these writers.
    Rotate(Vec<Leaf<ArrowColumnWriter>>),
}

type Chunks = std::result::Result<Vec<Leaf<ArrowColumnChunk>>, ParquetError>;

struct Helper {
    tx: SyncSender<ToHelper>,
    rx: Receiver<Chunks>,
    thread: JoinHandle<()>,
}

/// Writes record batches to one Parquet file, encoding columns on two
/// threads. Row groups close at `max_rows` rows or once the batches they
/// took reach `max_bytes` of Arrow memory, whichever comes first.
pub(crate) struct SplitWriter {
    path: PathBuf,
    file: SerializedFileWriter<File>,
    factory: ArrowRowGroupWriterFactory,
    schema: SchemaRef,
    /// Per field of the schema: whether the helper encodes its leaves.
    on_helper: Vec<bool>,
    own: Vec<Leaf<ArrowColumnWriter>>,
    helper: Option<Helper>,
    rows: usize,
    bytes: usize,
    max_rows: usize,
    max_bytes: usize,
}

impl SplitWriter {
    /// Writes to `file`, created at `path` (named in errors).
    pub(crate) fn new(
        file: File,
        path: &Path,
        schema: &SchemaRef,
        props: WriterProperties,
        max_rows: usize,
        max_bytes: usize,
    ) -> Result<SplitWriter> {
        let err = parquet_err(path);
        // The same file header and footer metadata as `ArrowWriter`.
        let (file, factory) = ArrowWriter::try_new(file, Arc::clone(schema), Some(props))
            .and_then(ArrowWriter::into_serialized_writer)
            .map_err(&err)?;
        let on_helper = split_fields(schema);
        let (own, theirs) = split_leaves(
            schema,
            &on_helper,
            factory.create_column_writers(0).map_err(&err)?,
        );
        let (tx, helper_rx) = sync_channel::<ToHelper>(HELPER_QUEUE);
        let (helper_tx, rx) = sync_channel::<Chunks>(1);
        let thread = std::thread::spawn(move || encode_on_helper(theirs, &helper_rx, &helper_tx));
        Ok(SplitWriter {
            path: path.to_owned(),
            file,
            factory,
            schema: Arc::clone(schema),
            on_helper,
            own,
            helper: Some(Helper { tx, rx, thread }),
            rows: 0,
            bytes: 0,
            max_rows: max_rows.max(1),
            max_bytes,
        })
    }

    /// Writes a batch, closing row groups at their limits (a batch may be
    /// split between two).
    pub(crate) fn write(&mut self, batch: &RecordBatch) -> Result<()> {
        let total = batch.num_rows();
        let batch_bytes = batch.get_array_memory_size();
        let mut at = 0;
        while at < total {
            let n = (self.max_rows - self.rows).min(total - at);
            let part = if n == total {
                batch.clone()
            } else {
                batch.slice(at, n)
            };
            self.encode(&part)?;
            self.rows += n;
            self.bytes += batch_bytes * n / total;
            at += n;
            if self.rows >= self.max_rows || self.bytes >= self.max_bytes {
                self.close_row_group()?;
            }
        }
        Ok(())
    }

    fn encode(&mut self, batch: &RecordBatch) -> Result<()> {
        let err = parquet_err(&self.path);
        let mut own = self.own.iter_mut();
        let mut theirs = Vec::new();
        for ((field, column), &helper) in self
            .schema
            .fields()
            .iter()
            .zip(batch.columns())
            .zip(&self.on_helper)
        {
            for leaf in compute_leaves(field, column).map_err(&err)? {
                if helper {
                    theirs.push(leaf);
                } else if let Some((_, writer)) = own.next() {
                    writer.write(&leaf).map_err(&err)?;
                } else {
                    return Err(self.internal("more leaves than column writers"));
                }
            }
        }
        if !theirs.is_empty() {
            self.send(ToHelper::Rows(theirs))?;
        }
        Ok(())
    }

    /// Closes the open row group: the helper's chunks and ours, in schema
    /// order, appended to the file. The helper starts on the next group's
    /// rows as soon as it has replied.
    fn close_row_group(&mut self) -> Result<()> {
        if self.rows == 0 {
            return Ok(());
        }
        let err = parquet_err(&self.path);
        // The next group's index (the writers need it to encrypt).
        let next_index = self.file.flushed_row_groups().len() + 1;
        let next = self
            .factory
            .create_column_writers(next_index)
            .map_err(&err)?;
        let (own_next, theirs_next) = split_leaves(&self.schema, &self.on_helper, next);
        self.send(ToHelper::Rotate(theirs_next))?;
        let mut chunks = std::mem::replace(&mut self.own, own_next)
            .into_iter()
            .map(|(i, w)| w.close().map(|c| (i, c)))
            .collect::<std::result::Result<Vec<_>, _>>()
            .map_err(&err)?;
        let theirs = match self.helper.as_ref().map(|h| h.rx.recv()) {
            Some(Ok(reply)) => reply.map_err(&err)?,
            _ => return Err(self.lost_helper()),
        };
        chunks.extend(theirs);
        chunks.sort_by_key(|(i, _)| *i);
        let mut group = self.file.next_row_group().map_err(&err)?;
        for (_, chunk) in chunks {
            chunk.append_to_row_group(&mut group).map_err(&err)?;
        }
        group.close().map_err(&err)?;
        self.rows = 0;
        self.bytes = 0;
        Ok(())
    }

    /// Writes the last row group and the footer.
    pub(crate) fn close(mut self) -> Result<()> {
        self.close_row_group()?;
        if let Some(helper) = self.helper.take() {
            drop(helper.tx);
            if helper.thread.join().is_err() {
                return Err(self.internal("the column encoder thread panicked"));
            }
        }
        self.file.close().map_err(parquet_err(&self.path))?;
        Ok(())
    }

    fn send(&self, message: ToHelper) -> Result<()> {
        let sent = self
            .helper
            .as_ref()
            .is_some_and(|h| h.tx.send(message).is_ok());
        if sent {
            Ok(())
        } else {
            Err(self.lost_helper())
        }
    }

    fn lost_helper(&self) -> Error {
        self.internal("the column encoder thread stopped")
    }

    fn internal(&self, message: &str) -> Error {
        Error::Parquet {
            path: self.path.clone(),
            message: format!("internal error: {message}"),
        }
    }
}

/// The helper's loop: encode its leaves of each batch; on a rotation,
/// close its writers, reply with their chunks (or the first error since
/// the last rotation) and take the next group's writers.
fn encode_on_helper(
    mut writers: Vec<Leaf<ArrowColumnWriter>>,
    rx: &Receiver<ToHelper>,
    tx: &SyncSender<Chunks>,
) {
    let mut failed = None;
    for message in rx {
        match message {
            ToHelper::Rows(leaves) => {
                if failed.is_some() {
                    continue;
                }
                for ((_, writer), leaf) in writers.iter_mut().zip(&leaves) {
                    if let Err(e) = writer.write(leaf) {
                        failed = Some(e);
                        break;
                    }
                }
            }
            ToHelper::Rotate(next) => {
                let done = std::mem::replace(&mut writers, next);
                let reply = match failed.take() {
                    Some(e) => Err(e),
                    None => done
                        .into_iter()
                        .map(|(i, w)| w.close().map(|c| (i, c)))
                        .collect(),
                };
                if tx.send(reply).is_err() {
                    return;
                }
            }
        }
    }
}

/// Which fields the helper encodes: greedily, heaviest first, to whichever
/// thread has less work so far, text counting three times a fixed-width
/// column (it is interned, compared for statistics and copied). The
/// writer's own thread starts with a column and a half of work: it also
/// slices batches, closes row groups and writes the key index.
fn split_fields(schema: &SchemaRef) -> Vec<bool> {
    let weight = |t: &DataType| match t {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Binary | DataType::List(_) => 3.0,
        _ => 1.0,
    };
    let mut order: Vec<(usize, f64)> = schema
        .fields()
        .iter()
        .enumerate()
        .map(|(i, f)| (i, weight(f.data_type())))
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1));
    let (mut own, mut helper) = (1.5, 0.0);
    let mut on_helper = vec![false; order.len()];
    for (i, w) in order {
        if helper < own {
            on_helper[i] = true;
            helper += w;
        } else {
            own += w;
        }
    }
    on_helper
}

/// A row group's column writers (one per leaf, in schema order) split
/// into the writer thread's and the helper's, each with its leaf index.
fn split_leaves(
    schema: &SchemaRef,
    on_helper: &[bool],
    writers: Vec<ArrowColumnWriter>,
) -> (Vec<Leaf<ArrowColumnWriter>>, Vec<Leaf<ArrowColumnWriter>>) {
    // The helper flag of each leaf: a field has as many leaves as
    // primitive columns in its Parquet form (one for every type we store).
    let mut leaf_on_helper = Vec::with_capacity(writers.len());
    for (field, &helper) in schema.fields().iter().zip(on_helper) {
        leaf_on_helper.extend(std::iter::repeat_n(helper, leaf_count(field.data_type())));
    }
    let mut own = Vec::new();
    let mut theirs = Vec::new();
    for (i, writer) in writers.into_iter().enumerate() {
        if leaf_on_helper.get(i).copied().unwrap_or(false) {
            theirs.push((i, writer));
        } else {
            own.push((i, writer));
        }
    }
    (own, theirs)
}

/// Primitive Parquet columns of an Arrow type.
fn leaf_count(t: &DataType) -> usize {
    match t {
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
            leaf_count(f.data_type())
        }
        DataType::Struct(fields) => fields.iter().map(|f| leaf_count(f.data_type())).sum(),
        DataType::Map(f, _) => leaf_count(f.data_type()),
        _ => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{ArrayRef, Float64Array, Int64Array, ListBuilder, StringArray};
    use datafusion::arrow::array::{StringBuilder, UInt64Array};
    use datafusion::arrow::datatypes::{Field, Schema};
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

    fn batch(schema: &SchemaRef, from: u64, n: u64) -> RecordBatch {
        let ids: ArrayRef = Arc::new(StringArray::from_iter_values(
            (from..from + n).map(|i| format!("ID-{i:08}")),
        ));
        let counts: ArrayRef = Arc::new(Int64Array::from_iter_values(
            (from..from + n).map(|i| i as i64 % 7),
        ));
        let amounts: ArrayRef = Arc::new(Float64Array::from_iter(
            (from..from + n).map(|i| (i % 5 != 0).then_some(i as f64 / 4.0)),
        ));
        let mut tags = ListBuilder::new(StringBuilder::new());
        for i in from..from + n {
            for t in 0..i % 3 {
                tags.values().append_value(format!("t{t}"));
            }
            tags.append(i % 11 != 0);
        }
        let channels: ArrayRef =
            Arc::new(StringArray::from_iter((from..from + n).map(|i| {
                (i % 4 != 0).then(|| ["web", "app", "phone"][i as usize % 3])
            })));
        let hashes: ArrayRef = Arc::new(UInt64Array::from_iter_values(
            (from..from + n).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)),
        ));
        RecordBatch::try_new(
            Arc::clone(schema),
            vec![
                ids,
                counts,
                amounts,
                Arc::new(tags.finish()),
                channels,
                hashes,
            ],
        )
        .expect("batch")
    }

    fn schema() -> SchemaRef {
        Arc::new(Schema::new(vec![
            Field::new("id", DataType::Utf8, false),
            Field::new("count", DataType::Int64, false),
            Field::new("amount", DataType::Float64, true),
            Field::new(
                "tags",
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                true,
            ),
            Field::new("channel", DataType::Utf8, true),
            Field::new("hash", DataType::UInt64, false),
        ]))
    }

    fn props() -> WriterProperties {
        WriterProperties::builder().build()
    }

    fn writer(path: &Path, max_rows: usize, max_bytes: usize) -> SplitWriter {
        let file = File::create(path).expect("create");
        SplitWriter::new(file, path, &schema(), props(), max_rows, max_bytes).expect("writer")
    }

    fn open(path: &Path) -> ParquetRecordBatchReaderBuilder<File> {
        ParquetRecordBatchReaderBuilder::try_new(File::open(path).expect("open")).expect("reader")
    }

    /// The rows of each row group of a file.
    fn row_groups(builder: &ParquetRecordBatchReaderBuilder<File>) -> Vec<i64> {
        let groups = builder.metadata().row_groups();
        groups.iter().map(|g| g.num_rows()).collect()
    }

    /// The file holds what `ArrowWriter` would: the same rows, schema and
    /// values, with row groups at the limits, batches of odd sizes split
    /// across them.
    #[test]
    fn writes_what_arrow_writer_writes_with_row_groups_at_the_limit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let schema = schema();
        let split = dir.path().join("split.parquet");
        let plain = dir.path().join("plain.parquet");
        let mut w = writer(&split, 1000, usize::MAX);
        let mut a = ArrowWriter::try_new(
            File::create(&plain).expect("create"),
            Arc::clone(&schema),
            Some(
                WriterProperties::builder()
                    .set_max_row_group_row_count(Some(1000))
                    .build(),
            ),
        )
        .expect("a");
        let mut from = 0;
        for n in [1, 999, 1000, 1, 2500, 0, 37, 462] {
            let b = batch(&schema, from, n);
            w.write(&b).expect("write");
            a.write(&b).expect("write");
            from += n;
        }
        w.close().expect("close");
        a.close().expect("close");
        let read = |p: &Path| {
            let builder = open(p);
            let groups = row_groups(&builder);
            let stats: Vec<String> = builder
                .metadata()
                .row_groups()
                .iter()
                .flat_map(|g| g.columns().iter().map(|c| format!("{:?}", c.statistics())))
                .collect();
            let file_schema = builder.schema().clone();
            let batches: Vec<RecordBatch> = builder
                .build()
                .expect("build")
                .collect::<std::result::Result<_, _>>()
                .expect("read");
            let all =
                datafusion::arrow::compute::concat_batches(&file_schema, &batches).expect("concat");
            (groups, stats, file_schema, all)
        };
        let (groups, stats, file_schema, all) = read(&split);
        assert_eq!(groups, vec![1000, 1000, 1000, 1000, 1000]);
        assert_eq!(all.num_rows(), 5000);
        assert_eq!(all, batch(&schema, 0, 5000));
        let (plain_groups, plain_stats, plain_schema, plain_all) = read(&plain);
        assert_eq!(groups, plain_groups);
        assert_eq!(stats, plain_stats);
        assert_eq!(file_schema, plain_schema);
        assert_eq!(all, plain_all);
    }

    /// Wide rows close a row group by bytes long before its row limit.
    #[test]
    fn a_row_group_closes_at_its_byte_limit() {
        let dir = tempfile::tempdir().expect("tempdir");
        let schema = schema();
        let path = dir.path().join("bytes.parquet");
        let one = batch(&schema, 0, 100);
        let limit = one.get_array_memory_size() * 3;
        let mut w = writer(&path, 1_000_000, limit);
        for k in 0..10 {
            w.write(&batch(&schema, k * 100, 100)).expect("write");
        }
        w.close().expect("close");
        let groups = row_groups(&open(&path));
        assert_eq!(groups.iter().sum::<i64>(), 1000);
        assert!(groups.len() >= 3, "{groups:?}");
        assert!(groups.iter().all(|&g| g <= 300), "{groups:?}");
    }

    /// No rows: a valid file with the schema and no row group.
    #[test]
    fn an_empty_file_is_valid() {
        let dir = tempfile::tempdir().expect("tempdir");
        let schema = schema();
        let path = dir.path().join("empty.parquet");
        writer(&path, 10, usize::MAX).close().expect("close");
        let builder = open(&path);
        assert_eq!(builder.metadata().num_row_groups(), 0);
        assert_eq!(builder.schema().fields().len(), schema.fields().len());
    }

    #[test]
    fn fields_are_split_between_the_threads() {
        let on_helper = split_fields(&schema());
        assert!(on_helper.iter().any(|&h| h));
        assert!(on_helper.iter().any(|&h| !h));
        assert_eq!(leaf_count(schema().field(3).data_type()), 1);
    }
}
