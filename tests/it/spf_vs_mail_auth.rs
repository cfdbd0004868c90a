//! Differential test: our SPF engine ([`mailctl::dns::spf::check_host`], in-process) against
//! mail-auth's (`MessageAuthenticator::verify_spf`) over the OpenSPF RFC 7208 suite. Both talk to
//! the same in-process DNS server ([`crate::dnsd`]) serving the scenario's `zonedata`, through
//! their own hickory resolver (one attempt; timeouts [`OUR_TIMEOUT`], [`MAIL_AUTH_TIMEOUT`]).
//!
//! Only results are compared (not explanations). Every case is classified: all agree / we match
//! the suite and mail-auth doesn't / mail-auth matches and we don't / neither. The test fails if
//! mail-auth matches the suite on a case where we don't (we are never worse than mail-auth),
//! unless the case is in [`WORSE_THAN_MAIL_AUTH`] with the reason.

use crate::dnsd::DnsServer;
use crate::spf_suite::{Case, clip, domain_of, load};
use mail_auth::hickory_resolver::config::{
    ConnectionConfig, NameServerConfig, ResolveHosts, ResolverConfig, ResolverOpts,
};
use mail_auth::spf::verify::SpfParameters;
use mail_auth::{MessageAuthenticator, SpfResult as MaResult};
use mailctl::dns::{Dns, DnsPlan};
use mailctl::event::{Collect, Ctx};
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Per-query timeout of mail-auth's resolver (one attempt; hickory tries UDP then TCP, so a
/// TIMEOUT entry of the suite costs about twice this).
const MAIL_AUTH_TIMEOUT: Duration = Duration::from_millis(500);
/// Ours is given longer, so that a loaded machine cannot make *our* answer a spurious temperror
/// (which would fail the assertion); a spurious mail-auth timeout only lowers its score.
const OUR_TIMEOUT: Duration = Duration::from_millis(1500);

/// Cases run at once.
const CONCURRENCY: usize = 8;

/// Cases where mail-auth matches the suite and we knowingly don't: (case name, why). A listed
/// case that no longer is one fails the test, so the list stays true.
const WORSE_THAN_MAIL_AUTH: &[(&str, &str)] = &[];

/// The receiving host's name (%{r}); only explanations use it and they are not compared.
const RECEIVER: &str = "mx.receiver.example";

struct Row {
    scenario: String,
    name: String,
    suite: Vec<String>,
    ours: String,
    theirs: String,
    /// Seconds taken by ours and by mail-auth.
    secs: (f64, f64),
}

impl Row {
    fn ours_ok(&self) -> bool {
        self.suite.contains(&self.ours)
    }
    fn theirs_ok(&self) -> bool {
        self.suite.contains(&self.theirs)
    }
    /// mail-auth matches the suite and we don't.
    fn worse(&self) -> bool {
        self.theirs_ok() && !self.ours_ok()
    }
    fn class(&self) -> &'static str {
        match (self.ours_ok(), self.theirs_ok()) {
            (true, true) => "all agree",
            (true, false) => "ours only",
            (false, true) => "MAIL-AUTH ONLY",
            (false, false) => "neither",
        }
    }
}

fn ma_str(r: MaResult) -> &'static str {
    match r {
        MaResult::Pass => "pass",
        MaResult::Fail => "fail",
        MaResult::SoftFail => "softfail",
        MaResult::Neutral => "neutral",
        MaResult::TempError => "temperror",
        MaResult::PermError => "permerror",
        MaResult::None => "none",
    }
}

fn mail_auth_for(ns: SocketAddr) -> MessageAuthenticator {
    let mut udp = ConnectionConfig::udp();
    udp.port = ns.port();
    let mut tcp = ConnectionConfig::tcp();
    tcp.port = ns.port();
    let config = ResolverConfig::from_name_servers(vec![NameServerConfig::new(
        ns.ip(),
        true,
        vec![udp, tcp],
    )]);
    let mut opts = ResolverOpts::default();
    opts.timeout = MAIL_AUTH_TIMEOUT;
    opts.attempts = 1;
    opts.ndots = 0;
    opts.use_hosts_file = ResolveHosts::Never;
    opts.cache_size = 0;
    MessageAuthenticator::new(config, opts).expect("mail-auth resolver")
}

async fn theirs(c: &Case, ip: IpAddr, ma: &MessageAuthenticator) -> String {
    let out = if c.mailfrom.is_empty() {
        ma.verify_spf(SpfParameters::verify_ehlo(ip, &c.helo, RECEIVER))
            .await
    } else {
        ma.verify_spf(SpfParameters::verify_mail_from(
            ip,
            &c.helo,
            RECEIVER,
            &c.mailfrom,
        ))
        .await
    };
    ma_str(out.result()).to_string()
}

fn dns_for(ns: SocketAddr) -> Dns {
    let plan = DnsPlan {
        nameservers: vec![ns],
        timeout: OUR_TIMEOUT,
        attempts: 1,
        ..Default::default()
    };
    Dns::new(&plan, Arc::new(Ctx::new(Arc::new(Collect::default())))).expect("our resolver")
}

async fn ours(c: &Case, ip: IpAddr, dns: &Dns) -> String {
    mailctl::dns::spf::check_host(dns, ip, &domain_of(c), &c.mailfrom, &c.helo)
        .await
        .result
        .as_str()
        .to_string()
}

async fn timed<T>(f: impl std::future::Future<Output = T>) -> (T, f64) {
    let t0 = Instant::now();
    let r = f.await;
    (r, t0.elapsed().as_secs_f64())
}

#[test]
fn spf_differential_vs_mail_auth() {
    let started = Instant::now();
    let (zones, cases) = load();
    assert!(cases.len() > 150, "only {} cases loaded", cases.len());
    for (name, _) in WORSE_THAN_MAIL_AUTH {
        assert!(
            cases.iter().any(|c| c.name == *name),
            "WORSE_THAN_MAIL_AUTH names {name:?}, which is not a case of the suite"
        );
    }
    let servers: Vec<DnsServer> = zones.into_iter().map(DnsServer::start).collect();
    let addrs: Vec<SocketAddr> = servers.iter().map(|s| s.addr).collect();

    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(4)
        .enable_all()
        .build()
        .expect("runtime");
    let cases = Arc::new(cases);
    let rows: Vec<Row> = rt.block_on(async {
        // One resolver of each per scenario, shared by its cases: building a hickory resolver
        // costs ~40 ms here (debug build), and a scenario's zone never changes, so sharing our
        // per-run cache (and mail-auth's, disabled anyway) cannot change a result.
        let resolvers: Vec<Arc<(Dns, MessageAuthenticator)>> = addrs
            .iter()
            .map(|ns| Arc::new((dns_for(*ns), mail_auth_for(*ns))))
            .collect();
        let sem = Arc::new(tokio::sync::Semaphore::new(CONCURRENCY));
        let mut tasks = Vec::new();
        for i in 0..cases.len() {
            let cases = cases.clone();
            let sem = sem.clone();
            let r = resolvers[cases[i].server].clone();
            tasks.push(tokio::spawn(async move {
                let _permit = sem.acquire_owned().await.unwrap();
                let c = &cases[i];
                let ip: IpAddr = c
                    .host
                    .parse()
                    .unwrap_or_else(|e| panic!("{}: host {:?}: {e}", c.name, c.host));
                let ((o, os), (t, ts)) =
                    tokio::join!(timed(ours(c, ip, &r.0)), timed(theirs(c, ip, &r.1)));
                Row {
                    scenario: c.scenario.clone(),
                    name: c.name.clone(),
                    suite: c.results.clone(),
                    ours: o,
                    theirs: t,
                    secs: (os, ts),
                }
            }));
        }
        let mut rows = Vec::new();
        for t in tasks {
            rows.push(t.await.expect("case task"));
        }
        rows
    });
    drop(rt);
    drop(servers);

    println!(
        "{:<26} {:<32} {:<20} {:<10} {:<10} {:>5} {:>5} class",
        "scenario", "case", "suite", "ours", "mail-auth", "ours", "m-a"
    );
    for r in &rows {
        println!(
            "{:<26} {:<32} {:<20} {:<10} {:<10} {:>5.2} {:>5.2} {}",
            clip(&r.scenario, 26),
            clip(&r.name, 32),
            clip(&r.suite.join("|"), 20),
            r.ours,
            r.theirs,
            r.secs.0,
            r.secs.1,
            r.class()
        );
    }
    let count = |f: &dyn Fn(&Row) -> bool| rows.iter().filter(|r| f(r)).count();
    for class in ["all agree", "ours only", "MAIL-AUTH ONLY", "neither"] {
        println!("  {class}: {}", count(&|r| r.class() == class));
    }
    println!(
        "SPF differential: {} cases; ours==suite {}, mail-auth==suite {}, ours==mail-auth {}",
        rows.len(),
        count(&|r| r.ours_ok()),
        count(&|r| r.theirs_ok()),
        count(&|r| r.ours == r.theirs),
    );
    println!("ours != mail-auth:");
    for r in rows.iter().filter(|r| r.ours != r.theirs) {
        println!(
            "  {} [{}]: ours {}, mail-auth {}, suite {} ({})",
            r.name,
            r.scenario,
            r.ours,
            r.theirs,
            r.suite.join("|"),
            r.class()
        );
    }
    println!("(wall time {:.1}s)", started.elapsed().as_secs_f64());

    let allowed = |name: &str| WORSE_THAN_MAIL_AUTH.iter().any(|(n, _)| *n == name);
    let worse: Vec<String> = rows
        .iter()
        .filter(|r| r.worse() && !allowed(&r.name))
        .map(|r| {
            format!(
                "{} [{}]: suite {}, mail-auth {}, ours {}",
                r.name,
                r.scenario,
                r.suite.join("|"),
                r.theirs,
                r.ours
            )
        })
        .collect();
    let stale: Vec<&str> = WORSE_THAN_MAIL_AUTH
        .iter()
        .map(|(n, _)| *n)
        .filter(|n| rows.iter().any(|r| r.name == *n && !r.worse()))
        .collect();
    assert!(
        worse.is_empty() && stale.is_empty(),
        "mail-auth matches the suite where we don't:\n  {}\nlisted in WORSE_THAN_MAIL_AUTH but no longer worse (remove them): {stale:?}",
        worse.join("\n  ")
    );
}
