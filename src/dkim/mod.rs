//! DKIM (RFC 6376, RFC 8301, RFC 8463): message input, canonicalization, verification and its
//! diagnoses (`dkim verify`); signing and key generation (`dkim sign`, `dkim keygen`); ARC
//! chains (RFC 8617).
//!
//! Verification, bottom up: `signature` parses DKIM-Signature fields (tag-lists read by
//! `crate::dns::taglist`, shared with key and DMARC records), `keys` fetches and loads keys,
//! `hash` builds the hash inputs and checks the signature, `evidence` and `diagnose` say why one
//! failed, `verify` judges a message into the types of `report`, and `batch` runs a mailbox of
//! messages on every core while each key is fetched once.

pub(crate) mod arc;
pub(crate) mod batch;
pub(crate) mod canon;
pub(crate) mod diagnose;
mod evidence;
pub(crate) mod hash;
pub(crate) mod input;
pub(crate) mod keygen;
pub(crate) mod keys;
pub(crate) mod localkey;
pub(crate) mod report;
pub(crate) mod sign;
pub(crate) mod signature;
pub(crate) mod verify;
