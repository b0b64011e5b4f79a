//! Splitting delimited text into records, fast for the usual line.
//!
//! csv-core, the parser of the csv crate, reads a byte at a time through
//! its state machine: about 16 instructions a byte, the largest single cost
//! of reading a CSV export. Most lines of an export hold no quote and no
//! carriage return but the one before the line feed. Such a line is one
//! record whose fields are the text between delimiters, which one scan
//! finds 16 bytes at a time (see [`scan_line`]). Every other record (quoted fields, line
//! breaks inside a field, a lone CR) is read by csv-core itself from the
//! same position. Either way the fields are the ones the csv crate gives;
//! the tests hold the two to it on random text.

use std::io::Read;

use csv_core::ReadRecordResult;
use wide::u8x16;

/// How much is read from the input at a time.
const READ_BYTES: usize = 1 << 20;

/// The longest record read, in bytes (64 MiB). A longer one is almost
/// always an unclosed quote that swallows the rest of the file; the load
/// is refused with the record's line instead of holding the file in memory.
pub(crate) const MAX_RECORD_BYTES: usize = 64 << 20;

fn too_long(line: u64) -> std::io::Error {
    std::io::Error::new(
        std::io::ErrorKind::InvalidData,
        format!(
            "line {line}: a record longer than {} MiB (an unclosed quote?); nothing was loaded",
            MAX_RECORD_BYTES >> 20
        ),
    )
}

/// One record: its fields in `text`, each followed by one separator byte
/// but the last, so that field `i` is `text[ends[i - 1] + 1..ends[i]]`
/// (from 0 for the first).
#[derive(Debug)]
pub(crate) struct Record<'a> {
    pub text: &'a [u8],
    pub ends: &'a [usize],
    /// The line the record starts on (blank lines before it skipped).
    /// The csv crate's position, taken before a record, told the line
    /// after the previous record's end instead: one too few after a CRLF,
    /// whose LF it had not consumed yet, and a blank line's number.
    pub line: u64,
    /// Whether every byte is ASCII (then the text is UTF-8 too).
    pub ascii: bool,
}

/// Where field `i` is in a record's text, given its fields' ends (the
/// layout of [`Record`]).
pub(crate) fn field_range(ends: &[usize], i: usize) -> Option<std::ops::Range<usize>> {
    let to = *ends.get(i)?;
    let from = match i {
        0 => 0,
        _ => ends.get(i - 1)? + 1,
    };
    Some(from..to)
}

impl Record<'_> {
    /// Field `i`'s bytes.
    pub(crate) fn field(&self, i: usize) -> Option<&[u8]> {
        self.text.get(field_range(self.ends, i)?)
    }

    /// How many fields the record has.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

/// Reads the records of delimited text (RFC 4180 quoting with `"`, records
/// ended by LF, CRLF or CR, blank lines skipped, any number of fields).
pub(crate) struct RecordReader<R> {
    input: R,
    /// Bytes read and not yet consumed: `buf[pos..end]`. The buffer is
    /// initialised once and read into in place: reading through
    /// `read_to_end` zeroed a megabyte before each read.
    buf: Vec<u8>,
    pos: usize,
    end: usize,
    eof: bool,
    core: csv_core::Reader,
    delimiter: u8,
    /// Line feeds consumed.
    newlines: u64,
    /// A record read by csv-core, laid out as [`Record`] says.
    text: Vec<u8>,
    ends: Vec<usize>,
    /// csv-core's output: the fields back to back, and their ends.
    core_out: Vec<u8>,
    core_ends: Vec<usize>,
}

impl<R: Read> RecordReader<R> {
    pub(crate) fn new(input: R, delimiter: u8) -> RecordReader<R> {
        RecordReader {
            input,
            buf: vec![0; READ_BYTES],
            pos: 0,
            end: 0,
            eof: false,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            delimiter,
            newlines: 0,
            text: Vec::new(),
            ends: Vec::new(),
            core_out: vec![0; 1024],
            core_ends: vec![0; 64],
        }
    }

    /// The line the next record would be read from, for a message about
    /// an input that could not be read there.
    pub(crate) fn next_line(&self) -> u64 {
        1 + self.newlines
    }

    /// Bytes read from the input and not yet returned in records.
    pub(crate) fn buffered(&self) -> usize {
        self.end - self.pos
    }

    /// The next record, or `None` at the end of the input.
    pub(crate) fn read(&mut self) -> std::io::Result<Option<Record<'_>>> {
        loop {
            let line = self.next_line();
            let available = &self.buf[self.pos..self.end];
            // A delimiter outside ASCII could be part of a character: every
            // line is then left to csv-core, which splits bytes.
            if !self.delimiter.is_ascii() {
                if available.is_empty() && self.eof {
                    return Ok(None);
                }
                return self.read_with_core(line);
            }
            self.ends.clear();
            let scan = scan_line(available, self.delimiter, &mut self.ends);
            let (length, consumed) = match scan.line_feed {
                Some(i) => (i, i + 1),
                None if self.eof => (available.len(), available.len()),
                None => {
                    self.refill()?;
                    continue;
                }
            };
            if consumed == 0 {
                return Ok(None);
            }
            let content = length - usize::from(length > 0 && available[length - 1] == b'\r');
            if scan.first_special < content {
                return self.read_with_core(line);
            }
            let start = self.pos;
            self.pos += consumed;
            self.newlines += u64::from(consumed > length);
            if content == 0 {
                // A blank line is no record.
                continue;
            }
            // A CR before the line feed is no delimiter, but a delimiter
            // byte could be found there only if it were the CR itself.
            while self.ends.last().is_some_and(|&e| e >= content) {
                self.ends.pop();
            }
            self.ends.push(content);
            return Ok(Some(Record {
                text: &self.buf[start..start + content],
                ends: &self.ends,
                line,
                ascii: scan.ascii,
            }));
        }
    }

    /// Reads the record at `pos` with csv-core.
    fn read_with_core(&mut self, line: u64) -> std::io::Result<Option<Record<'_>>> {
        // Each record starts csv-core afresh: its state between records
        // is at most a CR waiting for its LF, which it would skip anyway.
        self.core.reset();
        let (mut out, mut nends) = (0, 0);
        loop {
            let input = &self.buf[self.pos..self.end];
            let (result, nin, nout, nend) = self.core.read_record(
                input,
                &mut self.core_out[out..],
                &mut self.core_ends[nends..],
            );
            self.newlines += memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
            self.pos += nin;
            out += nout;
            nends += nend;
            match result {
                ReadRecordResult::InputEmpty if self.eof => {}
                ReadRecordResult::InputEmpty => self.refill()?,
                ReadRecordResult::OutputFull => {
                    if self.core_out.len() >= MAX_RECORD_BYTES {
                        return Err(too_long(line));
                    }
                    let more = self.core_out.len().max(1024);
                    self.core_out.resize(self.core_out.len() + more, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let more = self.core_ends.len().max(64);
                    self.core_ends.resize(self.core_ends.len() + more, 0);
                }
                ReadRecordResult::Record => break,
                ReadRecordResult::End => return Ok(None),
            }
        }
        // Lay the fields out with a separator byte after each but the last.
        self.text.clear();
        self.ends.clear();
        let mut from = 0;
        for &end in &self.core_ends[..nends] {
            if !self.ends.is_empty() {
                self.text.push(b',');
            }
            self.text.extend_from_slice(&self.core_out[from..end]);
            self.ends.push(self.text.len());
            from = end;
        }
        Ok(Some(Record {
            text: &self.text,
            ends: &self.ends,
            line,
            ascii: false,
        }))
    }

    /// Reads more input after what is left, keeping a line that is longer
    /// than the buffer whole. The end of the input is not read again: a
    /// finished stream may fail when asked for more (a PostgreSQL COPY
    /// does).
    fn refill(&mut self) -> std::io::Result<()> {
        if self.pos > 0 {
            self.buf.copy_within(self.pos..self.end, 0);
            self.end -= self.pos;
            self.pos = 0;
        }
        if self.end == self.buf.len() {
            // The buffer holds one unfinished record whole.
            if self.buf.len() >= MAX_RECORD_BYTES {
                return Err(too_long(self.next_line()));
            }
            self.buf.resize(2 * self.buf.len(), 0);
        }
        let read = loop {
            match self.input.read(&mut self.buf[self.end..]) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                other => break other?,
            }
        };
        self.end += read;
        self.eof = read == 0;
        Ok(())
    }
}

/// What [`scan_line`] found.
struct LineScan {
    /// Where the first line feed is, if any.
    line_feed: Option<usize>,
    /// Where the first quote or CR before it is; `usize::MAX` for none.
    first_special: usize,
    /// Whether every byte before it is ASCII.
    ascii: bool,
}

/// Bytes compared at a time: one SSE2 register.
const BLOCK: usize = 16;

/// Scans `bytes` up to its first line feed (or its end) in one pass,
/// appending where `delimiter` occurs to `ends`, noting the first quote
/// or CR, and whether a byte is outside ASCII. Each block of 16 bytes is
/// compared with each byte that matters at once, giving one bit per byte:
/// the loop is then per block, and per delimiter found, not per byte.
/// Three passes (a `memchr` for the line feed, one for a quote or CR, and
/// a byte loop for the delimiters) were a twentieth of a load's
/// instructions.
#[inline]
fn scan_line(bytes: &[u8], delimiter: u8, ends: &mut Vec<usize>) -> LineScan {
    let mut scan = LineScan {
        line_feed: None,
        first_special: usize::MAX,
        ascii: true,
    };
    let (blocks, rest) = bytes.as_chunks::<BLOCK>();
    for (n, block) in blocks.iter().enumerate() {
        if scan_block(
            u8x16::from(*block),
            u32::MAX,
            n * BLOCK,
            delimiter,
            ends,
            &mut scan,
        ) {
            return scan;
        }
    }
    // The last bytes, padded; the padding is masked off, whatever the
    // delimiter.
    let mut padded = [0u8; BLOCK];
    padded[..rest.len()].copy_from_slice(rest);
    let in_bytes = (1u32 << rest.len()) - 1;
    let base = blocks.len() * BLOCK;
    scan_block(
        u8x16::from(padded),
        in_bytes,
        base,
        delimiter,
        ends,
        &mut scan,
    );
    scan
}

/// [`scan_line`]'s work on one block of 16 bytes (those of `in_bytes`)
/// starting at `base`; whether the block holds the line feed.
#[inline(always)]
fn scan_block(
    block: u8x16,
    in_bytes: u32,
    base: usize,
    delimiter: u8,
    ends: &mut Vec<usize>,
    scan: &mut LineScan,
) -> bool {
    let line_feeds = eq_mask(block, b'\n') & in_bytes;
    // Bits of the bytes before the line feed (or of the whole block).
    let before = match line_feeds {
        0 => in_bytes,
        lf => (1 << lf.trailing_zeros()) - 1,
    };
    let special = (eq_mask(block, b'"') | eq_mask(block, b'\r')) & before;
    // A byte's top bit is set outside ASCII.
    let non_ascii = block.to_bitmask() & before;
    if special | non_ascii != 0 {
        note_unusual(scan, base, special, non_ascii);
    }
    let mut delimiters = eq_mask(block, delimiter) & before;
    while delimiters != 0 {
        ends.push(base + delimiters.trailing_zeros() as usize);
        delimiters &= delimiters - 1;
    }
    if line_feeds == 0 {
        return false;
    }
    scan.line_feed = Some(base + line_feeds.trailing_zeros() as usize);
    true
}

/// Notes a block's quotes or CRs (`special`) and bytes outside ASCII:
/// rare, so kept out of the loop.
#[cold]
fn note_unusual(scan: &mut LineScan, base: usize, special: u32, non_ascii: u32) {
    if special != 0 && scan.first_special == usize::MAX {
        scan.first_special = base + special.trailing_zeros() as usize;
    }
    scan.ascii &= non_ascii == 0;
}

/// One bit per byte of the block equal to `b`: one vector comparison and
/// a move of its mask (SSE2, which every x86-64 has; elsewhere whatever
/// the target offers, or a plain loop).
#[inline(always)]
fn eq_mask(block: u8x16, b: u8) -> u32 {
    block.simd_eq(u8x16::splat(b)).to_bitmask()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::RecordReader;

    /// The records as the csv crate reads them with the settings the CSV
    /// reader had: flexible, no header, CRLF-or-LF-or-CR terminators.
    fn by_csv_crate(data: &[u8], delimiter: u8) -> Vec<(u64, Vec<Vec<u8>>)> {
        // Only LF ends lines and no line is blank: there the csv crate's
        // position is the record's line (see `Record::line`).
        let lines_comparable = !data.contains(&b'\r')
            && !data.starts_with(b"\n")
            && !data.windows(2).any(|w| w == b"\n\n");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(data);
        let mut out = Vec::new();
        let mut record = csv::ByteRecord::new();
        loop {
            let line = reader.position().line();
            match reader.read_byte_record(&mut record) {
                Ok(true) => out.push((
                    if lines_comparable { line } else { 0 },
                    record.iter().map(<[u8]>::to_vec).collect(),
                )),
                Ok(false) => return out,
                Err(e) => panic!("the csv crate failed: {e}"),
            }
        }
    }

    /// A source that hands out at most `chunk` bytes per read, as a pipe
    /// or a slow disk may: records then cross every refill boundary.
    struct Chunked<'a> {
        data: &'a [u8],
        chunk: usize,
    }

    impl std::io::Read for Chunked<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.chunk.min(buf.len()).min(self.data.len());
            buf[..n].copy_from_slice(&self.data[..n]);
            self.data = &self.data[n..];
            Ok(n)
        }
    }

    fn by_us(data: &[u8], delimiter: u8, chunk: usize) -> Vec<(u64, Vec<Vec<u8>>)> {
        let mut reader = RecordReader::new(Chunked { data, chunk }, delimiter);
        let mut out = Vec::new();
        while let Some(r) = reader.read().unwrap_or_else(|e| panic!("{e}")) {
            let fields = (0..r.len())
                .map(|i| r.field(i).unwrap_or_default().to_vec())
                .collect();
            out.push((r.line, fields));
        }
        out
    }

    /// Export-like text: plain pieces, separators and line ends, with
    /// quotes and lone CRs rarer; sometimes each line repeated so that a
    /// line spans more than one block of the vectorised search.
    fn export_text() -> impl Strategy<Value = Vec<u8>> {
        let piece = prop_oneof![
            12 => prop::sample::select(vec![
                &b"a"[..], b"bc", b"\xC3\xA9", b",", b",", b";", b" ", b"\t", b"\n", b"\r\n",
            ]),
            1 => Just(&b"\""[..]),
            1 => Just(&b"\"\""[..]),
            1 => Just(&b"\r"[..]),
        ];
        (prop::collection::vec(piece, 0..60), 1usize..8).prop_map(|(pieces, repeat)| {
            let data = pieces.concat();
            data.split(|b| *b == b'\n')
                .map(|l| l.repeat(repeat))
                .collect::<Vec<_>>()
                .join(&b'\n')
        })
    }

    proptest! {
        // Cheap cases: more than the default 256 unless PROPTEST_CASES says.
        #![proptest_config(ProptestConfig::with_cases(
            std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(4096)
        ))]

        #[test]
        fn records_agree_with_the_csv_crate_on_random_text(
            data in export_text(),
            delimiter in prop::sample::select(vec![b',', b';', b'\t']),
            chunk in prop_oneof![1usize..70, Just(usize::MAX)],
        ) {
            let theirs = by_csv_crate(&data, delimiter);
            let mut ours = by_us(&data, delimiter, chunk);
            if theirs.iter().any(|(line, _)| *line == 0) {
                ours.iter_mut().for_each(|(line, _)| *line = 0);
            }
            prop_assert_eq!(ours, theirs, "{:?}", String::from_utf8_lossy(&data));
        }
    }

    /// A stream that fails when read again after its end.
    struct Once<'a>(&'a [u8], bool);

    impl std::io::Read for Once<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.1 {
                return Err(std::io::Error::other("read after the end"));
            }
            let n = buf.len().min(self.0.len()).min(7);
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            self.1 = n == 0;
            Ok(n)
        }
    }

    #[test]
    fn the_input_is_not_read_after_its_end() {
        for data in [&b"a,b\n1,2"[..], b"a,b\n\"1\",2\n", b""] {
            let mut reader = RecordReader::new(Once(data, false), b',');
            let mut records = 0;
            while reader.read().unwrap_or_else(|e| panic!("{e}")).is_some() {
                records += 1;
            }
            assert_eq!(
                records,
                data.split(|b| *b == b'\n')
                    .filter(|l| !l.is_empty())
                    .count()
            );
        }
    }

    #[test]
    fn a_record_s_line_is_where_it_starts() {
        let data = b"h1,h2\r\na,b\r\n\r\n\nc,\"d\r\ne\"\nf,g";
        let lines: Vec<u64> = by_us(data, b',', usize::MAX)
            .iter()
            .map(|(l, _)| *l)
            .collect();
        assert_eq!(lines, [1, 2, 5, 7]);
    }

    #[test]
    fn long_lines_and_quoted_line_breaks_cross_reads() {
        let long = "x".repeat(3 * super::READ_BYTES);
        let data =
            format!("id,note\n1,{long}\n2,\"two\nlines, \"\"quoted\"\"\"\r\n\n3,last").into_bytes();
        let fields = |records: Vec<(u64, Vec<Vec<u8>>)>| -> Vec<Vec<Vec<u8>>> {
            records.into_iter().map(|(_, f)| f).collect()
        };
        let ours = fields(by_us(&data, b',', usize::MAX));
        assert!(
            ours == fields(by_csv_crate(&data, b',')),
            "the fields differ"
        );
        assert_eq!(ours.len(), 4);
        assert_eq!(ours[1][1].len(), long.len());
    }

    /// A record longer than the limit stops the read with its line, and
    /// memory stays at the limit, not the size of the input.
    #[test]
    fn a_record_longer_than_the_limit_is_refused_with_its_line() {
        struct Endless;
        impl std::io::Read for Endless {
            fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
                buf.fill(b'x');
                Ok(buf.len())
            }
        }
        let mut plain = RecordReader::new(std::io::Read::chain(&b"a,b\n"[..], Endless), b',');
        assert!(plain.read().expect("first").is_some());
        let e = plain.read().map(|_| ()).expect_err("too long");
        assert!(
            e.to_string()
                .starts_with("line 2: a record longer than 64 MiB"),
            "{e}"
        );
        // An unclosed quote: csv-core reads on and on.
        let mut quoted = RecordReader::new(std::io::Read::chain(&b"a,\"b\n"[..], Endless), b',');
        let e = quoted.read().map(|_| ()).expect_err("too long");
        assert!(e.to_string().starts_with("line 1: a record longer"), "{e}");
    }
}
