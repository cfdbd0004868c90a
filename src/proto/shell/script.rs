//! What a shell line means: a raw protocol line to send, an expectation about the last reply
//! (scripts: `< 250`, `< +OK`, `< OK`), or a `:` helper that mailctl carries out itself (`:auth`,
//! `:login`, `:data`, `:quit`, `:help`). Parsed the same way for scripts, `--send`/`--expect`
//! and interactive input, so a line behaves the same wherever it is typed.

use super::Proto;

/// One parsed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// A protocol line to send as is (CRLF added).
    Send(String),
    /// The last complete reply must match.
    Expect(Expect),
    Helper(Helper),
}

/// The `:` helpers: never sent raw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Helper {
    /// `:auth MECH`: a SASL exchange with --user and its password.
    Auth(String),
    /// `:login`: the protocol's own password login (POP3 USER/PASS, IMAP LOGIN).
    Login,
    /// `:data FILE` (SMTP): DATA, the file dot-stuffed with CRLF line ends, `.`.
    Data(String),
    /// `:quit`: QUIT (LOGOUT) politely, then end.
    Quit,
    /// `:help`.
    Help,
}

/// An expectation about the last reply: its status (SMTP: a code or a prefix of one, `2`, `25`,
/// `250`, also written `2xx`; POP3: `+OK`, `-ERR`, `+` for a SASL continuation; IMAP: `OK`,
/// `NO`, `BAD` of the tagged reply, or `PREAUTH`/`BYE` of a greeting, `+` for a continuation),
/// and optionally text that must appear in it (any line, case-insensitive): `< 250 STARTTLS`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Expect {
    pub status: String,
    pub text: Option<String>,
}

impl std::fmt::Display for Expect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.text {
            Some(t) => write!(f, "{} containing {t:?}", self.status),
            None => f.write_str(&self.status),
        }
    }
}

/// A script line with its number, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    pub no: usize,
    pub step: Step,
}

/// Parse an expectation for `proto`.
pub(crate) fn expectation(s: &str, proto: Proto) -> Result<Expect, String> {
    let s = s.trim();
    let (status, text) = match s.split_once(char::is_whitespace) {
        Some((a, b)) => (a, Some(b.trim().to_string()).filter(|t| !t.is_empty())),
        None => (s, None),
    };
    let up = status.to_ascii_uppercase();
    let status = match proto {
        Proto::Smtp => {
            let digits = up.trim_end_matches('X');
            let ok = (1..=3).contains(&digits.len())
                && digits.bytes().all(|b| b.is_ascii_digit())
                && (b'2'..=b'5').contains(&digits.as_bytes()[0])
                && up.len() <= 3;
            if !ok {
                return Err(format!(
                    "SMTP expectation {status:?}: give a reply code or its first digits (2, 25, 250, 2xx), 2xx to 5xx"
                ));
            }
            digits.to_string()
        }
        Proto::Pop3 => match up.as_str() {
            "+OK" | "OK" => "+OK".to_string(),
            "-ERR" | "ERR" => "-ERR".to_string(),
            "+" => "+".to_string(),
            _ => return Err(format!("POP3 expectation {status:?}: give +OK, -ERR or +")),
        },
        Proto::Imap => match up.as_str() {
            "OK" | "NO" | "BAD" | "PREAUTH" | "BYE" | "+" => up,
            _ => {
                return Err(format!(
                    "IMAP expectation {status:?}: give OK, NO or BAD (the tagged reply), PREAUTH or BYE (a greeting), or +"
                ));
            }
        },
    };
    Ok(Expect { status, text })
}

/// A `:` helper (the text after the colon).
pub(crate) fn helper(s: &str) -> Result<Helper, String> {
    let s = s.trim();
    let (word, arg) = match s.split_once(char::is_whitespace) {
        Some((w, a)) => (w, a.trim()),
        None => (s, ""),
    };
    let need = |what: &str| -> Result<String, String> {
        if arg.is_empty() {
            Err(format!(":{word} needs {what}"))
        } else {
            Ok(arg.to_string())
        }
    };
    let none = |h: Helper| -> Result<Helper, String> {
        if arg.is_empty() {
            Ok(h)
        } else {
            Err(format!(":{word} takes no argument"))
        }
    };
    match word.to_ascii_lowercase().as_str() {
        "auth" => need("a SASL mechanism, e.g. :auth plain").map(Helper::Auth),
        "login" => none(Helper::Login),
        "data" => need("a file (the message, as is)").map(Helper::Data),
        "quit" | "q" | "exit" => none(Helper::Quit),
        "help" | "h" | "?" => none(Helper::Help),
        _ => Err(format!(
            "unknown helper :{word} (try :help; to send a line starting with ':', write '::')"
        )),
    }
}

/// An interactive line: a helper, or a line to send (`::x` sends `:x`). None: nothing to do
/// (an empty line outside a message body or continuation, see the caller).
pub(crate) fn interactive(line: &str) -> Result<Step, String> {
    if let Some(rest) = line.strip_prefix("::") {
        return Ok(Step::Send(format!(":{rest}")));
    }
    if let Some(rest) = line.strip_prefix(':') {
        return helper(rest).map(Step::Helper);
    }
    Ok(Step::Send(line.to_string()))
}

/// A script: `> LINE` sends, `< STATUS [TEXT]` expects, `#` starts a comment, blank lines are
/// skipped (`>` alone sends an empty line), `:` helpers as typed interactively, and any other
/// line is sent. A trailing CR (a script written on Windows) is dropped.
pub(crate) fn parse(text: &str, proto: Proto) -> Result<Vec<Line>, String> {
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let no = i + 1;
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let at = |e: String| format!("line {no}: {e}");
        let step = if l.trim().is_empty() || l.trim_start().starts_with('#') {
            continue;
        } else if let Some(rest) = l.strip_prefix('>') {
            Step::Send(rest.strip_prefix(' ').unwrap_or(rest).to_string())
        } else if let Some(rest) = l.strip_prefix('<') {
            if rest.trim().is_empty() {
                return Err(at("'<' needs the reply to expect, e.g. '< 250'".into()));
            }
            Step::Expect(expectation(rest, proto).map_err(at)?)
        } else {
            interactive(l).map_err(at)?
        };
        out.push(Line { no, step });
    }
    Ok(out)
}

/// `--send`/`--expect` pairs: the n-th `--expect` checks the reply to the n-th `--send` (an
/// empty `--expect ''` checks nothing).
pub(crate) fn pairs(send: &[String], expect: &[String], proto: Proto) -> Result<Vec<Line>, String> {
    if expect.len() > send.len() {
        return Err(format!(
            "{} --expect for {} --send: each --expect checks the reply to the --send of the same position",
            expect.len(),
            send.len()
        ));
    }
    let mut out = Vec::new();
    for (i, s) in send.iter().enumerate() {
        let no = i + 1;
        let step = interactive(s).map_err(|e| format!("--send #{no}: {e}"))?;
        out.push(Line { no, step });
        if let Some(e) = expect.get(i).filter(|e| !e.trim().is_empty()) {
            let step =
                Step::Expect(expectation(e, proto).map_err(|e| format!("--expect #{no}: {e}"))?);
            out.push(Line { no, step });
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(status: &str, text: Option<&str>) -> Step {
        Step::Expect(Expect {
            status: status.into(),
            text: text.map(String::from),
        })
    }

    #[test]
    fn script_lines() {
        let s = "# probe\r\n< 220\n> EHLO x\n< 250 starttls\n\nMAIL FROM:<>\n>\n:auth plain\n::odd\n< 2xx\n";
        let steps: Vec<Step> = parse(s, Proto::Smtp)
            .unwrap()
            .into_iter()
            .map(|l| l.step)
            .collect();
        assert_eq!(
            steps,
            [
                ex("220", None),
                Step::Send("EHLO x".into()),
                ex("250", Some("starttls")),
                Step::Send("MAIL FROM:<>".into()),
                Step::Send(String::new()),
                Step::Helper(Helper::Auth("plain".into())),
                Step::Send(":odd".into()),
                ex("2", None),
            ]
        );
        assert_eq!(parse("x\n< 250\n", Proto::Smtp).unwrap()[1].no, 2);
    }

    #[test]
    fn expectations_per_protocol() {
        assert!(expectation("250", Proto::Smtp).is_ok());
        for bad in ["", "1", "2500", "abc", "6", "+OK"] {
            assert!(expectation(bad, Proto::Smtp).is_err(), "{bad}");
        }
        assert_eq!(expectation("ok", Proto::Pop3).unwrap().status, "+OK");
        assert_eq!(expectation("-err", Proto::Pop3).unwrap().status, "-ERR");
        assert!(expectation("250", Proto::Pop3).is_err());
        assert_eq!(
            expectation("no [AUTHENTICATIONFAILED]", Proto::Imap).unwrap(),
            Expect {
                status: "NO".into(),
                text: Some("[AUTHENTICATIONFAILED]".into())
            }
        );
        assert!(expectation("+OK", Proto::Imap).is_err());
        assert!(parse("<\n", Proto::Imap).unwrap_err().contains("line 1"));
        assert!(parse(":bogus\n", Proto::Imap).is_err());
        assert!(parse(":data\n", Proto::Smtp).is_err());
        assert!(parse(":quit now\n", Proto::Smtp).is_err());
    }

    #[test]
    fn send_expect_pairs() {
        let p = pairs(
            &["EHLO x".into(), "MAIL FROM:<>".into()],
            &["".into(), "250".into()],
            Proto::Smtp,
        )
        .unwrap();
        let steps: Vec<Step> = p.into_iter().map(|l| l.step).collect();
        assert_eq!(
            steps,
            [
                Step::Send("EHLO x".into()),
                Step::Send("MAIL FROM:<>".into()),
                ex("250", None)
            ]
        );
        assert!(pairs(&[], &["250".into()], Proto::Smtp).is_err());
    }
}
