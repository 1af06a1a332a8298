//! The languages a sheet can be printed in. French alone, or the person's language followed by
//! French, so that the place that receives them reads it too.

use std::fmt;
use std::str::FromStr;

use aiguillage_domain::Lang;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A language of the sheet's catalogue (`assets/sheet/locales/<code>.ftl`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub enum SheetLanguage {
    #[default]
    Fr,
    En,
    Es,
    Pt,
    Ro,
    Uk,
    Ru,
    Tr,
    Ar,
    /// Dari, the Persian of Afghanistan.
    Prs,
    Ps,
    Ta,
}

impl SheetLanguage {
    /// Every language, French first, then as the volunteer's list shows them.
    pub const ALL: [SheetLanguage; 12] = [
        Self::Fr,
        Self::En,
        Self::Es,
        Self::Pt,
        Self::Ro,
        Self::Uk,
        Self::Ru,
        Self::Tr,
        Self::Ar,
        Self::Prs,
        Self::Ps,
        Self::Ta,
    ];

    /// The code used on the command line, in the app and as the catalogue's file name.
    pub fn code(self) -> &'static str {
        match self {
            Self::Fr => "fr",
            Self::En => "en",
            Self::Es => "es",
            Self::Pt => "pt",
            Self::Ro => "ro",
            Self::Uk => "uk",
            Self::Ru => "ru",
            Self::Tr => "tr",
            Self::Ar => "ar",
            Self::Prs => "prs",
            Self::Ps => "ps",
            Self::Ta => "ta",
        }
    }

    /// The BCP 47 tag written into the PDF, for screen readers and text extraction.
    pub fn tag(self) -> &'static str {
        match self {
            Self::Prs => "fa-AF",
            other => other.code(),
        }
    }

    /// Whether the language is written right to left (Arabic script).
    pub fn is_rtl(self) -> bool {
        matches!(self, Self::Ar | Self::Prs | Self::Ps)
    }

    /// Whether the sheet is printed in two languages: this one, then French.
    pub fn is_bilingual(self) -> bool {
        self != Self::Fr
    }

    /// The interface language closest to this one, for what only exists in French and English
    /// (the questionnaire's own sentences).
    pub fn interface(self) -> Lang {
        match self {
            Self::Fr => Lang::Fr,
            _ => Lang::En,
        }
    }
}

impl From<Lang> for SheetLanguage {
    fn from(lang: Lang) -> Self {
        match lang {
            Lang::Fr => Self::Fr,
            Lang::En => Self::En,
        }
    }
}

impl FromStr for SheetLanguage {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self> {
        let wanted = code.trim().to_ascii_lowercase();
        Self::ALL
            .into_iter()
            .find(|l| l.code() == wanted)
            .ok_or_else(|| {
                let known: Vec<&str> = Self::ALL.iter().map(|l| l.code()).collect();
                Error::BadInput(format!(
                    "the sheet is not available in \"{code}\"; choose one of {}",
                    known.join(", ")
                ))
            })
    }
}

impl TryFrom<String> for SheetLanguage {
    type Error = Error;
    fn try_from(code: String) -> Result<Self> {
        code.parse()
    }
}

impl From<SheetLanguage> for String {
    fn from(language: SheetLanguage) -> Self {
        language.code().to_owned()
    }
}

impl fmt::Display for SheetLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back_and_an_unknown_one_is_named() {
        for language in SheetLanguage::ALL {
            assert_eq!(language.code().parse::<SheetLanguage>().unwrap(), language);
        }
        assert_eq!("AR".parse::<SheetLanguage>().unwrap(), SheetLanguage::Ar);
        let refused = "xx".parse::<SheetLanguage>().unwrap_err().to_string();
        assert!(
            refused.contains("\"xx\"") && refused.contains("prs"),
            "the refusal names the code and the choices: {refused}"
        );
    }
}
