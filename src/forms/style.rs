//! Cell formats shared by every sheet of a form.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder};

/// Excel number format for dates: German day-first order, as users type it.
pub(super) const DATE_FORMAT: &str = "dd.mm.yyyy";

/// Light yellow marks cells a user is expected to fill (Info sheet).
const INPUT_FILL: u32 = 0xFFF8DC;
/// Light blue-grey header background, readable when printed in black and white.
const HEADER_FILL: u32 = 0xDDE6F0;

/// The formats of one workbook.
pub(super) struct Formats {
    /// Header cells: bold, wrapped, locked.
    pub header: Format,
    /// Data cells users type into: unlocked.
    pub input: Format,
    /// Date cells users type into: unlocked, German date format.
    pub input_date: Format,
    /// Info sheet keys: bold, locked.
    pub key: Format,
    /// Info sheet values to fill: unlocked, highlighted.
    pub value: Format,
    /// Info sheet date value: unlocked, highlighted, date format.
    pub value_date: Format,
    /// Info sheet value that must not change (Formular): locked.
    pub fixed_value: Format,
    /// Hints next to Info values: italic grey, on one line (the column is wide).
    pub hint: Format,
    /// Guide title.
    pub title: Format,
    /// Guide notice (synthetic data): bold red.
    pub notice: Format,
    /// Guide section heading.
    pub heading: Format,
    /// Guide body text: wrapped.
    pub text: Format,
}

impl Formats {
    /// Builds the formats.
    pub fn new() -> Formats {
        let input = Format::new().set_unlocked().set_align(FormatAlign::Top);
        let value =
            Format::new().set_unlocked().set_background_color(Color::RGB(INPUT_FILL)).set_border(FormatBorder::Thin);
        Formats {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top)
                .set_background_color(Color::RGB(HEADER_FILL))
                .set_border(FormatBorder::Thin)
                .set_locked(),
            input_date: input.clone().set_num_format(DATE_FORMAT),
            input,
            key: Format::new().set_bold().set_locked(),
            value_date: value.clone().set_num_format(DATE_FORMAT).set_align(FormatAlign::Left),
            value: value.set_align(FormatAlign::Left),
            fixed_value: Format::new().set_bold().set_locked(),
            hint: Format::new().set_italic().set_font_color(Color::RGB(0x595959)).set_locked(),
            title: Format::new().set_bold().set_font_size(16).set_locked(),
            notice: Format::new().set_bold().set_font_color(Color::RGB(0xC00000)).set_text_wrap().set_locked(),
            heading: Format::new().set_bold().set_font_size(12).set_locked(),
            text: Format::new().set_text_wrap().set_align(FormatAlign::Top).set_locked(),
        }
    }
}

/// Height (points) of a row whose wrapped text of `chars` characters sits in
/// a column `width` characters wide. Needed because neither Excel nor
/// LibreOffice reliably grows rows of generated files to fit wrapped text.
pub(super) fn wrapped_height(text: &str, width: f64) -> f64 {
    // Proportional fonts fit somewhat more characters than the width unit
    // (the width of "0"); 1.1 keeps a margin so that text is never cut off.
    let per_line = (width * 1.1).max(1.0);
    let lines = text.split('\n').map(|part| (part.chars().count() as f64 / per_line).ceil().max(1.0)).sum::<f64>();
    LINE_HEIGHT * lines + 2.0
}

/// Height of one line of 11-point text.
const LINE_HEIGHT: f64 = 15.0;
