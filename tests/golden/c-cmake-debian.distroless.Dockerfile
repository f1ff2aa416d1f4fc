FROM debian:bookworm AS builder
RUN apt-get update && apt-get install -y build-essential cmake
WORKDIR /app
COPY . .
RUN cmake -B build && cmake --build build

FROM gcr.io/distroless/cc-debian12
WORKDIR /app
COPY --from=builder /app/build/server /app/build/server
CMD ["./build/server"]
