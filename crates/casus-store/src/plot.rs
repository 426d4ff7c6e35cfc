//! A timeline as a self-contained SVG line chart: title, axes with tick
//! labels, grid, one line per QuadClass plus clusters, and a legend.
//! Hand-written SVG (no plotting crate): deterministic bytes.

use std::fmt::Write;

use crate::query::TimelineRow;

const W: f64 = 960.0;
const H: f64 = 480.0;
const LEFT: f64 = 64.0;
const RIGHT: f64 = 200.0;
const TOP: f64 = 48.0;
const BOTTOM: f64 = 72.0;

/// The series drawn: (legend label, colour, dashed, value).
type Series = (&'static str, &'static str, bool, fn(&TimelineRow) -> i64);

const SERIES: [Series; 5] = [
    ("Verbal cooperation", "#1b9e77", false, |r| r.verbal_coop),
    ("Material cooperation", "#2c7fb8", false, |r| r.material_coop),
    ("Verbal conflict", "#e6ab02", false, |r| r.verbal_conflict),
    ("Material conflict", "#d95f02", false, |r| r.material_conflict),
    ("Clusters (all)", "#444444", true, |r| r.clusters),
];

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// A "nice" tick step (1, 2 or 5 times a power of ten) for `max`.
fn nice_step(max: f64, ticks: f64) -> f64 {
    let raw = (max / ticks).max(1.0);
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

/// Renders `rows` as an SVG document titled `title`; `y_label` names the
/// y axis.
pub fn svg(rows: &[TimelineRow], title: &str, y_label: &str) -> String {
    let mut o = String::new();
    let pw = W - LEFT - RIGHT;
    let ph = H - TOP - BOTTOM;
    let max = rows
        .iter()
        .flat_map(|r| SERIES.iter().map(move |s| (s.3)(r)))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let step = nice_step(max, 5.0);
    let ymax = (max / step).ceil() * step;
    let n = rows.len();
    let x = |i: usize| {
        if n <= 1 {
            LEFT + pw / 2.0
        } else {
            LEFT + pw * i as f64 / (n - 1) as f64
        }
    };
    let y = |v: f64| TOP + ph - ph * v / ymax;
    let _ = writeln!(
        o,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif" font-size="12">"#
    );
    let _ = writeln!(o, r#"<rect width="{W}" height="{H}" fill="white"/>"#);
    let _ = writeln!(
        o,
        r#"<text x="{}" y="28" font-size="16" font-weight="bold" text-anchor="middle">{}</text>"#,
        LEFT + pw / 2.0,
        esc(title)
    );
    // Y grid and tick labels.
    let mut v = 0.0;
    while v <= ymax + 1e-9 {
        let yy = y(v);
        let _ = writeln!(
            o,
            r##"<line x1="{LEFT}" y1="{yy:.1}" x2="{:.1}" y2="{yy:.1}" stroke="#dddddd"/><text x="{:.1}" y="{:.1}" text-anchor="end">{}</text>"##,
            LEFT + pw,
            LEFT - 6.0,
            yy + 4.0,
            v
        );
        v += step;
    }
    // Axes.
    let _ = writeln!(
        o,
        r#"<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{:.1}" stroke="black"/><line x1="{LEFT}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="black"/>"#,
        TOP + ph,
        TOP + ph,
        LEFT + pw,
        TOP + ph
    );
    // X tick labels: at most ~10, rotated.
    let every = n.div_ceil(10).max(1);
    for (i, r) in rows.iter().enumerate() {
        if i % every != 0 && i + 1 != n {
            continue;
        }
        let xx = x(i);
        let yy = TOP + ph;
        let _ = writeln!(
            o,
            r#"<line x1="{xx:.1}" y1="{yy:.1}" x2="{xx:.1}" y2="{:.1}" stroke="black"/><text x="{xx:.1}" y="{:.1}" text-anchor="end" transform="rotate(-35 {xx:.1} {:.1})">{}</text>"#,
            yy + 5.0,
            yy + 18.0,
            yy + 18.0,
            esc(&r.bucket)
        );
    }
    let _ = writeln!(
        o,
        r#"<text x="16" y="{:.1}" text-anchor="middle" transform="rotate(-90 16 {:.1})">{}</text>"#,
        TOP + ph / 2.0,
        TOP + ph / 2.0,
        esc(y_label)
    );
    let _ = writeln!(
        o,
        r#"<text x="{:.1}" y="{:.1}" text-anchor="middle">bucket start</text>"#,
        LEFT + pw / 2.0,
        H - 8.0
    );
    // Series.
    for (label, colour, dashed, get) in SERIES {
        let pts: Vec<String> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{:.1},{:.1}", x(i), y(get(r) as f64)))
            .collect();
        let dash = if dashed { r#" stroke-dasharray="6 4""# } else { "" };
        let _ = writeln!(
            o,
            r#"<polyline fill="none" stroke="{colour}" stroke-width="2"{dash} points="{}"><title>{}</title></polyline>"#,
            pts.join(" "),
            esc(label)
        );
    }
    // Legend.
    for (i, (label, colour, dashed, _)) in SERIES.iter().enumerate() {
        let lx = W - RIGHT + 16.0;
        let ly = TOP + 10.0 + 22.0 * i as f64;
        let dash = if *dashed { r#" stroke-dasharray="6 4""# } else { "" };
        let _ = writeln!(
            o,
            r#"<line x1="{lx}" y1="{ly}" x2="{:.1}" y2="{ly}" stroke="{colour}" stroke-width="3"{dash}/><text x="{:.1}" y="{:.1}">{}</text>"#,
            lx + 24.0,
            lx + 30.0,
            ly + 4.0,
            esc(label)
        );
    }
    o.push_str("</svg>\n");
    o
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps() {
        let cases = [(10.0, 2.0), (1.0, 1.0), (37.0, 10.0), (900.0, 200.0)];
        for (max, want) in cases {
            assert_eq!(nice_step(max, 5.0), want, "{max}");
        }
    }
}
