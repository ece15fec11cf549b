//! Finds characters in the text cells of workbooks that no font of the
//! templates can show, so that `qdfh check` names cell and character before
//! a report prints "[?]" in their place.

use std::path::{Path, PathBuf};

use calamine::Data;
use rayon::prelude::*;

use super::workbook::Book;
use crate::diagnostics::{Cell, Diagnostic, Diagnostics};
use crate::format::named_characters;

/// Whether the report fonts can show a character.
pub type Prints<'a> = &'a (dyn Fn(char) -> bool + Sync);

/// One warning per text cell of a visible sheet that holds characters for
/// which `prints` is false. Files that cannot be opened are skipped: reading
/// them already reported why.
pub fn unprintable_characters(files: &[PathBuf], prints: Prints) -> Diagnostics {
    let found: Vec<Diagnostics> = files.par_iter().map(|file| in_file(file, prints)).collect();
    let mut diags = Diagnostics::default();
    found.into_iter().for_each(|d| diags.items.extend(d.items));
    diags
}

fn in_file(file: &Path, prints: Prints) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let Ok(mut book) = Book::open(file) else { return diags };
    for sheet in book.visible_sheet_names() {
        let Ok(Some((name, range))) = book.sheet(&sheet) else { continue };
        let (top, left) = range.start().unwrap_or_default();
        for (row, col, data) in range.used_cells() {
            let Data::String(text) = data else { continue };
            let missing = unprintable(text, prints);
            if !missing.is_empty() {
                let cell = Cell::new(top + row as u32, left + col as u32);
                diags.push(Diagnostic::warning(file, message(&missing)).in_sheet(&name).at(cell));
            }
        }
    }
    diags
}

/// The characters of `text` that do not print, each once, in order.
/// Control characters are left out: reading drops them anyway.
fn unprintable(text: &str, prints: Prints) -> Vec<char> {
    let mut missing = Vec::new();
    for c in text.chars() {
        if !c.is_control() && !prints(c) && !missing.contains(&c) {
            missing.push(c);
        }
    }
    missing
}

fn message(missing: &[char]) -> String {
    let (subject, verb) = if missing.len() == 1 { ("Das Zeichen", "kann") } else { ("Die Zeichen", "können") };
    format!(
        "{subject} {} {verb} mit den Schriften der Berichte nicht dargestellt werden; dort steht „[?]“",
        named_characters(missing)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_each_unprintable_character_once() {
        let prints = |c: char| c.is_ascii();
        assert_eq!(unprintable("a漢b漢ü\u{7}", &prints), vec!['漢', 'ü']);
        assert_eq!(
            message(&['漢', 'ü']),
            "Die Zeichen „漢“ (U+6F22) und „ü“ (U+00FC) können mit den Schriften der Berichte nicht dargestellt werden; dort steht „[?]“"
        );
        assert!(message(&['漢']).starts_with("Das Zeichen „漢“ (U+6F22) kann "));
    }
}
