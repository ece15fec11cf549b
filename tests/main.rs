//! The integration tests, compiled as one binary so that a test build links
//! typst once. Each module covers one stage or command; `common` holds the
//! shared fixtures and helpers.

mod common;

mod analysis_hand;
mod build_cli;
mod build_incremental;
mod check_cli;
mod comparison_render;
mod examples_generate;
mod examples_inputs;
mod export_summary;
mod forms_blank;
mod forms_roundtrip;
mod handout_render;
mod import_limesurvey;
mod import_msforms;
mod import_soscisurvey;
mod ingest_broken;
mod ingest_formats;
mod ingest_rules;
mod init_project;
mod poster_render;
mod questionnaire_folder;
mod render_engine;
mod render_pdf_checks;
mod serve_browser;
mod serve_cli;
mod serve_http;
mod standards;
mod template_data;
mod typed_text;
mod watch_folder;
