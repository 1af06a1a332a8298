//! The content shipped inside the binary, so the app runs on its embedded defaults with nothing
//! to configure: the default questionnaire, the sample directory, the commune table and the demo
//! personas. Each is a versioned file under `assets/`.

use std::sync::OnceLock;

use aiguillage_domain::Questionnaire;
use aiguillage_domain::commune::Communes;

use crate::error::Result;

/// The default questionnaire file.
pub const QUESTIONNAIRE: &str =
    include_str!("../../assets/questionnaires/diagnostic-numerique-v1.json");
/// The sample directory's structures (fictional).
pub const SAMPLE_STRUCTURES: &str = include_str!("../../assets/directory/sample/structures.json");
/// The sample directory's services (fictional).
pub const SAMPLE_SERVICES: &str = include_str!("../../assets/directory/sample/services.json");
/// Every commune of France with its postcodes, intercommunality and coordinates
/// (`scripts/convert-communes` writes it).
pub const COMMUNES: &str = include_str!("../../assets/communes/communes.json");
/// The fictional people of the demo mode.
pub const PERSONAS: &str = include_str!("../../assets/demo/personas.json");

/// The default questionnaire, validated.
pub fn questionnaire() -> Result<Questionnaire> {
    Ok(Questionnaire::parse(QUESTIONNAIRE)?)
}

/// The embedded commune table, read once per process: every workspace shares it.
pub fn communes() -> Result<&'static Communes> {
    static TABLE: OnceLock<Communes> = OnceLock::new();
    if let Some(table) = TABLE.get() {
        return Ok(table);
    }
    let table = Communes::parse(COMMUNES)?;
    Ok(TABLE.get_or_init(|| table))
}
