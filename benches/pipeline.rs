//! Speed and memory of the pipeline on the shipped example inputs.
//!
//! Run with `cargo bench --bench pipeline`. Documents are planned and made
//! by the library, as `qdfh build` does. Prints medians over repeated
//! runs and the peak resident memory; nothing here is asserted, the numbers
//! go into issue notes and the README.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use qdfh::documents::YearContext;
use qdfh::render::{Engine, Texts};
use qdfh::settings::Settings;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

/// Peak and current resident memory in MiB, from /proc (Linux only).
fn memory_mib() -> (f64, f64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map_or(0.0, |kb| kb / 1024.0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let catalog = qdfh::project::default_catalog();
    let rounds = 5;

    let ingest: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let _ = qdfh::ingest::read_inputs(&root.join("inputs"), &catalog);
            start.elapsed()
        })
        .collect();
    let (inputs, diagnostics) = qdfh::ingest::read_inputs(&root.join("inputs"), &catalog);
    println!("ingest of inputs/ (67 workbooks): median {:?}", median(ingest));

    let settings = Settings::fixed("Beispielland", 5, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
    let texts = Texts::load(&root.join("templates/texte")).unwrap();
    let analyse: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let _ = YearContext::new(&inputs, 2026, &catalog, &texts, &settings, &diagnostics);
            start.elapsed()
        })
        .collect();
    println!("analysis of 2026 (20 municipalities): median {:?}", median(analyse));

    let year = YearContext::new(&inputs, 2026, &catalog, &texts, &settings, &diagnostics);
    let documents = year.plan().unwrap();
    let engine_start = Instant::now();
    let engine = Engine::new(&root.join("templates")).unwrap();
    println!("engine set-up (fonts, library): {:?}", engine_start.elapsed());
    let handouts: Vec<_> = documents.iter().filter(|d| d.kind.name() == "handout").collect();
    let mut per_doc = Vec::new();
    for round in 0..3 {
        for document in &handouts {
            let start = Instant::now();
            let made = document.make(&year, &engine).unwrap();
            per_doc.push(start.elapsed());
            assert!(made.bytes.starts_with(b"%PDF"));
        }
        let (peak, now) = memory_mib();
        println!("after round {} of {} handouts: resident {now:.0} MiB, peak {peak:.0} MiB", round + 1, handouts.len());
    }
    println!("handout (UA-1 + A-2a), {} documents: median {:?}", per_doc.len(), median(per_doc));

    for kind in ["cluster", "land", "zusammenfassung"] {
        let start = Instant::now();
        let of_kind: Vec<_> = documents.iter().filter(|d| d.kind.name() == kind).collect();
        for document in &of_kind {
            document.make(&year, &engine).unwrap();
        }
        let (peak, now) = memory_mib();
        println!("{} × {kind}: {:?}; resident {now:.0} MiB, peak {peak:.0} MiB", of_kind.len(), start.elapsed());
    }
}
