//! Slimfile: a Dockerfile goes in, an [`engine::Analysis`] comes out.
//!
//! `engine` is pure Rust with no web dependencies and is tested natively;
//! `ui` (wasm32 only) renders the analysis with Yew.

pub mod engine;

#[cfg(target_arch = "wasm32")]
pub mod ui;
