//! The bit layout of [`Value`]: tag constants, encode and decode, reference
//! counting of heap objects, and nothing else.
//!
//! A `Value` is one `u64`. Floats are stored as themselves; every other value
//! lives in the quiet-NaN space:
//!
//! ```text
//!  63 62        52 51 50 48 47                                         3 2  0
//! +--+------------+--+-----+--------------------------------------------+----+
//! |s | 11111111111| 1| hi  |                payload                     | lo |
//! +--+------------+--+-----+--------------------------------------------+----+
//!   top 16 bits   what
//!   0x7FF8        the canonical NaN (payload 0); no other value uses it
//!   0x7FF9        small int: 48-bit two's complement integer in bits 47..0
//!   0x7FFA        immediate: bits 47..32 sub-tag, bits 31..0 data
//!   0xFFF8-0xFFFF heap object: bits 47..3 an 8-byte aligned Rc pointer;
//!                 the kind is (top 16 bits - 0xFFF8) * 8 + bits 2..0
//! ```
//!
//! So a value is a heap reference exactly when its bits are at least
//! `0xFFF8_0000_0000_0000` (one comparison on every clone and drop), and
//! the kind of a heap value is checked with one mask and compare. Kinds:
//! string 0, cons 1, vector 2, map 3, hash map 4, lambda 5, native fn 6,
//! big int 7 (ints outside 48 bits), bytevector 8, record 9, cell 10,
//! promise 11, macro 12, multimethod 13.
//!
//! Invariants: every NaN float is stored as [`CANONICAL_NAN`], so no float
//! collides with a tag; heap pointers fit in 48 bits and are never null; a
//! heap `Value` owns exactly one strong count of its `Rc`.
//!
//! Dropping a deeply nested structure must not overflow the native stack
//! (spec D6): the last owner of a container defers the release of nested
//! containers to a thread-local work list once the drop depth passes a bound.
#![allow(unsafe_code)]

use std::cell::{Cell as StdCell, RefCell};
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::rc::Rc;

use compact_str::CompactString;

use super::hashmap::HashMapObj;
use super::heap::{Cell, Cons, Lambda, Macro, MapObj, MultiMethod, NativeFn, Promise, Record};

/// The one NaN bit pattern a float `Value` may hold.
pub(crate) const CANONICAL_NAN: u64 = 0x7FF8_0000_0000_0000;
const PAYLOAD_MASK: u64 = 0x0000_FFFF_FFFF_FFFF;
/// Values at or above this are heap references.
const HEAP_BASE: u64 = 0xFFF8_0000_0000_0000;
/// The bits that give a heap value its kind.
const KIND_MASK: u64 = 0xFFFF_0000_0000_0007;
/// The bits that hold a heap value's pointer.
const PTR_MASK: u64 = 0x0000_FFFF_FFFF_FFF8;
const TOP_INT: u64 = 0x7FF9;
const TOP_IMM: u64 = 0x7FFA;

pub(crate) const K_STRING: u8 = 0;
pub(crate) const K_CONS: u8 = 1;
pub(crate) const K_VECTOR: u8 = 2;
pub(crate) const K_MAP: u8 = 3;
pub(crate) const K_HASHMAP: u8 = 4;
pub(crate) const K_LAMBDA: u8 = 5;
pub(crate) const K_NATIVE: u8 = 6;
pub(crate) const K_BIGINT: u8 = 7;
pub(crate) const K_BYTES: u8 = 8;
pub(crate) const K_RECORD: u8 = 9;
pub(crate) const K_CELL: u8 = 10;
pub(crate) const K_PROMISE: u8 = 11;
pub(crate) const K_MACRO: u8 = 12;
pub(crate) const K_MULTI: u8 = 13;
/// Kinds of the non-heap values.
pub(crate) const K_INT: u8 = 14;
pub(crate) const K_IMM: u8 = 15;
pub(crate) const K_FLOAT: u8 = 16;

/// The bits a heap value of `kind` has under `KIND_MASK`.
const fn kind_pattern(kind: u8) -> u64 {
    HEAP_BASE | (((kind as u64) >> 3) << 48) | (kind as u64 & 7)
}

/// Smallest and largest integers stored inline (48-bit two's complement).
pub(crate) const SMALL_INT_MIN: i64 = -(1 << 47);
pub(crate) const SMALL_INT_MAX: i64 = (1 << 47) - 1;

/// Sub-tags of immediate values (bits 47..32 of the payload).
pub(crate) const IMM_NIL: u16 = 0;
pub(crate) const IMM_TRUE: u16 = 1;
pub(crate) const IMM_FALSE: u16 = 2;
pub(crate) const IMM_EMPTY_LIST: u16 = 3;
pub(crate) const IMM_CHAR: u16 = 4;
pub(crate) const IMM_SYMBOL: u16 = 5;
pub(crate) const IMM_KEYWORD: u16 = 6;
pub(crate) const IMM_UNDEFINED: u16 = 7;

/// A Sema value: 8 bytes, NaN-boxed. See the module documentation for the layout.
#[repr(transparent)]
pub struct Value {
    bits: u64,
    /// Values share `Rc`s, so they must stay on one thread.
    _not_send: PhantomData<Rc<()>>,
}

/// Heap object types that a `Value` can point to. Sealed: only the types of
/// this crate's `heap` module implement it.
pub trait HeapType: sealed::Sealed + 'static {
    #[doc(hidden)]
    const KIND: u8;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! heap_types {
    ($($ty:ty => $tag:ident),* $(,)?) => {
        $(
            impl sealed::Sealed for $ty {}
            impl HeapType for $ty { const KIND: u8 = $tag; }
        )*

        /// Runs `$body` with `$ptr` cast to the heap type of `$tag`.
        macro_rules! with_heap_type {
            ($t:expr, $p:ident, $f:ident) => {
                match $t {
                    $( $tag => $f::<$ty>($p), )*
                    _ => {}
                }
            };
        }
    };
}

heap_types! {
    MultiMethod => K_MULTI,
    CompactString => K_STRING,
    Cons => K_CONS,
    Vec<Value> => K_VECTOR,
    MapObj => K_MAP,
    HashMapObj => K_HASHMAP,
    Lambda => K_LAMBDA,
    NativeFn => K_NATIVE,
    i64 => K_BIGINT,
    Vec<u8> => K_BYTES,
    Record => K_RECORD,
    Cell => K_CELL,
    Promise => K_PROMISE,
    Macro => K_MACRO,
}

impl Value {
    #[inline(always)]
    pub(crate) const fn from_bits(bits: u64) -> Value {
        Value {
            bits,
            _not_send: PhantomData,
        }
    }

    /// The raw 64 bits (for hashing identity and fast equality of immediates).
    #[inline(always)]
    pub fn bits(&self) -> u64 {
        self.bits
    }

    #[inline(always)]
    pub(crate) const fn imm(sub: u16, data: u32) -> Value {
        Value::from_bits((TOP_IMM << 48) | ((sub as u64) << 32) | data as u64)
    }

    /// The kind of value: a `K_*` constant.
    #[inline(always)]
    pub(crate) fn kind(&self) -> u8 {
        let b = self.bits;
        if b >= HEAP_BASE {
            ((((b >> 48) as u8) & 7) << 3) | (b as u8 & 7)
        } else {
            match b >> 48 {
                TOP_INT => K_INT,
                TOP_IMM => K_IMM,
                _ => K_FLOAT,
            }
        }
    }

    /// True for a small (inline) int.
    #[inline(always)]
    pub(crate) fn is_small_int(&self) -> bool {
        self.bits >> 48 == TOP_INT
    }

    /// True for an immediate (nil, booleans, chars, symbols, ...).
    #[inline(always)]
    pub(crate) fn is_imm(&self) -> bool {
        self.bits >> 48 == TOP_IMM
    }

    /// The pointer of a heap value.
    #[inline(always)]
    fn ptr(&self) -> u64 {
        self.bits & PTR_MASK
    }

    /// Sub-tag of an immediate (only meaningful when `is_imm()`).
    #[inline(always)]
    pub(crate) fn imm_sub(&self) -> u16 {
        (self.bits >> 32) as u16
    }

    #[inline(always)]
    pub(crate) fn imm_data(&self) -> u32 {
        self.bits as u32
    }

    /// True for floats, including the canonical NaN.
    #[inline(always)]
    pub fn is_float(&self) -> bool {
        let top = self.bits >> 48;
        self.bits < HEAP_BASE && top != TOP_INT && top != TOP_IMM
    }

    /// True when the value owns a reference to a heap object.
    #[inline(always)]
    pub(crate) fn is_heap(&self) -> bool {
        self.bits >= HEAP_BASE
    }

    #[inline(always)]
    pub(crate) fn encode_float(f: f64) -> Value {
        if f.is_nan() {
            Value::from_bits(CANONICAL_NAN)
        } else {
            Value::from_bits(f.to_bits())
        }
    }

    #[inline(always)]
    pub(crate) fn decode_float(&self) -> f64 {
        f64::from_bits(self.bits)
    }

    /// Encodes an integer inline; the caller guarantees the range.
    #[inline(always)]
    pub(crate) fn encode_small_int(i: i64) -> Value {
        debug_assert!((SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i));
        Value::from_bits((TOP_INT << 48) | (i as u64 & PAYLOAD_MASK))
    }

    #[inline(always)]
    pub(crate) fn decode_small_int(&self) -> i64 {
        ((self.bits << 16) as i64) >> 16
    }

    /// Wraps a reference-counted heap object.
    #[inline]
    pub fn from_rc<T: HeapType>(rc: Rc<T>) -> Value {
        let ptr = Rc::into_raw(rc) as u64;
        debug_assert!(
            ptr != 0 && ptr & !PTR_MASK == 0,
            "heap pointer exceeds 48 bits or is not 8-byte aligned"
        );
        Value::from_bits(kind_pattern(T::KIND) | ptr)
    }

    #[inline(always)]
    fn has_heap_type<T: HeapType>(&self) -> bool {
        self.bits & KIND_MASK == kind_pattern(T::KIND)
    }

    /// Drops the value, with an inline fast path for a shared `T` (a
    /// strong count above one is just decremented: no out-of-line release
    /// and no dispatch on the kind). For a value the caller expects to be a
    /// `T`, e.g. the callee closure a returning VM frame gives up; any other
    /// value is dropped as usual.
    #[inline(always)]
    pub fn drop_expecting<T: HeapType>(self) {
        if self.has_heap_type::<T>() {
            let ptr = self.ptr() as *const T;
            debug_assert!(self.is_heap() && !ptr.is_null());
            // SAFETY: the tag says `ptr` came from `Rc::<T>::into_raw` and
            // `self` owns one strong count; ManuallyDrop leaves the count
            // alone while it is read.
            let rc = ManuallyDrop::new(unsafe { Rc::from_raw(ptr) });
            if Rc::strong_count(&rc) > 1 {
                debug_assert!(Rc::strong_count(&rc) > 1);
                std::mem::forget(self);
                // SAFETY: as above; this gives back the count `self` owned,
                // and another owner keeps the object alive.
                unsafe { Rc::decrement_strong_count(ptr) };
            }
        }
        // Not a `T`, or its last owner: the general release (a forgotten
        // value above never reaches here).
    }

    /// Borrows the heap object if the value holds a `T`.
    #[inline(always)]
    pub fn downcast_ref<T: HeapType>(&self) -> Option<&T> {
        if self.has_heap_type::<T>() {
            let ptr = self.ptr() as *const T;
            debug_assert!(!ptr.is_null());
            // SAFETY: the tag says the payload came from `Rc::<T>::into_raw`, and
            // `self` owns a strong count, so the object lives at least as long as
            // the borrow of `self`.
            Some(unsafe { &*ptr })
        } else {
            None
        }
    }

    /// Takes the `Rc` out of the value if it holds a `T`; gives the value back otherwise.
    #[inline]
    pub fn into_rc<T: HeapType>(self) -> Result<Rc<T>, Value> {
        if self.has_heap_type::<T>() {
            let ptr = self.ptr() as *const T;
            std::mem::forget(self);
            // SAFETY: the pointer came from `Rc::<T>::into_raw` (tag checked) and the
            // strong count owned by the forgotten value moves into the new `Rc`.
            Ok(unsafe { Rc::from_raw(ptr) })
        } else {
            Err(self)
        }
    }

    /// A new `Rc` to the heap object if the value holds a `T`.
    #[inline]
    pub fn to_rc<T: HeapType>(&self) -> Option<Rc<T>> {
        if self.has_heap_type::<T>() {
            let ptr = self.ptr() as *const T;
            // SAFETY: the pointer came from `Rc::<T>::into_raw` and is alive while
            // `self` is; the increment gives the new `Rc` its own strong count.
            unsafe {
                Rc::increment_strong_count(ptr);
                Some(Rc::from_raw(ptr))
            }
        } else {
            None
        }
    }

    /// True when this is the only strong reference to a heap object (copy-on-write
    /// collections may then be changed in place). Always false for immediates.
    #[inline]
    pub fn is_unique(&self) -> bool {
        let mut unique = false;
        if self.is_heap() {
            let p = self.ptr();
            fn count<T: HeapType>(p: u64) -> usize {
                // SAFETY: `p` came from `Rc::<T>::into_raw` (dispatched by tag) and the
                // owning value keeps it alive; ManuallyDrop leaves the count unchanged.
                let rc = ManuallyDrop::new(unsafe { Rc::from_raw(p as *const T) });
                Rc::strong_count(&rc)
            }
            let mut n = 0usize;
            macro_rules! set {
                ($($t:ty => $tag:ident),*) => {
                    match self.kind() { $( $tag => n = count::<$t>(p), )* _ => {} }
                };
            }
            set!(MultiMethod => K_MULTI, CompactString => K_STRING, Cons => K_CONS,
                 Vec<Value> => K_VECTOR, MapObj => K_MAP, HashMapObj => K_HASHMAP,
                 Lambda => K_LAMBDA, NativeFn => K_NATIVE, i64 => K_BIGINT,
                 Vec<u8> => K_BYTES, Record => K_RECORD, Cell => K_CELL,
                 Promise => K_PROMISE, Macro => K_MACRO);
            unique = n == 1;
        }
        unique
    }

    /// Identity of a heap object (its address), or the raw bits of an immediate.
    #[inline]
    pub fn identity(&self) -> u64 {
        self.bits
    }
}

fn increment<T: HeapType>(p: u64) {
    // SAFETY: `p` came from `Rc::<T>::into_raw` (dispatched by tag) and is alive,
    // because the value being cloned owns a strong count.
    unsafe { Rc::increment_strong_count(p as *const T) }
}

fn release<T: HeapType>(p: u64) {
    // SAFETY: `p` came from `Rc::<T>::into_raw` (dispatched by tag); the value
    // being dropped owns one strong count, which this gives back.
    unsafe { drop(Rc::from_raw(p as *const T)) }
}

impl Clone for Value {
    #[inline(always)]
    fn clone(&self) -> Value {
        if self.is_heap() {
            let p = self.ptr();
            with_heap_type!(self.kind(), p, increment);
        }
        Value::from_bits(self.bits)
    }
}

thread_local! {
    static DROP_DEPTH: StdCell<u32> = const { StdCell::new(0) };
    static DROP_PENDING: RefCell<Vec<Value>> = const { RefCell::new(Vec::new()) };
}

/// Past this many nested container releases, further ones are queued.
const MAX_DROP_DEPTH: u32 = 256;

impl Drop for Value {
    #[inline(always)]
    fn drop(&mut self) {
        if self.is_heap() {
            release_heap(self);
        }
    }
}

/// Gives back the strong count a heap value owns (kept out of line so that
/// dropping an immediate is a test and nothing else). One dispatch on the
/// kind: a shared object is just decremented; the last reference to a
/// container goes through `drop_container`, which bounds the recursion.
#[inline(never)]
fn release_heap(v: &mut Value) {
    fn release_as<T: HeapType>(v: &mut Value, container: bool) {
        let p = v.ptr() as *const T;
        // SAFETY: the kind says `p` came from `Rc::<T>::into_raw` and `v`
        // owns one strong count; ManuallyDrop leaves the count alone while we
        // look at it.
        let rc = ManuallyDrop::new(unsafe { Rc::from_raw(p) });
        if container && Rc::strong_count(&rc) == 1 {
            drop_container(v);
        } else {
            // SAFETY: as above; this gives back `v`'s strong count.
            unsafe { Rc::decrement_strong_count(p) };
        }
    }
    match v.kind() {
        K_STRING => release_as::<CompactString>(v, false),
        K_CONS => release_as::<Cons>(v, true),
        K_VECTOR => release_as::<Vec<Value>>(v, true),
        K_MAP => release_as::<MapObj>(v, true),
        K_HASHMAP => release_as::<HashMapObj>(v, true),
        K_LAMBDA => release_as::<Lambda>(v, true),
        K_NATIVE => release_as::<NativeFn>(v, false),
        K_BIGINT => release_as::<i64>(v, false),
        K_BYTES => release_as::<Vec<u8>>(v, false),
        K_RECORD => release_as::<Record>(v, true),
        K_CELL => release_as::<Cell>(v, true),
        K_PROMISE => release_as::<Promise>(v, false),
        K_MACRO => release_as::<Macro>(v, false),
        K_MULTI => release_as::<MultiMethod>(v, false),
        _ => {}
    }
}

#[cold]
#[inline(never)]
fn drop_container(v: &mut Value) {
    // During thread exit the thread-locals may already be gone; then release
    // directly (what is dropped that late is small: thread-local stores).
    let Ok(depth) = DROP_DEPTH.try_with(|d| d.get()) else {
        let p = v.ptr();
        with_heap_type!(v.kind(), p, release);
        v.bits = Value::imm(IMM_NIL, 0).bits;
        return;
    };
    if depth >= MAX_DROP_DEPTH {
        // Move our strong count into the queue; `v` becomes nil and owns nothing.
        let moved = Value::from_bits(v.bits);
        v.bits = Value::imm(IMM_NIL, 0).bits;
        if let Err(std::thread::AccessError { .. }) =
            DROP_PENDING.try_with(|q| q.borrow_mut().push(Value::from_bits(moved.bits)))
        {
            // The queue is gone (thread exit): release now, recursively.
            let p = moved.ptr();
            with_heap_type!(moved.kind(), p, release);
        }
        std::mem::forget(moved);
        return;
    }
    DROP_DEPTH.with(|d| d.set(depth + 1));
    if v.kind() == K_CONS {
        release_list(v);
    } else {
        let p = v.ptr();
        with_heap_type!(v.kind(), p, release);
    }
    DROP_DEPTH.with(|d| d.set(depth));
    if depth == 0 {
        loop {
            let next = DROP_PENDING
                .try_with(|q| q.borrow_mut().pop())
                .ok()
                .flatten();
            match next {
                Some(item) => {
                    DROP_DEPTH.with(|d| d.set(1));
                    drop(item);
                    DROP_DEPTH.with(|d| d.set(0));
                }
                None => break,
            }
        }
    }
}

/// Releases a list whose first cell `v` owns alone, walking the spine in a
/// loop: each cell freed hands its `cdr` on, so a long list costs no
/// recursion and no trip through the depth bookkeeping per cell. Stops at
/// the first cell that is still shared. `v` is left nil.
fn release_list(v: &mut Value) {
    let mut cur = std::mem::replace(v, Value::imm(IMM_NIL, 0));
    loop {
        let rc = match cur.into_rc::<Cons>() {
            Ok(rc) => rc,
            Err(other) => {
                drop(other);
                return;
            }
        };
        match Rc::try_unwrap(rc) {
            Ok(Cons { car, cdr, .. }) => {
                drop(car);
                cur = cdr;
            }
            Err(shared) => {
                drop(shared);
                return;
            }
        }
    }
}

/// Builds a list front to back in one pass, with no intermediate vector.
///
/// The cells pushed so far form a chain that only the builder can reach:
/// `head` owns the first cell and each cell's `cdr` owns the next, every one
/// with a strong count of 1. That is what makes writing the last cell's
/// `cdr` through `tail` sound.
pub struct ListBuilder {
    head: Value,
    /// The last cell of the chain; null while it is empty.
    tail: *mut Cons,
    len: usize,
}

impl Default for ListBuilder {
    fn default() -> Self {
        ListBuilder::new()
    }
}

impl ListBuilder {
    pub fn new() -> ListBuilder {
        ListBuilder {
            head: Value::imm(IMM_EMPTY_LIST, 0),
            tail: std::ptr::null_mut(),
            len: 0,
        }
    }

    /// Appends `v` at the end.
    #[inline]
    pub fn push(&mut self, v: Value) {
        let cell = Rc::new(Cons {
            car: v,
            cdr: Value::imm(IMM_EMPTY_LIST, 0),
            pos: super::heap::Pos::UNKNOWN,
        });
        let cell = Value::from_rc(cell);
        let p = cell.ptr() as *mut Cons;
        if self.tail.is_null() {
            self.head = cell;
        } else {
            debug_assert!(self.head.is_heap() && self.head.kind() == K_CONS);
            // SAFETY: `tail` points to the last cell of the chain, which is
            // alive (owned through `head`) and reachable only through this
            // builder, so no other reference to it exists while we write.
            // Its old `cdr` is the empty list, an immediate.
            unsafe { (*self.tail).cdr = cell };
        }
        self.tail = p;
        self.len += 1;
    }

    /// How many elements were pushed.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The list.
    pub fn finish(self) -> Value {
        self.head
    }

    /// The list, ending in `tail` instead of the empty list (which must be
    /// a list itself).
    pub fn finish_with_tail(self, tail: Value) -> Value {
        debug_assert!(tail.is_list());
        if self.tail.is_null() {
            return tail;
        }
        // SAFETY: as in `push`: the last cell is alive and only reachable
        // through this builder.
        unsafe { (*self.tail).cdr = tail };
        self.head
    }
}
