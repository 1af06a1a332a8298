use aiguillage_core::{Mode, Workspace, demo};
use aiguillage_domain::Answers;
use serde_json::{Map, Value};

pub fn workspace(mode: Mode) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::open(dir.path(), mode).unwrap();
    (dir, ws)
}

pub fn persona_answers(ws: &Workspace, id: &str, changes: &[(&str, Value)]) -> Answers {
    let persona = demo::personas()
        .unwrap()
        .into_iter()
        .find(|p| p.id == id)
        .unwrap();
    let mut map: Map<String, Value> = persona.answers;
    for (k, v) in changes {
        map.insert((*k).to_owned(), v.clone());
    }
    Answers::from_map(&ws.questionnaire, &map).unwrap()
}

pub fn count(ws: &Workspace, table: &str) -> i64 {
    let path = ws.store.path().to_owned();
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}
