//! HTTP clients: curl and wget (httpie and xh live in `httpie`). READ only for a request that
//! fetches and prints: no body, no upload, no output file, no option whose effect is unknown.

use super::Call;
use crate::classify::verdict::Verdict;
use crate::classify::words::Word;

pub fn judge(call: &Call) -> Option<Verdict> {
    match call.program {
        "curl" => Some(curl(call.args)),
        "wget" | "wget2" => Some(wget(call.program, call.args)),
        _ => super::httpie::judge(call),
    }
}

/// curl flags (no value) that change nothing but how the response is fetched or shown.
#[rustfmt::skip]
const CURL_FLAGS: &[&str] = &[
    "--silent", "--show-error", "--fail", "--fail-with-body", "--fail-early", "--location",
    "--location-trusted", "--include", "--head", "--verbose", "--insecure", "--get", "--no-buffer",
    "--http1.0", "--http1.1", "--http2", "--http2-prior-knowledge", "--http3", "--http3-only",
    "--http0.9", "--ipv4", "--ipv6", "--globoff", "--netrc", "--netrc-optional", "--compressed",
    "--compressed-ssh", "--tr-encoding", "--raw", "--no-progress-meter", "--progress-bar",
    "--no-keepalive", "--tcp-nodelay", "--tcp-fastopen", "--ssl-reqd", "--ssl", "--tlsv1",
    "--tlsv1.0", "--tlsv1.1", "--tlsv1.2", "--tlsv1.3", "--path-as-is", "--styled-output",
    "--no-styled-output", "--disable", "--no-sessionid", "--no-alpn", "--no-npn",
    "--proxy-insecure", "--digest", "--basic", "--ntlm", "--negotiate", "--anyauth",
    "--retry-all-errors", "--retry-connrefused", "--list-only", "--remote-time", "--create-dirs",
    "--ignore-content-length", "--suppress-connect-headers", "--ca-native", "--doh-insecure",
    "--junk-session-cookies", "--use-ascii", "--parallel", "--parallel-immediate", "--no-clobber",
    "--remove-on-error", "--proxytunnel", "--version", "--help", "--manual", "--xattr",
    "--cert-status", "--false-start", "--haproxy-protocol", "--sasl-ir", "--ssl-no-revoke",
    "--ssl-revoke-best-effort", "--ssl-allow-beast", "--ssl-auto-client-cert",
    "--no-ssl-auto-client-cert", "--proxy-basic", "--proxy-digest", "--proxy-ntlm",
    "--proxy-negotiate", "--proxy-anyauth", "--trace-time", "--trace-ids", "--skip-existing",
    "--show-headers", "--mptcp", "--ftp-pasv", "--ftp-skip-pasv-ip", "--ftp-ssl", "--disable-eprt",
    "--disable-epsv", "--no-ssl", "--no-progress",
];

/// curl options with a value that changes nothing but how the request is made.
#[rustfmt::skip]
const CURL_VALUED: &[&str] = &[
    "--header", "--user-agent", "--referer", "--user", "--max-time", "--connect-timeout",
    "--write-out", "--retry", "--retry-delay", "--retry-max-time", "--proxy", "--proxy-user",
    "--resolve", "--connect-to", "--cacert", "--capath", "--cert", "--key", "--cert-type",
    "--key-type", "--pass", "--range", "--speed-limit", "--speed-time", "--limit-rate",
    "--max-filesize", "--max-redirs", "--interface", "--dns-servers", "--proto", "--proto-redir",
    "--proto-default", "--oauth2-bearer", "--aws-sigv4", "--url", "--cookie", "--time-cond",
    "--expect100-timeout", "--happy-eyeballs-timeout-ms", "--keepalive-time", "--local-port",
    "--noproxy", "--preproxy", "--socks4", "--socks4a", "--socks5", "--socks5-hostname",
    "--tls-max", "--ciphers", "--tls13-ciphers", "--pinnedpubkey", "--request-target",
    "--sasl-authzid", "--service-name", "--unix-socket", "--abstract-unix-socket",
    "--dns-interface", "--dns-ipv4-addr", "--dns-ipv6-addr", "--doh-url", "--proxy-header",
    "--proxy-cacert", "--proxy-cert", "--proxy-key", "--login-options", "--netrc-file",
    "--delegation", "--curves", "--crlfile", "--etag-compare", "--parallel-max", "--url-query",
    "--request", "--output", "--dump-header", "--trace", "--trace-ascii", "--cookie-jar",
    "--etag-save", "--hsts", "--alt-svc", "--libcurl", "--stderr", "--output-dir", "--data",
    "--data-ascii", "--data-binary", "--data-raw", "--data-urlencode", "--form", "--form-string",
    "--json", "--upload-file", "--mail-from", "--mail-rcpt", "--mail-auth", "--quote", "--config",
    "--variable", "--remote-name-all", "--continue-at", "--ftp-port", "--ip-tos", "--trace-config",
    "--ech", "--proxy-service-name", "--tls-version",
];

/// Short curl flags without a value, and short options that take one.
const CURL_SHORT_FLAGS: &str = "sSfLiIvkGNq012346gjBZlnMVhpRaJO#:";
const CURL_SHORT_VALUED: &str = "AbcCdDeEFHKmoPQrtTuUwxXyYz";

fn long_name(short: char) -> &'static str {
    match short {
        'A' => "--user-agent",
        'b' => "--cookie",
        'c' => "--cookie-jar",
        'C' => "--continue-at",
        'd' => "--data",
        'D' => "--dump-header",
        'e' => "--referer",
        'E' => "--cert",
        'F' => "--form",
        'H' => "--header",
        'K' => "--config",
        'm' => "--max-time",
        'o' => "--output",
        'P' => "--ftp-port",
        'Q' => "--quote",
        'r' => "--range",
        't' => "--telnet-option",
        'T' => "--upload-file",
        'u' => "--user",
        'U' => "--proxy-user",
        'w' => "--write-out",
        'x' => "--proxy",
        'X' => "--request",
        'y' => "--speed-time",
        'Y' => "--speed-limit",
        'z' => "--time-cond",
        'G' => "--get",
        'O' => "--remote-name",
        _ => "",
    }
}

/// Where a value sends output: nowhere that is a file.
fn is_terminal_target(target: &str) -> bool {
    matches!(
        target,
        "-" | "/dev/null" | "/dev/stdout" | "/dev/stderr" | "%"
    )
}

fn curl(args: &[Word]) -> Verdict {
    if let Some(word) = args.iter().find(|w| w.substituted) {
        return Verdict::update(format!(
            "curl sends the output of a command substitution ({})",
            word.text
        ))
        .net();
    }
    match scan_curl(args) {
        Ok((options, urls)) => {
            let urls: Vec<&Word> = urls.iter().collect();
            judge_curl(&options, &urls)
        }
        Err(verdict) => verdict,
    }
}

/// curl options by long name, with their values.
type CurlOptions = Vec<(String, Option<Word>)>;

/// The options (by long name, with owned values) and URLs of a curl command line.
fn scan_curl(args: &[Word]) -> Result<(CurlOptions, Vec<Word>), Verdict> {
    let mut options = Vec::new();
    let mut urls = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let word = &args[i];
        let text = word.text.as_str();
        i += 1;
        if text.starts_with("--") && text.len() > 2 {
            if text == "--url" {
                urls.extend(args.get(i).cloned());
                i += 1;
            } else if CURL_VALUED.contains(&text) {
                options.push((text.to_string(), args.get(i).cloned()));
                i += 1;
            } else if CURL_FLAGS.contains(&text)
                || text == "--remote-name"
                || text == "--remote-header-name"
            {
                options.push((text.to_string(), None));
            } else {
                return Err(Verdict::update(format!(
                    "curl option {text} is not known to be read-only"
                ))
                .net());
            }
        } else if text.starts_with('-') && text.len() > 1 {
            for (at, short) in text.char_indices().skip(1) {
                if CURL_SHORT_VALUED.contains(short) {
                    let attached = &text[at + short.len_utf8()..];
                    let value = if attached.is_empty() {
                        i += 1;
                        args.get(i - 1).cloned()
                    } else {
                        Some(Word {
                            text: attached.to_string(),
                            ..word.clone()
                        })
                    };
                    options.push((long_name(short).to_string(), value));
                    break;
                } else if CURL_SHORT_FLAGS.contains(short) {
                    options.push((long_name(short).to_string(), None));
                } else {
                    return Err(Verdict::update(format!(
                        "curl option -{short} is not known to be read-only"
                    ))
                    .net());
                }
            }
        } else {
            urls.push(word.clone());
        }
    }
    Ok((options, urls))
}

fn judge_curl(options: &[(String, Option<Word>)], urls: &[&Word]) -> Verdict {
    let target = urls.first().map_or("", |u| u.text.as_str());
    let get_mode = options.iter().any(|(name, _)| name == "--get");
    let mut verdicts = vec![Verdict::read(if urls.is_empty() {
        "curl prints information".to_string()
    } else {
        format!("curl GETs {target}")
    })];
    for (name, value) in options {
        let value_text = value.as_ref().map_or("", |v| v.text.as_str());
        let found = match name.as_str() {
            "--config" => Some(Verdict::update(format!(
                "curl -K reads options from {value_text}, which may do anything"
            ))),
            "--variable" => Some(Verdict::update(
                "curl --variable can send files or the environment",
            )),
            "--output" | "--dump-header" | "--trace" | "--trace-ascii" | "--cookie-jar"
            | "--etag-save" | "--hsts" | "--alt-svc" | "--libcurl" | "--stderr"
                if !is_terminal_target(value_text) =>
            {
                Some(Verdict::create(format!("curl {name} writes {value_text}")))
            }
            "--remote-name" | "--remote-name-all" | "--output-dir" => Some(Verdict::create(
                format!("curl {name} saves the response to a file"),
            )),
            "--write-out" if value_text.contains("%output{") => {
                Some(Verdict::create("curl --write-out %output writes a file"))
            }
            "--header" | "--proxy-header" | "--url-query"
                if value_text.starts_with('@')
                    || (name == "--url-query" && value_text.contains('@')) =>
            {
                Some(Verdict::update(format!(
                    "curl {name} sends the contents of {value_text}"
                )))
            }
            "--data" | "--data-ascii" | "--data-binary" | "--data-urlencode" | "--data-raw"
                if get_mode =>
            {
                let reads_file = match name.as_str() {
                    "--data-raw" => false,
                    "--data-urlencode" => value_text.split('=').next().unwrap_or("").contains('@'),
                    _ => value_text.starts_with('@'),
                };
                reads_file
                    .then(|| Verdict::update(format!("curl -G sends the contents of {value_text}")))
            }
            "--data" | "--data-ascii" | "--data-binary" | "--data-urlencode" | "--data-raw"
            | "--json" => Some(Verdict::update(format!("curl POSTs data to {target}"))),
            "--form" | "--form-string" | "--upload-file" | "--mail-from" | "--mail-rcpt"
            | "--mail-auth" | "--quote" => Some(Verdict::update(format!(
                "curl {name} uploads or sends data to {target}"
            ))),
            "--continue-at" | "--ftp-port" | "--telnet-option" => {
                Some(Verdict::update(format!("curl {name} changes a transfer")))
            }
            "--request" => {
                let method = value_text.to_ascii_uppercase();
                match method.as_str() {
                    "GET" | "HEAD" | "OPTIONS" => None,
                    "DELETE" => Some(Verdict::delete(format!(
                        "curl sends a DELETE request to {target}"
                    ))),
                    _ => Some(Verdict::update(format!(
                        "curl sends a {method} request to {target}"
                    ))),
                }
            }
            _ => None,
        };
        verdicts.extend(found);
    }
    for url in urls {
        if let Some((scheme, _)) = url.text.split_once("://") {
            let scheme = scheme.to_ascii_lowercase();
            if !matches!(
                scheme.as_str(),
                "http" | "https" | "ftp" | "ftps" | "file" | "sftp" | "scp"
            ) {
                verdicts.push(Verdict::update(format!(
                    "curl speaks {scheme}://, which can send commands"
                )));
            }
        }
    }
    let verdict = Verdict::max_of(verdicts);
    if urls.is_empty() {
        verdict
    } else {
        verdict.net()
    }
}

/// wget options without a value that change nothing but logging or how the fetch is made.
#[rustfmt::skip]
const WGET_FLAGS: &[&str] = &[
    "-q", "--quiet", "-v", "--verbose", "-nv", "--no-verbose", "-d", "--debug", "-S",
    "--server-response", "--spider", "-4", "--inet4-only", "-6", "--inet6-only",
    "--no-check-certificate", "--check-certificate", "--show-progress", "--no-cache",
    "--no-config", "--https-only", "--auth-no-challenge", "--no-proxy", "--retry-connrefused",
    "--no-dns-cache", "--ignore-case", "--keep-session-cookies", "--no-cookies",
    "--content-disposition", "--trust-server-names", "--no-hsts", "--ask-password", "--no-iri",
    "--iri", "-nc", "--no-clobber", "-c", "--continue", "-N", "--timestamping", "-h", "--help",
    "-V", "--version", "--no-http-keep-alive", "--ignore-length", "-nd", "--no-directories", "-nH",
    "--no-host-directories", "-np", "--no-parent", "-x", "--force-directories", "-k",
    "--convert-links", "-K", "--backup-converted", "-E", "--adjust-extension", "-p",
    "--page-requisites", "-H", "--span-hosts", "-L", "--relative", "-r", "--recursive", "-m",
    "--mirror", "--random-wait", "--delete-after", "-F", "--force-html", "--unlink", "--xattr",
    "--no-netrc",
];

/// wget options with a value that do not write, send or run anything.
#[rustfmt::skip]
const WGET_VALUED: &[&str] = &[
    "--header", "-U", "--user-agent", "--user", "--password", "--http-user", "--http-password",
    "-T", "--timeout", "--dns-timeout", "--connect-timeout", "--read-timeout", "-t", "--tries",
    "-w", "--wait", "--waitretry", "--limit-rate", "--max-redirect", "--compression",
    "--ca-certificate", "--ca-directory", "--certificate", "--certificate-type", "--private-key",
    "--private-key-type", "--referer", "--bind-address", "--prefer-family", "--local-encoding",
    "--remote-encoding", "--secure-protocol", "--ciphers", "--progress", "-l", "--level", "-A",
    "--accept", "-R", "--reject", "-D", "--domains", "--exclude-domains", "-I",
    "--include-directories", "-X", "--exclude-directories", "--cut-dirs", "-Q", "--quota",
    "--restrict-file-names", "--retry-on-http-error", "--report-speed", "--default-page",
    "--load-cookies", "-P", "--directory-prefix", "-B", "--base", "--start-pos", "--backups",
    "--accept-regex", "--reject-regex", "--regex-type", "-e", "--execute", "--config", "-O",
    "--output-document", "-o", "--output-file", "-a", "--append-output", "-i", "--input-file",
    "--post-data", "--post-file", "--body-data", "--body-file", "--method", "--save-cookies",
    "--warc-file", "--rejected-log", "--hsts-file", "--use-askpass", "--input-metalink",
    "--proxy-user", "--proxy-password",
];

fn wget(program: &str, args: &[Word]) -> Verdict {
    if let Some(word) = args.iter().find(|w| w.substituted) {
        return Verdict::update(format!(
            "{program} sends the output of a command substitution ({})",
            word.text
        ))
        .net();
    }
    let mut options: Vec<(String, String)> = Vec::new();
    let mut urls: Vec<&Word> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let word = &args[i];
        let text = word.text.as_str();
        i += 1;
        if !word.is_option() {
            urls.push(word);
            continue;
        }
        if let Some((name, value)) = text.split_once('=').filter(|_| text.starts_with("--")) {
            if !WGET_VALUED.contains(&name) {
                return Verdict::update(format!(
                    "{program} option {name} is not known to be read-only"
                ))
                .net();
            }
            options.push((name.to_string(), value.to_string()));
        } else if WGET_FLAGS.contains(&text) {
            options.push((text.to_string(), String::new()));
        } else if WGET_VALUED.contains(&text) {
            options.push((
                text.to_string(),
                args.get(i).map_or(String::new(), |w| w.text.clone()),
            ));
            i += 1;
        } else if !text.starts_with("--") {
            // A cluster such as `-qO-` or `-qO -`.
            for (at, short) in text[1..].char_indices() {
                let flag = format!("-{short}");
                if WGET_VALUED.contains(&flag.as_str()) {
                    let attached = &text[1 + at + 1..];
                    let value = if attached.is_empty() {
                        i += 1;
                        args.get(i - 1).map_or(String::new(), |w| w.text.clone())
                    } else {
                        attached.to_string()
                    };
                    options.push((flag, value));
                    break;
                } else if WGET_FLAGS.contains(&flag.as_str()) {
                    options.push((flag, String::new()));
                } else {
                    return Verdict::update(format!(
                        "{program} option {flag} is not known to be read-only"
                    ))
                    .net();
                }
            }
        } else {
            return Verdict::update(format!(
                "{program} option {text} is not known to be read-only"
            ))
            .net();
        }
    }
    judge_wget(program, &options, &urls)
}

fn judge_wget(program: &str, options: &[(String, String)], urls: &[&Word]) -> Verdict {
    let target = urls.first().map_or("", |u| u.text.as_str());
    let has = |names: &[&str]| options.iter().any(|(n, _)| names.contains(&n.as_str()));
    let value = |names: &[&str]| {
        options
            .iter()
            .rev()
            .find(|(n, _)| names.contains(&n.as_str()))
            .map(|(_, v)| v.as_str())
    };
    let mut verdicts = Vec::new();
    if has(&["-e", "--execute", "--config", "--use-askpass"]) {
        verdicts.push(Verdict::update(format!(
            "{program} runs wgetrc commands or a program"
        )));
    }
    if has(&["--post-data", "--post-file", "--body-data", "--body-file"]) {
        verdicts.push(Verdict::update(format!("{program} sends data to {target}")));
    }
    if let Some(method) = value(&["--method"]) {
        let method = method.to_ascii_uppercase();
        match method.as_str() {
            "GET" | "HEAD" | "OPTIONS" => {}
            "DELETE" => verdicts.push(Verdict::delete(format!(
                "{program} sends DELETE to {target}"
            ))),
            _ => verdicts.push(Verdict::update(format!(
                "{program} sends {method} to {target}"
            ))),
        }
    }
    if let Some(log) = value(&[
        "-o",
        "--output-file",
        "-a",
        "--append-output",
        "--save-cookies",
        "--warc-file",
        "--rejected-log",
        "--hsts-file",
    ]) {
        verdicts.push(Verdict::create(format!("{program} writes {log}")));
    }
    let document = value(&["-O", "--output-document"]);
    let spider = has(&["--spider"]);
    match document {
        Some(file) if is_terminal_target(file) => {
            verdicts.push(Verdict::read(format!("{program} prints {target}")));
        }
        Some(file) => verdicts.push(Verdict::create(format!(
            "{program} saves {target} to {file}"
        ))),
        None if spider => verdicts.push(Verdict::read(format!(
            "{program} --spider only checks {target}"
        ))),
        None if urls.is_empty() && !has(&["-i", "--input-file"]) => {
            verdicts.push(Verdict::read(format!("{program} prints information")));
        }
        None => verdicts.push(Verdict::create(format!(
            "{program} downloads {target} to a file"
        ))),
    }
    let verdict = Verdict::max_of(verdicts);
    if urls.is_empty() && !has(&["-i", "--input-file"]) {
        verdict
    } else {
        verdict.net()
    }
}
