//! One module per subcommand that has grown beyond a few lines.
pub mod audit;
pub mod cite;
pub mod extract;
pub mod graph;
pub mod index;
pub mod search;
pub mod serve;
pub mod status;
pub mod token;
pub mod viewer;
