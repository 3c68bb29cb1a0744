//! hrlex-access: who may see what. This crate owns the API tokens: each has a name and
//! the groups it belongs to (a confidential document names the groups that may see it,
//! `"groups": ["spt"]`; the group `admin` sees every document).
//!
//! The token file (`hrlex token add --tokens FILE …`) keeps, per token, its name, groups,
//! creation and revocation times, a short public id and an Argon2id hash of its secret:
//! never the secret, which is printed once when the token is made. A secret reads
//! `hrlex_<id>_<random>`: the id finds the record without hashing against every token
//! (Argon2 is slow on purpose), the hash checks the random part. The file is written
//! whole to a temporary file with mode 0600, synced, then renamed over the old one, under
//! an OS lock of a sibling lock file, so two `hrlex token` commands never lose a token.
//!
//! The audit log (`audit.rs`) records which token was shown which non-public documents.

mod audit;
mod tokens;

pub use audit::{read_audit_log, AuditEntry, AuditLine, AuditLog, Since};
pub use hrlex_model::{Viewer, ADMIN_GROUP};
pub use tokens::{
    random_hex, AccessError, Caller, TokenFile, TokenRecord, MAX_GROUPS, MAX_NAME_CHARS,
};
