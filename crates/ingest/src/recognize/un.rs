//! UN mastheads: the document's own symbol and what it implies, the body named, the
//! type, the `Distr.` date, the State concerned and the title line.

use super::states::{leading_state, state_from_iso3, state_from_name};
use super::{dates, phrases, Candidate, Masthead, Recognized};
use crate::metadata::{doc_type_of_symbol, mechanism_of_symbol};
use hrlex_model::{CitationKey, CitationKind, DocType, Mechanism};
use regex::Regex;
use std::sync::OnceLock;

/// The symbol of a UN document is printed on the first lines.
const SYMBOL_LINES: usize = 25;

/// Bodies as mastheads name them, in the seven languages.
const BODIES: &[(Mechanism, &[&str])] = &[
    (
        Mechanism::Ccpr,
        &[
            "Human Rights Committee",
            "Comité des droits de l'homme",
            "Comité de Derechos Humanos",
            "Комитет по правам человека",
            "اللجنة المعنية بحقوق الإنسان",
            "人权事务委员会",
        ],
    ),
    (
        Mechanism::Cat,
        &[
            "Committee against Torture",
            "Comité contre la torture",
            "Comité contra la Tortura",
            "Комитет против пыток",
            "لجنة مناهضة التعذيب",
            "禁止酷刑委员会",
        ],
    ),
    (
        Mechanism::Cedaw,
        &[
            "Committee on the Elimination of Discrimination against Women",
            "Comité pour l'élimination de la discrimination à l'égard des femmes",
            "Comité para la Eliminación de la Discriminación contra la Mujer",
            "Комитет по ликвидации дискриминации в отношении женщин",
            "اللجنة المعنية بالقضاء على التمييز ضد المرأة",
            "消除对妇女歧视委员会",
        ],
    ),
    (
        Mechanism::Cerd,
        &[
            "Committee on the Elimination of Racial Discrimination",
            "Comité pour l'élimination de la discrimination raciale",
            "Comité para la Eliminación de la Discriminación Racial",
            "Комитет по ликвидации расовой дискриминации",
            "لجنة القضاء على التمييز العنصري",
            "消除种族歧视委员会",
        ],
    ),
    (
        Mechanism::Cescr,
        &[
            "Committee on Economic, Social and Cultural Rights",
            "Comité des droits économiques, sociaux et culturels",
            "Comité de Derechos Económicos, Sociales y Culturales",
            "Комитет по экономическим, социальным и культурным правам",
            "اللجنة المعنية بالحقوق الاقتصادية والاجتماعية والثقافية",
            "经济、社会及文化权利委员会",
        ],
    ),
    (
        Mechanism::Crc,
        &[
            "Committee on the Rights of the Child",
            "Comité des droits de l'enfant",
            "Comité de los Derechos del Niño",
            "Комитет по правам ребенка",
            "لجنة حقوق الطفل",
            "儿童权利委员会",
        ],
    ),
    (
        Mechanism::Crpd,
        &[
            "Committee on the Rights of Persons with Disabilities",
            "Comité des droits des personnes handicapées",
            "Comité sobre los Derechos de las Personas con Discapacidad",
            "Комитет по правам инвалидов",
            "اللجنة المعنية بحقوق الأشخاص ذوي الإعاقة",
            "残疾人权利委员会",
        ],
    ),
    (
        Mechanism::Ced,
        &[
            "Committee on Enforced Disappearances",
            "Comité des disparitions forcées",
            "Comité contra la Desaparición Forzada",
            "Комитет по насильственным исчезновениям",
            "اللجنة المعنية بحالات الاختفاء القسري",
            "强迫失踪问题委员会",
        ],
    ),
    (
        Mechanism::Cmw,
        &[
            "Committee on the Protection of the Rights of All Migrant Workers",
            "Comité pour la protection des droits de tous les travailleurs migrants",
            "Comité de Protección de los Derechos de Todos los Trabajadores Migratorios",
            "Комитет по защите прав всех трудящихся-мигрантов",
            "اللجنة المعنية بحماية حقوق جميع العمال المهاجرين",
            "保护所有移徙工人及其家庭成员权利委员会",
        ],
    ),
    (
        Mechanism::Upr,
        &[
            "Universal Periodic Review",
            "Examen périodique universel",
            "Examen Periódico Universal",
            "Revisão Periódica Universal",
            "универсального периодического обзора",
            "универсальный периодический обзор",
            "الاستعراض الدوري الشامل",
            "普遍定期审议",
        ],
    ),
    (
        Mechanism::SpecialProcedures,
        &[
            "Special Rapporteur",
            "Independent Expert",
            "Working Group on Arbitrary Detention",
            "Working Group on Enforced or Involuntary Disappearances",
            "Rapporteur spécial",
            "Rapporteuse spéciale",
            "Expert indépendant",
            "Relator Especial",
            "Relatora Especial",
            "Experto Independiente",
            "Специальный докладчик",
            "Специального докладчика",
            "Независимый эксперт",
            "المقرر الخاص",
            "المقررة الخاصة",
            "الخبير المستقل",
            "特别报告员",
            "独立专家",
        ],
    ),
    (
        Mechanism::HumanRightsCouncil,
        &[
            "Human Rights Council",
            "Conseil des droits de l'homme",
            "Consejo de Derechos Humanos",
            "Совет по правам человека",
            "مجلس حقوق الإنسان",
            "人权理事会",
        ],
    ),
    (
        Mechanism::GeneralAssembly,
        &[
            "General Assembly",
            "Assemblée générale",
            "Asamblea General",
            "Генеральная Ассамблея",
            "الجمعية العامة",
        ],
    ),
];

fn body_patterns() -> &'static Vec<(Mechanism, Regex)> {
    static PATTERNS: OnceLock<Vec<(Mechanism, Regex)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        BODIES
            .iter()
            .map(|(mechanism, names)| (*mechanism, phrases(names)))
            .collect()
    })
}

fn organisation() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        phrases(&[
            "United Nations",
            "Nations Unies",
            "Naciones Unidas",
            "Организация Объединенных Наций",
            "الأمم المتحدة",
            "联合国",
        ])
    })
}

/// Type words of UN titles, first match wins: the specific before the general.
const TYPE_WORDS: &[(DocType, &[&str])] = &[
    (
        DocType::ConcludingObservations,
        &[
            "Concluding observations",
            "Observations finales",
            "Observaciones finales",
            "Заключительные замечания",
            "الملاحظات الختامية",
            "结论性意见",
        ],
    ),
    (
        DocType::GeneralComment,
        &[
            "General comment",
            "General recommendation",
            "Observation générale",
            "Recommandation générale",
            "Observación general",
            "Recomendación general",
            "Замечание общего порядка",
            "Общая рекомендация",
            "التعليق العام",
            "التوصية العامة",
            "一般性意见",
            "一般性建议",
        ],
    ),
    (
        DocType::Inadmissibility,
        &[
            "inadmissibility",
            "irrecevabilité",
            "inadmisibilidad",
            "неприемлемости",
            "عدم المقبولية",
            "不可受理",
        ],
    ),
    (
        DocType::Views,
        &[
            "Views adopted",
            "Decision adopted",
            "Constatations adoptées",
            "Décision adoptée",
            "Dictamen aprobado",
            "Decisión adoptada",
            "Соображения, принятые",
            "Решение, принятое",
            "الآراء التي اعتمدتها",
            "القرار الذي اعتمدته",
            "委员会根据《任择议定书》",
        ],
    ),
    (
        DocType::Report,
        &[
            "Report of",
            "National report",
            "Compilation",
            "Summary of",
            "Summary prepared",
            "Rapport",
            "Informe",
            "Доклад",
            "تقرير",
            "报告",
        ],
    ),
];

fn type_patterns() -> &'static Vec<(DocType, Regex)> {
    static PATTERNS: OnceLock<Vec<(DocType, Regex)>> = OnceLock::new();
    PATTERNS.get_or_init(|| {
        TYPE_WORDS
            .iter()
            .map(|(doc_type, words)| (*doc_type, phrases(words)))
            .collect()
    })
}

/// Lines that open a UN document's title.
fn title_opening() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"^(?:Report of|Report on|National report|Compilation|Summary|Views adopted|Decision adopted|Concluding observations|General comment|General recommendation|Rapport|Constatations|Décision adoptée|Observations finales|Observation générale|Recommandation générale|Informe|Dictamen|Decisión adoptada|Observaciones finales|Observación general|Recomendación general|Доклад|Соображения|Решение|Заключительные замечания|Замечание общего порядка|Общая рекомендация|تقرير|الآراء|القرار|الملاحظات الختامية|التعليق العام|التوصية العامة|.{0,40}报告|结论性意见|.{0,12}一般性意见)")
            .expect("valid regex")
    })
}

/// `State party: Sweden` on a line of its own, in the seven languages (the State is
/// group 1).
pub(crate) fn state_party_label() -> &'static Regex {
    static PATTERN: OnceLock<Regex> = OnceLock::new();
    PATTERN.get_or_init(|| {
        Regex::new(r"(?im)^\s*(?:State party|État partie|Estado parte|Государство-участник|الدولة الطرف|所涉缔约国|缔约国)\s*[:：]\s*(.+)$")
            .expect("valid regex")
    })
}

/// True when `start..end` is all of its line but for other masthead columns (`United
/// Nations      A/HRC/15/16`), not words of a sentence (`The United Nations Parallel
/// Corpus`).
fn on_a_line_of_its_own(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let after = &text[end..line_end];
    text[line_start..start].trim().is_empty()
        && (after.trim().is_empty() || after.starts_with("  "))
}

/// True when the symbol mention at `start..end` stands on a masthead line of its own
/// (alone, or beside other masthead columns), not inside a sentence or a footnote
/// (`Previously issued under the symbol A/HRC/WG.6/1/DZA/4`).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = &text[line_start..start];
    let after = &text[end..line_end];
    let column_gap = |side: &str| side.trim().is_empty() || side.contains("   ");
    let label_before = organisation().is_match(before)
        || before.trim_end().ends_with("Distr.: General")
        || before.trim_end().ends_with("General Assembly");
    (column_gap(before) || label_before) && (after.trim().is_empty() || after.starts_with("  "))
}

/// The document's own UN symbol (normalized by `hrlex_cite`) and its byte offset.
fn own_symbol(masthead: &Masthead) -> Option<(String, usize)> {
    let limit = masthead.offset_of_line(SYMBOL_LINES);
    masthead
        .mentions
        .iter()
        .filter(|mention| mention.kind == CitationKind::Un && mention.span.0 < limit)
        .find(|mention| stands_alone(&masthead.text, mention.span.0, mention.span.1))
        .map(|mention| {
            let symbol = mention.key.as_str().trim_start_matches("un:").to_string();
            (symbol, mention.span.0)
        })
}

/// The keys and facts a symbol implies.
fn read_symbol(symbol: &str, recognized: &mut Recognized) {
    recognized.add_identifier(CitationKey::from_parts("un", symbol));
    recognized.symbol = Some(symbol.to_string());
    let mechanism = mechanism_of_symbol(symbol);
    recognized.mechanism = mechanism;
    recognized.doc_type = doc_type_of_symbol(symbol);
    let parts: Vec<&str> = symbol.split('/').collect();
    let body = mechanism.and_then(|mechanism| mechanism.citation_body());
    if let (Some(body), Some(d)) = (body, parts.iter().position(|part| *part == "D")) {
        if let (Some(number), Some(year)) = (parts.get(d + 1), parts.get(d + 2)) {
            if number.chars().all(|c| c.is_ascii_digit()) && year.len() == 4 {
                recognized.add_identifier(CitationKey::new(format!("comm:{body}:{number}/{year}")));
            }
        }
    }
    if let (Some(body), Some(gc)) = (body, parts.iter().position(|part| *part == "GC")) {
        if let Some(number) = parts
            .get(gc + 1)
            .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
        {
            recognized.add_identifier(CitationKey::new(format!("gc:{body}:{number}")));
        }
    }
    if let Some(wg) = parts.iter().position(|part| *part == "WG.6") {
        recognized.mechanism = Some(Mechanism::Upr);
        recognized.doc_type = Some(DocType::Report);
        recognized.body = Some("Working Group on the Universal Periodic Review".into());
        let state = parts.get(wg + 2).and_then(|code| state_from_iso3(code));
        let kind = match parts.get(wg + 3).copied() {
            Some("1") => Some("National report"),
            Some("2") => Some("Compilation of UN information"),
            Some("3") => Some("Summary of stakeholders' submissions"),
            _ => None,
        };
        if let (Some(kind), Some(state)) = (kind, &state) {
            recognized.title = Some(format!("Universal Periodic Review, {kind}: {state}"));
        }
        if let Some(state) = state {
            recognized.add_state(state);
        }
        return;
    }
    // The State of a country-specific symbol (`CEDAW/C/MEX/CO/7-8`, `CCPR/C/ITA/6`).
    for part in parts.iter().skip(1) {
        if part.len() == 3 && part.chars().all(|c| c.is_ascii_uppercase()) {
            if let Some(state) = state_from_iso3(part) {
                recognized.add_state(state);
                break;
            }
        }
    }
}

fn is_footnote_mark(line: &str) -> bool {
    line.chars().all(|c| matches!(c, '*' | '∗' | ' ' | '†'))
}

/// The title: the first line opening a UN title after the symbol, with the lines that
/// continue it, and for a UPR report the State line under it.
fn title_after(masthead: &Masthead, from: usize) -> Option<String> {
    let lines: Vec<(usize, &str)> = masthead.lines().collect();
    let first = lines
        .iter()
        .position(|(offset, line)| *offset >= from && title_opening().is_match(line.trim()))?;
    let mut title = lines[first].1.trim().to_string();
    let mut rest = lines.iter().skip(first + 1).map(|(_, line)| line.trim());
    let state_line = |line: &str| {
        let bare = line.trim_end_matches(['*', '∗', ' ']);
        leading_state(bare)
            .filter(|(_, taken)| taken.trim().len() == bare.len())
            .map(|(state, _)| state)
    };
    // The lines of the title's block (up to a blank line) continue it; a UPR report
    // names its State on a line of its own, in the block or the next (`Algeria ∗`).
    let mut state = None;
    let mut block_ended = false;
    for line in rest.by_ref().take(4) {
        if let Some(found) = state_line(line) {
            state = Some(found);
            break;
        }
        if line.is_empty() || is_footnote_mark(line) || title.len() > 240 {
            block_ended = true;
            break;
        }
        title.push(' ');
        title.push_str(line);
    }
    if block_ended {
        state = rest
            .find(|line| !line.is_empty() && !is_footnote_mark(line))
            .and_then(state_line);
    }
    if let Some(state) = state {
        title = format!("{title}: {state}");
    }
    Some(title)
}

pub(crate) fn recognize(masthead: &Masthead) -> Option<Candidate> {
    let mut recognized = Recognized::default();
    let symbol = own_symbol(masthead);
    let body_limit = masthead.offset_of_line(40);
    let named_body = body_patterns()
        .iter()
        .filter_map(|(mechanism, pattern)| {
            pattern
                .find(&masthead.text[..body_limit])
                .map(|found| (found.start(), *mechanism))
        })
        .min_by_key(|(offset, mechanism)| {
            // A committee or mandate is more telling than the organ that publishes it,
            // and the Council than the Assembly whose documents it issues (`A/HRC/…`).
            let generality = match mechanism {
                Mechanism::GeneralAssembly => 2,
                Mechanism::HumanRightsCouncil => 1,
                _ => 0,
            };
            (generality, *offset)
        });
    let organisation_at = organisation()
        .find_iter(&masthead.text[..masthead.offset_of_line(8)])
        .find(|found| on_a_line_of_its_own(&masthead.text, found.start(), found.end()))
        .map(|found| found.start());
    // Without a symbol or the organisation's name, a body names the document only when
    // its name opens a line of the title block (not `… of the Working Group on …`).
    let body_opens_a_line = named_body.is_some_and(|(at, _)| {
        let line_start = masthead.text[..at].rfind('\n').map_or(0, |i| i + 1);
        masthead.text[line_start..at].trim().is_empty()
    });
    let anchor = [
        symbol.as_ref().map(|(_, at)| *at),
        organisation_at,
        named_body.map(|(at, _)| at),
    ]
    .into_iter()
    .flatten()
    .min()?;
    // A body named far below, without a symbol or the organisation's name, is a
    // citation in someone else's document.
    if symbol.is_none()
        && organisation_at.is_none()
        && (!body_opens_a_line || anchor > masthead.offset_of_line(12))
    {
        return None;
    }
    let symbol_at = symbol.as_ref().map_or(0, |(_, at)| *at);
    if let Some((symbol, _)) = &symbol {
        read_symbol(symbol, &mut recognized);
    }
    if let Some((_, named)) = named_body {
        let generic_from_symbol = matches!(
            recognized.mechanism,
            None | Some(Mechanism::HumanRightsCouncil) | Some(Mechanism::GeneralAssembly)
        );
        if generic_from_symbol {
            recognized.mechanism = Some(named);
        }
    }
    let type_zone = &masthead.text[symbol_at.min(masthead.text.len())..body_limit.max(symbol_at)];
    let worded_type = type_patterns()
        .iter()
        .find(|(_, pattern)| pattern.is_match(type_zone))
        .map(|(doc_type, _)| *doc_type);
    match (recognized.doc_type, worded_type) {
        (None, worded) => recognized.doc_type = worded,
        (Some(DocType::Views), Some(DocType::Inadmissibility)) => {
            recognized.doc_type = Some(DocType::Inadmissibility)
        }
        _ => {}
    }
    let date_zone_end = masthead.offset_of_line(30);
    recognized.date = dates::first_date_from(&masthead.text[..date_zone_end], symbol_at);
    if recognized.states.is_empty() {
        if let Some(captures) = state_party_label().captures(&masthead.text) {
            if let Some(state) = state_from_name(&captures[1]) {
                recognized.add_state(state);
            }
        }
    }
    if recognized.title.is_none() {
        recognized.title = title_after(masthead, symbol_at);
    }
    if recognized.states.is_empty() && recognized.mechanism == Some(Mechanism::Upr) {
        if let Some(title) = &recognized.title {
            if let Some((_, state)) = title.rsplit_once(": ") {
                if let Some(state) = state_from_name(state) {
                    recognized.add_state(state);
                }
            }
        }
    }
    recognized.work_id = recognized
        .symbol
        .as_ref()
        .map(|symbol| format!("un:{symbol}"));
    recognized.mechanism?;
    Some(Candidate { anchor, recognized })
}

#[cfg(test)]
mod tests {
    use super::super::recognize as recognize_text;
    use super::*;

    /// `upr/reports/algeria2008.pdf`, first page (pdftotext, blank lines kept).
    const ALGERIA_2008: &str = "UNITED\nNATIONS\n\nA\nGeneral Assembly\n\nDistr.\nGENERAL\nA/HRC/8/29\n23 May 2008\nOriginal: ENGLISH\n\nHUMAN RIGHTS COUNCIL\nEighth session\nAgenda item 6\n\nUNIVERSAL PERIODIC REVIEW\nReport of the Working Group on the Universal Periodic Review\nAlgeria ∗\n\n∗\n\nPreviously issued under the symbol A/HRC/WG.6/1/DZA /4; minor revisions have been\nadded under the authority of the secretariat of the Human Rights Council, on the basis of editorial\nGE.07-13682\n";

    /// `upr/reports/belarus2010.pdf`, first page as printed (pdftotext), with its
    /// running header, the symbol.
    const BELARUS_2010: &str = "A/HRC/15/16\n\nUnited Nations\n\nGeneral Assembly\n\nDistr.: General\n21 June 2010\nOriginal: English\n\nHuman Rights Council\nFifteenth session\nAgenda item 6\nUniversal Periodic Review\n\nReport of the Working Group on the Universal\nPeriodic Review\n*\n\nBelarus\n\n*\n\n\nPreviously issued under document symbol A/HRC/WG.6/8/L.15.";

    #[test]
    fn a_upr_working_group_report() {
        let recognized = recognize_text(ALGERIA_2008, "doc1.pdf");
        assert_eq!(recognized.symbol.as_deref(), Some("A/HRC/8/29"));
        assert_eq!(recognized.mechanism, Some(Mechanism::Upr));
        assert_eq!(recognized.doc_type, Some(DocType::Report));
        assert_eq!(recognized.date.as_deref(), Some("2008-05-23"));
        assert_eq!(recognized.states, ["Algeria"]);
        assert_eq!(
            recognized.title.as_deref(),
            Some("Report of the Working Group on the Universal Periodic Review: Algeria")
        );
        assert_eq!(recognized.work_id.as_deref(), Some("un:A/HRC/8/29"));
        assert!(!recognized
            .identifiers
            .iter()
            .any(|key| key.as_str().contains("WG.6")));

        let belarus = recognize_text(BELARUS_2010, "doc2.pdf");
        assert_eq!(belarus.symbol.as_deref(), Some("A/HRC/15/16"));
        assert_eq!(belarus.date.as_deref(), Some("2010-06-21"));
        assert_eq!(belarus.states, ["Belarus"]);
        assert_eq!(
            belarus.title.as_deref(),
            Some("Report of the Working Group on the Universal Periodic Review: Belarus")
        );
    }

    #[test]
    fn mastheads_in_russian_arabic_and_chinese() {
        // Masthead lines of the UN Parallel Corpus (multilingual/un-parallel-corpus/
        // devset, lines 461, 2838 and 160 of the .ru, .ar and .zh files, 242 of .ar).
        let cases = [
            (
                "Генеральная Ассамблея\n\nСовет по правам человека\n28 октября 2014 года\n",
                "2014-10-28",
            ),
            (
                "الجمعية العامة\n\nمجلس حقوق الإنسان\n١١ آذار/مارس ٢٠١٥\n",
                "2015-03-11",
            ),
            ("人权理事会\n2014年10月28日\n", "2014-10-28"),
        ];
        for (text, date) in cases {
            let recognized = recognize_text(text, "doc.txt");
            assert_eq!(
                recognized.mechanism,
                Some(Mechanism::HumanRightsCouncil),
                "{text}"
            );
            assert_eq!(recognized.date.as_deref(), Some(date), "{text}");
        }
        let torture = recognize_text("Комитет против пыток\n", "doc.txt");
        assert_eq!(torture.mechanism, Some(Mechanism::Cat));
    }

    #[test]
    fn what_a_symbol_implies() {
        let mut views = Recognized::default();
        read_symbol("CCPR/C/130/D/2970/2017", &mut views);
        assert_eq!(views.mechanism, Some(Mechanism::Ccpr));
        assert_eq!(views.doc_type, Some(DocType::Views));
        assert!(views
            .identifiers
            .contains(&CitationKey::new("comm:CCPR:2970/2017")));

        let mut summary = Recognized::default();
        read_symbol("A/HRC/WG.6/34/ITA/3", &mut summary);
        assert_eq!(summary.mechanism, Some(Mechanism::Upr));
        assert_eq!(summary.doc_type, Some(DocType::Report));
        assert_eq!(summary.states, ["Italy"]);
        assert_eq!(
            summary.title.as_deref(),
            Some("Universal Periodic Review, Summary of stakeholders' submissions: Italy")
        );

        let mut observations = Recognized::default();
        read_symbol("CEDAW/C/MEX/CO/7-8", &mut observations);
        assert_eq!(observations.doc_type, Some(DocType::ConcludingObservations));
        assert_eq!(observations.states, ["Mexico"]);

        let mut comment = Recognized::default();
        read_symbol("E/C.12/GC/24", &mut comment);
        assert_eq!(comment.mechanism, Some(Mechanism::Cescr));
        assert!(comment
            .identifiers
            .contains(&CitationKey::new("gc:CESCR:24")));
    }
}
