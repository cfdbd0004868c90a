//! `mailctl dkim keygen`: generate a signing key (RSA per RFC 8301, or Ed25519 per RFC 8463),
//! write it as PKCS#8 PEM with mode 0600, and print the DNS TXT record to publish
//! (RFC 6376 §3.6.1, split into character-strings of at most 255 bytes per §3.6.2.2).

use crate::dkim::keygen::{TxtRecord, generate, write_key_file};
use crate::error::Failure;
use crate::event::Ctx;
use crate::plan::DkimKeygenPlan;
use crate::report::Report;
use crate::report::dkim::DkimKeygen;
use std::sync::Arc;

pub(crate) async fn run(plan: &DkimKeygenPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("dkim keygen");
    match go(plan, &ctx, &mut report) {
        Ok(body) => report.with_body(body).finish(None, &ctx),
        Err(f) => report.finish(Some(f), &ctx),
    }
}

fn go(plan: &DkimKeygenPlan, ctx: &Ctx, report: &mut Report) -> Result<DkimKeygen, Failure> {
    // Refuse before spending time on an RSA key that could not be written anyway: the name is
    // taken (without --force), or its directory takes no new files.
    crate::outfile::check_dest(&plan.output, plan.force)?;
    let dir = plan
        .output
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."));
    crate::outfile::check_dir_writable(dir)?;
    let key = generate(plan.algo, plan.bits)?;
    write_key_file(&plan.output, &key.pem, plan.force)?;
    ctx.info(format!(
        "wrote {} ({} {}-bit, PKCS#8 PEM, mode 0600)",
        plan.output.display(),
        key.key_type,
        key.bits
    ));
    let record = TxtRecord::new(&plan.selector, &plan.domain, key.key_type, &key.public);
    let line = record.zone_line();
    report.detail = Some(format!(
        "wrote {} ({} {}-bit); publish the TXT record at {} ({} string{})",
        plan.output.display(),
        key.key_type,
        key.bits,
        record.name,
        record.strings.len(),
        if record.strings.len() == 1 { "" } else { "s" }
    ));
    Ok(DkimKeygen {
        key_file: plan.output.display().to_string(),
        algorithm: key.key_type,
        bits: key.bits,
        selector: plan.selector.clone(),
        domain: plan.domain.clone(),
        name: record.name,
        value: record.value,
        strings: record.strings,
        record: line,
    })
}
