//! How a `shell` session is summed up for people: one line after the timings.

use crate::report::Human;
use crate::report::shell::ShellResult;

impl Human for ShellResult {
    fn after(&self) -> String {
        let met = if self.expectations_met > 0 {
            format!(", {} expectation(s) met", self.expectations_met)
        } else {
            String::new()
        };
        format!(
            "{} {} session: {} line(s) sent{met}{}\n",
            self.protocol,
            self.input,
            self.sent,
            if self.tls { ", TLS" } else { ", plaintext" }
        )
    }
}
