//! Integration tests: dict.
