//! One HTTPS GET for key discovery (WKD), in the transcript: the connection, the TLS handshake
//! with the certificate verified for the host (`--ca-file` adds roots), the request and
//! response heads as `C:`/`S:` lines (the MTA-STS tap), the body summarised. hyper's
//! connection-level client over our own connect and rustls stream, as the MTA-STS fetch does,
//! so `--connect-to` and the certificate check stay ours. Bounded: connect timeout, one
//! deadline for the whole exchange, a body cap. Redirects are the caller's to follow.

use crate::audit::mta_sts::tap::Tap;
use crate::dns::Dns;
use crate::event::{Ctx, EventKind};
use crate::transport::connect_to::{ConnectTo, redirect};
use crate::transport::tls::TlsClient;
use http_body_util::{BodyExt, Empty, LengthLimitError, Limited};
use hyper::body::Bytes;
use hyper::header::{CONNECTION, CONTENT_TYPE, HOST, LOCATION, USER_AGENT};
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// How to fetch.
pub(crate) struct Http {
    pub(crate) tls: TlsClient,
    pub(crate) rules: Vec<ConnectTo>,
    pub(crate) connect_timeout: Duration,
    /// One fetch, from connect to the end of the body.
    pub(crate) max_time: Duration,
    pub(crate) max_body: usize,
}

/// What came back.
#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) location: Option<String>,
    pub(crate) content_type: Option<String>,
    /// Read only for a 200.
    pub(crate) body: Option<Vec<u8>>,
}

/// Where an HTTPS connection to `host` goes: a `--connect-to` rule, else the host's addresses.
async fn targets(host: &str, http: &Http, dns: &Dns, ctx: &Ctx) -> Result<Vec<SocketAddr>, String> {
    if let Some(ep) = redirect(&http.rules, host, None, 443) {
        ctx.info(format!("--connect-to: {host}:443 goes to {ep}"));
        if let Some(ip) = ep.ip() {
            return Ok(vec![SocketAddr::new(ip, ep.port)]);
        }
        let ips = dns.host_ips(&ep.host).await.map_err(|f| f.message)?;
        return Ok(ips
            .into_iter()
            .map(|ip| SocketAddr::new(ip, ep.port))
            .collect());
    }
    let ips = dns.host_ips(host).await.map_err(|f| f.message)?;
    Ok(ips
        .into_iter()
        .map(|ip| match redirect(&http.rules, host, Some(ip), 443) {
            Some(ep) => SocketAddr::new(ep.ip().unwrap_or(ip), ep.port),
            None => SocketAddr::new(ip, 443),
        })
        .collect())
}

/// GET `https://host{path}`.
pub(crate) async fn get(
    host: &str,
    path: &str,
    http: &Http,
    dns: &Dns,
    ctx: &Arc<Ctx>,
) -> Result<Response, String> {
    match tokio::time::timeout(http.max_time, get_inner(host, path, http, dns, ctx)).await {
        Ok(r) => r,
        Err(_) => Err(format!(
            "no complete answer from {host} within {:?}",
            http.max_time
        )),
    }
}

async fn get_inner(
    host: &str,
    path: &str,
    http: &Http,
    dns: &Dns,
    ctx: &Arc<Ctx>,
) -> Result<Response, String> {
    let addrs = targets(host, http, dns, ctx).await?;
    let stream = crate::transport::connect(&addrs, http.connect_timeout, ctx)
        .await
        .map_err(|f| f.message)?;
    let (stream, _negotiated) = http
        .tls
        .handshake(stream, host, http.max_time, ctx, true)
        .await
        .map_err(|f| f.message)?;
    let io = TokioIo::new(Tap::new(stream, ctx.clone()));
    let (mut sender, conn) = hyper::client::conn::http1::Builder::new()
        .title_case_headers(true)
        .handshake::<_, Empty<Bytes>>(io)
        .await
        .map_err(|e| format!("HTTP setup failed: {e}"))?;
    let req = Request::builder()
        .method(Method::GET)
        .uri(path)
        .header(HOST, host)
        .header(
            USER_AGENT,
            concat!("mailctl/", env!("CARGO_PKG_VERSION"), " (WKD)"),
        )
        .header(CONNECTION, "close")
        .body(Empty::<Bytes>::new())
        .map_err(|e| format!("cannot build the request: {e}"))?;
    let max = http.max_body;
    let exchange = async move {
        let resp = sender
            .send_request(req)
            .await
            .map_err(|e| format!("HTTP exchange failed: {e}"))?;
        let status = resp.status().as_u16();
        let text = |name| {
            resp.headers()
                .get(name)
                .map(|v: &hyper::header::HeaderValue| {
                    String::from_utf8_lossy(v.as_bytes()).into_owned()
                })
        };
        let location = text(LOCATION);
        let content_type = text(CONTENT_TYPE);
        let body = if status == 200 {
            match Limited::new(resp.into_body(), max).collect().await {
                Ok(c) => Some(c.to_bytes().to_vec()),
                Err(e) if e.downcast_ref::<LengthLimitError>().is_some() => {
                    return Err(format!(
                        "the body goes on past {max} bytes: reading stopped"
                    ));
                }
                Err(e) => return Err(format!("the body could not be read: {e}")),
            }
        } else {
            None
        };
        Ok::<_, String>(Response {
            status,
            location,
            content_type,
            body,
        })
    };
    let mut conn = std::pin::pin!(conn);
    let mut exchange = std::pin::pin!(exchange);
    let mut conn_done = false;
    // Both polled here, in this task: a fetch leaves nothing running behind it.
    let r = loop {
        tokio::select! {
            r = &mut exchange => break r,
            _ = &mut conn, if !conn_done => conn_done = true,
        }
    };
    if let Ok(Response { body: Some(b), .. }) = &r {
        ctx.emit(EventKind::DataReceived {
            lines: b.iter().filter(|c| **c == b'\n').count() as u64,
            bytes: b.len() as u64,
            tls: true,
        });
    }
    r
}
