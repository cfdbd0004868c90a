//! Load-mode statistics in bounded memory, whatever the message count: one latency histogram per
//! phase (HdrHistogram, 3 significant digits, in microseconds), counters, and failures grouped by
//! phase, kind and reply code with one example each. No per-message record is ever kept.

use crate::error::{Failure, Kind, Phase};
use crate::report::TreeNode;
use hdrhistogram::Histogram;
use serde_json::{Map, Value, json};

/// What the latency table reports, in this order; `total` is per message.
pub const PHASES: [&str; 11] = [
    "connect", "tls", "banner", "ehlo", "starttls", "auth", "mail", "rcpt", "data", "quit", "total",
];
const TOTAL: usize = 10;

fn slot(p: Phase) -> Option<usize> {
    PHASES.iter().position(|n| *n == p.as_str())
}

/// At most this many distinct (phase, kind, code) groups are kept; further ones are only counted.
const MAX_GROUPS: usize = 64;

/// Failures that share a phase, kind and reply code.
#[derive(Debug)]
pub struct Group {
    pub phase: Phase,
    pub kind: Kind,
    pub code: Option<u16>,
    pub count: u64,
    /// The first failure of the group, as an example (message and server reply).
    pub example: Failure,
}

pub struct Stats {
    hist: Vec<Histogram<u64>>,
    pub sessions: u64,
    /// Sessions that ended on a failure (before or during a transaction) rather than QUIT.
    pub sessions_failed: u64,
    pub attempted: u64,
    pub accepted: u64,
    /// Accepted for some recipients and refused for others.
    pub partial: u64,
    pub failed: u64,
    pub groups: Vec<Group>,
    /// Failures whose group did not fit in `MAX_GROUPS`.
    pub ungrouped: u64,
}

impl Default for Stats {
    fn default() -> Self {
        Self::new()
    }
}

/// The reply code at the start of a server reply (`550 5.1.1 ...` → 550).
pub fn reply_code(reply: &str) -> Option<u16> {
    reply.get(..3).and_then(|c| c.parse().ok())
}

impl Stats {
    pub fn new() -> Stats {
        Stats {
            // 3 significant digits, resized as values arrive: a few KiB per phase in practice.
            hist: PHASES
                .iter()
                .map(|_| Histogram::new(3).expect("3 significant digits is valid"))
                .collect(),
            sessions: 0,
            sessions_failed: 0,
            attempted: 0,
            accepted: 0,
            partial: 0,
            failed: 0,
            groups: Vec::new(),
            ungrouped: 0,
        }
    }

    fn record_us(&mut self, slot: usize, ms: f64) {
        let us = (ms * 1000.0).round().max(1.0) as u64;
        // Auto-resizing histograms only refuse values beyond u64 range.
        let _ = self.hist[slot].record(us);
    }

    /// Add phase timings (from `Ctx::take_timings`), keeping only the phases in `only`.
    pub fn record_phases(&mut self, timings: &[(Phase, f64)], only: &[Phase]) {
        for (p, ms) in timings {
            if only.contains(p)
                && let Some(s) = slot(*p)
            {
                self.record_us(s, *ms);
            }
        }
    }

    /// One message finished (accepted or not) after `total`.
    pub fn message(&mut self, total: std::time::Duration, outcome: Result<(), &Failure>) {
        self.attempted += 1;
        self.record_us(TOTAL, total.as_secs_f64() * 1000.0);
        match outcome {
            Ok(()) => self.accepted += 1,
            Err(f) => {
                if f.kind == Kind::Partial {
                    self.partial += 1;
                } else {
                    self.failed += 1;
                }
                self.failure(f);
            }
        }
    }

    fn failure(&mut self, f: &Failure) {
        let code = f.reply.as_deref().and_then(reply_code);
        if let Some(g) = self
            .groups
            .iter_mut()
            .find(|g| g.phase == f.phase && g.kind == f.kind && g.code == code)
        {
            g.count += 1;
        } else if self.groups.len() < MAX_GROUPS {
            self.groups.push(Group {
                phase: f.phase,
                kind: f.kind,
                code,
                count: 1,
                example: f.clone(),
            });
        } else {
            self.ungrouped += 1;
        }
    }

    /// The group with the most failures (the first seen among equals).
    pub fn most_common(&self) -> Option<&Group> {
        self.groups
            .iter()
            .fold(None, |best: Option<&Group>, g| match best {
                Some(b) if b.count >= g.count => Some(b),
                _ => Some(g),
            })
    }

    fn quantiles_ms(h: &Histogram<u64>) -> Value {
        if h.is_empty() {
            return json!({"n": 0, "p50": null, "p90": null, "p99": null, "max": null, "mean": null});
        }
        let ms = |us: u64| (us as f64) / 1000.0;
        json!({
            "n": h.len(),
            "p50": ms(q(h, 0.5)),
            "p90": ms(q(h, 0.9)),
            "p99": ms(q(h, 0.99)),
            "max": ms(q(h, 1.0)),
            "mean": (h.mean() / 1000.0 * 1000.0).round() / 1000.0,
        })
    }

    /// `{phase: {n, p50, p90, p99, max, mean}}` in milliseconds, every phase always present.
    pub fn latency_json(&self) -> Value {
        let m: Map<String, Value> = PHASES
            .iter()
            .zip(&self.hist)
            .map(|(n, h)| (n.to_string(), Self::quantiles_ms(h)))
            .collect();
        Value::Object(m)
    }

    /// Failures counted by reply code (only failures with a server reply), by phase and by kind,
    /// and one example per group.
    pub fn errors_json(&self) -> Value {
        let mut by_code: Map<String, Value> = Map::new();
        let mut by_phase: Map<String, Value> = Map::new();
        let mut by_kind: Map<String, Value> = Map::new();
        let add = |m: &mut Map<String, Value>, k: String, n: u64| {
            let v = m.entry(k).or_insert(json!(0));
            *v = json!(v.as_u64().unwrap_or(0) + n);
        };
        for g in &self.groups {
            if let Some(c) = g.code {
                add(&mut by_code, c.to_string(), g.count);
            }
            add(&mut by_phase, g.phase.as_str().to_string(), g.count);
            add(&mut by_kind, kind_name(g.kind), g.count);
        }
        let groups: Vec<Value> = self
            .groups
            .iter()
            .map(|g| {
                json!({
                    "phase": g.phase,
                    "kind": g.kind,
                    "code": g.code,
                    "count": g.count,
                    "message": g.example.message,
                    "reply": g.example.reply,
                })
            })
            .collect();
        json!({
            "total": self.failed + self.partial,
            "by_code": by_code,
            "by_phase": by_phase,
            "by_kind": by_kind,
            "groups": groups,
            "ungrouped": self.ungrouped,
        })
    }

    /// Rows for people: phase, n, p50, p90, p99, max (ms), for the phases that happened.
    pub fn table(&self) -> (Vec<String>, Vec<Vec<String>>) {
        let cols = ["phase", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"]
            .map(String::from)
            .to_vec();
        let f = |us: u64| format!("{:.3}", us as f64 / 1000.0);
        let rows = PHASES
            .iter()
            .zip(&self.hist)
            .filter(|(_, h)| !h.is_empty())
            .map(|(n, h)| {
                vec![
                    n.to_string(),
                    h.len().to_string(),
                    f(q(h, 0.5)),
                    f(q(h, 0.9)),
                    f(q(h, 0.99)),
                    f(q(h, 1.0)),
                ]
            })
            .collect();
        (cols, rows)
    }

    /// Failures for people: by phase, then by kind and code, with the server's words.
    pub fn tree(&self) -> Option<TreeNode> {
        if self.groups.is_empty() && self.ungrouped == 0 {
            return None;
        }
        let mut phases: Vec<Phase> = self.groups.iter().map(|g| g.phase).collect();
        phases.sort();
        phases.dedup();
        let mut children: Vec<TreeNode> = phases
            .into_iter()
            .map(|p| {
                let gs: Vec<&Group> = self.groups.iter().filter(|g| g.phase == p).collect();
                let n: u64 = gs.iter().map(|g| g.count).sum();
                TreeNode {
                    label: format!("{p}: {n}"),
                    children: gs
                        .iter()
                        .map(|g| TreeNode {
                            label: format!("{} × {}", g.count, describe(g)),
                            children: vec![],
                        })
                        .collect(),
                }
            })
            .collect();
        if self.ungrouped > 0 {
            children.push(TreeNode {
                label: format!("{} more in other groups (not itemised)", self.ungrouped),
                children: vec![],
            });
        }
        Some(TreeNode {
            label: format!(
                "errors: {} of {} messages not (fully) accepted",
                self.failed + self.partial,
                self.attempted
            ),
            children,
        })
    }
}

/// The value at quantile `at`, in microseconds, good to 3 significant digits: the middle of its
/// histogram bucket (the closest to any value in it), not the bucket's top.
fn q(h: &Histogram<u64>, at: f64) -> u64 {
    h.median_equivalent(h.value_at_quantile(at))
}

fn kind_name(k: Kind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// `rejected (550): all 1 recipient(s) rejected`.
pub fn label(g: &Group) -> String {
    let code = g.code.map(|c| format!(" ({c})")).unwrap_or_default();
    format!("{}{code}: {}", kind_name(g.kind), g.example.message)
}

/// [`label`] and what the server said.
pub fn describe(g: &Group) -> String {
    match &g.example.reply {
        Some(r) => format!("{} (server said: {r})", label(g)),
        None => label(g),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn counts_groups_and_quantiles() {
        let mut s = Stats::new();
        for i in 1..=100u64 {
            s.record_phases(
                &[(Phase::Connect, i as f64), (Phase::Quit, 1.0)],
                &[Phase::Connect],
            );
            s.message(Duration::from_millis(i), Ok(()));
        }
        let rej = Failure::new(Phase::Rcpt, Kind::Rejected, "all 1 recipient(s) rejected")
            .with_reply("550 5.1.1 <x@y>: Recipient address rejected");
        let closed = Failure::new(Phase::Banner, Kind::Closed, "server closed the connection");
        for _ in 0..3 {
            s.message(Duration::from_millis(1), Err(&rej));
        }
        s.message(Duration::from_millis(1), Err(&closed));
        assert_eq!((s.attempted, s.accepted, s.failed), (104, 100, 4));
        let l = s.latency_json();
        assert_eq!(l["connect"]["n"], 100);
        assert_eq!(l["quit"]["n"], 0, "filtered out");
        // 3 significant digits.
        let near = |v: &Value, want: f64| (v.as_f64().unwrap() - want).abs() <= want / 1000.0;
        assert!(near(&l["connect"]["p50"], 50.0), "{}", l["connect"]);
        assert!(near(&l["connect"]["p90"], 90.0), "{}", l["connect"]);
        assert!(near(&l["connect"]["max"], 100.0), "{}", l["connect"]);
        assert_eq!(l["total"]["n"], 104);
        let e = s.errors_json();
        assert_eq!(e["total"], 4);
        assert_eq!(e["by_code"], json!({"550": 3}));
        assert_eq!(e["by_phase"], json!({"rcpt": 3, "banner": 1}));
        assert_eq!(e["by_kind"], json!({"rejected": 3, "closed": 1}));
        assert_eq!(s.most_common().unwrap().code, Some(550));
        let t = s.tree().unwrap();
        assert_eq!(t.children.len(), 2);
        assert!(
            t.children[1].children[0]
                .label
                .starts_with("3 × rejected (550): all 1"),
            "{t:?}"
        );
    }

    #[test]
    fn groups_are_bounded() {
        let mut s = Stats::new();
        for code in 0..200u16 {
            let f = Failure::new(Phase::Rcpt, Kind::Rejected, "x")
                .with_reply(format!("{} no", 400 + code));
            s.message(Duration::from_millis(1), Err(&f));
        }
        assert_eq!(s.groups.len(), MAX_GROUPS);
        assert_eq!(s.ungrouped, 200 - MAX_GROUPS as u64);
        assert_eq!(s.errors_json()["total"], 200);
    }
}
