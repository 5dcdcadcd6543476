//! The concept layer: its files load, the record's items link to concepts,
//! no text can make the readers panic, and the readers hold their measured
//! floor on the frozen test sets (written by people who had not read the
//! rules, and never tuned on).

use patient_zero::case::{self, Case};
use patient_zero::eval::sets::Set;
use patient_zero::language::{Lexicon, question};
use patient_zero::memory::{Memory, Topic};
use rand::SeedableRng;
#[path = "support/cli.rs"]
mod cli;
#[path = "support/random_text.rs"]
mod random_text;
use cli::{root, run};
use patient_zero::language::order::{Want, order};
use random_text::{random_text, scramble};

fn shipped() -> Vec<Case> {
    cli::shipped_paths()
        .iter()
        .map(|p| case::load(p, None).unwrap())
        .collect()
}

#[test]
fn the_concept_cue_and_question_files_load_without_a_problem() {
    let problems = patient_zero::language::concepts::check_builtin();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(patient_zero::language::Cues::check_builtin(), None);
    assert_eq!(question::check_builtin(), None);
}

#[test]
fn almost_every_symptom_of_the_shipped_cases_links_to_a_concept() {
    let (mut linked, mut all) = (0, 0);
    let mut unlinked = Vec::new();
    for c in shipped() {
        let lx = Lexicon::for_case(&c);
        for item in lx.items.iter().filter(|i| i.key.topic == Topic::Symptom) {
            all += 1;
            if item.concepts.is_empty() {
                unlinked.push(format!("{}: {}", c.id, item.name));
            } else {
                linked += 1;
            }
        }
    }
    assert!(all > 100, "{all}");
    assert!(
        linked as f64 >= 0.97 * all as f64,
        "{linked} of {all} linked; not: {unlinked:#?}"
    );
}

#[test]
fn no_text_makes_the_readers_panic() {
    let cases = shipped();
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(2509_11078);
    for (k, c) in cases.iter().take(6).enumerate() {
        let lx = Lexicon::for_case(c);
        let memory = Memory::from_case(c);
        for _ in 0..300 {
            let q = random_text(&mut rng);
            let r = random_text(&mut rng);
            let asked = question::read(&q, &lx);
            assert!(!asked.intents.is_empty());
            let checked = patient_zero::verify::check(&r, Some(&q), &lx, &memory, None);
            for s in &checked.reading.sentences {
                assert!(r.get(s.span.clone()).is_some(), "case {k}: {r:?} {s:?}");
            }
            let _ = patient_zero::verify::check(&r, None, &lx, &memory, None);
            let found = order(&r, Want::Any, &lx, &memory.semantic);
            assert!(found.results.iter().all(|id| memory.fact(id).is_some()));
        }
    }
    // The importer, with random text in the fields of real AgentClinic cases.
    let lines = std::fs::read_to_string(
        root().join("tests/fixtures/agentclinic/agentclinic_medqa_sample.jsonl"),
    )
    .unwrap();
    let lines: Vec<serde_json::Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    for i in 0..200 {
        let line = scramble(&lines[i % lines.len()], &mut rng).to_string();
        let _ = patient_zero::import::agentclinic_case(&line, i + 1, "fuzz", None);
    }
}

#[test]
fn characters_whose_lower_case_changes_length_are_read_not_crashed_on() {
    let case = root().join("cases/figure5-severe-acute-pancreatitis.yaml");
    for reply in [
        "İİİİİİİ helps",
        "\u{212A}\u{212A} pain, leaning forward helps",
        "My İİ back hurts since two days ago",
    ] {
        let o = run(&["check", case.to_str().unwrap(), "--reply", reply, "--json"]);
        assert!(
            o.status.success(),
            "{reply:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(doc.is_object(), "{doc}");
    }
    // A case whose relieving factor holds such a word validates and holds an interview.
    let yaml = std::fs::read_to_string(&case).unwrap().replace(
        "sitting up and leaning forward",
        "İİİİ sitting up and leaning forward",
    );
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("figure5-severe-acute-pancreatitis.yaml");
    std::fs::write(&path, yaml).unwrap();
    let p = path.to_str().unwrap();
    assert!(run(&["validate", p]).status.success());
    let qs = dir.path().join("q.yaml");
    std::fs::write(
        &qs,
        "- What helps the pain?\n- Anything that makes it better?\n",
    )
    .unwrap();
    let o = run(&["interview", p, "-q", qs.to_str().unwrap(), "--no-session"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(String::from_utf8_lossy(&o.stdout).contains("leaning forward"));
}

fn set(name: &str) -> Set {
    let kb = patient_zero::knowledge::KnowledgeBase::embedded().unwrap();
    Set::load(&root().join("assets/eval/sets").join(name), Some(&kb))
        .unwrap_or_else(|p| panic!("{name}: {p:?}"))
}

/// Floors on the frozen test splits, just under what was measured when they
/// were last set (verifier-test recall 0.592, false alarms 0.108;
/// questions-test answered 0.784, clarifications 0.058; verifier-test2 0.725
/// and 0.025; questions-test2 0.926 and 0.033; verifier-test3 0.684 and
/// 0.024; questions-test3 0.769 and 0.100; verifier-test4 0.711 and 0.024;
/// questions-test4 0.765 and 0.017; verifier-test5 0.875 and 0.175;
/// questions-test5 0.870 and 0.050; verifier-test6 0.720 and 0.167;
/// questions-test6 0.778 and 0.067): a change that reads independent
/// language worse fails here. The targets (recall 0.90, false alarms 0.05,
/// answered 0.90) are far above.
#[test]
fn the_readers_hold_their_floor_on_the_frozen_test_sets() {
    let floors = [
        (
            "verifier-test.yaml",
            "questions-test.yaml",
            0.58,
            0.11,
            0.77,
            0.06,
        ),
        (
            "verifier-test2.yaml",
            "questions-test2.yaml",
            0.71,
            0.03,
            0.91,
            0.04,
        ),
        (
            "verifier-test3.yaml",
            "questions-test3.yaml",
            0.67,
            0.05,
            0.75,
            0.10,
        ),
        (
            "verifier-test4.yaml",
            "questions-test4.yaml",
            0.70,
            0.03,
            0.75,
            0.06,
        ),
        (
            "verifier-test5.yaml",
            "questions-test5.yaml",
            0.86,
            0.18,
            0.86,
            0.06,
        ),
        (
            "verifier-test6.yaml",
            "questions-test6.yaml",
            0.71,
            0.17,
            0.77,
            0.07,
        ),
    ];
    for (replies, questions, recall, alarms, answered, clarified) in floors {
        let v = patient_zero::eval::verifier::run(&set(replies), false);
        assert!(v.contradictions >= 30 && v.consistent >= 30, "{v:?}");
        assert!(v.recall >= recall, "{replies}: recall {:.3}", v.recall);
        assert!(
            v.false_alarm_rate <= alarms,
            "{replies}: false alarms {:.3}",
            v.false_alarm_rate
        );
        let q = patient_zero::eval::questions::run(&set(questions), false);
        assert!(q.questions >= 60, "{}", q.questions);
        assert!(
            q.answered_rate >= answered,
            "{questions}: answered {:.3}",
            q.answered_rate
        );
        assert!(
            q.clarification_rate <= clarified,
            "{questions}: {:.3}",
            q.clarification_rate
        );
        assert_eq!(q.invented_denials, 0);
        assert_eq!(q.contradictions, 0);
    }
}

/// Questions as students type them, read as they mean them (each line a
/// miss of the second question split, written by someone who had not read
/// the rules): the asker's introduction asks nothing, a kind word before the
/// question is not its subject, "and better?" asks what helps, "FH" is the
/// family's.
#[test]
fn questions_are_read_as_the_student_means_them() {
    use patient_zero::language::question::{Attribute, Intent};
    let case = case::load(
        &root().join("cases/figure5-severe-acute-pancreatitis.yaml"),
        None,
    )
    .unwrap();
    let lx = Lexicon::for_case(&case);
    let intents = |q: &str| question::read(q, &lx).intents;
    let hello = intents(
        "Hi, I'm Alex, one of the medical students. Could you confirm your name and age for me please?",
    );
    assert!(
        hello.contains(&Intent::Name) && hello.contains(&Intent::Age),
        "{hello:?}"
    );
    assert!(!hello.contains(&Intent::Occupation), "{hello:?}");
    let check = intents(
        "Hello, my name's Jess, I'm a medical student. Can I check your name and age please?",
    );
    assert!(
        !check.contains(&Intent::SymptomCheck) && !check.contains(&Intent::Occupation),
        "{check:?}"
    );
    let kind = intents("That must be hard with your mum being poorly. How has your mood been?");
    assert!(!kind.contains(&Intent::FamilyHistory), "{kind:?}");
    assert!(kind.contains(&Intent::Mood), "{kind:?}");
    assert_eq!(
        question::read("and better?", &lx).attribute,
        Some(Attribute::Relieving)
    );
    // What was going on when it began is what set it off, not when.
    for q in [
        "What were you doing when it started?",
        "Were you doing anything when it came on?",
        "What brought the pain on?",
        "Can you tell me how it happened?",
        "Was there anything that set it off?",
        "Can you remember the first attack?",
    ] {
        assert_eq!(
            question::read(q, &lx).attribute,
            Some(Attribute::Trigger),
            "{q}"
        );
    }
    // What sets it off now is what makes it worse.
    assert_eq!(
        question::read("Does anything set it off?", &lx).attribute,
        Some(Attribute::Aggravating)
    );
    assert_eq!(
        question::read("does it get bigger when u cough or strain", &lx).attribute,
        Some(Attribute::Aggravating)
    );
    assert_eq!(
        question::read("Can you push it back in yourself?", &lx).attribute,
        Some(Attribute::Relieving)
    );
    // Seventh split: the asker's own words name no symptom; what others
    // noticed is no diagnosis; "tension" is the recorded muscle tension.
    let cushing = case::load(
        &root().join("cases/cushing-syndrome-s2026-00000.yaml"),
        None,
    )
    .unwrap();
    let clx = Lexicon::for_case(&cushing);
    for q in [
        "Could I start by checking your full name and how old you are please?",
        "Can you confirm your full name and age for me?",
    ] {
        let asked = question::read(q, &clx);
        assert_eq!(asked.intents[..2], [Intent::Name, Intent::Age], "{q}");
        assert!(!asked.intents.contains(&Intent::SymptomCheck), "{q}");
    }
    let sleep = case::load(
        &root().join("cases/insomnia-disorder-s2026-00004.yaml"),
        None,
    )
    .unwrap();
    let slx = Lexicon::for_case(&sleep);
    let snore = question::read(
        "Has anyone told you that you snore loudly or stop breathing in your sleep?",
        &slx,
    );
    assert!(!snore.intents.contains(&Intent::Diagnosis), "{snore:?}");
    let tension = question::read(
        "Any physical symptoms with it, like tension or aches?",
        &slx,
    );
    let named: Vec<&str> = tension
        .read
        .mentions
        .iter()
        .flat_map(|m| m.items.iter().map(|&i| slx.items[i].name.as_str()))
        .collect();
    assert!(named.contains(&"muscle tension"), "{named:?}");
    assert_eq!(
        intents("Any FH of eye problems?").first(),
        Some(&Intent::FamilyHistory)
    );
    assert_eq!(
        intents("What can I help you with today?").first(),
        Some(&Intent::ChiefComplaint)
    );
    // What provokes it now, and how it began.
    let attribute = |q: &str| question::read(q, &lx).attribute;
    assert_eq!(
        attribute("Is there anything that brings them on?"),
        Some(Attribute::Aggravating)
    );
    assert_eq!(
        attribute("Did anything set it off?"),
        Some(Attribute::Trigger)
    );
    assert_eq!(attribute("What brought it on?"), Some(Attribute::Trigger));
    // A dose with nothing named is the medicines'; the drugs of a night out are not.
    assert_eq!(
        intents("What dose is that?").first(),
        Some(&Intent::Medications)
    );
    let drugs = intents("Have you ever taken any recreational drugs?");
    assert!(
        drugs.contains(&Intent::Drugs) && !drugs.contains(&Intent::Medications),
        "{drugs:?}"
    );
    // The words of a symptom ask for no result; a denied fear is no concern;
    // "any thoughts like that?" is not asking for the patient's ideas.
    assert!(!intents("How are your energy levels?").contains(&Intent::TestResults));
    assert!(
        !intents(
            "Do you ever get your heart racing when you're sitting calmly and not frightened?"
        )
        .contains(&Intent::Concerns)
    );
    assert!(
        !intents("Sometimes when people feel low they have thoughts of ending their life. Have you had any thoughts like that?")
            .contains(&Intent::Ideas)
    );
    // An everyday matter no record holds has a plain answer.
    let abroad = question::read("Have you been abroad recently?", &lx);
    assert_eq!(
        question::everyday(&abroad).map(|e| e.subject.as_str()),
        Some("travel")
    );
    let pain = question::read("Where is the pain?", &lx);
    assert!(question::everyday(&pain).is_none());
}

/// What the offline patient answers to `questions` (a YAML list) in a case
/// of the eval sets, through the `interview` command.
fn interview(case: &str, questions: &str, extra: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let qs = dir.path().join("q.yaml");
    std::fs::write(&qs, questions).unwrap();
    let p = root().join(format!("assets/eval/sets/cases/{case}.yaml"));
    let mut args = vec![
        "interview",
        p.to_str().unwrap(),
        "-q",
        qs.to_str().unwrap(),
        "--no-session",
    ];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A word after "the" or "these" that one symptom's own words hold names
/// it ("the stinging", "these attacks"), and follow-ups keep to it; an
/// everyday question is answered the same way twice.
#[test]
fn a_symptom_is_named_by_its_own_words_and_everyday_answers_hold() {
    let out = interview(
        "panic-disorder-s2026-00017",
        "- Can you tell me what happens in one of these attacks?\n- Is there anything that brings them on?\n- Have you been abroad recently?\n- Have you been overseas lately?\n",
        &["--json"],
    );
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let turns = v["turns"].as_array().unwrap();
    let reply = |i: usize| turns[i]["reply"].as_str().unwrap().to_lowercase();
    assert!(reply(0).contains("fear"), "{}", reply(0));
    assert!(!reply(0).contains("sorry"), "{}", reply(0));
    // The record: crowded shops bring the attacks on.
    assert!(reply(1).contains("crowded"), "{}", reply(1));
    assert!(!reply(2).contains("sorry"), "{}", reply(2));
    assert_eq!(reply(2), reply(3));
}

/// "What makes it worse?" of a complaint with nothing recorded of that (a
/// fever) is answered of the symptom that has it, and "and better?" follows.
#[test]
fn it_is_the_symptom_that_has_what_is_asked() {
    let out = interview(
        "acute-bacterial-prostatitis-s2026-00010",
        "- Is there anything that makes it worse?\n- and better?\n",
        &[],
    )
    .to_lowercase();
    assert!(out.contains("sitting down makes it worse"), "{out}");
    assert!(out.contains("warm bath"), "{out}");
}

/// The labels of the verdicts on `reply`, answering `question`, whose claim
/// names `key`, against an eval-set case on the sets' date.
fn verdict(case: &str, question: &str, reply: &str, key: &str) -> Vec<patient_zero::verify::Label> {
    let c = case::load(
        &root().join(format!("assets/eval/sets/cases/{case}.yaml")),
        None,
    )
    .unwrap();
    let (memory, lexicon) = (Memory::from_case(&c), Lexicon::for_case(&c));
    let date = time::Date::from_calendar_date(2027, time::Month::January, 12).unwrap();
    patient_zero::verify::check(reply, Some(question), &lexicon, &memory, Some(date))
        .verdicts
        .iter()
        .filter(|v| v.claim.contains(key))
        .map(|v| v.label)
        .collect()
}

/// Rows of (case, question, reply, claim key, the label every verdict on
/// that key has; None: no claim on it).
type Row<'a> = (
    &'a str,
    &'a str,
    &'a str,
    &'a str,
    Option<patient_zero::verify::Label>,
);

fn expect_verdicts(rows: &[Row<'_>]) {
    for &(case, question, reply, key, want) in rows {
        let got = verdict(case, question, reply, key);
        match want {
            None => assert!(got.is_empty(), "{reply:?} ({key}): {got:?}"),
            Some(want) => assert!(
                !got.is_empty() && got.iter().all(|&l| l == want),
                "{reply:?} ({key}): {got:?}"
            ),
        }
    }
}

/// Replies read with the question they answer (each a miss of the fifth
/// development split, written by someone who had not read the rules): a
/// bare score answers "out of ten?", a time naming no vaccine is the asked
/// one's, children counted are births, a "no" to "are you jumpy?" denies it,
/// and "problems with medicines?" asks about allergies.
#[test]
fn replies_are_read_with_the_question_they_answer() {
    use patient_zero::verify::Label;
    let cases = [
        // Gritty eye 4/10.
        (
            "bacterial-conjunctivitis-s2026-00004",
            "How bad is the gritty feeling, out of ten?",
            "Oh, it's bad, I'd say eight or nine.",
            "intensity(gritty eye)",
            Label::Contradict,
        ),
        (
            "bacterial-conjunctivitis-s2026-00004",
            "How bad is the gritty feeling, out of ten?",
            "Not too bad, a four maybe.",
            "intensity(gritty eye)",
            Label::Entail,
        ),
        // Flu jab last had 2 years ago.
        (
            "benign-prostatic-hyperplasia-s2026-00003",
            "Have you had the flu jab this winter?",
            "Had it back in October at the chemist's.",
            "last_dose(influenza)",
            Label::Contradict,
        ),
        // No children.
        (
            "knee-osteoarthritis-s2026-00003",
            "Have you had any children?",
            "Two, a boy and a girl.",
            "births",
            Label::Contradict,
        ),
        // Jumpy at every little noise.
        (
            "post-traumatic-stress-disorder-s2026-00008",
            "Do you find you're jumpy or easily startled?",
            "Not really, no.",
            "symptom(startle)",
            Label::Contradict,
        ),
        // No allergies.
        (
            "post-traumatic-stress-disorder-s2026-00008",
            "Have you ever had problems with any medicines?",
            "Codeine - it brought me out in hives once.",
            "allergy(codeine)",
            Label::Contradict,
        ),
        // High blood pressure found 7 years ago.
        (
            "post-traumatic-stress-disorder-s2026-00008",
            "When were you diagnosed with high blood pressure?",
            "Only a couple of years back, at a works medical.",
            "diagnosed(high blood pressure)",
            Label::Contradict,
        ),
        // Puts off going to the toilet because of the pain.
        (
            "anal-fissure-s2026-00004",
            "Do you ever put off going to the toilet because of the pain?",
            "No, I go whenever I need to.",
            "symptom(avoiding opening bowels)",
            Label::Contradict,
        ),
        // A quarter of a pack a day.
        (
            "lateral-ankle-sprain-s2026-00004",
            "Roughly how much do you smoke in a day?",
            "A pack a day, more or less.",
            "smoking_amount",
            Label::Contradict,
        ),
        (
            "lateral-ankle-sprain-s2026-00004",
            "Roughly how much do you smoke in a day?",
            "Five or so.",
            "smoking_amount",
            Label::Entail,
        ),
        // Never smoked.
        (
            "primary-adrenal-insufficiency-s2026-00005",
            "Have you ever been a smoker?",
            "About ten a day since college, I'm afraid.",
            "smoking_amount",
            Label::Contradict,
        ),
        // Never smoked: a quit said in answer to "do you smoke?" is a former smoker's.
        (
            "age-related-cataract-s2026-00001",
            "Do you smoke cigarettes?",
            "Not now. I gave up about twenty years ago.",
            "smoking: former",
            Label::Contradict,
        ),
        // ... but not one said of another habit.
        (
            "benign-prostatic-hyperplasia-s2026-00003",
            "Do you smoke or drink at all? Ever used any recreational drugs?",
            "I've never smoked. I used to use cannabis, but I stopped.",
            "smoking:",
            Label::Entail,
        ),
        // Hysterectomy 8 years ago, at 53: a time by her age, with the operation the question named.
        (
            "stress-urinary-incontinence-s2026-00008",
            "When was your hysterectomy?",
            "Ages ago, back in my thirties, not long after the kids were born.",
            "surgery(hysterectomy)",
            Label::Contradict,
        ),
        // Blurred vision for 10 months: "the last three weeks" is a length of time, not a spell that lasts.
        (
            "age-related-cataract-s2026-00001",
            "How long has your eyesight been blurred?",
            "Just the last three weeks or so, really.",
            "duration(blurred vision)",
            Label::Contradict,
        ),
        // Improving: "Worse, if anything" chooses one of the two the question offered.
        (
            "lateral-ankle-sprain-s2026-00004",
            "Is it getting better or worse?",
            "Worse, if anything; it seems a bit angrier every day.",
            "course(ankle pain)",
            Label::Contradict,
        ),
        (
            "lateral-ankle-sprain-s2026-00004",
            "Is it getting better or worse?",
            "Better, I think.",
            "course(ankle pain)",
            Label::Entail,
        ),
        // Worse sitting down, eased lying on her side.
        (
            "acute-bacterial-prostatitis-s2026-00010",
            "Does anything make the pain worse?",
            "Standing up for long is the worst, sitting down actually takes the pressure off.",
            "relieving(perineal pain)",
            Label::Contradict,
        ),
        // Ice and strapping ease it.
        (
            "lateral-ankle-sprain-s2026-00004",
            "Have you tried anything for it?",
            "I bought an ice pack from the chemist. It didn't make a blind bit of difference.",
            "relieving(ankle pain)",
            Label::Contradict,
        ),
    ];
    for (case, question, reply, key, want) in cases {
        let got = verdict(case, question, reply, key);
        assert!(
            !got.is_empty() && got.iter().all(|&l| l == want),
            "{reply:?} ({key}): {got:?}"
        );
    }
    // "That's been..." times what the sentence before said, not the pain.
    let timed = verdict(
        "anal-fissure-s2026-00004",
        "Has the pain changed how often you go?",
        "Yes, I've started holding on and putting it off because I dread it. That's been the last six weeks or so.",
        "duration(",
    );
    assert!(timed.is_empty(), "{timed:?}");
    // "because of the pain" names the cause: "no" keeps the pain.
    let pain = verdict(
        "anal-fissure-s2026-00004",
        "Do you ever put off going to the toilet because of the pain?",
        "No, I go whenever I need to.",
        "anal pain",
    );
    assert!(pain.is_empty(), "{pain:?}");
}

/// Misreadings found on the sixth pair's development split (written by
/// people who had not read the rules), each reasoned from its record: the
/// amount of a habit goes with the habit its sentence names, an allergy's
/// reaction is the allergy's, an idiom or a childhood names no symptom or
/// relative, a clause of time before the symptom it times is that symptom's.
#[test]
fn sixth_pair_replies_are_read_as_meant() {
    use patient_zero::verify::Label;
    let (glaucoma, ulcer, thyroid, cystitis, back, ocd) = (
        "primary-open-angle-glaucoma-s2026-00008",
        "perforated-peptic-ulcer-s2026-00008",
        "subacute-thyroiditis-s2026-00007",
        "acute-cystitis-s2026-00001",
        "mechanical-low-back-pain-s2026-00006",
        "obsessive-compulsive-disorder-s2026-00006",
    );
    // (case, question, reply, key, the label every verdict on it has; None: no claim).
    let cases: &[Row<'_>] = &[
        // Former smoker, 13 drinks a week: "five a day" is cigarettes.
        (
            glaucoma,
            "Do you smoke or drink?",
            "I used to smoke, only about five a day, but I stopped thirteen years ago. I have around a dozen drinks a week.",
            "alcohol_amount",
            Some(Label::Entail),
        ),
        // Teetotal former smoker.
        (
            ulcer,
            "Do you smoke or drink?",
            "I packed in the fags thirty years ago, I'd been on twenty a day. I don't drink at all.",
            "alcohol",
            Some(Label::Entail),
        ),
        // Amlodipine 5 mg: "Two" counts the medicines.
        (
            ocd,
            "What medicines are you on?",
            "Two: amlodipine, five milligrams once a day, and my thyroid tablet.",
            "dose(amlodipine)",
            Some(Label::Entail),
        ),
        // Angina for 12 years: "nothing like that" compares, it does not deny.
        (
            ulcer,
            "How bad is it?",
            "An eight. I've had angina for years and this is nothing like that.",
            "condition(angina)",
            Some(Label::Entail),
        ),
        // No births: the MMR as a little girl is her own.
        (
            cystitis,
            "Are your jabs up to date?",
            "The measles one I had as a little girl.",
            "births",
            None,
        ),
        // Shellfish: hives and swelling; the reaction is no rash now.
        (
            thyroid,
            "Do you have any allergies?",
            "Shellfish, I came out in hives and my lips swelled up.",
            "symptom(rash)",
            None,
        ),
        (
            thyroid,
            "Do you have any allergies?",
            "Shellfish, I came out in hives and my lips swelled up.",
            "allergy(shellfish)",
            Some(Label::Entail),
        ),
        // Neck pain at the front, up to the ear.
        (
            thyroid,
            "Where is the neck pain?",
            "Low down at the front of my neck. Sometimes it goes up towards my ear.",
            "radiation(neck pain)",
            Some(Label::Entail),
        ),
        // Swallowing is painless; the neck still hurts.
        (
            thyroid,
            "Any trouble swallowing?",
            "Swallowing doesn't hurt, it's just the neck itself.",
            "symptom(neck pain)",
            None,
        ),
        (
            thyroid,
            "Does it hurt to swallow?",
            "Oh yes, every mouthful.",
            "symptom(painful swallowing)",
            Some(Label::Contradict),
        ),
        // Palpitations worsening, no character recorded: not the neck pain's.
        (
            thyroid,
            "Have you noticed your heart racing?",
            "Yes, I can feel my heart thumping in my chest. At night I can feel it pounding away.",
            "character(neck pain)",
            None,
        ),
        // Heartburn for three months, the abdominal pain six hours.
        (
            ulcer,
            "Have you had any stomach trouble before today?",
            "For the last three months or so I've had heartburn most days.",
            "duration(abdominal pain)",
            None,
        ),
        // Repeated bladder infections for 11 years.
        (
            cystitis,
            "Anything like this before?",
            "I've been getting bladder infections on and off for over ten years.",
            "condition(repeated bladder infections)",
            Some(Label::Entail),
        ),
        (
            cystitis,
            "Have you had urine infections before?",
            "Never, this is the first time in my life.",
            "condition(repeated bladder infections)",
            Some(Label::Contradict),
        ),
        // Flu jab overdue, last 3 years ago.
        (
            cystitis,
            "Are your vaccinations up to date?",
            "I had my flu jab at the pharmacy in October.",
            "last_dose(influenza)",
            Some(Label::Contradict),
        ),
        // Car mechanic.
        (
            cystitis,
            "How is this affecting you?",
            "It's a nightmare at work. I'm on reception at a dental practice.",
            "occupation",
            Some(Label::Contradict),
        ),
        (
            cystitis,
            "How is this affecting you?",
            "It's a nightmare at work.",
            "nightmares",
            None,
        ),
        // Dysuria stable.
        (
            cystitis,
            "Has it changed?",
            "Every trip to the loo it's been nastier than the one before.",
            "course(dysuria)",
            Some(Label::Contradict),
        ),
        // Low back pain for 7 months, fluctuating, into the buttock.
        (
            back,
            "What makes it worse?",
            "If I'm stood at the bench for an hour it really starts nagging.",
            "onset(",
            None,
        ),
        (
            back,
            "Any pain down the legs?",
            "No, it never goes further than my backside.",
            "course(",
            None,
        ),
        (
            back,
            "Describe the pain.",
            "Some days it creeps into my bum cheek.",
            "location(low back pain)",
            None,
        ),
        // Never smoked: "never looked back" is a quit; current smoker.
        (
            ocd,
            "Do you smoke?",
            "Not anymore, I quit about ten years ago and never looked back.",
            "smoking:",
            Some(Label::Contradict),
        ),
        // Former smoker: the father smoked.
        (
            glaucoma,
            "Have you ever smoked?",
            "Never touched them. My dad smoked and I hated the smell.",
            "smoking:",
            Some(Label::Contradict),
        ),
        // Hallucinations denied, vomiting blood denied, side vision lost denied.
        (
            ocd,
            "Do you ever hear or see things other people don't?",
            "Late at night I'll hear a man's voice in the flat.",
            "hallucinations",
            Some(Label::Contradict),
        ),
        (
            ulcer,
            "What did the sick look like?",
            "There was some dark stuff in it, like coffee grounds.",
            "vomiting blood",
            Some(Label::Contradict),
        ),
        (
            glaucoma,
            "Any problems with your side vision?",
            "I keep bumping into door frames on my left.",
            "peripheral vision loss",
            Some(Label::Contradict),
        ),
        (
            glaucoma,
            "Any problems with your side vision?",
            "No, my side vision is fine.",
            "peripheral vision loss",
            Some(Label::Entail),
        ),
        // No eye pain: "a dull ache behind my right eye" is one.
        (
            glaucoma,
            "Any pain in your eyes?",
            "There's a dull ache behind my right eye most evenings.",
            "symptom(eye pain)",
            Some(Label::Contradict),
        ),
        // Lives on his own.
        (
            ocd,
            "Does anyone at home notice?",
            "My partner does. We've lived together about six years.",
            "living",
            Some(Label::Contradict),
        ),
        // Social worker; retired from the post office.
        (
            "biliary-colic-s2026-00005",
            "What's your job?",
            "I teach year four at the local primary school.",
            "occupation",
            Some(Label::Contradict),
        ),
        (
            "age-related-cataract-s2026-00001",
            "What was your job before you retired?",
            "I was a school dinner lady for thirty-odd years.",
            "occupation",
            Some(Label::Contradict),
        ),
        // Sedentary: the boys' football is theirs.
        (
            "biliary-colic-s2026-00005",
            "Is there anything that brings it on?",
            "Big meals, and if we eat late, like when the boys have football.",
            "activity",
            None,
        ),
        // Asthma for 15 years: "my asthma" is had.
        (
            "primary-adrenal-insufficiency-s2026-00005",
            "Do you smoke?",
            "Never, not once in my life, with my asthma I wouldn't dare.",
            "condition(asthma)",
            Some(Label::Entail),
        ),
        // Sulfa allergy (hives), no medicines of the kind: the reaction, not a medicine taken.
        (
            "social-anxiety-disorder-s2026-00009",
            "Have you ever reacted badly to a medicine?",
            "Sulfa antibiotics - I came out in hives all over, years ago now.",
            "medication",
            None,
        ),
        // Fear of social situations for 12 months; an underactive thyroid found 4 years ago.
        (
            "social-anxiety-disorder-s2026-00009",
            "Have you got any thyroid problems?",
            "Yes, an underactive one - I found out about four years ago.",
            "onset(",
            None,
        ),
        // Nausea with the colic: "do you feel sick when it happens?" is closed, "no" denies it.
        (
            "biliary-colic-s2026-00005",
            "Do you feel sick when it happens?",
            "No, funnily enough, it's only ever the pain.",
            "symptom(nausea)",
            Some(Label::Contradict),
        ),
        // Appendicitis worse over bumps: "no" to pain on passing water denies only that.
        (
            "acute-appendicitis-s2026-00000",
            "Does it hurt when you go for a wee?",
            "No, it doesn't sting.",
            "aggravating(abdominal pain)",
            Some(Label::Neutral),
        ),
        // Ankle pain eased by an ice pack; cataract blur worsening; no distorted vision.
        (
            "lateral-ankle-sprain-s2026-00004",
            "Have you tried putting ice on it?",
            "I have, but the ice pack just seems to make it ache more.",
            "aggravating(ankle pain)",
            Some(Label::Contradict),
        ),
        (
            "age-related-cataract-s2026-00001",
            "Is it getting better or worse?",
            "It's actually been a bit better lately, I'd say.",
            "course(blurred vision)",
            Some(Label::Contradict),
        ),
        (
            "age-related-cataract-s2026-00001",
            "Do door frames or lines look distorted to you?",
            "Sometimes, yes, the door frames look wavy.",
            "symptom(distorted vision)",
            Some(Label::Contradict),
        ),
        // Washing for 12 months: how long a shower takes is no duration.
        (
            ocd,
            "How long has the washing been going on?",
            "Some weeks I'm in there twenty minutes, other weeks longer.",
            "duration(",
            None,
        ),
    ];
    expect_verdicts(cases);
}

/// Questions of things the patient does not have are answered whether, and
/// a history asked for is the history: "any back pain going down your legs?"
/// is denied (not rejected as denying the heel pain's radiation), "any
/// previous eye problems?" and "medical problems, especially with your
/// waterworks?" give the conditions.
#[test]
fn what_is_not_had_is_denied_and_a_history_is_a_history() {
    let first_reply = |case: &str, question: &str| -> String {
        let out = interview(case, &format!("- {question}\n"), &["--json"]);
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["turns"][0]["reply"].as_str().unwrap().to_lowercase()
    };
    let reply = first_reply(
        "plantar-fasciitis-s2026-00007",
        "Do you get any back pain going down your legs?",
    );
    assert!(reply.starts_with("no"), "{reply}");
    assert!(reply.contains("back pain"), "{reply}");
    // The record: no excessive thirst, no hot flushes.
    let reply = first_reply(
        "polycystic-ovary-syndrome-s2026-00004",
        "Are you really thirsty all the time or getting hot flushes?",
    );
    assert!(reply.starts_with("no"), "{reply}");
    assert!(!reply.contains("let up"), "{reply}");
    // The record: a urethral stricture.
    let reply = first_reply(
        "epididymo-orchitis-s2026-00005",
        "Any medical problems, especially with your waterworks?",
    );
    assert!(
        reply.contains("stricture") || reply.contains("narrowing"),
        "{reply}"
    );
    // Hurt in the fall is an injury, not self-harm (the record: no other injury).
    let reply = first_reply(
        "lateral-ankle-sprain-s2026-00004",
        "Did you hit your head or hurt yourself anywhere else when you fell?",
    );
    assert!(reply.starts_with("no"), "{reply}");
    assert!(
        !reply.contains("self-harm") && reply.contains("injury"),
        "{reply}"
    );
    // "Any ops before?" asks about operations, not previous episodes.
    let reply = first_reply(
        "lateral-ankle-sprain-s2026-00004",
        "Have you had any ops before?",
    );
    assert!(reply.contains("operation"), "{reply}");
    // Voices and visions are hallucinations (none recorded here: a negative).
    let reply = first_reply(
        "social-anxiety-disorder-s2026-00009",
        "Have you ever heard voices or seen things that other people don't?",
    );
    assert!(reply.starts_with("no"), "{reply}");
    assert!(!reply.contains("sorry"), "{reply}");
    // Illnesses asked of the family are the family's, not the patient's own.
    let reply = first_reply(
        "social-anxiety-disorder-s2026-00009",
        "Is there any history of mental health problems or anything else in the family?",
    );
    assert!(!reply.contains("sorry"), "{reply}");
    assert!(!reply.contains("i don't have"), "{reply}");
    // Openers: what the patient has come about.
    let reply = first_reply(
        "lateral-ankle-sprain-s2026-00004",
        "What would you like to talk about today?",
    );
    assert!(reply.contains("ankle"), "{reply}");
}

/// How it began and how often it comes (misses of the development splits,
/// written by people who had not read the rules): a story of what the
/// patient was doing is held against the record's trigger as a whole (a
/// detail beside the recorded cause is no other cause), "no reason"
/// contradicts a recorded cause but not a recorded scene, and "every couple
/// of weeks" is a rate while "it came on on Sunday" is not.
#[test]
fn stories_of_how_it_began_and_how_often() {
    use patient_zero::verify::Label;
    let (pancreatitis, glaucoma, bladder, anxiety, knee, ptsd) = (
        "figure5-severe-acute-pancreatitis",
        "acute-angle-closure-glaucoma-s2026-00010",
        "overactive-bladder-s2026-00017",
        "generalized-anxiety-disorder-s2026-00013",
        "knee-osteoarthritis-s2026-00003",
        "post-traumatic-stress-disorder-s2026-00008",
    );
    // (case, question, reply, key, the label every verdict on it has; None: no claim).
    let cases: &[Row<'_>] = &[
        // Came on an hour after a big fried dinner.
        (
            pancreatitis,
            "Were you doing anything when it came on?",
            "I'd been up in the loft lifting boxes, and it came on right after that.",
            "trigger(",
            Some(Label::Contradict),
        ),
        (
            pancreatitis,
            "What were you doing when it started?",
            "We'd had a big fry-up for our tea, and about an hour later it hit me.",
            "trigger(",
            Some(Label::Entail),
        ),
        (
            pancreatitis,
            "What were you doing when it started?",
            "I hadn't even eaten yet, I was just sitting at my desk.",
            "trigger(",
            Some(Label::Contradict),
        ),
        // Came on while reading with the head down, in dim light.
        (
            glaucoma,
            "Were you doing anything in particular when it began?",
            "Nothing special, I was just sitting watching telly with all the lights on.",
            "trigger(eye pain): sitting",
            Some(Label::Contradict),
        ),
        // Started after a bad water infection.
        (
            bladder,
            "Do you know what might have started the urgency?",
            "Honestly, it just came on by itself, no reason I can think of.",
            "trigger(",
            Some(Label::Contradict),
        ),
        // "I can't point to anything that started it."
        (
            anxiety,
            "Did anything set off the worrying?",
            "No, nothing really, it just crept up on me.",
            "trigger(",
            Some(Label::Entail),
        ),
        // Giving way every week or two.
        (
            knee,
            "How often does it give way?",
            "These days it buckles several times every day.",
            "frequency(",
            Some(Label::Contradict),
        ),
        // Nightmares most nights.
        (
            ptsd,
            "How often do you have nightmares?",
            "Not that often, maybe one every couple of weeks.",
            "frequency(nightmares)",
            Some(Label::Contradict),
        ),
        (
            pancreatitis,
            "What's brought you in today?",
            "It's this pain at the top of my tummy. It came on Sunday evening, so two days now.",
            "frequency(",
            None,
        ),
        (
            pancreatitis,
            "Is it getting better or worse?",
            "Each day it's been worse than the one before.",
            "frequency(",
            None,
        ),
    ];
    expect_verdicts(cases);
}

/// Consistent replies of the seventh development split (written by people
/// who had not read the rules) that were flagged: a list goes on of the
/// relative who began it (and a sentence opening on "he" of the one before), the age "next birthday" is a year on, "a quarter
/// of a pack" is a quarter, "well over a year" is no "well", lifting
/// something is no mood lifting, and a pain that "stops at the elbow" goes
/// that far; and (a miss) a time later in the sentence dates the operation
/// named before it.
#[test]
fn seventh_pair_consistent_replies_stay_consistent() {
    use patient_zero::verify::Label;
    let (hernia, shoulder, testis, sleep, cushing) = (
        "inguinal-hernia-s2026-00007",
        "rotator-cuff-tendinopathy-s2026-00008",
        "epididymo-orchitis-s2026-00015",
        "insomnia-disorder-s2026-00004",
        "cushing-syndrome-s2026-00000",
    );
    // (case, question, reply, key, the label every verdict on it has; None: no claim).
    let cases: &[Row<'_>] = &[
        // Father: high blood pressure and type 2 diabetes.
        (
            hernia,
            "Any family history of illness?",
            "My dad had high blood pressure, and type 2 diabetes too.",
            "diabetes",
            Some(Label::Entail),
        ),
        (
            hernia,
            "Any family history?",
            "My dad had high blood pressure. He had type 2 diabetes too.",
            "diabetes",
            Some(Label::Entail),
        ),
        // Aged 46.
        (
            shoulder,
            "How old are you?",
            "I'm forty-six, forty-seven next birthday.",
            "age",
            Some(Label::Entail),
        ),
        (
            shoulder,
            "How old are you?",
            "I'll be forty-six next birthday.",
            "age",
            Some(Label::Contradict),
        ),
        // Former smoker, a quarter of a pack a day.
        (
            testis,
            "Do you smoke?",
            "I used to, about a quarter of a pack a day, for twenty-four years.",
            "smoking_amount",
            Some(Label::Entail),
        ),
        // Poor concentration for 15 months, stable.
        (
            sleep,
            "Is it affecting your work?",
            "My concentration at work has been poor for well over a year, maybe fifteen months.",
            "symptom(poor concentration)",
            Some(Label::Entail),
        ),
        // Weakness worsening.
        (
            cushing,
            "Is there anything that particularly brings out the weakness?",
            "Lifting anything above my head, like putting stuff on the top shelf, my shoulders just give out.",
            "course(",
            None,
        ),
        // Knee arthroscopy a year ago: a time later in the sentence is the operation's.
        (
            hernia,
            "Any previous surgery?",
            "I had my knee scoped — an arthroscopy — oh, must be five or six years ago now.",
            "surgery(knee arthroscopy): 6",
            Some(Label::Contradict),
        ),
        (
            hernia,
            "Any previous surgery?",
            "I had my knee scoped, must be about a year ago now.",
            "surgery(knee arthroscopy)",
            Some(Label::Entail),
        ),
        // Pain down the outside of the arm towards the elbow.
        (
            shoulder,
            "Any pain in your neck, or pain going below the elbow?",
            "No, my neck's fine, and the pain stops at the elbow, it doesn't go down into my forearm or hand.",
            "radiation(shoulder pain)",
            Some(Label::Entail),
        ),
    ];
    expect_verdicts(cases);
    // And nothing in the shoulder reply contradicts.
    let all = verdict(
        shoulder,
        "Any pain in your neck, or pain going below the elbow?",
        "No, my neck's fine, and the pain stops at the elbow, it doesn't go down into my forearm or hand.",
        "",
    );
    assert!(!all.contains(&Label::Contradict), "{all:?}");
}
