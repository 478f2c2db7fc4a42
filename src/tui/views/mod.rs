pub mod detail;
pub mod editor;
pub mod help;
pub mod list;
pub mod queue;
pub mod report;
pub mod roster;
pub mod tabs;
