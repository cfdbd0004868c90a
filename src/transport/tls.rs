//! TLS client side: rustls with the ring provider, webpki roots plus `--ca-file`, an explicit
//! `--insecure`, and a readable summary of what was negotiated and which certificate was shown.

use crate::error::{Failure, Kind, Phase};
use crate::event::{CertSummary, Ctx, EventKind};
use crate::utc::fmt_utc;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::client::TlsStream;

/// What the user asked for about TLS.
#[derive(Debug, Clone, Default)]
pub(crate) struct TlsPlan {
    /// Extra trusted roots (PEM files), added to the webpki roots.
    pub ca_files: Vec<PathBuf>,
    /// Skip certificate verification (still shows the certificate).
    pub insecure: bool,
    /// Name to send as SNI and to verify against, instead of the host we connect to.
    pub sni: Option<String>,
    /// Finish every handshake whatever the certificate, and let the caller judge the chain with
    /// [`TlsClient::check_chain`] (`audit`: a wrong certificate is a finding, and the session
    /// goes on to learn the rest). Nothing is sent inside such a connection that a wrong peer
    /// should not see: the audit sends EHLO and QUIT.
    pub judge_later: bool,
    /// `--cert FILE --key FILE`: a client certificate (PEM chain) and its private key (PEM),
    /// presented when the server asks for one (RFC 8446 §4.3.2, RFC 5246 §7.4.4).
    pub client_cert: Option<ClientCertFiles>,
}

/// Where the client certificate and its key are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClientCertFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Presents the one client certificate we have (if any) and remembers whether the server asked
/// for one, so the transcript can say both.
#[derive(Debug)]
struct ClientCert {
    key: Option<Arc<rustls::sign::CertifiedKey>>,
    /// The leaf's subject, for the transcript.
    subject: String,
    /// Set when the server sent a CertificateRequest during the current handshake.
    asked: Mutex<bool>,
}

impl rustls::client::ResolvesClientCert for ClientCert {
    fn resolve(
        &self,
        _root_hint_subjects: &[&[u8]],
        _sigschemes: &[SignatureScheme],
    ) -> Option<Arc<rustls::sign::CertifiedKey>> {
        *self.asked.lock().unwrap_or_else(|e| e.into_inner()) = true;
        self.key.clone()
    }

    fn has_certs(&self) -> bool {
        self.key.is_some()
    }
}

/// Load `--cert` and `--key` for `provider`. The key's bytes are never part of a message: an
/// unusable key file is named, not quoted.
fn load_client_cert(
    files: &ClientCertFiles,
    provider: &CryptoProvider,
) -> Result<(Arc<rustls::sign::CertifiedKey>, String), Failure> {
    use rustls_pki_types::pem::PemObject;
    let cert_pem = std::fs::read(&files.cert).map_err(|e| {
        Failure::local_io(format!("cannot read --cert {}: {e}", files.cert.display()))
    })?;
    let chain = CertificateDer::pem_slice_iter(&cert_pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            Failure::usage(format!(
                "--cert {}: not a PEM certificate file: {e:?}",
                files.cert.display()
            ))
        })?;
    if chain.is_empty() {
        return Err(Failure::usage(format!(
            "--cert {}: no certificate found",
            files.cert.display()
        )));
    }
    let key_pem = std::fs::read(&files.key).map_err(|e| {
        Failure::local_io(format!("cannot read --key {}: {e}", files.key.display()))
    })?;
    // Only the kind of problem is reported: the error of a PEM parser may quote its input.
    let key = rustls_pki_types::PrivateKeyDer::from_pem_slice(&key_pem).map_err(|_| {
        Failure::usage(format!(
            "--key {}: no PEM private key found (PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted)",
            files.key.display()
        ))
    })?;
    let signing = provider.key_provider.load_private_key(key).map_err(|_| {
        Failure::usage(format!(
            "--key {}: the private key is not usable (unsupported type or malformed)",
            files.key.display()
        ))
    })?;
    let certified = rustls::sign::CertifiedKey::new(chain, signing);
    certified.keys_match().map_err(|_| {
        Failure::usage(format!(
            "--key {} is not the key of the certificate in --cert {}",
            files.key.display(),
            files.cert.display()
        ))
    })?;
    let subject = cert_summary(&certified.cert)
        .map(|c| c.subject)
        .unwrap_or_else(|| "(unparsable certificate)".into());
    Ok((Arc::new(certified), subject))
}

/// A ready-to-use TLS client: built once per run, shared by every session.
#[derive(Clone)]
pub(crate) struct TlsClient {
    config: Arc<ClientConfig>,
    verifier: Arc<Verifier>,
    insecure: bool,
    sni: Option<String>,
    /// The webpki verifier with the same roots, for [`TlsClient::check_chain`].
    checker: Arc<WebPkiServerVerifier>,
    client_cert: Arc<ClientCert>,
}

/// What a finished handshake negotiated, for callers that judge it (the audit).
#[derive(Debug, Clone, Default)]
pub(crate) struct Negotiated {
    /// `TLSv1.3`, `TLSv1.2`.
    pub version: String,
    pub cipher: String,
    /// The chain as the server sent it, leaf first (empty when nobody will read it).
    pub chain: Vec<CertificateDer<'static>>,
}

/// Why a chain did not verify: a stable short code and the reason in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChainProblem {
    /// `name-mismatch`, `expired`, `not-yet-valid`, `untrusted`, `self-signed`, `invalid`.
    pub code: &'static str,
    pub message: String,
}

/// Verifies with webpki (unless insecure) and remembers the chain it was shown, so a failed
/// handshake can still tell the user which certificate the server presented.
#[derive(Debug)]
struct Verifier {
    inner: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
    seen: Mutex<Option<Vec<CertificateDer<'static>>>>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let mut chain = vec![end_entity.clone().into_owned()];
        chain.extend(intermediates.iter().map(|c| c.clone().into_owned()));
        *self.seen.lock().unwrap_or_else(|e| e.into_inner()) = Some(chain);
        match &self.inner {
            Some(v) => {
                v.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
            }
            None => Ok(ServerCertVerified::assertion()),
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        // Even with --insecure the handshake signature is checked: it proves the peer holds the key
        // of the certificate it showed, so the certificate summary is not a lie.
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

impl TlsClient {
    pub(crate) fn new(plan: &TlsPlan) -> Result<TlsClient, Failure> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let mut roots = RootCertStore {
            roots: webpki_roots::TLS_SERVER_ROOTS.to_vec(),
        };
        for path in &plan.ca_files {
            let pem = std::fs::read(path).map_err(|e| {
                Failure::local_io(format!("cannot read --ca-file {}: {e}", path.display()))
            })?;
            let mut added = 0;
            for cert in rustls_pki_types::pem::PemObject::pem_slice_iter(&pem) {
                let cert: CertificateDer<'static> = cert.map_err(|e| {
                    Failure::usage(format!(
                        "--ca-file {}: not a PEM certificate file: {e:?}",
                        path.display()
                    ))
                })?;
                roots.add(cert).map_err(|e| {
                    Failure::usage(format!(
                        "--ca-file {}: unusable certificate: {e}",
                        path.display()
                    ))
                })?;
                added += 1;
            }
            if added == 0 {
                return Err(Failure::usage(format!(
                    "--ca-file {}: no certificates found",
                    path.display()
                )));
            }
        }
        let checker =
            WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| {
                    Failure::new(
                        Phase::Tls,
                        Kind::Internal,
                        format!("building verifier: {e}"),
                    )
                })?;
        let inner = (!plan.insecure && !plan.judge_later).then(|| checker.clone());
        let verifier = Arc::new(Verifier {
            inner,
            provider: provider.clone(),
            seen: Mutex::new(None),
        });
        let client_cert = Arc::new(match &plan.client_cert {
            Some(files) => {
                let (key, subject) = load_client_cert(files, &provider)?;
                ClientCert {
                    key: Some(key),
                    subject,
                    asked: Mutex::new(false),
                }
            }
            None => ClientCert {
                key: None,
                subject: String::new(),
                asked: Mutex::new(false),
            },
        });
        let mut config = ClientConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .map_err(|e| Failure::new(Phase::Tls, Kind::Internal, format!("TLS setup: {e}")))?
            .dangerous()
            .with_custom_certificate_verifier(verifier.clone())
            .with_client_cert_resolver(client_cert.clone());
        if plan.judge_later {
            // A resumed session (RFC 8446 §2.2) shows no certificate: rustls reports the one of
            // the session it resumed, which may be another listener's (Postfix shares session
            // tickets across its services). The audit judges what each connection presents, so
            // every handshake is a full one.
            config.resumption = rustls::client::Resumption::disabled();
        }
        Ok(TlsClient {
            config: Arc::new(config),
            verifier,
            insecure: plan.insecure || plan.judge_later,
            sni: plan.sni.clone(),
            checker,
            client_cert,
        })
    }

    /// Whether the server asked for a client certificate in the handshake just done, and what
    /// was sent: an info line for the transcript (None when neither side cared).
    fn client_cert_line(&self) -> Option<String> {
        let asked = std::mem::take(
            &mut *self
                .client_cert
                .asked
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        );
        match (asked, self.client_cert.key.is_some()) {
            (true, true) => Some(format!(
                "the server asked for a client certificate: sent {} (--cert)",
                self.client_cert.subject
            )),
            (true, false) => Some(
                "the server asked for a client certificate: none sent (give one with --cert and --key)"
                    .into(),
            ),
            (false, true) => Some(format!(
                "the server did not ask for a client certificate: {} (--cert) was not sent",
                self.client_cert.subject
            )),
            (false, false) => None,
        }
    }

    /// Verify a chain the server presented against `name` now, as the handshake would have
    /// (webpki, the same roots and `--ca-file`s), without a connection.
    pub(crate) fn check_chain(
        &self,
        chain: &[CertificateDer<'static>],
        name: &str,
    ) -> Result<(), ChainProblem> {
        self.check_with(&self.checker, chain, name)
    }

    /// Verify a chain against `name` with `anchor` as the only trust anchor (DANE-TA, RFC 7671
    /// §5.2.2: the TLSA record, not a CA list, says whom to trust).
    pub(crate) fn check_chain_to(
        &self,
        chain: &[CertificateDer<'static>],
        anchor: &CertificateDer<'static>,
        name: &str,
    ) -> Result<(), ChainProblem> {
        let mut roots = RootCertStore::empty();
        let bad = |e: String| ChainProblem {
            code: "invalid",
            message: e,
        };
        roots
            .add(anchor.clone())
            .map_err(|e| bad(format!("the trust anchor is unusable: {e}")))?;
        let v = WebPkiServerVerifier::builder_with_provider(
            Arc::new(roots),
            self.verifier.provider.clone(),
        )
        .build()
        .map_err(|e| bad(format!("building verifier: {e}")))?;
        self.check_with(&v, chain, name)
    }

    fn check_with(
        &self,
        checker: &WebPkiServerVerifier,
        chain: &[CertificateDer<'static>],
        name: &str,
    ) -> Result<(), ChainProblem> {
        let invalid = |message: String| ChainProblem {
            code: "invalid",
            message,
        };
        let Some((leaf, rest)) = chain.split_first() else {
            return Err(invalid("the server presented no certificate".into()));
        };
        let server = ServerName::try_from(name.trim_end_matches('.').to_string())
            .map_err(|_| invalid(format!("{name:?} is not a valid TLS server name")))?;
        let err = match checker.verify_server_cert(leaf, rest, &server, &[], UnixTime::now()) {
            Ok(_) => return Ok(()),
            Err(e) => e,
        };
        let summary = cert_summary(chain);
        let how = Attempt {
            name,
            sni_given: false,
            implicit: false,
            cert: summary.as_ref(),
            received: b"",
            hints: false,
        };
        use rustls::CertificateError as C;
        match err {
            rustls::Error::InvalidCertificate(ce) => {
                let code = match &ce {
                    C::NotValidForName | C::NotValidForNameContext { .. } => "name-mismatch",
                    C::Expired | C::ExpiredContext { .. } => "expired",
                    C::NotValidYet | C::NotValidYetContext { .. } => "not-yet-valid",
                    C::UnknownIssuer if summary.as_ref().is_some_and(|c| c.subject == c.issuer) => {
                        "self-signed"
                    }
                    C::UnknownIssuer => "untrusted",
                    _ => "invalid",
                };
                Err(ChainProblem {
                    code,
                    message: certificate_words(&ce, &how),
                })
            }
            other => Err(invalid(format!("the certificate was rejected: {other}"))),
        }
    }

    /// The client a TLS step needs. A plan that asks for TLS always builds one, so its absence
    /// is a bug here, not a server's fault.
    pub(crate) fn required(tls: Option<&TlsClient>) -> Result<&TlsClient, Failure> {
        tls.ok_or_else(|| Failure::new(Phase::Tls, Kind::Internal, "no TLS client configured"))
    }

    /// The name to verify the certificate against (and send as SNI unless it is an IP):
    /// `--sni`, or `host`. STARTTLS callers check it before sending STARTTLS, so a name rustls
    /// will not take is a usage error while the dialogue is still in step (QUIT follows), not
    /// after the server's go-ahead.
    pub(crate) fn server_name(&self, host: &str) -> Result<(String, ServerName<'static>), Failure> {
        let name_str = self
            .sni
            .clone()
            .unwrap_or_else(|| host.trim_end_matches('.').to_string());
        let name = ServerName::try_from(name_str.clone()).map_err(|_| {
            Failure::usage(format!(
                "{name_str:?} is not a valid TLS server name (use --sni)"
            ))
        })?;
        Ok((name_str, name))
    }

    /// Run the handshake over `io`, verifying the certificate against `--sni` or `host`.
    /// `implicit`: TLS right after connecting (`--tls`), not after STARTTLS; it decides which
    /// fix a failure suggests.
    pub(crate) async fn handshake<S: AsyncRead + AsyncWrite + Unpin>(
        &self,
        io: S,
        host: &str,
        timeout: Duration,
        ctx: &Ctx,
        implicit: bool,
    ) -> Result<(TlsStream<Recording<S>>, Negotiated), Failure> {
        // A failed handshake before this one must not make this one's "asked" line.
        *self
            .client_cert
            .asked
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = false;
        let (name_str, name) = self.server_name(host)?;
        // RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName", so
        // rustls sends no server_name for an IP (the certificate is still checked against it):
        // the transcript must not claim one was sent.
        let sent_sni = matches!(name, ServerName::DnsName(_)).then(|| name_str.clone());
        let connector = tokio_rustls::TlsConnector::from(self.config.clone());
        let seen_bytes = Arc::new(Mutex::new(Vec::new()));
        let io = Recording {
            inner: io,
            seen: Some(seen_bytes.clone()),
        };
        let started = Instant::now();
        let res = tokio::time::timeout(timeout, connector.connect(name, io)).await;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        ctx.record(Phase::Tls, ms);
        let seen = self
            .verifier
            .seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        // A timed-out handshake says nothing about what the server asked.
        if res.is_ok()
            && let Some(line) = self.client_cert_line()
        {
            ctx.info(line);
        }
        let stream = match res {
            Err(_) => {
                return Err(Failure::new(
                    Phase::Tls,
                    Kind::Timeout,
                    format!("TLS handshake not finished within {timeout:?}"),
                ));
            }
            Ok(Err(e)) => {
                let cert = seen.as_deref().and_then(cert_summary);
                if let Some(cert) = &cert {
                    ctx.emit(EventKind::TlsFailedCert { cert: cert.clone() });
                }
                let received =
                    std::mem::take(&mut *seen_bytes.lock().unwrap_or_else(|e| e.into_inner()));
                let how = Attempt {
                    name: &name_str,
                    sni_given: self.sni.is_some(),
                    implicit,
                    cert: cert.as_ref(),
                    received: &received,
                    hints: true,
                };
                return Err(handshake_failure(e, &how));
            }
            Ok(Ok(mut s)) => {
                // Handshake done: stop keeping what arrives.
                s.get_mut().0.seen = None;
                s
            }
        };
        if !ctx.emits() {
            // Nobody sees this session (load mode): skip parsing the certificate for the event.
            return Ok((stream, Negotiated::default()));
        }
        let (_, conn) = stream.get_ref();
        let version = conn
            .protocol_version()
            .map(|v| format!("{v:?}").replace('_', "."))
            .unwrap_or_default();
        let cipher = conn
            .negotiated_cipher_suite()
            .map(|c| format!("{:?}", c.suite()))
            .unwrap_or_default();
        let alpn = conn
            .alpn_protocol()
            .map(|p| String::from_utf8_lossy(p).into_owned());
        let cert = conn.peer_certificates().and_then(cert_summary);
        let negotiated = Negotiated {
            version: version.clone(),
            cipher: cipher.clone(),
            chain: conn
                .peer_certificates()
                .map(|c| c.iter().map(|d| d.clone().into_owned()).collect())
                .unwrap_or_default(),
        };
        ctx.emit(EventKind::Tls {
            ms,
            version,
            cipher,
            sni: sent_sni,
            verified: !self.insecure,
            alpn,
            cert,
        });
        Ok((stream, negotiated))
    }
}

/// What a failed handshake was trying to do, for a message a person can act on.
struct Attempt<'a> {
    /// The name verified (--sni or the host).
    name: &'a str,
    sni_given: bool,
    /// `--tls` (TLS at once) rather than after STARTTLS.
    implicit: bool,
    /// The certificate the server showed, when it got that far.
    cert: Option<&'a CertSummary>,
    /// The first bytes the server sent during the handshake (at most [`RECORD_MAX`]).
    received: &'a [u8],
    /// Suggest command-line fixes (--sni, --ca-file, --insecure); not for the audit, whose
    /// user asked about the server, not how to get past it.
    hints: bool,
}

/// How much of the server's handshake bytes is kept for a failure message.
const RECORD_MAX: usize = 512;

/// The stream under TLS, keeping the first bytes the server sends during the handshake: when
/// they are no TLS (Courier's `couriertls` answers a ClientHello it cannot serve with an alert
/// and then a plaintext `-ERR STARTTLS failed: … Permission denied`; a plaintext port greets
/// with `220 …`), the peer's own words are the diagnosis and must be shown, not dropped.
pub(crate) struct Recording<S> {
    inner: S,
    seen: Option<Arc<Mutex<Vec<u8>>>>,
}

impl<S: AsyncRead + Unpin> AsyncRead for Recording<S> {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut tokio::io::ReadBuf<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let r = std::pin::Pin::new(&mut self.inner).poll_read(cx, buf);
        if let (std::task::Poll::Ready(Ok(())), Some(seen)) = (&r, &self.seen) {
            let mut seen = seen.lock().unwrap_or_else(|e| e.into_inner());
            let new = &buf.filled()[before..];
            let take = new.len().min(RECORD_MAX.saturating_sub(seen.len()));
            seen.extend_from_slice(&new[..take]);
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Recording<S> {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.inner).poll_write(cx, buf)
    }
    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_flush(cx)
    }
    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.inner).poll_shutdown(cx)
    }
    fn poll_write_vectored(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::pin::Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }
    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }
}

fn handshake_failure(e: std::io::Error, how: &Attempt<'_>) -> Failure {
    let inner = e.get_ref().and_then(|i| i.downcast_ref::<rustls::Error>());
    let msg = match inner {
        Some(rustls::Error::InvalidCertificate(ce)) => certificate_words(ce, how),
        // A plaintext greeting ("220 …", "* OK", "+OK") read as a TLS record: the first byte is
        // no TLS content type (RFC 8446 §5.1).
        Some(rustls::Error::InvalidMessage(m)) => {
            let hint = if how.implicit {
                " (hint: this port may speak plaintext or STARTTLS: try --starttls instead of \
                 --tls, or drop --tls)"
            } else {
                ""
            };
            let sent = if how.received.is_empty() {
                String::new()
            } else {
                format!(
                    "; it sent \"{}\"{}",
                    crate::event::escape_bytes(how.received),
                    if how.received.len() >= RECORD_MAX {
                        "…"
                    } else {
                        ""
                    }
                )
            };
            format!(
                "the server did not answer with TLS (its bytes are no TLS record: {m:?}){sent}{hint}"
            )
        }
        Some(rustls::Error::PeerIncompatible(p)) => format!(
            "the server and mailctl have no TLS version or cipher suite in common ({p:?}): \
             mailctl speaks TLS 1.2 and 1.3 only"
        ),
        Some(rustls::Error::AlertReceived(a)) => {
            use rustls::AlertDescription as A;
            let why = match a {
                A::HandshakeFailure | A::ProtocolVersion | A::InsufficientSecurity => {
                    ": it may speak only TLS versions or ciphers mailctl does not (it speaks TLS \
                     1.2 and 1.3)"
                        .to_string()
                }
                A::UnrecognisedName if !how.sni_given => format!(
                    ": it does not know the name {} (give the name it serves with --sni)",
                    how.name
                ),
                A::UnrecognisedName => format!(": it does not know the name {}", how.name),
                _ => String::new(),
            };
            format!("the server ended the TLS handshake with the alert {a:?}{why}")
        }
        Some(other) => format!("TLS handshake failed: {other}"),
        None => match e.kind() {
            std::io::ErrorKind::UnexpectedEof => {
                "server closed the connection during the TLS handshake".into()
            }
            _ => format!("TLS handshake failed: {e}"),
        },
    };
    Failure::new(Phase::Tls, Kind::Tls, msg)
}

/// A certificate rejection in words: which name was checked and what the certificate says, with
/// dates, never a debug dump of the library's error.
fn certificate_words(ce: &rustls::CertificateError, how: &Attempt<'_>) -> String {
    use rustls::CertificateError as C;
    let name = how.name;
    let date = |t: &UnixTime| fmt_utc(i64::try_from(t.as_secs()).unwrap_or(i64::MAX));
    let days = |a: u64, b: u64| a.saturating_sub(b) / 86_400;
    let what = match ce {
        C::NotValidForName | C::NotValidForNameContext { .. } => {
            // The parsed certificate's names read best; rustls's own list is debug text
            // (`DnsName("mx.example.org")`), cleaned up when the certificate did not parse.
            let presented: Vec<String> = match (how.cert, ce) {
                (Some(c), _) => c.sans.clone(),
                (None, C::NotValidForNameContext { presented, .. }) => {
                    presented.iter().map(|n| plain_name(n)).collect()
                }
                (None, _) => Vec::new(),
            };
            let names = if presented.is_empty() {
                "it names no host (no subjectAltName)".to_string()
            } else {
                format!("it names {}", presented.join(", "))
            };
            let checked = if how.sni_given {
                format!("{name} (the --sni name)")
            } else {
                name.to_string()
            };
            let hint = if how.sni_given || !how.hints {
                ""
            } else {
                " (hint: if the server is known by one of those names, give it with --sni)"
            };
            return format!("the certificate is not valid for {checked}: {names}{hint}");
        }
        C::Expired => "the certificate has expired".to_string(),
        C::ExpiredContext { time, not_after } => format!(
            "the certificate expired on {} ({} days ago)",
            date(not_after),
            days(time.as_secs(), not_after.as_secs())
        ),
        C::NotValidYet => "the certificate is not valid yet".to_string(),
        C::NotValidYetContext { time, not_before } => format!(
            "the certificate is not valid before {} (in {} days; is this machine's clock right?)",
            date(not_before),
            days(not_before.as_secs(), time.as_secs())
        ),
        C::UnknownIssuer => {
            let self_signed = how.cert.is_some_and(|c| c.subject == c.issuer);
            if !how.hints {
                let issuer = how
                    .cert
                    .map(|c| format!(" ({})", c.issuer))
                    .unwrap_or_default();
                if self_signed {
                    "the certificate is self-signed".to_string()
                } else {
                    format!(
                        "the certificate's issuer{issuer} is not a trusted CA, or the server did not send the intermediate certificates"
                    )
                }
            } else if self_signed {
                "the certificate is self-signed (hint: trust it with --ca-file, or skip \
                 verification with --insecure)"
                    .to_string()
            } else {
                let issuer = how
                    .cert
                    .map(|c| format!(" ({})", c.issuer))
                    .unwrap_or_default();
                format!(
                    "the certificate's issuer{issuer} is not a trusted CA, or the server did not \
                     send the intermediate certificates (hint: add the CA with --ca-file, or skip \
                     verification with --insecure)"
                )
            }
        }
        C::BadSignature => {
            "the certificate's signature does not verify: its issuer did not sign it as shown"
                .to_string()
        }
        C::BadEncoding => "the certificate is malformed (not valid DER)".to_string(),
        C::Revoked => "the certificate has been revoked".to_string(),
        C::UnhandledCriticalExtension => {
            "the certificate has a critical extension this client does not understand".to_string()
        }
        C::InvalidPurpose | C::InvalidPurposeContext { .. } => {
            "the certificate is not for TLS servers (its extended key usage excludes serverAuth)"
                .to_string()
        }
        C::UnsupportedSignatureAlgorithmContext { .. }
        | C::UnsupportedSignatureAlgorithmForPublicKeyContext { .. } => {
            "the certificate is signed with an algorithm this client does not support".to_string()
        }
        other => format!("the certificate was rejected: {other}"),
    };
    format!("certificate verification failed for {name}: {what}")
}

/// `DnsName("a.example")` or `IpAddress(192.0.2.1)` (rustls's debug form) as `a.example`.
fn plain_name(n: &str) -> String {
    let inner = n
        .split_once('(')
        .and_then(|(_, rest)| rest.strip_suffix(')'))
        .unwrap_or(n);
    inner.trim_matches('"').to_string()
}

/// Summarise the leaf certificate of a chain; None if it cannot be parsed (never panics).
pub(crate) fn cert_summary(chain: &[CertificateDer<'_>]) -> Option<CertSummary> {
    use x509_parser::prelude::*;
    let leaf = chain.first()?;
    let (_, cert) = X509Certificate::from_der(leaf.as_ref()).ok()?;
    let mut sans = Vec::new();
    if let Ok(Some(ext)) = cert.subject_alternative_name() {
        for gn in &ext.value.general_names {
            match gn {
                GeneralName::DNSName(d) => sans.push(d.to_string()),
                GeneralName::IPAddress(b) => match b.len() {
                    4 => sans
                        .push(std::net::Ipv4Addr::from(<[u8; 4]>::try_from(*b).ok()?).to_string()),
                    16 => sans
                        .push(std::net::Ipv6Addr::from(<[u8; 16]>::try_from(*b).ok()?).to_string()),
                    _ => {}
                },
                GeneralName::RFC822Name(m) => sans.push(format!("email:{m}")),
                _ => {}
            }
        }
    }
    let nb = cert.validity().not_before.timestamp();
    let na = cert.validity().not_after.timestamp();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Some(CertSummary {
        subject: cert.subject().to_string(),
        issuer: cert.issuer().to_string(),
        sans,
        serial: cert.raw_serial_as_string(),
        not_before: fmt_utc(nb),
        not_after: fmt_utc(na),
        days_left: (na - now).div_euclid(86_400),
        chain_len: chain.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure_for(e: rustls::Error, sni_given: bool, cert: Option<&CertSummary>) -> String {
        let how = Attempt {
            name: "mx.example.org",
            sni_given,
            implicit: true,
            cert,
            received: b"",
            hints: true,
        };
        let io = std::io::Error::new(std::io::ErrorKind::InvalidData, e);
        let f = handshake_failure(io, &how);
        assert_eq!((f.phase, f.kind), (Phase::Tls, Kind::Tls));
        f.message
    }

    fn summary(subject: &str, issuer: &str, sans: &[&str]) -> CertSummary {
        CertSummary {
            subject: subject.into(),
            issuer: issuer.into(),
            sans: sans.iter().map(|s| s.to_string()).collect(),
            serial: "01".into(),
            not_before: "2026-01-01T00:00:00Z".into(),
            not_after: "2026-02-01T00:00:00Z".into(),
            days_left: -300,
            chain_len: 1,
        }
    }

    /// Every TLS failure reads as words: no `DnsName(..)`, no `NotValidForName`, no Debug dump
    /// of a certificate error, and the fix it names fits what was given.
    #[test]
    fn tls_failures_read_as_sentences() {
        use rustls::CertificateError as C;
        let other = summary(
            "CN=other.example",
            "CN=Some CA",
            &["other.example", "192.0.2.1"],
        );
        let mismatch = || {
            rustls::Error::InvalidCertificate(C::NotValidForNameContext {
                expected: ServerName::try_from("mx.example.org").unwrap(),
                presented: vec!["DnsName(\"other.example\")".into()],
            })
        };
        let m = failure_for(mismatch(), false, Some(&other));
        assert_eq!(
            m,
            "the certificate is not valid for mx.example.org: it names other.example, \
             192.0.2.1 (hint: if the server is known by one of those names, give it with --sni)"
        );
        let m = failure_for(mismatch(), true, None);
        assert_eq!(
            m,
            "the certificate is not valid for mx.example.org (the --sni name): it names \
             other.example"
        );
        let expired = rustls::Error::InvalidCertificate(C::ExpiredContext {
            time: UnixTime::since_unix_epoch(Duration::from_secs(1_800_000_000)),
            not_after: UnixTime::since_unix_epoch(Duration::from_secs(1_795_403_454)),
        });
        let m = failure_for(expired, false, Some(&other));
        assert!(
            m.ends_with("the certificate expired on 2026-11-23T03:10:54Z (53 days ago)"),
            "{m}"
        );
        let selfsigned = summary("CN=me", "CN=me", &["me"]);
        let m = failure_for(
            rustls::Error::InvalidCertificate(C::UnknownIssuer),
            false,
            Some(&selfsigned),
        );
        assert!(
            m.contains("is self-signed") && m.contains("--ca-file"),
            "{m}"
        );
        let m = failure_for(
            rustls::Error::InvalidCertificate(C::UnknownIssuer),
            false,
            Some(&other),
        );
        assert!(m.contains("issuer (CN=Some CA) is not a trusted CA"), "{m}");
        let m = failure_for(
            rustls::Error::InvalidMessage(rustls::InvalidMessage::InvalidContentType),
            false,
            None,
        );
        assert!(
            m.contains("did not answer with TLS") && m.contains("--starttls"),
            "{m}"
        );
        let m = failure_for(
            rustls::Error::AlertReceived(rustls::AlertDescription::UnrecognisedName),
            false,
            None,
        );
        assert!(m.contains("does not know the name mx.example.org") && m.contains("--sni"));
        for m in [
            failure_for(
                rustls::Error::InvalidCertificate(C::BadSignature),
                false,
                None,
            ),
            failure_for(rustls::Error::InvalidCertificate(C::Revoked), false, None),
            failure_for(
                rustls::Error::InvalidCertificate(C::NotValidYet),
                false,
                None,
            ),
        ] {
            assert!(m.starts_with("certificate verification failed for mx.example.org: the "));
        }
    }

    #[test]
    fn rustls_names_read_plainly() {
        assert_eq!(plain_name("DnsName(\"mx.example.org\")"), "mx.example.org");
        assert_eq!(plain_name("IpAddress(192.0.2.1)"), "192.0.2.1");
        assert_eq!(plain_name("mx.example.org"), "mx.example.org");
    }

    #[test]
    fn garbage_certificate_gives_no_summary() {
        assert!(cert_summary(&[CertificateDer::from(vec![0x30, 0x03, 0x01, 0x01])]).is_none());
        assert!(cert_summary(&[]).is_none());
    }
}
