//! The data of the LaKo's overview and of the upload result, as the page
//! templates get it.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::Server;
use super::handlers::{PageQuery, limit_text, url_part};
use super::intake::Outcome;

/// The LaKo's page: every municipality of `year` (of one cluster, if the
/// query names one) with what it has sent, and every report.
pub(super) fn overview(server: &Server, query: &PageQuery, year: i32) -> Value {
    let overview = server.overview();
    let wanted = query.cluster().filter(|c| !c.is_empty());
    let clusters: BTreeSet<&str> = overview.municipalities.iter().map(|m| m.cluster.as_str()).collect();
    let rows: Vec<Value> = overview
        .municipalities
        .iter()
        .filter(|m| wanted.is_none_or(|c| m.cluster == c))
        .map(|m| {
            let files = overview.files_of(year, &m.id);
            let has = |kind: &str| files.iter().any(|f| f.kind == kind && !f.rejected);
            let changed = files.iter().filter_map(|f| f.modified).max();
            let handout = overview
                .report(year, "handout", &m.id)
                .filter(|r| server.project.output_dir().join(&r.output).is_file())
                .map(|_| format!("/bericht/{year}/handout/{}", url_part(&m.id)));
            let poster = overview
                .report(year, "poster", &m.id)
                .filter(|r| server.project.output_dir().join(&r.output).is_file())
                .map(|_| format!("/bericht/{year}/poster/{}", url_part(&m.id)));
            json!({
                "poster": poster,
                "id": url_part(&m.id),
                "name": m.name,
                "cluster": m.cluster,
                "survey": has("Befragung"),
                "workshop": has("Werkstatt"),
                "errors": files.iter().map(|f| f.errors).sum::<usize>(),
                "changed": super::overview::german_time(changed),
                "handout": handout,
            })
        })
        .collect();
    let reports: Vec<Value> = overview
        .reports
        .iter()
        .filter(|r| r.year == year && r.kind != "handout" && r.kind != "poster")
        .filter(|r| server.project.output_dir().join(&r.output).is_file())
        .map(|r| json!({ "title": r.title, "href": format!("/bericht/{year}/{}/{}", r.kind, url_part(r.subject_key())) }))
        .collect();
    json!({
        "year": year,
        "years": overview.years.iter().filter(|y| **y != year).collect::<Vec<_>>(),
        "cluster": wanted,
        "clusters": clusters.iter().map(|c| json!({ "name": c, "selected": Some(*c) == wanted })).collect::<Vec<_>>(),
        "rows": rows,
        "reports": reports,
        "building": server.is_building(),
        "limit": limit_text(server.options.upload_limit),
    })
}

/// The result page of an upload.
pub(super) fn result(outcome: &Outcome, file: &str) -> Value {
    match outcome {
        Outcome::Placed { replaced, warnings, .. } => {
            json!({ "placed": true, "file": file, "replaced": *replaced > 0, "findings": warnings })
        }
        Outcome::Faulty { findings } => json!({
            "faulty": true,
            "file": file,
            "errors": findings.iter().filter(|f| f.severity == "Fehler").count(),
            "findings": findings,
        }),
        Outcome::Refused { reason } => json!({ "refused": true, "file": file, "reason": reason }),
    }
}
