//! Every client's report in one run: what the demo renders, what the
//! report bench times, and what a scheduler will call. One client's
//! failure is reported on its line and does not stop the others.

use chrono::NaiveDate;
use rapport_store::Workspace;

use crate::definition::{self, PeriodType};
use crate::{Made, ReportOptions, Result, make};

/// One client's outcome.
#[derive(Debug)]
pub struct ClientReport {
    pub client: String,
    pub result: Result<Made>,
}

/// Makes the report of every client of the workspace for the last whole
/// period of `kind` before `as_of` in the client's calendar (each client's
/// own definition decides everything else).
pub async fn render_all(
    ws: &Workspace,
    kind: PeriodType,
    as_of: NaiveDate,
) -> Result<Vec<ClientReport>> {
    let clients = ws.clients().map_err(rapport_app::Error::from)?;
    let mut out = Vec::with_capacity(clients.len());
    for c in clients {
        // Each client's own calendar: the last whole Solar Hijri quarter
        // for a client that keeps it.
        let period = crate::last_whole_period(kind, as_of, c.calendar()).to_string();
        let options = ReportOptions {
            client: c.id.clone(),
            period: Some(period),
            as_of,
            compare_with: None,
            language: None,
        };
        let result = make(ws, &options, None, None).await;
        out.push(ClientReport {
            client: c.id,
            result,
        });
    }
    Ok(out)
}

/// The sample agency's name on its reports.
pub const DEMO_AGENCY: &str = "Northwind Digital";

/// Gives each demo client a quarterly definition with the agency's name
/// and the client's own colours, as an agency would after `rapport report
/// init`; a definition already there is kept.
pub fn write_demo_definitions(ws: &Workspace) -> Result<()> {
    let colours = |id: &str| match id {
        "lumen" => ("#2f5d50", "#c0812c"),
        "cloudnest" => ("#1d3f6e", "#3a87c8"),
        _ => ("#5a3e85", "#c2611f"),
    };
    // What each kind of business leads with: the shop keeps the default
    // (and shows what it lacks under data quality); the subscription
    // business has no orders, the groomer no web shop.
    let headline = |id: &str| match id {
        "cloudnest" => {
            Some(r#"headline = ["nps", "ces", "churn_rate", "active_customers", "fcr"]"#)
        }
        "brightpaws" => {
            Some(r#"headline = ["revenue", "csat", "churn_rate", "active_customers", "aov"]"#)
        }
        _ => None,
    };
    // Our users' languages: the groomer in Bucharest reads Romanian, the
    // subscription business's owners in Tehran read Persian.
    let language = |id: &str| match id {
        "brightpaws" => "ro",
        "cloudnest" => "fa",
        _ => "en",
    };
    for c in ws.clients().map_err(rapport_app::Error::from)? {
        let file = ws.reports_dir(&c.id).join(definition::FILE_NAME);
        if file.exists() {
            continue;
        }
        let (primary, accent) = colours(&c.id);
        let text = definition::default_toml(&c.name)
            .replace("period = \"month\"", "period = \"quarter\"")
            .replace(
                "# agency = \"Northwind Agency\"",
                &format!("agency = \"{DEMO_AGENCY}\""),
            )
            .replace(
                &format!(
                    "primary_color = \"{}\"",
                    definition::Branding::default().primary_color
                ),
                &format!("primary_color = \"{primary}\""),
            )
            .replace(
                &format!(
                    "accent_color = \"{}\"",
                    definition::Branding::default().accent_color
                ),
                &format!("accent_color = \"{accent}\""),
            );
        let text = text.replace(
            "language = \"en\"",
            &format!("language = \"{}\"", language(&c.id)),
        );
        let text = match headline(&c.id) {
            Some(line) => {
                text.lines()
                    .map(|l| {
                        if l.starts_with("headline = ") {
                            line
                        } else {
                            l
                        }
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
                    + "\n"
            }
            None => text,
        };
        // Checked like any definition before it is written.
        definition::parse(&text, Some(&file))?;
        rapport_app::write_atomically(&file, text.as_bytes())?;
    }
    Ok(())
}

/// The demo's reports: definitions written, then every client's last
/// whole quarter before `as_of`.
pub async fn demo(ws: &Workspace, as_of: NaiveDate) -> Result<Vec<ClientReport>> {
    write_demo_definitions(ws)?;
    render_all(ws, PeriodType::Quarter, as_of).await
}
