FROM alpine:3.20 AS builder
RUN apk add --no-cache build-base
WORKDIR /src
COPY . .
RUN gcc -static -O2 -o /usr/local/bin/hello hello.c

FROM scratch
WORKDIR /src
COPY --from=builder /usr/local/bin/hello /usr/local/bin/hello
USER 65534:65534
ENTRYPOINT ["/usr/local/bin/hello"]
