//! Permalinks: the whole playground state in the URL fragment.
//!
//! Format `v1/<payload>`: `payload` is base64url (no padding) of raw deflate,
//! primed with a preset dictionary of common Dockerfile text
//! (`data/permalink-dict-v1.txt`, frozen with the version), of:
//!
//! ```text
//! s=scratch&v=after&c=100000&a=&d=   ← header: selected suggestion, view, assumptions
//! FROM …                             ← the Dockerfile, verbatim
//! ```
//!
//! `v0/<payload>` is the same without the dictionary: what a browser's own
//! `CompressionStream("deflate-raw")` makes, so `embed.js` can write links
//! without loading the engine.
//!
//! Decoding never panics: an unknown version, bad base64, corrupt deflate,
//! more than [`MAX_DECODED`] bytes or a bad header each give a [`LinkError`].

use super::estimate::Assumptions;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use miniz_oxide::deflate::core::{
    compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use serde::Serialize;

/// The preset dictionary of format v1 (`data/permalink-dict-v1.txt`). Never edit: a new
/// dictionary is a new version. Compiled in natively; in the browser it is fetched with
/// the package tables (6 KB of gzip kept out of the WebAssembly), and empty until then.
pub fn dictionary_v1() -> &'static [u8] {
    crate::engine::sizes::tables::text(crate::engine::sizes::tables::Table::PermalinkDict)
        .as_bytes()
}

/// Decoded state larger than this is refused (1 MB).
pub const MAX_DECODED: usize = 1_000_000;

/// Which part the embed shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum View {
    #[default]
    After,
    Before,
    Diff,
}

impl View {
    pub fn as_str(self) -> &'static str {
        match self {
            View::After => "after",
            View::Before => "before",
            View::Diff => "diff",
        }
    }
    pub fn parse(s: &str) -> Option<View> {
        match s {
            "after" => Some(View::After),
            "before" => Some(View::Before),
            "diff" => Some(View::Diff),
            _ => None,
        }
    }
}

/// Everything a link restores.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct State {
    pub text: String,
    /// The chosen suggestion's kind (`multi-stage`, `scratch`…), if any.
    pub selected: Option<String>,
    pub assumptions: Assumptions,
    pub view: View,
}

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    Empty,
    UnknownVersion(String),
    BadBase64,
    Corrupt,
    TooLarge,
    BadHeader(String),
    /// The v1 dictionary, fetched next to the page, did not load.
    NoDictionary,
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Empty => write!(f, "the link holds no Dockerfile"),
            LinkError::UnknownVersion(v) => write!(
                f,
                "this link was made by a newer or unknown Slimfile (format “{v}”)"
            ),
            LinkError::BadBase64 => write!(f, "the link is damaged (not valid base64url)"),
            LinkError::Corrupt => write!(f, "the link is damaged (its data does not decompress)"),
            LinkError::TooLarge => write!(f, "the link holds more than 1 MB of data"),
            LinkError::NoDictionary => write!(
                f,
                "the page could not load the link's dictionary (permalink-dict-v1.txt); reload to try again"
            ),
            LinkError::BadHeader(h) => write!(f, "the link's settings are damaged ({h})"),
        }
    }
}

fn header(s: &State) -> String {
    let mut parts = Vec::new();
    if let Some(sel) = &s.selected {
        parts.push(format!("s={}", sel.replace(['&', '=', '\n'], "")));
    }
    if s.view != View::After {
        parts.push(format!("v={}", s.view.as_str()));
    }
    let a = &s.assumptions;
    for (key, value) in [
        ("c", a.context_bytes),
        ("a", a.artifact_bytes),
        ("d", a.dependencies_bytes),
        ("b", a.base_bytes),
    ] {
        if let Some(b) = value {
            parts.push(format!("{key}={b}"));
        }
    }
    if let Some(d) = &a.as_of {
        // A date is digits and dashes: nothing to escape.
        parts.push(format!("t={}", d.replace(['&', '=', '\n'], "")));
    }
    if let Some(t) = &a.target {
        // A stage name is letters, digits, `-`, `_` and `.`: nothing to escape.
        parts.push(format!("g={}", t.replace(['&', '=', '\n'], "")));
    }
    parts.join("&")
}

/// The plain text inside a link (header line, newline, Dockerfile).
pub fn serialize(s: &State) -> String {
    format!("{}\n{}", header(s), s.text)
}

/// Reads the plain text of a link back.
pub fn deserialize(plain: &str) -> Result<State, LinkError> {
    let (head, text) = plain.split_once('\n').unwrap_or((plain, ""));
    let mut s = State {
        text: text.to_string(),
        ..Default::default()
    };
    for pair in head.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        let num = || -> Result<Option<u64>, LinkError> {
            if v.is_empty() {
                Ok(None)
            } else {
                v.parse()
                    .map(Some)
                    .map_err(|_| LinkError::BadHeader(format!("{k}={v}")))
            }
        };
        match k {
            "s" => s.selected = (!v.is_empty()).then(|| v.to_string()),
            "v" => {
                s.view = View::parse(v).ok_or_else(|| LinkError::BadHeader(format!("view={v}")))?
            }
            "c" => s.assumptions.context_bytes = num()?,
            "a" => s.assumptions.artifact_bytes = num()?,
            "d" => s.assumptions.dependencies_bytes = num()?,
            "b" => s.assumptions.base_bytes = num()?,
            "t" => {
                if !crate::engine::sizes::is_build_date(v) {
                    return Err(LinkError::BadHeader(format!("t={v}")));
                }
                s.assumptions.as_of = Some(v.to_string());
            }
            "g" => s.assumptions.target = (!v.is_empty()).then(|| v.to_string()),
            _ => {} // unknown keys from later versions of v1 are ignored
        }
    }
    Ok(s)
}

/// Raw deflate of `data` with the window primed by `dict`.
fn deflate_with_dictionary(dict: &[u8], data: &[u8]) -> Vec<u8> {
    let flags = create_comp_flags_from_zip_params(10, -15, 0);
    let mut c = CompressorOxide::new(flags);
    let mut out = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let mut feed = |c: &mut CompressorOxide,
                    mut input: &[u8],
                    flush: TDEFLFlush,
                    keep: bool,
                    out: &mut Vec<u8>| loop {
        let (status, read, written) = compress(c, input, &mut buf, flush);
        if keep {
            out.extend_from_slice(&buf[..written]);
        }
        input = &input[read..];
        match status {
            TDEFLStatus::Done => break,
            TDEFLStatus::Okay if input.is_empty() && written < buf.len() => break,
            TDEFLStatus::Okay => continue,
            _ => break,
        }
    };
    if !dict.is_empty() {
        // A sync flush ends the dictionary's blocks on a byte boundary; they are
        // dropped, and the decoder starts from the same history instead.
        feed(&mut c, dict, TDEFLFlush::Sync, false, &mut out);
    }
    feed(&mut c, data, TDEFLFlush::Finish, true, &mut out);
    out
}

/// Inverse of [`deflate_with_dictionary`], refusing output over `limit` bytes.
fn inflate_with_dictionary(dict: &[u8], data: &[u8], limit: usize) -> Result<Vec<u8>, LinkError> {
    let mut out = vec![0u8; dict.len() + limit + 1];
    out[..dict.len()].copy_from_slice(dict);
    let mut r = DecompressorOxide::new();
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let (status, _read, written) = decompress(&mut r, data, &mut out, dict.len(), flags);
    match status {
        TINFLStatus::Done if written <= limit => {
            out.truncate(dict.len() + written);
            Ok(out.split_off(dict.len()))
        }
        TINFLStatus::Done | TINFLStatus::HasMoreOutput => Err(LinkError::TooLarge),
        _ => Err(LinkError::Corrupt),
    }
}

/// Encodes a state as a fragment (without `#`), current format.
pub fn encode(s: &State) -> String {
    let dict = dictionary_v1();
    if dict.is_empty() {
        // The dictionary did not load: a link without one, which any version opens.
        let bytes = deflate_with_dictionary(&[], serialize(s).as_bytes());
        return format!("v0/{}", URL_SAFE_NO_PAD.encode(bytes));
    }
    let bytes = deflate_with_dictionary(dict, serialize(s).as_bytes());
    format!("v1/{}", URL_SAFE_NO_PAD.encode(bytes))
}

/// Decodes a fragment (with or without the leading `#`).
pub fn decode(fragment: &str) -> Result<State, LinkError> {
    let f = fragment.trim().trim_start_matches('#');
    if f.is_empty() {
        return Err(LinkError::Empty);
    }
    let (version, payload) = f.split_once('/').unwrap_or((f, ""));
    let dict: &[u8] = match version {
        "v1" if dictionary_v1().is_empty() => return Err(LinkError::NoDictionary),
        "v1" => dictionary_v1(),
        "v0" => &[],
        v => return Err(LinkError::UnknownVersion(v.chars().take(16).collect())),
    };
    // Base64 of 1 MB of deflate cannot be longer than this; refuse before decoding.
    if payload.len() > 4 * MAX_DECODED {
        return Err(LinkError::TooLarge);
    }
    let payload = payload.trim_end_matches('=');
    let bytes = URL_SAFE_NO_PAD
        .decode(payload)
        .map_err(|_| LinkError::BadBase64)?;
    let plain = inflate_with_dictionary(dict, &bytes, MAX_DECODED)?;
    let plain = String::from_utf8(plain).map_err(|_| LinkError::Corrupt)?;
    deserialize(&plain)
}

/// The fragment of a full URL (`…#v1/…` → `v1/…`), or the input when it has none.
pub fn fragment_of(url_or_fragment: &str) -> &str {
    match url_or_fragment.split_once('#') {
        Some((_, f)) => f,
        None => url_or_fragment,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state(text: &str) -> State {
        State {
            text: text.into(),
            selected: Some("scratch".into()),
            assumptions: Assumptions {
                context_bytes: Some(5_000_000),
                artifact_bytes: None,
                dependencies_bytes: Some(0),
                base_bytes: Some(250_000_000),
                as_of: Some("2022-10".into()),
                target: Some("prod".into()),
            },
            view: View::Diff,
        }
    }

    #[test]
    fn round_trips_state() {
        for text in [
            "",
            "FROM scratch\n",
            "FROM a\nRUN echo 'ü😀'\n",
            &"RUN x\n".repeat(5000),
        ] {
            let s = state(text);
            let link = encode(&s);
            assert!(link.starts_with("v1/"));
            assert_eq!(decode(&link).unwrap(), s);
            assert_eq!(decode(&format!("#{link}")).unwrap(), s);
        }
    }

    #[test]
    fn the_dictionary_shortens_typical_files() {
        let text = "FROM golang:1.22-alpine AS builder\nWORKDIR /app\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .\nRUN CGO_ENABLED=0 GOOS=linux go build -o /app/server .\n\nFROM scratch\nCOPY --from=builder /app/server /app/server\nENTRYPOINT [\"/app/server\"]\n";
        let s = State {
            text: text.into(),
            ..Default::default()
        };
        let with = encode(&s).len();
        let without = URL_SAFE_NO_PAD
            .encode(deflate_with_dictionary(&[], serialize(&s).as_bytes()))
            .len()
            + 3;
        assert!(with * 2 < without, "{with} vs {without}");
    }

    #[test]
    fn v0_links_without_dictionary_decode() {
        let plain = serialize(&state("FROM alpine\n"));
        let link = format!(
            "v0/{}",
            URL_SAFE_NO_PAD.encode(deflate_with_dictionary(&[], plain.as_bytes()))
        );
        assert_eq!(decode(&link).unwrap(), state("FROM alpine\n"));
    }

    #[test]
    fn bad_links_give_errors_not_panics() {
        assert_eq!(decode(""), Err(LinkError::Empty));
        assert_eq!(decode("#"), Err(LinkError::Empty));
        assert!(matches!(
            decode("v9/abc"),
            Err(LinkError::UnknownVersion(_))
        ));
        assert_eq!(decode("v1/!!!"), Err(LinkError::BadBase64));
        assert_eq!(decode("v1/AAAA"), Err(LinkError::Corrupt));
        let good = encode(&state("FROM alpine\n"));
        let mut broken = good.clone();
        broken.truncate(good.len() - 4);
        assert!(decode(&broken).is_err());
        // A zip bomb: 2 MB of one byte compresses small but is refused.
        let bomb = vec![b'a'; 2_000_000];
        let link = format!(
            "v1/{}",
            URL_SAFE_NO_PAD.encode(deflate_with_dictionary(dictionary_v1(), &bomb))
        );
        assert!(link.len() < 10_000);
        assert_eq!(decode(&link), Err(LinkError::TooLarge));
        // Bad header values.
        let bad = format!(
            "v1/{}",
            URL_SAFE_NO_PAD.encode(deflate_with_dictionary(dictionary_v1(), b"c=lots\nFROM a"))
        );
        assert!(matches!(decode(&bad), Err(LinkError::BadHeader(_))));
        for t in [
            "t=July",
            "t=2019-7",
            "t=20190",
            "t=2019-07-0x",
            "b=lots",
            "b=-1",
            "b=1e9",
        ] {
            let text = format!("{t}\nFROM a");
            let bad = format!(
                "v1/{}",
                URL_SAFE_NO_PAD.encode(deflate_with_dictionary(dictionary_v1(), text.as_bytes()))
            );
            assert!(matches!(decode(&bad), Err(LinkError::BadHeader(_))), "{t}");
        }
        let bad_utf8 = format!(
            "v1/{}",
            URL_SAFE_NO_PAD.encode(deflate_with_dictionary(dictionary_v1(), &[0xff, 0xfe]))
        );
        assert_eq!(decode(&bad_utf8), Err(LinkError::Corrupt));
    }

    #[test]
    fn random_garbage_never_panics() {
        let mut x: u64 = 0x1234_5678;
        let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let good = encode(&state("FROM golang:1.19-alpine\nRUN go build\n"));
        for i in 0..3000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut s: Vec<u8> = good.as_bytes().to_vec();
            let at = 3 + (x as usize % (s.len() - 3));
            if i % 2 == 0 {
                s[at] = alphabet[(x >> 20) as usize % alphabet.len()];
            } else {
                s.truncate(at);
            }
            let _ = decode(&String::from_utf8_lossy(&s));
        }
    }

    #[test]
    fn fragments_of_urls() {
        assert_eq!(fragment_of("http://x/?embed#v1/abc"), "v1/abc");
        assert_eq!(fragment_of("v1/abc"), "v1/abc");
    }
}
