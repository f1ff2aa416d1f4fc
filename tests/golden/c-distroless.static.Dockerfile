FROM gcc:6 AS build-env
COPY . /app
WORKDIR /app
RUN cc -static hello.c -o hello

FROM scratch
COPY --from=build-env /app/hello /app/hello
WORKDIR /app
CMD ["./hello"]
