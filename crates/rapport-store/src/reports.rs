//! The report archive and the client's feedback, in the catalog: every
//! report made is a run (when, for which period, where its files are, and
//! whether it was written or why not), and a rating with a comment on a
//! run waits until a later report answers it.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::{Error, Result, Workspace};

/// What became of a report run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Begun, not finished: a run that stays here was interrupted.
    Rendering,
    /// Written to its folder.
    Written,
    /// It failed; the note says why.
    Failed,
}

impl RunStatus {
    /// The status as stored and as the JSON writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            RunStatus::Rendering => "rendering",
            RunStatus::Written => "written",
            RunStatus::Failed => "failed",
        }
    }

    fn parse(s: &str) -> RunStatus {
        match s {
            "written" => RunStatus::Written,
            "failed" => RunStatus::Failed,
            _ => RunStatus::Rendering,
        }
    }
}

/// One report made for a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportRun {
    pub id: i64,
    pub client_id: String,
    pub period: String,
    pub as_of: String,
    pub started_at: String,
    pub finished_at: Option<String>,
    pub status: RunStatus,
    /// The folder of its files.
    pub dir: Option<String>,
    /// Why it failed, or what else a reader should know.
    pub note: Option<String>,
}

/// A client's rating of a report, and its comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub id: i64,
    pub client_id: String,
    pub report_run_id: i64,
    /// The period of the report it is about.
    pub period: String,
    pub rating: i64,
    pub comment: Option<String>,
    pub given_at: String,
    /// The run of the report that answered it.
    pub answered_in: Option<i64>,
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339()
}

impl Workspace {
    /// Records that a report for `period` as of `as_of` begins; its id
    /// names the report.
    pub fn begin_report_run(&self, client: &str, period: &str, as_of: &str) -> Result<ReportRun> {
        self.client(client)?;
        let conn = self.open_catalog()?;
        let started_at = now();
        conn.execute(
            "INSERT INTO report_runs (client_id, period, as_of, started_at, status) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![client, period, as_of, started_at, RunStatus::Rendering.as_str()],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(ReportRun {
            id: conn.last_insert_rowid(),
            client_id: client.to_owned(),
            period: period.to_owned(),
            as_of: as_of.to_owned(),
            started_at,
            finished_at: None,
            status: RunStatus::Rendering,
            dir: None,
            note: None,
        })
    }

    /// Records how a run ended: written to `dir`, or failed with `note`.
    /// Feedback the run answered is marked answered in the same
    /// transaction, so it is answered once and only by a report written.
    pub fn finish_report_run(
        &self,
        run: i64,
        status: RunStatus,
        dir: Option<&str>,
        note: Option<&str>,
        answered: &[i64],
    ) -> Result<()> {
        let mut conn = self.open_catalog()?;
        let tx = conn.transaction().map_err(self.catalog_err("updated"))?;
        tx.execute(
            "UPDATE report_runs SET status = ?2, finished_at = ?3, dir = ?4, note = ?5 WHERE id = ?1",
            params![run, status.as_str(), now(), dir, note],
        )
        .map_err(self.catalog_err("updated"))?;
        if status == RunStatus::Written {
            for id in answered {
                tx.execute(
                    "UPDATE feedback SET answered_in = ?2 WHERE id = ?1 AND answered_in IS NULL",
                    params![id, run],
                )
                .map_err(self.catalog_err("updated"))?;
            }
        }
        tx.commit().map_err(self.catalog_err("updated"))
    }

    /// A client's report runs, newest first.
    pub fn report_runs(&self, client: &str) -> Result<Vec<ReportRun>> {
        self.client(client)?;
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare(
                "SELECT id, client_id, period, as_of, started_at, finished_at, status, dir, note
                 FROM report_runs WHERE client_id = ?1 ORDER BY id DESC",
            )
            .map_err(self.catalog_err("read"))?;
        stmt.query_map([client], |r| {
            Ok(ReportRun {
                id: r.get(0)?,
                client_id: r.get(1)?,
                period: r.get(2)?,
                as_of: r.get(3)?,
                started_at: r.get(4)?,
                finished_at: r.get(5)?,
                status: RunStatus::parse(&r.get::<_, String>(6)?),
                dir: r.get(7)?,
                note: r.get(8)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(self.catalog_err("read"))
    }

    /// Records a client's rating (1–5) and comment on one of its reports.
    pub fn add_feedback(
        &self,
        client: &str,
        run: i64,
        rating: i64,
        comment: Option<&str>,
    ) -> Result<Feedback> {
        self.client(client)?;
        if !(1..=5).contains(&rating) {
            return Err(Error::InvalidRating { rating });
        }
        let conn = self.open_catalog()?;
        let period: Option<String> = conn
            .query_row(
                "SELECT period FROM report_runs WHERE id = ?1 AND client_id = ?2",
                params![run, client],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.catalog_err("read"))?;
        let Some(period) = period else {
            return Err(Error::UnknownReport {
                client: client.to_owned(),
                run,
            });
        };
        let given_at = now();
        let comment = comment.map(str::trim).filter(|c| !c.is_empty());
        conn.execute(
            "INSERT INTO feedback (client_id, report_run_id, rating, comment, given_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![client, run, rating, comment, given_at],
        )
        .map_err(self.catalog_err("updated"))?;
        Ok(Feedback {
            id: conn.last_insert_rowid(),
            client_id: client.to_owned(),
            report_run_id: run,
            period,
            rating,
            comment: comment.map(str::to_owned),
            given_at,
            answered_in: None,
        })
    }

    /// A client's feedback, oldest first.
    pub fn feedback(&self, client: &str) -> Result<Vec<Feedback>> {
        self.client(client)?;
        let conn = self.open_catalog()?;
        let mut stmt = conn
            .prepare(
                "SELECT f.id, f.client_id, f.report_run_id, r.period, f.rating, f.comment, f.given_at, f.answered_in
                 FROM feedback f JOIN report_runs r ON r.id = f.report_run_id
                 WHERE f.client_id = ?1 ORDER BY f.id",
            )
            .map_err(self.catalog_err("read"))?;
        stmt.query_map([client], |r| {
            Ok(Feedback {
                id: r.get(0)?,
                client_id: r.get(1)?,
                report_run_id: r.get(2)?,
                period: r.get(3)?,
                rating: r.get(4)?,
                comment: r.get(5)?,
                given_at: r.get(6)?,
                answered_in: r.get(7)?,
            })
        })
        .and_then(Iterator::collect)
        .map_err(self.catalog_err("read"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feedback_is_kept_per_run_and_answered_once_by_a_written_report() {
        let dir = tempfile::tempdir().expect("temp dir");
        let ws = Workspace::init(&dir.path().join("ws"), crate::Settings::default()).expect("init");
        ws.add_client("acme", "Acme").expect("client");
        ws.add_client("beta", "Beta").expect("client");
        let q2 = ws
            .begin_report_run("acme", "2026-Q2", "2026-07-01")
            .expect("run");
        ws.finish_report_run(
            q2.id,
            RunStatus::Written,
            Some("reports/acme/2026-Q2"),
            None,
            &[],
        )
        .expect("finish");
        let f = ws
            .add_feedback("acme", q2.id, 3, Some("  Show revenue by channel  "))
            .expect("feedback");
        assert_eq!(f.comment.as_deref(), Some("Show revenue by channel"));
        assert!(matches!(
            ws.add_feedback("acme", q2.id, 6, None),
            Err(Error::InvalidRating { rating: 6 })
        ));
        // Another client's report cannot be rated.
        assert!(matches!(
            ws.add_feedback("beta", q2.id, 4, None),
            Err(Error::UnknownReport { .. })
        ));
        // A failed run answers nothing; a written one answers once.
        let failed = ws
            .begin_report_run("acme", "2026-Q3", "2026-10-01")
            .expect("run");
        ws.finish_report_run(
            failed.id,
            RunStatus::Failed,
            None,
            Some("disk full"),
            &[f.id],
        )
        .expect("finish");
        assert_eq!(ws.feedback("acme").expect("list")[0].answered_in, None);
        let q3 = ws
            .begin_report_run("acme", "2026-Q3", "2026-10-01")
            .expect("run");
        ws.finish_report_run(q3.id, RunStatus::Written, Some("x"), None, &[f.id])
            .expect("finish");
        let later = ws
            .begin_report_run("acme", "2026-Q4", "2027-01-01")
            .expect("run");
        ws.finish_report_run(later.id, RunStatus::Written, Some("y"), None, &[f.id])
            .expect("finish");
        let list = ws.feedback("acme").expect("list");
        assert_eq!(list[0].answered_in, Some(q3.id));
        assert_eq!(list[0].period, "2026-Q2");
        let runs = ws.report_runs("acme").expect("runs");
        assert_eq!(runs.len(), 4);
        assert_eq!(runs[0].id, later.id);
        assert_eq!(runs[2].status, RunStatus::Failed);
        assert_eq!(runs[2].note.as_deref(), Some("disk full"));
    }
}
