//! Integration tests: `casus parse`.

use crate::util::{code, gz, jsonl, run, stderr, stdout, Dir};

const TEXT: &str =
    "The army said troops had not crossed the border. They cannot leave.";

/// Sentences of JSON Lines output.
fn rows(out: &std::process::Output) -> Vec<serde_json::Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

#[test]
fn parse_jsonl_has_words_with_spans() {
    let dir = Dir::new("parse-jsonl");
    dir.create("a.jsonl", jsonl("a1", "2024-03-01", TEXT));
    let out = dir.casus().args(["parse", "a.jsonl"]).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = rows(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[0]["article_id"], "a1");
    assert_eq!(rows[1]["sentence"], 1);
    for r in &rows {
        let (s, e) = (
            r["span"][0].as_u64().unwrap() as usize,
            r["span"][1].as_u64().unwrap() as usize,
        );
        assert_eq!(r["text"], &TEXT[s..e]);
        let words = r["words"].as_array().unwrap();
        let roots = words.iter().filter(|w| w["head"] == 0).count();
        assert_eq!(roots, 1, "{r}");
        for w in words {
            let (a, b) = (
                w["span"][0].as_u64().unwrap() as usize,
                w["span"][1].as_u64().unwrap() as usize,
            );
            assert_eq!(w["form"], &TEXT[a..b]);
            for key in ["lemma", "upos", "deprel"] {
                assert!(w[key].is_string(), "{w}");
            }
        }
    }
    // "cannot" is two words over one token's bytes.
    let forms: Vec<&str> = rows[1]["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["form"].as_str().unwrap())
        .collect();
    assert_eq!(forms, ["They", "can", "not", "leave", "."]);
}

#[test]
fn parse_with_a_beam_gives_trees() {
    let dir = Dir::new("parse-beam");
    dir.create("a.jsonl", jsonl("a1", "2024-03-01", TEXT));
    let out = dir
        .casus()
        .args(["parse", "--beam", "4", "a.jsonl"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = rows(&out);
    assert_eq!(rows.len(), 2);
    for r in &rows {
        let words = r["words"].as_array().unwrap();
        let roots = words.iter().filter(|w| w["head"] == 0).count();
        assert_eq!(roots, 1, "{r}");
    }
}

#[test]
fn parse_conllu_output_reads_back() {
    let dir = Dir::new("parse-conllu");
    dir.create("a.txt", format!("date 2024-03-01 {TEXT}"));
    dir.create(
        "b.jsonl.gz",
        gz(jsonl("b1", "2024-03-02", "Talks resumed.").as_bytes()),
    );
    let out = dir
        .casus()
        .args(["parse", "--format", "conllu", "a.txt", "b.jsonl.gz"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.contains("# sent_id = a-1\n"), "{text}");
    assert!(text.contains("# newdoc id = b1\n"), "{text}");
    assert!(text.contains("# text = Talks resumed.\n"), "{text}");
    assert!(text.contains("\tcannot\t"), "multiword token line: {text}");
    // Offsets are bytes into the article text ("date ..." prefix removed).
    assert!(text.contains("TokenRange=0:3"), "{text}");
    let sents: Vec<_> = casus::syntax::conllu::read(&text).collect();
    assert_eq!(sents.len(), 3);
    assert!(sents.iter().all(Result::is_ok));
    // Reading our own output back as pre-tokenised input round-trips
    // the word lines' forms.
    dir.create("out.conllu", &text);
    let again = dir
        .casus()
        .args(["parse", "--conllu", "out.conllu"])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", stderr(&again));
    let back: Vec<_> = casus::syntax::conllu::read(&stdout(&again))
        .collect::<Result<_, _>>()
        .unwrap();
    let forms = |s: &casus::syntax::conllu::ConlluSentence| {
        s.words.iter().map(|w| w.form.clone()).collect::<Vec<_>>()
    };
    let first: Vec<_> =
        sents.into_iter().map(|s| forms(&s.unwrap())).collect();
    assert_eq!(back.iter().map(forms).collect::<Vec<_>>(), first);
}

#[test]
fn parse_conllu_fills_tags_and_trees() {
    let dir = Dir::new("parse-fill");
    let input = "# sent_id = s1\n# text = I don't know\n\
        1\tI\t_\t_\tPRP\t_\t_\t_\t_\t_\n\
        2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
        2\tdo\t_\t_\tVBP\t_\t_\t_\t_\t_\n\
        3\tn't\t_\t_\tRB\t_\t_\t_\t_\t_\n\
        3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\
        4\tknow\t_\t_\tVB\t_\t_\t_\t_\tSpaceAfter=No\n\n";
    let out = run(
        dir.casus().args(["parse", "--conllu", "-"]),
        Some(input.as_bytes()),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let text = stdout(&out);
    let s = casus::syntax::conllu::read(&text).next().unwrap().unwrap();
    assert_eq!(s.sent_id(), Some("s1"));
    assert_eq!(s.multiword.len(), 1);
    assert!(s.empty.is_empty());
    assert_eq!(s.words.iter().filter(|w| w.head == "0").count(), 1);
    assert!(s
        .words
        .iter()
        .all(|w| w.upos().is_some() && w.deprel().is_some() && w.xpos == "_"));
    assert_eq!(s.words[3].misc, "SpaceAfter=No");
    assert_eq!(s.words[2].lemma, "not");
}

#[test]
fn parse_bad_input_is_one_line_and_goes_on() {
    let dir = Dir::new("parse-bad");
    let input = "1\tbroken\n\n1\tFine\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let out = run(
        dir.casus().args(["parse", "--conllu", "-"]),
        Some(input.as_bytes()),
    );
    assert_eq!(code(&out), 2, "{}", stderr(&out));
    let err = stderr(&out);
    assert!(
        err.contains("-: line 1: expected 10 tab-separated columns"),
        "{err}"
    );
    assert_eq!(stdout(&out).matches("\tFine\t").count(), 1);
    let strict = run(
        dir.casus().args(["parse", "--strict", "--conllu", "-"]),
        Some(input.as_bytes()),
    );
    assert_eq!(code(&strict), 1);
    let missing = dir
        .casus()
        .args(["parse", "--conllu", "nope.conllu"])
        .output()
        .unwrap();
    assert_eq!(code(&missing), 1);
    assert!(stderr(&missing).contains("nope.conllu"));
    let both = dir
        .casus()
        .args(["parse", "--conllu", "x", "y.txt"])
        .output()
        .unwrap();
    assert_eq!(code(&both), 1);
}

/// Every input format casus reads goes through `casus parse`, and every
/// byte offset it prints points into the article's own text: the
/// sentence's `span` slices out its `text`, and each word's `span`
/// slices out its `form`, with multi-byte characters, escapes and
/// entities in the input (issue 14: "every byte offset still points
/// into the original article").
#[test]
fn parse_every_input_format_points_into_the_article() {
    // Own sentence: curly quotes, an em dash, accents, a URL, all caps.
    let text = "GENEVA TALKS STALL \u{2014} Zürich\u{2019}s envoy said \u{201c}no deal\u{201d} \
                was reached; see https://example.org/a?b=c for the café list.";
    let dir = Dir::new("parse-formats");
    dir.create("a.txt", format!("date 2024-03-01 {text}"));
    dir.create("b.jsonl", jsonl("b1", "2024-03-02", text));
    dir.create(
        "c.csv",
        format!(
            "id,date,text\nc1,2024-03-03,\"{}\"\n",
            text.replace('"', "\"\"")
        ),
    );
    dir.create("d.tsv", format!("id\tdate\ttext\nd1\t2024-03-04\t{text}\n"));
    dir.create("e.jsonl.gz", gz(jsonl("e1", "2024-03-05", text).as_bytes()));
    dir.create(
        "f.sgm",
        "<REUTERS NEWID=\"6\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
         <TEXT><TITLE>T &amp; C</TITLE>\n<BODY>Brazil&#39;s envoy met \
         Argentina&#39;s minister &amp; aides.\n Reuter\n&#3;</BODY></TEXT>\n\
         </REUTERS>\n",
    );
    let out = dir
        .casus()
        .args([
            "parse",
            "a.txt",
            "b.jsonl",
            "c.csv",
            "d.tsv",
            "e.jsonl.gz",
            "f.sgm",
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let rows = rows(&out);
    let mut ids: Vec<&str> =
        rows.iter().filter_map(|r| r["article_id"].as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 6, "{ids:?}");
    let span = |v: &serde_json::Value| {
        (v[0].as_u64().unwrap() as usize, v[1].as_u64().unwrap() as usize)
    };
    for r in &rows {
        let (s, e) = span(&r["span"]);
        let sent = r["text"].as_str().unwrap();
        assert_eq!(e - s, sent.len(), "{r}");
        // Articles whose text is `text` itself: the span slices it.
        if r["article_id"] != "6" {
            assert_eq!(text.get(s..e), Some(sent), "{r}");
        }
        for w in r["words"].as_array().unwrap() {
            let (a, b) = span(&w["span"]);
            assert!(s <= a && a < b && b <= e, "{w} outside {r}");
            assert_eq!(sent.get(a - s..b - s), w["form"].as_str(), "{w}");
        }
    }
}
