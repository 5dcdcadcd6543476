//! Colours for dark and light terminals. Every colour the app draws with is
//! named here for what it marks, so each theme stays readable on its background.

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum ThemeName {
    /// Dark unless the terminal says its background is light (COLORFGBG).
    #[default]
    Auto,
    Dark,
    Light,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub student: Style,
    pub patient: Style,
    pub note: Style,
    /// Facts not yet brought out, hints, the "thinking" line.
    pub dim: Style,
    /// Facts added during the dialogue (episodic).
    pub added: Style,
    pub contradiction: Style,
    pub fallback: Style,
    /// Other flags: facts added, notices.
    pub info: Style,
    pub entail: Style,
    /// Headings inside panels.
    pub heading: Style,
    /// The border and title of the focused panel.
    pub focus: Style,
    pub selected: Style,
    pub status: Style,
    pub error: Style,
}

impl Theme {
    pub fn dark() -> Theme {
        Theme {
            student: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            patient: Style::new()
                .fg(Color::LightGreen)
                .add_modifier(Modifier::BOLD),
            note: Style::new().fg(Color::Gray).add_modifier(Modifier::ITALIC),
            dim: Style::new().fg(Color::Gray),
            added: Style::new().fg(Color::Yellow),
            contradiction: Style::new().fg(Color::LightRed),
            fallback: Style::new().fg(Color::LightMagenta),
            info: Style::new().fg(Color::Yellow),
            entail: Style::new().fg(Color::LightGreen),
            heading: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            focus: Style::new()
                .fg(Color::LightCyan)
                .add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            status: Style::new().add_modifier(Modifier::REVERSED),
            error: Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Darker hues: yellow and light green vanish on a white background.
    pub fn light() -> Theme {
        Theme {
            student: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            patient: Style::new().fg(Color::Green).add_modifier(Modifier::BOLD),
            note: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            dim: Style::new().fg(Color::DarkGray),
            added: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            contradiction: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            fallback: Style::new().fg(Color::Magenta),
            info: Style::new().fg(Color::Blue),
            entail: Style::new().fg(Color::Green),
            heading: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            focus: Style::new().fg(Color::Blue).add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            status: Style::new().add_modifier(Modifier::REVERSED),
            error: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    /// The theme for `name`; `auto` reads COLORFGBG ("15;0": light text on a
    /// dark background), as rxvt, Konsole and others set it.
    pub fn named(name: ThemeName, colorfgbg: Option<&str>) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Auto => {
                let background = colorfgbg
                    .and_then(|v| v.rsplit(';').next())
                    .and_then(|b| b.trim().parse::<u8>().ok());
                // Colours 7 (white) and 9-15 (bright) are light backgrounds.
                match background {
                    Some(7) | Some(9..=15) => Theme::light(),
                    _ => Theme::dark(),
                }
            }
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::dark()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_follows_the_terminal_background() {
        assert_eq!(Theme::named(ThemeName::Auto, Some("0;15")), Theme::light());
        assert_eq!(Theme::named(ThemeName::Auto, Some("15;0")), Theme::dark());
        assert_eq!(
            Theme::named(ThemeName::Auto, Some("15;default;0")),
            Theme::dark()
        );
        assert_eq!(Theme::named(ThemeName::Auto, None), Theme::dark());
        assert_eq!(Theme::named(ThemeName::Light, Some("15;0")), Theme::light());
    }
}
