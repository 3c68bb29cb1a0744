//! Pinpoints that follow a citation (SPEC §4): `para. 18 (c)`, `§§ 75-77`,
//! `párr. 165`, `第 23 和 57 段`, `الفقرتين 1 و 16`, `annex II`.

use crate::extract::regex;

/// Parses the pinpoints at the start of `following` (the normalized text right after a
/// citation). Returns how many bytes they take and the normalized pins.
pub(crate) fn parse_pins(following: &str) -> (usize, Vec<String>) {
    let mut consumed = 0;
    let mut pins = Vec::new();
    for _ in 0..3 {
        let rest = &following[consumed..];
        let Some((length, mut found)) = parse_one_pin_group(rest) else {
            break;
        };
        consumed += length;
        pins.append(&mut found);
    }
    (consumed, pins)
}

fn parse_one_pin_group(rest: &str) -> Option<(usize, Vec<String>)> {
    let latin = regex!(
        r"^(?:[,;]\s?|\s)?(?:\((?:19|20)\d{2}\),?\s?)?(?:pp?\.\s?\d{1,4}(?:\s?-\s?\d{1,4})?,\s?)?(?:at\s)?(?:paras?\.|paragraphs?|pars?\.|paragraphes?|§§?|párrs?\.|párrafos?|parágrafos?|pár\.)\s?(\d{1,4}(?:\.\d{1,3})?(?:\s?\([a-z]{1,4}\))?(?:\s?(?:-|to|à|a|al|and|et|y|e|,|&)\s?\d{1,4}(?:\.\d{1,3})?(?:\s?\([a-z]{1,4}\))?)*)"
    );
    if let Some(captures) = latin.captures(rest) {
        let whole = captures.get(0)?;
        let list = captures.get(1)?.as_str();
        let length = trim_dangling_separator(whole.as_str());
        return Some((length, pins_from_list(list)));
    }
    // `说明(A/69/828)第8段`: a Chinese pinpoint may follow the bracket round the symbol.
    let chinese = regex!(
        r"^\)?[，,、]?\s?第\s?(\d{1,4}(?:\s?(?:和|及|至|、|,|，|-)\s?\d{1,4})*)\s?段(?:\s?\(([a-z])\))?"
    );
    if let Some(captures) = chinese.captures(rest) {
        let whole = captures.get(0)?;
        let mut pins = pins_from_list(captures.get(1)?.as_str());
        if let (Some(letter), 1) = (captures.get(2), pins.len()) {
            pins[0].push_str(&format!("({})", letter.as_str()));
        }
        return Some((whole.end(), pins));
    }
    let arabic = regex!(
        r"^[،,]?\s?(?:الفقرة|الفقرتين|الفقرتان|الفقرات)\s?(\d{1,4}(?:\s?(?:و|إلى|،|,|-)\s?\d{1,4})*)"
    );
    if let Some(captures) = arabic.captures(rest) {
        let whole = captures.get(0)?;
        return Some((whole.end(), pins_from_list(captures.get(1)?.as_str())));
    }
    let russian = regex!(r#"^,?\s?(?:пункт\w*|пп?\.)\s?"?(\d{1,4}(?:\s?(?:и|-|,)\s?\d{1,4})*)"?"#);
    if let Some(captures) = russian.captures(rest) {
        let whole = captures.get(0)?;
        return Some((whole.end(), pins_from_list(captures.get(1)?.as_str())));
    }
    let annex = regex!(
        r"^[，,]?\s?(?:[Aa]nnex|[Aa]nnexe|[Aa]nexo|[Пп]риложение|附件)\s?([IVX]+(?-u:\b)|[一二三四五六七八九十]+)"
    );
    if let Some(captures) = annex.captures(rest) {
        let whole = captures.get(0)?;
        let number = captures.get(1)?.as_str();
        let roman = chinese_numeral_to_roman(number).unwrap_or_else(|| number.to_string());
        return Some((whole.end(), vec![format!("annex:{roman}")]));
    }
    None
}

/// The pattern may end on a list separator that introduced no number (`para. 5, and`):
/// give the separator back.
fn trim_dangling_separator(matched: &str) -> usize {
    matched.trim_end_matches([' ', ',']).len()
}

/// `75-77` → `[para:75-77]`; `23 和 57` → `[para:23, para:57]`; `18 (c)` → `[para:18(c)]`.
fn pins_from_list(list: &str) -> Vec<String> {
    let token = regex!(
        r"(\d{1,4}(?:\.\d{1,3})?)(?:\s?\(([a-z]{1,4})\))?|(-|(?-u:\b)(?:to|al|a)(?-u:\b)|à|至|إلى)|((?-u:\b)(?:and|et|y|e)(?-u:\b)|&|,|和|及|、|，|و|،|и)"
    );
    let mut pins: Vec<String> = Vec::new();
    let mut range_pending = false;
    for captures in token.captures_iter(list) {
        if let Some(number) = captures.get(1) {
            let mut pin = number.as_str().to_string();
            if let Some(letter) = captures.get(2) {
                pin.push_str(&format!("({})", letter.as_str()));
            }
            match (range_pending, pins.last_mut()) {
                (true, Some(previous)) => {
                    previous.push('-');
                    previous.push_str(&pin);
                }
                _ => pins.push(format!("para:{pin}")),
            }
            range_pending = false;
        } else {
            range_pending = captures.get(3).is_some();
        }
    }
    pins
}

fn chinese_numeral_to_roman(numeral: &str) -> Option<String> {
    let value = match numeral {
        "一" => 1,
        "二" => 2,
        "三" => 3,
        "四" => 4,
        "五" => 5,
        "六" => 6,
        "七" => 7,
        "八" => 8,
        "九" => 9,
        "十" => 10,
        _ => return None,
    };
    Some(crate::extract::to_roman(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_pins() {
        assert_eq!(parse_pins(", para. 18 (c) and").1, ["para:18(c)"]);
        assert_eq!(parse_pins(", §§ 75-77, ECHR").1, ["para:75-77"]);
        assert_eq!(parse_pins(" párr. 165").1, ["para:165"]);
        assert_eq!(
            parse_pins(", paras. 7.2 and 7.3.").1,
            ["para:7.2", "para:7.3"]
        );
        assert_eq!(parse_pins(", p. 18").1, Vec::<String>::new());
        // HUDOC style: the page is skipped, the paragraph is the pin.
        assert_eq!(parse_pins(", p. 24, par. 59).").1, ["para:59"]);
    }

    #[test]
    fn chinese_arabic_russian_and_annex_pins() {
        assert_eq!(parse_pins(", 第 23 和 57 段").1, ["para:23", "para:57"]);
        assert_eq!(parse_pins("，第 63 至 64 段").1, ["para:63-64"]);
        assert_eq!(parse_pins(" 第 18 段(c)").1, ["para:18(c)"]);
        assert_eq!(parse_pins("، الفقرتين 1 و 16").1, ["para:1", "para:16"]);
        assert_eq!(parse_pins(", пункт 8").1, ["para:8"]);
        assert_eq!(parse_pins(", annex II").1, ["annex:II"]);
        assert_eq!(parse_pins("附件二").1, ["annex:II"]);
    }
}
