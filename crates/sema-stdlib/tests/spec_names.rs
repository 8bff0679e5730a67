//! Checks the names the stdlib binds against the spec's lists.
//!
//! `spec_names.txt` lists every name of spec/stdlib.md §1-§22 (extracted from
//! the spec tables and checked against the per-module counts of §25);
//! `later_names.txt` lists the "later" modules §23-§24. The names the code
//! binds come from the builtin and alias tables (`sema_stdlib::names()`), so
//! a missing, extra or misspelled name fails here.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sema_core::{Sym, Value};

/// One `## ID TITLE | N functions | M aliases` section of a names file.
#[derive(Debug, Default)]
struct Section {
    id: String,
    functions: Vec<String>,
    /// (alias, target)
    aliases: Vec<(String, String)>,
    constants: Vec<String>,
    declared_functions: usize,
    declared_aliases: usize,
    declared_constants: usize,
}

fn parse(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() || (line.starts_with('#') && !line.starts_with("##")) {
            continue;
        }
        if let Some(head) = line.strip_prefix("## ") {
            let mut parts = head.split('|').map(str::trim);
            let title = parts.next().unwrap_or_default();
            let mut s = Section {
                id: title
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                ..Section::default()
            };
            for p in parts {
                let (n, what) = p.split_once(' ').expect("count and kind");
                let n: usize = n.parse().expect("a count");
                match what {
                    "functions" => s.declared_functions = n,
                    "aliases" => s.declared_aliases = n,
                    "constants" => s.declared_constants = n,
                    other => panic!("unknown count kind {other:?}"),
                }
            }
            out.push(s);
            continue;
        }
        let s = out.last_mut().expect("a name before the first section");
        if s.id == "constants" {
            s.constants.push(line.to_string());
        } else if let Some((alias, target)) = line.split_once(" = ") {
            s.aliases.push((alias.to_string(), target.to_string()));
        } else {
            s.functions.push(line.to_string());
        }
    }
    out
}

fn sections(file: &str) -> Vec<Section> {
    let path = format!("{}/tests/{file}", env!("CARGO_MANIFEST_DIR"));
    parse(&std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}")))
}

fn all_names(secs: &[Section]) -> Vec<String> {
    secs.iter()
        .flat_map(|s| {
            s.functions
                .iter()
                .cloned()
                .chain(s.aliases.iter().map(|(a, _)| a.clone()))
        })
        .collect()
}

/// Every section's listed names agree with the counts in its header, and
/// the totals are those of spec §25.
fn check_counts(secs: &[Section], functions: usize, aliases: usize) {
    for s in secs {
        assert_eq!(
            s.functions.len(),
            s.declared_functions,
            "§{} functions",
            s.id
        );
        assert_eq!(s.aliases.len(), s.declared_aliases, "§{} aliases", s.id);
        assert_eq!(
            s.constants.len(),
            s.declared_constants,
            "§{} constants",
            s.id
        );
    }
    let f: usize = secs.iter().map(|s| s.functions.len()).sum();
    let a: usize = secs.iter().map(|s| s.aliases.len()).sum();
    assert_eq!((f, a), (functions, aliases), "total functions, aliases");
    let names = all_names(secs);
    let unique: BTreeSet<&String> = names.iter().collect();
    assert_eq!(unique.len(), names.len(), "a name is listed twice");
}

/// The names the code binds, with (for aliases) their targets.
fn code_aliases() -> HashMap<&'static str, &'static str> {
    let names: BTreeSet<&str> = sema_stdlib::names().into_iter().collect();
    let rows: BTreeSet<&str> = sema_stdlib::builtins().map(|b| b.name).collect();
    names
        .difference(&rows)
        .map(|a| {
            let target = sema_stdlib::find(a).expect("alias resolves").name;
            (*a, target)
        })
        .collect()
}

/// Checks that exactly the listed names are bound (no missing, no extra),
/// returning the unexpected extra names for the caller to judge.
fn missing(listed: &[String]) -> Vec<String> {
    let bound: BTreeSet<&str> = sema_stdlib::names().into_iter().collect();
    listed
        .iter()
        .filter(|n| !bound.contains(n.as_str()))
        .cloned()
        .collect()
}

#[test]
fn spec_names_file_has_the_section_25_counts() {
    let secs = sections("spec_names.txt");
    // 401 functions + 63 aliases of §1-§22, plus the native `load` of §15.
    let core: Vec<Section> = secs
        .into_iter()
        .filter(|s| s.id.parse::<u32>().is_ok())
        .collect();
    assert_eq!(core.len(), 22);
    check_counts(&core, 401, 63);
    let expected: [(usize, usize); 22] = [
        (19, 4),
        (25, 0),
        (8, 0),
        (25, 4),
        (6, 0),
        (84, 5),
        (3, 0),
        (30, 6),
        (59, 11),
        (21, 11),
        (7, 7),
        (11, 10),
        (13, 4),
        (30, 0),
        (9, 1),
        (23, 0),
        (6, 0),
        (3, 0),
        (3, 0),
        (2, 0),
        (6, 0),
        (8, 0),
    ];
    for (s, (f, a)) in core.iter().zip(expected) {
        assert_eq!(
            (s.functions.len(), s.aliases.len()),
            (f, a),
            "§{} per spec §25",
            s.id
        );
    }
}

#[test]
fn every_spec_name_is_bound() {
    let secs = sections("spec_names.txt");
    let names = all_names(&secs);
    assert_eq!(names.len(), 465, "464 names + the native load");
    let miss = missing(&names);
    assert!(miss.is_empty(), "spec names not bound: {miss:?}");
}

#[test]
fn every_later_name_is_bound() {
    let secs = sections("later_names.txt");
    assert_eq!(secs.len(), 2);
    check_counts(&secs, 49, 0);
    assert_eq!(secs[0].functions.len(), 15, "§23 context store");
    assert_eq!(secs[1].functions.len(), 34, "§24 text + terminal");
    let miss = missing(&all_names(&secs));
    assert!(miss.is_empty(), "later names not bound: {miss:?}");
}

#[test]
fn nothing_is_bound_beyond_the_spec() {
    let mut listed: BTreeSet<String> = all_names(&sections("spec_names.txt")).into_iter().collect();
    listed.extend(all_names(&sections("later_names.txt")));
    assert_eq!(listed.len(), 465 + 49);
    let extra: Vec<&str> = sema_stdlib::names()
        .into_iter()
        .filter(|n| !listed.contains(*n))
        .collect();
    assert!(extra.is_empty(), "bound but not in the spec: {extra:?}");
    let names = sema_stdlib::names();
    let unique: BTreeSet<&str> = names.iter().copied().collect();
    assert_eq!(unique.len(), names.len(), "a name is bound twice");
}

#[test]
fn aliases_are_the_spec_aliases_with_the_spec_targets() {
    let mut listed: BTreeMap<String, String> = BTreeMap::new();
    for file in ["spec_names.txt", "later_names.txt"] {
        for s in sections(file) {
            listed.extend(s.aliases);
        }
    }
    let code: BTreeMap<String, String> = code_aliases()
        .into_iter()
        .map(|(a, t)| (a.to_string(), t.to_string()))
        .collect();
    assert_eq!(code, listed);
}

#[test]
fn aliases_are_bound_to_the_same_function_value() {
    let mut bound: HashMap<Sym, Value> = HashMap::new();
    sema_stdlib::install(&mut |name, v| {
        bound.insert(name, v);
    });
    for (alias, target) in code_aliases() {
        let a = bound.get(&Sym::intern(alias)).expect("alias bound");
        let t = bound.get(&Sym::intern(target)).expect("target bound");
        let (Some(a), Some(t)) = (a.as_native(), t.as_native()) else {
            panic!("{alias} or {target} is not a native function");
        };
        assert!(std::ptr::eq(a, t), "{alias} is not the value of {target}");
    }
}

#[test]
fn constants_are_the_four_spec_constants() {
    let secs = sections("spec_names.txt");
    let listed: Vec<String> = secs
        .iter()
        .filter(|s| s.id == "constants")
        .flat_map(|s| s.constants.clone())
        .collect();
    assert_eq!(listed.len(), 4);
    let code: Vec<&str> = sema_stdlib::constants().iter().map(|(n, _)| *n).collect();
    assert_eq!(code, listed);
    let mut bound: HashMap<Sym, Value> = HashMap::new();
    sema_stdlib::install(&mut |name, v| {
        bound.insert(name, v);
    });
    for name in &listed {
        assert!(
            bound
                .get(&Sym::intern(name))
                .is_some_and(|v| v.as_float().is_some()),
            "{name} is not a float constant"
        );
    }
    // Every function name installs too (the constants are not functions).
    for name in sema_stdlib::names() {
        assert!(
            bound.contains_key(&Sym::intern(name)),
            "{name} not installed"
        );
    }
}

#[test]
fn list_builtins_is_sorted_unique_and_complete() {
    let list = sema_stdlib::list_builtins();
    let mut sorted = list.clone();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(list, sorted, "sorted and unique");
    let names: BTreeSet<&str> = sema_stdlib::names().into_iter().collect();
    let got: BTreeSet<&str> = list.iter().copied().collect();
    assert_eq!(got, names);
}
