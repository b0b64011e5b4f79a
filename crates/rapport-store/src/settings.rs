//! `rapport.toml`: what marks a directory as a workspace, and its settings.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The on-disk format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// The contents of `rapport.toml`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct WorkspaceFile {
    pub rapport: Marker,
    #[serde(default)]
    pub settings: Settings,
}

/// The `[rapport]` table that marks a Rapport workspace.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Marker {
    /// Workspace format version; a newer one is refused rather than misread.
    pub format: u32,
}

/// Workspace-wide settings. Metric definitions that have a setting in
/// `shared/METRICS.md` read it from here.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// IANA time zone that periods ("2026-10") and naive source times are
    /// read in.
    pub timezone: String,
    /// Reporting currency (ISO 4217).
    pub currency: String,
    /// Non-contractual churn: a customer is active while their last order is
    /// at most this many days old (METRICS.md, "Churn rate").
    pub inactivity_days: u32,
    /// Sessionisation gap in minutes when the data has no session id
    /// (METRICS.md, "Sessions").
    pub session_timeout_minutes: u32,
    /// Engaged-session duration threshold in seconds, 10–60 (GA4 rule).
    pub engaged_session_seconds: u32,
    /// `local` (embedded DataFusion) or `ballista://host:port`.
    pub engine: String,
    /// The address clients reach the agency's Rapport server at
    /// (`https://reports.agency.example`); when set, each report links to
    /// its feedback form there.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub public_url: Option<String>,
    /// The language the CLI writes in for this workspace (`en`, `ro`,
    /// `zh-Hans`, `fa`) when neither `--lang` nor `RAPPORT_LANG` says
    /// otherwise. A report's language is its definition's, not this.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<rapport_locale::Locale>,
    /// `[settings.storage]`: the S3-compatible bucket a cluster's executors
    /// read the data files from, when they do not share this folder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub storage: Option<crate::Storage>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            timezone: "UTC".to_owned(),
            currency: "EUR".to_owned(),
            inactivity_days: 90,
            session_timeout_minutes: 30,
            engaged_session_seconds: 10,
            engine: "local".to_owned(),
            public_url: None,
            language: None,
            storage: None,
        }
    }
}

impl Settings {
    /// The configured time zone.
    pub fn tz(&self) -> chrono_tz::Tz {
        // `validate` ran when the file was read, so the name parses.
        self.timezone.parse().unwrap_or(chrono_tz::UTC)
    }

    pub(crate) fn validate(&self, path: &Path) -> Result<()> {
        let bad = |message: String| Error::Settings {
            path: path.to_owned(),
            message,
        };
        if self.timezone.parse::<chrono_tz::Tz>().is_err() {
            return Err(bad(format!(
                "timezone `{}` is not an IANA time zone name (for example `Europe/Bucharest` or `UTC`)",
                self.timezone
            )));
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            return Err(bad(format!(
                "currency `{}` is not a three-letter ISO 4217 code such as `EUR`",
                self.currency
            )));
        }
        if !(10..=60).contains(&self.engaged_session_seconds) {
            return Err(bad(format!(
                "engaged_session_seconds is {}, but GA4's rule allows 10 to 60",
                self.engaged_session_seconds
            )));
        }
        if self.inactivity_days == 0 || self.session_timeout_minutes == 0 {
            return Err(bad(
                "inactivity_days and session_timeout_minutes must be positive".into(),
            ));
        }
        if self.engine != "local" && !self.engine.starts_with("ballista://") {
            return Err(bad(format!(
                "engine `{}` is neither `local` nor `ballista://host:port`",
                self.engine
            )));
        }
        if let Some(problem) = self.storage.as_ref().and_then(crate::Storage::problem) {
            return Err(bad(problem));
        }
        if let Some(url) = &self.public_url
            && !public_url_is_valid(url)
        {
            return Err(bad(format!(
                "public_url `{url}` is not an address like `https://reports.agency.example` (http or https, a host, no query)"
            )));
        }
        Ok(())
    }

    /// The feedback form of a report run, when the workspace has a public
    /// address (the server serves it).
    pub fn feedback_url(&self, client: &str, run: i64) -> Option<String> {
        self.public_url.as_ref().map(|base| {
            format!(
                "{}/clients/{client}/reports/{run}/feedback",
                base.trim_end_matches('/')
            )
        })
    }
}

/// An http(s) address with a host and no query, fragment or spaces.
fn public_url_is_valid(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    let host = rest.split('/').next().unwrap_or("");
    !host.is_empty()
        && !rest
            .chars()
            .any(|c| c.is_whitespace() || matches!(c, '?' | '#' | '"' | '<' | '>' | '\\'))
}

impl WorkspaceFile {
    pub(crate) fn new(settings: Settings) -> Self {
        WorkspaceFile {
            rapport: Marker {
                format: FORMAT_VERSION,
            },
            settings,
        }
    }

    pub(crate) fn read(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(crate::error::io("cannot read", path))?;
        let foreign = |reason: String| Error::ForeignWorkspace {
            path: path.to_owned(),
            reason,
        };
        let value: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| foreign(format!("not valid TOML: {}", e.message())))?;
        if !value.contains_key("rapport") {
            return Err(foreign("it has no `[rapport]` table".into()));
        }
        let file: WorkspaceFile = toml::from_str(&text).map_err(|e| Error::Settings {
            path: path.to_owned(),
            message: e.message().to_owned(),
        })?;
        if file.rapport.format != FORMAT_VERSION {
            return Err(foreign(format!(
                "workspace format {} but this rapport reads format {FORMAT_VERSION}",
                file.rapport.format
            )));
        }
        file.settings.validate(path)?;
        Ok(file)
    }

    pub(crate) fn to_toml(&self) -> String {
        let body = toml::to_string_pretty(self).unwrap_or_default();
        format!(
            "# Rapport workspace. Settings are documented in shared/METRICS.md and the README.\n{body}"
        )
    }
}
