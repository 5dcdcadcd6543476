//! OpenAI-compatible chat-completions client (`/v1/chat/completions`):
//! plain and streamed (SSE) replies, timeouts per phase, retries with
//! jittered backoff, cancellation, and an API key that never leaves the
//! `Authorization` header.
//!
//! [`Client`] is async; [`Blocking`] wraps it for callers on plain threads.
//! Nothing here keeps chat history: every call carries all it needs.

mod attempt;
mod blocking;
mod cancel;
mod client;
mod error;
mod message;
mod retry;
mod settings;
mod sse;
mod wire;

pub use blocking::Blocking;
pub use cancel::Cancel;
pub use client::Client;
pub use error::{LlmError, Phase};
pub use message::{Completion, Message, Request, Role, Schema, SchemaForm};
pub use settings::Settings;
