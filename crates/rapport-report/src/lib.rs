//! Client reports: what an agency sends its client every month or quarter.
//!
//! A [`definition::Definition`] (TOML per client) says what the report
//! shows and how it looks; [`assemble::build`] measures and predicts
//! through `rapport-app` and words the result as a [`document::Report`]
//! (`report.json`: every number with the metric it comes from, every
//! sentence); [`render::render`] lays the same report out as one
//! self-contained HTML file and a PDF (Typst, inside Rapport), with SVG
//! charts drawn once for both. [`make`] does all three for a front end.
//!
//! ```no_run
//! # async fn run(ws: &rapport_store::Workspace) -> rapport_report::Result<()> {
//! use rapport_report::{ReportOptions, make};
//!
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
//! let options = ReportOptions {
//!     client: "lumen".to_owned(),
//!     period: Some("2026-Q3".to_owned()),
//!     as_of,
//!     compare_with: None,
//!     language: None,
//! };
//! let made = make(ws, &options, None, None).await?;
//! println!("{}", made.written.html.display());
//! # Ok(()) }
//! ```

pub mod actions;
pub mod agency;
pub mod assemble;
pub mod charts;
pub mod custom;
pub mod definition;
pub mod document;
pub mod findings;
pub mod glossary;
pub mod kpis;
pub use rapport_locale::messages;
pub mod quality;
pub mod render;
pub mod scripts;
pub mod summary;
pub mod triangulation;
pub mod views;

use std::path::{Path, PathBuf};

pub use assemble::{ReportOptions, build, last_whole_period};
pub use definition::Definition;
pub use document::Report;
pub use render::{Rendered, Template, Templates, Written, render, render_html, write};

use rapport_app::ErrorKind;

/// Errors of the reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A use case of the application layer failed.
    #[error(transparent)]
    App(#[from] rapport_app::Error),

    /// An option is wrong; `field` names it.
    #[error("{message}")]
    Input {
        field: &'static str,
        message: String,
    },

    /// A definition's value breaks a rule: the key and the fix.
    #[error("{}: `{key}`: {message}", origin(.file.as_deref()))]
    Definition {
        file: Option<PathBuf>,
        key: String,
        message: String,
    },

    /// A definition is not valid TOML, or has an unknown key.
    #[error("{}{}: {message}", origin(.file.as_deref()), .line.map(|l| format!(", line {l}")).unwrap_or_default())]
    DefinitionSyntax {
        file: Option<PathBuf>,
        line: Option<usize>,
        message: String,
    },

    /// A template does not render: which, where, and why. Nothing is
    /// written.
    #[error("template {template}{}: {message}", .line.map(|l| format!(", line {l}")).unwrap_or_default())]
    Template {
        template: String,
        line: Option<usize>,
        message: String,
    },

    /// A language's script needs a font the machine does not have.
    #[error(
        "a report in {language} needs the font {family} (`{file}`), which is not installed: \
         install Debian's `{package}` (apt install {package}), or put `{file}` in a folder \
         named by RAPPORT_FONT_DIR"
    )]
    MissingFont {
        language: String,
        family: &'static str,
        file: &'static str,
        package: &'static str,
    },

    #[error("{action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

fn origin(file: Option<&Path>) -> String {
    match file {
        Some(f) => format!("report definition `{}`", f.display()),
        None => "the built-in report definition".to_owned(),
    }
}

impl Error {
    /// What kind of failure this is, for a front end to act on.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::App(e) => e.kind(),
            Error::Input { .. }
            | Error::Definition { .. }
            | Error::DefinitionSyntax { .. }
            | Error::Template { .. } => ErrorKind::Input,
            Error::MissingFont { .. } => ErrorKind::DataMissing,
            Error::Io { .. } | Error::Json(_) => ErrorKind::Internal,
        }
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A report made and written.
#[derive(Debug, Clone)]
pub struct Made {
    pub report: Report,
    pub written: Written,
}

/// Builds, renders and writes one client's report: the definition from
/// `definition` (else the client's own, else the default), the templates
/// of the client or workspace, the files in `out` (default
/// `reports/<client>/<period>/`). Nothing is written unless everything
/// rendered.
pub async fn make(
    ws: &rapport_store::Workspace,
    options: &ReportOptions,
    definition: Option<&Path>,
    out: Option<&Path>,
) -> Result<Made> {
    ws.client(&options.client)
        .map_err(rapport_app::Error::from)?;
    let loaded = match definition {
        Some(file) => definition::read(file)?,
        None => definition::for_client(ws, &options.client)?,
    };
    let templates = Templates::for_client(ws, &options.client)?;
    let mut report = build(ws, options, &loaded).await?;
    // The run is in the archive from here on: written, or failed and why.
    let run = ws
        .begin_report_run(&options.client, &report.period.label, &report.as_of)
        .map_err(rapport_app::Error::from)?;
    report.run = Some(run.id);
    report.feedback_url = ws.settings().feedback_url(&options.client, run.id);
    let dir = match out {
        Some(d) => d.to_owned(),
        None => ws.reports_dir(&options.client).join(&report.period.label),
    };
    let written = render(&report, &loaded, &templates).and_then(|r| write(&r, &dir));
    let answered: Vec<i64> = report.feedback.iter().map(|f| f.feedback_id).collect();
    match written {
        Ok(written) => {
            let shown = written
                .dir
                .strip_prefix(ws.root())
                .unwrap_or(&written.dir)
                .display()
                .to_string();
            ws.finish_report_run(
                run.id,
                rapport_store::RunStatus::Written,
                Some(&shown),
                None,
                &answered,
            )
            .map_err(rapport_app::Error::from)?;
            Ok(Made { report, written })
        }
        Err(e) => {
            let _ = ws.finish_report_run(
                run.id,
                rapport_store::RunStatus::Failed,
                None,
                Some(&e.to_string()),
                &[],
            );
            Err(e)
        }
    }
}

/// A report in a client's archive: the run, and for a scheduled report
/// where it went (or why not).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct ArchiveEntry {
    #[serde(flatten)]
    pub run: rapport_store::ReportRun,
    pub delivery: Option<rapport_store::ScheduleRun>,
}

/// A client's report archive, newest first.
pub fn list(ws: &rapport_store::Workspace, client: &str) -> Result<Vec<ArchiveEntry>> {
    let runs = ws.report_runs(client).map_err(rapport_app::Error::from)?;
    let scheduled = ws.schedule_runs(client).map_err(rapport_app::Error::from)?;
    Ok(runs
        .into_iter()
        .map(|run| ArchiveEntry {
            delivery: scheduled
                .iter()
                .find(|s| s.report_run_id == Some(run.id))
                .cloned(),
            run,
        })
        .collect())
}

/// The message ids of the archive's columns, in the order of
/// [`ArchiveEntry::words`]'s cells.
pub const ARCHIVE_COLUMNS: [&str; 7] = [
    "cli-column-run",
    "cli-column-period",
    "cli-column-as-of",
    "cli-column-made",
    "cli-column-status",
    "cli-column-scheduled",
    "cli-column-files",
];

impl ArchiveEntry {
    /// The entry as a row of words, one per [`ARCHIVE_COLUMNS`]: the
    /// status and the scheduled run's state in `locale`, the run's folder
    /// (or why it has none) and where a scheduled report went. Every
    /// front end that lists an archive shows this row.
    pub fn words(&self, locale: rapport_app::words::Locale) -> [String; 7] {
        let r = &self.run;
        let status = messages::text(
            locale,
            "report-status",
            &[("status", r.status.as_str().into())],
        );
        let (scheduled, delivery) = match &self.delivery {
            Some(d) => (
                messages::text(locale, "run-state", &[("state", d.state.as_str().into())]),
                d.delivered_to
                    .as_ref()
                    .filter(|_| d.state == rapport_store::RunState::Delivered)
                    .or(d.note.as_ref())
                    .map(|t| format!(" · {t}"))
                    .unwrap_or_default(),
            ),
            None => ("-".to_owned(), String::new()),
        };
        let files = r
            .dir
            .as_ref()
            .or(r.note.as_ref())
            .cloned()
            .unwrap_or_default();
        [
            r.id.to_string(),
            r.period.clone(),
            r.as_of.clone(),
            r.started_at
                .get(..19)
                .unwrap_or(&r.started_at)
                .replace('T', " "),
            status,
            scheduled,
            format!("{files}{delivery}"),
        ]
    }
}

/// A client's feedback as recorded, in one sentence.
pub fn feedback_recorded(
    f: &rapport_store::Feedback,
    locale: rapport_app::words::Locale,
) -> String {
    messages::text(
        locale,
        "feedback-recorded",
        &[
            ("id", f.id.to_string().into()),
            ("run", f.report_run_id.to_string().into()),
            ("period", f.period.as_str().into()),
            ("rating", (f.rating.max(0) as u64).into()),
        ],
    )
}

/// Whether feedback was answered, and by which report.
pub fn feedback_status(f: &rapport_store::Feedback, locale: rapport_app::words::Locale) -> String {
    match f.answered_in {
        Some(run) => messages::text(
            locale,
            "feedback-answered",
            &[("run", run.to_string().into())],
        ),
        None => messages::label(locale, "feedback-unanswered"),
    }
}

/// What `rapport report init` wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Initialised {
    pub definition: PathBuf,
    pub templates: Vec<PathBuf>,
}

/// Writes a client's default definition to edit, and with `templates` the
/// default HTML and PDF templates. Never overwrites a file that exists.
pub fn init(ws: &rapport_store::Workspace, client: &str, templates: bool) -> Result<Initialised> {
    let c = ws.client(client).map_err(rapport_app::Error::from)?;
    let dir = ws.reports_dir(client);
    let file = dir.join(definition::FILE_NAME);
    let mut done = Initialised {
        definition: file.clone(),
        templates: Vec::new(),
    };
    let create = |path: &Path, text: &str| -> Result<bool> {
        if path.exists() {
            return Ok(false);
        }
        rapport_app::write_atomically(path, text.as_bytes())?;
        Ok(true)
    };
    if !create(&file, &definition::default_toml(&c.name))? && !templates {
        return Err(Error::Input {
            field: "client",
            message: format!(
                "`{}` exists; edit it, or remove it to start again from the default",
                file.display()
            ),
        });
    }
    if templates {
        let tdir = render::client_templates_dir(ws, client);
        for (name, text) in [
            (render::HTML_TEMPLATE_NAME, render::HTML_TEMPLATE),
            (render::PDF_TEMPLATE_NAME, render::PDF_TEMPLATE),
        ] {
            let path = tdir.join(name);
            if create(&path, text)? {
                done.templates.push(path);
            }
        }
    }
    Ok(done)
}
