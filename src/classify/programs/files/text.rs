//! Text tools that read and print unless an option or operand names an output file or a
//! program: sort, uniq, tee, xxd, dd, iconv, base64/base32, yq, sdiff, diff3, dc, split.

use super::options::{
    cannot_see, is_harmless_output, is_opaque, names, parse, unknown_option, Judged, Spec, Takes,
};
use crate::classify::programs::{Call, Stdin};
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

const SORT: Spec = Spec {
    flags: "bdfgiMhnRrVcCmsuz",
    valued: "ktoST",
    attached: "",
    long: &[
        ("ignore-leading-blanks", Takes::Nothing),
        ("dictionary-order", Takes::Nothing),
        ("ignore-case", Takes::Nothing),
        ("general-numeric-sort", Takes::Nothing),
        ("ignore-nonprinting", Takes::Nothing),
        ("month-sort", Takes::Nothing),
        ("human-numeric-sort", Takes::Nothing),
        ("numeric-sort", Takes::Nothing),
        ("random-sort", Takes::Nothing),
        ("reverse", Takes::Nothing),
        ("version-sort", Takes::Nothing),
        ("check", Takes::Attached),
        ("merge", Takes::Nothing),
        ("stable", Takes::Nothing),
        ("unique", Takes::Nothing),
        ("zero-terminated", Takes::Nothing),
        ("debug", Takes::Nothing),
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
        ("sort", Takes::Value),
        ("random-source", Takes::Value),
        ("batch-size", Takes::Value),
        ("compress-program", Takes::Value),
        ("files0-from", Takes::Value),
        ("key", Takes::Value),
        ("output", Takes::Value),
        ("field-separator", Takes::Value),
        ("buffer-size", Takes::Value),
        ("temporary-directory", Takes::Value),
        ("parallel", Takes::Value),
        ("mmap", Takes::Nothing),
        ("radixsort", Takes::Nothing),
        ("mergesort", Takes::Nothing),
        ("qsort", Takes::Nothing),
        ("heapsort", Takes::Nothing),
    ],
    negations: false,
};

pub fn sort(call: &Call) -> Judged {
    let parsed = parse("sort", call.args, &SORT)?;
    if parsed.has('\0', "compress-program") {
        return Ok(Verdict::update(format!(
            "sort --compress-program runs {}",
            parsed
                .value('\0', "compress-program")
                .unwrap_or("a program")
        )));
    }
    Ok(match parsed.value('o', "output") {
        Some(output) if is_harmless_output(output) => Verdict::read("sort prints sorted lines"),
        Some(output) if parsed.operands.iter().any(|w| w.text == output) => {
            Verdict::update(format!("sort -o rewrites {output} in place"))
        }
        Some(output) => Verdict::create(format!("sort -o writes {output}")),
        None => Verdict::read("sort prints sorted lines"),
    })
}

const UNIQ: Spec = Spec {
    flags: "cdDiuz",
    valued: "fsw",
    attached: "",
    long: &[
        ("count", Takes::Nothing),
        ("repeated", Takes::Nothing),
        ("all-repeated", Takes::Attached),
        ("group", Takes::Attached),
        ("skip-fields", Takes::Value),
        ("skip-chars", Takes::Value),
        ("check-chars", Takes::Value),
        ("unique", Takes::Nothing),
        ("ignore-case", Takes::Nothing),
        ("zero-terminated", Takes::Nothing),
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: false,
};

pub fn uniq(call: &Call) -> Judged {
    let parsed = parse("uniq", call.args, &UNIQ)?;
    Ok(match parsed.operands.get(1) {
        Some(output) if output.text != "-" && !is_harmless_output(&output.text) => {
            Verdict::create(format!("uniq writes {}", output.text))
        }
        _ => Verdict::read("uniq prints unique lines"),
    })
}

/// tee writes every operand; an expansion there only names a file, so it is judged as one.
pub fn tee(call: &Call) -> Judged {
    let mut append = false;
    let mut files: Vec<&Word> = Vec::new();
    let mut options_end = false;
    for word in call.args {
        let text = word.text.as_str();
        if options_end || word.dynamic || text == "-" || !text.starts_with('-') {
            files.push(word);
        } else if text == "--" {
            options_end = true;
        } else if let Some(long) = text.strip_prefix("--") {
            let name = long.split('=').next().unwrap_or_default();
            if !name.is_empty() && "append".starts_with(name) {
                append = true;
            } else if !["ignore-interrupts", "output-error", "help", "version"]
                .iter()
                .any(|known| !name.is_empty() && known.starts_with(name))
            {
                return Err(unknown_option("tee", text));
            }
        } else if text[1..].chars().all(|c| matches!(c, 'a' | 'i' | 'p')) {
            append |= text.contains('a');
        } else {
            return Err(unknown_option("tee", text));
        }
    }
    let written: Vec<&Word> = files
        .into_iter()
        .filter(|w| !is_harmless_output(&w.text) && !super::options::is_process_substitution(w))
        .collect();
    Ok(match (written.is_empty(), append) {
        (true, _) => Verdict::read("tee only copies to stdout"),
        (false, true) => Verdict::update(format!("tee -a appends to {}", names(written))),
        (false, false) => Verdict::create(format!("tee writes {}", names(written))),
    })
}

/// xxd's options are matched by their first letters, as xxd itself does.
pub fn xxd(call: &Call) -> Judged {
    let mut operands: Vec<&Word> = Vec::new();
    let mut at = 0;
    while let Some(word) = call.args.get(at) {
        at += 1;
        if is_opaque(word) {
            return Err(cannot_see(word));
        }
        let text = word.text.as_str();
        if text == "-" || !text.starts_with('-') {
            operands.push(word);
            continue;
        }
        let takes_value = matches!(
            text,
            "-c" | "-cols"
                | "-g"
                | "-groupsize"
                | "-l"
                | "-len"
                | "-o"
                | "-s"
                | "-seek"
                | "-n"
                | "-name"
                | "-R"
        );
        if takes_value {
            at += 1;
            continue;
        }
        let letter = text.chars().nth(1).unwrap_or('-');
        if !"abCcdEeghilnoprRsuv".contains(letter) {
            return Err(unknown_option("xxd", text));
        }
    }
    Ok(match operands.get(1) {
        Some(output) if output.text != "-" && !is_harmless_output(&output.text) => {
            Verdict::create(format!("xxd writes {}", output.text))
        }
        _ => Verdict::read("xxd prints a hex dump"),
    })
}

const DD_OPERANDS: &[&str] = &[
    "if", "of", "bs", "ibs", "obs", "cbs", "skip", "seek", "iseek", "oseek", "count", "conv",
    "iflag", "oflag", "status", "fillchar", "speed", "msgfmt",
];

pub fn dd(call: &Call) -> Judged {
    let mut output = None;
    for word in call.args {
        if is_opaque(word) {
            return Err(cannot_see(word));
        }
        let text = word.text.as_str();
        if matches!(text, "--help" | "--version") {
            continue;
        }
        match text.split_once('=') {
            Some(("of", path)) => output = Some(path),
            Some((name, _)) if DD_OPERANDS.contains(&name) => {}
            _ => return Err(unknown_option("dd", text)),
        }
    }
    Ok(match output {
        Some(path) if !is_harmless_output(path) => Verdict::update(format!("dd writes {path}")),
        _ => Verdict::read("dd copies to stdout"),
    })
}

const ICONV: Spec = Spec {
    flags: "lcs?",
    valued: "fto",
    attached: "",
    long: &[
        ("from-code", Takes::Value),
        ("to-code", Takes::Value),
        ("list", Takes::Nothing),
        ("output", Takes::Value),
        ("silent", Takes::Nothing),
        ("verbose", Takes::Nothing),
        ("help", Takes::Nothing),
        ("usage", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: false,
};

pub fn iconv(call: &Call) -> Judged {
    let parsed = parse("iconv", call.args, &ICONV)?;
    Ok(match parsed.value('o', "output") {
        Some(output) if !is_harmless_output(output) => {
            Verdict::create(format!("iconv -o writes {output}"))
        }
        _ => Verdict::read("iconv prints converted text"),
    })
}

/// GNU base64 only prints; the macOS one can write a file with `-o`.
const BASE64: Spec = Spec {
    flags: "dDh",
    valued: "iwbo",
    attached: "",
    long: &[
        ("decode", Takes::Nothing),
        ("ignore-garbage", Takes::Nothing),
        ("wrap", Takes::Value),
        ("break", Takes::Value),
        ("input", Takes::Value),
        ("output", Takes::Value),
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: false,
};

pub fn base64(call: &Call) -> Judged {
    let program = call.program;
    let parsed = parse(program, call.args, &BASE64)?;
    Ok(match parsed.value('o', "output") {
        Some(output) if output != "-" && !is_harmless_output(output) => {
            Verdict::create(format!("{program} -o writes {output}"))
        }
        _ => Verdict::read(format!("{program} encodes or decodes to stdout")),
    })
}

/// yq (Go and Python versions): only in-place editing and splitting into files write.
pub fn yq(call: &Call) -> Judged {
    for word in call.args {
        if is_opaque(word) {
            return Err(cannot_see(word));
        }
        let text = word.text.as_str();
        if text == "--" {
            break;
        }
        if let Some(long) = text.strip_prefix("--") {
            let name = long.split('=').next().unwrap_or_default();
            let abbreviates = |full: &str| name.len() >= 2 && full.starts_with(name);
            if abbreviates("inplace") || abbreviates("in-place") {
                return Ok(Verdict::update("yq -i edits the file in place"));
            }
            if abbreviates("split-exp") || abbreviates("split-exp-file") {
                return Ok(Verdict::create("yq --split-exp writes one file per result"));
            }
            continue;
        }
        let Some(cluster) = text.strip_prefix('-').filter(|c| !c.is_empty()) else {
            continue;
        };
        for letter in cluster.chars() {
            match letter {
                'i' => return Ok(Verdict::update("yq -i edits the file in place")),
                's' => return Ok(Verdict::create("yq -s writes one file per result")),
                // Options whose value is the rest of the word or the next one.
                'o' | 'p' | 'I' | 'f' | 'w' | 'L' => break,
                'C' | 'M' | 'e' | 'P' | 'N' | 'n' | 'r' | '0' | 'v' | 'V' | 'h' | 'j' | 'c'
                | 'a' | 'S' | 'y' | 'Y' | 't' | 'x' => {}
                _ => return Err(unknown_option("yq", &format!("-{letter}"))),
            }
        }
    }
    Ok(Verdict::read("yq prints the query result"))
}

const SDIFF: Spec = Spec {
    flags: "abBdEHilstWZ",
    valued: "Iow",
    attached: "",
    long: &[
        ("text", Takes::Nothing),
        ("ignore-space-change", Takes::Nothing),
        ("ignore-all-space", Takes::Nothing),
        ("ignore-blank-lines", Takes::Nothing),
        ("ignore-case", Takes::Nothing),
        ("ignore-matching-lines", Takes::Value),
        ("ignore-tab-expansion", Takes::Nothing),
        ("ignore-trailing-space", Takes::Nothing),
        ("left-column", Takes::Nothing),
        ("minimal", Takes::Nothing),
        ("output", Takes::Value),
        ("speed-large-files", Takes::Nothing),
        ("strip-trailing-cr", Takes::Nothing),
        ("suppress-common-lines", Takes::Nothing),
        ("tabsize", Takes::Value),
        ("expand-tabs", Takes::Nothing),
        ("width", Takes::Value),
        ("diff-program", Takes::Value),
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: false,
};

const DIFF3: Spec = Spec {
    flags: "AaeEimTxX3",
    valued: "L",
    attached: "",
    long: &[
        ("text", Takes::Nothing),
        ("ed", Takes::Nothing),
        ("show-all", Takes::Nothing),
        ("show-overlap", Takes::Nothing),
        ("easy-only", Takes::Nothing),
        ("overlap-only", Takes::Nothing),
        ("merge", Takes::Nothing),
        ("initial-tab", Takes::Nothing),
        ("label", Takes::Value),
        ("strip-trailing-cr", Takes::Nothing),
        ("diff-program", Takes::Value),
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: false,
};

/// sdiff and diff3: `--diff-program` runs a program; sdiff `-o` writes the merge.
pub fn sdiff_diff3(call: &Call) -> Judged {
    let program = call.program;
    let spec = if program == "sdiff" { &SDIFF } else { &DIFF3 };
    let parsed = parse(program, call.args, spec)?;
    if let Some(diff) = parsed.value('\0', "diff-program") {
        return Ok(Verdict::update(format!(
            "{program} --diff-program runs {diff}"
        )));
    }
    Ok(match parsed.value('o', "output") {
        Some(output) if !is_harmless_output(output) => {
            Verdict::create(format!("sdiff -o writes the merge to {output}"))
        }
        _ => Verdict::read(format!("{program} compares files")),
    })
}

/// dc: `!` runs a shell command; a script file or unknown input may hold one.
pub fn dc(call: &Call) -> Judged {
    let mut expressions: Vec<&str> = Vec::new();
    let mut at = 0;
    while let Some(word) = call.args.get(at) {
        at += 1;
        if word.dynamic {
            return Err(cannot_see(word));
        }
        let text = word.text.as_str();
        match text {
            "-e" | "--expression" => {
                let expression = call
                    .args
                    .get(at)
                    .ok_or_else(|| unknown_option("dc", text))?;
                if expression.dynamic {
                    return Err(cannot_see(expression));
                }
                expressions.push(&expression.text);
                at += 1;
            }
            "-h" | "--help" | "-V" | "--version" => {}
            _ if text.starts_with("--expression=") => {
                expressions.push(&text["--expression=".len()..]);
            }
            _ if text.starts_with("-e") => expressions.push(&text[2..]),
            _ => {
                return Ok(Verdict::update(format!(
                    "dc runs the script {text}, which may run shell commands"
                )))
            }
        }
    }
    if expressions.is_empty() {
        return Ok(match call.stdin {
            Stdin::Text(text) => dc_bang(text),
            Stdin::Inherited => Verdict::read("dc calculates"),
            Stdin::File(file) => Verdict::update(format!(
                "dc runs the commands in {file}, which may run shell commands"
            )),
            Stdin::Piped => {
                Verdict::update("dc runs commands it is fed, which may run shell commands")
            }
        });
    }
    Ok(Verdict::max_of(expressions.into_iter().map(dc_bang)))
}

/// `!` followed by anything but `<`, `>` or `=` (negated comparisons) runs a shell command.
fn dc_bang(program: &str) -> Verdict {
    let runs = program
        .char_indices()
        .filter(|(_, c)| *c == '!')
        .any(|(at, _)| !matches!(program[at + 1..].chars().next(), Some('<' | '>' | '=')));
    if runs {
        Verdict::update("dc ! runs a shell command")
    } else {
        Verdict::read("dc calculates")
    }
}

/// split and csplit write pieces; split `--filter` hands each piece to a shell command.
pub fn split(call: &Call) -> Judged {
    let program = call.program;
    let mut verdicts = vec![Verdict::create(format!(
        "{program} writes pieces of its input to new files"
    ))];
    let mut at = 0;
    while let Some(word) = call.args.get(at) {
        at += 1;
        let Some(long) = word.text.strip_prefix("--") else {
            continue;
        };
        let (name, attached) = match long.split_once('=') {
            Some((name, value)) => (name, Some(value.to_string())),
            None => (long, None),
        };
        if name.len() >= 2 && "filter".starts_with(name) {
            let command = match attached {
                Some(command) => Some(command),
                None => call
                    .args
                    .get(at)
                    .filter(|w| !w.dynamic)
                    .map(|w| w.text.clone()),
            };
            verdicts.push(match command {
                Some(command) if !word.dynamic => call.script(&command),
                _ => Verdict::update("split --filter runs a command the rules cannot see"),
            });
        }
    }
    Ok(Verdict::max_of(verdicts))
}
