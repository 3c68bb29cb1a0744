//! The held-out set's misses that were fixed after its blind run (issue #4,
//! `tests/eval/HELDOUT.md`), each on its real passage (file and record named above it),
//! with a near variant that must stay unchanged where the fix could over-reach.

use hrlex_cite::{extract, CitingContext};
use hrlex_model::Mechanism;

fn keys_for(text: &str, mechanism: Option<Mechanism>) -> Vec<String> {
    let context = CitingContext {
        symbol: None,
        mechanism,
    };
    let citations = extract(text, &context);
    for citation in &citations {
        assert_eq!(&text[citation.span.0..citation.span.1], citation.surface);
    }
    citations
        .into_iter()
        .map(|citation| citation.key.as_str().to_string())
        .collect()
}

#[test]
fn bare_communication_numbers_in_a_committee_decision() {
    // treaty-bodies/decisions/jur_CCPR_1982-1983.json, ccpr-c-24-d-148-1983-0030 (2016).
    let text = "victims. No such reports have been received by the Committee. In this connection, the Committee stresses, as it has done in a number of other cases (e.g. Nos. 30/1978, 84/1981) that it is implicit in article 4 (2) of the Optional Protocol";
    assert_eq!(
        keys_for(text, Some(Mechanism::Ccpr)),
        ["comm:CCPR:30/1978", "comm:CCPR:84/1981"]
    );
    // Without a treaty body (citing document or named), the bare numbers stay unread.
    assert!(keys_for(text, None).is_empty());
    // treaty-bodies/decisions/jur_CCPR_1982-1983.json, ccpr-c-31-d-161-1983-0025 (2202):
    // 1983 OCR writes `Nos.` as `No••`.
    assert_eq!(
        keys_for(
            "With regar\" to the bUt'den of proof, the Committee halll ah:eady established in other caeee (f~r e.ample, No•• 30/1978 and 85/1981) AI that t:lie cannot reat ~lone on the author",
            Some(Mechanism::Ccpr)
        ),
        ["comm:CCPR:30/1978", "comm:CCPR:85/1981"]
    );
}

#[test]
fn bare_numbers_of_domestic_cases_and_acts_are_not_communications() {
    // The Committee is named in the sentence, but the numbers are laws'.
    // treaty-bodies/decisions/jur_CCPR_1996-1997.json (Czech restitution laws):
    assert!(keys_for(
        "With regard to the author’s allegation of a violation of article 26 of the Covenant, the Committee begins by noting that Law No. 243/1992 already contained a requirement of citizenship",
        Some(Mechanism::Ccpr)
    )
    .is_empty());
    // treaty-bodies/decisions/jur_CCPR_1998-1999.json:
    assert!(keys_for(
        "The Committee notes that new Act No. 20/1994 entered into force on 20 January 1995",
        Some(Mechanism::Ccpr)
    )
    .is_empty());
    // treaty-bodies/decisions/jur_small_treaties.json: a domestic criminal case.
    assert!(keys_for(
        "It recalls that on 15 October 2011, three suspects were arrested and arraigned in Geita Magistrates’ Court for attempted murder in criminal case No. 43/2011.",
        Some(Mechanism::Crpd)
    )
    .is_empty());
}

#[test]
fn general_comment_body_from_the_committee_named_right_after() {
    // special-procedures/SR_Torture_A_60_316.json, paragraph 19 (2042): CAT is named in the
    // previous sentence; the Human Rights Committee is the subject right after the mention.
    assert_eq!(
        keys_for(
            "the Human Rights Committee and the Committee against Torture have called for the abolition of judicial corporal punishment.3 Indeed, in paragraph 5 of general comment No. 20 (1992), the Human Rights Committee stated that the prohibition of torture",
            Some(Mechanism::SpecialProcedures)
        ),
        ["gc:CCPR:20"]
    );
    // special-procedures/SR_Health_A_HRC_47_28.json, paragraph 35 (2216): after the year
    // and the title.
    assert_eq!(
        keys_for(
            "In paragraph 10 of its general comment No. 6 (2018) on equality and nondiscrimination, the Committee on the Rights of Persons with Disabilities acknowledged substantive equality",
            Some(Mechanism::SpecialProcedures)
        ),
        ["gc:CRPD:6"]
    );
}

#[test]
fn general_comment_list_carried_across_titles_and_years() {
    // general-comments/Annotated_CRC-GC11-Indigenous.json, paragraph 53 (2049).
    assert_eq!(
        keys_for(
            "The Committee recommends States parties to take into account its general comments No. 3 on HIV/AIDS and the rights of the child (2003) and No. 4 on adolescent health (2003) for this purpose.",
            Some(Mechanism::Crc)
        ),
        ["gc:CRC:3", "gc:CRC:4"]
    );
    // A singular label starts no list: `No. 4` after a title belongs to something else.
    assert_eq!(
        keys_for(
            "its general comment No. 3 on HIV/AIDS and the rights of the child (2003) and No. 4 on adolescent health",
            Some(Mechanism::Crc)
        ),
        ["gc:CRC:3"]
    );
}

#[test]
fn application_list_carried_across_a_date() {
    // treaty-bodies/decisions/jur_CAT_2005-2009.json, cat-c-39-d-264-2005-0008 (2206).
    assert_eq!(
        keys_for(
            "The State party cites two decisions of the European Court of Human Rights (Nos. 42216/98 of 14 November 2000 and 65730/01 of 18 January 2005), in which the Court found",
            Some(Mechanism::Cat)
        ),
        ["ecthr:app:42216/98", "ecthr:app:65730/01"]
    );
}

#[test]
fn advisory_opinion_by_number_alone() {
    // iacthr/pdfs/98577.pdf, block 6 (2266).
    let text = "the Court has\nconfirmed the great jurisprudential advances reached by its\nAdvisory Opinion No. 18, which has reaffirmed the nature of jus\ncogens of the principle of equality";
    assert_eq!(keys_for(text, Some(Mechanism::Iacthr)), ["iacthr:OC-18"]);
    // iacthr/pdfs/1198.pdf, block 590 (2256).
    assert_eq!(
        keys_for(
            "from the case of Suárez Rosero up to the present case of Acosta\nCalderón (Advisory Opinion No. 18 and case of Yatama, supra para.",
            Some(Mechanism::Iacthr)
        ),
        ["iacthr:OC-18"]
    );
    // Outside the Inter-American system and without its cue, no `OC-` key.
    assert!(keys_for(text, Some(Mechanism::Ecthr)).is_empty());
}

#[test]
fn portuguese_petition_number() {
    // iacthr/pdfs/98601.pdf, block 0 (2152).
    assert_eq!(
        keys_for(
            "RELATÓRIO Nº 69/02 1\n ADMISSIBILIDADE\n PETIÇÃO 419/01\n LAURA ALBÁN CORNEJO\n EQUADOR\n 23 de outubro de 2002",
            Some(Mechanism::Iacthr)
        ),
        ["iachr:report:69/02", "iachr:petition:P-419-01"]
    );
}

#[test]
fn glued_footnote_digit_after_a_general_comment_stays_unread() {
    // A 3-digit general-comment number is a number with a footnote marker glued on
    // (SPEC N5), but which digits are the marker is not knowable from the text:
    // general-comments/Annotated_CCPR_GC31_nature_of_obligations.json, paragraph 10
    // (`General Comment 291` = 29 + note 1, held-out 2048) and
    // treaty-bodies/decisions/jur_CAT_2005-2009.json (`general comment No. 125` = CAT's
    // general comment No. 1 on article 3, paras. 6-7, + note 25). No key, not a wrong one.
    assert!(keys_for(
        "As implied in General Comment 291, the Covenant applies also in situations of armed conflict",
        Some(Mechanism::Ccpr)
    )
    .is_empty());
    assert!(keys_for(
        "The Committee recalls its general comment No. 125 in which it states that the risk of torture must be assessed",
        Some(Mechanism::Cat)
    )
    .is_empty());
}

#[test]
fn chinese_resolution_number_without_body_stays_unread() {
    // Held-out 2246 expects `un:S/RES/984` for `第984号决议` with no body named (UN
    // parallel corpus, testset.zh, line 808), but SPEC 2.1 gives no body for a bare number
    // without a cue, and the same file has a bare number that is a General Assembly
    // resolution: line 2871, `1966年11月17日通过的第2153号决议` = resolution 2153 (XXI).
    // Reading bare numbers as the Security Council's would key that one `S/RES/2153`.
    assert!(keys_for(
        "在此提醒，1966年11月17日通过的第2153号决议，除了确定要通过《不扩散核武器条约》外，同时还要求十八国委员会立即讨论消极安全保证的问题。",
        None
    )
    .is_empty());
    // testset.zh, line 249: with the Council named, the Security Council's.
    assert_eq!(
        keys_for(
            "及其专家小组访问美国，并了解了美国执行联合国安理会第1540号决议的各项举措",
            None
        ),
        ["un:S/RES/1540"]
    );
}

#[test]
fn general_comments_listed_after_each_committee_keep_their_own_committee() {
    // special-procedures/SR_Health_E_CN_4_2004_49.json, paragraph 11 (note 11): the
    // committee named right before a label owns it, not the one the next item starts with.
    assert_eq!(
        keys_for(
            "11 In particular, the Committee on the Elimination of Discrimination against Women, general recommendation 24, the Committee on the Rights of the Child, general comments No. 3 and No. 4, and the Committee on Economic, Social and Cultural Rights, general comment No. 14.",
            Some(Mechanism::SpecialProcedures)
        ),
        ["gc:CEDAW:24", "gc:CRC:3", "gc:CRC:4", "gc:CESCR:14"]
    );
}
