//! hrlex-server (being written).
