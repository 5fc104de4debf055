//! Reading Graph v1.0 (`../shared/graph-metadata/v1.0-clean.xml`, 3.5 MB): our reader and model next
//! to bare quick-xml loops over the same bytes, plus the peak heap of one read + resolve.
//!
//! Run with `cargo bench -p odata-codegen --bench read`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use odata_codegen::csdl;
use odata_codegen::diag::FileId;
use odata_codegen::model::Model;
use quick_xml::events::Event;
use quick_xml::{Reader, XmlVersion};

/// The system allocator, counting live and peak heap bytes.
struct CountingAllocator;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

fn metadata() -> Option<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph-metadata/v1.0-clean.xml");
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(err) => {
            eprintln!("SKIPPED: cannot read {}: {err}", path.display());
            None
        }
    }
}

/// Every event, nothing else looked at: the floor for any quick-xml based reader.
fn bare_events(text: &str) -> usize {
    let mut reader = Reader::from_str(text);
    let mut events = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return events,
            Ok(event) => {
                black_box(&event);
                events += 1;
            }
        }
    }
}

/// Every event and every attribute value of every tag, unescaped: what any CSDL reader must at least do.
fn events_and_attributes(text: &str) -> usize {
    let mut reader = Reader::from_str(text);
    let mut attributes = 0;
    loop {
        match reader.read_event() {
            Ok(Event::Eof) | Err(_) => return attributes,
            Ok(Event::Start(tag) | Event::Empty(tag)) => {
                for attribute in tag.attributes().flatten() {
                    let _ = black_box(attribute.normalized_value(XmlVersion::Implicit1_0));
                    attributes += 1;
                }
            }
            Ok(event) => {
                black_box(&event);
            }
        }
    }
}

fn read_and_resolve(text: &str) -> usize {
    let parsed = csdl::parse(text, FileId(0));
    let documents: Vec<_> = parsed.document.into_iter().collect();
    let (model, diagnostics) = Model::build(&documents);
    black_box(&diagnostics);
    model.types.len()
}

fn report_peak_memory(text: &str) {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let types = read_and_resolve(text);
    let peak = PEAK.load(Ordering::Relaxed) - before;
    eprintln!(
        "peak heap of read + resolve: {:.1} MiB for a {:.1} MiB file ({types} types; {:.1}× the input)",
        peak as f64 / 1048576.0,
        text.len() as f64 / 1048576.0,
        peak as f64 / text.len() as f64
    );
}

fn bench_read(c: &mut Criterion) {
    let Some(text) = metadata() else { return };
    report_peak_memory(&text);
    let mut group = c.benchmark_group("graph-v1.0");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(30);
    group.bench_function("quick-xml events", |b| b.iter(|| bare_events(&text)));
    group.bench_function("quick-xml events+attributes", |b| b.iter(|| events_and_attributes(&text)));
    group.bench_function("read (syntax tree)", |b| b.iter(|| csdl::parse(&text, FileId(0)).diagnostics.len()));
    group.bench_function("read + resolve (model)", |b| b.iter(|| read_and_resolve(&text)));
    group.finish();
}

criterion_group!(benches, bench_read);
criterion_main!(benches);
