//! `eval dialogue`: the paper's interaction protocol (its Table 4). A
//! scripted doctor asks every case, in every style, one round of questions
//! (single dialogue) and then a second round in a new conversation
//! (cross-dialogue), once with the episodic memory of the first round carried
//! over and once without. Every shown reply is checked again, afterwards,
//! against what the patient had said by then.

use super::ratio;
use crate::agent::{Agent, FlagKind, Responder, TurnReport, Voice};
use crate::case::Case;
use crate::llm::LlmError;
use crate::memory::Memory;
use crate::persona::{Persona, Style};
use crate::verify::{self, Label};
use rayon::prelude::*;
use serde::Serialize;

/// The default script: `assets/eval/doctor.yaml`.
pub const DOCTOR: &str = include_str!("../../assets/eval/doctor.yaml");

/// Seeds of the two rounds: two conversations, so the details a patient
/// makes up differ unless its memory holds them.
const FIRST: u64 = 11;
const SECOND: u64 = 23;

/// Shown replies and how many held no contradiction.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct Consistency {
    pub replies: usize,
    pub consistent: usize,
    /// consistent / replies.
    pub rate: f64,
    /// Sentences of the shown replies, and those no rule could vouch for
    /// (what a judge would be asked about in LLM mode).
    pub sentences: usize,
    pub unread: usize,
    /// unread / sentences.
    pub unread_share: f64,
}

impl Consistency {
    fn add(&mut self, other: &Consistency) {
        self.replies += other.replies;
        self.consistent += other.consistent;
        self.rate = ratio(self.consistent, self.replies);
        self.sentences += other.sentences;
        self.unread += other.unread;
        self.unread_share = ratio(self.unread, self.sentences);
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
pub struct StyleRow {
    pub style: String,
    pub cases: usize,
    pub single: Consistency,
    pub cross_with_memory: Consistency,
    pub cross_without_memory: Consistency,
    /// Facts added to episodic memory over all dialogues of this style.
    pub facts_added: usize,
    /// Candidates rejected and generated again.
    pub regenerations: usize,
    /// Turns that ended in the fact-only reply.
    pub fallbacks: usize,
    pub words_per_reply: f64,
    /// Share of replies carrying one of the style's emotional or approval markers.
    pub marker_rate: f64,
    /// Share of replies carrying a filler, opener or closer of the style.
    pub filler_rate: f64,
    /// Share of replies wandering onto one of the style's digressions.
    pub digression_rate: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    pub cases: usize,
    pub questions: usize,
    /// "offline", or "llm MODEL".
    pub backend: String,
    pub styles: Vec<StyleRow>,
    pub overall: StyleRow,
}

/// Each reply checked against `memory`: consistent when no claim contradicts it.
fn check(turns: &[TurnReport], memory: &Memory, lexicon: &crate::language::Lexicon) -> Consistency {
    let (mut consistent, mut sentences, mut unread) = (0, 0, 0);
    for t in turns {
        let checked = verify::check(&t.reply, Some(&t.question), lexicon, memory, None);
        sentences += checked.sentences;
        unread += checked.unread.len();
        if checked
            .verdicts
            .iter()
            .all(|v| v.label != Label::Contradict)
        {
            consistent += 1;
        } else if std::env::var_os("PZ_TRACE_DIALOGUE").is_some() {
            eprintln!(
                "INCONSISTENT {:?} -> {:?}: {:?}",
                t.question,
                t.reply,
                checked
                    .verdicts
                    .iter()
                    .filter(|v| v.label == Label::Contradict)
                    .collect::<Vec<_>>()
            );
        }
    }
    Consistency {
        replies: turns.len(),
        consistent,
        rate: ratio(consistent, turns.len()),
        sentences,
        unread,
        unread_share: ratio(unread, sentences),
    }
}

type Patient = Agent<Box<dyn Responder + Send>>;

/// A patient for one conversation: the voice with this conversation's seed,
/// and the model as judge when the voice is a model.
fn agent(case: &Case, style: Style, voice: &Voice, seed: u64) -> Result<Patient, LlmError> {
    let voice = voice.with_seed(seed);
    let mut a = Agent::new(case.clone(), voice.responder(style)?);
    a.judge = voice.judge()?;
    Ok(a)
}

/// The three protocols for one case in one style.
struct Run {
    single: Consistency,
    with_memory: Consistency,
    without_memory: Consistency,
    turns: Vec<TurnReport>,
}

fn run_case(
    case: &Case,
    style: Style,
    questions: &[String],
    voice: &Voice,
) -> Result<Run, LlmError> {
    let ask = |a: &mut Patient| -> Vec<TurnReport> { questions.iter().map(|q| a.ask(q)).collect() };
    let mut first = agent(case, style, voice, FIRST)?;
    let round1 = ask(&mut first);
    let single = check(&round1, &first.memory, &first.lexicon);

    // A new conversation that remembers what the first one added.
    let mut again = agent(case, style, voice, SECOND)?;
    again.memory = first.memory.clone();
    let round2 = ask(&mut again);
    let with_memory = check(&round2, &again.memory, &again.lexicon);

    // A new conversation from the record alone, held to what was said before.
    let mut fresh = agent(case, style, voice, SECOND)?;
    let round2_fresh = ask(&mut fresh);
    let without_memory = check(&round2_fresh, &first.memory, &first.lexicon);

    let mut turns = round1;
    turns.extend(round2);
    turns.extend(round2_fresh);
    Ok(Run {
        single,
        with_memory,
        without_memory,
        turns,
    })
}

fn contains_any(text: &str, phrases: &[String]) -> bool {
    phrases
        .iter()
        .any(|p| !p.is_empty() && text.contains(p.as_str()))
}

fn style_row(style: Style, runs: &[Run]) -> StyleRow {
    let r = &Persona::builtin(style).realise;
    let mut row = StyleRow {
        style: style.to_string(),
        cases: runs.len(),
        ..StyleRow::default()
    };
    let (mut replies, mut words, mut marked, mut filled, mut wandered) = (0, 0, 0, 0, 0);
    for run in runs {
        row.single.add(&run.single);
        row.cross_with_memory.add(&run.with_memory);
        row.cross_without_memory.add(&run.without_memory);
        for t in &run.turns {
            row.facts_added += t.added_facts.len();
            row.regenerations += t.attempts.saturating_sub(1) as usize;
            row.fallbacks += usize::from(t.flags.iter().any(|f| f.kind == FlagKind::Fallback));
            replies += 1;
            words += t.reply.split_whitespace().count();
            marked += usize::from(contains_any(&t.reply, &r.markers));
            let fillers = [&r.fillers[..], &r.openers[..], &r.closers[..]].concat();
            filled += usize::from(contains_any(&t.reply, &fillers));
            wandered += usize::from(contains_any(&t.reply, &r.digressions));
        }
    }
    row.words_per_reply = ratio(words, replies);
    row.marker_rate = ratio(marked, replies);
    row.filler_rate = ratio(filled, replies);
    row.digression_rate = ratio(wandered, replies);
    row
}

/// Runs the protocol over `cases` × `styles` with `voice` (the offline
/// engine, or a model, which then judges too).
pub fn run(
    cases: &[Case],
    questions: &[String],
    styles: &[Style],
    voice: &Voice,
) -> Result<Report, LlmError> {
    let styles: Vec<(Style, Vec<Run>)> = styles
        .par_iter()
        .map(|&style| {
            let runs = cases
                .par_iter()
                .map(|c| run_case(c, style, questions, voice))
                .collect::<Result<Vec<Run>, LlmError>>()?;
            Ok((style, runs))
        })
        .collect::<Result<_, LlmError>>()?;
    let rows: Vec<StyleRow> = styles.iter().map(|(s, runs)| style_row(*s, runs)).collect();
    let mut overall = StyleRow {
        style: "all".to_string(),
        cases: cases.len(),
        ..StyleRow::default()
    };
    let n = rows.len() as f64;
    for r in &rows {
        overall.single.add(&r.single);
        overall.cross_with_memory.add(&r.cross_with_memory);
        overall.cross_without_memory.add(&r.cross_without_memory);
        overall.facts_added += r.facts_added;
        overall.regenerations += r.regenerations;
        overall.fallbacks += r.fallbacks;
        overall.words_per_reply += r.words_per_reply / n;
        overall.marker_rate += r.marker_rate / n;
        overall.filler_rate += r.filler_rate / n;
        overall.digression_rate += r.digression_rate / n;
    }
    Ok(Report {
        cases: cases.len(),
        questions: questions.len(),
        backend: voice.label(),
        styles: rows,
        overall,
    })
}

pub fn table(r: &Report) -> String {
    let mut out = format!(
        "{} cases x {} styles, {} questions a round, {}; single = one round, cross = a second round \
         in a new conversation, with or without the first round's episodic memory\n\n",
        r.cases,
        r.styles.len(),
        r.questions,
        r.backend
    );
    out.push_str("style     single  cross+mem  cross-mem  unread  facts added  regenerated  fallbacks  words/reply  markers  fillers  digressions\n");
    let pct = |c: &Consistency| format!("{:.1}%", 100.0 * c.rate);
    for row in r.styles.iter().chain(std::iter::once(&r.overall)) {
        out.push_str(&format!(
            "{:<9} {:>6} {:>10} {:>10} {:>6.0}% {:>12} {:>12} {:>10} {:>12.1} {:>7.0}% {:>7.0}% {:>11.0}%\n",
            row.style,
            pct(&row.single),
            pct(&row.cross_with_memory),
            pct(&row.cross_without_memory),
            100.0 * row.single.unread_share,
            row.facts_added,
            row.regenerations,
            row.fallbacks,
            row.words_per_reply,
            100.0 * row.marker_rate,
            100.0 * row.filler_rate,
            100.0 * row.digression_rate,
        ));
    }
    out.push_str(
        "\nconsistency = shown replies without a contradiction, each checked again against the memory \
         at the end of its round (cross-mem: against the first round's memory); unread = share of the \
         single round's sentences no rule could vouch for (a model judge settles those in LLM mode)\n",
    );
    out
}
