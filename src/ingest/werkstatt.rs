//! Werkstatt: a workshop of one municipality (Info › Kommune) or of a cluster
//! (Info › Cluster, and a "Kommune" column filled in every row).

use std::path::Path;

use super::context::{Context, canonical};
use super::fields::{Fields, fixed};
use super::info::{Info, InfoValue};
use super::register::{Lookup, follows_from_row, lookup_problem};
use super::schema::{self, Column, ColumnKey, sheet};
use super::table::{Row, Table};
use super::workbook::Book;
use crate::catalog::{Catalog, fold_key};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Action, DotVote, FactorRating, Feedback, Origin, Participant, PolarityRating, Workshop};

/// Whose workshop it is.
enum Scope {
    /// One municipality, by canonical id.
    Municipality(String),
    /// A cluster, by name as written in Info.
    Cluster(String),
}

/// The six workshop sheets, in form order.
fn sheets(catalog: &Catalog) -> [(&'static str, Vec<Column>); 6] {
    [
        (sheet::TEILNAHME, schema::teilnahme_columns()),
        (sheet::POLARITAET, schema::polaritaet_columns(catalog)),
        (sheet::ERFOLGSFAKTOREN, schema::erfolgsfaktoren_columns(catalog)),
        (sheet::PUNKTABFRAGE, schema::punktabfrage_columns()),
        (sheet::MASSNAHMEN, schema::massnahmen_columns()),
        (sheet::RUECKMELDUNG, schema::rueckmeldung_columns(catalog)),
    ]
}

/// Reads a workshop workbook; every sheet is optional, but at least one must
/// exist. Problems go to `diags`; the caller drops the workshop on errors.
pub fn read(book: &mut Book, info: &Info, ctx: &Context, diags: &mut Diagnostics) -> Option<Workshop> {
    let scope = scope(info, ctx, diags);
    let year = ctx.info_year(info, diags);
    let mut workshop = Workshop { file: ctx.file.to_path_buf(), date: info.date, ..Workshop::default() };
    let mut found_sheet = false;
    for (name, columns) in sheets(ctx.catalog) {
        let Some(table) = book.table(name, &columns, false, diags) else { continue };
        found_sheet = true;
        read_sheet(name, &table, scope.as_ref(), ctx, diags, &mut workshop);
    }
    if !found_sheet {
        let names: Vec<&str> = sheets(ctx.catalog).iter().map(|(n, _)| *n).collect();
        let message = format!("Keines der Werkstatt-Blätter ist vorhanden (erwartet: {})", names.join(", "));
        diags.push(Diagnostic::error(ctx.file, message));
        return None;
    }
    ctx.warn_unchecked(diags);
    if is_empty(&workshop) {
        diags.push(Diagnostic::warning(ctx.file, "Die Werkstatt enthält keine Einträge"));
    }
    workshop.municipalities = covered(&workshop, scope.as_ref()?);
    workshop.year = year?;
    Some(workshop)
}

fn is_empty(w: &Workshop) -> bool {
    w.participants.is_empty()
        && w.polarity.is_empty()
        && w.factors.is_empty()
        && w.dots.is_empty()
        && w.actions.is_empty()
        && w.feedback.is_empty()
}

/// The municipalities a workshop covers: its own, or every municipality
/// named in the rows of a cluster workshop (sorted).
fn covered(w: &Workshop, scope: &Scope) -> Vec<String> {
    if let Scope::Municipality(id) = scope {
        return vec![id.clone()];
    }
    let mut ids: Vec<String> = (w.participants.iter().map(|p| &p.municipality))
        .chain(w.polarity.iter().map(|p| &p.municipality))
        .chain(w.factors.iter().map(|f| &f.municipality))
        .chain(w.dots.iter().map(|d| &d.municipality))
        .chain(w.actions.iter().map(|a| &a.municipality))
        .chain(w.feedback.iter().map(|f| &f.municipality))
        .cloned()
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// Reads Info › Kommune or Info › Cluster (exactly one must be given).
fn scope(info: &Info, ctx: &Context, diags: &mut Diagnostics) -> Option<Scope> {
    match (&info.municipality, &info.cluster) {
        (Some(_), Some(cluster)) => {
            let message = "Info nennt Kommune und Cluster: bitte nur eines ausfüllen (Kommune für die Werkstatt einer Kommune, Cluster für eine Cluster-Werkstatt)";
            diags.push(ctx.info_error(message.into(), Some(cluster.cell)));
            None
        }
        (Some(_), None) => ctx.info_municipality(info.municipality.as_ref(), diags).map(Scope::Municipality),
        (None, Some(cluster)) => check_cluster(cluster, ctx, diags).then(|| Scope::Cluster(cluster.value.clone())),
        (None, None) => {
            let message =
                "„Kommune“ oder „Cluster“ fehlt: bitte die ID der Kommune oder den Namen des Clusters eintragen";
            diags.push(ctx.info_error(message.into(), None));
            None
        }
    }
}

fn check_cluster(cluster: &InfoValue<String>, ctx: &Context, diags: &mut Diagnostics) -> bool {
    match ctx.register.cluster_members(&cluster.value) {
        Some(members) if members.is_empty() => {
            let known = ctx.register.clusters().join(", ");
            let message = format!("Cluster „{}“ steht nicht in den Stammdaten (bekannt: {known})", cluster.value);
            diags.push(ctx.info_error(message, Some(cluster.cell)));
            false
        }
        _ => true,
    }
}

/// Rows that hold only a municipality or a person number are unused form
/// rows, not entries.
fn entries(table: &Table) -> impl Iterator<Item = &Row> {
    table.rows.iter().filter(|r| !table.only_has(r, &[fixed("Kommune"), fixed("Person")]))
}

fn read_sheet(
    name: &str,
    table: &Table,
    scope: Option<&Scope>,
    ctx: &Context,
    diags: &mut Diagnostics,
    w: &mut Workshop,
) {
    if matches!(scope, Some(Scope::Cluster(_))) && !table.has(&fixed("Kommune")) && entries(table).next().is_some() {
        let message = "Spalte „Kommune“ fehlt: in einer Cluster-Werkstatt nennt jede Zeile ihre Kommune";
        diags.push(Diagnostic::error(ctx.file, message).in_sheet(&table.sheet));
    }
    let mut fields = Fields { file: ctx.file, catalog: ctx.catalog, table, diags };
    for row in entries(table) {
        if names_dropped_member(&mut fields, row, scope, ctx) {
            continue;
        }
        let municipality = row_municipality(&mut fields, row, scope, ctx).unwrap_or_default();
        match name {
            sheet::TEILNAHME => w.participants.push(participant(&mut fields, row, municipality)),
            sheet::POLARITAET => w.polarity.extend(polarity(&mut fields, row, municipality)),
            sheet::ERFOLGSFAKTOREN => w.factors.extend(factors(&mut fields, row, municipality)),
            sheet::PUNKTABFRAGE => w.dots.extend(dot(&mut fields, row, municipality)),
            sheet::MASSNAHMEN => w.actions.push(action(&mut fields, row, municipality)),
            _ => w.feedback.push(feedback(&mut fields, row, municipality)),
        }
    }
}

/// Whether a row of a cluster workshop names a municipality whose
/// Stammdaten row has errors. Such rows are left out with a warning: the
/// cause is reported as an error in the Stammdaten, and the cluster's other
/// members keep their workshop.
fn names_dropped_member(fields: &mut Fields<'_>, row: &Row, scope: Option<&Scope>, ctx: &Context) -> bool {
    let (Some(Scope::Cluster(_)), Some(typed)) = (scope, fields.text(row, &fixed("Kommune"))) else { return false };
    let Some((_, cell)) = fields.table.get(row, &fixed("Kommune")) else { return false };
    if !matches!(ctx.register.lookup(&typed), Lookup::Dropped) {
        return false;
    }
    let message = format!(
        "Kommune „{typed}“ ist in den Stammdaten fehlerhaft eingetragen (siehe dort); ihre Zeilen bleiben außen vor"
    );
    fields.linked_warning(cell, message, Some(follows_from_row(&typed)));
    true
}

/// The municipality of a row: the workshop's own, or the row's "Kommune"
/// in a cluster workshop.
fn row_municipality(fields: &mut Fields<'_>, row: &Row, scope: Option<&Scope>, ctx: &Context) -> Option<String> {
    let typed = fields.text(row, &fixed("Kommune"));
    let cell = fields.table.get(row, &fixed("Kommune")).map(|(_, c)| c);
    let (typed, cell) = match (typed, cell, scope?) {
        (None, _, Scope::Municipality(id)) => return Some(id.clone()),
        (None, Some(cell), Scope::Cluster(_)) => {
            let message = "Pflichtangabe „Kommune“ fehlt: in einer Cluster-Werkstatt nennt jede Zeile ihre Kommune";
            fields.error(cell, message.into());
            return None;
        }
        (None, None, Scope::Cluster(_)) => return None,
        (Some(typed), Some(cell), _) => (typed, cell),
        (Some(_), None, _) => return None,
    };
    let lookup = ctx.register.lookup(&typed);
    if let Some((message, link)) = lookup_problem(&lookup, &typed) {
        fields.linked_error(cell, message, link);
        return None;
    }
    let id = canonical(&lookup, &typed);
    match scope? {
        Scope::Municipality(own) if fold_key(own) != fold_key(&id) => {
            let message = format!(
                "Kommune „{typed}“ passt nicht zu Info › Kommune „{own}“; in der Werkstatt einer Kommune bleibt die Spalte leer oder nennt dieselbe Kommune"
            );
            fields.error(cell, message);
            None
        }
        Scope::Cluster(cluster) => {
            if let Lookup::Found(m) = &lookup
                && fold_key(&m.cluster) != fold_key(cluster)
            {
                let message = format!(
                    "Kommune „{}“ gehört laut Stammdaten zu Cluster „{}“, nicht zu „{cluster}“",
                    m.id, m.cluster
                );
                fields.warning(cell, message);
            }
            Some(id)
        }
        Scope::Municipality(_) => Some(id),
    }
}

fn participant(fields: &mut Fields<'_>, row: &Row, municipality: String) -> Participant {
    Participant {
        municipality,
        institution: fields.text_or_empty(row, &fixed("Institution")),
        sector: fields.sector(row, &fixed("Sektor")).unwrap_or_default(),
        function: fields.text_or_empty(row, &fixed("Funktion")),
    }
}

fn person(fields: &mut Fields<'_>, row: &Row) -> String {
    fields.text(row, &fixed("Person")).unwrap_or_else(|| format!("Zeile {}", row.row + 1))
}

fn polarity(fields: &mut Fields<'_>, row: &Row, municipality: String) -> Vec<PolarityRating> {
    let catalog = fields.catalog;
    let scale = catalog.scale(&catalog.scales.verwendung.polaritaet);
    let participant = person(fields, row);
    let mut out = Vec::new();
    for pair in &catalog.material.polarity {
        let key = ColumnKey::Pair(pair.id.clone());
        if fields.table.has(&key) {
            let answer = fields.answer(row, &key, scale);
            out.push(PolarityRating {
                municipality: municipality.clone(),
                participant: participant.clone(),
                pair: pair.id.clone(),
                answer,
            });
        }
    }
    out
}

fn factors(fields: &mut Fields<'_>, row: &Row, municipality: String) -> Vec<FactorRating> {
    let catalog = fields.catalog;
    let state_scale = catalog.scale(&catalog.scales.verwendung.erfolgsfaktor_stand);
    let importance_scale = catalog.scale(&catalog.scales.verwendung.erfolgsfaktor_wichtigkeit);
    let mut out = Vec::new();
    for factor in &catalog.material.factors {
        let state_key = ColumnKey::FactorState(factor.id.clone());
        let importance_key = ColumnKey::FactorImportance(factor.id.clone());
        if fields.table.has(&state_key) || fields.table.has(&importance_key) {
            let state = fields.answer(row, &state_key, state_scale);
            let importance = fields.answer(row, &importance_key, importance_scale);
            out.push(FactorRating { municipality: municipality.clone(), factor: factor.id.clone(), state, importance });
        }
    }
    out
}

fn dot(fields: &mut Fields<'_>, row: &Row, municipality: String) -> Option<DotVote> {
    let target = fields.dimension_or_topic(row, &fixed("Dimension oder Thema"));
    let points = fields.count(row, &fixed("Punkte"));
    Some(DotVote { municipality, target: target?, points: points? })
}

fn action(fields: &mut Fields<'_>, row: &Row, municipality: String) -> Action {
    Action {
        municipality,
        goal: fields.text_or_empty(row, &fixed("Ziel")),
        measure: fields.text_or_empty(row, &fixed("Maßnahme")),
        dimension: fields.dimension(row, &fixed("Dimension")).unwrap_or_default(),
        responsible: fields.text_or_empty(row, &fixed("verantwortlich")),
        involved: fields.text_or_empty(row, &fixed("Beteiligte")),
        start: fields.date(row, &fixed("Beginn")),
        due: fields.date(row, &fixed("Termin")),
        status: fields.status(row, &fixed("Status")).unwrap_or_default(),
        indicator: fields.text_or_empty(row, &fixed("Indikator")),
        origin: origin(fields.file, &fields.table.sheet, row),
    }
}

fn feedback(fields: &mut Fields<'_>, row: &Row, municipality: String) -> Feedback {
    let catalog = fields.catalog;
    let scale = catalog.scale(&catalog.scales.verwendung.rueckmeldung);
    Feedback {
        municipality,
        satisfaction: fields.answer(row, &fixed("Zufriedenheit"), scale),
        text: fields.text(row, &fixed("Kommentar")),
    }
}

fn origin(file: &Path, sheet: &str, row: &Row) -> Origin {
    Origin { file: file.to_path_buf(), sheet: sheet.to_string(), row: row.row }
}
