//! The dashboard in a real browser: Debian's headless Chromium driven by
//! Playwright (`tests/browser/dashboard.mjs`, `playwright-core` pinned in
//! `tests/browser/package-lock.json`). Skips with a message when Chromium
//! or the npm package is missing (`.ci/run` installs both, and there a
//! missing piece fails the test). Screenshots go to `$CASUS_SCREENSHOTS`
//! (e.g. `docs/img` to refresh the README's) or a temporary directory.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util;

fn chromium() -> PathBuf {
    std::env::var_os("CASUS_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| "/usr/bin/chromium".into())
}

fn missing() -> Option<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    if !chromium().exists() {
        return Some(format!(
            "{} not found (apt-get install chromium)",
            chromium().display()
        ));
    }
    if !dir.join("node_modules/playwright-core").exists() {
        return Some(format!(
            "playwright-core not installed (npm ci --prefix {})",
            dir.display()
        ));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node not found".into());
    }
    None
}

#[test]
fn dashboard_in_headless_chromium() {
    if let Some(why) = missing() {
        assert!(
            std::env::var_os("CI").is_none(),
            "browser test cannot run in CI: {why}"
        );
        eprintln!("dashboard_in_headless_chromium: skipped: {why}");
        return;
    }
    let tmp = util::Tmp::new("shots");
    let out = std::env::var_os("CASUS_SCREENSHOTS")
        .map(|p| util::root().join(p))
        .unwrap_or_else(|| tmp.0.clone());
    let addr = util::server();
    let script = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/browser/dashboard.mjs");
    let run = Command::new("node")
        .arg(&script)
        .arg(format!("http://{addr}"))
        .arg(&out)
        .env("CASUS_CHROMIUM", chromium())
        .output()
        .expect("running node");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    eprintln!("{stdout}{stderr}");
    assert!(run.status.success(), "browser test failed:\n{stdout}\n{stderr}");
    for shot in ["timeline.png", "event.png", "actors.png", "search.png"] {
        let len =
            std::fs::metadata(out.join(shot)).map(|m| m.len()).unwrap_or(0);
        assert!(len > 10_000, "{shot}: {len} bytes");
    }
}
