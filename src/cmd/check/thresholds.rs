//! Judging a target: a failed step is CRITICAL (UNKNOWN when the cause is local: usage, a local
//! file, a bug), then the time, phase and certificate thresholds, and the worst state wins.
//! Threshold comparisons match Nagios ranges: a time alerts when it is above the limit (a
//! perfdata range `N` is 0..N), a certificate when its days left are below it (range `N:`).

use crate::error::Kind;
use crate::report::check::{Reason, Status, TargetResult, fmt_ms};

/// Whether a failure is the target's fault (CRITICAL) or ours (UNKNOWN).
pub(crate) fn failure_status(kind: Kind) -> Status {
    match kind {
        Kind::Usage | Kind::LocalIo | Kind::Internal => Status::Unknown,
        _ => Status::Critical,
    }
}

/// Set `status` and `reasons` of a target from its failure, measurements and limits.
pub(crate) fn judge(t: &mut TargetResult) {
    let mut reasons: Vec<Reason> = Vec::new();
    if let Some(f) = &t.failure {
        reasons.push(Reason {
            status: failure_status(f.kind),
            message: f.to_string(),
        });
    }
    reasons.append(&mut t.reasons);
    // Times only mean something for a check that got through: a failed one is already judged.
    if t.failure.is_none() {
        let l = &t.limits;
        if let Some(v) = t.timing(t.primary) {
            let what = if t.primary == "total" {
                "the check took".to_string()
            } else {
                format!("{} took", t.primary)
            };
            if let Some(c) = l.crit_ms.filter(|c| v > *c) {
                reasons.push(Reason {
                    status: Status::Critical,
                    message: format!("{what} {} (--crit {})", fmt_ms(v), fmt_ms(c)),
                });
            } else if let Some(w) = l.warn_ms.filter(|w| v > *w) {
                reasons.push(Reason {
                    status: Status::Warning,
                    message: format!("{what} {} (--warn {})", fmt_ms(v), fmt_ms(w)),
                });
            }
        }
        for p in &l.phases {
            let Some(v) = t.timing(&p.phase) else {
                reasons.push(Reason {
                    status: Status::Ok,
                    message: format!(
                        "no {} phase was measured: its threshold did not apply",
                        p.phase
                    ),
                });
                continue;
            };
            if let Some(c) = p.crit_ms.filter(|c| v > *c) {
                reasons.push(Reason {
                    status: Status::Critical,
                    message: format!(
                        "phase {} took {} (--crit-phase {}={})",
                        p.phase,
                        fmt_ms(v),
                        p.phase,
                        fmt_ms(c)
                    ),
                });
            } else if let Some(w) = p.warn_ms.filter(|w| v > *w) {
                reasons.push(Reason {
                    status: Status::Warning,
                    message: format!(
                        "phase {} took {} (--warn-phase {}={})",
                        p.phase,
                        fmt_ms(v),
                        p.phase,
                        fmt_ms(w)
                    ),
                });
            }
        }
    }
    // A certificate is judged whenever one was seen, even on a failed check: an expired
    // certificate is the reason a handshake failed.
    if let Some(c) = &t.cert {
        let l = &t.limits;
        let when = if c.days_left < 0 {
            format!("expired {} day(s) ago ({})", -c.days_left, c.not_after)
        } else {
            format!("expires in {} day(s) ({})", c.days_left, c.not_after)
        };
        if c.days_left < l.cert_crit_days || c.days_left < 0 {
            reasons.push(Reason {
                status: Status::Critical,
                message: format!(
                    "certificate {} {when}: fewer than --cert-crit-days {}",
                    c.subject, l.cert_crit_days
                ),
            });
        } else if c.days_left < l.cert_warn_days {
            reasons.push(Reason {
                status: Status::Warning,
                message: format!(
                    "certificate {} {when}: fewer than --cert-warn-days {}",
                    c.subject, l.cert_warn_days
                ),
            });
        }
    }
    t.status = reasons
        .iter()
        .fold(Status::Ok, |acc, r| acc.worst(r.status));
    t.reasons = reasons;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Failure, Phase};
    use crate::event::CertSummary;
    use crate::report::check::{Limits, PhaseLimit};

    fn target() -> TargetResult {
        TargetResult {
            name: "h:1".into(),
            protocol: "imap".into(),
            server: None,
            status: Status::Ok,
            reasons: vec![],
            detail: String::new(),
            failure: None,
            timings: vec![("connect".into(), 1.0), ("tls".into(), 30.0)],
            total_ms: 50.0,
            primary: "total",
            limits: Limits {
                cert_warn_days: 21,
                cert_crit_days: 7,
                ..Limits::default()
            },
            cert: None,
            roundtrip: None,
            events: vec![],
        }
    }

    fn cert(days: i64) -> CertSummary {
        CertSummary {
            subject: "CN=x".into(),
            issuer: "CN=ca".into(),
            sans: vec![],
            serial: "01".into(),
            not_before: "2026-01-01T00:00:00Z".into(),
            not_after: "2027-01-01T00:00:00Z".into(),
            days_left: days,
            chain_len: 1,
        }
    }

    fn judged(t: TargetResult) -> TargetResult {
        let mut t = t;
        judge(&mut t);
        t
    }

    #[test]
    fn times_and_phases() {
        assert_eq!(judged(target()).status, Status::Ok);
        let mut t = target();
        t.limits.warn_ms = Some(50.0);
        assert_eq!(
            judged(t).status,
            Status::Ok,
            "equal to the limit is inside the range"
        );
        let mut t = target();
        t.limits.warn_ms = Some(0.0);
        assert_eq!(judged(t).status, Status::Warning);
        let mut t = target();
        t.limits.warn_ms = Some(10.0);
        t.limits.crit_ms = Some(20.0);
        assert_eq!(judged(t).status, Status::Critical);
        let mut t = target();
        t.limits.phases = vec![PhaseLimit {
            phase: "tls".into(),
            warn_ms: Some(20.0),
            crit_ms: Some(100.0),
        }];
        let j = judged(t);
        assert_eq!(j.status, Status::Warning);
        assert!(
            j.reasons[0].message.contains("phase tls took 30.0 ms"),
            "{:?}",
            j.reasons
        );
        let mut t = target();
        t.limits.phases = vec![PhaseLimit {
            phase: "auth".into(),
            warn_ms: Some(1.0),
            crit_ms: None,
        }];
        let j = judged(t);
        assert_eq!(j.status, Status::Ok);
        assert_eq!(j.reasons.len(), 1, "a note that the phase was not measured");
    }

    #[test]
    fn certificates() {
        for (days, want) in [
            (30, Status::Ok),
            (21, Status::Ok),
            (20, Status::Warning),
            (7, Status::Warning),
            (6, Status::Critical),
            (-1, Status::Critical),
        ] {
            let mut t = target();
            t.cert = Some(cert(days));
            assert_eq!(judged(t).status, want, "{days} days");
        }
        let mut t = target();
        t.limits.cert_warn_days = 0;
        t.limits.cert_crit_days = 0;
        t.cert = Some(cert(-2));
        assert_eq!(
            judged(t).status,
            Status::Critical,
            "expired is always critical"
        );
    }

    #[test]
    fn failures() {
        let mut t = target();
        t.failure = Some(Failure::new(Phase::Connect, Kind::Connect, "refused"));
        t.limits.warn_ms = Some(0.0);
        let j = judged(t);
        assert_eq!(j.status, Status::Critical);
        assert_eq!(j.reasons.len(), 1, "no time verdict on a failed check");
        let mut t = target();
        t.failure = Some(Failure::local_io("cannot read --ca-file"));
        assert_eq!(judged(t).status, Status::Unknown);
    }
}
