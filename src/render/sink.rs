//! How `smtp sink` looks: each connection's transcript (server side: `C:` the client, `S:` the
//! sink), never interleaved with another's, and the summary of the run.

use super::Printer;
use super::human;
use crate::event::{Event, OutputMode, Sink};
use crate::report::Human;
use crate::report::sink::{SinkResult, Transcripts};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Text kept for a connection that waits for its turn: beyond this its lines are counted, not
/// kept (a client that sends a million bad commands while another connection is shown).
const KEPT_MAX: usize = 256 * 1024;

impl Human for SinkResult {
    fn after(&self) -> String {
        let kept = match &self.path {
            Some(p) => format!("{} {}", self.storage, human::clean(p)),
            None => "counted and discarded".into(),
        };
        format!(
            "  messages: {} taken ({} bytes, {} recipients), {} refused; {kept}\n  \
             connections: {} ({} refused at --max-connections), errors: {}\n  \
             {:.1} messages/s over {:.1} s, ended by {}\n",
            self.messages,
            self.bytes,
            self.recipients,
            self.rejected,
            self.connections,
            self.refused_connections,
            self.errors,
            self.messages_per_s,
            self.elapsed_ms / 1000.0,
            self.ended_by.replace('_', "-"),
        )
    }
}

/// Each connection's transcript, live while no other one is shown, else kept and printed
/// whole at its end (see [`Transcripts`]).
pub(crate) struct Live {
    inner: Arc<Inner>,
}

struct Inner {
    printer: Arc<Printer>,
    mode: OutputMode,
    board: Mutex<Board>,
}

#[derive(Default)]
struct Board {
    /// The connection being shown live.
    owner: Option<u64>,
    /// What the others have said so far.
    kept: HashMap<u64, Kept>,
}

#[derive(Default)]
struct Kept {
    text: String,
    dropped: u64,
}

impl Live {
    pub(crate) fn new(printer: Arc<Printer>, mode: OutputMode) -> Live {
        Live {
            inner: Arc::new(Inner {
                printer,
                mode,
                board: Mutex::new(Board::default()),
            }),
        }
    }
}

impl Inner {
    fn board(&self) -> std::sync::MutexGuard<'_, Board> {
        self.board.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn print_kept(&self, k: Kept) {
        self.printer.print(&k.text);
        if k.dropped > 0 {
            let line = if self.mode == OutputMode::Json {
                json!({"type": "warning", "msg": format!("{} more events of this connection not shown", k.dropped)}).to_string() + "\n"
            } else {
                format!(
                    "  ({} more lines of this connection not shown)\n",
                    k.dropped
                )
            };
            self.printer.print(&line);
        }
    }
}

/// One connection's events, rendered as they come (its own Δ column).
struct ConnSink {
    conn: u64,
    inner: Arc<Inner>,
    state: Mutex<human::State>,
}

impl Sink for ConnSink {
    fn emit(&self, event: Event) {
        let text = if self.inner.mode == OutputMode::Json {
            let mut v = serde_json::to_value(&event)
                .unwrap_or_else(|e| json!({"type": "error", "msg": e.to_string()}));
            if let Value::Object(m) = &mut v {
                m.insert("conn".into(), json!(self.conn));
            }
            v.to_string() + "\n"
        } else {
            let mut st = self.state.lock().unwrap_or_else(|e| e.into_inner());
            human::event(&event, &mut st)
        };
        let mut board = self.inner.board();
        if board.owner.is_none_or(|o| o == self.conn) {
            board.owner = Some(self.conn);
            if let Some(k) = board.kept.remove(&self.conn) {
                self.inner.print_kept(k);
            }
            self.inner.printer.print(&text);
        } else {
            let k = board.kept.entry(self.conn).or_default();
            if k.text.len() + text.len() <= KEPT_MAX {
                k.text.push_str(&text);
            } else {
                k.dropped += 1;
            }
        }
    }
}

impl Transcripts for Live {
    fn open(&self, conn: u64) -> Option<Arc<dyn Sink>> {
        if self.inner.mode == OutputMode::Quiet {
            return None;
        }
        Some(Arc::new(ConnSink {
            conn,
            inner: self.inner.clone(),
            state: Mutex::new(human::State::server_side()),
        }))
    }

    fn close(&self, conn: u64) {
        let mut board = self.inner.board();
        if board.owner == Some(conn) {
            board.owner = None;
        }
        if let Some(k) = board.kept.remove(&conn) {
            self.inner.print_kept(k);
        }
    }
}
