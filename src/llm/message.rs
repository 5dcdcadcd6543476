//! What goes into a call and what comes back.

use serde::{Deserialize, Serialize};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Message {
    pub role: Role,
    pub content: String,
}

impl Message {
    pub fn system(content: impl Into<String>) -> Message {
        Message {
            role: Role::System,
            content: content.into(),
        }
    }

    pub fn user(content: impl Into<String>) -> Message {
        Message {
            role: Role::User,
            content: content.into(),
        }
    }

    pub fn assistant(content: impl Into<String>) -> Message {
        Message {
            role: Role::Assistant,
            content: content.into(),
        }
    }
}

/// One chat-completions request; the model comes from `Settings`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    pub messages: Vec<Message>,
    pub max_tokens: Option<u32>,
    pub temperature: Option<f32>,
    pub seed: Option<u64>,
    /// Ask for a JSON object (`response_format: {"type": "json_object"}`).
    pub json: bool,
    /// Ask for JSON that fits this JSON Schema (implies `json`): the server
    /// constrains the model to it, so even a small model answers parseable
    /// JSON. Servers spell the request differently; the client finds the
    /// spelling the server accepts (see `SchemaForm`).
    pub schema: Option<Schema>,
    pub stop: Vec<String>,
}

/// A finished reply.
#[derive(Debug, Clone, PartialEq)]
pub struct Completion {
    pub text: String,
    pub finish_reason: Option<String>,
    pub prompt_tokens: Option<u32>,
    pub completion_tokens: Option<u32>,
    /// HTTP attempts made, the successful one included.
    pub attempts: u32,
    /// The whole call, backoff included.
    pub elapsed: Duration,
    /// Summed over attempts: from sending a request to its last byte
    /// received, i.e. the time the server took.
    pub server_time: Duration,
}

/// A JSON Schema for a reply: a name (OpenAI asks for one) and the schema
/// itself as JSON text, so the order of its properties is kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Schema {
    pub name: String,
    pub json: String,
}

/// How a server is asked for a schema, in the order the client tries them:
/// OpenAI's `{"type": "json_schema", "json_schema": {...}}` (vLLM, Ollama,
/// llama.cpp's own server, hosted APIs), then `{"type": "json_object",
/// "schema": ...}` (llama-cpp-python's server), then a plain JSON object
/// with the schema left to the prompt.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SchemaForm {
    OpenAi,
    Inline,
    Plain,
}

impl SchemaForm {
    pub(crate) const ALL: [SchemaForm; 3] =
        [SchemaForm::OpenAi, SchemaForm::Inline, SchemaForm::Plain];

    /// The next form to try after a server refused this one.
    pub(crate) fn next(self) -> Option<SchemaForm> {
        let i = SchemaForm::ALL.iter().position(|f| *f == self)?;
        SchemaForm::ALL.get(i + 1).copied()
    }
}
