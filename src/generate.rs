//! `--generate DIR`: write shell completions and man pages from the CLI definition, so the
//! committed completions/ and man/ can never drift (a test regenerates and compares).

use crate::cli::Cli;
use anyhow::Context;
use clap::CommandFactory;
use clap_complete::Shell;
use std::path::Path;

/// Errors carry what was being written and their whole cause chain (anyhow), printed by main.
pub(crate) fn generate(dir: &Path) -> anyhow::Result<()> {
    let comp = dir.join("completions");
    let man = dir.join("man");
    std::fs::create_dir_all(&comp).with_context(|| format!("creating {}", comp.display()))?;
    std::fs::create_dir_all(&man).with_context(|| format!("creating {}", man.display()))?;
    for shell in [
        Shell::Bash,
        Shell::Zsh,
        Shell::Fish,
        Shell::PowerShell,
        Shell::Elvish,
    ] {
        use clap_complete::Generator;
        let mut cmd = visible_only(&Cli::command());
        let mut text = Vec::new();
        clap_complete::generate(shell, &mut cmd, "mailctl", &mut text);
        write(&comp.join(shell.file_name("mailctl")), &text)?;
    }
    let cmd = Cli::command();
    write_man(&cmd, &man, "mailctl")?;
    Ok(())
}

/// The command as a user may type it: clap_complete offers hidden arguments too (the swaks and
/// curl spellings such as `--protocol` are hidden aliases for people who type them from habit,
/// not options to suggest), so the scripts are generated from a copy without them.
fn visible_only(cmd: &clap::Command) -> clap::Command {
    let mut c = clap::Command::new(cmd.get_name().to_string());
    if let Some(about) = cmd.get_about() {
        c = c.about(about.clone());
    }
    if let Some(long) = cmd.get_long_about() {
        c = c.long_about(long.clone());
    }
    if let Some(v) = cmd.get_version() {
        c = c.version(v.to_string());
    }
    for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        c = c.arg(a.clone());
    }
    for s in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        c = c.subcommand(visible_only(s));
    }
    c
}

/// Replace `path` the way every file mailctl writes is written ([`crate::outfile`]): never
/// through a symlink, never half-written.
fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    crate::outfile::write_new(path, bytes, true, crate::outfile::Mode::Public)
        .map(|_| ())
        .map_err(|f| anyhow::anyhow!(f.message))
}

/// One page per command and subcommand (`mailctl-smtp-send.1`), like git.
fn write_man(cmd: &clap::Command, dir: &Path, name: &str) -> anyhow::Result<()> {
    // No `help` subcommand in the pages: it has no page of its own (`--help` is documented on
    // every page), so listing it would point at a nonexistent mailctl-help(1).
    let cmd = cmd
        .clone()
        .name(name.to_string())
        .bin_name(name.replace('-', " "))
        .disable_help_subcommand(true);
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(cmd.clone()).date("");
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(&mut page)?;
    }
    if name == "mailctl" {
        page.extend_from_slice(exit_status_section().as_bytes());
    }
    if cmd.get_version().is_some() {
        man.render_version_section(&mut page)?;
    }
    write(&dir.join(format!("{name}.1")), &page)?;
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        write_man(sub, dir, &format!("{name}-{}", sub.get_name()))?;
    }
    Ok(())
}

fn exit_status_section() -> String {
    let mut s = String::from(".SH \"EXIT STATUS\"\n");
    for row in crate::error::EXIT_CODES {
        s.push_str(&format!(
            ".TP\n\\fB{}\\fR {}\n{}\n",
            row.code, row.name, row.meaning
        ));
    }
    s.push_str(".PP\n\\fBmailctl check\\fR exits with the Nagios plugin codes instead, in every output format:\n");
    for row in crate::error::CHECK_EXIT_CODES {
        s.push_str(&format!(
            ".TP\n\\fB{}\\fR {}\n{}\n",
            row.code, row.name, row.meaning
        ));
    }
    s
}
