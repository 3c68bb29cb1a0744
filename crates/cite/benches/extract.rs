//! Extraction throughput on real text: the paragraphs of the special-procedure reports
//! and of one treaty-body decision shard of the development corpus, concatenated (without
//! it the bench reports itself skipped; see `hrlex-testkit`).
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hrlex_cite::{extract, CitingContext};

fn main_bench(criterion: &mut Criterion) {
    let corpus = hrlex_testkit::require_dev_corpus!();
    let text = hrlex_cite_bench_text(&corpus);
    let mut group = criterion.benchmark_group("extract");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("real_paragraphs", |bencher| {
        bencher.iter(|| {
            let context = CitingContext::default();
            let mut total = 0usize;
            for paragraph in text.split("\n\n") {
                total += extract(paragraph, &context).len();
            }
            assert!(
                total > 1000,
                "the bench text must hold many citations, found {total}"
            );
            total
        })
    });
    group.finish();
}

fn hrlex_cite_bench_text(corpus: &std::path::Path) -> String {
    let mut text = String::new();
    let mut paragraph_texts = |path: std::path::PathBuf| {
        let Ok(raw) = std::fs::read_to_string(&path) else {
            return;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&raw) else {
            return;
        };
        let items = json
            .get("paragraphs")
            .and_then(|value| value.as_array())
            .or(json.as_array());
        for item in items.into_iter().flatten() {
            if let Some(paragraph) = item
                .get("text")
                .or(item.get("Text"))
                .and_then(|value| value.as_str())
            {
                text.push_str(paragraph);
                text.push_str("\n\n");
            }
        }
    };
    for entry in std::fs::read_dir(corpus.join("special-procedures"))
        .expect("special-procedures corpus")
        .flatten()
    {
        paragraph_texts(entry.path());
    }
    paragraph_texts(corpus.join("treaty-bodies/decisions/jur_CCPR_2002-2003.json"));
    text
}

criterion_group!(benches, main_bench);
criterion_main!(benches);
