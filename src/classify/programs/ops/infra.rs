//! Infrastructure as code: terraform/tofu, pulumi and the ansible tools.

use super::{has_option, option_values, positionals, Call};
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    Some(match call.program {
        "terraform" | "tofu" => terraform(call.program, args),
        "pulumi" => pulumi(args),
        "ansible" | "ansible-playbook" | "ansible-pull" | "ansible-console" => {
            if args.len() == 1 && (args[0].is("--version") || args[0].is("--help")) {
                Verdict::read(format!("{} prints its version", call.program))
            } else {
                Verdict::update(format!(
                    "{} runs tasks on hosts (even --check runs some)",
                    call.program
                ))
                .net()
            }
        }
        "ansible-inventory" => {
            if has_option(args, &["--output"]) {
                Verdict::create("ansible-inventory --output writes a file")
            } else {
                Verdict::read("ansible-inventory prints the inventory")
            }
        }
        "ansible-doc" => Verdict::read("ansible-doc prints documentation"),
        "ansible-config" => {
            let verb = positionals(args, &["-c", "--config", "-t", "--type", "-f", "--format"]);
            match verb.first().map(|w| w.text.as_str()) {
                None | Some("list" | "dump" | "view" | "init" | "validate") => {
                    Verdict::read("ansible-config prints configuration")
                }
                Some(other) => Verdict::update(format!("ansible-config {other}")),
            }
        }
        "ansible-galaxy" => galaxy(args),
        "ansible-vault" => vault(args),
        _ => return None,
    })
}

fn terraform(program: &str, args: &[Word]) -> Verdict {
    #[rustfmt::skip]
    const VALUED: &[&str] = &[
        "-var", "-var-file", "-target", "-out", "-state", "-state-out", "-backup",
        "-backend-config", "-lock-timeout", "-parallelism", "-replace", "-plugin-dir",
        "-from-module", "-generate-config-out", "-filter", "-test-directory",
    ];
    let words = positionals(args, VALUED);
    let Some(command) = words.first().map(|w| w.text.as_str()) else {
        if has_option(
            args,
            &["-version", "--version", "-v", "-help", "--help", "-h"],
        ) {
            return Verdict::read(format!("{program} prints its version or help"));
        }
        return Verdict::read(format!("{program} prints its help"));
    };
    let second = words.get(1).map_or("", |w| w.text.as_str());
    let name = format!("{program} {command}");
    match command {
        "version" | "validate" | "providers" | "graph" | "metadata" | "modules" | "help" => {
            match (command, second) {
                ("providers", "lock") => {
                    Verdict::update(format!("{name} lock rewrites the lock file")).net()
                }
                ("providers", "mirror") => {
                    Verdict::create(format!("{name} mirror downloads providers")).net()
                }
                _ => Verdict::read(format!("{name} only reads")),
            }
        }
        "fmt" => {
            let checks_only = args.iter().any(|w| {
                matches!(
                    w.text.as_str(),
                    "-check" | "-check=true" | "--check" | "-write=false"
                )
            }) || second == "-";
            if checks_only {
                Verdict::read(format!("{name} -check only reports"))
            } else {
                Verdict::update(format!("{name} rewrites files"))
            }
        }
        "show" | "output" => Verdict::read(format!("{name} reads the state")).net(),
        "state" => match second {
            "list" | "show" | "pull" => {
                Verdict::read(format!("{name} {second} reads the state")).net()
            }
            "rm" => Verdict::delete(format!(
                "{name} rm removes {} from the state",
                words.get(2).map_or("resources", |w| w.text.as_str())
            ))
            .net(),
            _ => Verdict::update(format!("{name} {second} changes the state")).net(),
        },
        "workspace" | "env" => match second {
            "list" | "show" => Verdict::read(format!("{name} {second} only reads")).net(),
            "new" => Verdict::create(format!("{name} new makes a workspace")).net(),
            "delete" => Verdict::delete(format!("{name} delete removes a workspace")).net(),
            _ => Verdict::update(format!("{name} {second} changes the workspace")).net(),
        },
        "destroy" => Verdict::delete(format!("{name} destroys the infrastructure")).net(),
        "apply" if has_option(args, &["-destroy"]) => {
            Verdict::delete(format!("{name} -destroy destroys the infrastructure")).net()
        }
        "apply" => Verdict::update(format!("{name} changes the infrastructure")).net(),
        "plan" => Verdict::update(format!("{name} runs providers and may write a plan")).net(),
        "init" | "get" => Verdict::update(format!("{name} downloads modules and providers")).net(),
        _ => Verdict::update(format!("{name} changes state or infrastructure")).net(),
    }
}

fn pulumi(args: &[Word]) -> Verdict {
    #[rustfmt::skip]
    const VALUED: &[&str] = &[
        "-s", "--stack", "-C", "--cwd", "--color", "-m", "--message", "-c", "--config",
        "--config-file", "-t", "--target", "--parallel", "-p", "--secrets-provider", "--file",
        "--path",
    ];
    let words = positionals(args, VALUED);
    let Some(command) = words.first().map(|w| w.text.as_str()) else {
        return Verdict::read("pulumi prints its help or version");
    };
    let second = words.get(1).map_or("", |w| w.text.as_str());
    let name = format!("pulumi {command}");
    match (command, second) {
        ("version" | "help", _) => Verdict::read(format!("{name} prints information")),
        ("whoami" | "about" | "logs", _) => Verdict::read(format!("{name} only reads")).net(),
        ("stack", "" | "ls" | "output" | "history" | "tag") => {
            if second == "tag" && words.get(2).is_some_and(|w| !w.is("ls")) {
                Verdict::update(format!("{name} tag changes stack tags")).net()
            } else {
                Verdict::read(format!("{name} {second} only reads")).net()
            }
        }
        ("stack", "export") if option_values(args, &["--file"]).is_empty() => {
            Verdict::read(format!("{name} export prints the state")).net()
        }
        ("stack", "init") => Verdict::create(format!("{name} init makes a stack")).net(),
        ("stack", "rm") => Verdict::delete(format!("{name} rm removes a stack")).net(),
        ("config", "" | "get") => Verdict::read(format!("{name} prints configuration")),
        ("config", "rm" | "rm-all") => Verdict::delete(format!("{name} {second} removes keys")),
        ("plugin", "ls") => Verdict::read(format!("{name} ls only reads")),
        ("plugin", "rm") => Verdict::delete(format!("{name} rm removes plugins")),
        ("state", "delete") => Verdict::delete(format!("{name} delete removes a resource")).net(),
        ("destroy", _) => Verdict::delete(format!("{name} destroys the stack's resources")).net(),
        ("new", _) => Verdict::create(format!("{name} makes a project")).net(),
        ("preview", _) => Verdict::update(format!("{name} runs the program")).net(),
        _ => Verdict::update(format!("{name} {second} changes stacks or resources")).net(),
    }
}

fn galaxy(args: &[Word]) -> Verdict {
    let words = positionals(
        args,
        &["-p", "--roles-path", "-r", "--role-file", "-s", "--server"],
    );
    let verbs: Vec<&str> = words.iter().take(2).map(|w| w.text.as_str()).collect();
    let verb = match verbs.as_slice() {
        ["role" | "collection", verb, ..] => *verb,
        [verb, ..] => *verb,
        [] => return Verdict::read("ansible-galaxy prints its help"),
    };
    match verb {
        "list" | "info" | "search" | "verify" => {
            Verdict::read(format!("ansible-galaxy {verb} only reads")).net()
        }
        "install" | "download" | "init" | "build" => {
            Verdict::create(format!("ansible-galaxy {verb} writes roles or collections")).net()
        }
        "remove" | "delete" => Verdict::delete(format!("ansible-galaxy {verb} removes a role")),
        _ => Verdict::update(format!("ansible-galaxy {verb}")).net(),
    }
}

fn vault(args: &[Word]) -> Verdict {
    let words = positionals(
        args,
        &[
            "--vault-id",
            "--vault-password-file",
            "--output",
            "--new-vault-id",
            "--new-vault-password-file",
            "--encrypt-vault-id",
            "-n",
            "--name",
        ],
    );
    let to_stdout = option_values(args, &["--output"])
        .first()
        .is_some_and(|w| w.is("-"));
    match words.first().map(|w| w.text.as_str()) {
        Some("view" | "encrypt_string") => Verdict::read("ansible-vault prints decrypted text"),
        Some("decrypt" | "encrypt") if to_stdout => {
            Verdict::read("ansible-vault prints to standard output")
        }
        Some("create") => Verdict::create("ansible-vault create writes a vault file"),
        Some(verb) => Verdict::update(format!("ansible-vault {verb} rewrites vault files")),
        None => Verdict::read("ansible-vault prints its help"),
    }
}
