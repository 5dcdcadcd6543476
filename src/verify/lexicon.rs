//! Lay words mapped to the words a record uses, so that "tummy ache" and
//! "abdominal pain" compare as the same thing.

/// Lay word → canonical word. Several lay words share one canonical form.
const SYNONYMS: &[(&str, &str)] = &[
    ("tummy", "abdomen"),
    ("belly", "abdomen"),
    ("stomach", "abdomen"),
    ("abdominal", "abdomen"),
    ("gut", "abdomen"),
    ("ache", "pain"),
    ("aches", "pain"),
    ("aching", "pain"),
    ("hurts", "pain"),
    ("hurt", "pain"),
    ("hurting", "pain"),
    ("sore", "pain"),
    ("painful", "pain"),
    ("pains", "pain"),
    ("temperature", "fever"),
    ("feverish", "fever"),
    ("shivery", "fever"),
    ("pee", "urine"),
    ("wee", "urine"),
    ("urinating", "urine"),
    ("urination", "urine"),
    ("peeing", "urine"),
    ("weeing", "urine"),
    ("poo", "stool"),
    ("stools", "stool"),
    ("bowel", "stool"),
    ("puking", "vomiting"),
    ("vomit", "vomiting"),
    ("vomited", "vomiting"),
    ("sick", "nausea"),
    ("queasy", "nausea"),
    ("queasiness", "nausea"),
    ("nauseous", "nausea"),
    ("nauseated", "nausea"),
    ("breathless", "breath"),
    ("breathing", "breath"),
    ("yellow", "jaundice"),
    ("yellowing", "jaundice"),
    ("jaundiced", "jaundice"),
    ("tired", "fatigue"),
    ("tiredness", "fatigue"),
    ("exhausted", "fatigue"),
    ("exhaustion", "fatigue"),
    ("knackered", "fatigue"),
    ("dizzy", "dizziness"),
    ("lightheaded", "dizziness"),
    ("loose", "diarrhea"),
    ("diarrhoea", "diarrhea"),
    ("headaches", "headache"),
    ("eyes", "eye"),
    ("legs", "leg"),
    ("arms", "arm"),
    ("hands", "hand"),
    ("fingers", "finger"),
    ("knees", "knee"),
    ("feet", "foot"),
    ("toes", "toe"),
    ("ribs", "rib"),
    ("kidney", "flank"),
    ("loin", "flank"),
    ("side", "flank"),
    ("water pill", "diuretic"),
    ("tablets", "medication"),
    ("tablet", "medication"),
    ("pills", "medication"),
    ("pill", "medication"),
    ("meds", "medication"),
    ("medicine", "medication"),
    ("medicines", "medication"),
    ("medications", "medication"),
    ("operation", "surgery"),
    ("operations", "surgery"),
    ("op", "surgery"),
    ("ops", "surgery"),
    ("surgeries", "surgery"),
    ("mum", "mother"),
    ("mom", "mother"),
    ("mam", "mother"),
    ("dad", "father"),
    ("nan", "grandmother"),
    ("gran", "grandmother"),
    ("granny", "grandmother"),
    ("grandad", "grandfather"),
    ("grandpa", "grandfather"),
    ("sugar", "diabetes"),
    ("diabetic", "diabetes"),
    ("pressure", "pressure"),
];

/// Words that carry no content for comparing two phrases.
const STOP: &[&str] = &[
    "a", "an", "the", "my", "i", "i've", "i'm", "me", "of", "in", "on", "at", "to", "and", "or",
    "it", "it's", "is", "was", "been", "have", "had", "has", "with", "for", "from", "some", "any",
    "bit", "little", "really", "very", "quite", "just", "that", "this", "all", "every", "when",
    "feeling", "feel", "feels", "get", "getting", "got", "like", "up", "down", "out", "there",
    "about", "be", "bad", "terrible", "awful", "lot", "lots", "much", "more", "most", "than", "so",
    "too", "also", "do", "does", "did", "not", "no",
];

/// The canonical form of one lower-case word.
pub fn canon(word: &str) -> &str {
    SYNONYMS
        .iter()
        .find(|(lay, _)| *lay == word)
        .map_or(word, |(_, c)| c)
}

/// Lower-case words of a text, with punctuation removed (apostrophes kept).
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'))
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The content words of a phrase in canonical form ("a terrible tummy ache" → abdomen, pain).
pub fn content(text: &str) -> Vec<String> {
    let lower = text
        .to_lowercase()
        .replace("water pill", "diuretic")
        .replace("throwing up", "vomiting")
        .replace("being sick", "vomiting")
        // British "I've been sick", "I was sick twice": vomited, not nauseated.
        .replace("been sick", "vomiting")
        .replace("was sick", "vomiting");
    let mut out: Vec<String> = words(&lower)
        .iter()
        .filter(|w| !STOP.contains(&w.as_str()))
        .map(|w| canon(w).to_string())
        .collect();
    out.dedup();
    out
}

/// Whether every content word of `phrase` is among `words` (already canonical).
pub fn covers(words: &[String], phrase: &[String]) -> bool {
    !phrase.is_empty() && phrase.iter().all(|p| words.iter().any(|w| w == p))
}

/// Share of the smaller phrase's content words found in the other.
pub fn overlap(a: &[String], b: &[String]) -> f64 {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if small.is_empty() {
        return 0.0;
    }
    small.iter().filter(|w| big.contains(w)).count() as f64 / small.len() as f64
}

/// Whether every content word of a phrase is a body region ("a bad back"),
/// too loose to name a symptom on its own.
pub fn only_regions(words: &[String]) -> bool {
    !words.is_empty() && words.iter().all(|w| REGIONS.contains(&w.as_str()))
}

const REGIONS: &[&str] = &[
    "abdomen", "back", "chest", "head", "neck", "shoulder", "arm", "hand", "finger", "leg", "knee",
    "foot", "toe", "hip", "eye", "flank", "groin", "throat", "jaw", "buttock", "wrist", "elbow",
    "ankle", "rib", "pelvis", "bladder",
];

/// Body regions named in a phrase, for telling "in my back" from "in my abdomen".
pub fn regions(text: &str) -> Vec<&'static str> {
    let c = content(text);
    REGIONS
        .iter()
        .copied()
        .filter(|r| c.iter().any(|w| w == r))
        .collect()
}
