//! 10,000 malformed requests: random paths, parameters, huge and unicode
//! values, wrong methods, broken request lines and headers. None may get
//! a 5xx, none may panic a server thread, and the server still answers
//! afterwards. Deterministic (fixed seed); `CASUS_FUZZ_N` and
//! `CASUS_FUZZ_SEED` change the count and seed.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Once;

use crate::util::{self, enc, get_json};

/// splitmix64.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const ROUTES: &[&str] = &[
    "/api/v1/events",
    "/api/v1/events/1",
    "/api/v1/clusters/1",
    "/api/v1/timeline",
    "/api/v1/actors/top",
    "/api/v1/actors/matrix",
    "/api/v1/actors/suggest",
    "/api/v1/actors/USA",
    "/api/v1/articles/us-isr-0108",
    "/api/v1/stats",
    "/api/v1/search",
    "/api/v1/codes",
    "/api/v1/openapi.json",
    "/",
    "/static/app.js",
];

const NAMES: &[&str] = &[
    "source",
    "target",
    "dyad",
    "both",
    "from",
    "to",
    "root",
    "cameo",
    "plover",
    "quad",
    "min_sources",
    "text",
    "all",
    "modality",
    "negated",
    "limit",
    "cursor",
    "order",
    "clusters",
    "by",
    "n",
    "q",
    "kind",
    "x",
    "",
    "limit[]",
    "%00",
    "\u{1F4A5}",
];

const METHODS: &[&str] = &[
    "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT",
    "PROPFIND", "get", "G\u{c9}T", "GET GET", "",
];

/// A value meant to break something.
fn value(r: &mut Rng) -> String {
    match r.below(16) {
        0 => String::new(),
        1 => "x".repeat(1 + r.below(20_000)),
        2 => "\u{1F600}\u{202E}\u{0301}é中文".repeat(1 + r.below(50)),
        3 => format!("{}", r.next() as i64),
        4 => "-1".into(),
        5 => "99999999999999999999999".into(),
        6 => "0000-00-00".into(),
        7 => format!(
            "{}-{:02}-{:02}",
            r.below(10_000),
            r.below(14),
            r.below(33)
        ),
        8 => "USA:ISR:RUS".into(),
        9 => "' OR 1=1; DROP TABLE events; --".into(),
        10 => "\"NEAR(a b\" * OR ^ :".into(),
        11 => "%".into(),
        12 => "%ZZ%00%FF%C0%AF".into(),
        13 => "true".into(),
        14 => "../../../../etc/passwd".into(),
        _ => {
            (0..r.below(40)).map(|_| char::from(r.below(256) as u8)).collect()
        }
    }
}

fn encode(r: &mut Rng, v: &str) -> String {
    // Mostly encoded; sometimes raw (spaces, non-ASCII, bare %).
    if r.below(5) == 0 {
        v.to_string()
    } else {
        enc(v)
    }
}

fn target(r: &mut Rng) -> String {
    let base = match r.below(4) {
        0 => {
            let segs = [
                "api",
                "v1",
                "events",
                "..",
                ".",
                "%2e%2e",
                "static",
                "actors",
                "",
                "%00",
                "\u{202E}",
                "clusters",
                "x".repeat(3000).as_str(),
            ]
            .map(String::from);
            let n = 1 + r.below(6);
            let mut p = String::new();
            for _ in 0..n {
                p.push('/');
                let s = r.pick(&segs).clone();
                p.push_str(&encode(r, &s));
            }
            p
        }
        1 => {
            let v = value(r);
            format!("/api/v1/events/{}", encode(r, &v))
        }
        2 => {
            let v = value(r);
            format!("/api/v1/actors/{}", encode(r, &v))
        }
        _ => r.pick(ROUTES).to_string(),
    };
    let mut q = Vec::new();
    for _ in 0..r.below(5) {
        let name = r.pick(NAMES).to_string();
        let v = value(r);
        q.push(format!("{}={}", encode(r, &name), encode(r, &v)));
    }
    if q.is_empty() {
        base
    } else {
        format!("{base}?{}", q.join(if r.below(10) == 0 { ";" } else { "&" }))
    }
}

/// One malformed request as raw bytes.
fn request(r: &mut Rng, host: &str) -> Vec<u8> {
    let path = target(r);
    let method = if r.below(4) == 0 {
        r.pick(METHODS).to_string()
    } else {
        "GET".into()
    };
    match r.below(12) {
        // A broken request line or header block.
        0 => {
            let mut b: Vec<u8> = (0..r.below(300)).map(|_| r.below(256) as u8).collect();
            b.extend_from_slice(b"\r\n\r\n");
            b
        }
        1 => format!("{method} {path}\r\n\r\n").into_bytes(),
        2 => format!("{method} {path} HTTP/9.9\r\nHost: {host}\r\n\r\n").into_bytes(),
        3 => format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
            "y".repeat(r.below(100_000))
        )
        .into_bytes(),
        4 => format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello"
        )
        .into_bytes(),
        5 => format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n"
        )
        .into_bytes(),
        6 => format!("{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", value(r))
            .into_bytes(),
        _ => format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n")
            .into_bytes(),
    }
}

static SERVER_PANICS: AtomicUsize = AtomicUsize::new(0);

/// Counts panics on the server's threads (named `casus-serve*`).
fn count_server_panics() {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let name = std::thread::current().name().unwrap_or("").to_string();
            if name.starts_with("casus-serve") {
                SERVER_PANICS.fetch_add(1, Ordering::SeqCst);
            }
            default(info);
        }));
    });
}

#[test]
fn ten_thousand_malformed_requests() {
    count_server_panics();
    let n: usize = std::env::var("CASUS_FUZZ_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let seed: u64 = std::env::var("CASUS_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(17);
    let a = util::server();
    let host = a.to_string();
    let mut r = Rng(seed);
    let mut statuses = std::collections::BTreeMap::new();
    let mut closed = 0;
    for i in 0..n {
        let req = request(&mut r, &host);
        match util::raw(a, &req) {
            Some(resp) => {
                assert!(
                    resp.status < 500,
                    "request {i} got {}: {:?}\n{}",
                    resp.status,
                    String::from_utf8_lossy(&req[..req.len().min(300)]),
                    resp.text()
                );
                *statuses.entry(resp.status).or_insert(0) += 1;
            }
            // hyper may close on bytes that are not HTTP at all.
            None => closed += 1,
        }
    }
    eprintln!("fuzz: {n} requests, statuses {statuses:?}, closed without response {closed}");
    assert_eq!(
        SERVER_PANICS.load(Ordering::SeqCst),
        0,
        "a server thread panicked"
    );
    assert!(closed < n / 10, "{closed} connections closed without a response");
    // Still serving.
    let stats = get_json(a, "/api/v1/stats");
    assert_eq!(stats["articles"], 20);
}
