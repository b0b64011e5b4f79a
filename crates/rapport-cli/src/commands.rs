//! One function per command.

use chrono::{Datelike, NaiveDate};
use std::path::Path;
use std::str::FromStr;

use anyhow::{Context, Result};
use rapport_app::ingest::{self, IngestOptions, PostgresSource};
use rapport_ingest::{CsvOptions, IngestSummary, Replace, TextEncoding};
use rapport_schema::Entity;
use rapport_schema::period::PeriodKind;
use rapport_store::{Settings, Workspace};
use serde_json::json;

use crate::output::{self, clip, count, line, say};
use crate::progress::Bars;
use crate::{Cli, ClientCommand, Command, ListFormat};

/// The workspace a command works in, and the engine `--engine` chose for
/// its plans instead of the workspace's.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Place<'a> {
    pub(crate) dir: &'a Path,
    pub(crate) engine: Option<&'a str>,
}

impl Place<'_> {
    /// Opens the workspace, with the engine override applied.
    pub(crate) fn open(&self) -> Result<Workspace> {
        let mut ws = Workspace::open(self.dir)?;
        if let Some(engine) = self.engine {
            ws.use_engine(engine)?;
        }
        Ok(ws)
    }
}

pub(crate) fn run(cli: Cli) -> Result<()> {
    let ws_dir = cli.workspace.as_path();
    let place = Place {
        dir: ws_dir,
        engine: cli.engine.as_deref(),
    };
    let as_of = cli.as_of.map(|a| a.date);
    // A language typed for this command (not from RAPPORT_LANG): it is
    // also the language of the report made or scheduled, and a new
    // workspace's.
    let typed = cli.lang.filter(|_| cli.lang_typed);
    match cli.command {
        Command::Init(a) => init(
            a.dir.as_deref().unwrap_or(ws_dir),
            a.timezone,
            a.currency,
            typed,
        ),
        Command::Client(ClientCommand::Add {
            id,
            name,
            calendar,
            week_start,
        }) => {
            let ws = place.open()?;
            let calendar = rapport_schema::Calendar::usual(calendar).changed(None, week_start);
            let c = ws.add_client_with(&id, &name, calendar)?;
            line(&client_words(&c, "cli-client-added"));
            Ok(())
        }
        Command::Client(ClientCommand::Set {
            id,
            name,
            calendar,
            week_start,
        }) => client_set(&place.open()?, &id, name, calendar, week_start),
        Command::Client(ClientCommand::List { format }) => client_list(&place.open()?, format),
        Command::Ingest(a) => ingest(&place.open()?, a),
        Command::Presets(c) => crate::presets::presets(c),
        Command::Loads(a) => loads(&place.open()?, a),
        Command::Sql(a) => sql(&place.open()?, a),
        Command::Entities(a) => entities(a),
        Command::Customer(a) => customer(&place.open()?, a),
        Command::Cohorts(a) => computing(place, as_of, a, crate::analyse::cohorts),
        Command::Funnel(a) => computing(place, as_of, a, crate::analyse::funnel),
        Command::Compare(a) => computing(place, as_of, a, crate::analyse::compare),
        Command::Abtest(a) => computing(place, as_of, a, crate::analyse::abtest),
        Command::Comments(a) => computing(place, as_of, a, crate::analyse::comments),
        Command::Metrics(a) => crate::metrics::metrics(place, a, as_of),
        Command::Target(t) => crate::metrics::target(&place.open()?, t),
        Command::Predict(a) => computing(place, as_of, a, crate::predict::predict),
        Command::RetentionCurve(a) => computing(place, as_of, a, crate::predict::retention),
        Command::Churn(a) => computing(place, as_of, a, crate::predict::churn),
        Command::Forecast(a) => computing(place, as_of, a, crate::predict::forecast),
        Command::Recommend(a) => computing(place, as_of, a, crate::predict::recommend),
        Command::Segments(a) => computing(place, as_of, a, crate::predict::segments),
        Command::Report(mut a) => {
            a.language = typed;
            computing(place, as_of, a, crate::report::report)
        }
        Command::Feedback(c) => crate::report::feedback(&place.open()?, c),
        Command::Schedule(c) => crate::schedule::schedule(&place.open()?, c, cli.as_of, typed),
        Command::Demo(a) => demo(a, place.engine),
        Command::Storage(c) => crate::storage::storage(&place.open()?, c),
        Command::User(c) => crate::users::user(&place.open()?, c),
        Command::Serve(a) => {
            let mut ws = place.open()?;
            if let Some(day) = as_of {
                ws.read_as_of(day);
            }
            crate::serve::serve(ws, a)
        }
        Command::Token(c) => crate::users::token(&place.open()?, c),
        Command::Audit(a) => crate::users::audit(&place.open()?, a),
        #[cfg(feature = "cluster")]
        Command::Cluster(c) => crate::cluster::cluster(place, c),
    }
}

/// Runs a command that computes: opens the workspace and passes the day it
/// reports as of (`--as-of`, else today in the workspace's time zone).
fn computing<A>(
    place: Place<'_>,
    as_of: Option<NaiveDate>,
    args: A,
    command: fn(&Workspace, A, NaiveDate) -> Result<()>,
) -> Result<()> {
    let ws = place.open()?;
    let as_of = as_of.unwrap_or_else(|| rapport_app::today(&ws));
    command(&ws, args, as_of)
}

fn init(
    dir: &Path,
    timezone: String,
    currency: String,
    language: Option<rapport_locale::Locale>,
) -> Result<()> {
    let settings = Settings {
        timezone,
        currency,
        language,
        ..Settings::default()
    };
    let ws = Workspace::init(dir, settings)?;
    line(&say(
        "cli-init",
        &[
            ("dir", ws.root().display().to_string().into()),
            ("timezone", ws.settings().timezone.as_str().into()),
            ("currency", ws.settings().currency.as_str().into()),
        ],
    ));
    line(&say(
        "cli-next",
        &[(
            "command",
            format!(
                "rapport --workspace {} client add ID --name NAME",
                dir.display()
            )
            .into(),
        )],
    ));
    Ok(())
}

/// A client with its calendar (message `id`, or `id-calendar` when the
/// client keeps other than Gregorian months with weeks from Monday).
fn client_words(c: &rapport_store::Client, id: &str) -> String {
    let locale = output::locale();
    let mut args = vec![
        ("id", c.id.as_str().into()),
        ("name", c.name.as_str().into()),
    ];
    if c.calendar() == rapport_schema::Calendar::ISO {
        return say(id, &args);
    }
    args.push((
        "calendar",
        rapport_app::words::calendar_name(c.calendar, locale).into(),
    ));
    args.push((
        "weekday",
        rapport_app::words::weekday(c.week_start, locale).into(),
    ));
    say(&format!("{id}-calendar"), &args)
}

fn client_set(
    ws: &Workspace,
    id: &str,
    name: Option<String>,
    calendar: Option<rapport_schema::CalendarSystem>,
    week_start: Option<chrono::Weekday>,
) -> Result<()> {
    let before = ws.client(id)?;
    let c = ws.update_client(id, name.as_deref(), calendar, week_start)?;
    line(&client_words(&c, "cli-client"));
    // Targets keep the labels they were set with: say which ones the new
    // calendar reads differently or not at all.
    if c.calendar != before.calendar {
        let targets = ws.targets(id)?;
        let locale = output::locale();
        for t in &targets {
            line(&format!(
                "  {}",
                say(
                    "cli-target-reread",
                    &[
                        ("metric", t.metric.as_str().into()),
                        ("period", t.period.as_str().into()),
                        (
                            "now",
                            rapport_app::words::calendar_name(c.calendar, locale).into()
                        ),
                        (
                            "before",
                            rapport_app::words::calendar_name(before.calendar, locale).into()
                        ),
                    ]
                )
            ));
        }
    }
    Ok(())
}

fn client_list(ws: &Workspace, format: ListFormat) -> Result<()> {
    let clients = ws.clients()?;
    match format {
        ListFormat::Json => output::json(&clients),
        ListFormat::Table => {
            if clients.is_empty() {
                line(&say("cli-no-clients", &[]));
            }
            let head = output::head(&[
                "cli-column-id",
                "cli-column-name",
                "cli-column-calendar",
                "cli-column-week-from",
            ]);
            let rows: Vec<Vec<String>> = clients
                .iter()
                .map(|c| {
                    vec![
                        c.id.clone(),
                        c.name.clone(),
                        rapport_app::words::calendar_name(c.calendar, output::locale()),
                        rapport_app::words::weekday(c.week_start, output::locale()),
                    ]
                })
                .collect();
            if !rows.is_empty() {
                output::table(&head, &rows);
            }
            Ok(())
        }
    }
}

fn parse_entity(name: &str) -> Result<Entity> {
    Ok(Entity::from_str(name)?)
}

fn ingest(ws: &Workspace, a: crate::IngestArgs) -> Result<()> {
    ws.client(&a.client)?;
    let options = IngestOptions {
        client: a.client,
        args: a.args,
        preset: a.preset,
        mapping: a.mapping,
        set: a.set,
        accept_proposal: a.yes,
        decimal_separator: a
            .decimal_separator
            .as_deref()
            .and_then(|s| s.chars().next()),
        csv: CsvOptions {
            delimiter: a.delimiter,
            encoding: match a.encoding {
                crate::EncodingArg::Utf8 => TextEncoding::Utf8,
                crate::EncodingArg::Latin1 => TextEncoding::Latin1,
            },
            skip_lines: 0,
        },
        postgres: match (a.postgres, a.query) {
            (Some(url), Some(query)) => Some(PostgresSource { url, query }),
            _ => None,
        },
        replace: match a.replace {
            None => Replace::Nothing,
            Some(names) if names.iter().all(|n| n.is_empty()) => Replace::All,
            Some(names) => Replace::Only(
                names
                    .iter()
                    .filter(|n| !n.is_empty())
                    .map(|n| parse_entity(n))
                    .collect::<Result<_>>()?,
            ),
        },
    };
    let plan = rapport_app::ingest::plan(&options)?;
    if let Some(p) = &plan.proposal {
        line(&format!("{} Loading it with that preset.", p.finding()));
    }
    let bars = Bars::default();
    let result = rapport_app::ingest::load(ws, &options, &plan, &bars);
    bars.finish();
    let summary = result?;
    match a.format {
        ListFormat::Json => output::result(&summary),
        ListFormat::Table => {
            print_summary(ws, &summary, "");
            Ok(())
        }
    }
}

/// The human summary of one load: what was kept, what was not and why.
fn print_summary(ws: &Workspace, s: &IngestSummary, indent: &str) {
    let width = output::terminal_width();
    line(&format!(
        "{indent}{}",
        output::plain(ingest::load_sentence(s, output::locale()))
    ));
    for p in &s.problems {
        let (head, example) = ingest::problem_words(p, output::locale());
        let head = format!("{indent}  {}: ", output::plain(head));
        let room = width.saturating_sub(head.chars().count()).max(30);
        line(&format!("{head}{}", clip(&output::plain(example), room)));
    }
    if let Some(q) = &s.quarantine_file {
        let shown = q.strip_prefix(ws.root()).unwrap_or(q);
        line(&format!(
            "{indent}  {}",
            output::plain(ingest::quarantine_file_words(shown, output::locale()))
        ));
    }
    if s.report_rows_skipped > 0 {
        line(&format!(
            "{indent}  {}",
            ingest::skipped_report_rows(s.report_rows_skipped, output::locale())
        ));
    }
    if !s.unaccounted_columns.is_empty() {
        let columns = clip(&s.unaccounted_columns.join(", "), width.saturating_sub(22));
        line(&format!(
            "{indent}  {}",
            output::plain(ingest::columns_not_read(&columns, output::locale()))
        ));
    }
    let on_purpose = s.ignored_columns.len() - s.unaccounted_columns.len();
    if on_purpose > 0 {
        line(&format!(
            "{indent}  {}",
            output::plain(ingest::columns_ignored(on_purpose, output::locale()))
        ));
    }
    // The other entities the same export filled, in the same load.
    for part in &s.also {
        print_summary(ws, part, indent);
    }
}

fn loads(ws: &Workspace, a: crate::LoadsArgs) -> Result<()> {
    let entity = a.entity.as_deref().map(parse_entity).transpose()?;
    ws.client(&a.client)?;
    let loads = ws.loads(&a.client, entity)?;
    match a.format {
        ListFormat::Json => output::json(&loads),
        ListFormat::Table => {
            if loads.is_empty() {
                line(&say(
                    "cli-no-loads",
                    &[("client", a.client.as_str().into())],
                ));
                return Ok(());
            }
            let head = output::head(&[
                "cli-column-load",
                "cli-column-finished",
                "cli-column-entity",
                "cli-column-source",
                "cli-column-read",
                "cli-column-loaded",
                "cli-column-quarantined",
                "cli-column-duplicates",
                "cli-column-items",
            ]);
            let items = loads.iter().any(|l| l.continuation_rows > 0);
            let rows: Vec<Vec<String>> = loads
                .iter()
                .map(|l| {
                    vec![
                        l.id.to_string(),
                        l.finished_at
                            .replace('T', " ")
                            .chars()
                            .take(16)
                            .collect::<String>(),
                        clip(&l.entity, 16),
                        clip(&l.source, 12),
                        count(l.rows_read),
                        count(l.loaded),
                        count(l.quarantined),
                        count(l.duplicates_skipped),
                        count(l.continuation_rows),
                    ]
                })
                .collect();
            output::table_aligned(
                &head,
                &rows,
                &[true, false, false, false, true, true, true, true, true],
            );
            if items {
                line(&say(
                    "cli-loads-items",
                    &[("column", head[8].as_str().into())],
                ));
            }
            Ok(())
        }
    }
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the query runtime")
}

fn sql(ws: &Workspace, a: crate::SqlArgs) -> Result<()> {
    let batches = runtime()?.block_on(rapport_app::sql::query(ws, &a.client, &a.query))?;
    output::batches(&batches, a.format)
}

fn customer(ws: &Workspace, a: crate::CustomerArgs) -> Result<()> {
    let profile = runtime()?.block_on(rapport_app::customer::profile(
        ws,
        &a.client,
        &a.customer,
        a.latest,
    ))?;
    if a.format == ListFormat::Json {
        return output::result(&profile);
    }
    let view = profile.view(ws.calendar(&a.client)?, output::locale());
    line(&view.title);
    let facts = |heading: &str, facts: &[rapport_app::customer::Fact]| {
        line("");
        line(heading);
        let width = facts
            .iter()
            .map(|f| unicode_width::UnicodeWidthStr::width(f.label.as_str()))
            .max()
            .unwrap_or(0);
        for f in facts {
            line(&format!(
                "{}  {}",
                output::pad_end(&f.label, width),
                f.value
            ));
        }
    };
    if !view.about.is_empty() {
        facts(&say("customer-about", &[]), &view.about);
    }
    facts(&say("customer-outlook", &[]), &view.outlook);
    if let Some(note) = &view.outlook_note {
        line(&output::wrap(note, output::terminal_width(), ""));
    }
    for t in &view.tables {
        line("");
        line(&t.heading);
        if !t.rows.is_empty() {
            // A long comment is cut to keep each row on one line.
            let rows: Vec<Vec<String>> = t
                .rows
                .iter()
                .map(|r| r.iter().map(|c| clip(c, 48)).collect())
                .collect();
            output::table_aligned(&t.head, &rows, &t.numeric);
        }
        if let Some(note) = &t.note {
            line(note);
        }
    }
    Ok(())
}

fn entities(a: crate::EntitiesArgs) -> Result<()> {
    let list = rapport_app::entities::entities(a.entity.as_deref(), output::locale())?;
    if a.format == ListFormat::Json {
        return output::json(&list);
    }
    let comma = |items: &[&str]| items.join(", ");
    if a.entity.is_none() {
        for e in list {
            let keys: Vec<&str> = e.key.iter().map(String::as_str).collect();
            line(&format!(
                "{:<17} {}",
                e.entity,
                say(
                    "cli-entity-summary",
                    &[
                        ("key", comma(&keys).into()),
                        ("required", comma(&e.required()).into())
                    ]
                )
            ));
        }
        line(&format!(
            "\n{}",
            say(
                "cli-details",
                &[("command", "rapport entities ENTITY".into())]
            )
        ));
        return Ok(());
    }
    let (required, optional) = (
        say("cli-entity-required", &[]),
        say("cli-entity-optional", &[]),
    );
    for e in list {
        let keys: Vec<&str> = e.key.iter().map(String::as_str).collect();
        line(&say(
            "cli-entity-key",
            &[
                ("entity", e.entity.as_str().into()),
                ("key", comma(&keys).into()),
            ],
        ));
        for c in &e.columns {
            let text = format!(
                "  {:<20} {} {} {}",
                c.name,
                output::pad_end(&c.ty, 15),
                output::pad_end(if c.required { &required } else { &optional }, 9),
                output::plain(c.rules.join(", "))
            );
            line(text.trim_end());
        }
        for r in &e.row_rules {
            line(&format!(
                "  {}",
                say("cli-entity-rule", &[("rule", r.as_str().into())])
            ));
        }
        line(&format!("  {}", say("cli-entity-common", &[])));
    }
    Ok(())
}

fn demo(a: crate::DemoArgs, engine: Option<&str>) -> Result<()> {
    let options = rapport_app::demo::DemoOptions {
        dir: a.dir.clone(),
        seed: a.seed,
        end_month: a.end_month,
    };
    let started = std::time::Instant::now();
    let bars = Bars::default();
    let report = runtime()?.block_on(rapport_app::demo::run(
        &options,
        engine,
        &bars,
        output::locale(),
    ));
    bars.finish();
    let report = report?;
    let outcome = &report.outcome;
    let ws = Place {
        dir: &outcome.workspace,
        engine,
    }
    .open()?;
    if a.format == ListFormat::Json {
        let clients: Vec<_> = outcome
            .clients
            .iter()
            .map(|c| {
                json!({
                    "id": c.id,
                    "name": c.name,
                    "kind": c.kind.name(),
                    "loads": c.loads.iter().map(|l| json!({
                        "export": l.export,
                        "mapping": l.mapping,
                        "preset": l.preset,
                        "summary": l.summary,
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let as_of = outcome.last_day + chrono::Duration::days(1);
        let reports: Vec<_> = runtime()?
            .block_on(rapport_report::agency::demo(&ws, as_of))?
            .into_iter()
            .map(|r| match r.result {
                Ok(made) => json!({ "client": r.client, "files": made.written }),
                Err(e) => json!({ "client": r.client, "error": e.to_string() }),
            })
            .collect();
        return output::json(&json!({
            "reports": reports,
            "metrics": report.metrics,
            "predictions": report.predictions,
            "workspace": outcome.workspace,
            "exports": outcome.exports,
            "first_day": outcome.first_day.to_string(),
            "last_day": outcome.last_day.to_string(),
            "clients": clients,
        }));
    }
    let locale = output::locale();
    let day = |d: NaiveDate| rapport_app::words::date(d, locale);
    line(&say(
        "cli-demo-intro",
        &[
            ("from", day(outcome.first_day).into()),
            ("to", day(outcome.last_day).into()),
            ("seed", a.seed.to_string().into()),
        ],
    ));
    line("");
    for c in &outcome.clients {
        line(&output::plain(rapport_app::demo::client_line(
            c,
            &outcome.exports.join(&c.id),
            locale,
        )));
        for l in &c.loads {
            let file = l
                .export
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default();
            match l.preset {
                Some(p) => line(&format!(
                    "  {}",
                    say(
                        "cli-demo-export-preset",
                        &[("file", file.into()), ("preset", p.into())]
                    )
                )),
                None => line(&format!("  {file}")),
            }
            print_summary(&ws, &l.summary, "    ");
        }
        line("");
    }
    let dir = outcome.workspace.display();
    let totals = outcome.totals();
    line(&say(
        "cli-demo-totals",
        &[
            ("read", count(totals.rows_read).into()),
            ("loaded", count(totals.loaded).into()),
            ("quarantined", count(totals.quarantined).into()),
            ("duplicates", count(totals.duplicates_skipped).into()),
            ("items", count(totals.continuation_rows).into()),
            (
                "seconds",
                output::dec(started.elapsed().as_secs_f64(), 1).into(),
            ),
        ],
    ));
    line(&say(
        "cli-demo-workspace",
        &[
            ("dir", dir.to_string().into()),
            ("exports", format!("{dir}/exports").into()),
            ("quarantine", format!("{dir}/quarantine").into()),
        ],
    ));
    let width = output::terminal_width();
    let more = say("cli-more", &[]);
    line(&format!("\n{}", say("cli-demo-metrics", &[])));
    for m in &report.metrics {
        line(&format!(
            "  {}",
            output::wrap(&m.summary, width.saturating_sub(2), "    ")
        ));
    }
    let period = &report.period;
    line(&format!(
        "  {more}: rapport --workspace {dir} metrics lumen --period {period} --by country"
    ));
    line(&format!("\n{}", say("cli-demo-predictions", &[])));
    for p in &report.predictions {
        line(&format!(
            "  {}",
            output::wrap(&p.summary, width.saturating_sub(2), "    ")
        ));
    }
    let (calibration_end, holdout_end) = report.holdout_window();
    line(&format!(
        "  {more}: rapport --workspace {dir} predict lumen --calibration-end {calibration_end} --holdout-end {holdout_end}"
    ));
    line(&format!("\n{}", say("cli-demo-explore", &[])));
    line(&format!("  rapport --workspace {dir} cohorts lumen"));
    line(&format!(
        "  rapport --workspace {dir} funnel lumen --period {period} --steps page_view,product_view,add_to_cart,purchase"
    ));
    // CloudNest keeps the Solar Hijri calendar: its months are Persian.
    let cloudnest = ws.calendar("cloudnest")?.last_whole(
        PeriodKind::Month,
        outcome.last_day + chrono::Duration::days(1),
    );
    line(&format!(
        "  rapport --workspace {dir} compare cloudnest --metric fcr --by channel --period {cloudnest}   # {}",
        say(
            "cli-demo-solar-month",
            &[(
                "month",
                rapport_app::words::period_name(&cloudnest, locale).into()
            )]
        )
    ));
    line(&format!(
        "  rapport --workspace {dir} comments brightpaws --period {}",
        outcome.last_day.year()
    ));
    line(&format!(
        "  rapport --workspace {dir} sql lumen \"SELECT date_trunc('month', ordered_at) AS month, count(*) AS orders, sum(amount) AS revenue FROM orders WHERE status = 'completed' GROUP BY 1 ORDER BY 1\""
    ));
    line(&format!("  rapport --workspace {dir} loads cloudnest"));
    line(&format!(
        "  rapport --workspace {dir} customer lumen c00002@example.com"
    ));
    line(&format!(
        "  rapport --workspace {dir} serve --as-of {}   # {}",
        outcome.last_day + chrono::Duration::days(1),
        say("cli-demo-serve-note", &[])
    ));
    line(&format!(
        "  rapport presets show shopify-orders       # {}",
        say("cli-demo-preset-note", &[])
    ));
    demo_reports(
        &ws,
        &outcome.workspace,
        outcome.last_day + chrono::Duration::days(1),
    )
}

/// The demo's last step: every client's latest quarterly report.
/// Paths are shown under `dir` as the user named it, as the lines above.
fn demo_reports(ws: &Workspace, dir: &Path, as_of: NaiveDate) -> Result<()> {
    let started = std::time::Instant::now();
    let reports = runtime()?.block_on(rapport_report::agency::demo(ws, as_of))?;
    line(&format!(
        "\n{}",
        say(
            "cli-demo-reports",
            &[(
                "seconds",
                output::dec(started.elapsed().as_secs_f64(), 1).into()
            )]
        )
    ));
    for r in reports {
        match r.result {
            Ok(made) => {
                let html = &made.written.html;
                let shown = dir.join(html.strip_prefix(ws.root()).unwrap_or(html));
                line(&format!(
                    "  {}: {}",
                    made.report.client_name,
                    shown.display()
                ));
            }
            Err(e) => line(&format!(
                "  {}",
                say(
                    "cli-no-report",
                    &[
                        ("client", r.client.as_str().into()),
                        ("error", e.to_string().into())
                    ]
                )
            )),
        }
    }
    line(&format!(
        "  {}: rapport --workspace {} report lumen --period {}",
        say("cli-more", &[]),
        dir.display(),
        rapport_report::last_whole_period(
            rapport_report::definition::PeriodType::Month,
            as_of,
            ws.calendar("lumen")?
        )
    ));
    Ok(())
}
