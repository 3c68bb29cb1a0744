use crate::{
    Access, CitationKey, DocType, ImplementationStatus, Lang, Mechanism, Response, System,
};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One language version of a work: what ingest produces and the index stores.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id, unique in a corpus (derived from the source, e.g. `hudoc:001-57619:en`).
    pub id: String,
    /// Id shared by every language version of the same decision or report.
    pub work_id: String,
    pub lang: Lang,
    pub title: String,
    pub mechanism: Mechanism,
    /// A finer body name where the mechanism is a family (a special procedure's mandate,
    /// "European Commission of Human Rights", a recommending UN body…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    pub doc_type: DocType,
    /// The main printed identifier (UN symbol, application number…), as displayed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub symbol: Option<String>,
    /// Every identifier of this document as a normalized citation key (its UN symbol,
    /// communication or application numbers, Series C number, ECLI, HUDOC item id…).
    /// Citations resolve to this document through these keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub identifiers: Vec<CitationKey>,
    /// Case name as commonly cited (`Tahsin Acar v. Turkey`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_name: Option<String>,
    /// States concerned (English short names).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub states: Vec<String>,
    /// ISO date `YYYY-MM-DD`, or `YYYY-MM` / `YYYY` when only that is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub articles: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<String>,
    /// Outcome as a short lowercase label (`violation`, `no violation`, `inadmissible`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<String>,
    #[serde(default)]
    pub access: Access,
    /// The groups that may see the document when it is not public (`spt`); see
    /// [`crate::group_name`]. Empty for a public document.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommendation: Option<Recommendation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    pub source: Source,
    #[serde(default)]
    pub paragraphs: Vec<Paragraph>,
    /// What the extractor noticed and the user should know (OCR used, text partly
    /// unreadable, running headers removed…).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<ExtractionNote>,
    /// Anything else a source provides, kept for display and later use.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, String>,
}

impl Document {
    /// A document with the given id (also used as work id) and defaults elsewhere.
    pub fn new(id: impl Into<String>, lang: Lang) -> Self {
        let id = id.into();
        Document {
            work_id: id.clone(),
            id,
            lang,
            title: String::new(),
            mechanism: Mechanism::Other,
            body: None,
            doc_type: DocType::Other,
            symbol: None,
            identifiers: Vec::new(),
            case_name: None,
            states: Vec::new(),
            date: None,
            articles: Vec::new(),
            themes: Vec::new(),
            outcome: None,
            access: Access::Public,
            groups: Vec::new(),
            recommendation: None,
            url: None,
            source: Source::default(),
            paragraphs: Vec::new(),
            notes: Vec::new(),
            extra: BTreeMap::new(),
        }
    }

    pub fn system(&self) -> System {
        self.mechanism.system()
    }

    /// The year of `date`, when known.
    pub fn year(&self) -> Option<i32> {
        self.date.as_deref()?.get(0..4)?.parse().ok()
    }

    /// All paragraph text joined by blank lines.
    pub fn full_text(&self) -> String {
        let mut text = String::new();
        for paragraph in &self.paragraphs {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&paragraph.text);
        }
        text
    }

    /// Adds an identifier unless it is already there.
    pub fn add_identifier(&mut self, key: CitationKey) {
        if !self.identifiers.contains(&key) {
            self.identifiers.push(key);
        }
    }
}

/// Where a document came from: the file and, for files holding many records, the record.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The file path as walked (relative to the corpus root when known).
    pub path: String,
    /// The record inside the file (row number, JSON id…), when the file holds several.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub record: Option<String>,
    /// The detected format (`pdf`, `html`, `docx`, `text`, `json`, `csv`, …).
    pub format: String,
    /// The importer or extractor that produced the document.
    pub importer: String,
}

/// A paragraph with the number printed on it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph number as printed (`18`, `115.34`, `75` for `§ 75`, `18 (c)`),
    /// without the surrounding punctuation; `None` when the paragraph is unnumbered.
    #[serde(default)]
    pub n: Option<String>,
    pub text: String,
    /// 1-based page where the paragraph starts, for paginated sources.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// The paragraph's language when it differs from the document's (annexes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// What this paragraph cites (filled by ingest with `hrlex-cite`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub citations: Vec<ParagraphCitation>,
}

/// One citation made by a paragraph: the normalized key and its pinpoints
/// (`para:18(c)`, `para:75-77`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphCitation {
    pub key: CitationKey,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pin: Vec<String>,
    /// The text as written (`CEDAW/C/MEX/CO/7-8, para. 18`).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub surface: String,
}

impl Paragraph {
    pub fn numbered(n: impl Into<String>, text: impl Into<String>) -> Self {
        Paragraph {
            n: Some(n.into()),
            text: text.into(),
            page: None,
            lang: None,
            citations: Vec::new(),
        }
    }

    pub fn unnumbered(text: impl Into<String>) -> Self {
        Paragraph {
            n: None,
            text: text.into(),
            page: None,
            lang: None,
            citations: Vec::new(),
        }
    }
}

/// Fields that only recommendations have.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recommendation {
    /// Recommending States (UPR) — empty for treaty bodies and special procedures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommending_states: Vec<String>,
    /// Recommending body (`CERD`, `Special Rapporteur on torture`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recommending_body: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
    /// The response as written in the source (`Accepted`, `Noted`, `A` …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_text: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub implementation: Option<ImplementationStatus>,
    /// UPR session or review cycle.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<String>,
    /// Symbol of the report that contains this recommendation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub report_symbol: Option<String>,
    /// UPR Info action category (1 = minimal action … 5 = specific action).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_category: Option<u8>,
}

/// Something the extractor wants the reader of a document to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractionNote {
    /// Stable code: `ocr`, `mojibake`, `fallback-extractor`, `headers-removed`, …
    pub code: String,
    pub message: String,
}

impl ExtractionNote {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ExtractionNote {
            code: code.into(),
            message: message.into(),
        }
    }
}

/// A work: all language versions of one decision, report or recommendation.
#[derive(Debug, Clone, PartialEq)]
pub struct Work {
    pub id: String,
    pub documents: Vec<Document>,
}

impl Work {
    pub fn languages(&self) -> Vec<Lang> {
        self.documents
            .iter()
            .map(|document| document.lang)
            .collect()
    }
}

/// Groups documents by `work_id`, keeping the order in which works first appear.
pub fn group_into_works(documents: Vec<Document>) -> Vec<Work> {
    let mut order: Vec<String> = Vec::new();
    let mut by_work: BTreeMap<String, Vec<Document>> = BTreeMap::new();
    for document in documents {
        if !by_work.contains_key(&document.work_id) {
            order.push(document.work_id.clone());
        }
        by_work
            .entry(document.work_id.clone())
            .or_default()
            .push(document);
    }
    order
        .into_iter()
        .map(|id| {
            let documents = by_work.remove(&id).unwrap_or_default();
            Work { id, documents }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Document {
        let mut document = Document::new("moroccco-r21:ar", Lang::Ar);
        document.work_id = "morocco-r21".into();
        document.title = "التفكير في التصديق على المعاهدات".into();
        document.mechanism = Mechanism::Cerd;
        document.doc_type = DocType::Recommendation;
        document.states = vec!["Morocco".into()];
        document.date = Some("2020".into());
        document
            .identifiers
            .push(CitationKey::new("un:CERD/C/MAR/CO/19-21"));
        document.recommendation = Some(Recommendation {
            recommending_body: Some("CERD".into()),
            implementation: Some(ImplementationStatus::Implemented),
            ..Recommendation::default()
        });
        document.paragraphs.push(Paragraph {
            n: Some("18 (c)".into()),
            text: "نص الفقرة".into(),
            page: Some(3),
            lang: None,
            citations: vec![ParagraphCitation {
                key: CitationKey::new("un:CERD/C/MAR/CO/17-18"),
                pin: vec!["para:12".into()],
                surface: "CERD/C/MAR/CO/17-18, par. 12".into(),
            }],
        });
        document
    }

    #[test]
    fn serde_round_trip_keeps_everything() {
        let document = sample();
        let json = serde_json::to_string(&document).unwrap();
        let back: Document = serde_json::from_str(&json).unwrap();
        assert_eq!(back, document);
        assert!(json.contains("\"lang\":\"ar\""));
        assert!(json.contains("\"mechanism\":\"cerd\""));
        assert!(json.contains("\"access\":\"public\""));
    }

    #[test]
    fn year_and_system_are_derived() {
        let document = sample();
        assert_eq!(document.year(), Some(2020));
        assert_eq!(document.system(), System::Un);
    }

    #[test]
    fn works_group_language_versions() {
        let arabic = sample();
        let mut french = sample();
        french.id = "morocco-r21:fr".into();
        french.lang = Lang::Fr;
        let works = group_into_works(vec![arabic, french]);
        assert_eq!(works.len(), 1);
        assert_eq!(works[0].languages(), vec![Lang::Ar, Lang::Fr]);
    }
}
