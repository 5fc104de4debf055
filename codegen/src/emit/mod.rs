//! Emission: the resolved model turned into Rust source. [`names`] decides every Rust name.

pub mod names;
