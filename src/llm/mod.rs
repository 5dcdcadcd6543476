//! OpenAI-compatible chat client (being written).
