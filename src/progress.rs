//! The scan's progress indicator: a spinner with the elapsed time on standard error (the
//! `indicatif` crate), for people watching a terminal while a large repository is scanned.
//!
//! It appears only when nobody reads the output as data: standard error is a terminal, the run
//! is not in CI (`CI` unset), the report is text and `--quiet` was not given. It also waits
//! about a second before drawing anything, so the common quick scan never flickers, and it is
//! cleared before the report's summary and notifications are printed.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a scan runs before the indicator appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// Whether to show the indicator. `machine_format`: the report is JSON, SARIF or GitHub
/// annotations, read by a program even when a person started the run.
pub fn enabled(stderr_is_terminal: bool, ci: bool, machine_format: bool, quiet: bool) -> bool {
    stderr_is_terminal && !ci && !machine_format && !quiet
}

/// A running indicator; dropping it clears it (or, before [`DELAY`], means it never shows).
pub struct Progress {
    done: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts an indicator showing `message` once `delay` has passed, or none when `show` is
    /// false.
    pub fn start(show: bool, delay: Duration, message: &'static str) -> Progress {
        if !show {
            return Progress {
                done: None,
                thread: None,
            };
        }
        let (done, finished) = mpsc::channel::<()>();
        let thread = std::thread::Builder::new()
            .name("phi-lint-progress".into())
            .spawn(move || {
                if finished.recv_timeout(delay) != Err(RecvTimeoutError::Timeout) {
                    return;
                }
                // The clock counts from the start of the scan, not from the first frame.
                let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
                    .with_elapsed(delay);
                bar.set_style(
                    ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
                        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
                );
                bar.set_message(message);
                bar.enable_steady_tick(Duration::from_millis(120));
                // Returns when the sender is dropped: the scan is over.
                let _ = finished.recv();
                bar.finish_and_clear();
            })
            .ok();
        Progress {
            done: Some(done),
            thread,
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.done.take();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shown_only_to_a_person_at_a_terminal() {
        assert!(enabled(true, false, false, false));
        assert!(!enabled(false, false, false, false), "stderr redirected");
        assert!(!enabled(true, true, false, false), "CI");
        assert!(!enabled(true, false, true, false), "JSON, SARIF, github");
        assert!(!enabled(true, false, false, true), "--quiet");
    }

    #[test]
    fn a_quick_scan_draws_nothing_and_drops_at_once() {
        let started = std::time::Instant::now();
        drop(Progress::start(true, Duration::from_secs(30), "scanning"));
        assert!(started.elapsed() < Duration::from_secs(5));
    }
}
