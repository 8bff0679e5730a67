//! Builtins the compiler turns into opcodes. A row applies only while the
//! global still holds the original builtin: the opcode carries the global's
//! slot and falls back to an ordinary call if it was redefined.

use crate::op::Op;

/// (builtin name, argument count, opcode)
pub(crate) const TABLE: &[(&str, u8, Op)] = &[
    ("+", 2, Op::Add),
    ("-", 2, Op::Sub),
    ("*", 2, Op::Mul),
    ("/", 2, Op::Div),
    ("mod", 2, Op::Mod),
    ("modulo", 2, Op::Mod),
    ("<", 2, Op::Lt),
    (">", 2, Op::Gt),
    ("<=", 2, Op::Le),
    (">=", 2, Op::Ge),
    ("=", 2, Op::NumEq),
    ("car", 1, Op::Car),
    ("cdr", 1, Op::Cdr),
    ("first", 1, Op::Car),
    ("rest", 1, Op::Cdr),
    ("cons", 2, Op::Cons),
    ("null?", 1, Op::IsNull),
    ("pair?", 1, Op::IsPair),
    ("not", 1, Op::Not),
    ("nil?", 1, Op::IsNil),
    ("equal?", 2, Op::Equal),
    ("eq?", 2, Op::Equal),
    ("zero?", 1, Op::IsZero),
    ("nth", 2, Op::Nth),
    ("get", 2, Op::Get),
    ("hash-ref", 2, Op::Get),
    ("min", 2, Op::Min),
    ("max", 2, Op::Max),
    ("cadr", 1, Op::Cadr),
];

/// The opcode for a call of `name` with `argc` arguments, if any.
pub(crate) fn lookup(name: &str, argc: usize) -> Option<Op> {
    TABLE
        .iter()
        .find(|(n, a, _)| *n == name && *a as usize == argc)
        .map(|(_, _, op)| *op)
}

/// The fused compare-and-branch opcodes for a comparison builtin: (operands
/// on the stack, second operand an immediate).
pub(crate) fn branch_ops(name: &str) -> Option<(Op, Op)> {
    Some(match name {
        "<" => (Op::JumpIfNotLt, Op::JumpIfNotLtImm),
        ">" => (Op::JumpIfNotGt, Op::JumpIfNotGtImm),
        "<=" => (Op::JumpIfNotLe, Op::JumpIfNotLeImm),
        ">=" => (Op::JumpIfNotGe, Op::JumpIfNotGeImm),
        "=" => (Op::JumpIfNotNumEq, Op::JumpIfNotNumEqImm),
        _ => return None,
    })
}

/// The opcode for `(+ x IMM)` / `(- x IMM)`.
pub(crate) fn imm_op(name: &str) -> Option<Op> {
    match name {
        "+" => Some(Op::AddImm),
        "-" => Some(Op::SubImm),
        _ => None,
    }
}

/// The predicate code of `JumpIfNotUnary` for a one-argument builtin.
pub(crate) fn unary_predicate(name: &str) -> Option<u32> {
    Some(match name {
        "null?" => 0,
        "pair?" => 1,
        "not" => 2,
        "nil?" => 3,
        "zero?" => 4,
        _ => return None,
    })
}
