//! The opcode table. Every opcode is defined once, here: its operands (typed),
//! its stack effect and a one-line contract. The `Op` enum, decoding, operand
//! widths, names, the disassembler, the verifier and the emitter all derive
//! from this table.
//!
//! Encoding: one byte of opcode followed by its operands, little-endian.
//! Stack effects are written `pop -> push`; `argc` means "the operand".

/// A slot in the current frame (0 is the callee, params follow).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Slot(pub u16);
/// An index into the chunk's constant pool.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct ConstIdx(pub u16);
/// An index into the current closure's upvalues.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct UpvalueIdx(pub u16);
/// A slot in the VM's global table.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct GlobalSlot(pub u32);
/// A relative jump: the target is the address after the operand plus this.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct JumpOffset(pub i32);
/// An argument count.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Argc(pub u8);
/// An index into the chunk's table of dynamic sites (eval, load, macros).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct SiteIdx(pub u16);
/// A small integer literal.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub struct Imm(pub i16);

/// The kinds of operand, with their encoded width.
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum OperandKind {
    Slot,
    Const,
    Upvalue,
    Global,
    Jump,
    Argc,
    Site,
    Imm,
}

impl OperandKind {
    pub const fn width(self) -> usize {
        match self {
            OperandKind::Argc => 1,
            OperandKind::Slot
            | OperandKind::Const
            | OperandKind::Upvalue
            | OperandKind::Site
            | OperandKind::Imm => 2,
            OperandKind::Global | OperandKind::Jump => 4,
        }
    }
}

/// How an instruction changes the operand stack: `Fixed(pop, push)`, or
/// depending on the argument count (calls pop callee + args, push 1).
#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum StackEffect {
    Fixed(u8, u8),
    /// Pops the callee and `argc` arguments, pushes the result.
    Call,
    /// Ends the frame (return, tail call, throw).
    Ends,
}

macro_rules! op_kind {
    (Slot) => {
        OperandKind::Slot
    };
    (ConstIdx) => {
        OperandKind::Const
    };
    (UpvalueIdx) => {
        OperandKind::Upvalue
    };
    (GlobalSlot) => {
        OperandKind::Global
    };
    (JumpOffset) => {
        OperandKind::Jump
    };
    (Argc) => {
        OperandKind::Argc
    };
    (SiteIdx) => {
        OperandKind::Site
    };
    (Imm) => {
        OperandKind::Imm
    };
}

macro_rules! effect {
    (call) => {
        StackEffect::Call
    };
    (ends) => {
        StackEffect::Ends
    };
    ($pop:literal -> $push:literal) => {
        StackEffect::Fixed($pop, $push)
    };
}

macro_rules! opcodes {
    ($( $(#[doc = $doc:literal])* $name:ident ( $($operand:ident),* ) [$($eff:tt)*] ; )*) => {
        /// A VM instruction (the opcode byte).
        #[derive(Copy, Clone, Debug, PartialEq, Eq)]
        #[repr(u8)]
        pub enum Op {
            $( $(#[doc = $doc])* $name, )*
        }

        impl Op {
            /// Every opcode, in encoding order.
            pub const ALL: &'static [Op] = &[$(Op::$name),*];

            /// Decodes an opcode byte.
            #[inline(always)]
            pub fn from_u8(b: u8) -> Option<Op> {
                Op::ALL.get(b as usize).copied()
            }

            /// The instruction's name as the disassembler prints it.
            pub fn name(self) -> &'static str {
                match self { $(Op::$name => stringify!($name),)* }
            }

            /// The kinds of the operands, in order.
            pub fn operands(self) -> &'static [OperandKind] {
                match self { $(Op::$name => &[$(op_kind!($operand)),*],)* }
            }

            /// The stack effect.
            pub fn effect(self) -> StackEffect {
                match self { $(Op::$name => effect!($($eff)*),)* }
            }

            /// Encoded size: the opcode byte plus its operands.
            pub fn size(self) -> usize {
                1 + self.operands().iter().map(|k| k.width()).sum::<usize>()
            }
        }
    };
}

opcodes! {
    /// Push nil.
    Nil() [0 -> 1];
    /// Push #t.
    True() [0 -> 1];
    /// Push #f.
    False() [0 -> 1];
    /// Push a small integer.
    Int(Imm) [0 -> 1];
    /// Push a constant.
    Const(ConstIdx) [0 -> 1];
    /// Discard the top value.
    Pop() [1 -> 0];
    /// Push a local slot's value.
    LoadLocal(Slot) [0 -> 1];
    /// Push slot 1 (the first parameter).
    LoadLocal1() [0 -> 1];
    /// Push slot 2.
    LoadLocal2() [0 -> 1];
    /// Push slot 3.
    LoadLocal3() [0 -> 1];
    /// Push a local slot's value, leaving nil behind (its last use).
    MoveLocal(Slot) [0 -> 1];
    /// Push a `define`-bound local; an error if it has no value yet. Const = its name.
    LoadLocalChecked(Slot, ConstIdx) [0 -> 1];
    /// Pop into a local slot.
    StoreLocal(Slot) [1 -> 0];
    /// Push the value inside the cell held by a slot; Const = the name (unbound check).
    LoadCell(Slot, ConstIdx) [0 -> 1];
    /// Pop into the cell held by a slot.
    StoreCell(Slot) [1 -> 0];
    /// Replace a slot's value with a new cell holding it.
    MakeCell(Slot) [0 -> 0];
    /// Push an upvalue of the current closure.
    LoadUpvalue(UpvalueIdx) [0 -> 1];
    /// Push the value in the cell an upvalue holds; Const = the name.
    LoadUpvalueCell(UpvalueIdx, ConstIdx) [0 -> 1];
    /// Pop into the cell an upvalue holds.
    StoreUpvalueCell(UpvalueIdx) [1 -> 0];
    /// Push a global; an unbound-variable error if it has no value.
    LoadGlobal(GlobalSlot) [0 -> 1];
    /// Pop into an existing global (`set!`); unbound error if it has none.
    StoreGlobal(GlobalSlot) [1 -> 0];
    /// Pop into a global, creating the binding (`define`).
    DefineGlobal(GlobalSlot) [1 -> 0];
    /// Jump unconditionally.
    Jump(JumpOffset) [0 -> 0];
    /// Pop; jump if it is nil or #f.
    JumpIfFalse(JumpOffset) [1 -> 0];
    /// Pop; jump if it is neither nil nor #f.
    JumpIfTrue(JumpOffset) [1 -> 0];
    /// If the top is falsy jump (keeping it), else pop it (`and`).
    JumpIfFalseKeep(JumpOffset) [1 -> 1];
    /// If the top is truthy jump (keeping it), else pop it (`or`).
    JumpIfTrueKeep(JumpOffset) [1 -> 1];
    /// Call the callee below `argc` arguments; the result replaces them.
    Call(Argc) [call];
    /// Call in tail position: the current frame is replaced.
    TailCall(Argc) [ends];
    /// A tail call of the running function itself (through its own name):
    /// the arguments become its parameters and it starts again.
    TailCallSelf(Argc) [ends];
    /// Return the top value from the current frame.
    Return() [ends];
    /// Push a new closure of the prototype in the constant, capturing upvalues.
    MakeClosure(ConstIdx) [0 -> 1];
    /// Pop a value and raise it as a user error.
    Throw(SiteIdx) [ends];
    /// If the global holds a macro now, expand the site's form at run time and
    /// jump to the site's resume address with the result pushed.
    MacroGuard(GlobalSlot, SiteIdx) [0 -> 0];
    /// Unless the global still holds the site's macro, expand the site's form
    /// again and jump to the site's resume address with the result pushed.
    MacroCheck(GlobalSlot, SiteIdx) [0 -> 0];
    /// Pop a form and evaluate it in this frame's scope (`eval`).
    Eval(SiteIdx) [1 -> 1];
    /// Pop a form and evaluate it in tail position: when it needs nothing
    /// from this frame it replaces the frame (so `eval` loops run in constant
    /// space); otherwise it runs in the frame and its value is returned.
    EvalTail(SiteIdx) [ends];
    /// Pop a path and run the file in this frame's scope (`load`).
    Load(SiteIdx) [1 -> 1];
    /// Pop a path and import the module; the site lists the names (`import`).
    Import(SiteIdx) [1 -> 1];
    /// Record the export list in the site for the import in progress (`module`).
    ModuleExports(SiteIdx) [0 -> 0];
    /// `(+ a b)` while the global holds the builtin.
    Add(GlobalSlot) [2 -> 1];
    /// `(- a b)`.
    Sub(GlobalSlot) [2 -> 1];
    /// `(* a b)`.
    Mul(GlobalSlot) [2 -> 1];
    /// `(/ a b)`.
    Div(GlobalSlot) [2 -> 1];
    /// `(mod a b)`.
    Mod(GlobalSlot) [2 -> 1];
    /// `(< a b)`.
    Lt(GlobalSlot) [2 -> 1];
    /// `(> a b)`.
    Gt(GlobalSlot) [2 -> 1];
    /// `(<= a b)`.
    Le(GlobalSlot) [2 -> 1];
    /// `(>= a b)`.
    Ge(GlobalSlot) [2 -> 1];
    /// `(= a b)`.
    NumEq(GlobalSlot) [2 -> 1];
    /// `(+ x IMM)` with the value on the stack.
    AddImm(Imm, GlobalSlot) [1 -> 1];
    /// `(- x IMM)` with the value on the stack.
    SubImm(Imm, GlobalSlot) [1 -> 1];
    /// Pop b, a; jump unless `(< a b)` (a fused `if` test).
    JumpIfNotLt(GlobalSlot, JumpOffset) [2 -> 0];
    /// Pop b, a; jump unless `(> a b)`.
    JumpIfNotGt(GlobalSlot, JumpOffset) [2 -> 0];
    /// Pop b, a; jump unless `(<= a b)`.
    JumpIfNotLe(GlobalSlot, JumpOffset) [2 -> 0];
    /// Pop b, a; jump unless `(>= a b)`.
    JumpIfNotGe(GlobalSlot, JumpOffset) [2 -> 0];
    /// Pop b, a; jump unless `(= a b)`.
    JumpIfNotNumEq(GlobalSlot, JumpOffset) [2 -> 0];
    /// Pop a; jump unless `(< a IMM)`.
    JumpIfNotLtImm(Imm, GlobalSlot, JumpOffset) [1 -> 0];
    /// Pop a; jump unless `(> a IMM)`.
    JumpIfNotGtImm(Imm, GlobalSlot, JumpOffset) [1 -> 0];
    /// Pop a; jump unless `(<= a IMM)`.
    JumpIfNotLeImm(Imm, GlobalSlot, JumpOffset) [1 -> 0];
    /// Pop a; jump unless `(>= a IMM)`.
    JumpIfNotGeImm(Imm, GlobalSlot, JumpOffset) [1 -> 0];
    /// Pop a; jump unless `(= a IMM)`.
    JumpIfNotNumEqImm(Imm, GlobalSlot, JumpOffset) [1 -> 0];
    /// Push `(+ local IMM)` (a fused `LoadLocal` + `AddImm`).
    AddLocalImm(Slot, Imm, GlobalSlot) [0 -> 1];
    /// Push `(- local IMM)`.
    SubLocalImm(Slot, Imm, GlobalSlot) [0 -> 1];
    /// Jump unless `(< local IMM)`.
    JumpIfNotLtLocalImm(Slot, Imm, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(> local IMM)`.
    JumpIfNotGtLocalImm(Slot, Imm, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(<= local IMM)`.
    JumpIfNotLeLocalImm(Slot, Imm, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(>= local IMM)`.
    JumpIfNotGeLocalImm(Slot, Imm, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(= local IMM)`.
    JumpIfNotNumEqLocalImm(Slot, Imm, GlobalSlot, JumpOffset) [0 -> 0];
    /// Push `(+ local local)` (two fused `LoadLocal`s + `Add`).
    AddLocalLocal(Slot, Slot, GlobalSlot) [0 -> 1];
    /// Push `(- local local)`.
    SubLocalLocal(Slot, Slot, GlobalSlot) [0 -> 1];
    /// Jump unless `(< local local)` (two fused `LoadLocal`s + `JumpIfNotLt`).
    JumpIfNotLtLocalLocal(Slot, Slot, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(> local local)`.
    JumpIfNotGtLocalLocal(Slot, Slot, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(<= local local)`.
    JumpIfNotLeLocalLocal(Slot, Slot, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(>= local local)`.
    JumpIfNotGeLocalLocal(Slot, Slot, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(= local local)`.
    JumpIfNotNumEqLocalLocal(Slot, Slot, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(< local upvalue)` (fused `LoadLocal`, `LoadUpvalue`
    /// and `JumpIfNotLt`: a named-let loop testing against an outer variable).
    JumpIfNotLtLocalUpvalue(Slot, UpvalueIdx, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(> local upvalue)`.
    JumpIfNotGtLocalUpvalue(Slot, UpvalueIdx, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(<= local upvalue)`.
    JumpIfNotLeLocalUpvalue(Slot, UpvalueIdx, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(>= local upvalue)`.
    JumpIfNotGeLocalUpvalue(Slot, UpvalueIdx, GlobalSlot, JumpOffset) [0 -> 0];
    /// Jump unless `(= local upvalue)`.
    JumpIfNotNumEqLocalUpvalue(Slot, UpvalueIdx, GlobalSlot, JumpOffset) [0 -> 0];
    /// Pop a value; jump unless the one-argument predicate builtin Imm
    /// (0 `null?`, 1 `pair?`, 2 `not`, 3 `nil?`, 4 `zero?`) holds for it.
    JumpIfNotUnary(GlobalSlot, Imm, JumpOffset) [1 -> 0];
    /// Jump unless the predicate holds for a local (a fused `LoadLocal` +
    /// `JumpIfNotUnary`).
    JumpIfNotUnaryLocal(Slot, GlobalSlot, Imm, JumpOffset) [0 -> 0];
    /// Return a local's value (a fused load + `Return`).
    ReturnLocal(Slot) [ends];
    /// `(car x)`.
    Car(GlobalSlot) [1 -> 1];
    /// Push `(car local)` (a fused `LoadLocal` + `Car`).
    CarLocal(Slot, GlobalSlot) [0 -> 1];
    /// `(cdr x)`.
    Cdr(GlobalSlot) [1 -> 1];
    /// Push `(cdr local)`.
    CdrLocal(Slot, GlobalSlot) [0 -> 1];
    /// `(cons a b)`.
    Cons(GlobalSlot) [2 -> 1];
    /// `(null? x)`.
    IsNull(GlobalSlot) [1 -> 1];
    /// `(pair? x)`.
    IsPair(GlobalSlot) [1 -> 1];
    /// `(not x)`.
    Not(GlobalSlot) [1 -> 1];
    /// `(nil? x)`.
    IsNil(GlobalSlot) [1 -> 1];
    /// `(eq? a b)` / `(equal? a b)`.
    Equal(GlobalSlot) [2 -> 1];
    /// `(zero? x)`.
    IsZero(GlobalSlot) [1 -> 1];
    /// `(nth seq i)`.
    Nth(GlobalSlot) [2 -> 1];
    /// `(get m k)`.
    Get(GlobalSlot) [2 -> 1];
    /// `(min a b)`.
    Min(GlobalSlot) [2 -> 1];
    /// `(max a b)`.
    Max(GlobalSlot) [2 -> 1];
    /// `(cadr x)`.
    Cadr(GlobalSlot) [1 -> 1];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opcodes_decode_to_themselves() {
        for (i, op) in Op::ALL.iter().enumerate() {
            assert_eq!(Op::from_u8(i as u8), Some(*op));
            assert!(!op.name().is_empty());
        }
        assert!(Op::ALL.len() < 256);
        assert_eq!(Op::from_u8(Op::ALL.len() as u8), None);
    }
}
