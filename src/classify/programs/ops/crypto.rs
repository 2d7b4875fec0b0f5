//! Keys and certificates: openssl, ssh-keygen, ssh-add, ssh-keyscan, gpg.

use super::{any_dynamic, has_option, option_values, Call};
use crate::classify::programs::Stdin;
use crate::classify::verdict::Verdict;
use crate::classify::words::{has_flag, Word};

pub fn judge(call: &Call) -> Option<Verdict> {
    let args = call.args;
    let verdict = match call.program {
        "openssl" => openssl(call),
        "ssh-keygen" => ssh_keygen(args),
        "ssh-add" => {
            if has_flag(args, 'l', "") || has_flag(args, 'L', "") || has_flag(args, 'T', "") {
                Verdict::read("ssh-add -l lists agent keys")
            } else if has_flag(args, 'd', "") || has_flag(args, 'D', "") {
                Verdict::delete("ssh-add -d removes keys from the agent")
            } else {
                Verdict::update("ssh-add changes the agent's keys")
            }
        }
        "ssh-keyscan" => match any_dynamic(args) {
            Some(word) => Verdict::update(format!(
                "ssh-keyscan contacts {}, only known when the shell runs",
                word.text
            ))
            .net(),
            None if has_flag(args, 'f', "") => {
                Verdict::update("ssh-keyscan -f scans hosts read from a file").net()
            }
            None => Verdict::read("ssh-keyscan prints host keys").net(),
        },
        "ssh-copy-id" => Verdict::update("ssh-copy-id installs a key on a remote host").net(),
        "gpg" | "gpg2" => gpg(args),
        _ => return None,
    };
    Some(verdict)
}

fn writes_out(args: &[Word]) -> Option<String> {
    #[rustfmt::skip]
    const OUTPUTS: &[&str] = &[
        "-out", "-keyout", "-sess_out", "-writerand", "-certout", "-CAserial", "-msgout",
        "-signer_out",
    ];
    args.iter().enumerate().find_map(|(at, word)| {
        if OUTPUTS.contains(&word.text.as_str()) {
            args.get(at + 1).map(|value| value.text.clone())
        } else {
            None
        }
    })
}

fn openssl(call: &Call) -> Verdict {
    let args = call.args;
    let Some((command, rest)) = args.split_first() else {
        return Verdict::update("openssl opens an interactive prompt");
    };
    let command = command.text.as_str();
    let name = format!("openssl {command}");
    if has_option(
        rest,
        &["-engine", "-provider", "-provider-path", "-keygen_engine"],
    ) {
        return Verdict::update(format!("{name} loads an engine or provider library"));
    }
    if let Some(file) = writes_out(rest) {
        return Verdict::create(format!("{name} writes {file}"));
    }
    if has_option(rest, &["-CAcreateserial"]) {
        return Verdict::create(format!("{name} writes a serial file"));
    }
    match command {
        "version" | "ciphers" | "list" | "help" | "errstr" | "speed" | "rand" | "dgst" | "x509"
        | "verify" | "crl" | "asn1parse" | "storeutl" | "pkey" | "rsa" | "ec" | "dsa"
        | "dhparam" | "base64" | "enc" | "passwd" | "prime" | "pkcs7" | "pkcs8" | "pkcs12"
        | "pkeyutl" | "rsautl" | "sha256" | "sha1" | "md5" | "sha512" | "crl2pkcs7" | "nseq"
        | "sess_id" | "spkac" | "cms" | "smime" | "mac" | "kdf" | "info" | "pkeyparam"
        | "ecparam" | "-v" | "sha384" | "sha224" | "ts" => {
            if command == "ecparam" && has_option(rest, &["-genkey"])
                || command == "dhparam" && !has_option(rest, &["-in", "-noout", "-text", "-check"])
            {
                Verdict::create(format!("{name} generates key material"))
            } else if command == "pkcs12" && has_option(rest, &["-export"]) {
                Verdict::create(format!("{name} -export builds an archive"))
            } else {
                Verdict::read(format!("{name} only reads and prints"))
            }
        }
        "req" => {
            if has_option(rest, &["-new", "-newkey", "-x509"]) {
                Verdict::create(format!("{name} generates a request or certificate"))
            } else {
                Verdict::read(format!("{name} prints a request"))
            }
        }
        "genrsa" | "genpkey" | "gendsa" => Verdict::create(format!("{name} generates a key")),
        "s_client" | "s_time" => {
            let quiet_input = match call.stdin {
                Stdin::Inherited => true,
                Stdin::Text(text) => text.trim().is_empty() || text.trim() == "Q",
                Stdin::File(file) => file == "/dev/null",
                Stdin::Piped => false,
            };
            if any_dynamic(rest).is_some() {
                Verdict::update(format!(
                    "{name} connects to a host only known when the shell runs"
                ))
                .net()
            } else if quiet_input {
                Verdict::read(format!("{name} connects and prints the handshake")).net()
            } else {
                Verdict::update(format!("{name} sends its input to the server")).net()
            }
        }
        "ocsp" if has_option(rest, &["-url"]) && !has_option(rest, &["-index", "-port"]) => {
            Verdict::read(format!("{name} queries a responder")).net()
        }
        _ => Verdict::update(format!("{name} may write files or serve connections")),
    }
}

fn ssh_keygen(args: &[Word]) -> Verdict {
    let flag = |letter: char| has_flag(args, letter, "");
    if flag('R') {
        return Verdict::update("ssh-keygen -R removes a host from known_hosts");
    }
    if flag('H') || flag('p') || flag('c') || flag('u') {
        return Verdict::update("ssh-keygen rewrites an existing key or known_hosts");
    }
    if let Some(action) = option_values(args, &["-Y"]).first() {
        return match action.text.as_str() {
            "verify" | "check-novalidate" | "find-principals" | "match-principals" => {
                Verdict::read(format!("ssh-keygen -Y {} only checks", action.text))
            }
            _ => Verdict::create(format!("ssh-keygen -Y {} writes a signature", action.text)),
        };
    }
    if flag('A') || flag('s') || flag('k') || flag('K') || flag('G') || flag('T') || flag('M') {
        return Verdict::create("ssh-keygen writes keys, certificates or revocation lists");
    }
    if flag('l')
        || flag('L')
        || flag('F')
        || flag('B')
        || flag('y')
        || flag('e')
        || flag('i')
        || flag('D')
        || flag('Q')
    {
        return Verdict::read("ssh-keygen prints a key, fingerprint or known host");
    }
    let file = option_values(args, &["-f"])
        .first()
        .map_or_else(|| "~/.ssh/id_*".to_string(), |w| w.text.clone());
    Verdict::create(format!("ssh-keygen generates a key pair at {file}"))
}

fn gpg(args: &[Word]) -> Verdict {
    let has = |names: &[&str]| has_option(args, names);
    let output = option_values(args, &["-o", "--output"]);
    let writes_file = output.first().is_some_and(|w| !w.is("-"));
    if has(&[
        "--delete-key",
        "--delete-keys",
        "--delete-secret-key",
        "--delete-secret-keys",
        "--delete-secret-and-public-key",
        "--delete-secret-and-public-keys",
    ]) {
        return Verdict::delete("gpg removes keys from the keyring");
    }
    if has(&["--send-keys", "--send-key"]) {
        return Verdict::update("gpg --send-keys uploads keys").net();
    }
    if has(&[
        "--import",
        "--recv-keys",
        "--recv-key",
        "--receive-keys",
        "--refresh-keys",
        "--fetch-keys",
        "--edit-key",
        "--sign-key",
        "--lsign-key",
        "--quick-sign-key",
        "--quick-lsign-key",
        "--quick-add-uid",
        "--quick-revoke-uid",
        "--quick-add-key",
        "--quick-set-expire",
        "--quick-set-primary-uid",
        "--import-ownertrust",
        "--update-trustdb",
        "--change-passphrase",
        "--passwd",
        "--gen-revoke",
        "--generate-revocation",
    ]) {
        return Verdict::update("gpg changes the keyring");
    }
    if has(&[
        "--gen-key",
        "--full-generate-key",
        "--full-gen-key",
        "--generate-key",
        "--quick-gen-key",
        "--quick-generate-key",
    ]) {
        return Verdict::create("gpg generates a key");
    }
    let short = |letter: char| has_flag(args, letter, "");
    if has(&[
        "--encrypt",
        "--sign",
        "--clearsign",
        "--clear-sign",
        "--detach-sign",
        "--symmetric",
    ]) || short('e')
        || short('s')
        || short('c')
        || short('b')
    {
        return Verdict::create("gpg writes an encrypted or signed file");
    }
    let reads = has(&[
        "--list-keys",
        "--list-public-keys",
        "--list-secret-keys",
        "--list-sigs",
        "--check-sigs",
        "--fingerprint",
        "--verify",
        "--list-packets",
        "--show-keys",
        "--version",
        "--help",
        "--list-config",
        "--card-status",
        "--dump-options",
        "--print-md",
        "--export",
        "--export-secret-keys",
        "--armor-export",
        "--decrypt",
        "--search-keys",
        "--locate-keys",
        "--show-key",
    ]) || short('k')
        || short('K')
        || short('d');
    match (reads, writes_file) {
        (true, true) => Verdict::create(format!(
            "gpg writes {}",
            output.first().map_or("", |w| w.text.as_str())
        )),
        (true, false) if has(&["--search-keys", "--locate-keys"]) => {
            Verdict::read("gpg searches a keyserver").net()
        }
        (true, false) => Verdict::read("gpg lists, verifies or prints"),
        _ => Verdict::update("gpg may decrypt to a file or change the keyring"),
    }
}
