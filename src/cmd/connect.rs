//! Moved to [`crate::transport::connect`](mod@crate::transport::connect): this re-export keeps the callers' `cmd::connect` paths
//! working until they are switched (then this file goes).

pub use crate::transport::connect::*;
