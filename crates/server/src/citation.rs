//! Citations a lawyer can paste (with a pinpoint) and paragraph anchors.

use hrlex_model::{Document, Mechanism, System};

/// Defined beside the graph's answers, which carry the anchors of citing paragraphs.
pub use hrlex_index::paragraph_anchor;

/// Court or body as abbreviated in citations.
fn body_abbreviation(mechanism: Mechanism) -> Option<&'static str> {
    Some(match mechanism {
        Mechanism::Ecthr => "ECtHR",
        Mechanism::EcommHR => "EComHR",
        Mechanism::Iacthr => "IACtHR",
        Mechanism::Iachr => "IACHR",
        Mechanism::Achpr => "ACHPR",
        Mechanism::Afchpr => "AfCHPR",
        Mechanism::EcowasCourt => "ECOWAS Court",
        other => return other.citation_body(),
    })
}

const MONTHS: [&str; 12] = [
    "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.",
];

/// `2012-11-28` → `28 Nov. 2012` (partial dates as far as known).
fn display_date(date: &str) -> String {
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or_default();
    let month = parts
        .next()
        .and_then(|month| month.parse::<usize>().ok())
        .filter(|month| (1..=12).contains(month));
    let day = parts.next().and_then(|day| day.parse::<u32>().ok());
    match (day, month) {
        (Some(day), Some(month)) => format!("{day} {} {year}", MONTHS[month - 1]),
        (None, Some(month)) => format!("{} {year}", MONTHS[month - 1]),
        _ => year.to_string(),
    }
}

/// The printed identifier worth citing beside the name: the symbol, or a Series C
/// number / application number drawn from the document's identifiers.
fn citable_identifier(document: &Document) -> Option<String> {
    for key in &document.identifiers {
        let key = key.as_str();
        if let Some(number) = key.strip_prefix("iacthr:C:") {
            return Some(format!("Series C No. {number}"));
        }
        if let Some(number) = key.strip_prefix("ecthr:app:") {
            return Some(format!("no. {number}"));
        }
    }
    document.symbol.clone()
}

/// A citation of `document`, pinpointed to paragraph `pin` when given:
/// `Artavia Murillo et al. v. Costa Rica, IACtHR, Series C No. 257, 28 Nov. 2012, para. 53`,
/// `CCPR/C/85/D/1153/2003, para. 6.3`, `Marckx v. Belgium, ECtHR, 13 June 1979, § 31`.
pub fn citation_text(document: &Document, pin: Option<&str>) -> String {
    let european = document.system() == System::European;
    let pinpoint = pin.map(str::trim).filter(|pin| !pin.is_empty()).map(|pin| {
        if european {
            format!("§ {pin}")
        } else {
            format!("para. {pin}")
        }
    });
    let mut parts: Vec<String> = Vec::new();
    let un_with_symbol = document.system() == System::Un && document.symbol.is_some();
    if un_with_symbol {
        // UN documents are cited by symbol.
        parts.extend(document.symbol.clone());
    } else {
        let name = document
            .case_name
            .clone()
            .filter(|name| !name.trim().is_empty())
            .unwrap_or_else(|| document.title.trim().to_string());
        if !name.is_empty() {
            parts.push(name);
        }
        parts.extend(body_abbreviation(document.mechanism).map(str::to_string));
        parts.extend(citable_identifier(document));
        parts.extend(document.date.as_deref().map(display_date));
    }
    parts.extend(pinpoint);
    parts.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use hrlex_model::{CitationKey, DocType, Lang};

    #[test]
    fn inter_american_judgment_is_cited_with_series_c_and_date() {
        let mut document = Document::new("iacthr:257", Lang::En);
        document.mechanism = Mechanism::Iacthr;
        document.doc_type = DocType::Judgment;
        document.case_name = Some("Artavia Murillo et al. v. Costa Rica".to_string());
        document.title =
            "Case of Artavia Murillo et al. (\"In vitro fertilization\") v. Costa Rica".to_string();
        document.identifiers = vec![CitationKey::new("iacthr:C:257")];
        document.date = Some("2012-11-28".to_string());
        assert_eq!(
            citation_text(&document, Some("53")),
            "Artavia Murillo et al. v. Costa Rica, IACtHR, Series C No. 257, 28 Nov. 2012, para. 53"
        );
    }

    #[test]
    fn treaty_body_views_are_cited_by_symbol() {
        let mut document = Document::new("tb:ccpr-c-85-d-1153-2003", Lang::En);
        document.mechanism = Mechanism::Ccpr;
        document.symbol = Some("CCPR/C/85/D/1153/2003".to_string());
        assert_eq!(
            citation_text(&document, Some("6.3")),
            "CCPR/C/85/D/1153/2003, para. 6.3"
        );
        assert_eq!(citation_text(&document, None), "CCPR/C/85/D/1153/2003");
    }

    #[test]
    fn european_court_uses_section_sign() {
        let mut document = Document::new("hudoc:001-57534", Lang::En);
        document.mechanism = Mechanism::Ecthr;
        document.case_name = Some("Marckx v. Belgium".to_string());
        document.date = Some("1979-06-13".to_string());
        assert_eq!(
            citation_text(&document, Some("31")),
            "Marckx v. Belgium, ECtHR, 13 June 1979, § 31"
        );
    }
}
