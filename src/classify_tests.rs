use super::*;

#[derive(serde::Deserialize)]
struct Labelled {
    cmd: String,
    label: Label,
    #[serde(default)]
    net: Option<bool>,
}

fn dev_set() -> Vec<Labelled> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/classifier-dev.jsonl"
    );
    std::fs::read_to_string(path)
        .expect("the labelled dev set")
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a labelled command"))
        .collect()
}

#[test]
fn the_dev_set_has_no_false_read_and_97_percent_exact_labels() {
    let rows = dev_set();
    let mut false_reads = Vec::new();
    let mut wrong = Vec::new();
    let mut net_wrong = Vec::new();
    for row in &rows {
        let verdict = classify(&row.cmd);
        if verdict.label == Label::Read && row.label != Label::Read {
            false_reads.push(format!(
                "{:?} → READ ({}), want {}",
                row.cmd, verdict.reason, row.label
            ));
        }
        if verdict.label != row.label {
            wrong.push(format!(
                "{:?}: got {} ({}), want {}",
                row.cmd, verdict.label, verdict.reason, row.label
            ));
        } else if row.label == Label::Read && verdict.net != row.net.unwrap_or(false) {
            net_wrong.push(format!(
                "{:?}: net {} ({})",
                row.cmd, verdict.net, verdict.reason
            ));
        }
    }
    let exact = rows.len() - wrong.len();
    let accuracy = exact as f64 / rows.len() as f64;
    eprintln!(
        "dev set: {exact}/{} exact ({:.1} %), {} false READs, {} READs with the wrong net flag",
        rows.len(),
        accuracy * 100.0,
        false_reads.len(),
        net_wrong.len()
    );
    for line in wrong.iter().chain(&net_wrong) {
        eprintln!("  {line}");
    }
    assert!(
        false_reads.is_empty(),
        "false READs:\n{}",
        false_reads.join("\n")
    );
    assert!(accuracy >= 0.97, "{exact}/{} exact", rows.len());
}
