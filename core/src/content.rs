//! The content shipped inside the binary, so the app runs on its embedded defaults with nothing
//! to configure: the default questionnaire, the sample directory, the commune table and the demo
//! personas. Each is a versioned file under `assets/`.

use aiguillage_domain::Questionnaire;
use aiguillage_domain::directory::Communes;

use crate::error::Result;

/// The default questionnaire file.
pub const QUESTIONNAIRE: &str =
    include_str!("../../assets/questionnaires/diagnostic-numerique-v1.json");
/// The sample directory's structures (fictional).
pub const SAMPLE_STRUCTURES: &str = include_str!("../../assets/directory/sample/structures.json");
/// The sample directory's services (fictional).
pub const SAMPLE_SERVICES: &str = include_str!("../../assets/directory/sample/services.json");
/// Commune codes and coordinates of the sample area.
pub const COMMUNES: &str = include_str!("../../assets/communes/rhone-sample.json");
/// The fictional people of the demo mode.
pub const PERSONAS: &str = include_str!("../../assets/demo/personas.json");

/// The default questionnaire, validated.
pub fn questionnaire() -> Result<Questionnaire> {
    Ok(Questionnaire::parse(QUESTIONNAIRE)?)
}

/// The embedded commune table.
pub fn communes() -> Result<Communes> {
    Ok(Communes::parse(COMMUNES)?)
}
