FROM alpine:3.20
RUN apk add --no-cache build-base
WORKDIR /src
COPY . .
RUN gcc -O2 -o /usr/local/bin/hello hello.c
USER nobody
ENTRYPOINT ["/usr/local/bin/hello"]
