FROM alpine:3.20 AS builder
RUN apk add --no-cache build-base
WORKDIR /src
COPY . .
RUN gcc -O2 -o /usr/local/bin/hello hello.c

FROM alpine:3.20
WORKDIR /src
COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello
USER nobody
ENTRYPOINT ["/usr/local/bin/hello"]
