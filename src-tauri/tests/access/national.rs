//! The national directory from the app: the page sends each file in pieces, the import keeps
//! the départements named, and the pieces do not stay in the data folder.

use super::*;

fn national(text: &str) -> Vec<Value> {
    let mut rows: Vec<Value> = serde_json::from_str(text).unwrap();
    for row in &mut rows {
        row["source"] = json!("dora");
    }
    rows
}

#[test]
fn the_national_files_sent_in_pieces_are_kept_to_the_area_and_not_left_behind() {
    let h = Harness::with_nadia_signed_in();
    let structures = national(aiguillage_core::content::SAMPLE_STRUCTURES);
    let services = national(aiguillage_core::content::SAMPLE_SERVICES);
    let in_isere = structures
        .iter()
        .filter(|s| {
            s["code_insee"]
                .as_str()
                .is_some_and(|c| c.starts_with("38"))
        })
        .count();
    for (file, rows) in [("structures", &structures), ("services", &services)] {
        let bytes = serde_json::to_vec(rows).unwrap();
        // Pieces cut anywhere, even inside a multi-byte character: the file is whole again.
        for (i, piece) in bytes.chunks(1000).enumerate() {
            block_on(directory::upload_national_part(
                h.state(),
                file.into(),
                i == 0,
                data_encoding::BASE64.encode(piece),
            ))
            .unwrap();
        }
    }
    let summary = block_on(directory::import_national(
        h.state(),
        vec!["38".into()],
        ["structures.json".into(), "services.json".into()],
        tauri::ipc::Channel::new(|_| Ok(())),
    ))
    .unwrap();
    assert_eq!(
        summary.structures as usize, in_isere,
        "the Isère's structures"
    );
    assert!(summary.outside > 0 && summary.rejected.is_empty());
    assert!(
        !h.data_dir()
            .join("imports")
            .join("structures.part")
            .exists()
            && !h.data_dir().join("imports").join("services.part").exists(),
        "the gathered files are removed once imported"
    );
    // A file cut short is named as the user knows it, and changes nothing.
    let bytes = serde_json::to_vec(&services).unwrap();
    for (file, body) in [
        ("structures", serde_json::to_vec(&structures).unwrap()),
        ("services", bytes[..bytes.len() / 2].to_vec()),
    ] {
        block_on(directory::upload_national_part(
            h.state(),
            file.into(),
            true,
            data_encoding::BASE64.encode(&body),
        ))
        .unwrap();
    }
    let err = block_on(directory::import_national(
        h.state(),
        vec!["69".into()],
        ["structures.json".into(), "services-export.json".into()],
        tauri::ipc::Channel::new(|_| Ok(())),
    ))
    .unwrap_err();
    assert!(
        err.message.contains("services-export.json") && !err.message.contains(".part"),
        "{}",
        err.message
    );
    let err = block_on(directory::import_national(
        h.state(),
        vec!["100".into()],
        ["a".into(), "b".into()],
        tauri::ipc::Channel::new(|_| Ok(())),
    ))
    .unwrap_err();
    assert!(err.message.contains("\"100\""), "{}", err.message);
}
