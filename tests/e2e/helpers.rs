use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

/// The development corpus, for tests that start with `hrlex_testkit::require_dev_corpus!()`.
pub fn dev_corpus() -> PathBuf {
    hrlex_testkit::expect_dev_corpus()
}

/// The embedded sample corpus.
pub fn sample_corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

pub fn hrlex() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hrlex"));
    command.env_remove("HRLEX_LOG");
    command
}

/// Runs hrlex with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let output: Output = hrlex().args(args).output().expect("hrlex runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}

/// One HTTP/1.0 GET; returns (status, body).
pub fn http_get(address: &str, path: &str) -> (u16, String) {
    let reply = http_request(address, "GET", path, &[], "");
    (reply.status, reply.body)
}

/// A response read whole: status, header lines (`name: value`) and body.
pub struct HttpReply {
    pub status: u16,
    pub headers: Vec<String>,
    pub body: String,
}

impl HttpReply {
    /// The value of the first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find_map(|line| {
            let (header, value) = line.split_once(':')?;
            header.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }
}

/// One HTTP/1.0 request with extra headers and a body.
pub fn http_request(
    address: &str,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> HttpReply {
    let mut stream = std::net::TcpStream::connect(address).expect("server reachable");
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    let mut request = format!("{method} {path} HTTP/1.0\r\nHost: {address}\r\n");
    for (name, value) in headers {
        request.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() {
        request.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    request.push_str("\r\n");
    request.push_str(body);
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    HttpReply {
        status,
        headers: lines.map(str::to_string).collect(),
        body: body.to_string(),
    }
}

/// Kills the server when the test ends, whatever happens.
pub struct ServerGuard(Child);

/// Starts `hrlex serve ARGS` on a free port of 127.0.0.1. Returns the guard that stops it,
/// its address, and what it printed on stderr before listening.
pub fn start_server(args: &[&str]) -> (ServerGuard, String, Vec<String>) {
    let child = hrlex()
        .arg("serve")
        .args(args)
        .args(["--addr", "127.0.0.1:0"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut server = ServerGuard(child);
    let mut stderr = BufReader::new(server.0.stderr.take().unwrap());
    let mut before_listening = Vec::new();
    let address = loop {
        let mut line = String::new();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "server ended: {before_listening:?}"
        );
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
        before_listening.push(line);
    };
    // Keep reading so that the server never blocks on a full stderr pipe.
    std::thread::spawn(move || for _ in stderr.lines() {});
    (server, address, before_listening)
}

impl Drop for ServerGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `hrlex index --corpus CORPUS --index INDEX EXTRA…`; returns (exit code, stdout, stderr).
pub fn index_corpus(corpus: &Path, index: &Path, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "index",
        "--corpus",
        path_str(corpus),
        "--index",
        path_str(index),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// Percent-encodes everything but unreserved characters (ids hold `:` and `/`).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|byte| match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (byte as char).to_string()
            }
            _ => format!("%{byte:02X}"),
        })
        .collect()
}

/// `hrlex token add` of a token named `name` with `groups` (`a,b`) into `tokens`;
/// returns its secret.
pub fn add_token(tokens: &Path, name: &str, groups: &str) -> String {
    let (code, stdout, stderr) = run(&[
        "token",
        "add",
        "--tokens",
        path_str(tokens),
        "--name",
        name,
        "--groups",
        groups,
    ]);
    assert_eq!(code, 0, "{stderr}");
    stdout.trim().to_string()
}
