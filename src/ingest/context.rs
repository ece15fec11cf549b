//! What every workbook reader needs: the file, the catalog and the register,
//! and the checks of the municipality a workbook names.

use std::path::Path;

use super::info::{Info, InfoValue};
use super::register::{Lookup, Register, UNCHECKED, lookup_problem};
use super::schema;
use crate::catalog::Catalog;
use crate::diagnostics::{Cell, Diagnostic, Diagnostics};

/// Shared inputs of the workbook readers.
#[derive(Clone, Copy)]
pub struct Context<'a> {
    /// The workbook, as shown in messages.
    pub file: &'a Path,
    /// The catalog.
    pub catalog: &'a Catalog,
    /// The municipalities known from Stammdaten.
    pub register: &'a Register,
}

impl Context<'_> {
    /// An error about the Info sheet, at `cell` if given.
    pub fn info_error(&self, message: String, cell: Option<Cell>) -> Diagnostic {
        let diag = Diagnostic::error(self.file, message).in_sheet(schema::INFO_SHEET);
        match cell {
            Some(cell) => diag.at(cell),
            None => diag,
        }
    }

    /// The municipality named in `Info › Kommune`, as its canonical id.
    /// Reports a missing or unknown municipality; `None` then.
    pub fn info_municipality(&self, value: Option<&InfoValue<String>>, diags: &mut Diagnostics) -> Option<String> {
        let Some(value) = value else {
            let message =
                format!("„{}“ fehlt: bitte die ID der Kommune aus den Stammdaten eintragen", schema::INFO_MUNICIPALITY);
            diags.push(self.info_error(message, None));
            return None;
        };
        let lookup = self.register.lookup(&value.value);
        if let Some((message, link)) = lookup_problem(&lookup, &value.value) {
            diags.push(self.info_error(message, Some(value.cell)).linked(link));
            return None;
        }
        Some(canonical(&lookup, &value.value))
    }

    /// Warns once per workbook when there were no Stammdaten to check the
    /// municipality against (a single file checked on its own).
    pub fn warn_unchecked(&self, diags: &mut Diagnostics) {
        if self.register.warns_unchecked() {
            diags.push(Diagnostic::warning(self.file, UNCHECKED));
        }
    }

    /// The year from `Info › Jahr`, which every workbook but Stammdaten needs.
    pub fn info_year(&self, info: &Info, diags: &mut Diagnostics) -> Option<i32> {
        if info.year.is_none() {
            let message = format!("„{}“ fehlt: bitte das Jahr vierstellig eintragen, z. B. 2026", schema::INFO_YEAR);
            diags.push(self.info_error(message, None));
        }
        info.year.as_ref().map(|y| y.value)
    }
}

/// The canonical id of a looked-up municipality (the text as typed when
/// there were no Stammdaten to check against).
pub fn canonical(lookup: &Lookup<'_>, text: &str) -> String {
    match lookup {
        Lookup::Found(m) => m.id.clone(),
        _ => text.to_string(),
    }
}
