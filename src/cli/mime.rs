//! `mailctl mime …` arguments.

use clap::{Args, Subcommand};

#[derive(Debug, Args)]
pub struct MimeArgs {
    #[command(subcommand)]
    pub command: MimeCommand,
}

#[derive(Debug, Subcommand)]
pub enum MimeCommand {
    /// Show the MIME tree of a message: each part's IMAP section number (RFC 3501 §6.4.5),
    /// content type and parameters, charset, transfer encoding, disposition and filename
    /// (RFC 2231 and RFC 2047 decoded), encoded and decoded size, byte offsets in the file, and
    /// the problems found (unclosed boundaries, invalid base64, 8-bit data in 7bit parts, long
    /// lines, bare CR/LF, broken header folding …). Exit 0 clean, 11 warnings, 12 errors.
    Show {
        /// The message (default stdin).
        #[arg(value_name = "FILE|-")]
        input: Option<String>,
        /// Write one part with its transfer encoding undone, by IMAP section number (as shown
        /// in the tree: 1, 1.2, 3.1, TEXT); needs -o.
        #[arg(long, value_name = "SECTION", requires = "output")]
        extract: Option<String>,
        /// Where --extract writes: a new file, an existing directory (the part's filename,
        /// reduced to a safe name, or part-SECTION), or - for stdout. An existing file is
        /// refused unless --force; a symlink is never followed.
        #[arg(short = 'o', long, value_name = "FILE|DIR|-", requires = "extract")]
        output: Option<String>,
        /// Replace an existing output file (atomically, never through a symlink).
        #[arg(long, requires = "output")]
        force: bool,
    },
}
