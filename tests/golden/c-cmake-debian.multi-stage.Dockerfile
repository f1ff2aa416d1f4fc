FROM debian:bookworm AS builder
RUN apt-get update && apt-get install -y build-essential cmake
WORKDIR /app
COPY . .
RUN cmake -B build && cmake --build build

FROM debian:bookworm-slim
WORKDIR /app
COPY --from=builder /app/build/server /app/build/server
CMD ["./build/server"]
