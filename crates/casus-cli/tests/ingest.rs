//! Integration tests: reading articles (every format, gzip, directories,
//! stdin, --date, --strict) and every bad-input case, asserting the exact
//! stderr lines and exit codes.

use crate::util::{article_ids, code, gz, jsonl, run, stderr, stdout, Dir};

const SEED: &str = " date 2024-02-11 The minister met his counterpart.";

/// Runs `casus sentences ARGS` in `dir` (sentences print `article_id`).
fn sentences(dir: &Dir, args: &[&str]) -> std::process::Output {
    run(dir.casus().arg("sentences").args(args), None)
}

/// Runs `casus code --format jsonl ARGS` in `dir`.
fn code_cmd(dir: &Dir, args: &[&str]) -> std::process::Output {
    run(dir.casus().args(["code", "--format", "jsonl"]).args(args), None)
}

#[test]
fn seed_file() {
    let dir = Dir::new("seed_file");
    dir.create("a_1.txt", SEED);
    let o = sentences(&dir, &["a_1.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(article_ids(&o), ["a_1"]);
    assert_eq!(stderr(&o), "casus: read 1 article, skipped 0\n");
    assert!(stdout(&o).contains("The minister met his counterpart."));
}

#[test]
fn jsonl_csv_tsv_and_gzip() {
    let dir = Dir::new("formats");
    let text = "Egypt condemned the attack.";
    dir.create(
        "a.jsonl",
        jsonl("j1", "2024-02-11", text)
            + &jsonl("j2", "2024-02-11T08:00:00+02:00", text),
    );
    dir.create(
        "b.csv",
        "id,title,date,text,extra\n\
         c1,Head,2024-02-11,\"Line one.\nLine two, with comma.\",x\n\
         c2,,2024-02-12,Plain.,y\n",
    );
    dir.create("c.tsv", "text\tdate\tid\nTab text.\t2024-02-11\tt1\n");
    dir.create("d.ndjson.gz", gz(jsonl("g1", "2024-02-11", text).as_bytes()));
    dir.create("e.csv.gz", gz(b"id,date,text\ngc1,2024-02-11,Zipped.\n"));
    dir.create("f.txt.gz", gz(SEED.as_bytes()));
    let o = sentences(
        &dir,
        &["a.jsonl", "b.csv", "c.tsv", "d.ndjson.gz", "e.csv.gz", "f.txt.gz"],
    );
    assert_eq!(stderr(&o), "casus: read 8 articles, skipped 0\n");
    assert_eq!(code(&o), 0);
    assert_eq!(
        article_ids(&o),
        ["j1", "j2", "c1", "c2", "t1", "g1", "gc1", "f"]
    );
    assert!(stdout(&o).contains("Line two, with comma."));
}

#[test]
fn directories_recursive_sorted() {
    let dir = Dir::new("dirs");
    dir.create("in/b.txt", SEED);
    dir.create("in/a.txt", SEED);
    dir.create("in/sub/c.jsonl", jsonl("c", "2024-02-11", "Text here."));
    dir.create("in/notes.md", "not an article");
    dir.create("in/.hidden.txt", "date 2024-01-01 hidden");
    let o = sentences(&dir, &["in"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(article_ids(&o), ["a", "b", "c"]);
}

#[test]
fn stdin_sniffing() {
    let dir = Dir::new("stdin");
    let cases: &[(&[&str], &str, &[&str])] = &[
        (&["-"], &jsonl("s1", "2024-02-11", "From stdin."), &["s1"]),
        (&["-"], SEED, &[STDIN_SEED]),
        (
            &["--date", "2024-02-11", "-"],
            "Plain text on stdin.",
            &["stdin-58d60cd4a7f94abd"],
        ),
        (&["-"], "id,date,text\nk1,2024-02-11,Comma.\n", &["k1"]),
    ];
    for (args, input, ids) in cases {
        let o = run(
            dir.casus().arg("sentences").args(*args),
            Some(input.as_bytes()),
        );
        assert_eq!(code(&o), 0, "{input}: {}", stderr(&o));
        assert_eq!(article_ids(&o), *ids, "{input}");
    }
    let o =
        run(dir.casus().args(["sentences", "-"]), Some(&gz(SEED.as_bytes())));
    assert_eq!(article_ids(&o), [STDIN_SEED]);
}

/// The id of [`SEED`] read from stdin: `stdin-` and its content hash.
const STDIN_SEED: &str = "stdin-3b1844c89c1e42ce";

#[test]
fn plain_text_needs_date() {
    let dir = Dir::new("plain");
    dir.create("plain.txt", "Officials met in Cairo on Tuesday.");
    let o = code_cmd(&dir, &["plain.txt"]);
    assert_eq!(
        stderr(&o),
        "casus: skipped plain.txt: no date: plain text needs a \"date \
         YYYY-MM-DD\" prefix or --date YYYY-MM-DD\n\
         casus: read 0 articles, skipped 1 (1 missing date)\n"
    );
    assert_eq!(code(&o), 2);
    let o = sentences(&dir, &["--date", "2024-02-11", "plain.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(article_ids(&o), ["plain"]);
}

/// Each bad input next to a good one: the exact stderr and exit code 2,
/// and the good article still read.
#[test]
fn bad_inputs() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty.txt", b"".to_vec(), "casus: skipped empty.txt: empty file\n"),
        (
            "blank.jsonl",
            b"\n  \n".to_vec(),
            "casus: skipped blank.jsonl: empty file\n",
        ),
        (
            "nodate.jsonl",
            br#"{"id":"x","text":"T."}"#.to_vec(),
            "casus: skipped nodate.jsonl:1: missing \"date\"\n",
        ),
        (
            "baddate.txt",
            b"date 2024-02-30 Text.".to_vec(),
            "casus: skipped baddate.txt: invalid date \"2024-02-30\" after \
             \"date \" (expected YYYY-MM-DD)\n",
        ),
        (
            "baddate.jsonl",
            br#"{"id":"x","date":"11/02/2024","text":"T."}"#.to_vec(),
            "casus: skipped baddate.jsonl:1: invalid date \"11/02/2024\" \
             (expected YYYY-MM-DD or RFC 3339)\n",
        ),
        (
            "baddate.csv",
            b"id,date,text\nx,soon,T.\n".to_vec(),
            "casus: skipped baddate.csv:2: invalid date \"soon\" \
             (expected YYYY-MM-DD or RFC 3339)\n",
        ),
        (
            "notext.txt",
            b"date 2024-02-11   \n".to_vec(),
            "casus: skipped notext.txt: missing text\n",
        ),
        (
            "notext.jsonl",
            br#"{"id":"x","date":"2024-02-11","text":""}"#.to_vec(),
            "casus: skipped notext.jsonl:1: missing \"text\"\n",
        ),
        (
            "noid.jsonl",
            br#"{"date":"2024-02-11","text":"T."}"#.to_vec(),
            "casus: skipped noid.jsonl:1: missing \"id\"\n",
        ),
        (
            "bad.jsonl",
            format!(
                "{}{{\"id\": \"y\", \"date\": 2024\n",
                jsonl("ok2", "2024-02-11", "Fine.")
            )
            .into_bytes(),
            "casus: skipped bad.jsonl:2: malformed JSON: invalid type: \
             integer `2024`, expected a string at line 1 column 24\n",
        ),
        (
            "cut.jsonl",
            br#"{"id":"x","date":"2024-02-11","te"#.to_vec(),
            "casus: skipped cut.jsonl:1: malformed JSON: EOF while parsing \
             a string at line 1 column 33\n",
        ),
        (
            "nocol.csv",
            b"id,when,text\nx,2024-02-11,T.\n".to_vec(),
            "casus: skipped nocol.csv:1: header lacks column date \
             (has: id, when, text)\n",
        ),
        (
            "image.txt",
            b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(),
            "casus: skipped image.txt: binary file (NUL byte at offset 8)\n",
        ),
        (
            "utf16.txt",
            b"\xff\xfed\0a\0t\0e\0".to_vec(),
            "casus: skipped utf16.txt: binary file (NUL byte at offset 3)\n",
        ),
    ];
    for (name, bytes, want) in cases {
        let dir = Dir::new("bad_inputs");
        dir.create("good.txt", SEED);
        dir.create(name, &bytes);
        let o = sentences(&dir, &["good.txt", name]);
        let extra = usize::from(name == "bad.jsonl");
        let kind = want
            .split(": ")
            .nth(2)
            .map(|r| match r {
                r if r.starts_with("invalid date") => "invalid date",
                r if r.starts_with("malformed JSON") => "malformed JSON",
                r if r.starts_with("missing \"date") => "missing date",
                r if r.starts_with("missing \"text") => "missing text",
                r if r.starts_with("missing \"id") => "missing id",
                r if r.starts_with("header lacks") => "malformed CSV",
                r if r.starts_with("binary") => "binary file",
                r => r.trim_end(),
            })
            .unwrap_or_default();
        let summary = format!(
            "casus: read {}, skipped 1 (1 {kind})\n",
            if extra == 1 { "2 articles" } else { "1 article" }
        );
        assert_eq!(stderr(&o), format!("{want}{summary}"), "{name}");
        assert_eq!(code(&o), 2, "{name}");
        let mut ids = vec!["good".to_string()];
        if extra == 1 {
            ids.push("ok2".into());
        }
        assert_eq!(article_ids(&o), ids, "{name}");
    }
}

#[test]
fn invalid_utf8_is_decoded_with_a_warning() {
    let dir = Dir::new("utf8");
    dir.create("latin1.txt", b"date 2024-02-11 Caf\xe9 talks in Bogot\xe1.");
    dir.create(
        "latin1.jsonl",
        b"{\"id\":\"j\",\"date\":\"2024-02-11\",\"text\":\"Caf\xe9.\"}\n",
    );
    let o = sentences(&dir, &["latin1.txt", "latin1.jsonl"]);
    assert_eq!(
        stderr(&o),
        "casus: warning: latin1.txt: invalid UTF-8, decoded lossily \
         (bad bytes became U+FFFD)\n\
         casus: warning: latin1.jsonl:1: invalid UTF-8, decoded lossily \
         (bad bytes became U+FFFD)\n\
         casus: read 2 articles, skipped 0, 2 warnings (2 invalid UTF-8)\n"
    );
    assert_eq!(code(&o), 0);
    assert_eq!(article_ids(&o), ["latin1", "j"]);
    assert!(stdout(&o).contains("Caf\u{fffd} talks"));
}

#[test]
fn truncated_gzip() {
    let dir = Dir::new("truncated");
    let all: String = (0..400)
        .map(|i| jsonl(&format!("a{i}"), "2024-02-11", &format!("Item {i}.")))
        .collect();
    let mut z = gz(all.as_bytes());
    z.truncate(z.len() / 2);
    dir.create("cut.jsonl.gz", &z);
    dir.create("cut.txt.gz", &gz(SEED.as_bytes())[..20]);
    let o = code_cmd(&dir, &["cut.jsonl.gz", "cut.txt.gz"]);
    let err = stderr(&o);
    // A gzip file is read to its end before any of its articles is
    // handed on: a truncated one yields no article at all.
    assert_eq!(
        err,
        "casus: skipped cut.jsonl.gz: truncated or corrupt gzip stream \
         (incomplete deflate stream); none of its articles were read\n\
         casus: skipped cut.txt.gz: truncated or corrupt gzip stream \
         (incomplete deflate stream); none of its articles were read\n\
         casus: read 0 articles, skipped 2 (2 truncated input)\n"
    );
    assert_eq!(code(&o), 2);
}

#[test]
fn duplicate_ids_are_kept_and_renamed() {
    let dir = Dir::new("dups");
    dir.create(
        "d.jsonl",
        jsonl("x", "2024-02-11", "First.")
            + &jsonl("x", "2024-02-11", "Second.")
            + &jsonl("x#2", "2024-02-11", "Third."),
    );
    let o = sentences(&dir, &["d.jsonl"]);
    assert_eq!(
        stderr(&o),
        "casus: warning: d.jsonl:2: duplicate id \"x\", renamed to \"x#2\"\n\
         casus: warning: d.jsonl:3: duplicate id \"x#2\", renamed to \
         \"x#2#2\"\n\
         casus: read 3 articles, skipped 0, 2 warnings (2 duplicate id)\n"
    );
    assert_eq!(code(&o), 0);
    assert_eq!(article_ids(&o), ["x", "x#2", "x#2#2"]);
}

#[test]
fn fifty_megabyte_single_line_article() {
    let dir = Dir::new("big");
    // Filler without actors or events (a sentence with an event would
    // make the output, not the reading, the subject of the test).
    let sentence = "The weather in the capital was mild on Monday. ";
    let mut text = sentence.repeat(50 * 1024 * 1024 / sentence.len() + 1);
    // One codable sentence at the very end: every stage must get there.
    text.push_str("Egypt condemned Israel on Monday.");
    dir.create("big.jsonl", jsonl("big", "2024-02-11", &text));
    let o = code_cmd(&dir, &["-q", "big.jsonl"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    let out = stdout(&o);
    let events: Vec<serde_json::Value> =
        out.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(events.len(), 1, "{out}");
    assert_eq!(events[0]["cameo"].as_str().unwrap().get(..2), Some("11"));
    assert_eq!(events[0]["date"], "2024-02-05");
}

#[test]
fn fatal_errors_exit_1() {
    let dir = Dir::new("fatal");
    dir.create("good.txt", SEED);
    let cases: &[(&[&str], &str)] = &[
        (
            &["good.txt", "missing.txt"],
            "casus: error: missing.txt: No such file or directory (os error 2)\n",
        ),
        (
            &["--date", "2024-02-30", "good.txt"],
            "error: invalid value '2024-02-30' for '--date <YYYY-MM-DD>': \
             invalid date \"2024-02-30\" (expected YYYY-MM-DD)\n\n\
             For more information, try '--help'.\n",
        ),
        (
            &["-j", "many", "good.txt"],
            "error: invalid value 'many' for '--threads <N>': invalid digit \
             found in string\n\nFor more information, try '--help'.\n",
        ),
    ];
    for (args, want) in cases {
        let o = code_cmd(&dir, args);
        assert_eq!(stderr(&o), *want, "{args:?}");
        assert_eq!(code(&o), 1, "{args:?}");
        assert_eq!(stdout(&o), "");
    }
}

#[test]
fn strict_makes_skips_fatal() {
    let dir = Dir::new("strict");
    dir.create("a.txt", SEED);
    dir.create("b.txt", "");
    let o = code_cmd(&dir, &["--strict", "a.txt", "b.txt"]);
    assert_eq!(stderr(&o), "casus: error: b.txt: empty file (--strict)\n");
    assert_eq!(code(&o), 1);
    let o = code_cmd(&dir, &["--strict", "a.txt"]);
    assert_eq!(code(&o), 0);
    // Warnings are not skips: --strict lets them pass.
    dir.create("c.txt", b"date 2024-02-11 caf\xe9");
    let o = code_cmd(&dir, &["--strict", "-q", "c.txt"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
}

#[test]
fn output_does_not_depend_on_threads() {
    let dir = Dir::new("determinism");
    let mut all = String::new();
    for i in 0..3000 {
        let text = format!(
            "Article {i} says the army shelled the town. Talks resumed on \
             day {}. \"We will respond,\" an official said.",
            i % 31
        );
        all.push_str(&jsonl(&format!("n{i}"), "2024-02-11", &text));
    }
    dir.create("many.jsonl", all);
    let one = sentences(&dir, &["-j", "1", "many.jsonl"]);
    let two = sentences(&dir, &["-j", "2", "many.jsonl"]);
    let four = sentences(&dir, &["--threads", "4", "many.jsonl"]);
    assert_eq!(code(&one), 0);
    assert_eq!(article_ids(&one).len(), 3000);
    assert!(one.stdout == two.stdout, "-j 1 and -j 2 differ");
    assert!(one.stdout == four.stdout, "-j 1 and -j 4 differ");
    let c1 = code_cmd(&dir, &["-j", "1", "many.jsonl"]);
    let c2 = code_cmd(&dir, &["-j", "2", "many.jsonl"]);
    assert!(c1.stdout == c2.stdout, "code: -j 1 and -j 2 differ");
}

#[test]
fn reuters_sgml() {
    let dir = Dir::new("reuters");
    dir.create(
        "r.sgm",
        "<!DOCTYPE lewis SYSTEM \"lewis.dtd\">\n\
         <REUTERS NEWID=\"5\">\n<DATE> 2-MAR-1987 10:00:00.00</DATE>\n\
         <TEXT><TITLE>TITLE</TITLE><BODY>Ministers met &amp; agreed.\n \
         Reuter\n&#3;</BODY></TEXT>\n</REUTERS>\n",
    );
    let o = sentences(&dir, &["r.sgm"]);
    assert_eq!(code(&o), 0, "{}", stderr(&o));
    assert_eq!(article_ids(&o), ["5"]);
    assert!(stdout(&o).contains("Ministers met & agreed."));
}

#[test]
fn many_bad_records_are_summarised() {
    let dir = Dir::new("many-bad");
    let mut text = jsonl("ok", "2024-02-11", "Fine.");
    text.push_str(&"not json\n".repeat(15));
    dir.create("m.jsonl", text);
    let o = sentences(&dir, &["m.jsonl"]);
    let err = stderr(&o);
    assert_eq!(err.matches("casus: skipped m.jsonl:").count(), 10, "{err}");
    assert!(
        err.ends_with(
            "casus: read 1 article, skipped 15 (15 malformed JSON); 5 more \
             not shown (-v or --skipped FILE lists them)\n"
        ),
        "{err}"
    );
    let o = sentences(&dir, &["-v", "m.jsonl"]);
    assert_eq!(stderr(&o).matches("casus: skipped m.jsonl:").count(), 15);
    let o = sentences(&dir, &["--skipped", "bad.txt", "m.jsonl"]);
    assert!(stderr(&o).contains("; all listed in bad.txt"), "{}", stderr(&o));
    let listed = std::fs::read_to_string(dir.path.join("bad.txt")).unwrap();
    assert_eq!(listed.lines().count(), 15);
    assert!(listed.starts_with("skipped m.jsonl:2: malformed JSON"));
}
