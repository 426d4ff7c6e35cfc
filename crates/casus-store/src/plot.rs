//! A timeline as a self-contained SVG chart. Hand-written SVG (no
//! plotting crate): deterministic bytes, no dependencies.
//!
//! What the chart shows, and why:
//! - one bar per bucket, so a timeline of one bucket still shows its
//!   bar; for one dyad the bar is stacked by QuadClass, for several
//!   dyads each bucket holds one bar per dyad (counted events);
//! - buckets in which the corpus has no article at all are hatched gaps,
//!   never drawn as zeros: nothing was read there, so nothing is known;
//! - the mean Goldstein score on a second axis (-10..+10, right), one
//!   line per dyad, broken where a bucket has no events;
//! - with `normalize` the bars are counted events per article of the
//!   bucket, so periods with more news do not look more eventful;
//! - a legend naming every bar colour, line and the gap hatch.
//!
//! # Example
//!
//! ```
//! use casus_store::plot::{svg, Plot, Series};
//! use casus_store::query::{CoveredRow, TimelineRow};
//!
//! let row = TimelineRow {
//!     bucket: "2024-01-08".into(), events: 3, clusters: 2, verbal_coop: 0,
//!     material_coop: 0, verbal_conflict: 1, material_conflict: 2,
//!     goldstein_sum: -21.0, goldstein_mean: Some(-7.0), sources: 2,
//! };
//! let rows = [CoveredRow { row, articles: 12 }];
//! let plot = Plot { title: "USA -> YEM".into(), unit: "week".into(), normalize: false };
//! let doc = svg(&[Series { label: "USA -> YEM".into(), rows: &rows }], &plot);
//! assert!(doc.starts_with("<svg") && doc.contains("Material conflict"));
//! ```

use std::fmt::Write;

use crate::query::CoveredRow;

const W: f64 = 1000.0;
const H: f64 = 520.0;
const LEFT: f64 = 72.0;
const TOP: f64 = 52.0;
const BOTTOM: f64 = 84.0;
/// Room for the right (Goldstein) axis labels.
const RIGHT_AXIS: f64 = 52.0;
const LEGEND: f64 = 236.0;

/// QuadClass segments of a stacked bar, bottom up: (legend label,
/// colour, value).
type Quad = (&'static str, &'static str, fn(&CoveredRow) -> i64);

const QUADS: [Quad; 4] = [
    ("Verbal cooperation", "#1b9e77", |r| r.row.verbal_coop),
    ("Material cooperation", "#2c7fb8", |r| r.row.material_coop),
    ("Verbal conflict", "#e6ab02", |r| r.row.verbal_conflict),
    ("Material conflict", "#d95f02", |r| r.row.material_conflict),
];

/// Colours of the dyads when several are drawn.
const DYADS: [&str; 6] =
    ["#2c7fb8", "#d95f02", "#1b9e77", "#7570b3", "#e7298a", "#66a61e"];

/// One dyad's timeline.
#[derive(Clone, Debug)]
pub struct Series<'a> {
    /// Legend label, e.g. `USA -> ISR`.
    pub label: String,
    /// Its buckets ([`crate::query::cover`]); every series of one chart
    /// has the same buckets.
    pub rows: &'a [CoveredRow],
}

/// What the chart is.
#[derive(Clone, Debug)]
pub struct Plot {
    /// The title line.
    pub title: String,
    /// The bucket size, for axis labels (`day`, `week`, `month`).
    pub unit: String,
    /// Bars are counted events per article of the bucket.
    pub normalize: bool,
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A "nice" tick step (1, 2 or 5 times a power of ten) for `max` in
/// about `ticks` steps; at least 1 when the values are counts.
fn nice_step(max: f64, ticks: f64, counts: bool) -> f64 {
    let mut raw = max / ticks;
    if counts {
        raw = raw.max(1.0);
    }
    if raw <= 0.0 || !raw.is_finite() {
        return 1.0;
    }
    let mag = 10f64.powf(raw.log10().floor());
    let norm = raw / mag;
    let f = if norm <= 1.0 {
        1.0
    } else if norm <= 2.0 {
        2.0
    } else if norm <= 5.0 {
        5.0
    } else {
        10.0
    };
    f * mag
}

/// A tick label: integers bare, fractions with up to 3 decimals.
fn tick(v: f64) -> String {
    if (v - v.round()).abs() < 1e-9 {
        format!("{}", v.round() as i64)
    } else {
        let s = format!("{v:.3}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// The bar value of `count` in bucket `r`: the count, or per article.
fn value(count: i64, r: &CoveredRow, normalize: bool) -> f64 {
    if !normalize {
        return count as f64;
    }
    if r.articles > 0 {
        count as f64 / r.articles as f64
    } else {
        0.0
    }
}

/// Geometry of the plot area.
struct Frame {
    n: usize,
    pw: f64,
    ph: f64,
    ymax: f64,
}

impl Frame {
    fn band(&self) -> f64 {
        self.pw / self.n.max(1) as f64
    }

    /// Left edge of bucket `i`.
    fn x(&self, i: usize) -> f64 {
        LEFT + self.band() * i as f64
    }

    fn center(&self, i: usize) -> f64 {
        self.x(i) + self.band() / 2.0
    }

    /// Bar group width and left offset within a band (wide bands are
    /// capped so that one bucket is a bar, not a wall).
    fn group(&self) -> (f64, f64) {
        let w = (self.band() * 0.8).clamp(1.0, 140.0);
        (w, (self.band() - w) / 2.0)
    }

    fn y(&self, v: f64) -> f64 {
        TOP + self.ph - self.ph * v / self.ymax
    }

    /// Right axis: Goldstein -10 (bottom) .. +10 (top).
    fn yg(&self, g: f64) -> f64 {
        TOP + self.ph * (10.0 - g.clamp(-10.0, 10.0)) / 20.0
    }
}

/// Renders `series` (one or more dyads over the same buckets) as an SVG
/// document.
pub fn svg(series: &[Series<'_>], plot: &Plot) -> String {
    let mut o = String::new();
    let n = series.first().map_or(0, |s| s.rows.len());
    let mut max: f64 = 0.0;
    for i in 0..n {
        if series.len() == 1 {
            let r = &series[0].rows[i];
            let stack: f64 =
                QUADS.iter().map(|q| value((q.2)(r), r, plot.normalize)).sum();
            max = max.max(stack);
        } else {
            for s in series {
                if let Some(r) = s.rows.get(i) {
                    max = max.max(value(r.row.events, r, plot.normalize));
                }
            }
        }
    }
    let max = if max > 0.0 { max } else { 1.0 };
    let step = nice_step(max, 5.0, !plot.normalize);
    let f = Frame {
        n,
        pw: W - LEFT - RIGHT_AXIS - LEGEND,
        ph: H - TOP - BOTTOM,
        ymax: (max / step).ceil() * step,
    };
    header(&mut o, plot);
    gaps(&mut o, &f, series);
    axes(&mut o, &f, step, plot);
    x_labels(&mut o, &f, series);
    if series.len() == 1 {
        stacked_bars(&mut o, &f, &series[0], plot.normalize);
        goldstein(&mut o, &f, &series[0], "#222222", false);
    } else {
        for (k, s) in series.iter().enumerate() {
            grouped_bars(&mut o, &f, s, k, series.len(), plot.normalize);
        }
        for (k, s) in series.iter().enumerate() {
            goldstein(&mut o, &f, s, DYADS[k % DYADS.len()], true);
        }
    }
    legend(&mut o, series, plot);
    o.push_str("</svg>\n");
    o
}

fn header(o: &mut String, plot: &Plot) {
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(
        o,
        r##"<defs><pattern id="gap" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f4f4f4"/><line x1="0" y1="0" x2="0" y2="8" stroke="#bbbbbb" stroke-width="3"/></pattern></defs>"##
    );
    let _ = writeln!(o, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        o,
        r#"<text x="{:.1}" y="30" font-size="16" font-weight="bold" text-anchor="middle">{}</text>"#,
        LEFT + (W - LEFT - RIGHT_AXIS - LEGEND) / 2.0,
        esc(&plot.title)
    );
}

/// Hatched bands over buckets in which the corpus has no article.
fn gaps(o: &mut String, f: &Frame, series: &[Series<'_>]) {
    let Some(s) = series.first() else { return };
    let mut i = 0;
    while i < f.n {
        if !s.rows[i].is_gap() {
            i += 1;
            continue;
        }
        let start = i;
        while i < f.n && s.rows[i].is_gap() {
            i += 1;
        }
        let _ = writeln!(
            o,
            r#"<rect class="gap" x="{:.1}" y="{TOP}" width="{:.1}" height="{:.1}" fill="url(#gap)"><title>no articles in the corpus</title></rect>"#,
            f.x(start),
            f.band() * (i - start) as f64,
            f.ph
        );
    }
}

fn axes(o: &mut String, f: &Frame, step: f64, plot: &Plot) {
    let right = LEFT + f.pw;
    let mut v = 0.0;
    while v <= f.ymax + 1e-9 {
        let yy = f.y(v);
        let _ = writeln!(
            o,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{right:.1}" y2="{yy:.1}" stroke="#e4e4e4"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT - 6.0,
            yy + 4.0,
            tick(v)
        );
        v += step;
    }
    for g in [-10.0, -5.0, 0.0, 5.0, 10.0] {
        let yy = f.yg(g);
        let _ = writeln!(
            o,
            r#"<line x1="{right:.1}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="black"/><text x="{:.1}" y="{:.1}">{}</text>"#,
            right + 5.0,
            right + 8.0,
            yy + 4.0,
            tick(g)
        );
    }
    let zero = f.yg(0.0);
    let _ = writeln!(
        o,
        r##"<line x1="{LEFT}" y1="{zero:.1}" x2="{right:.1}" y2="{zero:.1}" stroke="#999999" stroke-dasharray="2 3"/>"##
    );
    let bottom = TOP + f.ph;
    let _ = writeln!(
        o,
        r#"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{bottom:.1}" stroke="black"/><line x1="{right:.1}" y1="{TOP}" x2="{right:.1}" y2="{bottom:.1}" stroke="black"/><line x1="{LEFT}" y1="{bottom:.1}" x2="{right:.1}" y2="{bottom:.1}" stroke="black"/>"#
    );
    let left_label = if plot.normalize {
        format!("counted events per article, per {}", plot.unit)
    } else {
        format!("counted events per {}", plot.unit)
    };
    let mid = TOP + f.ph / 2.0;
    let _ = writeln!(
        o,
        r#"<text x="18" y="{mid:.1}" text-anchor="middle" transform="rotate(-90 18 {mid:.1})">{}</text>"#,
        esc(&left_label)
    );
    let rx = right + 40.0;
    let _ = writeln!(
        o,
        r#"<text x="{rx:.1}" y="{mid:.1}" text-anchor="middle" transform="rotate(90 {rx:.1} {mid:.1})">mean Goldstein score</text>"#
    );
}

/// Bucket labels: at most about 12, rotated.
fn x_labels(o: &mut String, f: &Frame, series: &[Series<'_>]) {
    let Some(s) = series.first() else { return };
    let every = f.n.div_ceil(12).max(1);
    let yy = TOP + f.ph;
    for (i, r) in s.rows.iter().enumerate() {
        if i % every != 0 && i + 1 != f.n {
            continue;
        }
        let xx = f.center(i);
        let _ = writeln!(
            o,
            r#"<line x1="{xx:.1}" y1="{yy:.1}" x2="{xx:.1}" y2="{:.1}" stroke="black"/><text x="{xx:.1}" y="{:.1}" text-anchor="end" transform="rotate(-35 {xx:.1} {:.1})">{}</text>"#,
            yy + 5.0,
            yy + 18.0,
            yy + 18.0,
            esc(&r.row.bucket)
        );
    }
}

fn bar(
    o: &mut String,
    x: f64,
    y0: f64,
    y1: f64,
    w: f64,
    colour: &str,
    t: &str,
) {
    if y0 - y1 <= 0.0 {
        return;
    }
    let _ = writeln!(
        o,
        r#"<rect x="{x:.1}" y="{y1:.1}" width="{w:.1}" height="{:.1}" fill="{colour}"><title>{}</title></rect>"#,
        y0 - y1,
        esc(t)
    );
}

fn stacked_bars(o: &mut String, f: &Frame, s: &Series<'_>, normalize: bool) {
    let (w, off) = f.group();
    for (i, r) in s.rows.iter().enumerate() {
        let mut acc = 0.0;
        for (label, colour, get) in QUADS {
            let v = value(get(r), r, normalize);
            let t = format!("{} {label}: {}", r.row.bucket, get(r));
            bar(o, f.x(i) + off, f.y(acc), f.y(acc + v), w, colour, &t);
            acc += v;
        }
    }
}

fn grouped_bars(
    o: &mut String,
    f: &Frame,
    s: &Series<'_>,
    k: usize,
    of: usize,
    normalize: bool,
) {
    let (w, off) = f.group();
    let sub = w / of as f64;
    for (i, r) in s.rows.iter().enumerate() {
        let v = value(r.row.events, r, normalize);
        let t =
            format!("{} {}: {} events", r.row.bucket, s.label, r.row.events);
        let x = f.x(i) + off + sub * k as f64;
        bar(o, x, f.y(0.0), f.y(v), sub, DYADS[k % DYADS.len()], &t);
    }
}

/// The mean Goldstein line: a dot per bucket with events, segments
/// between neighbouring buckets that both have events.
fn goldstein(
    o: &mut String,
    f: &Frame,
    s: &Series<'_>,
    colour: &str,
    dashed: bool,
) {
    // Events dated into a bucket with no articles (reported later) keep
    // their dot: the line breaks only where a bucket has no events.
    let mean = |r: &CoveredRow| r.row.goldstein_mean;
    let dash = if dashed { r#" stroke-dasharray="6 4""# } else { "" };
    let mut run: Vec<String> = Vec::new();
    let flush = |run: &mut Vec<String>, o: &mut String| {
        if run.len() > 1 {
            let _ = writeln!(
                o,
                r#"<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{}"/>"#,
                run.join(" ")
            );
        }
        run.clear();
    };
    for (i, r) in s.rows.iter().enumerate() {
        match mean(r) {
            Some(g) => {
                let (x, y) = (f.center(i), f.yg(g));
                run.push(format!("{x:.1},{y:.1}"));
                let _ = writeln!(
                    o,
                    r#"<circle cx="{x:.1}" cy="{y:.1}" r="3" fill="{colour}"><title>{} {}: mean Goldstein {g}</title></circle>"#,
                    esc(&r.row.bucket),
                    esc(&s.label)
                );
            }
            None => flush(&mut run, o),
        }
    }
    flush(&mut run, o);
}

/// One legend line: a swatch (`rect`, `line`, `dash` or `gap`) and text.
fn legend_item(
    o: &mut String,
    i: usize,
    kind: &str,
    colour: &str,
    text: &str,
) {
    let lx = W - LEGEND + 12.0;
    let ly = TOP + 8.0 + 22.0 * i as f64;
    let swatch = match kind {
        "rect" => format!(
            r#"<rect x="{lx}" y="{:.1}" width="22" height="12" fill="{colour}"/>"#,
            ly - 6.0
        ),
        "gap" => format!(
            r##"<rect x="{lx}" y="{:.1}" width="22" height="12" fill="url(#gap)" stroke="#bbbbbb"/>"##,
            ly - 6.0
        ),
        _ => {
            let dash =
                if kind == "dash" { r#" stroke-dasharray="6 4""# } else { "" };
            format!(
                r#"<line x1="{lx}" y1="{ly}" x2="{:.1}" y2="{ly}" stroke="{colour}" stroke-width="2"{dash}/><circle cx="{:.1}" cy="{ly}" r="3" fill="{colour}"/>"#,
                lx + 22.0,
                lx + 11.0
            )
        }
    };
    let _ = writeln!(
        o,
        r#"{swatch}<text x="{:.1}" y="{:.1}">{}</text>"#,
        lx + 30.0,
        ly + 4.0,
        esc(text)
    );
}

fn legend(o: &mut String, series: &[Series<'_>], plot: &Plot) {
    let unit = if plot.normalize { " per article" } else { "" };
    let mut i = 0;
    if series.len() == 1 {
        for (label, colour, _) in QUADS.iter().rev() {
            legend_item(o, i, "rect", colour, &format!("{label}{unit}"));
            i += 1;
        }
        let text = "mean Goldstein (right axis)";
        legend_item(o, i, "line", "#222222", text);
        i += 1;
    } else {
        for (k, s) in series.iter().enumerate() {
            let c = DYADS[k % DYADS.len()];
            legend_item(
                o,
                i,
                "rect",
                c,
                &format!("{}: events{unit}", s.label),
            );
            legend_item(
                o,
                i + 1,
                "dash",
                c,
                &format!("{}: mean Goldstein", s.label),
            );
            i += 2;
        }
    }
    legend_item(o, i, "gap", "", "no articles in the corpus");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::TimelineRow;

    #[test]
    fn steps() {
        let cases = [
            (10.0, true, 2.0),
            (1.0, true, 1.0),
            (37.0, true, 10.0),
            (900.0, true, 200.0),
            (0.05, false, 0.01),
            (0.4, false, 0.1),
        ];
        for (max, counts, want) in cases {
            let got = nice_step(max, 5.0, counts);
            assert!((got - want).abs() < 1e-12, "{max}: {got}");
        }
        assert_eq!(tick(0.05), "0.05");
        assert_eq!(tick(3.0), "3");
        assert_eq!(tick(-10.0), "-10");
    }

    fn covered(bucket: &str, events: i64, articles: i64) -> CoveredRow {
        let row = TimelineRow {
            bucket: bucket.into(),
            events,
            clusters: events,
            verbal_coop: 0,
            material_coop: 0,
            verbal_conflict: 0,
            material_conflict: events,
            goldstein_sum: -10.0 * events as f64,
            goldstein_mean: (events > 0).then_some(-10.0),
            sources: 1,
        };
        CoveredRow { row, articles }
    }

    fn plot(normalize: bool) -> Plot {
        Plot { title: "t".into(), unit: "week".into(), normalize }
    }

    #[test]
    fn one_bucket_has_its_bar() {
        let rows = [covered("2024-01-08", 3, 10)];
        let doc = svg(
            &[Series { label: "A -> B".into(), rows: &rows }],
            &plot(false),
        );
        assert!(doc.contains(r##"fill="#d95f02""##), "{doc}");
        assert!(doc.contains("<circle"));
        assert!(!doc.contains(r#"class="gap""#));
    }

    #[test]
    fn gaps_are_hatched_not_zero() {
        let rows = [
            covered("2024-01-01", 2, 5),
            covered("2024-01-08", 0, 0),
            covered("2024-01-15", 1, 4),
        ];
        let doc = svg(
            &[Series { label: "A -> B".into(), rows: &rows }],
            &plot(false),
        );
        assert_eq!(doc.matches(r#"class="gap""#).count(), 1);
        assert!(doc.contains("no articles in the corpus"));
        // The Goldstein line does not cross the gap: two lone dots.
        assert!(!doc.contains("<polyline"));
        // Events dated into a gap (reported later) keep their bar and dot.
        let rows = [covered("2024-01-01", 2, 5), covered("2024-01-08", 3, 0)];
        let doc = svg(
            &[Series { label: "A -> B".into(), rows: &rows }],
            &plot(false),
        );
        assert_eq!(doc.matches("B: mean Goldstein -10").count(), 2, "{doc}");
    }

    #[test]
    fn several_dyads_and_normalize() {
        let a = [covered("2024-01-01", 2, 4), covered("2024-01-08", 2, 4)];
        let b = [covered("2024-01-01", 1, 4), covered("2024-01-08", 0, 4)];
        let series = [
            Series { label: "USA -> ISR".into(), rows: &a },
            Series { label: "USA -> IRN".into(), rows: &b },
        ];
        let doc = svg(&series, &plot(true));
        assert!(doc.contains("USA -&gt; ISR: events per article"));
        assert!(doc.contains("USA -&gt; IRN: mean Goldstein"));
        assert!(doc.contains("counted events per article, per week"));
        // 0.5 events per article is the top bar: ticks are fractions.
        assert!(doc.contains(">0.5<"), "{doc}");
        assert_eq!(doc.matches("stroke-dasharray=\"6 4\" points").count(), 1);
    }
}
