//! The shell side of classification: parse a command line with tree-sitter-bash and judge every
//! part of it (lists, pipelines, subshells, loops, substitutions, redirections, assignments),
//! handing each simple command to the program rules.

use std::cell::RefCell;

use tree_sitter::{Node, Parser};

use super::programs::{judge_argv, Stdin};
use super::verdict::Verdict;
use super::words::Word;

/// Deeper nesting than this (substitutions, `sh -c`, wrappers) is refused as unknown.
const MAX_DEPTH: usize = 12;

/// Variables that make an otherwise harmless program run other code or other programs.
const DANGEROUS_VARIABLES: &[&str] = &[
    "PAGER",
    "GIT_PAGER",
    "MANPAGER",
    "SYSTEMD_PAGER",
    "LESSOPEN",
    "LESSCLOSE",
    "EDITOR",
    "VISUAL",
    "GIT_EDITOR",
    "GIT_SEQUENCE_EDITOR",
    "GIT_EXTERNAL_DIFF",
    "GIT_SSH",
    "GIT_SSH_COMMAND",
    "GIT_ASKPASS",
    "SSH_ASKPASS",
    "GIT_EXEC_PATH",
    "GIT_CONFIG",
    "GIT_CONFIG_GLOBAL",
    "GIT_CONFIG_SYSTEM",
    "GIT_DIR",
    "GIT_WORK_TREE",
    "LD_PRELOAD",
    "LD_LIBRARY_PATH",
    "LD_AUDIT",
    "DYLD_INSERT_LIBRARIES",
    "DYLD_LIBRARY_PATH",
    "PATH",
    "NODE_OPTIONS",
    "NODE_PATH",
    "BASH_ENV",
    "ENV",
    "PROMPT_COMMAND",
    "SHELLOPTS",
    "IFS",
    "PERL5OPT",
    "PERL5LIB",
    "RUBYOPT",
    "RUBYLIB",
    "JAVA_TOOL_OPTIONS",
    "_JAVA_OPTIONS",
    "BROWSER",
    "TERMINAL",
    "SHELL",
    "HOME",
    "XDG_CONFIG_HOME",
    "ZDOTDIR",
    "INPUTRC",
];

/// Option and tool variables that can make a reading program write, run programs or page.
const TOOL_VARIABLES: &[&str] = &[
    "TAR_OPTIONS",
    "RIPGREP_CONFIG_PATH",
    "LESS",
    "LESSKEY",
    "LESSKEYIN",
    "LESSKEY_SRC",
    "LESSKEY_CONTENT",
    "MORE",
    "ACK_OPTIONS",
    "ACKRC",
    "ACK_PAGER",
    "ACK_PAGER_COLOR",
    "BAT_PAGER",
    "BAT_CONFIG_PATH",
    "BAT_CONFIG_DIR",
    "GZIP",
    "XZ_OPT",
    "XZ_DEFAULTS",
    "ZIPOPT",
    "UNZIP",
    "UNZIPOPT",
    "AWKPATH",
    "AWKLIBPATH",
    "GREP_OPTIONS",
    "PARALLEL",
    "MAKEFLAGS",
    "CURL_HOME",
    "WGETRC",
    "SYSTEMD_LESS",
    "GIT_TEMPLATE_DIR",
    "GH_PAGER",
    "GLAB_PAGER",
    "GH_BROWSER",
    "GH_EDITOR",
    "GIT_PROXY_COMMAND",
    "RUSTFMT",
    "RUSTC",
    "RUSTC_WRAPPER",
    "RUSTDOC",
    "KUBECTL_EXTERNAL_DIFF",
    "PSQL_PAGER",
    "PSQL_EDITOR",
    "GOFLAGS",
    "GOTOOLCHAIN",
    "HGRCPATH",
    "SVN_EDITOR",
    "JJ_CONFIG",
    "KUBECONFIG",
    "DOCKER_HOST",
    "DOCKER_CONFIG",
    "PGPASSFILE",
    "PSQLRC",
    "MYSQL_HOME",
    "SQLITE_HISTORY",
];

/// Prefixes of variable families that configure tools.
const TOOL_PREFIXES: &[&str] = &[
    "CARGO_",
    "npm_config_",
    "NPM_CONFIG_",
    "PIP_",
    "GIT_TRACE",
    "PYTHON",
    "GIT_CONFIG_",
    "LD_",
    "DYLD_",
];

fn is_dangerous_variable(name: &str) -> bool {
    DANGEROUS_VARIABLES.contains(&name)
        || TOOL_VARIABLES.contains(&name)
        || TOOL_PREFIXES.iter().any(|prefix| name.starts_with(prefix))
        || name.starts_with("PYTHON")
        || name.starts_with("GIT_CONFIG_")
        || name.starts_with("LD_")
        || name.starts_with("DYLD_")
}

thread_local! {
    static PARSER: RefCell<Option<Parser>> = const { RefCell::new(None) };
}

/// Judges a whole command line (or script) as the shell would run it.
pub fn classify_script(source: &str, depth: usize) -> Verdict {
    if depth > MAX_DEPTH {
        return Verdict::update("nested too deeply to judge");
    }
    let tree = PARSER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            let mut parser = Parser::new();
            parser
                .set_language(&tree_sitter_bash::LANGUAGE.into())
                .ok()?;
            *slot = Some(parser);
        }
        slot.as_mut()?.parse(source, None)
    });
    let Some(tree) = tree else {
        return Verdict::update("the shell parser is unavailable");
    };
    let root = tree.root_node();
    if root.has_error() {
        return Verdict::update("could not parse the command as shell");
    }
    Walker { source, depth }.statement(root, &Stdin::Inherited)
}

struct Walker<'a> {
    source: &'a str,
    depth: usize,
}

/// A file redirection as written: `2>>log`.
struct Redirection {
    operator: String,
    target: Word,
}

impl<'a> Walker<'a> {
    fn text(&self, node: Node) -> &'a str {
        &self.source[node.byte_range()]
    }

    fn named_children<'t>(node: Node<'t>) -> Vec<Node<'t>> {
        let mut cursor = node.walk();
        node.named_children(&mut cursor).collect()
    }

    fn nested(&self, source: &str) -> Verdict {
        classify_script(source, self.depth + 1)
    }

    fn statement(&self, node: Node, stdin: &Stdin) -> Verdict {
        match node.kind() {
            "program"
            | "list"
            | "compound_statement"
            | "subshell"
            | "do_group"
            | "if_statement"
            | "elif_clause"
            | "else_clause"
            | "while_statement"
            | "negated_command"
            | "case_statement"
            | "case_item"
            | "for_statement"
            | "c_style_for_statement"
            | "function_definition" => {
                let parts = Self::named_children(node)
                    .into_iter()
                    .filter_map(|child| self.any(child, stdin));
                Verdict::max_of(parts)
            }
            "test_command" => {
                let inner = Self::named_children(node)
                    .into_iter()
                    .filter_map(|child| self.any(child, stdin));
                Verdict::read("[[ … ]] only tests").max(Verdict::max_of(inner))
            }
            "pipeline" => self.pipeline(&Self::named_children(node), stdin),
            "redirected_statement" => self.redirected(node, stdin),
            "command" => self.command(node, stdin, false),
            "variable_assignment" => self.assignment(node),
            "declaration_command" | "unset_command" => {
                let inner = Self::named_children(node)
                    .into_iter()
                    .filter_map(|child| self.any(child, stdin));
                Verdict::update(format!(
                    "`{}` changes shell variables",
                    first_token(self.text(node))
                ))
                .max(Verdict::max_of(inner))
            }
            "comment" => Verdict::read("a comment"),
            // `$(< file)` reads a file.
            "file_redirect" => {
                let (redirection, substitutions) = self.redirection(node);
                Verdict::max_of(substitutions).max(judge_redirection(&redirection, false))
            }
            kind => Verdict::update(format!("unsupported shell syntax ({kind})")),
        }
    }

    /// A node inside a statement: a statement itself, a word, or something that cannot act.
    /// None for nodes that cannot act (plain words, names, syntax).
    fn any(&self, node: Node, stdin: &Stdin) -> Option<Verdict> {
        match node.kind() {
            "word"
            | "string"
            | "raw_string"
            | "ansi_c_string"
            | "concatenation"
            | "simple_expansion"
            | "expansion"
            | "command_substitution"
            | "process_substitution"
            | "arithmetic_expansion"
            | "number"
            | "translated_string"
            | "binary_expression"
            | "unary_expression"
            | "parenthesized_expression"
            | "ternary_expression"
            | "postfix_expression"
            | "extglob_pattern"
            | "regex" => {
                let found = self.word(node).1;
                (!found.is_empty()).then(|| Verdict::max_of(found))
            }
            "variable_name"
            | "heredoc_start"
            | "heredoc_end"
            | "comment"
            | "special_variable_name"
            | "file_descriptor"
            | "test_operator" => None,
            _ => Some(self.statement(node, stdin)),
        }
    }

    fn pipeline(&self, stages: &[Node], stdin: &Stdin) -> Verdict {
        let mut feed = stdin.clone();
        let mut verdicts = Vec::new();
        for stage in stages {
            verdicts.push(self.statement(*stage, &feed));
            feed = match self.static_output(*stage, &feed) {
                Some(text) => Stdin::Text(text),
                None => Stdin::Piped,
            };
        }
        Verdict::max_of(verdicts)
    }

    fn redirected(&self, node: Node, stdin: &Stdin) -> Verdict {
        let body = node.child_by_field_name("body");
        let mut feed = stdin.clone();
        let mut verdicts = Vec::new();
        let mut writes = Vec::new();
        let mut rest_of_line = Vec::new();
        for child in Self::named_children(node) {
            match child.kind() {
                "file_redirect" => {
                    let (redirection, substitutions) = self.redirection(child);
                    verdicts.extend(substitutions);
                    if redirection.operator == "<" {
                        feed = Stdin::File(redirection.target.text.clone());
                    }
                    writes.push(redirection);
                }
                "heredoc_redirect" => {
                    let quoted = Self::named_children(child)
                        .into_iter()
                        .find(|part| part.kind() == "heredoc_start")
                        .is_some_and(|start| self.text(start).contains(['\'', '"', '\\']));
                    for part in Self::named_children(child) {
                        match part.kind() {
                            "heredoc_body" => {
                                // An unquoted here-document expands substitutions as it is read.
                                verdicts.extend(
                                    Self::named_children(part)
                                        .into_iter()
                                        .filter_map(|child| self.any(child, &Stdin::Inherited)),
                                );
                                if !quoted {
                                    verdicts.push(self.backticks_in(self.text(part)));
                                }
                                feed = Stdin::Text(self.text(part).to_string());
                            }
                            "heredoc_start" | "heredoc_end" => {}
                            _ => rest_of_line.push(part),
                        }
                    }
                }
                "herestring_redirect" => {
                    let (text, substitutions) = self.herestring(child);
                    verdicts.extend(substitutions);
                    feed = text;
                }
                _ => {}
            }
        }
        let noop = body.is_none_or(|body| is_noop(self.text(body)));
        // The body first, so that on a tie its reason (not the redirection's) is given.
        if let Some(body) = body {
            verdicts.insert(0, self.statement(body, &feed));
        }
        verdicts.extend(writes.iter().map(|w| judge_redirection(w, noop)));
        if !rest_of_line.is_empty() {
            // `cat <<EOF | sh`: the rest of the first line continues the pipeline.
            let piped = body
                .and_then(|body| self.static_output(body, &feed))
                .map_or(Stdin::Piped, Stdin::Text);
            for part in rest_of_line {
                let stages = if part.kind() == "pipeline" {
                    Self::named_children(part)
                } else {
                    vec![part]
                };
                verdicts.push(self.pipeline(&stages, &piped));
            }
        }
        Verdict::max_of(verdicts)
    }

    fn redirection(&self, node: Node) -> (Redirection, Vec<Verdict>) {
        let mut cursor = node.walk();
        let operator = node
            .children(&mut cursor)
            .find(|child| !child.is_named())
            .map(|child| child.kind().to_string())
            .unwrap_or_default();
        let (target, substitutions) = node
            .child_by_field_name("destination")
            .map(|destination| self.word(destination))
            .unwrap_or_else(|| (Word::literal(""), Vec::new()));
        (Redirection { operator, target }, substitutions)
    }

    /// Backquoted commands in text the shell expands (an unquoted here-document), which the
    /// parser leaves as plain text.
    fn backticks_in(&self, text: &str) -> Verdict {
        let parts: Vec<&str> = text.split('`').collect();
        if parts.len().is_multiple_of(2) {
            return Verdict::update("an unbalanced backquote in a here-document");
        }
        Verdict::max_of(
            parts
                .iter()
                .skip(1)
                .step_by(2)
                .map(|command| self.nested(command)),
        )
    }

    fn herestring(&self, node: Node) -> (Stdin, Vec<Verdict>) {
        let Some(value) = Self::named_children(node).into_iter().next() else {
            return (Stdin::Piped, Vec::new());
        };
        let (word, substitutions) = self.word(value);
        let stdin = if word.dynamic {
            Stdin::Piped
        } else {
            Stdin::Text(word.text)
        };
        (stdin, substitutions)
    }

    fn assignment(&self, node: Node) -> Verdict {
        let name = node
            .child_by_field_name("name")
            .map(|n| self.text(n))
            .unwrap_or_default();
        let (value, substitutions) = node
            .child_by_field_name("value")
            .map(|v| self.word(v))
            .unwrap_or_else(|| (Word::literal(""), Vec::new()));
        let mut verdict =
            Verdict::max_of(substitutions).max(Verdict::read("sets a shell variable"));
        if is_dangerous_variable(name) {
            let runs = self.nested(value.text.trim_start_matches('|').trim_end_matches("%s"));
            verdict = verdict
                .max(Verdict::update(format!(
                    "{name}= changes which programs run or how"
                )))
                .max(runs);
        }
        verdict
    }

    fn command(&self, node: Node, stdin: &Stdin, _noop: bool) -> Verdict {
        let mut verdicts = Vec::new();
        let mut argv = Vec::new();
        let mut feed = stdin.clone();
        for child in Self::named_children(node) {
            match child.kind() {
                "variable_assignment" => verdicts.push(self.assignment(child)),
                "command_name" => {
                    let Some(name) = Self::named_children(child).into_iter().next() else {
                        continue;
                    };
                    let (word, substitutions) = self.word(name);
                    verdicts.extend(substitutions);
                    argv.push(self.resolve_program_word(name, word));
                }
                "herestring_redirect" => {
                    let (text, substitutions) = self.herestring(child);
                    verdicts.extend(substitutions);
                    feed = text;
                }
                "file_redirect" => {
                    let (redirection, substitutions) = self.redirection(child);
                    verdicts.extend(substitutions);
                    verdicts.push(judge_redirection(&redirection, false));
                }
                _ => {
                    let (word, substitutions) = self.word(child);
                    verdicts.extend(substitutions);
                    argv.push(word);
                }
            }
        }
        if argv.is_empty() {
            return Verdict::max_of(verdicts);
        }
        // The program first, so that on a tie its reason is given.
        verdicts.insert(0, judge_argv(&argv, &feed, self.depth));
        Verdict::max_of(verdicts)
    }

    /// A program name built by a substitution (`$(echo rm)`, `` `which rm` ``) is worked out
    /// when the substitution only prints a literal; otherwise it stays dynamic (unknown).
    fn resolve_program_word(&self, _node: Node, word: Word) -> Word {
        match &word.expanded {
            Some(text) => Word::literal(text.trim()),
            None => word,
        }
    }

    /// What a stage prints, when that is fixed text: `echo`, `printf '%s'`, `which`, `cat` of a
    /// here-document, `base64 -d` of known text.
    fn static_output(&self, node: Node, stdin: &Stdin) -> Option<String> {
        match node.kind() {
            "pipeline" => {
                let mut feed = stdin.clone();
                let mut output = None;
                for stage in Self::named_children(node) {
                    output = Some(self.static_output(stage, &feed)?);
                    feed = Stdin::Text(output.clone().unwrap_or_default());
                }
                output
            }
            "redirected_statement" => {
                let body = node.child_by_field_name("body")?;
                let mut feed = stdin.clone();
                for child in Self::named_children(node) {
                    if child.kind() == "heredoc_redirect" {
                        for part in Self::named_children(child) {
                            if part.kind() == "heredoc_body" {
                                feed = Stdin::Text(self.text(part).to_string());
                            }
                        }
                    } else if child.kind() == "herestring_redirect" {
                        feed = self.herestring(child).0;
                    }
                }
                self.static_output(body, &feed)
            }
            "command" => {
                let words: Vec<Word> = Self::named_children(node)
                    .into_iter()
                    .map(|child| match child.kind() {
                        "command_name" => Self::named_children(child)
                            .into_iter()
                            .next()
                            .map(|n| self.word(n).0)
                            .unwrap_or_else(|| Word::literal("")),
                        _ => self.word(child).0,
                    })
                    .collect();
                if words.iter().any(|w| w.dynamic) {
                    return None;
                }
                super::programs::static_output(&words, stdin)
            }
            _ => None,
        }
    }

    /// Resolves a word's quoting and judges any substitution inside it.
    fn word(&self, node: Node) -> (Word, Vec<Verdict>) {
        match node.kind() {
            "word" | "number" => (Word::literal(unescape(self.text(node))), Vec::new()),
            "raw_string" => {
                let text = self.text(node);
                (
                    Word::literal(
                        text.get(1..text.len().saturating_sub(1))
                            .unwrap_or_default(),
                    ),
                    Vec::new(),
                )
            }
            "ansi_c_string" => (Word::literal(decode_ansi_c(self.text(node))), Vec::new()),
            "command_substitution" | "process_substitution" => {
                let inner = Self::named_children(node)
                    .into_iter()
                    .filter_map(|child| self.any(child, &Stdin::Inherited));
                let verdict = if self.depth + 1 > MAX_DEPTH {
                    Verdict::update("nested too deeply to judge")
                } else {
                    Verdict::max_of(inner)
                };
                let expanded = match (node.kind(), Self::named_children(node).as_slice()) {
                    ("command_substitution", [only]) => {
                        self.static_output(*only, &Stdin::Inherited)
                    }
                    _ => None,
                };
                let word = Word {
                    text: self.text(node).to_string(),
                    dynamic: true,
                    substituted: true,
                    expanded,
                };
                (word, vec![verdict])
            }
            "string" | "concatenation" | "translated_string" => {
                let mut word = Word::literal("");
                let mut verdicts = Vec::new();
                let mut cursor = node.walk();
                let mut last_end = node.start_byte() + usize::from(node.kind() != "concatenation");
                for child in node.named_children(&mut cursor) {
                    if node.kind() != "concatenation" && child.start_byte() > last_end {
                        // Text between named children (plain string content).
                        word.text
                            .push_str(&unescape_double(&self.source[last_end..child.start_byte()]));
                    }
                    let (part, found) = if child.kind() == "string_content" {
                        (Word::literal(unescape_double(self.text(child))), Vec::new())
                    } else {
                        self.word(child)
                    };
                    word.text.push_str(&part.text);
                    word.dynamic |= part.dynamic;
                    word.substituted |= part.substituted;
                    word.expanded = part.expanded;
                    verdicts.extend(found);
                    last_end = child.end_byte();
                }
                if node.kind() != "concatenation" {
                    let end = node.end_byte().saturating_sub(1);
                    if end > last_end {
                        word.text
                            .push_str(&unescape_double(&self.source[last_end..end]));
                    }
                }
                (word, verdicts)
            }
            _ => {
                // Expansions and expressions: dynamic; judge any substitution inside.
                let verdicts = Self::named_children(node)
                    .into_iter()
                    .flat_map(|child| self.word(child).1)
                    .collect();
                let word = Word {
                    text: self.text(node).to_string(),
                    dynamic: true,
                    substituted: false,
                    expanded: None,
                };
                (word, verdicts)
            }
        }
    }
}

fn first_token(text: &str) -> &str {
    text.split_whitespace().next().unwrap_or(text)
}

/// `:` and `true` do nothing, so `: > file` only truncates the file.
fn is_noop(body: &str) -> bool {
    matches!(body.trim(), ":" | "true")
}

/// What a redirection does by itself.
fn judge_redirection(redirection: &Redirection, noop: bool) -> Verdict {
    let target = redirection.target.text.as_str();
    let operator = redirection.operator.as_str();
    let harmless_target = matches!(
        target,
        "/dev/null" | "/dev/stdout" | "/dev/stderr" | "/dev/tty"
    ) || target.starts_with("/dev/fd/")
        || target.chars().all(|c| c.is_ascii_digit() || c == '-');
    match operator {
        "<" | "<&" | ">&" | "<&-" | ">&-" if harmless_target || operator.starts_with('<') => {
            Verdict::read("reads a file")
        }
        _ if target.starts_with("/dev/tcp/") || target.starts_with("/dev/udp/") => {
            Verdict::update(format!("sends data to {target}")).net()
        }
        _ if harmless_target => Verdict::read("output discarded or sent to the terminal"),
        ">>" | "&>>" => Verdict::update(format!("appends to {target}")),
        "<>" => Verdict::update(format!("opens {target} for writing")),
        _ if noop => Verdict::delete(format!("empties {target}")),
        _ => Verdict::create(format!("writes {target}")),
    }
}

/// Removes backslash escapes from an unquoted word.
fn unescape(text: &str) -> String {
    remove_escapes(text, |_| true)
}

/// Removes the escapes double quotes honour.
fn unescape_double(text: &str) -> String {
    remove_escapes(text, |c| matches!(c, '"' | '\\' | '$' | '`' | '\n'))
}

/// Drops each backslash before a character it escapes; an escaped newline disappears.
fn remove_escapes(text: &str, escapes: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&next) if c == '\\' && escapes(next) => {
                chars.next();
                if next != '\n' {
                    out.push(next);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Decodes `$'…'` (ANSI-C quoting).
fn decode_ansi_c(text: &str) -> String {
    let inner = text
        .strip_prefix("$'")
        .and_then(|t| t.strip_suffix('\''))
        .unwrap_or(text);
    let mut out = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('e' | 'E') => out.push('\u{1b}'),
            Some('x') => {
                let hex: String = std::iter::from_fn(|| chars.next_if(char::is_ascii_hexdigit))
                    .take(2)
                    .collect();
                if let Some(c) = u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                    out.push(c);
                }
            }
            Some(d @ '0'..='7') => {
                let mut digits = d.to_string();
                digits.extend(
                    std::iter::from_fn(|| chars.next_if(|c| ('0'..='7').contains(c))).take(2),
                );
                if let Some(c) = u32::from_str_radix(&digits, 8)
                    .ok()
                    .and_then(char::from_u32)
                {
                    out.push(c);
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
