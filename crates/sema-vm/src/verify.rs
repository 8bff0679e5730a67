//! The bytecode verifier. A prototype must pass it before it runs: every
//! instruction decodes, operands are in range (slots within the frame,
//! constants, upvalues, sites, nested prototypes, globals), jumps land on
//! instruction boundaries inside the code, and the code cannot run off its
//! end. The dispatch loop relies on these facts.

use sema_core::{Error, Result};

use crate::chunk::Proto;
use crate::op::{Op, OperandKind, StackEffect};

fn bad(proto: &Proto, pc: usize, what: &str) -> Error {
    Error::eval(format!(
        "internal error: invalid bytecode in {} at {pc}: {what}",
        proto.display_name()
    ))
}

/// The operand of width `w` (1, 2 or 4 bytes, little-endian) at `at`;
/// the caller has checked that the instruction fits in `code`.
fn read_operand(code: &[u8], at: usize, w: usize) -> u64 {
    match w {
        1 => code[at] as u64,
        2 => u16::from_le_bytes([code[at], code[at + 1]]) as u64,
        _ => u32::from_le_bytes([code[at], code[at + 1], code[at + 2], code[at + 3]]) as u64,
    }
}

/// Checks `proto` and every prototype nested in it.
pub fn verify(proto: &Proto, globals: usize) -> Result<()> {
    let code = &proto.code;
    let mut starts = vec![false; code.len() + 1];
    let mut jumps: Vec<(usize, i64)> = Vec::new();
    let mut pc = 0;
    let mut last = None;
    while pc < code.len() {
        starts[pc] = true;
        let Some(op) = Op::from_u8(code[pc]) else {
            return Err(bad(proto, pc, "unknown opcode"));
        };
        let size = op.size();
        if pc + size > code.len() {
            return Err(bad(proto, pc, "truncated instruction"));
        }
        let mut at = pc + 1;
        for (i, kind) in op.operands().iter().enumerate() {
            let w = kind.width();
            let raw = read_operand(code, at, w);
            let writes_slot = matches!(
                op,
                Op::StoreLocal | Op::StoreCell | Op::MakeCell | Op::MoveLocal
            );
            let ok = match kind {
                // Slot 0 holds the running closure and must not change.
                OperandKind::Slot if writes_slot && raw == 0 => false,
                OperandKind::Slot => raw < proto.frame_size as u64,
                OperandKind::Const if op == Op::MakeClosure => raw < proto.protos.len() as u64,
                OperandKind::Const => raw < proto.consts.len() as u64,
                OperandKind::Upvalue => {
                    proto.inline_from.is_some() || raw < proto.upvalues.len() as u64
                }
                OperandKind::Global => raw < globals as u64,
                OperandKind::Site => raw < proto.sites.len() as u64,
                OperandKind::Jump => {
                    jumps.push((pc, at as i64 + 4 + raw as u32 as i32 as i64));
                    true
                }
                OperandKind::Argc | OperandKind::Imm => true,
            };
            if !ok {
                return Err(bad(
                    proto,
                    pc,
                    &format!("operand {i} of {} out of range", op.name()),
                ));
            }
            at += w;
        }
        last = Some(op);
        pc += size;
    }
    for (from, target) in jumps {
        if target < 0 || target as usize >= code.len() || !starts[target as usize] {
            return Err(bad(proto, from, "jump target is not an instruction"));
        }
    }
    match last.map(|op| (op, op.effect())) {
        Some((Op::Jump, _)) | Some((_, StackEffect::Ends)) => {}
        _ => return Err(bad(proto, code.len(), "code can run off its end")),
    }
    for h in &proto.handlers {
        if h.target as usize >= code.len() || !starts[h.target as usize] {
            return Err(bad(
                proto,
                h.target as usize,
                "handler target is not an instruction",
            ));
        }
    }
    for nested in &proto.protos {
        verify(nested, globals)?;
    }
    Ok(())
}

/// Works out the operand-stack depth at every reachable instruction and
/// sets `max_stack` to the deepest. Fails when a pop would go below the
/// frame's operands, when two paths reach an instruction with different
/// depths, or when the code does not decode. The dispatch loop reserves
/// `max_stack` values for a frame's operands.
pub(crate) fn stack_depth(proto: &mut Proto) -> Result<()> {
    let code = &proto.code;
    let mut depth: Vec<i64> = vec![-1; code.len()];
    let mut work: Vec<(usize, i64)> = vec![(0, 0)];
    for h in &proto.handlers {
        work.push((h.target as usize, h.depth as i64 + 1));
    }
    let mut max = 0i64;
    while let Some((pc, d)) = work.pop() {
        if pc >= code.len() {
            return Err(bad(proto, pc, "control reaches past the end of the code"));
        }
        if d < 0 {
            return Err(bad(proto, pc, "operand stack underflow"));
        }
        if depth[pc] >= 0 {
            if depth[pc] != d {
                return Err(bad(proto, pc, "inconsistent operand stack depth"));
            }
            continue;
        }
        depth[pc] = d;
        max = max.max(d);
        let Some(op) = Op::from_u8(code[pc]) else {
            return Err(bad(proto, pc, "unknown opcode"));
        };
        let size = op.size();
        if pc + size > code.len() {
            return Err(bad(proto, pc, "truncated instruction"));
        }
        // Operand values by kind, and the jump target if any.
        let mut at = pc + 1;
        let mut target = None;
        let mut argc = 0i64;
        let mut site = None;
        for kind in op.operands() {
            let w = kind.width();
            let raw = read_operand(code, at, w);
            match kind {
                OperandKind::Jump => {
                    target = Some((at as i64 + 4 + raw as u32 as i32 as i64) as usize)
                }
                OperandKind::Argc => argc = raw as i64,
                OperandKind::Site => site = Some(raw as usize),
                _ => {}
            }
            at += w;
        }
        let next = pc + size;
        let need = |n: i64| -> Result<()> {
            if d < n {
                Err(bad(proto, pc, "operand stack underflow"))
            } else {
                Ok(())
            }
        };
        match op {
            Op::Jump => work.push((target.unwrap_or(next), d)),
            Op::JumpIfFalse | Op::JumpIfTrue => {
                need(1)?;
                work.push((target.unwrap_or(next), d - 1));
                work.push((next, d - 1));
            }
            Op::JumpIfFalseKeep | Op::JumpIfTrueKeep => {
                need(1)?;
                work.push((target.unwrap_or(next), d));
                work.push((next, d - 1));
            }
            Op::MacroGuard | Op::MacroCheck => {
                if let Some(crate::chunk::Site::Macro {
                    resume, depth: sd, ..
                }) = site.and_then(|s| proto.sites.get(s))
                {
                    if *sd as i64 > d {
                        return Err(bad(proto, pc, "macro site deeper than the stack"));
                    }
                    work.push((*resume as usize, *sd as i64 + 1));
                }
                work.push((next, d));
            }
            _ => match op.effect() {
                StackEffect::Fixed(pop, push) => {
                    need(pop as i64)?;
                    let after = d - pop as i64 + push as i64;
                    if let Some(t) = target {
                        work.push((t, after));
                    }
                    work.push((next, after));
                }
                StackEffect::Call => {
                    need(argc + 1)?;
                    work.push((next, d - argc));
                }
                StackEffect::Ends => {
                    let pops = match op {
                        Op::TailCall => argc + 1,
                        Op::TailCallSelf => argc,
                        Op::ReturnLocal => 0,
                        _ => 1,
                    };
                    need(pops)?;
                }
            },
        }
    }
    proto.max_stack = max as u32;
    Ok(())
}
