//! The emitter: bytes of code, the pc->span table, jump patching, and the
//! operand-stack depth the compiler tracks (for exception handlers and the
//! verifier's bound).

use sema_core::Span;

use crate::op::{Op, OperandKind, StackEffect};

/// A jump whose offset is patched once its target is known.
#[derive(Copy, Clone, Debug)]
pub(crate) struct Label(usize);

#[derive(Default)]
pub(crate) struct Emitter {
    pub code: Vec<u8>,
    pub spans: Vec<(u32, Span)>,
    /// Operand values on the stack at this point of the code.
    pub depth: i32,
    pub max_depth: i32,
    /// The last instruction, if it loads a local: (its pc, its slot).
    last_local: Option<(usize, u32)>,
    /// The last instruction, if it loads an upvalue: (its pc, its index).
    last_upvalue: Option<(usize, u32)>,
    /// The instruction before the last, if it loads a local and the last
    /// loads a local or an upvalue.
    prev_local: Option<(usize, u32)>,
    /// The last pc the compiler looked at (a jump target, a range bound, a
    /// resume point): no instruction fusion may span it.
    barrier: std::cell::Cell<usize>,
}

impl Emitter {
    /// The current pc. Asking for it pins it: the next instruction will not
    /// be fused with the previous one (something may jump or refer here).
    pub fn pc(&self) -> u32 {
        self.barrier.set(self.code.len());
        self.code.len() as u32
    }

    /// Fuses `op` with a directly preceding local load when a combined
    /// instruction exists: `LoadLocal s; AddImm k g` becomes
    /// `AddLocalImm s k g`, and so on. Returns the fused instruction.
    fn fuse(&mut self, op: Op, operands: &[u32]) -> Option<(Op, Vec<u32>)> {
        if let Some(fused) = self.fuse_pair(op, operands) {
            return Some(fused);
        }
        let (start, slot) = self.last_local?;
        let fused = match op {
            Op::AddImm => Op::AddLocalImm,
            Op::SubImm => Op::SubLocalImm,
            Op::JumpIfNotLtImm => Op::JumpIfNotLtLocalImm,
            Op::JumpIfNotGtImm => Op::JumpIfNotGtLocalImm,
            Op::JumpIfNotLeImm => Op::JumpIfNotLeLocalImm,
            Op::JumpIfNotGeImm => Op::JumpIfNotGeLocalImm,
            Op::JumpIfNotNumEqImm => Op::JumpIfNotNumEqLocalImm,
            Op::Return => Op::ReturnLocal,
            Op::JumpIfNotUnary => Op::JumpIfNotUnaryLocal,
            Op::Car => Op::CarLocal,
            Op::Cdr => Op::CdrLocal,
            _ => return None,
        };
        self.undo_loads(start, &[slot], operands)
            .map(|all| (fused, all))
    }

    /// Fuses a compare-and-jump, `+` or `-` with the two loads before it: a
    /// local and a local (`LoadLocal a; LoadLocal b; JumpIfNotLt g` becomes
    /// `JumpIfNotLtLocalLocal a b g`), or a local and an upvalue (compares
    /// only: `JumpIfNotLtLocalUpvalue a u g`). A `MoveLocal` (a last use) is
    /// fused as a plain load: the value stays in its dead slot until the
    /// frame ends, which only matters for heap values, whose comparison
    /// takes the slow path anyway.
    fn fuse_pair(&mut self, op: Op, operands: &[u32]) -> Option<(Op, Vec<u32>)> {
        let (a_start, a_slot) = self.prev_local?;
        let ((b_start, b), fused) = match (self.last_local, self.last_upvalue) {
            (Some(b), _) => (
                b,
                match op {
                    Op::JumpIfNotLt => Op::JumpIfNotLtLocalLocal,
                    Op::JumpIfNotGt => Op::JumpIfNotGtLocalLocal,
                    Op::JumpIfNotLe => Op::JumpIfNotLeLocalLocal,
                    Op::JumpIfNotGe => Op::JumpIfNotGeLocalLocal,
                    Op::JumpIfNotNumEq => Op::JumpIfNotNumEqLocalLocal,
                    Op::Add => Op::AddLocalLocal,
                    Op::Sub => Op::SubLocalLocal,
                    _ => return None,
                },
            ),
            (None, Some(u)) => (
                u,
                match op {
                    Op::JumpIfNotLt => Op::JumpIfNotLtLocalUpvalue,
                    Op::JumpIfNotGt => Op::JumpIfNotGtLocalUpvalue,
                    Op::JumpIfNotLe => Op::JumpIfNotLeLocalUpvalue,
                    Op::JumpIfNotGe => Op::JumpIfNotGeLocalUpvalue,
                    Op::JumpIfNotNumEq => Op::JumpIfNotNumEqLocalUpvalue,
                    _ => return None,
                },
            ),
            (None, None) => return None,
        };
        // Something may jump to the second load.
        if self.barrier.get() == b_start {
            return None;
        }
        debug_assert!(a_start < b_start);
        self.undo_loads(a_start, &[a_slot, b], operands)
            .map(|all| (fused, all))
    }

    /// Removes the loads emitted from `start` on (one push each, their
    /// operands `leading`) so that one fused instruction replaces them and
    /// the next; gives its operands, `leading` first. None when something
    /// may jump to the next instruction.
    fn undo_loads(&mut self, start: usize, leading: &[u32], operands: &[u32]) -> Option<Vec<u32>> {
        if self.barrier.get() == self.code.len() {
            return None;
        }
        self.code.truncate(start);
        self.depth -= leading.len() as i32;
        Some(leading.iter().chain(operands).copied().collect())
    }

    /// Records that the next instruction belongs to `span`.
    pub fn span(&mut self, span: Option<sema_core::Span>) {
        if let Some(s) = span {
            let pc = self.code.len() as u32;
            match self.spans.last_mut() {
                Some(last) if last.0 == pc => last.1 = s,
                _ => self.spans.push((pc, s)),
            }
        }
    }

    fn adjust(&mut self, op: Op, argc: i32) {
        match op.effect() {
            StackEffect::Fixed(pop, push) => self.depth += push as i32 - pop as i32,
            StackEffect::Call => self.depth -= argc,
            StackEffect::Ends => {}
        }
        self.max_depth = self.max_depth.max(self.depth);
    }

    /// Emits `op` with its operands (given as u32s, encoded to their widths).
    pub fn emit(&mut self, op: Op, operands: &[u32]) {
        if let Some((fused, all)) = self.fuse(op, operands) {
            self.last_local = None;
            self.last_upvalue = None;
            self.prev_local = None;
            return self.emit_raw(fused, &all);
        }
        let start = self.code.len();
        self.emit_raw(op, operands);
        let this = match op {
            Op::LoadLocal | Op::MoveLocal => Some((start, operands[0])),
            Op::LoadLocal1 => Some((start, 1)),
            Op::LoadLocal2 => Some((start, 2)),
            Op::LoadLocal3 => Some((start, 3)),
            _ => None,
        };
        let upvalue = (op == Op::LoadUpvalue).then(|| (start, operands[0]));
        self.prev_local = if this.is_some() || upvalue.is_some() {
            self.last_local
        } else {
            None
        };
        self.last_local = this;
        self.last_upvalue = upvalue;
    }

    fn emit_raw(&mut self, op: Op, operands: &[u32]) {
        debug_assert_eq!(op.operands().len(), operands.len(), "{}", op.name());
        self.code.push(op as u8);
        let mut argc = 0;
        for (kind, value) in op.operands().iter().zip(operands) {
            match kind.width() {
                1 => {
                    self.code.push(*value as u8);
                    if *kind == OperandKind::Argc {
                        argc = *value as i32;
                    }
                }
                2 => self.code.extend_from_slice(&(*value as u16).to_le_bytes()),
                _ => self.code.extend_from_slice(&value.to_le_bytes()),
            }
        }
        self.adjust(op, argc);
    }

    /// Emits a jump with a placeholder offset.
    pub fn jump(&mut self, op: Op) -> Label {
        debug_assert_eq!(op.operands(), &[OperandKind::Jump]);
        self.emit(op, &[0]);
        Label(self.code.len() - 4)
    }

    /// Emits an instruction whose last operand is a jump offset, patched later.
    pub fn jump_with(&mut self, op: Op, operands: &[u32]) -> Label {
        debug_assert_eq!(op.operands().last(), Some(&OperandKind::Jump));
        let mut all = operands.to_vec();
        all.push(0);
        self.emit(op, &all);
        Label(self.code.len() - 4)
    }

    /// Points a jump at the current pc.
    pub fn patch(&mut self, label: Label) {
        self.barrier.set(self.code.len());
        let target = self.code.len() as i64;
        let after = (label.0 + 4) as i64;
        let offset = (target - after) as i32;
        self.code[label.0..label.0 + 4].copy_from_slice(&offset.to_le_bytes());
    }

    /// Emits a jump back to `target`.
    pub fn jump_back(&mut self, op: Op, target: u32) {
        let after = self.code.len() as i64 + 5;
        self.emit(op, &[(target as i64 - after) as i32 as u32]);
    }
}
