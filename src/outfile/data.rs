//! Where retrieved data goes: stdout, or a file created safely by [`crate::outfile`] (a random
//! temporary name, then moved into place), so a failure never leaves a truncated file under the
//! final name. When the server copy is about to be deleted, the data is fsync'd first — a file,
//! or stdout redirected to a regular file — so nothing is deleted before it is on disk.

use super::{Mode, OutFile};
use crate::error::{Failure, Kind, Phase};
use std::io::Write;
use std::path::{Path, PathBuf};

pub(crate) enum DataOut {
    Stdout { out: std::io::Stdout, written: u64 },
    File(OutFile),
}

/// Is stdout something `fsync` makes durable, i.e. a regular file? A pipe or a terminal is not:
/// what was written to it may still be lost after mailctl exits, so `--delete` refuses those.
pub(crate) fn stdout_is_regular_file() -> bool {
    stdout_file().is_some_and(|f| f.metadata().is_ok_and(|m| m.file_type().is_file()))
}

/// A second handle on fd 1 (for fstat and fsync; closing it leaves stdout open).
fn stdout_file() -> Option<std::fs::File> {
    #[cfg(unix)]
    {
        use std::os::fd::AsFd;
        std::io::stdout()
            .as_fd()
            .try_clone_to_owned()
            .ok()
            .map(std::fs::File::from)
    }
    #[cfg(not(unix))]
    {
        None
    }
}

impl DataOut {
    pub(crate) fn stdout() -> Self {
        DataOut::Stdout {
            out: std::io::stdout(),
            written: 0,
        }
    }

    /// Start a private (0600) file that becomes `dest` on commit; refuses an existing `dest`
    /// unless `force`. Call it before connecting: its errors are the user's to fix first.
    pub(crate) fn file(dest: &Path, force: bool) -> Result<Self, Failure> {
        OutFile::create(dest, force, Mode::Private).map(DataOut::File)
    }

    /// A private file in `dir` whose name is given at [`DataOut::commit_to`].
    pub(crate) fn file_in(dir: &Path, hint: &str, force: bool) -> Result<Self, Failure> {
        OutFile::create_in(dir, hint, force, Mode::Private).map(DataOut::File)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        match self {
            DataOut::Stdout { out, written } => {
                out.lock()
                    .write_all(bytes)
                    .map_err(|e| stdout_error(e, *written))?;
                *written += bytes.len() as u64;
                Ok(())
            }
            DataOut::File(f) => f.write(bytes),
        }
    }

    /// Finish: flush stdout (and fsync it when `sync`: the caller will delete the server copy),
    /// or sync the file and move it into place (the sync costs ~0.2 s per 100 MB, measured in
    /// bench/).
    pub(crate) fn commit(self, sync: bool) -> Result<Option<PathBuf>, Failure> {
        match self {
            DataOut::Stdout { out, written } => {
                out.lock().flush().map_err(|e| stdout_error(e, written))?;
                if sync {
                    let f = stdout_file()
                        .ok_or_else(|| Failure::local_io("cannot sync stdout on this system"))?;
                    f.sync_all()
                        .map_err(|e| Failure::local_io(format!("syncing stdout: {e}")))?;
                }
                Ok(None)
            }
            DataOut::File(f) => f.commit().map(Some),
        }
    }

    /// Like [`DataOut::commit`], but put the file at `dest` instead (a name learned only after
    /// the data arrived, e.g. an IMAP UID). Refuses to replace an existing file unless the
    /// output was opened with `force`.
    pub(crate) fn commit_to(self, dest: &Path) -> Result<PathBuf, Failure> {
        match self {
            DataOut::Stdout { .. } => Err(Failure::local_io("internal: commit_to on stdout")),
            DataOut::File(f) => f.commit_to(dest),
        }
    }

    /// Give up: remove the partial file (dropping does the same; this says it at the call site).
    pub(crate) fn abort(self) {
        drop(self);
    }
}

/// A closed pipe while data is still coming is a failure of its own (exit 141): the reader got
/// less than the message, and must not be told otherwise.
fn stdout_error(e: std::io::Error, written: u64) -> Failure {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        Failure::new(
            Phase::Command,
            Kind::BrokenPipe,
            format!("stdout was closed after {written} bytes, before the data was complete"),
        )
    } else {
        Failure::local_io(format!("writing to stdout: {e}"))
    }
}
