//! European Court (and former Commission) of Human Rights: application numbers, the
//! case heading, the type heading, the Strasbourg date; HUDOC item ids in file names.

use super::states::leading_state;
use super::{case_name_in_lines, dates, numbered_work_id, phrases, respondent_case, title_case};
use super::{Candidate, Masthead, Recognized};
use hrlex_model::{CitationKey, CitationKind, DocType, Mechanism};
use regex::Regex;
use std::sync::OnceLock;

fn court() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        phrases(&[
            "European Court of Human Rights",
            "Cour européenne des droits de l'homme",
            "Европейский Суд по правам человека",
            "Европейский суд по правам человека",
            "Tribunal Europeu dos Direitos Humanos",
            "Tribunal Europeo de Derechos Humanos",
        ])
    })
}

fn commission() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        phrases(&[
            "European Commission of Human Rights",
            "Commission européenne des droits de l'homme",
            "AS TO THE ADMISSIBILITY OF",
            "SUR LA RECEVABILITE",
            "SUR LA RECEVABILITÉ",
        ])
    })
}

/// Headings only the Court's documents have: the formation, the application line.
fn heading() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?im)^\s*(?:(?:FIRST|SECOND|THIRD|FOURTH|FIFTH|PREMIÈRE|DEUXIÈME|TROISIÈME|QUATRIÈME|CINQUIÈME|ПЕРВАЯ|ВТОРАЯ|ТРЕТЬЯ|ЧЕТВЕРТАЯ|ПЯТАЯ)\s+(?:SECTION|СЕКЦИЯ)|GRAND CHAMBER|GRANDE CHAMBRE|БОЛЬШАЯ ПАЛАТА|COURT \((?:PLENARY|CHAMBER)\)|COUR \((?:PLÉNIÈRE|CHAMBRE)\)|\(?(?:Applications?|Requêtes?|Жалоба)\s+(?:nos?\.?|n\s?[o°º]s?\.?|№|N)\s*\d{1,6}/\d{2}\b)")
            .expect("valid regex")
    })
}

fn type_heading() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?m)^\s*(JUDGMENT|ARRÊT|ARRET|ПОСТАНОВЛЕНИЕ|DECISION|DÉCISION|РЕШЕНИЕ|STATEMENT OF FACTS|EXPOSÉ DES FAITS|AS TO THE ADMISSIBILITY|SUR LA RECEVABILIT)")
            .expect("valid regex")
    })
}

fn case_heading() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?m)^\s*(?:CASE OF|AFFAIRE|ДЕЛО)\s+(.{2,160}?)\s+(?:v\.|c\.|ПРОТИВ|против)\s+(.{2,80})$")
            .expect("valid regex")
    })
}

/// `by X / against Y` (decisions), `présentée par X / contre la Belgique`.
fn lodged_by() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?m)^\s*(?:by|présentée par|lodged by)\s+(.{2,120})\n\s*(?:against|contre)\s+(?:the\s+|la\s+|le\s+|l['’])?(.{2,60})$")
            .expect("valid regex")
    })
}

fn dated_line() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?im)(?:^\s*STRASBOURG\s*$|communicated on|communiquée le|chambre du conseil le|in private on|sitting in private on)")
            .expect("valid regex")
    })
}

fn hudoc_item() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN
        .get_or_init(|| Regex::new(r"(?:^|[^0-9])(001-\d{5,7})(?:[^0-9]|$)").expect("valid regex"))
}

/// A HUDOC item id in a file name (`standard_001-57473_ENG.txt`) is the document's.
pub(crate) fn from_file_name(file_name: &str, recognized: &mut Recognized) {
    let Some(captures) = hudoc_item().captures(file_name) else {
        return;
    };
    let mechanism = recognized.mechanism.get_or_insert(Mechanism::Ecthr);
    if matches!(mechanism, Mechanism::Ecthr | Mechanism::EcommHR) {
        recognized.add_identifier(CitationKey::new(format!("hudoc:{}", &captures[1])));
    }
}

pub(crate) fn recognize(masthead: &Masthead) -> Option<Candidate> {
    let zone = &masthead.text[..masthead.offset_of_line(30)];
    let court_at = court().find(zone).map(|found| found.start());
    let commission_at = commission().find(zone).map(|found| found.start());
    let heading_at = heading().find(zone).map(|found| found.start());
    let anchor = [court_at, commission_at, heading_at]
        .into_iter()
        .flatten()
        .min()?;
    let mut recognized = Recognized::default();
    let is_commission = commission_at.is_some_and(|at| court_at.is_none_or(|court| at < court));
    recognized.mechanism = Some(if is_commission {
        Mechanism::EcommHR
    } else {
        Mechanism::Ecthr
    });
    let application_zone = masthead.offset_of_line(20);
    for mention in &masthead.mentions {
        if mention.span.0 >= application_zone {
            break;
        }
        let key = mention.key.as_str();
        if key.starts_with("ecthr:app:") || mention.kind == CitationKind::Ecli {
            recognized.add_identifier(mention.key.clone());
        }
    }
    recognized.doc_type = type_heading()
        .captures(zone)
        .map(|captures| match &captures[1] {
            "JUDGMENT" | "ARRÊT" | "ARRET" | "ПОСТАНОВЛЕНИЕ" => DocType::Judgment,
            "STATEMENT OF FACTS" | "EXPOSÉ DES FAITS" => DocType::CommunicatedCase,
            _ => DocType::AdmissibilityDecision,
        });
    if let Some(captures) = case_heading().captures(zone) {
        if let Some((state, written)) = leading_state(captures[2].trim()) {
            let respondent = respondent_case(written);
            recognized.case_name = Some(format!("{} v. {respondent}", title_case(&captures[1])));
            recognized.add_state(state);
        }
    } else if let Some(captures) = lodged_by().captures(zone) {
        if let Some((state, written)) = leading_state(captures[2].trim()) {
            let respondent = respondent_case(written);
            recognized.case_name = Some(format!("{} v. {respondent}", title_case(&captures[1])));
            recognized.add_state(state);
        }
    } else if let Some((case_name, state)) = case_name_in_lines(masthead) {
        recognized.case_name = Some(case_name);
        recognized.add_state(state);
    }
    recognized.date = dated_line().find(zone).and_then(|found| {
        dates::first_date(&masthead.text[found.end()..masthead.offset_of_line(40)])
    });
    recognized.title = recognized.case_name.clone();
    recognized.work_id = recognized
        .identifiers
        .iter()
        .find(|key| key.as_str().starts_with("ecthr:app:"))
        .and_then(|key| numbered_work_id(key, recognized.doc_type, recognized.date.as_deref()));
    Some(Candidate { anchor, recognized })
}

#[cfg(test)]
mod tests {
    use super::super::recognize as recognize_text;
    use super::*;

    #[test]
    fn a_plenary_judgment_in_english() {
        // echr/hudoc-texts/standard_001-57473_ENG.txt
        let text = "COURT (PLENARY)\n\nCASE OF DUDGEON v. THE UNITED KINGDOM\n\n(Application no. 7525/76)\n\nJUDGMENT\n\nSTRASBOURG\n\n22 October 1981\n\nIn the Dudgeon case,\n\nThe European Court of Human Rights, taking its decision in plenary session in application of Rule 48 of the Rules of Court and composed of the following judges:\n";
        let recognized = recognize_text(text, "doc3.txt");
        assert_eq!(recognized.mechanism, Some(Mechanism::Ecthr));
        assert_eq!(recognized.doc_type, Some(DocType::Judgment));
        assert_eq!(recognized.date.as_deref(), Some("1981-10-22"));
        assert_eq!(recognized.states, ["United Kingdom"]);
        assert_eq!(
            recognized.case_name.as_deref(),
            Some("Dudgeon v. the United Kingdom")
        );
        assert_eq!(
            recognized.identifiers,
            [CitationKey::new("ecthr:app:7525/76")]
        );
        assert_eq!(
            recognized.work_id.as_deref(),
            Some("ecthr:app:7525/76:judgment:1981-10-22")
        );
    }

    #[test]
    fn a_communicated_case_and_a_commission_decision_in_french() {
        // echr/hudoc-texts/communicated_case_001-109453_FRE.txt
        let communicated = "DEUXIÈME SECTION\n\nRequête n o 56886/10\nprésentée par Mehmet KABAR\ncontre la Turquie\nintroduite le 5 août 2010\n\nEXPOSÉ DES FAITS\n\nEN FAIT\n\nLe requérant, M. Mehmet Kabar, est un ressortissant turc, né en 1964 et résidant à Diyarbakır.\n";
        let recognized = recognize_text(communicated, "communicated_case_001-109453_FRE.txt");
        assert_eq!(recognized.mechanism, Some(Mechanism::Ecthr));
        assert_eq!(recognized.doc_type, Some(DocType::CommunicatedCase));
        assert_eq!(recognized.states, ["Turkey"]);
        assert_eq!(
            recognized.case_name.as_deref(),
            Some("Mehmet Kabar v. Turquie")
        );
        // The lodging date is not the document's.
        assert_eq!(recognized.date, None);
        assert!(recognized
            .identifiers
            .contains(&CitationKey::new("ecthr:app:56886/10")));
        assert!(recognized
            .identifiers
            .contains(&CitationKey::new("hudoc:001-109453")));

        // echr/hudoc-texts/commission_decision_001-24502_FRE.txt
        let decision = "\u{feff}\n\nSUR LA RECEVABILITE\n\nde la requête No 14607/89\n\nprésentée par Charles VAN ACKER\n\ncontre la Belgique\n\n__________\n\nLa Commission européenne des Droits de l'Homme, siégeant en\n\nchambre du conseil le 7 décembre 1990 en présence de\n\nMM. C.A. NØRGAARD, Président\n";
        let recognized = recognize_text(decision, "doc4.txt");
        assert_eq!(recognized.mechanism, Some(Mechanism::EcommHR));
        assert_eq!(recognized.doc_type, Some(DocType::AdmissibilityDecision));
        assert_eq!(recognized.date.as_deref(), Some("1990-12-07"));
        assert_eq!(recognized.states, ["Belgium"]);
        assert_eq!(
            recognized.case_name.as_deref(),
            Some("Charles Van Acker v. Belgique")
        );
    }
}
