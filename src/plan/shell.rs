//! `smtp|pop3|imap shell`: where the lines come from (the terminal, a script, `--send` and
//! `--expect`), the login read only when a helper needs it, the SASL names `:auth` takes.

use super::connect::{ConnectPlan, check_user, connect, password_source};
use super::{DEFAULT_MAX_TIME, max_time};
use crate::cli::{AuthChoice, ShellArgs};
use crate::error::Failure;
use crate::proto::sasl::Mechanism;
pub(crate) use crate::proto::shell::Proto;
use crate::proto::shell::script::{self, Line};
use crate::secret::PasswordSource;
use std::io::{IsTerminal, Read};

/// The most a script may hold: a probe is a few dozen lines.
const MAX_SCRIPT: u64 = 4 * 1024 * 1024;

/// Where the shell's lines come from.
pub(crate) enum Input {
    /// A person at a terminal: the line editor.
    Terminal,
    /// A script (`--script`, stdin, or `--send`/`--expect`): `stdin_free` when stdin is not the
    /// script itself (then `:data -` may read it).
    Script { lines: Vec<Line>, stdin_free: bool },
}

pub(crate) struct ShellPlan {
    pub proto: Proto,
    pub connect: ConnectPlan,
    /// `--user` and its password source: read at the first `:auth`/`:login`, never before.
    pub login: Option<(String, PasswordSource)>,
    /// The mechanism names `:auth` takes (`--auth`'s, lower case).
    pub mechs: Vec<(String, Mechanism)>,
    pub input: Input,
    pub max_reply: usize,
    pub helo: String,
    /// `--show-data`: `:data` shows the message line by line.
    pub show_data: bool,
}

impl ShellPlan {
    pub(crate) fn command(&self) -> &'static str {
        match self.proto {
            Proto::Smtp => "smtp shell",
            Proto::Pop3 => "pop3 shell",
            Proto::Imap => "imap shell",
        }
    }
}

/// The SASL mechanisms `--auth` names, under the same names: one list for both, so a
/// mechanism added there is one `:auth` takes.
fn mechanisms() -> Vec<(String, Mechanism)> {
    use clap::ValueEnum;
    AuthChoice::value_variants()
        .iter()
        .filter_map(|c| {
            let m = super::connect::mechanism(*c)?;
            let name = c.to_possible_value()?.get_name().to_string();
            Some((name, m))
        })
        .collect()
}

pub(crate) fn shell(args: &ShellArgs, proto: Proto) -> Result<ShellPlan, Failure> {
    let c = &args.connect;
    let default_port = match (proto, c.tls) {
        (Proto::Smtp, false) => 25,
        (Proto::Smtp, true) => 465,
        (Proto::Pop3, false) => 110,
        (Proto::Pop3, true) => 995,
        (Proto::Imap, false) => 143,
        (Proto::Imap, true) => 993,
    };
    let mut connect = connect(c, default_port, None)?;
    let terminal = args.script.is_none() && args.send.is_empty() && std::io::stdin().is_terminal();
    let input = if terminal {
        // A person is typing: no bound on the session unless one is asked for (the server's
        // own idle timeout ends a forgotten one); every reply is still bounded by --timeout.
        connect.max_time = max_time(c.max_time, DEFAULT_MAX_TIME).filter(|_| c.max_time.is_some());
        Input::Terminal
    } else if !args.send.is_empty() {
        let lines = script::pairs(&args.send, &args.expect, proto).map_err(Failure::usage)?;
        Input::Script {
            lines,
            stdin_free: true,
        }
    } else {
        let (text, from_stdin) = match args.script.as_deref() {
            Some("-") | None => (read_stdin()?, true),
            Some(path) => {
                let f = std::fs::File::open(path)
                    .map_err(|e| Failure::local_io_from(format!("--script {path}"), e))?;
                (read_capped(f, path)?, false)
            }
        };
        let lines = script::parse(&text, proto).map_err(|e| {
            let name = args.script.as_deref().unwrap_or("-");
            Failure::usage(format!("script {name}: {e}"))
        })?;
        Input::Script {
            lines,
            stdin_free: !from_stdin,
        }
    };
    let login = match &c.user {
        Some(u) => {
            check_user(u)?;
            Some((u.clone(), password_source(c)))
        }
        None => None,
    };
    Ok(ShellPlan {
        proto,
        connect,
        login,
        mechs: mechanisms(),
        input,
        max_reply: usize::try_from(args.max_reply).unwrap_or(usize::MAX),
        show_data: args.show_data,
        helo: args
            .helo
            .clone()
            .unwrap_or_else(super::smtp_send::local_hostname),
    })
}

/// `pop3 shell` and `imap shell` are planned here, not with the other pop3/imap subcommands
/// (app.rs sends them here first).
pub(super) fn elsewhere() -> Failure {
    Failure::new(
        crate::error::Phase::Setup,
        crate::error::Kind::Internal,
        "the shell is planned by plan::shell",
    )
}

fn read_stdin() -> Result<String, Failure> {
    read_capped(std::io::stdin().lock(), "-")
}

fn read_capped(r: impl Read, name: &str) -> Result<String, Failure> {
    let mut buf = Vec::new();
    r.take(MAX_SCRIPT + 1)
        .read_to_end(&mut buf)
        .map_err(|e| Failure::local_io_from(format!("reading the script {name}"), e))?;
    if buf.len() as u64 > MAX_SCRIPT {
        return Err(Failure::usage(format!(
            "script {name} is longer than {MAX_SCRIPT} bytes"
        )));
    }
    String::from_utf8(buf).map_err(|_| Failure::usage(format!("script {name} is not UTF-8")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auth_names_are_the_auth_options() {
        let names: Vec<String> = mechanisms().into_iter().map(|(n, _)| n).collect();
        assert!(names.contains(&"plain".to_string()), "{names:?}");
        assert!(names.contains(&"cram-md5".to_string()), "{names:?}");
        assert!(!names.contains(&"auto".to_string()));
    }
}
