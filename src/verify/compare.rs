//! One claim against one fact under the same key, by the type of the field.

use super::claim::{Claim, Label, Polarity};
use crate::language::{ConceptKind, Lexicon, quantity};
use crate::memory::{Fact, Topic, Value};

/// The concept ids a fact's words name (from the lexicon), or read now for
/// a fact said in dialogue.
fn senses(fact: &Fact, lx: &Lexicon) -> Vec<String> {
    if let Some(s) = lx.senses.get(&fact.id) {
        return s.clone();
    }
    match &fact.value {
        Value::Text { text } => lx.senses_of(text),
        _ => Vec::new(),
    }
}

fn kind_of(lx: &Lexicon, id: &str) -> Option<ConceptKind> {
    lx.layer.id(id).map(|c| lx.layer.get(c).kind)
}

fn of_kind<'a>(lx: &Lexicon, ids: &'a [String], kind: ConceptKind) -> Vec<&'a String> {
    ids.iter()
        .filter(|i| kind_of(lx, i) == Some(kind))
        .collect()
}

fn side(ids: &[String]) -> Option<&str> {
    ids.iter().find_map(|i| i.strip_prefix("side:"))
}

/// Whether two concepts are one, or one falls under the other.
fn related(lx: &Lexicon, a: &str, b: &str) -> bool {
    match (lx.layer.id(a), lx.layer.id(b)) {
        (Some(x), Some(y)) => lx.layer.is_under(x, y) || lx.layer.is_under(y, x),
        _ => a == b,
    }
}

/// Sites: the same place or one inside the other agree; a different place
/// or the other side disagrees.
fn same_place(claim: &[String], fact: &[String], lx: &Lexicon) -> Label {
    let (a, b) = (
        of_kind(lx, claim, ConceptKind::Site),
        of_kind(lx, fact, ConceptKind::Site),
    );
    if std::env::var_os("PZ_TRACE_CLAIMS").is_some() {
        eprintln!("same_place {claim:?} {fact:?} -> {a:?} {b:?}");
    }
    // "My left foot" against both feet disagrees only when said as the only one.
    let only = claim.iter().any(|i| i == "only");
    let sides = match (side(claim), side(fact)) {
        (Some(x), Some(y)) => x == y || y == "both" && !only,
        _ => true,
    };
    if a.is_empty() || b.is_empty() {
        // "It's the right one": the side the record has, said alone.
        let same_side = a.is_empty() && side(claim).is_some() && side(claim) == side(fact);
        return match (sides, same_side) {
            (false, _) => Label::Contradict,
            (true, true) => Label::Entail,
            (true, false) => Label::Neutral,
        };
    }
    let same = a.iter().any(|x| b.iter().any(|y| related(lx, x, y)));
    // "Over my eye", "all over": only roughly where it is.
    let rough = claim.iter().any(|i| i == "near") || a.iter().chain(&b).any(|i| *i == "body");
    match (same, sides) {
        (true, true) => Label::Entail,
        (false, true) if rough => Label::Neutral,
        _ => Label::Contradict,
    }
}

/// Concept ids without those another of them falls under ("arm" beside "elbow").
fn narrowest(ids: &[String], lx: &Lexicon) -> Vec<String> {
    ids.iter()
        .filter(|a| {
            !ids.iter().any(|b| {
                b != *a
                    && matches!((lx.layer.id(a), lx.layer.id(b)), (Some(x), Some(y)) if lx.layer.is_under(y, x))
            })
        })
        .cloned()
        .collect()
}

/// Whether every site a location claim names is the symptom's own (the
/// site of its name: the hip of "hip pain") or one holding it, with no side
/// against it.
fn own_site(claim: &Claim, lx: &Lexicon) -> bool {
    let item = lx.item_of(&crate::memory::Key::new(Topic::Symptom, &claim.key.subject));
    let Some(own) = item.and_then(|i| lx.items[i].site) else {
        return false;
    };
    let sites = of_kind(lx, &claim.concepts, ConceptKind::Site);
    let side_ok = match (side(&claim.concepts), item.and_then(|i| lx.items[i].side)) {
        (Some(said), Some(s)) => format!("{s:?}").eq_ignore_ascii_case(said),
        (Some(_), None) => false,
        _ => true,
    };
    !sites.is_empty()
        && side_ok
        && sites.iter().all(|s| {
            lx.layer
                .id(s)
                .is_some_and(|x| x == own || lx.layer.is_under(own, x))
        })
}

/// What a symptom feels like: descriptors of one family agree.
fn same_feeling(claim: &[String], fact: &[String], lx: &Lexicon) -> Label {
    let family = |ids: &[String]| -> Vec<String> {
        of_kind(lx, ids, ConceptKind::Descriptor)
            .into_iter()
            .filter_map(|i| lx.layer.id(i).and_then(|c| lx.layer.get(c).family.clone()))
            .collect()
    };
    let (a, b) = (family(claim), family(fact));
    if a.is_empty() || b.is_empty() {
        return Label::Neutral;
    }
    if a.iter().any(|x| b.contains(x)) {
        Label::Entail
    } else if a.iter().any(|x| b.iter().any(|y| lx.cues.kindred(x, y))) {
        Label::Neutral
    } else {
        Label::Contradict
    }
}

/// Whether a claimed factor names what a fact's factor names.
pub fn same_factor(claim: &Claim, fact: &Fact, lx: &Lexicon) -> bool {
    let theirs = senses(fact, lx);
    let kinds = crate::language::concepts::FACTOR_KINDS;
    // "No reason" is no thing that happened: it is weighed on its own.
    let useful =
        |i: &&String| *i != "no_trigger" && kind_of(lx, i).is_some_and(|k| kinds.contains(&k));
    let mine: Vec<&String> = claim.concepts.iter().filter(useful).collect();
    let theirs: Vec<&String> = theirs.iter().filter(useful).collect();
    mine.iter()
        .any(|x| theirs.iter().any(|y| related(lx, x, y)))
}

/// Whether a claim's words and a worded fact share a word of substance
/// (by stem): "stress at work" and "a stressful stretch at work".
fn same_words(claim: &Claim, fact: &Fact, lx: &Lexicon) -> bool {
    use crate::language::text::{Kind, stem, tokenize};
    let (Value::Text { text: said }, Value::Text { text: truth }) = (&claim.value, &fact.value)
    else {
        return false;
    };
    let stems = |t: &str| -> Vec<String> {
        tokenize(t)
            .iter()
            .filter(|t| t.kind == Kind::Word && t.norm.len() > 2 && !lx.cues.is_plain_in_story(t))
            .map(|t| stem(&t.norm))
            .collect()
    };
    let theirs = stems(truth);
    stems(said).iter().any(|s| theirs.contains(s))
}

fn factor(claim: &Claim, fact: &Fact, lx: &Lexicon) -> Label {
    let said = match &claim.value {
        Value::Text { text } => text.as_str(),
        _ => "",
    };
    if said.is_empty() {
        // "Nothing makes it worse", "it doesn't go anywhere": a denial of
        // every value, which a record of nothing agrees with.
        let recorded_none = matches!(&fact.value, Value::Text { text } if is_nothing(text));
        return match (claim.polarity, recorded_none) {
            (Polarity::Deny, true) => Label::Entail,
            (Polarity::Deny, false) => Label::Contradict,
            _ => Label::Neutral,
        };
    }
    let same = same_factor(claim, fact, lx);
    match (same, claim.polarity) {
        (true, Polarity::Affirm) => Label::Entail,
        (true, Polarity::Deny) => Label::Contradict,
        (false, Polarity::Affirm) if other_end_of_day(claim, fact, lx) => Label::Contradict,
        _ => Label::Neutral,
    }
}

/// "It's the evenings that drag me down" against a record of mornings: the
/// time of day a symptom is at its worst (or best) is one end of the day.
fn other_end_of_day(claim: &Claim, fact: &Fact, lx: &Lexicon) -> bool {
    // Only a time said against only a time: "at night when I lie flat" is
    // no word against "first thing in the morning" among other factors.
    let ends = |ids: &[String]| -> Option<Vec<String>> {
        let factors: Vec<_> = ids
            .iter()
            .filter_map(|i| lx.layer.id(i))
            .filter(|&c| lx.layer.get(c).kind == ConceptKind::Factor)
            .collect();
        let ends: Vec<String> = factors
            .iter()
            .filter_map(|&c| lx.layer.get(c).group.clone())
            .filter(|g| g.ends_with("_in_day"))
            .collect();
        (!ends.is_empty() && ends.len() == factors.len()).then_some(ends)
    };
    match (ends(&claim.concepts), ends(&senses(fact, lx))) {
        (Some(mine), Some(theirs)) => mine.iter().all(|g| !theirs.contains(g)),
        _ => false,
    }
}

/// Durations as patients give them are rough: within about a third either way agrees.
fn close_days(said: f64, truth: f64) -> Label {
    if truth <= 0.0 {
        return Label::Neutral;
    }
    let ratio = said / truth;
    // Hours are said loosely ("since this morning" for 10 hours): allow half a day.
    if (0.6..=1.67).contains(&ratio) || (said - truth).abs() <= 0.5 {
        Label::Entail
    } else {
        Label::Contradict
    }
}

fn close_number(said: f64, truth: f64, unit: &str) -> Label {
    let tolerance = match unit {
        "/10" => 1.0,
        // An age is said exactly, unless hedged ("nearly fifty").
        "years" => 0.5,
        "years~" => 1.0,
        "packs/day" => (truth * 0.5).max(0.25),
        "drinks/week" => (truth * 0.4).max(2.0),
        "/day" => {
            return if (0.4..=2.5).contains(&(said / truth.max(1e-9))) {
                Label::Entail
            } else {
                Label::Contradict
            };
        }
        _ => (truth.abs() * 0.1).max(0.1),
    };
    if (said - truth).abs() <= tolerance + 1e-9 {
        Label::Entail
    } else {
        Label::Contradict
    }
}

/// Enumerated values, with the loose words patients use ("I drink" for any amount).
fn same_choice(topic: Topic, said: &str, truth: &str) -> Label {
    if said == truth {
        return Label::Entail;
    }
    let agrees = match topic {
        Topic::Smoking | Topic::Alcohol | Topic::Drugs => {
            (said == "some" && !matches!(truth, "none" | "never" | "former"))
                // "Have you ever...?" — "Yes": at some time, now or before.
                || (said == "ever" && !matches!(truth, "none" | "never"))
                || (said == "occasional" && truth == "moderate" && topic != Topic::Alcohol)
                || (said == "not now" && matches!(truth, "none" | "never" | "former"))
                || (said == "none" && truth == "never")
        }
        // Coming in spells and where it is going (worse, better) are two
        // things: "it comes and goes" is no word on a worsening symptom, nor
        // "it's getting worse" on one that comes in spells. (A fluctuating
        // one goes up and down, which "worse and worse" denies.)
        Topic::Course => {
            let pattern = |c: &str| matches!(c, "intermittent" | "fluctuating");
            let trend = |c: &str| matches!(c, "worsening" | "improving");
            matches!(
                (said, truth),
                ("intermittent", "fluctuating")
                    | ("fluctuating", "intermittent")
                    | ("stable", "worsening")
            ) || pattern(said) && trend(truth)
                || trend(said) && truth == "intermittent"
        }
        Topic::Reproductive => matches!(
            (said, truth),
            ("menstruating", "premenopausal" | "perimenopausal")
                | ("postmenopausal", "perimenopausal")
        ),
        // A level one step from the record is a matter of words ("I walk a bit" for moderate).
        Topic::Activity => !matches!(
            (said, truth),
            ("sedentary", "active") | ("active", "sedentary")
        ),
        Topic::Vaccination => said == "up_to_date" && truth == "overdue",
        _ => false,
    };
    if agrees {
        return if matches!(topic, Topic::Activity | Topic::Vaccination | Topic::Course)
            && said != truth
        {
            Label::Neutral
        } else {
            Label::Entail
        };
    }
    match topic {
        // A relative is one of several.
        Topic::Family => Label::Neutral,
        Topic::Diet => {
            // Balanced against a fatty or salty diet disagrees, and so does
            // vegetarian against any other but balanced; irregular against
            // another is a different question.
            let unhealthy = |d: &str| matches!(d, "high_fat" | "high_salt");
            let crossed = (said == "balanced" && unhealthy(truth))
                || (unhealthy(said) && truth == "balanced");
            // A vegetarian diet may well be balanced.
            let meat = said != "vegetarian" && said != "balanced";
            if crossed || said == "vegetarian" || truth == "vegetarian" && meat {
                Label::Contradict
            } else {
                Label::Neutral
            }
        }
        _ => Label::Contradict,
    }
}

/// Who the patient lives with: a person named who is not in the home, or
/// "alone" against a household, disagrees.
fn same_home(claim: &Claim, fact: &Fact, lx: &Lexicon) -> Label {
    let theirs = senses(fact, lx);
    let people = |ids: &[String]| -> Vec<String> {
        of_kind(lx, ids, ConceptKind::Relative)
            .into_iter()
            .cloned()
            .collect()
    };
    let alone = |ids: &[String]| {
        ids.iter()
            .any(|i| i.contains("alone") || i == "living_alone")
    };
    let (mine, truth) = (people(&claim.concepts), people(&theirs));
    // "Just me and my mum" names someone: it is not living alone.
    let claim_alone = alone(&claim.concepts) && mine.is_empty();
    let record_alone = alone(&theirs) && truth.is_empty();
    // "We've lived together six years" says someone shares the home.
    let together = claim.concepts.iter().any(|i| i == "cohabiting");
    if claim_alone && !truth.is_empty() || record_alone && (!mine.is_empty() || together) {
        return Label::Contradict;
    }
    if mine.is_empty() || truth.is_empty() {
        return if claim_alone && record_alone {
            Label::Entail
        } else {
            Label::Neutral
        };
    }
    let partner = |a: &str| {
        matches!(
            a,
            "husband" | "wife" | "partner" | "spouse" | "boyfriend" | "girlfriend"
        )
    };
    let known = |x: &String| {
        truth
            .iter()
            .any(|y| related(lx, x, y) || partner(x) && partner(y))
    };
    if !mine.iter().all(known) {
        return Label::Contradict;
    }
    let only = claim.concepts.iter().any(|i| i == "only");
    if only && mine.len() < truth.len() {
        return Label::Contradict;
    }
    Label::Entail
}

/// Work: the same job, or a job of the same kind said loosely, agrees;
/// another kind of work (or retired against working) disagrees.
fn same_work(claim: &Claim, fact: &Fact, lx: &Lexicon) -> Label {
    let theirs = senses(fact, lx);
    let group = |id: &String| lx.layer.id(id).and_then(|c| lx.layer.get(c).group.clone());
    let (mine, truth) = (
        of_kind(lx, &claim.concepts, ConceptKind::Occupation),
        of_kind(lx, &theirs, ConceptKind::Occupation),
    );
    if mine.is_empty() || truth.is_empty() {
        return Label::Neutral;
    }
    if mine.iter().any(|x| truth.iter().any(|y| related(lx, x, y))) {
        return Label::Entail;
    }
    let (g1, g2): (Vec<String>, Vec<String>) = (
        mine.iter().filter_map(|x| group(x)).collect(),
        truth.iter().filter_map(|x| group(x)).collect(),
    );
    // A retired teacher against "retired from the post office", a pupil
    // against "at school": the same group, when it is one of those.
    if g1
        .iter()
        .any(|g| g2.contains(g) && (g == "retired" || g == "student"))
    {
        return Label::Entail;
    }
    Label::Contradict
}

/// Compares one claim with one fact under its key.
/// A recorded factor that is none: "nothing I can think of", "nothing helps".
fn is_nothing(text: &str) -> bool {
    let t = text.trim().to_lowercase();
    t.is_empty() || t == "none" || t == "no" || t.starts_with("nothing") || t.starts_with("none ")
}

/// A recorded place that is no place: "nowhere else", "does not spread".
fn is_nowhere(text: &str) -> bool {
    let t = text.to_lowercase();
    t.is_empty()
        || [
            "nowhere",
            "none",
            "no radiation",
            "does not",
            "doesn't",
            "not spread",
            "stays",
        ]
        .iter()
        .any(|w| t.contains(w))
}

pub fn compare(claim: &Claim, fact: &Fact, lx: &Lexicon) -> Label {
    let deny = claim.polarity == Polarity::Deny;
    let flip = |l: Label| match (deny, l) {
        (true, Label::Entail) => Label::Contradict,
        (true, Label::Contradict) => Label::Neutral,
        (_, l) => l,
    };
    // "Nothing makes it worse", remembered as none: another denial agrees,
    // a thing said to do it does not.
    if fact.value == Value::yes(false) && !matches!(claim.value, Value::Yes { .. }) {
        return if deny {
            Label::Entail
        } else {
            Label::Contradict
        };
    }
    let topic = claim.key.topic;
    match topic {
        Topic::Location | Topic::Radiation => {
            if let Value::Text { text } = &claim.value {
                if text.is_empty() {
                    // "It goes nowhere" against "goes nowhere else" agrees.
                    let none = matches!(&fact.value, Value::Text { text } if is_nowhere(text));
                    return match (deny, none) {
                        (true, true) => Label::Entail,
                        (true, false) => Label::Contradict,
                        _ => Label::Neutral,
                    };
                }
            }
            // "It shoots through into my back" of a pain that goes nowhere else.
            if topic == Topic::Radiation
                && !claim.concepts.is_empty()
                && matches!(&fact.value, Value::Text { text } if is_nowhere(text))
            {
                return flip(Label::Contradict);
            }
            // "Deep in the joint" of hip pain: the symptom's own site, said again.
            if topic == Topic::Location && own_site(claim, lx) {
                return flip(Label::Entail);
            }
            // "It doesn't go into my forearm" of a pain that goes down the arm
            // towards the elbow: denied of the record's narrowest places.
            let theirs = senses(fact, lx);
            let theirs = if deny { narrowest(&theirs, lx) } else { theirs };
            return flip(same_place(&claim.concepts, &theirs, lx));
        }
        Topic::Character => return flip(same_feeling(&claim.concepts, &senses(fact, lx), lx)),
        Topic::Aggravating | Topic::Relieving => return factor(claim, fact, lx),
        Topic::Trigger => {
            let same = same_factor(claim, fact, lx);
            let theirs = senses(fact, lx);
            // "It came on by itself, no reason": against a record of what set
            // it off ("after a big meal"), not of where it found them ("it
            // woke me up", "out of the blue while I was at work").
            if deny && claim.concepts.is_empty() {
                let none = theirs.iter().any(|s| s == "no_trigger");
                let caused = matches!(&fact.value, Value::Text { text } if {
                    let t = crate::language::text::tokenize(text);
                    t.iter().any(|w| matches!(w.norm.as_str(), "after" | "because"))
                        && !t.iter().any(|w| matches!(w.norm.as_str(), "blue" | "nowhere"))
                });
                return match (none, caused) {
                    (true, _) => Label::Entail,
                    (false, true) => Label::Contradict,
                    (false, false) => Label::Neutral,
                };
            }
            // A story told in other words: "stress at work" of "a very
            // stressful stretch at work and at home".
            let same = same || same_words(claim, fact, lx);
            return match (same, deny) {
                (true, false) => Label::Entail,
                (true, true) => Label::Contradict,
                (false, false) if !claim.concepts.is_empty() && !theirs.is_empty() => {
                    Label::Contradict
                }
                _ => Label::Neutral,
            };
        }
        // What an allergy did: a kind of reaction the record's has.
        Topic::Allergy => {
            if let (Value::Text { text: said }, Value::Text { text: truth }) =
                (&claim.value, &fact.value)
            {
                let tokens = crate::language::text::tokenize(truth);
                let recorded: Vec<&str> = lx
                    .cues
                    .reactions
                    .find(&tokens)
                    .into_iter()
                    .map(|(kind, _)| kind)
                    .collect();
                return if recorded.is_empty() {
                    Label::Neutral
                } else if said.split(", ").any(|k| recorded.contains(&k)) {
                    flip(Label::Entail)
                } else {
                    flip(Label::Contradict)
                };
            }
        }
        Topic::Living => return flip(same_home(claim, fact, lx)),
        Topic::Occupation => return flip(same_work(claim, fact, lx)),
        Topic::DoseFrequency | Topic::Dose => {
            // How a medicine is taken is said exactly: twice a day is not once,
            // and in the morning is not at night.
            return match (&claim.value, &fact.value) {
                (
                    Value::Number {
                        value: said,
                        unit: when_said,
                    },
                    Value::Number {
                        value: truth,
                        unit: when,
                    },
                ) => {
                    // A time of day is said after "/day" ("/day in the morning").
                    let timed = |u: &str| u != "/day";
                    let same_time = when_said == when || !timed(when_said) || !timed(when);
                    flip(
                        if (said - truth).abs() <= truth.abs() * 0.05 + 1e-9 && same_time {
                            Label::Entail
                        } else {
                            Label::Contradict
                        },
                    )
                }
                _ => Label::Neutral,
            };
        }
        Topic::Frequency => {
            let truth = match &fact.value {
                Value::Text { text } => quantity::find_rate(text).map(|r| r.0),
                _ => None,
            };
            return match (&claim.value, truth) {
                (Value::Number { value, unit }, Some(t)) => flip(close_number(*value, t, unit)),
                _ => Label::Neutral,
            };
        }
        Topic::Family => {
            let (said, truth) = (&claim.value, &fact.value);
            return match (said, truth) {
                (Value::Choice { choice: s }, Value::Choice { choice: t }) => {
                    let same = s == t || s == "family";
                    match (same, deny) {
                        (true, false) => Label::Entail,
                        (true, true) => Label::Contradict,
                        (false, false) => Label::Contradict,
                        (false, true) => Label::Neutral,
                    }
                }
                (Value::Yes { .. }, _) => flip(Label::Entail),
                _ => Label::Neutral,
            };
        }
        _ => {}
    }
    match (&claim.value, &fact.value) {
        (Value::Yes { .. }, Value::Yes { yes }) => {
            if claim.yes() == Some(*yes) {
                Label::Entail
            } else {
                Label::Contradict
            }
        }
        // "I've had a past operation" / "I take no medicines" against a specific one.
        (Value::Yes { .. }, _) => {
            if claim.yes() == Some(true) {
                Label::Entail
            } else {
                Label::Contradict
            }
        }
        (Value::Days { days: said }, Value::Days { days: truth }) => {
            flip(close_days(*said, *truth))
        }
        (Value::Number { value: said, unit }, Value::Number { value: truth, .. }) => {
            flip(close_number(*said, *truth, unit))
        }
        (Value::Choice { choice: said }, Value::Choice { choice: truth }) => {
            flip(same_choice(topic, said, truth))
        }
        // A result the patient says they were told of, whatever it was.
        (Value::Text { text }, _) if text == "told" => Label::Entail,
        (Value::Text { text: said }, Value::Text { text: truth }) => {
            if said.is_empty() {
                return if deny {
                    Label::Contradict
                } else {
                    Label::Neutral
                };
            }
            flip(same_text(topic, said, truth))
        }
        _ => Label::Neutral,
    }
}

fn same_text(topic: Topic, said: &str, truth: &str) -> Label {
    let words = |s: &str| -> Vec<String> {
        crate::language::text::tokenize(s)
            .into_iter()
            .filter(|t| t.is_word() && t.norm.len() > 2)
            .map(|t| t.stem)
            .collect()
    };
    let (a, b) = (words(said), words(truth));
    let shared = a.iter().filter(|w| b.contains(w)).count();
    if shared > 0 && shared * 2 >= a.len().min(b.len()).max(1) {
        return Label::Entail;
    }
    match topic {
        Topic::Name => {
            if a.iter().any(|w| b.contains(w)) {
                Label::Entail
            } else {
                Label::Contradict
            }
        }
        Topic::Diagnosis => Label::Entail,
        _ => Label::Neutral,
    }
}
