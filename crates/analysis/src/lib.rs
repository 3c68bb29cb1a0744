//! hrlex-analysis (being written).
