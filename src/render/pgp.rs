//! How `pgp verify`, `wkd` and `dns openpgpkey` look to people: the signature(s) with signer
//! and verdict, the keys with their user IDs and validity, the WKD methods tried. Findings are
//! printed after these, as for every command.

use super::human::{TreeNode, tree};
use crate::pgp::key::KeyInfo;
use crate::pgp::verify::SigVerdict;
use crate::pgp::wkd::{MethodResult, describe};
use crate::report::Human;
use crate::report::pgp::{OpenPgpKey, PgpVerify, Wkd};
use crate::utc::fmt_utc;

fn leaf(label: String) -> TreeNode {
    TreeNode {
        label,
        children: vec![],
    }
}

/// One key: fingerprint, algorithm, dates, state; user IDs and subkeys below.
pub(super) fn key_node(k: &KeyInfo) -> TreeNode {
    let mut state = Vec::new();
    if k.revoked {
        state.push("REVOKED".to_string());
    }
    if k.expired {
        state.push("EXPIRED".to_string());
    }
    let label = format!(
        "key {} ({} {}), created {}, {}{}",
        k.fingerprint,
        k.algorithm,
        k.strength,
        fmt_utc(k.created),
        match k.expires {
            Some(e) => format!("expires {}", fmt_utc(e)),
            None => "does not expire".into(),
        },
        if state.is_empty() {
            String::new()
        } else {
            format!("  [{}]", state.join(", "))
        }
    );
    let mut children: Vec<TreeNode> = k
        .user_ids
        .iter()
        .map(|u| {
            let mut l = format!("uid {}", u.uid);
            if u.primary {
                l.push_str("  [primary]");
            }
            if !u.bound {
                l.push_str("  [no valid self-signature]");
            }
            if u.revoked {
                l.push_str("  [revoked]");
            }
            leaf(l)
        })
        .collect();
    for s in &k.subkeys {
        let mut caps = Vec::new();
        if s.signs {
            caps.push("sign");
        }
        if s.encrypts {
            caps.push("encrypt");
        }
        let mut l = format!(
            "subkey {} ({} {}) [{}]",
            s.fingerprint,
            s.algorithm,
            s.strength,
            caps.join(",")
        );
        if let Some(e) = s.expires {
            l.push_str(&format!(" expires {}", fmt_utc(e)));
        }
        if !s.bound {
            l.push_str("  [not bound]");
        }
        if s.revoked {
            l.push_str("  [revoked]");
        }
        children.push(leaf(l));
    }
    TreeNode { label, children }
}

impl Human for PgpVerify {
    fn results(&self) -> String {
        let v = &self.verification;
        let mut head = format!("{}: ", self.input);
        head.push_str(match v.form {
            "pgp-mime" => "PGP/MIME signed (RFC 3156)",
            "inline" => "inline cleartext-signed (RFC 9580 §7)",
            "encrypted" => "PGP/MIME encrypted (RFC 3156 §4)",
            "other-protocol" => "multipart/signed, not OpenPGP",
            _ => "no OpenPGP signature",
        });
        let mut children = Vec::new();
        if let Some(m) = &v.mime {
            children.push(leaf(format!(
                "part {} multipart/signed micalg={}: signed part {} (@{}..{}, {} octets canonical), signature part {}",
                m.section,
                m.micalg.as_deref().unwrap_or("(none)"),
                m.signed_section,
                m.signed_range.0,
                m.signed_range.1,
                v.signed_bytes.unwrap_or(0),
                m.signature_section
            )));
        } else if let (Some(s), "inline") = (&v.section, v.form) {
            children.push(leaf(format!(
                "part {s}: {} octets signed (dash-unescaped, CRLF)",
                v.signed_bytes.unwrap_or(0)
            )));
        }
        if let Some(n) = &v.note {
            children.push(leaf(n.clone()));
        }
        if v.more_signatures {
            children.push(leaf(format!(
                "more than {} signatures: only the first {} were checked",
                crate::pgp::verify::MAX_SIGNATURES,
                crate::pgp::verify::MAX_SIGNATURES
            )));
        }
        for s in &v.signatures {
            let word = match s.verdict {
                SigVerdict::Good => "✓ good signature",
                SigVerdict::KeyInvalid => "✗ verifies, key not valid",
                SigVerdict::NoKey => "? no key",
                SigVerdict::Bad => "✗ bad signature",
            };
            let mut sc = Vec::new();
            if let Some(f) = &s.issuer_fingerprint {
                sc.push(leaf(format!("issuer fingerprint {f}")));
            } else if let Some(k) = &s.issuer_key_id {
                sc.push(leaf(format!("issuer key ID {k}")));
            }
            if let Some(c) = s.created {
                sc.push(leaf(format!("made {}", fmt_utc(c))));
            }
            sc.push(leaf(format!(
                "{} {} ({} signature)",
                s.algorithm.as_deref().unwrap_or("?"),
                s.hash.as_deref().unwrap_or("?"),
                s.sig_type.as_deref().unwrap_or("?")
            )));
            if let Some(k) = &s.signer {
                sc.push(leaf(format!(
                    "signer key {k}{}",
                    s.signer_subkey
                        .as_ref()
                        .map(|x| format!(" (subkey {x})"))
                        .unwrap_or_default()
                )));
            }
            for u in &s.signer_user_ids {
                sc.push(leaf(format!("uid {u}")));
            }
            if let Some(r) = &s.reason {
                sc.push(leaf(format!("why: {r}")));
            }
            children.push(TreeNode {
                label: word.to_string(),
                children: sc,
            });
        }
        if let Some(a) = &self.address {
            children.push(leaf(format!("sender {a}")));
        }
        let mut keys = TreeNode {
            label: format!("{} key(s) from {}", self.keys.len(), self.key_source),
            children: self.keys.iter().map(key_node).collect(),
        };
        if let Some(w) = &self.wkd {
            keys.children.push(method_node(&w.advanced));
            keys.children.push(method_node(&w.direct));
        }
        if let Some(o) = &self.openpgpkey {
            keys.children
                .push(leaf(format!("OPENPGPKEY {}: {}", o.name, o.outcome)));
        }
        children.push(keys);
        tree(&TreeNode {
            label: head,
            children,
        })
    }
}

fn method_node(m: &MethodResult) -> TreeNode {
    let mut children = Vec::new();
    if let Some(p) = m.policy_status {
        children.push(leaf(format!("policy file: HTTP {p}")));
    }
    for r in &m.redirects {
        children.push(leaf(format!("redirect {r}")));
    }
    if let Some(ct) = &m.content_type {
        children.push(leaf(format!("Content-Type: {ct}")));
    }
    children.extend(m.keys.iter().map(key_node));
    TreeNode {
        label: format!("{} method {}: {}", m.method.as_str(), m.url, describe(m)),
        children,
    }
}

impl Human for Wkd {
    fn results(&self) -> String {
        let w = &self.wkd;
        tree(&TreeNode {
            label: format!(
                "{}: WKD hash {} (z-base-32 SHA-1 of the local part); clients use the {} method",
                w.address,
                w.hash,
                w.used().method.as_str()
            ),
            children: vec![method_node(&w.advanced), method_node(&w.direct)],
        })
    }
}

impl Human for OpenPgpKey {
    fn results(&self) -> String {
        let o = &self.openpgpkey;
        let children = o
            .records
            .iter()
            .map(|r| {
                let mut n = TreeNode {
                    label: format!("OPENPGPKEY TTL {} ({} octets)", r.ttl, r.bytes),
                    children: r.keys.iter().map(key_node).collect(),
                };
                if let Some(e) = &r.error {
                    n.children.push(leaf(format!("not a key: {e}")));
                }
                n
            })
            .collect();
        let dnssec = o
            .dnssec
            .as_ref()
            .map(|c| {
                format!(
                    ", DNSSEC {}",
                    serde_json::to_value(c.status)
                        .unwrap_or_default()
                        .as_str()
                        .unwrap_or("?")
                )
            })
            .unwrap_or_default();
        tree(&TreeNode {
            label: format!("{} at {}: {}{dnssec}", o.address, o.name, o.outcome),
            children,
        })
    }
}
