//! The pieces screens are built from: none of them knows a screen.

pub mod choices;
pub mod form;
pub mod help;
pub mod pager;
pub mod popup;
pub mod status_bar;
pub mod table;
pub mod text_area;
