//! Ingestion: every article format a user has -> [`Article`].
//!
//! Readers take `std::io::Read` and yield one [`Record`] per article or
//! per bad record, so a bad record is reported and counted, never fatal,
//! and memory stays bounded by the largest single article.

use serde::{Deserialize, Serialize};

use crate::Date;

/// One dated news article: the unit every stage works on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Unique id (file stem, or the record's `id` field).
    pub id: String,
    /// Publication date: the document creation time (DCT) that relative
    /// time expressions are resolved against.
    pub date: Date,
    /// The article text, exactly as read (after lossy UTF-8 decoding).
    pub text: String,
    /// Headline, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Where the article was published, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// The publisher, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<String>,
    /// Language tag, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

impl Article {
    /// An article with only the required fields.
    pub fn new(id: &str, date: Date, text: &str) -> Article {
        Article {
            id: id.to_string(),
            date,
            text: text.to_string(),
            title: None,
            url: None,
            outlet: None,
            language: None,
        }
    }
}
