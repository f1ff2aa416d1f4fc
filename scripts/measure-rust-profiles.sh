#!/usr/bin/env bash
# Measures the Rust binaries whose size depends on the profile and the toolchain's age, for
# a program without dependencies and the three starters of scripts/measure-rust-deps.sh:
#  - release with `strip = "none"`: what `cargo build --release` made before Rust 1.77
#    (2024-03-21), when Cargo began stripping debuginfo from release builds by default, so
#    the standard library's debuginfo stayed in the binary;
#  - the dev profile (`cargo build` without --release): debuginfo for everything, no
#    optimisation; and its target/ folder.
# Each binary is also measured after `strip`.
# Gives facts::RUST_*_UNSTRIPPED and facts::RUST_*_DEBUG (data/MEASURED.md). Needs cargo and
# crates.io; a few minutes per starter.
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
  CARGO_PROFILE_RELEASE_STRIP=none cargo build --release -q 2>&1 | tail -2
  rel=$(stat -c %s target/release/$name)
  strip -o rel.stripped target/release/$name
  rels=$(stat -c %s rel.stripped)
  rm -rf target
  cargo build -q 2>&1 | tail -2
  strip -o dbg.stripped target/debug/$name
  echo "$name | release unstripped $rel | release after strip $rels | debug binary $(stat -c %s target/debug/$name) | debug after strip $(stat -c %s dbg.stripped) | debug target $(du -sb target | cut -f1)"
  cd ..
}
measure hello 'fn main() { println!("Hello, world!"); }' ':'
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
rustc --version
