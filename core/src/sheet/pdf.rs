//! The laid-out pages written as PDF by krilla: fonts embedded as subsets, each glyph mapped
//! back to its text (copy, search and screen readers get the words in reading order), the
//! document's language and title set.

use std::num::NonZeroU16;
use std::sync::LazyLock;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::tagging::{Artifact, ArtifactType, ContentTag, Node, SpanTag, Tag, TagGroup, TagTree};
use krilla_svg::{SurfaceExt, SvgSettings};

use super::compose::Picto;
use super::marks::{Ink, Mark, PAGE_H, PAGE_W, Role};
use crate::error::{Error, Result};

const MARGIN_X: f32 = 42.5;

fn fill(grey: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(grey, grey, grey).into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }
}

static PICTOGRAMS: LazyLock<Vec<(Picto, usvg::Tree)>> = LazyLock::new(|| {
    [
        (
            Picto::Why,
            include_str!("../../../assets/sheet/pictograms/why.svg"),
        ),
        (
            Picto::Address,
            include_str!("../../../assets/sheet/pictograms/address.svg"),
        ),
        (
            Picto::Phone,
            include_str!("../../../assets/sheet/pictograms/phone.svg"),
        ),
        (
            Picto::Hours,
            include_str!("../../../assets/sheet/pictograms/hours.svg"),
        ),
        (
            Picto::Bring,
            include_str!("../../../assets/sheet/pictograms/bring.svg"),
        ),
        (
            Picto::Next,
            include_str!("../../../assets/sheet/pictograms/next.svg"),
        ),
    ]
    .into_iter()
    .map(|(picto, svg)| {
        // Part of the build and drawn by the tests: a parse failure is a bug of ours.
        let tree = usvg::Tree::from_str(svg, &usvg::Options::default())
            .unwrap_or_else(|e| panic!("pictogram {picto:?}: {e}"));
        (picto, tree)
    })
    .collect()
});

/// Draws `mark`, marked for the PDF's structure: returns its node of the structure tree (a
/// heading, a paragraph in its language, a figure with its text), or nothing for what is only
/// layout (rules, page numbers, pictograms beside the words they stand for).
fn draw(surface: &mut Surface<'_>, mark: &Mark, language: &str) -> Option<Node> {
    match mark {
        Mark::Text {
            line,
            x,
            y,
            ink,
            role,
            person,
        } => {
            let content = match role {
                Role::PageNumber => {
                    ContentTag::Artifact(Artifact::with_kind(ArtifactType::PageNumber))
                }
                _ => ContentTag::Span(SpanTag::empty()),
            };
            let id = surface.start_tagged(content);
            surface.set_fill(Some(fill(match ink {
                Ink::Black => 0,
                Ink::Grey => 0x33,
            })));
            for run in &line.runs {
                surface.draw_glyphs(
                    Point::from_xy(x + run.x, *y),
                    &run.glyphs,
                    run.font.clone(),
                    &run.text,
                    line.size,
                    false,
                );
            }
            surface.end_tagged();
            let lang = Some(if *person { language } else { "fr" }.to_owned());
            let mut group = match role {
                Role::PageNumber => return None,
                Role::Heading(level) => TagGroup::new(
                    Tag::Hn(NonZeroU16::new(*level).unwrap_or(NonZeroU16::MIN), None)
                        .with_lang(lang),
                ),
                Role::Paragraph => TagGroup::new(Tag::P.with_lang(lang)),
            };
            group.push(id);
            Some(group.into())
        }
        Mark::Rule { y } => {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            let mut path = PathBuilder::new();
            path.move_to(MARGIN_X, *y);
            path.line_to(PAGE_W - MARGIN_X, *y);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                surface.set_stroke(Some(Stroke {
                    paint: rgb::Color::new(0x77, 0x77, 0x77).into(),
                    width: 0.8,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
            surface.end_tagged();
            None
        }
        Mark::Picto {
            picto,
            x,
            y,
            size,
            mirror,
        } => {
            surface.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Layout,
            )));
            if let Some((_, tree)) = PICTOGRAMS.iter().find(|(p, _)| p == picto)
                && let Some(side) = Size::from_wh(*size, *size)
            {
                let transform = if *mirror {
                    Transform::from_row(-1.0, 0.0, 0.0, 1.0, x + size, *y)
                } else {
                    Transform::from_translate(*x, *y)
                };
                surface.push_transform(&transform);
                surface.draw_svg(tree, side, SvgSettings::default());
                surface.pop();
            }
            surface.end_tagged();
            None
        }
        Mark::Qr {
            link,
            dark,
            width,
            x,
            y,
            size,
        } => {
            let module = size / *width as f32;
            let mut path = PathBuilder::new();
            for (i, _) in dark.iter().enumerate().filter(|(_, d)| **d) {
                let (col, row) = (i % width, i / width);
                if let Some(rect) = Rect::from_xywh(
                    x + col as f32 * module,
                    y + row as f32 * module,
                    module,
                    module,
                ) {
                    path.push_rect(rect);
                }
            }
            let id = surface.start_tagged(ContentTag::Other);
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(0)));
                surface.draw_path(&path);
            }
            surface.end_tagged();
            let mut figure = TagGroup::new(Tag::Figure(Some(format!("QR code: {link}"))));
            figure.push(id);
            Some(figure.into())
        }
    }
}

/// Writes `pages` as a tagged PDF titled `title`, in language `tag` (the person's; French for
/// what is French): headings, paragraphs each in its language, the QR codes as figures, in
/// reading order.
pub fn write(pages: &[Vec<Mark>], title: &str, tag: &str) -> Result<Vec<u8>> {
    let mut document = Document::new();
    document.set_metadata(
        Metadata::new()
            .title(title.to_owned())
            .language(tag.to_owned())
            .creator("Aiguillage".to_owned()),
    );
    let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
        .ok_or_else(|| Error::Sheet("the page size is invalid".into()))?;
    let mut tree = TagTree::new();
    for marks in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for mark in marks {
            if let Some(node) = draw(&mut surface, mark, tag) {
                tree.push(node);
            }
        }
        surface.finish();
        page.finish();
    }
    document.set_tag_tree(tree);
    document
        .finish()
        .map_err(|e| Error::Sheet(format!("the PDF could not be written ({e:?})")))
}
