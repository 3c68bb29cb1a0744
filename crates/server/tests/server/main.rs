//! Integration tests of hrlex-server: the router in-process (`oneshot`) and through a
//! real socket, on an index of real corpus files plus one crafted document.

mod api;
mod auth;
mod browser;
mod common;
mod hostile;
mod openapi;
mod reload;
