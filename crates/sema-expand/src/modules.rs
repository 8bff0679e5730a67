//! File helpers shared by `load` and `import` in both back ends: path
//! resolution against the current file, reading source, and the module
//! cache with cycle detection.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sema_core::{Error, Result, Sym, Value};

/// Resolves `path` against the directory of `current_file` (or the working
/// directory when there is none). Absolute paths are returned as is.
pub fn resolve(current_file: Option<Sym>, path: &str) -> PathBuf {
    let p = Path::new(path);
    if p.is_absolute() {
        return p.to_path_buf();
    }
    match current_file.and_then(|f| Path::new(f.name()).parent().map(Path::to_path_buf)) {
        Some(dir) => dir.join(p),
        None => p.to_path_buf(),
    }
}

/// A check run before `load` or `import` reads a file (the sandbox):
/// `(what, path)` to `Ok` or a permission error.
pub type SourceGuard = std::rc::Rc<dyn Fn(&str, &Path) -> Result<()>>;

thread_local! {
    static SOURCE_GUARD: std::cell::RefCell<Option<SourceGuard>> =
        const { std::cell::RefCell::new(None) };
}

/// Installs (or, with `None`, removes) the check [`read_source`] makes on
/// this thread; returns the previous one so a caller can restore it.
pub fn set_source_guard(guard: Option<SourceGuard>) -> Option<SourceGuard> {
    SOURCE_GUARD.with(|g| std::mem::replace(&mut *g.borrow_mut(), guard))
}

/// Reads a source file; failures are `:io` errors `WHAT PATH: <os message>`.
/// The sandbox's guard ([`set_source_guard`]) is consulted first.
pub fn read_source(what: &str, shown: &str, path: &Path) -> Result<String> {
    if let Some(guard) = SOURCE_GUARD.with(|g| g.borrow().clone()) {
        guard(what, path)?;
    }
    let bytes = std::fs::read(path).map_err(|e| Error::io(format!("{what} {shown}: {e}")))?;
    String::from_utf8(bytes).map_err(|_| {
        Error::io(format!(
            "{what} {shown}: stream did not contain valid UTF-8"
        ))
    })
}

/// The file identity used in spans: the absolute path, interned.
pub fn file_sym(path: &Path) -> Sym {
    let abs = std::fs::canonicalize(path)
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf());
    Sym::intern(&abs.to_string_lossy())
}

/// Modules already imported and the import chain in progress.
#[derive(Default)]
pub struct ModuleCache {
    done: HashMap<PathBuf, Vec<(Sym, Value)>>,
    loading: Vec<PathBuf>,
}

/// What `ModuleCache::begin` found.
pub enum ModuleState {
    /// Already imported: its exports.
    Done(Vec<(Sym, Value)>),
    /// Not yet imported; the caller runs it and then calls `finish`.
    Run,
}

impl ModuleCache {
    /// Starts importing `canonical`: the cached exports, or `Run`; an import
    /// cycle is an `:eval` error naming the chain.
    pub fn begin(&mut self, canonical: &Path) -> Result<ModuleState> {
        if let Some(exports) = self.done.get(canonical) {
            return Ok(ModuleState::Done(exports.clone()));
        }
        if self.loading.iter().any(|p| p == canonical) {
            let mut chain: Vec<String> = self
                .loading
                .iter()
                .skip_while(|p| *p != canonical)
                .map(|p| p.display().to_string())
                .collect();
            chain.push(canonical.display().to_string());
            return Err(Error::eval(format!(
                "cyclic import detected: {}",
                chain.join(" -> ")
            )));
        }
        self.loading.push(canonical.to_path_buf());
        Ok(ModuleState::Run)
    }

    /// Records the exports of a finished (or failed: `None`) import.
    pub fn finish(&mut self, canonical: &Path, exports: Option<Vec<(Sym, Value)>>) {
        self.loading.retain(|p| p != canonical);
        if let Some(e) = exports {
            self.done.insert(canonical.to_path_buf(), e);
        }
    }
}

/// Picks the names an importer receives: all exports, or the listed ones
/// (an unlisted name is an `:eval` error).
pub fn select_exports(exports: &[(Sym, Value)], wanted: &[Sym]) -> Result<Vec<(Sym, Value)>> {
    if wanted.is_empty() {
        return Ok(exports.to_vec());
    }
    wanted
        .iter()
        .map(|w| {
            exports
                .iter()
                .find(|(s, _)| s == w)
                .cloned()
                .ok_or_else(|| {
                    Error::eval(format!("import: module does not export '{}'", w.name()))
                })
        })
        .collect()
}
