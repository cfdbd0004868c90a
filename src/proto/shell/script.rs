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

/// What a `--send` line holds that must not be on a command line, where `ps`, /proc and the
/// shell's history show it to others: the credential, and the helper that sends it instead.
/// `after_auth`: the line before was an AUTH/AUTHENTICATE with no initial response, so this
/// one answers its challenge.
///
/// Refused: POP3 `PASS x`; POP3 `APOP user digest`; IMAP `[tag] LOGIN` with two arguments or
/// a literal (`{6}`: the password follows as the next line); `AUTH`/`AUTHENTICATE MECH resp`
/// with an initial response (SMTP, POP3, IMAP) and the line right after a bare `AUTH MECH`
/// (the SASL response), except for EXTERNAL and ANONYMOUS, whose responses carry no secret,
/// the empty response `=` and the cancel `*`. A script (`--script FILE`, or stdin) may hold
/// all of these: it is not in argv.
pub(crate) fn credential_in_argv(
    line: &str,
    after_auth: bool,
    proto: Proto,
) -> Option<(&'static str, &'static str)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    if after_auth && line.trim() != "*" {
        return Some(("a SASL response to AUTH", ":auth MECH"));
    }
    let (verb, args) = verb_and_args(&words, proto);
    let secret_mech =
        |m: &str| !["EXTERNAL", "ANONYMOUS"].contains(&m.to_ascii_uppercase().as_str());
    match (proto, verb.as_str()) {
        (Proto::Pop3, "PASS") if !args.is_empty() => Some(("PASS with a password", ":login")),
        (Proto::Pop3, "APOP") if args.len() >= 2 => Some((
            "APOP with a digest (which depends on the greeting anyway)",
            ":login or :auth MECH",
        )),
        (Proto::Imap, "LOGIN")
            if args.len() >= 2
                || args
                    .last()
                    .is_some_and(|a| super::literal_marker(a).is_some()) =>
        {
            Some(("LOGIN with a password", ":login"))
        }
        (Proto::Smtp | Proto::Pop3, "AUTH") | (Proto::Imap, "AUTHENTICATE")
            if args.len() >= 2 && args[1] != "=" && secret_mech(args[0]) =>
        {
            Some(("an AUTH initial response", ":auth MECH"))
        }
        _ => None,
    }
}

/// The command word of a line (IMAP: after the tag, unless the line starts with a command
/// name, which the shell tags itself) and its arguments.
fn verb_and_args<'a>(words: &'a [&'a str], proto: Proto) -> (String, &'a [&'a str]) {
    let first = words
        .first()
        .map(|w| w.to_ascii_uppercase())
        .unwrap_or_default();
    if proto != Proto::Imap || super::IMAP_COMMANDS.contains(&first.as_str()) {
        return (first, words.get(1..).unwrap_or_default());
    }
    let verb = words
        .get(1)
        .map(|w| w.to_ascii_uppercase())
        .unwrap_or_default();
    (verb, words.get(2..).unwrap_or_default())
}

/// Whether a line sent starts a SASL exchange whose next line is a (secret) response: an
/// AUTH/AUTHENTICATE with no initial response, for a mechanism other than EXTERNAL/ANONYMOUS.
fn opens_sasl(line: &str, proto: Proto) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (verb, args) = verb_and_args(&words, proto);
    let auth = match proto {
        Proto::Imap => verb == "AUTHENTICATE",
        _ => verb == "AUTH",
    };
    auth && args.len() == 1
        && !["EXTERNAL", "ANONYMOUS"].contains(&args[0].to_ascii_uppercase().as_str())
}

/// `--send`/`--expect` pairs: the n-th `--expect` checks the reply to the n-th `--send` (an
/// empty `--expect ''` checks nothing). A line that would put a credential in argv is refused
/// (see [`credential_in_argv`]).
pub(crate) fn pairs(send: &[String], expect: &[String], proto: Proto) -> Result<Vec<Line>, String> {
    if expect.len() > send.len() {
        return Err(format!(
            "{} --expect for {} --send: each --expect checks the reply to the --send of the same position",
            expect.len(),
            send.len()
        ));
    }
    let mut out = Vec::new();
    let mut after_auth = false;
    for (i, s) in send.iter().enumerate() {
        let no = i + 1;
        let step = interactive(s).map_err(|e| format!("--send #{no}: {e}"))?;
        if let Step::Send(line) = &step {
            if let Some((what, helper)) = credential_in_argv(line, after_auth, proto) {
                return Err(format!(
                    "--send #{no}: refusing {what} on the command line, where ps and the shell \
                     history show it; use {helper} with --user (the password comes from \
                     --password-env, --password-file, MAILCTL_PASSWORD or a prompt), or put the \
                     line in a --script file"
                ));
            }
            after_auth = opens_sasl(line, proto);
        } else {
            after_auth = false;
        }
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

    #[test]
    fn credentials_are_refused_in_argv() {
        let refused = |lines: &[&str], proto| {
            let send: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
            pairs(&send, &[], proto).err()
        };
        for (lines, proto) in [
            (&["PASS s3cret"][..], Proto::Pop3),
            (&["USER alice", "pass s3cret"][..], Proto::Pop3),
            (
                &["APOP alice c4c9334bac560ecc979e58001b3e22fb"][..],
                Proto::Pop3,
            ),
            (&["AUTH PLAIN AGFsaWNlAHMzY3JldA=="][..], Proto::Pop3),
            (&["AUTH PLAIN AGFsaWNlAHMzY3JldA=="][..], Proto::Smtp),
            (&["AUTH LOGIN", "YWxpY2U="][..], Proto::Smtp),
            (&["LOGIN alice s3cret"][..], Proto::Imap),
            (&["t1 login alice s3cret"][..], Proto::Imap),
            (&["t1 LOGIN alice {6}"][..], Proto::Imap),
            (&["t1 LOGIN {5+}"][..], Proto::Imap),
            (
                &["AUTHENTICATE PLAIN AGFsaWNlAHMzY3JldA=="][..],
                Proto::Imap,
            ),
            (
                &["t1 AUTHENTICATE CRAM-MD5", "YWxpY2UgZGlnZXN0"][..],
                Proto::Imap,
            ),
        ] {
            let e = refused(lines, proto).unwrap_or_else(|| panic!("{lines:?} accepted"));
            assert!(e.contains("ps") && e.contains("--script"), "{e}");
            assert!(
                !e.contains("s3cret") && !e.contains("AGFsa"),
                "echoes the secret: {e}"
            );
            assert!(e.starts_with(&format!("--send #{}", lines.len())), "{e}");
        }
        for (lines, proto) in [
            (&["USER alice", "PASS", "STAT"][..], Proto::Pop3),
            (&["APOP alice"][..], Proto::Pop3),
            (&["AUTH"][..], Proto::Pop3),
            (&["AUTH PLAIN", "*", "QUIT"][..], Proto::Smtp),
            (&["AUTH PLAIN ="][..], Proto::Smtp),
            (&["AUTH EXTERNAL", "="][..], Proto::Smtp),
            (&["AUTH ANONYMOUS dHJhY2U="][..], Proto::Smtp),
            (&["EHLO x", "MAIL FROM:<a@b>"][..], Proto::Smtp),
            (&["LOGIN alice"][..], Proto::Imap),
            (&["t1 SELECT INBOX", "t2 LOGOUT"][..], Proto::Imap),
            (&[":login", ":auth plain"][..], Proto::Imap),
            // A word that is a command elsewhere is no credential here.
            (&["PASS x"][..], Proto::Smtp),
        ] {
            assert_eq!(refused(lines, proto), None, "{lines:?}");
        }
    }
}
