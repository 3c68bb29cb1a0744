//! `hrlex token add|list|revoke` through the binary, on a real token file: the secret is
//! printed once and kept nowhere, the file is the owner's only, names and groups are
//! checked with a clear message, revoked tokens stay listed.

use crate::helpers::run;
use std::os::unix::fs::PermissionsExt;

#[test]
fn tokens_are_made_listed_and_revoked_and_their_secret_is_printed_once() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("tokens.json");
    let file_arg = file.to_str().unwrap();

    let (code, secret, said) = run(&[
        "token",
        "add",
        "--tokens",
        file_arg,
        "--name",
        "المقرر الخاص",
        "--groups",
        "spt,CAT",
    ]);
    assert_eq!(code, 0, "{said}");
    let secret = secret.trim();
    let parts: Vec<&str> = secret.split('_').collect();
    let hex = |part: &str, length: usize| {
        part.len() == length && part.chars().all(|c| c.is_ascii_hexdigit())
    };
    assert!(
        parts.len() == 3 && parts[0] == "hrlex" && hex(parts[1], 12) && hex(parts[2], 64),
        "{secret:?}"
    );
    assert!(said.contains("once"), "{said}");
    let kept = std::fs::read_to_string(&file).unwrap();
    assert!(
        !kept.contains(&secret[19..]),
        "the secret is in the token file"
    );
    let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the token file is readable by others");

    let (code, listed, _) = run(&["token", "list", "--tokens", file_arg]);
    assert_eq!(code, 0);
    assert!(
        listed.contains("المقرر الخاص\t") && listed.contains("\tspt,cat\t"),
        "{listed}"
    );
    assert!(
        listed.contains("active") && !listed.contains(&secret[19..]),
        "{listed}"
    );

    let (code, _, said) = run(&[
        "token",
        "add",
        "--tokens",
        file_arg,
        "--name",
        "المقرر الخاص",
        "--groups",
        "spt",
    ]);
    assert_eq!(code, 2);
    assert!(said.contains("already named"), "{said}");
    let (code, _, said) = run(&[
        "token",
        "add",
        "--tokens",
        file_arg,
        "--name",
        "ohchr",
        "--groups",
        "two words",
    ]);
    assert_eq!(code, 2);
    assert!(said.contains("invalid group \"two words\""), "{said}");

    let (code, _, said) = run(&[
        "token",
        "revoke",
        "--tokens",
        file_arg,
        "--name",
        "المقرر الخاص",
    ]);
    assert_eq!(code, 0, "{said}");
    let (code, _, said) = run(&[
        "token",
        "revoke",
        "--tokens",
        file_arg,
        "--name",
        "المقرر الخاص",
    ]);
    assert_eq!(code, 2);
    assert!(said.contains("no active token"), "{said}");
    let (code, listed, _) = run(&["token", "list", "--tokens", file_arg, "--json"]);
    assert_eq!(code, 0);
    let tokens: Vec<serde_json::Value> = listed
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(tokens.len(), 1);
    assert_eq!(tokens[0]["name"], "المقرر الخاص");
    assert_eq!(tokens[0]["groups"], serde_json::json!(["spt", "cat"]));
    assert!(tokens[0]["revoked_at"].is_u64(), "{listed}");

    std::fs::write(&file, "not a token file").unwrap();
    let (code, _, said) = run(&["token", "list", "--tokens", file_arg]);
    assert_eq!(code, 4);
    assert!(said.contains("is not a token file"), "{said}");
}
