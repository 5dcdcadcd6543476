//! An HTTP/1.1 server on 127.0.0.1 that answers from a script, so that tests
//! can make an LLM endpoint misbehave precisely: fail with a status, hang,
//! cut a stream, dribble tokens, echo headers.
//!
//! Each request takes the next step of the script (the last step repeats)
//! and is recorded with its headers and body. One thread per connection;
//! responses are written by hand, byte for byte.

use std::io::{self, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// The longest a connection thread hangs on, should a test forget to end.
const HANG_LIMIT: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(5);

/// What the server does with one request.
#[derive(Clone, Debug)]
pub enum Step {
    /// A complete response with Content-Length; the connection stays open.
    Reply {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Raw bytes (status line and headers included), each piece written
    /// after its delay in its own TCP write; then the connection closes.
    Raw(Vec<(Duration, Vec<u8>)>),
    /// Read the request, then say nothing until the server is dropped.
    Hang,
    /// Read the request, then close the connection without a word.
    Close,
    /// Answer with `status` and the request's own head (headers included)
    /// as a plain-text body, as some servers do in error pages.
    Echo { status: u16 },
}

impl Step {
    pub fn json(status: u16, body: &str) -> Step {
        Step::Reply {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.as_bytes().to_vec(),
        }
    }

    /// A successful non-streamed completion with usage.
    pub fn completion(text: &str) -> Step {
        let body = serde_json::json!({
            "id": "chatcmpl-1",
            "object": "chat.completion",
            "choices": [{"index": 0, "finish_reason": "stop",
                "message": {"role": "assistant", "content": text}}],
            "usage": {"prompt_tokens": 11, "completion_tokens": 3, "total_tokens": 14},
        });
        Step::json(200, &body.to_string())
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Step {
        if let Step::Reply { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }

    /// An SSE response: the head, then each piece in its own write `delay`
    /// after the last; the connection closes after the last piece.
    pub fn sse<S: AsRef<str>>(pieces: &[S], delay: Duration) -> Step {
        let mut raw = vec![(Duration::ZERO, sse_head().into_bytes())];
        raw.extend(
            pieces
                .iter()
                .map(|piece| (delay, piece.as_ref().as_bytes().to_vec())),
        );
        Step::Raw(raw)
    }
}

pub fn sse_head() -> String {
    "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\n\
     Connection: close\r\n\r\n"
        .to_string()
}

/// One `data:` event carrying a piece of text.
pub fn token(text: &str) -> String {
    let chunk = serde_json::json!({"choices": [{"index": 0, "delta": {"content": text},
        "finish_reason": null}]});
    format!("data: {chunk}\n\n")
}

/// The closing chunk (finish reason and usage) and `[DONE]`.
pub fn finish() -> String {
    let chunk = serde_json::json!({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": 7, "completion_tokens": 2}});
    format!("data: {chunk}\n\ndata: [DONE]\n\n")
}

/// A request as the server saw it.
#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
    /// When the whole request had arrived.
    pub at: Instant,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or(serde_json::Value::Null)
    }
}

struct Shared {
    script: Vec<Step>,
    next: AtomicUsize,
    seen: Mutex<Vec<Recorded>>,
    stop: AtomicBool,
}

pub struct FaultServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
}

impl FaultServer {
    pub fn start(script: Vec<Step>) -> FaultServer {
        assert!(!script.is_empty(), "a script needs at least one step");
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
        let addr = listener.local_addr().expect("local address");
        let shared = Arc::new(Shared {
            script,
            next: AtomicUsize::new(0),
            seen: Mutex::new(Vec::new()),
            stop: AtomicBool::new(false),
        });
        let accepting = shared.clone();
        thread::spawn(move || {
            for stream in listener.incoming() {
                if accepting.stop.load(Ordering::Acquire) {
                    break;
                }
                if let Ok(stream) = stream {
                    let shared = accepting.clone();
                    thread::spawn(move || serve(stream, &shared));
                }
            }
        });
        FaultServer { addr, shared }
    }

    /// The base URL, without `/v1`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared
            .seen
            .lock()
            .map(|seen| seen.clone())
            .unwrap_or_default()
    }

    pub fn count(&self) -> usize {
        self.requests().len()
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Release);
        // Wakes the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
    }
}

/// A URL on which nothing listens: a port that was just bound and freed.
pub fn refused_url() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local address");
    drop(listener);
    format!("http://{addr}")
}

fn serve(mut stream: TcpStream, shared: &Shared) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(50)));
    let mut buffer = Vec::new();
    while let Some((head, request)) = read_request(&mut stream, &mut buffer, shared) {
        let index = shared.next.fetch_add(1, Ordering::SeqCst);
        let step = shared.script[index.min(shared.script.len() - 1)].clone();
        if let Ok(mut seen) = shared.seen.lock() {
            seen.push(request);
        }
        let keep_open = match step {
            Step::Reply {
                status,
                headers,
                body,
            } => write_reply(&mut stream, status, &headers, &body).is_ok(),
            Step::Echo { status } => {
                let headers = [("Content-Type".to_string(), "text/plain".to_string())];
                write_reply(&mut stream, status, &headers, head.as_bytes()).is_ok()
            }
            Step::Raw(pieces) => {
                for (delay, bytes) in pieces {
                    if !pause(delay, shared) || stream.write_all(&bytes).is_err() {
                        break;
                    }
                    let _ = stream.flush();
                }
                false
            }
            Step::Hang => {
                pause(HANG_LIMIT, shared);
                false
            }
            Step::Close => false,
        };
        if !keep_open {
            return;
        }
    }
}

/// Sleeps `delay` unless the server stops first; false if it stopped.
fn pause(delay: Duration, shared: &Shared) -> bool {
    let until = Instant::now() + delay;
    while Instant::now() < until {
        if shared.stop.load(Ordering::Acquire) {
            return false;
        }
        thread::sleep(POLL.min(until - Instant::now()));
    }
    true
}

fn write_reply(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &[u8],
) -> io::Result<()> {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes())?;
    stream.write_all(body)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        400 => "Bad Request",
        401 => "Unauthorized",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// The next request on the connection: its head as text and its record.
/// None when the client closes or the server stops.
fn read_request(
    stream: &mut TcpStream,
    buffer: &mut Vec<u8>,
    shared: &Shared,
) -> Option<(String, Recorded)> {
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        read_more(stream, buffer, shared)?;
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut start = lines.next()?.split(' ');
    let (method, path) = (start.next()?.to_string(), start.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_string(), value.trim().to_string()))
        .collect();
    let length = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, value)| value.parse::<usize>().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        read_more(stream, buffer, shared)?;
    }
    let body = String::from_utf8_lossy(&buffer[body_start..body_start + length]).into_owned();
    buffer.drain(..body_start + length);
    let request = Recorded {
        method,
        path,
        headers,
        body,
        at: Instant::now(),
    };
    Some((head, request))
}

fn read_more(stream: &mut TcpStream, buffer: &mut Vec<u8>, shared: &Shared) -> Option<()> {
    let mut chunk = [0u8; 8192];
    loop {
        if shared.stop.load(Ordering::Acquire) {
            return None;
        }
        match stream.read(&mut chunk) {
            Ok(0) => return None,
            Ok(read) => {
                buffer.extend_from_slice(&chunk[..read]);
                return Some(());
            }
            Err(err)
                if matches!(
                    err.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) => {}
            Err(err) if err.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
}
