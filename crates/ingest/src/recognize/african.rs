//! The African system: the African Court and Commission on Human and Peoples' Rights,
//! and the ECOWAS Court of Justice. Court names in English, French, Portuguese and
//! Arabic; application numbers; ECOWAS `ECW/CCJ/…` numbers; the case and the date.

use super::{
    case_name_in_lines, dates, numbered_work_id, phrases, Candidate, Masthead, Recognized,
};
use hrlex_model::{CitationKey, DocType, Mechanism};
use regex::Regex;
use std::sync::OnceLock;

fn african_court() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        phrases(&[
            "African Court on Human and Peoples' Rights",
            "Cour africaine des droits de l'homme et des peuples",
            "Tribunal Africano dos Direitos do Homem e dos Povos",
            "Tribunal Africano dos Direitos Humanos e dos Povos",
            "المحكمة الأفريقية لحقوق الإنسان والشعوب",
        ])
    })
}

fn african_commission() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        phrases(&[
            "African Commission on Human and Peoples' Rights",
            "Commission africaine des droits de l'homme et des peuples",
            "Comissão Africana dos Direitos Humanos e dos Povos",
            "Comissão Africana dos Direitos do Homem e dos Povos",
            "اللجنة الأفريقية لحقوق الإنسان والشعوب",
        ])
    })
}

fn ecowas_court() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        phrases(&[
            "ECOWAS Court of Justice",
            "Community Court of Justice",
            "Cour de Justice de la CEDEAO",
            "Cour de Justice de la Communauté",
            "Tribunal de Justiça da Comunidade",
            "Tribunal de Justiça da CEDEAO",
            "ECW/CCJ/",
        ])
    })
}

/// `APPLICATION No. 013/2021`, `PETIÇÃO N.° 013/2021`, `Requête n° 013/2021`.
fn application() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(?:APPLICATIONS?|REQU[ÊE]TES?|PETI[ÇC][ÃA]O|PETI[ÇC][ÕO]ES)\s*(?:No?s?\.?|N\.?\s?[°º]\.?|n\s?[°º]s?)\s*(\d{1,3})\s*/\s*(\d{4})\b|(?:الدعوى|الطلب)\s+رقم\s*(\d{1,3})\s*/\s*(\d{4})")
            .expect("valid regex")
    })
}

fn ecowas_number() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"(?i)\bECW\s*/\s*CCJ\s*/\s*(APP|JUD|RUL|ADV|ORD)\s*/\s*(\d{1,3})\s*/\s*(\d{2,4})",
        )
        .expect("valid regex")
    })
}

fn type_heading() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?im)^\s*(JUDGMENT|JUDGEMENT|ARRÊT|ARRET|AC[ÓO]RD[ÃA]O|ACÓRDÃO|الحكم|RULING|ORDER|ORDONNANCE|DESPACHO|PROVISIONAL MEASURES|MESURES PROVISOIRES|MEDIDAS PROVIS[ÓO]RIAS|ADVISORY OPINION|AVIS CONSULTATIF|PARECER CONSULTIVO|DECISION|DÉCISION|DECIS[ÃA]O)")
            .expect("valid regex")
    })
}

fn doc_type_of(word: &str, zone: &str) -> DocType {
    let upper = word.to_uppercase();
    if upper.starts_with("JUDG")
        || upper.starts_with("ARR")
        || upper.starts_with("AC")
        || word == "الحكم"
    {
        DocType::Judgment
    } else if upper.contains("OPINION") || upper.starts_with("AVIS") || upper.starts_with("PARECER")
    {
        DocType::AdvisoryOpinion
    } else if upper.starts_with("DEC") {
        let zone = zone.to_uppercase();
        if zone.contains("ADMISSIBILITY")
            || zone.contains("RECEVABILITÉ")
            || zone.contains("ADMISSIBILIDADE")
        {
            DocType::AdmissibilityDecision
        } else {
            DocType::Views
        }
    } else {
        DocType::Order
    }
}

pub(crate) fn recognize(masthead: &Masthead) -> Option<Candidate> {
    let zone = &masthead.text[..masthead.offset_of_line(30)];
    let found = [
        (Mechanism::Afchpr, african_court().find(zone)),
        (Mechanism::Achpr, african_commission().find(zone)),
        (Mechanism::EcowasCourt, ecowas_court().find(zone)),
    ]
    .into_iter()
    .filter_map(|(mechanism, found)| found.map(|found| (found.start(), mechanism)))
    .min_by_key(|(at, _)| *at);
    let (anchor, mechanism) = found?;
    let mut recognized = Recognized {
        mechanism: Some(mechanism),
        ..Recognized::default()
    };
    let mut number_key = None;
    match mechanism {
        Mechanism::EcowasCourt => {
            for captures in ecowas_number().captures_iter(zone) {
                let key = CitationKey::new(format!(
                    "ecowas:ECW/CCJ/{}/{}/{}",
                    captures[1].to_uppercase(),
                    &captures[2],
                    &captures[3]
                ));
                if captures[1].eq_ignore_ascii_case("JUD") {
                    recognized.work_id = Some(key.as_str().to_string());
                } else if number_key.is_none() {
                    number_key = Some(key.clone());
                }
                recognized.add_identifier(key);
            }
        }
        Mechanism::Afchpr => {
            for captures in application().captures_iter(zone) {
                let (number, year) = match (captures.get(1), captures.get(2)) {
                    (Some(number), Some(year)) => (number.as_str(), year.as_str()),
                    _ => match (captures.get(3), captures.get(4)) {
                        (Some(number), Some(year)) => (number.as_str(), year.as_str()),
                        _ => continue,
                    },
                };
                let Ok(number) = number.parse::<u32>() else {
                    continue;
                };
                let key = CitationKey::new(format!("afchpr:app:{number:03}/{year}"));
                number_key.get_or_insert(key.clone());
                recognized.add_identifier(key);
            }
        }
        _ => {
            // Read as the African Commission's document it is: a communication with a
            // two-digit year is then the Commission's (SPEC §2.8).
            let context = hrlex_cite::CitingContext::with_mechanism(Mechanism::Achpr);
            for mention in &masthead.mentions_as(&context) {
                if mention.span.0 < zone.len() && mention.key.as_str().starts_with("achpr:comm:") {
                    number_key.get_or_insert(mention.key.clone());
                    recognized.add_identifier(mention.key.clone());
                }
            }
        }
    }
    let heading = type_heading().captures(zone);
    recognized.doc_type = heading
        .as_ref()
        .map(|captures| doc_type_of(&captures[1], zone));
    let date_from = heading
        .as_ref()
        .and_then(|captures| captures.get(0))
        .map_or(anchor, |found| found.start());
    recognized.date = dates::first_date_from(zone, date_from);
    if let Some((case_name, state)) = case_name_in_lines(masthead) {
        recognized.case_name = Some(case_name);
        recognized.add_state(state);
    }
    recognized.title = recognized.case_name.clone();
    if recognized.work_id.is_none() {
        recognized.work_id = number_key
            .as_ref()
            .and_then(|key| numbered_work_id(key, recognized.doc_type, recognized.date.as_deref()));
    }
    Some(Candidate { anchor, recognized })
}

#[cfg(test)]
mod tests {
    use super::super::recognize as recognize_text;
    use super::*;

    // The corpus holds no African Court or ECOWAS Court PDF; these mastheads are the
    // title-block forms of the Court's published judgments quoted in issue #12.
    #[test]
    fn an_african_court_judgment_in_english_and_portuguese() {
        let english = "AFRICAN UNION\nUNION AFRICAINE\nAFRICAN COURT ON HUMAN AND PEOPLES' RIGHTS\nTHE MATTER OF\nSYMON VUWA KAUNDA AND OTHERS\nV.\nREPUBLIC OF MALAWI\nAPPLICATION No. 013/2021\nJUDGMENT\n5 SEPTEMBER 2023\n";
        let recognized = recognize_text(english, "doc.pdf");
        assert_eq!(recognized.mechanism, Some(Mechanism::Afchpr));
        assert_eq!(recognized.doc_type, Some(DocType::Judgment));
        assert_eq!(recognized.date.as_deref(), Some("2023-09-05"));
        assert_eq!(recognized.states, ["Malawi"]);
        assert_eq!(
            recognized.case_name.as_deref(),
            Some("Symon Vuwa Kaunda and Others v. Republic of Malawi")
        );
        assert_eq!(
            recognized.identifiers,
            [CitationKey::new("afchpr:app:013/2021")]
        );
        let portuguese = "UNIÃO AFRICANA\nTRIBUNAL AFRICANO DOS DIREITOS DO HOMEM E DOS POVOS\nSYMON VUWA KAUNDA E OUTROS\nC.\nREPÚBLICA DO MALAWI\nPETIÇÃO N.° 013/2021\nACÓRDÃO\n5 DE SETEMBRO DE 2023\n";
        let portuguese = recognize_text(portuguese, "doc2.pdf");
        assert_eq!(portuguese.doc_type, Some(DocType::Judgment));
        assert_eq!(portuguese.date.as_deref(), Some("2023-09-05"));
        assert_eq!(portuguese.work_id, recognized.work_id);
    }

    #[test]
    fn an_ecowas_judgment_in_french() {
        let french = "COUR DE JUSTICE DE LA CEDEAO\nAffaire N° ECW/CCJ/APP/12/15\nArrêt N° ECW/CCJ/JUD/05/16\nARRÊT\nLe 28 mars 2016\n";
        let recognized = recognize_text(french, "doc.pdf");
        assert_eq!(recognized.mechanism, Some(Mechanism::EcowasCourt));
        assert_eq!(recognized.doc_type, Some(DocType::Judgment));
        assert_eq!(recognized.date.as_deref(), Some("2016-03-28"));
        assert_eq!(
            recognized.work_id.as_deref(),
            Some("ecowas:ECW/CCJ/JUD/05/16")
        );
        assert!(recognized
            .identifiers
            .contains(&CitationKey::new("ecowas:ECW/CCJ/APP/12/15")));
    }
}
