//! The leak suite: canary documents a caller may not see must change nothing that caller
//! can observe. Two indexes of the same sample-corpus folder are built by the real
//! binary, one with canaries (a confidential report citing a public decision, a
//! confidential document bearing a key public documents cite, a confidential
//! translation of a public report, a restricted note of a second group); two servers
//! serve them with the same token file, and every route the router has
//! (`hrlex_server::all_routes`, so a new endpoint is probed the day it is added) is
//! called, anonymously and with a token of a third group, with the canaries' words in
//! four scripts, their ids, the keys they bear and cite, and facet values. Every answer
//! must be the same on both servers; with the canaries' own token, they are seen.

use crate::helpers::{
    add_token, encode, http_request, index_corpus, path_str, sample_corpus, start_server,
};
use std::path::Path;

/// Sample-corpus files copied into both corpora (no PDFs: the suite builds four indexes).
const PUBLIC_FILES: [&str; 7] = [
    "treaty-bodies/decisions/jur_CAT_1990-1994.json",
    "special-procedures/SR_Torture_A_HRC_22_53.json",
    "multilingual/udhr/rus.html",
    "multilingual/udhr/arb.html",
    "multilingual/udhr/cmn_hans.html",
    "multilingual/udhr/eng.html",
    "echr/hudoc-texts/standard_001-61977_FRE.txt",
];

/// The public decision the first canary cites, and whose words it shares.
const CITED_DECISION: &str = "CAT/C/12/D/13/1993";

const CANARY_IDS: [&str; 4] = [
    "canary-spt-visit",
    "canary-spt-cited",
    "canary-spt-translation",
    "canary-cpt-note",
];

fn copy_public_corpus(root: &Path) {
    for file in PUBLIC_FILES {
        let target = root.join(file);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(sample_corpus().join(file), target).unwrap();
    }
}

fn write_canary(root: &Path, name: &str, text: &str, sidecar: serde_json::Value) {
    let path = root.join("confidential").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    std::fs::write(
        root.join("confidential").join(format!("{name}.meta.json")),
        serde_json::to_string_pretty(&sidecar).unwrap(),
    )
    .unwrap();
}

/// The canaries; `cited_key` is a key public documents cite that no public document
/// bears, `translated_work` the work id of a public report. `leak_one` makes the first
/// canary public (the check that the comparison can fail).
fn write_canaries(root: &Path, cited_key: &str, translated_work: &str, leak_one: bool) {
    let access = if leak_one { "public" } else { "confidential" };
    let groups: Vec<&str> = if leak_one { vec![] } else { vec!["spt"] };
    write_canary(
        root,
        "visit-report.txt",
        &format!(
            "Report on the visit of the Subcommittee to Switzerland\n\n\
             1. The delegation heard allegations of torture and ill-treatment in \
             police custody and of expulsion to a risk of torture.\n\n\
             2. The Subcommittee recalls Mutombo v. Switzerland ({CITED_DECISION}) and \
             the absolute prohibition of refoulement.\n\n\
             3. Пыток и жестокого обращения; التعذيب; 酷刑.\n"
        ),
        serde_json::json!({
            "id": CANARY_IDS[0], "title": "Visit to Switzerland", "lang": "en",
            "mechanism": "cat", "doc_type": "report", "states": ["Switzerland"],
            "date": "2024-05-02", "access": access, "groups": groups,
        }),
    );
    write_canary(
        root,
        "cited-draft.txt",
        "Draft follow-up letter\n\n1. The Special Rapporteur on torture recommends \
         that the State party investigate every allegation of torture.\n",
        serde_json::json!({
            "id": CANARY_IDS[1], "title": "Draft follow-up letter", "lang": "en",
            "identifiers": [cited_key], "access": "confidential", "groups": ["spt"],
        }),
    );
    write_canary(
        root,
        "russian-version.txt",
        "Доклад Специального докладчика по вопросу о пытках\n\n1. Специальный \
         докладчик рассматривает применение пыток и жестокого обращения.\n",
        serde_json::json!({
            "id": CANARY_IDS[2], "work_id": translated_work, "lang": "ru",
            "title": "Доклад о пытках", "access": "confidential", "groups": ["spt"],
        }),
    );
    write_canary(
        root,
        "cpt-note.txt",
        "Note of the Committee for the Prevention of Torture\n\n1. Conditions of \
         detention and torture allegations in Switzerland; 酷刑.\n",
        serde_json::json!({
            "id": CANARY_IDS[3], "title": "CPT note", "lang": "en",
            "states": ["Switzerland"], "access": "restricted", "groups": ["cpt"],
        }),
    );
}

fn build_index(corpus: &Path, index: &Path) {
    let (code, _, stderr) = index_corpus(corpus, index, &["--no-ocr", "--writer-threads", "1"]);
    assert_eq!(code, 0, "{stderr}");
}

/// One call of the suite: a method, a path with its query string, a body.
struct Call {
    method: &'static str,
    path: String,
    body: String,
}

impl std::fmt::Display for Call {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} {}", self.method, self.path, self.body)
    }
}

fn send(address: &str, call: &Call, secret: Option<&str>) -> (u16, String) {
    let bearer = secret.map(|secret| format!("Bearer {secret}"));
    let mut headers: Vec<(&str, &str)> = vec![("Content-Type", "application/json")];
    if let Some(value) = bearer.as_deref() {
        headers.push(("Authorization", value));
    }
    let reply = http_request(address, call.method, &call.path, &headers, &call.body);
    (reply.status, reply.body)
}

fn get(address: &str, path: &str, secret: Option<&str>) -> (u16, String) {
    let call = Call {
        method: "GET",
        path: path.to_string(),
        body: String::new(),
    };
    send(address, &call, secret)
}

/// What two builds of one corpus may differ in whatever the documents: where they are,
/// when they were committed, the engine generation, and timings.
fn normalized(body: &str, folders: &[&Path]) -> String {
    let mut text = body.to_string();
    for folder in folders {
        text = text.replace(path_str(folder), "FOLDER");
    }
    let volatile = [
        r#""generation":\s*\d+"#,
        r#""committed_at":\s*\d+"#,
        r"hrlex_index_generation \d+",
        r"\d+(\.\d+)?\s*ms\b",
    ];
    for pattern in volatile {
        text = regex_replace(&text, pattern);
    }
    text.lines()
        .filter(|line| !line.contains("_seconds") && !line.contains("_bucket"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// `pattern` (a small regular expression) replaced by `…` in `text`.
fn regex_replace(text: &str, pattern: &str) -> String {
    regex::Regex::new(pattern)
        .unwrap()
        .replace_all(text, "…")
        .into_owned()
}

/// Every call of the suite: each GET route of the router, with each id for `{id}`, and
/// each query string on the others; each POST route with each probe as its body.
fn calls(ids: &[String], probes: &[String], keys: &[String]) -> Vec<Call> {
    let mut queries: Vec<String> = vec![String::new()];
    for probe in probes {
        let probe = encode(probe);
        queries.push(format!("?q={probe}"));
        queries.push(format!("?q={probe}&facets=true&limit=50"));
        queries.push(format!("?q={probe}&sort=date"));
    }
    for key in keys {
        queries.push(format!("?key={}", encode(key)));
    }
    for facet in ["state", "mechanism", "lang", "doc_type", "access"] {
        queries.push(format!("?facet={facet}"));
    }
    let mut paths = Vec::new();
    let mut calls = Vec::new();
    for (method, route) in hrlex_server::all_routes() {
        if method.as_str() == "POST" {
            for probe in probes {
                let body = serde_json::json!({"query": probe, "limit": 50}).to_string();
                calls.push(Call {
                    method: "POST",
                    path: route.to_string(),
                    body,
                });
            }
            continue;
        }
        assert_eq!(
            method.as_str(),
            "GET",
            "a route the suite does not know how to call"
        );
        if route.contains("{id}") {
            // A document's routes: each id, plain and with the paging and highlighting
            // parameters the pages use.
            for id in ids {
                let path = route.replace("{id}", &encode(id));
                for query in ["", "?q=torture&offset=0&limit=5", "?lang=ru"] {
                    paths.push(format!("{path}{query}"));
                }
            }
        } else {
            for query in &queries {
                paths.push(format!("{route}{query}"));
            }
        }
    }
    calls.extend(paths.into_iter().map(|path| Call {
        method: "GET",
        path,
        body: String::new(),
    }));
    calls
}

#[test]
fn no_answer_betrays_a_document_its_caller_may_not_see() {
    let scratch = tempfile::tempdir().unwrap();
    let without_corpus = scratch.path().join("corpus-a");
    let with_corpus = scratch.path().join("corpus-b");
    let leaky_corpus = scratch.path().join("corpus-c");
    let (without_index, with_index, leaky_index) = (
        scratch.path().join("index-a"),
        scratch.path().join("index-b"),
        scratch.path().join("index-c"),
    );
    copy_public_corpus(&without_corpus);
    build_index(&without_corpus, &without_index);

    let tokens = scratch.path().join("tokens.json");
    let spt = add_token(&tokens, "Подкомитет", "spt");
    let other = add_token(&tokens, "لجنة", "cedaw");
    let serve = |index: &Path| {
        start_server(&[
            "--index",
            path_str(index),
            "--no-update",
            "--tokens",
            path_str(&tokens),
        ])
    };

    // A key public documents cite that none bears, and the report the translation joins.
    let (_a, without_address, _) = serve(&without_index);
    let (status, body) = get(&without_address, "/api/search?q=torture&limit=50", None);
    assert_eq!(status, 200, "{body}");
    let hits: serde_json::Value = serde_json::from_str(&body).unwrap();
    let hits = hits["hits"].as_array().unwrap().clone();
    let mut public_ids: Vec<String> = hits
        .iter()
        .map(|hit| hit["id"].as_str().unwrap().to_string())
        .collect();
    let report = hits
        .iter()
        .find(|hit| {
            hit["source"]["path"]
                .as_str()
                .unwrap()
                .contains("SR_Torture")
        })
        .expect("the torture report is a hit");
    let translated_work = report["work_id"].as_str().unwrap().to_string();
    let mut cited_key = None;
    for id in &public_ids {
        let (_, body) = get(
            &without_address,
            &format!("/api/documents/{}/cites", encode(id)),
            None,
        );
        let cites: serde_json::Value = serde_json::from_str(&body).unwrap();
        let dangling = cites["systems"]
            .as_array()
            .into_iter()
            .flatten()
            .flat_map(|system| system["citations"].as_array().cloned().unwrap_or_default())
            .find(|citation| {
                citation["dangling"].as_bool() == Some(true)
                    && citation["key"]
                        .as_str()
                        .is_some_and(|key| key.starts_with("un:"))
            });
        if let Some(citation) = dangling {
            cited_key = Some(citation["key"].as_str().unwrap().to_string());
            break;
        }
    }
    let cited_key = cited_key.expect("a public document cites a key no document bears");

    copy_public_corpus(&with_corpus);
    write_canaries(&with_corpus, &cited_key, &translated_work, false);
    build_index(&with_corpus, &with_index);
    copy_public_corpus(&leaky_corpus);
    write_canaries(&leaky_corpus, &cited_key, &translated_work, true);
    build_index(&leaky_corpus, &leaky_index);
    // A fresh server for the comparison: /metrics counts the requests each has served.
    drop(_a);
    let (_a, without_address, _) = serve(&without_index);
    let (_b, with_address, _) = serve(&with_index);
    let (_c, leaky_address, _) = serve(&leaky_index);

    public_ids.truncate(6);
    let mut ids: Vec<String> = CANARY_IDS.iter().map(|id| id.to_string()).collect();
    ids.extend(public_ids);
    ids.push(CITED_DECISION.to_string());
    ids.push(cited_key.clone());
    let probes: Vec<String> = [
        "torture",
        "Switzerland",
        "пыток",
        "التعذيب",
        "酷刑",
        "\"Subcommittee\"",
        "refoulement",
        "state:switzerland",
        "access:confidential",
        "mechanism:cat",
        "lang:ru",
        &format!("cites:{}", cited_key),
        &format!("cites:un:{CITED_DECISION}"),
        CANARY_IDS[0],
        CANARY_IDS[2],
    ]
    .map(String::from)
    .to_vec();
    let keys = vec![cited_key.clone(), format!("un:{CITED_DECISION}")];
    let calls = calls(&ids, &probes, &keys);
    let routes = hrlex_server::all_routes().len();

    let folders_a: [&Path; 2] = [&without_index, &without_corpus];
    let folders_b: [&Path; 2] = [&with_index, &with_corpus];
    let folders_c: [&Path; 2] = [&leaky_index, &leaky_corpus];
    let mut compared = 0;
    let mut leaky_differences = 0;
    for (caller, secret) in [("anonymous", None), ("another group", Some(other.as_str()))] {
        for call in &calls {
            let (status_a, body_a) = send(&without_address, call, secret);
            let (status_b, body_b) = send(&with_address, call, secret);
            let expected = (status_a, normalized(&body_a, &folders_a));
            let found = (status_b, normalized(&body_b, &folders_b));
            assert!(
                expected == found,
                "{caller}: {call} differs with the canaries:\nwithout: {} {}\nwith:    {} {}",
                expected.0,
                &expected.1[..expected.1.len().min(600)],
                found.0,
                &found.1[..found.1.len().min(600)],
            );
            if secret.is_none() {
                let (status_c, body_c) = send(&leaky_address, call, None);
                if (status_c, normalized(&body_c, &folders_c)) != expected {
                    leaky_differences += 1;
                }
            }
            compared += 1;
        }
    }
    println!(
        "leak suite: {routes} routes, {} calls per caller, {compared} answers compared, \
         none differs; with one canary left public, {leaky_differences} answers differ",
        calls.len()
    );
    // The suite can fail: a canary that is not filtered shows.
    assert!(leaky_differences > 20, "{leaky_differences}");

    // The canaries' own group sees them.
    let (status, body) = get(
        &with_address,
        &format!("/api/documents/{}", CANARY_IDS[0]),
        Some(&spt),
    );
    assert_eq!(status, 200, "{body}");
    let (_, body) = get(
        &with_address,
        "/api/search?q=%D0%BF%D1%8B%D1%82%D0%BE%D0%BA&limit=50",
        Some(&spt),
    );
    assert!(body.contains(CANARY_IDS[2]), "{body}");
    let (_, body) = get(
        &with_address,
        &format!(
            "/api/cited-by?key={}",
            encode(&format!("un:{CITED_DECISION}"))
        ),
        Some(&spt),
    );
    assert!(body.contains(CANARY_IDS[0]), "{body}");
    let (status, _) = get(
        &with_address,
        &format!("/api/documents/{}", CANARY_IDS[3]),
        Some(&spt),
    );
    assert_eq!(status, 404, "a cpt note is not spt's");
}
