//! `commune search` and the centre's commune setting.

use super::*;

#[test]
fn commune_search_finds_names_as_people_say_them_and_postcodes() {
    let dir = tempfile::tempdir().unwrap();
    let found: Value = serde_json::from_str(&ok(
        dir.path(),
        &["commune", "search", "ste foy les lyon", "--format", "json"],
    ))
    .unwrap();
    assert_eq!(found[0]["code"], "69202", "{found}");
    assert_eq!(found[0]["departement"], "69");
    assert_eq!(found[0]["postcodes"], json!(["69110"]));
    let shared: Value = serde_json::from_str(&ok(
        dir.path(),
        &["commune", "search", "01400", "--format", "json"],
    ))
    .unwrap();
    assert!(
        shared.as_array().unwrap().len() >= 5,
        "01400 serves several communes, all listed: {shared}"
    );
    let text = ok(dir.path(), &["commune", "search", "69003"]);
    assert!(
        text.lines().next().unwrap().starts_with("69383"),
        "Lyon 3e first for its own postcode: {text}"
    );
    refused(
        dir.path(),
        &["commune", "search", "saint etiene"],
        "the closest names are Saint-Étienne (42218)",
    );
    refused(
        dir.path(),
        &["commune", "search", "qqqqqq"],
        "no commune matches \"qqqqqq\"",
    );
    assert!(
        !dir.path().join("aiguillage.db").exists()
            && std::fs::read_dir(dir.path()).unwrap().next().is_none(),
        "searching the communes opens no records"
    );
}

#[test]
fn the_centre_commune_is_a_checked_setting() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        dir.path(),
        &["settings", "centre-commune", "99999"],
        "\"99999\" is not the INSEE code of a commune",
    );
    ok(dir.path(), &["settings", "centre-commune", "69381"]);
    let shown = ok(dir.path(), &["settings", "show"]);
    assert!(shown.contains("centre_commune: 69381"), "{shown}");
}
