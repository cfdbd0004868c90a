//! The result of one command, handed to the renderer for the summary and the exit code.

pub mod check;

use crate::error::{Failure, Kind, Phase};
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub struct Report {
    /// e.g. "smtp send".
    pub command: String,
    /// The address we ended up talking to.
    pub server: Option<String>,
    pub failure: Option<Failure>,
    /// One-line result on success, e.g. the server's final reply.
    pub detail: Option<String>,
    /// Command-specific fields, merged into the JSON summary (e.g. `recipients`).
    pub data: Map<String, Value>,
    pub timings: Vec<(Phase, f64)>,
    pub total_ms: f64,
    /// A result table for people (column names, rows); machines read `data`.
    pub table: Option<(Vec<String>, Vec<Vec<String>>)>,
    /// Audit findings (dns), shown after the table and in JSON as `findings`.
    pub findings: Vec<crate::dns::finding::Finding>,
    /// A tree for people (e.g. an SPF include tree), drawn before the table.
    pub tree: Option<TreeNode>,
}

/// A labelled tree, drawn with box-drawing lines by the human renderer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TreeNode {
    pub label: String,
    pub children: Vec<TreeNode>,
}

impl Report {
    pub fn new(command: impl Into<String>) -> Self {
        Report {
            command: command.into(),
            server: None,
            failure: None,
            detail: None,
            data: Map::new(),
            timings: Vec::new(),
            total_ms: 0.0,
            table: None,
            findings: Vec::new(),
            tree: None,
        }
    }

    /// Close the report: the failure (if any), the phase timings and the total time.
    pub fn finish(mut self, failure: Option<Failure>, ctx: &crate::event::Ctx) -> Report {
        self.failure = failure;
        self.timings = ctx.timings();
        self.total_ms = ctx.now_ms();
        self
    }

    pub fn exit_code(&self) -> i32 {
        self.failure.as_ref().map_or(0, Failure::exit_code)
    }

    /// `ok`, `partial`, `warning` or `fail`.
    pub fn outcome(&self) -> &'static str {
        match &self.failure {
            None => "ok",
            Some(f) if f.kind == Kind::Partial => "partial",
            Some(f) if f.kind == Kind::Warnings => "warning",
            Some(f) if f.kind == Kind::Interrupted => "interrupted",
            Some(_) => "fail",
        }
    }
}
