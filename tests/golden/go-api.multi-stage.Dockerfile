FROM golang:1.22-bookworm AS builder

WORKDIR /src

# Cache modules
COPY go.mod go.sum ./
RUN go mod download

COPY . .
RUN go build -ldflags="-s -w" -o /usr/local/bin/api ./cmd/api

USER 1000:1000

FROM debian:bookworm-slim
WORKDIR /src
COPY --from=builder /usr/local/bin/api /usr/local/bin/api
USER 1000:1000
ENV GIN_MODE=release
EXPOSE 8080
CMD ["/usr/local/bin/api"]
