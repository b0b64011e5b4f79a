//! Making and delivering what is due, exactly once.
//!
//! Each schedule's latest due time gives one scheduled report (a row per
//! schedule and period, see `rapport_store`'s schedules module). A run
//! claims each report not finished, then moves it on from the state it
//! finds: due or waiting → (wait for stale sources, up to the schedule's
//! limit) → rendering → awaiting approval, or → delivering → delivered.
//! Each state is recorded before the work it names, so a run killed
//! while rendering renders again, one killed while delivering delivers
//! again (with the same `Message-ID`), and one that finished does
//! nothing. A failure is recorded with its reason and tried again by the
//! next run. Only each schedule's latest period is made: a scheduler
//! that was off for three months sends this month's report, not three.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rapport_app::words::{self, Locale};
use rapport_report::messages::{self, Said};
use rapport_report::quality::{StaleSource, stale_sources};
use rapport_schema::Period;
use rapport_store::{Claim, RunChange, RunState, Schedule, ScheduleRun, Workspace};
use serde::Serialize;

use crate::deliver::{self, Target};
use crate::when::Rule;
use crate::{Error, Result};

/// A run's period the catalog holds but no calendar reads (a hand-edited
/// catalog): said as the period's own error says it.
fn bad_period(e: rapport_schema::InvalidPeriod) -> Error {
    Error::Input {
        field: "period",
        said: Said::new("error-as-is").with("text", e.to_string()),
    }
}

/// What a run did with one scheduled report.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub schedule_id: i64,
    /// The scheduled report's id in the catalog.
    pub schedule_run_id: i64,
    pub client: String,
    pub period: String,
    /// Where it is now.
    pub state: RunState,
    /// The report (its run number in `rapport report list`), once made.
    pub report_run: Option<i64>,
    pub delivered_to: Option<String>,
    /// Sources not loaded since the period ended: waited for, or named in
    /// the report's notice.
    pub stale: Vec<StaleSource>,
    /// Why it failed, or waits.
    pub note: Option<String>,
    /// The step in one sentence.
    pub text: String,
}

/// Makes and delivers every report due by `now` (of one client, or all),
/// calling `on_step` as each is done so long runs show progress.
pub async fn run_due(
    ws: &Workspace,
    now: DateTime<Utc>,
    client: Option<&str>,
    locale: Locale,
    mut on_step: impl FnMut(&Step),
) -> Result<Vec<Step>> {
    let schedules = ws.schedules(client)?;
    let mut ids = BTreeSet::new();
    for s in &schedules {
        // A schedule the catalog holds was checked when added.
        let Ok(rule) = Rule::of(&s.spec, ws.calendar(&s.spec.client_id)?) else {
            continue;
        };
        let due = rule.latest(now);
        let run = ws.schedule_run_for(s.id, &due.period.to_string(), &due.at.to_rfc3339())?;
        ids.insert(run.id);
    }
    for run in ws.open_schedule_runs()? {
        if client.is_none_or(|c| c == run.client_id) {
            ids.insert(run.id);
        }
    }
    let mut steps = Vec::new();
    for id in ids {
        let Some(mut claim) = ws.claim_schedule_run(id)? else {
            let run = ws.open_schedule_runs()?.into_iter().find(|r| r.id == id);
            if let Some(run) = run {
                let step = described(ws, &run, Vec::new(), "schedule-busy", locale);
                on_step(&step);
                steps.push(step);
            }
            continue;
        };
        let state = claim.run().state;
        if state.is_finished() || state == RunState::AwaitingApproval {
            continue;
        }
        let schedule = ws.schedule(claim.run().schedule_id)?;
        let step = advance(ws, &mut claim, &schedule, now, locale).await?;
        on_step(&step);
        steps.push(step);
    }
    Ok(steps)
}

/// Moves one claimed report on as far as it goes now. A failure of the
/// report or its delivery is recorded and returned as a failed step;
/// only the catalog failing is an error.
async fn advance(
    ws: &Workspace,
    claim: &mut Claim,
    schedule: &Schedule,
    now: DateTime<Utc>,
    locale: Locale,
) -> Result<Step> {
    match try_advance(ws, claim, schedule, now, locale).await {
        Ok(step) => Ok(step),
        Err(e @ Error::App(_)) if e.kind() == rapport_app::ErrorKind::Internal => Err(e),
        Err(e) => failed(ws, claim, &e, locale),
    }
}

async fn try_advance(
    ws: &Workspace,
    claim: &mut Claim,
    schedule: &Schedule,
    now: DateTime<Utc>,
    locale: Locale,
) -> Result<Step> {
    let spec = &schedule.spec;
    let calendar = ws.calendar(&spec.client_id)?;
    let rule = Rule::of(spec, calendar)?;
    let target = Target::of(spec)?;
    let run = claim.run().clone();
    let rendered = match (run.state, run.report_run_id) {
        (RunState::Approved | RunState::Delivering, _) => true,
        // A failed delivery keeps its report; a failed rendering has none.
        (RunState::Failed, Some(_)) => true,
        _ => false,
    };
    let period: Period = calendar.period(&run.period).map_err(bad_period)?;
    let stale = stale_sources(ws, &run.client_id, &period, locale)?;
    if !rendered {
        let due_at = DateTime::parse_from_rfc3339(&run.due_at)
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or(now);
        let until = due_at + chrono::Duration::hours(i64::from(spec.wait_hours));
        if !stale.is_empty() && now < until {
            let local = until.with_timezone(&rule.tz());
            // The catalog's note is for the record; the step is written
            // in the reader's language and the client's calendar.
            let note = format!("waiting until {}", local.format("%Y-%m-%d %H:%M %Z"));
            let until_text = words::moment(
                local.naive_local(),
                &local.format("%Z").to_string(),
                calendar,
                locale,
            );
            ws.update_schedule_run(
                claim,
                RunChange {
                    note: Some(&note),
                    ..RunChange::to(RunState::Waiting)
                },
            )?;
            return Ok(described_with(
                ws,
                claim.run(),
                stale,
                "schedule-waiting",
                &[("until", until_text.into())],
                locale,
            ));
        }
        ws.update_schedule_run(claim, RunChange::to(RunState::Rendering))?;
        let options = rapport_report::ReportOptions {
            client: run.client_id.clone(),
            period: Some(run.period.clone()),
            as_of: now.with_timezone(&rule.tz()).date_naive(),
            compare_with: None,
            language: spec.language.clone(),
        };
        let made = rapport_report::make(ws, &options, None, None).await?;
        if let Some(id) = made.report.run {
            ws.update_schedule_run(
                claim,
                RunChange {
                    report_run_id: Some(id),
                    ..RunChange::to(RunState::Rendering)
                },
            )?;
        }
        if spec.approval {
            ws.update_schedule_run(claim, RunChange::to(RunState::AwaitingApproval))?;
            return Ok(described(
                ws,
                claim.run(),
                stale,
                "schedule-awaiting-approval",
                locale,
            ));
        }
    }
    deliver_claimed(ws, claim, &target, stale, locale)
}

/// Delivers a claimed report whose files are written.
fn deliver_claimed(
    ws: &Workspace,
    claim: &mut Claim,
    target: &Target,
    stale: Vec<StaleSource>,
    locale: Locale,
) -> Result<Step> {
    let run = claim.run().clone();
    let report_run = run.report_run_id.ok_or_else(|| Error::Input {
        field: "report",
        said: Said::new("error-schedule-not-rendered"),
    })?;
    let dir = ws
        .report_runs(&run.client_id)?
        .into_iter()
        .find(|r| r.id == report_run)
        .and_then(|r| r.dir)
        .ok_or_else(|| Error::Input {
            field: "report",
            said: Said::new("error-schedule-no-files").with("run", report_run.to_string()),
        })?;
    let dir = ws.root().join(dir);
    let report = deliver::read_report(&dir)?;
    ws.update_schedule_run(claim, RunChange::to(RunState::Delivering))?;
    let message_id = message_id(&run, target);
    let to = deliver::deliver(target, &report, &dir, &message_id)?;
    ws.update_schedule_run(
        claim,
        RunChange {
            delivered_to: Some(&to),
            ..RunChange::to(RunState::Delivered)
        },
    )?;
    let id = if stale.is_empty() {
        "schedule-delivered"
    } else {
        "schedule-delivered-stale"
    };
    Ok(described(ws, claim.run(), stale, id, locale))
}

/// Records that a claimed report failed, and why; the next run tries again.
fn failed(ws: &Workspace, claim: &mut Claim, e: &Error, locale: Locale) -> Result<Step> {
    let reason = e.to_string();
    ws.update_schedule_run(
        claim,
        RunChange {
            note: Some(&reason),
            ..RunChange::to(RunState::Failed)
        },
    )?;
    Ok(described(
        ws,
        claim.run(),
        Vec::new(),
        "schedule-failed",
        locale,
    ))
}

/// One `Message-ID` per scheduled report, whatever run sends it.
fn message_id(run: &ScheduleRun, target: &Target) -> String {
    let domain = match target {
        Target::Mail(m) => m.from.email.domain().to_owned(),
        Target::Folder(_) => "localhost".to_owned(),
    };
    format!(
        "<rapport.{}.{}.{}@{domain}>",
        run.client_id, run.period, run.id
    )
}

fn client_name(ws: &Workspace, client: &str) -> String {
    ws.client(client)
        .map_or_else(|_| client.to_owned(), |c| c.name)
}

fn sources_text(stale: &[StaleSource], locale: Locale) -> String {
    let names: Vec<String> = stale
        .iter()
        .map(|s| {
            format!(
                "{} ({})",
                s.name,
                s.last_loaded.get(..10).unwrap_or(&s.last_loaded)
            )
        })
        .collect();
    words::list_cut(&names, 4, locale)
}

/// A step for `run`, worded by message `id`.
fn described(
    ws: &Workspace,
    run: &ScheduleRun,
    stale: Vec<StaleSource>,
    id: &str,
    locale: Locale,
) -> Step {
    described_with(ws, run, stale, id, &[], locale)
}

/// A step worded by a message that needs more than the run's facts.
fn described_with(
    ws: &Workspace,
    run: &ScheduleRun,
    stale: Vec<StaleSource>,
    id: &str,
    extra: &[(&str, messages::Arg)],
    locale: Locale,
) -> Step {
    let calendar = ws.calendar(&run.client_id).unwrap_or_default();
    let period = calendar
        .period(&run.period)
        .map_or_else(|_| run.period.clone(), |p| words::period_name(&p, locale));
    let mut args: Vec<(&str, messages::Arg)> = vec![
        ("client", client_name(ws, &run.client_id).into()),
        ("client-id", run.client_id.as_str().into()),
        ("period", period.into()),
        (
            "run",
            run.report_run_id.unwrap_or_default().to_string().into(),
        ),
        ("to", run.delivered_to.clone().unwrap_or_default().into()),
        (
            "reason",
            run.note
                .as_deref()
                .unwrap_or_default()
                .trim_end_matches('.')
                .into(),
        ),
        ("sources", sources_text(&stale, locale).into()),
        ("count", stale.len().into()),
    ];
    args.extend(extra.iter().cloned());
    let text = messages::text(locale, id, &args);
    Step {
        schedule_id: run.schedule_id,
        schedule_run_id: run.id,
        client: run.client_id.clone(),
        period: run.period.clone(),
        state: run.state,
        report_run: run.report_run_id,
        delivered_to: run.delivered_to.clone(),
        stale,
        note: run.note.clone(),
        text,
    }
}

/// Claims the scheduled report behind `report_run`, which must wait for
/// approval.
fn awaiting(ws: &Workspace, client: &str, report_run: i64) -> Result<(Claim, Schedule)> {
    let run = ws
        .schedule_run_of_report(client, report_run)?
        .ok_or_else(|| Error::NotScheduled {
            client: client.to_owned(),
            run: report_run,
        })?;
    let claim = ws.claim_schedule_run(run.id)?.ok_or_else(|| Error::Busy {
        client: client.to_owned(),
        run: report_run,
    })?;
    if claim.run().state != RunState::AwaitingApproval {
        return Err(Error::NotAwaitingApproval {
            client: client.to_owned(),
            run: report_run,
            state: claim.run().state,
        });
    }
    let schedule = ws.schedule(run.schedule_id)?;
    Ok((claim, schedule))
}

/// Approves a scheduled report that waits for it, and delivers it now. If
/// delivery fails, the report stays approved and the next `schedule run`
/// delivers it.
pub fn approve(ws: &Workspace, client: &str, report_run: i64, locale: Locale) -> Result<Step> {
    let (mut claim, schedule) = awaiting(ws, client, report_run)?;
    ws.update_schedule_run(&mut claim, RunChange::to(RunState::Approved))?;
    let target = Target::of(&schedule.spec)?;
    let period: Period = ws
        .calendar(client)?
        .period(&claim.run().period)
        .map_err(bad_period)?;
    let stale = stale_sources(ws, client, &period, locale)?;
    match deliver_claimed(ws, &mut claim, &target, stale, locale) {
        Ok(step) => Ok(step),
        Err(e) => failed(ws, &mut claim, &e, locale),
    }
}

/// Rejects a scheduled report that waits for approval: it is never sent.
pub fn reject(
    ws: &Workspace,
    client: &str,
    report_run: i64,
    reason: Option<&str>,
    locale: Locale,
) -> Result<Step> {
    let (mut claim, _) = awaiting(ws, client, report_run)?;
    ws.update_schedule_run(
        &mut claim,
        RunChange {
            note: reason,
            ..RunChange::to(RunState::Rejected)
        },
    )?;
    Ok(described(
        ws,
        claim.run(),
        Vec::new(),
        "schedule-rejected",
        locale,
    ))
}
