//! Record paths: a way to point at one part of a case record, as evaluation
//! sets and memory facts do (`symptoms[abdominal pain].radiation`,
//! `history.medications[amlodipine].dose`, `social.smoking.quit_ago`).
//!
//! A list item is picked by its name (`name`, `condition`, `procedure`,
//! `vaccine`, `substance`, or a relative for family history) or by its
//! index. Resolving a path against a case checks that it exists and gives
//! its canonical form, in which every item is named by its first naming
//! field, so two spellings of one path compare equal.

use super::Case;
use serde_json::Value;

/// Fields that name a list item, in the order the canonical form prefers.
const NAMING: &[&str] = &[
    "name",
    "condition",
    "procedure",
    "vaccine",
    "substance",
    "system",
    "relative",
];

#[derive(Debug, Clone, PartialEq, Eq)]
struct Segment {
    field: String,
    item: Option<String>,
}

fn parse(path: &str) -> Result<Vec<Segment>, String> {
    let mut out = Vec::new();
    let mut rest = path.trim();
    if rest.is_empty() {
        return Err("an empty path".into());
    }
    while !rest.is_empty() {
        let end = rest.find(['.', '[']).unwrap_or(rest.len());
        let field = rest.get(..end).unwrap_or("");
        if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!(
                "cannot read `{path}`: expected a field name at `{rest}`"
            ));
        }
        rest = rest.get(end..).unwrap_or("");
        let mut item = None;
        if let Some(inner) = rest.strip_prefix('[') {
            let close = inner
                .find(']')
                .ok_or_else(|| format!("cannot read `{path}`: `[` without `]`"))?;
            item = Some(inner.get(..close).unwrap_or("").trim().to_string());
            rest = inner.get(close + 1..).unwrap_or("");
        }
        out.push(Segment {
            field: field.to_string(),
            item,
        });
        if let Some(next) = rest.strip_prefix('.') {
            rest = next;
            if rest.is_empty() {
                return Err(format!("cannot read `{path}`: it ends with `.`"));
            }
        } else if !rest.is_empty() {
            return Err(format!("cannot read `{path}` at `{rest}`"));
        }
    }
    Ok(out)
}

fn item_name(item: &Value) -> Option<String> {
    NAMING
        .iter()
        .find_map(|k| item.get(k).and_then(Value::as_str).map(str::to_string))
}

/// The canonical form of `path` in `case`, or why it names nothing there.
pub fn resolve(case: &Case, path: &str) -> Result<String, String> {
    let segments = parse(path)?;
    let root = serde_json::to_value(case).map_err(|e| e.to_string())?;
    let mut node = &root;
    let mut canonical = String::new();
    for seg in &segments {
        let next = node
            .get(&seg.field)
            .ok_or_else(|| format!("`{path}`: the record has no `{}` here", seg.field))?;
        if !canonical.is_empty() {
            canonical.push('.');
        }
        canonical.push_str(&seg.field);
        node = next;
        let Some(wanted) = &seg.item else { continue };
        let list = node
            .as_array()
            .ok_or_else(|| format!("`{path}`: `{}` is not a list", seg.field))?;
        let by_index = wanted.parse::<usize>().ok().and_then(|i| list.get(i));
        let by_name = || {
            list.iter().find(|x| {
                NAMING.iter().any(|k| {
                    x.get(k)
                        .and_then(Value::as_str)
                        .is_some_and(|v| v.eq_ignore_ascii_case(wanted))
                })
            })
        };
        let found = by_index.or_else(by_name).ok_or_else(|| {
            let names: Vec<String> = list.iter().filter_map(item_name).collect();
            format!(
                "`{path}`: no `{wanted}` in {} (it has: {})",
                seg.field,
                if names.is_empty() {
                    "nothing".to_string()
                } else {
                    names.join(", ")
                }
            )
        })?;
        let name = item_name(found).unwrap_or_else(|| wanted.clone());
        canonical.push_str(&format!("[{}]", name.to_lowercase()));
        node = found;
    }
    Ok(canonical)
}

/// Whether a fact at `fact_path` says something `wanted` asks for: the same
/// part of the record, or a part inside it (`social.smoking` is answered by
/// `social.smoking.status`, `history.medications` by one medicine).
pub fn within(fact_path: &str, wanted: &str) -> bool {
    fact_path == wanted
        || fact_path
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// A path's field, without item names: `symptoms[].radiation`.
pub fn field_of(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => {
                depth += 1;
                out.push('[');
            }
            ']' => {
                depth -= 1;
                out.push(']');
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case() -> Case {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/cases/figure5-severe-acute-pancreatitis.yaml"
        );
        crate::case::load(std::path::Path::new(path), None).unwrap()
    }

    #[test]
    fn paths_resolve_to_one_canonical_form() {
        let c = case();
        assert_eq!(
            resolve(&c, "symptoms[Abdominal Pain].radiation").unwrap(),
            "symptoms[abdominal pain].radiation"
        );
        assert_eq!(
            resolve(&c, "history.family[mother]").unwrap(),
            "history.family[gallstones]"
        );
        assert_eq!(resolve(&c, "symptoms[1]").unwrap(), "symptoms[nausea]");
        assert_eq!(
            resolve(&c, "history.allergies").unwrap(),
            "history.allergies"
        );
        let e = resolve(&c, "history.medications[metformin]").unwrap_err();
        assert!(e.contains("it has: amlodipine"), "{e}");
        assert!(resolve(&c, "social.smoking.quit_ago").is_err());
        assert!(resolve(&c, "symptoms[nausea").is_err());
        assert!(resolve(&c, "").is_err());
    }

    #[test]
    fn a_fact_answers_what_contains_it() {
        assert!(within("social.smoking.status", "social.smoking"));
        assert!(within(
            "history.medications[amlodipine]",
            "history.medications"
        ));
        assert!(!within("social.smokingx", "social.smoking"));
        assert!(!within("social.smoking", "social.smoking.status"));
        assert_eq!(
            field_of("symptoms[abdominal pain].radiation"),
            "symptoms[].radiation"
        );
    }
}
