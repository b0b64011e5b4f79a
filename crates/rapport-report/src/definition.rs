//! Report definitions: what a client's report shows and how it looks, as
//! TOML the agency edits (`reports/<client>/report.toml`, written by
//! `rapport report init`). A client without one gets [`Definition::default`].
//!
//! A definition is checked completely before anything is measured: an
//! unknown key, a metric id that is not in the catalog, a colour that is
//! not `#rrggbb` or a logo that cannot be read is an error naming the key
//! and the fix, so a report never comes out half of what was asked.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The file name of a client's definition inside its reports folder.
pub const FILE_NAME: &str = "report.toml";

/// The sections a report can show, in the order a definition lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    /// Three to five sentences: the best news, the worst, how sure we are.
    Summary,
    /// The headline KPIs with their comparisons, targets and benchmarks.
    Kpis,
    /// "What went well" and "What needs attention", always both.
    Findings,
    /// Each headline KPI month by month, with the year before.
    Trends,
    /// Bars of a metric by channel, country or another attribute.
    Breakdowns,
    /// The conversion funnel over web events.
    Funnel,
    /// The cohort retention heat map.
    Cohorts,
    /// A KPI's forecast with its 80 % and 95 % bands.
    Forecast,
    /// Purchase model and retention: next period's revenue, customers at
    /// risk, who is most worth a call.
    Predictions,
    /// Recommended actions, each with the rule and numbers behind it.
    Actions,
    /// When each source was last loaded, rows quarantined, metrics missing.
    DataQuality,
    /// The same quantity from two sources, compared.
    Triangulation,
    /// The client's feedback on earlier reports, answered.
    Feedback,
    /// Every term of art the report uses, in one line each.
    Glossary,
}

impl Section {
    /// Every section, in the default order.
    pub const ALL: &'static [Section] = &[
        Section::Summary,
        Section::Feedback,
        Section::Kpis,
        Section::Findings,
        Section::Trends,
        Section::Breakdowns,
        Section::Funnel,
        Section::Cohorts,
        Section::Forecast,
        Section::Predictions,
        Section::Actions,
        Section::DataQuality,
        Section::Triangulation,
        Section::Glossary,
    ];

    /// The id a definition and the message catalogue use.
    pub fn id(self) -> &'static str {
        match self {
            Section::Summary => "summary",
            Section::Kpis => "kpis",
            Section::Findings => "findings",
            Section::Trends => "trends",
            Section::Breakdowns => "breakdowns",
            Section::Funnel => "funnel",
            Section::Cohorts => "cohorts",
            Section::Forecast => "forecast",
            Section::Predictions => "predictions",
            Section::Actions => "actions",
            Section::DataQuality => "data_quality",
            Section::Triangulation => "triangulation",
            Section::Feedback => "feedback",
            Section::Glossary => "glossary",
        }
    }
}

/// The length of the period a report covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodType {
    #[default]
    Month,
    Quarter,
}

/// Names, logo, colours and font: whose report this looks like.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Branding {
    /// The agency's name on the cover; none for a client's own team.
    pub agency: Option<String>,
    /// The client's name as the report writes it (default: the name in
    /// the catalog).
    pub client_name: Option<String>,
    /// A PNG, JPEG or SVG file, relative to the definition file.
    pub logo: Option<PathBuf>,
    /// The agency's typeface: OpenType or TrueType files of one family
    /// (regular, bold, …), relative to the definition file. The report
    /// is set in it, HTML and PDF and charts alike, embedded like Inter,
    /// which stays the fallback for characters the family lacks.
    pub fonts: Vec<PathBuf>,
    /// Headings, the cover band and the current period in charts.
    pub primary_color: String,
    /// Highlights: the comparison series, the call-list marker.
    pub accent_color: String,
    /// Whether the report says it was made with Rapport. A white-label
    /// report (the default) names only the agency.
    pub show_rapport: bool,
}

impl Default for Branding {
    fn default() -> Self {
        Branding {
            agency: None,
            client_name: None,
            logo: None,
            fonts: Vec::new(),
            primary_color: "#1d3f6e".to_owned(),
            accent_color: "#c2611f".to_owned(),
            show_rapport: false,
        }
    }
}

/// A benchmark a definition gives for one metric, with where it is from.
/// Rapport ships none: a benchmark without a source is not trusted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Benchmark {
    pub value: f64,
    pub source: String,
}

/// Which predictions the report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PredictionsDefinition {
    /// How many customers the call list names (top CLV at high risk).
    pub call_list: usize,
    /// Gross margin applied to spend in CLV, 0–1 (1 = revenue).
    pub margin: f64,
}

impl Default for PredictionsDefinition {
    fn default() -> Self {
        PredictionsDefinition {
            call_list: 10,
            margin: 1.0,
        }
    }
}

/// A metric shown as bars by an attribute (`channel`, `customer.country`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    pub metric: String,
    pub by: String,
}

/// The funnel the report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FunnelDefinition {
    /// Event types in order (`page_view`, `add_to_cart`, …); empty for none.
    pub steps: Vec<String>,
    /// How long after the first step a unit may convert (`1d`, `7d`).
    pub window: String,
}

impl Default for FunnelDefinition {
    fn default() -> Self {
        FunnelDefinition {
            steps: ["page_view", "product_view", "add_to_cart", "purchase"]
                .map(str::to_owned)
                .to_vec(),
            window: "1d".to_owned(),
        }
    }
}

/// The forecast the report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ForecastDefinition {
    /// `revenue`, `orders`, `buyers` or a metric id.
    pub metric: String,
    /// Months ahead.
    pub horizon: usize,
}

impl Default for ForecastDefinition {
    fn default() -> Self {
        ForecastDefinition {
            metric: "revenue".to_owned(),
            horizon: 6,
        }
    }
}

/// How far two sources may disagree before the report flags it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TriangulationDefinition {
    /// The largest gap, in percent, that is not flagged.
    pub tolerance_pct: f64,
}

impl Default for TriangulationDefinition {
    fn default() -> Self {
        TriangulationDefinition {
            tolerance_pct: 10.0,
        }
    }
}

/// A client's report definition (`report.toml`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Definition {
    /// The report's title on the cover.
    pub title: Option<String>,
    /// `month` or `quarter`: what a scheduled report covers and what
    /// `--period` defaults to.
    pub period: PeriodType,
    /// The language the report is written in (`en`, `ro`, `zh-Hans`, `fa`).
    pub language: String,
    /// The sections, in the order they appear.
    pub sections: Vec<Section>,
    /// The headline KPIs, by metric id (`rapport metrics --list`): shown
    /// first, with trends. Metrics without data in the period are left out
    /// of the headline and listed under data quality.
    pub headline: Vec<String>,
    /// Targets by metric id, for every period the report covers; they
    /// override targets set with `rapport target set`.
    pub targets: BTreeMap<String, f64>,
    /// Benchmarks by metric id, each with its source.
    pub benchmarks: BTreeMap<String, Benchmark>,
    /// Bars of a metric by an attribute, one chart each.
    pub breakdowns: Vec<Breakdown>,
    pub funnel: FunnelDefinition,
    /// How many monthly cohorts the heat map shows (0 for none).
    pub cohorts: usize,
    pub forecast: ForecastDefinition,
    pub triangulation: TriangulationDefinition,
    pub branding: Branding,
    pub predictions: PredictionsDefinition,
    /// The business's own metrics, as SQL over its tables (`[[metrics]]`):
    /// shown as headline KPIs after the built-in ones.
    pub metrics: Vec<crate::custom::CustomMetric>,
}

impl Default for Definition {
    fn default() -> Self {
        Definition {
            title: None,
            period: PeriodType::Month,
            language: "en".to_owned(),
            sections: Section::ALL.to_vec(),
            headline: rapport_app::metrics::HEADLINE
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            targets: BTreeMap::new(),
            benchmarks: BTreeMap::new(),
            breakdowns: vec![
                Breakdown {
                    metric: "revenue".to_owned(),
                    by: "channel".to_owned(),
                },
                Breakdown {
                    metric: "active_customers".to_owned(),
                    by: "customer.country".to_owned(),
                },
            ],
            funnel: FunnelDefinition::default(),
            cohorts: 12,
            forecast: ForecastDefinition::default(),
            triangulation: TriangulationDefinition::default(),
            metrics: Vec::new(),
            branding: Branding::default(),
            predictions: PredictionsDefinition::default(),
        }
    }
}

/// A definition as read, with the folder its relative paths start from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub definition: Definition,
    /// The file it came from; `None` for the built-in default.
    pub file: Option<PathBuf>,
}

/// The agency's typeface, read from the definition's `branding.fonts`.
#[derive(Debug, Clone)]
pub struct BrandFont {
    /// The family name the files declare.
    pub family: String,
    /// Each file's bytes, with the weight and style it declares.
    pub faces: Vec<BrandFace>,
}

/// One file of a [`BrandFont`].
#[derive(Debug, Clone)]
pub struct BrandFace {
    pub data: Vec<u8>,
    /// CSS weight, 100–900.
    pub weight: u16,
    pub italic: bool,
    /// `opentype` or `truetype`, for CSS.
    pub format: &'static str,
}

impl Loaded {
    fn relative(&self, path: &Path) -> PathBuf {
        self.file
            .as_deref()
            .and_then(Path::parent)
            .unwrap_or(Path::new("."))
            .join(path)
    }

    /// The agency's typeface, when the definition names one: every file
    /// read and checked to be a font of one family.
    pub fn brand_font(&self) -> Result<Option<BrandFont>> {
        let mut family: Option<String> = None;
        let mut faces = Vec::new();
        for (i, file) in self.definition.branding.fonts.iter().enumerate() {
            let key = format!("branding.fonts[{i}]");
            let path = self.relative(file);
            let data = std::fs::read(&path).map_err(|e| {
                self.error(
                    &key,
                    format!(
                        "cannot read `{}` ({e}); the path is relative to the definition file",
                        path.display()
                    ),
                )
            })?;
            let Some(font) =
                typst::text::Font::new(typst::foundations::Bytes::new(data.clone()), 0)
            else {
                return Err(self.error(
                    &key,
                    format!(
                        "`{}` is not an OpenType or TrueType font; give .otf or .ttf files",
                        file.display()
                    ),
                ));
            };
            let info = font.info();
            match &family {
                Some(f) if *f != info.family => {
                    return Err(self.error(
                        &key,
                        format!(
                            "`{}` is of the family `{}`, not `{f}`: give the files of one family",
                            file.display(),
                            info.family
                        ),
                    ));
                }
                _ => family = Some(info.family.clone()),
            }
            faces.push(BrandFace {
                weight: info.variant.weight.to_number(),
                italic: info.variant.style != typst::text::FontStyle::Normal,
                format: if data.starts_with(b"OTTO") {
                    "opentype"
                } else {
                    "truetype"
                },
                data,
            });
        }
        Ok(family.map(|family| BrandFont { family, faces }))
    }

    /// The logo's bytes and media type, when the definition names one.
    pub fn logo(&self) -> Result<Option<(Vec<u8>, &'static str)>> {
        let Some(logo) = &self.definition.branding.logo else {
            return Ok(None);
        };
        let path = self.relative(logo);
        let media = match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("png") => "image/png",
            Some("jpg" | "jpeg") => "image/jpeg",
            Some("svg") => "image/svg+xml",
            _ => {
                return Err(self.error(
                    "branding.logo",
                    format!(
                        "`{}` is not a PNG, JPEG or SVG file; give a logo ending in .png, .jpg or .svg",
                        logo.display()
                    ),
                ));
            }
        };
        let bytes = std::fs::read(&path).map_err(|e| {
            self.error(
                "branding.logo",
                format!(
                    "cannot read `{}` ({e}); the path is relative to the definition file",
                    path.display()
                ),
            )
        })?;
        Ok(Some((bytes, media)))
    }

    fn error(&self, key: &str, message: String) -> Error {
        Error::Definition {
            file: self.file.clone(),
            key: key.to_owned(),
            message,
        }
    }
}

/// Reads a definition file and checks it.
pub fn read(file: &Path) -> Result<Loaded> {
    let text = std::fs::read_to_string(file).map_err(|source| Error::Io {
        action: "cannot read the report definition",
        path: file.to_owned(),
        source,
    })?;
    parse(&text, Some(file))
}

/// Parses and checks a definition; `file` names it in errors.
pub fn parse(text: &str, file: Option<&Path>) -> Result<Loaded> {
    let definition: Definition = toml::from_str(text).map_err(|e| {
        let line = e
            .span()
            .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
        Error::DefinitionSyntax {
            file: file.map(Path::to_owned),
            line,
            message: e.message().to_owned(),
        }
    })?;
    let loaded = Loaded {
        definition,
        file: file.map(Path::to_owned),
    };
    check(&loaded)?;
    Ok(loaded)
}

/// The definition a client's reports use: `reports/<client>/report.toml`
/// when it exists, else the built-in default.
pub fn for_client(ws: &rapport_store::Workspace, client: &str) -> Result<Loaded> {
    let file = ws.reports_dir(client).join(FILE_NAME);
    if file.exists() {
        read(&file)
    } else {
        Ok(Loaded {
            definition: Definition::default(),
            file: None,
        })
    }
}

/// The default definition as TOML to edit, every key present and
/// explained.
pub fn default_toml(client_name: &str) -> String {
    let d = Definition::default();
    let list = |items: &[&str]| {
        items
            .iter()
            .map(|s| format!("\"{s}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sections: Vec<&str> = d.sections.iter().map(|s| s.id()).collect();
    let headline: Vec<&str> = d.headline.iter().map(String::as_str).collect();
    format!(
        "# The report definition of {client_name}. Every key is optional: a key left out\n\
         # takes the value shown here. `rapport report CLIENT` reads this file.\n\
         \n\
         # title = \"Customer report\"\n\
         # month or quarter: the period a report covers by default.\n\
         period = \"month\"\n\
         # The language the report is written in: en, ro, zh-Hans or fa.\n\
         language = \"{language}\"\n\
         # The sections, in order; leave one out to drop it.\n\
         sections = [{sections}]\n\
         # Headline KPIs by metric id (`rapport metrics --list`).\n\
         headline = [{headline}]\n\
         # How many monthly cohorts the retention heat map shows (0 for none).\n\
         cohorts = {cohorts}\n\
         \n\
         # Targets by metric id; they override `rapport target set`.\n\
         [targets]\n\
         # revenue = 150000\n\
         # nps = 40\n\
         \n\
         # Benchmarks by metric id, each with its source. Rapport ships none.\n\
         [benchmarks]\n\
         # nps = {{ value = 32, source = \"Retail NPS study 2026, p. 4\" }}\n\
         \n\
         # Bars of a metric by an attribute: a column such as channel, or a customer\n\
         # field as customer.country. A client without it gets a note instead.\n\
         {breakdowns}\
         \n\
         # The funnel over web events, steps in order (empty for none).\n\
         [funnel]\n\
         steps = [{steps}]\n\
         window = \"{window}\"\n\
         \n\
         # The forecast: revenue, orders, buyers or a metric id, months ahead.\n\
         [forecast]\n\
         metric = \"{forecast}\"\n\
         horizon = {horizon}\n\
         \n\
         # Sources that count the same thing (order revenue and web purchases, ...)\n\
         # are flagged when they differ by more than this, in percent.\n\
         [triangulation]\n\
         tolerance_pct = {tolerance:.1}\n\
         \n\
         # Your own metrics, as SQL over the client's tables (see `rapport sql`). The\n\
         # query returns one row whose first column is the value; {{start}} and {{end}}\n\
         # are the period's first instant and the instant after it.\n\
         # [[metrics]]\n\
         # id = \"table_turnover\"\n\
         # name = \"Table turnover\"\n\
         # unit = \"ratio\"          # %, count, ratio, score, points, seconds or a currency\n\
         # better = \"higher\"       # higher, lower or neutral\n\
         # sql = \"SELECT count(*) / 20.0 FROM orders WHERE ordered_at >= {{start}} AND ordered_at < {{end}}\"\n\
         \n\
         [branding]\n\
         # agency = \"Northwind Agency\"\n\
         client_name = \"{client_name}\"\n\
         # A PNG, JPEG or SVG file, relative to this file.\n\
         # logo = \"logo.png\"\n\
         # The agency's typeface: .otf or .ttf files of one family, relative to this file.\n\
         # fonts = [\"fonts/Brand-Regular.otf\", \"fonts/Brand-Bold.otf\"]\n\
         primary_color = \"{primary}\"\n\
         accent_color = \"{accent}\"\n\
         # Whether the report says it was made with Rapport.\n\
         show_rapport = false\n\
         \n\
         [predictions]\n\
         # How many customers the call list names.\n\
         call_list = {call_list}\n\
         # Gross margin applied to spend in customer lifetime value (1 = revenue).\n\
         margin = {margin:.1}\n",
        language = d.language,
        sections = list(&sections),
        headline = list(&headline),
        client_name = client_name.replace('"', "\\\""),
        primary = d.branding.primary_color,
        accent = d.branding.accent_color,
        call_list = d.predictions.call_list,
        margin = d.predictions.margin,
        cohorts = d.cohorts,
        breakdowns = d
            .breakdowns
            .iter()
            .map(|b| format!(
                "[[breakdowns]]\nmetric = \"{}\"\nby = \"{}\"\n",
                b.metric, b.by
            ))
            .collect::<String>(),
        steps = list(
            &d.funnel
                .steps
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
        ),
        window = d.funnel.window,
        forecast = d.forecast.metric,
        horizon = d.forecast.horizon,
        tolerance = d.triangulation.tolerance_pct,
    )
}

fn check(loaded: &Loaded) -> Result<()> {
    let d = &loaded.definition;
    let err = |key: String, message: String| Error::Definition {
        file: loaded.file.clone(),
        key,
        message,
    };
    for (i, m) in d.metrics.iter().enumerate() {
        if let Err((key, message)) = crate::custom::check(i, m) {
            return Err(err(key, message));
        }
        if d.metrics[..i].iter().any(|o| o.id == m.id) {
            return Err(err(
                format!("metrics[{i}].id"),
                format!("`{}` is declared twice; give each metric its own id", m.id),
            ));
        }
    }
    let known = |key: String, id: &str| -> Result<()> {
        if rapport_metrics::metric(id).is_none() && !d.metrics.iter().any(|m| m.id == id) {
            return Err(err(
                key,
                format!("no metric `{id}`; the ids are listed by `rapport metrics --list`"),
            ));
        }
        Ok(())
    };
    if let Err(e) = d.language.parse::<rapport_app::words::Locale>() {
        return Err(err("language".to_owned(), e.to_string()));
    }
    for (i, id) in d.headline.iter().enumerate() {
        known(format!("headline[{i}]"), id)?;
        if d.headline[..i].contains(id) {
            return Err(err(
                format!("headline[{i}]"),
                format!("`{id}` is listed twice; list each metric once"),
            ));
        }
    }
    for (i, s) in d.sections.iter().enumerate() {
        if d.sections[..i].contains(s) {
            return Err(err(
                format!("sections[{i}]"),
                format!("`{}` is listed twice; list each section once", s.id()),
            ));
        }
    }
    for (id, value) in &d.targets {
        known(format!("targets.{id}"), id)?;
        if !value.is_finite() {
            return Err(err(format!("targets.{id}"), "give a number".to_owned()));
        }
    }
    for (id, b) in &d.benchmarks {
        known(format!("benchmarks.{id}"), id)?;
        if b.source.trim().is_empty() {
            return Err(err(
                format!("benchmarks.{id}.source"),
                "say where the benchmark comes from (a study, a page, a year)".to_owned(),
            ));
        }
        if !b.value.is_finite() {
            return Err(err(
                format!("benchmarks.{id}.value"),
                "give a number".to_owned(),
            ));
        }
    }
    for (i, b) in d.breakdowns.iter().enumerate() {
        known(format!("breakdowns[{i}].metric"), &b.metric)?;
        if b.by.trim().is_empty() {
            return Err(err(
                format!("breakdowns[{i}].by"),
                "name an attribute: a column such as channel, or customer.country".to_owned(),
            ));
        }
    }
    if d.funnel.steps.len() == 1 {
        return Err(err(
            "funnel.steps".to_owned(),
            "a funnel needs at least two steps (or none, for no funnel)".to_owned(),
        ));
    }
    if let Err(e) = rapport_metrics::funnel::parse_duration(&d.funnel.window) {
        return Err(err("funnel.window".to_owned(), e));
    }
    if let Err(e) = d.forecast.metric.parse::<rapport_predict::ForecastMetric>() {
        return Err(err("forecast.metric".to_owned(), e.to_string()));
    }
    if !(1..=24).contains(&d.forecast.horizon) {
        return Err(err(
            "forecast.horizon".to_owned(),
            "give 1 to 24 months ahead".to_owned(),
        ));
    }
    let tolerance = d.triangulation.tolerance_pct;
    if !(0.0..=100.0).contains(&tolerance) || tolerance.is_nan() {
        return Err(err(
            "triangulation.tolerance_pct".to_owned(),
            format!("{tolerance} is not a tolerance; give a percentage from 0 to 100, like 10"),
        ));
    }
    if d.cohorts > 36 {
        return Err(err(
            "cohorts".to_owned(),
            "show at most 36 cohorts (0 for none)".to_owned(),
        ));
    }
    for (key, colour) in [
        ("branding.primary_color", &d.branding.primary_color),
        ("branding.accent_color", &d.branding.accent_color),
    ] {
        let hex = colour.strip_prefix('#').unwrap_or("");
        if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return Err(err(
                key.to_owned(),
                format!("`{colour}` is not a colour; write it as #rrggbb, like #1d3f6e"),
            ));
        }
    }
    if !(0.0..=1.0).contains(&d.predictions.margin) || d.predictions.margin == 0.0 {
        return Err(err(
            "predictions.margin".to_owned(),
            format!(
                "{} is not a margin; give a share above 0 and at most 1 (0.35 for 35 %)",
                d.predictions.margin
            ),
        ));
    }
    if d.predictions.call_list > 100 {
        return Err(err(
            "predictions.call_list".to_owned(),
            "name at most 100 customers; a longer list belongs in `rapport predict`'s file"
                .to_owned(),
        ));
    }
    loaded.logo()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(text: &str) -> String {
        parse(text, Some(Path::new("acme/report.toml")))
            .expect_err("should fail")
            .to_string()
    }

    #[test]
    fn the_default_toml_reads_back_as_the_default() {
        let loaded = parse(&default_toml("Acme \"Ltd\""), None).expect("parses");
        let mut expected = Definition::default();
        expected.branding.client_name = Some("Acme \"Ltd\"".to_owned());
        assert_eq!(loaded.definition, expected);
        assert_eq!(
            parse("", None).expect("empty").definition,
            Definition::default()
        );
    }

    #[test]
    fn a_bad_definition_names_the_key_and_the_fix() {
        let e = error_of("headline = [\"revenue\", \"revnue\"]");
        assert!(e.contains("headline[1]") && e.contains("`revnue`"), "{e}");
        assert!(e.contains("rapport metrics --list"), "{e}");
        let e = error_of("[branding]\nprimary_color = \"blue\"");
        assert!(
            e.contains("branding.primary_color") && e.contains("#rrggbb"),
            "{e}"
        );
        let e = error_of("[branding]\ncolour = \"#000000\"");
        assert!(e.contains("line 2") && e.contains("`colour`"), "{e}");
        assert!(e.contains("acme/report.toml"), "{e}");
        let e = error_of("sections = [\"summary\", \"charts\"]");
        assert!(e.contains("`charts`") && e.contains("summary"), "{e}");
        let e = error_of("[benchmarks]\nnps = { value = 30, source = \" \" }");
        assert!(e.contains("benchmarks.nps.source"), "{e}");
        let e = error_of("[targets]\nhappiness = 3");
        assert!(e.contains("targets.happiness"), "{e}");
        let e = error_of("language = \"xx\"");
        assert!(e.contains("language") && e.contains("`xx`"), "{e}");
        let e = error_of("[branding]\nlogo = \"missing.png\"");
        assert!(
            e.contains("branding.logo") && e.contains("missing.png"),
            "{e}"
        );
        let e = error_of("[funnel]\nsteps = [\"page_view\"]");
        assert!(e.contains("funnel.steps") && e.contains("two steps"), "{e}");
        let e = error_of("[funnel]\nwindow = \"fortnight\"");
        assert!(e.contains("funnel.window"), "{e}");
        let e = error_of("[forecast]\nmetric = \"happiness\"");
        assert!(e.contains("forecast.metric"), "{e}");
        let e = error_of("[[breakdowns]]\nmetric = \"revenue\"\nby = \"\"");
        assert!(e.contains("breakdowns[0].by"), "{e}");
        let e = error_of(
            "[[metrics]]\nid = \"turnover\"\nname = \"Turnover\"\nunit = \"ratio\"\nbetter = \"up\"\nsql = \"SELECT 1\"",
        );
        assert!(e.contains("line") && e.contains("`up`"), "{e}");
        let e = error_of(
            "[[metrics]]\nid = \"turnover\"\nname = \"Turnover\"\nunit = \"ratio\"\nbetter = \"higher\"\nsql = \"SELECT 1\"",
        );
        assert!(e.contains("metrics[0].sql") && e.contains("{start}"), "{e}");
        // A custom metric's id may have a target.
        let ok = "[targets]\nturnover = 3\n[[metrics]]\nid = \"turnover\"\nname = \"Turnover\"\nunit = \"ratio\"\nbetter = \"higher\"\nsql = \"SELECT 1 WHERE {start} < {end}\"";
        assert!(parse(ok, None).is_ok());
        let e = error_of("[predictions]\nmargin = 35");
        assert!(
            e.contains("predictions.margin") && e.contains("0.35"),
            "{e}"
        );
    }
}
