//! Options people bring from swaks and curl, looked at before clap parses the command line.
//!
//! Where the meaning is identical, `cli.rs` accepts the other tool's spelling as a hidden alias
//! (`--tls-on-connect`, `--auth-user`, `--ehlo`, `--mail-rcpt`…). Everything else is caught here,
//! because clap would get it wrong: swaks' single-dash words are read as clusters of short
//! options (`-tls` is `-t ls`: a recipient named "ls"; `-stl` is `-s tl`: a server named "tl"),
//! and for a long option clap suggests the nearest name (`--tls-optional` → `--tls`, which is
//! implicit TLS, not opportunistic STARTTLS). So each of them gets a sentence saying what to
//! use instead, or why there is no equivalent. A password option never has its value shown.

use std::ffi::OsString;

/// Password options of swaks and curl: refused without ever quoting the value.
const PASSWORD_OPTS: &[&str] = &["--password", "--auth-password", "-ap", "--pass", "--passwd"];

pub(crate) const PASSWORD_HINT: &str = "mailctl never takes a password on the command line (any local user can read it with ps, \
     and it stays in your shell history); the value given was not used and is not shown. Give \
     the user with --user and the password with --password-env VAR, --password-file FILE, the \
     MAILCTL_PASSWORD variable, or at the prompt (on a terminal)";

const NO_OPPORTUNISTIC: &str = "mailctl has no opportunistic TLS: --starttls fails when the server does not offer \
     STARTTLS instead of going on in plaintext, so a result never depends on whether someone \
     stripped STARTTLS on the way. Use --starttls, or leave it out to test plaintext";

const HIDE: &str = "no equivalent: use -q for the verdict alone (and the exit code), or --json for \
     machine-readable events";

/// (options, what to do instead). Long options match as `--opt` and `--opt=…`, single-dash
/// swaks words only exactly. None of these names is a mailctl option (a test checks that).
const FOREIGN: &[(&[&str], &str)] = &[
    (
        &["-tls"],
        "this is swaks' required STARTTLS, --starttls in mailctl. mailctl's --tls is implicit TLS \
         (swaks' -tlsc). Single-dash words are not options here: '-tls' would be read as -t ls",
    ),
    (
        &["-tlsc"],
        "this is swaks' TLS on connect: use --tls (or its alias --tls-on-connect); the default \
         port is then 465",
    ),
    (
        &[
            "-tlso",
            "--tls-optional",
            "-tlsos",
            "--tls-optional-strict",
            "--ssl",
        ],
        NO_OPPORTUNISTIC,
    ),
    (
        &[
            "-tlsp",
            "--tls-protocol",
            "--tls-cipher",
            "--tls-max",
            "--tlsv1.2",
            "--tlsv1.3",
            "--tlsv1",
            "--tlsv1.0",
            "--tlsv1.1",
            "--sslv2",
            "--sslv3",
            "--ciphers",
            "--tls13-ciphers",
        ],
        "no equivalent: mailctl offers TLS 1.2 and 1.3 with rustls' cipher suites and shows the \
         version and cipher negotiated",
    ),
    (
        &["--tls-verify"],
        "the certificate is always verified here (swaks verifies only with --tls-verify): drop \
         it. --insecure turns verification off",
    ),
    (
        &["--tls-ca-path", "--capath"],
        "use --ca-file PEM (a file of CA certificates; a directory is not read)",
    ),
    (
        &["--key-type", "--cert-type"],
        "--cert and --key take PEM files only (convert DER with openssl x509 / openssl pkey)",
    ),
    (
        &["--tls-get-peer-cert"],
        "the peer certificate (subject, names, issuer, validity) is shown in every TLS \
         transcript, and with --json as `cert`",
    ),
    (&["-au"], "this is swaks' --auth-user: use --user (-u)"),
    (
        &["-ao", "--auth-optional", "-aos", "--auth-optional-strict"],
        "mailctl has no optional AUTH: --auth fails when the server offers no usable mechanism. \
         Use --auth, or leave it out",
    ),
    (
        &["-apt", "--auth-plaintext"],
        "use --show-secrets to show AUTH payloads instead of ***",
    ),
    (
        &["-ahp", "--auth-hide-password"],
        "passwords are always shown as *** (unless --show-secrets): drop it",
    ),
    (
        &["-ae", "--auth-extra", "-am", "--auth-map"],
        "no equivalent: --auth takes one mechanism (plain, login, cram-md5, xoauth2 or auto)",
    ),
    (
        &["-ah"],
        "this is swaks' --add-header: use -H 'Name: value' (or --add-header)",
    ),
    (
        &["-stl", "--show-time-lapse"],
        "every line already carries its time since the start and the Δ since the previous line: \
         drop it",
    ),
    (
        &["-n", "--suppress-data"],
        "the message is summarised by default (--show-data shows it line by line): drop it",
    ),
    (
        &[
            "-nih",
            "--no-info-hints",
            "-nsh",
            "--no-send-hints",
            "-nrh",
            "--no-receive-hints",
            "-nth",
            "--no-hints",
        ],
        HIDE,
    ),
    (
        &[
            "-hr",
            "--hide-receive",
            "-hs",
            "--hide-send",
            "-hi",
            "--hide-informational",
            "-ha",
            "--hide-all",
            "-S",
            "--silent",
        ],
        HIDE,
    ),
    (
        &["-raw", "--show-raw-text"],
        "lines are already shown as sent and received (bytes that are not printable as \\xNN): \
         drop it",
    ),
    (
        &[
            "--output-file",
            "--output-file-stdout",
            "--output-file-stderr",
        ],
        "redirect instead (> FILE, 2> FILE): results go to stdout; with a command that prints \
         results (pop3 list, imap search, dns …) the transcript goes to stderr",
    ),
    (
        &["-pp", "--protect-prompt"],
        "the password prompt never echoes: drop it",
    ),
    (&["-g"], "use --data - (read the message from stdin)"),
    (
        &["-d"],
        "use --data FILE (a whole message from a file, or - for stdin); swaks' inline DATA text \
         has no equivalent: put it in a file",
    ),
    (
        &[
            "-dab",
            "--dump-as-body",
            "-dabsp",
            "--dump-as-body-shows-password",
            "--dump",
            "--dump-mail",
        ],
        "no equivalent: --show-data shows the message as it is sent",
    ),
    (
        &["-ndf", "--no-data-fixup", "-nsf", "--no-strip-from"],
        "no equivalent: --data is sent as is, except that line ends become CRLF and leading dots \
         are doubled on the wire, as SMTP requires (RFC 5321 §2.3.8, §4.5.2)",
    ),
    (
        &["-li"],
        "this is swaks' --local-interface: use --local-addr IP[:PORT] (or its alias \
         --local-interface)",
    ),
    (
        &["--interface"],
        "use --local-addr IP[:PORT]: mailctl binds to an address, not to an interface name",
    ),
    (
        &["--local-port", "-lp", "--lport"],
        "use --local-addr IP:PORT (the source address and port together)",
    ),
    (
        &["--copy-routing"],
        "no equivalent: without --server, the MX of the first recipient's domain is used",
    ),
    (
        &[
            "--proxy-family",
            "--proxy-dest",
            "--proxy-dest-port",
            "--proxy-source-port",
            "--proxy-command",
        ],
        "mailctl's PROXY header (--proxy-protocol v1|v2) names the real peer as the destination \
         and the family from the addresses; the claimed client is --proxy-source IP[:PORT]",
    ),
    (
        &["--das", "--drop-after-send"],
        "no equivalent: --drop-after STEP closes after the server's reply to STEP (`dot`: after \
         the message, before its reply)",
    ),
    (
        &["--prdr", "--force-getpwuid", "--support"],
        "no equivalent in mailctl",
    ),
    (
        &["--attach-type", "--attach-name", "--attach-body"],
        "no equivalent: --attach FILE takes its name and content type from the file name",
    ),
    (
        &["--pipeline"],
        "PIPELINING is used whenever the server offers it (--no-pipelining turns it off): drop it",
    ),
    (
        &["--login-options"],
        "use --auth MECH (plain, login, cram-md5, xoauth2, or auto)",
    ),
    (
        &["--oauth2-bearer"],
        "use --auth xoauth2 --user USER, with the token given like a password (--password-env, \
         --password-file, MAILCTL_PASSWORD or the prompt)",
    ),
    (
        &["--sasl-ir"],
        "an initial response is sent whenever the server allows it (SMTP AUTH, IMAP SASL-IR): \
         drop it",
    ),
    (
        &["--tlsuser", "--tlspassword", "--tlsauthtype"],
        "no equivalent: mailctl does not do TLS-SRP; the server is authenticated by its \
         certificate",
    ),
    (
        &["--config"],
        "no equivalent: mailctl reads no configuration file (check reads its targets from \
         --targets FILE)",
    ),
    (
        &["--mail-auth"],
        "no equivalent: mailctl sends no AUTH= parameter with MAIL FROM (RFC 4954 §5)",
    ),
    (
        &["--mail-rcpt-allowfails"],
        "the default: a refused recipient never stops the others; the message goes to those \
         accepted and the run ends with exit 10 (partial)",
    ),
    (
        &["--sasl-authzid"],
        "no equivalent: mailctl logs in as --user and sends no separate authorization identity",
    ),
    (
        &["--resolve", "--connect-to"],
        "give the address with -s IP[:PORT] and the name to verify with --sni NAME",
    ),
    (
        &["--crlf"],
        "the default: line ends become CRLF on the wire (and leading dots are doubled): drop it",
    ),
    (
        &["-v", "--verbose", "--trace", "--trace-ascii"],
        "the whole dialogue is shown by default, timed (--json for machines): drop it",
    ),
    (
        &["-X", "--request"],
        "use `mailctl imap raw 'COMMAND'` for one IMAP command; POP3 and SMTP commands are \
         subcommands and options (pop3 list, smtp send --quit-after …)",
    ),
];

/// swaks' `--quit-after` stop points, to recognise swaks' `-q STOP` (mailctl's `-q` is quiet).
const STOP_POINTS: &[&str] = &[
    "connect",
    "banner",
    "first-helo",
    "first-ehlo",
    "first-lhlo",
    "xclient",
    "starttls",
    "tls",
    "helo",
    "ehlo",
    "lhlo",
    "auth",
    "mail",
    "from",
    "rcpt",
    "to",
];

/// URL schemes curl takes for mail; mailctl takes HOST[:PORT] and a subcommand instead.
const SCHEMES: &[&str] = &[
    "smtp://", "smtps://", "lmtp://", "imap://", "imaps://", "pop3://", "pop3s://",
];

/// The arguments for clap: swaks' `--h-Name value` becomes `--header 'Name: value'` (the same
/// meaning: add the header, replacing a generated one of that name). Err: a sentence for the
/// user (without the `error:` prefix) about an option from swaks or curl.
pub fn translate(args: Vec<OsString>) -> Result<Vec<OsString>, String> {
    let mut out = Vec::with_capacity(args.len());
    let starttls = starttls_session(&args);
    let mut it = args.into_iter().peekable();
    if let Some(prog) = it.next() {
        out.push(prog);
    }
    // Subcommand words seen so far (`smtp`, `send`): `-q STOP` and `-h NAME` mean swaks only
    // after `smtp send`, where mailctl's -q takes no value.
    let mut words: Vec<String> = Vec::new();
    while let Some(arg) = it.next() {
        let Some(s) = arg.to_str().map(str::to_owned) else {
            out.push(arg);
            continue;
        };
        if s == "--" {
            out.push(arg);
            out.extend(it);
            break;
        }
        if let Some(hint) = foreign(&s)
            && !native(&words, &s)
        {
            return Err(format!("{}: {hint}", option_name(&s)));
        }
        // A URL as an argument, or as the value in `--server=URL`.
        let value = match s.split_once('=') {
            Some((_, v)) if s.starts_with("--") => v,
            _ => s.as_str(),
        };
        if let Some(scheme) = SCHEMES.iter().find(|p| {
            value
                .get(..p.len())
                .is_some_and(|v| v.eq_ignore_ascii_case(p))
        }) {
            let tls = if scheme.ends_with("s://") && !scheme.starts_with("smtp:") {
                "--tls (implicit TLS)"
            } else {
                "--starttls if it must be encrypted"
            };
            return Err(format!(
                "'{scheme}…': mailctl takes no URLs: give the subcommand (smtp send, imap, pop3), \
                 -s HOST[:PORT] and {tls}"
            ));
        }
        // swaks' stop points: the EHLO ones are translated below; those whose mailctl namesake
        // stops elsewhere (CONNECT, TLS, STARTTLS) or does not exist get a sentence.
        let quit = match s.split_once('=') {
            Some((o, v)) if o == "--quit-after" || o == "--quit" => Some(v.to_string()),
            _ if s == "--quit-after" || s == "--quit" => {
                it.peek().and_then(|v| v.to_str()).map(str::to_owned)
            }
            _ => None,
        };
        // swaks' EHLO/HELO/LHLO stop after the last EHLO of the session: the first and only one
        // in plaintext or on implicit TLS (mailctl's `ehlo`), the second one after STARTTLS
        // (mailctl's `starttls`). Same place, so taken, in mailctl's spelling.
        if quit.as_deref().is_some_and(is_swaks_helo) {
            let mailctl = if starttls { "starttls" } else { "ehlo" };
            if s.contains('=') {
                out.push(format!("--quit-after={mailctl}").into());
            } else {
                out.push("--quit-after".into());
                let _ = it.next();
                out.push(mailctl.into());
            }
            continue;
        }
        if let Some(stop) = quit
            && let Some(hint) = swaks_stop_point(&stop)
        {
            return Err(format!("--quit-after {stop}: {hint}"));
        }
        // swaks' `--body @FILE` reads FILE; mailctl would send the text "@FILE" as the body.
        let body = match s.strip_prefix("--body=") {
            Some(v) => Some(v.to_string()),
            None if s == "--body" => it.peek().and_then(|v| v.to_str()).map(str::to_owned),
            None => None,
        };
        if let Some(file) = body.as_deref().and_then(|b| b.strip_prefix('@'))
            && std::path::Path::new(file).is_file()
        {
            return Err(format!(
                "--body @{file}: swaks reads the body from a file this way; mailctl would send \
                 the text itself: use --body-file {file}"
            ));
        }
        let in_send = words.len() >= 2 && words[0] == "smtp" && words[1] == "send";
        // swaks' `--data @FILE` and `--attach @FILE` read FILE; mailctl takes the file name as
        // it is, so `@FILE` would fail as a missing file with no hint. A file that really is
        // named `@FILE` is taken as it is. Only under `smtp send`, the one command with them.
        for opt in ["--data", "--attach"].into_iter().filter(|_| in_send) {
            let value = match s.strip_prefix(opt).and_then(|r| r.strip_prefix('=')) {
                Some(v) => Some(v.to_string()),
                None if s == opt => it.peek().and_then(|v| v.to_str()).map(str::to_owned),
                None => None,
            };
            if let Some(v) = value
                && let Some(file) = v.strip_prefix('@')
                && !std::path::Path::new(&v).exists()
                && std::path::Path::new(file).is_file()
            {
                return Err(format!(
                    "{opt} @{file}: swaks reads a file named with @ this way; mailctl takes the \
                     file name itself: use {opt} {file}"
                ));
            }
        }
        if in_send && (s == "-q" || s == "-h") {
            let next = it.peek().and_then(|n| n.to_str()).unwrap_or("");
            if s == "-q" && STOP_POINTS.contains(&next.to_ascii_lowercase().as_str()) {
                let instead = match swaks_stop_point(&next.to_ascii_uppercase()) {
                    Some(hint) => hint.to_string(),
                    None if ["ehlo", "helo", "lhlo"]
                        .contains(&next.to_ascii_lowercase().as_str()) =>
                    {
                        let stop = if starttls { "starttls" } else { "ehlo" };
                        format!("use --quit-after {stop}")
                    }
                    None => format!("use --quit-after {}", next.to_ascii_lowercase()),
                };
                return Err(format!(
                    "-q {next}: swaks' -q is --quit-after (mailctl's -q is quiet: no \
                     transcript); {instead}"
                ));
            }
            if s == "-h" && !next.is_empty() && !next.starts_with('-') {
                return Err(
                    "-h NAME: swaks' -h is --helo here (mailctl's -h is help): use --helo NAME"
                        .into(),
                );
            }
        }
        if let Some(rest) = s.strip_prefix("--h-") {
            let (name, value) = match rest.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string())),
                None => (
                    rest.to_string(),
                    it.next().and_then(|v| v.into_string().ok()),
                ),
            };
            let Some(value) = value.filter(|_| !name.is_empty()) else {
                return Err(format!(
                    "{s}: swaks' --h-NAME takes a value: --h-{name} VALUE (or -H '{name}: VALUE')"
                ));
            };
            out.push("--header".into());
            out.push(format!("{name}: {value}").into());
            continue;
        }
        if !s.starts_with('-') && words.len() < 2 {
            words.push(s.clone());
        } else if s == "--color" {
            // A global option with a separate value: the value is not a subcommand word.
            out.push(arg);
            if let Some(v) = it.next() {
                out.push(v);
            }
            continue;
        }
        out.push(arg);
    }
    Ok(out)
}

/// swaks' HELO stop points (any case but mailctl's own lower-case `ehlo`).
fn is_swaks_helo(stop: &str) -> bool {
    stop != "ehlo" && ["ehlo", "helo", "lhlo"].contains(&stop.to_ascii_lowercase().as_str())
}

/// Whether the command line asks for STARTTLS: `--starttls`, curl's `--ssl-reqd`, or a swaks
/// `--protocol` with S after the name (ESMTPS, ESMTPSA, LMTPS, LMTPSA).
fn starttls_session(args: &[OsString]) -> bool {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    let protocol_s = |p: &str| {
        let p = p.to_ascii_uppercase();
        p.starts_with("ESMTPS") || p.starts_with("LMTPS")
    };
    args.iter().enumerate().any(|(i, a)| {
        *a == "--starttls"
            || *a == "--ssl-reqd"
            || a.strip_prefix("--protocol=").is_some_and(protocol_s)
            || (*a == "--protocol" && args.get(i + 1).is_some_and(|p| protocol_s(p)))
    })
}

/// swaks' `--quit-after` values that mailctl would read differently or not at all (its own
/// lower-case `connect`, `ehlo`, `starttls` keep mailctl's meaning).
fn swaks_stop_point(stop: &str) -> Option<&'static str> {
    Some(match stop {
        "CONNECT" | "Connect" => {
            "swaks reads the greeting first: that is `banner`; mailctl's `connect` closes before \
             the greeting"
        }
        "STARTTLS" | "TLS" | "tls" | "Starttls" | "Tls" => {
            "mailctl's nearest is `starttls`: after STARTTLS, the handshake and the second EHLO \
             (swaks stops before that EHLO)"
        }
        "XCLIENT" | "xclient" => {
            "no stop point right after XCLIENT: mailctl sends it (--xclient) after STARTTLS and \
             before AUTH; --quit-after auth stops after both"
        }
        _ => return None,
    })
}

/// The hint for `arg` when it is a swaks or curl option mailctl does not take as such.
/// Options another tool has that a mailctl subcommand has too, with the same meaning: left
/// alone under that subcommand (`audit --connect-to` is curl's).
const NATIVE: &[(&[&str], &str)] = &[
    (&["audit"], "--connect-to"),
    (&["check", "domain"], "--connect-to"),
    (&["jmap", "capability"], "--connect-to"),
    (&["jmap", "list"], "--connect-to"),
    (&["jmap", "search"], "--connect-to"),
    (&["jmap", "fetch"], "--connect-to"),
    (&["jmap", "send"], "--connect-to"),
    (&["jmap", "watch"], "--connect-to"),
    // WKD's HTTPS requests: curl's meaning (the URL's host and TLS name stay, the address moves).
    (&["wkd"], "--connect-to"),
    (&["pgp", "verify"], "--connect-to"),
    // The sink's own certificate (a server's, not curl's client certificate), and AUTH offered
    // in plaintext (a server's choice, not swaks' client one).
    (&["smtp", "sink"], "--cert"),
    (&["smtp", "sink"], "--auth-plaintext"),
];

fn native(words: &[String], arg: &str) -> bool {
    let name = option_name(arg);
    NATIVE.iter().any(|(path, o)| {
        *o == name && words.starts_with(&path.iter().map(|w| w.to_string()).collect::<Vec<_>>())
    })
}

fn foreign(arg: &str) -> Option<&'static str> {
    let name = option_name(arg);
    if PASSWORD_OPTS.contains(&name) {
        return Some(PASSWORD_HINT);
    }
    if arg.starts_with("--xclient-") {
        return Some(
            "give XCLIENT attributes as --xclient NAME=VALUE (e.g. --xclient ADDR=192.0.2.1 \
             --xclient NAME=relay.example); only attributes the server lists are sent",
        );
    }
    FOREIGN
        .iter()
        .find(|(names, _)| {
            names
                .iter()
                .any(|n| *n == arg || (n.starts_with("--") && *n == name))
        })
        .map(|(_, hint)| *hint)
}

/// `--opt=value` → `--opt`: what may be quoted back to the user (a value may be a secret).
fn option_name(arg: &str) -> &str {
    if arg.starts_with("--") {
        arg.split_once('=').map_or(arg, |(n, _)| n)
    } else {
        arg
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every option name this module intercepts.
    fn intercepted() -> impl Iterator<Item = &'static str> {
        PASSWORD_OPTS
            .iter()
            .copied()
            .chain(FOREIGN.iter().flat_map(|(n, _)| n.iter().copied()))
    }

    fn tr(args: &[&str]) -> Result<Vec<String>, String> {
        translate(
            std::iter::once("mailctl")
                .chain(args.iter().copied())
                .map(OsString::from)
                .collect(),
        )
        .map(|v| {
            v.into_iter()
                .skip(1)
                .map(|a| a.into_string().unwrap())
                .collect()
        })
    }

    /// An intercepted name that mailctl itself accepts somewhere would make that option
    /// unusable: none may collide (long names, aliases and short flags of every subcommand).
    #[test]
    fn no_intercepted_name_is_a_mailctl_option() {
        fn walk(cmd: &clap::Command, names: &mut Vec<String>) {
            for a in cmd.get_arguments() {
                if let Some(l) = a.get_long() {
                    let n = format!("--{l}");
                    if NATIVE
                        .iter()
                        .any(|(path, o)| path.last() == Some(&cmd.get_name()) && *o == n)
                    {
                        continue;
                    }
                    names.push(n);
                }
                for l in a.get_all_aliases().unwrap_or_default() {
                    names.push(format!("--{l}"));
                }
                if let Some(s) = a.get_short() {
                    names.push(format!("-{s}"));
                }
                for s in a.get_all_short_aliases().unwrap_or_default() {
                    names.push(format!("-{s}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, names);
            }
        }
        let mut names = Vec::new();
        walk(&crate::cli::Cli::command(), &mut names);
        for n in intercepted() {
            assert!(!names.iter().any(|m| m == n), "{n} is a mailctl option");
        }
    }

    #[test]
    fn native_options_pass_under_their_subcommand_only() {
        assert!(tr(&["audit", "example.org", "--connect-to", ":25::2525"]).is_ok());
        assert!(
            tr(&[
                "check",
                "domain",
                "example.org",
                "--connect-to",
                ":25::2525"
            ])
            .is_ok()
        );
        assert!(tr(&["check", "smtp", "--connect-to", ":25::2525"]).is_err());
        assert!(tr(&["smtp", "send", "--connect-to", ":25::2525"]).is_err());
    }

    #[test]
    fn swaks_words_get_a_sentence_not_a_misparse() {
        let e = tr(&["smtp", "send", "-tls", "--to", "a@b"]).unwrap_err();
        assert!(
            e.contains("--starttls") && e.contains("implicit TLS"),
            "{e}"
        );
        assert!(
            tr(&["smtp", "send", "-tlsc"])
                .unwrap_err()
                .contains("--tls")
        );
        assert!(
            tr(&["smtp", "send", "--tls-optional"])
                .unwrap_err()
                .contains("no opportunistic")
        );
        // swaks' EHLO/HELO/LHLO: after the last EHLO of the session, which is mailctl's `ehlo`
        // without STARTTLS and its `starttls` with it (these were refused before).
        let q = |args: &[&str]| {
            let v = tr(args).unwrap();
            v.into_iter()
                .skip_while(|a| !a.starts_with("--quit-after"))
                .take(2)
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(
            q(&["smtp", "send", "--quit-after", "EHLO"]),
            "--quit-after ehlo"
        );
        assert_eq!(
            q(&["smtp", "send", "--tls", "--quit", "HELO"]),
            "--quit-after ehlo"
        );
        assert_eq!(
            q(&["smtp", "send", "--quit-after=Lhlo", "--lmtp"]),
            "--quit-after=ehlo --lmtp"
        );
        for tls in [
            &["--starttls"][..],
            &["--ssl-reqd"],
            &["--protocol", "esmtpsa"],
            &["--protocol=LMTPS"],
        ] {
            let mut args = vec!["smtp", "send", "--quit-after", "EHLO"];
            args.extend_from_slice(tls);
            assert_eq!(q(&args), "--quit-after starttls", "{tls:?}");
        }
        assert_eq!(
            q(&[
                "smtp",
                "send",
                "--protocol",
                "SSMTP",
                "--quit-after",
                "EHLO"
            ]),
            "--quit-after ehlo"
        );
        assert!(
            tr(&["smtp", "send", "--quit=CONNECT"])
                .unwrap_err()
                .contains("banner")
        );
        assert!(tr(&["smtp", "send", "--quit-after", "ehlo"]).is_ok());
        assert!(tr(&["smtp", "send", "--quit-after", "RCPT"]).is_ok());
        let e = tr(&["smtp", "send", "-q", "RCPT"]).unwrap_err();
        assert!(e.contains("--quit-after rcpt"), "{e}");
        let e = tr(&["smtp", "send", "-q", "ehlo"]).unwrap_err();
        assert!(e.contains("use --quit-after ehlo"), "{e}");
        let e = tr(&["smtp", "send", "--starttls", "-q", "EHLO"]).unwrap_err();
        assert!(e.contains("use --quit-after starttls"), "{e}");
        assert!(
            tr(&["smtp", "send", "-h", "client.example"])
                .unwrap_err()
                .contains("--helo")
        );
        // mailctl's own -q and -h stay what they are.
        assert!(tr(&["-q", "smtp", "send", "--to", "a@b"]).is_ok());
        assert!(tr(&["smtp", "send", "-q", "--to", "a@b"]).is_ok());
        assert!(tr(&["smtp", "send", "-h"]).is_ok());
        assert!(tr(&["imap", "search", "INBOX", "-q", "TO", "bob"]).is_ok());
        // After `--` nothing is interpreted.
        assert!(tr(&["imap", "search", "INBOX", "--", "-tls"]).is_ok());
    }

    #[test]
    fn password_options_never_quote_the_value() {
        for args in [
            &["smtp", "send", "--password", "hunter2"][..],
            &["smtp", "send", "--password=hunter2"],
            &["smtp", "send", "--auth-password=hunter2"],
            &["smtp", "send", "-ap", "hunter2"],
            &["imap", "list", "--pass=hunter2"],
        ] {
            let e = tr(args).unwrap_err();
            assert!(!e.contains("hunter2"), "{e}");
            assert!(
                e.contains("--password-env") && e.contains("MAILCTL_PASSWORD"),
                "{e}"
            );
        }
    }

    #[test]
    fn swaks_body_from_a_file_is_not_sent_as_text() {
        let f = std::env::temp_dir().join(format!("mailctl-compat-body-{}", std::process::id()));
        std::fs::write(&f, "body").unwrap();
        let at = format!("@{}", f.display());
        let e = tr(&["smtp", "send", "--body", &at]).unwrap_err();
        assert!(e.contains("--body-file"), "{e}");
        assert!(tr(&["smtp", "send", &format!("--body={at}")]).is_err());
        // Text that merely starts with @ is text.
        assert!(tr(&["smtp", "send", "--body", "@team: hello"]).is_ok());
        let _ = std::fs::remove_file(f);
    }

    /// swaks' `--data @FILE` / `--attach @FILE` used to fail as a missing file `@FILE` with no
    /// hint; they now name the spelling to use.
    #[test]
    fn swaks_at_file_for_data_and_attach_names_the_option_to_use() {
        let dir = std::env::temp_dir().join(format!("mailctl-compat-at-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("m.eml");
        std::fs::write(&f, "Subject: x\n\nbody\n").unwrap();
        let at = format!("@{}", f.display());
        for opt in ["--data", "--attach"] {
            let e = tr(&["smtp", "send", opt, &at]).unwrap_err();
            assert!(e.contains(&format!("use {opt} {}", f.display())), "{e}");
            assert!(tr(&["smtp", "send", &format!("{opt}={at}")]).is_err());
        }
        // `@` before a name that is no file is left to the option's own error.
        assert!(tr(&["smtp", "send", "--data", "@/nonexistent/mailctl"]).is_ok());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn swaks_h_name_becomes_a_header() {
        assert_eq!(
            tr(&["smtp", "send", "--h-X-Test", "one two", "--h-Subject=hi"]).unwrap(),
            [
                "smtp",
                "send",
                "--header",
                "X-Test: one two",
                "--header",
                "Subject: hi"
            ]
        );
        assert!(tr(&["smtp", "send", "--h-X-Test"]).is_err());
    }

    #[test]
    fn urls_are_refused_with_the_flags_to_use() {
        let e = tr(&["pop3", "list", "-s", "pop3s://mail.example.org"]).unwrap_err();
        assert!(e.contains("--tls") && e.contains("-s HOST"), "{e}");
        let e = tr(&["smtp", "send", "--server=smtp://mx.example.org"]).unwrap_err();
        assert!(e.contains("--starttls"), "{e}");
    }
}
