//! API tokens and the token file (see the crate documentation).

use argon2::password_hash::rand_core::{OsRng, RngCore};
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use fs4::fs_std::FileExt;
use hrlex_model::{group_name, Viewer, ADMIN_GROUP};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

/// Longest token name, in characters.
pub const MAX_NAME_CHARS: usize = 64;
/// Most groups a token may belong to.
pub const MAX_GROUPS: usize = 32;
const SECRET_PREFIX: &str = "hrlex_";
/// Bytes of a token's public id and of its secret part.
const ID_BYTES: usize = 6;
const SECRET_BYTES: usize = 32;
const FILE_FORMAT: u32 = 1;

/// One token of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenRecord {
    pub name: String,
    /// Public: the part of the secret that finds this record.
    pub id: String,
    pub groups: Vec<String>,
    /// Unix seconds.
    pub created_at: u64,
    /// Unix seconds; a revoked token authenticates no one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<u64>,
    /// The Argon2id hash of the secret part, as a PHC string (salt and parameters in it).
    hash: String,
}

impl TokenRecord {
    pub fn is_active(&self) -> bool {
        self.revoked_at.is_none()
    }

    /// Who this token authenticates.
    pub fn caller(&self) -> Caller {
        Caller {
            name: self.name.clone(),
            groups: self.groups.clone(),
        }
    }
}

/// Who a request is from: the name and groups of its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub name: String,
    pub groups: Vec<String>,
}

impl Caller {
    pub fn is_admin(&self) -> bool {
        self.groups.iter().any(|group| group == ADMIN_GROUP)
    }

    /// What this caller may see ([`Viewer::may_see`] is the rule).
    pub fn viewer(&self) -> Viewer {
        Viewer::of_groups(&self.groups)
    }
}

/// Why a token command or lookup failed, in words for the operator.
#[derive(Debug, thiserror::Error)]
pub enum AccessError {
    #[error("{context} {}: {source}", path.display())]
    Io {
        context: &'static str,
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} is not a token file of this hrlex: {message}", path.display())]
    Corrupt { path: PathBuf, message: String },
    #[error("invalid token name {name:?}: {reason}")]
    InvalidName { name: String, reason: String },
    #[error("invalid group {group:?}: {reason}")]
    InvalidGroup { group: String, reason: String },
    #[error("an active token is already named {0:?}: revoke it first or choose another name")]
    DuplicateName(String),
    #[error("no active token is named {0:?}")]
    UnknownName(String),
    #[error("could not hash the secret: {0}")]
    Hash(String),
    #[error("invalid time {text:?}: use a date (2026-12-01) or a UTC time (2026-12-01T10:00:00Z)")]
    InvalidTime { text: String },
}

#[derive(Serialize, Deserialize)]
struct Contents {
    format: u32,
    tokens: Vec<TokenRecord>,
}

/// The tokens of one token file.
#[derive(Debug, Clone)]
pub struct TokenFile {
    path: PathBuf,
    tokens: Vec<TokenRecord>,
}

impl TokenFile {
    /// The tokens of `path`; none when the file does not exist yet.
    pub fn load(path: &Path) -> Result<TokenFile, AccessError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => return Err(io_error("reading", path)(source)),
        };
        let tokens = if text.trim().is_empty() {
            Vec::new()
        } else {
            let contents: Contents =
                serde_json::from_str(&text).map_err(|error| AccessError::Corrupt {
                    path: path.to_path_buf(),
                    message: error.to_string(),
                })?;
            if contents.format != FILE_FORMAT {
                return Err(AccessError::Corrupt {
                    path: path.to_path_buf(),
                    message: format!(
                        "format {} (this hrlex reads format {FILE_FORMAT})",
                        contents.format
                    ),
                });
            }
            contents.tokens
        };
        Ok(TokenFile {
            path: path.to_path_buf(),
            tokens,
        })
    }

    /// Loads `path` under an exclusive lock, applies `change`, and saves the result (only
    /// when `change` succeeds), so that concurrent token commands never lose a change.
    pub fn update<T>(
        path: &Path,
        change: impl FnOnce(&mut TokenFile) -> Result<T, AccessError>,
    ) -> Result<T, AccessError> {
        let lock_path = sibling(path, ".lock");
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(&lock_path)
            .map_err(io_error("opening the lock file", &lock_path))?;
        FileExt::lock_exclusive(&lock).map_err(io_error("locking", &lock_path))?;
        let mut file = TokenFile::load(path)?;
        let result = change(&mut file)?;
        file.save()?;
        let _ = FileExt::unlock(&lock);
        Ok(result)
    }

    /// Every token, revoked ones included, in the order they were made.
    pub fn tokens(&self) -> &[TokenRecord] {
        &self.tokens
    }

    /// Makes a token named `name` in `groups`; returns its secret, which is kept nowhere.
    pub fn add(&mut self, name: &str, groups: &[String], now: u64) -> Result<String, AccessError> {
        let name = valid_name(name)?;
        let groups = valid_groups(groups)?;
        if self.active(&name).is_some() {
            return Err(AccessError::DuplicateName(name));
        }
        let id = loop {
            let id = random_hex(ID_BYTES);
            if self.tokens.iter().all(|token| token.id != id) {
                break id;
            }
        };
        let secret_part = random_hex(SECRET_BYTES);
        let salt = SaltString::generate(&mut OsRng);
        let hash = Argon2::default()
            .hash_password(secret_part.as_bytes(), &salt)
            .map_err(|error| AccessError::Hash(error.to_string()))?
            .to_string();
        self.tokens.push(TokenRecord {
            name,
            id: id.clone(),
            groups,
            created_at: now,
            revoked_at: None,
            hash,
        });
        Ok(format!("{SECRET_PREFIX}{id}_{secret_part}"))
    }

    /// Revokes the active token named `name`.
    pub fn revoke(&mut self, name: &str, now: u64) -> Result<(), AccessError> {
        let name = name.trim();
        let token = self
            .tokens
            .iter_mut()
            .find(|token| token.is_active() && token.name == name)
            .ok_or_else(|| AccessError::UnknownName(name.to_string()))?;
        token.revoked_at = Some(now);
        Ok(())
    }

    /// The caller a secret authenticates: an active token whose hash it matches. An
    /// unknown id costs a hash too, so that timing does not tell ids apart.
    pub fn verify(&self, secret: &str) -> Option<Caller> {
        self.verify_record(secret).map(TokenRecord::caller)
    }

    /// The active token a secret authenticates (see [`TokenFile::verify`]); its public
    /// id is what a server keeps to find it again (sessions) without the secret.
    pub fn verify_record(&self, secret: &str) -> Option<&TokenRecord> {
        let (id, secret_part) = secret
            .strip_prefix(SECRET_PREFIX)
            .and_then(|rest| rest.split_once('_'))
            .unwrap_or(("", secret));
        let token = self
            .tokens
            .iter()
            .find(|token| token.is_active() && !id.is_empty() && token.id == id);
        let hash = token.map_or(DECOY_HASH, |token| token.hash.as_str());
        let parsed = PasswordHash::new(hash).ok()?;
        let matches = Argon2::default()
            .verify_password(secret_part.as_bytes(), &parsed)
            .is_ok();
        token.filter(|_| matches)
    }

    /// The active token whose public id is `id` (a session's token, after a reload).
    pub fn active_by_id(&self, id: &str) -> Option<&TokenRecord> {
        self.tokens
            .iter()
            .find(|token| token.is_active() && token.id == id)
    }

    fn active(&self, name: &str) -> Option<&TokenRecord> {
        self.tokens
            .iter()
            .find(|token| token.is_active() && token.name == name)
    }

    /// Writes the file atomically, readable by its owner only.
    pub fn save(&self) -> Result<(), AccessError> {
        let contents = Contents {
            format: FILE_FORMAT,
            tokens: self.tokens.clone(),
        };
        let mut json =
            serde_json::to_vec_pretty(&contents).map_err(|error| AccessError::Corrupt {
                path: self.path.clone(),
                message: error.to_string(),
            })?;
        json.push(b'\n');
        let temporary = sibling(&self.path, &format!(".{}.tmp", std::process::id()));
        let write = || -> std::io::Result<()> {
            let _ = std::fs::remove_file(&temporary);
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(&temporary)?;
            file.write_all(&json)?;
            file.sync_all()
        };
        if let Err(error) = write() {
            let _ = std::fs::remove_file(&temporary);
            return Err(io_error("writing", &temporary)(error));
        }
        std::fs::rename(&temporary, &self.path).map_err(io_error("installing", &self.path))
    }
}

/// A hash of nothing anyone holds, verified against when a secret's id is unknown.
const DECOY_HASH: &str =
    "$argon2id$v=19$m=19456,t=2,p=1$ZGVjb3ktc2FsdC0xMjM$2bHhSIWs0zBTjHTtb3Mz+Hqh5ZDDU/8aYOX8zYKvk0w";

fn valid_name(name: &str) -> Result<String, AccessError> {
    let trimmed = name.trim();
    let fail = |reason: &str| AccessError::InvalidName {
        name: name.to_string(),
        reason: reason.to_string(),
    };
    if trimmed.is_empty() {
        return Err(fail("it is empty"));
    }
    if trimmed.chars().count() > MAX_NAME_CHARS {
        return Err(fail(&format!(
            "it is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(fail("it contains a control character"));
    }
    Ok(trimmed.to_string())
}

/// Groups as given, each a [`group_name`], without repeats; at least one.
fn valid_groups(groups: &[String]) -> Result<Vec<String>, AccessError> {
    let mut valid: Vec<String> = Vec::new();
    for group in groups {
        let name = group_name(group).map_err(|reason| AccessError::InvalidGroup {
            group: group.clone(),
            reason,
        })?;
        if !valid.contains(&name) {
            valid.push(name);
        }
    }
    if valid.is_empty() {
        return Err(AccessError::InvalidGroup {
            group: String::new(),
            reason: "a token needs at least one group".to_string(),
        });
    }
    if valid.len() > MAX_GROUPS {
        return Err(AccessError::InvalidGroup {
            group: valid[MAX_GROUPS].clone(),
            reason: format!("a token may belong to at most {MAX_GROUPS} groups"),
        });
    }
    Ok(valid)
}

/// `bytes` random bytes from the operating system, in hex: token ids and secrets, and
/// the server's session ids.
pub fn random_hex(bytes: usize) -> String {
    let mut buffer = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buffer);
    buffer.iter().map(|byte| format!("{byte:02x}")).collect()
}

/// `path` with `suffix` appended to its file name, in the same folder (so a rename is
/// atomic).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

pub(crate) fn io_error(
    context: &'static str,
    path: &Path,
) -> impl FnOnce(std::io::Error) -> AccessError {
    let path = path.to_path_buf();
    move |source| AccessError::Io {
        context,
        path,
        source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use hrlex_model::Access;

    #[test]
    fn the_decoy_hash_is_a_valid_argon2id_hash() {
        let parsed = PasswordHash::new(DECOY_HASH).expect("a PHC string");
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        assert!(Argon2::default()
            .verify_password(b"anything", &parsed)
            .is_err());
    }

    #[test]
    fn a_caller_sees_what_its_groups_may_see() {
        let spt = Caller {
            name: "Подкомитет".into(),
            groups: vec!["spt".into()],
        };
        let admin = Caller {
            name: "ohchr".into(),
            groups: vec![ADMIN_GROUP.into()],
        };
        assert!(spt.viewer().may_see(Access::Confidential, &["spt"]));
        assert!(!spt.viewer().may_see(Access::Restricted, &["cat"]));
        assert_eq!(admin.viewer(), Viewer::Admin);
    }

    #[test]
    fn names_and_groups_are_checked() {
        assert!(valid_name("  ").is_err());
        assert!(valid_name("a\u{7}b").is_err());
        assert_eq!(valid_name(" المقرر الخاص ").unwrap(), "المقرر الخاص");
        assert_eq!(
            valid_groups(&["SPT".into(), "spt".into(), "Комитет".into()]).unwrap(),
            ["spt", "комитет"]
        );
        assert!(valid_groups(&[]).is_err());
        assert!(valid_groups(&["a b".into()]).is_err());
    }
}
