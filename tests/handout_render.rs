//! The handout compiled from the hand-computed fixture: the printed numbers
//! are the ones computed by hand in `analysis_hand.rs`.

use crate::common;

use common::render::{FixtureDocs, pdf_text};
use qdfh::documents::Subject;

/// The handout of fixture municipality `id` ("a" … "d").
fn handout_pdf(id: &str) -> Vec<u8> {
    FixtureDocs::new().make("handout", Subject::Municipality(id.into()))
}

#[test]
fn handout_prints_the_hand_computed_numbers() {
    let Some(flat) = pdf_text(&handout_pdf("a")) else { return };
    assert!(flat.contains("Auf einen Blick"), "{flat}");
    // 4 respondents, 2 strategic and 2 operative: both levels below
    // min_n 3, so the split is not named, only the total.
    assert!(flat.contains("haben 4 Personen"), "{flat}");
    assert!(flat.contains("wie viele davon auf welcher Ebene arbeiten, wird nicht genannt"), "{flat}");
    assert!(!flat.contains("davon 2 auf der strategischen"), "{flat}");
    // Goal 3.1: mean 4.25 → "4,3", median 4,5, Top-2 50 %; change +2,25 → "2,3".
    assert!(flat.contains("4,3"), "{flat}");
    assert!(flat.contains("4,5"), "{flat}");
    assert!(flat.contains("50 %") || flat.contains("50\u{202f}%") || flat.contains("50\u{a0}%"), "{flat}");
    // QD3 need 11/3 → "3,7".
    assert!(flat.contains("3,7"), "{flat}");
    // Goal 3.2 has 2 answers: hidden.
    assert!(flat.contains("zu wenige Angaben"), "{flat}");
    assert!(flat.contains("überfällig"), "{flat}");
}

#[test]
fn the_workshop_feedback_and_the_dialogue_questions_are_printed() {
    let Some(flat) = pdf_text(&handout_pdf("a")) else { return };
    // Feedback 5, 4, 4, 2: mean 3,75 → "3,8"; 4 or 5: 3 of 4 = 75 %.
    assert!(flat.contains("4 Rückmeldebögen; Zufriedenheit im Mittel 3,8"), "{flat}");
    assert!(flat.contains("„sehr zufrieden“; Anteil „zufrieden“ oder „sehr zufrieden“: 75"), "{flat}");
    // a's focus is QD3: its dialogue questions, not those of another dimension.
    let catalog = qdfh::project::default_catalog();
    let dialog = |id: &str| catalog.dimension(id).unwrap().dialog.clone();
    assert!(!dialog("QD3").is_empty());
    for question in dialog("QD3") {
        let start: String = question.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&start), "{start}: {flat}");
    }
    let other: String = dialog("QD11")[0].split_whitespace().take(5).collect::<Vec<_>>().join(" ");
    assert!(!flat.contains(&other), "{other}");
    // With min_n 5 the four feedback forms are too few.
    let mut docs = FixtureDocs::new();
    docs.settings.min_n = 5;
    let Some(flat) = pdf_text(&docs.make("handout", Subject::Municipality("a".into()))) else { return };
    assert!(flat.contains("Die Zufriedenheit wird nicht gezeigt"), "{flat}");
    assert!(!flat.contains("3,8"), "{flat}");
}

#[test]
fn municipality_with_too_few_answers_gets_a_plain_handout() {
    let Some(flat) = pdf_text(&handout_pdf("d")) else { return };
    assert!(flat.contains("zu wenige Angaben vor"), "{flat}");
    assert!(flat.contains("2 Personen haben geantwortet"), "{flat}");
}

#[test]
fn a_small_total_reads_fewer_than_when_the_settings_say_so() {
    let mut docs = FixtureDocs::new();
    docs.settings.small_totals = qdfh::analysis::suppress::CountRule::WenigerAls;
    let pdf = docs.make("handout", Subject::Municipality("d".into()));
    let Some(flat) = pdf_text(&pdf) else { return };
    // d: 2 respondents, min_n 3.
    assert!(flat.contains("weniger als 3 Personen haben geantwortet"), "{flat}");
    assert!(!flat.contains("2 Personen"), "{flat}");
    // With the split shown on request, a: 2 strategic and 2 operative.
    docs.settings.small_groups = qdfh::analysis::suppress::CountRule::Zeigen;
    let pdf = docs.make("handout", Subject::Municipality("a".into()));
    let Some(flat) = pdf_text(&pdf) else { return };
    assert!(flat.contains("davon 2 auf der strategi") && flat.contains("und 2 auf der operativen Ebene"), "{flat}");
}

/// Writes the fixture handout to `QDFH_HANDOUT_OUT` for looking at it.
#[test]
fn write_handout_for_inspection() {
    if let Ok(path) = std::env::var("QDFH_HANDOUT_OUT") {
        std::fs::write(path, handout_pdf("a")).unwrap();
    }
}

#[test]
fn a_handout_without_cluster_shows_no_cluster_values() {
    let mut docs = FixtureDocs::new();
    docs.inputs.municipalities[0].cluster = String::new();
    let pdf = docs.make("handout", Subject::Municipality("a".into()));
    let Some(flat) = pdf_text(&pdf) else { return };
    assert!(flat.contains("keinem Cluster zugeordnet"), "{flat}");
    assert!(!flat.contains("Cluster:"), "{flat}");
    let year = docs.year();
    let kinds: Vec<String> = year.plan().unwrap().iter().map(|d| format!("{:?}", d.subject)).collect();
    assert!(!kinds.iter().any(|k| k == "Cluster(\"\")"), "{kinds:?}");
}

#[test]
fn long_texts_flow_across_pages_and_long_words_wrap() {
    let mut docs = FixtureDocs::new();
    let long_word = format!("Anfang{}Ende", "x".repeat(400));
    // 600 short tokens that hyphenation cannot split: about 3,000 characters.
    let long_text = format!("Beginn {} Schluss", "Qx7 ".repeat(600));
    let actions = &mut docs.inputs.years.get_mut(&2026).unwrap().workshops[0].actions;
    actions[0].measure = long_text.clone();
    actions[1].goal = long_word.clone();
    let pdf = docs.make("handout", Subject::Municipality("a".into()));
    if let Ok(path) = std::env::var("QDFH_LONG_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    let Some(flat) = pdf_text(&pdf) else { return };
    let compact: String =
        flat.chars().filter(|c| !c.is_whitespace() && !['-', '\u{ad}', '\u{200b}'].contains(c)).collect();
    // Every token is printed once, up to the end of the text.
    assert_eq!(compact.matches("Qx7").count(), 600, "text was cut or overprinted");
    assert!(compact.contains("Schluss"), "the end of the long text is lost");
    // The word may break across a page, with the running head and the
    // table header between its parts: all 400 x lie between its ends.
    let start = compact.find("Anfang").expect("the start of the long word");
    let end = start + compact[start..].find("Ende").expect("the end of the long word");
    assert_eq!(compact[start..end].matches('x').count(), 400, "the long word is not printed whole");
}

/// The handout of "a" with comments and workshop feedback in the inputs.
fn handout_with_free_text(print: bool) -> Option<String> {
    let mut docs = FixtureDocs::new();
    docs.settings.print_free_text = print;
    let year = docs.inputs.years.get_mut(&2026).unwrap();
    let survey = year.surveys.iter_mut().find(|s| s.municipality == "a").unwrap();
    // Row order puts "Zweite" first; printed sorted, "Erste" comes first.
    survey.respondents[0].comment = Some("Zweite Anmerkung zur Vernetzung".into());
    survey.respondents[2].comment = Some("Erste Anmerkung: mehr Austausch".into());
    year.workshops[0].feedback.push(qdfh::model::Feedback {
        municipality: "a".into(),
        satisfaction: qdfh::model::Answer::Value(5),
        text: Some("Werkstatt war hilfreich".into()),
    });
    pdf_text(&docs.make("handout", Subject::Municipality("a".into())))
}

#[test]
fn free_texts_are_printed_only_when_the_settings_allow_it() {
    let Some(printed) = handout_with_free_text(true) else { return };
    assert!(printed.contains("Anmerkungen der Befragten"), "{printed}");
    let (first, second) = (printed.find("Erste Anmerkung").unwrap(), printed.find("Zweite Anmerkung").unwrap());
    assert!(first < second, "{printed}");
    // The workshop had fewer than min_n (3) participants: its feedback stays hidden.
    assert!(!printed.contains("Werkstatt war hilfreich"), "{printed}");
    assert!(printed.contains("Freitexte werden gedruckt"), "{printed}");

    let Some(hidden) = handout_with_free_text(false) else { return };
    assert!(!hidden.contains("Anmerkung zur Vernetzung") && !hidden.contains("Anmerkungen der Befragten"), "{hidden}");
    assert!(hidden.contains("Freitexte werden nicht gedruckt"), "{hidden}");
}

#[test]
fn everyday_symbols_and_scripts_print_and_the_rest_becomes_a_visible_placeholder() {
    let mut docs = FixtureDocs::new();
    let typed = "Kaffee ☕ ✓ ♥ ☎ ① ★ → שלום مرحبا Ελλάδα Привет Gülşen 😀 👍 漢";
    docs.inputs.years.get_mut(&2026).unwrap().workshops[0].actions[0].measure = typed.into();
    docs.inputs.municipalities[1].name = "Kommune b 😀 שלום 漢".into();
    let year = docs.year();
    for document in year.plan().unwrap() {
        // Under the default accessible profile nothing fails for a character.
        let made = document.make(&year, common::render::engine()).unwrap_or_else(|e| panic!("{}: {e}", document.title));
        if matches!(&document.subject, Subject::Municipality(id) if id == "a") {
            assert!(made.warnings.contains("U+6F22"), "{}", made.warnings);
            if let Ok(path) = std::env::var("QDFH_SYMBOLS_OUT") {
                std::fs::write(path, &made.bytes).unwrap();
            }
            let Some(text) = pdf_text(&made.bytes) else { return };
            for c in ["☕", "✓", "♥", "☎", "①", "★", "→", "Ελλάδα", "Привет", "Gülşen", "😀", "👍", "[?]"]
            {
                assert!(text.contains(c), "{c} missing: {text}");
            }
            for c in "שלוםمرحبا".chars() {
                assert!(text.contains(c), "{c} missing: {text}");
            }
            assert!(!text.contains('漢'));
        }
    }
}

#[test]
fn three_years_of_indicators_show_their_course_and_the_target() {
    let mut docs = FixtureDocs::new();
    docs.inputs = crate::analysis_hand::indicator_inputs();
    let pdf = docs.make("handout", Subject::Municipality("a".into()));
    if let Ok(path) = std::env::var("QDFH_INDICATORS_OUT") {
        std::fs::write(path, &pdf).unwrap();
    }
    let Some(flat) = pdf_text(&pdf) else { return };
    // Netzwerkpartner 15, 20, 24 over 2024–2026, target 30 not reached;
    // Gesundheitsfachkräfte 1,5 against 1,0 (one decimal like the row): reached.
    assert!(flat.contains("Kennzahl 2024 2025 2026") && flat.contains("Zielwert 2026"), "{flat}");
    assert!(flat.contains("15 20 24 30 (noch nicht)"), "{flat}");
    assert!(flat.contains("1,5 1,0 (erreicht)"), "{flat}");
    assert!(flat.contains("belegt QD3 Netzwerk, Ziel 3.1"), "{flat}");
    // QD3 over the years: 3,0 (2024), 2,0 (2025), 4,3 (2026).
    assert!(flat.contains("Entwicklung über die Jahre"), "{flat}");
    assert!(flat.contains("QD3 Netzwerk 3,0 2,0 4,3"), "{flat}");
}

#[test]
fn the_data_basis_names_only_the_inputs_the_handout_rests_on() {
    let mut docs = FixtureDocs::new();
    // b loses its survey: it has no input of its own left but Stammdaten.
    docs.inputs.years.get_mut(&2026).unwrap().surveys.retain(|s| s.municipality != "b");
    let year = docs.year();
    let sources = |id: &str| {
        let report = year.report.municipalities.iter().find(|m| m.id == id).unwrap();
        qdfh::documents::handout::handout_data(report, &year).unwrap().method.sources
    };
    // a: surveys 2026 and 2025 (QD3 shown in both), the workshop and the
    // standards; the reference date belongs to the workshop's actions.
    let made_with = format!("Erstellt mit qdfh {}.\n", env!("CARGO_PKG_VERSION"));
    assert_eq!(
        sources("a"),
        "Datengrundlage: Stammdaten, Befragungen 2025 und 2026, Qualitätsentwicklungswerkstatt, \
         Selbsteinschätzung zu den Qualitätsstandards. Stichtag für überfällige Maßnahmen: 31.12.2026. "
            .to_string()
            + &made_with
    );
    // c: a survey of 2026 only, nothing else.
    assert_eq!(sources("c"), "Datengrundlage: Stammdaten, Befragung 2026. ".to_string() + &made_with);
    assert_eq!(sources("b"), "Datengrundlage: Stammdaten. ".to_string() + &made_with);
    // With three years, a's course shows 2024 too (and key figures come in).
    let mut three = FixtureDocs::new();
    three.inputs = crate::analysis_hand::indicator_inputs();
    let year3 = three.year();
    let a = year3.report.municipalities.iter().find(|m| m.id == "a").unwrap();
    let sources3 = qdfh::documents::handout::handout_data(a, &year3).unwrap().method.sources;
    assert!(sources3.starts_with("Datengrundlage: Stammdaten, Befragungen 2024, 2025 und 2026, "), "{sources3}");
    // Without any survey the handout does not speak of too few answers.
    let b = year.report.municipalities.iter().find(|m| m.id == "b").unwrap();
    let too_few = qdfh::documents::handout::handout_data(b, &year).unwrap().too_few.unwrap();
    let said = "Für Kommune b liegt für 2026 keine Befragung vor; dieses Handout enthält daher keine Auswertung der Befragung.";
    assert_eq!(too_few.trim(), said);
}

#[test]
fn the_change_sentence_says_why_there_is_no_comparison() {
    use qdfh::model::{Rejected, RejectedKind};
    let glance_of = |docs: &FixtureDocs, id: &str| {
        let year = docs.year();
        let report = year.report.municipalities.iter().find(|m| m.id == id).unwrap();
        qdfh::documents::handout::handout_data(report, &year).unwrap().glance.join(" ")
    };
    // The plain fixture: a compares QD3 4,25 with 2,0 (≥ 0,5 apart); b sent
    // no survey in 2025.
    let docs = FixtureDocs::new();
    let a = glance_of(&docs, "a");
    assert!(a.contains("Gegenüber 2025 hat sich der Mittelwert deutlich verändert bei QD3 Netzwerk (+"), "{a}");
    let b = glance_of(&docs, "b");
    assert!(b.contains("Für 2025 liegt keine Befragung vor; ein Vergleich mit dem Vorjahr ist noch nicht möglich."));
    // c's 2025 survey has 2 answers (min_n 3); b's 2025 survey was left out.
    let mut docs = FixtureDocs::new();
    let y2025 = docs.inputs.years.get_mut(&2025).unwrap();
    y2025.surveys.push(common::fixture::survey("c", 2025, &[4, 4]));
    docs.inputs.rejected.push(Rejected {
        file: "inputs/2025/befragung-b.xlsx".into(),
        years: vec![2025],
        kind: RejectedKind::Survey,
        municipalities: vec!["b".into()],
    });
    let c = glance_of(&docs, "c");
    assert!(c.contains("Die Befragung 2025 hatte zu wenige Angaben für einen Vergleich mit dem Vorjahr."), "{c}");
    let b = glance_of(&docs, "b");
    let rejected =
        "Die Befragung 2025 wurde wegen Fehlern nicht ausgewertet; ein Vergleich mit dem Vorjahr ist nicht möglich.";
    assert!(b.contains(rejected), "{b}");
}

#[test]
fn closed_actions_are_counted_per_status() {
    // a's plan: geplant (overdue), umgesetzt, in Arbeit, plus one verworfen:
    // 4 actions, umgesetzt 1, verworfen 1 (both closed), 1 overdue.
    let mut docs = FixtureDocs::new();
    let workshop = &mut docs.inputs.years.get_mut(&2026).unwrap().workshops[0];
    workshop.actions.push(common::fixture::action("verworfen", (2026, 5, 1)));
    let year = docs.year();
    let report = &year.report.municipalities[0];
    let glance = qdfh::documents::handout::handout_data(report, &year).unwrap().glance.join(" ");
    let sentence = "Der Maßnahmenplan umfasst 4 Maßnahmen; davon umgesetzt: 1, verworfen: 1, überfällig: 1 \
                    (Termin vor dem 31.12.2026 und nicht abgeschlossen).";
    assert!(glance.contains(sentence), "{glance}");
}
