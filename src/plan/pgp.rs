//! `pgp verify`, `wkd`: where the message and the keys come from, and how DNS and HTTPS
//! lookups connect.

use super::dns::dns_plan;
use crate::cli::{HttpOpts, PgpCommand, WkdArgs};
use crate::dns::DnsPlan;
use crate::error::Failure;
use crate::transport::connect_to::ConnectTo;
use crate::transport::tls::TlsPlan;
use std::path::PathBuf;
use std::time::Duration;

/// How WKD's HTTPS requests connect.
#[derive(Debug, Clone)]
pub(crate) struct HttpPlan {
    pub rules: Vec<ConnectTo>,
    pub tls: TlsPlan,
    pub connect_timeout: Duration,
    /// One request, connect to last body byte.
    pub max_time: Duration,
}

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

pub(crate) fn http_plan(o: &HttpOpts) -> Result<HttpPlan, Failure> {
    Ok(HttpPlan {
        rules: o
            .connect_to
            .iter()
            .map(|s| ConnectTo::parse(s))
            .collect::<Result<_, _>>()?,
        tls: TlsPlan {
            ca_files: o.ca_file.clone(),
            insecure: false,
            sni: None,
            judge_later: false,
            client_cert: None,
        },
        connect_timeout: o.connect_timeout.unwrap_or(Duration::from_secs(10)),
        max_time: Duration::from_secs(30),
    })
}

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
        dns: dns_plan(dns_opts)?,
        http: http_plan(http)?,
    })
}

pub(crate) fn wkd(args: &WkdArgs) -> Result<WkdPlan, Failure> {
    Ok(WkdPlan {
        address: address_arg(&args.address)?,
        dns: dns_plan(&args.dns)?,
        http: http_plan(&args.http)?,
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
