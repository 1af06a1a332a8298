//! The handoff sheet ("fiche d'orientation"): what the person carries away. It holds the date,
//! the first name only with consent, and for each chosen place why to go, what to do next, how to
//! contact them, how to get there, the hours in words and what to know; the centre that gave it
//! closes it. Never a score, a profile or a flag: only the fields of [`SheetContent`] reach it.
//!
//! A sheet is French, or bilingual (the person's language, then French, so that the place that
//! receives them reads it too), in the standard or the easy-read variant. [`compose`] says what
//! is printed; [`layout`] lays out each block, [`pages`] puts the blocks on pages, both as the
//! [`marks`] that [`pdf`] draws; [`text`] shapes and orders the words.

mod catalogue;
mod compose;
pub mod hours;
mod language;
mod layout;
mod marks;
mod pages;
mod pdf;
mod text;

pub use compose::{Block, Both, Item, Picto};
pub use language::SheetLanguage;

use crate::error::Result;
use crate::store::Snapshot;

/// One orientation on the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetItem {
    /// The need's code in the questionnaire: its sentence in other languages and its short
    /// easy-read form come from the sheet's catalogue.
    pub need: String,
    /// The need's sheet sentence, from the questionnaire, in French and in English.
    pub why_fr: String,
    pub why_en: String,
    pub snapshot: Snapshot,
}

/// Everything printed on a sheet, and nothing else.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetContent {
    /// The date as printed, day/month/year: read the same in every language.
    pub date: String,
    pub centre: Option<String>,
    pub centre_phone: Option<String>,
    /// Only when the person agreed to it.
    pub first_name: Option<String>,
    pub items: Vec<SheetItem>,
}

/// How a sheet is printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SheetOptions {
    pub language: SheetLanguage,
    pub easy_read: bool,
}

/// What the sheet says, block by block.
pub fn blocks(content: &SheetContent, options: SheetOptions) -> Vec<Block> {
    compose::blocks(content, options)
}

/// Every text of the sheet in reading order, one a line (what the preview gives screen readers).
pub fn plain_text(content: &SheetContent, options: SheetOptions) -> Vec<String> {
    let mut lines = compose::plain_text(&blocks(content, options));
    lines.extend(compose::plain_text(&[compose::closing(options)]));
    if let Some(footer) = compose::footer(content, options) {
        lines.extend(footer.person);
        lines.push(footer.french);
    }
    lines
}

/// The sheet laid out: each page's marks, its foot included.
fn laid_out(content: &SheetContent, options: SheetOptions) -> Vec<Vec<marks::Mark>> {
    let footer = compose::footer(content, options);
    let reserve = pages::footer_height(footer.as_ref());
    let closing = compose::closing(options);
    let mut pages = pages::pages(&blocks(content, options), &closing, options, reserve);
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let label = (count > 1).then(|| {
            let args = [("page", (i + 1).to_string()), ("pages", count.to_string())];
            let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
            let french = catalogue::text_with(SheetLanguage::Fr, "page-number", &args);
            if options.language.is_bilingual() {
                let person = catalogue::text_with(options.language, "page-number", &args);
                format!("{person} · {french}")
            } else {
                french
            }
        });
        page.extend(pages::footer(options, footer.as_ref(), label.as_deref()));
    }
    pages
}

/// The lines of the sheet as laid out, page by page, each in reading order: what a text
/// extractor must find on each line of the PDF.
pub fn printed_lines(content: &SheetContent, options: SheetOptions) -> Vec<Vec<String>> {
    laid_out(content, options)
        .into_iter()
        .map(|page| {
            page.into_iter()
                .filter_map(|mark| match mark {
                    marks::Mark::Text { line, .. } => Some(line.text),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Renders the sheet as PDF bytes.
///
/// # Errors
/// [`crate::Error::Sheet`] if the PDF cannot be written.
pub fn render(content: &SheetContent, options: SheetOptions) -> Result<Vec<u8>> {
    let title = catalogue::text(
        options.language,
        if options.easy_read {
            "easy-title"
        } else {
            "sheet-title"
        },
    );
    pdf::write(&laid_out(content, options), &title, options.language.tag())
}

/// The language names of the sheet's catalogue, as their speakers write them.
pub fn autonym(language: SheetLanguage) -> String {
    catalogue::text(language, "language-name")
}
