//! Generates the gRPC code from `proto/` with protox (pure Rust, no protoc) and tonic-prost-build,
//! writes the file descriptor set for reflection, and the proto3-JSON (pbjson) serde impls.
use std::{env, fs, path::PathBuf};

use prost::Message;

fn main() -> anyhow::Result<()> {
    let mut files: Vec<PathBuf> = Vec::new();
    collect_protos(&PathBuf::from("proto"), &mut files)?;
    files.sort();
    let fds = protox::compile(&files, ["proto"])?;
    let out = PathBuf::from(env::var("OUT_DIR")?);
    let bytes = fds.encode_to_vec();
    fs::write(out.join("nianbao_descriptor.bin"), &bytes)?;
    tonic_prost_build::configure()
        .build_server(true)
        .build_client(true)
        .compile_fds(fds)?;
    pbjson_build::Builder::new()
        .register_descriptors(&bytes)?
        .build(&[".nianbao.v1"])?;
    println!("cargo:rerun-if-changed=proto");
    println!("cargo:rerun-if-changed=build.rs");
    Ok(())
}

fn collect_protos(dir: &PathBuf, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect_protos(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "proto") {
            out.push(path);
        }
    }
    Ok(())
}
