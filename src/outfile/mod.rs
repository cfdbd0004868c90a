//! Every file mailctl creates goes through here: created exclusively under an unpredictable
//! temporary name in the destination directory, written, fsync'd, then moved into place.
//!
//! Why each step:
//! - `O_CREAT|O_EXCL` (`create_new`) on a name nobody can guess: POSIX open(2) fails with EEXIST
//!   when the last component is a symlink under O_EXCL, so nothing planted in advance is ever
//!   followed, and a name with 64 random bits cannot be planted in advance anyway. (A fixed
//!   `FILE.part` let a symlink redirect a server-controlled message onto any file the user can
//!   write, and a stale one from a killed run blocked the retry with "File exists".)
//! - mode 0600 for mail and keys ([`Mode::Private`]): nobody else may read them, even briefly.
//! - fsync, then link(2) (fails with EEXIST: never replaces a file that appeared meanwhile) or,
//!   with --force, rename(2) (atomic: readers see the old file or the new one, never half).
//! - The temporary file is removed on every error path (and when the value is dropped without
//!   being committed, e.g. a failed transfer), so an interrupted run leaves nothing that blocks
//!   the next one; a process killed outright leaves a hidden `.NAME.*.mailctl-tmp` that no later
//!   run will ever collide with.

pub(crate) mod data;

use crate::error::Failure;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Who may read the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// 0600: messages and keys.
    Private,
    /// 0666 minus the umask, like any file a shell creates (completions, man pages).
    Public,
}

/// The suffix of every temporary file (tests look for leftovers by it).
pub(crate) const TMP_SUFFIX: &str = ".mailctl-tmp";

/// A file being written; becomes visible under its final name only by [`OutFile::commit`].
#[derive(Debug)]
pub(crate) struct OutFile {
    file: Option<File>,
    tmp: PathBuf,
    dest: PathBuf,
    force: bool,
}

/// Refuse an existing `dest` without `force` (anything there, a dangling symlink included), and a
/// directory even with it. The final step checks again (link(2) is the authority); this is so the
/// user hears about it before anything is transferred.
pub(crate) fn check_dest(dest: &Path, force: bool) -> Result<(), Failure> {
    match dest.symlink_metadata() {
        Ok(m) if m.is_dir() => Err(Failure::usage(format!(
            "{} is a directory; give a file name",
            dest.display()
        ))),
        Ok(_) if !force => Err(Failure::usage(format!(
            "{} exists; use --force to overwrite it",
            dest.display()
        ))),
        _ => Ok(()),
    }
}

fn dir_of(dest: &Path) -> &Path {
    dest.parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// 64 bits from the OS generator, as hex: a name another local user cannot predict.
fn random_hex() -> Result<String, Failure> {
    use ring::rand::SecureRandom;
    let mut b = [0u8; 8];
    ring::rand::SystemRandom::new()
        .fill(&mut b)
        .map_err(|_| Failure::local_io("the system random generator failed"))?;
    Ok(b.iter().map(|x| format!("{x:02x}")).collect())
}

impl OutFile {
    /// Start writing what will become `dest`. Fails (usage, exit 2) when `dest` exists without
    /// `force` or when no file can be created in its directory: both are known before any work.
    pub(crate) fn create(dest: &Path, force: bool, mode: Mode) -> Result<Self, Failure> {
        check_dest(dest, force)?;
        let name = dest
            .file_name()
            .ok_or_else(|| Failure::usage(format!("{}: not a file name", dest.display())))?
            .to_string_lossy()
            .into_owned();
        Self::open_tmp(dir_of(dest), &name, dest, force, mode)
    }

    /// Start a file in `dir` whose final name is known only later ([`OutFile::commit_to`]);
    /// `hint` goes into the temporary name so a leftover says what it was.
    pub(crate) fn create_in(
        dir: &Path,
        hint: &str,
        force: bool,
        mode: Mode,
    ) -> Result<Self, Failure> {
        Self::open_tmp(dir, hint, &dir.join(hint), force, mode)
    }

    fn open_tmp(
        dir: &Path,
        name: &str,
        dest: &Path,
        force: bool,
        mode: Mode,
    ) -> Result<Self, Failure> {
        let mut last = None;
        // A collision of 64 random bits means something is wrong with the generator; a few
        // attempts tell that apart from bad luck.
        for _ in 0..4 {
            let tmp = dir.join(format!(".{name}.{}{TMP_SUFFIX}", random_hex()?));
            let mut opts = std::fs::OpenOptions::new();
            opts.write(true).create_new(true);
            #[cfg(unix)]
            {
                use std::os::unix::fs::OpenOptionsExt;
                opts.mode(match mode {
                    Mode::Private => 0o600,
                    Mode::Public => 0o666,
                });
            }
            match opts.open(&tmp) {
                Ok(file) => {
                    return Ok(OutFile {
                        file: Some(file),
                        tmp,
                        dest: dest.to_path_buf(),
                        force,
                    });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => last = Some(e),
                Err(e) => {
                    return Err(Failure::usage(format!(
                        "cannot create a file in {} for {}: {e}",
                        dir.display(),
                        dest.display()
                    )));
                }
            }
        }
        Err(Failure::local_io(format!(
            "cannot find a free temporary name in {}: {}",
            dir.display(),
            last.map(|e| e.to_string()).unwrap_or_default()
        )))
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        let Some(f) = self.file.as_mut() else {
            return Err(Failure::local_io("internal: write after commit"));
        };
        f.write_all(bytes)
            .map_err(|e| Failure::local_io(format!("writing {}: {e}", self.tmp.display())))
    }

    /// fsync, put the file at its final name, fsync the directory (the rename is durable only
    /// then). Without `force` an existing file at the final name is never replaced.
    pub(crate) fn commit(mut self) -> Result<PathBuf, Failure> {
        let dest = self.dest.clone();
        self.commit_inner(&dest)?;
        Ok(dest)
    }

    /// Like [`OutFile::commit`] but to `dest` instead (a name learned only after the data
    /// arrived, e.g. an IMAP UID); `dest` must be in the same directory.
    pub(crate) fn commit_to(mut self, dest: &Path) -> Result<PathBuf, Failure> {
        self.commit_inner(dest)?;
        Ok(dest.to_path_buf())
    }

    fn commit_inner(&mut self, dest: &Path) -> Result<(), Failure> {
        let file = self
            .file
            .take()
            .ok_or_else(|| Failure::local_io("internal: committed twice"))?;
        file.sync_all()
            .map_err(|e| Failure::local_io(format!("syncing {}: {e}", self.tmp.display())))?;
        drop(file);
        if self.force {
            check_dest(dest, true)?;
            std::fs::rename(&self.tmp, dest).map_err(|e| {
                Failure::local_io(format!(
                    "renaming {} to {}: {e}",
                    self.tmp.display(),
                    dest.display()
                ))
            })?;
        } else {
            place_new(&self.tmp, dest)?;
        }
        // Committed: nothing left for Drop to remove.
        self.tmp = PathBuf::new();
        if let Ok(d) = File::open(dir_of(dest)) {
            let _ = d.sync_all();
        }
        Ok(())
    }
}

impl Drop for OutFile {
    /// Not committed (an error, a cut-off transfer): the partial file goes.
    fn drop(&mut self) {
        if !self.tmp.as_os_str().is_empty() {
            self.file.take();
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Put `tmp` at `dest` only if nothing is there: the check when the output was opened is not
/// enough, since a file can appear while a message downloads (another run, another program),
/// and rename(2) would silently replace it. link(2) fails with EEXIST instead (and does not
/// follow a symlink at `dest`). On a file system without hard links, fall back to
/// check-then-rename.
fn place_new(tmp: &Path, dest: &Path) -> Result<(), Failure> {
    let exists = || {
        Failure::usage(format!(
            "{} exists; use --force to overwrite it",
            dest.display()
        ))
    };
    match std::fs::hard_link(tmp, dest) {
        Ok(()) => {
            let _ = std::fs::remove_file(tmp);
            Ok(())
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(exists()),
        Err(_) if dest.symlink_metadata().is_ok() => Err(exists()),
        Err(_) => std::fs::rename(tmp, dest).map_err(|e| {
            Failure::local_io(format!(
                "renaming {} to {}: {e}",
                tmp.display(),
                dest.display()
            ))
        }),
    }
}

/// Write a whole file the safe way in one call.
pub(crate) fn write_new(
    dest: &Path,
    bytes: &[u8],
    force: bool,
    mode: Mode,
) -> Result<PathBuf, Failure> {
    let mut f = OutFile::create(dest, force, mode)?;
    f.write(bytes)?;
    f.commit()
}

/// Create `dir` (and missing parents) for mail files: 0700, so other local users cannot even
/// list which messages (UIDs) were fetched. An existing directory is left as it is: it is the
/// user's.
pub(crate) fn create_dir(dir: &Path) -> Result<(), Failure> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
        .map_err(|e| Failure::usage(format!("cannot create {}: {e}", dir.display())))
}

/// Can files be created in `dir`? Creates and removes a probe the same way as [`OutFile`]
/// (the only reliable test: permissions, read-only mounts, ACLs all take part). Only the hidden
/// temporary name is created, never `DIR/probe` itself, so nothing the user keeps in `dir`
/// is looked at.
pub(crate) fn check_dir_writable(dir: &Path) -> Result<(), Failure> {
    let probe = OutFile::create_in(dir, "probe", true, Mode::Private)?;
    drop(probe);
    Ok(())
}

/// Can `path` be written (replaced) later? For a file written at the end of a run (a check
/// transcript): a directory at the name or a directory that takes no files is known now.
pub(crate) fn check_replaceable(path: &Path) -> Result<(), Failure> {
    check_dest(path, true)?;
    check_dir_writable(dir_of(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "mailctl-outfile-{tag}-{}-{}",
            std::process::id(),
            random_hex().unwrap()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn leftovers(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.to_string_lossy().ends_with(TMP_SUFFIX))
            .collect()
    }

    #[test]
    fn a_file_that_appears_during_the_write_is_not_replaced() {
        let dir = scratch("appears");
        let dest = dir.join("m.eml");
        let mut out = OutFile::create(&dest, false, Mode::Private).unwrap();
        out.write(b"downloaded").unwrap();
        std::fs::write(&dest, b"someone else's").unwrap();
        let err = out.commit().unwrap_err();
        assert!(err.message.contains("--force"), "{}", err.message);
        assert_eq!(std::fs::read(&dest).unwrap(), b"someone else's");
        assert!(leftovers(&dir).is_empty(), "{:?}", leftovers(&dir));
        let mut out = OutFile::create(&dest, true, Mode::Private).unwrap();
        out.write(b"downloaded").unwrap();
        out.commit().unwrap();
        assert_eq!(std::fs::read(&dest).unwrap(), b"downloaded");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn symlinks_are_never_followed_and_stale_temps_do_not_block() {
        use std::os::unix::fs::PermissionsExt;
        let dir = scratch("symlink");
        let victim = dir.join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let dest = dir.join("out.eml");
        // Plant symlinks at every name an older mailctl used, and a stale temp of a killed run.
        for n in ["out.eml.part", ".out.eml.0.mailctl-tmp"] {
            std::os::unix::fs::symlink(&victim, dir.join(n)).unwrap();
        }
        write_new(&dest, b"new", false, Mode::Private).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert_eq!(std::fs::read_to_string(&dest).unwrap(), "new");
        let mode = std::fs::metadata(&dest).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
        // A symlink at the final name: refused without --force, replaced (not followed) with it.
        let link = dir.join("link.eml");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let e = write_new(&link, b"x", false, Mode::Private).unwrap_err();
        assert_eq!(e.exit_code(), 2);
        write_new(&link, b"replaced", true, Mode::Private).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
        assert!(!link.symlink_metadata().unwrap().is_symlink());
        assert!(leftovers(&dir).len() == 1, "{:?}", leftovers(&dir)); // only the planted one
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_dropped_file_leaves_nothing() {
        let dir = scratch("drop");
        let dest = dir.join("m.eml");
        let mut out = OutFile::create(&dest, false, Mode::Private).unwrap();
        out.write(b"half").unwrap();
        drop(out);
        assert!(!dest.exists());
        assert!(leftovers(&dir).is_empty());
        check_dir_writable(&dir).unwrap();
        assert!(leftovers(&dir).is_empty());
        let e = check_dir_writable(&dir.join("missing")).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{}", e.message);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// The writability probe is a hidden temporary file like any other: whatever the user keeps
    /// in the directory (a directory or file named `probe`, or a symlink) does not matter. It
    /// used to be checked as a destination `DIR/probe`, so `dkim keygen -o DIR/k.pem` failed
    /// with "DIR/probe is a directory" in a directory holding one.
    #[test]
    fn the_writability_probe_ignores_what_the_directory_holds() {
        let dir = scratch("probe");
        std::fs::create_dir(dir.join("probe")).unwrap();
        check_dir_writable(&dir).unwrap();
        check_replaceable(&dir.join("t.txt")).unwrap();
        assert!(dir.join("probe").is_dir());
        assert!(leftovers(&dir).is_empty());
        let _ = std::fs::remove_dir_all(&dir);
    }
}
