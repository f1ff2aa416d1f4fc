FROM golang:1.19-alpine AS builder
WORKDIR /build
COPY go.mod .
RUN go mod download
COPY . .
RUN go build -o /main main.go

FROM alpine:3.16
WORKDIR /build
COPY --from=builder /main /main
ENTRYPOINT ["/main"]
