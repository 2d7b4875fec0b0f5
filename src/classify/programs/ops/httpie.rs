//! HTTPie (`http`, `https`) and xh: `[METHOD] URL [ITEM…]`, where items can be headers and
//! query parameters (harmless) or body fields and files (sent out).

use super::Call;
use crate::classify::programs::Stdin;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    match call.program {
        "http" | "https" | "xh" | "xhs" => Some(httpie(call)),
        _ => None,
    }
}

#[rustfmt::skip]
const FLAGS: &[&str] = &[
    "-v", "--verbose", "-h", "--headers", "-b", "--body", "-m", "--meta", "-f", "--form", "-j",
    "--json", "-F", "--follow", "--all", "-c", "--continue", "-q", "--quiet", "-I",
    "--ignore-stdin", "--check-status", "--path-as-is", "--ignore-netrc", "--debug", "--traceback",
    "--version", "--help", "-S", "--stream", "-4", "--ipv4", "-6", "--ipv6", "--https",
    "--native-tls", "--offline", "-d", "--download", "--curl", "--curl-long", "--chunked",
    "--multipart", "-x", "--compress", "-i", "--no-verify", "--no-follow",
];

#[rustfmt::skip]
const VALUED: &[&str] = &[
    "-a", "--auth", "-A", "--auth-type", "--verify", "--cert", "--cert-key", "--cert-key-pass",
    "--timeout", "--proxy", "-p", "--print", "-P", "--history-print", "--pretty", "-s", "--style",
    "--format-options", "--response-charset", "--response-mime", "--max-redirects",
    "--max-headers", "--ssl", "--ciphers", "--boundary", "--default-scheme", "--http-version",
    "--resolve", "--interface", "--bearer", "--unix-socket", "-o", "--output", "--session",
    "--session-read-only", "--raw",
];

/// What a request item does, by its separator.
enum Item {
    /// `Header:value`, `param==value`: part of the request line.
    Harmless,
    /// `field=value`, `field:=json`, `field@file`, or a header or parameter read from a file.
    Sends,
}

fn item_kind(text: &str) -> Item {
    const SEPARATORS: &[&str] = &[":=@", "==@", "=@", ":@", "==", ":=", "=", ":", "@"];
    let mut best: Option<(usize, &str)> = None;
    for separator in SEPARATORS {
        if let Some(at) = text.find(separator) {
            if best.is_none_or(|(b, s)| at < b || (at == b && separator.len() > s.len())) {
                best = Some((at, separator));
            }
        }
    }
    match best {
        Some((_, "==" | ":")) => Item::Harmless,
        _ => Item::Sends,
    }
}

fn httpie(call: &Call) -> Verdict {
    let program = call.program;
    let args = call.args;
    if let Some(word) = args.iter().find(|w| w.substituted) {
        return Verdict::update(format!(
            "{program} sends the output of a command substitution ({})",
            word.text
        ))
        .net();
    }
    let mut options: Vec<(&str, Option<String>)> = Vec::new();
    let mut words: Vec<&Word> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let word = &args[i];
        i += 1;
        if !word.is_option() {
            words.push(word);
            continue;
        }
        let (name, inline) = match word.text.split_once('=') {
            Some((name, value)) if word.text.starts_with("--") => (name, Some(value)),
            _ => (word.text.as_str(), None),
        };
        if FLAGS.contains(&name) {
            options.push((name, None));
        } else if VALUED.contains(&name) {
            if let Some(value) = inline {
                options.push((name, Some(value.to_string())));
            } else {
                options.push((name, args.get(i).map(|w| w.text.clone())));
                i += 1;
            }
        } else {
            return Verdict::update(format!(
                "{program} option {name} is not known to be read-only"
            ))
            .net();
        }
    }
    let has = |names: &[&str]| options.iter().any(|(n, _)| names.contains(n));
    let offline = has(&["--offline", "--curl", "--curl-long"]);
    let first_is_method = words.len() >= 2
        && words[0].text.chars().all(|c| c.is_ascii_alphabetic())
        && !words[0].dynamic;
    let (method, url, items) = if first_is_method {
        (
            Some(words[0].text.to_ascii_uppercase()),
            words[1],
            &words[2..],
        )
    } else if let Some((url, items)) = words.split_first() {
        (None, *url, items)
    } else {
        return Verdict::read(format!("{program} prints its help or version"));
    };
    let mut verdicts = vec![Verdict::read(format!("{program} GETs {}", url.text))];
    let sends_items = items
        .iter()
        .any(|item| matches!(item_kind(&item.text), Item::Sends));
    let sends_stdin = !has(&["-I", "--ignore-stdin"]) && !matches!(call.stdin, Stdin::Inherited);
    if sends_items || sends_stdin || has(&["--raw", "--multipart"]) {
        verdicts.push(Verdict::update(format!(
            "{program} sends a body to {}",
            url.text
        )));
    }
    match method.as_deref() {
        None | Some("GET" | "HEAD" | "OPTIONS") => {}
        Some("DELETE") => verdicts.push(Verdict::delete(format!(
            "{program} sends DELETE to {}",
            url.text
        ))),
        Some(other) => verdicts.push(Verdict::update(format!(
            "{program} sends {other} to {}",
            url.text
        ))),
    }
    if has(&["-d", "--download"]) {
        verdicts.push(Verdict::create(format!(
            "{program} --download saves {}",
            url.text
        )));
    }
    for (name, value) in &options {
        let value = value.as_deref().unwrap_or("");
        match *name {
            "-o" | "--output" if !matches!(value, "-" | "/dev/null" | "/dev/stdout") => {
                verdicts.push(Verdict::create(format!("{program} writes {value}")));
            }
            "--session" => {
                verdicts.push(Verdict::create(format!("{program} saves session {value}")))
            }
            _ => {}
        }
    }
    let verdict = Verdict::max_of(verdicts);
    if offline {
        verdict
    } else {
        verdict.net()
    }
}
