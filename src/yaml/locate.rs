//! Finds where a field sits in a YAML text, so that a rule broken by a parsed
//! value can be reported at the line and column a person wrote it.
//!
//! serde_yaml gives positions only for its own errors; the rules that run on
//! the parsed record need this map from field paths (`examination.labs[2].unit`)
//! to positions, built from the marked event stream of yaml-rust2.

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// Positions (1-based line and column) of every node in a YAML document, by field path.
#[derive(Debug, Default)]
pub struct Locator {
    positions: HashMap<String, (usize, usize)>,
}

enum Frame {
    Map {
        path: String,
        key: Option<String>,
        keys: usize,
    },
    Seq {
        path: String,
        index: usize,
    },
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    positions: HashMap<String, (usize, usize)>,
    root_seen: bool,
}

fn join_key(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

impl Builder {
    /// The path of the node that starts now, or None when the node is a mapping key.
    fn next_value_path(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => {
                if self.root_seen {
                    return None;
                }
                self.root_seen = true;
                Some(String::new())
            }
            Some(Frame::Seq { path, index }) => {
                let p = format!("{path}[{index}]");
                *index += 1;
                Some(p)
            }
            Some(Frame::Map { path, key, .. }) => key.take().map(|k| join_key(path, &k)),
        }
    }

    /// Records where the node at `path` starts, as a 1-based line and column
    /// (yaml-rust2 counts columns from 0).
    fn mark(&mut self, path: &str, mark: Marker) {
        self.positions
            .entry(path.to_string())
            .or_insert((mark.line(), mark.col() + 1));
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => match self.next_value_path() {
                Some(path) => self.mark(&path, mark),
                None => {
                    if let Some(Frame::Map { path, key, keys }) = self.stack.last_mut() {
                        let key_path = join_key(path, &value);
                        *key = Some(value);
                        let pos = (mark.line(), mark.col() + 1);
                        // A block mapping is marked where the parser found it, past its
                        // first key; the first key is where a reader sees it begin.
                        if *keys == 0 {
                            let path = path.clone();
                            self.positions.insert(path, pos);
                        }
                        if let Some(Frame::Map { keys, .. }) = self.stack.last_mut() {
                            *keys += 1;
                        }
                        // A key's own position stands in for its value until the value is seen;
                        // a key written twice is remembered where it is repeated.
                        if let Entry::Vacant(first) =
                            self.positions.entry(format!("{key_path}#key"))
                        {
                            first.insert(pos);
                        } else {
                            self.positions
                                .entry(format!("{key_path}#again"))
                                .or_insert(pos);
                        }
                    }
                }
            },
            Event::Alias(_) => {
                if let Some(path) = self.next_value_path() {
                    self.mark(&path, mark);
                }
            }
            Event::MappingStart(..) => {
                // A mapping used as a key gets no path; its contents are still walked.
                let path = self.next_value_path().unwrap_or_else(|| "?".to_string());
                self.mark(&path, mark);
                self.stack.push(Frame::Map {
                    path,
                    key: None,
                    keys: 0,
                });
            }
            Event::SequenceStart(..) => {
                let path = self.next_value_path().unwrap_or_else(|| "?".to_string());
                self.mark(&path, mark);
                self.stack.push(Frame::Seq { path, index: 0 });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

impl Locator {
    /// Builds the map; a text that does not parse gives the positions seen before the error.
    pub fn new(text: &str) -> Self {
        let mut builder = Builder::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut builder, false);
        Locator {
            positions: builder.positions,
        }
    }

    /// Where the key at `path` is written a second time, if it is.
    pub fn repeated(&self, path: &str) -> Option<(usize, usize)> {
        self.positions.get(&format!("{path}#again")).copied()
    }

    /// The position of the field at `path`, or of its key, or of the nearest
    /// enclosing field that exists (a missing field is reported at its parent).
    pub fn find(&self, path: &str) -> (usize, usize) {
        let mut p = path.to_string();
        loop {
            if let Some(&pos) = self.positions.get(&p) {
                return pos;
            }
            if let Some(&pos) = self.positions.get(&format!("{p}#key")) {
                return pos;
            }
            match p.rfind(['.', '[']) {
                Some(cut) => p.truncate(cut),
                None if !p.is_empty() => p.clear(),
                None => return (1, 1),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
schema: 1
patient:
  name: Ana
  age: 47
examination:
  labs:
    - name: lipase
      value: 900
    - name: amylase
      unit: U/L
";

    #[test]
    fn finds_nested_fields_and_list_items() {
        let loc = Locator::new(TEXT);
        assert_eq!(loc.find("patient.age"), (4, 8));
        assert_eq!(loc.find("examination.labs[1].unit"), (10, 13));
        assert_eq!(loc.find("examination.labs[0]"), (7, 7));
    }

    #[test]
    fn missing_field_falls_back_to_its_parent() {
        let loc = Locator::new(TEXT);
        assert_eq!(loc.find("examination.labs[1].value"), (9, 7));
        assert_eq!(loc.find("nowhere.at.all"), (1, 1));
    }

    #[test]
    fn broken_text_still_locates_what_came_before() {
        let loc = Locator::new("patient:\n  name: Ana\n  age: [1, 2\n");
        assert_eq!(loc.find("patient.name"), (2, 9));
    }
}

#[cfg(test)]
mod repeated_tests {
    use super::Locator;

    #[test]
    fn a_key_written_twice_is_found_where_it_repeats() {
        let l = Locator::new("patient:\n  name: A\n  age: 4\n  age: 5\n");
        assert_eq!(l.repeated("patient.age"), Some((4, 3)));
        assert_eq!(l.repeated("patient.name"), None);
    }
}
