//! Integration tests: `casus dict check|convert` on casus's own small
//! TABARI-format dictionaries (the PETRARCH-1 suite and the Phoenix
//! dictionaries are `casus-eval`'s tests).

use std::path::{Path, PathBuf};

use crate::util::{stderr, stdout, Dir};

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/tabari")
        .join(name)
}

#[test]
fn check_reports_every_bad_line() {
    let dir = Dir::new("dict-check");
    dir.create(
        "bad.actors.txt",
        "ARNOR [ARN]\n+\nGONDOR [GON\n[ROH]\nROHAN [ROH >991399]\n",
    );
    let out = dir
        .casus()
        .args(["dict", "check", "bad.actors.txt", "--kind", "actors"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let got = stdout(&out);
    for want in [
        "bad.actors.txt:2: empty '+' synonym",
        "bad.actors.txt:3: unclosed '[' in \"GONDOR [GON\"",
        "bad.actors.txt:5: warning: bad date \"991399\"",
    ] {
        assert!(got.contains(want), "missing {want:?} in\n{got}");
    }
}

#[test]
fn check_own_dictionaries_sniffed() {
    let dir = Dir::new("dict-own");
    for (file, kind) in [
        ("actors.txt", "actors"),
        ("agents.txt", "agents"),
        ("verbs.txt", "verbs"),
    ] {
        let out = dir
            .casus()
            .args(["dict", "check", "--no-warnings"])
            .arg(testdata(file))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stdout(&out));
        assert!(stderr(&out).contains(&format!(": {kind}: ")), "{file}");
    }
}

#[test]
fn convert_actors_agents_verbs() {
    let dir = Dir::new("dict-convert");
    let cases = [
        (
            "actors.txt",
            "smeagol|slinker\tHOBGOV\t1995-06-01\t1999-08-15\tSMEAGOL",
        ),
        ("agents.txt", "elf aid body|elf aid bodies\tNGO\tprefix"),
        ("verbs.txt", "065:066\trestore\t$ ^\t^ +\t"),
    ];
    for (file, want) in cases {
        let out = dir
            .casus()
            .args(["dict", "convert"])
            .arg(testdata(file))
            .args(["-o", "out.tsv"])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let got = std::fs::read_to_string(dir.path.join("out.tsv")).unwrap();
        assert!(got.contains(want), "{file}: missing {want:?} in\n{got}");
    }
}
