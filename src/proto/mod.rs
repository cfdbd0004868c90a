//! Protocol dialogues. They read and write through `transport::wire::Wire`, emit events, and
//! never print.

pub mod imap;
pub mod pop3;
pub mod sasl;
pub mod smtp;

use crate::error::{Failure, Kind, Phase};
use crate::transport::wire::Io;
use std::future::Future;

/// Whether the dialogue is still in step after `f`. A refusal is a complete answer, after which
/// the server waits for the next command, so the session can be ended politely (RFC 5321
/// §4.1.1.10 QUIT, RFC 9051 §6.1.3 LOGOUT); after a timeout, a broken connection or a reply that
/// makes no sense nothing more can be said. A refused QUIT itself leaves nothing to end.
pub fn in_step(f: &Failure) -> bool {
    f.kind == Kind::Rejected && f.phase != Phase::Quit
}

/// The most bytes a retrieval may deliver for a message the server announced as `announced`
/// octets (POP3 LIST, RFC 1939 §5; IMAP RFC822.SIZE, RFC 9051 §7.5.2). Both RFCs call the size
/// exact, but servers that store LF line ends may count them while CRLF arrives on the wire (one
/// more byte per line: at worst twice the size, for a message of empty lines), and some rebuild
/// the MIME when they serve it (Exchange's sizes are known to be approximate). So the bound is
/// twice the size plus 64 KiB: never wrong for a real message, and still a hard end for a server
/// that streams without end. A difference within it is only a warning (see the callers).
pub fn retrieval_bound(announced: u64) -> u64 {
    announced.saturating_mul(2).saturating_add(64 * 1024)
}

/// What the SMTP, POP3 and IMAP clients share at the end of a session.
pub trait Session: Send {
    /// Close the timing of the current phase (`Wire::end_phase`).
    fn end_phase(&mut self);

    /// End the session politely: QUIT (SMTP, POP3) or LOGOUT (IMAP), whatever the answer.
    fn sign_off(&mut self) -> impl Future<Output = ()> + Send;

    /// End the session after the failure `f`: politely while the dialogue is [`in_step`],
    /// otherwise only close the timing of the phase that failed (the connection is dropped).
    fn end_after(&mut self, f: &Failure) -> impl Future<Output = ()> + Send {
        async move {
            if in_step(f) {
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
    fn sign_off(&mut self) -> impl Future<Output = ()> + Send {
        self.quit()
    }
}

impl<S: Io> Session for imap::Imap<S> {
    fn end_phase(&mut self) {
        self.wire.end_phase();
    }
    fn sign_off(&mut self) -> impl Future<Output = ()> + Send {
        self.logout()
    }
}

impl<S: Io> Session for pop3::Pop3<S> {
    fn end_phase(&mut self) {
        self.wire.end_phase();
    }
    async fn sign_off(&mut self) {
        // The outcome is already decided; the answer to QUIT is in the transcript.
        let _ = self.quit().await;
    }
}
