//! TLS server side, for `smtp sink`: a PEM certificate chain and key loaded once, and an
//! accept step that reports what the client negotiated. rustls with the ring provider, as the
//! client side (`tls.rs`); the client's certificate is not asked for.

use crate::error::{Failure, Kind, Phase};
use crate::event::{Ctx, EventKind};
use rustls::ServerConfig;
use rustls::crypto::CryptoProvider;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite};
use tokio_rustls::server::TlsStream;

/// A ready TLS acceptor: built once, shared by every connection.
#[derive(Clone)]
pub(crate) struct TlsServer {
    acceptor: tokio_rustls::TlsAcceptor,
}

/// What a client negotiated, for the envelope and the Received: header.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub(crate) struct Accepted {
    /// `TLSv1.3`, `TLSv1.2`.
    pub version: String,
    pub cipher: String,
    /// The server name the client asked for (RFC 6066 §3), if any.
    pub sni: Option<String>,
}

impl TlsServer {
    /// Load the certificate chain (leaf first) and the private key (PKCS#8, PKCS#1 or SEC1),
    /// both PEM; a file that cannot be read or holds nothing usable is a usage error naming it.
    pub(crate) fn from_pem(cert: &Path, key: &Path) -> Result<TlsServer, Failure> {
        let read = |p: &Path, what: &str| {
            std::fs::read(p)
                .map_err(|e| Failure::local_io(format!("--{what} {}: {e}", p.display())))
        };
        let cert_pem = read(cert, "cert")?;
        let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&cert_pem)
            .collect::<Result<_, _>>()
            .map_err(|e| Failure::usage(format!("--cert {}: {e}", cert.display())))?;
        if chain.is_empty() {
            return Err(Failure::usage(format!(
                "--cert {}: no PEM certificate in it",
                cert.display()
            )));
        }
        let key_pem = read(key, "key")?;
        let key_der = PrivateKeyDer::from_pem_slice(&key_pem).map_err(|e| {
            Failure::usage(format!(
                "--key {}: no usable PEM private key in it ({e})",
                key.display()
            ))
        })?;
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let config = ServerConfig::builder_with_provider(provider.clone() as Arc<CryptoProvider>)
            .with_safe_default_protocol_versions()
            .map_err(|e| Failure::new(Phase::Setup, Kind::Internal, e.to_string()))?
            .with_no_client_auth()
            .with_single_cert(chain, key_der)
            .map_err(|e| {
                Failure::usage(format!(
                    "--cert {} / --key {}: {e}",
                    cert.display(),
                    key.display()
                ))
            })?;
        Ok(TlsServer {
            acceptor: tokio_rustls::TlsAcceptor::from(Arc::new(config)),
        })
    }

    /// The server side of a handshake within `timeout`; emits a `tls_accepted` event. A failure
    /// is in phase `tls` (the client went away, spoke no TLS, or refused our certificate).
    pub(crate) async fn accept<S: AsyncRead + AsyncWrite + Unpin>(
        &self,
        io: S,
        timeout: Duration,
        ctx: &Ctx,
    ) -> Result<(TlsStream<S>, Accepted), Failure> {
        let started = Instant::now();
        let res = tokio::time::timeout(timeout, self.acceptor.accept(io)).await;
        // Microseconds are all a transcript needs (as `Ctx::now_ms`).
        let ms = (started.elapsed().as_secs_f64() * 1_000_000.0).round() / 1000.0;
        ctx.record(Phase::Tls, ms);
        let stream = match res {
            Err(_) => {
                return Err(Failure::new(
                    Phase::Tls,
                    Kind::Timeout,
                    format!("the client did not finish the TLS handshake within {timeout:?}"),
                ));
            }
            Ok(Err(e)) => {
                return Err(Failure::new(
                    Phase::Tls,
                    Kind::Tls,
                    format!("TLS handshake with the client failed: {e}"),
                ));
            }
            Ok(Ok(s)) => s,
        };
        let (_, conn) = stream.get_ref();
        let accepted = Accepted {
            version: conn
                .protocol_version()
                .map(|v| format!("{v:?}").replace('_', "."))
                .unwrap_or_default(),
            cipher: conn
                .negotiated_cipher_suite()
                .map(|c| format!("{:?}", c.suite()))
                .unwrap_or_default(),
            sni: conn.server_name().map(str::to_string),
        };
        if ctx.emits() {
            ctx.emit(EventKind::TlsAccepted {
                ms,
                version: accepted.version.clone(),
                cipher: accepted.cipher.clone(),
                sni: accepted.sni.clone(),
            });
        }
        Ok((stream, accepted))
    }
}
