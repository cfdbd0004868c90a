//! `--connect-to HOST1:PORT1:HOST2:PORT2` (curl's syntax and meaning): a connection that would go
//! to HOST1:PORT1 goes to HOST2:PORT2 instead, while everything else — the name the certificate
//! is checked against, SNI, DANE and MTA-STS names — stays the original. An empty HOST1 or PORT1
//! matches any; an empty HOST2 or PORT2 keeps the original. HOST1 may be a name (an MX host) or
//! an address (one of its addresses); IPv6 addresses go in brackets. Tests use it to send port
//! 25 to the rig's high ports; users, to try a new MX before DNS points at it.

use crate::error::Failure;
use crate::transport::Endpoint;
use std::net::IpAddr;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConnectTo {
    from_host: Option<String>,
    from_port: Option<u16>,
    to_host: Option<String>,
    to_port: Option<u16>,
}

/// Split on the colons outside brackets: `[::1]:25::10025` → `[::1]`, `25`, ``, `10025`.
fn fields(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0;
    let mut start = 0;
    for (i, c) in s.char_indices() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            ':' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out
}

fn host(s: &str) -> Option<String> {
    let h = s.trim_start_matches('[').trim_end_matches(']');
    (!h.is_empty()).then(|| h.trim_end_matches('.').to_ascii_lowercase())
}

fn port(s: &str, what: &str, arg: &str) -> Result<Option<u16>, Failure> {
    if s.is_empty() {
        return Ok(None);
    }
    match s.parse::<u16>() {
        Ok(p) if p > 0 => Ok(Some(p)),
        _ => Err(Failure::usage(format!(
            "--connect-to {arg:?}: {what} {s:?} is not a port number"
        ))),
    }
}

impl ConnectTo {
    pub(crate) fn parse(arg: &str) -> Result<ConnectTo, Failure> {
        let f = fields(arg);
        if f.len() != 4 {
            return Err(Failure::usage(format!(
                "--connect-to {arg:?}: expected HOST1:PORT1:HOST2:PORT2 (any part may be empty; \
                 IPv6 addresses in brackets)"
            )));
        }
        for h in [f[0], f[2]] {
            let inner = h.trim_start_matches('[').trim_end_matches(']');
            if h.starts_with('[') && inner.parse::<IpAddr>().is_err() {
                return Err(Failure::usage(format!(
                    "--connect-to {arg:?}: {h} is not an IP address in brackets"
                )));
            }
        }
        Ok(ConnectTo {
            from_host: host(f[0]),
            from_port: port(f[1], "PORT1", arg)?,
            to_host: host(f[2]),
            to_port: port(f[3], "PORT2", arg)?,
        })
    }

    fn matches(&self, name: &str, ip: Option<IpAddr>, port: u16) -> bool {
        let host_ok = match &self.from_host {
            None => true,
            Some(h) => {
                h.eq_ignore_ascii_case(name.trim_end_matches('.'))
                    || h.parse::<IpAddr>().ok().is_some_and(|a| Some(a) == ip)
            }
        };
        host_ok && self.from_port.is_none_or(|p| p == port)
    }
}

/// Where to connect for `name` (at `ip`, when one address of it is being probed) port `port`:
/// the first rule that matches decides, as in curl. None: no rule matched.
pub(crate) fn redirect(
    rules: &[ConnectTo],
    name: &str,
    ip: Option<IpAddr>,
    port: u16,
) -> Option<Endpoint> {
    let r = rules.iter().find(|r| r.matches(name, ip, port))?;
    let host = match (&r.to_host, ip) {
        (Some(h), _) => h.clone(),
        (None, Some(ip)) => ip.to_string(),
        (None, None) => name.trim_end_matches('.').to_string(),
    };
    Some(Endpoint {
        host,
        port: r.to_port.unwrap_or(port),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to(rules: &[&str], name: &str, ip: &str, port: u16) -> Option<String> {
        let rules: Vec<ConnectTo> = rules.iter().map(|r| ConnectTo::parse(r).unwrap()).collect();
        redirect(&rules, name, ip.parse().ok(), port).map(|e| e.to_string())
    }

    #[test]
    fn curl_semantics() {
        // Empty HOST2 keeps the address being probed; empty PORT1 matches any port.
        assert_eq!(
            to(&[":25::10025"], "mx1.example", "192.0.2.1", 25).as_deref(),
            Some("192.0.2.1:10025")
        );
        assert_eq!(to(&[":25::10025"], "mx1.example", "192.0.2.1", 443), None);
        assert_eq!(
            to(
                &["mx1.example.:25:127.0.0.1:2525"],
                "MX1.example",
                "192.0.2.1",
                25
            )
            .as_deref(),
            Some("127.0.0.1:2525")
        );
        assert_eq!(
            to(&["[2001:db8::1]:25:[::1]:"], "mx", "2001:db8::1", 25).as_deref(),
            Some("[::1]:25")
        );
        // The first matching rule wins.
        assert_eq!(
            to(&["::a.example:1", "::b.example:2"], "mx", "192.0.2.1", 25).as_deref(),
            Some("a.example:1")
        );
        assert_eq!(to(&["other:25::1"], "mx", "192.0.2.1", 25), None);
    }

    #[test]
    fn bad_forms_are_usage_errors() {
        for bad in [
            "",
            "a:25:b",
            "a:25:b:c",
            "a:x:b:1",
            "[mx]:25::1",
            "a:25:b:0",
            "a:1:b:2:3",
        ] {
            assert!(ConnectTo::parse(bad).is_err(), "{bad} should fail");
        }
    }
}
