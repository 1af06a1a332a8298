//! The communes of France as people say them: every current commune, the arrondissements of
//! Paris, Lyon and Marseille, and the overseas ones, with their postcodes, intercommunality and
//! town-centre coordinates. A volunteer types a name or a postcode, with or without accents,
//! hyphens or "St"; [`Communes::search`] gives the best matches first, and the INSEE code is
//! what is stored.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// One commune (or municipal arrondissement).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commune {
    pub insee: String,
    pub nom: String,
    pub departement: String,
    #[serde(default)]
    pub codes_postaux: Vec<String>,
    /// The SIREN of its intercommunality (EPCI), when it belongs to one.
    #[serde(default)]
    pub epci: Option<String>,
    #[serde(default)]
    pub population: Option<u32>,
    /// Town-hall (or, failing that, centroid) coordinates, when known.
    #[serde(default)]
    pub latitude: Option<f64>,
    #[serde(default)]
    pub longitude: Option<f64>,
}

impl Commune {
    /// Its coordinates as `(latitude, longitude)`, when known.
    pub fn point(&self) -> Option<(f64, f64)> {
        self.latitude.zip(self.longitude)
    }
}

/// How well a commune answers a search, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Fit {
    /// The INSEE code or a whole postcode.
    Code,
    /// The whole name.
    Name,
    /// The name starts with what was typed.
    Start,
    /// Every word typed starts a word of the name, in order.
    Words,
    /// The start of a postcode.
    PostcodeStart,
    /// Not found as typed: a name that looks like it.
    Close,
}

/// One suggestion of a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Found<'a> {
    pub commune: &'a Commune,
    /// What the volunteer reads: the name, with the département where names repeat
    /// ("Saint-Denis (93)").
    pub label: String,
    pub fit: Fit,
}

/// The commune table, with what searching it needs worked out once.
#[derive(Debug, Clone, Default)]
pub struct Communes {
    list: Vec<Commune>,
    by_code: HashMap<String, usize>,
    /// Each commune's name folded for comparison (see [`fold`]), in `list`'s order.
    folded: Vec<String>,
    /// Whether another commune has the same name.
    homonym: Vec<bool>,
    /// The département of each postcode (a postcode never crosses one).
    postcode_departement: HashMap<String, String>,
}

/// The most suggestions a search gives.
pub const MAX_SUGGESTIONS: usize = 10;
/// The most close names offered when nothing matches as typed: a few good guesses.
const MAX_CLOSE: usize = 5;

impl Communes {
    /// Parses a JSON array of communes.
    ///
    /// # Errors
    /// [`Error::Directory`] when the list is malformed.
    pub fn parse(json: &str) -> Result<Self> {
        let list: Vec<Commune> = serde_json::from_str(json)
            .map_err(|e| Error::Directory(format!("the commune table is not valid: {e}")))?;
        Ok(Self::new(list))
    }

    /// The table of `list`.
    pub fn new(list: Vec<Commune>) -> Self {
        let by_code = list
            .iter()
            .enumerate()
            .map(|(i, c)| (c.insee.clone(), i))
            .collect();
        let folded: Vec<String> = list.iter().map(|c| fold(&c.nom)).collect();
        let mut names: HashMap<&str, u32> = HashMap::new();
        for name in &folded {
            *names.entry(name).or_default() += 1;
        }
        let homonym = folded.iter().map(|n| names[n.as_str()] > 1).collect();
        let postcode_departement = list
            .iter()
            .flat_map(|c| {
                c.codes_postaux
                    .iter()
                    .map(|p| (p.clone(), c.departement.clone()))
            })
            .collect();
        Communes {
            list,
            by_code,
            folded,
            homonym,
            postcode_departement,
        }
    }

    /// The commune with this INSEE code.
    pub fn get(&self, insee: &str) -> Option<&Commune> {
        self.by_code.get(insee).map(|&i| &self.list[i])
    }

    /// The département a postcode serves.
    pub fn departement_of_postcode(&self, postcode: &str) -> Option<&str> {
        self.postcode_departement.get(postcode).map(String::as_str)
    }

    /// Whether `code` is the département of some commune.
    pub fn has_departement(&self, code: &str) -> bool {
        self.list.iter().any(|c| c.departement == code)
    }

    /// How many communes the table holds.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// What a volunteer reads for the commune `insee`: its name, with its département where
    /// another commune has the same name.
    pub fn label(&self, insee: &str) -> Option<String> {
        self.by_code.get(insee).map(|&i| self.label_at(i))
    }

    /// The commune `insee` as a search would suggest it (to show a code already picked).
    pub fn found(&self, insee: &str) -> Option<Found<'_>> {
        self.by_code.get(insee).map(|&i| Found {
            commune: &self.list[i],
            label: self.label_at(i),
            fit: Fit::Code,
        })
    }

    fn label_at(&self, i: usize) -> String {
        let c = &self.list[i];
        if self.homonym[i] {
            format!("{} ({})", c.nom, c.departement)
        } else {
            c.nom.clone()
        }
    }

    /// The communes that answer `text`, best first, at most `limit`: a name or its start, with
    /// or without accents, hyphens or "St"/"Ste"; a postcode or its start (a postcode shared by
    /// several communes gives them all); an INSEE code. Nothing found as typed gives the
    /// closest names, marked [`Fit::Close`].
    pub fn search(&self, text: &str, limit: usize) -> Vec<Found<'_>> {
        let query = fold(text);
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let numeric = query.bytes().all(|b| b.is_ascii_digit());
        let mut hits: Vec<(Fit, usize)> = if numeric {
            self.by_number(&query)
        } else {
            self.by_name(&query)
        };
        if hits.is_empty() && !numeric {
            hits = self.close_to(&query, limit.min(MAX_CLOSE));
        }
        // For a postcode, the commune it points at most precisely first (Lyon 3e before Lyon
        // for 69003); then the larger town: the Saint-Denis most people mean.
        let precision = |i: usize| {
            if numeric {
                self.list[i].codes_postaux.len()
            } else {
                0
            }
        };
        hits.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| precision(a.1).cmp(&precision(b.1)))
                .then_with(|| self.list[b.1].population.cmp(&self.list[a.1].population))
                .then_with(|| self.list[a.1].insee.cmp(&self.list[b.1].insee))
        });
        hits.truncate(limit);
        hits.into_iter()
            .map(|(fit, i)| Found {
                commune: &self.list[i],
                label: self.label_at(i),
                fit,
            })
            .collect()
    }

    fn by_number(&self, digits: &str) -> Vec<(Fit, usize)> {
        let mut hits = Vec::new();
        for (i, c) in self.list.iter().enumerate() {
            if c.insee == digits || c.codes_postaux.iter().any(|p| p == digits) {
                hits.push((Fit::Code, i));
            } else if digits.len() < 5 && c.codes_postaux.iter().any(|p| p.starts_with(digits)) {
                hits.push((Fit::PostcodeStart, i));
            }
        }
        hits
    }

    fn by_name(&self, query: &str) -> Vec<(Fit, usize)> {
        // An INSEE code with a letter (Corsica: 2A004) is typed as such.
        if let Some(&i) = self.by_code.get(&query.to_uppercase()) {
            return vec![(Fit::Code, i)];
        }
        let words: Vec<&str> = query.split(' ').collect();
        self.folded
            .iter()
            .enumerate()
            .filter_map(|(i, name)| {
                let fit = if name == query {
                    Fit::Name
                } else if name.starts_with(query) {
                    Fit::Start
                } else if words_start(name, &words) {
                    Fit::Words
                } else {
                    return None;
                };
                Some((fit, i))
            })
            .collect()
    }

    /// The names closest to `query` when none answers it as typed.
    fn close_to(&self, query: &str, limit: usize) -> Vec<(Fit, usize)> {
        // Edits over length: one typo in a long name is close, "Saint-" alone is not. A name
        // whose length differs by more than a quarter cannot be that close: skipped unmeasured.
        const CLOSE: f64 = 0.75;
        let len = query.chars().count();
        if len < 3 {
            return Vec::new();
        }
        let mut scored: Vec<(f64, usize)> = self
            .folded
            .iter()
            .enumerate()
            .filter(|(_, name)| {
                let n = name.len();
                n.abs_diff(len) * 4 <= n.max(len)
            })
            .map(|(i, name)| (strsim::normalized_levenshtein(query, name), i))
            .filter(|(score, _)| *score >= CLOSE)
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored
            .into_iter()
            .take(limit)
            .map(|(_, i)| (Fit::Close, i))
            .collect()
    }
}

/// Whether each of `words` starts a word of `name`, in order.
fn words_start(name: &str, words: &[&str]) -> bool {
    let mut rest = name.split(' ');
    words
        .iter()
        .all(|w| rest.by_ref().any(|n| n.starts_with(w)))
}

/// A name or a query as compared: lower case, no accents, words apart (hyphens, apostrophes
/// and dots are spaces), "st"/"ste" read as "saint"/"sainte".
pub fn fold(text: &str) -> String {
    let plain = deunicode::deunicode(text).to_lowercase();
    plain
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "st" => "saint",
            "ste" => "sainte",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The département of an INSEE commune code: three characters overseas (97x), else two.
pub fn departement(insee: &str) -> &str {
    let n = if insee.starts_with("97") { 3 } else { 2 };
    insee.get(..n).unwrap_or(insee)
}

/// The commune an INSEE code belongs to: the arrondissements of Paris, Lyon and Marseille have
/// codes of their own, but are one commune for "same commune".
pub fn commune_of(insee: &str) -> &str {
    match insee.get(..3) {
        Some("751") if insee.len() == 5 && insee != "75056" => "75056",
        Some("693") if insee[3..].starts_with('8') => "69123",
        Some("132") if ("13201"..="13216").contains(&insee) => "13055",
        _ => insee,
    }
}

/// Great-circle distance in kilometres.
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    const EARTH_RADIUS_KM: f64 = 6371.0;
    let (lat1, lon1) = (a.0.to_radians(), a.1.to_radians());
    let (lat2, lon2) = (b.0.to_radians(), b.1.to_radians());
    let h = ((lat2 - lat1) / 2.0).sin().powi(2)
        + lat1.cos() * lat2.cos() * ((lon2 - lon1) / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * h.sqrt().asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commune(insee: &str, nom: &str, postcodes: &[&str], population: u32) -> Commune {
        Commune {
            insee: insee.into(),
            nom: nom.into(),
            departement: departement(insee).into(),
            codes_postaux: postcodes.iter().map(|p| (*p).to_owned()).collect(),
            epci: None,
            population: Some(population),
            latitude: None,
            longitude: None,
        }
    }

    fn table() -> Communes {
        Communes::new(vec![
            commune("93066", "Saint-Denis", &["93200", "93210"], 150_000),
            commune("97411", "Saint-Denis", &["97400", "97490"], 155_000),
            commune("11339", "Saint-Denis", &["11310"], 500),
            commune("42218", "Saint-Étienne", &["42000", "42100"], 170_000),
            commune("69202", "Sainte-Foy-lès-Lyon", &["69110"], 22_000),
            commune("69383", "Lyon 3e Arrondissement", &["69003"], 100_000),
            commune("01001", "L'Abergement-Clémenciat", &["01400"], 800),
            commune("01400", "Châtillon-sur-Chalaronne", &["01400"], 5_000),
        ])
    }

    fn codes<'a>(found: &[Found<'a>]) -> Vec<&'a str> {
        found.iter().map(|f| f.commune.insee.as_str()).collect()
    }

    #[test]
    fn names_are_found_without_accents_hyphens_or_saint_written_out() {
        let t = table();
        assert_eq!(codes(&t.search("saint etienne", 10)), ["42218"]);
        assert_eq!(codes(&t.search("ST ETIENNE", 10)), ["42218"]);
        assert_eq!(codes(&t.search("ste foy les lyon", 10)), ["69202"]);
        assert_eq!(codes(&t.search("l abergement", 10)), ["01001"]);
        assert_eq!(
            codes(&t.search("foy lyon", 10)),
            ["69202"],
            "words in order"
        );
    }

    #[test]
    fn homonyms_show_their_departement_and_the_larger_comes_first() {
        let t = table();
        let found = t.search("Saint-Denis", 10);
        let labels: Vec<&str> = found.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(
            labels,
            ["Saint-Denis (974)", "Saint-Denis (93)", "Saint-Denis (11)"]
        );
        assert_eq!(
            t.label("42218").as_deref(),
            Some("Saint-Étienne"),
            "a name no other commune has stands alone"
        );
    }

    #[test]
    fn a_postcode_gives_every_commune_it_serves() {
        let t = table();
        assert_eq!(codes(&t.search("69003", 10)), ["69383"]);
        assert_eq!(
            codes(&t.search("01400", 10)),
            ["01400", "01001"],
            "01400 is Châtillon's postcode and the INSEE code of nowhere else: both come, the larger first"
        );
        let start = t.search("931", 10);
        assert!(
            start.is_empty(),
            "no postcode starts with 931: {:?}",
            codes(&start)
        );
        assert_eq!(codes(&t.search("932", 10)), ["93066"]);
    }

    #[test]
    fn a_name_found_nowhere_gives_the_closest_names() {
        let t = table();
        let found = t.search("saint etiene", 10);
        assert_eq!(codes(&found), ["42218"]);
        assert_eq!(found[0].fit, Fit::Close, "said to be a guess");
        assert!(t.search("zzzz", 10).is_empty());
        assert!(
            t.search("  - ", 10).is_empty(),
            "nothing typed, nothing found"
        );
    }

    #[test]
    fn overseas_departements_have_three_digits() {
        assert_eq!(departement("97411"), "974");
        assert_eq!(departement("69266"), "69");
        assert_eq!(departement("2A004"), "2A");
    }

    #[test]
    fn arrondissements_belong_to_their_city() {
        assert_eq!(commune_of("69381"), "69123");
        assert_eq!(commune_of("75112"), "75056");
        assert_eq!(commune_of("13204"), "13055");
        assert_eq!(
            commune_of("69266"),
            "69266",
            "Villeurbanne is its own commune"
        );
    }

    #[test]
    fn lyon_to_villeurbanne_is_a_few_kilometres() {
        let d = distance_km((45.76, 4.84), (45.77, 4.88));
        assert!(
            (2.0..5.0).contains(&d),
            "Lyon–Villeurbanne should be 2–5 km, got {d}"
        );
    }
}
