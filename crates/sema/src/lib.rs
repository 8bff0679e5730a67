//! Embedding API.
