//! A generic HTTP/1.1 client session (RFC 9110, RFC 9112) over mailctl's own connect and TLS
//! code: `--connect-to` (curl's meaning), `--proxy`, `--local-addr`, `--ca-file`/`--insecure`
//! and the certificate shown as for every other session. hyper (`client::conn::http1`) speaks
//! HTTP; [`tap`] turns each request and response head into timed `C:`/`S:` lines, with
//! `Authorization` values shown as `***`.
//!
//! One keep-alive connection per origin (scheme, host, port), reused for the next request to the
//! same origin (RFC 9112 §9.3) and opened again when the server closed it. Bodies: a summary in
//! the transcript, or with `--show-data` every line (JSON pretty-printed); a response body is
//! read whole only up to [`HttpPlan::max_body`], or streamed piece by piece to the caller (a
//! download, an event stream). Every wait is bounded by `--timeout` and the whole session by
//! `--max-time`. Redirects are the caller's decision: a 3xx is returned as it came, and
//! [`location`] resolves its target (RFC 9110 §10.2.2, RFC 3986 §5).

pub(crate) mod tap;

use crate::dns::Dns;
use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, EventKind, escape_bytes};
use crate::secret::Secret;
use crate::transport::connect::{ConnectPlan, Resolved, Target, open_to};
use crate::transport::connect_to::{ConnectTo, redirect};
use crate::transport::tls::TlsClient;
use crate::transport::wire::Limit;
use crate::transport::{self as transport, Endpoint};
use http_body_util::{BodyExt, Full};
use hyper::body::{Bytes, Incoming};
use hyper::client::conn::http1::SendRequest;
use hyper::header::{HeaderMap, HeaderName, HeaderValue};
use hyper::{Method, StatusCode};
use hyper_util::rt::TokioIo;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tap::{SentBody, Tap, TapHandle};
pub(crate) use url::Url;

/// How every request of a session goes out.
#[derive(Debug, Clone)]
pub(crate) struct HttpPlan {
    /// Timeouts, `--max-time`, TLS, resolver and route; its target and `implicit_tls` are set
    /// per request from the URL.
    pub(crate) connect: ConnectPlan,
    /// `--connect-to`: where a connection to HOST:PORT goes instead (the name TLS verifies and
    /// the Host header stay the URL's).
    pub(crate) connect_to: Vec<ConnectTo>,
    /// A response body read whole ([`Client::send`]) longer than this is refused unread past it.
    pub(crate) max_body: usize,
    /// The User-Agent header.
    pub(crate) user_agent: String,
}

/// The default body limit for bodies read whole: far more than any JMAP answer to the calls
/// mailctl makes, far less than memory.
pub(crate) const MAX_BODY: usize = 16 << 20;

/// How requests authenticate (RFC 9110 §11.6.2): the header is shown as `Basic ***` /
/// `Bearer ***` in the transcript.
#[derive(Debug, Clone, Default)]
pub(crate) enum Auth {
    #[default]
    None,
    /// RFC 7617.
    Basic { user: String, secret: Secret },
    /// RFC 6750 §2.1.
    Bearer(Secret),
}

impl Auth {
    fn header(&self) -> Option<String> {
        use base64::Engine;
        match self {
            Auth::None => None,
            Auth::Basic { user, secret } => {
                let token = base64::engine::general_purpose::STANDARD
                    .encode(format!("{user}:{}", secret.expose()));
                // The encoded pair is as good as the password: redacted wherever it appears.
                crate::secret::register_derived(&token);
                Some(format!("Basic {token}"))
            }
            Auth::Bearer(t) => {
                crate::secret::register("", t);
                Some(format!("Bearer {}", t.expose()))
            }
        }
    }
}

/// A request body and its media type.
#[derive(Debug, Clone)]
pub(crate) struct Body {
    pub(crate) bytes: Bytes,
    pub(crate) content_type: String,
}

/// One request.
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub(crate) method: Method,
    pub(crate) url: Url,
    /// Extra headers (Accept, …); Host, User-Agent, Authorization and Content-Type are added.
    pub(crate) headers: Vec<(HeaderName, String)>,
    pub(crate) body: Option<Body>,
    /// The phase a failure of this exchange is named with (the caller's step: session
    /// discovery, the API call, a download).
    pub(crate) phase: Phase,
}

impl Request {
    pub(crate) fn get(url: Url, phase: Phase) -> Request {
        Request {
            method: Method::GET,
            url,
            headers: Vec::new(),
            body: None,
            phase,
        }
    }

    pub(crate) fn post_json(url: Url, json: &serde_json::Value, phase: Phase) -> Request {
        Request {
            method: Method::POST,
            url,
            headers: vec![(hyper::header::ACCEPT, "application/json".into())],
            body: Some(Body {
                bytes: Bytes::from(json.to_string()),
                content_type: "application/json".into(),
            }),
            phase,
        }
    }

    pub(crate) fn header(mut self, name: HeaderName, value: impl Into<String>) -> Request {
        self.headers.push((name, value.into()));
        self
    }
}

/// A response's status line and headers, and the URL it answered.
#[derive(Debug, Clone)]
pub(crate) struct Head {
    pub(crate) status: StatusCode,
    pub(crate) headers: HeaderMap,
    pub(crate) url: Url,
}

impl Head {
    /// A header's value as text (lossy), when present.
    pub(crate) fn text(&self, name: &str) -> Option<String> {
        self.headers
            .get(name)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
    }

    /// The media type without parameters, lower-cased (`application/json`).
    pub(crate) fn media_type(&self) -> Option<String> {
        self.text("content-type").map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    }
}

/// A response read whole.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub(crate) head: Head,
    pub(crate) body: Bytes,
}

/// A response whose body is read piece by piece ([`Client::chunk`]).
pub(crate) struct Streaming {
    pub(crate) head: Head,
    body: Incoming,
    phase: Phase,
    /// Bytes of the body received so far.
    pub(crate) received: u64,
    /// How long one read may wait (default `--timeout`; an event stream waits longer).
    pub(crate) wait: Duration,
}

/// Where a 3xx points, resolved against the URL it answered (RFC 9110 §10.2.2: the value may be
/// relative); None without a Location, an error text when it is no URL.
pub(crate) fn location(head: &Head) -> Option<Result<Url, String>> {
    let v = head.text("location")?;
    Some(head.url.join(v.trim()).map_err(|e| {
        format!(
            "Location {:?} is not a URL: {e}",
            escape_bytes(v.as_bytes())
        )
    }))
}

/// A URL mailctl may request: http or https with a host.
pub(crate) fn parse_url(s: &str) -> Result<Url, String> {
    let u = Url::parse(s).map_err(|e| format!("{s:?} is not a URL: {e}"))?;
    check_url(&u)?;
    Ok(u)
}

pub(crate) fn check_url(u: &Url) -> Result<(), String> {
    if !matches!(u.scheme(), "http" | "https") {
        return Err(format!("{u}: only http:// and https:// URLs are fetched"));
    }
    if u.host_str().is_none_or(str::is_empty) {
        return Err(format!("{u}: no host"));
    }
    if !u.username().is_empty() || u.password().is_some() {
        return Err(format!(
            "{}: credentials in a URL are refused (they would show in the transcript and in `ps`); {}",
            u.host_str().unwrap_or(""),
            "use --user with --password-env/--password-file"
        ));
    }
    Ok(())
}

/// A loopback host: plain http to it does not leave the machine.
fn is_loopback(host: &str) -> bool {
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|a| a.is_loopback())
}

/// `scheme://authority` of a URL.
pub(crate) fn origin_text(u: &Url) -> String {
    Origin::of(u).text()
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Origin {
    https: bool,
    host: String,
    port: u16,
}

impl Origin {
    fn of(u: &Url) -> Origin {
        let host = u
            .host_str()
            .unwrap_or("")
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_string();
        Origin {
            https: u.scheme() == "https",
            host,
            port: u.port_or_known_default().unwrap_or(80),
        }
    }

    /// `scheme://authority`, as the user would write it after -s.
    fn text(&self) -> String {
        let scheme = if self.https { "https" } else { "http" };
        format!("{scheme}://{}", self.authority())
    }

    /// The Host header (RFC 9112 §3.2): the port only when not the scheme's default.
    fn authority(&self) -> String {
        let h = if self.host.contains(':') {
            format!("[{}]", self.host)
        } else {
            self.host.clone()
        };
        match (self.https, self.port) {
            (true, 443) | (false, 80) => h,
            (_, p) => format!("{h}:{p}"),
        }
    }
}

/// A connection in use: hyper's sender, the tap to re-arm, hyper's connection task.
struct Conn {
    origin: Origin,
    sender: SendRequest<Full<Bytes>>,
    tap: TapHandle,
    tls: bool,
    task: tokio::task::JoinHandle<()>,
    /// A response body on it was not read to its end: the connection cannot carry another
    /// request (RFC 9112 §9.3), so the next one opens a new connection.
    busy: bool,
}

impl Drop for Conn {
    fn drop(&mut self) {
        // Nothing of a session runs on after it.
        self.task.abort();
    }
}

/// An HTTP session: one connection at a time, kept alive between requests.
pub(crate) struct Client {
    plan: HttpPlan,
    auth: Auth,
    ctx: Arc<Ctx>,
    limit: Limit,
    tls: Option<TlsClient>,
    conn: Option<Conn>,
    /// The origin the credentials belong to: the first URL the session was asked about (the
    /// user's). Other origins get no Authorization (curl's rule on redirects; the Fetch
    /// standard's "HTTP-redirect fetch" drops it on a cross-origin redirect too).
    auth_origin: Option<Origin>,
    /// Basic over plain http to a non-loopback host was warned about.
    warned_clear: bool,
}

impl Client {
    /// A session; `--max-time` counts from here.
    pub(crate) fn new(plan: HttpPlan, auth: Auth, ctx: Arc<Ctx>) -> Client {
        let limit = Limit::starting_now(plan.connect.max_time);
        Client {
            plan,
            auth,
            ctx,
            limit,
            tls: None,
            conn: None,
            auth_origin: None,
            warned_clear: false,
        }
    }

    /// Whether a request to `url` carries the credentials: the session has some and `url` is on
    /// the origin they belong to (the first one asked about; set by this call when none is yet).
    pub(crate) fn sends_auth_to(&mut self, url: &Url) -> bool {
        if matches!(self.auth, Auth::None) {
            return false;
        }
        let o = Origin::of(url);
        self.auth_origin.get_or_insert(o.clone()) == &o
    }

    /// The origin the credentials belong to (`https://host:port`), once known.
    pub(crate) fn auth_origin(&self) -> Option<String> {
        self.auth_origin.as_ref().map(Origin::text)
    }

    pub(crate) fn ctx(&self) -> &Arc<Ctx> {
        &self.ctx
    }

    /// The bound on the whole session, for callers that wait on their own (an event stream).
    pub(crate) fn limit(&self) -> Limit {
        self.limit
    }

    /// Send a request and read the whole response body (at most [`HttpPlan::max_body`]).
    pub(crate) async fn send(&mut self, req: Request) -> Result<Response, Failure> {
        let phase = req.phase;
        let mut s = self.open(req).await?;
        let max = self.plan.max_body;
        if let Some(n) = s
            .head
            .text("content-length")
            .and_then(|v| v.trim().parse::<u64>().ok())
            && n > max as u64
        {
            self.conn = None;
            return Err(Failure::new(
                phase,
                Kind::Protocol,
                format!("the response body is {n} bytes, more than the {max} read: not read"),
            ));
        }
        let mut body = Vec::new();
        while let Some(piece) = self.chunk(&mut s).await? {
            if body.len() + piece.len() > max {
                self.conn = None;
                return Err(Failure::new(
                    phase,
                    Kind::Protocol,
                    format!("the response body goes on past {max} bytes: reading stopped"),
                ));
            }
            body.extend_from_slice(&piece);
        }
        self.show_received(&body, s.head.media_type().as_deref());
        Ok(Response {
            head: s.head,
            body: Bytes::from(body),
        })
    }

    /// Send a request and return once the response head is in; the body is the caller's to
    /// read with [`Client::chunk`] (or [`Client::save`]) before the next request.
    pub(crate) async fn open(&mut self, req: Request) -> Result<Streaming, Failure> {
        let phase = req.phase;
        check_url(&req.url).map_err(Failure::usage)?;
        let origin = Origin::of(&req.url);
        let reusable = self
            .conn
            .as_ref()
            .is_some_and(|c| c.origin == origin && !c.busy && !c.sender.is_closed());
        if reusable {
            // The server may have closed it idle: a failed wait for readiness opens a new one.
            let ready = {
                let c = self.conn.as_mut().expect("checked");
                tokio::time::timeout(self.plan.connect.timeout, c.sender.ready()).await
            };
            if !matches!(ready, Ok(Ok(()))) {
                self.conn = None;
            } else {
                self.ctx
                    .info(format!("reusing the connection to {}", origin.authority()));
            }
        } else {
            self.conn = None;
        }
        if self.conn.is_none() {
            let c = self.connect(&origin).await?;
            self.conn = Some(c);
        }
        let auth = if self.sends_auth_to(&req.url) {
            if !self.warned_clear
                && !origin.https
                && matches!(self.auth, Auth::Basic { .. })
                && !is_loopback(&origin.host)
            {
                self.warned_clear = true;
                self.ctx.warn(format!(
                    "Basic credentials go in clear over plain http to {}: anyone on the path reads the password",
                    origin.authority()
                ));
            }
            self.auth.header()
        } else {
            None
        };
        let ua = self.plan.user_agent.clone();
        let show_data = self.ctx.show_data;
        let conn = self.conn.as_mut().expect("connected above");
        let mut b = hyper::Request::builder()
            .method(req.method.clone())
            .uri(request_target(&req.url))
            .header(hyper::header::HOST, origin.authority())
            .header(hyper::header::USER_AGENT, ua);
        for (name, value) in &req.headers {
            b = b.header(name, value);
        }
        if let Some(a) = auth {
            let mut v = HeaderValue::from_str(&a)
                .map_err(|_| Failure::usage("the credential cannot go in an HTTP header"))?;
            v.set_sensitive(true);
            b = b.header(hyper::header::AUTHORIZATION, v);
        }
        let (body, shown) = match &req.body {
            Some(body) => {
                b = b.header(hyper::header::CONTENT_TYPE, &body.content_type);
                (
                    Full::new(body.bytes.clone()),
                    Some(sent_body(&body.bytes, show_data)),
                )
            }
            None => (Full::new(Bytes::new()), None),
        };
        let request = b
            .body(body)
            .map_err(|e| Failure::usage(format!("cannot build the request: {e}")))?;
        conn.tap.next_exchange(shown);
        let started = Instant::now();
        let wait = self.plan.connect.timeout;
        let limit = self.limit;
        let sent = bounded(limit, wait, phase, conn.sender.send_request(request)).await;
        self.ctx
            .record(phase, started.elapsed().as_secs_f64() * 1000.0);
        let resp = match sent {
            Ok(r) => r,
            Err(f) => {
                self.conn = None;
                return Err(f);
            }
        };
        let (parts, body) = resp.into_parts();
        conn.busy = true;
        Ok(Streaming {
            head: Head {
                status: parts.status,
                headers: parts.headers,
                url: req.url,
            },
            body,
            phase,
            received: 0,
            wait,
        })
    }

    /// The next piece of a streamed body; None at its end.
    pub(crate) async fn chunk(&mut self, s: &mut Streaming) -> Result<Option<Bytes>, Failure> {
        loop {
            let frame = match bounded(self.limit, s.wait, s.phase, async {
                s.body.frame().await.transpose()
            })
            .await
            {
                Ok(f) => f,
                Err(f) => {
                    self.conn = None;
                    return Err(f);
                }
            };
            let Some(frame) = frame else {
                if let Some(c) = self.conn.as_mut() {
                    c.busy = false;
                }
                return Ok(None);
            };
            // Trailers carry nothing mailctl reads.
            if let Ok(data) = frame.into_data()
                && !data.is_empty()
            {
                s.received += data.len() as u64;
                return Ok(Some(data));
            }
        }
    }

    /// Stream a body to `write` (a download to a file), at most `max` bytes; the transcript
    /// gets one summary. Returns the bytes written.
    pub(crate) async fn save(
        &mut self,
        mut s: Streaming,
        max: u64,
        mut write: impl FnMut(&[u8]) -> Result<(), Failure>,
    ) -> Result<u64, Failure> {
        let mut lines = 0u64;
        let mut last = None;
        while let Some(piece) = self.chunk(&mut s).await? {
            if s.received > max {
                self.conn = None;
                return Err(Failure::new(
                    s.phase,
                    Kind::Protocol,
                    format!("the download goes on past {max} bytes: stopped"),
                ));
            }
            lines += piece.iter().filter(|&&b| b == b'\n').count() as u64;
            last = piece.last().copied();
            write(&piece)?;
        }
        let tls = self.conn.as_ref().is_some_and(|c| c.tls);
        self.ctx.emit(EventKind::DataReceived {
            lines: lines + u64::from(last.is_some_and(|b| b != b'\n')),
            bytes: s.received,
            tls,
        });
        Ok(s.received)
    }

    /// The body in the transcript: a summary, or every line with `--show-data` (JSON
    /// pretty-printed, so a reader sees its structure).
    pub(crate) fn show_received(&self, body: &[u8], media_type: Option<&str>) {
        let tls = self.conn.as_ref().is_some_and(|c| c.tls);
        if body.is_empty() {
            return;
        }
        if self.ctx.show_data {
            for line in shown_lines(body, media_type) {
                self.ctx.emit(EventKind::Recv {
                    line,
                    tls,
                    note: None,
                });
            }
        } else {
            self.ctx.emit(EventKind::DataReceived {
                lines: count_lines(body),
                bytes: body.len() as u64,
                tls,
            });
        }
    }

    /// Resolve (or take `--connect-to`'s word for) the origin's address, connect, TLS for
    /// https, and hand the stream to hyper.
    async fn connect(&mut self, origin: &Origin) -> Result<Conn, Failure> {
        let ctx = self.ctx.clone();
        let limit = self.limit;
        let mut plan = self.plan.connect.clone();
        plan.implicit_tls = origin.https;
        plan.starttls = false;
        plan.target = Target::Server(Endpoint {
            host: origin.host.clone(),
            port: origin.port,
        });
        if origin.https && self.tls.is_none() {
            self.tls = Some(TlsClient::new(&plan.tls)?);
        }
        let dns = plan
            .dns
            .as_ref()
            .map(|p| Dns::new(p, ctx.clone()))
            .transpose()?;
        let remote_dns = plan
            .route
            .proxy
            .as_ref()
            .is_some_and(|p| !p.url.kind.resolves_locally());
        let rules = &self.plan.connect_to;
        let (port, addrs) = match redirect(rules, &origin.host, None, origin.port) {
            Some(ep) => {
                ctx.info(format!(
                    "--connect-to: {} goes to {ep}",
                    Endpoint {
                        host: origin.host.clone(),
                        port: origin.port
                    }
                ));
                let addrs = if remote_dns && ep.ip().is_none() {
                    Vec::new()
                } else {
                    limit
                        .run(
                            Phase::Resolve,
                            transport::resolve(&ep, plan.family, dns.as_ref(), &ctx),
                        )
                        .await?
                };
                (ep.port, addrs)
            }
            None if remote_dns && origin.host.parse::<std::net::IpAddr>().is_err() => {
                (origin.port, Vec::new())
            }
            None => {
                let ep = Endpoint {
                    host: origin.host.clone(),
                    port: origin.port,
                };
                let found = limit
                    .run(
                        Phase::Resolve,
                        transport::resolve(&ep, plan.family, dns.as_ref(), &ctx),
                    )
                    .await?;
                // A rule may match one of the name's addresses (curl: HOST1 may be an address).
                let mut out = Vec::new();
                for a in found {
                    match redirect(rules, &origin.host, Some(a.ip()), origin.port) {
                        None => out.push(a),
                        Some(to) => match to.ip() {
                            Some(ip) => out.push(std::net::SocketAddr::new(ip, to.port)),
                            None => {
                                let more = limit
                                    .run(
                                        Phase::Resolve,
                                        transport::resolve(&to, plan.family, dns.as_ref(), &ctx),
                                    )
                                    .await?;
                                out.extend(more);
                            }
                        },
                    }
                }
                (origin.port, out)
            }
        };
        // The name stays the URL's: the certificate is checked against it, as curl does.
        let target = Resolved {
            host: origin.host.clone(),
            port,
            addrs,
        };
        let connected = open_to(&plan, self.tls.as_ref(), &target, &ctx, limit).await?;
        let tls = connected.tls;
        let tap = Tap::new(connected.io, ctx.clone(), tls);
        let handle = tap.handle();
        let (sender, conn) = hyper::client::conn::http1::Builder::new()
            // Header names as people write them, in the request and so in the transcript.
            .title_case_headers(true)
            .handshake::<_, Full<Bytes>>(TokioIo::new(tap))
            .await
            .map_err(|e| {
                Failure::new(
                    Phase::Connect,
                    Kind::Internal,
                    format!("HTTP setup failed: {e}"),
                )
            })?;
        let task = tokio::spawn(async move {
            // Its errors reach the request that was waiting on it.
            let _ = conn.await;
        });
        Ok(Conn {
            origin: origin.clone(),
            sender,
            tap: handle,
            tls,
            task,
            busy: false,
        })
    }
}

/// The request target in origin-form (RFC 9112 §3.2.1): path and query.
fn request_target(u: &Url) -> String {
    match u.query() {
        Some(q) => format!("{}?{q}", u.path()),
        None => u.path().to_string(),
    }
}

/// Wait for an HTTP step within `--timeout` and what is left of `--max-time`.
async fn bounded<T>(
    limit: Limit,
    wait: Duration,
    phase: Phase,
    step: impl std::future::Future<Output = Result<T, hyper::Error>>,
) -> Result<T, Failure> {
    let until = limit.cap(tokio::time::Instant::now() + wait);
    match tokio::time::timeout_at(until, step).await {
        Ok(Ok(v)) => Ok(v),
        Ok(Err(e)) => Err(http_failure(phase, &e)),
        Err(_) if limit.expired() => Err(limit.failure(phase)),
        Err(_) => Err(Failure::new(
            phase,
            Kind::Timeout,
            format!("the server sent nothing for {wait:?} (--timeout)"),
        )),
    }
}

/// A hyper error as a failure of `phase`, in words, with its cause.
pub(crate) fn http_failure(phase: Phase, e: &hyper::Error) -> Failure {
    let cause = std::error::Error::source(e)
        .map(|c| format!(": {c}"))
        .unwrap_or_default();
    let (kind, message) = if e.is_parse() || e.is_parse_status() {
        (
            Kind::Protocol,
            format!("the server's answer is not valid HTTP/1.1 ({e}{cause})"),
        )
    } else if e.is_incomplete_message() || e.is_canceled() || e.is_closed() {
        (
            Kind::Closed,
            format!("the server closed the connection before a complete answer ({e}{cause})"),
        )
    } else if e.is_body_write_aborted() {
        (
            Kind::Closed,
            format!("the request body could not be sent ({e}{cause})"),
        )
    } else {
        (Kind::Closed, format!("HTTP exchange failed: {e}{cause}"))
    };
    Failure::new(phase, kind, message)
}

fn count_lines(body: &[u8]) -> u64 {
    body.split(|&b| b == b'\n').count() as u64 - u64::from(body.is_empty() || body.ends_with(b"\n"))
}

/// The lines `--show-data` shows of a body: JSON pretty-printed when it parses, else its text
/// lines, escaped.
fn shown_lines(body: &[u8], media_type: Option<&str>) -> Vec<String> {
    let jsonish = media_type.is_none_or(|m| m == "application/json" || m.ends_with("+json"));
    if jsonish
        && let Ok(v) = serde_json::from_slice::<serde_json::Value>(body)
        && let Ok(pretty) = serde_json::to_string_pretty(&v)
    {
        return pretty.lines().map(|l| escape_bytes(l.as_bytes())).collect();
    }
    let text = body.strip_suffix(b"\n").unwrap_or(body);
    text.split(|&b| b == b'\n')
        .map(|l| escape_bytes(l.strip_suffix(b"\r").unwrap_or(l)))
        .collect()
}

/// What the transcript shows of a request body.
fn sent_body(body: &[u8], show_data: bool) -> SentBody {
    if show_data {
        SentBody::Lines {
            lines: shown_lines(body, None),
            bytes: body.len() as u64,
        }
    } else {
        SentBody::Summary {
            lines: count_lines(body),
            bytes: body.len() as u64,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert!(parse_url("https://jmap.example.com/.well-known/jmap").is_ok());
        assert!(parse_url("ftp://x/").is_err());
        let e = parse_url("https://alice:pw@x/").unwrap_err();
        assert!(e.contains("refused") && !e.contains("pw"), "{e}");
        let u = parse_url("http://[::1]:8080/a?b=c").unwrap();
        let o = Origin::of(&u);
        assert_eq!((o.host.as_str(), o.port), ("::1", 8080));
        assert_eq!(o.authority(), "[::1]:8080");
        assert_eq!(request_target(&u), "/a?b=c");
        assert_eq!(
            Origin::of(&parse_url("https://h/").unwrap()).authority(),
            "h"
        );
    }

    #[test]
    fn http_origins_for_credentials() {
        let o = |s: &str| Origin::of(&parse_url(s).unwrap());
        // Same origin: the default port written or not, case of the host.
        assert_eq!(o("https://H.example/a"), o("https://h.example:443/b"));
        // Another port, scheme or host is another origin (RFC 6454 §4).
        assert_ne!(o("https://h.example/"), o("https://h.example:8443/"));
        assert_ne!(o("https://h.example/"), o("http://h.example/"));
        assert_ne!(o("https://h.example/"), o("https://evil.example/"));
        assert_eq!(
            origin_text(&parse_url("http://h:8080/x").unwrap()),
            "http://h:8080"
        );
        assert!(is_loopback("127.0.0.1") && is_loopback("::1") && is_loopback("localhost"));
        assert!(!is_loopback("192.0.2.1") && !is_loopback("h.example"));
    }

    #[test]
    fn locations_resolve_relative_to_the_request() {
        let head = |loc: &str| Head {
            status: StatusCode::MOVED_PERMANENTLY,
            headers: {
                let mut h = HeaderMap::new();
                h.insert("location", HeaderValue::from_str(loc).unwrap());
                h
            },
            url: parse_url("https://h.example/.well-known/jmap").unwrap(),
        };
        assert_eq!(
            location(&head("/jmap/")).unwrap().unwrap().as_str(),
            "https://h.example/jmap/"
        );
        assert_eq!(
            location(&head("http://other:8080/x"))
                .unwrap()
                .unwrap()
                .as_str(),
            "http://other:8080/x"
        );
    }

    fn plan(max_body: usize) -> HttpPlan {
        HttpPlan {
            connect: ConnectPlan {
                target: Target::Server(Endpoint {
                    host: "localhost".into(),
                    port: 80,
                }),
                family: crate::transport::Family::Any,
                timeout: Duration::from_secs(2),
                connect_timeout: Duration::from_secs(2),
                max_time: Some(Duration::from_secs(10)),
                implicit_tls: false,
                starttls: false,
                tls: Default::default(),
                dns: None,
                show_secrets: false,
                route: Default::default(),
            },
            connect_to: vec![ConnectTo::parse("web.test:80:127.0.0.1:").unwrap()],
            max_body,
            user_agent: "mailctl-test".into(),
        }
    }

    /// A peer answering each request on a connection with the next canned response.
    async fn peer(answers: Vec<&'static str>) -> (u16, tokio::task::JoinHandle<Vec<String>>) {
        use tokio::io::{AsyncReadExt, AsyncWriteExt};
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = l.local_addr().unwrap().port();
        let task = tokio::spawn(async move {
            let (mut s, _) = l.accept().await.unwrap();
            let mut seen = Vec::new();
            for a in answers {
                let mut buf = Vec::new();
                let mut b = [0u8; 4096];
                // Read one request: its head, and a body of Content-Length bytes.
                loop {
                    let n = s.read(&mut b).await.unwrap();
                    if n == 0 {
                        return seen;
                    }
                    buf.extend_from_slice(&b[..n]);
                    let text = String::from_utf8_lossy(&buf).to_string();
                    if let Some(i) = text.find("\r\n\r\n") {
                        let len = text
                            .lines()
                            .find_map(|l| l.strip_prefix("Content-Length: "))
                            .map_or(0, |v| v.trim().parse::<usize>().unwrap());
                        if buf.len() >= i + 4 + len {
                            seen.push(text);
                            break;
                        }
                    }
                }
                s.write_all(a.as_bytes()).await.unwrap();
            }
            seen
        });
        (port, task)
    }

    fn transcript(events: &[crate::event::Event]) -> Vec<String> {
        events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Sent { line, .. } => Some(format!("C: {line}")),
                EventKind::Recv { line, .. } => Some(format!("S: {line}")),
                EventKind::DataSummary { bytes, .. } => Some(format!("C: <{bytes} bytes>")),
                EventKind::DataReceived { bytes, .. } => Some(format!("S: <{bytes} bytes>")),
                EventKind::Connected { .. } => Some("connected".into()),
                _ => None,
            })
            .collect()
    }

    #[tokio::test]
    async fn keep_alive_redacted_summarised_and_redirects_returned() {
        let (port, server) = peer(vec![
            "HTTP/1.1 301 Moved\r\nLocation: /jmap/\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":[1,2]}",
        ])
        .await;
        let sink = Arc::new(crate::event::Collect::default());
        let ctx = Arc::new(Ctx::new(sink.clone()));
        let mut p = plan(1024);
        p.connect_to = vec![ConnectTo::parse(&format!("web.test:80:127.0.0.1:{port}")).unwrap()];
        let auth = Auth::Basic {
            user: "alice".into(),
            secret: Secret::new("s3cret-pw"),
        };
        let mut c = Client::new(p, auth, ctx);
        let url = parse_url("http://web.test/.well-known/jmap").unwrap();
        let r = c.send(Request::get(url, Phase::Capa)).await.unwrap();
        assert_eq!(r.head.status, StatusCode::MOVED_PERMANENTLY);
        let next = location(&r.head).unwrap().unwrap();
        assert_eq!(next.as_str(), "http://web.test/jmap/");
        let body = serde_json::json!({"using": []});
        let r = c
            .send(Request::post_json(next, &body, Phase::Command))
            .await
            .unwrap();
        assert_eq!(&r.body[..], br#"{"a":[1,2]}"#);
        let t = transcript(&sink.events());
        assert_eq!(t.iter().filter(|l| *l == "connected").count(), 1, "{t:#?}");
        assert!(
            t.contains(&"C: Authorization: Basic ***".to_string()),
            "{t:#?}"
        );
        assert!(t.contains(&"C: Host: web.test".to_string()), "{t:#?}");
        let sent = t
            .iter()
            .position(|l| l == "C: <12 bytes>")
            .unwrap_or_else(|| panic!("{t:#?}"));
        let post = t
            .iter()
            .position(|l| l.starts_with("C: POST /jmap/"))
            .unwrap();
        let ok = t.iter().position(|l| l == "S: HTTP/1.1 200 OK").unwrap();
        assert!(post < sent && sent < ok, "{t:#?}");
        assert!(t.contains(&"S: <11 bytes>".to_string()), "{t:#?}");
        let seen = server.await.unwrap();
        assert!(seen[0].contains("Authorization: Basic YWxpY2U6czNjcmV0LXB3"));
    }

    #[tokio::test]
    async fn bodies_are_bounded() {
        let (port, _server) = peer(vec!["HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n"]).await;
        let ctx = Arc::new(Ctx::new(Arc::new(crate::event::Discard)));
        let mut p = plan(1024);
        p.connect_to = vec![ConnectTo::parse(&format!("::127.0.0.1:{port}")).unwrap()];
        let mut c = Client::new(p, Auth::None, ctx);
        let url = parse_url("http://web.test/").unwrap();
        let f = c.send(Request::get(url, Phase::Command)).await.unwrap_err();
        assert_eq!(f.kind, Kind::Protocol);
        assert!(f.message.contains("5000 bytes"), "{}", f.message);
    }

    #[tokio::test]
    async fn a_stalled_server_times_out() {
        let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = l.local_addr().unwrap().port();
        let _keep = tokio::spawn(async move {
            let (s, _) = l.accept().await.unwrap();
            tokio::time::sleep(Duration::from_secs(30)).await;
            drop(s);
        });
        let ctx = Arc::new(Ctx::new(Arc::new(crate::event::Discard)));
        let mut p = plan(1024);
        p.connect.timeout = Duration::from_millis(300);
        p.connect_to = vec![ConnectTo::parse(&format!("::127.0.0.1:{port}")).unwrap()];
        let mut c = Client::new(p, Auth::None, ctx);
        let url = parse_url("http://web.test/").unwrap();
        let f = c.send(Request::get(url, Phase::Command)).await.unwrap_err();
        assert_eq!((f.kind, f.phase), (Kind::Timeout, Phase::Command));
    }

    #[test]
    fn bodies_are_shown_pretty_or_summarised() {
        let lines = shown_lines(br#"{"a":[1,2]}"#, Some("application/json"));
        assert_eq!(lines[0], "{");
        assert!(lines.len() > 3);
        assert_eq!(shown_lines(b"x\r\ny\n", Some("text/plain")), ["x", "y"]);
        assert_eq!(count_lines(b"a\nb"), 2);
        assert_eq!(count_lines(b"a\nb\n"), 2);
    }
}
