//! The leak test: a canary secret goes through store, retrieve, reveal and exec against a real
//! Secret Service; then the audit table, every file cco wrote, cco's argv and environment and a
//! core dump of a cco process that held it are searched. Only the exec child (and the terminal
//! it was revealed on) may have it.

use std::io::BufRead as _;
use std::process::Stdio;

use crate::monitor_cli::describe as text;
use crate::secret_service::{self, contains, core_dump, files_under, Keyring};

#[test]
fn a_canary_secret_is_found_nowhere_it_should_not_be() {
    if !secret_service::available() || !secret_service::can_dump_cores() {
        return;
    }
    let canary = format!("cAnArY-{}-{:x}", std::process::id(), rand_suffix());
    let keyring = Keyring::start();
    let stored = keyring.run_with(
        &["store", "leaky", "--type", "api-key"],
        &format!("{canary}\n"),
        &[],
    );
    assert!(stored.status.success(), "{}", text(&stored));
    let retrieved = keyring.run(&["retrieve", "leaky"]);
    assert!(retrieved.status.success() && !contains(&retrieved.stdout, &canary));
    let revealed = keyring.run_on_terminal(&["retrieve", "leaky", "--reveal"]);
    assert!(
        contains(&revealed.stdout, &canary),
        "revealed on purpose, on a terminal"
    );
    let exec = keyring.run(&[
        "exec",
        "leaky",
        "--",
        "sh",
        "-c",
        "echo $LEAKY; echo $LEAKY >&2",
    ]);
    assert!(exec.status.success(), "{}", text(&exec));
    assert!(
        !contains(&exec.stdout, &canary) && !contains(&exec.stderr, &canary),
        "{}",
        text(&exec)
    );

    // A cco that holds the secret while its command runs.
    let mut helper = keyring
        .command(&[
            "exec",
            "leaky",
            "--",
            "sh",
            "-c",
            "echo started; while :; do sleep 0.1; done",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("cco exec starts");
    let mut line = String::new();
    std::io::BufReader::new(helper.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the command started");
    assert_eq!(line, "started\n");
    let pid = helper.id();
    let child: u32 = std::fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
        .expect("children")
        .split_whitespace()
        .next()
        .and_then(|p| p.parse().ok())
        .expect("the command's pid");
    let proc_file = |pid: u32, name: &str| {
        std::fs::read(format!("/proc/{pid}/{name}"))
            .unwrap_or_else(|e| panic!("/proc/{pid}/{name}: {e}"))
    };
    eprintln!(
        "DEBUG cco {pid} child {child} {:?}",
        std::fs::read_to_string(format!("/proc/{child}/status")).map(|s| s
            .lines()
            .take(4)
            .collect::<Vec<_>>()
            .join("|"))
    );
    // The search works: the command was given the secret, in its environment and its memory.
    assert!(contains(&proc_file(child, "environ"), &canary));
    assert!(contains(&core_dump(child), &canary));
    // cco itself: not in its argv, its environment or its memory.
    assert!(!contains(&proc_file(pid, "cmdline"), &canary));
    assert!(!contains(&proc_file(pid, "environ"), &canary));
    assert!(
        !contains(&core_dump(pid), &canary),
        "cco's memory holds the canary"
    );
    // SAFETY: killing the command this test started.
    unsafe { libc::kill(child as i32, libc::SIGKILL) };
    let status = helper.wait().expect("cco exec ends");
    assert_eq!(status.code(), Some(137), "the command's death is reported");

    let audit = keyring.run(&["audit", "--json"]);
    assert!(audit.status.success() && !contains(&audit.stdout, &canary));
    let rows: Vec<String> = {
        let db = keyring.db();
        let mut statement = db
            .prepare(
                "SELECT operation || name || pid || parent || coalesce(pane, '') || outcome || \
                 detail FROM credential_audit",
            )
            .expect("select");
        let rows = statement.query_map([], |row| row.get(0)).expect("rows");
        rows.collect::<Result<_, _>>().expect("rows")
    };
    assert!(rows.len() >= 5, "{rows:?}");
    assert!(rows.iter().all(|row| !row.contains(&canary)));
    let files = files_under(keyring.root.path());
    assert!(files.iter().any(|f| f.ends_with("cco.db")), "{files:?}");
    secret_service::assert_no_file_holds(keyring.root.path(), &canary);
}

fn rand_suffix() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(7, |d| d.as_nanos() as u64)
}
