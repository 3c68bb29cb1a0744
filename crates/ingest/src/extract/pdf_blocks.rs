//! Paragraph breaks from the layout of a PDF page, where pdftotext's reading-order text
//! has none: a title block, a list of judges and the first paragraph of a judgment are
//! printed as separate blocks with white space between them, but `pdftotext` writes
//! their lines one after the other. `pdftotext -bbox-layout` gives the same lines, in the
//! same order, grouped in poppler's text blocks with their coordinates; this module puts
//! a blank line between lines of different blocks (the segmenter's paragraph boundary),
//! and puts back on one line the pieces of a line that poppler split into blocks of
//! their own (a footnote number beside its text, a justified line's last words).
//!
//! The text itself stays pdftotext's (its reading order handles Arabic); only line
//! breaks change. A page whose lines do not correspond one to one is left as it was.

use super::pdf::run_tool;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// One printed line: its block, its vertical extent, where it starts, its first word.
#[derive(Debug, Clone, PartialEq)]
pub struct LineBox {
    pub block: usize,
    pub y_min: f32,
    pub y_max: f32,
    pub x_min: f32,
    pub first_word: String,
}

/// The lines of every page of `path`, from `pdftotext -bbox-layout`; `None` when the
/// tool fails (the text is then used as it is).
pub fn page_lines(path: &Path, timeout: Duration) -> Option<Vec<Vec<LineBox>>> {
    let output = run_tool(
        path,
        "pdftotext",
        Command::new("pdftotext")
            .args(["-enc", "UTF-8", "-bbox-layout"])
            .arg(path)
            .arg("-"),
        timeout,
    )
    .ok()?;
    if !output.status_ok {
        return None;
    }
    parse(&String::from_utf8_lossy(&output.stdout)).ok()
}

fn number(element: &BytesStart<'_>, name: &str) -> f32 {
    element
        .try_get_attribute(name)
        .ok()
        .flatten()
        .and_then(|attribute| attribute.value.trim().parse().ok())
        .unwrap_or(0.0)
}

/// Reads the `<page>`, `<block>`, `<line>` and `<word>` elements of the XHTML.
fn parse(xhtml: &str) -> Result<Vec<Vec<LineBox>>, quick_xml::Error> {
    let mut reader = Reader::from_str(xhtml);
    let mut pages: Vec<Vec<LineBox>> = Vec::new();
    let mut block = 0;
    let mut in_first_word = false;
    loop {
        match reader.read_event()? {
            Event::Start(element) => match element.local_name().as_ref() {
                "page" => pages.push(Vec::new()),
                "block" => block += 1,
                "line" => {
                    if let Some(page) = pages.last_mut() {
                        page.push(LineBox {
                            block,
                            y_min: number(&element, "yMin"),
                            y_max: number(&element, "yMax"),
                            x_min: number(&element, "xMin"),
                            first_word: String::new(),
                        });
                    }
                }
                "word" => {
                    in_first_word = pages
                        .last()
                        .and_then(|page| page.last())
                        .is_some_and(|line| line.first_word.is_empty());
                }
                _ => {}
            },
            Event::Text(text) if in_first_word => {
                if let Some(line) = pages.last_mut().and_then(|page| page.last_mut()) {
                    line.first_word.push_str(&text.xml10_content());
                }
            }
            Event::GeneralRef(_) if in_first_word => {
                // An entity (`&amp;`) in the first word: the word is still non-empty.
                if let Some(line) = pages.last_mut().and_then(|page| page.last_mut()) {
                    line.first_word.push('&');
                }
            }
            Event::End(element) if element.local_name().as_ref() == "word" => {
                in_first_word = false;
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

/// True when two lines share a baseline: their vertical extents overlap by more than
/// half the smaller height.
fn same_line(a: &LineBox, b: &LineBox) -> bool {
    let overlap = a.y_max.min(b.y_max) - a.y_min.max(b.y_min);
    let height = (a.y_max - a.y_min).min(b.y_max - b.y_min);
    height > 0.0 && overlap > height / 2.0
}

/// Each text line with its box. pdftotext joins a line ending with a hyphen to the next
/// one (`MABINDLA-` / `BOQWANA`) where the layout keeps two: a box that starts no text
/// line is skipped when the next one does. `None` when the lines do not correspond.
fn pair_lines<'a, 'b>(
    lines: &[&'a str],
    boxes: &'b [LineBox],
) -> Option<Vec<(&'a str, &'b LineBox)>> {
    let starts = |line: &str, line_box: &LineBox| {
        let first: String = line_box.first_word.chars().take(3).collect();
        line.trim_start().starts_with(&first)
    };
    if lines.is_empty() || boxes.len() < lines.len() {
        return None;
    }
    let mut paired = Vec::with_capacity(lines.len());
    let mut next = 0;
    for line in lines {
        let line_box = boxes.get(next)?;
        if starts(line, line_box) {
            next += 1;
        } else if next > 0 && boxes.get(next + 1).is_some_and(|after| starts(line, after)) {
            next += 2;
        } else {
            return None;
        }
        paired.push((*line, &boxes[next - 1]));
    }
    // What is left can only be the last line's hyphenated end.
    (boxes.len() - next <= 1).then_some(paired)
}

/// `page` (pdftotext's text of one page) with a blank line between lines of different
/// blocks and split lines joined, or `None` when its lines and `boxes` do not
/// correspond.
pub fn with_block_breaks(page: &str, boxes: &[LineBox]) -> Option<String> {
    let lines: Vec<&str> = page
        .lines()
        .filter(|line| !line.trim().is_empty())
        .collect();
    let paired = pair_lines(&lines, boxes)?;
    let boxes: Vec<&LineBox> = paired.iter().map(|(_, line_box)| *line_box).collect();
    // The lines of the page after joining: (text, its box) — a joined line keeps the box
    // of the one it was joined to.
    let mut merged: Vec<(String, &LineBox)> = Vec::with_capacity(lines.len());
    for (line, line_box) in paired {
        let alone = |block: usize| boxes.iter().filter(|other| other.block == block).count() == 1;
        let joined_to = merged.iter().rposition(|(_, earlier)| {
            earlier.block != line_box.block
                && (alone(line_box.block) || alone(earlier.block))
                && same_line(earlier, line_box)
        });
        match joined_to {
            // Only the last few lines are candidates: a split is of the line just read.
            Some(index) if merged.len() - index <= 3 => {
                let (text, earlier) = &mut merged[index];
                if line_box.x_min >= earlier.x_min {
                    text.push(' ');
                    text.push_str(line.trim());
                } else {
                    *text = format!("{} {}", line.trim(), text);
                }
                // The joined line belongs to the block that carries on below (a footnote
                // number joins its text's block, not the other way round).
                if alone(earlier.block) && !alone(line_box.block) {
                    *earlier = line_box;
                }
            }
            _ => merged.push((line.trim_end().to_string(), line_box)),
        }
    }
    let mut text = String::with_capacity(page.len() + merged.len());
    for (index, (line, line_box)) in merged.iter().enumerate() {
        if index > 0 && merged[index - 1].1.block != line_box.block {
            text.push('\n');
        }
        text.push_str(line);
        text.push('\n');
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(block: usize, y: f32, x: f32, word: &str) -> LineBox {
        LineBox {
            block,
            y_min: y,
            y_max: y + 12.0,
            x_min: x,
            first_word: word.to_string(),
        }
    }

    #[test]
    fn blocks_become_paragraphs_and_split_lines_are_joined() {
        // Page 1 of iacthr/pdfs/98334.pdf, as pdftotext prints it and as -bbox-layout
        // groups it (coordinates rounded).
        let page = "CORTE INTERAMERICANA DE DIREITOS HUMANOS\n\
                    SENTENÇA DE 28 DE NOVEMBRO DE 2012\n\
                    (Exceções Preliminares, Mérito, Reparações e Custas)\n\
                    a Corte Interamericana de Direitos Humanos (doravante denominada\n\
                    Interamericana”, “a Corte” ou “o Tribunal”), integrada pelos seguintes\n\
                    \n“a\n\nCorte\n\n1\n\nEm conformidade com o artigo 19.1\n\
                    do presente caso.\n";
        let boxes = [
            line(1, 71.0, 164.0, "CORTE"),
            line(2, 144.0, 189.0, "SENTENÇA"),
            line(2, 156.0, 154.0, "(Exceções"),
            line(3, 217.0, 72.0, "a"),
            line(3, 229.0, 72.0, "Interamericana”,"),
            line(4, 217.0, 490.0, "“a"),
            line(5, 217.0, 512.0, "Corte"),
            line(6, 629.6, 72.0, "1"),
            line(7, 629.9, 107.0, "Em"),
            line(7, 640.0, 72.0, "do"),
        ];
        let rebuilt = with_block_breaks(page, &boxes).expect("lines correspond");
        assert_eq!(
            rebuilt,
            "CORTE INTERAMERICANA DE DIREITOS HUMANOS\n\n\
             SENTENÇA DE 28 DE NOVEMBRO DE 2012\n\
             (Exceções Preliminares, Mérito, Reparações e Custas)\n\n\
             a Corte Interamericana de Direitos Humanos (doravante denominada “a Corte\n\
             Interamericana”, “a Corte” ou “o Tribunal”), integrada pelos seguintes\n\n\
             1 Em conformidade com o artigo 19.1\n\
             do presente caso.\n"
        );
    }

    #[test]
    fn lines_that_do_not_correspond_leave_the_page_alone() {
        let boxes = [line(1, 10.0, 10.0, "Другой")];
        assert_eq!(with_block_breaks("Первая строка\n", &boxes), None);
        assert_eq!(with_block_breaks("a\nb\n", &boxes), None);
    }

    #[test]
    fn the_xhtml_of_pdftotext_is_read() {
        let xhtml = r#"<html><body><doc><page width="612" height="792">
            <flow><block xMin="1" yMin="2" xMax="3" yMax="4">
            <line xMin="72.0" yMin="100.5" xMax="300" yMax="112.5"><word xMin="72" yMin="100" xMax="90" yMax="112">مجلس</word><word>x</word></line>
            </block><block><line xMin="80" yMin="130" xMax="90" yMax="142"><word>A&amp;B</word></line></block></flow>
            </page></doc></body></html>"#;
        let pages = parse(xhtml).unwrap();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].len(), 2);
        assert_eq!(pages[0][0].first_word, "مجلس");
        assert_eq!(pages[0][0].block, 1);
        assert_eq!(pages[0][1].block, 2);
        assert!(pages[0][1].first_word.starts_with('A'));
        assert_eq!(pages[0][0].x_min, 72.0);
    }
}
