//! Entry point: parse, plan, run, render, exit with the documented code.

// The one place that may print directly (Cargo.toml [lints]): a panic, `--generate` and a usage
// error happen before or outside the printer.
#![allow(clippy::print_stdout, clippy::print_stderr)]

use clap::Parser;
use mailctl::cli::{Cli, Command, SmtpCommand};
use mailctl::error::Failure;
use mailctl::event::{Ctx, Sink};
use mailctl::plan::{self, ConnectPlan, OutputPlan};
use mailctl::render::Printer;
use mailctl::report::Report;
use std::sync::Arc;

fn main() {
    // A panic message must not carry a secret either (see secret::redact).
    std::panic::set_hook(Box::new(|info| {
        eprintln!("mailctl {}", mailctl::secret::redact(&info.to_string()));
    }));
    // `mailctl --generate DIR` writes shell completions and man pages into DIR (to refresh
    // completions/ and man/ in the source tree). It is no clap argument, so that no completion
    // script or man page offers this maintainer's switch to users.
    let argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if argv.len() == 3 && argv[1] == "--generate" {
        let dir = std::path::Path::new(&argv[2]);
        if let Err(e) = mailctl::generate::generate(dir) {
            eprintln!("mailctl: --generate {}: {e:#}", dir.display());
            std::process::exit(9);
        }
        return;
    }
    // Options from swaks and curl that clap would misread get a sentence instead (cli::compat).
    let argv = match mailctl::cli::compat::translate(argv) {
        Ok(argv) => argv,
        Err(msg) => usage_exit(&msg),
    };
    let mut cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => {
            // `check` speaks the Nagios plugin codes: a command-line error is UNKNOWN (3).
            let code = if e.use_stderr() && mailctl::cmd::check::in_argv() {
                3
            } else {
                e.exit_code()
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    if let Some(Command::Smtp(s)) = &mut cli.command {
        let SmtpCommand::Send(args) = &mut s.command;
        if let Err(msg) = args.apply_protocol() {
            usage_exit(&msg);
        }
    }
    let out = plan::output(&cli.output);
    let results = results_command(&cli.command);
    let code = match cli.command {
        Some(Command::Smtp(s)) => match s.command {
            SmtpCommand::Send(args) if args.load.count.is_some() => execute(
                &out,
                "smtp send",
                results,
                plan::smtp_load(&args, &out),
                |p| Session::of(&p.send.connect, p.send.show_data, false),
                async |p, ctx| mailctl::cmd::smtp_load::run(p, ctx).await,
            ),
            SmtpCommand::Send(args) => execute(
                &out,
                "smtp send",
                results,
                plan::smtp_send(&args),
                |p| Session::of(&p.connect, p.show_data, false),
                async |p, ctx| mailctl::cmd::smtp_send::run(p, ctx).await,
            ),
        },
        Some(Command::Pop3(p)) => execute(
            &out,
            "pop3",
            results,
            plan::pop3(&p.command),
            |p| Session::of(&p.connect, p.show_data, p.data_to_stdout()),
            async |p, ctx| mailctl::cmd::pop3::run(p, ctx).await,
        ),
        Some(Command::Imap(i)) => execute(
            &out,
            "imap",
            results,
            plan::imap(&i.command),
            |p| Session::of(&p.connect, p.show_data, p.data_to_stdout()),
            async |p, ctx| mailctl::cmd::imap::run(p, ctx).await,
        ),
        Some(Command::Dns(d)) => execute(
            &out,
            "dns",
            results,
            plan::dns(&d.command),
            |_| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: false,
            },
            async |p, ctx| mailctl::cmd::dns::run(p, ctx).await,
        ),
        Some(Command::Dkim(d)) => execute(
            &out,
            "dkim",
            results,
            plan::dkim(&d.command),
            |p| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: p.data_to_stdout(),
            },
            async |p, ctx| mailctl::cmd::dkim::run(p, ctx).await,
        ),
        Some(Command::Dmarc(d)) => execute(
            &out,
            "dmarc evaluate",
            results,
            plan::dmarc(&d.command),
            |_| Session {
                insecure: false,
                show_secrets: false,
                show_data: false,
                data_to_stdout: false,
            },
            async |p, ctx| mailctl::cmd::dmarc::run(p, ctx).await,
        ),
        Some(Command::Check(c)) => mailctl::cmd::check::execute(&cli.output, &c.command),
        None => 2,
    };
    std::process::exit(code);
}

/// A command-line error found outside clap: the same shape and exit code as clap's (2; 3, the
/// Nagios UNKNOWN, under `check`).
fn usage_exit(msg: &str) -> ! {
    eprintln!("error: {msg}\n\nFor more information, try '--help'.");
    std::process::exit(if mailctl::cmd::check::in_argv() { 3 } else { 2 });
}

/// Whether the command exists to produce results (a table, tree or findings): they alone go to
/// stdout, the transcript and the verdict to stderr (see `Printer::results_to_stdout`) — a
/// usage error's verdict included. The dialogue commands (smtp send, pop3 dele/noop, imap raw)
/// keep everything on stdout.
fn results_command(command: &Option<Command>) -> bool {
    use mailctl::cli::{ImapCommand, Pop3Command};
    match command {
        Some(Command::Smtp(s)) => {
            let SmtpCommand::Send(args) = &s.command;
            args.load.count.is_some()
        }
        Some(Command::Pop3(p)) => !matches!(
            p.command,
            Pop3Command::Dele { .. } | Pop3Command::Noop { .. }
        ),
        Some(Command::Imap(i)) => !matches!(i.command, ImapCommand::Raw { .. }),
        Some(Command::Dns(_) | Command::Dkim(_) | Command::Dmarc(_)) => true,
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

/// Plan → printer and context → run on a current-thread runtime (one session needs no thread
/// pool, and it starts fastest) → summary → exit code.
fn execute<P, F>(
    out: &OutputPlan,
    command: &str,
    results: bool,
    plan: Result<P, Failure>,
    session: impl Fn(&P) -> Session,
    run: F,
) -> i32
where
    F: AsyncFnOnce(&P, Arc<Ctx>) -> Report,
{
    let mut printer = Printer::new(out.mode, out.color);
    if results {
        printer.results_to_stdout();
    }
    let plan = match plan {
        Ok(p) => p,
        Err(f) => {
            let mut r = Report::new(command);
            r.failure = Some(f);
            printer.finish(&r);
            return r.exit_code();
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
    ctx.mode = out.mode;
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let report = rt.block_on(run(&plan, Arc::new(ctx)));
    printer.finish(&report);
    report.exit_code()
}
