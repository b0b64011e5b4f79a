//! Shared pieces of the generators: calendar, randomness, writers.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, TimeZone};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Poisson};

use crate::Error;

pub(crate) type Rng8 = ChaCha8Rng;

/// The demo's time zone: every client is a Romanian business.
pub(crate) const TZ: chrono_tz::Tz = chrono_tz::Europe::Bucharest;

/// The 24 months the demo covers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Calendar {
    pub start: NaiveDate,
    pub end: NaiveDate,
}

impl Calendar {
    /// 24 whole months ending with the month of `end_month_first_day`.
    pub(crate) fn ending(end_month_first_day: NaiveDate) -> Calendar {
        let start = end_month_first_day
            .checked_sub_months(chrono::Months::new(23))
            .unwrap_or(end_month_first_day);
        let end = end_month_first_day
            .checked_add_months(chrono::Months::new(1))
            .and_then(|d| d.pred_opt())
            .unwrap_or(end_month_first_day);
        Calendar { start, end }
    }

    pub(crate) fn days(&self) -> impl Iterator<Item = NaiveDate> + use<> {
        let (start, end) = (self.start, self.end);
        (0..=(end - start).num_days()).map(move |i| start + Duration::days(i))
    }

    /// 0 on the first day, 1 on the last.
    pub(crate) fn progress(&self, d: NaiveDate) -> f64 {
        (d - self.start).num_days() as f64 / (self.end - self.start).num_days().max(1) as f64
    }

    /// The first day of the month `k` months after the start.
    pub(crate) fn month(&self, k: u32) -> NaiveDate {
        self.start
            .checked_add_months(chrono::Months::new(k))
            .unwrap_or(self.start)
    }

    /// Months since the start (0-based).
    pub(crate) fn month_index(&self, d: NaiveDate) -> u32 {
        ((d.year() - self.start.year()) * 12 + d.month() as i32 - self.start.month() as i32).max(0)
            as u32
    }
}

pub(crate) fn poisson(rng: &mut Rng8, mean: f64) -> u32 {
    if mean <= 0.0 {
        return 0;
    }
    Poisson::new(mean).map_or(0, |p| p.sample(rng) as u32)
}

pub(crate) fn pick<'a, T>(rng: &mut Rng8, items: &'a [T]) -> &'a T {
    &items[rng.random_range(0..items.len())]
}

/// Picks by weight: `items` are (value, weight).
pub(crate) fn weighted<'a, T>(rng: &mut Rng8, items: &'a [(T, f64)]) -> &'a T {
    let total: f64 = items.iter().map(|(_, w)| w).sum();
    let mut x = rng.random::<f64>() * total;
    for (v, w) in items {
        if x < *w {
            return v;
        }
        x -= w;
    }
    &items[items.len() - 1].0
}

/// A local time on day `d` between the hours given, weighted to daytime.
pub(crate) fn time_on(rng: &mut Rng8, d: NaiveDate, from_hour: u32, to_hour: u32) -> NaiveDateTime {
    let secs = rng.random_range(from_hour * 3600..to_hour * 3600);
    d.and_hms_opt(0, 0, 0).unwrap_or_default() + Duration::seconds(i64::from(secs))
}

/// Local wall-clock time → UTC, skipping the DST gap by moving forward.
pub(crate) fn to_utc(t: NaiveDateTime) -> chrono::DateTime<chrono::Utc> {
    let mut t = t;
    loop {
        if let Some(z) = TZ.from_local_datetime(&t).earliest() {
            return z.with_timezone(&chrono::Utc);
        }
        t += Duration::minutes(30);
    }
}

/// Retail seasonality: Black Friday and Christmas peaks, a quiet January and
/// August.
pub(crate) fn retail_season(month: u32) -> f64 {
    [
        0.75, 0.8, 0.95, 1.05, 1.1, 1.0, 0.9, 0.8, 0.95, 1.0, 1.45, 1.6,
    ][(month as usize + 11) % 12]
}

/// Writes CSV rows to a file under the export folder.
pub(crate) struct CsvOut {
    pub path: PathBuf,
    w: csv::Writer<BufWriter<File>>,
}

impl CsvOut {
    pub(crate) fn create(path: &Path, header: &[&str]) -> Result<CsvOut, Error> {
        Self::with_delimiter(path, header, b',')
    }

    pub(crate) fn with_delimiter(
        path: &Path,
        header: &[&str],
        delimiter: u8,
    ) -> Result<CsvOut, Error> {
        let f = File::create(path).map_err(|e| Error::io(path, e))?;
        let mut w = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(BufWriter::new(f));
        w.write_record(header).map_err(|e| Error::csv(path, &e))?;
        Ok(CsvOut {
            path: path.to_owned(),
            w,
        })
    }

    pub(crate) fn row<I, S>(&mut self, fields: I) -> Result<(), Error>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<[u8]>,
    {
        self.w
            .write_record(fields)
            .map_err(|e| Error::csv(&self.path, &e))
    }

    pub(crate) fn finish(mut self) -> Result<PathBuf, Error> {
        self.w.flush().map_err(|e| Error::io(&self.path, e))?;
        Ok(self.path)
    }
}

/// Writes newline-delimited JSON.
pub(crate) struct JsonLines {
    pub path: PathBuf,
    w: BufWriter<File>,
}

impl JsonLines {
    pub(crate) fn create(path: &Path) -> Result<JsonLines, Error> {
        let f = File::create(path).map_err(|e| Error::io(path, e))?;
        Ok(JsonLines {
            path: path.to_owned(),
            w: BufWriter::new(f),
        })
    }

    pub(crate) fn line(&mut self, v: &serde_json::Value) -> Result<(), Error> {
        writeln!(self.w, "{v}").map_err(|e| Error::io(&self.path, e))
    }

    pub(crate) fn raw(&mut self, text: &str) -> Result<(), Error> {
        writeln!(self.w, "{text}").map_err(|e| Error::io(&self.path, e))
    }

    pub(crate) fn finish(mut self) -> Result<PathBuf, Error> {
        self.w.flush().map_err(|e| Error::io(&self.path, e))?;
        Ok(self.path)
    }
}

pub(crate) fn write_text(path: &Path, text: &str) -> Result<PathBuf, Error> {
    std::fs::write(path, text).map_err(|e| Error::io(path, e))?;
    Ok(path.to_owned())
}

pub(crate) fn money(v: f64) -> String {
    format!("{v:.2}")
}

pub(crate) const COMMENTS_PROMOTER: &[&str] = &[
    "Fast delivery and great quality, will order again",
    "Great quality products, exactly as described",
    "Friendly support, they answered within minutes",
    "Easy to use and fast, love it",
    "Excellent value for money and fast delivery",
    "Always reliable, great quality",
    "Super easy checkout and quick delivery",
];

pub(crate) const COMMENTS_PASSIVE: &[&str] = &[
    "Good products but delivery took a while",
    "Fine overall, prices could be lower",
    "OK experience, nothing special",
    "Decent quality, the website is a bit slow",
];

pub(crate) const COMMENTS_DETRACTOR: &[&str] = &[
    "Late delivery and nobody answered my emails",
    "The product arrived broken and the refund took weeks",
    "Customer service never called back",
    "Site was down when I tried to pay, very frustrating",
    "Too expensive for the quality, broken after a week",
    "Late delivery again, poor communication",
    "Hard to reach support, long wait on the phone",
];
