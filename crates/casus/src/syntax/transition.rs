//! The arc-eager transition system (Nivre 2003) with the bookkeeping the
//! rich feature set needs: for every word its head, label, two leftmost
//! and two rightmost children, valencies and label sets.
//!
//! Words are numbered from 1; 0 stands for "none" in every field, so a
//! missing stack or buffer position reads as word 0, whose features are
//! fixed NONE values. Arc-eager is projective and makes `2n` moves for `n`
//! words at most, so a parse is linear in the sentence length.

/// A move.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Move {
    /// Push the buffer front onto the stack.
    Shift = 0,
    /// Pop the stack top (it has a head).
    Reduce = 1,
    /// Buffer front becomes the head of the stack top, which is popped.
    Left = 2,
    /// Stack top becomes the head of the buffer front, which is pushed.
    Right = 3,
}

impl Move {
    pub const ALL: [Move; 4] =
        [Move::Shift, Move::Reduce, Move::Left, Move::Right];
}

/// A parser configuration.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    /// Words in the sentence (ids `1..=n`).
    pub n: usize,
    pub stack: Vec<u16>,
    /// The buffer front's id (`n + 1` when the buffer is empty).
    pub b: usize,
    /// Head id, 0 for none yet.
    pub head: Vec<u16>,
    /// Label index (meaningful when `head != 0`).
    pub label: Vec<u8>,
    /// Leftmost and second-leftmost children.
    pub lc1: Vec<u16>,
    pub lc2: Vec<u16>,
    /// Rightmost and second-rightmost children.
    pub rc1: Vec<u16>,
    pub rc2: Vec<u16>,
    /// Left and right valency.
    pub nl: Vec<u8>,
    pub nr: Vec<u8>,
    /// Label sets of left and right children (bit per label index).
    pub lset: Vec<u64>,
    pub rset: Vec<u64>,
    /// Score margin of the move that attached each word.
    pub margin: Vec<f32>,
}

impl State {
    /// Resets to the initial configuration for `n` words.
    pub fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 1;
        for v in [
            &mut self.head,
            &mut self.lc1,
            &mut self.lc2,
            &mut self.rc1,
            &mut self.rc2,
        ] {
            v.clear();
            v.resize(n + 2, 0);
        }
        for v in [&mut self.nl, &mut self.nr, &mut self.label] {
            v.clear();
            v.resize(n + 2, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 2, 0);
        }
        self.margin.clear();
        self.margin.resize(n + 2, 0.0);
    }

    /// True when no move is left (the buffer is empty).
    pub fn done(&self) -> bool {
        self.b > self.n
    }

    /// The stack top (0 when the stack is empty).
    #[inline]
    pub fn s0(&self) -> usize {
        self.stack.last().map_or(0, |&s| s as usize)
    }

    /// The word below the stack top (0 when none).
    #[inline]
    pub fn s1(&self) -> usize {
        let k = self.stack.len();
        if k >= 2 {
            self.stack[k - 2] as usize
        } else {
            0
        }
    }

    /// Buffer position `i` (0 = front), 0 when past the end.
    #[inline]
    pub fn n(&self, i: usize) -> usize {
        let j = self.b + i;
        if j <= self.n {
            j
        } else {
            0
        }
    }

    /// Whether `m` may be applied now.
    #[inline]
    pub fn valid(&self, m: Move) -> bool {
        if self.done() {
            return false;
        }
        let s0 = self.s0();
        match m {
            Move::Shift => true,
            Move::Reduce => s0 != 0 && self.head[s0] != 0,
            Move::Left => s0 != 0 && self.head[s0] == 0,
            Move::Right => s0 != 0,
        }
    }

    /// Applies `m` (which must be valid), attaching with `label`.
    pub fn apply(&mut self, m: Move, label: u8, margin: f32) {
        let s0 = self.s0();
        let b = self.b;
        match m {
            Move::Shift => {
                self.stack.push(b as u16);
                self.b += 1;
            }
            Move::Reduce => {
                self.stack.pop();
            }
            Move::Left => {
                self.stack.pop();
                self.attach(b, s0, label, margin);
            }
            Move::Right => {
                self.attach(s0, b, label, margin);
                self.stack.push(b as u16);
                self.b += 1;
            }
        }
    }

    /// Adds the arc `h -> d`.
    pub fn attach(&mut self, h: usize, d: usize, label: u8, margin: f32) {
        self.head[d] = h as u16;
        self.label[d] = label;
        self.margin[d] = margin;
        let bit = 1u64 << (label & 63);
        if d < h {
            // Left children arrive right to left in arc-eager, but a
            // late root repair may add one anywhere: keep order by id.
            if self.lc1[h] == 0 || d < self.lc1[h] as usize {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d as u16;
            } else if self.lc2[h] == 0 || d < self.lc2[h] as usize {
                self.lc2[h] = d as u16;
            }
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= bit;
        } else {
            if self.rc1[h] == 0 || d > self.rc1[h] as usize {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d as u16;
            } else if self.rc2[h] == 0 || d > self.rc2[h] as usize {
                self.rc2[h] = d as u16;
            }
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= bit;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// "a b c": b heads a (Left after Shift), root b, b -> c (Right).
    #[test]
    fn moves_build_arcs() {
        let mut s = State::default();
        s.reset(3);
        assert!(!s.valid(Move::Reduce) && !s.valid(Move::Left));
        s.apply(Move::Shift, 0, 0.0);
        assert!(s.valid(Move::Left) && !s.valid(Move::Reduce));
        s.apply(Move::Left, 5, 1.5);
        assert_eq!((s.head[1], s.label[1], s.margin[1]), (2, 5, 1.5));
        assert_eq!((s.lc1[2], s.nl[2], s.lset[2]), (1, 1, 1 << 5));
        s.apply(Move::Shift, 0, 0.0);
        s.apply(Move::Right, 7, 0.0);
        assert_eq!((s.head[3], s.rc1[2], s.nr[2]), (2, 3, 1));
        assert!(s.done());
        assert!(!s.valid(Move::Shift));
        assert_eq!(s.stack, [2, 3]);
    }

    #[test]
    fn children_stay_ordered() {
        let mut s = State::default();
        s.reset(6);
        s.attach(4, 3, 0, 0.0);
        s.attach(4, 1, 0, 0.0);
        s.attach(4, 2, 0, 0.0);
        assert_eq!((s.lc1[4], s.lc2[4]), (1, 2));
        s.attach(4, 6, 0, 0.0);
        s.attach(4, 5, 0, 0.0);
        assert_eq!((s.rc1[4], s.rc2[4]), (6, 5));
    }
}
