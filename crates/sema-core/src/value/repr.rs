//! The bit layout of [`Value`]: tag constants, encode and decode, reference
//! counting of heap objects, and nothing else.
//!
//! A `Value` is one `u64`. Floats are stored as themselves; every other value
//! lives in the quiet-NaN space and is told apart by its top 16 bits:
//!
//! ```text
//!  63 62        52 51 50 48 47                                            0
//! +--+------------+--+-----+-----------------------------------------------+
//! |s | 11111111111| 1| tag |                 payload (48 bits)             |
//! +--+------------+--+-----+-----------------------------------------------+
//!   top 16 bits     kind          payload
//!   0x7FF8          multimethod   Rc pointer (never 0; 0 is the canonical NaN)
//!   0x7FF9          small int     48-bit two's complement integer
//!   0x7FFA          immediate     bits 47..32 sub-tag, bits 31..0 data
//!   0x7FFB          string        Rc<String> pointer
//!   0x7FFC          cons cell     Rc<Cons> pointer
//!   0x7FFD          vector        Rc<Vec<Value>> pointer
//!   0x7FFE          sorted map    Rc<MapObj> pointer
//!   0x7FFF          hash map      Rc<HashMapObj> pointer
//!   0xFFF8          lambda        Rc<Lambda> pointer
//!   0xFFF9          native fn     Rc<NativeFn> pointer
//!   0xFFFA          big int       Rc<i64> pointer (ints outside 48 bits)
//!   0xFFFB          bytevector    Rc<Vec<u8>> pointer
//!   0xFFFC          record        Rc<Record> pointer
//!   0xFFFD          cell          Rc<Cell> pointer (a boxed mutable variable)
//!   0xFFFE          promise       Rc<Promise> pointer
//!   0xFFFF          macro         Rc<Macro> pointer
//! ```
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

use super::heap::{
    Cell, Cons, HashMapObj, Lambda, Macro, MapObj, MultiMethod, NativeFn, Promise, Record,
};

/// The one NaN bit pattern a float `Value` may hold.
pub(crate) const CANONICAL_NAN: u64 = 0x7FF8_0000_0000_0000;
const PAYLOAD_MASK: u64 = 0x0000_FFFF_FFFF_FFFF;

pub(crate) const TAG_MULTI: u16 = 0x7FF8;
pub(crate) const TAG_INT: u16 = 0x7FF9;
pub(crate) const TAG_IMM: u16 = 0x7FFA;
pub(crate) const TAG_STRING: u16 = 0x7FFB;
pub(crate) const TAG_CONS: u16 = 0x7FFC;
pub(crate) const TAG_VECTOR: u16 = 0x7FFD;
pub(crate) const TAG_MAP: u16 = 0x7FFE;
pub(crate) const TAG_HASHMAP: u16 = 0x7FFF;
pub(crate) const TAG_LAMBDA: u16 = 0xFFF8;
pub(crate) const TAG_NATIVE: u16 = 0xFFF9;
pub(crate) const TAG_BIGINT: u16 = 0xFFFA;
pub(crate) const TAG_BYTES: u16 = 0xFFFB;
pub(crate) const TAG_RECORD: u16 = 0xFFFC;
pub(crate) const TAG_CELL: u16 = 0xFFFD;
pub(crate) const TAG_PROMISE: u16 = 0xFFFE;
pub(crate) const TAG_MACRO: u16 = 0xFFFF;

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
    const TAG: u16;
}

mod sealed {
    pub trait Sealed {}
}

macro_rules! heap_types {
    ($($ty:ty => $tag:ident),* $(,)?) => {
        $(
            impl sealed::Sealed for $ty {}
            impl HeapType for $ty { const TAG: u16 = $tag; }
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
    MultiMethod => TAG_MULTI,
    String => TAG_STRING,
    Cons => TAG_CONS,
    Vec<Value> => TAG_VECTOR,
    MapObj => TAG_MAP,
    HashMapObj => TAG_HASHMAP,
    Lambda => TAG_LAMBDA,
    NativeFn => TAG_NATIVE,
    i64 => TAG_BIGINT,
    Vec<u8> => TAG_BYTES,
    Record => TAG_RECORD,
    Cell => TAG_CELL,
    Promise => TAG_PROMISE,
    Macro => TAG_MACRO,
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
        Value::from_bits(((TAG_IMM as u64) << 48) | ((sub as u64) << 32) | data as u64)
    }

    #[inline(always)]
    pub(crate) fn tag(&self) -> u16 {
        (self.bits >> 48) as u16
    }

    #[inline(always)]
    pub(crate) fn payload(&self) -> u64 {
        self.bits & PAYLOAD_MASK
    }

    /// Sub-tag of an immediate (only meaningful when `tag() == TAG_IMM`).
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
        (self.tag() & 0x7FF8) != 0x7FF8 || self.bits == CANONICAL_NAN
    }

    /// True when the value owns a reference to a heap object.
    #[inline(always)]
    pub(crate) fn is_heap(&self) -> bool {
        let t = self.tag();
        (t & 0x7FF8) == 0x7FF8 && t != TAG_INT && t != TAG_IMM && self.bits != CANONICAL_NAN
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
        Value::from_bits(((TAG_INT as u64) << 48) | (i as u64 & PAYLOAD_MASK))
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
            ptr != 0 && ptr & !PAYLOAD_MASK == 0,
            "heap pointer exceeds 48 bits"
        );
        Value::from_bits(((T::TAG as u64) << 48) | ptr)
    }

    #[inline(always)]
    fn has_heap_type<T: HeapType>(&self) -> bool {
        self.tag() == T::TAG && (T::TAG != TAG_MULTI || self.payload() != 0)
    }

    /// Borrows the heap object if the value holds a `T`.
    #[inline(always)]
    pub fn downcast_ref<T: HeapType>(&self) -> Option<&T> {
        if self.has_heap_type::<T>() {
            let ptr = self.payload() as *const T;
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
            let ptr = self.payload() as *const T;
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
            let ptr = self.payload() as *const T;
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
            let p = self.payload();
            fn count<T: HeapType>(p: u64) -> usize {
                // SAFETY: `p` came from `Rc::<T>::into_raw` (dispatched by tag) and the
                // owning value keeps it alive; ManuallyDrop leaves the count unchanged.
                let rc = ManuallyDrop::new(unsafe { Rc::from_raw(p as *const T) });
                Rc::strong_count(&rc)
            }
            let mut n = 0usize;
            macro_rules! set {
                ($($t:ty => $tag:ident),*) => {
                    match self.tag() { $( $tag => n = count::<$t>(p), )* _ => {} }
                };
            }
            set!(MultiMethod => TAG_MULTI, String => TAG_STRING, Cons => TAG_CONS,
                 Vec<Value> => TAG_VECTOR, MapObj => TAG_MAP, HashMapObj => TAG_HASHMAP,
                 Lambda => TAG_LAMBDA, NativeFn => TAG_NATIVE, i64 => TAG_BIGINT,
                 Vec<u8> => TAG_BYTES, Record => TAG_RECORD, Cell => TAG_CELL,
                 Promise => TAG_PROMISE, Macro => TAG_MACRO);
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
            let p = self.payload();
            with_heap_type!(self.tag(), p, increment);
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
/// dropping an immediate is a test and nothing else).
#[inline(never)]
fn release_heap(v: &mut Value) {
    {
        let tag = v.tag();
        let container = matches!(
            tag,
            TAG_CONS | TAG_VECTOR | TAG_MAP | TAG_HASHMAP | TAG_RECORD | TAG_CELL | TAG_LAMBDA
        );
        if container && v.is_unique() {
            drop_container(v);
        } else {
            let p = v.payload();
            with_heap_type!(tag, p, release);
        }
    }
}

#[cold]
#[inline(never)]
fn drop_container(v: &mut Value) {
    // During thread exit the thread-locals may already be gone; then release
    // directly (what is dropped that late is small: thread-local stores).
    let Ok(depth) = DROP_DEPTH.try_with(|d| d.get()) else {
        let p = v.payload();
        with_heap_type!(v.tag(), p, release);
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
            let p = moved.payload();
            with_heap_type!(moved.tag(), p, release);
        }
        std::mem::forget(moved);
        return;
    }
    DROP_DEPTH.with(|d| d.set(depth + 1));
    let p = v.payload();
    with_heap_type!(v.tag(), p, release);
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
