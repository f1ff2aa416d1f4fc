FROM rust:1-bookworm
RUN apt-get update && apt-get install -y pkg-config libssl-dev
WORKDIR /app
COPY . .
RUN cargo build --release
CMD ["cargo", "run", "--release"]
