//! Regression test for issue 18, defect 1: `q=` followed by `NOT ` 250 times and a word
//! (about 1 KB) overflowed a tokio worker's stack and aborted the whole server.

use crate::helpers::{http_get, path_str, run, start_server};

#[test]
fn regression_18_1_a_chain_of_not_does_not_kill_the_server() {
    let corpus = tempfile::tempdir().unwrap();
    let index = tempfile::tempdir().unwrap();
    std::fs::write(
        corpus.path().join("views.txt"),
        "Комитет констатирует нарушение статьи 7 Пакта (пытки).",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&[
        "index",
        "--corpus",
        path_str(corpus.path()),
        "--index",
        path_str(index.path()),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let (_server, address, _) = start_server(&["--index", path_str(index.path())]);
    for nots in [250, 251, 500] {
        let query = format!("{}%D0%BF%D1%8B%D1%82%D0%BA%D0%B8", "NOT%20".repeat(nots));
        for path in [format!("/api/search?q={query}"), format!("/?q={query}")] {
            let (status, body) = http_get(&address, &path);
            assert!(
                status == 200 || status == 400,
                "{nots} NOTs on {}: {status} {body}",
                &path[..10]
            );
        }
    }
    let (status, body) = http_get(
        &address,
        "/api/search?q=NOT%20NOT%20%D0%BF%D1%8B%D1%82%D0%BA%D0%B8",
    );
    assert_eq!(status, 200, "{body}");
    assert!(
        body.contains("views.txt"),
        "an even chain of NOT cancels out: {body}"
    );
    assert_eq!(
        http_get(&address, "/healthz").0,
        200,
        "the server is still up"
    );
}
