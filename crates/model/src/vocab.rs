//! Closed vocabularies that users filter and facet by. Each has a stable lowercase
//! `code()` (what is stored in the index and shown in JSON) and a lenient `parse`.

use serde::{Deserialize, Serialize};

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $code:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $(#[serde(rename = $code)] $variant),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable lowercase code used in JSON, the index and query filters.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// Parses a code or a common alias, case-insensitively.
            pub fn parse(text: &str) -> Option<Self> {
                let lowered = text.trim().to_lowercase();
                match lowered.as_str() {
                    $($code $(| $alias)* => Some($name::$variant),)+
                    _ => None,
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

vocabulary! {
    /// Document language. The six UN official languages and Portuguese are first-class;
    /// anything else is `Other`, and `Und` means detection failed.
    Lang {
        Ar => "ar" | "ara" | "arb" | "arabic",
        Zh => "zh" | "zho" | "chi" | "cmn" | "zh-cn" | "zh-hans" | "zh-hant" | "chinese",
        En => "en" | "eng" | "english",
        Fr => "fr" | "fra" | "fre" | "french",
        Ru => "ru" | "rus" | "russian",
        Es => "es" | "spa" | "spanish",
        Pt => "pt" | "por" | "portuguese",
        Other => "other",
        Und => "und",
    }
}

impl Lang {
    /// The seven languages hrlex analyzes natively.
    pub const SUPPORTED: [Lang; 7] = [
        Lang::Ar,
        Lang::Zh,
        Lang::En,
        Lang::Fr,
        Lang::Ru,
        Lang::Es,
        Lang::Pt,
    ];

    /// True for languages written right to left.
    pub fn is_rtl(self) -> bool {
        matches!(self, Lang::Ar)
    }
}

vocabulary! {
    /// The regional or universal system a mechanism belongs to.
    System {
        Un => "un" | "united nations",
        European => "european" | "coe" | "council of europe",
        InterAmerican => "inter-american" | "interamerican" | "oas",
        African => "african" | "au",
        National => "national" | "domestic",
        Other => "other",
    }
}

vocabulary! {
    /// The body that produced a document.
    Mechanism {
        Ccpr => "ccpr" | "hrc-committee" | "human rights committee",
        Cat => "cat" | "committee against torture",
        Cedaw => "cedaw",
        Cerd => "cerd",
        Cescr => "cescr" | "e/c.12",
        Crc => "crc",
        Crpd => "crpd",
        Ced => "ced",
        Cmw => "cmw",
        Spt => "spt",
        Upr => "upr" | "universal periodic review",
        SpecialProcedures => "special-procedures" | "sp" | "special procedure" | "special procedures",
        HumanRightsCouncil => "hrc" | "human rights council",
        GeneralAssembly => "ga" | "general assembly",
        Ohchr => "ohchr",
        Ecthr => "ecthr" | "echr" | "european court of human rights",
        EcommHR => "ecommhr" | "european commission of human rights",
        Iacthr => "iacthr" | "corte idh" | "inter-american court",
        Iachr => "iachr" | "cidh" | "inter-american commission",
        Achpr => "achpr" | "african commission",
        Afchpr => "afchpr" | "african court",
        EcowasCourt => "ecowas" | "ecowas-court" | "ecowas court",
        NationalCourt => "national-court" | "domestic-court",
        Other => "other",
    }
}

impl Mechanism {
    pub fn system(self) -> System {
        use Mechanism::*;
        match self {
            Ccpr | Cat | Cedaw | Cerd | Cescr | Crc | Crpd | Ced | Cmw | Spt | Upr
            | SpecialProcedures | HumanRightsCouncil | GeneralAssembly | Ohchr => System::Un,
            Ecthr | EcommHR => System::European,
            Iacthr | Iachr => System::InterAmerican,
            Achpr | Afchpr | EcowasCourt => System::African,
            NationalCourt => System::National,
            Other => System::Other,
        }
    }

    /// True for the UN treaty bodies (the committees that decide communications).
    pub fn is_treaty_body(self) -> bool {
        use Mechanism::*;
        matches!(
            self,
            Ccpr | Cat | Cedaw | Cerd | Cescr | Crc | Crpd | Ced | Cmw | Spt
        )
    }

    /// The body code used in citation keys (`comm:CCPR:…`, `gc:CEDAW:…`).
    pub fn citation_body(self) -> Option<&'static str> {
        use Mechanism::*;
        Some(match self {
            Ccpr => "CCPR",
            Cat => "CAT",
            Cedaw => "CEDAW",
            Cerd => "CERD",
            Cescr => "CESCR",
            Crc => "CRC",
            Crpd => "CRPD",
            Ced => "CED",
            Cmw => "CMW",
            _ => return None,
        })
    }
}

vocabulary! {
    /// What kind of document it is.
    DocType {
        Judgment => "judgment" | "sentencia" | "arrêt" | "arret",
        Views => "views" | "decision" | "decision/views",
        Inadmissibility => "inadmissibility" | "inadmissible",
        Discontinuance => "discontinuance" | "discontinued",
        AdmissibilityDecision => "admissibility-decision" | "admissibility decision",
        ConcludingObservations => "concluding-observations" | "concluding observations" | "co",
        GeneralComment => "general-comment" | "general comment" | "general recommendation" | "gc",
        Recommendation => "recommendation",
        Report => "report",
        Resolution => "resolution",
        Order => "order" | "resolución" | "resolution-order",
        AdvisoryOpinion => "advisory-opinion" | "advisory opinion" | "opinión consultiva",
        SeparateOpinion => "separate-opinion" | "separate opinion" | "voto separado",
        CommunicatedCase => "communicated-case" | "communicated case",
        InformationNote => "information-note" | "info note" | "information note",
        PressRelease => "press-release" | "press release",
        Instrument => "instrument" | "treaty" | "declaration" | "charter",
        Other => "other",
    }
}

vocabulary! {
    /// Who may see a document: everyone (public, the default), or the groups it names
    /// (restricted, confidential); see [`crate::Viewer`].
    Access {
        Public => "public",
        Restricted => "restricted",
        Confidential => "confidential",
    }
}

// The enum comes from `vocabulary!`, which takes no per-variant attributes, so the
// default cannot be derived with `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Access {
    fn default() -> Self {
        Access::Public
    }
}

impl Access {
    pub fn is_public(&self) -> bool {
        *self == Access::Public
    }
}

vocabulary! {
    /// The recommended State's response to a recommendation (UPR vocabulary, with the
    /// forms found in real exports).
    Response {
        Supported => "supported" | "accepted" | "support" | "acceptée" | "accepté",
        PartiallySupported => "partially-supported" | "partially supported" | "partially accepted",
        Noted => "noted" | "rejected" | "not accepted" | "notée",
        Considered => "considered" | "consider" | "under consideration" | "pending",
        NoResponse => "no-response" | "no response" | "not answered" | "no clear response" | "general response",
        Other => "other",
    }
}

vocabulary! {
    /// How far a recommendation has been implemented.
    ImplementationStatus {
        Implemented => "implemented" | "done" | "réalisé" | "realise",
        InProgress => "in-progress" | "in progress" | "en cours" | "partially implemented",
        NotImplemented => "not-implemented" | "not implemented" | "not done" | "non réalisé" | "non realise",
        Unknown => "unknown",
    }
}

/// Longest group name, in characters.
pub const MAX_GROUP_CHARS: usize = 64;

/// A group name as documents and tokens carry it (`"SPT"` → `spt`): trimmed, lowercased,
/// 1 to [`MAX_GROUP_CHARS`] letters (any script), digits, `-`, `_` or `.`; the reason
/// when it is not one.
pub fn group_name(name: &str) -> Result<String, String> {
    let lowered = name.trim().to_lowercase();
    if lowered.is_empty() {
        return Err("it is empty".to_string());
    }
    if lowered.chars().count() > MAX_GROUP_CHARS {
        return Err(format!("it is longer than {MAX_GROUP_CHARS} characters"));
    }
    if !lowered
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Err("use letters, digits, '-', '_' or '.' only".to_string());
    }
    Ok(lowered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_parse() {
        for lang in Lang::ALL {
            assert_eq!(Lang::parse(lang.code()), Some(*lang));
        }
        for mechanism in Mechanism::ALL {
            assert_eq!(Mechanism::parse(mechanism.code()), Some(*mechanism));
        }
        for doc_type in DocType::ALL {
            assert_eq!(DocType::parse(doc_type.code()), Some(*doc_type));
        }
        assert_eq!(Lang::parse("FRE"), Some(Lang::Fr));
        assert_eq!(Response::parse("Accepted"), Some(Response::Supported));
        assert_eq!(
            ImplementationStatus::parse("Réalisé"),
            Some(ImplementationStatus::Implemented)
        );
    }
}
