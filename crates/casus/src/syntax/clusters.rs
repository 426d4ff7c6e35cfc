//! Word clusters induced from raw text (training only, feature `train`).
//!
//! The exchange algorithm for a class bigram model (Kneser & Ney 1993;
//! Martin, Liermann & Ney 1998): every word sits in one of `k` classes,
//! and words move, one at a time, to the class that most raises the
//! likelihood of the text under `p(class_2 | class_1)`, until a pass
//! moves none or the pass budget is spent. Words that occur in the same
//! contexts end up together ("Monday" with "Tuesday", "minister" with
//! "president"), so a word seen rarely in the treebank borrows what the
//! parser learned from its classmates.
//!
//! The objective (to maximise) is `sum N(a,b) ln N(a,b) - 2 sum N(a) ln
//! N(a)` over class bigram and class counts; moving one word changes
//! only the rows and columns of its old and new class, so a move is
//! scored from the word's neighbour counts alone.

use std::collections::BTreeMap;

/// `x ln x`, 0 at 0.
fn f(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

/// Induces `k` classes over the words of `sentences` seen at least
/// `min_count` times; returns each such word with its class. The result
/// depends only on the input (ties break by class index, words are
/// visited by descending frequency, then spelling).
pub fn induce(
    sentences: &[Vec<String>],
    k: usize,
    min_count: u32,
    passes: usize,
) -> Vec<(String, u16)> {
    // Vocabulary: frequent words by count, then spelling; id 0 = rare
    // words and sentence edges.
    let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, u32)> =
        counts.into_iter().filter(|(_, c)| *c >= min_count).collect();
    vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: BTreeMap<&str, usize> =
        vocab.iter().enumerate().map(|(i, (w, _))| (*w, i + 1)).collect();
    let v = vocab.len() + 1;
    let k = k.max(2);
    // Word bigram counts, both directions.
    let mut right: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); v];
    let mut left: Vec<BTreeMap<usize, f64>> = vec![BTreeMap::new(); v];
    let mut uni = vec![0f64; v];
    for s in sentences {
        let ids: Vec<usize> = std::iter::once(0)
            .chain(
                s.iter().map(|w| index.get(w.as_str()).copied().unwrap_or(0)),
            )
            .chain(std::iter::once(0))
            .collect();
        for pair in ids.windows(2) {
            *right[pair[0]].entry(pair[1]).or_default() += 1.0;
            *left[pair[1]].entry(pair[0]).or_default() += 1.0;
            uni[pair[0]] += 1.0;
        }
    }
    // Class 0 holds the rare/edge token alone; words start round robin.
    let mut class: Vec<usize> = (0..v)
        .map(|w| if w == 0 { 0 } else { 1 + (w - 1) % (k - 1) })
        .collect();
    let mut nc = vec![0f64; k];
    let mut ncc = vec![0f64; k * k];
    for w in 0..v {
        nc[class[w]] += uni[w];
        for (&u, &n) in &right[w] {
            ncc[class[w] * k + class[u]] += n;
        }
    }
    let mut lw = vec![0f64; k];
    let mut rw = vec![0f64; k];
    for _ in 0..passes {
        let mut moved = 0;
        for w in 1..v {
            let a = class[w];
            let self_pairs = right[w].get(&w).copied().unwrap_or(0.0);
            // Neighbour class counts without w's own bigrams with itself.
            lw.fill(0.0);
            rw.fill(0.0);
            for (&u, &n) in &right[w] {
                if u != w {
                    rw[class[u]] += n;
                }
            }
            for (&u, &n) in &left[w] {
                if u != w {
                    lw[class[u]] += n;
                }
            }
            let touched: Vec<usize> =
                (0..k).filter(|&c| rw[c] > 0.0 || lw[c] > 0.0).collect();
            // Take w out of a.
            apply(
                &mut ncc, &mut nc, k, a, &rw, &lw, &touched, self_pairs,
                uni[w], -1.0,
            );
            let mut best = (f64::NEG_INFINITY, a);
            for b in 1..k {
                let g = gain(
                    &ncc, &nc, k, b, &rw, &lw, &touched, self_pairs, uni[w],
                );
                if g > best.0 + 1e-9 {
                    best = (g, b);
                }
            }
            let b = best.1;
            apply(
                &mut ncc, &mut nc, k, b, &rw, &lw, &touched, self_pairs,
                uni[w], 1.0,
            );
            if b != a {
                class[w] = b;
                moved += 1;
            }
        }
        if moved == 0 {
            break;
        }
    }
    vocab
        .iter()
        .enumerate()
        .map(|(i, (w, _))| (w.to_string(), class[i + 1] as u16))
        .collect()
}

/// Adds (`sign` 1) or removes (-1) a word with neighbour class counts
/// `rw`/`lw` (classes in `touched`) to/from class `b`.
#[allow(clippy::too_many_arguments)]
fn apply(
    ncc: &mut [f64],
    nc: &mut [f64],
    k: usize,
    b: usize,
    rw: &[f64],
    lw: &[f64],
    touched: &[usize],
    self_pairs: f64,
    n: f64,
    sign: f64,
) {
    for &c in touched {
        ncc[b * k + c] += sign * rw[c];
        ncc[c * k + b] += sign * lw[c];
    }
    ncc[b * k + b] += sign * self_pairs;
    nc[b] += sign * n;
}

/// The change of the objective from adding the word to class `b`.
#[allow(clippy::too_many_arguments)]
fn gain(
    ncc: &[f64],
    nc: &[f64],
    k: usize,
    b: usize,
    rw: &[f64],
    lw: &[f64],
    touched: &[usize],
    self_pairs: f64,
    n: f64,
) -> f64 {
    let mut g = 0.0;
    for &c in touched {
        if c == b {
            continue;
        }
        let (x, y) = (ncc[b * k + c], ncc[c * k + b]);
        g += f(x + rw[c]) - f(x) + f(y + lw[c]) - f(y);
    }
    let bb = ncc[b * k + b];
    g += f(bb + rw[b] + lw[b] + self_pairs) - f(bb);
    g - 2.0 * (f(nc[b] + n) - f(nc[b]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_the_same_contexts_share_a_class() {
        let mut text = Vec::new();
        for day in ["monday", "tuesday", "friday"] {
            for _ in 0..20 {
                text.push(vec![
                    "on".to_string(),
                    day.to_string(),
                    "it".to_string(),
                    "rained".to_string(),
                ]);
            }
        }
        for who in ["minister", "president", "envoy"] {
            for _ in 0..20 {
                text.push(vec![
                    "the".to_string(),
                    who.to_string(),
                    "said".to_string(),
                    "so".to_string(),
                ]);
            }
        }
        // Eight classes: one per function word and one per group. With
        // four, one class per sentence position is an equally good
        // optimum, and it puts both groups (second position) together.
        let cl: BTreeMap<String, u16> =
            induce(&text, 8, 2, 20).into_iter().collect();
        assert_eq!(cl["monday"], cl["tuesday"]);
        assert_eq!(cl["monday"], cl["friday"]);
        assert_eq!(cl["minister"], cl["envoy"]);
        assert_ne!(cl["monday"], cl["minister"]);
        // Deterministic.
        let again: BTreeMap<String, u16> =
            induce(&text, 8, 2, 20).into_iter().collect();
        assert_eq!(cl, again);
    }
}
