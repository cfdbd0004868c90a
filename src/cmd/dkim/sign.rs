//! `mailctl dkim sign`: sign a message (RFC 6376 §5) and write it to stdout; the transcript and
//! the summary go to stderr. Bare LF line ends in the input become CRLF (RFC 5322 §2.1), and the
//! output has CRLF line ends: that is the form that was signed.

use crate::dkim::sign::{load_key, sign};
use crate::error::Failure;
use crate::event::Ctx;
use crate::outfile::data::DataOut;
use crate::plan::DkimSignPlan;
use crate::report::Report;
use crate::report::dkim::DkimSign;
use std::io::Read;
use std::sync::Arc;

pub(crate) async fn run(plan: &DkimSignPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("dkim sign");
    match go(plan, &ctx, &mut report) {
        Ok(body) => report.with_body(body).finish(None, &ctx),
        Err(f) => report.finish(Some(f), &ctx),
    }
}

fn read_input(input: Option<&str>) -> Result<Vec<u8>, Failure> {
    match input {
        None | Some("-") => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| Failure::local_io(format!("reading stdin: {e}")))?;
            Ok(buf)
        }
        Some(path) => std::fs::read(path).map_err(|e| Failure::local_io(format!("{path}: {e}"))),
    }
}

fn go(plan: &DkimSignPlan, ctx: &Ctx, report: &mut Report) -> Result<DkimSign, Failure> {
    let key = load_key(&plan.key, "--key")?;
    let algorithm = key.algorithm();
    let bits = key.bits;
    ctx.info(format!(
        "key {}: {algorithm}, {bits}-bit",
        plan.key.display()
    ));
    let input = plan.input.as_deref().filter(|i| *i != "-");
    let raw = read_input(input)?;
    let signed = sign(key, &raw, &plan.domain, &plan.selector, &plan.headers)?;
    if signed.converted_line_ends > 0 {
        ctx.info(format!(
            "converted {} bare line ends to CRLF before signing (RFC 5322 §2.1); the output has CRLF line ends",
            signed.converted_line_ends
        ));
    }
    let h = signed.signed_headers.join(":");
    ctx.info(format!(
        "signed d={} s={} a={algorithm} c=relaxed/relaxed h={h} t={}",
        plan.domain, plan.selector, signed.timestamp
    ));
    let mut out = DataOut::stdout();
    out.write(&signed.message)?;
    out.commit(false)?;

    report.detail = Some(format!(
        "{algorithm} d={} s={}, {} bytes to stdout",
        plan.domain,
        plan.selector,
        signed.message.len()
    ));
    Ok(DkimSign {
        input: input.unwrap_or("-").to_string(),
        domain: plan.domain.clone(),
        selector: plan.selector.clone(),
        algorithm,
        key_bits: bits,
        canonicalization: "relaxed/relaxed",
        signed_headers: signed.signed_headers,
        timestamp: signed.timestamp,
        converted_line_ends: signed.converted_line_ends,
        bytes: signed.message.len(),
        signature: signed.header.trim_end().to_string(),
    })
}
