//! `smtp send --count` (load mode): the send plan and what load mode adds to it.

use super::output::OutputPlan;
use super::smtp_send::{SmtpSendPlan, smtp_send};
use crate::cli::SendArgs;
use crate::error::Failure;

/// `smtp send --count`: a send plan and what load mode adds to it.
pub struct SmtpLoadPlan {
    pub send: SmtpSendPlan,
    pub load: crate::load::LoadPlan,
}

pub fn smtp_load(args: &SendArgs, out: &OutputPlan) -> Result<SmtpLoadPlan, Failure> {
    let send = smtp_send(args)?;
    let load = crate::load::plan(&args.load, &send.send, args.data.is_none(), out)?;
    Ok(SmtpLoadPlan { send, load })
}
