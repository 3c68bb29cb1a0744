//! Every citation kind × language of SPEC on real passages from `../shared/corpus`
//! (the file and record are named above each passage), plus the negatives.
//! Properties checked: the keys a user would link on (exact set per passage), the
//! pinpoints, and that spans give back the surface.

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
