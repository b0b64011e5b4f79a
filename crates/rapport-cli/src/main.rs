//! `rapport`: customer analytics and client reporting for agencies.
//!
//! This file holds the command-line grammar; each command lives in its own
//! module and prints through [`output`].

mod analyse;
#[cfg(feature = "cluster")]
mod cluster;
mod commands;
mod metrics;
mod output;
mod predict;
mod presets;
mod progress;
mod report;
mod schedule;
mod serve;
mod storage;
mod users;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand, ValueEnum};
use rapport_schema::CalendarSystem;

/// Customer analytics and client reporting: ingest exports, measure, report.
#[derive(Debug, Parser)]
#[command(
    name = "rapport",
    version,
    about,
    after_help = "Examples:\n  rapport demo                     # build the sample agency in ./rapport-demo\n  rapport init agency && cd agency\n  rapport client add acme --name \"Acme Ltd\"\n  rapport ingest acme orders orders.csv --mapping shop.toml\n  rapport sql acme \"SELECT count(*) FROM orders\""
)]
struct Cli {
    /// The workspace directory (holds `rapport.toml`).
    #[arg(
        long,
        short = 'w',
        global = true,
        env = "RAPPORT_WORKSPACE",
        default_value = "."
    )]
    workspace: PathBuf,

    /// The day to report as of (YYYY-MM-DD, in the workspace time zone):
    /// periods not over by its start are incomplete, windows still open
    /// then are in progress. `schedule run` also takes a moment
    /// (2026-11-01T09:00, in the workspace time zone, or with an offset
    /// such as 2026-11-01T09:00+02:00). Default: now.
    #[arg(long, global = true, env = "RAPPORT_AS_OF", value_parser = parse_as_of)]
    as_of: Option<AsOf>,

    /// The language Rapport writes in: en, ro, zh-Hans or fa (also
    /// `ro_RO.UTF-8` style names). Default: the workspace's `language`,
    /// else English. Typed on the command line of `report` or `schedule
    /// add`, it is also the report's language; from `RAPPORT_LANG` it is
    /// not, so a shell's setting never changes what a client receives.
    #[arg(long, global = true, env = "RAPPORT_LANG", value_name = "LANG")]
    lang: Option<rapport_locale::Locale>,

    /// Whether `--lang` was typed on the command line (not taken from
    /// `RAPPORT_LANG`).
    #[arg(skip)]
    lang_typed: bool,

    /// Where this command's plans run, instead of the workspace's
    /// `engine`: `local`, or a Ballista cluster's scheduler as
    /// `ballista://HOST:PORT` (see `rapport cluster`).
    #[arg(long, global = true, env = "RAPPORT_ENGINE", value_name = "URL")]
    engine: Option<String>,

    /// Stop with an error when the command has not finished after this
    /// many seconds: a cluster with a slow or lost executor never holds
    /// the terminal (or a cron job) longer. What the command writes is
    /// written whole or not at all, as when it is killed.
    #[arg(long, global = true, env = "RAPPORT_TIMEOUT", value_name = "SECONDS")]
    timeout: Option<u64>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Create a workspace.
    #[command(
        after_help = "Example:\n  rapport init agency --timezone Europe/Bucharest --currency RON"
    )]
    Init(InitArgs),

    /// Add or list the clients of the workspace.
    #[command(subcommand)]
    Client(ClientCommand),

    /// Load an export (files, a folder, or a PostgreSQL query) into a client's entity.
    #[command(after_help = INGEST_HELP)]
    Ingest(IngestArgs),

    /// The source presets: mappings for Shopify, Stripe, GA4, Zendesk, … exports.
    #[command(subcommand, after_help = presets::PRESETS_HELP)]
    Presets(presets::PresetsCommand),

    /// List a client's loads: when, from where, and what was kept.
    #[command(after_help = "Example:\n  rapport loads acme --entity orders --format json")]
    Loads(LoadsArgs),

    /// Run read-only SQL over one client's tables.
    #[command(after_help = SQL_HELP)]
    Sql(SqlArgs),

    /// Show the canonical entities, or one entity's columns, key and rules.
    #[command(after_help = "Examples:\n  rapport entities\n  rapport entities survey_responses")]
    Entities(EntitiesArgs),

    /// One customer seen whole: orders, tickets, survey answers, web sessions, segments and predictions.
    #[command(after_help = CUSTOMER_HELP)]
    Customer(CustomerArgs),

    /// Every customer KPI of METRICS.md for a period, with comparison, significance and targets.
    #[command(after_help = metrics::METRICS_HELP)]
    Metrics(metrics::MetricsArgs),

    /// The cohort retention matrix: each month's (or week's) new customers, and how many come back.
    #[command(after_help = analyse::COHORTS_HELP)]
    Cohorts(analyse::CohortArgs),

    /// A conversion funnel over web events: counts, conversion, drop-off and time per step.
    #[command(after_help = analyse::FUNNEL_HELP)]
    Funnel(analyse::FunnelArgs),

    /// Compare a metric across channels, campaigns or touchpoints, with spend, CPA, ROAS, CAC and significance.
    #[command(after_help = analyse::COMPARE_HELP)]
    Compare(analyse::CompareArgs),

    /// A/B test: two variants or two segments, with the right test, the lift and P(B > A).
    #[command(after_help = analyse::ABTEST_HELP)]
    Abtest(analyse::AbTestArgs),

    /// What detractors and promoters say: the words and phrases that set them apart, with examples.
    #[command(after_help = analyse::COMMENTS_HELP)]
    Comments(analyse::CommentsArgs),

    /// Set or list the targets metrics are measured against.
    #[command(subcommand)]
    Target(metrics::TargetCommand),

    /// Predict each customer's future purchases, churn risk and lifetime value (BTYD models).
    #[command(after_help = PREDICT_HELP)]
    Predict(predict::PredictArgs),

    /// Fit a retention curve (shifted-beta-geometric) to subscription cohorts and project it.
    #[command(after_help = RETENTION_HELP)]
    RetentionCurve(predict::RetentionArgs),

    /// Churn risk per customer from a classifier trained and tested on your own history.
    #[command(after_help = CHURN_HELP)]
    Churn(predict::ChurnArgs),

    /// Forecast a KPI with an exponential smoothing (ETS) model chosen by AICc, with 80 % and 95 % intervals.
    #[command(after_help = FORECAST_HELP)]
    Forecast(predict::ForecastArgs),

    /// Recommend products per customer ("bought together"), checked against popularity on your own history.
    #[command(after_help = RECOMMEND_HELP)]
    Recommend(predict::RecommendArgs),

    /// Segment customers: RFM named segments, or k-means clusters described in words.
    #[command(after_help = SEGMENTS_HELP)]
    Segments(predict::SegmentArgs),

    /// A client's report: HTML, PDF and JSON, with findings, trends, outlook and actions.
    #[command(after_help = report::REPORT_HELP)]
    Report(report::ReportArgs),

    /// Record or list a client's feedback on its reports.
    #[command(subcommand, after_help = report::FEEDBACK_HELP)]
    Feedback(report::FeedbackCommand),

    /// Make and send reports on a schedule: add, list, remove, and run what is due.
    #[command(subcommand, after_help = schedule::SCHEDULE_HELP)]
    Schedule(schedule::ScheduleCommand),

    /// Build the sample agency: three clients' raw exports, loaded as a user would.
    #[command(
        after_help = "Examples:\n  rapport demo\n  rapport demo /tmp/agency --seed 42 --end-month 2026-10"
    )]
    Demo(DemoArgs),

    /// Serve the REST API: each user, by token, sees only their clients.
    #[command(after_help = serve::SERVE_HELP)]
    Serve(serve::ServeArgs),

    /// Add, list and remove the people who may use the server.
    #[command(subcommand, after_help = users::USER_HELP)]
    User(users::UserCommand),

    /// Make, list and revoke API tokens (`Authorization: Bearer rpt_…`).
    #[command(subcommand, after_help = users::TOKEN_HELP)]
    Token(users::TokenCommand),

    /// Read the audit log: sign-ins, changes and downloads, newest first.
    #[command(after_help = users::AUDIT_HELP)]
    Audit(users::AuditArgs),

    /// Keep the workspace's copy in object storage (`[settings.storage]`) complete.
    #[command(subcommand, after_help = storage::STORAGE_HELP)]
    Storage(storage::StorageCommand),

    /// Run plans on an Apache DataFusion Ballista cluster: start, stop or
    /// check a local one, or run a scheduler or an executor.
    #[cfg(feature = "cluster")]
    #[command(subcommand, after_help = cluster::CLUSTER_HELP)]
    Cluster(cluster::ClusterCommand),
}

const INGEST_HELP: &str = "Examples:
  rapport ingest acme orders orders.csv
  rapport ingest acme --preset shopify-orders orders_export.csv       # see `rapport presets list`
  rapport ingest acme --preset facebook-page-posts posts.csv --set followers=5400
  rapport ingest acme tickets.csv                  # proposes a preset from the header (--yes to load)
  rapport ingest acme --preset meta-ads ads_de.csv --decimal-separator ,   # an export in a German locale
  rapport ingest acme survey_responses nps.csv --mapping typeform.toml --format json
  rapport ingest acme customers export.csv --delimiter ';' --encoding latin1
  rapport ingest acme web_events events/           # every CSV/JSON/Parquet file in the folder
  rapport ingest acme orders --postgres postgres://user@127.0.0.1/shop --query 'SELECT * FROM orders'
  rapport ingest acme --preset zendesk-tickets tickets-november.csv --replace   # a re-export: changed tickets replace their earlier rows

Without --mapping the file must use the canonical column names (see `rapport entities ENTITY`).
Rows that break a rule go to a quarantine CSV with file, row, column, value and rule; rows already
loaded are skipped. A row whose key was loaded with other values is quarantined (`key_conflict`),
or with --replace replaces the earlier row. The load, replacements included, is all-or-nothing.";

const PREDICT_HELP: &str = "Examples:
  rapport predict lumen
  rapport predict lumen --model pareto_nbd --time-unit week --horizon 6m --format json
  rapport predict lumen --calibration-end 2026-01-01 --holdout-end 2026-07-01
  rapport predict lumen --model bg_bb --time-unit month --horizon 12m

Completed orders (and orders without a status) are the transactions; several orders of a customer
on one local day are one transaction. x counts repeat transactions, t_x and T are in the time unit.
BG/BB (discrete opportunities, as for yearly donations) counts calendar periods instead: the period
of the first purchase is the trial, each later whole period before the calibration end is one
opportunity, and x counts those with a purchase; calibration and holdout ends must start a period.
Dates are days in the workspace time zone; each end is exclusive (orders before it count). Without
--calibration-end, the orders before today (or --as-of) calibrate the model.
Per-customer results go to predictions/CLIENT/clv-MODEL.parquet and .csv.";

const RETENTION_HELP: &str = "Examples:
  rapport retention-curve cloudnest
  rapport retention-curve cloudnest --unit year --cohort-start 2025-01-01 --format json

Customers are grouped by the month (or year) of their first subscription; a customer stays until
their last subscription ends, so a plan change is not churn.";

const CHURN_HELP: &str = "Examples:
  rapport churn lumen                                  # cutoff two windows before today (or --as-of)
  rapport churn lumen --cutoff 2026-03-01 --window 90d --format json

Customers active at a day (a completed order within the workspace's inactivity window) are described
by what was known before it: recency, purchases, spend, tenure, recent purchases, support tickets and
escalations, survey answers. Churned = no purchase in the next window. The model (L2 logistic
regression) is trained at --cutoff, tested on the snapshot one window later, whose outcome it never
saw (ROC AUC, top-decile precision and recall, calibration), then refitted on that later snapshot
to score today's active customers into predictions/CLIENT/churn.parquet and .csv.";

const FORECAST_HELP: &str = "Examples:
  rapport forecast lumen revenue --horizon 3
  rapport forecast lumen nps --horizon 3               # any metric id of `rapport metrics --list`
  rapport forecast lumen orders --by week --horizon 8 --format json
  rapport forecast lumen buyers --by quarter --horizon 4

KPIs: revenue and orders (completed orders) and buyers (distinct customers with a completed order),
or any metric of the catalog measured period by period (up to three years back, from the first
period with a value; a gap is an error), per complete week, month or quarter in the workspace
time zone, ending by today (or --as-of). Every ETS form that fits the series
(error A/M, trend none/additive/damped, season none/additive/multiplicative with a yearly season when
there are two full years) is fitted by maximum likelihood; the lowest AICc wins. Intervals come from
5,000 simulated futures of the chosen model.";

const RECOMMEND_HELP: &str = "Examples:
  rapport recommend lumen
  rapport recommend lumen --customer c00063@example.com --top 5
  rapport recommend lumen --split 2026-08-01 --format json

Products bought by the same customers score by cosine similarity (summed over what the customer
owns); when that runs out, the most popular products fill the list. Products a customer already
bought are never recommended. The check fits on orders before --split (default: 90 days before
today or --as-of) and counts, among customers who then bought something new to them, how many
bought one of their k recommendations (hit rate at k), next to the same for the k most popular
products. All customers' lists go to predictions/CLIENT/recommendations.parquet and .csv.";

const SEGMENTS_HELP: &str = "Examples:
  rapport segments lumen                              # RFM: Champions, Loyal, At risk, ...
  rapport segments lumen --method kmeans --format json
  rapport segments lumen --method rfm --as-of 2026-07-01 --save rfm-july

Features per customer, measured as of today (or --as-of, exclusive): days since the last purchase,
purchases (days with a completed order), total spend and days since the first purchase. RFM scores
are quintiles (5 best); the segment comes from R and the mean of F and M rounded up. k-means runs on
the standardised logarithms of the four features, k from 2 to 8 by silhouette, 10 restarts.
One row per customer goes to segments/CLIENT/NAME.parquet and .csv (NAME defaults to the method).";

const SQL_HELP: &str = "Examples:
  rapport sql acme \"SELECT status, count(*) AS n, sum(amount) AS revenue FROM orders GROUP BY status\"
  rapport sql acme \"SELECT * FROM survey_responses LIMIT 5\" --format csv

Tables: customers, orders, order_items, subscriptions, survey_responses, support_tickets,
web_events, marketing_spend, email_campaigns, email_activity, social_posts, annotations, targets, exchange_rates.
With exchange rates loaded, orders, subscriptions and marketing_spend show amounts converted to
the workspace currency where a rate exists; <table>_as_exported has the rows as they were loaded.
Statements that change anything (CREATE, INSERT, COPY, SET, ...) are refused.";

#[derive(Debug, Args)]
struct InitArgs {
    /// Directory to create the workspace in (default: the --workspace directory).
    dir: Option<PathBuf>,
    /// IANA time zone that periods and naive source times are read in.
    #[arg(long, default_value = "UTC")]
    timezone: String,
    /// Reporting currency (ISO 4217 code).
    #[arg(long, default_value = "EUR")]
    currency: String,
}

#[derive(Debug, Subcommand)]
enum ClientCommand {
    /// Add a client.
    #[command(
        after_help = "Examples:\n  rapport client add acme --name \"Acme Ltd\"\n  rapport client add pars --name \"Pars Cloud\" --calendar solar-hijri   # Persian months (1405-08 is Aban), weeks from Saturday"
    )]
    Add {
        /// Short id: lowercase letters, digits, `-` and `_`.
        id: String,
        /// Display name used in reports.
        #[arg(long)]
        name: String,
        /// The calendar its months, quarters and years follow: gregorian, or
        /// solar-hijri (the Persian calendar kept in Iran).
        #[arg(long, default_value = "gregorian", value_parser = parse_calendar)]
        calendar: CalendarSystem,
        /// First day of its week (default: Monday; Saturday for solar-hijri).
        #[arg(long, value_parser = parse_weekday)]
        week_start: Option<chrono::Weekday>,
    },
    /// Change a client's name, calendar or first day of the week.
    #[command(
        after_help = "Example:\n  rapport client set pars --calendar solar-hijri --week-start saturday"
    )]
    Set {
        /// Client id.
        id: String,
        #[arg(long)]
        name: Option<String>,
        /// gregorian or solar-hijri.
        #[arg(long, value_parser = parse_calendar)]
        calendar: Option<CalendarSystem>,
        /// First day of its week (default with --calendar: that calendar's usual one).
        #[arg(long, value_parser = parse_weekday)]
        week_start: Option<chrono::Weekday>,
    },
    /// List clients.
    #[command(after_help = "Example:\n  rapport client list --format json")]
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
}

fn parse_calendar(s: &str) -> Result<CalendarSystem, String> {
    s.parse()
        .map_err(|e: rapport_schema::calendar::UnknownCalendar| e.to_string())
}

fn parse_weekday(s: &str) -> Result<chrono::Weekday, String> {
    rapport_schema::calendar::parse_weekday(s).map_err(|e| e.to_string())
}

#[derive(Debug, Args)]
struct IngestArgs {
    /// Client id.
    client: String,
    /// The canonical entity the rows become (see `rapport entities`), then
    /// CSV/TSV, JSON/NDJSON or Parquet files or folders. With --preset the
    /// entity is implied; with neither, Rapport proposes a preset.
    #[arg(value_name = "ENTITY|FILE", required_unless_present = "postgres")]
    args: Vec<String>,
    /// Mapping TOML: renames, formats, value maps, constants, source name.
    #[arg(long, short = 'm', conflicts_with = "preset")]
    mapping: Option<PathBuf>,
    /// A shipped mapping for a tool's export (see `rapport presets list`).
    #[arg(long, short = 'p')]
    preset: Option<String>,
    /// Set a column for every row (`followers=5400`); overrides the mapping.
    #[arg(long = "set", value_name = "COLUMN=VALUE")]
    set: Vec<String>,
    /// Load with the preset Rapport proposes for a file given without entity.
    #[arg(long)]
    yes: bool,
    /// A row whose key was loaded before with other values replaces the
    /// earlier row (a re-export of tickets or subscriptions that changed
    /// since), instead of going to quarantine as `key_conflict`. Alone it
    /// applies to every entity the load fills; `--replace=customers` to
    /// some (a Shopify export's customers then win over the CRM's).
    #[arg(
        long,
        value_name = "ENTITY,...",
        num_args = 0..=1,
        require_equals = true,
        default_missing_value = "",
        value_delimiter = ','
    )]
    replace: Option<Vec<String>>,
    /// Decimal separator of the file's numbers (`,` for `1.234,56` as saved in many European locales).
    #[arg(long, value_parser = ["." , ","])]
    decimal_separator: Option<String>,
    /// CSV field delimiter (one character; `tab` or `\t` for tabs). Default: `,` (tab for .tsv).
    #[arg(long, value_parser = parse_delimiter)]
    delimiter: Option<u8>,
    /// Text encoding of CSV files.
    #[arg(long, value_enum, default_value_t = EncodingArg::Utf8)]
    encoding: EncodingArg,
    /// Read from PostgreSQL instead of files (connection URL).
    #[arg(long, requires = "query", conflicts_with = "files")]
    postgres: Option<String>,
    /// The query to run with --postgres (inside a read-only transaction).
    #[arg(long, requires = "postgres")]
    query: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Args)]
struct LoadsArgs {
    client: String,
    /// Only loads of this entity.
    #[arg(long)]
    entity: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Args)]
struct SqlArgs {
    client: String,
    /// The query (SQL as DataFusion reads it).
    query: String,
    #[arg(long, value_enum, default_value_t = TableFormat::Table)]
    format: TableFormat,
}

const CUSTOMER_HELP: &str = "\
A customer is found by id, or by an e-mail used as id (case and spaces
aside). Predictions are the ones `rapport predict`, `rapport churn`,
`rapport recommend` and `rapport segments` saved.

Examples:
  rapport customer lumen c00002@example.com
  rapport customer lumen C00002@Example.com --latest 3 --format json";

#[derive(Debug, Args)]
struct CustomerArgs {
    client: String,
    /// The customer's id, or their e-mail where the id is one.
    customer: String,
    /// How many of each kind of activity to list, newest first (1-200).
    #[arg(long, default_value_t = rapport_app::customer::DEFAULT_LATEST)]
    latest: usize,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Args)]
struct EntitiesArgs {
    /// One entity to describe in full.
    entity: Option<String>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

#[derive(Debug, Args)]
struct DemoArgs {
    /// Directory for the demo workspace; replaced if an earlier demo made it.
    #[arg(default_value = "rapport-demo")]
    dir: PathBuf,
    /// Random seed: the same seed and end month give the same data.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Last month of the 24 covered (YYYY-MM). Default: last month.
    #[arg(long, value_parser = parse_month)]
    end_month: Option<chrono::NaiveDate>,
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
    format: ListFormat,
}

/// Output of commands that print records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

/// Output of commands that print a result table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum TableFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EncodingArg {
    Utf8,
    Latin1,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if s.len() == 1 && s.is_ascii() => Ok(s.as_bytes()[0]),
        _ => Err(format!(
            "`{s}` is not one ASCII character (use `tab` for tabs)"
        )),
    }
}

/// `--as-of`: a day, or a moment on it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct AsOf {
    pub(crate) date: chrono::NaiveDate,
    pub(crate) time: chrono::NaiveTime,
    /// Given with the moment; else the workspace's time zone applies.
    pub(crate) offset: Option<chrono::FixedOffset>,
}

impl AsOf {
    /// The instant it names, reading a moment without an offset in `tz`.
    pub(crate) fn instant(&self, tz: chrono_tz::Tz) -> chrono::DateTime<chrono::Utc> {
        use chrono::TimeZone;
        let local = self.date.and_time(self.time);
        match self.offset {
            Some(o) => o
                .from_local_datetime(&local)
                .single()
                .map_or_else(|| local.and_utc(), |t| t.to_utc()),
            None => rapport_schema::period::local_instant(local, tz),
        }
    }
}

fn parse_as_of(s: &str) -> Result<AsOf, String> {
    if let Ok(date) = parse_date(s) {
        return Ok(AsOf {
            date,
            time: chrono::NaiveTime::MIN,
            offset: None,
        });
    }
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(s) {
        return Ok(AsOf {
            date: t.date_naive(),
            time: t.time(),
            offset: Some(*t.offset()),
        });
    }
    for format in ["%Y-%m-%dT%H:%M%:z"] {
        if let Ok(t) = chrono::DateTime::parse_from_str(&s.replace('Z', "+00:00"), format) {
            return Ok(AsOf {
                date: t.date_naive(),
                time: t.time(),
                offset: Some(*t.offset()),
            });
        }
    }
    for format in ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"] {
        if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, format) {
            return Ok(AsOf {
                date: t.date(),
                time: t.time(),
                offset: None,
            });
        }
    }
    Err(format!(
        "`{s}` is not a date like 2026-11-01 or a moment like 2026-11-01T09:00"
    ))
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date like 2026-11-01"))
}

fn parse_month(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a month like 2026-10"))
}

/// Ends the process with an error after `seconds`: the `--timeout`.
fn watchdog(seconds: u64) {
    std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_secs(seconds));
        output::error(&anyhow::anyhow!(output::say(
            "cli-timeout",
            &[("seconds", seconds.into())]
        )));
        // 124, as coreutils' `timeout` exits.
        std::process::exit(124);
    });
}

fn main() -> ExitCode {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command().get_matches();
    let mut cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    cli.lang_typed = matches.value_source("lang") == Some(clap::parser::ValueSource::CommandLine);
    output::set_locale(
        cli.lang
            .or_else(|| rapport_store::Workspace::language_at(&cli.workspace))
            .unwrap_or_default(),
    );
    if let Some(seconds) = cli.timeout {
        watchdog(seconds);
    }
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            output::error(&e);
            ExitCode::FAILURE
        }
    }
}
