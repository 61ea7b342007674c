//! The clerks' web page in a real headless Chromium: runs `tests/browser/run.sh` (Python selenium
//! through chromedriver, axe-core for accessibility) against this build's binary, which it starts
//! on port 0. Without Chromium the script prints SKIP (and fails under `CI=true`): install Debian's
//! `chromium`, `chromium-driver` and `fonts-wqy-zenhei`. What it checks: tests/browser/test_page.py.

use std::process::Command;

#[test]
fn the_page_in_headless_chromium() {
    let root = env!("CARGO_MANIFEST_DIR");
    let out = Command::new("bash")
        .arg(format!("{root}/tests/browser/run.sh"))
        .env("NIANBAO_BIN", env!("CARGO_BIN_EXE_nianbao"))
        .current_dir(root)
        .output()
        .expect("bash runs tests/browser/run.sh");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The script's own report (each browser test by name, or the SKIP notice) shows with
    // --nocapture, and always when it fails.
    println!("{stdout}\n{stderr}");
    assert!(
        out.status.success(),
        "browser tests failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
}
