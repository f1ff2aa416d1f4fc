FROM swift:5.10
WORKDIR /build
COPY . .
RUN swift build -c release
EXPOSE 8080
ENTRYPOINT ["./.build/release/App", "serve", "--hostname", "0.0.0.0"]
