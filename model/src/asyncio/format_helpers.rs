//! `format_helpers._format_callback_source`: how asyncio names a program's callback in a
//! handle's repr, a future's `cb=[...]` and "Exception in callback ..." (SPEC F7).

use crate::lang::object::NativeObj;
use crate::lang::value::{PyResult, Value};
use crate::runtime::Runtime;

impl Runtime<'_> {
    /// `_format_callback_source(func, args)`: `f(1, 'x') at prog.py:3`. From 3.13 the
    /// arguments show only in debug mode, so `f() at prog.py:3`.
    pub fn format_callback_source(&mut self, func: &Value, args: &[Value]) -> PyResult<String> {
        let mut s = self.format_callback(func, args, String::new())?;
        if let Some((file, line)) = self.function_source(func) {
            s.push_str(&format!(" at {file}:{line}"));
        }
        Ok(s)
    }

    /// `_format_callback_source` of a function of asyncio's own (`def:KEY` in the frames
    /// data) called with `args`: `gather.<locals>._done_callback(<Task ...>) at .../tasks.py:691`.
    pub fn format_stdlib_callback_source(&mut self, key: &str, args: &[Value]) -> PyResult<String> {
        let Some(crate::lang::traceback::TbEntry::Stdlib {
            file, line, func, ..
        }) = self.stdlib_frame(key)
        else {
            return Err(self.refuse(format!("the repr of asyncio's {key}")));
        };
        let prefix = self.config.stdlib_prefix.clone();
        let a = self.format_args(args)?;
        Ok(format!("{func}{a} at {prefix}/asyncio/{file}:{line}"))
    }

    /// `_format_args_and_kwargs(args, None)`.
    fn format_args(&mut self, args: &[Value]) -> PyResult<String> {
        if self.v.minor() >= 13 {
            return Ok("()".into());
        }
        let mut items = Vec::with_capacity(args.len());
        for a in args {
            items.push(self.reprlib(a, 6)?);
        }
        Ok(format!("({})", items.join(", ")))
    }

    /// `_format_callback(func, args, None, suffix)`.
    fn format_callback(
        &mut self,
        func: &Value,
        args: &[Value],
        suffix: String,
    ) -> PyResult<String> {
        if let Value::Obj(o) = func {
            if let NativeObj::Partial {
                func: inner,
                args: pargs,
                kw,
            } = &**o
            {
                if !kw.is_empty() {
                    return Err(self.refuse("the repr of a partial with keywords as a callback"));
                }
                let suffix = self.format_args(args)? + &suffix;
                let (inner, pargs) = (inner.clone(), pargs.clone());
                return self.format_callback(&inner, &pargs, suffix);
            }
        }
        let name = match func {
            Value::Function(f) => f.qualname().to_string(),
            Value::Method(m) => match &m.0 {
                Value::Function(f) => f.qualname().to_string(),
                _ => return Err(self.refuse("the repr of this callback")),
            },
            Value::Native(n) => match n.owner {
                Some(owner) => format!("{owner}.{}", n.name),
                None => n.name.to_string(),
            },
            _ => return Err(self.refuse("the repr of this callback")),
        };
        Ok(name + &self.format_args(args)? + &suffix)
    }

    /// `_get_function_source(func)`: where a plain function (or a partial of one) is
    /// defined. Bound methods and builtins have none.
    fn function_source(&self, func: &Value) -> Option<(String, u32)> {
        match func {
            Value::Function(f) => {
                // `inspect.unwrap`: a `functools.wraps` wrapper names the function it wraps.
                if let Some(w) = f.dict.borrow().get("__wrapped__") {
                    return self.function_source(w);
                }
                let code = &f.code;
                if crate::asyncio::prelude::is_prelude(&code.source) {
                    // aiospec's own asyncio/*.py: CPython's file and `def` line.
                    let text = code.source.line_text(code.firstlineno);
                    let key = text.split("# def: ").nth(1)?.trim();
                    return match self.stdlib_frame(&format!("def:{key}"))? {
                        crate::lang::traceback::TbEntry::Stdlib { file, line, .. } => Some((
                            format!("{}/asyncio/{file}", self.config.stdlib_prefix),
                            line,
                        )),
                        _ => None,
                    };
                }
                let file = if self.v.minor() >= 9 {
                    code.source.abs_path.clone()
                } else {
                    code.source.path.clone()
                };
                Some((file, code.firstlineno))
            }
            Value::Obj(o) => match &**o {
                NativeObj::Partial { func, .. } => self.function_source(func),
                _ => None,
            },
            _ => None,
        }
    }
}
