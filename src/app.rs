//! The one pipeline every command runs through: parse, plan, run, render, and the exit code
//! under the command's exit policy. `main.rs` only calls [`main`].

// The one module that may print directly (Cargo.toml [lints]): a panic, `--generate` and a
// usage error happen before or outside the printer.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use crate::cli::{Cli, Command, ImapCommand, Pop3Command, ShellArgs, SmtpCommand};
use crate::error::Failure;
use crate::event::{Ctx, Sink};
use crate::plan::exit::ExitPolicy;
use crate::plan::shell::Proto;
use crate::plan::{self, ConnectPlan, OutputPlan};
use crate::render::Printer;
use crate::render::check::Live;
use crate::report::Report;
use crate::report::check::View;
use clap::{CommandFactory, Parser};
use std::sync::Arc;

/// Run mailctl with the process's arguments; returns the exit code.
pub fn main() -> i32 {
    // A panic message must not carry a secret either (see secret::redact).
    std::panic::set_hook(Box::new(|info| {
        eprintln!("mailctl {}", crate::secret::redact(&info.to_string()));
    }));
    // `mailctl --generate DIR` writes shell completions and man pages into DIR (to refresh
    // completions/ and man/ in the source tree). It is no clap argument, so that no completion
    // script or man page offers this maintainer's switch to users.
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if argv.len() == 3 && argv[1] == "--generate" {
        let dir = std::path::Path::new(&argv[2]);
        if let Err(e) = crate::generate::generate(dir) {
            eprintln!("mailctl: --generate {}: {e:#}", dir.display());
            return 9;
        }
        return 0;
    }
    // Options from swaks and curl that clap would misread get a sentence instead (cli::compat).
    let argv = match crate::cli::compat::translate(argv.clone()) {
        Ok(argv) => argv,
        Err(msg) => usage_exit(&msg, exit_policy(&argv)),
    };
    let mut cli = match Cli::try_parse_from(&argv) {
        Ok(cli) => cli,
        Err(e) => {
            // `check` speaks the Nagios plugin codes: a command-line error is UNKNOWN (3).
            let code = match exit_policy(&argv) {
                p @ ExitPolicy::Nagios if e.use_stderr() => p.usage(),
                _ => e.exit_code(),
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    if let Some(Command::Smtp(s)) = &mut cli.command
        && let SmtpCommand::Send(args) = &mut s.command
        && let Err(msg) = args.apply_protocol()
    {
        usage_exit(&msg, ExitPolicy::Mailctl);
    }
    let out = plan::output(&cli.output);
    let results = results_command(&cli.command);
    match cli.command {
        Some(Command::Smtp(s)) => match s.command {
            SmtpCommand::Shell(args) => shell(&out, results, &args, Proto::Smtp),
            SmtpCommand::Send(args) if args.load.count.is_some() => execute(
                Frame::summary(&out, "smtp send", results),
                plan::smtp_load(&args, &out),
                |p| Session::of(&p.send.connect, p.send.show_data, false),
                async |p, ctx, _| crate::cmd::smtp_load::run(p, ctx).await,
            ),
            SmtpCommand::Send(args) => execute(
                Frame::summary(&out, "smtp send", results),
                plan::smtp_send(&args),
                |p| Session::of(&p.connect, p.show_data, false),
                async |p, ctx, _| crate::cmd::smtp_send::run(p, ctx).await,
            ),
            SmtpCommand::Sink(args) => {
                let mode = out.mode;
                execute(
                    Frame::summary(&out, "smtp sink", results),
                    plan::smtp_sink(&args),
                    |p| Session {
                        insecure: false,
                        show_secrets: p.show_secrets,
                        show_data: p.server.show_data,
                        data_to_stdout: false,
                    },
                    async move |p, ctx, printer| {
                        let live = crate::render::sink::Live::new(printer, mode);
                        crate::cmd::smtp_sink::run(p, ctx, Arc::new(live)).await
                    },
                )
            }
        },
        Some(Command::Pop3(p)) => match p.command {
            Pop3Command::Shell(args) => shell(&out, results, &args, Proto::Pop3),
            command => execute(
                Frame::summary(&out, "pop3", results),
                plan::pop3(&command),
                |p| Session::of(&p.connect, p.show_data, p.data_to_stdout()),
                async |p, ctx, _| crate::cmd::pop3::run(p, ctx).await,
            ),
        },
        Some(Command::Imap(i)) => match i.command {
            ImapCommand::Shell(args) => shell(&out, results, &args, Proto::Imap),
            command => execute(
                Frame::summary(&out, "imap", results),
                plan::imap(&command),
                |p| Session::of(&p.connect, p.show_data, p.data_to_stdout()),
                async |p, ctx, _| crate::cmd::imap::run(p, ctx).await,
            ),
        },
        Some(Command::Jmap(j)) => execute(
            Frame::summary(&out, "jmap", results),
            plan::jmap(&j.command),
            |p| Session {
                insecure: p.http.connect.tls.insecure,
                show_secrets: p.http.connect.show_secrets,
                show_data: p.show_data,
                data_to_stdout: p.data_to_stdout(),
            },
            async |p, ctx, _| crate::cmd::jmap::run(p, ctx).await,
        ),
        Some(Command::Dns(d)) => execute(
            Frame::summary(&out, "dns", results),
            plan::dns(&d.command),
            |_| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: false,
            },
            async |p, ctx, _| crate::cmd::dns::run(p, ctx).await,
        ),
        Some(Command::Dkim(d)) => execute(
            Frame::summary(&out, "dkim", results),
            plan::dkim(&d.command),
            |p| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: p.data_to_stdout(),
            },
            async |p, ctx, _| crate::cmd::dkim::run(p, ctx).await,
        ),
        Some(Command::Dmarc(d)) => execute(
            Frame::summary(&out, "dmarc evaluate", results),
            plan::dmarc(&d.command),
            |_| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: false,
            },
            async |p, ctx, _| crate::cmd::dmarc::run(p, ctx).await,
        ),
        Some(Command::Mime(m)) => execute(
            Frame::summary(&out, "mime show", results),
            plan::mime(&m.command),
            |p| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: p.data_to_stdout(),
            },
            async |p, ctx, _| crate::cmd::mime::run(p, ctx).await,
        ),
        Some(Command::Pgp(p)) => execute(
            Frame::summary(&out, "pgp verify", results),
            plan::pgp(&p.command),
            |_| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: false,
            },
            async |p, ctx, _| crate::cmd::pgp::run(p, ctx).await,
        ),
        Some(Command::Wkd(w)) => execute(
            Frame::summary(&out, "wkd", results),
            plan::wkd(&w),
            |_| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: false,
            },
            async |p, ctx, _| crate::cmd::wkd::run(p, ctx).await,
        ),
        Some(Command::Smime(s)) => execute(
            Frame::summary(&out, "smime verify", results),
            plan::smime(&s.command),
            |_| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: false,
            },
            async |p, ctx, _| crate::cmd::smime::run(p, ctx).await,
        ),
        Some(Command::Audit(a)) => execute(
            Frame::summary(&out, "audit", results),
            plan::audit(&a),
            |_| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: false,
            },
            async |p, ctx, _| crate::cmd::audit::run(p, ctx).await,
        ),
        Some(Command::Check(c)) => {
            let (out, plan) = plan::check::plan(&cli.output, &c.command);
            let view = out.view.clone();
            execute(
                Frame {
                    command: plan::check::command_name(&c.command),
                    out: out.printer(),
                    results,
                    exit: plan::check::EXIT,
                    finish: Finish::Check(out.view),
                },
                plan,
                |p| Session {
                    insecure: p.insecure,
                    show_secrets: p.show_secrets,
                    show_data: false,
                    data_to_stdout: false,
                },
                async |p, _, printer| {
                    let live = Live::new(printer, view, p.jobs.len());
                    crate::cmd::check::run(p, Arc::new(live)).await
                },
            )
        }
        None => 2,
    }
}

/// `smtp|pop3|imap shell`: a dialogue command (everything on stdout), received data shown line
/// by line (a shell shows what the server sends, as telnet would), the printer handed to the
/// line editor while it owns the terminal.
fn shell(out: &OutputPlan, results: bool, args: &ShellArgs, proto: Proto) -> i32 {
    let command = match proto {
        Proto::Smtp => "smtp shell",
        Proto::Pop3 => "pop3 shell",
        Proto::Imap => "imap shell",
    };
    execute(
        Frame::summary(out, command, results),
        plan::shell(args, proto),
        |p| Session::of(&p.connect, true, false),
        async |p, ctx, printer| {
            crate::cmd::shell::run(p, ctx, printer as Arc<dyn crate::event::Screen>).await
        },
    )
}

/// A command-line error found outside clap: the same shape as clap's, and the code of a usage
/// error under the command's exit policy.
fn usage_exit(msg: &str, policy: ExitPolicy) -> ! {
    eprintln!("error: {msg}\n\nFor more information, try '--help'.");
    std::process::exit(policy.usage());
}

/// The exit policy of the command `argv` names, for a command-line error found before any plan
/// exists. clap's own matching, with errors ignored, names the subcommand even when its
/// arguments are wrong: no second parser of argv here.
fn exit_policy(argv: &[std::ffi::OsString]) -> ExitPolicy {
    let matches = Cli::command()
        .ignore_errors(true)
        .try_get_matches_from(argv)
        .ok();
    ExitPolicy::of_subcommand(matches.as_ref().and_then(|m| m.subcommand_name()))
}

/// Whether the command exists to produce results (a table, tree or findings): they alone go to
/// stdout, the transcript and the verdict to stderr (see `Printer::results_to_stdout`) — a
/// usage error's verdict included. The dialogue commands (smtp send, pop3 dele/noop, imap raw)
/// keep everything on stdout.
fn results_command(command: &Option<Command>) -> bool {
    match command {
        Some(Command::Smtp(s)) => match &s.command {
            SmtpCommand::Send(args) => args.load.count.is_some(),
            SmtpCommand::Shell(_) => false,
            SmtpCommand::Sink(_) => false,
        },
        Some(Command::Pop3(p)) => !matches!(
            p.command,
            Pop3Command::Dele { .. } | Pop3Command::Noop { .. } | Pop3Command::Shell(_)
        ),
        Some(Command::Imap(i)) => {
            !matches!(i.command, ImapCommand::Raw { .. } | ImapCommand::Shell(_))
        }
        // `send` is a dialogue like smtp send: everything on stdout.
        Some(Command::Jmap(j)) => !matches!(j.command, crate::cli::JmapCommand::Send { .. }),
        Some(
            Command::Dns(_)
            | Command::Dkim(_)
            | Command::Dmarc(_)
            | Command::Mime(_)
            | Command::Pgp(_)
            | Command::Wkd(_)
            | Command::Smime(_)
            | Command::Audit(_),
        ) => true,
        // Its formats decide their streams (render::check).
        Some(Command::Check(_)) | None => false,
    }
}

/// What `execute` needs to know about a plan to set up output and the session context.
struct Session {
    insecure: bool,
    show_secrets: bool,
    show_data: bool,
    data_to_stdout: bool,
}

impl Session {
    fn of(connect: &ConnectPlan, show_data: bool, data_to_stdout: bool) -> Session {
        Session {
            insecure: connect.tls.insecure,
            show_secrets: connect.show_secrets,
            show_data,
            data_to_stdout,
        }
    }
}

/// What `execute` knows of a command before its plan is made: how its output starts and
/// ends, and what its exit code means.
struct Frame {
    command: &'static str,
    out: OutputPlan,
    /// See `results_command`.
    results: bool,
    exit: ExitPolicy,
    finish: Finish,
}

impl Frame {
    /// A command with mailctl's exit codes and the standard summary.
    fn summary(out: &OutputPlan, command: &'static str, results: bool) -> Frame {
        Frame {
            command,
            out: out.clone(),
            results,
            exit: ExitPolicy::Mailctl,
            finish: Finish::Summary,
        }
    }
}

/// How a command's output ends.
enum Finish {
    /// The summary (tree, table, timings) and the one-line verdict, or the JSON summary.
    Summary,
    /// `check`'s verdicts, in the format its view asks for.
    Check(View),
}

/// Frame and plan → printer and context → run on a current-thread runtime (one session needs no
/// thread pool and starts fastest; `check` runs its targets concurrently on it) → the end of
/// the output → the exit code under the command's policy.
fn execute<P, F>(
    frame: Frame,
    plan: Result<P, Failure>,
    session: impl Fn(&P) -> Session,
    run: F,
) -> i32
where
    F: AsyncFnOnce(&P, Arc<Ctx>, Arc<Printer>) -> Report,
{
    let mut printer = Printer::new(frame.out.mode, frame.out.color);
    if frame.results {
        printer.results_to_stdout();
    }
    if frame.exit.outlives_stdout() {
        printer.outlive_stdout();
    }
    let end = |printer: &Printer, report: &Report| {
        match &frame.finish {
            Finish::Summary => printer.finish(report),
            Finish::Check(view) => crate::render::check::finish(printer, view, report),
        }
        frame.exit.code(report)
    };
    let plan = match plan {
        Ok(p) => p,
        Err(f) => {
            let mut r = Report::new(frame.command);
            r.failure = Some(f);
            return end(&printer, &r);
        }
    };
    let s = session(&plan);
    if s.data_to_stdout {
        printer.transcript_to_stderr();
    }
    if s.show_secrets {
        printer.show_secrets();
    }
    if s.insecure {
        printer.loud("--insecure: the server certificate is NOT verified; anyone on the path can read and change this session");
    }
    let printer = Arc::new(printer);
    let mut ctx = Ctx::new(printer.clone() as Arc<dyn Sink>);
    ctx.show_secrets = s.show_secrets;
    ctx.show_data = s.show_data;
    ctx.mode = frame.out.mode;
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let mut r = Report::new(frame.command);
            r.failure = Some(Failure::new(
                crate::error::Phase::Setup,
                crate::error::Kind::Internal,
                format!("cannot start the async runtime: {e}"),
            ));
            return end(&printer, &r);
        }
    };
    let report = rt.block_on(run(&plan, Arc::new(ctx), printer.clone()));
    end(&printer, &report)
}
