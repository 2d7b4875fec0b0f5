//! tar (GNU and BSD): the mode decides (list and compare are READ), and options that run
//! programs, read options from files or reach remote archives raise it.

use super::options::{parse, Judged, Spec, Takes};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

const TAR: Spec = Spec {
    flags: "AcdrtuxjzJZakmMOpPhvwWsSUBGilnoRyq",
    valued: "fCTXbgHIKLNVF",
    attached: "",
    long: &[
        // Modes.
        ("catenate", Takes::Nothing),
        ("concatenate", Takes::Nothing),
        ("create", Takes::Nothing),
        ("delete", Takes::Nothing),
        ("diff", Takes::Nothing),
        ("compare", Takes::Nothing),
        ("append", Takes::Nothing),
        ("list", Takes::Nothing),
        ("test-label", Takes::Nothing),
        ("update", Takes::Nothing),
        ("extract", Takes::Nothing),
        ("get", Takes::Nothing),
        // Options that run programs or write other files.
        ("use-compress-program", Takes::Value),
        ("to-command", Takes::Value),
        ("checkpoint-action", Takes::Value),
        ("rsh-command", Takes::Value),
        ("rmt-command", Takes::Value),
        ("info-script", Takes::Value),
        ("new-volume-script", Takes::Value),
        ("volno-file", Takes::Value),
        ("index-file", Takes::Value),
        ("listed-incremental", Takes::Value),
        ("remove-files", Takes::Nothing),
        ("recursive-unlink", Takes::Nothing),
        ("unlink-first", Takes::Nothing),
        ("overwrite", Takes::Nothing),
        ("to-stdout", Takes::Nothing),
        // Options with a value.
        ("file", Takes::Value),
        ("directory", Takes::Value),
        ("files-from", Takes::Value),
        ("exclude-from", Takes::Value),
        ("exclude", Takes::Value),
        ("include", Takes::Value),
        ("blocking-factor", Takes::Value),
        ("record-size", Takes::Value),
        ("format", Takes::Value),
        ("label", Takes::Value),
        ("newer", Takes::Value),
        ("after-date", Takes::Value),
        ("newer-mtime", Takes::Value),
        ("newer-than", Takes::Value),
        ("newer-mtime-than", Takes::Value),
        ("older", Takes::Value),
        ("older-mtime", Takes::Value),
        ("older-than", Takes::Value),
        ("older-mtime-than", Takes::Value),
        ("starting-file", Takes::Value),
        ("owner", Takes::Value),
        ("group", Takes::Value),
        ("owner-map", Takes::Value),
        ("group-map", Takes::Value),
        ("uid", Takes::Value),
        ("gid", Takes::Value),
        ("uname", Takes::Value),
        ("gname", Takes::Value),
        ("mode", Takes::Value),
        ("mtime", Takes::Value),
        ("sort", Takes::Value),
        ("transform", Takes::Value),
        ("xform", Takes::Value),
        ("strip-components", Takes::Value),
        ("suffix", Takes::Value),
        ("tape-length", Takes::Value),
        ("occurrence", Takes::Attached),
        ("pax-option", Takes::Value),
        ("quoting-style", Takes::Value),
        ("quote-chars", Takes::Value),
        ("no-quote-chars", Takes::Value),
        ("backup", Takes::Attached),
        ("hole-detection", Takes::Value),
        ("sparse-version", Takes::Value),
        ("level", Takes::Value),
        ("exclude-tag", Takes::Value),
        ("exclude-tag-under", Takes::Value),
        ("exclude-tag-all", Takes::Value),
        ("xattrs-include", Takes::Value),
        ("xattrs-exclude", Takes::Value),
        ("warning", Takes::Value),
        ("one-top-level", Takes::Attached),
        ("checkpoint", Takes::Attached),
        ("atime-preserve", Takes::Attached),
        ("totals", Takes::Attached),
        ("options", Takes::Value),
        ("passphrase", Takes::Value),
        // Flags.
        ("absolute-names", Takes::Nothing),
        ("acls", Takes::Nothing),
        ("no-acls", Takes::Nothing),
        ("anchored", Takes::Nothing),
        ("no-anchored", Takes::Nothing),
        ("auto-compress", Takes::Nothing),
        ("no-auto-compress", Takes::Nothing),
        ("block-number", Takes::Nothing),
        ("bzip2", Takes::Nothing),
        ("check-device", Takes::Nothing),
        ("no-check-device", Takes::Nothing),
        ("check-links", Takes::Nothing),
        ("clamp-mtime", Takes::Nothing),
        ("delay-directory-restore", Takes::Nothing),
        ("no-delay-directory-restore", Takes::Nothing),
        ("dereference", Takes::Nothing),
        ("exclude-backups", Takes::Nothing),
        ("exclude-caches", Takes::Nothing),
        ("exclude-caches-all", Takes::Nothing),
        ("exclude-caches-under", Takes::Nothing),
        ("exclude-vcs", Takes::Nothing),
        ("exclude-vcs-ignores", Takes::Nothing),
        ("fast-read", Takes::Nothing),
        ("force-local", Takes::Nothing),
        ("full-time", Takes::Nothing),
        ("gzip", Takes::Nothing),
        ("gunzip", Takes::Nothing),
        ("ungzip", Takes::Nothing),
        ("hard-dereference", Takes::Nothing),
        ("help", Takes::Nothing),
        ("ignore-case", Takes::Nothing),
        ("no-ignore-case", Takes::Nothing),
        ("ignore-command-error", Takes::Nothing),
        ("no-ignore-command-error", Takes::Nothing),
        ("ignore-failed-read", Takes::Nothing),
        ("ignore-zeros", Takes::Nothing),
        ("incremental", Takes::Nothing),
        ("insecure", Takes::Nothing),
        ("interactive", Takes::Nothing),
        ("confirmation", Takes::Nothing),
        ("keep-directory-symlink", Takes::Nothing),
        ("keep-newer-files", Takes::Nothing),
        ("keep-old-files", Takes::Nothing),
        ("skip-old-files", Takes::Nothing),
        ("lz4", Takes::Nothing),
        ("lzip", Takes::Nothing),
        ("lzma", Takes::Nothing),
        ("lzop", Takes::Nothing),
        ("xz", Takes::Nothing),
        ("zstd", Takes::Nothing),
        ("compress", Takes::Nothing),
        ("uncompress", Takes::Nothing),
        ("multi-volume", Takes::Nothing),
        ("null", Takes::Nothing),
        ("no-null", Takes::Nothing),
        ("no-overwrite-dir", Takes::Nothing),
        ("overwrite-dir", Takes::Nothing),
        ("recursion", Takes::Nothing),
        ("no-recursion", Takes::Nothing),
        ("same-owner", Takes::Nothing),
        ("no-same-owner", Takes::Nothing),
        ("same-permissions", Takes::Nothing),
        ("no-same-permissions", Takes::Nothing),
        ("preserve-permissions", Takes::Nothing),
        ("preserve-order", Takes::Nothing),
        ("same-order", Takes::Nothing),
        ("seek", Takes::Nothing),
        ("no-seek", Takes::Nothing),
        ("unquote", Takes::Nothing),
        ("no-unquote", Takes::Nothing),
        ("wildcards", Takes::Nothing),
        ("no-wildcards", Takes::Nothing),
        ("wildcards-match-slash", Takes::Nothing),
        ("no-wildcards-match-slash", Takes::Nothing),
        ("numeric-owner", Takes::Nothing),
        ("old-archive", Takes::Nothing),
        ("portability", Takes::Nothing),
        ("one-file-system", Takes::Nothing),
        ("posix", Takes::Nothing),
        ("read-full-records", Takes::Nothing),
        ("show-defaults", Takes::Nothing),
        ("show-omitted-dirs", Takes::Nothing),
        ("show-stored-names", Takes::Nothing),
        ("show-transformed-names", Takes::Nothing),
        ("sparse", Takes::Nothing),
        ("xattrs", Takes::Nothing),
        ("no-xattrs", Takes::Nothing),
        ("selinux", Takes::Nothing),
        ("no-selinux", Takes::Nothing),
        ("touch", Takes::Nothing),
        ("usage", Takes::Nothing),
        ("utc", Takes::Nothing),
        ("verbatim-files-from", Takes::Nothing),
        ("no-verbatim-files-from", Takes::Nothing),
        ("verbose", Takes::Nothing),
        ("verify", Takes::Nothing),
        ("version", Takes::Nothing),
        ("v7", Takes::Nothing),
        ("restrict", Takes::Nothing),
        ("mac-metadata", Takes::Nothing),
        ("no-mac-metadata", Takes::Nothing),
        ("fflags", Takes::Nothing),
        ("no-fflags", Takes::Nothing),
        ("nodump", Takes::Nothing),
        ("safe-writes", Takes::Nothing),
        ("no-safe-writes", Takes::Nothing),
    ],
    negations: false,
};

/// `tar xvf a.tar`: an old-style first word is a cluster of letters whose values follow it in
/// order.
fn expand_old_style(args: &[Word]) -> Option<Vec<Word>> {
    let (first, rest) = args.split_first()?;
    let letters = first.text.as_str();
    if first.dynamic
        || letters.is_empty()
        || letters.starts_with('-')
        || !letters.chars().all(|c| c.is_ascii_alphanumeric())
    {
        return None;
    }
    let mut expanded = Vec::with_capacity(args.len() + letters.len());
    let mut values = rest.iter();
    for letter in letters.chars() {
        expanded.push(Word::literal(format!("-{letter}")));
        if TAR.valued.contains(letter) {
            expanded.extend(values.next().cloned());
        }
    }
    expanded.extend(values.cloned());
    Some(expanded)
}

pub fn tar(call: &Call) -> Judged {
    let expanded = expand_old_style(call.args);
    let parsed = parse("tar", expanded.as_deref().unwrap_or(call.args), &TAR)?;
    let archive = parsed.value('f', "file").unwrap_or("the default archive");
    let mut verdicts = Vec::new();
    let runs = [
        ('I', "use-compress-program"),
        ('F', "info-script"),
        ('\0', "new-volume-script"),
        ('\0', "to-command"),
        ('\0', "checkpoint-action"),
        ('\0', "rsh-command"),
        ('\0', "rmt-command"),
    ];
    for (short, long) in runs {
        if parsed.has(short, long) {
            verdicts.push(Verdict::update(format!(
                "tar --{long} runs {}",
                parsed.value(short, long).unwrap_or("a program")
            )));
        }
    }
    // GNU tar reads options, not only names, from a file list.
    if let Some(list) = parsed.value('T', "files-from") {
        if !parsed.has('\0', "verbatim-files-from") {
            verdicts.push(Verdict::update(format!(
                "tar -T may read options such as --to-command from {list}"
            )));
        }
    }
    if parsed.has('g', "listed-incremental") || parsed.has('\0', "volno-file") {
        verdicts.push(Verdict::update("tar updates its snapshot or volume file"));
    }
    if let Some(index) = parsed.value('\0', "index-file") {
        verdicts.push(Verdict::create(format!(
            "tar writes its listing to {index}"
        )));
    }
    if parsed.has('\0', "remove-files") {
        verdicts.push(Verdict::delete(
            "tar --remove-files removes the archived files",
        ));
    }
    let remote = archive
        .split_once(':')
        .is_some_and(|(host, _)| !host.is_empty() && !host.contains('/'));
    if remote && !parsed.has('\0', "force-local") {
        verdicts.push(
            Verdict::update(format!(
                "tar reaches the remote archive {archive} through rsh"
            ))
            .net(),
        );
    }
    let to_stdout = parsed.has('O', "to-stdout");
    let mut modes = Vec::new();
    if parsed.has('t', "list") || parsed.has('d', "diff") || parsed.has('d', "compare") {
        modes.push(Verdict::read(format!("tar lists {archive}")));
    }
    if parsed.has('\0', "test-label") {
        modes.push(Verdict::read(format!("tar reads the label of {archive}")));
    }
    if parsed.has('c', "create") {
        modes.push(if archive == "-" || archive == "/dev/stdout" {
            Verdict::read("tar -c writes the archive to stdout")
        } else {
            Verdict::create(format!("tar -c writes {archive}"))
        });
    }
    if parsed.has('r', "append")
        || parsed.has('u', "update")
        || parsed.has('A', "catenate")
        || parsed.has('\0', "concatenate")
    {
        modes.push(Verdict::update(format!("tar adds to {archive}")));
    }
    if parsed.has('x', "extract") || parsed.has('\0', "get") {
        modes.push(if to_stdout {
            Verdict::read(format!("tar -xO prints the files in {archive}"))
        } else if parsed.has('\0', "recursive-unlink") {
            Verdict::delete("tar --recursive-unlink removes directories before extracting")
        } else if parsed.has('U', "unlink-first") || parsed.has('\0', "overwrite") {
            Verdict::update(format!("tar extracts {archive} over existing files"))
        } else {
            Verdict::create(format!("tar -x extracts {archive}"))
        });
    }
    if parsed.has('\0', "delete") {
        modes.push(Verdict::delete(format!(
            "tar --delete removes members from {archive}"
        )));
    }
    if modes.is_empty() {
        let informational = ["help", "version", "usage", "show-defaults"];
        modes.push(if informational.iter().any(|l| parsed.has('\0', l)) {
            Verdict::read("tar prints information")
        } else {
            Verdict::update("tar without a mode the rules recognise")
        });
    }
    verdicts.extend(modes);
    Ok(Verdict::max_of(verdicts))
}
