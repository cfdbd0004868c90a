//! Test fixture: a real nginx on loopback serving the MTA-STS policy cases over HTTPS, one port
//! per case, with a leaf for `mta-sts.audit.test` issued by the rig's CA (tests/rig; the CA
//! `--ca-file` trusts). Started with its own prefix and config under a temporary directory, and
//! killed by PID when dropped. The unit tests of `audit::mta_sts` use it, and tests/it/mta_sts.rs
//! includes this file by path: so it uses std only, and no `crate::` paths.
//!
//! nginx is Debian's `nginx` package (bookworm: 1.22, with the ssl and sub modules); it runs as
//! one process (`master_process off`, `daemon off`), so its PID is all there is to stop.

use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The policy host of the rig's `audit.test` (no A record: tests map it with `--connect-to`).
pub(crate) const POLICY_HOST: &str = "mta-sts.audit.test";
/// The policy host of `sts.audit.test`, the rig domain whose `_mta-sts` TXT record announces a
/// policy: the same leaf serves it.
pub(crate) const POLICY_HOST_STS: &str = "mta-sts.sts.audit.test";

/// A good policy, CRLF lines: covers mx1, mx2 and mx3.audit.test (the wildcard).
pub(crate) const GOOD: &str = "version: STSv1\r\nmode: enforce\r\nmx: mx1.audit.test\r\nmx: *.audit.test\r\nmax_age: 604800\r\n";

/// A policy that misses mx3.audit.test, LF lines.
pub(crate) const MISSES: &str =
    "version: STSv1\nmode: enforce\nmx: mx1.audit.test\nmx: mx2.audit.test\nmax_age: 86400\n";

/// The size of the oversized bodies: past the 64 KiB limit.
pub(crate) const BIG: usize = 70_000;

/// The cases, each on its own port:
/// - `good`: [`GOOD`] as `text/plain; charset=utf-8`;
/// - `redirect`: 301 to another URL;
/// - `html`: a valid policy served as `text/html`;
/// - `miss`: [`MISSES`];
/// - `big`: [`BIG`] bytes of `text/plain` with a Content-Length;
/// - `stream`: the same body chunked, without a Content-Length (nginx's sub filter);
/// - `missing`: no file (404);
/// - `wrongcert`: [`GOOD`] behind the rig's certificate for other.example.
pub(crate) const CASES: &[&str] = &[
    "good",
    "redirect",
    "html",
    "miss",
    "big",
    "stream",
    "missing",
    "wrongcert",
];

/// The running rig's settings (`$MAILCTL_RIG_DIR/rig.env`). The rig is not started here: it is
/// shared, and tests/run starts it; a missing rig fails loudly, as every rig test does.
pub(crate) fn rig_env() -> HashMap<String, String> {
    let dir = std::env::var("MAILCTL_RIG_DIR").unwrap_or_else(|_| "/tmp/mailctl-rig".into());
    let path = Path::new(&dir).join("rig.env");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "the rig is not running ({}: {e}): start it with `bash tests/rig/rig.sh ensure`",
            path.display()
        )
    });
    text.lines()
        .filter_map(|l| l.split_once('='))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// A running nginx; dropping it kills the process and removes its directory.
pub(crate) struct Nginx {
    child: Child,
    dir: PathBuf,
    ports: Vec<(&'static str, u16)>,
}

fn run(cmd: &mut Command) {
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Ports free now on 127.0.0.1 (held together while chosen, so they differ).
fn free_ports(n: usize) -> Vec<u16> {
    let held: Vec<TcpListener> = (0..n)
        .map(|_| TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0"))
        .collect();
    held.iter()
        .map(|l| l.local_addr().expect("local_addr").port())
        .collect()
}

/// A leaf for [`POLICY_HOST`] signed by the rig CA. `openssl x509 -req` with `-set_serial`
/// writes nothing beside the CA (no serial file, no database): the rig's files stay as they are.
fn issue_cert(dir: &Path, cert_dir: &Path) {
    let ext = dir.join("leaf.ext");
    std::fs::write(
        &ext,
        format!(
            "[v3]\nbasicConstraints = critical,CA:FALSE\n\
             keyUsage = critical,digitalSignature,keyEncipherment\n\
             extendedKeyUsage = serverAuth\nsubjectKeyIdentifier = hash\n\
             authorityKeyIdentifier = keyid\n\
             subjectAltName = DNS:{POLICY_HOST},DNS:{POLICY_HOST_STS}\n"
        ),
    )
    .expect("write leaf.ext");
    let key = dir.join("leaf.key");
    let csr = dir.join("leaf.csr");
    run(Command::new("openssl")
        .args(["genpkey", "-algorithm", "EC", "-pkeyopt"])
        .arg("ec_paramgen_curve:P-256")
        .arg("-out")
        .arg(&key));
    run(Command::new("openssl")
        .args(["req", "-new", "-subj"])
        .arg(format!("/CN={POLICY_HOST}"))
        .arg("-key")
        .arg(&key)
        .arg("-out")
        .arg(&csr));
    let serial = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(1);
    run(Command::new("openssl")
        .args(["x509", "-req", "-sha256", "-days", "2", "-extensions", "v3"])
        .arg("-set_serial")
        .arg(format!("0x{serial:x}"))
        .arg("-extfile")
        .arg(&ext)
        .arg("-in")
        .arg(&csr)
        .arg("-CA")
        .arg(cert_dir.join("ca.pem"))
        .arg("-CAkey")
        .arg(cert_dir.join("ca.key"))
        .arg("-out")
        .arg(dir.join("leaf.pem")));
}

fn write(path: &Path, body: &[u8]) {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dir");
    }
    std::fs::write(path, body).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
}

/// The nginx configuration for these ports, everything under `dir`.
fn config(dir: &Path, ports: &[(&str, u16)], cert_dir: &Path) -> String {
    let d = dir.display();
    let mut servers = String::new();
    for (case, port) in ports {
        let (cert, key) = if *case == "wrongcert" {
            (
                cert_dir.join("wrongname.pem"),
                cert_dir.join("wrongname.key"),
            )
        } else {
            (dir.join("leaf.pem"), dir.join("leaf.key"))
        };
        let location = match *case {
            "good" => "charset utf-8;".to_string(),
            "redirect" => "return 301 https://www.audit.test/.well-known/mta-sts.txt;".into(),
            "html" => "types { } default_type text/html;".into(),
            // The sub filter rewrites the body as it goes, so nginx drops Content-Length and
            // sends it chunked: the body limit must then stop a stream.
            "stream" => {
                "sub_filter_types text/plain; sub_filter STSv1 STSv1; sub_filter_once off;".into()
            }
            _ => String::new(),
        };
        servers.push_str(&format!(
            "  server {{\n    listen 127.0.0.1:{port} ssl;\n    server_name {POLICY_HOST} {POLICY_HOST_STS};\n    \
             ssl_certificate {};\n    ssl_certificate_key {};\n    \
             ssl_protocols TLSv1.2 TLSv1.3;\n    root {d}/www/{case};\n    \
             location = /.well-known/mta-sts.txt {{ {location} }}\n  }}\n",
            cert.display(),
            key.display()
        ));
    }
    format!(
        "daemon off;\nmaster_process off;\nworker_processes 1;\npid {d}/nginx.pid;\n\
         error_log {d}/error.log info;\nevents {{ worker_connections 64; }}\nhttp {{\n  \
         access_log {d}/access.log;\n  types {{ text/plain txt; }}\n  \
         default_type application/octet-stream;\n{servers}}}\n"
    )
}

impl Nginx {
    /// Issue the certificate, write the files and the config, start nginx and wait until every
    /// case's port takes connections. `cert_dir`: the rig's `RIG_CERT_DIR` (ca.pem, ca.key,
    /// wrongname.pem, wrongname.key).
    pub(crate) fn start(cert_dir: &Path) -> Nginx {
        let nginx = ["/usr/sbin/nginx", "/usr/local/sbin/nginx"]
            .into_iter()
            .find(|p| Path::new(p).exists())
            .unwrap_or_else(|| {
                panic!("nginx is not installed: apt-get install nginx (the MTA-STS tests serve policies with it)")
            });
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let dir =
            std::env::temp_dir().join(format!("mailctl-mtasts-{}-{stamp:x}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("create the nginx directory");
        issue_cert(&dir, cert_dir);
        let file = |case: &str| dir.join("www").join(case).join(".well-known/mta-sts.txt");
        for case in ["good", "html", "wrongcert"] {
            write(&file(case), GOOD.as_bytes());
        }
        write(&file("miss"), MISSES.as_bytes());
        // A valid policy, then comment-like padding: only the size is wrong.
        let mut big = GOOD.to_string();
        while big.len() < BIG {
            big.push_str("# padding: a policy far past any size limit\n");
        }
        big.truncate(BIG);
        assert_eq!(big.len(), BIG);
        write(&file("big"), big.as_bytes());
        write(&file("stream"), big.as_bytes());
        std::fs::create_dir_all(dir.join("www/missing")).expect("create www/missing");
        std::fs::create_dir_all(dir.join("www/redirect")).expect("create www/redirect");
        let ports: Vec<(&'static str, u16)> =
            CASES.iter().copied().zip(free_ports(CASES.len())).collect();
        let conf = dir.join("nginx.conf");
        write(&conf, config(&dir, &ports, cert_dir).as_bytes());
        let log = std::fs::File::create(dir.join("stderr.log")).expect("create stderr.log");
        let child = Command::new(nginx)
            .arg("-p")
            .arg(&dir)
            .arg("-c")
            .arg(&conf)
            .arg("-e")
            .arg(dir.join("error.log"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {nginx}: {e}"));
        let mut me = Nginx { child, dir, ports };
        me.wait_ready();
        me
    }

    fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(10);
        for (case, port) in self.ports.clone() {
            let addr = SocketAddr::from(([127, 0, 0, 1], port));
            loop {
                if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
                    break;
                }
                let exited = self.child.try_wait().ok().flatten();
                if exited.is_some() || Instant::now() > deadline {
                    let read =
                        |f: &str| std::fs::read_to_string(self.dir.join(f)).unwrap_or_default();
                    panic!(
                        "nginx did not listen on {addr} ({case}; exit {exited:?}):\n{}\n{}",
                        read("stderr.log"),
                        read("error.log")
                    );
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
    }

    /// The port of a case of [`CASES`].
    pub(crate) fn port(&self, case: &str) -> u16 {
        self.ports
            .iter()
            .find(|(c, _)| *c == case)
            .map(|(_, p)| *p)
            .unwrap_or_else(|| panic!("no case {case}"))
    }

    /// The leaf certificate and key for [`POLICY_HOST`] (PEM files, while this nginx runs), for
    /// test servers of one's own.
    pub(crate) fn leaf(&self) -> (PathBuf, PathBuf) {
        (self.dir.join("leaf.pem"), self.dir.join("leaf.key"))
    }

    /// The `--connect-to` rule that sends the policy host to a case.
    pub(crate) fn connect_to(&self, case: &str) -> String {
        format!("{POLICY_HOST}:443:127.0.0.1:{}", self.port(case))
    }
}

impl Drop for Nginx {
    fn drop(&mut self) {
        // Child::kill signals this PID only: the one nginx process we started.
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
