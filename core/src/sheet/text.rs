//! Text as the sheet prints it: the font of each script, shaping (rustybuzz: Arabic letters
//! joined, Tamil clusters formed), the Unicode bidirectional algorithm (right-to-left lines with
//! French names and numbers inside) and wrapping to a width. Lengths are in points.

use std::ops::Range;
use std::sync::LazyLock;

use krilla::text::{Font, GlyphId, KrillaGlyph};
use rustybuzz::{Direction, UnicodeBuffer};
use unicode_bidi::{BidiInfo, Level};

/// A script with its own font.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Latin,
    Arabic,
    Tamil,
}

struct Face {
    shaping: rustybuzz::Face<'static>,
    pdf: Font,
    units_per_em: f32,
}

impl Face {
    fn load(bytes: &'static [u8]) -> Face {
        // The fonts are part of the build, checked by the tests: failing here is a bug of ours.
        let shaping = rustybuzz::Face::from_slice(bytes, 0).expect("an embedded font parses");
        let pdf = Font::new(bytes.into(), 0).expect("an embedded font loads");
        Face {
            units_per_em: f32::from(shaping.units_per_em() as u16),
            shaping,
            pdf,
        }
    }

    fn has(&self, c: char) -> bool {
        self.shaping.glyph_index(c).is_some()
    }
}

/// Regular and bold of each script: Noto Sans (Latin, Cyrillic), Noto Sans Arabic (Arabic,
/// Dari, Pashto), Noto Sans Tamil.
struct Fonts([[Face; 2]; 3]);

static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    Fonts([
        [
            Face::load(include_bytes!("../../../assets/fonts/NotoSans-Regular.ttf")),
            Face::load(include_bytes!("../../../assets/fonts/NotoSans-Bold.ttf")),
        ],
        [
            Face::load(include_bytes!(
                "../../../assets/fonts/NotoSansArabic-Regular.ttf"
            )),
            Face::load(include_bytes!(
                "../../../assets/fonts/NotoSansArabic-Bold.ttf"
            )),
        ],
        [
            Face::load(include_bytes!(
                "../../../assets/fonts/NotoSansTamil-Regular.ttf"
            )),
            Face::load(include_bytes!(
                "../../../assets/fonts/NotoSansTamil-Bold.ttf"
            )),
        ],
    ])
});

fn face(script: Script, bold: bool) -> &'static Face {
    &FONTS.0[script as usize][usize::from(bold)]
}

fn script_of(c: char) -> Option<Script> {
    match u32::from(c) {
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Some(Script::Arabic)
        }
        0x0B80..=0x0BFF => Some(Script::Tamil),
        _ if c.is_alphabetic() => Some(Script::Latin),
        _ => None,
    }
}

/// `text` cut into pieces of one font each: a letter takes its script's font; a space, digit
/// or sign stays with the font before it when that font has it.
fn by_font(text: &str, bold: bool) -> Vec<(Range<usize>, Script)> {
    let mut pieces: Vec<(Range<usize>, Script)> = Vec::new();
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        let script = match (script_of(c), pieces.last()) {
            (Some(script), _) => script,
            (None, Some((_, before))) if face(*before, bold).has(c) => *before,
            (None, _) => Script::Latin,
        };
        match pieces.last_mut() {
            Some((range, s)) if *s == script => range.end = end,
            _ => pieces.push((i..end, script)),
        }
    }
    pieces
}

/// A run of glyphs of one font, ready to draw at `x` from the line's start.
#[derive(Debug, Clone)]
pub struct Run {
    pub font: Font,
    pub glyphs: Vec<KrillaGlyph>,
    /// What each glyph stands for, by its byte range (see [`shape`]).
    pub text: String,
    pub x: f32,
}

/// One line of text, its runs in visual order.
#[derive(Debug, Clone)]
pub struct Line {
    /// Its words in reading order.
    pub text: String,
    pub runs: Vec<Run>,
    pub width: f32,
    pub size: f32,
}

/// Shapes `text` with one face; returns its glyphs (visual order), the text they map back to,
/// and its width in ems.
///
/// Right to left, the glyphs come in visual order and text extractors (poppler's pdftotext,
/// pdf.js, Acrobat with the run's `/ReversedChars` mark) read them back by reversing the
/// characters. A glyph standing for several characters, like the lam-alef ligature, would
/// come back reversed ("ال" for "لا"): so each cluster maps to its characters in reverse
/// order, and the reversal puts them right. The bytes of a cluster keep their place, so
/// the glyphs' ranges stay valid.
fn shape(text: &str, face: &Face, rtl: bool) -> (Vec<KrillaGlyph>, String, f32) {
    let mut buffer = UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    buffer.set_direction(if rtl {
        Direction::RightToLeft
    } else {
        Direction::LeftToRight
    });
    let output = rustybuzz::shape(&face.shaping, &[], buffer);
    // Each glyph stands for the text from its cluster to the next cluster, whatever the order
    // the glyphs come in: what a copy or a screen reader takes back from the PDF.
    let mut starts: Vec<usize> = output
        .glyph_infos()
        .iter()
        .map(|i| i.cluster as usize)
        .collect();
    starts.push(0);
    starts.sort_unstable();
    starts.dedup();
    let end_of = |start: usize| {
        starts
            .iter()
            .find(|&&s| s > start)
            .copied()
            .unwrap_or(text.len())
    };
    let mapped = if rtl {
        starts
            .iter()
            .map(|&start| text[start..end_of(start)].chars().rev().collect::<String>())
            .collect()
    } else {
        text.to_owned()
    };
    let em = face.units_per_em;
    let mut width = 0.0;
    let glyphs = output
        .glyph_infos()
        .iter()
        .zip(output.glyph_positions())
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            width += pos.x_advance as f32 / em;
            KrillaGlyph::new(
                GlyphId::new(info.glyph_id),
                pos.x_advance as f32 / em,
                pos.x_offset as f32 / em,
                pos.y_offset as f32 / em,
                pos.y_advance as f32 / em,
                start..end_of(start),
                None,
            )
        })
        .collect();
    (glyphs, mapped, width)
}

/// The width of `text` at `size`, in points.
pub fn measure(text: &str, size: f32, bold: bool) -> f32 {
    by_font(text, bold)
        .into_iter()
        .map(|(range, script)| {
            let rtl = script == Script::Arabic;
            shape(&text[range], face(script, bold), rtl).2
        })
        .sum::<f32>()
        * size
}

/// Lays one line out: the bidirectional algorithm orders its runs, each run is shaped in its
/// direction, font by font.
fn line(text: &str, size: f32, bold: bool, rtl: bool) -> Line {
    let base = if rtl { Level::rtl() } else { Level::ltr() };
    let info = BidiInfo::new(text, Some(base));
    let mut runs = Vec::new();
    let mut x = 0.0;
    if let Some(paragraph) = info.paragraphs.first() {
        let (levels, visual) = info.visual_runs(paragraph, paragraph.range.clone());
        for range in visual {
            let run_rtl = levels[range.start].is_rtl();
            let mut pieces = by_font(&text[range.clone()], bold);
            if run_rtl {
                pieces.reverse();
            }
            for (piece, script) in pieces {
                let piece_text = &text[range.start + piece.start..range.start + piece.end];
                let f = face(script, bold);
                let (glyphs, mapped, width) = shape(piece_text, f, run_rtl);
                runs.push(Run {
                    font: f.pdf.clone(),
                    glyphs,
                    text: mapped,
                    x,
                });
                x += width * size;
            }
        }
    }
    Line {
        text: text.to_owned(),
        runs,
        width: x,
        size,
    }
}

/// Whether `text` reads right to left: its first strong letter is of such a script.
pub fn starts_rtl(text: &str) -> bool {
    BidiInfo::new(text, None)
        .paragraphs
        .first()
        .is_some_and(|p| p.level.is_rtl())
}

/// `word` cut where it may break without a hyphen (after "@", ".", "/", "-", "_", "?", "&",
/// "="), each piece within `width` when it can be: an e-mail or a web address longer than a
/// column goes on over two lines instead of off the page. A piece still too long is cut between
/// characters.
fn pieces(word: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut cuts: Vec<String> = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if "@./-_?&=".contains(c) {
            cuts.push(std::mem::take(&mut piece));
        }
    }
    if !piece.is_empty() {
        cuts.push(piece);
    }
    let mut out: Vec<String> = Vec::new();
    for cut in cuts {
        let joined = out.last().map(|last| format!("{last}{cut}"));
        match joined {
            Some(joined) if measure(&joined, size, bold) <= width => {
                if let Some(last) = out.last_mut() {
                    *last = joined;
                }
            }
            _ if measure(&cut, size, bold) <= width => out.push(cut),
            _ => {
                let mut rest = String::new();
                for c in cut.chars() {
                    rest.push(c);
                    if measure(&rest, size, bold) > width && rest.chars().count() > 1 {
                        rest.pop();
                        out.push(std::mem::take(&mut rest));
                        rest.push(c);
                    }
                }
                out.push(rest);
            }
        }
    }
    out
}

/// `text` wrapped to `width` points at `size`, word by word. Words are apart where the text has
/// a space (U+0020): a no-break space keeps "9 h" or "Téléphone :" together. A word wider than
/// the width is cut where it may break (see [`pieces`]).
pub fn wrap(text: &str, size: f32, bold: bool, rtl: bool, width: f32) -> Vec<Line> {
    let space = measure(" ", size, bold);
    let mut lines = Vec::new();
    for source in text.lines() {
        let mut current = String::new();
        let mut current_width = 0.0;
        for word in source.split([' ', '\t']).filter(|w| !w.is_empty()) {
            let whole = measure(word, size, bold);
            let parts = if whole > width {
                pieces(word, size, bold, width)
            } else {
                vec![word.to_owned()]
            };
            for (i, part) in parts.iter().enumerate() {
                let w = measure(part, size, bold);
                let gap = if current.is_empty() || i > 0 {
                    0.0
                } else {
                    space
                };
                if !current.is_empty() && current_width + gap + w > width {
                    lines.push(line(&current, size, bold, rtl));
                    current.clear();
                    current_width = 0.0;
                } else if gap > 0.0 {
                    current.push(' ');
                    current_width += gap;
                }
                current.push_str(part);
                current_width += w;
            }
        }
        if !current.is_empty() {
            lines.push(line(&current, size, bold, rtl));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_letters_join_and_french_inside_keeps_its_font() {
        // "الهاتف" has six letters; shaped, its glyphs are the joined forms, in visual order.
        let l = line("الهاتف : 04 72 00 00 00", 14.0, false, true);
        let fonts: Vec<bool> = l
            .runs
            .iter()
            .map(|r| r.text.chars().any(|c| script_of(c) == Some(Script::Arabic)))
            .collect();
        assert!(fonts.contains(&true), "an Arabic run: {:?}", l.runs);
        // Right to left: the Arabic word is the last run drawn (rightmost), the number first.
        let last = l.runs.last().unwrap();
        assert!(
            last.text.contains("الهاتف"),
            "the Arabic word is rightmost: {:?}",
            l.runs
        );
        assert!(l.width > 50.0);
    }

    #[test]
    fn every_script_of_the_sheet_has_its_glyphs() {
        for (sample, script) in [
            (
                "Fiche d'orientation Українська Русский Türkçe Română",
                Script::Latin,
            ),
            ("العربية دری پښتو ټ ډ ړ ږ ښ ګ ڼ ۍ ې گ چ پ ژ", Script::Arabic),
            ("தமிழ்", Script::Tamil),
        ] {
            for c in sample.chars().filter(|c| c.is_alphabetic()) {
                assert!(face(script, false).has(c), "{c} ({:?}) has a glyph", script);
                assert!(
                    face(script, true).has(c),
                    "{c} ({:?}) has a bold glyph",
                    script
                );
            }
        }
    }

    #[test]
    fn a_long_address_breaks_where_it_may_and_stays_on_the_page() {
        let mail = "contact.connexions-solidaires-du-rhone@example.org";
        let lines = wrap(mail, 14.0, false, false, 150.0);
        assert!(lines.len() > 1, "it takes more than a line");
        for l in &lines {
            assert!(l.width <= 150.01, "{} > 150 in {lines:?}", l.width);
        }
        let back: String = lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(back, mail, "nothing is lost or added");
        assert!(
            lines[0].text.ends_with(['.', '-', '@']),
            "{:?}",
            lines[0].text
        );
    }

    #[test]
    fn a_no_break_space_keeps_its_words_together() {
        let lines = wrap("de 9\u{a0}h à 12\u{a0}h", 14.0, false, false, 40.0);
        for l in &lines {
            assert!(
                !l.text.ends_with(['9', '2']) && !l.text.starts_with('h'),
                "\"9 h\" and \"12 h\" stay whole: {:?}",
                lines.iter().map(|l| &l.text).collect::<Vec<_>>()
            );
        }
    }

    #[test]
    fn wrapping_keeps_every_word_within_the_width() {
        let text = "Pour apprendre à utiliser votre téléphone ou votre ordinateur pas à pas, avec une personne rien que pour vous.";
        let lines = wrap(text, 14.0, false, false, 200.0);
        assert!(lines.len() > 2);
        for l in &lines {
            assert!(l.width <= 200.0 + 0.01, "{} > 200", l.width);
        }
        let words: usize = lines
            .iter()
            .map(|l| {
                l.runs
                    .iter()
                    .map(|r| r.text.split_whitespace().count())
                    .sum::<usize>()
            })
            .sum();
        assert!(words >= text.split_whitespace().count(), "no word lost");
    }
}
