//! `cco credentials` through the real binary against a real Secret Service (gnome-keyring on
//! a private D-Bus session), the file vault, the rate limit and the audit across processes.

use serde_json::Value;

use crate::monitor_cli::describe as text;
use crate::secret_service::{contains, Keyring};

fn ok(output: &std::process::Output) -> String {
    assert!(output.status.success(), "{}", text(output));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn failed(output: &std::process::Output) -> String {
    assert!(
        !output.status.success(),
        "expected a failure: {}",
        text(output)
    );
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn json(output: &std::process::Output) -> Value {
    serde_json::from_str(&ok(output)).unwrap_or_else(|e| panic!("{e}: {}", text(output)))
}

const CHECK_ENV: &str =
    r#"echo "seen: $GITHUB_TOKEN"; [ "$GITHUB_TOKEN" = "$1" ] && echo same-value"#;

#[test]
fn store_retrieve_exec_rotate_and_delete_in_a_real_keyring() {
    let Some(keyring) = Keyring::start_if_available() else {
        return;
    };
    let stored = keyring.run_with(
        &[
            "store",
            "github-token",
            "--credential-type",
            "token",
            "--service",
            "github",
            "--description",
            "CI token",
        ],
        "ghp_first_value_1234\n",
        &[],
    );
    assert!(
        ok(&stored).contains("in the keyring store"),
        "{}",
        text(&stored)
    );
    assert_eq!(
        keyring.secret_tool_lookup("github-token").as_deref(),
        Some("ghp_first_value_1234"),
        "the value is in the Secret Service, where libsecret finds it"
    );
    let again = keyring.run_with(&["store", "github-token"], "other\n", &[]);
    assert!(
        failed(&again).contains("already exists"),
        "{}",
        text(&again)
    );

    let listed = keyring.run(&["list", "--json"]);
    let list = json(&listed);
    assert_eq!(list[0]["name"], "github-token");
    assert_eq!(list[0]["kind"], "token");
    assert_eq!(list[0]["service"], "github");
    assert_eq!(list[0]["store"], "keyring");
    assert_eq!(list[0]["rotation_days"], 30);
    assert_eq!(list[0]["rotation"]["state"], "current");
    assert!(!contains(&listed.stdout, "ghp_first"), "metadata only");

    let retrieved = keyring.run(&["retrieve", "github-token"]);
    assert!(ok(&retrieved).contains("is in the keyring store"));
    assert!(!contains(&retrieved.stdout, "ghp_first"));
    let piped_reveal = keyring.run(&["retrieve", "github-token", "--reveal"]);
    assert!(failed(&piped_reveal).contains("only to a terminal"));
    assert!(!contains(&piped_reveal.stdout, "ghp_first"));
    // What a command run by exec prints of $GITHUB_TOKEN, and whether it is `expected`.
    let exec_sees = |expected: &str| {
        ok(&keyring.run(&[
            "exec",
            "github-token",
            "--",
            "sh",
            "-c",
            CHECK_ENV,
            "sh",
            expected,
        ]))
    };
    let on_terminal = keyring.run_on_terminal(&["retrieve", "github-token", "--reveal"]);
    assert!(
        contains(&on_terminal.stdout, "ghp_first_value_1234"),
        "{}",
        text(&on_terminal)
    );

    assert_eq!(
        exec_sees("ghp_first_value_1234"),
        "seen: [masked:github-token]\nsame-value\n"
    );
    let renamed = keyring.run(&[
        "exec",
        "GH=github-token",
        "--",
        "sh",
        "-c",
        "echo \"$GH\" >&2; exit 7",
    ]);
    assert_eq!(renamed.status.code(), Some(7), "{}", text(&renamed));
    assert_eq!(
        String::from_utf8_lossy(&renamed.stderr),
        "[masked:github-token]\n"
    );

    let rotated = keyring.run_with(&["rotate", "github-token"], "ghp_second_value_5678\n", &[]);
    assert!(ok(&rotated).contains("Rotated github-token"));
    assert_eq!(
        exec_sees("ghp_second_value_5678"),
        "seen: [masked:github-token]\nsame-value\n"
    );

    let overdue = keyring.run_with(
        &[
            "store",
            "old-db",
            "--type",
            "database",
            "--rotation-days",
            "0",
        ],
        "pw\n",
        &[],
    );
    ok(&overdue);
    let check = keyring.run(&["check-rotation"]);
    assert_eq!(check.status.code(), Some(1), "{}", text(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("old-db"));

    let deleted = keyring.run(&["delete", "github-token", "--yes"]);
    ok(&deleted);
    assert_eq!(
        keyring.secret_tool_lookup("github-token"),
        None,
        "gone from the keyring"
    );
    let missing = keyring.run(&["retrieve", "github-token"]);
    assert!(failed(&missing).contains("no credential named"));

    let audit = json(&keyring.run(&["audit", "--json", "--name", "github-token"]));
    let trail: Vec<(String, String)> = audit
        .as_array()
        .expect("rows")
        .iter()
        .rev()
        .map(|row| {
            (
                row["operation"].as_str().unwrap_or("").into(),
                row["outcome"].as_str().unwrap_or("").into(),
            )
        })
        .collect();
    let expected = [
        ("store", "ok"),
        ("retrieve", "ok"),
        ("reveal", "failed"),
        ("reveal", "ok"),
        ("exec", "ok"),
        ("exec", "ok"),
        ("rotate", "ok"),
        ("exec", "ok"),
        ("delete", "ok"),
        ("retrieve", "failed"),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(trail, expected);
    assert!(audit[0]["pid"].as_i64().is_some_and(|pid| pid > 0));
    assert!(!audit[0]["parent"].as_str().unwrap_or("").is_empty());
}

#[test]
fn reads_are_rate_limited_across_processes() {
    let Some(keyring) = Keyring::start_if_available() else {
        return;
    };
    keyring.config("[credentials]\nmax_attempts = 4\nwindow_seconds = 600\n");
    ok(&keyring.run_with(&["store", "api"], "value\n", &[]));
    let outputs: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..2)
            .map(|_| {
                scope.spawn(|| {
                    (0..3)
                        .map(|_| keyring.run(&["retrieve", "api"]))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("worker"))
            .collect()
    });
    let allowed = outputs.iter().filter(|o| o.status.success()).count();
    assert_eq!(
        allowed, 4,
        "four reads in the window, whichever process made them"
    );
    for refused in outputs.iter().filter(|o| !o.status.success()) {
        let message = String::from_utf8_lossy(&refused.stderr);
        assert!(
            message.contains("at most 4 every 600s; try again in"),
            "{message}"
        );
    }
    let exec = keyring.run(&["exec", "api", "--", "true"]);
    assert!(failed(&exec).contains("too many reads"));
    let limited: i64 = keyring
        .db()
        .query_row(
            "SELECT count(*) FROM credential_audit WHERE outcome = 'rate_limited'",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(limited, 3);
}

#[test]
fn no_audit_entry_means_no_operation() {
    let Some(keyring) = Keyring::start_if_available() else {
        return;
    };
    ok(&keyring.run_with(&["store", "api"], "audited-value\n", &[]));
    keyring
        .db()
        .execute_batch(
            "CREATE TRIGGER no_audit BEFORE INSERT ON credential_audit \
             BEGIN SELECT RAISE(FAIL, 'disk full (test)'); END;",
        )
        .expect("trigger");

    let exec = keyring.run(&["exec", "api", "--", "sh", "-c", "touch ran"]);
    assert!(
        failed(&exec).contains("the audit entry for this exec could not be written"),
        "{}",
        text(&exec)
    );
    assert!(!keyring.path("ran").exists(), "the command never ran");
    let reveal = keyring.run_on_terminal(&["retrieve", "api", "--reveal"]);
    assert!(
        !contains(&reveal.stdout, "audited-value"),
        "{}",
        text(&reveal)
    );
    let store = keyring.run_with(&["store", "second"], "second-value\n", &[]);
    assert!(failed(&store).contains("could not be written"));
    assert_eq!(keyring.secret_tool_lookup("second"), None);
    let delete = keyring.run(&["delete", "api", "--yes"]);
    failed(&delete);
    assert_eq!(
        keyring.secret_tool_lookup("api").as_deref(),
        Some("audited-value"),
        "nothing lost"
    );
}

#[test]
fn doctor_proves_the_keyring_keeps_values() {
    let Some(keyring) = Keyring::start_if_available() else {
        return;
    };
    let doctor = keyring.run(&["doctor"]);
    assert!(
        ok(&doctor).contains("read back by another one"),
        "{}",
        text(&doctor)
    );
    // The reading half reports a canary it cannot find (what an in-memory store produces).
    let missing = keyring.run_with(
        &["doctor", "--read-canary", "cco-canary-never-written"],
        "x",
        &[],
    );
    assert_eq!(missing.status.code(), Some(3), "{}", text(&missing));
}

#[test]
fn without_a_keyring_the_error_says_how_to_fix_it_and_the_file_vault_is_opt_in() {
    let keyring = Keyring::without_service();
    let store = keyring.run_with(&["store", "api"], "vault-value-42\n", &[]);
    let message = failed(&store);
    assert!(
        message.contains("cannot be reached") || message.contains("failed"),
        "{message}"
    );
    assert!(message.contains("CCO_CREDENTIAL_STORE=file"), "{message}");
    assert!(json(&keyring.run(&["list", "--json"]))
        .as_array()
        .is_some_and(Vec::is_empty));

    let passphrase = keyring.path("passphrase");
    std::fs::write(&passphrase, "vault passphrase\n").expect("passphrase");
    let passphrase = passphrase.display().to_string();
    let vault_env = [
        ("CCO_CREDENTIAL_STORE", "file"),
        ("CCO_VAULT_PASSPHRASE_FILE", passphrase.as_str()),
    ];
    ok(&keyring.run_with(&["store", "api"], "vault-value-42\n", &vault_env));
    let exec = keyring.run_with(
        &[
            "exec",
            "api",
            "--",
            "sh",
            "-c",
            "echo $API; [ $API = vault-value-42 ] && echo same",
        ],
        "",
        &vault_env,
    );
    assert_eq!(ok(&exec), "[masked:api]\nsame\n");
    let vault = keyring.data_dir().join("credentials.vault");
    let bytes = std::fs::read(&vault).expect("vault");
    assert!(!contains(&bytes, "vault-value-42"));
    use std::os::unix::fs::PermissionsExt as _;
    assert_eq!(
        std::fs::metadata(&vault)
            .expect("meta")
            .permissions()
            .mode()
            & 0o777,
        0o600
    );

    let no_passphrase = keyring.run_with(
        &["exec", "api", "--", "true"],
        "",
        &[("CCO_CREDENTIAL_STORE", "file")],
    );
    assert!(failed(&no_passphrase).contains("CCO_VAULT_PASSPHRASE_FILE"));
    let wrong = keyring.path("wrong");
    std::fs::write(&wrong, "not it").expect("wrong");
    let wrong = wrong.display().to_string();
    let wrong_env = [
        ("CCO_CREDENTIAL_STORE", "file"),
        ("CCO_VAULT_PASSPHRASE_FILE", wrong.as_str()),
    ];
    let refused = keyring.run_with(&["rotate", "api"], "new\n", &wrong_env);
    assert!(failed(&refused).contains("passphrase does not open"));
    assert_eq!(std::fs::read(&vault).expect("vault"), bytes, "unchanged");

    std::fs::write(&vault, &bytes[..20]).expect("corrupt");
    let damaged = keyring.run_with(&["exec", "api", "--", "true"], "", &vault_env);
    assert!(failed(&damaged).contains("is damaged"));
    assert_eq!(
        std::fs::read(&vault).expect("vault"),
        &bytes[..20],
        "left as it is"
    );
}

#[test]
fn values_come_from_a_hidden_prompt_and_an_argument_is_warned_about() {
    let Some(keyring) = Keyring::start_if_available() else {
        return;
    };
    let typed =
        keyring.run_on_terminal_typing(&["store", "typed"], Some("typed-value-1\ntyped-value-1\n"));
    assert!(
        contains(&typed.stdout, "value for typed:"),
        "{}",
        text(&typed)
    );
    assert!(contains(&typed.stdout, "Stored typed"), "{}", text(&typed));
    assert!(
        !contains(&typed.stdout, "typed-value-1"),
        "not echoed: {}",
        text(&typed)
    );
    assert_eq!(
        keyring.secret_tool_lookup("typed").as_deref(),
        Some("typed-value-1")
    );

    let mismatch = keyring.run_on_terminal_typing(&["store", "other"], Some("one\ntwo\n"));
    assert!(
        contains(&mismatch.stdout, "the two entries differ"),
        "{}",
        text(&mismatch)
    );
    assert_eq!(keyring.secret_tool_lookup("other"), None);

    let argv = keyring.run(&["store", "from-argv", "argv-value"]);
    assert!(ok(&argv).contains("Stored from-argv"));
    assert!(String::from_utf8_lossy(&argv.stderr).contains("visible in the process list"));
}
