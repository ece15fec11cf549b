//! The data contract of the templates: every shipped template compiles
//! without a warning, and the shape of the `/data.json` each one receives
//! is the shape `docs/vorlagendaten.md` documents.

use std::collections::{BTreeMap, BTreeSet};

use qdfh::documents::{Content, Document, YearContext};
use serde_json::Value;

use crate::common::render::{FixtureDocs, engine};
use crate::common::repo_root;

/// Every document of the fixture year, with its kind's template and data.
fn pdf_jobs(year: &YearContext) -> Vec<(Document, &'static str, Value)> {
    let mut jobs = Vec::new();
    for document in year.plan().unwrap() {
        if let Content::Pdf(job) = document.kind.content(&document, year).unwrap() {
            jobs.push((document, job.template, job.data));
        }
    }
    jobs
}

#[test]
fn shipped_templates_compile_without_warnings() {
    let docs = FixtureDocs::new();
    let year = docs.year();
    for document in year.plan().unwrap() {
        let made = document.make(&year, engine()).unwrap_or_else(|e| panic!("{}: {e}", document.title));
        assert!(made.warnings.is_empty(), "{} has warnings:\n{}", document.title, made.warnings);
    }
}

/// Adds the JSON types found below `path` in `value` to `shape`: objects by
/// key, array elements under `path[]`, several types joined with ` | `.
fn collect_shape(path: &str, value: &Value, shape: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(items) => {
            for item in items {
                collect_shape(&format!("{path}[]"), item, shape);
            }
            "array"
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                let child = if path.is_empty() { key.clone() } else { format!("{path}.{key}") };
                collect_shape(&child, field, shape);
            }
            "object"
        }
    };
    if !path.is_empty() {
        shape.entry(path.to_string()).or_default().insert(kind);
    }
}

/// The shape of each template's data over all fixture documents, as the
/// lines `docs/vorlagendaten.md` shows.
fn shapes() -> BTreeMap<&'static str, String> {
    let docs = FixtureDocs::new();
    let year = docs.year();
    let mut by_template: BTreeMap<&'static str, BTreeMap<String, BTreeSet<&'static str>>> = BTreeMap::new();
    for (_, template, data) in pdf_jobs(&year) {
        collect_shape("", &data, by_template.entry(template).or_default());
    }
    by_template
        .into_iter()
        .map(|(template, shape)| {
            let lines: Vec<String> = shape
                .into_iter()
                .map(|(path, kinds)| format!("{path}: {}", kinds.into_iter().collect::<Vec<_>>().join(" | ")))
                .collect();
            (template, lines.join("\n"))
        })
        .collect()
}

/// The fenced block after the heading "## `<template>`" in the docs.
fn documented_shape(docs: &str, template: &str) -> Option<String> {
    let heading = format!("## `{template}`");
    let after = &docs[docs.find(&heading)? + heading.len()..];
    let start = after.find("```text\n")? + "```text\n".len();
    let end = start + after[start..].find("```")?;
    Some(after[start..end].trim_end().to_string())
}

#[test]
fn template_data_has_the_documented_shape() {
    let path = repo_root().join("docs/vorlagendaten.md");
    let docs = std::fs::read_to_string(&path).unwrap();
    let wrong: Vec<String> = shapes()
        .into_iter()
        .filter(|(template, shape)| documented_shape(&docs, template).as_deref() != Some(shape.as_str()))
        .map(|(template, shape)| format!("## `{template}`\n\n```text\n{shape}\n```\n"))
        .collect();
    assert!(
        wrong.is_empty(),
        "{} does not document the template data as it is; the data has these shapes:\n\n{}",
        path.display(),
        wrong.join("\n")
    );
}

#[test]
fn ids_that_would_share_a_file_name_get_distinct_output_paths() {
    let mut docs = FixtureDocs::new();
    let long = "x".repeat(300);
    for (m, id) in docs.inputs.municipalities.iter_mut().zip(["st.georgen", "St Georgen", "st_georgen", long.as_str()])
    {
        m.id = id.to_string();
    }
    let year = docs.year();
    let documents = year.plan().unwrap();
    let handouts: Vec<String> = documents
        .iter()
        .filter(|d| d.kind.name() == "handout")
        .map(|d| d.output.to_string_lossy().into_owned())
        .collect();
    assert_eq!(handouts.len(), 4);
    let folded: std::collections::BTreeSet<String> = handouts.iter().map(|p| p.to_lowercase()).collect();
    assert_eq!(folded.len(), 4, "{handouts:?}");
    assert!(handouts.iter().all(|p| p.len() < 120), "{handouts:?}");
    assert!(qdfh::documents::clashes(&documents).is_empty());
}
