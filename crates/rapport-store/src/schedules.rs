//! Report schedules and their runs, in the catalog.
//!
//! A schedule says when a client's report is made and where it goes. Each
//! time it falls due, one row of `schedule_runs` (unique per schedule and
//! period) follows that report from due to delivered: it is created
//! before anything is rendered and finished after delivery, and whoever
//! works on it holds its claim, an OS file lock that the kernel releases
//! when the process ends. So a second `schedule run` finds a finished row
//! and does nothing, two at once never work on the same row, and a run
//! killed halfway leaves an unfinished row without a claim, which the next
//! run completes. When to run and what to deliver is decided in
//! `rapport-schedule`; this module only keeps the record.

use std::fs::File;
use std::path::PathBuf;

use rusqlite::{OptionalExtension, Row, params};
use serde::{Deserialize, Serialize};

use crate::Workspace;
use crate::error::{Error, Result, io};
use crate::workspace::LOCKS_DIR;

/// How often a schedule makes its report, which is also the report's
/// period type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Every {
    Month,
    Quarter,
}

impl Every {
    pub fn as_str(self) -> &'static str {
        match self {
            Every::Month => "month",
            Every::Quarter => "quarter",
        }
    }

    fn parse(s: &str) -> Every {
        if s == "quarter" {
            Every::Quarter
        } else {
            Every::Month
        }
    }
}

/// How an e-mailed report carries its HTML (the PDF is always attached).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HtmlMode {
    /// The report is the body of the message.
    Inline,
    /// The body is the summary; the report is attached as a file.
    Attached,
}

impl HtmlMode {
    pub fn as_str(self) -> &'static str {
        match self {
            HtmlMode::Inline => "inline",
            HtmlMode::Attached => "attached",
        }
    }

    fn parse(s: &str) -> HtmlMode {
        if s == "inline" {
            HtmlMode::Inline
        } else {
            HtmlMode::Attached
        }
    }
}

/// What a schedule is, as its user gave it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleSpec {
    pub client_id: String,
    pub every: Every,
    /// Day of the month (of the quarter's first month) it falls due; a day
    /// the month does not have means the month's last day.
    pub day: u32,
    /// Local time of day it falls due, `HH:MM`.
    pub at: String,
    /// IANA zone of `day`, `at` and the report's period.
    pub timezone: String,
    /// A folder, or an `smtp://` / `smtps://` URL without a password.
    pub deliver: String,
    pub mail_from: Option<String>,
    pub mail_to: Vec<String>,
    pub html: HtmlMode,
    /// How long a report waits for a source not loaded since its period
    /// ended, in hours after it fell due.
    pub wait_hours: u32,
    /// Whether someone must approve the report before it goes out.
    pub approval: bool,
    /// The report's language, when not the definition's.
    pub language: Option<String>,
}

/// A schedule in the catalog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub id: i64,
    #[serde(flatten)]
    pub spec: ScheduleSpec,
    pub created_at: String,
    /// When it was taken out of force; its runs stay in the archive.
    pub removed_at: Option<String>,
}

/// Where a scheduled report is on its way from due to delivered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunState {
    /// Fell due; nothing done yet.
    Due,
    /// Waits for a source not loaded since the period ended.
    Waiting,
    /// Being rendered (or was, when a run was killed).
    Rendering,
    /// Rendered; waits for `rapport report approve` or `reject`.
    AwaitingApproval,
    /// Approved, not yet delivered.
    Approved,
    /// Being delivered (or was, when a run was killed).
    Delivering,
    /// Delivered: finished.
    Delivered,
    /// Rejected by a reviewer: finished, never delivered.
    Rejected,
    /// Rendering or delivery failed; the next run tries again.
    Failed,
}

impl RunState {
    pub fn as_str(self) -> &'static str {
        match self {
            RunState::Due => "due",
            RunState::Waiting => "waiting",
            RunState::Rendering => "rendering",
            RunState::AwaitingApproval => "awaiting_approval",
            RunState::Approved => "approved",
            RunState::Delivering => "delivering",
            RunState::Delivered => "delivered",
            RunState::Rejected => "rejected",
            RunState::Failed => "failed",
        }
    }

    fn parse(s: &str) -> RunState {
        match s {
            "waiting" => RunState::Waiting,
            "rendering" => RunState::Rendering,
            "awaiting_approval" => RunState::AwaitingApproval,
            "approved" => RunState::Approved,
            "delivering" => RunState::Delivering,
            "delivered" => RunState::Delivered,
            "rejected" => RunState::Rejected,
            "failed" => RunState::Failed,
            _ => RunState::Due,
        }
    }

    /// Whether nothing more will happen to the run.
    pub fn is_finished(self) -> bool {
        matches!(self, RunState::Delivered | RunState::Rejected)
    }
}

/// One scheduled report: a schedule's period, from due to delivered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduleRun {
    pub id: i64,
    pub schedule_id: i64,
    pub client_id: String,
    pub period: String,
    /// When it fell due (RFC 3339, UTC).
    pub due_at: String,
    pub state: RunState,
    /// The report run rendered for it, once there is one.
    pub report_run_id: Option<i64>,
    /// Where it was delivered.
    pub delivered_to: Option<String>,
    /// Delivery attempts so far.
    pub attempts: i64,
    /// Why it waits or failed, or what else a reader should know.
    pub note: Option<String>,
    pub updated_at: String,
}

/// The exclusive right to work on one scheduled report, until dropped or
/// the process ends.
#[derive(Debug)]
pub struct Claim {
    run: ScheduleRun,
    _lock: File,
}

impl Claim {
    /// The run as it was when claimed: read after the lock was taken, so
    /// its state is what the last holder left.
    pub fn run(&self) -> &ScheduleRun {
        &self.run
    }
}

const SCHEDULE_COLUMNS: &str = "id, client_id, every, day, at, timezone, deliver, mail_from, mail_to, html, wait_hours, approval, language, created_at, removed_at";

fn schedule_from(r: &Row<'_>) -> rusqlite::Result<Schedule> {
    let mail_to: Option<String> = r.get(8)?;
    Ok(Schedule {
        id: r.get(0)?,
        spec: ScheduleSpec {
            client_id: r.get(1)?,
            every: Every::parse(&r.get::<_, String>(2)?),
            day: r.get(3)?,
            at: r.get(4)?,
            timezone: r.get(5)?,
            deliver: r.get(6)?,
            mail_from: r.get(7)?,
            mail_to: mail_to
                .map(|s| s.split(',').map(str::to_owned).collect())
                .unwrap_or_default(),
            html: HtmlMode::parse(&r.get::<_, String>(9)?),
            wait_hours: r.get(10)?,
            approval: r.get(11)?,
            language: r.get(12)?,
        },
        created_at: r.get(13)?,
        removed_at: r.get(14)?,
    })
}

const RUN_COLUMNS: &str = "r.id, r.schedule_id, s.client_id, r.period, r.due_at, r.state, r.report_run_id, r.delivered_to, r.attempts, r.note, r.updated_at";

fn run_from(r: &Row<'_>) -> rusqlite::Result<ScheduleRun> {
    Ok(ScheduleRun {
        id: r.get(0)?,
        schedule_id: r.get(1)?,
        client_id: r.get(2)?,
        period: r.get(3)?,
        due_at: r.get(4)?,
        state: RunState::parse(&r.get::<_, String>(5)?),
        report_run_id: r.get(6)?,
        delivered_to: r.get(7)?,
        attempts: r.get(8)?,
        note: r.get(9)?,
        updated_at: r.get(10)?,
    })
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339()
}

impl Workspace {
    /// Adds a schedule for a client that exists.
    pub fn add_schedule(&self, spec: &ScheduleSpec) -> Result<Schedule> {
        self.client(&spec.client_id)?;
        let conn = self.open_catalog()?;
        let created_at = now();
        let mail_to = (!spec.mail_to.is_empty()).then(|| spec.mail_to.join(","));
        conn.execute(
            "INSERT INTO schedules (client_id, every, day, at, timezone, deliver, mail_from, mail_to, html, wait_hours, approval, language, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                spec.client_id,
                spec.every.as_str(),
                spec.day,
                spec.at,
                spec.timezone,
                spec.deliver,
                spec.mail_from,
                mail_to,
                spec.html.as_str(),
                spec.wait_hours,
                spec.approval,
                spec.language,
                created_at
            ],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(Schedule {
            id: conn.last_insert_rowid(),
            spec: spec.clone(),
            created_at,
            removed_at: None,
        })
    }

    /// The schedules in force, of one client or of all, in the order they
    /// were added.
    pub fn schedules(&self, client: Option<&str>) -> Result<Vec<Schedule>> {
        if let Some(c) = client {
            self.client(c)?;
        }
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {SCHEDULE_COLUMNS} FROM schedules
                 WHERE removed_at IS NULL AND (?1 IS NULL OR client_id = ?1) ORDER BY id"
            ))
            .map_err(self.catalog_err("read"))?;
        stmt.query_map([client], schedule_from)
            .and_then(Iterator::collect)
            .map_err(self.catalog_err("read"))
    }

    /// One schedule, in force or removed.
    pub fn schedule(&self, id: i64) -> Result<Schedule> {
        let conn = self.open_catalog()?;
        conn.query_row(
            &format!("SELECT {SCHEDULE_COLUMNS} FROM schedules WHERE id = ?1"),
            [id],
            schedule_from,
        )
        .optional()
        .map_err(self.catalog_err("read"))?
        .ok_or(Error::UnknownSchedule { id })
    }

    /// Takes a schedule out of force. Its runs stay in the archive; a
    /// report of it that waits for approval can still be approved.
    pub fn remove_schedule(&self, id: i64) -> Result<Schedule> {
        let schedule = self.schedule(id)?;
        if schedule.removed_at.is_some() {
            return Err(Error::UnknownSchedule { id });
        }
        let conn = self.open_catalog()?;
        conn.execute(
            "UPDATE schedules SET removed_at = ?2 WHERE id = ?1",
            params![id, now()],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(schedule)
    }

    /// The run of `schedule` for `period`: the one recorded, or a new one,
    /// due at `due_at`. Two processes asking at once get the same row.
    pub fn schedule_run_for(
        &self,
        schedule: i64,
        period: &str,
        due_at: &str,
    ) -> Result<ScheduleRun> {
        let conn = self.open_catalog()?;
        conn.execute(
            "INSERT OR IGNORE INTO schedule_runs (schedule_id, period, due_at, state, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![schedule, period, due_at, RunState::Due.as_str(), now()],
        )
        .map_err(self.catalog_err("updated"))?;
        conn.query_row(
            &format!(
                "SELECT {RUN_COLUMNS} FROM schedule_runs r JOIN schedules s ON s.id = r.schedule_id
                 WHERE r.schedule_id = ?1 AND r.period = ?2"
            ),
            params![schedule, period],
            run_from,
        )
        .map_err(self.catalog_err("read"))
    }

    /// Runs of schedules in force that are not finished and not waiting
    /// for a reviewer, oldest first: what a scheduler run goes on with.
    pub fn open_schedule_runs(&self) -> Result<Vec<ScheduleRun>> {
        self.schedule_runs_where(
            "s.removed_at IS NULL AND r.state NOT IN ('delivered', 'rejected', 'awaiting_approval')",
            None,
        )
    }

    /// Every run of a client's schedules, newest first.
    pub fn schedule_runs(&self, client: &str) -> Result<Vec<ScheduleRun>> {
        self.client(client)?;
        self.schedule_runs_where("s.client_id = ?1", Some(client))
    }

    fn schedule_runs_where(
        &self,
        condition: &str,
        client: Option<&str>,
    ) -> Result<Vec<ScheduleRun>> {
        let conn = self.open_catalog()?;
        let order = if client.is_some() { "DESC" } else { "ASC" };
        let mut stmt = conn
            .prepare(&format!(
                "SELECT {RUN_COLUMNS} FROM schedule_runs r JOIN schedules s ON s.id = r.schedule_id
                 WHERE {condition} ORDER BY r.id {order}"
            ))
            .map_err(self.catalog_err("read"))?;
        let rows = match client {
            Some(c) => stmt.query_map([c], run_from),
            None => stmt.query_map([], run_from),
        };
        rows.and_then(Iterator::collect)
            .map_err(self.catalog_err("read"))
    }

    /// The scheduled run a report was rendered for, if it was.
    pub fn schedule_run_of_report(
        &self,
        client: &str,
        report_run: i64,
    ) -> Result<Option<ScheduleRun>> {
        let conn = self.open_catalog()?;
        conn.query_row(
            &format!(
                "SELECT {RUN_COLUMNS} FROM schedule_runs r JOIN schedules s ON s.id = r.schedule_id
                 WHERE r.report_run_id = ?1 AND s.client_id = ?2"
            ),
            params![report_run, client],
            run_from,
        )
        .optional()
        .map_err(self.catalog_err("read"))
    }

    /// Claims a scheduled report to work on it, or `None` when another
    /// process holds it. The claim is a lock on a file under
    /// `locks/schedules/` (not a row, which a killed process could not
    /// release).
    pub fn claim_schedule_run(&self, id: i64) -> Result<Option<Claim>> {
        let dir = self.root().join(LOCKS_DIR).join("schedules");
        std::fs::create_dir_all(&dir).map_err(io("cannot create", &dir))?;
        let path: PathBuf = dir.join(format!("run-{id}"));
        let lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(io("cannot open the schedule lock", &path))?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(e)) => {
                return Err(io("cannot take the schedule lock", &path)(e));
            }
        }
        let conn = self.open_catalog()?;
        let run = conn
            .query_row(
                &format!(
                    "SELECT {RUN_COLUMNS} FROM schedule_runs r JOIN schedules s ON s.id = r.schedule_id
                     WHERE r.id = ?1"
                ),
                [id],
                run_from,
            )
            .map_err(self.catalog_err("read"))?;
        Ok(Some(Claim { run, _lock: lock }))
    }

    /// Records where a claimed run is now. A delivery attempt counts when
    /// the state is `Delivering`.
    pub fn update_schedule_run(&self, claim: &mut Claim, change: RunChange<'_>) -> Result<()> {
        let run = &mut claim.run;
        run.state = change.state;
        if let Some(r) = change.report_run_id {
            run.report_run_id = Some(r);
        }
        if change.delivered_to.is_some() {
            run.delivered_to = change.delivered_to.map(str::to_owned);
        }
        run.note = change.note.map(str::to_owned);
        if change.state == RunState::Delivering {
            run.attempts += 1;
        }
        run.updated_at = now();
        let conn = self.open_catalog()?;
        conn.execute(
            "UPDATE schedule_runs SET state = ?2, report_run_id = ?3, delivered_to = ?4, attempts = ?5, note = ?6, updated_at = ?7
             WHERE id = ?1",
            params![
                run.id,
                run.state.as_str(),
                run.report_run_id,
                run.delivered_to,
                run.attempts,
                run.note,
                run.updated_at
            ],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(())
    }
}

/// A change to a claimed scheduled report: its new state, and what to
/// record with it.
#[derive(Debug, Clone, Copy)]
pub struct RunChange<'a> {
    pub state: RunState,
    pub report_run_id: Option<i64>,
    pub delivered_to: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl RunChange<'_> {
    /// Only the state changes (and the note is cleared).
    pub fn to(state: RunState) -> Self {
        RunChange {
            state,
            report_run_id: None,
            delivered_to: None,
            note: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(client: &str) -> ScheduleSpec {
        ScheduleSpec {
            client_id: client.to_owned(),
            every: Every::Month,
            day: 1,
            at: "09:00".to_owned(),
            timezone: "Europe/Bucharest".to_owned(),
            deliver: "/tmp/out".to_owned(),
            mail_from: None,
            mail_to: vec!["a@example.com".to_owned(), "b@example.com".to_owned()],
            html: HtmlMode::Attached,
            wait_hours: 48,
            approval: false,
            language: None,
        }
    }

    #[test]
    fn a_run_is_one_row_per_schedule_and_period_and_one_claim_at_a_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ws = Workspace::init(&dir.path().join("ws"), crate::Settings::default()).expect("init");
        ws.add_client("acme", "Acme").expect("client");
        assert!(matches!(
            ws.add_schedule(&spec("nobody")),
            Err(Error::UnknownClient { .. })
        ));
        let s = ws.add_schedule(&spec("acme")).expect("add");
        assert_eq!(ws.schedules(Some("acme")).expect("list"), vec![s.clone()]);
        assert_eq!(s.spec.mail_to.len(), 2);

        let first = ws
            .schedule_run_for(s.id, "2026-10", "2026-11-01T07:00:00+00:00")
            .expect("run");
        let again = ws
            .schedule_run_for(s.id, "2026-10", "2026-11-01T07:00:00+00:00")
            .expect("run");
        assert_eq!(first.id, again.id);
        assert_eq!(first.state, RunState::Due);

        let mut claim = ws
            .claim_schedule_run(first.id)
            .expect("claim")
            .expect("free");
        // A second claimer (another process, or this one) is refused.
        assert!(ws.claim_schedule_run(first.id).expect("claim").is_none());
        ws.update_schedule_run(&mut claim, RunChange::to(RunState::Delivering))
            .expect("update");
        drop(claim);
        let claim = ws
            .claim_schedule_run(first.id)
            .expect("claim")
            .expect("free");
        assert_eq!(claim.run().state, RunState::Delivering);
        assert_eq!(claim.run().attempts, 1);
        assert_eq!(ws.open_schedule_runs().expect("open").len(), 1);

        let removed = ws.remove_schedule(s.id).expect("remove");
        assert_eq!(removed.id, s.id);
        assert!(ws.schedules(None).expect("list").is_empty());
        assert!(ws.open_schedule_runs().expect("open").is_empty());
        assert_eq!(ws.schedule_runs("acme").expect("runs").len(), 1);
        assert!(matches!(
            ws.remove_schedule(s.id),
            Err(Error::UnknownSchedule { .. })
        ));
    }
}
