//! The patient's story from AgentClinic prose: symptoms with their onset,
//! course and modifiers, pertinent negatives, past conditions and medicines.

use super::Assumed;
use super::prose::{self, clauses, first_span, items, mentions, sentences, uncapitalise, voice};
use super::source::Source;
use crate::case::{Course, Negative, Onset, OnsetMode, Span, Symptom, TimeUnit};

/// Where a symptom's phrase stops being its name ("weight gain despite ...").
const NAME_ENDS: &[&str] = &[
    " despite ",
    " during ",
    " for ",
    " with ",
    " after ",
    " since ",
    " over ",
    " that ",
    " of ",
    " when ",
    " in the setting of ",
    " due to ",
];

/// A symptom's name and the patient's words for it, from a phrase such as
/// "Weight loss of 5.4 kg (12 lb)"; `None` for what is not a symptom.
fn symptom_name(phrase: &str) -> Option<(String, String)> {
    let mut p = phrase.trim().trim_end_matches('.').replace(['\'', '"'], "");
    for w in [
        "history of",
        "new-onset",
        "new onset",
        "resolved",
        "persistent",
        "recent",
    ] {
        if let Some(r) = prose::strip_word(&p, w) {
            p = r;
        }
    }
    let lower = p.to_lowercase();
    if lower.contains("symptom") || p.trim().is_empty() {
        return None;
    }
    let mut name = p.clone();
    if let Some(i) = name.find(" (") {
        name.truncate(i);
    }
    let cut = NAME_ENDS
        .iter()
        .filter_map(|e| prose::find_ignoring_case(&name, e))
        .min();
    if let Some(i) = cut {
        // "reduced strength in the right upper limb": keep a short name whole.
        name.truncate(i);
    }
    let name = uncapitalise(prose::clean_item(&name).trim());
    if name.is_empty() || name.split_whitespace().count() > 8 {
        return None;
    }
    Some((name, prose::first_person(&uncapitalise(p.trim()))))
}

/// Modifiers a phrase gives ("worsen after physical activity", "intense with palpation").
fn modifiers(text: &str) -> (Vec<String>, Vec<String>) {
    const WORSE: &[&str] = &[
        "worsen",
        "worse",
        "aggravat",
        "exacerbat",
        "intens",
        "provok",
    ];
    const BETTER: &[&str] = &["improv", "better", "reliev", "eased", "eases", "resolv"];
    const SKIP: &[&str] = &[
        "significantly",
        "considerably",
        "much",
        "markedly",
        "slightly",
        "a",
        "bit",
        "tend",
        "to",
        "tends",
        "especially",
        "particularly",
    ];
    const PREPS: &[&str] = &["after", "with", "by", "on", "when", "during", "following"];
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let (mut worse, mut better) = (Vec::new(), Vec::new());
    for (i, w) in words.iter().enumerate() {
        let is_worse = WORSE.iter().any(|s| w.starts_with(s));
        let is_better = BETTER.iter().any(|s| w.starts_with(s));
        if !is_worse && !is_better {
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && SKIP.contains(&words[j]) {
            j += 1;
        }
        if j >= words.len() || !PREPS.contains(&words[j]) {
            continue;
        }
        let mut what = Vec::new();
        for w in &words[j + 1..] {
            if matches!(*w, "but" | "and" | "which" | "while") {
                break;
            }
            let end = w.ends_with([',', '.', ';']);
            what.push(w.trim_end_matches([',', '.', ';']));
            if end {
                break;
            }
        }
        let what = without_time(&what.join(" "));
        if !what.is_empty() {
            if is_worse { &mut worse } else { &mut better }.push(what);
        }
    }
    (worse, better)
}

/// "a few hours of rest" is rest: a time inside a modifier would be heard as
/// the symptom's duration.
fn without_time(what: &str) -> String {
    match what.split_once(" of ") {
        Some((head, tail)) if first_span(head).is_some() => tail.to_string(),
        _ => what.to_string(),
    }
}

fn course_in(text: &str) -> Option<Course> {
    let t = text.to_lowercase();
    if t.contains("resolved") || t.contains("improving") {
        Some(Course::Improving)
    } else if t.contains("worsening")
        || t.contains("escalat")
        || t.contains("progressive")
        || t.contains("increasing")
    {
        Some(Course::Worsening)
    } else if t.contains("intermittent") || t.contains("comes and goes") || t.contains("episodic") {
        Some(Course::Intermittent)
    } else if t.contains("persistent")
        || t.contains("continued")
        || t.contains("ongoing")
        || t.contains("constant")
    {
        Some(Course::Stable)
    } else {
        None
    }
}

fn onset_in(text: &str) -> Option<OnsetMode> {
    let t = text.to_lowercase();
    if ["sudden", "abrupt", "acute onset"]
        .iter()
        .any(|w| t.contains(w))
    {
        Some(OnsetMode::Sudden)
    } else if ["gradual", "slowly", "developing", "progressive"]
        .iter()
        .any(|w| t.contains(w))
    {
        Some(OnsetMode::Gradual)
    } else {
        None
    }
}

/// The symptoms: the primary and secondary symptoms and what the review of
/// systems reports, each with what the history says about its onset, course
/// and what changes it.
pub fn symptoms(src: &Source, age_days: f64, assumed: &mut Assumed) -> Vec<Symptom> {
    // Phrases first, with what each says about itself.
    let mut phrases: Vec<String> = Vec::new();
    let mut shared_better = Vec::new();
    let mut shared_worse = Vec::new();
    let mut qualifiers: Vec<(usize, String)> = Vec::new();
    for piece in src
        .primary_symptom
        .split(',')
        .flat_map(|p| p.split(" and "))
    {
        let piece = piece.trim();
        let lower = piece.to_lowercase();
        if ["especially", "particularly", "mainly", "worse", "mostly"]
            .iter()
            .any(|w| lower.starts_with(w))
        {
            qualifiers.push((phrases.len().saturating_sub(1), piece.to_string()));
        } else if !piece.is_empty() {
            phrases.push(piece.to_string());
        }
    }
    for s in &src.secondary_symptoms {
        let lower = s.to_lowercase();
        if lower.starts_with("improvement")
            || lower.starts_with("worsening of")
            || lower.contains("symptom")
        {
            // "Improvement of symptoms after rest": about all of them, not a symptom itself.
            let (w, b) = modifiers(&lower.replace("improvement", "improves"));
            shared_worse.extend(w);
            shared_better.extend(b);
            continue;
        }
        phrases.push(s.clone());
    }
    for sentence in sentences(&src.review_of_systems) {
        for clause in clauses(&sentence) {
            if let (Some(true), rest) = voice(&clause) {
                phrases.extend(items(&rest));
            }
        }
    }

    let history = sentences(&src.history);
    let overall = history.iter().find_map(|s| first_span(s));
    let mut out: Vec<Symptom> = Vec::new();
    for (i, phrase) in phrases.iter().enumerate() {
        let Some((name, lay)) = symptom_name(phrase) else {
            continue;
        };
        if out
            .iter()
            .any(|s| mentions(&s.name, &name) || mentions(&name, &s.name))
        {
            continue;
        }
        let about: Vec<&String> = history.iter().filter(|s| mentions(s, &name)).collect();
        let at = format!("symptoms[{}]", out.len());
        let span = first_span(phrase)
            .or_else(|| about.iter().find_map(|s| first_span(s)))
            .or(overall)
            .filter(|s| s.days() <= age_days)
            .unwrap_or_else(|| {
                let s = if age_days < 30.0 {
                    Span::new(1, TimeUnit::Day)
                } else {
                    Span::new(1, TimeUnit::Week)
                };
                assumed.note(
                    format!("{at}.onset.ago"),
                    format!("{s} (the source gives no time)"),
                );
                s
            });
        let course: Course = course_in(phrase)
            .or_else(|| about.iter().find_map(|s| course_in(s)))
            .unwrap_or_else(|| {
                assumed.note(format!("{at}.course"), "stable (not stated)");
                Course::Stable
            });
        let how: OnsetMode = onset_in(phrase)
            .or_else(|| about.iter().find_map(|s| onset_in(s)))
            .unwrap_or_else(|| {
                assumed.note(format!("{at}.onset.how"), "gradual (not stated)");
                OnsetMode::Gradual
            });
        let (mut worse, mut better) = modifiers(phrase);
        for (_, q) in qualifiers.iter().filter(|(k, _)| *k == i) {
            let (w, b) = modifiers(q);
            worse.extend(w);
            better.extend(b);
        }
        for s in history
            .iter()
            .filter(|s| mentions(s, &name) || s.to_lowercase().contains("symptoms"))
        {
            let (w, b) = modifiers(s);
            worse.extend(w);
            better.extend(b);
        }
        worse.extend(shared_worse.iter().cloned());
        better.extend(shared_better.iter().cloned());
        dedup(&mut worse);
        dedup(&mut better);
        out.push(Symptom {
            name,
            lay,
            onset: Onset {
                ago: span,
                how,
                trigger: None,
            },
            duration: span,
            course,
            location: None,
            character: None,
            radiation: None,
            frequency: None,
            intensity: None,
            aggravating: worse.into_iter().map(|w| prose::first_person(&w)).collect(),
            relieving: better
                .into_iter()
                .map(|w| prose::first_person(&w))
                .collect(),
        });
    }
    out
}

fn dedup(v: &mut Vec<String>) {
    let mut seen = std::collections::HashSet::new();
    v.retain(|x| seen.insert(x.clone()));
}

/// What the patient denies, from the review of systems and the history; never
/// a symptom they have.
pub fn negatives(src: &Source, symptoms: &[Symptom]) -> Vec<Negative> {
    let mut out: Vec<Negative> = Vec::new();
    let text = format!("{}. {}", src.review_of_systems, src.history);
    for sentence in sentences(&text) {
        for clause in clauses(&sentence) {
            let (Some(false), rest) = voice(&clause) else {
                continue;
            };
            for item in items(&rest) {
                let name = uncapitalise(&item);
                let lower = name.to_lowercase();
                // Denials of a history, not of a symptom, belong to the past history.
                if [
                    "history",
                    "illness",
                    "surger",
                    "complication",
                    "significant",
                ]
                .iter()
                .any(|w| lower.contains(w))
                    || name.split_whitespace().count() > 5
                    || symptoms
                        .iter()
                        .any(|s| mentions(&s.name, &name) || mentions(&name, &s.name))
                    || out.iter().any(|n| n.name.eq_ignore_ascii_case(&name))
                {
                    continue;
                }
                out.push(Negative {
                    lay: prose::first_person(&name),
                    name,
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_modifiers() {
        assert_eq!(
            symptom_name("Weight gain despite decreased feeding")
                .unwrap()
                .0,
            "weight gain"
        );
        assert_eq!(
            symptom_name("Neck swelling for 4 days").unwrap().0,
            "neck swelling"
        );
        assert!(
            symptom_name("Persistent symptoms despite resolution of initial sinusitis").is_none()
        );
        let (w, b) = modifiers(
            "these symptoms tend to worsen after physical activity but improve significantly after a few hours of rest",
        );
        assert_eq!(w, ["physical activity"]);
        assert_eq!(b, ["rest"]);
    }
}
