# The three Rust starters the measurement scripts build (sourced by measure-rust-deps.sh and
# measure-rust-profiles.sh): each_starter CMD calls CMD NAME MAIN_RS CARGO_ADD_COMMANDS for
# a clap CLI, an axum + tokio + serde JSON API and an actix-web JSON API.
# new_starter NAME MAIN_RS CARGO_ADD_COMMANDS: a fresh project NAME (entered) with its own
# CARGO_HOME beside it.
new_starter() {
  name=$1; main=$2; shift 2
  rm -rf "$name" home; mkdir home
  export CARGO_HOME=$PWD/home
  cargo new -q "$name" && cd "$name"
  eval "$@"
  printf '%s\n' "$main" > src/main.rs
}

each_starter() {
  measure=$1
  "$measure" clapapp '
use clap::Parser;
#[derive(Parser)]
struct Args { #[arg(short, long, default_value = "world")] name: String }
fn main() { let a = Args::parse(); println!("hello {}", a.name); }' \
  'cargo add -q clap@4 --features derive'
  "$measure" axumapp '
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
  "$measure" actixapp '
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
}
