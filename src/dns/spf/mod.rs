//! SPF (RFC 7208): `check_host()` for one client IP, and an audit of a domain's record tree
//! (include/redirect, lookup budget, void lookups, common mistakes). Every DNS question goes
//! through [`crate::dns::Dns::query`], so it is part of the transcript and asked once per run.

mod audit;
mod eval;
pub(crate) mod macros;
mod parse;

use super::finding::Finding;
use serde::Serialize;
use std::net::IpAddr;

pub use audit::audit;
pub use eval::check_host;
pub use parse::{Mechanism, ParsedTerm, Qualifier, SyntaxError, TermKind, is_spf_record, parse};

/// RFC 7208 §2.6.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SpfResult {
    None,
    Neutral,
    Pass,
    Fail,
    Softfail,
    Temperror,
    Permerror,
}

impl SpfResult {
    pub fn as_str(self) -> &'static str {
        match self {
            SpfResult::None => "none",
            SpfResult::Neutral => "neutral",
            SpfResult::Pass => "pass",
            SpfResult::Fail => "fail",
            SpfResult::Softfail => "softfail",
            SpfResult::Temperror => "temperror",
            SpfResult::Permerror => "permerror",
        }
    }
}

impl std::fmt::Display for SpfResult {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<Qualifier> for SpfResult {
    fn from(q: Qualifier) -> Self {
        match q {
            Qualifier::Pass => SpfResult::Pass,
            Qualifier::Fail => SpfResult::Fail,
            Qualifier::Softfail => SpfResult::Softfail,
            Qualifier::Neutral => SpfResult::Neutral,
        }
    }
}

/// The outcome of `check_host()` for one IP.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evaluation {
    pub result: SpfResult,
    /// The term that decided (None for the default neutral, none, and errors outside a term).
    pub mechanism: Option<String>,
    /// The domain whose record produced the decision (after redirect).
    pub domain: String,
    /// The `exp=` text on fail, macro-expanded (RFC 7208 §6.2).
    pub explanation: Option<String>,
    /// Why, in one line for a person.
    pub reason: String,
    /// DNS-querying terms evaluated (RFC 7208 §4.6.4).
    pub dns_lookups: u32,
    pub void_lookups: u32,
}

/// One record in the include/redirect tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    pub domain: String,
    pub record: Option<String>,
    /// "ok", "none", "nxdomain", "servfail", "timeout", "error", "multiple", "syntax-error",
    /// "invalid-domain", "loop", "unresolved-macro".
    pub outcome: String,
    pub terms: Vec<Term>,
}

/// One term of a record in the tree.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Term {
    pub text: String,
    pub kind: String,
    /// DNS-querying terms this term spends (include/a/mx/ptr/exists/redirect = 1).
    pub lookups: u32,
    /// Its lookup returned NXDOMAIN or no records.
    pub void: bool,
    pub ms: Option<f64>,
    pub child: Option<Box<Node>>,
    pub note: Option<String>,
}

/// `dns spf DOMAIN` without an IP: the tree, the lookup budget and the findings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Audit {
    pub tree: Node,
    pub dns_lookups: u32,
    pub void_lookups: u32,
    pub lookup_path: Vec<String>,
    pub findings: Vec<Finding>,
}

/// RFC 7208 §4.6.4: at most 10 DNS-querying terms, at most 2 void lookups.
pub const MAX_LOOKUPS: u32 = 10;
pub const MAX_VOID: u32 = 2;
/// §4.6.4: at most 10 MX records per mx, at most 10 PTR names per ptr / %{p}.
pub const MAX_MX: usize = 10;
pub const MAX_PTR: usize = 10;

/// IPv4-mapped IPv6 addresses are IPv4 (RFC 7208 §5, last paragraph).
pub fn canonical_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(ip, IpAddr::V4),
        v4 => v4,
    }
}

/// Whether `ip` is inside `net/len`.
pub fn cidr_match(ip: IpAddr, net: IpAddr, len: u8) -> bool {
    match (canonical_ip(ip), net) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let mask = if len == 0 {
                0
            } else {
                u32::MAX << (32 - u32::from(len.min(32)))
            };
            u32::from(a) & mask == u32::from(n) & mask
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let mask = if len == 0 {
                0
            } else {
                u128::MAX << (128 - u32::from(len.min(128)))
            };
            u128::from(a) & mask == u128::from(n) & mask
        }
        _ => false,
    }
}

/// §4.3 / §7.3: a name that can be asked: 1-253 octets, labels of 1-63 octets.
pub fn valid_name(name: &str) -> bool {
    let n = name.strip_suffix('.').unwrap_or(name);
    !n.is_empty() && n.len() <= 253 && n.split('.').all(|l| !l.is_empty() && l.len() <= 63)
}

/// §7.3: an expanded domain over 253 characters loses labels from the left until it fits.
pub fn truncate_domain(name: &str) -> String {
    let mut n = name.strip_suffix('.').unwrap_or(name);
    while n.len() > 253 {
        match n.find('.') {
            Some(i) => n = &n[i + 1..],
            None => break,
        }
    }
    n.to_string()
}

/// The reverse-lookup name of an IP (in-addr.arpa / ip6.arpa).
pub fn reverse_name(ip: IpAddr) -> String {
    match canonical_ip(ip) {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(v6) => {
            let mut s = String::new();
            for o in v6.octets().iter().rev() {
                s.push_str(&format!("{:x}.{:x}.", o & 0xf, o >> 4));
            }
            s + "ip6.arpa"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(cidr_match(ip("192.0.2.77"), ip("192.0.2.0"), 24));
        assert!(!cidr_match(ip("192.0.3.77"), ip("192.0.2.0"), 24));
        assert!(cidr_match(ip("1.2.3.4"), ip("9.9.9.9"), 0));
        assert!(cidr_match(ip("1.2.3.4"), ip("1.2.3.4"), 32));
        assert!(!cidr_match(ip("1.2.3.5"), ip("1.2.3.4"), 32));
        assert!(cidr_match(ip("::ffff:1.2.3.4"), ip("1.2.3.0"), 24));
        assert!(!cidr_match(ip("::ffff:1.2.3.4"), ip("::ffff:1.2.3.4"), 128));
        assert!(cidr_match(
            ip("cafe:babe:8000::"),
            ip("cafe:babe:8000::"),
            33
        ));
        assert!(!cidr_match(ip("cafe:babe::1"), ip("cafe:babe:8000::"), 33));
        assert!(cidr_match(
            ip("2001:db8:1234::cafe:babe"),
            ip("2001:db8:1234::dead:beef"),
            64
        ));
        assert!(cidr_match(ip("1234::1"), ip("::1.1.1.1"), 0));
        assert!(!cidr_match(ip("1.2.3.4"), ip("::1.1.1.1"), 0));
    }

    #[test]
    fn names() {
        assert_eq!(
            reverse_name("192.0.2.3".parse().unwrap()),
            "3.2.0.192.in-addr.arpa"
        );
        assert!(reverse_name("2001:db8::cb01".parse().unwrap()).starts_with("1.0.b.c.0.0."));
        assert!(valid_name("a.example."));
        assert!(!valid_name("a..example"));
        assert!(!valid_name(&format!("{}.example", "x".repeat(64))));
        let long = format!("{}.example.com", ["abcdefghi"; 30].join("."));
        let t = truncate_domain(&long);
        assert!(t.len() <= 253 && long.ends_with(&t) && t.starts_with("abcdefghi."));
    }
}
