//! Host benchmarks (see the module docs inside).
fn main() {}
