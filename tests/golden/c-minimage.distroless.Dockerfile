FROM gcc AS builder
COPY hello.c .
RUN gcc -o hello hello.c

FROM gcr.io/distroless/cc-debian13
COPY --from=builder /hello /hello
CMD ["./hello"]
