//! End-to-end tests through the `hrlex` binary. One test binary (fast to link), one
//! module per command, shared helpers in `helpers`.

mod auth;
mod cron;
mod duplicate_ids;
mod graph;
mod graph_contract;
mod helpers;
mod hostile_files;
mod ingest_cli;
mod leaks;
mod query_depth;
mod relevance;
mod tokens;
