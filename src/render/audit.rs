//! How an audit looks to people: the `dns check` row of the domain, then a tree of MX hosts →
//! addresses → what each probe saw (greeting, STARTTLS, TLS, certificate, DANE, reverse DNS,
//! extensions, timings); `--transcript` puts every probe's dialogue before it. The findings
//! follow, printed by [`super::human::results`] as for every command.

use super::human::{State, TreeNode, event, table, tree};
use crate::audit::mta_sts::MtaStsAudit;
use crate::audit::probe::Attempt;
use crate::audit::services::ServiceAudit;
use crate::audit::{AddressAudit, MxAudit};
use crate::report::Human;
use crate::report::audit::AuditReport;
use crate::report::dns::CheckResult;
use colored::Colorize;

impl Human for AuditReport {
    fn results(&self) -> String {
        let a = &self.audit;
        let mut out = String::new();
        if self.transcript {
            for m in &a.mx {
                for ad in &m.addresses {
                    for (i, t) in ad.attempts.iter().enumerate() {
                        let head = format!(
                            "── {} [{}] probe {} → {}",
                            m.host,
                            ad.address,
                            i + 1,
                            t.connected_to
                        );
                        out.push_str(&transcript(&head, &t.transcript));
                    }
                }
            }
            if let Some(m) = &a.mta_sts_policy {
                let head = format!("── MTA-STS policy {}", m.url);
                out.push_str(&transcript(&head, &m.transcript));
            }
            for s in &a.services {
                for p in &s.probes {
                    let head = format!(
                        "── {} {}:{} [{}] → {}",
                        s.service.label(),
                        p.target,
                        p.port,
                        p.address,
                        p.connected_to
                    );
                    out.push_str(&transcript(&head, &p.transcript));
                }
            }
        }
        out.push_str(
            &CheckResult {
                domains: vec![a.dns.clone()],
            }
            .results(),
        );
        if let Some(m) = &a.mta_sts_policy {
            out.push_str(&sts_line(m));
        }
        if !a.mx.is_empty() {
            let root = TreeNode {
                label: format!("MX hosts of {}", a.domain),
                children: a.mx.iter().map(host).collect(),
            };
            out.push_str(&tree(&root));
        }
        out.push_str(&services(&a.services));
        out
    }
}

/// What the MTA-STS policy fetch got, in one line.
fn sts_line(m: &MtaStsAudit) -> String {
    let what = match (&m.failure, m.status, &m.policy) {
        (Some(f), _, _) => format!("fetch failed in {}: {}", f.phase.as_str(), f.message),
        (None, Some(st), Some(p)) if st == 200 => format!(
            "{st} {}, mode {}, max_age {}, mx {}",
            m.content_type.as_deref().unwrap_or("(no Content-Type)"),
            p.mode.map(|x| x.as_str()).unwrap_or("(none)"),
            p.max_age
                .map(|x| x.to_string())
                .unwrap_or_else(|| "(none)".into()),
            if p.mx.is_empty() {
                "(none)".to_string()
            } else {
                p.mx.join(" ")
            }
        ),
        (None, Some(st), _) => format!(
            "HTTP {st}{}",
            m.location
                .as_deref()
                .map(|l| format!(" → {l}"))
                .unwrap_or_default()
        ),
        (None, None, _) => "no answer".into(),
    };
    format!("MTA-STS policy {}: {what}\n", m.url)
}

/// One row per probed service target, and one for each service published as not provided.
fn services(all: &[ServiceAudit]) -> String {
    let mut rows = Vec::new();
    for s in all {
        for r in &s.records {
            if r.target.is_empty() {
                rows.push(vec![
                    s.service.label().to_string(),
                    ".".into(),
                    "-".into(),
                    "not provided".into(),
                ]);
            }
        }
        for p in &s.probes {
            let state = match (&p.failure, &p.tls) {
                (Some(f), _) => format!("failed in {}: {}", f.phase.as_str(), f.message),
                (None, Some(t)) => format!(
                    "{} {}: {}",
                    t.version,
                    t.cipher,
                    t.pkix_problem
                        .clone()
                        .unwrap_or_else(|| "certificate valid for the target".into())
                ),
                (None, None) => "no TLS".into(),
            };
            rows.push(vec![
                s.service.label().to_string(),
                format!("{}:{}", p.target, p.port),
                p.address.to_string(),
                state,
            ]);
        }
    }
    if rows.is_empty() {
        return String::new();
    }
    table(
        &["SERVICE", "TARGET", "ADDRESS", "TLS"].map(String::from),
        &rows,
    )
}

fn transcript(head: &str, events: &[crate::event::Event]) -> String {
    let mut out = format!("{}\n", head.bold());
    let mut st = State::default();
    for e in events {
        out.push_str(&event(e, &mut st));
    }
    out
}

fn leaf(label: String) -> TreeNode {
    TreeNode {
        label,
        children: vec![],
    }
}

fn host(m: &MxAudit) -> TreeNode {
    let tlsa = if let Some(p) = &m.tlsa.problem {
        format!("TLSA lookup failed: {p}")
    } else if m.tlsa.records.is_empty() {
        "no TLSA".into()
    } else {
        let dnssec = match m.tlsa.dnssec {
            Some(crate::dns::dnssec::Status::Secure) => ", DNSSEC-secure",
            Some(crate::dns::dnssec::Status::Insecure) => ", DNSSEC-insecure: ignored by senders",
            Some(crate::dns::dnssec::Status::Bogus) => ", DNSSEC-bogus",
            Some(crate::dns::dnssec::Status::Indeterminate) => ", DNSSEC unknown",
            None => "",
        };
        format!("{} TLSA record(s){dnssec}", m.tlsa.records.len())
    };
    TreeNode {
        label: format!("{} {} ({tlsa})", m.preference, m.host),
        children: m.addresses.iter().map(address).collect(),
    }
}

fn address(a: &AddressAudit) -> TreeNode {
    let rdns = match (&a.rdns.confirmed, a.rdns.ptr.first(), &a.rdns.problem) {
        (Some(n), _, _) => format!("PTR {n} (confirmed)"),
        (None, Some(n), _) => format!("PTR {n} (does not resolve back)"),
        (None, None, Some(p)) => format!("no PTR ({p})"),
        (None, None, None) => "no PTR".into(),
    };
    let mut children = Vec::new();
    for (i, t) in a.attempts.iter().enumerate() {
        let mut lines = attempt(t);
        if a.attempts.len() > 1 {
            children.push(TreeNode {
                label: format!("probe {}", i + 1),
                children: lines.drain(..).map(leaf).collect(),
            });
        } else {
            children.extend(lines.into_iter().map(leaf));
        }
    }
    for l in &a.legacy_tls {
        children.push(leaf(format!(
            "{}: {}",
            l.offered,
            l.summary.clone().unwrap_or_else(|| "not tested".into())
        )));
    }
    for c in &a.dane {
        let which = match (c.record.usage, c.depth) {
            (3, Some(_)) => " (the server's certificate)".to_string(),
            (2, Some(d)) => format!(" (issuer at depth {d})"),
            _ => String::new(),
        };
        children.push(leaf(format!(
            "DANE {}: {}{which}",
            c.record.short(),
            c.result
        )));
    }
    TreeNode {
        label: format!("{}  {rdns}", a.address),
        children,
    }
}

fn attempt(t: &Attempt) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(b) = crate::audit::probe::banner_line(t) {
        out.push(format!("greeting {b}"));
    }
    if t.ehlo_name.is_some() {
        out.push(format!(
            "STARTTLS {}",
            if t.starttls_offered {
                "offered"
            } else {
                "NOT offered"
            }
        ));
    }
    if let Some(tls) = &t.tls {
        out.push(format!("{} {}", tls.version, tls.cipher));
        if let Some(c) = &tls.cert {
            // The names, issuer and dates are in --json and the findings; the tree keeps to a
            // terminal's width.
            out.push(format!(
                "certificate {}, {} days left: {}",
                c.subject,
                c.days_left,
                match (&tls.problem_code, tls.pkix_valid) {
                    (_, true) => "valid for the MX name".to_string(),
                    (Some(code), false) => code.replace('-', " "),
                    (None, false) => "not valid".to_string(),
                }
            ));
        }
    }
    let ext = if t.extensions_tls.is_empty() {
        &t.extensions
    } else {
        &t.extensions_tls
    };
    if !ext.is_empty() {
        out.push(format!("extensions {}", ext.join(" ")));
    }
    if let Some(r) = &t.relay_test {
        out.push(format!(
            "relay test MAIL FROM:<{}> {} / RCPT TO:<{}> {}",
            r.mail_from,
            r.mail_reply.as_deref().unwrap_or("-"),
            r.rcpt_to,
            r.rcpt_reply.as_deref().unwrap_or("-")
        ));
    }
    if let Some(f) = &t.failure {
        out.push(format!("failed in {}: {}", f.phase.as_str(), f.message));
    }
    let phases: Vec<String> = t
        .timings_ms
        .iter()
        .map(|(k, v)| format!("{k} {:.1}", v.as_f64().unwrap_or(0.0)))
        .collect();
    out.push(format!(
        "timings (ms): {} | total {:.1}",
        phases.join(", "),
        t.total_ms
    ));
    out
}
