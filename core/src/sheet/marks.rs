//! What a page is made of: lines of text, rules, pictograms and QR codes at their place, in
//! points from the page's top-left corner, and the page's geometry. [`super::layout`] makes
//! them, [`super::pages`] puts them on pages, [`super::pdf`] draws them.

use super::compose::Picto;
use super::text::Line;

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN: f32 = 42.5;

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

pub(super) fn shift(mark: Mark, dy: f32) -> Mark {
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

pub(super) fn mark_top(mark: &Mark) -> f32 {
    match mark {
        Mark::Text { y, line, .. } => y - line.size * 1.1,
        Mark::Rule { y } => y - 2.0,
        Mark::Picto { y, .. } | Mark::Qr { y, .. } => *y,
    }
}

pub(super) fn mark_bottom(mark: &Mark) -> f32 {
    match mark {
        Mark::Text { y, line, .. } => y + line.size * 0.35,
        Mark::Rule { y } => *y,
        Mark::Picto { y, size, .. } | Mark::Qr { y, size, .. } => y + size,
    }
}
