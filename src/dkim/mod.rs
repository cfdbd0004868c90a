//! DKIM (RFC 6376, RFC 8301, RFC 8463): message input, canonicalization, verification and its
//! diagnoses (`dkim verify`); signing and key generation (`dkim sign`, `dkim keygen`).

pub mod arc;
pub(crate) mod batch;
pub mod canon;
pub mod diagnose;
mod evidence;
pub mod hash;
pub mod input;
pub mod keygen;
pub mod keys;
pub mod localkey;
pub mod report;
pub mod sign;
pub mod signature;
pub mod verify;
