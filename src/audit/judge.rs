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
