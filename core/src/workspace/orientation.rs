//! Orientations: the services chosen for each need of a diagnostic, saved or held, snapshotted
//! from the directory; the default choice; whether the person went.

use serde_json::json;

use super::{Completed, Outcome, Workspace};
use crate::error::{Error, Result};
use crate::store::oplog::{NewOperation, append};
use crate::store::orientations::replace_orientations;
use crate::store::{Orientation, Snapshot};
use aiguillage_domain::sync::{Entity, OpKind};

impl Workspace {
    /// Records the chosen services of a diagnostic, saved or held: `(need, service id)` in
    /// order. Each is snapshotted from the directory so the sheet never changes under the
    /// person. A held one's choice stays in memory with it.
    pub fn choose_orientations(
        &mut self,
        diagnostic_id: &str,
        choices: &[(String, String)],
    ) -> Result<Vec<Orientation>> {
        if let Some(held) = self.held(diagnostic_id) {
            let needs: Vec<&str> = held
                .outcome
                .assessment
                .needs
                .iter()
                .map(|n| n.code.as_str())
                .collect();
            let orientations = self.snapshots(diagnostic_id, &needs, choices)?;
            if let Some(held) = self.held.as_mut() {
                held.orientations.clone_from(&orientations);
            }
            return Ok(orientations);
        }
        let diagnostic = self.saved(diagnostic_id)?;
        let needs: Vec<&str> = diagnostic.needs.iter().map(String::as_str).collect();
        let orientations = self.snapshots(diagnostic_id, &needs, choices)?;
        let now = self.now();
        let body = json!({ "orientations": orientations });
        self.store.write(|tx| {
            replace_orientations(tx, diagnostic_id, &orientations)?;
            append(
                tx,
                NewOperation {
                    entity: Entity::Orientation,
                    entity_id: diagnostic_id,
                    kind: OpKind::Choose,
                    base_version: None,
                    body,
                },
                &now,
            )?;
            Ok(())
        })?;
        Ok(orientations)
    }

    /// The chosen services as snapshots of the directory, each checked to answer one of
    /// `needs` (those of `diagnostic_id`) and to exist.
    fn snapshots(
        &self,
        diagnostic_id: &str,
        needs: &[&str],
        choices: &[(String, String)],
    ) -> Result<Vec<Orientation>> {
        let now = self.now();
        let directory = self.directory()?;
        let mut orientations = Vec::new();
        for (position, (need, service_id)) in choices.iter().enumerate() {
            if !needs.contains(&need.as_str()) {
                return Err(Error::BadInput(format!(
                    "need \"{need}\" is not a need of diagnostic {diagnostic_id}"
                )));
            }
            let (service, structure) = directory
                .service(None, service_id)
                .ok_or_else(|| Error::NotFound(format!("service {service_id}")))?;
            let contact = service.contact(structure);
            let owned = |v: Option<&str>| v.map(str::to_owned);
            orientations.push(Orientation {
                position: i64::try_from(position).unwrap_or(i64::MAX),
                need: need.clone(),
                source: service.source.clone(),
                service_id: service.id.clone(),
                structure_id: structure.id.clone(),
                snapshot: Snapshot {
                    structure: structure.nom.clone(),
                    service: service.nom.clone(),
                    adresse: owned(contact.adresse),
                    code_postal: owned(contact.code_postal),
                    commune: owned(contact.commune),
                    telephone: owned(contact.telephone),
                    courriel: owned(contact.courriel),
                    horaires_accueil: owned(contact.horaires_accueil),
                    modes_mobilisation: service.modes_mobilisation.clone(),
                    mobilisation_precisions: service.mobilisation_precisions.clone(),
                    conditions_acces: service.conditions_acces.clone(),
                    frais: service.frais.clone(),
                    complement_adresse: owned(contact.complement_adresse),
                    mobilisable_par: service.mobilisable_par.clone(),
                    lien_mobilisation: service.lien_mobilisation.clone(),
                    site_web: structure.site_web.clone(),
                },
                chosen_at: now.clone(),
            });
        }
        Ok(orientations)
    }

    /// Gives a just-completed diagnostic, kept or held, the top service of each need as its
    /// orientations: what the sheet shows until someone chooses otherwise.
    pub fn orient_by_default(&mut self, completed: &Completed) -> Result<()> {
        let choices = self.default_choices(&completed.outcome);
        self.choose_orientations(completed.reference(), &choices)?;
        Ok(())
    }

    /// The top-ranked service of each need, as `(need, service id)`, never the same service twice.
    pub fn default_choices(&self, outcome: &Outcome) -> Vec<(String, String)> {
        // The best match not already chosen for an earlier need: a service appears once on the
        // sheet, under the most urgent need it answers.
        let mut chosen: Vec<(String, String)> = Vec::new();
        for (need, matches) in outcome.assessment.needs.iter().zip(&outcome.matches) {
            if let Some(m) = matches
                .iter()
                .find(|m| !chosen.iter().any(|(_, s)| *s == m.service_id))
            {
                chosen.push((need.code.clone(), m.service_id.clone()));
            }
        }
        chosen
    }

    /// Records whether the person went to the orientation.
    pub fn set_follow_up(&mut self, diagnostic_id: &str, outcome: &str) -> Result<()> {
        if !["went", "did_not_go", "unknown"].contains(&outcome) {
            return Err(Error::BadInput(format!(
                "follow-up \"{outcome}\" is not one of went, did_not_go, unknown"
            )));
        }
        let now = self.now();
        self.store.write(|tx| {
            if !crate::store::diagnostics::set_follow_up_in(tx, diagnostic_id, outcome)? {
                return Err(Error::NotFound(format!("diagnostic {diagnostic_id}")));
            }
            let body = json!({ "follow_up": outcome });
            append(
                tx,
                NewOperation {
                    entity: Entity::Diagnostic,
                    entity_id: diagnostic_id,
                    kind: OpKind::FollowUp,
                    base_version: None,
                    body,
                },
                &now,
            )?;
            Ok(())
        })
    }
}
