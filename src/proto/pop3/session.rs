//! The `pop3 …` dialogue's steps (RFC 1939): the opening (greeting, CAPA, STLS, UTF8, login),
//! one step per command, and the two ways out — a QUIT that commits deletions (§6) and a RSET
//! that unmarks them (§5) after a failure. Nothing here prints: the wire's events carry the
//! dialogue, and each step returns what it learned.

use super::{Login, MAX_LIST_BYTES, MAX_LIST_LINES, Pop3, Status};
use crate::error::{Failure, Kind, Phase};
use crate::outfile::data::DataOut;
use crate::proto::{self, Session};
use crate::transport::tls::TlsClient;
use crate::transport::wire::BoxIo;

/// What the opening needs: STLS or not, UTF8 (for retrieval), the login.
pub(crate) struct Opening<'a> {
    pub starttls: bool,
    pub tls: Option<&'a TlsClient>,
    pub host: &'a str,
    /// Ask for the bytes as stored (RFC 6856 UTF8): retrieval must not be downgraded.
    pub utf8: bool,
    pub login: Option<&'a Login>,
    /// CAPA again after login (capabilities can change, RFC 2449 §5).
    pub capa_after_login: bool,
}

/// Greeting, CAPA, STLS, UTF8 and login. `logged_in` is set as soon as the login succeeds, so a
/// later failure knows deletions may be marked and RSET is due (see [`abandon`]).
pub(crate) async fn open(
    p: &mut Pop3<BoxIo>,
    o: &Opening<'_>,
    logged_in: &mut bool,
) -> Result<(), Failure> {
    p.greeting().await?;
    p.capa().await?;
    if o.starttls {
        p.stls(TlsClient::required(o.tls)?, o.host).await?;
    }
    if o.utf8 {
        p.utf8().await?;
    }
    if let Some(login) = o.login {
        p.login(login).await?;
        *logged_in = true;
        if o.capa_after_login {
            p.capa().await?;
        }
    }
    p.wire.set_phase(Phase::Command);
    Ok(())
}

/// Leave after the failure `f` without committing anything: RSET unmarks deletions (RFC 1939
/// §5) before the QUIT that would commit them.
pub(crate) async fn abandon(p: &mut Pop3<BoxIo>, logged_in: bool, f: &Failure) {
    if logged_in && proto::in_step(f) && !p.ended() {
        let _ = p.command("RSET").await;
    }
    p.end_after(f).await;
}

/// STAT (RFC 1939 §5): the drop listing, message count then size in octets.
pub(crate) async fn stat(p: &mut Pop3<BoxIo>) -> Result<(u64, u64), Failure> {
    let st = p.expect_ok("STAT", "STAT").await?;
    two_numbers(p, &st.text)
}

/// LIST or UIDL (RFC 1939 §5, §7), of one message or all: (number, size or unique-id) pairs.
pub(crate) async fn listing(
    p: &mut Pop3<BoxIo>,
    uidl: bool,
    msg: Option<u32>,
) -> Result<Vec<(u64, String)>, Failure> {
    let verb = if uidl { "UIDL" } else { "LIST" };
    match msg {
        Some(n) => Ok(vec![scan_listing(p, verb, u64::from(n)).await?]),
        None => {
            p.expect_ok(verb, verb).await?;
            let lines = p.read_lines_within(MAX_LIST_LINES, MAX_LIST_BYTES).await?;
            lines.iter().map(|l| number_and_rest(p, l)).collect()
        }
    }
}

/// RETR message `n` of `size` octets (from [`message_size`]) into `out`, which is aborted on
/// any failure and handed back otherwise, uncommitted. Returns (out, lines, bytes).
pub(crate) async fn retr(
    p: &mut Pop3<BoxIo>,
    n: u64,
    size: u64,
    mut out: DataOut,
) -> Result<(DataOut, u64, u64), Failure> {
    let st = p.command(&format!("RETR {n}")).await?;
    if !st.ok {
        out.abort();
        return Err(p.rejected(&format!("RETR {n}"), &st));
    }
    let (lines, bytes) = match p.stream_body(size, |chunk| out.write(chunk)).await {
        Ok(x) => x,
        Err(f) => {
            out.abort();
            return Err(f);
        }
    };
    warn_size_mismatch(p, n, size, bytes);
    Ok((out, lines, bytes))
}

/// TOP (RFC 1939 §7): the header and `lines` body lines of message `msg`, streamed into `out`;
/// `size` (the whole message's, from [`message_size`]) bounds it. Returns (lines, bytes).
pub(crate) async fn top(
    p: &mut Pop3<BoxIo>,
    msg: u32,
    lines: u32,
    size: u64,
    out: &mut DataOut,
) -> Result<(u64, u64), Failure> {
    p.expect_ok(&format!("TOP {msg} {lines}"), "TOP").await?;
    p.stream_body(size, |chunk| out.write(chunk)).await
}

/// DELE each message (RFC 1939 §5): only marked; [`commit_quit`] commits them.
pub(crate) async fn dele(p: &mut Pop3<BoxIo>, nums: &[u64]) -> Result<(), Failure> {
    for n in nums {
        p.expect_ok(&format!("DELE {n}"), &format!("DELE {n}"))
            .await?;
    }
    Ok(())
}

/// NOOP (RFC 1939 §5).
pub(crate) async fn noop(p: &mut Pop3<BoxIo>) -> Result<(), Failure> {
    p.expect_ok("NOOP", "NOOP").await.map(drop)
}

/// QUIT when nothing was marked for deletion: a refused QUIT loses nothing, but it is a
/// deviation (RFC 1939 §6 expects +OK) worth a line.
pub(crate) async fn quit(p: &mut Pop3<BoxIo>) -> Result<(), Failure> {
    let st = p.quit().await?;
    if !st.ok {
        p.wire.ctx().warn(format!("QUIT answered {}", st.display()));
    }
    Ok(())
}

/// QUIT after DELE: only a +OK means the deletions were committed (RFC 1939 §6).
pub(crate) async fn commit_quit(p: &mut Pop3<BoxIo>) -> Result<(), Failure> {
    // A QUIT whose answer is lost leaves the deletions unconfirmed: the same outcome as a
    // refused QUIT for the user (exit 27), with what happened in the message.
    let st: Status = p.quit().await.map_err(|f| {
        Failure::new(
            Phase::Quit,
            Kind::Rejected,
            format!("{} — deletions were NOT confirmed", f.message),
        )
    })?;
    if !st.ok {
        return Err(Failure::new(
            Phase::Quit,
            Kind::Rejected,
            "QUIT refused: deletions were not committed",
        )
        .with_reply(st.display()));
    }
    Ok(())
}

/// The message number of the unique id `uid`, looked up with UIDL (RFC 1939 §7).
pub(crate) async fn resolve_uid(p: &mut Pop3<BoxIo>, uid: &str) -> Result<u64, Failure> {
    p.expect_ok("UIDL", "UIDL").await?;
    let lines = p.read_lines_within(MAX_LIST_LINES, MAX_LIST_BYTES).await?;
    for l in &lines {
        let (n, u) = number_and_rest(p, l)?;
        if u == uid {
            return Ok(n);
        }
    }
    Err(Failure::new(
        Phase::Command,
        Kind::Rejected,
        format!(
            "no message with unique id {uid:?} (UIDL listed {})",
            lines.len()
        ),
    ))
}

/// The size of message `n` from `LIST n` (RFC 1939 §5): what bounds its retrieval.
pub(crate) async fn message_size(p: &mut Pop3<BoxIo>, n: u64) -> Result<u64, Failure> {
    let (_, size) = scan_listing(p, "LIST", n).await?;
    size.parse().map_err(|_| {
        p.wire.fail(
            Kind::Protocol,
            format!("LIST {n}: expected a size in octets, got {size:?}"),
        )
    })
}

/// `LIST n` / `UIDL n` (RFC 1939 §5, §7): `+OK n value`. A reply with the value alone (`+OK
/// 4711`) is a deviation some servers make; there is only one way to read it, so it is
/// tolerated with a warning. A reply about another message is not.
async fn scan_listing(p: &mut Pop3<BoxIo>, verb: &str, n: u64) -> Result<(u64, String), Failure> {
    let st = p
        .expect_ok(&format!("{verb} {n}"), &format!("{verb} {n}"))
        .await?;
    let words: Vec<&str> = st.text.split_whitespace().collect();
    match words.as_slice() {
        [value] => {
            p.wire.ctx().warn(format!(
                "{verb} {n}: the server's reply has no message number (RFC 1939 wants \"+OK {n} {}\"); taking {value:?} as the {}",
                if verb == "LIST" { "size" } else { "unique-id" },
                if verb == "LIST" { "size" } else { "unique-id" }
            ));
            Ok((n, value.to_string()))
        }
        _ => {
            let (m, rest) = number_and_rest(p, &st.text)?;
            if m != n {
                return Err(p.wire.fail(
                    Kind::Protocol,
                    format!("{verb} {n} was answered for message {m}: {:?}", st.text),
                ));
            }
            Ok((m, rest))
        }
    }
}

/// RFC 1939 §5 calls the LIST size exact; a difference within the bound is a server deviation
/// (LF counted where CRLF is sent, a rebuilt message) to mention, not to fail on.
fn warn_size_mismatch(p: &Pop3<BoxIo>, n: u64, announced: u64, got: u64) {
    if announced != got {
        p.wire.ctx().warn(format!(
            "message {n}: LIST announced {announced} octets, RETR delivered {got}"
        ));
    }
}

/// `N rest` (LIST and UIDL lines, RFC 1939 §5 and §7).
fn number_and_rest<S>(p: &Pop3<S>, line: &str) -> Result<(u64, String), Failure>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let mut it = line.split_whitespace();
    match (it.next().and_then(|n| n.parse().ok()), it.next()) {
        (Some(n), Some(rest)) => Ok((n, rest.to_string())),
        _ => Err(p.wire.fail(
            Kind::Protocol,
            format!("expected 'number value', got {line:?}"),
        )),
    }
}

fn two_numbers<S>(p: &Pop3<S>, text: &str) -> Result<(u64, u64), Failure>
where
    S: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin,
{
    let (n, rest) = number_and_rest(p, text)?;
    let size = rest.parse().map_err(|_| {
        p.wire.fail(
            Kind::Protocol,
            format!("expected 'count size', got {text:?}"),
        )
    })?;
    Ok((n, size))
}
