FROM rust:alpine as build
WORKDIR /usr/src/hello-world
COPY hello-world .
RUN cargo install --path .

FROM gcr.io/distroless/static-debian12
COPY --from=build /usr/local/cargo/bin/hello-world /usr/local/bin/hello-world
CMD ["hello-world"]
