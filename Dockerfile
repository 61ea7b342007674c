# nianbao: multi-stage build. No protoc is needed (protox compiles the protos in build.rs).
ARG RUST_VERSION=1.95

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

FROM gcr.io/distroless/cc-debian13:nonroot AS runtime
LABEL org.opencontainers.image.title="nianbao" \
      org.opencontainers.image.description="政府信息公开工作年度报告 validator (gRPC)"
COPY --from=builder /app/target/release/nianbao /usr/local/bin/nianbao
# Numeric non-root user (distroless "nonroot").
USER 65532:65532
ENV NIANBAO_ADDR=0.0.0.0:50051 \
    NIANBAO_HEALTH_ADDR=0.0.0.0:50052 \
    NIANBAO_METRICS_ADDR=0.0.0.0:9090 \
    NIANBAO_LOG_FORMAT=json
EXPOSE 50051 50052 9090
ENTRYPOINT ["/usr/local/bin/nianbao"]
CMD ["serve"]
