//! sema-vm
