//! Resource limits and cancellation, shared by both back ends: a step
//! budget, a wall-clock timeout, and an interrupt flag that another thread
//! (or a Ctrl-C handler) sets. Back ends call [`Limits::tick`] at every call
//! and loop iteration (backward jump, tail call).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{Error, ErrorKind, Result};

/// A handle that cancels the running evaluation from any thread.
#[derive(Clone, Debug)]
pub struct CancelHandle(Arc<AtomicBool>);

impl CancelHandle {
    /// Asks the evaluation to stop; it ends with an uncatchable
    /// "interrupted" error within about a thousand calls or loop iterations.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// How often (in steps) the clock is read when a timeout is set, and the
/// interrupt flag always.
const CLOCK_EVERY: u64 = 1024;

/// Steps an evaluation may still take after the step limit or the timeout
/// fired (a catchable `:eval` error), so that a `catch` handler can run;
/// after them the evaluation ends with an error `try` cannot catch, so
/// catching the limit in a loop cannot defeat it.
pub const GRACE_STEPS: u64 = 10_000;

/// Limits on one evaluation (`eval_str`, a file, one REPL input).
#[derive(Debug)]
pub struct Limits {
    interrupt: Arc<AtomicBool>,
    /// Most steps (calls and loop iterations) an evaluation may take.
    pub max_steps: Option<u64>,
    /// Longest an evaluation may run.
    pub timeout: Option<Duration>,
    steps: u64,
    deadline: Option<Instant>,
    /// The step at which `tick` next looks at the step budget or the clock.
    next_check: u64,
    /// The step at which a limit fired, and its message.
    fired: Option<(u64, String)>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            interrupt: Arc::new(AtomicBool::new(false)),
            max_steps: None,
            timeout: None,
            steps: 0,
            deadline: None,
            next_check: CLOCK_EVERY,
            fired: None,
        }
    }
}

impl Limits {
    /// Starts an evaluation: resets the step count and the clock, and clears
    /// an interrupt that arrived while nothing ran.
    pub fn start(&mut self) {
        self.steps = 0;
        self.deadline = self.timeout.map(|t| Instant::now() + t);
        self.fired = None;
        self.interrupt.store(false, Ordering::Relaxed);
        self.schedule();
    }

    /// Works out when `tick` must next look at the budget or the clock.
    fn schedule(&mut self) {
        let budget = match &self.fired {
            // In the grace period: look again once it is over.
            Some((at, _)) => at.saturating_add(GRACE_STEPS).saturating_add(1),
            None => self.max_steps.map_or(u64::MAX, |m| m.saturating_add(1)),
        };
        // PERF: the interrupt flag is looked at here, every CLOCK_EVERY
        // steps, rather than at every step: `tick` is then an add and a
        // compare with no load through the shared flag.
        let clock = (self.steps / CLOCK_EVERY + 1) * CLOCK_EVERY;
        self.next_check = budget.min(clock);
    }

    /// The flag a Ctrl-C handler or another thread sets to interrupt.
    pub fn interrupt_flag(&self) -> Arc<AtomicBool> {
        self.interrupt.clone()
    }

    /// A handle to cancel the running evaluation from another thread.
    pub fn cancel_handle(&self) -> CancelHandle {
        CancelHandle(self.interrupt.clone())
    }

    /// Counts one step and checks every limit.
    #[inline(always)]
    pub fn tick(&mut self) -> Result<()> {
        self.steps += 1;
        if self.steps >= self.next_check {
            return self.check();
        }
        Ok(())
    }

    /// Counts one step and looks at the interrupt flag, the clock and the
    /// budget now rather than at the next scheduled check: for natives that
    /// wait (`sleep`) and must notice a cancel or the timeout promptly.
    pub fn poll(&mut self) -> Result<()> {
        self.steps += 1;
        self.check()
    }

    #[cold]
    #[inline(never)]
    fn check(&mut self) -> Result<()> {
        let result = self.check_limits();
        self.schedule();
        result
    }

    fn check_limits(&mut self) -> Result<()> {
        if self.interrupt.load(Ordering::Relaxed) {
            self.interrupt.store(false, Ordering::Relaxed);
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        }
        if let Some((at, message)) = &self.fired {
            if self.steps > at.saturating_add(GRACE_STEPS) {
                // The program caught the limit and ran on: end it for good
                // (`try` cannot catch this), so no handler can swallow the
                // limit in a loop.
                return Err(Error::new(
                    ErrorKind::Interrupted,
                    format!("{message}; the program went on after catching it"),
                ));
            }
            return Ok(());
        }
        if let Some(max) = self.max_steps {
            if self.steps > max {
                return Err(self.fire(format!("step limit exceeded ({max} steps)")));
            }
        }
        if let Some(deadline) = self.deadline {
            if Instant::now() >= deadline {
                let secs = self.timeout.map(|t| t.as_secs_f64()).unwrap_or(0.0);
                return Err(self.fire(format!("timeout: evaluation ran longer than {secs}s")));
            }
        }
        Ok(())
    }

    /// Records that a limit fired (starting the grace period) and returns
    /// its catchable `:eval` error.
    #[cold]
    fn fire(&mut self, message: String) -> Error {
        self.fired = Some((self.steps, message.clone()));
        Error::eval(message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(limits: &mut Limits, steps: u64) -> Vec<u64> {
        (1..=steps).filter(|_| limits.tick().is_err()).collect()
    }

    #[test]
    fn step_limit_fires_then_grants_grace_then_fails_every_step() {
        let mut l = Limits {
            max_steps: Some(100),
            ..Limits::default()
        };
        l.start();
        let failed = run(&mut l, 100 + GRACE_STEPS + 3);
        assert_eq!(failed[0], 101);
        assert_eq!(failed[1..], [101 + GRACE_STEPS + 1, 101 + GRACE_STEPS + 2]);
        let e = l.tick().unwrap_err();
        assert!(e.is_uncatchable());
        assert_eq!(
            e.headline(),
            "Interrupted: step limit exceeded (100 steps); the program went on after catching it"
        );
        // A new evaluation starts afresh.
        l.start();
        assert!(run(&mut l, 100).is_empty());
    }

    #[test]
    fn timeout_cannot_be_caught_forever() {
        let mut l = Limits {
            timeout: Some(Duration::ZERO),
            ..Limits::default()
        };
        l.start();
        let failed = run(&mut l, CLOCK_EVERY + GRACE_STEPS + 10);
        assert_eq!(failed[0], CLOCK_EVERY);
        assert!(failed.len() > 5);
        let e = l.tick().unwrap_err();
        assert!(e.message().starts_with("timeout"));
    }

    #[test]
    fn cancel_interrupts_once() {
        let mut l = Limits::default();
        l.start();
        l.cancel_handle().cancel();
        // The flag is looked at every CLOCK_EVERY steps.
        let err = (0..CLOCK_EVERY).find_map(|_| l.tick().err()).unwrap();
        assert!(err.is_uncatchable());
        assert!(run(&mut l, 2 * CLOCK_EVERY).is_empty());
    }
}
