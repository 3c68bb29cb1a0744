use serde::{Deserialize, Serialize};
use std::fmt;

/// A normalized citation key, `<kind>:<value>`, e.g. `un:A/HRC/15/56`,
/// `comm:CCPR:1334/2004`, `ecthr:app:30696/09`, `iacthr:C:205`.
///
/// Keys are produced by the citation extractor for what a document cites and by
/// ingest for a document's own identifiers; a citation resolves to a document when
/// the two keys are equal. The forms are `docs/citation-keys.md`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CitationKey(String);

/// The family of a citation key: the part before the first `:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CitationKind {
    Un,
    Comm,
    Gc,
    Upr,
    Ecthr,
    Ehrr,
    Hudoc,
    Ecli,
    Iacthr,
    Iachr,
    Oas,
    Achpr,
    Afchpr,
    Cjeu,
    ShortForm,
    Other,
}

impl CitationKey {
    /// Wraps an already normalized key. The caller is responsible for normalization
    /// (the `hrlex-cite` crate provides it).
    pub fn new(key: impl Into<String>) -> Self {
        Self(key.into())
    }

    /// Builds `<prefix>:<value>`.
    pub fn from_parts(prefix: &str, value: &str) -> Self {
        Self(format!("{prefix}:{value}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn kind(&self) -> CitationKind {
        let prefix = self.0.split(':').next().unwrap_or("");
        match prefix {
            "un" => CitationKind::Un,
            "comm" => CitationKind::Comm,
            "gc" => CitationKind::Gc,
            "upr" => CitationKind::Upr,
            "ecthr" => CitationKind::Ecthr,
            "ehrr" => CitationKind::Ehrr,
            "hudoc" => CitationKind::Hudoc,
            "ecli" => CitationKind::Ecli,
            "iacthr" => CitationKind::Iacthr,
            "iachr" => CitationKind::Iachr,
            "oas" => CitationKind::Oas,
            "achpr" => CitationKind::Achpr,
            "afchpr" => CitationKind::Afchpr,
            "cjeu" => CitationKind::Cjeu,
            "short" | "short_form" => CitationKind::ShortForm,
            _ => CitationKind::Other,
        }
    }

    /// True when the key has a `?` placeholder that the linker resolves from the
    /// citing document (`comm:?:12/2004`).
    pub fn is_context_dependent(&self) -> bool {
        self.0.contains('?')
    }
}

impl fmt::Display for CitationKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for CitationKey {
    fn from(value: &str) -> Self {
        Self::new(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_is_the_prefix() {
        assert_eq!(CitationKey::new("un:A/HRC/15/56").kind(), CitationKind::Un);
        assert_eq!(
            CitationKey::new("ecthr:app:30696/09").kind(),
            CitationKind::Ecthr
        );
        assert_eq!(CitationKey::new("weird").kind(), CitationKind::Other);
        assert!(CitationKey::new("comm:?:12/2004").is_context_dependent());
    }
}
