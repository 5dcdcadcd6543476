//! The past history from AgentClinic prose: conditions (with when they were
//! diagnosed, when the source says) and the medicines taken for them.

use super::Assumed;
use super::prose::{find_ignoring_case, first_span, items, sentences, uncapitalise, voice};
use super::source::{Source, says_nothing};
use crate::case::{Medication, PastCondition, Span, TimeUnit};

/// Openings of a list of medicines.
const MEDICINES_FROM: &[&str] = &[
    "regimen of ",
    "treatment includes ",
    "been on ",
    "treated with ",
    "taking ",
    "takes ",
    "started on ",
    "medications include ",
    "currently on ",
];

fn medicine_names(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let Some((at, from)) = MEDICINES_FROM
        .iter()
        .filter_map(|m| lower.find(m).map(|i| (i, m)))
        .min()
    else {
        return Vec::new();
    };
    let mut list = &lower[at + from.len()..];
    for end in [" for ", " since ", " which ", " during ", ". "] {
        if let Some(i) = list.find(end) {
            list = &list[..i];
        }
    }
    items(list)
        .into_iter()
        .map(|m| m.replace("stable regimen of ", ""))
        .filter(|m| {
            m.split_whitespace().count() <= 3
                && m.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-')
        })
        .collect()
}

/// Past conditions and medicines, from the past medical history and the history.
pub fn history(
    src: &Source,
    age_days: f64,
    assumed: &mut Assumed,
) -> (Vec<PastCondition>, Vec<Medication>) {
    let mut conditions: Vec<PastCondition> = Vec::new();
    let mut medicines: Vec<(String, Option<String>)> = Vec::new();
    let add_condition = |name: &str, span: Option<Span>, conditions: &mut Vec<PastCondition>| {
        let name = uncapitalise(name.trim());
        if name.is_empty()
            || conditions
                .iter()
                .any(|c| c.condition.eq_ignore_ascii_case(&name))
        {
            return;
        }
        conditions.push(PastCondition {
            condition: name,
            diagnosed_ago: span.unwrap_or(Span::new(0, TimeUnit::Day)),
            ongoing: true,
        });
    };
    let pmh = if says_nothing(&src.past_medical_history) {
        ""
    } else {
        &src.past_medical_history
    };
    for sentence in sentences(pmh) {
        let lower = sentence.to_lowercase();
        if ["delivered", "born", "birth", "gestation"]
            .iter()
            .any(|w| lower.contains(w))
        {
            continue;
        }
        let mut found = Vec::new();
        for piece in sentence.split(", ") {
            if voice(piece).0 == Some(false) || says_nothing(piece) {
                continue;
            }
            let meds = medicine_names(piece);
            if !meds.is_empty()
                || MEDICINES_FROM
                    .iter()
                    .any(|m| piece.to_lowercase().contains(m.trim()))
            {
                medicines.extend(meds.into_iter().map(|m| (m, None)));
                continue;
            }
            let span = first_span(piece);
            let head = piece
                .to_lowercase()
                .find(" diagnosed")
                .map_or(piece, |i| &piece[..i]);
            for item in items(head) {
                add_condition(&item, span, &mut conditions);
                found.push(item);
            }
        }
        // A medicine given in the sentence of one condition is for that condition.
        if found.len() == 1 {
            for m in medicines.iter_mut().filter(|m| m.1.is_none()) {
                m.1 = Some(uncapitalise(&found[0]));
            }
        }
    }
    for sentence in sentences(&src.history) {
        let find = |needle: &str| find_ignoring_case(&sentence, needle);
        if let Some(i) = find("medical history of ") {
            let mut list = &sentence[i + "medical history of ".len()..];
            for end in [" and has ", " and is ", " and takes ", " which "] {
                if let Some(j) = find_ignoring_case(list, end) {
                    list = &list[..j];
                }
            }
            for item in items(list) {
                add_condition(&item, None, &mut conditions);
            }
        } else if let (Some(i), Some(j)) = (find("history of "), find(" diagnosed")) {
            if j > i {
                add_condition(
                    &sentence[i + "history of ".len()..j],
                    first_span(&sentence[j..]),
                    &mut conditions,
                );
            }
        }
        medicines.extend(medicine_names(&sentence).into_iter().map(|m| (m, None)));
    }
    for (i, c) in conditions.iter_mut().enumerate() {
        if c.diagnosed_ago.amount == 0 || c.diagnosed_ago.days() > age_days {
            c.diagnosed_ago = if age_days > 800.0 {
                Span::new(1, TimeUnit::Year)
            } else {
                Span::new(1, TimeUnit::Month)
            };
            assumed.note(
                format!("history.conditions[{i}].diagnosed_ago"),
                format!("{} (not stated)", c.diagnosed_ago),
            );
        }
    }
    let mut seen = std::collections::HashSet::new();
    let mut meds = Vec::new();
    for (name, purpose) in medicines {
        // A medicine named as a past treatment of a resolved illness ("treated with amoxicillin for acute sinusitis") is not taken now.
        if !seen.insert(name.clone())
            || src
                .history
                .to_lowercase()
                .contains(&format!("treated with {name}"))
        {
            continue;
        }
        let at = format!("history.medications[{}]", meds.len());
        let purpose = purpose
            .or_else(|| purpose_of(&name, &conditions))
            .unwrap_or_else(|| {
                assumed.note(format!("{at}.purpose"), "not stated");
                "what my doctor prescribed it for".into()
            });
        assumed.note(format!("{at}.dose"), "not stated");
        meds.push(Medication {
            name,
            dose: "the prescribed dose".into(),
            frequency: "as prescribed".into(),
            purpose,
            lay: None,
        });
    }
    (conditions, meds)
}

/// What a common medicine is for, named as the record names the condition when it does.
fn purpose_of(medicine: &str, conditions: &[PastCondition]) -> Option<String> {
    const CLASSES: &[(&[&str], &[&str], &str)] = &[
        (
            &["pril", "sartan", "amlodipine", "thiazide", "olol"],
            &["hypertension", "blood pressure"],
            "high blood pressure",
        ),
        (&["statin"], &["lipid", "cholesterol"], "high cholesterol"),
        (
            &["prazole", "ranitidine", "famotidine"],
            &["reflux", "gerd", "ulcer"],
            "acid reflux",
        ),
        (
            &["metformin", "insulin", "gliptin", "glipizide"],
            &["diabet"],
            "diabetes",
        ),
        (&["levothyroxine"], &["thyroid"], "my thyroid"),
    ];
    let m = medicine.to_lowercase();
    let (_, words, lay) = CLASSES
        .iter()
        .find(|(ends, _, _)| ends.iter().any(|e| m.contains(e)))?;
    Some(
        conditions
            .iter()
            .find(|c| words.iter().any(|w| c.condition.to_lowercase().contains(w)))
            .map_or_else(|| lay.to_string(), |c| c.condition.clone()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn medicines_of_a_sentence() {
        assert_eq!(
            medicine_names(
                "She has been on a stable regimen of lisinopril, simvastatin, and omeprazole"
            ),
            ["lisinopril", "simvastatin", "omeprazole"]
        );
    }
}
