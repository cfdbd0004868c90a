//! JSON Lines renderer: one object per event, then one summary object. Field names are the
//! stable schema documented in README.md.

use crate::event::Event;
use crate::report::Report;
use serde_json::{Map, Value, json};

pub(crate) fn event_line(event: &Event) -> String {
    let mut s = serde_json::to_string(event)
        .unwrap_or_else(|e| json!({"type": "error", "msg": e.to_string()}).to_string());
    s.push('\n');
    s
}

/// The summary without the command-specific data fields.
fn head(report: &Report) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("type".into(), json!("summary"));
    m.insert("command".into(), json!(report.command));
    m.insert("outcome".into(), json!(report.outcome()));
    m.insert("exit_code".into(), json!(report.exit_code()));
    m.insert("exit_name".into(), json!(report.exit_name()));
    m.insert("server".into(), json!(report.server));
    m.insert("detail".into(), json!(report.detail));
    // A failure or a verdict: the same shape under the same key (a failure outranks).
    let error = match (&report.failure, &report.verdict) {
        (Some(f), _) => json!(f),
        (None, Some(v)) => json!(v),
        (None, None) => Value::Null,
    };
    m.insert("error".into(), error);
    let timings: Map<String, Value> = report
        .timings
        .iter()
        .map(|(p, ms)| {
            (
                p.as_str().to_string(),
                json!((ms * 1000.0).round() / 1000.0),
            )
        })
        .collect();
    m.insert("timings_ms".into(), Value::Object(timings));
    m.insert(
        "total_ms".into(),
        json!((report.total_ms * 1000.0).round() / 1000.0),
    );
    if !report.findings.is_empty() {
        m.insert("findings".into(), json!(report.findings));
    }
    m
}

/// The summary as one JSON value (head fields, then the command's fields): for tests, which
/// look at fields; the output is written by [`summary_line`].
#[cfg(test)]
pub(crate) fn summary(report: &Report) -> Value {
    let mut m = head(report);
    if let Some(Value::Object(body)) = report
        .body
        .as_ref()
        .and_then(|b| b.json().ok())
        .and_then(|s| serde_json::from_str(&s).ok())
    {
        m.extend(body);
    }
    Value::Object(m)
}

pub(crate) fn summary_line(report: &Report) -> String {
    // Written field by field instead of through `summary`, so a large result (10,000 fetched
    // headers) is serialized once, not copied into a second tree first.
    let mut s = Value::Object(head(report)).to_string();
    s.pop();
    if let Some(body) = &report.body {
        let fields = body
            .json()
            .unwrap_or_else(|e| json!({"body_error": e.to_string()}).to_string());
        // `{…}` → its members, appended after the head's (a result is always a struct).
        let members = fields
            .strip_prefix('{')
            .and_then(|f| f.strip_suffix('}'))
            .unwrap_or("");
        if !members.is_empty() {
            s.push(',');
            s.push_str(members);
        }
    }
    s.push_str("}\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Failure, Judgement, Kind, Phase, Verdict};

    /// `error` holds a verdict exactly as it holds a failure; a failure outranks a verdict.
    #[test]
    fn error_is_the_failure_or_else_the_verdict() {
        let mut r = Report::new("smtp send");
        let s = summary(&r);
        assert_eq!((&s["exit_name"], &s["error"]), (&json!("ok"), &Value::Null));
        r.verdict =
            Some(Judgement::new(Phase::Rcpt, Verdict::Partial, "1 of 2").with_reply("550 no"));
        let s = summary(&r);
        assert_eq!(s["outcome"], "partial");
        assert_eq!(s["exit_name"], "partial");
        assert_eq!(
            s["error"],
            json!({"phase": "rcpt", "kind": "partial", "message": "1 of 2", "reply": "550 no"})
        );
        r.failure = Some(Failure::new(Phase::Setup, Kind::BrokenPipe, "closed"));
        let s = summary(&r);
        assert_eq!(
            (&s["exit_code"], &s["error"]["kind"]),
            (&json!(141), &json!("broken_pipe"))
        );
        assert_eq!(summary_line(&r).trim_end(), s.to_string());
    }
}
