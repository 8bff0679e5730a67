use super::*;
use crate::equality::equal;
use crate::order::compare;
use crate::printer::repr;
use proptest::prelude::*;
use std::cmp::Ordering;

#[test]
fn value_is_eight_bytes() {
    assert_eq!(std::mem::size_of::<Value>(), 8);
    assert_eq!(std::mem::size_of::<Option<Value>>(), 16);
}

#[test]
fn whole_i64_range_round_trips() {
    for i in [
        0,
        1,
        -1,
        i64::MIN,
        i64::MAX,
        1 << 50,
        -(1 << 50),
        (1 << 47) - 1,
        -(1 << 47),
        1 << 47,
        -(1 << 47) - 1,
    ] {
        let v = Value::int(i);
        assert_eq!(v.as_int(), Some(i), "{i}");
        assert_eq!(v.type_of(), Type::Int);
        assert!(!v.is_float());
    }
}

#[test]
fn immediates_have_their_types() {
    assert_eq!(Value::NIL.type_of(), Type::Nil);
    assert_eq!(Value::TRUE.type_of(), Type::Bool);
    assert_eq!(Value::EMPTY_LIST.type_of(), Type::List);
    assert_eq!(Value::char('λ').as_char(), Some('λ'));
    assert_eq!(Value::sym("foo").as_symbol().map(|s| s.name()), Some("foo"));
    assert_eq!(Value::kw("foo").as_keyword().map(|s| s.name()), Some("foo"));
    assert!(!Value::NIL.is_truthy() && !Value::FALSE.is_truthy());
    assert!(Value::int(0).is_truthy() && Value::EMPTY_LIST.is_truthy());
}

#[test]
fn nan_is_canonical_and_a_float() {
    let v = Value::float(f64::NAN);
    assert!(v.is_float());
    assert!(v.as_float().unwrap().is_nan());
    let neg = Value::float(-f64::NAN);
    assert_eq!(v.bits(), neg.bits());
    assert_eq!(Value::float(f64::INFINITY).as_float(), Some(f64::INFINITY));
}

#[test]
fn heap_values_count_references() {
    let s = Value::string("hi");
    assert!(s.is_unique());
    let t = s.clone();
    assert!(!s.is_unique());
    drop(t);
    assert!(s.is_unique());
    assert_eq!(s.as_str(), Some("hi"));
}

#[test]
fn deep_lists_drop_print_and_compare_without_overflow() {
    let mut a = Value::EMPTY_LIST;
    let mut b = Value::EMPTY_LIST;
    for _ in 0..200_000 {
        a = Value::list(vec![a]);
        b = Value::list(vec![b]);
    }
    assert!(equal(&a, &b));
    assert_eq!(compare(&a, &b), Ordering::Equal);
    assert_eq!(repr(&a).len(), 400_002);
    let long = Value::list((0..1_000_000).map(Value::int).collect());
    drop(long);
}

#[test]
fn list_builder_appends_in_order() {
    assert!(ListBuilder::new().finish().is_empty_list());
    let mut b = ListBuilder::new();
    b.push(Value::int(1));
    assert_eq!(b.len(), 1);
    assert_eq!(repr(&b.finish()), "(1)");
    let mut b = ListBuilder::new();
    for i in 0..5 {
        b.push(Value::int(i));
    }
    assert_eq!(repr(&b.finish()), "(0 1 2 3 4)");
    let tail = Value::list(vec![Value::int(8), Value::int(9)]);
    let mut b = ListBuilder::new();
    b.push(Value::string("a"));
    assert_eq!(repr(&b.finish_with_tail(tail.clone())), "(\"a\" 8 9)");
    assert_eq!(repr(&ListBuilder::new().finish_with_tail(tail)), "(8 9)");
}

#[test]
fn dropping_a_list_keeps_a_shared_tail_and_its_elements() {
    let tail = Value::list((0..100_000).map(Value::int).collect());
    let elem = Value::string("kept");
    let mut b = ListBuilder::new();
    for _ in 0..100_000 {
        b.push(elem.clone());
    }
    let head = b.finish_with_tail(tail.clone());
    assert!(!tail.is_unique());
    drop(head);
    assert!(tail.is_unique(), "the tail lost its second owner");
    assert!(elem.is_unique(), "every element was released");
    assert_eq!(tail.list_iter().count(), 100_000);
    assert_eq!(
        tail.list_iter().nth(99_999).and_then(Value::as_small_int),
        Some(99_999)
    );
    // Lists nested in the cars are released too, without deep recursion.
    let mut nested = Value::EMPTY_LIST;
    for _ in 0..300_000 {
        let mut b = ListBuilder::new();
        b.push(nested);
        b.push(Value::int(0));
        nested = b.finish();
    }
    drop(nested);
}

#[test]
fn number_order_interleaves_ints_and_floats() {
    let mut xs = vec![
        Value::float(1.0),
        Value::float(f64::NAN),
        Value::int(1),
        Value::float(0.0),
        Value::float(-0.0),
        Value::int(0),
        Value::int(-1),
        Value::float(f64::INFINITY),
    ];
    xs.sort_by(compare);
    assert_eq!(repr(&Value::list(xs)), "(-1 0 -0.0 0.0 1 1.0 inf NaN)");
}

#[test]
fn strings_print_escaped() {
    assert_eq!(repr(&Value::string("a\"b\n\x1b")), "\"a\\\"b\\n\\x1b;\"");
}

fn arb_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        any::<i64>().prop_map(Value::int),
        any::<f64>().prop_map(Value::float),
        any::<bool>().prop_map(Value::bool),
        any::<char>().prop_map(Value::char),
        "[a-z]{0,5}".prop_map(Value::string),
        "[a-z]{1,5}".prop_map(|s| Value::sym(&s)),
        Just(Value::NIL),
    ];
    leaf.prop_recursive(4, 32, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::list),
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::vector),
            prop::collection::vec((inner.clone(), inner), 0..4).prop_map(Value::map_from),
        ]
    })
}

proptest! {
    #[test]
    fn ints_round_trip(i in any::<i64>()) {
        prop_assert_eq!(Value::int(i).as_int(), Some(i));
    }

    #[test]
    fn floats_round_trip(f in any::<f64>()) {
        let v = Value::float(f);
        if f.is_nan() { prop_assert!(v.as_float().unwrap().is_nan()); }
        else { prop_assert_eq!(v.as_float().unwrap().to_bits(), f.to_bits()); }
    }

    #[test]
    fn chars_and_symbols_round_trip(c in any::<char>(), s in "\\PC{0,8}") {
        prop_assert_eq!(Value::char(c).as_char(), Some(c));
        prop_assert_eq!(Value::sym(&s).as_symbol().unwrap().name(), s.as_str());
    }

    #[test]
    fn order_agrees_with_equality(a in arb_value(), b in arb_value()) {
        let has_nan = repr(&a).contains("NaN") || repr(&b).contains("NaN");
        if !has_nan {
            prop_assert_eq!(compare(&a, &b) == Ordering::Equal, equal(&a, &b));
        }
        prop_assert_eq!(compare(&a, &b), compare(&b, &a).reverse());
        prop_assert!(equal(&a, &a.clone()) || has_nan);
    }
}

#[test]
fn drop_expecting_gives_back_exactly_one_count() {
    let v = Value::vector(vec![Value::int(1), Value::string("x")]);
    let w = v.clone();
    assert!(!w.is_unique());
    v.drop_expecting::<Vec<Value>>();
    assert!(w.is_unique());
    assert_eq!(crate::printer::repr(&w), "[1 \"x\"]");
    // The last owner, and values of another type, take the general path.
    w.drop_expecting::<Vec<Value>>();
    let s = Value::string("shared");
    let t = s.clone();
    s.drop_expecting::<Vec<Value>>();
    assert!(t.is_unique());
    Value::int(7).drop_expecting::<Vec<Value>>();
}
