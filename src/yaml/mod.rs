//! Reading hand-written YAML files: size and encoding checks, typed parsing
//! with `path:line:column` problems, and locating fields for later rule checks.

mod locate;

pub use locate::Locator;

use crate::problem::Problem;
use serde::de::DeserializeOwned;
use std::cell::OnceCell;
use std::path::{Path, PathBuf};

/// A text file read for parsing, with a lazily built field locator.
pub struct Document {
    pub path: PathBuf,
    pub text: String,
    locator: OnceCell<Locator>,
}

impl Document {
    pub fn from_text(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        Document {
            path: path.into(),
            text: text.into(),
            locator: OnceCell::new(),
        }
    }

    /// Reads `path`, refusing directories, files over `limit` bytes, binary
    /// content and empty files, each with a message that says which.
    pub fn read(path: &Path, limit: u64, what: &str) -> Result<Self, Problem> {
        let meta =
            std::fs::metadata(path).map_err(|e| Problem::whole_file(path, io_message(what, &e)))?;
        if meta.is_dir() {
            return Err(Problem::whole_file(
                path,
                format!("is a directory, expected a {what} file"),
            ));
        }
        if meta.len() > limit {
            return Err(Problem::whole_file(
                path,
                format!(
                    "file is {} bytes, over the {} byte limit for a {what}",
                    meta.len(),
                    limit
                ),
            ));
        }
        let bytes =
            std::fs::read(path).map_err(|e| Problem::whole_file(path, io_message(what, &e)))?;
        let text = decode_text(path, bytes, what)?;
        if text.trim().is_empty() {
            return Err(Problem::whole_file(
                path,
                format!("empty file, expected a {what}"),
            ));
        }
        Ok(Document::from_text(path, text))
    }

    /// Parses the whole document as `T`; serde's message keeps the field path it names.
    /// Broken YAML is reported as such first, even where a field error comes earlier.
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Problem> {
        serde_yaml::from_str(&self.text).map_err(|e| {
            match serde_yaml::from_str::<serde_yaml::Value>(&self.text) {
                // (A repeated key is better reported by the typed parse, which names the field.)
                Err(syntax) if !syntax.to_string().contains("duplicate entry") => {
                    self.serde_problem(&syntax)
                }
                _ => self.serde_problem(&e),
            }
        })
    }

    fn serde_problem(&self, e: &serde_yaml::Error) -> Problem {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let message = plain_message(&e.to_string());
        if let Some(pos) = self.duplicate_key(&message) {
            return Problem::new(&self.path, pos.0, pos.1, message);
        }
        if message.contains("more than one document") {
            // Point at the second document's `---`.
            let mut starts = self
                .text
                .lines()
                .enumerate()
                .filter(|(_, l)| l.starts_with("---"));
            let first_has_content = self
                .text
                .lines()
                .take_while(|l| !l.starts_with("---"))
                .any(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            let second = if first_has_content {
                starts.next()
            } else {
                starts.nth(1)
            };
            if let Some((i, _)) = second {
                return Problem::new(
                    &self.path,
                    i + 1,
                    1,
                    "a second YAML document (`---`); a file holds one",
                );
            }
        }
        let at_tab = self
            .text
            .lines()
            .nth(line.saturating_sub(1))
            .is_some_and(|l| l.chars().nth(column.saturating_sub(1)) == Some('\t'));
        if at_tab {
            return Problem::new(
                &self.path,
                line,
                column,
                "a tab character: YAML indents with spaces, not tabs",
            );
        }
        Problem::new(&self.path, line, column, message)
    }

    /// Where the repeated key of a serde "duplicate field" message is written the second time.
    fn duplicate_key(&self, message: &str) -> Option<(usize, usize)> {
        let (parent, rest) = match message.split_once(": duplicate field `") {
            Some(split) => split,
            None => ("", message.strip_prefix("duplicate field `")?),
        };
        let key = rest.strip_suffix('`')?;
        let path = if parent.is_empty() {
            key.to_string()
        } else {
            format!("{parent}.{key}")
        };
        self.locator
            .get_or_init(|| Locator::new(&self.text))
            .repeated(&path)
    }

    /// A problem located at the field `field` (a path such as `examination.labs[2].unit`).
    pub fn problem_at(&self, field: &str, message: impl AsRef<str>) -> Problem {
        let (line, column) = self
            .locator
            .get_or_init(|| Locator::new(&self.text))
            .find(field);
        let message = message.as_ref();
        let message = if field.is_empty() {
            message.to_string()
        } else {
            format!("{field}: {message}")
        };
        Problem::new(&self.path, line, column, message)
    }
}

/// A serde/YAML message in the words of this tool: no repeated position
/// (the problem carries it), no Rust type names.
fn plain_message(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    // Drop every " at line N column M" (the position is printed in front).
    while let Some(i) = rest.find(" at line ") {
        out.push_str(&rest[..i]);
        let tail = &rest[i + " at line ".len()..];
        let skip = tail
            .find(|c: char| !(c.is_ascii_digit() || c == ' ' || "column".contains(c)))
            .unwrap_or(tail.len());
        rest = &tail[skip..];
    }
    out.push_str(rest);
    let out = out.replace(", while ", ": while ");
    [
        ("expected u8", "expected a whole number from 0 to 255"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected f64", "expected a number"),
        (
            "expected struct Case",
            "expected a case: a mapping with schema, id, patient, disease and the other sections",
        ),
        ("expected a sequence", "expected a list"),
        ("expected struct ", "expected the fields of "),
    ]
    .iter()
    .fold(out, |acc, (from, to)| acc.replace(from, to))
}

/// UTF-8 text without NUL bytes; otherwise a problem at the first bad byte.
fn decode_text(path: &Path, bytes: Vec<u8>, what: &str) -> Result<String, Problem> {
    let bad_at = match std::str::from_utf8(&bytes) {
        Ok(s) => s.find('\0'),
        Err(e) => Some(e.valid_up_to()),
    };
    if let Some(at) = bad_at {
        let before = &bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        return Err(Problem::new(
            path,
            line,
            column,
            format!("not a text file (binary data at byte {at}), expected a YAML {what}"),
        ));
    }
    let text = String::from_utf8(bytes).map_err(|e| Problem::whole_file(path, e.to_string()))?;
    // A byte-order mark (as some Windows editors write) is not part of the YAML.
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// Why a file could not be read, in words rather than an OS error number.
fn io_message(what: &str, e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => format!("no such file or directory (expected a {what})"),
        std::io::ErrorKind::PermissionDenied => format!("permission denied reading this {what}"),
        _ => format!("cannot read {what}: {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Tiny {
        name: String,
        age: u32,
    }

    #[test]
    fn serde_errors_keep_line_column_and_field() {
        let doc = Document::from_text("t.yaml", "name: Ana\nage: old\n");
        let p = doc.parse::<Tiny>().unwrap_err();
        assert_eq!((p.line, p.column), (2, 6));
        assert!(p.message.starts_with("age: invalid type"), "{}", p.message);
        assert!(!p.message.contains(" at line "));
    }

    #[test]
    fn unknown_field_is_an_error() {
        let doc = Document::from_text("t.yaml", "name: Ana\nage: 3\nnmae: x\n");
        let p = doc.parse::<Tiny>().unwrap_err();
        assert_eq!(p.line, 3);
        assert!(p.message.contains("unknown field `nmae`"), "{}", p.message);
    }

    #[test]
    fn binary_content_is_reported_at_its_position() {
        let p = decode_text(Path::new("b"), b"ok: 1\nx\xff\xfe".to_vec(), "case").unwrap_err();
        assert_eq!((p.line, p.column), (2, 2));
        assert!(p.message.contains("not a text file"));
    }

    #[test]
    fn problem_at_names_the_field() {
        let doc = Document::from_text("t.yaml", "name: Ana\nage: 300\n");
        let p = doc.problem_at("age", "300 is not a plausible age");
        assert_eq!(p.to_string(), "t.yaml:2:6: age: 300 is not a plausible age");
    }
}
