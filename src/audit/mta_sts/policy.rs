//! The MTA-STS policy file (RFC 8461 §3.2) read as a sender reads it, with a finding for every
//! problem, and the `mx` pattern match of §4.1. Pure: no I/O, so every rule is tested here.
//!
//! The grammar (§3.2) is `key: value` lines ended by LF or CRLF, in any order; `version`, `mode`
//! and `max_age` are required once, `mx` at least once unless the mode is `none`; field names
//! and the version and mode values are case-sensitive (`%s"…"`); unknown fields are ignored; of
//! a repeated field, senders use the first.

use crate::dns::finding::{Finding, Severity};
use crate::dns::policy::preview;
use serde::Serialize;

const RFC: &str = "RFC 8461 §3.2";

/// The largest `max_age` (§3.2: "maximum value of 31557600"); senders cap longer ones.
pub(crate) const MAX_AGE_LIMIT: u64 = 31_557_600;

/// Below one day a policy barely outlives the sender's cache refresh: §3.2 expects `max_age`
/// "in the range of weeks or greater" so a policy survives an attack at refresh time.
pub(crate) const MAX_AGE_SHORT: u64 = 86_400;

/// `mode` (§5): what a sender does when an MX fails validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum Mode {
    /// Do not deliver to an MX that fails validation.
    Enforce,
    /// Deliver anyway, and report the failure (TLS-RPT, RFC 8460).
    Testing,
    /// Treat the domain as having no active policy.
    None,
}

impl Mode {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Mode::Enforce => "enforce",
            Mode::Testing => "testing",
            Mode::None => "none",
        }
    }
}

/// A policy as a sender would take it. JSON: `version`, `mode`, `max_age`, `mx`, `ignored`,
/// `usable`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub(crate) struct StsPolicy {
    pub(crate) version: Option<String>,
    pub(crate) mode: Option<Mode>,
    /// As published (before a sender's cap at [`MAX_AGE_LIMIT`]).
    pub(crate) max_age: Option<u64>,
    /// The well-formed `mx` patterns, lowercase, in order.
    pub(crate) mx: Vec<String>,
    /// Fields senders skip (extensions and unknown names), as `name: value`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) ignored: Vec<String>,
    /// The text is a policy a sender would apply: `version: STSv1`, a mode, a `max_age`, and an
    /// `mx` pattern unless the mode is `none`.
    pub(crate) usable: bool,
}

/// `*WSP` around a value (§3.2: `sts-policy-field-delim = ":" *WSP`, and `*WSP` before the line
/// end).
fn is_wsp(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `sts-policy-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")`.
fn valid_ext_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
        && name.len() <= 32
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Why an `mx` value is not `["*."] Domain` (§3.2, with RFC 5321 §4.1.2's Domain: LDH labels,
/// A-labels for IDNs), or None when it is.
pub(crate) fn pattern_problem(p: &str) -> Option<String> {
    if p.is_empty() {
        return Some("it is empty".into());
    }
    let host = p.strip_prefix("*.").unwrap_or(p);
    if host.contains('*') {
        return Some(
            "a wildcard is allowed only as the whole leftmost label, as in *.example.com (§3.2, \
             §4.1)"
                .into(),
        );
    }
    if p.starts_with('.') {
        // The suffix form of the drafts (`.example.net`); RFC 8461 replaced it with `*.`.
        return Some("a leading dot is no pattern: write *.example.net for a wildcard".into());
    }
    if host.ends_with('.') {
        return Some(
            "it ends with a dot: patterns are written without the root label, and senders \
             compare them with the MX name as it is"
                .into(),
        );
    }
    if !host.is_ascii() {
        return Some("an internationalized name must be written as A-labels (xn--…)".into());
    }
    if host.len() > 253 {
        return Some("it is longer than 253 characters".into());
    }
    for label in host.split('.') {
        let ldh = label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-');
        if label.is_empty() || label.len() > 63 || !ldh {
            return Some(format!(
                "{label:?} is not a host name label (letters, digits and hyphens, 1 to 63)"
            ));
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some(format!("the label {label:?} starts or ends with a hyphen"));
        }
    }
    None
}

/// Does the MX host `host` match the policy pattern `pattern` (RFC 8461 §4.1)? Case-insensitive;
/// `*.example.com` matches exactly one leftmost label: `mx1.example.com`, not `example.com` nor
/// `a.b.example.com`. A trailing root dot on the MX name (as DNS gives it) is ignored.
pub(crate) fn mx_matches(pattern: &str, host: &str) -> bool {
    let host = host.trim_end_matches('.');
    match pattern.strip_prefix("*.") {
        Some(suffix) => host
            .split_once('.')
            .is_some_and(|(first, rest)| !first.is_empty() && rest.eq_ignore_ascii_case(suffix)),
        None => host.eq_ignore_ascii_case(pattern),
    }
}

/// Read a policy body. The findings cover the text only (the fetch, the TXT record and the MX
/// coverage are judged by the caller). Codes: `mta-sts-policy-invalid` (error: senders ignore
/// the policy), `mta-sts-policy-mx-invalid` (error: one pattern that matches nothing),
/// `mta-sts-policy-syntax`, `mta-sts-policy-duplicate`, `mta-sts-policy-version-not-first`,
/// `mta-sts-max-age-too-long`, `mta-sts-max-age-short`, `mta-sts-mode-none` (warnings),
/// `mta-sts-mode-testing` (info).
pub(crate) fn parse(body: &str) -> (StsPolicy, Vec<Finding>) {
    let mut p = StsPolicy::default();
    let mut f = Vec::new();
    // A problem that makes senders drop the policy, beyond a missing required field.
    let mut broken = false;
    let syntax = |f: &mut Vec<Finding>, msg: String| {
        f.push(Finding::warning("mta-sts-policy-syntax", msg));
    };
    let invalid = |f: &mut Vec<Finding>, msg: String| {
        f.push(Finding::error("mta-sts-policy-invalid", msg));
    };
    let body = match body.strip_prefix('\u{feff}') {
        Some(rest) => {
            invalid(
                &mut f,
                format!(
                    "the policy starts with a byte-order mark (U+FEFF): its first field name is \
                     then not \"version\" to a sender following {RFC}; save it without one"
                ),
            );
            broken = true;
            rest
        }
        None => body,
    };
    let lines: Vec<&str> = body.split('\n').collect();
    let mut first_field: Option<usize> = None;
    let mut blank_reported = false;
    // Required fields that were there but unreadable: "missing" would then be the wrong word.
    let mut unreadable: Vec<&str> = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for (i, raw) in lines.iter().enumerate() {
        let n = i + 1;
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        let last = i + 1 == lines.len();
        if line.trim_matches(is_wsp).is_empty() {
            // The text after the final line end is "" (§3.2 allows a final sts-policy-term);
            // any other empty line is outside the grammar.
            let final_end = last && line.is_empty();
            if !final_end && !blank_reported {
                blank_reported = true;
                syntax(
                    &mut f,
                    format!(
                        "line {n} is empty: {RFC} has no empty lines between fields (most senders \
                         skip them, strict ones reject the policy)"
                    ),
                );
            }
            continue;
        }
        if line.contains('\r') {
            syntax(
                &mut f,
                format!("line {n} contains a bare CR: lines end with LF or CRLF ({RFC})"),
            );
        }
        let Some((name_raw, value_raw)) = line.split_once(':') else {
            syntax(
                &mut f,
                format!(
                    "line {n} is not a \"key: value\" field: {} ({RFC}); senders skip or reject it",
                    preview(line)
                ),
            );
            continue;
        };
        let name = name_raw.trim_matches(is_wsp);
        if name != name_raw {
            syntax(
                &mut f,
                format!(
                    "line {n}: whitespace around the field name {name:?}: the name must start \
                     the line and be followed by \":\" at once ({RFC})"
                ),
            );
        }
        let value = value_raw.trim_matches(is_wsp);
        let index = first_field.get_or_insert(i);
        let known = ["version", "mode", "max_age", "mx"];
        let canonical = known.iter().find(|k| k.eq_ignore_ascii_case(name)).copied();
        if let Some(k) = canonical
            && k != name
        {
            // %s"mode": a sender comparing names exactly ignores `Mode:`, and then misses the
            // field. Judged as written, so the rest of the policy is still checked.
            invalid(
                &mut f,
                format!(
                    "line {n}: the field name {name:?} must be written \"{k}\": names are \
                     case-sensitive ({RFC}), and a sender that compares them exactly ignores it"
                ),
            );
            broken = true;
        }
        if let Some(k) = canonical
            && k != "mx"
        {
            if seen.contains(&k) {
                f.push(Finding::warning(
                    "mta-sts-policy-duplicate",
                    format!(
                        "line {n}: {k} appears again; senders use the first and ignore this one \
                         ({RFC})"
                    ),
                ));
                continue;
            }
            seen.push(k);
        }
        match canonical {
            Some("version") => {
                if *index != i {
                    f.push(Finding::warning(
                        "mta-sts-policy-version-not-first",
                        format!(
                            "version is on line {n}, not the first line: {RFC} allows any order, \
                             but every policy of the RFC starts with it, and a sender that \
                             checks the version first may not find it"
                        ),
                    ));
                }
                p.version = Some(value.to_string());
            }
            Some("mode") => {
                p.mode = match value {
                    "enforce" => Some(Mode::Enforce),
                    "testing" => Some(Mode::Testing),
                    "none" => Some(Mode::None),
                    other => {
                        let hint = if ["enforce", "testing", "none"]
                            .iter()
                            .any(|m| m.eq_ignore_ascii_case(other))
                        {
                            " (the value is case-sensitive: write it in lowercase)"
                        } else {
                            ""
                        };
                        invalid(
                            &mut f,
                            format!(
                                "line {n}: mode {} is not enforce, testing or none{hint} ({RFC}): \
                                 senders ignore the policy",
                                preview(other)
                            ),
                        );
                        broken = true;
                        unreadable.push("mode");
                        None
                    }
                };
            }
            Some("max_age") => {
                // sts-policy-max-age-value = 1*10(DIGIT)
                let digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
                match value.parse::<u64>() {
                    Ok(v) if digits && value.len() <= 10 => {
                        if v > MAX_AGE_LIMIT {
                            f.push(Finding::warning(
                                "mta-sts-max-age-too-long",
                                format!(
                                    "max_age {v} is above the maximum of {MAX_AGE_LIMIT} seconds \
                                     (about a year, {RFC}): senders cap it"
                                ),
                            ));
                        }
                        p.max_age = Some(v);
                    }
                    _ => {
                        invalid(
                            &mut f,
                            format!(
                                "line {n}: max_age {} is not a number of seconds (1 to 10 \
                                 digits, {RFC}): senders ignore the policy",
                                preview(value)
                            ),
                        );
                        broken = true;
                        unreadable.push("max_age");
                    }
                }
            }
            Some(_) => match pattern_problem(value) {
                None => {
                    let v = value.to_ascii_lowercase();
                    if !p.mx.contains(&v) {
                        p.mx.push(v);
                    }
                }
                Some(why) => f.push(Finding::error(
                    "mta-sts-policy-mx-invalid",
                    format!(
                        "line {n}: mx {} is not a valid pattern: {why}; it matches no MX",
                        preview(value)
                    ),
                )),
            },
            None => {
                if !valid_ext_name(name) {
                    syntax(
                        &mut f,
                        format!(
                            "line {n}: {} is not a valid field name (letters, digits, \"_\", \
                             \"-\", \".\", up to 32, {RFC}); senders skip the line or reject \
                             the policy",
                            preview(name)
                        ),
                    );
                }
                p.ignored.push(format!("{name}: {value}"));
            }
        }
    }
    match p.version.as_deref() {
        None => invalid(
            &mut f,
            format!(
                "no version field ({RFC}: \"version: STSv1\" is required): senders ignore the \
                 policy"
            ),
        ),
        Some("STSv1") => {}
        Some(v) => invalid(
            &mut f,
            format!(
                "version {} is not STSv1 (the only version, case-sensitive, {RFC}): senders \
                 ignore the policy",
                preview(v)
            ),
        ),
    }
    if p.mode.is_none() && !unreadable.contains(&"mode") {
        invalid(
            &mut f,
            format!(
                "no mode field ({RFC}: enforce, testing or none is required): senders ignore \
                 the policy"
            ),
        );
    }
    if p.max_age.is_none() && !unreadable.contains(&"max_age") {
        invalid(
            &mut f,
            format!(
                "no max_age field ({RFC}: the policy lifetime in seconds is required): senders \
                 ignore the policy"
            ),
        );
    }
    let needs_mx = p.mode.is_some_and(|m| m != Mode::None);
    if p.mx.is_empty() && needs_mx {
        invalid(
            &mut f,
            format!(
                "no valid mx pattern: mode {} needs at least one ({RFC}), or senders ignore \
                 the policy",
                p.mode.map(Mode::as_str).unwrap_or_default()
            ),
        );
    }
    match p.mode {
        Some(Mode::Testing) => f.push(Finding::info(
            "mta-sts-mode-testing",
            "mode testing: senders report MX validation failures (TLS-RPT) but still deliver; \
             switch to enforce once the reports are clean (RFC 8461 §5)",
        )),
        Some(Mode::None) => f.push(Finding::warning(
            "mta-sts-mode-none",
            "mode none: senders treat the domain as having no MTA-STS policy (RFC 8461 §5)",
        )),
        _ => {}
    }
    if let Some(age) = p.max_age
        && age < MAX_AGE_SHORT
    {
        f.push(Finding::warning(
            "mta-sts-max-age-short",
            format!(
                "max_age {age} is less than a day: senders drop the cached policy that soon, so it \
                 protects little against an attacker at refresh time ({RFC} expects weeks or more)"
            ),
        ));
    }
    p.usable = !broken
        && p.version.as_deref() == Some("STSv1")
        && p.mode.is_some()
        && p.max_age.is_some()
        && !(needs_mx && p.mx.is_empty());
    (p, f)
}

/// The severity of an MTA-STS problem at an MX for a policy in `mode` (RFC 8461 §5): enforce
/// stops delivery, testing only reports it, none applies nothing.
pub(crate) fn severity_for(mode: Mode) -> Severity {
    match mode {
        Mode::Enforce => Severity::Error,
        Mode::Testing => Severity::Warning,
        Mode::None => Severity::Info,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: &[Finding]) -> Vec<&str> {
        f.iter().map(|x| x.code.as_str()).collect()
    }

    const GOOD: &str = "version: STSv1\nmode: enforce\nmx: mail.example.com\nmx: *.example.net\n\
                        mx: backupmx.example.com\nmax_age: 604800\n";

    #[test]
    fn good_policy() {
        let (p, f) = parse(GOOD);
        assert_eq!(codes(&f), Vec::<&str>::new());
        assert!(p.usable);
        assert_eq!(p.version.as_deref(), Some("STSv1"));
        assert_eq!(p.mode, Some(Mode::Enforce));
        assert_eq!(p.max_age, Some(604_800));
        assert_eq!(
            p.mx,
            ["mail.example.com", "*.example.net", "backupmx.example.com"]
        );
        // No final line end, trailing blanks after values, an extension: all fine.
        let (p, f) = parse(
            "version: STSv1\nmode:testing \nmx: MX.Example.com\t\nmax_age: 86400\nx_ext.1: some value",
        );
        assert_eq!(codes(&f), ["mta-sts-mode-testing"]);
        assert!(p.usable);
        assert_eq!(p.mx, ["mx.example.com"]);
        assert_eq!(p.ignored, ["x_ext.1: some value"]);
    }

    #[test]
    fn crlf_and_lf() {
        let crlf = GOOD.replace('\n', "\r\n");
        let (p, f) = parse(&crlf);
        assert!(f.is_empty(), "{f:?}");
        assert_eq!(p, parse(GOOD).0);
        // Mixed endings are fine too: each line ends with LF or CRLF.
        let (p, f) = parse("version: STSv1\r\nmode: none\nmax_age: 604800\r\n");
        assert_eq!(codes(&f), ["mta-sts-mode-none"]);
        assert!(p.usable, "mode none needs no mx");
        // A bare CR is no line end.
        let (p, f) = parse("version: STSv1\rmode: enforce\nmx: a.example\nmax_age: 604800");
        assert!(codes(&f).contains(&"mta-sts-policy-syntax"));
        assert!(!p.usable, "version is \"STSv1\\rmode: enforce\"");
    }

    #[test]
    fn version_missing_wrong_or_late() {
        let (p, f) = parse("mode: enforce\nmx: a.example\nmax_age: 604800\n");
        assert_eq!(codes(&f), ["mta-sts-policy-invalid"]);
        assert!(f[0].message.contains("no version"));
        assert!(!p.usable);
        for v in ["STSv2", "stsv1", "STSv1;"] {
            let (p, f) = parse(&GOOD.replace("STSv1", v));
            assert_eq!(codes(&f), ["mta-sts-policy-invalid"], "{v}");
            assert!(!p.usable);
        }
        let (p, f) = parse("mode: enforce\nversion: STSv1\nmx: a.example\nmax_age: 604800\n");
        assert_eq!(codes(&f), ["mta-sts-policy-version-not-first"]);
        assert!(f[0].message.contains("line 2"));
        assert!(p.usable, "§3.2 allows any order");
        // Repeated fields: the first counts.
        let (p, f) = parse(&format!("{GOOD}mode: testing\nversion: STSv2\n"));
        assert_eq!(
            codes(&f),
            ["mta-sts-policy-duplicate", "mta-sts-policy-duplicate"]
        );
        assert_eq!(p.mode, Some(Mode::Enforce));
        assert!(p.usable);
    }

    #[test]
    fn mode_rules() {
        for bad in ["Enforce", "reject", "", "enforce;"] {
            let (p, f) = parse(&GOOD.replace("mode: enforce", &format!("mode: {bad}")));
            assert_eq!(codes(&f), ["mta-sts-policy-invalid"], "{bad:?}");
            assert!(!p.usable);
        }
        let (_, f) = parse(&GOOD.replace("mode: enforce", "mode: Enforce"));
        assert!(f[0].message.contains("case-sensitive"));
        let (p, f) = parse(&GOOD.replace("mode: enforce\n", ""));
        assert_eq!(codes(&f), ["mta-sts-policy-invalid"]);
        assert!(f[0].message.contains("no mode"));
        assert!(!p.usable);
        // Field names are case-sensitive too.
        let (p, f) = parse(&GOOD.replace("mode:", "Mode:"));
        assert_eq!(codes(&f), ["mta-sts-policy-invalid"]);
        assert!(!p.usable);
    }

    #[test]
    fn max_age_rules() {
        for bad in ["-1", "1d", "", "12345678901", "6e5", " "] {
            let (p, f) = parse(&GOOD.replace("604800", bad));
            assert_eq!(codes(&f), ["mta-sts-policy-invalid"], "{bad:?}");
            assert!(!p.usable);
        }
        let (p, f) = parse(&GOOD.replace("604800", "31557601"));
        assert_eq!(codes(&f), ["mta-sts-max-age-too-long"]);
        assert!(p.usable, "senders cap it");
        let (p, f) = parse(&GOOD.replace("604800", "31557600"));
        assert!(f.is_empty() && p.usable);
        let (p, f) = parse(&GOOD.replace("604800", "0"));
        assert_eq!(codes(&f), ["mta-sts-max-age-short"]);
        assert!(p.usable);
        assert_eq!(parse(&GOOD.replace("604800", "86399")).1.len(), 1);
        assert!(parse(&GOOD.replace("604800", "0086400")).1.is_empty());
        let (p, f) = parse(&GOOD.replace("max_age: 604800\n", ""));
        assert_eq!(codes(&f), ["mta-sts-policy-invalid"]);
        assert!(!p.usable);
    }

    #[test]
    fn mx_rules() {
        let (p, f) = parse("version: STSv1\nmode: enforce\nmax_age: 604800\n");
        assert_eq!(codes(&f), ["mta-sts-policy-invalid"]);
        assert!(f[0].message.contains("no valid mx"));
        assert!(!p.usable);
        let (p, f) = parse("version: STSv1\nmode: testing\nmax_age: 604800\nmx: mx*.example\n");
        assert_eq!(
            codes(&f),
            [
                "mta-sts-policy-mx-invalid",
                "mta-sts-policy-invalid",
                "mta-sts-mode-testing"
            ]
        );
        assert!(!p.usable);
        // One bad pattern beside good ones: an error, but the policy still applies.
        let (p, f) = parse(&format!("{GOOD}mx: .example.org\n"));
        assert_eq!(codes(&f), ["mta-sts-policy-mx-invalid"]);
        assert!(p.usable);
        for bad in [
            "*",
            "*.*.example.com",
            "mail.*.example.com",
            "mx*.example.com",
            ".example.com",
            "mx.example.com.",
            "mx..example.com",
            "-mx.example.com",
            "mx_1.example.com",
            "bücher.example",
            "",
        ] {
            assert!(pattern_problem(bad).is_some(), "{bad:?}");
        }
        for good in [
            "*.example.com",
            "mx1.example.com",
            "xn--bcher-kva.example",
            "localhost",
        ] {
            assert_eq!(pattern_problem(good), None, "{good}");
        }
    }

    #[test]
    fn wildcards_match_one_label() {
        assert!(mx_matches("*.example.com", "mx1.example.com"));
        assert!(mx_matches("*.example.com", "MX1.Example.COM."));
        assert!(!mx_matches("*.example.com", "a.b.example.com"));
        assert!(!mx_matches("*.example.com", "example.com"));
        assert!(!mx_matches("*.example.com", ".example.com"));
        assert!(!mx_matches("*.example.com", "mx1.example.com.evil"));
        assert!(mx_matches("mx1.example.com", "mx1.example.com."));
        assert!(!mx_matches("mx1.example.com", "mx2.example.com"));
        assert!(!mx_matches("example.com", "mx1.example.com"));
    }

    #[test]
    fn syntax_findings() {
        let (p, f) = parse(&format!("\u{feff}{GOOD}"));
        assert_eq!(codes(&f), ["mta-sts-policy-invalid"]);
        assert!(f[0].message.contains("byte-order mark"));
        assert!(!p.usable);
        let (p, f) = parse(
            "version: STSv1\n\nmode: enforce\nthis is not a field\n bad :x\n-x: 1\nmx: a.example\nmax_age: 604800\n\n",
        );
        assert_eq!(
            codes(&f),
            [
                "mta-sts-policy-syntax",
                "mta-sts-policy-syntax",
                "mta-sts-policy-syntax",
                "mta-sts-policy-syntax"
            ]
        );
        assert!(p.usable);
        // An HTML page is no policy.
        let (p, f) = parse("<html><body>Not found</body></html>\n");
        assert!(!p.usable);
        assert!(codes(&f).contains(&"mta-sts-policy-invalid"));
        let (p, _) = parse("");
        assert!(!p.usable);
    }

    #[test]
    fn severity_follows_the_mode() {
        assert_eq!(severity_for(Mode::Enforce), Severity::Error);
        assert_eq!(severity_for(Mode::Testing), Severity::Warning);
        assert_eq!(severity_for(Mode::None), Severity::Info);
    }
}
