//! Server-sent events, parsed line by line however the network splits them.
//!
//! Bytes are buffered until a full line (`\n` or `\r\n`) has arrived, so a
//! `data:` line cut across chunks, several events in one chunk and a UTF-8
//! character split in two all parse the same as one whole write. Events end
//! at a blank line; several `data:` lines in one event join with `\n` as the
//! SSE spec says. Comments (`:`) and the `event`, `id` and `retry` fields are
//! ignored.

use super::error::LlmError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SseEvent {
    /// The data of one event (for chat completions: one JSON chunk).
    Data(String),
    /// `data: [DONE]`, the OpenAI end-of-stream marker.
    Done,
}

#[derive(Debug, Default)]
pub(crate) struct SseParser {
    /// Bytes after the last complete line.
    partial: Vec<u8>,
    /// The data lines of the event being read, if it has any.
    data: Option<String>,
}

impl SseParser {
    pub(crate) fn new() -> Self {
        SseParser::default()
    }

    /// Takes the next network chunk; returns the events it completed.
    pub(crate) fn feed(&mut self, chunk: &[u8]) -> Result<Vec<SseEvent>, LlmError> {
        let mut events = Vec::new();
        let mut buffer = std::mem::take(&mut self.partial);
        buffer.extend_from_slice(chunk);
        let mut start = 0;
        while let Some(offset) = buffer[start..].iter().position(|&byte| byte == b'\n') {
            let end = start + offset;
            let line = buffer[start..end]
                .strip_suffix(b"\r")
                .unwrap_or(&buffer[start..end]);
            self.line(line, &mut events)?;
            start = end + 1;
        }
        buffer.drain(..start);
        self.partial = buffer;
        Ok(events)
    }

    /// The stream has ended: a last line without its newline and an event
    /// without its blank line still count.
    pub(crate) fn finish(&mut self) -> Result<Vec<SseEvent>, LlmError> {
        let mut events = Vec::new();
        let rest = std::mem::take(&mut self.partial);
        let rest = rest.strip_suffix(b"\r").unwrap_or(&rest);
        if !rest.is_empty() {
            self.line(rest, &mut events)?;
        }
        self.dispatch(&mut events);
        Ok(events)
    }

    fn line(&mut self, line: &[u8], events: &mut Vec<SseEvent>) -> Result<(), LlmError> {
        if line.is_empty() {
            self.dispatch(events);
            return Ok(());
        }
        if line[0] == b':' {
            return Ok(());
        }
        let line = std::str::from_utf8(line).map_err(|_| LlmError::BadJson {
            detail: "an SSE line is not valid UTF-8".to_string(),
        })?;
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        if field == "data" {
            match &mut self.data {
                Some(data) => {
                    data.push('\n');
                    data.push_str(value);
                }
                None => self.data = Some(value.to_string()),
            }
        }
        Ok(())
    }

    fn dispatch(&mut self, events: &mut Vec<SseEvent>) {
        if let Some(data) = self.data.take() {
            events.push(if data.trim() == "[DONE]" {
                SseEvent::Done
            } else {
                SseEvent::Data(data)
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = concat!(
        ": keep-alive\r\n",
        "\r\n",
        "data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n",
        "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\r\n\r\n",
        "event: message\n",
        "data:{\"choices\":[{\"delta\":{\"content\":\"lo, é✓\"}}]}\n",
        "id: 3\n",
        "retry: 100\n",
        "\n",
        ": a comment between events\n",
        "data: first\n",
        "data: second\n",
        "\n",
        "data: [DONE]\n\n",
    );

    fn expected() -> Vec<SseEvent> {
        vec![
            SseEvent::Data(r#"{"choices":[{"delta":{"role":"assistant"}}]}"#.to_string()),
            SseEvent::Data(r#"{"choices":[{"delta":{"content":"Hel"}}]}"#.to_string()),
            SseEvent::Data(r#"{"choices":[{"delta":{"content":"lo, é✓"}}]}"#.to_string()),
            SseEvent::Data("first\nsecond".to_string()),
            SseEvent::Done,
        ]
    }

    fn parse(chunks: &[&[u8]]) -> Result<Vec<SseEvent>, LlmError> {
        let mut parser = SseParser::new();
        let mut events = Vec::new();
        for chunk in chunks {
            events.extend(parser.feed(chunk)?);
        }
        events.extend(parser.finish()?);
        Ok(events)
    }

    #[test]
    fn one_whole_chunk() {
        assert_eq!(parse(&[SAMPLE.as_bytes()]), Ok(expected()));
    }

    #[test]
    fn a_split_at_every_byte_position_changes_nothing() {
        let bytes = SAMPLE.as_bytes();
        for cut in 0..=bytes.len() {
            let (head, tail) = bytes.split_at(cut);
            assert_eq!(parse(&[head, tail]), Ok(expected()), "split at byte {cut}");
        }
    }

    #[test]
    fn two_splits_at_every_pair_of_positions_change_nothing() {
        let bytes = SAMPLE.as_bytes();
        for first in 0..=bytes.len() {
            for second in first..=bytes.len() {
                let chunks = [&bytes[..first], &bytes[first..second], &bytes[second..]];
                assert_eq!(
                    parse(&chunks),
                    Ok(expected()),
                    "splits at {first}, {second}"
                );
            }
        }
    }

    #[test]
    fn one_byte_at_a_time() {
        let chunks: Vec<&[u8]> = SAMPLE.as_bytes().chunks(1).collect();
        assert_eq!(parse(&chunks), Ok(expected()));
    }

    #[test]
    fn events_come_out_as_soon_as_their_blank_line_arrives() {
        let mut parser = SseParser::new();
        assert_eq!(parser.feed(b"data: a\n"), Ok(vec![]));
        assert_eq!(
            parser.feed(b"\ndata: b"),
            Ok(vec![SseEvent::Data("a".into())])
        );
        assert_eq!(parser.finish(), Ok(vec![SseEvent::Data("b".into())]));
    }

    #[test]
    fn a_line_that_is_not_utf8_is_an_error_not_a_panic() {
        let mut parser = SseParser::new();
        assert!(matches!(
            parser.feed(b"data: \xff\xfe\n\n"),
            Err(LlmError::BadJson { .. })
        ));
    }
}
