//! `mailctl jmap …` against a real JMAP server (Cyrus IMAP 3.6's httpd from tests/rig/cyrus.sh,
//! its RIG_JMAP_* lines in rig.env), and scripted HTTP peers for what Cyrus will not do
//! (malformed JSON, redirect loops, huge bodies, stalls, method errors, problem details, push).
//!
//! For a run against a Cyrus started by hand (`bash tests/rig/cyrus.sh start DIR`), point
//! MAILCTL_JMAP_ENV at its DIR/cyrus/cyrus.env: the other rig keys (a Maildir, the CA) are then
//! read from /tmp/mailctl-rig/rig.env as it is, and the shared rig is never started or
//! restarted from here. Otherwise every key comes from `rig()` and a missing one fails the test
//! loudly.

use crate::util::{Run, mailctl, rig, run, token, wait_for_message};
use serde_json::Value;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;
use std::time::Instant;

/// The Cyrus JMAP keys: MAILCTL_JMAP_ENV's file when set, else rig.env.
fn jenv() -> &'static HashMap<String, String> {
    static ENV: OnceLock<HashMap<String, String>> = OnceLock::new();
    ENV.get_or_init(|| match std::env::var("MAILCTL_JMAP_ENV") {
        Ok(path) => std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("MAILCTL_JMAP_ENV {path}: {e}"))
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect(),
        Err(_) => rig().env.clone(),
    })
}

/// A key of the rig itself (not Cyrus's): from `rig()`, or in a MAILCTL_JMAP_ENV run from the
/// running rig's rig.env read as it is (no `rig.sh ensure` from a worktree whose rig.sh may
/// differ from the running rig's).
fn rig_key(key: &str) -> String {
    static FILE: OnceLock<HashMap<String, String>> = OnceLock::new();
    if std::env::var_os("MAILCTL_JMAP_ENV").is_none() {
        return rig().get(key).to_string();
    }
    FILE.get_or_init(|| {
        std::fs::read_to_string("/tmp/mailctl-rig/rig.env")
            .expect("/tmp/mailctl-rig/rig.env")
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect()
    })
    .get(key)
    .cloned()
    .unwrap_or_else(|| panic!("rig.env has no {key}"))
}

fn j(key: &str) -> &'static str {
    jenv().get(key).map(String::as_str).unwrap_or_else(|| {
        panic!(
            "no {key}: the rig has no Cyrus JMAP server (tests/rig/cyrus.sh, hooked into rig.sh); \
             set MAILCTL_JMAP_ENV=DIR/cyrus/cyrus.env for one started by hand"
        )
    })
}

/// `mailctl jmap SUB` as alice on Cyrus over plain HTTP, with --json.
fn jmap(sub: &str) -> Command {
    let mut c = mailctl();
    c.args([
        "--json",
        "jmap",
        sub,
        "-s",
        j("RIG_JMAP_URL"),
        "-u",
        j("RIG_JMAP_USER"),
    ])
    .args(["--password-env", "JMAP_PW"])
    .env("JMAP_PW", j("RIG_JMAP_PASSWORD"));
    c
}

#[track_caller]
fn ok(r: &Run) -> Value {
    assert!(!r.stderr.contains("panicked"), "{r:?}");
    let s = r.summary();
    assert_eq!(r.code, 0, "{s}\n{}", r.stdout);
    s
}

/// Deliver a message into a Cyrus mailbox through its LMTP listener (mailctl's own LMTP
/// client), then update the user's search index (Cyrus answers Email/query from it).
fn deliver_to_cyrus(user: &str, subject: &str, body: &str) {
    let r = run(mailctl().args([
        "-q",
        "smtp",
        "send",
        "--lmtp",
        "-s",
        &format!("127.0.0.1:{}", j("RIG_JMAP_LMTP_PORT")),
        "--from",
        "bob@rig.test",
        "--to",
        user,
        "--subject",
        subject,
        "--body",
        body,
    ]));
    assert_eq!(r.code, 0, "LMTP delivery into Cyrus: {r:?}");
    index(user);
}

/// Update `user`'s search index (squatter).
fn index(user: &str) {
    let out = Command::new("bash")
        .args([j("RIG_CYRUS_SH"), "index", j("RIG_CYRUS_DIR"), user])
        .env("CYRUS_CACHE", j("RIG_CYRUS_CACHE"))
        .output()
        .expect("run cyrus.sh index");
    assert!(out.status.success(), "squatter: {out:?}");
}

fn search_ids(r: &Run) -> Vec<String> {
    ok(r)["messages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn capability_summarises_the_cyrus_session() {
    let r = run(&mut jmap("capability"));
    let s = ok(&r);
    assert_eq!(s["username"], j("RIG_JMAP_USER"), "{s}");
    assert!(s["api_url"].as_str().unwrap().ends_with("/jmap/"), "{s}");
    let caps: Vec<&str> = s["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert!(caps.contains(&"urn:ietf:params:jmap:mail"), "{caps:?}");
    let core = s["capabilities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "urn:ietf:params:jmap:core")
        .unwrap();
    assert!(core["properties"]["maxCallsInRequest"].is_u64(), "{core}");
    assert_eq!(s["accounts"][0]["id"], j("RIG_JMAP_USER"));
    // Discovery followed Cyrus's 301 from /.well-known/jmap, on one kept-alive connection,
    // with the credential never shown.
    let d = r.dialogue();
    assert!(
        d.contains(&"C: GET /.well-known/jmap HTTP/1.1".to_string()),
        "{d:#?}"
    );
    assert!(d.iter().any(|l| l.starts_with("S: HTTP/1.1 301")), "{d:#?}");
    assert!(
        d.contains(&"C: Authorization: Basic ***".to_string()),
        "{d:#?}"
    );
    assert!(!r.stdout.contains(j("RIG_JMAP_PASSWORD")));
    let connects = r.json().iter().filter(|e| e["type"] == "connected").count();
    assert_eq!(connects, 1, "{}", r.stdout);
}

#[test]
fn a_wrong_password_is_exit_23_in_auth() {
    let mut c = jmap("capability");
    c.env("JMAP_PW", "not-the-password");
    let r = run(&mut c);
    let s = r.failed_at(23, "auth");
    assert!(s["error"]["reply"].as_str().unwrap().contains("401"), "{s}");
}

#[test]
fn list_search_fetch_and_download_what_lmtp_delivered() {
    let subject = token("jmap-find");
    let word = token("kiwi").replace('-', "x");
    deliver_to_cyrus(
        j("RIG_JMAP_USER"),
        &subject,
        &format!("body with {word} inside"),
    );

    let s = ok(&run(&mut jmap("list")));
    let inbox = s["mailboxes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["role"] == "inbox")
        .cloned()
        .expect("an inbox");
    assert!(inbox["total_emails"].as_u64().unwrap() >= 1, "{inbox}");

    let by_subject = search_ids(&run(jmap("search").args([
        "--subject",
        &subject,
        "--in-mailbox",
        "inbox",
    ])));
    assert_eq!(by_subject.len(), 1, "one message has this subject");
    let by_text = search_ids(&run(jmap("search").args(["--text", &word])));
    assert_eq!(
        by_text, by_subject,
        "full-text search finds the same message"
    );
    let none = search_ids(&run(jmap("search").args(["--subject", &token("absent")])));
    assert!(none.is_empty());
    let after = search_ids(&run(jmap("search").args([
        "--subject",
        &subject,
        "--after",
        "2000-01-01",
    ])));
    assert_eq!(after, by_subject);
    let before = search_ids(&run(jmap("search").args([
        "--subject",
        &subject,
        "--before",
        "2000-01-01T00:00:00Z",
    ])));
    assert!(before.is_empty(), "{before:?}");

    let id = &by_subject[0];
    let s = ok(&run(jmap("fetch").arg(id)));
    assert_eq!(s["messages"][0]["subject"], subject.as_str(), "{s}");
    assert_eq!(s["messages"][0]["from"], "bob@rig.test", "{s}");

    let dir = std::env::temp_dir().join(format!("mailctl-{}", token("jmap-dl")));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("m.eml");
    let r = run(jmap("fetch").args([id, "--raw", "-o"]).arg(&out));
    let s = ok(&r);
    let bytes = std::fs::read(&out).unwrap();
    assert_eq!(s["size"], bytes.len() as u64, "{s}");
    assert!(String::from_utf8_lossy(&bytes).contains(&word));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600, "downloads are private files");
    }
    // The file exists now: a second download refuses to replace it (exit 2, nothing fetched).
    let r = run(jmap("fetch").args([id, "--raw", "-o"]).arg(&out));
    assert_eq!(r.code, 2, "{r:?}");

    // An id that is no email of this account.
    let r = run(jmap("fetch").arg("Mnonexistent0000"));
    r.failed_at(29, "command");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn send_submits_through_cyrus_and_the_message_arrives() {
    let subject = token("jmap-send");
    let r = run(jmap("send").args([
        "--from",
        "alice@rig.test",
        "--to",
        "bob@rig.test",
        "--subject",
        &subject,
        "--body",
        "sent over JMAP",
    ]));
    let s = ok(&r);
    assert!(
        s["submission_id"].as_str().is_some_and(|i| !i.is_empty()),
        "{s}"
    );
    assert_eq!(s["recipients"][0]["address"], "bob@rig.test", "{s}");
    // Cyrus handed it to the rig's Postfix, which delivered it to bob's Maildir (Dovecot).
    let bob = std::path::Path::new(&rig_key("RIG_MAILDIR_ROOT")).join("rig.test/bob");
    wait_for_message(&bob, &subject);
    // alice keeps her copy, no longer a draft (onSuccessUpdateEmail; the rig's Cyrus users have
    // no Drafts or Sent mailbox, so it was imported into the Inbox and stays there).
    index(j("RIG_JMAP_USER"));
    let found = search_ids(&run(jmap("search").args(["--subject", &subject])));
    assert_eq!(found.len(), 1, "{found:?}");
    let s = ok(&run(jmap("fetch").arg(&found[0])));
    let kw = s["messages"][0]["keywords"].as_array().unwrap();
    assert!(!kw.iter().any(|k| k == "$draft"), "{s}");
    assert!(kw.iter().any(|k| k == "$seen"), "{s}");
}

#[test]
fn a_refused_recipient_is_exit_25_in_rcpt() {
    // The rig's Postfix refuses unknown@rig.test at RCPT (550); Cyrus submits synchronously and
    // fails the whole submission with invalidRecipients (RFC 8621 §7.5).
    let r = run(jmap("send").args([
        "--from",
        "alice@rig.test",
        "--to",
        "bob@rig.test",
        "--to",
        "unknown@rig.test",
        "--subject",
        &token("jmap-refused"),
        "--body",
        "x",
    ]));
    let s = r.failed_at(25, "rcpt");
    assert!(
        s["error"]["reply"]
            .as_str()
            .unwrap()
            .contains("invalidRecipients"),
        "{s}"
    );
}

#[test]
fn watch_says_when_the_servers_push_is_off() {
    // Debian's Cyrus 3.6 is built without WebSocket support, so its event source answers
    // 204 No Content; push itself is tested against a scripted peer below.
    let r = run(jmap("watch").args(["--for", "2s"]));
    let s = r.failed_at(18, "capability");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("204"),
        "{s}"
    );
}

#[test]
fn https_with_the_rig_ca_and_connect_to() {
    let port = j("RIG_JMAPS_PORT");
    let mut c = mailctl();
    c.args([
        "--json",
        "jmap",
        "capability",
        "-s",
        "https://mail.rig.test/",
    ])
    .args([
        "--connect-to",
        &format!("mail.rig.test:443:127.0.0.1:{port}"),
    ])
    .args(["--ca-file", &rig_key("RIG_CA"), "-u", j("RIG_JMAP_USER")])
    .args(["--password-env", "JMAP_PW"])
    .env("JMAP_PW", j("RIG_JMAP_PASSWORD"));
    let r = run(&mut c);
    let s = ok(&r);
    assert_eq!(s["username"], j("RIG_JMAP_USER"), "{s}");
    let tls = r
        .json()
        .into_iter()
        .find(|e| e["type"] == "tls")
        .expect("a TLS event");
    assert_eq!(tls["verified"], true, "{tls}");
    assert_eq!(tls["sni"], "mail.rig.test", "{tls}");
    // Without the rig CA the certificate is refused: exit 5.
    let mut c = mailctl();
    c.args([
        "--json",
        "jmap",
        "capability",
        "-s",
        "https://mail.rig.test/",
    ])
    .args([
        "--connect-to",
        &format!("mail.rig.test:443:127.0.0.1:{port}"),
    ]);
    run(&mut c).failed_at(5, "tls");
}

// ------------------------------------------------------------------ scripted HTTP peers

/// One request as the peer read it.
#[derive(Debug, Clone)]
pub struct Seen {
    head: String,
    body: Vec<u8>,
}

/// A scripted HTTP/1.1 peer: answers each request (on whatever connection) with the next reply
/// of `replies` (`None`: stall without answering until the client goes away). Bounded: every
/// read waits at most 10 s.
fn http_peer(replies: Vec<Option<Vec<u8>>>) -> (String, std::thread::JoinHandle<Vec<Seen>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    (addr, serve(l, replies))
}

fn serve(l: TcpListener, replies: Vec<Option<Vec<u8>>>) -> std::thread::JoinHandle<Vec<Seen>> {
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut replies = replies.into_iter();
        // A client that has gone for good ends the peer: no test waits on an accept forever.
        l.set_nonblocking(true).unwrap();
        'conns: loop {
            let deadline = Instant::now() + Duration::from_secs(3);
            let mut s = loop {
                match l.accept() {
                    Ok((s, _)) => break s,
                    Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => {
                        if Instant::now() > deadline {
                            break 'conns;
                        }
                        std::thread::sleep(Duration::from_millis(10));
                    }
                    Err(_) => break 'conns,
                }
            };
            s.set_nonblocking(false).unwrap();
            s.set_read_timeout(Some(Duration::from_secs(10))).ok();
            loop {
                let Some(req) = read_request(&mut s) else {
                    continue 'conns;
                };
                seen.push(req);
                match replies.next() {
                    Some(Some(r)) => {
                        if s.write_all(&r).is_err() {
                            continue 'conns;
                        }
                    }
                    Some(None) => {
                        let mut b = [0u8; 1024];
                        while matches!(s.read(&mut b), Ok(n) if n > 0) {}
                        break 'conns;
                    }
                    None => break 'conns,
                }
            }
        }
        seen
    })
}

fn read_request(s: &mut TcpStream) -> Option<Seen> {
    let mut buf = Vec::new();
    let mut b = [0u8; 4096];
    loop {
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..i]).to_string();
            let len = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                })
                .unwrap_or(0);
            while buf.len() < i + 4 + len {
                let n = s.read(&mut b).ok()?;
                if n == 0 {
                    return None;
                }
                buf.extend_from_slice(&b[..n]);
            }
            return Some(Seen {
                head,
                body: buf[i + 4..i + 4 + len].to_vec(),
            });
        }
        let n = s.read(&mut b).ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&b[..n]);
    }
}

pub fn resp(status: &str, ctype: &str, body: &str) -> Option<Vec<u8>> {
    Some(
        format!(
            "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\r\n{body}",
            body.len()
        )
        .into_bytes(),
    )
}

fn session_json(addr: &str) -> String {
    format!(
        r#"{{"username":"u","apiUrl":"http://{addr}/api/","downloadUrl":"http://{addr}/d/{{accountId}}/{{blobId}}/{{name}}?accept={{type}}","uploadUrl":"http://{addr}/u/{{accountId}}/","eventSourceUrl":"http://{addr}/es?types={{types}}&closeafter={{closeafter}}&ping={{ping}}","state":"1","capabilities":{{"urn:ietf:params:jmap:core":{{"maxCallsInRequest":9007199254740991,"maxObjectsInGet":9007199254740991}},"urn:ietf:params:jmap:mail":{{}}}},"accounts":{{"A1":{{"name":"u","isPersonal":true,"isReadOnly":false,"accountCapabilities":{{}}}}}},"primaryAccounts":{{"urn:ietf:params:jmap:mail":"A1"}}}}"#
    )
}

fn fake_jmap(addr: &str, sub: &str) -> Command {
    let mut c = mailctl();
    c.args([
        "--json",
        "jmap",
        sub,
        "-s",
        &format!("http://{addr}/"),
        "--timeout",
        "2s",
    ]);
    c
}

/// A peer for `runs` runs of one command: each run gets the session resource (naming the
/// peer's own address), then `per_run`'s answers (golden cases run each command twice).
pub fn peer_for_runs(
    runs: usize,
    per_run: impl Fn() -> Vec<Option<Vec<u8>>>,
) -> (String, std::thread::JoinHandle<Vec<Seen>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let mut replies = Vec::new();
    for _ in 0..runs {
        replies.push(resp("200 OK", "application/json", &session_json(&addr)));
        replies.extend(per_run());
    }
    (addr, serve(l, replies))
}

/// A peer whose first answer is a session resource naming its own address, then `more`.
fn peer_with_session(
    more: impl FnOnce(&str) -> Vec<Option<Vec<u8>>>,
) -> (String, std::thread::JoinHandle<Vec<Seen>>) {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = l.local_addr().unwrap().to_string();
    let mut replies = vec![resp("200 OK", "application/json", &session_json(&addr))];
    replies.extend(more(&addr));
    (addr, serve(l, replies))
}

#[test]
fn a_session_that_is_not_json_is_exit_7() {
    let (addr, h) = http_peer(vec![resp(
        "200 OK",
        "application/json",
        "<html>oops</html>",
    )]);
    let r = run(&mut fake_jmap(&addr, "capability"));
    let s = r.failed_at(7, "capa");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("not JSON"),
        "{s}"
    );
    drop(h);
}

#[test]
fn a_redirect_loop_ends_with_exit_7() {
    let redirect = |to: &str| {
        Some(
            format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n")
                .into_bytes(),
        )
    };
    let (addr, h) = http_peer(vec![redirect("/a"), redirect("/b"), redirect("/a")]);
    let r = run(&mut fake_jmap(&addr, "capability"));
    let s = r.failed_at(7, "capa");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("redirect loop"),
        "{s}"
    );
    let seen = h.join().unwrap();
    assert_eq!(
        seen.len(),
        3,
        "three requests, then the loop is seen: {seen:?}"
    );
}

#[test]
fn a_huge_body_is_not_read() {
    let (addr, _h) = http_peer(vec![Some(
        b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 900000000\r\n\r\n{"
            .to_vec(),
    )]);
    let r = run(&mut fake_jmap(&addr, "capability"));
    let s = r.failed_at(7, "capa");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("900000000"),
        "{s}"
    );
}

#[test]
fn a_stalled_server_is_exit_6() {
    let (addr, _h) = http_peer(vec![None]);
    let started = std::time::Instant::now();
    let r = run(&mut fake_jmap(&addr, "capability"));
    r.failed_at(6, "capa");
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[test]
fn a_method_error_names_the_method_and_is_exit_29() {
    let (addr, h) = peer_with_session(|_| {
        vec![resp(
            "200 OK",
            "application/json",
            r#"{"methodResponses":[["error",{"type":"unknownMethod","description":"no such method"},"m0"]],"sessionState":"1"}"#,
        )]
    });
    let r = run(&mut fake_jmap(&addr, "list"));
    let s = r.failed_at(29, "command");
    assert!(
        s["error"]["message"]
            .as_str()
            .unwrap()
            .contains("Mailbox/get"),
        "{s}"
    );
    assert!(
        s["error"]["reply"]
            .as_str()
            .unwrap()
            .contains("unknownMethod"),
        "{s}"
    );
    let seen = h.join().unwrap();
    // The request named what it uses and the account from primaryAccounts.
    let req: Value = serde_json::from_slice(&seen[1].body).unwrap();
    assert_eq!(req["methodCalls"][0][1]["accountId"], "A1", "{req}");
}

#[test]
fn a_request_level_problem_is_shown() {
    let (addr, _h) = peer_with_session(|_| {
        vec![resp(
            "400 Bad Request",
            "application/problem+json",
            r#"{"type":"urn:ietf:params:jmap:error:notRequest","status":400,"detail":"the request is not a Request object"}"#,
        )]
    });
    let r = run(&mut fake_jmap(&addr, "list"));
    let s = r.failed_at(29, "command");
    let reply = s["error"]["reply"].as_str().unwrap();
    assert!(
        reply.contains("notRequest") && reply.contains("not a Request object"),
        "{s}"
    );
}

#[test]
fn announced_limits_are_capped() {
    // The session announces maxObjectsInGet 2^53-1: 600 ids go out in batches of at most 500.
    let ids: Vec<String> = (0..600).map(|i| format!("M{i}")).collect();
    let (addr, h) = peer_with_session(|_| {
        let empty = r#"{"methodResponses":[["Email/get",{"accountId":"A1","list":[],"notFound":[]},"g0"]]}"#;
        vec![
            resp("200 OK", "application/json", empty),
            resp("200 OK", "application/json", empty),
        ]
    });
    let r = run(fake_jmap(&addr, "fetch").args(&ids));
    r.failed_at(29, "command");
    let seen = h.join().unwrap();
    let sizes: Vec<usize> = seen[1..]
        .iter()
        .map(|s| {
            let v: Value = serde_json::from_slice(&s.body).unwrap();
            v["methodCalls"][0][1]["ids"].as_array().unwrap().len()
        })
        .collect();
    assert_eq!(sizes, [500, 100]);
}

#[test]
fn watch_reads_pushed_state_changes() {
    let (addr, h) = peer_with_session(|_| {
        let stream = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n\
                      : hello\r\n\r\n\
                      event: ping\r\ndata: {\"interval\":1}\r\n\r\n\
                      event: state\r\nid: 7\r\ndata: {\"@type\":\"StateChange\",\"changed\":{\"A1\":{\"Email\":\"7\"}}}\r\n\r\n\
                      event: state\r\ndata: {\"@type\":\"StateChange\",\r\ndata: \"changed\":{\"A1\":{\"Mailbox\":\"8\"}}}\r\n\r\n";
        vec![Some(stream.as_bytes().to_vec()), None]
    });
    let r = run(fake_jmap(&addr, "watch").args(["--count", "2"]));
    let s = ok(&r);
    assert_eq!(s["events_total"], 2, "{s}");
    assert_eq!(s["events"][0]["changed"]["A1"]["Email"], "7", "{s}");
    assert_eq!(s["events"][1]["changed"]["A1"]["Mailbox"], "8", "{s}");
    let d = r.dialogue();
    assert!(d.iter().any(|l| l.starts_with("S: event: state")), "{d:#?}");
    let seen = h.join().unwrap();
    assert!(
        seen[1]
            .head
            .starts_with("GET /es?types=%2A&closeafter=no&ping=0 "),
        "{seen:?}"
    );
}

#[test]
fn watch_ends_on_ctrl_c_with_what_it_saw() {
    let (addr, _h) = peer_with_session(|_| {
        let stream = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n\
                      event: state\r\ndata: {\"changed\":{\"A1\":{\"Email\":\"9\"}}}\r\n\r\n";
        vec![Some(stream.as_bytes().to_vec()), None]
    });
    let running = crate::util::Running::start(&mut fake_jmap(&addr, "watch"));
    std::thread::sleep(Duration::from_millis(1500));
    running.signal("INT");
    let r = running.finish(Duration::from_secs(10));
    let s = ok(&r);
    assert_eq!(s["events_total"], 1, "{s}");
}

#[test]
fn watch_for_ends_cleanly_when_nothing_comes() {
    let (addr, _h) = peer_with_session(|_| {
        vec![Some(
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n".to_vec(),
        )]
    });
    let r = run(fake_jmap(&addr, "watch").args(["--for", "1s"]));
    let s = ok(&r);
    assert_eq!(s["events_total"], 0, "{s}");
}

#[test]
fn a_bearer_token_is_sent_and_never_shown() {
    let token = "tok-3f9a1c77e2b04d5e";
    let (addr, h) = http_peer(vec![resp(
        "401 Unauthorized",
        "application/json",
        r#"{"type":"about:blank","title":"token expired"}"#,
    )]);
    let mut c = fake_jmap(&addr, "capability");
    c.args(["--auth", "bearer", "-u", "alice", "--password-env", "TOK"])
        .env("TOK", token);
    let r = run(&mut c);
    let s = r.failed_at(23, "auth");
    assert!(
        r.dialogue()
            .contains(&"C: Authorization: Bearer ***".to_string())
    );
    assert!(
        !r.stdout.contains(token) && !r.stderr.contains(token),
        "{r:?}"
    );
    assert!(s["error"]["reply"].as_str().unwrap().contains("401"), "{s}");
    let seen = h.join().unwrap();
    assert!(
        seen[0]
            .head
            .contains(&format!("Authorization: Bearer {token}")),
        "{seen:?}"
    );
}

#[test]
fn credentials_in_the_url_are_refused() {
    let r = run(mailctl().args([
        "--json",
        "jmap",
        "capability",
        "-s",
        "https://alice:pw@x.example/",
    ]));
    assert_eq!(r.code, 2, "{r:?}");
    assert!(
        !r.stdout.contains("pw@") && !r.stderr.contains(":pw"),
        "{r:?}"
    );
}

fn basic_auth(c: &mut Command) -> &mut Command {
    c.args(["-u", "alice", "--password-env", "JPW"])
        .env("JPW", "s3cret-pw-4411")
}

#[test]
fn jmap_credentials_stay_on_their_origin_across_a_redirect() {
    // The second peer (another port: another origin) must never see the credentials.
    let (other, h_other) = http_peer(vec![resp(
        "401 Unauthorized",
        "application/json",
        r#"{"type":"about:blank","title":"who are you"}"#,
    )]);
    let to = format!("http://{other}/.well-known/jmap");
    let (addr, h) = http_peer(vec![Some(
        format!("HTTP/1.1 302 Found\r\nLocation: {to}\r\nContent-Length: 0\r\n\r\n").into_bytes(),
    )]);
    let r = run(basic_auth(&mut fake_jmap(&addr, "capability")));
    let s = r.failed_at(23, "auth");
    let m = s["error"]["message"].as_str().unwrap();
    assert!(m.contains(&format!("give -s {to}")), "{s}");
    let w = r.warnings().join("\n");
    assert!(
        w.contains(&format!("redirected to another origin (http://{other})"))
            && w.contains("credentials are not sent there"),
        "{w}"
    );
    let first = h.join().unwrap();
    assert!(first[0].head.contains("Authorization: Basic "), "{first:?}");
    let second = h_other.join().unwrap();
    assert_eq!(second.len(), 1, "{second:?}");
    assert!(
        !second[0]
            .head
            .to_ascii_lowercase()
            .contains("authorization"),
        "credentials went to another origin: {second:?}"
    );
}

#[test]
fn jmap_a_redirect_to_a_non_http_location_is_a_protocol_failure() {
    let (addr, _h) = http_peer(vec![Some(
        b"HTTP/1.1 302 Found\r\nLocation: ftp://x.example/\"s\r\nContent-Length: 0\r\n\r\n"
            .to_vec(),
    )]);
    let r = run(&mut fake_jmap(&addr, "capability"));
    let s = r.failed_at(7, "capa");
    let m = s["error"]["message"].as_str().unwrap();
    assert!(m.contains("Location \"ftp://x.example/"), "{s}");
}

#[test]
fn jmap_an_endless_push_event_is_bounded() {
    let (addr, _h) = peer_with_session(|_| {
        let mut stream =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\nevent: state\r\n".to_vec();
        let line = format!("data: {}\r\n", "x".repeat(1000));
        for _ in 0..1200 {
            stream.extend_from_slice(line.as_bytes());
        }
        vec![Some(stream), None]
    });
    let started = Instant::now();
    let r = run(fake_jmap(&addr, "watch").args(["--for", "20s"]));
    let s = r.failed_at(7, "command");
    assert!(
        s["error"]["message"].as_str().unwrap().contains("1048576"),
        "{s}"
    );
    assert!(started.elapsed() < Duration::from_secs(15), "not bounded");
}

#[test]
fn jmap_email_rows_not_asked_for_are_dropped() {
    let row = |id: &str, blob: &str| {
        format!(
            r#"{{"id":"{id}","blobId":"{blob}","receivedAt":"","subject":"s-{id}","size":1,"keywords":{{}}}}"#
        )
    };
    let (addr, h) = peer_with_session(|_| {
        vec![resp(
            "200 OK",
            "application/json",
            &format!(
                r#"{{"methodResponses":[["Email/get",{{"accountId":"A1","list":[{},{}],"notFound":[]}},"g0"]]}}"#,
                row("M9", "B9"),
                row("M1", "B1")
            ),
        )]
    });
    let r = run(fake_jmap(&addr, "fetch").arg("M1"));
    let s = ok(&r);
    let msgs = s["messages"].as_array().unwrap();
    assert_eq!(msgs.len(), 1, "{s}");
    assert_eq!(msgs[0]["id"], "M1", "{s}");
    let w = r.warnings().join("\n");
    assert!(w.contains("1 row(s) for ids not asked for"), "{w}");
    drop(h);

    // --raw with the asked id missing: another row's blob is never downloaded under its name.
    let (addr, h) = peer_with_session(|_| {
        vec![resp(
            "200 OK",
            "application/json",
            &format!(
                r#"{{"methodResponses":[["Email/get",{{"accountId":"A1","list":[{}],"notFound":[]}},"g0"]]}}"#,
                row("M9", "B9")
            ),
        )]
    });
    let dir = std::env::temp_dir().join(format!("mailctl-{}", token("jmap-unasked")));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("m.eml");
    let r = run(fake_jmap(&addr, "fetch")
        .args(["M1", "--raw", "-o"])
        .arg(&out));
    r.failed_at(29, "command");
    assert!(
        std::fs::read(&out).map(|b| b.is_empty()).unwrap_or(true),
        "nothing written under the asked id's name"
    );
    let seen = h.join().unwrap();
    assert_eq!(seen.len(), 2, "no download was asked: {seen:?}");
}
