//! Which TLS versions a server accepts, asked the way testssl.sh asks in its sockets mode: send
//! one hand-built ClientHello for a version and read the first answer (ServerHello or alert).
//!
//! rustls speaks only TLS 1.2 and 1.3, so it cannot tell whether a server still takes TLS 1.0
//! or 1.1; a ClientHello needs no cryptography to build, and the ServerHello's version field
//! answers the question. No handshake is completed and nothing but the ClientHello is sent:
//! the caller drops the connection afterwards.

use crate::event::escape_bytes;
use rustls::pki_types::ServerName;
use serde::Serialize;
use std::time::Duration;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::time::Instant;

pub(crate) const TLS1_0: u16 = 0x0301;
pub(crate) const TLS1_1: u16 = 0x0302;
pub(crate) const TLS1_2: u16 = 0x0303;

/// Record content types (RFC 5246 §6.2.1, RFC 2246 §6.2.1).
const CHANGE_CIPHER_SPEC: u8 = 20;
const ALERT: u8 = 21;
const HANDSHAKE: u8 = 22;
const APPLICATION_DATA: u8 = 23;

/// Handshake types (RFC 5246 §7.4).
const HELLO_REQUEST: u8 = 0;
const CLIENT_HELLO: u8 = 1;
const SERVER_HELLO: u8 = 2;

/// RFC 5246 §6.2.1: "The length MUST NOT exceed 2^14" for a plaintext record, and everything
/// before the ServerHello is plaintext.
pub(crate) const MAX_RECORD: usize = 1 << 14;

/// The most we read while waiting for a ServerHello or an alert. A ServerHello is the first
/// handshake message and is parsed as soon as its first 40-odd bytes are in, whatever the
/// record it arrives in, so a real server decides the answer within a few hundred bytes even
/// when it fragments its records one byte each.
pub(crate) const MAX_ANSWER: usize = 16 * 1024;

/// How much of a non-TLS answer is kept to show.
const PREVIEW: usize = 200;

/// Cipher suites offered at every version (IANA TLS Cipher Suites registry): the ECDHE, DHE and
/// plain-RSA CBC suites, 3DES, Camellia, SEED and RC4 that TLS 1.0/1.1 servers were configured
/// with. The question is the protocol version, not the cipher: a server that knows only one old
/// suite must still find one here to answer with a ServerHello.
const SUITES_ALL: &[u16] = &[
    0xc00a, 0xc014, 0xc009, 0xc013, // ECDHE-{ECDSA,RSA} AES-CBC-SHA
    0x0039, 0x0038, 0x0033, 0x0032, // DHE-{RSA,DSS} AES-CBC-SHA
    0x0088, 0x0045, // DHE-RSA CAMELLIA-CBC-SHA
    0x0035, 0x002f, // RSA AES-CBC-SHA
    0x0084, 0x0041, 0x0096, // RSA CAMELLIA, SEED
    0xc008, 0xc012, 0x0016, 0x0013, 0x000a, // 3DES-EDE-CBC-SHA
    0xc007, 0xc011, 0x0005, 0x0004, // RC4
    0x0015, 0x0009, // single DES
];

/// Suites that exist only from TLS 1.2 on (RFC 5246, 5288, 5289, 7905): offered in a 1.2 hello,
/// first, as a 1.2 client would.
const SUITES_TLS12: &[u16] = &[
    0xc02c, 0xc030, 0xc02b, 0xc02f, // ECDHE AES-GCM
    0xcca9, 0xcca8, // ECDHE CHACHA20-POLY1305
    0x009f, 0x009e, // DHE-RSA AES-GCM
    0xc024, 0xc028, 0xc023, 0xc027, // ECDHE AES-CBC-SHA256/384
    0x006b, 0x0067, // DHE-RSA AES-CBC-SHA256
    0x009d, 0x009c, 0x003d, 0x003c, // RSA AES-GCM, AES-CBC-SHA256
];

/// RFC 5746 §3.3: the signalling value that says "I do secure renegotiation". §3.4 asks for
/// either it or an empty renegotiation_info extension, and calls sending both "NOT
/// RECOMMENDED"; the SCSV is the one every server understands, even one that chokes on (or
/// ignores) extensions, so it is the one sent.
const EMPTY_RENEGOTIATION_INFO_SCSV: u16 = 0x00ff;

/// Extension types (IANA TLS ExtensionType registry).
const EXT_SERVER_NAME: u16 = 0;
const EXT_SUPPORTED_GROUPS: u16 = 10;
const EXT_EC_POINT_FORMATS: u16 = 11;
const EXT_SIGNATURE_ALGORITHMS: u16 = 13;
const EXT_PADDING: u16 = 21;

/// x25519, secp256r1, secp384r1, secp521r1 (RFC 8422 §5.1.1; RFC 4492 called the extension
/// elliptic_curves).
const GROUPS: &[u16] = &[0x001d, 0x0017, 0x0018, 0x0019];

/// RFC 5246 §7.4.1.4.1 pairs (hash, signature), newest first, SHA-1 last.
const SIGNATURE_ALGORITHMS: &[u16] = &[
    0x0403, 0x0503, 0x0603, // ecdsa sha256/384/512
    0x0804, 0x0805, 0x0806, // rsa_pss_rsae sha256/384/512
    0x0401, 0x0501, 0x0601, // rsa_pkcs1 sha256/384/512
    0x0402, 0x0203, 0x0201, 0x0202, // dsa sha256, ecdsa/rsa/dsa sha1
];

/// A ClientHello record ready to send, and the version it asks for.
#[derive(Debug, Clone)]
pub(crate) struct ClientHello {
    pub(crate) version: u16,
    /// The server_name sent, if one was (never an IP literal).
    pub(crate) sni: Option<String>,
    bytes: Vec<u8>,
}

impl ClientHello {
    /// A ClientHello record for `version` (0x0301 TLS 1.0, 0x0302 TLS 1.1, 0x0303 TLS 1.2) with a
    /// fresh random, naming `sni` when it is a DNS name.
    pub(crate) fn new(version: u16, sni: Option<&str>) -> ClientHello {
        let mut random = [0u8; 32];
        // The random only has to look like one: no key is ever derived from this hello. A
        // failing system RNG (it does not fail on Linux) leaves zeros, which servers accept.
        let _ = ring::rand::SecureRandom::fill(&ring::rand::SystemRandom::new(), &mut random);
        Self::with_random(version, sni, &random)
    }

    fn with_random(version: u16, sni: Option<&str>, random: &[u8; 32]) -> ClientHello {
        let sni = sni.and_then(dns_name);
        let bytes = encode(version, sni.as_deref(), random);
        ClientHello {
            version,
            sni,
            bytes,
        }
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub(crate) fn len(&self) -> usize {
        self.bytes.len()
    }
}

/// `name` as a server_name HostName, or None. RFC 6066 §3: "Literal IPv4 and IPv6 addresses are
/// not permitted in HostName", and the name is sent without a trailing dot. A name rustls would
/// not send either (not a valid DNS name) is not sent here.
fn dns_name(name: &str) -> Option<String> {
    let name = name.trim_end_matches('.');
    match ServerName::try_from(name) {
        Ok(ServerName::DnsName(d)) => Some(d.as_ref().to_string()),
        _ => None,
    }
}

fn put_u16(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_be_bytes());
}

/// Append `body` preceded by its length in `width` bytes (2 or 3). Every length here is bounded
/// by what this module builds (a few hundred bytes), far below either width's limit.
fn put_vec(out: &mut Vec<u8>, width: usize, body: &[u8]) {
    let len = (body.len() as u32).to_be_bytes();
    out.extend_from_slice(&len[4 - width..]);
    out.extend_from_slice(body);
}

fn u16_list(items: &[u16]) -> Vec<u8> {
    items.iter().flat_map(|v| v.to_be_bytes()).collect()
}

fn extension(out: &mut Vec<u8>, kind: u16, body: &[u8]) {
    put_u16(out, kind);
    put_vec(out, 2, body);
}

/// The ClientHello record (RFC 5246 §7.4.1.2; RFC 2246 §7.4.1.2 for TLS 1.0, whose hello is the
/// same structure; extensions per RFC 5246 §7.4.1.4 / RFC 3546).
fn encode(version: u16, sni: Option<&str>, random: &[u8; 32]) -> Vec<u8> {
    let mut suites: Vec<u16> = Vec::new();
    if version >= TLS1_2 {
        suites.extend_from_slice(SUITES_TLS12);
    }
    suites.extend_from_slice(SUITES_ALL);
    suites.push(EMPTY_RENEGOTIATION_INFO_SCSV);

    let mut ext = Vec::new();
    if let Some(name) = sni {
        // RFC 6066 §3: ServerNameList of one entry, name_type host_name (0).
        let mut entry = vec![0u8];
        put_vec(&mut entry, 2, name.as_bytes());
        let mut list = Vec::new();
        put_vec(&mut list, 2, &entry);
        extension(&mut ext, EXT_SERVER_NAME, &list);
    }
    let mut groups = Vec::new();
    put_vec(&mut groups, 2, &u16_list(GROUPS));
    extension(&mut ext, EXT_SUPPORTED_GROUPS, &groups);
    // RFC 8422 §5.1.2: uncompressed points only.
    extension(&mut ext, EXT_EC_POINT_FORMATS, &[1, 0]);
    // RFC 5246 §7.4.1.4.1: "this extension is not meaningful for TLS versions prior to 1.2.
    // Clients MUST NOT offer it if they are offering prior versions."
    if version >= TLS1_2 {
        let mut algs = Vec::new();
        put_vec(&mut algs, 2, &u16_list(SIGNATURE_ALGORITHMS));
        extension(&mut ext, EXT_SIGNATURE_ALGORITHMS, &algs);
    }

    let mut body = Vec::new();
    put_u16(&mut body, version);
    body.extend_from_slice(random);
    body.push(0); // no session id: nothing to resume
    put_vec(&mut body, 2, &u16_list(&suites));
    body.extend_from_slice(&[1, 0]); // compression: null only

    // Some servers (an F5 BIG-IP bug) hang on a ClientHello whose handshake message is 256 to
    // 511 bytes long; OpenSSL and BoringSSL pad such a hello to 512 with the RFC 7685 padding
    // extension (whose own header takes 4 bytes), and so does this one.
    let unpadded = 4 + body.len() + 2 + ext.len();
    if (256..512).contains(&unpadded) {
        let pad = (512 - unpadded).saturating_sub(4);
        extension(&mut ext, EXT_PADDING, &vec![0u8; pad]);
    }
    put_vec(&mut body, 2, &ext);

    let mut handshake = vec![CLIENT_HELLO];
    put_vec(&mut handshake, 3, &body);

    // RFC 5246 Appendix E.1: a client that wants to reach older servers sends a record-layer
    // version of the lowest it supports; {03,01} is what servers expect (testssl.sh does the
    // same), and the version asked for is the ClientHello's client_version.
    let mut record = vec![HANDSHAKE];
    put_u16(&mut record, version.min(TLS1_0));
    put_vec(&mut record, 2, &handshake);
    record
}

/// What the server answered to a crafted ClientHello.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub(crate) enum HelloAnswer {
    /// A ServerHello for the version asked: the server accepts it.
    Accepted { version: u16, cipher: u16 },
    /// A ServerHello for another version: not accepted. Older is the server saying it supports
    /// no more than that (RFC 5246 Appendix E.1); newer breaks RFC 5246 §7.4.1.3, which has
    /// the server pick at most the client's version.
    OtherVersion { asked: u16, got: u16, cipher: u16 },
    /// A TLS alert instead of a ServerHello (RFC 5246 §7.2): usually protocol_version (70) or
    /// handshake_failure (40); OpenSSL 3 at security level 1 or more says internal_error (80).
    Alert { level: u8, description: u8 },
    /// Bytes that are no TLS record: the server did not switch to TLS (a plaintext reply).
    NotTls {
        #[serde(serialize_with = "escaped")]
        preview: Vec<u8>,
    },
    /// TLS records that make no sense as an answer to a ClientHello.
    Malformed { why: String },
    /// The connection ended before an answer, after `received` bytes of an incomplete one;
    /// `error` when it was reset or failed rather than closed.
    Closed {
        received: usize,
        #[serde(skip_serializing_if = "Option::is_none")]
        error: Option<String>,
    },
    /// No decisive answer within the timeout, after `received` bytes.
    Timeout { received: usize },
}

fn escaped<S: serde::Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&escape_bytes(bytes))
}

impl HelloAnswer {
    /// The server accepts the version asked for.
    pub(crate) fn accepted(&self) -> bool {
        matches!(self, HelloAnswer::Accepted { .. })
    }

    /// One line for the transcript and the report.
    pub(crate) fn describe(&self) -> String {
        match self {
            HelloAnswer::Accepted { version, cipher } => format!(
                "accepted: ServerHello for {} with {}",
                version_name(*version),
                suite_label(*cipher)
            ),
            HelloAnswer::OtherVersion { asked, got, cipher } => format!(
                "not accepted: ServerHello for {} (with {}) to a {} hello",
                version_name(*got),
                suite_label(*cipher),
                version_name(*asked)
            ),
            HelloAnswer::Alert { level, description } => {
                let level = match level {
                    1 => "warning".to_string(),
                    2 => "fatal".to_string(),
                    l => format!("level {l}"),
                };
                let name = alert_name(*description).unwrap_or("unknown");
                format!("refused: {level} alert {name} ({description})")
            }
            HelloAnswer::NotTls { preview } => {
                let text = escape_bytes(preview);
                format!("not TLS: the server answered in plaintext: {text}")
            }
            HelloAnswer::Malformed { why } => format!("not understood: {why}"),
            HelloAnswer::Closed { received, error } => {
                let how = match error {
                    Some(e) => format!("the connection failed ({e})"),
                    None => "the server closed the connection".to_string(),
                };
                if *received == 0 {
                    format!("no answer: {how}")
                } else {
                    format!("no answer: {how} after {received} bytes of an incomplete record")
                }
            }
            HelloAnswer::Timeout { received: 0 } => {
                "no answer: nothing arrived before the timeout".to_string()
            }
            HelloAnswer::Timeout { received } => {
                format!("no answer: {received} bytes of an incomplete record, then the timeout")
            }
        }
    }
}

/// `TLS 1.0` for 0x0301, and so on; other values in hex.
pub(crate) fn version_name(v: u16) -> String {
    match v {
        0x0002 => "SSL 2.0".into(),
        0x0300 => "SSL 3.0".into(),
        0x0301 => "TLS 1.0".into(),
        0x0302 => "TLS 1.1".into(),
        0x0303 => "TLS 1.2".into(),
        0x0304 => "TLS 1.3".into(),
        v => format!("version 0x{v:04x}"),
    }
}

/// The IANA name of the cipher suites a server may answer with: every one offered here, and the
/// TLS 1.3 ones.
pub(crate) fn suite_name(code: u16) -> Option<&'static str> {
    Some(match code {
        0x0004 => "TLS_RSA_WITH_RC4_128_MD5",
        0x0005 => "TLS_RSA_WITH_RC4_128_SHA",
        0x0009 => "TLS_RSA_WITH_DES_CBC_SHA",
        0x000a => "TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        0x0013 => "TLS_DHE_DSS_WITH_3DES_EDE_CBC_SHA",
        0x0015 => "TLS_DHE_RSA_WITH_DES_CBC_SHA",
        0x0016 => "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
        0x002f => "TLS_RSA_WITH_AES_128_CBC_SHA",
        0x0032 => "TLS_DHE_DSS_WITH_AES_128_CBC_SHA",
        0x0033 => "TLS_DHE_RSA_WITH_AES_128_CBC_SHA",
        0x0035 => "TLS_RSA_WITH_AES_256_CBC_SHA",
        0x0038 => "TLS_DHE_DSS_WITH_AES_256_CBC_SHA",
        0x0039 => "TLS_DHE_RSA_WITH_AES_256_CBC_SHA",
        0x003c => "TLS_RSA_WITH_AES_128_CBC_SHA256",
        0x003d => "TLS_RSA_WITH_AES_256_CBC_SHA256",
        0x0041 => "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA",
        0x0045 => "TLS_DHE_RSA_WITH_CAMELLIA_128_CBC_SHA",
        0x0067 => "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256",
        0x006b => "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256",
        0x0084 => "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA",
        0x0088 => "TLS_DHE_RSA_WITH_CAMELLIA_256_CBC_SHA",
        0x0096 => "TLS_RSA_WITH_SEED_CBC_SHA",
        0x009c => "TLS_RSA_WITH_AES_128_GCM_SHA256",
        0x009d => "TLS_RSA_WITH_AES_256_GCM_SHA384",
        0x009e => "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
        0x009f => "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        0x00ff => "TLS_EMPTY_RENEGOTIATION_INFO_SCSV",
        0x1301 => "TLS_AES_128_GCM_SHA256",
        0x1302 => "TLS_AES_256_GCM_SHA384",
        0x1303 => "TLS_CHACHA20_POLY1305_SHA256",
        0xc007 => "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA",
        0xc008 => "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA",
        0xc009 => "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA",
        0xc00a => "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA",
        0xc011 => "TLS_ECDHE_RSA_WITH_RC4_128_SHA",
        0xc012 => "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA",
        0xc013 => "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        0xc014 => "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA",
        0xc023 => "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256",
        0xc024 => "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384",
        0xc027 => "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
        0xc028 => "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        0xc02b => "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        0xc02c => "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
        0xc02f => "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        0xc030 => "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        0xcca8 => "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        0xcca9 => "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        _ => return None,
    })
}

/// `TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA (0xc014)`, or just the code when it has no name here.
pub(crate) fn suite_label(code: u16) -> String {
    match suite_name(code) {
        Some(n) => format!("{n} (0x{code:04x})"),
        None => format!("cipher suite 0x{code:04x}"),
    }
}

/// Alert descriptions (RFC 5246 §7.2, RFC 8446 §6, RFC 6066 §3 unrecognized_name).
pub(crate) fn alert_name(code: u8) -> Option<&'static str> {
    Some(match code {
        0 => "close_notify",
        10 => "unexpected_message",
        20 => "bad_record_mac",
        21 => "decryption_failed",
        22 => "record_overflow",
        30 => "decompression_failure",
        40 => "handshake_failure",
        41 => "no_certificate",
        42 => "bad_certificate",
        43 => "unsupported_certificate",
        44 => "certificate_revoked",
        45 => "certificate_expired",
        46 => "certificate_unknown",
        47 => "illegal_parameter",
        48 => "unknown_ca",
        49 => "access_denied",
        50 => "decode_error",
        51 => "decrypt_error",
        60 => "export_restriction",
        70 => "protocol_version",
        71 => "insufficient_security",
        80 => "internal_error",
        86 => "inappropriate_fallback",
        90 => "user_canceled",
        100 => "no_renegotiation",
        109 => "missing_extension",
        110 => "unsupported_extension",
        112 => "unrecognized_name",
        116 => "certificate_required",
        120 => "no_application_protocol",
        _ => return None,
    })
}

/// Where reading the answer stands.
#[derive(Debug, PartialEq, Eq)]
enum Step {
    More,
    Done(HelloAnswer),
}

/// The bytes of the handshake layer needed to read a ServerHello's version and cipher suite
/// (header 4, version 2, random 32, session id 1 + 32, suite 2), with room for HelloRequests.
const HANDSHAKE_KEEP: usize = 256;

/// Judge everything received so far (`buf`, from the first byte the server sent) as an answer
/// to a ClientHello for `asked`: a decision, or More while it is a valid prefix. Records are
/// read by their 5-byte header (RFC 5246 §6.2.1: type, version, length); the handshake
/// messages they carry may be split across records and arrive in any pieces.
fn judge(buf: &[u8], asked: u16) -> Step {
    let mut handshake: Vec<u8> = Vec::new();
    let mut pos = 0;
    loop {
        let rest = &buf[pos..];
        let Some(&kind) = rest.first() else {
            return Step::More;
        };
        let first = pos == 0;
        let not_tls = |why: String| {
            if first {
                Step::Done(HelloAnswer::NotTls {
                    preview: buf[..buf.len().min(PREVIEW)].to_vec(),
                })
            } else {
                Step::Done(HelloAnswer::Malformed { why })
            }
        };
        if !(CHANGE_CIPHER_SPEC..=APPLICATION_DATA).contains(&kind) {
            return not_tls(format!("a record of unknown type {kind} after the first"));
        }
        // Every TLS and SSL 3 record version has major 3 (RFC 5246 Appendix E).
        if let Some(&major) = rest.get(1)
            && major != 3
        {
            return not_tls(format!("a record with version major {major}, not 3"));
        }
        if rest.len() < 5 {
            return Step::More;
        }
        let len = usize::from(u16::from_be_bytes([rest[3], rest[4]]));
        if len > MAX_RECORD {
            return Step::Done(HelloAnswer::Malformed {
                why: format!(
                    "a record of {len} bytes, more than the {MAX_RECORD} RFC 5246 §6.2.1 allows"
                ),
            });
        }
        // RFC 5246 §6.2.1: "Implementations MUST NOT send zero-length fragments of Handshake,
        // Alert, or ChangeCipherSpec content types."
        if len == 0 && kind != APPLICATION_DATA {
            return Step::Done(HelloAnswer::Malformed {
                why: format!("an empty {} record", record_name(kind)),
            });
        }
        let body = &rest[5..rest.len().min(5 + len)];
        let complete = body.len() == len;
        match kind {
            ALERT => {
                // RFC 5246 §7.2: level, description. A record may carry more than one; the
                // first is the answer.
                if len < 2 {
                    return Step::Done(HelloAnswer::Malformed {
                        why: format!("an alert record of {len} byte"),
                    });
                }
                return match body {
                    [level, description, ..] => Step::Done(HelloAnswer::Alert {
                        level: *level,
                        description: *description,
                    }),
                    _ => Step::More,
                };
            }
            HANDSHAKE => {
                let room = HANDSHAKE_KEEP.saturating_sub(handshake.len());
                handshake.extend_from_slice(&body[..body.len().min(room)]);
                if let Some(answer) = server_hello(&handshake, asked) {
                    return Step::Done(answer);
                }
                if !complete {
                    return Step::More;
                }
            }
            _ => {
                return Step::Done(HelloAnswer::Malformed {
                    why: format!("{} before any ServerHello", record_name(kind)),
                });
            }
        }
        pos += 5 + len;
    }
}

fn record_name(kind: u8) -> &'static str {
    match kind {
        CHANGE_CIPHER_SPEC => "change_cipher_spec",
        ALERT => "alert",
        HANDSHAKE => "handshake",
        _ => "application data",
    }
}

/// The answer in the handshake bytes so far, or None while they are a valid prefix of a
/// ServerHello (RFC 5246 §7.4.1.3: server_version, random, session_id, cipher_suite,
/// compression_method, extensions; the same in RFC 2246 without extensions).
fn server_hello(hs: &[u8], asked: u16) -> Option<HelloAnswer> {
    let bad = |why: String| Some(HelloAnswer::Malformed { why });
    let mut hs = hs;
    // RFC 5246 §7.4.1.1: a HelloRequest (type 0, empty) may come at any time and a client in
    // the middle of a handshake ignores it.
    while hs.len() >= 4 && hs[..4] == [HELLO_REQUEST, 0, 0, 0] {
        hs = &hs[4..];
    }
    let kind = *hs.first()?;
    if kind != SERVER_HELLO {
        return bad(format!(
            "handshake message type {kind} where a ServerHello (2) must come first"
        ));
    }
    if hs.len() < 4 {
        return None;
    }
    let len = u32::from_be_bytes([0, hs[1], hs[2], hs[3]]) as usize;
    // version 2 + random 32 + session_id length 1 + cipher_suite 2 + compression_method 1
    if len < 38 {
        return bad(format!("a ServerHello of {len} bytes: too short"));
    }
    let msg = &hs[4..];
    let version = u16::from_be_bytes([*msg.first()?, *msg.get(1)?]);
    let sid_len = usize::from(*msg.get(34)?);
    if sid_len > 32 {
        return bad(format!(
            "a ServerHello with a session id of {sid_len} bytes (at most 32)"
        ));
    }
    if len < 38 + sid_len {
        return bad(format!(
            "a ServerHello of {len} bytes: too short for its {sid_len}-byte session id"
        ));
    }
    let at = 35 + sid_len;
    let cipher = u16::from_be_bytes([*msg.get(at)?, *msg.get(at + 1)?]);
    if version >> 8 != 3 {
        return bad(format!("a ServerHello for {}", version_name(version)));
    }
    Some(if version == asked {
        HelloAnswer::Accepted { version, cipher }
    } else {
        HelloAnswer::OtherVersion {
            asked,
            got: version,
            cipher,
        }
    })
}

/// Send `hello` and read the answer, all within `timeout`, reading at most [`MAX_ANSWER`]
/// bytes. Nothing else is sent; the caller drops the connection afterwards.
pub(crate) async fn exchange<S: AsyncRead + AsyncWrite + Unpin>(
    io: &mut S,
    hello: &ClientHello,
    timeout: Duration,
) -> HelloAnswer {
    let deadline = Instant::now() + timeout;
    let sent = async {
        io.write_all(hello.bytes()).await?;
        io.flush().await
    };
    match tokio::time::timeout_at(deadline, sent).await {
        Err(_) => return HelloAnswer::Timeout { received: 0 },
        Ok(Err(e)) => {
            return HelloAnswer::Closed {
                received: 0,
                error: Some(format!("sending the ClientHello: {e}")),
            };
        }
        Ok(Ok(())) => {}
    }
    let mut buf: Vec<u8> = Vec::with_capacity(4096);
    let mut chunk = [0u8; 4096];
    loop {
        if let Step::Done(answer) = judge(&buf, hello.version) {
            return answer;
        }
        if buf.len() >= MAX_ANSWER {
            return HelloAnswer::Malformed {
                why: format!("no ServerHello or alert in the first {MAX_ANSWER} bytes"),
            };
        }
        let room = chunk.len().min(MAX_ANSWER - buf.len());
        match tokio::time::timeout_at(deadline, io.read(&mut chunk[..room])).await {
            Err(_) => {
                return HelloAnswer::Timeout {
                    received: buf.len(),
                };
            }
            Ok(Ok(0)) => {
                return HelloAnswer::Closed {
                    received: buf.len(),
                    error: None,
                };
            }
            Ok(Ok(n)) => buf.extend_from_slice(&chunk[..n]),
            Ok(Err(e)) => {
                return HelloAnswer::Closed {
                    received: buf.len(),
                    error: Some(e.to_string()),
                };
            }
        }
    }
}

/// Offer `version` on `io` (a fresh connection, or one right after STARTTLS's go-ahead) and
/// read the answer within `timeout`. `sni` is sent as server_name unless it is an IP literal.
// The one-call form (the tests use it); audit::probe builds the ClientHello itself, to log its
// size before sending.
#[cfg(test)]
pub(crate) async fn offer<S: AsyncRead + AsyncWrite + Unpin>(
    io: &mut S,
    version: u16,
    sni: Option<&str>,
    timeout: Duration,
) -> HelloAnswer {
    exchange(io, &ClientHello::new(version, sni), timeout).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    /// A ClientHello taken apart field by field, every length checked against what it holds.
    struct Parsed {
        record_version: u16,
        client_version: u16,
        random: Vec<u8>,
        session_id: Vec<u8>,
        suites: Vec<u16>,
        compression: Vec<u8>,
        handshake_len: usize,
        extensions: Vec<(u16, Vec<u8>)>,
    }

    fn take<'a>(b: &mut &'a [u8], n: usize) -> &'a [u8] {
        assert!(b.len() >= n, "wanted {n} bytes, {} left", b.len());
        let (head, tail) = b.split_at(n);
        *b = tail;
        head
    }

    fn num(b: &mut &[u8], width: usize) -> usize {
        take(b, width)
            .iter()
            .fold(0usize, |acc, &x| acc << 8 | usize::from(x))
    }

    fn parse(record: &[u8]) -> Parsed {
        let mut b = record;
        assert_eq!(num(&mut b, 1), 22, "record type handshake");
        let record_version = num(&mut b, 2) as u16;
        let record_len = num(&mut b, 2);
        assert_eq!(record_len, b.len(), "record length covers the rest");
        assert_eq!(num(&mut b, 1), 1, "handshake type client_hello");
        let handshake_len = num(&mut b, 3);
        assert_eq!(handshake_len, b.len(), "handshake length covers the rest");
        let client_version = num(&mut b, 2) as u16;
        let random = take(&mut b, 32).to_vec();
        let n = num(&mut b, 1);
        let session_id = take(&mut b, n).to_vec();
        let n = num(&mut b, 2);
        assert_eq!(n % 2, 0);
        let suites = take(&mut b, n)
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], c[1]]))
            .collect();
        let n = num(&mut b, 1);
        let compression = take(&mut b, n).to_vec();
        let n = num(&mut b, 2);
        assert_eq!(n, b.len(), "extensions length covers the rest");
        let mut extensions = Vec::new();
        while !b.is_empty() {
            let kind = num(&mut b, 2) as u16;
            let n = num(&mut b, 2);
            extensions.push((kind, take(&mut b, n).to_vec()));
        }
        Parsed {
            record_version,
            client_version,
            random,
            session_id,
            suites,
            compression,
            handshake_len: handshake_len + 4,
            extensions,
        }
    }

    impl Parsed {
        fn ext(&self, kind: u16) -> Option<&[u8]> {
            self.extensions
                .iter()
                .find(|(k, _)| *k == kind)
                .map(|(_, v)| v.as_slice())
        }

        /// The host_name in the server_name extension, checking its inner lengths.
        fn sni(&self) -> Option<String> {
            let mut b = self.ext(EXT_SERVER_NAME)?;
            let list = num(&mut b, 2);
            assert_eq!(list, b.len());
            assert_eq!(num(&mut b, 1), 0, "name_type host_name");
            let n = num(&mut b, 2);
            let name = take(&mut b, n);
            assert!(b.is_empty(), "one name only");
            Some(String::from_utf8(name.to_vec()).unwrap())
        }
    }

    #[test]
    fn client_hello_fields_and_lengths_agree() {
        let names = [
            (None, None),
            (Some("mx.example.org"), Some("mx.example.org")),
            (Some("MX.Example.ORG."), Some("MX.Example.ORG")),
            (Some("192.0.2.25"), None),
            (Some("2001:db8::25"), None),
            (Some("not a name!"), None),
            (Some(""), None),
        ];
        for version in [TLS1_0, TLS1_1, TLS1_2] {
            for (given, sent) in names {
                let hello = ClientHello::new(version, given);
                let p = parse(hello.bytes());
                let what = format!("{} {given:?}", version_name(version));
                assert_eq!(p.record_version, TLS1_0, "{what}");
                assert_eq!(p.client_version, version, "{what}");
                assert_eq!(hello.version, version);
                assert_eq!(p.random.len(), 32);
                assert!(p.session_id.is_empty());
                assert_eq!(p.compression, [0]);
                assert_eq!(p.sni().as_deref(), sent, "{what}");
                assert_eq!(hello.sni.as_deref(), sent, "{what}");
                // RFC 7685 padding keeps the hello out of the 256..512 range.
                assert!(!(256..512).contains(&p.handshake_len), "{what}");
                let mut kinds: Vec<u16> = p.extensions.iter().map(|(k, _)| *k).collect();
                kinds.sort();
                kinds.dedup();
                assert_eq!(
                    kinds.len(),
                    p.extensions.len(),
                    "an extension twice: {what}"
                );
                let mut suites = p.suites.clone();
                suites.sort();
                suites.dedup();
                assert_eq!(suites.len(), p.suites.len(), "a suite twice: {what}");
                for s in [0xc014, 0xc013, 0x002f, 0x0035, 0x000a, 0x0033, 0x00ff] {
                    assert!(p.suites.contains(&s), "{what}: 0x{s:04x}");
                }
                for s in &p.suites {
                    assert!(suite_name(*s).is_some(), "unnamed suite 0x{s:04x}");
                }
                let tls12 = version >= TLS1_2;
                assert_eq!(p.suites.contains(&0xc02f), tls12, "{what}");
                assert_eq!(p.ext(EXT_SIGNATURE_ALGORITHMS).is_some(), tls12, "{what}");
                let groups = p.ext(EXT_SUPPORTED_GROUPS).unwrap();
                assert_eq!(&groups[..2], &[0, 8]);
                for g in [[0x00, 0x1d], [0x00, 0x17], [0x00, 0x18]] {
                    assert!(groups[2..].chunks(2).any(|c| c == g), "{what}");
                }
                assert_eq!(p.ext(EXT_EC_POINT_FORMATS), Some(&[1u8, 0][..]));
                // RFC 5746 §3.4: the SCSV, not also the extension.
                assert!(p.ext(0xff01).is_none());
            }
        }
    }

    #[test]
    fn padding_fills_the_hello_to_512_when_it_would_fall_short() {
        // Names long enough to push the hello into the 256..512 range.
        for n in [40, 100, 150, 200] {
            let name = format!("{}.example", "a".repeat(n.min(63)));
            let name = if n > 63 {
                format!("{}.{name}", "b".repeat(n - 63))
            } else {
                name
            };
            let p = parse(ClientHello::new(TLS1_2, Some(&name)).bytes());
            assert!(!(256..512).contains(&p.handshake_len), "{n}");
            if p.ext(EXT_PADDING).is_some() {
                assert_eq!(p.handshake_len, 512);
            }
        }
    }

    #[test]
    fn every_hello_has_its_own_random() {
        let a = ClientHello::new(TLS1_0, Some("mx.example.org"));
        let b = ClientHello::new(TLS1_0, Some("mx.example.org"));
        assert_eq!(a.len(), b.len());
        let differ: Vec<usize> = (0..a.len())
            .filter(|&i| a.bytes()[i] != b.bytes()[i])
            .collect();
        assert!(!differ.is_empty());
        // Record header 5, handshake header 4, client_version 2: the random is bytes 11..43.
        assert!(differ.iter().all(|i| (11..43).contains(i)), "{differ:?}");
    }

    /// A ServerHello record OpenSSL 3.0 (`s_server -tls1 -cipher 'ALL:@SECLEVEL=0'`, EC
    /// certificate) sent to a TLS 1.0 hello: TLS 1.0, ECDHE-ECDSA-AES256-SHA, extensions
    /// renegotiation_info, ec_point_formats, session_ticket, encrypt_then_mac,
    /// extended_master_secret; then the first bytes of its Certificate record.
    const OPENSSL_TLS10: &str = "16030100450200004103010f28e729f3fc9fbc3f3eb33c85a7554af895138805\
        88d17182dabef91ab56c5a00c00a000019ff01000100000b0004030001020023000000160000001700\
        0016030101db0b0001d70001d40001d1308201cd";

    /// OpenSSL 3.0's default s_server (security level 1) to the same hello: fatal
    /// internal_error.
    const OPENSSL_INTERNAL_ERROR: &str = "15030100020250";

    fn hex(s: &str) -> Vec<u8> {
        let s: String = s.split_whitespace().collect();
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// A ServerHello record: `version`, `cipher`, a session id of `sid` bytes, no extensions.
    fn server_hello_record(version: u16, cipher: u16, sid: usize) -> Vec<u8> {
        let mut body = version.to_be_bytes().to_vec();
        body.extend_from_slice(&[0x5a; 32]);
        body.push(sid as u8);
        body.extend(std::iter::repeat_n(0x11, sid));
        body.extend_from_slice(&cipher.to_be_bytes());
        body.push(0);
        let mut hs = vec![SERVER_HELLO];
        put_vec(&mut hs, 3, &body);
        record(HANDSHAKE, &hs)
    }

    fn record(kind: u8, body: &[u8]) -> Vec<u8> {
        let mut r = vec![kind, 3, 1];
        put_vec(&mut r, 2, body);
        r
    }

    /// The same handshake bytes, one record per byte (legal: RFC 5246 §6.2.1 lets a sender
    /// fragment handshake messages across records as it likes).
    fn one_byte_records(handshake: &[u8]) -> Vec<u8> {
        handshake
            .iter()
            .flat_map(|b| record(HANDSHAKE, &[*b]))
            .collect()
    }

    fn done(buf: &[u8], asked: u16) -> HelloAnswer {
        match judge(buf, asked) {
            Step::Done(a) => a,
            Step::More => panic!("undecided: {}", escape_bytes(buf)),
        }
    }

    #[test]
    fn reads_a_captured_openssl_server_hello() {
        let f = hex(OPENSSL_TLS10);
        let a = done(&f, TLS1_0);
        assert_eq!(
            a,
            HelloAnswer::Accepted {
                version: TLS1_0,
                cipher: 0xc00a
            }
        );
        assert!(a.accepted());
        assert_eq!(
            a.describe(),
            "accepted: ServerHello for TLS 1.0 with TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA (0xc00a)"
        );
        // The same bytes to a 1.2 hello: the server is stuck at 1.0.
        let a = done(&f, TLS1_2);
        assert_eq!(
            a,
            HelloAnswer::OtherVersion {
                asked: TLS1_2,
                got: TLS1_0,
                cipher: 0xc00a
            }
        );
        assert!(!a.accepted());
        assert!(
            a.describe()
                .starts_with("not accepted: ServerHello for TLS 1.0")
        );
        let a = done(&hex(OPENSSL_INTERNAL_ERROR), TLS1_0);
        assert_eq!(
            a,
            HelloAnswer::Alert {
                level: 2,
                description: 80
            }
        );
        assert_eq!(a.describe(), "refused: fatal alert internal_error (80)");
    }

    #[test]
    fn a_newer_version_than_asked_is_not_acceptance() {
        let a = done(&server_hello_record(TLS1_2, 0xc02f, 0), TLS1_0);
        assert_eq!(
            a,
            HelloAnswer::OtherVersion {
                asked: TLS1_0,
                got: TLS1_2,
                cipher: 0xc02f
            }
        );
        assert!(!a.accepted());
    }

    #[test]
    fn alerts_are_named() {
        let a = done(&record(ALERT, &[2, 70]), TLS1_0);
        assert_eq!(a.describe(), "refused: fatal alert protocol_version (70)");
        let a = done(&record(ALERT, &[1, 112]), TLS1_0);
        assert_eq!(
            a.describe(),
            "refused: warning alert unrecognized_name (112)"
        );
        let a = done(&record(ALERT, &[7, 250]), TLS1_0);
        assert_eq!(a.describe(), "refused: level 7 alert unknown (250)");
    }

    #[test]
    fn a_plaintext_reply_is_not_tls() {
        let a = done(b"220 mx.example.org ESMTP\r\n", TLS1_0);
        assert_eq!(
            a,
            HelloAnswer::NotTls {
                preview: b"220 mx.example.org ESMTP\r\n".to_vec()
            }
        );
        assert_eq!(
            a.describe(),
            "not TLS: the server answered in plaintext: 220 mx.example.org ESMTP\\x0d\\x0a"
        );
        // One byte is enough to know.
        assert!(matches!(done(b"5", TLS1_0), HelloAnswer::NotTls { .. }));
        // A TLS-looking type with a version that is no TLS version.
        assert!(matches!(
            done(&[22, 0x32, 0x30], TLS1_0),
            HelloAnswer::NotTls { .. }
        ));
        // The preview is bounded.
        let long = vec![b'x'; 5000];
        let HelloAnswer::NotTls { preview } = done(&long, TLS1_0) else {
            panic!()
        };
        assert_eq!(preview.len(), PREVIEW);
    }

    #[test]
    fn malformed_answers_are_named() {
        let why = |buf: &[u8]| match done(buf, TLS1_0) {
            HelloAnswer::Malformed { why } => why,
            other => panic!("{other:?}"),
        };
        // Over the cap: decided from the header alone, without waiting for 65535 bytes.
        assert!(why(&[22, 3, 1, 0xff, 0xff]).contains("65535 bytes"));
        assert!(why(&[22, 3, 1, 0x40, 0x01]).contains("16385 bytes"));
        assert!(why(&[22, 3, 1, 0, 0]).contains("empty handshake record"));
        assert!(why(&[21, 3, 1, 0, 1, 2]).contains("alert record of 1 byte"));
        assert!(why(&record(CHANGE_CIPHER_SPEC, &[1])).contains("change_cipher_spec"));
        assert!(why(&record(APPLICATION_DATA, b"hi")).contains("application data"));
        // A Certificate (11) first.
        assert!(why(&record(HANDSHAKE, &[11, 0, 0, 3, 0, 0, 0])).contains("type 11"));
        // A ServerHello too short to hold its fields.
        assert!(why(&record(HANDSHAKE, &[2, 0, 0, 10])).contains("too short"));
        // A session id longer than 32 bytes.
        let mut f = server_hello_record(TLS1_0, 0xc014, 0);
        f[5 + 4 + 34] = 33;
        assert!(why(&f).contains("session id of 33"));
        // A ServerHello whose version is no TLS version.
        assert!(why(&server_hello_record(0x0202, 0xc014, 0)).contains("0x0202"));
        // A second record that is not TLS, after a handshake record that held no full hello.
        let mut f = record(HANDSHAKE, &[2, 0]);
        f.extend_from_slice(b"220 hello\r\n");
        assert!(why(&f).contains("unknown type 50"));
    }

    #[test]
    fn fragmented_and_interrupted_handshakes() {
        let hello = server_hello_record(TLS1_1, 0x0035, 32);
        let accepted = HelloAnswer::Accepted {
            version: TLS1_1,
            cipher: 0x0035,
        };
        // One record per handshake byte.
        let f = one_byte_records(&hello[5..]);
        assert_eq!(done(&f, TLS1_1), accepted);
        // HelloRequests before it are ignored (RFC 5246 §7.4.1.1).
        let mut hs = [HELLO_REQUEST, 0, 0, 0].repeat(3);
        hs.extend_from_slice(&hello[5..]);
        assert_eq!(done(&record(HANDSHAKE, &hs), TLS1_1), accepted);
        // An alert in the middle of a fragmented ServerHello is the answer.
        let mut f = one_byte_records(&hello[5..20]);
        f.extend(record(ALERT, &[2, 40]));
        assert_eq!(
            done(&f, TLS1_1),
            HelloAnswer::Alert {
                level: 2,
                description: 40
            }
        );
    }

    /// Every prefix of an answer is either "more" or already the answer the whole gives.
    fn prefixes_agree(f: &[u8], asked: u16) {
        let whole = judge(f, asked);
        for k in 0..=f.len() {
            let step = judge(&f[..k], asked);
            // Plaintext is known from its first byte; the preview grows with what is in.
            let both_plain = matches!(
                (&step, &whole),
                (
                    Step::Done(HelloAnswer::NotTls { .. }),
                    Step::Done(HelloAnswer::NotTls { .. })
                )
            );
            assert!(
                step == Step::More || step == whole || both_plain,
                "prefix {k} of {}: {step:?} vs {whole:?}",
                escape_bytes(f)
            );
        }
    }

    #[test]
    fn every_truncation_is_more_or_the_final_answer() {
        let fixtures = [
            hex(OPENSSL_TLS10),
            hex(OPENSSL_INTERNAL_ERROR),
            server_hello_record(TLS1_2, 0xc030, 32),
            server_hello_record(TLS1_0, 0x000a, 0),
            one_byte_records(&server_hello_record(TLS1_0, 0x000a, 7)[5..]),
            b"220 mx ESMTP\r\n".to_vec(),
            vec![22, 3, 1, 0x40, 0x01],
        ];
        for f in &fixtures {
            for asked in [TLS1_0, TLS1_1, TLS1_2] {
                prefixes_agree(f, asked);
            }
        }
        // A truncated ServerHello stays undecided (the reader then reports Closed or Timeout).
        let f = server_hello_record(TLS1_0, 0x000a, 0);
        for k in 0..40 {
            assert_eq!(judge(&f[..k], TLS1_0), Step::More, "{k}");
        }
    }

    /// xorshift64*: deterministic garbage, no dependency.
    struct Rng(u64);
    impl Rng {
        fn next(&mut self) -> u64 {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn byte(&mut self) -> u8 {
            (self.next() >> 32) as u8
        }
    }

    #[test]
    fn garbage_never_panics_and_previews_stay_bounded() {
        let check = |buf: &[u8]| {
            for asked in [TLS1_0, TLS1_2] {
                if let Step::Done(a) = judge(buf, asked) {
                    let _ = a.describe();
                    if let HelloAnswer::NotTls { preview } = &a {
                        assert!(preview.len() <= PREVIEW);
                    }
                }
            }
        };
        // Every single-byte change of every fixture.
        for f in [
            hex(OPENSSL_TLS10),
            server_hello_record(TLS1_0, 0xc014, 32),
            one_byte_records(&server_hello_record(TLS1_0, 0x000a, 3)[5..]),
        ] {
            for i in 0..f.len() {
                for v in 0..=255u8 {
                    let mut g = f.clone();
                    g[i] = v;
                    check(&g);
                }
            }
        }
        // Random buffers, half of them behind a plausible record header.
        let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
        for n in 0..20_000 {
            let len = (rng.next() % 300) as usize;
            let mut g: Vec<u8> = (0..len).map(|_| rng.byte()).collect();
            if n % 2 == 0 && g.len() >= 5 {
                g[0] = [21, 22][n % 4 / 2];
                g[1] = 3;
                g[3] = 0;
            }
            check(&g);
        }
    }

    #[test]
    fn names_for_versions_suites_and_alerts() {
        assert_eq!(version_name(0x0301), "TLS 1.0");
        assert_eq!(version_name(0x0300), "SSL 3.0");
        assert_eq!(version_name(0x7f1c), "version 0x7f1c");
        assert_eq!(
            suite_label(0xc014),
            "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA (0xc014)"
        );
        assert_eq!(suite_label(0x1234), "cipher suite 0x1234");
        assert_eq!(alert_name(70), Some("protocol_version"));
        assert_eq!(alert_name(3), None);
    }

    #[test]
    fn answers_serialize_with_escaped_previews() {
        let a = HelloAnswer::NotTls {
            preview: b"220 \x1b[2J\r\n".to_vec(),
        };
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(v["answer"], "not_tls");
        assert_eq!(v["preview"], "220 \\x1b[2J\\x0d\\x0a");
        let v = serde_json::to_value(HelloAnswer::Accepted {
            version: TLS1_0,
            cipher: 0xc014,
        })
        .unwrap();
        assert_eq!(v["answer"], "accepted");
        assert_eq!(v["version"], 0x0301);
    }

    // ---- over a stream: what the peer receives, reads split anyhow, EOF, timeout, caps.

    const T: Duration = Duration::from_millis(400);

    #[tokio::test]
    async fn sends_the_hello_and_nothing_else() {
        let (mut a, mut b) = tokio::io::duplex(64);
        let hello = ClientHello::new(TLS1_0, Some("mx.example.org"));
        let expect = hello.bytes().to_vec();
        let peer = tokio::spawn(async move {
            let mut got = vec![0u8; expect.len()];
            b.read_exact(&mut got).await.unwrap();
            assert_eq!(got, expect);
            // The answer, one byte per write, until the client has read enough and gone.
            for byte in hex(OPENSSL_TLS10) {
                if b.write_all(&[byte]).await.is_err() {
                    break;
                }
                tokio::task::yield_now().await;
            }
            // Then nothing more arrives from the client: it reads to EOF once the client
            // drops its end.
            let mut rest = Vec::new();
            b.read_to_end(&mut rest).await.unwrap();
            rest
        });
        let answer = exchange(&mut a, &hello, Duration::from_secs(5)).await;
        drop(a);
        assert_eq!(
            answer,
            HelloAnswer::Accepted {
                version: TLS1_0,
                cipher: 0xc00a
            }
        );
        assert!(peer.await.unwrap().is_empty());
    }

    #[tokio::test]
    async fn a_silent_server_times_out_in_time() {
        let (mut a, _b) = tokio::io::duplex(1024);
        let t = std::time::Instant::now();
        assert_eq!(
            offer(&mut a, TLS1_0, None, T).await,
            HelloAnswer::Timeout { received: 0 }
        );
        assert!(t.elapsed() < T * 3, "{:?}", t.elapsed());
    }

    #[tokio::test]
    async fn a_dripping_server_cannot_extend_the_timeout() {
        let (mut a, mut b) = tokio::io::duplex(1 << 16);
        tokio::spawn(async move {
            // HelloRequests, one a record, forever: always a valid prefix, never an answer.
            for _ in 0..10_000 {
                if b.write_all(&record(HANDSHAKE, &[0, 0, 0, 0]))
                    .await
                    .is_err()
                {
                    return;
                }
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
        let t = std::time::Instant::now();
        let a = offer(&mut a, TLS1_0, None, T).await;
        assert!(
            matches!(a, HelloAnswer::Timeout { received } if received > 0),
            "{a:?}"
        );
        assert!(t.elapsed() < T * 3, "{:?}", t.elapsed());
    }

    #[tokio::test]
    async fn a_flood_without_an_answer_stops_at_the_cap() {
        let (mut a, mut b) = tokio::io::duplex(1 << 16);
        tokio::spawn(async move {
            let flood = record(HANDSHAKE, &[0, 0, 0, 0]).repeat(10_000);
            let _ = b.write_all(&flood).await;
            tokio::time::sleep(Duration::from_secs(10)).await;
        });
        let a = offer(&mut a, TLS1_0, None, Duration::from_secs(5)).await;
        assert_eq!(
            a,
            HelloAnswer::Malformed {
                why: format!("no ServerHello or alert in the first {MAX_ANSWER} bytes")
            }
        );
    }

    #[tokio::test]
    async fn eof_before_and_during_the_answer() {
        let (mut a, b) = tokio::io::duplex(1024);
        drop(b);
        // The write itself fails on a closed duplex: reported, not panicked on.
        let answer = offer(&mut a, TLS1_0, None, T).await;
        assert!(
            matches!(answer, HelloAnswer::Closed { received: 0, .. }),
            "{answer:?}"
        );
        assert!(answer.describe().starts_with("no answer:"));

        let (mut a, mut b) = tokio::io::duplex(4096);
        tokio::spawn(async move {
            let mut hello = [0u8; 5];
            b.read_exact(&mut hello).await.unwrap();
            b.write_all(&server_hello_record(TLS1_0, 0x000a, 0)[..20])
                .await
                .unwrap();
            // Dropped: EOF in the middle of the record.
        });
        let answer = offer(&mut a, TLS1_0, None, T).await;
        assert_eq!(
            answer,
            HelloAnswer::Closed {
                received: 20,
                error: None
            }
        );
        assert_eq!(
            answer.describe(),
            "no answer: the server closed the connection after 20 bytes of an incomplete record"
        );
    }
}

/// Against real OpenSSL 3 servers (`openssl s_server`): the versions each accepts, as OpenSSL
/// itself decides, and the server_name as OpenSSL reads it.
#[cfg(test)]
mod openssl {
    use super::*;
    use crate::transport::test_openssl::{Key, OpensslServer};

    /// OpenSSL 3.0 at its default security level 1 answers a TLS 1.0/1.1 hello with an
    /// internal_error alert (their handshake signatures use SHA-1): a server that still takes
    /// them runs at level 0, as `@SECLEVEL=0` asks (Postfix sets level 0 on its own contexts).
    const LEGACY: &str = "ALL:@SECLEVEL=0";

    async fn ask(server: &OpensslServer, version: u16, sni: Option<&str>) -> HelloAnswer {
        let mut s = tokio::net::TcpStream::connect(server.addr).await.unwrap();
        offer(&mut s, version, sni, Duration::from_secs(10)).await
    }

    fn accepted(version: u16) -> impl Fn(&HelloAnswer) -> bool {
        move |a| matches!(a, HelloAnswer::Accepted { version: v, cipher } if *v == version && suite_name(*cipher).is_some())
    }

    #[tokio::test]
    async fn a_tls10_only_server() {
        for key in [Key::Ec, Key::Rsa] {
            let s = OpensslServer::start(key, &["-tls1", "-cipher", LEGACY]);
            let a = ask(&s, TLS1_0, Some("localhost")).await;
            assert!(accepted(TLS1_0)(&a), "{key:?}: {a:?}");
            // Asked for more, it answers with the 1.0 it has (RFC 5246 Appendix E.1).
            for v in [TLS1_1, TLS1_2] {
                let a = ask(&s, v, Some("localhost")).await;
                assert!(
                    matches!(a, HelloAnswer::OtherVersion { got: TLS1_0, .. }),
                    "{key:?} {}: {a:?}",
                    version_name(v)
                );
            }
        }
    }

    #[tokio::test]
    async fn a_tls11_only_server() {
        let s = OpensslServer::start(Key::Ec, &["-tls1_1", "-cipher", LEGACY]);
        let a = ask(&s, TLS1_1, None).await;
        assert!(accepted(TLS1_1)(&a), "{a:?}");
        let a = ask(&s, TLS1_0, None).await;
        assert!(
            matches!(
                a,
                HelloAnswer::Alert {
                    level: 2,
                    description: 70
                }
            ),
            "{a:?}"
        );
        let a = ask(&s, TLS1_2, None).await;
        assert!(
            matches!(a, HelloAnswer::OtherVersion { got: TLS1_1, .. }),
            "{a:?}"
        );
    }

    #[tokio::test]
    async fn a_default_server_takes_only_tls12() {
        // OpenSSL 3.0's defaults: TLS 1.0 enabled in name, refused by security level 1.
        let s = OpensslServer::start(Key::Ec, &[]);
        for v in [TLS1_0, TLS1_1] {
            let a = ask(&s, v, Some("localhost")).await;
            assert!(!a.accepted(), "{}: {a:?}", version_name(v));
            assert!(matches!(a, HelloAnswer::Alert { level: 2, .. }), "{a:?}");
        }
        let a = ask(&s, TLS1_2, Some("localhost")).await;
        assert!(accepted(TLS1_2)(&a), "{a:?}");
    }

    #[tokio::test]
    async fn a_tls12_minimum_server_says_protocol_version() {
        let s = OpensslServer::start(Key::Rsa, &["-no_tls1", "-no_tls1_1", "-cipher", LEGACY]);
        for v in [TLS1_0, TLS1_1] {
            let a = ask(&s, v, None).await;
            assert_eq!(
                a,
                HelloAnswer::Alert {
                    level: 2,
                    description: 70
                },
                "{}",
                version_name(v)
            );
        }
        assert!(accepted(TLS1_2)(&ask(&s, TLS1_2, None).await));
    }

    #[tokio::test]
    async fn openssl_reads_our_server_name() {
        // s_server checks the server_name against -servername and, with -servername_fatal,
        // refuses another one with unrecognized_name (RFC 6066 §3).
        let s = OpensslServer::start(
            Key::Ec,
            &[
                "-tls1",
                "-cipher",
                LEGACY,
                "-servername",
                "mx.example.org",
                "-servername_fatal",
            ],
        );
        let a = ask(&s, TLS1_0, Some("mx.example.org")).await;
        assert!(accepted(TLS1_0)(&a), "{a:?}");
        let a = ask(&s, TLS1_0, Some("other.example.org")).await;
        assert_eq!(
            a,
            HelloAnswer::Alert {
                level: 2,
                description: 112
            }
        );
        // An IP literal is never sent, so there is nothing to mismatch.
        let a = ask(&s, TLS1_0, Some("127.0.0.1")).await;
        assert!(accepted(TLS1_0)(&a), "{a:?}");
    }
}
