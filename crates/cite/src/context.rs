//! What the extractor may know of the citing document.

use hrlex_model::Mechanism;

/// Metadata of the citing document, used to resolve context-dependent keys
/// (`comm:?:…`, `upr:?:…`) and to infer the body of a resolution cited by number
/// (SPEC §2.1 "Body inference"). Everything is optional; the default knows nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CitingContext {
    /// The citing document's own symbol (`CCPR/C/120/D/2324/2013`, `A/HRC/43/15/Add.1`).
    pub symbol: Option<String>,
    /// The citing document's mechanism.
    pub mechanism: Option<Mechanism>,
}

/// The body whose resolution or decision numbering a bare `n/m` follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ResolutionBody {
    HumanRightsCouncil,
    GeneralAssembly,
    SecurityCouncil,
    EconomicAndSocialCouncil,
    CommissionOnHumanRights,
    SubCommission,
}

impl CitingContext {
    pub fn with_symbol(symbol: impl Into<String>) -> Self {
        CitingContext {
            symbol: Some(symbol.into()),
            mechanism: None,
        }
    }

    pub fn with_mechanism(mechanism: Mechanism) -> Self {
        CitingContext {
            symbol: None,
            mechanism: Some(mechanism),
        }
    }

    /// The citing document is of the African system (its communications with a
    /// two-digit year are the African Commission's, SPEC §2.8).
    pub(crate) fn is_african(&self) -> bool {
        self.mechanism
            .is_some_and(|mechanism| mechanism.system() == hrlex_model::System::African)
    }

    /// The treaty body of the citing document (`CCPR`, `CAT`, …), from its mechanism or
    /// its symbol prefix.
    pub(crate) fn treaty_body(&self) -> Option<&'static str> {
        if let Some(body) = self.mechanism.and_then(Mechanism::citation_body) {
            return Some(body);
        }
        let symbol = crate::normalize_un_symbol(self.symbol.as_deref()?);
        if symbol.starts_with("E/C.12/") {
            return Some("CESCR");
        }
        let prefix = symbol.split('/').next()?;
        ["CCPR", "CAT", "CEDAW", "CERD", "CRPD", "CRC", "CED", "CMW"]
            .into_iter()
            .find(|body| *body == prefix)
    }

    /// The body whose resolutions the citing document most likely means by a bare number.
    pub(crate) fn resolution_body(&self) -> Option<ResolutionBody> {
        match self.mechanism {
            Some(Mechanism::GeneralAssembly) => return Some(ResolutionBody::GeneralAssembly),
            Some(Mechanism::HumanRightsCouncil | Mechanism::Upr | Mechanism::SpecialProcedures) => {
                return Some(ResolutionBody::HumanRightsCouncil)
            }
            _ => {}
        }
        let symbol = crate::normalize_un_symbol(self.symbol.as_deref()?);
        if symbol.starts_with("A/HRC/") {
            Some(ResolutionBody::HumanRightsCouncil)
        } else if symbol.starts_with("A/") {
            Some(ResolutionBody::GeneralAssembly)
        } else {
            None
        }
    }

    /// The UPR Working Group report that recommendation numbers of this document refer
    /// to: the citing symbol itself when it is a WG report (`A/HRC/43/15`), or the report
    /// an addendum belongs to (`A/HRC/43/15/Add.1` → `A/HRC/43/15`).
    pub(crate) fn upr_report_symbol(&self) -> Option<String> {
        let symbol = crate::normalize_un_symbol(self.symbol.as_deref()?);
        upr_report_of(&symbol)
    }
}

/// `A/HRC/43/15` and `A/HRC/43/15/ADD.1` → `A/HRC/43/15`; anything else → `None`.
pub(crate) fn upr_report_of(symbol: &str) -> Option<String> {
    let parts: Vec<&str> = symbol.split('/').collect();
    let is_number = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    let base_ok = parts.len() >= 4
        && parts[0] == "A"
        && parts[1] == "HRC"
        && is_number(parts[2])
        && is_number(parts[3]);
    let tail_ok = parts.len() == 4 || (parts.len() == 5 && parts[4].starts_with("ADD."));
    (base_ok && tail_ok).then(|| parts[..4].join("/"))
}
