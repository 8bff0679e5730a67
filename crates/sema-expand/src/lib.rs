//! sema-expand
