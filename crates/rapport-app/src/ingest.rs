//! Loading an export: which entity and mapping a user's arguments mean
//! (an entity and files, a named preset, or a preset proposed from the
//! file's header), the `--set` constants and the decimal separator, then
//! the load itself through `rapport-ingest`.
//!
//! [`plan`] decides without loading; [`load`] loads a plan. A front end
//! shows [`IngestPlan::proposal`] (the preset Rapport picked for a file
//! given without an entity) before the load's summary.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use rapport_ingest::{
    CsvOptions, IngestRequest, IngestSummary, Input, Mapping, PresetFit, ProblemCount, Progress,
    detect_file,
};
use rapport_schema::Entity;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use rapport_locale::messages;

use crate::words::{self, Locale};
use crate::{Error, Result};

/// What a user asked to load.
#[derive(Debug, Clone, Default)]
pub struct IngestOptions {
    pub client: String,
    /// `[ENTITY] FILE...` as given: an entity name first, then files or
    /// folders; or only files, with a preset named or to be proposed.
    pub args: Vec<String>,
    /// A shipped mapping by name (`rapport presets list`).
    pub preset: Option<String>,
    /// A mapping TOML file.
    pub mapping: Option<PathBuf>,
    /// `COLUMN=VALUE` pairs set on every row; they override the mapping.
    pub set: Vec<String>,
    /// Load with the preset Rapport proposes for a file given without an
    /// entity, instead of stopping to ask.
    pub accept_proposal: bool,
    /// The file's decimal separator (`,` for `1.234,56`).
    pub decimal_separator: Option<char>,
    pub csv: CsvOptions,
    /// A PostgreSQL source instead of (or besides) files.
    pub postgres: Option<PostgresSource>,
    /// Which entities' changed records replace their earlier rows
    /// (re-exports): none, all the load fills, or some.
    pub replace: rapport_ingest::Replace,
}

/// A query against a PostgreSQL database.
#[derive(Debug, Clone)]
pub struct PostgresSource {
    pub url: String,
    pub query: String,
}

/// The preset Rapport picked for a file given without an entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PresetProposal {
    pub client: String,
    /// The file whose header was read.
    pub file: String,
    /// Every file of the load, as given.
    pub files: Vec<String>,
    pub preset: String,
    pub entity: String,
    /// The export the preset reads ("Shopify order export").
    pub description: String,
    /// Share of the file's columns the preset knows, 0–1.
    pub known_share: f64,
    /// The file's columns the preset neither reads nor ignores.
    pub unknown: Vec<String>,
}

impl PresetProposal {
    /// What was found, in one sentence.
    pub fn finding(&self) -> String {
        let locale = Locale::En;
        format!(
            "`{}` looks like a {} — preset `{}` (into `{}`; it knows {} of the file's columns{}).",
            self.file,
            self.description,
            self.preset,
            self.entity,
            words::share(self.known_share, locale),
            if self.unknown.is_empty() {
                String::new()
            } else {
                format!("; not: {}", words::list_cut(&self.unknown, 20, locale))
            }
        )
    }

    /// The finding and what to do, when the load waits for a yes.
    pub fn message(&self) -> String {
        format!(
            "{}\nNothing was loaded. To load it: rapport ingest {} --preset {} {}\n(or add --yes to accept the proposal; see the mapping with `rapport presets show {}`)",
            self.finding(),
            self.client,
            self.preset,
            self.files.join(" "),
            self.preset
        )
    }
}

/// How close one preset came to a file that matches none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NearPreset {
    pub preset: String,
    pub entity: String,
    /// Columns the preset needs that the file lacks.
    pub missing: Vec<String>,
    /// Columns of the file the preset does not know.
    pub unknown: Vec<String>,
}

/// A file given without an entity that no preset reads.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoPresetMatch {
    pub client: String,
    pub file: String,
    pub files: Vec<String>,
    /// The three closest presets.
    pub closest: Vec<NearPreset>,
}

impl NoPresetMatch {
    /// What was tried and what to do.
    pub fn message(&self) -> String {
        let quoted = |items: &[String]| {
            let q: Vec<String> = items.iter().map(|c| format!("`{c}`")).collect();
            words::list_cut(&q, 12, Locale::En)
        };
        let mut msg = format!(
            "no preset matches `{}`, and no entity was given; nothing was loaded.\nClosest presets:",
            self.file
        );
        for f in &self.closest {
            msg.push_str(&format!(
                "\n  {} ({}): lacks {}",
                f.preset,
                f.entity,
                quoted(&f.missing)
            ));
            if !f.unknown.is_empty() {
                msg.push_str(&format!("; does not know {}", quoted(&f.unknown)));
            }
        }
        msg.push_str(&format!(
            "\nLoad it as an entity with a mapping: rapport ingest {} ENTITY {} --mapping MAP.toml\n(a preset's mapping is a good start: rapport presets show NAME --toml)",
            self.client,
            self.files.join(" ")
        ));
        msg
    }
}

/// What a load will read: the entity, the inputs and the mapping.
#[derive(Debug, Clone)]
pub struct IngestPlan {
    pub entity: Entity,
    pub files: Vec<PathBuf>,
    pub mapping: Option<Mapping>,
    /// The preset proposed for a file given without an entity, when the
    /// user accepted proposals.
    pub proposal: Option<PresetProposal>,
}

/// Decides what `options` load, without loading: the entity, the mapping
/// (a preset's, a file's or none) with `--set` and the decimal separator
/// applied, and the files.
pub fn plan(options: &IngestOptions) -> Result<IngestPlan> {
    let mut plan = resolve(options)?;
    for set in &options.set {
        let Some((column, value)) = set.split_once('=') else {
            return Err(Error::input(
                "set",
                format!("--set {set:?}: write COLUMN=VALUE, for example --set followers=5400"),
            ));
        };
        let column = column.trim();
        if column.is_empty() {
            return Err(Error::input(
                "set",
                format!("--set {set:?}: the column name is empty"),
            ));
        }
        let m = plan.mapping.get_or_insert_with(Mapping::default);
        m.columns.remove(column);
        m.needs.remove(column);
        m.constants
            .insert(column.to_owned(), value.trim().to_owned());
    }
    if let Some(sep) = options.decimal_separator {
        if sep != '.' && sep != ',' {
            return Err(Error::input(
                "decimal_separator",
                format!("the decimal separator `{sep}` is neither `.` nor `,`"),
            ));
        }
        plan.mapping
            .get_or_insert_with(Mapping::default)
            .decimal_separator = Some(sep);
    }
    if plan.files.is_empty() && options.postgres.is_none() {
        return Err(Error::input(
            "files",
            "nothing to load: give files or folders, or --postgres URL --query SQL",
        ));
    }
    Ok(plan)
}

/// Loads a plan made by [`plan`] from the same options.
pub fn load(
    ws: &Workspace,
    options: &IngestOptions,
    plan: &IngestPlan,
    progress: &dyn Progress,
) -> Result<IngestSummary> {
    ws.client(&options.client)?;
    let mut inputs: Vec<Input> = plan.files.iter().cloned().map(Input::Path).collect();
    if let Some(pg) = &options.postgres {
        inputs.push(Input::Postgres {
            url: pg.url.clone(),
            query: pg.query.clone(),
        });
    }
    let request = IngestRequest {
        client: options.client.clone(),
        entity: plan.entity,
        inputs,
        mapping: plan.mapping.clone(),
        csv: options.csv,
        replace: options.replace.clone(),
    };
    Ok(rapport_ingest::ingest(ws, &request, progress)?)
}

/// Reads `[ENTITY] FILE...` with `--preset`, or proposes a preset for files
/// without an entity.
fn resolve(options: &IngestOptions) -> Result<IngestPlan> {
    let args = &options.args;
    let postgres = options.postgres.is_some();
    // An entity name is an entity, unless it is the only argument and a
    // file or folder of that name exists (then it is what to load).
    let as_entity = |s: &str| {
        Entity::from_str(s)
            .ok()
            .filter(|_| args.len() > 1 || postgres || !Path::new(s).exists())
    };
    let paths = |list: &[String]| list.iter().map(PathBuf::from).collect::<Vec<_>>();
    if let Some(name) = &options.preset {
        if options.mapping.is_some() {
            return Err(Error::input(
                "mapping",
                "give either --preset or --mapping, not both",
            ));
        }
        let p = rapport_ingest::Preset::named(name)?;
        let entity = p.entity()?;
        let mut files: &[String] = args;
        if let Some(first) = args.first()
            && let Some(e) = as_entity(first)
        {
            if e != entity {
                return Err(Error::input(
                    "entity",
                    format!(
                        "preset `{}` loads `{}`, not `{}`; drop the entity or pick another preset (rapport presets list)",
                        p.name,
                        entity.name(),
                        e.name()
                    ),
                ));
            }
            files = &args[1..];
        }
        return Ok(IngestPlan {
            entity,
            files: paths(files),
            mapping: Some(p.mapping()?),
            proposal: None,
        });
    }
    if let Some(first) = args.first()
        && let Some(entity) = as_entity(first)
    {
        return Ok(IngestPlan {
            entity,
            files: paths(&args[1..]),
            mapping: options
                .mapping
                .as_deref()
                .map(Mapping::from_file)
                .transpose()?,
            proposal: None,
        });
    }
    let Some(first) = args.first() else {
        return Err(Error::input(
            "entity",
            "nothing to load: give an entity and files, or --preset NAME and files",
        ));
    };
    if !Path::new(first).exists() {
        return Err(Error::input(
            "entity",
            format!(
                "`{first}` is neither an entity ({}) nor a file",
                Entity::ALL.map(Entity::name).join(", ")
            ),
        ));
    }
    if options.mapping.is_some() {
        return Err(Error::input(
            "entity",
            format!(
                "with --mapping, name the entity: rapport ingest {} ENTITY {}",
                options.client,
                args.join(" ")
            ),
        ));
    }
    let fits = detect_file(Path::new(first), options.csv)?;
    propose(options, first, &fits)
}

/// The proposal for the best of `fits`, or why there is none.
fn propose(options: &IngestOptions, first: &str, fits: &[PresetFit]) -> Result<IngestPlan> {
    let args = &options.args;
    let Some(best) = fits.first().filter(|f| f.matches) else {
        return Err(Error::NoPreset(Box::new(NoPresetMatch {
            client: options.client.clone(),
            file: first.to_owned(),
            files: args.clone(),
            closest: fits
                .iter()
                .take(3)
                .map(|f| NearPreset {
                    preset: f.preset.name.to_owned(),
                    entity: f.entity.name().to_owned(),
                    missing: f.missing.clone(),
                    unknown: f.unknown.clone(),
                })
                .collect(),
        })));
    };
    let ties: Vec<&PresetFit> = fits
        .iter()
        .skip(1)
        .filter(|f| f.matches && (f.known_share - best.known_share).abs() < 1e-9)
        .collect();
    if !ties.is_empty() {
        return Err(Error::input(
            "preset",
            format!(
                "`{first}` fits several presets equally well: {}; choose one with --preset",
                std::iter::once(best)
                    .chain(ties)
                    .map(|f| f.preset.name)
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        ));
    }
    let mapping = best.preset.mapping()?;
    let proposal = PresetProposal {
        client: options.client.clone(),
        file: first.to_owned(),
        files: args.clone(),
        preset: best.preset.name.to_owned(),
        entity: best.entity.name().to_owned(),
        description: mapping
            .description
            .clone()
            .unwrap_or_else(|| best.preset.name.to_owned()),
        known_share: best.known_share,
        unknown: best.unknown.clone(),
    };
    if !options.accept_proposal {
        return Err(Error::PresetProposed(Box::new(proposal)));
    }
    Ok(IngestPlan {
        entity: best.entity,
        files: args.iter().map(PathBuf::from).collect(),
        mapping: Some(mapping),
        proposal: Some(proposal),
    })
}

/// The headline of a load's summary, as every front end states it: what
/// was read, kept, quarantined and already there, and how fast.
pub fn load_sentence(s: &IngestSummary, locale: Locale) -> String {
    messages::text(
        locale,
        "load-summary",
        &[
            ("client", s.client.as_str().into()),
            ("entity", s.entity.as_str().into()),
            ("source", s.source.as_str().into()),
            ("read", s.rows_read.into()),
            ("loaded", s.loaded.into()),
            ("replaced", s.replaced.into()),
            ("quarantined", s.quarantined.into()),
            ("duplicates", s.duplicates_skipped.into()),
            ("kept", s.kept_existing.into()),
            (
                "continued",
                (s.continuation_rows - s.merged_rows.min(s.continuation_rows)).into(),
            ),
            ("merged", s.merged_rows.into()),
            (
                "seconds",
                words::decimal(s.elapsed_seconds, 2, locale).into(),
            ),
            (
                "rate",
                words::count(s.rows_per_second.round() as u64, locale).into(),
            ),
        ],
    )
}

/// One rule that quarantined rows, in words: the count, the rule and the
/// column (`3 rows broke `date` in created_at`), and its first example
/// from its row on (the file is named by the load sentence above it).
pub fn problem_words(p: &ProblemCount, locale: Locale) -> (String, String) {
    // English names the rule by its id, which the JSON and the quarantine
    // file carry and its example explains; another language says what the
    // rule means, its example being only the row and the value.
    let rule = if locale == Locale::En {
        p.rule.clone()
    } else {
        messages::label_or(locale, &format!("rule-{}", p.rule), &p.rule)
    };
    let mut args = vec![("rows", p.rows.into()), ("rule", rule.into())];
    let id = if p.column.is_empty() {
        "load-problem-any-column"
    } else {
        args.push(("column", p.column.as_str().into()));
        "load-problem"
    };
    let head = messages::text(locale, id, &args);
    // The example's message is English; in another language the row and
    // its value say it, the rule being named above in that language.
    let example = if locale == Locale::En || p.example_row == 0 {
        p.example
            .find(", row ")
            .map_or(p.example.as_str(), |i| &p.example[i + 2..])
            .to_owned()
    } else if p.example_value.is_empty() {
        messages::text(locale, "load-example-row", &[("row", p.example_row.into())])
    } else {
        messages::text(
            locale,
            "load-example-value",
            &[
                ("row", p.example_row.into()),
                ("value", p.example_value.as_str().into()),
            ],
        )
    };
    (head, example)
}

/// Where a load's quarantined rows are (`quarantined rows: FILE`).
pub fn quarantine_file_words(file: &Path, locale: Locale) -> String {
    messages::text(
        locale,
        "load-quarantine-file",
        &[("file", file.display().to_string().into())],
    )
}

/// The export's columns no mapping rule read, listed (front ends clip
/// the list to their width first).
pub fn columns_not_read(list: &str, locale: Locale) -> String {
    messages::text(locale, "load-columns-not-read", &[("columns", list.into())])
}

/// The columns a mapping's `[ignore]` list leaves out on purpose.
pub fn columns_ignored(n: usize, locale: Locale) -> String {
    messages::text(locale, "load-columns-ignored", &[("n", n.into())])
}

/// The summary rows of a report-style export (totals) that a load skipped.
pub fn skipped_report_rows(n: u64, locale: Locale) -> String {
    messages::text(locale, "load-totals-skipped", &[("n", n.into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(args: &[&str]) -> IngestOptions {
        IngestOptions {
            client: "acme".to_owned(),
            args: args.iter().map(|s| (*s).to_owned()).collect(),
            ..IngestOptions::default()
        }
    }

    #[test]
    fn an_entity_and_files_need_no_mapping() {
        let plan = plan(&options(&["orders", "a.csv", "b.csv"])).expect("plan");
        assert_eq!(plan.entity, Entity::Orders);
        assert_eq!(plan.files, [PathBuf::from("a.csv"), PathBuf::from("b.csv")]);
        assert!(plan.mapping.is_none());
    }

    #[test]
    fn set_and_decimal_separator_become_the_mapping() {
        let mut o = options(&["social_posts", "posts.csv"]);
        o.preset = Some("instagram-posts".to_owned());
        o.set = vec!["followers = 12000".to_owned()];
        o.decimal_separator = Some(',');
        let plan = plan(&o).expect("plan");
        let m = plan.mapping.expect("mapping");
        assert_eq!(
            m.constants.get("followers").map(String::as_str),
            Some("12000")
        );
        assert!(!m.columns.contains_key("followers"));
        assert_eq!(m.decimal_separator, Some(','));
        o.set = vec!["followers".to_owned()];
        let e = super::plan(&o).expect_err("no =");
        assert_eq!(e.field(), Some("set"));
    }

    #[test]
    fn a_preset_for_another_entity_is_refused_by_field() {
        let mut o = options(&["orders", "x.csv"]);
        o.preset = Some("zendesk-tickets".to_owned());
        let e = plan(&o).expect_err("wrong entity");
        assert_eq!(e.kind(), crate::ErrorKind::Input);
        assert_eq!(e.field(), Some("entity"));
        o.preset = Some("no-such-preset".to_owned());
        assert_eq!(
            plan(&o).expect_err("unknown").kind(),
            crate::ErrorKind::NotFound
        );
    }

    #[test]
    fn a_file_without_entity_gets_a_proposal_that_waits_for_a_yes() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("tickets.csv");
        let preset = rapport_ingest::Preset::named("zendesk-tickets").expect("preset");
        let mapping = preset.mapping().expect("mapping");
        let mut header: Vec<String> = mapping
            .columns
            .values()
            .flat_map(|c| c.parts.iter().map(|p| p.text.clone()))
            .filter(|t| !t.contains('*') && !t.contains('['))
            .collect();
        header.sort();
        header.dedup();
        let quoted: Vec<String> = header.iter().map(|h| format!("\"{h}\"")).collect();
        std::fs::write(&file, format!("{}\n", quoted.join(","))).expect("write");
        let path = file.display().to_string();
        let o = options(&[&path]);
        match plan(&o) {
            Err(Error::PresetProposed(p)) => {
                assert_eq!(p.preset, "zendesk-tickets");
                assert!(
                    p.message().contains("--preset zendesk-tickets"),
                    "{}",
                    p.message()
                );
            }
            other => panic!("expected a proposal, got {other:?}"),
        }
        let mut yes = o.clone();
        yes.accept_proposal = true;
        let plan = plan(&yes).expect("accepted");
        assert_eq!(plan.entity, Entity::SupportTickets);
        assert_eq!(
            plan.proposal.map(|p| p.preset).as_deref(),
            Some("zendesk-tickets")
        );
    }

    #[test]
    fn a_file_no_preset_reads_lists_the_closest() {
        let dir = tempfile::tempdir().expect("tmp");
        let file = dir.path().join("odd.csv");
        std::fs::write(&file, "alpha,beta\n1,2\n").expect("write");
        let path = file.display().to_string();
        match plan(&options(&[&path])) {
            Err(Error::NoPreset(n)) => {
                assert_eq!(n.closest.len(), 3);
                assert!(n.message().contains("Closest presets"));
            }
            other => panic!("expected no match, got {other:?}"),
        }
    }

    #[test]
    fn a_problem_is_worded_with_its_count_rule_column_and_row() {
        let p = ProblemCount {
            rule: "date".into(),
            column: "created_at".into(),
            rows: 1,
            example: "orders.csv, row 7: `31/02/2026` is not a date".into(),
            example_row: 7,
            example_value: "31/02/2026".into(),
        };
        let (head, example) = problem_words(&p, Locale::En);
        assert_eq!(head, "1 row broke `date` in created_at");
        assert_eq!(example, "row 7: `31/02/2026` is not a date");
        // Another language is not shown the English message: the row and
        // its value, in its own digits.
        let (_, example) = problem_words(&p, Locale::Fa);
        // The rule is said in the language, not named by its id.
        let typed = ProblemCount {
            rule: "type".into(),
            ..p.clone()
        };
        let (head, _) = problem_words(&typed, Locale::Fa);
        assert!(
            head.contains(&messages::label(Locale::Fa, "rule-type")) && !head.contains("`type`"),
            "{head}"
        );
        assert!(
            example.contains('۷') && example.contains("31/02/2026"),
            "{example}"
        );
        assert!(!example.contains("is not"), "{example}");
        let many = ProblemCount {
            rows: 1200,
            column: String::new(),
            ..p
        };
        assert_eq!(
            problem_words(&many, Locale::En).0,
            "1,200 rows broke `date`"
        );
        assert_eq!(
            skipped_report_rows(2, Locale::En),
            "2 summary rows of the export (totals) skipped"
        );
    }
}
