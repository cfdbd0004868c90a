//! SPF macros (RFC 7208 §7): `%{letter transformers delimiters}`, `%%`, `%_`, `%-`. Parsing is
//! strict (an invalid macro is a permerror, §7.1); expansion never fails.

use std::net::IpAddr;

/// Where a macro-string appears; it decides which letters and characters are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// A domain-spec: letters s l o d i p h v (§7.2: c r t are only for explanations).
    Domain,
    /// The explanation TXT (§6.2): every letter, and spaces.
    Explanation,
    /// The value of an unknown modifier: syntax-checked, never expanded.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Piece {
    Literal(String),
    /// `%%`, `%_`, `%-`: literal output, but a macro-expand in the grammar (§7.1).
    Escape(&'static str),
    Macro {
        /// Lowercase letter.
        letter: u8,
        /// Uppercase in the record: URL-escape the result (§7.3).
        upper: bool,
        /// Number of right-hand parts to keep (nonzero).
        digits: Option<usize>,
        reverse: bool,
        /// Delimiters to split on; empty means ".".
        delims: Vec<u8>,
    },
}

impl Piece {
    pub(crate) fn is_literal(&self) -> bool {
        matches!(self, Piece::Literal(_))
    }
}

/// Parse a macro-string; the error carries the byte offset of the offending `%` (or character).
pub(crate) fn parse(s: &str, ctx: Context) -> Result<Vec<Piece>, (usize, String)> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if c != b'%' {
            let ok = (0x21..=0x7e).contains(&c) || (c == b' ' && ctx == Context::Explanation);
            if !ok {
                return Err((i, format!("invalid character 0x{c:02x} in {s:?}")));
            }
            lit.push(c as char);
            i += 1;
            continue;
        }
        if !lit.is_empty() {
            out.push(Piece::Literal(std::mem::take(&mut lit)));
        }
        let bad = |why: &str| Err((i, format!("invalid macro in {s:?}: {why} (RFC 7208 §7.1)")));
        match b.get(i + 1) {
            Some(b'%') => out.push(Piece::Escape("%")),
            Some(b'_') => out.push(Piece::Escape(" ")),
            Some(b'-') => out.push(Piece::Escape("%20")),
            Some(b'{') => {
                let Some(close) = s[i + 2..].find('}').map(|n| i + 2 + n) else {
                    return bad("no closing \"}\"");
                };
                let inner = &b[i + 2..close];
                let Some(&l) = inner.first() else {
                    return bad("no macro letter");
                };
                let letter = l.to_ascii_lowercase();
                let allowed: &[u8] = match ctx {
                    Context::Domain => b"slodiphv",
                    Context::Explanation | Context::Unknown => b"slodiphvcrt",
                };
                if !allowed.contains(&letter) {
                    let why = if b"crt".contains(&letter) {
                        format!("%{{{}}} is only allowed in explanation text", l as char)
                    } else {
                        format!("unknown macro letter {:?}", l as char)
                    };
                    return bad(&why);
                }
                let rest = &inner[1..];
                let nd = rest.iter().take_while(|c| c.is_ascii_digit()).count();
                let digits = if nd > 0 {
                    let n: usize = std::str::from_utf8(&rest[..nd])
                        .ok()
                        .and_then(|d| d.parse().ok())
                        .unwrap_or(usize::MAX);
                    if n == 0 {
                        return bad("the number of parts must be nonzero");
                    }
                    Some(n)
                } else {
                    None
                };
                let mut rest = &rest[nd..];
                let reverse = matches!(rest.first(), Some(b'r' | b'R'));
                if reverse {
                    rest = &rest[1..];
                }
                if let Some(&d) = rest.iter().find(|d| !b".-+,/_=".contains(d)) {
                    return bad(&format!("invalid delimiter {:?}", d as char));
                }
                out.push(Piece::Macro {
                    letter,
                    upper: l.is_ascii_uppercase(),
                    digits,
                    reverse,
                    delims: rest.to_vec(),
                });
                i = close + 1;
                continue;
            }
            _ => return bad("\"%\" must be followed by \"{\", \"%\", \"_\" or \"-\""),
        }
        i += 2;
    }
    if !lit.is_empty() {
        out.push(Piece::Literal(lit));
    }
    Ok(out)
}

/// The values macros expand to (§7.2).
#[derive(Debug, Clone)]
pub(crate) struct Env<'a> {
    /// `s`: the sender, local-part@domain (postmaster@helo when MAIL FROM was empty).
    pub sender: &'a str,
    pub local: &'a str,
    pub sender_domain: &'a str,
    /// `d`: the domain whose record is being evaluated.
    pub domain: &'a str,
    pub ip: IpAddr,
    pub helo: &'a str,
    /// `p`: the validated domain name of the IP, when the caller looked it up.
    pub p: Option<&'a str>,
    /// `r`: the name of the host doing the check.
    pub receiver: &'a str,
    /// `t`: seconds since the epoch.
    pub now: u64,
}

/// Whether expanding needs `%{p}` (which costs DNS queries).
pub(crate) fn needs_p(pieces: &[Piece]) -> bool {
    pieces
        .iter()
        .any(|p| matches!(p, Piece::Macro { letter: b'p', .. }))
}

/// `%{i}`: dotted quad, or for IPv6 the 32 nibbles separated by dots (§7.3).
pub(crate) fn ip_dotted(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => v6
            .octets()
            .iter()
            .flat_map(|o| [o >> 4, o & 0xf])
            .map(|n| format!("{n:x}"))
            .collect::<Vec<_>>()
            .join("."),
    }
}

pub(crate) fn expand(pieces: &[Piece], env: &Env<'_>) -> String {
    let mut out = String::new();
    for p in pieces {
        match p {
            Piece::Literal(s) => out.push_str(s),
            Piece::Escape(s) => out.push_str(s),
            Piece::Macro {
                letter,
                upper,
                digits,
                reverse,
                delims,
            } => {
                let value = match letter {
                    b's' => env.sender.to_string(),
                    b'l' => env.local.to_string(),
                    b'o' => env.sender_domain.to_string(),
                    b'd' => env.domain.to_string(),
                    b'i' => ip_dotted(env.ip),
                    b'p' => env.p.unwrap_or("unknown").to_string(),
                    b'v' => match env.ip {
                        IpAddr::V4(_) => "in-addr".into(),
                        IpAddr::V6(_) => "ip6".into(),
                    },
                    b'h' => env.helo.to_string(),
                    b'c' => env.ip.to_string(),
                    b'r' => env.receiver.to_string(),
                    b't' => env.now.to_string(),
                    _ => String::new(),
                };
                let value = transform(&value, *digits, *reverse, delims);
                if *upper {
                    out.push_str(&url_escape(&value));
                } else {
                    out.push_str(&value);
                }
            }
        }
    }
    out
}

/// §7.3: split on the delimiters, optionally reverse, keep the right-most `digits` parts, join
/// with ".".
fn transform(value: &str, digits: Option<usize>, reverse: bool, delims: &[u8]) -> String {
    let delims: &[u8] = if delims.is_empty() { b"." } else { delims };
    let mut parts: Vec<&str> = value
        .split(|c: char| delims.contains(&(c as u8)) && c.is_ascii())
        .collect();
    if reverse {
        parts.reverse();
    }
    if let Some(n) = digits
        && n < parts.len()
    {
        parts.drain(..parts.len() - n);
    }
    parts.join(".")
}

/// §7.3: uppercase macro letters URL-escape everything outside the unreserved set (RFC 3986).
/// Also the WKD `l=` parameter's encoding (`pgp::wkd`).
pub(crate) fn url_escape(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(ip: &str) -> Env<'static> {
        Env {
            sender: "strong-bad@email.example.com",
            local: "strong-bad",
            sender_domain: "email.example.com",
            domain: "email.example.com",
            ip: ip.parse().unwrap(),
            helo: "mx.example.org",
            p: None,
            receiver: "unknown",
            now: 1,
        }
    }

    fn x(s: &str, e: &Env<'_>) -> String {
        expand(&parse(s, Context::Explanation).unwrap(), e)
    }

    /// RFC 7208 §7.4.
    #[test]
    fn rfc_examples() {
        let e = env("192.0.2.3");
        assert_eq!(x("%{s}", &e), "strong-bad@email.example.com");
        assert_eq!(x("%{o}", &e), "email.example.com");
        assert_eq!(x("%{d}", &e), "email.example.com");
        assert_eq!(x("%{d4}", &e), "email.example.com");
        assert_eq!(x("%{d3}", &e), "email.example.com");
        assert_eq!(x("%{d2}", &e), "example.com");
        assert_eq!(x("%{d1}", &e), "com");
        assert_eq!(x("%{dr}", &e), "com.example.email");
        assert_eq!(x("%{d2r}", &e), "example.email");
        assert_eq!(x("%{l}", &e), "strong-bad");
        assert_eq!(x("%{l-}", &e), "strong.bad");
        assert_eq!(x("%{lr}", &e), "strong-bad");
        assert_eq!(x("%{lr-}", &e), "bad.strong");
        assert_eq!(x("%{l1r-}", &e), "strong");
        assert_eq!(
            x("%{ir}.%{v}._spf.%{d2}", &e),
            "3.2.0.192.in-addr._spf.example.com"
        );
        assert_eq!(
            x("%{lr-}.lp._spf.%{d2}", &e),
            "bad.strong.lp._spf.example.com"
        );
        assert_eq!(
            x("%{lr-}.lp.%{ir}.%{v}._spf.%{d2}", &e),
            "bad.strong.lp.3.2.0.192.in-addr._spf.example.com"
        );
        assert_eq!(
            x("%{ir}.%{v}.%{l1r-}.lp._spf.%{d2}", &e),
            "3.2.0.192.in-addr.strong.lp._spf.example.com"
        );
        assert_eq!(
            x("%{d2}.trusted-domains.example.net", &e),
            "example.com.trusted-domains.example.net"
        );
        let e6 = env("2001:db8::cb01");
        assert_eq!(
            x("%{ir}.%{v}._spf.%{d2}", &e6),
            "1.0.b.c.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6._spf.example.com"
        );
        assert_eq!(x("%{c}", &e6), "2001:db8::cb01");
    }

    #[test]
    fn escapes_and_errors() {
        let e = env("192.0.2.3");
        assert_eq!(x("a%%b%_c%-d", &e), "a%b c%20d");
        assert_eq!(
            x(
                "%{L}",
                &Env {
                    local: "~jack&jill=up",
                    ..e.clone()
                }
            ),
            "~jack%26jill%3Dup"
        );
        assert_eq!(
            x(
                "%{l2r+-}",
                &Env {
                    local: "foo-bar+zip+quux",
                    ..e.clone()
                }
            ),
            "bar.foo"
        );
        assert!(parse("%{c}", Context::Domain).is_err());
        assert!(parse("%{a}", Context::Domain).is_err());
        assert!(parse("%{d0}", Context::Domain).is_err());
        assert!(parse("%{d", Context::Domain).is_err());
        assert!(parse("foo%", Context::Domain).is_err());
        assert_eq!(parse("ab%x", Context::Domain).unwrap_err().0, 2);
        assert!(parse("a b", Context::Domain).is_err());
        assert!(parse("The %{x}-files.", Context::Explanation).is_err());
        assert!(parse("a b", Context::Explanation).is_ok());
    }
}
