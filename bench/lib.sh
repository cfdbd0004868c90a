# shellcheck shell=bash
# What every bench script starts with, sourced after it sets ROOT (the repository): log/die,
# installing missing Debian packages, building the mailctl under test, reaching the rig.
# Not a command of its own: run bench/load.sh, dns.sh, dkim.sh, smtp.sh or fetch.sh.

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: ERROR: %s\n' "$*" >&2; exit 1; }

# apt-get install the Debian packages named (none: nothing to do).
install_missing() {
  [ $# -gt 0 ] || return 0
  log "installing $*"
  [ "$(id -u)" = 0 ] || die "needs root to apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" >&2
}

# Build mailctl (release); sets MAILCTL (the binary) and REV (the commit, +dirty when the
# working tree's sources differ from it). With BENCH_REV: that commit, from a `git archive`
# snapshot in $BENCH_OUT (the working tree may be mid-edit), in a target dir of its own seeded
# once from the main one to skip dependency builds. Otherwise: the working tree.
build_mailctl() {
  local base=${BENCH_OUT:-/tmp/mailctl-bench}
  if [ -n "${BENCH_REV:-}" ]; then
    REV=$(git -C "$ROOT" rev-parse --short "$BENCH_REV")
    local src="$base/src-$REV"
    if [ ! -d "$src" ]; then
      mkdir -p "$src.tmp" && git -C "$ROOT" archive "$REV" | tar -x -C "$src.tmp" && mv "$src.tmp" "$src"
    fi
    export CARGO_TARGET_DIR="$base/target"
    if [ ! -d "$CARGO_TARGET_DIR/release" ] && [ -d "$ROOT/target/release" ]; then
      mkdir -p "$CARGO_TARGET_DIR" && cp -a "$ROOT/target/release" "$CARGO_TARGET_DIR/"
    fi
    log "building mailctl $REV (release, from git archive in $src)"
    # The snapshot's files carry the commit's time: after another revision's newer build in the
    # same target dir, cargo would keep that binary. Touched now, they are newer than any output;
    # and each revision's binary is kept under its own name, so no later build replaces it.
    find "$src" -type f -exec touch {} +
    (cd "$src" && cargo build --release --quiet)
    cp "$CARGO_TARGET_DIR/release/mailctl" "$base/mailctl-$REV"
    MAILCTL="$base/mailctl-$REV"
  else
    REV="$(git -C "$ROOT" rev-parse --short HEAD)$( (git -C "$ROOT" diff --quiet HEAD -- src Cargo.toml Cargo.lock &&
      [ -z "$(git -C "$ROOT" ls-files --others --exclude-standard -- src)" ]) || echo '+dirty')"
    log "building mailctl $REV (release, working tree)"
    (cd "$ROOT" && cargo build --release --quiet) ||
      die "build failed (working tree mid-edit?) -- try BENCH_REV=HEAD bash bench/$(basename "$0")"
    MAILCTL="$ROOT/target/release/mailctl"
  fi
  [ -x "$MAILCTL" ] || die "no $MAILCTL after build"
}

# Start the real-server rig in $RIG_DIR if it is not running, and read its rig.env (ports, CA,
# users and passwords) into this shell.
use_rig() {
  log "ensuring rig in $RIG_DIR"
  bash "$ROOT/tests/rig/rig.sh" ensure "$RIG_DIR" >&2
  # shellcheck disable=SC1091
  . "$RIG_DIR/rig.env"
}
