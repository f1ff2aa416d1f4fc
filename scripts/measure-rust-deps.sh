#!/usr/bin/env bash
# Measures what a release build of typical Rust starters leaves in an image: target/, the
# Cargo registry ($CARGO_HOME/registry: the index cache, downloaded .crate files and their
# sources) and the release binary of a small program on the starter's crates. These give
# facts::RUST_TARGET_DIR, facts::RUST_REGISTRY and facts::RUST_STARTER_BINARY
# (data/MEASURED.md). Needs cargo and crates.io. Takes a few minutes per starter (-j 1).
set -u
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
cd "$work"
measure() { # name, main.rs, then the cargo add commands
  name=$1; main=$2; shift 2
  rm -rf "$name" home; mkdir home
  export CARGO_HOME=$PWD/home
  cargo new -q "$name" && cd "$name"
  eval "$@"
  printf '%s\n' "$main" > src/main.rs
  cargo build --release -q -j 1 2>&1 | tail -2
  echo "$name | target $(du -sb target | cut -f1) | registry $(du -sb ../home/registry | cut -f1) | crates $(ls ../home/registry/src/*/ | wc -l) | binary $(stat -c %s target/release/$name)"
  cd ..
}
measure clapapp '
use clap::Parser;
#[derive(Parser)]
struct Args { #[arg(short, long, default_value = "world")] name: String }
fn main() { let a = Args::parse(); println!("hello {}", a.name); }' \
  'cargo add -q clap@4 --features derive'
measure axumapp '
use axum::{routing::get, Json, Router};
use serde::Serialize;
#[derive(Serialize)]
struct Msg { message: String }
async fn hello() -> Json<Msg> { Json(Msg { message: "hello".into() }) }
#[tokio::main]
async fn main() {
    let app = Router::new().route("/", get(hello));
    let l = tokio::net::TcpListener::bind("0.0.0.0:8080").await.unwrap();
    axum::serve(l, app).await.unwrap();
    let _ = serde_json::to_string(&Msg { message: String::new() });
}' \
  'cargo add -q axum@0.8; cargo add -q tokio@1 --features full; cargo add -q serde@1 --features derive; cargo add -q serde_json@1'
measure actixapp '
use actix_web::{get, web, App, HttpServer, Responder};
use serde::Serialize;
#[derive(Serialize)]
struct Msg { message: String }
#[get("/")]
async fn hello() -> impl Responder { web::Json(Msg { message: "hello".into() }) }
#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| App::new().service(hello)).bind(("0.0.0.0", 8080))?.run().await
}' \
  'cargo add -q actix-web@4; cargo add -q serde@1 --features derive'
