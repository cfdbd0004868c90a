//! A real, authoritative DNS server inside the test process: binds UDP and TCP on the same
//! 127.0.0.1 port, runs on its own small tokio runtime, and serves a [`Zone`] given as data.
//! `mailctl --nameserver 127.0.0.1:PORT` talks to it over the wire, exactly as to NSD or BIND.
//!
//! What it answers, for a question (name, type):
//! - the records of that type at that name (AA set, question echoed, same ID);
//! - for any other type, a CNAME at that name, followed inside the zone (chain in the answer
//!   section, loops cut after the first repeat), as an authoritative server does;
//! - a [`Behaviour::Timeout`] never answers, a [`Behaviour::Rcode`] answers with that rcode;
//! - NODATA (NOERROR, empty answer, SOA in the authority section) for a name that exists
//!   (has data of another type, was declared with [`Zone::declare`], or is an empty non-terminal);
//! - NXDOMAIN (with SOA) for a name with no data at all.
//!
//! Options ([`Options`]): truncate UDP answers over N bytes (TC bit, empty answer, so the client
//! retries over TCP), a delay added to every answer, or silence (never answer anything). Every
//! question received is logged ([`DnsServer::queries`]) with its transport.
//!
//! [`Zone::from_yaml_zonedata`] reads the `zonedata:` of the OpenSPF test suite (see there for how
//! `SPF` entries are served).

#![allow(dead_code)]

use hickory_resolver::proto::op::{Edns, Message, MessageType, OpCode, Query, ResponseCode};
pub use hickory_resolver::proto::rr::RecordType;
use hickory_resolver::proto::rr::rdata::{A, AAAA, CNAME, MX, NS, NULL, PTR, SOA, TXT};
use hickory_resolver::proto::rr::{Name, RData, Record};
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// TTL of every record served.
pub const TTL: u32 = 300;
/// RR type code of the (obsolete, RFC 7208 §14.1) SPF record type.
pub const SPF_TYPE: u16 = 99;

/// The SPF RR type (99), which hickory only knows as `Unknown(99)`.
pub fn spf_type() -> RecordType {
    RecordType::from(SPF_TYPE)
}

/// One resource record. Domain names are kept as written (case preserved on the wire).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rr {
    A(Ipv4Addr),
    Aaaa(Ipv6Addr),
    Mx(u16, String),
    /// The character-strings of one TXT record, as raw bytes (any string over 255 bytes is split
    /// into 255-byte character-strings on the wire). No strings at all is legal on the wire.
    Txt(Vec<Vec<u8>>),
    /// Same wire format as TXT, RR type 99.
    Spf(Vec<Vec<u8>>),
    Ptr(String),
    Cname(String),
    Ns(String),
    Soa {
        mname: String,
        rname: String,
        serial: u32,
        minimum: u32,
    },
}

impl Rr {
    pub fn rtype(&self) -> RecordType {
        match self {
            Rr::A(_) => RecordType::A,
            Rr::Aaaa(_) => RecordType::AAAA,
            Rr::Mx(..) => RecordType::MX,
            Rr::Txt(_) => RecordType::TXT,
            Rr::Spf(_) => spf_type(),
            Rr::Ptr(_) => RecordType::PTR,
            Rr::Cname(_) => RecordType::CNAME,
            Rr::Ns(_) => RecordType::NS,
            Rr::Soa { .. } => RecordType::SOA,
        }
    }

    /// TXT from text strings.
    pub fn txt(strings: &[&str]) -> Rr {
        Rr::Txt(strings.iter().map(|s| s.as_bytes().to_vec()).collect())
    }

    fn rdata(&self) -> RData {
        match self {
            Rr::A(ip) => RData::A(A(*ip)),
            Rr::Aaaa(ip) => RData::AAAA(AAAA(*ip)),
            Rr::Mx(pref, host) => RData::MX(MX::new(*pref, wire_name(host))),
            Rr::Txt(strings) => {
                let chunks = char_strings(strings);
                RData::TXT(TXT::from_bytes(
                    chunks.iter().map(|c| c.as_slice()).collect(),
                ))
            }
            Rr::Spf(strings) => {
                let mut wire = Vec::new();
                for c in char_strings(strings) {
                    wire.push(c.len() as u8);
                    wire.extend_from_slice(&c);
                }
                let mut null = NULL::new();
                null.anything = wire;
                RData::Unknown {
                    code: spf_type(),
                    rdata: null,
                }
            }
            Rr::Ptr(n) => RData::PTR(PTR(wire_name(n))),
            Rr::Cname(n) => RData::CNAME(CNAME(wire_name(n))),
            Rr::Ns(n) => RData::NS(NS(wire_name(n))),
            Rr::Soa {
                mname,
                rname,
                serial,
                minimum,
            } => RData::SOA(SOA::new(
                wire_name(mname),
                wire_name(rname),
                *serial,
                3600,
                600,
                86400,
                *minimum,
            )),
        }
    }
}

/// Strings as DNS character-strings: each at most 255 bytes (longer ones are split). An empty
/// string stays one empty character-string.
fn char_strings(strings: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for s in strings {
        if s.is_empty() {
            out.push(Vec::new());
        }
        for c in s.chunks(255) {
            out.push(c.to_vec());
        }
    }
    out
}

/// Error codes a question can be answered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rcode {
    ServFail,
    Refused,
    NxDomain,
    FormErr,
    NotImp,
}

impl From<Rcode> for ResponseCode {
    fn from(r: Rcode) -> ResponseCode {
        match r {
            Rcode::ServFail => ResponseCode::ServFail,
            Rcode::Refused => ResponseCode::Refused,
            Rcode::NxDomain => ResponseCode::NXDomain,
            Rcode::FormErr => ResponseCode::FormErr,
            Rcode::NotImp => ResponseCode::NotImp,
        }
    }
}

/// How a question is answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Behaviour {
    /// These records (an empty list is NODATA).
    Records(Vec<Rr>),
    /// Never answer.
    Timeout,
    /// Answer with this rcode and nothing else.
    Rcode(Rcode),
}

/// Lowercase, no trailing dot: how zone names are keyed.
pub fn key(name: &str) -> String {
    name.trim_end_matches('.').to_ascii_lowercase()
}

/// A name for the wire from a presentation-ish string: split on dots only, no escapes, so labels
/// like `foo:bar/baz` or ones with spaces survive as they are.
fn wire_name(s: &str) -> Name {
    let s = s.trim_end_matches('.');
    let mut n = if s.is_empty() {
        Name::root()
    } else {
        Name::from_labels(s.split('.').map(|l| l.as_bytes()))
            .unwrap_or_else(|e| panic!("dnsd: bad domain name {s:?}: {e}"))
    };
    n.set_fqdn(true);
    n
}

fn check_name(s: &str) -> Result<(), String> {
    let s = s.trim_end_matches('.');
    if s.is_empty() {
        return Ok(());
    }
    Name::from_labels(s.split('.').map(|l| l.as_bytes()))
        .map(|_| ())
        .map_err(|e| format!("bad domain name {s:?}: {e}"))
}

/// The zone key of a name received on the wire (raw label bytes, ASCII-lowercased).
fn key_of(name: &Name) -> String {
    let labels: Vec<String> = name
        .iter()
        .map(|l| String::from_utf8_lossy(&l.to_ascii_lowercase()).into_owned())
        .collect();
    labels.join(".")
}

/// The data served: (lowercased name, type) → behaviour, plus a per-name fallback for types
/// without an entry (e.g. the suite's `TIMEOUT`: every type without records times out).
#[derive(Debug, Clone, Default)]
pub struct Zone {
    entries: BTreeMap<(String, u16), Behaviour>,
    fallback: BTreeMap<String, Behaviour>,
    /// Names declared to exist even without records (NODATA for every type).
    declared: BTreeSet<String>,
}

impl Zone {
    pub fn new() -> Zone {
        Zone::default()
    }

    /// Add a record at a name (appends to the records of its type).
    pub fn add(&mut self, name: &str, rr: Rr) -> &mut Zone {
        let k = (key(name), u16::from(rr.rtype()));
        let e = self
            .entries
            .entry(k)
            .or_insert_with(|| Behaviour::Records(Vec::new()));
        match e {
            Behaviour::Records(v) => v.push(rr),
            other => *other = Behaviour::Records(vec![rr]),
        }
        self
    }

    /// Set how one (name, type) question is answered, replacing what was there.
    pub fn set(&mut self, name: &str, rtype: RecordType, b: Behaviour) -> &mut Zone {
        self.entries.insert((key(name), u16::from(rtype)), b);
        self
    }

    /// How questions for this name are answered for types that have no entry (not followed when
    /// the name has a CNAME). Records here are ignored: use `add`.
    pub fn set_fallback(&mut self, name: &str, b: Behaviour) -> &mut Zone {
        self.fallback.insert(key(name), b);
        self
    }

    /// Declare that a name exists (NODATA rather than NXDOMAIN for types without records).
    pub fn declare(&mut self, name: &str) -> &mut Zone {
        self.declared.insert(key(name));
        self
    }

    // Builder-style shorthands.

    pub fn rr(mut self, name: &str, rr: Rr) -> Zone {
        self.add(name, rr);
        self
    }
    pub fn a(self, name: &str, ip: &str) -> Zone {
        self.rr(name, Rr::A(ip.parse().expect("IPv4 address")))
    }
    pub fn aaaa(self, name: &str, ip: &str) -> Zone {
        self.rr(name, Rr::Aaaa(ip.parse().expect("IPv6 address")))
    }
    pub fn mx(self, name: &str, pref: u16, host: &str) -> Zone {
        self.rr(name, Rr::Mx(pref, host.into()))
    }
    /// One TXT record made of these character-strings.
    pub fn txt(self, name: &str, strings: &[&str]) -> Zone {
        self.rr(name, Rr::txt(strings))
    }
    /// One SPF (type 99) record made of these character-strings.
    pub fn spf(self, name: &str, strings: &[&str]) -> Zone {
        self.rr(
            name,
            Rr::Spf(strings.iter().map(|s| s.as_bytes().to_vec()).collect()),
        )
    }
    pub fn ptr(self, name: &str, target: &str) -> Zone {
        self.rr(name, Rr::Ptr(target.into()))
    }
    pub fn cname(self, name: &str, target: &str) -> Zone {
        self.rr(name, Rr::Cname(target.into()))
    }
    pub fn ns(self, name: &str, host: &str) -> Zone {
        self.rr(name, Rr::Ns(host.into()))
    }
    /// Never answer (name, type).
    pub fn timeout(mut self, name: &str, rtype: RecordType) -> Zone {
        self.set(name, rtype, Behaviour::Timeout);
        self
    }
    /// Never answer any question for this name except for types that have records.
    pub fn timeout_name(mut self, name: &str) -> Zone {
        self.set_fallback(name, Behaviour::Timeout);
        self
    }
    /// Answer (name, type) with this rcode.
    pub fn rcode(mut self, name: &str, rtype: RecordType, rc: Rcode) -> Zone {
        self.set(name, rtype, Behaviour::Rcode(rc));
        self
    }
    /// Answer every question for this name (types without records) with this rcode.
    pub fn rcode_name(mut self, name: &str, rc: Rcode) -> Zone {
        self.set_fallback(name, Behaviour::Rcode(rc));
        self
    }
    /// The name exists but has no records (NODATA for everything).
    pub fn exists(mut self, name: &str) -> Zone {
        self.declare(name);
        self
    }

    /// Every name with data, its ancestors (empty non-terminals) included.
    fn existing_names(&self) -> HashSet<String> {
        let mut out = HashSet::new();
        let names = self
            .entries
            .keys()
            .map(|(n, _)| n)
            .chain(self.fallback.keys())
            .chain(self.declared.iter());
        for n in names {
            let mut rest = n.as_str();
            out.insert(rest.to_string());
            while let Some((_, parent)) = rest.split_once('.') {
                out.insert(parent.to_string());
                rest = parent;
            }
        }
        out
    }

    /// Build a zone from the `zonedata:` mapping of an OpenSPF test-suite scenario (name → list
    /// of entries), following the convention of the suite's reference driver (pyspf's
    /// `testspf.py`):
    /// - `SPF: ...` is served as an SPF (type 99) record, AND, unless the name has any `TXT:`
    ///   entry, also as a TXT record (the suite header: "Other sections rely on auto-magic
    ///   duplication of SPF to TXT records (by test suite drivers)"). RFC 7208 checkers only ask
    ///   for TXT, so the TXT copy is what they see.
    /// - `TXT: NONE` adds no record but still counts as a TXT entry (it suppresses the copy): the
    ///   name then exists and its TXT question gets NODATA (or a timeout with `TIMEOUT`).
    /// - a bare `TIMEOUT` entry: questions for types with no records at that name never get an
    ///   answer (pyspf raises its DNS timeout for a type not seen before the TIMEOUT entry; in
    ///   the suite TIMEOUT is always the last entry). `TYPE: TIMEOUT` times out only that type.
    /// - TXT/SPF values are a string (one character-string) or a list of strings (one record,
    ///   several character-strings; `[]` is a record with no strings). Characters U+0000–U+00FF
    ///   become that single octet, so the suite's `"\xEF\xBB\xBF"` is the raw bytes EF BB BF as
    ///   its author meant (pyspf re-encodes as UTF-8 instead; either way it is non-ASCII, which is
    ///   all those cases test); other characters are UTF-8.
    /// - `MX: [pref, host]`, `A`/`AAAA`/`PTR`/`CNAME`/`NS`: a string (or a list of them).
    pub fn from_yaml_zonedata(zonedata: &yaml_rust2::Yaml) -> Result<Zone, String> {
        use yaml_rust2::Yaml;
        let mut zone = Zone::new();
        let Some(map) = zonedata.as_hash() else {
            if zonedata.is_null() || zonedata.is_badvalue() {
                return Ok(zone);
            }
            return Err(format!("zonedata is not a mapping: {zonedata:?}"));
        };
        for (name, entries) in map {
            let name = scalar(name).ok_or_else(|| format!("zonedata key {name:?}"))?;
            check_name(&name)?;
            zone.declare(&name);
            let entries = match entries {
                Yaml::Array(a) => a.clone(),
                Yaml::Null => Vec::new(),
                other => vec![other.clone()],
            };
            let mut has_txt = false;
            let mut spf_copies: Vec<Vec<Vec<u8>>> = Vec::new();
            for entry in &entries {
                if let Some(s) = entry.as_str() {
                    if s == "TIMEOUT" {
                        zone.set_fallback(&name, Behaviour::Timeout);
                        continue;
                    }
                    return Err(format!("{name}: unknown entry {s:?}"));
                }
                let Some(h) = entry.as_hash() else {
                    return Err(format!("{name}: unknown entry {entry:?}"));
                };
                for (t, v) in h {
                    let t = scalar(t).ok_or_else(|| format!("{name}: type {t:?}"))?;
                    let t = t.to_ascii_uppercase();
                    if t == "TXT" {
                        has_txt = true;
                    }
                    if v.as_str() == Some("NONE") && (t == "TXT" || t == "SPF") {
                        continue;
                    }
                    if v.as_str() == Some("TIMEOUT") {
                        let rtype = type_of(&t).ok_or_else(|| format!("{name}: type {t}"))?;
                        zone.set(&name, rtype, Behaviour::Timeout);
                        continue;
                    }
                    match t.as_str() {
                        "TXT" | "SPF" => {
                            let strings = match v {
                                Yaml::Array(a) => a
                                    .iter()
                                    .map(|s| scalar(s).map(|s| octets(&s)))
                                    .collect::<Option<Vec<_>>>()
                                    .ok_or_else(|| format!("{name}: {t} {v:?}"))?,
                                _ => vec![octets(
                                    &scalar(v).ok_or_else(|| format!("{name}: {t} {v:?}"))?,
                                )],
                            };
                            if t == "TXT" {
                                zone.add(&name, Rr::Txt(strings));
                            } else {
                                zone.add(&name, Rr::Spf(strings.clone()));
                                spf_copies.push(strings);
                            }
                        }
                        "MX" => {
                            let a = v.as_vec().ok_or_else(|| format!("{name}: MX {v:?}"))?;
                            let (Some(pref), Some(host)) =
                                (a.first().and_then(scalar), a.get(1).and_then(scalar))
                            else {
                                return Err(format!("{name}: MX {v:?}"));
                            };
                            let pref = pref
                                .parse::<u16>()
                                .map_err(|e| format!("{name}: MX preference {pref:?}: {e}"))?;
                            check_name(&host)?;
                            zone.add(&name, Rr::Mx(pref, host));
                        }
                        _ => {
                            let values = match v {
                                Yaml::Array(a) => a.iter().filter_map(scalar).collect(),
                                _ => vec![scalar(v).ok_or_else(|| format!("{name}: {t} {v:?}"))?],
                            };
                            for s in values {
                                let rr = match t.as_str() {
                                    "A" => Rr::A(
                                        s.parse().map_err(|e| format!("{name}: A {s:?}: {e}"))?,
                                    ),
                                    "AAAA" => Rr::Aaaa(
                                        s.parse()
                                            .map_err(|e| format!("{name}: AAAA {s:?}: {e}"))?,
                                    ),
                                    "PTR" => Rr::Ptr(s),
                                    "CNAME" => Rr::Cname(s),
                                    "NS" => Rr::Ns(s),
                                    other => {
                                        return Err(format!("{name}: unsupported type {other}"));
                                    }
                                };
                                if let Rr::Ptr(n) | Rr::Cname(n) | Rr::Ns(n) = &rr {
                                    check_name(n)?;
                                }
                                zone.add(&name, rr);
                            }
                        }
                    }
                }
            }
            if !has_txt {
                for strings in spf_copies {
                    zone.add(&name, Rr::Txt(strings));
                }
            }
        }
        Ok(zone)
    }
}

fn type_of(t: &str) -> Option<RecordType> {
    Some(match t {
        "A" => RecordType::A,
        "AAAA" => RecordType::AAAA,
        "MX" => RecordType::MX,
        "TXT" => RecordType::TXT,
        "SPF" => spf_type(),
        "PTR" => RecordType::PTR,
        "CNAME" => RecordType::CNAME,
        "NS" => RecordType::NS,
        "SOA" => RecordType::SOA,
        _ => return None,
    })
}

/// A YAML scalar as text (numbers and booleans as written).
fn scalar(y: &yaml_rust2::Yaml) -> Option<String> {
    use yaml_rust2::Yaml;
    match y {
        Yaml::String(s) | Yaml::Real(s) => Some(s.clone()),
        Yaml::Integer(i) => Some(i.to_string()),
        Yaml::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Characters up to U+00FF as single octets (YAML `\xNN` escapes mean bytes in the suite), the
/// rest as UTF-8.
fn octets(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) <= 0xFF {
            out.push(c as u32 as u8);
        } else {
            let mut buf = [0u8; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
        }
    }
    out
}

/// Server options.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Over UDP, an answer longer than this many bytes is replaced by an empty one with the TC
    /// bit set (the client then asks again over TCP). Without it, the usual limit applies: the
    /// client's EDNS payload size (at least 512), or 512 without EDNS.
    pub truncate_udp_over: Option<usize>,
    /// Added before every answer (each answer waits on its own; answers are not serialised).
    pub delay: Duration,
    /// Never answer anything (questions are still logged).
    pub silent: bool,
}

impl Options {
    pub fn truncate_udp_over(mut self, bytes: usize) -> Options {
        self.truncate_udp_over = Some(bytes);
        self
    }
    pub fn delay(mut self, ms: u64) -> Options {
        self.delay = Duration::from_millis(ms);
        self
    }
    pub fn silent(mut self) -> Options {
        self.silent = true;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Transport {
    Udp,
    Tcp,
}

/// One question received.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub transport: Transport,
    /// As received (case preserved), no trailing dot.
    pub name: String,
    pub qtype: RecordType,
}

struct Shared {
    zone: Zone,
    existing: HashSet<String>,
    opts: Options,
    log: Mutex<Vec<Seen>>,
}

/// A running server; dropping it stops it.
pub struct DnsServer {
    pub addr: SocketAddr,
    shared: Arc<Shared>,
    rt: Option<tokio::runtime::Runtime>,
}

impl DnsServer {
    pub fn start(zone: Zone) -> DnsServer {
        Self::start_with(zone, Options::default())
    }

    pub fn start_with(zone: Zone, opts: Options) -> DnsServer {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("dnsd")
            .enable_all()
            .build()
            .expect("dnsd runtime");
        let existing = zone.existing_names();
        let shared = Arc::new(Shared {
            zone,
            existing,
            opts,
            log: Mutex::new(Vec::new()),
        });
        // UDP and TCP on the same port: take a free UDP port, then try TCP on it.
        let (udp, tcp) = rt.block_on(async {
            for _ in 0..50 {
                let udp = tokio::net::UdpSocket::bind("127.0.0.1:0")
                    .await
                    .expect("dnsd: bind UDP");
                let addr = udp.local_addr().unwrap();
                if let Ok(tcp) = tokio::net::TcpListener::bind(addr).await {
                    return (udp, tcp);
                }
            }
            panic!("dnsd: no port free for both UDP and TCP");
        });
        let addr = udp.local_addr().unwrap();
        let udp = Arc::new(udp);
        {
            let shared = shared.clone();
            rt.spawn(async move {
                let mut buf = vec![0u8; 65535];
                loop {
                    let Ok((n, peer)) = udp.recv_from(&mut buf).await else {
                        continue;
                    };
                    let packet = buf[..n].to_vec();
                    let (udp, shared) = (udp.clone(), shared.clone());
                    tokio::spawn(async move {
                        if let Some(out) = shared.handle(&packet, Transport::Udp).await {
                            let _ = udp.send_to(&out, peer).await;
                        }
                    });
                }
            });
        }
        {
            let shared = shared.clone();
            rt.spawn(async move {
                loop {
                    let Ok((stream, _)) = tcp.accept().await else {
                        continue;
                    };
                    tokio::spawn(serve_tcp(stream, shared.clone()));
                }
            });
        }
        DnsServer {
            addr,
            shared,
            rt: Some(rt),
        }
    }

    /// "127.0.0.1:PORT", for `--nameserver`.
    pub fn nameserver_arg(&self) -> String {
        self.addr.to_string()
    }

    /// Every question received so far, in order.
    pub fn queries(&self) -> Vec<Seen> {
        self.shared.log.lock().unwrap().clone()
    }
}

impl Drop for DnsServer {
    fn drop(&mut self) {
        if let Some(rt) = self.rt.take() {
            // Allowed in async contexts too; drops every task, so the sockets close now.
            rt.shutdown_background();
        }
    }
}

async fn serve_tcp(stream: tokio::net::TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let (mut rd, wr) = stream.into_split();
    let wr = Arc::new(tokio::sync::Mutex::new(wr));
    loop {
        let mut len = [0u8; 2];
        if rd.read_exact(&mut len).await.is_err() {
            return;
        }
        let mut packet = vec![0u8; u16::from_be_bytes(len) as usize];
        if rd.read_exact(&mut packet).await.is_err() {
            return;
        }
        // Each message is answered on its own (pipelined queries, delays) — RFC 7766 §6.2.1.1.
        let (wr, shared) = (wr.clone(), shared.clone());
        tokio::spawn(async move {
            if let Some(out) = shared.handle(&packet, Transport::Tcp).await {
                let mut framed = (out.len() as u16).to_be_bytes().to_vec();
                framed.extend_from_slice(&out);
                let _ = wr.lock().await.write_all(&framed).await;
            }
        });
    }
}

enum Reply {
    /// Say nothing.
    Drop,
    Msg {
        rcode: ResponseCode,
        answers: Vec<Record>,
        /// Put the SOA in the authority section (negative answers).
        soa: bool,
    },
}

impl Shared {
    /// The bytes to send back for one received message, or None for silence.
    async fn handle(&self, packet: &[u8], transport: Transport) -> Option<Vec<u8>> {
        let req = match Message::from_vec(packet) {
            Ok(m) => m,
            Err(_) => {
                // FORMERR to anything with a header, like a real server.
                if packet.len() < 12 || self.opts.silent {
                    return None;
                }
                let id = u16::from_be_bytes([packet[0], packet[1]]);
                let msg = Message::error_msg(id, OpCode::Query, ResponseCode::FormErr);
                return msg.to_vec().ok();
            }
        };
        if req.metadata.message_type != MessageType::Query {
            return None;
        }
        if let Some(q) = req.queries.first() {
            let name = q.name().to_ascii();
            self.log.lock().unwrap().push(Seen {
                transport,
                name: name.trim_end_matches('.').to_string(),
                qtype: q.query_type(),
            });
        }
        if self.opts.silent {
            return None;
        }
        let mut resp = Message::response(req.metadata.id, req.metadata.op_code);
        resp.metadata.authoritative = true;
        resp.metadata.recursion_desired = req.metadata.recursion_desired;
        resp.metadata.recursion_available = false;
        resp.add_queries(req.queries.iter().cloned());
        if req.edns.is_some() {
            let mut edns = Edns::new();
            edns.set_max_payload(1232);
            edns.set_version(0);
            resp.set_edns(edns);
        }
        let reply = if req.metadata.op_code != OpCode::Query {
            Reply::Msg {
                rcode: ResponseCode::NotImp,
                answers: vec![],
                soa: false,
            }
        } else if req.queries.len() != 1 {
            Reply::Msg {
                rcode: ResponseCode::FormErr,
                answers: vec![],
                soa: false,
            }
        } else {
            self.answer(&req.queries[0])
        };
        let Reply::Msg {
            rcode,
            answers,
            soa,
        } = reply
        else {
            return None;
        };
        resp.metadata.response_code = rcode;
        resp.add_answers(answers);
        if soa {
            let soa = Rr::Soa {
                mname: "ns.dnsd.test".into(),
                rname: "hostmaster.dnsd.test".into(),
                serial: 1,
                minimum: 60,
            };
            resp.add_authority(Record::from_rdata(Name::root(), 60, soa.rdata()));
        }
        if !self.opts.delay.is_zero() {
            tokio::time::sleep(self.opts.delay).await;
        }
        let mut out = resp.to_vec().ok()?;
        if transport == Transport::Udp {
            let client_limit = match &req.edns {
                Some(e) => (e.max_payload() as usize).max(512),
                None => 512,
            };
            let limit = self
                .opts
                .truncate_udp_over
                .map_or(client_limit, |n| n.min(client_limit));
            if out.len() > limit {
                resp.answers.clear();
                resp.authorities.clear();
                resp.additionals.clear();
                resp.metadata.truncation = true;
                out = resp.to_vec().ok()?;
            }
        }
        Some(out)
    }

    fn answer(&self, q: &Query) -> Reply {
        let zone = &self.zone;
        let qtype = q.query_type();
        let mut owner = q.name().clone();
        let mut answers = Vec::new();
        let mut seen = HashSet::new();
        loop {
            let k = key_of(&owner);
            match zone.entries.get(&(k.clone(), u16::from(qtype))) {
                Some(Behaviour::Records(rrs)) if !rrs.is_empty() => {
                    for rr in rrs {
                        answers.push(Record::from_rdata(owner.clone(), TTL, rr.rdata()));
                    }
                    return Reply::Msg {
                        rcode: ResponseCode::NoError,
                        answers,
                        soa: false,
                    };
                }
                Some(Behaviour::Timeout) => return Reply::Drop,
                Some(Behaviour::Rcode(rc)) => {
                    return Reply::Msg {
                        rcode: (*rc).into(),
                        answers: vec![],
                        soa: false,
                    };
                }
                _ => {}
            }
            if qtype != RecordType::CNAME
                && let Some(Behaviour::Records(rrs)) =
                    zone.entries.get(&(k.clone(), u16::from(RecordType::CNAME)))
                && let Some(cname @ Rr::Cname(target)) = rrs.first()
            {
                if !seen.insert(k) {
                    // A loop: the chain so far, as BIND and NSD do.
                    return Reply::Msg {
                        rcode: ResponseCode::NoError,
                        answers,
                        soa: false,
                    };
                }
                answers.push(Record::from_rdata(owner.clone(), TTL, cname.rdata()));
                owner = wire_name(target);
                continue;
            }
            match zone.fallback.get(&k) {
                Some(Behaviour::Timeout) => return Reply::Drop,
                Some(Behaviour::Rcode(rc)) => {
                    return Reply::Msg {
                        rcode: (*rc).into(),
                        answers: vec![],
                        soa: false,
                    };
                }
                _ => {}
            }
            let rcode = if self.existing.contains(&k) {
                ResponseCode::NoError
            } else {
                ResponseCode::NXDomain
            };
            return Reply::Msg {
                rcode,
                answers,
                soa: true,
            };
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Self-tests: the server seen through hickory's resolver (what mailctl uses) and raw packets.

#[cfg(test)]
mod tests {
    use super::*;
    use hickory_resolver::TokioResolver;
    use hickory_resolver::config::{
        ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
    };
    use hickory_resolver::net::runtime::TokioRuntimeProvider;
    use hickory_resolver::net::{DnsError, NetError};
    use std::time::Instant;

    /// A resolver like mailctl's (UDP then TCP to one server, no cache), with a short timeout.
    fn resolver(addr: SocketAddr, timeout: Duration) -> TokioResolver {
        let mut opts = ResolverOpts::default();
        opts.timeout = timeout;
        opts.attempts = 1;
        opts.ndots = 0;
        opts.cache_size = 0;
        opts.use_hosts_file = ResolveHosts::Never;
        let mut udp = ConnectionConfig::udp();
        udp.port = addr.port();
        let mut tcp = ConnectionConfig::tcp();
        tcp.port = addr.port();
        let config = ResolverConfig::from_name_servers(vec![NameServerConfig::new(
            addr.ip(),
            true,
            vec![udp, tcp],
        )]);
        TokioResolver::builder_with_config(config, TokioRuntimeProvider::default())
            .with_options(opts)
            .build()
            .expect("resolver")
    }

    fn rt() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    /// Look up; Ok(records) or Err(short outcome name) like src/dns classifies it.
    fn lookup(
        srv: &DnsServer,
        name: &str,
        rtype: RecordType,
        timeout: Duration,
    ) -> Result<Vec<Record>, String> {
        let r = resolver(srv.addr, timeout);
        let name = wire_name(name);
        rt().block_on(async {
            match r.lookup(name, rtype).await {
                Ok(l) => Ok(l.answers().to_vec()),
                Err(NetError::Dns(DnsError::NoRecordsFound(nr))) => {
                    if nr.response_code == ResponseCode::NXDomain {
                        Err("nxdomain".into())
                    } else {
                        Err("nodata".into())
                    }
                }
                Err(NetError::Dns(DnsError::ResponseCode(rc))) => Err(format!("rcode {rc}")),
                Err(NetError::Timeout) => Err("timeout".into()),
                Err(e) => Err(format!("other: {e}")),
            }
        })
    }

    const T: Duration = Duration::from_secs(2);

    /// One raw UDP exchange (no resolver in between).
    fn raw_udp(srv: &DnsServer, name: &str, rtype: RecordType) -> (Message, Message) {
        let mut q = Message::query();
        q.metadata.recursion_desired = true;
        q.add_query(Query::query(Name::from_ascii(name).unwrap(), rtype));
        let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        sock.set_read_timeout(Some(T)).unwrap();
        sock.send_to(&q.to_vec().unwrap(), srv.addr).unwrap();
        let mut buf = [0u8; 4096];
        let (n, _) = sock.recv_from(&mut buf).expect("an answer");
        (q, Message::from_vec(&buf[..n]).unwrap())
    }

    fn raw_udp_bytes(srv: &DnsServer, name: &str, rtype: RecordType) -> Vec<u8> {
        let mut q = Message::query();
        q.add_query(Query::query(Name::from_ascii(name).unwrap(), rtype));
        let sock = std::net::UdpSocket::bind("127.0.0.1:0").unwrap();
        sock.set_read_timeout(Some(T)).unwrap();
        sock.send_to(&q.to_vec().unwrap(), srv.addr).unwrap();
        let mut buf = [0u8; 4096];
        let (n, _) = sock.recv_from(&mut buf).expect("an answer");
        buf[..n].to_vec()
    }

    fn zone() -> Zone {
        Zone::new()
            .a("host.example.test", "192.0.2.1")
            .a("host.example.test", "192.0.2.2")
            .aaaa("host.example.test", "2001:db8::1")
            .mx("example.test", 10, "host.example.test")
            .txt("example.test", &["v=spf1 ", "ip4:192.0.2.0/24 -all"])
            .cname("alias.example.test", "Host.Example.test")
            .cname("loop1.example.test", "loop2.example.test")
            .cname("loop2.example.test", "loop1.example.test")
            .rcode("broken.example.test", RecordType::TXT, Rcode::ServFail)
            .rcode_name("refusing.example.test", Rcode::Refused)
            .timeout("slow.example.test", RecordType::TXT)
            .a("slow.example.test", "192.0.2.9")
            .a("deep.sub.example.test", "192.0.2.3")
            .exists("empty.example.test")
    }

    #[test]
    fn a_answer_is_authoritative_with_echoed_question_and_id() {
        let srv = DnsServer::start(zone());
        let (q, r) = raw_udp(&srv, "HOST.example.test.", RecordType::A);
        assert_eq!(r.metadata.id, q.metadata.id);
        assert_eq!(r.metadata.message_type, MessageType::Response);
        assert!(r.metadata.authoritative, "AA bit");
        assert!(!r.metadata.truncation);
        assert_eq!(r.metadata.response_code, ResponseCode::NoError);
        assert_eq!(r.queries, q.queries, "question echoed as sent (case too)");
        let ips: Vec<_> = r.answers.iter().map(|a| a.data.clone()).collect();
        assert_eq!(
            ips,
            vec![
                RData::A(A("192.0.2.1".parse().unwrap())),
                RData::A(A("192.0.2.2".parse().unwrap()))
            ]
        );
        // And through hickory's resolver, as mailctl asks.
        let recs = lookup(&srv, "host.example.test", RecordType::AAAA, T).unwrap();
        assert_eq!(
            recs[0].data,
            RData::AAAA(AAAA("2001:db8::1".parse().unwrap()))
        );
        let mx = lookup(&srv, "example.test", RecordType::MX, T).unwrap();
        assert_eq!(
            mx[0].data,
            RData::MX(MX::new(10, Name::from_ascii("host.example.test.").unwrap()))
        );
        assert_eq!(srv.queries()[0].name, "HOST.example.test");
        assert_eq!(srv.queries()[0].transport, Transport::Udp);
    }

    #[test]
    fn nxdomain_and_nodata_are_distinct_and_carry_an_soa() {
        let srv = DnsServer::start(zone());
        assert_eq!(
            lookup(&srv, "nope.example.test", RecordType::A, T).unwrap_err(),
            "nxdomain"
        );
        assert_eq!(
            lookup(&srv, "host.example.test", RecordType::TXT, T).unwrap_err(),
            "nodata"
        );
        // Declared empty name, and an empty non-terminal (sub.example.test has only a child).
        assert_eq!(
            lookup(&srv, "empty.example.test", RecordType::A, T).unwrap_err(),
            "nodata"
        );
        assert_eq!(
            lookup(&srv, "sub.example.test", RecordType::A, T).unwrap_err(),
            "nodata"
        );
        let (_, r) = raw_udp(&srv, "host.example.test.", RecordType::TXT);
        assert_eq!(r.metadata.response_code, ResponseCode::NoError);
        assert!(r.answers.is_empty());
        assert_eq!(r.authorities.len(), 1);
        assert_eq!(r.authorities[0].record_type(), RecordType::SOA);
        let (_, r) = raw_udp(&srv, "nope.example.test.", RecordType::A);
        assert_eq!(r.metadata.response_code, ResponseCode::NXDomain);
        assert!(r.metadata.authoritative);
        assert_eq!(r.authorities[0].record_type(), RecordType::SOA);
    }

    #[test]
    fn servfail_and_refused() {
        let srv = DnsServer::start(zone());
        let e = lookup(&srv, "broken.example.test", RecordType::TXT, T).unwrap_err();
        assert!(
            e.starts_with("rcode") && e.contains("Server Failure"),
            "{e}"
        );
        let e = lookup(&srv, "refusing.example.test", RecordType::MX, T).unwrap_err();
        assert!(e.starts_with("rcode") && e.contains("Refused"), "{e}");
    }

    #[test]
    fn timeout_only_for_that_question() {
        let srv = DnsServer::start(zone());
        let started = Instant::now();
        let e = lookup(
            &srv,
            "slow.example.test",
            RecordType::TXT,
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert_eq!(e, "timeout");
        assert!(started.elapsed() >= Duration::from_millis(300));
        // The same name answers other types.
        assert!(lookup(&srv, "slow.example.test", RecordType::A, T).is_ok());
    }

    #[test]
    fn silent_server_times_out() {
        let srv = DnsServer::start_with(zone(), Options::default().silent());
        let e = lookup(
            &srv,
            "host.example.test",
            RecordType::A,
            Duration::from_millis(300),
        )
        .unwrap_err();
        assert_eq!(e, "timeout");
        assert!(!srv.queries().is_empty(), "the question did arrive");
    }

    #[test]
    fn multi_string_txt_stays_split() {
        let srv = DnsServer::start(zone());
        let recs = lookup(&srv, "example.test", RecordType::TXT, T).unwrap();
        let RData::TXT(t) = &recs[0].data else {
            panic!("{recs:?}")
        };
        let parts: Vec<&[u8]> = t.txt_data.iter().map(|s| &s[..]).collect();
        assert_eq!(parts, vec![&b"v=spf1 "[..], &b"ip4:192.0.2.0/24 -all"[..]]);
    }

    #[test]
    fn truncated_udp_is_retried_over_tcp() {
        let big: Vec<String> = (0..8).map(|i| format!("{i}{}", "x".repeat(200))).collect();
        let big: Vec<&str> = big.iter().map(|s| s.as_str()).collect();
        let srv = DnsServer::start_with(
            zone().txt("big.example.test", &big),
            Options::default().truncate_udp_over(512),
        );
        // Raw: TC bit set, empty answer, question still there.
        let (_, r) = raw_udp(&srv, "big.example.test.", RecordType::TXT);
        assert!(r.metadata.truncation);
        assert!(r.answers.is_empty());
        assert_eq!(r.queries.len(), 1);
        // Small answers are not truncated.
        let (_, r) = raw_udp(&srv, "host.example.test.", RecordType::A);
        assert!(!r.metadata.truncation);
        // The resolver retries over TCP and gets the whole record.
        let recs = lookup(&srv, "big.example.test", RecordType::TXT, T).unwrap();
        let RData::TXT(t) = &recs[0].data else {
            panic!()
        };
        assert_eq!(t.txt_data.len(), 8);
        let log = srv.queries();
        let big_q: Vec<_> = log
            .iter()
            .filter(|s| s.name == "big.example.test")
            .map(|s| s.transport)
            .collect();
        assert_eq!(
            big_q,
            vec![Transport::Udp, Transport::Udp, Transport::Tcp],
            "{log:?}"
        );
    }

    #[test]
    fn cname_is_chased_in_zone_and_loops_end() {
        let srv = DnsServer::start(zone());
        let recs = lookup(&srv, "alias.example.test", RecordType::A, T).unwrap();
        assert!(
            recs.iter()
                .any(|r| r.data == RData::A(A("192.0.2.1".parse().unwrap()))),
            "{recs:?}"
        );
        let (_, r) = raw_udp(&srv, "alias.example.test.", RecordType::A);
        assert_eq!(r.answers.len(), 3);
        assert_eq!(r.answers[0].record_type(), RecordType::CNAME);
        assert_eq!(r.answers[1].name.to_ascii(), "Host.Example.test.");
        // CNAME to a missing name: the chain plus NXDOMAIN.
        let srv2 = DnsServer::start(Zone::new().cname("dangling.test", "missing.test"));
        let (_, r) = raw_udp(&srv2, "dangling.test.", RecordType::A);
        assert_eq!(r.metadata.response_code, ResponseCode::NXDomain);
        assert_eq!(r.answers.len(), 1);
        // A loop answers (the chain once) instead of spinning.
        let (_, r) = raw_udp(&srv, "loop1.example.test.", RecordType::A);
        assert_eq!(r.answers.len(), 2);
        // And the resolver comes back (error or CNAME-only answer), it does not spin.
        let _ = lookup(&srv, "loop1.example.test", RecordType::A, T);
    }

    #[test]
    fn tcp_on_the_same_port() {
        use std::io::{Read, Write};
        let srv = DnsServer::start(zone());
        let mut q = Message::query();
        q.add_query(Query::query(
            Name::from_ascii("host.example.test.").unwrap(),
            RecordType::A,
        ));
        let bytes = q.to_vec().unwrap();
        let mut s = std::net::TcpStream::connect(srv.addr).unwrap();
        s.set_read_timeout(Some(T)).unwrap();
        let mut framed = (bytes.len() as u16).to_be_bytes().to_vec();
        framed.extend_from_slice(&bytes);
        s.write_all(&framed).unwrap();
        let mut len = [0u8; 2];
        s.read_exact(&mut len).unwrap();
        let mut body = vec![0u8; u16::from_be_bytes(len) as usize];
        s.read_exact(&mut body).unwrap();
        let r = Message::from_vec(&body).unwrap();
        assert_eq!(r.metadata.id, q.metadata.id);
        assert_eq!(r.answers.len(), 2);
        assert_eq!(srv.queries()[0].transport, Transport::Tcp);
    }

    #[test]
    fn delay_is_added() {
        let srv = DnsServer::start_with(zone(), Options::default().delay(150));
        let started = Instant::now();
        lookup(&srv, "host.example.test", RecordType::A, T).unwrap();
        assert!(started.elapsed() >= Duration::from_millis(150));
    }

    #[test]
    fn yaml_zonedata_follows_the_suite_convention() {
        let doc = r#"
zonedata:
  Both.Example.net:
    - TXT:  v=spf1 -all
    - SPF:  v=spf1 +all
  spfonly.example.net:
    - SPF:  v=spf1 -all
    - TXT:  NONE
  copied.example.net:
    - SPF:  [ "v=spf1 ip4:", "192.0.2.5 -all" ]
    - SPF:  [ ]
    - MX:   [0, mail.example.net]
  mail.example.net:
    - A: 1.2.3.4
    - AAAA: CAFE:BABE::4
  raw.example.net:
    - SPF:  "v=spf1 \xEF\xBB\xBF -all"
  txttimeout.example.net:
    - SPF:  v=spf1 -all
    - TXT:  NONE
    - TIMEOUT
  alltimeout.example.net:
    - TIMEOUT
  "foo:bar/baz.example.com":
    - SPF: v=spf1 -all
"#;
        let y = &yaml_rust2::YamlLoader::load_from_str(doc).unwrap()[0];
        let zone = Zone::from_yaml_zonedata(&y["zonedata"]).unwrap();
        let srv = DnsServer::start(zone);
        let txt = |name: &str| -> Result<Vec<Vec<u8>>, String> {
            lookup(&srv, name, RecordType::TXT, Duration::from_millis(300)).map(|recs| {
                recs.iter()
                    .map(|r| match &r.data {
                        RData::TXT(t) => t.txt_data.concat(),
                        other => panic!("{other:?}"),
                    })
                    .collect()
            })
        };
        // An explicit TXT wins: no copy of the SPF entry.
        assert_eq!(
            txt("both.example.net").unwrap(),
            vec![b"v=spf1 -all".to_vec()]
        );
        // TXT: NONE suppresses the copy; the name exists.
        assert_eq!(txt("spfonly.example.net").unwrap_err(), "nodata");
        // SPF entries copied as TXT, strings kept, the empty record (RDLENGTH 0) included.
        // hickory refuses to decode a TXT RR without strings (illegal per RFC 1035 §3.3.14,
        // which is the point of the suite's null-text case), so look at the raw bytes.
        let raw = raw_udp_bytes(&srv, "copied.example.net.", RecordType::TXT);
        assert_eq!(&raw[6..8], &[0, 2], "ANCOUNT 2");
        assert_eq!(&raw[raw.len() - 2..], &[0, 0], "last RR has RDLENGTH 0");
        let needle = b"\x0bv=spf1 ip4:\x0e192.0.2.5 -all";
        assert!(raw.windows(needle.len()).any(|w| w == needle));
        eprintln!(
            "empty TXT RR through hickory: {:?}",
            lookup(&srv, "copied.example.net", RecordType::TXT, T)
        );
        // And served as type 99 too.
        let (_, r) = raw_udp(&srv, "spfonly.example.net.", spf_type());
        assert_eq!(r.answers.len(), 1);
        let RData::Unknown { code, rdata } = &r.answers[0].data else {
            panic!("{:?}", r.answers)
        };
        assert_eq!(u16::from(*code), 99);
        assert_eq!(rdata.anything, b"\x0bv=spf1 -all".to_vec());
        // \xNN escapes are octets.
        assert_eq!(
            txt("raw.example.net").unwrap(),
            vec![b"v=spf1 \xEF\xBB\xBF -all".to_vec()]
        );
        // TIMEOUT: types without records never answer; SPF (has records) does.
        assert_eq!(txt("txttimeout.example.net").unwrap_err(), "timeout");
        let (_, r) = raw_udp(&srv, "txttimeout.example.net.", spf_type());
        assert_eq!(r.answers.len(), 1);
        assert_eq!(txt("alltimeout.example.net").unwrap_err(), "timeout");
        // Names with odd characters in labels.
        assert_eq!(
            txt("foo:bar/baz.example.com").unwrap(),
            vec![b"v=spf1 -all".to_vec()]
        );
        assert_eq!(txt("nothing.example.net").unwrap_err(), "nxdomain");
        assert!(lookup(&srv, "copied.example.net", RecordType::MX, T).is_ok());
        assert!(lookup(&srv, "mail.example.net", RecordType::AAAA, T).is_ok());
    }

    #[test]
    fn the_whole_suite_zonedata_loads() {
        let text = std::fs::read_to_string(crate::util::repo_root().join(crate::spf_suite::SUITE))
            .unwrap();
        let docs = yaml_rust2::YamlLoader::load_from_str(&text).unwrap();
        assert!(docs.len() >= 10);
        for d in &docs {
            Zone::from_yaml_zonedata(&d["zonedata"])
                .unwrap_or_else(|e| panic!("{}: {e}", d["description"].as_str().unwrap_or("?")));
        }
    }
}
