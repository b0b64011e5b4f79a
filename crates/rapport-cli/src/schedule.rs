//! `rapport schedule`: reports made and sent every month or quarter.

use anyhow::{Result, bail};
use clap::{Args, Subcommand, ValueEnum};
use rapport_store::{Every, HtmlMode, RunState, ScheduleSpec, Workspace};

use crate::output::{self, line, say};
use crate::{AsOf, ListFormat};

pub(crate) const SCHEDULE_HELP: &str = "Examples:
  rapport schedule add lumen --every quarter --day 5 --at 09:00 --deliver /srv/reports
  rapport schedule add lumen --every month --deliver smtp://mail.internal:25 \\
      --from reports@agency.example --to ana@lumen.example --approval
  rapport schedule add lumen --every month --deliver smtps://reports@smtp.example:465 \\
      --from reports@agency.example --to ana@lumen.example --html inline
  rapport schedule list
  rapport schedule run                          # from cron or a systemd timer, as often as you like
  rapport schedule run --as-of 2026-11-01T09:00 # as if it were then
  rapport schedule remove 3

A schedule falls due on its day of the month (of the quarter's first month for --every quarter)
at its local time, in its time zone (default: the workspace's); a day the month lacks is its last
day. Its report covers the last whole month or quarter before that day. `schedule run` makes and
delivers each schedule's latest due report exactly once: running it again does nothing, and a run
that was killed is completed by the next. A report waits up to --wait hours for a source not
loaded since its period ended, then goes out with a notice naming it. With --approval it waits
for `rapport report approve CLIENT RUN` (or `reject`). An SMTP password is read from
RAPPORT_SMTP_PASSWORD when the report is sent; it is never stored.";

#[derive(Debug, Subcommand)]
pub(crate) enum ScheduleCommand {
    /// Add a schedule: how often, when, and where the report goes.
    #[command(after_help = SCHEDULE_HELP)]
    Add(AddArgs),
    /// The schedules in force, with when each falls due next.
    #[command(after_help = SCHEDULE_HELP)]
    List {
        /// Only this client's.
        client: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Take a schedule out of force (its reports stay in the archive).
    #[command(after_help = SCHEDULE_HELP)]
    Remove {
        /// The schedule's id (`rapport schedule list`).
        id: i64,
    },
    /// Make and deliver what is due now (or at --as-of), exactly once.
    #[command(after_help = SCHEDULE_HELP)]
    Run {
        /// Only this client's schedules.
        #[arg(long)]
        client: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EveryArg {
    Month,
    Quarter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum HtmlArg {
    /// The report is the e-mail's body.
    Inline,
    /// The body is the summary; the report is attached.
    Attached,
}

#[derive(Debug, Args)]
pub(crate) struct AddArgs {
    /// Client id.
    client: String,
    /// How often: the report's period type.
    #[arg(long, value_enum)]
    every: EveryArg,
    /// Day of the month it falls due (of the quarter's first month).
    #[arg(long, default_value_t = 1)]
    day: u32,
    /// Local time it falls due, HH:MM.
    #[arg(long, default_value = "08:00")]
    at: String,
    /// IANA time zone of --day and --at. Default: the workspace's.
    #[arg(long)]
    timezone: Option<String>,
    /// A folder, or smtp://HOST:PORT (plain), smtp://HOST:587?tls=required
    /// (STARTTLS) or smtps://[USER@]HOST:465 (TLS).
    #[arg(long, value_name = "DIR|URL")]
    deliver: String,
    /// Sender of an e-mailed report.
    #[arg(long)]
    from: Option<String>,
    /// Recipient of an e-mailed report (repeat for more).
    #[arg(long)]
    to: Vec<String>,
    /// How an e-mailed report carries its HTML; the PDF is always attached.
    #[arg(long, value_enum, default_value_t = HtmlArg::Attached)]
    html: HtmlArg,
    /// Hours after it falls due that a report waits for a source not
    /// loaded since the period ended.
    #[arg(long, default_value_t = 24, value_name = "HOURS")]
    wait: u32,
    /// Render, then wait for `rapport report approve` before sending.
    #[arg(long)]
    approval: bool,
}

/// `language`: the reports' language when `--lang` was typed.
pub(crate) fn schedule(
    ws: &Workspace,
    c: ScheduleCommand,
    as_of: Option<AsOf>,
    language: Option<rapport_locale::Locale>,
) -> Result<()> {
    let now = match as_of {
        Some(a) => a.instant(ws.settings().tz()),
        None => chrono::Utc::now(),
    };
    match c {
        ScheduleCommand::Add(a) => add(ws, a, now, language),
        ScheduleCommand::List { client, format } => list(ws, client.as_deref(), format, now),
        ScheduleCommand::Remove { id } => {
            let s = ws.remove_schedule(id)?;
            line(&say(
                "cli-schedule-removed",
                &[
                    ("id", s.id.to_string().into()),
                    ("client", s.spec.client_id.as_str().into()),
                ],
            ));
            Ok(())
        }
        ScheduleCommand::Run { client, format } => run(ws, client.as_deref(), format, now),
    }
}

fn add(
    ws: &Workspace,
    a: AddArgs,
    now: chrono::DateTime<chrono::Utc>,
    language: Option<rapport_locale::Locale>,
) -> Result<()> {
    let spec = ScheduleSpec {
        client_id: a.client,
        every: match a.every {
            EveryArg::Month => Every::Month,
            EveryArg::Quarter => Every::Quarter,
        },
        day: a.day,
        at: a.at,
        timezone: a.timezone.unwrap_or_else(|| ws.settings().timezone.clone()),
        deliver: a.deliver,
        mail_from: a.from,
        mail_to: a.to,
        html: match a.html {
            HtmlArg::Inline => HtmlMode::Inline,
            HtmlArg::Attached => HtmlMode::Attached,
        },
        wait_hours: a.wait,
        approval: a.approval,
        language: language.map(|l| l.tag().to_owned()),
    };
    let s = rapport_schedule::add(ws, &spec)?;
    let next =
        rapport_schedule::when::Rule::of(&s.spec, ws.calendar(&s.spec.client_id)?)?.next(now);
    line(&say(
        "cli-schedule-added",
        &[
            ("id", s.id.to_string().into()),
            ("client", s.spec.client_id.as_str().into()),
            (
                "rule",
                rapport_schedule::listing::rule_words(&s.spec, output::locale()).into(),
            ),
            (
                "next",
                next.local.format("%Y-%m-%d %H:%M").to_string().into(),
            ),
            ("period", next.period.to_string().into()),
            ("deliver", s.spec.deliver.as_str().into()),
        ],
    ));
    line(&say("cli-schedule-cron", &[]));
    Ok(())
}

fn list(
    ws: &Workspace,
    client: Option<&str>,
    format: ListFormat,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let schedules = ws.schedules(client)?;
    if format == ListFormat::Json {
        return output::json(&schedules);
    }
    if schedules.is_empty() {
        line(&say("cli-no-schedules", &[]));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = schedules
        .iter()
        .map(|s| {
            rapport_schedule::listing::row(ws, s, now, output::locale())
                .map(output::plain)
                .to_vec()
        })
        .collect();
    output::table_aligned(
        &output::head(&rapport_schedule::listing::COLUMNS),
        &rows,
        &[true],
    );
    Ok(())
}

fn run(
    ws: &Workspace,
    client: Option<&str>,
    format: ListFormat,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<()> {
    let json = format == ListFormat::Json;
    let steps = crate::commands::runtime()?.block_on(rapport_schedule::run::run_due(
        ws,
        now,
        client,
        output::locale(),
        |step| {
            if !json {
                line(&step.text);
            }
        },
    ))?;
    if json {
        output::json(&steps)?;
    } else if steps.is_empty() {
        line(&rapport_report::messages::label(
            output::locale(),
            "schedule-nothing-due",
        ));
    }
    let failed = steps.iter().filter(|s| s.state == RunState::Failed).count();
    if failed > 0 {
        bail!("{failed} scheduled report(s) failed; the next `rapport schedule run` tries again");
    }
    Ok(())
}
