//! Speed and memory of the pipeline on the shipped example inputs.
//!
//! Run with `cargo bench --bench pipeline`. Prints medians over repeated
//! runs and the peak resident memory; nothing here is asserted, the numbers
//! go into issue notes and the README.

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use qdfh::analysis::{Settings, analyse_year};
use qdfh::render::{Engine, PdfProfile, PdfSettings, Texts};
use qdfh::report::DocumentContext;
use qdfh::report::handout::handout_data;

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
    let (inputs, _) = qdfh::ingest::read_inputs(&root.join("inputs"), &catalog);
    println!("ingest of inputs/ (67 workbooks): median {:?}", median(ingest));

    let reference_date = NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    let settings = Settings { min_n: 5, reference_date, print_free_text: false };
    let analyse: Vec<Duration> = (0..rounds)
        .map(|_| {
            let start = Instant::now();
            let _ = analyse_year(&inputs, 2026, &catalog, settings);
            start.elapsed()
        })
        .collect();
    println!("analysis of 2026 (20 municipalities): median {:?}", median(analyse));

    let year = analyse_year(&inputs, 2026, &catalog, settings);
    let texts = Texts::load(&root.join("templates/texte")).unwrap();
    let ctx = DocumentContext {
        catalog: &catalog,
        texts: &texts,
        land: "Beispielland",
        min_n: 5,
        print_free_text: false,
        reference_date,
        date: reference_date,
    };
    let engine_start = Instant::now();
    let engine = Engine::new(&root.join("templates")).unwrap();
    println!("engine set-up (fonts, library): {:?}", engine_start.elapsed());
    let data: Vec<_> = year.municipalities.iter().map(|m| handout_data(m, true, &ctx).unwrap()).collect();
    let pdf = PdfSettings { profile: PdfProfile::UaA2a, ident: "bench".into(), date: reference_date, attachment: None };
    let mut per_doc = Vec::new();
    for round in 0..3 {
        for d in &data {
            let start = Instant::now();
            let bytes = engine.compile_pdf("handout.typ", d, &pdf).unwrap();
            per_doc.push(start.elapsed());
            assert!(bytes.starts_with(b"%PDF"));
        }
        let (peak, now) = memory_mib();
        println!("after round {} of 20 handouts: resident {now:.0} MiB, peak {peak:.0} MiB", round + 1);
    }
    println!("handout compile (UA-1 + A-2a), {} documents: median {:?}", per_doc.len(), median(per_doc));

    let start = Instant::now();
    for cluster in &year.clusters {
        let data = qdfh::report::comparison::cluster_data(&year, cluster, &ctx).unwrap();
        engine.compile_pdf("cluster.typ", &data, &pdf).unwrap();
    }
    let (peak, now) = memory_mib();
    println!("5 cluster comparisons: {:?}; resident {now:.0} MiB, peak {peak:.0} MiB", start.elapsed());
    let start = Instant::now();
    let data = qdfh::report::comparison::state_data(&year, &ctx).unwrap();
    engine.compile_pdf("land.typ", &data, &pdf).unwrap();
    let (peak, now) = memory_mib();
    println!("state overview: {:?}; resident {now:.0} MiB, peak {peak:.0} MiB", start.elapsed());
    let start = Instant::now();
    let summary = qdfh::export::SummaryContext {
        catalog: &catalog,
        diagnostics: &qdfh::diagnostics::Diagnostics::default(),
        land: "Beispielland",
        date: reference_date,
    };
    qdfh::export::summary_workbook(&year, &summary).unwrap();
    let (peak, now) = memory_mib();
    println!("Excel summary: {:?}; resident {now:.0} MiB, peak {peak:.0} MiB", start.elapsed());
}
