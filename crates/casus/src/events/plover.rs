//! CAMEO -> PLOVER type and mode (`dicts/plover.tsv`), by longest prefix.

use std::collections::HashMap;

use crate::codes::CameoCode;
use crate::error::DictError;
use crate::util::{data_lines, LineErrors};

/// The built-in CAMEO -> PLOVER table.
pub const BUILTIN_PLOVER: &str = include_str!("../../../../dicts/plover.tsv");

/// CAMEO code prefix -> (PLOVER type, mode).
#[derive(Clone, Debug, Default)]
pub struct PloverTable {
    map: HashMap<String, (String, Option<String>)>,
}

impl PloverTable {
    /// Parses `cameo<TAB>type<TAB>mode` lines.
    pub fn parse(
        path: &str,
        text: &str,
    ) -> Result<PloverTable, Vec<DictError>> {
        let mut map = HashMap::new();
        let mut errs = LineErrors::new(path);
        for (n, line) in data_lines(text) {
            let cols: Vec<&str> = line.split('\t').collect();
            match cols.as_slice() {
                [c, t, m] if !c.is_empty() && !t.is_empty() => {
                    let mode =
                        (!m.trim().is_empty()).then(|| m.trim().to_string());
                    map.insert(c.to_string(), (t.to_string(), mode));
                }
                _ => errs.push(n, "expected `cameo<TAB>type<TAB>mode`"),
            }
        }
        errs.finish(PloverTable { map })
    }

    /// The built-in table.
    #[cfg(test)]
    pub fn builtin() -> crate::error::Result<PloverTable> {
        PloverTable::parse("dicts/plover.tsv", BUILTIN_PLOVER)
            .map_err(crate::error::Error::Dict)
    }

    /// PLOVER type and mode of a CAMEO code (longest listed prefix).
    pub fn get(&self, code: CameoCode) -> Option<(&str, Option<&str>)> {
        let mut c = code.as_str();
        while !c.is_empty() {
            if let Some((t, m)) = self.map.get(c) {
                return Some((t.as_str(), m.as_deref()));
            }
            c = &c[..c.len() - 1];
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup() {
        let t = PloverTable::builtin().unwrap();
        let cases = [
            ("042", "CONSULT", Some("visit")),
            ("040", "CONSULT", None),
            ("112", "ACCUSE", Some("allege")),
            ("0871", "RETREAT", Some("ceasefire")),
            ("163", "SANCTION", Some("restrict")),
            ("190", "ASSAULT", None),
            ("173", "COERCE", Some("arrest")),
        ];
        for (c, ty, m) in cases {
            let code: CameoCode = c.parse().expect("code");
            assert_eq!(t.get(code), Some((ty, m)), "{c}");
        }
    }
}
