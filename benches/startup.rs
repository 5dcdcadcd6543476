//! Real start-up of the release binary to its first drawn frame, in a
//! pseudo-terminal (120×32): exec, dynamic loading, argument parsing, case
//! loading, raw mode and the first full-screen draw. `render` times the
//! in-process part with a TestBackend; only a real process and terminal show
//! what the user waits for. Each run gets a fresh HOME and XDG directories, so
//! no user config or old logs take part. Ctrl+Q then has to end the app with
//! status 0 within 5 s.
//!
//! Run with `cargo bench --bench startup`.

use std::fs::File;
use std::io::{Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const RUNS: usize = 30;
const COLS: u16 = 120;
const ROWS: u16 = 32;

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn cloexec(fd: &OwnedFd) {
    // The child gets the slave as fds 0-2 only; stray copies of the master
    // or slave would keep the pty open after it exits.
    unsafe { libc::fcntl(fd.as_raw_fd(), libc::F_SETFD, libc::FD_CLOEXEC) };
}

/// A pty pair of `COLS`×`ROWS` (openpty sets it with TIOCSWINSZ).
fn pty() -> (File, OwnedFd) {
    let (mut master, mut slave) = (-1, -1);
    let size = libc::winsize {
        ws_row: ROWS,
        ws_col: COLS,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    let (master, slave) = unsafe { (OwnedFd::from_raw_fd(master), OwnedFd::from_raw_fd(slave)) };
    cloexec(&master);
    cloexec(&slave);
    (File::from(master), slave)
}

/// Waits up to `timeout` for the master to be readable; reads what is there.
/// `None` once the slave side is closed (EIO on Linux) or on timeout.
fn read_some(master: &mut File, timeout: Duration, buf: &mut Vec<u8>) -> Option<usize> {
    let mut fd = libc::pollfd {
        fd: master.as_raw_fd(),
        events: libc::POLLIN,
        revents: 0,
    };
    let ms = timeout.as_millis().min(i32::MAX as u128) as i32;
    if unsafe { libc::poll(&mut fd, 1, ms) } <= 0 {
        return None;
    }
    let mut chunk = [0u8; 16384];
    match master.read(&mut chunk) {
        Ok(n) if n > 0 => {
            buf.extend_from_slice(&chunk[..n]);
            Some(n)
        }
        _ => None,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn spawn(args: &[&str], home: &std::path::Path, slave: &OwnedFd) -> Child {
    let stdio = || Stdio::from(slave.try_clone().expect("dup the pty slave"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_patient-zero"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TERM", "xterm-256color")
        .stdin(stdio())
        .stdout(stdio())
        .stderr(stdio());
    // Runs after fds 0-2 are the slave: a new session whose controlling
    // terminal is the pty, so /dev/tty in the child is this pty, not ours.
    unsafe {
        cmd.pre_exec(|| {
            if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY as _, 0) < 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.spawn().expect("spawn the patient-zero binary")
}

/// One start: milliseconds to the end of the first frame holding `marker`,
/// and whether Ctrl+Q then ended the app with status 0.
fn run_once(args: &[&str], marker: &[u8]) -> (Option<f64>, bool) {
    let home = tempfile::tempdir().expect("a temporary HOME");
    let (mut master, slave) = pty();
    let start = Instant::now();
    let mut child = spawn(args, home.path(), &slave);
    drop(slave);
    let mut out = Vec::new();
    let mut answered = 0;
    let deadline = start + Duration::from_secs(10);
    let mut elapsed = None;
    while Instant::now() < deadline {
        let left = deadline.saturating_duration_since(Instant::now());
        if read_some(&mut master, left, &mut out).is_none() {
            break;
        }
        // Neither screen asks today, but a cursor-position query (crossterm's
        // inline viewport) would hang the app until a terminal answers.
        while let Some(i) = find(&out[answered..], b"\x1b[6n") {
            answered += i + 4;
            master.write_all(b"\x1b[1;1R").expect("answer ESC[6n");
        }
        // ratatui ends a frame by hiding or showing the cursor (ESC[?25l or h)
        // and flushing, so the frame holding `marker` is whole after that.
        if find(&out, marker).is_some_and(|i| find(&out[i..], b"\x1b[?25").is_some()) {
            elapsed = Some(start.elapsed().as_secs_f64() * 1000.0);
            break;
        }
    }
    master.write_all(b"\x11").ok();
    // Keep draining while it restores the terminal, so it never blocks on a full pty.
    let quit_by = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for patient-zero") {
            break Some(status);
        }
        if Instant::now() >= quit_by {
            break None;
        }
        read_some(&mut master, Duration::from_millis(5), &mut Vec::new());
    };
    if status.is_none() {
        child.kill().ok();
        child.wait().ok();
    }
    (elapsed, status.is_some_and(|s| s.success()))
}

fn scenario(label: &str, args: &[&str], marker: &str) {
    let mut times = Vec::new();
    let mut clean = 0;
    for _ in 0..RUNS {
        let (elapsed, ok) = run_once(args, marker.as_bytes());
        times.extend(elapsed);
        clean += usize::from(ok);
    }
    times.sort_by(f64::total_cmp);
    if times.is_empty() {
        println!("{label}: the marker {marker:?} never appeared ({RUNS} runs)");
        return;
    }
    println!(
        "{label}, {COLS}x{ROWS} pty: median {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms; \
         first frame in {} of {RUNS} runs, clean exit (Ctrl+Q, status 0) in {clean} of {RUNS}",
        percentile(&times, 0.5),
        percentile(&times, 0.9),
        percentile(&times, 0.99),
        times[times.len() - 1],
        times.len(),
    );
}

fn main() {
    if std::env::args()
        .skip(1)
        .any(|a| !a.starts_with('-') && !"startup".contains(a.as_str()))
    {
        return;
    }
    // The first frame skips blank cells, so " Cases (37 of 37) " arrives as
    // `Cases ESC[1;9H(37...`: the markers are words without spaces.
    scenario("process start to first picker frame", &[], "Cases");
    scenario(
        "process start to first chat frame",
        &["chat", "figure5-severe-acute-pancreatitis"],
        "Memory:",
    );
}
