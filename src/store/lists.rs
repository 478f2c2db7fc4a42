//! Paged reads of the main lists.
