//! One AgentClinic OSCE case as read from its JSON line: the text fields the
//! importer uses, each found by its path, with a message naming the path when
//! a required one is missing.

use serde_json::Value;

/// The parts of `OSCE_Examination` the importer reads.
#[derive(Debug, Clone, Default)]
pub struct Source {
    pub objective: String,
    pub demographics: String,
    pub history: String,
    pub primary_symptom: String,
    pub secondary_symptoms: Vec<String>,
    pub past_medical_history: String,
    pub social_history: String,
    pub review_of_systems: String,
    /// `Physical_Examination_Findings`, nested sections of text.
    pub examination: Value,
    /// `Test_Results`, nested sections of text.
    pub tests: Value,
    pub diagnosis: String,
}

/// Why a line is not an AgentClinic case.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    #[error("missing field `{0}`")]
    Missing(String),
    #[error("`{0}` is not text")]
    NotText(String),
    #[error("`{0}` is empty")]
    Empty(String),
}

const ROOT: &str = "OSCE_Examination";
const ACTOR: &str = "OSCE_Examination.Patient_Actor";

fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

/// Text at a path; numbers are text too (`"Heart_Rate": 72`).
fn text(v: &Value, path: &str, required: bool) -> Result<String, SourceError> {
    match at(v, path) {
        None | Some(Value::Null) if !required => Ok(String::new()),
        None | Some(Value::Null) => Err(SourceError::Missing(path.into())),
        Some(Value::String(s)) if required && s.trim().is_empty() => {
            Err(SourceError::Empty(path.into()))
        }
        Some(Value::String(s)) => Ok(s.trim().to_string()),
        Some(Value::Number(n)) => Ok(n.to_string()),
        // A list of sentences reads as one text.
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => Ok(items
            .iter()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join(". ")),
        Some(_) => Err(SourceError::NotText(path.into())),
    }
}

impl Source {
    pub fn read(v: &Value) -> Result<Source, SourceError> {
        if at(v, ROOT).is_none() {
            return Err(SourceError::Missing(ROOT.into()));
        }
        if at(v, ACTOR).is_none() {
            return Err(SourceError::Missing(ACTOR.into()));
        }
        let actor = |k: &str, required| text(v, &format!("{ACTOR}.{k}"), required);
        let symptoms = format!("{ACTOR}.Symptoms");
        // Some files give the symptoms as one string instead of a map.
        let (primary, secondary) = match at(v, &symptoms) {
            Some(Value::String(s)) => (s.trim().to_string(), Vec::new()),
            Some(_) => {
                let primary = text(v, &format!("{symptoms}.Primary_Symptom"), true)?;
                let secondary = match at(v, &format!("{symptoms}.Secondary_Symptoms")) {
                    None | Some(Value::Null) => Vec::new(),
                    Some(Value::String(s)) => vec![s.clone()],
                    Some(Value::Array(a)) => a
                        .iter()
                        .map(|x| match x {
                            Value::String(s) => Ok(s.trim().to_string()),
                            _ => Err(SourceError::NotText(format!(
                                "{symptoms}.Secondary_Symptoms"
                            ))),
                        })
                        .collect::<Result<_, _>>()?,
                    Some(_) => {
                        return Err(SourceError::NotText(format!(
                            "{symptoms}.Secondary_Symptoms"
                        )));
                    }
                };
                (primary, secondary)
            }
            None => return Err(SourceError::Missing(format!("{symptoms}.Primary_Symptom"))),
        };
        Ok(Source {
            objective: text(v, &format!("{ROOT}.Objective_for_Doctor"), false)?,
            demographics: actor("Demographics", true)?,
            history: actor("History", false)?,
            primary_symptom: primary,
            secondary_symptoms: secondary.into_iter().filter(|s| !s.is_empty()).collect(),
            past_medical_history: actor("Past_Medical_History", false)?,
            social_history: actor("Social_History", false)?,
            review_of_systems: actor("Review_of_Systems", false)?,
            examination: at(v, &format!("{ROOT}.Physical_Examination_Findings"))
                .cloned()
                .unwrap_or(Value::Null),
            tests: at(v, &format!("{ROOT}.Test_Results"))
                .cloned()
                .unwrap_or(Value::Null),
            diagnosis: text(v, &format!("{ROOT}.Correct_Diagnosis"), true)?,
        })
    }
}

/// Whether a text says only that nothing was recorded ("Information not provided.").
pub fn says_nothing(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.').to_lowercase();
    t.is_empty()
        || t == "none"
        || t == "n/a"
        || t.contains("not provided")
        || t.contains("not available")
        || t.contains("no additional")
        || t.contains("not specified")
        || t.contains("unremarkable")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_field_is_named_by_its_path() {
        let v: Value = serde_json::json!({"OSCE_Examination": {"Patient_Actor": {
            "Demographics": "35-year-old female",
            "Symptoms": {"Primary_Symptom": "Double vision"}}}});
        assert_eq!(
            Source::read(&v).unwrap_err().to_string(),
            "missing field `OSCE_Examination.Correct_Diagnosis`"
        );
    }
}
