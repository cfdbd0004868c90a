//! The result of `mailctl check`: one verdict per target (Nagios states), what decided it, the
//! measurements the renderers turn into perfdata and metrics, and the transcript kept for
//! `--transcript-on-failure`.

use crate::error::Failure;
use crate::event::{CertSummary, Event};
use serde::{Serialize, Serializer};
use serde_json::{Map, Value, json};
use std::path::PathBuf;

/// How a check result is shown: the plan decides it from `--format`/`--json`/`-q`, the
/// renderers (render/check.rs, nagios.rs, prometheus.rs) read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    /// The transcript and a verdict per target, for a person.
    Human,
    /// JSON Lines: events tagged with their target, then one summary object.
    Json,
    /// Nagios/Icinga plugin output: status line, perfdata, one line per target.
    Nagios,
    /// Prometheus text exposition format.
    Prometheus,
}

/// Everything about a check's output that is not the result itself; decided even when the
/// rest of the plan fails, so that the failure is reported in the format asked for.
#[derive(Debug, Clone)]
pub(crate) struct View {
    pub format: Format,
    /// Human format with -q: verdict lines only.
    pub quiet: bool,
    /// `--transcript-on-failure FILE`.
    pub transcript: Option<PathBuf>,
}

impl View {
    /// Whether each target's transcript is printed (live for one target, as a block when
    /// done for several): human and JSON output without -q.
    pub(crate) fn transcripts(&self) -> bool {
        matches!(self.format, Format::Human | Format::Json) && !self.quiet
    }
}

/// A Nagios plugin state (Nagios Plugin Development Guidelines, "Plugin Return Codes").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub(crate) enum Status {
    Ok,
    Warning,
    Critical,
    Unknown,
}

impl Status {
    /// The exit code: 0, 1, 2, 3.
    pub(crate) fn code(self) -> i32 {
        match self {
            Status::Ok => 0,
            Status::Warning => 1,
            Status::Critical => 2,
            Status::Unknown => 3,
        }
    }

    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "OK",
            Status::Warning => "WARNING",
            Status::Critical => "CRITICAL",
            Status::Unknown => "UNKNOWN",
        }
    }

    /// Severity for "the worst state wins": CRITICAL > WARNING > UNKNOWN > OK (the order of the
    /// monitoring plugins' `max_state_alt`): a failing target outweighs one we could not judge.
    fn severity(self) -> u8 {
        match self {
            Status::Ok => 0,
            Status::Unknown => 1,
            Status::Warning => 2,
            Status::Critical => 3,
        }
    }

    pub(crate) fn worst(self, other: Status) -> Status {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }
}

/// One reason a target is not OK (or a note that did not change its state).
#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct Reason {
    pub status: Status,
    pub message: String,
}

/// The thresholds a target was judged by, in milliseconds and days (for perfdata and JSON).
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub(crate) struct Limits {
    /// On the `primary` timing: total time of an endpoint check, delivery latency of a roundtrip.
    pub warn_ms: Option<f64>,
    pub crit_ms: Option<f64>,
    /// Per phase: (phase, warn ms, crit ms).
    pub phases: Vec<PhaseLimit>,
    pub cert_warn_days: i64,
    pub cert_crit_days: i64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub(crate) struct PhaseLimit {
    pub phase: String,
    pub warn_ms: Option<f64>,
    pub crit_ms: Option<f64>,
}

impl Limits {
    pub(crate) fn phase(&self, name: &str) -> Option<&PhaseLimit> {
        self.phases.iter().find(|p| p.phase == name)
    }
}

/// The verdict on one target.
#[derive(Debug, Clone)]
pub(crate) struct TargetResult {
    /// The label of the target: as given (HOST:PORT), or the `name` from the targets file.
    pub name: String,
    /// smtp, imap, pop3 or roundtrip.
    pub protocol: String,
    /// The address actually talked to.
    pub server: Option<String>,
    pub status: Status,
    /// Why the state is what it is (empty for a clean OK).
    pub reasons: Vec<Reason>,
    /// One line on what was checked, e.g. "logged in as alice@rig.test".
    pub detail: String,
    /// The step that failed, when one did.
    pub failure: Option<Failure>,
    /// Phase timings in milliseconds, in the order the phases were entered.
    pub timings: Vec<(String, f64)>,
    pub total_ms: f64,
    /// The timing `--warn`/`--crit` apply to: "total", or "delivery" for a roundtrip.
    pub primary: &'static str,
    pub limits: Limits,
    /// The server certificate closest to expiry (a roundtrip sees two servers).
    pub cert: Option<CertSummary>,
    /// What a roundtrip found (JSON: its fields after the target's own).
    pub roundtrip: Option<Roundtrip>,
    /// Every event of the target's sessions (already redacted).
    pub events: Vec<Event>,
}

impl TargetResult {
    /// The value of a timing, "total" included.
    pub(crate) fn timing(&self, name: &str) -> Option<f64> {
        if name == "total" {
            return Some(self.total_ms);
        }
        self.timings
            .iter()
            .find(|(p, _)| p == name)
            .map(|(_, ms)| *ms)
    }

    /// The reasons that decided the state, worst first (what a person or a pager should read).
    pub(crate) fn headline(&self) -> String {
        let mut bad: Vec<&str> = self
            .reasons
            .iter()
            .filter(|r| r.status == self.status && r.status != Status::Ok)
            .map(|r| r.message.as_str())
            .collect();
        if bad.is_empty() {
            bad = self
                .reasons
                .iter()
                .filter(|r| r.status != Status::Ok)
                .map(|r| r.message.as_str())
                .collect();
        }
        if bad.is_empty() {
            let mut s = if self.detail.is_empty() {
                "connected".to_string()
            } else {
                self.detail.clone()
            };
            if let Some(c) = &self.cert {
                s.push_str(&format!("; certificate expires in {} day(s)", c.days_left));
            }
            return s;
        }
        bad.join("; ")
    }

    /// One target in the JSON summary.
    fn to_json(&self) -> Value {
        let mut m = Map::new();
        m.insert("target".into(), json!(self.name));
        m.insert("protocol".into(), json!(self.protocol));
        m.insert("server".into(), json!(self.server));
        m.insert("status".into(), json!(self.status.as_str()));
        m.insert("exit_code".into(), json!(self.status.code()));
        m.insert("message".into(), json!(self.headline()));
        m.insert("detail".into(), json!(self.detail));
        m.insert("reasons".into(), json!(self.reasons));
        m.insert(
            "error".into(),
            self.failure.as_ref().map_or(Value::Null, |f| json!(f)),
        );
        let timings: Map<String, Value> = self
            .timings
            .iter()
            .map(|(p, ms)| (p.clone(), json!((ms * 1000.0).round() / 1000.0)))
            .collect();
        m.insert("timings_ms".into(), Value::Object(timings));
        m.insert(
            "total_ms".into(),
            json!((self.total_ms * 1000.0).round() / 1000.0),
        );
        m.insert("cert".into(), json!(self.cert));
        m.insert("limits".into(), json!(self.limits));
        if let Some(Value::Object(rt)) = self.roundtrip.as_ref().map(|r| json!(r)) {
            m.extend(rt);
        }
        Value::Object(m)
    }

    /// The certificate's notAfter as a Unix time.
    pub(crate) fn cert_not_after_unix(&self) -> Option<i64> {
        self.cert
            .as_ref()
            .and_then(|c| crate::utc::parse_utc(&c.not_after))
    }
}

/// What `check roundtrip` found besides the verdict: the message, where it went, how long it
/// took, and what became of it.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub(crate) struct Roundtrip {
    /// The unique token in the message's header and Subject.
    pub token: String,
    /// imap or pop3.
    pub mailbox_protocol: &'static str,
    pub from: String,
    pub to: String,
    pub deadline_ms: f64,
    /// The addresses talked to, once connected.
    pub smtp_server: Option<String>,
    pub mailbox_server: Option<String>,
    /// The server's reply to the end of the message (None: the SMTP dialogue did not get there).
    pub smtp_reply: Option<String>,
    pub delivered: bool,
    /// From SMTP's acceptance to the mailbox showing the message.
    pub latency_ms: Option<f64>,
    /// none, kept, expunged, flagged, deleted or failed.
    pub cleanup: &'static str,
    /// IMAP: the UIDs that carry the token.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uids: Option<Vec<u64>>,
    /// POP3: the message's number and unique id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub msg: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uid: Option<String>,
}

/// What happened to `--transcript-on-failure`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TranscriptFile {
    /// Not asked for, or every target passed (the file is left alone).
    NotWritten,
    Written(String),
    /// Writing failed; the message says why.
    Failed(String),
}

/// The whole run: every target's verdict, or the reason nothing could be checked.
#[derive(Debug, Clone)]
pub(crate) struct CheckReport {
    /// e.g. "check imap".
    pub command: String,
    pub targets: Vec<TargetResult>,
    /// A usage or local error before any target was checked: the run is UNKNOWN.
    pub failure: Option<Failure>,
    pub transcript: TranscriptFile,
    /// When the run ended (`YYYY-MM-DDTHH:MM:SSZ`), for the transcript file's first line.
    pub at: String,
}

impl CheckReport {
    pub(crate) fn status(&self) -> Status {
        if self.failure.is_some() {
            return Status::Unknown;
        }
        self.targets
            .iter()
            .fold(Status::Ok, |acc, t| acc.worst(t.status))
    }

    pub(crate) fn exit_code(&self) -> i32 {
        self.status().code()
    }

    /// The check result a finished command's report carries, if any.
    pub(crate) fn of(report: &crate::report::Report) -> Option<&CheckReport> {
        let body: &dyn std::any::Any = report.body.as_deref()?;
        body.downcast_ref()
    }

    /// The run for a report without a check result (the plan failed): its failure, no targets.
    pub(crate) fn failed(report: &crate::report::Report) -> CheckReport {
        CheckReport {
            command: report.command.clone(),
            targets: Vec::new(),
            failure: report.failure.clone(),
            transcript: TranscriptFile::NotWritten,
            at: String::new(),
        }
    }

    /// The JSON summary: the Nagios state and its exit code, every target, the transcript file.
    fn to_json(&self) -> Value {
        let st = self.status();
        let mut m = Map::new();
        m.insert("type".into(), json!("summary"));
        m.insert("command".into(), json!(self.command));
        m.insert(
            "outcome".into(),
            json!(match st {
                Status::Ok => "ok",
                Status::Warning => "warning",
                Status::Critical | Status::Unknown => "fail",
            }),
        );
        m.insert("status".into(), json!(st.as_str()));
        m.insert("exit_code".into(), json!(st.code()));
        m.insert("exit_name".into(), json!(st.as_str()));
        m.insert(
            "error".into(),
            self.failure.as_ref().map_or(Value::Null, |f| json!(f)),
        );
        m.insert(
            "targets".into(),
            Value::Array(self.targets.iter().map(TargetResult::to_json).collect()),
        );
        let (file, err) = match &self.transcript {
            TranscriptFile::NotWritten => (Value::Null, Value::Null),
            TranscriptFile::Written(p) => (json!(p), Value::Null),
            TranscriptFile::Failed(why) => (Value::Null, json!(why)),
        };
        m.insert("transcript_file".into(), file);
        m.insert("transcript_error".into(), err);
        Value::Object(m)
    }
}

/// The whole summary object (`check` has its own head: a Nagios state, not a mailctl outcome).
impl Serialize for CheckReport {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

impl Serialize for TargetResult {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(s)
    }
}

/// Where `check` hands what happens to its targets while it runs. The renderer implements it
/// (render/check.rs: one target printed live, several as a whole block each when done), so
/// the command never lays out a byte.
pub(crate) trait Progress: Send + Sync {
    /// An event of the target named `target`, as it happens.
    fn event(&self, target: &str, event: &Event);
    /// A target is done and judged.
    fn done(&self, command: &str, target: &TargetResult);
}

/// A duration for messages: milliseconds under a second, seconds above.
pub(crate) fn fmt_ms(ms: f64) -> String {
    if ms >= 1000.0 {
        format!("{:.3} s", ms / 1000.0)
    } else {
        format!("{ms:.1} ms")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn worst_state_order() {
        use Status::*;
        assert_eq!(Ok.worst(Unknown), Unknown);
        assert_eq!(Unknown.worst(Warning), Warning);
        assert_eq!(Warning.worst(Critical), Critical);
        assert_eq!(Critical.worst(Unknown), Critical);
        assert_eq!(Warning.worst(Ok), Warning);
    }
}
