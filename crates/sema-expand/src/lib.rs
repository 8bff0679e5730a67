//! The expander: macros run, derived syntax is rewritten, and the result is
//! the short list of [`Core`] forms that both back ends evaluate.

pub mod core;
mod expand;
pub mod hints;
pub mod modules;
mod natives;
mod patterns;
mod prelude;
mod quasi;
mod records;

pub use crate::core::{Call, Core, If, LambdaDef, Let, MacroUse, Try, Var};
pub use expand::{expand, expand_local, Host};
pub use natives::force;
pub use prelude::prelude_macros;
