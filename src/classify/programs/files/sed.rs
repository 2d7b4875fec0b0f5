//! sed: in-place and script-file options, and a scanner for the script's commands that write
//! files (`w`, `W`, the `w` flag of `s`) or run commands (`e`, the `e` flag of `s`).
//!
//! GNU and BSD sed tokenize scripts differently (their bracket expressions differ in detail, GNU
//! ends labels at `;` where BSD reads to the end of the line), so the script is read both ways,
//! following each one's compiler, and every effect either finds counts.

use super::options::{is_harmless_output, names, parse, Judged, Spec, Takes};
use crate::classify::programs::Call;
use crate::classify::verdict::Verdict;

const SED: Spec = Spec {
    flags: "nErsuzab",
    valued: "efl",
    attached: "iI",
    long: &[
        ("quiet", Takes::Nothing),
        ("silent", Takes::Nothing),
        ("debug", Takes::Nothing),
        ("expression", Takes::Value),
        ("file", Takes::Value),
        ("follow-symlinks", Takes::Nothing),
        ("in-place", Takes::Attached),
        ("line-length", Takes::Value),
        ("null-data", Takes::Nothing),
        ("zero-terminated", Takes::Nothing),
        ("posix", Takes::Nothing),
        ("regexp-extended", Takes::Nothing),
        ("separate", Takes::Nothing),
        ("sandbox", Takes::Nothing),
        ("unbuffered", Takes::Nothing),
        ("binary", Takes::Nothing),
        ("help", Takes::Nothing),
        ("version", Takes::Nothing),
    ],
    negations: false,
};

pub fn judge(call: &Call) -> Judged {
    let parsed = parse("sed", call.args, &SED)?;
    let script_is_operand = !parsed.has('e', "expression") && !parsed.has('f', "file");
    let in_place = (parsed.has('i', "in-place") || parsed.has('I', "")).then(|| {
        let files = parsed.operands.iter().skip(usize::from(script_is_operand));
        Verdict::update(format!("sed -i edits {} in place", names(files.copied())))
    });
    if let Some(file) = parsed.value('f', "file") {
        return Ok(Verdict::update(format!(
            "sed -f runs the script in {file}, which the rules cannot see"
        )));
    }
    // GNU `-l N` takes a number; BSD `-l` takes none, so the next word would be the script.
    if let Some(length) = parsed.value('l', "line-length") {
        if !length.chars().all(|c| c.is_ascii_digit()) {
            return Ok(Verdict::update(format!(
                "cannot tell whether sed -l takes {length} as a number or a script"
            )));
        }
    }
    let script = if script_is_operand {
        match parsed.operands.first() {
            Some(word) if word.dynamic => {
                return Ok(Verdict::update(format!(
                    "cannot see what the sed script {} expands to",
                    word.text
                )))
            }
            Some(word) => word.text.clone(),
            None => return Ok(Verdict::read("sed without a script does nothing")),
        }
    } else {
        parsed.values('e', "expression").join("\n")
    };
    let verdict = judge_script(call, &script);
    Ok(match in_place {
        Some(floor) => verdict.at_least(floor),
        None => verdict,
    })
}

/// What a sed script does besides printing.
#[derive(Debug, PartialEq, Eq)]
enum Effect {
    Writes(String),
    Runs(String),
    /// `e` alone: each pattern space is run as a command.
    RunsLines,
    /// The `e` flag of `s`: the replacement, with matched text put in, is run as a command.
    RunsReplacement(String),
}

fn judge_script(call: &Call, script: &str) -> Verdict {
    let readings: Vec<Vec<Effect>> = [Dialect::Gnu, Dialect::Bsd]
        .into_iter()
        .filter_map(|dialect| Scanner::new(script, dialect).scan().ok())
        .collect();
    if readings.is_empty() {
        return Verdict::update("could not read the sed script");
    }
    let verdicts = readings.into_iter().flatten().map(|effect| match effect {
        Effect::Writes(file) if is_harmless_output(&file) => {
            Verdict::read(format!("sed writes to {file}"))
        }
        Effect::Writes(file) => Verdict::create(format!("sed w writes {file}")),
        Effect::Runs(command) => call
            .script(&command)
            .at_least(Verdict::read("sed e runs a command")),
        Effect::RunsLines => Verdict::update("sed e runs each input line as a shell command"),
        Effect::RunsReplacement(replacement) => call.script(&replacement).at_least(
            Verdict::update("sed s///e runs the substituted text as a shell command"),
        ),
    });
    Verdict::read("sed prints the edited text").max(Verdict::max_of(verdicts))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Dialect {
    Gnu,
    Bsd,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Regex,
    Replacement,
    /// Both halves of `y`: BSD skips bracket expressions there too.
    Transliteration,
}

/// The script could not be read this way (the sed in question would refuse it too).
struct Unreadable;

struct Scanner {
    chars: Vec<char>,
    at: usize,
    dialect: Dialect,
    effects: Vec<Effect>,
}

impl Scanner {
    fn new(script: &str, dialect: Dialect) -> Self {
        Self {
            chars: script.chars().collect(),
            at: 0,
            dialect,
            effects: Vec::new(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn next(&mut self) -> Option<char> {
        let c = self.peek();
        self.at += usize::from(c.is_some());
        c
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.at += 1;
        }
    }

    fn skip_digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.at += 1;
        }
    }

    /// The rest of the line, not including the newline.
    fn rest_of_line(&mut self) -> String {
        let mut text = String::new();
        while let Some(c) = self.peek().filter(|c| *c != '\n') {
            text.push(c);
            self.at += 1;
        }
        text
    }

    fn scan(mut self) -> Result<Vec<Effect>, Unreadable> {
        loop {
            while matches!(self.peek(), Some(c) if c.is_whitespace() || c == ';') {
                self.at += 1;
            }
            let Some(first) = self.peek() else {
                return Ok(self.effects);
            };
            if first == '#' {
                self.rest_of_line();
                continue;
            }
            self.address(false)?;
            self.skip_blanks();
            if self.peek() == Some(',') {
                self.at += 1;
                self.skip_blanks();
                self.address(true)?;
                self.skip_blanks();
            }
            while self.peek() == Some('!') {
                self.at += 1;
                self.skip_blanks();
            }
            let command = self.next().ok_or(Unreadable)?;
            self.command(command)?;
        }
    }

    fn address(&mut self, second: bool) -> Result<(), Unreadable> {
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                self.skip_digits();
                self.skip_blanks();
                if self.peek() == Some('~') {
                    self.at += 1;
                    self.skip_blanks();
                    self.skip_digits();
                }
            }
            Some('+' | '~') if second => {
                self.at += 1;
                self.skip_blanks();
                self.skip_digits();
            }
            Some('$') => self.at += 1,
            Some('/') => {
                self.at += 1;
                self.delimited('/', Part::Regex)?;
                self.regex_flags();
            }
            Some('\\') => {
                self.at += 1;
                let delimiter = self.delimiter()?;
                self.delimited(delimiter, Part::Regex)?;
                self.regex_flags();
            }
            _ => {}
        }
        Ok(())
    }

    fn regex_flags(&mut self) {
        loop {
            self.skip_blanks();
            match self.peek() {
                Some('I' | 'M') => self.at += 1,
                _ => return,
            }
        }
    }

    fn command(&mut self, command: char) -> Result<(), Unreadable> {
        match command {
            '{' | '}' | '=' | 'd' | 'D' | 'g' | 'G' | 'h' | 'H' | 'n' | 'N' | 'p' | 'P' | 'x'
            | 'z' | 'F' => {}
            'l' | 'L' | 'q' | 'Q' => {
                self.skip_blanks();
                self.skip_digits();
            }
            ':' | 'b' | 't' | 'T' | 'v' => self.label(),
            'a' | 'i' | 'c' => {
                self.text();
            }
            'r' | 'R' => {
                self.skip_blanks();
                self.rest_of_line();
            }
            'w' | 'W' => {
                self.skip_blanks();
                let file = self.rest_of_line();
                self.effects.push(Effect::Writes(file));
            }
            'e' => {
                let command = self.text();
                self.effects.push(if command.trim().is_empty() {
                    Effect::RunsLines
                } else {
                    Effect::Runs(command)
                });
            }
            's' => self.substitute()?,
            'y' => {
                let delimiter = self.delimiter()?;
                self.delimited(delimiter, Part::Transliteration)?;
                self.delimited(delimiter, Part::Transliteration)?;
            }
            '#' => {
                self.rest_of_line();
            }
            _ => return Err(Unreadable),
        }
        Ok(())
    }

    /// A branch label: GNU ends it at a blank, `;`, `}` or `#`, BSD takes the rest of the line.
    fn label(&mut self) {
        self.skip_blanks();
        match self.dialect {
            Dialect::Bsd => {
                self.rest_of_line();
            }
            Dialect::Gnu => {
                while self
                    .peek()
                    .is_some_and(|c| !matches!(c, ' ' | '\t' | '\n' | ';' | '}' | '#'))
                {
                    self.at += 1;
                }
            }
        }
    }

    /// The text of `a`, `i`, `c` and `e`: to the end of the line, a backslash escaping the next
    /// character (a backslash-newline continues the text).
    fn text(&mut self) -> String {
        self.skip_blanks();
        if self.peek() == Some('\\') {
            self.at += 1;
            if self.peek() == Some('\n') {
                self.at += 1;
            }
        }
        let mut text = String::new();
        while let Some(c) = self.next() {
            match c {
                '\n' => break,
                '\\' => match self.next() {
                    Some('\n') | None => {}
                    Some(escaped) => {
                        text.push('\\');
                        text.push(escaped);
                    }
                },
                _ => text.push(c),
            }
        }
        text
    }

    /// GNU sed accepts a backslash as the delimiter; BSD sed refuses it.
    fn delimiter(&mut self) -> Result<char, Unreadable> {
        match self.next() {
            None | Some('\n') => Err(Unreadable),
            Some('\\') if self.dialect == Dialect::Bsd => Err(Unreadable),
            Some(c) => Ok(c),
        }
    }

    fn substitute(&mut self) -> Result<(), Unreadable> {
        let delimiter = self.delimiter()?;
        self.delimited(delimiter, Part::Regex)?;
        let replacement = self.delimited(delimiter, Part::Replacement)?;
        let mut executes = false;
        loop {
            match self.peek() {
                None | Some(';' | '\n' | '}' | '#') => break,
                Some('g' | 'p' | 'i' | 'I' | 'm' | 'M' | ' ' | '\t' | '\r') => self.at += 1,
                Some(c) if c.is_ascii_digit() => self.at += 1,
                Some('e') => {
                    self.at += 1;
                    executes = true;
                }
                Some('w') => {
                    self.at += 1;
                    self.skip_blanks();
                    let file = self.rest_of_line();
                    self.effects.push(Effect::Writes(file));
                    break;
                }
                Some(_) => return Err(Unreadable),
            }
        }
        if executes {
            self.effects.push(Effect::RunsReplacement(replacement));
        }
        Ok(())
    }

    /// Text up to an unescaped delimiter; returns it with escapes of the delimiter removed.
    fn delimited(&mut self, delimiter: char, part: Part) -> Result<String, Unreadable> {
        let mut text = String::new();
        loop {
            let c = self.next().ok_or(Unreadable)?;
            if c == delimiter {
                return Ok(text);
            }
            match c {
                '\\' => {
                    let escaped = self.next().ok_or(Unreadable)?;
                    if escaped != delimiter {
                        text.push('\\');
                    }
                    text.push(escaped);
                }
                '\n' => return Err(Unreadable),
                '[' if part == Part::Regex && self.dialect == Dialect::Gnu => {
                    text.push(c);
                    self.bracket_gnu(&mut text)?;
                }
                '[' if part != Part::Replacement && self.dialect == Dialect::Bsd => {
                    text.push(c);
                    self.bracket_bsd(&mut text)?;
                }
                _ => text.push(c),
            }
        }
    }

    /// The rest of a bracket expression after `[`, as GNU sed's snarf_char_class reads it: a
    /// `]` closes it unless inside `[.x.]`, `[:x:]` or `[=x=]`.
    fn bracket_gnu(&mut self, text: &mut String) -> Result<(), Unreadable> {
        let mut c = self.next().ok_or(Unreadable)?;
        for leading in ['^', ']'] {
            if c == leading {
                text.push(c);
                c = self.next().ok_or(Unreadable)?;
            }
        }
        // 0: outside an element; 1: after `[`; 2: inside `[.`, `[:` or `[=`; 3: after its
        // closing `.`, `:` or `=`.
        let mut state = 0u8;
        let mut kind = '\0';
        loop {
            text.push(c);
            match c {
                '\n' => return Err(Unreadable),
                '.' | ':' | '=' if state == 1 => {
                    kind = c;
                    state = 2;
                }
                '.' | ':' | '=' if state == 2 && c == kind => state = 3,
                '[' => {
                    if state == 0 {
                        state = 1;
                    }
                }
                ']' if state <= 1 => return Ok(()),
                ']' if state == 3 => state = 0,
                _ => state &= !1,
            }
            c = self.next().ok_or(Unreadable)?;
        }
    }

    /// The rest of a bracket expression after `[`, as BSD sed's compile_ccl reads it.
    fn bracket_bsd(&mut self, text: &mut String) -> Result<(), Unreadable> {
        if self.peek() == Some('^') {
            text.push('^');
            self.at += 1;
        }
        if self.peek() == Some(']') {
            text.push(']');
            self.at += 1;
        }
        loop {
            let c = self.next().ok_or(Unreadable)?;
            text.push(c);
            match c {
                ']' => return Ok(()),
                '\n' => return Err(Unreadable),
                '[' if matches!(self.peek(), Some('.' | ':' | '=')) => {
                    let kind = self.next().ok_or(Unreadable)?;
                    text.push(kind);
                    loop {
                        let inner = self.next().ok_or(Unreadable)?;
                        text.push(inner);
                        if inner == '\n' {
                            return Err(Unreadable);
                        }
                        if inner == kind && self.peek() == Some(']') {
                            self.at += 1;
                            text.push(']');
                            break;
                        }
                    }
                }
                _ => {}
            }
        }
    }
}
