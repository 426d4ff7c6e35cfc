//! `casus-eval generate`: a synthetic store for benchmarks and the
//! store commands' tests ([`write_store`]). Deterministic
//! (fixed seed): articles from 50 outlets over ten years, 1-9 events each
//! among 30 countries (skewed so a few dyads dominate, as in real news),
//! real CAMEO codes with their Goldstein values, and ~35% re-reports of
//! earlier stories by other outlets so clusters have several mentions.
//! Events go through the normal write path (clusters included); rollups
//! are rebuilt once at the end.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use casus::events::{Event, EventActor, Modality};
use casus::time::{DateFrom, Precision};
use casus::{ActorCode, Article, CameoCode, Span};
use casus_store::{BatchInfo, Store};
use chrono::{Duration, NaiveDate};

use crate::timer::{Clock, Timer};

/// Flags of `casus-eval generate`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Number of events (mentions) to generate.
    #[arg(long, default_value_t = 1_000_000)]
    events: u64,
    /// The store to create (must not exist yet).
    #[arg(long)]
    db: PathBuf,
    /// Random seed.
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// Articles per transaction.
    #[arg(long, default_value_t = 2000)]
    batch: usize,
}

/// splitmix64: small, fast, deterministic.
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
    /// Skewed index: small indexes much more likely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((u * u * u) * n as f64) as usize % n
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.next() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
}

const COUNTRIES: [&str; 30] = [
    "USA", "ISR", "RUS", "CHN", "UKR", "IRN", "PSE", "EGY", "GBR", "FRA",
    "DEU", "TUR", "SAU", "SYR", "IRQ", "JOR", "LBN", "IND", "PAK", "AFG",
    "JPN", "KOR", "PRK", "NGA", "ETH", "KEN", "ZAF", "BRA", "MEX", "VEN",
];
const ROLES: [&str; 6] = ["GOV", "MIL", "GOV", "OPP", "BUS", "MED"];
/// (CAMEO code, Goldstein, QuadClass, PLOVER, verb phrase).
const CODES: [(&str, f32, u8, &str, &str); 20] = [
    ("040", 1.0, 1, "CONSULT", "held talks with"),
    ("042", 1.9, 1, "CONSULT", "visited"),
    ("043", 2.8, 1, "CONSULT", "hosted"),
    ("051", 3.4, 1, "SUPPORT", "praised"),
    ("057", 8.0, 1, "AGREE", "signed an accord with"),
    ("020", 3.0, 1, "REQUEST", "appealed to"),
    ("036", 4.0, 1, "AGREE", "offered to meet"),
    ("061", 6.4, 2, "COOPERATE", "expanded trade with"),
    ("071", 7.4, 2, "AID", "sent economic aid to"),
    ("111", -2.0, 3, "ACCUSE", "criticized"),
    ("112", -2.0, 3, "ACCUSE", "accused"),
    ("120", -4.0, 3, "REJECT", "rejected a proposal by"),
    ("130", -4.4, 3, "THREATEN", "threatened"),
    ("138", -7.0, 3, "THREATEN", "threatened military action against"),
    ("141", -6.5, 4, "PROTEST", "protested against"),
    ("163", -8.0, 4, "SANCTION", "imposed an embargo on"),
    ("172", -5.0, 4, "SANCTION", "sanctioned"),
    ("173", -5.0, 4, "COERCE", "arrested citizens of"),
    ("190", -10.0, 4, "ASSAULT", "attacked"),
    ("195", -10.0, 4, "ASSAULT", "carried out air strikes on"),
];
const TOPICS: [&str; 12] = [
    "border security",
    "energy prices",
    "the ceasefire",
    "grain exports",
    "nuclear talks",
    "a detained journalist",
    "water rights",
    "refugee flows",
    "arms sales",
    "port access",
    "an election dispute",
    "fishing zones",
];

struct Story {
    date: NaiveDate,
    src: (usize, usize),
    tgt: (usize, usize),
    code: usize,
    topic: usize,
}

fn actor(c: usize, r: usize) -> EventActor {
    EventActor {
        code: ActorCode::from_parts(COUNTRIES[c], ROLES[r]),
        country: Some(COUNTRIES[c].to_string()),
        role: Some(ROLES[r].to_string()),
        name: None,
        span: Span::new(0, 3),
        from: None,
    }
}

/// Runs `casus-eval generate`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    write_store(&args.db, args.events, args.seed, args.batch)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes a new synthetic store at `db` with `events` events (random
/// seed `seed`, `batch` articles per transaction); returns the number of
/// events and articles written.
///
/// # Errors
///
/// When `db` exists already, or the store cannot be written.
pub fn write_store(
    db: &Path,
    events: u64,
    seed: u64,
    batch_size: usize,
) -> anyhow::Result<(u64, u64)> {
    let args = Args { events, db: db.to_path_buf(), seed, batch: batch_size };
    if args.db.exists() {
        anyhow::bail!(
            "{}: already exists; generate writes a new store",
            args.db.display()
        );
    }
    let timer = Timer::start(Clock::Process);
    let mut store = Store::open(&args.db)
        .with_context(|| format!("creating {}", args.db.display()))?;
    let info = BatchInfo {
        casus_version: env!("CARGO_PKG_VERSION").to_string(),
        dict_hash: "synthetic".to_string(),
        keep_text: false,
    };
    store.begin_bulk()?;
    let mut rng = Rng(args.seed);
    let first = NaiveDate::from_ymd_opt(2015, 1, 1).context("date")?;
    let days = 3652i64;
    let articles_total = (args.events / 5).max(1);
    let mut pool: VecDeque<Story> = VecDeque::new();
    let mut made = 0u64;
    let mut n_article = 0u64;
    let mut batch: Vec<(Article, Vec<Event>)> = Vec::with_capacity(args.batch);
    while made < args.events {
        let day = first
            + Duration::days(
                (n_article as i64 * days) / articles_total as i64,
            );
        let outlet = rng.below(50);
        let id = format!("gen-{n_article:09}");
        let mut article = Article::new(&id, day, "");
        article.outlet = Some(format!("outlet{outlet:02}"));
        article.url =
            Some(format!("https://news{outlet:02}.example/{n_article}"));
        let k = (1 + rng.below(9) as u64).min(args.events - made);
        let mut events = Vec::with_capacity(k as usize);
        for j in 0..k {
            let story = if !pool.is_empty() && rng.chance(0.35) {
                let i = rng.below(pool.len());
                &pool[i]
            } else {
                let s = rng.skewed(COUNTRIES.len());
                let mut t = rng.skewed(COUNTRIES.len());
                if t == s {
                    t = (t + 1) % COUNTRIES.len();
                }
                pool.push_back(Story {
                    date: day - Duration::days(rng.below(3) as i64),
                    src: (s, rng.below(ROLES.len())),
                    tgt: (t, rng.below(ROLES.len())),
                    code: rng.skewed(CODES.len()),
                    topic: rng.below(TOPICS.len()),
                });
                if pool.len() > 4000 {
                    pool.pop_front();
                }
                pool.back().context("pool")?
            };
            let (cameo, goldstein, quad, plover, verb) = CODES[story.code];
            let cameo: CameoCode = cameo.parse()?;
            let src = actor(story.src.0, story.src.1);
            let tgt = actor(story.tgt.0, story.tgt.1);
            let evidence = format!(
                "{} officials {verb} {} over {}, outlet{outlet:02} reported.",
                COUNTRIES[story.src.0],
                COUNTRIES[story.tgt.0],
                TOPICS[story.topic]
            );
            let negated = rng.chance(0.02);
            let modality = if rng.chance(0.05) {
                Modality::Intended
            } else {
                Modality::Asserted
            };
            events.push(Event {
                article_id: id.clone(),
                event_id: format!("{id}-{j}"),
                sentence: j as usize,
                span: Span::new(0, evidence.len()),
                evidence,
                date: story.date.to_string(),
                date_from: DateFrom::Text,
                precision: Precision::Day,
                date_end: None,
                after_published: false,
                source: Some(src),
                target: Some(tgt),
                cameo,
                root: cameo.root(),
                quad_class: quad,
                goldstein,
                plover: plover.to_string(),
                plover_mode: None,
                negated,
                modality,
                attribution: None,
                location: None,
                pattern: "generate".to_string(),
                pattern_id: "generate".to_string(),
                confidence: 1.0,
                basis: Default::default(),
            });
        }
        made += k;
        n_article += 1;
        batch.push((article, events));
        if batch.len() >= args.batch {
            store.ingest_bulk(&info, &batch)?;
            batch.clear();
            if n_article % 200_000 == 0 {
                eprintln!(
                    "casus-eval generate: {made} events, {:.0} s",
                    timer.stop().wall
                );
            }
        }
    }
    store.ingest_bulk(&info, &batch)?;
    eprintln!("casus-eval generate: indexing, {:.0} s", timer.stop().wall);
    store.finish_bulk()?;
    eprintln!(
        "casus-eval generate: {made} events in {n_article} articles, {:.1} s",
        timer.stop().wall
    );
    Ok((made, n_article))
}
