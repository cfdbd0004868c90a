//! Small policy TXT records: MTA-STS discovery (RFC 8461 §3.1), SMTP TLS reporting (RFC 8460 §3)
//! and BIMI assertion records (draft-brand-indicators-for-message-identification), plus the
//! record selection shared with the DMARC and DKIM key parsers (whose tag-lists are read by
//! dns/taglist.rs).

use super::finding::Finding;
use super::taglist::{self, Spec};
use serde::Serialize;

// The whitespace rule of every tag-list, kept where the record parsers import it from.
pub(crate) use super::taglist::{is_wsp, trim_wsp};

/// Does `txt` start with the version tag `prefix` (e.g. `v=DMARC1`)? Deliberately lenient —
/// tag name and value compared case-insensitively, whitespace allowed around `=` — so that a
/// near-miss is still shown and judged by the record's parser (which reports the exact-syntax
/// rule of its RFC) instead of silently becoming "no record". The value must end the record or
/// be followed by whitespace or `;` (so `v=DMARC10` is not `v=DMARC1`).
pub(crate) fn has_version(txt: &str, prefix: &str) -> bool {
    let Some((want_name, want_value)) = prefix.split_once('=') else {
        return false;
    };
    let first = txt
        .trim_start_matches(is_wsp)
        .split(';')
        .next()
        .unwrap_or("");
    let Some((n, v)) = first.split_once('=') else {
        return false;
    };
    let v = trim_wsp(v);
    trim_wsp(n).eq_ignore_ascii_case(want_name)
        && v.get(..want_value.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(want_value))
        && v[want_value.len()..].chars().next().is_none_or(is_wsp)
}

/// After [`has_version`] matched: the version tag must be a tag of its own, i.e. followed by `;`
/// or the end of the record. `v=DMARC1 p=reject` (missing `;`) is a record no receiver can use.
pub(crate) fn version_separated(txt: &str, finding_code: &str, rfc: &str) -> Option<Finding> {
    let first = trim_wsp(txt.split(';').next().unwrap_or(""));
    let value = first
        .split_once('=')
        .map(|(_, v)| trim_wsp(v))
        .unwrap_or("");
    value.contains(is_wsp).then(|| {
        Finding::error(
            finding_code,
            format!(
                "{first:?}: missing ';' after the version tag ({rfc}); receivers ignore the record"
            ),
        )
    })
}

/// The TXT records (already joined, RFC 7208 §3.3-style) that start with the version tag
/// `prefix`, in the order given. See [`has_version`] for how lenient the match is.
pub(crate) fn select_records<'a>(txts: &'a [String], prefix: &str) -> Vec<&'a str> {
    txts.iter()
        .map(String::as_str)
        .filter(|t| has_version(t, prefix))
        .collect()
}

/// The one record to use, or none. More than one published record means no policy at all for
/// DMARC (RFC 7489 §6.6.3), MTA-STS (RFC 8461 §3.1), TLS-RPT (RFC 8460 §3) and BIMI; that is an
/// error finding. No record at all gives no finding (the caller knows why: NXDOMAIN, NODATA, …).
pub(crate) fn select_one<'a>(txts: &'a [String], prefix: &str) -> (Option<&'a str>, Vec<Finding>) {
    let found = select_records(txts, prefix);
    match found.len() {
        0 => (None, vec![]),
        1 => (Some(found[0]), vec![]),
        n => {
            let (code, why) = match prefix.split_once('=').map(|(_, v)| v.to_ascii_uppercase()) {
                Some(v) if v == "DMARC1" => (
                    "dmarc-multiple-records",
                    "receivers apply no DMARC policy at all (RFC 7489 §6.6.3)",
                ),
                Some(v) if v == "STSV1" => (
                    "mta-sts-multiple-records",
                    "senders assume the domain does not support MTA-STS (RFC 8461 §3.1)",
                ),
                Some(v) if v == "TLSRPTV1" => (
                    "tls-rpt-multiple-records",
                    "senders will not send TLS reports (RFC 8460 §3)",
                ),
                Some(v) if v == "BIMI1" => (
                    "bimi-multiple-records",
                    "receivers ignore BIMI for the domain",
                ),
                _ => (
                    "multiple-records",
                    "receivers may pick either or ignore both",
                ),
            };
            (
                None,
                vec![Finding::error(
                    code,
                    format!("{n} TXT records start with {prefix}: {why}; publish exactly one"),
                )],
            )
        }
    }
}

/// The scheme of a URI (RFC 3986 §3.1: ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) ":"),
/// lowercased; `None` if the text does not start with one.
pub(crate) fn uri_scheme(uri: &str) -> Option<String> {
    let (scheme, _) = uri.split_once(':')?;
    let mut chars = scheme.chars();
    let ok = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    ok.then(|| scheme.to_ascii_lowercase())
}

/// The host of an `http:`/`https:` URL, lowercased, if it has a non-empty one.
pub(crate) fn web_host(uri: &str) -> Option<String> {
    let rest = uri.split_once("://")?.1;
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit('@').next().unwrap_or("");
    let host = if host.starts_with('[') {
        host.split_inclusive(']').next().unwrap_or("")
    } else {
        host.split(':').next().unwrap_or("")
    };
    (!host.is_empty() && !host.contains(is_wsp)).then(|| host.to_ascii_lowercase())
}

/// The address of a `mailto:` URI (RFC 6068), without `?headers`, if it looks like local@domain.
pub(crate) fn mailto_address(uri: &str) -> Option<String> {
    let (scheme, rest) = uri.split_once(':')?;
    if !scheme.eq_ignore_ascii_case("mailto") {
        return None;
    }
    let addr = rest.split('?').next().unwrap_or("");
    let (local, domain) = addr.rsplit_once('@')?;
    let ok = !local.is_empty()
        && !domain.is_empty()
        && !addr.contains(is_wsp)
        && !domain.starts_with('.')
        && !domain.ends_with('.');
    ok.then(|| addr.to_string())
}

/// A "name=value" field of MTA-STS / TLS-RPT records: both use `%s"…="` with no whitespace
/// allowed around `=` and an extension grammar (RFC 8461 §3.1, RFC 8460 §3):
/// ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".").
fn valid_ext_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && name.len() <= 32
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// ext-value = 1*(%x21-3A / %x3C / %x3E-7E): visible ASCII except `;` and `=`.
fn valid_ext_value(value: &str) -> bool {
    !value.is_empty()
        && value
            .bytes()
            .all(|b| (0x21..=0x7e).contains(&b) && b != b';' && b != b'=')
}

/// Check the exact version prefix required by `%s"v=…"` ABNF (case-sensitive, no whitespace),
/// which must be followed by `*WSP ";"` or the end of the record.
fn exact_version(txt: &str, version: &str) -> bool {
    txt.strip_prefix(version).is_some_and(|rest| {
        rest.trim_start_matches(is_wsp).is_empty()
            || rest.trim_start_matches(is_wsp).starts_with(';')
    })
}

/// Fields after the version of an MTA-STS / TLS-RPT record, with syntax findings for whitespace
/// around `=` (not allowed by the `%s"name="` ABNF) and bad extensions.
fn strict_fields<'a>(txt: &'a str, code: &str, rfc: &str, out: &mut Vec<Finding>) -> Vec<Spec<'a>> {
    let segs: Vec<Spec> = taglist::split(txt).collect();
    let mut fields = Vec::new();
    for seg in segs.into_iter().skip(1) {
        let Some(value) = seg.value else {
            out.push(Finding::error(
                &format!("{code}-syntax"),
                format!("field {:?} has no '=' ({rfc})", seg.raw),
            ));
            continue;
        };
        if seg.raw.contains(|c: char| is_wsp(c))
            && seg.raw.find('=').is_some_and(|i| {
                seg.raw[..i].ends_with(is_wsp) || seg.raw[i + 1..].starts_with(is_wsp)
            })
        {
            out.push(Finding::error(
                &format!("{code}-syntax"),
                format!(
                    "whitespace around '=' in {:?} is not allowed ({rfc})",
                    seg.raw
                ),
            ));
        }
        let known = ["id", "rua"];
        if !known.iter().any(|k| seg.name.eq_ignore_ascii_case(k))
            && (!valid_ext_name(seg.name) || !valid_ext_value(value))
        {
            out.push(Finding::error(
                &format!("{code}-syntax"),
                format!("malformed field {:?} ({rfc})", seg.raw),
            ));
        }
        fields.push(seg);
    }
    fields
}

/// The `_mta-sts.<domain>` TXT record (RFC 8461 §3.1).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct MtaStsTxt {
    /// Policy id: senders refetch the policy when it changes.
    pub id: String,
}

/// Parse an MTA-STS TXT record:
/// `sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]`,
/// `sts-version = %s"v=STSv1"`, `sts-id = %s"id=" 1*32(ALPHA / DIGIT)` (RFC 8461 §3.1).
/// `None` when there is no usable id (or the text is not an MTA-STS record).
pub(crate) fn parse_mta_sts(txt: &str) -> (Option<MtaStsTxt>, Vec<Finding>) {
    const RFC: &str = "RFC 8461 §3.1";
    let mut out = Vec::new();
    if !has_version(txt, "v=STSv1") {
        out.push(Finding::error(
            "mta-sts-not-sts",
            format!(
                "record does not start with v=STSv1 ({RFC}): {}",
                preview(txt)
            ),
        ));
        return (None, out);
    }
    if let Some(f) = version_separated(txt, "mta-sts-version-syntax", RFC) {
        out.push(f);
        return (None, out);
    }
    if !exact_version(txt, "v=STSv1") {
        out.push(Finding::error(
            "mta-sts-version-syntax",
            format!(
                "the record must start exactly with \"v=STSv1\" (case-sensitive, no spaces, {RFC}); \
                 senders treat it as no MTA-STS"
            ),
        ));
    }
    let fields = strict_fields(txt, "mta-sts", RFC, &mut out);
    let mut ids = fields.iter().filter(|f| f.name.eq_ignore_ascii_case("id"));
    let Some(id_field) = ids.next() else {
        out.push(Finding::error(
            "mta-sts-no-id",
            format!("no id= field ({RFC}): senders assume the domain does not support MTA-STS"),
        ));
        return (None, out);
    };
    if ids.next().is_some() {
        out.push(Finding::error(
            "mta-sts-duplicate-id",
            format!("id= appears more than once ({RFC})"),
        ));
    }
    if id_field.name != "id" {
        out.push(Finding::error(
            "mta-sts-syntax",
            format!(
                "field name {:?} must be lowercase \"id\" ({RFC})",
                id_field.name
            ),
        ));
    }
    let id = id_field.value.unwrap_or("");
    if id.is_empty() || id.len() > 32 || !id.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push(Finding::error(
            "mta-sts-bad-id",
            format!(
                "id={id:?} must be 1 to 32 letters and digits ({RFC}); \
                 senders treat the record as invalid"
            ),
        ));
        return (None, out);
    }
    (Some(MtaStsTxt { id: id.to_string() }), out)
}

/// The `_smtp._tls.<domain>` TXT record (RFC 8460 §3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct TlsRpt {
    /// Valid reporting URIs (`mailto:` or `https:`), in order.
    pub rua: Vec<String>,
}

/// Parse a TLS-RPT record: `tlsrpt-record = tlsrpt-version 1*(field-delim tlsrpt-field)
/// [field-delim]`, `tlsrpt-version = %s"v=TLSRPTv1"`,
/// `tlsrpt-rua = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)` (RFC 8460 §3).
/// `None` when there is no usable `rua`.
pub(crate) fn parse_tls_rpt(txt: &str) -> (Option<TlsRpt>, Vec<Finding>) {
    const RFC: &str = "RFC 8460 §3";
    let mut out = Vec::new();
    if !has_version(txt, "v=TLSRPTv1") {
        out.push(Finding::error(
            "tls-rpt-not-tlsrpt",
            format!(
                "record does not start with v=TLSRPTv1 ({RFC}): {}",
                preview(txt)
            ),
        ));
        return (None, out);
    }
    if let Some(f) = version_separated(txt, "tls-rpt-version-syntax", RFC) {
        out.push(f);
        return (None, out);
    }
    if !exact_version(txt, "v=TLSRPTv1") {
        out.push(Finding::error(
            "tls-rpt-version-syntax",
            format!(
                "the record must start exactly with \"v=TLSRPTv1\" (case-sensitive, no spaces, \
                 {RFC}); senders ignore it"
            ),
        ));
    }
    let fields = strict_fields(txt, "tls-rpt", RFC, &mut out);
    let mut ruas = fields.iter().filter(|f| f.name.eq_ignore_ascii_case("rua"));
    let Some(rua_field) = ruas.next() else {
        out.push(Finding::error(
            "tls-rpt-no-rua",
            format!("no rua= field ({RFC}): nowhere to send reports"),
        ));
        return (None, out);
    };
    if ruas.next().is_some() {
        out.push(Finding::error(
            "tls-rpt-duplicate-rua",
            format!("rua= appears more than once ({RFC}); list URIs comma-separated in one rua="),
        ));
    }
    if rua_field.name != "rua" {
        out.push(Finding::error(
            "tls-rpt-syntax",
            format!(
                "field name {:?} must be lowercase \"rua\" ({RFC})",
                rua_field.name
            ),
        ));
    }
    let mut rua = Vec::new();
    for uri in rua_field.value.unwrap_or("").split(',').map(trim_wsp) {
        match uri_scheme(uri).as_deref() {
            Some("mailto") if mailto_address(uri).is_some() => rua.push(uri.to_string()),
            Some("https") if web_host(uri).is_some() => rua.push(uri.to_string()),
            Some("mailto" | "https") => out.push(Finding::error(
                "tls-rpt-bad-uri",
                format!("malformed reporting URI {uri:?} ({RFC})"),
            )),
            _ => out.push(Finding::error(
                "tls-rpt-bad-uri",
                format!("reporting URI {uri:?} must be mailto: or https: ({RFC})"),
            )),
        }
    }
    if rua.is_empty() {
        return (None, out);
    }
    (Some(TlsRpt { rua }), out)
}

/// The `default._bimi.<domain>` TXT record (BIMI draft §4.2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Bimi {
    /// Logo location (`l=`); `None` when empty (the domain declines to publish a logo, §4.2.1).
    pub location: Option<String>,
    /// Evidence document, i.e. the VMC/CMC certificate (`a=`); `None` when absent or empty.
    pub authority: Option<String>,
}

/// Parse a BIMI assertion record: `bimi-version = "v" *WSP "=" *WSP "BIMI1"`,
/// `bimi-location = "l" *WSP "=" *WSP [bimi-uri]`, `bimi-evidence-location = "a" *WSP "=" *WSP
/// [bimi-uri]` (draft-brand-indicators-for-message-identification §4.2). `None` when the text is
/// not a BIMI record.
pub(crate) fn parse_bimi(txt: &str) -> (Option<Bimi>, Vec<Finding>) {
    const DRAFT: &str = "BIMI draft §4.2";
    let mut out = Vec::new();
    if !has_version(txt, "v=BIMI1") {
        out.push(Finding::error(
            "bimi-not-bimi",
            format!(
                "record does not start with v=BIMI1 ({DRAFT}): {}",
                preview(txt)
            ),
        ));
        return (None, out);
    }
    if let Some(f) = version_separated(txt, "bimi-version-syntax", DRAFT) {
        out.push(f);
        return (None, out);
    }
    let mut l: Option<&str> = None;
    let mut a: Option<&str> = None;
    for seg in taglist::split(txt).skip(1) {
        let Some(value) = seg.value else {
            out.push(Finding::error(
                "bimi-syntax",
                format!("tag {:?} has no '=' ({DRAFT})", seg.raw),
            ));
            continue;
        };
        let slot = match seg.name.to_ascii_lowercase().as_str() {
            "l" => &mut l,
            "a" => &mut a,
            "v" => {
                out.push(Finding::error(
                    "bimi-duplicate-tag",
                    format!("v= appears more than once ({DRAFT})"),
                ));
                continue;
            }
            _ => {
                out.push(Finding::info(
                    "bimi-unknown-tag",
                    format!("unknown tag {:?} is ignored by receivers", seg.raw),
                ));
                continue;
            }
        };
        if slot.is_some() {
            out.push(Finding::error(
                "bimi-duplicate-tag",
                format!("{}= appears more than once ({DRAFT})", seg.name),
            ));
        } else {
            *slot = Some(value);
        }
    }
    let Some(l) = l else {
        out.push(Finding::error(
            "bimi-no-location",
            format!("no l= tag ({DRAFT}); publish l= (empty to decline) with the SVG logo URL"),
        ));
        return (
            Some(Bimi {
                location: None,
                authority: a.filter(|s| !s.is_empty()).map(str::to_string),
            }),
            out,
        );
    };
    let location = (!l.is_empty()).then(|| l.to_string());
    let authority = a.filter(|s| !s.is_empty()).map(str::to_string);
    if location.is_none() {
        out.push(Finding::info(
            "bimi-declined",
            "l= is empty: the domain declines to publish a logo (BIMI draft §4.2.1)",
        ));
    } else {
        check_bimi_url(l, "l", ".svg", "an SVG Tiny PS logo", &mut out);
    }
    match &authority {
        Some(uri) => check_bimi_url(uri, "a", ".pem", "a PEM certificate (VMC/CMC)", &mut out),
        None if location.is_some() => out.push(Finding::warning(
            "bimi-no-vmc",
            "no a= evidence document: most receivers (Gmail, Apple Mail, Yahoo) only show logos \
             backed by a Verified Mark Certificate (VMC) or Common Mark Certificate (CMC)",
        )),
        None => {}
    }
    (
        Some(Bimi {
            location,
            authority,
        }),
        out,
    )
}

fn check_bimi_url(uri: &str, tag: &str, ext: &str, what: &str, out: &mut Vec<Finding>) {
    match uri_scheme(uri).as_deref() {
        Some("https") if web_host(uri).is_some() => {}
        Some("http") => out.push(Finding::warning(
            "bimi-not-https",
            format!("{tag}={uri} uses http:, receivers only fetch over https: (BIMI draft §4.2)"),
        )),
        _ => {
            out.push(Finding::error(
                "bimi-bad-uri",
                format!("{tag}={uri:?} is not an https: URL (BIMI draft §4.2)"),
            ));
            return;
        }
    }
    let path = uri.split(['?', '#']).next().unwrap_or("");
    if !path.to_ascii_lowercase().ends_with(ext) {
        out.push(Finding::warning(
            "bimi-unexpected-file",
            format!("{tag}={uri} does not end in {ext}: it should point to {what}"),
        ));
    }
}

/// The start of a record for messages.
pub(crate) fn preview(txt: &str) -> String {
    let mut s: String = txt.chars().take(60).collect();
    if txt.chars().count() > 60 {
        s.push('…');
    }
    format!("{s:?}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::finding::Severity;

    fn codes(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|f| f.code.as_str()).collect()
    }

    #[test]
    fn tag_splitting() {
        let segs: Vec<Spec> = taglist::split(" v = DMARC1 ;p=reject;; bad ;\t").collect();
        assert_eq!(segs.len(), 3);
        assert_eq!(
            segs[0],
            Spec {
                name: "v",
                value: Some("DMARC1"),
                raw: "v = DMARC1"
            }
        );
        assert_eq!(segs[1].name, "p");
        assert_eq!(segs[1].value, Some("reject"));
        assert_eq!(segs[2].name, "bad");
        assert_eq!(segs[2].value, None);
    }

    #[test]
    fn version_matching() {
        assert!(has_version("v=DMARC1; p=none", "v=DMARC1"));
        assert!(has_version("  v = dmarc1 ;p=none", "v=DMARC1"));
        assert!(has_version("v=DMARC1", "v=DMARC1"));
        assert!(has_version("v=DMARC1\t", "v=DMARC1"));
        assert!(!has_version("v=DMARC10; p=none", "v=DMARC1"));
        assert!(has_version("v=DMARC1 p=none", "v=DMARC1"));
        assert!(!has_version("v=DMARC1p=none", "v=DMARC1"));
        assert!(!has_version("v=DMARC", "v=DMARC1"));
        assert!(!has_version("v=DMARCé", "v=DMARC1"));
        assert!(!has_version("p=none; v=DMARC1", "v=DMARC1"));
        assert!(!has_version("v=spf1 -all", "v=DMARC1"));
        assert!(!has_version("", "v=DMARC1"));
        assert!(has_version("v=STSv1; id=1", "v=STSv1"));
    }

    #[test]
    fn selection_and_multiple() {
        let txts: Vec<String> = vec![
            "v=spf1 include:_spf.google.com ~all".into(),
            "v=DMARC1; p=reject".into(),
            "google-site-verification=abc".into(),
        ];
        assert_eq!(
            select_records(&txts, "v=DMARC1"),
            vec!["v=DMARC1; p=reject"]
        );
        let (one, f) = select_one(&txts, "v=DMARC1");
        assert_eq!(one, Some("v=DMARC1; p=reject"));
        assert!(f.is_empty());
        let (none, f) = select_one(&txts, "v=STSv1");
        assert_eq!(none, None);
        assert!(f.is_empty());

        let two: Vec<String> = vec!["v=DMARC1; p=reject".into(), "v=DMARC1; p=none".into()];
        assert_eq!(select_records(&two, "v=DMARC1").len(), 2);
        let (one, f) = select_one(&two, "v=DMARC1");
        assert_eq!(one, None);
        assert_eq!(codes(&f), vec!["dmarc-multiple-records"]);
        assert_eq!(f[0].severity, Severity::Error);
        assert!(
            f[0].message
                .starts_with("2 TXT records start with v=DMARC1")
        );

        for (prefix, code) in [
            ("v=STSv1", "mta-sts-multiple-records"),
            ("v=TLSRPTv1", "tls-rpt-multiple-records"),
            ("v=BIMI1", "bimi-multiple-records"),
        ] {
            let recs: Vec<String> = vec![format!("{prefix}; x=1"), format!("{prefix};y=2")];
            let (one, f) = select_one(&recs, prefix);
            assert_eq!(one, None);
            assert_eq!(codes(&f), vec![code]);
        }
    }

    #[test]
    fn uri_helpers() {
        assert_eq!(uri_scheme("MailTo:a@b").as_deref(), Some("mailto"));
        assert_eq!(uri_scheme("dmarc@example.com"), None);
        assert_eq!(uri_scheme("1x:foo"), None);
        assert_eq!(
            mailto_address("mailto:dmarc-reports@example.com?subject=x").as_deref(),
            Some("dmarc-reports@example.com")
        );
        assert_eq!(mailto_address("mailto:nobody"), None);
        assert_eq!(mailto_address("mailto:@example.com"), None);
        assert_eq!(mailto_address("https://x"), None);
        assert_eq!(
            web_host("https://User@Reports.Example.com:8443/tls?x").as_deref(),
            Some("reports.example.com")
        );
        assert_eq!(web_host("https:///path"), None);
        assert_eq!(web_host("https:nohost"), None);
    }

    #[test]
    fn mta_sts_good() {
        let (r, f) = parse_mta_sts("v=STSv1; id=20160831085700Z;");
        assert_eq!(
            r,
            Some(MtaStsTxt {
                id: "20160831085700Z".into()
            })
        );
        assert!(f.is_empty(), "{f:?}");
        // Extensions are allowed and ignored; whitespace around ';' is fine.
        let (r, f) = parse_mta_sts("v=STSv1 ;\tid=abc123 ; ext_1=val");
        assert_eq!(r.unwrap().id, "abc123");
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn mta_sts_errors() {
        let (r, f) = parse_mta_sts("v=spf1 -all");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["mta-sts-not-sts"]);

        let (r, f) = parse_mta_sts("v=STSv1;");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["mta-sts-no-id"]);

        let (r, f) = parse_mta_sts("v=STSv1; id=2024-01-01");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["mta-sts-bad-id"]);
        assert!(f[0].message.contains("\"2024-01-01\""));

        let long = "a".repeat(33);
        let (r, f) = parse_mta_sts(&format!("v=STSv1; id={long}"));
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["mta-sts-bad-id"]);
        let ok32 = "a".repeat(32);
        assert_eq!(
            parse_mta_sts(&format!("v=STSv1; id={ok32}")).0.unwrap().id,
            ok32
        );

        let (r, f) = parse_mta_sts("v=STSv1; id=1; id=2");
        assert_eq!(r.unwrap().id, "1");
        assert_eq!(codes(&f), vec!["mta-sts-duplicate-id"]);

        // %s"v=STSv1": case-sensitive and no whitespace.
        let (r, f) = parse_mta_sts("v=stsv1; id=1");
        assert_eq!(r.unwrap().id, "1");
        assert_eq!(codes(&f), vec!["mta-sts-version-syntax"]);
        let (_, f) = parse_mta_sts("v = STSv1; id = 7");
        assert_eq!(codes(&f), vec!["mta-sts-version-syntax", "mta-sts-syntax"]);
        let (r, f) = parse_mta_sts("v=STSv1 id=7");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["mta-sts-version-syntax"]);
        assert!(f[0].message.contains("missing ';'"));
        let (_, f) = parse_mta_sts("v=STSv1; ID=7");
        assert_eq!(codes(&f), vec!["mta-sts-syntax"]);
        let (_, f) = parse_mta_sts("v=STSv1; id=7; bogus");
        assert_eq!(codes(&f), vec!["mta-sts-syntax"]);
        let (_, f) = parse_mta_sts("v=STSv1; id=7; -x=1");
        assert_eq!(codes(&f), vec!["mta-sts-syntax"]);
    }

    #[test]
    fn tls_rpt_good() {
        let (r, f) = parse_tls_rpt("v=TLSRPTv1; rua=mailto:tls-reports@example.com");
        assert_eq!(r.unwrap().rua, vec!["mailto:tls-reports@example.com"]);
        assert!(f.is_empty(), "{f:?}");
        let (r, f) = parse_tls_rpt(
            "v=TLSRPTv1;rua=mailto:reports@example.com , https://reporting.example.com/v1/tlsrpt;",
        );
        assert_eq!(
            r.unwrap().rua,
            vec![
                "mailto:reports@example.com",
                "https://reporting.example.com/v1/tlsrpt"
            ]
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn tls_rpt_errors() {
        let (r, f) = parse_tls_rpt("v=STSv1; id=1");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["tls-rpt-not-tlsrpt"]);

        let (r, f) = parse_tls_rpt("v=TLSRPTv1");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["tls-rpt-no-rua"]);

        let (r, f) = parse_tls_rpt("v=TLSRPTv1; rua=reports@example.com");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["tls-rpt-bad-uri"]);
        assert!(f[0].message.contains("must be mailto: or https:"));

        let (r, f) = parse_tls_rpt("v=TLSRPTv1; rua=http://example.com/r,mailto:a@example.com");
        assert_eq!(r.unwrap().rua, vec!["mailto:a@example.com"]);
        assert_eq!(codes(&f), vec!["tls-rpt-bad-uri"]);

        let (r, f) = parse_tls_rpt("v=TLSRPTv1; rua=mailto:nobody");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["tls-rpt-bad-uri"]);
        assert!(f[0].message.starts_with("malformed reporting URI"));

        let (r, f) = parse_tls_rpt("v=TLSRPTv1; rua=mailto:a@x.org; rua=mailto:b@x.org");
        assert_eq!(r.unwrap().rua, vec!["mailto:a@x.org"]);
        assert_eq!(codes(&f), vec!["tls-rpt-duplicate-rua"]);

        let (r, f) = parse_tls_rpt("v=TLSRPTv1 rua=mailto:a@x.org");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["tls-rpt-version-syntax"]);

        let (r, f) = parse_tls_rpt("V=TLSRPTv1; rua=mailto:a@x.org");
        assert_eq!(r.unwrap().rua, vec!["mailto:a@x.org"]);
        assert_eq!(codes(&f), vec!["tls-rpt-version-syntax"]);
        assert_eq!(crate::dns::finding::worst(&f), Some(Severity::Error));
    }

    #[test]
    fn bimi_good() {
        let (r, f) = parse_bimi(
            "v=BIMI1; l=https://amplify.valimail.com/bimi/cnn/logo.svg; \
             a=https://amplify.valimail.com/bimi/cnn/vmc.pem",
        );
        assert_eq!(
            r,
            Some(Bimi {
                location: Some("https://amplify.valimail.com/bimi/cnn/logo.svg".into()),
                authority: Some("https://amplify.valimail.com/bimi/cnn/vmc.pem".into()),
            })
        );
        assert!(f.is_empty(), "{f:?}");
        // Whitespace around '=' is allowed by the ABNF, and a trailing ';'.
        let (r, f) =
            parse_bimi("v = BIMI1 ; l = https://x.example/l.SVG ; a = https://x.example/c.pem;");
        assert_eq!(
            r.unwrap().location.as_deref(),
            Some("https://x.example/l.SVG")
        );
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn bimi_findings() {
        let (r, f) = parse_bimi("v=BIMI1; l=; a=;");
        assert_eq!(
            r,
            Some(Bimi {
                location: None,
                authority: None
            })
        );
        assert_eq!(codes(&f), vec!["bimi-declined"]);
        assert_eq!(f[0].severity, Severity::Info);

        let (r, f) = parse_bimi("v=BIMI1; l=https://example.com/logo.svg");
        assert_eq!(r.unwrap().authority, None);
        assert_eq!(codes(&f), vec!["bimi-no-vmc"]);
        assert_eq!(f[0].severity, Severity::Warning);

        let (_, f) =
            parse_bimi("v=BIMI1; l=http://example.com/logo.svg; a=https://example.com/vmc.pem");
        assert_eq!(codes(&f), vec!["bimi-not-https"]);

        let (_, f) =
            parse_bimi("v=BIMI1; l=https://example.com/logo.png; a=https://example.com/vmc.crt");
        assert_eq!(
            codes(&f),
            vec!["bimi-unexpected-file", "bimi-unexpected-file"]
        );

        let (_, f) = parse_bimi("v=BIMI1; l=ftp://example.com/logo.svg; a=https://e.com/v.pem");
        assert_eq!(codes(&f), vec!["bimi-bad-uri"]);
        assert_eq!(f[0].severity, Severity::Error);

        let (r, f) = parse_bimi("v=BIMI1; a=https://e.com/v.pem");
        assert_eq!(r.unwrap().authority.as_deref(), Some("https://e.com/v.pem"));
        assert_eq!(codes(&f), vec!["bimi-no-location"]);

        let (_, f) = parse_bimi(
            "v=BIMI1; l=https://e.com/a.svg; l=https://e.com/b.svg; a=https://e.com/v.pem; s=x",
        );
        assert_eq!(codes(&f), vec!["bimi-duplicate-tag", "bimi-unknown-tag"]);

        let (r, f) = parse_bimi("v=BIMI1 l=https://e.com/a.svg");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["bimi-version-syntax"]);

        let (r, f) = parse_bimi("v=DMARC1; p=none");
        assert_eq!(r, None);
        assert_eq!(codes(&f), vec!["bimi-not-bimi"]);
    }
}
