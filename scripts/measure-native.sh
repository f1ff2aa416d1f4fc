#!/bin/sh
# Measures Rust and C program sizes with this machine's toolchains (rustc from rustup,
# Debian gcc 12, Debian musl-tools 1.2.3). Prints "name bytes" lines (data/MEASURED.md).
set -e
W=$(mktemp -d); cd "$W"
cargo new -q hello && cd hello
printf '[profile.release]\n' >> Cargo.toml
cargo build -q --release
echo "rust_hello_release $(stat -c %s target/release/hello)"
echo "rust_target_dir_after_release_build $(du -sb target | cut -f1)"
printf 'strip = true\n' >> Cargo.toml
cargo build -q --release
echo "rust_hello_release_stripped $(stat -c %s target/release/hello)"
cargo build -q --release --target x86_64-unknown-linux-musl
echo "rust_hello_musl_static_stripped $(stat -c %s target/x86_64-unknown-linux-musl/release/hello)"
RUSTFLAGS='-C target-feature=+crt-static' cargo build -q --release --target x86_64-unknown-linux-gnu
echo "rust_hello_glibc_static_stripped $(stat -c %s target/x86_64-unknown-linux-gnu/release/hello)"
cd "$W"
printf '#include <stdio.h>\nint main(){puts("hello");return 0;}\n' > hello.c
gcc -o h1 hello.c; echo "c_hello_gcc_dynamic $(stat -c %s h1)"
gcc -o h2 hello.c -static; echo "c_hello_gcc_static_glibc $(stat -c %s h2)"
musl-gcc -o h3 hello.c -static; echo "c_hello_musl_static $(stat -c %s h3)"
printf '#include <iostream>\nint main(){std::cout << "hello" << std::endl;return 0;}\n' > hello.cpp
g++ -o h4 hello.cpp; echo "cxx_hello_gxx_dynamic $(stat -c %s h4)"
g++ -o h5 hello.cpp -static; echo "cxx_hello_gxx_static_glibc $(stat -c %s h5)"
rustc --version; gcc --version | head -1
rm -rf "$W"
