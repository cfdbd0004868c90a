//! `mailctl smime …` arguments.

use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct SmimeArgs {
    #[command(subcommand)]
    pub command: SmimeCommand,
}

#[derive(Debug, Subcommand)]
pub enum SmimeCommand {
    /// Verify the S/MIME signature of a message (RFC 8551): a multipart/signed with an
    /// application/pkcs7-signature part (detached) or an application/pkcs7-mime signed-data
    /// part (opaque). Checks the digest over the exact signed bytes in canonical CRLF form, the
    /// signature with the signer's certificate, the chain to --ca-file (emailProtection key
    /// purpose, validity now), and that the certificate's address is the From: address. An
    /// encrypted message is named with its recipients. Exit 0 good, 30 bad signature, 32
    /// signer not trusted, 33 nothing to verify.
    Verify {
        /// The message (default stdin).
        #[arg(value_name = "FILE|-")]
        input: Option<String>,
        /// A PEM file of CA certificates the signer's chain must reach (repeatable).
        #[arg(long = "ca-file", value_name = "CA.pem", required = true)]
        ca_file: Vec<PathBuf>,
    },
}
