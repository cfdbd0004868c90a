//! Where `smtp sink` puts what it receives: a Maildir (`new/` through `tmp/`), a directory of
//! `.eml` files each with a `.json` envelope beside it, or nowhere (counted and discarded, as
//! Postfix's smtp-sink does). Every file is created exclusively under an unpredictable name and
//! moved into place (`outfile`), and a message is streamed to its file as it arrives: memory
//! does not grow with the message.

use crate::error::Failure;
use crate::outfile::{self, Mode, OutFile};
use crate::transport::tls_server::Accepted;
use serde::Serialize;
use std::path::{Path, PathBuf};

/// What the client said about one message, and about itself: the `.json` envelope of `--dir`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Envelope {
    /// The sink's id of this message (also in its Received: header and its 250 reply).
    pub id: String,
    /// MAIL FROM's address (empty for the null sender `<>`).
    pub mail_from: String,
    /// The recipients the message was taken for, in RCPT order.
    pub rcpt_to: Vec<String>,
    /// The EHLO/HELO/LHLO argument (the last one, after STARTTLS the one inside TLS).
    pub helo: Option<String>,
    /// `SMTP`, `ESMTP`, `ESMTPS`, `ESMTPA`, `ESMTPSA`, `LMTP`, … (RFC 3848).
    pub protocol: String,
    /// The client's address and port.
    pub client: String,
    /// Our address and port the client connected to.
    pub server: String,
    /// What the client negotiated, when the session was TLS.
    pub tls: Option<Accepted>,
    /// The user the client authenticated as.
    pub auth_user: Option<String>,
    pub params: Params,
    /// `data` or `bdat` (RFC 3030).
    pub transfer: String,
    /// The message as stored, in bytes (Received: header included).
    pub size: u64,
    /// When the end of the message arrived (RFC 3339, UTC).
    pub received: String,
}

/// The ESMTP parameters of the transaction (RFC 1870 SIZE, RFC 6152 BODY, RFC 6531 SMTPUTF8,
/// RFC 3461 RET, ENVID, NOTIFY, ORCPT).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct Params {
    pub size: Option<u64>,
    pub body: Option<String>,
    pub smtputf8: bool,
    /// MAIL FROM … REQUIRETLS (RFC 8689), taken only inside TLS.
    pub requiretls: bool,
    pub ret: Option<String>,
    /// ENVID, xtext-decoded.
    pub envid: Option<String>,
    /// One entry per recipient of `rcpt_to`, in the same order.
    pub rcpt: Vec<RcptParams>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub(crate) struct RcptParams {
    pub addr: String,
    pub notify: Option<String>,
    /// ORCPT, xtext-decoded (`rfc822;bob@example.org`).
    pub orcpt: Option<String>,
}

/// Where messages go (one per sink, shared by every connection).
pub(crate) trait Store: Send + Sync {
    /// Start storing the message `id`.
    fn begin(&self, id: &str) -> Result<Box<dyn Spool>, Failure>;
}

/// One message on its way to storage.
pub(crate) trait Spool: Send {
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure>;
    /// Put the message in place (fsync'd, renamed); its path when it was kept. A spool dropped
    /// without commit removes what it wrote.
    fn commit(self: Box<Self>, env: &Envelope) -> Result<Option<PathBuf>, Failure>;
    /// Whether [`Spool::commit`] blocks (fsync, rename): then it runs off the async thread.
    fn blocking(&self) -> bool {
        true
    }
}

/// How a sink stores: the plan's choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StorePlan {
    /// Count and discard.
    Discard,
    Maildir(PathBuf),
    Dir(PathBuf),
}

impl StorePlan {
    /// Build the store: create the directories (0700) and check that files can be made there,
    /// before the first client connects.
    pub(crate) fn open(&self, hostname: &str) -> Result<Box<dyn Store>, Failure> {
        let host = unique_host(hostname);
        match self {
            StorePlan::Discard => Ok(Box::new(Discard)),
            StorePlan::Maildir(root) => {
                for sub in ["tmp", "new", "cur"] {
                    outfile::create_dir(&root.join(sub))?;
                }
                outfile::check_dir_writable(&root.join("tmp"))?;
                Ok(Box::new(Maildir {
                    root: root.clone(),
                    host,
                }))
            }
            StorePlan::Dir(dir) => {
                outfile::create_dir(dir)?;
                outfile::check_dir_writable(dir)?;
                Ok(Box::new(Dir {
                    dir: dir.clone(),
                    host,
                }))
            }
        }
    }

    /// For the startup line: where messages go.
    pub(crate) fn describe(&self) -> String {
        match self {
            StorePlan::Discard => {
                "no --maildir or --dir: messages are counted and discarded".to_string()
            }
            StorePlan::Maildir(d) => format!("messages go to the Maildir {}", d.display()),
            StorePlan::Dir(d) => format!(
                "messages go to {} (NAME.eml, then its envelope NAME.json)",
                d.display()
            ),
        }
    }
}

/// The host part of a Maildir unique name: `/` and `:` are not allowed in it (Maildir's own
/// escapes `\057` and `\072`), and nothing that is not a plain name character.
fn unique_host(h: &str) -> String {
    let mut out = String::new();
    for c in h.chars() {
        match c {
            '/' => out.push_str("\\057"),
            ':' => out.push_str("\\072"),
            c if c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_' => out.push(c),
            _ => out.push('_'),
        }
    }
    if out.is_empty() {
        out.push_str("localhost");
    }
    out
}

/// A Maildir unique name (`TIME.M<usec>P<pid>Q<id>.HOST`, the form Dovecot and Courier use):
/// unique per process by the id, per host by the pid and time.
fn unique_name(id: &str, host: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    format!(
        "{}.M{}P{}Q{id}.{host}",
        now.as_secs(),
        now.subsec_micros(),
        std::process::id()
    )
}

struct Discard;

impl Store for Discard {
    fn begin(&self, _: &str) -> Result<Box<dyn Spool>, Failure> {
        Ok(Box::new(Discarded))
    }
}

struct Discarded;

impl Spool for Discarded {
    fn write(&mut self, _: &[u8]) -> Result<(), Failure> {
        Ok(())
    }
    fn commit(self: Box<Self>, _: &Envelope) -> Result<Option<PathBuf>, Failure> {
        Ok(None)
    }
    fn blocking(&self) -> bool {
        false
    }
}

struct Maildir {
    root: PathBuf,
    host: String,
}

impl Store for Maildir {
    fn begin(&self, id: &str) -> Result<Box<dyn Spool>, Failure> {
        let name = unique_name(id, &self.host);
        let file = OutFile::create_in(&self.root.join("tmp"), &name, false, Mode::Private)?;
        Ok(Box::new(MaildirSpool {
            file,
            dest: self.root.join("new").join(name),
        }))
    }
}

struct MaildirSpool {
    file: OutFile,
    dest: PathBuf,
}

impl Spool for MaildirSpool {
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.file.write(bytes)
    }
    /// tmp/ → new/ (Maildir's delivery: a reader sees the whole message or none of it).
    fn commit(self: Box<Self>, _: &Envelope) -> Result<Option<PathBuf>, Failure> {
        let s = *self;
        s.file.commit_to(&s.dest).map(Some)
    }
}

struct Dir {
    dir: PathBuf,
    host: String,
}

impl Store for Dir {
    fn begin(&self, id: &str) -> Result<Box<dyn Spool>, Failure> {
        let base = unique_name(id, &self.host);
        let eml = format!("{base}.eml");
        let file = OutFile::create_in(&self.dir, &eml, false, Mode::Private)?;
        Ok(Box::new(DirSpool {
            file,
            dir: self.dir.clone(),
            base,
        }))
    }
}

struct DirSpool {
    file: OutFile,
    dir: PathBuf,
    base: String,
}

impl Spool for DirSpool {
    /// The message, then its envelope: a reader that waits for `NAME.json` finds both whole.
    /// Never one without the other: when the envelope cannot be written, the `.eml` already in
    /// place is removed again — the client is answered 451 and sends the message again, so a
    /// lone `.eml` would only be a duplicate without its envelope.
    fn commit(self: Box<Self>, env: &Envelope) -> Result<Option<PathBuf>, Failure> {
        let s = *self;
        let mut json = serde_json::to_vec_pretty(env)
            .map_err(|e| Failure::local_io(format!("the envelope as JSON: {e}")))?;
        json.push(b'\n');
        let eml = s.file.commit_to(&s.dir.join(format!("{}.eml", s.base)))?;
        let written = outfile::write_new(
            &s.dir.join(format!("{}.json", s.base)),
            &json,
            false,
            Mode::Private,
        );
        if let Err(mut f) = written {
            match std::fs::remove_file(&eml) {
                Ok(()) => f.message.push_str(" (the .eml was removed again)"),
                Err(e) => f.message.push_str(&format!(
                    " (and the .eml {} could not be removed: {e})",
                    shown(&eml)
                )),
            }
            return Err(f);
        }
        Ok(Some(eml))
    }
    fn write(&mut self, bytes: &[u8]) -> Result<(), Failure> {
        self.file.write(bytes)
    }
}

/// The path of a stored message, for the transcript.
pub(crate) fn shown(p: &Path) -> String {
    crate::event::clean(&p.display().to_string()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "mailctl-store-{tag}-{}-{:?}",
            std::process::id(),
            std::thread::current().id()
        ));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn maildir_delivers_through_tmp_into_new() {
        let root = scratch("maildir");
        let store = StorePlan::Maildir(root.clone())
            .open("sink/host:1")
            .unwrap();
        let mut s = store.begin("00001").unwrap();
        s.write(b"Subject: x\r\n\r\nbody\r\n").unwrap();
        let p = s.commit(&Envelope::default()).unwrap().unwrap();
        assert!(p.starts_with(root.join("new")), "{p:?}");
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.ends_with("Q00001.sink\\057host\\0721"), "{name}");
        assert_eq!(std::fs::read(&p).unwrap(), b"Subject: x\r\n\r\nbody\r\n");
        assert_eq!(std::fs::read_dir(root.join("tmp")).unwrap().count(), 0);
        // Dropped without commit: nothing stays behind.
        let mut s = store.begin("00002").unwrap();
        s.write(b"partial").unwrap();
        drop(s);
        assert_eq!(std::fs::read_dir(root.join("tmp")).unwrap().count(), 0);
        assert_eq!(std::fs::read_dir(root.join("new")).unwrap().count(), 1);
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn dir_keeps_the_message_and_its_envelope() {
        let dir = scratch("dir");
        let store = StorePlan::Dir(dir.clone()).open("h").unwrap();
        let mut s = store.begin("7").unwrap();
        s.write(b"m\r\n").unwrap();
        let env = Envelope {
            id: "7".into(),
            mail_from: "a@b".into(),
            rcpt_to: vec!["c@d".into()],
            ..Envelope::default()
        };
        let p = s.commit(&env).unwrap().unwrap();
        let json = p.with_extension("json");
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).unwrap()).unwrap();
        assert_eq!(v["mail_from"], "a@b");
        assert_eq!(v["rcpt_to"][0], "c@d");
        assert_eq!(std::fs::read(&p).unwrap(), b"m\r\n");
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn dir_never_keeps_a_message_without_its_envelope() {
        let dir = scratch("lone-eml");
        StorePlan::Dir(dir.clone()).open("h").unwrap();
        // Where the envelope goes, something that is not ours already is: its write fails
        // after the .eml was moved into place.
        std::fs::create_dir(dir.join("fixed.json")).unwrap();
        let mut s = Box::new(DirSpool {
            file: OutFile::create_in(&dir, "fixed.eml", false, Mode::Private).unwrap(),
            dir: dir.clone(),
            base: "fixed".into(),
        });
        s.write(b"m\r\n").unwrap();
        let err = s.commit(&Envelope::default()).unwrap_err();
        assert!(err.message.contains("removed again"), "{}", err.message);
        let left: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(left, ["fixed.json"], "only the obstacle stays");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
