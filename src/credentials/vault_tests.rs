use std::os::unix::fs::PermissionsExt as _;

use secrecy::{ExposeSecret as _, SecretString};

use super::FileVault;

fn vault(dir: &tempfile::TempDir, passphrase: &str) -> FileVault {
    FileVault::new(dir.path().join("v.vault"), SecretString::from(passphrase))
}

#[test]
fn values_round_trip_encrypted_in_a_private_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let one = vault(&dir, "correct horse");
    one.put("github", &SecretString::from("ghp_canary_value_123"))
        .expect("put");
    one.put("db", &SecretString::from("pg-secret"))
        .expect("put");
    one.put("github", &SecretString::from("ghp_rotated_value_456"))
        .expect("replace");

    let again = vault(&dir, "correct horse");
    let github = again.get("github").expect("get").expect("present");
    assert_eq!(github.expose_secret(), "ghp_rotated_value_456");
    assert_eq!(
        again
            .get("db")
            .expect("get")
            .map(|s| s.expose_secret().to_string()),
        Some("pg-secret".into())
    );
    assert!(again.get("missing").expect("get").is_none());

    let bytes = std::fs::read(one.path()).expect("read");
    for clear in ["ghp_", "pg-secret", "github", "correct horse"] {
        assert!(
            !bytes.windows(clear.len()).any(|w| w == clear.as_bytes()),
            "{clear} is in the file in the clear"
        );
    }
    let mode = std::fs::metadata(one.path())
        .expect("meta")
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    assert!(again.delete("db").expect("delete"));
    assert!(!again.delete("db").expect("delete twice"));
    assert!(vault(&dir, "correct horse")
        .get("db")
        .expect("get")
        .is_none());
}

#[test]
fn a_wrong_passphrase_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    vault(&dir, "right")
        .put("a", &SecretString::from("value-a"))
        .expect("put");
    let before = std::fs::read(dir.path().join("v.vault")).expect("read");

    let wrong = vault(&dir, "wrong");
    let error = wrong.get("a").expect_err("wrong passphrase").to_string();
    assert!(error.contains("passphrase does not open"), "{error}");
    let error = wrong
        .put("b", &SecretString::from("value-b"))
        .expect_err("no write with a wrong passphrase")
        .to_string();
    assert!(error.contains("passphrase does not open"), "{error}");

    assert_eq!(
        std::fs::read(dir.path().join("v.vault")).expect("read"),
        before
    );
    let value = vault(&dir, "right")
        .get("a")
        .expect("get")
        .expect("present");
    assert_eq!(value.expose_secret(), "value-a");
}

#[test]
fn a_corrupted_vault_gives_a_clear_error_and_is_left_as_it_is() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v.vault");
    vault(&dir, "pw")
        .put("a", &SecretString::from("value-a"))
        .expect("put");

    let mut flipped = std::fs::read(&path).expect("read");
    let last = flipped.len() - 1;
    flipped[last] ^= 0x55;
    std::fs::write(&path, &flipped).expect("write");
    let error = vault(&dir, "pw").get("a").expect_err("altered").to_string();
    assert!(error.contains("or the file was altered"), "{error}");

    std::fs::write(&path, b"CCOVAU").expect("write");
    let error = vault(&dir, "pw")
        .put("b", &SecretString::from("value-b"))
        .expect_err("cut short")
        .to_string();
    assert!(error.contains("is damaged"), "{error}");
    assert!(error.contains("left as it is"), "{error}");
    assert_eq!(std::fs::read(&path).expect("read"), b"CCOVAU");
}
