FROM golang:1.19-alpine as builder
WORKDIR /build
COPY go.mod .
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -o /main main.go

FROM gcr.io/distroless/static-debian12
COPY --from=builder main /bin/main
ENTRYPOINT ["/bin/main"]
