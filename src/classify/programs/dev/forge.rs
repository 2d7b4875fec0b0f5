//! Forge command-line clients, gh (GitHub) and glab (GitLab): every call talks to the network;
//! listing and viewing read, `api` reads only with GET, anything else changes the forge.

use super::common::{has_any, literal, only_flags, split_subcommand};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    matches!(call.program, "gh" | "glab").then(|| forge(call.program, call.args))
}

/// Options of gh and glab that take a value and may come before an action.
const VALUE_OPTIONS: &[&str] = &["-R", "--repo", "--hostname", "-g", "--group"];

/// Actions that only read and print, whatever the group.
const READ_ACTIONS: &[&str] = &[
    "list",
    "ls",
    "view",
    "diff",
    "checks",
    "status",
    "watch",
    "get",
    "verify",
    "field-list",
    "item-list",
    "search",
    "trace",
    "token",
    "show",
    "contributors",
    "check",
    "logs",
    "lint",
    "trusted-root",
];

/// Built-in command groups; anything else is an alias or an extension, which runs any code.
const GROUPS: &[&str] = &[
    "repo",
    "pr",
    "mr",
    "issue",
    "run",
    "workflow",
    "release",
    "gist",
    "snippet",
    "label",
    "secret",
    "variable",
    "cache",
    "auth",
    "config",
    "extension",
    "ext",
    "alias",
    "codespace",
    "cs",
    "project",
    "ruleset",
    "rs",
    "attestation",
    "org",
    "ssh-key",
    "gpg-key",
    "ci",
    "job",
    "schedule",
    "milestone",
    "deploy-key",
    "incident",
    "iteration",
    "user",
    "token",
    "cluster",
    "securefile",
    "changelog",
];

const CREATE_ACTIONS: &[&str] = &[
    "create",
    "fork",
    "clone",
    "download",
    "add",
    "item-create",
    "field-create",
    "item-add",
];

const DELETE_ACTIONS: &[&str] = &[
    "delete",
    "remove",
    "rm",
    "delete-asset",
    "item-delete",
    "field-delete",
    "clear-cache",
    "uninstall",
];

fn forge(tool: &str, args: &[Word]) -> Verdict {
    if args.is_empty() || only_flags(args, &["--version", "-v", "--help", "-h"]) {
        return Verdict::read(format!("{tool} prints its version or help"));
    }
    let Some((group, rest)) = split_subcommand(args, VALUE_OPTIONS) else {
        return Verdict::update(format!("{tool} with unknown options"));
    };
    let Some(group) = literal(group) else {
        return Verdict::update(format!(
            "the {tool} command is only known when the shell runs"
        ));
    };
    let verdict = match group {
        "api" => return api(tool, rest),
        "search" | "status" if has_any(rest, &["--web", "-w"]) => {
            Verdict::update(format!("{tool} {group} --web opens a web browser"))
        }
        "search" | "status" | "completion" | "version" | "help" => {
            Verdict::read(format!("{tool} {group} only reads"))
        }
        "browse" if has_any(rest, &["--no-browser", "-n"]) => {
            Verdict::read(format!("{tool} browse --no-browser prints a URL"))
        }
        "browse" => Verdict::update(format!("{tool} browse opens a web browser")),
        _ if GROUPS.contains(&group) => action(tool, group, rest),
        _ => Verdict::update(format!("{tool} {group} is an alias or extension")),
    };
    verdict.net()
}

fn action(tool: &str, group: &str, rest: &[Word]) -> Verdict {
    let Some((action, after)) = split_subcommand(rest, VALUE_OPTIONS) else {
        return Verdict::update(format!(
            "{tool} {group} without an action is an alias or extension"
        ));
    };
    let Some(action) = literal(action) else {
        return Verdict::update(format!(
            "the {tool} {group} action is only known when the shell runs"
        ));
    };
    let opens_browser = has_any(after, &["--web", "-w"]);
    match action {
        _ if READ_ACTIONS.contains(&action) && opens_browser => {
            Verdict::update(format!("{tool} {group} {action} --web opens a web browser"))
        }
        "set-default" if has_any(after, &["--view", "-v"]) => {
            Verdict::read(format!("{tool} repo set-default --view only reads"))
        }
        "develop" if has_any(after, &["--list", "-l"]) => {
            Verdict::read(format!("{tool} issue develop --list only reads"))
        }
        "develop" => Verdict::create(format!("{tool} issue develop creates a branch")),
        "checkout" | "co" => {
            Verdict::update(format!("{tool} {group} checkout changes the local branch"))
        }
        _ if READ_ACTIONS.contains(&action) => {
            Verdict::read(format!("{tool} {group} {action} only reads"))
        }
        _ if CREATE_ACTIONS.contains(&action) => {
            Verdict::create(format!("{tool} {group} {action} creates a {group}"))
        }
        _ if DELETE_ACTIONS.contains(&action) => {
            Verdict::delete(format!("{tool} {group} {action} deletes a {group}"))
        }
        _ => Verdict::update(format!("{tool} {group} {action} changes the {group}")),
    }
}

/// `gh api` / `glab api`: GET (the default without fields) reads; fields switch to POST.
fn api(tool: &str, rest: &[Word]) -> Verdict {
    let mut method: Option<&Word> = None;
    // Field values, and whether each is only known when the shell runs.
    let mut fields: Vec<(&str, bool)> = Vec::new();
    let mut input = false;
    let mut endpoint: Option<&Word> = None;
    let mut index = 0;
    while let Some(word) = rest.get(index) {
        let text = word.text.as_str();
        let next = rest.get(index + 1);
        index += 1;
        match text {
            "-X" | "--method" => {
                method = next;
                index += 1;
            }
            "-f" | "-F" | "--field" | "--raw-field" => {
                fields.push(next.map_or(("", false), |w| (w.text.as_str(), w.dynamic)));
                index += 1;
            }
            "--input" => {
                input = true;
                index += 1;
            }
            "-H" | "--header" | "-q" | "--jq" | "-t" | "--template" | "--hostname" | "--cache"
            | "-p" | "--preview" => index += 1,
            _ if text.starts_with("--method=") || (text.starts_with("-X") && text.len() > 2) => {
                method = Some(word);
            }
            _ if text.starts_with("--field=") || text.starts_with("--raw-field=") => {
                fields.push((text.split_once('=').map_or("", |(_, v)| v), word.dynamic));
            }
            _ if (text.starts_with("-f") || text.starts_with("-F")) && text.len() > 2 => {
                fields.push((&text[2..], word.dynamic));
            }
            _ if text.starts_with("--input=") => input = true,
            _ if word.is_option() => {}
            _ if endpoint.is_none() => endpoint = Some(word),
            _ => {}
        }
    }
    let method_text = method.map(|w| {
        let text = w.text.as_str();
        let value = text
            .strip_prefix("--method=")
            .or_else(|| text.strip_prefix("-X").filter(|v| !v.is_empty()))
            .unwrap_or(text);
        value.to_ascii_uppercase()
    });
    if method.is_some_and(|w| w.dynamic) {
        return Verdict::update(format!("{tool} api with a method only known at run time")).net();
    }
    if endpoint.is_some_and(|w| w.is("graphql")) {
        let query = fields
            .iter()
            .find_map(|(text, dynamic)| text.strip_prefix("query=").map(|q| (q, *dynamic)));
        let reads = !input
            && query.is_some_and(|(q, dynamic)| {
                !dynamic && !q.starts_with('@') && !q.to_lowercase().contains("mutation")
            });
        return if reads {
            Verdict::read(format!("{tool} api graphql runs a query")).net()
        } else {
            Verdict::update(format!("{tool} api graphql may run a mutation")).net()
        };
    }
    let method = method_text.unwrap_or_else(|| {
        if fields.is_empty() && !input {
            "GET".to_string()
        } else {
            "POST".to_string()
        }
    });
    match method.as_str() {
        "GET" | "HEAD" if !input => Verdict::read(format!("{tool} api GET only reads")).net(),
        "DELETE" => Verdict::delete(format!("{tool} api DELETE deletes a resource")).net(),
        _ => Verdict::update(format!("{tool} api {method} changes the forge")).net(),
    }
}
