//! Nagios/Icinga plugin output (Nagios Plugin Development Guidelines): one status line
//! `SERVICE STATE - text | perfdata`, then one line per target (long text). Perfdata is
//! `'label'=value[UOM];[warn];[crit];[min];[max]` with Nagios ranges: a time alerts above its
//! limit (`N`), the certificate's days left below it (`N:`).

use crate::report::check::{CheckReport, Status, TargetResult};

/// Status text may not contain `|` (it starts the perfdata) or line breaks (they start the long
/// text): shown as `¦` and ` / `.
fn text(s: &str) -> String {
    s.replace('|', "¦")
        .replace("\r\n", " / ")
        .replace(['\n', '\r'], " / ")
}

/// A number without exponent or trailing zeros (microsecond resolution for seconds).
pub(crate) fn num(v: f64) -> String {
    let s = format!("{v:.6}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.to_string() }
}

/// A label, quoted when it has anything but letters, digits and `_.:-`. `'` and `=` cannot be
/// in a label at all (they would end it): they become `_`.
fn label(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c == '\'' || c == '=' { '_' } else { c })
        .collect();
    if clean
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "_.:-".contains(c))
    {
        clean
    } else {
        format!("'{clean}'")
    }
}

fn secs(ms: Option<f64>) -> String {
    ms.map(|m| num(m / 1000.0)).unwrap_or_default()
}

/// The perfdata of one target; `prefix` tells targets apart when there are several.
fn perfdata(t: &TargetResult, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let l = &t.limits;
    let primary = |name: &str| name == t.primary;
    let total_limits = if primary("total") {
        (secs(l.warn_ms), secs(l.crit_ms))
    } else {
        Default::default()
    };
    out.push(format!(
        "{}={}s;{};{};0",
        label(&format!("{prefix}time")),
        num(t.total_ms / 1000.0),
        total_limits.0,
        total_limits.1
    ));
    for (phase, ms) in &t.timings {
        let (w, c) = match l.phase(phase) {
            Some(p) => (secs(p.warn_ms), secs(p.crit_ms)),
            None if primary(phase) => (secs(l.warn_ms), secs(l.crit_ms)),
            None => Default::default(),
        };
        let max = t
            .roundtrip
            .as_ref()
            .map(|r| r.deadline_ms)
            .filter(|_| phase == "delivery")
            .map(|d| num(d / 1000.0))
            .unwrap_or_default();
        let mut p = format!(
            "{}={}s;{w};{c};0",
            label(&format!("{prefix}{phase}")),
            num(ms / 1000.0)
        );
        if !max.is_empty() {
            p.push(';');
            p.push_str(&max);
        }
        out.push(p);
    }
    if let Some(c) = &t.cert {
        out.push(format!(
            "{}={};{}:;{}:",
            label(&format!("{prefix}cert_days")),
            c.days_left,
            l.cert_warn_days,
            l.cert_crit_days
        ));
    }
    out
}

fn service(r: &CheckReport) -> String {
    let mut protos: Vec<&str> = r.targets.iter().map(|t| t.protocol.as_str()).collect();
    protos.dedup();
    match protos.as_slice() {
        [one] => one.to_ascii_uppercase(),
        [] => r
            .command
            .strip_prefix("check ")
            .unwrap_or("check")
            .to_ascii_uppercase(),
        _ => "CHECK".into(),
    }
}

pub(crate) fn render(r: &CheckReport) -> String {
    let svc = service(r);
    if let Some(f) = &r.failure {
        return format!("{svc} UNKNOWN - {}\n", text(&f.to_string()));
    }
    let st = r.status();
    let mut out = String::new();
    match r.targets.as_slice() {
        [t] => {
            out.push_str(&format!(
                "{svc} {} - {} in {}s: {} | {}\n",
                st.as_str(),
                text(&t.name),
                num(t.total_ms / 1000.0),
                text(&t.headline()),
                perfdata(t, "").join(" ")
            ));
            // Long text: every reason, one per line.
            for reason in t.reasons.iter().filter(|x| x.status != Status::Ok) {
                out.push_str(&format!(
                    "{}: {}\n",
                    reason.status.as_str(),
                    text(&reason.message)
                ));
            }
        }
        targets => {
            let failing: Vec<String> = targets
                .iter()
                .filter(|t| t.status != Status::Ok)
                .map(|t| format!("{} {}", t.status.as_str(), text(&t.name)))
                .collect();
            let mut counts = Vec::new();
            for s in [
                Status::Critical,
                Status::Warning,
                Status::Unknown,
                Status::Ok,
            ] {
                let n = targets.iter().filter(|t| t.status == s).count();
                if n > 0 {
                    counts.push(format!("{n} {}", s.as_str()));
                }
            }
            let perf: Vec<String> = targets
                .iter()
                .flat_map(|t| perfdata(t, &format!("{} ", t.name)))
                .collect();
            out.push_str(&format!(
                "{svc} {} - {} targets: {}{} | {}\n",
                st.as_str(),
                targets.len(),
                counts.join(", "),
                if failing.is_empty() {
                    String::new()
                } else {
                    format!(" ({})", failing.join(", "))
                },
                perf.join(" ")
            ));
            for t in targets {
                out.push_str(&format!(
                    "{} {} ({}) in {}s: {}\n",
                    t.status.as_str(),
                    text(&t.name),
                    t.protocol,
                    num(t.total_ms / 1000.0),
                    text(&t.headline())
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_labels() {
        assert_eq!(num(0.0123456), "0.012346");
        assert_eq!(num(2.0), "2");
        assert_eq!(num(0.0), "0");
        assert_eq!(num(1e-9), "0");
        assert_eq!(label("time"), "time");
        assert_eq!(label("127.0.0.1:993 time"), "'127.0.0.1:993 time'");
        assert_eq!(label("a'b=c"), "a_b_c");
        assert_eq!(text("a|b\nc"), "a¦b / c");
    }

    #[test]
    fn a_secret_in_status_text_is_still_redacted_after_escaping() {
        // Redaction runs on the finished text: the form `text` makes of a secret must be one
        // the registry knows (`|` → `¦`).
        let pw = "nagios|pipe\nsecret";
        crate::secret::register("nagios-user", &crate::secret::Secret::new(pw));
        let shown = text(&format!("535 echo {pw} end"));
        let r = crate::secret::redact(&shown);
        assert!(!r.contains("pipe"), "{r}");
        assert_eq!(r, "535 echo *** end");
    }
}
