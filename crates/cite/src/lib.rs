//! hrlex-cite (being written).
