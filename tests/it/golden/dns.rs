//! Golden cases of `dns` (zones served in process, and the rig's NSD), `dkim` and `dmarc`
//! (the fixtures under tests/fixtures/dkim).

use super::*;
use crate::dnsd::{DnsServer, Zone};

// ------------------------------------------------------------------------------ dns

/// healthy.test as dns_cmd.rs serves it, and broken.test with something wrong in every record.
fn dns_zone() -> Zone {
    crate::dns_cmd::healthy()
        .mx("broken.test", 10, "alias.broken.test")
        .cname("alias.broken.test", "mx1.healthy.test")
        .txt("broken.test", &["v=spf1 include:nowhere.broken.test +all"])
        .txt(
            "_dmarc.broken.test",
            &["v=DMARC1; p=none; pct=50; rua=mailto:d@elsewhere.test"],
        )
        .txt(
            "weak._domainkey.broken.test",
            &[&format!("v=DKIM1; k=rsa; p={}", crate::dns_cmd::RSA512)],
        )
        .txt("revoked._domainkey.broken.test", &["v=DKIM1; k=rsa; p="])
        .txt("_mta-sts.broken.test", &["v=STSv1"])
        .txt("_smtp._tls.broken.test", &["v=TLSRPTv1; rua=ftp://x"])
        .txt(
            "default._bimi.broken.test",
            &["v=BIMI1; l=http://broken.test/logo.png"],
        )
        .mx("nullmx.test", 0, ".")
}

fn dns(srv: &DnsServer, args: &[&str]) -> Command {
    let mut c = cmd(&["dns"]);
    c.args(args)
        .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
    c
}

#[test]
fn golden_dns() {
    let srv = DnsServer::start(dns_zone());
    let mut g = Golden::default();
    g.mask(srv.nameserver_arg(), "<nameserver>");
    let cases: &[(&str, &[&str])] = &[
        ("dns-mx", &["mx", "healthy.test"]),
        ("dns-mx-cname", &["mx", "broken.test"]),
        ("dns-mx-null", &["mx", "nullmx.test"]),
        ("dns-mx-nxdomain", &["mx", "nowhere.test"]),
        ("dns-spf", &["spf", "healthy.test"]),
        (
            "dns-spf-ip",
            &["spf", "healthy.test", "--ip", "198.51.100.7"],
        ),
        ("dns-spf-broken", &["spf", "broken.test"]),
        ("dns-dmarc", &["dmarc", "healthy.test"]),
        ("dns-dmarc-broken", &["dmarc", "broken.test"]),
        ("dns-dkim", &["dkim", "s1,s2", "healthy.test"]),
        (
            "dns-dkim-broken",
            &["dkim", "weak,revoked,missing", "broken.test"],
        ),
        ("dns-mta-sts", &["mta-sts", "healthy.test"]),
        ("dns-mta-sts-broken", &["mta-sts", "broken.test"]),
        ("dns-tls-rpt", &["tls-rpt", "healthy.test"]),
        ("dns-tls-rpt-broken", &["tls-rpt", "broken.test"]),
        ("dns-bimi", &["bimi", "healthy.test"]),
        ("dns-bimi-broken", &["bimi", "broken.test"]),
        (
            "dns-check",
            &["check", "healthy.test", "--selector", "s1,s2"],
        ),
        (
            "dns-check-two",
            &[
                "check",
                "healthy.test",
                "broken.test",
                "--selector",
                "s1,weak",
            ],
        ),
    ];
    for (name, args) in cases {
        g.pair(name, || dns(&srv, args));
    }
    g.one(
        "dns-check-quiet.txt",
        prefixed(&["-q"], dns(&srv, &["check", "broken.test"])),
    );
    g.one(
        "dns-mx-quiet.txt",
        prefixed(&["-q"], dns(&srv, &["mx", "healthy.test"])),
    );
    // The rig's own zone, served by NSD.
    let rig_ns = rig().dns();
    for (name, args) in [
        ("dns-rig-mx", ["mx", "multi.rig.test"]),
        ("dns-rig-spf", ["spf", "rig.test"]),
    ] {
        g.pair(name, || {
            let mut c = cmd(&["dns"]);
            c.args(args)
                .args(["--nameserver", &rig_ns, "--timeout", "5s"]);
            c
        });
    }
    g.finish();
}

// ------------------------------------------------------------------------------ dkim, dmarc

fn verify_msg(name: &str) -> String {
    fixture(&format!("dkim/verify/messages/{name}.eml"))
}

#[test]
fn golden_dkim() {
    let srv = crate::dkim_verify::server();
    let mut g = Golden::default();
    g.mask(srv.nameserver_arg(), "<nameserver>");
    g.mask(repo_root().display().to_string(), "<repo>");
    let verify = |files: &[String]| {
        let mut c = cmd(&["dkim", "verify"]);
        c.args(files)
            .args(["--nameserver", &srv.nameserver_arg(), "--timeout", "2s"]);
        c
    };
    // How long ago an expired signature expired.
    g.mask_re(r"is [0-9]+ s in the past", "is <n> s in the past");
    g.pair("dkim-verify-ok", || verify(&[verify_msg("ok-rsa")]));
    g.pair("dkim-verify-dual", || verify(&[verify_msg("ok-dual")]));
    g.pair("dkim-verify-body-changed", || {
        verify(&[verify_msg("body-changed")])
    });
    g.pair("dkim-verify-several", || {
        let names = [
            "ok-ed25519",
            "expired",
            "missing-key",
            "revoked",
            "rsa512",
            "unsigned",
        ];
        verify(&names.map(verify_msg))
    });
    g.pair("dkim-verify-maildir", || {
        verify(&[fixture("dkim/verify/maildir")])
    });
    g.one(
        "dkim-verify-quiet.txt",
        prefixed(&["-q"], verify(&[verify_msg("header-changed")])),
    );
    let sign = |key: &str, sel: &str| {
        let mut c = cmd(&[
            "dkim",
            "sign",
            "--key",
            &fixture(&format!("dkim/sign/{key}")),
        ]);
        c.args([
            "--selector",
            sel,
            "--domain",
            "example.org",
            &fixture("dkim/sign/lf.eml"),
        ]);
        c
    };
    // The signature carries its time (t=), and so does b=.
    g.mask_re(r"t=[0-9]{10}", "t=<time>");
    g.mask_re(r"(\bb=)([A-Za-z0-9+/=\s]|\\[rnt])+", "${1}<sig>");
    g.mask_re(r#""timestamp":[0-9]+"#, "\"timestamp\":<time>");
    g.pair("dkim-sign-rsa", || sign("rsa2048-pkcs1.pem", "s2048"));
    g.pair("dkim-sign-ed25519", || sign("ed25519-openssl.pem", "ed"));
    g.pair("dkim-sign-too-small", || sign("rsa1024-pkcs1.pem", "s1024"));
    g.finish();

    // keygen writes a fresh key: its material is masked, its layout kept.
    let dir = std::env::temp_dir().join(format!("mailctl-{}", token("golden-keygen")));
    std::fs::create_dir_all(&dir).unwrap();
    let mut g = Golden::default();
    g.mask(dir.display().to_string(), "<tmp>");
    g.mask_re(r"p=[A-Za-z0-9+/=]{20,}", "p=<public-key>");
    g.mask_re(
        r#"(\\?")[A-Za-z0-9+/=]{40,}(\\?")"#,
        "$1<public-key-part>$2",
    );
    for (name, algo) in [
        ("dkim-keygen-ed25519", "ed25519"),
        ("dkim-keygen-rsa", "rsa"),
    ] {
        let n = std::sync::atomic::AtomicU32::new(0);
        g.pair(name, || {
            let key = dir.join(format!(
                "{algo}-{}.pem",
                n.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            ));
            let mut c = cmd(&["dkim", "keygen", "--algo", algo]);
            c.args(["--selector", "sel", "--domain", "example.org", "-o"])
                .arg(key);
            c
        });
    }
    g.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn golden_dmarc() {
    let srv = DnsServer::start(
        crate::dmarc_eval::zone().txt("_dmarc.example.test", &["v=DMARC1; p=reject; adkim=s"]),
    );
    let mut g = Golden::default();
    g.mask(srv.nameserver_arg(), "<nameserver>");
    g.mask(repo_root().display().to_string(), "<repo>");
    // The authserv-id of Authentication-Results is the local host name.
    g.mask_re(
        r"Authentication-Results: [^;\s]+;",
        "Authentication-Results: <host>;",
    );
    g.mask_re(
        r#"("authentication_results":"|"detail":"|^)[^;"\s]+; (dkim|spf|dmarc)="#,
        "$1<host>; $2=",
    );
    let eval = |msg: &str, ip: &str, from: &str| {
        let mut c = cmd(&["dmarc", "evaluate", &verify_msg(msg), "--ip", ip]);
        c.args(["--mail-from", from]).args([
            "--nameserver",
            &srv.nameserver_arg(),
            "--timeout",
            "2s",
        ]);
        c
    };
    g.pair("dmarc-evaluate-pass", || {
        eval("ok-rsa", "192.0.2.1", "bounce@example.test")
    });
    g.pair("dmarc-evaluate-fail", || {
        eval("body-changed", "198.51.100.7", "x@example.test")
    });
    g.one(
        "dmarc-evaluate-quiet.txt",
        prefixed(&["-q"], eval("ok-rsa", "198.51.100.7", "x@other.test")),
    );
    g.finish();
}
