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
    pub fn parse<T: DeserializeOwned>(&self) -> Result<T, Problem> {
        serde_yaml::from_str(&self.text).map_err(|e| self.serde_problem(&e))
    }

    fn serde_problem(&self, e: &serde_yaml::Error) -> Problem {
        let (line, column) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        let mut message = e.to_string();
        if let Some(cut) = message.rfind(" at line ") {
            message.truncate(cut);
        }
        if let Some(pos) = self.duplicate_key(&message) {
            return Problem::new(&self.path, pos.0, pos.1, message);
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
    String::from_utf8(bytes).map_err(|e| Problem::whole_file(path, e.to_string()))
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
