//! A bare yes or no is a claim about the question it answers.

use patient_zero::language::Lexicon;
use patient_zero::memory::Memory;
use patient_zero::verify::{Label, check};

fn memory() -> (Memory, Lexicon) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("cases/figure5-severe-acute-pancreatitis.yaml");
    let case = patient_zero::case::load(&path, None).unwrap();
    (Memory::from_case(&case), Lexicon::for_case(&case))
}

fn check_answer(reply: &str, question: Option<&str>) -> Vec<patient_zero::verify::Verdict> {
    let (memory, lexicon) = memory();
    check(reply, question, &lexicon, &memory, None).verdicts
}

fn label(reply: &str, question: &str, key: &str) -> Option<Label> {
    let verdicts = check_answer(reply, Some(question));
    verdicts
        .iter()
        .find(|v| v.claim.starts_with(key))
        .map(|v| v.label)
}

#[test]
fn yes_and_no_are_read_against_the_question() {
    // Figure 5: never smoked, drinks occasionally, no fever, gallstones, no
    // allergies, flu jab 8 months ago, no recreational drugs.
    assert_eq!(
        label(
            "No, never had it.",
            "Have you had the flu jab?",
            "vaccination(influenza)"
        ),
        Some(Label::Contradict)
    );
    assert_eq!(
        label(
            "Yes, in the spring.",
            "Have you had the flu jab?",
            "vaccination(influenza)"
        ),
        Some(Label::Entail)
    );
    assert_eq!(
        label(
            "Yes, a few times at university.",
            "Have you ever taken any recreational drugs?",
            "drugs"
        ),
        Some(Label::Contradict)
    );
    assert_eq!(
        label(
            "No, never.",
            "Have you ever taken any recreational drugs?",
            "drugs"
        ),
        Some(Label::Entail)
    );
    assert_eq!(
        label("No.", "Do you smoke?", "smoking"),
        Some(Label::Entail)
    );
    assert_eq!(
        label("Yes.", "Do you smoke?", "smoking"),
        Some(Label::Contradict)
    );
    assert_eq!(
        label("No, never.", "Have you had any fever?", "symptom(fever)"),
        Some(Label::Entail)
    );
    assert_eq!(
        label("Yes, a bit.", "Have you had a fever?", "symptom(fever)"),
        Some(Label::Contradict)
    );
    assert_eq!(
        label("Yes.", "Have you had any nausea?", "symptom(nausea)"),
        Some(Label::Entail)
    );
    assert_eq!(
        label("No.", "Any allergies?", "allergy"),
        Some(Label::Entail)
    );
    assert_eq!(
        label("Yes.", "Do you drink alcohol?", "alcohol"),
        Some(Label::Entail)
    );
    assert_eq!(
        label("Nope.", "Do you drink alcohol?", "alcohol"),
        Some(Label::Contradict)
    );
    assert_eq!(
        label("Yes.", "Does the pain go to your back?", "radiation"),
        Some(Label::Entail)
    );
    // Without the question, a bare answer claims nothing.
    assert!(check_answer("No.", None).is_empty());
    // An answer that is not yes or no is read on its own.
    assert_eq!(
        label("I've never smoked.", "Do you smoke?", "smoking"),
        Some(Label::Entail)
    );
}
