//! The console's texts in French and English, from the Fluent files of `server/locales/`, parsed
//! once. French is the reference: a test fails when the English file misses one of its ids.

use std::sync::LazyLock;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The console's languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Fr,
    En,
}

impl Lang {
    /// The language's code (`lang` attribute, `?lang=` parameter, cookie).
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The language of a code, if the console has it.
    pub fn from_code(code: &str) -> Option<Self> {
        match code.get(..2).map(str::to_ascii_lowercase).as_deref() {
            Some("fr") => Some(Lang::Fr),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// The other language, offered by the switch in the header.
    pub fn other(self) -> Self {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

const FR: &str = include_str!("../../locales/fr.ftl");
const EN: &str = include_str!("../../locales/en.ftl");

type Bundle = FluentBundle<FluentResource>;

fn bundle(lang: Lang, source: &str) -> Bundle {
    // The files are part of the build and checked by the tests below: a syntax error there is a
    // bug of this repository, not an input.
    let resource = FluentResource::try_new(source.to_owned())
        .unwrap_or_else(|(_, errors)| panic!("{}.ftl: {errors:?}", lang.code()));
    let tag = lang.code().parse().expect("fr and en are language tags");
    let mut bundle = Bundle::new_concurrent(vec![tag]);
    // Isolation marks would show in form values and titles.
    bundle.set_use_isolating(false);
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("{}.ftl: {errors:?}", lang.code()));
    bundle
}

static BUNDLES: LazyLock<[Bundle; 2]> =
    LazyLock::new(|| [bundle(Lang::Fr, FR), bundle(Lang::En, EN)]);

/// The texts of one language, as the templates read them.
#[derive(Debug, Clone, Copy, Default)]
pub struct Tr {
    pub lang: Lang,
}

impl Tr {
    /// The text of `id`.
    pub fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// The text of `id` with one number (`$n`).
    pub fn n(&self, id: &str, n: impl std::borrow::Borrow<i64>) -> String {
        let mut args = FluentArgs::new();
        args.set("n", FluentValue::from(*n.borrow()));
        self.format(id, Some(&args))
    }

    /// The text of `id` with named text arguments.
    pub fn with(&self, id: &str, values: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set(*name, FluentValue::from(*value));
        }
        self.format(id, Some(&args))
    }

    /// The text of `id` with one named text argument (for the templates).
    pub fn arg(&self, id: &str, name: &str, value: &str) -> String {
        self.with(id, &[(name, value)])
    }

    /// A stored instant for reading, in the server's time zone: « 7 déc. 2026 à 11 h 17 ».
    pub fn when(&self, stamp: &str) -> String {
        let Ok(at) = chrono::DateTime::parse_from_rfc3339(stamp) else {
            return stamp.to_owned();
        };
        let at = at.with_timezone(&chrono::Local);
        match self.lang {
            Lang::Fr => at
                .format_localized("%-d %b %Y à %H h %M", chrono::Locale::fr_FR)
                .to_string(),
            Lang::En => at
                .format_localized("%-d %b %Y at %H:%M", chrono::Locale::en_GB)
                .to_string(),
        }
    }

    /// An ISO week ("2026-W48") as its days: « du 23 au 29 nov. 2026 ».
    pub fn week(&self, iso: &str) -> String {
        let parsed = iso.split_once("-W").and_then(|(year, week)| {
            let monday = chrono::NaiveDate::from_isoywd_opt(
                year.parse().ok()?,
                week.parse().ok()?,
                chrono::Weekday::Mon,
            )?;
            Some((monday, monday + chrono::Duration::days(6)))
        });
        let Some((monday, sunday)) = parsed else {
            return iso.to_owned();
        };
        let locale = match self.lang {
            Lang::Fr => chrono::Locale::fr_FR,
            Lang::En => chrono::Locale::en_GB,
        };
        let from = if monday.format("%m").to_string() == sunday.format("%m").to_string() {
            monday.format("%-d").to_string()
        } else {
            monday.format_localized("%-d %b", locale).to_string()
        };
        let to = sunday.format_localized("%-d %b %Y", locale).to_string();
        self.with("week", &[("from", &from), ("to", &to)])
    }

    /// Who did something, as the audit trail names them.
    pub fn actor(&self, actor: &str) -> String {
        if actor.starts_with("device:") {
            return self.get("actor-device");
        }
        if actor == "retention" {
            return self.get("actor-retention");
        }
        if actor == "console" {
            return self.get("actor-console-unknown");
        }
        match actor.strip_prefix("console:") {
            Some(name) => self.arg("actor-console", "name", name),
            None if actor == "admin" => self.get("actor-admin"),
            None => actor.to_owned(),
        }
    }

    /// What was done, as the audit trail names it.
    pub fn action(&self, action: &str) -> String {
        // Retention writes its counts: "retention: 3 anonymised, 1 deleted".
        if let Some(counts) = action.strip_prefix("retention: ") {
            let numbers: Vec<&str> = counts
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .collect();
            if let [anonymised, deleted] = numbers.as_slice() {
                return self.with(
                    "action-retention",
                    &[("anonymised", anonymised), ("deleted", deleted)],
                );
            }
        }
        let id = format!("action-{}", action.replace('_', "-"));
        if BUNDLES[self.lang as usize].has_message(&id) {
            self.get(&id)
        } else {
            action.to_owned()
        }
    }

    fn format(&self, id: &str, args: Option<&FluentArgs<'_>>) -> String {
        let bundle = &BUNDLES[self.lang as usize];
        let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) else {
            // A missing id is a bug the tests catch; the page still shows something readable.
            tracing::error!(id, lang = self.lang.code(), "console text missing");
            return id.to_owned();
        };
        let mut errors = Vec::new();
        bundle
            .format_pattern(pattern, args, &mut errors)
            .into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fluent_syntax::ast::Entry;
    use fluent_syntax::parser::parse;

    fn ids(source: &str) -> Vec<String> {
        parse(source)
            .expect("the file parses")
            .body
            .into_iter()
            .filter_map(|e| match e {
                Entry::Message(m) => Some(m.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn english_has_every_french_text_and_no_other() {
        let (fr, en) = (ids(FR), ids(EN));
        let missing: Vec<_> = fr.iter().filter(|id| !en.contains(id)).collect();
        let extra: Vec<_> = en.iter().filter(|id| !fr.contains(id)).collect();
        assert!(missing.is_empty(), "en.ftl misses {missing:?}");
        assert!(extra.is_empty(), "en.ftl has ids French lacks: {extra:?}");
    }

    /// The ids the console's code and templates ask for, as written there: in the code, every
    /// quoted run of words joined by dashes (the few that are not ids set aside by name); in the
    /// templates, the first argument of every call to the catalogue.
    fn used_ids() -> Vec<String> {
        let code = [
            include_str!("audit.rs"),
            include_str!("charts.rs"),
            include_str!("enrolment.rs"),
            include_str!("exports.rs"),
            include_str!("mod.rs"),
            include_str!("pages.rs"),
            include_str!("pending.rs"),
            include_str!("publish.rs"),
            include_str!("reports.rs"),
            include_str!("session.rs"),
        ];
        let not_ids = [
            "sec-fetch-site",
            "cross-site",
            "same-origin",
            "x-forwarded-proto",
            "no-store",
            "per-week",
            "follow-up",
        ];
        let word = |c: char| c.is_ascii_lowercase() || c == '_';
        let mut ids: Vec<String> = code
            .iter()
            .flat_map(|source| source.split('"').skip(1).step_by(2))
            .filter(|quoted| {
                let parts: Vec<&str> = quoted.split('-').collect();
                parts.len() > 1
                    && parts.iter().all(|p| !p.is_empty() && p.chars().all(word))
                    && !not_ids.contains(quoted)
            })
            .map(str::to_owned)
            .collect();
        let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/console");
        for file in std::fs::read_dir(templates).unwrap() {
            let text = std::fs::read_to_string(file.unwrap().path()).unwrap();
            for call in ["t.get(\"", "t.n(\"", "t.arg(\"", "t.with(\""] {
                for (at, _) in text.match_indices(call) {
                    let rest = &text[at + call.len()..];
                    ids.push(rest[..rest.find('"').unwrap()].to_owned());
                }
            }
        }
        ids
    }

    #[test]
    fn every_text_the_console_asks_for_is_in_the_catalogue() {
        let known = ids(FR);
        let used = used_ids();
        assert!(used.len() > 100, "the scan finds the ids: {}", used.len());
        let missing: Vec<_> = used.iter().filter(|id| !known.contains(id)).collect();
        assert!(missing.is_empty(), "fr.ftl misses {missing:?}");
        let fr = Tr { lang: Lang::Fr };
        for follow_up in ["pending", "went", "did_not_go", "unknown"] {
            assert!(
                known.contains(&format!("follow-up-{follow_up}")),
                "{follow_up}"
            );
        }
        for action in [
            "sign_in",
            "sign_in_refused",
            "sign_out",
            "account_create",
            "centre_create",
            "enrolment_code_create",
            "enrol",
            "revoke",
            "push",
            "quarantine",
            "erase",
            "export",
            "export_figures_csv",
            "export_figures_json",
            "publish_questionnaire",
            "publish_directory",
            "publish_retention",
            "bundle_import",
        ] {
            assert_ne!(fr.action(action), action, "the log names {action} in words");
        }
        assert_eq!(
            fr.action("retention: 3 anonymised, 1 deleted"),
            "Durées de conservation appliquées : 3 anonymisé(s), 1 supprimé(s)"
        );
        assert_eq!(fr.actor("device:0193"), "Un poste");
        assert_eq!(fr.week("2026-W48"), "du 23 au 29 nov. 2026");
        assert_eq!(
            fr.week("2026-W53"),
            "du 28 déc. au 3 janv. 2027",
            "a week across two months"
        );
        assert_eq!(Tr { lang: Lang::En }.week("2026-W48"), "23 to 29 Nov 2026");
        assert_eq!(fr.actor("console:chloe"), "chloe (console)");
        assert_eq!(fr.actor("console"), "Nom inconnu (console)");
    }

    #[test]
    fn numbers_take_their_plural() {
        let fr = Tr { lang: Lang::Fr };
        assert_eq!(fr.n("devices-count", 1), "1 poste");
        assert_eq!(fr.n("devices-count", 3), "3 postes");
        let en = Tr { lang: Lang::En };
        assert_eq!(en.n("devices-count", 1), "1 device");
    }
}
