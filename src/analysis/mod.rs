//! Pure statistics and suppression: no I/O, no formatting.
//!
//! [`analyse_year`] turns the [`crate::model::Inputs`] of one year into a
//! [`YearReport`]: one [`MunicipalityReport`] per municipality (the handout's
//! data), one [`compare::ClusterReport`] per cluster and the
//! [`compare::StateReport`].

pub mod compare;
pub mod course;
pub mod highlights;
pub mod indicators;
mod refs;
pub mod standards;
pub mod stats;
pub mod suppress;
pub mod survey;
pub mod workshop;
mod year;

pub use year::{FocusDimension, KeyFigureRow, MunicipalityReport, YearReport, YearValue, analyse_year};
