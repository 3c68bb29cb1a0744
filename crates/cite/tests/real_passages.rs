//! Every citation kind × language of SPEC on real passages from the development corpus
//! (the file and record are named above each passage), plus the negatives.
//! Properties checked: the keys a user would link on (exact set per passage), the
//! pinpoints, and that spans give back the surface.
//!
//! Coverage (kind × language of SPEC §2; `✓` = a real corpus passage below, `—` = the
//! corpus has no occurrence, searched with the patterns noted, over every JSON, CSV,
//! XML, JSONL and text file, the UN parallel corpus, and the `pdftotext` output of all
//! 318 PDFs; those cells are tested on SPEC's own forms in `spec_forms.rs` only):
//!
//! | kind | EN | FR | ES | PT | ZH | RU | AR |
//! |---|---|---|---|---|---|---|---|
//! | `un:` symbol in running text | ✓ | ✓ | ✓ | ✓ | ✓ | —¹ | ✓ |
//! | `un:` elliptical / joint symbols | ✓ | —² | —² | — | —² | —² | —² |
//! | `un:` resolution / decision by number | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
//! | `comm:` treaty-body communication | ✓ | —³ | ✓ | ✓ | —³ | —³ | —³ |
//! | `gc:` general comment / recommendation | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ | ✓ |
//! | `upr:` recommendation | ✓ | ✓ | —⁴ | — | —⁴ | — | ✓ |
//! | `ecthr:app` | ✓ | ✓ | — | — | — | —⁵ | — |
//! | `ecthr:seriesA` / `reports` / `dr` / `ehrr` | ✓ | ✓ | — | — | — | — | — |
//! | `ecthr:bailii` | —⁶ | — | — | — | — | — | — |
//! | `hudoc:` / `ecli:` | ✓⁷ | — | — | — | — | — | — |
//! | `iacthr:C` | ✓ | — | ✓ | ✓ | — | — | — |
//! | `iacthr:OC-` | ✓ | — | ✓ | ✓ | — | — | — |
//! | `iachr:report` / `case` / `petition` / `MC` | ✓ | — | ✓ | ✓ | — | — | — |
//! | `oas:` | ✓ | — | — | — | — | — | — |
//! | `achpr:comm` / `afchpr:app` | ✓ | —⁸ | — | — | — | — | — |
//! | `cjeu:` | ✓ | — | — | — | — | — | — |
//!
//! ¹ The Russian texts (UN parallel corpus, UDHR, Charter) hold one symbol only,
//!   `JIU/REP/2014/8`, whose prefix SPEC's list does not have (no key, by SPEC).
//! ² `(and|et|y|и|和|及|و)\s*(Corr|Add|Rev)\.` and `SR\.\s?\d+\s?(and|et|y|и|和)\s?\d+`:
//!   English only; the parallel corpus has almost no symbols (they were stripped).
//! ³ `communication n°`, `requête n°`, `第…号来文`, `сообщени… №`, `البلاغ… رقم`: no
//!   numbered communication in French, Chinese, Russian or Arabic text.
//! ⁴ `recomendaci(ón|ones) \d{2,3}\.\d`, `第…建议`, `建议\s?\d`: the Chinese hits are JIU
//!   recommendations `建议5、11和12` (not UPR; no key).
//! ⁵ `жалоб\w*\s+(№|N)`, `Европейск\w+ суд`: none.
//! ⁶ `\[\d{4}\]\s?ECHR`: none.
//! ⁷ No ECLI or HUDOC item id occurs in running text: item ids only inside HUDOC URLs
//!   (negatives below), ECLIs only in the metadata fields of `echr/` (tested on one).
//! ⁸ `Requête n° 0\d\d/\d{4}`: none; `Commission africaine` once, for an ACHPR
//!   resolution (a negative below); the `africa/` folder (ECOWAS judgments, Pan-African
//!   Parliament report, laws) cites no communication.
//!
//! Also absent: GA decisions `decision 61/503 A` and `PRST n/m` (`(?i)decision\s+\d+/\d+\s?[A-Z]\b`,
//! `PRST\s?\d`), CJEU/ECLI `EU:C:` forms, and `Series C` lists (`Series C,? Nos`).

use hrlex_cite::{extract, CitingContext};
use hrlex_model::Mechanism;

fn keys_with(text: &str, context: &CitingContext) -> Vec<String> {
    let citations = extract(text, context);
    for citation in &citations {
        assert_eq!(
            &text[citation.span.0..citation.span.1],
            citation.surface,
            "span of {}",
            citation.key
        );
    }
    citations
        .into_iter()
        .map(|citation| citation.key.as_str().to_string())
        .collect()
}

fn keys(text: &str) -> Vec<String> {
    keys_with(text, &CitingContext::default())
}

fn keys_for(text: &str, mechanism: Mechanism) -> Vec<String> {
    keys_with(text, &CitingContext::with_mechanism(mechanism))
}

// ------------------------------------------------------------------ UN symbols (EN)

#[test]
fn un_symbols_in_a_special_rapporteur_footnote() {
    // special-procedures/SR_Education_A_HRC_53_27.json, paragraph 51.
    let text = "55 Notably, A/72/496, A/76/158, A/73/262, A/HRC/14/25 and A/HRC/14/25/Corr.1, A/HRC/11/8 and E/CN.4/2006/45. 56 A/HRC/47/32, paras. 53–59 and 82.";
    assert_eq!(
        keys(text),
        [
            "un:A/72/496",
            "un:A/76/158",
            "un:A/73/262",
            "un:A/HRC/14/25",
            "un:A/HRC/14/25/CORR.1",
            "un:A/HRC/11/8",
            "un:E/CN.4/2006/45",
            "un:A/HRC/47/32"
        ]
    );
    let citations = extract(text, &CitingContext::default());
    assert_eq!(citations.last().unwrap().pin, ["para:53-59", "para:82"]);
}

#[test]
fn un_symbols_with_spaces_addenda_and_d_symbols() {
    // special-procedures/SR_Torture_A_HRC_13_39.json, paragraph 26: `Add. 5` with a space.
    assert_eq!(
        keys("(contained in A/HRC/13/40/Add. 5). Although"),
        ["un:A/HRC/13/40/ADD.5"]
    );
    // special-procedures/SR_Torture_A_55_290.json, paragraph 28.
    assert_eq!(
        keys("fundamental freedoms (E/CN.4/Sub.2/1993/8). The"),
        ["un:E/CN.4/SUB.2/1993/8"]
    );
    // special-procedures/SR_Torture_A_HRC_37_50.json, paragraph 21 (footnotes 22-24).
    let text = "22 See for example European Court of Human Rights, MSS v. Belgium and Greece, Application No. 30696/09, judgment 21 January 2011, para. 233; Mukong v. Cameroon (CCPR/C/51/D/458/1991), para. 9.3; and Inter-American Court of Human Rights, Suárez-Rosero v. Ecuador, judgment 12 November 1997, para. 91. 23 European Court of Human Rights, Tarakhel v. Switzerland, Application No. 29217/12, judgment 4 November 2014, paras. 118–119. 24 European Court of Human Rights, Hode and Abdi v. UK, Application No.22341/09, judgment 6 November 2012, para. 56.";
    assert_eq!(
        keys(text),
        [
            "ecthr:app:30696/09",
            "un:CCPR/C/51/D/458/1991",
            "ecthr:app:29217/12",
            "ecthr:app:22341/09"
        ]
    );
    // special-procedures/SR_Torture_A_HRC_37_50.json, paragraph 15: general comment + symbol.
    let text = "See also Committee against Torture, general comment No. 2 (2007) on the implementation of article 2, paras. 3 and 16, and CCPR/C/21/Rev.1/Add.13, para. 10.";
    assert_eq!(keys(text), ["gc:CAT:2", "un:CCPR/C/21/REV.1/ADD.13"]);
}

#[test]
fn un_symbol_running_headers_and_broken_ocr() {
    // special-procedures/SR_Torture_A_73_207.json, paragraph 28: header `A/73/207 9/23 18-12051`.
    assert_eq!(
        keys("(art. 10). A/73/207 9/23 18-12051 (f) Exclusionary rule"),
        ["un:A/73/207"]
    );
    // treaty-bodies/decisions/jur_CCPR_1988-1989.json, ccpr-c-52-d-386-1989-0007 (OCR `198%`).
    assert_eq!(
        keys("19. CCPR/C/52/D/386/198% Annex English"),
        ["un:CCPR/C/52/D/386/198"]
    );
}

// ------------------------------------------------------------------ resolutions

#[test]
fn resolutions_by_number_english_with_body_inference() {
    // special-procedures/SR_Torture_E_CN_4_2000_9.json, paragraph 3.
    let text = "as approved most recently by the Commission in its resolution 1999/32, paragraph 21, and by the General Assembly in its resolution 54/156, paragraph 16.";
    assert_eq!(keys(text), ["un:E/CN.4/RES/1999/32", "un:A/RES/54/156"]);
    // special-procedures/SR_Health_A_65_255.json, paragraph 17 (old GA style).
    assert_eq!(
        keys("(General Assembly resolution 2200 A (XXI))."),
        ["un:A/RES/2200(XXI)"]
    );
    // special-procedures/SR_Health_A_HRC_50_28.json, paragraph 76.
    assert_eq!(
        keys(
            "On 3 May 2016, the Security Council adopted resolution 2286 (2016) on the protection"
        ),
        ["un:S/RES/2286"]
    );
    // special-procedures/SR_Education_A_65_162.json, paragraph 1: HRC by cue.
    assert_eq!(
        keys("The present report is submitted pursuant to Human Rights Council resolution 8/4, adopted on 18 June 2008"),
        ["un:A/HRC/RES/8/4"]
    );
}

#[test]
fn resolutions_french_spanish_russian_arabic_chinese() {
    // recommendations-morocco/recommendations.jsonl, line 2 (Nom).
    assert_eq!(
        keys("et approuvées par l’Assemblée générale dans sa résolution 47/111 en date du 16 décembre 1992."),
        ["un:A/RES/47/111"]
    );
    // multilingual/un-parallel-corpus/devset/UNv1.0.devset.es, line 1749.
    let text = "de conformidad con lo establecido en la resolución 2174 (2014); la condena de los intentos de exportación ilícita de petróleo, de conformidad con lo dispuesto en la resolución 2146 (2014);";
    assert_eq!(keys(text), ["un:S/RES/2174", "un:S/RES/2146"]);
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.ru, line 10.
    let text = "замороженные во исполнение резолюций 1970 (2011) и 1973 (2011) с изменениями, внесенными резолюцией 2009 (2011), провести консультации";
    assert_eq!(
        keys(text),
        ["un:S/RES/1970", "un:S/RES/1973", "un:S/RES/2009"]
    );
    // multilingual/un-parallel-corpus/devset/UNv1.0.devset.ru, line 3926: bare number + cue.
    assert_eq!(
        keys("В контексте резолюции 1325 Совета Безопасности Организации Объединенных Наций"),
        ["un:S/RES/1325"]
    );
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.ar, line 10 (dual form, glued و).
    let text = "التي لديها أصول مجمدة عملا بالقرارين 1970 (2011) و 1973 (2011)، المعدلين بالقرار 2009 (2011)، على التشاور";
    assert_eq!(
        keys(text),
        ["un:S/RES/1970", "un:S/RES/1973", "un:S/RES/2009"]
    );
    // recommendations-morocco/recommendations.jsonl, line 2 (NomAr).
    assert_eq!(
        keys("وأقرته الجمعية العامة في قرارها 47/111. وفي هذا الصدد"),
        ["un:A/RES/47/111"]
    );
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.zh, line 196 (每项都带 第).
    let text = "决定将第1662(2006)、第1746(2007)、第1806(2008)和第2145 (2014)号决议以及下文第4、5、6和7段规定的";
    assert_eq!(
        keys(text),
        [
            "un:S/RES/1662",
            "un:S/RES/1746",
            "un:S/RES/1806",
            "un:S/RES/2145"
        ]
    );
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.zh, line 3583, with a pinpoint.
    let text = "鼓励秘书长铭记安全理事会2003年8月26日第1502(2003)号决议第5和6段，继续";
    let citations = extract(text, &CitingContext::default());
    assert_eq!(citations[0].key.as_str(), "un:S/RES/1502");
    assert_eq!(citations[0].pin, ["para:5", "para:6"]);
}

// ------------------------------------------------------------------ communications

#[test]
fn treaty_body_communications_english() {
    // treaty-bodies/decisions/jur_CCPR_1988-1989.json, ccpr-c-47-d-334-1988 (notes).
    let text = "Notes a/ Communications Nos. 210/1986 and 225/1987, views adopted on 6 April 1989. b/ See communication No. 283/1988 (Aston Little v. Jamaica), views adopted on 1 November 1991, para. 7.3.";
    assert_eq!(
        keys_for(text, Mechanism::Ccpr),
        [
            "comm:CCPR:210/1986",
            "comm:CCPR:225/1987",
            "comm:CCPR:283/1988"
        ]
    );
    // treaty-bodies/decisions/jur_CAT_1995-1999.json, cat-c-24-d-95-1997-0014.
    let text = "the State party refers to the jurisprudence of the Committee in its decision K. v. Canada (communication No. 42/1996, 25 November 1997)";
    assert_eq!(keys_for(text, Mechanism::Cat), ["comm:CAT:42/1996"]);
    // treaty-bodies/decisions/jur_CCPR_unknown.json, ccpr-c-116-3-0017: `case No.` with `v.`.
    let text = "A similar conclusion was reached by the Committee in case No. 2134/2012 (Serna and others v. Colombia).";
    assert_eq!(keys_for(text, Mechanism::Ccpr), ["comm:CCPR:2134/2012"]);
    // special-procedures/SR_Torture_A_HRC_4_33.json, paragraph with note 26: body from the symbol.
    assert_eq!(
        keys("26 Communication No. 212/2002 (CAT/C/D/212/2002). 27 Ibid., para. 6.8"),
        ["comm:CAT:212/2002", "un:CAT/C/D/212/2002"]
    );
    // Without any clue the body stays `?` for the linker.
    assert_eq!(
        keys("reference is made to communication number 588/1994 para.8.1."),
        ["comm:?:588/1994"]
    );
}

// ------------------------------------------------------------------ general comments

#[test]
fn general_comments_in_six_languages() {
    // special-procedures/SR_Torture_A_71_298.json, paragraph 32.
    let text = "(see Human Rights Committee, general comment No. 35 (2014) on liberty and security of person";
    assert_eq!(keys(text), ["gc:CCPR:35"]);
    // treaty-bodies/general-comments/Annotated_CRC-CMW-GC22-MigPrinciples.json, paragraph 31.
    let text = "in accordance with Committee on the Rights of the Child general comment No. 12 (2009) on the right of the child to be heard";
    assert_eq!(keys(text), ["gc:CRC:12"]);
    // recommendations-morocco/recommendations.jsonl, Id 131 (Nom), citing body CESCR.
    let text = "Tenant compte de son observation générale no 16 (2005) sur le droit égal de l’homme et de la femme";
    assert_eq!(keys_for(text, Mechanism::Cescr), ["gc:CESCR:16"]);
    // multilingual/un-parallel-corpus/devset/UNv1.0.devset.es, line 2789 (no citing body).
    let text = "el Comité señala a la atención del Estado parte su recomendación general núm. 9 sobre datos estadísticos";
    assert_eq!(keys(text), ["gc:?:9"]);
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.ru, line 1199.
    let text =
        "Комитет далее ссылается на свою рекомендацию № 19 общего порядка, в которой насилие";
    assert_eq!(keys(text), ["gc:?:19"]);
    // recommendations-morocco/recommendations.jsonl, Id 293 (NomAr), citing body CRC.
    let text = "الأخذ في الحسبان التعليق العام رقم 13(2011) بشأن حق الطفل في التحرر";
    assert_eq!(keys_for(text, Mechanism::Crc), ["gc:CRC:13"]);
    // multilingual/un-parallel-corpus/devset/UNv1.0.devset.ar, line 2789.
    assert_eq!(
        keys("توجه اللجنة انتباه الدولة الطرف إلى توصيتها العامة رقم 9 بشأن البيانات"),
        ["gc:?:9"]
    );
}

// ------------------------------------------------------------------ UPR recommendations

#[test]
fn upr_recommendations_cited_with_their_report() {
    // recommendations-morocco/recommendations.jsonl, Id 1072 (Nom).
    let text = "Comme suite aux recommandations issues du deuxième cycle figurant aux paragraphes\u{a0}129.98, 129.102 et 130.9 du document A/HRC/21/3, accroître les investissements";
    assert_eq!(
        keys(text),
        [
            "upr:A/HRC/21/3:129.98",
            "upr:A/HRC/21/3:129.102",
            "upr:A/HRC/21/3:130.9",
            "un:A/HRC/21/3"
        ]
    );
    // Same record (NomAr): Arabic writes the recommendation numbers 129-98.
    let text = "متابعة التوصيات المنبثقة عن الجولة الثانية والواردة في الوثيقة A/HRC/21/3 الفقرات 129-98 و129-102";
    assert_eq!(
        keys(text),
        [
            "un:A/HRC/21/3",
            "upr:A/HRC/21/3:129.98",
            "upr:A/HRC/21/3:129.102"
        ]
    );
    // upr/reports-text/venezuela2011.txt, line 156: a definition, not a citation (rule 0.7).
    assert!(keys("93.19. Undertake a participatory and inclusive process with all interested civil society organizations (Norway);").is_empty());
}

// ------------------------------------------------------------------ ECtHR

#[test]
fn ecthr_application_numbers_english_and_french() {
    // echr/hudoc-texts/communicated_case_001-118182_ENG.txt, paragraph 1.
    assert_eq!(
        keys("Application no. 29750/09 by Khadim Resaan HASSAN against the United Kingdom lodged on 5 June 2009"),
        ["ecthr:app:29750/09"]
    );
    // echr/hudoc-texts/standard_001-57870_ENG.txt, paragraph 21.
    let text = "It originated in an application (no. 12954/87) against the Italian Republic lodged with the Commission";
    assert_eq!(keys(text), ["ecthr:app:12954/87"]);
    // echr/hudoc-texts/info_note_002-961_FRE.txt, line 17 (`n o` from a superscript o).
    assert_eq!(
        keys("Par un arrêt du 19 mai 2005 (requête n o 63151/00), la Cour"),
        ["ecthr:app:63151/00"]
    );
    // echr/hudoc-texts/standard_001-62332_FRE.txt, paragraph 36.
    assert_eq!(
        keys("se trouve une requête (n° 11683/85) dirigée contre le Royaume de"),
        ["ecthr:app:11683/85"]
    );
    // iacthr/pdfs/1611.pdf (pdftotext), footnote 65: IACtHR citing Strasbourg.
    assert_eq!(
        keys("65 Cf. Kurt v. Turkey, App. No. 24276/94, Eur. Ct. H.R. (1998); Cakici v. Turkey"),
        ["ecthr:app:24276/94"]
    );
}

#[test]
fn ecthr_reporters_series_a_reports_ehrr() {
    // echr/hudoc-texts/standard_001-57870_ENG.txt, paragraph 128.
    let text = "(see the Handyside v. the United Kingdom judgment of 7 December 1976, Series A no. 24, p. 30, para. 63, and the AGOSI v. the United Kingdom judgment of 24 October 1986, Series A no. 108, p. 17, para. 51).";
    assert_eq!(keys(text), ["ecthr:seriesA:24", "ecthr:seriesA:108"]);
    // echr/hudoc-texts/standard_001-62618_FRE.txt, paragraph 1155.
    assert_eq!(
        keys("23 septembre 1994, série A n° 299-A, p. 20, par. 55)."),
        ["ecthr:seriesA:299-A"]
    );
    // echr/hudoc-texts/standard_001-58066_ENG.txt, paragraph 195.
    let text = "in the case of Akdivar and Others v. Turkey (Reports of Judgments and Decisions for 1996-IV, pp. 1210-11) the Court";
    assert_eq!(keys(text), ["ecthr:reports:1996-IV/1210"]);
    // treaty-bodies/decisions/jur_CCPR_1992-1993.json, ccpr-c-61-d-554-1993 (notes).
    let text = "2 soering v. United Kingdom, 11 EHRR 439 (1989). Views on communication No. 250/1987 (C, Reid v. Jamaica)";
    assert_eq!(
        keys_for(text, Mechanism::Ccpr),
        ["ehrr:11/439", "comm:CCPR:250/1987"]
    );
}

// ------------------------------------------------------------------ Inter-American system

#[test]
fn inter_american_court_series_c_spanish_and_english() {
    // iacthr/pdfs/1289.pdf (pdftotext), block 146.
    let text = "de 6 de abril de 2006. Serie C No. 147, párr. 141; y Caso López Álvarez Vs. Honduras. Fondo, Reparaciones y Costas. Sentencia de 1 de febrero de 2006. Serie C No. 141, párr. 28.";
    let citations = extract(text, &CitingContext::default());
    let found: Vec<&str> = citations
        .iter()
        .map(|citation| citation.key.as_str())
        .collect();
    assert_eq!(found, ["iacthr:C:147", "iacthr:C:141"]);
    assert_eq!(citations[0].pin, ["para:141"]);
    // iacthr/pdfs/1105.pdf (pdftotext), block 159: `Serie C. No. 39`.
    assert_eq!(
        keys("Sentencia de 27 de agosto de 1998. Serie C. No. 39, párr. 79; Caso Gomes Lund"),
        ["iacthr:C:39"]
    );
    // iacthr/pdfs/1611.pdf (pdftotext), block 303.
    assert_eq!(
        keys("Case of Las Palmeras V. Colombia. Reparations and Costs. Judgment of November 26, 2002. Series C No. 96, para. 67;"),
        ["iacthr:C:96"]
    );
}

#[test]
fn inter_american_commission_reports_cases_and_petitions() {
    // iacthr/pdfs/1611.pdf (pdftotext), block 36.
    let text = "See Appendix 1 of the application: IACHR, Report on Admissibility and Merits Nº 85/07, case 11.385, Kenneth Ney Anzualdo Castro of October 16, 2007, para. 47-49";
    assert_eq!(keys(text), ["iachr:report:85/07", "iachr:case:11.385"]);
    // iacthr/pdfs/1358.pdf (pdftotext), block 12.
    assert_eq!(
        keys("Corte una demanda contra México, que se originó en la denuncia No. 12.228, recibida en la Secretaría"),
        ["iachr:case:12.228"]
    );
}

// ------------------------------------------------------------------ negatives

#[test]
fn negatives_seen_in_the_corpus() {
    let negatives = [
        // treaty-bodies/decisions/jur_small_treaties.json, crpd-c-26-d-48-2018-0026.
        "in accordance with Decree No. 246/2008. This shows that the autonomous regional government",
        // treaty-bodies/decisions/jur_CCPR_1996-1997.json, ccpr-c-73-d-774-1997-0005.
        "nationalized in accordance with Benes Decree No. 100/1945 of 24 October 1945",
        // echr/hudoc-texts/standard_001-58017_ENG.txt, paragraph 84.
        "Law no. 93-2 of 4 January 1993 reforming criminal procedure",
        // echr/hudoc-texts/standard_001-58110_ENG.txt: protocols are treaties.
        "before the entry into force of Protocol No. 9 (1 October 1994)",
        // echr/hudoc-texts/standard_001-62609_FRE.txt: old Court case numbering.
        "L'affaire porte le n° 65/1996/684/874. Les deux premiers chiffres",
        // special-procedures/SR_Health_A_HRC_59_48.json: sales and job numbers.
        "(United Nations publication, Sales No. E.11.XIV.3, p. 1. GE.25-05789 distinction",
        // special-procedures/SR_Health_A_80_184.json: identifiers inside URLs.
        "available at https://news.un.org/en/story/2024/ 01/1145317; and www.hrw.org/news/2024/08/26/israel",
        // multilingual/un-parallel-corpus/devset/UNv1.0.devset.ar, line 1229: clock times.
        "عقد اجتماعاته من الساعة 00/10 حتى الساعة 00/13 ومن الساعة 00/15",
        // upr/reports-text/paraguay2011.txt, line 420: ILO convention.
        "in accordance with its obligations under the ILO Convention No. 169 (Plurinational State of Bolivia);",
        // multilingual/un-parallel-corpus/devset/UNv1.0.devset.fr, line 2759: a budget period.
        "La diminution par rapport à l'exercice 2014/15 s'explique par le fait",
        // iacthr/pdfs/1105.pdf (pdftotext), block 127: domestic decree law.
        "(Decreto Ley No. 25876)43, publicado el 25 de noviembre",
        // echr/hudoc-texts/standard_001-58106_ENG.txt: a French Conseil d'Etat application.
        "( Conseil d’Etat , Judicial Division, 26 July 1991, Lazaar, application no. 121849).",
        // treaty-bodies/decisions/jur_CCPR_1992-1993.json, ccpr-c-61-d-554-1993: domestic judgment.
        "Supreme Court of Zimbabwe, judgment No. S.C. 73/93 of June 1993.",
    ];
    for text in negatives {
        assert!(keys(text).is_empty(), "{text:?} gave {:?}", keys(text));
    }
}

#[test]
fn footnote_markers_and_line_breaks_do_not_break_citations() {
    // N4: a line break inside an application citation (SPEC §5 form).
    assert_eq!(
        keys("PRETTY v. THE UNITED KINGDOM 1 (application\nno. 2346/02)"),
        ["ecthr:app:2346/02"]
    );
    // N1/N5: full-width symbol; superscript footnote marker glued to the symbol.
    assert_eq!(
        keys("见Ａ／ＨＲＣ／１５／５６²，第 23 和 57 段"),
        ["un:A/HRC/15/56"]
    );
    // N4: symbol split across a page break.
    assert_eq!(keys("A\n\n/HRC/WG.6/17/MEX/2"), ["un:A/HRC/WG.6/17/MEX/2"]);
}

#[test]
fn duplicate_keys_in_a_passage_are_merged() {
    // multilingual/un-parallel-corpus/devset/UNv1.0.devset.ar, line 1635.
    let text = "استمرار انتهاكات حكومة السودان للقرار 1591 (2005)، بما في ذلك من قِبل قوات الدعم السريع التابعة لها والجماعات المسلحة المنتسبة إلى الحكومة، بنقلها أسلحة وذخيرة إلى دارفور بشكل اعتيادي دون إذن مسبق من اللجنة المنشأة بموجب القرار 1591 (2005)،";
    assert_eq!(keys(text), ["un:S/RES/1591"]);
}

// ------------------------------------------------------------------ UN symbols in other languages

#[test]
fn un_symbols_inside_chinese_arabic_french_spanish_and_portuguese_text() {
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.zh, line 3700: 第…段 pinpoint.
    let text = "由秘书长提议有待大会就2014年7月1日至2015年6月30日期间马里稳定团的经费筹措采取的行动见秘书长的说明(A/69/828)第8段。";
    let citations = extract(text, &CitingContext::default());
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "un:A/69/828");
    assert_eq!(citations[0].pin, ["para:8"]);
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.ar and .fr, line 3129.
    assert_eq!(
        keys("مثل العراق والجمهورية العربية السورية والقرن الأفريقي وأفغانستان واليمن وليبيا (انظر S/2014/648)."),
        ["un:S/2014/648"]
    );
    assert_eq!(
        keys("en Iraq, dans la République arabe syrienne, dans la Corne de l'Afrique, en Afghanistan, au Yémen et en Libye (voir S/2014/648)."),
        ["un:S/2014/648"]
    );
    // Same line 1503 in all six languages: `JIU/` is not a SPEC prefix, so no key.
    assert!(keys("联合国系统各组织使用非编内人员和相关合同模式的报告(JIU/REP/2014/8)发布太迟，无法列入本报告。").is_empty());
    // iacthr/pdfs/1615.pdf (pdftotext), line 1995: CHR resolution cue `de la Comisión`.
    assert_eq!(
        keys("párrafo 11 de la resolución 2001/46 de la Comisión, E/CN.4/2002/71, 8 de enero de 2002, párr. 70."),
        ["un:E/CN.4/RES/2001/46", "un:E/CN.4/2002/71"]
    );
}

#[test]
fn elliptical_modifiers_replace_the_last_one_and_joint_symbols_split() {
    // special-procedures/SR_Torture_A_HRC_22_53.json, paragraph 2 (was `…/ADD.1/ADD.2`).
    let text = "Reports of country visits to Tajikistan and Morocco are contained in documents A/HRC/22/53/Add.1 and Add.2, respectively. A/HRC/22/53/Add.3 contains an update";
    assert_eq!(
        keys(text),
        [
            "un:A/HRC/22/53/ADD.1",
            "un:A/HRC/22/53/ADD.2",
            "un:A/HRC/22/53/ADD.3"
        ]
    );
    // special-procedures/SR_Torture_E_CN_4_2000_9.json, paragraph 207: the Add.1 belongs
    // to the citing report, not to E/CN.4/1996/35.
    assert_eq!(
        keys("(see E/CN.4/1996/35/Add.2 and Add.1 to the present report). He welcomes"),
        ["un:E/CN.4/1996/35/ADD.2"]
    );
    // special-procedures/SR_Education_A_66_269.json, paragraph 5 (footnotes 1-2).
    assert_eq!(
        keys("1 A/HRC/17/29 and Corr.1. 2 A/HRC/17/29/Add.2. 3 International Covenant"),
        [
            "un:A/HRC/17/29",
            "un:A/HRC/17/29/CORR.1",
            "un:A/HRC/17/29/ADD.2"
        ]
    );
    // special-procedures/SR_Education_A_69_402.json, paragraph 52: joint ECOSOC
    // supplement symbol, then its corrigendum, then pinpoints.
    let text = "(article 13 of the Covenant) (E/2000/22-E/C.12/1999/11 and Corr.1, annex VI, para. 30). 18 Transparency";
    let citations = extract(text, &CitingContext::default());
    let found: Vec<&str> = citations.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        found,
        [
            "un:E/2000/22",
            "un:E/C.12/1999/11",
            "un:E/C.12/1999/11/CORR.1"
        ]
    );
    assert_eq!(citations[2].pin, ["annex:VI", "para:30"]);
    // treaty-bodies/general-comments/Annotated_CEDAW-GR34-rural.json, paragraph 22.
    let text = "harmful practices (see CEDAW/C/GC/31-CRC/C/GC/18, para. 9), such as child";
    assert_eq!(keys(text), ["un:CEDAW/C/GC/31", "un:CRC/C/GC/18"]);
    // special-procedures/SR_Torture_A_78_324.json, paragraph 30: GC symbol with its pin.
    let citations = extract(
        "21 CCPR/C/GC/36, para. 13. 22 Ibid., para. 14.",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "un:CCPR/C/GC/36");
    assert_eq!(citations[0].pin, ["para:13"]);
}

#[test]
fn decisions_and_resolutions_by_number_in_english_spanish_and_chinese() {
    // special-procedures/SR_Education_A_HRC_4_29.json, paragraph 1.
    let text = "in accordance with paragraph 12 of Commission resolution 2005/21 as well as decision 1/102 of the Human Rights Council in which the Council decided";
    assert_eq!(keys(text), ["un:E/CN.4/RES/2005/21", "un:A/HRC/DEC/1/102"]);
    // special-procedures/SR_Health_A_62_214.json, paragraph 6.
    assert_eq!(
        keys("In November 2006, the Council, by its decision 2/108, requested the Special Rapporteur"),
        ["un:A/HRC/DEC/2/108"]
    );
    // special-procedures/SR_Education_E_CN_4_2001_52.json, paragraph 85 (note 33).
    assert_eq!(
        keys("in accordance with Sub-Commission decision 1999/111 (E/CN.4/Sub.2/2000/33 of 21 June 2000), para. 26."),
        ["un:E/CN.4/SUB.2/DEC/1999/111", "un:E/CN.4/SUB.2/2000/33"]
    );
    // special-procedures/SR_Education_A_HRC_17_29.json, paragraph 72: a domestic decision.
    assert!(keys(
        "Orsus and Others v. Croatia, 16 March 2010 63 Decision 23/2007. measures must respond"
    )
    .is_empty());
    // iacthr/pdfs/1202.pdf (pdftotext), line 1192.
    assert_eq!(
        keys("Detención o Prisión, Adoptado por la Asamblea General en su resolución 43/173, de 9 de diciembre de 1988,"),
        ["un:A/RES/43/173"]
    );
    // iacthr/pdfs/98334.pdf (pdftotext), line 3084: old GA style in Portuguese.
    assert_eq!(
        keys("em Benefício da Humanidade, proclamada pela Assembleia Geral em sua resolução 3384 (XXX), de 10 de"),
        ["un:A/RES/3384(XXX)"]
    );
    // multilingual/un-parallel-corpus/devset/UNv1.0.devset.zh, line 3758: bare number + cue.
    assert_eq!(
        keys("妇女是和平与安全的有力推动者，各国应根据联合国安全理事会第1325号决议制订《国家行动计划》"),
        ["un:S/RES/1325"]
    );
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.zh, line 249 (安理会).
    assert_eq!(
        keys("2011年，1540委员会及其专家小组访问美国，并了解了美国执行联合国安理会第1540号决议的各项举措。"),
        ["un:S/RES/1540"]
    );
    // devset.zh and devset.fr, line 1881: an African Commission resolution is no UN key.
    assert!(keys("又表示注意到非洲人权和人民权利委员会2013年11月5日关于防止攻击和歧视白化病患者的第263号决议，").is_empty());
    assert!(keys("Prenant note également de la résolution 263, en date du 5 novembre 2013, de la Commission africaine des droits de l'homme et des peuples").is_empty());
}

// ------------------------------------------------------------------ communications, other forms

#[test]
fn treaty_body_communications_spanish_portuguese_and_lists() {
    // iacthr/pdfs/1615.pdf (pdftotext), line 1312: body from the D-symbol after it.
    assert_eq!(
        keys("Comunicación No. 566/1993, 57º período de sesiones, CCPR/C/57/D/566/1993 (1996), 23 de julio de 1996,"),
        ["comm:CCPR:566/1993", "un:CCPR/C/57/D/566/1993"]
    );
    // iacthr/pdfs/98334.pdf (pdftotext), lines 4444 and 4451: `Com. nº`.
    assert_eq!(
        keys("degradante. Caso K.L. Vs. Peru, CDH, Com. nº 1153/2003, Doc. ONU CCPR/C/85/D/1153/2003 (2005). Esta"),
        ["comm:CCPR:1153/2003", "un:CCPR/C/85/D/1153/2003"]
    );
    let citations = extract(
        "Caso L.C. Vs. Peru, Comitê CEDAW, Com. nº. 22/2009, §8.15, Doc. ONU CEDAW/c/50/D/22/2009 (2011).",
        &CitingContext::default(),
    );
    assert_eq!(citations[0].key.as_str(), "comm:CEDAW:22/2009");
    assert_eq!(citations[0].pin, ["para:8.15"]);
    // special-procedures/SR_Torture_A_HRC_13_39.json, paragraph 72: `;`-separated list
    // with a pinpoint per item, in a CAT context.
    let text = "See also communications Nos. 13/1993, para. 9.2; 15/1994, para. 12.3; 34/1995, para. 9.6; 138/1999, para. 7.3. 19 See E/CN.4/2006/6 and A/60/316.";
    let citations = extract(text, &CitingContext::with_mechanism(Mechanism::Cat));
    let found: Vec<&str> = citations.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        found,
        [
            "comm:CAT:13/1993",
            "comm:CAT:15/1994",
            "comm:CAT:34/1995",
            "comm:CAT:138/1999",
            "un:E/CN.4/2006/6",
            "un:A/60/316"
        ]
    );
    assert_eq!(citations[1].pin, ["para:12.3"]);
    // special-procedures/SR_Education_E_CN_4_2000_6.json, paragraph 75 (note 29).
    let text = "G. and L. Lindgren and L. Holm et. al. v. Sweden, Communications Nos. 298/1988 and 299/1988, Views of the Committee adopted on 9 November 1990, UN Doc. CCPR/C/40/D/298-299/1988 of 7 December 1990,";
    assert_eq!(
        keys(text),
        [
            "comm:CCPR:298/1988",
            "comm:CCPR:299/1988",
            "un:CCPR/C/40/D/298-299/1988"
        ]
    );
    // treaty-bodies/jurisprudence_info.json, a record `name`: `No.` repeated in the list.
    assert_eq!(
        keys_for(
            "Communications No. 3879/2021, No. 3930/2021 and 3960/2021: Discontinuance",
            Mechanism::Ccpr
        ),
        [
            "comm:CCPR:3879/2021",
            "comm:CCPR:3930/2021",
            "comm:CCPR:3960/2021"
        ]
    );
}

// ------------------------------------------------------------------ general comments, other forms

#[test]
fn general_comments_chinese_roman_spanish_portuguese_and_lists() {
    // multilingual/un-parallel-corpus/devset/UNv1.0.devset.zh, line 3394: year inside 第…号.
    let text = "根据消除对妇女歧视委员会关于婚姻、家庭关系及其解体的经济后果的第29（2013）号一般性建议，保障身处事实关系当";
    assert_eq!(keys(text), ["gc:CEDAW:29"]);
    // multilingual/un-parallel-corpus/testset/UNv1.0.testset.zh, line 1199.
    assert_eq!(
        keys("委员会还忆及其第19号一般性建议，其中把对妇女的暴力明确列入对妇女歧视的范畴"),
        ["gc:?:19"]
    );
    // special-procedures/SR_Education_E_CN_4_2006_45.json, paragraph 152 (note 44).
    let text = "44 Committee on the Elimination of Racial Discrimination, general recommendation No. XXV: Gender-related dimensions of racial discrimination, of 20 March 2000, and general recommendation No. XXIX on discrimination based on descent";
    assert_eq!(keys(text), ["gc:CERD:25", "gc:CERD:29"]);
    // treaty-bodies/general-comments/Annotated_CERD_GR22_refugee.json, paragraph 1.
    assert_eq!(
        keys("the Committee’s general recommendation XX (48) on article 5, and reiterates"),
        ["gc:CERD:20"]
    );
    // iacthr/pdfs/1009.pdf (pdftotext), line 4459: IACtHR style `6/1982`.
    let citations = extract(
        "Cfr. Comité de Derechos Humanos de Naciones Unidas, Comentario General 6/1982, párr. 3 en",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "gc:CCPR:6");
    assert_eq!(citations[0].pin, ["para:3"]);
    // iacthr/pdfs/98334.pdf (pdftotext), lines 4385-4386 and 5954 (Portuguese).
    assert_eq!(
        keys("Cf. Comitê de Direitos Humanos, Observação Geral n° 6, Direito à vida (artigo 6), U.N. Doc.\nHRI/GEN/1/Rev.7 at 143 (1982)."),
        ["gc:CCPR:6", "un:HRI/GEN/1/REV.7"]
    );
    assert_eq!(
        keys("Cf. Comitê para a Eliminação da Discriminação contra a Mulher, Recomendação Geral n° 24, par. 12."),
        ["gc:CEDAW:24"]
    );
    // special-procedures/SR_Health_A_71_304.json, paragraph 16: the committee after the list.
    let text = "the right to sexual and reproductive health care has been elaborated in general comments Nos. 14 and 22 of the Committee on Economic, Social and Cultural Rights, as well as";
    assert_eq!(keys(text), ["gc:CESCR:14", "gc:CESCR:22"]);
}

// ------------------------------------------------------------------ UPR, English

#[test]
fn upr_recommendations_cited_in_english_working_group_reports() {
    // upr/reports/nepal2011.pdf (pdftotext), line 1241; the report is A/HRC/17/5.
    // Spurious space `109. 10`, trailing zero kept.
    let context = CitingContext::with_symbol("A/HRC/17/5");
    let found: Vec<String> = extract(
        "110. With regard to the recommendations in paragraphs 109.2 and 109. 10 above,",
        &context,
    )
    .into_iter()
    .map(|citation| citation.key.as_str().to_string())
    .collect();
    assert_eq!(found, ["upr:A/HRC/17/5:109.2", "upr:A/HRC/17/5:109.10"]);
    // upr/reports/serbia2013.pdf (pdftotext), line 399; report A/HRC/23/15.
    let context = CitingContext::with_symbol("A/HRC/23/15");
    let found: Vec<String> = extract(
        "on the situation of human rights defenders (see recommendation 131.19). Norway made",
        &context,
    )
    .into_iter()
    .map(|citation| citation.key.as_str().to_string())
    .collect();
    assert_eq!(found, ["upr:A/HRC/23/15:131.19"]);
    // upr/year-csvs/2010data.csv, line 282 (no report known: `?`).
    assert_eq!(
        keys("Recommendation 96.1 cannot be accepted as it is inaccurate and does not"),
        ["upr:?:96.1"]
    );
}

// ------------------------------------------------------------------ ECtHR reporters, real forms

#[test]
fn ecthr_reporters_decisions_and_reports_recueil_ehrr_series_a() {
    // echr/hudoc-texts/commission_decision_001-24502_FRE.txt, line 341.
    let citations = extract(
        "D.R. 23, p. 39 par. 183). Les motifs donnés par la cour d'appel ne",
        &CitingContext::default(),
    );
    assert_eq!(citations[0].key.as_str(), "ecthr:dr:23/39");
    assert_eq!(citations[0].pin, ["para:183"]);
    // echr/hudoc-texts/commission_decision_001-29569_FRE.txt, line 301.
    assert_eq!(
        keys("M.M. c. France, déc. 09.01.95, D.R. 80, p. 56 ; N° 26386/95, Bo"),
        ["ecthr:dr:80/56", "ecthr:app:26386/95"]
    );
    // echr/hudoc-texts/commission_decision_001-78992_ENG.txt, line 163: Commission style,
    // the case name after the numbers; D.R. is the applications' reporter (rule 0.2).
    let text = "Van den Brink judgment of 22 May 1984, Series A no. 77, p. 18, para. 36, and Nos. 14116/88 and 14117/88, Sargin and Yagci v. Turkey, Dec. 11.05.89, D.R. 61 p. 250, 262).";
    let citations = extract(text, &CitingContext::default());
    let found: Vec<&str> = citations.iter().map(|c| c.key.as_str()).collect();
    assert_eq!(
        found,
        [
            "ecthr:seriesA:77",
            "ecthr:app:14116/88",
            "ecthr:app:14117/88"
        ]
    );
    assert_eq!(citations[2].attrs["reporter"], "D.R. 61 p. 250");
    // treaty-bodies/decisions/jur_CCPR_1980-1981.json, ccpr-c-24-d-113-1981-0016:
    // Canada's Dominion Reports (was `ecthr:dr:42/9`).
    assert!(keys("Thus, in Gruen Watch Co. v. A.G. of Canada, [1950] D.R. 429, McRuer, C.J.H.C. said the following at 450").is_empty());
    // echr/citation_authority_eng.csv, line 4234: applicant initials, not a reporter.
    assert_eq!(
        keys("D.R. v. Lithuania, no. 691/15, § ..., 26 June 2018"),
        ["ecthr:app:691/15"]
    );
    // echr/citation_authority_eng.csv, the Temeltasch entry (`reporter_key` DR::31:::130).
    let citations = extract(
        "Temeltasch v. Switzerland, no 9116/80, report of the Commission of 5 May 1982, Decisions and Reports (DR) 31, p. 130",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "ecthr:app:9116/80");
    assert_eq!(
        citations[0].attrs["reporter"],
        "Decisions and Reports (DR) 31, p. 130"
    );
    // echr/hudoc-texts/standard_001-62569_FRE.txt, line 247.
    let citations = extract(
        "(voir l’arrêt récent Amuur c. France du 25 juin 1996, Recueil des arrêts et décisions 1996-III, p. 857, par. 50).",
        &CitingContext::default(),
    );
    assert_eq!(citations[0].key.as_str(), "ecthr:reports:1996-III/857");
    assert_eq!(citations[0].pin, ["para:50"]);
    // special-procedures/SR_Education_A_HRC_23_35.json, paragraph 57; SR_Health_A_HRC_4_28
    // paragraph 93; treaty-bodies/decisions/jur_CAT_1995-1999.json, cat-c-26-d-123-1998-0052;
    // jur_CCPR_1986-1987.json, ccpr-c-37-d-208-1986-0017.
    assert_eq!(
        keys("59 Belgian Linguistic Case (No. 2), (1968) 1 EHRR 252. 60 See ibid."),
        ["ehrr:1/252"]
    );
    assert_eq!(
        keys("64 D. v. United Kingdom, 24 EHRR 423, para. 53. 65 In some"),
        ["ehrr:24/423"]
    );
    assert_eq!(
        keys("See Vilvarajah and Others v. United Kingdom, 14 E.H.R.R. 218 (30 October 1991)."),
        ["ehrr:14/218"]
    );
    assert_eq!(
        keys("(Ahmad v. UK, [1982] 4 E.H.R.R. 126, paragraphs 11, 13) which"),
        ["ehrr:4/126"]
    );
    // special-procedures/SR_Health_A_HRC_14_20.json, paragraph 32 (note 13): `Ser. A, No.`.
    assert_eq!(
        keys("13 European Court of Human Rights, Dudgeon v. United Kingdom, judgement of 22 October 1981, Ser. A, No. 45. 14 Communication No. 488/1992, Toonen v. Australia"),
        ["ecthr:seriesA:45", "comm:?:488/1992"]
    );
    // special-procedures/SR_Torture_A_67_279.json, paragraph 44: Series A as the reporter of
    // an application; the pinpoint is the judgment's.
    let citations = extract(
        "Judgement of 7 July 1989 in Soering v. United Kingdom, Application No. 14038/88, Series A, No. 161, para. 111. 23 Inter-American",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "ecthr:app:14038/88");
    assert_eq!(citations[0].attrs["reporter"], "Series A, No. 161");
    assert_eq!(citations[0].pin, ["para:111"]);
    // echr/citation_authority_eng.csv, line 21.
    assert_eq!(
        keys("A. v. France, 23 November 1993, § ..., Series A no. 277-B"),
        ["ecthr:seriesA:277-B"]
    );
}

#[test]
fn ecli_and_hudoc_ids_from_metadata_and_never_inside_urls() {
    // echr/historical_citation_catalog.json, entries[0].target_ecli (a metadata field: the
    // corpus has no ECLI in running text).
    assert_eq!(
        keys("ECLI:CE:ECHR:1983:0305REP000911680"),
        ["ecli:CE:ECHR:1983:0305REP000911680"]
    );
    // special-procedures/SR_Health_A_HRC_50_28.json, paragraph 41 (note 61).
    assert!(keys("61 See European Court of Human Rights, https://hudoc.echr.coe.int/eng?i=001-116847; and https://hudoc.echr.coe.int/eng?i=001-154400. 62 See").is_empty());
    // special-procedures/SR_Health_A_80_184.json, paragraph 23 (note 12).
    assert!(keys(
        "12 See https://hudoc.echr.coe.int/eng#{%22itemid%22:[%22001-58007%22]}, para. 44. 13 See"
    )
    .is_empty());
}

// ------------------------------------------------------------------ Inter-American, other forms

#[test]
fn inter_american_court_portuguese_series_c_and_advisory_opinions() {
    // iacthr/pdfs/100420.pdf (pdftotext), lines 452 and 454.
    assert_eq!(
        keys("Cf. Caso Ivcher Bronstein Vs. Peru. Competência. Sentença de 24 de setembro de 1999. Série C N° 54,"),
        ["iacthr:C:54"]
    );
    let citations = extract(
        "de 12 de agosto de 2008. Série C N° 186, par. 23, e Caso García Prieto e outros Vs. El Salvador. Exceção",
        &CitingContext::default(),
    );
    assert_eq!(citations[0].key.as_str(), "iacthr:C:186");
    assert_eq!(citations[0].pin, ["para:23"]);
    // iacthr/pdfs/98334.pdf (pdftotext), line 2852: `Série A N° 17` is the same opinion.
    let citations = extract(
        "Criança. Parecer Consultivo OC-17/02 de 28 de agosto de 2002. Série A N° 17, par. 66.",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "iacthr:OC-17");
    assert_eq!(citations[0].pin, ["para:66"]);
    // iacthr/pdfs/98334.pdf (pdftotext), lines 5406-5407: a line break before `OC-`.
    assert_eq!(
        keys("Convenção Americana sobre Direitos Humanos. Parecer Consultivo\nOC-6/86 de 9 de maio de 1986. Série A N° 6, pars. 35 e 37."),
        ["iacthr:OC-6"]
    );
    // iacthr/pdfs/1009.pdf (pdftotext), line 7700.
    assert_eq!(
        keys("sobre Derechos Humanos). Opinión Consultiva OC-8/87 del 30 de enero de 1987. Serie A No. 8, párr. 32."),
        ["iacthr:OC-8"]
    );
    // special-procedures/SR_Torture_A_HRC_37_50.json, paragraph 26 (note 28).
    assert_eq!(
        keys("28 See Inter-American Court of Human Rights, advisory opinion OC-21/14, 19 August 2014, para. 154. 29 Committee"),
        ["iacthr:OC-21"]
    );
}

#[test]
fn inter_american_commission_portuguese_spanish_english_forms() {
    // iacthr/pdfs/100420.pdf (pdftotext), lines 63 and 2030.
    assert_eq!(
        keys("de 2006, a Comissão aprovou o Relatório de Mérito nº 125/06, nos termos do artigo 50 da"),
        ["iachr:report:125/06"]
    );
    assert_eq!(
        keys("Relatório de Admissibilidade e Mérito n° 38/09, Caso 12.670, Associação Nacional de Ex-Servidores do"),
        ["iachr:report:38/09", "iachr:case:12.670"]
    );
    // iacthr/pdfs/1105.pdf (pdftotext), lines 158 and 116.
    assert_eq!(
        keys("ante la ley] de la Convención Americana”. Informe N° 8/09 de 17 de marzo de 2009. Caso 12.384."),
        ["iachr:report:8/09", "iachr:case:12.384"]
    );
    assert_eq!(
        keys("(en adelante “el Estado” o “el Perú”) en relación con el caso No. 12.384, Sindicato de"),
        ["iachr:case:12.384"]
    );
    // special-procedures/SR_Health_A_68_297.json, paragraph 58.
    assert_eq!(
        keys("Inter-American Court of Human Rights, Abella v. Argentina, Report No. 55/97, case No. 11.137, 18 November 1997."),
        ["iachr:report:55/97", "iachr:case:11.137"]
    );
    // special-procedures/SR_Torture_A_56_156.json, paragraph 39: thousands comma.
    assert_eq!(
        keys("27 “Annual report of the Inter-American Commission on Human Rights, 1992-1993” (OEA/Ser.L/V/II.83, 12 March 1993), p. 51. 28 See Case No. 10,843 (Héctor Marcial"),
        ["oas:OEA/SER.L/V/II.83", "iachr:case:10.843"]
    );
    // iacthr/pdfs/1247.pdf line 28 and 99303.pdf line 35 (pdftotext): petitions.
    assert_eq!(
        keys(
            "2007, whereby it informed that petition No. P-242-07, regarding this matter, is under"
        ),
        ["iachr:petition:P-242-07"]
    );
    assert_eq!(
        keys("mediante la cual informó que la petición número P-242-07, referente al presente"),
        ["iachr:petition:P-242-07"]
    );
    // iacthr/pdfs/13474.pdf line 26, 13479.pdf line 43, 1438.pdf line 1483 (pdftotext).
    assert_eq!(
        keys("measures (MC 5/09) in favor of the aforementioned persons"),
        ["iachr:MC:5/09"]
    );
    assert_eq!(
        keys("(MC 5/09) a favor de las personas mencionadas"),
        ["iachr:MC:5/09"]
    );
    assert_eq!(
        keys("the beneficiaries of precautionary measures MC-147-08, in force since June 13, 2008 in"),
        ["iachr:MC:147/08"]
    );
    // special-procedures/SR_Health_A_68_297.json paragraph 49; SR_Torture_A_58_120.json
    // paragraph 53 (`corr.` without a number is dropped).
    assert_eq!(
        keys("“Violence and discrimination against women in the armed conflict in Colombia”. OEA/Ser.L/V/II, doc.67, 16 October 2006, para. 47."),
        ["oas:OEA/SER.L/V/II/DOC.67"]
    );
    assert_eq!(
        keys("12 Report on Terrorism and Human Rights, OAS Doc. OEA/Ser.L/V/II.116, Doc. 5 rev. 1 corr. The report"),
        ["oas:OEA/SER.L/V/II.116/DOC.5/REV.1"]
    );
}

// ------------------------------------------------------------------ African system

#[test]
fn two_digit_year_communications_follow_the_citing_body() {
    // SPEC §2.8 (decided 2026-12): in a Human Rights Committee document, `24/77` is the
    // Committee's communication No. 24/1977 (Lovelace v. Canada).
    assert_eq!(
        keys_with(
            "See communication No. 24/77, Lovelace v. Canada, Views adopted on 30 July 1981.",
            &CitingContext::with_symbol("CCPR/C/120/D/2324/2013")
        ),
        ["comm:CCPR:24/1977"]
    );
    // A committee named in the sentence decides as well; 05 is 2005.
    assert_eq!(
        keys("The Committee against Torture, in its decision on communication No. 279/05, found"),
        ["comm:CAT:279/2005"]
    );
    // Russian, in a CCPR document.
    assert_eq!(
        keys_for(
            "См. сообщение № 24/77, Лавлейс против Канады.",
            Mechanism::Ccpr
        ),
        ["comm:CCPR:24/1977"]
    );
    // In an African document the same form is the Commission's.
    assert_eq!(
        keys_for("Communication 155/96 (2001), para. 45.", Mechanism::Achpr),
        ["achpr:comm:155/96"]
    );
    // Nothing tells: the body is left to the linker, the year expanded.
    assert_eq!(keys("Communication 12/80, para. 3."), ["comm:?:12/1980"]);
}

#[test]
fn african_commission_communications_and_court_applications() {
    // special-procedures/SR_Health_A_69_299.json, paragraph 19 (note 9): a two-digit year
    // with no African cue nearby and no known citing body (SPEC §2.8).
    assert_eq!(
        keys("9 Communication No. 155/96, 2001, para. 45. 10 Complaint No. 30/2005, 2006, para. 203."),
        ["comm:?:155/1996"]
    );
    // special-procedures/SR_Health_E_CN_4_2003_58.json, paragraph 99 (note 5).
    assert_eq!(
        keys("5 Communication 155/96, SERAC and CESR v. Nigeria, Fifteenth Annual Activity Report of ACHPR, 2001-2002, annex V. 6 López Ostra v. Spain, ECtHR, 1994."),
        ["achpr:comm:155/96"]
    );
    // special-procedures/SR_Health_A_HRC_4_28.json, paragraph 93 (notes 71 and 73): a
    // URL's `africa/` does not name the Commission (SPEC §2.8), and nothing is read
    // inside the URL.
    assert_eq!(
        keys("71 Communication No. 155/96 (2001) http://www1.umn.edu/humanrts/africa/ comcases/155-96b.html."),
        ["comm:?:155/1996"]
    );
    // treaty-bodies/decisions/jur_CESCR.json, e-c-12-76-d-251-2022-0120 (footnote 2):
    // inside a committee's document, with the African Commission not named nearby, the
    // rule of SPEC §2.8 reads the committee's own communication.
    assert_eq!(
        keys_for(
            "(on behalf of the Batwa of Kahuzi-Biega National Park, DRC) v. Democratic Republic of Congo (DRC), Communication No. 588/15, Decision, 2022, paras. 188 ff.",
            Mechanism::Cescr
        ),
        ["comm:CESCR:588/2015"]
    );
    // The same words with the Commission named: African.
    assert_eq!(
        keys_for(
            "African Commission on Human and Peoples' Rights, Minority Rights Group International v. Democratic Republic of Congo, Communication No. 588/15, Decision, 2022.",
            Mechanism::Cescr
        ),
        ["achpr:comm:588/15"]
    );
    // special-procedures/SR_Torture_A_80_137.json, paragraph 62 (note 104).
    assert_eq!(
        keys("104 African Court on Human and Peoples’ Rights, Moulaye Baba Haïdara and Other v. Republic of Mali, Application No. 009/2024, Ruling (Provisional Measures), 29 October 2024."),
        ["afchpr:app:009/2024"]
    );
    // treaty-bodies/decisions/jur_CESCR.json, e-c-12-76-d-251-2022-0100 (footnote 2).
    let citations = extract(
        "African Court on Human and Peoples’ Rights, African Commission on Human and Peoples’ Rights v. Republic of Kenya, Application No. 006/2012, Judgment, 26 May 2017, para. 109.",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "afchpr:app:006/2012");
    // special-procedures/SR_Torture_A_74_148.json, paragraph 17 (note 20): `App. No.`
    // (was `comm:?:46/2016`).
    assert_eq!(
        keys("20 APDF and IHRDA v. Mali, App. No. 046/2016, African Court on Human and Peoples’ Rights, 11 May 2018."),
        ["afchpr:app:046/2016"]
    );
    // special-procedures/SR_Health_A_HRC_47_28.json paragraph 65; SR_Torture_A_78_324.json
    // paragraph 17: ACHPR resolutions are not a SPEC kind.
    assert!(keys("31 African Commission on Human and Peoples’ Rights, resolution 275 (ACHPR/Res.275(LV)2014). determinants").is_empty());
    assert!(keys(
        "and African Commission on Human and Peoples’ Rights (ACHPR/Res.545 (LXXIII) 2022)."
    )
    .is_empty());
}

// ------------------------------------------------------------------ CJEU

#[test]
fn cjeu_cases_and_colombian_constitutional_court_judgments() {
    // echr/hudoc-texts/standard_001-58066_ENG.txt, line 509.
    assert_eq!(
        keys("[17] See its judgment of 14 December 1995 in the joint cases C-430/93 and C-431/93, ECR 1995-I, pp. 4705 et seq."),
        ["cjeu:C-430/93", "cjeu:C-431/93"]
    );
    // treaty-bodies/decisions/jur_CCPR_unknown.json, ccpr-c-100-d-1507-2006-rev-1-0018.
    assert_eq!(
        keys("A similar case had been brought before the Court of Justice of the European Communities (case C-292/05) by other persons"),
        ["cjeu:C-292/05"]
    );
    // treaty-bodies/decisions/jur_CESCR.json, e-c-12-65-d-9-2015-0024 (footnote 2).
    let citations = extract(
        "the Court of Justice of the European Union in Juan Carlos Sánchez Morcillo and María del Carmen Abril García v. Banco Bilbao Vizcaya Argentaria SA (C-169/14) of 17 July 2014, para. 50, according to which",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "cjeu:C-169/14");
    // The Colombian Constitutional Court numbers its judgments the same way:
    // special-procedures/SR_Education_A_HRC_23_35.json, paragraph 68 (notes 73-74).
    let text = "73 Sentencia C-560/97, Demanda de inconstitucionalidad contra el artículo 203 (parcial) de la Ley 115 de 1994. 74 Colombian Constitutional Court, Case T-211/95, May 12, 1995. See also T-377/95, T-145/96, T180/96, T-290/96, T-667/97 and T-580/98. And Colombian Constitutional Court, Case T-065/93, February 26, 1993.";
    assert!(keys(text).is_empty(), "{:?}", keys(text));
    // special-procedures/SR_Education_E_CN_4_2000_6.json, paragraph 75 (note 35).
    assert!(keys("Supreme Court of Colombia, Request by Adres De Zubiria Samper that article 203 (in part) of Law No. 115 of 1994 be determined to be unconstitutional. Judgment of 6 November 1997, C-60/97. 36 There is").is_empty());
    // special-procedures/SR_Education_A_HRC_4_29.json paragraph 43; SR_Health_A_69_299.json
    // paragraph 31 (the cue after the number).
    assert!(keys("Constituional Court of Columbia: No. T-429/92, T-036/93, T-298/94, T-329/97, T-513/99, C-559/01, T-339/05; Cámara").is_empty());
    assert!(keys("In the landmark T-760/08 judgement (2008) that led to systemic change of the Colombian health-care system").is_empty());
}
