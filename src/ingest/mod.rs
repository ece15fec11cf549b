//! Reading input workbooks (calamine) into the typed [`crate::model`], with
//! diagnostics that name file, sheet and cell.

pub mod schema;
