//! A forgiving Python tokenizer for mutations: it never fails, and the tokens concatenated
//! give back the text exactly (whitespace, newlines and comments are tokens too).

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Name,
    Number,
    Str,
    Op,
    Space,
    Newline,
    Comment,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tok {
    pub kind: Kind,
    pub text: String,
}

const OPS3: &[&str] = &["**=", "//=", ">>=", "<<=", "...", "!=="];
const OPS2: &[&str] = &[
    "**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", ":=", "+=", "-=", "*=", "/=", "%=", "&=",
    "|=", "^=", "@=",
];

fn is_name_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_name_char(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

/// Split `s` into tokens.
pub fn tokenize(s: &str) -> Vec<Tok> {
    let chars: Vec<char> = s.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let push = |out: &mut Vec<Tok>, kind, from: usize, to: usize| {
        out.push(Tok {
            kind,
            text: chars[from..to].iter().collect(),
        })
    };
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        if c == '\n' || c == '\r' {
            i += 1;
            if c == '\r' && chars.get(i) == Some(&'\n') {
                i += 1;
            }
            push(&mut out, Kind::Newline, start, i);
        } else if c == ' ' || c == '\t' || c == '\x0c' || c == '\\' {
            i += 1;
            while i < chars.len() && matches!(chars[i], ' ' | '\t' | '\x0c') {
                i += 1;
            }
            push(&mut out, Kind::Space, start, i);
        } else if c == '#' {
            while i < chars.len() && chars[i] != '\n' && chars[i] != '\r' {
                i += 1;
            }
            push(&mut out, Kind::Comment, start, i);
        } else if let Some(end) = string_at(&chars, i) {
            i = end;
            push(&mut out, Kind::Str, start, i);
        } else if c.is_ascii_digit()
            || (c == '.' && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit()))
        {
            i += 1;
            while i < chars.len() {
                let d = chars[i];
                // A sign belongs to the number only after a decimal exponent's `e`.
                let exponent_sign = (d == '+' || d == '-')
                    && matches!(chars[i - 1], 'e' | 'E')
                    && !chars[start..i].iter().any(|x| matches!(x, 'x' | 'X'));
                if d.is_ascii_alphanumeric() || d == '_' || d == '.' || exponent_sign {
                    i += 1;
                } else {
                    break;
                }
            }
            push(&mut out, Kind::Number, start, i);
        } else if is_name_start(c) {
            while i < chars.len() && is_name_char(chars[i]) {
                i += 1;
            }
            push(&mut out, Kind::Name, start, i);
        } else {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            let n = if OPS3.iter().any(|o| rest.starts_with(o)) {
                3
            } else if OPS2.iter().any(|o| rest.starts_with(o)) {
                2
            } else {
                1
            };
            i += n;
            push(&mut out, Kind::Op, start, i);
        }
    }
    out
}

/// If a string literal (with its prefix) starts at `i`, the index just past it (or the end
/// of the line for an unterminated one).
fn string_at(chars: &[char], i: usize) -> Option<usize> {
    let mut j = i;
    while j < chars.len()
        && j - i < 2
        && matches!(chars[j], 'r' | 'R' | 'b' | 'B' | 'f' | 'F' | 'u' | 'U')
    {
        j += 1;
    }
    let q = *chars.get(j)?;
    if q != '\'' && q != '"' {
        return None;
    }
    if j > i
        && chars
            .get(i.wrapping_sub(1))
            .is_some_and(|c| is_name_char(*c))
    {
        return None;
    }
    let triple = chars.get(j + 1) == Some(&q) && chars.get(j + 2) == Some(&q);
    let mut k = j + if triple { 3 } else { 1 };
    while k < chars.len() {
        let c = chars[k];
        if c == '\\' {
            k += 2;
            continue;
        }
        if triple {
            if c == q && chars.get(k + 1) == Some(&q) && chars.get(k + 2) == Some(&q) {
                return Some(k + 3);
            }
        } else if c == q {
            return Some(k + 1);
        } else if c == '\n' {
            return Some(k);
        }
        k += 1;
    }
    Some(chars.len())
}

/// The text of tokens, joined.
pub fn join(toks: &[Tok]) -> String {
    toks.iter().map(|t| t.text.as_str()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_give_back_the_text() {
        let src = "x = f'a{b}' + r\"c\\\"\" # note\n\tif y<=2**-3.5e-1: pass\r\nz = '''\nq'''\n";
        let t = tokenize(src);
        assert_eq!(join(&t), src);
        assert!(t.iter().any(|t| t.kind == Kind::Str && t.text == "f'a{b}'"));
        assert!(t
            .iter()
            .any(|t| t.kind == Kind::Number && t.text == "3.5e-1"));
        assert!(t.iter().any(|t| t.kind == Kind::Op && t.text == "**"));
        assert!(t.iter().any(|t| t.kind == Kind::Comment));
    }

    #[test]
    fn unterminated_strings_end_at_the_line() {
        let t = tokenize("a = 'abc\nb = 1\n");
        assert_eq!(t[4].text, "'abc");
        assert_eq!(join(&t), "a = 'abc\nb = 1\n");
    }
}
