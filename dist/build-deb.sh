#!/usr/bin/env bash
# Builds the Debian package: the release binary, its manual pages and
# completions (made by the binary from its own command line), then
# `cargo deb`. Needs cargo-deb (cargo install cargo-deb --locked).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
assets=target/assets
rm -rf "$assets"
mkdir -p "$assets/man" "$assets/man-it"
bin=target/release/registro
"$bin" man --lang en --dir "$assets/man"
"$bin" man --lang it --dir "$assets/man-it"
gzip -9n "$assets"/man/*.1 "$assets"/man-it/*.1
"$bin" completions bash > "$assets/registro.bash"
"$bin" completions zsh > "$assets/_registro"
"$bin" completions fish > "$assets/registro.fish"
cargo deb --no-build
