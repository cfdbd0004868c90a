//! Shared test helpers: run the built binary, reach the real-server rig, read JSON Lines.

#![allow(dead_code)]

use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `Command` for the mailctl binary under test, with a clean environment for determinism.
pub fn mailctl() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_mailctl"));
    c.env_remove("MAILCTL_PASSWORD")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    c
}

/// `mailctl smtp send -s 127.0.0.1:1 --to a@b`: nothing listens there, for runs that must stop
/// at a usage error (or fail to connect). Global options such as `--json` may follow.
pub fn smtp_send_nowhere() -> Command {
    let mut c = mailctl();
    c.args(["smtp", "send", "-s", "127.0.0.1:1", "--to", "a@b"]);
    c
}

/// What a finished run produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// All JSON Lines objects from stdout (panics on a non-JSON line: the format is the contract).
    pub fn json(&self) -> Vec<Value> {
        self.stdout
            .lines()
            .map(|l| {
                serde_json::from_str(l)
                    .unwrap_or_else(|e| panic!("not JSON ({e}): {l}\n--- stdout:\n{}", self.stdout))
            })
            .collect()
    }

    /// The `warning` lines of a --json run, their text only.
    pub fn warnings(&self) -> Vec<String> {
        self.json()
            .iter()
            .filter(|e| e["type"] == "warning")
            .map(|e| e["msg"].as_str().unwrap_or_default().to_string())
            .collect()
    }

    /// The final summary object of a --json run.
    pub fn summary(&self) -> Value {
        let all = self.json();
        let last = all.last().cloned().expect("no JSON output");
        assert_eq!(
            last["type"], "summary",
            "last line is not the summary: {last}"
        );
        last
    }

    /// Assert a failed run: no panic, this exit code in the process and the summary, outcome
    /// `fail`, and the failure's phase. Returns the summary.
    #[track_caller]
    pub fn failed_at(&self, code: i32, phase: &str) -> Value {
        let r = self;
        assert!(!r.stderr.contains("panicked"), "mailctl panicked: {r:?}");
        let s = r.summary();
        assert_eq!(
            r.code, code,
            "exit code; summary: {s}\nstdout:\n{}",
            r.stdout
        );
        assert_eq!(s["exit_code"], code, "{s}");
        assert_eq!(s["outcome"], "fail", "{s}");
        assert_eq!(s["error"]["phase"], phase, "{s}");
        s
    }

    /// Every line both sides sent, as "C: …"/"S: …", from a --json run.
    pub fn dialogue(&self) -> Vec<String> {
        self.json()
            .iter()
            .filter_map(|e| match e["type"].as_str()? {
                "sent" => Some(format!("C: {}", e["line"].as_str()?)),
                "recv" => Some(format!("S: {}", e["line"].as_str()?)),
                _ => None,
            })
            .collect()
    }
}

/// Run a command to completion, with a hard timeout so no test can hang CI.
pub fn run(cmd: &mut Command) -> Run {
    run_with_timeout(cmd, std::time::Duration::from_secs(60))
}

/// Run with stdout closed from the start: whatever mailctl writes there hits EPIPE. The stdout
/// of the returned run is empty.
pub fn run_stdout_closed(cmd: &mut Command) -> Run {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn mailctl");
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait for mailctl");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::new(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run_with_timeout(cmd: &mut Command, limit: std::time::Duration) -> Run {
    Running::start(cmd).finish(limit)
}

/// A started mailctl whose output is collected by a thread, so the test can act meanwhile
/// (send a signal) and still bound how long it waits.
pub struct Running {
    pub pid: u32,
    what: String,
    rx: std::sync::mpsc::Receiver<std::io::Result<std::process::Output>>,
}

impl Running {
    pub fn start(cmd: &mut Command) -> Running {
        let child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn mailctl");
        let pid = child.id();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(child.wait_with_output());
        });
        Running {
            pid,
            what: format!("{cmd:?}"),
            rx,
        }
    }

    /// Send a signal (`kill -SIG`): e.g. "INT" for Ctrl-C.
    pub fn signal(&self, sig: &str) {
        let sent = Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(self.pid.to_string())
            .status()
            .expect("run kill");
        assert!(sent.success(), "kill -{sig} {}", self.pid);
    }

    /// Wait at most `limit` for the end (then kill it and fail the test); stdout as bytes.
    pub fn output(self, limit: std::time::Duration) -> std::process::Output {
        match self.rx.recv_timeout(limit) {
            Ok(o) => o.expect("wait for mailctl"),
            Err(_) => {
                self.signal("9");
                panic!("mailctl did not finish within {limit:?}: {}", self.what);
            }
        }
    }

    /// Wait at most `limit` for the end (then kill it and fail the test).
    pub fn finish(self, limit: std::time::Duration) -> Run {
        let out = self.output(limit);
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

/// The running real-server rig (Postfix, Dovecot, NSD on loopback), started on first use.
pub struct Rig {
    pub env: HashMap<String, String>,
}

impl Rig {
    pub fn get(&self, key: &str) -> &str {
        self.env
            .get(key)
            .unwrap_or_else(|| panic!("rig.env has no {key}"))
    }
    pub fn port(&self, key: &str) -> u16 {
        self.get(key).parse().unwrap()
    }
    pub fn dir(&self) -> PathBuf {
        PathBuf::from(self.get("RIG_DIR"))
    }
    pub fn ca(&self) -> &str {
        self.get("RIG_CA")
    }
    pub fn addr(&self, port_key: &str) -> String {
        format!("127.0.0.1:{}", self.port(port_key))
    }
    pub fn dns(&self) -> String {
        format!("127.0.0.1:{}", self.port("RIG_DNS_PORT"))
    }
    /// Maildir of a rig user (e.g. "alice").
    pub fn maildir(&self, user: &str) -> PathBuf {
        Path::new(self.get("RIG_MAILDIR_ROOT"))
            .join("rig.test")
            .join(user)
    }
}

/// Start (or reuse) the rig. There is no skipping: a test that needs the rig fails loudly when
/// the rig cannot run (install it with `tests/rig/rig.sh install`, as root).
pub fn rig() -> &'static Rig {
    static RIG: OnceLock<Rig> = OnceLock::new();
    RIG.get_or_init(|| {
        let dir = std::env::var("MAILCTL_RIG_DIR").unwrap_or_else(|_| "/tmp/mailctl-rig".into());
        let script = repo_root().join("tests/rig/rig.sh");
        let out = Command::new("bash")
            .arg(&script)
            .arg("ensure")
            .arg(&dir)
            .stdin(Stdio::null())
            .output()
            .expect("run tests/rig/rig.sh");
        assert!(
            out.status.success(),
            "the real-server rig could not start (run `bash tests/rig/rig.sh install` as root first):\n{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        let text = std::fs::read_to_string(Path::new(&dir).join("rig.env")).expect("rig.env");
        let env = text
            .lines()
            .filter_map(|l| l.split_once('='))
            .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
            .collect();
        Rig { env }
    })
}

/// Files in a Maildir's new/ and cur/ (message files only).
pub fn maildir_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        if let Ok(rd) = std::fs::read_dir(dir.join(sub)) {
            out.extend(rd.filter_map(|e| e.ok()).map(|e| e.path()));
        }
    }
    out
}

/// Wait (bounded) until a message containing `needle` lands in the Maildir; returns its bytes.
pub fn wait_for_message(dir: &Path, needle: &str) -> Vec<u8> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        for f in maildir_files(dir) {
            if let Ok(b) = std::fs::read(&f)
                && b.windows(needle.len()).any(|w| w == needle.as_bytes())
            {
                return b;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no message containing {needle:?} arrived in {}",
            dir.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// A token unique to this test run, to find exactly the message a test sent.
pub fn token(tag: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let t = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "{tag}-{}-{t}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    )
}

/// CRLF -> LF: compare what a protocol delivered (CRLF) with Dovecot's Maildir copy (LF).
pub fn normalise(wire: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(wire.len());
    let mut i = 0;
    while i < wire.len() {
        if wire[i] == b'\r' && wire.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(wire[i]);
        i += 1;
    }
    out
}

/// Every row of an exit-code table is a row of the README table (`| code | `name` | meaning |`)
/// and its meaning is in the man page. `what` names the table in messages ("check " or "").
/// Returns the README.
#[track_caller]
pub fn assert_exit_codes_documented(rows: &[mailctl::error::ExitCodeRow], what: &str) -> String {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).unwrap();
    let man = std::fs::read_to_string(repo_root().join("man/mailctl.1")).unwrap();
    for row in rows {
        let line = format!("| {} | `{}` | {} |", row.code, row.name, row.meaning);
        assert!(
            readme.contains(&line),
            "README.md lacks the {what}exit-code row: {line}"
        );
        assert!(
            man.contains(row.meaning),
            "man/mailctl.1 lacks {what}exit code {}",
            row.code
        );
    }
    readme
}

/// Temporary files mailctl left beside `dest` (`.NAME.<random>.mailctl-tmp`, and the `NAME.part`
/// of older versions): after any run, failed or not, there must be none.
pub fn temp_leftovers(dest: &Path) -> Vec<PathBuf> {
    let name = dest.file_name().unwrap().to_string_lossy().into_owned();
    let dir = dest
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let f = p.file_name().unwrap().to_string_lossy();
            (f.starts_with(&format!(".{name}.")) && f.ends_with(".mailctl-tmp"))
                || f == format!("{name}.part")
        })
        .collect()
}
