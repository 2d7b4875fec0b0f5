//! Classifier benchmarks: commands per second on one thread over the labelled dev set, and the
//! start-to-answer time of the `cco classify` process for one command.
//!
//! Run: `cargo bench --bench classify`.

use std::process::Command;
use std::time::{Duration, Instant};

fn dev_commands() -> Vec<String> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/classifier-dev.jsonl"
    );
    let text = std::fs::read_to_string(path).expect("the labelled dev set");
    text.lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter_map(|row| row["cmd"].as_str().map(str::to_string))
        .collect()
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

fn throughput(commands: &[String]) {
    // Warm the parser and the caches of the allocator first.
    for command in commands {
        std::hint::black_box(cco::classify::classify(command));
    }
    let rounds = 200;
    let start = Instant::now();
    for _ in 0..rounds {
        for command in commands {
            std::hint::black_box(cco::classify::classify(command));
        }
    }
    let elapsed = start.elapsed();
    let total = rounds * commands.len();
    println!(
        "rules, one thread: {total} commands in {:.2} s = {:.0} commands/s ({:.1} µs each; goal ≥ 100k/s)",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1e6 / total as f64
    );
}

fn process_start(binary: &str) {
    let mut times = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        let output = Command::new(binary)
            .args(["classify", "--json", "git status --porcelain"])
            .output()
            .expect("run cco classify");
        times.push(start.elapsed());
        assert!(output.status.success(), "cco classify failed");
    }
    times.sort();
    println!(
        "`cco classify` process, start to answer, 50 runs: median {:.2} ms, p95 {:.2} ms",
        percentile(&times, 0.5).as_secs_f64() * 1e3,
        percentile(&times, 0.95).as_secs_f64() * 1e3
    );
}

fn main() {
    let commands = dev_commands();
    throughput(&commands);
    process_start(env!("CARGO_BIN_EXE_cco"));
}
