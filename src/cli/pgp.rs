//! `mailctl pgp …` and `mailctl wkd` arguments.

use super::*;
use clap::{Args, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct PgpArgs {
    #[command(subcommand)]
    pub command: PgpCommand,
}

/// How HTTPS key lookups (WKD) connect; shared by `wkd` and `pgp verify --wkd`.
#[derive(Debug, Args, Clone)]
pub struct HttpOpts {
    /// Connect to HOST2:PORT2 whenever the lookup would connect to HOST1:PORT1 (curl's syntax;
    /// repeatable, the first match wins; `:443:127.0.0.1:8443` sends every HTTPS request to
    /// port 8443 of this machine). Certificates are still checked against the WKD host name.
    #[arg(long, value_name = "HOST1:PORT1:HOST2:PORT2")]
    pub connect_to: Vec<String>,

    /// Trust the CA certificates in this PEM file, in addition to the built-in webpki roots
    /// (repeatable).
    #[arg(long, value_name = "FILE")]
    pub ca_file: Vec<PathBuf>,

    /// How long to wait for each TCP connection. Default: 10s.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub connect_timeout: Option<std::time::Duration>,
}

#[derive(Debug, Subcommand)]
pub enum PgpCommand {
    /// Verify the OpenPGP signature of a message: PGP/MIME (RFC 3156 §5 multipart/signed, the
    /// signed part's exact bytes canonicalised to CRLF) or inline cleartext signing (RFC 9580
    /// §7). Shows the signer's key (fingerprint, user IDs), the signature's creation time, hash
    /// and public-key algorithm, and on failure which part, which key and what changed.
    /// Exit 0 good, 30 bad signature, 31 no key, 32 not to be trusted (key revoked,
    /// expired or not for the sender, signature expired or future-dated), 33 nothing to verify (unsigned, S/MIME, encrypted).
    Verify {
        /// The message (default stdin).
        #[arg(value_name = "FILE|-")]
        input: Option<String>,
        /// A public key file (armored or binary; several keys in one file are read):
        /// repeatable.
        #[arg(long = "key", value_name = "KEYFILE", required_unless_present_any = ["wkd", "dns"])]
        keys: Vec<PathBuf>,
        /// Fetch the sender's key from its domain's Web Key Directory.
        #[arg(long, conflicts_with = "dns")]
        wkd: bool,
        /// Fetch the sender's key from DNS (OPENPGPKEY, RFC 7929).
        #[arg(long)]
        dns: bool,
        /// The sender whose key to fetch and whose user ID the key must carry (default: the
        /// From: address of the message).
        #[arg(long, value_name = "ADDRESS")]
        address: Option<String>,
        #[command(flatten)]
        dns_opts: DnsOpts,
        #[command(flatten)]
        http: HttpOpts,
    },
}

/// Look up the OpenPGP key for an address in its domain's Web Key Directory
/// (draft-koch-openpgp-webkey-service): the advanced method
/// (https://openpgpkey.DOMAIN/.well-known/openpgpkey/DOMAIN/hu/HASH?l=LOCAL) and the direct
/// method (https://DOMAIN/.well-known/openpgpkey/hu/HASH?l=LOCAL), each with its policy file;
/// every request and response head in the transcript. Findings: no key, key for another
/// address, expired or revoked key, advanced method missing while direct works, redirects,
/// missing policy file. Exit 0, 11 warnings, 12 errors.
#[derive(Debug, Args)]
pub struct WkdArgs {
    /// The address (local@domain).
    pub address: String,
    #[command(flatten)]
    pub dns: DnsOpts,
    #[command(flatten)]
    pub http: HttpOpts,
}
