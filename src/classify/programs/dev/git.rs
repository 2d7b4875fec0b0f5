//! git: the table of subcommands, and the options that make a reading subcommand write files
//! or run programs.

use super::common::{has_any, operands_skipping};
use super::git_options::{
    abbreviates, global_options, has_abbreviation, unknown_long_option, without_values,
};
use super::git_subcommands as sub;
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::{first_operand, has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    (call.program == "git").then(|| git(call))
}

fn git(call: &Call) -> Verdict {
    let (index, globals) = match global_options(call.args) {
        Ok(found) => found,
        Err(verdict) => return verdict,
    };
    let Some(subcommand) = call.args.get(index) else {
        return Verdict::read("git with no subcommand prints help").max(globals);
    };
    judge_subcommand(call, subcommand, &call.args[index + 1..]).max(globals)
}

/// Subcommands that only read the repository and print.
const READING: &[&str] = &[
    "status",
    "log",
    "show",
    "diff",
    "diff-tree",
    "diff-index",
    "diff-files",
    "diff-pairs",
    "shortlog",
    "blame",
    "annotate",
    "grep",
    "ls-files",
    "ls-tree",
    "cat-file",
    "rev-parse",
    "rev-list",
    "describe",
    "name-rev",
    "merge-base",
    "show-ref",
    "show-branch",
    "for-each-ref",
    "check-ignore",
    "check-attr",
    "check-ref-format",
    "check-mailmap",
    "count-objects",
    "verify-commit",
    "verify-tag",
    "verify-pack",
    "whatchanged",
    "range-diff",
    "cherry",
    "version",
    "var",
    "column",
    "stripspace",
    "get-tar-commit-id",
    "patch-id",
    "show-index",
    "fmt-merge-msg",
];

fn judge_subcommand(call: &Call, subcommand: &Word, rest: &[Word]) -> Verdict {
    if subcommand.dynamic {
        return Verdict::update("the git subcommand is only known when the shell runs");
    }
    let name = subcommand.text.as_str();
    if rest.first().is_some_and(|w| w.is("--help")) {
        return Verdict::read(format!("git {name} --help shows the manual"));
    }
    let dry_run = has_flag(rest, 'n', "--dry-run");
    let verdict = match name {
        _ if READING.contains(&name) => Verdict::read(format!("git {name} only reads")),
        "help" if has_flag(rest, 'w', "") || has_abbreviation(rest, "--web", 4) => {
            Verdict::update("git help --web opens a browser")
        }
        "help" => Verdict::read("git help shows the manual"),
        "fsck" | "fsck-objects" if has_abbreviation(rest, "--lost-found", 5) => {
            Verdict::create("git fsck --lost-found writes dangling objects to .git/lost-found")
        }
        "fsck" | "fsck-objects" => Verdict::read("git fsck only checks the repository"),
        "hash-object" if has_flag(rest, 'w', "") => {
            Verdict::update("git hash-object -w writes objects")
        }
        "hash-object" => Verdict::read("git hash-object prints object ids"),
        "interpret-trailers" if has_abbreviation(rest, "--in-place", 4) => {
            Verdict::update("git interpret-trailers --in-place edits the file")
        }
        "interpret-trailers" => Verdict::read("git interpret-trailers prints"),
        "merge-file" if has_flag(rest, 'p', "--stdout") => {
            Verdict::read("git merge-file -p prints the merge")
        }
        "ls-remote" | "request-pull"
            if has_abbreviation(rest, "--upload-pack", 3)
                || has_abbreviation(rest, "--exec", 3) =>
        {
            Verdict::update(format!("git {name} --upload-pack runs another program")).net()
        }
        "ls-remote" | "request-pull" => Verdict::read(format!("git {name} queries a remote")).net(),
        "fast-export" if has_abbreviation(rest, "--export-marks", 5) => {
            Verdict::create("git fast-export --export-marks writes a marks file")
        }
        "fast-export" => Verdict::read("git fast-export prints history"),
        "archive" => archive(rest),
        "format-patch"
            if has_any(rest, &["--stdout"])
                && !rest
                    .iter()
                    .any(|w| w.starts_with("-o") || w.starts_with("--o")) =>
        {
            Verdict::read("git format-patch --stdout prints patches")
        }
        "format-patch" => Verdict::create("git format-patch writes patch files"),
        "bundle" => match first_operand(rest).map(|w| w.text.as_str()) {
            Some("verify" | "list-heads") => Verdict::read("git bundle verify only reads"),
            Some("create") => Verdict::create("git bundle create writes a bundle file"),
            _ => Verdict::update("git bundle unbundle writes objects"),
        },
        "reflog" => match first_operand(rest).map(|w| w.text.as_str()) {
            Some(action @ ("expire" | "delete" | "drop")) => {
                Verdict::delete(format!("git reflog {action} deletes reflog entries"))
            }
            Some("write") => Verdict::update("git reflog write adds a reflog entry"),
            _ => Verdict::read("git reflog shows the reflog"),
        },
        "config" => sub::config(rest),
        "remote" => sub::remote(rest),
        "branch" => sub::branch(rest),
        "tag" => sub::tag(rest),
        "stash" => sub::stash(rest),
        "worktree" => sub::worktree(rest),
        "notes" => sub::notes(rest),
        "submodule" => sub::submodule(call, rest),
        "symbolic-ref" => symbolic_ref(rest),
        "apply" => apply(rest),
        "bisect" => bisect(call, rest),
        "lfs" => sub::lfs(rest),
        "sparse-checkout" => match first_operand(rest).map(|w| w.text.as_str()) {
            Some("list" | "check-rules") => Verdict::read("git sparse-checkout list only reads"),
            _ => Verdict::update("git sparse-checkout changes the checked-out files"),
        },
        "rm" if dry_run => Verdict::read("git rm --dry-run only lists files"),
        "rm" => Verdict::delete(format!(
            "git rm removes {}",
            super::common::first_text(&operands_skipping(rest, &[]))
        )),
        "clean"
            if has_flag(
                &without_values(rest, &["-e", "--exclude"]),
                'n',
                "--dry-run",
            ) =>
        {
            Verdict::read("git clean -n only lists files")
        }
        "clean" => Verdict::delete("git clean deletes untracked files"),
        "prune" | "prune-packed" if dry_run => {
            Verdict::read(format!("git {name} --dry-run only lists objects"))
        }
        "prune" | "prune-packed" => Verdict::delete(format!("git {name} deletes objects")),
        "reset" if has_any(rest, &["--hard"]) => {
            Verdict::delete("git reset --hard discards uncommitted changes")
        }
        "reset" => Verdict::update("git reset moves HEAD or unstages changes"),
        "gc" if has_any(rest, &["--prune"]) => {
            Verdict::delete("git gc --prune deletes unreachable objects")
        }
        "gc" => Verdict::update("git gc repacks the repository"),
        "update-ref" => update_ref(call, rest),
        "push" => push(rest),
        "fetch" => Verdict::update("git fetch updates remote-tracking refs").net(),
        "pull" => Verdict::update("git pull fetches and merges").net(),
        "clone"
            if has_any(rest, &["-c", "-u"])
                || has_abbreviation(rest, "--config", 5)
                || has_abbreviation(rest, "--template", 5)
                || has_abbreviation(rest, "--upload-pack", 4) =>
        {
            Verdict::update("git clone with -c, --template or --upload-pack can run programs").net()
        }
        "clone" => Verdict::create("git clone creates a repository").net(),
        "init" => Verdict::create("git init creates a repository"),
        "add" | "stage" | "mv" if dry_run => {
            Verdict::read(format!("git {name} --dry-run only lists files"))
        }
        "add" | "stage" => Verdict::update("git add stages changes"),
        "mv" => Verdict::update("git mv moves files"),
        "commit" => Verdict::update("git commit records a commit"),
        "checkout" => Verdict::update("git checkout changes the working tree or HEAD"),
        "switch" => Verdict::update("git switch moves HEAD"),
        "restore" => Verdict::update("git restore overwrites files or the index"),
        "merge" | "rebase" | "cherry-pick" | "revert" | "am" => {
            Verdict::update(format!("git {name} rewrites the branch"))
        }
        "replace" if has_flag(rest, 'd', "--delete") => {
            Verdict::delete("git replace -d deletes replace refs")
        }
        "replace" if has_flag(rest, 'l', "--list") || rest.is_empty() => {
            Verdict::read("git replace -l lists replace refs")
        }
        "rerere" => match first_operand(rest).map(|w| w.text.as_str()) {
            Some("status" | "diff" | "remaining") => Verdict::read("git rerere status only reads"),
            Some(action @ ("clear" | "forget" | "gc")) => {
                Verdict::delete(format!("git rerere {action} deletes recorded resolutions"))
            }
            _ => Verdict::update("git rerere records resolutions"),
        },
        "commit-graph" | "multi-pack-index"
            if first_operand(rest).is_some_and(|w| w.is("verify")) =>
        {
            Verdict::read(format!("git {name} verify only checks"))
        }
        "unpack-file" | "mailsplit" | "mailinfo" | "diagnose" | "bugreport" => {
            Verdict::create(format!("git {name} writes files"))
        }
        "send-email" => Verdict::update("git send-email sends mail").net(),
        _ => Verdict::update(format!(
            "git {name} changes the repository, or is an alias or extension"
        )),
    };
    if verdict.is_read() {
        match risky_option(name, rest) {
            Some(risky) => verdict.max(risky),
            None => verdict,
        }
    } else {
        verdict
    }
}

/// Options that make a reading subcommand write a file or run another program.
fn risky_option(name: &str, rest: &[Word]) -> Option<Verdict> {
    for word in rest.iter().take_while(|w| w.text != "--") {
        let text = word.text.as_str();
        if abbreviates(word, "--output", 5) {
            return Some(Verdict::create(format!(
                "git {name} --output writes a file"
            )));
        }
        if abbreviates(word, "--ext-diff", 5) {
            return Some(Verdict::update(format!(
                "git {name} --ext-diff runs the external diff program"
            )));
        }
        if abbreviates(word, "--textconv", 7) || abbreviates(word, "--filters", 9) {
            return Some(Verdict::update(format!(
                "git {name} {text} runs configured conversion programs"
            )));
        }
        let opens_pager = abbreviates(word, "--open-files-in-pager", 4)
            || (text.starts_with("-O") && !text.starts_with("--"));
        if name == "grep" && opens_pager {
            return Some(Verdict::update(
                "git grep --open-files-in-pager opens files in another program",
            ));
        }
    }
    None
}

fn archive(rest: &[Word]) -> Verdict {
    if has_abbreviation(rest, "--exec", 3) {
        return Verdict::update("git archive --exec runs another program").net();
    }
    let verdict = if has_flag(rest, 'o', "") || has_abbreviation(rest, "--output", 4) {
        Verdict::create("git archive -o writes an archive")
    } else {
        Verdict::read("git archive prints an archive")
    };
    if has_abbreviation(rest, "--remote", 4) {
        verdict.net()
    } else {
        verdict
    }
}

fn symbolic_ref(rest: &[Word]) -> Verdict {
    if has_flag(rest, 'd', "") || has_abbreviation(rest, "--delete", 4) {
        return Verdict::delete("git symbolic-ref --delete deletes a symbolic ref");
    }
    if let Some(option) = unknown_long_option(
        rest,
        &[
            "--short",
            "--no-short",
            "--quiet",
            "--recurse",
            "--no-recurse",
        ],
    ) {
        return Verdict::update(format!("git symbolic-ref {option} is not a known option"));
    }
    match operands_skipping(rest, &["-m"]).as_slice() {
        [name, target, ..] => Verdict::update(format!(
            "git symbolic-ref points {} at {}",
            name.text, target.text
        )),
        _ => Verdict::read("git symbolic-ref with one name only reads it"),
    }
}

fn apply(rest: &[Word]) -> Verdict {
    let only_reports = has_any(rest, &["--check", "--stat", "--numstat", "--summary"])
        && !has_abbreviation(rest, "--apply", 4)
        && !has_abbreviation(rest, "--build-fake-ancestor", 4);
    if only_reports {
        Verdict::read("git apply --check/--stat only reports")
    } else {
        Verdict::update("git apply changes files")
    }
}

fn bisect(call: &Call, rest: &[Word]) -> Verdict {
    match rest.first().map(|w| w.text.as_str()) {
        Some("log" | "visualize" | "view" | "help" | "terms") => {
            Verdict::read("git bisect log only reads")
        }
        Some("run") => Verdict::update("git bisect run checks out commits and runs a command")
            .max(call.run(&rest[1..])),
        _ => Verdict::update("git bisect moves HEAD"),
    }
}

fn update_ref(call: &Call, rest: &[Word]) -> Verdict {
    let deletes_by_stdin = has_any(rest, &["--stdin"])
        && match call.stdin {
            crate::classify::programs::Stdin::Text(text) => text.contains("delete"),
            _ => true,
        };
    if has_flag(rest, 'd', "") || deletes_by_stdin {
        Verdict::delete("git update-ref -d deletes a ref")
    } else {
        Verdict::update("git update-ref moves a ref")
    }
}

fn push(rest: &[Word]) -> Verdict {
    let operands = operands_skipping(rest, &["-o", "--push-option", "--repo"]);
    let deletes_ref = operands.iter().skip(1).any(|w| w.text.starts_with(':'));
    if has_flag(rest, 'd', "--delete") || deletes_ref {
        return Verdict::delete("git push --delete deletes remote refs").net();
    }
    if has_any(rest, &["--prune", "--mirror"]) {
        return Verdict::delete("git push --prune/--mirror deletes remote refs").net();
    }
    if has_flag(rest, 'f', "--force") || has_any(rest, &["--force-with-lease"]) {
        return Verdict::update("git push --force rewrites remote history").net();
    }
    Verdict::update("git push updates the remote").net()
}
