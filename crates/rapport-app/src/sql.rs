//! Read-only SQL over one client's tables, and its result as CSV.

use std::sync::Arc;

use rapport_schema::arrow::array::{Array, ArrayRef, AsArray, StringBuilder};
use rapport_schema::arrow::datatypes::{DataType, Field, Schema};
use rapport_schema::arrow::record_batch::RecordBatch;
use rapport_schema::arrow::util::display::array_value_to_string;
use rapport_store::Workspace;

use crate::{Error, Result};

/// Runs a read-only statement over `client`'s tables (statements that
/// change anything are refused by the engine).
pub async fn query(ws: &Workspace, client: &str, sql: &str) -> Result<Vec<RecordBatch>> {
    ReadOnly::open(ws, client).await?.query(sql).await
}

/// One client's tables opened once for several read-only statements: a
/// report runs dozens (triangulation, custom metrics, annotations), and
/// opening lists the client's files each time.
pub struct ReadOnly {
    session: rapport_engine::ClientSession,
}

impl ReadOnly {
    /// Opens `client`'s tables.
    pub async fn open(ws: &Workspace, client: &str) -> Result<ReadOnly> {
        ws.client(client)?;
        Ok(ReadOnly {
            session: rapport_engine::ClientSession::open(ws, client).await?,
        })
    }

    /// Runs one statement; one that would change anything is refused.
    pub async fn query(&self, sql: &str) -> Result<Vec<RecordBatch>> {
        Ok(self.session.query_readonly(sql).await?)
    }
}

/// The separator of a list's items in text: the one `rapport ingest`
/// reads back (`sport;travel`).
pub const LIST_SEPARATOR: &str = ";";

/// A list column as text, each row's items joined by [`LIST_SEPARATOR`]
/// (CSV has no lists); other columns as they are.
fn flatten_lists(batch: &RecordBatch) -> Result<RecordBatch> {
    let mut fields = Vec::new();
    let mut columns: Vec<ArrayRef> = Vec::new();
    for (field, column) in batch.schema().fields().iter().zip(batch.columns()) {
        if let DataType::List(_) = field.data_type() {
            let list = column.as_list::<i32>();
            let mut text = StringBuilder::new();
            for row in 0..list.len() {
                if list.is_null(row) {
                    text.append_null();
                    continue;
                }
                let items = list.value(row);
                let mut parts = Vec::with_capacity(items.len());
                for i in 0..items.len() {
                    parts.push(
                        array_value_to_string(&items, i).map_err(|e| {
                            Error::input("sql", format!("cannot write a list: {e}"))
                        })?,
                    );
                }
                text.append_value(parts.join(LIST_SEPARATOR));
            }
            fields.push(Field::new(field.name(), DataType::Utf8, true));
            columns.push(Arc::new(text.finish()));
        } else {
            fields.push(field.as_ref().clone());
            columns.push(Arc::clone(column));
        }
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns)
        .map_err(|e| Error::input("sql", format!("cannot write the result: {e}")))
}

/// The result as CSV with a header line; list columns are written as their
/// items joined by `;`.
pub fn to_csv(batches: &[RecordBatch]) -> Result<String> {
    let mut buf = Vec::new();
    {
        let mut w = rapport_schema::arrow::csv::WriterBuilder::new()
            .with_header(true)
            .build(&mut buf);
        for b in batches {
            w.write(&flatten_lists(b)?)
                .map_err(|e| Error::input("sql", format!("cannot write CSV: {e}")))?;
        }
    }
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use rapport_schema::arrow::array::{Int64Array, ListBuilder, StringBuilder};

    #[test]
    fn list_columns_are_written_as_items_joined_by_semicolons() {
        let mut lists = ListBuilder::new(StringBuilder::new());
        lists.values().append_value("sport");
        lists.values().append_value("travel");
        lists.append(true);
        lists.append(false);
        lists.append(true);
        let ids = Int64Array::from(vec![1, 2, 3]);
        let schema = Schema::new(vec![
            Field::new("id", DataType::Int64, false),
            Field::new(
                "interests",
                DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
                true,
            ),
        ]);
        let batch = RecordBatch::try_new(
            Arc::new(schema),
            vec![Arc::new(ids), Arc::new(lists.finish())],
        )
        .expect("batch");
        assert_eq!(
            to_csv(&[batch]).expect("csv"),
            "id,interests\n1,sport;travel\n2,\n3,\n"
        );
    }
}
