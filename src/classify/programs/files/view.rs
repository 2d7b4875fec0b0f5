//! Viewers and inspectors with a few writing or program-running options: less, more, most,
//! zless (startup commands, log files, key files), bat (`--pager`), tree (`-o`, `-R`), file
//! (`-C`), stty and tput.

use super::options::{
    cannot_see, check_operand, is_harmless_output, is_opaque, is_process_substitution, parse,
    unknown_option, Judged, Spec, Takes,
};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;

const LESS_FLAGS: &str = "aAcCdeEfFgGiIJKLmMnNqQrRsSuUVwWX~?0123456789";
const LESS_VALUED: &str = "bhjkoOpPtTxyz#D\"";

/// less and the pagers that are less on some systems (`more` on macOS).
pub fn pager(call: &Call) -> Judged {
    let program = call.program;
    let args = call.args;
    if let Some(word) = args.iter().find(|w| is_opaque(w)) {
        return Err(cannot_see(word));
    }
    let mut verdicts = vec![Verdict::read(format!("{program} shows files"))];
    let mut options_end = false;
    let mut at = 0;
    while let Some(word) = args.get(at) {
        at += 1;
        let text = word.text.as_str();
        if options_end || text == "-" || is_process_substitution(word) {
            continue;
        }
        if text == "--" {
            options_end = true;
        } else if let Some(command) = text.strip_prefix('+') {
            verdicts.push(startup_command(call, command.trim_start_matches('+')));
        } else if let Some(long) = text.strip_prefix("--") {
            let name = long
                .split('=')
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase();
            let abbreviates = |full: &str| !name.is_empty() && full.starts_with(&name);
            if abbreviates("log-file") {
                verdicts.push(Verdict::create(format!(
                    "{program} --log-file copies its input to a file"
                )));
            } else if ["lesskey-file", "lesskey-src", "lesskey-content"]
                .iter()
                .any(|full| abbreviates(full))
            {
                verdicts.push(Verdict::update(format!(
                    "{program} loads key bindings that can run commands"
                )));
            }
        } else if let Some(cluster) = text.strip_prefix('-') {
            // `-+X` resets option X.
            let cluster = cluster.strip_prefix('+').unwrap_or(cluster);
            for (index, letter) in cluster.char_indices() {
                let rest = &cluster[index + letter.len_utf8()..];
                if LESS_VALUED.contains(letter) {
                    let value = if rest.is_empty() {
                        at += 1;
                        args.get(at - 1).map_or("", |w| w.text.as_str())
                    } else {
                        rest
                    };
                    match letter {
                        'o' | 'O' => verdicts.push(Verdict::create(format!(
                            "{program} -{letter} copies its input to {value}"
                        ))),
                        'k' => verdicts.push(Verdict::update(format!(
                            "{program} -k loads key bindings from {value}"
                        ))),
                        _ => {}
                    }
                    break;
                }
                if !LESS_FLAGS.contains(letter) {
                    return Err(unknown_option(program, &format!("-{letter}")));
                }
            }
        } else {
            check_operand(program, word)?;
        }
    }
    Ok(Verdict::max_of(verdicts))
}

/// A `+cmd` startup command: moving and searching are harmless, `!cmd` runs a shell command,
/// anything else is a less command the rules do not follow.
fn startup_command(call: &Call, command: &str) -> Verdict {
    let program = call.program;
    if let Some(shell) = command.strip_prefix('!') {
        return call.script(shell).at_least(Verdict::read(format!(
            "{program} runs a shell command at start"
        )));
    }
    if command.chars().any(char::is_control) {
        return Verdict::update(format!("{program} runs several startup commands"));
    }
    let digits = command
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(command.len());
    let (number, rest) = command.split_at(digits);
    let harmless = matches!(rest, "" | "g" | "G" | "p" | "%" | "F")
        || (number.is_empty() && (rest.starts_with('/') || rest.starts_with('?')));
    if harmless {
        Verdict::read(format!("{program} moves or searches at start"))
    } else {
        Verdict::update(format!("{program} runs the startup command +{command}"))
    }
}

const BAT: Spec = Spec {
    flags: "ApdnfLuPSshV",
    valued: "lHmr",
    attached: "",
    long: &[
        ("pager", Takes::Value),
        ("generate-config-file", Takes::Nothing),
        ("show-all", Takes::Nothing),
        ("nonprintable-notation", Takes::Value),
        ("binary", Takes::Value),
        ("plain", Takes::Nothing),
        ("language", Takes::Value),
        ("highlight-line", Takes::Value),
        ("file-name", Takes::Value),
        ("diff", Takes::Nothing),
        ("diff-context", Takes::Value),
        ("tabs", Takes::Value),
        ("wrap", Takes::Value),
        ("chop-long-lines", Takes::Nothing),
        ("terminal-width", Takes::Value),
        ("number", Takes::Nothing),
        ("color", Takes::Value),
        ("italic-text", Takes::Value),
        ("decorations", Takes::Value),
        ("force-colorization", Takes::Nothing),
        ("paging", Takes::Value),
        ("map-syntax", Takes::Value),
        ("ignored-suffix", Takes::Value),
        ("theme", Takes::Value),
        ("theme-light", Takes::Value),
        ("theme-dark", Takes::Value),
        ("list-themes", Takes::Nothing),
        ("squeeze-blank", Takes::Nothing),
        ("squeeze-limit", Takes::Value),
        ("strip-ansi", Takes::Value),
        ("style", Takes::Value),
        ("line-range", Takes::Value),
        ("list-languages", Takes::Nothing),
        ("unbuffered", Takes::Nothing),
        ("completion", Takes::Value),
        ("set-terminal-title", Takes::Nothing),
        ("diagnostic", Takes::Nothing),
        ("acknowledgements", Takes::Nothing),
        ("config-file", Takes::Nothing),
        ("config-dir", Takes::Nothing),
        ("cache-dir", Takes::Nothing),
        ("lessopen", Takes::Nothing),
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: true,
};

pub fn bat(call: &Call) -> Judged {
    let program = call.program;
    let parsed = parse(program, call.args, &BAT)?;
    if let Some(pager) = parsed.value('\0', "pager") {
        return Ok(Verdict::update(format!("{program} --pager runs {pager}")));
    }
    if parsed.has('\0', "generate-config-file") {
        return Ok(Verdict::create(format!("{program} writes its config file")));
    }
    if parsed.operands.first().is_some_and(|w| w.text == "cache") {
        return Ok(Verdict::update(format!(
            "{program} cache rebuilds or clears its cache"
        )));
    }
    Ok(Verdict::read(format!("{program} shows files")))
}

const TREE: Spec = Spec {
    flags: "adlfxpsughDFqNQrtcUvCnASJXRi1",
    valued: "LPIoHT",
    attached: "",
    long: &[
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
        ("inodes", Takes::Nothing),
        ("device", Takes::Nothing),
        ("noreport", Takes::Nothing),
        ("nolinks", Takes::Nothing),
        ("dirsfirst", Takes::Nothing),
        ("filesfirst", Takes::Nothing),
        ("charset", Takes::Value),
        ("filelimit", Takes::Value),
        ("timefmt", Takes::Value),
        ("si", Takes::Nothing),
        ("du", Takes::Nothing),
        ("prune", Takes::Nothing),
        ("sort", Takes::Value),
        ("fromfile", Takes::Nothing),
        ("fromtabfile", Takes::Nothing),
        ("gitignore", Takes::Nothing),
        ("gitfile", Takes::Value),
        ("matchdirs", Takes::Nothing),
        ("metafirst", Takes::Nothing),
        ("ignore-case", Takes::Nothing),
        ("info", Takes::Nothing),
        ("infofile", Takes::Value),
        ("hyperlink", Takes::Nothing),
        ("scheme", Takes::Value),
        ("authority", Takes::Value),
        ("opt-toggle", Takes::Nothing),
        ("condense", Takes::Nothing),
        ("hintro", Takes::Value),
        ("houtro", Takes::Value),
        ("fflinks", Takes::Nothing),
        ("noindent", Takes::Nothing),
    ],
    negations: false,
};

pub fn tree(call: &Call) -> Judged {
    let parsed = parse("tree", call.args, &TREE)?;
    if let Some(output) = parsed.value('o', "") {
        if !is_harmless_output(output) {
            return Ok(Verdict::create(format!("tree -o writes {output}")));
        }
    }
    if parsed.has('R', "") {
        return Ok(Verdict::create("tree -R writes 00Tree.html files"));
    }
    Ok(Verdict::read("tree lists files"))
}

/// file's only writing option is `-C`; like the plain readers it may take expansions and globs
/// (a planted file named `-C` could only compile a magic file).
pub fn file(call: &Call) -> Judged {
    let compiles =
        call.args
            .iter()
            .take_while(|w| w.text != "--")
            .any(|w| match w.text.strip_prefix("--") {
                Some(long) => long.len() >= 3 && "compile".starts_with(long),
                None => w.text.strip_prefix('-').is_some_and(|cluster| {
                    cluster
                        .chars()
                        .take_while(|c| !"efFmPM".contains(*c))
                        .any(|c| c == 'C')
                }),
            });
    Ok(if compiles {
        Verdict::create("file -C compiles a magic file next to it")
    } else {
        Verdict::read("file names file types")
    })
}

pub fn stty(call: &Call) -> Judged {
    let args = call.args;
    let mut at = 0;
    while let Some(word) = args.get(at) {
        at += 1;
        match word.text.as_str() {
            "-a" | "--all" | "-g" | "--save" | "size" | "speed" | "-e" => {}
            "-F" | "--file" | "-f" => at += 1,
            text if text.starts_with("--file=") => {}
            _ => return Ok(Verdict::update("stty changes terminal settings")),
        }
    }
    Ok(Verdict::read("stty prints terminal settings"))
}

pub fn tput(call: &Call) -> Judged {
    let changes = call
        .args
        .iter()
        .any(|w| w.dynamic || matches!(w.text.as_str(), "init" | "reset" | "-S"));
    Ok(if changes {
        Verdict::update("tput resets the terminal or reads commands")
    } else {
        Verdict::read("tput prints terminal capabilities")
    })
}
