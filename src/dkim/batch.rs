//! Verifying a batch of messages (`dkim verify`, one file or a whole mailbox): workers on every
//! core read, parse and verify each message and drop it, so memory stays flat; each distinct
//! key (RFC 6376 §3.6.2.1; with ARC, those of its sets) is fetched once and concurrently
//! through our resolver while they work, and a message whose key is not in yet waits for it.

use super::input::Item;
use super::keys::{Keys, fetch_key};
use super::report::{MessageReport, SigReport};
use super::signature::{self, Signature};
use super::{arc, canon, verify};
use crate::dns::{Dns, DnsPlan};
use crate::error::{Failure, Phase};
use crate::event::{Ctx, escape_bytes};
use futures_util::StreamExt;
use futures_util::stream::FuturesUnordered;
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock, PoisonError};
use std::time::Instant;
use tokio::sync::mpsc;

/// How to verify: with ARC (RFC 8617), keeping the hash inputs (`--debug-canon`), as of `now`
/// (Unix seconds).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Options {
    pub arc: bool,
    pub debug: bool,
    pub now: u64,
}

/// Every message's report in input order, every key used, and how many signatures named each.
#[derive(Debug)]
pub(crate) struct Batch {
    pub results: Vec<MessageReport>,
    pub keys: Keys,
    pub uses: HashMap<String, usize>,
}

/// Verify `items`. `preloaded` keys (`--key` files) are never looked up; the others are asked
/// of the resolver `dns_plan` describes, made on the first lookup. `Err` on a failure that
/// ends the run (an unreadable file, no resolver).
pub(crate) async fn verify_all(
    items: Vec<Item>,
    preloaded: Keys,
    dns_plan: &DnsPlan,
    opts: Options,
    ctx: &Arc<Ctx>,
) -> Result<Batch, Failure> {
    let table = KeyTable {
        requested: preloaded.keys().cloned().collect(),
        fetched: preloaded,
    };
    let n_items = items.len();
    let shared = Arc::new(Shared {
        items,
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        table: Mutex::new(table),
        parked: Mutex::new(Vec::new()),
        failure: Mutex::new(None),
        arc: opts.arc,
        debug: opts.debug,
        now: opts.now,
    });

    // 1. Workers (one per core; the runtime is current-thread and verification is pure CPU)
    // read, parse and verify each message, then drop it: memory stays flat whatever the
    // mailbox size. A message whose key (RFC 6376 §3.6.2.1; with --arc, those of its ARC
    // sets too) is not fetched yet is parked and its key names sent here.
    let (tx, mut rx) = mpsc::unbounded_channel::<String>();
    let n_workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(n_items)
        .max(1);
    let handles: Vec<_> = (0..n_workers)
        .map(|_| {
            let (sh, tx) = (shared.clone(), tx.clone());
            std::thread::spawn(move || worker(&sh, &tx))
        })
        .collect();
    drop(tx);

    // 2. Meanwhile fetch each distinct key once, concurrently, as the workers find them (our
    // Dns: one query per name per run, each an event).
    let dns: OnceLock<Result<Dns, Failure>> = OnceLock::new();
    let mut inflight = FuturesUnordered::new();
    // The resolve phase: from the first question to the last answer (verification overlaps
    // it, and is not part of it).
    let mut lookups: Option<(Instant, Instant)> = None;
    loop {
        tokio::select! {
            Some(name) = rx.recv() => {
                match dns.get_or_init(|| Dns::new(dns_plan, ctx.clone())) {
                    Ok(d) => {
                        let now = Instant::now();
                        lookups.get_or_insert((now, now));
                        inflight.push(fetch_key(d, name));
                    }
                    Err(f) => {
                        shared.fail(f.clone());
                    }
                }
            }
            Some(k) = inflight.next(), if !inflight.is_empty() => {
                lock(&shared.table).fetched.insert(k.name.clone(), Arc::new(k));
                if let Some((_, last)) = lookups.as_mut() {
                    *last = Instant::now();
                }
            }
            else => break,
        }
    }
    let mut results: Vec<(usize, MessageReport)> = Vec::with_capacity(n_items);
    let mut uses: HashMap<String, usize> = HashMap::new();
    for h in handles {
        let (r, u) = h.join().unwrap_or_else(|_| {
            shared.fail(Failure::local_io("a verifying thread panicked"));
            Default::default()
        });
        results.extend(r);
        for (name, n) in u {
            *uses.entry(name).or_insert(0) += n;
        }
    }
    if let Some(f) = lock(&shared.failure).take() {
        return Err(f);
    }
    let keys: Keys = std::mem::take(&mut lock(&shared.table).fetched);
    if let Some((first, last)) = lookups {
        ctx.record(Phase::Resolve, (last - first).as_secs_f64() * 1000.0);
        ctx.info(format!(
            "{n_items} message(s), {} distinct DKIM key(s) looked up",
            keys.len()
        ));
    }

    // 3. The parked messages, now that every key is in.
    let parked = std::mem::take(&mut *lock(&shared.parked));
    results.extend(par_map(&parked, |(i, source, raw)| {
        (*i, verify_one(&shared, source, raw, &keys))
    }));
    results.sort_by_key(|(i, _)| *i);
    let results: Vec<MessageReport> = results.into_iter().map(|(_, r)| r).collect();

    if opts.debug {
        for m in &results {
            for s in &m.signatures {
                debug_canon(ctx, m, s);
            }
        }
    }
    Ok(Batch {
        results,
        keys,
        uses,
    })
}

/// What the workers share.
struct Shared {
    items: Vec<Item>,
    /// The next item to take.
    next: AtomicUsize,
    /// Set on a failure that ends the run (an unreadable file).
    stop: AtomicBool,
    table: Mutex<KeyTable>,
    /// Messages waiting for a key: (item index, source, bytes).
    parked: Mutex<Vec<(usize, String, Vec<u8>)>>,
    failure: Mutex<Option<Failure>>,
    arc: bool,
    debug: bool,
    now: u64,
}

impl Shared {
    /// Keep the first failure and stop every worker.
    fn fail(&self, f: Failure) {
        lock(&self.failure).get_or_insert(f);
        self.stop.store(true, Ordering::Relaxed);
    }
}

#[derive(Default)]
struct KeyTable {
    fetched: Keys,
    /// Names asked for (fetched or in flight).
    requested: HashSet<String>,
}

/// A poisoned lock only means another worker panicked; the data is still whole.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// One worker: take items until none are left; results by item index, and how many
/// signatures named each key.
#[allow(clippy::type_complexity)]
fn worker(
    sh: &Shared,
    tx: &mpsc::UnboundedSender<String>,
) -> (Vec<(usize, MessageReport)>, HashMap<String, usize>) {
    let mut out = Vec::new();
    let mut uses: HashMap<String, usize> = HashMap::new();
    // This worker's copy of the keys it has used: no lock per message.
    let mut local: Keys = HashMap::new();
    while !sh.stop.load(Ordering::Relaxed) {
        let i = sh.next.fetch_add(1, Ordering::Relaxed);
        let Some(item) = sh.items.get(i) else { break };
        let raw = match item.read() {
            Ok(r) => r,
            Err(f) => {
                sh.fail(f);
                break;
            }
        };
        let (msg, converted) = canon::to_crlf(&raw);
        let (fields, body) = canon::split(&msg);
        let sigs = signature::signatures(&fields);
        let mut names: Vec<String> = sigs.iter().filter_map(Signature::key_name).collect();
        if sh.arc {
            names.extend(arc::key_names(&fields));
        }
        for n in &names {
            *uses.entry(n.clone()).or_insert(0) += 1;
        }
        if !have_keys(sh, &names, &mut local, tx) {
            lock(&sh.parked).push((i, item.source(), raw.into_owned()));
            continue;
        }
        let source = item.source();
        let mut r = verify::verify_parsed(
            &source, &fields, body, &sigs, converted, &local, sh.now, sh.debug,
        );
        if sh.arc {
            r.arc = Some(arc::validate_parsed(&fields, body, &local, sh.now));
        }
        out.push((i, r));
    }
    (out, uses)
}

/// Whether every key in `names` is fetched (copied into `local`); the missing ones are
/// requested, once per run.
fn have_keys(
    sh: &Shared,
    names: &[String],
    local: &mut Keys,
    tx: &mpsc::UnboundedSender<String>,
) -> bool {
    if names.iter().all(|n| local.contains_key(n)) {
        return true;
    }
    let mut t = lock(&sh.table);
    let mut all = true;
    for n in names {
        if local.contains_key(n) {
            continue;
        }
        if let Some(k) = t.fetched.get(n) {
            local.insert(n.clone(), k.clone());
        } else {
            all = false;
            if t.requested.insert(n.clone()) {
                // The receiver lives until every worker is done.
                let _ = tx.send(n.clone());
            }
        }
    }
    all
}

fn verify_one(sh: &Shared, source: &str, raw: &[u8], keys: &Keys) -> MessageReport {
    let mut r = verify::verify_message(source, raw, keys, sh.now, sh.debug);
    if sh.arc {
        r.arc = Some(arc::validate(raw, keys, sh.now));
    }
    r
}

/// `--debug-canon`: the hash inputs as info events, a line each; `$` marks a CRLF, so trailing
/// whitespace and a missing final line break are visible and two runs can be diffed.
fn debug_canon(ctx: &Ctx, m: &MessageReport, s: &SigReport) {
    let Some((headers, body)) = &s.canon_raw else {
        return;
    };
    let who = format!(
        "{} signature #{} (d={} s={} c={})",
        m.source,
        s.index,
        s.d.as_deref().unwrap_or("?"),
        s.s.as_deref().unwrap_or("?"),
        s.c.as_deref().unwrap_or("?")
    );
    let dump = |what: &str, mark: &str, data: &[u8]| {
        ctx.info(format!("{who}: {what} ({} bytes; $ = CRLF):", data.len()));
        for line in data.split_inclusive(|&b| b == b'\n') {
            let (text, end) = match line.strip_suffix(b"\r\n") {
                Some(t) => (t, "$"),
                None => (line, ""),
            };
            ctx.info(format!("  {mark}| {}{end}", escape_bytes(text)));
        }
    };
    dump("canonicalized header hash input", "h", headers);
    dump("body hash input", "b", body);
}

/// Run `f` over `items` on every core (std scoped threads pulling the next index), results in
/// input order.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len())
        .max(1);
    if workers == 1 {
        return items.iter().map(&f).collect();
    }
    let next = AtomicUsize::new(0);
    let mut parts: Vec<(usize, R)> = std::thread::scope(|sc| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                sc.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(m) = items.get(i) else { break };
                        out.push((i, f(m)));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_default())
            .collect()
    });
    parts.sort_by_key(|(i, _)| *i);
    parts.into_iter().map(|(_, r)| r).collect()
}
