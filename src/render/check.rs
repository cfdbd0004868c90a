//! Rendering of `check` results: the human verdicts and table, the JSON summary (and events
//! tagged with their target), dispatch to the Nagios and Prometheus renderers, and the
//! `--transcript-on-failure` file, written privately and renamed into place.

use super::{Printer, human, nagios, prometheus};
use crate::event::Event;
use crate::report::Report;
use crate::report::check::{
    CheckReport, Format, Progress, Status, TargetResult, TranscriptFile, View, fmt_ms,
};
use colored::Colorize;
use serde_json::{Value, json};
use std::path::Path;
use std::sync::{Arc, Mutex};

/// One event as a JSON line, with the target it belongs to.
pub(crate) fn json_event(target: &str, event: &Event) -> String {
    let mut v = serde_json::to_value(event)
        .unwrap_or_else(|e| json!({"type": "error", "msg": e.to_string()}));
    if let Value::Object(m) = &mut v {
        m.insert("target".into(), json!(target));
    }
    let mut s = v.to_string();
    s.push('\n');
    s
}

fn status_word(s: Status) -> String {
    let w = s.as_str();
    match s {
        Status::Ok => w.green().bold().to_string(),
        Status::Warning => w.yellow().bold().to_string(),
        Status::Critical => w.red().bold().to_string(),
        Status::Unknown => w.magenta().bold().to_string(),
    }
}

/// `OK check imap 127.0.0.1:993 in 12.3 ms: …`
fn verdict(command: &str, t: &TargetResult) -> String {
    format!(
        "{} {command} {} in {}: {}",
        status_word(t.status),
        human::clean(&t.name),
        fmt_ms(t.total_ms),
        human::clean(&t.headline())
    )
}

/// A target's closing lines: timings, certificate, every reason, the verdict.
fn target_lines(command: &str, t: &TargetResult) -> String {
    let mut out = human::timings(&t.timings, t.total_ms);
    if let Some(c) = &t.cert {
        out.push_str(&format!(
            "{}\n",
            format!(
                "certificate {}: {} day(s) left (not after {}); WARNING below {}, CRITICAL below {}",
                human::clean(&c.subject), c.days_left, c.not_after, t.limits.cert_warn_days, t.limits.cert_crit_days
            )
            .dimmed()
        ));
    }
    for r in &t.reasons {
        let tag = if r.status == Status::Ok {
            "note".dimmed().to_string()
        } else {
            status_word(r.status)
        };
        out.push_str(&format!("  {tag}: {}\n", human::clean(&r.message)));
    }
    out.push_str(&verdict(command, t));
    out.push('\n');
    out
}

/// The whole of one target for a person: its transcript, then its closing lines.
fn human_block(command: &str, t: &TargetResult) -> String {
    // Names, reasons and certificate subjects can carry server or file text: neutralised here
    // like every transcript line (before any styling), whatever produced them.
    let mut out = format!(
        "{}\n",
        format!("── {} ({}) ──", human::clean(&t.name), t.protocol).bold()
    );
    let mut st = human::State::default();
    for e in &t.events {
        out.push_str(&human::event(e, &mut st));
    }
    out.push_str(&target_lines(command, t));
    out.push('\n');
    out
}

/// What is printed when one of several targets is done (human or JSON).
fn block(out: &View, command: &str, t: &TargetResult) -> String {
    match out.format {
        Format::Json => t.events.iter().map(|e| json_event(&t.name, e)).collect(),
        _ => human_block(command, t),
    }
}

fn counts(r: &CheckReport) -> String {
    let mut parts = Vec::new();
    for s in [
        Status::Critical,
        Status::Warning,
        Status::Unknown,
        Status::Ok,
    ] {
        let n = r.targets.iter().filter(|t| t.status == s).count();
        if n > 0 {
            parts.push(format!("{n} {}", s.as_str()));
        }
    }
    parts.join(", ")
}

fn human_finish(out: &View, r: &CheckReport) -> String {
    if let Some(f) = &r.failure {
        return format!(
            "{} {}: {} (exit {})\n",
            status_word(Status::Unknown),
            r.command,
            f,
            r.exit_code()
        );
    }
    let mut s = String::new();
    if r.targets.len() == 1 {
        let t = &r.targets[0];
        if out.quiet {
            s.push_str(&verdict(&r.command, t));
            s.push('\n');
        } else {
            s.push_str(&target_lines(&r.command, t));
        }
    } else {
        if out.quiet {
            for t in &r.targets {
                s.push_str(&verdict(&r.command, t));
                s.push('\n');
            }
        } else {
            let rows: Vec<Vec<String>> = r
                .targets
                .iter()
                .map(|t| {
                    vec![
                        t.status.as_str().to_string(),
                        t.name.clone(),
                        t.protocol.clone(),
                        fmt_ms(t.total_ms),
                        t.cert
                            .as_ref()
                            .map_or("-".to_string(), |c| format!("{}d", c.days_left)),
                        t.headline(),
                    ]
                })
                .collect();
            s.push_str(&human::table(
                &["STATUS", "TARGET", "PROTOCOL", "TIME", "CERT", "RESULT"].map(String::from),
                &rows,
            ));
        }
        s.push_str(&format!(
            "{} {}: {} targets: {} (exit {})\n",
            status_word(r.status()),
            r.command,
            r.targets.len(),
            counts(r),
            r.exit_code()
        ));
    }
    match &r.transcript {
        TranscriptFile::Written(p) => {
            s.push_str(&format!("transcript of the failing check written to {p}\n"))
        }
        TranscriptFile::Failed(why) => s.push_str(&format!("transcript NOT written: {why}\n")),
        TranscriptFile::NotWritten => {}
    }
    s
}

/// Everything printed after the targets are done, in the chosen format.
fn text(view: &View, r: &CheckReport) -> String {
    match view.format {
        Format::Human => human_finish(view, r),
        Format::Json => {
            let mut s = serde_json::to_string(r)
                .unwrap_or_else(|e| json!({"type": "error", "msg": e.to_string()}).to_string());
            s.push('\n');
            s
        }
        Format::Nagios => nagios::render(r),
        Format::Prometheus => prometheus::render(r),
    }
}

/// The end of a `check` run, in the format asked for: the `--transcript-on-failure` file, the
/// reasons for UNKNOWN targets on stderr (Prometheus has no room for them), then the verdicts.
/// A report without a check result is a run that could not start (a usage or local error).
pub(crate) fn finish(printer: &Printer, view: &View, report: &Report) {
    let mut r = CheckReport::of(report)
        .cloned()
        .unwrap_or_else(|| CheckReport::failed(report));
    if let Some(path) = &view.transcript
        && r.failure.is_none()
    {
        r.transcript = write_transcript(printer, path, &r);
        if let TranscriptFile::Failed(why) = &r.transcript {
            printer.loud(&format!("--transcript-on-failure: {why}"));
        }
    }
    if view.format == Format::Prometheus {
        // A target that could not be checked has no sample that says why (see
        // render::prometheus): a person reading the cron mail or the journal sees it here.
        if let Some(f) = &r.failure {
            printer.unknown(&format!("mailctl {}: {f}", r.command));
        }
        for t in r.targets.iter().filter(|t| t.status == Status::Unknown) {
            printer.unknown(&format!(
                "mailctl {} {}: {}",
                r.command,
                t.name,
                t.headline()
            ));
        }
    }
    printer.print(&text(view, &r));
}

/// `check`'s layouts need its [`View`] (the format, `-q`): they are in [`finish`], not here.
impl crate::report::Human for CheckReport {}

/// A run's targets as they go (see [`Progress`]): with one target its transcript is printed
/// live; with several each is printed whole when it is done, never interleaved with another's.
/// Nagios, Prometheus and `-q` print no transcript.
pub(crate) struct Live {
    printer: Arc<Printer>,
    view: View,
    single: bool,
    state: Mutex<human::State>,
}

impl Live {
    pub(crate) fn new(printer: Arc<Printer>, view: View, targets: usize) -> Live {
        Live {
            printer,
            view,
            single: targets == 1,
            state: Mutex::new(human::State::default()),
        }
    }
}

impl Progress for Live {
    fn event(&self, target: &str, event: &Event) {
        if !self.single || !self.view.transcripts() {
            return;
        }
        let text = if self.view.format == Format::Json {
            json_event(target, event)
        } else {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            human::event(event, &mut st)
        };
        self.printer.print(&text);
    }

    fn done(&self, command: &str, target: &TargetResult) {
        if !self.single && self.view.transcripts() {
            self.printer.print(&block(&self.view, command, target));
        }
    }
}

/// The transcript file's text: every target that is not OK, with its whole transcript.
fn transcript_text(r: &CheckReport) -> String {
    let mut s = format!(
        "mailctl {} at {}: {} ({})\n\n",
        r.command,
        r.at,
        r.status().as_str(),
        counts(r)
    );
    for t in r.targets.iter().filter(|t| t.status != Status::Ok) {
        s.push_str(&human_block(&r.command, t));
    }
    s
}

/// `--transcript-on-failure`: when the run is WARNING or CRITICAL, write the transcripts of the
/// targets that are not OK. Events only have what *we* sent redacted; what the server sent
/// (a reply echoing the password) is as it arrived, so the file's text goes through the
/// printer's redaction like every other output.
fn write_transcript(printer: &Printer, path: &Path, r: &CheckReport) -> TranscriptFile {
    if !matches!(r.status(), Status::Warning | Status::Critical) {
        return TranscriptFile::NotWritten;
    }
    // The file is for reading later, not a terminal: no colour, whatever stdout gets.
    let coloured = colored::control::SHOULD_COLORIZE.should_colorize();
    colored::control::set_override(false);
    let text = transcript_text(r);
    colored::control::set_override(coloured);
    match write_private(path, printer.redacted(&text).as_bytes()) {
        Ok(()) => TranscriptFile::Written(path.display().to_string()),
        Err(why) => TranscriptFile::Failed(format!("{}: {why}", path.display())),
    }
}

/// Write `bytes` to `path` through [`crate::outfile`]: a new file under a random name beside
/// `path` (O_EXCL, mode 0600: nothing to follow, nobody else can read it), synced, then renamed
/// over `path` (each failing run replaces the last transcript): readers see the old file or the
/// new one, never half of one, and a symlink planted at `path` is replaced, not followed.
fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    crate::outfile::write_new(path, bytes, true, crate::outfile::Mode::Private)
        .map(|_| ())
        .map_err(|f| f.message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_file_replaces_a_symlink_instead_of_following_it() {
        let dir = std::env::temp_dir().join(format!("mailctl-tr-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let path = dir.join("transcript.txt");
        #[cfg(unix)]
        std::os::unix::fs::symlink(&victim, &path).unwrap();
        write_private(&path, b"new").unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }
}
