//! The model file: a versioned container for the tagger, transition and
//! labeller weights, the label set and the lemma rules.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic "CASUSPRS" | format version u32 | sections...
//! section = tag [u8; 4] | length u64 | payload
//!   HEAD  UTF-8 "key=value" lines: labels, label directions, training
//!         settings, and `sha256:<file>` of every training data file
//!   TAGW  tagger table    } bits u32 | classes u32 | scale f32 |
//!   TAG2  2nd tagger pass } (optional)
//!   TRNW  move table      } 2^bits rows of (shift u8, i8 * classes)
//!   LABW  label table     }
//!   RELW  relabel table   } (optional: the second labelling stage)
//!   LEMR  lemma rules, one per line
//!   TDIC  tag dictionary: (word hash u64, tag mask u32) entries
//!   CLUS  word classes: (word hash u64, coarse u16, fine u16) entries
//! ```
//!
//! A reader refuses other magics and versions with a clear error rather
//! than guessing.

use crate::error::Error;
use crate::syntax::features::{Classes, TagDict};
use crate::syntax::lemma::Rule;
use crate::syntax::weights::Table;
use crate::syntax::Deprel;

/// The file's first bytes.
pub(crate) const MAGIC: &[u8; 8] = b"CASUSPRS";
/// The format version this code reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// Everything a model file holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Model {
    /// Header lines (key, value), in file order.
    pub header: Vec<(String, String)>,
    /// Label index -> relation.
    pub labels: Vec<Deprel>,
    /// Labels seen on left arcs (bit per label index).
    pub left: u64,
    /// Labels seen on right arcs.
    pub right: u64,
    pub tagger: Table,
    /// The second tagger pass, if any.
    pub tagger2: Option<Table>,
    pub moves: Table,
    pub labeller: Table,
    /// The second labelling stage over finished trees, if any (its
    /// mode, `relabel.mode` in the header: `replace` or `sum`).
    pub relabeller: Option<Table>,
    pub rules: Vec<Rule>,
    pub tagdict: TagDict,
    /// Word classes (empty without).
    pub classes: Classes,
}

fn bad(reason: impl Into<String>) -> Error {
    Error::Model(reason.into())
}

impl Model {
    /// The header value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.header.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }

    #[cfg(any(test, feature = "train"))]
    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(
            64 + self.tagger.byte_len()
                + self.moves.byte_len()
                + self.labeller.byte_len(),
        );
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let mut head = String::new();
        let labels: Vec<String> =
            self.labels.iter().map(Deprel::to_string).collect();
        head.push_str(&format!("labels={}\n", labels.join(",")));
        head.push_str(&format!(
            "left={:016x}\nright={:016x}\n",
            self.left, self.right
        ));
        for (k, v) in &self.header {
            head.push_str(&format!("{k}={v}\n"));
        }
        section(&mut out, b"HEAD", head.as_bytes());
        let mut tables = vec![(b"TAGW", &self.tagger)];
        tables.extend(self.tagger2.as_ref().map(|t| (b"TAG2", t)));
        tables.push((b"TRNW", &self.moves));
        tables.push((b"LABW", &self.labeller));
        tables.extend(self.relabeller.as_ref().map(|t| (b"RELW", t)));
        for (tag, t) in tables {
            let mut p = Vec::with_capacity(12 + t.byte_len());
            p.extend_from_slice(&t.bits.to_le_bytes());
            p.extend_from_slice(&(t.classes as u32).to_le_bytes());
            p.extend_from_slice(&t.scale.to_le_bytes());
            p.extend_from_slice(&t.rows);
            section(&mut out, tag, &p);
        }
        let rules: Vec<String> =
            self.rules.iter().map(Rule::to_line).collect();
        section(&mut out, b"LEMR", rules.join("\n").as_bytes());
        let mut dict = Vec::new();
        for (w, m) in self.tagdict.entries() {
            dict.extend_from_slice(&w.to_le_bytes());
            dict.extend_from_slice(&m.to_le_bytes());
        }
        section(&mut out, b"TDIC", &dict);
        let mut cl = Vec::new();
        for (w, (c, f)) in self.classes.entries() {
            cl.extend_from_slice(&w.to_le_bytes());
            cl.extend_from_slice(&c.to_le_bytes());
            cl.extend_from_slice(&f.to_le_bytes());
        }
        section(&mut out, b"CLUS", &cl);
        out
    }

    /// Reads a model.
    pub fn from_bytes(bytes: &[u8]) -> crate::error::Result<Model> {
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| bad("not a casus parser model (bad magic)"))?;
        let (version, mut rest) = take_u32(rest)?;
        if version != FORMAT_VERSION {
            return Err(bad(format!(
                "model format version {version}; this casus reads version {FORMAT_VERSION}"
            )));
        }
        let mut sections: Vec<([u8; 4], &[u8])> = Vec::new();
        while !rest.is_empty() {
            let tag: [u8; 4] = rest
                .get(..4)
                .and_then(|t| t.try_into().ok())
                .ok_or_else(|| bad("truncated section tag"))?;
            let len = rest
                .get(4..12)
                .and_then(|b| b.try_into().ok())
                .map(u64::from_le_bytes)
                .ok_or_else(|| bad("truncated section length"))?;
            let len =
                usize::try_from(len).map_err(|_| bad("section too long"))?;
            let body = rest.get(12..12usize.saturating_add(len)).ok_or_else(
                || {
                    bad(format!(
                        "section {} truncated",
                        String::from_utf8_lossy(&tag)
                    ))
                },
            )?;
            sections.push((tag, body));
            rest = &rest[12 + len..];
        }
        let get = |tag: &[u8; 4]| -> crate::error::Result<&[u8]> {
            sections
                .iter()
                .find(|(t, _)| t == tag)
                .map(|(_, b)| *b)
                .ok_or_else(|| {
                    bad(format!(
                        "missing section {}",
                        String::from_utf8_lossy(tag)
                    ))
                })
        };
        let head = std::str::from_utf8(get(b"HEAD")?)
            .map_err(|_| bad("header is not UTF-8"))?;
        let mut header = Vec::new();
        let (mut labels, mut left, mut right) = (None, None, None);
        for line in head.lines().filter(|l| !l.is_empty()) {
            let (k, v) = line
                .split_once('=')
                .ok_or_else(|| bad(format!("bad header line {line:?}")))?;
            match k {
                "labels" => {
                    let l: crate::error::Result<Vec<Deprel>> =
                        v.split(',').map(str::parse).collect();
                    labels = Some(l?);
                }
                "left" => left = u64::from_str_radix(v, 16).ok(),
                "right" => right = u64::from_str_radix(v, 16).ok(),
                _ => header.push((k.to_string(), v.to_string())),
            }
        }
        let labels = labels.ok_or_else(|| bad("header lacks labels"))?;
        if labels.is_empty() || labels.len() > 63 {
            return Err(bad(format!(
                "{} labels; a model has 1 to 63",
                labels.len()
            )));
        }
        let rules = std::str::from_utf8(get(b"LEMR")?)
            .map_err(|_| bad("lemma rules are not UTF-8"))?
            .lines()
            .filter(|l| !l.is_empty())
            .map(|l| {
                Rule::from_line(l)
                    .ok_or_else(|| bad(format!("bad lemma rule {l:?}")))
            })
            .collect::<crate::error::Result<Vec<Rule>>>()?;
        let model = Model {
            header,
            left: left.ok_or_else(|| bad("header lacks left"))?,
            right: right.ok_or_else(|| bad("header lacks right"))?,
            tagger: table(get(b"TAGW")?)?,
            tagger2: get(b"TAG2").ok().map(table).transpose()?,
            moves: table(get(b"TRNW")?)?,
            labeller: table(get(b"LABW")?)?,
            relabeller: get(b"RELW").ok().map(table).transpose()?,
            labels,
            rules,
            tagdict: tagdict(get(b"TDIC")?)?,
            classes: classes(get(b"CLUS").unwrap_or(&[]))?,
        };
        model.check()?;
        Ok(model)
    }

    /// Table shapes agree with what the parser expects.
    fn check(&self) -> crate::error::Result<()> {
        let tags = crate::syntax::Upos::ALL.len();
        if self.tagger2.as_ref().is_some_and(|t| t.classes != tags) {
            return Err(bad("second tagger pass: wrong class count"));
        }
        if self
            .relabeller
            .as_ref()
            .is_some_and(|t| t.classes != self.labels.len())
        {
            return Err(bad("relabel table: wrong class count"));
        }
        let want = [
            ("tagger", &self.tagger, tags),
            ("move", &self.moves, 4),
            ("label", &self.labeller, self.labels.len()),
        ];
        for (name, t, classes) in want {
            if t.classes != classes {
                return Err(bad(format!(
                    "{name} table has {} classes, expected {classes}",
                    t.classes
                )));
            }
        }
        Ok(())
    }
}

#[cfg(any(test, feature = "train"))]
fn section(out: &mut Vec<u8>, tag: &[u8; 4], body: &[u8]) {
    out.extend_from_slice(tag);
    out.extend_from_slice(&(body.len() as u64).to_le_bytes());
    out.extend_from_slice(body);
}

fn take_u32(b: &[u8]) -> crate::error::Result<(u32, &[u8])> {
    let v = b
        .get(..4)
        .and_then(|x| x.try_into().ok())
        .map(u32::from_le_bytes)
        .ok_or_else(|| bad("truncated model"))?;
    Ok((v, &b[4..]))
}

fn classes(b: &[u8]) -> crate::error::Result<Classes> {
    if b.len() % 12 != 0 {
        return Err(bad("word classes of a partial entry"));
    }
    Ok(Classes::from_entries(b.chunks_exact(12).map(|c| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&c[..8]);
        let coarse = u16::from_le_bytes([c[8], c[9]]);
        (u64::from_le_bytes(w), (coarse, u16::from_le_bytes([c[10], c[11]])))
    })))
}

fn tagdict(b: &[u8]) -> crate::error::Result<TagDict> {
    if b.len() % 12 != 0 {
        return Err(bad("tag dictionary of a partial entry"));
    }
    Ok(TagDict::from_entries(b.chunks_exact(12).map(|c| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&c[..8]);
        (u64::from_le_bytes(w), u32::from_le_bytes([c[8], c[9], c[10], c[11]]))
    })))
}

fn table(b: &[u8]) -> crate::error::Result<Table> {
    let (bits, b) = take_u32(b)?;
    let (classes, b) = take_u32(b)?;
    let (scale, b) = take_u32(b)?;
    if bits == 0 || bits > 28 || classes == 0 || classes > 64 {
        return Err(bad(format!(
            "bad table shape: 2^{bits} rows of {classes}"
        )));
    }
    let n = (1usize << bits) * (classes as usize + 1);
    if b.len() != n {
        return Err(bad(format!(
            "table holds {} bytes, its shape needs {n}",
            b.len()
        )));
    }
    let scale = f32::from_bits(scale);
    if !(scale.is_finite() && scale > 0.0) {
        return Err(bad("bad table scale"));
    }
    Ok(Table { bits, classes: classes as usize, scale, rows: b.to_vec() })
}

#[cfg(test)]
pub(crate) mod testutil {
    use super::*;

    /// A tiny valid model with zero weights.
    pub fn tiny() -> Model {
        let t = |classes| Table::zeros(2, classes);
        Model {
            header: vec![("sha256:train.conllu".into(), "00".into())],
            labels: vec![Deprel::ROOT, Deprel::PUNCT, Deprel::DEP],
            left: 0b110,
            right: 0b110,
            tagger: t(17),
            tagger2: Some(t(17)),
            moves: t(4),
            labeller: t(3),
            relabeller: Some(t(3)),
            rules: Vec::new(),
            tagdict: TagDict::from_entries([(7, 3)]),
            classes: Classes::from_entries([(9, (2, 5))]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testutil::tiny;
    use super::*;

    #[test]
    fn round_trip() {
        let mut m = tiny();
        m.moves.rows[3] = 7;
        let b = m.to_bytes();
        assert_eq!(Model::from_bytes(&b).expect("reads"), m);
        assert_eq!(m.get("sha256:train.conllu"), Some("00"));
    }

    #[test]
    fn refuses_bad_files() {
        let good = tiny().to_bytes();
        let mut version = good.clone();
        version[8] = 9;
        let cases: Vec<(Vec<u8>, &str)> = vec![
            (b"NOTAMODEL".to_vec(), "bad magic"),
            (version, "version 9"),
            (good[..good.len() - 3].to_vec(), "truncated"),
            (good[..20].to_vec(), "truncated"),
            (good[..12].to_vec(), "missing section"),
        ];
        for (bytes, want) in cases {
            let e = Model::from_bytes(&bytes).expect_err(want).to_string();
            assert!(e.contains(want), "{e} lacks {want}");
        }
    }
}
