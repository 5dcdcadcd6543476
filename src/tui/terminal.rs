//! Taking over the terminal and giving it back: raw mode, the alternate
//! screen, mouse capture and bracketed paste on entry; all undone on quit, on error
//! (the guard's `Drop`) and on a panic of the UI thread (the panic hook). A
//! panic on the patient's thread is caught there and logged; it must not
//! tear down the screen the UI is still drawing on.

use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{
    EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::{Terminal, backend::CrosstermBackend};
use std::io::{Stdout, stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

static ACTIVE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();

pub type Tty = Terminal<CrosstermBackend<Stdout>>;

/// The terminal while the app has it; dropping it gives the terminal back.
pub struct Guard {
    pub terminal: Tty,
}

impl Guard {
    pub fn enter() -> std::io::Result<Guard> {
        HOOK.call_once(install_hook);
        enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        // From here on, a failure still restores the terminal (through `restore`).
        let terminal = (|| {
            execute!(
                stdout(),
                EnterAlternateScreen,
                EnableMouseCapture,
                EnableBracketedPaste
            )?;
            Terminal::new(CrosstermBackend::new(stdout()))
        })()
        .inspect_err(|_| restore())?;
        Ok(Guard { terminal })
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        restore();
        let _ = self.terminal.show_cursor();
    }
}

fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let _ = execute!(
            stdout(),
            DisableBracketedPaste,
            DisableMouseCapture,
            LeaveAlternateScreen
        );
        let _ = disable_raw_mode();
    }
}

fn install_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some("main") {
            restore();
            previous(info);
        } else {
            // Printing would scribble over the screen; the worker reports the failure itself.
            tracing::error!(panic = %info, "panic on a worker thread");
        }
    }));
}
