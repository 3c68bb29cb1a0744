//! The token file through its public API, on real files: what is kept (never the
//! secret), who a secret authenticates, revocation, the file's mode, and concurrent
//! changes.

use hrlex_access::{AccessError, TokenFile};
use std::os::unix::fs::PermissionsExt;

fn groups(names: &[&str]) -> Vec<String> {
    names.iter().map(|name| name.to_string()).collect()
}

#[test]
fn a_secret_authenticates_its_token_until_revoked_and_is_kept_nowhere() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tokens.json");
    let secret = TokenFile::update(&path, |file| {
        file.add("المقرر الخاص", &groups(&["SPT", "cat"]), 1_700_000_000)
    })
    .unwrap();
    let other = TokenFile::update(&path, |file| {
        file.add("Комитет", &groups(&["ccpr"]), 1_700_000_100)
    })
    .unwrap();

    let text = std::fs::read_to_string(&path).unwrap();
    let secret_part = secret.rsplit('_').next().unwrap();
    assert!(!text.contains(secret_part), "the secret is in the file");
    assert!(text.contains("$argon2id$"), "{text}");
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);

    let file = TokenFile::load(&path).unwrap();
    let caller = file.verify(&secret).expect("the secret authenticates");
    assert_eq!(caller.name, "المقرر الخاص");
    assert_eq!(caller.groups, ["spt", "cat"]);
    assert_eq!(file.verify(&other).unwrap().groups, ["ccpr"]);
    // A wrong secret part, an unknown id, and what is not a token at all.
    let (id_part, _) = secret.rsplit_once('_').unwrap();
    assert!(file
        .verify(&format!("{id_part}_{}", "0".repeat(64)))
        .is_none());
    assert!(file
        .verify(&format!("hrlex_000000000000_{secret_part}"))
        .is_none());
    assert!(file.verify("").is_none());
    assert!(file.verify("Bearer nonsense").is_none());

    TokenFile::update(&path, |file| file.revoke("المقرر الخاص", 1_700_000_200)).unwrap();
    let file = TokenFile::load(&path).unwrap();
    assert!(
        file.verify(&secret).is_none(),
        "a revoked token still authenticates"
    );
    assert!(file.verify(&other).is_some());
    assert_eq!(file.tokens().len(), 2, "revoked tokens stay listed");
    assert_eq!(file.tokens()[0].revoked_at, Some(1_700_000_200));
    // The name is free again once revoked.
    TokenFile::update(&path, |file| file.add("المقرر الخاص", &groups(&["spt"]), 1)).unwrap();
}

#[test]
fn bad_names_groups_and_files_are_refused_with_the_reason_and_change_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tokens.json");
    TokenFile::update(&path, |file| file.add("ohchr", &groups(&["spt"]), 1)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let duplicate = TokenFile::update(&path, |file| file.add("ohchr", &groups(&["cat"]), 2));
    assert!(matches!(duplicate, Err(AccessError::DuplicateName(_))));
    let no_group = TokenFile::update(&path, |file| file.add("x", &[], 2));
    assert!(no_group
        .unwrap_err()
        .to_string()
        .contains("at least one group"));
    let spaced = TokenFile::update(&path, |file| file.add("x", &groups(&["a group"]), 2));
    assert!(matches!(spaced, Err(AccessError::InvalidGroup { .. })));
    let unknown = TokenFile::update(&path, |file| file.revoke("nobody", 2));
    assert_eq!(
        unknown.unwrap_err().to_string(),
        "no active token is named \"nobody\""
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);

    std::fs::write(&path, "{\"format\": 99, \"tokens\": []}").unwrap();
    let error = TokenFile::load(&path).unwrap_err().to_string();
    assert!(error.contains("format 99"), "{error}");
    std::fs::write(&path, "not json").unwrap();
    assert!(matches!(
        TokenFile::load(&path),
        Err(AccessError::Corrupt { .. })
    ));
}

#[test]
fn concurrent_token_commands_lose_no_token() {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("tokens.json");
    let workers: Vec<_> = (0..4)
        .map(|worker| {
            let path = path.clone();
            std::thread::spawn(move || {
                for n in 0..3 {
                    TokenFile::update(&path, |file| {
                        file.add(&format!("worker-{worker}-{n}"), &groups(&["spt"]), 1)
                    })
                    .unwrap();
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
    assert_eq!(TokenFile::load(&path).unwrap().tokens().len(), 12);
}
