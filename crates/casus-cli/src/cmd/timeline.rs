//! `casus timeline`: dyad timelines from the store, as rows or an SVG
//! chart, each bucket with the number of articles the corpus has in it
//! (`articles`; 0 is a gap in the record, not a quiet period).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use casus_store::plot::{Plot, Series};
use casus_store::query::{self, Bucket, CoveredRow};

use crate::output::{write_rows, Format};

/// Bucket size flag.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum By {
    /// Calendar days.
    Day,
    /// ISO weeks (labelled by their Monday).
    Week,
    /// Calendar months.
    Month,
}

/// Flags of `casus timeline`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Source actor: country (USA or "United States"), actor-code prefix
    /// (USAGOV) or a stored actor's name.
    source: String,
    /// Target actor: country, actor-code prefix or name.
    target: String,
    /// Another dyad in the same output and plot (repeatable):
    /// `--and USA IRN`.
    #[arg(long = "and", num_args = 2, value_names = ["SOURCE", "TARGET"])]
    and: Vec<String>,
    /// Bucket size.
    #[arg(long, value_enum, default_value = "week")]
    by: By,
    /// Count both directions (source -> target and target -> source).
    #[arg(long)]
    both: bool,
    /// Only events on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Only events on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<String>,
    #[command(flatten)]
    count: super::events::CountArgs,
    /// Divide counts by the articles of each bucket (`per_article`
    /// column; the plot's bars).
    #[arg(long)]
    normalize: bool,
    /// Also render the series as an SVG chart to this file.
    #[arg(long)]
    plot: Option<PathBuf>,
    /// The store (default: $CASUS_DB or ./casus.db).
    #[arg(long)]
    db: Option<PathBuf>,
    /// Output format (default: table on a terminal, else jsonl).
    #[arg(long, value_enum)]
    format: Option<Format>,
}

/// Columns of one dyad's rows.
const COLUMNS: &[&str] = &[
    "bucket",
    "events",
    "clusters",
    "verbal_coop",
    "material_coop",
    "verbal_conflict",
    "material_conflict",
    "goldstein_sum",
    "goldstein_mean",
    "sources",
    "articles",
];

impl Args {
    /// The dyads asked for, as (source, target) specs.
    fn dyads(&self) -> Vec<(String, String)> {
        let mut out = vec![(self.source.clone(), self.target.clone())];
        for pair in self.and.chunks(2) {
            if let [s, t] = pair {
                out.push((s.clone(), t.clone()));
            }
        }
        out
    }

    fn bucket(&self) -> Bucket {
        match self.by {
            By::Day => Bucket::Day,
            By::Week => Bucket::Week,
            By::Month => Bucket::Month,
        }
    }
}

/// Runs `casus timeline`.
pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let store = super::events::open_ro(&args.db)?;
    if let Some(path) = &args.plot {
        store.guard_output(path)?;
    }
    let conn = store.conn();
    let by = args.bucket();
    let arrow = if args.both { "<->" } else { "->" };
    let mut labels = Vec::new();
    let mut sets = Vec::new();
    for (s, t) in args.dyads() {
        let (s, t) =
            (query::resolve_actor(conn, &s)?, query::resolve_actor(conn, &t)?);
        labels.push(format!("{s} {arrow} {t}"));
        sets.push(query::timeline(
            conn,
            &query::TimelineQuery {
                both: args.both,
                from: args.from.clone(),
                to: args.to.clone(),
                counting: args.count.counting(),
                ..query::TimelineQuery::new(s, t, by)
            },
        )?);
    }
    let coverage = query::articles_per_bucket(conn, by)?;
    let range = query::covered_range(
        &sets,
        &coverage,
        by,
        args.from.as_deref(),
        args.to.as_deref(),
    );
    let covered: Vec<Vec<CoveredRow>> = match range {
        Some((lo, hi)) => sets
            .iter()
            .map(|rows| query::cover(rows, &coverage, by, lo, hi))
            .collect::<Result<_, _>>()?,
        None => sets.iter().map(|_| Vec::new()).collect(),
    };
    if let Some(path) = &args.plot {
        write_plot(path, &args, &labels, &covered)?;
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (rows, cols) = table(&args, &labels, &covered)?;
    let cols: Vec<&str> = cols.iter().map(String::as_str).collect();
    write_rows(&mut out, Format::or_default(args.format), Some(&cols), &rows)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The output rows and columns: a `dyad` column first when there are
/// several, `per_article` last with `--normalize`.
fn table(
    args: &Args,
    labels: &[String],
    covered: &[Vec<CoveredRow>],
) -> anyhow::Result<(Vec<serde_json::Value>, Vec<String>)> {
    let several = labels.len() > 1;
    let mut cols: Vec<String> = Vec::new();
    if several {
        cols.push("dyad".into());
    }
    cols.extend(COLUMNS.iter().map(|c| c.to_string()));
    if args.normalize {
        cols.push("per_article".into());
    }
    let mut rows = Vec::new();
    for (label, set) in labels.iter().zip(covered) {
        for r in set {
            let mut v = serde_json::to_value(r)?;
            if several {
                v["dyad"] = label.clone().into();
            }
            if args.normalize {
                let per = r.per_article().map(|x| (x * 1e4).round() / 1e4);
                v["per_article"] = per.into();
            }
            rows.push(v);
        }
    }
    Ok((rows, cols))
}

fn write_plot(
    path: &PathBuf,
    args: &Args,
    labels: &[String],
    covered: &[Vec<CoveredRow>],
) -> anyhow::Result<()> {
    let unit = format!("{:?}", args.by).to_lowercase();
    let per = if args.normalize { " per article" } else { "" };
    // Say what was counted when the flags changed it.
    let what = match (args.count.all, args.count.min_confidence) {
        (false, None) => "counted events".to_string(),
        (false, Some(x)) => format!("events with confidence >= {x}"),
        (true, None) => "all stored events".to_string(),
        (true, Some(x)) => format!("all events with confidence >= {x}"),
    };
    let title = if labels.len() == 1 {
        format!("{}: {what}{per} per {unit} by QuadClass", labels[0])
    } else {
        let mut w = what.clone();
        if let Some(c) = w.get_mut(0..1) {
            c.make_ascii_uppercase();
        }
        format!("{w}{per} per {unit}: {}", labels.join(", "))
    };
    let series: Vec<Series<'_>> = labels
        .iter()
        .zip(covered)
        .map(|(l, rows)| Series { label: l.clone(), rows })
        .collect();
    let plot = Plot { title, unit, normalize: args.normalize };
    let svg = casus_store::plot::svg(&series, &plot);
    std::fs::write(path, svg)
        .with_context(|| format!("writing {}", path.display()))
}
