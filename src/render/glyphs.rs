//! Which characters the fonts of a templates folder can show, and the
//! replacement of the others by a visible placeholder.

use std::path::Path;

use typst::foundations::Bytes;
use typst::text::{Coverage, Font};

use super::RenderError;
use super::world::load_fonts;

/// Printed instead of a character that no shipped font can show.
pub const PLACEHOLDER: &str = "[?]";

/// The characters a set of fonts has glyphs for.
pub struct Glyphs {
    coverage: Vec<Coverage>,
}

impl Glyphs {
    /// The glyphs of loaded fonts.
    pub(crate) fn of_fonts(fonts: &[Font]) -> Glyphs {
        Glyphs { coverage: fonts.iter().map(|f| f.info().coverage.clone()).collect() }
    }

    /// The glyphs of the fonts in `<templates_dir>/fonts`, as the
    /// [`super::Engine`] of that folder would load them.
    pub fn of_templates(templates_dir: &Path) -> Result<Glyphs, RenderError> {
        let fonts = load_fonts(&templates_dir.join("fonts"), &templates_dir.join("fonts"))?;
        Ok(Glyphs::of_fonts(&fonts))
    }

    /// The glyphs of font files given as bytes (e.g. the embedded ones).
    pub fn of_font_files<'a>(files: impl IntoIterator<Item = &'a [u8]>) -> Glyphs {
        let fonts: Vec<Font> = files.into_iter().flat_map(|data| Font::iter(Bytes::new(data.to_vec()))).collect();
        Glyphs::of_fonts(&fonts)
    }

    /// Whether `c` prints: a font has it, or it is white space or an
    /// invisible formatting character (zero-width space, joiners, variation
    /// selectors, soft hyphen) that needs no glyph.
    pub fn shows(&self, c: char) -> bool {
        let invisible = matches!(c,
            '\u{00AD}' | '\u{034F}' | '\u{180B}'..='\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{206F}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}');
        invisible || c.is_whitespace() || c.is_ascii() || self.coverage.iter().any(|cov| cov.contains(c as u32))
    }

    /// Replaces every character of the strings in `data` that does not
    /// show with [`PLACEHOLDER`], so that such text never fails a document,
    /// and lets words too long for any line break anywhere (see
    /// [`breakable`]); returns the characters replaced, in order of first
    /// appearance.
    pub fn make_printable(&self, data: &mut serde_json::Value) -> Vec<char> {
        let mut replaced = Vec::new();
        self.replace_in(data, &mut replaced);
        replaced
    }

    fn replace_in(&self, value: &mut serde_json::Value, replaced: &mut Vec<char>) {
        match value {
            serde_json::Value::String(text) => {
                if let Some(broken) = breakable(text) {
                    *text = broken;
                }
                if text.chars().all(|c| self.shows(c)) {
                    return;
                }
                let mut out = String::with_capacity(text.len());
                for c in text.chars() {
                    if self.shows(c) {
                        out.push(c);
                    } else {
                        if !replaced.contains(&c) {
                            replaced.push(c);
                        }
                        out.push_str(PLACEHOLDER);
                    }
                }
                *text = out;
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(|v| self.replace_in(v, replaced)),
            serde_json::Value::Object(fields) => fields.values_mut().for_each(|v| self.replace_in(v, replaced)),
            _ => {}
        }
    }
}

/// Words longer than this may break between any two characters.
const LONG_WORD: usize = 40;

/// `text` with a zero-width space between the characters of every run of
/// more than [`LONG_WORD`] characters without white space (a name typed
/// without spaces, a pasted link), so it wraps instead of running off the
/// page; `None` when there is no such run. Ordinary German compounds are
/// shorter and keep their hyphenation. No break goes before a combining
/// mark, joiner, variation selector or skin-tone modifier.
pub fn breakable(text: &str) -> Option<String> {
    let mut run = 0;
    let long = text.chars().any(|c| {
        run = if c.is_whitespace() { 0 } else { run + 1 };
        run > LONG_WORD
    });
    if !long {
        return None;
    }
    let mut out = String::with_capacity(text.len() * 2);
    for word in text.split_inclusive(char::is_whitespace) {
        let long = word.trim_end().chars().count() > LONG_WORD;
        for (i, c) in word.chars().enumerate() {
            if long && i > 0 && !c.is_whitespace() && !attaches(c) {
                out.push('\u{200B}');
            }
            out.push(c);
        }
    }
    Some(out)
}

/// Characters that belong to the one before them.
fn attaches(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F
        | 0x200C | 0x200D | 0xFE00..=0xFE0F | 0x1F3FB..=0x1F3FF | 0xE0100..=0xE01EF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_words_over_40_characters_become_breakable() {
        assert_eq!(breakable("Qualitätsentwicklungswerkstätten und mehr"), None);
        let long = "a".repeat(41);
        let broken = breakable(&format!("x {long} y")).unwrap();
        assert_eq!(broken.matches('\u{200B}').count(), 40);
        assert!(broken.starts_with("x a\u{200B}a") && broken.ends_with("a y"));
        let marked = format!("{}e\u{301}", "b".repeat(41));
        assert!(breakable(&marked).unwrap().ends_with("e\u{301}"));
    }
}
