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
pub struct MxResult {
    pub domain: String,
    pub mx: MxReport,
}

/// `dns spf DOMAIN`: the include/redirect tree with its lookup budget.
#[derive(Debug, Serialize)]
pub struct SpfAuditResult {
    pub domain: String,
    pub spf_audit: spf::Audit,
}

/// `dns spf DOMAIN --ip IP`: the RFC 7208 result for that client.
#[derive(Debug, Serialize)]
pub struct SpfCheckResult {
    pub domain: String,
    pub ip: String,
    pub spf: spf::Evaluation,
}

/// `dns dmarc`: the record that applies (after the organizational-domain fallback).
#[derive(Debug, Serialize)]
pub struct DmarcResult {
    pub domain: String,
    pub policy_domain: String,
    pub dmarc: Policy,
    /// The parsed record, for the table of effective values (JSON has it as `dmarc.parsed`).
    #[serde(skip)]
    pub record: Option<DmarcRecord>,
}

/// `dns dkim SELECTORS DOMAIN`: one key record per selector, in the order given.
#[derive(Debug, Serialize)]
pub struct DkimResult {
    pub domain: String,
    pub dkim: Vec<Policy>,
    #[serde(skip)]
    pub selectors: Vec<String>,
}

/// `dns mta-sts`, `dns tls-rpt`, `dns bimi`: one TXT record, under the command's own key.
#[derive(Debug, Serialize)]
pub struct RecordResult {
    pub domain: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mta_sts: Option<Policy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tls_rpt: Option<Policy>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bimi: Option<Policy>,
}

/// `dns check`: every record of every domain.
#[derive(Debug, Serialize)]
pub struct CheckResult {
    pub domains: Vec<DomainAudit>,
}
