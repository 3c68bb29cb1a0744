//! Keys that name the same document as a given key, for the linker.

use hrlex_model::CitationKey;

/// Other keys under which the document named by `key` may be cited. The index adds
/// them to a document's own identifiers (and to citations) so that the different ways
/// of naming one document meet:
///
/// * treaty-body D-symbol → communication: `un:CAT/C/37/D/265/2005` → `comm:CAT:265/2005`
///   (`E/C.12/…/D/…` → `CESCR`). The reverse cannot be derived (the session number is
///   not in the communication key): give documents their D-symbol and this function
///   yields the communication key.
/// * general comment symbol ↔ key: `un:CCPR/C/GC/36` ↔ `gc:CCPR:36`
///   (`E/C.12/GC/14` ↔ `gc:CESCR:14`); joint symbols `CEDAW/C/GC/31-CRC/C/GC/18` give
///   both general comments.
/// * ECtHR ECLI → application: `ecli:CE:ECHR:2011:0121JUD003069609` → `ecthr:app:30696/09`.
/// * Inter-American advisory opinions: `iacthr:OC-18` ↔ `iacthr:A:18` (Series A number).
/// * Security Council resolutions with a year: `un:S/RES/1325(2000)` → `un:S/RES/1325`.
/// * A case named with its co-applicants → without them:
///   `name:almonacid arellano and others v chile` → `name:almonacid arellano v chile`
///   (a judgment is titled `Almonacid Arellano y otros Vs. Chile`, and cited, and
///   searched for, as `Almonacid Arellano v. Chile`).
///
/// ```
/// use hrlex_cite::related_keys;
/// use hrlex_model::CitationKey;
/// let related = related_keys(&CitationKey::new("un:CAT/C/37/D/265/2005"));
/// assert_eq!(related, [CitationKey::new("comm:CAT:265/2005")]);
/// ```
pub fn related_keys(key: &CitationKey) -> Vec<CitationKey> {
    let key = key.as_str();
    let mut related = Vec::new();
    if let Some(symbol) = key.strip_prefix("un:") {
        for part in symbol.split('-').filter(|part| part.contains("/GC/")) {
            if let Some(general_comment) = general_comment_of_symbol(part) {
                related.push(general_comment);
            }
        }
        if let Some(communication) = communication_of_symbol(symbol) {
            related.push(communication);
        }
        if let Some(resolution) = symbol.strip_prefix("S/RES/") {
            if let Some(open) = resolution.find('(') {
                related.push(CitationKey::new(format!(
                    "un:S/RES/{}",
                    &resolution[..open]
                )));
            }
        }
    } else if let Some(rest) = key.strip_prefix("gc:") {
        if let Some((body, number)) = rest.split_once(':') {
            let prefix = match body {
                "CESCR" => Some("E/C.12".to_string()),
                "CCPR" | "CEDAW" | "CERD" | "CRC" | "CRPD" | "CMW" | "CED" | "CAT" => {
                    Some(format!("{body}/C"))
                }
                _ => None,
            };
            if let Some(prefix) = prefix {
                related.push(CitationKey::new(format!("un:{prefix}/GC/{number}")));
            }
        }
    } else if let Some(rest) = key.strip_prefix("ecli:CE:ECHR:") {
        if let Some(application) = application_of_echr_ecli(rest) {
            related.push(application);
        }
    } else if let Some(number) = key.strip_prefix("iacthr:OC-") {
        related.push(CitationKey::new(format!("iacthr:A:{number}")));
    } else if let Some(number) = key.strip_prefix("iacthr:A:") {
        related.push(CitationKey::new(format!("iacthr:OC-{number}")));
    } else if let Some(rest) = key.strip_prefix(crate::NAME_KEY_PREFIX) {
        if let Some((applicant, respondent)) = rest.split_once(" v ") {
            if let Some(first) = applicant.strip_suffix(" and others") {
                related.push(CitationKey::new(format!(
                    "{}{first} v {respondent}",
                    crate::NAME_KEY_PREFIX
                )));
            }
        }
    }
    related
}

fn body_of_symbol_prefix(symbol: &str) -> Option<(&'static str, &str)> {
    if let Some(rest) = symbol.strip_prefix("E/C.12/") {
        return Some(("CESCR", rest));
    }
    for body in ["CCPR", "CAT", "CEDAW", "CERD", "CRPD", "CRC", "CED", "CMW"] {
        if let Some(rest) = symbol
            .strip_prefix(body)
            .and_then(|rest| rest.strip_prefix("/C/"))
        {
            return Some((body, rest));
        }
    }
    None
}

/// `CCPR/C/GC/36` → `gc:CCPR:36`.
fn general_comment_of_symbol(symbol: &str) -> Option<CitationKey> {
    let (body, rest) = body_of_symbol_prefix(symbol)?;
    let number = rest.strip_prefix("GC/")?;
    let number = number.split('/').next()?;
    number
        .bytes()
        .all(|byte| byte.is_ascii_digit())
        .then(|| CitationKey::new(format!("gc:{body}:{number}")))
}

/// `CAT/C/37/D/265/2005` → `comm:CAT:265/2005`.
fn communication_of_symbol(symbol: &str) -> Option<CitationKey> {
    let (body, rest) = body_of_symbol_prefix(symbol)?;
    let parts: Vec<&str> = rest.split('/').collect();
    let d_position = parts.iter().position(|part| *part == "D")?;
    let number = parts.get(d_position + 1)?;
    let year = parts.get(d_position + 2)?;
    let is_digits = |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    if !is_digits(number) || !is_digits(year) {
        return None;
    }
    let number = number.trim_start_matches('0');
    Some(CitationKey::new(format!("comm:{body}:{number}/{year}")))
}

/// `2011:0121JUD003069609` → `ecthr:app:30696/09`.
fn application_of_echr_ecli(rest: &str) -> Option<CitationKey> {
    let (_year, identifier) = rest.split_once(':')?;
    let digits = identifier.get(identifier.len().checked_sub(9)?..)?;
    if !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let number = digits[..7].trim_start_matches('0');
    let year = &digits[7..];
    if number.is_empty() {
        return None;
    }
    Some(CitationKey::new(format!("ecthr:app:{number}/{year}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn related(key: &str) -> Vec<String> {
        related_keys(&CitationKey::new(key))
            .into_iter()
            .map(|key| key.as_str().to_string())
            .collect()
    }

    #[test]
    fn symbols_map_to_communications_and_general_comments() {
        assert_eq!(related("un:CAT/C/37/D/265/2005"), ["comm:CAT:265/2005"]);
        assert_eq!(related("un:E/C.12/61/D/5/2015"), ["comm:CESCR:5/2015"]);
        assert_eq!(related("un:CCPR/C/GC/36"), ["gc:CCPR:36"]);
        assert_eq!(related("gc:CCPR:36"), ["un:CCPR/C/GC/36"]);
        assert_eq!(related("gc:CESCR:14"), ["un:E/C.12/GC/14"]);
        assert_eq!(
            related("un:CEDAW/C/GC/31-CRC/C/GC/18"),
            ["gc:CEDAW:31", "gc:CRC:18"]
        );
        assert!(related("un:A/HRC/15/56").is_empty());
    }

    #[test]
    fn ecli_and_advisory_opinions() {
        assert_eq!(
            related("ecli:CE:ECHR:2011:0121JUD003069609"),
            ["ecthr:app:30696/09"]
        );
        assert_eq!(related("iacthr:OC-18"), ["iacthr:A:18"]);
        assert_eq!(related("iacthr:A:18"), ["iacthr:OC-18"]);
    }

    #[test]
    fn a_case_with_co_applicants_is_also_the_case_of_its_first_applicant() {
        assert_eq!(
            related("name:almonacid arellano and others v chile"),
            ["name:almonacid arellano v chile"]
        );
        assert_eq!(
            related("name:гусинский and others v россия no 2"),
            ["name:гусинский v россия no 2"]
        );
        assert!(related("name:soering v united kingdom").is_empty());
    }
}
