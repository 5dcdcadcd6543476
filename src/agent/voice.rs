//! Who gives the patient its voice: the offline engine, or a model server
//! (which then judges too). One description serves the terminal app, the
//! headless interview and the tests.

use super::{LlmResponder, Offline, Responder};
use crate::llm::{Blocking, LlmError, Settings};
use crate::persona::{Persona, Style};
use crate::prompts::Prompts;
use crate::verify::{Judge, ModelJudge};

#[derive(Debug, Clone)]
pub enum Voice {
    Offline {
        seed: u64,
        chaos: f64,
    },
    Llm {
        settings: Settings,
        prompts: Prompts,
        seed: u64,
    },
}

impl Voice {
    pub fn responder(&self, style: Style) -> Result<Box<dyn Responder + Send>, LlmError> {
        Ok(match self {
            Voice::Offline { seed, chaos } => Box::new(Offline {
                persona: Persona::builtin(style),
                seed: *seed,
                chaos: *chaos,
            }),
            Voice::Llm {
                settings,
                prompts,
                seed,
            } => Box::new(LlmResponder::new(
                Blocking::new(settings.clone())?,
                prompts.clone(),
                style,
                *seed,
            )),
        })
    }

    /// The judge for what the rules cannot settle: the model, in LLM mode.
    pub fn judge(&self) -> Result<Option<Box<dyn Judge + Send>>, LlmError> {
        Ok(match self {
            Voice::Offline { .. } => None,
            Voice::Llm {
                settings, prompts, ..
            } => Some(Box::new(ModelJudge::new(
                Blocking::new(settings.clone())?,
                prompts.clone(),
            ))),
        })
    }

    /// The same voice with another seed: another conversation.
    pub fn with_seed(&self, seed: u64) -> Voice {
        let mut v = self.clone();
        match &mut v {
            Voice::Offline { seed: s, .. } | Voice::Llm { seed: s, .. } => *s = seed,
        }
        v
    }

    /// As the status bar and the session log name it.
    pub fn label(&self) -> String {
        match self {
            Voice::Offline { .. } => "offline".into(),
            Voice::Llm { settings, .. } => format!("llm {}", settings.model),
        }
    }
}
