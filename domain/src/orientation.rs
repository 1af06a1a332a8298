//! Matching a need to the local directory and ranking the services, exactly in the spec's order:
//! preferred type, preferred network, free of charge, distance from the person's commune (same
//! commune, same département, then kilometres), publics fitting the person, reachable by the
//! person directly (mobilisable par usagers), freshness. Top three per need, each with why.

use std::cmp::{Ordering, Reverse};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers::Answers;
use crate::commune::{Communes, commune_of, departement, distance_km};
use crate::directory::{Service, Structure};
use crate::questionnaire::Questionnaire;
use crate::reference::ReferenceLists;
use crate::scoring::{Assessment, Need};
use crate::text::Localized;

/// How many services are proposed per need.
pub const TOP: usize = 3;

/// What matching needs to know about the person: no more.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Person {
    pub commune: Option<String>,
    /// The commune is the centre's: the person preferred not to say where they live.
    pub commune_is_centre: bool,
    pub age_band: Option<String>,
    /// Sight, hearing or mobility hinders use: accessible places first.
    pub health_barrier: bool,
    /// Service types never to propose (the format rule).
    pub banned_types: Vec<String>,
}

impl Person {
    /// The person as matching sees them, from their answers and assessment.
    pub fn new(questionnaire: &Questionnaire, answers: &Answers, assessment: &Assessment) -> Self {
        Person {
            commune: answers.text("ctx_commune").map(str::to_owned),
            commune_is_centre: false,
            age_band: answers.text("ctx_age_band").map(str::to_owned),
            health_barrier: assessment.has_flag("sante"),
            banned_types: if assessment.group_format_banned {
                questionnaire.format_rule.group_types.clone()
            } else {
                Vec::new()
            },
        }
    }

    /// The publics a service can be aimed at that fit this person.
    fn fitting_publics(&self) -> Vec<&'static str> {
        let mut publics = Vec::new();
        match self.age_band.as_deref() {
            Some("65-79" | "80+") => publics.push("seniors"),
            Some("18-25") => publics.push("jeunes"),
            _ => {}
        }
        if self.health_barrier {
            publics.push("personnes-en-situation-de-handicap");
        }
        publics
    }
}

/// One proposed service for a need.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    pub structure_id: String,
    pub structure: String,
    pub service_id: String,
    pub service: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub commune: Option<String>,
    pub distance_km: Option<f64>,
    /// How to reach it, shown before it is chosen: the service's, else its structure's.
    pub telephone: Option<String>,
    pub horaires_accueil: Option<String>,
    /// 1, 2, 3 for the top matches; the extra "meanwhile" service comes after them.
    pub rank: u8,
    /// This is the need's extra service (e.g. a public digital space meanwhile).
    pub also: bool,
    /// Why it ranks there, one short phrase per criterion it meets.
    pub why: Vec<Localized>,
}

/// The criteria a service is ranked by, compared in this order (smaller is better).
#[derive(Debug, Clone, PartialEq, PartialOrd)]
struct RankKey {
    type_miss: bool,
    network_miss: bool,
    not_free: bool,
    distance_tier: u8,
    kilometres: f64,
    /// Where no distance is known (no coordinates): outside the person's intercommunality. Always
    /// false when the kilometres are known, so that it never reorders what distance decides.
    epci_miss: bool,
    publics_miss: bool,
    not_for_users: bool,
    freshness: Reverse<NaiveDate>,
}

struct Criteria<'a> {
    thematiques: &'a [String],
    types: &'a [String],
    networks: &'a [String],
}

/// The best services of `candidates` for `need`, top three plus the need's extra service if any.
/// `candidates` may be the whole directory; services outside the need's thématiques are skipped.
pub fn match_need<'a>(
    need: &Need,
    person: &Person,
    communes: &Communes,
    candidates: impl IntoIterator<Item = (&'a Service, &'a Structure)> + Clone,
) -> Vec<Match> {
    if !need.referral {
        return Vec::new();
    }
    let main = Criteria {
        thematiques: &need.thematiques,
        types: &need.types,
        networks: &need.networks,
    };
    let mut matches = best(&main, person, communes, candidates.clone(), TOP, &[]);
    if let Some(also) = &need.also {
        let taken: Vec<String> = matches.iter().map(|m| m.service_id.clone()).collect();
        let extra = Criteria {
            thematiques: &also.thematiques,
            types: &also.types,
            networks: &also.networks,
        };
        for mut m in best(&extra, person, communes, candidates, 1, &taken) {
            m.rank = u8::try_from(matches.len() + 1).unwrap_or(u8::MAX);
            m.also = true;
            m.why.insert(0, also.label.clone());
            matches.push(m);
        }
    }
    matches
}

fn best<'a>(
    criteria: &Criteria<'_>,
    person: &Person,
    communes: &Communes,
    candidates: impl IntoIterator<Item = (&'a Service, &'a Structure)>,
    count: usize,
    exclude: &[String],
) -> Vec<Match> {
    let home = person.commune.as_deref();
    let home_point = home.and_then(|c| communes.get(c)).and_then(|c| c.point());
    let fitting = person.fitting_publics();
    let mut ranked: Vec<(RankKey, &Service, &Structure, Option<f64>)> = candidates
        .into_iter()
        .filter(|(service, _)| {
            service
                .thematiques
                .iter()
                .any(|t| criteria.thematiques.contains(t))
        })
        .filter(|(service, _)| {
            !service
                .kind
                .as_ref()
                .is_some_and(|k| person.banned_types.contains(k))
        })
        .filter(|(service, _)| !exclude.contains(&service.id))
        .map(|(service, structure)| {
            let insee = service.code_insee(structure);
            let point = service
                .coordinates(structure)
                .or_else(|| insee.and_then(|c| communes.get(c)).and_then(|c| c.point()));
            let km = home_point.zip(point).map(|(a, b)| distance_km(a, b));
            let home_epci = home
                .and_then(|c| communes.get(c))
                .and_then(|c| c.epci.as_deref());
            let epci = insee
                .and_then(|c| communes.get(c))
                .and_then(|c| c.epci.as_deref());
            let same_epci = home_epci.is_some() && home_epci == epci;
            let distance_tier = match (home, insee) {
                (Some(h), Some(s)) if commune_of(h) == commune_of(s) => 0,
                (Some(h), Some(s)) if departement(h) == departement(s) => 1,
                (Some(_), Some(_)) => 2,
                _ => 3,
            };
            let key = RankKey {
                type_miss: !criteria.types.is_empty()
                    && !service
                        .kind
                        .as_ref()
                        .is_some_and(|k| criteria.types.contains(k)),
                network_miss: !criteria.networks.is_empty()
                    && !structure
                        .reseaux_porteurs
                        .iter()
                        .any(|n| criteria.networks.contains(n)),
                not_free: service.frais.as_deref() != Some("gratuit"),
                distance_tier,
                // Whole kilometres, so that the criteria after distance still count.
                kilometres: km.map_or(f64::INFINITY, f64::round),
                epci_miss: km.is_none() && !same_epci,
                publics_miss: !fitting.is_empty()
                    && !service
                        .publics
                        .iter()
                        .any(|p| fitting.contains(&p.as_str())),
                not_for_users: !service.mobilisable_par.iter().any(|p| p == "usagers"),
                freshness: Reverse(service.date_maj),
            };
            (key, service, structure, km)
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.0.partial_cmp(&b.0)
            .unwrap_or(Ordering::Equal)
            .then_with(|| a.1.id.cmp(&b.1.id))
    });
    ranked
        .into_iter()
        .take(count)
        .enumerate()
        .map(|(i, (key, service, structure, km))| Match {
            structure_id: structure.id.clone(),
            structure: structure.nom.clone(),
            service_id: service.id.clone(),
            service: service.nom.clone(),
            kind: service.kind.clone(),
            commune: service
                .commune
                .clone()
                .or_else(|| structure.commune.clone()),
            distance_km: km.map(|k| (k * 10.0).round() / 10.0),
            telephone: service.contact(structure).telephone.map(str::to_owned),
            horaires_accueil: service
                .contact(structure)
                .horaires_accueil
                .map(str::to_owned),
            rank: u8::try_from(i + 1).unwrap_or(u8::MAX),
            also: false,
            why: why(
                &key,
                criteria,
                service,
                structure,
                km,
                &fitting,
                person.commune_is_centre,
            ),
        })
        .collect()
}

fn why(
    key: &RankKey,
    criteria: &Criteria<'_>,
    service: &Service,
    structure: &Structure,
    km: Option<f64>,
    fitting: &[&str],
    from_centre: bool,
) -> Vec<Localized> {
    let lists = ReferenceLists::embedded();
    let mut why = Vec::new();
    if !criteria.types.is_empty() && !key.type_miss {
        // Said with the national list's words, never its codes ("aide-financiere").
        let kind = lists.type_label(service.kind.as_deref().unwrap_or_default());
        why.push(Localized::new(
            format!("type recherché : {}", kind.to_lowercase()),
            format!("preferred type: {kind}"),
        ));
    }
    if !criteria.networks.is_empty() && !key.network_miss {
        let network = structure
            .reseaux_porteurs
            .iter()
            .find(|n| criteria.networks.contains(n))
            .map_or("", |n| lists.network_label(n));
        why.push(Localized::new(
            format!("réseau {network}"),
            format!("{network} network"),
        ));
    }
    if !key.not_free {
        why.push(Localized::new("gratuit", "free of charge"));
    }
    // From the centre's commune when the person preferred not to say theirs: said so.
    let (fr_from, en_from) = if from_centre {
        (" du lieu d'accueil", " from the drop-in centre")
    } else {
        ("", "")
    };
    match (key.distance_tier, km) {
        (0, _) if from_centre => why.push(Localized::new(
            "dans la commune du lieu d'accueil",
            "in the drop-in centre's commune",
        )),
        (0, _) => why.push(Localized::new(
            "dans la même commune",
            "in the same commune",
        )),
        (1, Some(k)) => why.push(Localized::new(
            format!("même département, à {k:.0} km{fr_from}"),
            format!("same département, {k:.0} km{en_from}"),
        )),
        (1, None) if !key.epci_miss => why.push(Localized::new(
            "dans la même intercommunalité",
            "in the same intercommunality",
        )),
        (1, None) => why.push(Localized::new(
            "dans le même département",
            "in the same département",
        )),
        (_, Some(k)) => why.push(Localized::new(
            format!("à {k:.0} km{fr_from}"),
            format!("{k:.0} km away{en_from}"),
        )),
        _ => {}
    }
    if !fitting.is_empty() && !key.publics_miss {
        why.push(Localized::new(
            "public adapté à la personne",
            "suited to the person's public",
        ));
    }
    if !key.not_for_users {
        why.push(Localized::new(
            "la personne peut s'y adresser directement",
            "the person can go there directly",
        ));
    }
    let date = service.date_maj.format("%d/%m/%Y");
    why.push(Localized::new(
        format!("fiche mise à jour le {date}"),
        format!("listing updated {}", service.date_maj),
    ));
    why
}
