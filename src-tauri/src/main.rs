//! The desktop app's entry point.
#![forbid(unsafe_code)]
// No console window beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    if let Err(e) = aiguillage_app::run() {
        eprintln!("aiguillage: {e}");
        std::process::exit(1);
    }
}
