//! Program rules for files and text: readers, searchers, filters, archivers, and the programs
//! that create, change or remove files.

mod archive;
mod awk;
mod find;
mod options;
mod search;
mod sed;
mod tar;
mod text;
mod view;

use super::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, operands, Word};
use options::{cannot_see, is_opaque, names, Judged};

/// Programs that have no option that writes, deletes or runs anything: READ whatever their
/// arguments, expansions included.
#[rustfmt::skip]
const READERS: &[&str] = &[
    "ls", "dir", "vdir", "cat", "tac", "head", "tail", "wc", "cut", "tr", "paste", "join", "comm",
    "cmp", "diff", "colordiff", "grep", "egrep", "fgrep", "du", "df", "stat", "realpath",
    "readlink", "dirname", "basename", "md5sum", "sha1sum", "sha224sum", "sha256sum", "sha384sum",
    "sha512sum", "b2sum", "cksum", "sum", "shasum", "md5", "od", "hexdump", "strings", "nl", "rev",
    "column", "fold", "fmt", "expand", "unexpand", "seq", "yes", "sleep", "printenv", "which",
    "whereis", "locate", "mlocate", "plocate", "jq", "gojq", "bc", "expr", "factor", "numfmt",
    "getconf", "nproc", "tty", "clear", "zipinfo", "pr", "zgrep", "zegrep", "zfgrep", "bzgrep",
    "xzgrep", "zstdgrep", "zdiff", "zcmp",
];

fn is_reader(program: &str) -> bool {
    READERS.contains(&program)
}

#[rustfmt::skip]
const EDITORS: &[&str] = &[
    "vim", "vi", "nvim", "view", "vimdiff", "gvim", "ex", "ed", "nano", "pico", "emacs",
    "emacsclient", "micro", "hx", "kak", "code", "codium", "cursor", "subl", "gedit", "kate",
    "open", "xdg-open",
];

fn is_editor(program: &str) -> bool {
    EDITORS.contains(&program)
}

/// GNU tools as Homebrew installs them on macOS (`gsed`, `gfind`), named without the `g`.
/// Only names where no other common program has the `g…` name (so not `du`: gdu deletes).
#[rustfmt::skip]
const GNU_PREFIXED: &[&str] = &[
    "sed", "find", "grep", "egrep", "fgrep", "sort", "ls", "cat", "head", "tail", "wc", "cut",
    "tr", "df", "stat", "realpath", "readlink", "touch", "cp", "mv", "rm", "mkdir", "ln", "chmod",
    "chown", "chgrp", "tee", "uniq", "split", "csplit", "dd", "base64", "base32", "md5sum",
    "sha1sum", "sha256sum", "sha512sum", "b2sum", "tac", "seq", "truncate", "shred", "mktemp",
    "nl", "fmt", "fold", "expand", "unexpand", "paste", "join", "comm", "cksum", "unlink", "rmdir",
    "dirname", "basename", "numfmt", "factor", "tar", "patch", "install",
];

fn is_gnu_tool(name: &str) -> bool {
    GNU_PREFIXED.contains(&name)
}

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = match call.program {
        "ack-grep" => "ack",
        name => name
            .strip_prefix('g')
            .filter(|rest| is_gnu_tool(rest))
            .unwrap_or(name),
    };
    let call = &Call {
        program,
        args: call.args,
        stdin: call.stdin,
        depth: call.depth,
    };
    if is_reader(program) {
        return Some(Verdict::read(format!("{program} only reads and prints")));
    }
    let judged: Judged = match program {
        "sed" => sed::judge(call),
        "awk" | "gawk" | "mawk" | "nawk" => awk::judge(call),
        "find" => find::find(call),
        "fd" | "fdfind" => find::fd(call),
        "rg" => search::rg(call),
        "ag" | "ack" => search::ag_ack(call),
        "sort" => text::sort(call),
        "uniq" => text::uniq(call),
        "tee" => text::tee(call),
        "xxd" => text::xxd(call),
        "dd" => text::dd(call),
        "iconv" => text::iconv(call),
        "base64" | "base32" => text::base64(call),
        "yq" => text::yq(call),
        "sdiff" | "diff3" => text::sdiff_diff3(call),
        "dc" => text::dc(call),
        "split" | "csplit" => text::split(call),
        "less" | "more" | "most" | "zless" | "zmore" | "bzless" | "bzmore" | "xzless"
        | "xzmore" | "zstdless" => view::pager(call),
        "bat" | "batcat" => view::bat(call),
        "tree" => view::tree(call),
        "file" => view::file(call),
        "stty" => view::stty(call),
        "tput" => view::tput(call),
        "tar" | "bsdtar" | "gtar" => tar::tar(call),
        "zip" => archive::zip(call),
        "unzip" => archive::unzip(call),
        "7z" | "7za" | "7zr" | "7zz" => archive::seven_zip(call),
        "gzip" | "gunzip" | "zcat" | "gzcat" | "bzip2" | "bunzip2" | "bzcat" | "xz" | "unxz"
        | "xzcat" | "lzma" | "unlzma" | "lzcat" | "zstd" | "unzstd" | "zstdcat" | "zstdmt" => {
            archive::compressor(call)
        }
        _ => return writer(call),
    };
    Some(judged.unwrap_or_else(|refusal| refusal))
}

/// `--help` or `--version` alone only print.
fn only_asks_for_help(args: &[Word]) -> bool {
    !args.is_empty()
        && args
            .iter()
            .all(|w| !w.dynamic && matches!(w.text.as_str(), "--help" | "--version"))
}

/// Options of the writing programs that take a value, so the value is not named as a target.
fn valued_options(program: &str) -> &'static [&'static str] {
    match program {
        "cp" | "mv" | "ln" | "install" => &[
            "-t",
            "-S",
            "-m",
            "-o",
            "-g",
            "--target-directory",
            "--suffix",
            "--mode",
            "--owner",
            "--group",
        ],
        "touch" => &["-d", "-t", "-r", "--date", "--reference"],
        "mkdir" => &["-m", "--mode"],
        "truncate" => &["-s", "-r", "--size", "--reference"],
        "shred" => &["-n", "-s", "--iterations", "--size", "--random-source"],
        _ => &[],
    }
}

/// The files a writing program acts on, for its reason: operands without option values, and
/// without the mode or owner that chmod, chown and chgrp take first.
fn targets<'a>(program: &str, args: &'a [Word]) -> Vec<&'a Word> {
    let valued = valued_options(program);
    let mut found: Vec<&Word> = Vec::new();
    let mut options_end = false;
    let mut skip_next = false;
    for word in args {
        if skip_next {
            skip_next = false;
        } else if options_end || !word.is_option() {
            if word.text == "--" && !options_end {
                options_end = true;
            } else {
                found.push(word);
            }
        } else {
            skip_next = valued.contains(&word.text.as_str());
        }
    }
    let takes_setting = matches!(program, "chmod" | "chown" | "chgrp")
        && !args.iter().any(|w| w.text.starts_with("--reference"));
    found.split_off(usize::from(takes_setting).min(found.len()))
}

/// "a b to c" for programs that copy or move sources to a destination.
fn sources_to_destination(targets: &[&Word]) -> String {
    match targets.split_last() {
        Some((destination, sources)) if !sources.is_empty() => {
            format!("{} to {}", names(sources.iter().copied()), destination.text)
        }
        _ => names(targets.iter().copied()),
    }
}

/// Programs whose purpose is to create, change or remove files.
fn writer(call: &Call) -> Option<Verdict> {
    let program = call.program;
    let args = call.args;
    let files = targets(program, args);
    let targets = || names(files.iter().copied());
    let known = matches!(
        program,
        "cp" | "mv"
            | "rm"
            | "rmdir"
            | "unlink"
            | "shred"
            | "mkdir"
            | "touch"
            | "ln"
            | "mktemp"
            | "chmod"
            | "chown"
            | "chgrp"
            | "truncate"
            | "install"
            | "patch"
            | "dos2unix"
            | "unix2dos"
            | "sponge"
    ) || is_editor(program);
    if !known {
        return None;
    }
    if only_asks_for_help(args) {
        return Some(Verdict::read(format!(
            "{program} prints its help or version"
        )));
    }
    let verdict = match program {
        "cp" => Verdict::create(format!("cp copies {}", sources_to_destination(&files))),
        "mv" => Verdict::update(format!("mv moves {}", sources_to_destination(&files))),
        "rm" | "rmdir" | "unlink" => Verdict::delete(format!("{program} removes {}", targets())),
        "shred" if has_flag(args, 'u', "--remove") => {
            Verdict::delete(format!("shred -u destroys and removes {}", targets()))
        }
        "shred" => Verdict::update(format!("shred overwrites {}", targets())),
        "touch" if has_flag(args, 'c', "--no-create") => {
            Verdict::update(format!("touch -c updates the times of {}", targets()))
        }
        "ln" => Verdict::create(format!(
            "ln creates the link {}",
            files.last().map_or("", |w| w.text.as_str())
        )),
        "mkdir" | "touch" => Verdict::create(format!("{program} creates {}", targets())),
        "mktemp" if has_flag(args, 'u', "--dry-run") => {
            Verdict::read("mktemp -u only prints a name")
        }
        "mktemp" => Verdict::create("mktemp creates a temporary file"),
        "patch" => patch(args),
        "dos2unix" | "unix2dos" => line_endings(program, args),
        "sponge" if operands(args).is_empty() => Verdict::read("sponge copies stdin to stdout"),
        "sponge" => Verdict::update(format!("sponge writes {}", targets())),
        _ if is_editor(program) => {
            Verdict::update(format!("{program} opens {} for editing", targets()))
        }
        _ => Verdict::update(format!("{program} changes {}", targets())),
    };
    Some(verdict)
}

fn patch(args: &[Word]) -> Verdict {
    if let Some(word) = args.iter().find(|w| is_opaque(w)) {
        return cannot_see(word);
    }
    if args
        .iter()
        .any(|w| matches!(w.text.as_str(), "--dry-run" | "--check" | "-C"))
    {
        return Verdict::read("patch --dry-run only reports what it would change");
    }
    Verdict::update("patch changes the files the patch names")
}

fn line_endings(program: &str, args: &[Word]) -> Verdict {
    if let Some(word) = args.iter().find(|w| is_opaque(w)) {
        return cannot_see(word);
    }
    if has_flag(args, 'i', "--info") {
        return Verdict::read(format!("{program} -i only reports line endings"));
    }
    let files = operands(args);
    if files.is_empty() {
        return Verdict::read(format!("{program} converts stdin to stdout"));
    }
    if has_flag(args, 'n', "--newfile") {
        return Verdict::create(format!("{program} -n writes converted copies"));
    }
    Verdict::update(format!("{program} converts {} in place", names(files)))
}

#[cfg(test)]
mod tests;
