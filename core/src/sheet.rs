//! The handoff sheet ("fiche d'orientation") as PDF: what the person carries away. It holds the
//! date, the centre, the first name only with consent, and per chosen orientation the structure
//! and service, address, phone, e-mail, hours, how to go there, what to bring and a kind sentence.
//! Never a score, a profile or a flag. Large type, A4, DejaVu Sans (embedded) for every accent.

use printpdf::{
    Color, FontId, Mm, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, Rgb, TextItem,
};

use aiguillage_domain::Lang;

use crate::error::{Error, Result};
use crate::store::Snapshot;

/// One orientation on the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetItem {
    /// The kind sentence of the need, in the sheet's language.
    pub why: String,
    pub snapshot: Snapshot,
}

/// Everything printed on a sheet, and nothing else.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetContent {
    pub lang: Lang,
    /// The date as printed (e.g. "26/11/2026").
    pub date: String,
    pub centre: Option<String>,
    /// Only when the person agreed to it.
    pub first_name: Option<String>,
    pub items: Vec<SheetItem>,
}

const PAGE_W: f32 = 210.0;
const PAGE_H: f32 = 297.0;
const MARGIN: f32 = 15.0;
const BODY: f32 = 12.0;

struct Font<'a> {
    id: FontId,
    face: ttf_parser::Face<'a>,
}

impl Font<'_> {
    /// Width of `text` at `size` points, in millimetres.
    fn width_mm(&self, text: &str, size: f32) -> f32 {
        let units = f32::from(self.face.units_per_em());
        let advance: f32 = text
            .chars()
            .map(|c| {
                self.face
                    .glyph_index(c)
                    .and_then(|g| self.face.glyph_hor_advance(g))
                    .map_or(units / 2.0, f32::from)
            })
            .sum();
        advance / units * size * 25.4 / 72.0
    }
}

struct Layout<'a> {
    regular: Font<'a>,
    bold: Font<'a>,
    pages: Vec<Vec<Op>>,
    ops: Vec<Op>,
    y: f32,
}

impl Layout<'_> {
    fn new_page(&mut self) {
        let ops = std::mem::take(&mut self.ops);
        if !ops.is_empty() {
            self.pages.push(ops);
        }
        self.y = PAGE_H - MARGIN;
    }

    fn ensure(&mut self, height: f32) {
        if self.y - height < MARGIN {
            self.new_page();
        }
    }

    /// Writes `text` wrapped to the page width, starting `indent` mm from the margin.
    fn paragraph(&mut self, text: &str, size: f32, bold: bool, indent: f32) {
        let width = PAGE_W - 2.0 * MARGIN - indent;
        let font = if bold { &self.bold } else { &self.regular };
        let mut lines: Vec<String> = Vec::new();
        for source_line in text.lines() {
            let mut line = String::new();
            for word in source_line.split_whitespace() {
                let candidate = if line.is_empty() {
                    word.to_owned()
                } else {
                    format!("{line} {word}")
                };
                if font.width_mm(&candidate, size) > width && !line.is_empty() {
                    lines.push(std::mem::replace(&mut line, word.to_owned()));
                } else {
                    line = candidate;
                }
            }
            lines.push(line);
        }
        let line_height = size * 0.3528 * 1.25;
        let id = font.id.clone();
        for line in lines {
            self.ensure(line_height);
            self.y -= line_height;
            self.ops.extend([
                Op::StartTextSection,
                Op::SetFont {
                    font: PdfFontHandle::External(id.clone()),
                    size: Pt(size),
                },
                Op::SetTextCursor {
                    pos: Point {
                        x: Mm(MARGIN + indent).into(),
                        y: Mm(self.y).into(),
                    },
                },
                Op::ShowText {
                    items: vec![TextItem::Text(line)],
                },
                Op::EndTextSection,
            ]);
        }
    }

    fn gap(&mut self, mm: f32) {
        self.y -= mm;
    }

    fn rule(&mut self) {
        self.ensure(4.0);
        self.y -= 1.5;
        let point = |x: f32, y: f32| printpdf::LinePoint {
            p: Point {
                x: Mm(x).into(),
                y: Mm(y).into(),
            },
            bezier: false,
        };
        self.ops.extend([
            Op::SetOutlineColor {
                col: Color::Rgb(Rgb {
                    r: 0.55,
                    g: 0.55,
                    b: 0.55,
                    icc_profile: None,
                }),
            },
            Op::SetOutlineThickness { pt: Pt(0.8) },
            Op::DrawLine {
                line: printpdf::Line {
                    points: vec![point(MARGIN, self.y), point(PAGE_W - MARGIN, self.y)],
                    is_closed: false,
                },
            },
        ]);
        self.y -= 2.0;
    }
}

fn labels(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Fr => [
            "Fiche d'orientation",
            "Date",
            "Lieu d'accueil",
            "Pour",
            "Adresse",
            "Téléphone",
            "Courriel",
            "Horaires",
            "Comment y aller",
        ],
        Lang::En => [
            "Referral sheet",
            "Date",
            "Drop-in centre",
            "For",
            "Address",
            "Phone",
            "E-mail",
            "Opening hours",
            "How to go there",
        ],
    }
}

fn mode_label(mode: &str, lang: Lang) -> String {
    let (fr, en) = match mode {
        "se-presenter" => ("se présenter sur place", "go there in person"),
        "telephoner" => ("téléphoner", "phone them"),
        "envoyer-un-courriel" => ("envoyer un courriel", "send an e-mail"),
        "utiliser-lien-mobilisation" => ("utiliser leur lien en ligne", "use their online link"),
        other => (other, other),
    };
    match lang {
        Lang::Fr => fr.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// The words printed on the sheet, line by line (also what a preview shows).
pub fn lines(content: &SheetContent) -> Vec<(u8, bool, String)> {
    let l = labels(content.lang);
    let fr = content.lang == Lang::Fr;
    let colon = if fr { " : " } else { ": " };
    let mut out = vec![(20, true, l[0].to_owned())];
    out.push((
        BODY as u8,
        false,
        format!("{}{colon}{}", l[1], content.date),
    ));
    if let Some(centre) = &content.centre {
        out.push((BODY as u8, false, format!("{}{colon}{centre}", l[2])));
    }
    if let Some(name) = &content.first_name {
        out.push((BODY as u8, false, format!("{}{colon}{name}", l[3])));
    }
    if content.items.is_empty() {
        out.push((
            BODY as u8,
            false,
            (if fr {
                "Aucune orientation n'a été choisie."
            } else {
                "No referral was chosen."
            })
            .to_owned(),
        ));
    }
    for (i, item) in content.items.iter().enumerate() {
        let s = &item.snapshot;
        out.push((0, false, String::new()));
        out.push((15, true, format!("{}. {}", i + 1, s.structure)));
        if s.service != s.structure {
            out.push((BODY as u8, true, s.service.clone()));
        }
        // The kind sentence, then "free" on the same line: fewer lines, one page more often.
        let free = match (s.frais.as_deref(), fr) {
            (Some("gratuit"), true) => " C'est gratuit.",
            (Some("gratuit"), false) => " It is free of charge.",
            _ => "",
        };
        out.push((BODY as u8, false, format!("{}{free}", item.why)));
        let address: Vec<&str> = [
            s.adresse.as_deref(),
            s.code_postal.as_deref(),
            s.commune.as_deref(),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !address.is_empty() {
            out.push((
                BODY as u8,
                false,
                format!("{}{colon}{}", l[4], address.join(" ")),
            ));
        }
        if let Some(phone) = &s.telephone {
            out.push((BODY as u8, false, format!("{}{colon}{phone}", l[5])));
        }
        if let Some(mail) = &s.courriel {
            out.push((BODY as u8, false, format!("{}{colon}{mail}", l[6])));
        }
        if let Some(hours) = &s.horaires_accueil {
            out.push((BODY as u8, false, format!("{}{colon}{hours}", l[7])));
        }
        if !s.modes_mobilisation.is_empty() {
            let modes: Vec<String> = s
                .modes_mobilisation
                .iter()
                .map(|m| mode_label(m, content.lang))
                .collect();
            out.push((
                BODY as u8,
                false,
                format!("{}{colon}{}", l[8], modes.join(", ")),
            ));
        }
        if let Some(bring) = &s.conditions_acces {
            let label = if fr {
                "À savoir, à apporter"
            } else {
                "Good to know, what to bring"
            };
            out.push((BODY as u8, false, format!("{label}{colon}{bring}")));
        }
    }
    out
}

/// Renders the sheet as PDF bytes.
///
/// # Errors
/// [`Error::Sheet`] if the embedded font cannot be read.
pub fn render(content: &SheetContent) -> Result<Vec<u8>> {
    let title = labels(content.lang)[0];
    let mut doc = PdfDocument::new(title);
    let load = |bytes: &'static [u8], doc: &mut PdfDocument| -> Result<Font<'static>> {
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
            .ok_or_else(|| Error::Sheet("the embedded font cannot be read".into()))?;
        let face = ttf_parser::Face::parse(bytes, 0)
            .map_err(|e| Error::Sheet(format!("the embedded font cannot be measured ({e})")))?;
        Ok(Font {
            id: doc.add_font(&parsed),
            face,
        })
    };
    let regular = load(dejavu::sans::regular(), &mut doc)?;
    let bold = load(dejavu::sans::bold(), &mut doc)?;
    let mut layout = Layout {
        regular,
        bold,
        pages: Vec::new(),
        ops: Vec::new(),
        y: PAGE_H - MARGIN,
    };
    for (size, bold, text) in lines(content) {
        if size == 0 {
            layout.gap(1.0);
            layout.rule();
        } else {
            layout.paragraph(&text, f32::from(size), bold, 0.0);
            if size > BODY as u8 {
                layout.gap(0.5);
            }
        }
    }
    layout.new_page();
    let pages = layout
        .pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(PAGE_W), Mm(PAGE_H), ops))
        .collect();
    Ok(doc
        .with_pages(pages)
        .save(&PdfSaveOptions::default(), &mut Vec::new()))
}
