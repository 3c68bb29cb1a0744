//! One graph contract: `hrlex cites --json` and `hrlex cited-by --json` print what the
//! HTTP API answers, the same JSON value, on the sample corpus indexed by `hrlex index`
//! and served by `hrlex serve` on a real socket. Documents compared:
//!
//! - K.N.L.H. v. Peru (CCPR views): cites two keys, is cited by five documents of two
//!   systems (the Inter-American judgment in three languages, two Special Rapporteurs);
//! - the Special Rapporteur on torture's report A/63/175: cites 78 keys, cited once;
//! - a CERD recommendation in Arabic: cites three General Assembly and CERD documents,
//!   written in Arabic (`قرار الجمعية العامة 61/148`), none in the index;
//! - a key no document bears (`ecthr:app:27396/06`, cited by name in the judgment), asked
//!   of `hrlex cited-by` and of `/api/cited-by?key=`.

use crate::graph::sample_index;
use crate::helpers::{encode, http_get, path_str, run, start_server};
use serde_json::Value;

const KNLH_ID: &str = "tb:ccpr-c-85-d-1153-2003";
const SR_TORTURE_REPORT: &str = "sp:a-63-175";
const CERD_ARABIC: &str = "morocco:2:ar";
const DANGLING_KEY: &str = "ecthr:app:27396/06";
/// Citing documents listed, given to both (the API's default is larger).
const LIMIT: &str = "50";

fn cli(args: &[&str]) -> Value {
    let (code, stdout, stderr) = run(args);
    assert_eq!(code, 0, "hrlex {args:?} failed: {stderr}");
    serde_json::from_str(&stdout).unwrap_or_else(|error| panic!("{error}: {stdout}"))
}

fn api(address: &str, path: &str) -> Value {
    let (status, body) = http_get(address, path);
    assert_eq!(status, 200, "GET {path}: {body}");
    serde_json::from_str(&body).unwrap_or_else(|error| panic!("{error}: {body}"))
}

/// Citing documents or cited keys an answer lists, over its systems.
fn listed(answer: &Value, field: &str) -> usize {
    answer["systems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|group| group[field].as_array().unwrap().len())
        .sum()
}

#[test]
fn the_cli_json_and_the_http_api_give_the_same_graph_answers() {
    let index = path_str(sample_index());
    let (_server, address, _) = start_server(&["--no-update", "--index", index]);

    let mut lists = Vec::new();
    for id in [KNLH_ID, SR_TORTURE_REPORT, CERD_ARABIC] {
        let cites = cli(&["cites", "--json", "--index", index, id]);
        assert_eq!(
            cites,
            api(&address, &format!("/api/documents/{}/cites", encode(id))),
            "cites {id}"
        );
        assert_eq!(cites["document"]["id"], id);
        let cited_by = cli(&["cited-by", "--json", "--limit", LIMIT, "--index", index, id]);
        assert_eq!(
            cited_by,
            api(
                &address,
                &format!("/api/documents/{}/cited-by?limit={LIMIT}", encode(id))
            ),
            "cited-by {id}"
        );
        assert_eq!(cited_by["document"]["id"], id);
        lists.push((listed(&cites, "citations"), listed(&cited_by, "documents")));
    }
    // Not vacuous: citations both ways, across systems, and Arabic surfaces.
    assert_eq!(lists[0], (2, 5), "K.N.L.H. v. Peru");
    assert!(
        lists[1].0 > 50 && lists[1].1 >= 1,
        "A/63/175: {:?}",
        lists[1]
    );
    assert_eq!(lists[2].0, 3, "the Arabic recommendation");
    let arabic = cli(&["cites", "--json", "--index", index, CERD_ARABIC]);
    assert!(
        arabic.to_string().contains("قرار الجمعية العامة 61/148"),
        "{arabic:#}"
    );

    let by_key = cli(&[
        "cited-by",
        "--json",
        "--limit",
        LIMIT,
        "--index",
        index,
        DANGLING_KEY,
    ]);
    assert_eq!(
        by_key,
        api(
            &address,
            &format!("/api/cited-by?key={}&limit={LIMIT}", encode(DANGLING_KEY))
        ),
        "cited-by {DANGLING_KEY}"
    );
    assert_eq!(by_key["document"], Value::Null);
    assert!(listed(&by_key, "documents") > 0, "{by_key:#}");
}
