//! `mailctl mime show`: read one message (at most `mime::MAX_INPUT` bytes), scan its MIME
//! structure (`crate::mime`), optionally write one part decoded (`--extract`, through
//! `outfile`), and return the tree (`report::mime`) with a verdict: 0 no problem, 11 warnings
//! only, 12 at least one error (README "mime").

use crate::error::{Failure, Judgement, Phase, Verdict};
use crate::event::{Ctx, OutputMode};
use crate::mime::{self, Entity};
use crate::outfile::data::DataOut;
use crate::outfile::{Mode, OutFile};
use crate::plan::MimeShowPlan;
use crate::plan::mime::ExtractTo;
use crate::report::Report;
use crate::report::mime::{Extracted, MimeShow};
use std::sync::Arc;

/// A part's filename reduced to one safe path component: its last component only, no control
/// characters, no leading dot (never a hidden file, never `..`).
fn safe_name(name: &str) -> Option<String> {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control())
        .collect::<String>()
        .trim()
        .trim_start_matches('.')
        .to_string();
    (!cleaned.is_empty() && cleaned.len() <= 200).then_some(cleaned)
}

pub(crate) async fn run(plan: &MimeShowPlan, ctx: Arc<Ctx>) -> Report {
    let mut report = Report::new("mime show");
    let raw = match mime::read_input(&plan.input, "mime show") {
        Ok(r) => r,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let scan = mime::scan(&raw);
    let mut extracted = None;
    if let Some(x) = &plan.extract {
        match extract(&raw, &scan.root, x) {
            Ok(e) => extracted = Some(e),
            Err(f) => return report.finish(Some(f), &ctx),
        }
    }
    let verdict = if scan.errors > 0 {
        Some(Judgement::new(
            Phase::Command,
            Verdict::Errors,
            format!(
                "{} error(s), {} warning(s) in {} entities",
                scan.errors, scan.warnings, scan.entities
            ),
        ))
    } else if scan.warnings > 0 {
        Some(Judgement::new(
            Phase::Command,
            Verdict::Warnings,
            format!("{} warning(s) in {} entities", scan.warnings, scan.entities),
        ))
    } else {
        None
    };
    if verdict.is_none() {
        report.detail = Some(format!(
            "{} entities, {} bytes, no problems found",
            scan.entities, scan.size
        ));
    }
    let body = MimeShow {
        input: plan.input.clone(),
        scan,
        show_tree: ctx.mode != OutputMode::Quiet && extracted.is_none(),
        extracted,
    };
    report.with_body(body).conclude(Ok(verdict), &ctx)
}

fn extract(
    raw: &[u8],
    root: &Entity,
    x: &crate::plan::mime::Extract,
) -> Result<Extracted, Failure> {
    let part = mime::find(root, &x.section).ok_or_else(|| {
        Failure::usage(format!(
            "--extract {}: no such part in this message (see the tree without --extract)",
            x.section
        ))
    })?;
    let bytes = mime::decoded_body(raw, part).map_err(|why| {
        Failure::new(
            Phase::Command,
            crate::error::Kind::Usage,
            format!("--extract {}: cannot decode the part: {why}", x.section),
        )
    })?;
    let to = match &x.to {
        ExtractTo::Stdout => {
            let mut out = DataOut::stdout();
            out.write(&bytes)?;
            out.commit(false)?;
            "-".to_string()
        }
        ExtractTo::File(p) => {
            let mut f = OutFile::create(p, x.force, Mode::Private)?;
            f.write(&bytes)?;
            f.commit()?.display().to_string()
        }
        ExtractTo::Dir(d) => {
            let name = part
                .filename
                .as_ref()
                .and_then(|f| safe_name(&f.decoded))
                .unwrap_or_else(|| format!("part-{}", part.section));
            let dest = d.join(name);
            let mut f = OutFile::create(&dest, x.force, Mode::Private)?;
            f.write(&bytes)?;
            f.commit()?.display().to_string()
        }
    };
    Ok(Extracted {
        section: part.section.clone(),
        content_type: part.content_type.clone(),
        to,
        bytes: bytes.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn filenames_become_one_safe_component() {
        assert_eq!(safe_name("../../etc/passwd").as_deref(), Some("passwd"));
        assert_eq!(safe_name("C:\\x\\a.pdf").as_deref(), Some("a.pdf"));
        assert_eq!(safe_name("..").as_deref(), None);
        assert_eq!(safe_name(".bashrc").as_deref(), Some("bashrc"));
        assert_eq!(safe_name("a\u{1b}[2Jb").as_deref(), Some("a[2Jb"));
    }
}
