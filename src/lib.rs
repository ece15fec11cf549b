//! qdfh turns the spreadsheets of *Frühe Hilfen* networks into quality reports.
//!
//! The pipeline flows one way: [`ingest`] reads workbooks into the typed
//! [`model`], [`analysis`] computes statistics with data-protection
//! suppression, [`documents`] plans the documents of a run and makes each
//! one, through [`render`] (Typst templates to PDF) or [`export`] (the Excel
//! summary). Only [`cmd`] knows about the folders of a run.

pub mod analysis;
pub mod catalog;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod diagnostics;
pub mod documents;
pub mod example;
pub mod export;
pub mod files;
pub mod format;
pub mod forms;
pub mod ingest;
pub mod manifest;
pub mod model;
pub mod project;
pub mod render;
pub mod serve;
pub mod settings;
