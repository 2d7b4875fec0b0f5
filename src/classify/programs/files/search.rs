//! Searchers that can run other programs: ripgrep (`--pre`, `--hostname-bin`), ag and ack
//! (`--pager`, ack's `--output`).

use super::options::{cannot_see, check_operand, is_opaque, parse, Judged, Spec, Takes};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;

const RG: Spec = Spec {
    flags: "abcFhHiIlLnNopPqsSuUvVwxz0.",
    valued: "ABCdeEfgjmMrtT",
    attached: "",
    long: &[
        ("pre", Takes::Value),
        ("pre-glob", Takes::Value),
        ("hostname-bin", Takes::Value),
        ("after-context", Takes::Value),
        ("before-context", Takes::Value),
        ("context", Takes::Value),
        ("context-separator", Takes::Value),
        ("color", Takes::Value),
        ("colors", Takes::Value),
        ("dfa-size-limit", Takes::Value),
        ("encoding", Takes::Value),
        ("engine", Takes::Value),
        ("field-context-separator", Takes::Value),
        ("field-match-separator", Takes::Value),
        ("file", Takes::Value),
        ("generate", Takes::Value),
        ("glob", Takes::Value),
        ("hyperlink-format", Takes::Value),
        ("iglob", Takes::Value),
        ("ignore-file", Takes::Value),
        ("max-columns", Takes::Value),
        ("max-count", Takes::Value),
        ("max-depth", Takes::Value),
        ("maxdepth", Takes::Value),
        ("max-filesize", Takes::Value),
        ("path-separator", Takes::Value),
        ("regex-size-limit", Takes::Value),
        ("regexp", Takes::Value),
        ("replace", Takes::Value),
        ("sort", Takes::Value),
        ("sortr", Takes::Value),
        ("threads", Takes::Value),
        ("type", Takes::Value),
        ("type-not", Takes::Value),
        ("type-add", Takes::Value),
        ("type-clear", Takes::Value),
        ("auto-hybrid-regex", Takes::Nothing),
        ("binary", Takes::Nothing),
        ("block-buffered", Takes::Nothing),
        ("byte-offset", Takes::Nothing),
        ("case-sensitive", Takes::Nothing),
        ("column", Takes::Nothing),
        ("count", Takes::Nothing),
        ("count-matches", Takes::Nothing),
        ("crlf", Takes::Nothing),
        ("debug", Takes::Nothing),
        ("trace", Takes::Nothing),
        ("files", Takes::Nothing),
        ("files-with-matches", Takes::Nothing),
        ("files-without-match", Takes::Nothing),
        ("fixed-strings", Takes::Nothing),
        ("follow", Takes::Nothing),
        ("glob-case-insensitive", Takes::Nothing),
        ("heading", Takes::Nothing),
        ("help", Takes::Nothing),
        ("hidden", Takes::Nothing),
        ("ignore-case", Takes::Nothing),
        ("ignore-file-case-insensitive", Takes::Nothing),
        ("include-zero", Takes::Nothing),
        ("invert-match", Takes::Nothing),
        ("json", Takes::Nothing),
        ("line-buffered", Takes::Nothing),
        ("line-number", Takes::Nothing),
        ("line-regexp", Takes::Nothing),
        ("max-columns-preview", Takes::Nothing),
        ("mmap", Takes::Nothing),
        ("multiline", Takes::Nothing),
        ("multiline-dotall", Takes::Nothing),
        ("null", Takes::Nothing),
        ("null-data", Takes::Nothing),
        ("one-file-system", Takes::Nothing),
        ("only-matching", Takes::Nothing),
        ("passthru", Takes::Nothing),
        ("passthrough", Takes::Nothing),
        ("pcre2", Takes::Nothing),
        ("pcre2-version", Takes::Nothing),
        ("pretty", Takes::Nothing),
        ("quiet", Takes::Nothing),
        ("search-zip", Takes::Nothing),
        ("smart-case", Takes::Nothing),
        ("sort-files", Takes::Nothing),
        ("stats", Takes::Nothing),
        ("stop-on-nonmatch", Takes::Nothing),
        ("text", Takes::Nothing),
        ("trim", Takes::Nothing),
        ("type-list", Takes::Nothing),
        ("unrestricted", Takes::Nothing),
        ("version", Takes::Nothing),
        ("vimgrep", Takes::Nothing),
        ("with-filename", Takes::Nothing),
        ("word-regexp", Takes::Nothing),
    ],
    negations: true,
};

pub fn rg(call: &Call) -> Judged {
    let parsed = parse("rg", call.args, &RG)?;
    for (long, what) in [
        ("pre", "a preprocessor program on every file"),
        ("pre-glob", "the --pre preprocessor"),
        ("hostname-bin", "a program to find the host name"),
    ] {
        if parsed.has('\0', long) {
            return Ok(Verdict::update(format!(
                "rg --{long} runs {what} ({})",
                parsed.value('\0', long).unwrap_or_default()
            )));
        }
    }
    Ok(Verdict::read("rg searches files"))
}

/// ag and ack accept a flag per file type (`--rust`, `--noperl`), so their long options cannot
/// be listed; refuse the ones that run programs in any abbreviation getopt would accept.
pub fn ag_ack(call: &Call) -> Judged {
    let program = call.program;
    let dangerous: &[&str] = if program == "ack" {
        &["pager", "output", "ackrc"]
    } else {
        &["pager"]
    };
    for word in call.args {
        if is_opaque(word) {
            return Err(cannot_see(word));
        }
        if word.text == "--" {
            break;
        }
        if let Some(long) = word.text.strip_prefix("--") {
            let name = long.split('=').next().unwrap_or_default();
            if let Some(option) = dangerous.iter().find(|d| d.starts_with(name)) {
                return Ok(Verdict::update(format!(
                    "{program} --{option} runs or loads something the rules cannot see"
                )));
            }
        } else if !word.text.starts_with('-') {
            check_operand(program, word)?;
        }
    }
    Ok(Verdict::read(format!("{program} searches files")))
}
