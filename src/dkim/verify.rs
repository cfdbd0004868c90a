//! DKIM signature verification (RFC 6376 §6) with RFC 8301 (no rsa-sha1, RSA ≥ 1024 bits) and
//! RFC 8463 (Ed25519-SHA256). Pure and synchronous: the keys are fetched beforehand (through our
//! resolver, once per selector and domain) and handed in, so messages verify on all cores.

use super::canon::{self, Canon, Field};
use super::diagnose;
use super::evidence::{body_divergence, header_evidence};
use super::hash::{crypto_verify, header_hash_input};
use super::keys::KeyFetch;
use super::keys::Keys;
use super::report::{BodyInfo, CanonDump, MsgResult, SigReport};
use super::report::{MessageReport, SigResult};
use super::signature::{Algo, Signature, signatures};
use crate::dns::finding::Finding;
use std::collections::HashMap;

/// Future `t=` tolerated before a warning (clock skew, RFC 6376 §3.5 t=).
const CLOCK_SKEW: u64 = 300;

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Verify every signature of one message. `now` is Unix seconds; `keys` holds every fetched
/// key by name; `debug` keeps the hash inputs.
pub(crate) fn verify_message(
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
pub(crate) fn verify_parsed(
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

/// Verify one signature (a DKIM-Signature or an ARC-Message-Signature) of a CRLF message.
pub(crate) fn check_signature(
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
pub(crate) fn check_raw(
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
