//! The calendar date type used throughout casus.

/// The calendar date type used throughout casus (an article's date, an
/// entry's validity range, an event's day).
pub type Date = chrono::NaiveDate;
