//! ARC chain validation (RFC 8617 §5.2): the ARC sets collected by instance, the newest
//! ARC-Message-Signature verified like a DKIM signature, every ARC-Seal verified over the ARC
//! header fields of its instance and the ones before. Pure and synchronous like the DKIM
//! verifier: the keys are fetched beforehand through our resolver and handed in.

use super::canon::{self, Canon, Field};
use super::keys::Keys;
use super::report::SigResult;
use super::verify;
use super::{hash, signature};
use crate::dns::taglist;
use serde::Serialize;
use std::collections::HashMap;

/// The largest instance number allowed (RFC 8617 §4.2.1).
const MAX_INSTANCE: u32 = 50;

/// Chain validation status (RFC 8617 §4.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ArcResult {
    None,
    Pass,
    Fail,
}

impl ArcResult {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ArcResult::None => "none",
            ArcResult::Pass => "pass",
            ArcResult::Fail => "fail",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct ArcReport {
    pub result: ArcResult,
    /// Number of ARC sets (the highest instance when the chain is well formed).
    pub instances: usize,
    /// Why the chain passes or fails: which instance, which header field, why.
    pub reason: String,
    /// The oldest instance from which every ARC-Message-Signature still verifies, 0 when all
    /// do (RFC 8617 §5.2 step 5); on pass only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oldest_pass: Option<u32>,
    /// Deviations tolerated on the way (a warning line each).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

const AAR: &str = "arc-authentication-results";
const AMS: &str = "arc-message-signature";
const SEAL: &str = "arc-seal";

fn display(kind: &str) -> &'static str {
    match kind {
        AAR => "ARC-Authentication-Results",
        AMS => "ARC-Message-Signature",
        _ => "ARC-Seal",
    }
}

/// The `i=` of an ARC header field value. An ARC-Authentication-Results value is
/// `i=N; authserv-id; results` (RFC 8617 §4.1.1), so there only the part before the first `;`
/// is a tag. ARC-Message-Signature and ARC-Seal values are tag-lists (RFC 8617 §4.1.2, §4.1.3,
/// RFC 6376 §3.2): `i=` may be anywhere, and the whole list must be well formed.
fn instance(kind: &str, value: &[u8]) -> Result<u32, String> {
    let text = String::from_utf8_lossy(value).replace("\r\n", "");
    let v = if kind == AAR {
        let first = text.split(';').next().unwrap_or("");
        let Some((n, v)) = first.split_once('=') else {
            return Err("does not start with an i= tag (RFC 8617 §4.1.1)".into());
        };
        if n.trim() != "i" {
            return Err(format!(
                "starts with {}= instead of i= (RFC 8617 §4.1.1)",
                n.trim()
            ));
        }
        v.trim().to_string()
    } else {
        let tags = taglist::strict(&text).map_err(|e| format!("is malformed: {e}"))?;
        match tags.into_iter().find(|(n, _)| n == "i") {
            Some((_, v)) => v,
            None => return Err("has no i= tag (RFC 8617 §4.2.1)".into()),
        }
    };
    match v.parse::<u32>() {
        Ok(i) if (1..=MAX_INSTANCE).contains(&i) && v.bytes().all(|b| b.is_ascii_digit()) => Ok(i),
        _ => Err(format!(
            "i={v} is not an instance number from 1 to {MAX_INSTANCE} (RFC 8617 §4.2.1)"
        )),
    }
}

fn is_arc(f: &Field) -> Option<&'static str> {
    [AAR, AMS, SEAL].into_iter().find(|k| f.is(k))
}

/// The key names of every ARC-Message-Signature and ARC-Seal (`<s>._domainkey.<d>`).
pub(crate) fn key_names(fields: &[Field]) -> Vec<String> {
    let mut out = Vec::new();
    for f in fields {
        if is_arc(f).is_some_and(|k| k != AAR)
            && let Ok(tags) = taglist::strict(&String::from_utf8_lossy(f.value()))
        {
            let get = |n: &str| tags.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
            // A malformed s= or d= is not looked up: the set fails on it (see `validate_parsed`).
            if let (Some(s), Some(d)) = (get("s"), get("d"))
                && signature::valid_selector(&s)
                && signature::valid_domain(&d)
            {
                out.push(key_name(&s, &d));
            }
        }
    }
    out
}

fn key_name(s: &str, d: &str) -> String {
    let name = format!("{s}._domainkey.{}", d.trim_end_matches('.'));
    // U-labels are looked up as A-labels (RFC 8616 §4).
    signature::ascii_name(&name)
        .unwrap_or(name)
        .to_ascii_lowercase()
}

fn fail(instances: usize, reason: String) -> ArcReport {
    ArcReport {
        result: ArcResult::Fail,
        instances,
        reason,
        oldest_pass: None,
        warnings: Vec::new(),
    }
}

/// One ARC set: the field index of each of its three header fields.
#[derive(Clone, Copy)]
struct Set {
    aar: usize,
    ams: usize,
    seal: usize,
}

/// Validate the ARC chain of one message (RFC 8617 §5.2). `now` is Unix seconds.
pub(crate) fn validate(raw: &[u8], keys: &Keys, now: u64) -> ArcReport {
    let (msg, _) = canon::to_crlf(raw);
    let (fields, body) = canon::split(&msg);
    validate_parsed(&fields, body, keys, now)
}

/// [`validate`] for a message already converted to CRLF and split.
pub(crate) fn validate_parsed(fields: &[Field], body: &[u8], keys: &Keys, now: u64) -> ArcReport {
    // 1. Collect the ARC sets by instance.
    let mut by: HashMap<u32, [Vec<usize>; 3]> = HashMap::new();
    let mut count = 0;
    for (n, f) in fields.iter().enumerate() {
        let Some(kind) = is_arc(f) else { continue };
        count += 1;
        let i = match instance(kind, f.value()) {
            Ok(i) => i,
            Err(e) => {
                return fail(
                    0,
                    format!("{} (header field #{}) {e}", display(kind), n + 1),
                );
            }
        };
        let slot = [AAR, AMS, SEAL]
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        by.entry(i).or_default()[slot].push(n);
    }
    if count == 0 {
        return ArcReport {
            result: ArcResult::None,
            instances: 0,
            reason: "the message has no ARC header fields".into(),
            oldest_pass: None,
            warnings: Vec::new(),
        };
    }
    let top = by.keys().copied().max().unwrap_or(0);
    let n_sets = by.len();
    let mut sets: Vec<Set> = Vec::new();
    for i in 1..=top {
        let Some(found) = by.get(&i) else {
            return fail(
                n_sets,
                format!(
                    "instance i={i} is missing but i={top} is present: the ARC sets must run from \
                     1 without gaps (RFC 8617 §4.2.1)"
                ),
            );
        };
        for (slot, kind) in [AAR, AMS, SEAL].into_iter().enumerate() {
            if found[slot].len() != 1 {
                return fail(
                    n_sets,
                    format!(
                        "instance i={i} has {} {} header fields: each ARC set needs exactly one \
                         (RFC 8617 §4.2.1)",
                        found[slot].len(),
                        display(kind)
                    ),
                );
            }
        }
        sets.push(Set {
            aar: found[0][0],
            ams: found[1][0],
            seal: found[2][0],
        });
    }
    let n = sets.len();

    // 2. The seals' tags: cv of the newest not fail; i=1 cv=none, later cv=pass.
    let mut seals = Vec::new();
    for (k, set) in sets.iter().enumerate() {
        let i = k + 1;
        let text = String::from_utf8_lossy(fields[set.seal].value()).replace("\r\n", "");
        let tags = match taglist::strict(&text) {
            Ok(t) => t,
            Err(e) => return fail(n, format!("ARC-Seal i={i} is malformed: {e}")),
        };
        let get = |name: &str| tags.iter().find(|(t, _)| t == name).map(|(_, v)| v.clone());
        for req in ["a", "b", "cv", "d", "s"] {
            if get(req).is_none() {
                return fail(
                    n,
                    format!("ARC-Seal i={i} lacks the required tag {req}= (RFC 8617 §4.1.3)"),
                );
            }
        }
        let (d, s) = (get("d").unwrap_or_default(), get("s").unwrap_or_default());
        if !signature::valid_domain(&d) {
            return fail(
                n,
                format!("ARC-Seal i={i} has d={d:?}, not a domain name (RFC 6376 §3.5 d=)"),
            );
        }
        if !signature::valid_selector(&s) {
            return fail(
                n,
                format!("ARC-Seal i={i} has s={s:?}, not a selector (RFC 6376 §3.1)"),
            );
        }
        let cv = get("cv").unwrap_or_default().to_ascii_lowercase();
        if !["none", "pass", "fail"].contains(&cv.as_str()) {
            return fail(
                n,
                format!("ARC-Seal i={i} has cv={cv:?}: none, pass or fail (RFC 8617 §4.1.3)"),
            );
        }
        if let Some(t) = get("t")
            && (t.is_empty() || !t.bytes().all(|b| b.is_ascii_digit()))
        {
            return fail(
                n,
                format!("ARC-Seal i={i} has t={t:?}, not a decimal number (RFC 8617 §4.1.3)"),
            );
        }
        if get("h").is_some() {
            return fail(
                n,
                format!("ARC-Seal i={i} has an h= tag, which is not allowed (RFC 8617 §4.1.3)"),
            );
        }
        seals.push(tags);
    }
    let tag = |k: usize, name: &str| -> String {
        seals[k]
            .iter()
            .find(|(t, _)| t == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let newest_cv = tag(n - 1, "cv").to_ascii_lowercase();
    if newest_cv == "fail" {
        return fail(
            n,
            format!(
                "the newest ARC-Seal (i={n}, d={}) has cv=fail: the last sealer found the chain \
                 broken (RFC 8617 §5.2 step 2)",
                tag(n - 1, "d")
            ),
        );
    }
    for k in 0..n {
        let cv = tag(k, "cv").to_ascii_lowercase();
        let want = if k == 0 { "none" } else { "pass" };
        if cv != want {
            return fail(
                n,
                format!(
                    "ARC-Seal i={} has cv={cv}, expected cv={want} (RFC 8617 §5.2 step 3)",
                    k + 1
                ),
            );
        }
    }

    // 3. The newest ARC-Message-Signature, like a DKIM signature (RFC 8617 §5.2 step 4).
    let ams_check = |k: usize| {
        let sig = signature::parse_ams(sets[k].ams, fields[sets[k].ams].value());
        let r = verify::check_signature(&sig, fields, body, keys, now);
        (r, sig.d.clone().unwrap_or_else(|| "?".into()))
    };
    let (newest, newest_d) = ams_check(n - 1);
    let mut warnings = Vec::new();
    let aar = signature::ARC_FIELDS[2];
    if newest.h.iter().any(|h| h == aar) {
        warnings.push(format!(
            "ARC-Message-Signature i={n} (d={newest_d}) signs {aar}, which RFC 8617 §4.1.2 says \
             it must not; tolerated: the ARC-Seal covers that field anyway"
        ));
    }
    if newest.result != SigResult::Pass {
        return fail(
            n,
            format!(
                "ARC-Message-Signature i={n} (d={newest_d}) fails: {}: {}",
                newest.code, newest.reason
            ),
        );
    }

    // 4. oldest-pass (RFC 8617 §5.2 step 5): walk down while the older AMS still verify.
    let mut oldest_pass = 0;
    for k in (0..n - 1).rev() {
        if ams_check(k).0.result != SigResult::Pass {
            oldest_pass = k as u32 + 2;
            break;
        }
    }

    // 5. Every ARC-Seal, newest first (RFC 8617 §5.2 step 6); all failures are reported.
    let mut broken = Vec::new();
    for k in (0..n).rev() {
        let i = k + 1;
        let who = format!("ARC-Seal i={i} (d={}, s={})", tag(k, "d"), tag(k, "s"));
        let Some(algo) = signature::parse_algo(&tag(k, "a")) else {
            broken.push(format!("{who}: unsupported algorithm a={}", tag(k, "a")));
            continue;
        };
        let b = match signature::decode_b64(&tag(k, "b")) {
            Some(b) => b,
            None => {
                broken.push(format!("{who}: b= is not valid base64"));
                continue;
            }
        };
        let input = seal_input(fields, &sets[..=k]);
        let name = key_name(&tag(k, "s"), &tag(k, "d"));
        let Some(fetch) = keys.get(&name) else {
            broken.push(format!("{who}: no key lookup was made for {name}"));
            continue;
        };
        if let Err((code, reason)) = verify::check_raw(fetch, algo, &input, &b) {
            broken.push(format!("{who}: {code}: {reason}"));
        }
    }
    if !broken.is_empty() {
        return fail(n, broken.join("; "));
    }
    ArcReport {
        result: ArcResult::Pass,
        instances: n,
        reason: format!(
            "{n} ARC set(s): every ARC-Seal verifies and the newest ARC-Message-Signature \
             (i={n}, d={newest_d}) verifies"
        ),
        oldest_pass: Some(oldest_pass),
        warnings,
    }
}

/// The ARC-Seal hash input (RFC 8617 §5.1.1): for each set up to this one, its AAR, AMS and AS
/// with relaxed header canonicalization; the last AS with its b= value emptied and no CRLF.
fn seal_input(fields: &[Field], sets: &[Set]) -> Vec<u8> {
    let mut out = Vec::new();
    for (k, set) in sets.iter().enumerate() {
        canon::header(Canon::Relaxed, &fields[set.aar], &mut out);
        canon::header(Canon::Relaxed, &fields[set.ams], &mut out);
        let seal = &fields[set.seal];
        if k + 1 < sets.len() {
            canon::header(Canon::Relaxed, seal, &mut out);
        } else {
            let stripped = hash::strip_b_value(seal.raw);
            let stripped = stripped.strip_suffix(b"\r\n").unwrap_or(&stripped);
            let colon = stripped.iter().position(|&b| b == b':').unwrap_or(0);
            canon::relaxed_header(seal.name, &stripped[colon + 1..], false, &mut out);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_numbers() {
        assert_eq!(instance(AAR, b" i=1; mx.example; dkim=pass"), Ok(1));
        assert_eq!(instance(SEAL, b"i = 50; a=rsa-sha256"), Ok(50));
        assert!(instance(SEAL, b"i=51; a=x").is_err());
        assert!(instance(SEAL, b"i=0").is_err());
        assert!(instance(SEAL, b"i=+1").is_err());
        // The AAR value is `i=N; authserv-id; …`: i= must come first there (RFC 8617 §4.1.1).
        assert!(instance(AAR, b"mx.example; i=1").is_err());
    }

    #[test]
    fn seal_and_ams_tags_in_any_order() {
        // RFC 6376 §3.2: a tag-list is unordered; sealers put i= anywhere.
        assert_eq!(
            instance(
                SEAL,
                b"a=rsa-sha256; b=AAAA;\r\n cv=none; d=x.test; i=2; s=s"
            ),
            Ok(2)
        );
        assert_eq!(instance(AMS, b"a=rsa-sha256; i=1"), Ok(1));
        // The grammar still holds: an empty tag, a bad name, a repeated i=, no i=.
        assert!(instance(SEAL, b"a=rsa-sha256;; i=1").is_err());
        assert!(instance(SEAL, b"i=1; 9x=1").is_err());
        assert!(instance(SEAL, b"i=1; a=x; i=1").is_err());
        assert!(instance(AMS, b"a=rsa-sha256; s=x").is_err());
    }

    /// A repeated tag in an ARC-Seal or ARC-Message-Signature makes its tag-list invalid (RFC
    /// 6376 §3.2, which RFC 8617 §4.1.2 and §4.1.3 take), so the chain fails with that reason.
    #[test]
    fn duplicate_tag_fails_the_chain() {
        let aar = "ARC-Authentication-Results: i=1; mx.x.test; dkim=pass\r\n";
        let ams = "ARC-Message-Signature: i=1; a=rsa-sha256; d=x.test; s=s; h=from; bh=AAAA; \
                   b=AAAA\r\n";
        let seal = "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=x.test; s=s; b=AAAA\r\n";
        let dup_seal = "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=x.test; d=y.test; s=s; b=AAAA\r\n";
        let dup_ams = "ARC-Message-Signature: i=1; a=rsa-sha256; d=x.test; s=s; s=t; h=from; \
                       bh=AAAA; b=AAAA\r\n";
        for (fields, what) in [
            (format!("{aar}{ams}{dup_seal}"), "ARC-Seal"),
            (format!("{aar}{dup_ams}{seal}"), "ARC-Message-Signature"),
        ] {
            let msg = format!("{fields}From: a@x.test\r\n\r\nhi\r\n");
            let r = validate(msg.as_bytes(), &HashMap::new(), 0);
            assert_eq!(r.result, ArcResult::Fail, "{what}");
            assert!(r.reason.contains(what), "{}", r.reason);
            assert!(
                r.reason
                    .contains("appears more than once: the entire tag-list is invalid"),
                "{}",
                r.reason
            );
        }
    }

    #[test]
    fn no_arc_is_none() {
        let r = validate(b"From: a@b.test\r\n\r\nhi\r\n", &HashMap::new(), 0);
        assert_eq!(r.result, ArcResult::None);
    }
}
