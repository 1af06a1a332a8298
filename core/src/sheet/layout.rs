//! One block of the sheet laid out: each item (title, label, sentence, value, QR code, two
//! columns…) becomes lines and marks, relative to the block's top, in the styles of the standard
//! or easy-read sheet, the person's language on the side it starts from.

use super::SheetOptions;
use super::compose::{Both, Item, Picto};
use super::marks::{Ink, MARGIN, Mark, PAGE_W, Role, shift};
use super::text;

/// Room for the easy-read pictograms, on the side where the person's language starts.
const GUTTER: f32 = 46.0;
const QR: f32 = 62.0;

/// How a text is printed.
#[derive(Debug, Clone, Copy)]
pub(super) struct Style {
    pub(super) size: f32,
    bold: bool,
    ink: Ink,
    rtl: bool,
    /// In the person's language (else French).
    person: bool,
}

impl Style {
    pub(super) fn new(size: f32) -> Style {
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

    pub(super) fn grey(self) -> Style {
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
pub(super) struct Laid {
    pub(super) marks: Vec<Mark>,
    pub(super) height: f32,
}

#[derive(Clone, Copy)]
pub(super) struct Layouter {
    options: SheetOptions,
    sizes: &'static Sizes,
    /// The text column, between the margins and beside the easy-read gutter.
    pub(super) left: f32,
    pub(super) right: f32,
}

pub(super) fn line_height(size: f32) -> f32 {
    size * 1.38
}

impl Layouter {
    pub(super) fn new(options: SheetOptions) -> Layouter {
        let rtl = options.language.is_rtl();
        let gutter = if options.easy_read { GUTTER } else { 0.0 };
        Layouter {
            options,
            sizes: if options.easy_read { &EASY } else { &STANDARD },
            left: MARGIN + if rtl { 0.0 } else { gutter },
            right: PAGE_W - MARGIN - if rtl { gutter } else { 0.0 },
        }
    }

    /// Across the page between the margins, with no gutter: the foot of the page.
    pub(super) fn across(options: SheetOptions) -> Layouter {
        Layouter {
            left: MARGIN,
            right: PAGE_W - MARGIN,
            ..Layouter::new(options)
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
    pub(super) fn full(&self, out: &mut Vec<Mark>, text: &str, style: Style, y: f32) -> f32 {
        self.paragraph(out, text, style, (self.left, self.right), y)
    }

    /// The style of the person's language at `size`.
    pub(super) fn person(&self, size: f32) -> Style {
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
    pub(super) fn put(
        &self,
        out: &mut Vec<Mark>,
        text: &str,
        style: Style,
        x: f32,
        baseline: f32,
    ) -> f32 {
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

    pub(super) fn block(&self, block: &[Item]) -> Laid {
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
