//! JMAP (RFC 8620 core, RFC 8621 mail) over [`crate::transport::http`]: session discovery with
//! its redirects (§2.2), the API request with its three kinds of failure (HTTP status, a
//! request-level problem details object §3.6.1 / RFC 7807, a method-level `error` response
//! §3.6.2), each named with the step it happened in, and the server's announced limits held to
//! sane bounds (never trusted to size our work).

pub(crate) mod push;

use crate::error::{Failure, Kind, Phase};
use crate::transport::http::{self, Client, Request, Response, Url};
use hyper::StatusCode;
use serde_json::{Value, json};

/// Redirects followed during session discovery: RFC 8620 §2.2 expects the well-known URL to
/// redirect once; a few more allow for a load balancer's hop, and a loop ends here.
pub(crate) const MAX_REDIRECTS: usize = 5;

/// The capabilities the mail commands use (RFC 8621 §1.3, §1.3.1… ).
pub(crate) const CORE: &str = "urn:ietf:params:jmap:core";
pub(crate) const MAIL: &str = "urn:ietf:params:jmap:mail";
pub(crate) const SUBMISSION: &str = "urn:ietf:params:jmap:submission";

/// Caps on what a server announces (§2 `maxObjectsInGet`, `maxCallsInRequest`): a value above
/// these is used as these, so a server announcing 2^53 cannot make mailctl build a huge request.
const CAP_OBJECTS_IN_GET: u64 = 500;
const CAP_CALLS_IN_REQUEST: u64 = 16;

/// The session resource (RFC 8620 §2), as read, with the URLs resolved against the session URL.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    /// Where the session resource was finally read (after redirects).
    pub(crate) url: Url,
    pub(crate) raw: Value,
    pub(crate) api_url: Url,
    pub(crate) download_url: String,
    pub(crate) upload_url: String,
    pub(crate) event_source_url: String,
    pub(crate) username: String,
    pub(crate) state: String,
}

impl Session {
    /// The account the mail commands act on: the primary account for `cap` (§2
    /// `primaryAccounts`).
    pub(crate) fn primary_account(&self, cap: &str) -> Result<String, Failure> {
        self.raw
            .get("primaryAccounts")
            .and_then(|p| p.get(cap))
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| {
                Failure::new(
                    Phase::Capa,
                    Kind::Capability,
                    format!("the session names no primary account for {cap}: the server does not offer it to this user"),
                )
            })
    }

    /// `urn:ietf:params:jmap:core`'s limit `name`, capped at `cap` (and at least 1).
    fn core_limit(&self, name: &str, cap: u64) -> u64 {
        self.raw
            .pointer(&format!("/capabilities/{}/{name}", CORE.replace('/', "~1")))
            .and_then(Value::as_u64)
            .unwrap_or(cap)
            .clamp(1, cap)
    }

    /// How many ids one `/get` may carry.
    pub(crate) fn max_objects_in_get(&self) -> usize {
        self.core_limit("maxObjectsInGet", CAP_OBJECTS_IN_GET) as usize
    }

    /// How many method calls one request may carry.
    pub(crate) fn max_calls_in_request(&self) -> usize {
        self.core_limit("maxCallsInRequest", CAP_CALLS_IN_REQUEST) as usize
    }

    /// Whether the session lists `cap`.
    pub(crate) fn has(&self, cap: &str) -> bool {
        self.raw
            .get("capabilities")
            .and_then(|c| c.get(cap))
            .is_some()
    }
}

/// A URL the session gave, resolved against the session URL (Cyrus gives `/jmap/`).
fn session_url(base: &Url, v: &Value, name: &str) -> Result<String, Failure> {
    let s = v.get(name).and_then(Value::as_str).ok_or_else(|| {
        Failure::new(
            Phase::Capa,
            Kind::Protocol,
            format!("the session resource has no {name} (RFC 8620 §2)"),
        )
    })?;
    // Templates keep their {braces} (RFC 6570), which url would percent-encode: join only the
    // part before the first brace.
    let (fixed, template) = match s.find('{') {
        Some(i) => (&s[..i], &s[i..]),
        None => (s, ""),
    };
    let joined = base.join(fixed).map_err(|e| {
        Failure::new(
            Phase::Capa,
            Kind::Protocol,
            format!("{name} {s:?} is not a URL: {e}"),
        )
    })?;
    if base.scheme() == "https" && joined.scheme() == "http" {
        // The credentials would follow it in clear text.
        return Err(Failure::new(
            Phase::Capa,
            Kind::Protocol,
            format!("{name} {s:?} is plain http while the session came over https: not used"),
        ));
    }
    if !matches!(joined.scheme(), "http" | "https") {
        return Err(Failure::new(
            Phase::Capa,
            Kind::Protocol,
            format!("{name} {s:?} is not an http(s) URL"),
        ));
    }
    Ok(format!("{joined}{template}"))
}

/// Parse a session resource read from `url`.
pub(crate) fn parse_session(url: Url, body: &[u8]) -> Result<Session, Failure> {
    let raw: Value = serde_json::from_slice(body).map_err(|e| {
        Failure::new(
            Phase::Capa,
            Kind::Protocol,
            format!("the session resource is not JSON: {e}"),
        )
    })?;
    if !raw.is_object() {
        return Err(Failure::new(
            Phase::Capa,
            Kind::Protocol,
            "the session resource is not a JSON object (RFC 8620 §2)",
        ));
    }
    let api = session_url(&url, &raw, "apiUrl")?;
    let api_url = http::parse_url(&api)
        .map_err(|e| Failure::new(Phase::Capa, Kind::Protocol, format!("apiUrl: {e}")))?;
    let text = |k: &str| {
        raw.get(k)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string()
    };
    Ok(Session {
        download_url: session_url(&url, &raw, "downloadUrl")?,
        upload_url: session_url(&url, &raw, "uploadUrl")?,
        event_source_url: session_url(&url, &raw, "eventSourceUrl")?,
        username: text("username"),
        state: text("state"),
        api_url,
        url,
        raw,
    })
}

/// What went wrong, from a response that is not a success: the problem details type and detail
/// (RFC 7807, §3.6.1) when the body is one, else the start of the body.
pub(crate) fn problem(r: &Response) -> String {
    let status = r.head.status;
    let said = match serde_json::from_slice::<Value>(&r.body) {
        Ok(v) if v.get("type").is_some() => {
            let ty = v.get("type").and_then(Value::as_str).unwrap_or("?");
            let detail = v
                .get("detail")
                .or_else(|| v.get("title"))
                .and_then(Value::as_str)
                .map(|d| format!(": {d}"))
                .unwrap_or_default();
            format!("{ty}{detail}")
        }
        _ => {
            let text = String::from_utf8_lossy(&r.body[..r.body.len().min(300)]).into_owned();
            let text = strip_tags(&text);
            if text.is_empty() {
                "no explanation in the body".into()
            } else {
                text
            }
        }
    };
    crate::event::escape_bytes(format!("HTTP {status}: {said}").as_bytes())
}

/// The words of an HTML error page, without its markup (Cyrus answers 401 with one).
fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => {
                inside = true;
                out.push(' ');
            }
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A response that says the credentials were not accepted (RFC 9110 §15.5.2, §15.5.4).
fn auth_failure(r: &Response, phase_words: &str) -> Failure {
    let challenge = r
        .head
        .text("www-authenticate")
        .map(|c| {
            format!(
                " (WWW-Authenticate: {})",
                crate::event::escape_bytes(c.as_bytes())
            )
        })
        .unwrap_or_default();
    Failure::new(
        Phase::Auth,
        Kind::Rejected,
        format!("{phase_words}: the server refused the credentials{challenge}"),
    )
    .with_reply(problem(r))
}

/// RFC 8620 §2.2: GET the session resource from `start`, following redirects (each one in the
/// transcript, at most [`MAX_REDIRECTS`], never to a URL already visited).
pub(crate) async fn discover(client: &mut Client, start: Url) -> Result<Session, Failure> {
    let mut url = start;
    let mut seen: Vec<Url> = Vec::new();
    // Where a cross-origin redirect led (the credentials stayed behind).
    let mut elsewhere: Option<Url> = None;
    loop {
        seen.push(url.clone());
        let r = client
            .send(
                Request::get(url.clone(), Phase::Capa)
                    .header(hyper::header::ACCEPT, "application/json"),
            )
            .await?;
        let status = r.head.status;
        if status.is_redirection() {
            let next = match http::location(&r.head) {
                Some(Ok(u)) => u,
                Some(Err(e)) => return Err(Failure::new(Phase::Capa, Kind::Protocol, e)),
                None => {
                    return Err(Failure::new(
                        Phase::Capa,
                        Kind::Protocol,
                        format!("{status} without a Location header"),
                    ));
                }
            };
            if seen.contains(&next) {
                return Err(Failure::new(
                    Phase::Capa,
                    Kind::Protocol,
                    format!("redirect loop: {next} was already visited"),
                ));
            }
            if seen.len() > MAX_REDIRECTS {
                return Err(Failure::new(
                    Phase::Capa,
                    Kind::Protocol,
                    format!("more than {MAX_REDIRECTS} redirects, last to {next}"),
                ));
            }
            if url.scheme() == "https" && next.scheme() == "http" {
                // Credentials must not follow a redirect to plaintext.
                return Err(Failure::new(
                    Phase::Capa,
                    Kind::Protocol,
                    format!(
                        "the session redirects from https to plain http ({next}): not followed"
                    ),
                ));
            }
            if let Err(e) = http::check_url(&next) {
                // The server's Location, not the user's -s: a protocol failure, quoted.
                let raw = r.head.text("location").unwrap_or_default();
                return Err(Failure::new(
                    Phase::Capa,
                    Kind::Protocol,
                    format!(
                        "the session redirects to Location \"{}\", which is not followed: {e}",
                        crate::event::escape_bytes(raw.as_bytes())
                    ),
                ));
            }
            client.ctx().info(format!("redirected to {next}"));
            if client.sends_auth_to(&url) && !client.sends_auth_to(&next) {
                client.ctx().warn(format!(
                    "redirected to another origin ({}): credentials are not sent there, as curl does not; give -s {next} to send them to it",
                    http::origin_text(&next)
                ));
                elsewhere = Some(next.clone());
            }
            url = next;
            continue;
        }
        if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
            let f = auth_failure(&r, "session discovery");
            return Err(match &elsewhere {
                Some(u) => {
                    let m = format!(
                        "{}; the credentials were not sent to this other origin (a redirect led here): give -s {u} to send them to it",
                        f.message
                    );
                    Failure { message: m, ..f }
                }
                None => f,
            });
        }
        if !status.is_success() {
            return Err(Failure::new(
                Phase::Capa,
                Kind::Rejected,
                format!("the session resource at {url} could not be read"),
            )
            .with_reply(problem(&r)));
        }
        let s = parse_session(url, &r.body)?;
        warn_other_origins(client, &s);
        if !s.has(CORE) {
            client.ctx().warn(format!(
                "the session does not list {CORE}, which every JMAP server must (RFC 8620 §2)"
            ));
        }
        return Ok(s);
    }
}

/// Session URLs on another origin than the credentials' get no credentials ([`Client`]'s
/// rule): say so once per URL, before a request there fails for want of them.
fn warn_other_origins(client: &mut Client, s: &Session) {
    let named = [
        ("apiUrl", Some(s.api_url.clone())),
        ("downloadUrl", Url::parse(&s.download_url).ok()),
        ("uploadUrl", Url::parse(&s.upload_url).ok()),
        ("eventSourceUrl", Url::parse(&s.event_source_url).ok()),
    ];
    let Some(home) = client.auth_origin() else {
        return;
    };
    for (name, u) in named {
        if let Some(u) = u
            && !client.sends_auth_to(&u)
        {
            client.ctx().warn(format!(
                "the session's {name} is on another origin ({}) than the credentials' ({home}): credentials are not sent there, as curl does not",
                http::origin_text(&u)
            ));
        }
    }
}

/// One API request (RFC 8620 §3.3): `using` and the method calls; returns the method responses
/// (§3.4) in order, after the request-level checks. Method-level errors are left to
/// [`response`], which names the method.
pub(crate) async fn call(
    client: &mut Client,
    session: &Session,
    using: &[&str],
    calls: Vec<Value>,
) -> Result<Vec<Value>, Failure> {
    let max = session.max_calls_in_request();
    if calls.len() > max {
        return Err(Failure::new(
            Phase::Command,
            Kind::Capability,
            format!(
                "this request needs {} method calls and the server takes at most {max} (maxCallsInRequest)",
                calls.len()
            ),
        ));
    }
    let body = json!({ "using": using, "methodCalls": calls });
    let r = client
        .send(Request::post_json(
            session.api_url.clone(),
            &body,
            Phase::Command,
        ))
        .await?;
    let status = r.head.status;
    if status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN {
        return Err(auth_failure(&r, "the API request"));
    }
    if !status.is_success() {
        // §3.6.1: request-level errors are problem details (RFC 7807) with a JMAP type.
        return Err(Failure::new(
            Phase::Command,
            Kind::Rejected,
            "the server refused the API request",
        )
        .with_reply(problem(&r)));
    }
    let v: Value = serde_json::from_slice(&r.body).map_err(|e| {
        Failure::new(
            Phase::Command,
            Kind::Protocol,
            format!("the API response is not JSON: {e}"),
        )
    })?;
    let responses = v
        .get("methodResponses")
        .and_then(Value::as_array)
        .cloned()
        .ok_or_else(|| {
            Failure::new(
                Phase::Command,
                Kind::Protocol,
                "the API response has no methodResponses array (RFC 8620 §3.4)",
            )
        })?;
    Ok(responses)
}

/// The arguments of the response to call `id` (§3.2 Invocation: `[name, arguments, callId]`),
/// or the method's error (§3.6.2) as a failure naming `method`.
pub(crate) fn response<'a>(
    responses: &'a [Value],
    id: &str,
    method: &str,
) -> Result<&'a Value, Failure> {
    let inv = responses
        .iter()
        .find(|r| r.get(2).and_then(Value::as_str) == Some(id))
        .ok_or_else(|| {
            Failure::new(
                Phase::Command,
                Kind::Protocol,
                format!("no response to {method} (call id {id}) in methodResponses"),
            )
        })?;
    let name = inv.get(0).and_then(Value::as_str).unwrap_or("");
    let args = inv.get(1).unwrap_or(&Value::Null);
    if name == "error" {
        let ty = args.get("type").and_then(Value::as_str).unwrap_or("?");
        let desc = args
            .get("description")
            .and_then(Value::as_str)
            .map(|d| format!(": {d}"))
            .unwrap_or_default();
        return Err(Failure::new(
            Phase::Command,
            Kind::Rejected,
            format!("{method} failed with a method error"),
        )
        .with_reply(crate::event::escape_bytes(
            format!("[\"error\", {{\"type\": \"{ty}\"}}]{desc}").as_bytes(),
        )));
    }
    if !args.is_object() {
        return Err(Failure::new(
            Phase::Command,
            Kind::Protocol,
            format!("the response to {method} has no arguments object"),
        ));
    }
    Ok(args)
}

/// Expand a URL template of the session (RFC 6570 level 1, as §2 uses it): each `{name}` by
/// its value, percent-encoded.
pub(crate) fn expand(template: &str, vars: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in vars {
        let enc: String = v
            .bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect();
        out = out.replace(&format!("{{{k}}}"), &enc);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cyrus_session() -> Session {
        let body = br#"{"username":"alice","apiUrl":"/jmap/","downloadUrl":"/jmap/download/{accountId}/{blobId}/{name}?accept={type}","uploadUrl":"/jmap/upload/{accountId}/","eventSourceUrl":"/jmap/eventsource/?types={types}&closeafter={closeafter}&ping={ping}","state":"0","capabilities":{"urn:ietf:params:jmap:core":{"maxCallsInRequest":50,"maxObjectsInGet":9007199254740991}},"accounts":{},"primaryAccounts":{"urn:ietf:params:jmap:mail":"alice"}}"#;
        parse_session(
            http::parse_url("http://127.0.0.1:12080/jmap").unwrap(),
            body,
        )
        .unwrap()
    }

    #[test]
    fn session_urls_resolve_and_limits_are_capped() {
        let s = cyrus_session();
        assert_eq!(s.api_url.as_str(), "http://127.0.0.1:12080/jmap/");
        assert_eq!(
            s.download_url,
            "http://127.0.0.1:12080/jmap/download/{accountId}/{blobId}/{name}?accept={type}"
        );
        assert_eq!(s.max_objects_in_get(), 500);
        assert_eq!(s.max_calls_in_request(), 16);
        assert_eq!(s.primary_account(MAIL).unwrap(), "alice");
        assert!(s.primary_account(SUBMISSION).is_err());
        assert_eq!(
            expand(
                &s.download_url,
                &[
                    ("accountId", "a"),
                    ("blobId", "b"),
                    ("name", "x y.eml"),
                    ("type", "message/rfc822")
                ]
            ),
            "http://127.0.0.1:12080/jmap/download/a/b/x%20y.eml?accept=message%2Frfc822"
        );
    }

    #[test]
    fn bad_sessions_are_protocol_errors() {
        let u = http::parse_url("http://h/").unwrap();
        for body in [&b"<html>"[..], b"[]", br#"{"apiUrl":"ftp://x/"}"#, b"{}"] {
            let f = parse_session(u.clone(), body).unwrap_err();
            assert_eq!(f.kind, Kind::Protocol, "{}", String::from_utf8_lossy(body));
        }
        let u = http::parse_url("https://h/").unwrap();
        // A https session naming a plain-http apiUrl: the credentials would go in clear.
        let f = parse_session(u, br#"{"apiUrl":"http://h/api"}"#).unwrap_err();
        assert!(f.message.contains("plain http"), "{}", f.message);
    }

    /// Sessions cut and corrupted at random: a failure or a session, never a panic.
    #[test]
    fn mangled_sessions_never_panic() {
        let good = cyrus_session().raw.to_string().into_bytes();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        for _ in 0..3000 {
            let mut b = good.clone();
            b.truncate((next() % (b.len() as u64 + 1)) as usize);
            for _ in 0..(next() % 4) {
                if !b.is_empty() {
                    let i = (next() % b.len() as u64) as usize;
                    b[i] = (next() % 256) as u8;
                }
            }
            let _ = parse_session(http::parse_url("https://h/s").unwrap(), &b);
        }
    }

    #[test]
    fn method_errors_name_the_method() {
        let r = vec![json!(["error", {"type": "unknownMethod"}, "m0"])];
        let f = response(&r, "m0", "Mailbox/get").unwrap_err();
        assert_eq!((f.phase, f.kind), (Phase::Command, Kind::Rejected));
        assert!(f.message.contains("Mailbox/get"));
        assert!(f.reply.unwrap().contains("unknownMethod"));
        assert!(response(&r, "m1", "Email/get").is_err());
    }

    #[test]
    fn html_is_reduced_to_words() {
        assert_eq!(
            strip_tags("<html><h1>Unauthorized</h1><p>Authentication failed</p>"),
            "Unauthorized Authentication failed"
        );
    }
}
