//! Developer tools: version control (git), forges (gh, glab), language toolchains and
//! interpreters, package managers, build tools, test runners and linters.

mod builds;
mod common;
mod forge;
mod git;
mod git_options;
mod git_subcommands;
mod interpreters;
mod linters;
mod node;
mod packages;
mod python;
mod rust;
mod system_package_modes;
mod system_packages;
mod toolchains;
mod vcs;
mod version_managers;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_tools;

use super::Call;
use crate::classify::verdict::Verdict;

pub fn judge(call: &Call) -> Option<Verdict> {
    git::judge(call)
        .or_else(|| vcs::judge(call))
        .or_else(|| forge::judge(call))
        .or_else(|| rust::judge(call))
        .or_else(|| node::judge(call))
        .or_else(|| python::judge(call))
        .or_else(|| interpreters::judge(call))
        .or_else(|| toolchains::judge(call))
        .or_else(|| packages::judge(call))
        .or_else(|| builds::judge(call))
        .or_else(|| linters::judge(call))
        .or_else(|| system_packages::judge(call))
        .or_else(|| version_managers::judge(call))
}
