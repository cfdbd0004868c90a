//! Test-only: a real `openssl s_server` on 127.0.0.1, with a throwaway certificate, for the
//! tests that must meet a real TLS 1.0/1.1 stack (rustls has none, and no Rust crate in the
//! tree speaks them). Killed by its PID when dropped; its temporary directory goes with it.
//! A missing `openssl` binary fails the test loudly, as a missing rig server does: nothing is
//! skipped.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The key type of the throwaway certificate: ECDSA (like the rig's) or RSA (ECDHE-RSA and
/// plain-RSA suites).
#[derive(Debug, Clone, Copy)]
pub(crate) enum Key {
    Ec,
    Rsa,
}

pub(crate) struct OpensslServer {
    child: Child,
    pub(crate) addr: SocketAddr,
    dir: PathBuf,
}

fn openssl(args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .stdin(Stdio::null())
        .output()
        .expect("these tests need the openssl command (Debian: apt-get install openssl)");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl OpensslServer {
    /// `openssl s_server -quiet` with `args` (`-tls1`, `-cipher …`) on a free port, answering
    /// once it accepts connections. `-quiet` also makes it ignore its stdin (/dev/null) and
    /// serve one connection after another.
    pub(crate) fn start(key: Key, args: &[&str]) -> OpensslServer {
        use std::sync::atomic::{AtomicU32, Ordering};
        static N: AtomicU32 = AtomicU32::new(0);
        let dir = std::env::temp_dir().join(format!(
            "mailctl-s_server-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::Relaxed)
        ));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let (cert, keyf) = (dir.join("cert.pem"), dir.join("key.pem"));
        let newkey: &[&str] = match key {
            Key::Ec => &["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"],
            Key::Rsa => &["-newkey", "rsa:2048"],
        };
        let mut req = vec![
            "req",
            "-x509",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
        ];
        req.extend_from_slice(newkey);
        let (c, k) = (cert.to_str().unwrap(), keyf.to_str().unwrap());
        req.extend_from_slice(&["-keyout", k, "-out", c]);
        openssl(&req);
        // A free port: the kernel picks one, we let it go and give it to s_server (another
        // process could take it in between: then s_server exits and we try again).
        for _ in 0..5 {
            let port = TcpListener::bind("127.0.0.1:0")
                .and_then(|l| l.local_addr())
                .expect("a free port")
                .port();
            let accept = format!("127.0.0.1:{port}");
            let mut cmd = Command::new("openssl");
            cmd.args([
                "s_server", "-quiet", "-accept", &accept, "-cert", c, "-key", k,
            ]);
            // The certificate for a `-servername` context too (s_server wants one).
            cmd.args(["-cert2", c, "-key2", k]);
            cmd.args(args)
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null());
            let mut child = cmd.spawn().expect("spawn openssl s_server");
            let addr: SocketAddr = accept.parse().unwrap();
            if ready(&mut child, addr) {
                return OpensslServer { child, addr, dir };
            }
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&dir);
        panic!("openssl s_server {args:?} did not start");
    }
}

/// Connectable within 5 s and still running (an `-accept` on a taken port exits). The probe
/// connection is harmless: s_server sees it close and accepts the next.
fn ready(child: &mut Child, addr: SocketAddr) -> bool {
    let until = Instant::now() + Duration::from_secs(5);
    while Instant::now() < until {
        if let Ok(Some(_)) = child.try_wait() {
            return false;
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    false
}

impl Drop for OpensslServer {
    fn drop(&mut self) {
        // Child::kill signals this child's PID only.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
