//! Criterion benchmarks of the core on generated stations of 1 000, 10 000 and 100 000
//! worksheets (~10 entries each): JSON parse, audit alone, parse + audit (on one thread and
//! in two halves), and the real-time entry check. Throughput is reported in entries per
//! second; `parse_audit_faulty`, the generated station with a malformed clearance code on
//! every seventh entry (a finding on at least one entry in seven), in bytes of JSON per second.
//!
//! `cargo bench -p contact755 --bench audit`; `scripts/bench` runs every language's benchmark
//! and writes `docs/performance.md`.

#[path = "../../examples/gen/mod.rs"]
mod gen;

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

use contact755::{audit, check_entry, Dataset, Policy, WorksheetHeader};

fn sizes() -> Vec<usize> {
    // CONTACT755_BENCH_SIZES=1000,10000 shortens a run.
    std::env::var("CONTACT755_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000, 100_000])
}

fn datasets(c: &mut Criterion) {
    let policy = Policy::norwalk_2016();
    for n in sizes() {
        let json = gen::generate(&gen::GenOptions { worksheets: n, ..Default::default() });
        let dataset = Dataset::from_json(json.as_bytes()).expect("generated data is valid");
        let entries: usize = dataset.worksheets.iter().map(|w| w.entries.len()).sum();
        let mut group = c.benchmark_group("core");
        group.throughput(Throughput::Elements(entries as u64));
        if n >= 100_000 {
            group.sample_size(10);
        }
        group.bench_with_input(BenchmarkId::new("parse", n), &json, |b, json| {
            b.iter(|| Dataset::from_json(black_box(json.as_bytes())).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("audit", n), &dataset, |b, d| {
            b.iter(|| audit(&policy, black_box(d)))
        });
        group.bench_with_input(BenchmarkId::new("parse_audit", n), &json, |b, json| {
            b.iter(|| contact755::audit_json(&policy, black_box(json.as_bytes())).unwrap())
        });
        group.bench_with_input(BenchmarkId::new("parse_audit_parallel", n), &json, |b, json| {
            b.iter(|| contact755::audit_json_parallel(&policy, black_box(json.as_bytes())).unwrap())
        });
        let faulty = faulty(dataset);
        group.throughput(Throughput::Bytes(faulty.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse_audit_faulty", n), &faulty, |b, json| {
            b.iter(|| contact755::audit_json(&policy, black_box(json)).unwrap())
        });
        group.finish();
    }
}

/// The dataset's JSON with a malformed clearance code added to every seventh entry (counted
/// across worksheets): `DATA-CODE-MALFORMED` on each, beside what the generator planted.
fn faulty(mut dataset: Dataset) -> Vec<u8> {
    let entries = dataset.worksheets.iter_mut().flat_map(|w| w.entries.iter_mut());
    for entry in entries.step_by(7) {
        entry.clearance_codes.push("7-5-5".to_string());
    }
    serde_json::to_vec(&dataset).expect("a dataset is written as JSON")
}

fn realtime(c: &mut Criterion) {
    let policy = Policy::norwalk_2016();
    let json = gen::generate(&gen::GenOptions { worksheets: 200, ..Default::default() });
    let dataset = Dataset::from_json(json.as_bytes()).unwrap();
    // Every (header, entry) pair of the sample, cycled: a realistic mix of clean and faulty entries.
    let pairs: Vec<(WorksheetHeader, contact755::Entry)> = dataset
        .worksheets
        .iter()
        .flat_map(|w| {
            let header = WorksheetHeader::from(w);
            w.entries.iter().map(move |e| (header.clone(), e.clone()))
        })
        .collect();
    let mut i = 0;
    let mut group = c.benchmark_group("core");
    group.throughput(Throughput::Elements(1));
    group.bench_function("check_entry", |b| {
        b.iter(|| {
            let (h, e) = &pairs[i % pairs.len()];
            i += 1;
            check_entry(&policy, black_box(h), black_box(e)).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, datasets, realtime);
criterion_main!(benches);
