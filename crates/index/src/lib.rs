//! hrlex-index (being written).
