//! Golden cases of `jmap` against a scripted HTTP peer (a real server's ids, states and dates
//! change from run to run; the peer's answers do not): the session summarised, a mailbox list,
//! and a method error.

use super::*;
use crate::jmap::{peer_for_runs, resp};

fn jmap(addr: &str, sub: &str) -> Command {
    cmd(&[
        "jmap",
        sub,
        "-s",
        &format!("http://{addr}/"),
        "--timeout",
        "5s",
    ])
}

#[test]
fn golden_jmap() {
    let mut g = Golden::default();

    let (addr, _peer) = peer_for_runs(2, Vec::new);
    g.pair("jmap-capability", || jmap(&addr, "capability"));

    let mailboxes = r#"{"methodResponses":[["Mailbox/get",{"accountId":"A1","state":"1","list":[{"id":"mb1","name":"Inbox","parentId":null,"role":"inbox","totalEmails":3,"unreadEmails":1,"totalThreads":3,"unreadThreads":1},{"id":"mb2","name":"Lists","parentId":"mb1","role":null,"totalEmails":0,"unreadEmails":0,"totalThreads":0,"unreadThreads":0}],"notFound":[]},"m0"]],"sessionState":"1"}"#;
    let (addr, _peer) = peer_for_runs(2, || vec![resp("200 OK", "application/json", mailboxes)]);
    g.pair("jmap-list", || jmap(&addr, "list"));

    let error = r#"{"methodResponses":[["error",{"type":"unknownMethod","description":"no such method"},"m0"]],"sessionState":"1"}"#;
    let (addr, _peer) = peer_for_runs(2, || vec![resp("200 OK", "application/json", error)]);
    g.pair("jmap-list-method-error", || jmap(&addr, "list"));

    g.finish();
}
