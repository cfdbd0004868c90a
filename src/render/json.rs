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
    m.insert(
        "exit_name".into(),
        json!(report.failure.as_ref().map_or("ok", |f| f.code_name())),
    );
    m.insert("server".into(), json!(report.server));
    m.insert("detail".into(), json!(report.detail));
    m.insert(
        "error".into(),
        report.failure.as_ref().map_or(Value::Null, |f| json!(f)),
    );
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
