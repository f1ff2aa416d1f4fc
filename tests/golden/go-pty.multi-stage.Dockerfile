ARG GOVERSION=1.18.2
FROM golang:${GOVERSION} AS builder

# Set base env.
ARG GOOS=linux
ARG GOARCH=amd64
ENV GOOS=${GOOS} GOARCH=${GOARCH} CGO_ENABLED=0 GOFLAGS='-v -ldflags=-s -ldflags=-w'

# Pre compile the stdlib for 386/arm (32bits).
RUN go build -a std

# Add the code to the image.
WORKDIR /go/pty
COPY . .

# Build the lib.
RUN go build -o /app

FROM debian:bullseye-slim
WORKDIR /go/pty
COPY --from=builder /app /app
