//! The sheet's fixed texts in every language, from the Fluent files of `assets/sheet/locales/`,
//! parsed once. French is the reference: a test fails when another file misses one of its ids.

use std::collections::HashMap;
use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use super::SheetLanguage;

const SOURCES: [(SheetLanguage, &str); 12] = [
    (
        SheetLanguage::Fr,
        include_str!("../../../assets/sheet/locales/fr.ftl"),
    ),
    (
        SheetLanguage::En,
        include_str!("../../../assets/sheet/locales/en.ftl"),
    ),
    (
        SheetLanguage::Es,
        include_str!("../../../assets/sheet/locales/es.ftl"),
    ),
    (
        SheetLanguage::Pt,
        include_str!("../../../assets/sheet/locales/pt.ftl"),
    ),
    (
        SheetLanguage::Ro,
        include_str!("../../../assets/sheet/locales/ro.ftl"),
    ),
    (
        SheetLanguage::Uk,
        include_str!("../../../assets/sheet/locales/uk.ftl"),
    ),
    (
        SheetLanguage::Ru,
        include_str!("../../../assets/sheet/locales/ru.ftl"),
    ),
    (
        SheetLanguage::Tr,
        include_str!("../../../assets/sheet/locales/tr.ftl"),
    ),
    (
        SheetLanguage::Ar,
        include_str!("../../../assets/sheet/locales/ar.ftl"),
    ),
    (
        SheetLanguage::Prs,
        include_str!("../../../assets/sheet/locales/prs.ftl"),
    ),
    (
        SheetLanguage::Ps,
        include_str!("../../../assets/sheet/locales/ps.ftl"),
    ),
    (
        SheetLanguage::Ta,
        include_str!("../../../assets/sheet/locales/ta.ftl"),
    ),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<HashMap<SheetLanguage, Bundle>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(language, source)| {
            // The files are part of the build and checked by the tests below: a syntax error
            // there is a bug of this repository, not an input.
            let resource = FluentResource::try_new((*source).to_owned())
                .unwrap_or_else(|(_, errors)| panic!("{}.ftl: {errors:?}", language.code()));
            let tag = language
                .tag()
                .parse()
                .unwrap_or_else(|_| panic!("{} is a language tag", language.tag()));
            let mut bundle = Bundle::new_concurrent(vec![tag]);
            // Isolation marks would reach the PDF as invisible characters; the layout runs the
            // bidirectional algorithm itself.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("{}.ftl: {errors:?}", language.code()));
            (*language, bundle)
        })
        .collect()
});

/// Whether `language`'s file has message `id`.
pub fn has(language: SheetLanguage, id: &str) -> bool {
    BUNDLES[&language].has_message(id)
}

/// Message `id` in `language`, its `{ $name }` placeables filled from `args`; the French one when
/// the language lacks it (the tests make sure none does), the id itself when French lacks it too.
pub fn text_with(language: SheetLanguage, id: &str, args: &[(&str, &str)]) -> String {
    let bundle = if has(language, id) {
        &BUNDLES[&language]
    } else {
        &BUNDLES[&SheetLanguage::Fr]
    };
    let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
        return id.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, *value);
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// Message `id` in `language`, with no placeable.
pub fn text(language: SheetLanguage, id: &str) -> String {
    text_with(language, id, &[])
}

/// The ids of `language`'s file, in order.
#[cfg(test)]
pub(crate) fn ids(language: SheetLanguage) -> Vec<String> {
    let source = SOURCES
        .iter()
        .find(|(l, _)| *l == language)
        .map(|(_, s)| *s)
        .unwrap_or_default();
    FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(r, _)| r)
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_owned()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_text_of_the_french_file() {
        let reference = ids(SheetLanguage::Fr);
        assert!(
            reference.len() > 50,
            "the French file holds the sheet's texts"
        );
        for language in SheetLanguage::ALL {
            let own = ids(language);
            let missing: Vec<&String> = reference.iter().filter(|id| !own.contains(id)).collect();
            assert!(
                missing.is_empty(),
                "{}.ftl misses {missing:?}: the sheet would print French alone there",
                language.code()
            );
        }
    }

    #[test]
    fn every_file_parses_and_fills_its_placeables() {
        for language in SheetLanguage::ALL {
            let (_, source) = SOURCES.iter().find(|(l, _)| *l == language).unwrap();
            assert!(
                FluentResource::try_new((*source).to_owned()).is_ok(),
                "{}.ftl has a syntax error",
                language.code()
            );
            let span = text_with(language, "time-span", &[("from", "«A»"), ("to", "«B»")]);
            assert!(
                span.contains("«A»") && span.contains("«B»"),
                "{}: time-span uses both times: {span}",
                language.code()
            );
            let name = text(language, "language-name");
            assert!(!name.is_empty() && name != "language-name");
        }
    }

    #[test]
    fn french_times_drop_zero_minutes() {
        let time = |h, m, some| {
            text_with(
                SheetLanguage::Fr,
                "time",
                &[("hour", h), ("minute", m), ("minutes", some)],
            )
        };
        assert_eq!(time("9", "00", "none"), "9\u{a0}h");
        assert_eq!(time("12", "30", "some"), "12\u{a0}h\u{a0}30");
    }
}
