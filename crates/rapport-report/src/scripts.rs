//! Fonts for the scripts Inter does not cover: Persian's Arabic script
//! and Chinese's Han characters. A report must never show a glyph as a
//! box, so a language whose font is missing is an error naming the font
//! and the Debian package that installs it, not a silent fallback.
//!
//! - Persian: Vazirmatn NL (SIL Open Font License, `fonts/LICENSE-Vazirmatn.txt`),
//!   the Arabic-script part of Vazirmatn, the usual face of Iranian
//!   interfaces; 55 KB a weight, so it ships inside the binary and both
//!   weights are inlined whole in the HTML.
//! - Chinese: WenQuanYi Micro Hei from Debian's `fonts-wqy-microhei`
//!   (5 MB with its 20,000 Han characters, so it stays on the system).
//!   The PDF embeds the glyphs it uses (Typst subsets); the HTML carries
//!   a subset made with `skera`, the fontations subsetter, holding the
//!   characters that page shows (typically 20–40 KB). Noto Sans CJK would
//!   look finer, but its outlines are CFF, which skera 0.9 cannot subset.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

use rapport_app::words::Locale;

use crate::{Error, Result};

const VAZIRMATN_REGULAR: &[u8] = include_bytes!("../fonts/Vazirmatn-NL-Regular.ttf");
const VAZIRMATN_SEMIBOLD: &[u8] = include_bytes!("../fonts/Vazirmatn-NL-SemiBold.ttf");

/// A script font: its family name and its files' bytes (face 0 of each).
#[derive(Debug, Clone)]
pub struct ScriptFont {
    pub family: &'static str,
    /// `(data, weight)` for each face.
    pub faces: Vec<(Arc<Vec<u8>>, u32)>,
    /// Whether the family goes before Inter in the font list: Persian
    /// text shapes in one font, spaces and punctuation included; Chinese
    /// keeps Latin letters and digits in Inter.
    pub before_inter: bool,
    /// Whether the HTML carries a subset (a large font) or the whole file.
    pub subset_in_html: bool,
}

/// The Chinese font as Debian installs it.
pub const CJK_FAMILY: &str = "WenQuanYi Micro Hei";
pub const CJK_FILE: &str = "wqy-microhei.ttc";
pub const CJK_PACKAGE: &str = "fonts-wqy-microhei";

/// The folders searched for a system font: `RAPPORT_FONT_DIR` (a list,
/// like `PATH`) if set, else fontconfig's usual places.
fn font_dirs() -> Vec<PathBuf> {
    // A folder list the user gives replaces the system's, so a report
    // can be made with exactly the fonts a deployment ships.
    if let Some(v) = std::env::var_os("RAPPORT_FONT_DIR") {
        return std::env::split_paths(&v).collect();
    }
    let mut dirs: Vec<PathBuf> = Vec::new();
    dirs.push(PathBuf::from("/usr/share/fonts"));
    dirs.push(PathBuf::from("/usr/local/share/fonts"));
    if let Some(home) = std::env::var_os("HOME") {
        let home = PathBuf::from(home);
        dirs.push(home.join(".local/share/fonts"));
        dirs.push(home.join(".fonts"));
    }
    dirs
}

/// Finds a font file by name under the font folders (three levels deep,
/// as Debian lays them out: `truetype/wqy/…`).
fn find(file: &str) -> Option<PathBuf> {
    fn walk(dir: &std::path::Path, file: &str, depth: usize) -> Option<PathBuf> {
        let candidate = dir.join(file);
        if candidate.is_file() {
            return Some(candidate);
        }
        if depth == 0 {
            return None;
        }
        let mut subdirs: Vec<PathBuf> = std::fs::read_dir(dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        subdirs.sort();
        subdirs.iter().find_map(|d| walk(d, file, depth - 1))
    }
    font_dirs().iter().find_map(|d| walk(d, file, 3))
}

/// The Chinese font's bytes, read once per process.
static CJK: LazyLock<Option<Arc<Vec<u8>>>> = LazyLock::new(|| {
    find(CJK_FILE)
        .and_then(|p| std::fs::read(p).ok())
        .map(Arc::new)
});

/// The script font a locale needs, if Inter does not cover its script.
pub fn for_locale(locale: Locale) -> Result<Option<ScriptFont>> {
    match locale {
        Locale::En | Locale::Ro => Ok(None),
        Locale::Fa => Ok(Some(ScriptFont {
            family: "Vazirmatn NL",
            faces: vec![
                (Arc::new(VAZIRMATN_REGULAR.to_vec()), 400),
                (Arc::new(VAZIRMATN_SEMIBOLD.to_vec()), 600),
            ],
            before_inter: true,
            subset_in_html: false,
        })),
        Locale::ZhHans => match &*CJK {
            Some(data) => Ok(Some(ScriptFont {
                family: CJK_FAMILY,
                faces: vec![(Arc::clone(data), 400)],
                before_inter: false,
                subset_in_html: true,
            })),
            None => Err(Error::MissingFont {
                language: format!("{} ({})", locale.native_name(), locale.tag()),
                family: CJK_FAMILY,
                file: CJK_FILE,
                package: CJK_PACKAGE,
            }),
        },
    }
}

/// A font (face 0 of a file or collection) cut down to the characters of
/// `text`, as a TrueType file a browser loads; `None` when the font
/// cannot be read or subset (then the caller inlines it whole).
pub fn subset(data: &[u8], text: &str) -> Option<Vec<u8>> {
    use read_fonts::collections::IntSet;
    use read_fonts::types::{GlyphId, NameId, Tag};
    use read_fonts::{FileRef, FontRef};

    let font: FontRef = match FileRef::new(data).ok()? {
        FileRef::Font(f) => f,
        FileRef::Collection(c) => c.get(0).ok()?,
    };
    let chars: BTreeSet<u32> = text.chars().map(u32::from).collect();
    let mut unicodes = IntSet::<u32>::empty();
    unicodes.extend(chars);
    let gids = IntSet::<GlyphId>::empty();
    let drop_tables: IntSet<Tag> = [
        Tag::new(b"morx"),
        Tag::new(b"mort"),
        Tag::new(b"kerx"),
        Tag::new(b"kern"),
        Tag::new(b"JSTF"),
        Tag::new(b"DSIG"),
        Tag::new(b"EBDT"),
        Tag::new(b"EBLC"),
        Tag::new(b"EBSC"),
        Tag::new(b"SVG "),
        Tag::new(b"PCLT"),
        Tag::new(b"LTSH"),
    ]
    .into_iter()
    .collect();
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = skera::DEFAULT_LAYOUT_FEATURES.iter().copied().collect();
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::from(0)..=NameId::from(6));
    let mut name_languages = IntSet::<u16>::empty();
    name_languages.insert(0x0409);
    let plan = skera::Plan::new(
        &gids,
        &unicodes,
        &font,
        skera::SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &drop_tables,
        &scripts,
        &features,
        &name_ids,
        &name_languages,
    );
    skera::subset_font(&font, &plan).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn persian_ships_inside_and_latin_languages_need_nothing() {
        assert!(for_locale(Locale::En).expect("en").is_none());
        assert!(for_locale(Locale::Ro).expect("ro").is_none());
        let fa = for_locale(Locale::Fa).expect("fa").expect("a font");
        assert_eq!(fa.faces.len(), 2);
        // The Persian font covers Persian letters, digits and ZWNJ's neighbours.
        let face =
            typst::text::Font::new(typst::foundations::Bytes::new(fa.faces[0].0.to_vec()), 0)
                .expect("font");
        for c in "گزارش ۱۲٫۵٪ می‌شود"
            .chars()
            .filter(|c| *c != ' ' && *c != '\u{200c}')
        {
            assert!(face.info().coverage.contains(c as u32), "{c}");
        }
    }

    /// Every character of a language's catalogue has a glyph in the fonts
    /// its reports are set in, so no fixed text shows a box. (Chinese needs
    /// `fonts-wqy-microhei`, which `scripts/test` installs.)
    #[test]
    fn every_catalogue_character_has_a_glyph_in_its_languages_fonts() {
        for &locale in Locale::ALL {
            let mut faces = vec![crate::render::FONT_REGULAR.to_vec()];
            if let Some(script) = for_locale(locale).expect("the language's font is installed") {
                faces.extend(script.faces.iter().map(|(d, _)| d.to_vec()));
            }
            let fonts: Vec<typst::text::Font> = faces
                .into_iter()
                .filter_map(|d| typst::text::Font::new(typst::foundations::Bytes::new(d), 0))
                .collect();
            let text = rapport_locale::messages::catalogue(locale);
            let missing: BTreeSet<char> = text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .flat_map(str::chars)
                .filter(|c| !c.is_whitespace() && !c.is_control())
                // Joiners and direction marks are format characters, drawn as nothing.
                .filter(|c| {
                    !matches!(
                        c,
                        '\u{200c}' | '\u{200d}' | '\u{200e}' | '\u{200f}' | '\u{2068}' | '\u{2069}'
                    )
                })
                .filter(|&c| !fonts.iter().any(|f| f.info().coverage.contains(c as u32)))
                .collect();
            assert!(missing.is_empty(), "{locale}: no glyph for {missing:?}");
        }
    }

    #[test]
    fn a_subset_keeps_exactly_the_characters_asked_for() {
        let fa = for_locale(Locale::Fa).expect("fa").expect("a font");
        let data = &fa.faces[0].0;
        let small = subset(data, "گزارش").expect("subset");
        assert!(
            small.len() < data.len() / 4,
            "{} of {}",
            small.len(),
            data.len()
        );
        let face = typst::text::Font::new(typst::foundations::Bytes::new(small), 0).expect("font");
        assert!(face.info().coverage.contains(u32::from('گ')));
        assert!(!face.info().coverage.contains(u32::from('ک')));
    }
}
