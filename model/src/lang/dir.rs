//! `dir(obj)`: the sorted attribute names CPython lists. For builtin types and modules they come
//! from the interpreters (`cpython_attrs`); for the program's classes and instances they are
//! the names in their dicts, the names `type()` adds to every class dict, and those of the
//! builtin base. "Did you mean" suggestions scan this list (SPEC M5).

use std::collections::BTreeSet;

use super::cpython_attrs;
use super::object::Class;
use super::value::Value;
use crate::runtime::Runtime;

/// Names `type.__new__` puts in the dict of a class defined by a `class` statement.
fn class_dict_extras(minor: u8) -> &'static [&'static str] {
    if minor >= 13 {
        &[
            "__module__",
            "__dict__",
            "__weakref__",
            "__doc__",
            "__firstlineno__",
            "__static_attributes__",
        ]
    } else {
        &["__module__", "__dict__", "__weakref__", "__doc__"]
    }
}

/// Attributes a builtin exception's instances have beyond BaseException's (`None`: the model
/// does not know them, so it refuses).
fn exception_extras(name: &str, minor: u8) -> Option<&'static [&'static str]> {
    const OS: &[&str] = &[
        "characters_written",
        "errno",
        "filename",
        "filename2",
        "strerror",
    ];
    Some(match name {
        "StopIteration" | "StopAsyncIteration" if name == "StopIteration" => &["value"],
        "SystemExit" => &["code"],
        "NameError" | "UnboundLocalError" if minor >= 10 => &["name"],
        "AttributeError" if minor >= 10 => &["name", "obj"],
        "ImportError" | "ModuleNotFoundError" if minor >= 12 => {
            &["msg", "name", "name_from", "path"]
        }
        "ImportError" | "ModuleNotFoundError" => &["msg", "name", "path"],
        "OSError"
        | "EnvironmentError"
        | "IOError"
        | "ConnectionError"
        | "BlockingIOError"
        | "BrokenPipeError"
        | "ChildProcessError"
        | "ConnectionAbortedError"
        | "ConnectionRefusedError"
        | "ConnectionResetError"
        | "FileExistsError"
        | "FileNotFoundError"
        | "IsADirectoryError"
        | "NotADirectoryError"
        | "InterruptedError"
        | "PermissionError"
        | "ProcessLookupError" => OS,
        "TimeoutError" => OS,
        n if n.starts_with("Unicode") && n != "UnicodeWarning" => return None,
        n if n.contains("ExceptionGroup")
            || n.contains("Syntax")
            || n.contains("Indentation")
            || n == "TabError" =>
        {
            return None
        }
        _ => &[],
    })
}

impl Runtime<'_> {
    /// `dir(obj)`, or what the model cannot list (the words of a refusal).
    pub fn dir_of(&self, obj: &Value) -> Result<Vec<String>, String> {
        let minor = self.v.minor();
        let mut names: BTreeSet<String> = BTreeSet::new();
        let add_user_classes =
            |names: &mut BTreeSet<String>, c: &std::rc::Rc<Class>| -> Option<std::rc::Rc<Class>> {
                // Returns the first builtin class in the MRO.
                for k in c.mro_iter() {
                    if k.tag.is_some() || &*k.module == "builtins" {
                        return Some(k.clone());
                    }
                    names.extend(k.dict.borrow().keys().map(|n| n.to_string()));
                    names.extend(class_dict_extras(minor).iter().map(|s| s.to_string()));
                }
                None
            };
        match obj {
            Value::Module(m) if m.file.is_some() => {
                // The program's own module: its globals and the names every module has.
                names.extend(m.dict.borrow().keys().map(|n| n.to_string()));
                names.extend(
                    [
                        "__doc__",
                        "__package__",
                        "__loader__",
                        "__spec__",
                        "__cached__",
                    ]
                    .iter()
                    .map(|s| s.to_string()),
                );
            }
            Value::Instance(i) => {
                names.extend(i.dict.borrow().keys().map(|n| n.to_string()));
                let base = add_user_classes(&mut names, &i.class)
                    .ok_or("dir() of an object without a builtin base")?;
                if i.exc.is_some() {
                    let extras = exception_extras(&base.name, minor)
                        .ok_or_else(|| format!("dir() of a {} instance", base.name))?;
                    names.extend(extras.iter().map(|s| s.to_string()));
                    names.extend(
                        cpython_attrs::all_of("BaseException", minor)
                            .iter()
                            .map(|s| s.to_string()),
                    );
                } else if &*base.name == "object" {
                    names.extend(
                        cpython_attrs::all_of("object", minor)
                            .iter()
                            .map(|s| s.to_string()),
                    );
                } else {
                    return Err(format!(
                        "dir() of an instance of a subclass of '{}'",
                        base.name
                    ));
                }
            }
            Value::Class(c) if c.tag.is_none() && &*c.module != "builtins" => {
                let base = add_user_classes(&mut names, c)
                    .ok_or("dir() of a class without a builtin base")?;
                if &*base.name != "object" {
                    return Err(format!("dir() of a subclass of '{}'", base.name));
                }
                names.extend(
                    cpython_attrs::all_of("object", minor)
                        .iter()
                        .map(|s| s.to_string()),
                );
                // `object`'s dir lists the instance-only __class__ too; a class has it as well.
            }
            other => {
                let owner = cpython_attrs::owner_of(self, other);
                if matches!(other, Value::Class(_) | Value::Instance(_)) {
                    return Err(format!("dir() of {owner}"));
                }
                let all = cpython_attrs::all_of(&owner, minor);
                if all.is_empty() {
                    return Err(format!("dir() of a '{owner}' object"));
                }
                names.extend(all.iter().map(|s| s.to_string()));
            }
        }
        Ok(names.into_iter().collect())
    }
}
