//! The result document of the command-line contract (`diagnose`, `show`), in one language.

use serde::Serialize;

use aiguillage_domain::Lang;
use aiguillage_domain::orientation::Match;
use aiguillage_domain::scoring::Need;

use aiguillage_core::Outcome;

/// The result document of the command-line contract, in `lang`.
#[derive(Debug, Serialize)]
pub struct ResultDocument<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    pub profile: &'a str,
    pub levels: &'a aiguillage_domain::scoring::Levels,
    pub equipment: Option<&'a str>,
    pub connection: Option<&'a str>,
    pub contract_blocked: Option<bool>,
    pub flags: &'a [String],
    pub group_format_banned: bool,
    pub needs: Vec<NeedDocument<'a>>,
}

/// One need of the result document.
#[derive(Debug, Serialize)]
pub struct NeedDocument<'a> {
    pub code: &'a str,
    pub label: &'a str,
    pub thematiques: &'a [String],
    pub types: &'a [String],
    pub networks: &'a [String],
    pub reason: &'a str,
    pub triggers: Vec<&'a str>,
    pub matches: Vec<MatchDocument<'a>>,
}

/// One proposed service of the result document.
#[derive(Debug, Serialize)]
pub struct MatchDocument<'a> {
    pub rank: u8,
    pub structure: &'a str,
    pub structure_id: &'a str,
    pub service: &'a str,
    pub service_id: &'a str,
    #[serde(rename = "type")]
    pub kind: Option<&'a str>,
    pub commune: Option<&'a str>,
    pub distance_km: Option<f64>,
    pub telephone: Option<&'a str>,
    pub horaires_accueil: Option<&'a str>,
    pub also: bool,
    pub why: Vec<&'a str>,
}

/// The result document of `outcome` in `lang`, with `id` when saved.
pub fn of<'a>(outcome: &'a Outcome, id: Option<&'a str>, lang: Lang) -> ResultDocument<'a> {
    let a = &outcome.assessment;
    ResultDocument {
        id,
        profile: &a.profile,
        levels: &a.levels,
        equipment: a.equipment.as_deref(),
        connection: a.connection.as_deref(),
        contract_blocked: a.contract_blocked,
        flags: &a.flags,
        group_format_banned: a.group_format_banned,
        needs: a
            .needs
            .iter()
            .zip(&outcome.matches)
            .map(|(n, m)| need_document(n, m, lang))
            .collect(),
    }
}

fn need_document<'a>(need: &'a Need, matches: &'a [Match], lang: Lang) -> NeedDocument<'a> {
    NeedDocument {
        code: &need.code,
        label: need.label.get(lang),
        thematiques: &need.thematiques,
        types: &need.types,
        networks: &need.networks,
        reason: need.reason.get(lang),
        triggers: need.triggers.iter().map(|t| t.text.get(lang)).collect(),
        matches: matches
            .iter()
            .map(|m| MatchDocument {
                rank: m.rank,
                structure: &m.structure,
                structure_id: &m.structure_id,
                service: &m.service,
                service_id: &m.service_id,
                kind: m.kind.as_deref(),
                commune: m.commune.as_deref(),
                distance_km: m.distance_km,
                telephone: m.telephone.as_deref(),
                horaires_accueil: m.horaires_accueil.as_deref(),
                also: m.also,
                why: m.why.iter().map(|w| w.get(lang)).collect(),
            })
            .collect(),
    }
}
