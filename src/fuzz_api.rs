//! Fuzzing entry points: one function per target in `fuzz/fuzz_targets/`, each taking arbitrary
//! bytes from a hostile peer (a server's replies, a DNS TXT record, a message file). The fuzz
//! targets call them, and so does `tests/it/fuzz_regressions.rs`, which replays the seed corpora
//! and every crash input found through the same code in a plain `cargo test`.
//!
//! Each function must return for any input, without panicking and with memory bounded by the
//! input. Beyond "no crash", they check promises the code makes, so a broken promise is a crash
//! the fuzzer reports:
//! - nothing from the peer reaches a transcript line, warning, failure or finding with a raw
//!   control character (the renderers print them as they are, see `render/human.rs`), so a
//!   server cannot rewrite the user's terminal (`event::escape_bytes`);
//! - results that two code paths compute agree (POP3 unstuffing over any chunking, the byte
//!   count of a streamed body or literal, canonicalization applied twice);
//! - positions reported in an SPF syntax error point inside the record.
//!
//! Stream parsers run over an in-memory stream that hands out the input in chunks of a size the
//! input chooses, on a current-thread runtime: the first byte of a stream target's input is a
//! control byte (chunk size and options, see [`Ctl`]), the rest is what the server sends.

#![doc(hidden)]

use crate::dkim::{arc, canon, hash, input, keys, signature, verify};
use crate::dns::finding::Finding;
use crate::dns::{Negative, dkimkey, dmarc, policy, spf};
use crate::error::Failure;
use crate::event::{Ctx, Event, EventKind, Sink};
use crate::proto::imap::{self, frame, mutf7, parse as imap_parse};
use crate::proto::pop3::{self, Pop3};
use crate::proto::sasl::{Credentials, Mechanism};
use crate::proto::smtp::client::{Caps, SmtpClient};
use crate::proto::smtp::reply::{self, Reply};
use crate::secret::Secret;
use crate::transport::wire::{Outgoing, Wire};
use std::collections::HashMap;
use std::net::IpAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};
use std::time::Duration;
use tokio::io::{AsyncRead, Join, ReadBuf, Sink as IoSink};

/// A fuzz target's body: any bytes in, nothing out; a panic is a finding.
pub type Target = fn(&[u8]);

/// Every target by name, for the regression test (the names of the files in fuzz/fuzz_targets/
/// and of the directories in fuzz/corpus/ and fuzz/regressions/).
pub const TARGETS: &[(&str, Target)] = &[
    ("smtp_reply", smtp_reply),
    ("pop3", pop3),
    ("imap", imap),
    ("spf_record", spf_record),
    ("dmarc_record", dmarc_record),
    ("dkim_key", dkim_key),
    ("dkim_verify", dkim_verify),
    ("mbox", mbox),
    ("proxy", proxy),
    ("mime", mime),
    ("pgp", pgp),
];

// ---------------------------------------------------------------------------------------------
// Invariants shared by the targets.

/// Text a renderer prints as it is must not carry a control character from the peer (tab is
/// the one `escape_bytes` keeps).
fn printable(what: &str, s: &str) {
    assert!(
        !s.chars().any(|c| c.is_control() && c != '\t'),
        "{what} carries a raw control character: {s:?}"
    );
}

fn check_failure(f: &Failure) {
    printable("failure message", &f.message);
    if let Some(r) = &f.reply {
        printable("failure reply", r);
    }
}

fn check_findings(findings: &[Finding]) {
    for f in findings {
        printable("finding", &f.message);
    }
}

/// A sink that checks each event as it is emitted and keeps nothing.
struct CheckSink;

impl Sink for CheckSink {
    fn emit(&self, event: Event) {
        match &event.kind {
            EventKind::Recv { line, note, .. } | EventKind::Sent { line, note, .. } => {
                printable("transcript line", line);
                if let Some(n) = note {
                    printable("transcript note", n);
                }
            }
            EventKind::Info { msg } | EventKind::Warning { msg } => printable("info/warning", msg),
            EventKind::Discarded { preview, .. } => printable("discarded preview", preview),
            _ => {}
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The in-memory stream.

/// The control byte at the start of a stream target's input.
#[derive(Clone, Copy)]
struct Ctl(u8);

impl Ctl {
    /// Bytes per read: a server's data arrives in pieces of any size (bits 0-2).
    fn chunk(self) -> usize {
        [1, 2, 3, 7, 64, 1000, 16 * 1024, usize::MAX][usize::from(self.0 & 7)]
    }
    /// --show-data: bodies and literals shown line by line instead of summarised (bit 3).
    fn show_data(self) -> bool {
        self.0 & 8 != 0
    }
    /// A short line limit, so the "line too long" path is reachable with small inputs (bit 7).
    fn short_lines(self) -> bool {
        self.0 & 0x80 != 0
    }
    /// Bits 4-6, for the target's own choices.
    fn choice(self) -> u8 {
        (self.0 >> 4) & 7
    }
}

/// Reads `data` in chunks of `chunk` bytes, then EOF; never pending.
struct Chunked<'a> {
    data: &'a [u8],
    chunk: usize,
}

impl AsyncRead for Chunked<'_> {
    fn poll_read(
        self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let me = self.get_mut();
        let n = me.chunk.min(me.data.len()).min(buf.remaining());
        buf.put_slice(&me.data[..n]);
        me.data = &me.data[n..];
        Poll::Ready(Ok(()))
    }
}

type Stream<'a> = Join<Chunked<'a>, IoSink>;

/// A wire whose peer sends `server` (what we send goes nowhere).
fn wire(server: &[u8], ctl: Ctl) -> Wire<Stream<'_>> {
    let mut ctx = Ctx::new(Arc::new(CheckSink));
    ctx.show_data = ctl.show_data();
    let io = tokio::io::join(
        Chunked {
            data: server,
            chunk: ctl.chunk(),
        },
        tokio::io::sink(),
    );
    let mut w = Wire::new(io, Arc::new(ctx), Duration::from_secs(10), false);
    if ctl.short_lines() {
        w.set_max_line(200);
    }
    w
}

fn block_on<F: std::future::Future>(f: F) -> F::Output {
    thread_local! {
        static RT: tokio::runtime::Runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .expect("a current-thread runtime");
    }
    RT.with(|rt| rt.block_on(f))
}

fn creds() -> Credentials {
    Credentials {
        user: "fuzz".into(),
        secret: Secret::new("fuzz-secret"),
        peer: Some(("fuzz.test".into(), 25)),
    }
}

fn mechanism(n: u8) -> Mechanism {
    [
        Mechanism::Plain,
        Mechanism::Login,
        Mechanism::CramMd5,
        Mechanism::XOauth2,
        Mechanism::ScramSha1,
        Mechanism::ScramSha256,
        Mechanism::OAuthBearer,
        Mechanism::External,
    ][usize::from(n & 7)]
}

/// Lines as a line reader sees them (LF ends a line, a CR before it is dropped).
fn lines(data: &[u8]) -> impl Iterator<Item = &[u8]> {
    data.split(|&b| b == b'\n')
        .map(|l| l.strip_suffix(b"\r").unwrap_or(l))
}

// ---------------------------------------------------------------------------------------------
// SMTP.

fn check_reply(r: &Reply) {
    assert!((200..600).contains(&r.code), "reply code {}", r.code);
    assert!(!r.lines.is_empty());
    for l in &r.lines {
        printable("reply line", l);
    }
    printable("reply", &r.display());
    if let Some(e) = r.enhanced() {
        assert!(r.lines[0].trim_start().starts_with(e));
    }
    let caps = Caps::from_reply(r);
    printable("capabilities", &caps.summary());
    let _ = (caps.auth_mechs(), caps.size(), caps.has("STARTTLS"));
}

/// SMTP replies (RFC 5321 §4.2): the line parser alone, then the client reading a banner, an
/// EHLO/LHLO reply (with the HELO fallback) and further replies through the wire.
pub fn smtp_reply(data: &[u8]) {
    let Some((&ctl, server)) = data.split_first() else {
        return;
    };
    let ctl = Ctl(ctl);
    for line in lines(server) {
        if let Ok(l) = reply::parse_line(line) {
            assert!((200..600).contains(&l.code));
            assert!(line.ends_with(l.text));
        }
    }
    block_on(async {
        let mut c = SmtpClient::new(wire(server, ctl));
        match c.read_reply().await {
            Ok(r) => check_reply(&r),
            Err(f) => return check_failure(&f),
        }
        match c.hello("client.fuzz.example", ctl.choice() & 1 != 0).await {
            Ok(caps) => printable("capabilities", &caps.summary()),
            Err(f) => check_failure(&f),
        }
        loop {
            match c.read_reply().await {
                Ok(r) => check_reply(&r),
                Err(f) => {
                    check_failure(&f);
                    break;
                }
            }
        }
        c.quit().await;
    });
}

// ---------------------------------------------------------------------------------------------
// POP3.

/// Unstuff `input` fed in pieces of `chunk` bytes: (body, where the terminator ended).
fn unstuff(input: &[u8], chunk: usize) -> (Vec<u8>, Option<usize>) {
    let mut u = pop3::Unstuff::default();
    let mut out = Vec::new();
    let mut at = 0;
    for piece in input.chunks(chunk.max(1)) {
        if let Some(n) = u.feed(piece, &mut out) {
            return (out, Some(at + n));
        }
        at += piece.len();
    }
    (out, None)
}

/// POP3 (RFC 1939): status lines, the dot-unstuffing state machine (whatever the chunking, the
/// same body), and a client session over the wire: greeting, CAPA, a login (USER/PASS, APOP or
/// SASL), multi-line lists and streamed bodies.
pub fn pop3(data: &[u8]) {
    let Some((&ctl, server)) = data.split_first() else {
        return;
    };
    let ctl = Ctl(ctl);
    for line in lines(server) {
        if let Ok(st) = pop3::parse_status(line) {
            printable("status", &st.display());
        }
    }
    let whole = unstuff(server, usize::MAX);
    assert!(whole.0.len() <= server.len());
    assert_eq!(
        whole,
        unstuff(server, ctl.chunk()),
        "chunking changed the body"
    );

    block_on(async {
        let mut p = Pop3::new(wire(server, ctl));
        if let Err(f) = p.greeting().await {
            return check_failure(&f);
        }
        match p.capa().await {
            Ok(caps) => caps.iter().flatten().for_each(|c| printable("CAPA", c)),
            Err(f) => return check_failure(&f),
        }
        let login = match ctl.choice() {
            0 | 1 => pop3::Login::UserPass(creds()),
            2 => pop3::Login::Apop(creds()),
            3 => pop3::Login::Sasl(None, creds()),
            n => pop3::Login::Sasl(Some(mechanism(n)), creds()),
        };
        if let Err(f) = p.login(&login).await {
            return check_failure(&f);
        }
        // LIST, RETR, UIDL, TOP: each step runs whatever the previous one did (a -ERR or a
        // malformed line leaves the stream where a real session would be).
        for (cmd, body) in [
            ("LIST", false),
            ("RETR 1", true),
            ("UIDL", false),
            ("TOP 1 0", true),
        ] {
            match p.command(cmd).await {
                Ok(st) if st.ok => {}
                Ok(st) => {
                    printable("status", &st.display());
                    continue;
                }
                Err(f) => return check_failure(&f),
            }
            if body {
                let mut seen = 0u64;
                match p
                    .stream_body(4096, |chunk| {
                        seen += chunk.len() as u64;
                        Ok(())
                    })
                    .await
                {
                    Ok((_, bytes)) => assert_eq!(bytes, seen, "body size reported vs streamed"),
                    Err(f) => return check_failure(&f),
                }
            } else {
                match p.read_lines(crate::proto::pop3::MAX_LIST_LINES).await {
                    Ok(ls) => ls.iter().for_each(|l| printable("list line", l)),
                    Err(f) => return check_failure(&f),
                }
            }
        }
        if let Err(f) = p.quit().await {
            check_failure(&f);
        }
    });
}

// ---------------------------------------------------------------------------------------------
// IMAP.

fn check_tok(t: &imap_parse::Tok, depth: usize) {
    assert!(depth <= 65, "list nesting beyond the parser's limit");
    let _ = (t.as_atom(), t.as_num(), t.text(), t.bytes());
    if let Some(s) = t.text() {
        // Decoding what encoding produced gives the name back (mailbox names, RFC 3501 §5.1.3).
        let _ = mutf7::display(&s);
        assert_eq!(
            mutf7::decode(&mutf7::encode(&s)).as_deref(),
            Some(s.as_str())
        );
    }
    for x in t.list().unwrap_or_default() {
        check_tok(x, depth + 1);
    }
}

fn check_resp(r: &imap_parse::Resp) {
    use imap_parse::Resp;
    match r {
        Resp::Continue(_) => {}
        Resp::Tagged { status, .. } | Resp::Status(status) => {
            let _ = status.display();
        }
        Resp::Numbered { data, .. } | Resp::Data { data, .. } => {
            for (_, v) in imap_parse::fetch_items(data) {
                check_tok(&v, 0);
            }
            for t in data {
                check_tok(t, 0);
            }
        }
    }
}

/// IMAP (RFC 9051): the response parser on the raw bytes, the literal marker, and a client over
/// the wire: greeting, login (LOGIN or AUTHENTICATE), then commands whose responses carry
/// literals kept inline or streamed to a sink.
pub fn imap(data: &[u8]) {
    let Some((&ctl, server)) = data.split_first() else {
        return;
    };
    let ctl = Ctl(ctl);
    for line in lines(server) {
        if let Some(Ok(n)) = frame::literal_at_end(line) {
            assert!(line.ends_with(b"}"), "{n}");
        }
    }
    // The parser on unframed bytes (streamed sizes made up from the control byte).
    let framed = frame::Framed {
        bytes: server.to_vec(),
        streamed: vec![u64::from(ctl.0); usize::from(ctl.choice())],
    };
    if let Ok(r) = imap_parse::parse(&framed) {
        check_resp(&r);
    }

    let stream_over = [u64::MAX, 0, 16, 1000][usize::from(ctl.choice() & 3)];
    block_on(async {
        let mut c = imap::Imap::new(wire(server, ctl));
        if ctl.short_lines() {
            c.wire.set_max_line(200);
        }
        if let Err(f) = c.greeting().await {
            return check_failure(&f);
        }
        let sasl = match ctl.choice() >> 1 {
            0 | 1 => None,
            2 => Some(None),
            n => Some(Some(mechanism(n + (ctl.0 & 1)))),
        };
        if let Err(f) = c.login(&creds(), sasl).await {
            return check_failure(&f);
        }
        for cmd in [
            "SELECT INBOX",
            "UID FETCH 1:* (UID FLAGS BODY.PEEK[])",
            "LIST \"\" *",
        ] {
            let streamed = Arc::new(AtomicU64::new(0));
            let announced = Arc::new(AtomicU64::new(0));
            let (s, a) = (streamed.clone(), announced.clone());
            let mut choose = move |_pre: &[u8], size: u64| {
                a.fetch_add(size, Ordering::Relaxed);
                let s = s.clone();
                let sink: Box<dyn frame::LiteralSink + Send> = Box::new(move |b: &[u8]| {
                    s.fetch_add(b.len() as u64, Ordering::Relaxed);
                    Ok(())
                });
                Some(sink)
            };
            let res = c
                .run(Outgoing::plain(cmd), stream_over, &mut choose, |r| {
                    check_resp(&r);
                    Ok(())
                })
                .await;
            match res {
                Ok(st) => {
                    printable("status", &st.display());
                    // Every streamed literal arrived whole.
                    assert_eq!(
                        streamed.load(Ordering::Relaxed),
                        announced.load(Ordering::Relaxed)
                    );
                }
                Err(f) => return check_failure(&f),
            }
        }
        c.logout().await;
    });
}

// ---------------------------------------------------------------------------------------------
// DNS records.

fn lossy(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

fn spf_env(ip: IpAddr) -> spf::macros::Env<'static> {
    spf::macros::Env {
        sender: "strong-bad@email.example.com",
        local: "strong-bad",
        sender_domain: "email.example.com",
        domain: "email.example.com",
        ip,
        helo: "mx.example.org",
        p: Some("mx.example.org"),
        receiver: "receiver.example",
        now: 1_767_225_600,
    }
}

/// SPF (RFC 7208): the record parser (terms, positions, errors) and macro parsing and
/// expansion of every domain-spec in it, and of the input as explanation text.
pub fn spf_record(data: &[u8]) {
    let _ = spf::is_spf_record(data);
    let record = lossy(data);
    let envs = [
        spf_env(IpAddr::from([192, 0, 2, 3])),
        spf_env(IpAddr::from([0x2001, 0xdb8, 0, 0, 0, 0, 0, 0xcb01])),
    ];
    match spf::parse(&record) {
        Ok(terms) => {
            for t in &terms {
                assert!(
                    record
                        .as_bytes()
                        .get(t.position..)
                        .is_some_and(|r| r.starts_with(t.text.as_bytes())),
                    "term {:?} is not at {}",
                    t.text,
                    t.position
                );
                let _ = (t.kind(), format!("{:?}", t.term));
                let spec = match &t.term {
                    spf::TermKind::Redirect(d) | spf::TermKind::Exp(d) => Some(d.as_str()),
                    spf::TermKind::Mechanism(_, m) => {
                        let _ = m.queries_dns();
                        match m {
                            spf::Mechanism::Include(d) | spf::Mechanism::Exists(d) => {
                                Some(d.as_str())
                            }
                            spf::Mechanism::A { domain, .. }
                            | spf::Mechanism::Mx { domain, .. }
                            | spf::Mechanism::Ptr(domain) => domain.as_deref(),
                            _ => None,
                        }
                    }
                    spf::TermKind::Unknown { .. } => None,
                };
                if let Some(spec) = spec {
                    // The parser accepted it, so the macros in it parse.
                    let pieces = spf::macros::parse(spec, spf::macros::Context::Domain)
                        .expect("a domain-spec the record parser accepted");
                    for env in &envs {
                        let _ = spf::macros::expand(&pieces, env);
                    }
                }
            }
        }
        Err(e) => {
            assert!(
                e.position <= record.len(),
                "error position {} beyond the record ({} bytes): {e}",
                e.position,
                record.len()
            );
            printable("SPF syntax error", &e.to_string());
        }
    }
    if let Ok(pieces) = spf::macros::parse(&record, spf::macros::Context::Explanation) {
        let _ = spf::macros::needs_p(&pieces);
        for env in &envs {
            let _ = spf::macros::expand(&pieces, env);
        }
    }
}

/// DMARC (RFC 7489) and the other tag-list policy records (MTA-STS, TLS-RPT, BIMI), with the
/// organizational-domain lookups a DMARC report destination needs.
pub fn dmarc_record(data: &[u8]) {
    let txt = lossy(data);
    let (rec, findings) = dmarc::parse_dmarc(&txt);
    check_findings(&findings);
    if let Some(rec) = rec {
        let _ = serde_json::to_string(&rec);
        for uri in rec.effective.rua.iter().chain(&rec.effective.ruf) {
            if let Some(d) = &uri.domain {
                let _ = dmarc::external_report_check_name("example.com", d);
            }
        }
    }
    let _ = dmarc::authorizes_reports(&txt);
    let _ = dmarc::organizational_domain(&txt);
    let (r, f) = policy::parse_mta_sts(&txt);
    check_findings(&f);
    let _ = serde_json::to_string(&r);
    let (r, f) = policy::parse_tls_rpt(&txt);
    check_findings(&f);
    let _ = serde_json::to_string(&r);
    let (r, f) = policy::parse_bimi(&txt);
    check_findings(&f);
    let _ = serde_json::to_string(&r);
    let txts: Vec<String> = txt.split('\n').map(str::to_string).collect();
    for prefix in ["v=DMARC1", "v=STSv1", "v=TLSRPTv1", "v=BIMI1"] {
        let (_, f) = policy::select_one(&txts, prefix);
        check_findings(&f);
    }
}

/// DKIM key records (RFC 6376 §3.6.1, RFC 8301, RFC 8463).
pub fn dkim_key(data: &[u8]) {
    let (key, findings) = dkimkey::parse_dkim_key(&lossy(data));
    check_findings(&findings);
    if let Some(k) = key {
        assert!(!k.revoked || k.bits.is_none());
        let _ = serde_json::to_string(&k);
    }
}

// ---------------------------------------------------------------------------------------------
// Messages.

/// The keys the test fixtures publish, by name, plus the failed lookups; parsed once per
/// process (as `dkim verify` parses each key once).
fn fixture_keys() -> &'static keys::Keys {
    static KEYS: OnceLock<keys::Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = keys::Keys::new();
        let mut add = |name: String, result: Result<Vec<String>, Negative>| {
            let fetch = keys::KeyFetch::new(name.clone(), result, 0.1);
            keys.insert(name, Arc::new(fetch));
        };
        let by_selector: HashMap<String, String> =
            serde_json::from_str(include_str!("../tests/fixtures/dkim/verify/keys.json"))
                .expect("keys.json");
        for (sel, txt) in by_selector {
            add(format!("{sel}._domainkey.example.test"), Ok(vec![txt]));
        }
        let by_name: HashMap<String, String> =
            serde_json::from_str(include_str!("../tests/fixtures/dkim/arc/keys.json"))
                .expect("arc keys.json");
        for (name, txt) in by_name {
            add(name, Ok(vec![txt]));
        }
        add(
            "nodata._domainkey.example.test".into(),
            Err(Negative::NoData),
        );
        add(
            "servfail._domainkey.example.test".into(),
            Err(Negative::Rcode("SERVFAIL".into())),
        );
        add(
            "missing._domainkey.example.test".into(),
            Err(Negative::NxDomain),
        );
        keys
    })
}

/// When the fixtures were signed (their t=), so their signatures are neither future nor expired.
const NOW: u64 = 1_767_225_600;

/// DKIM verification of one message (RFC 6376 §3.4-§6): header/body split, DKIM-Signature tag
/// parsing, both canonicalizations, hash inputs, diagnosis, and the ARC chain (RFC 8617), with
/// the fixture keys; canonicalization applied twice changes nothing.
pub fn dkim_verify(data: &[u8]) {
    let keys = fixture_keys();
    let report = verify::verify_message("fuzz", data, keys, NOW, true);
    let _ = serde_json::to_string(&report);
    let a = arc::validate(data, keys, NOW);
    let _ = serde_json::to_string(&a);

    let (msg, _) = canon::to_crlf(data);
    for i in memchr::memchr_iter(b'\n', &msg) {
        assert!(
            i > 0 && msg[i - 1] == b'\r',
            "a bare LF survived to_crlf at {i}"
        );
    }
    let (fields, body) = canon::split(&msg);
    for c in [canon::Canon::Simple, canon::Canon::Relaxed] {
        let once = canon::body(c, body);
        assert_eq!(
            canon::body(c, &once),
            once,
            "{c:?} body canonicalization twice"
        );
        for f in &fields {
            let mut h = Vec::new();
            canon::header(c, f, &mut h);
        }
    }
    for f in &fields {
        let _ = hash::strip_b_value(f.raw);
    }
    let _ = arc::key_names(&fields);
    let _ = canon::header_block(data);
}

/// Message input detection: an mbox split into messages (mboxrd unquoting), each taken the way
/// `dkim verify` takes it before fetching keys (header block, fields, signatures, key names).
pub fn mbox(data: &[u8]) {
    let msgs = input::split_mbox(data);
    let total: usize = msgs.iter().map(Vec::len).sum();
    assert!(total <= data.len(), "mbox messages longer than the mbox");
    for m in &msgs {
        let head = canon::header_block(m);
        assert!(m.starts_with(head));
        let (msg, _) = canon::to_crlf(m);
        let (fields, _) = canon::split(&msg);
        for s in signature::signatures(&fields) {
            let _ = s.key_name();
        }
        let _ = arc::key_names(&fields);
    }
}

// ---------------------------------------------------------------------------------------------
// Proxies.

/// What a proxy answers (RFC 1928/1929 SOCKS5, RFC 9110 §9.3.6 HTTP CONNECT), through
/// `transport::proxy::tunnel` over the chunked stream. The control byte's choice bits pick
/// socks5 / socks5h / http and whether a login is offered. Beyond "no panic" and printable
/// events: on success, the exchange consumed exactly the proxy's reply and nothing of what the
/// target sends after it (SOCKS5: the method choice, the login reply, the CONNECT reply with its
/// address; HTTP: up to a blank line), so a server's banner is never swallowed.
pub fn proxy(data: &[u8]) {
    use crate::transport::Endpoint;
    use crate::transport::proxy::{ProxyKind, ProxyPlan, ProxyUrl, TunnelTo, tunnel};
    let Some((&ctl, server)) = data.split_first() else {
        return;
    };
    let ctl = Ctl(ctl);
    let kind = match ctl.choice() % 3 {
        0 => ProxyKind::Socks5,
        1 => ProxyKind::Socks5h,
        _ => ProxyKind::Http,
    };
    let login = ctl.choice() & 4 != 0;
    let plan = ProxyPlan {
        url: ProxyUrl {
            kind,
            server: Endpoint {
                host: "proxy.fuzz.test".into(),
                port: 1080,
            },
            user: login.then(|| "fuzz".to_string()),
        },
        password: login.then(|| Secret::new("fuzz-proxy-pw")),
    };
    let to = match kind {
        ProxyKind::Socks5 => TunnelTo::Addr(std::net::SocketAddr::from(([192, 0, 2, 1], 25))),
        _ => TunnelTo::Name("mx.fuzz.test".into(), 25),
    };
    let ctx = Ctx::new(Arc::new(CheckSink));
    let mut io = tokio::io::join(
        Chunked {
            data: server,
            chunk: ctl.chunk(),
        },
        tokio::io::sink(),
    );
    let res = block_on(tunnel(&mut io, &plan, &to, Duration::from_secs(10), &ctx));
    let (rest, _) = io.into_inner();
    let consumed = server.len() - rest.data.len();
    match res {
        Err(f) => check_failure(&f),
        Ok(()) => match kind {
            ProxyKind::Http => {
                let head = &server[..consumed];
                assert!(
                    head.ends_with(b"\n\n") || head.ends_with(b"\n\r\n"),
                    "an HTTP tunnel opened before the blank line ending the proxy's answer"
                );
            }
            _ => {
                // Method choice (2), the RFC 1929 login reply (2) when the proxy chose it, and
                // the CONNECT reply: VER REP RSV ATYP, the address, the port.
                let mut want = 2;
                if server.get(1) == Some(&2) {
                    want += 2;
                }
                let atyp = server.get(want + 3).copied();
                let addr = match atyp {
                    Some(1) => 4,
                    Some(4) => 16,
                    Some(3) => 1 + usize::from(server.get(want + 4).copied().unwrap_or(0)),
                    _ => panic!("a SOCKS5 tunnel opened on an unknown address type {atyp:?}"),
                };
                want += 4 + addr + 2;
                assert_eq!(
                    consumed, want,
                    "the SOCKS5 exchange consumed {consumed} bytes, its replies are {want}"
                );
            }
        },
    }
}

// ---------------------------------------------------------------------------------------------
// MIME.

/// `mime show`'s scanner (`mime/`): any file gives a tree whose offsets lie inside the input and
/// nest (a child inside its parent, siblings in order), whose displayed strings carry no raw
/// control character, and whose every section can be found and its body decoded or refused.
pub fn mime(data: &[u8]) {
    use crate::mime::{Entity, decoded_body, find, scan};
    let s = scan(data);
    assert!(s.size <= data.len());
    let mut stack: Vec<&Entity> = vec![&s.root];
    let mut seen = 0usize;
    while let Some(e) = stack.pop() {
        seen += 1;
        let o = e.offsets;
        assert!(
            o.start <= o.body_start && o.body_start <= o.end && o.end <= s.size,
            "{o:?}"
        );
        assert_eq!(e.encoded_size, o.end - o.body_start);
        let mut prev = o.start;
        for c in &e.children {
            assert!(
                c.offsets.start >= prev && c.offsets.end <= o.end,
                "child outside parent"
            );
            prev = c.offsets.end;
        }
        for t in [&e.section, &e.content_type, &e.transfer_encoding] {
            printable("mime field", t);
        }
        for (k, v) in &e.params {
            printable("mime param", k);
            printable("mime param", v);
        }
        for h in e.headers.iter().chain(e.filename.iter()) {
            printable("mime header", &h.raw);
            printable("mime header", &h.decoded);
        }
        for p in &e.problems {
            printable("mime problem", &p.message);
            assert!(p.offset <= s.size && p.count >= 1);
        }
        assert!(
            find(&s.root, &e.section).is_some(),
            "section {} not found",
            e.section
        );
        let _ = decoded_body(data, e);
        // MIME security (mime/security.rs): labels are printable; a multipart/signed's signed
        // bytes are a slice of the input inside its first part; the signature part's bytes go
        // through the CMS parser `smime verify` uses.
        if let Some(sec) = &e.security {
            printable("mime security", &sec.label);
        }
        if let Ok(p) = crate::mime::security::signed_parts(data, e) {
            let first = &e.children[0];
            assert_eq!(p.content_offset, first.offsets.start);
            assert_eq!(p.content.len(), first.offsets.end - first.offsets.start);
            let canon = crate::mime::security::canonical(p.content);
            assert!(
                canon
                    .iter()
                    .enumerate()
                    .all(|(i, b)| *b != b'\n' || (i > 0 && canon[i - 1] == b'\r')),
                "canonical form has a bare LF"
            );
            let _ = crate::smime::parse_cms(&p.signature);
        }
        stack.extend(e.children.iter());
    }
    assert_eq!(seen, s.entities, "every scanned entity is in the tree");
    // The whole verification (no CA: nothing is trusted) ends in a verdict on any input.
    let v = crate::smime::verify(
        data,
        &[],
        rustls_pki_types::UnixTime::since_unix_epoch(std::time::Duration::from_secs(1_800_000_000)),
    );
    assert!(
        v.status != crate::smime::Status::Good,
        "good without any CA"
    );
    if let Some(r) = &v.reason {
        printable("smime reason", r);
    }
}

// ---------------------------------------------------------------------------------------------
// OpenPGP.

/// `pgp verify`, `wkd`, `dns openpgpkey` over hostile input: the first two octets (big-endian)
/// are the length of a key block (armored or binary, as a key file, a WKD answer or an
/// OPENPGPKEY record gives it), the rest is a message. Keys are read and judged, the signature
/// located and checked against them (with the From address), and the signature part read on
/// its own. Invariants: no panic; the signed range lies inside the message; canonicalising is
/// idempotent and leaves no bare LF; nothing from the input reaches a reason, note, user ID or
/// finding with a raw control character.
pub fn pgp(data: &[u8]) {
    use crate::pgp::{key, message, openpgpkey, verify, wkd};
    let (klen, rest) = match data {
        [a, b, rest @ ..] => (usize::from(*a) << 8 | usize::from(*b), rest),
        _ => (0, data),
    };
    let (kbytes, msg) = rest.split_at(klen.min(rest.len()));
    let now = 1_800_000_000;
    let keys = key::read_keys(kbytes, now).unwrap_or_default();
    for k in &keys {
        for u in &k.info.user_ids {
            printable("pgp user id", &u.uid);
        }
        for f in key::findings(&k.info, Some("alice@rig.test"), now) {
            printable("pgp key finding", &f.message);
        }
        if let Some(r) = &k.info.revocation_reason {
            printable("pgp revocation reason", r);
        }
    }
    if let message::Found::Mime(m) = message::locate(msg) {
        assert!(m.signed_range.0 <= m.signed_range.1 && m.signed_range.1 <= msg.len());
        let _ = verify::read_signatures(&m.signature);
    }
    let c = message::canonical(msg);
    assert_eq!(message::canonical(&c), c, "canonical form not idempotent");
    assert!(
        !c.windows(2).any(|w| w[1] == b'\n' && w[0] != b'\r') && c.first() != Some(&b'\n'),
        "bare LF after canonicalising"
    );
    let _ = message::lf_only(msg);
    let _ = message::trailing_ws_stripped(msg);
    let v = verify::verify(
        msg,
        &keys,
        verify::Sender::Addresses(&["alice@rig.test".into()]),
        crate::pgp::now(),
    );
    if let Some(n) = &v.note {
        printable("pgp note", n);
    }
    for s in &v.signatures {
        if let Some(r) = &s.reason {
            printable("pgp reason", r);
        }
        for u in &s.signer_user_ids {
            printable("pgp signer uid", u);
        }
    }
    // The message's start as an address.
    let text = String::from_utf8_lossy(&msg[..msg.len().min(512)]);
    if let Ok((local, domain)) = wkd::split_address(&text) {
        assert_eq!(wkd::local_hash(&local).len(), 32);
        let _ = openpgpkey::owner_name(&local, &domain);
    }
}
