//! Prometheus text exposition format (version 0.0.4), for node_exporter's textfile collector:
//! each metric family once, HELP and TYPE first, its samples together, labels `target` and
//! `protocol` (and `phase`). Times are exported as timestamps, not as "time left", so a file
//! written by cron stays true between runs.

use crate::report::check::{CheckReport, Status, TargetResult};

/// A label value: backslash, double quote and line feed escaped.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// HELP text: backslash and line feed escaped.
fn help_esc(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n")
}

fn labels(t: &TargetResult, extra: &[(&str, &str)]) -> String {
    let mut parts = vec![
        format!("target=\"{}\"", esc(&t.name)),
        format!("protocol=\"{}\"", esc(&t.protocol)),
    ];
    for (k, v) in extra {
        parts.push(format!("{k}=\"{}\"", esc(v)));
    }
    format!("{{{}}}", parts.join(","))
}

/// A sample value: Go-compatible float text (no exponent needed at these magnitudes).
fn val(v: f64) -> String {
    if v.is_finite() {
        format!("{v}")
    } else if v.is_nan() {
        "NaN".into()
    } else if v > 0.0 {
        "+Inf".into()
    } else {
        "-Inf".into()
    }
}

/// Milliseconds as seconds, to the microsecond (what the clock measures; no float noise).
fn seconds(ms: f64) -> f64 {
    (ms * 1000.0).round() / 1_000_000.0
}

struct Family {
    name: &'static str,
    help: &'static str,
    samples: Vec<String>,
}

impl Family {
    fn new(name: &'static str, help: &'static str) -> Self {
        Family {
            name,
            help,
            samples: Vec::new(),
        }
    }
    fn add(&mut self, labels: String, v: f64) {
        self.samples
            .push(format!("{}{labels} {}\n", self.name, val(v)));
    }
    fn write(&self, out: &mut String) {
        if self.samples.is_empty() {
            return;
        }
        out.push_str(&format!("# HELP {} {}\n", self.name, help_esc(self.help)));
        out.push_str(&format!("# TYPE {} gauge\n", self.name));
        for s in &self.samples {
            out.push_str(s);
        }
    }
}

/// `# mailctl check smtp UNKNOWN mx1: why` (a comment line: no line break may be in it).
fn unknown_comment(command: &str, t: &TargetResult) -> String {
    format!(
        "# mailctl {command} UNKNOWN {}: {}\n",
        t.name.replace('\n', " "),
        t.headline().replace('\n', " ")
    )
}

pub(crate) fn render(r: &CheckReport) -> String {
    if let Some(f) = &r.failure {
        // Nothing was checked: no samples (a stale "success" would be a lie), only a comment.
        return format!(
            "# mailctl {} UNKNOWN: {}\n",
            r.command,
            f.to_string().replace('\n', " ")
        );
    }
    let mut success = Family::new(
        "mailctl_check_success",
        "1 if the check passed (OK), 0 if not (WARNING, CRITICAL or UNKNOWN).",
    );
    let mut status = Family::new(
        "mailctl_check_status",
        "Nagios state of the check: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.",
    );
    let mut duration = Family::new(
        "mailctl_check_duration_seconds",
        "Time spent in each phase of the check (phase=\"total\": the whole check; roundtrip phase=\"delivery\": from SMTP acceptance to the message seen in the mailbox).",
    );
    let mut cert = Family::new(
        "mailctl_cert_expiry_seconds",
        "notAfter of the server certificate closest to expiry, as a Unix timestamp (subtract time() for the time left).",
    );
    let mut when = Family::new(
        "mailctl_check_timestamp_seconds",
        "When the check finished, as a Unix timestamp.",
    );
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    let mut out = String::new();
    if r.targets.iter().all(|t| t.status == Status::Unknown) {
        // Nothing was checked (every target failed before it reached its server: a missing CA
        // or password file): no samples, as for a run-level failure, only a comment per target.
        for t in &r.targets {
            out.push_str(&unknown_comment(&r.command, t));
        }
        return out;
    }
    for t in &r.targets {
        success.add(labels(t, &[]), f64::from(u8::from(t.status == Status::Ok)));
        status.add(labels(t, &[]), f64::from(t.status.code()));
        if t.status == Status::Unknown {
            // This target was not checked: its state is a fact (3, not OK), but it has no
            // duration, certificate or check time to report — a 0.2 ms "duration" spent
            // reading a local file would read as a measurement of the server.
            out.push_str(&unknown_comment(&r.command, t));
            continue;
        }
        for (phase, ms) in &t.timings {
            duration.add(labels(t, &[("phase", phase)]), seconds(*ms));
        }
        duration.add(labels(t, &[("phase", "total")]), seconds(t.total_ms));
        if let Some(na) = t.cert_not_after_unix() {
            cert.add(labels(t, &[]), na as f64);
        }
        when.add(labels(t, &[]), (now * 1000.0).round() / 1000.0);
    }
    for f in [&success, &status, &duration, &cert, &when] {
        f.write(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(esc("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(val(0.5), "0.5");
        assert_eq!(val(1_797_996_080.0), "1797996080");
        assert_eq!(val(f64::NAN), "NaN");
    }

    #[test]
    fn a_secret_in_a_comment_is_still_redacted_after_escaping() {
        let pw = "prom\nline-secret";
        crate::secret::register("prom-user", &crate::secret::Secret::new(pw));
        let comment = format!("# x: {pw}").replace('\n', " ");
        assert_eq!(crate::secret::redact(&comment), "# x: ***");
    }
}
