//! The dispatch loop. The current frame's prototype, code pointer, pc,
//! base and closure are cached in locals; `sync_frame!` writes the pc back
//! before anything that can raise, allocate frames or call out, and
//! `reload!` re-reads the cached state after the frame stack changed.
//!
//! Unchecked reads: every prototype passed `verify` before it could run, so
//! its opcodes are valid, operands lie inside the code, constant indexes are
//! in range and jumps land on instruction starts inside the code. The cached
//! prototype pointer stays valid because the frame owning it is on the frame
//! stack until `reload!` replaces the pointer.
#![allow(unsafe_code)]

use std::rc::Rc;

use sema_core::{number, Error, Result, Value};

use super::Vm;
use crate::chunk::Proto;
use crate::op::Op;

/// What a call instruction did.
pub(crate) enum Flow {
    /// A new frame was pushed or the current frame changed: reload.
    Reload,
    /// The value was pushed; continue in the same frame.
    Continue,
    /// The entry frame of this loop returned this value.
    Exit(Value),
}

/// Reads a little-endian u16 operand at `pc`.
#[inline(always)]
fn read_u16(proto: &Proto, pc: usize) -> u16 {
    debug_assert!(pc + 2 <= proto.code.len());
    // SAFETY: `verify` checked that every instruction's operands lie inside
    // the code, and `pc` points at an operand of the current instruction.
    unsafe { std::ptr::read_unaligned(proto.code.as_ptr().add(pc) as *const u16) }.to_le()
}

/// Reads a little-endian u32 operand at `pc`.
#[inline(always)]
fn read_u32(proto: &Proto, pc: usize) -> u32 {
    debug_assert!(pc + 4 <= proto.code.len());
    // SAFETY: as for `read_u16`.
    unsafe { std::ptr::read_unaligned(proto.code.as_ptr().add(pc) as *const u32) }.to_le()
}

/// Reads the byte at `pc` (an opcode or a one-byte operand).
#[inline(always)]
fn read_u8(proto: &Proto, pc: usize) -> u8 {
    debug_assert!(pc < proto.code.len());
    // SAFETY: `verify` checked that the code never runs off its end and that
    // operands lie inside it, so `pc` is inside the code.
    unsafe { *proto.code.get_unchecked(pc) }
}

impl Vm {
    /// Pushes the frame of a closure call whose callee is at `fidx` and whose
    /// arguments are already in place.
    #[inline(always)]
    fn enter_frame(
        &mut self,
        proto: Rc<Proto>,
        fidx: usize,
        upvalues: *const Value,
        nupvalues: usize,
    ) {
        self.make_room(fidx, &proto);
        self.push_frame_raw(
            proto,
            fidx,
            fidx,
            super::FrameKind::Function,
            false,
            upvalues,
            nupvalues,
        );
    }

    /// Pushes a frame whose slots are in place (see `make_room`).
    ///
    /// PERF: the frame is written straight into the frame stack. With
    /// `Vec::push` it was built in a temporary (the push may reallocate
    /// between building and storing it) and copied with wide loads that the
    /// store buffer cannot forward: a stall on every call.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push_frame_raw(
        &mut self,
        proto: Rc<Proto>,
        base: usize,
        ret: usize,
        kind: super::FrameKind,
        entry: bool,
        upvalues: *const Value,
        nupvalues: usize,
    ) {
        self.frames.reserve(1);
        let len = self.frames.len();
        debug_assert!(len < self.frames.capacity());
        // SAFETY: `reserve(1)` made room for one more frame at `len`; the
        // write initializes it before `set_len` makes it part of the vector.
        unsafe {
            self.frames.as_mut_ptr().add(len).write(super::Frame::new(
                proto, base, ret, kind, entry, upvalues, nupvalues,
            ));
            self.frames.set_len(len + 1);
        }
    }

    /// Runs until the frame on top when called returns; unwinds errors to
    /// handlers of frames it started.
    pub(crate) fn run(&mut self) -> Result<Value> {
        let entry = self.frames.len() - 1;
        loop {
            match self.run_frames(entry) {
                Ok(v) => return Ok(v),
                Err(e) => self.unwind(e, entry)?,
            }
        }
    }

    fn run_frames(&mut self, entry: usize) -> Result<Value> {
        let mut fi = self.frames.len() - 1;
        // SAFETY: the frame at `fi` owns this prototype (see the module docs).
        let mut proto: &Proto = unsafe { &*Rc::as_ptr(&self.frames[fi].proto) };
        let mut pc = self.frames[fi].pc;
        let mut base = self.frames[fi].base;
        let mut upvalues: *const Value = self.frames[fi].upvalues;
        let mut nupvalues: usize = self.frames[fi].nupvalues;
        // The operand stack: `self.stack`'s buffer and its length, kept in
        // locals while the loop runs. Values `[0, sp)` are initialised; the
        // Vec's own length is only right after `sync_frame!`.
        let mut st: *mut Value = self.stack.as_mut_ptr();
        let mut sp: usize = self.stack.len();

        // Hands the pc and the stack length back to the frame and the Vec,
        // before anything outside this loop looks at them.
        // The running frame. `fi` is always the index of the top frame (it
        // is set from the frame stack's length whenever that changes).
        macro_rules! frame {
            () => {{
                debug_assert_eq!(fi + 1, self.frames.len());
                // SAFETY: `fi < self.frames.len()` (asserted above), and the
                // reference is used before the frame stack changes again.
                // PERF: a bounds check on every call, return and self tail call.
                unsafe { self.frames.get_unchecked_mut(fi) }
            }};
        }
        macro_rules! sync_frame {
            () => {
                frame!().pc = pc;
                debug_assert!(sp <= self.stack.capacity());
                // SAFETY: the values below `sp` are initialised (`push!`/`pop!`
                // keep that) and `sp` never exceeds the capacity reserved at
                // frame entry.
                unsafe { self.stack.set_len(sp) };
            };
        }
        // Re-reads the stack after code outside the loop may have changed it.
        macro_rules! resync {
            () => {
                st = self.stack.as_mut_ptr();
                sp = self.stack.len();
            };
        }
        // Pushes a value. Room is reserved when the frame is entered: its
        // slots plus `max_stack`, the deepest the verifier allows its code to
        // take the operand stack.
        macro_rules! push {
            ($v:expr) => {{
                let v = $v;
                debug_assert!(sp < self.stack.capacity());
                // SAFETY: `sp < capacity` (see above); the slot is past the
                // initialised values, so writing does not leak or double-drop.
                unsafe { st.add(sp).write(v) };
                sp += 1;
            }};
        }
        // Pops the top value (the verifier proved the operand stack is not
        // empty here).
        macro_rules! pop {
            () => {{
                debug_assert!(sp > base);
                sp -= 1;
                // SAFETY: `sp` was the index of an initialised value, which is
                // moved out and no longer counted.
                unsafe { st.add(sp).read() }
            }};
        }
        // The value at absolute stack index `i`, which must be below `sp`
        // (slots of the frame lie below its operands).
        macro_rules! at {
            ($i:expr) => {{
                let i = $i;
                debug_assert!(i < sp);
                // SAFETY: `i < sp`, so the value is initialised and in bounds.
                unsafe { &mut *st.add(i) }
            }};
        }
        // Drops the values from index `k` up.
        macro_rules! truncate_to {
            ($k:expr) => {{
                let k = $k;
                while sp > k {
                    sp -= 1;
                    // SAFETY: index `sp` held an initialised value that is
                    // dropped once and no longer counted.
                    unsafe { std::ptr::drop_in_place(st.add(sp)) };
                }
            }};
        }
        // Cuts the stack back to `ret` when a frame returns. Slot `ret`
        // holds the callee, usually a closure that its caller (or a global)
        // still owns: it is released with an inline fast path for that.
        macro_rules! cut_frame {
            ($ret:expr) => {{
                let ret = $ret;
                if sp > ret {
                    truncate_to!(ret + 1);
                    sp = ret;
                    debug_assert!(ret < self.stack.capacity());
                    // SAFETY: slot `ret` is initialised (`sp` was above it)
                    // and `sp` no longer counts it, so it is read out and
                    // dropped exactly once.
                    let callee = unsafe { st.add(ret).read() };
                    callee.drop_expecting::<sema_core::value::Lambda>();
                }
            }};
        }
        macro_rules! reload {
            () => {
                fi = self.frames.len() - 1;
                let f = frame!();
                // SAFETY: the frame at `fi` owns this prototype.
                proto = unsafe { &*Rc::as_ptr(&f.proto) };
                pc = f.pc;
                base = f.base;
                upvalues = f.upvalues;
                nupvalues = f.nupvalues;
            };
        }
        // Whether global `g` still holds the builtin an intrinsic opcode
        // stands for.
        macro_rules! pristine {
            ($g:expr) => {{
                let g: usize = $g;
                debug_assert!(g < self.globals.values.len() && g < self.globals.pristine.len());
                // SAFETY: `verify` checked every global operand against the
                // table's length when the code was loaded, and the table
                // only grows (`new_slot` pushes to both vectors together).
                // PERF: two bounds checks per intrinsic instruction.
                unsafe {
                    *self.globals.pristine.get_unchecked(g)
                        == self.globals.values.get_unchecked(g).bits()
                }
            }};
        }
        // Pops the running frame, dropping it in place (no move out of the
        // frame stack), and gives its return height and entry flag.
        macro_rules! pop_frame {
            () => {{
                let f = frame!();
                let r = (f.ret, f.entry());
                // SAFETY: `fi` is the last frame (asserted above), so it is
                // initialised; the length drops first and the frame is then
                // dropped exactly once. PERF: `truncate` looped over a
                // one-element slice.
                unsafe {
                    self.frames.set_len(fi);
                    std::ptr::drop_in_place(self.frames.as_mut_ptr().add(fi));
                }
                r
            }};
        }
        // Calls the native at `fidx` (its arity already checked) with the
        // `argc` values above it moved out as its arguments; leaves the stack
        // cut back to `fidx` and gives the result, errors located at the
        // call instruction.
        macro_rules! call_native {
            ($fidx:expr, $argc:expr) => {{
                let (fidx, argc) = ($fidx, $argc);
                let f = std::mem::take(at!(fidx));
                let mut args = std::mem::take(&mut self.arg_buf);
                debug_assert!(args.is_empty());
                args.reserve(argc);
                // SAFETY: the `argc` values above `fidx` are initialised;
                // they are moved into `args` (room reserved above) and `sp`
                // drops below them, so each is owned exactly once.
                //
                // PERF: moved one by one: `copy_nonoverlapping` with a
                // run-time count is a call to memmove, slower than a few
                // moves for the usual 1-3 arguments.
                unsafe {
                    let (src, dst) = (st.add(fidx + 1), args.as_mut_ptr());
                    for i in 0..argc {
                        dst.add(i).write(src.add(i).read());
                    }
                    args.set_len(argc);
                }
                sp = fidx + 1;
                sync_frame!();
                let native = f.as_native().expect("checked above");
                self.native_calls.push(super::NativeCall {
                    name: native.name,
                    frames: self.frames.len(),
                    from_loop: true,
                });
                let r = native.call(self, &mut args);
                args.clear();
                if self.arg_buf.capacity() < args.capacity() {
                    self.arg_buf = args;
                }
                let r = match r {
                    Ok(v) => Ok(v),
                    Err(e) => Err(self.native_error(e)),
                };
                self.native_calls.pop();
                resync!();
                truncate_to!(fidx);
                r
            }};
        }
        macro_rules! flow {
            ($e:expr) => {
                match $e {
                    Flow::Reload => {
                        resync!();
                        reload!();
                    }
                    Flow::Continue => {
                        resync!();
                    }
                    Flow::Exit(v) => return Ok(v),
                }
            };
        }
        macro_rules! fail {
            ($e:expr) => {{
                sync_frame!();
                return Err($e);
            }};
        }
        macro_rules! binary {
            ($fast:expr, $slow:expr) => {{
                let g = read_u32(proto, pc);
                pc += 4;
                let n = sp;
                if pristine!(g as usize) {
                    let (a, b) = (&(*at!(n - 2)), &(*at!(n - 1)));
                    #[allow(clippy::redundant_closure_call)]
                    if let Some(v) = ($fast)(a, b) {
                        truncate_to!(n - 2);
                        push!(v);
                        continue;
                    }
                    #[allow(clippy::redundant_closure_call)]
                    if let Some(v) = ($slow)(a, b) {
                        truncate_to!(n - 2);
                        push!(v);
                        continue;
                    }
                }
                sync_frame!();
                let f = self.globals.values[g as usize].clone();
                flow!(self.call_global_fallback(f, 2)?);
            }};
        }
        // `(+ a b)` / `(- a b)` of two locals. Operands: slot u16, slot u16,
        // global u32. Small ints against an unchanged builtin are done in
        // place; anything else pushes both locals and runs `binary!`.
        macro_rules! binary_locals {
            ($int:expr, $fast:expr, $slow:expr) => {{
                let sa = read_u16(proto, pc) as usize;
                let sb = read_u16(proto, pc + 2) as usize;
                let g = read_u32(proto, pc + 4) as usize;
                let xy = (
                    (*at!(base + sa)).as_small_int(),
                    (*at!(base + sb)).as_small_int(),
                );
                match xy {
                    (Some(x), Some(y)) if pristine!(g) => {
                        pc += 8;
                        push!(Value::int(($int)(x, y)));
                    }
                    _ => {
                        pc += 4;
                        let a = (*at!(base + sa)).clone();
                        push!(a);
                        let b = (*at!(base + sb)).clone();
                        push!(b);
                        binary!($fast, $slow)
                    }
                }
            }};
        }
        // Pops a value; jumps unless the one-argument predicate builtin
        // `which` holds for it (`JumpIfNotUnary`).
        macro_rules! unary_branch {
            () => {{
                let g = read_u32(proto, pc) as usize;
                let which = read_u16(proto, pc + 4);
                let off = read_u32(proto, pc + 6) as i32;
                pc += 10;
                let truth = if pristine!(g) {
                    unary_test(&*at!(sp - 1), which)
                } else {
                    None
                };
                let truth = match truth {
                    Some(t) => {
                        drop(pop!());
                        t
                    }
                    None => {
                        let a = pop!();
                        sync_frame!();
                        let f = self.globals.values[g].clone();
                        let v = self.call_sync(f, &mut [a])?;
                        resync!();
                        v.is_truthy()
                    }
                };
                if !truth {
                    pc = (pc as i64 + off as i64) as usize;
                }
            }};
        }
        macro_rules! unary {
            ($fast:expr) => {{
                let g = read_u32(proto, pc);
                pc += 4;
                if pristine!(g as usize) {
                    let n = sp;
                    #[allow(clippy::redundant_closure_call)]
                    if let Some(v) = ($fast)(&(*at!(n - 1))) {
                        (*at!(n - 1)) = v;
                        continue;
                    }
                }
                sync_frame!();
                let f = self.globals.values[g as usize].clone();
                flow!(self.call_global_fallback(f, 1)?);
            }};
        }

        // The second operand of a fused pair instruction: local slot or
        // upvalue `$i`, read in place as a small int or cloned.
        macro_rules! operand {
            (local, $i:expr, small_int) => {
                (*at!(base + $i)).as_small_int()
            };
            (local, $i:expr, value) => {
                (*at!(base + $i)).clone()
            };
            (upvalue, $i:expr, small_int) => {
                upvalue_small_int(upvalues, nupvalues, $i)
            };
            (upvalue, $i:expr, value) => {
                upvalue(upvalues, nupvalues, $i)
            };
        }

        // A compare-and-branch: `$int` compares two small ints, `$num` two
        // values with the builtin's semantics (None: not for the fast path).
        macro_rules! cmp_branch {
            (local, $int:expr, $num:expr) => {{
                // The fused form. Operands: slot u16, imm u16, global u32,
                // offset u32. A small int local against an unchanged
                // builtin is compared in place (PERF: no clone, push and
                // drop of the local); anything else pushes the local and
                // runs the `Imm` form.
                let s = read_u16(proto, pc) as usize;
                let g = read_u32(proto, pc + 4) as usize;
                let x = (*at!(base + s)).as_small_int();
                match x {
                    Some(x) if pristine!(g) => {
                        let i = read_u16(proto, pc + 2) as i16 as i64;
                        let off = read_u32(proto, pc + 8) as i32;
                        pc += 12;
                        #[allow(clippy::redundant_closure_call)]
                        if !($int)(x, i) {
                            pc = (pc as i64 + off as i64) as usize;
                        }
                    }
                    _ => {
                        pc += 2;
                        let v = (*at!(base + s)).clone();
                        push!(v);
                        cmp_branch!(true, $int, $num)
                    }
                }
            }};
            (pair $second:ident, $int:expr, $num:expr) => {{
                // A local against a second operand (`local` or `upvalue`,
                // see `operand!`). Operands: slot u16, second u16, global
                // u32, offset u32. Small ints against an unchanged builtin
                // are compared in place; anything else pushes both and runs
                // the stack form.
                let sa = read_u16(proto, pc) as usize;
                let ib = read_u16(proto, pc + 2) as usize;
                let g = read_u32(proto, pc + 4) as usize;
                let xy = (
                    (*at!(base + sa)).as_small_int(),
                    operand!($second, ib, small_int),
                );
                match xy {
                    (Some(x), Some(y)) if pristine!(g) => {
                        let off = read_u32(proto, pc + 8) as i32;
                        pc += 12;
                        #[allow(clippy::redundant_closure_call)]
                        if !($int)(x, y) {
                            pc = (pc as i64 + off as i64) as usize;
                        }
                    }
                    _ => {
                        pc += 4;
                        let a = (*at!(base + sa)).clone();
                        push!(a);
                        let b = operand!($second, ib, value);
                        push!(b);
                        cmp_branch!(false, $int, $num)
                    }
                }
            }};
            ($imm:expr, $int:expr, $num:expr) => {{
                let (b_imm, g, off) = if $imm {
                    let i = read_u16(proto, pc) as i16 as i64;
                    let g = read_u32(proto, pc + 2) as usize;
                    let off = read_u32(proto, pc + 6) as i32;
                    pc += 10;
                    (Some(i), g, off)
                } else {
                    let g = read_u32(proto, pc) as usize;
                    let off = read_u32(proto, pc + 4) as i32;
                    pc += 8;
                    (None, g, off)
                };
                let n = sp;
                let (a_at, b_at) = if b_imm.is_some() {
                    (n - 1, n)
                } else {
                    (n - 2, n - 1)
                };
                let mut result: Option<bool> = None;
                if pristine!(g) {
                    let a = &(*at!(a_at));
                    let b_val;
                    let b = match b_imm {
                        Some(i) => {
                            b_val = Value::int(i);
                            &b_val
                        }
                        None => &(*at!(b_at)),
                    };
                    #[allow(clippy::redundant_closure_call)]
                    {
                        result = match (a.as_small_int(), b.as_small_int()) {
                            (Some(x), Some(y)) => Some(($int)(x, y)),
                            _ => ($num)(a, b),
                        };
                    }
                }
                let truth = match result {
                    Some(t) => {
                        truncate_to!(a_at);
                        t
                    }
                    None => {
                        let b = match b_imm {
                            Some(i) => Value::int(i),
                            None => pop!(),
                        };
                        let a = pop!();
                        sync_frame!();
                        let f = self.globals.values[g].clone();
                        let v = self.call_sync(f, &mut [a, b])?;
                        resync!();
                        v.is_truthy()
                    }
                };
                if !truth {
                    pc = (pc as i64 + off as i64) as usize;
                }
            }};
        }
        // `(+ x IMM)` / `(- x IMM)`.
        macro_rules! arith_imm {
            (local, $int:expr, $num:expr) => {{
                // Operands: slot u16, imm u16, global u32. As in
                // `cmp_branch!`, a small int local is done in place.
                let s = read_u16(proto, pc) as usize;
                let g = read_u32(proto, pc + 4) as usize;
                let x = (*at!(base + s)).as_small_int();
                match x {
                    Some(x) if pristine!(g) => {
                        let i = read_u16(proto, pc + 2) as i16 as i64;
                        pc += 8;
                        push!(Value::int(($int)(x, i)));
                    }
                    _ => {
                        pc += 2;
                        let v = (*at!(base + s)).clone();
                        push!(v);
                        arith_imm!($int, $num)
                    }
                }
            }};
            ($int:expr, $num:expr) => {{
                let i = read_u16(proto, pc) as i16 as i64;
                let g = read_u32(proto, pc + 2) as usize;
                pc += 6;
                let n = sp;
                let mut done = false;
                if pristine!(g) {
                    let a = &(*at!(n - 1));
                    #[allow(clippy::redundant_closure_call)]
                    let r = match a.as_small_int() {
                        Some(x) => Some(Value::int(($int)(x, i))),
                        None => ($num)(a, &Value::int(i)),
                    };
                    if let Some(v) = r {
                        (*at!(n - 1)) = v;
                        done = true;
                    }
                }
                if !done {
                    let a = pop!();
                    sync_frame!();
                    let f = self.globals.values[g].clone();
                    let v = self.call_sync(f, &mut [a, Value::int(i)])?;
                    resync!();
                    push!(v);
                }
            }};
        }

        loop {
            let byte = read_u8(proto, pc);
            pc += 1;
            debug_assert!(Op::from_u8(byte).is_some(), "invalid opcode {byte}");
            // SAFETY: `verify` checked that every opcode byte decodes to an
            // `Op`, which is `repr(u8)` with contiguous discriminants.
            let op: Op = unsafe { std::mem::transmute::<u8, Op>(byte) };
            match op {
                Op::Nil => push!(Value::NIL),
                Op::True => push!(Value::TRUE),
                Op::False => push!(Value::FALSE),
                Op::Int => {
                    let i = read_u16(proto, pc) as i16;
                    pc += 2;
                    push!(Value::int(i as i64));
                }
                Op::Const => {
                    let i = read_u16(proto, pc) as usize;
                    pc += 2;
                    debug_assert!(i < proto.consts.len());
                    // SAFETY: `verify` checked constant indexes.
                    push!(unsafe { proto.consts.get_unchecked(i) }.clone());
                }
                Op::Pop => {
                    drop(pop!());
                }
                Op::LoadLocal => {
                    let s = read_u16(proto, pc) as usize;
                    pc += 2;
                    let v = (*at!(base + s)).clone();
                    push!(v);
                }
                Op::MoveLocal => {
                    let s = read_u16(proto, pc) as usize;
                    pc += 2;
                    let v = std::mem::take(&mut (*at!(base + s)));
                    push!(v);
                }
                Op::LoadLocal1 => {
                    let v = (*at!(base + 1)).clone();
                    push!(v);
                }
                Op::LoadLocal2 => {
                    let v = (*at!(base + 2)).clone();
                    push!(v);
                }
                Op::LoadLocal3 => {
                    let v = (*at!(base + 3)).clone();
                    push!(v);
                }
                Op::LoadLocalChecked => {
                    let s = read_u16(proto, pc) as usize;
                    let name = read_u16(proto, pc + 2) as usize;
                    pc += 4;
                    let v = (*at!(base + s)).clone();
                    if v.is_undefined() {
                        fail!(self.unbound_const(proto, name));
                    }
                    push!(v);
                }
                Op::StoreLocal => {
                    let s = read_u16(proto, pc) as usize;
                    pc += 2;
                    let v = pop!();
                    (*at!(base + s)) = v;
                }
                Op::LoadCell => {
                    let s = read_u16(proto, pc) as usize;
                    let name = read_u16(proto, pc + 2) as usize;
                    pc += 4;
                    let v = match (*at!(base + s)).as_cell() {
                        Some(c) => c.value.borrow().clone(),
                        None => (*at!(base + s)).clone(),
                    };
                    if v.is_undefined() {
                        fail!(self.unbound_const(proto, name));
                    }
                    push!(v);
                }
                Op::StoreCell => {
                    let s = read_u16(proto, pc) as usize;
                    pc += 2;
                    let v = pop!();
                    match (*at!(base + s)).as_cell() {
                        Some(c) => *c.value.borrow_mut() = v,
                        None => (*at!(base + s)) = v,
                    }
                }
                Op::MakeCell => {
                    let s = read_u16(proto, pc) as usize;
                    pc += 2;
                    let v = std::mem::take(&mut (*at!(base + s)));
                    (*at!(base + s)) = Value::cell(v);
                }
                Op::LoadUpvalue => {
                    let i = read_u16(proto, pc) as usize;
                    pc += 2;
                    let v = upvalue(upvalues, nupvalues, i);
                    push!(v);
                }
                Op::LoadUpvalueCell => {
                    let i = read_u16(proto, pc) as usize;
                    let name = read_u16(proto, pc + 2) as usize;
                    pc += 4;
                    let cell = upvalue(upvalues, nupvalues, i);
                    let v = match cell.as_cell() {
                        Some(c) => c.value.borrow().clone(),
                        None => cell,
                    };
                    if v.is_undefined() {
                        fail!(self.unbound_const(proto, name));
                    }
                    push!(v);
                }
                Op::StoreUpvalueCell => {
                    let i = read_u16(proto, pc) as usize;
                    pc += 2;
                    let v = pop!();
                    let cell = upvalue(upvalues, nupvalues, i);
                    if let Some(c) = cell.as_cell() {
                        *c.value.borrow_mut() = v;
                    }
                }
                Op::LoadGlobal => {
                    let g = read_u32(proto, pc) as usize;
                    pc += 4;
                    let v = self.globals.values[g].clone();
                    if v.is_undefined() {
                        fail!(self.unbound_global(g, proto.span_at(pc - 5)));
                    }
                    push!(v);
                }
                Op::StoreGlobal => {
                    let g = read_u32(proto, pc) as usize;
                    pc += 4;
                    if self.globals.values[g].is_undefined() {
                        fail!(self.unbound_global(g, proto.span_at(pc - 5)));
                    }
                    let v = pop!();
                    self.globals.values[g] = v;
                }
                Op::DefineGlobal => {
                    let g = read_u32(proto, pc) as usize;
                    pc += 4;
                    let v = pop!();
                    self.define_global(g, v);
                }
                Op::Jump => {
                    let off = read_u32(proto, pc) as i32;
                    pc = (pc as i64 + 4 + off as i64) as usize;
                    if off < 0 {
                        if let Err(e) = self.check_interrupt() {
                            fail!(e);
                        }
                    }
                }
                Op::JumpIfFalse => {
                    let off = read_u32(proto, pc) as i32;
                    pc += 4;
                    if !pop!().is_truthy() {
                        pc = (pc as i64 + off as i64) as usize;
                    }
                }
                Op::JumpIfTrue => {
                    let off = read_u32(proto, pc) as i32;
                    pc += 4;
                    if pop!().is_truthy() {
                        pc = (pc as i64 + off as i64) as usize;
                    }
                }
                Op::JumpIfFalseKeep => {
                    let off = read_u32(proto, pc) as i32;
                    pc += 4;
                    let truthy = at!(sp - 1).is_truthy();
                    if truthy {
                        drop(pop!());
                    } else {
                        pc = (pc as i64 + off as i64) as usize;
                    }
                }
                Op::JumpIfTrueKeep => {
                    let off = read_u32(proto, pc) as i32;
                    pc += 4;
                    let truthy = at!(sp - 1).is_truthy();
                    if truthy {
                        pc = (pc as i64 + off as i64) as usize;
                    } else {
                        drop(pop!());
                    }
                }
                Op::Call => {
                    let argc = read_u8(proto, pc) as usize;
                    pc += 1;
                    sync_frame!();
                    // Fast path: a closure with exactly this many parameters.
                    let fidx = sp - argc - 1;
                    if let Some(c) = super::call::vm_closure(&(*at!(fidx))) {
                        if !c.proto.has_rest
                            && c.proto.nparams as usize == argc
                            && self.frames.len() < self.max_depth
                        {
                            let callee = c.proto.clone();
                            let (u, nu) = (c.upvalues.as_ptr(), c.upvalues.len());
                            if let Err(e) = self.check_interrupt() {
                                fail!(e);
                            }
                            let callee_ptr = Rc::as_ptr(&callee);
                            self.enter_frame(callee, fidx, u, nu);
                            resync!();
                            // PERF: the new frame's state is set from the
                            // values at hand rather than read back from the
                            // frame just written (`reload!`): the next opcode
                            // fetch then waits on no store-to-load forwarding.
                            fi += 1;
                            debug_assert_eq!(fi + 1, self.frames.len());
                            // SAFETY: the frame just pushed owns this prototype.
                            proto = unsafe { &*callee_ptr };
                            pc = 0;
                            base = fidx;
                            upvalues = u;
                            nupvalues = nu;
                            continue;
                        }
                    }
                    // Fast path: a native with a fitting arity, called with its
                    // arguments moved straight off the stack.
                    if let Some(n) = (*at!(fidx)).as_native() {
                        if n.arity.accepts(argc) {
                            match call_native!(fidx, argc) {
                                Ok(v) => push!(v),
                                Err(e) => fail!(e),
                            }
                            continue;
                        }
                    }
                    flow!(self.call_op(argc)?);
                }
                Op::TailCall => {
                    let argc = read_u8(proto, pc) as usize;
                    pc += 1;
                    sync_frame!();
                    // Fast path: a self tail call (loops) reuses the frame as is.
                    let fidx = sp - argc - 1;
                    if (*at!(fidx)).bits() == (*at!(base)).bits()
                        && !proto.has_rest
                        && proto.nparams as usize == argc
                        && frame!().kind() == super::FrameKind::Function
                    {
                        if let Err(e) = self.check_interrupt() {
                            fail!(e);
                        }
                        frame!().set_self_site(Some(pc - 2));
                        for i in 1..=argc {
                            let v = std::mem::take(&mut (*at!(fidx + i)));
                            (*at!(base + i)) = v;
                        }
                        let size = base + proto.frame_size as usize;
                        truncate_to!(size);
                        for i in base + 1 + argc..sp {
                            *at!(i) = Value::UNDEFINED;
                        }
                        pc = 0;
                        continue;
                    }
                    // Fast path: a native, called as `Call` does; its value is
                    // the frame's.
                    if let Some(n) = (*at!(fidx)).as_native() {
                        if n.arity.accepts(argc) {
                            let v = match call_native!(fidx, argc) {
                                Ok(v) => v,
                                Err(e) => fail!(e),
                            };
                            let (ret, is_entry) = pop_frame!();
                            truncate_to!(ret);
                            if is_entry {
                                // SAFETY: as in `sync_frame!`.
                                unsafe { self.stack.set_len(sp) };
                                return Ok(v);
                            }
                            push!(v);
                            reload!();
                            continue;
                        }
                    }
                    flow!(self.tail_call_op(argc, entry)?);
                }
                Op::TailCallSelf => {
                    let argc = read_u8(proto, pc) as usize;
                    pc += 1;
                    frame!().set_self_site(Some(pc - 2));
                    if let Err(e) = self.check_interrupt() {
                        fail!(e);
                    }
                    let first = sp - argc;
                    for i in 0..argc {
                        let v = std::mem::take(at!(first + i));
                        *at!(base + 1 + i) = v;
                    }
                    truncate_to!(base + proto.frame_size as usize);
                    for i in base + 1 + argc..sp {
                        *at!(i) = Value::UNDEFINED;
                    }
                    pc = 0;
                }
                Op::JumpIfNotUnary => unary_branch!(),
                Op::JumpIfNotUnaryLocal => {
                    // Operands: slot u16, global u32, which u16, offset u32.
                    // The predicate is tested on the local in place (PERF:
                    // no clone, push and drop); a redefined builtin gets
                    // the local pushed and `JumpIfNotUnary`'s path.
                    let s = read_u16(proto, pc) as usize;
                    let g = read_u32(proto, pc + 2) as usize;
                    let which = read_u16(proto, pc + 6);
                    let truth = if pristine!(g) {
                        unary_test(&*at!(base + s), which)
                    } else {
                        None
                    };
                    match truth {
                        Some(t) => {
                            let off = read_u32(proto, pc + 8) as i32;
                            pc += 12;
                            if !t {
                                pc = (pc as i64 + off as i64) as usize;
                            }
                        }
                        None => {
                            pc += 2;
                            let v = (*at!(base + s)).clone();
                            push!(v);
                            unary_branch!()
                        }
                    }
                }
                Op::Return => {
                    let v = pop!();
                    let (ret, entry) = pop_frame!();
                    cut_frame!(ret);
                    if entry {
                        // SAFETY: as in `sync_frame!`.
                        unsafe { self.stack.set_len(sp) };
                        return Ok(v);
                    }
                    push!(v);
                    reload!();
                }
                Op::MakeClosure => {
                    let i = read_u16(proto, pc) as usize;
                    pc += 2;
                    sync_frame!();
                    let v = self.make_closure(&proto.protos[i], base);
                    push!(v);
                }
                Op::Throw => {
                    let site = read_u16(proto, pc) as usize;
                    pc += 2;
                    let v = pop!();
                    let mut e = Error::user(v);
                    if let Some(crate::chunk::Site::Throw { span: Some(s) }) = proto.sites.get(site)
                    {
                        e = e.with_span(*s);
                    }
                    fail!(e);
                }
                Op::MacroGuard | Op::MacroCheck => {
                    let g = read_u32(proto, pc) as usize;
                    let site = read_u16(proto, pc + 4) as usize;
                    pc += 6;
                    let current = &self.globals.values[g];
                    let stale = if op == Op::MacroGuard {
                        current.as_macro().is_some()
                    } else {
                        match proto.sites.get(site) {
                            Some(crate::chunk::Site::Macro { mac: Some(m), .. }) => {
                                m.bits() != current.bits()
                            }
                            _ => false,
                        }
                    };
                    if stale {
                        sync_frame!();
                        let resume = self
                            .macro_site(proto, site, base)
                            .map_err(|e| site_error(proto, site, e))?;
                        resync!();
                        reload!();
                        let _ = pc;
                        pc = resume;
                    }
                }
                Op::Eval | Op::Load => {
                    let site = read_u16(proto, pc) as usize;
                    pc += 2;
                    sync_frame!();
                    let r = if op == Op::Eval {
                        self.eval_op(site)
                    } else {
                        self.load_op(site)
                    };
                    let v = r.map_err(|e| site_error(proto, site, e))?;
                    resync!();
                    reload!();
                    push!(v);
                }
                Op::EvalTail => {
                    let site = read_u16(proto, pc) as usize;
                    pc += 2;
                    sync_frame!();
                    let r = self
                        .eval_tail_op()
                        .map_err(|e| site_error(proto, site, e))?;
                    flow!(r);
                }
                Op::Import => {
                    let site = read_u16(proto, pc) as usize;
                    pc += 2;
                    sync_frame!();
                    self.import_op(proto, site)
                        .map_err(|e| site_error(proto, site, e))?;
                    resync!();
                    reload!();
                    push!(Value::NIL);
                }
                Op::ModuleExports => {
                    let site = read_u16(proto, pc) as usize;
                    pc += 2;
                    if let Some(crate::chunk::Site::Module { exports }) = proto.sites.get(site) {
                        self.module_exports = Some(exports.clone());
                    }
                }
                Op::AddLocalLocal => binary_locals!(
                    |x: i64, y: i64| x.wrapping_add(y),
                    |_: &Value, _: &Value| None,
                    |a: &Value, b: &Value| number::add(&Value::int(0), a)
                        .and_then(|s| number::add(&s, b))
                        .ok()
                ),
                Op::SubLocalLocal => binary_locals!(
                    |x: i64, y: i64| x.wrapping_sub(y),
                    |_: &Value, _: &Value| None,
                    |a: &Value, b: &Value| number::sub(a, b).ok()
                ),
                Op::Add => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) => Some(Value::int(x.wrapping_add(y))),
                        _ => None,
                    },
                    // `+` folds from the int 0, so a leading -0.0 becomes 0.0.
                    |a: &Value, b: &Value| number::add(&Value::int(0), a)
                        .and_then(|s| number::add(&s, b))
                        .ok()
                ),
                Op::Sub => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) => Some(Value::int(x.wrapping_sub(y))),
                        _ => None,
                    },
                    |a: &Value, b: &Value| number::sub(a, b).ok()
                ),
                Op::Mul => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) => Some(Value::int(x.wrapping_mul(y))),
                        _ => None,
                    },
                    |a: &Value, b: &Value| number::mul(a, b).ok()
                ),
                Op::Div => binary!(
                    |_: &Value, _: &Value| None::<Value>,
                    |a: &Value, b: &Value| number::div(a, b).ok()
                ),
                Op::Mod => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) if y != 0 => Some(Value::int(x.wrapping_rem(y))),
                        _ => None,
                    },
                    |a: &Value, b: &Value| if a.is_number() && b.is_number() {
                        number::modulo(a, b).ok()
                    } else {
                        None
                    }
                ),
                Op::Lt => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) => Some(Value::bool(x < y)),
                        _ => None,
                    },
                    |a: &Value, b: &Value| number::compare(a, b)
                        .ok()
                        .map(|o| Value::bool(o == Some(std::cmp::Ordering::Less)))
                ),
                Op::Gt => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) => Some(Value::bool(x > y)),
                        _ => None,
                    },
                    |a: &Value, b: &Value| number::compare(a, b)
                        .ok()
                        .map(|o| Value::bool(o == Some(std::cmp::Ordering::Greater)))
                ),
                Op::Le => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) => Some(Value::bool(x <= y)),
                        _ => None,
                    },
                    |a: &Value, b: &Value| number::compare(a, b).ok().map(|o| Value::bool(
                        matches!(
                            o,
                            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
                        )
                    ))
                ),
                Op::Ge => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) => Some(Value::bool(x >= y)),
                        _ => None,
                    },
                    |a: &Value, b: &Value| number::compare(a, b).ok().map(|o| Value::bool(
                        matches!(
                            o,
                            Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
                        )
                    ))
                ),
                Op::NumEq => binary!(
                    |a: &Value, b: &Value| match (a.as_small_int(), b.as_small_int()) {
                        (Some(x), Some(y)) => Some(Value::bool(x == y)),
                        _ => None,
                    },
                    |a: &Value, b: &Value| Some(Value::bool(sema_core::equality::num_equal(a, b)))
                ),
                Op::Equal => binary!(
                    |a: &Value, b: &Value| Some(Value::bool(sema_core::equality::equal(a, b))),
                    |_: &Value, _: &Value| None::<Value>
                ),
                Op::Cons => binary!(
                    |a: &Value, b: &Value| if b.is_list() {
                        Some(Value::cons(a.clone(), b.clone()))
                    } else {
                        None
                    },
                    |_: &Value, _: &Value| None::<Value>
                ),
                Op::AddImm => arith_imm!(
                    |x: i64, i: i64| x.wrapping_add(i),
                    |a: &Value, b: &Value| number::add(&Value::int(0), a)
                        .and_then(|s| number::add(&s, b))
                        .ok()
                ),
                Op::AddLocalImm => arith_imm!(
                    local,
                    |x: i64, i: i64| x.wrapping_add(i),
                    |a: &Value, b: &Value| number::add(&Value::int(0), a)
                        .and_then(|s| number::add(&s, b))
                        .ok()
                ),
                Op::SubLocalImm => arith_imm!(
                    local,
                    |x: i64, i: i64| x.wrapping_sub(i),
                    |a: &Value, b: &Value| number::sub(a, b).ok()
                ),
                Op::JumpIfNotLtLocalImm => {
                    cmp_branch!(local, |x: i64, y: i64| x < y, num_lt)
                }
                Op::JumpIfNotGtLocalImm => {
                    cmp_branch!(local, |x: i64, y: i64| x > y, num_gt)
                }
                Op::JumpIfNotLeLocalImm => {
                    cmp_branch!(local, |x: i64, y: i64| x <= y, num_le)
                }
                Op::JumpIfNotGeLocalImm => {
                    cmp_branch!(local, |x: i64, y: i64| x >= y, num_ge)
                }
                Op::JumpIfNotNumEqLocalImm => {
                    cmp_branch!(local, |x: i64, y: i64| x == y, num_eq)
                }
                Op::ReturnLocal => {
                    let s = read_u16(proto, pc) as usize;
                    let v = std::mem::take(at!(base + s));
                    let (ret, entry) = pop_frame!();
                    cut_frame!(ret);
                    if entry {
                        // SAFETY: as in `sync_frame!`.
                        unsafe { self.stack.set_len(sp) };
                        return Ok(v);
                    }
                    push!(v);
                    reload!();
                }
                Op::SubImm => arith_imm!(
                    |x: i64, i: i64| x.wrapping_sub(i),
                    |a: &Value, b: &Value| number::sub(a, b).ok()
                ),
                Op::JumpIfNotLt | Op::JumpIfNotLtImm => {
                    cmp_branch!(op == Op::JumpIfNotLtImm, |x: i64, y: i64| x < y, num_lt)
                }
                Op::JumpIfNotGt | Op::JumpIfNotGtImm => {
                    cmp_branch!(op == Op::JumpIfNotGtImm, |x: i64, y: i64| x > y, num_gt)
                }
                Op::JumpIfNotLe | Op::JumpIfNotLeImm => {
                    cmp_branch!(op == Op::JumpIfNotLeImm, |x: i64, y: i64| x <= y, num_le)
                }
                Op::JumpIfNotGe | Op::JumpIfNotGeImm => {
                    cmp_branch!(op == Op::JumpIfNotGeImm, |x: i64, y: i64| x >= y, num_ge)
                }
                Op::JumpIfNotNumEq | Op::JumpIfNotNumEqImm => {
                    cmp_branch!(op == Op::JumpIfNotNumEqImm, |x: i64, y: i64| x == y, num_eq)
                }
                Op::JumpIfNotLtLocalLocal => {
                    cmp_branch!(pair local, |x: i64, y: i64| x < y, num_lt)
                }
                Op::JumpIfNotGtLocalLocal => {
                    cmp_branch!(pair local, |x: i64, y: i64| x > y, num_gt)
                }
                Op::JumpIfNotLeLocalLocal => {
                    cmp_branch!(pair local, |x: i64, y: i64| x <= y, num_le)
                }
                Op::JumpIfNotGeLocalLocal => {
                    cmp_branch!(pair local, |x: i64, y: i64| x >= y, num_ge)
                }
                Op::JumpIfNotNumEqLocalLocal => {
                    cmp_branch!(pair local, |x: i64, y: i64| x == y, num_eq)
                }
                Op::JumpIfNotLtLocalUpvalue => {
                    cmp_branch!(pair upvalue, |x: i64, y: i64| x < y, num_lt)
                }
                Op::JumpIfNotGtLocalUpvalue => {
                    cmp_branch!(pair upvalue, |x: i64, y: i64| x > y, num_gt)
                }
                Op::JumpIfNotLeLocalUpvalue => {
                    cmp_branch!(pair upvalue, |x: i64, y: i64| x <= y, num_le)
                }
                Op::JumpIfNotGeLocalUpvalue => {
                    cmp_branch!(pair upvalue, |x: i64, y: i64| x >= y, num_ge)
                }
                Op::JumpIfNotNumEqLocalUpvalue => {
                    cmp_branch!(pair upvalue, |x: i64, y: i64| x == y, num_eq)
                }
                Op::Car => unary!(|v: &Value| v.as_cons().map(|c| c.car.clone())),
                Op::Cdr => unary!(|v: &Value| v.as_cons().map(|c| c.cdr.clone())),
                Op::CarLocal | Op::CdrLocal => {
                    // Operands: slot u16, global u32. A pair in the local
                    // gives its field without the pair being cloned.
                    let s = read_u16(proto, pc) as usize;
                    let g = read_u32(proto, pc + 2) as usize;
                    let field = if pristine!(g) {
                        (*at!(base + s)).as_cons().map(|c| {
                            if op == Op::CarLocal {
                                c.car.clone()
                            } else {
                                c.cdr.clone()
                            }
                        })
                    } else {
                        None
                    };
                    match field {
                        Some(v) => {
                            pc += 6;
                            push!(v);
                        }
                        None => {
                            pc += 2;
                            let v = (*at!(base + s)).clone();
                            push!(v);
                            if op == Op::CarLocal {
                                unary!(|v: &Value| v.as_cons().map(|c| c.car.clone()))
                            } else {
                                unary!(|v: &Value| v.as_cons().map(|c| c.cdr.clone()))
                            }
                        }
                    }
                }
                Op::IsNull => {
                    unary!(|v: &Value| Some(Value::bool(v.is_nil() || v.is_empty_list())))
                }
                Op::IsPair => unary!(|v: &Value| Some(Value::bool(v.is_pair()))),
                Op::Not => unary!(|v: &Value| Some(Value::bool(!v.is_truthy()))),
                Op::IsNil => unary!(|v: &Value| Some(Value::bool(v.is_nil()))),
                Op::IsZero => {
                    unary!(|v: &Value| v.as_number().map(|n| Value::bool(n.to_f64() == 0.0)))
                }
                Op::Cadr => unary!(|v: &Value| v
                    .as_cons()
                    .and_then(|c| c.cdr.as_cons())
                    .map(|c| c.car.clone())),
                // Out-of-range indexes and other types take the builtin's
                // path, which reports the error.
                Op::Nth => binary!(
                    |s: &Value, i: &Value| {
                        let i = usize::try_from(i.as_small_int()?).ok()?;
                        match s.as_vector() {
                            Some(items) => items.get(i).cloned(),
                            None if s.is_pair() => s.list_iter().nth(i).cloned(),
                            None => None,
                        }
                    },
                    |_: &Value, _: &Value| None::<Value>
                ),
                Op::Get => binary!(
                    |m: &Value, k: &Value| match m.as_hashmap() {
                        Some(h) => Some(h.get(k).cloned().unwrap_or_default()),
                        None => Some(
                            m.as_map()?
                                .entries
                                .get(&sema_core::value::OrdKey(k.clone()))
                                .cloned()
                                .unwrap_or_default()
                        ),
                    },
                    |_: &Value, _: &Value| None::<Value>
                ),
                // `min`/`max` keep the first argument only when it is
                // strictly better (the builtin's rule for ties and NaN).
                Op::Min => binary!(
                    |a: &Value, b: &Value| pick2(a, b, std::cmp::Ordering::Less),
                    |_: &Value, _: &Value| None::<Value>
                ),
                Op::Max => binary!(
                    |a: &Value, b: &Value| pick2(a, b, std::cmp::Ordering::Greater),
                    |_: &Value, _: &Value| None::<Value>
                ),
            }
        }
    }
}

/// The `min`/`max` of two numbers (None for other values).
#[inline]
fn pick2(a: &Value, b: &Value, better: std::cmp::Ordering) -> Option<Value> {
    if !(a.is_number() && b.is_number()) {
        return None;
    }
    let keep = number::compare(a, b).ok()? == Some(better);
    Some(if keep { a.clone() } else { b.clone() })
}

/// Adds the site's position to an error raised by its instruction.
fn site_error(proto: &Proto, site: usize, e: Error) -> Error {
    match proto.sites.get(site).and_then(|s| s.span()) {
        Some(span) => e.with_span(span),
        None => e,
    }
}

/// Upvalue `i` of the running closure (nil if out of range).
#[inline(always)]
fn upvalue(upvalues: *const Value, n: usize, i: usize) -> Value {
    if i < n {
        debug_assert!(!upvalues.is_null());
        // SAFETY: `upvalues`/`n` describe the boxed slice of the closure in
        // the frame's slot 0, which stays alive and unchanged while the frame
        // runs (see `Frame::upvalues`); `i < n` is checked above.
        unsafe { (*upvalues.add(i)).clone() }
    } else {
        Value::NIL
    }
}

/// Upvalue `i` of the running closure if it is a small int, read in place.
#[inline(always)]
fn upvalue_small_int(upvalues: *const Value, n: usize, i: usize) -> Option<i64> {
    if i < n {
        debug_assert!(!upvalues.is_null());
        // SAFETY: as in `upvalue`.
        unsafe { (*upvalues.add(i)).as_small_int() }
    } else {
        None
    }
}

/// The VM closure inside a lambda the VM made (`backend == VM_BACKEND`).
#[inline(always)]
pub(crate) fn closure_of(l: &sema_core::value::Lambda) -> &crate::chunk::VmClosure {
    debug_assert_eq!(l.backend, super::call::VM_BACKEND);
    debug_assert!(l.imp.is::<crate::chunk::VmClosure>());
    // SAFETY: only `make_closure` marks a lambda with `VM_BACKEND`, and it
    // always boxes a `VmClosure` as `imp`, so the data pointer of the trait
    // object points to a `VmClosure` that lives as long as `l`.
    unsafe { &*(l.imp.as_ref() as *const dyn std::any::Any as *const crate::chunk::VmClosure) }
}

/// The one-argument predicate builtin `which` of `JumpIfNotUnary` applied
/// to `v` (0 `null?`, 1 `pair?`, 2 `not`, 3 `nil?`, 4 `zero?`); `None` when
/// the builtin would raise an error (`zero?` of a non-number).
#[inline(always)]
fn unary_test(v: &Value, which: u16) -> Option<bool> {
    match which {
        0 => Some(v.is_nil() || v.is_empty_list()),
        1 => Some(v.is_pair()),
        2 => Some(!v.is_truthy()),
        3 => Some(v.is_nil()),
        _ => v.as_number().map(|n| n.to_f64() == 0.0),
    }
}

/// `(< a b)` of two numbers, `None` when either is not one (the builtin
/// then raises the error).
fn num_lt(a: &Value, b: &Value) -> Option<bool> {
    number::compare(a, b)
        .ok()
        .map(|o| o == Some(std::cmp::Ordering::Less))
}

/// `(> a b)`, as `num_lt`.
fn num_gt(a: &Value, b: &Value) -> Option<bool> {
    number::compare(a, b)
        .ok()
        .map(|o| o == Some(std::cmp::Ordering::Greater))
}

/// `(<= a b)`, as `num_lt`.
fn num_le(a: &Value, b: &Value) -> Option<bool> {
    number::compare(a, b).ok().map(|o| {
        matches!(
            o,
            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
        )
    })
}

/// `(>= a b)`, as `num_lt`.
fn num_ge(a: &Value, b: &Value) -> Option<bool> {
    number::compare(a, b).ok().map(|o| {
        matches!(
            o,
            Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
        )
    })
}

/// `(= a b)` of numbers (false for other values, as the builtin).
fn num_eq(a: &Value, b: &Value) -> Option<bool> {
    Some(sema_core::equality::num_equal(a, b))
}
