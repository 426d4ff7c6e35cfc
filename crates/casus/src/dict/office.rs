//! Single-holder offices: the vocabulary of the `office` column of the
//! office-holder files (`dicts/actors/officeholders/*.tsv`) and of the
//! title table (`dicts/actors/titles.tsv`), specified in
//! `dicts/officeholders.md`.
//!
//! ```
//! use casus::dict::Office;
//!
//! let fm: Office = "FM".parse()?;
//! assert_eq!(fm.to_string(), "FM");
//! assert!("Foreign".parse::<Office>().is_err());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

/// An office with one holder at a time per country or international body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Office {
    /// Head of state (president, monarch, supreme leader).
    Hos,
    /// Head of government (prime minister, premier, chancellor).
    Hog,
    /// Vice president or first deputy head.
    Vp,
    /// Foreign minister (secretary of state, foreign secretary).
    Fm,
    /// Defence minister (secretary of defense).
    Def,
    /// Interior minister (home secretary, homeland security).
    Int,
    /// Finance minister (treasury secretary, chancellor of the exchequer).
    Fin,
    /// Chief of the armed forces or general staff.
    Chief,
    /// Central bank governor.
    Cb,
    /// Speaker of the (lower) house.
    Spk,
    /// Head of an international body (UN Secretary-General, ...).
    Sg,
    /// Leader of an armed group or party.
    Lead,
}

impl Office {
    /// Every office, in the order of `dicts/officeholders.md`.
    pub const ALL: [Office; 12] = [
        Office::Hos,
        Office::Hog,
        Office::Vp,
        Office::Fm,
        Office::Def,
        Office::Int,
        Office::Fin,
        Office::Chief,
        Office::Cb,
        Office::Spk,
        Office::Sg,
        Office::Lead,
    ];

    /// The code used in the data files (`HOS`, `FM`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Office::Hos => "HOS",
            Office::Hog => "HOG",
            Office::Vp => "VP",
            Office::Fm => "FM",
            Office::Def => "DEF",
            Office::Int => "INT",
            Office::Fin => "FIN",
            Office::Chief => "CHIEF",
            Office::Cb => "CB",
            Office::Spk => "SPK",
            Office::Sg => "SG",
            Office::Lead => "LEAD",
        }
    }
}

impl fmt::Display for Office {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An office code that is not in the vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "bad office {0:?} (want HOS, HOG, VP, FM, DEF, INT, FIN, CHIEF, CB, \
     SPK, SG or LEAD)"
)]
pub struct BadOffice(pub String);

impl FromStr for Office {
    type Err = BadOffice;

    fn from_str(s: &str) -> Result<Office, BadOffice> {
        Office::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| BadOffice(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        for o in Office::ALL {
            assert_eq!(o.as_str().parse::<Office>(), Ok(o));
        }
    }

    #[test]
    fn rejects() {
        for bad in ["", "fm", "Hos", "PM", " FM", "CHIEFS"] {
            assert!(bad.parse::<Office>().is_err(), "{bad:?}");
        }
    }
}
