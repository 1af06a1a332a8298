//! The sheet on A4 pages: blocks (the head, one place each) placed one after the other, a block
//! never split across pages unless it is taller than a page; the closing words when they fit;
//! the foot of every page.

use super::SheetOptions;
use super::compose::{Block, Both};
use super::layout::{Layouter, Style, line_height};
use super::marks::{MARGIN, Mark, PAGE_H, PAGE_W, Role, mark_bottom, mark_top, shift};
use super::text;

/// The size of the foot of the page's words.
const FOOT: f32 = 11.5;

/// The height the foot of each page takes above the bottom margin.
pub fn footer_height(footer: Option<&Both>) -> f32 {
    let lines = footer.map_or(1, |f| 1 + usize::from(f.person.is_some()));
    lines as f32 * line_height(FOOT) + 10.0
}

/// The foot of a page: a thin rule, who gave the sheet (in the person's language on its side,
/// then in French), and the page's number on the right of the last line.
pub fn footer(options: SheetOptions, footer: Option<&Both>, page_label: Option<&str>) -> Vec<Mark> {
    let full = Layouter::across(options);
    let top = PAGE_H - MARGIN - footer_height(footer);
    let mut marks = vec![Mark::Rule { y: top + 4.0 }];
    let mut y = top + 6.0;
    if let Some(f) = footer {
        if let Some(person) = &f.person {
            y = full.full(&mut marks, person, full.person(FOOT), y);
        }
        y = full.full(&mut marks, &f.french, Style::new(FOOT), y);
    } else {
        y += line_height(FOOT);
    }
    if let Some(label) = page_label {
        let style = Style::new(FOOT - 1.5).grey();
        let width = text::measure(label, style.size, false);
        let start = marks.len();
        full.put(
            &mut marks,
            label,
            style,
            PAGE_W - MARGIN - width,
            y - FOOT * 0.35,
        );
        for mark in &mut marks[start..] {
            if let Mark::Text { role, .. } = mark {
                *role = Role::PageNumber;
            }
        }
    }
    marks
}

/// The pages of the sheet, each a list of marks, leaving `reserve` points at the foot. The
/// `closing` block follows the last one when it fits on its page, and is left out otherwise.
pub fn pages(
    blocks: &[Block],
    closing: &Block,
    options: SheetOptions,
    reserve: f32,
) -> Vec<Vec<Mark>> {
    let layouter = Layouter::new(options);
    let bottom = PAGE_H - MARGIN - reserve;
    let mut pages: Vec<Vec<Mark>> = vec![Vec::new()];
    let mut y = MARGIN;
    for block in blocks {
        let laid = layouter.block(block);
        let fits = y + laid.height <= bottom;
        let page_is_fresh = pages.last().is_some_and(Vec::is_empty);
        if !fits && !page_is_fresh {
            pages.push(Vec::new());
            y = MARGIN;
        }
        if y + laid.height <= bottom {
            if let Some(page) = pages.last_mut() {
                page.extend(laid.marks.into_iter().map(|m| shift(m, y)));
            }
            y += laid.height;
            continue;
        }
        // Taller than a page: mark by mark from the top (the two columns of a row together),
        // a new page whenever the next one would not fit.
        let mut marks = laid.marks;
        marks.sort_by(|a, b| mark_top(a).total_cmp(&mark_top(b)));
        let mut delta = y;
        for mark in marks {
            if mark_bottom(&mark) + delta > bottom {
                pages.push(Vec::new());
                delta = MARGIN - mark_top(&mark);
            }
            if let Some(page) = pages.last_mut() {
                page.push(shift(mark, delta));
            }
        }
        y = pages
            .last()
            .and_then(|p| p.iter().map(mark_bottom).reduce(f32::max))
            .unwrap_or(MARGIN);
    }
    let laid = layouter.block(closing);
    if y + laid.height <= bottom
        && let Some(page) = pages.last_mut()
    {
        page.extend(laid.marks.into_iter().map(|m| shift(m, y)));
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sheet::SheetLanguage;
    use crate::sheet::compose::Item;

    fn both(french: &str) -> Both {
        Both {
            person: None,
            french: french.to_owned(),
        }
    }

    #[test]
    fn a_place_taller_than_a_page_flows_over_pages_and_stays_inside_them() {
        let long =
            "Apporter une pièce d'identité, un justificatif de domicile et le courrier reçu. "
                .repeat(40);
        let column = |label: &str| vec![Item::Label(None, both(label)), Item::Value(long.clone())];
        let block = vec![
            Item::Name("1. Maison des services".into()),
            Item::Columns(column("À savoir"), column("À apporter")),
        ];
        for language in [SheetLanguage::Fr, SheetLanguage::Ar] {
            let options = SheetOptions {
                language,
                easy_read: false,
            };
            let reserve = 40.0;
            let pages = pages(&[Vec::new(), block.clone()], &Vec::new(), options, reserve);
            assert!(pages.len() > 2, "{language}: it takes several pages");
            for (n, page) in pages.iter().enumerate() {
                for mark in page {
                    assert!(
                        mark_top(mark) >= MARGIN - 20.0
                            && mark_bottom(mark) <= PAGE_H - MARGIN - reserve + 0.5,
                        "{language}: page {n} has a mark outside it: {} to {}",
                        mark_top(mark),
                        mark_bottom(mark)
                    );
                }
            }
        }
    }
}
