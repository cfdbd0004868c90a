//! The findings of an audit: what the probes, the certificates, the TLSA records and the reverse
//! DNS of each MX address mean for the domain's mail, each with a stable code (the table in
//! README.md, "Audit finding codes") and a severity. Kept apart from the probing so the rules
//! read in one place and are tested without a network.

use super::dane;
use super::probe::Attempt;
use super::{AddressAudit, MxAudit};
use crate::dns::finding::{Finding, Severity};
use crate::dns::mx::MxReport;
use crate::error::{Kind, Phase};
use crate::transport::tls::TlsClient;

/// Judge one MX host: its TLSA records, then each address.
pub(crate) fn host(m: &mut MxAudit, tls: &TlsClient, has_sts: bool, warn_days: i64) {
    use crate::dns::dnssec::Status;
    let h = m.host.clone();
    if let Some(p) = &m.tlsa.problem {
        m.findings.push(Finding::error(
            "dane-tlsa-lookup-failed",
            format!(
                "{h}: TLSA lookup for {} failed: {p} — whether DANE applies is unknown",
                m.tlsa.name
            ),
        ));
    } else if m.tlsa.records.is_empty() {
        m.findings.push(Finding::info(
            "dane-none",
            format!(
                "{h}: no TLSA records at {}: no DANE for this MX (RFC 7672)",
                m.tlsa.name
            ),
        ));
    } else {
        m.findings
            .extend(dane::record_findings(&h, &m.tlsa.records));
        let n = m.tlsa.records.len();
        // RFC 7672 §2.2: DANE applies only to TLSA records that validate as secure; insecure
        // ones are ignored by senders, bogus ones make the MX unusable to them.
        match m.tlsa.dnssec {
            Some(Status::Secure) => {}
            Some(Status::Insecure) => m.findings.push(Finding::warning(
                "dane-insecure",
                format!(
                    "{h}: {n} TLSA record(s) in a zone that is not DNSSEC-signed: senders ignore them (RFC 7672 §2.2)"
                ),
            )),
            Some(Status::Bogus) => m.findings.push(Finding::error(
                "dane-bogus",
                format!(
                    "{h}: the TLSA answer is DNSSEC-bogus: DANE senders cannot use this MX and defer mail to it (RFC 7672 §2.2)"
                ),
            )),
            Some(Status::Indeterminate) => m.findings.push(Finding::warning(
                "dane-dnssec-indeterminate",
                format!("{h}: the DNSSEC status of the {n} TLSA record(s) could not be determined"),
            )),
            None => m.findings.push(Finding::info(
                "dane-dnssec-unchecked",
                format!(
                    "{h}: {n} TLSA record(s) published, DNSSEC not validated (--no-dnssec): DANE senders use them only when the answer is secure"
                ),
            )),
        }
    }
    // Without a secure answer the records do not count (unless DNSSEC was not checked: then
    // they are judged as published, and a finding says so).
    let counts = matches!(m.tlsa.dnssec, Some(Status::Secure) | None);
    let records = m.tlsa.records.clone();
    for a in &mut m.addresses {
        address(&h, a, &records, counts, tls, has_sts, warn_days);
    }
}

/// `in PHASE: message (the server's reply)`.
pub(crate) fn failed_in(fl: &crate::error::Failure) -> String {
    format!(
        "in {}: {}{}",
        fl.phase.as_str(),
        fl.message,
        fl.reply
            .as_deref()
            .map(|r| format!(" ({r})"))
            .unwrap_or_default()
    )
}

fn at(host: &str, a: &AddressAudit) -> String {
    format!("{host} [{}]", a.address)
}

/// Judge one address from its attempts (each is judged; a finding code is reported once, from
/// the first attempt that raised it, and `repeat` says what differed), its reverse DNS and the
/// host's TLSA records.
pub(crate) fn address(
    host: &str,
    a: &mut AddressAudit,
    tlsa: &[dane::Tlsa],
    dane_counts: bool,
    tls: &TlsClient,
    has_sts: bool,
    warn_days: i64,
) {
    let w = at(host, a);
    let mut f = Vec::new();
    let mut checked: Option<Vec<dane::RecordCheck>> = None;
    for t in &a.attempts {
        let j = Judge {
            w: &w,
            host,
            tlsa,
            dane_counts,
            tls,
            has_sts,
            warn_days,
        };
        f.extend(j.attempt(t, &mut checked));
    }
    a.dane = checked.unwrap_or_default();
    legacy(&w, a, &mut f);
    let greeted = a.attempts.iter().find(|t| t.banner.is_some());
    rdns(&w, a, greeted, &mut f);
    f.extend(repeat(&w, &a.attempts));
    for t in &a.attempts {
        for msg in super::probe::warnings(t) {
            if msg.contains("discarded") || msg.contains("bare LF") {
                f.push(Finding::warning(
                    "smtp-protocol-violation",
                    format!("{w}: {msg}"),
                ));
            }
        }
    }
    a.findings = dedup(f);
}

/// What one attempt is judged against.
struct Judge<'a> {
    w: &'a str,
    host: &'a str,
    tlsa: &'a [dane::Tlsa],
    /// The TLSA answer is DNSSEC-secure (or DNSSEC was not checked): senders apply DANE.
    dane_counts: bool,
    tls: &'a TlsClient,
    has_sts: bool,
    warn_days: i64,
}

impl Judge<'_> {
    /// The findings of one attempt. `checked`: the TLSA records against the first chain seen
    /// (filled by the first attempt that got one).
    fn attempt(&self, t: &Attempt, checked: &mut Option<Vec<dane::RecordCheck>>) -> Vec<Finding> {
        let w = self.w;
        let tlsa = self.tlsa;
        let mut f = Vec::new();
        match &t.failure {
            Some(fl) if fl.phase == Phase::Connect || fl.kind == Kind::Connect => {
                f.push(Finding::error(
                    "smtp-unreachable",
                    format!("{w}: {}", fl.message),
                ));
            }
            Some(fl) if fl.phase == Phase::Banner && t.banner_code.is_some_and(|c| c >= 400) => {
                f.push(Finding::error(
                    "smtp-greeting-refused",
                    format!(
                        "{w}: the server greets with {} — it takes no mail from here now (RFC 5321 §3.1)",
                        super::probe::banner_line(t).unwrap_or_default()
                    ),
                ));
            }
            Some(fl) if matches!(fl.phase, Phase::Starttls | Phase::Tls) => {
                f.push(Finding::error(
                    "starttls-failed",
                    format!(
                        "{w}: STARTTLS is offered but failed {} — senders that require TLS cannot deliver here",
                        failed_in(fl)
                    ),
                ));
            }
            Some(fl) => f.push(Finding::error(
                "smtp-probe-failed",
                format!("{w}: the probe failed {}", failed_in(fl)),
            )),
            None => f.push(Finding::new(
                Severity::Ok,
                "smtp-ok",
                format!(
                    "{w}: {} in {:.0} ms",
                    super::probe::banner_line(t).unwrap_or_default(),
                    t.total_ms
                ),
            )),
        }
        if t.ehlo_name.is_some() && !t.starttls_offered {
            let (sev, why) = if !tlsa.is_empty() && self.dane_counts {
                (
                    Severity::Error,
                    "DANE senders (TLSA records are published) will not deliver in plaintext",
                )
            } else if self.has_sts {
                (
                    Severity::Error,
                    "MTA-STS senders will not deliver in plaintext",
                )
            } else {
                (
                    Severity::Warning,
                    "mail to this address travels in plaintext",
                )
            };
            f.push(Finding::new(
                sev,
                "starttls-missing",
                format!("{w}: STARTTLS is not offered in the EHLO reply: {why} (RFC 3207)"),
            ));
        }
        if let Some(t) = &t.tls {
            self.tls_findings(t, checked, &mut f);
        }
        if let Some(rt) = &t.relay_test {
            if rt.rcpt_accepted {
                f.push(Finding::warning(
                    "relay-rcpt-accepted",
                    format!(
                        "{w}: RCPT TO:<{}> from MAIL FROM:<{}> was accepted ({}): a candidate open relay — a 250 to RCPT alone is no proof (the server may still refuse after DATA or bounce); the transaction was reset, nothing was sent",
                        rt.rcpt_to, rt.mail_from, rt.rcpt_reply.as_deref().unwrap_or("")
                    ),
                ));
            } else {
                let said = rt
                    .rcpt_reply
                    .as_deref()
                    .or(rt.mail_reply.as_deref())
                    .unwrap_or("");
                f.push(Finding::new(
                    Severity::Ok,
                    "relay-refused",
                    format!(
                        "{w}: relaying from <{}> to <{}> was refused ({said})",
                        rt.mail_from, rt.rcpt_to
                    ),
                ));
            }
        }
        f
    }

    fn tls_findings(
        &self,
        t: &super::probe::TlsSeen,
        checked: &mut Option<Vec<dane::RecordCheck>>,
        f: &mut Vec<Finding>,
    ) {
        let (w, host, tlsa) = (self.w, self.host, self.tlsa);
        f.push(Finding::new(
            Severity::Ok,
            "tls-ok",
            format!("{w}: {} {}", t.version, t.cipher),
        ));
        if t.version != "TLSv1.3" {
            f.push(Finding::info(
                "tls-1.3-missing",
                format!(
                    "{w}: negotiated {} although TLS 1.3 was offered (RFC 8446)",
                    t.version
                ),
            ));
        }
        let dane = if tlsa.is_empty() {
            Vec::new()
        } else {
            dane::check(tlsa, &t.chain, host, self.tls)
        };
        let ee_match = self.dane_counts
            && dane
                .iter()
                .any(|c| c.result == "match" && c.record.usage == 3);
        let ta_match = self.dane_counts && dane.iter().any(|c| c.result == "match");
        if !tlsa.is_empty() {
            if let Some(m) = dane.iter().find(|c| c.result == "match") {
                let (sev, but) = if self.dane_counts {
                    (Severity::Ok, "")
                } else {
                    (
                        Severity::Info,
                        " (but the TLSA answer is not DNSSEC-secure, so senders ignore it)",
                    )
                };
                f.push(Finding::new(
                    sev,
                    "dane-match",
                    format!("{w}: TLSA {} matches: {}{but}", m.record.short(), m.why),
                ));
            } else if let Some(c) = dane.iter().find(|c| c.result == "chain-invalid") {
                f.push(Finding::error(
                    "dane-chain-invalid",
                    format!(
                        "{w}: TLSA {}: {} — DANE senders will not deliver",
                        c.record.short(),
                        c.why
                    ),
                ));
            } else {
                f.push(Finding::new(
                    if self.dane_counts {
                        Severity::Error
                    } else {
                        Severity::Info
                    },
                    "dane-no-match",
                    format!(
                        "{w}: none of the {} TLSA record(s) matches the certificate presented (leaf SHA-256 {}…) — DANE senders will defer mail to this MX (RFC 7672 §2.2)",
                        tlsa.len(),
                        &t.leaf_sha256[..t.leaf_sha256.len().min(16)]
                    ),
                ));
            }
        }
        if checked.is_none() && !dane.is_empty() {
            *checked = Some(dane);
        }
        match (&t.pkix_problem, t.problem_code) {
            (Some(msg), Some(code)) => {
                let (sev, why) = if ee_match {
                    (
                        Severity::Info,
                        "DANE-EE matches, so DANE senders accept it (RFC 7672 §3.1.1)",
                    )
                } else if ta_match {
                    (
                        Severity::Warning,
                        "a DANE-TA record matches, but senders that check certificates without DANE will not accept it",
                    )
                } else {
                    (
                        Severity::Warning,
                        "senders that verify certificates will not accept it",
                    )
                };
                f.push(Finding::new(
                    sev,
                    &format!("cert-{code}"),
                    format!("{w}: {msg}: {why}"),
                ));
            }
            _ => {
                let days = t.cert.as_ref().map(|c| c.days_left).unwrap_or(0);
                if days < self.warn_days {
                    f.push(Finding::warning(
                        "cert-expiring",
                        format!("{w}: the certificate expires in {days} day(s)"),
                    ));
                } else {
                    f.push(Finding::new(
                        Severity::Ok,
                        "cert-ok",
                        format!("{w}: the certificate is valid for {host}, {days} days left"),
                    ));
                }
            }
        }
    }
}

/// TLS 1.0 and 1.1 (RFC 8996: MUST NOT be used): accepted is a warning, since a sender that can
/// do no better still gets encryption from it, but the versions are broken and deprecated.
fn legacy(w: &str, a: &AddressAudit, f: &mut Vec<Finding>) {
    if a.legacy_tls.is_empty() {
        return;
    }
    let accepted: Vec<&str> = a
        .legacy_tls
        .iter()
        .filter(|l| l.accepted)
        .map(|l| l.offered.as_str())
        .collect();
    let unknown: Vec<String> = a
        .legacy_tls
        .iter()
        .filter(|l| l.answer.is_none() || l.failure.is_some())
        .map(|l| {
            format!(
                "{}: {}",
                l.offered,
                l.failure
                    .as_ref()
                    .map(|x| x.message.clone())
                    .or_else(|| l.summary.clone())
                    .unwrap_or_else(|| "no answer".into())
            )
        })
        .collect();
    if !accepted.is_empty() {
        f.push(Finding::warning(
            "tls-legacy-accepted",
            format!(
                "{w}: accepts {} (RFC 8996 deprecates TLS 1.0 and 1.1: a downgrade target)",
                accepted.join(" and ")
            ),
        ));
    } else if unknown.is_empty() {
        f.push(Finding::new(
            Severity::Ok,
            "tls-legacy-refused",
            format!("{w}: refuses TLS 1.0 and 1.1"),
        ));
    } else {
        f.push(Finding::info(
            "tls-legacy-unknown",
            format!(
                "{w}: could not test the old TLS versions: {}",
                unknown.join("; ")
            ),
        ));
    }
}

fn rdns(w: &str, a: &AddressAudit, greeted: Option<&Attempt>, f: &mut Vec<Finding>) {
    let r = &a.rdns;
    if let Some(p) = &r.problem {
        let code = if p.contains("NXDOMAIN") || p.contains("no record") || p.contains("no such") {
            "rdns-missing"
        } else {
            "rdns-lookup-failed"
        };
        f.push(Finding::warning(
            code,
            format!("{w}: no reverse DNS (PTR) for the address: {p} — many receivers distrust a host without one"),
        ));
        return;
    }
    match &r.confirmed {
        None => f.push(Finding::warning(
            "rdns-unconfirmed",
            format!(
                "{w}: the PTR name(s) {} do not resolve back to the address (no forward-confirmed reverse DNS)",
                r.ptr.join(", ")
            ),
        )),
        Some(name) => {
            f.push(Finding::new(
                Severity::Ok,
                "rdns-ok",
                format!("{w}: reverse DNS {name} resolves back to the address"),
            ));
            let said = greeted
                .and_then(|t| t.banner.as_deref())
                .and_then(|b| b.split_whitespace().next())
                .map(|s| s.trim_end_matches('.').to_ascii_lowercase());
            if let Some(said) = said
                && !said.eq_ignore_ascii_case(name)
            {
                f.push(Finding::info(
                    "banner-name-mismatch",
                    format!("{w}: the greeting names {said}, the reverse DNS {name}"),
                ));
            }
        }
    }
}

/// Compare the attempts of one address (`--repeat`): what a load balancer or a pool of front
/// ends does differently from one connection to the next.
fn repeat(w: &str, attempts: &[Attempt]) -> Vec<Finding> {
    let mut f = Vec::new();
    if attempts.len() < 2 {
        return f;
    }
    let n = attempts.len();
    let greeted: Vec<&Attempt> = attempts
        .iter()
        .filter(|t| t.banner_code.is_some())
        .collect();
    let refused = greeted
        .iter()
        .filter(|t| t.banner_code.is_some_and(|c| c >= 400))
        .count();
    if refused > 0 && refused < greeted.len() {
        f.push(Finding::warning(
            "inconsistent-greeting",
            format!(
                "{w}: {refused} of {} connections were greeted with a refusal ({}), the others were accepted",
                greeted.len(),
                greeted
                    .iter()
                    .filter(|t| t.banner_code.is_some_and(|c| c >= 400))
                    .filter_map(|t| super::probe::banner_line(t))
                    .next()
                    .unwrap_or_default()
            ),
        ));
    }
    let ehlo: Vec<&Attempt> = attempts.iter().filter(|t| t.ehlo_name.is_some()).collect();
    let offered = ehlo.iter().filter(|t| t.starttls_offered).count();
    if offered > 0 && offered < ehlo.len() {
        f.push(Finding::warning(
            "inconsistent-starttls",
            format!(
                "{w}: STARTTLS was offered in {offered} of {} EHLO replies: some front end does not offer TLS",
                ehlo.len()
            ),
        ));
    }
    let mut certs: Vec<&str> = attempts
        .iter()
        .filter_map(|t| t.tls.as_ref().map(|x| x.leaf_sha256.as_str()))
        .collect();
    certs.sort();
    certs.dedup();
    if certs.len() > 1 {
        f.push(Finding::warning(
            "inconsistent-certificate",
            format!(
                "{w}: {} different certificates in {n} connections: front ends do not share one certificate (DANE records must cover every one)",
                certs.len()
            ),
        ));
    }
    let failed = attempts.iter().filter(|t| t.failure.is_some()).count();
    if failed > 0 && failed < n {
        f.push(Finding::warning(
            "inconsistent-probe",
            format!("{w}: {failed} of {n} probes failed, the others succeeded"),
        ));
    }
    f
}

/// Findings across the MX set: what differs between hosts and addresses of one domain.
pub(crate) fn across(mx: &[MxAudit], dns: &MxReport) -> Vec<Finding> {
    let mut f = Vec::new();
    let addrs: Vec<(&str, &AddressAudit)> = mx
        .iter()
        .flat_map(|m| m.addresses.iter().map(move |a| (m.host.as_str(), a)))
        .collect();
    if addrs.is_empty() {
        if !dns.hosts.is_empty() {
            f.push(Finding::error(
                "mx-no-address-probed",
                "no MX address could be probed (none resolved, or -4/-6 excluded them all)",
            ));
        }
        return f;
    }
    let greeted = |a: &AddressAudit| {
        a.attempts
            .iter()
            .any(|t| t.banner_code.is_some_and(|c| (200..300).contains(&c)))
    };
    if !addrs.iter().any(|(_, a)| greeted(a)) {
        f.push(Finding::error(
            "mx-none-reachable",
            format!(
                "none of the {} MX address(es) accepted an SMTP session: mail to this domain cannot be delivered now",
                addrs.len()
            ),
        ));
    }
    let with_ehlo: Vec<&(&str, &AddressAudit)> = addrs
        .iter()
        .filter(|(_, a)| a.attempts.iter().any(|t| t.ehlo_name.is_some()))
        .collect();
    let lacking: Vec<String> = with_ehlo
        .iter()
        .filter(|(_, a)| !a.attempts.iter().any(|t| t.starttls_offered))
        .map(|(h, a)| at(h, a))
        .collect();
    if !lacking.is_empty() && lacking.len() < with_ehlo.len() {
        f.push(Finding::warning(
            "mx-inconsistent-starttls",
            format!(
                "STARTTLS is offered by some MX addresses but not by {}: a sender that lands there sends in plaintext",
                lacking.join(", ")
            ),
        ));
    }
    f
}

/// One finding per code, the first (several attempts say the same thing in other words).
fn dedup(f: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for x in f {
        if !out.iter().any(|y| y.code == x.code) {
            out.push(x);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    //! Every finding code of an MX address and the MX set, from results built by hand: what the
    //! rig cannot easily stage (a TLS 1.2-only server, an expired certificate, a failed PTR
    //! lookup, bytes injected before TLS) is judged here, the rest again end to end in
    //! tests/it/audit.rs.

    use super::*;
    use crate::audit::TlsaSet;
    use crate::audit::dane::Tlsa;
    use crate::audit::probe::{LegacyResult, RelayTest, TlsSeen};
    use crate::audit::rdns::Rdns;
    use crate::error::{Failure, Kind, Phase};
    use crate::event::{CertSummary, Event, EventKind};
    use crate::transport::tls::TlsPlan;

    fn client() -> TlsClient {
        TlsClient::new(&TlsPlan::default()).unwrap()
    }

    fn cert(days: i64) -> CertSummary {
        CertSummary {
            subject: "CN=mx.example".into(),
            issuer: "CN=ca".into(),
            sans: vec!["mx.example".into()],
            serial: "01".into(),
            not_before: String::new(),
            not_after: String::new(),
            days_left: days,
            chain_len: 1,
        }
    }

    fn tls(version: &str, days: i64, problem: Option<&'static str>) -> TlsSeen {
        TlsSeen {
            version: version.into(),
            cipher: "TLS13_AES_256_GCM_SHA384".into(),
            cert: Some(cert(days)),
            leaf_sha256: format!("{days:064}"),
            pkix_valid: problem.is_none(),
            pkix_problem: problem.map(|p| format!("the certificate is {p}")),
            problem_code: problem,
            chain: vec![],
        }
    }

    /// A probe that went all the way: 220, EHLO with STARTTLS, TLS 1.3, a valid certificate.
    fn good() -> Attempt {
        Attempt {
            connected_to: "192.0.2.1:25".into(),
            started_ms: 0.0,
            banner_code: Some(220),
            banner: Some("mx.example ESMTP".into()),
            ehlo_name: Some("mx.example".into()),
            extensions: vec!["STARTTLS".into()],
            starttls_offered: true,
            tls: Some(tls("TLSv1.3", 60, None)),
            extensions_tls: vec![],
            relay_test: None,
            failure: None,
            timings_ms: Default::default(),
            total_ms: 5.0,
            transcript: vec![],
        }
    }

    fn addr(attempts: Vec<Attempt>) -> AddressAudit {
        AddressAudit {
            address: "192.0.2.1".parse().unwrap(),
            rdns: Rdns {
                ptr: vec!["mx.example".into()],
                confirmed: Some("mx.example".into()),
                problem: None,
            },
            attempts,
            dane: vec![],
            legacy_tls: vec![],
            findings: vec![],
        }
    }

    fn judged(
        mut a: AddressAudit,
        tlsa: &[Tlsa],
        counts: bool,
        sts: bool,
    ) -> Vec<(String, Severity)> {
        address("mx.example", &mut a, tlsa, counts, &client(), sts, 14);
        a.findings
            .into_iter()
            .map(|f| (f.code, f.severity))
            .collect()
    }

    #[track_caller]
    fn has(f: &[(String, Severity)], code: &str, sev: Severity) {
        assert!(
            f.iter().any(|(c, s)| c == code && *s == sev),
            "no {sev:?} {code} in {f:?}"
        );
    }

    fn failed(t: &mut Attempt, phase: Phase, kind: Kind) {
        t.failure = Some(Failure::new(phase, kind, "it failed").with_reply("554 no"));
    }

    #[test]
    fn a_good_address_is_all_ok() {
        let f = judged(addr(vec![good()]), &[], true, false);
        for code in ["smtp-ok", "tls-ok", "cert-ok", "rdns-ok"] {
            has(&f, code, Severity::Ok);
        }
        assert!(f.iter().all(|(_, s)| *s == Severity::Ok), "{f:?}");
    }

    #[test]
    fn each_failing_step_has_its_code() {
        let mut t = good();
        t.banner_code = None;
        t.tls = None;
        failed(&mut t, Phase::Connect, Kind::Connect);
        has(
            &judged(addr(vec![t]), &[], true, false),
            "smtp-unreachable",
            Severity::Error,
        );

        let mut t = good();
        t.banner_code = Some(421);
        t.ehlo_name = None;
        t.tls = None;
        failed(&mut t, Phase::Banner, Kind::Rejected);
        has(
            &judged(addr(vec![t]), &[], true, false),
            "smtp-greeting-refused",
            Severity::Error,
        );

        let mut t = good();
        t.tls = None;
        failed(&mut t, Phase::Tls, Kind::Tls);
        has(
            &judged(addr(vec![t]), &[], true, false),
            "starttls-failed",
            Severity::Error,
        );

        let mut t = good();
        t.tls = None;
        failed(&mut t, Phase::Ehlo, Kind::Timeout);
        has(
            &judged(addr(vec![t]), &[], true, false),
            "smtp-probe-failed",
            Severity::Error,
        );
    }

    #[test]
    fn starttls_missing_is_an_error_only_where_a_sender_requires_tls() {
        let mut t = good();
        t.starttls_offered = false;
        t.tls = None;
        let tlsa = [Tlsa {
            usage: 3,
            selector: 1,
            matching: 1,
            data: "00".repeat(32),
            raw: vec![0; 32],
        }];
        has(
            &judged(addr(vec![t.clone()]), &[], true, false),
            "starttls-missing",
            Severity::Warning,
        );
        has(
            &judged(addr(vec![t.clone()]), &[], true, true),
            "starttls-missing",
            Severity::Error,
        );
        has(
            &judged(addr(vec![t.clone()]), &tlsa, true, false),
            "starttls-missing",
            Severity::Error,
        );
        // TLSA records that do not count (not DNSSEC-secure) do not make it an error.
        has(
            &judged(addr(vec![t]), &tlsa, false, false),
            "starttls-missing",
            Severity::Warning,
        );
    }

    #[test]
    fn tls_version_certificate_and_dane_codes() {
        let mut t = good();
        t.tls = Some(tls("TLSv1.2", 60, None));
        has(
            &judged(addr(vec![t]), &[], true, false),
            "tls-1.3-missing",
            Severity::Info,
        );

        let mut t = good();
        t.tls = Some(tls("TLSv1.3", 5, None));
        has(
            &judged(addr(vec![t]), &[], true, false),
            "cert-expiring",
            Severity::Warning,
        );

        for (problem, code) in [
            ("expired", "cert-expired"),
            ("untrusted", "cert-untrusted"),
            ("self-signed", "cert-self-signed"),
            ("not-yet-valid", "cert-not-yet-valid"),
            ("name-mismatch", "cert-name-mismatch"),
            ("invalid", "cert-invalid"),
        ] {
            let mut t = good();
            t.tls = Some(tls("TLSv1.3", 60, Some(problem)));
            has(
                &judged(addr(vec![t]), &[], true, false),
                code,
                Severity::Warning,
            );
        }

        // TLSA published, and the (empty) chain matches none of it.
        let tlsa = [Tlsa {
            usage: 3,
            selector: 1,
            matching: 1,
            data: "00".repeat(32),
            raw: vec![0; 32],
        }];
        has(
            &judged(addr(vec![good()]), &tlsa, true, false),
            "dane-no-match",
            Severity::Error,
        );
        has(
            &judged(addr(vec![good()]), &tlsa, false, false),
            "dane-no-match",
            Severity::Info,
        );
    }

    /// A rig certificate, DER (tests/run starts the rig before the unit tests).
    fn rig_cert(name: &str) -> rustls::pki_types::CertificateDer<'static> {
        use rustls::pki_types::pem::PemObject;
        let dir = std::env::var("MAILCTL_RIG_DIR").unwrap_or_else(|_| "/tmp/mailctl-rig".into());
        let path = std::path::Path::new(&dir).join("tls").join(name);
        rustls::pki_types::CertificateDer::from_pem_file(&path)
            .unwrap_or_else(|e| panic!("{}: {e:?} (is the rig running?)", path.display()))
    }

    #[test]
    fn a_dane_ta_match_whose_chain_fails_the_name_is_chain_invalid() {
        // The rig CA as the DANE-TA anchor of a chain whose leaf names other.example.
        let ca = rig_cert("ca.pem");
        let chain = vec![rig_cert("wrongname.pem"), ca.clone()];
        let digest = ring::digest::digest(&ring::digest::SHA256, ca.as_ref());
        let ta = Tlsa {
            usage: 2,
            selector: 0,
            matching: 1,
            data: crate::dns::hex(digest.as_ref()),
            raw: digest.as_ref().to_vec(),
        };
        let mut t = good();
        let mut seen = tls("TLSv1.3", 60, Some("name-mismatch"));
        seen.chain = chain;
        t.tls = Some(seen);
        has(
            &judged(addr(vec![t]), &[ta], true, false),
            "dane-chain-invalid",
            Severity::Error,
        );
    }

    #[test]
    fn relay_test_codes() {
        let mut t = good();
        t.relay_test = Some(RelayTest {
            mail_from: "a@outside.example".into(),
            rcpt_to: "b@elsewhere.example".into(),
            mail_reply: Some("250 ok".into()),
            rcpt_reply: Some("250 ok".into()),
            rcpt_accepted: true,
        });
        has(
            &judged(addr(vec![t.clone()]), &[], true, false),
            "relay-rcpt-accepted",
            Severity::Warning,
        );
        let rt = t.relay_test.as_mut().unwrap();
        rt.rcpt_accepted = false;
        rt.rcpt_reply = Some("554 5.7.1 Relay access denied".into());
        has(
            &judged(addr(vec![t]), &[], true, false),
            "relay-refused",
            Severity::Ok,
        );
    }

    #[test]
    fn reverse_dns_codes() {
        let with = |ptr: Vec<&str>, confirmed: Option<&str>, problem: Option<&str>| {
            let mut a = addr(vec![good()]);
            a.rdns = Rdns {
                ptr: ptr.into_iter().map(String::from).collect(),
                confirmed: confirmed.map(String::from),
                problem: problem.map(String::from),
            };
            judged(a, &[], true, false)
        };
        has(
            &with(vec![], None, Some("NXDOMAIN (name does not exist)")),
            "rdns-missing",
            Severity::Warning,
        );
        has(
            &with(vec![], None, Some("SERVFAIL")),
            "rdns-lookup-failed",
            Severity::Warning,
        );
        has(
            &with(vec!["other.example"], None, None),
            "rdns-unconfirmed",
            Severity::Warning,
        );
        has(
            &with(vec!["other.example"], Some("other.example"), None),
            "banner-name-mismatch",
            Severity::Info,
        );
    }

    #[test]
    fn repeated_probes_that_differ_are_reported() {
        let mut refused = good();
        refused.banner_code = Some(421);
        refused.ehlo_name = None;
        refused.starttls_offered = false;
        refused.tls = None;
        failed(&mut refused, Phase::Banner, Kind::Rejected);
        let mut plain = good();
        plain.starttls_offered = false;
        plain.tls = None;
        let mut other_cert = good();
        other_cert.tls = Some(tls("TLSv1.3", 61, None));
        let f = judged(
            addr(vec![good(), refused, plain, other_cert]),
            &[],
            true,
            false,
        );
        for code in [
            "inconsistent-greeting",
            "inconsistent-starttls",
            "inconsistent-certificate",
            "inconsistent-probe",
        ] {
            has(&f, code, Severity::Warning);
        }
    }

    #[test]
    fn bytes_injected_before_tls_are_a_protocol_violation() {
        let mut t = good();
        t.transcript.push(Event {
            t_ms: 1.0,
            kind: EventKind::Warning {
                msg: "server sent 20 bytes after agreeing to TLS and before the handshake: discarded (protocol violation, possible injection)".into(),
            },
        });
        has(
            &judged(addr(vec![t]), &[], true, false),
            "smtp-protocol-violation",
            Severity::Warning,
        );
    }

    #[test]
    fn legacy_tls_codes() {
        let legacy = |accepted: bool, answered: bool| LegacyResult {
            connected_to: "192.0.2.1:25".into(),
            started_ms: 0.0,
            offered: "TLS 1.0".into(),
            starttls_offered: true,
            accepted,
            answer: answered.then_some(crate::transport::hello::HelloAnswer::Closed {
                received: 0,
                error: None,
            }),
            summary: Some("closed".into()),
            failure: None,
            timings_ms: Default::default(),
            total_ms: 1.0,
            transcript: vec![],
        };
        let with = |l: LegacyResult| {
            let mut a = addr(vec![good()]);
            a.legacy_tls = vec![l];
            judged(a, &[], true, false)
        };
        has(
            &with(legacy(true, true)),
            "tls-legacy-accepted",
            Severity::Warning,
        );
        has(
            &with(legacy(false, true)),
            "tls-legacy-refused",
            Severity::Ok,
        );
        has(
            &with(legacy(false, false)),
            "tls-legacy-unknown",
            Severity::Info,
        );
    }

    fn mx(host: &str, addresses: Vec<AddressAudit>, tlsa: TlsaSet) -> MxAudit {
        MxAudit {
            host: host.into(),
            preference: 10,
            tlsa,
            addresses,
            findings: vec![],
        }
    }

    fn tlsa(
        records: Vec<Tlsa>,
        problem: Option<&str>,
        dnssec: Option<crate::dns::dnssec::Status>,
    ) -> TlsaSet {
        TlsaSet {
            name: "_25._tcp.mx.example".into(),
            records,
            problem: problem.map(String::from),
            dnssec,
        }
    }

    #[test]
    fn the_dnssec_status_of_tlsa_records_decides_whether_dane_counts() {
        use crate::dns::dnssec::Status;
        let rec = || Tlsa {
            usage: 3,
            selector: 1,
            matching: 1,
            data: "00".repeat(32),
            raw: vec![0; 32],
        };
        let host_codes = |t: TlsaSet| {
            let mut m = mx("mx.example", vec![], t);
            host(&mut m, &client(), false, 14);
            m.findings
                .into_iter()
                .map(|f| (f.code, f.severity))
                .collect::<Vec<_>>()
        };
        has(
            &host_codes(tlsa(vec![], None, None)),
            "dane-none",
            Severity::Info,
        );
        has(
            &host_codes(tlsa(vec![], Some("SERVFAIL"), None)),
            "dane-tlsa-lookup-failed",
            Severity::Error,
        );
        has(
            &host_codes(tlsa(vec![rec()], None, Some(Status::Insecure))),
            "dane-insecure",
            Severity::Warning,
        );
        has(
            &host_codes(tlsa(vec![rec()], None, Some(Status::Bogus))),
            "dane-bogus",
            Severity::Error,
        );
        has(
            &host_codes(tlsa(vec![rec()], None, Some(Status::Indeterminate))),
            "dane-dnssec-indeterminate",
            Severity::Warning,
        );
        has(
            &host_codes(tlsa(vec![rec()], None, None)),
            "dane-dnssec-unchecked",
            Severity::Info,
        );
        // Records no SMTP sender uses.
        let pkix = Tlsa { usage: 1, ..rec() };
        has(
            &host_codes(tlsa(vec![pkix], None, None)),
            "dane-usage-pkix",
            Severity::Warning,
        );
        let bad = Tlsa {
            matching: 9,
            ..rec()
        };
        has(
            &host_codes(tlsa(vec![bad, rec()], None, None)),
            "dane-record-invalid",
            Severity::Warning,
        );
    }

    #[test]
    fn the_mx_set_as_a_whole() {
        let report = |n: usize| MxReport {
            hosts: (0..n)
                .map(|i| crate::dns::mx::MxHost {
                    preference: 10,
                    host: format!("mx{i}.example"),
                    addresses: vec![],
                    cname: None,
                    problem: None,
                })
                .collect(),
            implicit: false,
            null_mx: false,
            summary: String::new(),
            findings: vec![],
        };
        let codes = |v: Vec<Finding>| {
            v.into_iter()
                .map(|f| (f.code, f.severity))
                .collect::<Vec<_>>()
        };
        has(
            &codes(across(&[], &report(1))),
            "mx-no-address-probed",
            Severity::Error,
        );
        let mut dead = good();
        dead.banner_code = None;
        dead.ehlo_name = None;
        dead.tls = None;
        failed(&mut dead, Phase::Connect, Kind::Connect);
        let m = mx(
            "mx0.example",
            vec![addr(vec![dead])],
            tlsa(vec![], None, None),
        );
        has(
            &codes(across(&[m], &report(1))),
            "mx-none-reachable",
            Severity::Error,
        );
        let mut plain = good();
        plain.starttls_offered = false;
        plain.tls = None;
        let m = mx(
            "mx0.example",
            vec![addr(vec![good()]), addr(vec![plain])],
            tlsa(vec![], None, None),
        );
        has(
            &codes(across(&[m], &report(1))),
            "mx-inconsistent-starttls",
            Severity::Warning,
        );
    }
}
