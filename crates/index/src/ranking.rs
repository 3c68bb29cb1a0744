//! How results are ordered: works a lawyer would cite first, not fragments. Every weight
//! of the relevance order is in this file.
//!
//! A search ranks in two stages (`SearchIndex::search`):
//!
//! 1. **Retrieval.** Every matching document record is scored by its document-level
//!    BM25 times its *static prior*, [`type_prior`] × [`length_prior`], read from fast
//!    fields; the best [`crate::search::RERANK_WINDOW`] are kept. The prior is what keeps
//!    a 40-page general comment above a one-line recommendation whose few words match
//!    densely.
//! 2. **Re-rank** of those documents: `prior × (document BM25 + best paragraph +
//!    PARAGRAPH_DAMPING × next paragraphs)`, then for the first hits × a citation
//!    prior ([`citation_prior`]: how many works cite the document), where each paragraph's BM25
//!    (plus a bonus when the query's words stand close together, [`PROXIMITY_SLOP`]) is
//!    weighted by its [`ParagraphRole`] (a heading or a table of contents carries
//!    nothing; a footnote or a very short line little; the body's own reasoning most).
//!    Documents that bear an identifier the query names (a symbol, application or
//!    communication number, a Series C number, a general comment, a case name) are
//!    *known items*: they come before every other hit, then the documents citing them.
//!
//! Documents below the re-rank window keep the retrieval order, so the order of the
//! whole list does not depend on the page asked for: paging never repeats or drops a
//! hit within one index generation.

use hrlex_model::DocType;
use tantivy::columnar::{Column, StrColumn};
use tantivy::{DocAddress, DocId, Searcher, SegmentReader};

/// Static prior of each document type. Judgments, views and general comments are the
/// authorities; concluding observations and reports are read for their findings;
/// one-line recommendations, press releases and notes are fragments unless asked for.
pub(crate) fn type_prior(doc_type: DocType, recommendations_asked: bool) -> f32 {
    use DocType::*;
    if recommendations_asked {
        return match doc_type {
            Recommendation => 1.0,
            _ => 0.8,
        };
    }
    match doc_type {
        Judgment | Views | GeneralComment | AdvisoryOpinion => 1.0,
        AdmissibilityDecision | Inadmissibility => 0.75,
        ConcludingObservations | Instrument => 0.75,
        Report | Resolution | Order | SeparateOpinion | CommunicatedCase => 0.6,
        Discontinuance => 0.45,
        Other => 0.55,
        InformationNote | PressRelease => 0.4,
        Recommendation => 0.3,
    }
}

/// Documents with less text than this are fragments: their prior falls linearly to
/// [`SHORT_TEXT_FLOOR`] at zero characters.
pub(crate) const SHORT_TEXT_CHARS: u64 = 1_500;
pub(crate) const SHORT_TEXT_FLOOR: f32 = 0.5;

/// The prior of a document of `chars` characters of text.
pub(crate) fn length_prior(chars: u64) -> f32 {
    if chars >= SHORT_TEXT_CHARS {
        return 1.0;
    }
    SHORT_TEXT_FLOOR + (1.0 - SHORT_TEXT_FLOOR) * chars as f32 / SHORT_TEXT_CHARS as f32
}

/// How much the paragraphs after the best one add (the second counts this much, the
/// third this much squared…): a document that discusses the question at length beats
/// one that mentions it once.
pub(crate) const PARAGRAPH_DAMPING: f32 = 0.5;

/// A paragraph in which the query's words stand close together, in the order typed
/// (at most [`PROXIMITY_SLOP`] other words between them), adds that phrase's score
/// times [`PROXIMITY_BOOST`]: "corporal punishment of children" is about the question,
/// a paragraph naming children and, three sentences later, punishment is not.
pub(crate) const PROXIMITY_SLOP: u32 = 3;
pub(crate) const PROXIMITY_BOOST: f32 = 1.0;

/// How much being cited counts: `1 + CITED_BY_WEIGHT × ln(1 + citing works)`; a
/// decision cited by 20 works gets × 1.46. Applied to the first
/// [`CITATION_PRIOR_WINDOW`] re-ranked hits (counting is about 0.1–0.5 ms a document,
/// cached per index generation).
pub(crate) const CITED_BY_WEIGHT: f32 = 0.15;
pub(crate) const CITATION_PRIOR_WINDOW: usize = 30;

pub(crate) fn citation_prior(citing_works: usize) -> f32 {
    1.0 + CITED_BY_WEIGHT * (1.0 + citing_works as f32).ln()
}

/// The static prior of document records, read from their `doc_type` and `text_chars`
/// fast fields.
#[derive(Debug, Clone, Copy)]
pub(crate) struct StaticPriors {
    /// The query or a filter asks for recommendations: no type is a fragment then.
    pub recommendations_asked: bool,
}

/// [`StaticPriors`] of one segment.
pub(crate) struct SegmentPriors {
    /// The type prior of each term ordinal of the segment's `doc_type` column.
    type_prior_of_ord: Vec<f32>,
    doc_types: Option<StrColumn>,
    chars: Option<Column<u64>>,
    other_prior: f32,
}

impl StaticPriors {
    pub(crate) fn segment(&self, segment: &SegmentReader) -> SegmentPriors {
        let fast_fields = segment.fast_fields();
        let doc_types = fast_fields.str("doc_type").ok().flatten();
        let mut type_prior_of_ord = Vec::new();
        if let Some(column) = &doc_types {
            let mut code = String::new();
            for ord in 0..column.num_terms() as u64 {
                let doc_type = match column.ord_to_str(ord, &mut code) {
                    Ok(true) => DocType::parse(&code).unwrap_or(DocType::Other),
                    _ => DocType::Other,
                };
                type_prior_of_ord.push(type_prior(doc_type, self.recommendations_asked));
            }
        }
        SegmentPriors {
            type_prior_of_ord,
            doc_types,
            chars: fast_fields.column_opt::<u64>("text_chars").ok().flatten(),
            other_prior: type_prior(DocType::Other, self.recommendations_asked),
        }
    }

    /// The priors of every segment of `searcher`, by segment ordinal.
    pub(crate) fn for_searcher(&self, searcher: &Searcher) -> SearcherPriors {
        SearcherPriors(
            searcher
                .segment_readers()
                .iter()
                .map(|segment| self.segment(segment))
                .collect(),
        )
    }
}

/// [`StaticPriors`] of a whole searcher.
pub(crate) struct SearcherPriors(Vec<SegmentPriors>);

impl SearcherPriors {
    pub(crate) fn of(&self, address: DocAddress) -> f32 {
        self.0
            .get(address.segment_ord as usize)
            .map_or(1.0, |segment| segment.prior(address.doc_id))
    }
}

impl SegmentPriors {
    pub(crate) fn prior(&self, doc: DocId) -> f32 {
        let by_type = self
            .doc_types
            .as_ref()
            .and_then(|column| column.term_ords(doc).next())
            .and_then(|ord| self.type_prior_of_ord.get(ord as usize).copied())
            .unwrap_or(self.other_prior);
        let chars = self
            .chars
            .as_ref()
            .and_then(|column| column.first(doc))
            .unwrap_or(0);
        by_type * length_prior(chars)
    }
}

/// What part of a decision a paragraph is, as far as its text and the heading above it
/// tell. Stored with each paragraph record (`para_role` fast field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub(crate) enum ParagraphRole {
    Body = 0,
    Heading = 1,
    Contents = 2,
    Footnote = 3,
    /// Shorter than [`SHORT_PARAGRAPH_CHARS`].
    Fragment = 4,
    /// Under a heading of the body's own assessment: consideration of the merits,
    /// considerandos, appréciation de la Cour, the operative part.
    Reasoning = 5,
    /// Under a heading of the parties' submissions: the facts as submitted, the State
    /// party's observations, the author's comments.
    Submissions = 6,
}

impl ParagraphRole {
    pub(crate) fn from_code(code: u64) -> ParagraphRole {
        use ParagraphRole::*;
        [
            Body,
            Heading,
            Contents,
            Footnote,
            Fragment,
            Reasoning,
            Submissions,
        ]
        .get(code as usize)
        .copied()
        .unwrap_or(Body)
    }

    /// The factor applied to the paragraph's BM25, for ranking and for the choice of the
    /// paragraphs shown. Zero: never shown as the paragraph to cite.
    pub(crate) fn weight(self) -> f32 {
        match self {
            ParagraphRole::Heading | ParagraphRole::Contents => 0.0,
            ParagraphRole::Footnote => 0.3,
            ParagraphRole::Fragment => 0.4,
            ParagraphRole::Submissions => 0.75,
            ParagraphRole::Body => 1.0,
            ParagraphRole::Reasoning => 1.25,
        }
    }
}

/// Paragraphs shorter than this (in characters) are fragments.
pub(crate) const SHORT_PARAGRAPH_CHARS: usize = 60;

/// Lowercase markers of headings that open the body's own assessment, in the seven
/// languages.
const REASONING_HEADINGS: &[&str] = &[
    "consideration of the merits",
    "consideration of admissibility",
    "issues and proceedings before the committee",
    "the committee's assessment",
    "assessment of the court",
    "the court's assessment",
    "the law",
    "as to the law",
    "merits",
    "for these reasons",
    "operative",
    "examen au fond",
    "examen de la recevabilité",
    "délibérations du comité",
    "appréciation de la cour",
    "en droit",
    "par ces motifs",
    "considerandos",
    "consideraciones de la corte",
    "examen del fondo",
    "examen de la admisibilidad",
    "fondo",
    "puntos resolutivos",
    "por tanto",
    "análise do mérito",
    "considerações da corte",
    "mérito",
    "pontos resolutivos",
    "рассмотрение вопроса по существу",
    "рассмотрение вопроса о приемлемости",
    "оценка суда",
    "по этим причинам",
    "النظر في الأسس الموضوعية",
    "النظر في المقبولية",
    "لهذه الأسباب",
    "审议案情",
    "审议可否受理",
    "委员会面前的问题和议事情况",
];

/// Lowercase markers of headings that open a summary of the parties' submissions.
const SUBMISSIONS_HEADINGS: &[&str] = &[
    "the facts as submitted",
    "the facts as presented",
    "facts as submitted",
    "the complaint",
    "state party's observations",
    "state party’s observations",
    "author's comments",
    "author’s comments",
    "complainant's comments",
    "submissions of the parties",
    "the parties' submissions",
    "exposé des faits",
    "teneur de la plainte",
    "observations de l'état partie",
    "observations de l’état partie",
    "commentaires de l'auteur",
    "commentaires de l’auteur",
    "observaciones del estado parte",
    "comentarios del autor",
    "alegatos",
    "argumentos de las partes",
    "hechos expuestos",
    "observações do estado",
    "alegações",
    "изложение фактов",
    "замечания государства-участника",
    "комментарии автора",
    "жалоба",
    "الوقائع كما عرضها",
    "ملاحظات الدولة الطرف",
    "تعليقات صاحب البلاغ",
    "提交人陈述的事实",
    "缔约国的意见",
    "提交人的评论",
    "申诉",
];

/// Classifies the paragraphs of a document, in order (the heading above a paragraph
/// decides its section).
pub(crate) fn paragraph_roles<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<ParagraphRole> {
    let mut section = ParagraphRole::Body;
    let mut roles = Vec::new();
    for text in texts {
        let text = text.trim();
        let role = if is_contents_line(text) {
            ParagraphRole::Contents
        } else if is_heading(text) {
            let lowered = text.to_lowercase();
            if REASONING_HEADINGS
                .iter()
                .any(|marker| lowered.contains(marker))
            {
                section = ParagraphRole::Reasoning;
            } else if SUBMISSIONS_HEADINGS
                .iter()
                .any(|marker| lowered.contains(marker))
            {
                section = ParagraphRole::Submissions;
            }
            ParagraphRole::Heading
        } else if is_footnote(text) {
            ParagraphRole::Footnote
        } else if reading_length(text) < SHORT_PARAGRAPH_CHARS {
            ParagraphRole::Fragment
        } else {
            section
        };
        roles.push(role);
    }
    roles
}

/// The length of `text` in Latin-script characters: a Chinese or Japanese character
/// carries about as much as three.
fn reading_length(text: &str) -> usize {
    text.chars()
        .map(|c| {
            if crate::analysis::has_cjk(c.encode_utf8(&mut [0; 4])) {
                3
            } else {
                1
            }
        })
        .sum()
}

/// A line of a table of contents: dot leaders, or text ending in a page number after
/// a run of dots or spaces.
fn is_contents_line(text: &str) -> bool {
    text.contains(".....") || text.contains("…………") || text.contains(". . . .")
}

/// A short line without final punctuation (`B. Consideration of the merits`, `Fondo`,
/// `Рассмотрение вопроса по существу`).
fn is_heading(text: &str) -> bool {
    let characters = text.chars().count();
    if characters == 0 || characters > 120 {
        return false;
    }
    let words = text.split_whitespace().count();
    let last = text.chars().last().unwrap_or(' ');
    let closed = matches!(
        last,
        '.' | ';' | ',' | '?' | '!' | '。' | '；' | '،' | '؛' | '»' | '"' | '”' | ')'
    );
    !closed && words <= 12
}

/// A footnote: a short unnumbered line that starts with its mark (`12 See …`,
/// `¹ Ibid.`) and reads like a reference.
fn is_footnote(text: &str) -> bool {
    if text.chars().count() > 600 {
        return false;
    }
    let mut characters = text.chars();
    let first = characters.next().unwrap_or(' ');
    let superscript = matches!(
        first,
        '¹' | '²' | '³' | '⁴' | '⁵' | '⁶' | '⁷' | '⁸' | '⁹' | '⁰'
    );
    if !(first.is_ascii_digit() || superscript) {
        return false;
    }
    let rest: String = text
        .chars()
        .skip_while(|c| c.is_ascii_digit() || "¹²³⁴⁵⁶⁷⁸⁹⁰".contains(*c))
        .collect();
    // `12. The Committee…` is a numbered paragraph, not a footnote.
    if !rest.starts_with(' ') || rest.trim_start().starts_with('.') {
        return superscript;
    }
    let lowered = rest.trim_start().to_lowercase();
    const REFERENCE_STARTS: &[&str] = &[
        "see ",
        "ibid",
        "id.",
        "voir ",
        "véase ",
        "ver ",
        "cf.",
        "см.",
        "там же",
        "انظر",
        "见",
        "參見",
        "参见",
        "a/",
        "ccpr/",
        "cat/",
        "cedaw/",
        "crc/",
        "e/",
        "http",
    ];
    REFERENCE_STARTS
        .iter()
        .any(|start| lowered.starts_with(start))
        || lowered.contains(", para")
        || lowered.contains("§")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priors_put_authorities_above_fragments() {
        assert!(
            type_prior(DocType::GeneralComment, false) > type_prior(DocType::Recommendation, false)
        );
        assert_eq!(type_prior(DocType::Recommendation, true), 1.0);
        assert!(length_prior(40) < length_prior(1_000));
        assert_eq!(length_prior(50_000), 1.0);
    }

    #[test]
    fn sections_of_a_decision_are_told_apart_in_several_languages() {
        let texts = [
            "Изложение фактов",
            "2.1 Автор утверждает, что он подвергался пыткам во время содержания под стражей в полиции.",
            "Рассмотрение вопроса по существу",
            "9.3 Комитет считает, что государство-участник нарушило статью 7 Пакта, поскольку не расследовало пытки.",
            "12 См. CCPR/C/GC/36, пункт 58.",
            "Fondo",
            "Introduction ......................................... 1-5 3",
            "Pytki",
        ];
        assert_eq!(
            paragraph_roles(texts.iter().copied()),
            [
                ParagraphRole::Heading,
                ParagraphRole::Submissions,
                ParagraphRole::Heading,
                ParagraphRole::Reasoning,
                ParagraphRole::Footnote,
                ParagraphRole::Heading,
                ParagraphRole::Contents,
                ParagraphRole::Heading,
            ]
        );
        let chinese = [
            "审议案情",
            "委员会认为，缔约国未能调查提交人关于酷刑的指控，违反了《公约》第七条规定的义务。这是委员会的结论。",
        ];
        assert_eq!(
            paragraph_roles(chinese.iter().copied())[1],
            ParagraphRole::Reasoning
        );
        assert_eq!(
            ParagraphRole::from_code(ParagraphRole::Footnote as u64),
            ParagraphRole::Footnote
        );
    }
}
