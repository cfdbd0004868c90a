//! The output plan shared by every command: `--json`/`-q` and whether to colour.

use crate::cli::{ColorChoice, OutputArgs};
pub(crate) use crate::event::OutputMode;
use std::io::IsTerminal;

#[derive(Debug, Clone)]
pub(crate) struct OutputPlan {
    pub mode: OutputMode,
    pub color: bool,
}

pub(crate) fn output(args: &OutputArgs) -> OutputPlan {
    let mode = if args.json {
        OutputMode::Json
    } else if args.quiet {
        OutputMode::Quiet
    } else {
        OutputMode::Human
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // Both streams: the transcript goes to stderr when stdout carries results or data, and
        // warnings always do; colour meant for a terminal must not end up in a redirected log.
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::io::stderr().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    OutputPlan {
        mode,
        color: color && mode != OutputMode::Json,
    }
}
