FROM golang:1.22-bookworm

WORKDIR /src

# Cache modules
COPY go.mod go.sum ./
RUN go mod download

COPY . .
RUN go build -ldflags="-s -w" -o /usr/local/bin/api ./cmd/api

ENV GIN_MODE=release
USER 1000:1000
EXPOSE 8080
CMD ["/usr/local/bin/api"]
