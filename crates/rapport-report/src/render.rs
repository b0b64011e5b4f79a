//! Turns a [`Report`] into the files a client reads: one self-contained
//! HTML file (fonts, charts and logo inline; no network request of any
//! kind), a PDF made inside Rapport by Typst, and the JSON of every number.
//!
//! Why Typst for the PDF: it is a library (no browser, no external
//! program), lays out real text that `pdftotext` extracts, paginates with
//! page numbers and an outline, embeds and subsets the fonts we ship, and
//! draws the same SVG charts as the HTML. Both templates read the same
//! view of the report, so the two documents cannot say different things.
//!
//! Templates can be overridden per workspace (`templates/`) or per client
//! (`reports/<client>/templates/`); a broken template is an error naming
//! the template, the line and the cause, and nothing is written.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use base64::Engine as _;
use minijinja::value::Serde;
use rapport_app::words::Locale;
use serde::Serialize;
use typst::diag::{FileError, FileResult, Severity};
use typst::foundations::{Bytes, Datetime, Duration, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

use crate::charts::{self, ChartStyle, SVG_NAMESPACE};
use crate::definition::{BrandFont, Loaded};
use crate::document::Report;
use crate::messages;
use crate::scripts::{self, ScriptFont};
use crate::{Error, Result};

/// The font family reports are set in (Inter, SIL Open Font License; see
/// `fonts/LICENSE-Inter.txt`).
pub const FONT_FAMILY: &str = "Inter";
pub(crate) const FONT_REGULAR: &[u8] = include_bytes!("../fonts/Inter-Regular.otf");
pub(crate) const FONT_SEMIBOLD: &[u8] = include_bytes!("../fonts/Inter-SemiBold.otf");

/// The built-in templates, which `rapport report init --templates` copies
/// out for an agency to edit.
pub const HTML_TEMPLATE: &str = include_str!("../templates/report.html");
pub const PDF_TEMPLATE: &str = include_str!("../templates/report.typ");
pub const HTML_TEMPLATE_NAME: &str = "report.html";
pub const PDF_TEMPLATE_NAME: &str = "report.typ";

/// A template's text and where it came from, for error messages.
#[derive(Debug, Clone)]
pub struct Template {
    /// The file it was read from, or `built-in report.html`.
    pub origin: String,
    pub text: String,
}

/// The HTML and PDF templates a report is rendered with.
#[derive(Debug, Clone)]
pub struct Templates {
    pub html: Template,
    pub pdf: Template,
}

impl Templates {
    /// The templates Rapport ships.
    pub fn builtin() -> Templates {
        Templates {
            html: Template {
                origin: format!("built-in {HTML_TEMPLATE_NAME}"),
                text: HTML_TEMPLATE.to_owned(),
            },
            pdf: Template {
                origin: format!("built-in {PDF_TEMPLATE_NAME}"),
                text: PDF_TEMPLATE.to_owned(),
            },
        }
    }

    /// A client's templates: its own folder's first, then the
    /// workspace's, then the built-in ones, each file on its own.
    pub fn for_client(ws: &rapport_store::Workspace, client: &str) -> Result<Templates> {
        let dirs = [
            client_templates_dir(ws, client),
            ws.root().join("templates"),
        ];
        let pick = |name: &str, builtin: &str| -> Result<Template> {
            for dir in &dirs {
                let file = dir.join(name);
                if file.exists() {
                    let text = std::fs::read_to_string(&file).map_err(|source| Error::Io {
                        action: "cannot read the template",
                        path: file.clone(),
                        source,
                    })?;
                    return Ok(Template {
                        origin: file.display().to_string(),
                        text,
                    });
                }
            }
            Ok(Template {
                origin: format!("built-in {name}"),
                text: builtin.to_owned(),
            })
        };
        Ok(Templates {
            html: pick(HTML_TEMPLATE_NAME, HTML_TEMPLATE)?,
            pdf: pick(PDF_TEMPLATE_NAME, PDF_TEMPLATE)?,
        })
    }
}

/// Where a client's own templates live.
pub fn client_templates_dir(ws: &rapport_store::Workspace, client: &str) -> PathBuf {
    ws.reports_dir(client).join("templates")
}

/// A rendered report.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub html: String,
    pub pdf: Vec<u8>,
    /// How many pages the PDF has.
    pub pages: usize,
    pub json: String,
}

/// Forgets Typst's memoised layout, so that the next render starts cold,
/// as a report never rendered before does (the report bench calls it
/// between runs; a report rendered twice is otherwise mostly cached).
pub fn forget_layout_cache() {
    typst::comemo::evict(0);
}

#[derive(Clone, Serialize)]
struct Brand {
    primary: String,
    accent: String,
    font: String,
    /// A data URI for HTML; a virtual path for Typst.
    logo: Option<String>,
    show_rapport: bool,
}

#[derive(Serialize)]
struct Texts {
    prepared_by: String,
    /// The cover's line under the title: who prepared it and the data's
    /// day, joined the language's way.
    meta: String,
    prepared_for: String,
    as_of: String,
    report_id: String,
}

/// What both templates lay out besides the report itself.
#[derive(Serialize)]
struct View {
    /// Every label of the report's language, by message id.
    t: &'static BTreeMap<String, String>,
    /// Sentences with arguments the templates need.
    text: Texts,
    brand: Brand,
    sections: Vec<&'static str>,
    /// `ltr` or `rtl`.
    dir: &'static str,
    /// The language as Typst and hyphenation know it (`zh` for `zh-Hans`).
    lang: &'static str,
    /// The font families text is set in, in order: the agency's, the
    /// script's (Persian before Inter, Chinese after it), Inter.
    fonts: Vec<String>,
    /// Typst's page numbering pattern, in the language's digits.
    page_numbering: &'static str,
    /// Typst's pattern for a numbered item (an action), likewise.
    item_numbering: &'static str,
}

fn view(report: &Report, loaded: &Loaded, locale: Locale) -> View {
    let d = &loaded.definition;
    let t = messages::labels(locale);
    let prepared_by = messages::text(
        locale,
        "label-prepared-by",
        &[("agency", report.agency.clone().unwrap_or_default().into())],
    );
    let as_of = messages::text(
        locale,
        "label-as-of",
        &[("date", report.as_of_text.as_str().into())],
    );
    let text = Texts {
        meta: match report.agency {
            Some(_) => rapport_app::words::pair(&prepared_by, &as_of, locale),
            None => as_of.clone(),
        },
        prepared_by,
        prepared_for: messages::text(
            locale,
            "label-prepared-for",
            &[("client", report.client_name.as_str().into())],
        ),
        as_of,
        report_id: match report.run {
            Some(run) => messages::text(
                locale,
                "label-report-run",
                &[
                    ("id", report.id.as_str().into()),
                    ("run", rapport_locale::numbers::plain(run, locale).into()),
                ],
            ),
            None => messages::text(
                locale,
                "label-report-id",
                &[("id", report.id.as_str().into())],
            ),
        },
    };
    View {
        t,
        text,
        brand: Brand {
            primary: d.branding.primary_color.clone(),
            accent: d.branding.accent_color.clone(),
            font: FONT_FAMILY.to_owned(),
            logo: None,
            show_rapport: d.branding.show_rapport,
        },
        sections: d.sections.iter().map(|s| s.id()).collect(),
        dir: locale.direction().attribute(),
        lang: match locale {
            Locale::ZhHans => "zh",
            other => other.tag(),
        },
        fonts: Vec::new(),
        page_numbering: if locale == Locale::Fa {
            "۱ / ۱"
        } else {
            "1 / 1"
        },
        item_numbering: if locale == Locale::Fa { "۱." } else { "1." },
    }
}

/// The font list: the agency's family, then the script's and Inter in the
/// order [`ScriptFont::before_inter`] says.
fn font_list(brand: Option<&BrandFont>, script: Option<&ScriptFont>) -> Vec<String> {
    let mut fonts: Vec<String> = brand.map(|b| b.family.clone()).into_iter().collect();
    match script {
        Some(s) if s.before_inter => {
            fonts.push(s.family.to_owned());
            fonts.push(FONT_FAMILY.to_owned());
        }
        Some(s) => {
            fonts.push(FONT_FAMILY.to_owned());
            fonts.push(s.family.to_owned());
        }
        None => fonts.push(FONT_FAMILY.to_owned()),
    }
    fonts
}

/// Where the HTML's subset script font goes once the page's characters
/// are known.
const SUBSET_MARK: &str = "/* rapport:script-font-subset */";

/// `@font-face` rules for a script font: whole, or a mark to be replaced
/// by the page's subset.
fn script_css(script: &ScriptFont) -> String {
    if script.subset_in_html {
        return SUBSET_MARK.to_owned();
    }
    script
        .faces
        .iter()
        .map(|(data, weight)| face_css(script.family, *weight, data, "ttf"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn face_css(family: &str, weight: u32, data: &[u8], format: &str) -> String {
    let (media, name) = if format == "otf" {
        ("otf", "opentype")
    } else {
        ("ttf", "truetype")
    };
    format!(
        "@font-face {{ font-family: \"{family}\"; font-weight: {weight}; font-style: normal; \
         src: url(\"data:font/{media};base64,{}\") format(\"{name}\"); }}",
        base64::engine::general_purpose::STANDARD.encode(data)
    )
}

/// Replaces the subset mark with the script font cut down to the
/// characters the page shows (whole, if the font cannot be subset).
fn fill_subset(html: String, script: Option<&ScriptFont>) -> String {
    let Some(script) = script.filter(|s| s.subset_in_html) else {
        return html;
    };
    let css = script
        .faces
        .iter()
        .map(|(data, weight)| match scripts::subset(data, &html) {
            Some(small) => face_css(script.family, *weight, &small, "ttf"),
            None => face_css(script.family, *weight, data, "ttf"),
        })
        .collect::<Vec<_>>()
        .join("\n");
    html.replacen(SUBSET_MARK, &css, 1)
}

/// The charts of a report, by id (`trend-<metric>`).
pub fn charts(report: &Report, style: &ChartStyle, locale: Locale) -> BTreeMap<String, String> {
    let mut out: BTreeMap<String, String> = report
        .trends
        .iter()
        .map(|t| {
            (
                format!("trend-{}", t.metric),
                charts::trend(t, &report.annotations, style, locale),
            )
        })
        .collect();
    let bar_charts = report
        .breakdowns
        .iter()
        .chain(report.funnel.as_ref().map(|f| &f.chart))
        .chain(
            report
                .predictions
                .purchase
                .iter()
                .flat_map(|p| &p.distributions),
        );
    for chart in bar_charts {
        out.insert(chart.id.clone(), charts::bars(chart, style, locale));
    }
    if let Some(c) = &report.cohorts {
        out.insert("cohorts".to_owned(), charts::heatmap(c, style, locale));
    }
    if let Some(f) = &report.forecast {
        out.insert("forecast".to_owned(), charts::forecast(f, style, locale));
    }
    out
}

/// `@font-face` rules for the agency's typeface, inlined like Inter.
fn brand_css(b: &BrandFont) -> String {
    b.faces
        .iter()
        .map(|f| {
            format!(
                "@font-face {{ font-family: \"{}\"; font-weight: {}; font-style: {}; \
                 src: url(\"data:font/{};base64,{}\") format(\"{}\"); }}",
                b.family.replace(['"', '\\', '<'], ""),
                f.weight,
                if f.italic { "italic" } else { "normal" },
                if f.format == "opentype" { "otf" } else { "ttf" },
                base64::engine::general_purpose::STANDARD.encode(&f.data),
                f.format
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

static FONT_CSS: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{}\n{}",
        face_css(FONT_FAMILY, 400, FONT_REGULAR, "otf"),
        face_css(FONT_FAMILY, 600, FONT_SEMIBOLD, "otf")
    )
});

fn template_error(origin: &str, line: Option<usize>, message: String) -> Error {
    Error::Template {
        template: origin.to_owned(),
        line,
        message,
    }
}

fn html(
    report: &Report,
    view: &View,
    charts: &BTreeMap<String, String>,
    logo: Option<&(Vec<u8>, &'static str)>,
    brand_font: Option<&BrandFont>,
    script: Option<&ScriptFont>,
    template: &Template,
) -> Result<String> {
    let mut env = minijinja::Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    let to_error = |e: minijinja::Error| {
        let mut message = e.to_string();
        if let Some(detail) = e.detail() {
            message = format!("{}: {detail}", e.kind());
        }
        template_error(&template.origin, e.line(), message)
    };
    env.add_template("report", &template.text)
        .map_err(to_error)?;
    let logo = logo.map(|(bytes, media)| {
        format!(
            "data:{media};base64,{}",
            base64::engine::general_purpose::STANDARD.encode(bytes)
        )
    });
    let brand = Brand {
        logo,
        ..view.brand.clone()
    };
    // Inside HTML an <svg> element is SVG without a namespace attribute;
    // leaving it out keeps the file free of anything that looks like a URL.
    let charts: BTreeMap<&str, String> = charts
        .iter()
        .map(|(id, svg)| (id.as_str(), svg.replacen(SVG_NAMESPACE, "", 1)))
        .collect();
    let ctx = minijinja::context! {
        report => Serde(report),
        t => view.t,
        text => Serde(&view.text),
        brand => Serde(&brand),
        sections => &view.sections,
        dir => view.dir,
        lang => view.lang,
        fonts => &view.fonts,
        charts => &charts,
        font_css => [
            Some(FONT_CSS.clone()),
            brand_font.map(brand_css),
            script.map(script_css),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("\n"),
    };
    let html = env
        .get_template("report")
        .and_then(|t| t.render(ctx))
        .map_err(to_error)?;
    Ok(fill_subset(html, script))
}

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// Inter, then the agency's and the script's faces.
    fn with(brand: &[Vec<u8>]) -> Fonts {
        let fonts: Vec<Font> = [FONT_REGULAR.to_vec(), FONT_SEMIBOLD.to_vec()]
            .into_iter()
            .chain(brand.iter().cloned())
            .flat_map(|data| Font::iter(Bytes::new(data)))
            .collect();
        Fonts {
            book: LazyHash::new(FontBook::from_fonts(&fonts)),
            fonts,
        }
    }
}

static FONTS: LazyLock<Arc<Fonts>> = LazyLock::new(|| Arc::new(Fonts::with(&[])));

/// Inter with each script font, made once per locale: a Chinese font's
/// book takes a moment to build, and a run renders many reports.
static SCRIPT_FONTS: LazyLock<std::sync::Mutex<HashMap<Locale, Arc<Fonts>>>> =
    LazyLock::new(Default::default);

static LIBRARY: LazyLock<LazyHash<Library>> = LazyLock::new(|| LazyHash::new(Library::default()));

/// The world a report's Typst source sees: its template as the main file,
/// the report's JSON, the charts and the logo as files, our fonts, and
/// nothing from the disk or the network.
struct ReportWorld {
    main: Source,
    files: HashMap<FileId, Bytes>,
    fonts: Arc<Fonts>,
}

fn file_id(path: &str) -> FileId {
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| {
        // Every path is one of ours ("/report.json", "/charts/…"); a
        // chart id with a character a path cannot hold falls back here.
        VirtualPath::new("/invalid").unwrap_or_else(|_| unreachable!("a constant path"))
    });
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl World for ReportWorld {
    fn library(&self) -> &LazyHash<Library> {
        &LIBRARY
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::NotSource)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_owned()));
        }
        self.files
            .get(&id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(PathBuf::from(format!("{id:?}"))))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // A report depends on its as-of date only, never on the clock.
        None
    }
}

/// The fonts Typst sets a report in: Inter, the agency's faces and the
/// script's.
fn typst_fonts(
    brand_font: Option<&BrandFont>,
    script: Option<&ScriptFont>,
    locale: Locale,
) -> Arc<Fonts> {
    let script_faces = || -> Vec<Vec<u8>> {
        script
            .map(|s| s.faces.iter().map(|(d, _)| d.to_vec()).collect())
            .unwrap_or_default()
    };
    match (brand_font, script) {
        (Some(b), _) => Arc::new(Fonts::with(
            &b.faces
                .iter()
                .map(|f| f.data.clone())
                .chain(script_faces())
                .collect::<Vec<_>>(),
        )),
        (None, None) => Arc::clone(&FONTS),
        (None, Some(_)) => {
            let mut cache = SCRIPT_FONTS
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            Arc::clone(
                cache
                    .entry(locale)
                    .or_insert_with(|| Arc::new(Fonts::with(&script_faces()))),
            )
        }
    }
}

fn pdf(
    report: &Report,
    view: &View,
    charts: &BTreeMap<String, String>,
    logo: Option<&(Vec<u8>, &'static str)>,
    fonts: Arc<Fonts>,
    template: &Template,
) -> Result<(Vec<u8>, usize)> {
    let mut files = HashMap::new();
    files.insert(
        file_id("/report.json"),
        Bytes::new(serde_json::to_vec(report)?),
    );
    let logo_path = logo.map(|(bytes, media)| {
        let ext = match *media {
            "image/png" => "png",
            "image/jpeg" => "jpg",
            _ => "svg",
        };
        let path = format!("/logo.{ext}");
        files.insert(file_id(&path), Bytes::new(bytes.clone()));
        path
    });
    let brand = Brand {
        logo: logo_path,
        ..view.brand.clone()
    };
    let typst_view = serde_json::json!({
        "t": view.t,
        "text": view.text,
        "brand": brand,
        "sections": view.sections,
        "dir": view.dir,
        "lang": view.lang,
        "fonts": view.fonts,
        // Typst's numbering pattern in the language's digits.
        "page_numbering": view.page_numbering,
        "item_numbering": view.item_numbering,
    });
    files.insert(
        file_id("/view.json"),
        Bytes::new(serde_json::to_vec(&typst_view)?),
    );
    for (id, svg) in charts {
        files.insert(
            file_id(&format!("/charts/{id}.svg")),
            Bytes::new(svg.clone().into_bytes()),
        );
    }
    let main = Source::new(file_id("/report.typ"), template.text.clone());
    let world = ReportWorld { main, files, fonts };
    let compiled = typst::compile::<typst_layout::PagedDocument>(&world);
    let document = compiled.output.map_err(|errors| {
        let first = errors.iter().find(|d| d.severity == Severity::Error);
        match first {
            Some(d) => {
                let line = world
                    .range(d.span)
                    .and_then(|r| world.main.lines().byte_to_line(r.start))
                    .map(|l| l + 1);
                let mut message = d.message.to_string();
                for hint in &d.hints {
                    message.push_str(&format!("; hint: {}", hint.v));
                }
                template_error(&template.origin, line, message)
            }
            None => template_error(&template.origin, None, "Typst failed".to_owned()),
        }
    })?;
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(report.id.clone()),
        creator: Smart::Custom(view.brand.show_rapport.then(|| "Rapport".to_owned())),
        ..typst_pdf::PdfOptions::default()
    };
    let bytes = typst_pdf::pdf(&document, &options).map_err(|errors| {
        template_error(
            &template.origin,
            None,
            errors
                .first()
                .map_or_else(|| "PDF export failed".to_owned(), |d| d.message.to_string()),
        )
    })?;
    // Typst memoises layout across compilations; a long run (the whole
    // agency) keeps only what the last few reports used.
    typst::comemo::evict(4);
    Ok((bytes, document.pages().len()))
}

/// What both renderings draw from: the report's language, logo and fonts,
/// its view, and its charts in the brand's colours and fonts.
struct Prepared {
    locale: Locale,
    logo: Option<(Vec<u8>, &'static str)>,
    brand_font: Option<BrandFont>,
    script: Option<ScriptFont>,
    view: View,
    charts: BTreeMap<String, String>,
}

fn prepare(report: &Report, loaded: &Loaded) -> Result<Prepared> {
    let locale: Locale = report.language.parse().map_err(rapport_app::Error::from)?;
    let logo = loaded.logo()?;
    let brand_font = loaded.brand_font()?;
    let script = scripts::for_locale(locale)?;
    let mut view = view(report, loaded, locale);
    if let Some(b) = &brand_font {
        view.brand.font.clone_from(&b.family);
    }
    view.fonts = font_list(brand_font.as_ref(), script.as_ref());
    let style = ChartStyle {
        primary: view.brand.primary.clone(),
        accent: view.brand.accent.clone(),
        // SVG's font list: the same families as the text.
        font: view.fonts.join(", "),
        calendar: report.calendar,
    };
    let charts = charts(report, &style, locale);
    Ok(Prepared {
        locale,
        logo,
        brand_font,
        script,
        view,
        charts,
    })
}

impl Prepared {
    fn html(&self, report: &Report, template: &Template) -> Result<String> {
        html(
            report,
            &self.view,
            &self.charts,
            self.logo.as_ref(),
            self.brand_font.as_ref(),
            self.script.as_ref(),
            template,
        )
    }
}

/// Renders only a report's HTML: the page a dashboard shows, with the
/// same charts and words as the report's file.
pub fn render_html(report: &Report, loaded: &Loaded, template: &Template) -> Result<String> {
    prepare(report, loaded)?.html(report, template)
}

/// Renders a report with the given templates: HTML, PDF and JSON, or an
/// error and nothing.
pub fn render(report: &Report, loaded: &Loaded, templates: &Templates) -> Result<Rendered> {
    let p = prepare(report, loaded)?;
    let html = p.html(report, &templates.html)?;
    let (pdf, pages) = pdf(
        report,
        &p.view,
        &p.charts,
        p.logo.as_ref(),
        typst_fonts(p.brand_font.as_ref(), p.script.as_ref(), p.locale),
        &templates.pdf,
    )?;
    let json = serde_json::to_string_pretty(report)?;
    Ok(Rendered {
        html,
        pdf,
        pages,
        json,
    })
}

/// The files of a written report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Written {
    pub dir: PathBuf,
    pub html: PathBuf,
    pub pdf: PathBuf,
    pub json: PathBuf,
}

/// Writes a rendered report into `dir` (each file through a temporary
/// name, so a reader never sees half a file).
pub fn write(rendered: &Rendered, dir: &Path) -> Result<Written> {
    let written = Written {
        dir: dir.to_owned(),
        html: dir.join("report.html"),
        pdf: dir.join("report.pdf"),
        json: dir.join("report.json"),
    };
    rapport_app::write_atomically(&written.json, rendered.json.as_bytes())?;
    rapport_app::write_atomically(&written.html, rendered.html.as_bytes())?;
    rapport_app::write_atomically(&written.pdf, &rendered.pdf)?;
    Ok(written)
}
