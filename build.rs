//! Deflates the ISTAT table of places (src/taxcode/places.txt) into the
//! build's output folder, so the binary carries 0.14 MB instead of 0.5 MB
//! (the stripped binary's budget in BENCHMARKS.md); src/taxcode/places.rs
//! inflates it on first use.

use std::io::Write;
use std::path::PathBuf;
use std::{env, fs};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let source = "src/taxcode/places.txt";
    println!("cargo::rerun-if-changed={source}");
    let text = fs::read(source)?;
    // Its inflated length, so that the inflating allocates once: a string
    // grown by doubling would leave a peak of twice the table in memory.
    println!("cargo::rustc-env=PLACES_TXT_BYTES={}", text.len());
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&text)?;
    let deflated = encoder.finish()?;
    let out = PathBuf::from(env::var("OUT_DIR")?).join("places.txt.deflate");
    fs::write(out, deflated)?;
    Ok(())
}
