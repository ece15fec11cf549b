//! Stammdaten: the municipality register (sheet "Kommunen").

use std::collections::{BTreeMap, BTreeSet};

use super::context::Context;
use super::fields::{Fields, fixed};
use super::register::drops_row;
use super::schema::{self, kommunen_columns};
use super::table::Row;
use super::workbook::Book;
use crate::catalog::fold_key;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::files::{self, FileNames};
use crate::model::Municipality;

/// The usable rows of one Stammdaten workbook.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Stammdaten {
    /// Municipalities whose rows have no errors, in row order.
    pub municipalities: Vec<Municipality>,
    /// Folded ids of municipalities dropped because their row has an error.
    pub dropped: BTreeSet<String>,
}

/// Reads the "Kommunen" sheet. An error in a row drops only that
/// municipality; a missing sheet or required column makes the whole
/// workbook unusable (`None`).
pub fn read(book: &mut Book, ctx: &Context, diags: &mut Diagnostics) -> Option<Stammdaten> {
    let columns = kommunen_columns();
    let table = book.table(schema::sheet::KOMMUNEN, &columns, true, diags)?;
    if columns.iter().any(|c| c.required && !table.has(&c.key)) {
        return None;
    }
    let mut fields = Fields { file: ctx.file, catalog: ctx.catalog, table: &table, diags };
    let mut out = Stammdaten::default();
    let mut first_row: BTreeMap<String, u32> = BTreeMap::new();
    for row in &table.rows {
        let errors = fields.diags.error_count();
        let first_finding = fields.diags.items.len();
        let municipality = read_row(&mut fields, row);
        let Some(municipality) = municipality else { continue };
        let key = fold_key(&municipality.id);
        // A row with an id has an ID column, so the cell is always found.
        if let Some(&first) = first_row.get(&key)
            && let Some((_, cell)) = table.get(row, &fixed("ID"))
        {
            fields.error(
                cell,
                format!(
                    "ID „{}“ kommt mehrfach vor (auch in Zeile {}); IDs müssen eindeutig sein",
                    municipality.id,
                    first + 1
                ),
            );
        }
        first_row.entry(key.clone()).or_insert(row.row);
        if fields.diags.error_count() > errors {
            for d in fields.diags.items[first_finding..].iter_mut().filter(|d| d.is_error()) {
                d.link = Some(drops_row(&municipality.id));
            }
            out.dropped.insert(key);
        } else {
            out.municipalities.push(municipality);
        }
    }
    out.municipalities.retain(|m| !out.dropped.contains(&fold_key(&m.id)));
    if table.rows.is_empty() {
        diags.push(Diagnostic::warning(ctx.file, "Die Stammdaten enthalten keine Kommunen").in_sheet(&table.sheet));
    }
    Some(out)
}

/// Reads one row; `None` only when it has no ID to name the municipality
/// by. Errors in other cells are reported and still return the row, so the
/// caller can drop the municipality by its id.
fn read_row(fields: &mut Fields<'_>, row: &Row) -> Option<Municipality> {
    let id = fields.required_text(row, &fixed("ID"));
    let name = fields.required_text(row, &fixed("Name"));
    let kind = fields.municipality_kind(row, &fixed("Typ"));
    let state = fields.text_or_empty(row, &fixed("Bundesland"));
    let cluster = fields.text_or_empty(row, &fixed("Cluster"));
    let focus = fields.dimension_list(row, &fixed("Schwerpunkte"));
    let coordinator = fields.text(row, &fixed("Koordination"));
    let email = fields.text(row, &fixed("E-Mail"));
    if cluster.is_empty()
        && let Some((_, cell)) = fields.table.get(row, &fixed("Cluster"))
    {
        fields.warning(cell, "Cluster fehlt: die Kommune erscheint in keinem Cluster-Vergleich".into());
    }
    for (column, text) in [("Name", name.as_deref()), ("Cluster", Some(cluster.as_str()))] {
        warn_if_long(fields, row, column, text.unwrap_or_default());
    }
    Some(Municipality {
        id: id?,
        name: name.unwrap_or_default(),
        // A missing kind has been reported; the row is dropped by the caller.
        kind: kind.unwrap_or(crate::model::MunicipalityKind::KreisfreieStadt),
        state,
        cluster,
        focus,
        coordinator,
        email,
    })
}

/// Characters of a name that charts, table heads and running headers show;
/// the same limit as `shortened` in `templates/lib/format.typ`.
const SHOWN_NAME_CHARS: usize = 100;

/// Warns that a long name is cut in charts, table heads and headers (the
/// title block and the handout's facts show it in full).
fn warn_if_long(fields: &mut Fields<'_>, row: &Row, column: &'static str, text: &str) {
    let chars = text.chars().count();
    if chars > SHOWN_NAME_CHARS
        && let Some((_, cell)) = fields.table.get(row, &fixed(column))
    {
        let message = format!(
            "{column} hat {chars} Zeichen; Diagramme, Tabellenköpfe und Kopfzeilen zeigen nur die ersten {SHOWN_NAME_CHARS} mit „…“"
        );
        fields.warning(cell, message);
    }
}

/// Merges the Stammdaten of several workbooks; an id in more than one
/// workbook is an error in each later workbook and drops the municipality.
pub fn merge(parts: Vec<(std::path::PathBuf, Stammdaten)>, diags: &mut Diagnostics) -> Stammdaten {
    let mut out = Stammdaten::default();
    let mut seen: BTreeMap<String, std::path::PathBuf> = BTreeMap::new();
    let mut clusters = BTreeMap::new();
    for (file, part) in parts {
        out.dropped.extend(part.dropped);
        for mut m in part.municipalities {
            same_cluster_spelling(&mut m, &mut clusters, &file, diags);
            let key = fold_key(&m.id);
            if let Some(first) = seen.get(&key) {
                diags.push(
                    Diagnostic::error(
                        &file,
                        format!("ID „{}“ steht auch in {}; IDs müssen eindeutig sein", m.id, first.display()),
                    )
                    .linked(Some(drops_row(&m.id))),
                );
                out.dropped.insert(key);
            } else {
                seen.insert(key, file.clone());
                out.municipalities.push(m);
            }
        }
    }
    out.municipalities.retain(|m| !out.dropped.contains(&fold_key(&m.id)));
    name_warnings(&out.municipalities, &seen, diags);
    out
}

/// Says which IDs give a file name that another ID gives too (ignoring
/// case) or that is too long, and so get a short suffix in report names.
fn name_warnings(
    municipalities: &[crate::model::Municipality],
    files: &BTreeMap<String, std::path::PathBuf>,
    diags: &mut Diagnostics,
) {
    let names = FileNames::new(municipalities.iter().map(|m| m.id.as_str()));
    let folded = |id: &str| files::safe(id).to_lowercase();
    for m in municipalities.iter().filter(|m| names.is_marked(&m.id)) {
        let shared: Vec<String> = municipalities
            .iter()
            .filter(|o| o.id != m.id && folded(&o.id) == folded(&m.id))
            .map(|o| format!("„{}“", o.id))
            .collect();
        let why = if shared.is_empty() {
            format!("ist länger als {} Zeichen", files::MAX_STEM)
        } else {
            format!(
                "ergibt denselben Dateinamen wie {} (Groß- und Kleinschreibung und Sonderzeichen zählen dabei nicht)",
                shared.join(", ")
            )
        };
        let file = files.get(&fold_key(&m.id)).map_or(std::path::Path::new("Stammdaten"), |f| f.as_path());
        let message = format!("ID „{}“ {why}; ihre Berichte erhalten den Namensteil „{}“", m.id, names.stem(&m.id));
        diags.push(Diagnostic::warning(file, message));
    }
}

/// Cluster names compare like IDs (case, spaces, umlauts folded, see
/// [`fold_key`]): a municipality gets the spelling the first member of its
/// cluster has, and a differing spelling is pointed out.
fn same_cluster_spelling(
    m: &mut crate::model::Municipality,
    first: &mut BTreeMap<String, String>,
    file: &std::path::Path,
    diags: &mut Diagnostics,
) {
    if m.cluster.is_empty() {
        return;
    }
    let spelling = first.entry(fold_key(&m.cluster)).or_insert_with(|| m.cluster.clone());
    if *spelling != m.cluster {
        diags.push(Diagnostic::warning(
            file,
            format!(
                "Cluster „{}“ bei Kommune „{}“ wird als „{spelling}“ gelesen: Clusternamen werden ohne Unterschied von Groß- und Kleinschreibung und Leerzeichen verglichen",
                m.cluster, m.id
            ),
        ));
        m.cluster = spelling.clone();
    }
}
