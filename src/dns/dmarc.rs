//! DMARC policy records (RFC 7489): tag-by-tag parsing with the effective policy a receiver
//! applies, organizational domains via the Public Suffix List (§3.2), and external report
//! destination authorization (§7.1).

use super::finding::Finding;
use super::policy::{has_version, mailto_address, preview, uri_scheme, version_separated};
use super::taglist::{self, Duplicate, Names};
use serde::Serialize;

/// A parsed DMARC record: every tag as written, and the policy that results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct DmarcRecord {
    /// Every tag as written, in order (including `v`).
    pub tags: Vec<Tag>,
    pub effective: DmarcPolicy,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Tag {
    /// The name as written (DMARC tag names are case-insensitive, §6.4 ABNF).
    pub name: String,
    pub value: String,
    pub valid: bool,
    pub error: Option<String>,
}

/// The policy a receiver applies: written values where valid, defaults (§6.3) otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct DmarcPolicy {
    /// none | quarantine | reject (lowercase).
    pub p: String,
    /// Subdomain policy; defaults to `p`.
    pub sp: String,
    pub pct: u8,
    /// r | s
    pub adkim: String,
    /// r | s
    pub aspf: String,
    pub rua: Vec<ReportUri>,
    pub ruf: Vec<ReportUri>,
    pub fo: String,
    pub rf: String,
    pub ri: u32,
    /// Names of tags whose default value applies (absent or invalid).
    pub defaults: Vec<String>,
}

/// One `rua`/`ruf` destination (§6.2): a URI with an optional `!size` limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct ReportUri {
    /// The URI without the size limit.
    pub uri: String,
    /// The address of a `mailto:` URI.
    pub mailto: Option<String>,
    /// The domain part of the `mailto:` address, lowercased.
    pub domain: Option<String>,
    /// The `!size` suffix without `!`, e.g. `10m`.
    pub size_limit: Option<String>,
}

const KNOWN: [&str; 11] = [
    "v", "p", "sp", "rua", "ruf", "adkim", "aspf", "ri", "fo", "rf", "pct",
];
/// Tags added by DMARCbis (draft-ietf-dmarc-dmarcbis): not RFC 7489, ignored by its receivers.
const BIS: [&str; 3] = ["np", "psd", "t"];

fn policy_rank(p: &str) -> u8 {
    match p {
        "reject" => 2,
        "quarantine" => 1,
        _ => 0,
    }
}

/// Parse one `rua`/`ruf` URI list (§6.4: `dmarc-uri *(*WSP "," *WSP dmarc-uri)`,
/// `dmarc-uri = URI [ "!" 1*DIGIT [ "k" / "m" / "g" / "t" ] ]`). Returns the valid URIs, the
/// problems (errors), and the non-mailto URIs (warnings).
fn parse_uris(value: &str) -> (Vec<ReportUri>, Vec<String>, Vec<String>) {
    let mut good = Vec::new();
    let mut bad = Vec::new();
    let mut not_mailto = Vec::new();
    for item in value.split(',').map(super::policy::trim_wsp) {
        if item.is_empty() {
            bad.push("empty URI".to_string());
            continue;
        }
        // §6.4: '!' and ',' inside a URI must be percent-encoded, so a '!' starts the size.
        let (uri, size) = match item.split_once('!') {
            Some((u, s)) => (u, Some(s)),
            None => (item, None),
        };
        if let Some(s) = size {
            let digits = s.trim_end_matches(|c: char| "kmgtKMGT".contains(c));
            let ok = !digits.is_empty()
                && digits.bytes().all(|b| b.is_ascii_digit())
                && s.len() - digits.len() <= 1;
            if !ok {
                bad.push(format!(
                    "{item:?}: size limit {s:?} is not digits with an optional k/m/g/t"
                ));
                continue;
            }
        }
        match uri_scheme(uri).as_deref() {
            None => {
                let hint = if uri.contains('@') {
                    format!(" (write mailto:{uri})")
                } else {
                    String::new()
                };
                bad.push(format!("{item:?} is not a URI{hint}"));
            }
            Some("mailto") => match mailto_address(uri) {
                Some(addr) => {
                    let domain = addr.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase());
                    good.push(ReportUri {
                        uri: uri.to_string(),
                        mailto: Some(addr),
                        domain,
                        size_limit: size.map(str::to_string),
                    });
                }
                None => bad.push(format!("{item:?} is not a mailto:local@domain address")),
            },
            Some(_) => {
                if uri.contains(super::policy::is_wsp) {
                    bad.push(format!("{item:?} contains whitespace"));
                    continue;
                }
                not_mailto.push(uri.to_string());
                good.push(ReportUri {
                    uri: uri.to_string(),
                    mailto: None,
                    domain: None,
                    size_limit: size.map(str::to_string),
                });
            }
        }
    }
    (good, bad, not_mailto)
}

/// Check a tag's value; `Err` says why it is invalid.
fn check_value(name: &str, value: &str) -> Result<(), String> {
    let lower = value.to_ascii_lowercase();
    match name {
        "p" | "sp" | "np" => match lower.as_str() {
            "none" | "quarantine" | "reject" => Ok(()),
            _ => Err("must be none, quarantine or reject".into()),
        },
        "adkim" | "aspf" => match lower.as_str() {
            "r" | "s" => Ok(()),
            _ => Err("must be r (relaxed) or s (strict)".into()),
        },
        "pct" => {
            let ok = (1..=3).contains(&value.len())
                && value.bytes().all(|b| b.is_ascii_digit())
                && value.parse::<u8>().is_ok_and(|n| n <= 100);
            if ok {
                Ok(())
            } else {
                Err("must be a whole number from 0 to 100".into())
            }
        }
        "ri" => {
            if !value.is_empty()
                && value.bytes().all(|b| b.is_ascii_digit())
                && value.parse::<u32>().is_ok()
            {
                Ok(())
            } else {
                Err("must be a number of seconds (32-bit unsigned)".into())
            }
        }
        "fo" => {
            let ok = lower
                .split(':')
                .map(super::policy::trim_wsp)
                .all(|o| matches!(o, "0" | "1" | "d" | "s"));
            if ok {
                Ok(())
            } else {
                Err("must be a colon-separated list of 0, 1, d, s".into())
            }
        }
        "rf" => {
            let formats: Vec<&str> = lower.split(':').map(super::policy::trim_wsp).collect();
            if formats.iter().any(|f| !taglist::valid_name(f)) {
                Err("must be a colon-separated list of report format names".into())
            } else if !formats.contains(&"afrf") {
                Err("the only registered failure report format is afrf (§6.3)".into())
            } else {
                Ok(())
            }
        }
        "t" | "psd" => match lower.as_str() {
            "y" | "n" => Ok(()),
            _ => Err("must be y or n".into()),
        },
        _ => Ok(()),
    }
}

/// Parse a DMARC record (RFC 7489 §6.3, §6.4). `None` when the text is not a DMARC record
/// (`v=DMARC1` is not the first tag: receivers discard it, §6.6.3).
pub(crate) fn parse_dmarc(txt: &str) -> (Option<DmarcRecord>, Vec<Finding>) {
    let mut out = Vec::new();
    if !has_version(txt, "v=DMARC1") {
        out.push(Finding::error(
            "dmarc-not-dmarc",
            format!(
                "not a DMARC record: it must start with v=DMARC1 (RFC 7489 §6.3, §6.6.3): {}",
                preview(txt)
            ),
        ));
        return (None, out);
    }
    if let Some(f) = version_separated(txt, "dmarc-version-syntax", "RFC 7489 §6.4") {
        out.push(f);
        return (None, out);
    }
    // One tag-list reading for every record type (dns/taglist.rs; RFC 7489 §6.4 takes the DKIM
    // tag-list syntax). A repeated tag makes the entire list invalid (RFC 6376 §3.2): not a
    // record to apply, whatever its first occurrence says. DMARC tag names ignore case.
    let list = match taglist::parse(txt, Names::IgnoreCase) {
        Ok(l) => l,
        Err(Duplicate(name)) => {
            out.push(Finding::error(
                "dmarc-duplicate-tag",
                format!(
                    "{name}= appears more than once: the whole record is invalid, as in any \
                     tag-list (RFC 7489 §6.4 uses the syntax of RFC 6376 §3.2)"
                ),
            ));
            return (None, out);
        }
    };
    let segs = &list.specs;
    if list.empty_spec {
        out.push(Finding::warning(
            "dmarc-empty-tag",
            "the record has an empty tag (\";;\"), which RFC 7489 §6.4 does not allow \
             (dmarc-sep is one \";\"); receivers usually skip it",
        ));
    }
    if segs[0].value != Some("DMARC1") {
        out.push(Finding::warning(
            "dmarc-version-case",
            format!(
                "{:?}: the RFC 7489 §6.4 ABNF requires exactly \"DMARC1\" (uppercase); \
                 strict receivers ignore this record",
                segs[0].raw
            ),
        ));
    }

    let mut tags: Vec<Tag> = Vec::new();
    // Lowercase name -> value, first occurrence only (valid values only).
    let mut values: Vec<(String, String)> = Vec::new();
    let mut rua: Vec<ReportUri> = Vec::new();
    let mut ruf: Vec<ReportUri> = Vec::new();
    let mut rua_present = false;
    for seg in segs {
        let value = seg.value.unwrap_or("");
        let mut tag = Tag {
            name: seg.name.to_string(),
            value: value.to_string(),
            valid: true,
            error: None,
        };
        let lname = seg.name.to_ascii_lowercase();
        if !seg.well_formed() {
            let why = "malformed tag: expected name=value";
            out.push(Finding::error(
                "dmarc-malformed-tag",
                format!("{:?}: {why} (RFC 7489 §6.4)", seg.raw),
            ));
            tag.valid = false;
            tag.error = Some(why.into());
            tags.push(tag);
            continue;
        }
        if BIS.contains(&lname.as_str()) {
            out.push(Finding::info(
                "dmarc-bis-tag",
                format!(
                    "{}= is a DMARCbis tag: RFC 7489 receivers ignore it",
                    seg.name
                ),
            ));
        } else if !KNOWN.contains(&lname.as_str()) {
            let why = "unknown tag (ignored by receivers)";
            out.push(Finding::warning(
                "dmarc-unknown-tag",
                format!("{:?}: {why} (RFC 7489 §6.3)", seg.raw),
            ));
            tag.valid = false;
            tag.error = Some(why.into());
            tags.push(tag);
            continue;
        }
        let checked = if lname == "rua" || lname == "ruf" {
            if lname == "rua" {
                rua_present = true;
            }
            let (good, bad, not_mailto) = parse_uris(value);
            for uri in &not_mailto {
                out.push(Finding::warning(
                    "dmarc-uri-not-mailto",
                    format!(
                        "{}: {uri} is not a mailto: URI; receivers are only required to support \
                         mailto (RFC 7489 §6.2)",
                        seg.name
                    ),
                ));
            }
            if lname == "rua" {
                rua = good;
            } else {
                ruf = good;
            }
            if bad.is_empty() {
                Ok(())
            } else {
                Err(bad.join("; "))
            }
        } else {
            check_value(&lname, value)
        };
        match checked {
            Ok(()) => values.push((lname, value.to_string())),
            Err(why) => {
                out.push(Finding::error(
                    "dmarc-invalid-value",
                    format!("{}={value:?}: {why} (RFC 7489 §6.3)", seg.name),
                ));
                tag.valid = false;
                tag.error = Some(why);
            }
        }
        tags.push(tag);
    }

    let get = |n: &str| {
        values
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.to_ascii_lowercase())
    };
    let mut defaults = Vec::new();
    let written = |n: &str| {
        segs.iter()
            .any(|s| s.well_formed() && s.name.eq_ignore_ascii_case(n))
    };

    // §6.6.3: no valid p (or an invalid sp) → p=none if rua has a valid URI, else no DMARC.
    let p_written = get("p");
    let sp_invalid = written("sp") && get("sp").is_none();
    let fallback = p_written.is_none() || sp_invalid;
    let consequence = if !rua.is_empty() {
        "receivers act as if p=none because rua is valid (RFC 7489 §6.6.3)"
    } else {
        "with no valid rua either, receivers apply no DMARC processing at all (RFC 7489 §6.6.3)"
    };
    if !written("p") {
        out.push(Finding::error(
            "dmarc-p-missing",
            format!("no p= tag (required, RFC 7489 §6.3): {consequence}"),
        ));
    } else if fallback {
        out.push(Finding::error(
            "dmarc-policy-fallback",
            format!(
                "invalid {}: {consequence}",
                if p_written.is_none() { "p=" } else { "sp=" }
            ),
        ));
    }
    let (p, sp) = if fallback {
        defaults.push("p".to_string());
        defaults.push("sp".to_string());
        ("none".to_string(), "none".to_string())
    } else {
        let p = p_written.unwrap_or_else(|| "none".into());
        let sp = match get("sp") {
            Some(sp) => sp,
            None => {
                defaults.push("sp".to_string());
                p.clone()
            }
        };
        (p, sp)
    };
    let mut or_default = |n: &str, d: &str| match get(n) {
        Some(v) => v,
        None => {
            defaults.push(n.to_string());
            d.to_string()
        }
    };
    let adkim = or_default("adkim", "r");
    let aspf = or_default("aspf", "r");
    let pct: u8 = or_default("pct", "100").parse().unwrap_or(100);
    let fo = or_default("fo", "0").replace(super::policy::is_wsp, "");
    let rf = or_default("rf", "afrf").replace(super::policy::is_wsp, "");
    let ri: u32 = or_default("ri", "86400").parse().unwrap_or(86400);
    if !rua_present {
        defaults.push("rua".to_string());
    }
    if !written("ruf") {
        defaults.push("ruf".to_string());
    }

    if !fallback && p == "none" {
        out.push(Finding::warning(
            "dmarc-p-none",
            "p=none: monitoring only, no protection: receivers deliver mail that fails DMARC \
             as usual (RFC 7489 §6.3)",
        ));
    }
    if rua.is_empty() {
        out.push(Finding::warning(
            "dmarc-no-rua",
            "no valid rua= URI: you get no aggregate reports, so you cannot see who sends as \
             your domain (RFC 7489 §7.2)",
        ));
    }
    if pct < 100 && (policy_rank(&p) > 0 || policy_rank(&sp) > 0) {
        out.push(Finding::warning(
            "dmarc-pct",
            format!(
                "pct={pct}: the policy applies to only {pct}% of failing mail; the rest is \
                 treated one level weaker (RFC 7489 §6.6.4)"
            ),
        ));
    }
    if !fallback && written("sp") && policy_rank(&sp) < policy_rank(&p) {
        out.push(Finding::warning(
            "dmarc-sp-weaker",
            format!("sp={sp} is weaker than p={p}: subdomains are less protected than the domain"),
        ));
    }
    if !ruf.is_empty() {
        out.push(Finding::info(
            "dmarc-ruf",
            "ruf= requests failure reports: many receivers (Google, Microsoft) never send them",
        ));
    }

    let effective = DmarcPolicy {
        p,
        sp,
        pct,
        adkim,
        aspf,
        rua,
        ruf,
        fo,
        rf,
        ri,
        defaults,
    };
    (Some(DmarcRecord { tags, effective }), out)
}

/// The organizational domain (RFC 7489 §3.2): the public suffix (from the compiled-in Public
/// Suffix List) plus one label. Lowercased, without a trailing dot; a name that is itself a
/// public suffix (or unparseable) is returned as is.
pub(crate) fn organizational_domain(domain: &str) -> String {
    let d = super::norm(domain);
    psl::domain_str(&d).map(str::to_string).unwrap_or(d)
}

/// The name to query to see whether `rua_domain` accepts reports for `policy_domain`
/// (RFC 7489 §7.1): `<policy_domain>._report._dmarc.<rua_domain>`, or `None` when both share an
/// organizational domain (no authorization needed).
pub(crate) fn external_report_check_name(policy_domain: &str, rua_domain: &str) -> Option<String> {
    let (policy, rua) = (super::norm(policy_domain), super::norm(rua_domain));
    if organizational_domain(&policy) == organizational_domain(&rua) {
        return None;
    }
    Some(format!("{policy}._report._dmarc.{rua}"))
}

/// Does a TXT record at the §7.1 check name authorize the reports? It must start with
/// `v=DMARC1` (the rest of it is not interpreted here).
pub(crate) fn authorizes_reports(txt: &str) -> bool {
    has_version(txt, "v=DMARC1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dns::finding::Severity;

    fn codes(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|f| f.code.as_str()).collect()
    }

    fn parse(txt: &str) -> (DmarcRecord, Vec<Finding>) {
        let (r, f) = parse_dmarc(txt);
        (r.expect("a DMARC record"), f)
    }

    #[test]
    fn google_style_record() {
        // As published by google.com.
        let (r, f) = parse("v=DMARC1; p=reject; rua=mailto:mailauth-reports@google.com");
        assert!(f.is_empty(), "{f:?}");
        let e = &r.effective;
        assert_eq!(e.p, "reject");
        assert_eq!(e.sp, "reject");
        assert_eq!(e.pct, 100);
        assert_eq!(e.adkim, "r");
        assert_eq!(e.aspf, "r");
        assert_eq!(e.fo, "0");
        assert_eq!(e.rf, "afrf");
        assert_eq!(e.ri, 86400);
        assert_eq!(
            e.rua,
            vec![ReportUri {
                uri: "mailto:mailauth-reports@google.com".into(),
                mailto: Some("mailauth-reports@google.com".into()),
                domain: Some("google.com".into()),
                size_limit: None,
            }]
        );
        assert!(e.ruf.is_empty());
        assert_eq!(
            e.defaults,
            vec!["sp", "adkim", "aspf", "pct", "fo", "rf", "ri", "ruf"]
        );
        assert_eq!(r.tags.len(), 3);
        assert_eq!(r.tags[0].name, "v");
        assert_eq!(r.tags[0].value, "DMARC1");
        assert!(r.tags.iter().all(|t| t.valid && t.error.is_none()));
    }

    #[test]
    fn empty_tag_is_warned_about_and_the_record_used() {
        let (r, f) = parse("v=DMARC1;; p=reject;");
        assert_eq!(codes(&f), vec!["dmarc-empty-tag", "dmarc-no-rua"]);
        assert_eq!(r.effective.p, "reject");
        let (_, f) = parse("v=DMARC1; p=reject;");
        assert_eq!(codes(&f), vec!["dmarc-no-rua"]);
    }

    #[test]
    fn microsoft_style_record() {
        // As published by microsoft.com (rua to an external, authorized domain; ruf; fo=1).
        let (r, f) = parse(
            "v=DMARC1; p=reject; pct=100; rua=mailto:d@rua.agari.com; ruf=mailto:d@ruf.agari.com; fo=1",
        );
        assert_eq!(codes(&f), vec!["dmarc-ruf"]);
        assert_eq!(f[0].severity, Severity::Info);
        let e = &r.effective;
        assert_eq!(e.p, "reject");
        assert_eq!(e.fo, "1");
        assert_eq!(e.ruf[0].domain.as_deref(), Some("ruf.agari.com"));
        assert_eq!(e.defaults, vec!["sp", "adkim", "aspf", "rf", "ri"]);
    }

    #[test]
    fn full_record_with_all_tags() {
        let (r, f) = parse(
            "v=DMARC1;p=quarantine;sp=reject;adkim=s;aspf=s;pct=100;\
             rua=mailto:agg@example.com!10m,mailto:agg@thirdparty.example.net!500K;\
             ruf=mailto:forensic@example.com;fo=0:1:d:s;rf=afrf;ri=3600",
        );
        assert_eq!(codes(&f), vec!["dmarc-ruf"]);
        let e = &r.effective;
        assert_eq!((e.p.as_str(), e.sp.as_str()), ("quarantine", "reject"));
        assert_eq!((e.adkim.as_str(), e.aspf.as_str()), ("s", "s"));
        assert_eq!(e.fo, "0:1:d:s");
        assert_eq!(e.ri, 3600);
        assert_eq!(e.rua.len(), 2);
        assert_eq!(e.rua[0].uri, "mailto:agg@example.com");
        assert_eq!(e.rua[0].size_limit.as_deref(), Some("10m"));
        assert_eq!(e.rua[1].domain.as_deref(), Some("thirdparty.example.net"));
        assert_eq!(e.rua[1].size_limit.as_deref(), Some("500K"));
        assert!(e.defaults.is_empty(), "{:?}", e.defaults);
    }

    #[test]
    fn whitespace_and_case_tolerance() {
        // §6.4: *WSP around '=' and ';'; tag names and keyword values are case-insensitive.
        let (r, f) = parse(
            " v = DMARC1 ;\tP = Reject ; RUA = mailto:a@example.com , mailto:b@example.org ; ",
        );
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(r.effective.p, "reject");
        assert_eq!(r.effective.rua.len(), 2);
        assert_eq!(r.effective.rua[1].mailto.as_deref(), Some("b@example.org"));
        assert_eq!(r.tags[1].name, "P");
        assert_eq!(r.tags[1].value, "Reject");
        // No trailing ';', record with only v and p.
        let (r, f) = parse("v=DMARC1;p=reject");
        assert_eq!(r.effective.p, "reject");
        assert_eq!(codes(&f), vec!["dmarc-no-rua"]);
    }

    #[test]
    fn not_dmarc() {
        for txt in ["p=reject; v=DMARC1", "v=spf1 -all", "v=DMARC2; p=none", ""] {
            let (r, f) = parse_dmarc(txt);
            assert!(r.is_none(), "{txt}");
            assert_eq!(codes(&f), vec!["dmarc-not-dmarc"], "{txt}");
            assert_eq!(f[0].severity, Severity::Error);
        }
    }

    #[test]
    fn missing_separator_after_version() {
        let (r, f) = parse_dmarc("v=DMARC1 p=reject; rua=mailto:a@example.com");
        assert!(r.is_none());
        assert_eq!(codes(&f), vec!["dmarc-version-syntax"]);
        assert!(
            f[0].message
                .starts_with("\"v=DMARC1 p=reject\": missing ';'")
        );
    }

    #[test]
    fn version_case() {
        let (r, f) = parse("v=dmarc1; p=reject; rua=mailto:a@example.com");
        assert_eq!(r.effective.p, "reject");
        assert_eq!(codes(&f), vec!["dmarc-version-case"]);
        assert_eq!(f[0].severity, Severity::Warning);
    }

    #[test]
    fn p_missing_with_and_without_rua() {
        let (r, f) = parse("v=DMARC1; rua=mailto:a@example.com");
        assert_eq!(r.effective.p, "none");
        assert_eq!(r.effective.sp, "none");
        assert_eq!(codes(&f), vec!["dmarc-p-missing"]);
        assert!(f[0].message.contains("act as if p=none"));
        assert!(r.effective.defaults.contains(&"p".to_string()));

        let (r, f) = parse("v=DMARC1; sp=reject");
        assert_eq!(r.effective.p, "none");
        assert_eq!(codes(&f), vec!["dmarc-p-missing", "dmarc-no-rua"]);
        assert!(f[0].message.contains("no DMARC processing"));
    }

    #[test]
    fn invalid_values() {
        let (r, f) = parse(
            "v=DMARC1; p=rejected; sp=block; adkim=x; aspf=strict; pct=150; ri=-1; fo=2; rf=iodef; \
             rua=mailto:a@example.com",
        );
        let invalid: Vec<&str> = f
            .iter()
            .filter(|f| f.code == "dmarc-invalid-value")
            .map(|f| f.message.as_str())
            .collect();
        assert_eq!(invalid.len(), 8, "{f:?}");
        assert!(invalid[0].starts_with("p=\"rejected\": must be none, quarantine or reject"));
        assert!(invalid[4].starts_with("pct=\"150\""));
        assert!(invalid[7].contains("afrf"));
        assert_eq!(codes(&f).last(), Some(&"dmarc-policy-fallback"));
        assert!(f.iter().all(|f| f.severity == Severity::Error), "{f:?}");
        let e = &r.effective;
        assert_eq!(e.p, "none");
        assert_eq!((e.adkim.as_str(), e.aspf.as_str()), ("r", "r"));
        assert_eq!((e.pct, e.ri), (100, 86400));
        assert_eq!((e.fo.as_str(), e.rf.as_str()), ("0", "afrf"));
        let bad: Vec<&str> = r
            .tags
            .iter()
            .filter(|t| !t.valid)
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(
            bad,
            vec!["p", "sp", "adkim", "aspf", "pct", "ri", "fo", "rf"]
        );
        assert_eq!(
            r.tags[1].error.as_deref(),
            Some("must be none, quarantine or reject")
        );
    }

    #[test]
    fn invalid_sp_falls_back() {
        let (r, f) = parse("v=DMARC1; p=reject; sp=rejcet; rua=mailto:a@example.com");
        assert_eq!(
            codes(&f),
            vec!["dmarc-invalid-value", "dmarc-policy-fallback"]
        );
        assert!(
            f[1].message
                .starts_with("invalid sp=: receivers act as if p=none")
        );
        assert_eq!(r.effective.p, "none");
    }

    #[test]
    fn pct_bounds() {
        for (v, ok) in [
            ("0", true),
            ("100", true),
            ("050", true),
            ("101", false),
            ("1000", false),
            ("", false),
            ("5%", false),
        ] {
            assert_eq!(check_value("pct", v).is_ok(), ok, "{v}");
        }
        assert!(check_value("ri", "4294967295").is_ok());
        assert!(check_value("ri", "4294967296").is_err());
        assert!(check_value("fo", "1 : d").is_ok());
        assert!(check_value("rf", "afrf:iodef").is_ok());
    }

    #[test]
    fn unknown_and_malformed_tags() {
        let (r, f) =
            parse("v=DMARC1; p=reject; foo=bar; garbage; rua=mailto:a@example.com; np=reject");
        assert_eq!(
            codes(&f),
            vec!["dmarc-unknown-tag", "dmarc-malformed-tag", "dmarc-bis-tag"]
        );
        assert_eq!(
            f.iter().map(|f| f.severity).collect::<Vec<_>>(),
            vec![Severity::Warning, Severity::Error, Severity::Info]
        );
        assert_eq!(r.effective.p, "reject");
        assert_eq!(r.tags.len(), 6);
        assert!(!r.tags[2].valid);
        assert!(!r.tags[3].valid);
        assert!(r.tags[5].valid);
    }

    /// A repeated tag makes the whole record invalid (RFC 7489 §6.4 takes the tag-list of RFC
    /// 6376 §3.2, where "the entire tag-list is invalid"): no policy, where the first p= used
    /// to apply. Names compare without case (`p` and `P` are one tag in DMARC).
    #[test]
    fn duplicate_tag_invalidates_the_record() {
        for (txt, name) in [
            ("v=DMARC1; p=reject; p=none", "p"),
            (
                "v=DMARC1; p=reject; rua=mailto:a@example.com; rua=mailto:b@example.com",
                "rua",
            ),
            ("v=DMARC1; p=none; P=reject", "P"),
        ] {
            let (r, f) = parse_dmarc(txt);
            assert_eq!(r, None, "{txt}");
            assert_eq!(codes(&f), vec!["dmarc-duplicate-tag"], "{txt}");
            assert_eq!(f[0].severity, Severity::Error);
            let want = format!("{name}= appears more than once: the whole record is invalid");
            assert!(f[0].message.starts_with(&want), "{}", f[0].message);
        }
    }

    #[test]
    fn report_uris() {
        let (r, f) = parse(
            "v=DMARC1; p=reject; rua=dmarc@example.com,https://dmarc.example.com/r,mailto:ok@example.com!20x",
        );
        assert!(r.effective.rua.iter().all(|u| u.mailto.is_none()));
        assert_eq!(r.effective.rua.len(), 1);
        assert_eq!(r.effective.rua[0].uri, "https://dmarc.example.com/r");
        assert_eq!(
            codes(&f),
            vec!["dmarc-uri-not-mailto", "dmarc-invalid-value"]
        );
        assert!(f[1].message.contains("(write mailto:dmarc@example.com)"));
        assert!(f[1].message.contains("size limit \"20x\""));
        assert!(!r.tags[2].valid);

        let (r, f) = parse("v=DMARC1; p=reject; rua=");
        assert!(r.effective.rua.is_empty());
        assert_eq!(codes(&f), vec!["dmarc-invalid-value", "dmarc-no-rua"]);
        assert!(!r.effective.defaults.contains(&"rua".to_string()));

        let (r, f) =
            parse("v=DMARC1; p=reject; rua=mailto:agg@example.com!1g, mailto:x@example.com!7");
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(r.effective.rua[1].size_limit.as_deref(), Some("7"));
    }

    #[test]
    fn policy_warnings() {
        let (r, f) = parse("v=DMARC1; p=none; rua=mailto:a@example.com");
        assert_eq!(r.effective.p, "none");
        assert_eq!(codes(&f), vec!["dmarc-p-none"]);
        assert!(f[0].message.contains("monitoring only"));

        let (_, f) = parse("v=DMARC1; p=none");
        assert_eq!(codes(&f), vec!["dmarc-p-none", "dmarc-no-rua"]);
        assert!(f[1].message.contains("no aggregate reports"));

        let (r, f) = parse("v=DMARC1; p=quarantine; pct=25; rua=mailto:a@example.com");
        assert_eq!(r.effective.pct, 25);
        assert_eq!(codes(&f), vec!["dmarc-pct"]);
        assert!(f[0].message.starts_with("pct=25"));

        // pct is irrelevant to p=none.
        let (_, f) = parse("v=DMARC1; p=none; pct=10; rua=mailto:a@example.com");
        assert_eq!(codes(&f), vec!["dmarc-p-none"]);

        let (r, f) = parse("v=DMARC1; p=reject; sp=none; rua=mailto:a@example.com");
        assert_eq!(r.effective.sp, "none");
        assert_eq!(codes(&f), vec!["dmarc-sp-weaker"]);
        let (_, f) = parse("v=DMARC1; p=reject; sp=quarantine; rua=mailto:a@example.com");
        assert_eq!(codes(&f), vec!["dmarc-sp-weaker"]);
        let (_, f) = parse("v=DMARC1; p=quarantine; sp=none; rua=mailto:a@example.com");
        assert_eq!(codes(&f), vec!["dmarc-sp-weaker"]);
        let (_, f) = parse("v=DMARC1; p=quarantine; sp=reject; rua=mailto:a@example.com");
        assert!(f.is_empty());
    }

    #[test]
    fn org_domains() {
        assert_eq!(organizational_domain("mail.google.com"), "google.com");
        assert_eq!(organizational_domain("Example.COM."), "example.com");
        assert_eq!(organizational_domain("a.b.example.co.uk"), "example.co.uk");
        assert_eq!(organizational_domain("example.co.uk"), "example.co.uk");
        assert_eq!(organizational_domain("co.uk"), "co.uk");
        assert_eq!(organizational_domain("foo.bar.github.io"), "bar.github.io");
    }

    #[test]
    fn external_reports() {
        assert_eq!(
            external_report_check_name("example.com", "example.com"),
            None
        );
        assert_eq!(
            external_report_check_name("sub.example.com", "reports.example.com"),
            None
        );
        assert_eq!(
            external_report_check_name("Microsoft.com.", "rua.agari.com"),
            Some("microsoft.com._report._dmarc.rua.agari.com".into())
        );
        assert_eq!(
            external_report_check_name("example.co.uk", "other.co.uk"),
            Some("example.co.uk._report._dmarc.other.co.uk".into())
        );
        assert!(authorizes_reports("v=DMARC1"));
        assert!(authorizes_reports("v=DMARC1;"));
        assert!(!authorizes_reports("v=spf1 -all"));
        assert!(!authorizes_reports(""));
    }
}
