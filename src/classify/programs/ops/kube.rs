//! Kubernetes clients: kubectl, oc and helm. Everything talks to a cluster (network).

use super::{has_option, join_texts, option_values, positionals, Call};
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    match call.program {
        "kubectl" | "oc" | "k3s-kubectl" | "microk8s.kubectl" => Some(kubectl(call).net()),
        "helm" => Some(helm(call.args).net()),
        _ => None,
    }
}

/// Options of kubectl (global or per command) that take a value.
#[rustfmt::skip]
const KUBE_VALUED: &[&str] = &[
    "-n", "--namespace", "--context", "--cluster", "--user", "--kubeconfig", "-s", "--server",
    "--token", "--as", "--as-group", "--as-uid", "--request-timeout", "--cache-dir",
    "--certificate-authority", "--client-certificate", "--client-key", "--tls-server-name",
    "--password", "--username", "--profile", "--profile-output", "-v", "--v", "--vmodule", "-l",
    "--selector", "--field-selector", "-o", "--output", "--sort-by", "--template", "-L",
    "--label-columns", "-f", "--filename", "-k", "--kustomize", "-c", "--container", "--since",
    "--since-time", "--tail", "--limit-bytes", "--timeout", "--image", "--replicas", "--port",
    "--target-port", "--type", "--name", "--protocol", "--from-literal", "--from-file",
    "--from-env-file", "--from", "--to-revision", "-p", "--patch", "--patch-file", "--for",
    "--grace-period", "--chunk-size", "--max-log-requests", "--pod-running-timeout",
    "--field-manager", "--overrides", "--env", "-e", "--min", "--max", "--cpu-percent",
    "--resource-version", "--restart", "--labels", "--requests", "--limits", "--serviceaccount",
    "--address", "--subresource", "--raw", "--output-directory", "--current-replicas",
    "--selector", "--show-managed-fields",
];

/// Commands that accept `--dry-run` and then change nothing.
#[rustfmt::skip]
const DRY_RUNNABLE: &[&str] = &[
    "apply", "create", "delete", "patch", "replace", "run", "expose", "label", "annotate", "scale",
    "autoscale", "set", "taint", "drain", "cordon", "uncordon", "rollout",
];

fn is_dry_run(args: &[Word]) -> bool {
    args.iter().take_while(|w| w.text != "--").any(|w| {
        matches!(
            w.text.as_str(),
            "--dry-run" | "--dry-run=client" | "--dry-run=server" | "--dry-run=true"
        )
    })
}

fn kubectl(call: &Call) -> Verdict {
    let program = call.program;
    let args = call.args;
    let words = positionals(args, KUBE_VALUED);
    let Some(verb) = words.first().map(|w| w.text.as_str()) else {
        return Verdict::read(format!("{program} prints its help or version"));
    };
    let second = words.get(1).map_or("", |w| w.text.as_str());
    let targets = join_texts(&words[1..]);
    let name = format!("{program} {verb}");
    if DRY_RUNNABLE.contains(&verb) && is_dry_run(args) {
        return Verdict::read(format!("{name} --dry-run changes nothing"));
    }
    match verb {
        "get" | "describe" | "logs" | "top" | "explain" | "api-resources" | "api-versions"
        | "version" | "events" | "diff" | "wait" | "completion" | "kustomize" | "options"
        | "help" => Verdict::read(format!("{name} only reads")),
        "whoami" | "projects" | "status" | "process" if program == "oc" => {
            Verdict::read(format!("{name} only reads"))
        }
        "cluster-info" => {
            if option_values(args, &["--output-directory"]).is_empty() {
                Verdict::read(format!("{name} only reads"))
            } else {
                Verdict::create(format!("{name} dump writes files"))
            }
        }
        "project" if program == "oc" && words.len() == 1 => {
            Verdict::read(format!("{name} prints the project"))
        }
        "auth" if matches!(second, "can-i" | "whoami") => {
            Verdict::read(format!("{name} {second} only reads"))
        }
        "plugin" if second == "list" => Verdict::read(format!("{name} list only reads")),
        "config" => match second {
            "view" | "get-contexts" | "get-clusters" | "get-users" | "current-context" | "" => {
                Verdict::read(format!("{name} {second} prints the kubeconfig"))
            }
            "delete-context" | "delete-cluster" | "delete-user" => {
                Verdict::delete(format!("{name} {second} removes a kubeconfig entry"))
            }
            _ => Verdict::update(format!("{name} {second} changes the kubeconfig")),
        },
        "rollout" => match second {
            "status" | "history" => Verdict::read(format!("{name} {second} only reads")),
            _ => Verdict::update(format!("{name} {second} changes a rollout of {targets}")),
        },
        "apply" if matches!(second, "view-last-applied") => {
            Verdict::read(format!("{name} view-last-applied only reads"))
        }
        "delete" => Verdict::delete(format!("{name} removes {}", what(&targets, args))),
        "create" | "expose" | "new-project" | "new-app" | "new-build" => {
            Verdict::create(format!("{name} makes {}", what(&targets, args)))
        }
        "extract" => Verdict::create(format!("{name} writes files")),
        "exec" | "rsh" | "run" | "debug" => {
            let floor = Verdict::update(format!("{name} runs a command in the cluster"));
            let command = inner_command(args, &words, verb);
            if command.is_empty() {
                floor
            } else {
                call.run(&command).max(floor)
            }
        }
        _ => Verdict::update(format!("{name} changes {}", what(&targets, args))),
    }
}

/// What a command acts on, for reasons: its operands or its `-f` files.
fn what(targets: &str, args: &[Word]) -> String {
    if !targets.is_empty() {
        return targets.to_string();
    }
    let files = option_values(args, &["-f", "--filename", "-k", "--kustomize"]);
    match files.first() {
        Some(file) => format!("the resources in {}", file.text),
        None => "resources".to_string(),
    }
}

/// The command `exec`/`run`/`debug` runs: after `--`, or (old `exec POD CMD` form) after the pod.
fn inner_command(args: &[Word], words: &[&Word], verb: &str) -> Vec<Word> {
    if let Some(at) = args.iter().position(|w| w.is("--")) {
        return args[at + 1..].to_vec();
    }
    if verb == "exec" || verb == "rsh" {
        return words.iter().skip(2).map(|w| (*w).clone()).collect();
    }
    Vec::new()
}

/// Options of helm that take a value.
#[rustfmt::skip]
const HELM_VALUED: &[&str] = &[
    "-n", "--namespace", "--kube-context", "--kubeconfig", "-f", "--values", "--set",
    "--set-string", "--set-file", "--set-json", "--set-literal", "--version", "--repo", "-o",
    "--output", "--timeout", "--revision", "--description", "--post-renderer",
    "--post-renderer-args", "--username", "--password", "--ca-file", "--cert-file", "--key-file",
    "--keyring", "--max", "--registry-config", "--repository-config", "--repository-cache",
    "--burst-limit", "--qps", "--kube-apiserver", "--kube-as-user", "--kube-as-group",
    "--kube-token", "--kube-ca-file", "--kube-tls-server-name", "--history-max", "--name-template",
    "--labels", "-l", "--selector", "--filter", "-d", "--destination", "--untardir",
    "--app-version", "--output-dir", "--api-versions", "-a", "--kube-version", "--show-only", "-s",
    "--max-col-width", "--offset", "--time-format",
];

fn helm(args: &[Word]) -> Verdict {
    let words = positionals(args, HELM_VALUED);
    let Some(verb) = words.first().map(|w| w.text.as_str()) else {
        return Verdict::read("helm prints its help or version");
    };
    let second = words.get(1).map_or("", |w| w.text.as_str());
    let name = format!("helm {verb}");
    let release = words.get(1).map_or("a release", |w| w.text.as_str());
    if has_option(args, &["--post-renderer"]) {
        return Verdict::update(format!("{name} runs a post-renderer program"));
    }
    let writes_dir = has_option(args, &["--output-dir"]);
    let dry_run = args.iter().any(|w| {
        matches!(
            w.text.as_str(),
            "--dry-run" | "--dry-run=client" | "--dry-run=server" | "--dry-run=true"
        )
    });
    match verb {
        "list" | "ls" | "status" | "get" | "history" | "hist" | "show" | "inspect" | "search"
        | "lint" | "version" | "env" | "verify" | "completion" | "help" => {
            Verdict::read(format!("{name} only reads"))
        }
        "template" if writes_dir => Verdict::create(format!("{name} writes rendered files")),
        "template" => Verdict::read(format!("{name} renders a chart and prints it")),
        "install" | "upgrade" | "rollback" | "uninstall" | "delete" | "del" | "un" if dry_run => {
            Verdict::read(format!("{name} --dry-run only renders"))
        }
        "install" | "upgrade" | "rollback" | "test" => {
            Verdict::update(format!("{name} changes release {release}"))
        }
        "uninstall" | "delete" | "del" | "un" => {
            Verdict::delete(format!("{name} removes release {release}"))
        }
        "repo" => match second {
            "list" | "ls" => Verdict::read("helm repo list only reads"),
            "remove" | "rm" => Verdict::delete("helm repo remove drops a repository"),
            "index" => Verdict::create("helm repo index writes index.yaml"),
            _ => Verdict::update(format!("helm repo {second} changes repositories")),
        },
        "plugin" => match second {
            "list" | "ls" => Verdict::read("helm plugin list only reads"),
            "uninstall" | "remove" | "rm" => Verdict::delete("helm plugin uninstall removes it"),
            _ => Verdict::update(format!("helm plugin {second} changes plugins")),
        },
        "dependency" | "dep" | "dependencies" => match second {
            "list" | "ls" => Verdict::read("helm dependency list only reads"),
            _ => Verdict::update(format!("helm dependency {second} downloads charts")),
        },
        "pull" | "fetch" | "package" | "create" => {
            Verdict::create(format!("{name} writes chart files"))
        }
        _ => Verdict::update(format!("{name} changes helm state")),
    }
}
