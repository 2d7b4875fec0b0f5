//! Archivers and compressors: zip, unzip, 7z, gzip, bzip2, xz, zstd and their
//! decompressing and `cat` forms. Listing, testing and writing to stdout are READ; everything
//! else writes, and options that run programs make them UPDATE.

use super::options::{cannot_see, is_opaque, names, parse, unknown_option, Judged, Spec, Takes};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::{texts, Word};

/// zip: every option that changes an existing archive or removes the originals.
pub fn zip(call: &Call) -> Judged {
    let args = call.args;
    if let Some(word) = args.iter().find(|w| is_opaque(w)) {
        return Err(cannot_see(word));
    }
    let archive = args
        .iter()
        .find(|w| !w.starts_with("-"))
        .map_or("an archive", |w| w.text.as_str());
    let mut verdicts = vec![Verdict::create(format!("zip writes {archive}"))];
    for word in args.iter().filter(|w| w.starts_with("-")) {
        let text = word.text.as_str();
        let verdict = match text {
            "--delete" | "--move" | "-FS" | "--filesync" => {
                Verdict::delete(format!("zip {text} removes files or entries"))
            }
            "-TT" | "--unzip-command" => Verdict::update("zip -TT runs a test command"),
            "-db" | "-dc" | "-dd" | "-dg" | "-ds" | "-du" | "-dv" | "-sf" | "-sc" | "-so"
            | "-su" | "-sU" | "-sv" | "-lf" | "-la" | "-li" | "-MM" | "-nw" | "-ws" | "-ll" => {
                continue
            }
            _ if text.starts_with("--") => match text {
                "--update" | "--freshen" | "--grow" | "--fix" | "--fixfix" | "--adjust-sfx"
                | "--junk-sfx" | "--latest-time" | "--archive-comment" | "--entry-comments" => {
                    Verdict::update(format!("zip {text} changes {archive}"))
                }
                "--recurse-paths"
                | "--quiet"
                | "--verbose"
                | "--junk-paths"
                | "--exclude"
                | "--include"
                | "--symlinks"
                | "--test"
                | "--out"
                | "--no-extra"
                | "--password"
                | "--encrypt"
                | "--help"
                | "--version"
                | "--compression-method"
                | "--temp-path"
                | "--names-stdin"
                | "--must-match"
                | "--no-dir-entries" => continue,
                _ => unknown_option("zip", text),
            },
            _ if text.contains(['d', 'm']) => {
                Verdict::delete(format!("zip {text} removes files or entries"))
            }
            _ if text.contains(['u', 'f', 'g', 'F', 'A', 'J', 'o', 'z', 'c']) => {
                Verdict::update(format!("zip {text} changes {archive}"))
            }
            _ => continue,
        };
        verdicts.push(verdict);
    }
    Ok(Verdict::max_of(verdicts))
}

/// unzip: `-l -t -v -p -c -z -Z` only list, test or print.
pub fn unzip(call: &Call) -> Judged {
    let args = call.args;
    if let Some(word) = args.iter().find(|w| is_opaque(w)) {
        return Err(cannot_see(word));
    }
    if args.first().is_some_and(|w| w.text.starts_with("-Z")) {
        return Ok(Verdict::read("unzip -Z lists the archive"));
    }
    let mut reads = false;
    let mut at = 0;
    while let Some(word) = args.get(at) {
        at += 1;
        let Some(cluster) = word.text.strip_prefix('-') else {
            continue;
        };
        if cluster == "x" {
            // Exclusion patterns follow until the next option.
            while args.get(at).is_some_and(|w| !w.text.starts_with('-')) {
                at += 1;
            }
            continue;
        }
        for (index, letter) in cluster.char_indices() {
            match letter {
                'l' | 't' | 'v' | 'p' | 'c' | 'z' => reads = true,
                'd' | 'P' | 'O' | 'I' => {
                    at += usize::from(index + 1 == cluster.len());
                    break;
                }
                'T' => return Ok(Verdict::update("unzip -T sets the archive's time")),
                'a' | 'b' | 'B' | 'C' | 'D' | 'f' | 'F' | 'j' | 'J' | 'K' | 'L' | 'M' | 'n'
                | 'N' | 'o' | 'q' | 's' | 'u' | 'U' | 'V' | 'W' | 'X' | 'Y' | '2' | '$' | ':'
                | '^' | 'h' | '-' => {}
                _ => return Err(unknown_option("unzip", &format!("-{letter}"))),
            }
        }
    }
    let archive = args
        .iter()
        .find(|w| !w.starts_with("-"))
        .map_or("the archive", |w| w.text.as_str());
    Ok(if reads {
        Verdict::read(format!("unzip lists or prints {archive}"))
    } else {
        Verdict::create(format!("unzip extracts {archive}"))
    })
}

/// 7z and its variants: the command letter decides.
pub fn seven_zip(call: &Call) -> Judged {
    let args = call.args;
    if let Some(word) = args.iter().find(|w| is_opaque(w)) {
        return Err(cannot_see(word));
    }
    let program = call.program;
    let command = args
        .iter()
        .find(|w| !w.starts_with("-"))
        .map(|w| w.text.to_ascii_lowercase());
    let switches: Vec<&str> = texts(args)
        .into_iter()
        .filter(|t| t.starts_with('-'))
        .collect();
    let to_stdout = switches.contains(&"-so");
    let archive = args
        .iter()
        .filter(|w| !w.starts_with("-"))
        .nth(1)
        .map_or("the archive", |w| w.text.as_str());
    let verdict = match command.as_deref() {
        Some("l" | "t" | "h" | "i" | "b") | None => {
            const SAFE: &[&str] = &[
                "-p", "-r", "-t", "-y", "-b", "-i", "-x", "-sc", "-slt", "-sn", "-sp", "-ss",
                "-so", "-si", "-an", "-ai", "-ax", "-ao", "-o", "-mmt", "-ba",
            ];
            match switches
                .iter()
                .find(|s| !SAFE.iter().any(|safe| s.starts_with(safe)))
            {
                Some(switch) => return Err(unknown_option(program, switch)),
                None => Verdict::read(format!("{program} lists or tests {archive}")),
            }
        }
        Some("x" | "e") if to_stdout => Verdict::read(format!("{program} prints {archive}")),
        Some("x" | "e") => Verdict::create(format!("{program} extracts {archive}")),
        Some("a") if switches.iter().any(|s| s.starts_with("-sdel")) => {
            Verdict::delete(format!("{program} a -sdel removes the files it archives"))
        }
        Some("a") => Verdict::create(format!("{program} writes {archive}")),
        Some("u" | "rn") => Verdict::update(format!("{program} changes {archive}")),
        Some("d") => Verdict::delete(format!("{program} d removes entries from {archive}")),
        Some(other) => Verdict::update(format!(
            "{program} {other} is a command the rules do not know"
        )),
    };
    Ok(verdict)
}

const GZIP: Spec = Spec {
    flags: "cdfhklLnNqrstvVz123456789",
    valued: "S",
    attached: "",
    long: &[
        ("stdout", Takes::Nothing),
        ("to-stdout", Takes::Nothing),
        ("decompress", Takes::Nothing),
        ("uncompress", Takes::Nothing),
        ("compress", Takes::Nothing),
        ("force", Takes::Nothing),
        ("help", Takes::Nothing),
        ("keep", Takes::Nothing),
        ("list", Takes::Nothing),
        ("license", Takes::Nothing),
        ("no-name", Takes::Nothing),
        ("name", Takes::Nothing),
        ("quiet", Takes::Nothing),
        ("recursive", Takes::Nothing),
        ("rsyncable", Takes::Nothing),
        ("synchronous", Takes::Nothing),
        ("test", Takes::Nothing),
        ("verbose", Takes::Nothing),
        ("version", Takes::Nothing),
        ("fast", Takes::Nothing),
        ("best", Takes::Nothing),
        ("suffix", Takes::Value),
        ("small", Takes::Nothing),
        ("repetitive-fast", Takes::Nothing),
        ("repetitive-best", Takes::Nothing),
    ],
    negations: false,
};

const XZ: Spec = Spec {
    flags: "zdtlkfcqvhHVe0123456789Q",
    valued: "TFCMS",
    attached: "",
    long: &[
        ("compress", Takes::Nothing),
        ("decompress", Takes::Nothing),
        ("uncompress", Takes::Nothing),
        ("test", Takes::Nothing),
        ("list", Takes::Nothing),
        ("keep", Takes::Nothing),
        ("force", Takes::Nothing),
        ("stdout", Takes::Nothing),
        ("to-stdout", Takes::Nothing),
        ("suffix", Takes::Value),
        ("files", Takes::Attached),
        ("files0", Takes::Attached),
        ("format", Takes::Value),
        ("check", Takes::Value),
        ("ignore-check", Takes::Nothing),
        ("threads", Takes::Value),
        ("memlimit", Takes::Value),
        ("memory", Takes::Value),
        ("memlimit-compress", Takes::Value),
        ("memlimit-decompress", Takes::Value),
        ("memlimit-mt-decompress", Takes::Value),
        ("no-adjust", Takes::Nothing),
        ("flush-timeout", Takes::Value),
        ("block-size", Takes::Value),
        ("block-list", Takes::Value),
        ("extreme", Takes::Nothing),
        ("fast", Takes::Nothing),
        ("best", Takes::Nothing),
        ("quiet", Takes::Nothing),
        ("verbose", Takes::Nothing),
        ("no-warn", Takes::Nothing),
        ("no-sparse", Takes::Nothing),
        ("single-stream", Takes::Nothing),
        ("robot", Takes::Nothing),
        ("info-memory", Takes::Nothing),
        ("help", Takes::Nothing),
        ("long-help", Takes::Nothing),
        ("version", Takes::Nothing),
        ("filters", Takes::Value),
        ("lzma1", Takes::Attached),
        ("lzma2", Takes::Attached),
        ("x86", Takes::Attached),
        ("arm", Takes::Attached),
        ("arm64", Takes::Attached),
        ("armthumb", Takes::Attached),
        ("powerpc", Takes::Attached),
        ("ia64", Takes::Attached),
        ("sparc", Takes::Attached),
        ("riscv", Takes::Attached),
        ("delta", Takes::Attached),
    ],
    negations: false,
};

const ZSTD: Spec = Spec {
    flags: "zdcfklqrtvVhHS0123456789",
    valued: "oD",
    attached: "TBMbei",
    long: &[
        ("compress", Takes::Nothing),
        ("decompress", Takes::Nothing),
        ("uncompress", Takes::Nothing),
        ("stdout", Takes::Nothing),
        ("keep", Takes::Nothing),
        ("rm", Takes::Nothing),
        ("force", Takes::Nothing),
        ("list", Takes::Nothing),
        ("test", Takes::Nothing),
        ("quiet", Takes::Nothing),
        ("verbose", Takes::Nothing),
        ("version", Takes::Nothing),
        ("help", Takes::Nothing),
        ("ultra", Takes::Nothing),
        ("long", Takes::Attached),
        ("fast", Takes::Attached),
        ("adapt", Takes::Attached),
        ("stream-size", Takes::Attached),
        ("size-hint", Takes::Attached),
        ("target-compressed-block-size", Takes::Attached),
        ("no-dictID", Takes::Nothing),
        ("check", Takes::Nothing),
        ("no-check", Takes::Nothing),
        ("sparse", Takes::Nothing),
        ("no-sparse", Takes::Nothing),
        ("content-size", Takes::Nothing),
        ("no-content-size", Takes::Nothing),
        ("progress", Takes::Nothing),
        ("no-progress", Takes::Nothing),
        ("exclude-compressed", Takes::Nothing),
        ("format", Takes::Attached),
        ("memory", Takes::Attached),
        ("memlimit", Takes::Attached),
        ("threads", Takes::Attached),
        ("single-thread", Takes::Nothing),
        ("auto-threads", Takes::Attached),
        ("rsyncable", Takes::Nothing),
        ("patch-from", Takes::Attached),
        ("pass-through", Takes::Nothing),
        ("no-pass-through", Takes::Nothing),
        ("filelist", Takes::Value),
        ("output-dir-flat", Takes::Value),
        ("output-dir-mirror", Takes::Value),
        ("trace", Takes::Value),
        ("train", Takes::Nothing),
    ],
    negations: false,
};

/// gzip, bzip2, xz, zstd and their `un…` and `…cat` forms.
pub fn compressor(call: &Call) -> Judged {
    let program = call.program;
    let (spec, keeps_by_default) = match program {
        "xz" | "unxz" | "xzcat" | "lzma" | "unlzma" | "lzcat" => (&XZ, false),
        "zstd" | "unzstd" | "zstdcat" | "zstdmt" => (&ZSTD, true),
        _ => (&GZIP, false),
    };
    let parsed = parse(program, call.args, spec)?;
    if let Some(file) = parsed.value('o', "") {
        if file != "-" {
            return Ok(Verdict::create(format!("{program} -o writes {file}")));
        }
    }
    for long in ["output-dir-flat", "output-dir-mirror", "trace"] {
        if let Some(path) = parsed.value('\0', long) {
            return Ok(Verdict::create(format!(
                "{program} --{long} writes to {path}"
            )));
        }
    }
    if parsed.has('\0', "train") {
        return Ok(Verdict::create(format!(
            "{program} --train writes a dictionary"
        )));
    }
    let to_stdout = program.ends_with("cat")
        || parsed.has('c', "stdout")
        || parsed.has('\0', "to-stdout")
        || parsed.has('l', "list")
        || parsed.has('t', "test")
        || parsed.has('b', "");
    let informational = ["help", "version", "license", "long-help", "info-memory"];
    if to_stdout || parsed.has('h', "help") || informational.iter().any(|l| parsed.has('\0', l)) {
        return Ok(Verdict::read(format!("{program} writes to stdout only")));
    }
    let files: Vec<&Word> = parsed
        .operands
        .iter()
        .filter(|w| w.text != "-")
        .copied()
        .collect();
    let file_list =
        parsed.has('\0', "files") || parsed.has('\0', "files0") || parsed.has('\0', "filelist");
    if files.is_empty() && !file_list {
        return Ok(Verdict::read(format!("{program} filters stdin to stdout")));
    }
    let decompresses = program.starts_with("un")
        || program.starts_with("gun")
        || program.starts_with("bun")
        || parsed.has('d', "decompress")
        || parsed.has('\0', "uncompress");
    let action = if decompresses {
        "decompresses"
    } else {
        "compresses"
    };
    let keeps = (keeps_by_default && !parsed.has('\0', "rm")) || parsed.has('k', "keep");
    Ok(if keeps {
        Verdict::create(format!(
            "{program} {action} {} into new files",
            names(files)
        ))
    } else {
        Verdict::update(format!("{program} {action} {} in place", names(files)))
    })
}
