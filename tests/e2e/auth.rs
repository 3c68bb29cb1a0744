//! `hrlex serve --tokens` and `hrlex audit` through the binary and a real socket, on an
//! index where one file of the sample corpus is made confidential by its sidecar.
//! Properties checked: an anonymous caller does not find the confidential document, a
//! token of its group does (and the answer is audited next to the token file, mode
//! 0600); `hrlex audit --since` prints the entry and `--json` its line; a revoked token
//! is refused after the reload with a reason and `WWW-Authenticate`; repeated failures
//! get 429 with `Retry-After`; a server without `--tokens` refuses tokens.

use crate::helpers::{
    add_token, http_request, index_corpus, path_str, run, sample_corpus, start_server,
};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::Duration;

const MARCKX_FILE: &str = "echr/hudoc-texts/standard_001-57534_ENG.txt";
const MARCKX_ID: &str = "hudoc:001-57534";
const NAME: &str = "المقرر الخاص";
const GROUP: &str = "подкомитет";

/// A corpus of Marckx v. Belgium (confidential, group `подкомитет`) and the English UN
/// Charter (public), indexed.
fn confidential_index(folder: &Path) -> std::path::PathBuf {
    let corpus = folder.join("corpus");
    for relative in [MARCKX_FILE, "multilingual/un-charter/raw_un_charter_en.txt"] {
        let target = corpus.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(sample_corpus().join(relative), &target).unwrap();
    }
    std::fs::write(
        corpus.join(format!("{MARCKX_FILE}.meta.json")),
        format!(r#"{{"access": "confidential", "groups": ["{GROUP}"]}}"#),
    )
    .unwrap();
    let index = folder.join("index");
    let (code, _, said) = index_corpus(&corpus, &index, &[]);
    assert_eq!(code, 0, "{said}");
    index
}

fn bearer(secret: &str) -> String {
    format!("Bearer {secret}")
}

#[test]
fn tokens_see_their_groups_documents_answers_are_audited_and_revocation_takes_effect() {
    let folder = tempfile::tempdir().unwrap();
    let index = confidential_index(folder.path());
    let tokens = folder.path().join("tokens.json");
    let secret = add_token(&tokens, NAME, GROUP);
    let (_server, address, _) = start_server(&[
        "--index",
        path_str(&index),
        "--no-update",
        "--tokens",
        path_str(&tokens),
    ]);

    let anonymous = http_request(&address, "GET", "/api/search?q=Marckx", &[], "");
    assert_eq!(anonymous.status, 200, "{}", anonymous.body);
    assert!(!anonymous.body.contains(MARCKX_ID), "{}", anonymous.body);
    let authorization = bearer(&secret);
    let with_token = [("Authorization", authorization.as_str())];
    let found = http_request(&address, "GET", "/api/search?q=Marckx", &with_token, "");
    assert_eq!(found.status, 200, "{}", found.body);
    let response: serde_json::Value = serde_json::from_str(&found.body).unwrap();
    assert_eq!(response["hits"][0]["id"], MARCKX_ID, "{}", found.body);
    assert_eq!(response["hits"][0]["access"], "confidential");

    let audit_log = folder.path().join("audit.log");
    let mode = std::fs::metadata(&audit_log).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let (code, printed, said) = run(&[
        "audit",
        "--log",
        path_str(&audit_log),
        "--since",
        "2026-01-01",
    ]);
    assert_eq!(code, 0, "{said}");
    let lines: Vec<&str> = printed.lines().collect();
    assert_eq!(lines.len(), 1, "{printed}");
    let fields: Vec<&str> = lines[0].split('\t').collect();
    assert_eq!(
        fields[1..],
        [NAME, "GET /api/search?q=Marckx", MARCKX_ID],
        "{printed}"
    );
    assert!(fields[0].ends_with('Z'), "{printed}");
    let (code, printed, _) = run(&[
        "audit",
        "--log",
        path_str(&audit_log),
        "--since",
        "2999-01-01T00:00:00Z",
    ]);
    assert_eq!((code, printed.as_str()), (0, ""));
    let (code, printed, _) = run(&["audit", "--log", path_str(&audit_log), "--json"]);
    assert_eq!(code, 0);
    let entry: serde_json::Value = serde_json::from_str(printed.trim()).unwrap();
    assert_eq!(entry["token"], NAME);
    assert_eq!(entry["documents"], serde_json::json!([MARCKX_ID]));
    let (code, _, said) = run(&[
        "audit",
        "--log",
        path_str(&audit_log),
        "--since",
        "last week",
    ]);
    assert_eq!(code, 2);
    assert!(said.contains("invalid time"), "{said}");

    let (code, _, said) = run(&[
        "token",
        "revoke",
        "--tokens",
        path_str(&tokens),
        "--name",
        NAME,
    ]);
    assert_eq!(code, 0, "{said}");
    std::thread::sleep(Duration::from_millis(1200));
    let refused = http_request(&address, "GET", "/api/search?q=Marckx", &with_token, "");
    assert_eq!(refused.status, 401, "{}", refused.body);
    assert!(
        refused
            .body
            .contains("this token is not valid or has been revoked"),
        "{}",
        refused.body
    );
    assert!(refused
        .header("www-authenticate")
        .is_some_and(|value| value.starts_with("Bearer")));

    // Nine more failures from this address make ten; the eleventh attempt waits.
    for _ in 0..9 {
        let reply = http_request(&address, "GET", "/api/info", &with_token, "");
        assert_eq!(reply.status, 401);
    }
    let limited = http_request(&address, "GET", "/api/info", &with_token, "");
    assert_eq!(limited.status, 429, "{}", limited.body);
    assert!(
        limited.body.contains("too many failed attempts"),
        "{}",
        limited.body
    );
    let wait: u64 = limited.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&wait));
    // Anonymous requests are not limited.
    assert_eq!(
        http_request(&address, "GET", "/api/info", &[], "").status,
        200
    );
}

#[test]
fn a_server_without_tokens_refuses_a_token() {
    let folder = tempfile::tempdir().unwrap();
    let index = confidential_index(folder.path());
    let (_server, address, _) = start_server(&["--index", path_str(&index), "--no-update"]);
    let reply = http_request(
        &address,
        "GET",
        "/api/info",
        &[("Authorization", "Bearer hrlex_a_b")],
        "",
    );
    assert_eq!(reply.status, 401);
    assert!(reply.body.contains("tokens_not_accepted"), "{}", reply.body);
    let anonymous = http_request(&address, "GET", "/api/search?q=Marckx", &[], "");
    assert!(!anonymous.body.contains(MARCKX_ID), "{}", anonymous.body);
    let (code, _, said) = run(&[
        "serve",
        "--index",
        path_str(&index),
        "--no-update",
        "--audit-log",
        "/tmp/x.log",
    ]);
    assert_eq!(code, 2, "--audit-log needs --tokens: {said}");
}

#[test]
fn local_commands_answer_as_anonymous_unless_told_otherwise() {
    let folder = tempfile::tempdir().unwrap();
    let index = confidential_index(folder.path());
    let search = |extra: &[&str]| {
        let mut args = vec!["search", "--index", path_str(&index)];
        args.extend_from_slice(extra);
        args.push("Marckx");
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, 0, "{stderr}");
        stdout
    };
    assert!(!search(&[]).contains(MARCKX_ID));
    assert!(!search(&["--as", "другая"]).contains(MARCKX_ID));
    for widened in [search(&["--as", GROUP]), search(&["--all-access"])] {
        let heading = widened
            .lines()
            .find(|line| line.contains("Marckx") && line.contains(" — "))
            .unwrap_or_else(|| panic!("{widened}"));
        assert!(heading.ends_with("CONFIDENTIAL"), "{heading}");
    }
    let (code, _, said) = run(&["search", "--index", path_str(&index), "--as", "a b", "x"]);
    assert_eq!(code, 2);
    assert!(said.contains("--as: group `a b`"), "{said}");
}
