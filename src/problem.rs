//! A problem found in a file, reported as `path:line:column: message`.

use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong with one file, located at a line and column (both 1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub path: PathBuf,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl Problem {
    pub fn new(path: &Path, line: usize, column: usize, message: impl Into<String>) -> Self {
        Problem {
            path: path.to_path_buf(),
            line: line.max(1),
            column: column.max(1),
            message: message.into(),
        }
    }

    /// A problem with the file as a whole (missing, unreadable, empty).
    pub fn whole_file(path: &Path, message: impl Into<String>) -> Self {
        Problem::new(path, 1, 1, message)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path.display(),
            self.line,
            self.column,
            self.message
        )
    }
}

impl std::error::Error for Problem {}

/// Several problems with one or more files; a load fails with all of them, not just the first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

impl From<Problem> for Problems {
    fn from(p: Problem) -> Self {
        Problems(vec![p])
    }
}

/// "1 problem", "3 problems", "2 pregnancies".
pub fn count(n: usize, noun: &str) -> String {
    match (n, noun.strip_suffix('y')) {
        (1, _) => format!("1 {noun}"),
        (_, Some(stem)) if !stem.ends_with(['a', 'e', 'o', 'u']) => format!("{n} {stem}ies"),
        _ => format!("{n} {noun}s"),
    }
}

/// "an 8-year-old", "an 18-year-old", "a 9-year-old" fixed in a message that
/// wrote "a" before every age.
pub fn fix_articles(message: String) -> String {
    if !message.contains("a 8") && !message.contains("a 1") {
        return message;
    }
    let mut out = message;
    for n in [8, 11, 18].into_iter().chain(80..=89) {
        out = out.replace(&format!("a {n}-year-old"), &format!("an {n}-year-old"));
    }
    out
}
