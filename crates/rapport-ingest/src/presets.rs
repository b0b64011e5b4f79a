//! Source presets: mappings for the exports users actually have (Shopify,
//! Stripe, Google Ads, GA4, Zendesk, …), shipped in the binary.
//!
//! A preset is a mapping TOML in the format users write (see [`Mapping`]),
//! so `rapport presets show NAME --toml` gives a file to copy and adapt.
//! Each preset's `documentation` names the documented export layout and
//! version it follows; its `[ignore]` list says why the columns it does not
//! read are left out, so every column of the export is accounted for.
//!
//! [`detect`] compares a file's header with every preset: a preset matches
//! when every column its required canonical columns come from is present;
//! matches and near misses are ranked by how much of the header the preset
//! knows. Nothing is loaded on a guess: the caller shows the proposal.

use std::path::Path;

use rapport_schema::Entity;

use crate::error::{Error, Result};
use crate::load::header_matches;
use crate::mapping::{Mapping, SourceRef};
use crate::readers::{CsvOptions, Event, Format, expand_inputs, json_sample_header, read_file};

/// A mapping shipped with Rapport.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// The name given to `--preset`.
    pub name: &'static str,
    /// The mapping TOML.
    pub toml: &'static str,
}

macro_rules! presets {
    ($($name:literal),* $(,)?) => {
        &[$(Preset { name: $name, toml: include_str!(concat!("../presets/", $name, ".toml")) }),*]
    };
}

/// Every preset, by name.
pub const PRESETS: &[Preset] = presets![
    "delighted-nps",
    "facebook-page-posts",
    "freshdesk-tickets",
    "ga4-bigquery-events",
    "google-ads-campaigns",
    "hubspot-contacts",
    "hubspot-contacts-api",
    "instagram-posts",
    "mailchimp-campaigns",
    "meta-ads",
    "shopify-orders",
    "stripe-charges",
    "stripe-subscriptions",
    "typeform-nps",
    "woocommerce-orders",
    "zendesk-tickets",
];

impl Preset {
    /// Finds a preset by name.
    pub fn named(name: &str) -> Result<Preset> {
        PRESETS
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .copied()
            .ok_or_else(|| Error::UnknownPreset {
                name: name.to_owned(),
                known: PRESETS.iter().map(|p| p.name.to_owned()).collect(),
            })
    }

    /// The preset's mapping, checked against the entity it names.
    pub fn mapping(&self) -> Result<Mapping> {
        let origin = format!("preset {}", self.name);
        let mut m = Mapping::from_toml(self.toml, &origin)?;
        let entity = m.entity.ok_or_else(|| Error::Mapping {
            origin: origin.clone(),
            message: "names no entity".to_owned(),
        })?;
        m.origin = Some(origin.into());
        m.check(entity)?;
        Ok(m)
    }

    /// The entity the preset loads.
    pub fn entity(&self) -> Result<Entity> {
        self.mapping()?.entity.ok_or_else(|| Error::Mapping {
            origin: format!("preset {}", self.name),
            message: "names no entity".to_owned(),
        })
    }
}

/// How well a file's header fits one preset.
#[derive(Debug, Clone, PartialEq)]
pub struct PresetFit {
    pub preset: Preset,
    pub entity: Entity,
    /// Every column the preset's required canonical columns come from is
    /// present.
    pub matches: bool,
    /// Columns the preset needs that the file lacks.
    pub missing: Vec<String>,
    /// Columns of the file the preset neither reads nor ignores.
    pub unknown: Vec<String>,
    /// Share of the header the preset knows, 0–1.
    pub known_share: f64,
}

/// Reads only the header of a file (the first file of a folder); for
/// NDJSON, the keys of its first thousand lines.
pub fn read_header(path: &Path, csv: CsvOptions) -> Result<Vec<String>> {
    let files = expand_inputs(std::slice::from_ref(&path.to_path_buf()))?;
    let Some(first) = files.first() else {
        return Err(Error::EmptyFolder {
            path: path.to_owned(),
        });
    };
    if Format::of(first) == Some(Format::Json)
        && let Some(h) = json_sample_header(first, 1000)?
    {
        return Ok(h);
    }
    let mut header = None;
    let result = read_file(first, csv, &mut |e| match e {
        Event::Header(h) => {
            header = Some(h.to_vec());
            Err(Error::HeaderRead)
        }
        _ => Ok(()),
    });
    match (result, header) {
        (_, Some(h)) => Ok(h),
        (Err(e), None) => Err(e),
        (Ok(()), None) => Ok(Vec::new()),
    }
}

/// Ranks every preset against a file: its header is read as each preset
/// would read it (after the report-title lines some exports start with).
pub fn detect_file(path: &Path, csv: CsvOptions) -> Result<Vec<PresetFit>> {
    let mut skips: Vec<usize> = Vec::new();
    for p in PRESETS {
        let s = p.mapping()?.skip_lines;
        if !skips.contains(&s) {
            skips.push(s);
        }
    }
    let mut fits = Vec::new();
    for skip in skips {
        let header = match read_header(
            path,
            CsvOptions {
                skip_lines: skip,
                ..csv
            },
        ) {
            Ok(h) => h,
            // A file too short for a title block is not such an export.
            Err(_) if skip > 0 => continue,
            Err(e) => return Err(e),
        };
        let presets: Vec<Preset> = PRESETS
            .iter()
            .filter(|p| p.mapping().is_ok_and(|m| m.skip_lines == skip))
            .copied()
            .collect();
        fits.extend(rank(&presets, &header)?);
    }
    sort_fits(&mut fits);
    Ok(fits)
}

/// Ranks every preset against a header: matches first, then by the share
/// of the header each knows.
pub fn detect(header: &[String]) -> Result<Vec<PresetFit>> {
    let mut fits = rank(PRESETS, header)?;
    sort_fits(&mut fits);
    Ok(fits)
}

fn rank(presets: &[Preset], header: &[String]) -> Result<Vec<PresetFit>> {
    let mut fits = Vec::new();
    for preset in presets {
        let mapping = preset.mapping()?;
        let entity = preset.entity()?;
        let present = |r: &SourceRef| {
            header
                .iter()
                .any(|h| *h == r.text || header_matches(&r.column, h))
        };
        let mut missing = Vec::new();
        for c in entity.spec().columns.iter().filter(|c| c.required) {
            if mapping.constants.contains_key(c.name) {
                continue;
            }
            let Some(m) = mapping.columns.get(c.name) else {
                continue;
            };
            let any_part = m.parts.iter().any(present);
            if !any_part {
                missing.push(m.from.clone());
            }
            for f in &m.factors {
                if !present(&f.from) {
                    missing.push(f.from.text.clone());
                }
            }
        }
        let known = mapping.source_columns();
        let unknown: Vec<String> = header
            .iter()
            .filter(|h| !known.iter().any(|k| header_matches(k, h)))
            .cloned()
            .collect();
        let known_share = if header.is_empty() {
            0.0
        } else {
            1.0 - unknown.len() as f64 / header.len() as f64
        };
        fits.push(PresetFit {
            preset: *preset,
            entity,
            matches: missing.is_empty(),
            missing,
            unknown,
            known_share,
        });
    }
    Ok(fits)
}

fn sort_fits(fits: &mut [PresetFit]) {
    fits.sort_by(|a, b| {
        b.matches
            .cmp(&a.matches)
            .then(b.known_share.total_cmp(&a.known_share))
            .then(a.missing.len().cmp(&b.missing.len()))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_parses_checks_and_documents_its_source() {
        for p in PRESETS {
            let m = p.mapping().unwrap_or_else(|e| panic!("{}: {e}", p.name));
            assert!(m.description.is_some(), "{} has no description", p.name);
            assert!(
                m.documentation.is_some(),
                "{} names no documentation",
                p.name
            );
            assert!(m.source.is_some(), "{} names no source", p.name);
        }
    }

    #[test]
    fn patterns_match_case_insensitively_with_stars() {
        assert!(header_matches("Amount spent*", "Amount spent (EUR)"));
        assert!(header_matches(
            "*recommend*",
            "How likely are you to RECOMMEND us?"
        ));
        assert!(!header_matches("*recommend*", "Why?"));
        assert!(header_matches("Total:*", "Total: Account"));
        assert!(header_matches("a*b*c", "aXbYc") && !header_matches("a*b*c", "acb"));
    }
}
