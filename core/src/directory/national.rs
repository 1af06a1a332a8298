//! The national data·inclusion files as they are published (a structures file and a services
//! file, JSON arrays or CSV, hundreds of thousands of rows), read as a stream and kept to the
//! départements a coordinator chooses. A row is kept when its commune (its INSEE code, else its
//! postcode) is in the area; a service is kept with its structure. Kept rows are checked as
//! any import's; the import replaces what came before from the sources the files hold, in one
//! transaction, so a file refused half-way (wrong shape, truncated) changes nothing.

use std::cell::Cell;
use std::collections::{BTreeSet, HashSet};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::rc::Rc;
use std::sync::OnceLock;

use serde::Serialize;
use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde_json::{Map, Value};

use aiguillage_domain::commune::{Communes, departement};

use super::{Rejected, audit_import, check_rows, write_rows};
use crate::error::{Error, Result};
use crate::store::Store;
use crate::store::directory::remove_not_imported;

/// The départements kept, as INSEE writes them ("69", "2A", "974").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Area(BTreeSet<String>);

impl Area {
    /// The area of these départements.
    ///
    /// # Errors
    /// [`Error::BadInput`] naming a code that is no département's, or when none is given.
    pub fn new<S: AsRef<str>>(codes: &[S]) -> Result<Self> {
        let communes = crate::content::communes()?;
        let mut area = BTreeSet::new();
        for code in codes {
            let code = code.as_ref().trim().to_uppercase();
            if !communes.has_departement(&code) {
                return Err(Error::BadInput(format!(
                    "\"{code}\" is not a département (write it as INSEE does: 69, 2A, 974)"
                )));
            }
            area.insert(code);
        }
        if area.is_empty() {
            return Err(Error::BadInput(
                "choose at least one département to keep".into(),
            ));
        }
        Ok(Area(area))
    }

    /// Whether a row whose commune is `insee` (or, without one, whose postcode is `postcode`)
    /// lies in the area.
    fn holds(&self, communes: &Communes, insee: Option<&str>, postcode: Option<&str>) -> bool {
        let dep = match (insee, postcode) {
            (Some(insee), _) if !insee.is_empty() => Some(departement(insee)),
            (_, Some(postcode)) => communes.departement_of_postcode(postcode),
            _ => None,
        };
        dep.is_some_and(|d| self.0.contains(d))
    }
}

/// What a national import did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AreaReport {
    /// Rows kept and written.
    pub structures: usize,
    pub services: usize,
    /// Rows read but outside the area (or, for a service, whose structure is).
    pub outside: usize,
    /// Rows of the same sources that an earlier import had brought and these files no longer hold.
    pub removed: usize,
    pub rejected: Vec<Rejected>,
}

/// How far an import has read: bytes of both files together.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64);

/// Imports the national `structures` and `services` files (JSON or CSV, told by their
/// extension or first character), keeping the rows of `area`.
///
/// # Errors
/// [`Error::BadFile`] naming the file that cannot be read, is not an array of rows or a CSV
/// table, or ends before its end; nothing is changed then.
pub fn import_area(
    store: &mut Store,
    structures: &Path,
    services: &Path,
    area: &Area,
    now: &str,
    progress: Progress<'_>,
) -> Result<AreaReport> {
    let communes = crate::content::communes()?;
    let size = |p: &Path| {
        std::fs::metadata(p)
            .map(|m| m.len())
            .map_err(|e| Error::io(p, e))
    };
    let first = size(structures)?;
    let total = first + size(services)?;
    let mut report = AreaReport::default();
    let mut sources = BTreeSet::new();
    let mut kept_structures = Vec::new();
    let mut kept_ids: HashSet<(String, String)> = HashSet::new();
    for_each_row(
        structures,
        Kind::Structure,
        &mut |read| progress(read, total),
        &mut |row| {
            let text = |k: &str| row.get(k).and_then(Value::as_str);
            // A handful of sources over hundreds of thousands of rows: no copy per row.
            if let Some(source) = text("source").filter(|s| !sources.contains(*s)) {
                sources.insert(source.to_owned());
            }
            if area.holds(communes, text("code_insee"), text("code_postal")) {
                if let (Some(source), Some(id)) = (text("source"), text("id")) {
                    kept_ids.insert((source.to_owned(), id.to_owned()));
                }
                kept_structures.push(Value::Object(row));
            } else {
                report.outside += 1;
            }
        },
    )?;
    let mut kept_services = Vec::new();
    for_each_row(
        services,
        Kind::Service,
        &mut |read| progress(first + read, total),
        &mut |row| {
            let text = |k: &str| row.get(k).and_then(Value::as_str);
            // A handful of sources over hundreds of thousands of rows: no copy per row.
            if let Some(source) = text("source").filter(|s| !sources.contains(*s)) {
                sources.insert(source.to_owned());
            }
            let of_kept = match (text("source"), text("structure_id")) {
                (Some(source), Some(id)) => kept_ids.contains(&(source.to_owned(), id.to_owned())),
                _ => false,
            };
            if of_kept {
                kept_services.push(Value::Object(row));
            } else {
                report.outside += 1;
            }
        },
    )?;
    let (good_structures, good_services, rejected) = check_rows(&kept_structures, &kept_services);
    drop((kept_structures, kept_services));
    let sources: Vec<String> = sources.into_iter().collect();
    let trail = store.trail();
    let removed = store.write(|tx| {
        write_rows(tx, &good_structures, &good_services, now, &mut || {})?;
        let removed = remove_not_imported(tx, &sources, now)?;
        audit_import(
            tx,
            &trail,
            &[
                ("structures", good_structures.len()),
                ("services", good_services.len()),
                ("removed", removed),
            ],
        )?;
        Ok(removed)
    })?;
    progress(total, total);
    report.structures = good_structures.len();
    report.services = good_services.len();
    report.removed = removed;
    report.rejected = rejected;
    Ok(report)
}

/// One of the two national files, as the desktop app gathers it from its page, a piece at a
/// time (the page may read a file the user picks, but never hold hundreds of megabytes whole).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NationalFile {
    Structures,
    Services,
}

impl NationalFile {
    /// `structures` or `services`.
    ///
    /// # Errors
    /// [`Error::BadInput`] for any other word.
    pub fn parse(word: &str) -> Result<Self> {
        match word {
            "structures" => Ok(NationalFile::Structures),
            "services" => Ok(NationalFile::Services),
            other => Err(Error::BadInput(format!(
                "\"{other}\" is not one of the national files (structures, services)"
            ))),
        }
    }

    /// Where it is gathered: in the data folder, readable by its owner only.
    pub fn path(self, data_dir: &Path) -> std::path::PathBuf {
        let name = match self {
            NationalFile::Structures => "structures.part",
            NationalFile::Services => "services.part",
        };
        data_dir.join("imports").join(name)
    }

    /// Adds the next piece; `first` starts the file anew. Returns its size so far.
    ///
    /// # Errors
    /// [`Error::BadInput`] for a piece or a file beyond the limits (the file is dropped then).
    pub fn receive(self, data_dir: &Path, bytes: &[u8], first: bool) -> Result<u64> {
        use aiguillage_domain::limits::{NATIONAL_BYTES, NATIONAL_PART_BYTES, megabytes};
        if bytes.len() as u64 > NATIONAL_PART_BYTES {
            return Err(Error::BadInput(format!(
                "a piece of a national file is {} at most",
                megabytes(NATIONAL_PART_BYTES)
            )));
        }
        let path = self.path(data_dir);
        crate::files::create_private_dir(path.parent().unwrap_or(data_dir))?;
        let size = crate::files::append_private(&path, bytes, first)?;
        if size > NATIONAL_BYTES {
            crate::files::remove_if_present(&path)?;
            return Err(Error::BadInput(format!(
                "a national file is {} at most",
                megabytes(NATIONAL_BYTES)
            )));
        }
        Ok(size)
    }

    /// Removes both gathered files (after an import, whether it went through or not).
    pub fn discard_all(data_dir: &Path) {
        for file in [NationalFile::Structures, NationalFile::Services] {
            // Best effort: a file left behind is made anew by the next first piece.
            let _ = crate::files::remove_if_present(&file.path(data_dir));
        }
    }
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Structure,
    Service,
}

/// A reader that counts the bytes read, for progress.
struct Counting<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// Calls `row` with every row of `path`, one at a time, never holding the file whole.
fn for_each_row(
    path: &Path,
    kind: Kind,
    progress: &mut dyn FnMut(u64),
    row: &mut dyn FnMut(Map<String, Value>),
) -> Result<()> {
    let bad = |reason: String| Error::BadFile {
        path: path.to_path_buf(),
        reason,
    };
    let file = File::open(path).map_err(|e| Error::io(path, e))?;
    let mut reader = BufReader::with_capacity(1 << 16, file);
    let csv = match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("csv") => true,
        Some(e) if e.eq_ignore_ascii_case("json") => false,
        _ => {
            use std::io::BufRead;
            let head = reader.fill_buf().map_err(|e| Error::io(path, e))?;
            // A JSON array starts with '[' after any blank; anything else is read as CSV.
            head.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'[')
        }
    };
    let read = Rc::new(Cell::new(0u64));
    let counting = Counting {
        inner: reader,
        read: read.clone(),
    };
    let mut told = 0;
    let mut each = |map: Map<String, Value>| {
        // Told once a mebibyte: often enough for a bar, never a cost.
        let now = read.get();
        if now >> 20 != told >> 20 {
            told = now;
            progress(now);
        }
        row(map);
    };
    if csv {
        csv_rows(counting, kind, &mut each).map_err(bad)
    } else {
        json_rows(counting, &mut each).map_err(bad)
    }
}

/// The rows of a JSON array, one at a time.
fn json_rows(
    reader: impl Read,
    row: &mut dyn FnMut(Map<String, Value>),
) -> std::result::Result<(), String> {
    struct Rows<'a>(&'a mut dyn FnMut(Map<String, Value>));
    impl<'de> Visitor<'de> for Rows<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON array of rows")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
            while let Some(value) = seq.next_element::<Value>()? {
                match value {
                    Value::Object(map) => (self.0)(map),
                    _ => return Err(serde::de::Error::custom("a row is not a JSON object")),
                }
            }
            Ok(())
        }
    }
    impl<'de> DeserializeSeed<'de> for Rows<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(
            self,
            d: D,
        ) -> std::result::Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    Rows(row)
        .deserialize(&mut de)
        .and_then(|()| de.end())
        .map_err(|e| match e.classify() {
            serde_json::error::Category::Eof => format!("the file ends before its last row ({e})"),
            serde_json::error::Category::Data => format!("expected a JSON array of rows ({e})"),
            _ => format!("not valid JSON ({e})"),
        })
}

/// What a CSV cell becomes, by the national schema's type of its column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Text,
    List,
    Number,
    Integer,
}

/// Each column's type, read once from the embedded JSON Schemas.
fn columns(kind: Kind) -> &'static std::collections::HashMap<String, Column> {
    static STRUCTURE: OnceLock<std::collections::HashMap<String, Column>> = OnceLock::new();
    static SERVICE: OnceLock<std::collections::HashMap<String, Column>> = OnceLock::new();
    let (cell, schema) = match kind {
        Kind::Structure => (
            &STRUCTURE,
            aiguillage_domain::directory::validation::STRUCTURE_SCHEMA,
        ),
        Kind::Service => (
            &SERVICE,
            aiguillage_domain::directory::validation::SERVICE_SCHEMA,
        ),
    };
    cell.get_or_init(|| {
        let schema: Value = serde_json::from_str(schema).unwrap_or_default();
        let types = |v: &Value| -> Vec<String> {
            let mut out = Vec::new();
            let mut collect = |t: &Value| match t {
                Value::String(s) => out.push(s.clone()),
                Value::Array(a) => {
                    out.extend(a.iter().filter_map(Value::as_str).map(str::to_owned))
                }
                _ => {}
            };
            collect(&v["type"]);
            for branch in v["anyOf"].as_array().into_iter().flatten() {
                collect(&branch["type"]);
            }
            out
        };
        schema["properties"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(name, v)| {
                let t = types(v);
                let cell = if t.iter().any(|t| t == "array") {
                    Column::List
                } else if t.iter().any(|t| t == "integer") {
                    Column::Integer
                } else if t.iter().any(|t| t == "number") {
                    Column::Number
                } else {
                    Column::Text
                };
                (name.clone(), cell)
            })
            .collect()
    })
}

/// The rows of a CSV table with a header line, typed by the national schema: an empty cell is
/// absent, a list is a JSON array or values separated by commas, numbers are numbers.
fn csv_rows(
    reader: impl Read,
    kind: Kind,
    row: &mut dyn FnMut(Map<String, Value>),
) -> std::result::Result<(), String> {
    let mut csv = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(reader);
    let headers = csv
        .headers()
        .map_err(|e| format!("not a CSV table ({e})"))?
        .clone();
    let types = columns(kind);
    if !headers.iter().any(|h| h == "id") || !headers.iter().any(|h| h == "source") {
        return Err("not a data·inclusion table: it has no \"id\" and \"source\" columns".into());
    }
    let mut record = csv::StringRecord::new();
    while csv
        .read_record(&mut record)
        .map_err(|e| format!("not a CSV table ({e})"))?
    {
        let mut map = Map::new();
        for (name, cell) in headers.iter().zip(record.iter()) {
            let cell = cell.trim();
            if cell.is_empty() {
                continue;
            }
            let value = match types.get(name).copied().unwrap_or(Column::Text) {
                Column::Text => Value::String(cell.to_owned()),
                Column::List if cell.starts_with('[') => {
                    serde_json::from_str(cell).unwrap_or_else(|_| Value::String(cell.to_owned()))
                }
                Column::List => Value::Array(
                    cell.split(',')
                        .map(str::trim)
                        .filter(|v| !v.is_empty())
                        .map(|v| Value::String(v.to_owned()))
                        .collect(),
                ),
                // A cell that is not a number stays text: the schema then names it.
                Column::Number => cell
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map_or_else(|| Value::String(cell.to_owned()), Value::Number),
                Column::Integer => cell
                    .parse::<i64>()
                    .map_or_else(|_| Value::String(cell.to_owned()), Value::from),
            };
            map.insert(name.to_owned(), value);
        }
        row(map);
    }
    Ok(())
}
