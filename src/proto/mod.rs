//! Protocol dialogues. They read and write through `transport::wire::Wire`, emit events, and
//! never print.

pub(crate) mod imap;
pub(crate) mod jmap;
pub(crate) mod pop3;
pub(crate) mod sasl;
pub(crate) mod shell;
pub(crate) mod smtp;

use crate::error::{Failure, Kind, Phase};
use crate::transport::wire::Io;
use std::future::Future;

/// Whether the dialogue is still in step after `f`, so the session can be ended politely (RFC
/// 5321 §4.1.1.10 QUIT, RFC 1939 §6 QUIT, RFC 9051 §6.1.3 LOGOUT).
///
/// In step: a refusal (a complete answer, after which the server waits for the next command),
/// and every stop mailctl makes for its own reasons between commands — a capability the server
/// lacks, a usage error found after connecting, a local file that cannot be written. (A partial
/// acceptance is no failure at all: the transaction ran to its end.) Out of step: a timeout, a broken connection, a TLS failure or a reply that makes
/// no sense (nothing more can be said on that stream), any failure marked
/// [`Failure::out_of_step`] (it struck in the middle of an exchange, e.g. a local write failing
/// while a body is still arriving), and a failed QUIT itself (there is nothing left to end).
pub(crate) fn in_step(f: &Failure) -> bool {
    !f.desynced
        && f.phase != Phase::Quit
        && matches!(
            f.kind,
            Kind::Rejected | Kind::Capability | Kind::Usage | Kind::LocalIo
        )
}

/// The most bytes a retrieval may deliver for a message the server announced as `announced`
/// octets (POP3 LIST, RFC 1939 §5; IMAP RFC822.SIZE, RFC 9051 §7.5.2). Both RFCs call the size
/// exact, but servers that store LF line ends may count them while CRLF arrives on the wire (one
/// more byte per line: at worst twice the size, for a message of empty lines), and some rebuild
/// the MIME when they serve it (Exchange's sizes are known to be approximate). So the bound is
/// twice the size plus 64 KiB: never wrong for a real message, and still a hard end for a server
/// that streams without end. A difference within it is only a warning (see the callers).
pub(crate) fn retrieval_bound(announced: u64) -> u64 {
    announced.saturating_mul(2).saturating_add(64 * 1024)
}

/// What the SMTP, POP3 and IMAP clients share at the end of a session.
pub(crate) trait Session: Send {
    /// Close the timing of the current phase (`Wire::end_phase`).
    fn end_phase(&mut self);

    /// The session already ended (QUIT/LOGOUT sent, or closed on purpose): a failure found
    /// afterwards must not end it twice.
    fn ended(&self) -> bool;

    /// End the session politely: QUIT (SMTP, POP3) or LOGOUT (IMAP), whatever the answer.
    fn sign_off(&mut self) -> impl Future<Output = ()> + Send;

    /// End the session after the failure `f`: politely while the dialogue is [`in_step`],
    /// otherwise only close the timing of the phase that failed (the connection is dropped).
    fn end_after(&mut self, f: &Failure) -> impl Future<Output = ()> + Send {
        async move {
            if in_step(f) && !self.ended() {
                self.sign_off().await;
            } else {
                self.end_phase();
            }
        }
    }

    /// `res`, after ending the session as [`Session::end_after`] says when it is a failure.
    fn end_if_failed<T: Send>(
        &mut self,
        res: Result<T, Failure>,
    ) -> impl Future<Output = Result<T, Failure>> + Send {
        async move {
            if let Err(f) = &res {
                self.end_after(f).await;
            }
            res
        }
    }
}

impl<S: Io> Session for smtp::client::SmtpClient<S> {
    fn end_phase(&mut self) {
        self.wire.end_phase();
    }
    fn ended(&self) -> bool {
        self.wire.is_shut()
    }
    fn sign_off(&mut self) -> impl Future<Output = ()> + Send {
        self.quit()
    }
}

impl<S: Io> Session for imap::Imap<S> {
    fn end_phase(&mut self) {
        self.wire.end_phase();
    }
    fn ended(&self) -> bool {
        self.wire.is_shut()
    }
    fn sign_off(&mut self) -> impl Future<Output = ()> + Send {
        self.logout()
    }
}

impl<S: Io> Session for pop3::Pop3<S> {
    fn end_phase(&mut self) {
        self.wire.end_phase();
    }
    fn ended(&self) -> bool {
        self.wire.is_shut()
    }
    async fn sign_off(&mut self) {
        // The outcome is already decided; the answer to QUIT is in the transcript, and a
        // refusal (nothing was marked for deletion, so nothing is lost) gets a line.
        if let Ok(st) = self.quit().await
            && !st.ok
        {
            self.wire
                .ctx()
                .warn(format!("QUIT answered {}", st.display()));
        }
    }
}
