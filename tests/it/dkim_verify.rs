//! `mailctl dkim verify` against messages signed by an independent signer (dkimpy, see
//! tests/fixtures/dkim/verify/make.py), with the keys served by the in-process DNS server: every
//! result, reason code and exit code; Maildir, mbox and stdin input; one lookup per key for many
//! messages; `--debug-canon`; and a cross-check of the pass/no-pass verdicts against mail-auth.

use crate::dnsd::{DnsServer, Options, Rcode, RecordType, Zone};
use crate::util::{Run, mailctl, repo_root, run_with_timeout};
use serde_json::Value;
use std::io::Write;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::Duration;

fn dir() -> PathBuf {
    repo_root().join("tests/fixtures/dkim/verify")
}

fn msg(name: &str) -> String {
    dir()
        .join("messages")
        .join(format!("{name}.eml"))
        .display()
        .to_string()
}

/// The keys of keys.json at `<selector>._domainkey.example.test`, a SERVFAIL for `servfail`,
/// NODATA for `nodata`, NXDOMAIN for anything else (`missing`).
pub(crate) fn server() -> DnsServer {
    server_with(Options::default())
}

fn server_with(opts: Options) -> DnsServer {
    let keys: Value =
        serde_json::from_slice(&std::fs::read(dir().join("keys.json")).unwrap()).unwrap();
    let mut zone = Zone::new();
    for (sel, txt) in keys.as_object().unwrap() {
        zone = zone.txt(
            &format!("{sel}._domainkey.example.test"),
            &[txt.as_str().unwrap()],
        );
    }
    DnsServer::start_with(
        zone.rcode(
            "servfail._domainkey.example.test",
            RecordType::TXT,
            Rcode::ServFail,
        )
        .exists("nodata._domainkey.example.test"),
        opts,
    )
}

fn verify(srv: &DnsServer, args: &[&str]) -> Run {
    let mut c = mailctl();
    c.args(["--json", "dkim", "verify"]).args(args).args([
        "--nameserver",
        &srv.nameserver_arg(),
        "--timeout",
        "2s",
    ]);
    run_with_timeout(&mut c, Duration::from_secs(30))
}

fn dns_queries(r: &Run, name: &str) -> usize {
    r.json()
        .iter()
        .filter(|e| e["type"] == "dns_query" && e["name"] == name)
        .count()
}

#[test]
fn every_case_has_its_result_reason_and_exit_code() {
    let srv = server();
    // (file, message result, code of the first signature, exit code)
    let cases = [
        ("ok-rsa", "pass", "pass", 0),
        ("ok-ed25519", "pass", "pass", 0),
        ("ok-dual", "pass", "pass", 0),
        ("ok-simple", "pass", "pass", 0),
        ("relaxed-whitespace", "pass", "pass", 0),
        ("lf-endings", "pass", "pass", 0),
        ("length-appended", "pass", "pass", 0),
        ("rsa1024", "pass", "pass", 0),
        ("body-changed", "fail", "body-hash-mismatch", 16),
        ("header-changed", "fail", "signature-mismatch", 16),
        ("second-from", "fail", "signature-mismatch", 16),
        ("simple-whitespace", "fail", "body-hash-mismatch", 16),
        ("rsa-sha1", "fail", "rsa-sha1", 16),
        ("expired", "fail", "expired", 16),
        ("rsa512", "fail", "key-too-short", 16),
        ("revoked", "fail", "key-revoked", 16),
        ("garbage-key", "fail", "key-unparseable", 16),
        ("missing-key", "fail", "key-nxdomain", 16),
        ("nodata-key", "fail", "key-no-txt", 16),
        ("servfail-key", "temperror", "key-lookup-failed", 13),
        ("unsigned", "none", "", 17),
    ];
    let runs: Vec<(&str, Run)> = std::thread::scope(|sc| {
        let hs: Vec<_> = cases
            .iter()
            .map(|(name, ..)| {
                let srv = &srv;
                sc.spawn(move || (*name, verify(srv, &[&msg(name)])))
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for ((name, result, code, exit), (_, r)) in cases.iter().zip(&runs) {
        let s = r.summary();
        let m = &s["messages"][0];
        assert_eq!(m["result"], *result, "{name}: {m}");
        if !code.is_empty() {
            assert_eq!(m["signatures"][0]["code"], *code, "{name}: {m}");
        } else {
            assert_eq!(m["signatures"].as_array().unwrap().len(), 0, "{name}");
        }
        assert_eq!(r.code, *exit, "{name}: {}", r.stdout);
        assert_eq!(s["exit_code"], *exit, "{name}");
    }
    let get = |n: &str| {
        runs.iter()
            .find(|(x, _)| *x == n)
            .map(|(_, r)| r.summary())
            .unwrap()
    };
    let sig = |n: &str| get(n)["messages"][0]["signatures"][0].clone();

    // Tags, key lookup and key facts are reported per signature.
    let s = sig("ok-rsa");
    assert_eq!(
        (&s["d"], &s["s"], &s["a"], &s["c"]),
        (
            &Value::from("example.test"),
            &Value::from("rsa2048"),
            &Value::from("rsa-sha256"),
            &Value::from("relaxed/relaxed")
        )
    );
    assert_eq!(s["h"][0], "from");
    assert_eq!(s["key"]["lookup"], "answer");
    assert_eq!(s["key"]["key_type"], "rsa");
    assert_eq!(s["key"]["bits"], 2048);
    assert!(s["key"]["lookup_ms"].as_f64().unwrap() >= 0.0);
    assert_eq!(sig("ok-ed25519")["key"]["key_type"], "ed25519");
    let dual = get("ok-dual");
    let dual_sigs = dual["messages"][0]["signatures"].as_array().unwrap();
    assert_eq!(dual_sigs.len(), 2);
    assert!(dual_sigs.iter().all(|s| s["result"] == "pass"));

    // Diagnoses.
    let s = sig("body-changed");
    assert_eq!(s["body"]["hash_ok"], false);
    let reason = s["reason"].as_str().unwrap();
    assert!(
        reason.contains(&format!(
            "we hashed {} bytes",
            s["body"]["hashed_bytes"].as_u64().unwrap()
        )),
        "{reason}"
    );
    let s = sig("second-from");
    assert_eq!(s["header_counts"][0]["name"], "from");
    assert_eq!(s["header_counts"][0]["present"], 2);
    assert_eq!(s["header_counts"][0]["signed"], 1);
    // Proven, not guessed: without the bottom From the signature verifies.
    assert!(
        s["reason"]
            .as_str()
            .unwrap()
            .contains("the From at header field #9 was added after signing"),
        "{s}"
    );
    // The key opens the signature: the content changed, not the key.
    assert!(
        sig("header-changed")["reason"]
            .as_str()
            .unwrap()
            .contains("rsa2048._domainkey.example.test is the signer's"),
        "{}",
        sig("header-changed")
    );
    assert_eq!(sig("header-changed")["body"]["hash_ok"], true);
    assert!(
        sig("simple-whitespace")["reason"]
            .as_str()
            .unwrap()
            .contains("simple")
    );
    assert_eq!(get("lf-endings")["messages"][0]["line_endings"], "lf");
    let l = get("length-appended");
    let ls = &l["messages"][0]["signatures"][0];
    assert!(ls["l"].as_u64().is_some());
    assert!(ls["body"]["unsigned_bytes"].as_u64().unwrap() > 0);
    let codes: Vec<&str> = l["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"dkim-body-length"), "{codes:?}");
    assert!(codes.contains(&"dkim-body-appended"), "{codes:?}");
    assert!(sig("expired")["expired"].as_bool().unwrap());
    assert_eq!(sig("rsa512")["key"]["bits"], 512);
    assert!(
        sig("rsa512")["reason"]
            .as_str()
            .unwrap()
            .contains("RFC 8301")
    );
    assert_eq!(sig("missing-key")["key"]["lookup"], "nxdomain");
    assert_eq!(sig("nodata-key")["key"]["lookup"], "nodata");
    assert_eq!(sig("servfail-key")["key"]["lookup"], "servfail");
    let f = get("rsa1024")["findings"].to_string();
    assert!(f.contains("dkim-rsa-short"), "{f}");
}

#[test]
fn maildir_one_line_per_message_and_counts() {
    let srv = server();
    let r = verify(&srv, &[&dir().join("maildir").display().to_string()]);
    let s = r.summary();
    let msgs = s["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 4);
    assert!(msgs[0]["source"].as_str().unwrap().contains("/cur/"));
    assert!(msgs[3]["source"].as_str().unwrap().contains("/new/"));
    let results: Vec<&str> = msgs.iter().map(|m| m["result"].as_str().unwrap()).collect();
    assert_eq!(results, ["pass", "pass", "fail", "none"]);
    assert!(msgs.iter().all(|m| m["line_endings"] == "lf"));
    assert_eq!(s["counts"]["pass"], 2);
    assert_eq!(s["counts"]["fail"], 1);
    assert_eq!(s["counts"]["none"], 1);
    assert_eq!(r.code, 16, "a failed message outranks the unsigned one");
    // Two distinct keys for three signed messages: each looked up once.
    assert_eq!(dns_queries(&r, "rsa2048._domainkey.example.test"), 1);
    assert_eq!(dns_queries(&r, "ed25519._domainkey.example.test"), 1);
}

/// Messages stream through the workers while the keys are fetched: with slow DNS (300 ms an
/// answer) the messages read before their key arrives wait and are verified afterwards, in
/// their place; every key is still asked once, and `-q` gives the same verdict.
#[test]
fn slow_keys_many_messages_verified_in_order() {
    let srv = server_with(Options::default().delay(300));
    let md = std::env::temp_dir().join(format!("mailctl-{}", crate::util::token("md")));
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(md.join(sub)).unwrap();
    }
    let src = dir().join("maildir");
    let mut files: Vec<PathBuf> = ["cur", "new"]
        .iter()
        .flat_map(|s| std::fs::read_dir(src.join(s)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    files.sort_by_key(|p| p.file_name().unwrap().to_owned());
    // 400 messages named so that cur/ order is copy order: pass, pass, fail, none, pass, ...
    for i in 0..100 {
        for (j, f) in files.iter().enumerate() {
            let to = md.join("cur").join(format!("{:05}.{j}", i * 4 + j));
            std::fs::copy(f, to).unwrap();
        }
    }
    let r = verify(&srv, &[&md.display().to_string()]);
    let s = r.summary();
    let msgs = s["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 400);
    for (n, m) in msgs.iter().enumerate() {
        let want = ["pass", "pass", "fail", "none"][n % 4];
        assert_eq!(m["result"], want, "message {n}: {m}");
        assert!(
            m["source"]
                .as_str()
                .unwrap()
                .ends_with(&format!("{n:05}.{}", n % 4))
        );
    }
    assert_eq!(s["counts"]["pass"], 200);
    assert_eq!(s["counts"]["fail"], 100);
    assert_eq!(s["counts"]["none"], 100);
    assert_eq!(dns_queries(&r, "rsa2048._domainkey.example.test"), 1);
    assert_eq!(dns_queries(&r, "ed25519._domainkey.example.test"), 1);
    let keys = s["keys"].as_array().unwrap();
    assert_eq!(keys.len(), 2, "{keys:?}");
    let uses: u64 = keys.iter().map(|k| k["signatures"].as_u64().unwrap()).sum();
    assert_eq!(uses, 300, "three signed messages in four");
    assert_eq!(r.code, 16);

    let mut c = mailctl();
    c.args(["-q", "dkim", "verify", &md.display().to_string()])
        .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
    let q = run_with_timeout(&mut c, Duration::from_secs(30));
    assert_eq!(q.code, 16);
    // -q: the verdict (on stderr, as stdout carries results) and the per-message results,
    // never the transcript.
    assert!(
        q.stderr
            .starts_with("FAIL dkim verify (exit 16 dkim-fail): 100 of 400 message(s) fail DKIM; "),
        "{}",
        q.stderr
    );
    assert_eq!(q.stderr.lines().count(), 1, "{}", q.stderr);
    assert!(!q.stdout.contains("Q: "), "{}", q.stdout);
    let fails = q.stdout.lines().filter(|l| l.contains(" fail ")).count();
    assert_eq!(fails, 100, "{}", q.stdout);
    let _ = std::fs::remove_dir_all(&md);
}

#[test]
fn mbox_keys_fetched_once_for_many_messages() {
    let srv = server();
    let r = verify(&srv, &[&dir().join("mbox").display().to_string()]);
    let s = r.summary();
    let msgs = s["messages"].as_array().unwrap();
    let results: Vec<&str> = msgs.iter().map(|m| m["result"].as_str().unwrap()).collect();
    // ">From the team," in the mbox is unquoted again, or the body hashes would not match.
    assert_eq!(results, ["pass", "pass", "fail", "pass", "none"]);
    assert!(msgs[1]["source"].as_str().unwrap().ends_with("mbox#2"));
    assert_eq!(msgs[2]["signatures"][0]["code"], "signature-mismatch");
    assert_eq!(dns_queries(&r, "rsa2048._domainkey.example.test"), 1);
    assert_eq!(s["keys"][0]["signatures"], 4);
    let asked = srv
        .queries()
        .iter()
        .filter(|q| {
            q.name
                .eq_ignore_ascii_case("rsa2048._domainkey.example.test")
        })
        .count();
    assert_eq!(asked, 1, "{:?}", srv.queries());
    assert_eq!(r.code, 16);
}

#[test]
fn mixed_outcomes_map_to_one_exit_code() {
    let srv = server();
    let run = |names: &[&str]| {
        let paths: Vec<String> = names.iter().map(|n| msg(n)).collect();
        let args: Vec<&str> = paths.iter().map(String::as_str).collect();
        verify(&srv, &args).code
    };
    assert_eq!(run(&["ok-rsa", "ok-ed25519"]), 0);
    assert_eq!(run(&["ok-rsa", "unsigned"]), 17);
    assert_eq!(run(&["ok-rsa", "servfail-key", "unsigned"]), 13);
    assert_eq!(run(&["servfail-key", "body-changed", "unsigned"]), 16);
}

#[test]
fn stdin_and_debug_canon() {
    let srv = server();
    let mut c = mailctl();
    c.args(["--json", "dkim", "verify", "--debug-canon", "-"])
        .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = c.spawn().unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&std::fs::read(msg("ok-ed25519")).unwrap())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let r = Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert_eq!(r.code, 0, "{}", r.stdout);
    let s = r.summary();
    assert_eq!(s["messages"][0]["source"], "-");
    let canon = &s["messages"][0]["signatures"][0]["canon"];
    assert!(
        canon["headers"]
            .as_str()
            .unwrap()
            .starts_with("from:Alice <alice@example.test>\r\n")
    );
    assert!(canon["headers"].as_str().unwrap().contains("b="));
    assert!(
        canon["body"]
            .as_str()
            .unwrap()
            .starts_with("Hello Bob,\r\n")
    );
    let infos: Vec<String> = r
        .json()
        .iter()
        .filter(|e| e["type"] == "info")
        .map(|e| e["msg"].as_str().unwrap().to_string())
        .collect();
    assert!(
        infos.contains(&"  h| from:Alice <alice@example.test>$".to_string()),
        "{infos:#?}"
    );
    assert!(
        infos.contains(&"  b| Hello Bob,$".to_string()),
        "{infos:#?}"
    );

    // Human rendering: the tree and the canon block are readable.
    let h = run_with_timeout(
        mailctl().args([
            "dkim",
            "verify",
            "--debug-canon",
            &msg("second-from"),
            "--nameserver",
            &srv.nameserver_arg(),
        ]),
        Duration::from_secs(30),
    );
    assert_eq!(h.code, 16);
    let all = format!("{}{}", h.stdout, h.stderr);
    assert!(all.contains("h| from:Mallory <ceo@example.test>$"), "{all}");
    assert!(
        all.contains("header counts: from present 2× signed 1×"),
        "{all}"
    );
}

/// Our pass/no-pass verdicts against mail-auth 0.13 (its own resolver, same DNS server) over
/// every fixture. The known, intended differences are listed at the end.
#[test]
fn verdicts_agree_with_mail_auth() {
    use mail_auth::hickory_resolver::config::{
        ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
    };
    use mail_auth::{AuthenticatedMessage, DkimResult, MessageAuthenticator};
    let srv = server();
    let ns = srv.addr;
    let mut udp = ConnectionConfig::udp();
    udp.port = ns.port();
    let mut tcp = ConnectionConfig::tcp();
    tcp.port = ns.port();
    let config = ResolverConfig::from_name_servers(vec![NameServerConfig::new(
        ns.ip(),
        true,
        vec![udp, tcp],
    )]);
    let mut opts = ResolverOpts::default();
    opts.timeout = Duration::from_secs(1);
    opts.attempts = 1;
    opts.ndots = 0;
    opts.use_hosts_file = ResolveHosts::Never;
    let ma = MessageAuthenticator::new(config, opts).unwrap();
    let names: Vec<String> = std::fs::read_dir(dir().join("messages"))
        .unwrap()
        .map(|e| {
            e.unwrap()
                .path()
                .file_stem()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    let paths: Vec<String> = names.iter().map(|n| msg(n)).collect();
    let args: Vec<&str> = paths.iter().map(String::as_str).collect();
    let ours = verify(&srv, &args).summary();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut disagree = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let raw = std::fs::read(&paths[i]).unwrap();
        let theirs = rt.block_on(async {
            let m = AuthenticatedMessage::parse(&raw).unwrap();
            let out = ma.verify_dkim(&m).await;
            out.iter().any(|o| *o.result() == DkimResult::Pass)
        });
        let us = ours["messages"][i]["result"] == "pass";
        if us != theirs {
            disagree.push(name.as_str());
        }
    }
    disagree.sort();
    // length-appended: mail-auth fails a body longer than l=; we pass it with the warnings
    // dkim-body-length and dkim-body-appended, as dkimpy and OpenDKIM do (RFC 6376 §8.2 leaves
    // it to the verifier). rsa-sha1: mail-auth 0.13 accepts it, RFC 8301 §3.1 forbids it.
    assert_eq!(
        disagree,
        ["length-appended", "rsa-sha1"],
        "unexpected disagreement with mail-auth"
    );
}

/// A fresh, empty directory for one test.
fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("mailctl-{}", crate::util::token(tag)));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// ok-rsa.eml with one tag of its DKIM-Signature replaced (`from` → `to`, first occurrence).
fn ok_rsa_with(from: &str, to: &str) -> String {
    let raw = std::fs::read_to_string(msg("ok-rsa")).unwrap();
    assert!(raw.contains(from), "{from}");
    raw.replacen(from, to, 1)
}

/// The class "a malformed signature field is permerror, never temperror": a bad s=, d= or i=
/// names no key, so nothing is looked up and the result is permerror (exit 16), not a DNS
/// failure (temperror, exit 13, "try again") as when the bad name went to the resolver.
#[test]
fn malformed_signature_fields_are_permerror_without_lookup() {
    let srv = server();
    let dir = temp_dir("dkim-permerror");
    let cases = [
        ("s-empty", "s=rsa2048;", "s=;", "s=\"\""),
        ("s-space", "s=rsa2048;", "s=rsa 2048;", "s=\"rsa 2048\""),
        ("d-empty", "d=example.test;", "d=;", "d=\"\""),
        (
            "d-space",
            "d=example.test;",
            "d=exa mple.test;",
            "d=\"exa mple.test\"",
        ),
        (
            "d-dots",
            "d=example.test;",
            "d=example..test;",
            "d=\"example..test\"",
        ),
        (
            "i-no-at",
            "i=@example.test;",
            "i=example.test;",
            "i=\"example.test\"",
        ),
        (
            "t-space",
            "t=1767225600;",
            "t=17672 25600;",
            "t=\"17672 25600\"",
        ),
        // x= must be greater than t= (RFC 6376 §3.5): equal is malformed too (was: judged
        // only as expired or not).
        (
            "x-equals-t",
            "t=1767225600;",
            "t=1767225600; x=1767225600;",
            "x=1767225600 is not after t=1767225600",
        ),
        (
            "x-before-t",
            "t=1767225600;",
            "t=1767225600; x=1767225599;",
            "must be greater than t=",
        ),
        ("empty-tag", "q=dns/txt;", "q=dns/txt;;", "empty tag"),
        (
            "bad-name",
            "q=dns/txt;",
            "q=dns/txt; -x=1;",
            "not a tag name",
        ),
    ];
    let files: Vec<String> = cases
        .iter()
        .map(|(name, from, to, _)| {
            let p = dir.join(format!("{name}.eml"));
            std::fs::write(&p, ok_rsa_with(from, to)).unwrap();
            p.display().to_string()
        })
        .collect();
    let args: Vec<&str> = files.iter().map(String::as_str).collect();
    let r = verify(&srv, &args);
    assert_eq!(r.code, 16, "{}", r.stdout);
    let s = r.summary();
    assert_eq!(s["error"]["phase"], "command", "{s}");
    assert_eq!(s["counts"]["temperror"], 0, "{s}");
    for ((name, _, _, what), m) in cases.iter().zip(s["messages"].as_array().unwrap()) {
        let sig = &m["signatures"][0];
        assert_eq!(m["result"], "fail", "{name}: {m}");
        assert_eq!(sig["result"], "permerror", "{name}: {sig}");
        assert_eq!(sig["code"], "malformed-signature", "{name}: {sig}");
        assert!(
            sig["reason"].as_str().unwrap().contains(what),
            "{name}: {sig}"
        );
        assert!(sig.get("key").is_none(), "{name}: {sig}");
    }
    let queries = r.json().iter().filter(|e| e["type"] == "dns_query").count();
    assert_eq!(queries, 0, "{}", r.stdout);
    let _ = std::fs::remove_dir_all(&dir);
}

fn pub_key(name: &str) -> String {
    dir().join("pub").join(name).display().to_string()
}

/// `--key NAME=FILE`: a PEM public key (SPKI or PKCS#1) or the TXT record (zone-file strings)
/// stands in for DNS, to verify before publishing: the signature passes with no query made
/// (the DNS server here has no records at all), and the report says where the key came from.
#[test]
fn key_files_replace_dns() {
    let srv = DnsServer::start(Zone::new());
    let rsa = "rsa2048._domainkey.example.test";
    for (file, message) in [
        ("rsa2048.pem", "ok-rsa"),
        ("rsa2048-pkcs1.pem", "ok-rsa"),
        ("rsa2048.zone", "ok-rsa"),
        ("ed25519.pem", "ok-ed25519"),
    ] {
        let name = if message == "ok-rsa" {
            rsa
        } else {
            "ed25519._domainkey.example.test"
        };
        // The name as a user may type it: any case.
        let arg = format!("{}={}", name.to_uppercase(), pub_key(file));
        let r = verify(&srv, &["--key", &arg, &msg(message)]);
        assert_eq!(r.code, 0, "{file}: {}", r.stdout);
        let s = r.summary();
        let sig = &s["messages"][0]["signatures"][0];
        assert_eq!(sig["result"], "pass", "{file}: {sig}");
        assert_eq!(sig["key"]["lookup"], "file", "{file}: {sig}");
        assert_eq!(sig["key"]["file"], pub_key(file).as_str(), "{file}: {sig}");
        assert_eq!(s["keys"][0]["lookup"], "file", "{file}");
        assert_eq!(dns_queries(&r, name), 0, "{file}: {}", r.stdout);
        assert!(
            r.json().iter().any(|e| e["msg"]
                .as_str()
                .is_some_and(|m| m.contains("--key") && m.contains(file))),
            "{file}: the transcript says where the key came from: {}",
            r.stdout
        );
    }
    // A record with an empty tag (";;"): used, with a warning (RFC 6376 §3.2 does not allow it).
    let keys: Value =
        serde_json::from_slice(&std::fs::read(dir().join("keys.json")).unwrap()).unwrap();
    let d = temp_dir("dkim-key-emptytag");
    let txt = d.join("rsa2048.txt");
    let rec = keys["rsa2048"].as_str().unwrap().replacen("; ", ";; ", 1);
    std::fs::write(&txt, &rec).unwrap();
    let r = verify(
        &srv,
        &["--key", &format!("{rsa}={}", txt.display()), &msg("ok-rsa")],
    );
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("dkim-empty-tag"), "{}", r.stdout);
    let _ = std::fs::remove_dir_all(&d);
    // The wrong key for the selector: the signature does not verify with it.
    let r = verify(
        &srv,
        &[
            "--key",
            &format!("{rsa}={}", pub_key("ed25519.pem")),
            &msg("ok-rsa"),
        ],
    );
    assert_eq!(r.code, 16, "{}", r.stdout);
    // Unusable --key arguments: a usage error (2) naming the problem, or the file unreadable (9).
    for (arg, exit, phrase) in [
        (
            "rsa2048.pem".to_string(),
            2,
            "SELECTOR._domainkey.DOMAIN=FILE",
        ),
        (
            format!("example.test={}", pub_key("rsa2048.pem")),
            2,
            "is not SELECTOR._domainkey.DOMAIN",
        ),
        (
            format!("{rsa}={}", dir().join("rsa2048.key").display()),
            2,
            "-pubout",
        ),
        (format!("{rsa}={}", msg("ok-rsa")), 2, "no p= tag"),
        (format!("{rsa}=/nonexistent/k.pem"), 9, "/nonexistent/k.pem"),
    ] {
        let r = verify(&srv, &["--key", &arg, &msg("ok-rsa")]);
        let s = r.failed_at(exit, "setup");
        let m = s["error"]["message"].as_str().unwrap();
        assert!(m.contains(phrase), "{arg}: {m}");
    }
}

/// `--at TIME`: x= and t= are judged as of that time, so mail that was valid when it arrived
/// still verifies; RFC 3339 and Unix seconds are accepted, anything else is a usage error.
#[test]
fn at_verifies_as_of_a_time() {
    let srv = server();
    // expired.eml: t=1767225600 (2026-01-01T00:00:00Z), x=1767229200 (one hour later).
    for (at, result) in [
        ("2026-01-01T00:30:00Z", "pass"),
        ("2026-01-01 01:30:00+01:00", "pass"),
        ("1767229199", "pass"),
        ("1767229201", "fail"),
        ("2026-01-02T00:00:00Z", "fail"),
    ] {
        let r = verify(&srv, &["--at", at, &msg("expired")]);
        let m = &r.summary()["messages"][0];
        assert_eq!(m["result"], result, "--at {at}: {m}");
    }
    // Before the signing time t=: a warning that the signature is from the future.
    let r = verify(&srv, &["--at", "2025-12-31T00:00:00Z", &msg("ok-rsa")]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("dkim-future-timestamp"), "{}", r.stdout);
    for bad in ["yesterday", "2026-01-01", "2026-02-30T00:00:00Z", "-1"] {
        let r = verify(&srv, &[&format!("--at={bad}"), &msg("ok-rsa")]);
        let s = r.failed_at(2, "setup");
        assert!(
            s["error"]["message"].as_str().unwrap().contains("RFC 3339"),
            "{bad}: {s}"
        );
    }
}

/// A plain directory of .eml files (not a Maildir) is read: its regular files in name order,
/// dot files and subdirectories skipped; an empty directory is a usage error.
#[test]
fn plain_directory_of_messages() {
    let srv = server();
    let d = temp_dir("dkim-dir");
    for (to, from) in [
        ("b.eml", "body-changed"),
        ("a.eml", "ok-rsa"),
        ("c", "ok-ed25519"),
    ] {
        std::fs::copy(msg(from), d.join(to)).unwrap();
    }
    std::fs::write(d.join(".hidden.eml"), "not a message").unwrap();
    std::fs::create_dir(d.join("sub")).unwrap();
    std::fs::copy(msg("unsigned"), d.join("sub").join("x.eml")).unwrap();
    let r = verify(&srv, &[d.to_str().unwrap()]);
    assert_eq!(r.code, 16, "{}", r.stdout);
    let s = r.summary();
    let got: Vec<(String, String)> = s["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            let src = m["source"].as_str().unwrap();
            (
                src.rsplit('/').next().unwrap().to_string(),
                m["result"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = [("a.eml", "pass"), ("b.eml", "fail"), ("c", "pass")]
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(got, want);
    let empty = temp_dir("dkim-dir-empty");
    let r = verify(&srv, &[empty.to_str().unwrap()]);
    r.failed_at(2, "setup");
    let _ = std::fs::remove_dir_all(&d);
    let _ = std::fs::remove_dir_all(&empty);
}

/// Deliberate over-signing (h= names From and Subject twice with one of each, RFC 6376 §5.4.2,
/// §8.15; here by mail-auth's signer) is no divergence: no hint when it passes, and when the
/// Subject is then changed the diagnosis does not blame the "missing" second instances.
#[test]
fn oversigning_is_not_a_hint_and_failures_name_the_divergence() {
    let srv = server();
    let d = temp_dir("dkim-oversign");
    let mut c = mailctl();
    c.args([
        "dkim",
        "sign",
        "--selector",
        "rsa2048",
        "--domain",
        "example.test",
    ])
    .arg("--key")
    .arg(dir().join("rsa2048.key"))
    .args(["--headers", "From,From,To,Subject,Subject"])
    .arg(msg("unsigned"));
    let signed = run_with_timeout(&mut c, Duration::from_secs(30));
    assert_eq!(signed.code, 0, "{}", signed.stderr);
    assert!(signed.stdout.contains("From:From"), "{}", signed.stdout);
    let ok = d.join("oversigned.eml");
    std::fs::write(&ok, &signed.stdout).unwrap();
    let changed = d.join("oversigned-subject-changed.eml");
    std::fs::write(
        &changed,
        signed.stdout.replacen(
            "Subject: quarterly numbers",
            "Subject: [list] quarterly numbers",
            1,
        ),
    )
    .unwrap();
    // ok-rsa.eml with a list footer appended, and checked against another key.
    let footer = d.join("footer.eml");
    let raw = std::fs::read_to_string(msg("ok-rsa")).unwrap();
    std::fs::write(
        &footer,
        format!("{raw}-- \r\nlist footer: unsubscribe here\r\n"),
    )
    .unwrap();
    let r = verify(
        &srv,
        &[
            ok.to_str().unwrap(),
            changed.to_str().unwrap(),
            footer.to_str().unwrap(),
        ],
    );
    let s = r.summary();
    let sig = |n: usize| s["messages"][n]["signatures"][0].clone();

    let pass = sig(0);
    assert_eq!(pass["result"], "pass", "{pass}");
    assert!(
        pass["header_counts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|d| d["oversigned"] == true),
        "{pass}"
    );
    assert_eq!(pass["findings"].as_array().unwrap().len(), 0, "{pass}");

    let fail = sig(1);
    assert_eq!(fail["code"], "signature-mismatch", "{fail}");
    let reason = fail["reason"].as_str().unwrap();
    assert!(!reason.contains("signed 2 times"), "{reason}");
    assert!(!reason.contains("removed"), "{reason}");
    assert!(reason.contains("is the signer's"), "{reason}");
    assert!(reason.contains("Subject starts with a [tag]"), "{reason}");

    let appended = sig(2);
    assert_eq!(appended["code"], "body-hash-mismatch", "{appended}");
    let reason = appended["reason"].as_str().unwrap();
    assert!(
        reason.contains("bytes were appended after signing"),
        "{reason}"
    );

    // The selector's record replaced by another key: the signature does not open with it.
    let keys: Value =
        serde_json::from_slice(&std::fs::read(dir().join("keys.json")).unwrap()).unwrap();
    let other = d.join("other.txt");
    std::fs::write(&other, keys["rsa1024"].as_str().unwrap()).unwrap();
    let r = verify(
        &srv,
        &[
            "--key",
            &format!("rsa2048._domainkey.example.test={}", other.display()),
            &msg("header-changed"),
        ],
    );
    let sig = &r.summary()["messages"][0]["signatures"][0];
    assert!(
        sig["reason"]
            .as_str()
            .unwrap()
            .contains("is not the one that signed"),
        "{sig}"
    );
    let _ = std::fs::remove_dir_all(&d);
}

/// A published key record that is not a tag-list (a repeated tag, an element without "=") is
/// ignored: permerror, key syntax error (RFC 6376 §3.2, §6.1.2), as the record's own finding
/// says ("the whole key record is invalid") — not used anyway, as it was.
#[test]
fn key_record_that_is_not_a_tag_list_is_permerror() {
    let keys: Value =
        serde_json::from_slice(&std::fs::read(dir().join("keys.json")).unwrap()).unwrap();
    let good = keys["rsa2048"].as_str().unwrap();
    let rsa = "rsa2048._domainkey.example.test";
    // A record that is not a tag-list (a repeated tag, an element without "=") is ignored:
    // permerror (RFC 6376 §3.2, §6.1.2), as its own finding says, not used anyway.
    for (what, rec) in [
        ("appears more than once", format!("{good}; k=rsa")),
        ("is not name=value", format!("{good}; junk")),
    ] {
        // Served by DNS, as a published record would be.
        let dns = DnsServer::start(Zone::new().txt(rsa, &[&rec]));
        let r = verify(&dns, &[&msg("ok-rsa")]);
        assert_eq!(r.code, 16, "{rec}: {}", r.stdout);
        let sig = &r.summary()["messages"][0]["signatures"][0];
        assert_eq!(sig["result"], "permerror", "{sig}");
        assert_eq!(sig["code"], "key-unparseable", "{sig}");
        assert!(sig["reason"].as_str().unwrap().contains(what), "{sig}");
    }
}

/// A key record whose v= is not DKIM1 "MUST be discarded" (RFC 6376 §3.6.1): permerror, never
/// a pass with the p= it carries. Found with dkimpy's own test data (badversion.txt has
/// `v=DKIM1: g=*; …`, a colon for a semicolon, and dkimpy fails it); mailctl used the key and
/// said pass. A valid DKIM1 record beside the discarded one is still used.
#[test]
fn key_record_with_another_version_is_discarded() {
    let keys: Value =
        serde_json::from_slice(&std::fs::read(dir().join("keys.json")).unwrap()).unwrap();
    let good = keys["rsa2048"].as_str().unwrap();
    let rest = good
        .strip_prefix("v=DKIM1;")
        .expect("keys.json records open with v=DKIM1;");
    let rsa = "rsa2048._domainkey.example.test";
    for bad in [
        format!("v=DKIM1: g=*;{rest}"),
        format!("v=DKIM2;{rest}"),
        format!("k=rsa; v=dkim1;{}", rest.replacen(" k=rsa;", "", 1)),
    ] {
        let dns = DnsServer::start(Zone::new().txt(rsa, &[&bad]));
        let r = verify(&dns, &[&msg("ok-rsa")]);
        assert_eq!(r.code, 16, "{bad}: {}", r.stdout);
        let sig = &r.summary()["messages"][0]["signatures"][0];
        assert_eq!(sig["result"], "permerror", "{bad}: {sig}");
        assert_eq!(sig["code"], "key-unparseable", "{sig}");
        assert!(
            sig["reason"].as_str().unwrap().contains("must be DKIM1"),
            "{sig}"
        );
        // The same via --key: a file holds what DNS would.
        let file = temp_dir("badversion").join("key.txt");
        std::fs::write(&file, &bad).unwrap();
        let r = verify(
            &dns,
            &[
                "--key",
                &format!("{rsa}={}", file.display()),
                &msg("ok-rsa"),
            ],
        );
        assert_eq!(r.code, 16, "--key {bad}: {}", r.stdout);
        // Beside a valid DKIM1 record, the discarded one does not hide it.
        let dns = DnsServer::start(Zone::new().txt(rsa, &[&bad]).txt(rsa, &[good]));
        let r = verify(&dns, &[&msg("ok-rsa")]);
        assert_eq!(r.code, 0, "{bad} + a DKIM1 record: {}", r.stdout);
    }
}
