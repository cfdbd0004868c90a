//! The DKIM-Signature header field (RFC 6376 §3.5) and the ARC-Message-Signature that shares
//! its tags (RFC 8617 §4.1.2), parsed into what verification needs; every violation of the
//! grammar or of a tag's rules becomes a problem (a permerror), never a DNS query.

use super::canon::{Canon, Field};
use crate::dns::taglist;
use base64::Engine;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// base64 with FWS removed beforehand (RFC 6376 §2.4); padding tolerated either way.
pub(crate) const B64: GeneralPurpose = GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// A signing algorithm (RFC 6376 §3.3, RFC 8463 §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Algo {
    RsaSha256,
    RsaSha1,
    Ed25519Sha256,
}

impl Algo {
    pub(crate) fn key_type(self) -> &'static str {
        match self {
            Algo::RsaSha256 | Algo::RsaSha1 => "rsa",
            Algo::Ed25519Sha256 => "ed25519",
        }
    }
    pub(crate) fn hash_name(self) -> &'static str {
        match self {
            Algo::RsaSha1 => "sha1",
            _ => "sha256",
        }
    }
    pub(crate) fn digest(self, data: &[u8]) -> Vec<u8> {
        let alg = match self {
            Algo::RsaSha1 => &ring::digest::SHA1_FOR_LEGACY_USE_ONLY,
            _ => &ring::digest::SHA256,
        };
        ring::digest::digest(alg, data).as_ref().to_vec()
    }
}

/// A DKIM-Signature header field, parsed (RFC 6376 §3.5). `problems` non-empty: permerror.
#[derive(Debug, Clone, Default)]
pub(crate) struct Signature {
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
    pub(crate) fn tag(&self, name: &str) -> Option<&str> {
        self.tags
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The DNS name of the key: `<s>._domainkey.<d>` (RFC 6376 §3.6.2.1).
    pub(crate) fn key_name(&self) -> Option<String> {
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

pub(crate) fn strip_fws(s: &str) -> String {
    s.chars().filter(|c| !c.is_ascii_whitespace()).collect()
}

/// A domain name as `d=` and the domain of `i=` must be (RFC 6376 §3.5 `domain-name`: at least
/// two LDH labels, RFC 5321 `sub-domain`); one trailing dot is tolerated. U-labels are allowed
/// (RFC 8616 §4: internationalized messages should use them) and judged as their A-labels.
pub(crate) fn valid_domain(d: &str) -> bool {
    let Some(d) = ascii_name(d.strip_suffix('.').unwrap_or(d)) else {
        return false;
    };
    d.len() <= 253 && d.split('.').count() >= 2 && d.split('.').all(|l| valid_label(l, false))
}

/// A selector (RFC 6376 §3.1: `sub-domain *( "." sub-domain )`). An underscore is tolerated:
/// selectors such as `s_2024` are published and resolve (DNS allows it in owner names).
pub(crate) fn valid_selector(s: &str) -> bool {
    let Some(s) = ascii_name(s) else {
        return false;
    };
    s.len() <= 253 && s.split('.').all(|l| valid_label(l, true))
}

/// The name with its U-labels as A-labels (RFC 8616 §4, looked up as A-labels); ASCII names as
/// they are (an ASCII name never goes through IDNA mapping, which would hide its errors).
pub(crate) fn ascii_name(n: &str) -> Option<String> {
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
pub(crate) const ARC_FIELDS: [&str; 3] = [
    "arc-seal",
    "arc-message-signature",
    "arc-authentication-results",
];

/// Parse one DKIM-Signature value (RFC 6376 §3.5); every violation goes into `problems`.
pub(crate) fn parse_signature(field: usize, value: &[u8]) -> Signature {
    parse_tagged(field, value, false)
}

/// Parse one ARC-Message-Signature value (RFC 8617 §4.1.2): the DKIM-Signature tags, with the
/// instance in `i=` (required) and no `v=`.
pub(crate) fn parse_ams(field: usize, value: &[u8]) -> Signature {
    parse_tagged(field, value, true)
}

fn parse_tagged(field: usize, value: &[u8], ams: bool) -> Signature {
    let text: String = String::from_utf8_lossy(value).replace("\r\n", "");
    let mut sig = Signature {
        field,
        ams,
        ..Default::default()
    };
    match taglist::strict(&text) {
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
pub(crate) fn signatures(fields: &[Field]) -> Vec<Signature> {
    fields
        .iter()
        .enumerate()
        .filter(|(_, f)| f.is("dkim-signature"))
        .map(|(i, f)| parse_signature(i, f.value()))
        .collect()
}

/// A `b=` value decoded (FWS removed); `None` when empty or not base64.
pub(crate) fn decode_b64(v: &str) -> Option<Vec<u8>> {
    B64.decode(strip_fws(v)).ok().filter(|b| !b.is_empty())
}

/// Parse an `a=` value.
pub(crate) fn parse_algo(a: &str) -> Option<Algo> {
    match a.to_ascii_lowercase().as_str() {
        "rsa-sha256" => Some(Algo::RsaSha256),
        "rsa-sha1" => Some(Algo::RsaSha1),
        "ed25519-sha256" => Some(Algo::Ed25519Sha256),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A repeated tag makes the DKIM-Signature's tag-list invalid (RFC 6376 §3.2): a malformed
    /// signature (permerror) with that reason, and no key lookup.
    #[test]
    fn duplicate_tag_is_malformed() {
        let s = parse_signature(
            0,
            b"v=1; a=rsa-sha256; d=x.test; s=s; h=from; bh=AAAA; b=AAAA; d=y.test",
        );
        assert_eq!(
            s.problems,
            ["d= appears more than once: the entire tag-list is invalid (RFC 6376 §3.2)"]
        );
        assert_eq!(s.key_name(), None);
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
