//! The typed results of `dns …`: what each subcommand found, serialized into the JSON summary
//! (after the head fields, in declaration order) and laid out for people in `render/dns.rs`.
//! Findings are not here: they go to the report's `findings`, which every renderer shows.

use crate::dns::audit::{DomainAudit, Policy};
use crate::dns::dmarc::DmarcRecord;
use crate::dns::mx::MxReport;
use crate::dns::spf;
use serde::Serialize;

/// `dns mx`.
#[derive(Debug, Serialize)]
pub(crate) struct MxResult {
    pub(crate) domain: String,
    pub(crate) mx: MxReport,
}

/// `dns spf DOMAIN`: the include/redirect tree with its lookup budget.
#[derive(Debug, Serialize)]
pub(crate) struct SpfAuditResult {
    pub(crate) domain: String,
    pub(crate) spf_audit: spf::Audit,
}

/// `dns spf DOMAIN --ip IP`: the RFC 7208 result for that client.
#[derive(Debug, Serialize)]
pub(crate) struct SpfCheckResult {
    pub(crate) domain: String,
    pub(crate) ip: String,
    pub(crate) spf: spf::Evaluation,
}

/// `dns dmarc`: the record that applies (after the organizational-domain fallback).
#[derive(Debug, Serialize)]
pub(crate) struct DmarcResult {
    pub(crate) domain: String,
    pub(crate) policy_domain: String,
    pub(crate) dmarc: Policy,
    /// The parsed record, for the table of effective values (JSON has it as `dmarc.parsed`).
    #[serde(skip)]
    pub(crate) record: Option<DmarcRecord>,
}

/// `dns dkim SELECTORS DOMAIN`: one key record per selector, in the order given.
#[derive(Debug, Serialize)]
pub(crate) struct DkimResult {
    pub(crate) domain: String,
    pub(crate) dkim: Vec<Policy>,
    #[serde(skip)]
    pub(crate) selectors: Vec<String>,
}

/// `dns mta-sts`, `dns tls-rpt`, `dns bimi`: one TXT record, under the command's own key.
#[derive(Debug, Serialize)]
pub(crate) struct RecordResult {
    pub(crate) domain: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) mta_sts: Option<Policy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) tls_rpt: Option<Policy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) bimi: Option<Policy>,
}

/// `dns check`: every record of every domain.
#[derive(Debug, Serialize)]
pub(crate) struct CheckResult {
    pub(crate) domains: Vec<DomainAudit>,
}
