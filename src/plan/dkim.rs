//! `dkim verify|sign|keygen`: inputs, keys (`--key`, `--at`), selectors and signing domains
//! checked as verifiers will read them (RFC 6376 §3.1, §3.5).

use super::dkim_time;
use super::dns::{dns_plan, domain_arg};
use crate::cli;
use crate::dkim::keygen::KeyAlgo;
use crate::dns::DnsPlan;
use crate::error::Failure;

/// A signing domain (`d=`): a domain name as [`domain_arg`] reads it that is also what a
/// verifier accepts in d= (RFC 6376 §3.5 `domain-name`: letters, digits and hyphens, at least
/// two labels). IDNA alone lets through names such as `exampl(e.com`, which every verifier
/// rejects as permerror: better to refuse before signing than to sign mail that cannot verify.
pub(super) fn dkim_domain_arg(s: &str) -> Result<String, Failure> {
    let d = domain_arg(s)?;
    if !crate::dkim::signature::valid_domain(&d) {
        return Err(Failure::usage(format!(
            "{s:?} cannot be a DKIM signing domain: d= needs letters, digits and hyphens in at \
             least two labels (RFC 6376 §3.5), or verifiers reject the signature"
        )));
    }
    Ok(d)
}

pub(super) fn selector_arg(s: &str) -> Result<String, Failure> {
    let t = s.trim();
    if t.is_empty()
        || !t.split('.').all(|l| {
            !l.is_empty()
                && l.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        })
    {
        return Err(Failure::usage(format!("{s:?} is not a DKIM selector")));
    }
    Ok(t.to_ascii_lowercase())
}

pub(crate) struct DkimVerifyPlan {
    pub dns: DnsPlan,
    /// Files, Maildir directories, mbox files; `-` for stdin.
    pub inputs: Vec<String>,
    pub debug_canon: bool,
    pub arc: bool,
    pub keys: DkimKeyPlan,
}

/// `--at` and `--key` (see [`crate::cli::DkimKeyOpts`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct DkimKeyPlan {
    /// Unix seconds to verify at; `None`: now.
    pub at: Option<u64>,
    /// (`<s>._domainkey.<d>` lowercase, file) to use instead of DNS.
    pub files: Vec<(String, std::path::PathBuf)>,
}

pub(super) fn dkim_key_plan(o: &crate::cli::DkimKeyOpts) -> Result<DkimKeyPlan, Failure> {
    let at = o.at.as_deref().map(dkim_time::parse_time).transpose()?;
    let mut files: Vec<(String, std::path::PathBuf)> = Vec::new();
    for k in &o.keys {
        let (name, file) = crate::dkim::localkey::parse_arg(k).map_err(Failure::usage)?;
        if files.iter().any(|(n, _)| *n == name) {
            return Err(Failure::usage(format!("--key names {name} twice")));
        }
        files.push((name, file));
    }
    Ok(DkimKeyPlan { at, files })
}

pub(crate) struct DkimSignPlan {
    pub key: std::path::PathBuf,
    pub selector: String,
    pub domain: String,
    /// Empty: the default header list.
    pub headers: Vec<String>,
    /// None or `-`: stdin.
    pub input: Option<String>,
}

pub(crate) struct DkimKeygenPlan {
    pub algo: KeyAlgo,
    pub bits: u32,
    pub selector: String,
    pub domain: String,
    pub output: std::path::PathBuf,
    pub force: bool,
}

pub(crate) enum DkimPlan {
    Verify(DkimVerifyPlan),
    Sign(DkimSignPlan),
    Keygen(DkimKeygenPlan),
}

impl DkimPlan {
    /// `dkim sign` writes the signed message to stdout (the transcript goes to stderr).
    pub(crate) fn data_to_stdout(&self) -> bool {
        matches!(self, DkimPlan::Sign(_))
    }
}

pub(crate) fn dkim(cmd: &crate::cli::DkimCommand) -> Result<DkimPlan, Failure> {
    use crate::cli::DkimCommand as C;
    Ok(match cmd {
        C::Verify {
            dns,
            inputs,
            debug_canon,
            arc,
            keys,
        } => {
            let dns = dns_plan(dns)?;
            DkimPlan::Verify(DkimVerifyPlan {
                dns,
                inputs: if inputs.is_empty() {
                    vec!["-".into()]
                } else {
                    inputs.clone()
                },
                debug_canon: *debug_canon,
                arc: *arc,
                keys: dkim_key_plan(keys)?,
            })
        }
        C::Sign {
            key,
            selector,
            domain,
            headers,
            input,
        } => DkimPlan::Sign(DkimSignPlan {
            key: key.clone(),
            selector: selector_arg(selector)?,
            domain: dkim_domain_arg(domain)?,
            headers: headers
                .iter()
                .map(|h| h.trim().to_string())
                .filter(|h| !h.is_empty())
                .collect(),
            input: input.clone(),
        }),
        C::Keygen {
            algo,
            bits,
            selector,
            domain,
            output,
            force,
        } => DkimPlan::Keygen(DkimKeygenPlan {
            algo: match algo {
                cli::KeyAlgo::Rsa => KeyAlgo::Rsa,
                cli::KeyAlgo::Ed25519 => KeyAlgo::Ed25519,
            },
            bits: *bits,
            selector: selector_arg(selector)?,
            domain: dkim_domain_arg(domain)?,
            output: output.clone(),
            force: *force,
        }),
    })
}
