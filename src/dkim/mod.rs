//! DKIM (RFC 6376, RFC 8301, RFC 8463): message input, canonicalization, verification and its
//! diagnoses (`dkim verify`); signing and key generation (`dkim sign`, `dkim keygen`).

pub mod arc;
pub mod canon;
pub mod diagnose;
pub mod input;
pub mod keygen;
pub mod localkey;
pub mod sign;
pub mod verify;
