//! The public face of [`Value`]: constructors, accessors, a borrowed view
//! for `match`, and list helpers. The bit layout is private to `repr.rs`.

mod hashmap;
mod heap;
mod repr;
#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

pub use compact_str::CompactString;

pub use hashmap::{HashMapObj, IntoIter as HashMapIntoIter, Iter as HashMapIter};
pub use heap::{
    next_object_id, Arity, Cell, Cons, HashKey, Lambda, Macro, MapObj, MultiMethod, NativeFn,
    NativeFnPtr, NativeFunc, OrdKey, Pos, Promise, PromiseState, Record,
};
pub use repr::{HeapType, ListBuilder, Value};

use crate::ctx::Ctx;
use crate::error::Error;
use crate::symbol::Sym;
use repr::*;

/// The runtime type of a value, as `(type v)` names it (records aside).
#[derive(Copy, Clone, Debug, PartialEq, Eq, Hash)]
pub enum Type {
    Nil,
    Bool,
    Int,
    Float,
    Char,
    Symbol,
    Keyword,
    String,
    List,
    Vector,
    Map,
    HashMap,
    Bytevector,
    Lambda,
    NativeFn,
    Macro,
    Promise,
    Record,
    MultiMethod,
    /// Internal: a boxed variable (never visible to programs).
    Cell,
    /// Internal: the marker of a variable that has no value yet.
    Undefined,
}

impl Type {
    /// The name used by `type` (without the colon) and in type errors.
    pub fn name(self) -> &'static str {
        match self {
            Type::Nil => "nil",
            Type::Bool => "bool",
            Type::Int => "int",
            Type::Float => "float",
            Type::Char => "char",
            Type::Symbol => "symbol",
            Type::Keyword => "keyword",
            Type::String => "string",
            Type::List => "list",
            Type::Vector => "vector",
            Type::Map => "map",
            Type::HashMap => "hashmap",
            Type::Bytevector => "bytevector",
            Type::Lambda => "lambda",
            Type::NativeFn => "native-fn",
            Type::Macro => "macro",
            Type::Promise => "promise",
            Type::Record => "record",
            Type::MultiMethod => "multimethod",
            Type::Cell => "cell",
            Type::Undefined => "undefined",
        }
    }
}

/// A borrowed, matchable view of a value.
pub enum View<'a> {
    Nil,
    Bool(bool),
    Int(i64),
    Float(f64),
    Char(char),
    Symbol(Sym),
    Keyword(Sym),
    String(&'a str),
    /// The empty list.
    Empty,
    Cons(&'a Cons),
    Vector(&'a [Value]),
    Map(&'a MapObj),
    HashMap(&'a HashMapObj),
    Bytevector(&'a [u8]),
    Lambda(&'a Lambda),
    NativeFn(&'a NativeFn),
    Macro(&'a Macro),
    Promise(&'a Promise),
    Record(&'a Record),
    MultiMethod(&'a MultiMethod),
    Cell(&'a Cell),
    Undefined,
}

/// A number extracted from a value.
#[derive(Copy, Clone, Debug, PartialEq)]
pub enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    pub fn to_f64(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(f) => f,
        }
    }

    pub fn to_value(self) -> Value {
        match self {
            Num::Int(i) => Value::int(i),
            Num::Float(f) => Value::float(f),
        }
    }
}

impl Value {
    pub const NIL: Value = Value::imm(IMM_NIL, 0);
    pub const TRUE: Value = Value::imm(IMM_TRUE, 0);
    pub const FALSE: Value = Value::imm(IMM_FALSE, 0);
    pub const EMPTY_LIST: Value = Value::imm(IMM_EMPTY_LIST, 0);
    /// Internal marker for "no value yet" (unassigned slots); never seen by programs.
    pub const UNDEFINED: Value = Value::imm(IMM_UNDEFINED, 0);

    #[inline(always)]
    pub fn bool(b: bool) -> Value {
        if b {
            Value::TRUE
        } else {
            Value::FALSE
        }
    }

    /// An integer; the whole i64 range round-trips (large ones are boxed).
    #[inline(always)]
    pub fn int(i: i64) -> Value {
        if (SMALL_INT_MIN..=SMALL_INT_MAX).contains(&i) {
            Value::encode_small_int(i)
        } else {
            Value::from_rc(Rc::new(i))
        }
    }

    /// A float; every NaN becomes the one canonical NaN.
    #[inline(always)]
    pub fn float(f: f64) -> Value {
        Value::encode_float(f)
    }

    pub fn char(c: char) -> Value {
        Value::imm(IMM_CHAR, c as u32)
    }

    pub fn symbol(s: Sym) -> Value {
        Value::imm(IMM_SYMBOL, s.id())
    }

    pub fn keyword(s: Sym) -> Value {
        Value::imm(IMM_KEYWORD, s.id())
    }

    /// Interns `name` and returns the symbol value.
    pub fn sym(name: &str) -> Value {
        Value::symbol(Sym::intern(name))
    }

    /// Interns `name` and returns the keyword value `:name`.
    pub fn kw(name: &str) -> Value {
        Value::keyword(Sym::intern(name))
    }

    pub fn string(s: impl Into<CompactString>) -> Value {
        Value::from_rc(Rc::new(s.into()))
    }

    /// Prepends `car` to the list `cdr` (which must be a list).
    #[inline]
    pub fn cons(car: Value, cdr: Value) -> Value {
        debug_assert!(cdr.is_list());
        Value::from_rc(Rc::new(Cons {
            car,
            cdr,
            pos: Pos::UNKNOWN,
        }))
    }

    /// Like [`Value::cons`], recording the source position of the list.
    pub fn cons_at(car: Value, cdr: Value, pos: Pos) -> Value {
        debug_assert!(cdr.is_list());
        Value::from_rc(Rc::new(Cons { car, cdr, pos }))
    }

    /// A list of the given items.
    pub fn list(items: Vec<Value>) -> Value {
        Value::list_with_tail(items, Value::EMPTY_LIST)
    }

    /// A list of `items` followed by the elements of the list `tail`.
    pub fn list_with_tail(items: Vec<Value>, tail: Value) -> Value {
        let mut out = tail;
        for item in items.into_iter().rev() {
            out = Value::cons(item, out);
        }
        out
    }

    /// A list built from an iterator.
    pub fn list_from<I: IntoIterator<Item = Value>>(items: I) -> Value {
        let mut out = ListBuilder::new();
        for v in items {
            out.push(v);
        }
        out.finish()
    }

    pub fn vector(items: Vec<Value>) -> Value {
        Value::from_rc(Rc::new(items))
    }

    pub fn map(m: MapObj) -> Value {
        Value::from_rc(Rc::new(m))
    }

    /// A sorted map of the given pairs; later duplicates win.
    pub fn map_from<I: IntoIterator<Item = (Value, Value)>>(pairs: I) -> Value {
        let mut entries = BTreeMap::new();
        for (k, v) in pairs {
            entries.insert(OrdKey(k), v);
        }
        Value::map(MapObj { entries })
    }

    pub fn hashmap(m: HashMapObj) -> Value {
        Value::from_rc(Rc::new(m))
    }

    pub fn bytevector(bytes: Vec<u8>) -> Value {
        Value::from_rc(Rc::new(bytes))
    }

    pub fn record(type_name: Sym, fields: Vec<Value>) -> Value {
        Value::from_rc(Rc::new(Record {
            type_name,
            fields: fields.into_boxed_slice(),
        }))
    }

    pub fn cell(v: Value) -> Value {
        Value::from_rc(Rc::new(Cell {
            value: RefCell::new(v),
        }))
    }

    /// A native function value.
    pub fn native(
        name: &str,
        arity: Arity,
        func: impl Fn(&mut dyn Ctx, &mut [Value]) -> Result<Value, Error> + 'static,
    ) -> Value {
        Value::from_rc(Rc::new(NativeFn::new(
            Sym::intern(name),
            arity,
            Box::new(func),
        )))
    }

    /// A native function that captures nothing (a builtin).
    pub fn native_fn(name: &str, arity: Arity, func: NativeFnPtr) -> Value {
        Value::from_rc(Rc::new(NativeFn::plain(Sym::intern(name), arity, func)))
    }

    /// A closure value wrapping a backend's implementation.
    pub fn lambda(name: Option<Sym>, imp: Box<dyn std::any::Any>) -> Value {
        Value::lambda_for(0, name, imp)
    }

    /// A closure value marked with the back end (`backend`) that made it.
    pub fn lambda_for(backend: u32, name: Option<Sym>, imp: Box<dyn std::any::Any>) -> Value {
        Value::from_rc(Rc::new(Lambda {
            name,
            id: next_object_id(),
            backend,
            imp,
        }))
    }

    /// An unforced promise whose value `thunk` (a zero-argument function) computes.
    pub fn promise(thunk: Value) -> Value {
        Value::from_rc(Rc::new(Promise {
            id: next_object_id(),
            state: RefCell::new(PromiseState::Delayed(thunk)),
        }))
    }

    pub fn macro_value(name: Sym, transformer: Value) -> Value {
        Value::from_rc(Rc::new(Macro {
            name,
            id: next_object_id(),
            transformer,
        }))
    }

    pub fn multimethod(name: Sym, dispatch: Value) -> Value {
        Value::from_rc(Rc::new(MultiMethod {
            name,
            id: next_object_id(),
            dispatch,
            methods: RefCell::new(BTreeMap::new()),
            default: RefCell::new(None),
        }))
    }

    // ----- classification -------------------------------------------------

    /// The runtime type.
    pub fn type_of(&self) -> Type {
        if self.is_float() {
            return Type::Float;
        }
        match self.kind() {
            K_INT | K_BIGINT => Type::Int,
            K_IMM => match self.imm_sub() {
                IMM_NIL => Type::Nil,
                IMM_TRUE | IMM_FALSE => Type::Bool,
                IMM_EMPTY_LIST => Type::List,
                IMM_CHAR => Type::Char,
                IMM_SYMBOL => Type::Symbol,
                IMM_KEYWORD => Type::Keyword,
                _ => Type::Undefined,
            },
            K_STRING => Type::String,
            K_CONS => Type::List,
            K_VECTOR => Type::Vector,
            K_MAP => Type::Map,
            K_HASHMAP => Type::HashMap,
            K_LAMBDA => Type::Lambda,
            K_NATIVE => Type::NativeFn,
            K_BYTES => Type::Bytevector,
            K_RECORD => Type::Record,
            K_CELL => Type::Cell,
            K_PROMISE => Type::Promise,
            K_MACRO => Type::Macro,
            K_MULTI => Type::MultiMethod,
            _ => Type::Undefined,
        }
    }

    /// The name `type` reports, which for records is the record type's name.
    pub fn type_name(&self) -> &'static str {
        match self.as_record() {
            Some(r) => r.type_name.name(),
            None => self.type_of().name(),
        }
    }

    /// A borrowed view for matching on the kind of value.
    pub fn view(&self) -> View<'_> {
        if self.is_float() {
            return View::Float(self.decode_float());
        }
        match self.kind() {
            K_INT => View::Int(self.decode_small_int()),
            K_IMM => match self.imm_sub() {
                IMM_NIL => View::Nil,
                IMM_TRUE => View::Bool(true),
                IMM_FALSE => View::Bool(false),
                IMM_EMPTY_LIST => View::Empty,
                IMM_CHAR => View::Char(char::from_u32(self.imm_data()).unwrap_or('\u{fffd}')),
                IMM_SYMBOL => View::Symbol(Sym::from_id(self.imm_data())),
                IMM_KEYWORD => View::Keyword(Sym::from_id(self.imm_data())),
                _ => View::Undefined,
            },
            K_BIGINT => View::Int(*self.downcast_ref::<i64>().expect("tag checked")),
            K_STRING => View::String(self.downcast_ref::<CompactString>().expect("tag checked")),
            K_CONS => View::Cons(self.downcast_ref::<Cons>().expect("tag checked")),
            K_VECTOR => View::Vector(self.downcast_ref::<Vec<Value>>().expect("tag checked")),
            K_MAP => View::Map(self.downcast_ref::<MapObj>().expect("tag checked")),
            K_HASHMAP => View::HashMap(self.downcast_ref::<HashMapObj>().expect("tag checked")),
            K_LAMBDA => View::Lambda(self.downcast_ref::<Lambda>().expect("tag checked")),
            K_NATIVE => View::NativeFn(self.downcast_ref::<NativeFn>().expect("tag checked")),
            K_BYTES => View::Bytevector(self.downcast_ref::<Vec<u8>>().expect("tag checked")),
            K_RECORD => View::Record(self.downcast_ref::<Record>().expect("tag checked")),
            K_CELL => View::Cell(self.downcast_ref::<Cell>().expect("tag checked")),
            K_PROMISE => View::Promise(self.downcast_ref::<Promise>().expect("tag checked")),
            K_MACRO => View::Macro(self.downcast_ref::<Macro>().expect("tag checked")),
            K_MULTI => View::MultiMethod(self.downcast_ref::<MultiMethod>().expect("tag checked")),
            _ => View::Undefined,
        }
    }

    /// Only `nil` and `#f` are false.
    #[inline(always)]
    pub fn is_truthy(&self) -> bool {
        self.bits() != Value::NIL.bits() && self.bits() != Value::FALSE.bits()
    }

    #[inline(always)]
    pub fn is_nil(&self) -> bool {
        self.bits() == Value::NIL.bits()
    }

    #[inline(always)]
    pub fn is_undefined(&self) -> bool {
        self.bits() == Value::UNDEFINED.bits()
    }

    #[inline(always)]
    pub fn is_empty_list(&self) -> bool {
        self.bits() == Value::EMPTY_LIST.bits()
    }

    /// A list: the empty list or a cons cell.
    #[inline(always)]
    pub fn is_list(&self) -> bool {
        self.is_empty_list() || self.kind() == K_CONS
    }

    /// A non-empty list.
    #[inline(always)]
    pub fn is_pair(&self) -> bool {
        self.kind() == K_CONS
    }

    #[inline(always)]
    pub fn is_int(&self) -> bool {
        let t = self.kind();
        t == K_INT || t == K_BIGINT
    }

    #[inline(always)]
    pub fn is_number(&self) -> bool {
        self.is_float() || self.is_int()
    }

    #[inline(always)]
    pub fn is_string(&self) -> bool {
        self.kind() == K_STRING
    }

    pub fn is_symbol(&self) -> bool {
        self.is_imm() && self.imm_sub() == IMM_SYMBOL
    }

    pub fn is_keyword(&self) -> bool {
        self.is_imm() && self.imm_sub() == IMM_KEYWORD
    }

    /// Lambdas and native functions (what `fn?` accepts).
    pub fn is_function(&self) -> bool {
        matches!(self.kind(), K_LAMBDA | K_NATIVE)
    }

    // ----- accessors ------------------------------------------------------

    /// The inline integer, if this is a small int (fast path for the VM).
    #[inline(always)]
    pub fn as_small_int(&self) -> Option<i64> {
        if self.is_small_int() {
            Some(self.decode_small_int())
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn as_int(&self) -> Option<i64> {
        match self.kind() {
            K_INT => Some(self.decode_small_int()),
            K_BIGINT => self.downcast_ref::<i64>().copied(),
            _ => None,
        }
    }

    #[inline(always)]
    pub fn as_float(&self) -> Option<f64> {
        if self.is_float() {
            Some(self.decode_float())
        } else {
            None
        }
    }

    #[inline(always)]
    pub fn as_number(&self) -> Option<Num> {
        if self.is_float() {
            Some(Num::Float(self.decode_float()))
        } else {
            self.as_int().map(Num::Int)
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        if self.bits() == Value::TRUE.bits() {
            Some(true)
        } else if self.bits() == Value::FALSE.bits() {
            Some(false)
        } else {
            None
        }
    }

    pub fn as_char(&self) -> Option<char> {
        if self.is_imm() && self.imm_sub() == IMM_CHAR {
            char::from_u32(self.imm_data())
        } else {
            None
        }
    }

    #[inline]
    pub fn as_symbol(&self) -> Option<Sym> {
        if self.is_symbol() {
            Some(Sym::from_id(self.imm_data()))
        } else {
            None
        }
    }

    #[inline]
    pub fn as_keyword(&self) -> Option<Sym> {
        if self.is_keyword() {
            Some(Sym::from_id(self.imm_data()))
        } else {
            None
        }
    }

    #[inline]
    pub fn as_str(&self) -> Option<&str> {
        self.downcast_ref::<CompactString>()
            .map(CompactString::as_str)
    }

    #[inline(always)]
    pub fn as_cons(&self) -> Option<&Cons> {
        self.downcast_ref::<Cons>()
    }

    #[inline]
    pub fn as_vector(&self) -> Option<&[Value]> {
        self.downcast_ref::<Vec<Value>>().map(Vec::as_slice)
    }

    pub fn as_map(&self) -> Option<&MapObj> {
        self.downcast_ref::<MapObj>()
    }

    pub fn as_hashmap(&self) -> Option<&HashMapObj> {
        self.downcast_ref::<HashMapObj>()
    }

    pub fn as_bytevector(&self) -> Option<&[u8]> {
        self.downcast_ref::<Vec<u8>>().map(Vec::as_slice)
    }

    pub fn as_record(&self) -> Option<&Record> {
        self.downcast_ref::<Record>()
    }

    #[inline]
    pub fn as_lambda(&self) -> Option<&Lambda> {
        self.downcast_ref::<Lambda>()
    }

    #[inline]
    pub fn as_native(&self) -> Option<&NativeFn> {
        self.downcast_ref::<NativeFn>()
    }

    pub fn as_macro(&self) -> Option<&Macro> {
        self.downcast_ref::<Macro>()
    }

    pub fn as_promise(&self) -> Option<&Promise> {
        self.downcast_ref::<Promise>()
    }

    pub fn as_multimethod(&self) -> Option<&MultiMethod> {
        self.downcast_ref::<MultiMethod>()
    }

    #[inline]
    pub fn as_cell(&self) -> Option<&Cell> {
        self.downcast_ref::<Cell>()
    }

    // ----- lists -----------------------------------------------------------

    /// Iterates the elements of a list (nothing for non-lists).
    pub fn list_iter(&self) -> ListIter<'_> {
        ListIter { cur: self }
    }

    /// The elements of a list or vector, cloned into a `Vec`; `None` otherwise.
    pub fn seq_to_vec(&self) -> Option<Vec<Value>> {
        if let Some(v) = self.as_vector() {
            Some(v.to_vec())
        } else if self.is_list() {
            Some(self.list_iter().cloned().collect())
        } else {
            None
        }
    }

    /// The number of elements of a list (0 for non-lists).
    pub fn list_len(&self) -> usize {
        self.list_iter().count()
    }

    /// The first element of a non-empty list.
    #[inline]
    pub fn car(&self) -> Option<&Value> {
        self.as_cons().map(|c| &c.car)
    }

    /// The rest of a non-empty list.
    #[inline]
    pub fn cdr(&self) -> Option<&Value> {
        self.as_cons().map(|c| &c.cdr)
    }

    /// The position the reader recorded for a list, if any.
    pub fn pos(&self) -> Pos {
        self.as_cons().map(|c| c.pos).unwrap_or(Pos::UNKNOWN)
    }
}

/// Iterator over the elements of a list.
pub struct ListIter<'a> {
    cur: &'a Value,
}

impl<'a> Iterator for ListIter<'a> {
    type Item = &'a Value;

    #[inline]
    fn next(&mut self) -> Option<&'a Value> {
        let c = self.cur.as_cons()?;
        self.cur = &c.cdr;
        Some(&c.car)
    }
}

impl Default for Value {
    fn default() -> Value {
        Value::NIL
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::printer::repr(self))
    }
}

impl std::fmt::Display for Value {
    /// The display form: a string's raw text, otherwise the repr.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::printer::display(self))
    }
}

impl From<i64> for Value {
    fn from(i: i64) -> Value {
        Value::int(i)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::float(f)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::bool(b)
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::string(s)
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::string(s)
    }
}
