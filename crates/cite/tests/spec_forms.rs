//! Kinds that the development corpus does not contain (CJEU, ECLI, HUDOC ids, African
//! Commission and Court, OAS symbols, advisory opinions, precautionary measures,
//! BAILII, elliptical and joint UN symbols): the real forms quoted in SPEC §2.
//! Properties checked: the normalized key of each form, reporter attributes (rule 0.2)
//! and that identifiers inside URLs are not citations (rule 0.8).

use hrlex_cite::{extract, CitingContext};

fn keys(text: &str) -> Vec<String> {
    extract(text, &CitingContext::default())
        .into_iter()
        .map(|citation| citation.key.as_str().to_string())
        .collect()
}

#[test]
fn cjeu_and_ecli() {
    assert_eq!(keys("judgment in C–492/22 PPU, para. 5"), ["cjeu:C-492/22"]);
    assert_eq!(
        keys("Joined Cases C-411/10 and C-493/10"),
        ["cjeu:C-411/10", "cjeu:C-493/10"]
    );
    assert_eq!(keys("ECLI:EU:C:2022:964."), ["ecli:EU:C:2022:964"]);
    assert_eq!(keys("(EU:C:2024:1036)"), ["ecli:EU:C:2024:1036"]);
    assert_eq!(
        keys("ECLI:CE:ECHR:2011:0121JUD003069609"),
        ["ecli:CE:ECHR:2011:0121JUD003069609"]
    );
    assert!(keys("règlement 343/2003/CE et Règlement (UE) n° 604/2013").is_empty());
}

#[test]
fn hudoc_ids_are_keys_except_inside_urls() {
    assert_eq!(keys("ECHR ID: 001-109231"), ["hudoc:001-109231"]);
    assert!(keys("http://hudoc.echr.coe.int/eng?i=001-103050").is_empty());
}

#[test]
fn ecthr_lists_reporters_and_bailii() {
    let citations = extract(
        "Tahsin Acar v. Turkey [GC], no. 26307/95, §§ 75-77, ECHR 2003-VI",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "ecthr:app:26307/95");
    assert_eq!(citations[0].pin, ["para:75-77"]);
    assert_eq!(citations[0].attrs["reporter"], "ECHR 2003-VI");
    assert_eq!(
        keys("Mikheyev v. Russia, nos. 22257/04 and 44990/04"),
        ["ecthr:app:22257/04", "ecthr:app:44990/04"]
    );
    assert_eq!(
        keys("жалоб NN 26716/09, 67576/09 и 7698/10"),
        [
            "ecthr:app:26716/09",
            "ecthr:app:67576/09",
            "ecthr:app:7698/10"
        ]
    );
    assert_eq!(keys("[2007] ECHR 1209"), ["ecthr:bailii:2007/1209"]);
    assert_eq!(keys("(1989) 11 EHRR 439"), ["ehrr:11/439"]);
    assert_eq!(
        keys("Official Gazette of the Republic nos. 1/94, 13/97"),
        Vec::<String>::new()
    );
}

#[test]
fn african_system() {
    // SPEC §2.8: with no African cue, a two-digit year is not read as African.
    assert_eq!(keys("Communication 155/96 (2001)"), ["comm:?:155/1996"]);
    assert_eq!(
        keys("Communication 155/96 (2001) of the African Commission"),
        ["achpr:comm:155/96"]
    );
    assert_eq!(keys("Comm. 300/2005 (ACmHPR, 2008)"), ["achpr:comm:300/05"]);
    let citations = extract(
        "(Application No. 006/2012) [2017] AfCHPR 2",
        &CitingContext::default(),
    );
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].key.as_str(), "afchpr:app:006/2012");
    assert_eq!(citations[0].attrs["reporter"], "[2017] AfCHPR 2");
    assert_eq!(keys("Requête n° 006/2012"), ["afchpr:app:006/2012"]);
    // CAT calls complaints requêtes: a 4-digit year is a UN communication.
    assert_eq!(
        keys("Comité contre la torture, requête no 265/2005"),
        ["comm:CAT:265/2005"]
    );
    assert_eq!(keys("Communication No. R.11/45"), ["comm:CCPR:R.11/45"]);
}

#[test]
fn inter_american_forms() {
    assert_eq!(
        keys("Advisory Opinion OC-8/87 of January 30, 1987. Series A No. 8"),
        ["iacthr:OC-8"]
    );
    assert_eq!(keys("Opinión consultiva 18/2003"), ["iacthr:OC-18"]);
    assert_eq!(keys("Inter-Am. Ct. H.R. (ser. C) No.\n4"), ["iacthr:C:4"]);
    assert_eq!(
        keys("los Informes No. 16/05, 17/05 y 18/05"),
        [
            "iachr:report:16/05",
            "iachr:report:17/05",
            "iachr:report:18/05"
        ]
    );
    assert_eq!(
        keys("Cases 12.738 and 12.791"),
        ["iachr:case:12.738", "iachr:case:12.791"]
    );
    assert_eq!(keys("MC 382/10"), ["iachr:MC:382/10"]);
    assert_eq!(
        keys("OEA/Ser.L/V/II.54, doc. 9 rev. 1"),
        ["oas:OEA/SER.L/V/II.54/DOC.9/REV.1"]
    );
    assert!(keys("Press Release 117/11 and Ley Nº 19.822").is_empty());
}

#[test]
fn elliptical_and_joint_un_symbols() {
    assert_eq!(
        keys("CAT/C/SR.1294 et 1297"),
        ["un:CAT/C/SR.1294", "un:CAT/C/SR.1297"]
    );
    assert_eq!(
        keys("CMW/C/SR.415和416"),
        ["un:CMW/C/SR.415", "un:CMW/C/SR.416"]
    );
    assert_eq!(
        keys("A/HRC/WG.6/13/BRA/3 and Corr.1"),
        ["un:A/HRC/WG.6/13/BRA/3", "un:A/HRC/WG.6/13/BRA/3/CORR.1"]
    );
    assert_eq!(
        keys("CEDAW/C/GC/31-CRC/C/GC/18"),
        ["un:CEDAW/C/GC/31", "un:CRC/C/GC/18"]
    );
    assert_eq!(keys("CEDAW/C/MEX/CO/7-8"), ["un:CEDAW/C/MEX/CO/7-8"]);
    assert_eq!(keys("S/RES/1325 (2000)"), ["un:S/RES/1325"]);
    assert_eq!(
        keys("Résolution 16/9, A/HRC/RES/16/9"),
        ["un:A/HRC/RES/16/9"]
    );
    assert_eq!(keys("第 18/14 号决议"), ["un:A/HRC/RES/18/14"]);
    assert_eq!(keys("recommendation 118.1 above"), ["upr:?:118.1"]);
    let context = CitingContext::with_symbol("A/HRC/43/15/Add.1");
    let found: Vec<String> = extract("Concerning recommendations 117.10 and 117.11", &context)
        .into_iter()
        .map(|citation| citation.key.as_str().to_string())
        .collect();
    assert_eq!(found, ["upr:A/HRC/43/15:117.10", "upr:A/HRC/43/15:117.11"]);
}

#[test]
fn joint_general_recommendation_takes_each_committee() {
    let text =
        "Joint General Recommendation No. 31 of the CEDAW / General Comment No. 18 of the CRC";
    assert_eq!(keys(text), ["gc:CEDAW:31", "gc:CRC:18"]);
    assert_eq!(keys("general recommendation IV"), ["gc:CERD:4"]);
}

/// Lists named in issue #4 (SPEC §2.1 continuations, §2.2 lists, §4 ranges); the corpus
/// has the first only with `and` (real_passages.rs), the others not at all.
#[test]
fn continuation_lists_of_issue_4() {
    assert_eq!(
        keys("A/HRC/22/53/Add.1, Add.2"),
        ["un:A/HRC/22/53/ADD.1", "un:A/HRC/22/53/ADD.2"]
    );
    let citations = extract("CCPR/C/GC/34, paras. 11-12", &CitingContext::default());
    assert_eq!(citations.len(), 1);
    assert_eq!(citations[0].pin, ["para:11-12"]);
    assert_eq!(
        keys("communications Nos. 1/2003 and 2/2003"),
        ["comm:?:1/2003", "comm:?:2/2003"]
    );
    assert_eq!(
        keys("Series C No. 4, 5 and 6"),
        ["iacthr:C:4", "iacthr:C:5", "iacthr:C:6"]
    );
    // A date after the series number is not a list item.
    assert_eq!(keys("Serie C No. 4, 29 de julio de 1988"), ["iacthr:C:4"]);
}
