//! The disassembler: a readable listing of a prototype and everything nested
//! in it, with operands named and the source position of each instruction.

use std::fmt::Write;

use sema_core::printer;

use crate::chunk::Proto;
use crate::op::{Op, OperandKind};

/// The listing of `proto` and its nested prototypes.
pub(crate) fn disassemble(proto: &Proto) -> String {
    let mut out = String::new();
    listing(&mut out, proto, "toplevel");
    out
}

fn listing(out: &mut String, proto: &Proto, label: &str) {
    let place = match (proto.file, proto.span) {
        (Some(f), Some(s)) => format!(" at {}:{}:{}", f.name(), s.line, s.col),
        (None, Some(s)) => format!(" at {}:{}", s.line, s.col),
        _ => String::new(),
    };
    let _ = writeln!(
        out,
        "== {label}: {}{place} (params {}{}, frame {}, stack {})",
        proto.name.map(|n| n.name()).unwrap_or("<anonymous>"),
        proto.nparams,
        if proto.has_rest { " + rest" } else { "" },
        proto.frame_size,
        proto.max_stack
    );
    let code = &proto.code;
    let mut pc = 0;
    while pc < code.len() {
        let Some(op) = Op::from_u8(code[pc]) else {
            let _ = writeln!(out, "{pc:5}  ??? {}", code[pc]);
            pc += 1;
            continue;
        };
        let mut line = format!("{pc:5}  {:<18}", op.name());
        let mut at = pc + 1;
        for kind in op.operands() {
            let w = kind.width();
            if at + w > code.len() {
                break;
            }
            let raw: u32 = match w {
                1 => code[at] as u32,
                2 => u16::from_le_bytes([code[at], code[at + 1]]) as u32,
                _ => u32::from_le_bytes([code[at], code[at + 1], code[at + 2], code[at + 3]]),
            };
            let text = match kind {
                OperandKind::Jump => format!("-> {}", at as i64 + 4 + raw as i32 as i64),
                OperandKind::Imm => format!("{}", raw as u16 as i16),
                OperandKind::Const if op == Op::MakeClosure => format!("fn#{raw}"),
                OperandKind::Const => match proto.consts.get(raw as usize) {
                    Some(v) => {
                        let mut r = printer::repr(v);
                        if r.len() > 40 {
                            let mut cut = 40;
                            while !r.is_char_boundary(cut) {
                                cut -= 1;
                            }
                            r.truncate(cut);
                            r.push('…');
                        }
                        format!("#{raw} {r}")
                    }
                    None => format!("#{raw}"),
                },
                OperandKind::Slot => format!("s{raw}"),
                OperandKind::Upvalue => format!("u{raw}"),
                OperandKind::Global => format!("g{raw}"),
                OperandKind::Site => format!("site{raw}"),
                OperandKind::Argc => format!("{raw}"),
            };
            let _ = write!(line, " {text}");
            at += w;
        }
        if let Some(span) = proto
            .spans
            .iter()
            .find(|(p, _)| *p as usize == pc)
            .map(|(_, s)| s)
        {
            let _ = write!(line, "    ; {}:{}", span.line, span.col);
        }
        let _ = writeln!(out, "{}", line.trim_end());
        pc += op.size();
    }
    for (i, nested) in proto.protos.iter().enumerate() {
        listing(out, nested, &format!("fn#{i}"));
    }
}
