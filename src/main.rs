//! Entry point: parse, plan, run, render, exit with the documented code.

use clap::Parser;
use mailctl::cli::{Cli, Command, SmtpCommand};
use mailctl::event::{Ctx, Sink};
use mailctl::render::Printer;
use mailctl::report::Report;
use mailctl::{cmd, plan};
use std::sync::Arc;

fn main() {
    let cli = Cli::parse();
    if let Some(dir) = &cli.generate {
        if let Err(e) = mailctl::generate::generate(dir) {
            eprintln!("mailctl: --generate {}: {e}", dir.display());
            std::process::exit(9);
        }
        return;
    }
    let out = plan::output(&cli.output);
    let printer = Arc::new(Printer::new(&out));
    let code = match cli.command {
        Some(Command::Smtp(s)) => match s.command {
            SmtpCommand::Send(args) => smtp_send(&args, printer.clone()),
        },
        None => 2,
    };
    std::process::exit(code);
}

fn runtime() -> tokio::runtime::Runtime {
    // One network session needs no thread pool; a current-thread runtime starts fastest.
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

fn smtp_send(args: &mailctl::cli::SendArgs, printer: Arc<Printer>) -> i32 {
    let plan = match plan::smtp_send(args) {
        Ok(p) => p,
        Err(f) => {
            let mut r = Report::new("smtp send");
            r.failure = Some(f);
            printer.finish(&r);
            return r.exit_code();
        }
    };
    if plan.connect.tls.insecure {
        printer.loud("--insecure: the server certificate is NOT verified; anyone on the path can read and change this session");
    }
    let mut ctx = Ctx::new(printer.clone() as Arc<dyn Sink>);
    ctx.show_secrets = plan.connect.show_secrets;
    ctx.show_data = plan.show_data;
    let report = runtime().block_on(cmd::smtp_send::run(&plan, Arc::new(ctx)));
    printer.finish(&report);
    report.exit_code()
}
