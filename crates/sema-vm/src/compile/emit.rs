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
}

impl Emitter {
    pub fn pc(&self) -> u32 {
        self.code.len() as u32
    }

    /// Records that the next instruction belongs to `span`.
    pub fn span(&mut self, span: Option<sema_core::Span>) {
        if let Some(s) = span {
            let pc = self.pc();
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
