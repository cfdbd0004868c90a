//! How `smime verify` looks to people: the message and what S/MIME form it has, then each
//! signer (certificate subject, addresses, issuer, serial, validity, algorithms, signing time)
//! with its checks marked `✓` / `✗`, or the recipients of an encrypted message.

use super::human::{TreeNode, tree};
use crate::report::Human;
use crate::report::smime::SmimeVerify;
use crate::smime::{Recipient, Signer, Status};

fn leaf(label: String) -> TreeNode {
    TreeNode {
        label,
        children: vec![],
    }
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Good => "GOOD",
        Status::Bad => "BAD",
        Status::Untrusted => "UNTRUSTED",
        Status::NotSigned => "NOT SIGNED",
    }
}

fn signer(s: &Signer) -> TreeNode {
    let q = |o: &Option<String>| o.clone().unwrap_or_else(|| "?".into());
    let mut children = vec![
        leaf(format!(
            "email: {}",
            if s.emails.is_empty() {
                "(none)".into()
            } else {
                s.emails.join(", ")
            }
        )),
        leaf(format!("issuer: {}, serial {}", q(&s.issuer), q(&s.serial))),
        leaf(format!(
            "valid: {} to {}",
            q(&s.not_before),
            q(&s.not_after)
        )),
        leaf(format!(
            "digest {}, signature {}, signed at {}",
            s.digest_algorithm,
            s.signature_algorithm,
            s.signing_time.as_deref().unwrap_or("(no signingTime)")
        )),
    ];
    for c in &s.checks {
        let mark = if c.ok { "✓" } else { "✗" };
        children.push(leaf(format!("{mark} {}: {}", c.check, c.detail)));
    }
    if let Some(r) = &s.reason {
        children.push(leaf(format!("{}: {r}", status(s.status))));
    }
    TreeNode {
        label: format!(
            "signer {}  {}",
            s.subject.as_deref().unwrap_or("(certificate not found)"),
            status(s.status)
        ),
        children,
    }
}

fn recipient(r: &Recipient) -> TreeNode {
    let who = match (&r.issuer, &r.serial, &r.key_id) {
        (Some(i), Some(s), _) => format!("issuer {i}, serial {s}"),
        (_, _, Some(k)) => format!("key id {k}"),
        _ => "(no identifier)".into(),
    };
    leaf(format!(
        "recipient ({}, {}): {who}",
        r.kind, r.key_encryption
    ))
}

impl Human for SmimeVerify {
    fn results(&self) -> String {
        if !self.show {
            return String::new();
        }
        let v = &self.verification;
        let form = match v.form {
            "detached" => "S/MIME detached signature (multipart/signed)",
            "opaque" => "S/MIME opaque signature (application/pkcs7-mime signed-data)",
            "enveloped" => "S/MIME encrypted (enveloped-data)",
            "auth-enveloped" => "S/MIME encrypted (authEnveloped-data)",
            "certs-only" => "S/MIME certificates only",
            "pgp" => "PGP, not S/MIME",
            _ => "no S/MIME",
        };
        let mut head = format!("{}: {form}", self.input);
        if let Some(s) = &v.section {
            head.push_str(&format!(", part {s}"));
        }
        if let Some(f) = &v.from {
            head.push_str(&format!(", From: {f}"));
        }
        if let Some(n) = v.content_bytes {
            head.push_str(&format!(", {n} signed bytes"));
        }
        head.push_str(&format!(": {}", status(v.status)));
        let mut children: Vec<TreeNode> = Vec::new();
        if let Some(m) = &v.micalg {
            children.push(leaf(format!("micalg: {m}")));
        }
        if let Some(t) = &v.inner_type {
            children.push(leaf(format!("signed content: {t}")));
        }
        if v.certificates > 0 {
            children.push(leaf(format!(
                "{} certificate(s) in the CMS; chains checked at {}",
                v.certificates, v.checked_at
            )));
        }
        children.extend(v.signers.iter().map(signer));
        if let Some(c) = &v.content_encryption {
            children.push(leaf(format!("content encryption: {c}")));
        }
        children.extend(v.recipients.iter().map(recipient));
        if v.signers.is_empty()
            && let Some(r) = &v.reason
        {
            children.push(leaf(r.clone()));
        }
        tree(&TreeNode {
            label: head,
            children,
        })
    }
}
