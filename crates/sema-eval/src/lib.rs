//! sema-eval
