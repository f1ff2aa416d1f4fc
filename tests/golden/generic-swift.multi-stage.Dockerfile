FROM swift:5.10 AS builder
WORKDIR /build
COPY . .
RUN swift build -c release

FROM debian:trixie-slim
WORKDIR /build
COPY --from=builder /build/.build/release/App /build/.build/release/App
EXPOSE 8080
ENTRYPOINT ["./.build/release/App", "serve", "--hostname", "0.0.0.0"]
