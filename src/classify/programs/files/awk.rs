//! awk, gawk, mawk, nawk: options that load or run other code or write files, and a tokenizer
//! for the program text that finds `system()`, output redirections of `print`/`printf`, and
//! command pipes (`| getline`, `print | "cmd"`).
//!
//! gawk and mawk let a bracket expression hold a `/` inside `/regex/` and older awks do not, so
//! the program is tokenized both ways and every effect either finds counts.

use super::options::{names, parse, Judged, Name, Spec, Takes};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;

const AWK: Spec = Spec {
    flags: "bcCghkMnNOPrsStVy",
    valued: "eEfFilvW",
    attached: "dDLop",
    long: &[
        ("assign", Takes::Value),
        ("field-separator", Takes::Value),
        ("file", Takes::Value),
        ("source", Takes::Value),
        ("exec", Takes::Value),
        ("include", Takes::Value),
        ("load", Takes::Value),
        ("bignum", Takes::Nothing),
        ("characters-as-bytes", Takes::Nothing),
        ("traditional", Takes::Nothing),
        ("copyright", Takes::Nothing),
        ("csv", Takes::Nothing),
        ("dump-variables", Takes::Attached),
        ("debug", Takes::Attached),
        ("gen-pot", Takes::Nothing),
        ("help", Takes::Nothing),
        ("lint", Takes::Attached),
        ("non-decimal-data", Takes::Nothing),
        ("use-lc-numeric", Takes::Nothing),
        ("pretty-print", Takes::Attached),
        ("optimize", Takes::Nothing),
        ("profile", Takes::Attached),
        ("posix", Takes::Nothing),
        ("re-interval", Takes::Nothing),
        ("no-optimize", Takes::Nothing),
        ("sandbox", Takes::Nothing),
        ("lint-old", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: false,
};

/// mawk `-W` settings that only change how the program runs.
const HARMLESS_W: &[&str] = &[
    "version",
    "v",
    "usage",
    "help",
    "dump",
    "interactive",
    "posix_space",
    "posix",
    "traditional",
    "lint",
    "sandbox",
];

pub fn judge(call: &Call) -> Judged {
    let program = call.program;
    let parsed = parse(program, call.args, &AWK)?;
    let mut verdicts = vec![Verdict::read(format!(
        "{program} prints what its program computes"
    ))];
    for option in &parsed.options {
        let value = option.value.unwrap_or_default();
        let verdict = match option.name {
            Name::Short('f') | Name::Long("file") | Name::Short('E') | Name::Long("exec") => {
                Verdict::update(format!(
                    "{program} -f runs the program in {value}, which the rules cannot see"
                ))
            }
            Name::Short('i') | Name::Long("include") if value == "inplace" => Verdict::update(
                format!("{program} -i inplace edits its input files in place"),
            ),
            Name::Short('i') | Name::Long("include") => {
                Verdict::update(format!("{program} -i loads the awk library {value}"))
            }
            Name::Short('l') | Name::Long("load") => {
                Verdict::update(format!("{program} -l loads the extension {value}"))
            }
            Name::Short('d') | Name::Long("dump-variables") => {
                Verdict::create(format!("{program} -d writes its variables to a file"))
            }
            Name::Short('o') | Name::Long("pretty-print") => Verdict::create(format!(
                "{program} -o writes the formatted program to a file"
            )),
            Name::Short('p') | Name::Long("profile") => {
                Verdict::create(format!("{program} -p writes a profile to a file"))
            }
            Name::Short('D') | Name::Long("debug") => {
                Verdict::update(format!("{program} --debug runs debugger commands"))
            }
            Name::Short('W') if !HARMLESS_W.contains(&value) => Verdict::update(format!(
                "{program} -W {value} is a setting the rules do not know"
            )),
            _ => continue,
        };
        verdicts.push(verdict);
    }
    let sources = parsed.values('e', "source");
    let has_program_file = parsed.has('f', "file") || parsed.has('E', "exec");
    let (source, inputs) = if !sources.is_empty() || has_program_file {
        (sources.join("\n"), &parsed.operands[..])
    } else {
        match parsed.operands.split_first() {
            Some((word, _)) if word.dynamic => {
                return Ok(Verdict::update(format!(
                    "cannot see what the awk program {} expands to",
                    word.text
                )))
            }
            Some((word, rest)) => (word.text.clone(), rest),
            None => {
                return Ok(Verdict::read(format!(
                    "{program} without a program does nothing"
                )))
            }
        }
    };
    let network_inputs: Vec<_> = inputs
        .iter()
        .filter(|w| is_network_file(&w.text))
        .copied()
        .collect();
    if !network_inputs.is_empty() {
        verdicts.push(
            Verdict::update(format!("{program} connects to {}", names(network_inputs))).net(),
        );
    }
    verdicts.push(judge_program(call, &source));
    Ok(Verdict::max_of(verdicts))
}

fn is_network_file(path: &str) -> bool {
    ["/inet/", "/inet4/", "/inet6/"]
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

fn judge_program(call: &Call, source: &str) -> Verdict {
    let readings: Vec<Vec<Token>> = [true, false]
        .into_iter()
        .filter_map(|brackets| tokenize(source, brackets).ok())
        .collect();
    if readings.is_empty() {
        return Verdict::update("could not read the awk program");
    }
    Verdict::max_of(readings.iter().map(|tokens| effects(call, tokens)))
}

#[derive(Debug)]
enum Token {
    Ident(String),
    Number,
    Str(String),
    Regex,
    Op(&'static str),
    Newline,
    Semicolon,
    Comma,
    LeftBrace,
    RightBrace,
    LeftParen,
    /// Whether it closes the condition of `if`, `while`, `for` or `switch`.
    RightParen(bool),
    LeftBracket,
    RightBracket,
    At,
}

/// Operators, longest first so `>>` is not read as `>` `>`.
const OPERATORS: &[&str] = &[
    "**=", "&&", "||", "|&", ">>", ">=", "<=", "==", "!=", "!~", "++", "--", "+=", "-=", "*=",
    "/=", "%=", "^=", "**", "+", "-", "*", "/", "%", "^", "!", ">", "<", "|", "?", ":", "~", "=",
    "$",
];

/// Keywords after which a `/` starts a regex rather than a division.
const BEFORE_OPERAND: &[&str] = &["print", "printf", "return", "exit", "case", "do", "else"];

struct Malformed;

fn tokenize(source: &str, brackets_in_regex: bool) -> Result<Vec<Token>, Malformed> {
    let chars: Vec<char> = source.chars().collect();
    let mut tokens = Vec::new();
    let mut parens: Vec<bool> = Vec::new();
    let mut at = 0;
    while let Some(&c) = chars.get(at) {
        at += 1;
        let token = match c {
            ' ' | '\t' | '\r' => continue,
            '\\' if matches!(chars.get(at), Some('\n')) => {
                at += 1;
                continue;
            }
            '\\' if chars.get(at) == Some(&'\r') && chars.get(at + 1) == Some(&'\n') => {
                at += 2;
                continue;
            }
            '#' => {
                while chars.get(at).is_some_and(|c| *c != '\n') {
                    at += 1;
                }
                continue;
            }
            '\n' => Token::Newline,
            ';' => Token::Semicolon,
            ',' => Token::Comma,
            '{' => Token::LeftBrace,
            '}' => Token::RightBrace,
            '[' => Token::LeftBracket,
            ']' => Token::RightBracket,
            '@' => Token::At,
            '(' => {
                let control = matches!(
                    tokens.last(),
                    Some(Token::Ident(name)) if matches!(name.as_str(), "if" | "while" | "for" | "switch")
                );
                parens.push(control);
                Token::LeftParen
            }
            ')' => Token::RightParen(parens.pop().unwrap_or(false)),
            '"' => {
                let (text, end) = string(&chars, at)?;
                at = end;
                Token::Str(text)
            }
            '/' if regex_may_start(tokens.last()) => {
                at = regex_end(&chars, at, brackets_in_regex)?;
                Token::Regex
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::from(c);
                loop {
                    while let Some(&next) = chars
                        .get(at)
                        .filter(|n| n.is_ascii_alphanumeric() || **n == '_')
                    {
                        name.push(next);
                        at += 1;
                    }
                    // gawk namespaces: `awk::system` names the function `system`.
                    if chars.get(at) == Some(&':') && chars.get(at + 1) == Some(&':') {
                        at += 2;
                        name.clear();
                    } else {
                        break;
                    }
                }
                Token::Ident(name)
            }
            c if c.is_ascii_digit()
                || (c == '.' && chars.get(at).is_some_and(char::is_ascii_digit)) =>
            {
                while chars
                    .get(at)
                    .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '.')
                {
                    at += 1;
                }
                Token::Number
            }
            _ => {
                let rest: String = chars[at - 1..chars.len().min(at + 2)].iter().collect();
                let operator = OPERATORS
                    .iter()
                    .find(|op| rest.starts_with(**op))
                    .ok_or(Malformed)?;
                at += operator.chars().count() - 1;
                Token::Op(operator)
            }
        };
        tokens.push(token);
    }
    Ok(tokens)
}

/// A `/` starts a regex where an operand is expected.
fn regex_may_start(previous: Option<&Token>) -> bool {
    match previous {
        None => true,
        Some(Token::RightParen(control)) => *control,
        Some(Token::Op(op)) => !matches!(*op, "++" | "--"),
        Some(Token::Ident(name)) => BEFORE_OPERAND.contains(&name.as_str()),
        Some(Token::Number | Token::Str(_) | Token::Regex | Token::RightBracket) => false,
        Some(_) => true,
    }
}

/// A string literal after its opening quote: its value and the index after the closing quote.
fn string(chars: &[char], mut at: usize) -> Result<(String, usize), Malformed> {
    let mut text = String::new();
    loop {
        let c = *chars.get(at).ok_or(Malformed)?;
        at += 1;
        match c {
            '"' => return Ok((text, at)),
            '\n' => return Err(Malformed),
            '\\' => {
                let escaped = *chars.get(at).ok_or(Malformed)?;
                at += 1;
                match escaped {
                    'n' => text.push('\n'),
                    't' => text.push('\t'),
                    'r' => text.push('\r'),
                    '\n' => {}
                    other => text.push(other),
                }
            }
            _ => text.push(c),
        }
    }
}

/// The index after a regex's closing `/`, the opening one already read.
fn regex_end(chars: &[char], mut at: usize, brackets: bool) -> Result<usize, Malformed> {
    let start = at;
    let mut depth = 0usize;
    let mut bracket_start = 0;
    loop {
        let c = *chars.get(at).ok_or(Malformed)?;
        match c {
            '\n' => return Err(Malformed),
            '\\' => {
                chars.get(at + 1).ok_or(Malformed)?;
                at += 2;
                continue;
            }
            '[' if brackets => {
                if depth == 0 || chars.get(at + 1) == Some(&':') {
                    depth += 1;
                }
                if depth == 1 {
                    bracket_start = at - start;
                }
            }
            // A `]` right after `[` or `[^` is a literal member, as in gawk.
            ']' if brackets && depth > 0 => {
                let offset = at - start;
                let literal = offset == bracket_start + 1
                    || (offset == bracket_start + 2 && chars.get(at - 1) == Some(&'^'));
                if !literal {
                    depth -= 1;
                }
            }
            '/' if depth == 0 => return Ok(at + 1),
            _ => {}
        }
        at += 1;
    }
}

fn is_terminator(token: Option<&Token>) -> bool {
    matches!(
        token,
        None | Some(Token::Semicolon | Token::Newline | Token::RightBrace)
    )
}

/// Whether the expression before a `|` starts right at this token (so a lone string before
/// the `|` is the whole command).
fn starts_expression(token: Option<&Token>) -> bool {
    match token {
        None => true,
        Some(Token::Op(op)) => matches!(
            *op,
            "=" | "+=" | "-=" | "*=" | "/=" | "%=" | "^=" | "**=" | "&&" | "||" | "?" | ":"
        ),
        Some(
            Token::Newline
            | Token::Semicolon
            | Token::LeftBrace
            | Token::RightBrace
            | Token::LeftParen
            | Token::Comma,
        ) => true,
        Some(_) => false,
    }
}

fn effects(call: &Call, tokens: &[Token]) -> Verdict {
    let mut verdicts = Vec::new();
    let mut depth = 0usize;
    // The nesting depth at which the current `print`/`printf` started.
    let mut print_depth: Option<usize> = None;
    for (index, token) in tokens.iter().enumerate() {
        let previous = index.checked_sub(1).and_then(|i| tokens.get(i));
        let next = tokens.get(index + 1);
        match token {
            Token::LeftParen | Token::LeftBracket => depth += 1,
            Token::RightParen(_) | Token::RightBracket => {
                depth = depth.saturating_sub(1);
                if print_depth.is_some_and(|d| depth < d) {
                    print_depth = None;
                }
            }
            Token::Semicolon | Token::Newline | Token::RightBrace | Token::LeftBrace
                if print_depth.is_some_and(|d| depth <= d) =>
            {
                print_depth = None;
            }
            Token::Ident(name) if name == "print" || name == "printf" => {
                print_depth.get_or_insert(depth);
            }
            Token::Op(op @ (">" | ">>" | "|" | "|&")) if print_depth == Some(depth) => {
                print_depth = None;
                let target = match next {
                    Some(Token::Str(text)) if is_terminator(tokens.get(index + 2)) => Some(text),
                    _ => None,
                };
                verdicts.push(redirection(call, op, target));
            }
            Token::Op(op @ ("|" | "|&")) => {
                if !matches!(next, Some(Token::Ident(name)) if name == "getline") {
                    verdicts.push(Verdict::update(format!(
                        "awk uses {op} in a way the rules do not follow"
                    )));
                    continue;
                }
                let before = index.checked_sub(2).and_then(|i| tokens.get(i));
                verdicts.push(match previous {
                    Some(Token::Str(command)) if starts_expression(before) => call
                        .script(command)
                        .at_least(Verdict::read("awk reads a command's output")),
                    _ => Verdict::update("awk runs a command built at run time"),
                });
            }
            Token::Ident(name) if name == "system" => {
                verdicts.push(match (next, tokens.get(index + 2), tokens.get(index + 3)) {
                    (
                        Some(Token::LeftParen),
                        Some(Token::Str(command)),
                        Some(Token::RightParen(_)),
                    ) => call
                        .script(command)
                        .at_least(Verdict::read("awk system() runs a command")),
                    _ => Verdict::update("awk system() runs a command built at run time"),
                });
            }
            Token::At if !matches!(next, Some(Token::Ident(name)) if name == "namespace") => {
                verdicts.push(Verdict::update(
                    "gawk @load, @include or an indirect call runs code the rules cannot see",
                ));
            }
            Token::Str(text)
                if ["/inet/", "/inet4/", "/inet6/"]
                    .iter()
                    .any(|p| text.contains(p)) =>
            {
                verdicts.push(
                    Verdict::update(format!("awk opens the network connection {text}")).net(),
                );
            }
            _ => {}
        }
    }
    Verdict::max_of(verdicts)
}

fn redirection(call: &Call, operator: &str, target: Option<&String>) -> Verdict {
    let Some(target) = target else {
        return Verdict::update(format!(
            "awk sends output ({operator}) to a target built at run time"
        ));
    };
    match operator {
        "|" | "|&" => call
            .script(target)
            .at_least(Verdict::read("awk pipes output to a command")),
        _ if matches!(
            target.as_str(),
            "/dev/stdout" | "/dev/stderr" | "/dev/null" | "-"
        ) =>
        {
            Verdict::read(format!("awk prints to {target}"))
        }
        ">>" => Verdict::update(format!("awk appends to {target}")),
        _ => Verdict::create(format!("awk writes {target}")),
    }
}
