//! Why a DKIM signature failed, in words a person can act on: which signed header fields occur
//! more or fewer times than `h=` signs them (RFC 6376 §5.4.2 selects instances bottom-up, so an
//! added one is hashed instead of the signed one), and what the body hash covered (§3.7, l=).

use super::canon::{Canon, Field};
use serde::Serialize;

/// A header field named in `h=` whose number of instances differs from what was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct CountDiff {
    /// Lowercase field name.
    pub name: String,
    /// Times `h=` lists it.
    pub signed: usize,
    /// Times it occurs in the message.
    pub present: usize,
    /// `h=` lists the name more than once and more often than it occurs: deliberate
    /// over-signing, which stops anyone adding an instance (RFC 6376 §5.4.2, §8.15). Not a
    /// divergence, and never a hint.
    pub oversigned: bool,
}

/// Every `h=` name whose count in the message differs from its count in `h=` (first-listed
/// order). `present > signed`: an instance was added (or was never signed); `present < signed`
/// with the name listed twice or more: over-signing; listed once and absent: removed in transit,
/// or signed while absent (which also guards against its addition).
pub(crate) fn count_diffs(h: &[String], fields: &[Field]) -> Vec<CountDiff> {
    let mut out: Vec<CountDiff> = Vec::new();
    for name in h {
        if out.iter().any(|d| d.name == *name) {
            continue;
        }
        let signed = h.iter().filter(|n| *n == name).count();
        let present = fields.iter().filter(|f| f.is(name)).count();
        if signed != present {
            out.push(CountDiff {
                name: name.clone(),
                signed,
                present,
                oversigned: present < signed && signed >= 2,
            });
        }
    }
    out
}

fn times(n: usize) -> String {
    if n == 1 {
        "once".into()
    } else {
        format!("{n} times")
    }
}

/// What the verifier found out about a header signature that does not verify, by experiment.
#[derive(Debug, Default)]
pub(crate) struct HeaderEvidence {
    /// Leaving out this instance (name, 1-based header field number) makes the signature verify:
    /// it was added after signing.
    pub added: Option<(String, usize)>,
    /// RSA only: whether the signature opens to a well-formed PKCS#1 v1.5 block with this key.
    /// `Some(false)`: the key is not the one that signed. `Some(true)`: the key is the signer's,
    /// so the signed content changed.
    pub key_matches: Option<bool>,
    /// The hash the signature holds, when it is not the one `a=` names (e.g. sha1 under
    /// a=rsa-sha256).
    pub other_hash: Option<&'static str>,
    /// Signed fields that look rewritten (a `[list]` Subject tag, a From "via").
    pub looks_rewritten: Vec<String>,
    /// The header canonicalization is simple: any re-folding breaks it.
    pub simple: bool,
}

/// The reason for a signature that does not verify over the signed headers while the body hash
/// matched (RFC 6376 §6.1.3): what diverged, as far as the experiments tell, else the likely
/// candidates, worded as likely.
pub(crate) fn header_mismatch_reason(
    h: &[String],
    key_name: &str,
    diffs: &[CountDiff],
    ev: &HeaderEvidence,
) -> String {
    if let Some((name, n)) = &ev.added {
        return format!(
            "signature mismatch over the signed headers: the {name} at header field #{n} was \
             added after signing — without it the signature verifies (verifiers hash the \
             bottom-most instances, RFC 6376 §5.4.2)"
        );
    }
    if ev.key_matches == Some(false) {
        return format!(
            "signature mismatch: the signature does not open with the key at {key_name} (no \
             valid PKCS#1 block): the key published there is not the one that signed — rotated, \
             or s= names another key; the headers themselves may be intact"
        );
    }
    if let Some(hash) = ev.other_hash {
        return format!(
            "signature mismatch: the key at {key_name} is the signer's, but the signature holds a \
             {hash} digest while a= names another hash: the signer mislabelled a= (RFC 6376 §3.3)"
        );
    }
    let mut s = String::from("signature mismatch over the signed headers");
    if ev.key_matches == Some(true) {
        s.push_str(&format!(
            " (the key at {key_name} is the signer's: the signed content changed)"
        ));
    }
    let added: Vec<String> = diffs
        .iter()
        .filter(|d| d.present > d.signed)
        .map(|d| {
            format!(
                "{} is present {} but signed {}",
                d.name,
                times(d.present),
                times(d.signed)
            )
        })
        .collect();
    let absent: Vec<String> = diffs
        .iter()
        .filter(|d| d.present == 0 && !d.oversigned)
        .map(|d| d.name.clone())
        .collect();
    let mut likely: Vec<String> = Vec::new();
    if !added.is_empty() {
        likely.push(format!(
            "{} — a header was likely added after signing (verifiers hash the bottom-most \
             instances, RFC 6376 §5.4.2)",
            added.join("; ")
        ));
    }
    likely.extend(ev.looks_rewritten.iter().cloned());
    if !absent.is_empty() {
        likely.push(format!(
            "{} signed but absent: likely removed in transit (or signed while absent)",
            absent.join(", ")
        ));
    }
    if likely.is_empty() {
        s.push_str(&format!(
            ": a field of h={} likely changed in transit",
            h.join(":")
        ));
        if ev.simple {
            s.push_str(" (c=simple/…: any re-folding or whitespace change breaks it)");
        }
    } else {
        s.push_str(": ");
        s.push_str(&likely.join("; "));
    }
    s.push_str("; --debug-canon shows what was hashed");
    s
}

/// The reason for a body hash mismatch (RFC 6376 §3.7): what diverged when an experiment shows
/// it (`found`), else what we hashed and what usually breaks.
pub(crate) fn body_mismatch_reason(
    canon: Canon,
    canonical_len: usize,
    hashed_len: usize,
    l: Option<u64>,
    converted_lf: bool,
    found: Option<String>,
) -> String {
    let mut s = format!(
        "body hash mismatch: the body was changed after signing (we hashed {hashed_len} bytes of \
         the {canonical_len}-byte {}-canonicalized body",
        canon.as_str()
    );
    match l {
        Some(l) => s.push_str(&format!("; l={l})")),
        None => s.push_str("; no l=)"),
    }
    if let Some(f) = found {
        s.push_str(": ");
        s.push_str(&f);
    } else if canon == Canon::Simple {
        s.push_str(
            "; c=…/simple breaks on any whitespace or line-ending change (relaxed tolerates it)",
        );
    }
    if converted_lf {
        s.push_str("; the message had bare LF line endings, converted to CRLF before hashing");
    }
    s.push_str("; --debug-canon shows the body hash input");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dkim::canon::split;

    #[test]
    fn second_from_is_named() {
        let msg = b"From: a@x\r\nTo: b@y\r\nFrom: evil@x\r\n\r\n";
        let (fields, _) = split(msg);
        let h = vec!["from".to_string(), "to".into(), "subject".into()];
        let d = count_diffs(&h, &fields);
        assert_eq!(
            d,
            vec![
                CountDiff {
                    name: "from".into(),
                    signed: 1,
                    present: 2,
                    oversigned: false,
                },
                CountDiff {
                    name: "subject".into(),
                    signed: 1,
                    present: 0,
                    oversigned: false,
                }
            ]
        );
        let r = header_mismatch_reason(&h, "k", &d, &HeaderEvidence::default());
        assert!(r.contains("from is present 2 times but signed once"), "{r}");
        assert!(r.contains("subject signed but absent"), "{r}");
    }

    #[test]
    fn oversigning_is_no_hint() {
        // h=from:from:subject:subject:reply-to:reply-to with one From and one Subject: the
        // signer guards against additions (RFC 6376 §8.15). Nothing of it is a divergence.
        let msg = b"From: a@x\r\nSubject: hi\r\n\r\n";
        let (fields, _) = split(msg);
        let h: Vec<String> = "from:from:subject:subject:reply-to:reply-to"
            .split(':')
            .map(String::from)
            .collect();
        let d = count_diffs(&h, &fields);
        assert!(d.iter().all(|d| d.oversigned), "{d:?}");
        let r = header_mismatch_reason(&h, "k", &d, &HeaderEvidence::default());
        assert!(!r.contains("signed 2 times"), "{r}");
        assert!(!r.contains("absent"), "{r}");
        assert!(r.contains("likely changed in transit"), "{r}");
    }
}
