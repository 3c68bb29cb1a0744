//! Prometheus text exposition: request counts by route and status, a latency histogram
//! by route, searches in flight, and the served index's generation and document count.

use crate::state::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::time::Instant;

/// Upper bounds of the latency buckets, in seconds.
const LATENCY_BUCKETS_SECONDS: [f64; 12] = [
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 10.0,
];

/// Label for requests that matched no route (keeps the label set bounded).
const UNMATCHED_ROUTE: &str = "unmatched";

#[derive(Default)]
struct Histogram {
    bucket_counts: [u64; LATENCY_BUCKETS_SECONDS.len()],
    count: u64,
    sum_seconds: f64,
}

#[derive(Default)]
struct Recorded {
    requests: BTreeMap<(String, u16), u64>,
    latencies: BTreeMap<String, Histogram>,
}

#[derive(Default)]
pub(crate) struct Metrics {
    recorded: Mutex<Recorded>,
}

impl Metrics {
    fn observe(&self, route: &str, status: u16, seconds: f64) {
        let mut recorded = self
            .recorded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        *recorded
            .requests
            .entry((route.to_string(), status))
            .or_insert(0) += 1;
        let histogram = recorded.latencies.entry(route.to_string()).or_default();
        histogram.count += 1;
        histogram.sum_seconds += seconds;
        for (bucket, bound) in LATENCY_BUCKETS_SECONDS.iter().enumerate() {
            if seconds <= *bound {
                histogram.bucket_counts[bucket] += 1;
            }
        }
    }

    fn render_requests(&self, out: &mut String) {
        let recorded = self
            .recorded
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        out.push_str("# HELP hrlex_http_requests_total HTTP requests by route and status.\n");
        out.push_str("# TYPE hrlex_http_requests_total counter\n");
        for ((route, status), count) in &recorded.requests {
            let _ = writeln!(
                out,
                "hrlex_http_requests_total{{route=\"{}\",status=\"{status}\"}} {count}",
                label_value(route)
            );
        }
        out.push_str("# HELP hrlex_http_request_duration_seconds HTTP request latency by route.\n");
        out.push_str("# TYPE hrlex_http_request_duration_seconds histogram\n");
        for (route, histogram) in &recorded.latencies {
            let route = label_value(route);
            for (bucket, bound) in LATENCY_BUCKETS_SECONDS.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "hrlex_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {}",
                    histogram.bucket_counts[bucket]
                );
            }
            let _ = writeln!(
                out,
                "hrlex_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                histogram.count
            );
            let _ = writeln!(
                out,
                "hrlex_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                histogram.sum_seconds
            );
            let _ = writeln!(
                out,
                "hrlex_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                histogram.count
            );
        }
    }
}

fn label_value(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// Middleware: times every request and counts it under its route pattern.
pub(crate) async fn record(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let route = request.extensions().get::<MatchedPath>().map_or_else(
        || UNMATCHED_ROUTE.to_string(),
        |path| path.as_str().to_string(),
    );
    let started = Instant::now();
    let response = next.run(request).await;
    state.metrics().observe(
        &route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// The whole exposition; the index figures are read by the caller (blocking I/O).
pub(crate) fn render(
    state: &AppState,
    index_generation: Option<u64>,
    index_documents: Option<u64>,
) -> String {
    let mut out = String::new();
    state.metrics().render_requests(&mut out);
    out.push_str("# HELP hrlex_searches_in_flight Searches running now.\n");
    out.push_str("# TYPE hrlex_searches_in_flight gauge\n");
    let _ = writeln!(
        out,
        "hrlex_searches_in_flight {}",
        state.searches_in_flight()
    );
    if let Some(generation) = index_generation {
        out.push_str(
            "# HELP hrlex_index_generation Commit generation (opstamp) of the served index.\n",
        );
        out.push_str("# TYPE hrlex_index_generation gauge\n");
        let _ = writeln!(out, "hrlex_index_generation {generation}");
    }
    if let Some(documents) = index_documents {
        out.push_str("# HELP hrlex_index_documents Documents in the served index.\n");
        out.push_str("# TYPE hrlex_index_documents gauge\n");
        let _ = writeln!(out, "hrlex_index_documents {documents}");
    }
    out
}
