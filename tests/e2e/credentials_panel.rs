//! The credentials panel in the real TUI against a real Secret Service: list, store through
//! the form, reveal and automatic re-hide, delete with confirmation, the audit tail; and no
//! copy of a revealed value left in cco's memory once it is hidden again.

use crate::harness::{Cco, Options};
use crate::secret_service::{self, contains, core_dump, Keyring};

#[test]
fn store_reveal_and_delete_from_the_panel() {
    let Some(keyring) = Keyring::start_if_available() else {
        return;
    };
    keyring.config("[credentials]\nreveal_seconds = 4\n");
    let canary = format!("panel-canary-{}", std::process::id());
    let stored = keyring.run_with(
        &["store", "ci-token", "--type", "token"],
        &format!("{canary}\n"),
        &[],
    );
    assert!(stored.status.success());

    let mut cco = Cco::start(Options {
        args: vec!["--".into(), "sh".into()],
        env: keyring.tui_env(),
        rows: 32,
        cols: 110,
        ..Options::default()
    });
    cco.wait_text("1:sh*");
    cco.keys("C-Space s");
    cco.wait_text("credentials · keyring · 1 stored");
    cco.wait_text("ci-token");

    cco.keys("n");
    cco.wait_text("new credential");
    cco.type_text("deploy-key");
    cco.keys("Tab Right Tab");
    cco.type_text("github");
    cco.keys("Tab Tab");
    cco.type_text("deploy-secret-value-9");
    cco.wait_text("•••••••••••••••••••••");
    assert!(!cco.screen_text().contains("deploy-secret-value-9"));
    cco.keys("Enter");
    cco.wait_text("credentials · keyring · 2 stored");
    assert_eq!(
        keyring.secret_tool_lookup("deploy-key").as_deref(),
        Some("deploy-secret-value-9"),
        "stored in the real keyring"
    );

    cco.keys("Enter");
    cco.wait_text(&format!("ci-token = {canary}"));
    let gcore = secret_service::can_dump_cores();
    if gcore {
        assert!(contains(&core_dump(cco.pid()), &canary), "held while shown");
    }
    cco.wait_gone(&canary);
    if gcore {
        assert!(
            !contains(&core_dump(cco.pid()), &canary),
            "still in cco's memory once hidden"
        );
    }

    cco.keys("Down d");
    cco.wait_text("Delete the credential deploy-key");
    cco.keys("y");
    cco.wait_text("credentials · keyring · 1 stored");
    assert_eq!(keyring.secret_tool_lookup("deploy-key"), None);
    cco.wait_text("reveal ci-token ok");
    cco.keys("Esc C-Space q y");
    cco.wait_exit();
    secret_service::assert_no_file_holds(keyring.root.path(), &canary);
}
