//! `mailctl dkim …` arguments.

use super::*;
use clap::{Args, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Where DKIM keys come from and the time to verify at (`dkim verify`, `dmarc evaluate`).
#[derive(Debug, Args)]
pub struct DkimKeyOpts {
    /// Verify as of this time instead of now, for mail that was valid when it arrived: the x=
    /// expiry and the future-t= check use it. RFC 3339 (2026-01-05T10:00:00Z) or Unix seconds.
    #[arg(long, value_name = "TIME")]
    pub at: Option<String>,
    /// Use this key instead of DNS for SELECTOR._domainkey.DOMAIN, e.g. to verify before
    /// publishing: a PEM public key (PUBLIC KEY or RSA PUBLIC KEY) or the TXT record text
    /// (zone-file quoted strings are joined). No DNS query is made for that name. Repeatable.
    #[arg(long = "key", value_name = "SELECTOR._domainkey.DOMAIN=FILE")]
    pub keys: Vec<String>,
}

#[derive(Debug, Args)]
pub struct DkimArgs {
    #[command(subcommand)]
    pub command: DkimCommand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KeyAlgo {
    Rsa,
    Ed25519,
}

#[derive(Debug, Subcommand)]
pub enum DkimCommand {
    /// Verify the DKIM signatures of messages: .eml files, a directory of them, a Maildir (cur/
    /// and new/), an mbox file, or stdin (`-`). One line per message and a summary; every
    /// signature with its tags, key lookup and a reason a person can act on.
    Verify {
        #[command(flatten)]
        dns: DnsOpts,
        /// Messages: files, directories of message files, Maildir directories, mbox files, or `-`
        /// for stdin (default).
        #[arg(value_name = "FILE|DIR|-")]
        inputs: Vec<String>,
        #[command(flatten)]
        keys: DkimKeyOpts,
        /// Show the canonicalized header block and body hash input of each signature.
        #[arg(long)]
        debug_canon: bool,
        /// Also validate the ARC chain (RFC 8617).
        #[arg(long)]
        arc: bool,
    },
    /// Sign a message (RSA-SHA256 or Ed25519-SHA256, relaxed/relaxed) and write it to stdout.
    Sign {
        /// Private key (PEM, PKCS#8 or PKCS#1), as written by `dkim keygen`.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        /// Selector (s=): the key is published at SELECTOR._domainkey.DOMAIN.
        #[arg(long, value_name = "SELECTOR")]
        selector: String,
        /// Signing domain (d=).
        #[arg(long, value_name = "DOMAIN")]
        domain: String,
        /// Headers to sign (comma-separated). Default: those of From, To, Cc, Subject, Date,
        /// Message-ID, Reply-To, In-Reply-To, References, MIME-Version and Content-Type that the
        /// message has (others, such as List-Id, are not signed unless named here).
        #[arg(long, value_name = "NAMES", value_delimiter = ',')]
        headers: Vec<String>,
        /// The message (default stdin).
        #[arg(value_name = "FILE|-")]
        input: Option<String>,
    },
    /// Generate a signing key and print the DNS TXT record to publish.
    Keygen {
        /// Key type: rsa (signs rsa-sha256) or ed25519 (ed25519-sha256, RFC 8463; not every
        /// verifier supports it yet).
        #[arg(long, value_enum, default_value = "rsa")]
        algo: KeyAlgo,
        /// RSA key size (2048 to 4096: what the signer supports, and RFC 8301 wants >= 1024).
        #[arg(long, default_value_t = 2048, value_parser = whole::<u32, 2048, 4096>)]
        bits: u32,
        /// Selector: the TXT record is printed for SELECTOR._domainkey.DOMAIN.
        #[arg(long, value_name = "SELECTOR")]
        selector: String,
        /// Domain the key signs for (d=).
        #[arg(long, value_name = "DOMAIN")]
        domain: String,
        /// Where to write the private key (PEM, mode 0600).
        #[arg(short, long, value_name = "KEY.pem")]
        output: PathBuf,
        /// Overwrite an existing key file.
        #[arg(long)]
        force: bool,
    },
}
