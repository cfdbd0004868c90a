//! `mailctl dmarc …` arguments.

use super::*;
use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct DmarcArgs {
    #[command(subcommand)]
    pub command: DmarcCommand,
}

#[derive(Debug, Subcommand)]
pub enum DmarcCommand {
    /// Evaluate DMARC for a message as the receiving server would (RFC 7489): SPF for the client
    /// IP and MAIL FROM, every DKIM signature, identifier alignment with the From domain, and the
    /// domain's policy; prints an Authentication-Results header (RFC 8601) and why.
    Evaluate {
        #[command(flatten)]
        dns: DnsOpts,
        /// The message (default stdin).
        #[arg(value_name = "FILE|-")]
        input: Option<String>,
        /// The SMTP client's IP address.
        #[arg(long, value_name = "IP")]
        ip: std::net::IpAddr,
        /// The SMTP MAIL FROM address ("" for the null sender: SPF then checks the HELO name).
        #[arg(long, value_name = "ADDR")]
        mail_from: String,
        /// The HELO/EHLO name the client gave (default: the MAIL FROM domain; required for the
        /// null sender).
        #[arg(long, value_name = "NAME")]
        helo: Option<String>,
        #[command(flatten)]
        keys: DkimKeyOpts,
    },
}
