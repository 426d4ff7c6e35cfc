//! The CAMEO code table (`dicts/cameo.tsv`): names, Goldstein scores, and
//! GDELT's QuadClass by root.

use std::collections::HashMap;

use crate::DictError;

/// The built-in CAMEO table.
pub const BUILTIN_CAMEO: &str = include_str!("../../../../dicts/cameo.tsv");

/// One CAMEO code's facts.
#[derive(Clone, Debug, PartialEq)]
pub struct CameoInfo {
    /// Goldstein conflict-cooperation score (-10 .. +10).
    pub goldstein: f32,
    /// The code's name.
    pub name: String,
}

/// CAMEO code -> facts.
#[derive(Clone, Debug, Default)]
pub struct CameoTable {
    codes: HashMap<String, CameoInfo>,
}

/// GDELT QuadClass of a CAMEO root: 1 verbal cooperation (01-05),
/// 2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material
/// conflict (14-20); 0 for an unknown root.
pub fn quad_class(root: &str) -> u8 {
    match root.parse::<u8>() {
        Ok(1..=5) => 1,
        Ok(6..=8) => 2,
        Ok(9..=13) => 3,
        Ok(14..=20) => 4,
        _ => 0,
    }
}

/// The root (first two digits) of a CAMEO code.
pub fn root(code: &str) -> &str {
    code.get(..2).unwrap_or(code)
}

impl CameoTable {
    /// Parses `code<TAB>goldstein<TAB>name` lines.
    pub fn parse(
        path: &str,
        text: &str,
    ) -> Result<CameoTable, Vec<DictError>> {
        let mut codes = HashMap::new();
        let mut errs = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let parsed = match cols.as_slice() {
                [code, g, name] => g.parse::<f32>().ok().map(|g| {
                    (
                        code.to_string(),
                        CameoInfo { goldstein: g, name: name.to_string() },
                    )
                }),
                _ => None,
            };
            match parsed {
                Some((c, info)) => {
                    codes.insert(c, info);
                }
                None => errs.push(DictError {
                    path: path.to_string(),
                    line: i + 1,
                    reason: "expected `code<TAB>goldstein<TAB>name`".into(),
                }),
            }
        }
        if errs.is_empty() {
            Ok(CameoTable { codes })
        } else {
            Err(errs)
        }
    }

    /// The built-in table.
    pub fn builtin() -> crate::Result<CameoTable> {
        CameoTable::parse("dicts/cameo.tsv", BUILTIN_CAMEO)
            .map_err(crate::Error::Dict)
    }

    /// Facts of `code`, falling back to its parent codes.
    pub fn get(&self, code: &str) -> Option<&CameoInfo> {
        let mut c = code;
        while c.len() >= 2 {
            if let Some(i) = self.codes.get(c) {
                return Some(i);
            }
            c = &c[..c.len() - 1];
        }
        None
    }

    /// Every (code, facts) pair.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &CameoInfo)> {
        self.codes.iter().map(|(c, i)| (c.as_str(), i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let t = CameoTable::builtin().unwrap();
        let cases =
            [("112", -2.0), ("190", -10.0), ("057", 8.0), ("0871", 9.0)];
        for (c, g) in cases {
            assert_eq!(t.get(c).map(|i| i.goldstein), Some(g), "{c}");
        }
        let quads = [("01", 1), ("05", 1), ("06", 2), ("08", 2), ("09", 3)];
        for (r, q) in quads {
            assert_eq!(quad_class(r), q);
        }
        assert_eq!(
            (quad_class("13"), quad_class("14"), quad_class("20")),
            (3, 4, 4)
        );
        assert!(t.iter().count() > 280);
    }

    #[test]
    fn matches_phoenix_goldstein() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(
            "../../../shared/data/anchors/phoenix_pipeline/cameo_goldstein_phoenix_quad.tsv",
        );
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!(
                "matches_phoenix_goldstein: skipped: {} absent",
                path.display()
            );
            return;
        };
        let t = CameoTable::builtin().unwrap();
        let mut bad = Vec::new();
        let mut n = 0;
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(code), Some(g)) = (cols.first(), cols.get(1)) else {
                continue;
            };
            let Ok(g) = g.parse::<f32>() else { continue };
            if let Some(info) = t.codes.get(*code) {
                n += 1;
                if (info.goldstein - g).abs() > 1e-6 {
                    bad.push(format!(
                        "{code}: ours {} phoenix {g}",
                        info.goldstein
                    ));
                }
            }
        }
        assert!(n > 250, "only {n} codes compared");
        assert!(bad.is_empty(), "{}", bad.join("\n"));
    }
}
