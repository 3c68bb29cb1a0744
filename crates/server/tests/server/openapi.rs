//! Properties checked: the OpenAPI document served at `/api/openapi.json` is valid JSON
//! of OpenAPI 3.1, describes every route the router mounts (and nothing it does not),
//! and real responses match the response schemas it declares (a structural validator
//! for the subset of JSON Schema the document uses: `$ref`, `type` (with `null`),
//! `properties`, `required`, `items`, `additionalProperties`, `enum`).

use crate::common::*;
use axum::http::StatusCode;
use hrlex_server::{api_routes, ServerLimits};
use serde_json::Value;

fn resolve<'a>(document: &'a Value, schema: &'a Value) -> &'a Value {
    match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => {
            let pointer = reference.trim_start_matches('#');
            resolve(
                document,
                document
                    .pointer(pointer)
                    .unwrap_or_else(|| panic!("dangling {reference}")),
            )
        }
        None => schema,
    }
}

fn type_matches(expected: &str, value: &Value) -> bool {
    match expected {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        other => panic!("unsupported type {other}"),
    }
}

/// Collects every mismatch between `value` and `schema` (with its JSON path).
fn validate(document: &Value, schema: &Value, value: &Value, path: &str, errors: &mut Vec<String>) {
    let schema = resolve(document, schema);
    if let Some(types) = schema.get("type") {
        let allowed: Vec<&str> = match types {
            Value::String(single) => vec![single.as_str()],
            Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        };
        if !allowed.iter().any(|expected| type_matches(expected, value)) {
            errors.push(format!("{path}: expected {allowed:?}, got {value}"));
            return;
        }
    }
    if let Some(choices) = schema.get("enum").and_then(Value::as_array) {
        if !choices.contains(value) {
            errors.push(format!("{path}: {value} not in {choices:?}"));
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (position, item) in array.iter().enumerate() {
            validate(
                document,
                items,
                item,
                &format!("{path}[{position}]"),
                errors,
            );
        }
    }
    if let Some(object) = value.as_object() {
        for name in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let name = name.as_str().unwrap();
            if !object.contains_key(name) {
                errors.push(format!("{path}: missing required `{name}`"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (name, field) in object {
            match properties.and_then(|properties| properties.get(name)) {
                Some(field_schema) => validate(
                    document,
                    field_schema,
                    field,
                    &format!("{path}.{name}"),
                    errors,
                ),
                None => match schema.get("additionalProperties") {
                    Some(Value::Bool(false)) | None if properties.is_some() => {
                        errors.push(format!("{path}: undocumented property `{name}`"))
                    }
                    Some(extra) if extra.is_object() => {
                        validate(document, extra, field, &format!("{path}.{name}"), errors)
                    }
                    _ => {}
                },
            }
        }
    }
}

fn response_schema<'a>(document: &'a Value, path: &str, method: &str, status: u16) -> &'a Value {
    let operation = &document["paths"][path][method];
    let response = &operation["responses"][status.to_string()];
    let content = &response["content"];
    content
        .get("application/json")
        .map(|media| &media["schema"])
        .unwrap_or_else(|| panic!("no JSON schema for {method} {path} {status}"))
}

#[tokio::test]
async fn openapi_describes_every_route_the_router_serves() {
    let state = fixture_state(ServerLimits::default());
    let reply = get(&state, "/api/openapi.json").await;
    assert_eq!(reply.status, StatusCode::OK);
    let document = reply.json();
    assert_eq!(document["openapi"], "3.1.0");
    let mut served = Vec::new();
    for route in api_routes() {
        let method = route.method.as_str().to_lowercase();
        assert!(
            document["paths"][route.path][&method].is_object(),
            "{method} {} is not described",
            route.path
        );
        let operation = &document["paths"][route.path][&method];
        assert!(
            operation["responses"]["200"].is_object(),
            "{method} {} has no 200 response",
            route.path
        );
        served.push((method, route.path.to_string()));
    }
    for (path, operations) in document["paths"].as_object().unwrap() {
        for method in operations.as_object().unwrap().keys() {
            assert!(
                served.contains(&(method.clone(), path.clone())),
                "{method} {path} is described but not served"
            );
        }
    }
    // Every `$ref` resolves.
    let text = reply.text();
    for reference in text.split("\"$ref\": \"").skip(1) {
        let reference = reference.split('"').next().unwrap();
        assert!(
            document
                .pointer(reference.trim_start_matches('#'))
                .is_some(),
            "dangling {reference}"
        );
    }
}

#[tokio::test]
async fn real_responses_match_their_schemas() {
    let state = fixture_state(ServerLimits::default());
    let document = serde_json::from_str::<Value>(hrlex_server::OPENAPI_JSON).unwrap();
    let script = encode(SCRIPT_DOCUMENT_ID);
    let marckx = encode(MARCKX_ID);
    let calls = [
        (
            "/api/search",
            "/api/search?q=committee&filter=mechanism:ccpr".to_string(),
            200,
        ),
        (
            "/api/search",
            "/api/search?q=%E8%81%94%E5%90%88%E5%9B%BD".to_string(),
            200,
        ),
        ("/api/search", "/api/search?q=%28broken".to_string(), 400),
        (
            "/api/documents/{id}",
            format!("/api/documents/{script}"),
            200,
        ),
        (
            "/api/documents/{id}",
            "/api/documents/missing".to_string(),
            404,
        ),
        (
            "/api/documents/{id}/translations",
            format!("/api/documents/{script}/translations"),
            200,
        ),
        (
            "/api/documents/{id}/cites",
            format!("/api/documents/{script}/cites"),
            200,
        ),
        (
            "/api/documents/{id}/cited-by",
            format!("/api/documents/{marckx}/cited-by"),
            200,
        ),
        (
            "/api/cited-by",
            "/api/cited-by?key=hudoc%3A001-57534".to_string(),
            200,
        ),
        ("/api/facets", "/api/facets".to_string(), 200),
        ("/api/info", "/api/info".to_string(), 200),
        ("/healthz", "/healthz".to_string(), 200),
    ];
    for (path, uri, status) in calls {
        let reply = get(&state, &uri).await;
        assert_eq!(reply.status.as_u16(), status, "{uri}: {}", reply.text());
        let mut errors = Vec::new();
        validate(
            &document,
            response_schema(&document, path, "get", status),
            &reply.json(),
            "$",
            &mut errors,
        );
        assert!(
            errors.is_empty(),
            "{uri} does not match its schema:\n{}",
            errors.join("\n")
        );
    }
}

#[tokio::test]
async fn authentication_errors_match_their_schemas() {
    let document = serde_json::from_str::<Value>(hrlex_server::OPENAPI_JSON).unwrap();
    let folder = tempfile::tempdir().unwrap();
    let tokens = folder.path().join("tokens.json");
    add_token(&tokens, "Комитет", &["cat"]);
    let state = auth_state(&tokens, &folder.path().join("audit.log"));
    let without_tokens = fixture_state(ServerLimits::default());
    let guess = [("authorization", "Bearer hrlex_0123456789ab_00")];
    let mut replies = vec![
        (
            "/api/search",
            oneshot_with(
                &state,
                axum::http::Method::GET,
                "/api/search?q=a",
                &guess,
                None,
            )
            .await,
        ),
        (
            "/api/documents/{id}",
            oneshot_with(
                &without_tokens,
                axum::http::Method::GET,
                "/api/documents/x",
                &guess,
                None,
            )
            .await,
        ),
    ];
    let mut limited = None;
    for _ in 0..11 {
        limited =
            Some(oneshot_with(&state, axum::http::Method::GET, "/api/info", &guess, None).await);
    }
    replies.push(("/api/info", limited.unwrap()));
    let expected = [
        (401, "invalid_token"),
        (401, "tokens_not_accepted"),
        (429, "too_many_failures"),
    ];
    for ((path, reply), (status, code)) in replies.iter().zip(expected) {
        assert_eq!(reply.status.as_u16(), status, "{path}: {}", reply.text());
        assert_eq!(reply.error_code(), code);
        let mut errors = Vec::new();
        validate(
            &document,
            response_schema(&document, path, "get", status),
            &reply.json(),
            "$",
            &mut errors,
        );
        assert!(errors.is_empty(), "{path}: {}", errors.join("\n"));
    }
}
