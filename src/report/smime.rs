//! The typed result of `smime verify`: the verification (`smime::Verification`: form, signers
//! with their checks, recipients of an encrypted message), laid out in render/smime.rs.

use crate::smime::Verification;
use serde::Serialize;

#[derive(Debug, Serialize)]
pub(crate) struct SmimeVerify {
    /// The input file, or `-` for stdin.
    pub input: String,
    #[serde(flatten)]
    pub verification: Verification,
    /// Whether people see the details: not with -q.
    #[serde(skip)]
    pub show: bool,
}
