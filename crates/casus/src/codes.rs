//! Typed codes: [`CameoCode`] (an event type), [`PatternCode`] (what a
//! verb pattern codes: TABARI's `A:B` pairs and the `---` discard) and
//! [`ActorCode`] (country + role, the `---` placeholder, TABARI's `A/B`
//! compounds).
//!
//! Why types: every stage used to slice code strings (`code.get(..3)`,
//! `split_once(':')`, `root < "10"`), each with its own idea of an odd
//! code. The types validate once, in `FromStr`, and answer the questions
//! (root, base, quad class, country, role) one way. They serialise as
//! the plain strings, so the JSON output is what it always was.
//!
//! # Example
//!
//! ```
//! use casus::{ActorCode, CameoCode, PatternCode};
//!
//! let c: CameoCode = "0871".parse()?;
//! assert_eq!((c.root().as_str(), c.base().as_str()), ("08", "087"));
//! assert_eq!(c.quad_class(), 2);
//! let p: PatternCode = "042:043".parse()?;
//! assert_eq!(p.back().map(|c| c.to_string()), Some("043".into()));
//! let a: ActorCode = "ISRGOV".parse()?;
//! assert_eq!((a.country(), a.role()), (Some("ISR"), Some("GOV")));
//! # Ok::<(), casus::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use compact_str::CompactString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::Error;

/// Longest [`CameoCode`] in bytes.
const CAMEO_MAX: usize = 8;

/// A CAMEO event code: `042`, `0871`, a root such as `19`, or a code a
/// TABARI/PETRARCH dictionary writes verbatim (`174K`, `025?`, `###`).
/// Valid: 1 to 8 printable ASCII bytes, none of them `:` (the pattern
/// pair separator) or `/`. Standard codes are 2 to 4 digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    /// The code's bytes, zero-padded (padding sorts before every valid
    /// byte, so the order is the strings' order).
    bytes: [u8; CAMEO_MAX],
    len: u8,
}

impl CameoCode {
    /// The code as written.
    pub fn as_str(&self) -> &str {
        // Validated ASCII in `FromStr`.
        std::str::from_utf8(&self.bytes[..usize::from(self.len)])
            .unwrap_or_default()
    }

    /// The first `n` bytes (all when shorter).
    fn prefix(&self, n: usize) -> CameoCode {
        let len = usize::from(self.len).min(n);
        let mut bytes = [0; CAMEO_MAX];
        bytes[..len].copy_from_slice(&self.bytes[..len]);
        CameoCode { bytes, len: len as u8 }
    }

    /// The root: the first two digits (`19` of `190`).
    pub fn root(&self) -> CameoCode {
        self.prefix(2)
    }

    /// The base code: the first three digits (`112` of `1123`).
    pub fn base(&self) -> CameoCode {
        self.prefix(3)
    }

    /// GDELT's QuadClass of the root: 1 verbal cooperation (01-05), 2
    /// material cooperation (06-08), 3 verbal conflict (09-13), 4 material
    /// conflict (14-20); 0 for a root that is no CAMEO root.
    pub fn quad_class(&self) -> u8 {
        match self.root().as_str().parse::<u8>() {
            Ok(1..=5) => 1,
            Ok(6..=8) => 2,
            Ok(9..=13) => 3,
            Ok(14..=20) => 4,
            _ => 0,
        }
    }

    /// Whether the root is a cooperative one (01-09: verbal and material
    /// cooperation), by the roots' order as strings.
    pub fn is_cooperative(&self) -> bool {
        self.root().as_str() < "10"
    }

    /// Whether the code starts with `prefix` (a table's code prefix).
    pub fn starts_with(&self, prefix: &str) -> bool {
        self.as_str().starts_with(prefix)
    }
}

impl FromStr for CameoCode {
    type Err = Error;

    fn from_str(s: &str) -> crate::error::Result<CameoCode> {
        let b = s.as_bytes();
        let ok = !b.is_empty()
            && b.len() <= CAMEO_MAX
            && b.iter()
                .all(|&c| c.is_ascii_graphic() && c != b':' && c != b'/');
        if !ok {
            return Err(Error::Parse(format!(
                "bad CAMEO code {s:?} (want 1 to {CAMEO_MAX} visible ASCII \
                 characters, no ':' or '/')"
            )));
        }
        let mut bytes = [0; CAMEO_MAX];
        bytes[..b.len()].copy_from_slice(b);
        Ok(CameoCode { bytes, len: b.len() as u8 })
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl PartialEq<str> for CameoCode {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for CameoCode {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl Serialize for CameoCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for CameoCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CameoCode, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// What a verb pattern codes: an event from source to target
/// ([`PatternCode::forward`]), one from target back to source
/// ([`PatternCode::back`], TABARI's `A:B`), either, both, or nothing (a
/// discard pattern, `---` or empty, that blocks coding where it matches).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct PatternCode {
    forward: Option<CameoCode>,
    back: Option<CameoCode>,
}

impl PatternCode {
    /// The source -> target code.
    pub fn forward(&self) -> Option<CameoCode> {
        self.forward
    }

    /// The target -> source code.
    pub fn back(&self) -> Option<CameoCode> {
        self.back
    }

    /// Whether the pattern codes nothing (a discard).
    pub fn is_discard(&self) -> bool {
        self.forward.is_none() && self.back.is_none()
    }

    /// The forward code's root: what decisions about the pattern's act
    /// (its kind, its reciprocity) read. None for a back-only pair.
    pub fn root(&self) -> Option<CameoCode> {
        self.forward.map(|c| c.root())
    }

    /// Whether this is exactly the single code `code` (no back code).
    pub fn is(&self, code: &str) -> bool {
        self.back.is_none() && self.forward.is_some_and(|c| c == code)
    }
}

impl FromStr for PatternCode {
    type Err = Error;

    fn from_str(s: &str) -> crate::error::Result<PatternCode> {
        let code = |c: &str| -> crate::error::Result<Option<CameoCode>> {
            if c.is_empty() {
                Ok(None)
            } else {
                c.parse().map(Some)
            }
        };
        if s == "---" {
            return Ok(PatternCode::default());
        }
        let (a, b) = s.split_once(':').unwrap_or((s, ""));
        Ok(PatternCode { forward: code(a)?, back: code(b)? })
    }
}

impl fmt::Display for PatternCode {
    /// `A`, `A:B`, `:B`, or `---` for a discard.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.forward, self.back) {
            (None, None) => f.write_str("---"),
            (Some(a), None) => write!(f, "{a}"),
            (a, Some(b)) => {
                write!(f, "{}:{b}", a.map_or(String::new(), |a| a.to_string()))
            }
        }
    }
}

/// The placeholder for an actor's unknown country: `---GOV` is a
/// government of no stated country.
const NO_COUNTRY: &str = "---";

/// The roles of a state's own bodies: its government, army, police,
/// intelligence services, courts and legislature (not its opposition,
/// rebels or people).
pub const STATE_ROLES: &[&str] = &["GOV", "MIL", "COP", "SPY", "JUD", "LEG"];

/// Whether `role` is one of [`STATE_ROLES`].
pub fn is_state_role(role: &str) -> bool {
    STATE_ROLES.contains(&role)
}

/// An actor code: a country (or body, `IGO`) of three letters and a role
/// of three-letter groups (`USAGOV`, `IGOUNO`), `---` for an unknown
/// country (`---REB`), or a TABARI compound of alternatives (`FRO/BIL`).
/// Valid: not empty, no whitespace or control characters.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorCode(CompactString);

impl ActorCode {
    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// A country's code with a role (`ISR` + `GOV`); either may be empty.
    pub fn from_parts(country: &str, role: &str) -> ActorCode {
        let mut s = CompactString::new(country);
        s.push_str(role);
        ActorCode(s)
    }

    /// A role of no stated country (`---GOV`; `---` with no role).
    pub fn without_country(role: &str) -> ActorCode {
        ActorCode::from_parts(NO_COUNTRY, role)
    }

    /// The country part (the first three characters), unless it is the
    /// `---` placeholder or the code is shorter.
    pub fn country(&self) -> Option<&str> {
        self.0.get(..3).filter(|c| *c != NO_COUNTRY)
    }

    /// The country slot as written, `---` included.
    pub fn country_slot(&self) -> Option<&str> {
        self.0.get(..3)
    }

    /// The role part (everything after the country), if any.
    pub fn role(&self) -> Option<&str> {
        self.role_slot().filter(|r| !r.is_empty())
    }

    /// Everything after the country slot, empty included (`---` has the
    /// empty role); none when the code is shorter than a country.
    pub fn role_slot(&self) -> Option<&str> {
        self.0.get(3..)
    }

    /// Whether the code is empty (composed codes only: [`FromStr`]
    /// rejects an empty code).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The code without its leading placeholder dashes (`---GOV` ->
    /// `GOV`): what a mention keeps when it gains a country.
    pub fn after_placeholder(&self) -> &str {
        self.0.trim_start_matches('-')
    }

    /// Whether the country is the `---` placeholder.
    pub fn lacks_country(&self) -> bool {
        self.0.starts_with(NO_COUNTRY)
    }

    /// Whether this is a bare country or body code (three characters, no
    /// role).
    pub fn is_bare_country(&self) -> bool {
        self.0.len() == 3
    }

    /// Whether this is a TABARI compound of alternatives (`A/B`).
    pub fn is_compound(&self) -> bool {
        self.0.contains('/')
    }

    /// The alternatives of a compound (`FRO/BIL/` -> `FRO`, `BIL`); a
    /// simple code is its own only alternative.
    pub fn alternatives(&self) -> impl Iterator<Item = ActorCode> + '_ {
        self.0.split('/').filter(|c| !c.is_empty()).map(ActorCode::from)
    }

    /// Whether `group` occurs at a three-character boundary (a stacked
    /// agent code already present: `MOP` in `ARNMOP`).
    pub fn has_group(&self, group: &str) -> bool {
        (0..)
            .step_by(3)
            .take_while(|k| k + group.len() <= self.0.len())
            .any(|k| self.0.get(k..k + group.len()) == Some(group))
    }

    /// `group` prepended (TABARI prefix agents: `NGO` + `ARN`).
    pub fn prepended(&self, group: &str) -> ActorCode {
        ActorCode::from_parts(group, &self.0)
    }

    /// `group` appended (`ARN` + `GOV`).
    pub fn appended(&self, group: &str) -> ActorCode {
        ActorCode::from_parts(&self.0, group)
    }
}

impl From<&str> for ActorCode {
    /// A code as written, unchecked (for codes composed from checked
    /// parts); [`FromStr`] validates.
    fn from(s: &str) -> ActorCode {
        ActorCode(CompactString::new(s))
    }
}

impl FromStr for ActorCode {
    type Err = Error;

    fn from_str(s: &str) -> crate::error::Result<ActorCode> {
        if s.is_empty()
            || s.chars().any(|c| c.is_whitespace() || c.is_control())
        {
            return Err(Error::Parse(format!(
                "bad actor code {s:?} (want e.g. USAGOV, ---REB)"
            )));
        }
        Ok(ActorCode::from(s))
    }
}

impl fmt::Display for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for ActorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.as_str())
    }
}

impl PartialEq<str> for ActorCode {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for ActorCode {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl Serialize for ActorCode {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ActorCode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<ActorCode, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (code, root, base, quad class, cooperative).
    #[test]
    fn cameo_codes() {
        let cases = [
            ("042", "04", "042", 1, true),
            ("0871", "08", "087", 2, true),
            ("112", "11", "112", 3, false),
            ("190", "19", "190", 4, false),
            ("19", "19", "19", 4, false),
            ("174K", "17", "174", 4, false),
            ("###", "##", "###", 0, true),
            ("s", "s", "s", 0, false),
        ];
        for (code, root, base, quad, coop) in cases {
            let c: CameoCode = code.parse().expect(code);
            assert_eq!(c.as_str(), code);
            assert_eq!(c.root().as_str(), root, "{code}");
            assert_eq!(c.base().as_str(), base, "{code}");
            assert_eq!(c.quad_class(), quad, "{code}");
            assert_eq!(c.is_cooperative(), coop, "{code}");
            assert_eq!(
                serde_json::to_string(&c).expect("json"),
                format!("{code:?}")
            );
        }
        for bad in ["", "04 2", "123456789", "04:2", "0/4", "é"] {
            assert!(bad.parse::<CameoCode>().is_err(), "{bad:?}");
        }
        let a: CameoCode = "19".parse().expect("19");
        let b: CameoCode = "190".parse().expect("190");
        assert!(a < b && b.starts_with("19"));
        assert!(serde_json::from_str::<CameoCode>("\"1 9\"").is_err());
    }

    /// (pattern code, forward, back, root, discard, shown).
    #[test]
    fn pattern_codes() {
        let cases = [
            ("190", Some("190"), None, Some("19"), false, "190"),
            (
                "062:063",
                Some("062"),
                Some("063"),
                Some("06"),
                false,
                "062:063",
            ),
            (":190", None, Some("190"), None, false, ":190"),
            ("042:", Some("042"), None, Some("04"), false, "042"),
            ("---", None, None, None, true, "---"),
            ("", None, None, None, true, "---"),
        ];
        for (raw, fwd, back, root, discard, shown) in cases {
            let p: PatternCode = raw.parse().expect(raw);
            let s = |c: Option<CameoCode>| c.map(|c| c.to_string());
            assert_eq!(s(p.forward()).as_deref(), fwd, "{raw}");
            assert_eq!(s(p.back()).as_deref(), back, "{raw}");
            assert_eq!(s(p.root()).as_deref(), root, "{raw}");
            assert_eq!(p.is_discard(), discard, "{raw}");
            assert_eq!(p.to_string(), shown, "{raw}");
        }
        assert!("1:2:3".parse::<PatternCode>().is_err());
        let p: PatternCode = "046".parse().expect("046");
        assert!(p.is("046") && !p.is("04"));
    }

    /// (code, country, role, lacks a country, compound).
    #[test]
    fn actor_codes() {
        let cases = [
            ("USAGOV", Some("USA"), Some("GOV"), false, false),
            ("ISR", Some("ISR"), None, false, false),
            ("---REB", None, Some("REB"), true, false),
            ("IGOUNOKBZ", Some("IGO"), Some("UNOKBZ"), false, false),
            ("AB", None, None, false, false),
            ("FRO/BIL", Some("FRO"), Some("/BIL"), false, true),
        ];
        for (code, country, role, lacks, compound) in cases {
            let a: ActorCode = code.parse().expect(code);
            assert_eq!(a.country(), country, "{code}");
            assert_eq!(a.role(), role, "{code}");
            assert_eq!(a.lacks_country(), lacks, "{code}");
            assert_eq!(a.is_compound(), compound, "{code}");
        }
        let c: ActorCode = "FRO/BIL/".parse().expect("compound");
        let alts: Vec<String> =
            c.alternatives().map(|a| a.to_string()).collect();
        assert_eq!(alts, ["FRO", "BIL"]);
        assert_eq!(ActorCode::from_parts("ISR", "MIL"), "ISRMIL");
        assert_eq!(ActorCode::without_country("GOV"), "---GOV");
        let a = ActorCode::from("ARNMOP");
        assert!(a.has_group("MOP") && !a.has_group("RNM"));
        assert_eq!(a.prepended("NGO"), "NGOARNMOP");
        assert_eq!(a.appended("OPP"), "ARNMOPOPP");
        for bad in ["", "USA GOV", "A\tB"] {
            assert!(bad.parse::<ActorCode>().is_err(), "{bad:?}");
        }
        assert!(serde_json::from_str::<ActorCode>("\"\"").is_err());
    }
}
