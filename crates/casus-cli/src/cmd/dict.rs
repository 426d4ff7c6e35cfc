//! `casus dict check|convert`: validate and convert TABARI/PETRARCH
//! dictionary files.
//!
//! `check` reads each file with the library's reader and prints every
//! problem as `file:line: reason` (warnings as `file:line: warning:
//! reason`), so that whoever edits a dictionary sees all mistakes in one
//! run; it exits 2 when any file has an error. `convert` writes what was
//! read in casus's own formats (see `dicts/tabari.md`).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use casus::dict::tabari::{self, Checked, Kind};
use casus::dict::{AgentPlacement, Dictionaries, Elem};

/// Flags of `casus dict`.
#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand, Debug)]
enum Action {
    /// Validate dictionary files; print every bad line as file:line: reason.
    Check(CheckArgs),
    /// Convert a TABARI/PETRARCH dictionary into casus's own format.
    Convert(ConvertArgs),
}

#[derive(clap::Args, Debug)]
struct CheckArgs {
    /// Dictionary files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// actors, agents, verbs or discards (default: guessed from content).
    #[arg(long)]
    kind: Option<String>,
    /// Do not print warnings (odd lines that are skipped or repaired).
    #[arg(long)]
    no_warnings: bool,
}

#[derive(clap::Args, Debug)]
struct ConvertArgs {
    /// The TABARI/PETRARCH dictionary to convert.
    file: PathBuf,
    /// Where to write the converted dictionary.
    #[arg(short, long)]
    output: PathBuf,
    /// actors, agents, verbs or discards (default: guessed from content).
    #[arg(long)]
    kind: Option<String>,
}

/// Runs `casus dict`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    match args.action {
        Action::Check(a) => check(a),
        Action::Convert(a) => convert(a),
    }
}

fn load(path: &Path, kind: Option<&str>) -> anyhow::Result<(Kind, Checked)> {
    let text = tabari::read_text(path)?;
    let kind = match kind {
        Some(k) => k.parse::<Kind>()?,
        None => tabari::sniff(&text),
    };
    Ok((kind, tabari::check(kind, &path.display().to_string(), &text)))
}

fn check(args: CheckArgs) -> anyhow::Result<ExitCode> {
    let mut failed = false;
    for path in &args.files {
        let (kind, c) = load(path, args.kind.as_deref())?;
        for e in &c.errors {
            println!("{e}");
        }
        if !args.no_warnings {
            for w in &c.warnings {
                println!("{}:{}: warning: {}", w.path, w.line, w.reason);
            }
        }
        let d = &c.dicts;
        let what = match kind {
            Kind::Actors => format!("{} actor entries", d.actors.len()),
            Kind::Agents => format!("{} agent entries", d.agents.len()),
            Kind::Verbs => format!(
                "{} verb patterns, {} synsets",
                d.verbs.len(),
                d.synsets.len()
            ),
            Kind::Discards => format!("{} discards", d.discards.len()),
        };
        eprintln!(
            "{}: {kind}: {what}; {} errors, {} warnings",
            path.display(),
            c.errors.len(),
            c.warnings.len()
        );
        failed |= !c.errors.is_empty();
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn convert(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    let (kind, c) = load(&args.file, args.kind.as_deref())?;
    if !c.errors.is_empty() {
        for e in &c.errors {
            eprintln!("{e}");
        }
        return Ok(ExitCode::from(2));
    }
    let source = args.file.display().to_string();
    let out = match kind {
        Kind::Actors => actors_tsv(&c.dicts, &source),
        Kind::Agents => agents_tsv(&c.dicts, &source),
        Kind::Verbs => verbs_tsv(&c.dicts, &source),
        Kind::Discards => discards_txt(&c.dicts, &source),
    };
    std::fs::write(&args.output, out)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "{}: {kind} -> {} ({} warnings)",
        args.file.display(),
        args.output.display(),
        c.warnings.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn date(d: Option<casus::Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

/// Groups items by key in first-seen order.
fn grouped<K: Eq + std::hash::Hash + Clone, V>(
    items: impl Iterator<Item = (K, V)>,
) -> Vec<(K, Vec<V>)> {
    let mut index: HashMap<K, usize> = HashMap::new();
    let mut out: Vec<(K, Vec<V>)> = Vec::new();
    for (k, v) in items {
        match index.get(&k) {
            Some(&i) => out[i].1.push(v),
            None => {
                index.insert(k.clone(), out.len());
                out.push((k, vec![v]));
            }
        }
    }
    out
}

/// `phrases<TAB>code<TAB>from<TAB>to<TAB>name`, phrases joined by `|`,
/// one line per code (and date range) of each TABARI block.
fn actors_tsv(d: &Dictionaries, source: &str) -> String {
    let mut s = format!(
        "# actors converted from {source} by casus dict convert\n\
         # phrases<TAB>code<TAB>from<TAB>to<TAB>name\n"
    );
    let groups = grouped(d.actors.iter().map(|a| {
        let key = (a.code.clone(), a.from, a.to, a.name.clone());
        (key, a.phrase.as_str())
    }));
    for ((code, from, to, name), phrases) in groups {
        let mut ps = phrases;
        ps.dedup();
        let _ = writeln!(
            s,
            "{}\t{code}\t{}\t{}\t{}",
            ps.join("|"),
            date(from),
            date(to),
            name.unwrap_or_default()
        );
    }
    s
}

/// `phrases<TAB>role<TAB>suffix|prefix`, one line per TABARI line.
fn agents_tsv(d: &Dictionaries, source: &str) -> String {
    let mut s = format!(
        "# agents converted from {source} by casus dict convert\n\
         # phrases<TAB>role<TAB>suffix|prefix\n"
    );
    let groups = grouped(d.agents.iter().map(|a| {
        let prefix = a.placement == AgentPlacement::Prefix;
        let key = (a.origin.line, a.code.clone(), prefix);
        (key, a.phrase.as_str())
    }));
    for ((_, code, prefix), phrases) in groups {
        let place = if prefix { "prefix" } else { "suffix" };
        let _ = writeln!(s, "{}\t{code}\t{place}", phrases.join("|"));
    }
    s
}

fn elems(es: &[Elem]) -> String {
    let parts: Vec<String> = es
        .iter()
        .map(|e| match e {
            Elem::Word(w) => w.clone(),
            Elem::Lemma(l) => format!("~{l}"),
            Elem::Source => "$".into(),
            Elem::Target => "+".into(),
            Elem::Skip | Elem::SkipPhrase => "^".into(),
            Elem::Adjacent => "_".into(),
            Elem::Synset(n) => format!("&{n}"),
            Elem::Compound => "%".into(),
            #[allow(unreachable_patterns)]
            _ => "?".into(),
        })
        .collect();
    parts.join(" ")
}

/// The verb IR as TSV (see `dicts/tabari.md`): synsets as
/// `&NAME<TAB>member|member`, then one line per pattern:
/// `cameo<TAB>verb<TAB>before<TAB>after<TAB>origin`.
fn verbs_tsv(d: &Dictionaries, source: &str) -> String {
    let mut s = format!(
        "# verb patterns converted from {source} by casus dict convert\n\
         # &SYNSET<TAB>member|member...\n\
         # cameo<TAB>verb words<TAB>before<TAB>after<TAB>origin\n\
         # elements: word, ~lemma, $ source, + target, ^ skip, \
         _ next to its neighbour, &SYNSET\n"
    );
    let mut names: Vec<&String> = d.synsets.keys().collect();
    names.sort();
    for n in names {
        let _ = writeln!(s, "&{n}\t{}", d.synsets[n].join("|"));
    }
    for p in &d.verbs {
        // A discard shows as `---`.
        let cameo = p.cameo;
        let _ = writeln!(
            s,
            "{cameo}\t{}\t{}\t{}\t{}",
            p.verb.join(" "),
            elems(&p.before),
            elems(&p.after),
            p.origin
        );
    }
    s
}

fn discards_txt(d: &Dictionaries, source: &str) -> String {
    let mut s = format!(
        "# discards converted from {source} by casus dict convert\n\
         # one phrase a line\n"
    );
    for p in &d.discards {
        s.push_str(p);
        s.push('\n');
    }
    s
}
