//! A scripted fake peer for protocol tests: listens on 127.0.0.1 (port 0), accepts one client on a
//! std thread, and plays a script of steps (send raw bytes, expect a line, read a DATA body, sleep,
//! close, stall…). It records everything the client sent, with timings, so tests can assert on the
//! bytes on the wire. Protocol-neutral: usable for SMTP, LMTP, POP3 and IMAP alike.
//!
//! The fake never hangs a test: accepting, every read and every write have a deadline
//! (`FakeServer::DEFAULT_LIMIT` unless `start_with_limit` says otherwise), and the first step that
//! goes wrong ends the script and is reported by [`FakeServer::finish`].

#![allow(dead_code)]

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Lines longer than this (without a newline) are recorded in pieces; the fake must not grow
/// unbounded either.
const MAX_LINE: usize = 1 << 20;

/// One step of a script.
#[derive(Debug, Clone)]
pub enum Step {
    /// Write these raw bytes in one write (malformed, non-UTF-8, partial lines are all fine).
    Send(Vec<u8>),
    /// Write these bytes one at a time with a pause after each (slowloris). Stops quietly when the
    /// client has gone away.
    Drip(Vec<u8>, u64),
    /// Read one line from the client (up to LF) and fail the script unless it starts with this
    /// prefix (ASCII case-insensitive, like SMTP verbs).
    Expect(String),
    /// Read one line, whatever it is.
    ReadLine,
    /// Read a DATA body up to and including the "." terminator line ("\r\n.\r\n").
    ReadUntilDot,
    /// Read exactly this many raw bytes.
    ReadBytes(usize),
    /// Fail the script if the client sends anything within this many milliseconds.
    ExpectSilence(u64),
    /// Pause.
    Sleep(u64),
    /// Close the connection (both directions) and end the script.
    Close,
    /// Hold the connection open without answering until the client goes away (or the limit);
    /// whatever the client sends meanwhile is recorded. Ends the script.
    Stall,
    /// Read (and record) until the client closes the connection. Ends the script.
    ReadToEnd,
    /// Abort the connection with a TCP RST (SO_LINGER 0, then close): what the client sees when
    /// a server crashes or a middlebox kills the flow. Ends the script.
    Reset,
    /// Write `pattern` over and over, up to `max` bytes, until the client goes away (or the
    /// limit): endless continuation lines, a line that never ends. Not recorded byte by byte
    /// (the count is, in `Transcript::flooded`). Ends the script.
    Flood { pattern: Vec<u8>, max: u64 },
    /// Act as a TLS server (rustls) on this connection until the handshake completes or fails;
    /// the outcome is in `Transcript::tls`. Ends the script.
    TlsAccept(std::sync::Arc<rustls::ServerConfig>),
    /// Write what `Computed`'s function makes of the client lines received so far: a reply that
    /// must quote something the client chose (a random token).
    Reply(Computed),
}

/// A function from the client lines so far to the bytes to send (see [`Step::Reply`]).
#[derive(Clone)]
pub struct Computed(pub std::sync::Arc<ReplyFn>);

/// What a [`Step::Reply`] runs.
pub type ReplyFn = dyn Fn(&[String]) -> Vec<u8> + std::marker::Send + Sync;

impl std::fmt::Debug for Computed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Computed(..)")
    }
}

/// `Reply` from a closure over the client lines so far.
pub fn reply(f: impl Fn(&[String]) -> Vec<u8> + std::marker::Send + Sync + 'static) -> Step {
    Step::Reply(Computed(std::sync::Arc::new(f)))
}

pub use Step::*;

/// `Send` from anything byte-like: `send("220 hi\r\n")`, `send(b"\xff")`, `send(vec)`.
pub fn send(b: impl AsRef<[u8]>) -> Step {
    Step::Send(b.as_ref().to_vec())
}

/// `Expect` a line starting with `prefix`.
pub fn expect(prefix: &str) -> Step {
    Step::Expect(prefix.to_string())
}

/// Send one line, adding CRLF.
pub fn line(s: &str) -> Step {
    Step::Send(format!("{s}\r\n").into_bytes())
}

/// The bytes of an SMTP reply of one or more lines (RFC 5321 §4.2.1): `code-text` on every
/// line but the last, `code text` on the last.
pub fn smtp_reply(code: u16, lines: &[&str]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let sep = if i + 1 == lines.len() { ' ' } else { '-' };
        out.extend_from_slice(format!("{code}{sep}{l}\r\n").as_bytes());
    }
    out
}

/// Who wrote a recorded chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dir {
    /// The client (the program under test) sent it; we read it.
    Client,
    /// The fake server wrote it.
    Server,
}

/// One recorded chunk, with its time since the connection was accepted.
#[derive(Debug, Clone)]
pub struct Entry {
    pub at: Duration,
    pub dir: Dir,
    pub bytes: Vec<u8>,
}

/// Everything that happened on the connection.
#[derive(Debug, Default, Clone)]
pub struct Transcript {
    /// Every line the client sent (line endings stripped), in order; DATA bodies are not split
    /// into lines here (see `bodies`).
    pub lines: Vec<Vec<u8>>,
    /// Every DATA body read by `ReadUntilDot`, exactly as on the wire, terminator included.
    pub bodies: Vec<Vec<u8>>,
    /// Every byte the client sent, in order.
    pub raw: Vec<u8>,
    /// Reads and writes in order, with times.
    pub log: Vec<Entry>,
    /// Whether a client connected at all.
    pub connected: bool,
    /// The first thing that went wrong with the script (None: it ran to the end).
    pub error: Option<String>,
    /// Bytes written by a `Flood` step.
    pub flooded: u64,
    /// Outcome of a `TlsAccept` step: Ok once the handshake completed, else what failed.
    pub tls: Option<Result<(), String>>,
}

impl Transcript {
    /// Client lines as (lossy) strings.
    pub fn text_lines(&self) -> Vec<String> {
        self.lines
            .iter()
            .map(|l| String::from_utf8_lossy(l).into_owned())
            .collect()
    }

    /// Whether any client line starts with this prefix (ASCII case-insensitive).
    pub fn saw(&self, prefix: &str) -> bool {
        self.lines.iter().any(|l| starts_with_ci(l, prefix))
    }

    /// Panic (with the transcript) if the script did not run to the end.
    pub fn assert_ok(&self) {
        if let Some(e) = &self.error {
            panic!(
                "fake server script failed: {e}\nclient lines: {:?}",
                self.text_lines()
            );
        }
    }
}

fn starts_with_ci(line: &[u8], prefix: &str) -> bool {
    line.len() >= prefix.len() && line[..prefix.len()].eq_ignore_ascii_case(prefix.as_bytes())
}

pub struct FakeServer {
    pub addr: SocketAddr,
    pub handle: JoinHandle<()>,
    shared: Arc<Mutex<Transcript>>,
}

impl FakeServer {
    pub const DEFAULT_LIMIT: Duration = Duration::from_secs(10);

    pub fn start(script: Vec<Step>) -> FakeServer {
        Self::start_with_limit(script, Self::DEFAULT_LIMIT)
    }

    /// `limit` bounds waiting for the client to connect and every single read or write.
    pub fn start_with_limit(script: Vec<Step>, limit: Duration) -> FakeServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind fake server");
        let addr = listener.local_addr().unwrap();
        let shared = Arc::new(Mutex::new(Transcript::default()));
        let rec = shared.clone();
        let handle = std::thread::spawn(move || {
            let mut s = Session {
                rec,
                limit,
                start: Instant::now(),
                buf: Vec::new(),
            };
            if let Err(e) = s.run(listener, script) {
                let mut t = s.rec.lock().unwrap_or_else(|p| p.into_inner());
                t.error.get_or_insert(e);
            }
        });
        FakeServer {
            addr,
            handle,
            shared,
        }
    }

    /// "127.0.0.1:PORT", for `--server`.
    pub fn server_arg(&self) -> String {
        self.addr.to_string()
    }

    /// A snapshot of what has been recorded so far (the script may still be running).
    pub fn snapshot(&self) -> Transcript {
        self.shared
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Wait for the script to end (bounded: every step has a deadline) and return the transcript.
    pub fn finish(self) -> Transcript {
        if self.handle.join().is_err() {
            let mut t = self.shared.lock().unwrap_or_else(|p| p.into_inner());
            t.error.get_or_insert("fake server thread panicked".into());
        }
        self.shared
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }
}

struct Session {
    rec: Arc<Mutex<Transcript>>,
    limit: Duration,
    start: Instant,
    /// Bytes read from the client but not yet consumed by a step.
    buf: Vec<u8>,
}

fn is_gone(e: &std::io::Error) -> bool {
    matches!(
        e.kind(),
        ErrorKind::BrokenPipe
            | ErrorKind::ConnectionReset
            | ErrorKind::ConnectionAborted
            | ErrorKind::UnexpectedEof
    )
}

fn is_timeout(e: &std::io::Error) -> bool {
    matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)
}

impl Session {
    fn with<R>(&self, f: impl FnOnce(&mut Transcript) -> R) -> R {
        f(&mut self.rec.lock().unwrap_or_else(|p| p.into_inner()))
    }

    fn log(&self, dir: Dir, bytes: &[u8]) {
        let at = self.start.elapsed();
        self.with(|t| {
            if dir == Dir::Client {
                t.raw.extend_from_slice(bytes);
            }
            t.log.push(Entry {
                at,
                dir,
                bytes: bytes.to_vec(),
            })
        });
    }

    fn accept(&self, listener: &TcpListener) -> Result<TcpStream, String> {
        listener.set_nonblocking(true).map_err(|e| e.to_string())?;
        let deadline = Instant::now() + self.limit;
        loop {
            match listener.accept() {
                Ok((s, _)) => {
                    s.set_nonblocking(false).map_err(|e| e.to_string())?;
                    return Ok(s);
                }
                Err(e) if e.kind() == ErrorKind::WouldBlock => {
                    if Instant::now() > deadline {
                        return Err(format!("no client connected within {:?}", self.limit));
                    }
                    std::thread::sleep(Duration::from_millis(5));
                }
                Err(e) => return Err(format!("accept: {e}")),
            }
        }
    }

    fn run(&mut self, listener: TcpListener, script: Vec<Step>) -> Result<(), String> {
        let mut s = self.accept(&listener)?;
        drop(listener);
        self.start = Instant::now();
        self.with(|t| t.connected = true);
        s.set_nodelay(true).ok();
        s.set_read_timeout(Some(self.limit)).ok();
        s.set_write_timeout(Some(self.limit)).ok();
        for (i, step) in script.into_iter().enumerate() {
            let done = self
                .step(&mut s, &step)
                .map_err(|e| format!("step {i} ({step:?}): {e}"))?;
            if done {
                return Ok(());
            }
        }
        Ok(())
    }

    /// One read from the socket into `buf`. Ok(false) on EOF.
    fn fill(&mut self, s: &mut TcpStream, timeout: Duration) -> Result<bool, std::io::Error> {
        s.set_read_timeout(Some(timeout.max(Duration::from_millis(1))))?;
        let mut chunk = [0u8; 16 * 1024];
        let n = s.read(&mut chunk)?;
        if n > 0 {
            self.log(Dir::Client, &chunk[..n]);
            self.buf.extend_from_slice(&chunk[..n]);
        }
        Ok(n > 0)
    }

    /// Take one line (with its LF) from the client.
    fn read_line(&mut self, s: &mut TcpStream) -> Result<Vec<u8>, String> {
        let deadline = Instant::now() + self.limit;
        loop {
            if let Some(i) = self.buf.iter().position(|&b| b == b'\n') {
                return Ok(self.buf.drain(..=i).collect());
            }
            if self.buf.len() > MAX_LINE {
                return Err(format!("client line longer than {MAX_LINE} bytes"));
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.fill(s, left) {
                Ok(true) => {}
                Ok(false) => {
                    return Err(format!(
                        "client closed the connection (unterminated: {:?})",
                        String::from_utf8_lossy(&self.buf)
                    ));
                }
                Err(e) if is_timeout(&e) => {
                    return Err(format!("no line from the client within {:?}", self.limit));
                }
                Err(e) => return Err(format!("read: {e}")),
            }
        }
    }

    fn record_line(&self, l: &[u8]) {
        let stripped = l
            .strip_suffix(b"\n")
            .map(|x| x.strip_suffix(b"\r").unwrap_or(x))
            .unwrap_or(l);
        self.with(|t| t.lines.push(stripped.to_vec()));
    }

    fn write(&self, s: &mut TcpStream, b: &[u8]) -> Result<(), std::io::Error> {
        s.write_all(b)?;
        s.flush()?;
        self.log(Dir::Server, b);
        Ok(())
    }

    /// Read and record until EOF or the limit; buffered bytes are recorded as lines first.
    fn drain(&mut self, s: &mut TcpStream) -> Result<(), String> {
        let deadline = Instant::now() + self.limit;
        loop {
            while let Some(i) = self.buf.iter().position(|&b| b == b'\n') {
                let l: Vec<u8> = self.buf.drain(..=i).collect();
                self.record_line(&l);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return Err(format!("client still connected after {:?}", self.limit));
            }
            match self.fill(s, left) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) if is_gone(&e) => break,
                Err(e) if is_timeout(&e) => {
                    return Err(format!("client still connected after {:?}", self.limit));
                }
                Err(e) => return Err(format!("read: {e}")),
            }
        }
        if !self.buf.is_empty() {
            let rest = std::mem::take(&mut self.buf);
            self.record_line(&rest);
        }
        Ok(())
    }

    /// Run one step; Ok(true) ends the script.
    fn step(&mut self, s: &mut TcpStream, step: &Step) -> Result<bool, String> {
        match step {
            Send(b) => self.write(s, b).map_err(|e| format!("write: {e}"))?,
            Reply(f) => {
                let lines = self.with(|t| t.text_lines());
                let b = (f.0)(&lines);
                self.write(s, &b).map_err(|e| format!("write: {e}"))?
            }
            Drip(b, ms) => {
                for byte in b {
                    match self.write(s, std::slice::from_ref(byte)) {
                        Ok(()) => {}
                        Err(e) if is_gone(&e) => return Ok(true),
                        Err(e) => return Err(format!("write: {e}")),
                    }
                    std::thread::sleep(Duration::from_millis(*ms));
                }
            }
            Expect(prefix) => {
                let l = self.read_line(s)?;
                self.record_line(&l);
                if !starts_with_ci(&l, prefix) {
                    return Err(format!(
                        "expected a line starting with {prefix:?}, got {:?}",
                        String::from_utf8_lossy(&l)
                    ));
                }
            }
            ReadLine => {
                let l = self.read_line(s)?;
                self.record_line(&l);
            }
            ReadUntilDot => {
                let mut body = Vec::new();
                loop {
                    let l = self.read_line(s)?;
                    body.extend_from_slice(&l);
                    if l == b".\r\n" {
                        break;
                    }
                }
                self.with(|t| t.bodies.push(body));
            }
            ReadBytes(n) => {
                let deadline = Instant::now() + self.limit;
                while self.buf.len() < *n {
                    let left = deadline.saturating_duration_since(Instant::now());
                    match self.fill(s, left) {
                        Ok(true) => {}
                        Ok(false) => return Err("client closed the connection".into()),
                        Err(e) => return Err(format!("read: {e}")),
                    }
                }
                self.buf.drain(..*n);
            }
            ExpectSilence(ms) => {
                if !self.buf.is_empty() {
                    return Err(format!(
                        "client had already sent {:?}",
                        String::from_utf8_lossy(&self.buf)
                    ));
                }
                // One read with the silence period as its timeout: any byte at all is a failure.
                match self.fill(s, Duration::from_millis(*ms)) {
                    Ok(true) => {
                        return Err(format!(
                            "client sent {:?} without waiting",
                            String::from_utf8_lossy(&self.buf)
                        ));
                    }
                    Ok(false) => return Err("client closed the connection".into()),
                    Err(e) if is_timeout(&e) => {}
                    Err(e) => return Err(format!("read: {e}")),
                }
            }
            Sleep(ms) => std::thread::sleep(Duration::from_millis(*ms)),
            Close => {
                let _ = s.shutdown(Shutdown::Both);
                return Ok(true);
            }
            Stall | ReadToEnd => {
                self.drain(s)?;
                return Ok(true);
            }
            Reset => {
                reset(s);
                return Ok(true);
            }
            Flood { pattern, max } => {
                let deadline = Instant::now() + self.limit;
                let chunk: Vec<u8> = pattern
                    .iter()
                    .copied()
                    .cycle()
                    .take(pattern.len() * (64 * 1024 / pattern.len().max(1)).max(1))
                    .collect();
                let mut sent = 0u64;
                while sent < *max && Instant::now() < deadline {
                    let n = chunk.len().min((*max - sent) as usize);
                    match s.write_all(&chunk[..n]) {
                        Ok(()) => sent += n as u64,
                        Err(_) => break, // the client hung up (or stopped reading): done
                    }
                }
                self.with(|t| t.flooded += sent);
                return Ok(true);
            }
            TlsAccept(config) => {
                let outcome = tls_accept(s, config.clone());
                self.with(|t| t.tls = Some(outcome));
                return Ok(true);
            }
        }
        Ok(false)
    }
}

/// Send a TCP RST: SO_LINGER on with a zero timeout makes close() abort the connection.
fn reset(s: &TcpStream) {
    use std::os::fd::AsRawFd;
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a valid socket fd and a correctly sized linger struct.
    unsafe {
        libc::setsockopt(
            s.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&linger as *const libc::linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
    // The caller drops the stream next: that close() is the RST.
}

/// Run a rustls server handshake over `s`.
fn tls_accept(s: &mut TcpStream, config: Arc<rustls::ServerConfig>) -> Result<(), String> {
    let mut conn = rustls::ServerConnection::new(config).map_err(|e| e.to_string())?;
    while conn.is_handshaking() {
        conn.complete_io(s).map_err(|e| e.to_string())?;
    }
    // Flush what the handshake left to send, then give the client a moment to react to it.
    let _ = conn.complete_io(s);
    Ok(())
}
