//! The recognizers: one function per citation family, run in priority order over the
//! normalized text. A recognizer claims the bytes it matched so that a later, weaker
//! recognizer cannot read the same digits again (`CAT/C/54/D/553/2013` is a UN symbol,
//! not also an application number).

use crate::context::{upr_report_of, CitingContext, ResolutionBody};
use crate::normalize::normalize_un_symbol;
use crate::pins::parse_pins;

/// Compiles a regex once per call site.
macro_rules! regex {
    ($pattern:expr) => {{
        static CELL: std::sync::OnceLock<regex::Regex> = std::sync::OnceLock::new();
        CELL.get_or_init(|| regex::Regex::new($pattern).expect("valid citation regex"))
    }};
}
pub(crate) use regex;

/// A citation found in the normalized text (byte offsets of the normalized text).
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    /// End of the citation itself, before the pinpoints that `end` takes in.
    pub core_end: usize,
    pub key: String,
    pub pins: Vec<String>,
    pub attrs: Vec<(String, String)>,
}

struct Extraction<'a> {
    text: &'a str,
    claimed: Vec<bool>,
    found: Vec<Found>,
    context: &'a CitingContext,
}

impl<'a> Extraction<'a> {
    fn is_free(&self, start: usize, end: usize) -> bool {
        !self.claimed[start..end].iter().any(|claimed| *claimed)
    }

    fn claim(&mut self, start: usize, end: usize) {
        for claimed in &mut self.claimed[start..end] {
            *claimed = true;
        }
    }

    /// Records a citation over `start..end`, extended by the pinpoints that follow it
    /// when `with_pins`; returns its index.
    fn push(&mut self, start: usize, end: usize, key: String, with_pins: bool) -> usize {
        let core_end = end;
        let mut end = end;
        let mut pins = Vec::new();
        if with_pins {
            let (length, parsed) = parse_pins(&self.text[end..]);
            if !parsed.is_empty() && self.is_free(end, end + length) {
                end += length;
                pins = parsed;
            }
        }
        self.claim(start, end);
        self.found.push(Found {
            start,
            end,
            core_end,
            key,
            pins,
            attrs: Vec::new(),
        });
        self.found.len() - 1
    }
}

/// Runs every recognizer over the normalized text.
pub(crate) fn find_all(text: &str, context: &CitingContext) -> Vec<Found> {
    let mut extraction = Extraction {
        text,
        claimed: vec![false; text.len()],
        found: Vec::new(),
        context,
    };
    claim_urls(&mut extraction);
    find_ecli(&mut extraction);
    find_hudoc_ids(&mut extraction);
    find_oas_symbols(&mut extraction);
    find_un_symbols(&mut extraction);
    find_cjeu_cases(&mut extraction);
    find_iacthr_series_c(&mut extraction);
    find_advisory_opinions(&mut extraction);
    find_series_a(&mut extraction);
    find_ecthr_reporters(&mut extraction);
    find_afchpr_applications(&mut extraction);
    find_zh_communications(&mut extraction);
    find_communications(&mut extraction);
    find_iachr_reports(&mut extraction);
    find_iachr_cases(&mut extraction);
    find_ecthr_applications(&mut extraction);
    find_bare_case_law_communications(&mut extraction);
    find_resolutions(&mut extraction);
    find_zh_resolutions(&mut extraction);
    find_general_comments(&mut extraction);
    find_upr_recommendations(&mut extraction);
    fold_reporters_into_applications(&mut extraction);
    extraction.found
}

// ---------------------------------------------------------------------------------
// Small text helpers

fn char_before(text: &str, index: usize) -> Option<char> {
    text[..index].chars().next_back()
}

fn char_after(text: &str, index: usize) -> Option<char> {
    text[index..].chars().next()
}

/// True when the match is glued to a preceding letter, digit or symbol connector.
fn glued_before(text: &str, index: usize) -> bool {
    char_before(text, index).is_some_and(|character| {
        character.is_ascii_alphanumeric() || matches!(character, '/' | '.' | '-' | '_')
    })
}

/// True when the number continues (`12/08/2019` read as `12/08`).
fn continues_as_number(text: &str, index: usize) -> bool {
    let rest = &text[index..];
    let mut characters = rest.chars();
    match characters.next() {
        Some(character) if character.is_ascii_digit() || character == '/' => true,
        Some('.' | '-') => characters.next().is_some_and(|next| next.is_ascii_digit()),
        _ => false,
    }
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn ceil_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index += 1;
    }
    index
}

/// The text from up to `before` bytes before `start` to up to `after` bytes after `end`.
fn window(text: &str, start: usize, end: usize, before: usize, after: usize) -> (usize, &str) {
    let window_start = ceil_boundary(text, start.saturating_sub(before));
    let window_end = floor_boundary(text, end.saturating_add(after));
    (
        window_start,
        &text[window_start..window_end.max(window_start)],
    )
}

fn strip_leading_zeros(number: &str) -> &str {
    let stripped = number.trim_start_matches('0');
    if stripped.is_empty() {
        "0"
    } else {
        stripped
    }
}

pub(crate) fn to_roman(mut value: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut roman = String::new();
    for (amount, letters) in TABLE {
        while value >= amount {
            roman.push_str(letters);
            value -= amount;
        }
    }
    roman
}

fn roman_to_arabic(roman: &str) -> Option<u32> {
    let mut total = 0u32;
    let mut previous = 0u32;
    for character in roman.chars().rev() {
        let value = match character {
            'I' => 1,
            'V' => 5,
            'X' => 10,
            'L' => 50,
            'C' => 100,
            _ => return None,
        };
        if value < previous {
            total = total.checked_sub(value)?;
        } else {
            total += value;
            previous = value;
        }
    }
    (total > 0).then_some(total)
}

/// A nearby cue (body name) and its distance to the citation.
fn nearest_cue<'t>(
    cues: &regex::Regex,
    text: &'t str,
    start: usize,
    end: usize,
    before: usize,
    after: usize,
) -> Option<(regex::Captures<'t>, usize)> {
    let (window_start, window_text) = window(text, start, end, before, after);
    let mut best: Option<(regex::Captures<'t>, usize)> = None;
    for captures in cues.captures_iter(window_text) {
        let whole = captures.get(0)?;
        let cue_start = window_start + whole.start();
        let cue_end = window_start + whole.end();
        let distance = if cue_end <= start {
            start - cue_end
        } else {
            cue_start.saturating_sub(end)
        };
        if best
            .as_ref()
            .is_none_or(|(_, best_distance)| distance < *best_distance)
        {
            best = Some((captures, distance));
        }
    }
    best
}

// ---------------------------------------------------------------------------------
// URLs, ECLI, HUDOC ids

fn claim_urls(extraction: &mut Extraction<'_>) {
    let url = regex!(r#"(?i)(?:https?://|www\.)[^\s<>"]+"#);
    let ranges: Vec<(usize, usize)> = url
        .find_iter(extraction.text)
        .map(|found| (found.start(), found.end()))
        .collect();
    for (start, end) in ranges {
        extraction.claim(start, end);
    }
}

fn find_ecli(extraction: &mut Extraction<'_>) {
    let ecli = regex!(r"(ECLI:)?([A-Z]{2}):([A-Z0-9]{1,7}):(\d{4}):([A-Z0-9.]{1,25})");
    let text = extraction.text;
    for captures in ecli.captures_iter(text) {
        let whole = captures.get(0).expect("match");
        let has_prefix = captures.get(1).is_some();
        let country = &captures[2];
        let court = &captures[3];
        let prefixless_ok = (country == "EU" && matches!(court, "C" | "T" | "F"))
            || (country == "CE" && court == "ECHR");
        if (!has_prefix && !prefixless_ok) || glued_before(text, whole.start()) {
            continue;
        }
        let identifier = captures[5].trim_end_matches('.');
        let end = captures.get(5).expect("id").start() + identifier.len();
        if !extraction.is_free(whole.start(), end) {
            continue;
        }
        let key = format!("ecli:{country}:{court}:{}:{identifier}", &captures[4]);
        extraction.push(whole.start(), end, key, true);
    }
}

fn find_hudoc_ids(extraction: &mut Extraction<'_>) {
    let hudoc = regex!(r"(?-u:\b)00[12]-\d{4,7}(?-u:\b)");
    let text = extraction.text;
    let ranges: Vec<(usize, usize)> = hudoc
        .find_iter(text)
        .map(|found| (found.start(), found.end()))
        .collect();
    for (start, end) in ranges {
        if glued_before(text, start)
            || continues_as_number(text, end)
            || !extraction.is_free(start, end)
        {
            continue;
        }
        extraction.push(start, end, format!("hudoc:{}", &text[start..end]), false);
    }
}

// ---------------------------------------------------------------------------------
// UN and OAS symbols

fn find_oas_symbols(extraction: &mut Extraction<'_>) {
    let oas = regex!(
        r"(?P<base>(?:OEA|OAS)\s?/\s?Ser\.\s?[A-Z](?:/[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)*)*)(?:,?\s?[Dd]oc\.\s?(?P<doc>\d{1,4})(?:,?\s?[Rr]ev\.\s?(?P<rev>\d{1,2}))?(?:,?\s?[Cc]orr\.\s?(?P<corr>\d{1,2}))?)?"
    );
    let text = extraction.text;
    let matches: Vec<(usize, usize, String)> = oas
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let base = captures["base"].trim_end_matches('.');
            let mut key = format!("oas:{}", base.replace(' ', "").to_uppercase());
            for (name, label) in [("doc", "DOC"), ("rev", "REV"), ("corr", "CORR")] {
                if let Some(part) = captures.name(name) {
                    key.push_str(&format!("/{label}.{}", part.as_str()));
                }
            }
            Some((whole.start(), whole.end(), key))
        })
        .collect();
    for (start, end, key) in matches {
        if glued_before(text, start) || !extraction.is_free(start, end) {
            continue;
        }
        extraction.push(start, end, key, true);
    }
}

fn find_un_symbols(extraction: &mut Extraction<'_>) {
    let symbol = regex!(
        r"(?:CR\s?PD|CEDAW|CESCR|CCPR|CERD|CRC|CAT|CED|CMW|HRI|ST|A|S|E|T)(?:\s?/\s?(?:(?:Add|Rev|Corr|Sub|Amend)\.\s?\d{1,3}|[A-Z]{1,8}(?:\.\s?\d{1,4})?(?-u:\b)|\d{1,4}(?:-\d{1,4})?)){1,10}(?:\s?\((?:\d{4}|[IVXL]{1,6})\))?"
    );
    let text = extraction.text;
    let candidates: Vec<(usize, usize)> = symbol
        .find_iter(text)
        .map(|found| (found.start(), found.end()))
        .collect();
    for (start, end) in candidates {
        let matched = &text[start..end];
        let slashes = matched.matches('/').count();
        let has_digit = matched.bytes().any(|byte| byte.is_ascii_digit());
        // `CEDAW/C/GC/31-CRC/C/GC/18`: a joint symbol's second half follows `<digit>-`.
        let joint_symbol_half = text[..start].ends_with('-')
            && char_before(text, start - 1).is_some_and(|character| character.is_ascii_digit());
        let glued = glued_before(text, start) && !joint_symbol_half;
        if slashes < 2 || !has_digit || glued || !extraction.is_free(start, end) {
            continue;
        }
        let key = normalize_un_symbol(matched);
        let trimmed_end = start + matched.trim_end_matches([' ', '\n']).len();
        let index = extraction.push(start, trimmed_end, format!("un:{key}"), true);
        add_upr_recommendations_pinned_on_report(extraction, index, &key);
        find_elliptical_continuations(extraction, trimmed_end, &key);
    }
}

/// `recommendations … contained in A/HRC/21/3, paras. 129.62 and 129.65` (Arabic
/// documents write `129-62`): the pinpoints of a UPR Working Group report cited after a
/// recommendation cue are recommendation numbers.
fn add_upr_recommendations_pinned_on_report(
    extraction: &mut Extraction<'_>,
    index: usize,
    key: &str,
) {
    let cue = regex!(r"(?i)recommendations?|recommandations?|recomendaci|التوصي|建议|рекомендаци");
    let recommendation_number = regex!(r"^para:(\d{2,3})[.-](\d{1,3})$");
    if upr_report_of(key).as_deref() != Some(key) {
        return;
    }
    let found = extraction.found[index].clone();
    let (_, before) = window(extraction.text, found.start, found.start, 150, 0);
    if found.pins.is_empty() || !cue.is_match(before) {
        return;
    }
    for pin in &found.pins {
        if let Some(captures) = recommendation_number.captures(pin) {
            extraction.found.push(Found {
                start: found.start,
                end: found.end,
                core_end: found.core_end,
                key: format!("upr:{key}:{}.{}", &captures[1], &captures[2]),
                pins: Vec::new(),
                attrs: Vec::new(),
            });
        }
    }
}

/// `CAT/C/SR.1294 et 1297`, `CRC/C/SR. 1988 and 1990`, `A/HRC/WG.6/13/BRA/3 and Corr.1`,
/// `A/HRC/22/53/Add.1 and Add.2` (a modifier of the same label replaces the last one:
/// `…/ADD.2`, not `…/ADD.1/ADD.2`).
fn find_elliptical_continuations(extraction: &mut Extraction<'_>, mut position: usize, key: &str) {
    let number = regex!(r"^\s?(?:and|et|y|и|和|及|و|,)\s?(\d{1,5})");
    let modifier =
        regex!(r"^\s?(?:and|et|y|и|和|及|,)\s?(Corr|Add|Rev|Amend)\.\s?(\d{1,3})(?-u:\b)");
    // `E/CN.4/1996/35/Add.2 and Add.1 to the present report`: the addendum belongs to
    // the citing report, not to the symbol before it.
    let of_the_citing_report = regex!(
        r"^\s?(?:to|of)\s(?:the\spresent|this)\s(?:report|document)|^\s?(?:au|du)\sprésent\s(?:rapport|document)|^\s?(?:al|del)\spresente\s(?:informe|documento)"
    );
    let last_number = regex!(r"(\d+)$");
    let text = extraction.text;
    // Skip the pins that were attached to the symbol.
    if let Some(last) = extraction.found.last() {
        position = position.max(last.end);
    }
    for _ in 0..8 {
        let rest = &text[position..];
        if let Some(captures) = modifier.captures(rest) {
            let whole = captures.get(0).expect("match");
            let token_start = position + captures.get(1).expect("label").start();
            let end = position + whole.end();
            if !extraction.is_free(token_start, end) {
                return;
            }
            if of_the_citing_report.is_match(&text[end..]) {
                return;
            }
            let label = captures[1].to_uppercase();
            let derived = format!(
                "un:{}/{label}.{}",
                without_trailing_modifier(key, &label),
                &captures[2]
            );
            extraction.push(token_start, end, derived, true);
            position = extraction.found.last().map_or(end, |last| last.end);
            continue;
        }
        if let Some(captures) = number.captures(rest) {
            let digits = captures.get(1).expect("number");
            let end = position + digits.end();
            let Some(last) = last_number.captures(key) else {
                return;
            };
            let old_digits = last.get(1).expect("digits");
            if old_digits.as_str().len() != digits.as_str().len()
                || continues_as_number(text, end)
                || char_after(text, end).is_some_and(char::is_alphanumeric)
                || !extraction.is_free(position + digits.start(), end)
            {
                return;
            }
            let derived = format!("un:{}{}", &key[..old_digits.start()], digits.as_str());
            extraction.push(position + digits.start(), end, derived, true);
            position = extraction.found.last().map_or(end, |last| last.end);
            continue;
        }
        return;
    }
}

/// The symbol without its last component when that component is a modifier with this
/// label (`A/HRC/22/53/ADD.1`, `ADD` → `A/HRC/22/53`); otherwise the symbol itself.
fn without_trailing_modifier<'k>(key: &'k str, label: &str) -> &'k str {
    match key.rsplit_once('/') {
        Some((base, last))
            if last
                .strip_prefix(label)
                .and_then(|rest| rest.strip_prefix('.'))
                .is_some_and(|digits| {
                    !digits.is_empty() && digits.bytes().all(|byte| byte.is_ascii_digit())
                }) =>
        {
            base
        }
        _ => key,
    }
}

// ---------------------------------------------------------------------------------
// CJEU, Inter-American Court, ECtHR reporters

fn find_cjeu_cases(extraction: &mut Extraction<'_>) {
    let cjeu = regex!(r"(?-u:\b)([CTF])\s?-\s?(\d{1,4})/(\d{2})(?-u:\b)(?:\s?(?:PPU|P)(?-u:\b))?");
    let text = extraction.text;
    let matches: Vec<(usize, usize, String)> = cjeu
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let year_end = captures.get(3)?.end();
            if continues_as_number(text, year_end) {
                return None;
            }
            let key = format!(
                "cjeu:{}-{}/{}",
                &captures[1],
                strip_leading_zeros(&captures[2]),
                &captures[3]
            );
            Some((whole.start(), whole.end(), key))
        })
        .collect();
    for (start, end, key) in matches {
        if glued_before(text, start)
            || !extraction.is_free(start, end)
            || cited_as_colombian_judgment(text, start, end)
        {
            continue;
        }
        extraction.push(start, end, key, true);
    }
}

/// The Colombian Constitutional Court numbers its judgments `C-560/97`, `T-211/95`,
/// `SU-337/99`: the CJEU shape. The nearest court cue decides; with none, the SPEC
/// reading (CJEU) stands. Seen in special-procedures/SR_Education_A_HRC_23_35.json.
/// (`Sentencia` is no cue: the CJEU's Spanish judgments are `sentencias` too.)
fn cited_as_colombian_judgment(text: &str, start: usize, end: usize) -> bool {
    let cues = regex!(
        r"(?i)(?P<colombia>Colombi|Columbi|Corte Constitucional|Constitutional Court|inconstitucional|unconstitutional)|(?P<eu>Court of Justice|Cour de justice|Tribunal de Justicia|Tribunal Geral|General Court|Tribunal de l.Union|CJEU|CJUE|TJUE|ECJ|European Communit|European Union|Union européenne|Unión Europea|ECR|EU:[CTF]|ECLI)"
    );
    nearest_cue(cues, text, start, end, 250, 120)
        .is_some_and(|(captures, _)| captures.name("colombia").is_some())
}

fn push_simple_matches(
    extraction: &mut Extraction<'_>,
    pattern: &regex::Regex,
    make_key: impl Fn(&regex::Captures<'_>, &str, usize) -> Option<String>,
) {
    let text = extraction.text;
    let matches: Vec<(usize, usize, String)> = pattern
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let key = make_key(&captures, text, whole.start())?;
            Some((whole.start(), whole.end(), key))
        })
        .collect();
    for (start, end, key) in matches {
        if glued_before(text, start)
            || continues_as_number(text, end)
            || !extraction.is_free(start, end)
        {
            continue;
        }
        extraction.push(start, end, key, true);
    }
}

fn find_iacthr_series_c(extraction: &mut Extraction<'_>) {
    let series_c = regex!(
        r"(?:Seri(?:e|es)|Série|SERIE|SERIES)\s?C\.?\s?(?:Nos?\.?|N°\.?|N\.|n\s?[o°]\.?)\s?(\d{1,3})(?-u:\b)|\([Ss]er\.\s?C\)\s?(?:No\.?|N°)\s?(\d{1,3})(?-u:\b)"
    );
    let first_new = extraction.found.len();
    push_simple_matches(extraction, series_c, |captures, _, _| {
        let number = captures.get(1).or(captures.get(2))?.as_str();
        Some(format!("iacthr:C:{}", strip_leading_zeros(number)))
    });
    // `Series C Nos. 4, 5 and 6`: the list inherits the series.
    let continuation =
        regex!(r"^(?:,\s?|\s(?:and|y|e|et)\s)(?:Nos?\.?\s?|N°\.?\s?)?(\d{1,3})(?-u:\b)");
    let list_goes_on = regex!(r"^(?:$|[,;.)\]]|\s(?:and|y|e|et)\s|\s?\n)");
    let heads: Vec<usize> = (first_new..extraction.found.len())
        .map(|index| extraction.found[index].end)
        .collect();
    let text = extraction.text;
    for mut position in heads {
        for _ in 0..20 {
            let Some(captures) = continuation.captures(&text[position..]) else {
                break;
            };
            let item = captures.get(1).expect("number");
            let (item_start, item_end) = (position + item.start(), position + item.end());
            if continues_as_number(text, item_end)
                || !list_goes_on.is_match(&text[item_end..])
                || !extraction.is_free(item_start, item_end)
            {
                break;
            }
            let key = format!("iacthr:C:{}", strip_leading_zeros(item.as_str()));
            let index = extraction.push(item_start, item_end, key, true);
            position = extraction.found[index].end;
        }
    }
}

fn find_advisory_opinions(extraction: &mut Extraction<'_>) {
    let opinion = regex!(
        r"(?-u:\b)O[Cc]\s?-\s?(\d{1,2})(?:/(\d{2,4}))?(?-u:\b)|(?:[Aa]dvisory [Oo]pinion|Opini[óo]n [Cc]onsultiva|Opinião [Cc]onsultiva|Parecer [Cc]onsultivo|[Aa]vis consultatif)\s(?:No\.\s?|N°\s?)?(\d{1,2})/(\d{2,4})(?-u:\b)"
    );
    push_simple_matches(extraction, opinion, |captures, _, _| {
        let number = captures.get(1).or(captures.get(3))?.as_str();
        Some(format!("iacthr:OC-{}", strip_leading_zeros(number)))
    });
    // `its Advisory Opinion No. 18, which…` (iacthr/pdfs/98577.pdf): the number alone,
    // as `Serie A No. 18` alone, is the Court's advisory opinion only in an
    // Inter-American document or next to an Inter-American cue (other courts' advisory
    // opinions are not numbered this way, but a stray one must not become `OC-`).
    let numbered = regex!(
        r"(?:[Aa]dvisory [Oo]pinion|Opini[óo]n [Cc]onsultiva|Opinião [Cc]onsultiva|Parecer [Cc]onsultivo|[Aa]vis consultatif)\s(?:No\.\s?|N[°º]\.?\s?|n[°º]\.?\s?)(\d{1,2})(?-u:\b)"
    );
    let inter_american_document = extraction
        .context
        .mechanism
        .is_some_and(|mechanism| mechanism.system() == hrlex_model::System::InterAmerican);
    push_simple_matches(extraction, numbered, |captures, text, start| {
        let end = captures.get(0)?.end();
        let (_, before) = window(text, start, start, 300, 0);
        let (_, after) = window(text, end, end, 0, 200);
        let cued = inter_american_cue().is_match(before) || inter_american_cue().is_match(after);
        (inter_american_document || cued)
            .then(|| format!("iacthr:OC-{}", strip_leading_zeros(&captures[1])))
    });
}

fn inter_american_cue() -> &'static regex::Regex {
    regex!(
        r"Advisory Opinion|Opini[óo]n [Cc]onsultiva|Opinião Consultiva|(?-u:\b)OC-\d|Inter-Am|Interam|I/A Court|Corte I\.?\s?D\.?\s?H|CIDH|IACHR|IACtHR|Corte Interamericana|Inter-American|Serie C"
    )
}

fn find_series_a(extraction: &mut Extraction<'_>) {
    let series_a = regex!(
        r"(Seri(?:e|es)|Série|série|SERIES|SERIE|Ser\.)\s?A,?\s?(?:Nos?\.?|n\s?[o°]s?\.?|N°\.?)\s?(\d{1,3}(?:-[A-C])?)(?-u:\b)|(\d{1,3})\s?Eur\.\s?Ct\.\s?H\.\s?R\.\s?\(ser\.\s?A\)"
    );
    let text = extraction.text;
    let matches: Vec<(usize, usize, String)> = series_a
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let number = captures.get(2).or(captures.get(3))?.as_str();
            let spanish_spelling = captures
                .get(1)
                .is_some_and(|label| label.as_str() == "Serie" || label.as_str() == "SERIE");
            let (_, nearby) = window(text, whole.start(), whole.end(), 250, 0);
            let key = if spanish_spelling || inter_american_cue().is_match(nearby) {
                let plain = number.split('-').next().unwrap_or(number);
                format!("iacthr:OC-{}", strip_leading_zeros(plain))
            } else {
                format!("ecthr:seriesA:{}", strip_leading_zeros(number))
            };
            Some((whole.start(), whole.end(), key))
        })
        .collect();
    for (start, end, key) in matches {
        if glued_before(text, start) || !extraction.is_free(start, end) {
            continue;
        }
        extraction.push(start, end, key, true);
    }
}

/// ECtHR reporter citations that are keys on their own when no application number
/// accompanies them (SPEC rule 0.2): Reports, D.R., EHRR, BAILII.
fn find_ecthr_reporters(extraction: &mut Extraction<'_>) {
    let reports = regex!(
        r"(?:Reports(?: of Judgments and Decisions)?|Recueil(?: des arrêts et décisions)?)(?:\s(?:for|de))?\s(199[5-9])\s?-\s?([IVX]{1,4})(?-u:\b)(?:,?\s?(?:pp?\.\s?|§§?\s?)?(\d{1,4})(?:\s?-\s?\d{1,4})?)?|(?-u:\b)(199[5-9])\s?-\s?([IVX]{1,4})\s?Eur\.\s?Ct\.\s?H\.\s?R\.\s?(\d{1,4})"
    );
    push_simple_matches(extraction, reports, |captures, _, _| {
        let year = captures.get(1).or(captures.get(4))?.as_str();
        let volume = captures.get(2).or(captures.get(5))?.as_str();
        Some(match captures.get(3).or(captures.get(6)) {
            Some(page) => format!("ecthr:reports:{year}-{volume}/{}", page.as_str()),
            None => format!("ecthr:reports:{year}-{volume}"),
        })
    });
    // `D.R. 61 p. 250`; not `[1950] D.R. 429` (Canada's Dominion Reports).
    let decisions_and_reports = regex!(
        r"(?:(?-u:\b)D\.\s?R\.|Decisions and Reports \(DR\))\s?(\d{1,3})(?-u:\b)(?:,\s?|\s)(?:at\s)?(?:pp?\.\s?)?(\d{1,4})(?-u:\b)"
    );
    push_simple_matches(
        extraction,
        decisions_and_reports,
        |captures, text, start| {
            let after_bracketed_year = text[..start].trim_end().ends_with(']');
            (!after_bracketed_year).then(|| format!("ecthr:dr:{}/{}", &captures[1], &captures[2]))
        },
    );
    let ehrr = regex!(
        r"(?:\((?:19|20)\d{2}\)\s?)?(?-u:\b)(\d{1,3})\s?E\.?\s?H\.?\s?R\.?\s?R\.?\s(\d{1,4})(?-u:\b)"
    );
    push_simple_matches(extraction, ehrr, |captures, _, _| {
        Some(format!("ehrr:{}/{}", &captures[1], &captures[2]))
    });
    let bailii = regex!(r"\[(\d{4})\]\s?ECHR\s(\d{1,5})(?-u:\b)");
    push_simple_matches(extraction, bailii, |captures, _, _| {
        Some(format!("ecthr:bailii:{}/{}", &captures[1], &captures[2]))
    });
}

// ---------------------------------------------------------------------------------
// Communications (UN treaty bodies, African Commission), African Court applications

const NUMBER_SIGN: &str =
    r"(?:[Nn]umbers?|[Nn]úmeros?|Nos?\.?|nos?\.?|n\s?[°o]s?\.?|N°s?\.?|núm\.?|NN?|رقم)";

fn treaty_body_cues() -> &'static regex::Regex {
    regex!(
        r"(?x)
        (?P<CCPR>Human\sRights\sCommittee|Comité\sdes\sdroits\sde\sl.homme|Comité\sde\sDerechos\sHumanos|Comitê\sde\sDireitos\sHumanos|Комитет\w*\sпо\sправам\sчеловека|اللجنة\sالمعنية\sبحقوق\sالإنسان|人权事务委员会|(?-u:\b)CCPR(?-u:\b))
        |(?P<CAT>Committee\sagainst\sTorture|Comité\scontre\sla\storture|Comité\scontra\sla\sTortura|Comitê\scontra\sa\sTortura|Комитет\w*\sпротив\sпыток|لجنة\sمناهضة\sالتعذيب|禁止酷刑委员会|(?-u:\b)CAT(?-u:\b))
        |(?P<CEDAW>Committee\son\sthe\sElimination\sof\sDiscrimination\sagainst\sWomen|Comité\spour\sl.élimination\sde\sla\sdiscrimination\sà\sl.égard\sdes\sfemmes|Comité\spara\sla\sEliminación\sde\sla\sDiscriminación\scontra\sla\sMujer|Comitê\spara\sa\sEliminação\sda\sDiscriminação\scontra\sa\sMulher|消除对妇女歧视委员会|(?-u:\b)CEDAW(?-u:\b))
        |(?P<CERD>Committee\son\sthe\sElimination\sof\sRacial\sDiscrimination|Comité\spour\sl.élimination\sde\sla\sdiscrimination\sraciale|Comité\spara\sla\sEliminación\sde\sla\sDiscriminación\sRacial|Comitê\spara\sa\sEliminação\sda\sDiscriminação\sRacial|消除种族歧视委员会|(?-u:\b)CERD(?-u:\b))
        |(?P<CESCR>Committee\son\sEconomic,\sSocial\sand\sCultural\sRights|Comité\sdes\sdroits\séconomiques,\ssociaux\set\sculturels|Comité\sde\sDerechos\sEconómicos,\sSociales\sy\sCulturales|Comitê\sde\sDireitos\sEconômicos,\sSociais\se\sCulturais|经济、社会及文化权利委员会|Комитет\w*\sпо\sэкономическим|(?-u:\b)CESCR(?-u:\b)|E/C\.12)
        |(?P<CRPD>Committee\son\sthe\sRights\sof\sPersons\swith\sDisabilities|Comité\sdes\sdroits\sdes\spersonnes\shandicapées|Comité\ssobre\slos\sDerechos\sde\slas\sPersonas\scon\sDiscapacidad|Comitê\ssobre\sos\sDireitos\sdas\sPessoas\scom\sDeficiência|残疾人权利委员会|(?-u:\b)CRPD(?-u:\b))
        |(?P<CRC>Committee\son\sthe\sRights\sof\sthe\sChild|Comité\sdes\sdroits\sde\sl.enfant|Comité\sde\slos\sDerechos\sdel\sNiño|Comitê\s(?:dos|sobre\sos)\sDireitos\sda\sCriança|儿童权利委员会|Комитет\w*\sпо\sправам\sребенка|(?-u:\b)CRC(?-u:\b))
        |(?P<CED>Committee\son\sEnforced\sDisappearances|Comité\sdes\sdisparitions\sforcées|强迫失踪问题委员会|(?-u:\b)CED(?-u:\b))
        |(?P<CMW>Committee\son\sMigrant\sWorkers|Committee\son\sthe\sProtection\sof\sthe\sRights\sof\sAll\sMigrant\sWorkers|移徙工人委员会|(?-u:\b)CMW(?-u:\b))
        "
    )
}

const TREATY_BODIES: [&str; 9] = [
    "CCPR", "CAT", "CEDAW", "CERD", "CESCR", "CRPD", "CRC", "CED", "CMW",
];

/// The treaty body named within the window (nearest first), if any.
fn treaty_body_near(
    text: &str,
    start: usize,
    end: usize,
    before: usize,
    after: usize,
) -> Option<&'static str> {
    let (captures, _) = nearest_cue(treaty_body_cues(), text, start, end, before, after)?;
    TREATY_BODIES
        .into_iter()
        .find(|body| captures.name(body).is_some())
}

/// A communication's year as four digits: `77` → `1977`, `05` → `2005` (SPEC §2.8: 50
/// and above are 19yy).
fn four_digit_year(year: &str) -> String {
    match year.parse::<u32>() {
        Ok(two) if year.len() == 2 && two >= 50 => format!("19{year}"),
        Ok(_) if year.len() == 2 => format!("20{year}"),
        _ => year.to_string(),
    }
}

fn african_commission_near(text: &str, start: usize, end: usize) -> bool {
    let cue = regex!(
        r"African Commission|Commission africaine|Comisión Africana|Comissão Africana|ACHPR|ACmHPR|CADHP|African Charter|Charte africaine|اللجنة الأفريقية"
    );
    let (_, nearby) = window(text, start, end, 200, 120);
    cue.is_match(nearby)
}

fn find_afchpr_applications(extraction: &mut Extraction<'_>) {
    let application = regex!(
        r"(Application|APPLICATION|App\.|Requête|REQUÊTE|Requete|Petição|Demanda)\s?(?:No\.?\s?|n\s?[°o]\.?\s?|N°\.?\s?)?(\d{1,3})\s?(?:/|\sof\s)\s?(\d{4})(?-u:\b)"
    );
    let neutral = regex!(r"^\)?\s?\[(\d{4})\]\s?AfCHPR\s(\d{1,4})");
    let text = extraction.text;
    let matches: Vec<(usize, usize, String)> = application
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let label = &captures[1];
            let number = &captures[2];
            let zero_padded = number.len() == 3 && number.starts_with('0');
            let english_label = label.eq_ignore_ascii_case("application");
            if !zero_padded && !english_label {
                return None;
            }
            let padded = format!("{:03}", number.parse::<u32>().ok()?);
            Some((
                captures.get(2)?.start().min(whole.start()),
                whole.end(),
                format!("afchpr:app:{padded}/{}", &captures[3]),
            ))
        })
        .collect();
    for (start, end, key) in matches {
        if continues_as_number(text, end) || !extraction.is_free(start, end) {
            continue;
        }
        let index = extraction.push(start, end, key, true);
        let after = extraction.found[index].end;
        if let Some(captures) = neutral.captures(&text[after..]) {
            let reporter = format!("[{}] AfCHPR {}", &captures[1], &captures[2]);
            extraction.found[index]
                .attrs
                .push(("reporter".to_string(), reporter));
            let reporter_end = after + captures.get(0).expect("match").end();
            extraction.claim(after, reporter_end);
        }
    }
}

fn find_zh_communications(extraction: &mut Extraction<'_>) {
    let chinese = regex!(
        r"第\s?(\d{1,4}\s?/\s?\d{4}(?:\s?(?:和|及|、|,|，)\s?\d{1,4}\s?/\s?\d{4})*)\s?号来文"
    );
    let item = regex!(r"(\d{1,4})\s?/\s?(\d{4})");
    let text = extraction.text;
    type ListItem = (usize, usize, String, String);
    let matches: Vec<(usize, usize, Vec<ListItem>)> = chinese
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let list = captures.get(1)?;
            let items = item
                .captures_iter(list.as_str())
                .filter_map(|item_captures| {
                    let item_match = item_captures.get(0)?;
                    Some((
                        list.start() + item_match.start(),
                        list.start() + item_match.end(),
                        strip_leading_zeros(&item_captures[1]).to_string(),
                        item_captures[2].to_string(),
                    ))
                })
                .collect();
            Some((whole.start(), whole.end(), items))
        })
        .collect();
    for (start, end, items) in matches {
        if !extraction.is_free(start, end) {
            continue;
        }
        let body = treaty_body_near(text, start, end, 150, 60)
            .or_else(|| extraction.context.treaty_body())
            .unwrap_or("?");
        let count = items.len();
        for (position, (item_start, item_end, number, year)) in items.into_iter().enumerate() {
            // The first item's span starts at 第, the last one ends at 号来文 (+ pins).
            let span_start = if position == 0 { start } else { item_start };
            let span_end = if position + 1 == count { end } else { item_end };
            extraction.push(
                span_start,
                span_end,
                format!("comm:{body}:{number}/{year}"),
                position + 1 == count,
            );
        }
    }
}

fn find_communications(extraction: &mut Extraction<'_>) {
    let head = regex!(&format!(
        r"(?P<label>[Cc]ommunications?|COMMUNICATIONS?|[Cc]omm\.|[Cc]omunicaci(?:ón|ones)|[Cc]omunicaç(?:ão|ões)|[Rr]equêtes?|[Сс]ообщени\w*|البلاغ(?:ين|ان|ات)?|الشكوى)\s?(?:{NUMBER_SIGN}\s?)?\(?\s?(?P<r>R\.\s?)?(?P<n>\d{{1,4}})\s?/\s?(?P<y>\d{{4}}|\d{{2}})(?-u:\b)"
    ));
    let continuation = regex!(&format!(
        r"^(?:\s?,\s?|\s?(?:and|et|y|e|и|و|،)\s?|,\s(?:and|et|y)\s)(?:{NUMBER_SIGN}\s?)?(R\.\s?)?(\d{{1,4}})\s?/\s?(\d{{4}}|\d{{2}})(?-u:\b)|^;\s?(\d{{1,4}})/(\d{{4}})(?-u:\b)"
    ));
    let text = extraction.text;
    // Portuguese `Com. nº 1153/2003` (iacthr/pdfs/98334.pdf): a pattern of its own, since
    // a `Com.` branch in `head` would make its prefilter stop at every `com`.
    let abbreviated =
        regex!(r"(?P<label>[Cc]om\.\s?n[o°]\.?)\s?(?P<n>\d{1,4})\s?/\s?(?P<y>\d{4})(?-u:\b)");
    let mut heads: Vec<(usize, usize, String, bool, String, String)> = head
        .captures_iter(text)
        .chain(abbreviated.captures_iter(text))
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let number_start = captures.name("r").or(captures.name("n"))?.start();
            Some((
                whole.start(),
                whole.end(),
                captures["label"].to_string(),
                captures.name("r").is_some(),
                captures["n"].to_string(),
                captures["y"].to_string(),
            ))
            .filter(|_| number_start > whole.start())
        })
        .collect();
    heads.sort_by_key(|head| head.0);
    for (start, end, label, early_form, number, year) in heads {
        if glued_before(text, start) && !text[..start].ends_with('.') {
            // `A.Communication` (glued tokens) is still a communication; other glue is not.
            if char_before(text, start).is_some_and(|character| character.is_ascii_alphanumeric()) {
                continue;
            }
        }
        if continues_as_number(text, end) || !extraction.is_free(start, end) {
            continue;
        }
        let is_requete = label.to_lowercase().starts_with("requête");
        if is_requete && year.len() == 2 {
            continue; // ECtHR application in French.
        }
        // SPEC §2.8: African when the African Commission is named nearby or the citing
        // document is African; otherwise a UN committee's (named nearby, or the citing
        // document's), two-digit years expanded; `?` when nothing tells.
        let african = african_commission_near(text, start, end) || extraction.context.is_african();
        let body = treaty_body_near(text, start, end, 160, 80)
            .or_else(|| extraction.context.treaty_body());
        let key_for = |early: bool, number: &str, year: &str| -> String {
            let number = strip_leading_zeros(number);
            if early {
                format!("comm:CCPR:R.{number}/{year}")
            } else if african {
                format!("achpr:comm:{number}/{}", &year[year.len() - 2..])
            } else {
                format!(
                    "comm:{}:{number}/{}",
                    body.unwrap_or("?"),
                    four_digit_year(year)
                )
            }
        };
        let key = key_for(early_form, &number, &year);
        let index = extraction.push(start, end, key, true);
        let mut position = extraction.found[index].end;
        for _ in 0..20 {
            let Some(captures) = continuation.captures(&text[position..]) else {
                break;
            };
            // Groups 4 and 5: `; 15/1994` (CAT lists with a pinpoint per item,
            // SR_Torture_A_HRC_13_39.json), only with a 4-digit year.
            let number = captures.get(2).or(captures.get(4)).expect("number");
            let year = captures.get(3).or(captures.get(5)).expect("year");
            let item_start = position + captures.get(1).unwrap_or(number).start();
            let item_end = position + captures.get(0).expect("match").end();
            if continues_as_number(text, item_end) || !extraction.is_free(item_start, item_end) {
                break;
            }
            let key = key_for(captures.get(1).is_some(), number.as_str(), year.as_str());
            let index = extraction.push(item_start, item_end, key, true);
            position = extraction.found[index].end;
        }
    }
}

/// Bare `No. 4/1977 William Torres Ramirez v. Uruguay`: a UN communication number
/// (4-digit year) inside a case-law citation.
fn find_bare_case_law_communications(extraction: &mut Extraction<'_>) {
    // `No••` is the 1983 OCR of `Nos.` (jur_CCPR_1982-1983.json, ccpr-c-31-d-161-1983).
    let bare = regex!(r"(?-u:\b)(?:No\.|Nos\.|No••?|N°|Nº)\s?(\d{1,4})/((?:19|20)\d{2})(?-u:\b)");
    let versus = regex!(r"\sv\.?\s|\sc\.\s|\sVs?\.\s");
    let continuation = regex!(
        r"^(?:\s?,\s?|\s(?:and|et|y)\s|,\s(?:and|et|y)\s)(\d{1,4})/((?:19|20)\d{2})(?-u:\b)"
    );
    let text = extraction.text;
    let candidates: Vec<(usize, usize, String, String)> = bare
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            Some((
                whole.start(),
                whole.end(),
                captures[1].to_string(),
                captures[2].to_string(),
            ))
        })
        .collect();
    for (start, end, number, year) in candidates {
        if continues_as_number(text, end)
            || !extraction.is_free(start, end)
            || blocked_by_non_case_label(text, start)
        {
            continue;
        }
        let (_, around) = window(text, start, end, 100, 80);
        let named_body = treaty_body_near(text, start, end, 200, 100);
        let own_cases = own_cases_cited(text, start, named_body.is_some(), extraction.context);
        if !versus.is_match(around) && !own_cases {
            continue;
        }
        let body = named_body
            .or_else(|| extraction.context.treaty_body())
            .unwrap_or("?");
        let index = extraction.push(
            start,
            end,
            format!("comm:{body}:{}/{year}", strip_leading_zeros(&number)),
            true,
        );
        let mut position = extraction.found[index].end;
        for _ in 0..20 {
            let Some(captures) = continuation.captures(&text[position..]) else {
                break;
            };
            let item = captures.get(1).expect("number");
            let item_start = position + item.start();
            let item_end = position + captures.get(0).expect("match").end();
            if continues_as_number(text, item_end) || !extraction.is_free(item_start, item_end) {
                break;
            }
            let key = format!(
                "comm:{body}:{}/{}",
                strip_leading_zeros(item.as_str()),
                &captures[2]
            );
            let index = extraction.push(item_start, item_end, key, true);
            position = extraction.found[index].end;
        }
    }
}

/// `the Committee stresses, as it has done in a number of other cases (e.g. Nos.
/// 30/1978, 84/1981), that…` (jur_CCPR_1982-1983.json, ccpr-c-24-d-148-1983): a bare
/// `No. n/yyyy` is a communication of a treaty body (SPEC 2.2, bare form; 2.5, a 4-digit
/// year is a UN communication) when a committee is the citing document or is named
/// nearby, and the same sentence, shortly before, speaks of the Committee, its Views or
/// its cases; never after a domestic court's or a law's label (`criminal case No.
/// 43/2011`, `Judgment No. 31/2019`, `Decree No. 52/2016`).
fn own_cases_cited(text: &str, start: usize, body_named: bool, context: &CitingContext) -> bool {
    let committee_cue = regex!(r"(?i)committee|comité|(?-u:\b)views(?-u:\b)|(?-u:\b)cases(?-u:\b)");
    let domestic_label = regex!(
        r"(?i)(?:criminal|civil|administrative|court|tribunal|judge?ment|ruling|proceedings?|file|complaint|arrêt|sentencia|expediente|(?-u:\b)case(?-u:\b))\W{0,3}(?:\w+\W{1,3}){0,2}$"
    );
    // `Royal Decree-Laws No. 11/2020, No. 37/2020, …` (jur_CESCR), `decision No. 029/1992
    // … of the Human Rights Division` (jur_CCPR_1994-1995.json): a domestic instrument
    // named earlier in the sentence, or a `decision No.` label, rules the numbers out.
    let domestic_instrument = regex!(
        r"(?-u:\b)(?:Laws?|Decrees?|Decree-Laws?|Acts?|Code|Regulations?|Ordinance|Gazette|Division|Court|Tribunal|Ministry)(?-u:\b)"
    );
    let decision_label = regex!(r"(?i)(?-u:\b)decisions?\W{0,3}$");
    if !body_named && context.treaty_body().is_none() {
        return false;
    }
    let sentence_end = regex!(r"[.!?]\s+(\p{Lu})");
    let (_, before) = window(text, start, start, 120, 0);
    // `e.g. Nos.`: a sentence ends at a full stop followed by a capital only.
    let sentence = sentence_end
        .captures_iter(before)
        .last()
        .and_then(|captures| captures.get(1))
        .map_or(before, |capital| &before[capital.start()..]);
    committee_cue.is_match(sentence)
        && !domestic_label.is_match(sentence)
        && !domestic_instrument.is_match(sentence)
        && !decision_label.is_match(sentence)
}

/// Labels after which a slash number is a domestic act, a report or a press release,
/// never a case (SPEC §2.5, §5).
fn blocked_by_non_case_label(text: &str, start: usize) -> bool {
    let blocker = regex!(
        r"(?i)(?-u:\b)(?:report|informe|press release|communiqué|gazette|journal|boletín|bulletin|law|ley|loi|lei|decree|décret|decreto|act|ordinance|order|ordonnance|dahir|regulation|règlement|directive|закон|указ|постановлени\w*|قانون|مرسوم|protocol|convention)\W{0,3}(?:\w+\W{1,3}){0,3}$"
    );
    let (_, before) = window(text, start, start, 60, 0);
    blocker.is_match(before)
}

// ---------------------------------------------------------------------------------
// Inter-American Commission

fn find_iachr_reports(extraction: &mut Extraction<'_>) {
    let head = regex!(&format!(
        r"(?:[Rr]eports?|REPORTS?|[Ii]nformes?|INFORMES?|[Rr]elatórios?|RELATÓRIOS?|[Rr]apports?|RAPPORTS?)(?:\s[A-Za-zÀ-ÿ]+){{0,5}}?\s{NUMBER_SIGN}\s?(\d{{1,3}})\s?(?:/\s?(\d{{2}})(?-u:\b)|\(((?:19|20)\d{{2}})\))"
    ));
    let continuation = regex!(&format!(
        r"^(?:,\s?|\s(?:and|y|e|et)\s)(?:{NUMBER_SIGN}\s?)?(\d{{1,3}})/(\d{{2}})(?-u:\b)"
    ));
    let text = extraction.text;
    let heads: Vec<(usize, usize, String)> = head
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let year = match captures.get(2) {
                Some(short) => short.as_str().to_string(),
                None => captures.get(3)?.as_str()[2..].to_string(),
            };
            Some((
                whole.start(),
                whole.end(),
                format!("iachr:report:{}/{year}", strip_leading_zeros(&captures[1])),
            ))
        })
        .collect();
    for (start, end, key) in heads {
        if continues_as_number(text, end)
            || !extraction.is_free(start, end)
            || glued_before(text, start)
        {
            continue;
        }
        let index = extraction.push(start, end, key, true);
        let mut position = extraction.found[index].end;
        for _ in 0..20 {
            let Some(captures) = continuation.captures(&text[position..]) else {
                break;
            };
            let item_start = position + captures.get(1).expect("number").start();
            let item_end = position + captures.get(0).expect("match").end();
            if continues_as_number(text, item_end) || !extraction.is_free(item_start, item_end) {
                break;
            }
            let key = format!(
                "iachr:report:{}/{}",
                strip_leading_zeros(&captures[1]),
                &captures[2]
            );
            let index = extraction.push(item_start, item_end, key, true);
            position = extraction.found[index].end;
        }
    }
}

fn find_iachr_cases(extraction: &mut Extraction<'_>) {
    let head = regex!(
        r"(?P<label>(?-u:\b)[Cc]ases?|CASES?|(?-u:\b)[Cc]asos?|CASOS?|(?-u:\b)[Pp]etition|(?-u:\b)[Pp]etici[óo]n|(?-u:\b)[Pp]etição|(?-u:\b)[Dd]enuncias?)\s?\(?\s?(?:No\.?\s?|N°\.?\s?|n[o°]\.?\s?)?(?P<n>\d{1,2}[.,]\d{3}|\d{4,5})\s?\)?"
    );
    let continuation = regex!(r"^(?:,\s?|\s(?:and|y|e|et)\s)(\d{1,2}\.\d{3}|\d{4,5})(?-u:\b)");
    let commission_cue = regex!(
        r"CIDH|IACHR|Comisión Interamericana|Inter-American Commission|Comissão Interamericana|Commission interaméricaine|OEA/Ser"
    );
    let text = extraction.text;
    let heads: Vec<(usize, usize, String, String)> = head
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let number = captures.name("n")?;
            let end = if whole.as_str().ends_with(')') {
                whole.end()
            } else {
                number.end()
            };
            Some((
                whole.start(),
                end,
                captures["label"].to_string(),
                number.as_str().to_string(),
            ))
        })
        .collect();
    for (start, end, label, number) in heads {
        // The end of the last digit, whatever its width (`٥` takes two bytes).
        let number_end = start
            + text[start..end]
                .char_indices()
                .rev()
                .find(|(_, character)| character.is_numeric())
                .map_or(0, |(offset, character)| offset + character.len_utf8());
        if continues_as_number(text, number_end) || !extraction.is_free(start, end) {
            continue;
        }
        let spanish_label = label.to_lowercase().starts_with("caso");
        // `Case No. 10,843` (SR_Torture_A_56_156.json): a thousands comma, keyed with
        // the dot the Commission writes, and only with a Commission cue.
        let thousands_comma = number.contains(',');
        let number = number.replace(',', ".");
        if thousands_comma || (!number.contains('.') && !spanish_label) {
            let (_, nearby) = window(text, start, end, 300, 150);

            if !commission_cue.is_match(nearby) {
                continue;
            }
        }
        let index = extraction.push(start, end, format!("iachr:case:{number}"), true);
        let mut position = extraction.found[index].end;
        for _ in 0..20 {
            let Some(captures) = continuation.captures(&text[position..]) else {
                break;
            };
            let item = captures.get(1).expect("number");
            let item_start = position + item.start();
            let item_end = position + item.end();
            if continues_as_number(text, item_end) || !extraction.is_free(item_start, item_end) {
                break;
            }
            let index = extraction.push(
                item_start,
                item_end,
                format!("iachr:case:{}", item.as_str()),
                true,
            );
            position = extraction.found[index].end;
        }
    }
    let petition = regex!(r"(?-u:\b)P\s?-\s?(\d{1,5})\s?-\s?(\d{2})(?-u:\b)");
    push_simple_matches(extraction, petition, |captures, _, _| {
        Some(format!(
            "iachr:petition:P-{}-{}",
            &captures[1], &captures[2]
        ))
    });
    // `PETIÇÃO 419/01` (iacthr/pdfs/98601.pdf): the petition number as the Commission's
    // report headings write it, keyed in SPEC's `P-n-yy` form; a petition number only in
    // an Inter-American document or next to a Commission cue.
    let petition_slash = regex!(
        r"(?:(?-u:\b)[Pp]etition|PETITION|(?-u:\b)[Pp]etici[óo]n|PETICI[ÓO]N|(?-u:\b)[Pp]etição|PETIÇÃO)\s?(?:No\.?\s?|N[°º]\.?\s?|n[o°º]\.?\s?)?(\d{1,5})\s?/\s?(\d{2})(?-u:\b)"
    );
    let inter_american_document = extraction
        .context
        .mechanism
        .is_some_and(|mechanism| mechanism.system() == hrlex_model::System::InterAmerican);
    push_simple_matches(extraction, petition_slash, |captures, text, start| {
        let (_, nearby) = window(text, start, start, 300, 200);
        (inter_american_document || commission_cue.is_match(nearby))
            .then(|| format!("iachr:petition:P-{}-{}", &captures[1], &captures[2]))
    });
    let precautionary = regex!(r"(?-u:\b)MC[\s-](\d{1,4})[-/](\d{2})(?-u:\b)");
    push_simple_matches(extraction, precautionary, |captures, _, _| {
        Some(format!(
            "iachr:MC:{}/{}",
            strip_leading_zeros(&captures[1]),
            &captures[2]
        ))
    });
}

// ---------------------------------------------------------------------------------
// European Court of Human Rights application numbers

fn find_ecthr_applications(extraction: &mut Extraction<'_>) {
    let labelled = regex!(
        r"(?P<label>[Aa]pplications?|APPLICATIONS?|[Aa]ppl?s?\.|App\s|[Rr]equêtes?|REQUÊTES?|[Dd]emandas?|[Жж]алоб\w*|EGMR|Doc\sref:)\s?\(?\s?(?:(?:Nos?\.?|nos?\.?|n\s?[°o]s?\.?|N°s?\.?|NN?)\s?)?(?P<n>\d{1,6})\s?/\s?(?P<y>\d{2})(?-u:\b)"
    );
    let bare = regex!(
        r"(?:(?-u:\b)[Nn]os?\.|(?-u:\b)[Nn]os?(?-u:\b)|(?-u:\b)n\s?[°o]s?\.?|N°s?\.?|(?-u:\b)NN?)\s?(?P<n>\d{1,6})/(?P<y>\d{2})(?-u:\b)|\s-\s(?P<dn>\d{1,6})/(?P<dy>\d{2})(?-u:\b)"
    );
    let continuation = regex!(
        r"^(?:\s?,\s?|\s?(?:and|et|y|e|и)\s|,\s(?:and|et|y)\s)(?:(?:nos?\.|Nos?\.|no|N)\s?)?(\d{1,6})/(\d{2})(?-u:\b)"
    );
    let date_after_item = regex!(
        r"^,?\s(?:of|du|de|del)\s\d{1,2}(?:er|st|nd|rd|th)?\s\p{L}{3,9},?\s(?:19|20)\d{2}(?-u:\b)"
    );
    let versus = regex!(
        r"\sv\.?\s|\sc\.\s|\sVs?\.\s|\sпротив\s|\scontre\s|\scontra\s|\sgegen\s|\[GC\]|\(dec\.\)|ECHR|EGMR|CEDH|Court"
    );
    let text = extraction.text;
    let context_is_ecthr = matches!(
        extraction.context.mechanism,
        Some(hrlex_model::Mechanism::Ecthr | hrlex_model::Mechanism::EcommHR)
    );
    let mut candidates: Vec<(usize, usize, String, String, bool)> = labelled
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            Some((
                whole.start(),
                whole.end(),
                captures["n"].to_string(),
                captures["y"].to_string(),
                true,
            ))
        })
        .collect();
    candidates.extend(bare.captures_iter(text).filter_map(|captures| {
        let whole = captures.get(0)?;
        let number = captures.name("n").or(captures.name("dn"))?;
        let year = captures.name("y").or(captures.name("dy"))?;
        let start = if captures.name("dn").is_some() {
            number.start()
        } else {
            whole.start()
        };
        Some((
            start,
            whole.end(),
            number.as_str().to_string(),
            year.as_str().to_string(),
            false,
        ))
    }));
    candidates.sort_by_key(|candidate| candidate.0);
    for (start, end, number, year, has_label) in candidates {
        if continues_as_number(text, end) || !extraction.is_free(start, end) {
            continue;
        }
        if char_before(text, start).is_some_and(|character| character.is_ascii_alphanumeric()) {
            continue;
        }
        if !has_label {
            if blocked_by_non_case_label(text, start) {
                continue;
            }
            // The case name may come before the number (`X v. Y, no. 1/90`) or, in
            // Commission style, after it within the same citation (`Nos. 14116/88 and
            // 14117/88, Sargin and Yagci v. Turkey`).
            let (_, before) = window(text, start, end, 200, 0);
            let (_, after) = window(text, end, end, 0, 100);
            let same_citation_after = after.split(';').next().unwrap_or("");
            if !context_is_ecthr
                && !versus.is_match(before)
                && !versus.is_match(same_citation_after)
            {
                continue;
            }
        }
        let key = format!("ecthr:app:{}/{year}", strip_leading_zeros(&number));
        let index = extraction.push(start, end, key, true);
        let mut position = extraction.found[index].end;
        for _ in 0..50 {
            // `Nos. 42216/98 of 14 November 2000 and 65730/01` (CAT decision,
            // jur_CAT_2005-2009.json): the date of the first decision sits between items.
            let dated = date_after_item
                .find(&text[position..])
                .map_or(position, |date| position + date.end());
            let Some(captures) = continuation.captures(&text[dated..]) else {
                break;
            };
            let item_start = dated + captures.get(1).expect("number").start();
            let item_end = dated + captures.get(0).expect("match").end();
            if continues_as_number(text, item_end) || !extraction.is_free(item_start, item_end) {
                break;
            }
            let key = format!(
                "ecthr:app:{}/{}",
                strip_leading_zeros(&captures[1]),
                &captures[2]
            );
            let index = extraction.push(item_start, item_end, key, true);
            position = extraction.found[index].end;
        }
        attach_ecthr_reporter(extraction, index_of_last(extraction), position);
    }
}

fn index_of_last(extraction: &Extraction<'_>) -> usize {
    extraction.found.len() - 1
}

/// `…, no. 26307/95, §§ 75-77, ECHR 2003-VI` → attrs.reporter = `ECHR 2003-VI`.
fn attach_ecthr_reporter(extraction: &mut Extraction<'_>, index: usize, position: usize) {
    let reporter = regex!(
        r"^\)?,?\s?((?:ECHR|CEDH|ЕСПЧ)\s(?:19|20)\d{2}(?:\s?-\s?(?:[IVX]{1,5}|\.\.\.)|\s[IVX]{1,5}(?-u:\b))?)"
    );
    if let Some(captures) = reporter.captures(&extraction.text[position..]) {
        let value = captures[1].to_string();
        extraction.found[index]
            .attrs
            .push(("reporter".to_string(), value));
    }
}

/// True when the text between an application number and a reporter introduces another
/// case (`…, and Smith v. the United Kingdom, Series A no. 3`), not the name of the same
/// one written after its number (`Nos. 14116/88 and 14117/88, Sargin and Yagci v.
/// Turkey, Dec. 11.05.89, D.R. 61 p. 250`).
fn another_case_named(between: &str) -> bool {
    let introduced_case = regex!(
        r"(?:^|[,.])\s?(?:and|see(?:\salso)?|also|cf\.?|compare|et|y|voir)\s[^,]{0,80}?\s(?:v|vs|c)\.\s"
    );
    introduced_case.is_match(between)
}

/// A reporter citation (Series A, Reports, D.R., EHRR, BAILII) that directly follows an
/// application number in the same citation is an attribute of it, not a key (rule 0.2).
fn fold_reporters_into_applications(extraction: &mut Extraction<'_>) {
    let text = extraction.text;
    let is_reporter = |key: &str| {
        key.starts_with("ecthr:seriesA:")
            || key.starts_with("ecthr:reports:")
            || key.starts_with("ecthr:dr:")
            || key.starts_with("ehrr:")
            || key.starts_with("ecthr:bailii:")
    };
    let mut order: Vec<usize> = (0..extraction.found.len()).collect();
    order.sort_by_key(|&index| extraction.found[index].start);
    let mut removed = vec![false; extraction.found.len()];
    for pair in order.windows(2) {
        let (application, reporter) = (pair[0], pair[1]);
        let application_found = &extraction.found[application];
        let reporter_found = &extraction.found[reporter];
        if !application_found.key.starts_with("ecthr:app:") || !is_reporter(&reporter_found.key) {
            continue;
        }
        if reporter_found.start < application_found.end
            || reporter_found.start - application_found.end > 80
        {
            continue;
        }
        let between = &text[application_found.end..reporter_found.start];
        if between.contains([';', '(']) || another_case_named(between) {
            continue;
        }
        let surface = text[reporter_found.start..reporter_found.core_end].to_string();
        // `no. 14038/88, Series A no. 161, para. 111`: the pinpoint is of the judgment.
        let reporter_pins = reporter_found.pins.clone();
        let kept = &mut extraction.found[application];
        kept.attrs.push(("reporter".to_string(), surface));
        for pin in reporter_pins {
            if !kept.pins.contains(&pin) {
                kept.pins.push(pin);
            }
        }
        removed[reporter] = true;
    }
    let mut index = 0;
    extraction.found.retain(|_| {
        let keep = !removed[index];
        index += 1;
        keep
    });
}

// ---------------------------------------------------------------------------------
// Resolutions and decisions by number

#[derive(Clone, Copy, PartialEq, Eq)]
enum Instrument {
    Resolution,
    Decision,
    PresidentialStatement,
}

const RESOLUTION_ITEM: &str = r"(?:(\d{3,4})\s?\(((?:19|20)\d{2})\)|(\d{1,4})\s?(?:[A-Z]\s?)?\(([IVXL]{1,6})\)|(\d{1,4})\s?/\s?(\d{1,4})(?:\s?([A-Z])(?-u:\b))?|(\d{3,4})(?-u:\b))";

fn resolution_body_cues() -> &'static regex::Regex {
    regex!(
        r"(?x)
        (?P<none>Council\sof\sEurope|Conseil\sde\sl.Europe|Consejo\sde\sEuropa|European\sUnion|Union\seuropéenne)
        |(?P<sc>Security\sCouncil|Conseil\sde\ssécurité|Consejo\sde\sSeguridad|安全理事会|安理会|Совет\w*\sБезопасности|مجلس\sالأمن)
        |(?P<ecosoc>Economic\sand\sSocial\sCouncil|ECOSOC|Conseil\séconomique\set\ssocial|Consejo\sEconómico\sy\sSocial|经济及社会理事会|Экономическ\w+\sи\sСоциальн\w+\sСовет\w*|المجلس\sالاقتصادي\sوالاجتماعي)
        |(?P<sub>Sub-Commission|Sous-Commission|Subcomisión)
        |(?P<chr>Commission\son\sHuman\sRights|Commission\sdes\sdroits\sde\sl.homme|Comisión\sde\sDerechos\sHumanos|人权委员会|Комисси\w+\sпо\sправам\sчеловека|لجنة\sحقوق\sالإنسان)
        |(?P<hrc>Human\sRights\sCouncil|Conseil\sdes\sdroits\sde\sl.homme|Consejo\sde\sDerechos\sHumanos|Conselho\sde\sDireitos\sHumanos|人权理事会|理事会|Совет\w*\sпо\sправам\sчеловека|مجلس\sحقوق\sالإنسان|(?-u:\b)Council(?-u:\b)|(?-u:\b)Conseil(?-u:\b)|(?-u:\b)Consejo(?-u:\b)|(?-u:\b)HRC(?-u:\b))
        |(?P<ga>General\sAssembly|(?-u:\b)Assembly(?-u:\b)|Assemblée\sgénérale|Asamblea\sGeneral|Assembleia\sGeral|大会|Генеральн\w+\sАссамбле\w+|الجمعية\sالعامة)
        "
    )
}

/// The body a resolution/decision label refers to, from the nearest explicit cue.
fn resolution_body_from_cue(text: &str, start: usize, end: usize) -> Option<ResolutionBody> {
    let (captures, _) = nearest_cue(resolution_body_cues(), text, start, end, 80, 60)?;
    if captures.name("none").is_some() {
        None
    } else if captures.name("sc").is_some() {
        Some(ResolutionBody::SecurityCouncil)
    } else if captures.name("ecosoc").is_some() {
        Some(ResolutionBody::EconomicAndSocialCouncil)
    } else if captures.name("sub").is_some() {
        Some(ResolutionBody::SubCommission)
    } else if captures.name("chr").is_some() {
        Some(ResolutionBody::CommissionOnHumanRights)
    } else if captures.name("hrc").is_some() {
        Some(ResolutionBody::HumanRightsCouncil)
    } else {
        Some(ResolutionBody::GeneralAssembly)
    }
}

/// Builds the `un:` key of one resolution/decision item (SPEC §2.1 body inference).
fn resolution_key(
    captures: &regex::Captures<'_>,
    first_group: usize,
    instrument: Instrument,
    cue: Option<ResolutionBody>,
    context: &CitingContext,
) -> Option<String> {
    let group = |offset: usize| {
        captures
            .get(first_group + offset)
            .map(|found| found.as_str())
    };
    if let (Some(number), Some(_year)) = (group(0), group(1)) {
        // `1325 (2000)`: Security Council.
        if instrument != Instrument::Resolution {
            return None;
        }
        return Some(match cue {
            Some(ResolutionBody::EconomicAndSocialCouncil) => format!("un:E/RES/{number}"),
            _ => format!("un:S/RES/{}", strip_leading_zeros(number)),
        });
    }
    if let (Some(number), Some(roman)) = (group(2), group(3)) {
        roman_to_arabic(roman)?;
        let prefix = match cue {
            Some(ResolutionBody::EconomicAndSocialCouncil) => "E",
            _ => "A",
        };
        return Some(format!("un:{prefix}/RES/{number}({roman})"));
    }
    if let Some(number) = group(7) {
        // A bare `1325`: only a Security Council resolution when the Council is named.
        let is_security_council = cue == Some(ResolutionBody::SecurityCouncil);
        return (instrument == Instrument::Resolution && is_security_council)
            .then(|| format!("un:S/RES/{}", strip_leading_zeros(number)));
    }
    let (session, number) = (group(4)?, group(5)?);
    let suffix = group(6).unwrap_or("");
    let session_value: u32 = session.parse().ok()?;
    let number_value: u32 = number.parse().ok()?;
    let session_is_year = session.len() == 4 && (1946..=2030).contains(&session_value);
    if number.len() == 4 && !session_is_year {
        return None; // `Resolution No. 123/2011` of a ministry: a domestic act.
    }
    if session_value == 0 || number_value == 0 {
        return None;
    }
    let kind = match instrument {
        Instrument::Resolution => "RES",
        Instrument::Decision => "DEC",
        Instrument::PresidentialStatement => "PRST",
    };
    if session_is_year {
        let prefix = match cue {
            Some(ResolutionBody::EconomicAndSocialCouncil) => "E",
            Some(ResolutionBody::SubCommission) => "E/CN.4/SUB.2",
            Some(ResolutionBody::CommissionOnHumanRights) => "E/CN.4",
            _ if session_value <= 2006 => "E/CN.4",
            _ => "E",
        };
        return Some(format!("un:{prefix}/{kind}/{session}/{number}"));
    }
    if session.len() > 2 {
        return None;
    }
    if instrument == Instrument::Decision && number_value < 100 {
        return None; // HRC and GA decisions are numbered from 101.
    }
    let body = match cue {
        Some(ResolutionBody::GeneralAssembly) => ResolutionBody::GeneralAssembly,
        Some(ResolutionBody::HumanRightsCouncil) => ResolutionBody::HumanRightsCouncil,
        Some(_) => return None,
        None if instrument == Instrument::PresidentialStatement => {
            ResolutionBody::HumanRightsCouncil
        }
        None if session_value > 60
            || (instrument == Instrument::Resolution && number_value > 60) =>
        {
            ResolutionBody::GeneralAssembly
        }
        None => context
            .resolution_body()
            .unwrap_or(ResolutionBody::HumanRightsCouncil),
    };
    let prefix = match body {
        ResolutionBody::GeneralAssembly => "A",
        _ => "A/HRC",
    };
    Some(format!(
        "un:{prefix}/{kind}/{session_value}/{number_value}{suffix}"
    ))
}

fn find_resolutions(extraction: &mut Extraction<'_>) {
    let head = regex!(&format!(
        r"(?P<label>(?-u:\b)[Rr]esolutions?|RESOLUTIONS?|(?-u:\b)[Rr]ésolutions?|RÉSOLUTIONS?|(?-u:\b)[Rr]esoluci(?:ón|ones)|(?-u:\b)[Rr]esoluç(?:ão|ões)|(?-u:\b)[Dd]ecisions?|(?-u:\b)[Dd]écisions?|(?-u:\b)[Dd]ecisi(?:ón|ones)|(?-u:\b)[Dd]ecisão|(?-u:\b)PRST|[Рр]езолюци\w*(?:\s[А-ЯЁа-яё]+){{0,4}}?|[Рр]ешени\w*(?:\s[А-ЯЁа-яё]+){{0,3}}?|قرار\S*(?:\s\S+){{0,3}}?|مقرر\S*(?:\s\S+){{0,2}}?)\s?(?:(?:No\.?|Nos\.?|nos?|n°s?|N°s?|núm\.)\s?)?{RESOLUTION_ITEM}"
    ));
    let continuation = regex!(&format!(
        r"^(?:\s?,\s?|\s?(?:and|et|y|e|и|和|及|و|،)\s?|,\s(?:and|et|y)\s)(?:(?:No\.?|nos?|n°)\s?)?{RESOLUTION_ITEM}"
    ));
    let text = extraction.text;
    let heads: Vec<(usize, usize, usize, Instrument)> = head
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let label = captures.name("label")?.as_str();
            let lower = label.to_lowercase();
            let instrument = if label == "PRST" {
                Instrument::PresidentialStatement
            } else if lower.starts_with("dec")
                || lower.starts_with("déc")
                || lower.starts_with("реш")
                || lower.starts_with("مقرر")
            {
                Instrument::Decision
            } else {
                Instrument::Resolution
            };
            let item_start = (2..=9)
                .filter_map(|group| captures.get(group))
                .map(|found| found.start())
                .min()?;
            Some((whole.start(), item_start, whole.end(), instrument))
        })
        .collect();
    for (start, item_start, end, instrument) in heads {
        if !extraction.is_free(item_start, end) {
            continue;
        }
        let Some(captures) = head.captures(&text[start..]) else {
            continue;
        };
        let item_end = end;
        if continues_as_number(text, item_end) || drops_letter_before_slash(text, item_end) {
            continue;
        }
        let cue = resolution_body_from_cue(text, start, item_end);
        let Some(key) = resolution_key(&captures, 2, instrument, cue, extraction.context) else {
            continue;
        };
        let index = extraction.push(start, end, key, true);
        let mut position = extraction.found[index].end;
        for _ in 0..30 {
            let Some(item) = continuation.captures(&text[position..]) else {
                break;
            };
            let item_first = (1..=8)
                .filter_map(|group| item.get(group))
                .map(|found| found.start())
                .min()
                .expect("item");
            let next_start = position + item_first;
            let next_end = position + item.get(0).expect("match").end();
            if continues_as_number(text, next_end) || !extraction.is_free(next_start, next_end) {
                break;
            }
            let Some(key) = resolution_key(&item, 1, instrument, cue, extraction.context) else {
                break;
            };
            let index = extraction.push(next_start, next_end, key, true);
            position = extraction.found[index].end;
        }
    }
}

/// `resolution 5/1 A/HRC…`: the optional letter suffix was really a symbol's first letter.
fn drops_letter_before_slash(text: &str, end: usize) -> bool {
    char_after(text, end) == Some('/')
}

fn find_zh_resolutions(extraction: &mut Extraction<'_>) {
    let chinese = regex!(
        r"第\s?(\d{1,4}\s?/\s?\d{1,4}(?:\s?[A-Z])?(?:\s?(?:和|及|、|,|，)\s?\d{1,4}\s?/\s?\d{1,4}(?:\s?[A-Z])?)*|\d{3,4}\s?\((?:19|20)\d{2}\)(?:\s?(?:和|及|、|,|，)\s?第?\s?\d{3,4}\s?\((?:19|20)\d{2}\))*|\d{3,4})\s?号(决议|决定)"
    );
    let item = regex!(RESOLUTION_ITEM);
    let text = extraction.text;
    let heads: Vec<(usize, usize, usize, usize, bool)> = chinese
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let list = captures.get(1)?;
            Some((
                whole.start(),
                whole.end(),
                list.start(),
                list.end(),
                &captures[2] == "决定",
            ))
        })
        .collect();
    for (start, end, list_start, list_end, is_decision) in heads {
        if !extraction.is_free(start, end) {
            continue;
        }
        let cue = resolution_body_from_cue(text, start, end);
        let instrument = if is_decision {
            Instrument::Decision
        } else {
            Instrument::Resolution
        };
        let items: Vec<(usize, usize, String)> = item
            .captures_iter(&text[list_start..list_end])
            .filter_map(|captures| {
                let found = captures.get(0)?;
                let key = resolution_key(&captures, 1, instrument, cue, extraction.context)?;
                Some((list_start + found.start(), list_start + found.end(), key))
            })
            .collect();
        let count = items.len();
        for (position, (item_start, item_end, key)) in items.into_iter().enumerate() {
            let span_start = if position == 0 { start } else { item_start };
            let span_end = if position + 1 == count { end } else { item_end };
            extraction.push(span_start, span_end, key, position + 1 == count);
        }
    }
}

// ---------------------------------------------------------------------------------
// General comments and recommendations

fn find_general_comments(extraction: &mut Extraction<'_>) {
    let head = regex!(
        r"(?x)
        (?P<label>
          (?-u:\b)(?:[Jj]oint\s)?[Gg]eneral\s(?:[Cc]omments?|[Rr]ecommendations?)
          |GENERAL\s(?:COMMENTS?|RECOMMENDATIONS?)
          |(?-u:\b)[Oo]bservations?\sgénérales?|(?-u:\b)[Rr]ecommandations?\sgénérales?
          |(?-u:\b)[Oo]bservaci(?:ón|ones)\s[Gg]ener(?:al|ales)|(?-u:\b)[Rr]ecomendaci(?:ón|ones)\s[Gg]ener(?:al|ales)
          |(?-u:\b)[Cc]oment[áa]rios?\s[Gg]era(?:l|is)|(?-u:\b)[Rr]ecomendaç(?:ão|ões)\s[Gg]era(?:l|is)
          |(?-u:\b)[Oo]bservaç(?:ão|ões)\s[Gg]era(?:l|is)|(?-u:\b)[Cc]omentarios?\s[Gg]ener(?:al|ales)
          |[Зз]амечани\w*\sобщего\sпорядка|[Оо]бщ\w+\sрекомендаци\w*
          |(?:ال)?تعليق(?:ات|ها)?(?:\sاللجنة)?\sال?عامة?|(?:ال)?توصي(?:ة|ات|تها)(?:\sاللجنة)?\sال?عامة?
        )
        \s?(?:(?:Nos?\.?|nos?\.?|n\s?[°o]s?\.?|N°s?\.?|núm\.?|NN?|رقم)\s?)?
        (?P<n>\d{1,2}(?-u:\b)|[IVXL]{1,6}(?-u:\b))
        # `Comentario General 6/1982` (IACtHR style): number/year of adoption.
        (?:/(?:19|20)\d{2}(?-u:\b))?"
    );
    // `第29（2013）号一般性建议`: the year of adoption may sit between number and 号.
    let zh = regex!(r"第\s?(\d{1,2})\s?(?:\((?:19|20)\d{2}\)\s?)?号一般性(意见|建议)");
    let continuation = regex!(
        r"^(?:\s?,\s?|\s?(?:and|et|y|e|и|و)\s?|,\s(?:and|et|y)\s)(?:(?:No\.?|nos?\.?|n°|N°|núm\.)\s?)?(\d{1,2})(?-u:\b)"
    );
    let text = extraction.text;
    let mut heads: Vec<(usize, usize, String, bool)> = head
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            let label = captures.name("label")?.as_str().to_lowercase();
            let is_recommendation =
                label.contains("recom") || label.contains("рекоменд") || label.contains("توصي");
            Some((
                whole.start(),
                whole.end(),
                captures["n"].to_string(),
                is_recommendation,
            ))
        })
        .collect();
    let plural_heads: Vec<usize> = head
        .captures_iter(text)
        .filter(|captures| {
            let label = captures.name("label").map_or("", |label| label.as_str());
            regex!(r"(?i)(?:comments|recommendations|observations|observaciones|recomendaciones|comentarios|comentários|recomendações|observações|gerais|generales|générales)$")
                .is_match(label)
        })
        .filter_map(|captures| Some(captures.get(0)?.start()))
        .collect();
    heads.extend(zh.captures_iter(text).filter_map(|captures| {
        let whole = captures.get(0)?;
        Some((
            whole.start(),
            whole.end(),
            captures[1].to_string(),
            &captures[2] == "建议",
        ))
    }));
    let russian_number_inside =
        regex!(r"[Рр]екомендаци\w*\s(?:No\.?\s?)?(\d{1,2})\sобщего\sпорядка");
    heads.extend(
        russian_number_inside
            .captures_iter(text)
            .filter_map(|captures| {
                let whole = captures.get(0)?;
                Some((whole.start(), whole.end(), captures[1].to_string(), true))
            }),
    );
    heads.sort_by_key(|head| head.0);
    let mut previous_body: Option<&'static str> = None;
    for (start, end, number, is_recommendation) in heads {
        if continues_as_number(text, end) || !extraction.is_free(start, end) {
            continue;
        }
        let value = match number.parse::<u32>() {
            Ok(value) => value,
            Err(_) => match roman_to_arabic(&number) {
                Some(value) => value,
                None => continue,
            },
        };
        if value == 0 {
            continue;
        }
        let plural_label = plural_heads.contains(&start);
        // `general comments Nos. 14 and 22 of the Committee on …`: the committee named
        // after the list is the body of every item.
        let mut list_end = end;
        while let Some(captures) = continuation.captures(&text[list_end..]) {
            list_end += captures.get(0).expect("match").end();
        }
        let body = general_comment_body(text, start, list_end)
            .or(previous_body)
            .or_else(|| extraction.context.treaty_body())
            .or((is_recommendation && number.starts_with(['I', 'V', 'X'])).then_some("CERD"));
        previous_body = body.or(previous_body);
        let body_code = body.unwrap_or("?");
        let index = extraction.push(start, end, format!("gc:{body_code}:{value}"), true);
        let mut position = extraction.found[index].end;
        for _ in 0..20 {
            let Some(captures) = continuation.captures(&text[position..]) else {
                break;
            };
            let item = captures.get(1).expect("number");
            let item_end = position + item.end();
            if continues_as_number(text, item_end)
                || !extraction.is_free(position + item.start(), item_end)
            {
                break;
            }
            let item_value = strip_leading_zeros(item.as_str()).to_string();
            let index = extraction.push(
                position + item.start(),
                item_end,
                format!("gc:{body_code}:{item_value}"),
                true,
            );
            position = extraction.found[index].end;
        }
        if plural_label {
            continue_list_after_titles(extraction, position, body_code);
        }
    }
}

/// `general comments No. 3 on HIV/AIDS and the rights of the child (2003) and No. 4 on
/// adolescent health (2003)` (general-comments/Annotated_CRC-GC11-Indigenous.json,
/// paragraph 53): after a plural label, an item's title, year or `adopted …` clause may
/// separate it from the next `No. n` of the list (SPEC 2.3, elliptical lists). The next
/// item needs its own number sign, and the list stops at the end of the sentence.
fn continue_list_after_titles(extraction: &mut Extraction<'_>, mut position: usize, body: &str) {
    let next_item = regex!(
        r"^[^;.:\n]{1,150}?(?:,\s?(?:and\s|et\s|y\s)?|\s(?:and|et|y|e)\s)(?:No\.|Nos\.|no\.|n°|N°|núm\.)\s?(\d{1,2})(?-u:\b)"
    );
    let text = extraction.text;
    for _ in 0..20 {
        let Some(captures) = next_item.captures(&text[position..]) else {
            return;
        };
        let item = captures.get(1).expect("number");
        let (item_start, item_end) = (position + item.start(), position + item.end());
        if continues_as_number(text, item_end) || !extraction.is_free(item_start, item_end) {
            return;
        }
        let key = format!("gc:{body}:{}", strip_leading_zeros(item.as_str()));
        let index = extraction.push(item_start, item_end, key, true);
        position = extraction.found[index].end;
    }
}

/// The committee of a general comment: `… of the Human Rights Committee` right after
/// it, else the nearest committee named before (within the sentence), else after.
fn general_comment_body(text: &str, start: usize, end: usize) -> Option<&'static str> {
    let directly_after =
        regex!(r"^(?:\s?\((?:19|20)\d{2}\))?\s?(?:of|de|del)\s(?:the\s|la\s|l.|los\s)?");
    // `In paragraph 5 of general comment No. 20 (1992), the Human Rights Committee
    // stated…` (special-procedures/SR_Torture_A_60_316.json, paragraph 19): the committee
    // that is the subject of the clause right after the mention (after its year and
    // title) wrote it, whatever committee the previous sentence named.
    let subject_after = regex!(
        r"^(?:\s?\((?:19|20)\d{2}\))?(?:\s(?:on|sur|sobre)\s[^.;,()]{1,100})?,\s(?:the|le|la|el|l.)\s?"
    );
    for (index, pattern) in [directly_after, subject_after].into_iter().enumerate() {
        // `the Committee on the Elimination of Discrimination against Women, general
        // recommendation 24, the Committee on the Rights of the Child, general comments…`
        // (special-procedures/SR_Health_E_CN_4_2004_49.json, paragraph 11): a committee
        // named right before the label owns it; the next one starts the next item.
        if index == 1 {
            if let Some((captures, distance)) =
                nearest_cue(treaty_body_cues(), text, start, start, 100, 0)
            {
                let body = TREATY_BODIES
                    .into_iter()
                    .find(|body| captures.name(body).is_some());
                if distance <= 4 && body.is_some() {
                    return body;
                }
            }
        }
        let Some(found) = pattern.find(&text[end..]) else {
            continue;
        };
        let after_start = end + found.end();
        if let Some((captures, distance)) =
            nearest_cue(treaty_body_cues(), text, after_start, after_start, 0, 90)
        {
            let body = TREATY_BODIES
                .into_iter()
                .find(|body| captures.name(body).is_some());
            if distance <= 4 && body.is_some() {
                return body;
            }
        }
    }
    treaty_body_near(text, start, start, 120, 0).or_else(|| treaty_body_near(text, end, end, 0, 60))
}

// ---------------------------------------------------------------------------------
// UPR recommendations

fn find_upr_recommendations(extraction: &mut Extraction<'_>) {
    let head = regex!(
        r"(?:(?-u:\b)[Rr]ecommendations?|(?-u:\b)[Rr]ecommandations?|(?-u:\b)[Rr]ecomendaci(?:ón|ones)|(?-u:\b)[Rr]ecomendaç(?:ão|ões))(?:\s[^\s\d]+){0,5}?\s(?:(?:contained\s)?in\s(?:the\s)?paragraphs?\s|figurant\saux?\sparagraphes?\s|(?:que\sfiguran\s|contenidas?\s)?en\s(?:el|los)\spárrafos?\s)(\d{2,3}\.\s?\d{1,3})(?-u:\b)|(?:(?-u:\b)[Rr]ecommendations?|(?-u:\b)[Rr]ecommandations?|(?-u:\b)[Rr]ecomendaci(?:ón|ones)|(?-u:\b)[Rr]ecomendaç(?:ão|ões))\s(?:Nos?\.?\s)?(\d{2,3}\.\s?\d{1,3})(?-u:\b)"
    );
    let zh = regex!(r"第\s?(\d{2,3}\.\d{1,3})\s?段?(?:中的)?建议|建议\s?(\d{2,3}\.\d{1,3})");
    let continuation =
        regex!(r"^(?:\s?,\s?|\s(?:and|et|y|e)\s|,\s(?:and|et|y)\s)(\d{2,3}\.\s?\d{1,3})(?-u:\b)");
    let position_source = regex!(r"Source of [Pp]osition\s?:\s?(A/HRC/\d{1,2}/\d{1,3})");
    let nearby_report = regex!(r"A/HRC/\d{1,2}/\d{1,3}(?:/Add\.\d)?(?-u:\b)");
    let text = extraction.text;
    let mut heads: Vec<(usize, usize, String)> = head
        .captures_iter(text)
        .filter_map(|captures| {
            let whole = captures.get(0)?;
            Some((
                whole.start(),
                whole.end(),
                captures
                    .get(1)
                    .or(captures.get(2))?
                    .as_str()
                    .replace(' ', ""),
            ))
        })
        .collect();
    heads.extend(zh.captures_iter(text).filter_map(|captures| {
        let whole = captures.get(0)?;
        Some((
            whole.start(),
            whole.end(),
            captures.get(1).or(captures.get(2))?.as_str().to_string(),
        ))
    }));
    heads.sort_by_key(|head| head.0);
    let passage_report = position_source
        .captures(text)
        .map(|captures| normalize_un_symbol(&captures[1]));
    for (start, end, number) in heads {
        if continues_as_number(text, end) || !extraction.is_free(start, end) {
            continue;
        }
        let (_, following) = window(text, end, end, 0, 200);
        let report = nearby_report
            .find(following)
            .and_then(|found| upr_report_of(&normalize_un_symbol(found.as_str())))
            .or_else(|| passage_report.clone())
            .or_else(|| extraction.context.upr_report_symbol())
            .unwrap_or_else(|| "?".to_string());
        let index = extraction.push(start, end, format!("upr:{report}:{number}"), false);
        let mut position = extraction.found[index].end;
        for _ in 0..60 {
            let Some(captures) = continuation.captures(&text[position..]) else {
                break;
            };
            let item = captures.get(1).expect("number");
            let item_end = position + item.end();
            if continues_as_number(text, item_end)
                || !extraction.is_free(position + item.start(), item_end)
            {
                break;
            }
            let key = format!("upr:{report}:{}", item.as_str().replace(' ', ""));
            let index = extraction.push(position + item.start(), item_end, key, false);
            position = extraction.found[index].end;
        }
    }
    // Thematic-list layout: `121.1 Ratify … Source of Position: A/HRC/43/15 - Para 121`.
    if let Some(report) = passage_report {
        let line_start_number = regex!(r"(?m)^\s?(\d{2,3}\.\d{1,3})\s");
        let matches: Vec<(usize, usize, String)> = line_start_number
            .captures_iter(text)
            .filter_map(|captures| {
                let number = captures.get(1)?;
                Some((number.start(), number.end(), number.as_str().to_string()))
            })
            .collect();
        for (start, end, number) in matches {
            if extraction.is_free(start, end) {
                extraction.push(start, end, format!("upr:{report}:{number}"), false);
            }
        }
    }
}
