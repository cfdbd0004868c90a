//! MTA-STS end to end (RFC 8461): the policy fetched from
//! `https://mta-sts.DOMAIN/.well-known/mta-sts.txt` by the rules senders follow (§3.3), read as
//! they read it (§3.2, [`policy`]), set beside the `_mta-sts` TXT record that announces it (§3.1),
//! and held against the domain's MX hosts and the certificates their probes saw (§4).
//!
//! The fetch is a session like an MX probe: its own timed transcript (the HTTP request and
//! response heads as `C:`/`S:` lines, the body summarised), per-phase timings, and a failure
//! named with the phase it happened in. HTTP is hyper's (`client::conn::http1`) over the same
//! connect and TLS code as every other session; nothing here speaks HTTP by hand.
//!
//! Three steps, so the audit can run the fetch beside its DNS lookups and MX probes: [`fetch`]
//! (the network part, with the findings about the fetch and the policy text), then [`judge`]
//! (pure: the TXT record and the MX coverage, through [`coverage`]).

pub(crate) mod policy;
