//! Regression tests of issue 18 (hostile requests), one per defect, named after it, all
//! through a real socket. Properties checked:
//! - defect 7: connections are bounded — past the cap, idle and slow-header sockets are
//!   closed to make room and `/healthz` answers within a second, while a connection
//!   with a request in progress is never closed for room; idle, keep-alive and
//!   slow-header connections are closed after their timeouts;
//! - defect 8: `filter` parameters count toward the query's clause limit (API GET and
//!   POST, the web page, the facets route), refused at once with 400;
//! - defect 10: page arithmetic is checked (`page=9223372036854775809` is a 400, not
//!   page 1); the cited-by page refuses the 60 KB key and `offset=-1` the API refuses;
//!   an invalid UTF-8 id gets the JSON error format under `/api/` (an HTML page
//!   elsewhere); a missing index is a 503 on `/healthz` and the API, not a 500.

use crate::common::*;
use axum::http::{Method, StatusCode};
use hrlex_server::{AppState, ServerLimits};
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Whether the server closed `stream` within `wait` (end of file or reset).
async fn closed_by_server(stream: &mut TcpStream, wait: Duration) -> bool {
    let mut buffer = [0u8; 4096];
    let deadline = Instant::now() + wait;
    loop {
        let remaining = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(remaining, stream.read(&mut buffer)).await {
            Err(_) => return false,
            Ok(Ok(0)) | Ok(Err(_)) => return true,
            // A response (to a complete request): keep reading until the close.
            Ok(Ok(_)) => continue,
        }
    }
}

/// A socket that sends only the start of a request head, as a slowloris client does.
async fn slow_header_socket(address: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(address).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        .await
        .unwrap();
    stream
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_18_7_connection_flood_keeps_healthz_answering() {
    let limits = ServerLimits {
        max_connections: 8,
        // Long timeouts: room must come from closing the longest-idle connections.
        header_read_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        ..ServerLimits::default()
    };
    let server = RunningServer::start(fixture_state(limits)).await;
    let mut flood = Vec::new();
    for n in 0..24 {
        let stream = if n % 2 == 0 {
            TcpStream::connect(server.address).await.unwrap()
        } else {
            slow_header_socket(server.address).await
        };
        flood.push(stream);
    }
    let started = Instant::now();
    let health = tokio::time::timeout(
        Duration::from_secs(1),
        http(server.address, Method::GET, "/healthz", &[], None),
    )
    .await
    .expect("/healthz did not answer within a second under a connection flood");
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.json()["status"], "ok");
    assert!(started.elapsed() < Duration::from_secs(1));

    // The cap holds: of the 24 flood sockets, at most 8 stay open.
    let mut closed = 0;
    for stream in &mut flood {
        if closed_by_server(stream, Duration::from_millis(300)).await {
            closed += 1;
        }
    }
    assert!(
        closed >= 24 - 8,
        "only {closed} of 24 flood connections were closed; the cap is 8"
    );
    // And the server still serves a search in Arabic.
    let search = http(
        server.address,
        Method::GET,
        &format!("/api/search?q={}", encode("الأمم المتحدة")),
        &[],
        None,
    )
    .await;
    assert_eq!(search.status, StatusCode::OK);
    assert!(search.json()["total"].as_u64().unwrap() >= 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_18_7_a_request_in_progress_is_never_closed_for_room() {
    let limits = ServerLimits {
        max_connections: 2,
        header_read_timeout: Duration::from_secs(60),
        idle_timeout: Duration::from_secs(60),
        ..ServerLimits::default()
    };
    let server = RunningServer::start(fixture_state(limits)).await;
    // A search whose body is still on its way: the connection is busy.
    let body = serde_json::to_vec(&serde_json::json!({"query": "联合国"})).unwrap();
    let mut busy = TcpStream::connect(server.address).await.unwrap();
    let head = format!(
        "POST /api/search HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    busy.write_all(head.as_bytes()).await.unwrap();
    busy.write_all(&body[..4]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let mut flood = Vec::new();
    for _ in 0..6 {
        flood.push(TcpStream::connect(server.address).await.unwrap());
    }
    let health = tokio::time::timeout(
        Duration::from_secs(1),
        http(server.address, Method::GET, "/healthz", &[], None),
    )
    .await
    .expect("/healthz did not answer within a second");
    assert_eq!(health.status, StatusCode::OK);
    busy.write_all(&body[4..]).await.unwrap();
    let mut response = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), busy.read_to_end(&mut response))
        .await
        .expect("no response to the request in progress")
        .expect("the connection with a request in progress was closed");
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 200"), "{response:.200}");
    assert!(response.contains("\"total\""), "{response:.200}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_18_7_idle_and_slow_header_connections_are_closed_after_the_timeout() {
    let limits = ServerLimits {
        header_read_timeout: Duration::from_millis(400),
        idle_timeout: Duration::from_millis(400),
        ..ServerLimits::default()
    };
    let server = RunningServer::start(fixture_state(limits)).await;
    let mut idle = TcpStream::connect(server.address).await.unwrap();
    let mut slow_header = slow_header_socket(server.address).await;
    let mut kept_alive = TcpStream::connect(server.address).await.unwrap();
    kept_alive
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        .await
        .unwrap();
    let wait = Duration::from_secs(3);
    assert!(
        closed_by_server(&mut idle, wait).await,
        "a connection that sent nothing stayed open"
    );
    assert!(
        closed_by_server(&mut slow_header, wait).await,
        "a slow-header connection stayed open"
    );
    assert!(
        closed_by_server(&mut kept_alive, wait).await,
        "an idle keep-alive connection stayed open"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_18_8_filters_count_toward_the_clause_limit() {
    let server = RunningServer::start(fixture_state(ServerLimits::default())).await;
    let max_clauses = hrlex_index::query::MAX_CLAUSES;
    // Russian state names, ASCII past 100 filters to keep 2,200 of them (about 42 KB,
    // as the probe's 61 KB URL) under the 64 KB an HTTP URI may have.
    let filters = |count: usize| {
        (0..count)
            .map(|n| match n {
                0..100 => format!("&filter=state:{}", encode(&format!("Россия{n}"))),
                _ => format!("&filter=state:s{n}"),
            })
            .collect::<String>()
    };
    // One term plus 63 filters is the limit; one more is refused, and 2,200 at once.
    let at_limit = http(
        server.address,
        Method::GET,
        &format!("/api/search?q=torture{}", filters(max_clauses - 1)),
        &[],
        None,
    )
    .await;
    assert_eq!(at_limit.status, StatusCode::OK, "{}", at_limit.text());
    for count in [max_clauses, 2200] {
        let started = Instant::now();
        let refused = http(
            server.address,
            Method::GET,
            &format!("/api/search?q=torture{}", filters(count)),
            &[],
            None,
        )
        .await;
        assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{count} filters");
        assert_eq!(refused.error_code(), "invalid_parameter");
        assert!(refused.json()["error"]["message"]
            .as_str()
            .unwrap()
            .contains("clauses"));
        assert!(started.elapsed() < Duration::from_secs(1));
    }
    let facets = http(
        server.address,
        Method::GET,
        &format!("/api/facets?q=torture{}", filters(2200)),
        &[],
        None,
    )
    .await;
    assert_eq!(facets.status, StatusCode::BAD_REQUEST);
    let page = http(
        server.address,
        Method::GET,
        &format!("/?q=torture{}", filters(2200)),
        &[],
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("clauses"));
    let body: Vec<serde_json::Value> = (0..max_clauses)
        .map(|n| serde_json::json!({"field": "state", "value": format!("中国{n}")}))
        .collect();
    let posted = http(
        server.address,
        Method::POST,
        "/api/search",
        &[],
        Some((
            "application/json",
            serde_json::to_vec(&serde_json::json!({"query": "酷刑", "filters": body})).unwrap(),
        )),
    )
    .await;
    assert_eq!(posted.status, StatusCode::BAD_REQUEST);
    assert_eq!(posted.error_code(), "invalid_parameter");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_18_10_page_arithmetic_is_checked() {
    let server = RunningServer::start(fixture_state(ServerLimits::default())).await;
    // (2^63 + 1 - 1) * 10 wraps to offset 0: page 1 was served.
    for path in [
        "/api/search?q=torture&page=9223372036854775809",
        "/api/search?q=torture&page=9223372036854775809&limit=2",
        "/api/search?q=torture&page=102",
    ] {
        let reply = http(server.address, Method::GET, path, &[], None).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(reply.error_code(), "invalid_parameter", "{path}");
    }
    let page = http(
        server.address,
        Method::GET,
        &format!("/?q={}&page=9223372036854775809", encode("Устав")),
        &[],
        None,
    )
    .await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("page 9223372036854775809"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_18_10_cited_by_page_has_the_bounds_of_the_api() {
    let server = RunningServer::start(fixture_state(ServerLimits::default())).await;
    let hostile = [
        format!("key=comm:CCPR:{}", "9".repeat(60 * 1024)),
        format!("key={}", encode(&format!("comm:CCPR:{}", "٣".repeat(2048)))),
        "key=comm:CCPR:1153/2003&offset=-1".to_string(),
        "key=comm:CCPR:1153/2003&offset=99999999999999999999999".to_string(),
        "key=comm:CCPR:1153/2003&bogus=1".to_string(),
    ];
    for query in &hostile {
        let api = http(
            server.address,
            Method::GET,
            &format!("/api/cited-by?{query}"),
            &[],
            None,
        )
        .await;
        assert_eq!(api.status, StatusCode::BAD_REQUEST, "API {query:.80}");
        assert_eq!(api.error_code(), "invalid_parameter");
        let page = http(
            server.address,
            Method::GET,
            &format!("/cited-by?{query}"),
            &[],
            None,
        )
        .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST, "page {query:.80}");
        assert!(page.text().contains("<!doctype html>"));
    }
    let fine = http(
        server.address,
        Method::GET,
        "/cited-by?key=hudoc:001-57534&offset=0",
        &[],
        None,
    )
    .await;
    assert_eq!(fine.status, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_18_10_invalid_utf8_id_gets_the_json_error_format() {
    let server = RunningServer::start(fixture_state(ServerLimits::default())).await;
    for path in [
        "/api/documents/%FF",
        "/api/documents/%D0%A0%FF",
        "/api/documents/%FF/translations",
        "/api/documents/%FF/cites",
        "/api/documents/%FF/cited-by",
    ] {
        let reply = http(server.address, Method::GET, path, &[], None).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{path}");
        assert_eq!(reply.error_code(), "invalid_parameter", "{path}");
        assert!(reply.headers["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/json"));
    }
    let page = http(server.address, Method::GET, "/documents/%FF", &[], None).await;
    assert_eq!(page.status, StatusCode::BAD_REQUEST);
    assert!(page.text().contains("<!doctype html>"));
}

fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_folder(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn regression_18_10_a_missing_index_is_503_not_500() {
    let folder = tempfile::tempdir().unwrap();
    let index = folder.path().join("index");
    copy_folder(&fixture().index_dir, &index);
    let state = AppState::open(&index, ServerLimits::default()).unwrap();
    let server = RunningServer::start(state).await;
    assert_eq!(
        http(server.address, Method::GET, "/healthz", &[], None)
            .await
            .status,
        StatusCode::OK
    );
    // What a kill between the two renames of a rebuild swap leaves: no index at the path.
    std::fs::rename(&index, folder.path().join("index.old")).unwrap();
    for path in ["/healthz", "/api/info"] {
        let reply = http(server.address, Method::GET, path, &[], None).await;
        assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{path}");
        assert_eq!(reply.error_code(), "index_unavailable", "{path}");
        assert!(reply.headers.contains_key("retry-after"));
    }
}
