//! Errors in the VM: recording the stack trace once, and unwinding to the
//! nearest `try` handler through the frames' exception tables.

use sema_core::{Error, Result, Sym, TraceFrame};

use super::{FrameKind, Vm};

impl Vm {
    /// Where a native in flight was called: the call instruction the frame
    /// below it is at.
    fn native_site(&self, n: &super::NativeCall) -> Option<sema_core::Span> {
        if !n.from_loop {
            return None;
        }
        let f = self.frames.get(n.frames.checked_sub(1)?)?;
        f.proto.span_at(f.pc.saturating_sub(2))
    }

    /// Records the call stack in the error (innermost first), once.
    pub(crate) fn capture_trace(&self, e: &mut Error) {
        if e.data().trace_captured {
            return;
        }
        let mut frames: Vec<TraceFrame> = Vec::new();
        let mut ni = self.native_calls.len();
        for fi in (0..self.frames.len()).rev() {
            while ni > 0 && self.native_calls[ni - 1].frames == fi + 1 {
                let n = &self.native_calls[ni - 1];
                frames.push(TraceFrame {
                    name: n.name.name().to_string(),
                    span: self.native_site(n),
                });
                ni -= 1;
            }
            let f = &self.frames[fi];
            if f.kind() != FrameKind::Function {
                continue;
            }
            let name = f
                .proto
                .name
                .unwrap_or_else(|| Sym::intern("<lambda>"))
                .name()
                .to_string();
            let span = match &f.site {
                _ if let Some(pc) = f.self_site() => f.proto.span_at(pc),
                Some((proto, pc)) => proto.span_at(*pc as usize),
                None if f.entry() || fi == 0 => None,
                None => {
                    let caller = &self.frames[fi - 1];
                    caller.proto.span_at(caller.pc.saturating_sub(2))
                }
            };
            frames.push(TraceFrame { name, span });
        }
        while ni > 0 {
            let n = &self.native_calls[ni - 1];
            frames.push(TraceFrame {
                name: n.name.name().to_string(),
                span: self.native_site(n),
            });
            ni -= 1;
        }
        let len = frames.len();
        e.capture_trace(len, |i| frames[i].clone());
    }

    /// Continues at the nearest handler among the frames this loop started
    /// (from `entry` up); without one, drops those frames and returns the error.
    pub(crate) fn unwind(&mut self, mut e: Error, entry: usize) -> Result<()> {
        if !e.is_uncatchable() {
            self.capture_trace(&mut e);
            for fi in (entry..self.frames.len()).rev() {
                let frame = &self.frames[fi];
                let pc = frame.pc.saturating_sub(1) as u32;
                let found = frame
                    .proto
                    .handlers
                    .iter()
                    .find(|h| h.start <= pc && pc < h.end)
                    .cloned();
                if let Some(h) = found {
                    let keep = frame.base + frame.proto.frame_size as usize + h.depth as usize;
                    self.frames.truncate(fi + 1);
                    self.stack.truncate(keep);
                    self.native_calls.retain(|n| n.frames <= fi + 1);
                    self.stack.push(e.to_value());
                    self.frames[fi].pc = h.target as usize;
                    return Ok(());
                }
            }
        }
        let ret = self.frames[entry].ret;
        self.frames.truncate(entry);
        self.stack.truncate(ret);
        self.native_calls.retain(|n| n.frames <= entry);
        Err(e)
    }
}
