//! The chat-completions JSON, both ways.

use super::error::{LlmError, Redactor, truncate};
use super::message::{Message, Request, SchemaForm};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

#[derive(Serialize)]
struct Body<'a> {
    model: &'a str,
    messages: &'a [Message],
    stream: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    max_tokens: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    temperature: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    seed: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    response_format: Option<ResponseFormat<'a>>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    stop: &'a [String],
}

#[derive(Serialize)]
struct ResponseFormat<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    json_schema: Option<NamedSchema<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    schema: Option<&'a RawValue>,
}

#[derive(Serialize)]
struct NamedSchema<'a> {
    name: &'a str,
    schema: &'a RawValue,
}

/// The request's JSON; a schema, if any, is asked for in `form`.
pub(crate) fn request_body(
    model: &str,
    req: &Request,
    stream: bool,
    form: SchemaForm,
) -> Result<Vec<u8>, LlmError> {
    let encode = |err: serde_json::Error| LlmError::BadJson {
        detail: format!("cannot encode the request: {err}"),
    };
    let schema: Option<(&str, Box<RawValue>)> = req
        .schema
        .as_ref()
        .map(|s| RawValue::from_string(s.json.clone()).map(|raw| (s.name.as_str(), raw)))
        .transpose()
        .map_err(encode)?;
    let response_format = match (&schema, form) {
        (Some((name, raw)), SchemaForm::OpenAi) => Some(ResponseFormat {
            kind: "json_schema",
            json_schema: Some(NamedSchema { name, schema: raw }),
            schema: None,
        }),
        (Some((_, raw)), SchemaForm::Inline) => Some(ResponseFormat {
            kind: "json_object",
            json_schema: None,
            schema: Some(raw),
        }),
        (Some(_), SchemaForm::Plain) | (None, _) => req.json.then_some(ResponseFormat {
            kind: "json_object",
            json_schema: None,
            schema: None,
        }),
    };
    let body = Body {
        model,
        messages: &req.messages,
        stream,
        max_tokens: req.max_tokens,
        temperature: req.temperature,
        seed: req.seed,
        response_format,
        stop: &req.stop,
    };
    serde_json::to_vec(&body).map_err(encode)
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Deserialize)]
pub(crate) struct Usage {
    pub(crate) prompt_tokens: Option<u32>,
    pub(crate) completion_tokens: Option<u32>,
}

/// A whole (non-streamed) reply, or one streamed chunk: the same shape with
/// `message` or `delta`.
#[derive(Deserialize)]
struct Reply {
    choices: Option<Vec<Choice>>,
    usage: Option<Usage>,
    /// Some servers answer 200 with `{"error": ...}` (llama.cpp mid-stream).
    error: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct Choice {
    message: Option<Content>,
    delta: Option<Content>,
    /// The legacy completions field, still sent by a few servers.
    text: Option<String>,
    finish_reason: Option<String>,
}

#[derive(Deserialize)]
struct Content {
    content: Option<String>,
}

/// What one reply or chunk says.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Part {
    /// `None` when the reply had an empty `choices` list.
    pub(crate) text: Option<String>,
    pub(crate) finish_reason: Option<String>,
    pub(crate) usage: Option<Usage>,
}

/// Parses a whole reply body (`stream: false`).
pub(crate) fn parse_reply(body: &[u8], redactor: &Redactor) -> Result<Part, LlmError> {
    let part = parse(body, redactor, |choice| choice.message.or(choice.delta))?;
    if part.text.is_none() {
        return Err(LlmError::EmptyChoices);
    }
    Ok(part)
}

/// Parses the data of one SSE event. A chunk with no choices (a usage-only
/// final chunk) is fine.
pub(crate) fn parse_chunk(data: &str, redactor: &Redactor) -> Result<Part, LlmError> {
    parse(data.as_bytes(), redactor, |choice| {
        choice.delta.or(choice.message)
    })
}

fn parse(
    body: &[u8],
    redactor: &Redactor,
    content: fn(Choice) -> Option<Content>,
) -> Result<Part, LlmError> {
    let reply: Reply = serde_json::from_slice(body).map_err(|err| LlmError::BadJson {
        detail: format!("{err} in {:?}", excerpt(body, redactor)),
    })?;
    let Some(choices) = reply.choices else {
        return Err(match reply.error {
            Some(error) => error_in_body(&error, redactor),
            None => LlmError::BadJson {
                detail: format!("no `choices` in {:?}", excerpt(body, redactor)),
            },
        });
    };
    let Some(choice) = choices.into_iter().next() else {
        return Ok(Part {
            usage: reply.usage,
            ..Part::default()
        });
    };
    let finish_reason = choice.finish_reason.clone();
    let legacy = choice.text.clone();
    let text = content(choice).and_then(|c| c.content).or(legacy);
    Ok(Part {
        text: Some(text.unwrap_or_default()),
        finish_reason,
        usage: reply.usage,
    })
}

/// An `{"error": ...}` object sent with HTTP 200: reported as the status it
/// names (its `code`, when that is an HTTP status), else as a server error.
fn error_in_body(error: &serde_json::Value, redactor: &Redactor) -> LlmError {
    let status = error
        .get("code")
        .and_then(serde_json::Value::as_u64)
        .and_then(|code| u16::try_from(code).ok())
        .filter(|code| (400..600).contains(code))
        .unwrap_or(500);
    let message = error
        .get("message")
        .and_then(serde_json::Value::as_str)
        .map_or_else(|| error.to_string(), str::to_string);
    LlmError::Status {
        status,
        body: truncate(&redactor.clean(&message), 300),
    }
}

fn excerpt(body: &[u8], redactor: &Redactor) -> String {
    truncate(&redactor.clean(&String::from_utf8_lossy(body)), 80)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::message::Message;

    #[test]
    fn the_request_carries_only_what_was_set() {
        let mut req = Request {
            messages: vec![Message::user("hi")],
            ..Request::default()
        };
        let plain: serde_json::Value =
            serde_json::from_slice(&request_body("m", &req, false, SchemaForm::OpenAi).unwrap())
                .unwrap();
        assert_eq!(
            plain,
            serde_json::json!({"model": "m", "stream": false,
                "messages": [{"role": "user", "content": "hi"}]})
        );
        req.json = true;
        req.stop = vec!["\n".to_string()];
        req.seed = Some(7);
        req.max_tokens = Some(20);
        let full: serde_json::Value =
            serde_json::from_slice(&request_body("m", &req, true, SchemaForm::OpenAi).unwrap())
                .unwrap();
        assert_eq!(
            full["response_format"],
            serde_json::json!({"type": "json_object"})
        );
        assert_eq!(full["stop"], serde_json::json!(["\n"]));
        assert_eq!(
            (full["seed"].as_u64(), full["max_tokens"].as_u64()),
            (Some(7), Some(20))
        );
        assert_eq!(full["stream"], serde_json::json!(true));
    }

    #[test]
    fn a_reply_gives_text_finish_reason_and_usage() {
        let body = br#"{"choices":[{"index":0,"message":{"role":"assistant","content":"Hi."},
            "finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":2,"total_tokens":7}}"#;
        let part = parse_reply(body, &Redactor::default()).unwrap();
        assert_eq!(part.text.as_deref(), Some("Hi."));
        assert_eq!(part.finish_reason.as_deref(), Some("stop"));
        assert_eq!(part.usage.and_then(|u| u.completion_tokens), Some(2));
    }

    #[test]
    fn empty_missing_and_broken_choices_are_told_apart() {
        let redactor = Redactor::default();
        assert_eq!(
            parse_reply(br#"{"choices":[]}"#, &redactor),
            Err(LlmError::EmptyChoices)
        );
        assert!(matches!(
            parse_reply(br#"{"id":1}"#, &redactor),
            Err(LlmError::BadJson { .. })
        ));
        assert!(matches!(
            parse_reply(b"<html>", &redactor),
            Err(LlmError::BadJson { .. })
        ));
        assert_eq!(
            parse_chunk(r#"{"choices":[],"usage":{}}"#, &redactor).map(|p| p.text),
            Ok(None)
        );
    }

    #[test]
    fn an_error_object_becomes_a_status_without_the_key() {
        let redactor = Redactor::new(Some("sk-9".to_string()));
        let data = r#"{"error":{"code":503,"message":"overloaded (key sk-9)"}}"#;
        assert_eq!(
            parse_chunk(data, &redactor),
            Err(LlmError::Status {
                status: 503,
                body: "overloaded (key [redacted])".to_string()
            })
        );
    }
}
