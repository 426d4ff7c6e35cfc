//! Integration tests: actors.
