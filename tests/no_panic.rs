//! No input may panic the engine (a panic kills the page). Real Dockerfiles from
//! the corpus are mutated at random (a fixed seed, so runs repeat) and each
//! mutant goes through the whole pipeline. `scripts/fuzz.sh` runs the same under
//! libFuzzer for longer.
#![cfg(not(target_arch = "wasm32"))]

use slimfile::engine::{self, syntax, Assumptions};
use std::path::Path;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const PIECES: &[&str] = &[
    "\\\n",
    "`",
    "<<EOF\n",
    "<<-'X'\n",
    "EOF\n",
    "[\"",
    "\"]",
    "${",
    "}",
    "$",
    "--from=",
    "--mount=type=cache,target=/x ",
    "# escape=`\n",
    "\u{feff}",
    "é",
    "😀",
    "\r\n",
    "\n",
    " AS ",
    "FROM ",
    "COPY --from=0 / /\n",
    "RUN go build\n",
    "\t",
    "\"",
    "'",
    "=",
    "ARG A=${A:-b}\n",
    "FROM $A\n",
    "\0",
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut s: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(8) {
        let at = rng.below(s.len() + 1);
        match rng.below(3) {
            0 => {
                let piece = PIECES[rng.below(PIECES.len())];
                s.splice(at..at, piece.chars());
            }
            1 if !s.is_empty() => {
                let end = (at + rng.below(20)).min(s.len());
                s.drain(at.min(end)..end);
            }
            _ => {
                let c = char::from_u32(rng.below(0x250) as u32).unwrap_or('x');
                s.insert(at.min(s.len()), c);
            }
        }
    }
    s.into_iter().collect()
}

#[test]
fn mutated_corpus_files_never_panic() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/corpus/files");
    let mut seeds: Vec<String> =
        vec![include_str!("golden/seed-go.scratch.Dockerfile").to_string()];
    if dir.is_dir() {
        let mut stack = vec![dir];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(t) = std::fs::read_to_string(&p) {
                    if t.len() < 6000 {
                        seeds.push(t);
                    }
                }
            }
        }
    } else {
        eprintln!("no corpus fixtures: mutating the golden file only");
    }
    seeds.sort();
    let mut rng = Rng(0x5eed_f11e);
    let mut n = 0;
    for round in 0..6 {
        for seed in &seeds {
            let m = mutate(&mut rng, seed);
            let p = syntax::parse(&m);
            for i in &p.instructions {
                assert!(i.start_line <= i.end_line);
                assert!(i.start_offset <= i.end_offset && i.end_offset <= m.len());
            }
            if round < 2 {
                let _ = engine::analyze(&m, &Assumptions::default());
            } else if round == 2 {
                // `--target` the first stage named in the mutant, if any: the file is cut
                // after it, wherever the mutation left its offsets.
                let model = slimfile::engine::model::Model::build(&p);
                if let Some(name) = model.stages.iter().find_map(|s| s.name.clone()) {
                    let a = Assumptions {
                        target: Some(name),
                        ..Default::default()
                    };
                    let _ = engine::analyze(&m, &a);
                }
            }
            n += 1;
        }
    }
    println!("no_panic: {n} mutants parsed without a panic");
}

#[test]
fn odd_inputs_never_panic() {
    for s in [
        "",
        "\\",
        "FROM",
        "FROM \\",
        "RUN <<",
        "RUN <<EOF",
        "COPY [\"",
        "FROM ${",
        "# escape=`\nFROM a`",
        "\u{feff}",
        "FROM a AS\nCOPY --from= . .",
        "FROM scratch\nCOPY --from=0 / /",
        "FROM a AS b",
        "FROM a AS b\r\nRUN x\r\nFROM b AS c\r\n",
        "FROM a AS b\nRUN <<EOF\nx\nEOF\nFROM b AS ü\n",
    ] {
        let _ = engine::analyze(s, &Assumptions::default());
        for t in ["b", "B", "ü", "", " ", "0", "c"] {
            let a = Assumptions {
                target: Some(t.into()),
                ..Default::default()
            };
            let _ = engine::analyze(s, &a);
        }
    }
}
