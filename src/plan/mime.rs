//! `mime show`: the input, and where `--extract` writes (checked before the message is read).

use crate::error::Failure;
use std::path::PathBuf;

pub(crate) struct MimeShowPlan {
    /// `-` for stdin.
    pub input: String,
    pub extract: Option<Extract>,
}

pub(crate) struct Extract {
    /// The IMAP section (`1.2`, `TEXT`).
    pub section: String,
    pub to: ExtractTo,
    pub force: bool,
}

pub(crate) enum ExtractTo {
    Stdout,
    File(PathBuf),
    /// An existing directory: the name comes from the part.
    Dir(PathBuf),
}

impl MimeShowPlan {
    /// `-o -` puts the part on stdout, so the tree and transcript go to stderr.
    pub(crate) fn data_to_stdout(&self) -> bool {
        matches!(
            self.extract,
            Some(Extract {
                to: ExtractTo::Stdout,
                ..
            })
        )
    }
}

pub(crate) fn mime(cmd: &crate::cli::MimeCommand) -> Result<MimeShowPlan, Failure> {
    use crate::cli::MimeCommand as C;
    let C::Show {
        input,
        extract,
        output,
        force,
    } = cmd;
    let extract = match (extract, output) {
        (Some(section), Some(out)) => {
            let section = section.trim().to_string();
            let ok = section.eq_ignore_ascii_case("text")
                || section.split('.').enumerate().all(|(i, s)| {
                    (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                        || (i > 0 && s.eq_ignore_ascii_case("text"))
                });
            if !ok {
                return Err(Failure::usage(format!(
                    "--extract {section:?}: expected an IMAP section number such as 1, 1.2 or 3.TEXT"
                )));
            }
            let to = if out == "-" {
                ExtractTo::Stdout
            } else {
                let p = PathBuf::from(out);
                // symlink_metadata: a symlink to a directory is not a directory to write into.
                if std::fs::symlink_metadata(&p).is_ok_and(|m| m.is_dir()) {
                    crate::outfile::check_dir_writable(&p)?;
                    ExtractTo::Dir(p)
                } else {
                    crate::outfile::check_dest(&p, *force)?;
                    ExtractTo::File(p)
                }
            };
            Some(Extract {
                section,
                to,
                force: *force,
            })
        }
        _ => None,
    };
    Ok(MimeShowPlan {
        input: input.clone().unwrap_or_else(|| "-".into()),
        extract,
    })
}
