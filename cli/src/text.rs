//! Plain-text renderings for the terminal, in French or English.

use std::fmt::Write;

use aiguillage_core::store::DiagnosticRow;
use aiguillage_core::{Outcome, Workspace};
use aiguillage_domain::Lang;
use aiguillage_domain::directory::{Service, Structure};

/// A diagnostic's result for the volunteer.
pub fn outcome(ws: &Workspace, outcome: &Outcome, id: Option<&str>, lang: Lang) -> String {
    let fr = lang == Lang::Fr;
    let a = &outcome.assessment;
    let q = &ws.questionnaire;
    let mut out = String::new();
    if let Some(id) = id {
        let _ = writeln!(
            out,
            "{} {id}",
            if fr {
                "Diagnostic enregistré :"
            } else {
                "Diagnostic saved:"
            }
        );
    }
    // French puts a space before the colon, English does not.
    let colon = if fr { " : " } else { ": " };
    let profile = q
        .profile_label(&a.profile)
        .map_or(a.profile.clone(), |l| l.get(lang).to_owned());
    let _ = writeln!(
        out,
        "{}{colon}{} ({})",
        q.profile.label.get(lang),
        profile,
        a.profile
    );
    let levels: Vec<String> = a
        .levels
        .0
        .iter()
        .map(|(code, level)| {
            let name = q
                .dimension(code)
                .map_or(code.as_str(), |d| d.label.get(lang));
            format!(
                "{name} {}",
                level.map_or("–".to_owned(), |l| format!("{l}/3"))
            )
        })
        .collect();
    let _ = writeln!(
        out,
        "{}{colon}{}",
        if fr { "Niveaux" } else { "Levels" },
        levels.join(" · ")
    );
    if !a.flags.is_empty() {
        let flags: Vec<&str> = a
            .flags
            .iter()
            .map(|f| q.flag(f).map_or(f.as_str(), |r| r.label.get(lang)))
            .collect();
        let _ = writeln!(
            out,
            "{}{colon}{}",
            if fr {
                "Points d'attention"
            } else {
                "To keep in mind"
            },
            flags.join(", ")
        );
    }
    if a.group_format_banned {
        let _ = writeln!(out, "{}", q.format_rule.label.get(lang));
    }
    for (i, (need, matches)) in a.needs.iter().zip(&outcome.matches).enumerate() {
        let _ = writeln!(out, "\n{}. {}", i + 1, need.label.get(lang));
        let _ = writeln!(out, "   {}", need.reason.get(lang));
        for m in matches {
            let place = m.commune.as_deref().unwrap_or_default();
            let _ = writeln!(
                out,
                "   {} {} — {} ({place})",
                if m.also { "+" } else { "→" },
                m.structure,
                m.service
            );
            let why: Vec<&str> = m.why.iter().map(|w| w.get(lang)).collect();
            let _ = writeln!(out, "     {}", why.join(", "));
        }
    }
    out
}

/// The history list.
pub fn list(rows: &[DiagnosticRow], lang: Lang) -> String {
    let mut out = String::new();
    if rows.is_empty() {
        let _ = writeln!(
            out,
            "{}",
            if lang == Lang::Fr {
                "Aucun diagnostic."
            } else {
                "No diagnostic."
            }
        );
    }
    for r in rows {
        let _ = writeln!(
            out,
            "{}  {}  {:<12}  {}",
            r.id,
            &r.completed_at[..r.completed_at.len().min(16)],
            r.profile,
            r.needs.join(", ")
        );
    }
    out
}

/// Directory search results.
pub fn search(found: &[(&Service, &Structure)]) -> String {
    let mut out = String::new();
    for (service, structure) in found {
        let commune = service
            .commune
            .as_deref()
            .or(structure.commune.as_deref())
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "{}  {} — {} ({commune})",
            service.id, structure.nom, service.nom
        );
    }
    out
}
