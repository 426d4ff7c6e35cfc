//! Integration tests: eval_text.
