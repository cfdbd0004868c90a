//! Why a DKIM signature failed, in words a person can act on: which signed header fields occur
//! more or fewer times than `h=` signs them (RFC 6376 §5.4.2 selects instances bottom-up, so an
//! added one is hashed instead of the signed one), and what the body hash covered (§3.7, l=).

use super::canon::{Canon, Field};
use serde::Serialize;

/// A header field named in `h=` whose number of instances differs from what was signed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CountDiff {
    /// Lowercase field name.
    pub name: String,
    /// Times `h=` lists it.
    pub signed: usize,
    /// Times it occurs in the message.
    pub present: usize,
}

/// Every `h=` name whose count in the message differs from its count in `h=` (first-listed
/// order). `present > signed`: an instance was added (or was never signed); `present < signed`:
/// the signer over-signed it (a guard against additions, RFC 6376 §8.15) or one was removed.
pub fn count_diffs(h: &[String], fields: &[Field]) -> Vec<CountDiff> {
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

/// The reason for a signature that does not verify over the signed headers while the body hash
/// matched (RFC 6376 §6.1.3): added headers first, then removed ones, else a changed value.
pub fn header_mismatch_reason(h: &[String], diffs: &[CountDiff]) -> String {
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
    if !added.is_empty() {
        return format!(
            "signature mismatch over the signed headers: {} — a header was added after signing \
             (verifiers hash the bottom-most instances, RFC 6376 §5.4.2), e.g. a second From",
            added.join("; ")
        );
    }
    let removed: Vec<String> = diffs
        .iter()
        .filter(|d| d.present < d.signed && d.present > 0)
        .map(|d| {
            format!(
                "{} is signed {} but present {}",
                d.name,
                times(d.signed),
                times(d.present)
            )
        })
        .collect();
    let mut s = format!(
        "signature mismatch over the signed headers (h={}): a signed header was changed in \
         transit (or the key in DNS is not the signer's)",
        h.join(":")
    );
    if !removed.is_empty() {
        s.push_str(&format!(
            "; {} (over-signed, or removed in transit)",
            removed.join("; ")
        ));
    }
    s.push_str("; --debug-canon shows what was hashed");
    s
}

/// The reason for a body hash mismatch (RFC 6376 §3.7): what we hashed, and what usually breaks.
pub fn body_mismatch_reason(
    canon: Canon,
    canonical_len: usize,
    hashed_len: usize,
    l: Option<u64>,
    converted_lf: bool,
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
    if canon == Canon::Simple {
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
                    present: 2
                },
                CountDiff {
                    name: "subject".into(),
                    signed: 1,
                    present: 0
                }
            ]
        );
        let r = header_mismatch_reason(&h, &d);
        assert!(r.contains("from is present 2 times but signed once"), "{r}");
    }
}
