//! Tests of the classifier: the labelled dev set and shell structure.

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
fn the_dev_set_has_no_false_read() {
    let failures: Vec<String> = dev_set()
        .iter()
        .filter(|row| row.label != Label::Read)
        .map(|row| (row, classify(&row.cmd)))
        .filter(|(_, verdict)| verdict.label == Label::Read)
        .map(|(row, verdict)| {
            format!(
                "{:?} → READ ({}), want {}",
                row.cmd, verdict.reason, row.label
            )
        })
        .collect();
    assert!(failures.is_empty(), "false READs:\n{}", failures.join("\n"));
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

/// Shell structure, judged with programs the core knows by itself (`echo` reads, `history -c`
/// deletes), so these hold whatever the program tables say.
#[test]
fn shell_structure() {
    use Label::*;
    let cases: &[(&str, Label)] = &[
        ("", Read),
        ("echo hi", Read),
        ("echo hi > out.txt", Create),
        ("echo hi >| out.txt", Create),
        ("echo hi &> out.txt", Create),
        ("echo hi 2> err.log", Create),
        ("echo hi >> out.txt", Update),
        (": > app.log", Delete),
        ("> app.log", Delete),
        ("true > app.log", Delete),
        ("echo hi 2>/dev/null", Read),
        ("echo hi >&2", Read),
        ("echo hi 2>&1", Read),
        ("echo hi > /dev/stderr", Read),
        ("echo hi > /dev/tcp/example.org/80", Update),
        ("echo hi < in.txt", Read),
        ("echo 'a > b' \"c | d\"", Read),
        ("echo a; history -c", Delete),
        ("echo a && history -c", Delete),
        ("echo a || history -c", Delete),
        ("echo a & history -c", Delete),
        ("(echo a; history -c)", Delete),
        ("{ echo a; history -c; }", Delete),
        ("! history -c", Delete),
        ("for i in 1 2; do history -c; done", Delete),
        ("for i in $(history -c); do echo $i; done", Delete),
        ("while true; do history -c; done", Delete),
        ("if true; then echo; else history -c; fi", Delete),
        ("case x in x) history -c;; esac", Delete),
        ("f() { history -c; }", Delete),
        ("X=$(history -c)", Delete),
        ("echo $(history -c)", Delete),
        ("echo `history -c`", Delete),
        ("echo \"$(history -c)\"", Delete),
        ("echo ${X:-$(history -c)}", Delete),
        ("echo $((1 + $(history -c)))", Delete),
        ("\\history -c", Delete),
        ("'history' -c", Delete),
        ("h\\istory -c", Delete),
        ("\"his\"tory -c", Delete),
        ("$(echo history) -c", Delete),
        ("`echo history` -c", Delete),
        ("$(printf '%s' history) -c", Delete),
        ("$H -c", Update),
        ("${IFS}history -c", Update),
        ("echo 'history -c' | sh", Delete),
        ("printf 'history -c' | bash", Delete),
        ("sh -c 'history -c'", Delete),
        ("bash -c \"echo hi\"", Read),
        ("bash <<'EOF'\nhistory -c\nEOF", Delete),
        ("cat <<'EOF' | sh\nhistory -c\nEOF", Delete),
        ("echo hi <<EOF\n$(history -c)\nEOF", Delete),
        ("echo hi <<EOF\n`history -c`\nEOF", Delete),
        ("echo hi <<'EOF'\n$(history -c)\nEOF", Read),
        ("sh <<< 'history -c'", Delete),
        ("bash script.sh", Update),
        ("sh", Update),
        ("echo x | sh -s", Update),
        ("eval \"$(echo history -c)\"", Delete),
        ("eval $(echo aGlzdG9yeSAtYw== | base64 -d)", Delete),
        ("eval $CMD", Update),
        ("trap 'history -c' EXIT; echo", Delete),
        ("PAGER='history -c' echo", Delete),
        ("PATH=./bin:$PATH echo hi", Update),
        ("LD_PRELOAD=./x.so echo hi", Update),
        ("LC_ALL=C echo hi", Read),
        ("FOO=bar", Read),
        ("PATH=/tmp", Update),
        ("export X=1", Update),
        ("sudo history -c", Delete),
        ("env X=1 history -c", Delete),
        ("env PAGER='history -c' echo", Delete),
        ("nice -n 5 history -c", Delete),
        ("timeout -s KILL 5 history -c", Delete),
        ("nohup history -c &", Delete),
        ("time echo hi > /dev/null", Read),
        ("exec history -c", Delete),
        ("command -v docker", Read),
        ("xargs history -c", Delete),
        ("./echo hi", Update),
        ("/bin/echo hi", Read),
        ("/usr/bin/env echo hi", Read),
        ("/opt/tools/echo hi", Update),
        ("echo 'unterminated", Update),
        ("if then fi", Update),
        ("echo hi |", Update),
        ("cd src && echo ok", Read),
        ("history", Read),
        ("history -c", Delete),
        ("ulimit -n 4096", Update),
        ("ulimit -a", Read),
        ("echo $(</etc/hostname)", Read),
        ("env -S 'history -c'", Delete),
        ("man ls", Read),
        ("man -P 'history -c' ls", Update),
        ("man --pager=less ls", Update),
    ];
    let mut failures = Vec::new();
    for (command, expected) in cases {
        let verdict = classify(command);
        if verdict.label != *expected {
            failures.push(format!("{command:?}: got {verdict}, want {expected}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
