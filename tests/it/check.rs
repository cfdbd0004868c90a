//! `mailctl check` against the rig's real Postfix and Dovecot: healthy checks of each protocol
//! (IMAP and POP3 with STARTTLS and a login), thresholds tripping WARNING and CRITICAL, a
//! certificate that expires in days (Postfix SMTPS on RIG_EXPIRING_SMTPS_PORT), a refused login,
//! a stopped server (CRITICAL, never UNKNOWN), usage errors (UNKNOWN), many targets with the
//! worst state as the exit code, the transcript kept on failure, and round trips through
//! submission into IMAP and POP3 — one delivered and cleaned up, one whose deadline passes, and
//! (with a scripted IMAP peer, since Dovecot always has it) one on a server without UIDPLUS.
//! Nagios and Prometheus output is read with the strict parsers in `formats.rs`.
//!
//! Logins use erin@rig.test (nobody else's tests log in there); round trips use dave@rig.test's
//! mailbox and hold `dave_lock()`; mail that must never arrive in dave's mailbox goes to erin
//! and is removed by the test that sent it.

use crate::formats::{nagios, prom};
use crate::util::*;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::sync::{Mutex, MutexGuard};

const ERIN: &str = "erin@rig.test";
const ERIN_PW: &str = "erin-secret-pw";
const DAVE: &str = "dave@rig.test";
const DAVE_PW: &str = "dave-secret-pw";

static DAVE_LOCK: Mutex<()> = Mutex::new(());

/// Every round trip test takes this lock; the first taker also removes what earlier, aborted
/// runs left in dave's and erin's mailboxes (round trip messages and bystanders only).
pub(crate) fn dave_lock() -> MutexGuard<'static, ()> {
    static SWEPT: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    let g = DAVE_LOCK.lock().unwrap_or_else(|e| e.into_inner());
    if !SWEPT.swap(true, std::sync::atomic::Ordering::SeqCst) {
        for user in ["dave", "erin"] {
            let dir = rig().maildir(user);
            remove_messages_with(&dir, "X-Mailctl-Roundtrip: mailctl-");
            remove_messages_with(&dir, "X-Bystander: ");
        }
    }
    g
}

/// `mailctl check <proto> …` with the rig CA. The rig's server certificate lives 30 days and is
/// reissued only when a day is left, so checks that are not about certificates lower the
/// certificate thresholds below anything the rig can have.
fn check(proto: &str) -> Command {
    let mut c = mailctl();
    c.args(["check", proto, "--ca-file", rig().ca()]);
    if proto != "roundtrip" {
        c.args(["--cert-warn-days", "1", "--cert-crit-days", "0"]);
    }
    c
}

/// Log in as erin, the password from the environment.
fn as_erin(c: &mut Command) -> &mut Command {
    c.env("CHECK_PW", ERIN_PW)
        .args(["--user", ERIN, "--password-env", "CHECK_PW"])
}

/// A port on 127.0.0.1 where nothing listens: bound, then released.
fn closed_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

#[track_caller]
fn nagios_of(r: &Run) -> nagios::Output {
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    nagios::parse(&r.stdout, r.code)
        .unwrap_or_else(|e| panic!("not valid Nagios plugin output ({e}):\n{}", r.stdout))
}

#[track_caller]
fn prom_of(r: &Run) -> prom::Exposition {
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    prom::parse(&r.stdout)
        .unwrap_or_else(|e| panic!("not valid exposition format ({e}):\n{}", r.stdout))
}

/// The summary's one target (JSON format).
#[track_caller]
fn only_target(s: &Value) -> &Value {
    let t = s["targets"].as_array().expect("targets");
    assert_eq!(t.len(), 1, "{s}");
    &t[0]
}

/// Remove every message file in `dir` that contains `needle`; returns how many.
fn remove_messages_with(dir: &Path, needle: &str) -> usize {
    let mut n = 0;
    for f in maildir_files(dir) {
        if std::fs::read(&f).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
        {
            std::fs::remove_file(&f).unwrap();
            n += 1;
        }
    }
    n
}

fn has_message_with(dir: &Path, needle: &str) -> bool {
    maildir_files(dir).iter().any(|f| {
        std::fs::read(f).is_ok_and(|b| b.windows(needle.len()).any(|w| w == needle.as_bytes()))
    })
}

// ---------------------------------------------------------------- healthy checks

#[test]
fn healthy_checks_of_each_protocol_are_ok_with_perfdata() {
    let rig = rig();
    let cases: Vec<(&str, String, Vec<&str>, bool)> = vec![
        ("smtp", rig.addr("RIG_SMTP_PORT"), vec![], false),
        (
            "smtp",
            rig.addr("RIG_SUBMISSION_PORT"),
            vec!["--starttls"],
            true,
        ),
        ("smtp", rig.addr("RIG_SMTPS_PORT"), vec!["--tls"], true),
        ("imap", rig.addr("RIG_IMAP_PORT"), vec!["--starttls"], true),
        ("imap", rig.addr("RIG_IMAPS_PORT"), vec!["--tls"], true),
        ("pop3", rig.addr("RIG_POP3_PORT"), vec!["--starttls"], true),
        ("pop3", rig.addr("RIG_POP3S_PORT"), vec!["--tls"], true),
    ];
    for (proto, addr, tls, login) in cases {
        let mut c = check(proto);
        c.args(["-s", &addr, "--format", "nagios"]).args(&tls);
        if login {
            as_erin(&mut c);
        }
        let r = run(&mut c);
        let o = nagios_of(&r);
        let what = format!("{proto} {addr} {tls:?}");
        assert_eq!((r.code, o.state.as_str()), (0, "OK"), "{what}: {r:?}");
        assert_eq!(o.service, proto.to_uppercase(), "{what}");
        let time = o.perf("time");
        assert_eq!((time.uom.as_str(), time.min), ("s", Some(0.0)), "{what}");
        assert!(time.value > 0.0 && time.value < 30.0, "{what}: {time:?}");
        assert!(o.perf("connect").value <= time.value, "{what}");
        if !tls.is_empty() {
            assert!(o.perf("tls").value > 0.0, "{what}");
            let cert = o.perf("cert_days");
            assert!(cert.value >= 1.0, "{what}: {cert:?}");
            assert_eq!(cert.uom, "", "days have no Nagios unit");
            assert_eq!(cert.warn, Some(nagios::range("1:").unwrap()), "{what}");
        } else {
            assert!(!o.has("cert_days") && !o.has("tls"), "{what}: {o:?}");
        }
        if login {
            assert!(o.perf("auth").value > 0.0, "{what}");
            assert!(o.text.contains(&format!("as {ERIN}")), "{what}: {}", o.text);
        }
        if tls == ["--starttls"] {
            assert!(o.has("starttls"), "{what}");
        }
    }
}

#[test]
fn human_and_json_show_the_transcript_and_the_verdict() {
    let rig = rig();
    let r = run(as_erin(check("imap").args([
        "-s",
        &rig.addr("RIG_IMAP_PORT"),
        "--starttls",
    ])));
    assert_eq!(r.code, 0, "{r:?}");
    assert!(r.stdout.contains("C: A0001 STARTTLS"), "{}", r.stdout);
    assert!(
        r.stdout.contains("LOGIN \"erin@rig.test\" ***"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains(ERIN_PW));
    let last = r.stdout.lines().last().unwrap();
    assert!(
        last.starts_with(&format!("OK check imap {}", rig.addr("RIG_IMAP_PORT"))),
        "{last}"
    );

    let r = run(as_erin(check("pop3").args([
        "-s",
        &rig.addr("RIG_POP3S_PORT"),
        "--tls",
        "--json",
    ])));
    assert_eq!(r.code, 0, "{r:?}");
    let events = r.json();
    let target = rig.addr("RIG_POP3S_PORT");
    // Every event carries its target; the last line is the summary.
    for e in &events[..events.len() - 1] {
        assert_eq!(e["target"], target.as_str(), "{e}");
    }
    assert!(
        r.dialogue().contains(&"C: PASS ***".to_string()),
        "{:?}",
        r.dialogue()
    );
    let s = r.summary();
    assert_eq!(
        (s["status"].as_str(), s["exit_code"].as_i64()),
        (Some("OK"), Some(0))
    );
    let t = only_target(&s);
    assert_eq!(t["protocol"], "pop3");
    assert_eq!(t["server"], target.as_str());
    assert!(t["timings_ms"]["auth"].as_f64().unwrap() > 0.0, "{t}");
    assert_eq!(t["cert"]["subject"], "CN=mail.rig.test");
    assert!(!r.stdout.contains(ERIN_PW));
}

#[test]
fn expected_banner_is_checked_before_anything_is_sent() {
    let rig = rig();
    let smtp = rig.addr("RIG_SMTP_PORT");
    let r = run(check("smtp").args([
        "-s",
        &smtp,
        "--expect-banner",
        r"^220 mail\.rig\.test ESMTP",
        "--format",
        "nagios",
    ]));
    assert_eq!(nagios_of(&r).state, "OK", "{r:?}");

    let r = run(as_erin(check("imap").args([
        "-s",
        &rig.addr("RIG_IMAP_PORT"),
        "--starttls",
        "--expect-banner",
        "Microsoft Exchange",
        "--json",
    ])));
    assert_eq!(r.code, 2, "{r:?}");
    let t = only_target(&r.summary()).clone();
    assert_eq!(t["status"], "CRITICAL");
    assert_eq!(t["error"]["phase"], "banner");
    assert!(
        t["message"].as_str().unwrap().contains("--expect-banner"),
        "{t}"
    );
    // Nothing but the goodbye went to a server that is not the one expected: no STARTTLS, and
    // above all no login.
    let sent: Vec<String> = r
        .dialogue()
        .into_iter()
        .filter(|l| l.starts_with("C: "))
        .collect();
    assert_eq!(sent, ["C: A0001 LOGOUT"], "{:?}", r.dialogue());
}

#[test]
fn smtp_send_test_opens_and_resets_a_transaction() {
    let rig = rig();
    let r = run(check("smtp").args([
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--send-test",
        "--from",
        "monitor@example.org",
        "--to",
        "bob@rig.test",
        "--json",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    let d = r.dialogue();
    let sent: Vec<&str> = d
        .iter()
        .filter_map(|l| l.strip_prefix("C: "))
        .map(|l| l.split(' ').next().unwrap())
        .collect();
    assert_eq!(sent, ["EHLO", "MAIL", "RCPT", "RSET", "QUIT"], "{d:?}");
    assert!(
        d.contains(&"C: RCPT TO:<bob@rig.test>".to_string()),
        "{d:?}"
    );
    let t = only_target(&r.summary()).clone();
    assert!(t["timings_ms"]["rcpt"].as_f64().unwrap() > 0.0, "{t}");

    let r = run(check("smtp").args([
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--send-test",
        "--to",
        "nobody@rig.test",
        "--format",
        "nagios",
    ]));
    let o = nagios_of(&r);
    assert_eq!(o.state, "CRITICAL", "{r:?}");
    assert!(
        o.text.contains("rcpt: RCPT TO:<nobody@rig.test> rejected"),
        "{}",
        o.text
    );
    assert!(o.text.contains("550"), "{}", o.text);
}

// ---------------------------------------------------------------- thresholds

#[test]
fn thresholds_trip_warning_and_critical() {
    let rig = rig();
    let imap = rig.addr("RIG_IMAP_PORT");
    let base = |extra: &[&str]| {
        let mut c = check("imap");
        as_erin(
            c.args(["-s", &imap, "--starttls", "--format", "nagios"])
                .args(extra),
        );
        run(&mut c)
    };

    let r = base(&["--warn", "0ms"]);
    let o = nagios_of(&r);
    assert_eq!((r.code, o.state.as_str()), (1, "WARNING"), "{r:?}");
    assert!(
        o.text.contains("the check took") && o.text.contains("(--warn 0.0 ms)"),
        "{}",
        o.text
    );
    let time = o.perf("time");
    assert_eq!(time.warn, Some(nagios::range("0").unwrap()));
    assert!(
        time.warn.as_ref().unwrap().alerts(time.value),
        "perfdata agrees with the state"
    );

    let r = base(&["--warn", "0", "--crit", "0.000001s"]);
    let o = nagios_of(&r);
    assert_eq!((r.code, o.state.as_str()), (2, "CRITICAL"), "{r:?}");
    assert!(
        o.perf("time")
            .crit
            .as_ref()
            .unwrap()
            .alerts(o.perf("time").value)
    );

    let r = base(&["--warn-phase", "auth=0ms"]);
    let o = nagios_of(&r);
    assert_eq!(o.state, "WARNING", "{r:?}");
    assert!(o.text.contains("phase auth took"), "{}", o.text);
    assert_eq!(o.perf("auth").warn, Some(nagios::range("0").unwrap()));
    assert_eq!(
        o.perf("time").warn,
        None,
        "the phase threshold is on its phase only"
    );

    let r = base(&["--warn-phase", "tls=0", "--crit-phase", "tls=0"]);
    let o = nagios_of(&r);
    assert_eq!(o.state, "CRITICAL", "{r:?}");
    assert_eq!(o.long.len(), 1, "one reason, the worse one: {:?}", o.long);
    assert!(
        o.long[0].starts_with("CRITICAL: phase tls took"),
        "{:?}",
        o.long
    );

    // Generous limits leave it OK, and still show in the perfdata.
    let r = base(&["--warn", "20s", "--crit", "40s", "--warn-phase", "tls=10s"]);
    let o = nagios_of(&r);
    assert_eq!(o.state, "OK", "{r:?}");
    assert_eq!(o.perf("time").warn, Some(nagios::range("20").unwrap()));
    assert_eq!(o.perf("time").crit, Some(nagios::range("40").unwrap()));
    assert_eq!(o.perf("tls").warn, Some(nagios::range("10").unwrap()));
}

#[test]
fn a_certificate_expiring_in_days_warns_then_goes_critical() {
    let rig = rig();
    let addr = rig.addr("RIG_EXPIRING_SMTPS_PORT");
    let run_with = |warn: i64, crit: i64, format: &str| {
        run(mailctl().args([
            "check",
            "smtp",
            "-s",
            &addr,
            "--tls",
            "--ca-file",
            rig.ca(),
            "--cert-warn-days",
            &warn.to_string(),
            "--cert-crit-days",
            &crit.to_string(),
            "--format",
            format,
        ]))
    };
    // What the rig's short-lived certificate has left (it is reissued at rig start).
    let r = run_with(0, 0, "json");
    assert_eq!(r.code, 0, "{r:?}");
    let cert = only_target(&r.summary())["cert"].clone();
    let days = cert["days_left"].as_i64().unwrap();
    assert!(
        (0..=5).contains(&days),
        "the rig's expiring certificate: {cert}"
    );

    // Below --cert-warn-days, not below --cert-crit-days: WARNING.
    let r = run_with(days + 10, days, "nagios");
    let o = nagios_of(&r);
    assert_eq!((r.code, o.state.as_str()), (1, "WARNING"), "{r:?}");
    assert!(
        o.text.contains(&format!("expires in {days} day(s)")),
        "{}",
        o.text
    );
    assert!(o.text.contains("--cert-warn-days"), "{}", o.text);
    let pd = o.perf("cert_days");
    assert_eq!(pd.value, days as f64);
    assert!(pd.warn.as_ref().unwrap().alerts(pd.value));
    assert!(!pd.crit.as_ref().unwrap().alerts(pd.value));

    // Below --cert-crit-days: CRITICAL.
    let r = run_with(days + 10, days + 1, "nagios");
    let o = nagios_of(&r);
    assert_eq!((r.code, o.state.as_str()), (2, "CRITICAL"), "{r:?}");
    assert!(o.text.contains("--cert-crit-days"), "{}", o.text);
    assert!(
        o.perf("cert_days")
            .crit
            .as_ref()
            .unwrap()
            .alerts(days as f64)
    );

    // Prometheus exports the expiry as a timestamp, the certificate's notAfter.
    let r = run_with(days + 10, days + 1, "prometheus");
    assert_eq!(r.code, 2, "{r:?}");
    let e = prom_of(&r);
    let labels = [("target", addr.as_str()), ("protocol", "smtp")];
    let not_after = e.value("mailctl_cert_expiry_seconds", &labels);
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs_f64();
    let left_days = (not_after - now) / 86_400.0;
    assert!(
        left_days >= days as f64 && left_days < days as f64 + 1.0,
        "notAfter {not_after} is {left_days} days away, the summary said {days} ({cert})"
    );
    assert_eq!(e.value("mailctl_check_success", &labels), 0.0);
    assert_eq!(e.value("mailctl_check_status", &labels), 2.0);
}

// ---------------------------------------------------------------- failures

#[test]
fn a_refused_login_is_critical_and_the_password_stays_hidden() {
    let rig = rig();
    let wrong = "wrong-pw-7f3a9c";
    for (proto, addr) in [
        ("imap", rig.addr("RIG_IMAP_PORT")),
        ("pop3", rig.addr("RIG_POP3_PORT")),
    ] {
        let r = run(check(proto)
            .args([
                "-s",
                &addr,
                "--starttls",
                "--user",
                ERIN,
                "--password-env",
                "BAD_PW",
            ])
            .env("BAD_PW", wrong)
            .arg("--json"));
        assert_eq!(r.code, 2, "{proto}: {r:?}");
        let s = r.summary();
        assert_eq!(s["status"], "CRITICAL");
        let t = only_target(&s);
        assert_eq!(t["error"]["phase"], "auth", "{t}");
        assert_eq!(t["error"]["kind"], "rejected", "{t}");
        assert!(
            !r.stdout.contains(wrong) && !r.stderr.contains(wrong),
            "{proto}: password leaked"
        );
        assert!(r.stdout.contains("***"), "{proto}");
    }
}

#[test]
fn a_stopped_server_is_critical_in_every_format() {
    let addr = format!("127.0.0.1:{}", closed_port());
    let r = run(check("smtp").args(["-s", &addr, "--format", "nagios"]));
    let o = nagios_of(&r);
    assert_eq!((r.code, o.state.as_str()), (2, "CRITICAL"), "{r:?}");
    assert!(o.text.contains("connect: could not connect"), "{}", o.text);
    assert!(o.has("time") && o.has("connect"), "{o:?}");

    let r = run(check("imap").args(["-s", &addr, "--format", "prometheus"]));
    assert_eq!(r.code, 2, "{r:?}");
    let e = prom_of(&r);
    let labels = [("target", addr.as_str()), ("protocol", "imap")];
    assert_eq!(e.value("mailctl_check_success", &labels), 0.0);
    assert_eq!(e.value("mailctl_check_status", &labels), 2.0);
    assert!(e.named("mailctl_cert_expiry_seconds").is_empty());

    let r = run(check("pop3").args(["-s", &addr, "--json"]));
    assert_eq!(r.code, 2, "{r:?}");
    let s = r.summary();
    assert_eq!(
        (s["status"].as_str(), s["outcome"].as_str()),
        (Some("CRITICAL"), Some("fail"))
    );
    assert_eq!(only_target(&s)["error"]["phase"], "connect");

    let r = run(check("smtp").args(["-s", &addr, "-q"]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        r.stdout
            .starts_with(&format!("CRITICAL check smtp {addr} in ")),
        "{}",
        r.stdout
    );
}

#[test]
fn a_closed_stdout_does_not_change_the_verdict() {
    // Other commands exit 0 on a broken pipe; a check must still exit with its state.
    let addr = format!("127.0.0.1:{}", closed_port());
    let r = run_stdout_closed(check("smtp").args([
        "-s",
        &addr,
        "--target",
        &rig().addr("RIG_SMTP_PORT"),
    ]));
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    assert_eq!(r.code, 2, "{r:?}");
}

#[test]
fn command_line_errors_found_before_clap_or_the_plan_are_unknown_too() {
    // cli::compat's sentences (here: a URL) come before clap parses anything: under `check`
    // they are UNKNOWN like clap's own errors; elsewhere they are the usual usage error (2).
    let r = run(mailctl().args(["check", "smtp", "-s", "smtps://mail.example"]));
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stderr.contains("mailctl takes no URLs"), "{r:?}");
    let r = run(mailctl().args(["pop3", "list", "-s", "smtps://mail.example"]));
    assert_eq!(r.code, 2, "{r:?}");
    // A plan that fails is UNKNOWN with stdout closed too, not the 0 of a broken pipe.
    let r = run_stdout_closed(mailctl().args(["check", "smtp", "--format", "nagios"]));
    assert_eq!(r.code, 3, "{r:?}");
}

#[test]
fn usage_and_local_errors_are_unknown() {
    let rig = rig();
    let smtp = rig.addr("RIG_SMTP_PORT");
    let cases: Vec<Vec<&str>> = vec![
        vec!["check", "smtp", "--format", "nagios"],
        vec!["check", "smtp", "-s", &smtp, "--bogus-flag"],
        vec!["check", "imap", "-s", &smtp, "--warn-phase", "ehlo=1s"],
        vec!["check", "smtp", "-s", &smtp, "--expect-banner", "(unclosed"],
        vec!["check", "smtp", "-s", &smtp, "--warn", "2s", "--crit", "1s"],
        vec!["check", "smtp", "-s", &smtp, "--json", "--format", "nagios"],
        vec![
            "check",
            "smtp",
            "-s",
            &smtp,
            "--tls",
            "--ca-file",
            "/nonexistent/ca.pem",
        ],
        vec![
            "check",
            "smtp",
            "-s",
            &smtp,
            "--targets",
            "/nonexistent/targets.toml",
        ],
        vec![
            "check",
            "smtp",
            "-s",
            &smtp,
            "--user",
            "u",
            "--password-env",
            "UNSET_VAR_X",
        ],
        vec!["check", "roundtrip", "--smtp-server", &smtp],
    ];
    for args in cases {
        let r = run(mailctl().args(&args));
        assert_eq!(r.code, 3, "{args:?}: {r:?}");
        assert!(!r.stderr.contains("panicked"), "{args:?}");
    }
    let r = run(mailctl().args(["check", "smtp", "--format", "nagios"]));
    let o = nagios_of(&r);
    assert_eq!(o.state, "UNKNOWN");
    assert!(o.text.contains("nothing to check"), "{}", o.text);
    let r = run(mailctl().args([
        "check",
        "smtp",
        "-s",
        &smtp,
        "--warn-phase",
        "x",
        "--format",
        "prometheus",
    ]));
    assert_eq!(r.code, 3);
    let e = prom_of(&r);
    assert!(
        e.samples.is_empty(),
        "no sample may claim anything: {:?}",
        e.samples
    );
    assert!(e.comments[0].contains("UNKNOWN"), "{:?}", e.comments);
    // Other commands keep their own codes for usage errors.
    assert_eq!(
        run(mailctl().args(["smtp", "send", "--bogus-flag"])).code,
        2
    );
}

// ---------------------------------------------------------------- many targets

#[test]
fn many_targets_run_concurrently_and_the_worst_state_is_the_exit_code() {
    let rig = rig();
    let closed = format!("127.0.0.1:{}", closed_port());
    let dir = std::env::temp_dir().join(token("check-targets"));
    std::fs::create_dir_all(&dir).unwrap();
    let pw_file = dir.join("erin.pw");
    std::fs::write(&pw_file, format!("{ERIN_PW}\n")).unwrap();
    // Per-target overrides: protocol, TLS, login (password file relative to the targets file),
    // thresholds.
    let file = dir.join("targets.toml");
    std::fs::write(
        &file,
        format!(
            r#"
[[target]]
server = "{smtp}"
name = "mx"

[[target]]
server = "{imaps}"
name = "imaps-erin"
protocol = "imap"
tls = true
user = "{ERIN}"
password_file = "erin.pw"
warn_phase = {{ tls = "10s" }}

[[target]]
server = "{pop3}"
name = "pop3-slow"
protocol = "pop3"
starttls = true
warn = "0ms"
"#,
            smtp = rig.addr("RIG_SMTP_PORT"),
            imaps = rig.addr("RIG_IMAPS_PORT"),
            pop3 = rig.addr("RIG_POP3_PORT"),
        ),
    )
    .unwrap();
    let targets = file.to_str().unwrap();

    // OK, OK and WARNING: WARNING (1).
    let r = run(check("smtp").args(["--targets", targets, "--format", "nagios"]));
    let o = nagios_of(&r);
    assert_eq!((r.code, o.state.as_str()), (1, "WARNING"), "{r:?}");
    assert_eq!(o.service, "CHECK", "mixed protocols");
    assert!(
        o.text.starts_with("3 targets: 1 WARNING, 2 OK"),
        "{}",
        o.text
    );
    for label in [
        "mx time",
        "imaps-erin auth",
        "imaps-erin cert_days",
        "pop3-slow time",
    ] {
        assert!(o.has(label), "{label}: {:?}", o.perf);
    }
    assert_eq!(
        o.perf("imaps-erin tls").warn,
        Some(nagios::range("10").unwrap())
    );
    assert_eq!(
        o.perf("pop3-slow time").warn,
        Some(nagios::range("0").unwrap())
    );
    assert_eq!(o.long.len(), 3, "{:?}", o.long);
    assert!(
        o.long[1].starts_with("OK imaps-erin (imap) in "),
        "{:?}",
        o.long
    );
    assert!(
        o.long[1].contains(&format!("logged in as {ERIN}")),
        "{:?}",
        o.long
    );
    assert!(
        o.long[2].starts_with("WARNING pop3-slow (pop3)"),
        "{:?}",
        o.long
    );

    // Plus a stopped server given on the command line: CRITICAL (2).
    let r = run(check("smtp").args([
        "--targets",
        targets,
        "--target",
        &closed,
        "--format",
        "prometheus",
    ]));
    assert_eq!(r.code, 2, "{r:?}");
    let e = prom_of(&r);
    let status =
        |t: &str, p: &str| e.value("mailctl_check_status", &[("target", t), ("protocol", p)]);
    assert_eq!(status("mx", "smtp"), 0.0);
    assert_eq!(status("imaps-erin", "imap"), 0.0);
    assert_eq!(status("pop3-slow", "pop3"), 1.0);
    assert_eq!(status(&closed, "smtp"), 2.0);
    assert_eq!(e.named("mailctl_check_success").len(), 4);
    assert!(
        e.value(
            "mailctl_check_duration_seconds",
            &[("target", "imaps-erin"), ("phase", "auth")]
        ) > 0.0
    );
    for s in e.named("mailctl_check_duration_seconds") {
        assert!(s.value >= 0.0 && s.value < 60.0, "{s:?}");
    }
    assert_eq!(e.types["mailctl_check_duration_seconds"], "gauge");
    assert!(e.help.contains_key("mailctl_cert_expiry_seconds"));

    // Human output: one block per target, a table, the overall verdict.
    let r = run(check("smtp").args(["--targets", targets, "--target", &closed]));
    assert_eq!(r.code, 2, "{r:?}");
    for name in ["mx", "imaps-erin", "pop3-slow", closed.as_str()] {
        assert!(
            r.stdout.contains(&format!("── {name} (")),
            "{name}: {}",
            r.stdout
        );
    }
    let last = r.stdout.lines().last().unwrap();
    assert_eq!(
        last,
        "CRITICAL check smtp: 4 targets: 1 CRITICAL, 1 WARNING, 2 OK (exit 2)"
    );
    assert!(!r.stdout.contains(ERIN_PW));

    // A typo in the file is UNKNOWN, not a silently ignored setting.
    std::fs::write(
        dir.join("bad.toml"),
        "[[target]]\nserver = \"a\"\nwarm = \"1s\"\n",
    )
    .unwrap();
    let r = run(check("smtp").args([
        "--targets",
        dir.join("bad.toml").to_str().unwrap(),
        "--format",
        "nagios",
    ]));
    let o = nagios_of(&r);
    assert_eq!(o.state, "UNKNOWN", "{r:?}");
    assert!(o.text.contains("warm"), "{}", o.text);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_targets_file_error_names_line_and_key_but_never_the_value() {
    // A password pasted into the file (no such key), a value of the wrong type, a syntax error on
    // the password line: each is UNKNOWN with the place and key, in every format, and the
    // secret appears nowhere (toml's own message quotes the offending line).
    let secret = "Tgt-s3cret-Hunter2";
    let dir = std::env::temp_dir().join(token("check-toml"));
    std::fs::create_dir_all(&dir).unwrap();
    let head = "[[target]]\nserver = \"127.0.0.1:1\"\n";
    let cases = [
        (
            format!("{head}password = \"{secret}\"\n"),
            "line 3, column 1, key `password`",
        ),
        (
            format!("{head}port = \"{secret}\"\n"),
            "line 3, column 8, key `port`",
        ),
        (
            format!("{head}password_env = {secret}\n"),
            "line 3, column 16, key `password_env`",
        ),
        (
            format!("{head}user = \"u\"\npassword_file = \"{secret}\n"),
            "line 4, column ",
        ),
    ];
    for (i, (text, place)) in cases.iter().enumerate() {
        let file = dir.join(format!("t{i}.toml"));
        std::fs::write(&file, text).unwrap();
        for format in ["human", "json", "nagios", "prometheus"] {
            let r =
                run(check("smtp").args(["--targets", file.to_str().unwrap(), "--format", format]));
            assert_eq!(r.code, 3, "{text:?} {format}: {r:?}");
            for out in [&r.stdout, &r.stderr] {
                assert!(!out.contains("s3cret"), "{text:?} {format}: {out}");
            }
            let said = format!("{}{}", r.stdout, r.stderr);
            assert!(said.contains(place), "{text:?} {format}: {said}");
        }
    }
    let _ = std::fs::remove_dir_all(dir);
}

// ---------------------------------------------------------------- transcript on failure

#[test]
fn a_failing_check_keeps_its_transcript_without_secrets() {
    let rig = rig();
    let dir = std::env::temp_dir().join(token("check-transcript"));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("last-failure.txt");
    let imap = rig.addr("RIG_IMAP_PORT");

    // Passing: nothing written.
    let r = run(
        as_erin(check("imap").args(["-s", &imap, "--starttls", "--format", "nagios"]))
            .arg("--transcript-on-failure")
            .arg(&file),
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert!(!file.exists());

    // Failing (WARNING): the whole dialogue, the password redacted, a private file.
    let r = run(
        as_erin(check("imap").args(["-s", &imap, "--starttls", "--warn", "0", "--json"]))
            .arg("--transcript-on-failure")
            .arg(&file),
    );
    assert_eq!(r.code, 1, "{r:?}");
    assert_eq!(r.summary()["transcript_file"], file.to_str().unwrap());
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.starts_with("mailctl check imap at "), "{text}");
    assert!(text.contains("WARNING"), "{text}");
    for line in [
        "C: A0001 STARTTLS",
        "LOGIN \"erin@rig.test\" ***",
        "C: A0004 LOGOUT",
    ] {
        assert!(text.contains(line), "{line:?} missing:\n{text}");
    }
    assert!(!text.contains(ERIN_PW), "password in the transcript file");
    assert!(!text.contains('\x1b'), "no colour codes in a file");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    // A later passing run leaves the last failure's transcript alone.
    let r = run(
        as_erin(check("imap").args(["-s", &imap, "--starttls", "-q"]))
            .arg("--transcript-on-failure")
            .arg(&file),
    );
    assert_eq!(r.code, 0, "{r:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);

    // Showing secrets and keeping a transcript cannot go together.
    let r = run(
        as_erin(check("imap").args(["-s", &imap, "--starttls", "--show-secrets"]))
            .arg("--transcript-on-failure")
            .arg(&file),
    );
    assert_eq!(r.code, 3, "{r:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), text);
    let _ = std::fs::remove_dir_all(dir);
}

/// A transcript file that could never be written is UNKNOWN before anything is checked (it used
/// to surface only after the run, as a note beside a CRITICAL that was about the server).
#[test]
fn an_unwritable_transcript_file_is_unknown_before_connecting() {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.set_nonblocking(true).unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let missing = std::env::temp_dir()
        .join(token("check-no-dir"))
        .join("t.txt");
    let r = run(mailctl()
        .args(["check", "smtp", "-s", &addr, "--timeout", "1s", "--json"])
        .arg("--transcript-on-failure")
        .arg(&missing));
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stdout.contains("cannot create"), "{r:?}");
    assert!(
        matches!(l.accept(), Err(e) if e.kind() == std::io::ErrorKind::WouldBlock),
        "connected although the transcript could not be written: {r:?}"
    );
}

// ---------------------------------------------------------------- round trips

/// Deliver a message to dave through port 25 (no login) and flag it \Deleted with doveadm: a
/// bystander that a plain EXPUNGE would remove.
fn deleted_bystander(tag: &str) {
    let rig = rig();
    let r = run(mailctl().args([
        "smtp",
        "send",
        "-s",
        &rig.addr("RIG_SMTP_PORT"),
        "--from",
        "bystander@rig.test",
        "--to",
        DAVE,
        "-H",
        &format!("X-Bystander: {tag}"),
        "-q",
    ]));
    assert_eq!(r.code, 0, "{r:?}");
    wait_for_message(&rig.maildir("dave"), tag);
    let conf = rig.dir().join("dovecot/dovecot.conf");
    let out = Command::new("doveadm")
        .arg("-c")
        .arg(&conf)
        .args([
            "flags",
            "add",
            "-u",
            DAVE,
            "\\Deleted",
            "mailbox",
            "INBOX",
            "header",
            "X-Bystander",
            tag,
        ])
        .output()
        .expect("doveadm");
    assert!(out.status.success(), "doveadm: {out:?}");
}

fn roundtrip(mailbox_flag: &str, mailbox_addr: &str, security: &str) -> Command {
    let rig = rig();
    let mut c = check("roundtrip");
    c.args([
        "--smtp-server",
        &rig.addr("RIG_SUBMISSION_PORT"),
        mailbox_flag,
        mailbox_addr,
        "--mailbox-security",
        security,
        "--user",
        DAVE,
        "--password-env",
        "RT_PW",
        "--cert-warn-days",
        "1",
        "--cert-crit-days",
        "0",
    ])
    .env("RT_PW", DAVE_PW);
    c
}

#[test]
fn imap_roundtrip_measures_delivery_and_expunges_only_its_message() {
    let _g = dave_lock();
    let rig = rig();
    let dave = rig.maildir("dave");
    let bystander = token("bystander");
    deleted_bystander(&bystander);

    let r = run(
        roundtrip("--imap-server", &rig.addr("RIG_IMAPS_PORT"), "tls").args([
            "--deadline",
            "20s",
            "--poll",
            "100ms",
            "--json",
        ]),
    );
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    let t = only_target(&s);
    assert_eq!(
        (t["protocol"].as_str(), t["status"].as_str()),
        (Some("roundtrip"), Some("OK")),
        "{t}"
    );
    let token = t["token"].as_str().unwrap().to_string();
    assert_eq!(t["delivered"], true);
    assert_eq!(t["cleanup"], "expunged");
    let latency = t["latency_ms"].as_f64().unwrap();
    assert!(latency > 0.0 && latency < 20_000.0, "{t}");
    assert_eq!(t["timings_ms"]["delivery"].as_f64().unwrap(), latency);
    for phase in ["login", "send", "cleanup"] {
        assert!(
            t["timings_ms"][phase].as_f64().unwrap() > 0.0,
            "{phase}: {t}"
        );
    }
    let d = r.dialogue();
    // Submission with STARTTLS and AUTH; the token in a header and the Subject.
    assert!(d.contains(&"C: STARTTLS".to_string()), "{d:?}");
    assert!(d.iter().any(|l| l.starts_with("C: AUTH ")), "{d:?}");
    // Only our UID was expunged; never a plain EXPUNGE.
    let uid = t["uids"][0].as_u64().unwrap();
    assert!(
        d.iter()
            .any(|l| l.ends_with(&format!("UID STORE {uid} +FLAGS.SILENT (\\Deleted)"))),
        "{d:?}"
    );
    assert!(
        d.iter().any(|l| l.ends_with(&format!("UID EXPUNGE {uid}"))),
        "{d:?}"
    );
    assert!(
        !d.iter()
            .any(|l| l.starts_with("C: ") && l.ends_with(" EXPUNGE")),
        "{d:?}"
    );
    assert!(!has_message_with(&dave, &token), "the test message is gone");
    assert!(
        has_message_with(&dave, &bystander),
        "the other \\Deleted message is still there"
    );
    assert_eq!(remove_messages_with(&dave, &bystander), 1);
    assert!(!r.stdout.contains(DAVE_PW));
}

#[test]
fn pop3_roundtrip_in_nagios_format() {
    let _g = dave_lock();
    let rig = rig();
    let r = run(
        roundtrip("--pop3-server", &rig.addr("RIG_POP3_PORT"), "starttls").args([
            "--deadline",
            "20s",
            "--poll",
            "200ms",
            "--warn",
            "15s",
            "--crit",
            "19s",
            "--format",
            "nagios",
        ]),
    );
    let o = nagios_of(&r);
    assert_eq!(
        (r.code, o.service.as_str(), o.state.as_str()),
        (0, "ROUNDTRIP", "OK"),
        "{r:?}"
    );
    assert!(
        o.text.contains("delivered to the POP3 maildrop in"),
        "{}",
        o.text
    );
    assert!(o.text.contains("deleted (DELE "), "{}", o.text);
    let delivery = o.perf("delivery");
    assert_eq!(delivery.warn, Some(nagios::range("15").unwrap()));
    assert_eq!(delivery.crit, Some(nagios::range("19").unwrap()));
    assert_eq!(delivery.max, Some(20.0), "the deadline is the maximum");
    assert!(
        delivery.value > 0.0 && delivery.value < 20.0,
        "{delivery:?}"
    );
    assert_eq!(
        o.perf("time").warn,
        None,
        "thresholds are on the delivery, not the total"
    );
    assert!(
        maildir_files(&rig.maildir("dave")).iter().all(|f| {
            !std::fs::read_to_string(f)
                .unwrap_or_default()
                .contains("X-Mailctl-Roundtrip")
        }),
        "no roundtrip message left in dave's mailbox"
    );
}

#[test]
fn roundtrip_keep_leaves_the_message_and_prometheus_reports_the_latency() {
    let _g = dave_lock();
    let rig = rig();
    let r = run(
        roundtrip("--imap-server", &rig.addr("RIG_IMAP_PORT"), "starttls").args([
            "--keep",
            "--deadline",
            "20s",
            "--format",
            "prometheus",
        ]),
    );
    assert_eq!(r.code, 0, "{r:?}");
    let e = prom_of(&r);
    let target = format!(
        "{} -> imap {}",
        rig.addr("RIG_SUBMISSION_PORT"),
        rig.addr("RIG_IMAP_PORT")
    );
    let labels = |phase: &'static str| {
        [
            ("target", target.clone()),
            ("protocol", "roundtrip".into()),
            ("phase", phase.to_string()),
        ]
    };
    let get = |phase: &'static str| {
        let l = labels(phase);
        let l: Vec<(&str, &str)> = l.iter().map(|(k, v)| (*k, v.as_str())).collect();
        e.value("mailctl_check_duration_seconds", &l)
    };
    assert!(get("delivery") > 0.0 && get("delivery") < get("total"));
    assert!(
        e.named("mailctl_check_duration_seconds")
            .iter()
            .all(|s| s.labels["phase"] != "cleanup"),
        "nothing was cleaned up"
    );
    assert_eq!(
        e.value("mailctl_check_success", &[("protocol", "roundtrip")]),
        1.0
    );
    // Still there: remove it ourselves.
    let dave = rig.maildir("dave");
    let n = remove_messages_with(&dave, "X-Mailctl-Roundtrip: mailctl-");
    assert_eq!(n, 1, "exactly the kept message");
}

#[test]
fn a_roundtrip_whose_message_never_arrives_is_critical_at_the_deadline() {
    let _g = dave_lock();
    let rig = rig();
    // Sent to erin, watched in dave's mailbox: it can never arrive there.
    let started = std::time::Instant::now();
    let r = run(
        roundtrip("--imap-server", &rig.addr("RIG_IMAPS_PORT"), "tls").args([
            "--to",
            ERIN,
            "--deadline",
            "2s",
            "--json",
        ]),
    );
    let took = started.elapsed();
    assert_eq!(r.code, 2, "{r:?}");
    let s = r.summary();
    let t = only_target(&s);
    assert_eq!(t["status"], "CRITICAL", "{t}");
    assert_eq!(t["delivered"], false);
    assert_eq!(t["cleanup"], "none");
    assert!(t["latency_ms"].is_null());
    assert!(
        t["error"].is_null(),
        "the check ran; its verdict is the missing message: {t}"
    );
    let msg = t["message"].as_str().unwrap();
    assert!(
        msg.starts_with("not delivered: ") && msg.contains("within 2.000 s"),
        "{msg}"
    );
    assert!(
        took >= std::time::Duration::from_secs(2),
        "waited for the deadline: {took:?}"
    );
    assert!(
        took < std::time::Duration::from_secs(15),
        "and not much longer: {took:?}"
    );
    // Nothing was deleted in dave's mailbox, and the message did go to erin: remove it.
    let sent_cleanup =
        |l: &String| l.starts_with("C: ") && (l.contains("STORE") || l.contains("EXPUNGE"));
    assert!(!r.dialogue().iter().any(sent_cleanup), "{:?}", r.dialogue());
    let token = t["token"].as_str().unwrap();
    let erin = rig.maildir("erin");
    wait_for_message(&erin, token);
    assert_eq!(remove_messages_with(&erin, token), 1);
}

/// Dovecot always offers UIDPLUS, so a scripted IMAP peer stands in for a server without it:
/// the message (sent for real through the rig's submission port) is found, flagged \Deleted and
/// left there — no EXPUNGE or CLOSE, which would remove every message flagged \Deleted. The
/// peer also announces the message in a search response, a race Dovecot shows only sometimes.
/// And its SEARCH returns two UIDs besides ours (a server that does not implement HEADER search
/// may answer with every message): only the UID whose header carries the token is flagged.
#[test]
fn without_uidplus_the_roundtrip_message_is_flagged_not_expunged() {
    use crate::fake::{FakeServer, Step::ReadToEnd, expect, line, reply, send};
    let _g = dave_lock();
    let rig = rig();
    let fake = FakeServer::start(vec![
        line("* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] fake IMAP without UIDPLUS"),
        expect(&format!("A0001 LOGIN \"{DAVE}\" ")),
        line("A0001 OK [CAPABILITY IMAP4rev1 IDLE MOVE] logged in"),
        expect("A0002 SELECT \"INBOX\""),
        send("* 1 EXISTS\r\n* OK [UIDVALIDITY 9] ok\r\nA0002 OK [READ-WRITE] selected\r\n"),
        // The message arrives while the first search runs: announced in its response but not
        // in its result. IDLE would never announce it again: mailctl must search at once.
        expect("A0003 UID SEARCH HEADER X-Mailctl-Roundtrip \"mailctl-"),
        send("* SEARCH\r\n* 2 EXISTS\r\nA0003 OK done\r\n"),
        expect("A0004 UID SEARCH HEADER X-Mailctl-Roundtrip \"mailctl-"),
        send("* SEARCH 40 41 42\r\nA0004 OK done\r\n"),
        expect("A0005 UID FETCH 40,41,42 (UID BODY.PEEK[HEADER.FIELDS (X-Mailctl-Roundtrip)])"),
        reply(|lines| {
            // The token mailctl searched for, from its last SEARCH line.
            let search = lines.iter().rfind(|l| l.contains("UID SEARCH")).unwrap();
            let token = search.rsplit('"').nth(1).unwrap();
            let h41 = format!("X-Mailctl-Roundtrip: {token}\r\n\r\n");
            let h40 = "X-Mailctl-Roundtrip: mailctl-someone-else\r\n\r\n";
            format!(
                "* 1 FETCH (UID 40 BODY[HEADER.FIELDS (X-Mailctl-Roundtrip)] {{{}}}\r\n{h40})\r\n\
                 * 2 FETCH (UID 41 BODY[HEADER.FIELDS (X-Mailctl-Roundtrip)] {{{}}}\r\n{h41})\r\n\
                 * 3 FETCH (UID 42 BODY[HEADER.FIELDS (X-Mailctl-Roundtrip)] {{2}}\r\n\r\n)\r\n\
                 A0005 OK done\r\n",
                h40.len(),
                h41.len()
            )
            .into_bytes()
        }),
        expect("A0006 UID STORE 41 +FLAGS.SILENT (\\Deleted)"),
        line("A0006 OK stored"),
        expect("A0007 LOGOUT"),
        send("* BYE bye\r\nA0007 OK logged out\r\n"),
        ReadToEnd,
    ]);
    // The real message goes to erin (the fake mailbox is not where it lands): removed below.
    let r = run(
        roundtrip("--imap-server", &fake.server_arg(), "none").args([
            "--to",
            ERIN,
            "--deadline",
            "10s",
            "--json",
        ]),
    );
    let t = fake.finish();
    t.assert_ok();
    assert!(
        !t.text_lines()
            .iter()
            .any(|l| l.contains("EXPUNGE") || l.contains("CLOSE")),
        "{:?}",
        t.text_lines()
    );
    assert_eq!(r.code, 0, "{r:?}");
    let s = r.summary();
    let target = only_target(&s);
    assert_eq!(target["cleanup"], "flagged", "{target}");
    assert_eq!(target["uids"], serde_json::json!([41]));
    assert!(
        r.stdout
            .contains("returned UID 40,42 whose header does not carry it")
            || r.stderr
                .contains("returned UID 40,42 whose header does not carry it"),
        "{r:?}"
    );
    let note = &target["reasons"][0];
    assert_eq!(note["status"], "OK", "a note, not a warning: {target}");
    assert!(
        note["message"]
            .as_str()
            .unwrap()
            .contains("does not offer UIDPLUS"),
        "{note}"
    );
    let token = target["token"].as_str().unwrap();
    let erin = rig.maildir("erin");
    wait_for_message(&erin, token);
    assert_eq!(remove_messages_with(&erin, token), 1);
}

// ---------------------------------------------------------------- documentation

#[test]
fn check_exit_codes_are_documented() {
    let readme = assert_exit_codes_documented(mailctl::error::CHECK_EXIT_CODES, "check ");
    assert!(readme.contains("## `check` reference"));
}

#[test]
fn targets_file_ca_file_is_per_target_and_relative_to_the_file() {
    let rig = rig();
    let dir = std::env::temp_dir().join(token("check-ca"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(rig.ca(), dir.join("rig-ca.pem")).unwrap();
    let file = dir.join("targets.toml");
    std::fs::write(
        &file,
        format!(
            r#"
[[target]]
server = "{imaps}"
name = "with-ca"
protocol = "imap"
tls = true
ca_file = "rig-ca.pem"

[[target]]
server = "{imaps}"
name = "with-ca-list"
protocol = "imap"
tls = true
ca_file = ["/nonexistent/other.pem", "rig-ca.pem"]

[[target]]
server = "{imaps}"
name = "webpki-only"
protocol = "imap"
tls = true
"#,
            imaps = rig.addr("RIG_IMAPS_PORT"),
        ),
    )
    .unwrap();
    // No --ca-file on the command line: the rig's private CA is trusted by the first target
    // only, so the second fails on its missing file (UNKNOWN) and the third on the certificate.
    let r = run(mailctl().args([
        "check",
        "smtp",
        "--targets",
        file.to_str().unwrap(),
        "--format",
        "nagios",
    ]));
    let o = nagios_of(&r);
    assert_eq!((r.code, o.state.as_str()), (2, "CRITICAL"), "{r:?}");
    let line = |name: &str| {
        o.long
            .iter()
            .find(|l| l.contains(&format!(" {name} ")))
            .unwrap_or_else(|| panic!("{name}: {:?}", o.long))
            .clone()
    };
    assert!(line("with-ca").starts_with("OK "), "{:?}", o.long);
    let list = line("with-ca-list");
    assert!(
        list.starts_with("UNKNOWN ") && list.contains("/nonexistent/other.pem"),
        "{list}"
    );
    let webpki = line("webpki-only");
    assert!(
        webpki.starts_with("CRITICAL ") && webpki.contains("tls"),
        "{webpki}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// `check --max-time` bounds one target's whole check: a server that stalls inside the per-reply
/// --timeout is CRITICAL when --max-time runs out, with the phase it was in and the bound named.
#[test]
fn max_time_ends_a_stalled_check_critical_with_the_phase() {
    use crate::fake::{FakeServer, Step::Stall, expect, line};
    let fake = FakeServer::start(vec![line("220 fake ESMTP"), expect("EHLO"), Stall]);
    let started = std::time::Instant::now();
    let r = run(check("smtp")
        .args(["-s", &fake.server_arg(), "--format", "json"])
        .args(["--timeout", "20s", "--max-time", "1s"]));
    let took = started.elapsed();
    fake.finish();
    assert_eq!(r.code, 2, "{r:?}");
    let s = r.summary();
    let t = only_target(&s);
    assert_eq!(t["status"], "CRITICAL", "{t}");
    assert_eq!(t["error"]["phase"], "ehlo", "{t}");
    assert_eq!(t["error"]["kind"], "max_time", "{t}");
    assert!(took < std::time::Duration::from_secs(4), "took {took:?}");

    // The same bound from a targets file's `max_time`.
    let fake = FakeServer::start(vec![line("220 fake ESMTP"), expect("EHLO"), Stall]);
    let file = std::env::temp_dir().join(token("maxtime.toml"));
    let toml = format!(
        "[[target]]\nserver = \"{}\"\nmax_time = \"1s\"\n",
        fake.server_arg()
    );
    std::fs::write(&file, toml).unwrap();
    let r = run(check("smtp")
        .args(["--targets", file.to_str().unwrap(), "--format", "json"])
        .args(["--timeout", "20s"]));
    fake.finish();
    let _ = std::fs::remove_file(&file);
    let s = r.summary();
    let t = only_target(&s);
    assert_eq!(t["error"]["kind"], "max_time", "{t}");
}

#[test]
fn prometheus_writes_no_measurement_for_a_target_that_was_not_checked() {
    // One target stopped by a local error (its CA file is missing) is not checked: alone, the
    // exposition has only comments; beside a checked target, it has its state (success 0,
    // status 3) but no duration, certificate or timestamp. Either way stderr says why, labelled
    // with the state it explains.
    let rig = rig();
    let dir = std::env::temp_dir().join(token("check-prom-unknown"));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = format!(
        "[[target]]\nserver = \"{}\"\nname = \"no-ca\"\nprotocol = \"imap\"\ntls = true\nca_file = \"/nonexistent/ca.pem\"\n",
        rig.addr("RIG_IMAPS_PORT")
    );
    let alone = dir.join("alone.toml");
    std::fs::write(&alone, &broken).unwrap();
    let r = run(mailctl()
        .args(["check", "smtp", "--targets", alone.to_str().unwrap()])
        .args(["--format", "prometheus"]));
    assert_eq!(r.code, 3, "{r:?}");
    let e = prom_of(&r);
    assert!(e.samples.is_empty(), "nothing was checked: {:?}", e.samples);
    assert!(
        e.comments
            .iter()
            .any(|c| c.contains("UNKNOWN no-ca") && c.contains("/nonexistent/ca.pem")),
        "{:?}",
        e.comments
    );
    assert!(
        r.stderr.starts_with("UNKNOWN: mailctl check smtp no-ca: "),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("WARNING"), "{}", r.stderr);

    let mixed = dir.join("mixed.toml");
    std::fs::write(
        &mixed,
        format!(
            "{broken}[[target]]\nserver = \"{}\"\nname = \"ok\"\n",
            rig.addr("RIG_SMTP_PORT")
        ),
    )
    .unwrap();
    let r = run(check("smtp").args([
        "--targets",
        mixed.to_str().unwrap(),
        "--format",
        "prometheus",
    ]));
    assert_eq!(r.code, 3, "{r:?}");
    let e = prom_of(&r);
    let of = |target: &str| -> Vec<String> {
        e.samples
            .iter()
            .filter(|s| s.labels.get("target").map(String::as_str) == Some(target))
            .map(|s| s.name.clone())
            .collect()
    };
    assert_eq!(
        of("no-ca"),
        ["mailctl_check_success", "mailctl_check_status"],
        "{:?}",
        e.samples
    );
    assert_eq!(e.value("mailctl_check_status", &[("target", "no-ca")]), 3.0);
    assert!(
        of("ok").contains(&"mailctl_check_duration_seconds".to_string()),
        "{:?}",
        e.samples
    );
    assert!(
        r.stderr.contains("UNKNOWN: mailctl check smtp no-ca: "),
        "{}",
        r.stderr
    );

    // The run-level UNKNOWN (a bad command line) is labelled the same way.
    let r = run(mailctl().args(["check", "smtp", "--format", "prometheus"]));
    assert_eq!(r.code, 3, "{r:?}");
    assert!(
        r.stderr.starts_with("UNKNOWN: mailctl check smtp: "),
        "{}",
        r.stderr
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn show_secrets_shows_the_auth_payload_in_check_as_in_the_other_commands() {
    // The printer's one redaction point must follow --show-secrets in `check` too: without it
    // the sessions showed the payload and the printer turned it back into ***.
    use base64::Engine;
    let rig = rig();
    let payload = base64::engine::general_purpose::STANDARD.encode(format!("\0{ERIN}\0{ERIN_PW}"));
    for show in [false, true] {
        let mut c = check("smtp");
        c.args([
            "-s",
            &rig.addr("RIG_SUBMISSION_PORT"),
            "--starttls",
            "--auth",
            "plain",
        ]);
        as_erin(&mut c);
        if show {
            c.arg("--show-secrets");
        }
        let r = run(&mut c);
        assert_eq!(r.code, 0, "{r:?}");
        assert_eq!(
            r.stdout.contains(&format!("AUTH PLAIN {payload}")),
            show,
            "--show-secrets {show}:\n{}",
            r.stdout
        );
        assert_eq!(r.stdout.contains("AUTH PLAIN ***"), !show, "{}", r.stdout);
    }
}

/// `check roundtrip --auth external`: the roundtrip takes no client certificate, so EXTERNAL
/// cannot log in; refused as usage (UNKNOWN, 3) before any password is read or anything is
/// connected (port 1: nothing listens).
#[test]
fn roundtrip_auth_external_is_refused_before_a_password_is_asked() {
    let r = run(mailctl()
        .args(["check", "roundtrip", "--smtp-server", "127.0.0.1:1"])
        .args([
            "--imap-server",
            "127.0.0.1:1",
            "--user",
            "a@b.example",
            "--auth",
            "external",
        ])
        .env_remove("MAILCTL_PASSWORD")
        .stdin(std::process::Stdio::null()));
    assert_eq!(r.code, 3, "{r:?}");
    assert!(r.stdout.contains("presents no client certificate"), "{r:?}");
}
