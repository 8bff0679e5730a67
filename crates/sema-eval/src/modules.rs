//! `load` and `import` for the tree-walker.

use sema_core::{Error, Result, Sym, Value};
use sema_expand::modules::{self, ModuleState};

use crate::env::Env;
use crate::TreeWalker;

fn path_arg(v: &Value) -> Result<&str> {
    v.as_str().ok_or_else(|| Error::type_error("string", v))
}

impl TreeWalker {
    /// `(load PATH)`: runs the file's forms in `env`; the value of the last.
    pub(crate) fn load(&mut self, path: &Value, env: &Env) -> Result<Value> {
        let shown = path_arg(path)?;
        let resolved = modules::resolve(self.current_file, shown);
        let src = modules::read_source("load", shown, &resolved)?;
        let file = modules::file_sym(&resolved);
        let forms = sema_reader::read_all(&src, Some(file))?;
        let saved = self.current_file.replace(file);
        let r = self.run_in(env, &forms, Some(file));
        self.current_file = saved;
        r
    }

    /// `(import PATH NAME ...)`: runs the module once, copies its exports into `env`.
    pub(crate) fn import(&mut self, path: &Value, names: &[Sym], env: &Env) -> Result<Value> {
        let shown = path_arg(path)?;
        let resolved = modules::resolve(self.current_file, shown);
        let canonical = std::fs::canonicalize(&resolved)
            .map_err(|e| Error::io(format!("import {shown}: {e}")))?;
        let exports = match self.modules.begin(&canonical)? {
            ModuleState::Done(exports) => exports,
            ModuleState::Run => {
                let r = self.run_module(shown, &canonical);
                let exports = r.as_ref().ok().cloned();
                self.modules.finish(&canonical, exports);
                r?
            }
        };
        for (name, value) in modules::select_exports(&exports, names)? {
            env.define(name, value);
        }
        Ok(Value::NIL)
    }

    fn run_module(
        &mut self,
        shown: &str,
        canonical: &std::path::Path,
    ) -> Result<Vec<(Sym, Value)>> {
        let src = modules::read_source("import", shown, canonical)?;
        let file = modules::file_sym(canonical);
        let forms = sema_reader::read_all(&src, Some(file))?;
        let module_env = self.global.child();
        let saved_globals = std::mem::replace(&mut self.globals, module_env.clone());
        let saved_file = self.current_file.replace(file);
        let saved_exports = self.module_exports.take();
        let r = self.run_in(&module_env, &forms, Some(file));
        let declared = std::mem::replace(&mut self.module_exports, saved_exports);
        self.globals = saved_globals;
        self.current_file = saved_file;
        r?;
        Ok(match declared {
            Some(list) => list
                .into_iter()
                .filter_map(|s| {
                    module_env
                        .lookup(s)
                        .filter(|_| module_env.binds_here(s))
                        .map(|v| (s, v))
                })
                .collect(),
            None => {
                let mut all: Vec<(Sym, Value)> = module_env
                    .bindings()
                    .into_iter()
                    .filter(|(s, _)| !s.name().starts_with(' '))
                    .collect();
                all.sort_by_key(|(s, _)| s.name());
                all
            }
        })
    }
}
