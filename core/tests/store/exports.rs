use aiguillage_core::store::AuditAction;
use aiguillage_core::store::Filter;
use aiguillage_core::{Mode, Workspace, demo, export, report};
use aiguillage_domain::Lang;
use serde_json::Value;

fn seeded(count: usize) -> (tempfile::TempDir, Workspace) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(dir.path(), Mode::Demo).unwrap();
    demo::seed(&mut ws, count).unwrap();
    (dir, ws)
}

#[test]
fn csv_export_round_trips_with_stable_columns_in_both_separators() {
    let (_dir, ws) = seeded(13);
    for sep in [b',', b';'] {
        let mut out = Vec::new();
        let n = export::csv(
            &ws.store,
            &ws.questionnaire,
            &Filter::default(),
            sep,
            &mut out,
        )
        .unwrap();
        assert_eq!(n, 13);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(sep)
            .from_reader(out.as_slice());
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_owned)
            .collect();
        assert_eq!(
            &header[..export::CSV_COLUMNS.len()],
            export::CSV_COLUMNS,
            "the leading columns are stable"
        );
        assert!(
            header.contains(&"q_f_unlock".to_owned()),
            "one column per question"
        );
        assert!(
            !header.contains(&"q_l_health_barrier".to_owned()),
            "no sensitive item leaves in an export"
        );
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 13);
        for row in &rows {
            let stored = ws.store.get_diagnostic(&row[0]).unwrap();
            assert_eq!(&row[7], stored.profile, "profile column");
            assert_eq!(
                row[17]
                    .split('|')
                    .filter(|s| !s.is_empty())
                    .collect::<Vec<_>>(),
                stored.needs,
                "needs column"
            );
        }
    }
}

#[test]
fn json_export_parses_back_to_the_same_records() {
    let (_dir, ws) = seeded(13);
    let mut out = Vec::new();
    export::json(&ws.store, &ws.questionnaire, &Filter::default(), &mut out).unwrap();
    let rows: Vec<Value> =
        serde_json::from_slice(&out).expect("the JSON export is one valid array");
    assert_eq!(rows.len(), 13);
    for row in rows {
        let stored = ws
            .store
            .get_diagnostic(row["id"].as_str().unwrap())
            .unwrap();
        assert_eq!(row["profile"], stored.profile);
        assert!(row.get("first_name").is_none(), "no first name in exports");
        assert!(
            row["answers"].get("l_health_barrier").is_none(),
            "no sensitive item in exports"
        );
    }
}

#[test]
fn the_report_counts_profiles_needs_flags_and_weeks() {
    let (_dir, ws) = seeded(26);
    let r = report::compute(&ws.store, &Filter::default()).unwrap();
    assert_eq!(r.total, 26);
    assert_eq!(
        r.profiles.values().sum::<u64>(),
        26,
        "every diagnostic has one profile"
    );
    assert_eq!(
        r.per_week.values().sum::<u64>(),
        26,
        "every diagnostic is in one week"
    );
    let expected_p0 = ws
        .store
        .count_diagnostics(&Filter {
            profile: Some("P0".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(r.profiles.get("P0").copied().unwrap_or(0), expected_p0);
    let expected_emploi = ws
        .store
        .count_diagnostics(&Filter {
            need: Some("emploi".into()),
            ..Filter::default()
        })
        .unwrap();
    assert_eq!(r.needs.get("emploi").copied().unwrap_or(0), expected_emploi);
    let text = report::text(&r, &ws.questionnaire, Lang::Fr);
    assert!(text.contains("Par besoin") && text.contains("26"), "{text}");
}

#[test]
fn an_export_is_on_record_before_its_file_is_written_or_nothing_is_written() {
    let (dir, mut ws) = seeded(3);
    let out = dir.path().join("export.csv");
    let questionnaire = ws.questionnaire.clone();
    let exports = |ws: &Workspace| {
        ws.store
            .list_audit(100)
            .unwrap()
            .iter()
            .filter(|e| e.action == "export")
            .count()
    };
    let files = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .filter(|n| n.starts_with("export"))
            .collect();
        names.sort();
        names
    };

    // The audit trail cannot be written: not a byte of the export may reach the disk.
    let other = aiguillage_core::store::raw_connection(ws.store.path(), None).unwrap();
    other
        .execute_batch(
            "CREATE TRIGGER fault BEFORE INSERT ON audit BEGIN SELECT RAISE(ABORT, 'injected'); END;",
        )
        .unwrap();
    let mut written = false;
    let err = ws
        .store
        .write_audited(AuditAction::Export, None, &out, |store, sink| {
            written = true;
            export::csv(store, &questionnaire, &Filter::default(), b';', sink)
        })
        .unwrap_err();
    assert!(err.to_string().contains("injected"), "{err}");
    assert!(
        !written,
        "the records are not read out before the row is on record"
    );
    assert!(files().is_empty(), "no file, not even a partial one");
    assert_eq!(exports(&ws), 0);

    other.execute_batch("DROP TRIGGER fault;").unwrap();
    let rows = ws
        .store
        .write_audited(AuditAction::Export, None, &out, |store, sink| {
            export::csv(store, &questionnaire, &Filter::default(), b';', sink)
        })
        .unwrap();
    assert_eq!(rows, 3);
    assert_eq!(exports(&ws), 1, "the export is on record once");
    assert_eq!(
        files(),
        ["export.csv"],
        "the file, whole, and nothing beside it"
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap().lines().count(),
        4,
        "the header and the three diagnostics"
    );
}
