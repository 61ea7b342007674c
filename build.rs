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
    embed_web(&out)?;
    Ok(())
}

/// Embeds every file under `web/` (the clerks' page) in the binary: writes `web_assets.rs`, a
/// sorted slice of (`/name`, bytes) read with `include_bytes!`, so the server needs no files at
/// run time.
fn embed_web(out: &std::path::Path) -> anyhow::Result<()> {
    let root = PathBuf::from("web");
    println!("cargo:rerun-if-changed=web");
    let mut files = Vec::new();
    if root.is_dir() {
        collect_files(&root, &mut files)?;
    }
    files.sort();
    let mut code = String::from("&[\n");
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let name = f.strip_prefix(&root)?.to_string_lossy().replace('\\', "/");
        let abs = fs::canonicalize(f)?;
        code.push_str(&format!(
            "    ({:?}, include_bytes!({:?}) as &[u8]),\n",
            format!("/{name}"),
            abs.to_string_lossy()
        ));
    }
    code.push(']');
    fs::write(out.join("web_assets.rs"), code)?;
    Ok(())
}

fn collect_files(dir: &PathBuf, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_files(&path, out)?;
        } else {
            out.push(path);
        }
    }
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
