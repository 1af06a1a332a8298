//! Opening hours in words. data·inclusion publishes `horaires_accueil` in OpenStreetMap's
//! `opening_hours` syntax ("Mo-Fr 09:00-12:00; PH off"); the person reads "du lundi au vendredi,
//! de 9 h à 12 h" and "fermé les jours fériés", one rule a line, in the sheet's language. What the
//! parser cannot read, or what these words cannot say exactly (weeks, months, sunrise…), is
//! printed as published: never dropped, never guessed.

use chrono::Weekday;
use opening_hours_syntax::rules::day::{HolidayKind, WeekDayRange};
use opening_hours_syntax::rules::time::{Time, TimeSelector};
use opening_hours_syntax::rules::{RuleOperator, RuleSequence};
use opening_hours_syntax::{ExtendedTime, RuleKind};

use super::SheetLanguage;
use super::catalogue::{text, text_with};

/// Opening hours as the sheet prints them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hours {
    /// One sentence a rule.
    Words(Vec<String>),
    /// The text as the directory published it.
    AsPublished(String),
}

impl Hours {
    /// The lines to print.
    pub fn lines(&self) -> Vec<String> {
        match self {
            Hours::Words(lines) => lines.clone(),
            Hours::AsPublished(raw) => vec![raw.clone()],
        }
    }
}

/// `raw` in words in `language`, or as published when it cannot be said exactly.
pub fn in_words(raw: &str, language: SheetLanguage) -> Hours {
    let raw = raw.trim();
    let as_published = || Hours::AsPublished(raw.to_owned());
    let Ok(expression) = opening_hours_syntax::parse(raw) else {
        return as_published();
    };
    if expression.rules.is_empty() {
        return as_published();
    }
    let words = Words { language };
    expression
        .rules
        .iter()
        .map(|rule| words.rule(rule).map(|line| capitalised(&line)))
        .collect::<Option<Vec<String>>>()
        .map_or_else(as_published, Hours::Words)
}

/// `line` with its first letter in capitals: each rule is a line of its own.
fn capitalised(line: &str) -> String {
    let mut chars = line.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Whether a rule gives no times: the parser reads that as the whole day.
fn whole_day(selector: &TimeSelector) -> bool {
    match selector.spans.as_slice() {
        [span] => {
            matches!(
                (span.range.start, span.range.end),
                (Time::Fixed(from), Time::Fixed(to))
                    if (from.hour(), from.minute(), to.hour(), to.minute()) == (0, 0, 24, 0)
            ) && !span.open_end
                && span.repeats.is_none()
        }
        _ => false,
    }
}

struct Words {
    language: SheetLanguage,
}

impl Words {
    fn rule(&self, rule: &RuleSequence) -> Option<String> {
        let days = &rule.day_selector;
        let fixed_days = days.year.is_empty() && days.monthday.is_empty() && days.week.is_empty();
        if rule.operator == RuleOperator::Fallback || !fixed_days {
            return None;
        }
        let day_words = if days.weekday.is_empty() {
            None
        } else {
            Some(self.days(&days.weekday)?)
        };
        let time_words = if whole_day(&rule.time_selector) {
            None
        } else {
            let spans = rule
                .time_selector
                .spans
                .iter()
                .map(|span| {
                    if span.open_end || span.repeats.is_some() {
                        return None;
                    }
                    let (Time::Fixed(from), Time::Fixed(to)) = (span.range.start, span.range.end)
                    else {
                        return None;
                    };
                    Some(text_with(
                        self.language,
                        "time-span",
                        &[("from", &self.time(from)?), ("to", &self.time(to)?)],
                    ))
                })
                .collect::<Option<Vec<String>>>()?;
            Some(self.list(spans))
        };
        let sentence = match (rule.kind, day_words, time_words) {
            (RuleKind::Open, None, None) => text(self.language, "always-open"),
            (RuleKind::Open, None, Some(times)) => text_with(
                self.language,
                "rule-open",
                &[
                    ("days", text(self.language, "every-day").as_str()),
                    ("times", times.as_str()),
                ],
            ),
            (RuleKind::Open, Some(days), None) => days,
            (RuleKind::Open, Some(days), Some(times)) => text_with(
                self.language,
                "rule-open",
                &[("days", days.as_str()), ("times", times.as_str())],
            ),
            (RuleKind::Closed, Some(days), None) => {
                text_with(self.language, "rule-closed", &[("days", days.as_str())])
            }
            _ => return None,
        };
        Some(if rule.comment.is_empty() {
            sentence
        } else {
            format!("{sentence} ({})", rule.comment)
        })
    }

    fn days(&self, ranges: &[WeekDayRange]) -> Option<String> {
        let mut items = Vec::new();
        for range in ranges {
            match range {
                WeekDayRange::Fixed {
                    range,
                    offset: 0,
                    nth_from_start,
                    nth_from_end,
                } if !nth_from_start.contains(&false) && !nth_from_end.contains(&false) => {
                    let (first, last) = (*range.start(), *range.end());
                    let span = (last.num_days_from_monday() + 7 - first.num_days_from_monday()) % 7;
                    match span {
                        0 => items.push(self.day(first)),
                        1 => {
                            items.push(self.day(first));
                            items.push(self.day(last));
                        }
                        _ => items.push(text_with(
                            self.language,
                            "days-range",
                            &[("first", &self.day(first)), ("last", &self.day(last))],
                        )),
                    }
                }
                WeekDayRange::Holiday {
                    kind: HolidayKind::Public,
                    offset: 0,
                } => items.push(text(self.language, "holidays")),
                _ => return None,
            }
        }
        Some(self.list(items))
    }

    fn day(&self, day: Weekday) -> String {
        text(self.language, &format!("day-{}", day.number_from_monday()))
    }

    fn time(&self, time: ExtendedTime) -> Option<String> {
        if time.hour() > 24 {
            return None;
        }
        Some(text_with(
            self.language,
            "time",
            &[
                ("hour", &time.hour().to_string()),
                ("minute", &format!("{:02}", time.minute())),
                ("minutes", if time.minute() == 0 { "none" } else { "some" }),
            ],
        ))
    }

    /// "a", "a et b", "a, b et c".
    fn list(&self, mut items: Vec<String>) -> String {
        let Some(last) = items.pop() else {
            return String::new();
        };
        if items.is_empty() {
            return last;
        }
        let comma = if self.language.is_rtl() { "، " } else { ", " };
        text_with(
            self.language,
            "list-and",
            &[("first", &items.join(comma)), ("last", &last)],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use SheetLanguage::{Ar, En, Fr};
    use proptest::prelude::*;

    const DAYS: [&str; 7] = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"];

    proptest! {
        /// Whatever a directory publishes, the sheet gets something to print: words, or the
        /// text itself, never less.
        #[test]
        fn any_text_is_said_in_words_or_printed_whole(raw in "\\PC{0,80}") {
            for language in [Fr, Ar] {
                match in_words(&raw, language) {
                    Hours::AsPublished(kept) => prop_assert_eq!(kept, raw.trim()),
                    Hours::Words(lines) => {
                        prop_assert!(!lines.is_empty());
                        prop_assert!(lines.iter().all(|l| !l.trim().is_empty()));
                    }
                }
            }
        }

        /// Days and times as data·inclusion publishes them always read as sentences, with
        /// every opening's hours in them.
        #[test]
        fn day_ranges_with_times_read_as_sentences(
            first in 0usize..7,
            length in 0usize..7,
            opens in 6u32..12,
            hours in 1u32..6,
            minutes in prop::sample::select(vec![0u32, 15, 30, 45]),
        ) {
            let last = (first + length).min(6);
            let days = if last == first {
                DAYS[first].to_owned()
            } else {
                format!("{}-{}", DAYS[first], DAYS[last])
            };
            let raw = format!("{days} {opens:02}:{minutes:02}-{:02}:00; PH off", opens + hours);
            let lines = words(&raw, Fr);
            prop_assert!(matches!(in_words(&raw, Fr), Hours::Words(_)), "{} is said in words", raw);
            prop_assert_eq!(lines.len(), 2);
            let opening = if minutes == 0 { format!("de {opens} h ") } else { format!("de {opens} h {minutes:02} ") };
            prop_assert!(lines[0].contains(&opening), "{} in {:?}", opening, lines);
            prop_assert!(lines[0].contains(&format!("à {} h", opens + hours)), "{:?}", lines);
        }
    }

    /// The lines, no-break spaces written as spaces.
    fn words(raw: &str, language: SheetLanguage) -> Vec<String> {
        in_words(raw, language)
            .lines()
            .into_iter()
            .map(|l| l.replace(['\u{a0}', '\u{202f}'], " "))
            .collect()
    }

    #[test]
    fn weekday_ranges_and_two_openings_a_day_read_as_sentences() {
        assert_eq!(
            words("Mo-Fr 09:00-12:00,14:00-17:30; PH off", Fr),
            [
                "Du lundi au vendredi, de 9 h à 12 h et de 14 h à 17 h 30",
                "Les jours fériés : fermé",
            ]
        );
        assert_eq!(
            words("Mo-Fr 09:00-12:00,14:00-17:30; PH off", En),
            [
                "Monday to Friday, 9:00 to 12:00 and 14:00 to 17:30",
                "Public holidays: closed",
            ]
        );
    }

    #[test]
    fn single_days_lists_and_every_day() {
        assert_eq!(
            words("Mo,We,Fr 10:00-12:00; Sa 09:00-11:00", Fr),
            [
                "Lundi, mercredi et vendredi, de 10 h à 12 h",
                "Samedi, de 9 h à 11 h"
            ]
        );
        assert_eq!(
            words("Sa-Su 10:00-18:00", Fr),
            ["Samedi et dimanche, de 10 h à 18 h"]
        );
        assert_eq!(words("08:00-20:00", Fr), ["Tous les jours, de 8 h à 20 h"]);
        assert_eq!(words("24/7", Fr), ["Ouvert tous les jours, jour et nuit"]);
    }

    #[test]
    fn a_comment_is_kept_beside_its_rule() {
        assert_eq!(
            words("Tu 14:00-16:00 \"sur rendez-vous\"", Fr),
            ["Mardi, de 14 h à 16 h (sur rendez-vous)"]
        );
    }

    #[test]
    fn what_cannot_be_said_exactly_is_printed_as_published() {
        for raw in [
            "ouvert le matin",
            "Jan-Mar Mo-Fr 09:00-12:00",
            "Mo-Fr sunrise-sunset",
            "Mo[1] 10:00-12:00",
            "Mo-Fr 09:00+",
            "week 1-20 Mo 10:00-12:00",
        ] {
            assert_eq!(
                in_words(raw, Fr),
                Hours::AsPublished(raw.to_owned()),
                "{raw} is printed as published"
            );
        }
    }

    #[test]
    fn every_language_says_the_hours_without_the_raw_syntax() {
        for language in SheetLanguage::ALL {
            let lines = words(
                "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00; PH off",
                language,
            );
            assert_eq!(lines.len(), 3, "{language}: one line a rule: {lines:?}");
            for line in &lines {
                assert!(
                    !line.contains("Mo-") && !line.contains("PH") && !line.contains('{'),
                    "{language}: {line}"
                );
            }
        }
    }
}
