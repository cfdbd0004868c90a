//! `mailctl audit DOMAIN` against the rig: NSD serves `audit.test` (three MX hosts, four
//! addresses: a good STARTTLS listener with matching DANE-EE and DANE-TA records, one without
//! STARTTLS, one with a certificate for the wrong name and a TLSA record that does not match, a
//! dead one) and `good.audit.test`, each MX a real Postfix smtpd on loopback. The zone publishes
//! 192.0.2.N for the listener 127.0.0.N (reverse DNS of 127/8 never reaches a server), and every
//! test maps them with `--connect-to`. Scripted peers cover what Postfix will not do: a 421
//! greeting on some connections, STARTTLS offered only sometimes.

use crate::util::{Run, mailctl, rig, run};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

/// `--connect-to` for each audit address: 192.0.2.N:25 → 127.0.0.N:SMTP_PORT; and the pop3s
/// SRV target (mx2, 192.0.2.13) to Dovecot's POP3S port.
fn connect_to() -> Vec<String> {
    let r = rig();
    let port = r.port("RIG_SMTP_PORT");
    let mut out: Vec<String> = [
        "RIG_AUDIT_MX1A",
        "RIG_AUDIT_MX1B",
        "RIG_AUDIT_MX2",
        "RIG_AUDIT_DEAD",
    ]
    .iter()
    .flat_map(|k| {
        let listen = r.get(k);
        let n = listen.rsplit('.').next().unwrap();
        [
            "--connect-to".to_string(),
            format!("192.0.2.{n}:25:{listen}:{port}"),
        ]
    })
    .collect();
    let pop3s = r.port("RIG_POP3S_PORT");
    out.push("--connect-to".into());
    out.push(format!("192.0.2.13:{pop3s}:127.0.0.1:{pop3s}"));
    out
}

fn audit(domain: &str, extra: &[&str]) -> Run {
    let r = rig();
    run(mailctl()
        .args([
            "--json",
            "audit",
            domain,
            "--nameserver",
            &r.dns(),
            "--ca-file",
            r.ca(),
            "--trust-anchor",
            r.get("RIG_TRUST_ANCHOR"),
        ])
        .args(connect_to())
        .args(extra))
}

/// The findings of one address (`host [addr]`), as (code, severity).
fn codes_at(s: &Value, at: &str) -> Vec<(String, String)> {
    s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["message"].as_str().unwrap().starts_with(at))
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[track_caller]
fn has(codes: &[(String, String)], code: &str, severity: &str) {
    assert!(
        codes.iter().any(|(c, s)| c == code && s == severity),
        "no {severity} {code} in {codes:?}"
    );
}

fn address<'a>(s: &'a Value, host: &str, ip: &str) -> &'a Value {
    s["mx"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["host"] == host)
        .unwrap_or_else(|| panic!("no MX {host} in {s}"))["addresses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["address"] == ip)
        .unwrap_or_else(|| panic!("no address {ip} of {host}"))
}

#[test]
fn every_mx_address_is_probed_and_judged() {
    let r = audit("audit.test", &[]);
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    let s = r.summary();
    // Errors found (no STARTTLS where DANE is published, a TLSA mismatch, a dead MX): exit 12,
    // as `dns check` with errors.
    assert_eq!(r.code, 12, "{s}");
    assert_eq!(s["command"], "audit");

    let good = codes_at(&s, "mx1.audit.test [192.0.2.11]");
    for code in ["smtp-ok", "tls-ok", "cert-ok", "dane-match", "rdns-ok"] {
        has(&good, code, "ok");
    }
    let a = address(&s, "mx1.audit.test", "192.0.2.11");
    let t = &a["attempts"][0];
    assert_eq!(t["banner_code"], 220);
    assert_eq!(t["starttls_offered"], true);
    assert_eq!(t["tls"]["version"], "TLSv1.3");
    assert_eq!(t["tls"]["pkix_valid"], true);
    assert_eq!(
        t["connected_to"],
        format!("127.0.0.11:{}", rig().port("RIG_SMTP_PORT"))
    );
    // Both TLSA records match: DANE-EE on the leaf, DANE-TA on the CA the server sent.
    let dane = a["dane"].as_array().unwrap();
    assert_eq!(dane.len(), 2, "{a}");
    assert!(dane.iter().all(|d| d["result"] == "match"), "{a}");
    assert!(
        dane.iter()
            .any(|d| d["record"]["usage"] == 2 && d["depth"] == 1)
    );
    // The probe's own transcript: EHLO before and inside TLS, and a QUIT.
    let sent: Vec<&str> = t["transcript"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "sent")
        .map(|e| e["line"].as_str().unwrap())
        .collect();
    assert_eq!(
        sent.iter().filter(|l| l.starts_with("EHLO ")).count(),
        2,
        "{sent:?}"
    );
    assert!(
        sent.contains(&"STARTTLS") && sent.contains(&"QUIT"),
        "{sent:?}"
    );
    assert!(
        !sent.iter().any(|l| l.starts_with("MAIL")),
        "no transaction without --relay-test"
    );

    // TLS 1.0/1.1 (RFC 8996): mx1a is set to TLS 1.2+, mx2 keeps Postfix's defaults.
    has(&good, "tls-legacy-refused", "ok");
    let legacy = address(&s, "mx1.audit.test", "192.0.2.11")["legacy_tls"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(legacy.len(), 2, "{legacy:?}");
    assert!(legacy.iter().all(|l| l["accepted"] == false), "{legacy:?}");
    has(
        &codes_at(&s, "mx2.audit.test [192.0.2.13]"),
        "tls-legacy-accepted",
        "warning",
    );
    let old = address(&s, "mx2.audit.test", "192.0.2.13")["legacy_tls"][0].clone();
    assert_eq!(old["offered"], "TLS 1.0");
    assert_eq!(old["answer"]["answer"], "accepted", "{old}");
    // No STARTTLS, no TLS version to test.
    assert!(address(&s, "mx1.audit.test", "192.0.2.12")["legacy_tls"].is_null());

    // Same host, second address: no STARTTLS, and TLSA records are published → error.
    has(
        &codes_at(&s, "mx1.audit.test [192.0.2.12]"),
        "starttls-missing",
        "error",
    );
    // Wrong name and a TLSA record that does not match.
    let mx2 = codes_at(&s, "mx2.audit.test [192.0.2.13]");
    has(&mx2, "cert-name-mismatch", "warning");
    has(&mx2, "dane-no-match", "error");
    has(&mx2, "rdns-unconfirmed", "warning");
    let t2 = &address(&s, "mx2.audit.test", "192.0.2.13")["attempts"][0]["tls"];
    assert_eq!(t2["pkix_valid"], false);
    assert!(
        t2["pkix_problem"]
            .as_str()
            .unwrap()
            .contains("other.example"),
        "{t2}"
    );
    // One DANE-EE record only: the rollover hazard.
    has(
        &codes_at(&s, "mx2.audit.test:"),
        "dane-single-record",
        "warning",
    );
    // Nothing listens.
    let dead = codes_at(&s, "mx3.audit.test [192.0.2.14]");
    has(&dead, "smtp-unreachable", "error");
    has(&dead, "rdns-missing", "warning");
    has(&codes_at(&s, "mx3.audit.test:"), "dane-none", "info");
    // Across the MX set: STARTTLS on some addresses only.
    has(
        &codes_at(&s, "STARTTLS is offered by some"),
        "mx-inconsistent-starttls",
        "warning",
    );
    // The DNS part is `dns check`'s.
    assert_eq!(
        s["dns"]["spf"]["tree"]["record"], "v=spf1 mx -all",
        "{}",
        s["dns"]
    );
}

#[test]
fn a_clean_domain_passes_and_the_relay_test_is_refused() {
    let r = audit("good.audit.test", &["--relay-test"]);
    let s = r.summary();
    assert_eq!(r.code, 0, "{s}");
    assert_eq!(s["outcome"], "ok");
    let at = codes_at(&s, "mx-good.audit.test [192.0.2.11]");
    for code in [
        "smtp-ok",
        "tls-ok",
        "cert-ok",
        "dane-match",
        "rdns-ok",
        "relay-refused",
    ] {
        has(&at, code, "ok");
    }
    let rt = &address(&s, "mx-good.audit.test", "192.0.2.11")["attempts"][0]["relay_test"];
    assert_eq!(rt["rcpt_accepted"], false, "{rt}");
    assert!(
        rt["rcpt_reply"].as_str().unwrap().starts_with("554"),
        "{rt}"
    );
    // Never DATA: the transaction is reset.
    let sent: Vec<String> =
        address(&s, "mx-good.audit.test", "192.0.2.11")["attempts"][0]["transcript"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "sent")
            .map(|e| e["line"].as_str().unwrap().to_string())
            .collect();
    assert!(
        sent.iter().any(|l| l == "RSET") && !sent.iter().any(|l| l == "DATA"),
        "{sent:?}"
    );
}

#[test]
fn human_view_is_the_tree_and_findings_and_transcript_on_request() {
    let r = rig();
    let plain = run(mailctl()
        .args([
            "--color",
            "never",
            "audit",
            "good.audit.test",
            "--nameserver",
            &r.dns(),
        ])
        .args([
            "--ca-file",
            r.ca(),
            "--trust-anchor",
            r.get("RIG_TRUST_ANCHOR"),
        ])
        .args(connect_to()));
    assert_eq!(plain.code, 0, "{plain:?}");
    assert!(
        plain
            .stdout
            .contains("10 mx-good.audit.test (2 TLSA record(s), DNSSEC-secure)"),
        "{}",
        plain.stdout
    );
    assert!(
        plain
            .stdout
            .contains("192.0.2.11  PTR mx1.audit.test (confirmed)"),
        "{}",
        plain.stdout
    );
    assert!(
        plain.stdout.contains("ok      dane-match"),
        "{}",
        plain.stdout
    );
    // The dialogue stays out of the way by default…
    assert!(
        !plain.stdout.contains("STARTTLS\n") && !plain.stderr.contains("Q: MX"),
        "{plain:?}"
    );
    // …and is all there with --transcript.
    let full = run(mailctl()
        .args([
            "--color",
            "never",
            "audit",
            "good.audit.test",
            "--nameserver",
            &r.dns(),
        ])
        .args(["--ca-file", r.ca(), "--transcript"])
        .args(["--trust-anchor", r.get("RIG_TRUST_ANCHOR")])
        .args(connect_to()));
    let all = format!("{}{}", full.stdout, full.stderr);
    assert!(all.contains("Q: MX good.audit.test"), "{all}");
    // The validator's verdict on each answer is a transcript line too.
    assert!(all.contains("DNSSEC MX good.audit.test: secure"), "{all}");
    assert!(
        all.contains("C: STARTTLS") && all.contains("S: 220 mx1.audit.test"),
        "{all}"
    );
    // -q: one verdict line.
    let q = run(mailctl().args([
        "-q",
        "audit",
        "good.audit.test",
        "--nameserver",
        &r.dns(),
        "--no-probe",
        "--trust-anchor",
        r.get("RIG_TRUST_ANCHOR"),
    ]));
    assert_eq!(q.code, 0, "{q:?}");
}

#[test]
fn no_probe_reads_dns_only() {
    let r = audit("audit.test", &["--no-probe"]);
    let s = r.summary();
    assert_eq!(s["mx"].as_array().unwrap().len(), 0, "{s}");
    assert_eq!(r.code, 0, "{s}");
}

#[test]
fn bad_connect_to_is_a_usage_error() {
    let r = rig();
    for bad in ["mx:25", "mx:x:h:1", "[mx]:25::1"] {
        let out = run(mailctl()
            .args(["audit", "audit.test", "--nameserver", &r.dns()])
            .args(["--connect-to", bad]));
        assert_eq!(out.code, 2, "{bad}: {out:?}");
        assert!(
            out.stderr.contains("--connect-to") || out.stdout.contains("--connect-to"),
            "{out:?}"
        );
    }
}

/// A peer that answers each connection by its own script: a greeting, an EHLO reply, then
/// `454` to STARTTLS, `250` to anything else, `221` to QUIT. Serves `scripts.len()` connections.
fn scripted_peer(
    scripts: Vec<(&'static str, &'static str)>,
) -> (u16, std::thread::JoinHandle<Vec<String>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let h = std::thread::spawn(move || {
        let mut seen = Vec::new();
        for (greeting, ehlo) in scripts {
            let Ok((mut s, _)) = l.accept() else { break };
            s.set_read_timeout(Some(std::time::Duration::from_secs(10)))
                .unwrap();
            let _ = s.write_all(greeting.as_bytes());
            let mut rd = BufReader::new(s.try_clone().unwrap());
            let mut line = String::new();
            while rd.read_line(&mut line).unwrap_or(0) > 0 {
                seen.push(line.trim_end().to_string());
                let up = line.to_ascii_uppercase();
                let reply = if up.starts_with("EHLO") {
                    ehlo.to_string()
                } else if up.starts_with("STARTTLS") {
                    "454 4.7.0 TLS not available due to local problem\r\n".into()
                } else if up.starts_with("QUIT") {
                    let _ = s.write_all(b"221 2.0.0 Bye\r\n");
                    break;
                } else {
                    "250 2.0.0 Ok\r\n".into()
                };
                let _ = s.write_all(reply.as_bytes());
                line.clear();
            }
        }
        seen
    });
    (port, h)
}

#[test]
fn repeat_reports_what_differs_between_connections() {
    const TLS: &str = "250-fake.example\r\n250-PIPELINING\r\n250 STARTTLS\r\n";
    const PLAIN: &str = "250-fake.example\r\n250 PIPELINING\r\n";
    let (port, peer) = scripted_peer(vec![
        ("421 4.3.2 Service not available, try later\r\n", PLAIN),
        ("220 fake.example ESMTP\r\n", TLS),
        ("220 fake.example ESMTP\r\n", PLAIN),
    ]);
    let r = rig();
    let out = run(mailctl()
        .args([
            "--json",
            "audit",
            "good.audit.test",
            "--nameserver",
            &r.dns(),
            "--repeat",
            "3",
            "--trust-anchor",
            r.get("RIG_TRUST_ANCHOR"),
        ])
        .args([
            "--connect-to",
            &format!("mx-good.audit.test:25:127.0.0.1:{port}"),
        ]));
    let seen = peer.join().unwrap();
    let s = out.summary();
    assert_eq!(out.code, 12, "{s}");
    let at = codes_at(&s, "mx-good.audit.test [192.0.2.11]");
    has(&at, "inconsistent-greeting", "warning");
    has(&at, "inconsistent-starttls", "warning");
    has(&at, "inconsistent-probe", "warning");
    // The attempt that got furthest is judged: STARTTLS offered, then refused.
    has(&at, "starttls-failed", "error");
    let attempts = address(&s, "mx-good.audit.test", "192.0.2.11")["attempts"]
        .as_array()
        .unwrap();
    assert_eq!(attempts.len(), 3);
    assert_eq!(attempts[0]["banner_code"], 421);
    assert_eq!(attempts[0]["failure"]["phase"], "banner");
    // After a 421 greeting the client may only QUIT (RFC 5321 §3.1): nothing else was sent.
    assert_eq!(seen.first().map(String::as_str), Some("QUIT"), "{seen:?}");
}

#[test]
fn client_services_from_srv_records_are_probed_like_a_mail_client() {
    // One probe at a time, in a fixed order: submissions (port 10466) before submission.
    let r = audit("audit.test", &["--concurrency", "1"]);
    let s = r.summary();
    let svc = |name: &str| -> Value {
        s["services"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["service"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no service {name} in {}", s["services"]))
    };
    let rig = rig();
    // Each with the client's own dialogue: STARTTLS for submission and IMAP, implicit TLS for
    // imaps; nobody logs in.
    for (name, port_key, verb) in [
        ("submission", "RIG_SUBMISSION_PORT", "STARTTLS"),
        ("imap", "RIG_IMAP_PORT", "STARTTLS"),
        ("imaps", "RIG_IMAPS_PORT", ""),
    ] {
        let v = svc(name);
        let p = &v["probes"][0];
        assert_eq!(p["port"], rig.port(port_key), "{v}");
        assert_eq!(p["tls"]["pkix_valid"], true, "{v}");
        assert!(p["failure"].is_null(), "{v}");
        let sent: Vec<&str> = p["transcript"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["type"] == "sent")
            .map(|e| e["line"].as_str().unwrap())
            .collect();
        if !verb.is_empty() {
            assert!(sent.iter().any(|l| l.ends_with(verb)), "{name}: {sent:?}");
        }
        assert!(
            !sent
                .iter()
                .any(|l| l.contains("LOGIN") || l.starts_with("AUTH")),
            "{sent:?}"
        );
        has(
            &codes_at(&s, &format!("{name} mail.rig.test:")),
            "service-ok",
            "ok",
        );
    }
    // submissions is the listener whose certificate expires in 5 days. submission (another
    // Postfix service sharing its session tickets) must show its own 30-day certificate: every
    // audit handshake is a full one, never a resumed session that reports an old certificate.
    has(
        &codes_at(&s, "submissions mail.rig.test:"),
        "service-cert-expiring",
        "warning",
    );
    let days = svc("submission")["probes"][0]["tls"]["cert"]["days_left"]
        .as_i64()
        .unwrap();
    assert!(days > 20, "submission reported {days} days left");
    // pop3s names mx2, which is served a certificate for mail.rig.test.
    has(
        &codes_at(&s, "pop3s mx2.audit.test:"),
        "service-cert-name-mismatch",
        "error",
    );
    // pop3 is published as not provided.
    has(
        &codes_at(&s, "pop3: _pop3._tcp.audit.test"),
        "srv-not-provided",
        "info",
    );
    assert_eq!(svc("pop3")["probes"].as_array().unwrap().len(), 0);
}

#[test]
fn dnssec_secure_insecure_and_bogus_with_the_reason() {
    // audit.test is signed and anchored: everything the audit relied on is secure.
    let s = audit("good.audit.test", &[]).summary();
    has(&codes_at(&s, "all "), "dnssec-secure", "ok");
    assert!(
        s["dnssec"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["status"] == "secure"),
        "{}",
        s["dnssec"]
    );
    assert_eq!(s["mx"][0]["tlsa"]["dnssec"], "secure");

    // Every signature expired: bogus, and the finding says when.
    let r = audit("expired.audit.test", &[]);
    let s = r.summary();
    assert_eq!(r.code, 12, "{s}");
    let bogus = codes_at(&s, "MX expired.audit.test:");
    has(&bogus, "dnssec-bogus", "error");
    let msg = s["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "dnssec-bogus")
        .unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        msg.contains("RRSIG over MX") && msg.contains("expired on"),
        "{msg}"
    );
    // Its MX's TLSA records are bogus too: DANE senders defer; the match does not count.
    has(
        &codes_at(&s, "mx.expired.audit.test:"),
        "dane-bogus",
        "error",
    );
    has(
        &codes_at(&s, "mx.expired.audit.test [192.0.2.11]"),
        "dane-match",
        "info",
    );

    // The parent's DS names a key the child does not use.
    let s = audit("broken.audit.test", &[]).summary();
    let c = s["dnssec"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "broken.audit.test" && c["type"] == "MX")
        .cloned()
        .unwrap();
    assert_eq!(c["status"], "bogus", "{c}");
    assert!(
        c["reason"]
            .as_str()
            .unwrap()
            .contains("chain of trust is broken"),
        "{c}"
    );

    // No DS: insecure, an info finding; TLSA records there are ignored by senders.
    let r = audit("insecure.audit.test", &[]);
    let s = r.summary();
    has(
        &codes_at(&s, "not DNSSEC-signed"),
        "dnssec-insecure",
        "info",
    );
    has(
        &codes_at(&s, "mx.insecure.audit.test:"),
        "dane-insecure",
        "warning",
    );
    assert_eq!(s["mx"][0]["tlsa"]["dnssec"], "insecure");

    // A domain outside every anchor (rig.test is unsigned, the anchor is audit.test) is not
    // bogus — RFC 4033 §5 needs an anchor and a secure delegation for that — but indeterminate.
    // (Found by comparing with checkdmarc: bench/agree_checkdmarc.sh.)
    let s = audit("rig.test", &["--no-probe"]).summary();
    let statuses: Vec<&str> = s["dnssec"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert!(
        !statuses.is_empty() && statuses.iter().all(|st| *st == "indeterminate"),
        "{}",
        s["dnssec"]
    );
    assert!(
        s["dnssec"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("no trust anchor covers rig.test"),
        "{}",
        s["dnssec"]
    );
    let c = codes_at(&s, "MX rig.test:");
    has(&c, "dnssec-indeterminate", "warning");
    assert!(!c.iter().any(|(code, _)| code == "dnssec-bogus"), "{c:?}");

    // --no-dnssec: nothing validated, and the TLSA records are judged as published.
    let r = rig();
    let s = run(mailctl()
        .args([
            "--json",
            "audit",
            "good.audit.test",
            "--nameserver",
            &r.dns(),
        ])
        .args(["--ca-file", r.ca(), "--no-dnssec"])
        .args(connect_to()))
    .summary();
    assert_eq!(s["dnssec"].as_array().unwrap().len(), 0);
    has(
        &codes_at(&s, "mx-good.audit.test:"),
        "dane-dnssec-unchecked",
        "info",
    );
}

#[test]
fn a_trust_anchor_that_is_no_dnskey_file_is_a_usage_error() {
    let r = rig();
    let dir = std::env::temp_dir().join(format!("mailctl-anchor-{}", std::process::id()));
    std::fs::write(&dir, "not a key\n").unwrap();
    let out = run(mailctl()
        .args([
            "audit",
            "good.audit.test",
            "--nameserver",
            &r.dns(),
            "--no-probe",
        ])
        .arg("--trust-anchor")
        .arg(&dir));
    let _ = std::fs::remove_file(&dir);
    assert_eq!(out.code, 2, "{out:?}");
    assert!(
        format!("{}{}", out.stdout, out.stderr).contains("--trust-anchor"),
        "{out:?}"
    );
}

/// `check domain`: the same engine as a monitoring check.
fn check_domain(domain: &str, extra: &[&str]) -> Run {
    let r = rig();
    run(mailctl()
        .args(["check", "domain", domain, "--nameserver", &r.dns()])
        .args([
            "--ca-file",
            r.ca(),
            "--trust-anchor",
            r.get("RIG_TRUST_ANCHOR"),
        ])
        .args(connect_to())
        .args(extra))
}

#[test]
fn check_domain_speaks_nagios_and_prometheus() {
    let ok = check_domain("good.audit.test", &["--format", "nagios"]);
    assert_eq!(ok.code, 0, "{ok:?}");
    assert!(
        ok.stdout.starts_with("DOMAIN OK - good.audit.test"),
        "{}",
        ok.stdout
    );
    assert!(ok.stdout.contains("cert_days="), "{}", ok.stdout);

    // Errors are CRITICAL, each named by its finding code.
    let bad = check_domain("audit.test", &["--format", "nagios"]);
    assert_eq!(bad.code, 2, "{bad:?}");
    assert!(bad.stdout.starts_with("DOMAIN CRITICAL"), "{}", bad.stdout);
    for code in ["starttls-missing", "dane-no-match", "smtp-unreachable"] {
        assert!(bad.stdout.contains(code), "{code}: {}", bad.stdout);
    }

    // The certificate closest to expiry is held to the day thresholds (the MX's has ~29 days).
    let days = check_domain(
        "good.audit.test",
        &[
            "--format",
            "nagios",
            "--cert-warn-days",
            "60",
            "--cert-crit-days",
            "10",
        ],
    );
    assert_eq!(days.code, 1, "{days:?}");
    assert!(days.stdout.starts_with("DOMAIN WARNING"), "{}", days.stdout);

    // A bogus domain is CRITICAL whatever --ignore-warnings says; warnings alone are not.
    let expired = check_domain(
        "expired.audit.test",
        &["--format", "nagios", "--ignore-warnings"],
    );
    assert_eq!(expired.code, 2, "{expired:?}");
    assert!(
        expired.stdout.contains("dnssec-bogus"),
        "{}",
        expired.stdout
    );
    let insecure = check_domain(
        "insecure.audit.test",
        &["--format", "nagios", "--ignore-warnings"],
    );
    assert_eq!(insecure.code, 0, "{insecure:?}");

    let prom = check_domain("audit.test", &["--format", "prometheus"]);
    assert_eq!(prom.code, 2, "{prom:?}");
    assert!(
        prom.stdout
            .contains("mailctl_check_status{target=\"audit.test\",protocol=\"domain\"} 2"),
        "{}",
        prom.stdout
    );
}

/// Every code of README's audit finding table is asserted by some test: here end to end, or by
/// the unit tests of the module that raises it (src/audit, src/dns/dnssec.rs).
#[test]
fn every_documented_finding_code_is_tested() {
    let root = crate::util::repo_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let start = readme.find("### Audit finding codes").expect("the table");
    let table = &readme[start..];
    let table = &table[..table[3..].find("\n### ").map_or(table.len(), |i| i + 3)];
    let mut codes = Vec::new();
    for line in table.lines().filter(|l| l.starts_with("| `")) {
        let first = line.split('|').nth(1).unwrap_or("");
        for part in first.split('`').skip(1).step_by(2) {
            codes.push(part.to_string());
        }
    }
    assert!(codes.len() > 60, "the table was not read: {codes:?}");
    // The test code: tests/it, and every `#[cfg(test)]` module of the modules that judge.
    let mut tests = String::new();
    let mut dirs = vec![
        root.join("tests/it"),
        root.join("src/audit"),
        root.join("src/dns"),
    ];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                let from = if p.starts_with(root.join("tests")) {
                    0
                } else {
                    text.find("#[cfg(test)]").unwrap_or(text.len())
                };
                tests.push_str(&text[from..]);
            }
        }
    }
    let untested: Vec<&String> = codes
        .iter()
        .filter(|c| !tests.contains(&format!("\"{c}\"")))
        .collect();
    assert!(
        untested.is_empty(),
        "finding codes no test asserts: {untested:?}"
    );
}
