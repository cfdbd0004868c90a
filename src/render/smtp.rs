//! How `smtp send`'s results look to people: a line per recipient after the timings, or, for a
//! load run, the failures as a tree and the latency table.

use super::human::TreeNode;
use super::human::{clean, table, tree};
use crate::error::Phase;
use crate::report::Human;
use crate::report::smtp::{LoadResult, SendResult};
use colored::Colorize;

impl Human for SendResult {
    /// One line per recipient: the mark says what the JSON's `delivered` says.
    fn after(&self) -> String {
        let mut out = String::new();
        for v in &self.verified {
            let mark = match v.code {
                250 | 251 => "verified".green(),
                252 => "unsure".yellow(),
                _ => "REFUSED".red(),
            };
            let (cmd, arg, reply) = (clean(&v.command), clean(&v.arg), clean(&v.reply));
            out.push_str(&format!("  {mark:<8} {cmd} {arg}  {reply}\n"));
        }
        for rc in &self.recipients {
            // The same fields the JSON carries decide the mark, so the two never disagree:
            // `delivered` is the outcome; an accepted RCPT alone (no message sent or taken) is
            // not called accepted.
            let mark = if rc.delivered {
                "accepted".green()
            } else if !rc.accepted || rc.delivery.is_some() {
                "REJECTED".red()
            } else {
                "RCPT ok".yellow()
            };
            let extra = rc
                .delivery
                .as_deref()
                .map(|d| format!(" / delivery: {d}"))
                .unwrap_or_default();
            let (addr, reply, extra) = (clean(&rc.addr), clean(&rc.reply), clean(&extra));
            out.push_str(&format!("  {mark:<8} {addr}  {reply}{extra}\n"));
        }
        out
    }
}

impl Human for LoadResult {
    /// The failures (when there were any), then latency per phase for the phases that happened.
    fn results(&self) -> String {
        let mut out = String::new();
        if let Some(t) = failures(self) {
            out.push_str(&tree(&t));
        }
        let (cols, rows) = latency_table(self);
        if !rows.is_empty() {
            out.push_str(&table(&cols, &rows));
        }
        out
    }
}

/// Rows for people: phase, n, p50, p90, p99, max (ms), for the phases that happened.
fn latency_table(r: &LoadResult) -> (Vec<String>, Vec<Vec<String>>) {
    let cols = ["phase", "n", "p50 ms", "p90 ms", "p99 ms", "max ms"]
        .map(String::from)
        .to_vec();
    let f = |ms: Option<f64>| format!("{:.3}", ms.unwrap_or(0.0));
    let rows = r
        .load
        .latency_ms
        .0
        .iter()
        .filter(|(_, q)| q.n > 0)
        .map(|(name, q)| {
            vec![
                name.to_string(),
                q.n.to_string(),
                f(q.p50),
                f(q.p90),
                f(q.p99),
                f(q.max),
            ]
        })
        .collect();
    (cols, rows)
}

/// Failures for people: by phase, then by kind and code, with the server's words.
fn failures(r: &LoadResult) -> Option<TreeNode> {
    let e = &r.load.errors;
    if e.groups.is_empty() && e.ungrouped == 0 {
        return None;
    }
    let mut phases: Vec<Phase> = e.groups.iter().map(|g| g.phase).collect();
    phases.sort();
    phases.dedup();
    let leaf = |label: String| TreeNode {
        label,
        children: vec![],
    };
    let mut children: Vec<TreeNode> = phases
        .into_iter()
        .map(|p| {
            let gs: Vec<_> = e.groups.iter().filter(|g| g.phase == p).collect();
            let n: u64 = gs.iter().map(|g| g.count).sum();
            TreeNode {
                label: format!("{p}: {n}"),
                children: gs
                    .iter()
                    .map(|g| leaf(format!("{} × {}", g.count, g.describe())))
                    .collect(),
            }
        })
        .collect();
    if e.ungrouped > 0 {
        children.push(leaf(format!(
            "{} more in other groups (not itemised)",
            e.ungrouped
        )));
    }
    Some(TreeNode {
        label: format!(
            "errors: {} of {} messages not (fully) accepted",
            e.total, r.load.messages.attempted
        ),
        children,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{Failure, Kind};
    use crate::load::stats::Stats;
    use crate::report::smtp::{LoadSummary, MessageCounts, SessionCounts};
    use std::time::Duration;

    fn result(st: &Stats) -> LoadResult {
        LoadResult {
            load: LoadSummary {
                count: st.attempted,
                concurrency: 1,
                per_session: 1,
                rate: None,
                message_bytes: 0,
                messages: MessageCounts {
                    attempted: st.attempted,
                    accepted: st.accepted,
                    partial: st.partial,
                    failed: st.failed,
                    aborted: 0,
                    not_attempted: 0,
                },
                interrupted: false,
                sessions: SessionCounts {
                    opened: 1,
                    failed: 0,
                },
                elapsed_ms: 1.0,
                messages_per_s: 0.0,
                attempted_per_s: 0.0,
                latency_ms: st.latency(),
                errors: st.errors(),
            },
        }
    }

    #[test]
    fn load_failures_tree_by_phase_then_group() {
        colored::control::set_override(false);
        let mut s = Stats::new();
        s.record_phases(&[(Phase::Connect, 2.0)], &[Phase::Connect]);
        s.message(Duration::from_millis(3), Ok(None));
        let rej = Failure::new(Phase::Rcpt, Kind::Rejected, "all 1 recipient(s) rejected")
            .with_reply("550 5.1.1 <x@y>: Recipient address rejected");
        let closed = Failure::new(Phase::Banner, Kind::Closed, "server closed the connection");
        for _ in 0..3 {
            s.message(Duration::from_millis(1), Err(&rej));
        }
        s.message(Duration::from_millis(1), Err(&closed));
        let text = result(&s).results();
        assert_eq!(
            text.lines().take(5).collect::<Vec<_>>(),
            [
                "errors: 4 of 5 messages not (fully) accepted",
                "├─ banner: 1",
                "│  └─ 1 × closed: server closed the connection",
                "└─ rcpt: 3",
                "   └─ 3 × rejected (550): all 1 recipient(s) rejected (server said: 550 5.1.1 <x@y>: Recipient address rejected)",
            ],
            "{text}"
        );
        assert!(text.contains("\nconnect  1  2.000"), "{text}");
        assert!(text.contains("\ntotal    5  "), "{text}");
        assert!(
            !text.contains("\nquit"),
            "phases that did not happen: {text}"
        );
    }

    /// The summary's `load` and send fields, key for key as the JSON schema has them (README):
    /// the order, the nulls and the float forms are the interface.
    #[test]
    fn json_keys_order_and_nulls_are_the_schema() {
        let mut s = Stats::new();
        s.record_phases(
            &[(Phase::Connect, 1.0), (Phase::Quit, 9.0)],
            &[Phase::Connect],
        );
        s.record_phases(&[(Phase::Connect, 2.0)], &[Phase::Connect]);
        s.message(Duration::from_millis(2), Ok(None));
        let rej = Failure::new(Phase::Rcpt, Kind::Rejected, "no").with_reply("550 5.1.1 no");
        s.message(Duration::from_millis(1), Err(&rej));
        let none = "{\"n\":0,\"p50\":null,\"p90\":null,\"p99\":null,\"max\":null,\"mean\":null}";
        let want = format!(
            "{{\"load\":{{\"count\":2,\"concurrency\":1,\"per_session\":1,\"rate\":null,\
             \"message_bytes\":0,\"messages\":{{\"attempted\":2,\"accepted\":1,\"partial\":0,\
             \"failed\":1,\"aborted\":0,\"not_attempted\":0}},\"interrupted\":false,\
             \"sessions\":{{\"opened\":1,\"failed\":0}},\"elapsed_ms\":1.0,\
             \"messages_per_s\":0.0,\"attempted_per_s\":0.0,\"latency_ms\":{{\
             \"connect\":{{\"n\":2,\"p50\":1.0,\"p90\":2.0,\"p99\":2.0,\"max\":2.0,\"mean\":1.5}},\
             \"proxy\":{none},\"tls\":{none},\"banner\":{none},\"ehlo\":{none},\"starttls\":{none},\"auth\":{none},\
             \"mail\":{none},\"rcpt\":{none},\"data\":{none},\"quit\":{none},\
             \"total\":{{\"n\":2,\"p50\":1.0,\"p90\":2.0,\"p99\":2.0,\"max\":2.0,\"mean\":1.5}}}},\
             \"errors\":{{\"total\":1,\"by_code\":{{\"550\":1}},\"by_phase\":{{\"rcpt\":1}},\
             \"by_kind\":{{\"rejected\":1}},\"groups\":[{{\"phase\":\"rcpt\",\"kind\":\"rejected\",\
             \"code\":550,\"count\":1,\"message\":\"no\",\"reply\":\"550 5.1.1 no\"}}],\
             \"ungrouped\":0}}}}}}"
        );
        assert_eq!(serde_json::to_string(&result(&s)).unwrap(), want);
        assert_eq!(
            serde_json::to_string(&SendResult::default()).unwrap(),
            "{\"recipients\":[],\"accepted\":false,\"tls\":false}"
        );
    }
}
