//! `--proxy-protocol v1|v2`: the HAProxy PROXY protocol header (haproxy's
//! doc/proxy-protocol.txt), sent first on a new connection, before TLS, so a server behind a
//! load balancer (Postfix `smtpd_upstream_proxy_protocol = haproxy`, Dovecot
//! `haproxy_trusted_networks`) takes the client address from it.

use std::net::{IpAddr, SocketAddr};

/// Which version of the header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Version {
    /// The human-readable line (§2.1).
    V1,
    /// The binary header (§2.2).
    V2,
}

/// What to send: the version, and the client address to claim (None: our real local address).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ProxyHeaderPlan {
    pub version: Version,
    pub source: Option<SocketAddr>,
}

/// §2.2: the 12-byte signature that starts every v2 header.
pub(crate) const V2_SIGNATURE: [u8; 12] = [
    0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A,
];

/// Both addresses in one family: the spec has no mixed form, so when one is IPv6 an IPv4 one
/// is sent as its IPv4-mapped IPv6 address (RFC 4291 §2.5.5.2), which servers read as the same
/// client.
fn same_family(src: SocketAddr, dst: SocketAddr) -> (SocketAddr, SocketAddr) {
    let v6 = |a: SocketAddr| match a.ip() {
        IpAddr::V4(ip) => SocketAddr::new(IpAddr::V6(ip.to_ipv6_mapped()), a.port()),
        IpAddr::V6(_) => a,
    };
    match (src.ip(), dst.ip()) {
        (IpAddr::V4(_), IpAddr::V4(_)) | (IpAddr::V6(_), IpAddr::V6(_)) => (src, dst),
        _ => (v6(src), v6(dst)),
    }
}

/// The header bytes, and the line the transcript shows for them.
pub(crate) fn header(version: Version, src: SocketAddr, dst: SocketAddr) -> (Vec<u8>, String) {
    let (src, dst) = same_family(src, dst);
    let proto = if src.is_ipv4() { "TCP4" } else { "TCP6" };
    match version {
        Version::V1 => {
            // §2.1: "PROXY" SP proto SP src SP dst SP sport SP dport CRLF, at most 107 bytes.
            let line = format!(
                "PROXY {proto} {} {} {} {}",
                src.ip(),
                dst.ip(),
                src.port(),
                dst.port()
            );
            let mut bytes = line.clone().into_bytes();
            bytes.extend_from_slice(b"\r\n");
            (bytes, line)
        }
        Version::V2 => {
            let mut v = V2_SIGNATURE.to_vec();
            // Version 2 (high nibble), command PROXY (low nibble 1).
            v.push(0x21);
            let (fam, addrs): (u8, Vec<u8>) = match (src.ip(), dst.ip()) {
                (IpAddr::V4(s), IpAddr::V4(d)) => (0x11, [s.octets(), d.octets()].concat()),
                (IpAddr::V6(s), IpAddr::V6(d)) => (0x21, [s.octets(), d.octets()].concat()),
                // same_family made them one family.
                _ => (0x00, Vec::new()),
            };
            // AF_INET (0x1_) or AF_INET6 (0x2_), STREAM (0x_1).
            v.push(fam);
            let len = addrs.len() + 4;
            v.extend_from_slice(&(len as u16).to_be_bytes());
            v.extend_from_slice(&addrs);
            v.extend_from_slice(&src.port().to_be_bytes());
            v.extend_from_slice(&dst.port().to_be_bytes());
            let shown = format!(
                "PROXY v2 PROXY {proto} {} {} {} {} ({} bytes: signature, 0x21 v2/PROXY, {fam:#04x} {}/STREAM, length {len})",
                src.ip(),
                dst.ip(),
                src.port(),
                dst.port(),
                v.len(),
                if src.is_ipv4() { "AF_INET" } else { "AF_INET6" },
            );
            (v, shown)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sa(s: &str) -> SocketAddr {
        s.parse().unwrap()
    }

    #[test]
    fn v1_lines() {
        let (b, shown) = header(Version::V1, sa("192.0.2.7:40000"), sa("127.0.0.1:10026"));
        assert_eq!(b, b"PROXY TCP4 192.0.2.7 127.0.0.1 40000 10026\r\n");
        assert_eq!(shown, "PROXY TCP4 192.0.2.7 127.0.0.1 40000 10026");
        let (b, _) = header(Version::V1, sa("[2001:db8::1]:1"), sa("[::1]:25"));
        assert_eq!(b, b"PROXY TCP6 2001:db8::1 ::1 1 25\r\n");
        // Mixed: both as IPv6.
        let (b, _) = header(Version::V1, sa("192.0.2.7:1"), sa("[::1]:25"));
        assert_eq!(b, b"PROXY TCP6 ::ffff:192.0.2.7 ::1 1 25\r\n");
        // The longest possible line fits the spec's 107 bytes.
        let (b, _) = header(
            Version::V1,
            sa("[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535"),
            sa("[ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff]:65535"),
        );
        assert_eq!(b.len(), 104);
    }

    #[test]
    fn v2_layout_matches_the_spec() {
        let (b, shown) = header(Version::V2, sa("192.0.2.7:40000"), sa("127.0.0.1:10026"));
        assert_eq!(&b[..12], &V2_SIGNATURE);
        assert_eq!(b[12], 0x21, "version 2, PROXY");
        assert_eq!(b[13], 0x11, "AF_INET, STREAM");
        assert_eq!(u16::from_be_bytes([b[14], b[15]]), 12);
        assert_eq!(&b[16..20], &[192, 0, 2, 7]);
        assert_eq!(&b[20..24], &[127, 0, 0, 1]);
        assert_eq!(&b[24..26], &40000u16.to_be_bytes());
        assert_eq!(&b[26..28], &10026u16.to_be_bytes());
        assert_eq!(b.len(), 16 + 12);
        assert!(
            shown.contains("TCP4 192.0.2.7 127.0.0.1 40000 10026"),
            "{shown}"
        );

        let (b, _) = header(Version::V2, sa("[2001:db8::1]:1"), sa("[::1]:25"));
        assert_eq!(b[13], 0x21, "AF_INET6, STREAM");
        assert_eq!(u16::from_be_bytes([b[14], b[15]]), 36);
        assert_eq!(b.len(), 16 + 36);
        assert_eq!(
            &b[16..32],
            &"2001:db8::1"
                .parse::<std::net::Ipv6Addr>()
                .unwrap()
                .octets()
        );
        assert_eq!(&b[48..50], &[0, 1]);
        assert_eq!(&b[50..52], &[0, 25]);
    }
}
