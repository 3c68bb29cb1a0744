//! Key resolution: every key naming the document a key names ([`expanded`]), the keys a
//! value given by a caller may be ([`key_candidates`]) and the document it designates
//! ([`SearchIndex::resolve_document_id`]), and the system a dangling key points into
//! ([`system_of_key`]).
//! The keys a document is indexed under are the writer's (`crate::terms`).

use crate::search::SearchIndex;
use crate::terms::with_related;
use crate::IndexError;
use hrlex_model::{CitationKey, CitationKind, System, Viewer};

/// `key`, its related keys and the keys the authority table joins to them
/// ([`hrlex_cite::authority_keys`]): every key naming the document `key` names.
pub(super) fn expanded(key: &CitationKey) -> Vec<CitationKey> {
    let related = with_related(std::iter::once(key));
    let aliases: Vec<CitationKey> = related
        .iter()
        .flat_map(hrlex_cite::authority_keys)
        .collect();
    with_related(related.iter().chain(aliases.iter()))
}

/// The system a key points into when no document resolves it.
pub fn system_of_key(key: &CitationKey) -> System {
    match key.kind() {
        CitationKind::Un | CitationKind::Comm | CitationKind::Gc | CitationKind::Upr => System::Un,
        CitationKind::Ecthr | CitationKind::Ehrr | CitationKind::Hudoc => System::European,
        CitationKind::Ecli if key.as_str().starts_with("ecli:CE:") => System::European,
        CitationKind::Iacthr | CitationKind::Iachr | CitationKind::Oas => System::InterAmerican,
        CitationKind::Achpr | CitationKind::Afchpr => System::African,
        _ => System::Other,
    }
}

/// `CCPR/C/85/D/1153/2003` → also `un:CCPR/C/85/D/1153/2003`; a case name
/// (`Mutombo v. Switzerland`, `Mutombo c. Suisse`) → also its `name:` key; keys as given.
pub(super) fn key_candidates(value: &str) -> Vec<CitationKey> {
    let value = value.trim();
    let has_family = value.split_once(':').is_some_and(|(family, _)| {
        !family.is_empty() && family.chars().all(|c| c.is_ascii_lowercase())
    });
    let mut keys = vec![CitationKey::new(value)];
    if !has_family {
        keys.push(CitationKey::new(format!(
            "un:{}",
            hrlex_cite::normalize_un_symbol(value)
        )));
        keys.extend(hrlex_cite::case_name_key(value));
    }
    with_related(keys.iter())
}

impl SearchIndex {
    /// The id of the document `value` designates: a document id, else the first
    /// document (by id) bearing `value` as a citation key (`un:CCPR/C/85/D/1153/2003`,
    /// or a bare symbol `CCPR/C/85/D/1153/2003`, read as `un:`).
    pub fn resolve_document_id(
        &self,
        value: &str,
        viewer: &Viewer,
    ) -> Result<Option<String>, IndexError> {
        let searcher = self.reader.searcher();
        if self.find_document(&searcher, value, viewer)?.is_some() {
            return Ok(Some(value.to_string()));
        }
        let bearing = self.documents_bearing(&searcher, &key_candidates(value), viewer)?;
        let mut documents = self.classify_text(&searcher, bearing)?;
        // The decision's text before its metadata-only record (or another record).
        documents
            .sort_by(|(a, a_text), (b, b_text)| b_text.cmp(a_text).then_with(|| a.id.cmp(&b.id)));
        Ok(documents
            .into_iter()
            .next()
            .map(|(document, _)| document.id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_keys_meet() {
        let keys: Vec<String> = with_related(
            [
                CitationKey::new("un:CCPR/C/85/D/1153/2003"),
                CitationKey::new("gc:CAT:2"),
            ]
            .iter(),
        )
        .into_iter()
        .map(|key| key.as_str().to_string())
        .collect();
        assert_eq!(
            keys,
            [
                "comm:CCPR:1153/2003",
                "gc:CAT:2",
                "un:CAT/C/GC/2",
                "un:CCPR/C/85/D/1153/2003"
            ]
        );
        assert_eq!(
            key_candidates("CCPR/C/85/D/1153/2003")
                .iter()
                .map(CitationKey::as_str)
                .collect::<Vec<_>>(),
            [
                "CCPR/C/85/D/1153/2003",
                "comm:CCPR:1153/2003",
                "un:CCPR/C/85/D/1153/2003"
            ]
        );
    }

    #[test]
    fn a_case_name_is_a_key_candidate_in_any_language() {
        for written in [
            "Mutombo v. Switzerland",
            "Mutombo c. Suisse",
            "Мутомбо против Швейцарии",
        ] {
            let candidates = key_candidates(written);
            let name_keys: Vec<&str> = candidates
                .iter()
                .map(CitationKey::as_str)
                .filter(|key| key.starts_with("name:"))
                .collect();
            assert_eq!(name_keys.len(), 1, "{written}: {candidates:?}");
            assert!(name_keys[0].ends_with(" v switzerland"), "{written}");
        }
        assert!(key_candidates("CCPR/C/85/D/1153/2003")
            .iter()
            .all(|key| !key.as_str().starts_with("name:")));
    }
}
