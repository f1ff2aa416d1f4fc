//! `slimfile`: the engine on the command line, for scripts and CI.
//!
//!     slimfile parse   [--format json|text] FILE
//!     slimfile analyze [--format json|text|sarif] [--context-bytes N] [--artifact-bytes N] [--dependencies-bytes N] [--base-bytes N] [--as-of YYYY-MM-DD] FILE...
//!     slimfile analyze --format sarif FILE...   findings as SARIF 2.1.0 for CI
//!     slimfile share [--base URL] FILE      prints the playground link for FILE
//!     slimfile unshare URL                  prints the Dockerfile a link holds

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(cli::run(std::env::args().skip(1).collect()));
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    // stdout may be a pipe its reader closed (`slimfile analyze … | head`): std's print
    // macros panic then; these stop quietly with the shell's SIGPIPE status instead.
    macro_rules! print {
        ($($t:tt)*) => {{
            use std::io::Write as _;
            if write!(std::io::stdout(), $($t)*).is_err() {
                std::process::exit(141);
            }
        }};
    }
    macro_rules! println {
        ($($t:tt)*) => {{
            use std::io::Write as _;
            if writeln!(std::io::stdout(), $($t)*).is_err() {
                std::process::exit(141);
            }
        }};
    }

    use serde_json::json;
    use slimfile::engine::{self, fmt_bytes, permalink, syntax, Assumptions};

    const USAGE: &str = "usage: slimfile parse [--format json|text] FILE\n       slimfile analyze [--format json|text|sarif] [--context-bytes N] [--artifact-bytes N] [--dependencies-bytes N] [--base-bytes N] [--as-of YYYY-MM-DD] [--target STAGE] FILE...\n       slimfile share [--base URL] FILE\n       slimfile unshare URL";

    /// Where the playground is served by default (`scripts/serve.sh`).
    const DEFAULT_BASE: &str = "http://127.0.0.1:8080/";

    pub fn run(args: Vec<String>) -> i32 {
        let Some(cmd) = args.first() else {
            eprintln!("{USAGE}");
            return 2;
        };
        let mut format = "text".to_string();
        let mut base = DEFAULT_BASE.to_string();
        let mut files = Vec::new();
        let mut a = Assumptions::default();
        let mut it = args[1..].iter();
        while let Some(arg) = it.next() {
            let (name, inline) = match arg.split_once('=') {
                Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                _ => (arg.as_str(), None),
            };
            let mut value = || inline.clone().or_else(|| it.next().cloned());
            match name {
                "--format" => format = value().unwrap_or_default(),
                "--base" => base = value().unwrap_or_default(),
                "--as-of" => {
                    let v = value().unwrap_or_default();
                    if !slimfile::engine::sizes::is_build_date(&v) {
                        eprintln!("slimfile: --as-of takes a date: YYYY, YYYY-MM or YYYY-MM-DD");
                        return 2;
                    }
                    a.as_of = Some(v);
                }
                "--target" => {
                    let v = value().unwrap_or_default();
                    if v.trim().is_empty() {
                        eprintln!("slimfile: --target takes a stage name");
                        return 2;
                    }
                    a.target = Some(v);
                }
                "--context-bytes"
                | "--artifact-bytes"
                | "--dependencies-bytes"
                | "--base-bytes" => {
                    let Some(n) = value().and_then(|v| v.parse::<u64>().ok()) else {
                        eprintln!("slimfile: {name} takes a number of bytes");
                        return 2;
                    };
                    match name {
                        "--context-bytes" => a.context_bytes = Some(n),
                        "--artifact-bytes" => a.artifact_bytes = Some(n),
                        "--base-bytes" => a.base_bytes = Some(n),
                        _ => a.dependencies_bytes = Some(n),
                    }
                }
                "-h" | "--help" => {
                    println!("{USAGE}");
                    return 0;
                }
                f if f.starts_with("--") => {
                    eprintln!("slimfile: unknown option {f}\n{USAGE}");
                    return 2;
                }
                f => files.push(f.to_string()),
            }
        }
        if !matches!(format.as_str(), "json" | "text" | "sarif") {
            eprintln!("slimfile: --format must be json, text or sarif");
            return 2;
        }
        if files.is_empty() {
            eprintln!("{USAGE}");
            return 2;
        }
        match cmd.as_str() {
            "parse" => parse(&files[0], &format),
            "share" => share(&files[0], &base, &a),
            "unshare" => unshare(&files[0]),
            "analyze" if format == "sarif" => sarif(&files, &a),
            "analyze" => {
                let mut code = 0;
                for f in &files {
                    code = code.max(analyze(f, &format, &a));
                }
                code
            }
            _ => {
                eprintln!("slimfile: unknown command {cmd}\n{USAGE}");
                2
            }
        }
    }

    fn read(path: &str) -> Result<String, i32> {
        match std::fs::read(path) {
            Ok(b) => Ok(String::from_utf8_lossy(&b).into_owned()),
            Err(e) => {
                eprintln!("slimfile: {path}: {e}");
                Err(2)
            }
        }
    }

    fn share(path: &str, base: &str, a: &Assumptions) -> i32 {
        let text = match read(path) {
            Ok(t) => t,
            Err(c) => return c,
        };
        let state = permalink::State {
            text,
            assumptions: a.clone(),
            ..Default::default()
        };
        let base = base.split('#').next().unwrap_or("");
        println!("{base}#{}", permalink::encode(&state));
        0
    }

    fn unshare(url: &str) -> i32 {
        match permalink::decode(permalink::fragment_of(url)) {
            Ok(s) => {
                print!("{}", s.text);
                0
            }
            Err(e) => {
                eprintln!("slimfile: {e}");
                1
            }
        }
    }

    /// One SARIF 2.1.0 log for all files, for CI code-scanning uploads.
    fn sarif(files: &[String], a: &Assumptions) -> i32 {
        let mut results = Vec::new();
        let mut rules = std::collections::BTreeMap::new();
        for path in files {
            let text = match read(path) {
                Ok(t) => t,
                Err(c) => return c,
            };
            let an = engine::analyze(&text, a);
            for f in &an.findings {
                rules.entry(f.code).or_insert_with(
                    || json!({"id": f.code, "properties": {"hadolint": f.hadolint}}),
                );
                results.push(json!({
                    "ruleId": f.code,
                    "level": "warning",
                    "message": {"text": if f.saves_bytes > 0 { format!("{} (saves {})", f.message, fmt_bytes(f.saves_bytes)) } else { f.message.clone() }},
                    "locations": [{"physicalLocation": {
                        "artifactLocation": {"uri": path},
                        "region": {"startLine": f.line.max(1), "endLine": f.end_line.max(f.line).max(1)}
                    }}],
                    "properties": {"savesBytes": f.saves_bytes, "hadolint": f.hadolint}
                }));
            }
            for e in &an.errors {
                results.push(json!({
                    "ruleId": "SF000",
                    "level": "error",
                    "message": {"text": e.message},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": path}, "region": {"startLine": e.line.max(1)}}}]
                }));
            }
        }
        let log = json!({
            "version": "2.1.0",
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "runs": [{
                "tool": {"driver": {"name": "Slimfile", "rules": rules.values().collect::<Vec<_>>()}},
                "results": results
            }]
        });
        println!("{log}");
        0
    }

    fn parse(path: &str, format: &str) -> i32 {
        let text = match read(path) {
            Ok(t) => t,
            Err(c) => return c,
        };
        let p = syntax::parse(&text);
        if let Some(e) = p.errors.first() {
            eprintln!("{path}:{}: {}", e.line, e.message);
            return 1;
        }
        if format == "json" {
            let instrs: Vec<_> = p
                .instructions
                .iter()
                .map(|i| json!({"keyword": i.keyword, "start_line": i.start_line, "end_line": i.end_line, "flags": i.flags, "args": i.args}))
                .collect();
            println!(
                "{}",
                json!({"instructions": instrs, "escape": p.escape.to_string()})
            );
        } else {
            for i in &p.instructions {
                println!("{}-{}\t{}\t{}", i.start_line, i.end_line, i.keyword, i.args);
            }
        }
        0
    }

    fn analyze(path: &str, format: &str, a: &Assumptions) -> i32 {
        let text = match read(path) {
            Ok(t) => t,
            Err(c) => return c,
        };
        let an = engine::analyze(&text, a);
        if format == "json" {
            let mut v = serde_json::to_value(&an).unwrap_or_default();
            if let Some(o) = v.as_object_mut() {
                o.insert("file".into(), json!(path));
            }
            println!("{v}");
        } else {
            println!("{path}");
            for e in &an.errors {
                println!("  error: line {}: {}", e.line, e.message);
            }
            let b = &an.before;
            println!(
                "  estimated size: {} (range {} – {}){}{}",
                fmt_bytes(b.bytes),
                fmt_bytes(b.low),
                fmt_bytes(b.high),
                if b.unestimated > 0 {
                    format!(", {} step(s) not estimated", b.unestimated)
                } else {
                    String::new()
                },
                if b.partial > 0 {
                    format!(", {} step(s) partly (commands not modelled)", b.partial)
                } else {
                    String::new()
                }
            );
            let (du, du_lo, du_hi) = b.containerd_disk_usage();
            println!(
                "  with the containerd image store (Docker Engine 29+, Desktop 4.34+): disk usage {} ({} – {}), content size {} (the compressed layers, the download)",
                fmt_bytes(du),
                fmt_bytes(du_lo),
                fmt_bytes(du_hi),
                fmt_bytes(b.compressed),
            );
            for l in &b.layers {
                let size = if l.estimated {
                    fmt_bytes(l.bytes)
                } else {
                    "?".into()
                };
                println!(
                    "    {:>4}  {:>9}  {}\n                     {}",
                    l.line, size, l.instruction, l.basis
                );
            }
            for r in &an.rewrites {
                println!(
                    "  suggestion {}: {} → {} ({}){}",
                    r.kind,
                    r.title,
                    fmt_bytes(r.bytes),
                    slimfile::engine::smaller(b.bytes, r.bytes),
                    if r.estimate.unestimated > 0 {
                        format!(", {} step(s) not estimated", r.estimate.unestimated)
                    } else {
                        String::new()
                    }
                );
                for c in &r.caveats {
                    println!("    - {c}");
                }
            }
        }
        if an.errors.is_empty() {
            0
        } else {
            1
        }
    }
}
