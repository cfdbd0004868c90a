//! MTA-STS end to end (RFC 8461): the policy fetched from
//! `https://mta-sts.DOMAIN/.well-known/mta-sts.txt` by the rules senders follow (§3.3), read as
//! they read it (§3.2, [`policy`]), set beside the `_mta-sts` TXT record that announces it (§3.1),
//! and held against the domain's MX hosts and the certificates their probes saw (§4).
//!
//! The fetch is a session like an MX probe: its own timed transcript (the HTTP request and
//! response heads as `C:`/`S:` lines, the body summarised), per-phase timings, and a failure
//! named with the phase it happened in. HTTP is hyper's (`client::conn::http1`) over the same
//! connect and TLS code as every other session; nothing here speaks HTTP by hand.
//!
//! Two steps, so the audit can run the fetch beside its DNS lookups and MX probes: [`fetch`]
//! (the network part, with the findings about the fetch and the policy text), then, once the
//! TXT record and the probes are in, [`judge`] (pure: the TXT record beside the policy, and the
//! MX coverage and certificates through [`coverage`]).

pub(crate) mod policy;

#[cfg(test)]
mod live_tests;
#[cfg(test)]
pub(crate) mod nginx;

use super::{AuditPlan, MxAudit};
use crate::dns::Dns;
use crate::dns::audit::Policy as TxtPolicy;
use crate::dns::finding::{Finding, Severity};
use crate::error::{Failure, Kind};
use crate::event::{CertSummary, Ctx, Event, EventKind};
use crate::transport::Family;
use crate::transport::connect_to::{ConnectTo, redirect};
use crate::transport::http::tap::Tap;
use crate::transport::tls::{ChainProblem, TlsClient, cert_summary};
use http_body_util::{BodyExt, Empty, LengthLimitError, Limited};
use hyper::body::Bytes;
use hyper::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE, HOST, LOCATION, USER_AGENT};
use hyper::{Method, Request, StatusCode};
use hyper_util::rt::TokioIo;
use policy::{Mode, StsPolicy, mx_matches, severity_for};
use serde::Serialize;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The well-known path of the policy (§3.2, RFC 8615).
pub(crate) const PATH: &str = "/.well-known/mta-sts.txt";

/// The body limit: §3.3 lets senders limit the size of the response body and suggests 64
/// kilobytes; a policy is a few hundred bytes.
pub(crate) const MAX_BODY: usize = 64 * 1024;

/// How to fetch: decided once per audit.
#[derive(Debug, Clone)]
pub(crate) struct FetchSettings {
    /// Per address tried (`--connect-timeout`).
    pub(crate) connect_timeout: Duration,
    /// The whole fetch: resolving, connecting, the handshake, the request and the body. §3.3
    /// suggests one minute, and policy hosts SHOULD answer within it.
    pub(crate) max_time: Duration,
    /// Bodies longer than this are not read ([`MAX_BODY`]).
    pub(crate) max_body: usize,
    /// `-4` / `-6`: the addresses of the policy host to try.
    pub(crate) family: Family,
}

impl FetchSettings {
    /// The audit's own limits: a probe's connect timeout and total bound.
    pub(crate) fn of(plan: &AuditPlan) -> FetchSettings {
        FetchSettings {
            connect_timeout: plan.probe.connect_timeout,
            max_time: plan.probe.max_time,
            max_body: MAX_BODY,
            family: plan.family,
        }
    }
}

/// The step of a fetch, for timings and failures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FetchPhase {
    /// The addresses of `mta-sts.DOMAIN` (or where `--connect-to` sends it).
    Resolve,
    Connect,
    /// The handshake and the certificate check for `mta-sts.DOMAIN`.
    Tls,
    /// The request and the response head.
    Http,
    /// The response body.
    Body,
}

impl FetchPhase {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            FetchPhase::Resolve => "resolve",
            FetchPhase::Connect => "connect",
            FetchPhase::Tls => "tls",
            FetchPhase::Http => "http",
            FetchPhase::Body => "body",
        }
    }
}

/// Why a fetch ended before a complete answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct FetchError {
    pub(crate) phase: FetchPhase,
    pub(crate) message: String,
    /// The certificate was refused: the chain check's code (`name-mismatch`, `expired`,
    /// `untrusted`, `self-signed`, …) or `rejected` when a verifying handshake refused it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) certificate: Option<String>,
    /// The fetch ran out of time (`max_time`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) timeout: bool,
}

/// The MTA-STS part of an audit. JSON: `url`, `connected_to`, `certificate`, `status`,
/// `location`, `content_type`, `content_length`, `body_bytes`, `too_large`, `text`, `policy`
/// (see [`StsPolicy`]), `txt_id`, `usable`, `failure`, `findings`, `timings_ms`, `total_ms`,
/// `transcript`.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct MtaStsAudit {
    pub(crate) url: String,
    /// `mta-sts.DOMAIN`: the name the certificate must be valid for.
    pub(crate) host: String,
    /// The address the fetch connected to (after `--connect-to`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) connected_to: Option<String>,
    /// The policy host's certificate, when it showed one.
    #[serde(rename = "certificate", skip_serializing_if = "Option::is_none")]
    pub(crate) cert: Option<CertSummary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) status: Option<u16>,
    /// The `Location` of a redirect (never followed).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) location: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) content_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) content_length: Option<u64>,
    /// The size of the body read (none when it was not read).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) body_bytes: Option<u64>,
    /// The body was longer than the limit and was not read (to its end).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub(crate) too_large: bool,
    /// The policy text as fetched (a 200 `text/plain` answer within the limit).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) text: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) policy: Option<StsPolicy>,
    /// The `id` of the `_mta-sts` TXT record that announces the policy ([`judge`] sets it).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) txt_id: Option<String>,
    /// Senders would apply this policy: fetched by the rules of §3.3 and valid by §3.2.
    pub(crate) usable: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) failure: Option<FetchError>,
    pub(crate) findings: Vec<Finding>,
    /// Milliseconds per phase (resolve, connect, tls, http, body).
    pub(crate) timings_ms: serde_json::Map<String, serde_json::Value>,
    pub(crate) total_ms: f64,
    /// Every event of the fetch, in order.
    pub(crate) transcript: Vec<Event>,
}

impl MtaStsAudit {
    fn new(host: &str) -> MtaStsAudit {
        MtaStsAudit {
            url: format!("https://{host}{PATH}"),
            host: host.to_string(),
            connected_to: None,
            cert: None,
            status: None,
            location: None,
            content_type: None,
            content_length: None,
            body_bytes: None,
            too_large: false,
            text: None,
            policy: None,
            txt_id: None,
            usable: false,
            failure: None,
            findings: Vec::new(),
            timings_ms: serde_json::Map::new(),
            total_ms: 0.0,
            transcript: Vec::new(),
        }
    }
}

/// Fetch and read the policy of `domain`, and judge the fetch and the text.
///
/// `tls`: the audit's client (`judge_later`: the handshake finishes whatever the certificate,
/// and the chain is then checked here against `mta-sts.DOMAIN`, as the MX probes' are) or a
/// verifying one (a handshake that fails after the server showed its certificate is then
/// reported as the certificate's fault, in the handshake's words). Either way nothing is sent
/// to a policy host whose certificate is not valid for its name: senders would not (§3.3).
///
/// `rules`: `--connect-to`, matched against `mta-sts.DOMAIN` port 443. As in curl, a rule for
/// the name with an address to go to needs no lookup of the name at all; otherwise the name is
/// resolved (A, then AAAA) and a rule may match one of its addresses.
pub(crate) async fn fetch(
    domain: &str,
    dns: &Dns,
    tls: &TlsClient,
    rules: &[ConnectTo],
    s: &FetchSettings,
    parent: &Ctx,
) -> MtaStsAudit {
    let host = format!("mta-sts.{}", domain.trim_end_matches('.'));
    let mut a = MtaStsAudit::new(&host);
    let rec = super::probe::Recorder::new(parent);
    let ctx = rec.ctx.clone();
    let mut run = Fetch {
        host: &host,
        dns,
        tls,
        rules,
        s,
        ctx: &ctx,
        rec: &rec,
        phase: FetchPhase::Resolve,
        timings: Vec::new(),
        policy_findings: Vec::new(),
    };
    let deadline = tokio::time::Instant::now() + s.max_time;
    let res = tokio::time::timeout_at(deadline, run.run(&mut a)).await;
    a.failure = match res {
        Ok(Ok(())) => None,
        Ok(Err(e)) => Some(e),
        Err(_) => Some(FetchError {
            phase: run.phase,
            message: format!(
                "no complete answer within {:?}: senders give up too (RFC 8461 §3.3 lets them \
                 bound the fetch, and suggests a minute)",
                s.max_time
            ),
            certificate: None,
            timeout: true,
        }),
    };
    if let Some(e) = &a.failure {
        ctx.warn(format!(
            "the fetch failed in {}: {}",
            e.phase.as_str(),
            e.message
        ));
    }
    a.usable = a.failure.is_none() && a.policy.as_ref().is_some_and(|p| p.usable);
    a.findings = fetch_findings(&a, s.max_body);
    a.findings.append(&mut run.policy_findings);
    for (phase, ms) in &run.timings {
        a.timings_ms
            .insert((*phase).into(), serde_json::json!((ms * 1e3).round() / 1e3));
    }
    a.total_ms = rec.total_ms();
    a.transcript = rec.events();
    a
}

/// One fetch in progress: where it is and what it measured so far.
struct Fetch<'a> {
    host: &'a str,
    dns: &'a Dns,
    tls: &'a TlsClient,
    rules: &'a [ConnectTo],
    s: &'a FetchSettings,
    ctx: &'a Arc<Ctx>,
    rec: &'a super::probe::Recorder,
    phase: FetchPhase,
    timings: Vec<(&'static str, f64)>,
    policy_findings: Vec<Finding>,
}

impl Fetch<'_> {
    fn fail(&self, message: impl Into<String>) -> FetchError {
        FetchError {
            phase: self.phase,
            message: message.into(),
            certificate: None,
            timeout: false,
        }
    }

    fn timed(&mut self, since: Instant) {
        let ms = since.elapsed().as_secs_f64() * 1000.0;
        self.timings.push((self.phase.as_str(), ms));
    }

    /// Resolve and connect, then the handshake, then the exchange.
    async fn run(&mut self, a: &mut MtaStsAudit) -> Result<(), FetchError> {
        self.phase = FetchPhase::Resolve;
        let t = Instant::now();
        let targets = self.targets().await?;
        self.timed(t);

        self.phase = FetchPhase::Connect;
        let t = Instant::now();
        let stream = crate::transport::connect(&targets, self.s.connect_timeout, self.ctx)
            .await
            .map_err(|f| self.fail(f.message))?;
        a.connected_to = stream.peer_addr().ok().map(|p| p.to_string());
        self.timed(t);

        self.phase = FetchPhase::Tls;
        let t = Instant::now();
        // The outer bound (`max_time`) covers the handshake too; this only gives it a number.
        let (stream, negotiated) = match self
            .tls
            .handshake(stream, self.host, self.s.max_time, self.ctx, true)
            .await
        {
            Ok(ok) => ok,
            Err(f) => return Err(self.handshake_failed(f, a)),
        };
        self.timed(t);
        a.cert = cert_summary(&negotiated.chain);
        // §3.3: "valid for the mta-sts DNS-ID", chained to a trusted root, not expired. A
        // judge-later client let any certificate through: the verdict is made here.
        if let Err(ChainProblem { code, message }) =
            self.tls.check_chain(&negotiated.chain, self.host)
        {
            self.ctx.warn(format!(
                "{message}: the policy is not requested from a host senders would refuse"
            ));
            return Err(FetchError {
                certificate: Some(code.to_string()),
                ..self.fail(message)
            });
        }
        self.ctx
            .info(format!("the certificate is valid for {}", self.host));

        self.phase = FetchPhase::Http;
        let io = TokioIo::new(Tap::new(stream, self.ctx.clone(), true));
        let (sender, conn) = hyper::client::conn::http1::Builder::new()
            // Header names as people write them, in the request and so in the transcript.
            .title_case_headers(true)
            .handshake::<_, Empty<Bytes>>(io)
            .await
            .map_err(|e| self.fail(format!("HTTP setup failed: {e}")))?;
        let mut conn = std::pin::pin!(conn);
        let exchange = self.exchange(sender, a);
        let mut exchange = std::pin::pin!(exchange);
        let mut conn_done = false;
        // hyper's connection future does the I/O; the exchange waits on it. Both are polled
        // here, in this task, so a fetch leaves nothing running behind it.
        loop {
            tokio::select! {
                r = &mut exchange => return r,
                _ = &mut conn, if !conn_done => conn_done = true,
            }
        }
    }

    /// Where to connect: `--connect-to` first (curl skips resolving the name when a rule for it
    /// gives an address), else the name's addresses, each possibly sent elsewhere by a rule for
    /// that address.
    async fn targets(&self) -> Result<Vec<SocketAddr>, FetchError> {
        if let Some(ep) = redirect(self.rules, self.host, None, 443) {
            self.ctx
                .info(format!("--connect-to: {}:443 goes to {ep}", self.host));
            if let Some(ip) = ep.ip() {
                return Ok(vec![SocketAddr::new(ip, ep.port)]);
            }
            let ips = self.lookup(&ep.host).await?;
            return Ok(ips
                .into_iter()
                .map(|ip| SocketAddr::new(ip, ep.port))
                .collect());
        }
        let mut out = Vec::new();
        for ip in self.lookup(self.host).await? {
            match redirect(self.rules, self.host, Some(ip), 443) {
                None => out.push(SocketAddr::new(ip, 443)),
                Some(ep) => match ep.ip() {
                    Some(to) => out.push(SocketAddr::new(to, ep.port)),
                    None => {
                        let to = self.lookup(&ep.host).await?;
                        out.push(SocketAddr::new(to[0], ep.port));
                    }
                },
            }
        }
        Ok(out)
    }

    /// A and AAAA of `name` through the audit's resolver (its queries are in the audit's DNS
    /// transcript), keeping the families `-4`/`-6` allow.
    async fn lookup(&self, name: &str) -> Result<Vec<IpAddr>, FetchError> {
        let started = Instant::now();
        let ips = self
            .dns
            .host_ips(name)
            .await
            .map_err(|f| self.fail(f.message))?;
        // The queries themselves are in the audit's DNS transcript; this session shows the answer.
        self.ctx.emit(EventKind::Resolved {
            query: name.to_string(),
            answers: ips.iter().map(IpAddr::to_string).collect(),
            ms: (started.elapsed().as_secs_f64() * 1e6).round() / 1e3,
        });
        let kept: Vec<IpAddr> = ips
            .into_iter()
            .filter(|ip| self.s.family.allows(ip))
            .collect();
        if kept.is_empty() {
            return Err(self.fail(format!("{name} has no address of the family asked for")));
        }
        Ok(kept)
    }

    fn handshake_failed(&self, f: Failure, a: &mut MtaStsAudit) -> FetchError {
        // A verifying client checks the certificate as soon as it arrives and fails the
        // handshake there: a failure after the server showed one is then about the certificate
        // (its event is in this session's transcript).
        let shown = self
            .rec
            .events()
            .into_iter()
            .rev()
            .find_map(|e| match e.kind {
                EventKind::TlsFailedCert { cert } => Some(cert),
                _ => None,
            });
        let certificate = (f.kind == Kind::Tls && shown.is_some()).then(|| "rejected".to_string());
        a.cert = shown;
        FetchError {
            certificate,
            timeout: f.kind == Kind::Timeout,
            ..self.fail(without_hint(&f.message))
        }
    }

    /// The request, the response head, and the body when it is a policy to read.
    async fn exchange(
        &mut self,
        mut sender: hyper::client::conn::http1::SendRequest<Empty<Bytes>>,
        a: &mut MtaStsAudit,
    ) -> Result<(), FetchError> {
        let t = Instant::now();
        // Host is the policy host whatever --connect-to did, as curl sends it. No caching
        // headers: §3.3 forbids HTTP caching of policies, and this client keeps nothing.
        let req = Request::builder()
            .method(Method::GET)
            .uri(PATH)
            .header(HOST, self.host)
            .header(
                USER_AGENT,
                concat!("mailctl/", env!("CARGO_PKG_VERSION"), " (MTA-STS audit)"),
            )
            .header(CONNECTION, "close")
            .body(Empty::<Bytes>::new())
            .map_err(|e| self.fail(format!("cannot build the request: {e}")))?;
        let resp = sender
            .send_request(req)
            .await
            .map_err(|e| self.fail(http_words(&e)))?;
        self.timed(t);
        let status = resp.status();
        a.status = Some(status.as_u16());
        let h = resp.headers();
        let text = |name| {
            h.get(name).map(|v: &hyper::header::HeaderValue| {
                String::from_utf8_lossy(v.as_bytes()).into_owned()
            })
        };
        a.content_type = text(CONTENT_TYPE);
        a.location = text(LOCATION);
        a.content_length = text(CONTENT_LENGTH).and_then(|v| v.trim().parse().ok());
        if status != StatusCode::OK || content_type_problem(a.content_type.as_deref()).is_some() {
            // Not a policy to senders (§3.3, §3.2): its body is not read.
            return Ok(());
        }
        let max = self.s.max_body;
        if a.content_length.is_some_and(|n| n > max as u64) {
            a.too_large = true;
            self.ctx.warn(format!(
                "the body is {} bytes, more than {max}: not read",
                a.content_length.unwrap_or_default()
            ));
            return Ok(());
        }
        self.phase = FetchPhase::Body;
        let t = Instant::now();
        let body = match Limited::new(resp.into_body(), max).collect().await {
            Ok(c) => c.to_bytes(),
            Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
                a.too_large = true;
                self.ctx.warn(format!(
                    "the body goes on past {max} bytes: reading stopped"
                ));
                self.timed(t);
                return Ok(());
            }
            Err(e) => {
                // hyper's words, with the cause: "error reading a body from connection: end of
                // file before message length reached".
                let cause = std::error::Error::source(&*e)
                    .map(|c| format!(": {c}"))
                    .unwrap_or_default();
                return Err(self.fail(format!("the body could not be read: {e}{cause}")));
            }
        };
        self.timed(t);
        a.body_bytes = Some(body.len() as u64);
        self.summarise(&body);
        let text = String::from_utf8_lossy(&body).into_owned();
        let (p, mut f) = policy::parse(&text);
        if std::str::from_utf8(&body).is_err() {
            f.insert(
                0,
                Finding::warning(
                    "mta-sts-policy-syntax",
                    "the policy is not UTF-8 text (its fields are ASCII, RFC 8461 §3.2): the \
                     bytes that are not were read as U+FFFD",
                ),
            );
        }
        self.policy_findings = f;
        a.policy = Some(p);
        a.text = Some(text);
        Ok(())
    }

    /// The body in the transcript: a summary, or every line with `--show-data`.
    fn summarise(&self, body: &[u8]) {
        let lines = body.split(|&b| b == b'\n').count() as u64
            - u64::from(body.is_empty() || body.ends_with(b"\n"));
        if self.ctx.show_data {
            let text = body.strip_suffix(b"\n").unwrap_or(body);
            for line in text.split(|&b| b == b'\n') {
                self.ctx.emit(EventKind::Recv {
                    line: crate::event::escape_bytes(line.strip_suffix(b"\r").unwrap_or(line)),
                    tls: true,
                    note: None,
                });
            }
        } else {
            self.ctx.emit(EventKind::DataReceived {
                lines,
                bytes: body.len() as u64,
                tls: true,
            });
        }
    }
}

/// A handshake failure's words without the command-line hint they end with for an interactive
/// user (`(hint: … --sni)`): the audit asks about the server, not how to get past it.
fn without_hint(message: &str) -> String {
    match message.find(" (hint: ") {
        Some(i) => {
            let end = message[i..].find(')').map_or(message.len(), |j| i + j + 1);
            format!("{}{}", &message[..i], &message[end..])
        }
        None => message.to_string(),
    }
}

/// A hyper error in words, with its cause (the parse error, the I/O error).
fn http_words(e: &hyper::Error) -> String {
    let cause = std::error::Error::source(e)
        .map(|c| format!(": {c}"))
        .unwrap_or_default();
    if e.is_parse() {
        format!("the server's answer is not valid HTTP/1.1 ({e}{cause})")
    } else if e.is_incomplete_message() {
        format!("the server closed the connection before a complete answer ({e}{cause})")
    } else {
        format!("HTTP exchange failed: {e}{cause}")
    }
}

/// Why a `Content-Type` is not the policy's (§3.2: senders SHOULD check that the media type is
/// `text/plain`, so web servers that let users host other content cannot be made to serve a
/// policy), or None when it is `text/plain`, with or without parameters (`charset=utf-8`).
/// Media types compare case-insensitively (RFC 9110 §8.3.1).
pub(crate) fn content_type_problem(value: Option<&str>) -> Option<String> {
    let Some(v) = value else {
        return Some("served with no Content-Type".into());
    };
    let media = v.split(';').next().unwrap_or("").trim_matches([' ', '\t']);
    if media.eq_ignore_ascii_case("text/plain") {
        None
    } else {
        Some(format!(
            "served as {}, not text/plain",
            crate::dns::policy::preview(v)
        ))
    }
}

/// A duration in seconds, the way people say it (`604800` → `7 days`).
fn age_words(secs: u64) -> String {
    match secs {
        86_400 => "1 day".into(),
        s if s >= 86_400 && s % 86_400 == 0 => format!("{} days", s / 86_400),
        s if s >= 86_400 => format!("{:.1} days", s as f64 / 86_400.0),
        s if s >= 3600 => format!("{:.1} hours", s as f64 / 3600.0),
        s => format!("{s} seconds"),
    }
}

/// The findings about the fetch itself, in order: the failure or the answer, then (when all
/// went well) `mta-sts-policy-ok`. Pure, from what the fetch recorded; the policy text's own
/// findings come from [`policy::parse`].
fn fetch_findings(a: &MtaStsAudit, max_body: usize) -> Vec<Finding> {
    let url = &a.url;
    let mut out = Vec::new();
    if let Some(e) = &a.failure {
        if e.certificate.is_some() {
            let shown = a
                .cert
                .as_ref()
                .map(|c| {
                    format!(
                        " (certificate {}, issued by {}, valid until {})",
                        c.subject, c.issuer, c.not_after
                    )
                })
                .unwrap_or_default();
            out.push(Finding::error(
                "mta-sts-cert-invalid",
                format!(
                    "{url}: {}{shown}: senders refuse a policy host whose certificate is not \
                     valid for {} under a trusted CA, so they find no policy (RFC 8461 §3.3)",
                    e.message, a.host
                ),
            ));
        } else {
            out.push(Finding::error(
                "mta-sts-fetch-failed",
                format!(
                    "{url}: the fetch failed in {}: {}",
                    e.phase.as_str(),
                    e.message
                ),
            ));
        }
        return out;
    }
    let Some(code) = a.status else {
        return out;
    };
    let status = StatusCode::from_u16(code).ok();
    let line = format!(
        "{code}{}",
        status
            .and_then(|s| s.canonical_reason())
            .map(|r| format!(" {r}"))
            .unwrap_or_default()
    );
    if (300..400).contains(&code) && code != 304 {
        let to = a
            .location
            .as_deref()
            .map(|l| format!("redirects to {}", crate::dns::policy::preview(l)))
            .unwrap_or_else(|| "redirects (without a Location header)".into());
        out.push(Finding::error(
            "mta-sts-redirect",
            format!(
                "{url} answers {line} and {to}: senders do not follow redirects (RFC 8461 §3.3), \
                 so they find no policy; serve the file itself at this URL"
            ),
        ));
        return out;
    }
    if code != 200 {
        let hint = if code == 404 {
            " (no file at that path?)"
        } else {
            ""
        };
        out.push(Finding::error(
            "mta-sts-http-status",
            format!(
                "{url} answers {line}{hint}: a policy is taken only from a 200 (OK) answer \
                 (RFC 8461 §3.3)"
            ),
        ));
        return out;
    }
    if let Some(why) = content_type_problem(a.content_type.as_deref()) {
        out.push(Finding::error(
            "mta-sts-content-type",
            format!(
                "{url} is {why}: senders check that the policy is text/plain (RFC 8461 §3.2) \
                 and refuse it"
            ),
        ));
        return out;
    }
    if a.too_large {
        let size = a
            .content_length
            .map(|n| format!("{n} bytes"))
            .unwrap_or_else(|| format!("more than {max_body} bytes"));
        out.push(Finding::error(
            "mta-sts-too-large",
            format!(
                "{url}: the body is {size}: senders stop reading at a size limit (RFC 8461 §3.3 \
                 suggests 64 kilobytes) and find no policy; a policy is a few hundred bytes"
            ),
        ));
        return out;
    }
    if let Some(p) = a.policy.as_ref().filter(|p| p.usable) {
        let mx = if p.mx.is_empty() {
            "no mx".to_string()
        } else {
            format!("mx {}", p.mx.join(", "))
        };
        out.push(Finding::new(
            Severity::Ok,
            "mta-sts-policy-ok",
            format!(
                "{url}: mode {}, max_age {} ({}), {mx}",
                p.mode.map(Mode::as_str).unwrap_or_default(),
                p.max_age.unwrap_or_default(),
                age_words(p.max_age.unwrap_or_default())
            ),
        ));
    }
    out
}

/// The certificate verdict of one MX address, from its probe.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct HostCert {
    pub(crate) host: String,
    pub(crate) address: Option<IpAddr>,
    /// Valid for the MX name under the webpki roots and `--ca-file` (`Attempt.tls.pkix_valid`).
    pub(crate) pkix_valid: bool,
    pub(crate) problem: Option<String>,
}

/// The certificate verdicts of the probes: per address, the first attempt that got one, or the
/// first that found the certificate invalid (`--repeat` may see several).
pub(crate) fn host_certs(mx: &[MxAudit]) -> Vec<HostCert> {
    let mut out = Vec::new();
    for m in mx {
        for a in &m.addresses {
            let seen: Vec<_> = a.attempts.iter().filter_map(|t| t.tls.as_ref()).collect();
            let pick = seen.iter().find(|t| !t.pkix_valid).or_else(|| seen.first());
            if let Some(t) = pick {
                out.push(HostCert {
                    host: m.host.clone(),
                    address: Some(a.address),
                    pkix_valid: t.pkix_valid,
                    problem: t.pkix_problem.clone(),
                });
            }
        }
    }
    out
}

/// What a failure at an MX means to senders under a policy of this mode (§5).
fn effect(mode: Mode) -> &'static str {
    match mode {
        Mode::Enforce => "senders that apply the policy will not deliver to it",
        Mode::Testing => {
            "senders deliver anyway and report the failure (TLS-RPT); in enforce mode they \
             would not deliver"
        }
        Mode::None => "mode none applies nothing, but testing or enforce would fail it",
    }
}

/// Does the policy cover the MX set (RFC 8461 §4.1: every MX host must match an `mx` pattern)
/// and do the MX certificates pass (§4.2: valid for the MX name under a trusted CA)? Pure:
/// the policy, the MX host names (from the MX lookup) and the per-address certificate verdicts
/// of the probes. Severity by the mode (enforce: error, testing: warning, none: info). Codes:
/// `mta-sts-mx-not-covered`, `mta-sts-mx-cert-invalid`, and `mta-sts-mx-covered` (ok) when
/// every host matches. Nothing for a policy senders would not apply.
pub(crate) fn coverage(
    policy: &StsPolicy,
    mx_hosts: &[String],
    certs: &[HostCert],
) -> Vec<Finding> {
    let Some(mode) = policy.mode.filter(|_| policy.usable) else {
        return Vec::new();
    };
    let sev = severity_for(mode);
    let mut out = Vec::new();
    let mut hosts: Vec<String> = Vec::new();
    for h in mx_hosts {
        let h = h.trim_end_matches('.').to_ascii_lowercase();
        if !hosts.contains(&h) {
            hosts.push(h);
        }
    }
    let patterns = policy.mx.join(", ");
    let mut all = true;
    for h in &hosts {
        if !policy.mx.iter().any(|p| mx_matches(p, h)) {
            all = false;
            out.push(Finding::new(
                sev,
                "mta-sts-mx-not-covered",
                format!(
                    "{h}: no mx pattern of the MTA-STS policy ({patterns}) matches this MX: {} \
                     (RFC 8461 §4.1; a wildcard covers exactly one leftmost label)",
                    effect(mode)
                ),
            ));
        }
    }
    if all && !hosts.is_empty() {
        out.push(Finding::new(
            Severity::Ok,
            "mta-sts-mx-covered",
            format!(
                "every MX host matches an mx pattern of the MTA-STS policy: {}",
                hosts.join(", ")
            ),
        ));
    }
    let mut said: Vec<(&str, Option<IpAddr>)> = Vec::new();
    for c in certs.iter().filter(|c| !c.pkix_valid) {
        if said.contains(&(c.host.as_str(), c.address)) {
            continue;
        }
        said.push((c.host.as_str(), c.address));
        let at = match c.address {
            Some(ip) => format!("{} [{ip}]", c.host),
            None => c.host.clone(),
        };
        let why = c
            .problem
            .as_deref()
            .unwrap_or("the certificate does not verify for the MX name");
        out.push(Finding::new(
            sev,
            "mta-sts-mx-cert-invalid",
            format!(
                "{at}: {why}: MTA-STS needs a certificate valid for the MX name under a trusted \
                 CA — {} (RFC 8461 §4.2)",
                effect(mode)
            ),
        ));
    }
    out
}

/// The whole MTA-STS verdict, once the DNS audit and the probes are in: the TXT record beside
/// the policy (§3.1, §3.3), then the MX coverage and certificates ([`coverage`]). Pure.
///
/// - TXT with an `id`: the id goes beside the policy (`txt_id`, and the `mta-sts-policy-ok`
///   message); without a usable policy, `mta-sts-txt-without-policy` (error).
/// - A usable policy without a valid TXT record: `mta-sts-policy-without-txt` (warning: senders
///   discover a policy through the TXT record only, so they never fetch this one).
/// - No TXT record and no policy: the domain does not use MTA-STS, which `mta-sts-none` of the
///   DNS audit already says; the fetch's findings become one `mta-sts-policy-none` (info), or
///   are lowered to info when the host did answer.
/// - The TXT lookup failed: its own finding says so; nothing is concluded from it here.
pub(crate) fn judge(a: &mut MtaStsAudit, txt: &TxtPolicy, mx_hosts: &[String], certs: &[HostCert]) {
    let id = txt.value.get("id").and_then(serde_json::Value::as_str);
    let unknown = txt.status == "temperror";
    a.txt_id = id.map(str::to_string);
    let name = &txt.name;
    let url = a.url.clone();
    match (id, txt.record.is_some()) {
        _ if unknown => {}
        (Some(id), _) => {
            if a.usable {
                for f in a
                    .findings
                    .iter_mut()
                    .filter(|f| f.code == "mta-sts-policy-ok")
                {
                    f.message
                        .push_str(&format!("; announced by {name} (id={id})"));
                }
            } else {
                a.findings.push(Finding::error(
                    "mta-sts-txt-without-policy",
                    format!(
                        "{name} announces MTA-STS (id={id}), but {url} gives senders no policy \
                         they can use (see above): those without a cached copy deliver as \
                         though the domain had no MTA-STS, those with one keep applying it until \
                         its max_age runs out (RFC 8461 §3.3)"
                    ),
                ));
            }
        }
        (None, true) if a.usable => a.findings.push(Finding::warning(
            "mta-sts-policy-without-txt",
            format!(
                "{url} serves a policy, but the TXT record at {name} is not valid (see its \
                 findings): senders stop there and never fetch the policy (RFC 8461 §3.1)"
            ),
        )),
        (None, true) => {}
        (None, false) if a.usable => a.findings.push(Finding::warning(
            "mta-sts-policy-without-txt",
            format!(
                "{url} serves a policy, but there is no TXT record at {name}: senders discover a \
                 policy only through that record, so they never fetch this one (RFC 8461 §3.1)"
            ),
        )),
        (None, false) => {
            let answered = a.status.is_some_and(|s| s != 404);
            if answered {
                for f in &mut a.findings {
                    f.severity = f.severity.min(Severity::Info);
                }
            } else {
                let why = match (&a.failure, a.status) {
                    (Some(e), _) => format!("{} failed: {}", e.phase.as_str(), e.message),
                    (None, Some(s)) => format!("it answers {s}"),
                    (None, None) => "nothing was fetched".into(),
                };
                a.findings = vec![Finding::info(
                    "mta-sts-policy-none",
                    format!("no MTA-STS policy at {url} either ({why})"),
                )];
            }
        }
    }
    if let Some(p) = a.policy.as_ref().filter(|_| a.usable) {
        let mut found = coverage(p, mx_hosts, certs);
        if id.is_none() {
            // No sender applies a policy it never discovers: the coverage is advice for now.
            for f in &mut found {
                f.severity = f.severity.min(Severity::Warning);
            }
        }
        a.findings.extend(found);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(f: &[Finding]) -> Vec<(&str, Severity)> {
        f.iter().map(|x| (x.code.as_str(), x.severity)).collect()
    }

    fn policy(text: &str) -> StsPolicy {
        let (p, _) = policy::parse(text);
        assert!(p.usable, "{text}");
        p
    }

    fn hosts(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type_problem(Some("text/plain")), None);
        assert_eq!(
            content_type_problem(Some("text/plain; charset=utf-8")),
            None
        );
        assert_eq!(
            content_type_problem(Some("Text/Plain;charset=\"UTF-8\"")),
            None
        );
        assert_eq!(content_type_problem(Some(" text/plain ")), None);
        for bad in [
            Some("text/html"),
            Some("text/plain-ish"),
            Some("application/octet-stream"),
            Some(""),
            None,
        ] {
            assert!(content_type_problem(bad).is_some(), "{bad:?}");
        }
        assert!(
            content_type_problem(Some("text/html; charset=utf-8"))
                .unwrap()
                .contains("text/html")
        );
    }

    #[test]
    fn coverage_by_mode() {
        let enforce = policy(
            "version: STSv1\nmode: enforce\nmx: *.example.com\nmx: mx.example.net\nmax_age: 604800\n",
        );
        let f = coverage(
            &enforce,
            &hosts(&[
                "mx1.example.com.",
                "MX.example.net",
                "a.b.example.com",
                "example.com",
            ]),
            &[],
        );
        assert_eq!(
            codes(&f),
            [
                ("mta-sts-mx-not-covered", Severity::Error),
                ("mta-sts-mx-not-covered", Severity::Error)
            ]
        );
        assert!(f[0].message.starts_with("a.b.example.com: "));
        assert!(f[1].message.starts_with("example.com: "));
        let f = coverage(
            &enforce,
            &hosts(&["mx1.example.com", "mx2.example.com", "mx1.example.com"]),
            &[],
        );
        assert_eq!(codes(&f), [("mta-sts-mx-covered", Severity::Ok)]);
        assert!(f[0].message.ends_with("mx1.example.com, mx2.example.com"));

        let testing =
            policy("version: STSv1\nmode: testing\nmx: mx1.example.com\nmax_age: 604800\n");
        let certs = [
            HostCert {
                host: "mx1.example.com".into(),
                address: Some("192.0.2.1".parse().unwrap()),
                pkix_valid: false,
                problem: Some(
                    "the certificate is not valid for mx1.example.com: it names other.example"
                        .into(),
                ),
            },
            HostCert {
                host: "mx1.example.com".into(),
                address: Some("192.0.2.2".parse().unwrap()),
                pkix_valid: true,
                problem: None,
            },
        ];
        let f = coverage(
            &testing,
            &hosts(&["mx1.example.com", "mx2.example.com"]),
            &certs,
        );
        assert_eq!(
            codes(&f),
            [
                ("mta-sts-mx-not-covered", Severity::Warning),
                ("mta-sts-mx-cert-invalid", Severity::Warning)
            ]
        );
        assert!(
            f[1].message
                .starts_with("mx1.example.com [192.0.2.1]: the certificate is not valid")
        );
        let none = policy("version: STSv1\nmode: none\nmax_age: 604800\n");
        let f = coverage(&none, &hosts(&["mx1.example.com"]), &certs);
        assert_eq!(
            codes(&f),
            [
                ("mta-sts-mx-not-covered", Severity::Info),
                ("mta-sts-mx-cert-invalid", Severity::Info)
            ]
        );
        // A policy senders would not apply gets no coverage verdict.
        let (broken, _) = policy::parse("version: STSv1\nmode: enforce\nmax_age: 604800\n");
        assert!(coverage(&broken, &hosts(&["mx1.example.com"]), &certs).is_empty());
    }

    fn fetched(status: u16, ct: Option<&str>) -> MtaStsAudit {
        let mut a = MtaStsAudit::new("mta-sts.example.com");
        a.status = Some(status);
        a.content_type = ct.map(str::to_string);
        a
    }

    #[test]
    fn fetch_verdicts() {
        let mut a = fetched(301, Some("text/html"));
        a.location = Some("https://www.example.com/".into());
        let f = fetch_findings(&a, MAX_BODY);
        assert_eq!(codes(&f), [("mta-sts-redirect", Severity::Error)]);
        assert!(
            f[0].message
                .contains("301 Moved Permanently and redirects to \"https://www.example.com/\"")
        );
        let f = fetch_findings(&fetched(404, Some("text/html")), MAX_BODY);
        assert_eq!(codes(&f), [("mta-sts-http-status", Severity::Error)]);
        let f = fetch_findings(&fetched(200, Some("text/html")), MAX_BODY);
        assert_eq!(codes(&f), [("mta-sts-content-type", Severity::Error)]);
        let mut a = fetched(200, Some("text/plain"));
        a.too_large = true;
        let f = fetch_findings(&a, MAX_BODY);
        assert_eq!(codes(&f), [("mta-sts-too-large", Severity::Error)]);
        assert!(f[0].message.contains("more than 65536 bytes"));
        let mut a = fetched(200, Some("text/plain; charset=utf-8"));
        a.policy = Some(policy(
            "version: STSv1\nmode: enforce\nmx: *.example.com\nmax_age: 604800\n",
        ));
        a.usable = true;
        let f = fetch_findings(&a, MAX_BODY);
        assert_eq!(codes(&f), [("mta-sts-policy-ok", Severity::Ok)]);
        assert!(
            f[0].message
                .ends_with("mode enforce, max_age 604800 (7 days), mx *.example.com")
        );
        let mut a = MtaStsAudit::new("mta-sts.example.com");
        a.failure = Some(FetchError {
            phase: FetchPhase::Connect,
            message: "could not connect".into(),
            certificate: None,
            timeout: false,
        });
        let f = fetch_findings(&a, MAX_BODY);
        assert_eq!(codes(&f), [("mta-sts-fetch-failed", Severity::Error)]);
        assert!(f[0].message.contains("failed in connect"));
    }

    fn txt(record: Option<&str>, id: Option<&str>) -> TxtPolicy {
        TxtPolicy {
            name: "_mta-sts.example.com".into(),
            record: record.map(str::to_string),
            status: if record.is_some() { "ok" } else { "none" },
            findings: vec![],
            value: id
                .map(|i| serde_json::json!({ "id": i }))
                .unwrap_or(serde_json::Value::Null),
        }
    }

    fn good_fetch() -> MtaStsAudit {
        let mut a = fetched(200, Some("text/plain"));
        a.policy = Some(policy(
            "version: STSv1\nmode: enforce\nmx: mx1.example.com\nmax_age: 604800\n",
        ));
        a.usable = true;
        a.findings = fetch_findings(&a, MAX_BODY);
        a
    }

    #[test]
    fn txt_beside_policy() {
        let mx = hosts(&["mx1.example.com"]);
        let mut a = good_fetch();
        judge(
            &mut a,
            &txt(Some("v=STSv1; id=20240101"), Some("20240101")),
            &mx,
            &[],
        );
        assert_eq!(a.txt_id.as_deref(), Some("20240101"));
        assert_eq!(
            codes(&a.findings),
            [
                ("mta-sts-policy-ok", Severity::Ok),
                ("mta-sts-mx-covered", Severity::Ok)
            ]
        );
        assert!(
            a.findings[0]
                .message
                .ends_with("announced by _mta-sts.example.com (id=20240101)")
        );

        // A policy nobody discovers.
        let mut a = good_fetch();
        judge(&mut a, &txt(None, None), &hosts(&["mx2.example.com"]), &[]);
        assert_eq!(
            codes(&a.findings),
            [
                ("mta-sts-policy-ok", Severity::Ok),
                ("mta-sts-policy-without-txt", Severity::Warning),
                ("mta-sts-mx-not-covered", Severity::Warning)
            ]
        );
        let mut a = good_fetch();
        judge(&mut a, &txt(Some("v=STSv1; id=bad-id"), None), &mx, &[]);
        assert!(
            a.findings
                .iter()
                .any(|f| f.code == "mta-sts-policy-without-txt")
        );

        // A TXT record and no policy.
        let mut a = fetched(404, None);
        a.findings = fetch_findings(&a, MAX_BODY);
        judge(&mut a, &txt(Some("v=STSv1; id=1"), Some("1")), &mx, &[]);
        assert_eq!(
            codes(&a.findings),
            [
                ("mta-sts-http-status", Severity::Error),
                ("mta-sts-txt-without-policy", Severity::Error)
            ]
        );

        // Neither: no MTA-STS, said once, quietly.
        let mut a = MtaStsAudit::new("mta-sts.example.com");
        a.failure = Some(FetchError {
            phase: FetchPhase::Resolve,
            message: "cannot resolve mta-sts.example.com: NXDOMAIN".into(),
            certificate: None,
            timeout: false,
        });
        a.findings = fetch_findings(&a, MAX_BODY);
        judge(&mut a, &txt(None, None), &mx, &[]);
        assert_eq!(
            codes(&a.findings),
            [("mta-sts-policy-none", Severity::Info)]
        );
        // A host that answers something, without a TXT record: lowered to info.
        let mut a = fetched(200, Some("text/html"));
        a.findings = fetch_findings(&a, MAX_BODY);
        judge(&mut a, &txt(None, None), &mx, &[]);
        assert_eq!(
            codes(&a.findings),
            [("mta-sts-content-type", Severity::Info)]
        );

        // The TXT lookup failed: nothing concluded.
        let mut a = fetched(404, None);
        a.findings = fetch_findings(&a, MAX_BODY);
        let mut t = txt(None, None);
        t.status = "temperror";
        judge(&mut a, &t, &mx, &[]);
        assert_eq!(
            codes(&a.findings),
            [("mta-sts-http-status", Severity::Error)]
        );
    }

    #[test]
    fn ages_in_words() {
        assert_eq!(age_words(604_800), "7 days");
        assert_eq!(age_words(86_400 * 3 / 2), "1.5 days");
        assert_eq!(age_words(7200), "2.0 hours");
        assert_eq!(age_words(59), "59 seconds");
        assert_eq!(age_words(86_400), "1 day");
    }

    #[test]
    fn hints_are_dropped() {
        assert_eq!(
            without_hint(
                "the certificate is not valid for a.example: it names b.example (hint: if the \
                 server is known by one of those names, give it with --sni)"
            ),
            "the certificate is not valid for a.example: it names b.example"
        );
        assert_eq!(without_hint("x (hint: y) z"), "x z");
        assert_eq!(without_hint("plain (not a hint)"), "plain (not a hint)");
    }
}
