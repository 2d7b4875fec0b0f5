//! Build tools, task runners, test runners and bundlers: they run project code (Makefiles,
//! build scripts, tests, configs written in code), so UPDATE unless they only print a version
//! or help. cmake -E and ninja -t have a few precise cases.

use super::common::{only_flags, split_subcommand};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    let program = call.program;
    let args = call.args;
    match program {
        "cmake" => return Some(cmake(args)),
        "ninja" => return Some(ninja(args)),
        _ => {}
    }
    let (_, info_flags) = RUNNERS.iter().find(|(names, _)| names.contains(&program))?;
    Some(if only_flags(args, info_flags) {
        Verdict::read(format!("{program} prints its version or help"))
    } else {
        Verdict::update(format!("{program} runs project build, task or test code"))
    })
}

/// Build and test runners, with the arguments that alone only print a version or help (help
/// is left out where it loads project code, as `pytest --help` imports conftest.py).
const RUNNERS: &[(&[&str], &[&str])] = &[
    (
        &["make", "gmake", "bmake"],
        &["--version", "-v", "--help", "-h"],
    ),
    (&["meson"], &["--version", "-v", "-h", "--help"]),
    // mvn applies .mvn/jvm.config (JVM options such as -javaagent) even for --version.
    (&["mvn", "mvnw"], &[]),
    (
        &["gradle", "gradlew"],
        &["-v", "--version", "-h", "--help", "-?"],
    ),
    // sbt applies the project's .jvmopts and .sbtopts even for --version.
    (&["sbt"], &[]),
    (&["ant"], &["-version", "-help", "-h"]),
    // `bazel version` and `bazel help` start the server with .bazelrc startup options.
    (&["bazel", "bazelisk"], &["--version"]),
    (&["buck", "buck2"], &["--version", "--help"]),
    (&["pants"], &[]),
    (&["just"], &["--version", "-V", "--help", "-h"]),
    (&["task", "go-task"], &["--version", "--help", "-h"]),
    (&["scons"], &["--version", "-H"]),
    (&["ctest"], &["--version", "--help"]),
    (&["tox", "nox"], &["--version", "-h", "--help"]),
    // pytest loads conftest.py files before handling --version.
    (&["pytest", "py.test"], &[]),
    (
        &[
            "jest", "vitest", "webpack", "vite", "rollup", "next", "nuxt", "nuxi",
        ],
        &["--version", "-v", "--help", "-h"],
    ),
    // mocha loads .mocharc.js (code) before parsing --version.
    (&["mocha"], &[]),
    (&["parcel", "babel"], &["--version", "-V", "--help", "-h"]),
    (
        &["cypress"],
        &["--version", "-v", "version", "help", "--help", "-h"],
    ),
    (&["playwright"], &["--version", "-V", "--help", "-h"]),
    (
        &[
            "esbuild",
            "swc",
            "turbo",
            "nx",
            "lerna",
            "astro",
            "svelte-kit",
            "remix",
        ],
        &["--version", "--help", "-h"],
    ),
    (&["ng"], &["version", "--version", "v", "help", "--help"]),
    (&["rake"], &["--version", "-V"]),
    // bin/rails boots the application even for --version.
    (&["rails"], &[]),
    (
        &[
            "flask",
            "django-admin",
            "jupyter",
            "uvicorn",
            "gunicorn",
            "celery",
            "alembic",
        ],
        &["--version"],
    ),
    (&["mix"], &["--version", "-v"]),
    (&["stack", "cabal"], &["--version", "--numeric-version"]),
    (&["dune", "opam", "elm", "spago"], &["--version"]),
    (&["xcodebuild"], &["-version", "-showsdks", "-help"]),
    (&["msbuild", "nuget", "west", "idf.py", "pm2"], &[]),
    (&["pio", "platformio"], &["--version", "-h", "--help"]),
    (
        &[
            "earthly", "skaffold", "tilt", "bats", "behave", "robot", "nodemon",
        ],
        &["--version", "-v", "--help", "-h"],
    ),
];

fn cmake(args: &[Word]) -> Verdict {
    let prints = args.iter().all(|a| {
        !a.dynamic
            && (a.text == "--version"
                || a.text == "-h"
                || a.text == "-version"
                || a.text.starts_with("--help"))
    });
    if !args.is_empty() && prints {
        return Verdict::read("cmake prints its version or help");
    }
    if let Some(at) = args.iter().position(|w| w.is("-E")) {
        let command = args.get(at + 1).map(|w| w.text.as_str()).unwrap_or("");
        return match command {
            "rm" | "remove" | "remove_directory" => {
                Verdict::delete(format!("cmake -E {command} deletes files"))
            }
            "make_directory" | "touch" | "copy" | "copy_directory" | "copy_if_different"
            | "create_symlink" | "create_hardlink" | "tar" | "rename" | "touch_nocreate" => {
                Verdict::create(format!("cmake -E {command} writes files"))
            }
            "echo" | "echo_append" | "cat" | "capabilities" | "environment" | "compare_files"
            | "md5sum" | "sha1sum" | "sha256sum" | "sha512sum" | "true" | "false" => {
                Verdict::read(format!("cmake -E {command} only prints or compares"))
            }
            _ => Verdict::update(format!("cmake -E {command} runs a command")),
        };
    }
    Verdict::update("cmake configures, builds or installs the project")
}

fn ninja(args: &[Word]) -> Verdict {
    if only_flags(args, &["--version", "-h", "--help"]) {
        return Verdict::read("ninja prints its version or help");
    }
    let Some(at) = args.iter().position(|w| w.is("-t")) else {
        return Verdict::update("ninja runs the build");
    };
    let tool = split_subcommand(&args[at + 1..], &[]).map(|(w, _)| w.text.as_str());
    match tool {
        Some("clean" | "cleandead") => Verdict::delete("ninja -t clean deletes build outputs"),
        Some(
            "targets" | "commands" | "query" | "graph" | "deps" | "compdb" | "inputs" | "rules"
            | "list" | "missingdeps" | "multi-inputs",
        ) => Verdict::read("ninja -t only prints build information"),
        _ => Verdict::update("ninja -t runs a tool that may change the build"),
    }
}
