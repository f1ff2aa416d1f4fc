FROM golang:1.19-alpine AS builder
WORKDIR /build
COPY go.mod .
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /main main.go

FROM scratch
COPY --from=builder /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
WORKDIR /build
COPY --from=builder /main /main
USER 65534:65534
ENTRYPOINT ["/main"]
