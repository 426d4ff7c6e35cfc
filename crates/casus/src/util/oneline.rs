//! Text an event carries (evidence, names, speakers) on one line.
//!
//! Why: wire copy is hard-wrapped ("said on\nMonday that"), and a name or
//! evidence with a raw newline breaks CSV and table rows and every
//! line-based tool downstream. Spans still point into the original text;
//! only the copies are flattened.

use std::borrow::Cow;

/// `s` with every whitespace run that holds a line break or tab turned
/// into one space (other text unchanged, no copy when nothing changes).
pub(crate) fn one_line(s: &str) -> Cow<'_, str> {
    if !s.contains(['\n', '\r', '\t', '\u{2028}', '\u{2029}']) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if c.is_whitespace() {
            run.push(c);
            continue;
        }
        flush(&mut out, &mut run);
        out.push(c);
    }
    flush(&mut out, &mut run);
    Cow::Owned(out)
}

/// Appends a whitespace run: as it is when it is only spaces, else as
/// one space.
fn flush(out: &mut String, run: &mut String) {
    if run.chars().all(|c| c == ' ') {
        out.push_str(run);
    } else {
        out.push(' ');
    }
    run.clear();
}

/// `Option<String>` flattened in place.
pub(crate) fn one_line_opt(s: &mut Option<String>) {
    if let Some(v) = s.as_mut() {
        if let Cow::Owned(o) = one_line(v) {
            *v = o;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::one_line;

    #[test]
    fn breaks_become_spaces() {
        let cases = [
            ("said on\nMonday that", "said on Monday that"),
            ("U.S.\r\n  backed", "U.S. backed"),
            ("two  spaces stay", "two  spaces stay"),
            ("tab\there", "tab here"),
            ("end\n", "end "),
            ("", ""),
        ];
        for (input, want) in cases {
            assert_eq!(one_line(input), want, "{input:?}");
        }
    }
}
