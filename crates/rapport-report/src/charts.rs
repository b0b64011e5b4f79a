//! Charts as SVG text: one drawing serves the HTML (inline), the PDF
//! (Typst draws the same SVG) and, later, the web dashboard.
//!
//! Every chart has a title and a description for readers who cannot see
//! it, axis labels with units, and series told apart by line style and
//! marker shape as well as colour, so it survives greyscale printing and
//! colour blindness. Text uses the report's font family.
//!
//! A chart in a right-to-left language reads from the right: time runs
//! leftwards, the value axis and the bar labels stand on the right, bars
//! grow leftwards and the legend starts at the top right ([`Across`]).

use std::fmt::Write;

use rapport_app::words::{self, Locale};

use rapport_predict::ForecastPoint;

use crate::document::{Annotation, BarChart, CohortView, ForecastView, Trend};
use crate::messages;

/// The colours a chart draws with, from the report's branding.
#[derive(Debug, Clone)]
pub struct ChartStyle {
    /// The current series and the report period's band.
    pub primary: String,
    /// Highlights.
    pub accent: String,
    /// The font family text is set in.
    pub font: String,
    /// The client's calendar, whose months label the time axes.
    pub calendar: rapport_metrics::CalendarSystem,
}

/// The comparison series: a mid grey, dashed, readable in greyscale.
const COMPARISON: &str = "#7a808a";
const INK: &str = "#1f2328";
const MUTED: &str = "#5b616b";
const GRID: &str = "#e3e6ea";

/// Escapes text for SVG and HTML.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Round axis ticks covering `lo..=hi`: steps of 1, 2 or 5 times a power
/// of ten, about `n` of them.
pub(crate) fn ticks(lo: f64, hi: f64, n: usize) -> Vec<f64> {
    let (lo, hi) = if hi > lo {
        (lo, hi)
    } else if hi == 0.0 {
        (0.0, 1.0)
    } else {
        (lo - hi.abs() * 0.1, hi + hi.abs() * 0.1)
    };
    let raw = (hi - lo) / n.max(1) as f64;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let first = (lo / step).floor() * step;
    let mut out = Vec::new();
    // Up to the first tick at or above `hi`, so the axis covers every value.
    for i in 0..20 {
        let t = first + step * f64::from(i);
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        if t >= hi - step * 1e-9 {
            break;
        }
    }
    out
}

/// A month label for an axis: `Nov` (`Aba` for Aban in the Solar Hijri
/// calendar), and the year under the year's first month and the axis's
/// first month.
fn month_label(
    period: &str,
    first: bool,
    calendar: rapport_metrics::CalendarSystem,
    locale: Locale,
) -> (String, Option<String>) {
    let mut parts = period.split('-');
    let year = parts.next().unwrap_or_default();
    let month: u32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
    // Short month names are the language's: the message catalogue has them.
    let key = match calendar {
        rapport_metrics::CalendarSystem::Gregorian => "month-short",
        rapport_metrics::CalendarSystem::SolarHijri => "solar-hijri-month-short",
    };
    let name = messages::label(locale, &format!("{key}-{}", month.clamp(1, 12)));
    let year = (first || month == 1).then(|| {
        year.parse::<i64>().map_or_else(
            |_| year.to_owned(),
            |y| rapport_locale::numbers::plain(y, locale),
        )
    });
    (name, year)
}

/// Where things go across a chart. Drawing code places everything in
/// reading order, `x` units from where a reader starts; in a right-to-left
/// language that is the right edge, so each position is mirrored and text
/// anchored to one side is anchored to the other.
#[derive(Debug, Clone, Copy)]
struct Across {
    width: f64,
    rtl: bool,
}

impl Across {
    fn new(width: f64, locale: Locale) -> Across {
        Across {
            width,
            rtl: locale.direction() == rapport_locale::Direction::RightToLeft,
        }
    }

    /// The position `x` units from the reading start.
    fn x(self, x: f64) -> f64 {
        if self.rtl { self.width - x } else { x }
    }

    /// The left edge of a box `w` wide that starts `x` from the reading
    /// start.
    fn left(self, x: f64, w: f64) -> f64 {
        if self.rtl { self.width - x - w } else { x }
    }

    /// Ends a chart. In a right-to-left language each text is embedded
    /// right to left (U+202B … U+202C): the SVG's own direction is left to
    /// right so that anchors are sides, and without the embedding a label
    /// such as «آبان ۱۴۰۴، ۵۶» would read with its year before its month
    /// in the PDF's SVG renderer.
    fn close(self, mut svg: String) -> String {
        svg.push_str("</svg>");
        if !self.rtl {
            return svg;
        }
        let mut out = String::with_capacity(svg.len() + svg.len() / 8);
        let mut rest = svg.as_str();
        while let Some(open) = rest.find("<text") {
            let Some(end) = rest[open..].find('>') else {
                break;
            };
            let start = open + end + 1;
            let Some(close) = rest[start..].find("</text>") else {
                break;
            };
            out.push_str(&rest[..start]);
            out.push('\u{202B}');
            out.push_str(&rest[start..start + close]);
            out.push('\u{202C}');
            rest = &rest[start + close..];
        }
        out.push_str(rest);
        out
    }

    /// A text anchor given for left-to-right reading (the SVG's text
    /// direction is always left to right, so anchors are sides).
    fn anchor(self, anchor: &'static str) -> &'static str {
        match (self.rtl, anchor) {
            (true, "start") => "end",
            (true, "end") => "start",
            (_, other) => other,
        }
    }
}

/// One entry of a legend: its swatch, drawn in a box 22 wide centred on
/// the line, and its label.
struct Key {
    offset: f64,
    swatch: String,
    label: String,
}

impl Key {
    /// The first entry of a line chart's legend: the observed series, a
    /// solid line with round markers.
    fn observed(colour: &str, label: String) -> Key {
        Key {
            offset: 0.0,
            swatch: format!(
                "<line x1=\"0\" x2=\"22\" y1=\"0\" y2=\"0\" stroke=\"{colour}\" stroke-width=\"2.5\"/><circle cx=\"11\" cy=\"0\" r=\"3.5\" fill=\"{colour}\"/>"
            ),
            label,
        }
    }
}

/// A legend along the top, starting at `start` in reading order.
fn legend(out: &mut String, across: Across, start: f64, keys: &[Key]) {
    for k in keys {
        let _ = write!(
            out,
            "<g transform=\"translate({:.1},14)\">{}</g>\
             <text x=\"{:.1}\" y=\"18\" fill=\"{INK}\" text-anchor=\"{}\">{}</text>",
            across.left(start + k.offset, 22.0),
            k.swatch,
            across.x(start + k.offset + 28.0),
            across.anchor("start"),
            escape(&k.label),
        );
    }
}

/// The namespace attribute a standalone SVG file needs (the PDF's charts)
/// and HTML does without.
pub const SVG_NAMESPACE: &str = " xmlns=\"http://www.w3.org/2000/svg\"";

/// Opens a chart; `id` makes its title and description ids unique in a
/// page holding many charts.
fn open_svg(
    out: &mut String,
    id: &str,
    size: (f64, f64),
    title: &str,
    alt: &str,
    style: &ChartStyle,
) {
    let (width, height) = size;
    let _ = write!(
        out,
        "<svg{SVG_NAMESPACE} viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{}\" font-size=\"11\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        escape(&style.font),
        escape(title),
        escape(alt),
    );
}

/// The plot area of the line charts: months across, values up, with
/// round ticks, a grid, month labels and the unit.
struct MonthPlot {
    width: f64,
    height: f64,
    left: f64,
    top: f64,
    plot_h: f64,
    step: f64,
    y0: f64,
    y1: f64,
    ticks: Vec<f64>,
    across: Across,
}

impl MonthPlot {
    const WIDTH: f64 = 640.0;
    const LEFT: f64 = 64.0;
    const RIGHT: f64 = 16.0;
    const TOP: f64 = 40.0;
    const BOTTOM: f64 = 44.0;

    /// A plot `height` high for `months` columns, its value axis from
    /// zero when the values are all positive and not far from it.
    fn new(height: f64, values: &[f64], months: usize, locale: Locale) -> MonthPlot {
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let (lo, hi) = if values.is_empty() {
            (0.0, 1.0)
        } else if lo >= 0.0 && lo < 0.5 * hi {
            (0.0, hi)
        } else {
            (lo, hi)
        };
        let ticks = ticks(lo, hi, 4);
        let y0 = ticks.first().copied().unwrap_or(lo);
        let y1 = ticks.last().copied().unwrap_or(hi).max(y0 + f64::EPSILON);
        MonthPlot {
            width: Self::WIDTH,
            height,
            left: Self::LEFT,
            top: Self::TOP,
            plot_h: height - Self::TOP - Self::BOTTOM,
            step: (Self::WIDTH - Self::LEFT - Self::RIGHT) / months.max(1) as f64,
            y0,
            y1,
            ticks,
            across: Across::new(Self::WIDTH, locale),
        }
    }

    /// The middle of month `i`, in reading order.
    fn at(&self, i: usize) -> f64 {
        self.left + self.step * (i as f64 + 0.5)
    }

    /// The middle of month `i` on the page.
    fn x(&self, i: usize) -> f64 {
        self.across.x(self.at(i))
    }

    fn y(&self, v: f64) -> f64 {
        self.top + self.plot_h - (v - self.y0) / (self.y1 - self.y0) * self.plot_h
    }

    /// The grid with the value labels, and the months under the plot.
    fn axes(
        &self,
        out: &mut String,
        periods: &[&str],
        calendar: rapport_metrics::CalendarSystem,
        locale: Locale,
    ) {
        for v in &self.ticks {
            let yy = self.y(*v);
            let _ = write!(
                out,
                "<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"{GRID}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" text-anchor=\"{}\">{}</text>",
                self.across.x(self.left),
                self.across.x(self.width - Self::RIGHT),
                self.across.x(self.left - 6.0),
                yy + 4.0,
                self.across.anchor("end"),
                escape(&words::number(*v, locale)),
            );
        }
        let base = self.top + self.plot_h;
        for (i, period) in periods.iter().enumerate() {
            let (month, year) = month_label(period, i == 0, calendar, locale);
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" text-anchor=\"middle\">{month}</text>",
                self.x(i),
                base + 16.0,
            );
            if let Some(year) = year {
                let _ = write!(
                    out,
                    "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" text-anchor=\"middle\" font-size=\"10\">{year}</text>",
                    self.x(i),
                    base + 30.0,
                );
            }
        }
    }

    /// The unit, above the value axis.
    fn unit(&self, out: &mut String, unit: &str, locale: Locale) {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"18\" fill=\"{MUTED}\" text-anchor=\"{}\" font-size=\"10\">{}</text>",
            self.across.x(self.left - 10.0),
            self.across.anchor("end"),
            escape(&crate::assemble::unit_words(unit, locale)),
        );
    }
}

/// A KPI month by month: this year as a solid line with round markers,
/// the same months a year earlier dashed with square markers, and the
/// report's period shaded.
pub fn trend(t: &Trend, annotations: &[Annotation], style: &ChartStyle, locale: Locale) -> String {
    let values: Vec<f64> = t
        .points
        .iter()
        .flat_map(|p| [p.value, p.year_ago])
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    let plot = MonthPlot::new(250.0, &values, t.points.len(), locale);
    let (top, plot_h) = (plot.top, plot.plot_h);
    let x = |i: usize| plot.x(i);
    let y = |v: f64| plot.y(v);
    let mut out = String::with_capacity(8 * 1024);
    open_svg(
        &mut out,
        &format!("trend-{}", t.metric),
        (plot.width, plot.height),
        &t.title,
        &t.alt,
        style,
    );
    // The report period's band, behind everything.
    let in_period: Vec<usize> = (0..t.points.len())
        .filter(|i| t.points[*i].in_period)
        .collect();
    if let (Some(&a), Some(&b)) = (in_period.first(), in_period.last()) {
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{plot_h}\" fill=\"{}\" fill-opacity=\"0.08\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            plot.across.left(
                plot.left + plot.step * a as f64,
                plot.step * (b - a + 1) as f64
            ),
            plot.step * (b - a + 1) as f64,
            style.primary,
            plot.across
                .x(plot.left + plot.step * (a + b + 1) as f64 / 2.0),
            top - 4.0,
            escape(&messages::label(locale, "chart-report-period")),
        );
    }
    let periods: Vec<&str> = t.points.iter().map(|p| p.period.as_str()).collect();
    plot.axes(&mut out, &periods, style.calendar, locale);
    // Annotations where their day falls, numbered as the text lists them.
    for a in annotations {
        let Some(i) = periods.iter().position(|p| a.date.starts_with(p)) else {
            continue;
        };
        // On the month's point: the chart's values are whole months.
        let xx = plot.x(i);
        let _ = write!(
            out,
            "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{INK}\" stroke-width=\"1\" stroke-dasharray=\"1 3\"/>\
             <circle cx=\"{xx:.1}\" cy=\"{:.1}\" r=\"7\" fill=\"#ffffff\" stroke=\"{INK}\"/>\
             <text x=\"{xx:.1}\" y=\"{:.1}\" fill=\"{INK}\" text-anchor=\"middle\" font-size=\"9\" font-weight=\"600\">{}</text>",
            top + 8.0,
            top + plot_h,
            top + 8.0,
            top + 11.0,
            rapport_locale::numbers::plain(a.number as i64, locale),
        );
    }
    let series = |out: &mut String,
                  pick: &dyn Fn(usize) -> Option<f64>,
                  colour: &str,
                  dashed: bool| {
        // Gaps stay gaps: a month without data breaks the line.
        let mut path = String::new();
        let mut pen_down = false;
        for i in 0..t.points.len() {
            match pick(i) {
                Some(v) if v.is_finite() => {
                    let _ = write!(
                        path,
                        "{}{:.1} {:.1}",
                        if pen_down { " L" } else { " M" },
                        x(i),
                        y(v)
                    );
                    pen_down = true;
                }
                _ => pen_down = false,
            }
        }
        if !path.is_empty() {
            let _ = write!(
                out,
                "<path d=\"{}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"{}\"{}/>",
                path.trim(),
                if dashed { 1.5 } else { 2.5 },
                if dashed {
                    " stroke-dasharray=\"5 4\""
                } else {
                    ""
                },
            );
        }
        for i in 0..t.points.len() {
            if let Some(v) = pick(i).filter(|v| v.is_finite()) {
                if dashed {
                    let _ = write!(
                        out,
                        "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"6\" height=\"6\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"1.5\"/>",
                        x(i) - 3.0,
                        y(v) - 3.0
                    );
                } else {
                    let _ = write!(
                        out,
                        "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{colour}\"/>",
                        x(i),
                        y(v)
                    );
                }
            }
        }
    };
    series(&mut out, &|i| t.points[i].year_ago, COMPARISON, true);
    series(&mut out, &|i| t.points[i].value, &style.primary, false);
    // Legend, where reading starts: line style and marker as well as colour.
    let p = &style.primary;
    legend(
        &mut out,
        plot.across,
        plot.left,
        &[
            Key::observed(p, messages::label(locale, "chart-this-year")),
            Key {
                offset: 120.0,
                swatch: format!(
                    "<line x1=\"0\" x2=\"22\" y1=\"0\" y2=\"0\" stroke=\"{COMPARISON}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\
                     <rect x=\"8\" y=\"-3\" width=\"6\" height=\"6\" fill=\"#ffffff\" stroke=\"{COMPARISON}\" stroke-width=\"1.5\"/>"
                ),
                label: messages::label(locale, "chart-year-before"),
            },
        ],
    );
    plot.unit(&mut out, &t.unit, locale);
    plot.across.close(out)
}

/// Clips a label to `max` characters with an ellipsis.
fn clip(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        return label.to_owned();
    }
    let mut out: String = label.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// Horizontal bars with their values written at the ends: a metric by an
/// attribute, a funnel's steps, a distribution's bins. Bars start at zero,
/// so their lengths compare.
pub fn bars(chart: &BarChart, style: &ChartStyle, locale: Locale) -> String {
    let width = 640.0;
    let across = Across::new(width, locale);
    let (left, right, top, row) = (180.0, 96.0, 8.0, 26.0);
    let height = top * 2.0 + row * chart.bars.len().max(1) as f64;
    let mut out = String::with_capacity(4 * 1024);
    open_svg(
        &mut out,
        &chart.id,
        (width, height),
        &chart.title,
        &chart.alt,
        style,
    );
    let max = chart
        .bars
        .iter()
        .map(|b| b.value)
        .filter(|v| v.is_finite())
        .fold(0.0, f64::max);
    let plot_w = width - left - right;
    let _ = write!(
        out,
        "<line x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{top}\" y2=\"{:.1}\" stroke=\"{MUTED}\"/>",
        height - top,
        x = across.x(left),
    );
    for (i, b) in chart.bars.iter().enumerate() {
        let y = top + row * i as f64;
        // A value above zero shows at least a sliver; zero shows nothing.
        let w = if max > 0.0 && b.value.is_finite() && b.value > 0.0 {
            (b.value / max * plot_w).max(1.0)
        } else {
            0.0
        };
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\" text-anchor=\"{}\">{}</text>\
             <rect x=\"{:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\" fill=\"{}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\" text-anchor=\"{}\">{}</text>",
            across.x(left - 8.0),
            y + row / 2.0 + 4.0,
            across.anchor("end"),
            escape(&clip(&b.label, 28)),
            across.left(left, w),
            y + 4.0,
            row - 8.0,
            style.primary,
            across.x(left + w + 6.0),
            y + row / 2.0 + 4.0,
            across.anchor("start"),
            escape(&b.value_text),
        );
    }
    across.close(out)
}

/// A forecast: the observed months as a solid line with round markers,
/// the months ahead dashed with hollow markers inside their 95 % (light)
/// and 80 % (darker) bands, and a rule where the forecast starts.
pub fn forecast(f: &ForecastView, style: &ChartStyle, locale: Locale) -> String {
    let points: Vec<&ForecastPoint> = f.history.iter().chain(&f.forecast).collect();
    let mut values: Vec<f64> = Vec::new();
    for p in &points {
        values.push(p.value);
        values.extend([p.low_95, p.high_95].into_iter().flatten());
    }
    let plot = MonthPlot::new(260.0, &values, points.len(), locale);
    let (top, plot_h) = (plot.top, plot.plot_h);
    let x = |i: usize| plot.x(i);
    let y = |v: f64| plot.y(v);
    let mut out = String::with_capacity(8 * 1024);
    open_svg(
        &mut out,
        "forecast",
        (plot.width, plot.height),
        &f.title,
        &f.alt,
        style,
    );
    let periods: Vec<&str> = points.iter().map(|p| p.period.as_str()).collect();
    plot.axes(&mut out, &periods, style.calendar, locale);
    let first_ahead = f.history.len();
    // Bands: the polygon along the highs and back along the lows, from
    // the last observed month (where the band is the value itself).
    let band = |out: &mut String,
                low: &dyn Fn(&ForecastPoint) -> Option<f64>,
                high: &dyn Fn(&ForecastPoint) -> Option<f64>,
                opacity: f64| {
        let mut upper = Vec::new();
        let mut lower = Vec::new();
        if let Some(last) = f.history.last() {
            upper.push((x(first_ahead - 1), y(last.value)));
            lower.push((x(first_ahead - 1), y(last.value)));
        }
        for (i, p) in f.forecast.iter().enumerate() {
            if let (Some(l), Some(h)) = (low(p), high(p)) {
                upper.push((x(first_ahead + i), y(h)));
                lower.push((x(first_ahead + i), y(l)));
            }
        }
        if upper.len() < 2 {
            return;
        }
        let mut d = String::new();
        for (i, (px, py)) in upper.iter().chain(lower.iter().rev()).enumerate() {
            let _ = write!(d, "{}{px:.1} {py:.1} ", if i == 0 { "M" } else { "L" });
        }
        let _ = write!(
            out,
            "<path d=\"{}Z\" fill=\"{}\" fill-opacity=\"{opacity}\" stroke=\"none\"/>",
            d, style.primary
        );
    };
    band(&mut out, &|p| p.low_95, &|p| p.high_95, 0.12);
    band(&mut out, &|p| p.low_80, &|p| p.high_80, 0.22);
    // Where the forecast starts.
    if first_ahead > 0 && !f.forecast.is_empty() {
        let at = (plot.at(first_ahead - 1) + plot.at(first_ahead)) / 2.0;
        let xx = plot.across.x(at);
        let _ = write!(
            out,
            "<line x1=\"{xx:.1}\" x2=\"{xx:.1}\" y1=\"{top}\" y2=\"{:.1}\" stroke=\"{MUTED}\" stroke-dasharray=\"2 3\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" font-size=\"10\" text-anchor=\"{}\">{}</text>",
            top + plot_h,
            plot.across.x(at + 4.0),
            top + 10.0,
            plot.across.anchor("start"),
            escape(&messages::label(locale, "chart-forecast")),
        );
    }
    let line = |out: &mut String, from: usize, to: usize, dashed: bool| {
        let mut d = String::new();
        for (i, p) in points.iter().enumerate().take(to).skip(from) {
            let _ = write!(
                d,
                "{}{:.1} {:.1} ",
                if i == from { "M" } else { "L" },
                x(i),
                y(p.value)
            );
        }
        if to > from + 1 {
            let _ = write!(
                out,
                "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\"{}/>",
                d.trim(),
                style.primary,
                if dashed {
                    " stroke-dasharray=\"6 4\""
                } else {
                    ""
                },
            );
        }
    };
    line(&mut out, 0, first_ahead, false);
    line(&mut out, first_ahead.saturating_sub(1), points.len(), true);
    for (i, p) in points.iter().enumerate() {
        let ahead = i >= first_ahead;
        let _ = write!(
            out,
            "<circle cx=\"{:.1}\" cy=\"{:.1}\" r=\"3.5\" fill=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"/>",
            x(i),
            y(p.value),
            if ahead {
                "#ffffff"
            } else {
                style.primary.as_str()
            },
            style.primary,
        );
    }
    let p = &style.primary;
    let band_key = |offset: f64, opacity: f64, id: &str| Key {
        offset,
        swatch: format!(
            "<rect x=\"3\" y=\"-6\" width=\"16\" height=\"12\" fill=\"{p}\" fill-opacity=\"{opacity}\"/>"
        ),
        label: messages::label(locale, id),
    };
    legend(
        &mut out,
        plot.across,
        plot.left,
        &[
            Key::observed(p, messages::label(locale, "chart-observed")),
            Key {
                offset: 110.0,
                swatch: format!(
                    "<line x1=\"0\" x2=\"22\" y1=\"0\" y2=\"0\" stroke=\"{p}\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/><circle cx=\"11\" cy=\"0\" r=\"3.5\" fill=\"#ffffff\" stroke=\"{p}\" stroke-width=\"1.5\"/>"
                ),
                label: messages::label(locale, "chart-forecast"),
            },
            band_key(220.0, 0.34, "chart-interval-80"),
            band_key(340.0, 0.12, "chart-interval-95"),
        ],
    );
    plot.unit(&mut out, &f.unit, locale);
    plot.across.close(out)
}

/// The cohort heat map: one row per monthly cohort, one column per month
/// since its first; the share is written in each cell and its shade
/// deepens with it, so it reads in greyscale too. Months not yet over are
/// left empty.
pub fn heatmap(c: &CohortView, style: &ChartStyle, locale: Locale) -> String {
    let columns = c
        .rows
        .iter()
        .map(|r| r.shares.len())
        .max()
        .unwrap_or(0)
        .max(1);
    let (left, top, cell_h) = (112.0, 30.0, 20.0);
    let width = 640.0;
    let across = Across::new(width, locale);
    let cell_w = (width - left - 8.0) / columns as f64;
    let rows = c.rows.len() + 1;
    let height = top + cell_h * rows as f64 + 8.0;
    let mut out = String::with_capacity(16 * 1024);
    open_svg(
        &mut out,
        "cohorts",
        (width, height),
        &c.title,
        &c.alt,
        style,
    );
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"12\" fill=\"{MUTED}\" font-size=\"10\" text-anchor=\"{}\">{}</text>",
        across.x(left),
        across.anchor("start"),
        escape(&messages::text(
            locale,
            "chart-months-since-first",
            &[("activity", c.activity.as_str().into())]
        )),
    );
    for k in 0..columns {
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" text-anchor=\"middle\" font-size=\"10\">{}</text>",
            across.x(left + cell_w * (k as f64 + 0.5)),
            top - 6.0,
            rapport_locale::numbers::plain(k as i64, locale),
        );
    }
    let average_label = messages::label(locale, "chart-average");
    let all_rows = c
        .rows
        .iter()
        .map(|r| {
            (
                words::pair(&r.name, &words::count(r.size, locale), locale),
                &r.shares,
                false,
            )
        })
        .chain(std::iter::once((average_label, &c.average, true)));
    for (i, (label, shares, bold)) in all_rows.enumerate() {
        let y = top + cell_h * i as f64;
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{INK}\" text-anchor=\"{}\" font-size=\"10\"{}>{}</text>",
            across.x(left - 6.0),
            y + cell_h / 2.0 + 3.5,
            across.anchor("end"),
            if bold { " font-weight=\"600\"" } else { "" },
            escape(&label),
        );
        for (k, share) in shares.iter().enumerate() {
            let xx = left + cell_w * k as f64;
            let Some(v) = share else {
                continue;
            };
            let strength = (v / 100.0).clamp(0.0, 1.0);
            let opacity = 0.06 + 0.84 * strength.sqrt();
            let _ = write!(
                out,
                "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{}\" fill-opacity=\"{opacity:.2}\" stroke=\"#ffffff\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{}\" text-anchor=\"middle\" font-size=\"9\"{}>{}</text>",
                across.left(xx, cell_w),
                y,
                cell_w,
                cell_h,
                style.primary,
                across.x(xx + cell_w / 2.0),
                y + cell_h / 2.0 + 3.0,
                if opacity > 0.5 { "#ffffff" } else { INK },
                if bold { " font-weight=\"600\"" } else { "" },
                escape(&words::decimal(*v, 0, locale)),
            );
        }
    }
    across.close(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::TrendPoint;

    #[test]
    fn ticks_are_round_and_cover_the_range() {
        assert_eq!(
            ticks(0.0, 147_889.0, 4),
            [0.0, 50_000.0, 100_000.0, 150_000.0]
        );
        assert_eq!(ticks(14.5, 19.1, 4), [14.0, 16.0, 18.0, 20.0]);
        assert_eq!(ticks(0.0, 0.0, 4), [0.0, 0.5, 1.0]);
        // The last tick is at or above the largest value.
        assert_eq!(ticks(0.0, 24.3, 4), [0.0, 10.0, 20.0, 30.0]);
        let t = ticks(-12.0, 40.0, 4);
        assert!(t[0] <= -12.0 && *t.last().expect("ticks") >= 40.0, "{t:?}");
    }

    #[test]
    fn a_trend_chart_is_titled_described_and_breaks_at_gaps() {
        let point = |period: &str, value: Option<f64>| TrendPoint {
            period: period.to_owned(),
            value,
            year_ago: Some(1.0),
            in_period: period == "2026-03",
        };
        let t = Trend {
            metric: "nps".to_owned(),
            name: "Net Promoter Score".to_owned(),
            unit: "points".to_owned(),
            points: vec![
                point("2026-01", Some(10.0)),
                point("2026-02", None),
                point("2026-03", Some(12.0)),
            ],
            title: "NPS <by month>".to_owned(),
            alt: "alt & text".to_owned(),
        };
        let style = ChartStyle {
            primary: "#1d3f6e".to_owned(),
            accent: "#c2611f".to_owned(),
            font: "Inter".to_owned(),
            calendar: rapport_metrics::CalendarSystem::Gregorian,
        };
        let svg = trend(&t, &[], &style, Locale::En);
        assert!(
            svg.contains("<title id=\"trend-nps-title\">NPS &lt;by month&gt;</title>"),
            "{svg}"
        );
        assert!(svg.contains("<desc id=\"trend-nps-desc\">alt &amp; text</desc>"));
        // Two separate moves: the gap in February breaks the line.
        let solid = svg.split("<path d=\"").nth(2).expect("this year's path");
        assert_eq!(solid.matches('M').count(), 2, "{solid}");
        assert!(svg.contains("stroke-dasharray"));
        assert!(svg.ends_with("</svg>"));
    }

    fn style() -> ChartStyle {
        ChartStyle {
            primary: "#1d3f6e".to_owned(),
            accent: "#c2611f".to_owned(),
            font: "Inter".to_owned(),
            calendar: rapport_metrics::CalendarSystem::Gregorian,
        }
    }

    #[test]
    fn bars_are_as_long_as_their_values_and_labelled() {
        let bar = |label: &str, value: f64| crate::document::Bar {
            label: label.to_owned(),
            value,
            value_text: format!("{value} EUR"),
        };
        let chart = BarChart {
            id: "b".to_owned(),
            metric: None,
            unit: "EUR".to_owned(),
            title: "Revenue by channel".to_owned(),
            alt: "alt".to_owned(),
            bars: vec![
                bar("web", 300.0),
                bar("phone", 150.0),
                bar("a very long channel name indeed", 0.0),
            ],
            caption: String::new(),
        };
        let svg = bars(&chart, &style(), Locale::En);
        let widths: Vec<f64> = svg
            .match_indices("width=\"")
            .skip(1)
            .filter_map(|(i, _)| svg[i + 7..].split('"').next()?.parse().ok())
            .collect();
        // The view box, then one rect per bar: the second is half the first.
        assert_eq!(widths.len(), 3, "{svg}");
        assert!((widths[0] / widths[1] - 2.0).abs() < 0.01, "{widths:?}");
        assert_eq!(widths[2], 0.0);
        assert!(svg.contains("300 EUR") && svg.contains("a very long channel name in…"));
    }

    #[test]
    fn a_heat_map_writes_complete_cells_only() {
        let c = CohortView {
            activity: "orders".to_owned(),
            rows: vec![
                crate::document::CohortRow {
                    label: "2026-08".to_owned(),
                    name: "August 2026".to_owned(),
                    size: 120,
                    shares: vec![Some(100.0), Some(31.0), None],
                },
                crate::document::CohortRow {
                    label: "2026-09".to_owned(),
                    name: "September 2026".to_owned(),
                    size: 80,
                    shares: vec![Some(100.0), None],
                },
            ],
            average: vec![Some(100.0), Some(31.0)],
            title: "Cohorts".to_owned(),
            alt: "alt".to_owned(),
            sentence: String::new(),
        };
        let svg = heatmap(&c, &style(), Locale::En);
        // Five complete cells (two rows and the average), no more.
        assert_eq!(svg.matches("<rect").count(), 5, "{svg}");
        assert!(svg.contains(">31<") && svg.contains("August 2026 · 120"));
    }

    /// The `x` of every circle, in drawing order.
    fn circle_xs(svg: &str) -> Vec<f64> {
        svg.match_indices("<circle cx=\"")
            .filter_map(|(i, _)| svg[i + 12..].split('"').next()?.parse().ok())
            .collect()
    }

    #[test]
    fn a_right_to_left_chart_is_mirrored_and_its_words_embedded() {
        let point = |period: &str, value: f64| TrendPoint {
            period: period.to_owned(),
            value: Some(value),
            year_ago: None,
            in_period: false,
        };
        let t = Trend {
            metric: "active_customers".to_owned(),
            name: "Active customers".to_owned(),
            unit: "customers".to_owned(),
            points: vec![point("2026-01", 10.0), point("2026-02", 12.0)],
            title: "t".to_owned(),
            alt: "a".to_owned(),
        };
        let ltr = trend(&t, &[], &style(), Locale::En);
        let rtl = trend(&t, &[], &style(), Locale::Fa);
        // The months in order (the legend's marker, last, sits in its group).
        let (l, r) = (circle_xs(&ltr), circle_xs(&rtl));
        assert_eq!(l.len(), 3, "{ltr}");
        assert!(l[0] < l[1], "{l:?}");
        assert!(r[0] > r[1], "January stands right of February: {r:?}");
        for (a, b) in l.iter().zip(&r).take(2) {
            assert!(
                (a + b - MonthPlot::WIDTH).abs() < 0.11,
                "{a} and {b} mirror"
            );
        }
        // Labels on the value axis face the plot from its right.
        assert!(rtl.contains("text-anchor=\"start\">\u{202B}"), "{rtl}");
        assert!(!ltr.contains('\u{202B}'));
        assert_eq!(
            rtl.matches("<text").count(),
            rtl.matches("\u{202C}</text>").count()
        );
    }

    #[test]
    fn a_forecast_draws_both_bands_and_the_line_ahead_dashed() {
        let point = |period: &str, value: f64, band: bool| ForecastPoint {
            period: period.to_owned(),
            value,
            low_80: band.then_some(value - 10.0),
            high_80: band.then_some(value + 10.0),
            low_95: band.then_some(value - 20.0),
            high_95: band.then_some(value + 20.0),
        };
        let f = ForecastView {
            metric: "revenue".to_owned(),
            unit: "EUR".to_owned(),
            model: "ETS(A,N,N)".to_owned(),
            history: vec![
                point("2026-08", 100.0, false),
                point("2026-09", 110.0, false),
            ],
            forecast: vec![point("2026-10", 112.0, true), point("2026-11", 113.0, true)],
            title: "Revenue".to_owned(),
            alt: "alt".to_owned(),
            sentences: Vec::new(),
        };
        let svg = forecast(&f, &style(), Locale::En);
        assert_eq!(svg.matches("fill-opacity=\"0.12\"").count(), 2, "{svg}");
        assert!(svg.contains("fill-opacity=\"0.22\""));
        assert!(svg.contains("stroke-dasharray=\"6 4\""));
        assert_eq!(svg.matches("<circle").count(), 4 + 2);
    }
}
