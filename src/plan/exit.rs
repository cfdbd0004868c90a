//! What a command's exit code means: mailctl's own codes (README "Exit codes"), or the Nagios
//! plugin return codes `check` speaks (README "`check` exit codes"). Part of every plan, so
//! that `main` sets the code one way for every command.

use crate::report::Report;
use crate::report::check::{CheckReport, Status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitPolicy {
    /// The failure's or the verdict's code (0 success, 2 usage, 3 resolve, 10 partial, …; see
    /// `Report::exit_code`).
    Mailctl,
    /// Nagios Plugin Development Guidelines, "Plugin Return Codes": OK 0, WARNING 1,
    /// CRITICAL 2, UNKNOWN 3, the worst target's state; a usage or local error is UNKNOWN.
    Nagios,
}

impl ExitPolicy {
    /// The policy of the subcommand named `name`, for a command-line error found before any
    /// plan exists (clap's own, or cli::compat's).
    pub(crate) fn of_subcommand(name: Option<&str>) -> ExitPolicy {
        match name {
            Some("check") => ExitPolicy::Nagios,
            _ => ExitPolicy::Mailctl,
        }
    }

    /// The code for a command-line error.
    pub(crate) fn usage(self) -> i32 {
        match self {
            ExitPolicy::Mailctl => 2,
            ExitPolicy::Nagios => Status::Unknown.code(),
        }
    }

    /// The code for a finished command (or one whose plan failed).
    pub(crate) fn code(self, report: &Report) -> i32 {
        match self {
            ExitPolicy::Mailctl => report.exit_code(),
            ExitPolicy::Nagios => CheckReport::of(report)
                .map_or(Status::Unknown, CheckReport::status)
                .code(),
        }
    }

    /// Whether the run goes on when stdout is closed: under Nagios the exit code is the
    /// verdict, and a broken pipe must not turn it into 0 (or stop a check half-way).
    pub(crate) fn outlives_stdout(self) -> bool {
        self == ExitPolicy::Nagios
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Failure;

    #[test]
    fn usage_errors_are_unknown_under_nagios() {
        assert_eq!(ExitPolicy::of_subcommand(Some("check")), ExitPolicy::Nagios);
        assert_eq!(ExitPolicy::of_subcommand(Some("smtp")), ExitPolicy::Mailctl);
        assert_eq!(ExitPolicy::of_subcommand(None), ExitPolicy::Mailctl);
        assert_eq!(ExitPolicy::Nagios.usage(), 3);
        assert_eq!(ExitPolicy::Mailctl.usage(), 2);
        let mut r = Report::new("check smtp");
        r.failure = Some(Failure::usage("no"));
        assert_eq!(ExitPolicy::Nagios.code(&r), 3);
        assert_eq!(ExitPolicy::Mailctl.code(&r), 2);
    }
}
