FROM rust:1.80

WORKDIR /usr/src/app

COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build --release

EXPOSE 3000
CMD ["./target/release/server"]
