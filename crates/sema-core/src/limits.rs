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
        }
    }
}

impl Limits {
    /// Starts an evaluation: resets the step count and the clock, and clears
    /// an interrupt that arrived while nothing ran.
    pub fn start(&mut self) {
        self.steps = 0;
        self.deadline = self.timeout.map(|t| Instant::now() + t);
        self.interrupt.store(false, Ordering::Relaxed);
        self.schedule();
    }

    /// Works out when `tick` must next look at the budget or the clock.
    fn schedule(&mut self) {
        let budget = self.max_steps.map_or(u64::MAX, |m| m.saturating_add(1));
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

    #[cold]
    #[inline(never)]
    fn check(&mut self) -> Result<()> {
        if self.interrupt.load(Ordering::Relaxed) {
            self.interrupt.store(false, Ordering::Relaxed);
            return Err(Error::new(ErrorKind::Interrupted, "interrupted"));
        }
        if let Some(max) = self.max_steps {
            if self.steps > max {
                return Err(Error::eval(format!("step limit exceeded ({max} steps)")));
            }
        }
        if let Some(deadline) = self.deadline {
            if Instant::now() >= deadline {
                self.deadline = None;
                self.schedule();
                let secs = self.timeout.map(|t| t.as_secs_f64()).unwrap_or(0.0);
                return Err(Error::eval(format!(
                    "timeout: evaluation ran longer than {secs}s"
                )));
            }
        }
        self.schedule();
        Ok(())
    }
}
