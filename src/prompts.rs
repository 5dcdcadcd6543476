//! Prompt templates for LLM mode: files in `assets/prompts/` (read from
//! there when the directory exists, else the copies built into the binary),
//! with `{{name}}` placeholders filled per request. A placeholder with no
//! value, or a value with no placeholder, is an error, so a template and the
//! code that fills it cannot drift apart silently.

use std::collections::BTreeMap;
use std::path::Path;

const BUILT_IN: [(&str, &str); 4] = [
    ("patient", include_str!("../assets/prompts/patient.md")),
    ("feedback", include_str!("../assets/prompts/feedback.md")),
    ("judge", include_str!("../assets/prompts/judge.md")),
    (
        "case_writer",
        include_str!("../assets/prompts/case_writer.md"),
    ),
];

#[derive(Debug, Clone)]
pub struct Prompts {
    templates: BTreeMap<String, String>,
}

impl Prompts {
    pub fn built_in() -> Prompts {
        Prompts {
            templates: BUILT_IN
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }

    /// The templates in `dir` (`patient.md`, `feedback.md`, `judge.md`, `case_writer.md`), each
    /// falling back to the built-in one when its file is missing.
    pub fn load(dir: &Path) -> Result<Prompts, String> {
        let mut p = Prompts::built_in();
        for (name, _) in BUILT_IN {
            let path = dir.join(format!("{name}.md"));
            if path.exists() {
                let text = std::fs::read_to_string(&path).map_err(|e| {
                    format!("{}: cannot read the prompt template: {e}", path.display())
                })?;
                p.templates.insert(name.to_string(), text);
            }
        }
        Ok(p)
    }

    /// `./assets/prompts` when it exists, else the built-in templates.
    pub fn default_location() -> Result<Prompts, String> {
        let dir = Path::new("assets/prompts");
        if dir.is_dir() {
            Prompts::load(dir)
        } else {
            Ok(Prompts::built_in())
        }
    }

    /// Template `name` with each `{{key}}` replaced by its value.
    pub fn fill(&self, name: &str, values: &[(&str, &str)]) -> Result<String, String> {
        let template = self
            .templates
            .get(name)
            .ok_or_else(|| format!("no prompt template `{name}`"))?;
        for (key, _) in values {
            if !template.contains(&format!("{{{{{key}}}}}")) {
                return Err(format!("the `{name}` template has no {{{{{key}}}}}"));
            }
        }
        // One pass over the template: a value may hold "{{" itself (a model's reply), and stays as it is.
        let mut out = String::with_capacity(template.len());
        let mut rest = template.as_str();
        while let Some(at) = rest.find("{{") {
            out.push_str(&rest[..at]);
            let end = rest[at..].find("}}").map_or(rest.len(), |e| at + e + 2);
            let slot = &rest[at..end];
            match values.iter().find(|(k, _)| slot == format!("{{{{{k}}}}}")) {
                Some((_, value)) => out.push_str(value),
                None => return Err(format!("the `{name}` template's {slot} was given no value")),
            }
            rest = &rest[end..];
        }
        out.push_str(rest);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_fill_every_placeholder_and_nothing_else() {
        let p = Prompts::built_in();
        let filled = p
            .fill("feedback", &[("contradicted", "- She has never smoked.")])
            .unwrap();
        assert!(filled.contains("- She has never smoked."));
        assert!(
            p.fill("feedback", &[])
                .unwrap_err()
                .contains("{{contradicted}}")
        );
        assert!(
            p.fill("feedback", &[("contradicted", "x"), ("other", "y")])
                .is_err()
        );
        let judge = p
            .fill("judge", &[("facts", "F1 x"), ("items", "1. y")])
            .unwrap();
        assert!(
            judge.contains("{\"verdicts\": ["),
            "literal braces stay: {judge}"
        );
    }

    #[test]
    fn the_shipped_files_are_the_built_in_ones() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/prompts");
        let loaded = Prompts::load(&dir).unwrap();
        assert_eq!(loaded.templates, Prompts::built_in().templates);
    }
}
