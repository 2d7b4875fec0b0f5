//! Property tests: the classifier never panics, and a write redirection is never READ.

use proptest::prelude::*;

use super::{classify, Label};

/// Shell-ish tokens with balanced quoting and no comments, so a trailing `> file` really is a
/// redirection of the last command.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_./=:,+-]{1,12}",
        "'[a-z <>|;&$()`*]{0,10}'",
        "\"[a-z <>|;&*]{0,10}\"",
        Just("|".to_string()),
        Just("&&".to_string()),
        Just("||".to_string()),
        Just(";".to_string()),
        Just("$(ls)".to_string()),
        Just("2>/dev/null".to_string()),
        Just("<".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
    ]
}

fn command_prefix() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 1..8).prop_map(|tokens| tokens.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let _ = classify(&text);
    }

    #[test]
    fn shell_like_noise_never_panics(text in "[ -~\\n\\t]{0,80}") {
        let _ = classify(&text);
    }

    #[test]
    fn a_write_redirection_is_never_read(
        prefix in command_prefix(),
        operator in prop_oneof![Just(">"), Just(">>"), Just(">|"), Just("&>"), Just("2>"), Just("1>")],
        file in "[a-z][a-z0-9_.]{0,10}",
    ) {
        let command = format!("{prefix} {operator} {file}");
        let verdict = classify(&command);
        prop_assert_ne!(verdict.label, Label::Read, "{} → {}", command, verdict);
    }
}
