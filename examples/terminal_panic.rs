//! For `tests/terminal/panic.sh`: takes the terminal the way the app does,
//! lets a thread named like the patient's worker panic (the screen must stay
//! as it is), then panics on the UI thread after a key (the terminal must be
//! given back: raw mode off, alternate screen and mouse capture left, the
//! panic message printed on the normal screen).

use patient_zero::tui::terminal::Guard;
use ratatui::widgets::Paragraph;

fn show(guard: &mut Guard, text: &str) {
    guard
        .terminal
        .draw(|f| f.render_widget(Paragraph::new(text), f.area()))
        .expect("draw");
}

fn main() {
    let mut guard = Guard::enter().expect("a terminal");
    show(&mut guard, "DRAWN");
    let worker = std::thread::Builder::new()
        .name("patient".into())
        .spawn(|| panic!("a panic on the worker thread"))
        .expect("spawn");
    assert!(worker.join().is_err());
    show(&mut guard, "WORKER-PANICKED-SCREEN-KEPT: press a key");
    let _ = ratatui::crossterm::event::read();
    panic!("a panic on the UI thread");
}
