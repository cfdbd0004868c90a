//! DKIM (RFC 6376, RFC 8301, RFC 8463): message input, canonicalization, verification and its
//! diagnoses (`dkim verify`); signing and key generation (`dkim sign`, `dkim keygen`); ARC
//! chains (RFC 8617).
//!
//! Verification, bottom up: `signature` parses DKIM-Signature fields (tag-lists read by
//! `crate::dns::taglist`, shared with key and DMARC records), `keys` fetches and loads keys,
//! `hash` builds the hash inputs and checks the signature, `evidence` and `diagnose` say why one
//! failed, `verify` judges a message into the types of `report`, and `batch` runs a mailbox of
//! messages on every core while each key is fetched once.

pub mod arc;
pub(crate) mod batch;
pub mod canon;
pub mod diagnose;
mod evidence;
pub(crate) mod hash;
pub mod input;
pub mod keygen;
pub(crate) mod keys;
pub mod localkey;
pub(crate) mod report;
pub mod sign;
pub(crate) mod signature;
pub mod verify;
