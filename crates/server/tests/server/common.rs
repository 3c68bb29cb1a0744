//! Shared helpers: a fixture index built from real corpus files plus one crafted
//! document, an in-process client (`oneshot`), a real-socket HTTP client (hyper), and a
//! running server.

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use hrlex_index::{update_index, CorpusEntry, Extraction, IndexRunOptions};
use hrlex_ingest::{extract_file, FileOutcome, IngestOptions};
use hrlex_model::{CitationKey, DocType, Document, Lang, Mechanism, Paragraph};
use hrlex_server::{AppState, ServerLimits};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tower::ServiceExt;

/// Id of the crafted document whose text holds `<script>alert(1)</script>` and which
/// cites Marckx v. Belgium (para. 2) and a CCPR communication (para. 3).
pub const SCRIPT_DOCUMENT_ID: &str = "test:script-injection";
pub const MARCKX_ID: &str = "hudoc:001-57534";
pub const CHARTER_WORK: &str = "un-charter";

/// The embedded sample corpus of the repository.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// Real files of the sample corpus: the UN Charter in Arabic, Chinese and English, a
/// HUDOC judgment, a treaty-body decision shard.
const FIXTURE_FILES: [&str; 5] = [
    "multilingual/un-charter/raw_un_charter_ar.txt",
    "multilingual/un-charter/raw_un_charter_zh.txt",
    "multilingual/un-charter/raw_un_charter_en.txt",
    "echr/hudoc-texts/standard_001-57534_ENG.txt",
    "treaty-bodies/decisions/jur_CCPR_2002-2003.json",
];

const SCRIPT_FILE: &str = "crafted/script-injection.txt";

pub fn script_document() -> Document {
    let mut document = Document::new(SCRIPT_DOCUMENT_ID, Lang::En);
    document.title = "A.B. v. Testland <script>alert(1)</script>".to_string();
    document.mechanism = Mechanism::Ccpr;
    document.doc_type = DocType::Views;
    document.symbol = Some("CCPR/C/999/D/1/2024".to_string());
    document.identifiers = vec![CitationKey::new("comm:CCPR:1/2024")];
    document.states = vec!["Testland".to_string()];
    document.date = Some("2024-01-15".to_string());
    document.source.path = SCRIPT_FILE.to_string();
    // `ParagraphCitation` is not exported by name from the model crate: built via serde.
    document.paragraphs = serde_json::from_value::<Vec<Paragraph>>(serde_json::json!([
        {"n": "1", "text": "The author submitted a statement reading <script>alert(1)</script> to test the quokkaword filter."},
        {"n": "2", "text": "The Committee recalls the reasoning of the European Court in Marckx v. Belgium, § 31, on family life.",
         "citations": [{"key": "hudoc:001-57534", "pin": ["31"], "surface": "Marckx v. Belgium, § 31"}]},
        {"n": "3", "text": "See also Riley et al. v. Canada, communication No. 1048/2002, on religious dress and the police.",
         "citations": [{"key": "comm:CCPR:1048/2002", "surface": "communication No. 1048/2002"}]}
    ]))
    .unwrap();
    document
}

/// Extracts one corpus file; the charter's language versions become one work.
pub fn extract(entry: &CorpusEntry, crafted: &[(String, Vec<Document>)]) -> Extraction {
    if let Some((_, documents)) = crafted
        .iter()
        .find(|(relative, _)| *relative == entry.relative)
    {
        return Extraction::Documents(documents.clone());
    }
    match extract_file(&entry.path, &entry.relative, &IngestOptions::default()) {
        Ok(FileOutcome::Documents(mut documents)) => {
            for document in &mut documents {
                if entry.relative.contains("un-charter") {
                    document.work_id = CHARTER_WORK.to_string();
                }
            }
            Extraction::Documents(documents)
        }
        Ok(FileOutcome::Skipped { reason }) => Extraction::Skipped(reason),
        Err(error) => Extraction::Failed {
            code: error.code().to_string(),
            reason: error.to_string(),
        },
    }
}

/// Copies `files` of the sample corpus into `corpus_dir`, writes placeholders for the
/// crafted documents, and indexes everything into `index_dir`.
pub fn build_index(
    corpus_dir: &Path,
    index_dir: &Path,
    files: &[&str],
    crafted: &[(String, Vec<Document>)],
) {
    let mut entries = Vec::new();
    for relative in files {
        let target = corpus_dir.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::copy(sample_corpus().join(relative), &target).unwrap();
        entries.push(CorpusEntry::new(target, *relative));
    }
    for (relative, _) in crafted {
        let target = corpus_dir.join(relative);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, relative.as_bytes()).unwrap();
        entries.push(CorpusEntry::new(target, relative.as_str()));
    }
    let options = IndexRunOptions::new(index_dir, vec![corpus_dir.to_path_buf()], "test");
    let report = update_index(&options, entries, Vec::new(), |batch| {
        batch.iter().map(|entry| extract(entry, crafted)).collect()
    })
    .unwrap();
    assert!(
        report.failed.is_empty(),
        "fixture files failed: {:?}",
        report.failed
    );
}

pub struct Fixture {
    pub index_dir: PathBuf,
    _folders: (tempfile::TempDir, tempfile::TempDir),
}

/// The fixture index, built once per test binary.
pub fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let corpus = tempfile::tempdir().unwrap();
        let index = tempfile::tempdir().unwrap();
        build_index(
            corpus.path(),
            index.path(),
            &FIXTURE_FILES,
            &[(SCRIPT_FILE.to_string(), vec![script_document()])],
        );
        Fixture {
            index_dir: index.path().to_path_buf(),
            _folders: (corpus, index),
        }
    })
}

pub fn fixture_state(limits: ServerLimits) -> AppState {
    AppState::open(&fixture().index_dir, limits).unwrap()
}

/// A response read whole.
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// The stable error code of a JSON error body.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

/// One request through the router in-process.
pub async fn oneshot(
    state: &AppState,
    method: Method,
    uri: &str,
    body: Option<(&str, Vec<u8>)>,
) -> Reply {
    oneshot_with(state, method, uri, &[], body).await
}

/// One request through the router in-process, with extra headers.
pub async fn oneshot_with(
    state: &AppState,
    method: Method,
    uri: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, Vec<u8>)>,
) -> Reply {
    let mut request = Request::builder().method(method).uri(uri);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let body = match body {
        Some((content_type, bytes)) => {
            request = request.header(header::CONTENT_TYPE, content_type);
            Body::from(bytes)
        }
        None => Body::empty(),
    };
    let response = hrlex_server::router(state.clone())
        .oneshot(request.body(body).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap()
        .to_vec();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

pub async fn get(state: &AppState, uri: &str) -> Reply {
    oneshot(state, Method::GET, uri, None).await
}

/// One request over a real TCP connection (HTTP/1.1, hyper client).
pub async fn http(
    address: SocketAddr,
    method: Method,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<(&str, Vec<u8>)>,
) -> Reply {
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (mut sender, connection) =
        hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
            .await
            .unwrap();
    tokio::spawn(connection);
    let mut request = Request::builder()
        .method(method)
        .uri(path)
        .header(header::HOST, address.to_string());
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let bytes = match body {
        Some((content_type, bytes)) => {
            request = request.header(header::CONTENT_TYPE, content_type);
            bytes
        }
        None => Vec::new(),
    };
    let response = sender
        .send_request(request.body(Full::new(Bytes::from(bytes))).unwrap())
        .await
        .unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes().to_vec();
    Reply {
        status: parts.status,
        headers: parts.headers,
        body,
    }
}

/// A server on a real socket (127.0.0.1, port chosen by the OS), stopped on drop.
pub struct RunningServer {
    pub address: SocketAddr,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl RunningServer {
    pub async fn start(state: AppState) -> RunningServer {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(async move {
            hrlex_server::serve(listener, state, async {
                let _ = stopped.await;
            })
            .await
            .unwrap();
        });
        RunningServer {
            address,
            stop: Some(stop),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.address)
    }
}

impl Drop for RunningServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Percent-encodes a path segment.
pub fn encode(text: &str) -> String {
    let mut encoded = String::new();
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            encoded.push(byte as char);
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

/// Id of the crafted confidential document (groups `подкомитет`): its title holds
/// `pangolinword`, its text `quokkasecret`, and it cites Marckx v. Belgium.
pub const CONFIDENTIAL_ID: &str = "spt:visit-report-1";
/// The group that may see it (Russian: tokens and groups may be in any script).
pub const CONFIDENTIAL_GROUP: &str = "подкомитет";

pub fn confidential_document() -> Document {
    let mut document = Document::new(CONFIDENTIAL_ID, Lang::En);
    document.title = "Report on the visit to Testland (pangolinword)".to_string();
    document.mechanism = Mechanism::Spt;
    document.doc_type = DocType::Report;
    document.access = hrlex_model::Access::Confidential;
    document.groups = vec![CONFIDENTIAL_GROUP.to_string()];
    document.states = vec!["Testland".to_string()];
    document.date = Some("2025-03-01".to_string());
    document.source.path = CONFIDENTIAL_FILE.to_string();
    document.paragraphs = serde_json::from_value::<Vec<Paragraph>>(serde_json::json!([
        {"n": "1", "text": "The delegation visited the quokkasecret detention facility unannounced."},
        {"n": "2", "text": "The Subcommittee recalls Marckx v. Belgium, § 31, on the family life of detainees.",
         "citations": [{"key": "hudoc:001-57534", "pin": ["31"], "surface": "Marckx v. Belgium, § 31"}]}
    ]))
    .unwrap();
    document
}

const CONFIDENTIAL_FILE: &str = "crafted/confidential-visit.txt";

/// An index of Marckx v. Belgium, the `<script>` document and the confidential one.
pub fn confidential_fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let corpus = tempfile::tempdir().unwrap();
        let index = tempfile::tempdir().unwrap();
        build_index(
            corpus.path(),
            index.path(),
            &["echr/hudoc-texts/standard_001-57534_ENG.txt"],
            &[
                (SCRIPT_FILE.to_string(), vec![script_document()]),
                (CONFIDENTIAL_FILE.to_string(), vec![confidential_document()]),
            ],
        );
        Fixture {
            index_dir: index.path().to_path_buf(),
            _folders: (corpus, index),
        }
    })
}

/// Adds a token to the token file at `path` (created when missing); returns its secret.
pub fn add_token(path: &Path, name: &str, groups: &[&str]) -> String {
    let groups: Vec<String> = groups.iter().map(|group| group.to_string()).collect();
    hrlex_access::TokenFile::update(path, |file| file.add(name, &groups, 1_765_000_000)).unwrap()
}

pub fn revoke_token(path: &Path, name: &str) {
    hrlex_access::TokenFile::update(path, |file| file.revoke(name, 1_765_000_001)).unwrap();
}

/// A server state over the confidential fixture with the tokens of `tokens`, auditing
/// into `audit_log`.
pub fn auth_state(tokens: &Path, audit_log: &Path) -> AppState {
    let auth = hrlex_server::Auth::new(&hrlex_server::AuthConfig {
        tokens: Some(tokens.to_path_buf()),
        audit_log: Some(audit_log.to_path_buf()),
    })
    .unwrap();
    AppState::open_with_auth(
        &confidential_fixture().index_dir,
        ServerLimits::default(),
        auth,
    )
    .unwrap()
}

/// The audit log's entries.
pub fn audit_entries(audit_log: &Path) -> Vec<hrlex_access::AuditEntry> {
    hrlex_access::read_audit_log(audit_log)
        .unwrap()
        .into_iter()
        .map(|line| line.entry.expect("every audit line parses"))
        .collect()
}

/// `Authorization: Bearer <secret>`.
pub fn bearer(secret: &str) -> String {
    format!("Bearer {secret}")
}
