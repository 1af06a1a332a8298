//! The app binary itself, without a display: a data directory it cannot create stops it before
//! any window, with one sentence naming the directory. (Cargo builds the binary for this test,
//! the one the end-to-end tests then drive.)

use std::process::Command;

#[test]
fn an_unusable_data_directory_stops_the_app_with_one_sentence() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let data_dir = blocker.join("data");
    let out = Command::new(env!("CARGO_BIN_EXE_aiguillage-app"))
        .env("AIGUILLAGE_DATA_DIR", &data_dir)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a runtime failure exits 1: {stderr}"
    );
    assert!(
        stderr.contains(&data_dir.display().to_string()),
        "the sentence names the directory: {stderr}"
    );
    assert_eq!(
        stderr.trim_end().lines().count(),
        1,
        "one sentence: {stderr}"
    );
}

#[test]
fn the_environment_may_shorten_the_lock_delay_but_not_turn_the_lock_off() {
    let dir = tempfile::tempdir().unwrap();
    for refused in ["0", "7201", "999999999", "soon"] {
        let out = Command::new(env!("CARGO_BIN_EXE_aiguillage-app"))
            .env("AIGUILLAGE_DATA_DIR", dir.path())
            .env("AIGUILLAGE_IDLE_LOCK_SECONDS", refused)
            .env_remove("DISPLAY")
            .env_remove("WAYLAND_DISPLAY")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{refused}: {stderr}");
        assert!(
            stderr.contains("AIGUILLAGE_IDLE_LOCK_SECONDS") && stderr.contains("from 1 to 7200"),
            "{refused} is refused, naming the variable and its bounds: {stderr}"
        );
        assert_eq!(
            stderr.trim_end().lines().count(),
            1,
            "one sentence: {stderr}"
        );
    }
}
