//! SPF record syntax (RFC 7208 §4.6, §5, §6, §7.1): a record is parsed completely before it is
//! evaluated, so a syntax error anywhere in it is a permerror (§4.6) even when an earlier term
//! would have matched.

use super::macros::{self, Context};
use std::net::{Ipv4Addr, Ipv6Addr};

/// Where and why a record does not follow the grammar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset in the record.
    pub position: usize,
    pub message: String,
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} (at byte {})", self.message, self.position)
    }
}

/// RFC 7208 §4.6.2: the qualifier decides the result when a mechanism matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Qualifier {
    Pass,
    Fail,
    Softfail,
    Neutral,
}

/// A mechanism with its arguments (domain-specs stay unexpanded: macros depend on the check).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mechanism {
    All,
    Include(String),
    A {
        domain: Option<String>,
        cidr4: u8,
        cidr6: u8,
    },
    Mx {
        domain: Option<String>,
        cidr4: u8,
        cidr6: u8,
    },
    Ptr(Option<String>),
    Ip4(Ipv4Addr, u8),
    Ip6(Ipv6Addr, u8),
    Exists(String),
}

impl Mechanism {
    /// The kind name used in audits.
    pub fn kind(&self) -> &'static str {
        match self {
            Mechanism::All => "all",
            Mechanism::Include(_) => "include",
            Mechanism::A { .. } => "a",
            Mechanism::Mx { .. } => "mx",
            Mechanism::Ptr(_) => "ptr",
            Mechanism::Ip4(..) => "ip4",
            Mechanism::Ip6(..) => "ip6",
            Mechanism::Exists(_) => "exists",
        }
    }

    /// Whether evaluating it counts against the limit of 10 DNS-querying terms (§4.6.4).
    pub fn queries_dns(&self) -> bool {
        !matches!(
            self,
            Mechanism::All | Mechanism::Ip4(..) | Mechanism::Ip6(..)
        )
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TermKind {
    Mechanism(Qualifier, Mechanism),
    /// `redirect=` domain-spec (§6.1).
    Redirect(String),
    /// `exp=` domain-spec (§6.2).
    Exp(String),
    /// Any other modifier: syntax-checked, then ignored (§6).
    Unknown {
        name: String,
        value: String,
    },
}

/// One term of a record, as written and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedTerm {
    pub text: String,
    /// Byte offset of the term in the record.
    pub position: usize,
    pub term: TermKind,
}

impl ParsedTerm {
    pub fn kind(&self) -> &'static str {
        match &self.term {
            TermKind::Mechanism(_, m) => m.kind(),
            TermKind::Redirect(_) => "redirect",
            TermKind::Exp(_) => "exp",
            TermKind::Unknown { .. } => "unknown-modifier",
        }
    }
}

/// Whether a TXT string is an SPF record: "v=spf1" (any case) followed by a space or the end
/// (§4.5).
pub fn is_spf_record(txt: &[u8]) -> bool {
    txt.len() >= 6 && txt[..6].eq_ignore_ascii_case(b"v=spf1") && (txt.len() == 6 || txt[6] == b' ')
}

/// Parse a whole record, "v=spf1" included.
pub fn parse(record: &str) -> Result<Vec<ParsedTerm>, SyntaxError> {
    let err = |position: usize, message: String| SyntaxError { position, message };
    if !is_spf_record(record.as_bytes()) {
        return Err(err(
            0,
            "record does not start with \"v=spf1\" followed by a space".into(),
        ));
    }
    let mut terms = Vec::new();
    let mut seen_redirect = false;
    let mut seen_exp = false;
    let mut pos = 6;
    // §4.6.1: terms are separated by one or more SP (only SP: no tabs or other controls).
    for piece in record[6..].split(' ') {
        let start = pos;
        pos += piece.len() + 1;
        if piece.is_empty() {
            continue;
        }
        // §3.1: records are 7-bit ASCII; §4.6.1: terms consist of visible characters.
        if let Some(i) = piece.bytes().position(|b| !(0x21..=0x7e).contains(&b)) {
            let b = piece.as_bytes()[i];
            let what = if b >= 0x80 {
                "non-ASCII byte (RFC 7208 §3.1: records are 7-bit ASCII)"
            } else {
                "control character (RFC 7208 §4.6.1: terms are separated by spaces only)"
            };
            return Err(err(start + i, format!("{what} in term {piece:?}")));
        }
        let term = parse_term(piece).map_err(|(off, msg)| err(start + off, msg))?;
        match &term {
            TermKind::Redirect(_) if seen_redirect => {
                return Err(err(
                    start,
                    "\"redirect\" appears more than once (RFC 7208 §6)".into(),
                ));
            }
            TermKind::Exp(_) if seen_exp => {
                return Err(err(
                    start,
                    "\"exp\" appears more than once (RFC 7208 §6)".into(),
                ));
            }
            TermKind::Redirect(_) => seen_redirect = true,
            TermKind::Exp(_) => seen_exp = true,
            _ => {}
        }
        terms.push(ParsedTerm {
            text: piece.to_string(),
            position: start,
            term,
        });
    }
    Ok(terms)
}

type Fail = (usize, String);

fn parse_term(t: &str) -> Result<TermKind, Fail> {
    // §4.6.1: name = ALPHA *( ALPHA / DIGIT / "-" / "_" / "." ), then "=" makes a modifier.
    let name_len = t
        .bytes()
        .enumerate()
        .take_while(|&(i, b)| {
            if i == 0 {
                b.is_ascii_alphabetic()
            } else {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.')
            }
        })
        .count();
    if name_len > 0 && t.as_bytes().get(name_len) == Some(&b'=') {
        let name = &t[..name_len];
        let value = &t[name_len + 1..];
        let voff = name_len + 1;
        return match name.to_ascii_lowercase().as_str() {
            "redirect" => {
                domain_spec(value).map_err(|(o, m)| (voff + o, format!("redirect: {m}")))?;
                Ok(TermKind::Redirect(value.to_string()))
            }
            "exp" => {
                domain_spec(value).map_err(|(o, m)| (voff + o, format!("exp: {m}")))?;
                Ok(TermKind::Exp(value.to_string()))
            }
            _ => {
                macros::parse(value, Context::Unknown)
                    .map_err(|(o, m)| (voff + o, format!("modifier {name}: {m}")))?;
                Ok(TermKind::Unknown {
                    name: name.to_string(),
                    value: value.to_string(),
                })
            }
        };
    }
    let (qualifier, body, off) = match t.as_bytes()[0] {
        b'+' => (Qualifier::Pass, &t[1..], 1),
        b'-' => (Qualifier::Fail, &t[1..], 1),
        b'~' => (Qualifier::Softfail, &t[1..], 1),
        b'?' => (Qualifier::Neutral, &t[1..], 1),
        _ => (Qualifier::Pass, t, 0),
    };
    let mech = parse_mechanism(body).map_err(|(o, m)| (off + o, m))?;
    Ok(TermKind::Mechanism(qualifier, mech))
}

fn parse_mechanism(body: &str) -> Result<Mechanism, Fail> {
    let name_end = body.find([':', '/']).unwrap_or(body.len());
    let name = body[..name_end].to_ascii_lowercase();
    let rest = &body[name_end..];
    let unknown = || {
        Err((
            0,
            format!("unknown mechanism {body:?} (RFC 7208 §5: permerror)"),
        ))
    };
    // The argument after ':' (required or optional), or None.
    let arg = |required: bool| -> Result<Option<&str>, Fail> {
        match rest.strip_prefix(':') {
            Some(a) => Ok(Some(a)),
            None if rest.is_empty() && !required => Ok(None),
            None if rest.is_empty() => Err((name_end, format!("{name} needs \":\" domain"))),
            None => Err((name_end, format!("{name} takes no CIDR length"))),
        }
    };
    let spec = |a: &str| -> Result<String, Fail> {
        domain_spec(a).map_err(|(o, m)| (name_end + 1 + o, m))?;
        Ok(a.to_string())
    };
    match name.as_str() {
        "all" => {
            if rest.is_empty() {
                Ok(Mechanism::All)
            } else {
                Err((name_end, "\"all\" takes no argument (RFC 7208 §5.1)".into()))
            }
        }
        "include" => Ok(Mechanism::Include(spec(arg(true)?.unwrap_or(""))?)),
        "exists" => Ok(Mechanism::Exists(spec(arg(true)?.unwrap_or(""))?)),
        "ptr" => match arg(false)? {
            Some(a) => Ok(Mechanism::Ptr(Some(spec(a)?))),
            None => Ok(Mechanism::Ptr(None)),
        },
        "a" | "mx" => {
            // §5.3/§5.4: [ ":" domain-spec ] [ dual-cidr-length ]
            let (domain, cidr_at) = match rest.strip_prefix(':') {
                Some(a) => {
                    let (d, _) = split_dual_cidr(a);
                    (Some(spec(d)?), name_end + 1 + d.len())
                }
                None => (None, name_end),
            };
            let (cidr4, cidr6) = dual_cidr(&body[cidr_at..]).map_err(|(o, m)| (cidr_at + o, m))?;
            Ok(if name == "a" {
                Mechanism::A {
                    domain,
                    cidr4,
                    cidr6,
                }
            } else {
                Mechanism::Mx {
                    domain,
                    cidr4,
                    cidr6,
                }
            })
        }
        "ip4" => {
            let a = arg(true)?.unwrap_or("");
            let (addr, len) = a.split_once('/').map_or((a, None), |(x, l)| (x, Some(l)));
            let ip: Ipv4Addr = addr.parse().map_err(|_| {
                (
                    name_end + 1,
                    format!("invalid IPv4 network {addr:?} (RFC 7208 §5.6)"),
                )
            })?;
            let len = match len {
                None => 32,
                Some(l) => cidr_len(l, 32).map_err(|m| (name_end + 2 + addr.len(), m))?,
            };
            Ok(Mechanism::Ip4(ip, len))
        }
        "ip6" => {
            let a = arg(true)?.unwrap_or("");
            let (addr, len) = a.split_once('/').map_or((a, None), |(x, l)| (x, Some(l)));
            let ip: Ipv6Addr = addr.parse().map_err(|_| {
                (
                    name_end + 1,
                    format!("invalid IPv6 network {addr:?} (RFC 7208 §5.6)"),
                )
            })?;
            let len = match len {
                None => 128,
                Some(l) => cidr_len(l, 128).map_err(|m| (name_end + 2 + addr.len(), m))?,
            };
            Ok(Mechanism::Ip6(ip, len))
        }
        _ => unknown(),
    }
}

/// Split `domain/24//64` into the domain and the dual-cidr-length suffix (which may be empty).
fn split_dual_cidr(a: &str) -> (&str, &str) {
    let strip_len = |s: &str| -> Option<usize> {
        // Length of a trailing "/" 1*DIGIT.
        let digits = s.bytes().rev().take_while(u8::is_ascii_digit).count();
        (digits > 0 && s.len() > digits && s.as_bytes()[s.len() - digits - 1] == b'/')
            .then_some(digits + 1)
    };
    let mut end = a.len();
    if let Some(n) = strip_len(&a[..end]) {
        if a[..end - n].ends_with('/') {
            // "//64": the ip6 length; an ip4 length may precede it.
            end -= n + 1;
            if let Some(m) = strip_len(&a[..end]) {
                end -= m;
            }
        } else {
            end -= n;
        }
    }
    (&a[..end], &a[end..])
}

/// dual-cidr-length = [ ip4-cidr-length ] [ "/" ip6-cidr-length ] (§5.6); defaults 32 and 128.
fn dual_cidr(s: &str) -> Result<(u8, u8), Fail> {
    if s.is_empty() {
        return Ok((32, 128));
    }
    let Some(r) = s.strip_prefix('/') else {
        return Err((0, format!("unexpected {s:?} after the domain")));
    };
    if let Some(v6) = r.strip_prefix('/') {
        return Ok((32, cidr_len(v6, 128).map_err(|m| (2, m))?));
    }
    match r.split_once("//") {
        Some((v4, v6)) => Ok((
            cidr_len(v4, 32).map_err(|m| (1, m))?,
            cidr_len(v6, 128).map_err(|m| (3 + v4.len(), m))?,
        )),
        None => Ok((cidr_len(r, 32).map_err(|m| (1, m))?, 128)),
    }
}

/// A CIDR length: 1*DIGIT without leading zeros, at most `max` (§5.6: larger is a permerror).
fn cidr_len(s: &str, max: u8) -> Result<u8, String> {
    let ok = !s.is_empty()
        && s.len() <= 3
        && s.bytes().all(|b| b.is_ascii_digit())
        && !(s.len() > 1 && s.starts_with('0'));
    match s.parse::<u16>() {
        Ok(n) if ok && n <= u16::from(max) => Ok(n as u8),
        _ => Err(format!(
            "invalid CIDR length {s:?} (0-{max}, no leading zeros; RFC 7208 §5.6)"
        )),
    }
}

/// domain-spec = macro-string domain-end; domain-end = ( "." toplabel [ "." ] ) / macro-expand
/// (§7.1). Checked before expansion, never after.
pub(super) fn domain_spec(s: &str) -> Result<(), Fail> {
    if s.is_empty() {
        return Err((0, "empty domain-spec".into()));
    }
    let pieces = macros::parse(s, Context::Domain)?;
    if matches!(pieces.last(), Some(p) if !p.is_literal()) {
        return Ok(());
    }
    let body = s.strip_suffix('.').unwrap_or(s);
    let Some(dot) = body.rfind('.') else {
        return Err((
            0,
            format!("{s:?} is not a domain: needs \".\" and a top label (RFC 7208 §7.1)"),
        ));
    };
    let top = &body[dot + 1..];
    if !is_toplabel(top) {
        return Err((
            dot + 1,
            format!(
                "invalid top label {top:?} in {s:?} (letters, digits, inner \"-\", not all digits; RFC 7208 §7.1)"
            ),
        ));
    }
    Ok(())
}

/// toplabel = ( *alphanum ALPHA *alphanum ) / ( 1*alphanum "-" *( alphanum / "-" ) alphanum )
fn is_toplabel(t: &str) -> bool {
    let b = t.as_bytes();
    !b.is_empty()
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && b.iter().any(|c| c.is_ascii_alphabetic() || *c == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pos(r: &str) -> usize {
        parse(r).unwrap_err().position
    }

    #[test]
    fn parses_terms() {
        let t = parse("v=spf1 ip4:192.0.2.0/24  a:mail.example.com/24//64 -mx ~all").unwrap();
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].position, 7);
        assert_eq!(
            t[0].term,
            TermKind::Mechanism(Qualifier::Pass, Mechanism::Ip4([192, 0, 2, 0].into(), 24))
        );
        assert_eq!(
            t[1].term,
            TermKind::Mechanism(
                Qualifier::Pass,
                Mechanism::A {
                    domain: Some("mail.example.com".into()),
                    cidr4: 24,
                    cidr6: 64
                }
            )
        );
        assert_eq!(t[1].position, 25);
        assert_eq!(
            t[3].term,
            TermKind::Mechanism(Qualifier::Softfail, Mechanism::All)
        );
        let t = parse("V=SPF1 A//0 mx/0 redirect=_spf.example.com moo.cow-far_out=man:dog/cat")
            .unwrap();
        assert!(matches!(
            t[0].term,
            TermKind::Mechanism(
                _,
                Mechanism::A {
                    domain: None,
                    cidr4: 32,
                    cidr6: 0
                }
            )
        ));
        assert!(matches!(t[2].term, TermKind::Redirect(_)));
        assert!(matches!(t[3].term, TermKind::Unknown { .. }));
        assert!(parse("v=spf1").unwrap().is_empty());
        assert!(parse("v=spf1 a:foo:bar/baz.example.com").is_ok());
        assert!(parse("v=spf1 a:foo.example.xn--zckzah -all").is_ok());
        assert!(parse("v=spf1 exists:%{i}.%{l2r-}.user.%{d2}").is_ok());
    }

    #[test]
    fn syntax_error_positions() {
        assert_eq!(pos("v=spf10"), 0);
        assert_eq!(pos("v=spf1 ip4:1.2.3.4 -all moo"), 24);
        assert_eq!(pos("v=spf1 ip4:1.2.3.4/33"), 19);
        assert_eq!(pos("v=spf1 ip4:1.2.3.4/032"), 19);
        assert_eq!(pos("v=spf1 ip4:1.2.3"), 11);
        assert_eq!(pos("v=spf1 a//129"), 10);
        assert_eq!(pos("v=spf1 a/24/64"), 9);
        assert_eq!(pos("v=spf1 a:ctrl.example.com\rptr -all"), 25);
        assert_eq!(pos("v=spf1 -all."), 8);
        assert_eq!(pos("v=spf1 -all/8"), 11);
        assert_eq!(pos("v=spf1 ptr/0"), 10);
        assert_eq!(pos("v=spf1 a:museum"), 9);
        assert_eq!(pos("v=spf1 a:111.222.33.44"), 20);
        assert_eq!(pos("v=spf1 a:example.com:8080"), 17);
        assert_eq!(pos("v=spf1 a:"), 9);
        assert_eq!(pos("v=spf1 include:ip5.example.com/24"), 27);
        assert_eq!(pos("v=spf1 exists:foo%(ir).sbl.example.com"), 17);
        assert_eq!(pos("v=spf1 exp=a.example exp=b.example"), 21);
        assert_eq!(pos("v=spf1 1up=foo"), 7);
        assert_eq!(pos("v=spf1 =all"), 7);
        assert_eq!(pos("v=spf1 redirect:t2.example.com"), 7);
        assert_eq!(pos("v=spf1 foo=%abc"), 11);
        assert_eq!(pos("v=spf1 exp=%{r}.example.com"), 11);
        assert_eq!(pos("v=spf1 ip6:::1.1.1.1//33"), 21);
        assert_eq!(pos("v=spf1 ip6::CAFE::BABE"), 11);
        assert_eq!(pos("v=spf1 a:\u{feff}x.example.net"), 9);
    }

    #[test]
    fn dual_cidr_split() {
        assert_eq!(
            split_dual_cidr("x.example/24//64"),
            ("x.example", "/24//64")
        );
        assert_eq!(split_dual_cidr("x.example//64"), ("x.example", "//64"));
        assert_eq!(split_dual_cidr("x.example/24"), ("x.example", "/24"));
        assert_eq!(
            split_dual_cidr("foo:bar/baz.example"),
            ("foo:bar/baz.example", "")
        );
        assert_eq!(dual_cidr("/24//64"), Ok((24, 64)));
        assert!(dual_cidr("/24/64").is_err());
    }
}
