//! `smtp|pop3|imap shell`: connect as every command does, read the greeting, then run the
//! lines of a script, or of a person at a terminal through a line editor (rustyline) on its own
//! thread while this task keeps listening to the server, so data that arrives between commands
//! (IMAP IDLE updates, an SMTP 421) is shown at once, above the line being typed.

use crate::error::{Failure, Kind, Phase};
use crate::event::{Above, Ctx, EventKind, Screen};
use crate::plan::shell::Input;
use crate::plan::{ShellPlan, Target};
use crate::proto::shell::script::{self, Line, Step};
use crate::proto::shell::{Flow, Setup, Shell};
use crate::report::Report;
use crate::report::shell::ShellResult;
use crate::run::{Interrupts, interruptible};
use crate::transport::connect;
use crate::transport::tls::TlsClient;
use std::sync::Arc;

pub(crate) async fn run(plan: &ShellPlan, ctx: Arc<Ctx>, screen: Arc<dyn Screen>) -> Report {
    let report = Report::new(plan.command());
    let mut sig = Interrupts::install();
    let started = interruptible(
        &mut sig,
        Phase::Connect,
        connect::start(&plan.connect, &ctx),
    )
    .await;
    let (tls, conn) = match started {
        Ok(x) => x,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    // STARTTLS may be typed at any time: the TLS client is ready whatever the flags said.
    let tls = match tls.map_or_else(|| TlsClient::new(&plan.connect.tls), Ok) {
        Ok(t) => t,
        Err(f) => return report.finish(Some(f), &ctx),
    };
    let mut report = report;
    report.server = Some(conn.addr.clone());
    let (terminal, stdin_free) = match &plan.input {
        Input::Terminal => (true, false),
        Input::Script { stdin_free, .. } => (false, *stdin_free),
    };
    let setup = Setup {
        proto: plan.proto,
        host: conn.host.clone(),
        tls,
        login: plan.login.clone(),
        mechs: plan.mechs.clone(),
        max_reply: plan.max_reply,
        stdin_free,
        show_data: plan.show_data,
        peer: match &plan.connect.target {
            Target::Server(ep) => Some((ep.host.clone(), ep.port)),
            Target::Mx { .. } => None,
        },
    };
    let mut sh = Shell::new(conn.into_wire(ctx.clone()), setup);
    let opened = interruptible(
        &mut sig,
        Phase::Banner,
        sh.open(plan.connect.starttls, &plan.helo),
    )
    .await;
    let res = match (opened, &plan.input) {
        (Err(f), _) => Err(f),
        (Ok(()), Input::Terminal) => at_terminal(&mut sh, &mut sig, screen).await,
        (Ok(()), Input::Script { lines, .. }) => scripted(&mut sh, lines, &mut sig).await,
    };
    let res = res.map_err(|mut f| {
        if f.kind == Kind::Interrupted {
            f.phase = sh.wire().phase();
        }
        f
    });
    if let Err(f) = &res {
        if crate::proto::in_step(f) && !sh.ended() {
            sh.sign_off().await;
        } else {
            // Steps close their own timing; what is left is the time since, nobody's.
            sh.wire().skip_time();
            sh.wire().end_phase();
        }
    }
    let body = ShellResult {
        protocol: plan.proto.name(),
        input: if terminal { "terminal" } else { "script" },
        sent: sh.sent,
        expectations_met: sh.met,
        tls: sh.is_tls(),
    };
    report.with_body(body).finish(res.err(), &ctx)
}

/// A script's lines in order; the first unmet expectation or failure ends it. A script that
/// does not end the session itself gets a polite QUIT/LOGOUT.
async fn scripted(sh: &mut Shell, lines: &[Line], sig: &mut Interrupts) -> Result<(), Failure> {
    for l in lines {
        if let Step::Expect(e) = &l.step {
            // After QUIT/LOGOUT too: its answer may be checked.
            sh.expect(e, &format!("line {}", l.no))?;
            continue;
        }
        if sh.ended() {
            return Err(Failure::usage(format!(
                "line {}: the session already ended (QUIT/LOGOUT): nothing more can be sent",
                l.no
            )));
        }
        interruptible(sig, Phase::Command, sh.step(&l.step)).await?;
    }
    sh.sign_off().await;
    Ok(())
}

/// What the line editor thread reports.
enum Typed {
    Line(String),
    /// Ctrl-D on an empty line.
    Eof,
    /// Ctrl-C.
    Interrupted,
    /// The terminal could not be read.
    Failed(String),
}

/// The line editor, on its own thread (rustyline blocks): it shows a prompt when told to, and
/// hands back what was typed. History is rustyline's in-memory one: nothing goes to disk, since
/// typed lines may carry credentials (`PASS …`, a LOGIN, an AUTH response).
fn editor(
    prompts: std::sync::mpsc::Receiver<String>,
    typed: tokio::sync::mpsc::UnboundedSender<Typed>,
    above: std::sync::mpsc::Sender<Option<Above>>,
) {
    use rustyline::error::ReadlineError;
    use rustyline::{Config, DefaultEditor, ExternalPrinter};
    let config = Config::builder()
        .auto_add_history(true)
        .max_history_size(1000)
        .map(|b| b.build());
    let mut rl = match config.and_then(DefaultEditor::with_config) {
        Ok(rl) => rl,
        Err(e) => {
            let _ = above.send(None);
            let _ = typed.send(Typed::Failed(e.to_string()));
            return;
        }
    };
    let printer = rl.create_external_printer().ok().map(|mut p| {
        Box::new(move |text: &str| {
            let _ = p.print(text.to_string());
        }) as Above
    });
    let _ = above.send(printer);
    while let Ok(prompt) = prompts.recv() {
        let got = match rl.readline(&prompt) {
            Ok(l) => Typed::Line(l),
            Err(ReadlineError::Eof) => Typed::Eof,
            Err(ReadlineError::Interrupted) => Typed::Interrupted,
            Err(e) => Typed::Failed(e.to_string()),
        };
        if typed.send(got).is_err() {
            break;
        }
    }
}

/// The interactive session: the editor thread types, this task talks to the server.
async fn at_terminal(
    sh: &mut Shell,
    sig: &mut Interrupts,
    screen: Arc<dyn Screen>,
) -> Result<(), Failure> {
    // rustyline puts the terminal in raw mode while it reads a line. If the server ends the
    // session while a prompt is up, the editor cannot be told to stop: the terminal's settings
    // from before are put back here instead.
    let saved = nix::sys::termios::tcgetattr(std::io::stdin()).ok();
    let (typed_tx, mut typed_rx) = tokio::sync::mpsc::unbounded_channel();
    let (prompt_tx, prompt_rx) = std::sync::mpsc::channel();
    let (above_tx, above_rx) = std::sync::mpsc::channel();
    let thread = std::thread::Builder::new()
        .name("line editor".into())
        .spawn(move || editor(prompt_rx, typed_tx, above_tx))
        .map_err(|e| Failure::local_io(format!("cannot start the line editor: {e}")))?;
    if let Ok(Some(above)) = above_rx.recv() {
        screen.divert(Some(above));
    }
    let res = converse(sh, sig, &mut typed_rx, &prompt_tx).await;
    drop(prompt_tx);
    // The editor ends by itself unless a prompt is up; give it a moment to print what it was
    // handed, then take the terminal back.
    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    screen.divert(None);
    if !thread.is_finished() {
        if let Some(t) = saved {
            let _ = nix::sys::termios::tcsetattr(
                std::io::stdin(),
                nix::sys::termios::SetArg::TCSANOW,
                &t,
            );
        }
        screen.end_line();
    }
    res
}

/// Whether a failure during an interactive step leaves the session usable: a helper used
/// wrongly, a local file, a reply that did not complete in time or made no sense (it is on the
/// screen; what follows is shown as it comes). A lost connection, a failed handshake,
/// --max-time, and anything that leaves the stream out of step (a line too long to read, a
/// reply cut off by --max-reply with the rest still coming) end it.
fn recoverable(f: &Failure) -> bool {
    !f.desynced
        && matches!(
            f.kind,
            Kind::Usage
                | Kind::Rejected
                | Kind::Capability
                | Kind::LocalIo
                | Kind::Timeout
                | Kind::Protocol
        )
}

async fn converse(
    sh: &mut Shell,
    sig: &mut Interrupts,
    typed: &mut tokio::sync::mpsc::UnboundedReceiver<Typed>,
    prompts: &std::sync::mpsc::Sender<String>,
) -> Result<(), Failure> {
    enum Next {
        Typed(Option<Typed>),
        Server(Result<bool, Failure>),
    }
    let ctx = sh.wire().ctx().clone();
    let _ = prompts.send(sh.prompt());
    let mut interrupted = false;
    loop {
        // Both are cancel-safe: a line typed is queued, bytes read stay in the wire's buffer.
        let next = tokio::select! {
            t = typed.recv() => Next::Typed(t),
            r = sh.readable() => Next::Server(r),
        };
        // The editor asks for a line only after one was typed: server data arriving while a
        // prompt is up is printed above it (the divert), and the prompt stays.
        let reprompt = matches!(next, Next::Typed(_));
        match next {
            Next::Typed(None | Some(Typed::Eof)) => {
                sh.sign_off().await;
                return Ok(());
            }
            Next::Typed(Some(Typed::Failed(e))) => {
                return Err(Failure::local_io(format!("reading the terminal: {e}")));
            }
            Next::Typed(Some(Typed::Interrupted)) => {
                if interrupted {
                    sh.sign_off().await;
                    return Ok(());
                }
                interrupted = true;
                ctx.info("Ctrl-C: line cleared; Ctrl-C again, Ctrl-D or :quit to leave");
            }
            Next::Typed(Some(Typed::Line(line))) => {
                interrupted = false;
                if line.trim().is_empty() && !sh.takes_empty_line() {
                    let _ = prompts.send(sh.prompt());
                    continue;
                }
                let step = match script::interactive(&line) {
                    Ok(s) => s,
                    Err(e) => {
                        ctx.warn(e);
                        let _ = prompts.send(sh.prompt());
                        continue;
                    }
                };
                match interruptible(sig, Phase::Command, sh.step(&step)).await {
                    Ok(Flow::Ended) => return Ok(()),
                    Ok(Flow::Go) => {}
                    Err(f) if recoverable(&f) => {
                        let reply = f.reply.map(|r| format!(" ({r})")).unwrap_or_default();
                        ctx.warn(format!("{}{reply}", f.message));
                    }
                    Err(f) => return Err(f),
                }
            }
            Next::Server(Ok(true)) => {
                let before = sh.wire().consumed();
                match sh.unsolicited().await {
                    Ok(()) => {}
                    // A failure that took nothing from the stream would strike again at once,
                    // and again: the same bytes wake the next wait. Whatever its kind, the
                    // session cannot go on.
                    Err(f) if recoverable(&f) && sh.wire().consumed() > before => {
                        ctx.warn(f.message)
                    }
                    Err(f) => return Err(f.out_of_step()),
                }
            }
            Next::Server(Ok(false)) => {
                ctx.emit(EventKind::Closed {
                    by: "server".into(),
                });
                // Between commands: no command's phase failed.
                return Err(Failure::new(
                    Phase::Command,
                    Kind::Closed,
                    "the server closed the connection: the session is over",
                ));
            }
            Next::Server(Err(f)) => return Err(f),
        }
        if sh.ended() {
            return Ok(());
        }
        if reprompt {
            let _ = prompts.send(sh.prompt());
        }
    }
}
