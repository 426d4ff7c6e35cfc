//! Reading and writing CoNLL-U, the Universal Dependencies file format.
//!
//! The reader keeps what a round trip needs: comment lines, multiword
//! token lines (`3-4`), empty nodes (`8.1`, kept verbatim) and the ten
//! columns of every word as text; typed views ([`ConlluWord::head`],
//! [`ConlluWord::deprel`], [`ConlluWord::upos`]) parse on demand. A bad
//! sentence is reported with its line number and skipped; the reader
//! goes on with the next one.
//!
//! ```
//! use casus::syntax::conllu;
//!
//! let text = "# text = Hi there\n1\tHi\thi\tINTJ\t_\t_\t0\troot\t_\t_\n\
//!             2\tthere\tthere\tADV\t_\t_\t1\tadvmod\t_\t_\n\n";
//! let sents: Vec<_> = conllu::read(text).collect::<Result<_, _>>()?;
//! assert_eq!(sents[0].text(), Some("Hi there"));
//! assert_eq!(sents[0].words[1].head(), Some(1));
//! # Ok::<(), conllu::ConlluError>(())
//! ```

use std::fmt::Write;

use crate::syntax::{Deprel, Upos};

/// A bad line in a CoNLL-U file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct ConlluError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub reason: String,
}

/// One word line (integer ID), its ten columns as written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluWord {
    /// FORM.
    pub form: String,
    /// LEMMA.
    pub lemma: String,
    /// UPOS.
    pub upos: String,
    /// XPOS.
    pub xpos: String,
    /// FEATS.
    pub feats: String,
    /// HEAD, as written.
    pub head: String,
    /// DEPREL, as written.
    pub deprel: String,
    /// DEPS.
    pub deps: String,
    /// MISC.
    pub misc: String,
}

impl ConlluWord {
    /// HEAD as a number (0 = root), if it is one.
    pub fn head(&self) -> Option<u16> {
        self.head.parse().ok()
    }

    /// DEPREL as a typed label, if it is one.
    pub fn deprel(&self) -> Option<Deprel> {
        self.deprel.parse().ok()
    }

    /// UPOS as a typed tag, if it is one.
    pub fn upos(&self) -> Option<Upos> {
        self.upos.parse().ok()
    }

    /// True when MISC has `SpaceAfter=No`.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|f| f == "SpaceAfter=No")
    }
}

/// A multiword token line (`3-4  don't`): words `first..=last`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word ID (1-based).
    pub first: usize,
    /// Last word ID (inclusive).
    pub last: usize,
    /// FORM of the token.
    pub form: String,
    /// MISC of the token.
    pub misc: String,
}

impl MultiwordToken {
    /// True when MISC has `SpaceAfter=No`.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|f| f == "SpaceAfter=No")
    }
}

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConlluSentence {
    /// 1-based line number of the sentence's first line.
    pub line: usize,
    /// Comment lines, with their `#`.
    pub comments: Vec<String>,
    /// Words in ID order (ID = index + 1).
    pub words: Vec<ConlluWord>,
    /// Multiword tokens in order.
    pub multiword: Vec<MultiwordToken>,
    /// Empty-node lines (`8.1 ...`), verbatim, with the word ID they
    /// follow.
    pub empty: Vec<(usize, String)>,
}

impl ConlluSentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.strip_prefix('#')?.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// `# text`.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    /// `# sent_id`.
    pub fn sent_id(&self) -> Option<&str> {
        self.comment("sent_id")
    }

    /// The surface tokens: each multiword token once, other words as
    /// themselves, as `(first word index, last word index, form,
    /// space after)` with 0-based indexes.
    pub fn surface(&self) -> Vec<(usize, usize, &str, bool)> {
        let mut out = Vec::with_capacity(self.words.len());
        let mut m = 0;
        let mut i = 0;
        while i < self.words.len() {
            if let Some(t) = self.multiword.get(m).filter(|t| t.first == i + 1)
            {
                out.push((
                    i,
                    t.last - 1,
                    t.form.as_str(),
                    !t.no_space_after(),
                ));
                i = t.last;
                m += 1;
                continue;
            }
            let w = &self.words[i];
            out.push((i, i, w.form.as_str(), !w.no_space_after()));
            i += 1;
        }
        out
    }

    /// Writes the sentence in CoNLL-U, blank line included.
    pub fn write(&self, out: &mut String) {
        for c in &self.comments {
            out.push_str(c);
            out.push('\n');
        }
        let mut m = 0;
        let mut e = 0;
        for (i, w) in self.words.iter().enumerate() {
            let id = i + 1;
            while let Some(t) = self.multiword.get(m).filter(|t| t.first == id)
            {
                let _ = writeln!(
                    out,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    t.first, t.last, t.form, t.misc
                );
                m += 1;
            }
            let _ = writeln!(
                out,
                "{id}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                w.form,
                w.lemma,
                w.upos,
                w.xpos,
                w.feats,
                w.head,
                w.deprel,
                w.deps,
                w.misc
            );
            while let Some((_, line)) =
                self.empty.get(e).filter(|(after, _)| *after == id)
            {
                out.push_str(line);
                out.push('\n');
                e += 1;
            }
        }
        out.push('\n');
    }
}

/// The sentences of a CoNLL-U text, each `Ok` or the first error in it.
pub fn read(
    text: &str,
) -> impl Iterator<Item = Result<ConlluSentence, ConlluError>> + '_ {
    let mut lines = text.lines().enumerate().peekable();
    std::iter::from_fn(move || {
        // Skip blank lines between sentences.
        while lines.peek().is_some_and(|(_, l)| l.trim().is_empty()) {
            lines.next();
        }
        let (first, _) = *lines.peek()?;
        let mut sent =
            ConlluSentence { line: first + 1, ..Default::default() };
        let mut err = None;
        for (n, line) in lines.by_ref() {
            if line.trim().is_empty() {
                break;
            }
            if err.is_none() {
                if let Err(reason) = add_line(&mut sent, line) {
                    err = Some(ConlluError { line: n + 1, reason });
                }
            }
        }
        if err.is_none() {
            err = check(&sent).err();
        }
        Some(match err {
            Some(e) => Err(e),
            None => Ok(sent),
        })
    })
}

fn add_line(sent: &mut ConlluSentence, line: &str) -> Result<(), String> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    if line.starts_with('#') {
        if !sent.words.is_empty() {
            return Err("comment after the first word line".into());
        }
        sent.comments.push(line.to_string());
        return Ok(());
    }
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() != 10 {
        return Err(format!(
            "expected 10 tab-separated columns, got {}",
            cols.len()
        ));
    }
    let id = cols[0];
    if let Some((a, b)) = id.split_once('-') {
        let (first, last) = match (a.parse::<usize>(), b.parse::<usize>()) {
            (Ok(f), Ok(l)) if f >= 1 && l > f => (f, l),
            _ => return Err(format!("bad multiword token range {id:?}")),
        };
        if first != sent.words.len() + 1 {
            return Err(format!("multiword token {id} out of order"));
        }
        if sent.multiword.last().is_some_and(|t| t.last >= first) {
            return Err(format!("multiword token {id} overlaps the previous"));
        }
        let (form, misc) = (cols[1].to_string(), cols[9].to_string());
        sent.multiword.push(MultiwordToken { first, last, form, misc });
        return Ok(());
    }
    if id.contains('.') {
        sent.empty.push((sent.words.len(), line.to_string()));
        return Ok(());
    }
    match id.parse::<usize>() {
        Ok(n) if n == sent.words.len() + 1 => {}
        _ => {
            return Err(format!(
                "expected word ID {}, got {id:?}",
                sent.words.len() + 1
            ))
        }
    }
    if cols[1].is_empty() {
        return Err("empty FORM".into());
    }
    let s = |i: usize| cols[i].to_string();
    sent.words.push(ConlluWord {
        form: s(1),
        lemma: s(2),
        upos: s(3),
        xpos: s(4),
        feats: s(5),
        head: s(6),
        deprel: s(7),
        deps: s(8),
        misc: s(9),
    });
    Ok(())
}

/// Whole-sentence checks: words present, multiword ranges and heads in
/// range.
fn check(sent: &ConlluSentence) -> Result<(), ConlluError> {
    let err = |reason: String| ConlluError { line: sent.line, reason };
    if sent.words.is_empty() {
        return Err(err("sentence without word lines".into()));
    }
    let n = sent.words.len();
    if let Some(t) = sent.multiword.iter().find(|t| t.last > n) {
        return Err(err(format!(
            "multiword token {}-{} beyond the last word {n}",
            t.first, t.last
        )));
    }
    for (i, w) in sent.words.iter().enumerate() {
        if w.head != "_" && w.head().map_or(true, |h| h as usize > n) {
            return Err(err(format!("word {}: bad HEAD {:?}", i + 1, w.head)));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = "# sent_id = a\n# text = I don't.\n\
        1\tI\tI\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n\
        2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
        2\tdo\tdo\tAUX\tVBP\t_\t0\troot\t_\t_\n\
        3\tn't\tnot\tPART\tRB\t_\t2\tadvmod\t_\t_\n\
        3.1\tx\tx\tX\t_\t_\t_\t_\t2:dep\t_\n\
        4\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn reads_and_round_trips() {
        let sents: Vec<ConlluSentence> =
            read(DOC).collect::<Result<_, _>>().expect("valid");
        assert_eq!(sents.len(), 1);
        let s = &sents[0];
        assert_eq!((s.sent_id(), s.text()), (Some("a"), Some("I don't.")));
        assert_eq!(s.words.len(), 4);
        assert_eq!(s.multiword[0].first, 2);
        assert_eq!(s.empty.len(), 1);
        assert_eq!(s.words[3].deprel(), Some(Deprel::PUNCT));
        let surface: Vec<_> =
            s.surface().iter().map(|t| (t.0, t.1, t.2, t.3)).collect();
        assert_eq!(
            surface,
            [(0, 0, "I", true), (1, 2, "don't", false), (3, 3, ".", true)]
        );
        let mut out = String::new();
        s.write(&mut out);
        assert_eq!(out, DOC);
    }

    #[test]
    fn reports_bad_sentences_and_goes_on() {
        let table: &[(&str, usize, &str)] = &[
            ("1\tA\n", 1, "10 tab-separated"),
            ("2\tA\t_\t_\t_\t_\t0\troot\t_\t_\n", 1, "expected word ID 1"),
            ("1\tA\t_\t_\t_\t_\t5\troot\t_\t_\n", 1, "bad HEAD"),
            ("1-3\tAb\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\t_\t_\t_\t_\t0\troot\t_\t_\n", 1, "beyond"),
            ("# only\n", 1, "without word lines"),
        ];
        let good = "1\tOk\t_\t_\t_\t_\t0\troot\t_\t_\n";
        for (bad, line, reason) in table {
            let text = format!("{bad}\n{good}");
            let got: Vec<_> = read(&text).collect();
            assert_eq!(got.len(), 2, "{bad:?}");
            let e = got[0].as_ref().expect_err(bad);
            assert_eq!(e.line, *line, "{bad:?}");
            assert!(e.reason.contains(reason), "{bad:?}: {e}");
            assert!(got[1].is_ok(), "{bad:?}");
        }
    }
}
