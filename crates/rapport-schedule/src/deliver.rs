//! Where a scheduled report goes: a folder, or e-mail over SMTP.
//!
//! A folder gets `CLIENT/PERIOD/report.{pdf,html,json}`, replaced whole
//! (written beside it and renamed), so a reader of the folder never sees
//! half a report. An e-mail carries the PDF as an attachment and the HTML
//! either as the body or as a second attachment, with the report's
//! summary and notices as the text a mail client previews. Its
//! `Message-ID` is fixed per scheduled report, so if a run is killed
//! after the server accepted the message but before the catalog recorded
//! it, the one resent by the next run is recognised by mail systems as
//! the same message.
//!
//! SMTP URLs: `smtp://host:port` (plain, for a relay on a private network
//! or a test sink), `smtp://host:587?tls=required` (STARTTLS) and
//! `smtps://host:465` (TLS from the start); with a user name
//! (`smtps://user@host`), the password is read from `RAPPORT_SMTP_PASSWORD`
//! when the report is sent, never stored in the catalog.

use std::path::{Path, PathBuf};
use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};
use rapport_app::words::Locale;
use rapport_report::Report;
use rapport_report::messages::{self, Said};
use rapport_store::{HtmlMode, ScheduleSpec};

use crate::{Error, Result};

/// The environment variable an SMTP password is read from.
pub const PASSWORD_VARIABLE: &str = "RAPPORT_SMTP_PASSWORD";

/// How long an SMTP conversation may stall before delivery fails (and is
/// tried again by the next run).
const SMTP_TIMEOUT: Duration = Duration::from_secs(60);

/// Where a schedule delivers.
#[derive(Debug, Clone)]
pub enum Target {
    Folder(PathBuf),
    Mail(Mail),
}

/// An e-mail delivery.
#[derive(Debug, Clone)]
pub struct Mail {
    pub server: url::Url,
    pub from: Mailbox,
    pub to: Vec<Mailbox>,
    pub html: HtmlMode,
}

/// `deliver` is not a URL a mail server can be reached at.
fn not_a_url(deliver: &str, e: &dyn std::fmt::Display) -> Said {
    Said::new("error-schedule-not-a-url")
        .with("deliver", deliver)
        .with("reason", e.to_string())
}

fn input(field: &'static str, said: Said) -> Error {
    Error::Input { field, said }
}

impl Target {
    /// The target a schedule names, checked: a folder, or an SMTP URL
    /// with a sender and at least one recipient.
    pub fn of(spec: &ScheduleSpec) -> Result<Target> {
        let deliver = spec.deliver.trim();
        if deliver.is_empty() {
            return Err(input("deliver", Said::new("error-schedule-no-target")));
        }
        let Some((scheme, _)) = deliver.split_once("://") else {
            return Ok(Target::Folder(PathBuf::from(deliver)));
        };
        if scheme != "smtp" && scheme != "smtps" {
            return Err(input(
                "deliver",
                Said::new("error-schedule-scheme")
                    .with("deliver", deliver)
                    .with("scheme", scheme),
            ));
        }
        let server =
            url::Url::parse(deliver).map_err(|e| input("deliver", not_a_url(deliver, &e)))?;
        if server.host_str().is_none_or(str::is_empty) {
            return Err(input(
                "deliver",
                Said::new("error-schedule-no-host").with("deliver", deliver),
            ));
        }
        if server.password().is_some() {
            let mut shown = server.clone();
            let _ = shown.set_password(None);
            return Err(input(
                "deliver",
                Said::new("error-schedule-password")
                    .with("deliver", shown.to_string())
                    .with("variable", PASSWORD_VARIABLE),
            ));
        }
        SmtpTransport::from_url(deliver).map_err(|e| input("deliver", not_a_url(deliver, &e)))?;
        let mailbox = |field: &'static str, s: &str| -> Result<Mailbox> {
            s.trim().parse::<Mailbox>().map_err(|e| {
                input(
                    field,
                    Said::new("error-schedule-address")
                        .with("address", s)
                        .with("reason", e.to_string()),
                )
            })
        };
        let from = match &spec.mail_from {
            Some(f) => mailbox("from", f)?,
            None => {
                return Err(input("from", Said::new("error-schedule-no-sender")));
            }
        };
        if spec.mail_to.is_empty() {
            return Err(input("to", Said::new("error-schedule-no-recipient")));
        }
        let to = spec
            .mail_to
            .iter()
            .map(|t| mailbox("to", t))
            .collect::<Result<_>>()?;
        Ok(Target::Mail(Mail {
            server,
            from,
            to,
            html: spec.html,
        }))
    }
}

/// The files of a written report.
fn report_files(dir: &Path) -> [(&'static str, PathBuf); 3] {
    ["report.pdf", "report.html", "report.json"].map(|name| (name, dir.join(name)))
}

fn read(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|source| Error::Io {
        action: "cannot read the report file",
        path: path.to_owned(),
        source,
    })
}

/// Reads a written report's `report.json`.
pub fn read_report(dir: &Path) -> Result<Report> {
    let path = dir.join("report.json");
    serde_json::from_slice(&read(&path)?).map_err(|e| Error::Io {
        action: "cannot read the report",
        path,
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, e),
    })
}

/// Delivers the report written in `dir`; returns where it went, as a
/// reader of the archive should see it.
pub fn deliver(target: &Target, report: &Report, dir: &Path, message_id: &str) -> Result<String> {
    match target {
        Target::Folder(folder) => to_folder(folder, report, dir),
        Target::Mail(mail) => by_mail(mail, report, dir, message_id),
    }
}

fn to_folder(folder: &Path, report: &Report, dir: &Path) -> Result<String> {
    let client_dir = folder.join(&report.client);
    let dest = client_dir.join(&report.period.label);
    let staging = client_dir.join(format!(
        ".{}.partial-{}",
        report.period.label,
        std::process::id()
    ));
    let io = |action: &'static str, path: &Path| {
        let path = path.to_owned();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    };
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging).map_err(io("cannot create", &staging))?;
    for (name, from) in report_files(dir) {
        std::fs::copy(&from, staging.join(name)).map_err(io("cannot copy", &from))?;
    }
    if dest.exists() {
        std::fs::remove_dir_all(&dest).map_err(io("cannot replace", &dest))?;
    }
    std::fs::rename(&staging, &dest).map_err(io("cannot move into place", &dest))?;
    Ok(dest.display().to_string())
}

fn escape_html(s: &str) -> String {
    minijinja::HtmlEscape(s).to_string()
}

/// The words of the message: its subject, and the body as paragraphs
/// (each a list of lines).
fn wording(report: &Report, html: HtmlMode) -> (String, Vec<Vec<String>>) {
    let locale: Locale = report.language.parse().unwrap_or(Locale::En);
    let period = report.period.name.as_str();
    let subject = messages::text(
        locale,
        "mail-subject",
        &[
            ("client", report.client_name.as_str().into()),
            ("title", report.title.as_str().into()),
            ("period", period.into()),
        ],
    );
    let intro = match html {
        HtmlMode::Inline => "mail-intro-inline",
        HtmlMode::Attached => "mail-intro-attached",
    };
    let mut paragraphs = vec![vec![messages::text(
        locale,
        intro,
        &[("period", period.into())],
    )]];
    if !report.notices.is_empty() {
        let mut p = vec![messages::label(locale, "mail-notices")];
        p.extend(report.notices.iter().cloned());
        paragraphs.push(p);
    }
    if !report.summary.is_empty() {
        let mut p = vec![messages::label(locale, "mail-summary")];
        p.extend(report.summary.iter().cloned());
        paragraphs.push(p);
    }
    let mut last = vec![messages::label(locale, "mail-sign-off")];
    last.extend(report.agency.iter().cloned());
    paragraphs.push(last);
    (subject, paragraphs)
}

/// The message a scheduled report goes out in.
pub fn message(mail: &Mail, report: &Report, dir: &Path, message_id: &str) -> Result<Message> {
    let [(_, pdf_path), (_, html_path), _] = report_files(dir);
    let pdf = read(&pdf_path)?;
    let page = String::from_utf8_lossy(&read(&html_path)?).into_owned();
    let (subject, paragraphs) = wording(report, mail.html);
    let text: String = paragraphs
        .iter()
        .map(|p| p.join("\n"))
        .collect::<Vec<_>>()
        .join("\n\n");
    let name = format!("{}-{}", report.client, report.period.label);
    let html_body = match mail.html {
        HtmlMode::Inline => page.clone(),
        HtmlMode::Attached => {
            let body: String = paragraphs
                .iter()
                .map(|p| {
                    let lines: Vec<String> = p.iter().map(|l| escape_html(l)).collect();
                    format!("<p>{}</p>", lines.join("<br>"))
                })
                .collect();
            format!(
                "<!doctype html><html lang=\"{}\"><body style=\"font-family: sans-serif; line-height: 1.5; max-width: 40em\">{body}</body></html>",
                escape_html(&report.language)
            )
        }
    };
    let mut mixed = MultiPart::mixed()
        .multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::plain(text))
                .singlepart(SinglePart::html(html_body)),
        )
        .singlepart(
            Attachment::new(format!("{name}.pdf")).body(pdf, content_type("application/pdf")),
        );
    if mail.html == HtmlMode::Attached {
        mixed = mixed.singlepart(
            Attachment::new(format!("{name}.html"))
                .body(page, content_type("text/html; charset=utf-8")),
        );
    }
    let mut builder = Message::builder()
        .from(mail.from.clone())
        .subject(subject)
        .message_id(Some(message_id.to_owned()));
    for to in &mail.to {
        builder = builder.to(to.clone());
    }
    builder.multipart(mixed).map_err(|e| Error::Mail {
        server: mail.server.to_string(),
        message: e.to_string(),
    })
}

fn content_type(s: &str) -> ContentType {
    ContentType::parse(s).unwrap_or(ContentType::TEXT_PLAIN)
}

fn by_mail(mail: &Mail, report: &Report, dir: &Path, message_id: &str) -> Result<String> {
    let message = message(mail, report, dir, message_id)?;
    let server = mail.server.to_string();
    let failed = |message: String| Error::Mail {
        server: server.clone(),
        message,
    };
    let mut builder = SmtpTransport::from_url(mail.server.as_str())
        .map_err(|e| failed(e.to_string()))?
        .timeout(Some(SMTP_TIMEOUT));
    let user = mail.server.username();
    if !user.is_empty() {
        let password = std::env::var(PASSWORD_VARIABLE).map_err(|_| {
            failed(format!(
                "the server wants user `{user}`'s password: set {PASSWORD_VARIABLE}"
            ))
        })?;
        builder = builder.credentials(Credentials::new(user.to_owned(), password));
    }
    builder
        .build()
        .send(&message)
        .map_err(|e| failed(e.to_string()))?;
    let to: Vec<String> = mail.to.iter().map(|m| m.email.to_string()).collect();
    Ok(to.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(deliver: &str, from: Option<&str>, to: &[&str]) -> ScheduleSpec {
        ScheduleSpec {
            client_id: "acme".to_owned(),
            every: rapport_store::Every::Month,
            day: 1,
            at: "08:00".to_owned(),
            timezone: "UTC".to_owned(),
            deliver: deliver.to_owned(),
            mail_from: from.map(str::to_owned),
            mail_to: to.iter().map(|s| (*s).to_owned()).collect(),
            html: HtmlMode::Attached,
            wait_hours: 0,
            approval: false,
            language: None,
        }
    }

    #[test]
    fn targets_are_checked_and_name_the_option_at_fault() {
        assert!(matches!(
            Target::of(&spec("/srv/reports", None, &[])),
            Ok(Target::Folder(_))
        ));
        let mail = Target::of(&spec(
            "smtp://127.0.0.1:2525",
            Some("Northwind <reports@northwind.example>"),
            &["ana@lumen.example"],
        ));
        assert!(matches!(mail, Ok(Target::Mail(m)) if m.to.len() == 1));
        for (s, field) in [
            (spec("ftp://host/x", None, &[]), "deliver"),
            (
                spec(
                    "smtp://user:secret@host",
                    Some("a@b.example"),
                    &["c@d.example"],
                ),
                "deliver",
            ),
            (spec("smtp://host", None, &["c@d.example"]), "from"),
            (spec("smtp://host", Some("a@b.example"), &[]), "to"),
            (
                spec("smtp://host", Some("a@b.example"), &["not an address"]),
                "to",
            ),
        ] {
            match Target::of(&s) {
                Err(Error::Input { field: f, said }) => {
                    assert_eq!(f, field, "{said}");
                    assert!(!said.to_string().contains(":secret@"), "{said}");
                }
                other => panic!("{field}: {other:?}"),
            }
        }
    }
}
