//! Progress bars for long loads (indicatif, on stderr; hidden when stderr
//! is not a terminal, so scripts and tests see clean output).

use std::cell::RefCell;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rapport_ingest::Progress;

/// Inputs smaller than this load too fast for a bar to help.
const MIN_BYTES_FOR_BAR: u64 = 16 << 20;

/// A byte-based bar per input, with rows read in the message.
#[derive(Default)]
pub(crate) struct Bars {
    bar: RefCell<Option<ProgressBar>>,
}

impl Bars {
    /// Removes the bar of the last input.
    pub(crate) fn finish(&self) {
        if let Some(bar) = self.bar.borrow_mut().take() {
            bar.finish_and_clear();
        }
    }
}

impl Progress for Bars {
    fn input_started(&self, name: &str, bytes: Option<u64>) {
        self.finish();
        let bar = match bytes {
            Some(n) if n >= MIN_BYTES_FOR_BAR => {
                ProgressBar::with_draw_target(Some(n), ProgressDrawTarget::stderr())
            }
            None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()),
            Some(_) => return,
        };
        let style = ProgressStyle::with_template(
            "{spinner} {wide_msg} [{bar:30}] {bytes}/{total_bytes} {bytes_per_sec} eta {eta}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
        bar.set_style(if bytes.is_some() {
            style
        } else {
            ProgressStyle::with_template("{spinner} {wide_msg} {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner())
        });
        let short = std::path::Path::new(name)
            .file_name()
            .map_or_else(|| name.to_owned(), |f| f.to_string_lossy().into_owned());
        bar.set_message(short);
        *self.bar.borrow_mut() = Some(bar);
    }

    fn advanced(&self, bytes: u64, rows: u64) {
        if let Some(bar) = self.bar.borrow().as_ref() {
            bar.set_position(bytes);
            if bar.length().is_none() {
                bar.set_message(format!("{} rows", crate::output::count(rows)));
                bar.tick();
            }
        }
    }
}
