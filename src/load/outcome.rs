//! How a load run ended: its counts ([`Outcome`]), whether the user cut it short
//! ([`Interrupted`]), and the verdict that picks the exit code from the most common failure.

use super::stats::{Stats, label};
use crate::error::{AnyKind, Ending, Failure, Judgement, Kind, Phase, Verdict};

/// How a run went: its counts and histograms, how long it took, whether the user cut it short.
pub(crate) struct Outcome {
    /// Messages asked for (`--count`).
    pub(crate) count: u64,
    pub(crate) stats: Stats,
    pub(crate) elapsed_s: f64,
    pub(crate) interrupted: Interrupted,
}

impl Outcome {
    /// A run that never started (no TLS client, no target): every count zero.
    pub(crate) fn none(count: u64) -> Outcome {
        Outcome {
            count,
            stats: Stats::new(),
            elapsed_s: 0.0,
            interrupted: Interrupted::NOT,
        }
    }

    /// Messages neither attempted nor dropped in flight.
    pub(crate) fn not_attempted(&self) -> u64 {
        self.count
            .saturating_sub(self.stats.attempted + self.interrupted.aborted)
    }

    /// `Ok(None)` when every message was accepted; the partial verdict when only some were; an
    /// interrupted run fails as such (exit 130).
    pub(crate) fn ending(&self) -> Ending {
        if self.interrupted.by_user {
            Err(self.interrupted.failure(self.count, &self.stats))
        } else {
            verdict(self.count, &self.stats)
        }
    }
}

/// How a run ended early at the user's request.
pub(crate) struct Interrupted {
    pub(crate) by_user: bool,
    /// Messages dropped in flight by a second Ctrl-C: they may or may not have been delivered.
    pub(crate) aborted: u64,
}

impl Interrupted {
    const NOT: Interrupted = Interrupted {
        by_user: false,
        aborted: 0,
    };

    /// Exit 130 whatever the messages did: the run did not do what was asked.
    fn failure(&self, count: u64, st: &Stats) -> Failure {
        let mut msg = format!(
            "interrupted (Ctrl-C): {} of {count} messages accepted{}",
            st.accepted,
            some_recipients(st)
        );
        if st.failed + st.partial > 0 {
            msg.push_str(&format!("; {} failed", st.failed + st.partial));
        }
        if self.aborted > 0 {
            msg.push_str(&format!(
                "; {} dropped in flight (may or may not have been delivered)",
                self.aborted
            ));
        }
        let not_sent = count.saturating_sub(st.attempted + self.aborted);
        if not_sent > 0 {
            msg.push_str(&format!("; {not_sent} not attempted"));
        }
        Failure::new(Phase::Setup, Kind::Interrupted, msg)
    }
}

/// A message accepted for only some recipients is not "accepted" (that means all of them) but
/// was delivered: saying only "0 of 4 messages accepted" when each reached one of its two
/// recipients (a 550 at RCPT, or an LMTP recipient's own 452) misstates what happened.
fn some_recipients(st: &Stats) -> String {
    if st.partial == 0 {
        return String::new();
    }
    format!(" ({} more for only some recipients)", st.partial)
}

/// `Ok(None)` when every message was accepted. Otherwise the most common failure decides the
/// exit code: its own code when no message was accepted (as for a single send), the `partial`
/// verdict (10) when some were.
fn verdict(count: u64, st: &Stats) -> Ending {
    if st.accepted == count {
        return Ok(None);
    }
    let not_sent = count - st.attempted;
    let Some(top) = st.most_common() else {
        return Err(Failure::new(
            Phase::Setup,
            Kind::Internal,
            format!("{not_sent} of {count} messages were never attempted"),
        ));
    };
    let others = st.failed + st.partial - top.count;
    let mut msg = format!(
        "{} of {count} messages accepted{}; {} × at {}: {}",
        st.accepted,
        some_recipients(st),
        top.count,
        top.phase,
        label(top)
    );
    if others > 0 {
        msg.push_str(&format!("; {others} other failure(s)"));
    }
    if not_sent > 0 {
        msg.push_str(&format!("; {not_sent} not attempted (stopped)"));
    }
    let stopped = matches!(
        top.kind,
        AnyKind::Failed(Kind::Usage | Kind::Internal | Kind::Capability)
    );
    match top.kind {
        AnyKind::Failed(kind) if st.accepted + st.partial == 0 || stopped => {
            let mut f = Failure::new(top.phase, kind, msg);
            f.reply = top.reply.clone();
            Err(f)
        }
        // Some messages got through: the run is judged partial, whatever failed most.
        _ => {
            let mut j = Judgement::new(top.phase, Verdict::Partial, msg);
            j.reply = top.reply.clone();
            Ok(Some(j))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    fn rejected_rcpt() -> Failure {
        Failure::new(Phase::Rcpt, Kind::Rejected, "all 1 recipient(s) rejected")
            .with_reply("550 5.1.1 no such user")
    }

    fn run_of(accepted: u64, failures: &[Failure]) -> Stats {
        let mut st = Stats::new();
        for _ in 0..accepted {
            st.message(Duration::from_millis(1), Ok(None));
        }
        for f in failures {
            st.message(Duration::from_millis(1), Err(f));
        }
        st
    }

    #[test]
    fn every_message_accepted_is_no_failure() {
        assert!(matches!(verdict(3, &run_of(3, &[])), Ok(None)));
    }

    #[test]
    fn some_accepted_is_partial_with_the_most_common_failure_and_its_reply() {
        let st = run_of(3, &[rejected_rcpt(), rejected_rcpt()]);
        let f = verdict(5, &st).unwrap().unwrap();
        assert_eq!(f.kind, Verdict::Partial);
        assert_eq!(f.phase, Phase::Rcpt);
        assert_eq!(f.reply.as_deref(), Some("550 5.1.1 no such user"));
        assert_eq!(
            f.message,
            "3 of 5 messages accepted; 2 × at rcpt: rejected (550): all 1 recipient(s) rejected"
        );
    }

    #[test]
    fn none_accepted_keeps_the_failures_own_kind_and_counts_the_rest() {
        let refused = Failure::new(Phase::Connect, Kind::Connect, "connection refused");
        let st = run_of(0, &[refused.clone(), refused, rejected_rcpt()]);
        let f = verdict(4, &st).unwrap_err();
        assert_eq!(f.kind, Kind::Connect);
        assert_eq!(
            f.message,
            "0 of 4 messages accepted; 2 × at connect: connect: connection refused; \
             1 other failure(s); 1 not attempted (stopped)"
        );
    }

    #[test]
    fn a_stop_of_our_own_keeps_its_kind_even_after_acceptances() {
        let lacks = Failure::new(Phase::Data, Kind::Capability, "no BDAT");
        let f = verdict(10, &run_of(2, &[lacks])).unwrap_err();
        assert_eq!(f.kind, Kind::Capability);
    }

    /// Only partial acceptances, nothing accepted in full: partial, by the partial group.
    #[test]
    fn only_partial_acceptances_are_partial() {
        let partial = Judgement::new(Phase::Rcpt, Verdict::Partial, "1 of 2 recipient(s) refused")
            .with_reply("550 5.1.1 no such user");
        let mut st = Stats::new();
        for _ in 0..3 {
            st.message(Duration::from_millis(1), Ok(Some(&partial)));
        }
        let j = verdict(3, &st).unwrap().unwrap();
        assert_eq!((j.kind, j.phase), (Verdict::Partial, Phase::Rcpt));
        assert_eq!(j.reply.as_deref(), Some("550 5.1.1 no such user"));
        assert_eq!(
            j.message,
            "0 of 3 messages accepted (3 more for only some recipients); 3 × at rcpt: \
             partial (550): 1 of 2 recipient(s) refused"
        );
    }

    #[test]
    fn an_interrupt_says_what_was_sent_dropped_and_left() {
        let partial = Judgement::new(Phase::Rcpt, Verdict::Partial, "1 of 2 recipient(s) refused");
        let mut st = run_of(4, &[rejected_rcpt()]);
        st.message(Duration::from_millis(1), Ok(Some(&partial)));
        let stopped = Interrupted {
            by_user: true,
            aborted: 2,
        };
        let f = stopped.failure(10, &st);
        assert_eq!(f.kind, Kind::Interrupted);
        assert_eq!(
            f.message,
            "interrupted (Ctrl-C): 4 of 10 messages accepted (1 more for only some recipients); \
             2 failed; 2 dropped in flight (may or may not have been delivered); 2 not attempted"
        );
        let run = Outcome {
            count: 10,
            stats: st,
            elapsed_s: 1.0,
            interrupted: stopped,
        };
        assert_eq!(run.not_attempted(), 2);
        assert_eq!(run.ending().unwrap_err().kind, Kind::Interrupted);
    }
}
