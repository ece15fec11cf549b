//! The patterns of import profiles: header texts and file names with `*`
//! for any text and `{name}` placeholders, compared leniently (as
//! [`fold_key`] does: case, spaces, ß/ss, ä/ae).
//!
//! In header patterns a placeholder is replaced by its value (a goal id
//! such as `3.1`) and must end where a word ends, so `3.1` never matches the
//! header of goal `3.10`. In file-name patterns `{kommune}` and `{jahr}`
//! capture text: the municipality id (anything but empty) and a year (four
//! digits).

use crate::catalog::fold_key;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// Literal (folded) text.
    Lit(Vec<char>),
    /// Any text, also none.
    Star,
    /// The end of a word: the text ends or a character that is not a
    /// letter or digit follows.
    Boundary,
    /// A captured municipality id.
    Municipality,
    /// A captured four-digit year.
    Year,
}

/// A compiled pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    tokens: Vec<Token>,
}

/// What a file-name pattern captured (folded text).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Captures {
    /// The `{kommune}` part.
    pub municipality: String,
    /// The `{jahr}` part.
    pub year: i32,
}

impl Pattern {
    /// A header pattern; `vars` give the values of its placeholders.
    /// `Err` names a placeholder that has no value.
    pub fn header(template: &str, vars: &[(&str, &str)]) -> Result<Pattern, String> {
        Pattern::compile(template, |name| {
            let (_, value) = vars.iter().find(|(n, _)| *n == name)?;
            Some(vec![Token::Lit(fold_key(value).chars().collect()), Token::Boundary])
        })
    }

    /// A file-name pattern with `{kommune}` and `{jahr}`.
    pub fn file_name(template: &str) -> Result<Pattern, String> {
        Pattern::compile(template, |name| match name {
            "kommune" => Some(vec![Token::Municipality]),
            "jahr" => Some(vec![Token::Year]),
            _ => None,
        })
    }

    fn compile(template: &str, slot: impl Fn(&str) -> Option<Vec<Token>>) -> Result<Pattern, String> {
        let folded = fold_key(template);
        let mut tokens = Vec::new();
        let mut literal = Vec::new();
        let mut chars = folded.chars();
        let flush = |literal: &mut Vec<char>, tokens: &mut Vec<Token>| {
            if !literal.is_empty() {
                tokens.push(Token::Lit(std::mem::take(literal)));
            }
        };
        while let Some(c) = chars.next() {
            match c {
                '*' => {
                    flush(&mut literal, &mut tokens);
                    tokens.push(Token::Star);
                }
                '{' => {
                    flush(&mut literal, &mut tokens);
                    let name: String = chars.by_ref().take_while(|&c| c != '}').collect();
                    tokens.extend(slot(&name).ok_or_else(|| format!("unbekannter Platzhalter {{{name}}}"))?);
                }
                _ => literal.push(c),
            }
        }
        flush(&mut literal, &mut tokens);
        Ok(Pattern { tokens })
    }

    /// True if the whole text matches.
    pub fn matches(&self, text: &str) -> bool {
        self.captures(text).is_some()
    }

    /// What the pattern captured, if the whole text matches.
    pub fn captures(&self, text: &str) -> Option<Captures> {
        let text: Vec<char> = fold_key(text).chars().collect();
        let mut captures = Captures::default();
        match_at(&self.tokens, &text, &mut captures).then_some(captures)
    }
}

fn match_at(tokens: &[Token], text: &[char], captures: &mut Captures) -> bool {
    let Some((first, rest)) = tokens.split_first() else { return text.is_empty() };
    match first {
        Token::Lit(lit) => text.starts_with(lit) && match_at(rest, &text[lit.len()..], captures),
        Token::Star => (0..=text.len()).any(|skip| match_at(rest, &text[skip..], captures)),
        Token::Boundary => text.first().is_none_or(|c| !c.is_alphanumeric()) && match_at(rest, text, captures),
        Token::Municipality => (1..=text.len()).any(|len| {
            let found = match_at(rest, &text[len..], captures);
            if found {
                captures.municipality = text[..len].iter().collect();
            }
            found
        }),
        Token::Year => {
            let year = text.get(..4).filter(|digits| digits.iter().all(char::is_ascii_digit));
            let Some(year) = year.and_then(|digits| digits.iter().collect::<String>().parse::<i32>().ok()) else {
                return false;
            };
            let found = match_at(rest, &text[4..], captures);
            if found {
                captures.year = year;
            }
            found
        }
    }
}

/// True if a header is this question code: the code alone, or the code
/// followed by its question text ("QD3[Z1]. Wie …", LimeSurvey's
/// "Fragencode & Fragetext"). `code` is folded.
pub fn code_matches(code: &str, header: &str) -> bool {
    let header = fold_key(header);
    match header.strip_prefix(code) {
        Some(rest) => rest.chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '[' || c == '_')),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_placeholders_end_at_a_word_end() {
        let goal = Pattern::header("*[{ziel}*]", &[("ziel", "3.1")]).unwrap();
        assert!(goal.matches("Wie schätzen Sie QD3 Netzwerk ein? [3.1 Relevante Partner]"));
        assert!(goal.matches("[3.1]"));
        assert!(!goal.matches("Frage [3.10 Andere]"));
        assert!(!goal.matches("Frage [13.1 Andere]"));
        let need = Pattern::header("*Entwicklungsbedarf*[{dim}*]", &[("dim", "QD1")]).unwrap();
        assert!(need.matches("Wie hoch ist der Entwicklungsbedarf? [QD1 Grundidee]"));
        assert!(!need.matches("Wie hoch ist der Entwicklungsbedarf? [QD10 Wirkung]"));
        assert!(Pattern::header("{x}", &[]).is_err());
    }

    #[test]
    fn texts_compare_leniently() {
        let p = Pattern::header("Datum letzte Aktivität", &[]).unwrap();
        assert!(p.matches("  datum  letzte aktivitaet "));
        assert!(Pattern::header("*Time", &[]).unwrap().matches("123456X7time"));
    }

    #[test]
    fn file_names_capture_municipality_and_year() {
        let p = Pattern::file_name("limesurvey-{kommune}-{jahr}").unwrap();
        let found = p.captures("LimeSurvey-St-Georgen-2026").unwrap();
        assert_eq!(found, Captures { municipality: "st-georgen".into(), year: 2026 });
        assert!(p.captures("limesurvey-auenfeld-26").is_none());
        assert!(p.captures("limesurvey--2026").is_none());
        assert!(p.captures("results-survey123456").is_none());
        assert!(Pattern::file_name("x-{ort}").is_err());
    }

    #[test]
    fn codes_match_alone_or_before_their_text() {
        assert!(code_matches("qd3[z1]", "QD3[Z1]"));
        assert!(code_matches("qd3[z1]", "QD3[Z1]. Wie schätzen Sie …"));
        assert!(!code_matches("qd3[z1]", "QD3[Z10]"));
        assert!(code_matches("sektor", "SEKTOR"));
        assert!(!code_matches("sektor", "SEKTOR[other]"));
        assert!(!code_matches("id", "idee"));
    }
}
