//! Test helpers: a store ingested from the examples, a server on an
//! ephemeral port, and a minimal HTTP/1.1 client (one connection per
//! request, so every request is independent).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use casus::ingest::{Inputs, Options, Record};
use casus::{Article, Coder};
use casus_serve::{Config, Server};
use casus_store::{BatchInfo, Store};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A temporary directory removed on drop.
pub struct Tmp(pub PathBuf);

impl Tmp {
    pub fn new(name: &str) -> Tmp {
        let p = std::env::temp_dir()
            .join(format!("casus-serve-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&p);
        std::fs::create_dir_all(&p).unwrap();
        Tmp(p)
    }
}

impl Drop for Tmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn coder() -> &'static Coder {
    static CODER: OnceLock<Coder> = OnceLock::new();
    CODER.get_or_init(|| Coder::builtin().unwrap())
}

/// Articles read from `paths`, coded.
pub fn coded(paths: &[PathBuf]) -> Vec<(Article, Vec<casus::events::Event>)> {
    let inputs = Inputs::new(paths, Options::default()).unwrap();
    let mut out = Vec::new();
    for rec in inputs {
        if let Record::Article { article, .. } = rec {
            let events = coder().code(&article);
            out.push((article, events));
        }
    }
    out
}

pub fn info() -> BatchInfo {
    BatchInfo {
        casus_version: "test".into(),
        dict_hash: "test".into(),
        keep_text: true,
    }
}

/// Creates a store at `db` from the examples and the test corpus.
pub fn build_store(db: &Path) {
    let mut store = Store::open(db).unwrap();
    let paths = [root().join("examples"), corpus()];
    store.ingest(&info(), &coded(&paths)).unwrap();
}

/// The test corpus (US-Israel relations in early 2024, written for
/// these tests; a gap with no articles from Feb 14 to Mar 11).
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus.jsonl")
}

/// The shared read-only fixture store.
pub fn fixture() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir()
            .join(format!("casus-serve-fixture-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("casus.db");
        build_store(&db);
        db
    })
}

/// A server over `db` on an ephemeral loopback port.
pub fn serve(db: &Path) -> Server {
    let mut c = Config::new(db.to_path_buf());
    c.addr = "127.0.0.1:0".parse().unwrap();
    c.refresh = Duration::from_millis(50);
    let s = Server::start(c).unwrap();
    wait_coverage(s.addr());
    s
}

/// The shared server over [`fixture`].
pub fn server() -> SocketAddr {
    static SERVER: OnceLock<(SocketAddr, std::sync::Mutex<Server>)> =
        OnceLock::new();
    SERVER
        .get_or_init(|| {
            let s = serve(fixture());
            (s.addr(), std::sync::Mutex::new(s))
        })
        .0
}

/// Waits until the coverage cache is filled (timelines report it).
fn wait_coverage(addr: SocketAddr) {
    for _ in 0..200 {
        let r = get(addr, "/api/v1/timeline?source=USA&target=ISR");
        if r.status == 200 && r.json()["coverage"] == true {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("coverage never counted");
}

/// A parsed response.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

/// Sends raw request bytes; `None` when the server closed the
/// connection without a response.
pub fn raw(addr: SocketAddr, request: &[u8]) -> Option<Resp> {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    // The server may answer (and close) before reading a huge request.
    let _ = s.write_all(request);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    parse(&buf)
}

fn parse(buf: &[u8]) -> Option<Resp> {
    let end = buf.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&buf[..end]).ok()?;
    let mut lines = head.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect();
    let mut body = buf[end + 4..].to_vec();
    let chunked = headers.iter().any(|(k, v)| {
        k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked")
    });
    if chunked {
        body = dechunk(&body);
    }
    Some(Resp { status, headers, body })
}

fn dechunk(mut b: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    while let Some(eol) = b.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&b[..eol])
            .ok()
            .and_then(|s| usize::from_str_radix(s.trim(), 16).ok())
            .unwrap_or(0);
        if size == 0 || b.len() < eol + 2 + size {
            break;
        }
        out.extend_from_slice(&b[eol + 2..eol + 2 + size]);
        b = &b[(eol + 4 + size).min(b.len())..];
    }
    out
}

/// `method path` with a loopback Host.
pub fn request(addr: SocketAddr, method: &str, path: &str) -> Resp {
    let req = format!(
        "{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    raw(addr, req.as_bytes())
        .unwrap_or_else(|| panic!("no response to {method} {path}"))
}

/// `GET path`.
pub fn get(addr: SocketAddr, path: &str) -> Resp {
    request(addr, "GET", path)
}

/// `GET path`, expecting 200 JSON.
pub fn get_json(addr: SocketAddr, path: &str) -> serde_json::Value {
    let r = get(addr, path);
    assert_eq!(r.status, 200, "GET {path}: {}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"), "{path}");
    r.json()
}

/// Percent-encodes a query value.
pub fn enc(v: &str) -> String {
    let mut out = String::new();
    for b in v.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
