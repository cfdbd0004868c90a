//! Golden cases of `check smtp|imap|pop3|roundtrip` against the rig, in every output format.

use super::*;

// ------------------------------------------------------------------------------ check

/// `mailctl check PROTO` against the rig with its CA, as check.rs runs it; erin logs in.
fn check(proto: &str, port_key: &str, extra: &[&str]) -> Command {
    let rig = rig();
    let mut c = cmd(&["check", proto, "-s", &rig.addr(port_key)]);
    c.args(["--ca-file", rig.ca(), "--sni", rig.get("RIG_TLS_NAME")])
        .args(["--cert-warn-days", "1", "--cert-crit-days", "0"])
        .args(extra);
    c
}

fn as_erin(mut c: Command) -> Command {
    c.env("CHECK_PW", "erin-secret-pw").args([
        "--user",
        "erin@rig.test",
        "--password-env",
        "CHECK_PW",
    ]);
    c
}

#[test]
fn golden_check() {
    let mut g = Golden::default();
    cert_masks(&mut g);
    challenge_masks(&mut g);
    let smtp = || {
        as_erin(check(
            "smtp",
            "RIG_SUBMISSION_PORT",
            &["--starttls", "--helo", "golden.rig.test"],
        ))
    };
    g.pair("check-smtp", smtp);
    g.one("check-smtp-nagios.txt", {
        let mut c = smtp();
        c.args(["--format", "nagios"]);
        c
    });
    g.one("check-smtp-prometheus.txt", {
        let mut c = smtp();
        c.args(["--format", "prometheus"]);
        c
    });
    g.one("check-smtp-quiet.txt", prefixed(&["-q"], smtp()));
    g.pair("check-smtp-send-test", || {
        let mut c = check("smtp", "RIG_SMTP_PORT", &["--helo", "golden.rig.test"]);
        c.args([
            "--send-test",
            "--from",
            "golden@rig.test",
            "--to",
            "erin@rig.test",
        ]);
        c
    });
    g.pair("check-smtp-refused", || {
        let mut c = cmd(&[
            "check",
            "smtp",
            "-s",
            "127.0.0.1:1",
            "--helo",
            "golden.rig.test",
        ]);
        c.args(["--timeout", "5s"]);
        c
    });
    g.one("check-smtp-refused-nagios.txt", {
        let mut c = cmd(&["check", "smtp", "-s", "127.0.0.1:1", "--format", "nagios"]);
        c.args(["--timeout", "5s"]);
        c
    });
    g.pair("check-imap", || {
        as_erin(check("imap", "RIG_IMAPS_PORT", &["--tls"]))
    });
    g.one("check-imap-nagios.txt", {
        let mut c = as_erin(check("imap", "RIG_IMAPS_PORT", &["--tls"]));
        c.args(["--format", "nagios"]);
        c
    });
    g.pair("check-pop3", || {
        as_erin(check("pop3", "RIG_POP3S_PORT", &["--tls"]))
    });
    g.one("check-pop3-prometheus.txt", {
        let mut c = as_erin(check("pop3", "RIG_POP3S_PORT", &["--tls"]));
        c.args(["--format", "prometheus"]);
        c
    });

    // A targets file: two targets checked concurrently, so only the formats without a
    // transcript (whose order would vary) are kept.
    let rig = rig();
    let targets = std::env::temp_dir().join(format!("mailctl-{}.toml", token("golden-targets")));
    std::fs::write(
        &targets,
        format!(
            "[[target]]\nname = \"submission\"\nserver = \"{}\"\nprotocol = \"smtp\"\nstarttls = true\n\n\
             [[target]]\nname = \"imaps\"\nserver = \"{}\"\nprotocol = \"imap\"\ntls = true\n",
            rig.addr("RIG_SUBMISSION_PORT"),
            rig.addr("RIG_IMAPS_PORT"),
        ),
    )
    .unwrap();
    g.mask(targets.display().to_string(), "<targets.toml>");
    for format in ["nagios", "prometheus"] {
        let mut c = cmd(&["check", "smtp", "--targets"]);
        c.arg(&targets)
            .args(["--ca-file", rig.ca(), "--sni", rig.get("RIG_TLS_NAME")])
            .args(["--cert-warn-days", "1", "--cert-crit-days", "0"])
            .args(["--format", format]);
        g.one(&format!("check-targets-{format}.txt"), c);
    }
    let _ = std::fs::remove_file(&targets);
    g.finish();
}

#[test]
fn golden_check_roundtrip() {
    let _g = crate::check::dave_lock();
    let rig = rig();
    // When the message arrives decides the dialogue (a SEARCH that finds nothing yet, IDLE, the
    // EXISTS it sees), so the transcript varies from run to run: only what has no transcript is
    // kept, and of the JSON Lines the summary.
    let mut g = Golden {
        drop_events: true,
        ..Golden::default()
    };
    cert_masks(&mut g);
    // Each run's token, the UID its message got.
    g.mask_re(r"mailctl-[0-9]{10}-[0-9a-f]{16}", "<token>");
    g.mask_re(r"UID EXPUNGE [0-9]+", "UID EXPUNGE <uid>");
    g.mask_re(r#""uids":\[[0-9,]*\]"#, "\"uids\":[<uid>]");
    let roundtrip = || {
        let mut c = cmd(&["check", "roundtrip"]);
        c.args(["--smtp-server", &rig.addr("RIG_SUBMISSION_PORT")])
            .args(["--imap-server", &rig.addr("RIG_IMAPS_PORT")])
            .args(["--mailbox-security", "tls", "--ca-file", rig.ca()])
            .args([
                "--sni",
                rig.get("RIG_TLS_NAME"),
                "--helo",
                "golden.rig.test",
            ])
            .args(["--user", "dave@rig.test", "--password-env", "RT_PW"])
            .args(["--cert-warn-days", "1", "--cert-crit-days", "0"])
            .args(["--deadline", "20s", "--poll", "100ms"])
            .env("RT_PW", "dave-secret-pw");
        c
    };
    g.one("check-roundtrip-quiet.txt", prefixed(&["-q"], roundtrip()));
    g.one("check-roundtrip.json", prefixed(&["--json"], roundtrip()));
    g.one("check-roundtrip-nagios.txt", {
        let mut c = roundtrip();
        c.args(["--format", "nagios"]);
        c
    });
    g.finish();
}
