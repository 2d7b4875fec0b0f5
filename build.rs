//! Rebuilds when an agent file changes: the roster is embedded from `agents/`.

fn main() {
    println!("cargo:rerun-if-changed=agents");
}
