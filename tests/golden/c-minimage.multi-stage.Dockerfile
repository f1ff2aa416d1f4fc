FROM gcc AS builder
COPY hello.c .
RUN gcc -o hello hello.c

FROM debian:trixie-slim
COPY --from=builder /hello /hello
CMD ["./hello"]
