//! `rapport user` and `rapport token`: who may use the server.

use std::io::BufRead;

use anyhow::{Context, Result, bail};
use clap::{Subcommand, ValueEnum};
use rapport_app::access;
use rapport_auth::Role;
use rapport_store::Workspace;

use crate::ListFormat;
use crate::output::{self, line, say};

pub(crate) const USER_HELP: &str = "Examples:
  printf '%s\\n' \"$PASSWORD\" | rapport user add boss@agency.example --role admin --password-stdin
  rapport user add ana@agency.example --role analyst --client lumen --client cloudnest --password-stdin
  rapport user add owner@lumen.example --role viewer --client lumen --password-stdin
  rapport user list --format json
  rapport user remove owner@lumen.example

An admin sees and manages everything; an analyst the clients assigned to them; a viewer
one client, read-only, and may answer its reports. Passwords have at least 12 characters
and are stored as argon2id hashes.";

pub(crate) const TOKEN_HELP: &str = "Examples:
  rapport token create ana@agency.example --expires 90d --label \"reporting script\"
  rapport token list
  rapport token revoke 3

The token is printed once; the workspace keeps only its SHA-256 digest. Send it as
`Authorization: Bearer rpt_…` to the server's API.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum RoleArg {
    Admin,
    Analyst,
    Viewer,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Admin => Role::Admin,
            RoleArg::Analyst => Role::Analyst,
            RoleArg::Viewer => Role::Viewer,
        }
    }
}

#[derive(Debug, Subcommand)]
pub(crate) enum UserCommand {
    /// Add a user; the password is read from the first line of stdin.
    #[command(after_help = USER_HELP)]
    Add {
        email: String,
        #[arg(long, value_enum)]
        role: RoleArg,
        /// A client they work on (an analyst: one or more; a viewer: exactly one).
        #[arg(long = "client", value_name = "ID")]
        clients: Vec<String>,
        /// Read the password from stdin (never from an argument, which other
        /// users of the machine can see).
        #[arg(long, required = true)]
        password_stdin: bool,
    },
    /// List the users, their roles and clients.
    #[command(after_help = USER_HELP)]
    List {
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Remove a user; their tokens are revoked.
    #[command(after_help = USER_HELP)]
    Remove { email: String },
}

#[derive(Debug, Subcommand)]
pub(crate) enum TokenCommand {
    /// Make an API token for a user and print it, once.
    #[command(after_help = TOKEN_HELP)]
    Create {
        email: String,
        /// When it stops working: a number of days (`90d`) or a date (`2027-03-01`).
        #[arg(long)]
        expires: Option<String>,
        /// What it is for, to recognise it in `token list`.
        #[arg(long)]
        label: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// List the tokens (never their secrets).
    #[command(after_help = TOKEN_HELP)]
    List {
        /// Only this user's.
        email: Option<String>,
        #[arg(long, value_enum, default_value_t = ListFormat::Table)]
        format: ListFormat,
    },
    /// Revoke a token by its id.
    #[command(after_help = TOKEN_HELP)]
    Revoke { id: i64 },
}

/// The CLI's headings of a list whose columns [`access`] names.
fn columns(names: &[&str]) -> Vec<String> {
    let ids: Vec<String> = names.iter().map(|n| format!("cli-column-{n}")).collect();
    output::head(&ids.iter().map(String::as_str).collect::<Vec<_>>())
}

/// The first line of stdin, without its line ending.
fn password_from_stdin() -> Result<String> {
    let mut text = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut text)
        .context("reading the password from stdin")?;
    let password = text.trim_end_matches(['\n', '\r']).to_owned();
    if password.is_empty() {
        bail!(say("cli-user-no-password", &[]));
    }
    Ok(password)
}

pub(crate) fn user(ws: &Workspace, command: UserCommand) -> Result<()> {
    match command {
        UserCommand::Add {
            email,
            role,
            clients,
            password_stdin: _,
        } => {
            let password = password_from_stdin()?;
            let hash = rapport_auth::hash_password(&password)?;
            let user = ws.add_user(&email, role.into(), &clients, &hash)?;
            ws.audit("cli", "user-added", Some(&user.email), None)?;
            line(&say(
                "cli-user-added",
                &[
                    ("email", user.email.as_str().into()),
                    ("role", user.role.to_string().as_str().into()),
                ],
            ));
            Ok(())
        }
        UserCommand::List { format } => {
            let users = ws.users()?;
            if format == ListFormat::Json {
                return output::json(&users);
            }
            let head = columns(&access::USER_COLUMNS);
            let rows: Vec<Vec<String>> = users
                .iter()
                .map(|u| access::user_row(u, output::locale()).to_vec())
                .collect();
            output::table_aligned(&head, &rows, &[false; access::USER_COLUMNS.len()]);
            Ok(())
        }
        UserCommand::Remove { email } => {
            ws.remove_user(&email)?;
            ws.audit("cli", "user-removed", Some(&email), None)?;
            line(&say(
                "cli-user-removed",
                &[("email", email.as_str().into())],
            ));
            Ok(())
        }
    }
}

pub(crate) fn token(ws: &Workspace, command: TokenCommand) -> Result<()> {
    match command {
        TokenCommand::Create {
            email,
            expires,
            label,
            format,
        } => {
            let now = chrono::Utc::now();
            let expires = expires
                .map(|e| rapport_auth::parse_expiry(&e, now))
                .transpose()?;
            let made = rapport_auth::create_token(ws, &email, label.as_deref(), expires)?;
            ws.audit("cli", "token-created", Some(&made.token.email), None)?;
            if format == ListFormat::Json {
                return output::json(&serde_json::json!({
                    "token": made.token,
                    "secret": made.secret,
                }));
            }
            line(&made.secret);
            line(&say(
                "cli-token-created",
                &[
                    ("id", made.token.id.to_string().as_str().into()),
                    ("email", made.token.email.as_str().into()),
                    (
                        "expires",
                        made.token
                            .expires_at
                            .clone()
                            .unwrap_or_else(|| say("cli-token-never", &[]))
                            .as_str()
                            .into(),
                    ),
                ],
            ));
            Ok(())
        }
        TokenCommand::List { email, format } => {
            let tokens = ws.tokens(email.as_deref())?;
            if format == ListFormat::Json {
                return output::json(&tokens);
            }
            let head = columns(&access::TOKEN_COLUMNS);
            let now = chrono::Utc::now();
            let rows: Vec<Vec<String>> = tokens
                .iter()
                .map(|t| access::token_row(t, now, output::locale()).to_vec())
                .collect();
            let mut right = [false; access::TOKEN_COLUMNS.len()];
            right[0] = true;
            output::table_aligned(&head, &rows, &right);
            Ok(())
        }
        TokenCommand::Revoke { id } => {
            let token = ws.revoke_token(id)?;
            ws.audit("cli", "token-revoked", Some(&token.email), None)?;
            line(&say(
                "cli-token-revoked-now",
                &[
                    ("id", id.to_string().as_str().into()),
                    ("email", token.email.as_str().into()),
                ],
            ));
            Ok(())
        }
    }
}

pub(crate) const AUDIT_HELP: &str = "Examples:
  rapport audit
  rapport audit --limit 500 --format csv > audit.csv
  rapport audit --format json | jq '.[] | select(.action == \"sign-in-failed\")'

Sign-ins and failed sign-ins, changes to people, tokens and schedules, reports made and
downloaded, feedback and uploads, newest first. The server's admins read the same log on
its People page and at GET /api/audit.";

/// `rapport audit`: the newest entries of the audit log.
#[derive(Debug, clap::Args)]
pub(crate) struct AuditArgs {
    /// How many entries, newest first (at most 100000).
    #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..=100_000))]
    limit: u32,
    #[arg(long, value_enum, default_value_t = crate::TableFormat::Table)]
    format: crate::TableFormat,
}

pub(crate) fn audit(ws: &Workspace, a: AuditArgs) -> Result<()> {
    let entries = ws.audit_log(a.limit as usize)?;
    match a.format {
        crate::TableFormat::Json => output::json(&entries),
        crate::TableFormat::Csv => {
            // The catalog's own values, for scripts: times in RFC 3339,
            // actions by their ids.
            let mut w = csv::Writer::from_writer(Vec::new());
            w.write_record(["id", "at", "actor", "action", "target", "source"])?;
            for e in &entries {
                w.write_record([
                    e.id.to_string().as_str(),
                    &e.at,
                    &e.actor,
                    &e.action,
                    e.target.as_deref().unwrap_or(""),
                    e.source.as_deref().unwrap_or(""),
                ])?;
            }
            output::print(&String::from_utf8(w.into_inner()?)?);
            Ok(())
        }
        crate::TableFormat::Table => {
            let rows: Vec<Vec<String>> = entries
                .iter()
                .map(|e| access::audit_row(e, output::locale()).to_vec())
                .collect();
            output::table_aligned(
                &columns(&access::AUDIT_COLUMNS),
                &rows,
                &[false; access::AUDIT_COLUMNS.len()],
            );
            Ok(())
        }
    }
}
