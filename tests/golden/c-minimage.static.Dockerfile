FROM gcc AS builder
COPY hello.c .
RUN gcc -static -o hello hello.c

FROM scratch
COPY --from=builder /hello /hello
CMD ["./hello"]
