//! Metadata inferred from a document's own text when no structured source gives it:
//! the UN symbol printed at the top, the mechanism it implies, the date; and the `name:`
//! key of a decided case's name, under which texts that name the case without its
//! number cite it.

use hrlex_model::{CitationKey, DocType, Document, Mechanism};
use regex::Regex;
use std::sync::OnceLock;

fn un_symbol() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(
            r"\b((?:A|E|S|HRI|CCPR|CAT|CEDAW|CERD|CRC|CRPD|CED|CMW)(?:/(?:[A-Z]{1,8}(?:\.\d+)?|\d{1,4}(?:-\d{1,4})?|Add\.\d+|Rev\.\d+|Corr\.\d+)){2,8})\b",
        )
        .expect("valid regex")
    })
}

/// The first UN document symbol printed in `text` (the masthead of a UN document).
pub fn first_un_symbol(text: &str) -> Option<String> {
    un_symbol()
        .captures(text)
        .map(|captures| captures[1].to_string())
}

/// The mechanism a UN symbol belongs to.
pub fn mechanism_of_symbol(symbol: &str) -> Option<Mechanism> {
    let mut parts = symbol.split('/');
    let first = parts.next()?;
    let second = parts.next().unwrap_or("");
    Some(match first {
        "CCPR" => Mechanism::Ccpr,
        "CAT" if second == "OP" => Mechanism::Spt,
        "CAT" => Mechanism::Cat,
        "CEDAW" => Mechanism::Cedaw,
        "CERD" => Mechanism::Cerd,
        "CRC" => Mechanism::Crc,
        "CRPD" => Mechanism::Crpd,
        "CED" => Mechanism::Ced,
        "CMW" => Mechanism::Cmw,
        "E" if second == "C.12" => Mechanism::Cescr,
        "A" if second == "HRC" && symbol.contains("/WG.6/") => Mechanism::Upr,
        "A" if second == "HRC" => Mechanism::HumanRightsCouncil,
        "A" => Mechanism::GeneralAssembly,
        _ => return None,
    })
}

/// The document type a UN symbol implies (`…/D/…` views, `…/CO/…` concluding
/// observations, `…/GC/…` general comment).
pub fn doc_type_of_symbol(symbol: &str) -> Option<DocType> {
    let parts: Vec<&str> = symbol.split('/').collect();
    if parts.contains(&"D") {
        return Some(DocType::Views);
    }
    if parts.contains(&"CO") {
        return Some(DocType::ConcludingObservations);
    }
    // `HSP/GC/25/2` is a document of UN-Habitat's Governing Council: only a treaty
    // body's `GC` is a general comment.
    let treaty_body = mechanism_of_symbol(symbol).is_some_and(Mechanism::is_treaty_body);
    if parts.contains(&"GC") && treaty_body {
        return Some(DocType::GeneralComment);
    }
    if parts.contains(&"RES") {
        return Some(DocType::Resolution);
    }
    None
}

/// Fills fields still empty from the text of the first page: symbol, mechanism, type.
pub fn infer_from_text(document: &mut Document, first_page: &str) {
    if document.symbol.is_none() {
        let head: String = first_page.chars().take(1500).collect();
        if let Some(symbol) = first_un_symbol(&head) {
            document.symbol = Some(symbol);
        }
    }
    let Some(symbol) = document.symbol.clone() else {
        return;
    };
    if document.mechanism == Mechanism::Other {
        if let Some(mechanism) = mechanism_of_symbol(&symbol) {
            document.mechanism = mechanism;
        }
    }
    if document.doc_type == DocType::Other {
        if let Some(doc_type) = doc_type_of_symbol(&symbol) {
            document.doc_type = doc_type;
        }
    }
    if symbol.contains('/') {
        document.add_identifier(CitationKey::from_parts("un", &symbol.to_uppercase()));
    }
}

/// Document types that decide (or, for a communicated case, open) a case: a case name
/// cited without a number means one of these, not an order or a press release of the
/// same case.
fn decides_a_case(doc_type: DocType) -> bool {
    matches!(
        doc_type,
        DocType::Judgment
            | DocType::Views
            | DocType::Inadmissibility
            | DocType::Discontinuance
            | DocType::AdmissibilityDecision
            | DocType::CommunicatedCase
            | DocType::Other
    )
}

/// Adds the `name:` key of the document's case name (`Mutombo v. Switzerland` →
/// `name:mutombo v switzerland`, `Caso Artavia Murillo y otros Vs. Costa Rica` →
/// `name:artavia murillo and others v costa rica`) to its identifiers, so that a text
/// naming the case without its number resolves to it. The case name, else the title, is
/// read; nothing is added unless the respondent is a known State. Each document's key
/// comes from its own metadata, so an incremental reindex keeps edges right both ways.
pub fn add_case_name_identifier(document: &mut Document) {
    if !decides_a_case(document.doc_type) {
        return;
    }
    let name = document
        .case_name
        .as_deref()
        .unwrap_or(document.title.as_str());
    if let Some(key) = hrlex_cite::case_name_key(name) {
        document.add_identifier(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn symbol_implies_mechanism_and_type() {
        let text = "United Nations\nCCPR/C/100/D/1334/2004\nInternational Covenant";
        assert_eq!(
            first_un_symbol(text).as_deref(),
            Some("CCPR/C/100/D/1334/2004")
        );
        assert_eq!(mechanism_of_symbol("E/C.12/GC/24"), Some(Mechanism::Cescr));
        assert_eq!(
            mechanism_of_symbol("A/HRC/WG.6/2/ARG/1"),
            Some(Mechanism::Upr)
        );
        assert_eq!(
            doc_type_of_symbol("CEDAW/C/MEX/CO/7-8"),
            Some(DocType::ConcludingObservations)
        );
        assert_eq!(
            doc_type_of_symbol("E/C.12/GC/24"),
            Some(DocType::GeneralComment)
        );
        assert_eq!(doc_type_of_symbol("HSP/GC/25/2/Add.3"), None);
    }

    #[test]
    fn a_decided_case_bears_the_key_of_its_name() {
        // corpus/iacthr/pdfs/98302.pdf: the Spanish judgment's case name.
        let mut judgment = Document::new("iacthr:98302", hrlex_model::Lang::Es);
        judgment.doc_type = DocType::Judgment;
        judgment.case_name =
            Some("Artavia Murillo y otros (“Fecundación In Vitro”) v. Costa Rica".to_string());
        add_case_name_identifier(&mut judgment);
        assert!(judgment.identifiers.contains(&CitationKey::new(
            "name:artavia murillo and others v costa rica"
        )));

        // corpus/echr/hudoc-texts/communicated_case_001-109453_FRE.txt
        let mut communicated = Document::new("hudoc:001-109453", hrlex_model::Lang::Fr);
        communicated.doc_type = DocType::CommunicatedCase;
        communicated.case_name = Some("Mehmet KABAR c. Turquie".to_string());
        add_case_name_identifier(&mut communicated);
        assert_eq!(
            communicated.identifiers,
            [CitationKey::new("name:mehmet kabar v turkey")]
        );

        // A domestic case (corpus/africa/zagpjhc_judgment.docx) names no State.
        let mut domestic = Document::new("za:ss076-2018:docx", hrlex_model::Lang::En);
        domestic.doc_type = DocType::Judgment;
        domestic.case_name = Some("S v Vincenzo Pietropaolo".to_string());
        add_case_name_identifier(&mut domestic);
        assert!(domestic.identifiers.is_empty());

        // An order of the same case does not bear the name.
        let mut order = Document::new("iacthr:order", hrlex_model::Lang::Es);
        order.doc_type = DocType::Order;
        order.case_name = judgment.case_name.clone();
        add_case_name_identifier(&mut order);
        assert!(order.identifiers.is_empty());
    }
}
