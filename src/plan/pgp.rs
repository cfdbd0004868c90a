//! `pgp verify`, `wkd`: where the message and the keys come from, and how DNS and HTTPS
//! lookups connect.

use super::dns::dns_plan;
use crate::cli::{HttpOpts, PgpCommand, WkdArgs};
use crate::dns::DnsPlan;
use crate::error::Failure;
use crate::transport::connect::{ConnectPlan, Target};
use crate::transport::connect_to::ConnectTo;
use crate::transport::http::HttpPlan;
use crate::transport::tls::TlsPlan;
use crate::transport::{Endpoint, Family};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeySource {
    Files(Vec<PathBuf>),
    Wkd,
    Dns,
}

pub(crate) struct PgpVerifyPlan {
    /// `-` for stdin.
    pub input: String,
    pub source: KeySource,
    pub address: Option<String>,
    pub dns: DnsPlan,
    pub http: HttpPlan,
}

pub(crate) struct WkdPlan {
    pub address: String,
    pub dns: DnsPlan,
    pub http: HttpPlan,
}

/// The HTTPS session of WKD lookups: verified TLS (`--ca-file` adds roots), `--connect-to`,
/// the command's resolver, at most a minute for all its requests (a policy file and a key per
/// method, a few redirects), bodies up to [`WKD_MAX_BODY`].
pub(crate) fn http_plan(o: &HttpOpts, dns: &DnsPlan) -> Result<HttpPlan, Failure> {
    Ok(HttpPlan {
        connect: ConnectPlan {
            // Set per request from the URL.
            target: Target::Server(Endpoint {
                host: String::new(),
                port: 443,
            }),
            family: Family::Any,
            timeout: Duration::from_secs(15),
            connect_timeout: o.connect_timeout.unwrap_or(Duration::from_secs(10)),
            max_time: Some(Duration::from_secs(60)),
            implicit_tls: true,
            starttls: false,
            tls: TlsPlan {
                ca_files: o.ca_file.clone(),
                insecure: false,
                sni: None,
                judge_later: false,
                client_cert: None,
            },
            dns: (!dns.nameservers.is_empty()).then(|| dns.clone()),
            show_secrets: false,
            route: Default::default(),
        },
        connect_to: o
            .connect_to
            .iter()
            .map(|s| ConnectTo::parse(s))
            .collect::<Result<_, _>>()?,
        max_body: WKD_MAX_BODY,
        user_agent: concat!("mailctl/", env!("CARGO_PKG_VERSION"), " (WKD)").into(),
    })
}

/// The largest WKD answer read: one key is a few KiB.
pub(crate) const WKD_MAX_BODY: usize = 1 << 20;

/// `local@domain`, checked: an empty side or no `@` is a usage error.
pub(crate) fn address_arg(a: &str) -> Result<String, Failure> {
    let t = a.trim().trim_start_matches('<').trim_end_matches('>');
    match t.rsplit_once('@') {
        Some((l, d)) if !l.is_empty() && !d.is_empty() => {
            let d = crate::dns::domain_arg(d)?;
            Ok(format!("{l}@{d}"))
        }
        _ => Err(Failure::usage(format!(
            "{a:?} is not an address (local@domain)"
        ))),
    }
}

pub(crate) fn pgp(cmd: &PgpCommand) -> Result<PgpVerifyPlan, Failure> {
    let PgpCommand::Verify {
        input,
        keys,
        wkd,
        dns,
        address,
        dns_opts,
        http,
    } = cmd;
    let source = match (*wkd, *dns) {
        (true, _) => KeySource::Wkd,
        (_, true) => KeySource::Dns,
        _ => KeySource::Files(keys.clone()),
    };
    if !keys.is_empty() && source != KeySource::Files(keys.clone()) {
        return Err(Failure::usage(
            "--key and --wkd/--dns: give the key, or say where to fetch it, not both",
        ));
    }
    Ok(PgpVerifyPlan {
        input: input.clone().unwrap_or_else(|| "-".into()),
        source,
        address: address.as_deref().map(address_arg).transpose()?,
        http: http_plan(http, &dns_plan(dns_opts)?)?,
        dns: dns_plan(dns_opts)?,
    })
}

pub(crate) fn wkd(args: &WkdArgs) -> Result<WkdPlan, Failure> {
    Ok(WkdPlan {
        address: address_arg(&args.address)?,
        http: http_plan(&args.http, &dns_plan(&args.dns)?)?,
        dns: dns_plan(&args.dns)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert_eq!(address_arg("<A@Rig.Test>").unwrap(), "A@rig.test");
        assert!(address_arg("x").is_err());
        assert!(address_arg("@x").is_err());
        assert!(address_arg("x@").is_err());
    }
}
