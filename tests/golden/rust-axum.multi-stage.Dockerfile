FROM rust:1.80 AS builder

WORKDIR /usr/src/app

COPY Cargo.toml Cargo.lock ./
# Build the dependencies alone, so they are cached until Cargo.toml/Cargo.lock change
RUN mkdir src && echo 'fn main() {}' > src/main.rs \
    && cargo build --release \
    && rm -rf src
COPY src ./src
RUN touch src/main.rs && cargo build --release

FROM debian:bookworm-slim
WORKDIR /usr/src/app
COPY --from=builder /usr/src/app/target/release/server /usr/src/app/target/release/server
EXPOSE 3000
CMD ["./target/release/server"]
