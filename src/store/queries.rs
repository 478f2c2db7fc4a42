//! Reads of single entities and their details.
