//! The printer: owns all output. Renders events live as human lines or JSON Lines, and the final
//! report as a summary plus a one-line verdict. Broken pipes end the program quietly.

pub mod human;
pub mod json;

use crate::event::{Event, Sink};
use crate::plan::{OutputMode, OutputPlan};
use crate::report::Report;
use std::io::Write;
use std::sync::Mutex;

pub struct Printer {
    mode: OutputMode,
    state: Mutex<human::State>,
}

impl Printer {
    pub fn new(plan: &OutputPlan) -> Self {
        colored::control::set_override(plan.color);
        Printer {
            mode: plan.mode,
            state: Mutex::new(human::State::default()),
        }
    }

    fn out(&self, text: &str) {
        let mut stdout = std::io::stdout().lock();
        if let Err(e) = stdout
            .write_all(text.as_bytes())
            .and_then(|_| stdout.flush())
        {
            exit_on_write_error(e);
        }
    }

    /// Something the user must see even with -q or --json (e.g. --insecure): goes to stderr.
    pub fn loud(&self, msg: &str) {
        let _ = writeln!(std::io::stderr(), "{}", human::loud(msg));
    }

    /// Print the summary and verdict for a finished command.
    pub fn finish(&self, report: &Report) {
        let text = match self.mode {
            OutputMode::Json => json::summary_line(report),
            OutputMode::Human => human::summary(report) + &human::verdict(report) + "\n",
            OutputMode::Quiet => human::verdict(report) + "\n",
        };
        self.out(&text);
    }
}

impl Sink for Printer {
    fn emit(&self, event: Event) {
        let text = match self.mode {
            OutputMode::Quiet => return,
            OutputMode::Json => json::event_line(&event),
            OutputMode::Human => {
                let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
                human::event(&event, &mut st)
            }
        };
        self.out(&text);
    }
}

/// `mailctl ... | head` must not panic or complain: a closed stdout ends the program quietly.
pub fn exit_on_write_error(e: std::io::Error) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    let _ = writeln!(std::io::stderr(), "mailctl: cannot write output: {e}");
    std::process::exit(9);
}
