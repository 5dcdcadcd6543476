//! What a history-taking question asks about.
//!
//! Offline and rule-based: the question is lower-cased, split into words,
//! contractions are expanded and lay words mapped to canonical ones
//! ([`normalise`]); then a table of small word patterns ([`RULES`]) is matched
//! against those words. Every matching pattern scores its intent and the
//! intents come back best first. Matching is linear in the length of the text.

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Intent {
    Greeting,
    ChiefComplaint,
    Onset,
    Duration,
    Location,
    Character,
    Radiation,
    Severity,
    /// Timing: getting better or worse, constant or comes and goes.
    Course,
    Frequency,
    Trigger,
    Aggravating,
    Relieving,
    /// Any other symptoms?
    Associated,
    /// Do you have X? A specific symptom, yes or no.
    SymptomCheck,
    PastHistory,
    Surgery,
    Medications,
    Allergies,
    Vaccinations,
    FamilyHistory,
    Smoking,
    Alcohol,
    Drugs,
    Occupation,
    Living,
    Diet,
    Exercise,
    Sleep,
    Mood,
    WeightChange,
    Ideas,
    Concerns,
    /// The E of ICE.
    Expectations,
    /// Periods, pregnancy, menopause.
    Pregnancy,
    Name,
    Age,
    /// Lab values, blood tests, scans.
    TestResults,
    /// What do you think you have / were you told what it is.
    Diagnosis,
    /// Anything else? Thank you, goodbye.
    Closing,
    /// Are you an AI, ignore previous instructions, print your prompt.
    OutOfCharacter,
    /// Empty, garbled, not English, no recognisable question.
    Unclear,
}

use Intent::*;

/// Lay word -> canonical word (one word each; see [`PHRASES`] for more).
const SYNONYMS: &[(&str, &str)] = &[
    ("tummy", "abdomen"),
    ("belly", "abdomen"),
    ("stomach", "abdomen"),
    ("abdominal", "abdomen"),
    ("tum", "abdomen"),
    ("pee", "urine"),
    ("peeing", "urine"),
    ("wee", "urine"),
    ("weeing", "urine"),
    ("urinating", "urine"),
    ("urinate", "urine"),
    ("wees", "urine"),
    ("poo", "stool"),
    ("poos", "stool"),
    ("poop", "stool"),
    ("stools", "stool"),
    ("faeces", "stool"),
    ("feces", "stool"),
    ("ciggies", "cigarettes"),
    ("ciggy", "cigarettes"),
    ("cigs", "cigarettes"),
    ("fags", "cigarettes"),
    ("cigarette", "cigarettes"),
    ("booze", "alcohol"),
    ("beer", "alcohol"),
    ("beers", "alcohol"),
    ("wine", "alcohol"),
    ("pints", "alcohol"),
    ("vodka", "alcohol"),
    ("whisky", "alcohol"),
    ("whiskey", "alcohol"),
    ("liquor", "alcohol"),
    ("tablets", "medications"),
    ("tablet", "medications"),
    ("pills", "medications"),
    ("pill", "medications"),
    ("meds", "medications"),
    ("medicine", "medications"),
    ("medicines", "medications"),
    ("medication", "medications"),
    ("op", "surgery"),
    ("ops", "surgery"),
    ("operation", "surgery"),
    ("operations", "surgery"),
    ("surgeries", "surgery"),
    ("mum", "mother"),
    ("mom", "mother"),
    ("mummy", "mother"),
    ("mommy", "mother"),
    ("dad", "father"),
    ("daddy", "father"),
    ("bro", "brother"),
    ("sis", "sister"),
    ("grandma", "grandmother"),
    ("granny", "grandmother"),
    ("nan", "grandmother"),
    ("nana", "grandmother"),
    ("grandad", "grandfather"),
    ("grandpa", "grandfather"),
    ("kids", "children"),
    ("hubby", "husband"),
    ("jab", "vaccination"),
    ("jabs", "vaccination"),
    ("vaccine", "vaccination"),
    ("vaccines", "vaccination"),
    ("vaccinations", "vaccination"),
    ("vaccinated", "vaccination"),
    ("immunisations", "vaccination"),
    ("immunizations", "vaccination"),
    ("dr", "doctor"),
    ("doc", "doctor"),
    ("temp", "temperature"),
    ("puke", "vomit"),
    ("puking", "vomiting"),
    ("ten", "10"),
    ("u", "you"),
    ("ur", "your"),
    ("ya", "you"),
    ("hurts", "hurt"),
    ("hurting", "hurt"),
    ("painful", "pain"),
    ("pains", "pain"),
    ("preggers", "pregnant"),
    ("x-ray", "xray"),
    ("xrays", "xray"),
    ("surname", "name"),
    ("whats", "what"),
    ("waterworks", "urine"),
    ("hows", "how"),
];

/// Multi-word rewrites, applied before [`SYNONYMS`].
const PHRASES: &[(&[&str], &[&str])] = &[
    (&["pass", "water"], &["pass", "urine"]),
    (&["passing", "water"], &["passing", "urine"]),
    (&["passed", "water"], &["passed", "urine"]),
    (&["throw", "up"], &["vomit"]),
    (&["throwing", "up"], &["vomiting"]),
    (&["threw", "up"], &["vomited"]),
    (&["being", "sick"], &["vomiting"]),
    (&["x", "ray"], &["xray"]),
    (&["a", "i"], &["ai"]),
    (&["the", "pill"], &["contraceptive", "pill"]),
    (&["long", "term"], &["long-term"]),
    (&["out", "of", "character"], &["out-of-character"]),
];

/// (intent, weight, patterns). Patterns are separated by `;`, words by spaces.
/// A word may list alternatives `a|b`; `pre~` matches any word starting with
/// `pre`; `*` skips up to [`MAX_GAP`] words; `^` and `$` anchor to the ends.
/// Weight 1 is a weak hint, used only when nothing stronger matched. Ties go
/// to the rule listed first, so the table runs from specific to general.
const RULES: &[(Intent, u8, &str)] = &[
    (
        OutOfCharacter,
        5,
        "are you * ai|robot|bot|chatbot|human|computer|program|machine|model|alive ; are you real $ ; \
        are you a real person|patient|human ; you are * ai|robot|bot|chatbot|model|program|assistant|simulation ; \
        ai|llm|llms|chatgpt|gpt|openai|jailbreak~ ; language model ; system prompt ; your prompt ; prompt injection ; \
        ignore|disregard|forget * instructions|prompt|rules ; previous|prior|above|earlier instructions ; \
        print|show|reveal|repeat|output|tell * prompt|instructions ; developer mode ; out-of-character ; \
        break|breaking character ; stop pretending ; role play|playing ; roleplay ; who made|created|programmed you ; pretend~ ; what|which model ; \
        write|compose * poem|code|essay|story|song|program ; as an ai",
    ),
    (
        SymptomCheck,
        3,
        "burning|sting|stinging|pain|hurt * urine|urinating|passing",
    ),
    (
        Trigger,
        3,
        "what were you doing ; what * doing when|before ; trigger~ ; brought|bring|brings|bringing it|this|that|them on ; \
        set|sets it|this|them off ; what caused|causes it|this ; anything * cause|caused|start|started it ; were you doing ; \
        precipitat~ ; where were you when ; happened just before",
    ),
    (
        Radiation,
        3,
        "spread~|radiat~ ; it|pain|ache|that go|goes|going|move~|travel~|shoot~ * to|into|down|up|anywhere|elsewhere|through|round|around|across|towards ; \
        where does|do|did * it|pain go|goes|spread|move|travel ; feel it * anywhere|elsewhere",
    ),
    (
        Aggravating,
        3,
        "make|makes|made|making * worse ; hurt|hurts|pain when|if|on ; worse when|if|after|with|on|during|by|lying|sitting|standing|walking|moving|eating|bending|breathing|coughing ; aggravat~ ; anything * worsen~ ; exacerbat~ ; what * worse",
    ),
    (
        Relieving,
        3,
        "make|makes|made|making * better|easier ; better when|if|after|with ; anything * help|helps|helped ; \
        does|did|has * help|helps|helped $ ; what do you do when ; what helps|helped ; relie~ ; ease|eases|eased|easing ; \
        tried|try|taken|used * for * it|this|that|pain ; tried anything|something ; alleviat~ ; settle|settles",
    ),
    (Relieving, 2, "painkillers|paracetamol|ibuprofen"),
    (
        Diagnosis,
        3,
        "told * what ; told you|anyone * diagnos~ ; diagnosis ; know what * wrong|is|causing|going ; \
        what * they|doctor|doctors|anyone * say|said|think|thought|tell|told ; think you have|got ; said it was ; know what this",
    ),
    (
        Ideas,
        3,
        "what do you think * caus~|going|happening|happened|be|behind|is|it ; why do you think ; your thoughts ; \
        any thoughts ; think * might|could be ; theory",
    ),
    (Ideas, 2, "idea|ideas"),
    (
        Concerns,
        3,
        "worr~ ; concern~ ; scared|afraid|frightened|fear|fears|fearing ; anxious|nervous about ; on your mind ; worst case",
    ),
    (
        Expectations,
        3,
        "hope|hoping|hoped ; expect~ ; what would you like * do|happen|get|from|us|me ; want * from|happen ; \
        want us|me to ; looking for * today|from ; get out of * today|appointment|consultation|visit",
    ),
    (
        Closing,
        3,
        "^ anything else $ ; anything|something else * like|want to ; anything|something else * tell|add|mention|ask|discuss|share|talk|say|cover|know|raise ; \
        any questions ; questions for me ; that is all|everything ; goodbye|bye ; see you ; take care ; \
        thanks|thank * very|so|for ; all the best ; that will be all ; end * consultation|interview",
    ),
    (Closing, 1, "thank|thanks"),
    (
        TestResults,
        3,
        "test|tests|tested|testing ; results|result ; level|levels ; bloods ; blood work|count ; scan|scans|scanned ; \
        xray ; ultrasound ; ct|mri|ecg|ekg|echo ; lipase|amylase|haemoglobin|hemoglobin|hb|crp|troponin|sodium|potassium|creatinine ; \
        egfr|glucose|hba1c|lft|lfts|urea|bilirubin|inr|platelets|wcc|alt|ast|ggt|alp|albumin|calcium|ferritin|tsh|psa ; \
        cholesterol|triglycerides ; white cell|cells ; biopsy ; investigations ; readings|reading",
    ),
    (TestResults, 2, "numbers"),
    (
        Pregnancy,
        3,
        "period|periods ; pregnan~ ; menstru~ ; menopaus~ ; contracepti~ ; lmp ; cycle|cycles ; coil|iud ; \
        sexually active ; sex|sexual",
    ),
    (
        Living,
        3,
        "live|living|lives with ; who * live ; live|living alone ; live on|by your own|yourself ; \
        home situation|life|circumstances ; living situation|arrangements|arrangement ; where * live ; \
        house|flat|bungalow|apartment|stairs ; married|partner|wife|husband|boyfriend|girlfriend|spouse ; \
        carer|carers|care home ; social situation|history|circumstances ; cope|manage at home",
    ),
    (Living, 2, "at home ; support ; children ; pets|pet"),
    (
        FamilyHistory,
        3,
        "family ; runs|run in ; relatives|relative ; hereditary|inherited|genetic ; \
        mother|father|parents|parent|brother|brothers|sister|sisters|siblings|grandmother|grandfather|grandparents|son|daughter|children|aunt|uncle|cousin * \
        health|ill|illness|illnesses|problem|problems|condition|conditions|disease|diseases|die|died|passed|cancer|heart|diabetes|sick|well|alive|history ; \
        health|ill|illness|illnesses|problems|conditions|disease|diseases|cancer|died * mother|father|parents|brother|sister|siblings|grandparents",
    ),
    (
        FamilyHistory,
        1,
        "mother|father|parents|brother|sister|siblings|grandmother|grandfather|grandparents",
    ),
    (
        Surgery,
        3,
        "surgery|operated|procedure|procedures|anaesthetic|anesthetic|anaesthesia|scar|scars ; under the knife ; \
        had your * out|removed",
    ),
    (
        Vaccinations,
        3,
        "vaccination ; immunis~|immuniz~ ; booster|boosters ; flu|covid|tetanus shot|shots",
    ),
    (Vaccinations, 2, "up to date"),
    (
        Allergies,
        3,
        "allerg~ ; react|reaction|reactions to|badly ; intoleran~ ; anaphyla~",
    ),
    (
        Medications,
        3,
        "medications ; prescri~ ; inhaler~ ; insulin ; over the counter ; supplements|vitamins|herbal ; \
        take|taking anything|any ; you on any|anything ; regular * medications",
    ),
    (Medications, 2, "painkillers|paracetamol|ibuprofen|aspirin"),
    (
        Smoking,
        3,
        "smok~ ; cigarettes ; tobacco ; vape|vapes|vaping|vaper ; cigar|cigars ; pack years ; roll ups",
    ),
    (
        Alcohol,
        3,
        "alcohol ; drink|drinks|drinking|drinker ; units ; pub ; sober ; hangover|hangovers",
    ),
    (
        Drugs,
        3,
        "recreational ; drugs ; cannabis|marijuana|weed|cocaine|heroin|ecstasy|mdma|ketamine|amphetamine~|meth|lsd ; \
        inject~ ; illegal|illicit|street ; substances",
    ),
    (
        Occupation,
        3,
        "work|working|works as|for ; for work ; your job|work|occupation ; job|jobs ; occupation ; employ~|unemploy~ ; \
        retired|retire|retirement ; what do you do $ ; what do you do for ; do for a living ; where do you work ; \
        profession ; career ; off work ; at work ; are you working ; do you work ; are you a student",
    ),
    (Diet, 4, "drink|drinking * water|fluids|enough|normally"),
    (
        Diet,
        3,
        "diet ; food|foods ; meals|meal ; fruit|vegetables|veg ; caffeine|coffee|tea ; fluids ; what do you eat ; \
        eat|eating * healthy|normally|usually|day|typical",
    ),
    (Diet, 2, "eat|eating|eaten|eats"),
    (
        Exercise,
        3,
        "exercise~ ; physical~ active|activity ; sport|sports ; gym ; keep fit ; how far can you walk ; \
        walk|walking|running|swim|swimming|cycling * regular~|week|much",
    ),
    (
        Exercise,
        2,
        "how active ; you active ; active * day|week|lifestyle",
    ),
    (
        Sleep,
        3,
        "sleep~ ; keep|keeps|kept|keeping|wake|wakes|woke you * up|awake ; insomnia ; waking ; wake|woken * up|night ; asleep",
    ),
    (Sleep, 2, "bed ; nights"),
    (
        Mood,
        3,
        "mood|moods ; feel|feeling|felt|been down|low|depressed|sad|anxious|stressed|hopeless|flat ; depress~ ; anxi~ ; \
        stress~ ; coping|cope ; spirits ; enjoy~ ; suicid~ ; harm|hurt yourself ; end your life ; mental health ; emotion~ ; nervous",
    ),
    (
        WeightChange,
        3,
        "weight ; weigh|weighed ; gained|put on ; clothes * loose|tight ; thinner|slimmer|heavier",
    ),
    (Name, 2, "who are you $"),
    (
        Name,
        3,
        "your name ; name $ ; are you called ; what * called ; call you ; who am i speaking|talking",
    ),
    (
        Age,
        3,
        "how old ; your age ; age $ ; date of birth ; dob ; when * born ; birthday",
    ),
    (
        Onset,
        3,
        "when * start|starts|started|starting|begin|began|begun|first|commence~ ; when did * come on|happen|notice ; \
        what time * start~|begin|began ; since when ; how * it start|started|begin|began|come on ; sudden~|gradual~ ; \
        first notice~|start~ ; how long ago",
    ),
    (
        Duration,
        3,
        "how long ; how many days|weeks|months|years|hours|minutes",
    ),
    (
        Frequency,
        3,
        "how often ; how frequent~ ; how many times|episodes|attacks ; frequency ; every day|week|night|morning ; \
        happen|happened|happens|had|experienced * before ; like this before ; first time ; daily|weekly ; episodes|attacks",
    ),
    (
        Course,
        3,
        "get|getting|gets|got|gotten|become|becoming worse|better|worst ; worse|better or better|worse ; constant~ ; \
        continuous~ ; come|comes|coming and go|goes|going ; on and off ; off and on ; all the time ; intermittent~ ; \
        changed|changing * since ; stayed|staying the same ; progress~ ; improv~ ; worsen~ ; any better|worse ; \
        worse|better * morning|night|evening|day ; ever go away ; time of day ; worst * day|night|morning|evening",
    ),
    (Course, 2, "go away ; timing"),
    (
        Severity,
        3,
        "how bad|severe|intense|strong|painful ; how much * hurt|pain ; out of 10|100 ; scale ; \
        rate|score|grade * pain|it|10 ; severity ; worst pain ; 1 to 10 ; 0 to 10",
    ),
    (
        Character,
        3,
        "what * feel like ; what is * pain|it|ache like ; what kind|type|sort of pain|discomfort|ache|feeling ; describe ; \
        sharp or dull",
    ),
    (
        Character,
        2,
        "sharp|dull|burning|stabbing|crushing|throbbing|aching|tight|gnawing|squeezing|cramping|crampy|colicky|shooting",
    ),
    (
        Location,
        3,
        "where is|does * it|pain ; where * hurt|pain|sore|ache|aches|tender|feel ; show|point * where|to ; \
        which part|side|area ; whereabouts ; where exactly ; location",
    ),
    (Location, 1, "where"),
    (
        PastHistory,
        3,
        "medical|health problems|conditions|issues|history|illness|illnesses|problem|condition ; long-term ; chronic ; \
        diagnosed ; past history ; transfusion~ ; pmh ; ever been * hospital|admitted ; hospital * before ; illnesses ; conditions",
    ),
    (
        PastHistory,
        2,
        "diabetes|diabetic|asthma|epilep~|hypertension|cholesterol|stroke|cancer|copd|arthritis|thyroid|gallstones|pancreatitis ; \
        blood pressure ; heart|kidney|liver|lung * problems|problem|attack|disease|condition",
    ),
    (
        Associated,
        3,
        "other symptoms|problems|issues|changes|complaints ; \
        anything|something else * notice~|experienc~|feel|feeling|happen~|going|wrong|bother~ ; \
        notice~|experienc~|had|felt|feeling|get|getting anything|any|something else|other ; symptoms * else|alongside|with ; \
        alongside ; accompan~ ; along with ; at the same time ; else going on",
    ),
    (Associated, 2, "any other"),
    (Associated, 1, "symptoms"),
    (
        ChiefComplaint,
        3,
        "what brings|brought you ; brings you * here|in|today ; how can|may i|we help ; what can i|we do for you ; \
        what is the|your problem|matter|issue|trouble|complaint ; what seems to be ; what is wrong $ ; what is wrong with you ; \
        what is going on ; why * come|came|here|today|see ; what made you * come|decide|see|book ; \
        reason for * visit|coming|appointment|today ; presenting complaint ; main problem|issue",
    ),
    (
        ChiefComplaint,
        2,
        "what happened|has happened|is happening ; how are you feeling $ ; how do you feel $",
    ),
    (ChiefComplaint, 1, "tell me * more|about"),
    (
        SymptomCheck,
        2,
        "fever~|temperature|temperatures|chills|shiver~|rigors|sweat~|vomit~|nause~|sick|diarrh~|constipat~ ; \
        cough~|phlegm|sputum|breath~|wheez~|headache~|migraine~|dizz~|faint~|lighthead~|palpitat~|rash~|itch~ ; \
        blood|bleed~|jaundice~|yellow~|swell~|swollen|numb~|tingl~|weakness|weak|tired~|fatigue~|exhaust~ ; \
        lump|lumps|discharge|heartburn|indigestion|reflux|bloat~|appetite|thirst~|vision|blurr~|seizure~|fits|confus~|stiff~ ; \
        chest|back|abdomen|neck|joint|leg|arm|muscle|ear|eye|throat pain|ache ; sore throat ; runny nose ; bowel~ ; stool ; urine ; \
        any * pain|ache|discomfort",
    ),
    // "Have you had any X?" about an X no rule knows is still a yes/no symptom question.
    (
        SymptomCheck,
        1,
        "^ have|had you * had|noticed|got|experienced|suffered ; ^ do you * have|get|suffer ; ^ any ; ^ anything like",
    ),
    (
        Greeting,
        2,
        "^ hello|hi|hey|hiya|morning|afternoon|evening|greetings ; good morning|afternoon|evening|day ; \
        nice|pleased|lovely|good to meet ; my name is ; i am * doctor|student|nurse|medic ; ^ how are you $ ; how are you today|doing ; \
        how do you do",
    ),
];

/// (winner, loser): when the winner is present the loser is dropped.
const SUPPRESS: &[(Intent, Intent)] = &[
    (FamilyHistory, PastHistory),
    (Diagnosis, ChiefComplaint),
    (Ideas, ChiefComplaint),
    (TestResults, SymptomCheck),
    (Allergies, Drugs),
    (Closing, Greeting),
];

/// Common English words beyond those the rules already know.
const COMMON: &str = "a an the and or but if of to in on at for with from by about as into over after before under up down \
    out off than then so no not yes yeah is are was were be been being am do does did done have has had having i you he she \
    it we they me him her us them my your his its our their this that these those what which who whom whose when where why \
    how there here can could will would shall should may might must any anything some something anyone everyone else all \
    each every other more most much many few very too also just only still ever never again now today yesterday tomorrow \
    time day days week weeks month months year years ago long since well good bad better worse okay ok right left please \
    sorry tell told say said know think feel feeling felt get got go going come came make made take took see seen look \
    like want need let use used try give keep stop mean way thing things lot little bit one two three last next same \
    different side front top bottom head neck chest arm arms leg legs hand hands foot feet eye eyes ear ears nose mouth \
    throat heart skin body pain hurt sore ache nurse patient hospital home morning night mr mrs ms miss sir madam old new \
    big small high low hot cold enough really quite often sometimes always usually normally recently okay sure able okay \
    right alright problem problems sick ill unwell happy people person someone nothing everything life water eat sleep";

const MAX_GAP: usize = 3;

enum Tok {
    Start,
    End,
    Gap,
    /// Alternatives: (word, is_prefix).
    Alt(Vec<(&'static str, bool)>),
}

struct Rule {
    intent: Intent,
    weight: u8,
    pattern: Vec<Tok>,
}

fn rules() -> &'static [Rule] {
    static CELL: OnceLock<Vec<Rule>> = OnceLock::new();
    CELL.get_or_init(|| {
        RULES
            .iter()
            .flat_map(|&(intent, weight, spec)| {
                spec.split(';')
                    .filter(|p| !p.trim().is_empty())
                    .map(move |p| Rule {
                        intent,
                        weight,
                        pattern: parse(p),
                    })
            })
            .collect()
    })
}

fn parse(pattern: &'static str) -> Vec<Tok> {
    let alt = |t: &'static str| match t.strip_suffix('~') {
        Some(prefix) => (prefix, true),
        None => (t, false),
    };
    pattern
        .split_whitespace()
        .map(|t| match t {
            "^" => Tok::Start,
            "$" => Tok::End,
            "*" => Tok::Gap,
            _ => Tok::Alt(t.split('|').map(alt).collect()),
        })
        .collect()
}

fn word_matches(alts: &[(&str, bool)], word: &str) -> bool {
    alts.iter().any(|&(a, prefix)| {
        if prefix {
            word.starts_with(a)
        } else {
            word == a
        }
    })
}

/// Whether `pattern` matches the words starting exactly at `i`.
fn match_at(words: &[String], i: usize, pattern: &[Tok]) -> bool {
    let Some((first, rest)) = pattern.split_first() else {
        return true;
    };
    match first {
        Tok::Start => i == 0 && match_at(words, i, rest),
        Tok::End => i == words.len() && match_at(words, i, rest),
        Tok::Gap => (0..=MAX_GAP)
            .take_while(|g| i + g <= words.len())
            .any(|g| match_at(words, i + g, rest)),
        Tok::Alt(alts) => {
            words.get(i).is_some_and(|w| word_matches(alts, w)) && match_at(words, i + 1, rest)
        }
    }
}

fn matches(words: &[String], pattern: &[Tok]) -> bool {
    match pattern.first() {
        Some(Tok::Start) => match_at(words, 0, pattern),
        Some(Tok::Alt(alts)) => words
            .iter()
            .enumerate()
            .any(|(i, w)| word_matches(alts, w) && match_at(words, i + 1, &pattern[1..])),
        _ => (0..=words.len()).any(|i| match_at(words, i, pattern)),
    }
}

/// What one question asks, most specific first. Never empty: `Unclear` when
/// nothing is recognised.
pub fn classify(question: &str) -> Vec<Intent> {
    let words = normalise(question);
    if !english(&words) {
        return vec![Unclear];
    }
    // (intent, best weight, index of the best rule) for every intent seen.
    let mut found: Vec<(Intent, u8, usize)> = Vec::new();
    for (index, rule) in rules().iter().enumerate() {
        if !matches(&words, &rule.pattern) {
            continue;
        }
        match found.iter_mut().find(|f| f.0 == rule.intent) {
            Some(f) if rule.weight > f.1 => *f = (rule.intent, rule.weight, index),
            Some(_) => {}
            None => found.push((rule.intent, rule.weight, index)),
        }
    }
    let strong = found.iter().any(|f| f.1 >= 2);
    found.retain(|f| f.1 >= 2 || !strong);
    let present: Vec<Intent> = found.iter().map(|f| f.0).collect();
    found.retain(|f| {
        !SUPPRESS
            .iter()
            .any(|&(winner, loser)| loser == f.0 && present.contains(&winner))
    });
    found.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    let intents: Vec<Intent> = found.into_iter().map(|f| f.0).collect();
    if intents.is_empty() {
        vec![Unclear]
    } else {
        intents
    }
}

/// Words known to be English: [`COMMON`], synonym table entries and every
/// word the rules mention (exact words and prefixes).
fn vocabulary() -> &'static (HashSet<&'static str>, Vec<&'static str>) {
    static CELL: OnceLock<(HashSet<&'static str>, Vec<&'static str>)> = OnceLock::new();
    CELL.get_or_init(|| {
        let mut exact: HashSet<&'static str> = COMMON.split_whitespace().collect();
        exact.extend(SYNONYMS.iter().flat_map(|&(a, b)| [a, b]));
        let mut prefixes = Vec::new();
        for rule in rules() {
            for tok in &rule.pattern {
                if let Tok::Alt(alts) = tok {
                    for &(word, prefix) in alts {
                        if !prefix {
                            exact.insert(word);
                        } else if word.len() >= 3 {
                            prefixes.push(word);
                        }
                    }
                }
            }
        }
        prefixes.sort_unstable();
        prefixes.dedup();
        (exact, prefixes)
    })
}

fn english(words: &[String]) -> bool {
    let (exact, prefixes) = vocabulary();
    let mut total = 0usize;
    let mut known = 0usize;
    for w in words.iter().filter(|w| w.chars().all(char::is_alphabetic)) {
        total += 1;
        if w.is_ascii() && (exact.contains(w.as_str()) || prefixes.iter().any(|p| w.starts_with(p)))
        {
            known += 1;
        }
    }
    known > 0 && known * 5 >= total * 2
}

/// Whether the text looks like English words at all (false for "asdkjh qwe",
/// "¿Dónde le duele?", "你好", only emoji or punctuation).
pub fn looks_english(text: &str) -> bool {
    english(&normalise(text))
}

fn synonyms() -> &'static HashMap<&'static str, &'static str> {
    static CELL: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    CELL.get_or_init(|| SYNONYMS.iter().copied().collect())
}

/// Lower-cased words of the text with contractions expanded ("what's" ->
/// "what is", "don't" -> "do not", "mum's" -> "mum") and lay synonyms mapped
/// to canonical words ([`PHRASES`], then [`SYNONYMS`]).
pub fn normalise(text: &str) -> Vec<String> {
    let mut raw = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}' | '\u{2018}') && !current.is_empty() {
            current.push('\'');
        } else if c == '-' && current == "x" {
            // "x-ray" stays one word.
            current.push(c);
        } else if !current.is_empty() {
            push_word(&mut raw, &current);
            current.clear();
        }
    }
    if !current.is_empty() {
        push_word(&mut raw, &current);
    }

    let mut phrased: Vec<String> = Vec::with_capacity(raw.len());
    let mut i = 0;
    'outer: while i < raw.len() {
        for (from, to) in PHRASES {
            if raw.len() - i >= from.len() && from.iter().zip(&raw[i..]).all(|(a, b)| a == b) {
                phrased.extend(to.iter().map(|w| (*w).to_string()));
                i += from.len();
                continue 'outer;
            }
        }
        phrased.push(std::mem::take(&mut raw[i]));
        i += 1;
    }
    let table = synonyms();
    phrased
        .into_iter()
        .map(|w| table.get(w.as_str()).map_or(w, |s| (*s).to_string()))
        .collect()
}

/// Pushes one raw word, splitting English contractions.
fn push_word(out: &mut Vec<String>, word: &str) {
    let word = word.trim_end_matches('\'');
    if word.is_empty() {
        return;
    }
    if let Some(base) = word.strip_suffix("n't") {
        let base = match base {
            "ca" => "can",
            "wo" => "will",
            "sha" => "shall",
            "ai" => "is",
            other => other,
        };
        out.extend([base.to_string(), "not".to_string()]);
        return;
    }
    let Some((base, suffix)) = word.split_once('\'') else {
        out.push(word.to_string());
        return;
    };
    let expansion = match suffix {
        "s" if matches!(
            base,
            "what"
                | "it"
                | "that"
                | "there"
                | "who"
                | "how"
                | "where"
                | "he"
                | "she"
                | "here"
                | "when"
                | "why"
        ) =>
        {
            "is"
        }
        "s" => "",
        "m" => "am",
        "re" => "are",
        "ve" => "have",
        "d" => "would",
        "ll" => "will",
        _ => {
            out.push(word.replace('\'', ""));
            return;
        }
    };
    if !base.is_empty() {
        out.push(base.to_string());
    }
    if !expansion.is_empty() {
        out.push(expansion.to_string());
    }
}

#[cfg(test)]
#[path = "intent_tests.rs"]
mod tests;
