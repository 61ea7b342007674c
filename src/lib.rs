//! nianbao: the gRPC service and CLI over [`nianbao_core`].

pub mod cli;
pub mod connect;
pub mod convert;
pub mod layers;
pub mod refusal;
pub mod server;
pub mod service;
pub mod telemetry;
pub mod telemetry_metrics;
pub mod web;

/// Generated proto code (package `nianbao.v1`), proto3-JSON serde impls and the descriptor set.
pub mod pb {
    #![allow(clippy::all, missing_docs)]
    tonic::include_proto!("nianbao.v1");
    include!(concat!(env!("OUT_DIR"), "/nianbao.v1.serde.rs"));
    /// The encoded file descriptor set of `proto/`, for reflection.
    pub const FILE_DESCRIPTOR_SET: &[u8] =
        tonic::include_file_descriptor_set!("nianbao_descriptor");
}

pub use layers::auth;
pub use nianbao_core as core;
