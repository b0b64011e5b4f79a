//! Reading query results column by column in the types the models need,
//! whatever physical type the engine chose (`Utf8View`, timestamps, …).

use datafusion::arrow::array::{AsArray, Float64Array, Int64Array, StringArray};
use datafusion::arrow::compute::cast;
use datafusion::arrow::datatypes::{DataType, Float64Type, Int64Type};
use datafusion::arrow::record_batch::RecordBatch;

use crate::Result;

/// Column `i` as text.
pub(crate) fn text(batch: &RecordBatch, i: usize) -> Result<StringArray> {
    Ok(cast(batch.column(i), &DataType::Utf8)?
        .as_string::<i32>()
        .clone())
}

/// Column `i` as integers; timestamps become microseconds since the epoch
/// (their stored unit, `rapport_schema::ColumnType::Timestamp`).
pub(crate) fn integers(batch: &RecordBatch, i: usize) -> Result<Int64Array> {
    Ok(cast(batch.column(i), &DataType::Int64)?
        .as_primitive::<Int64Type>()
        .clone())
}

/// Column `i` as floating-point numbers.
pub(crate) fn floats(batch: &RecordBatch, i: usize) -> Result<Float64Array> {
    Ok(cast(batch.column(i), &DataType::Float64)?
        .as_primitive::<Float64Type>()
        .clone())
}

/// Column `i` as booleans.
pub(crate) fn booleans(
    batch: &RecordBatch,
    i: usize,
) -> Result<datafusion::arrow::array::BooleanArray> {
    Ok(cast(batch.column(i), &DataType::Boolean)?
        .as_boolean()
        .clone())
}
