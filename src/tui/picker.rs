//! The case picker: every case in a directory, filtered by typing; a case
//! that fails validation is listed with its error and cannot be opened.

use super::app::{Command, Key, Msg};
use crate::case;
use crate::knowledge::KnowledgeBase;
use std::path::{Path, PathBuf};

pub struct Entry {
    pub path: PathBuf,
    pub id: String,
    /// Name, age, sex, department, chief complaint; or the problems, one a line.
    pub summary: Result<Summary, String>,
}

pub struct Summary {
    pub name: String,
    pub age: u32,
    pub sex: String,
    pub department: String,
    pub disease: String,
    pub complaint: String,
}

pub struct Picker {
    pub entries: Vec<Entry>,
    pub filter: String,
    pub selected: usize,
}

impl Picker {
    pub fn load(dir: &Path, kb: Option<&KnowledgeBase>) -> Picker {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map(|rd| {
                rd.filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                    .collect()
            })
            .unwrap_or_default();
        paths.sort();
        let entries = paths
            .into_iter()
            .map(|path| {
                let id = path
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let summary = match case::load(&path, kb) {
                    Ok(c) => Ok(Summary {
                        name: c.patient.name.clone(),
                        age: c.patient.age,
                        sex: c.patient.sex.to_string(),
                        department: c.disease.department.slug().replace('_', " "),
                        disease: c.disease.name.clone(),
                        complaint: c.chief_complaint.clone(),
                    }),
                    Err(problems) => Err(problems
                        .0
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")),
                };
                Entry { path, id, summary }
            })
            .collect();
        Picker {
            entries,
            filter: String::new(),
            selected: 0,
        }
    }

    /// The entries the filter keeps, matched against what the list shows:
    /// name, department and complaint, and for an instructor the id and
    /// disease too (a trainee's filter must not find the diagnosis).
    pub fn visible(&self, instructor: bool) -> Vec<&Entry> {
        let f = self.filter.to_lowercase();
        self.entries
            .iter()
            .filter(|e| {
                let text = match (&e.summary, instructor) {
                    (Ok(s), true) => format!(
                        "{} {} {} {} {}",
                        e.id, s.name, s.department, s.complaint, s.disease
                    ),
                    (Ok(s), false) => format!("{} {} {}", s.name, s.department, s.complaint),
                    (Err(_), _) => e.id.clone(),
                };
                f.split_whitespace()
                    .all(|w| text.to_lowercase().contains(w))
            })
            .collect()
    }

    pub fn update(&mut self, msg: Msg, instructor: bool) -> Vec<Command> {
        let key = match msg {
            Msg::Key(key) => key,
            Msg::Paste(text) => {
                self.filter.extend(text.chars().filter(|c| !c.is_control()));
                self.selected = 0;
                return vec![];
            }
            _ => return vec![],
        };
        let count = self.visible(instructor).len();
        match key {
            Key::Up => self.selected = self.selected.saturating_sub(1),
            Key::Down => self.selected = (self.selected + 1).min(count.saturating_sub(1)),
            Key::Char(c) => {
                self.filter.push(c);
                self.selected = 0;
            }
            Key::Backspace => {
                self.filter.pop();
                self.selected = 0;
            }
            Key::Esc if !self.filter.is_empty() => self.filter.clear(),
            Key::Esc => return vec![Command::Quit],
            Key::Enter => {
                if let Some(e) = self.visible(instructor).get(self.selected) {
                    return match &e.summary {
                        Ok(_) => vec![Command::Open(e.path.clone())],
                        Err(problems) => vec![Command::Show(super::app::Popup {
                            title: " Problem ".into(),
                            text: format!("{} cannot be opened:\n{problems}", e.id),
                            problem: true,
                        })],
                    };
                }
            }
            _ => {}
        }
        vec![]
    }
}
