//! Terminal styling (spec/stdlib.md §24, "later"): `term/bold` ... `term/gray`,
//! `term/style`, `term/rgb`, `term/strip`.
//!
//! These only build strings: `ESC[<codes>m` + text + `ESC[0m`. Nothing is
//! written to the terminal, and no check is made that one is attached.

use sema_core::{Arity, Ctx, Error, Result, Value};

use crate::util::{int, string};
use crate::{builtin, Builtin};

/// Style keyword names and their SGR codes, in the spec's order.
const STYLES: [(&str, &str); 15] = [
    ("bold", "1"),
    ("dim", "2"),
    ("italic", "3"),
    ("underline", "4"),
    ("inverse", "7"),
    ("strikethrough", "9"),
    ("black", "30"),
    ("red", "31"),
    ("green", "32"),
    ("yellow", "33"),
    ("blue", "34"),
    ("magenta", "35"),
    ("cyan", "36"),
    ("white", "37"),
    ("gray", "90"),
];

/// `text` wrapped in the SGR sequence `codes` and a reset.
fn wrap(text: &str, codes: &str) -> Value {
    Value::string(format!("\x1b[{codes}m{text}\x1b[0m"))
}

/// Defines one single-style builtin per (function, code) pair.
macro_rules! style_fns {
    ($($func:ident => $code:literal),* $(,)?) => {
        $(
            fn $func(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
                Ok(wrap(string(&args[0])?, $code))
            }
        )*
    };
}

style_fns! {
    bold => "1",
    dim => "2",
    italic => "3",
    underline => "4",
    inverse => "7",
    strikethrough => "9",
    black => "30",
    red => "31",
    green => "32",
    yellow => "33",
    blue => "34",
    magenta => "35",
    cyan => "36",
    white => "37",
    gray => "90",
}

pub(crate) const BUILTINS: &[Builtin] = &[
    builtin("term/bold", Arity::Exact(1), bold, "s in bold (SGR 1)"),
    builtin("term/dim", Arity::Exact(1), dim, "s dimmed (SGR 2)"),
    builtin(
        "term/italic",
        Arity::Exact(1),
        italic,
        "s in italics (SGR 3)",
    ),
    builtin(
        "term/underline",
        Arity::Exact(1),
        underline,
        "s underlined (SGR 4)",
    ),
    builtin(
        "term/inverse",
        Arity::Exact(1),
        inverse,
        "s in inverse video (SGR 7)",
    ),
    builtin(
        "term/strikethrough",
        Arity::Exact(1),
        strikethrough,
        "s struck through (SGR 9)",
    ),
    builtin("term/black", Arity::Exact(1), black, "s in black (SGR 30)"),
    builtin("term/red", Arity::Exact(1), red, "s in red (SGR 31)"),
    builtin("term/green", Arity::Exact(1), green, "s in green (SGR 32)"),
    builtin(
        "term/yellow",
        Arity::Exact(1),
        yellow,
        "s in yellow (SGR 33)",
    ),
    builtin("term/blue", Arity::Exact(1), blue, "s in blue (SGR 34)"),
    builtin(
        "term/magenta",
        Arity::Exact(1),
        magenta,
        "s in magenta (SGR 35)",
    ),
    builtin("term/cyan", Arity::Exact(1), cyan, "s in cyan (SGR 36)"),
    builtin("term/white", Arity::Exact(1), white, "s in white (SGR 37)"),
    builtin("term/gray", Arity::Exact(1), gray, "s in gray (SGR 90)"),
    builtin(
        "term/style",
        Arity::AtLeast(1),
        style,
        "(term/style s kw ...): s with the combined styles (:bold :red ...)",
    ),
    builtin(
        "term/rgb",
        Arity::Exact(4),
        rgb,
        "(term/rgb s r g b): s in a 24-bit foreground colour",
    ),
    builtin(
        "term/strip",
        Arity::Exact(1),
        strip,
        "s without ESC[...m styling sequences",
    ),
];
pub(crate) const ALIASES: &[(&str, &str)] = &[];

fn style(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let text = string(&args[0])?;
    let mut codes: Vec<&str> = Vec::with_capacity(args.len() - 1);
    for arg in &args[1..] {
        let name = arg
            .as_keyword()
            .ok_or_else(|| Error::type_error("keyword", arg))?
            .name();
        let code = STYLES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, code)| *code)
            .ok_or_else(|| Error::eval(format!("term/style: unknown style keyword :{name}")))?;
        codes.push(code);
    }
    if codes.is_empty() {
        return Ok(args[0].clone());
    }
    Ok(wrap(text, &codes.join(";")))
}

fn rgb(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let text = string(&args[0])?;
    let (r, g, b) = (int(&args[1])?, int(&args[2])?, int(&args[3])?);
    Ok(wrap(text, &format!("38;2;{r};{g};{b}")))
}

/// Removes every `ESC [ digits-and-semicolons m` sequence; any other escape
/// is left alone.
fn strip(_: &mut dyn Ctx, args: &mut [Value]) -> Result<Value> {
    let text = string(&args[0])?;
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("\x1b[") {
        let params = &rest[at + 2..];
        let len = params
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b';')
            .count();
        if params.as_bytes().get(len) == Some(&b'm') {
            out.push_str(&rest[..at]);
            rest = &params[len + 1..];
        } else {
            out.push_str(&rest[..at + 2]);
            rest = params;
        }
    }
    out.push_str(rest);
    Ok(Value::string(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::call;

    fn s(x: &str) -> Value {
        Value::string(x)
    }

    fn text(name: &str, args: &[Value]) -> String {
        call(name, args).unwrap().as_str().unwrap().to_string()
    }

    #[test]
    fn single_styles_use_their_codes() {
        for (name, code) in STYLES {
            assert_eq!(
                text(&format!("term/{name}"), &[s("e")]),
                format!("\x1b[{code}me\x1b[0m"),
                "{name}"
            );
        }
        let e = call("term/red", &[Value::int(1)]).unwrap_err();
        assert_eq!(e.message(), "expected string, got int");
    }

    #[test]
    fn style_combines_codes() {
        assert_eq!(
            text(
                "term/style",
                &[s("ok"), Value::kw("bold"), Value::kw("green")]
            ),
            "\x1b[1;32mok\x1b[0m"
        );
        assert_eq!(text("term/style", &[s("ok")]), "ok");
        let e = call("term/style", &[s("ok"), Value::kw("sparkly")]).unwrap_err();
        assert_eq!(e.type_keyword(), "eval");
        assert_eq!(e.message(), "term/style: unknown style keyword :sparkly");
        let e = call("term/style", &[s("ok"), s("bold")]).unwrap_err();
        assert_eq!(e.message(), "expected keyword, got string");
    }

    #[test]
    fn rgb_colour() {
        assert_eq!(
            text(
                "term/rgb",
                &[s("x"), Value::int(255), Value::int(0), Value::int(10)]
            ),
            "\x1b[38;2;255;0;10mx\x1b[0m"
        );
        let e = call("term/rgb", &[s("x"), Value::int(1), Value::int(2)]).unwrap_err();
        assert_eq!(e.message(), "term/rgb expects 4 args, got 3");
    }

    #[test]
    fn strip_removes_sgr_sequences_only() {
        let styled = text(
            "term/style",
            &[s("ok"), Value::kw("bold"), Value::kw("red")],
        );
        assert_eq!(text("term/strip", &[s(&format!("a{styled}b"))]), "aokb");
        assert_eq!(
            text("term/strip", &[s("x\x1b[2Ky\x1b[m\x1b[")]),
            "x\x1b[2Ky\x1b["
        );
        assert_eq!(text("term/strip", &[s("plain é")]), "plain é");
    }
}
