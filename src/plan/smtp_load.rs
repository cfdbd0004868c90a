//! `smtp send --count` (load mode): the send plan and what load mode adds to it
//! (`load::LoadPlan`, defined where the engine reads it; its message template is built here once
//! for every message).

use super::output::{OutputMode, OutputPlan};
use super::smtp_send::{SmtpSendPlan, smtp_send};
use crate::cli::{LoadArgs, SendArgs, TranscriptChoice};
use crate::error::Failure;
use crate::load::{LoadPlan, Template};
use crate::proto::smtp::SendPlan;
use std::io::IsTerminal;

/// `smtp send --count`: a send plan and what load mode adds to it.
pub(crate) struct SmtpLoadPlan {
    pub send: SmtpSendPlan,
    pub(crate) load: LoadPlan,
}

pub(crate) fn smtp_load(args: &SendArgs, out: &OutputPlan) -> Result<SmtpLoadPlan, Failure> {
    let send = smtp_send(args)?;
    let load = load_plan(&args.load, &send.send, args.data.is_none(), out)?;
    Ok(SmtpLoadPlan { send, load })
}

/// The load part of a send plan. `generated`: the message was built from the message options
/// (not `--data`), so it gets a unique Message-ID per message.
fn load_plan(
    args: &LoadArgs,
    send: &SendPlan,
    generated: bool,
    out: &OutputPlan,
) -> Result<LoadPlan, Failure> {
    let count = args
        .count
        .ok_or_else(|| Failure::usage("load mode needs --count"))?;
    let domain = send
        .from
        .rsplit_once('@')
        .map(|(_, d)| d)
        .filter(|d| !d.is_empty())
        .unwrap_or(&send.helo)
        .to_string();
    let message = if generated {
        Template::unique(&send.message, &domain, args.size, send.bdat)?
    } else {
        Template::as_is(&send.message, send.bdat)
    };
    Ok(LoadPlan {
        count,
        concurrency: args.concurrency.unwrap_or(1),
        per_session: args.per_session.unwrap_or(1),
        rate: args.rate,
        transcript_all: args.transcript == TranscriptChoice::All,
        progress: out.mode == OutputMode::Human && std::io::stderr().is_terminal(),
        message,
    })
}
