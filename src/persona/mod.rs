//! The six reply styles, loaded from `personas/*.yaml`.
//!
//! The styles come from PATIENT-Ψ (plain, upset, verbose, reserved, tangent,
//! pleasing). A style governs how the patient speaks, never what is true of
//! them: the realiser first builds sentences from the patient's facts, and a
//! style only chooses how many of them to say, which form of each, and what
//! decoration goes around them. Decorations are feelings, courtesies, fillers
//! and everyday small talk; [`Persona::problems`] refuses any that touch on
//! times, numbers, the body, symptoms, medicines, habits, family or work, so
//! that no decoration can ever contradict the record.

use crate::problem::Problem;
use crate::yaml::Document;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use std::sync::OnceLock;

/// A persona file is a screen of text; anything much bigger is a mistake.
pub const MAX_PERSONA_BYTES: u64 = 64 * 1024;

/// How the patient speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Straightforward, clear answers.
    Plain,
    /// Frustrated and emotional.
    Upset,
    /// Long, detailed answers.
    Verbose,
    /// Short, guarded answers; gives little unless asked.
    Reserved,
    /// Wanders off onto unrelated everyday things.
    Tangent,
    /// Eager to please; seeks the doctor's approval.
    Pleasing,
}

impl Style {
    pub const ALL: [Style; 6] = [
        Style::Plain,
        Style::Upset,
        Style::Verbose,
        Style::Reserved,
        Style::Tangent,
        Style::Pleasing,
    ];

    /// The lower-case name, as in file names and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Style::Plain => "plain",
            Style::Upset => "upset",
            Style::Verbose => "verbose",
            Style::Reserved => "reserved",
            Style::Tangent => "tangent",
            Style::Pleasing => "pleasing",
        }
    }

    /// The persona file of this style inside a personas directory.
    pub fn file_name(self) -> String {
        format!("{}.yaml", self.name())
    }

    fn names() -> String {
        Style::ALL.map(Style::name).join(", ")
    }
}

impl fmt::Display for Style {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A style name that is not one of the six.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown style `{given}`; choose one of: {}", Style::names())]
pub struct UnknownStyle {
    pub given: String,
}

impl FromStr for Style {
    type Err = UnknownStyle;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        Style::ALL
            .into_iter()
            .find(|style| style.name().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownStyle {
                given: s.to_string(),
            })
    }
}

/// One reply style: how it is described, how an LLM should play it, and how
/// the rule-based realiser decorates the sentences it builds from facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    pub style: Style,
    /// One line for the style picker.
    pub description: String,
    /// Instructions for an LLM playing a patient in this style.
    pub llm_instructions: String,
    pub realise: Realise,
}

/// The realiser's settings for a style. Every rate is a probability per reply
/// (fillers: per sentence); a list may be left out when its rate is 0.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Realise {
    /// The most facts stated in one reply.
    pub max_facts: u32,
    /// Said before the answer.
    #[serde(default)]
    pub openers: Vec<String>,
    #[serde(default)]
    pub opener_rate: f64,
    /// Said after the answer.
    #[serde(default)]
    pub closers: Vec<String>,
    #[serde(default)]
    pub closer_rate: f64,
    /// Put in front of a sentence ("Well,").
    #[serde(default)]
    pub fillers: Vec<String>,
    #[serde(default)]
    pub filler_rate: f64,
    /// The style's signature sentences; with rate 1 every reply carries one.
    #[serde(default)]
    pub markers: Vec<String>,
    #[serde(default)]
    pub marker_rate: f64,
    /// Whole sentences about unrelated everyday things.
    #[serde(default)]
    pub digressions: Vec<String>,
    #[serde(default)]
    pub digression_rate: f64,
    /// Add the optional detail sentences the realiser offers.
    #[serde(default)]
    pub elaborate: bool,
    /// Use the shortest form of each answer the realiser offers.
    #[serde(default)]
    pub terse: bool,
}

impl Realise {
    /// Each decoration list with its field name and the rate that draws from it.
    pub fn decorations(&self) -> [(&'static str, &[String], f64); 5] {
        [
            ("openers", &self.openers, self.opener_rate),
            ("closers", &self.closers, self.closer_rate),
            ("fillers", &self.fillers, self.filler_rate),
            ("markers", &self.markers, self.marker_rate),
            ("digressions", &self.digressions, self.digression_rate),
        ]
    }

    /// The name a rate field has in the file, for a list's field name.
    fn rate_field(list: &str) -> &'static str {
        match list {
            "openers" => "opener_rate",
            "closers" => "closer_rate",
            "fillers" => "filler_rate",
            "markers" => "marker_rate",
            _ => "digression_rate",
        }
    }
}

impl Persona {
    /// The built-in persona of `style`, from the files shipped in `personas/`
    /// (embedded at compile time). Panics only if a shipped file is invalid,
    /// which the unit tests rule out.
    pub fn builtin(style: Style) -> Persona {
        static BUILTINS: OnceLock<Vec<Persona>> = OnceLock::new();
        let all = BUILTINS.get_or_init(|| {
            Style::ALL
                .into_iter()
                .map(|s| {
                    let doc =
                        Document::from_text(format!("personas/{}", s.file_name()), builtin_text(s));
                    Persona::from_document(&doc, Some(s))
                        .unwrap_or_else(|p| panic!("built-in persona is invalid: {p}"))
                })
                .collect()
        });
        all[Style::ALL
            .iter()
            .position(|&s| s == style)
            .expect("every style is in Style::ALL")]
        .clone()
    }

    /// All six built-in personas, in the order of [`Style::ALL`].
    pub fn builtins() -> Vec<Persona> {
        Style::ALL.into_iter().map(Persona::builtin).collect()
    }

    /// Loads `<dir>/<style>.yaml`; a problem is located at its line and column.
    pub fn load(dir: &Path, style: Style) -> Result<Persona, Problem> {
        let path = dir.join(style.file_name());
        let doc = Document::read(&path, MAX_PERSONA_BYTES, "persona")?;
        Persona::from_document(&doc, Some(style))
    }

    /// Parses and checks a persona document. With `expected`, the file's
    /// `style:` must name that style.
    pub fn from_document(doc: &Document, expected: Option<Style>) -> Result<Persona, Problem> {
        let persona: Persona = doc.parse()?;
        if let Some(expected) = expected
            && persona.style != expected
        {
            return Err(doc.problem_at(
                "style",
                format!(
                    "the file says `{}` but is the persona file for `{expected}` \
                     (the file name decides the style); write `style: {expected}` \
                     or rename the file",
                    persona.style
                ),
            ));
        }
        persona.validate(doc)
    }

    /// Checks the persona against the document it was read from, returning it
    /// when sound and otherwise the first problem.
    pub fn validate(self, doc: &Document) -> Result<Persona, Problem> {
        match self.problems(doc).into_iter().next() {
            Some(p) => Err(p),
            None => Ok(self),
        }
    }

    /// Everything wrong with the persona, each located at its field in `doc`.
    pub fn problems(&self, doc: &Document) -> Vec<Problem> {
        let mut out = Vec::new();
        let mut at = |field: &str, message: String| out.push(doc.problem_at(field, message));

        if self.description.trim().is_empty() {
            at(
                "description",
                "is empty; give one line for the style picker".into(),
            );
        } else if self.description.trim().contains('\n') {
            at("description", "must be a single line".into());
        }
        if self.llm_instructions.trim().is_empty() {
            at(
                "llm_instructions",
                "is empty; say how an LLM should play this patient".into(),
            );
        }

        let r = &self.realise;
        if r.max_facts < 1 {
            at(
                "realise.max_facts",
                "must be at least 1: every reply states at least one fact".into(),
            );
        }
        for (list, entries, rate) in r.decorations() {
            let rate_field = Realise::rate_field(list);
            let rate_path = format!("realise.{rate_field}");
            if !(0.0..=1.0).contains(&rate) {
                at(
                    &rate_path,
                    format!("{rate} is not a probability; use a number from 0 to 1"),
                );
            } else if rate > 0.0 && entries.is_empty() {
                let why = if rate >= 1.0 {
                    format!("is 1, so every reply must carry one of the {list}, but there are none")
                } else {
                    format!("is {rate}, but there are no {list} to choose from")
                };
                at(
                    &rate_path,
                    format!("{why}; add `{list}:` or set the rate to 0"),
                );
            }
            for (i, entry) in entries.iter().enumerate() {
                let field = format!("realise.{list}[{i}]");
                let text = entry.trim();
                if text.is_empty() {
                    at(&field, "is blank".into());
                    continue;
                }
                if text.contains('\n') {
                    at(&field, "must be on one line".into());
                }
                let ends_well = if list == "fillers" {
                    text.ends_with(',')
                } else {
                    text.ends_with(['.', '?', '!'])
                };
                if !ends_well {
                    let wanted = if list == "fillers" {
                        "end with a comma, since a sentence follows it (\"Well,\")"
                    } else {
                        "be a whole sentence ending in `.`, `?` or `!`, since it stands between sentences"
                    };
                    at(&field, format!("\"{text}\" should {wanted}"));
                }
                if entries[..i].iter().any(|e| e.trim() == text) {
                    at(&field, format!("\"{text}\" is listed twice"));
                }
                if let Some(why) = factual_content(text) {
                    at(
                        &field,
                        format!(
                            "\"{text}\" {why}; decorations carry feelings, courtesies and \
                             small talk only (no times, numbers, body, symptoms, medicines, \
                             habits, family or work), so they can never contradict the record"
                        ),
                    );
                }
            }
        }
        if r.elaborate && r.terse {
            at(
                "realise.terse",
                "a style cannot be both terse and elaborate; set one of them to false".into(),
            );
        }
        out
    }
}

/// The text of the shipped persona file for `style`.
fn builtin_text(style: Style) -> &'static str {
    match style {
        Style::Plain => include_str!("../../personas/plain.yaml"),
        Style::Upset => include_str!("../../personas/upset.yaml"),
        Style::Verbose => include_str!("../../personas/verbose.yaml"),
        Style::Reserved => include_str!("../../personas/reserved.yaml"),
        Style::Tangent => include_str!("../../personas/tangent.yaml"),
        Style::Pleasing => include_str!("../../personas/pleasing.yaml"),
    }
}

/// Words a decoration must not use, because each could state, imply or
/// contradict something in the record: times and frequencies, quantities,
/// the body and its complaints, care and medicines, habits, family, work,
/// and bare yes/no (which could be read as the answer to the question).
const FACT_WORDS: &[(&str, &str)] = &[
    (
        "times and frequencies",
        "morning evening afternoon night tonight overnight midnight noon today \
         yesterday tomorrow day daily week weekly weekend fortnight month \
         monthly year yearly hour minute second ago since lately recently \
         winter spring summer autumn always never often usually sometimes every \
         monday tuesday wednesday thursday friday saturday sunday o'clock clock \
         christmas birthday",
    ),
    (
        "quantities",
        "two three four five six seven eight nine ten eleven twelve twenty \
         thirty hundred thousand dozen once twice half couple",
    ),
    (
        "the body and its complaints",
        "body head chest heart stomach tummy belly throat neck leg arm knee hip \
         foot feet skin eye ear lung bowel bladder blood bone joint pain \
         painful ache aching hurt hurting sore sick ill illness unwell fever \
         cough coughing tired tiredness exhausted fatigue dizzy nausea vomit \
         vomiting breath breathing breathless sleep sleeping slept asleep \
         weight appetite itch swollen swelling bleeding symptom headache worse \
         better anxious anxiety depressed depression panic pregnant pregnancy \
         allergy allergic",
    ),
    (
        "care and medicines",
        "medicine medication tablet pill drug dose prescription inhaler \
         injection jab vaccine antibiotic paracetamol ibuprofen aspirin surgery \
         operation hospital test scan result",
    ),
    (
        "habits",
        "alcohol drink drinking drunk beer wine pint whisky smoke smoking \
         smoker cigarette vape vaping coffee caffeine tea diet exercise gym",
    ),
    (
        "family",
        "family wife husband partner son daughter child children kid baby \
         mother father mum mom dad brother sister grandson granddaughter \
         grandchild grandchildren grandma grandmother grandad grandfather nan \
         aunt uncle cousin niece nephew",
    ),
    (
        "work",
        "work working job shift boss office colleague retired retirement career",
    ),
    ("answers", "yes yeah yep no nope"),
];

/// Why a decoration could carry a medical fact, if it could.
fn factual_content(text: &str) -> Option<String> {
    if text.chars().any(|c| c.is_ascii_digit()) {
        return Some("contains a number".into());
    }
    let lower = text.to_lowercase();
    lower
        .split(|c: char| !(c.is_alphabetic() || c == '\''))
        .map(|w| w.trim_matches('\''))
        .map(|w| w.strip_suffix("'s").unwrap_or(w))
        .find_map(|w| {
            let stem = w.strip_suffix('s');
            FACT_WORDS
                .iter()
                .find(|(_, words)| words.split_whitespace().any(|f| f == w || stem == Some(f)))
                .map(|(group, _)| format!("mentions `{w}` ({group})"))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shipped(style: Style) -> Document {
        Document::from_text(
            format!("personas/{}", style.file_name()),
            builtin_text(style),
        )
    }

    #[test]
    fn all_six_builtins_load_and_validate() {
        for style in Style::ALL {
            let p = Persona::builtin(style);
            assert_eq!(p.style, style);
            assert!(p.problems(&shipped(style)).is_empty());
            let sentences = p
                .llm_instructions
                .split_inclusive(['.', '!', '?'])
                .filter(|s| !s.trim().is_empty())
                .count();
            assert!(
                (3..=6).contains(&sentences),
                "{style}: {sentences} sentences"
            );
            assert!(
                p.llm_instructions.trim_start().starts_with("You are"),
                "{style}"
            );
            for (list, entries, _) in p.realise.decorations() {
                assert!(
                    entries.is_empty() || entries.len() >= 8,
                    "{style}: only {} {list}",
                    entries.len()
                );
            }
        }
        assert_eq!(Persona::builtins().len(), 6);
    }

    #[test]
    fn builtins_load_from_the_personas_directory() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("personas");
        for style in Style::ALL {
            let p = Persona::load(&dir, style).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(p, Persona::builtin(style));
        }
    }

    #[test]
    fn builtins_keep_their_characters() {
        let plain = Persona::builtin(Style::Plain).realise;
        assert!(plain.markers.is_empty() && plain.marker_rate == 0.0);
        assert!(plain.digressions.is_empty() && plain.digression_rate == 0.0);
        assert!(plain.filler_rate <= 0.1);
        assert!(!plain.elaborate && !plain.terse);

        let reserved = Persona::builtin(Style::Reserved).realise;
        assert!(reserved.terse && reserved.max_facts == 1);
        assert!(reserved.max_facts < plain.max_facts);
        assert!(
            reserved.opener_rate + reserved.closer_rate <= plain.opener_rate + plain.closer_rate
        );

        let verbose = Persona::builtin(Style::Verbose).realise;
        assert!(verbose.elaborate && verbose.max_facts > plain.max_facts);
        assert!(verbose.opener_rate > plain.opener_rate);

        for style in [Style::Upset, Style::Pleasing] {
            let r = Persona::builtin(style).realise;
            assert!(r.marker_rate == 1.0 && r.markers.len() >= 8, "{style}");
        }
        let tangent = Persona::builtin(Style::Tangent).realise;
        assert!(tangent.digression_rate >= 0.6 && tangent.digressions.len() >= 8);
        for style in Style::ALL {
            if style != Style::Tangent {
                assert!(
                    Persona::builtin(style).realise.digressions.is_empty(),
                    "{style}"
                );
            }
        }
    }

    #[test]
    fn style_names_parse_case_insensitively() {
        for style in Style::ALL {
            assert_eq!(style.name().parse::<Style>(), Ok(style));
            assert_eq!(style.name().to_uppercase().parse::<Style>(), Ok(style));
            assert_eq!(style.to_string(), style.name());
        }
        assert_eq!(" Tangent ".parse::<Style>(), Ok(Style::Tangent));
        let err = "grumpy".parse::<Style>().unwrap_err().to_string();
        assert_eq!(
            err,
            "unknown style `grumpy`; choose one of: plain, upset, verbose, reserved, tangent, pleasing"
        );
        assert!("".parse::<Style>().is_err());
    }

    const MINIMAL: &str = "\
style: plain
description: Straight answers.
llm_instructions: You are a patient.
realise:
  max_facts: 2
";

    #[test]
    fn a_minimal_file_loads_with_defaults() {
        let doc = Document::from_text("plain.yaml", MINIMAL);
        let p = Persona::from_document(&doc, Some(Style::Plain)).unwrap();
        assert_eq!(p.realise.max_facts, 2);
        assert!(p.realise.openers.is_empty() && p.realise.opener_rate == 0.0);
    }

    #[test]
    fn unknown_field_is_a_located_error() {
        let text = MINIMAL.replace("  max_facts: 2\n", "  max_facts: 2\n  opener_rat: 0.5\n");
        let doc = Document::from_text("plain.yaml", text);
        let p = Persona::from_document(&doc, None).unwrap_err();
        assert_eq!(p.line, 6, "{p}");
        assert!(p.message.contains("unknown field `opener_rat`"), "{p}");
        assert!(p.to_string().starts_with("plain.yaml:6:"), "{p}");
    }

    #[test]
    fn style_must_match_the_file_name() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("upset.yaml"), MINIMAL).unwrap();
        let p = Persona::load(dir.path(), Style::Upset).unwrap_err();
        assert_eq!((p.line, p.column), (1, 8), "{p}");
        assert!(p.message.starts_with("style: "), "{p}");
        assert!(
            p.message.contains("`plain`") && p.message.contains("`upset`"),
            "{p}"
        );
        // The same file under its own name is fine.
        std::fs::write(dir.path().join("plain.yaml"), MINIMAL).unwrap();
        assert!(Persona::load(dir.path(), Style::Plain).is_ok());
    }

    #[test]
    fn missing_file_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let p = Persona::load(dir.path(), Style::Verbose).unwrap_err();
        assert!(p.path.ends_with("verbose.yaml"));
        assert!(p.message.contains("no such file"), "{p}");
    }

    fn problems_of(realise: &str) -> Vec<Problem> {
        let text = format!("{MINIMAL}{realise}");
        let doc = Document::from_text("plain.yaml", text);
        let p: Persona = doc.parse().unwrap();
        p.problems(&doc)
    }

    #[test]
    fn rates_must_be_probabilities() {
        let ps = problems_of("  fillers: [\"Well,\"]\n  filler_rate: 1.5\n");
        assert_eq!(ps.len(), 1);
        assert_eq!((ps[0].line, ps[0].column), (7, 16));
        assert!(ps[0].message.starts_with("realise.filler_rate: 1.5 is not"));
        let ps = problems_of("  fillers: [\"Well,\"]\n  filler_rate: .nan\n");
        assert!(ps[0].message.contains("not a probability"));
    }

    #[test]
    fn marker_rate_one_needs_markers() {
        let ps = problems_of("  marker_rate: 1.0\n");
        assert_eq!(ps.len(), 1);
        assert_eq!(ps[0].line, 6);
        assert!(
            ps[0].message.starts_with("realise.marker_rate: is 1"),
            "{}",
            ps[0]
        );
        let ps = problems_of("  opener_rate: 0.3\n  openers: []\n");
        assert!(ps[0].message.contains("no openers"), "{}", ps[0]);
    }

    #[test]
    fn max_facts_must_be_positive() {
        let text = MINIMAL.replace("max_facts: 2", "max_facts: 0");
        let doc = Document::from_text("plain.yaml", text);
        let p = Persona::from_document(&doc, None).unwrap_err();
        assert_eq!((p.line, p.column), (5, 14));
        assert!(p.message.starts_with("realise.max_facts"));
    }

    #[test]
    fn decorations_may_not_state_facts() {
        let ps = problems_of(
            "  closers:\n    - \"Lovely weather.\"\n    - \"My neighbour's dog barked all night.\"\n    - \"I took 2 of them.\"\n    - \"Sorry to be a pain.\"\n  closer_rate: 0.2\n",
        );
        assert_eq!(ps.len(), 3, "{ps:?}");
        assert_eq!(ps[0].line, 8);
        assert!(ps[0].message.contains("mentions `night`"), "{}", ps[0]);
        assert!(ps[1].message.contains("contains a number"));
        assert!(ps[2].message.contains("mentions `pain`"));
        assert!(factual_content("My tablets are on the side.").is_some());
        assert!(factual_content("The car park is a maze.").is_none());
    }

    #[test]
    fn blank_and_repeated_entries_and_contradictory_flags() {
        let ps = problems_of(
            "  fillers: [\"Well,\", \" \", \"Well,\"]\n  filler_rate: 0.1\n  elaborate: true\n  terse: true\n",
        );
        let messages: Vec<_> = ps.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(messages.len(), 3, "{messages:?}");
        assert!(messages[0].starts_with("realise.fillers[1]: is blank"));
        assert!(messages[1].contains("listed twice"));
        assert!(messages[2].starts_with("realise.terse"));
        let ps = problems_of("  fillers: [\"Well\"]\n  openers: [\"Look,\"]\n");
        assert_eq!(ps.len(), 2, "{ps:?}");
        assert!(
            ps[0].message.contains("should be a whole sentence"),
            "{}",
            ps[0]
        );
        assert!(
            ps[1].message.contains("should end with a comma"),
            "{}",
            ps[1]
        );
    }
}
