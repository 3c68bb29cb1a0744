//! The outcome and type of a treaty-body decision, read from its operative part.
//!
//! The operative part is the Committee's last finding: scanning back from the end of the
//! decision (before any individual opinion or appendix), the first paragraph that
//! states a finding decides. A paragraph finding a violation is `violation` even when
//! it also finds none under other articles or declares part of the communication
//! inadmissible (the importers' convention: `violation_found`); a paragraph declaring
//! the communication admissible, or inadmissible only in part, is an admissibility
//! decision and stops the scan without a change. The remedy and follow-up paragraphs
//! after the finding (`similar violations do not occur in the future`, `whether there
//! has been a violation`) state none.
//!
//! Findings are read in English, French, Spanish and Russian, with some tolerance for
//! OCR (`dieclose`, `ic of the view`).

use super::{locate, quote, record};
use hrlex_model::{DocType, Document};
use regex::Regex;
use std::sync::OnceLock;

/// What an operative paragraph decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Finding {
    Violation,
    NoViolation,
    Inadmissible,
    Discontinued,
    /// Declared admissible, or inadmissible in part: an admissibility decision.
    Admissibility,
}

impl Finding {
    /// The outcome label the importers use (`outcome_and_type` in `treaty_bodies`).
    pub fn outcome(self) -> Option<&'static str> {
        match self {
            Finding::Violation => Some("violation"),
            Finding::NoViolation => Some("no violation"),
            Finding::Inadmissible => Some("inadmissible"),
            Finding::Discontinued => Some("discontinued"),
            Finding::Admissibility => None,
        }
    }

    pub fn doc_type(self) -> Option<DocType> {
        match self {
            Finding::Violation | Finding::NoViolation => Some(DocType::Views),
            Finding::Inadmissible => Some(DocType::Inadmissibility),
            Finding::Discontinued => Some(DocType::Discontinuance),
            Finding::Admissibility => None,
        }
    }
}

/// A finding with where it was read: the byte range of the phrase in the paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Read {
    pub finding: Finding,
    pub start: usize,
    pub end: usize,
}

fn regex(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// A finding that the facts show a violation (or, negated, none).
fn violation_verbs() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(concat!(
            r"(?i)\b(?:",
            // en: disclose (OCR: dieclose), reveal, constitute, amount to, show, establish
            r"\w{1,3}clos(?:e|es|ed)|reveal(?:s|ed)?|constitut(?:e|es|ed)|amount(?:s|ed)?\s+to|show(?:s|ed)?|establish(?:es|ed)?|",
            // fr
            r"(?:fait|font)\s+apparaître|révèlent|révèle|constitu(?:e|ent|erait|eraient)|(?:fait|font)\s+ressortir|",
            // es
            r"ponen?\s+de\s+manifiesto|revelan?|constituy(?:e|en|ó)|constituiría|",
            // ru
            r"свидетельству\w*|представля\w*\s+собой|явил\w*\s+бы|явится|станет|будет\s+являться",
            r")\s+((?:[\w'’,()]+\s+){0,4}?)",
            r"(?:violations?|breach(?:es)?|manquements?|violaci[oó]n|violaciones|vulneraci[oó]n|нарушени\w*)\b",
        ))
    })
}

/// `has violated`, `have been violated`, `failed to fulfil its obligations`, `a violé`,
/// `ha violado`, `нарушило`, and the Committee against Torture's `obligation to refrain
/// from returning`.
fn violated() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(concat!(
            r"(?i)\b(?:(?:has|have|had)\s+(?:\w+\s+)?(?:violated|breached)|(?:has|have|had)\s+failed\s+to\s+(?:fulfil|comply|meet|discharge)|failed\s+in\s+its\s+obligations?|(?:was|were|has\s+been|have\s+been)\s+(?:\w+\s+)?violated|",
            r"obligation\s+to\s+refrain\s+from\s+(?:\w+\s+)?(?:returning|expelling|deporting|extraditing)|",
            r"(?:a|ont)\s+violé|(?:ha|han)\s+violado|(?:ha|han)\s+vulnerado|нарушил[аио]?)\b",
        ))
    })
}

/// A negation just before a verb (`do not disclose`, `ne font pas`, `no ponen`,
/// `не свидетельствуют`).
fn negated_before() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(r"(?i)(?:\b(?:not|no|neither|nor|ne|pas|ni|не|ни)\s+(?:\w+\s+){0,2}|\bn['’])$")
    })
}

/// Negating words between the verb and `violation` (`disclose no violation`, `ne font
/// apparaître aucune violation`).
fn negating_words() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| regex(r"(?i)\b(?:no|not|any|pas|aucune?|ninguna?|никаких|не)\b"))
}

/// Findings of no violation that name no verb above.
fn no_violation() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(concat!(
            r"(?i)\b(?:no\s+finding\s+of\s+(?:a(?:ny)?\s+)?violation|not\s+in\s+a\s+position\s+to\s+(?:find|conclude)|",
            r"aucune\s+violation|ninguna\s+violación|не\s+было\s+нарушен\w*)",
        ))
    })
}

fn inadmissible() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(concat!(
            r"(?i)(?:",
            r"\b(?:decides?|decided|declares?|declared|considers|concludes|finds)\b[^.;]{0,60}?\b(?:the\s+)?(?:present\s+)?(?:communications?|complaints?|petitions?)\s+(?:[\w,()]+\s+){0,4}?(?:is|are|to\s+be|be)\s+(?:therefore\s+|thus\s+|hereby\s+)?inadmissible",
            r"|\bdeclares?\s+(?:the\s+)?(?:communication|complaint)\s+inadmissible",
            r"|\b(?:décide|déclare)\b[^.;]{0,60}?\b(?:la\s+)?(?:présente\s+)?(?:communication|requête|plainte)\s+(?:[\w,()]+\s+){0,3}?(?:est|sont)\s+(?:donc\s+)?irrecevable",
            r"|\bdéclare\s+(?:la\s+)?(?:communication|plainte|requête)\s+irrecevable",
            r"|\b(?:decide|declara|dictamina)\b[^.;]{0,60}?\b(?:la\s+)?(?:presente\s+)?(?:comunicaci[oó]n|denuncia|queja|petici[oó]n)\s+(?:[\w,()]+\s+){0,3}?(?:es|son)\s+(?:por\s+(?:lo\s+)?tanto\s+)?inadmisible",
            r"|\bdeclara\w*\s+inadmisible\s+la\s+(?:comunicaci[oó]n|queja|denuncia)",
            r"|признать\s+(?:\w+\s+){0,2}?сообщени\w+\s+неприемлем\w*",
            r"|постановляет[^.]{0,80}?сообщени\w+\s+(?:является\s+)?неприемлем\w*",
            r")",
        ))
    })
}

fn admissible() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(concat!(
            r"(?i)(?:\bdecides?\b[^.;]{0,40}?\bthe\s+communication\s+is\s+admissible",
            r"|\bdéclare\s+la\s+communication\s+recevable|\bdécide\b[^.;]{0,40}?communication\s+est\s+recevable",
            r"|\bdecide\b[^.;]{0,40}?comunicaci[oó]n\s+es\s+admisible|признать\s+сообщение\s+приемлемым)",
        ))
    })
}

/// What follows `inadmissible` when only part of the communication is.
fn partial_after() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(r"(?i)^\W{0,3}(?:in\s*so\s*far|in\s+part|partly|as\s+(?:regards|to)|with\s+(?:respect|regard)\s+to|in\s+respect\s+of|dans\s+la\s+mesure|en\s+ce\s+qui\s+concerne|en\s+la\s+medida|en\s+lo\s+que\s+respecta|в\s+той\s+мере|в\s+части)")
    })
}

fn discontinued() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(concat!(
            r"(?i)(?:\bdiscontinu\w*\s+(?:\w+\s+){0,3}?(?:consideration|examination)|\bdecide[sd]?\s+to\s+discontinue\b",
            r"|\b(?:cesser|mettre\s+fin\s+à|clore|interrompre)\s+l['’]examen|\bclasser\s+(?:la\s+)?(?:communication|plainte|requête)",
            r"|\b(?:poner\s+fin\s+al?|dar\s+por\s+terminad[oa]\s+el|cerrar\s+el)\s+examen|\barchivar\s+(?:la\s+)?(?:comunicaci[oó]n|queja|denuncia)",
            r"|прекратить\s+рассмотрение)",
        ))
    })
}

/// What follows `discontinue` when only part of the case is.
fn partial_discontinuance() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| regex(r"(?i)^\W{0,3}(?:\w+\s+){0,4}?(?:the\s+)?part\b"))
}

/// A paragraph in a member's own voice, or a counterfactual: no finding of the Committee.
fn not_the_committee() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(r"(?:\b(?:I|We|we)\s+(?:am|are|have\s+to|consider|believe|find|would|cannot|do|agree|regret|conclude)\b|(?i:\bshould\s+have\s+(?:found|concluded|considered|declared)|\bwould\s+have\s+(?:found|concluded)))")
    })
}

/// The Committee named: a finding is the Committee's (a paragraph of the parties'
/// submissions may state the same words as their argument).
fn committee() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| regex(r"(?i)committee|comit[ée]|комитет"))
}

/// Where individual opinions and appendices begin: what follows is not the decision.
fn opinion_heading() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(concat!(
            r"(?i)^\W*(?:appendix|annex|individual\s+opinion|dissenting\s+opinion|separate\s+opinion|concurring\s+opinion|joint\s+opinion|partly\s+dissenting|",
            r"opinion\s+(?:individuelle|dissidente|conjointe)|appendice|annexe|voto\s+(?:particular|disidente|concurrente|separado)|opini[oó]n\s+(?:individual|disidente)|",
            r"особое\s+мнение|совместное\s+мнение|приложение)\b",
        ))
    })
}

/// Words reporting what a party says (`the author claims that … constitutes a
/// violation`): a sentence with one of them states no finding of the Committee.
fn reported_speech() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        regex(concat!(
            r"(?i)\b(?:claims|alleges|alleged\s+to|allegedly|argu(?:es|ed)|submits|requests|contest(?:s|ed)?|contend(?:s|ed)?|maintain(?:s|ed)|asserts|according\s+to|",
            r"affirme|allègue|soutient|fait\s+valoir|fait\s+observer|alega|afirma|sostiene|aduce|утвержда\w*|заявля\w*)\b",
        ))
    })
}

/// The sentence of `text` around byte `at`, cut at `. ` or `; ` on both sides.
fn sentence_around(text: &str, at: usize) -> &str {
    let is_end = |window: &[u8]| matches!(window, [b'.' | b';', b' ']);
    let bytes = text.as_bytes();
    let from = bytes[..at]
        .windows(2)
        .rposition(is_end)
        .map_or(0, |index| index + 2);
    let to = bytes[at..]
        .windows(2)
        .position(is_end)
        .map_or(text.len(), |index| at + index);
    &text[from.min(at)..to]
}

/// How many paragraphs before the end (or the first opinion) are read.
const OPERATIVE_WINDOW: usize = 12;

/// The finding a paragraph states, if any: a violation wins over every other finding in
/// the same paragraph; a sentence reporting a party's claim is no finding.
pub fn read_paragraph(text: &str) -> Option<Read> {
    if not_the_committee().is_match(text) || !committee().is_match(text) {
        return None;
    }
    let stated = |start: usize| !reported_speech().is_match(sentence_around(text, start));
    let read = |finding: Finding, start: usize, end: usize| Read {
        finding,
        start,
        end,
    };
    let mut no_violation_at = no_violation()
        .find_iter(text)
        .find(|found| stated(found.start()))
        .map(|found| (found.start(), found.end()));
    for captures in violation_verbs().captures_iter(text) {
        let whole = captures.get(0).expect("whole match");
        if !stated(whole.start()) {
            continue;
        }
        let between = captures.get(1).map_or("", |m| m.as_str());
        let negated =
            negated_before().is_match(&text[..whole.start()]) || negating_words().is_match(between);
        if !negated {
            return Some(read(Finding::Violation, whole.start(), whole.end()));
        }
        no_violation_at.get_or_insert((whole.start(), whole.end()));
    }
    for found in violated().find_iter(text) {
        if !stated(found.start()) {
            continue;
        }
        let has_not = found.as_str().split_whitespace().any(|word| word == "not");
        if !has_not && !negated_before().is_match(&text[..found.start()]) {
            return Some(read(Finding::Violation, found.start(), found.end()));
        }
        no_violation_at.get_or_insert((found.start(), found.end()));
    }
    if let Some((start, end)) = no_violation_at {
        return Some(read(Finding::NoViolation, start, end));
    }
    if let Some(found) = inadmissible()
        .find_iter(text)
        .find(|found| stated(found.start()))
    {
        let finding = if partial_after().is_match(&text[found.end()..]) {
            Finding::Admissibility
        } else {
            Finding::Inadmissible
        };
        return Some(read(finding, found.start(), found.end()));
    }
    if let Some(found) = admissible()
        .find_iter(text)
        .find(|found| stated(found.start()))
    {
        return Some(read(Finding::Admissibility, found.start(), found.end()));
    }
    discontinued()
        .find_iter(text)
        .find(|found| {
            stated(found.start()) && !partial_discontinuance().is_match(&text[found.end()..])
        })
        .map(|found| read(Finding::Discontinued, found.start(), found.end()))
}

/// The operative finding of a decision and the index of its paragraph.
pub fn operative_finding(document: &Document) -> Option<(usize, Read)> {
    let paragraphs = &document.paragraphs;
    let half = paragraphs.len() / 2;
    let end = paragraphs
        .iter()
        .enumerate()
        .skip(half.max(1))
        .find(|(_, paragraph)| {
            // The shards number the paragraphs of individual opinions `OP2-U3`.
            let opinion_number = paragraph.n.as_deref().is_some_and(|n| n.starts_with("OP"));
            opinion_number || opinion_heading().is_match(&paragraph.text)
        })
        .map_or(paragraphs.len(), |(index, _)| index);
    let start = end.saturating_sub(OPERATIVE_WINDOW);
    (start..end)
        .rev()
        .find_map(|index| read_paragraph(&paragraphs[index].text).map(|read| (index, read)))
}

/// True for the decisions of a treaty body on an individual communication.
pub(crate) fn is_communication_decision(document: &Document) -> bool {
    // A symbol without `D` (`CAT/C/60/4`) is a report, whatever type the source gave.
    let decision_symbol = document
        .symbol
        .as_deref()
        .map(|symbol| symbol.split('/').any(|part| part == "D"));
    document.mechanism.is_treaty_body()
        && (decision_symbol == Some(true)
            || (decision_symbol.is_none()
                && matches!(
                    document.doc_type,
                    DocType::Views | DocType::Inadmissibility | DocType::Discontinuance
                )))
}

/// Corrects the outcome and type of a treaty-body decision from its operative part.
pub fn check(document: &mut Document) {
    if !is_communication_decision(document) {
        return;
    }
    let Some((index, read)) = operative_finding(document) else {
        return;
    };
    let (Some(outcome), Some(doc_type)) = (read.finding.outcome(), read.finding.doc_type()) else {
        return;
    };
    let paragraph = &document.paragraphs[index];
    let evidence = format!(
        "{}: {}",
        locate(paragraph, index),
        quote(&paragraph.text, read.start, read.end, 70, 50)
    );
    if document.doc_type != doc_type {
        let old = document.doc_type.code();
        record(document, "type", old, doc_type.code(), &evidence);
        document.doc_type = doc_type;
    }
    if document.outcome.as_deref() != Some(outcome) {
        let old = document.outcome.clone().unwrap_or_default();
        record(document, "outcome", &old, outcome, &evidence);
        document.outcome = Some(outcome.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(text: &str) -> Option<Finding> {
        read_paragraph(text).map(|read| read.finding)
    }

    #[test]
    fn english_operative_parts_including_ocr_errors() {
        // treaty-bodies: CCPR/C/39/D/305/1988, para. 6, as the shard has it (OCR).
        let van_alphen = "The Human Rights Committee, acting under article 5, paragraph 4, of the Optional Protocol to the International Covenant on Civil ani Political Rights, ic of the view that the facts of the communication dieclose a violation of article 9, paragraph 1, of the Covenant.";
        assert_eq!(finding(van_alphen), Some(Finding::Violation));
        // CAT/C/22/D/62/1996, para. 7.
        let eh = "Accordingly, the Committee decides: (a) That the communication is inadmissible; (b) That this decision may be reviewed under rule 109";
        assert_eq!(finding(eh), Some(Finding::Inadmissible));
        // CCPR/C/70/D/833/1998, para. 10.
        let karker = "The Human Rights Committee, acting under article 5, paragraph 4, of the Optional Protocol, is of the view that the facts before it do not disclose a violation of any of the articles of the International Covenant on Civil and Political Rights.";
        assert_eq!(finding(karker), Some(Finding::NoViolation));
        // CAT/C/22/D/104/1998, para. 7.
        let mbb = "The Committee against Torture, acting under article 22, paragraph 7, of the Convention, concludes that the decision of the State party to return the author to Iran does not constitute a breach of article 3 of the Convention.";
        assert_eq!(finding(mbb), Some(Finding::NoViolation));
        // E/C.12/69/D/192/2020, para. 2.
        let withdrawn = "At its meeting on 22 February 2021, the Committee, having noted the authors’ request to withdraw the case, decided to discontinue its consideration of communication No. 192/2020.";
        assert_eq!(finding(withdrawn), Some(Finding::Discontinued));
        // CRPD/C/22/D/32/2015, para. 11.
        let crpd = "The Committee, acting under article 5 of the Optional Protocol, is of the view that the State party has failed to fulfil its obligations under articles 5, 9, 12, 13 and 14, read in conjunction with article 4, of the Convention.";
        assert_eq!(finding(crpd), Some(Finding::Violation));
        // CCPR/C/74/D/763/1997, para. 10.
        let lantsov = "The Committee finds that articles 6, paragraph 1, and article 10, paragraph 1 of the Covenant were violated.";
        assert_eq!(finding(lantsov), Some(Finding::Violation));
    }

    #[test]
    fn remedies_claims_and_partial_findings_are_no_operative_finding() {
        let remedy = "The State party is under an obligation to provide the author with an effective remedy and to ensure that similar violations do not occur in the future. Bearing in mind that the Committee is competent to determine whether there has been a violation of the Covenant or not";
        assert_eq!(finding(remedy), None);
        let claim = "The author claims that his detention constitutes a violation of article 9 of the Covenant.";
        assert_eq!(finding(claim), None);
        let admissibility = "The Human Rights Committee therefore decides: (a) that the communication is inadmissible insofar as it relates to article 7; (b) that the communication is admissible as to article 14";
        assert_eq!(finding(admissibility), Some(Finding::Admissibility));
        // CCPR/C/58/D/538/1993, individual opinion (para. OP3-10 in the shard).
        let opinion = "We have to conclude, therefore, that Canada has also violated the author's rights under articles 17 and 23.";
        assert_eq!(finding(opinion), None);
        // CCPR/C/35/D/301/1988, para. 4.1 (the State party's submission, OCR).
        let submission = "It does, however, contest the admissibility of the communication on the ground that the facts of the case do not reveal any breach of the author's rights.";
        assert_eq!(finding(submission), None);
        let dissent =
            "I consider that the facts before the Committee disclose a violation of article 7.";
        assert_eq!(finding(dissent), None);
        // E/C.12/68/D/149/2019, para. 7.5.
        let alleged = "The Committee notes that the author’s statement does not mention the rights that were alleged to have been violated by the petitioner in the aforementioned amparo proceedings.";
        assert_eq!(finding(alleged), None);
        // Its para. 8.1.
        let considers = "In the light of all the information provided, the Committee, acting under the Optional Protocol, considers that the communication is inadmissible under article 3 (1) thereof.";
        assert_eq!(finding(considers), Some(Finding::Inadmissible));
    }

    #[test]
    fn french_and_spanish_operative_parts() {
        // CCPR/C/122/D/3090/2017, para. 5 (French in the corpus).
        let fabre = "En conséquence, le Comité des droits de l’homme décide : a) Que la communication est irrecevable au regard de l’article 2 du Protocole facultatif ;";
        assert_eq!(finding(fabre), Some(Finding::Inadmissible));
        let views = "Le Comité, agissant en vertu du paragraphe 4 de l’article 5 du Protocole facultatif, est d’avis que les faits dont il est saisi font apparaître une violation de l’article 7 du Pacte.";
        assert_eq!(finding(views), Some(Finding::Violation));
        let none = "Le Comité est d’avis que les faits dont il est saisi ne font apparaître aucune violation du Pacte.";
        assert_eq!(finding(none), Some(Finding::NoViolation));
        let dictamen = "El Comité de Derechos Humanos, actuando en virtud del artículo 5, párrafo 4, del Protocolo Facultativo, dictamina que los hechos que tiene ante sí ponen de manifiesto una violación del artículo 14 del Pacto.";
        assert_eq!(finding(dictamen), Some(Finding::Violation));
        let inadmisible = "Por consiguiente, el Comité decide: a) Que la comunicación es inadmisible en virtud del artículo 2 del Protocolo Facultativo;";
        assert_eq!(finding(inadmisible), Some(Finding::Inadmissible));
        let archivo = "El Comité decide poner fin al examen de la comunicación.";
        assert_eq!(finding(archivo), Some(Finding::Discontinued));
    }

    /// The standard formulas of the Russian versions of Views and decisions (the corpus
    /// has no Russian decision: these follow the official Russian wording).
    #[test]
    fn russian_operative_parts() {
        let views = "Комитет по правам человека, действуя в соответствии с пунктом 4 статьи 5 Факультативного протокола к Международному пакту о гражданских и политических правах, считает, что представленные ему факты свидетельствуют о нарушении государством-участником статьи 7 Пакта.";
        assert_eq!(finding(views), Some(Finding::Violation));
        let none = "Комитет считает, что представленные ему факты не свидетельствуют о нарушении какого-либо из положений Пакта.";
        assert_eq!(finding(none), Some(Finding::NoViolation));
        let inadmissible = "В этой связи Комитет постановляет: a) признать сообщение неприемлемым согласно статье 2 Факультативного протокола;";
        assert_eq!(finding(inadmissible), Some(Finding::Inadmissible));
        let discontinued = "Комитет постановил прекратить рассмотрение сообщения № 2112/2011.";
        assert_eq!(finding(discontinued), Some(Finding::Discontinued));
        let cat = "Комитет против пыток, действуя в соответствии с пунктом 7 статьи 22 Конвенции, заключает, что высылка заявителя в Пакистан явилась бы нарушением статьи 3 Конвенции.";
        assert_eq!(finding(cat), Some(Finding::Violation));
    }
}
