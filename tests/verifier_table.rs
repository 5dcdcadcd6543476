//! A hand-written table of replies and the label the rule verifier must give
//! them, each row reasoned out from the patient's record (not copied from the
//! verifier's output).
//!
//! A row is `(phenomenon, case, reply, key, expected)`: among the verdicts for
//! `reply`, those whose claim string contains `key` must all carry `expected`
//! (and there must be at least one). `expected == None` means no claim with
//! that key may be read from the reply at all.
//!
//! Cases are shipped files (`S`, `K`) or the Figure 5 patient (`P`) with one
//! field changed by string replacement (`P_SMOKER`, `P_NOCOND`, ...), so each
//! row's truth can be read off one record.
//!
//! `KNOWN_GAPS` holds rows where the verifier is wrong today. They are
//! asserted to still fail, so the gap stays documented; when one starts
//! passing, move it to `TABLE`.

use patient_zero::language::Lexicon;
use patient_zero::memory::Memory;
use patient_zero::verify::{Label, check};
use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

const E: Option<Label> = Some(Label::Entail);
const N: Option<Label> = Some(Label::Neutral);
const C: Option<Label> = Some(Label::Contradict);
/// No claim with this key may be read from the reply.
const NONE: Option<Label> = None;

type Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<Label>,
);

const FIG5: &str = "cases/figure5-severe-acute-pancreatitis.yaml";

/// The cases rows are judged against. Every `P*` variant is the Figure 5
/// patient (Linda Harper, 47, acute pancreatitis: upper abdominal pain for
/// 2 days, 9/10, straight through to the back, worse eating and lying flat,
/// eased sitting up and leaning forward; nausea and vomiting 2 days; swollen
/// belly 1 day; no jaundice, chest pain, black stools or fever; gallstones and
/// high blood pressure; amlodipine ("my blood pressure tablet"); no surgery;
/// no allergies; mother gallstones, father type 2 diabetes; never smoked;
/// 2 drinks a week; accounts clerk; labs not told; diagnosis not told) with
/// the listed replacements.
fn variant(name: &str) -> (&'static str, Vec<(&'static str, &'static str)>) {
    let smoking = "smoking: {status: never}";
    let abdo_onset = "ago: 2 days\n      how: sudden\n      trigger";
    let abdo_duration = "duration: 2 days\n    course: worsening\n    location";
    match name {
        "P" => (FIG5, vec![]),
        // One pack a day for 20 years, still smoking.
        "P_SMOKER" => (
            FIG5,
            vec![(
                smoking,
                "smoking: {status: current, packs_per_day: 1, years: 20}",
            )],
        ),
        "P_HALFPACK" => (
            FIG5,
            vec![(
                smoking,
                "smoking: {status: current, packs_per_day: 0.5, years: 20}",
            )],
        ),
        "P_FORMER" => (
            FIG5,
            vec![(
                smoking,
                "smoking: {status: former, packs_per_day: 1, years: 15, quit_ago: 5 years}",
            )],
        ),
        // 14 drinks a week (heavy for a woman).
        "P_HEAVY" => (
            FIG5,
            vec![(
                "alcohol: {status: occasional, drinks_per_week: 2}",
                "alcohol: {status: heavy, drinks_per_week: 14}",
            )],
        ),
        // No past conditions and no regular medicines.
        "P_NOCOND" => (
            FIG5,
            vec![
                (
                    "  conditions:\n    - {condition: gallstones, diagnosed_ago: 3 years, ongoing: true}\n    - {condition: high blood pressure, diagnosed_ago: 5 years, ongoing: true}\n",
                    "  conditions: []\n",
                ),
                (
                    "  medications:\n    - {name: amlodipine, dose: 5 mg, frequency: once a day, purpose: high blood pressure, lay: my blood pressure tablet}\n",
                    "  medications: []\n",
                ),
            ],
        ),
        // The abdominal pain began 10 days ago.
        "P_TEN" => (
            FIG5,
            vec![
                (abdo_onset, "ago: 10 days\n      how: sudden\n      trigger"),
                (
                    abdo_duration,
                    "duration: 10 days\n    course: worsening\n    location",
                ),
            ],
        ),
        // The abdominal pain began a month ago.
        "P_MONTH" => (
            FIG5,
            vec![
                (abdo_onset, "ago: 1 month\n      how: sudden\n      trigger"),
                (
                    abdo_duration,
                    "duration: 1 month\n    course: worsening\n    location",
                ),
            ],
        ),
        // She has been told her lipase (900 U/L).
        "P_LABKNOWN" => (
            FIG5,
            vec![(
                "{name: lipase, value: 900, unit: U/L, reference: [0, 160], flag: high}",
                "{name: lipase, value: 900, unit: U/L, reference: [0, 160], flag: high, patient_knows: true}",
            )],
        ),
        // She has been told she has acute pancreatitis.
        "P_TOLD" => (
            FIG5,
            vec![(
                "  outline: acute_pancreatitis\n",
                "  outline: acute_pancreatitis\n  patient_told: true\n",
            )],
        ),
        // Allergic to penicillin.
        "P_ALLERGY" => (
            FIG5,
            vec![(
                "  allergies: []\n",
                "  allergies:\n    - {substance: penicillin, reaction: a rash}\n",
            )],
        ),
        // Cody Olson, 45, sciatica: right leg pain 13 days, 9/10, from buttock down to ankle,
        // worse coughing/sneezing and bending, eased lying with knees bent, stable; low back pain
        // 10 days, 6/10, improving; numbness and tingling 11 days; leg weakness 2 days; no fever;
        // high blood pressure; L4-5 discectomy and appendectomy; hydrochlorothiazide ("water pill");
        // never smoked; 3 drinks a week; receptionist at a dental practice; CRP not told.
        "S" => ("tests/fixtures/cases/sciatica-s2026-00002.yaml", vec![]),
        // Susan Olson, 52, knee osteoarthritis: left knee pain 19 months, 5/10; no fever;
        // high blood pressure, type 2 diabetes; water pill and "sugar tablets" (metformin);
        // no surgery; grandfather had a stroke; never smoked; does not drink; high school teacher.
        "K" => (
            "tests/fixtures/cases/knee-osteoarthritis-s2026-00001.yaml",
            vec![],
        ),
        // Lisa Fischer, sciatica: pain shooting down her right leg (the side
        // only in her own words; the location field says "down the leg").
        "S9" => ("cases/sciatica-s2026-00009.yaml", vec![]),
        // Type 2 diabetes: pins and needles in the soles of both feet.
        "D9" => ("cases/type-2-diabetes-s2026-00009.yaml", vec![]),
        // Acute pyelonephritis: atorvastatin 20 mg once a day at night.
        "PY" => (
            "assets/eval/sets/cases/acute-pyelonephritis-s2026-00012.yaml",
            vec![],
        ),
        // Epididymo-orchitis: no rash, no joint pain (both recorded negatives).
        "EO" => (
            "assets/eval/sets/cases/epididymo-orchitis-s2026-00005.yaml",
            vec![],
        ),
        // Subacute thyroiditis: neck pain low in the front of the neck, came on
        // about three weeks after a sore throat and a cough.
        "ST" => ("cases/subacute-thyroiditis-s2026-00007.yaml", vec![]),
        // Haemorrhoids: a soft lump, and a painful prolapsed lump ("a throbbing
        // lump at my back passage that I can't push in", raw and sore).
        "HM" => ("cases/hemorrhoids-s2026-00006.yaml", vec![]),
        // Bipolar depression: low mood worst in the mornings, eased by having someone with her.
        "BD" => ("cases/bipolar-depression-s2026-00012.yaml", vec![]),
        other => panic!("no case variant {other}"),
    }
}

#[rustfmt::skip]
const TABLE: &[Row] = &[
    // ---- negation -------------------------------------------------------------------------
    ("negation", "P", "I don't smoke.", "smoking:", E),
    ("negation", "P", "I've never smoked in my life.", "smoking:", E),
    ("negation", "P_SMOKER", "I don't smoke.", "smoking:", C),
    ("negation", "P_SMOKER", "I've never smoked.", "smoking:", C),
    ("negation", "P", "I've never had surgery.", "surgery:", E),
    ("negation", "P", "No, I've never had an operation.", "surgery:", E),
    ("negation", "S", "I've never had an operation.", "surgery:", C),
    ("negation", "P", "No, I haven't had a fever.", "symptom(fever)", E),
    ("negation", "P", "No chest pain.", "symptom(chest pain)", E),
    ("negation", "P", "I've not had any black poo.", "symptom(black stools)", E),
    ("negation", "P", "I haven't felt sick at all.", "symptom(nausea)", C),
    ("negation", "P", "I'm not on any tablets.", "medication:", C),
    ("negation", "P_NOCOND", "I'm not on any tablets.", "medication:", E),
    ("negation", "S", "I don't take any medication.", "medication:", C),
    ("negation", "K", "I'm not on any meds.", "medication:", C),
    ("negation", "P", "No allergies that I know of.", "allergy:", E),
    ("negation", "P_ALLERGY", "No allergies.", "allergy:", C),
    ("negation", "P", "I don't have any medical conditions.", "condition:", C),
    ("negation", "P_NOCOND", "I don't have any medical conditions.", "condition:", E),
    ("negation", "P", "I've never been diagnosed with anything.", "condition:", C),
    ("negation", "P", "No one in my family has had gallstones.", "family(gallstones)", C),
    ("negation", "K", "I've not had a temperature.", "symptom(fever)", E),
    ("negation", "P", "I haven't had a fever, but I have been vomiting.", "symptom(fever)", E),
    ("negation", "P", "I haven't had a fever, but I have been vomiting.", "symptom(vomiting)", E),
    ("negation", "P", "No fever or vomiting.", "symptom(vomiting)", C),
    ("negation", "P", "I've had some vomiting but no fever.", "symptom(fever)", E),

    // ---- numbers with units and tolerance -------------------------------------------------
    ("numbers", "P", "The pain is about an 8 out of 10.", "intensity(abdominal pain)", E),
    ("numbers", "P", "I'd say it's a 3 out of 10.", "intensity(abdominal pain)", C),
    ("numbers", "P", "It's 9/10, the worst pain I've ever had.", "intensity(abdominal pain)", E),
    ("numbers", "P", "Honestly, about a 10.", "intensity(abdominal pain)", E),
    ("numbers", "S", "My leg pain is a six out of ten.", "intensity(leg pain)", C),
    ("numbers", "S", "My low back pain is about a 6.", "intensity(low back pain)", E),
    ("numbers", "K", "It's about a 5.", "intensity(knee pain)", E),
    ("numbers", "K", "It's an 8 out of 10.", "intensity(knee pain)", C),

    // ---- durations in words -----------------------------------------------------------------
    ("durations", "P", "The pain started two days ago.", "onset(abdominal pain)", E),
    ("durations", "P", "It's been two days now.", "duration(abdominal pain)", E),
    ("durations", "P", "It's been about 48 hours.", "duration(abdominal pain)", E),
    ("durations", "P", "It's been about a week and a half.", "duration(abdominal pain)", C),
    ("durations", "P_TEN", "It started about ten days ago.", "onset(abdominal pain)", E),
    ("durations", "P_TEN", "For about a week and a half now.", "duration(abdominal pain)", E),
    ("durations", "P_MONTH", "It's been like this since last month.", "onset(abdominal pain)", E),
    ("durations", "P_MONTH", "For a couple of years now.", "duration(abdominal pain)", C),
    ("durations", "P", "My belly has been swollen since yesterday.", "onset(abdominal distension)", E),
    ("durations", "P", "The nausea started two days ago.", "onset(nausea)", E),
    ("durations", "P", "I've been feeling sick for about a week.", "duration(nausea)", C),
    ("durations", "P", "It came on about an hour after a big fried dinner.", "onset(abdominal pain)", NONE),
    // A time said about a habit is not the onset of the chief symptom.
    ("durations", "P_FORMER", "I quit smoking five years ago.", "onset(abdominal pain)", NONE),
    ("durations", "P_FORMER", "I quit smoking five years ago.", "smoking:", E),
    ("durations", "S", "The pain down my leg started about two weeks ago.", "onset(leg pain)", E),
    ("durations", "S", "My leg has been hurting for a couple of days.", "duration(leg pain)", C),
    ("durations", "S", "The weakness in my leg came on two days ago.", "onset(leg weakness)", E),
    ("durations", "S", "The numbness and tingling started eleven days ago.", "onset(numbness and tingling)", E),
    ("durations", "K", "It's been going on for about a year and a half.", "duration(knee pain)", E),
    ("durations", "K", "My knee started hurting a couple of years ago.", "onset(knee pain)", E),
    ("durations", "K", "My knee has been aching since last month.", "onset(knee pain)", C),

    // ---- frequencies: smoking and drinking --------------------------------------------------
    ("frequencies", "P_SMOKER", "I smoke a pack a day.", "smoking:", E),
    ("frequencies", "P_SMOKER", "I smoke a pack a day.", "smoking_amount", E),
    ("frequencies", "P_SMOKER", "I smoke about twenty a day.", "smoking_amount", E),
    ("frequencies", "P_SMOKER", "I smoke three packs a day.", "smoking_amount", C),
    ("frequencies", "P_HALFPACK", "I smoke about half a pack a day.", "smoking_amount", E),
    ("frequencies", "P_HALFPACK", "I smoke two packs a day.", "smoking_amount", C),
    ("frequencies", "P_FORMER", "I gave up smoking a while back.", "smoking:", E),
    ("frequencies", "P_SMOKER", "I stopped smoking.", "smoking:", C),
    ("frequencies", "P", "I used to smoke but I quit.", "smoking:", C),
    ("frequencies", "P", "Just a couple of beers at the weekend.", "alcohol_amount", E),
    ("frequencies", "P", "Just a couple of beers at the weekend.", "alcohol:", E),
    ("frequencies", "P", "I drink about two glasses of wine a night.", "alcohol_amount", C),
    ("frequencies", "P_HEAVY", "I have two glasses of wine a night.", "alcohol_amount", E),
    ("frequencies", "P_HEAVY", "I have two glasses of wine a night.", "alcohol:", E),
    ("frequencies", "P_HEAVY", "Just a couple of beers at the weekend.", "alcohol_amount", C),
    ("frequencies", "P_HEAVY", "About ten drinks a week, I suppose.", "alcohol_amount", E),
    ("frequencies", "S", "I drink maybe three beers a week.", "alcohol_amount", E),
    ("frequencies", "P", "I don't drink.", "alcohol:", C),
    ("frequencies", "K", "I don't drink at all.", "alcohol:", E),
    ("frequencies", "K", "I have a glass of wine most nights.", "alcohol:", C),

    // ---- yes/no answers ---------------------------------------------------------------------
    ("yes/no", "P", "Yes, I've been vomiting.", "symptom(vomiting)", E),
    ("yes/no", "P", "No, I haven't been vomiting.", "symptom(vomiting)", C),
    ("yes/no", "P", "Yes, my skin has gone yellow.", "symptom(jaundice)", C),
    ("yes/no", "P", "No, my eyes aren't yellow.", "symptom(jaundice)", E),
    ("yes/no", "P", "I've been running a temperature.", "symptom(fever)", C),
    ("yes/no", "P", "Yes, I have high blood pressure.", "condition(high blood pressure)", E),
    ("yes/no", "P", "Yes, I've got gallstones.", "condition(gallstones)", E),
    ("yes/no", "P_NOCOND", "Yes, I have high blood pressure.", "condition(high blood pressure)", C),
    ("yes/no", "P_NOCOND", "I've got asthma.", "condition(asthma)", C),
    ("yes/no", "S", "Yes, I take a water pill.", "medication(hydrochlorothiazide)", E),
    ("yes/no", "S", "No, I'm not on a water pill.", "medication(hydrochlorothiazide)", C),
    ("yes/no", "S", "I've had an appendectomy.", "surgery(appendectomy)", E),
    ("yes/no", "P_ALLERGY", "I'm allergic to penicillin.", "allergy(penicillin)", E),
    ("yes/no", "P", "I take amlodipine.", "medication(amlodipine)", E),
    ("yes/no", "K", "I have type 2 diabetes.", "condition(type 2 diabetes)", E),
    ("yes/no", "P", "It's getting worse.", "course(abdominal pain)", E),
    ("yes/no", "S", "My leg pain is getting better.", "course(leg pain)", C),
    ("yes/no", "S", "My low back pain is getting better.", "course(low back pain)", E),

    // ---- lay synonyms -------------------------------------------------------------------------
    ("lay words", "P", "My tummy has been hurting for two days.", "duration(abdominal pain)", E),
    ("lay words", "P", "I've had a bad tummy ache.", "symptom(abdominal pain)", E),
    ("lay words", "P", "My belly ache is a 9 out of 10.", "intensity(abdominal pain)", E),
    ("lay words", "P", "My stomach is really swollen.", "symptom(abdominal distension)", E),
    ("lay words", "P", "I've been throwing up.", "symptom(vomiting)", E),
    ("lay words", "P", "I feel queasy.", "symptom(nausea)", E),
    ("lay words", "P", "I take a tablet for my blood pressure.", "medication(amlodipine)", E),
    ("lay words", "S", "I'm on a water pill for my blood pressure.", "medication(hydrochlorothiazide)", E),
    ("lay words", "S", "My leg hurts.", "symptom(leg pain)", E),
    ("lay words", "K", "I take sugar tablets.", "medication(metformin)", E),
    ("lay words", "K", "My grandad had a stroke.", "family(stroke)", E),

    // ---- what the patient cannot know ---------------------------------------------------------
    ("cannot know", "P", "My lipase was 900.", "lab(lipase)", C),
    ("cannot know", "P", "They told me my amylase was 450.", "lab(amylase)", C),
    ("cannot know", "P", "My glucose was 220.", "lab(glucose)", C),
    ("cannot know", "P", "They said my white cell count was 17.", "lab(white cell count)", C),
    ("cannot know", "S", "My C-reactive protein was 2.", "lab(c-reactive protein)", C),
    ("cannot know", "P_LABKNOWN", "My lipase was 900.", "lab(lipase)", E),

    // ---- diagnosis ------------------------------------------------------------------------------
    ("diagnosis", "P", "I think it's acute pancreatitis.", "diagnosis", C),
    ("diagnosis", "P_TOLD", "The doctors told me it's acute pancreatitis.", "diagnosis", E),
    ("diagnosis", "K", "They said it's osteoarthritis of the knee.", "diagnosis", C),

    // ---- neutral: new information -------------------------------------------------------------
    ("neutral", "P", "I've had a cough as well.", "symptom(cough)", N),
    ("neutral", "P", "I've had a bit of a headache.", "symptom(headache)", N),
    ("neutral", "P", "I feel dizzy.", "symptom(dizziness)", N),
    ("neutral", "P", "I've been feeling really tired.", "symptom(fatigue)", N),
    ("neutral", "K", "I've had some constipation.", "symptom(constipation)", N),
    ("neutral", "S", "I've had a rash on my arm.", "symptom(rash)", N),
    // The record's lists are complete: an illness it does not hold is an invention.
    ("closed lists", "P", "My mother had a stroke.", "family(stroke)", C),
    ("closed lists", "P", "I've got asthma.", "condition(asthma)", C),
    ("neutral", "P", "Walking about makes it worse.", "aggravating(abdominal pain)", N),

    // ---- location, radiation, modifiers in other words ------------------------------------------
    ("location/radiation", "P", "It goes through to my back.", "radiation(abdominal pain)", E),
    ("location/radiation", "P", "It spreads round into my back.", "radiation(abdominal pain)", E),
    ("location/radiation", "P", "It shoots down my left arm.", "radiation(abdominal pain)", C),
    ("location/radiation", "P", "It doesn't spread anywhere.", "radiation(abdominal pain)", C),
    ("location/radiation", "P", "It's in the top of my tummy.", "location(abdominal pain)", E),
    ("location/radiation", "P", "It's mainly in my lower back.", "location(abdominal pain)", C),
    ("location/radiation", "S", "It goes all the way down to my ankle.", "radiation(leg pain)", E),
    ("location/radiation", "S", "It spreads up into my neck.", "radiation(leg pain)", C),
    ("location/radiation", "P", "Eating makes it worse.", "aggravating(abdominal pain)", E),
    ("location/radiation", "P", "Lying flat makes it worse.", "aggravating(abdominal pain)", E),
    ("location/radiation", "P", "Sitting forward helps.", "relieving(abdominal pain)", E),
    ("location/radiation", "P", "Nothing makes it better.", "relieving(abdominal pain)", C),
    ("location/radiation", "S", "Coughing makes it worse.", "aggravating(leg pain)", E),
    ("location/radiation", "S", "Lying down with my knees bent helps.", "relieving(leg pain)", E),
    ("location/radiation", "S", "Nothing helps.", "relieving(leg pain)", C),
    ("location/radiation", "P", "Leaning forward eases it.", "relieving(abdominal pain)", E),
    ("location/radiation", "P", "Sitting up and leaning forward is the only thing that helps.", "relieving(abdominal pain)", E),

    // ---- social history in other words ----------------------------------------------------------
    ("occupation", "P", "I work as an accounts clerk.", "occupation", E),
    ("occupation", "P", "I work as a cleaner.", "occupation", C),
    ("occupation", "S", "I work as a receptionist at the dentist's.", "occupation", E),
    ("occupation", "K", "I work as a teacher.", "occupation", E),
    ("frequencies", "P", "I have a couple of pints with my football team at the weekend.", "alcohol_amount", E),
    ("frequencies", "P", "I'll have a beer with my steak at the weekend.", "alcohol:", E),
    ("location/radiation", "P", "It radiates to my back.", "radiation(abdominal pain)", E),
    ("negation", "P", "I'm a non-smoker.", "smoking:", E),
    ("frequencies", "K", "I'm teetotal.", "alcohol:", E),
    ("negation", "P", "I'm allergic to penicillin.", "allergy", C),
    ("lay words", "S", "I had my appendix out.", "surgery", E),
    ("durations", "P", "It started the day before yesterday.", "onset(abdominal pain)", E),
    ("negation", "P", "I'm not on any tablets apart from my blood pressure one, amlodipine.", "medication(amlodipine)", E),
    ("lay words", "P", "My mum had gallstones.", "family(gallstones)", E),
    ("frequencies", "P_FORMER", "I smoked for around a quarter of a century.", "smoking:", E),
    ("frequencies", "P_SMOKER", "I smoked for around a quarter of a century.", "smoking:", C),
    ("yes/no", "P_NOCOND", "I take amlodipine.", "medication", C),
    ("negation", "P", "Nobody in my family has had gallstones.", "family(gallstones)", C),
    ("negation", "P", "No fever, just the vomiting.", "symptom(vomiting)", E),
    ("lay words", "P", "My dad has diabetes.", "family(type 2 diabetes)", E),
    ("cannot know", "P", "My blood sugar was 220.", "lab(glucose)", C),
    ("cannot know", "S", "My CRP was 2.", "lab(c-reactive protein)", C),
    ("numbers", "S", "The back pain is about a 6.", "intensity(low back pain)", E),
    ("durations", "S", "The numbness in my foot started a fortnight ago.", "onset(numbness and tingling)", E),
    ("diagnosis", "S", "It's sciatica, isn't it?", "diagnosis", C),
    // ---- sides ----------------------------------------------------------------------------
    ("sides", "S9", "My left leg hurts.", "location(leg pain)", C),
    ("sides", "S9", "It's my right leg.", "location(leg pain)", E),
    ("sides", "S9", "Right, okay. No, I haven't had any cough.", "location(leg pain)", NONE),
    ("sides", "S9", "Right so, where do I start?", "location(leg pain)", NONE),
    ("sides", "S9", "Getting out of the car is murder, I have to swing both legs round together.", "location(leg pain)", NONE),
    ("sides", "D9", "The pins and needles are in my left foot only.", "location(numbness", C),
    ("sides", "D9", "The pins and needles are in both feet.", "location(numbness", E),
    // A factor on the other side, for a symptom with nothing recorded on that side.
    ("factors", "D9", "When I am so tired, a good big meal perks me up.", "relieving(fatigue): big meal", C),
    ("location/radiation", "P", "The pain goes right through to my back.", "radiation(abdominal pain)", E),
    ("location/radiation", "P", "It's at the top of my stomach.", "location(abdominal pain)", E),
    ("location/radiation", "P", "It's worse when I eat.", "aggravating(abdominal pain)", E),
    // ---- asides, idioms and scope (from the third development split) ------------------------
    // An aside between commas keeps the factor with what is said of it.
    ("asides", "P", "Eating, though, makes it much worse.", "aggravating(abdominal pain)", E),
    ("asides", "P", "Sitting forward, though, eases it a bit.", "relieving(abdominal pain)", E),
    // ... and a denial with its object.
    ("asides", "P", "I haven't had, like, any black poo.", "symptom(black stools)", E),
    // A turn of speech, a spell that ends and a posture are no duration, course or site.
    // ---- from the fourth development split -----------------------------------------------------
    ("amounts", "P_HEAVY", "Around a dozen drinks a week, a few beers at the weekend and the odd one midweek.", "alcohol_amount", E),
    ("scope", "P_HEAVY", "I never drink before a shift, mind.", "alcohol:", NONE),
    ("scope", "P", "It's not the worst pain I've ever had, I've had two babies.", "symptom(abdominal pain)", E),
    ("polysemy", "P", "I carry piles of washing up and down the stairs all day.", "condition(", NONE),
    ("course", "P", "The tummy pain comes and goes.", "course(abdominal pain)", N),
    ("medicines", "P_NOCOND", "I had antibiotics for a chest infection last year, just the one course.", "medication(", NONE),
    ("medicines", "P", "I was on the amlodipine for a while, but I stopped it last year.", "medication(amlodipine)", C),
    ("medicines", "P", "I stopped the ibuprofen when I started on the amlodipine.", "medication(amlodipine)", E),
    ("sides", "P", "It goes right the way through to my back.", "location(", NONE),
    ("sides", "P", "It goes right the way through to my back.", "radiation(abdominal pain)", E),
    ("compared", "P", "It's far worse than the headache I had last week.", "symptom(headache)", NONE),
    ("idioms", "P", "One minute I was fine and the next I was doubled over.", "duration(", NONE),
    ("idioms", "P", "It wears off in ten minutes or so.", "course(abdominal pain)", NONE),
    ("idioms", "P", "It wears off in ten minutes or so.", "duration(abdominal pain)", NONE),
    ("idioms", "P", "Lying curled up on my side is the only thing that helps.", "location(abdominal pain)", NONE),
    // ---- from the fifth development split -------------------------------------------------------
    ("medicines", "PY", "I take my atorvastatin every morning with my breakfast.", "dose_frequency(atorvastatin)", C),
    ("medicines", "PY", "The atorvastatin I have at bedtime.", "dose_frequency(atorvastatin)", E),
    ("reproductive", "P", "I've got two grown-up daughters.", "births", E),
    ("reproductive", "P", "Two, a boy and a girl.", "births", E),
    ("reproductive", "P", "I had a son and a daughter.", "births", E),
    ("reproductive", "P", "I had a son, and then a daughter two years later.", "births", E),
    ("reproductive", "P", "My sister has three boys, and they are a handful.", "births", NONE),
    ("reproductive", "P", "I've got the one daughter, she's thirty now.", "births", C),
    ("reproductive", "P", "I've loved horses since I was a girl.", "births", NONE),
    ("reproductive", "P", "My sister's got three boys.", "births", NONE),
    ("sites", "EO", "No rash, but my knees and wrists have been really achy.", "symptom(joint pain)", C),
    ("sites", "EO", "No rash, but my knees and wrists have been really achy.", "symptom(rash)", E),
    ("sites", "P", "No chest pain, and my back's fine.", "symptom(back pain)", NONE),
    ("allergies", "P", "Codeine brought me out in hives once, so I steer clear.", "allergy(codeine)", C),
    ("diagnosed", "P", "High blood pressure. I was diagnosed about twenty years ago.", "diagnosed(high blood pressure)", C),
    ("diagnosed", "P", "High blood pressure. I was diagnosed about five years ago.", "diagnosed(high blood pressure)", E),
    ("followed", "ST", "It came on about three weeks after a sore throat and a cough.", "location(", NONE),
    // The record's own words for a symptom name that one, and say nothing against its character.
    ("own words", "HM", "I've also had a throbbing lump at my back passage that I can't push in.", "symptom(painful prolapsed lump)", E),
    ("own words", "HM", "I've also had a throbbing lump at my back passage that I can't push in.", "character(", NONE),
    // "Told me not to" denies a verb, not the blood pressure.
    ("scope", "P", "I like a bit of salt even though they tell me not to with my blood pressure.", "condition(high blood pressure)", E),
    // ---- factors: each cue its own factors, remedies that failed, times of day -----------------
    ("factors", "P", "Standing up is the worst, and lying flat actually takes the pressure off.", "relieving(abdominal pain)", C),
    ("factors", "P", "Eating is the worst, leaning forward takes the pressure off.", "relieving(abdominal pain)", E),
    ("factors", "P", "Eating is the worst, leaning forward takes the pressure off.", "aggravating(abdominal pain)", E),
    ("factors", "P", "I tried leaning forward but it didn't make a blind bit of difference.", "relieving(abdominal pain)", C),
    ("factors", "P", "I tried leaning forward for a bit. It did nothing at all, waste of time.", "relieving(abdominal pain)", C),
    ("factors", "P", "Eating anything makes it flare up dreadfully.", "aggravating(abdominal pain)", E),
    ("factors", "P", "I'm not working at the moment.", "relieving(", NONE),
    ("factors", "P", "I can't help worrying about it.", "relieving(", NONE),
    ("times of day", "BD", "It's the evenings that really drag me down.", "aggravating(low mood)", C),
    ("times of day", "BD", "Mornings are definitely the worst bit.", "aggravating(low mood)", E),
    // An amount of a habit the record says the patient never had.
    ("habits", "P", "I smoke about ten a day.", "smoking_amount", C),
    ("habits", "P_SMOKER", "I smoke about twenty a day.", "smoking_amount", E),
];

/// Rows the verifier gets wrong today (expected is the truth from the record).
#[rustfmt::skip]
const KNOWN_GAPS: &[Row] = &[
    // A substance, medicine or operation the record does not name is never read, even when
    // the record says there are none at all.
    // Denying one condition when the record says there are none is not judged against that aggregate.
    ("negation", "P_NOCOND", "I don't have asthma.", "condition(asthma)", E),
    // "nobody" is not a negator.
    // A negation scopes over a comma-joined second clause.
    // Lay words the lexicon lacks.
    ("lay words", "K", "I'm diabetic.", "condition(type 2 diabetes)", E),
    ("neutral", "S", "I've lost a lot of weight.", "symptom(weight loss)", C),
    // A partial name of a symptom goes to the wrong symptom.
    // "tea" is matched inside "team" and "steak", so the alcohol claim is dropped.
    // A past habit is read as a current one (smoking has "former", alcohol does not).
    ("frequencies", "K", "I used to drink but I gave up years ago.", "alcohol:", E),
    // Packs/day tolerance of 50% accepts half the recorded amount (10 a day for 20 a day).
    ("frequencies", "P_SMOKER", "I smoke about half a pack a day.", "smoking_amount", C),
    // The relative is not compared: a stroke in the grandfather entails "my mum had a stroke".
    ("neutral", "K", "My mum had a stroke.", "family(stroke)", N),
    // The diagnosis is recognised only by every word of its recorded name.
    ("diagnosis", "P", "The doctor thinks it might be pancreatitis.", "diagnosis", C),
    // Radiation, location and aggravating factors only after fixed cues ("it goes", "it's in", "makes it worse").
    // A pronoun with no question: the reader takes the symptom whose time agrees.
    ("durations", "P_TEN", "It started two days ago.", "onset(abdominal pain)", C),
    ("durations", "P_TEN", "I've had it since yesterday.", "onset(abdominal pain)", C),
    ("cannot know", "P_LABKNOWN", "My lipase came back at about 300.", "lab(lipase)", C),
];

struct Memories(HashMap<&'static str, (Memory, Lexicon)>);

impl Memories {
    fn get(&mut self, name: &'static str) -> &(Memory, Lexicon) {
        self.0.entry(name).or_insert_with(|| load(name))
    }
}

fn load(name: &str) -> (Memory, Lexicon) {
    let (file, edits) = variant(name);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let case = if edits.is_empty() {
        patient_zero::case::load(&root.join(file), None).unwrap_or_else(|p| panic!("{file}: {p}"))
    } else {
        let mut yaml = std::fs::read_to_string(root.join(file)).unwrap();
        for (from, to) in edits {
            assert_eq!(
                yaml.matches(from).count(),
                1,
                "{name}: {from:?} must occur once in {file}"
            );
            yaml = yaml.replace(from, to);
        }
        let mut tmp = tempfile::Builder::new().suffix(".yaml").tempfile().unwrap();
        tmp.write_all(yaml.as_bytes()).unwrap();
        tmp.flush().unwrap();
        patient_zero::case::load(tmp.path(), None).unwrap_or_else(|p| panic!("{name}: {p}"))
    };
    (Memory::from_case(&case), Lexicon::for_case(&case))
}

/// Checks one row: Ok, or Err with what the verifier said.
fn expect(
    (memory, lexicon): &(Memory, Lexicon),
    reply: &str,
    key_contains: &str,
    want: Option<Label>,
) -> Result<(), String> {
    let verdicts = check(reply, None, lexicon, memory, None).verdicts;
    let hits: Vec<_> = verdicts
        .iter()
        .filter(|v| v.claim.contains(key_contains))
        .collect();
    let ok = match want {
        None => hits.is_empty(),
        Some(l) => !hits.is_empty() && hits.iter().all(|v| v.label == l),
    };
    if ok {
        return Ok(());
    }
    let got = if hits.is_empty() {
        let all: Vec<String> = verdicts
            .iter()
            .map(|v| format!("{} => {:?}", v.claim, v.label))
            .collect();
        format!(
            "no claim with {key_contains:?} (claims: [{}])",
            all.join("; ")
        )
    } else {
        hits.iter()
            .map(|v| format!("{} => {:?} ({})", v.claim, v.label, v.reason))
            .collect::<Vec<_>>()
            .join("; ")
    };
    Err(got)
}

fn show(want: Option<Label>) -> String {
    want.map_or("no claim".into(), |l| format!("{l:?}"))
}

#[test]
fn verifier_table() {
    let mut memories = Memories(HashMap::new());
    let mut failures = Vec::new();
    let mut per_label: BTreeMap<String, usize> = BTreeMap::new();
    let mut per_phenomenon: BTreeMap<&str, usize> = BTreeMap::new();
    for &(phen, case, reply, key, want) in TABLE {
        *per_label.entry(show(want)).or_default() += 1;
        *per_phenomenon.entry(phen).or_default() += 1;
        if let Err(got) = expect(memories.get(case), reply, key, want) {
            failures.push(format!(
                "[{phen}] {case}: {reply:?} [{key}] expected {}, got {got}",
                show(want)
            ));
        }
    }
    println!("verifier table: {} rows", TABLE.len());
    for (label, n) in &per_label {
        println!("  expected {label}: {n}");
    }
    for (phen, n) in &per_phenomenon {
        println!("  {phen}: {n}");
    }
    let labelled = TABLE.iter().filter(|r| r.4.is_some()).count();
    assert!(
        labelled >= 60,
        "the table needs at least 60 labelled rows, has {labelled}"
    );
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        TABLE.len(),
        failures.join("\n")
    );
}

#[test]
fn known_gaps_still_fail() {
    let mut memories = Memories(HashMap::new());
    let mut fixed = Vec::new();
    for &(phen, case, reply, key, want) in KNOWN_GAPS {
        match expect(memories.get(case), reply, key, want) {
            Ok(()) => fixed.push(format!(
                "[{phen}] {case}: {reply:?} [{key}] now gives {}",
                show(want)
            )),
            Err(got) => println!(
                "gap [{phen}] {case}: {reply:?} [{key}] expected {}, got {got}",
                show(want)
            ),
        }
    }
    assert!(
        fixed.is_empty(),
        "known gaps now pass; move them to TABLE:\n{}",
        fixed.join("\n")
    );
}
