//! Analyzer throughput (MB/s of UTF-8 text) per language on real UN text.
//!
//! Input: the first ~256 KB of each language of the UN parallel corpus dev set of the
//! development corpus (`multilingual/un-parallel-corpus/devset`; see `hrlex-testkit`;
//! without it the bench reports itself skipped), and for Portuguese the UDHR (HTML tags
//! stripped), analyzed line by line as the index feeds paragraphs. Each bench
//! first asserts that the analyzer produced tokens, so a broken analyzer cannot report a
//! flattering number. Baseline: tantivy's `default` tokenizer on the English text.
//!
//! Run: `cargo bench -p hrlex-analysis --bench analyzers`.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use hrlex_analysis::{
    build_analyzer, ANALYZER_ARABIC, ANALYZER_CHINESE, ANALYZER_CJK_BIGRAM, ANALYZER_DEFAULT,
    ANALYZER_ENGLISH, ANALYZER_FRENCH, ANALYZER_IDENTIFIER, ANALYZER_PORTUGUESE, ANALYZER_RUSSIAN,
    ANALYZER_SPANISH,
};
use tantivy::tokenizer::{TextAnalyzer, TokenizerManager};

const SAMPLE_BYTES: usize = 256 * 1024;

fn corpus(relative: &str) -> String {
    let path = hrlex_testkit::expect_dev_corpus().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// Whole lines of `text` up to about `SAMPLE_BYTES`.
fn sample_lines(text: &str) -> Vec<String> {
    let mut total = 0;
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .take_while(|line| {
            total += line.len();
            total <= SAMPLE_BYTES
        })
        .map(str::to_owned)
        .collect()
}

fn devset(lang: &str) -> Vec<String> {
    sample_lines(&corpus(&format!(
        "multilingual/un-parallel-corpus/devset/UNv1.0.devset.{lang}"
    )))
}

fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                text.push(' ');
            }
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

fn count_tokens(analyzer: &mut TextAnalyzer, lines: &[String]) -> usize {
    let mut tokens = 0;
    for line in lines {
        let mut stream = analyzer.token_stream(line);
        while stream.advance() {
            tokens += 1;
        }
    }
    tokens
}

fn bench_analyzers(c: &mut Criterion) {
    hrlex_testkit::require_dev_corpus!();
    let portuguese = sample_lines(&strip_tags(&corpus("multilingual/udhr/por_PT.html")));
    let mut mixed = devset("en");
    mixed.truncate(200);
    for lang in ["ar", "ru", "zh"] {
        mixed.extend(devset(lang).into_iter().take(200));
    }
    let cases: Vec<(&str, &str, Vec<String>)> = vec![
        ("en", ANALYZER_ENGLISH, devset("en")),
        ("fr", ANALYZER_FRENCH, devset("fr")),
        ("es", ANALYZER_SPANISH, devset("es")),
        ("pt", ANALYZER_PORTUGUESE, portuguese),
        ("ru", ANALYZER_RUSSIAN, devset("ru")),
        ("ar", ANALYZER_ARABIC, devset("ar")),
        ("zh", ANALYZER_CHINESE, devset("zh")),
        ("zh", ANALYZER_CJK_BIGRAM, devset("zh")),
        ("mixed", ANALYZER_DEFAULT, mixed),
        ("en", ANALYZER_IDENTIFIER, devset("en")),
    ];
    let mut group = c.benchmark_group("analyzer");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    // Build jieba before timing anything.
    hrlex_analysis::jieba();
    for (lang, name, lines) in &cases {
        let mut analyzer = build_analyzer(name).expect("one of our analyzers");
        let bytes: usize = lines.iter().map(String::len).sum();
        let tokens = count_tokens(&mut analyzer, lines);
        assert!(
            tokens > bytes / 40,
            "{name} on {lang}: only {tokens} tokens for {bytes} bytes"
        );
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(format!("{name}/{lang}"), |b| {
            b.iter(|| count_tokens(&mut analyzer, black_box(lines)))
        });
    }
    let mut baseline = TokenizerManager::default()
        .get("default")
        .expect("tantivy's default tokenizer");
    let english = devset("en");
    group.throughput(Throughput::Bytes(
        english.iter().map(String::len).sum::<usize>() as u64,
    ));
    group.bench_function("tantivy_default/en", |b| {
        b.iter(|| count_tokens(&mut baseline, black_box(&english)))
    });
    group.finish();
}

criterion_group!(benches, bench_analyzers);
criterion_main!(benches);
