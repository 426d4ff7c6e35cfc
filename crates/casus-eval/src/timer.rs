//! The one CPU/RSS timer of the benchmarks and evaluations.
//!
//! Wall-clock figures measure the neighbours on a shared machine; CPU
//! time (this thread's, or the whole process's over all threads) does
//! not, so every throughput figure is given per CPU second. Linux only
//! (`/proc`); elsewhere CPU time falls back to wall time.
//!
//! # Example
//!
//! ```
//! use casus_eval::timer::{Clock, Timer};
//!
//! let t = Timer::start(Clock::Thread);
//! let n: u64 = (0..1000).sum();
//! let took = t.stop();
//! assert_eq!(n, 499_500);
//! assert!(took.cpu >= 0.0 && took.wall >= 0.0);
//! ```

use std::time::Instant;

/// Whose CPU time a [`Timer`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Clock {
    /// The calling thread's (a single-threaded measurement).
    Thread,
    /// User + system time of every thread of the process.
    Process,
}

impl Clock {
    /// Seconds of CPU time so far, if the OS says.
    pub fn now(self) -> Option<f64> {
        match self {
            Clock::Thread => {
                let s = std::fs::read_to_string("/proc/thread-self/schedstat")
                    .ok()?;
                let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
                Some(ns / 1e9)
            }
            Clock::Process => {
                let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
                // Fields after the parenthesised command name; utime and
                // stime are fields 14 and 15 of the whole line.
                let rest = stat.get(stat.rfind(')')? + 2..)?;
                let fields: Vec<&str> = rest.split_whitespace().collect();
                let utime: f64 = fields.get(11)?.parse().ok()?;
                let stime: f64 = fields.get(12)?.parse().ok()?;
                // 100 clock ticks per second.
                Some((utime + stime) / 100.0)
            }
        }
    }
}

/// A running measurement.
#[derive(Clone, Copy, Debug)]
pub struct Timer {
    clock: Clock,
    wall: Instant,
    cpu: Option<f64>,
}

/// What a [`Timer`] measured.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Timing {
    /// Wall-clock seconds.
    pub wall: f64,
    /// CPU seconds (wall seconds where the OS does not say, or where the
    /// CPU clock did not move: the kernel's per-thread figure advances by
    /// scheduler ticks, so a run of a few milliseconds can read 0).
    pub cpu: f64,
}

impl Timer {
    /// Starts measuring with `clock`.
    pub fn start(clock: Clock) -> Timer {
        Timer { clock, wall: Instant::now(), cpu: clock.now() }
    }

    /// Wall and CPU seconds since [`Timer::start`].
    pub fn stop(&self) -> Timing {
        let wall = self.wall.elapsed().as_secs_f64();
        let cpu = match (self.cpu, self.clock.now()) {
            (Some(a), Some(b)) if b > a => b - a,
            _ => wall,
        };
        Timing { wall, cpu }
    }
}

/// Runs `f` `runs` times (at least once) and keeps the run with the least
/// CPU time (on a shared machine the least-disturbed one), with its
/// result.
pub fn best_of<T>(
    runs: usize,
    clock: Clock,
    mut f: impl FnMut() -> T,
) -> (T, Timing) {
    let mut once = || {
        let t = Timer::start(clock);
        let out = f();
        (out, t.stop())
    };
    let mut best = once();
    for _ in 1..runs {
        let run = once();
        if run.1.cpu < best.1.cpu {
            best = run;
        }
    }
    best
}

/// Peak resident set size of this process in MB (`VmHWM`), if known.
pub fn peak_rss_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let kb: f64 = s
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))?
        .split_whitespace()
        .next()?
        .parse()
        .ok()?;
    Some(kb / 1024.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn best_run_is_kept() {
        let mut n = 0;
        let (last, t) = best_of(3, Clock::Process, || {
            n += 1;
            n
        });
        assert_eq!(n, 3);
        assert!((1..=3).contains(&last));
        assert!(t.wall >= 0.0 && t.cpu >= 0.0);
        if cfg!(target_os = "linux") {
            assert!(Clock::Thread.now().is_some());
            assert!(peak_rss_mb().is_some_and(|m| m > 0.0));
        }
    }
}
