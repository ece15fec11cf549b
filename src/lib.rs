//! qdfh turns the spreadsheets of *Frühe Hilfen* networks into quality reports.
//!
//! The pipeline flows one way: [`ingest`] reads workbooks into the typed
//! [`model`], [`analysis`] computes statistics with data-protection
//! suppression, [`render`] fills Typst templates into PDFs and [`export`]
//! writes the Excel summary. Only [`cmd`] knows about the folders of a run.

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostics;
pub mod example;
pub mod export;
pub mod forms;
pub mod ingest;
pub mod model;
pub mod project;
pub mod render;
pub mod report;
