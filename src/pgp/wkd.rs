//! The OpenPGP Web Key Directory (draft-koch-openpgp-webkey-service §3.1): the key for
//! `local@domain` is at
//! `https://openpgpkey.DOMAIN/.well-known/openpgpkey/DOMAIN/hu/HASH?l=LOCAL` (advanced method,
//! used when the host `openpgpkey.DOMAIN` exists in DNS) or else
//! `https://DOMAIN/.well-known/openpgpkey/hu/HASH?l=LOCAL` (direct method), where HASH is the
//! z-base-32 encoding (RFC 6189 §5.1.6) of the SHA-1 of the lower-cased local part. Beside it,
//! the policy file (§4.5) says the directory exists. Both methods are tried and reported, so a
//! missing advanced setup next to a working direct one shows. The requests go through the
//! generic HTTP client (`transport::http`): every head in the transcript, one keep-alive
//! connection per host, bodies bounded.

use super::key::{self, KeyInfo};
use crate::dns::finding::Finding;
use crate::dns::{Dns, RecordType};
use crate::error::Phase;
use crate::event::Ctx;
use crate::transport::http::{Client, Request, location, parse_url};
use serde::Serialize;
use sha1::{Digest, Sha1};
use std::sync::Arc;

/// Redirects followed per request (each reported; https only).
pub(crate) const MAX_REDIRECTS: usize = 3;

/// z-base-32 (RFC 6189 §5.1.6, Zooko's alphabet), as the draft uses it: 20 SHA-1 octets are
/// 160 bits, 32 characters.
pub(crate) fn zbase32(data: &[u8]) -> String {
    const ALPHABET: &[u8; 32] = b"ybndrfg8ejkmcpqxot1uwisza345h769";
    let mut out = String::with_capacity(data.len() * 8 / 5 + 1);
    let (mut buf, mut bits) = (0u32, 0u32);
    for &b in data {
        buf = (buf << 8) | u32::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((buf >> bits) & 31) as usize] as char);
        }
        buf &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[((buf << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// The draft's hash of a local part: z-base-32(SHA-1(lower-cased local part)). Only ASCII
/// letters are lowered (§3.1: "mapped to lower-case" is done on ASCII by the reference
/// implementation, GnuPG).
pub(crate) fn local_hash(local: &str) -> String {
    let lower = local.to_ascii_lowercase();
    zbase32(&Sha1::digest(lower.as_bytes()))
}

/// Percent-encoding of the `l=` parameter (RFC 3986 §2.3: everything but unreserved), as SPF's
/// macro expansion escapes (RFC 7208 §7.3).
pub(crate) fn percent(s: &str) -> String {
    crate::dns::spf::macros::url_escape(s)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Method {
    Advanced,
    Direct,
}

impl Method {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Method::Advanced => "advanced",
            Method::Direct => "direct",
        }
    }
}

/// Host and paths of one method for `local@domain` (domain in A-labels, lower case).
pub(crate) fn urls(method: Method, local: &str, domain: &str) -> (String, String, String) {
    let hash = local_hash(local);
    let l = percent(local);
    match method {
        Method::Advanced => (
            format!("openpgpkey.{domain}"),
            format!("/.well-known/openpgpkey/{domain}/hu/{hash}?l={l}"),
            format!("/.well-known/openpgpkey/{domain}/policy"),
        ),
        Method::Direct => (
            domain.to_string(),
            format!("/.well-known/openpgpkey/hu/{hash}?l={l}"),
            "/.well-known/openpgpkey/policy".to_string(),
        ),
    }
}

/// One method's lookup.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MethodResult {
    pub(crate) method: Method,
    pub(crate) url: String,
    /// The host does not exist in DNS (advanced method: then it is not used, §3.1).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) host_absent: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) policy_status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<u16>,
    /// Each redirect followed: `301 -> https://…`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) redirects: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) error: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) key_bytes: Option<usize>,
    pub(crate) keys: Vec<KeyInfo>,
    #[serde(skip)]
    pub(crate) parsed: Vec<key::Key>,
}

/// The whole lookup for one address.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct WkdResult {
    pub(crate) address: String,
    pub(crate) hash: String,
    pub(crate) advanced: MethodResult,
    pub(crate) direct: MethodResult,
}

impl WkdResult {
    /// The method a client uses (§3.1): advanced when its host exists, else direct.
    pub(crate) fn used(&self) -> &MethodResult {
        if self.advanced.host_absent.is_none() {
            &self.advanced
        } else {
            &self.direct
        }
    }

    /// The keys the used method found whose user IDs carry the address; all of them if none.
    pub(crate) fn keys(&self) -> Vec<key::Key> {
        self.used().parsed.clone()
    }
}

/// Split `local@domain` (domain to A-labels, lower case).
pub(crate) fn split_address(address: &str) -> Result<(String, String), String> {
    let a = address.trim().trim_start_matches('<').trim_end_matches('>');
    let (local, domain) = a
        .rsplit_once('@')
        .ok_or_else(|| format!("{address:?} is not an address (local@domain)"))?;
    if local.is_empty() {
        return Err(format!("{address:?} has an empty local part"));
    }
    let domain = crate::dns::domain_arg(domain).map_err(|f| f.message)?;
    Ok((local.to_string(), domain))
}

/// Look `address` up by both methods.
pub(crate) async fn lookup(
    address: &str,
    http: &mut Client,
    dns: &Dns,
    now: i64,
) -> Result<WkdResult, String> {
    let (local, domain) = split_address(address)?;
    let advanced = method(Method::Advanced, &local, &domain, http, dns, now).await;
    let direct = method(Method::Direct, &local, &domain, http, dns, now).await;
    Ok(WkdResult {
        address: format!("{local}@{domain}"),
        hash: local_hash(&local),
        advanced,
        direct,
    })
}

/// GET `https://{host}{path}`, the whole body read (at most the plan's `max_body`).
async fn get(
    http: &mut Client,
    host: &str,
    path: &str,
) -> Result<crate::transport::http::Response, String> {
    let url = parse_url(&format!("https://{host}{path}"))?;
    http.send(Request::get(url, Phase::Command))
        .await
        .map_err(|f| f.message)
}

async fn method(
    m: Method,
    local: &str,
    domain: &str,
    http: &mut Client,
    dns: &Dns,
    now: i64,
) -> MethodResult {
    let ctx: Arc<Ctx> = http.ctx().clone();
    let (host, path, policy) = urls(m, local, domain);
    let mut r = MethodResult {
        method: m,
        url: format!("https://{host}{path}"),
        host_absent: None,
        policy_status: None,
        status: None,
        redirects: Vec::new(),
        content_type: None,
        error: None,
        key_bytes: None,
        keys: Vec::new(),
        parsed: Vec::new(),
    };
    ctx.info(format!("WKD {} method: {}", m.as_str(), r.url));
    // §3.1: the advanced method applies only when its host exists; the address lookup (asked
    // whatever --connect-to says) decides, so an NXDOMAIN is told apart from an HTTP 404.
    let (a, aaaa) = tokio::join!(
        dns.query(&host, RecordType::A),
        dns.query(&host, RecordType::AAAA)
    );
    if let (Err(x), Err(y)) = (&a, &aaaa)
        && x.is_absent()
        && y.is_absent()
    {
        r.host_absent = Some(format!("{host}: {x}"));
        if m == Method::Advanced {
            ctx.info(format!(
                "{host} does not exist in DNS: clients use the direct method (draft §3.1)"
            ));
            return r;
        }
    }
    match get(http, &host, &policy).await {
        Ok(p) => r.policy_status = Some(p.head.status.as_u16()),
        Err(e) => {
            r.error = Some(e);
            return r;
        }
    }
    let mut url = r.url.clone();
    let mut hops = 0;
    let resp = loop {
        let u = match parse_url(&url) {
            Ok(u) => u,
            Err(e) => {
                r.error = Some(e);
                return r;
            }
        };
        let resp = match http.send(Request::get(u, Phase::Command)).await {
            Ok(x) => x,
            Err(f) => {
                r.error = Some(f.message);
                return r;
            }
        };
        let status = resp.head.status.as_u16();
        if !matches!(status, 301 | 302 | 303 | 307 | 308) {
            break resp;
        }
        r.status = Some(status);
        let next = match location(&resp.head) {
            None => {
                r.error = Some(format!("HTTP {status} without a Location header"));
                return r;
            }
            Some(Err(e)) => {
                r.error = Some(e);
                return r;
            }
            Some(Ok(u)) => u,
        };
        r.redirects.push(format!(
            "{status} -> {}",
            crate::event::clean(next.as_str())
        ));
        hops += 1;
        if hops > MAX_REDIRECTS {
            r.error = Some(format!(
                "more than {MAX_REDIRECTS} redirects: not followed further"
            ));
            return r;
        }
        if next.scheme() != "https" {
            r.error = Some(format!(
                "redirect to {}: only https URLs are followed (the key must come over TLS)",
                crate::event::clean(next.as_str())
            ));
            return r;
        }
        ctx.info(format!("following the redirect to {next}"));
        url = next.to_string();
    };
    r.status = Some(resp.head.status.as_u16());
    r.content_type = resp.head.text("content-type");
    if resp.head.status.as_u16() == 200 {
        r.key_bytes = Some(resp.body.len());
        match key::read_keys(&resp.body, now) {
            Ok(keys) => {
                r.keys = keys.iter().map(|k| k.info.clone()).collect();
                r.parsed = keys;
            }
            Err(e) => {
                r.error = Some(format!(
                    "the answer is not an OpenPGP key: {}",
                    crate::event::one_line(&e)
                ))
            }
        }
    }
    r
}

/// What is wrong with the WKD setup for the address.
pub(crate) fn findings(w: &WkdResult, now: i64) -> Vec<Finding> {
    let mut out = Vec::new();
    let (adv, dir) = (&w.advanced, &w.direct);
    let works = |m: &MethodResult| m.status == Some(200) && !m.parsed.is_empty();
    if adv.host_absent.is_some() {
        if works(dir) {
            out.push(Finding::warning(
                "wkd-advanced-missing",
                format!(
                    "the advanced method's host does not exist ({}); the direct method serves \
                     the key (draft §3.1 prefers the advanced method; clients fall back to direct)",
                    adv.host_absent.as_deref().unwrap_or_default()
                ),
            ));
        } else {
            out.push(Finding::info(
                "wkd-advanced-absent",
                format!(
                    "no advanced method: {}",
                    adv.host_absent.as_deref().unwrap_or_default()
                ),
            ));
        }
    } else if !works(adv) && works(dir) {
        out.push(Finding::warning(
            "wkd-advanced-broken",
            format!(
                "the advanced method's host exists but gives no key ({}): clients that find \
                 openpgpkey.DOMAIN use it and never try the direct method, which works",
                describe(adv)
            ),
        ));
    }
    let used = w.used();
    for m in [adv, dir] {
        if m.host_absent.is_some() && m.method == Method::Advanced {
            continue;
        }
        for r in &m.redirects {
            out.push(Finding::warning(
                "wkd-redirect",
                format!(
                    "{} method: the server redirected ({r}); clients may not follow redirects \
                     for keys",
                    m.method.as_str()
                ),
            ));
        }
        if m.error.is_none() && m.policy_status.is_some_and(|s| s != 200) {
            out.push(Finding::warning(
                "wkd-policy-missing",
                format!(
                    "{} method: the policy file answers HTTP {} (draft §4.5: it must exist, \
                     even empty, where a directory is published)",
                    m.method.as_str(),
                    m.policy_status.unwrap_or_default()
                ),
            ));
        }
    }
    if works(used) {
        let wanted: Vec<&key::Key> = used
            .parsed
            .iter()
            .filter(|k| k.info.has_address(&w.address))
            .collect();
        if wanted.is_empty() {
            for k in &used.parsed {
                out.extend(
                    key::findings(&k.info, Some(&w.address), now)
                        .into_iter()
                        .map(|f| prefix(f, used.method)),
                );
            }
        } else {
            for k in wanted {
                out.extend(
                    key::findings(&k.info, Some(&w.address), now)
                        .into_iter()
                        .map(|f| prefix(f, used.method)),
                );
            }
        }
        if used.parsed.len() > 1 {
            out.push(Finding::info(
                "wkd-several-keys",
                format!(
                    "{} keys in the answer (draft §3.1 allows several; clients use those with a user ID for the address)",
                    used.parsed.len()
                ),
            ));
        }
    } else {
        out.push(Finding::error(
            "wkd-no-key",
            format!(
                "no key for {} by WKD: {} method: {}",
                w.address,
                used.method.as_str(),
                describe(used)
            ),
        ));
    }
    out
}

fn prefix(mut f: Finding, m: Method) -> Finding {
    f.message = format!("{} method: {}", m.as_str(), f.message);
    f
}

/// One method's outcome in words.
pub(crate) fn describe(m: &MethodResult) -> String {
    if let Some(h) = &m.host_absent
        && m.method == Method::Advanced
    {
        return format!("host absent ({h})");
    }
    if let Some(e) = &m.error {
        return e.clone();
    }
    match m.status {
        Some(200) if m.parsed.is_empty() => "HTTP 200 without a key".into(),
        Some(200) => format!("HTTP 200, {} key(s)", m.parsed.len()),
        Some(404) => "HTTP 404: no key published for this address".into(),
        Some(s) => format!("HTTP {s}"),
        None => "not asked".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drafts_example_hash() {
        // draft-koch-openpgp-webkey-service §3.1: "Joe.Doe@Example.ORG" →
        // iy9q119eutrkn8s1mk4r39qejnbu3n5q.
        assert_eq!(local_hash("Joe.Doe"), "iy9q119eutrkn8s1mk4r39qejnbu3n5q");
        let (h, p, pol) = urls(Method::Advanced, "Joe.Doe", "example.org");
        assert_eq!(h, "openpgpkey.example.org");
        assert_eq!(
            p,
            "/.well-known/openpgpkey/example.org/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe"
        );
        assert_eq!(pol, "/.well-known/openpgpkey/example.org/policy");
        let (h, p, _) = urls(Method::Direct, "Joe.Doe", "example.org");
        assert_eq!(h, "example.org");
        assert_eq!(
            p,
            "/.well-known/openpgpkey/hu/iy9q119eutrkn8s1mk4r39qejnbu3n5q?l=Joe.Doe"
        );
    }

    #[test]
    fn zbase32_and_percent() {
        assert_eq!(zbase32(&[]), "");
        assert_eq!(zbase32(&[0]), "yy");
        assert_eq!(zbase32(&[0xff]), "9h");
        assert_eq!(percent("a b+c@d"), "a%20b%2Bc%40d");
    }

    #[test]
    fn addresses_split() {
        assert_eq!(
            split_address("Joe.Doe@Example.ORG").unwrap(),
            ("Joe.Doe".to_string(), "example.org".to_string())
        );
        assert!(split_address("nobody").is_err());
        assert!(split_address("@x.org").is_err());
    }
}
