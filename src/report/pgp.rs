//! The typed results of `pgp verify`, `wkd` and `dns openpgpkey`: what was checked and found,
//! serialized into the JSON summary and laid out for people in `render/pgp.rs`.

use crate::pgp::key::KeyInfo;
use crate::pgp::openpgpkey::OpenPgpKeyResult;
use crate::pgp::verify::Verification;
use crate::pgp::wkd::WkdResult;
use serde::Serialize;

/// `pgp verify`.
#[derive(Debug, Serialize)]
pub(crate) struct PgpVerify {
    /// The message file, or `-` for stdin.
    pub(crate) input: String,
    /// `key`, `wkd` or `dns`: where the keys came from.
    pub(crate) key_source: &'static str,
    /// The sender the key must belong to (--address, else From:).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) address: Option<String>,
    /// The keys checked against.
    pub(crate) keys: Vec<KeyInfo>,
    #[serde(flatten)]
    pub(crate) verification: Verification,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) wkd: Option<WkdResult>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) openpgpkey: Option<OpenPgpKeyResult>,
}

/// `wkd ADDRESS`.
#[derive(Debug, Serialize)]
pub(crate) struct Wkd {
    #[serde(flatten)]
    pub(crate) wkd: WkdResult,
}

/// `dns openpgpkey ADDRESS`.
#[derive(Debug, Serialize)]
pub(crate) struct OpenPgpKey {
    pub(crate) openpgpkey: OpenPgpKeyResult,
}
