//! `registro`: a terminal case manager for training programmes.
//!
//! The core (`domain`, `store`, `report`, `demo`, `taxcode`, `config`,
//! `i18n`, `keys`) knows nothing of the terminal; `tui` is a thin layer
//! over it and `cli` the command line.

// A user's input, a file or the register never ends in a panic: outside
// tests, clippy refuses unwrap and expect (the binary's main denies them too).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used))]

pub mod access;
pub mod cli;
pub mod config;
pub mod context;
pub mod demo;
pub mod domain;
pub mod export;
pub mod i18n;
pub mod import;
pub mod keys;
pub mod mail;
pub mod planning;
pub mod print;
pub mod report;
pub mod store;
pub mod taxcode;
pub mod tui;
