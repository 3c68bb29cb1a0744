//! Month names as they are written in the corpus's dates (English, French, Spanish,
//! Portuguese, with the unaccented spellings that OCR and old encodings produce).

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("janvier", 1),
    ("février", 2),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("août", 8),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("décembre", 12),
    ("decembre", 12),
    ("enero", 1),
    ("febrero", 2),
    ("marzo", 3),
    ("abril", 4),
    ("mayo", 5),
    ("junio", 6),
    ("julio", 7),
    ("agosto", 8),
    ("septiembre", 9),
    ("setiembre", 9),
    ("octubre", 10),
    ("noviembre", 11),
    ("diciembre", 12),
    ("janeiro", 1),
    ("fevereiro", 2),
    ("março", 3),
    ("marco", 3),
    ("maio", 5),
    ("junho", 6),
    ("julho", 7),
    ("setembro", 9),
    ("outubro", 10),
    ("novembro", 11),
    ("dezembro", 12),
];

/// The number of a full month name in any of our Latin-script languages, ignoring case.
pub(crate) fn month_number(name: &str) -> Option<u32> {
    let lowered = name.to_lowercase();
    MONTHS
        .iter()
        .find(|(month, _)| *month == lowered)
        .map(|(_, number)| *number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_four_languages() {
        assert_eq!(month_number("NOVIEMBRE"), Some(11));
        assert_eq!(month_number("Décembre"), Some(12));
        assert_eq!(month_number("março"), Some(3));
        assert_eq!(month_number("October"), Some(10));
        assert_eq!(month_number("Oct"), None);
    }
}
