//! The shape of the code, checked at every test run (`docs/ARCHITECTURE.md` says why):
//! no import cycle between the top-level modules of a crate, SQL only in `core/src/store`, no
//! `impl Store` outside it, and no source file over 500 lines without the reason written at its
//! top. Plain reading of the sources: no tool to install, and a failure names the files.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The workspace's root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir`, with its path relative to `dir`.
fn sources(dir: &Path) -> Vec<(PathBuf, String)> {
    files(dir, &["rs"])
}

/// Every file under `dir` whose extension is one of `extensions`, with its path relative to `dir`.
fn files(dir: &Path, extensions: &[&str]) -> Vec<(PathBuf, String)> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(folder) = pending.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path
                .extension()
                .is_some_and(|e| extensions.iter().any(|x| e == *x))
            {
                let text = std::fs::read_to_string(&path).unwrap();
                found.push((path.strip_prefix(dir).unwrap().to_path_buf(), text));
            }
        }
    }
    found.sort();
    found
}

/// The code of a file without its test module (written last, after `#[cfg(test)]`).
fn without_tests(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |i| &text[..i])
}

/// The top-level module a file belongs to (`store` for `store/audit.rs`), `None` for the root.
fn module_of(path: &Path) -> Option<String> {
    let first = path.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The top-level modules `code` names through `crate::`.
fn named_modules(code: &str) -> BTreeSet<String> {
    let mut named = BTreeSet::new();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::b, c, d::{e, f}}`: the first name of each item at depth 0.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        named.insert(ident(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            named.insert(ident(rest));
        }
    }
    named
}

/// The edges between the top-level modules of the crate whose sources are in `src`.
fn module_graph(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let files = sources(src);
    let modules: BTreeSet<String> = files.iter().filter_map(|(p, _)| module_of(p)).collect();
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (path, text) in &files {
        let Some(from) = module_of(path) else {
            continue;
        };
        if path.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let edges = graph.entry(from.clone()).or_default();
        for to in named_modules(without_tests(text)) {
            if to != from && modules.contains(&to) {
                edges.insert(to);
            }
        }
    }
    graph
}

/// A cycle of `graph`, when it has one, as the modules around it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_owned());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_owned());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

#[test]
fn no_crate_has_an_import_cycle_between_its_modules() {
    for krate in ["domain", "core", "server", "cli", "src-tauri"] {
        let graph = module_graph(&root().join(krate).join("src"));
        assert!(
            graph.len() > 1 || krate == "cli",
            "{krate}: its modules were read"
        );
        if let Some(cycle) = find_cycle(&graph) {
            panic!(
                "{krate}/src has an import cycle: {}; a module may only use the ones below it (docs/ARCHITECTURE.md)",
                cycle.join(" → ")
            );
        }
    }
}

#[test]
fn the_cycle_check_finds_a_cycle_when_there_is_one() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("store", vec!["error"]),
        ("vault", vec!["store", "retention"]),
        ("retention", vec!["vault"]),
        ("error", vec![]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.into_iter().map(str::to_owned).collect()))
    .collect();
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["retention".into(), "vault".into(), "retention".into()])
    );
    assert_eq!(
        named_modules(
            "use crate::{store::{Store, meta}, error::Result, vault};\nlet x = crate::files::read();"
        ),
        BTreeSet::from([
            "store".into(),
            "error".into(),
            "vault".into(),
            "files".into()
        ]),
        "grouped and inline paths are both read"
    );
}

#[test]
fn sql_is_written_in_the_store_only() {
    let src = root().join("core").join("src");
    let sql = [
        "execute(",
        "query_row(",
        "prepare(",
        "prepare_cached(",
        "query_map(",
    ];
    let mut outside = Vec::new();
    for (path, text) in sources(&src) {
        if path.starts_with("store") {
            continue;
        }
        let code = without_tests(&text);
        if sql.iter().any(|call| code.contains(call)) || code.contains("impl Store {") {
            outside.push(path.display().to_string());
        }
    }
    assert!(
        outside.is_empty(),
        "SQL or an `impl Store` outside core/src/store: {outside:?}; the store owns every query"
    );
}

#[test]
fn a_long_file_says_why_at_its_top() {
    const MAX: usize = 500;
    let mut unexplained = Vec::new();
    let folders = ["domain", "core", "server", "cli", "src-tauri", "os-session"]
        .into_iter()
        .flat_map(|krate| ["src", "tests", "benches"].map(|dir| (krate, dir)))
        .chain([("ui", "src"), ("ui", "e2e")]);
    for (krate, dir) in folders {
        let base = root().join(krate).join(dir);
        if !base.is_dir() {
            continue;
        }
        for (path, text) in files(&base, &["rs", "ts", "svelte"]) {
            let lines = text.lines().count();
            let head: String = text.lines().take(12).collect::<Vec<_>>().join("\n");
            if lines > MAX && !head.contains("Longer than 500 lines") {
                unexplained.push(format!("{krate}/{dir}/{} ({lines})", path.display()));
            }
        }
    }
    assert!(
        unexplained.is_empty(),
        "files over {MAX} lines without \"Longer than 500 lines: <why>\" in their first lines: {unexplained:#?}"
    );
}
