# nianbao: multi-stage build. No protoc is needed (protox compiles the protos in build.rs).
#
# Final stages (docs/deploy.md):
#   runtime   (the default, last stage)  the binary built here by cargo
#   prebuilt  (--target prebuilt)        a binary built outside, copied from target/release/nianbao
# Both are `runtime-base` plus the binary: the runtime contract below is written once.
# BASE_IMAGE chooses what runtime-base stands on: anything with glibc, libgcc_s, CA certificates and
# a nonroot user 65532 (deploy/container-test.sh builds such a base from the host's own files).
ARG RUST_VERSION=1.95
ARG BASE_IMAGE=gcr.io/distroless/cc-debian13:nonroot

FROM rust:${RUST_VERSION}-slim-trixie AS chef
WORKDIR /app
RUN cargo install cargo-chef --locked --version 0.1.73

FROM chef AS planner
COPY . .
RUN cargo chef prepare --recipe-path recipe.json

FROM chef AS builder
COPY --from=planner /app/recipe.json recipe.json
RUN cargo chef cook --release --locked --recipe-path recipe.json
COPY . .
RUN cargo build --release --locked --bin nianbao

# The runtime contract, written once. No shell and no RUN: the base may have neither.
#   user     65532:65532, numeric (Kubernetes' runAsNonRoot can check it)
#   ports    50051 gRPC API, 50052 plaintext grpc.health.v1 (probes), 9090 Prometheus /metrics
#   process  nianbao is PID 1 (exec form): SIGTERM reaches it and starts the drain
#   settings NIANBAO_* variables, the defaults below put every listener on 0.0.0.0 (the binary's
#            own default, 127.0.0.1, is unreachable from outside a container); `serve --addr` or
#            -e NIANBAO_ADDR=... override them
# deploy/container-test.sh checks each of these against the running image, and tests/manifests.rs
# checks deploy/kubernetes against this file.
FROM ${BASE_IMAGE} AS runtime-base
LABEL org.opencontainers.image.title="nianbao" \
      org.opencontainers.image.description="政府信息公开工作年度报告 validator (gRPC)" \
      org.opencontainers.image.licenses="Apache-2.0"
USER 65532:65532
ENV NIANBAO_ADDR=0.0.0.0:50051 \
    NIANBAO_HEALTH_ADDR=0.0.0.0:50052 \
    NIANBAO_METRICS_ADDR=0.0.0.0:9090 \
    NIANBAO_LOG_FORMAT=json
EXPOSE 50051 50052 9090
ENTRYPOINT ["/usr/local/bin/nianbao"]
CMD ["serve"]

# A binary built outside: `cargo build --release --locked --bin nianbao`, then
# `podman build --target prebuilt .` (or docker). It needs the base's glibc or an older one.
FROM runtime-base AS prebuilt
COPY target/release/nianbao /usr/local/bin/nianbao

# The default: the binary built by the builder stage above.
FROM runtime-base AS runtime
COPY --from=builder /app/target/release/nianbao /usr/local/bin/nianbao
