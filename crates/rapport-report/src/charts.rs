//! Charts as SVG text: one drawing serves the HTML (inline), the PDF
//! (Typst draws the same SVG) and, later, the web dashboard.
//!
//! Every chart has a title and a description for readers who cannot see
//! it, axis labels with units, and series told apart by line style and
//! marker shape as well as colour, so it survives greyscale printing and
//! colour blindness. Text uses the report's font family.

use std::fmt::Write;

use rapport_app::words::{self, Locale};

use crate::document::Trend;
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
    let mut t = first;
    while t <= hi + step * 0.5 && out.len() < 20 {
        out.push(if t.abs() < step * 1e-9 { 0.0 } else { t });
        if t >= hi {
            break;
        }
        t += step;
    }
    out
}

/// A month label for an axis: `Nov`, and the year under January and the
/// first month.
fn month_label(period: &str, first: bool) -> (String, Option<String>) {
    let mut parts = period.split('-');
    let year = parts.next().unwrap_or_default();
    let month: u32 = parts.next().and_then(|m| m.parse().ok()).unwrap_or(1);
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let name = NAMES[(month.clamp(1, 12) - 1) as usize].to_owned();
    let year = (first || month == 1).then(|| year.to_owned());
    (name, year)
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

/// A KPI month by month: this year as a solid line with round markers,
/// the same months a year earlier dashed with square markers, and the
/// report's period shaded.
pub fn trend(t: &Trend, style: &ChartStyle, locale: Locale) -> String {
    let (width, height) = (640.0, 250.0);
    let (left, right, top, bottom) = (64.0, 16.0, 40.0, 44.0);
    let plot_w = width - left - right;
    let plot_h = height - top - bottom;
    let values: Vec<f64> = t
        .points
        .iter()
        .flat_map(|p| [p.value, p.year_ago])
        .flatten()
        .filter(|v| v.is_finite())
        .collect();
    let mut out = String::with_capacity(8 * 1024);
    open_svg(
        &mut out,
        &format!("trend-{}", t.metric),
        (width, height),
        &t.title,
        &t.alt,
        style,
    );
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
    let n = t.points.len().max(1);
    let step = plot_w / n as f64;
    let x = |i: usize| left + step * (i as f64 + 0.5);
    let y = |v: f64| top + plot_h - (v - y0) / (y1 - y0) * plot_h;

    // The report period's band, behind everything.
    let in_period: Vec<usize> = (0..t.points.len())
        .filter(|i| t.points[*i].in_period)
        .collect();
    if let (Some(&a), Some(&b)) = (in_period.first(), in_period.last()) {
        let _ = write!(
            out,
            "<rect x=\"{:.1}\" y=\"{top}\" width=\"{:.1}\" height=\"{plot_h}\" fill=\"{}\" fill-opacity=\"0.08\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
            left + step * a as f64,
            step * (b - a + 1) as f64,
            style.primary,
            left + step * (a + b + 1) as f64 / 2.0,
            top - 4.0,
            escape(&messages::label(locale, "chart-report-period")),
        );
    }
    // Grid and y axis labels.
    for v in &ticks {
        let yy = y(*v);
        let _ = write!(
            out,
            "<line x1=\"{left}\" x2=\"{:.1}\" y1=\"{yy:.1}\" y2=\"{yy:.1}\" stroke=\"{GRID}\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" text-anchor=\"end\">{}</text>",
            width - right,
            left - 6.0,
            yy + 4.0,
            escape(&words::number(*v, locale)),
        );
    }
    // X axis labels.
    for (i, p) in t.points.iter().enumerate() {
        let (month, year) = month_label(&p.period, i == 0);
        let _ = write!(
            out,
            "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" text-anchor=\"middle\">{month}</text>",
            x(i),
            top + plot_h + 16.0,
        );
        if let Some(year) = year {
            let _ = write!(
                out,
                "<text x=\"{:.1}\" y=\"{:.1}\" fill=\"{MUTED}\" text-anchor=\"middle\" font-size=\"10\">{year}</text>",
                x(i),
                top + plot_h + 30.0,
            );
        }
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
    // Legend, top left: line style and marker as well as colour.
    let this_year = escape(&messages::label(locale, "chart-this-year"));
    let year_before = escape(&messages::label(locale, "chart-year-before"));
    let _ = write!(
        out,
        "<g transform=\"translate({left},14)\">\
         <line x1=\"0\" x2=\"22\" y1=\"0\" y2=\"0\" stroke=\"{p}\" stroke-width=\"2.5\"/><circle cx=\"11\" cy=\"0\" r=\"3.5\" fill=\"{p}\"/>\
         <text x=\"28\" y=\"4\" fill=\"{INK}\">{this_year}</text>\
         <line x1=\"120\" x2=\"142\" y1=\"0\" y2=\"0\" stroke=\"{COMPARISON}\" stroke-width=\"1.5\" stroke-dasharray=\"5 4\"/>\
         <rect x=\"128\" y=\"-3\" width=\"6\" height=\"6\" fill=\"#ffffff\" stroke=\"{COMPARISON}\" stroke-width=\"1.5\"/>\
         <text x=\"148\" y=\"4\" fill=\"{INK}\">{year_before}</text></g>",
        p = style.primary,
    );
    // The unit, above the y axis.
    let _ = write!(
        out,
        "<text x=\"{:.1}\" y=\"18\" fill=\"{MUTED}\" text-anchor=\"end\" font-size=\"10\">{}</text>",
        left - 10.0,
        escape(&crate::assemble::unit_words(&t.unit, locale)),
    );
    out.push_str("</svg>");
    out
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
        };
        let svg = trend(&t, &style, Locale::En);
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
}
