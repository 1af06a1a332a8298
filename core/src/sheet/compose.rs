//! What a sheet says, in order, before any layout: the same list of items whatever the language
//! and variant, so that the privacy rules hold by construction (only the fields read here ever
//! reach paper) and the preview's text and the PDF cannot differ.

use super::catalogue::{has, text, text_with};
use super::hours;
use super::{SheetContent, SheetItem, SheetLanguage, SheetOptions};
use crate::store::Snapshot;

/// A kind of information, shown by a pictogram on the easy-read sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picto {
    Why,
    Address,
    Phone,
    Hours,
    Bring,
    Next,
}

/// A text printed in the person's language, then in French; `person` is `None` on a French
/// sheet, or when the text only exists in French.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Both {
    pub person: Option<String>,
    pub french: String,
}

/// One thing printed on the sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Title(Both),
    /// A section's heading: how to contact them, how to get there.
    Heading(Both),
    /// A fixed sentence.
    Sentence(Both),
    /// The label of what follows (bold), with its pictogram on the easy-read sheet.
    Label(Option<Picto>, Both),
    /// A label and the directory's own words after it (address, phone…), printed as published:
    /// on the label's line when they fit there.
    Field(Option<Picto>, Both, Vec<String>),
    /// The directory's own words, printed as published.
    Value(String),
    /// A structure's name.
    Name(String),
    /// A web address as a QR code, with its caption.
    Qr(String, Both),
    /// Two columns side by side: the first on the side the person's language starts.
    Columns(Vec<Item>, Vec<Item>),
    /// A thin line between services.
    Rule,
}

/// Items printed together: one block is never split across pages.
pub type Block = Vec<Item>;

struct Composer {
    language: SheetLanguage,
    easy: bool,
}

impl Composer {
    fn both(&self, id: &str) -> Both {
        self.both_with(id, &[])
    }

    /// A fixed text in the person's language then in French; once when both say the same
    /// ("Date").
    fn both_with(&self, id: &str, args: &[(&str, &str)]) -> Both {
        let french = text_with(SheetLanguage::Fr, id, args);
        Both {
            person: self
                .language
                .is_bilingual()
                .then(|| text_with(self.language, id, args))
                .filter(|person| *person != french),
            french,
        }
    }

    fn label(&self, picto: Picto, standard: &str, easy: &str) -> Item {
        if self.easy {
            Item::Label(Some(picto), self.both(easy))
        } else {
            Item::Label(None, self.both(standard))
        }
    }

    fn field(&self, picto: Option<Picto>, standard: &str, easy: &str, values: Vec<String>) -> Item {
        let id = if self.easy { easy } else { standard };
        Item::Field(picto.filter(|_| self.easy), self.both(id), values)
    }

    /// The need in the person's words: the questionnaire's sentence in French and English, the
    /// catalogue's in other languages, its short form on the easy-read sheet.
    fn why(&self, item: &SheetItem) -> Both {
        let in_language = |language: SheetLanguage| {
            let easy_id = format!("easy-need-{}", item.need);
            let full_id = format!("need-{}", item.need);
            if self.easy && has(language, &easy_id) {
                Some(text(language, &easy_id))
            } else if language == SheetLanguage::Fr {
                Some(item.why_fr.clone())
            } else if language == SheetLanguage::En {
                Some(item.why_en.clone())
            } else {
                has(language, &full_id).then(|| text(language, &full_id))
            }
        };
        Both {
            person: if self.language.is_bilingual() {
                in_language(self.language)
            } else {
                None
            },
            french: in_language(SheetLanguage::Fr).unwrap_or_default(),
        }
    }

    fn next_step(&self, s: &Snapshot) -> &'static str {
        let mode = |m: &str| s.modes_mobilisation.iter().any(|x| x == m);
        let by_professionals_only =
            !s.mobilisable_par.is_empty() && !s.mobilisable_par.iter().any(|p| p == "usagers");
        if by_professionals_only {
            "next-referral"
        } else if mode("telephoner") && s.telephone.is_some() {
            "next-call"
        } else if mode("utiliser-lien-mobilisation") && s.lien_mobilisation.is_some() {
            "next-link"
        } else if mode("envoyer-un-courriel") && !mode("se-presenter") && s.courriel.is_some() {
            "next-email"
        } else {
            "next-visit"
        }
    }

    /// Two lists of items in two columns on the standard sheet, one after the other on the
    /// easy-read one.
    fn side_by_side(&self, block: &mut Block, first: Vec<Item>, second: Vec<Item>) {
        if self.easy {
            block.extend(first);
            block.extend(second);
        } else {
            block.push(Item::Columns(first, second));
        }
    }

    fn hours(&self, raw: &str) -> Vec<Item> {
        let person = hours::in_words(raw, self.language);
        let french = hours::in_words(raw, SheetLanguage::Fr);
        let mut items = Vec::new();
        match (&person, &french) {
            (hours::Hours::Words(p), hours::Hours::Words(f)) => {
                for (p, f) in p.iter().zip(f) {
                    items.push(Item::Sentence(Both {
                        person: self.language.is_bilingual().then(|| p.clone()),
                        french: f.clone(),
                    }));
                }
            }
            _ => items.push(Item::Value(raw.trim().to_owned())),
        }
        items
    }

    fn service(&self, number: usize, item: &SheetItem) -> Block {
        let s = &item.snapshot;
        let mut block = vec![Item::Rule, Item::Name(format!("{number}. {}", s.structure))];
        // The service's own name is for the professionals who read the standard sheet; the
        // easy-read one names the place only.
        if s.service != s.structure && !self.easy {
            block.push(Item::Value(s.service.clone()));
        }
        // Why go there, and what to do next: side by side on the standard sheet.
        let mut why = vec![
            self.label(Picto::Why, "label-why", "easy-why"),
            Item::Sentence(self.why(item)),
        ];
        if s.frais.as_deref() == Some("gratuit") {
            why.push(Item::Sentence(self.both(if self.easy {
                "easy-free"
            } else {
                "free"
            })));
        }
        let mut next = vec![
            self.label(Picto::Next, "label-next", "easy-next"),
            Item::Sentence(self.both(self.next_step(s))),
        ];
        // The easy-read sheet keeps one idea a line: the details a professional reads (the
        // mobilisation's precisions, e-mail, web address) stay on the standard sheet; the QR
        // code still opens their page.
        if let Some(precisions) = s.mobilisation_precisions.as_ref().filter(|_| !self.easy) {
            next.push(Item::Value(precisions.clone()));
        }
        self.side_by_side(&mut block, why, next);

        // How to contact them, and how to get there: side by side on the standard sheet.
        let mut contact = Vec::new();
        let mut go = Vec::new();
        if !self.easy {
            contact.push(Item::Heading(self.both("section-contact")));
            go.push(Item::Heading(self.both("section-go")));
        }
        if let Some(phone) = &s.telephone {
            contact.push(self.field(
                Some(Picto::Phone),
                "label-phone",
                "easy-phone",
                vec![phone.clone()],
            ));
        }
        if !self.easy {
            if let Some(mail) = &s.courriel {
                contact.push(self.field(None, "label-email", "label-email", vec![mail.clone()]));
            }
            if let Some(link) = &s.lien_mobilisation {
                contact.push(self.field(
                    None,
                    "label-appointment",
                    "label-appointment",
                    vec![link.clone()],
                ));
            } else if let Some(site) = &s.site_web {
                contact.push(self.field(
                    None,
                    "label-website",
                    "label-website",
                    vec![site.clone()],
                ));
            }
        }
        // The QR code opens the appointment link, else the structure's page, and says which.
        if let Some(link) = &s.lien_mobilisation {
            contact.push(Item::Qr(link.clone(), self.both("qr-caption-appointment")));
        } else if let Some(site) = &s.site_web {
            contact.push(Item::Qr(site.clone(), self.both("qr-caption-website")));
        }
        let street: Vec<&str> = [s.adresse.as_deref(), s.complement_adresse.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let town: Vec<&str> = [s.code_postal.as_deref(), s.commune.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let address: Vec<String> = [street.join(", "), town.join(" ")]
            .into_iter()
            .filter(|line| !line.is_empty())
            .collect();
        if !address.is_empty() {
            go.push(self.field(
                Some(Picto::Address),
                "label-address",
                "easy-address",
                address,
            ));
        }
        if let Some(raw) = &s.horaires_accueil {
            go.push(self.label(Picto::Hours, "label-hours", "easy-hours"));
            go.extend(self.hours(raw));
        }
        if let Some(bring) = &s.conditions_acces {
            go.push(self.field(
                Some(Picto::Bring),
                "label-access",
                "easy-bring",
                vec![bring.clone()],
            ));
        }
        self.side_by_side(&mut block, contact, go);
        block
    }
}

/// The blocks of the sheet of `content`, in order.
pub fn blocks(content: &SheetContent, options: SheetOptions) -> Vec<Block> {
    let c = Composer {
        language: options.language,
        easy: options.easy_read,
    };
    let mut head = vec![Item::Title(c.both(if c.easy {
        "easy-title"
    } else {
        "sheet-title"
    }))];
    // The date and the name side by side, on the easy-read sheet too: the head stays short,
    // so that the first place fits beside it.
    let date = c.field(None, "label-date", "label-date", vec![content.date.clone()]);
    match &content.first_name {
        Some(name) => {
            let name = c.field(None, "label-for", "label-for", vec![name.clone()]);
            head.push(Item::Columns(vec![date], vec![name]));
        }
        None => head.push(date),
    }
    head.push(Item::Sentence(c.both(if c.easy {
        "easy-intro"
    } else {
        "intro"
    })));
    if content.items.is_empty() {
        head.push(Item::Sentence(c.both("no-orientation")));
    }
    let mut blocks = vec![head];
    for (i, item) in content.items.iter().enumerate() {
        blocks.push(c.service(i + 1, item));
    }
    blocks
}

/// The closing words ("Vous pouvez revenir nous voir…"): printed after the last place when
/// they fit on its page, never on a page of their own (the foot of every page already says
/// who to call).
pub fn closing(options: SheetOptions) -> Block {
    let c = Composer {
        language: options.language,
        easy: options.easy_read,
    };
    vec![Item::Sentence(c.both(if c.easy {
        "easy-closing"
    } else {
        "closing"
    }))]
}

/// The foot of every page: who gave the sheet and how to call them back, in the person's
/// language then in French ("Fiche remise par : Accueil de jour des Pentes – 04 65 71 00 00").
pub fn footer(content: &SheetContent, options: SheetOptions) -> Option<Both> {
    let in_language = |language: SheetLanguage| {
        let colon = if language == SheetLanguage::Fr {
            "\u{a0}: "
        } else {
            ": "
        };
        match (&content.centre, &content.centre_phone) {
            (Some(centre), Some(phone)) => Some(format!(
                "{}{colon}{centre} – {phone}",
                text(language, "label-centre")
            )),
            (Some(centre), None) => {
                Some(format!("{}{colon}{centre}", text(language, "label-centre")))
            }
            (None, Some(phone)) => Some(format!(
                "{}{colon}{phone}",
                text(language, "label-centre-phone")
            )),
            (None, None) => None,
        }
    };
    Some(Both {
        person: options
            .language
            .is_bilingual()
            .then(|| in_language(options.language))
            .flatten(),
        french: in_language(SheetLanguage::Fr)?,
    })
}

/// Every text of the sheet in reading order, one a line: what a screen reader reads of the
/// preview, and what the tests search.
pub fn plain_text(blocks: &[Block]) -> Vec<String> {
    let mut lines = Vec::new();
    for item in blocks.iter().flatten() {
        push_text(item, &mut lines);
    }
    lines.retain(|l| !l.is_empty());
    lines
}

fn push_text(item: &Item, lines: &mut Vec<String>) {
    let mut both = |b: &Both| {
        lines.extend(b.person.iter().cloned());
        lines.push(b.french.clone());
    };
    match item {
        Item::Title(b)
        | Item::Heading(b)
        | Item::Sentence(b)
        | Item::Label(_, b)
        | Item::Qr(_, b) => {
            both(b);
        }
        Item::Field(_, b, values) => {
            both(b);
            lines.extend(values.iter().cloned());
        }
        Item::Value(v) | Item::Name(v) => lines.push(v.clone()),
        Item::Columns(first, second) => {
            for item in first.iter().chain(second) {
                push_text(item, lines);
            }
        }
        Item::Rule => {}
    }
}
