//! `audit DOMAIN`: the domain, the resolver, the probe settings and the `--connect-to` rules.

use super::dkim::selector_arg;
use super::dns::{dns_plan, domain_arg};
use super::{CHECK_MAX_TIME, bare_addr, check_addr, local_hostname};
use crate::audit::AuditPlan;
use crate::audit::probe::ProbeSettings;
use crate::cli::AuditArgs;
use crate::error::Failure;
use crate::transport::connect_to::ConnectTo;
use crate::transport::tls::TlsPlan;
use std::time::Duration;

pub(crate) fn audit(args: &AuditArgs) -> Result<AuditPlan, Failure> {
    let relay_test = if args.relay_test {
        let [from, to] = args.relay_addrs.as_slice() else {
            return Err(Failure::usage(
                "--relay-addrs takes two addresses, FROM,TO".to_string(),
            ));
        };
        let (from, to) = (bare_addr(from), bare_addr(to));
        check_addr(&from, "--relay-addrs")?;
        check_addr(&to, "--relay-addrs")?;
        Some((from, to))
    } else {
        None
    };
    let timeout = args.probe_timeout;
    Ok(AuditPlan {
        domain: domain_arg(&args.domain)?,
        dns: dns_plan(&args.dns)?,
        selectors: args
            .selectors
            .iter()
            .map(|s| selector_arg(s))
            .collect::<Result<_, _>>()?,
        connect_to: args
            .connect_to
            .iter()
            .map(|s| ConnectTo::parse(s))
            .collect::<Result<_, _>>()?,
        repeat: args.repeat,
        concurrency: args.concurrency,
        family: super::connect::family(&args.family),
        tls: TlsPlan {
            ca_files: args.ca_file.clone(),
            insecure: false,
            sni: None,
            judge_later: true,
            client_cert: None,
        },
        probe: ProbeSettings {
            helo: args.ehlo.clone().unwrap_or_else(local_hostname),
            timeout,
            connect_timeout: args.connect_timeout.unwrap_or(Duration::from_secs(10)),
            // One probe is connect, banner, two EHLOs, STARTTLS, a handshake and QUIT: a
            // minute bounds it whatever the server does (a monitoring system's patience).
            max_time: CHECK_MAX_TIME,
            relay_test,
        },
        cert_warn_days: args.cert_days,
        probe_mx: !args.no_probe,
        transcript: args.transcript,
        dnssec: !args.no_dnssec,
        trust_anchor: args.trust_anchor.clone(),
    })
}
