//! The judge for what the rules cannot settle: sentences of a reply that no
//! rule reads a claim from, and claims about things memory has no fact for.
//! All of a candidate's go in one call; the answer is read as JSON, and an
//! answer that cannot be read settles nothing (never "entail").

use super::Label;
use crate::memory::Fact;

/// One judged item: its index in the items asked about, the label, and the fact that decided it.
#[derive(Debug, Clone, PartialEq)]
pub struct Settled {
    pub item: usize,
    pub label: Label,
    pub fact_id: Option<String>,
}

pub trait Judge {
    /// Judges each of `items` (sentences) against `facts`. An `Err` says why
    /// the answer could not be had or read.
    fn settle(&mut self, items: &[String], facts: &[&Fact]) -> Result<Vec<Settled>, String>;
    /// Model calls made so far.
    fn calls(&self) -> u64;
    /// The switch that stops a turn in flight: a call ends when it is set.
    fn set_cancel(&mut self, _cancel: std::sync::Arc<std::sync::atomic::AtomicBool>) {}
}

#[derive(serde::Deserialize)]
struct Answer {
    verdicts: Vec<Item>,
}

#[derive(serde::Deserialize)]
struct Item {
    item: usize,
    label: String,
    #[serde(default)]
    fact: Option<String>,
}

/// Reads a judge's answer: `{"verdicts": [{"item": 1, "label": "contradict", "fact": "F012"}]}`
/// (items counted from 1, as the prompt numbers them). Code fences and text
/// around the object are tolerated; an unknown label, an item out of range or
/// a fact id not among `facts` makes the whole answer unreadable. An entail
/// or contradict that names no fact leaves its item unsettled.
pub fn read_answer(text: &str, items: usize, facts: &[&Fact]) -> Result<Vec<Settled>, String> {
    let start = text.find('{').ok_or("no JSON object in the answer")?;
    let end = text.rfind('}').ok_or("no JSON object in the answer")?;
    if end < start {
        return Err("no JSON object in the answer".into());
    }
    let answer: Answer = serde_json::from_str(&text[start..=end])
        .map_err(|e| format!("not the expected JSON: {e}"))?;
    let mut out = Vec::new();
    for v in answer.verdicts {
        if v.item == 0 || v.item > items {
            return Err(format!(
                "item {} is not one of the {items} asked about",
                v.item
            ));
        }
        let label = match v.label.trim().to_lowercase().as_str() {
            "entail" | "entails" | "entailment" => Label::Entail,
            "neutral" => Label::Neutral,
            "contradict" | "contradicts" | "contradiction" => Label::Contradict,
            other => return Err(format!("unknown label `{other}`")),
        };
        let fact_id = match v.fact.filter(|f| !f.trim().is_empty()) {
            Some(f) if facts.iter().any(|x| x.id == f.trim()) => Some(f.trim().to_string()),
            Some(f) => return Err(format!("fact `{f}` is not one of the facts given")),
            None => None,
        };
        // A verdict that names no deciding fact settles nothing: the item stays unsettled.
        if label != Label::Neutral && fact_id.is_none() {
            continue;
        }
        out.push(Settled {
            item: v.item - 1,
            label,
            fact_id,
        });
    }
    Ok(out)
}

/// The JSON Schema of an answer about `items` items: one verdict per item,
/// in order, each with a label and one of the facts' ids (or null), so a
/// server that enforces it leaves the model no way to answer unreadably.
pub fn answer_schema(items: usize, facts: &[&Fact]) -> Result<crate::llm::Schema, String> {
    #[derive(serde::Serialize)]
    struct Object<P> {
        #[serde(rename = "type")]
        kind: &'static str,
        properties: P,
        required: &'static [&'static str],
        #[serde(rename = "additionalProperties")]
        additional: bool,
    }
    #[derive(serde::Serialize)]
    struct Top {
        verdicts: Array,
    }
    #[derive(serde::Serialize)]
    struct Array {
        #[serde(rename = "type")]
        kind: &'static str,
        #[serde(rename = "prefixItems")]
        prefix: Vec<Object<Verdict>>,
        items: bool,
        #[serde(rename = "minItems")]
        min: usize,
        #[serde(rename = "maxItems")]
        max: usize,
    }
    #[derive(serde::Serialize)]
    struct Verdict {
        item: Const,
        label: Enum<&'static str>,
        fact: Enum<Option<String>>,
    }
    #[derive(serde::Serialize)]
    struct Const {
        #[serde(rename = "const")]
        value: usize,
    }
    #[derive(serde::Serialize)]
    struct Enum<T> {
        #[serde(rename = "enum")]
        values: Vec<T>,
    }
    let fact_ids: Vec<Option<String>> = facts
        .iter()
        .map(|f| Some(f.id.clone()))
        .chain([None])
        .collect();
    let verdict = |i: usize| Object {
        kind: "object",
        properties: Verdict {
            item: Const { value: i + 1 },
            label: Enum {
                values: vec!["entail", "neutral", "contradict"],
            },
            fact: Enum {
                values: fact_ids.clone(),
            },
        },
        required: &["item", "label", "fact"],
        additional: false,
    };
    let schema = Object {
        kind: "object",
        properties: Top {
            verdicts: Array {
                kind: "array",
                prefix: (0..items).map(verdict).collect(),
                items: false,
                min: items,
                max: items,
            },
        },
        required: &["verdicts"],
        additional: false,
    };
    Ok(crate::llm::Schema {
        name: "verdicts".into(),
        json: serde_json::to_string(&schema).map_err(|e| e.to_string())?,
    })
}

/// The judge as a model behind an OpenAI-compatible server.
pub struct ModelJudge {
    client: crate::llm::Blocking,
    prompts: crate::prompts::Prompts,
    calls: u64,
    cancel: crate::llm::Cancel,
}

impl ModelJudge {
    pub fn new(client: crate::llm::Blocking, prompts: crate::prompts::Prompts) -> Self {
        ModelJudge {
            client,
            prompts,
            calls: 0,
            cancel: crate::llm::Cancel::new(),
        }
    }
}

impl Judge for ModelJudge {
    fn settle(&mut self, items: &[String], facts: &[&Fact]) -> Result<Vec<Settled>, String> {
        use crate::llm::{Message, Request};
        let fact_lines: Vec<String> = facts
            .iter()
            .map(|f| format!("{}: {}", f.id, f.text))
            .collect();
        let item_lines: Vec<String> = items
            .iter()
            .enumerate()
            .map(|(i, s)| format!("{}. {s}", i + 1))
            .collect();
        let prompt = self.prompts.fill(
            "judge",
            &[
                ("facts", &fact_lines.join("\n")),
                ("items", &item_lines.join("\n")),
            ],
        )?;
        let request = Request {
            messages: vec![Message::user(prompt)],
            max_tokens: Some((40 + 30 * items.len() as u32).min(400)),
            temperature: Some(0.0),
            json: true,
            schema: Some(answer_schema(items.len(), facts)?),
            ..Request::default()
        };
        self.calls += 1;
        let done = self
            .client
            .complete(&request, &self.cancel)
            .map_err(|e| format!("the judge did not answer: {e}"))?;
        read_answer(&done.text, items.len(), facts)
    }

    fn calls(&self) -> u64 {
        self.calls
    }

    fn set_cancel(&mut self, cancel: std::sync::Arc<std::sync::atomic::AtomicBool>) {
        self.cancel = crate::llm::Cancel::from_flag(cancel);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::memory::{Key, Origin, Topic, Value};

    fn fact(id: &str) -> Fact {
        Fact {
            id: id.into(),
            key: Key::of(Topic::Smoking),
            value: Value::text("never"),
            text: "She has never smoked.".into(),
            known: true,
            origin: Origin::Semantic,
            path: String::new(),
        }
    }

    #[test]
    fn the_schema_asks_one_verdict_per_item_in_order_naming_a_given_fact() {
        let (a, b) = (fact("F001"), fact("F052"));
        let schema = answer_schema(3, &[&a, &b]).unwrap();
        // The model writes the fields in the order the schema lists them.
        let order: Vec<usize> = ["\"item\"", "\"label\"", "\"fact\""]
            .iter()
            .map(|k| schema.json.find(k).unwrap())
            .collect();
        assert!(order.windows(2).all(|w| w[0] < w[1]), "{}", schema.json);
        let v: serde_json::Value = serde_json::from_str(&schema.json).unwrap();
        let verdicts = &v["properties"]["verdicts"];
        let slots = verdicts["prefixItems"].as_array().unwrap();
        assert_eq!(slots.len(), 3);
        assert_eq!(verdicts["items"], false);
        for (i, slot) in slots.iter().enumerate() {
            assert_eq!(slot["properties"]["item"]["const"], i + 1);
            assert_eq!(
                slot["properties"]["fact"]["enum"],
                serde_json::json!(["F001", "F052", null])
            );
            assert_eq!(
                slot["properties"]["label"]["enum"],
                serde_json::json!(["entail", "neutral", "contradict"])
            );
        }
        // An answer the schema allows is one `read_answer` reads.
        let answer = r#"{"verdicts": [{"item": 1, "label": "neutral", "fact": null},
            {"item": 2, "label": "entail", "fact": "F052"}, {"item": 3, "label": "contradict", "fact": null}]}"#;
        let read = read_answer(answer, 3, &[&a, &b]).unwrap();
        assert_eq!(read.len(), 2, "a contradict with no fact settles nothing");
        assert_eq!(read[1].fact_id.as_deref(), Some("F052"));
    }

    #[test]
    fn answers_are_read_strictly() {
        let f = fact("F052");
        let facts = [&f];
        let ok = read_answer(
            "```json\n{\"verdicts\": [{\"item\": 1, \"label\": \"contradict\", \"fact\": \"F052\"}, {\"item\": 2, \"label\": \"neutral\"}]}\n```",
            2,
            &facts,
        )
        .unwrap();
        assert_eq!(
            ok[0],
            Settled {
                item: 0,
                label: Label::Contradict,
                fact_id: Some("F052".into())
            }
        );
        assert_eq!(ok[1].label, Label::Neutral);
        for junk in [
            "Sure! The first one contradicts.",
            "{\"verdicts\": [{\"item\": 3, \"label\": \"neutral\"}]}",
            "{\"verdicts\": [{\"item\": 1, \"label\": \"maybe\"}]}",
            "{\"verdicts\": [{\"item\": 1, \"label\": \"entail\", \"fact\": \"F999\"}]}",
            "{\"verdicts\": 5}",
        ] {
            assert!(read_answer(junk, 2, &facts).is_err(), "{junk}");
        }
    }
}
