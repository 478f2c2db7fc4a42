pub mod detail;
pub mod help;
pub mod list;
pub mod report;
pub mod tabs;
