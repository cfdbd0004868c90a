//! OpenPGP for mail admins: keys (`key`), where a message's signature is (`message`), checking
//! it with reasons (`verify`), and finding the key for an address in DNS (`openpgpkey`, RFC 7929)
//! and on the web (`wkd`, over `transport::http`). rPGP (the `pgp` crate) does all OpenPGP parsing and
//! cryptography; nothing here reads packets by hand.

pub(crate) mod key;
pub(crate) mod message;
pub(crate) mod openpgpkey;
pub(crate) mod verify;
pub(crate) mod wkd;

/// Seconds since the epoch, now.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
