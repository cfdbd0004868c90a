//! `smime verify`: the message to read and the CA certificates, read and parsed here (a
//! missing or empty CA file is a usage error before the message is looked at).

use crate::error::Failure;
use rustls_pki_types::CertificateDer;
use rustls_pki_types::pem::PemObject;

pub(crate) struct SmimeVerifyPlan {
    /// `-` for stdin.
    pub input: String,
    /// DER certificates from every --ca-file.
    pub cas: Vec<CertificateDer<'static>>,
}

pub(crate) fn smime(cmd: &crate::cli::SmimeCommand) -> Result<SmimeVerifyPlan, Failure> {
    let crate::cli::SmimeCommand::Verify { input, ca_file } = cmd;
    let mut cas = Vec::new();
    for path in ca_file {
        let pem = std::fs::read(path)
            .map_err(|e| Failure::local_io(format!("--ca-file {}: {e}", path.display())))?;
        let before = cas.len();
        for cert in CertificateDer::pem_slice_iter(&pem) {
            let cert = cert.map_err(|e| {
                Failure::usage(format!("--ca-file {}: not PEM: {e:?}", path.display()))
            })?;
            cas.push(cert);
        }
        if cas.len() == before {
            return Err(Failure::usage(format!(
                "--ca-file {}: no CERTIFICATE in it",
                path.display()
            )));
        }
    }
    Ok(SmimeVerifyPlan {
        input: input.clone().unwrap_or_else(|| "-".into()),
        cas,
    })
}
