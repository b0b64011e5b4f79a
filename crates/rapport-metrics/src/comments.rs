//! What detractors and promoters (or dissatisfied and satisfied customers)
//! say: the words and phrases that most distinguish the two groups.
//!
//! Method: the log-odds ratio with an informative Dirichlet prior of
//! Monroe, Colaresi & Quinn (2008, "Fightin' Words", Political Analysis
//! 16(4)), eq. 16–22. For a term w with counts y_w^a, y_w^b in the two
//! groups (totals n^a, n^b) and prior α_w = α0 · y_w / N from both groups
//! together (α0 = N: the pooled distribution, worth as much as the data):
//!
//! δ_w = ln((y_w^a + α_w) / (n^a + α0 − y_w^a − α_w))
//!     − ln((y_w^b + α_w) / (n^b + α0 − y_w^b − α_w)),
//! σ²(δ_w) ≈ 1/(y_w^a + α_w) + 1/(y_w^b + α_w), z_w = δ_w / σ(δ_w).
//!
//! The prior shrinks rare terms towards no difference, so a word said once
//! by one detractor does not top the list. No hosted model is involved.

use rapport_schema::Label;
use std::collections::{HashMap, HashSet};

use rapport_engine::ClientSession;
use rapport_store::Workspace;
use serde::{Deserialize, Serialize};

use crate::period::Period;
use crate::sql::{rows, ts};
use crate::{Error, PeriodRange, Result};

/// Words too common to say anything (English and Romanian function words).
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "again", "all", "also", "am", "an", "and", "any", "are", "as", "at",
    "be", "been", "but", "by", "can", "could", "did", "do", "does", "for", "from", "had", "has",
    "have", "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just",
    "me", "more", "my", "of", "on", "or", "our", "out", "she", "so", "than", "that", "the",
    "their", "them", "then", "there", "they", "this", "to", "too", "us", "was", "we", "were",
    "what", "when", "which", "who", "will", "with", "would", "you", "your", "bit", "very", "si",
    "și", "sa", "să", "de", "la", "cu", "pe", "in", "în", "un", "o", "am", "este", "e", "nu",
    "mai", "ca", "că", "din", "pentru", "care", "foarte",
];

/// One distinguishing term.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Term {
    pub term: String,
    /// z-score of the log-odds ratio: positive favours this group.
    pub z: f64,
    /// Log-odds ratio δ.
    pub log_odds: f64,
    /// Comments of this group / of the other group using it.
    pub count: u64,
    pub other_count: u64,
    /// A few comments of this group that use it.
    pub examples: Vec<String>,
}

/// One side of the comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// `detractors`, `promoters`, `dissatisfied`, `satisfied`.
    pub group: Label,
    /// Which scores are in it.
    pub scores: String,
    pub comments: u64,
    /// Terms that distinguish this group, strongest first (|z| ≥ 1.96).
    pub terms: Vec<Term>,
}

/// Everything `rapport comments` reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CommentsReport {
    pub client: String,
    pub period: PeriodRange,
    pub survey: String,
    pub method: Label,
    pub negative: Side,
    pub positive: Side,
    /// Comments from the middle of the scale (passives, neutral), not used.
    pub middle_comments: u64,
}

/// Lower-case words of a comment (letters and digits, Unicode-aware).
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.trim_matches('\'').to_lowercase())
        .filter(|w| !w.is_empty())
        .collect()
}

/// The terms of one comment: content words and two-word phrases of
/// adjacent content words within a clause (punctuation ends a phrase),
/// each counted once per comment.
pub fn terms(text: &str) -> HashSet<String> {
    let stop: HashSet<&str> = STOPWORDS.iter().copied().collect();
    let mut out = HashSet::new();
    for clause in text.split(['.', ',', ';', ':', '!', '?', '(', ')', '\n', '"']) {
        let mut previous: Option<String> = None;
        for w in words(clause) {
            if stop.contains(w.as_str()) || w.chars().all(|c| c.is_ascii_digit()) {
                previous = None;
                continue;
            }
            if let Some(p) = &previous {
                out.insert(format!("{p} {w}"));
            }
            out.insert(w.clone());
            previous = Some(w);
        }
    }
    out
}

/// The Fightin' Words statistic for counts `a` and `b` of one term in
/// groups of totals `na` and `nb`, with prior `alpha_w` out of `alpha0`.
pub fn log_odds_z(a: f64, na: f64, b: f64, nb: f64, alpha_w: f64, alpha0: f64) -> (f64, f64) {
    let delta = ((a + alpha_w) / (na + alpha0 - a - alpha_w)).ln()
        - ((b + alpha_w) / (nb + alpha0 - b - alpha_w)).ln();
    let var = 1.0 / (a + alpha_w) + 1.0 / (b + alpha_w);
    (delta, delta / var.sqrt())
}

/// Options of [`comments`].
#[derive(Debug, Clone)]
pub struct CommentOptions {
    pub period: Period,
    /// `nps`, `csat` or `ces`; `None` picks NPS when it has comments.
    pub survey: Option<String>,
    /// Terms shown per side.
    pub top: usize,
    /// Least comments a term must appear in (both groups together).
    pub min_count: u64,
    /// The day the analysis is made on (an unfinished period says so).
    pub as_of: chrono::NaiveDate,
}

/// Finds what distinguishes the negative and positive comments.
pub async fn comments(ws: &Workspace, client: &str, o: &CommentOptions) -> Result<CommentsReport> {
    let tz = ws.settings().tz();
    let today = o.as_of;
    let session = ClientSession::open(ws, client).await?;
    let (start, end) = o.period.instants(tz);
    let sql = format!(
        "SELECT survey, score, COALESCE(scale_max, CASE survey WHEN 'csat' THEN 5 WHEN 'ces' THEN 7 ELSE 10 END) AS hi,
                comment
         FROM survey_responses
         WHERE comment IS NOT NULL AND TRIM(comment) <> '' AND responded_at >= {} AND responded_at < {}",
        ts(start),
        ts(end)
    );
    let all = rows(session.context(), &sql).await?;
    let survey = match &o.survey {
        Some(s) => s.clone(),
        None => ["nps", "csat", "ces"]
            .into_iter()
            .find(|s| all.iter().any(|r| r.text("survey") == Some(s)))
            .unwrap_or("nps")
            .to_owned(),
    };
    if !["nps", "csat", "ces"].contains(&survey.as_str()) {
        return Err(Error::Invalid(format!(
            "survey `{survey}` is not one of nps, csat, ces"
        )));
    }
    // Negative and positive groups: NPS detractors 0–6 and promoters 9–10;
    // otherwise the bottom and top two points of the declared scale.
    let (neg_name, pos_name) = if survey == "nps" {
        ("detractors", "promoters")
    } else {
        ("dissatisfied", "satisfied")
    };
    let mut neg = Vec::new();
    let mut pos = Vec::new();
    let mut middle = 0;
    let mut scale_hi = 0.0f64;
    for r in all
        .iter()
        .filter(|r| r.text("survey") == Some(survey.as_str()))
    {
        let (score, hi) = (r.f("score"), r.f("hi"));
        scale_hi = scale_hi.max(hi);
        let Some(text) = r.text("comment") else {
            continue;
        };
        let (is_neg, is_pos) = if survey == "nps" {
            (score <= 6.0, score >= 9.0)
        } else {
            let lo = if survey == "csat" || survey == "ces" {
                1.0
            } else {
                0.0
            };
            (score <= lo + 1.0, score >= hi - 1.0)
        };
        if is_neg {
            neg.push(text.to_owned());
        } else if is_pos {
            pos.push(text.to_owned());
        } else {
            middle += 1;
        }
    }
    let count = |docs: &[String]| {
        let mut c: HashMap<String, u64> = HashMap::new();
        for d in docs {
            for t in terms(d) {
                *c.entry(t).or_default() += 1;
            }
        }
        c
    };
    let (cn, cp) = (count(&neg), count(&pos));
    let na: f64 = cn.values().sum::<u64>() as f64;
    let nb: f64 = cp.values().sum::<u64>() as f64;
    let total = na + nb;
    let mut scored = Vec::new();
    let vocabulary: HashSet<&String> = cn.keys().chain(cp.keys()).collect();
    for term in vocabulary {
        let a = cn.get(term).copied().unwrap_or(0);
        let b = cp.get(term).copied().unwrap_or(0);
        if a + b < o.min_count || total == 0.0 {
            continue;
        }
        // The prior is the pooled distribution of both groups, worth as
        // many pseudo-terms as the data (α0 = N, so α_w = y_w): it halves
        // the evidence of rare terms without drowning small surveys.
        let alpha0 = total;
        let alpha_w = (a + b) as f64;
        let (delta, z) = log_odds_z(a as f64, na, b as f64, nb, alpha_w, alpha0);
        scored.push((term.clone(), delta, z, a, b));
    }
    scored.sort_by(|x, y| y.2.total_cmp(&x.2).then_with(|| x.0.cmp(&y.0)));
    let examples = |docs: &[String], term: &str| {
        let mut found: Vec<&String> = docs.iter().filter(|d| terms(d).contains(term)).collect();
        found.sort_by_key(|d| d.len());
        found.dedup();
        found
            .into_iter()
            .take(2)
            .map(|d| d.chars().take(160).collect())
            .collect::<Vec<String>>()
    };
    let pick = |sign: f64, docs: &[String]| -> Vec<Term> {
        let mut list: Vec<&(String, f64, f64, u64, u64)> =
            scored.iter().filter(|s| s.2 * sign >= 1.96).collect();
        // Strongest first; on a tie, phrases before their words.
        list.sort_by(|x, y| {
            (y.2 * sign)
                .total_cmp(&(x.2 * sign))
                .then_with(|| y.0.matches(' ').count().cmp(&x.0.matches(' ').count()))
                .then_with(|| x.0.cmp(&y.0))
        });
        // A phrase and a word inside it, or two terms used in exactly the
        // same comments, say the same thing: keep the first.
        let mut out: Vec<Term> = Vec::new();
        let mut seen_sets: Vec<Vec<usize>> = Vec::new();
        for (term, delta, z, a, b) in list {
            if out.len() == o.top {
                break;
            }
            let overlaps = out.iter().any(|t| {
                t.term.split(' ').any(|w| w == term) || term.split(' ').any(|w| w == t.term)
            });
            let used_in: Vec<usize> = docs
                .iter()
                .enumerate()
                .filter(|(_, d)| terms(d).contains(term))
                .map(|(i, _)| i)
                .collect();
            if overlaps || seen_sets.contains(&used_in) {
                continue;
            }
            seen_sets.push(used_in);
            let (count, other) = if sign > 0.0 { (*a, *b) } else { (*b, *a) };
            out.push(Term {
                term: term.clone(),
                z: z * sign,
                log_odds: delta * sign,
                count,
                other_count: other,
                examples: examples(docs, term),
            });
        }
        out
    };
    let scores = |neg: bool| -> String {
        match (survey.as_str(), neg) {
            ("nps", true) => "0–6".into(),
            ("nps", false) => "9–10".into(),
            (_, true) => format!("bottom two points of 1–{scale_hi}"),
            (_, false) => format!("top two points of 1–{scale_hi}"),
        }
    };
    Ok(CommentsReport {
        client: client.to_owned(),
        period: PeriodRange::of(&o.period, today),
        method:
            "log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)"
                .into(),
        negative: Side {
            group: neg_name.into(),
            scores: scores(true),
            comments: neg.len() as u64,
            terms: pick(1.0, &neg),
        },
        positive: Side {
            group: pos_name.into(),
            scores: scores(false),
            comments: pos.len() as u64,
            terms: pick(-1.0, &pos),
        },
        survey,
        middle_comments: middle,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_content_words_and_adjacent_phrases() {
        let t = terms("The delivery was SLOW, slow delivery again!");
        assert!(t.contains("delivery") && t.contains("slow"));
        assert!(t.contains("slow delivery"));
        // A stop word or punctuation ends a phrase.
        assert!(!t.contains("delivery slow") && !t.contains("slow slow"));
        assert!(!t.contains("the") && !t.contains("was slow"));
        let t = terms("Livrare rapidă și produse bune");
        assert!(t.contains("livrare rapidă") && t.contains("produse bune"));
        assert!(!t.contains("rapidă produse"), "și breaks the phrase");
    }

    #[test]
    fn log_odds_against_a_hand_computation() {
        // a = 30 of 300, b = 5 of 500, α_w = 1000·35/800 = 43.75, α0 = 1000:
        // δ = ln(73.75/1226.25) − ln(48.75/1451.25) = −2.8110 + 3.3934 = 0.5824
        // σ² = 1/73.75 + 1/48.75 = 0.034072; z = 3.1554
        let (d, z) = log_odds_z(30.0, 300.0, 5.0, 500.0, 43.75, 1000.0);
        assert!((d - 0.5824).abs() < 1e-3, "{d}");
        assert!((z - 3.1554).abs() < 1e-3, "{z}");
        // Symmetry: swapping the groups flips the sign.
        let (d2, z2) = log_odds_z(5.0, 500.0, 30.0, 300.0, 43.75, 1000.0);
        assert!((d + d2).abs() < 1e-12 && (z + z2).abs() < 1e-12);
    }
}
