//! Interviews as students really run them (follow-ups, "it", leading
//! questions, safety questions), from a reviewer's question files: the
//! patient answers the question asked and never contradicts its record.

use patient_zero::agent::{Agent, Offline, TurnReport};
use patient_zero::case::{self, Case};
use patient_zero::persona::{Persona, Style};
use patient_zero::verify::{self, Label};
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn questions(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(root().join("tests/fixtures").join(name)).unwrap();
    serde_yaml::from_str(&text).unwrap()
}

/// A shipped case, or one kept in `tests/fixtures/cases/` because a test
/// depends on its details.
fn case(id: &str) -> Case {
    let shipped = root().join("cases").join(format!("{id}.yaml"));
    let path = if shipped.exists() {
        shipped
    } else {
        root()
            .join("tests/fixtures/cases")
            .join(format!("{id}.yaml"))
    };
    case::load(&path, None).unwrap()
}

fn interview(c: &Case, style: Style, qs: &[String]) -> (Agent<Offline>, Vec<TurnReport>) {
    let mut a = Agent::new(
        c.clone(),
        Offline {
            persona: Persona::builtin(style),
            seed: 3,
            chaos: 0.0,
        },
    );
    let turns = qs.iter().map(|q| a.ask(q)).collect();
    (a, turns)
}

/// What went wrong in an interview: a contradiction in a shown reply (checked
/// again against the final memory), or a turn that needed the fact-only reply.
fn problems(c: &Case, style: Style, agent: &Agent<Offline>, turns: &[TurnReport]) -> Vec<String> {
    let mut out = Vec::new();
    for t in turns {
        let verdicts = agent.recheck(t).verdicts;
        let bad: Vec<_> = verdicts
            .iter()
            .filter(|v| v.label == Label::Contradict)
            .collect();
        if !bad.is_empty() {
            out.push(format!(
                "{} [{style}] Q {:?} A {:?}: {bad:?}",
                c.id, t.question, t.reply
            ));
        }
        if let Some(f) = t
            .flags
            .iter()
            .find(|f| f.kind == patient_zero::agent::FlagKind::Contradiction)
            .filter(|_| {
                t.flags
                    .iter()
                    .any(|f| f.kind == patient_zero::agent::FlagKind::Fallback)
            })
        {
            out.push(format!(
                "{} [{style}] Q {:?} fell back: {}",
                c.id, t.question, f.detail
            ));
        }
    }
    out
}

#[test]
fn realistic_interviews_never_contradict_the_record() {
    let general: Vec<String> = questions("interview_q1.yaml")
        .into_iter()
        .chain(questions("interview_q_lead.yaml"))
        .collect();
    let mut cases: Vec<Case> = std::fs::read_dir(root().join("cases"))
        .unwrap()
        .map(|e| case::load(&e.unwrap().path(), None).unwrap())
        .collect();
    cases.sort_by(|a, b| a.id.cmp(&b.id));
    let mut found = Vec::new();
    for c in &cases {
        let mut qs = general.clone();
        let special = match c.disease.outline.as_deref() {
            Some("major_depressive_disorder") => Some("interview_q_mdd.yaml"),
            Some("benign_prostatic_hyperplasia") => Some("interview_q_bph.yaml"),
            Some("retinal_detachment") => Some("interview_q_rd.yaml"),
            _ => None,
        };
        qs.extend(special.map(questions).unwrap_or_default());
        for style in Style::ALL {
            let (agent, turns) = interview(c, style, &qs);
            found.extend(problems(c, style, &agent, &turns));
        }
    }
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}

fn ask(id: &str, qs: &[&str]) -> Vec<String> {
    let c = case(id);
    let qs: Vec<String> = qs.iter().map(|q| q.to_string()).collect();
    interview(&c, Style::Plain, &qs)
        .1
        .into_iter()
        .map(|t| t.reply)
        .collect()
}

#[test]
fn past_operations_are_told_in_every_case_that_has_them() {
    for entry in std::fs::read_dir(root().join("cases")).unwrap() {
        let c = case::load(&entry.unwrap().path(), None).unwrap();
        let Some(op) = c.history.surgeries.first() else {
            continue;
        };
        let (_, turns) = interview(
            &c,
            Style::Plain,
            &["Have you had any operations?".to_string()],
        );
        assert!(
            turns[0].reply.contains(op.procedure.as_str()),
            "{}: {:?}",
            c.id,
            turns[0].reply
        );
    }
}

#[test]
fn safety_questions_get_the_records_answer() {
    // This patient has suicidal thoughts a few times a week, and no plans.
    let r = ask(
        "major-depressive-disorder-s2026-00001",
        &[
            "Sometimes when people feel this low they have thoughts of harming themselves or ending their life. Have you had thoughts like that?",
            "Have you made any plans or preparations?",
            "Have you ever hurt yourself on purpose?",
        ],
    );
    assert!(r[0].starts_with("Yes"), "{}", r[0]);
    assert!(r[1].starts_with("No"), "{}", r[1]);
    assert!(r[2].starts_with("No"), "{}", r[2]);
}

#[test]
fn follow_ups_are_about_what_was_just_discussed() {
    let r = ask(
        "major-depressive-disorder-s2026-00001",
        &[
            "How has your mood been?",
            "Is there anything that helps lift it a bit?",
        ],
    );
    assert!(r[1].to_lowercase().contains("keeping busy"), "{}", r[1]);
    let r = ask(
        "benign-prostatic-hyperplasia-s2026-00004",
        &[
            "Any dribbling at the end?",
            "How long has the night-time peeing been going on?",
        ],
    );
    assert!(r[0].starts_with("Yes"), "{}", r[0]);
    assert!(r[1].contains("eleven months"), "{}", r[1]);
}

#[test]
fn onset_and_trigger_questions_are_answered_as_asked() {
    let c = case("figure5-severe-acute-pancreatitis");
    let qs = [
        "What brings you in?",
        "Did it come on suddenly or gradually?",
        "What were you doing when it started?",
    ]
    .map(String::from);
    let (_, turns) = interview(&c, Style::Verbose, &qs);
    assert!(turns[1].reply.contains("suddenly"), "{}", turns[1].reply);
    assert!(
        turns[2].reply.contains("fried dinner"),
        "{}",
        turns[2].reply
    );
    for t in &turns {
        let sentences: Vec<&str> = t.reply.split(". ").collect();
        let mut unique = sentences.clone();
        unique.dedup();
        assert_eq!(
            sentences.len(),
            unique.len(),
            "repeated sentence in {:?}",
            t.reply
        );
    }
}

#[test]
fn the_records_own_words_are_not_new_claims_but_a_wrong_duration_still_is() {
    let c = case("acute-cystitis-s2026-00011");
    let memory = patient_zero::memory::Memory::from_case(&c);
    let lexicon = patient_zero::language::Lexicon::for_case(&c);
    let labels = |reply: &str| -> Vec<Label> {
        let question = Some("How often do you need to pee?");
        let v = verify::check(reply, question, &lexicon, &memory, None).verdicts;
        v.into_iter().map(|v| v.label).collect()
    };
    // The lay wording holds "every few minutes": quoted, it is not a duration of minutes.
    let quoted = labels("I've also been going to the toilet every few minutes.");
    assert!(!quoted.contains(&Label::Contradict), "{quoted:?}");
    assert!(quoted.contains(&Label::Entail), "{quoted:?}");
    // The same words with a duration of their own are still checked: 3 days, not 2 months.
    let wrong = labels("I've been going to the toilet every few minutes for two months now.");
    assert!(wrong.contains(&Label::Contradict), "{wrong:?}");
    let right = labels("I've been going to the toilet every few minutes for three days now.");
    assert!(!right.contains(&Label::Contradict), "{right:?}");
}
