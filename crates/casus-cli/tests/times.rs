//! Integration tests: times.
