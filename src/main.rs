//! Entry point: everything is in the library's [`mailctl::app`], so that every other module can
//! stay crate-private (`pub(crate)`, ripgrep's style) instead of being public for this binary.

fn main() {
    std::process::exit(mailctl::app::main());
}
