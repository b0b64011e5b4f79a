//! `rapport report`: a client's report as HTML, PDF and JSON, and `report
//! init` to start a definition (and templates) to edit.

use std::path::PathBuf;

use anyhow::Result;
use chrono::NaiveDate;
use clap::{Args, Subcommand};
use rapport_store::Workspace;

use crate::ListFormat;
use crate::output::{self, line, say};

pub(crate) const REPORT_HELP: &str = "Examples:
  rapport report lumen                               # the last whole period, as the definition says
  rapport report lumen --period 2026-Q3
  rapport report lumen --period 2026-Q3 --compare-with 2026-Q1
  rapport report lumen --period 2026-10 --definition board.toml --out /tmp/board
  rapport report init lumen                          # write reports/lumen/report.toml to edit
  rapport report init lumen --templates              # and the HTML and PDF templates
  rapport report list lumen                          # the archive: every report made, by run number
  rapport report approve lumen 14                    # send a scheduled report that waits for approval

Writes report.html (one self-contained file: fonts, charts and logo inside, no network request),
report.pdf (paginated, with a cover, contents and page numbers) and report.json (every number the
report shows, with the metric it comes from) to reports/CLIENT/PERIOD/ unless --out is given.
The definition is reports/CLIENT/report.toml when it exists, else the built-in default; templates
in reports/CLIENT/templates/ or the workspace's templates/ replace the built-in ones.";

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true, subcommand_negates_reqs = true)]
pub(crate) struct ReportArgs {
    #[command(subcommand)]
    command: Option<ReportCommand>,
    /// Client id.
    #[arg(required = true)]
    client: Option<String>,
    /// The month (2026-10) or quarter (2026-Q3). Default: the last whole
    /// period of the definition's type before today (or --as-of).
    #[arg(long)]
    period: Option<String>,
    /// Compare with this earlier period instead of the one just before
    /// (2026-Q1); the year-ago comparison stays.
    #[arg(long, value_name = "PERIOD")]
    compare_with: Option<String>,
    /// A report definition to use instead of the client's.
    #[arg(long)]
    definition: Option<PathBuf>,
    /// Folder to write into. Default: reports/CLIENT/PERIOD in the workspace.
    #[arg(long)]
    out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
    /// The report's language when `--lang` was typed (default: the
    /// definition's).
    #[arg(skip)]
    pub(crate) language: Option<rapport_locale::Locale>,
}

#[derive(Debug, Subcommand)]
enum ReportCommand {
    /// A client's report archive: every report made, when, for which period, where.
    #[command(
        after_help = "Examples:\n  rapport report list lumen\n  rapport report list lumen --format json"
    )]
    List {
        /// Client id.
        client: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Approve a scheduled report that waits for approval, and send it now.
    #[command(
        after_help = "Examples:\n  rapport report list lumen            # the RUN and what waits for approval\n  rapport report approve lumen 14"
    )]
    Approve {
        /// Client id.
        client: String,
        /// The report's run number (`rapport report list CLIENT`).
        run: i64,
    },
    /// Reject a scheduled report that waits for approval: it is never sent.
    #[command(
        after_help = "Examples:\n  rapport report reject lumen 14 --reason \"the October ad spend is not loaded yet\""
    )]
    Reject {
        /// Client id.
        client: String,
        /// The report's run number (`rapport report list CLIENT`).
        run: i64,
        /// Why, kept in the archive.
        #[arg(long)]
        reason: Option<String>,
    },
    /// Write a client's default report definition (and templates) to edit.
    #[command(
        after_help = "Examples:\n  rapport report init lumen\n  rapport report init lumen --templates"
    )]
    Init {
        /// Client id.
        client: String,
        /// Also write the HTML and PDF templates to reports/CLIENT/templates/.
        #[arg(long)]
        templates: bool,
    },
}

pub(crate) fn report(ws: &Workspace, a: ReportArgs, as_of: NaiveDate) -> Result<()> {
    if let Some(ReportCommand::List { client, format }) = &a.command {
        let runs = rapport_report::list(ws, client)?;
        if *format == ListFormat::Json {
            return output::json(&runs);
        }
        if runs.is_empty() {
            line(&say(
                "cli-no-reports",
                &[("client", client.as_str().into())],
            ));
            return Ok(());
        }
        let rows: Vec<Vec<String>> = runs
            .iter()
            .map(|entry| entry.words(output::locale()).map(output::plain).to_vec())
            .collect();
        output::table_aligned(
            &output::head(&rapport_report::ARCHIVE_COLUMNS),
            &rows,
            &[true],
        );
        return Ok(());
    }
    if let Some(ReportCommand::Approve { client, run }) = &a.command {
        let step = rapport_schedule::run::approve(ws, client, *run, output::locale())?;
        line(&step.text);
        if step.state == rapport_store::RunState::Failed {
            anyhow::bail!(
                "report {run} is approved but not delivered; the next `rapport schedule run` tries again"
            );
        }
        return Ok(());
    }
    if let Some(ReportCommand::Reject {
        client,
        run,
        reason,
    }) = &a.command
    {
        let step =
            rapport_schedule::run::reject(ws, client, *run, reason.as_deref(), output::locale())?;
        line(&step.text);
        return Ok(());
    }
    if let Some(ReportCommand::Init { client, templates }) = a.command {
        let done = rapport_report::init(ws, &client, templates)?;
        let file = |p: &std::path::Path| p.display().to_string().into();
        line(&say(
            "cli-report-definition",
            &[("file", file(&done.definition))],
        ));
        for t in &done.templates {
            line(&say("cli-report-template", &[("file", file(t))]));
        }
        line(&say(
            "cli-next-edit",
            &[("command", format!("rapport report {client}").into())],
        ));
        return Ok(());
    }
    let client = a.client.unwrap_or_default();
    let options = rapport_report::ReportOptions {
        client,
        period: a.period,
        as_of,
        compare_with: a.compare_with,
        language: a.language.map(|l| l.tag().to_owned()),
    };
    let started = std::time::Instant::now();
    let made = crate::commands::runtime()?.block_on(rapport_report::make(
        ws,
        &options,
        a.definition.as_deref(),
        a.out.as_deref(),
    ))?;
    if a.format == ListFormat::Json {
        return output::json(&made.written);
    }
    let r = &made.report;
    line(&say(
        "cli-report-made",
        &[
            ("run", r.run.unwrap_or_default().to_string().into()),
            ("client", r.client_name.as_str().into()),
            ("title", r.title.as_str().into()),
            ("period", r.period.name.as_str().into()),
            (
                "seconds",
                output::dec(started.elapsed().as_secs_f64(), 2).into(),
            ),
        ],
    ));
    for s in &r.summary {
        line(&format!("  {s}"));
    }
    line(&format!("  HTML: {}", made.written.html.display()));
    line(&format!("  PDF:  {}", made.written.pdf.display()));
    line(&format!("  JSON: {}", made.written.json.display()));
    Ok(())
}

pub(crate) const FEEDBACK_HELP: &str = "Examples:
  rapport feedback add lumen 12 --rating 4 --comment \"Please show revenue by channel\"
  rapport feedback list lumen --format json

REPORT is the report's run number, as `rapport report list CLIENT` shows it (and the report's
footer). The next report for the client answers feedback not answered before.";

#[derive(Debug, Subcommand)]
pub(crate) enum FeedbackCommand {
    /// Record a client's rating (1-5) and comment on one of its reports.
    #[command(after_help = FEEDBACK_HELP)]
    Add {
        /// Client id.
        client: String,
        /// The report's run number (`rapport report list CLIENT`).
        report: i64,
        #[arg(long)]
        rating: i64,
        #[arg(long)]
        comment: Option<String>,
    },
    /// A client's feedback, and which report answered it.
    #[command(after_help = FEEDBACK_HELP)]
    List {
        /// Client id.
        client: String,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

pub(crate) fn feedback(ws: &Workspace, c: FeedbackCommand) -> Result<()> {
    match c {
        FeedbackCommand::Add {
            client,
            report,
            rating,
            comment,
        } => {
            let f = ws.add_feedback(&client, report, rating, comment.as_deref())?;
            line(&rapport_report::feedback_recorded(&f, output::locale()));
        }
        FeedbackCommand::List { client, format } => {
            let all = ws.feedback(&client)?;
            if format == ListFormat::Json {
                return output::json(&all);
            }
            if all.is_empty() {
                line(&say(
                    "cli-no-feedback",
                    &[("client", client.as_str().into())],
                ));
            }
            for f in all {
                let answered = rapport_report::feedback_status(&f, output::locale());
                let about = say(
                    "cli-feedback-line",
                    &[
                        ("run", f.report_run_id.to_string().into()),
                        ("period", f.period.as_str().into()),
                        ("rating", output::count(f.rating.max(0) as u64).into()),
                    ],
                );
                line(&format!(
                    "{:>4}  {about}  {answered}  {}",
                    f.id,
                    f.comment.unwrap_or_default()
                ));
            }
        }
    }
    Ok(())
}
