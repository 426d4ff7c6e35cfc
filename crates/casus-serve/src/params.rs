//! Query-string parameters: parsed once, checked against the route's
//! list (an unknown or repeated name is a 400, so a typo never silently
//! widens a query), and read through typed accessors that name the
//! parameter in every error.

use chrono::NaiveDate;

use crate::error::ApiError;

/// The longest value any parameter may have, in characters.
pub const MAX_VALUE: usize = 512;

/// The parameters of one request.
#[derive(Debug, Default)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// Parses `raw` (the query string without `?`), accepting only the
    /// names in `allowed`, each once, with a non-empty value.
    pub fn parse(
        raw: Option<&str>,
        allowed: &[&str],
    ) -> Result<Params, ApiError> {
        let mut pairs: Vec<(String, String)> = Vec::new();
        let raw = raw.unwrap_or("");
        for (k, v) in form_urlencoded::parse(raw.as_bytes()) {
            if !allowed.contains(&k.as_ref()) {
                let name = clip(&k);
                return Err(ApiError::param(
                    &name,
                    format!(
                        "unknown parameter {name:?}; this route takes: {}",
                        if allowed.is_empty() {
                            "none".to_string()
                        } else {
                            allowed.join(", ")
                        }
                    ),
                ));
            }
            if pairs.iter().any(|(p, _)| *p == k) {
                return Err(ApiError::param(&k, format!("{k} given twice")));
            }
            if v.chars().count() > MAX_VALUE {
                return Err(ApiError::param(
                    &k,
                    format!("{k}: value longer than {MAX_VALUE} characters"),
                ));
            }
            if v.chars().any(|c| c.is_control()) {
                return Err(ApiError::param(
                    &k,
                    format!("{k}: control characters are not allowed"),
                ));
            }
            if v.is_empty() {
                return Err(ApiError::param(
                    &k,
                    format!(
                        "{k}: empty value (leave the parameter out instead)"
                    ),
                ));
            }
            pairs.push((k.into_owned(), v.into_owned()));
        }
        Ok(Params { pairs })
    }

    /// The raw value of `name`, if given.
    pub fn str(&self, name: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// `name` as a required string.
    pub fn required(&self, name: &str) -> Result<&str, ApiError> {
        self.str(name).ok_or_else(|| {
            ApiError::param(name, format!("{name} is required"))
        })
    }

    /// An integer in `min..=max`, `default` when absent.
    pub fn int(
        &self,
        name: &str,
        min: i64,
        max: i64,
        default: i64,
    ) -> Result<i64, ApiError> {
        let Some(v) = self.str(name) else { return Ok(default) };
        v.parse::<i64>().ok().filter(|n| (min..=max).contains(n)).ok_or_else(
            || {
                ApiError::param(
                    name,
                    format!(
                        "{name}: expected an integer from {min} to {max}, got {:?}",
                        clip(v)
                    ),
                )
            },
        )
    }

    /// An optional integer in `min..=max`.
    pub fn opt_int(
        &self,
        name: &str,
        min: i64,
        max: i64,
    ) -> Result<Option<i64>, ApiError> {
        match self.str(name) {
            None => Ok(None),
            Some(_) => self.int(name, min, max, min).map(Some),
        }
    }

    /// An optional confidence: a number from 0 to 1.
    pub fn confidence(&self, name: &str) -> Result<Option<f32>, ApiError> {
        let Some(v) = self.str(name) else { return Ok(None) };
        // Checked as f64 before narrowing: "1.0000000000000002" rounds to
        // 1.0 as an f32 but is outside the documented range.
        v.parse::<f64>()
            .ok()
            .filter(|x| (0.0..=1.0).contains(x))
            .map(|x| Some(x as f32))
            .ok_or_else(|| {
                ApiError::param(
                    name,
                    format!(
                        "{name}: expected a number from 0 to 1, got {:?}",
                        clip(v)
                    ),
                )
            })
    }

    /// A boolean: `true`/`false` or `1`/`0`; `false` when absent.
    pub fn flag(&self, name: &str) -> Result<bool, ApiError> {
        Ok(self.opt_flag(name)?.unwrap_or(false))
    }

    /// An optional boolean.
    pub fn opt_flag(&self, name: &str) -> Result<Option<bool>, ApiError> {
        match self.str(name) {
            None => Ok(None),
            Some("true" | "1") => Ok(Some(true)),
            Some("false" | "0") => Ok(Some(false)),
            Some(v) => Err(ApiError::param(
                name,
                format!("{name}: expected true or false, got {:?}", clip(v)),
            )),
        }
    }

    /// A day `YYYY-MM-DD`.
    pub fn day(&self, name: &str) -> Result<Option<NaiveDate>, ApiError> {
        let Some(v) = self.str(name) else { return Ok(None) };
        let ok = v.len() == 10 && v.as_bytes()[4] == b'-';
        ok.then(|| NaiveDate::parse_from_str(v, "%Y-%m-%d").ok())
            .flatten()
            .map(Some)
            .ok_or_else(|| {
                ApiError::param(
                    name,
                    format!(
                        "{name}: expected a day YYYY-MM-DD, got {:?}",
                        clip(v)
                    ),
                )
            })
    }

    /// One of `options`.
    pub fn choice(
        &self,
        name: &str,
        options: &[&'static str],
    ) -> Result<Option<&'static str>, ApiError> {
        let Some(v) = self.str(name) else { return Ok(None) };
        options
            .iter()
            .find(|o| o.eq_ignore_ascii_case(v))
            .copied()
            .map(Some)
            .ok_or_else(|| {
                ApiError::param(
                    name,
                    format!(
                        "{name}: expected one of {}, got {:?}",
                        options.join(", "),
                        clip(v)
                    ),
                )
            })
    }

    /// A string of ASCII digits of length `min..=max` (CAMEO codes).
    pub fn digits(
        &self,
        name: &str,
        min: usize,
        max: usize,
    ) -> Result<Option<String>, ApiError> {
        let Some(v) = self.str(name) else { return Ok(None) };
        let ok = (min..=max).contains(&v.len())
            && v.bytes().all(|b| b.is_ascii_digit());
        ok.then(|| Some(v.to_string())).ok_or_else(|| {
            ApiError::param(
                name,
                format!(
                    "{name}: expected {min} to {max} digits, got {:?}",
                    clip(v)
                ),
            )
        })
    }
}

/// Checks an actor spec: a code prefix (`USA`, `USAGOV`) or a name
/// (`Benjamin Netanyahu`), at most 100 characters.
pub fn actor_spec(name: &str, v: &str) -> Result<String, ApiError> {
    let v = v.trim();
    if v.is_empty() || v.chars().count() > 100 {
        return Err(ApiError::param(
            name,
            format!("{name}: expected an actor code or name of 1 to 100 characters"),
        ));
    }
    Ok(v.to_string())
}

/// `v` cut to 60 characters, for messages.
pub fn clip(v: &str) -> String {
    let mut s: String = v.chars().take(60).collect();
    if s.len() < v.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(q: &str) -> Result<Params, ApiError> {
        Params::parse(Some(q), &["limit", "from", "both", "root", "by"])
    }

    #[test]
    fn parsing_rejects_unknown_repeated_long_and_control() {
        let cases = [
            ("", None),
            ("limit=5", None),
            ("limit=5&from=2024-01-01", None),
            ("root=", Some("root")),
            ("limt=5", Some("limt")),
            ("limit=5&limit=6", Some("limit")),
            ("from=%00", Some("from")),
            ("from=a%0Ab", Some("from")),
            (&*format!("root={}", "9".repeat(MAX_VALUE + 1)), Some("root")),
            ("%FF=1", Some("\u{FFFD}")),
        ];
        for (q, bad) in cases {
            let got = p(q).err().and_then(|e| e.parameter);
            assert_eq!(got.as_deref(), bad, "{q}");
        }
    }

    #[test]
    fn typed_values() {
        let q = p("limit=20&from=2024-02-29&both=1&by=WEEK").unwrap();
        assert_eq!(q.int("limit", 1, 100, 50), Ok(20));
        assert_eq!(q.int("missing", 1, 100, 50), Ok(50));
        assert_eq!(
            q.day("from").unwrap().map(|d| d.to_string()),
            Some("2024-02-29".into())
        );
        assert_eq!(q.flag("both"), Ok(true));
        assert_eq!(q.choice("by", &["day", "week"]), Ok(Some("week")));
        let bad = [
            ("limit=0", "limit"),
            ("limit=101", "limit"),
            ("limit=1e3", "limit"),
            ("limit=-1", "limit"),
            ("limit=99999999999999999999", "limit"),
            ("from=2024-02-30", "from"),
            ("from=2024-2-3", "from"),
            ("from=+2024-02-03", "from"),
            ("both=yes", "both"),
            ("by=year", "by"),
        ];
        for (s, name) in bad {
            let q = p(s).unwrap();
            let e = match name {
                "limit" => q.int("limit", 1, 100, 50).err(),
                "from" => q.day("from").err(),
                "both" => q.flag("both").err(),
                _ => q.choice("by", &["day", "week"]).err(),
            };
            let e = e.unwrap_or_else(|| panic!("{s} accepted"));
            assert_eq!(
                (e.status.as_u16(), e.parameter.as_deref()),
                (400, Some(name)),
                "{s}"
            );
        }
    }

    #[test]
    fn digits_and_actors() {
        let q = p("root=19").unwrap();
        assert_eq!(q.digits("root", 2, 2), Ok(Some("19".into())));
        let q = p("root=1a").unwrap();
        assert!(q.digits("root", 2, 2).is_err());
        assert_eq!(actor_spec("source", " USA "), Ok("USA".into()));
        assert!(actor_spec("source", " ").is_err());
        assert!(actor_spec("source", &"x".repeat(101)).is_err());
        assert_eq!(clip(&"é".repeat(70)).chars().count(), 61);
    }
}
