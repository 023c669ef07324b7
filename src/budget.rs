//! The per-file analysis budget: a deadline for running the rules over one parsed file, as the
//! parse timeout is one for parsing it. Pathological shapes (tens of thousands of nested
//! arrow functions or calls, very long chains) can make some query or data-flow step slow; a
//! file that runs out of budget is reported as not fully analysed instead of stalling the scan.
//!
//! The deadline is per thread: a file is analysed on one worker thread from start to finish,
//! and nothing in its analysis runs on another. Checking the clock costs a little, so
//! [`exhausted`] reads it only every 64 calls; once the deadline has passed, every later call
//! answers `true` until the next file starts.
//!
//! Every call of [`exhausted`] is also one *step*: the walkers, the query cursor's progress
//! callback and the data-flow evaluation ask once per node or unit of work, so the step count
//! of a file measures its analysis cost without a clock ([`Budget::steps`]). Tests use it to
//! check that the analysis of a pathological shape stays linear in the file, which a wall-time
//! measurement on a loaded machine cannot show reliably.

use std::cell::Cell;
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<Instant>> = const { Cell::new(None) };
    static EXCEEDED: Cell<bool> = const { Cell::new(false) };
    static TICKS: Cell<u32> = const { Cell::new(0) };
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// The budget of the file being analysed on this thread; dropping it ends the budget.
#[must_use = "the budget ends when the guard is dropped"]
pub struct Budget(());

impl Budget {
    /// Starts a budget of `limit` for the file about to be analysed on this thread.
    pub fn start(limit: Duration) -> Budget {
        DEADLINE.set(Instant::now().checked_add(limit));
        EXCEEDED.set(false);
        // The first call reads the clock.
        TICKS.set(u32::MAX);
        STEPS.set(0);
        Budget(())
    }

    /// The steps taken so far in this budget: calls of [`exhausted`] since it started.
    pub fn steps(&self) -> u64 {
        STEPS.get()
    }

    /// Whether the budget ran out (some step of the analysis was cut short).
    pub fn exceeded(&self) -> bool {
        EXCEEDED.get()
    }
}

impl Drop for Budget {
    fn drop(&mut self) {
        DEADLINE.set(None);
        EXCEEDED.set(false);
    }
}

/// Whether the current file's budget has been found to have run out, without reading the clock:
/// a result computed since then may be cut short, and must not be cached beyond the file.
pub fn ran_out() -> bool {
    EXCEEDED.get()
}

/// Counts `steps` units of work done without asking [`exhausted`] (tokenizing a long text):
/// they show in [`Budget::steps`]. Nothing outside a budget.
pub fn charge(steps: u64) {
    if DEADLINE.get().is_some() {
        STEPS.set(STEPS.get() + steps);
    }
}

/// Whether the current file's budget has run out: the analysis must stop what it is doing and
/// return what it has. Always `false` outside a budget.
pub fn exhausted() -> bool {
    if EXCEEDED.get() {
        return true;
    }
    let Some(deadline) = DEADLINE.get() else {
        return false;
    };
    STEPS.set(STEPS.get() + 1);
    let ticks = TICKS.get().wrapping_add(1);
    TICKS.set(ticks);
    if !ticks.is_multiple_of(64) {
        return false;
    }
    let over = Instant::now() >= deadline;
    EXCEEDED.set(over);
    over
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_runs_out_and_ends_with_its_guard() {
        assert!(!exhausted());
        let budget = Budget::start(Duration::ZERO);
        assert!((0..64).any(|_| exhausted()));
        assert!(exhausted() && budget.exceeded());
        drop(budget);
        assert!(!exhausted());
        let budget = Budget::start(Duration::from_secs(60));
        assert!((0..1000).all(|_| !exhausted()) && !budget.exceeded());
        assert_eq!(budget.steps(), 1000);
    }
}
