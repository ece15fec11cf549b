//! Synthetic action plans (Maßnahmenplanung) with mixed statuses, some of
//! them overdue (due before the end of the workshop year and not done).

use chrono::{Datelike, Months, NaiveDate};

use super::places::Place;
use super::rng::Rng;
use crate::catalog::Catalog;
use crate::forms::{Row, Value, dimension_label};
use crate::ingest::schema::ColumnKey;

/// An action template: goal, measure, dimension id, responsible, involved,
/// indicator.
type Template = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str);

const TEMPLATES: [Template; 10] = [
    (
        "Gesundheitswesen stärker einbinden",
        "Kinderarztpraxen persönlich zum Netzwerktreffen einladen",
        "QD3",
        "Netzwerkkoordination",
        "Gesundheitsamt, Kinderarztpraxen",
        "Mindestens drei Praxen nehmen an einem Treffen teil",
    ),
    (
        "Netzwerkpartner kennen einander",
        "Steckbriefe aller Partner im Netzwerk-Wegweiser veröffentlichen",
        "QD3",
        "Netzwerkkoordination",
        "alle Netzwerkpartner",
        "Steckbriefe von 80 % der Partner liegen vor",
    ),
    (
        "Übergänge aus der Geburtsklinik verbessern",
        "Vermittlungsweg von der Geburtsklinik zu den Familienhebammen abstimmen",
        "QD3",
        "Netzwerkkoordination",
        "Geburtsklinik, Familienhebammen",
        "Ablauf ist schriftlich vereinbart",
    ),
    (
        "Gemeinsame Ziele festhalten",
        "Zielvereinbarung im Netzwerk erarbeiten und beschließen",
        "QD2",
        "Steuerungsgruppe",
        "Jugendamt, Gesundheitsamt",
        "Beschluss liegt schriftlich vor",
    ),
    (
        "Ziele regelmäßig überprüfen",
        "Halbjährliche Zielüberprüfung im Netzwerktreffen einführen",
        "QD2",
        "Netzwerkkoordination",
        "Steuerungsgruppe",
        "Zwei Überprüfungen im Jahr sind protokolliert",
    ),
    (
        "Politische Verankerung sichern",
        "Jährlichen Bericht im Jugendhilfeausschuss vorstellen",
        "QD5",
        "Jugendamtsleitung",
        "Netzwerkkoordination",
        "Bericht steht auf der Tagesordnung",
    ),
    (
        "Bedarfe planen",
        "Daten zur Lebenslage junger Familien für die Jugendhilfeplanung aufbereiten",
        "QD4",
        "Jugendhilfeplanung",
        "Gesundheitsamt, Netzwerkkoordination",
        "Datenblatt liegt der Planung vor",
    ),
    (
        "Familien beteiligen",
        "Kurze Elternbefragung in den Familienzentren durchführen",
        "QD11",
        "Familienzentren",
        "Netzwerkkoordination, Familienbildung",
        "Mindestens 50 Rückmeldungen von Eltern",
    ),
    (
        "Angebote bekannt machen",
        "Wegweiser Frühe Hilfen aktualisieren und in Praxen auslegen",
        "QD8",
        "Netzwerkkoordination",
        "Kitas, Praxen, Beratungsstellen",
        "Neuer Wegweiser liegt in allen Praxen aus",
    ),
    (
        "Gemeinsam lernen",
        "Fortbildung zu Frühen Hilfen für ASD und Familienhebammen anbieten",
        "QD6",
        "Netzwerkkoordination",
        "ASD, Familienhebammen",
        "Mindestens 20 Teilnehmende aus beiden Systemen",
    ),
];

/// A schedule relative to the workshop: status id, start and due date in
/// months after the workshop month (due at the end of that month), and how
/// often it occurs. Whether a row ends up overdue depends on the workshop
/// date, as in real plans.
type Schedule = (&'static str, Option<u32>, u32, u32);

const SCHEDULES: [Schedule; 7] = [
    ("umgesetzt", Some(0), 3, 3),
    ("in_arbeit", Some(1), 5, 3),
    ("geplant", None, 2, 2),
    ("geplant", None, 12, 3),
    ("zurueckgestellt", None, 4, 1),
    ("verworfen", None, 2, 1),
    ("in_arbeit", Some(2), 14, 2),
];

/// `count` action rows for a municipality; templates on its focus
/// dimensions come first. `municipality` fills the Kommune column of a
/// cluster workshop.
pub(super) fn action_rows(
    catalog: &Catalog,
    place: &Place,
    workshop: NaiveDate,
    count: usize,
    municipality: Option<&str>,
    rng: &mut Rng,
) -> Vec<Row> {
    let mut templates: Vec<&Template> = TEMPLATES.iter().filter(|t| catalog.dimension(t.2).is_some()).collect();
    // Stable sort: focus dimensions first, otherwise a per-place shuffle.
    let mut keyed: Vec<(bool, u64, &Template)> =
        templates.drain(..).map(|t| (!place.has_focus(t.2), rng.next_u64(), t)).collect();
    keyed.sort_by_key(|(not_focus, order, _)| (*not_focus, *order));
    keyed.into_iter().take(count).map(|(_, _, t)| action_row(catalog, t, workshop, municipality, rng)).collect()
}

fn action_row(
    catalog: &Catalog,
    template: &Template,
    workshop: NaiveDate,
    municipality: Option<&str>,
    rng: &mut Rng,
) -> Row {
    let (goal, measure, dimension, responsible, involved, indicator) = *template;
    let weights: Vec<u32> = SCHEDULES.iter().map(|s| s.3).collect();
    let (status, start, due, _) = SCHEDULES[rng.weighted(&weights)];
    let mut row = Row::new();
    if let Some(id) = municipality {
        row.insert(ColumnKey::Fixed("Kommune"), Value::from(id));
    }
    row.insert(ColumnKey::Fixed("Ziel"), Value::from(goal));
    row.insert(ColumnKey::Fixed("Maßnahme"), Value::from(measure));
    if let Some(dim) = catalog.dimension(dimension) {
        row.insert(ColumnKey::Fixed("Dimension"), Value::from(dimension_label(dim)));
    }
    row.insert(ColumnKey::Fixed("verantwortlich"), Value::from(responsible));
    row.insert(ColumnKey::Fixed("Beteiligte"), Value::from(involved));
    if let Some(date) = start.and_then(|months| month_start(workshop, months)) {
        row.insert(ColumnKey::Fixed("Beginn"), Value::Date(date));
    }
    if let Some(date) = month_start(workshop, due + 1).and_then(|d| d.pred_opt()) {
        row.insert(ColumnKey::Fixed("Termin"), Value::Date(date));
    }
    let status = catalog.find_status(status).or(catalog.material.status.first());
    if let Some(status) = status {
        row.insert(ColumnKey::Fixed("Status"), Value::from(status.name.as_str()));
    }
    row.insert(ColumnKey::Fixed("Indikator"), Value::from(indicator));
    row
}

/// The first day of the month `months` after the month of `date`.
fn month_start(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.with_day(1)?.checked_add_months(Months::new(months))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_month_ends_after_the_workshop() {
        let workshop = NaiveDate::from_ymd_opt(2026, 11, 17).unwrap();
        assert_eq!(month_start(workshop, 0), NaiveDate::from_ymd_opt(2026, 11, 1));
        assert_eq!(month_start(workshop, 4).and_then(|d| d.pred_opt()), NaiveDate::from_ymd_opt(2027, 2, 28));
    }
}
