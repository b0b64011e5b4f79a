//! The languages Rapport writes: English, Romanian, Simplified Chinese and
//! Persian.
//!
//! A [`Locale`] is passed to every function that writes for people; there
//! is no global language. [`numbers`] writes numbers in the locale's
//! digits and separators with ICU4X (CLDR data compiled in), and
//! [`messages`] holds the Fluent catalogues (`messages/<tag>.ftl`) whose
//! sentences every front end shares, so the CLI, the reports and the web
//! say the same thing in the same words.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

pub mod lists;
pub mod messages;
pub mod numbers;

/// The language and number conventions text is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Locale {
    /// English: `1,234.5`, `12.5 %`.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Romanian: `1.234,5`, `12,5 %`.
    #[serde(rename = "ro")]
    Ro,
    /// Simplified Chinese: `1,234.5`, `12.5%`.
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// Persian, right to left, in Persian digits: `۱٬۲۳۴٫۵`, `۱۲٫۵٪`.
    #[serde(rename = "fa")]
    Fa,
}

/// The direction a locale's text runs in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    LeftToRight,
    RightToLeft,
}

impl Direction {
    /// The HTML `dir` attribute and Typst's `dir` value: `ltr` or `rtl`.
    pub fn attribute(self) -> &'static str {
        match self {
            Direction::LeftToRight => "ltr",
            Direction::RightToLeft => "rtl",
        }
    }
}

impl Locale {
    /// Every locale Rapport writes.
    pub const ALL: &'static [Locale] = &[Locale::En, Locale::Ro, Locale::ZhHans, Locale::Fa];

    /// The locale as ICU4X's CLDR data names it (`zh` for `zh-Hans`, whose
    /// data is CLDR's default for Chinese).
    fn icu(self) -> Option<icu_locale_core::Locale> {
        let tag = match self {
            Locale::ZhHans => "zh",
            other => other.tag(),
        };
        tag.parse().ok()
    }

    /// The BCP 47 tag (`en`, `ro`, `zh-Hans`, `fa`).
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ro => "ro",
            Locale::ZhHans => "zh-Hans",
            Locale::Fa => "fa",
        }
    }

    /// The language's own name for itself, as a language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ro => "Română",
            Locale::ZhHans => "简体中文",
            Locale::Fa => "فارسی",
        }
    }

    /// The direction the language is written in.
    pub fn direction(self) -> Direction {
        match self {
            Locale::Fa => Direction::RightToLeft,
            _ => Direction::LeftToRight,
        }
    }
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// A language tag Rapport does not write.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{tag}` is not a language Rapport writes; the languages are: {known}")]
pub struct UnknownLocale {
    pub tag: String,
    pub known: String,
}

impl FromStr for Locale {
    type Err = UnknownLocale;

    /// Reads a BCP 47 tag or a POSIX locale name (`ro_RO.UTF-8`, as
    /// `LANG` holds it): the language decides, and for Chinese the script
    /// or region must be the simplified one's (`zh`, `zh-Hans`, `zh-CN`,
    /// `zh-SG`); Traditional Chinese is not written, so it is refused
    /// rather than shown in the wrong script.
    fn from_str(tag: &str) -> Result<Locale, UnknownLocale> {
        let unknown = || UnknownLocale {
            tag: tag.to_owned(),
            known: Locale::ALL
                .iter()
                .map(|l| l.tag())
                .collect::<Vec<_>>()
                .join(", "),
        };
        let base = tag.split(['.', '@']).next().unwrap_or_default();
        let mut parts = base.split(['-', '_']).map(str::to_ascii_lowercase);
        let language = parts.next().unwrap_or_default();
        let rest: Vec<String> = parts.collect();
        match language.as_str() {
            "en" => Ok(Locale::En),
            "ro" => Ok(Locale::Ro),
            "fa" => Ok(Locale::Fa),
            "zh" => {
                let traditional = rest
                    .iter()
                    .any(|p| matches!(p.as_str(), "hant" | "tw" | "hk" | "mo"));
                if traditional {
                    Err(unknown())
                } else {
                    Ok(Locale::ZhHans)
                }
            }
            _ => Err(unknown()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_parse_by_their_tag_and_unknown_ones_are_named() {
        assert_eq!("en".parse::<Locale>(), Ok(Locale::En));
        assert_eq!("en-GB".parse::<Locale>(), Ok(Locale::En));
        assert_eq!("ro_RO.UTF-8".parse::<Locale>(), Ok(Locale::Ro));
        assert_eq!("zh-Hans".parse::<Locale>(), Ok(Locale::ZhHans));
        assert_eq!("zh_CN".parse::<Locale>(), Ok(Locale::ZhHans));
        assert_eq!("fa-IR".parse::<Locale>(), Ok(Locale::Fa));
        assert!("zh-TW".parse::<Locale>().is_err());
        assert!("zh-Hant".parse::<Locale>().is_err());
        let e = "xx".parse::<Locale>().expect_err("unknown");
        assert!(e.to_string().contains("`xx`"), "{e}");
        assert!(e.to_string().contains("zh-Hans, fa"), "{e}");
        for l in Locale::ALL {
            assert_eq!(l.tag().parse::<Locale>(), Ok(*l));
        }
        assert_eq!(Locale::Fa.direction().attribute(), "rtl");
        assert_eq!(Locale::Ro.direction().attribute(), "ltr");
    }
}
