//! DKIM signature verification (RFC 6376 §6) with RFC 8301 (no rsa-sha1, RSA ≥ 1024 bits) and
//! RFC 8463 (Ed25519-SHA256). Pure and synchronous: the keys are fetched beforehand (through our
//! resolver, once per selector and domain) and handed in, so messages verify on all cores.

use super::canon::{self, Canon, Field};
use super::diagnose::{self, CountDiff};
use crate::dns::Negative;
use crate::dns::dkimkey::{DkimKey, parse_dkim_key};
use crate::dns::finding::{Finding, Severity};
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use ring::signature::{self, UnparsedPublicKey};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// Every fetched key by name (`<s>._domainkey.<d>`), shared by the threads that verify.
pub type Keys = HashMap<String, Arc<KeyFetch>>;

/// base64 with FWS removed beforehand (RFC 6376 §2.4); padding tolerated either way.
const B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// Future `t=` tolerated before a warning (clock skew, RFC 6376 §3.5 t=).
const CLOCK_SKEW: u64 = 300;

/// A signing algorithm (RFC 6376 §3.3, RFC 8463 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Algo {
    RsaSha256,
    RsaSha1,
    Ed25519Sha256,
}

impl Algo {
    fn key_type(self) -> &'static str {
        match self {
            Algo::RsaSha256 | Algo::RsaSha1 => "rsa",
            Algo::Ed25519Sha256 => "ed25519",
        }
    }
    fn hash_name(self) -> &'static str {
        match self {
            Algo::RsaSha1 => "sha1",
            _ => "sha256",
        }
    }
    fn digest(self, data: &[u8]) -> Vec<u8> {
        let alg = match self {
            Algo::RsaSha1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            _ => &ring::digest::SHA256,
        };
        ring::digest::digest(alg, data).as_ref().to_vec()
    }
}

/// A DKIM-Signature header field, parsed (RFC 6376 §3.5). `problems` non-empty: permerror.
#[derive(Debug, Clone, Default)]
pub struct Signature {
    /// Index of the DKIM-Signature field among the message's header fields.
    pub field: usize,
    pub tags: Vec<(String, String)>,
    pub algo: Option<Algo>,
    pub header_canon: Option<Canon>,
    pub body_canon: Option<Canon>,
    pub d: Option<String>,
    pub s: Option<String>,
    /// `h=`, lowercased.
    pub h: Vec<String>,
    pub l: Option<u64>,
    pub t: Option<u64>,
    pub x: Option<u64>,
    pub b: Vec<u8>,
    pub bh: Vec<u8>,
    pub problems: Vec<String>,
    /// An ARC-Message-Signature (RFC 8617 §4.1.2): `i=` is the instance, no `v=`.
    pub ams: bool,
    /// `h=` has an empty name (`from::to`), which the grammar does not allow; skipped.
    pub h_empty_name: bool,
}

impl Signature {
    pub fn tag(&self, name: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The DNS name of the key: `<s>._domainkey.<d>` (RFC 6376 §3.6.2.1).
    pub fn key_name(&self) -> Option<String> {
        match (&self.s, &self.d) {
            (Some(s), Some(d)) if self.problems.is_empty() && self.algo.is_some() => Some(
                ascii_name(&format!("{s}._domainkey.{d}"))
                    .unwrap_or_default()
                    .to_ascii_lowercase(),
            ),
            _ => None,
        }
    }
}

fn strip_fws(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_whitespace()).collect()
}

/// Tag list (RFC 6376 §3.2): `tag-spec *( ";" tag-spec ) [ ";" ]`, FWS around names and values
/// trimmed (the caller has unfolded CRLFs). Order does not matter; the grammar does: an empty
/// tag-spec (`;;`, or a leading `;`), a name that is not `ALPHA *(ALPHA / DIGIT / "_")`, a
/// value with a character outside VALCHAR and WSP, or a repeated name makes the whole list
/// invalid. Only a single trailing `;` is allowed.
pub fn tag_list(text: &str) -> Result<Vec<(String, String)>, String> {
    let wsp = |c: char| c.is_ascii_whitespace();
    let mut out: Vec<(String, String)> = Vec::new();
    if text.trim_matches(wsp).is_empty() {
        // No tags at all: the caller reports the required ones as missing.
        return Ok(out);
    }
    let specs: Vec<&str> = text.split(';').collect();
    for (k, spec) in specs.iter().enumerate() {
        let spec = spec.trim_matches(wsp);
        if spec.is_empty() {
            // `a=1;` ends with an empty remainder: the optional final ";". Anything else
            // (`a=1;;b=2`, `;a=1`, `a=1;;`) is an empty tag-spec.
            if k + 1 == specs.len() && k > 0 {
                continue;
            }
            return Err(
                "empty tag (\";;\" or a leading \";\"): not a tag-list (RFC 6376 §3.2)".into(),
            );
        }
        let Some((n, v)) = spec.split_once('=') else {
            return Err(format!("{spec:?} is not name=value (RFC 6376 §3.2)"));
        };
        let n = n.trim_matches(wsp);
        let mut chars = n.chars();
        if !(chars.next().is_some_and(|c| c.is_ascii_alphabetic())
            && chars.all(|c| c.is_ascii_alphanumeric() || c == '_'))
        {
            return Err(format!(
                "{n:?} is not a tag name (ALPHA *(ALPHA / DIGIT / \"_\"), RFC 6376 §3.2)"
            ));
        }
        let v = v.trim_matches(wsp);
        // VALCHAR is %x21-3A / %x3C-7E; WSP and FWS separate tvals. Bytes over 0x7E are let through:
        // RFC 8616 allows UTF-8 in some values (i=).
        if let Some(c) = v
            .chars()
            .find(|&c| (c < '\x21' && !c.is_ascii_whitespace()) || c == '\x7f')
        {
            return Err(format!(
                "{n}= holds the control character {:?} (RFC 6376 §3.2 VALCHAR)",
                c
            ));
        }
        if out.iter().any(|(k, _)| k == n) {
            return Err(format!("{n}= appears twice (RFC 6376 §3.2)"));
        }
        out.push((n.to_string(), v.to_string()));
    }
    Ok(out)
}

/// A domain name as `d=` and the domain of `i=` must be (RFC 6376 §3.5 `domain-name`: at least
/// two LDH labels, RFC 5321 `sub-domain`); one trailing dot is tolerated. U-labels are allowed
/// (RFC 8616 §4: internationalized messages should use them) and judged as their A-labels.
pub fn valid_domain(d: &str) -> bool {
    let Some(d) = ascii_name(d.strip_suffix('.').unwrap_or(d)) else {
        return false;
    };
    d.len() <= 253 && d.split('.').count() >= 2 && d.split('.').all(|l| valid_label(l, false))
}

/// A selector (RFC 6376 §3.1: `sub-domain *( "." sub-domain )`). An underscore is tolerated:
/// selectors such as `s_2024` are published and resolve (DNS allows it in owner names).
pub fn valid_selector(s: &str) -> bool {
    let Some(s) = ascii_name(s) else {
        return false;
    };
    s.len() <= 253 && s.split('.').all(|l| valid_label(l, true))
}

/// The name with its U-labels as A-labels (RFC 8616 §4, looked up as A-labels); ASCII names as
/// they are (an ASCII name never goes through IDNA mapping, which would hide its errors).
pub fn ascii_name(n: &str) -> Option<String> {
    if n.is_ascii() {
        return Some(n.to_string());
    }
    n.split('.')
        .map(|l| {
            if l.is_ascii() {
                Some(l.to_string())
            } else {
                idna::domain_to_ascii(l).ok().filter(|a| !a.contains('.'))
            }
        })
        .collect::<Option<Vec<_>>>()
        .map(|v| v.join("."))
}

fn valid_label(l: &str, underscore: bool) -> bool {
    let b = l.as_bytes();
    let inner = |c: &u8| c.is_ascii_alphanumeric() || *c == b'-' || (underscore && *c == b'_');
    !b.is_empty() && b.len() <= 63 && b.iter().all(inner) && b[0] != b'-' && b[b.len() - 1] != b'-'
}

/// ARC header fields that an ARC-Message-Signature must not sign (RFC 8617 §4.1.2).
pub const ARC_FIELDS: [&str; 3] = [
    "arc-seal",
    "arc-message-signature",
    "arc-authentication-results",
];

/// Parse one DKIM-Signature value (RFC 6376 §3.5); every violation goes into `problems`.
pub fn parse_signature(field: usize, value: &[u8]) -> Signature {
    parse_tagged(field, value, false)
}

/// Parse one ARC-Message-Signature value (RFC 8617 §4.1.2): the DKIM-Signature tags, with the
/// instance in `i=` (required) and no `v=`.
pub fn parse_ams(field: usize, value: &[u8]) -> Signature {
    parse_tagged(field, value, true)
}

fn parse_tagged(field: usize, value: &[u8], ams: bool) -> Signature {
    let text: String = String::from_utf8_lossy(value).replace("\r\n", "");
    let mut sig = Signature {
        field,
        ams,
        ..Default::default()
    };
    match tag_list(&text) {
        Ok(t) => sig.tags = t,
        Err(e) => {
            sig.problems.push(e);
            return sig;
        }
    }
    let mut p: Vec<String> = Vec::new();
    let required: &[&str] = if ams {
        &["i", "a", "b", "bh", "d", "h", "s"]
    } else {
        &["v", "a", "b", "bh", "d", "h", "s"]
    };
    for req in required {
        if sig.tag(req).is_none() {
            p.push(format!(
                "required tag {req}= is missing ({})",
                if ams {
                    "RFC 8617 §4.1.2"
                } else {
                    "RFC 6376 §3.5"
                }
            ));
        }
    }
    if let (false, Some(v)) = (ams, sig.tag("v"))
        && v != "1"
    {
        p.push(format!("v={v}: only v=1 is defined (RFC 6376 §3.5)"));
    }
    // d= and s= name the key to fetch: a malformed one is the signature's fault, never a DNS
    // failure (permerror, not temperror), and no query is made for it (RFC 6376 §6.1.1).
    if let Some(d) = sig.tag("d")
        && !valid_domain(d)
    {
        p.push(format!(
            "d={d:?} is not a domain name (RFC 6376 §3.5 d=){}",
            if d.is_empty() { ": empty" } else { "" }
        ));
    }
    if let Some(s) = sig.tag("s")
        && !valid_selector(s)
    {
        p.push(format!(
            "s={s:?} is not a selector (RFC 6376 §3.1){}",
            if s.is_empty() { ": empty" } else { "" }
        ));
    }
    sig.d = sig
        .tag("d")
        .map(|d| d.trim_end_matches('.').to_ascii_lowercase());
    sig.s = sig.tag("s").map(str::to_string);
    if let (Some(s), Some(d)) = (&sig.s, &sig.d) {
        let name = format!("{s}._domainkey.{d}");
        if name.len() > 253 {
            p.push(format!(
                "{name} is {} characters: too long for a DNS name (RFC 1035 §2.3.4)",
                name.len()
            ));
        }
    }
    if ams {
        match sig.tag("i") {
            Some(i)
                if i.bytes().all(|b| b.is_ascii_digit())
                    && i.parse::<u32>().is_ok_and(|n| (1..=50).contains(&n)) => {}
            Some(i) => p.push(format!(
                "i={i:?} is not an instance number from 1 to 50 (RFC 8617 §4.2.1)"
            )),
            None => {}
        }
    }
    sig.algo = sig.tag("a").and_then(parse_algo);
    let c = sig.tag("c").unwrap_or("simple/simple").to_ascii_lowercase();
    let (hc, bc) = c.split_once('/').unwrap_or((c.as_str(), "simple"));
    let canon = |s: &str| match s {
        "simple" => Some(Canon::Simple),
        "relaxed" => Some(Canon::Relaxed),
        _ => None,
    };
    sig.header_canon = canon(hc);
    sig.body_canon = canon(bc);
    if sig.header_canon.is_none() || sig.body_canon.is_none() {
        p.push(format!("c={c}: unknown canonicalization (RFC 6376 §3.4)"));
    }
    // hdr-name *( *FWS ":" *FWS hdr-name ) (RFC 6376 §3.5 h=): FWS only around the colons; a
    // name is an RFC 5322 field-name (printable ASCII but ":"), never empty.
    let names: Vec<String> = sig
        .tag("h")
        .filter(|h| !h.is_empty())
        .map(|h| {
            h.split(':')
                .map(|n| {
                    n.trim_matches(|c: char| c.is_ascii_whitespace())
                        .to_ascii_lowercase()
                })
                .collect()
        })
        .unwrap_or_default();
    if let Some(bad) = names
        .iter()
        .find(|n| !n.is_empty() && !n.bytes().all(|b| (33..=126).contains(&b)))
    {
        p.push(format!(
            "h={:?} has {bad:?}, not a header field name (RFC 6376 §3.5 h=)",
            sig.tag("h").unwrap_or_default(),
        ));
    }
    // An empty name (`from::to`) selects nothing and changes no hash: tolerated (as other
    // verifiers and the ARC test suite do), with a warning.
    sig.h_empty_name = names.iter().any(String::is_empty);
    sig.h = names.into_iter().filter(|n| !n.is_empty()).collect();
    if sig.tag("h").is_some() && !sig.h.iter().any(|n| n == "from") {
        p.push("h= does not include From, which must be signed (RFC 6376 §5.4)".into());
    }
    if ams {
        // The seal covers the ARC header fields; an AMS that signs an ARC-Seal or another AMS
        // is malformed (RFC 8617 §4.1.2). The same rule names ARC-Authentication-Results, but
        // sealers (dkimpy, the ARC test suite) sign it and no validator rejects that: it is
        // sealed anyway, so it is only warned about (see `arc::validate`).
        for n in &ARC_FIELDS[..2] {
            if sig.h.iter().any(|h| h == n) {
                p.push(format!(
                    "h= includes {n}, which an ARC-Message-Signature must not sign (RFC 8617 \
                     §4.1.2)"
                ));
            }
        }
    }
    let num = |name: &str, p: &mut Vec<String>| -> Option<u64> {
        let v = sig.tag(name)?;
        // 1*12DIGIT (RFC 6376 §3.5 t=, x=; l= 1*76DIGIT): no sign, no inner whitespace.
        match v.parse::<u64>() {
            Ok(n) if v.bytes().all(|b| b.is_ascii_digit()) => Some(n),
            _ => {
                p.push(format!(
                    "{name}={v:?}: not a decimal number (RFC 6376 §3.5)"
                ));
                None
            }
        }
    };
    let (l, t, x) = (num("l", &mut p), num("t", &mut p), num("x", &mut p));
    (sig.l, sig.t, sig.x) = (l, t, x);
    if let (Some(t), Some(x)) = (sig.t, sig.x)
        && x <= t
    {
        // "the value of the x= tag MUST be greater than the value of the t= tag" (RFC 6376
        // §3.5): x equal to t is as malformed as x before t.
        p.push(format!(
            "x={x} is not after t={t}: x= must be greater than t= (RFC 6376 §3.5 x=)"
        ));
    }
    for (name, slot) in [("b", &mut sig.b), ("bh", &mut sig.bh)] {
        if let Some(v) = sig.tags.iter().find(|(n, _)| n == name).map(|(_, v)| v) {
            match B64.decode(strip_fws(v)) {
                Ok(bytes) if !bytes.is_empty() => *slot = bytes,
                _ => p.push(format!("{name}= is not valid base64 (RFC 6376 §3.5)")),
            }
        }
    }
    if let Some(q) = sig.tag("q")
        && !q
            .split(':')
            .any(|m| strip_fws(m).eq_ignore_ascii_case("dns/txt"))
    {
        p.push(format!("q={q}: only dns/txt is defined (RFC 6376 §3.5)"));
    }
    if let (false, Some(i), Some(d)) = (ams, sig.tag("i"), &sig.d) {
        // [ Local-part ] "@" domain-name (RFC 6376 §3.5 i=).
        let idom = i.rsplit_once('@').map(|(_, dom)| dom);
        let idom = idom
            .unwrap_or_default()
            .trim_end_matches('.')
            .to_ascii_lowercase();
        if !i.contains('@') || !valid_domain(&idom) {
            p.push(format!(
                "i={i:?} is not [local-part]@domain (RFC 6376 §3.5 i=)"
            ));
        } else if idom != *d && !idom.ends_with(&format!(".{d}")) {
            p.push(format!(
                "i={i} is not in d={d} or a subdomain of it (RFC 6376 §3.5 i=)"
            ));
        }
    }
    sig.problems = p;
    sig
}

/// The DKIM-Signature fields of a message, parsed, top to bottom.
pub fn signatures(fields: &[Field]) -> Vec<Signature> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is("dkim-signature"))
        .map(|(i, f)| parse_signature(i, f.value()))
        .collect()
}

/// How the key lookup went, as the command fetched it through our resolver.
#[derive(Debug)]
pub struct KeyFetch {
    /// `<s>._domainkey.<d>`.
    pub name: String,
    /// The TXT records (strings joined), or why there are none.
    pub result: Result<Vec<String>, Negative>,
    /// Time the lookup took.
    pub ms: f64,
    /// Given with `--key` (this file), not looked up.
    pub file: Option<String>,
    /// The record parsed into a key, once, on first use: thousands of messages signed with one
    /// selector share one parse (base64, SPKI, findings) instead of repeating it per signature.
    loaded: OnceLock<Loaded>,
}

/// A key record as loaded: what to report about it, and the key or why it is unusable.
#[derive(Debug)]
struct Loaded {
    info: Arc<KeyInfo>,
    key: Result<Key, (SigResult, &'static str, String)>,
}

impl KeyFetch {
    pub fn new(name: String, result: Result<Vec<String>, Negative>, ms: f64) -> Self {
        KeyFetch {
            name,
            result,
            ms,
            file: None,
            loaded: OnceLock::new(),
        }
    }

    /// A key record read from a file (`--key`): no DNS query is made for its name.
    pub fn from_file(name: String, record: String, file: String) -> Self {
        KeyFetch {
            file: Some(file),
            ..KeyFetch::new(name, Ok(vec![record]), 0.0)
        }
    }

    /// `answer`, `file`, or the negative outcome of the lookup.
    pub fn outcome(&self) -> &'static str {
        match (&self.file, &self.result) {
            (Some(_), _) => "file",
            (None, Ok(_)) => "answer",
            (None, Err(n)) => n.outcome(),
        }
    }

    fn loaded(&self) -> &Loaded {
        self.loaded.get_or_init(|| {
            let mut info = KeyInfo {
                name: self.name.clone(),
                lookup: self.outcome().into(),
                file: self.file.clone(),
                lookup_ms: (self.ms * 1000.0).round() / 1000.0,
                record: None,
                key_type: None,
                bits: None,
                flags: vec![],
                findings: vec![],
            };
            let key = load_key(self, &mut info);
            Loaded {
                info: Arc::new(info),
                key,
            }
        })
    }
}

/// Signature result (RFC 8601 §2.7.1 names).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SigResult {
    Pass,
    Fail,
    Permerror,
    Temperror,
}

/// Message result: pass if any signature passes, else temperror if a key lookup failed, else
/// fail if a signature failed, else none (unsigned).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum MsgResult {
    Pass,
    Fail,
    Temperror,
    None,
}

impl MsgResult {
    pub fn as_str(self) -> &'static str {
        match self {
            MsgResult::Pass => "pass",
            MsgResult::Fail => "fail",
            MsgResult::Temperror => "temperror",
            MsgResult::None => "none",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyInfo {
    /// Length of the canonicalized body.
    pub canonical_bytes: usize,
    /// Bytes of it that were hashed (all, or `l=`).
    pub hashed_bytes: usize,
    /// Canonical body bytes after `l=`: not covered by the signature.
    pub unsigned_bytes: usize,
    pub hash_ok: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyInfo {
    pub name: String,
    /// `answer`, `nxdomain`, `nodata`, `servfail`, `refused`, `timeout`, `error`; `file` for a
    /// key given with `--key` (no lookup).
    pub lookup: String,
    /// The `--key` file the key was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    pub lookup_ms: f64,
    /// The TXT record used (or the first one seen).
    pub record: Option<String>,
    pub key_type: Option<String>,
    pub bits: Option<u32>,
    pub flags: Vec<String>,
    pub findings: Vec<Finding>,
}

/// What was hashed, for `--debug-canon`.
#[derive(Debug, Clone, Serialize)]
pub struct CanonDump {
    /// The canonicalized signed header fields and the DKIM-Signature without b= value.
    pub headers: String,
    /// The body hash input (after l=).
    pub body: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct SigReport {
    /// 1-based, top to bottom.
    pub index: usize,
    pub result: SigResult,
    /// Stable reason code: `pass`, `body-hash-mismatch`, `signature-mismatch`, `key-nxdomain`, …
    pub code: String,
    pub reason: String,
    pub d: Option<String>,
    pub s: Option<String>,
    pub a: Option<String>,
    pub c: Option<String>,
    pub h: Vec<String>,
    pub i: Option<String>,
    pub l: Option<u64>,
    pub t: Option<u64>,
    pub x: Option<u64>,
    pub expired: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<BodyInfo>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub header_counts: Vec<CountDiff>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<Arc<KeyInfo>>,
    pub findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub canon: Option<CanonDump>,
    /// The raw header and body hash inputs (for the transcript), when asked for.
    #[serde(skip)]
    pub canon_raw: Option<(Vec<u8>, Vec<u8>)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct MessageReport {
    pub source: String,
    pub result: MsgResult,
    /// The deciding signature's reason (or why there is none).
    pub reason: String,
    /// The (first) From header field value, unfolded.
    pub from: Option<String>,
    /// `crlf`, or `lf` when bare LF line endings were converted before verifying.
    pub line_endings: &'static str,
    pub signatures: Vec<SigReport>,
    /// The ARC chain (RFC 8617), when asked for (`--arc`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub arc: Option<super::arc::ArcReport>,
}

/// The key material of one usable record.
#[derive(Debug)]
struct Key {
    info: DkimKey,
    /// p= decoded: the RSAPublicKey DER (from an SPKI or bare), or the raw Ed25519 key.
    public: Vec<u8>,
}

/// Pick the key record and its findings: the first TXT that is a key record (RFC 6376
/// §3.6.2.2 lets a verifier choose). `Err((code, reason))` when there is no usable key.
fn load_key(
    fetch: &KeyFetch,
    info: &mut KeyInfo,
) -> Result<Key, (SigResult, &'static str, String)> {
    let txts = match &fetch.result {
        Ok(t) => t,
        Err(neg) => {
            return Err(match neg {
                Negative::NxDomain => (
                    SigResult::Permerror,
                    "key-nxdomain",
                    format!(
                        "key not found: {} does not exist (NXDOMAIN) — wrong selector s=, or the \
                         key record was never published or was removed",
                        fetch.name
                    ),
                ),
                Negative::NoData => (
                    SigResult::Permerror,
                    "key-no-txt",
                    format!(
                        "key not found: {} exists but has no TXT record (NODATA)",
                        fetch.name
                    ),
                ),
                other => (
                    SigResult::Temperror,
                    "key-lookup-failed",
                    format!(
                        "key lookup for {} failed: {other} — the result is unknown, try again \
                         (RFC 6376 §6.1.2 TEMPFAIL)",
                        fetch.name
                    ),
                ),
            });
        }
    };
    info.record = txts.first().cloned();
    // A record whose v= is not DKIM1 "MUST be discarded" (RFC 6376 §3.6.1): it is not a DKIM1
    // key record at all, so its p= is never used, as if the TXT were not there.
    let mut discarded: Option<String> = None;
    for txt in txts {
        let (parsed, findings) = parse_dkim_key(txt);
        if let Some(f) = findings.iter().find(|f| f.code == "dkim-bad-version") {
            discarded.get_or_insert_with(|| f.message.clone());
            info.findings = findings;
            continue;
        }
        let Some(k) = parsed else { continue };
        info.record = Some(txt.clone());
        info.key_type = Some(k.key_type.clone());
        info.bits = k.bits;
        info.flags = k.flags.clone();
        info.findings = findings;
        if k.revoked {
            return Err((
                SigResult::Permerror,
                "key-revoked",
                format!(
                    "key revoked: {} has an empty p= (RFC 6376 §3.6.1) — the signer retired \
                     this selector; mail signed with it fails",
                    fetch.name
                ),
            ));
        }
        let errors: Vec<&Finding> = info
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error && f.code != "dkim-rsa-too-short")
            .collect();
        // A record that is not a tag-list (a repeated tag, an element that is not name=value)
        // must be ignored: PERMFAIL, key syntax error (RFC 6376 §3.2, §6.1.2). The finding
        // already says the record is invalid; using its key anyway would contradict it.
        if let Some(f) = errors
            .iter()
            .find(|f| f.code == "dkim-duplicate-tag" || f.code == "dkim-malformed-tag")
        {
            return Err((
                SigResult::Permerror,
                "key-unparseable",
                format!(
                    "key record at {} is not a valid tag-list, so verifiers ignore it (RFC 6376 \
                     §6.1.2): {}",
                    fetch.name, f.message
                ),
            ));
        }
        // The p= that parse_dkim_key judged (its tag-list reading, which tolerates `;;` in a
        // DNS record with a warning), not a stricter re-parse that could disagree with it.
        let p = crate::dns::policy::split_tags(txt)
            .into_iter()
            .find(|t| t.name == "p")
            .and_then(|t| t.value)
            .and_then(|v| B64.decode(strip_fws(v)).ok());
        let public = match (p, k.key_type.as_str()) {
            (Some(der), "rsa") if k.bits.is_some() => rsa_public_key(&der),
            (Some(raw), "ed25519") if raw.len() == 32 => raw,
            _ => {
                let why = errors
                    .first()
                    .map(|f| f.message.clone())
                    .unwrap_or_else(|| "p= is not a usable public key".into());
                return Err((
                    SigResult::Permerror,
                    "key-unparseable",
                    format!("key at {} is unusable: {why}", fetch.name),
                ));
            }
        };
        return Ok(Key { info: k, public });
    }
    if let Some(why) = discarded {
        return Err((
            SigResult::Permerror,
            "key-unparseable",
            format!("no DKIM1 key record at {}: {why}", fetch.name),
        ));
    }
    Err((
        SigResult::Permerror,
        "key-unparseable",
        format!(
            "no DKIM key record at {} ({} TXT record(s), none with p=): {}",
            fetch.name,
            txts.len(),
            txts.first().map(String::as_str).unwrap_or("")
        ),
    ))
}

/// The RSAPublicKey inside an SPKI (what everyone publishes), or the DER as is (a bare
/// RSAPublicKey, RFC 6376 §3.6.1).
fn rsa_public_key(der: &[u8]) -> Vec<u8> {
    use x509_parser::prelude::{FromDer, SubjectPublicKeyInfo};
    match SubjectPublicKeyInfo::from_der(der) {
        Ok((_, spki)) => spki.subject_public_key.data.to_vec(),
        Err(_) => der.to_vec(),
    }
}

/// The header hash input (RFC 6376 §5.4.2, §3.7): the `h=` fields selected bottom-up, each
/// canonicalized with CRLF, then the DKIM-Signature itself with the b= value emptied and no
/// final CRLF.
pub fn header_hash_input(fields: &[Field], sig: &Signature, c: Canon) -> Vec<u8> {
    header_input_without(fields, sig, c, None)
}

/// [`header_hash_input`] as if the field at index `skip` were not there (the diagnosis tries
/// leaving out an instance that may have been added after signing).
fn header_input_without(
    fields: &[Field],
    sig: &Signature,
    c: Canon,
    skip: Option<usize>,
) -> Vec<u8> {
    let mut out = Vec::new();
    let mut used = vec![false; fields.len()];
    if let Some(i) = skip {
        used[i] = true;
    }
    for name in &sig.h {
        if let Some(i) = (0..fields.len())
            .rev()
            .find(|&i| !used[i] && fields[i].is(name))
        {
            used[i] = true;
            canon::header(c, &fields[i], &mut out);
        }
    }
    let f = &fields[sig.field];
    let stripped = strip_b_value(f.raw);
    let stripped = stripped.strip_suffix(b"\r\n").unwrap_or(&stripped);
    match c {
        Canon::Simple => out.extend_from_slice(stripped),
        Canon::Relaxed => {
            let colon = stripped.iter().position(|&b| b == b':').unwrap_or(0);
            canon::relaxed_header(f.name, &stripped[colon + 1..], false, &mut out);
        }
    }
    out
}

/// The field with the value of its `b=` tag removed (RFC 6376 §3.5 b=, §3.7): everything
/// between `b=` and the next `;` (or the end), `bh=` untouched.
pub fn strip_b_value(raw: &[u8]) -> Vec<u8> {
    let colon = raw.iter().position(|&b| b == b':').map_or(0, |i| i + 1);
    let mut out = raw[..colon].to_vec();
    let value = &raw[colon..];
    let crlf_end = value.ends_with(b"\r\n");
    let value = value.strip_suffix(b"\r\n").unwrap_or(value);
    let mut first = true;
    for seg in value.split(|&b| b == b';') {
        if !first {
            out.push(b';');
        }
        first = false;
        let name_ok = seg.iter().position(|&b| b == b'=').map(|eq| {
            let n: Vec<u8> = seg[..eq]
                .iter()
                .copied()
                .filter(|b| !b.is_ascii_whitespace())
                .collect();
            (n == b"b", eq)
        });
        match name_ok {
            Some((true, eq)) => out.extend_from_slice(&seg[..=eq]),
            _ => out.extend_from_slice(seg),
        }
    }
    if crlf_end {
        out.extend_from_slice(b"\r\n");
    }
    out
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Verify every signature of one message. `now` is Unix seconds; `keys` holds every fetched
/// key by name; `debug` keeps the hash inputs.
pub fn verify_message(
    source: &str,
    raw: &[u8],
    keys: &Keys,
    now: u64,
    debug: bool,
) -> MessageReport {
    let (msg, converted) = canon::to_crlf(raw);
    let (fields, body) = canon::split(&msg);
    let sigs = signatures(&fields);
    verify_parsed(source, &fields, body, &sigs, converted, keys, now, debug)
}

/// [`verify_message`] for a message already converted to CRLF (`converted`: it had bare LF
/// line ends), split, and its signatures parsed (a caller that first needs the key names does
/// that work once).
#[allow(clippy::too_many_arguments)]
pub fn verify_parsed(
    source: &str,
    fields: &[Field],
    body: &[u8],
    sigs: &[Signature],
    converted: bool,
    keys: &Keys,
    now: u64,
    debug: bool,
) -> MessageReport {
    let from = fields.iter().find(|f| f.is("from")).map(|f| {
        let mut v = Vec::new();
        canon::relaxed_header(b"", f.value(), false, &mut v);
        lossy(&v[1..])
    });
    let mut reports = Vec::new();
    let mut body_cache: HashMap<Canon, Vec<u8>> = HashMap::new();
    for (n, sig) in sigs.iter().enumerate() {
        let mut r = check(
            sig,
            fields,
            body,
            &mut body_cache,
            keys,
            now,
            debug,
            converted,
        );
        r.index = n + 1;
        reports.push(r);
    }
    let pick = |res: SigResult| reports.iter().find(|r| r.result == res);
    let (result, reason) = if let Some(r) = pick(SigResult::Pass) {
        (
            MsgResult::Pass,
            format!(
                "signature #{} (d={}) verifies",
                r.index,
                r.d.as_deref().unwrap_or("?")
            ),
        )
    } else if let Some(r) = pick(SigResult::Temperror) {
        (MsgResult::Temperror, r.reason.clone())
    } else if let Some(r) = reports.first() {
        (MsgResult::Fail, r.reason.clone())
    } else {
        (
            MsgResult::None,
            "the message has no DKIM-Signature".to_string(),
        )
    };
    MessageReport {
        source: source.to_string(),
        result,
        reason,
        from,
        line_endings: if converted { "lf" } else { "crlf" },
        signatures: reports,
        arc: None,
    }
}

/// Experiments on a header signature that does not verify (the body hash matched), to name
/// what diverged rather than guess: leave out each instance of a field that occurs more often
/// than signed (if the signature then verifies, that instance was added); open an RSA signature
/// with the key to tell "not the signer's key" from "content changed"; note fields that look
/// rewritten by a list.
fn header_evidence(
    sig: &Signature,
    fields: &[Field],
    hc: Canon,
    algo: Algo,
    public: &[u8],
    diffs: &[CountDiff],
) -> diagnose::HeaderEvidence {
    let mut ev = diagnose::HeaderEvidence {
        simple: hc == Canon::Simple,
        ..Default::default()
    };
    // At most 16 extra verifications per failed signature, whatever the message holds.
    let mut tries = 16;
    'added: for d in diffs.iter().filter(|d| d.present > d.signed) {
        for (i, f) in fields.iter().enumerate().rev() {
            if !f.is(&d.name) || i == sig.field {
                continue;
            }
            if tries == 0 {
                break 'added;
            }
            tries -= 1;
            let input = header_input_without(fields, sig, hc, Some(i));
            if crypto_verify(algo, public, &input, &sig.b) {
                ev.added = Some((String::from_utf8_lossy(f.name).into_owned(), i + 1));
                break 'added;
            }
        }
    }
    if algo.key_type() == "rsa" {
        match rsa_digest_info(public, &sig.b) {
            None => {}
            Some(None) => ev.key_matches = Some(false),
            Some(Some(hash)) => {
                ev.key_matches = Some(true);
                if hash != algo.hash_name() {
                    ev.other_hash = Some(hash);
                }
            }
        }
    }
    let signed = |n: &str| sig.h.iter().any(|h| h == n);
    let value = |n: &str| {
        fields.iter().rev().find(|f| f.is(n)).map(|f| {
            let mut v = Vec::new();
            canon::relaxed_header(b"", f.value(), false, &mut v);
            String::from_utf8_lossy(v.get(1..).unwrap_or_default()).into_owned()
        })
    };
    if signed("subject")
        && let Some(v) = value("subject")
        && v.starts_with('[')
    {
        ev.looks_rewritten.push(format!(
            "Subject starts with a [tag], as mailing lists add: likely rewritten ({v:?})"
        ));
    }
    if signed("from")
        && let Some(v) = value("from")
        && v.to_ascii_lowercase().contains(" via ")
    {
        ev.looks_rewritten.push(format!(
            "From says \"via\", as lists rewrite it for DMARC: likely rewritten ({v:?})"
        ));
    }
    ev
}

/// DigestInfo prefixes (RFC 8017 §9.2 note 1): the DER before the hash in a PKCS#1 v1.5 block.
const DIGEST_INFO: [(&str, &[u8]); 2] = [
    (
        "sha256",
        &[
            0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02,
            0x01, 0x05, 0x00, 0x04, 0x20,
        ],
    ),
    (
        "sha1",
        &[
            0x30, 0x21, 0x30, 0x09, 0x06, 0x05, 0x2b, 0x0e, 0x03, 0x02, 0x1a, 0x05, 0x00, 0x04,
            0x14,
        ],
    ),
];

/// Open an RSA signature with the public key (s^e mod n, RFC 8017 §5.2.2) and read the PKCS#1
/// v1.5 block (§9.2): `Some(Some(hash))` names the hash it was made with, `Some(None)` means
/// the block is not well formed (another key made the signature), `None` that we cannot tell
/// (an unusual key: no modulus, or a public exponent over 64 bits that would cost seconds).
fn rsa_digest_info(public: &[u8], b: &[u8]) -> Option<Option<&'static str>> {
    use rsa::BigUint;
    use rsa::pkcs1::der::Decode;
    let key = rsa::pkcs1::RsaPublicKey::from_der(public).ok()?;
    let n = BigUint::from_bytes_be(key.modulus.as_bytes());
    let e = BigUint::from_bytes_be(key.public_exponent.as_bytes());
    if n.bits() < 512 || e.bits() > 64 {
        return None;
    }
    let k = n.bits().div_ceil(8);
    let s = BigUint::from_bytes_be(b);
    if b.len() != k || s >= n {
        return Some(None);
    }
    Some(pkcs1_hash(&s.modpow(&e, &n).to_bytes_be(), k))
}

/// The hash named by a PKCS#1 v1.5 signature block `m` (leading zero byte dropped) of a `k`-byte
/// key, or `None` if it is not one.
fn pkcs1_hash(m: &[u8], k: usize) -> Option<&'static str> {
    // EM = 0x00 || 0x01 || PS (0xff, at least 8) || 0x00 || T; to_bytes_be drops the 0x00.
    let em = m.strip_prefix(&[0x01])?;
    let ff = em.iter().take_while(|&&x| x == 0xff).count();
    let t = em.get(ff..)?.strip_prefix(&[0x00])?;
    if ff < 8 || m.len() + 1 != k {
        return None;
    }
    DIGEST_INFO.iter().find_map(|(name, prefix)| {
        let hash = t.strip_prefix(*prefix)?;
        (hash.len() == if *name == "sha1" { 20 } else { 32 }).then_some(*name)
    })
}

/// Experiments on a body hash that does not match, to name what diverged: text appended after
/// the signed body (a prefix of the canonical body, at a line boundary, matches `bh`), or only
/// whitespace changed (under c=…/simple, the relaxed body matches).
fn body_divergence(
    algo: Algo,
    bc: Canon,
    body: &[u8],
    cbody: &[u8],
    bh: &[u8],
    l: Option<u64>,
) -> Option<String> {
    let alg = match algo {
        Algo::RsaSha1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
        _ => &ring::digest::SHA256,
    };
    if l.is_none() {
        let mut ctx = ring::digest::Context::new(alg);
        let mut len = 0;
        // One running hash; a copy is finished at each line end (bounded: 100,000 lines).
        for line in cbody.split_inclusive(|&b| b == b'\n').take(100_000) {
            if ctx.clone().finish().as_ref() == bh && len > 0 {
                return Some(format!(
                    "the first {len} bytes match the signed body hash: the last {} bytes were \
                     appended after signing (a mailing-list footer or disclaimer?)",
                    cbody.len() - len
                ));
            }
            ctx.update(line);
            len += line.len();
        }
    }
    if bc == Canon::Simple {
        let relaxed = canon::body(Canon::Relaxed, body);
        let relaxed = match l {
            Some(l) => &relaxed[..(l as usize).min(relaxed.len())],
            None => &relaxed[..],
        };
        if algo.digest(relaxed) == bh {
            return Some(
                "only whitespace changed (trailing blanks or runs of spaces): the body still \
                 matches under relaxed canonicalization, which c=…/simple does not allow"
                    .into(),
            );
        }
    }
    None
}

/// The signature `b` over `input` with the key (Ed25519 signs the input's SHA-256, RFC 8463 §3).
fn crypto_verify(algo: Algo, public: &[u8], input: &[u8], b: &[u8]) -> bool {
    match algo {
        Algo::Ed25519Sha256 => UnparsedPublicKey::new(&signature::ED25519, public)
            .verify(&algo.digest(input), b)
            .is_ok(),
        Algo::RsaSha256 => UnparsedPublicKey::new(
            &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
            public,
        )
        .verify(input, b)
        .is_ok(),
        Algo::RsaSha1 => UnparsedPublicKey::new(
            &signature::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
            public,
        )
        .verify(input, b)
        .is_ok(),
    }
}

/// Verify one signature (a DKIM-Signature or an ARC-Message-Signature) of a CRLF message.
pub fn check_signature(
    sig: &Signature,
    fields: &[Field],
    body: &[u8],
    keys: &Keys,
    now: u64,
) -> SigReport {
    let mut cache = HashMap::new();
    check(sig, fields, body, &mut cache, keys, now, false, false)
}

/// Verify a signature `b` over a prepared hash input (an ARC-Seal, RFC 8617 §5.1.1) with the
/// key fetched as `fetch`: the key rules of DKIM apply (type, RFC 8301 sizes, no rsa-sha1).
/// `Ok` holds a description of the key; `Err` a reason code and reason.
pub fn check_raw(
    fetch: &KeyFetch,
    algo: Algo,
    input: &[u8],
    b: &[u8],
) -> Result<String, (&'static str, String)> {
    let key = match &fetch.loaded().key {
        Ok(k) => k,
        Err((_, code, reason)) => return Err((code, reason.clone())),
    };
    let k = &key.info;
    if k.key_type != algo.key_type() {
        return Err((
            "key-type-mismatch",
            format!(
                "key type mismatch: the algorithm needs a k={} key, {} publishes k={}",
                algo.key_type(),
                fetch.name,
                k.key_type
            ),
        ));
    }
    let bits = k.bits.unwrap_or(0);
    if algo.key_type() == "rsa" && !(1024..=8192).contains(&bits) {
        return Err((
            "key-too-short",
            format!(
                "RSA key of {bits} bits at {}: only 1024 to 8192 bits are accepted (RFC 8301 §3.2)",
                fetch.name
            ),
        ));
    }
    if algo == Algo::RsaSha1 {
        return Err((
            "rsa-sha1",
            "a=rsa-sha1 must not be accepted (RFC 8301 §3.1)".into(),
        ));
    }
    if !crypto_verify(algo, &key.public, input, b) {
        return Err((
            "signature-mismatch",
            format!(
                "the signature does not verify with the key at {}",
                fetch.name
            ),
        ));
    }
    Ok(match algo {
        Algo::Ed25519Sha256 => format!("the Ed25519 key at {}", fetch.name),
        _ => format!("the {bits}-bit RSA key at {}", fetch.name),
    })
}

/// A `b=` value decoded (FWS removed); `None` when empty or not base64.
pub fn decode_b64(v: &str) -> Option<Vec<u8>> {
    B64.decode(strip_fws(v)).ok().filter(|b| !b.is_empty())
}

/// Parse an `a=` value.
pub fn parse_algo(a: &str) -> Option<Algo> {
    match a.to_ascii_lowercase().as_str() {
        "rsa-sha256" => Some(Algo::RsaSha256),
        "rsa-sha1" => Some(Algo::RsaSha1),
        "ed25519-sha256" => Some(Algo::Ed25519Sha256),
        _ => None,
    }
}

fn set(r: &mut SigReport, res: SigResult, code: &str, reason: String) {
    r.result = res;
    r.code = code.to_string();
    r.reason = reason;
}

#[allow(clippy::too_many_arguments)]
fn check(
    sig: &Signature,
    fields: &[Field],
    body: &[u8],
    body_cache: &mut HashMap<Canon, Vec<u8>>,
    keys: &Keys,
    now: u64,
    debug: bool,
    converted: bool,
) -> SigReport {
    let mut r = SigReport {
        index: 0,
        result: SigResult::Permerror,
        code: String::new(),
        reason: String::new(),
        d: sig.d.clone(),
        s: sig.s.clone(),
        a: sig.tag("a").map(str::to_string),
        c: sig
            .tag("c")
            .map(str::to_string)
            .or(Some("simple/simple".into())),
        h: sig.h.clone(),
        i: sig.tag("i").map(str::to_string),
        l: sig.l,
        t: sig.t,
        x: sig.x,
        expired: sig.x.is_some_and(|x| x < now),
        body: None,
        header_counts: Vec::new(),
        key: None,
        findings: Vec::new(),
        canon: None,
        canon_raw: None,
    };
    if !sig.problems.is_empty() {
        let reason = format!("malformed signature: {}", sig.problems.join("; "));
        set(&mut r, SigResult::Permerror, "malformed-signature", reason);
        return r;
    }
    let Some(algo) = sig.algo else {
        let reason = format!(
            "unsupported algorithm a={} (verifiers know rsa-sha256 and ed25519-sha256, RFC 8301, \
             RFC 8463)",
            sig.tag("a").unwrap_or("")
        );
        set(
            &mut r,
            SigResult::Permerror,
            "unsupported-algorithm",
            reason,
        );
        return r;
    };
    let (hc, bc) = (
        sig.header_canon.unwrap_or(Canon::Simple),
        sig.body_canon.unwrap_or(Canon::Simple),
    );

    // Findings that hold whatever the result.
    if sig.h_empty_name {
        r.findings.push(Finding::warning(
            "dkim-h-empty-name",
            format!(
                "h={} has an empty header name, which RFC 6376 §3.5 does not allow; it is \
                 skipped (it selects no header field)",
                sig.tag("h").unwrap_or_default()
            ),
        ));
    }
    if let Some(l) = sig.l {
        r.findings.push(Finding::warning(
            "dkim-body-length",
            format!(
                "l={l}: only the first {l} bytes of the body are signed; anyone can append \
                 text to this message and the signature still verifies (RFC 6376 §8.2)"
            ),
        ));
    }
    if let Some(t) = sig.t
        && t > now + CLOCK_SKEW
    {
        r.findings.push(Finding::warning(
            "dkim-future-timestamp",
            format!(
                "t={t} is {} s after the verification time (now, or --at): the signer's clock \
                 is wrong, or --at is before the message was signed (RFC 6376 §3.5 t=)",
                t - now
            ),
        ));
    }

    // Body hash (RFC 6376 §3.7): canonical body, truncated to l=.
    let cbody: &[u8] = body_cache
        .entry(bc)
        .or_insert_with(|| canon::body(bc, body));
    let hashed_len = match sig.l {
        Some(l) => (l as usize).min(cbody.len()),
        None => cbody.len(),
    };
    let body_input = &cbody[..hashed_len];
    let body_ok = algo.digest(body_input) == sig.bh;
    r.body = Some(BodyInfo {
        canonical_bytes: cbody.len(),
        hashed_bytes: hashed_len,
        unsigned_bytes: cbody.len() - hashed_len,
        hash_ok: body_ok,
    });
    if sig.l.is_some() && hashed_len < cbody.len() && body_ok {
        r.findings.push(Finding::warning(
            "dkim-body-appended",
            format!(
                "{} bytes after the signed l={} bytes are not covered by the signature: text \
                 was appended after signing",
                cbody.len() - hashed_len,
                hashed_len
            ),
        ));
    }
    let hdr_input = header_hash_input(fields, sig, hc);
    if debug {
        r.canon = Some(CanonDump {
            headers: lossy(&hdr_input),
            body: lossy(body_input),
        });
        r.canon_raw = Some((hdr_input.clone(), body_input.to_vec()));
    }
    r.header_counts = diagnose::count_diffs(&sig.h, fields);

    // The key (RFC 6376 §6.1.2).
    let name = sig.key_name().unwrap_or_default();
    let Some(fetch) = keys.get(&name) else {
        set(
            &mut r,
            SigResult::Temperror,
            "key-lookup-failed",
            format!("no key lookup was made for {name}"),
        );
        return r;
    };
    let loaded = fetch.loaded();
    r.key = Some(loaded.info.clone());
    let key = match &loaded.key {
        Ok(k) => k,
        Err((res, code, reason)) => {
            set(&mut r, *res, code, reason.clone());
            return r;
        }
    };
    let k = &key.info;
    if k.key_type != algo.key_type() {
        let reason = format!(
            "key type mismatch: a={} needs a k={} key, {} publishes k={} (RFC 6376 §3.6.1)",
            sig.tag("a").unwrap_or(""),
            algo.key_type(),
            name,
            k.key_type
        );
        set(&mut r, SigResult::Permerror, "key-type-mismatch", reason);
        return r;
    }
    if !k.hash.is_empty() && !k.hash.iter().any(|h| h == algo.hash_name()) {
        let reason = format!(
            "the key's h={} does not allow {} (RFC 6376 §3.6.1)",
            k.hash.join(":"),
            algo.hash_name()
        );
        set(&mut r, SigResult::Permerror, "key-hash-not-allowed", reason);
        return r;
    }
    if !k.service.is_empty() && !k.service.iter().any(|s| s == "email" || s == "*") {
        let reason = format!(
            "the key's s={} excludes email (RFC 6376 §3.6.1)",
            k.service.join(":")
        );
        set(&mut r, SigResult::Permerror, "key-not-for-email", reason);
        return r;
    }
    if k.flags.iter().any(|f| f == "s")
        && !sig.ams
        && let (Some(i), Some(d)) = (sig.tag("i"), &sig.d)
        && !i.to_ascii_lowercase().ends_with(&format!("@{d}"))
    {
        let reason = format!(
            "the key has t=s (no subdomains) but i={i} is a subdomain of d={d} (RFC 6376 §3.6.1)"
        );
        set(
            &mut r,
            SigResult::Permerror,
            "key-subdomain-not-allowed",
            reason,
        );
        return r;
    }
    if k.flags.iter().any(|f| f == "y") {
        r.findings.push(Finding::warning(
            "dkim-key-testing",
            format!("{name} has t=y: the domain is testing DKIM (RFC 6376 §3.6.1)"),
        ));
    }
    let bits = k.bits.unwrap_or(0);
    if algo.key_type() == "rsa" && bits < 1024 {
        let reason = format!(
            "RSA key of {bits} bits at {name}: keys under 1024 bits must not be accepted (RFC 8301 \
             §3.2) — the signer must publish a 2048-bit key"
        );
        set(&mut r, SigResult::Fail, "key-too-short", reason);
        return r;
    }
    if algo.key_type() == "rsa" && bits > 8192 {
        let reason = format!("RSA key of {bits} bits at {name}: over 8192 bits is not supported");
        set(&mut r, SigResult::Permerror, "unsupported-key-size", reason);
        return r;
    }
    if let Some(l) = sig.l
        && (l as usize) > cbody.len()
    {
        let reason = format!(
            "l={l} but the canonicalized body has only {} bytes: the body was shortened after \
             signing (RFC 6376 §3.5 l=)",
            cbody.len()
        );
        set(&mut r, SigResult::Fail, "body-shorter-than-l", reason);
        return r;
    }
    if !body_ok {
        let found = body_divergence(algo, bc, body, cbody, &sig.bh, sig.l);
        let reason =
            diagnose::body_mismatch_reason(bc, cbody.len(), hashed_len, sig.l, converted, found);
        set(&mut r, SigResult::Fail, "body-hash-mismatch", reason);
        return r;
    }

    // The signature over the header hash input (RFC 6376 §3.7; Ed25519 signs its SHA-256, RFC
    // 8463 §3).
    let crypto_ok = crypto_verify(algo, &key.public, &hdr_input, &sig.b);
    if !crypto_ok {
        let ev = header_evidence(sig, fields, hc, algo, &key.public, &r.header_counts);
        let reason = diagnose::header_mismatch_reason(&sig.h, &name, &r.header_counts, &ev);
        set(&mut r, SigResult::Fail, "signature-mismatch", reason);
        return r;
    }
    if algo == Algo::RsaSha1 {
        set(
            &mut r,
            SigResult::Fail,
            "rsa-sha1",
            "a=rsa-sha1: verifiers must not accept rsa-sha1 signatures (RFC 8301 §3.1); the \
             signature is otherwise valid — the signer must switch to rsa-sha256"
                .into(),
        );
        return r;
    }
    if r.expired {
        let x = sig.x.unwrap_or(0);
        let reason = format!(
            "signature expired: x={x} is {} s in the past (RFC 6376 §3.5 x=); it was otherwise \
             valid",
            now - x
        );
        set(&mut r, SigResult::Fail, "expired", reason);
        return r;
    }
    // Passed: instances of signed fields beyond what h= covers are not protected.
    for d in r.header_counts.iter().filter(|d| d.present > d.signed) {
        r.findings.push(Finding::warning(
            "dkim-unsigned-instance",
            format!(
                "{} appears {} times but h= signs it {} time(s): the extra instance is not \
                 signed and a mail client may show it (RFC 6376 §8.15)",
                d.name, d.present, d.signed
            ),
        ));
    }
    let mut reason = format!(
        "verified with the {} key at {name}{}",
        match algo {
            Algo::Ed25519Sha256 => "Ed25519".to_string(),
            _ => format!("{bits}-bit RSA"),
        },
        sig.l
            .map(|l| format!(" (body signed up to l={l})"))
            .unwrap_or_default()
    );
    if converted {
        reason.push_str(" (bare LF line endings converted to CRLF)");
    }
    set(&mut r, SigResult::Pass, "pass", reason);
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_value_is_emptied_but_not_bh() {
        let f = b"DKIM-Signature: v=1; bh=abc=;\r\n b=ZZZ\r\n  YYY; d=x\r\n";
        assert_eq!(
            strip_b_value(f),
            b"DKIM-Signature: v=1; bh=abc=;\r\n b=; d=x\r\n".to_vec()
        );
    }

    #[test]
    fn tag_list_grammar() {
        // Any order, a trailing ";", FWS around names and values.
        let t = tag_list(" b = 2 ;\r\n a=1; ").unwrap();
        assert_eq!(t, vec![("b".into(), "2".into()), ("a".into(), "1".into())]);
        // Empty tag-specs, bad names, no "=", control characters, repeats: not a tag-list.
        for bad in [
            "a=1;;b=2", ";a=1", "a=1;;", ";", "a=1; ==", "1a=1", "a-b=1", "a=1; b", "a=1\x01",
            "a=1; a=2",
        ] {
            assert!(tag_list(bad).is_err(), "{bad:?}");
        }
        assert_eq!(tag_list("").unwrap(), vec![]);
    }

    #[test]
    fn malformed_key_names_are_permerror_not_lookups() {
        // Every one of these used to reach DNS (and a failed lookup meant temperror).
        let base = "v=1; a=rsa-sha256; h=from; bh=AAAA; b=AAAA";
        for (tags, what) in [
            ("d=example.test; s=", "s=\"\""),
            ("d=; s=sel", "d=\"\""),
            ("d=exa mple.test; s=sel", "d=\"exa mple.test\""),
            ("d=example..test; s=sel", "d=\"example..test\""),
            ("d=example; s=sel", "d=\"example\""),
            ("d=example.test; s=a b", "s=\"a b\""),
            ("d=example.test; s=sel.", "s=\"sel.\""),
            ("d=example.test; s=sel; i=alice", "i=\"alice\""),
            ("d=example.test; s=sel; t=1 2", "t=\"1 2\""),
            ("d=example.test; s=sel; x=+5", "x=\"+5\""),
        ] {
            let s = parse_signature(0, format!("{base}; {tags}").as_bytes());
            assert!(
                s.problems.iter().any(|p| p.contains(what)),
                "{tags}: {:?}",
                s.problems
            );
            assert_eq!(s.key_name(), None, "{tags}");
        }
        let s = parse_signature(
            0,
            b"v=1; a=rsa-sha256; bh=AAAA; b=AAAA; d=x.test; s=s; h=from:sub ject",
        );
        let what = "\"sub ject\", not a header";
        assert!(
            s.problems.iter().any(|p| p.contains(what)),
            "{:?}",
            s.problems
        );
        // An empty name is skipped (and warned about when verifying).
        let s = parse_signature(
            0,
            b"v=1; a=rsa-sha256; bh=AAAA; b=AAAA; d=x.test; s=s; h=from::to",
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert!(s.h_empty_name);
        assert_eq!(s.h, vec!["from", "to"]);
        // FWS around the colons is fine.
        let s = parse_signature(
            0,
            b"v=1; a=rsa-sha256; bh=AAAA; b=AAAA; d=x.test; s=s; h=from :\r\n to: Subject",
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.h, vec!["from", "to", "subject"]);
        let long = format!(
            "{base}; d=example.test; s={}.{}.{}.{}",
            "a".repeat(60),
            "b".repeat(60),
            "c".repeat(60),
            "d".repeat(60)
        );
        let s = parse_signature(0, long.as_bytes());
        assert!(
            s.problems.iter().any(|p| p.contains("too long")),
            "{:?}",
            s.problems
        );
        // U-labels (RFC 8616 §4): valid, and the key is looked up under the A-labels.
        let idn = parse_signature(0, format!("{base}; d=bücher.example; s=sél").as_bytes());
        assert!(idn.problems.is_empty(), "{:?}", idn.problems);
        assert_eq!(
            idn.key_name().as_deref(),
            Some("xn--sl-bja._domainkey.xn--bcher-kva.example")
        );
        let ok = parse_signature(0, format!("{base}; d=Example.TEST.; s=s_1.x").as_bytes());
        assert!(ok.problems.is_empty(), "{:?}", ok.problems);
        assert_eq!(
            ok.key_name().as_deref(),
            Some("s_1.x._domainkey.example.test")
        );
    }

    #[test]
    fn ams_rules() {
        let base = "a=rsa-sha256; bh=AAAA; b=AAAA; d=x.test; s=s";
        // v= is not an AMS tag: ignored (RFC 8617 §4.1.2).
        let s = parse_ams(0, format!("{base}; i=1; v=2; h=from").as_bytes());
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        for (tags, what) in [
            ("i=1; h=from:arc-seal", "arc-seal"),
            ("i=1; h=from:ARC-Message-Signature", "arc-message-signature"),
            ("i=0; h=from", "i=\"0\""),
            ("i=x; h=from", "i=\"x\""),
            ("h=from", "i= is missing"),
        ] {
            let s = parse_ams(0, format!("{base}; {tags}").as_bytes());
            assert!(
                s.problems.iter().any(|p| p.contains(what)),
                "{tags}: {:?}",
                s.problems
            );
        }
        // ARC-Authentication-Results is tolerated (warned about by the chain validation).
        let s = parse_ams(
            0,
            format!("{base}; i=1; h=from:arc-authentication-results").as_bytes(),
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
    }

    #[test]
    fn pkcs1_blocks() {
        // 0x01 || 0xff… || 0x00 || DigestInfo(sha256) || 32-byte hash, in a 128-byte key.
        let block = |prefix: &[u8], hash_len: usize, ff: usize| {
            let mut m = vec![0x01];
            m.extend(std::iter::repeat_n(0xff, ff));
            m.push(0);
            m.extend_from_slice(prefix);
            m.extend(std::iter::repeat_n(0xab, hash_len));
            m
        };
        let (sha256, sha1) = (DIGEST_INFO[0].1, DIGEST_INFO[1].1);
        let m = block(sha256, 32, 127 - 3 - 19 - 32 + 1);
        assert_eq!(pkcs1_hash(&m, 128), Some("sha256"));
        let m = block(sha1, 20, 127 - 3 - 15 - 20 + 1);
        assert_eq!(pkcs1_hash(&m, 128), Some("sha1"));
        // Too short a padding, a wrong length, random bytes: not a block.
        assert_eq!(pkcs1_hash(&block(sha256, 32, 7), 2 + 7 + 19 + 32), None);
        assert_eq!(pkcs1_hash(&block(sha256, 32, 74), 129), None);
        assert_eq!(pkcs1_hash(&[0x5a; 127], 128), None);
    }

    #[test]
    fn body_divergence_experiments() {
        let sha = |b: &[u8]| Algo::RsaSha256.digest(b);
        let orig = b"Hello Bob,\r\nthe numbers are in.\r\n";
        let bh = sha(&canon::body(Canon::Simple, orig));
        // Only trailing blanks added: under relaxed it still matches.
        let ws = b"Hello Bob,  \r\nthe numbers are in.\t\r\n";
        let cws = canon::body(Canon::Simple, ws);
        let f = body_divergence(Algo::RsaSha256, Canon::Simple, ws, &cws, &bh, None).unwrap();
        assert!(f.contains("only whitespace changed"), "{f}");
        // A footer appended: a prefix of the canonical body matches.
        let foot = b"Hello Bob,\r\nthe numbers are in.\r\n-- \r\nfooter\r\n";
        let cf = canon::body(Canon::Relaxed, foot);
        let bh = sha(&canon::body(Canon::Relaxed, orig));
        let f = body_divergence(Algo::RsaSha256, Canon::Relaxed, foot, &cf, &bh, None).unwrap();
        assert!(f.contains("the first 33 bytes match"), "{f}");
        assert!(f.contains("the last 12 bytes were appended"), "{f}");
        // A word changed: no experiment claims anything.
        let edit = b"Hello Bob,\r\nthe numbers are out.\r\n";
        let ce = canon::body(Canon::Relaxed, edit);
        assert_eq!(
            body_divergence(Algo::RsaSha256, Canon::Relaxed, edit, &ce, &bh, None),
            None
        );
    }

    #[test]
    fn signature_problems() {
        let s = parse_signature(
            0,
            b" v=1; a=rsa-sha256; d=x.test; s=s; h=to; bh=AAAA; b=AAAA; i=@y.test",
        );
        assert!(
            s.problems.iter().any(|p| p.contains("From")),
            "{:?}",
            s.problems
        );
        assert!(
            s.problems.iter().any(|p| p.contains("i=@y.test")),
            "{:?}",
            s.problems
        );
        let s = parse_signature(
            0,
            b"v=1; a=rsa-sha256; d=x.test; s=s; h=from; bh=AAAA; b=AAAA; t=10; x=5",
        );
        assert!(
            s.problems.iter().any(|p| p.contains("x=5")),
            "{:?}",
            s.problems
        );
    }
}
