//! A proptest-driven fuzzer (issue 19): every reader, the text layer, the
//! time tagger and the whole coder over mutated inputs, checking that
//! nothing panics and that what comes out points back into the input.
//!
//! Each target starts from valid inputs written here and mutates them
//! (byte flips, insertions, deletions, splices, repetitions), which
//! reaches deeper than random bytes alone; proptest shrinks a failure to
//! a minimal input and records it in `fuzz.proptest-regressions`.
//!
//! CI runs the default 256 cases per target. A long run (its last result
//! is in EVALUATION.md):
//!
//! ```console
//! PROPTEST_CASES=20000 nice -n 19 cargo test --release -p casus --test fuzz
//! ```

use std::io::Write;
use std::sync::OnceLock;

use casus::ingest::{Format, Options, Record, Source};
use casus::{Article, Coder, CoderBuilder};
use proptest::prelude::*;

/// One coder for every case (building it dominates a case otherwise);
/// a low sentence cap and coordination cap so the limits are exercised
/// on small inputs too.
fn coder() -> &'static Coder {
    static C: OnceLock<Coder> = OnceLock::new();
    C.get_or_init(|| {
        CoderBuilder::new()
            .max_sentence_tokens(40)
            .max_coordinated_actors(3)
            .max_sentence_times(2)
            .build()
            .expect("coder")
    })
}

/// News-like seeds: actors, coordinations, dates, quotes, abbreviations,
/// lists, non-ASCII text.
const NEWS: &[&str] = &[
    "France and Germany condemned Russia on Monday.",
    "Israel, Egypt and Qatar met in Cairo on March 3, 2023, officials said.",
    "U.S. President Joe Biden said on Tuesday that he will visit Kyiv next week.",
    "\"We reject the accusations,\" the Chinese Foreign Ministry said.",
    "Polish Foreign Minister Jan Kowalczyk arrived in Kyiv. Kowalczyk praised Ukraine.",
    "Gen. Smith did not attack the rebels, according to the army.",
    "MOSCOW (Reuters) - Russia and Ukraine agreed to a ceasefire on 2024-01-05.",
    "Police arrested 12 protesters in Paris\u{2026} The minister resigned.",
    "Die Regierung \u{201C}verurteilte\u{201D} den Angriff. \u{0418}\u{0437}\u{0440}\u{0430}\u{0438}\u{043B}\u{044C}",
    "- Iran threatened Israel\n- Syria accused Turkey\n\nHamas, the movement, and Fatah clashed.",
];

/// A mutation of `seed`: `ops` are (kind, position, byte) triples.
fn mutate(seed: &[u8], ops: &[(u8, usize, u8)]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for &(kind, at, b) in ops {
        let at = if v.is_empty() { 0 } else { at % (v.len() + 1) };
        match kind % 6 {
            0 if at < v.len() => v[at] ^= b | 1,
            1 => v.insert(at, b),
            2 if at < v.len() => {
                v.remove(at);
            }
            3 => {
                // Splice in another seed.
                let other = NEWS[usize::from(b) % NEWS.len()].as_bytes();
                v.splice(at..at, other.iter().copied());
            }
            4 => {
                // Repeat a short run (lists, floods).
                let end = (at + 1 + usize::from(b % 16)).min(v.len());
                let run = v[at.min(end)..end].to_vec();
                for _ in 0..usize::from(b % 8) {
                    v.splice(at..at, run.iter().copied());
                }
            }
            _ => {
                if at < v.len() {
                    v.truncate(at);
                }
            }
        }
        if v.len() > 8192 {
            v.truncate(8192);
        }
    }
    v
}

fn ops() -> impl Strategy<Value = Vec<(u8, usize, u8)>> {
    proptest::collection::vec(
        (any::<u8>(), any::<usize>(), any::<u8>()),
        0..12,
    )
}

/// A seed text (several sentences) mutated, as text.
fn news() -> impl Strategy<Value = String> {
    (proptest::collection::vec(0..NEWS.len(), 1..5), ops()).prop_map(
        |(picks, ops)| {
            let seed: Vec<&str> = picks.iter().map(|&i| NEWS[i]).collect();
            let bytes = mutate(seed.join(" ").as_bytes(), &ops);
            String::from_utf8_lossy(&bytes).into_owned()
        },
    )
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e =
        flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(bytes).expect("gzip");
    e.finish().expect("gzip")
}

/// A valid file of each format, for the readers to mutate.
fn reader_seed(format: Format) -> Vec<u8> {
    let text = "France condemned Russia. \"Quoted, text\" here.";
    match format {
        Format::Seed => format!(" date 2024-01-01 {text}\n").into_bytes(),
        Format::Jsonl => format!(
            "{{\"id\":\"a\",\"date\":\"2024-01-01\",\"text\":\"{}\"}}\n\
             {{\"id\":\"b\",\"date\":\"2024-01-02\",\"title\":\"T\",\"text\":\"Iran met Iraq.\"}}\n",
            text.replace('"', "\\\"")
        )
        .into_bytes(),
        Format::Csv => "id,date,text\na,2024-01-01,\"France, \"\"quoted\"\"\"\n\
                        b,2024-01-02,Iran met Iraq.\n"
            .as_bytes()
            .to_vec(),
        Format::Tsv => "id\tdate\ttext\na\t2024-01-01\tFrance met Iran.\n"
            .as_bytes()
            .to_vec(),
        Format::Reuters => "<REUTERS NEWID=\"1\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
             <TEXT><TITLE>T</TITLE><BODY>France met Germany.</BODY></TEXT>\n</REUTERS>\n\
             <REUTERS NEWID=\"2\">\n<DATE>26-FEB-1987 15:01:01.79</DATE>\n\
             <TEXT><BODY>Italy met Spain.</BODY></TEXT>\n</REUTERS>\n"
            .as_bytes()
            .to_vec(),
    }
}

const FORMATS: [Format; 5] =
    [Format::Seed, Format::Jsonl, Format::Csv, Format::Tsv, Format::Reuters];

/// Checks one event against its article.
fn check_events(article: &Article, events: &[casus::events::Event]) {
    let text = &article.text;
    let inside = |s: casus::Span| {
        s.start <= s.end
            && (s.end as usize) <= text.len()
            && text.is_char_boundary(s.start as usize)
            && text.is_char_boundary(s.end as usize)
    };
    for e in events {
        assert!(inside(e.span), "{e:?} in {text:?}");
        for a in [&e.source, &e.target].into_iter().flatten() {
            assert!(inside(a.span), "{a:?} in {text:?}");
        }
        assert_eq!(e.article_id, article.id);
        assert_eq!(e.event_id.len(), 16, "{e:?}");
        assert!(!e.date.is_empty(), "{e:?}");
    }
}

proptest! {
    /// Every reader, plain and gzipped, over mutated valid files: no
    /// panic, and every article is within the size limit and dated.
    #[test]
    fn readers_take_mutated_files(
        format in 0..FORMATS.len(),
        hinted in any::<bool>(),
        gz in any::<bool>(),
        ops in ops(),
    ) {
        let format = FORMATS[format];
        let mut bytes = mutate(&reader_seed(format), &ops);
        if gz {
            bytes = gzip(&bytes);
        }
        let opts = Options {
            max_article_bytes: 200,
            max_decompressed_bytes: 4096,
            ..Options::default()
        };
        let src = Source::new(
            "f",
            "f",
            std::io::Cursor::new(bytes),
            hinted.then_some(format),
            opts,
        );
        for r in src.take(10_000) {
            if let Record::Article { article, .. } = r {
                prop_assert!(article.text.len() <= 200 + 4096);
            }
        }
    }

    /// Corrupting a gzip file anywhere never lets an article through
    /// unverified: files are read to their end before their first
    /// article ([`casus::ingest::Inputs`]), so either the stream checks
    /// out or nothing of it is read.
    #[test]
    fn corrupt_gzip_yields_all_or_nothing(at in any::<usize>(), flip in 1u8..) {
        let plain = reader_seed(Format::Jsonl);
        let mut bytes = gzip(&plain);
        let at = 10 + at % (bytes.len() - 18);
        bytes[at] ^= flip;
        let dir = std::env::temp_dir()
            .join(format!("casus-fuzz-gz-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        let path = dir.join("f.jsonl.gz");
        std::fs::write(&path, &bytes).expect("write");
        let mut inputs =
            casus::ingest::Inputs::new(&[path], Options::default())
                .expect("inputs");
        let mut read = Vec::new();
        loop {
            let batch = inputs.next_batch();
            if batch.is_empty() {
                break;
            }
            for r in batch {
                if let Record::Article { article, .. } = r {
                    read.push(article.text);
                }
            }
        }
        // Garbled articles never pass: what is read is the original.
        for t in &read {
            prop_assert!(
                t.contains("Iran met Iraq.") || t.contains("France condemned"),
                "{t:?}"
            );
        }
    }

    /// The text layer over mutated news text: tokens and sentences on
    /// character boundaries, in order, each sentence under the cap.
    #[test]
    fn text_layer_takes_mutated_news(text in news()) {
        let a = coder().analyze(&text);
        let mut last = 0;
        for t in &a.tokens {
            prop_assert!(text.is_char_boundary(t.span.start as usize));
            prop_assert!(text.is_char_boundary(t.span.end as usize));
            prop_assert!(t.span.start >= last);
            last = t.span.end;
        }
        for s in &a.sentences {
            prop_assert!(s.tokens.end - s.tokens.start <= 40);
        }
    }

    /// The time tagger: expressions on character boundaries, in order,
    /// at most the cap per sentence.
    #[test]
    fn times_take_mutated_news(text in news()) {
        let a = coder().analyze(&text);
        let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 11).expect("date");
        let found = coder().times().find(date, &text, &a);
        let mut per = std::collections::HashMap::new();
        let mut last = 0;
        for t in &found {
            prop_assert!(text.is_char_boundary(t.span.start as usize));
            prop_assert!(text.is_char_boundary(t.span.end as usize));
            prop_assert!(t.span.start >= last);
            last = t.span.end;
            *per.entry(t.sentence).or_insert(0) += 1;
        }
        prop_assert!(per.values().all(|&n| n <= 2), "{per:?}");
    }

    /// The whole coder, with and without run memory: no panic, events
    /// point into their article.
    #[test]
    fn coder_takes_mutated_news(text in news()) {
        let date = chrono::NaiveDate::from_ymd_opt(2024, 2, 11).expect("date");
        let article = Article::new("fz", date, &text);
        let events = coder().code(&article);
        check_events(&article, &events);
        let memory = casus::actors::RunMemory::new();
        let (events, learned) = coder().code_in_run(&article, &memory);
        check_events(&article, &events);
        prop_assert_eq!(learned, coder().learn_in_run(&article, &memory));
    }
}
