//! Reverse DNS of an MX address and whether it is forward-confirmed (FCrDNS): the PTR names of
//! the address, each looked up again for A/AAAA, confirmed when one of them leads back to the
//! address. Receivers judge a sending host by this (RFC 8499's "forward-confirmed reverse DNS";
//! RFC 5321 §4.1.4 lets a server check the EHLO name), and an MX is usually a sender too.

use crate::dns::{Dns, Negative, Rec, RecordType};
use futures_util::future::join_all;
use serde::Serialize;
use std::net::IpAddr;

/// The reverse name of an address (RFC 1035 §3.5, RFC 3596 §2.5).
pub(crate) fn reverse_name(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            format!("{}.{}.{}.{}.in-addr.arpa", o[3], o[2], o[1], o[0])
        }
        IpAddr::V6(v6) => {
            let mut s = String::with_capacity(72);
            for b in v6.octets().iter().rev() {
                s.push_str(&format!("{:x}.{:x}.", b & 0xf, b >> 4));
            }
            s + "ip6.arpa"
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Rdns {
    /// The PTR names (without the trailing dot).
    pub(crate) ptr: Vec<String>,
    /// The PTR name that resolves back to the address, if any.
    pub(crate) confirmed: Option<String>,
    /// Why there is no answer, when the lookup did not give one (`nxdomain`, `servfail`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) problem: Option<String>,
}

pub(crate) async fn lookup(dns: &Dns, ip: IpAddr) -> Rdns {
    let ptr: Vec<String> = match dns.query(&reverse_name(ip), RecordType::PTR).await {
        Ok(a) => a
            .recs()
            .filter_map(|r| match r {
                Rec::Ptr(n) => Some(n.clone()),
                _ => None,
            })
            .collect(),
        Err(n) => {
            return Rdns {
                ptr: vec![],
                confirmed: None,
                problem: Some(describe(&n)),
            };
        }
    };
    // Each name once, at most 10 (a PTR set is rarely more than one; bounded whatever is
    // published).
    let names: Vec<&String> = ptr.iter().take(10).collect();
    let back = join_all(names.iter().map(|n| dns.host_ips(n))).await;
    let confirmed = names
        .iter()
        .zip(back)
        .find(|(_, ips)| ips.as_ref().is_ok_and(|ips| ips.contains(&ip)))
        .map(|(n, _)| (*n).clone());
    Rdns {
        ptr,
        confirmed,
        problem: None,
    }
}

fn describe(n: &Negative) -> String {
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_names() {
        assert_eq!(
            reverse_name("192.0.2.11".parse().unwrap()),
            "11.2.0.192.in-addr.arpa"
        );
        assert_eq!(
            reverse_name("2001:db8::567:89ab".parse().unwrap()),
            "b.a.9.8.7.6.5.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa"
        );
    }
}
