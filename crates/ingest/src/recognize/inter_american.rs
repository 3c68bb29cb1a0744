//! Inter-American Court and Commission: the court's name in four languages, the
//! Commission's report heading, the type heading, the case (`Caso X vs. Y`), the State
//! (`respecto de Colombia`), the date of the heading and the Series C number.

use super::states::leading_state;
use super::{dates, numbered_work_id, phrases, respondent_case, title_case};
use super::{Candidate, Masthead, Recognized};
use hrlex_model::{CitationKey, DocType, Mechanism};
use regex::Regex;
use std::sync::OnceLock;

fn court() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        phrases(&[
            "Corte Interamericana de Derechos Humanos",
            "Inter-American Court of Human Rights",
            "Corte Interamericana de Direitos Humanos",
            "Cour interaméricaine des droits de l'homme",
        ])
    })
}

fn commission() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        phrases(&[
            "Comisión Interamericana de Derechos Humanos",
            "Inter-American Commission on Human Rights",
            "Comissão Interamericana de Direitos Humanos",
            "Commission interaméricaine des droits de l'homme",
        ])
    })
}

/// `REPORT Nº 81/01`, `INFORME N° 32/99`, `RELATÓRIO Nº 69/02` opening a page.
fn report_heading() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?m)^\s*(?:REPORT|INFORME|RELATÓRIO|RAPPORT)\s+(?:N[º°o]\.?|No\.?)\s*(\d{1,3})\s*/\s*(\d{2,4})")
            .expect("valid regex")
    })
}

/// `CASE 12.228`, `PETITION 419/01`, `PETIÇÃO 419/01`.
fn petition_or_case() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?im)^\s*(CASE|CASO|PETITION|PETICIÓN|PETIÇÃO)\s+(\d{1,3}(?:\.\d{3})?(?:/\d{2})?)\s*$")
            .expect("valid regex")
    })
}

/// The heading words that say what the document is, at the start of a line.
fn type_heading() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?im)^\s*(VOTO|VOTE|SEPARATE OPINION|CONCURRING OPINION|DISSENTING OPINION|PARTIALLY DISSENTING|OPINIÓN CONSULTIVA|ADVISORY OPINION|PARECER CONSULTIVO|AVIS CONSULTATIF|RESOLUC\s?IÓN|RESOLUÇÃO|ORDER|RULING|ORDONNANCE|SENTENCIA|SENTENÇA|JUDGMENT|ARRÊT)")
            .expect("valid regex")
    })
}

fn case_heading() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(?:CASO|CASE OF|CASE|AFFAIRE|ASUNTO|MATTER OF)\s+(.{2,200}?)\s+(?:VS\.?|V\.|C\.|CONTRA|VERSUS)\s+")
            .expect("valid regex")
    })
}

fn regarding_state() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?i)\b(?:RESPECTO\s+(?:DE|DEL)|REGARDING|IN THE MATTER OF|A RESPEITO D[AOE]|EM RELAÇÃO (?:AO|À))\s+(?:(?:LA|EL|LOS|THE|O|A)\s+)?(?:(?:REPÚBLICA|REPUBLICA|REPUBLIC|ESTADO|STATE)\s+(?:DE|DEL|OF|DO|DA)\s+)?(?:(?:LA|EL|THE)\s+)?")
            .expect("valid regex")
    })
}

/// `ASUNTO ÁLVAREZ Y OTROS`, `A FAVOR DE …`: the matter of provisional measures.
fn matter() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?im)^\s*((?:ASUNTO|MATTER OF|ASSUNTO)\s+.{2,120})$").expect("valid regex")
    })
}

fn doc_type_of(word: &str) -> DocType {
    match word.to_uppercase().replace(' ', "").as_str() {
        "VOTO"
        | "VOTE"
        | "SEPARATEOPINION"
        | "CONCURRINGOPINION"
        | "DISSENTINGOPINION"
        | "PARTIALLYDISSENTING" => DocType::SeparateOpinion,
        "OPINIÓNCONSULTIVA" | "ADVISORYOPINION" | "PARECERCONSULTIVO" | "AVISCONSULTATIF" => {
            DocType::AdvisoryOpinion
        }
        "SENTENCIA" | "SENTENÇA" | "JUDGMENT" | "ARRÊT" => DocType::Judgment,
        _ => DocType::Order,
    }
}

fn the_commission(masthead: &Masthead, recognized: &mut Recognized) -> Option<usize> {
    let zone = &masthead.text[..masthead.offset_of_line(12)];
    let heading = report_heading().captures(zone)?;
    let anchor = heading.get(0).map_or(0, |m| m.start());
    recognized.mechanism = Some(Mechanism::Iachr);
    let report = CitationKey::new(format!("iachr:report:{}/{}", &heading[1], &heading[2]));
    recognized.work_id = Some(report.as_str().to_string());
    recognized.add_identifier(report);
    let upper = zone.to_uppercase();
    recognized.doc_type = Some(
        if upper.contains("INADMISSIB") || upper.contains("INADMISIB") {
            DocType::Inadmissibility
        } else if upper.contains("ADMISSIB") || upper.contains("ADMISIB") {
            DocType::AdmissibilityDecision
        } else {
            DocType::Report
        },
    );
    if let Some(captures) = petition_or_case().captures(zone) {
        let number = &captures[2];
        let key = if captures[1].to_uppercase().starts_with("PETI") && number.contains('/') {
            format!("iachr:petition:P-{}", number.replace('/', "-"))
        } else {
            format!("iachr:case:{number}")
        };
        recognized.add_identifier(CitationKey::new(key));
    }
    // The petitioner's line, then the State's line.
    let lines: Vec<&str> = zone.lines().map(str::trim).collect();
    for (index, line) in lines.iter().enumerate().skip(1) {
        if let Some((state, taken)) = leading_state(line) {
            if taken.len() + 2 >= line.len() {
                let petitioner = lines[..index]
                    .iter()
                    .rev()
                    .find(|line| !line.is_empty())
                    .copied()
                    .unwrap_or("");
                if !petition_or_case().is_match(petitioner) && !petitioner.is_empty() {
                    let respondent = respondent_case(taken);
                    recognized.case_name =
                        Some(format!("{} v. {respondent}", title_case(petitioner)));
                }
                recognized.add_state(state);
                break;
            }
        }
    }
    recognized.date = dates::first_date(zone);
    recognized.title = Some(match &recognized.case_name {
        Some(case) => format!("{}: {case}", lines.first().copied().unwrap_or("").trim()),
        None => lines.first().copied().unwrap_or("").trim().to_string(),
    });
    Some(anchor)
}

/// The heading lines down to the one with the date (`Resolución de la / Corte
/// Interamericana de Derechos Humanos / de 26 de mayo de 2010`), joined.
fn heading_through_date(zone: &str) -> String {
    let mut heading = Vec::new();
    for line in zone
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .take(4)
    {
        heading.push(line.trim_end_matches(['*', '∗', '1']).trim());
        if dates::first_date(line).is_some() {
            break;
        }
    }
    title_case(&heading.join(" "))
}

pub(crate) fn recognize(masthead: &Masthead) -> Option<Candidate> {
    let zone_end = masthead.offset_of_line(15);
    let zone = &masthead.text[..zone_end];
    let mut recognized = Recognized::default();
    let court_at = court().find(zone).map(|found| found.start());
    let commission_at = commission().find(zone).map(|found| found.start());
    if court_at.is_none() || commission_at.is_some_and(|at| court_at.is_some_and(|c| at < c)) {
        if let Some(anchor) = the_commission(masthead, &mut recognized) {
            return Some(Candidate { anchor, recognized });
        }
    }
    let anchor = court_at?;
    recognized.mechanism = Some(Mechanism::Iacthr);
    let heading = type_heading().captures(zone);
    recognized.doc_type = heading.as_ref().map(|captures| doc_type_of(&captures[1]));
    let flat = masthead.flattened(15);
    if let Some(captures) = case_heading().captures(&flat) {
        let after = &flat[captures.get(0).map_or(0, |m| m.end())..];
        if let Some((state, written)) = leading_state(after) {
            let respondent = respondent_case(written);
            recognized.case_name = Some(format!("{} v. {respondent}", title_case(&captures[1])));
            recognized.add_state(state);
        }
    }
    if recognized.states.is_empty() {
        if let Some(found) = regarding_state().find(&flat) {
            if let Some((state, _)) = leading_state(&flat[found.end()..]) {
                recognized.add_state(state);
            }
        }
    }
    for mention in &masthead.mentions {
        if mention.span.0 < zone_end && mention.key.as_str().starts_with("iacthr:") {
            recognized.add_identifier(mention.key.clone());
        }
    }
    recognized.date = dates::first_date(zone);
    let first_line = zone
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("");
    let subject = recognized.case_name.clone().or_else(|| {
        matter()
            .captures(zone)
            .map(|captures| title_case(captures[1].trim_end_matches(['*', '∗', '1'])))
    });
    recognized.title = match (recognized.doc_type, &subject) {
        (Some(DocType::Judgment), Some(case)) => Some(case.clone()),
        (Some(DocType::SeparateOpinion), _) => Some(title_case(first_line)),
        (Some(_), Some(case)) => Some(format!("{}: {case}", heading_through_date(zone))),
        (None, Some(case)) => Some(case.clone()),
        _ => None,
    };
    let series_c = recognized
        .identifiers
        .iter()
        .find(|key| key.as_str().starts_with("iacthr:C:"))
        .cloned();
    recognized.work_id = match series_c {
        Some(key) if recognized.doc_type == Some(DocType::Judgment) => {
            Some(key.as_str().to_string())
        }
        _ => recognized
            .case_name
            .as_deref()
            .and_then(hrlex_cite::case_name_key)
            .and_then(|key| {
                numbered_work_id(
                    &CitationKey::new(format!("iacthr:{}", key.as_str())),
                    recognized.doc_type,
                    recognized.date.as_deref(),
                )
            }),
    };
    Some(Candidate { anchor, recognized })
}

#[cfg(test)]
mod tests {
    use super::super::recognize as recognize_text;
    use super::*;

    // iacthr/pdfs/98302.pdf (es), 98318.pdf (en), 98334.pdf (pt): one judgment.
    const SPANISH: &str = "CORTE INTERAMERICANA DE DERECHOS HUMANOS\n\nCASO ARTAVIA MURILLO Y OTROS (“FECUNDACIÓN IN VITRO”) VS. COSTA RICA\n\nSENTENCIA DE 28 DE NOVIEMBRE DE 2012\n(Excepciones Preliminares, Fondo, Reparaciones y Costas)\n\nEn el caso Artavia Murillo y otros (“Fecundación in vitro”),\n";
    const ENGLISH: &str = "INTER-AMERICAN COURT OF HUMAN RIGHTS\n\nCASE OF ARTAVIA MURILLO ET AL. (“IN VITRO FERTILIZATION”) v. COSTA RICA\n\nJUDGMENT OF NOVEMBER 28, 2012\n(Preliminary objections, merits, reparations and costs)\n\nIn the case of Artavia Murillo et al. (“In vitro fertilization”),\n";
    const PORTUGUESE: &str = "CORTE INTERAMERICANA DE DIREITOS HUMANOS\n\nCASO ARTAVIA MURILLO E OUTROS (“FECUNDAÇÃO IN VITRO”) VS. COSTA RICA\n\nSENTENÇA DE 28 DE NOVEMBRO DE 2012\n(Exceções Preliminares, Mérito, Reparações e Custas)\n\nNo Caso Artavia Murillo e outros (“Fecundação in vitro”),\n";

    #[test]
    fn one_judgment_in_three_languages() {
        let versions: Vec<Recognized> = [SPANISH, ENGLISH, PORTUGUESE]
            .iter()
            .map(|text| recognize_text(text, "doc.pdf"))
            .collect();
        for recognized in &versions {
            assert_eq!(recognized.mechanism, Some(Mechanism::Iacthr));
            assert_eq!(recognized.doc_type, Some(DocType::Judgment));
            assert_eq!(recognized.date.as_deref(), Some("2012-11-28"));
            assert_eq!(recognized.states, ["Costa Rica"]);
            assert!(recognized.work_id.is_some());
        }
        assert_eq!(
            versions[0].work_id,
            versions[1].work_id,
            "{:?}",
            versions
                .iter()
                .map(|v| v.case_name.clone())
                .collect::<Vec<_>>()
        );
        assert_eq!(versions[0].work_id, versions[2].work_id);
        assert!(versions[0]
            .case_name
            .as_deref()
            .is_some_and(|name| name.starts_with("Artavia Murillo y otros")));
    }

    #[test]
    fn orders_and_commission_reports() {
        // iacthr/pdfs/1455.pdf: an order on provisional measures (es).
        let order = "Resolución de la\nCorte Interamericana de Derechos Humanos\nde 26 de mayo de 2010\nMedidas Provisionales\nRespecto de los Estados Unidos Mexicanos\nAsunto Alvarado Reyes y otros\nVISTO:\n";
        let recognized = recognize_text(order, "doc.pdf");
        assert_eq!(recognized.mechanism, Some(Mechanism::Iacthr));
        assert_eq!(recognized.doc_type, Some(DocType::Order));
        assert_eq!(recognized.date.as_deref(), Some("2010-05-26"));
        assert_eq!(recognized.states, ["Mexico"]);
        assert_eq!(
            recognized.title.as_deref(),
            Some("Resolución de la Corte Interamericana de Derechos Humanos de 26 de mayo de 2010: Asunto Alvarado Reyes y otros")
        );

        // iacthr/pdfs/1431.pdf and 973.pdf: English orders.
        let provisional = "ORDER OF THE PRESIDENT OF THE\nINTER-AMERICAN COURT OF HUMAN RIGHTS\nOF APRIL 1, 2011\nPROVISIONAL MEASURES\nREGARDING THE UNITED MEXICAN STATES\nMATTER ALVARADO REYES ET AL.\nHAVING SEEN:\n";
        let recognized = recognize_text(provisional, "doc.pdf");
        assert_eq!(recognized.doc_type, Some(DocType::Order));
        assert_eq!(recognized.date.as_deref(), Some("2011-04-01"));
        assert_eq!(recognized.states, ["Mexico"]);
        let english = "Order of the\nInter-American Court of Human Rights\nof July 8, 2009\nCase of the 19 Tradesmen v. Colombia\nMonitoring Compliance with Judgment\nand\nProvisional Measures\n";
        let recognized = recognize_text(english, "doc.pdf");
        assert_eq!(recognized.doc_type, Some(DocType::Order));
        assert_eq!(recognized.date.as_deref(), Some("2009-07-08"));
        assert_eq!(recognized.states, ["Colombia"]);

        // iacthr/pdfs/98440.pdf: a Commission report (en).
        let report = "REPORT Nº 81/01\nCASE 12.228\nALFONSO MARTÍN DEL CAMPO DODD\nMEXICO\nOctober 10, 2001\nI.\nSUMMARY\n";
        let recognized = recognize_text(report, "doc.pdf");
        assert_eq!(recognized.mechanism, Some(Mechanism::Iachr));
        assert_eq!(recognized.date.as_deref(), Some("2001-10-10"));
        assert_eq!(recognized.states, ["Mexico"]);
        assert!(recognized
            .identifiers
            .contains(&CitationKey::new("iachr:report:81/01")));
        assert!(recognized
            .identifiers
            .contains(&CitationKey::new("iachr:case:12.228")));
        assert_eq!(
            recognized.case_name.as_deref(),
            Some("Alfonso Martín del Campo Dodd v. Mexico")
        );

        // iacthr/pdfs/98589.pdf (en) and 98601.pdf (pt): one admissibility report.
        let english = "REPORT Nº 69/02 1\nADMISSIBILITY\nPETITION 419/01\nLAURA ALBÁN CORNEJO\nECUADOR\nOctober 23, 2002\nI.\nSUMMARY\n";
        let portuguese = "RELATÓRIO Nº 69/02 1\nADMISSIBILIDADE\nPETIÇÃO 419/01\nLAURA ALBÁN CORNEJO\nEQUADOR\n23 de outubro de 2002\nI.\nRESUMO\n";
        let english = recognize_text(english, "doc.pdf");
        let portuguese = recognize_text(portuguese, "doc.pdf");
        for recognized in [&english, &portuguese] {
            assert_eq!(recognized.mechanism, Some(Mechanism::Iachr));
            assert_eq!(recognized.doc_type, Some(DocType::AdmissibilityDecision));
            assert_eq!(recognized.date.as_deref(), Some("2002-10-23"));
            assert_eq!(recognized.states, ["Ecuador"]);
            assert!(recognized
                .identifiers
                .contains(&CitationKey::new("iachr:petition:P-419-01")));
        }
        assert_eq!(english.work_id.as_deref(), Some("iachr:report:69/02"));
        assert_eq!(english.work_id, portuguese.work_id);
    }
}
