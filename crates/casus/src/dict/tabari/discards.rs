//! TABARI/PETRARCH discard lists: one phrase a line; a leading `+` marks
//! a story-level discard (the whole story is dropped), no `+` a
//! sentence-level one. casus drops the sentence in both cases, which is
//! the same thing for one-sentence records and an approximation for
//! articles (documented in `dicts/tabari.md`).

use super::{normalize_phrase, Sink};

pub(super) fn parse(text: &str, sink: &mut Sink) {
    for (n, line) in super::content_lines(text, false) {
        if line.is_empty() {
            continue;
        }
        let raw = line.strip_prefix('+').unwrap_or(line);
        if raw.contains('[') {
            sink.error(n, "discard line has a [code]: is this an actor file?");
            continue;
        }
        let phrase = normalize_phrase(raw, &sink.lex);
        if phrase.is_empty() {
            sink.error(n, format!("discard {line:?} has no words"));
            continue;
        }
        sink.dicts.discards.push(phrase);
    }
}

#[cfg(test)]
mod tests {
    use crate::dict::tabari::{check, Kind};

    #[test]
    fn phrases() {
        let text =
            "# comment\nSECOND_BREAKFAST\n+Pipeweed Festival # story\n\n\
                    [ABC]\n+\n";
        let c = check(Kind::Discards, "d.txt", text);
        assert_eq!(
            c.dicts.discards,
            vec!["second breakfast", "pipeweed festival"]
        );
        let got: Vec<_> = c.errors.iter().map(|e| e.line).collect();
        assert_eq!(got, vec![5, 6]);
    }
}
