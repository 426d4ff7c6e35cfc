//! README.md's examples, run: every ```` ```console ```` block of the
//! README is a script and its output, and this test fails on any
//! difference. `CASUS_BLESS=1 cargo test --release -p casus-cli --test
//! readme` rewrites the README's outputs in place (review the diff).
//!
//! - A line `$ COMMAND` is run by `sh -c` with the `casus` under test
//!   first on `PATH`; the lines after it, up to the next `$ ` line or the
//!   end of the block, are its output: its stderr, then its stdout.
//! - Each block runs in a scratch directory of its own that links the
//!   repository's top-level entries (so `examples/...` resolves), so files
//!   a command writes (`tour.db`) stay out of the tree; the commands of a
//!   block share it, in order.
//! - `[..]` in an expected line matches any text (timings, rates);
//!   blessing keeps such a line while it still matches.
//! - Examples that need files outside the repository (`../shared`) are
//!   written as ```` ```sh ```` blocks, which are not run.

#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// One `$ command` of a console block and the README lines of its output.
struct Example {
    /// The block's index (its scratch directory).
    block: usize,
    command: String,
    /// Line range of the expected output in the README.
    lines: std::ops::Range<usize>,
}

/// Every command of every console block, in README order.
fn examples(readme: &[&str]) -> Vec<Example> {
    let mut out = Vec::new();
    let (mut block, mut inside) = (0, false);
    for (i, line) in readme.iter().enumerate() {
        if !inside {
            if line.trim_end() == "```console" {
                inside = true;
                block += 1;
            }
            continue;
        }
        if line.starts_with("```") {
            inside = false;
        } else if let Some(cmd) = line.strip_prefix("$ ") {
            out.push(Example {
                block,
                command: cmd.to_string(),
                lines: i + 1..i + 1,
            });
        } else if let Some(last) = out.last_mut() {
            last.lines.end = i + 1;
        }
    }
    assert!(!inside, "README.md: unclosed console block");
    out
}

/// Whether `got` matches `want`, where `[..]` in `want` matches any text.
fn line_matches(want: &str, got: &str) -> bool {
    let parts: Vec<&str> = want.split("[..]").collect();
    if parts.len() == 1 {
        return want == got;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !got.starts_with(first) || got.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &got[first.len()..got.len() - last.len()];
    if !got.ends_with(last) {
        return false;
    }
    for p in &parts[1..parts.len() - 1] {
        match rest.find(p) {
            Some(k) => rest = &rest[k + p.len()..],
            None => return false,
        }
    }
    true
}

/// A scratch directory linking the repository's top-level entries.
fn scratch(root: &Path, block: usize) -> PathBuf {
    let dir = std::env::temp_dir()
        .join(format!("casus-readme-{}-{block}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    for entry in std::fs::read_dir(root).expect("repository root") {
        let entry = entry.expect("repository entry");
        let name = entry.file_name();
        if name == "target" || name == ".git" {
            continue;
        }
        std::os::unix::fs::symlink(entry.path(), dir.join(&name))
            .expect("link into scratch dir");
    }
    dir
}

/// Runs `command` in `dir`: its stderr, then its stdout, as lines.
fn run(command: &str, dir: &Path) -> Vec<String> {
    let bin = Path::new(env!("CARGO_BIN_EXE_casus"));
    let path = std::env::join_paths(
        std::iter::once(bin.parent().expect("bin dir").to_path_buf()).chain(
            std::env::split_paths(
                &std::env::var_os("PATH").unwrap_or_default(),
            ),
        ),
    )
    .expect("PATH");
    let mut cmd = Command::new("sh");
    cmd.args(["-c", command]).current_dir(dir).env("PATH", path);
    for (k, _) in std::env::vars_os() {
        if k.to_string_lossy().starts_with("CASUS_") {
            cmd.env_remove(k);
        }
    }
    let o = cmd.output().expect("running sh");
    let mut text = String::from_utf8_lossy(&o.stderr).into_owned();
    text.push_str(&String::from_utf8_lossy(&o.stdout));
    text.lines().map(str::to_string).collect()
}

#[test]
fn readme_examples() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let path = root.join("README.md");
    let text = std::fs::read_to_string(&path).expect("README.md");
    let readme: Vec<&str> = text.lines().collect();
    let all = examples(&readme);
    assert!(all.len() >= 5, "README.md: only {} console commands", all.len());
    let bless = std::env::var_os("CASUS_BLESS").is_some();
    let mut failures = Vec::new();
    // Per README line range: the lines to write there when blessing.
    let mut blessed: Vec<(std::ops::Range<usize>, Vec<String>)> = Vec::new();
    let mut dirs = std::collections::BTreeMap::new();
    for ex in &all {
        let dir =
            dirs.entry(ex.block).or_insert_with(|| scratch(&root, ex.block));
        let got = run(&ex.command, dir);
        let want = &readme[ex.lines.clone()];
        let same = want.len() == got.len()
            && want.iter().zip(&got).all(|(w, g)| line_matches(w, g));
        if same {
            continue;
        }
        failures.push(format!(
            "README.md:{}: $ {}\n--- want\n{}\n--- got\n{}",
            ex.lines.start,
            ex.command,
            want.join("\n"),
            got.join("\n")
        ));
        let keep = got
            .iter()
            .enumerate()
            .map(|(i, g)| match want.get(i) {
                Some(w) if line_matches(w, g) => w.to_string(),
                _ => g.clone(),
            })
            .collect();
        blessed.push((ex.lines.clone(), keep));
    }
    for dir in dirs.values() {
        let _ = std::fs::remove_dir_all(dir);
    }
    if bless && !blessed.is_empty() {
        let mut out: Vec<String> = Vec::new();
        let mut next = 0;
        for (range, lines) in &blessed {
            out.extend(
                readme[next..range.start].iter().map(|s| s.to_string()),
            );
            out.extend(lines.iter().cloned());
            next = range.end;
        }
        out.extend(readme[next..].iter().map(|s| s.to_string()));
        std::fs::write(&path, out.join("\n") + "\n").expect("writing README");
        eprintln!("README.md: rewrote {} outputs", blessed.len());
        return;
    }
    assert!(
        failures.is_empty(),
        "{} README example(s) differ (CASUS_BLESS=1 rewrites them):\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn wildcards() {
    assert!(line_matches("a [..] b", "a 0.2 s b"));
    assert!(line_matches("[..]", ""));
    assert!(line_matches("x [..], [..] MB/s", "x 1 s, 0.04 MB/s"));
    assert!(!line_matches("x [..], [..] MB/s", "x 1 s 0.04 MB/s"));
    assert!(!line_matches("ab[..]ba", "aba"));
    assert!(line_matches("ab[..]ba", "abba"));
    assert!(!line_matches("exact", "exact "));
}
