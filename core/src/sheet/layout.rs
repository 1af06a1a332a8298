//! The sheet on A4 pages: each item becomes lines and marks at their place; a block (the head,
//! one service, the closing) is never split across pages unless it is taller than a page.
//! Lengths in points, from the page's top-left corner.

use super::SheetOptions;
use super::compose::{Block, Both, Item, Picto};
use super::text::{self, Line};

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
const MARGIN: f32 = 42.5;
/// Room for the easy-read pictograms, on the side where the person's language starts.
const GUTTER: f32 = 46.0;
const QR: f32 = 62.0;

/// How dark a text is printed: the person's language in black, its French echo in dark grey.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ink {
    Black,
    Grey,
}

/// What a line of text is, for the PDF's structure (screen readers, reflow).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The sheet's title, a place's name, a section's heading.
    Heading(u16),
    Paragraph,
    /// The page's number.
    PageNumber,
}

/// Something drawn on a page.
#[derive(Debug, Clone)]
pub enum Mark {
    /// A line of text, its baseline starting at (x, y); `person` when it is in the person's
    /// language, else French.
    Text {
        line: Line,
        x: f32,
        y: f32,
        ink: Ink,
        role: Role,
        person: bool,
    },
    Rule {
        y: f32,
    },
    /// A pictogram; `mirror` turns it to face right-to-left reading.
    Picto {
        picto: Picto,
        x: f32,
        y: f32,
        size: f32,
        mirror: bool,
    },
    /// A QR code's dark modules, `width` modules a side, drawn in a square of `size`, and the
    /// address it holds.
    Qr {
        link: String,
        dark: Vec<bool>,
        width: usize,
        x: f32,
        y: f32,
        size: f32,
    },
}

/// How a text is printed.
#[derive(Debug, Clone, Copy)]
struct Style {
    size: f32,
    bold: bool,
    ink: Ink,
    rtl: bool,
    /// In the person's language (else French).
    person: bool,
}

impl Style {
    fn new(size: f32) -> Style {
        Style {
            size,
            bold: false,
            ink: Ink::Black,
            rtl: false,
            person: false,
        }
    }

    fn bold(self) -> Style {
        self.bold_if(true)
    }

    fn bold_if(self, bold: bool) -> Style {
        Style { bold, ..self }
    }

    fn grey(self) -> Style {
        Style {
            ink: Ink::Grey,
            ..self
        }
    }

    fn rtl(self, rtl: bool) -> Style {
        Style { rtl, ..self }
    }

    /// Arabic script takes more room above and below its letters (dots, vowel marks) than
    /// Latin: its lines are further apart, so that nothing touches the French line below.
    fn line_height(self) -> f32 {
        if self.rtl {
            self.size * 1.6
        } else {
            line_height(self.size)
        }
    }
}

/// The sizes of one variant, in points.
struct Sizes {
    title: f32,
    name: f32,
    heading: f32,
    body: f32,
    echo: f32,
    picto: f32,
    /// The space before a label.
    gap: f32,
}

const STANDARD: Sizes = Sizes {
    title: 22.0,
    name: 17.0,
    heading: 15.5,
    body: 14.0,
    echo: 12.5,
    picto: 0.0,
    gap: 5.0,
};

const EASY: Sizes = Sizes {
    title: 24.0,
    name: 20.0,
    heading: 18.0,
    body: 17.0,
    echo: 13.0,
    picto: 32.0,
    gap: 3.0,
};

/// Marks relative to the top of their block, and its height.
struct Laid {
    marks: Vec<Mark>,
    height: f32,
}

#[derive(Clone, Copy)]
struct Layouter {
    options: SheetOptions,
    sizes: &'static Sizes,
    /// The text column, between the margins and beside the easy-read gutter.
    left: f32,
    right: f32,
}

fn line_height(size: f32) -> f32 {
    size * 1.38
}

impl Layouter {
    fn new(options: SheetOptions) -> Layouter {
        let rtl = options.language.is_rtl();
        let gutter = if options.easy_read { GUTTER } else { 0.0 };
        Layouter {
            options,
            sizes: if options.easy_read { &EASY } else { &STANDARD },
            left: MARGIN + if rtl { 0.0 } else { gutter },
            right: PAGE_W - MARGIN - if rtl { gutter } else { 0.0 },
        }
    }

    fn rtl(&self) -> bool {
        self.options.language.is_rtl()
    }

    /// Adds `text` as a paragraph at `y`, aligned on the side its direction starts, between
    /// `left` and `right`; returns the new `y`.
    fn paragraph(
        &self,
        out: &mut Vec<Mark>,
        text: &str,
        style: Style,
        (left, right): (f32, f32),
        mut y: f32,
    ) -> f32 {
        for line in text::wrap(text, style.size, style.bold, style.rtl, right - left) {
            y += style.line_height();
            let x = if style.rtl { right - line.width } else { left };
            out.push(Mark::Text {
                line,
                x,
                y: y - style.size * 0.35,
                ink: style.ink,
                role: Role::Paragraph,
                person: style.person,
            });
        }
        y
    }

    /// A paragraph across the whole column.
    fn full(&self, out: &mut Vec<Mark>, text: &str, style: Style, y: f32) -> f32 {
        self.paragraph(out, text, style, (self.left, self.right), y)
    }

    /// The style of the person's language at `size`.
    fn person(&self, size: f32) -> Style {
        Style {
            person: true,
            ..Style::new(size).rtl(self.rtl())
        }
    }

    /// A fixed text in the person's language then in French, one paragraph each.
    fn both(&self, out: &mut Vec<Mark>, b: &Both, size: f32, bold: bool, y: f32) -> f32 {
        let Some(person) = &b.person else {
            return self.full(out, &b.french, Style::new(size).bold_if(bold), y);
        };
        let y = self.full(out, person, self.person(size).bold_if(bold), y);
        let echo = if bold { size * 0.9 } else { self.sizes.echo };
        self.full(
            out,
            &b.french,
            Style::new(echo).bold_if(bold).grey(),
            y - echo * 0.12,
        )
    }

    /// The title: the person's, then the French one on the same line when both fit (right to
    /// left, the person's on the right and the French on the left: each reader starts on their
    /// own side).
    fn title(&self, out: &mut Vec<Mark>, b: &Both, y: f32) -> f32 {
        let size = self.sizes.title;
        if let Some(person) = &b.person {
            let french = Style::new(size * 0.8).bold().grey();
            let person_w = text::measure(person, size, true);
            let french_w = text::measure(&b.french, french.size, true);
            if person_w + french_w + size < self.right - self.left {
                let after = self.full(out, person, self.person(size).bold(), y);
                let baseline = y + self.person(size).line_height() - size * 0.35;
                let x = if self.rtl() {
                    self.left
                } else {
                    self.left + person_w + size
                };
                self.put(out, &b.french, french, x, baseline);
                return after;
            }
        }
        self.both(out, b, size, true, y)
    }

    /// A label: in the person's language, then its French beside it when both fit on a line
    /// (on the left for a right-to-left language: each reader starts on their own side).
    fn label(&self, out: &mut Vec<Mark>, b: &Both, y: f32) -> f32 {
        let size = self.sizes.body;
        let Some(person) = &b.person else {
            return self.full(out, &b.french, Style::new(size).bold(), y);
        };
        let french = Style::new(size * 0.9).bold().grey();
        let person_w = text::measure(person, size, true);
        let french_w = text::measure(&b.french, french.size, true);
        if person_w + french_w + 24.0 > self.right - self.left {
            return self.both(out, b, size, true, y);
        }
        let after = self.full(out, person, self.person(size).bold(), y);
        if self.rtl() {
            self.full(out, &b.french, french, y);
        } else {
            let beside = (
                self.left + person_w + text::measure(" ", size, true),
                self.right,
            );
            self.paragraph(out, &format!("· {}", b.french), french, beside, y);
        }
        after
    }

    /// One line of `text` on `baseline`, its start at `x` (its right end, right to left);
    /// returns its width.
    fn put(&self, out: &mut Vec<Mark>, text: &str, style: Style, x: f32, baseline: f32) -> f32 {
        let Some(line) = text::wrap(text, style.size, style.bold, style.rtl, f32::MAX)
            .into_iter()
            .next()
        else {
            return 0.0;
        };
        let width = line.width;
        out.push(Mark::Text {
            x: if style.rtl { x - width } else { x },
            y: baseline,
            line,
            ink: style.ink,
            role: Role::Paragraph,
            person: style.person,
        });
        width
    }

    /// A label and its one value on one line, when they fit: "Téléphone : 04…", "Phone ·
    /// Téléphone : 04…", or, right to left, the person's label on the right and "Téléphone :
    /// 04…" on the left.
    fn inline_field(&self, out: &mut Vec<Mark>, b: &Both, value: &str, y: f32) -> Option<f32> {
        let size = self.sizes.body;
        let width = self.right - self.left;
        let value_w = text::measure(value, size, false);
        let gap = text::measure(" ", size, false);
        let baseline = y + line_height(size) - size * 0.35;
        let mut marks = Vec::new();
        let mut x = self.left;
        match &b.person {
            None => {
                let label = format!("{}\u{a0}:", b.french);
                let label_w = text::measure(&label, size, true);
                if label_w + gap + value_w > width {
                    return None;
                }
                x += self.put(&mut marks, &label, Style::new(size).bold(), x, baseline) + gap;
            }
            Some(person) => {
                let french = if self.rtl() {
                    format!("{}\u{a0}:", b.french)
                } else {
                    format!("· {}\u{a0}:", b.french)
                };
                let french_style = Style::new(size * 0.9).bold().grey();
                let person_w = text::measure(person, size, true);
                let french_w = text::measure(&french, french_style.size, true);
                if person_w + french_w + value_w + 3.0 * gap > width {
                    return None;
                }
                // The person's label where their reading starts: on the right, right to left.
                let person_x = if self.rtl() { self.right } else { x };
                let drawn = self.put(
                    &mut marks,
                    person,
                    self.person(size).bold(),
                    person_x,
                    baseline,
                );
                if !self.rtl() {
                    x += drawn + gap;
                }
                x += self.put(&mut marks, &french, french_style, x, baseline) + gap;
            }
        }
        self.put(&mut marks, value, Style::new(size), x, baseline);
        out.extend(marks);
        Some(baseline + size * 0.35)
    }

    fn field(
        &self,
        out: &mut Vec<Mark>,
        picto: Option<Picto>,
        b: &Both,
        values: &[String],
        y: f32,
    ) -> f32 {
        if let Some(p) = picto {
            self.picto(out, p, y);
        }
        // On the easy-read sheet, what has a pictogram keeps its own lines (one idea a line);
        // the date, the name and the centre share the label's line as on the standard one.
        if let ([value], None) = (values, picto)
            && let Some(next) = self.inline_field(out, b, value, y)
        {
            return next;
        }
        let mut y = self.label(out, b, y);
        for value in values {
            y = self.value(out, value, y);
        }
        y
    }

    /// The directory's own words, in the direction they are written.
    fn value(&self, out: &mut Vec<Mark>, value: &str, y: f32) -> f32 {
        let style = Style::new(self.sizes.body).rtl(text::starts_rtl(value));
        self.full(out, value, style, y)
    }

    fn picto(&self, out: &mut Vec<Mark>, picto: Picto, y: f32) {
        let size = self.sizes.picto;
        let x = if self.rtl() {
            PAGE_W - MARGIN - size
        } else {
            MARGIN
        };
        out.push(Mark::Picto {
            picto,
            x,
            y: y + 4.0,
            size,
            mirror: self.rtl() && picto == Picto::Next,
        });
    }

    fn qr(&self, out: &mut Vec<Mark>, link: &str, caption: &Both, y: f32) -> f32 {
        let Ok(code) = qrcode::QrCode::with_error_correction_level(link, qrcode::EcLevel::M) else {
            // Too long for a QR code: the link itself is printed above.
            return y;
        };
        let dark = code
            .to_colors()
            .into_iter()
            .map(|c| c == qrcode::Color::Dark)
            .collect();
        let top = y + 6.0;
        let (qr_x, text_column) = if self.rtl() {
            (self.right - QR, (self.left, self.right - QR - 12.0))
        } else {
            (self.left, (self.left + QR + 12.0, self.right))
        };
        out.push(Mark::Qr {
            link: link.to_owned(),
            dark,
            width: code.width(),
            x: qr_x,
            y: top,
            size: QR,
        });
        let mut text_y = top;
        match &caption.person {
            Some(person) => {
                let size = self.sizes.echo;
                text_y = self.paragraph(out, person, self.person(size), text_column, text_y);
                let french = Style::new(size).grey();
                text_y = self.paragraph(out, &caption.french, french, text_column, text_y);
            }
            None => {
                let french = Style::new(self.sizes.body);
                text_y = self.paragraph(out, &caption.french, french, text_column, text_y);
            }
        }
        text_y.max(top + QR) + 4.0
    }

    /// Two columns side by side, the first where the person's language starts reading.
    fn columns(&self, out: &mut Vec<Mark>, first: &[Item], second: &[Item], y: f32) -> f32 {
        let gap = 22.0;
        let middle = (self.left + self.right) / 2.0;
        let start = (self.left, middle - gap / 2.0);
        let end = (middle + gap / 2.0, self.right);
        let (a, b) = if self.rtl() {
            (end, start)
        } else {
            (start, end)
        };
        let mut bottom = y;
        for (items, (left, right)) in [(first, a), (second, b)] {
            let column = Layouter {
                left,
                right,
                ..*self
            };
            let laid = column.block(items);
            out.extend(laid.marks.into_iter().map(|m| shift(m, y)));
            bottom = bottom.max(y + laid.height);
        }
        bottom
    }

    fn block(&self, block: &[Item]) -> Laid {
        let s = self.sizes;
        let mut marks = Vec::new();
        let mut y = 0.0;
        for item in block {
            let start = marks.len();
            y = match item {
                Item::Title(b) => self.title(&mut marks, b, y) + 2.0,
                Item::Heading(b) => self.both(&mut marks, b, s.heading, true, y + 6.0),
                Item::Sentence(b) => self.both(&mut marks, b, s.body, false, y),
                Item::Label(picto, b) => {
                    if let Some(p) = picto {
                        self.picto(&mut marks, *p, y + s.gap);
                    }
                    self.label(&mut marks, b, y + s.gap)
                }
                Item::Field(picto, b, values) => {
                    self.field(&mut marks, *picto, b, values, y + s.gap)
                }
                Item::Value(v) => self.value(&mut marks, v, y),
                Item::Name(n) => {
                    let style = Style::new(s.name).bold().rtl(text::starts_rtl(n));
                    self.full(&mut marks, n, style, y + 2.0) + 2.0
                }
                Item::Qr(link, caption) => self.qr(&mut marks, link, caption, y),
                Item::Columns(first, second) => self.columns(&mut marks, first, second, y),
                Item::Rule => {
                    marks.push(Mark::Rule { y: y + 8.0 });
                    y + 11.0
                }
            };
            let heading = match item {
                Item::Title(_) => Some(1),
                Item::Name(_) => Some(2),
                Item::Heading(_) => Some(3),
                _ => None,
            };
            if let Some(level) = heading {
                for mark in &mut marks[start..] {
                    if let Mark::Text { role, .. } = mark {
                        *role = Role::Heading(level);
                    }
                }
            }
        }
        Laid { marks, height: y }
    }
}

fn shift(mark: Mark, dy: f32) -> Mark {
    match mark {
        Mark::Text {
            line,
            x,
            y,
            ink,
            role,
            person,
        } => Mark::Text {
            line,
            x,
            y: y + dy,
            ink,
            role,
            person,
        },
        Mark::Rule { y } => Mark::Rule { y: y + dy },
        Mark::Picto {
            picto,
            x,
            y,
            size,
            mirror,
        } => Mark::Picto {
            picto,
            x,
            y: y + dy,
            size,
            mirror,
        },
        Mark::Qr {
            link,
            dark,
            width,
            x,
            y,
            size,
        } => Mark::Qr {
            link,
            dark,
            width,
            x,
            y: y + dy,
            size,
        },
    }
}

fn mark_top(mark: &Mark) -> f32 {
    match mark {
        Mark::Text { y, line, .. } => y - line.size * 1.1,
        Mark::Rule { y } => y - 2.0,
        Mark::Picto { y, .. } | Mark::Qr { y, .. } => *y,
    }
}

fn mark_bottom(mark: &Mark) -> f32 {
    match mark {
        Mark::Text { y, line, .. } => y + line.size * 0.35,
        Mark::Rule { y } => *y,
        Mark::Picto { y, size, .. } | Mark::Qr { y, size, .. } => y + size,
    }
}

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
    let full = Layouter {
        left: MARGIN,
        right: PAGE_W - MARGIN,
        ..Layouter::new(options)
    };
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
