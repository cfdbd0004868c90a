//! Load-mode statistics in bounded memory, whatever the message count: one latency histogram per
//! phase (HdrHistogram, 3 significant digits, in microseconds), counters, and failures grouped by
//! phase, kind and reply code with one example each. No per-message record is ever kept.

use crate::error::{AnyKind, Failure, Judgement, Phase};
use hdrhistogram::Histogram;
use serde::{Serialize, Serializer};

/// The phases of an SMTP session the latency table reports, in dialogue order (that of
/// [`Phase::ALL`]); their names are [`Phase::as_str`]'s.
pub(crate) const PHASES: [Phase; 11] = [
    Phase::Connect,
    Phase::Proxy,
    Phase::Tls,
    Phase::Banner,
    Phase::Ehlo,
    Phase::Starttls,
    Phase::Auth,
    Phase::Mail,
    Phase::Rcpt,
    Phase::Data,
    Phase::Quit,
];
/// The histogram after the phases': a whole message, named `total`.
const TOTAL: usize = PHASES.len();
const TOTAL_NAME: &str = "total";

fn slot(p: Phase) -> Option<usize> {
    PHASES.iter().position(|q| *q == p)
}

/// The name of each histogram, in order: the phases, then `total`.
fn names() -> impl Iterator<Item = &'static str> {
    PHASES.iter().map(|p| p.as_str()).chain([TOTAL_NAME])
}

/// One histogram's figures in milliseconds (all `None` when nothing was measured).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Quantiles {
    pub(crate) n: u64,
    pub(crate) p50: Option<f64>,
    pub(crate) p90: Option<f64>,
    pub(crate) p99: Option<f64>,
    pub(crate) max: Option<f64>,
    pub(crate) mean: Option<f64>,
}

/// `{phase: Quantiles}` for every phase and `total`, always all present, in table order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Latency(pub(crate) Vec<(&'static str, Quantiles)>);

impl Serialize for Latency {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (*k, v)))
    }
}

/// Failure counts by a key (reply code, phase, kind), in first-seen order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Counts(pub(crate) Vec<(String, u64)>);

impl Counts {
    fn add(&mut self, key: String, n: u64) {
        match self.0.iter_mut().find(|(k, _)| *k == key) {
            Some((_, c)) => *c += n,
            None => self.0.push((key, n)),
        }
    }
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.iter().map(|(k, v)| (k, v)))
    }
}

/// The failures of a run, counted every way a reader asks for them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Errors {
    pub(crate) total: u64,
    pub(crate) by_code: Counts,
    pub(crate) by_phase: Counts,
    pub(crate) by_kind: Counts,
    pub(crate) groups: Vec<Group>,
    /// Failures whose group was not kept (see `MAX_GROUPS`).
    pub(crate) ungrouped: u64,
}

/// At most this many distinct (phase, kind, code) groups are kept; further ones are only counted.
const MAX_GROUPS: usize = 64;

/// Failures (and partial acceptances) that share a phase, kind and reply code; reported as
/// they are counted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct Group {
    pub(crate) phase: Phase,
    pub(crate) kind: AnyKind,
    pub(crate) code: Option<u16>,
    pub(crate) count: u64,
    /// The first message of the group, as an example.
    pub(crate) message: String,
    /// The server's reply in the example.
    pub(crate) reply: Option<String>,
}

pub(crate) struct Stats {
    hist: Vec<Histogram<u64>>,
    pub(crate) sessions: u64,
    /// Sessions that ended on a failure (before or during a transaction) rather than QUIT.
    pub(crate) sessions_failed: u64,
    pub(crate) attempted: u64,
    pub(crate) accepted: u64,
    /// Accepted for some recipients and refused for others.
    pub(crate) partial: u64,
    pub(crate) failed: u64,
    pub(crate) groups: Vec<Group>,
    /// Failures whose group did not fit in `MAX_GROUPS`.
    pub(crate) ungrouped: u64,
}

impl Default for Stats {
    fn default() -> Self {
        Self::new()
    }
}

/// The reply code at the start of a server reply (`550 5.1.1 ...` → 550).
pub(crate) fn reply_code(reply: &str) -> Option<u16> {
    reply.get(..3).and_then(|c| c.parse().ok())
}

impl Stats {
    pub(crate) fn new() -> Stats {
        Stats {
            // 3 significant digits, resized as values arrive: a few KiB per phase in practice.
            hist: names()
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
    pub(crate) fn record_phases(&mut self, timings: &[(Phase, f64)], only: &[Phase]) {
        for (p, ms) in timings {
            if only.contains(p)
                && let Some(s) = slot(*p)
            {
                self.record_us(s, *ms);
            }
        }
    }

    /// One message finished after `total`: accepted (`Ok(None)`), accepted for only some
    /// recipients (`Ok(Some(partial))`), or failed.
    pub(crate) fn message(
        &mut self,
        total: std::time::Duration,
        outcome: Result<Option<&Judgement>, &Failure>,
    ) {
        self.attempted += 1;
        self.record_us(TOTAL, total.as_secs_f64() * 1000.0);
        match outcome {
            Ok(None) => self.accepted += 1,
            Ok(Some(j)) => {
                self.partial += 1;
                self.group(j.phase, AnyKind::Judged(j.kind), &j.message, &j.reply);
            }
            Err(f) => {
                self.failed += 1;
                self.group(f.phase, AnyKind::Failed(f.kind), &f.message, &f.reply);
            }
        }
    }

    fn group(&mut self, phase: Phase, kind: AnyKind, message: &str, reply: &Option<String>) {
        let code = reply.as_deref().and_then(reply_code);
        if let Some(g) = self
            .groups
            .iter_mut()
            .find(|g| g.phase == phase && g.kind == kind && g.code == code)
        {
            g.count += 1;
        } else if self.groups.len() < MAX_GROUPS {
            self.groups.push(Group {
                phase,
                kind,
                code,
                count: 1,
                message: message.to_string(),
                reply: reply.clone(),
            });
        } else {
            self.ungrouped += 1;
        }
    }

    /// The group with the most failures (the first seen among equals).
    pub(crate) fn most_common(&self) -> Option<&Group> {
        self.groups
            .iter()
            .fold(None, |best: Option<&Group>, g| match best {
                Some(b) if b.count >= g.count => Some(b),
                _ => Some(g),
            })
    }

    fn quantiles_ms(h: &Histogram<u64>) -> Quantiles {
        if h.is_empty() {
            return Quantiles {
                n: 0,
                p50: None,
                p90: None,
                p99: None,
                max: None,
                mean: None,
            };
        }
        let ms = |us: u64| Some((us as f64) / 1000.0);
        Quantiles {
            n: h.len(),
            p50: ms(q(h, 0.5)),
            p90: ms(q(h, 0.9)),
            p99: ms(q(h, 0.99)),
            max: ms(q(h, 1.0)),
            mean: Some((h.mean() / 1000.0 * 1000.0).round() / 1000.0),
        }
    }

    /// Every phase and `total`, in milliseconds (the table shows those with `n > 0`).
    pub(crate) fn latency(&self) -> Latency {
        Latency(
            names()
                .zip(&self.hist)
                .map(|(n, h)| (n, Self::quantiles_ms(h)))
                .collect(),
        )
    }

    /// Failures counted by reply code (only failures with a server reply), by phase and by kind,
    /// and one example per group.
    pub(crate) fn errors(&self) -> Errors {
        let (mut by_code, mut by_phase, mut by_kind) =
            (Counts::default(), Counts::default(), Counts::default());
        for g in &self.groups {
            if let Some(c) = g.code {
                by_code.add(c.to_string(), g.count);
            }
            by_phase.add(g.phase.as_str().to_string(), g.count);
            by_kind.add(kind_name(g.kind), g.count);
        }
        Errors {
            total: self.failed + self.partial,
            by_code,
            by_phase,
            by_kind,
            groups: self.groups.to_vec(),
            ungrouped: self.ungrouped,
        }
    }
}

/// The value at quantile `at`, in microseconds, good to 3 significant digits: the middle of its
/// histogram bucket (the closest to any value in it), not the bucket's top.
fn q(h: &Histogram<u64>, at: f64) -> u64 {
    h.median_equivalent(h.value_at_quantile(at))
}

fn kind_name(k: AnyKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// `rejected (550): all 1 recipient(s) rejected`.
pub(crate) fn label(g: &Group) -> String {
    label_of(g.kind, g.code, &g.message)
}

fn label_of(kind: AnyKind, code: Option<u16>, message: &str) -> String {
    let code = code.map(|c| format!(" ({c})")).unwrap_or_default();
    format!("{}{code}: {message}", kind_name(kind))
}

impl Group {
    /// [`label`] and what the server said.
    pub(crate) fn describe(&self) -> String {
        let l = label_of(self.kind, self.code, &self.message);
        match &self.reply {
            Some(r) => format!("{l} (server said: {r})"),
            None => l,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Kind, Verdict};
    use serde_json::{Value, json};
    use std::time::Duration;

    #[test]
    fn phases_are_in_dialogue_order_and_named_by_phase() {
        let order: Vec<Phase> = Phase::ALL
            .iter()
            .copied()
            .filter(|p| PHASES.contains(p))
            .collect();
        assert_eq!(order, PHASES);
        let names: Vec<&str> = names().collect();
        assert_eq!(
            names,
            [
                "connect", "proxy", "tls", "banner", "ehlo", "starttls", "auth", "mail", "rcpt",
                "data", "quit", "total"
            ]
        );
    }

    #[test]
    fn counts_groups_and_quantiles() {
        let mut s = Stats::new();
        for i in 1..=100u64 {
            s.record_phases(
                &[(Phase::Connect, i as f64), (Phase::Quit, 1.0)],
                &[Phase::Connect],
            );
            s.message(Duration::from_millis(i), Ok(None));
        }
        let rej = Failure::new(Phase::Rcpt, Kind::Rejected, "all 1 recipient(s) rejected")
            .with_reply("550 5.1.1 <x@y>: Recipient address rejected");
        let closed = Failure::new(Phase::Banner, Kind::Closed, "server closed the connection");
        for _ in 0..3 {
            s.message(Duration::from_millis(1), Err(&rej));
        }
        s.message(Duration::from_millis(1), Err(&closed));
        assert_eq!((s.attempted, s.accepted, s.failed), (104, 100, 4));
        let l = serde_json::to_value(s.latency()).unwrap();
        assert_eq!(l["connect"]["n"], 100);
        assert_eq!(l["quit"]["n"], 0, "filtered out");
        // 3 significant digits.
        let near = |v: &Value, want: f64| (v.as_f64().unwrap() - want).abs() <= want / 1000.0;
        assert!(near(&l["connect"]["p50"], 50.0), "{}", l["connect"]);
        assert!(near(&l["connect"]["p90"], 90.0), "{}", l["connect"]);
        assert!(near(&l["connect"]["max"], 100.0), "{}", l["connect"]);
        assert_eq!(l["total"]["n"], 104);
        let e = serde_json::to_value(s.errors()).unwrap();
        assert_eq!(e["total"], 4);
        assert_eq!(e["by_code"], json!({"550": 3}));
        assert_eq!(e["by_phase"], json!({"rcpt": 3, "banner": 1}));
        assert_eq!(e["by_kind"], json!({"rejected": 3, "closed": 1}));
        assert_eq!(s.most_common().unwrap().code, Some(550));
        assert!(
            s.errors().groups[0]
                .describe()
                .starts_with("rejected (550): all 1 recipient(s) rejected (server said: 550"),
            "{e}"
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
        assert_eq!(s.errors().total, 200);
    }

    /// A partial acceptance is counted apart from failures but grouped with them, by its JSON
    /// name, with the reply that shows why.
    #[test]
    fn partial_acceptances_are_counted_and_grouped() {
        let mut s = Stats::new();
        let p = Judgement::new(Phase::Rcpt, Verdict::Partial, "message accepted for 1 of 2")
            .with_reply("550 5.1.1 no such user");
        s.message(Duration::from_millis(1), Ok(Some(&p)));
        s.message(Duration::from_millis(1), Ok(Some(&p)));
        let f = Failure::new(Phase::Rcpt, Kind::Rejected, "all 2 recipient(s) rejected");
        s.message(Duration::from_millis(1), Err(&f));
        assert_eq!((s.attempted, s.accepted, s.partial, s.failed), (3, 0, 2, 1));
        let e = serde_json::to_value(s.errors()).unwrap();
        assert_eq!(e["total"], 3);
        assert_eq!(e["by_kind"], json!({"partial": 2, "rejected": 1}));
        assert_eq!(e["groups"][0]["kind"], "partial");
        let top = s.most_common().unwrap();
        assert_eq!(top.kind, AnyKind::Judged(Verdict::Partial));
        assert_eq!(
            label(top),
            "partial (550): message accepted for 1 of 2",
            "{e}"
        );
    }
}
