//! Golden cases of `smtp send` (rig Postfix, LMTP to Dovecot, load mode), `pop3` and `imap`
//! (rig Dovecot).

use super::*;

// ------------------------------------------------------------------------------ smtp

fn smtp(port_key: &str, extra: &[&str]) -> Command {
    let mut c = cmd(&[
        "smtp",
        "send",
        "-s",
        &rig().addr(port_key),
        "--timeout",
        "20s",
    ]);
    c.args(["--helo", "golden.rig.test", "--from", "golden@rig.test"]);
    c.args(extra);
    c
}

#[test]
fn golden_smtp() {
    let mut g = Golden::default();
    // A generated message's size varies with its Date and Message-ID; Dovecot's LMTP session id.
    g.mask_re(r#""(bytes|message_bytes)":[0-9]+"#, "\"$1\":<size>");
    g.mask_re(r"(250 2\.0\.0 <[^>]+>) \S+ Saved", "$1 <session-id> Saved");
    cert_masks(&mut g);
    challenge_masks(&mut g);
    g.pair("smtp-send", || {
        smtp(
            "RIG_SMTP_PORT",
            &["--to", "bob@rig.test", "--subject", "golden send"],
        )
    });
    g.pair("smtp-send-quit-after-rcpt", || {
        smtp(
            "RIG_SMTP_PORT",
            &["--to", "bob@rig.test", "--quit-after", "rcpt"],
        )
    });
    g.pair("smtp-send-rejected-rcpt", || {
        smtp("RIG_SMTP_PORT", &["--to", "nobody@rig.test"])
    });
    g.pair("smtp-send-lmtp", || {
        smtp(
            "RIG_LMTP_PORT",
            &["--lmtp", "--to", "bob@rig.test", "--subject", "golden lmtp"],
        )
    });
    g.pair("smtp-send-starttls-auth", || {
        let rig = rig();
        let mut c = smtp(
            "RIG_SUBMISSION_PORT",
            &["--to", "bob@rig.test", "--quit-after", "rcpt", "--starttls"],
        );
        c.args(["--ca-file", rig.ca(), "--sni", rig.get("RIG_TLS_NAME")])
            .args(["-u", "erin@rig.test", "--password-env", "GOLDEN_PW"])
            .env("GOLDEN_PW", "erin-secret-pw");
        c
    });
    g.pair("smtp-send-usage-error", || {
        cmd(&["smtp", "send", "-s", "127.0.0.1:1"])
    });
    g.pair("smtp-send-connect-refused", || {
        let mut c = cmd(&["smtp", "send", "-s", "127.0.0.1:1", "--to", "a@b"]);
        c.args(["--helo", "golden.rig.test"]);
        c
    });
    g.one(
        "smtp-send-quiet.txt",
        prefixed(
            &["-q"],
            smtp(
                "RIG_SMTP_PORT",
                &["--to", "bob@rig.test", "--quit-after", "ehlo"],
            ),
        ),
    );
    g.pair("smtp-send-load", || {
        smtp(
            "RIG_SMTP_PORT",
            &[
                "--to",
                "bob@rig.test",
                "--subject",
                "golden load",
                "--count",
                "4",
                "--concurrency",
                "2",
            ],
        )
    });
    g.finish();
}

// ------------------------------------------------------------------------------ pop3

fn pop3(extra: &[&str]) -> Command {
    let mut c = cmd(&["pop3"]);
    c.args(extra)
        .args(["-s", &rig().addr("RIG_POP3_PORT"), "--timeout", "10s"]);
    c
}

fn carol(extra: &[&str]) -> Command {
    let mut c = pop3(extra);
    c.args(["-u", "carol@rig.test"])
        .env("MAILCTL_PASSWORD", "carol-secret-pw");
    c
}

/// Remove what an aborted earlier run of this module left in a Maildir (our fixture only).
fn sweep(maildir: &Path) {
    for f in maildir_files(maildir) {
        if std::fs::read_to_string(&f).is_ok_and(|b| b.contains("<golden-fixture@rig.test>")) {
            let _ = std::fs::remove_file(&f);
        }
    }
}

#[test]
fn golden_pop3() {
    let _g = crate::rig_pop3::carol_lock();
    let maildir = rig().maildir("carol");
    sweep(&maildir);
    let n = std::sync::atomic::AtomicU32::new(0);
    let put = || {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        put_message(
            &maildir,
            "new",
            &format!("1767268800.golden{}_{i}.golden.test", std::process::id()),
            MESSAGE,
        );
    };
    put();
    let stat = run(&mut prefixed(&["--json"], carol(&["stat"])));
    assert_eq!(
        stat.summary()["messages"],
        1,
        "carol's mailbox must hold only this module's message: {stat:?}"
    );
    let mut g = Golden::default();
    // Dovecot's UIDL: the UID and UIDVALIDITY in hex (`%08Xu%08Xv`).
    g.mask_re(r"\b[0-9a-fA-F]{16}\b", "<uidl>");
    g.pair("pop3-capa", || pop3(&["capa"]));
    g.pair("pop3-capa-login", || carol(&["capa"]));
    g.pair("pop3-stat", || carol(&["stat"]));
    g.pair("pop3-list", || carol(&["list"]));
    g.pair("pop3-list-one", || carol(&["list", "1"]));
    g.pair("pop3-uidl", || carol(&["uidl"]));
    g.pair("pop3-retr", || carol(&["retr", "1"]));
    // --mime reads the message back from -o FILE: a file per run, masked.
    let dir = std::env::temp_dir().join(format!("mailctl-{}", token("golden-retr")));
    std::fs::create_dir_all(&dir).unwrap();
    g.mask(dir.display().to_string(), "<dir>");
    let k = std::sync::atomic::AtomicU32::new(0);
    g.pair("pop3-retr-mime", || {
        let i = k.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let out = dir.join(format!("{i}.eml")).display().to_string();
        carol(&["retr", "1", "--mime", "-o", &out])
    });
    let _ = std::fs::remove_dir_all(&dir);
    g.pair("pop3-top", || carol(&["top", "1", "2"]));
    g.pair("pop3-noop", || carol(&["noop"]));
    g.pair("pop3-retr-no-such-message", || carol(&["retr", "7"]));
    g.pair("pop3-login-failed", || {
        let mut c = pop3(&["stat"]);
        c.args(["-u", "carol@rig.test"])
            .env("MAILCTL_PASSWORD", "wrong-password");
        c
    });
    g.one("pop3-stat-quiet.txt", prefixed(&["-q"], carol(&["stat"])));
    // dele deletes the message: each run gets one of its own.
    g.one("pop3-dele.txt", carol(&["dele", "1"]));
    put();
    g.one(
        "pop3-dele.json",
        prefixed(&["--json"], carol(&["dele", "1"])),
    );
    sweep(&maildir);
    g.finish();
}

// ------------------------------------------------------------------------------ imap

fn imap(extra: &[&str]) -> Command {
    let mut c = cmd(&["imap"]);
    c.args(extra)
        .args(["-s", &rig().addr("RIG_IMAP_PORT"), "--timeout", "20s"]);
    c
}

fn alice(extra: &[&str]) -> Command {
    let mut c = imap(extra);
    c.args(["-u", "alice@rig.test"])
        .env("MAILCTL_PASSWORD", "alice-secret-pw");
    c
}

/// alice's mailbox `golden`, holding one message (UID 1) that this module wrote. It is made
/// once and then left alone (only EXAMINE touches it): deleting it on every run would race with
/// rig_imap's `list --status` of all of alice's mailboxes.
fn golden_mailbox() {
    // In cur/, not new/: Dovecot flags a Maildir mailbox \Marked in LIST when new/ is newer
    // than cur/, which for a file in new/ depends on whether a second boundary fell between.
    const NAME: &str = "1767268800.golden.golden.test:2,";
    let dir = rig().maildir("alice").join(".golden");
    let status = run(&mut alice(&["raw", "STATUS golden (MESSAGES UIDNEXT)"]));
    // Dovecot also marks it once a STATUS asked for UNSEEN (the raw case below does not).
    let list = run(&mut alice(&["list", "", "golden"]));
    if status
        .stdout
        .contains("* STATUS golden (MESSAGES 1 UIDNEXT 2)")
        && dir.join("cur").join(NAME).exists()
        && list.stdout.contains("golden   \\HasNoChildren\n")
    {
        return;
    }
    let _ = run(&mut alice(&["raw", "DELETE golden"]));
    let r = run(&mut alice(&["raw", "CREATE golden"]));
    assert_eq!(r.code, 0, "CREATE golden: {r:?}");
    assert!(
        dir.is_dir(),
        "Dovecot keeps mailbox golden in {}",
        dir.display()
    );
    put_message(&dir, "cur", NAME, MESSAGE);
    // Let Dovecot index it now, as the STATUS above does on later runs.
    let r = run(&mut alice(&["raw", "STATUS golden (MESSAGES UIDNEXT)"]));
    assert!(
        r.stdout.contains("* STATUS golden (MESSAGES 1 UIDNEXT 2)"),
        "mailbox golden: {r:?}"
    );
}

#[test]
fn golden_imap() {
    golden_mailbox();
    let mut g = Golden::default();
    // A new mailbox's UIDVALIDITY is a time stamp.
    g.mask_re(r"\b1[0-9]{9}\b", "<uidvalidity>");
    g.pair("imap-capability", || imap(&["capability"]));
    g.pair("imap-capability-login", || alice(&["capability"]));
    g.pair("imap-list", || alice(&["list", "", "golden"]));
    g.pair("imap-list-status", || {
        alice(&["list", "--status", "", "golden"])
    });
    g.pair("imap-select", || alice(&["select", "golden"]));
    g.pair("imap-select-missing", || {
        alice(&["select", "no-such-mailbox"])
    });
    g.pair("imap-search", || alice(&["search", "golden", "ALL"]));
    g.pair("imap-search-uid", || {
        alice(&["search", "--uid", "golden", "SUBJECT", "fixture"])
    });
    g.pair("imap-fetch", || alice(&["fetch", "golden", "1"]));
    g.pair("imap-fetch-headers", || {
        alice(&["fetch", "--headers", "golden", "1:*"])
    });
    // --full writes DIR/<UID>.eml: a directory per run, masked.
    let dir = std::env::temp_dir().join(format!("mailctl-{}", token("golden-fetch")));
    g.mask(dir.display().to_string(), "<dir>");
    let n = std::sync::atomic::AtomicU32::new(0);
    g.pair("imap-fetch-full", || {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut c = alice(&["fetch", "--full", "golden", "1"]);
        c.arg("-o").arg(dir.join(i.to_string()));
        c
    });
    g.pair("imap-fetch-full-mime", || {
        let i = n.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let mut c = alice(&["fetch", "--full", "--mime", "golden", "1"]);
        c.arg("-o").arg(dir.join(i.to_string()));
        c
    });
    g.pair("imap-fetch-part", || {
        alice(&["fetch", "--part", "TEXT", "golden", "1"])
    });
    let _ = std::fs::remove_dir_all(&dir);
    g.pair("imap-idle", || alice(&["idle", "golden", "--for", "300ms"]));
    g.pair("imap-raw", || {
        alice(&["raw", "STATUS golden (MESSAGES UIDNEXT RECENT)"])
    });
    g.one(
        "imap-search-quiet.txt",
        prefixed(&["-q"], alice(&["search", "golden", "ALL"])),
    );
    g.finish();
}
