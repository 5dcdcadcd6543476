//! The status bar: case, style, backend, the last turn's latency, the keys.
//! A notice (an export saved, a command's answer) takes the place of the
//! facts until the next question; keys are dropped from the least needed
//! when the bar is narrow, but F1 help always stays.

use crate::tui::chat::Chat;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::Paragraph;

/// In the order they are given up: the last ones go first.
const KEYS: [&str; 6] = [
    "F1 help",
    "Ctrl+Q quit",
    "Ctrl+D debrief",
    "F2 instructor",
    "F3 style",
    "Tab panel",
];
const REPLAY_KEYS: [&str; 5] = [
    "q quit",
    "Left/Right step",
    "Home/End",
    "Tab panel",
    "F2 instructor",
];

/// `info` and as many keys as fit in `width`: the keys get what `info`
/// leaves, and at least half the bar; `info` is cut to what remains.
fn fit(info: &str, keys: &[&str], width: usize) -> String {
    let info_len = info.chars().count();
    let budget = (width / 2).max(width.saturating_sub(info_len + 1));
    let mut chosen: Vec<&str> = Vec::new();
    for k in keys {
        let len = chosen
            .iter()
            .chain([k])
            .map(|k| k.chars().count() + 2)
            .sum::<usize>();
        if len > budget && !chosen.is_empty() {
            break;
        }
        chosen.push(k);
    }
    let keys = chosen.join("  ");
    let room = width.saturating_sub(keys.chars().count() + 2);
    let info: String = if info_len > room {
        let cut: String = info.chars().take(room.saturating_sub(1)).collect();
        format!("{cut}…")
    } else {
        info.to_string()
    };
    let pad = width.saturating_sub(info.chars().count() + keys.chars().count() + 1);
    format!("{info}{}{keys} ", " ".repeat(pad))
}

pub fn render(
    c: &Chat,
    instructor: bool,
    replay: Option<(usize, usize)>,
    t: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let latency = c
        .last_latency_ms
        .map(|ms| format!("{ms:.1} ms"))
        .unwrap_or_else(|| "-".into());
    let reveal = if instructor {
        format!(" | {} ({})", c.diagnosis, c.severity)
    } else {
        String::new()
    };
    let width = usize::from(area.width);
    let text = match replay {
        Some((pos, n)) => fit(
            &format!(" REPLAY {} | after turn {pos} of {n}{reveal}", c.patient),
            &REPLAY_KEYS,
            width,
        ),
        None => {
            let info = match &c.notice {
                Some(n) => format!(" {n}"),
                None => format!(
                    " {}{reveal} | {} | {} | last turn {latency} | turn {}",
                    c.patient,
                    c.style,
                    c.backend,
                    c.turn()
                ),
            };
            fit(&info, &KEYS, width)
        }
    };
    frame.render_widget(Paragraph::new(text).style(t.status), area);
}

#[cfg(test)]
mod tests {
    use super::fit;

    #[test]
    fn keys_give_way_from_the_least_needed_but_help_stays() {
        let wide = fit(" info", &super::KEYS, 120);
        assert!(
            wide.contains("Tab panel") && wide.starts_with(" info"),
            "{wide}"
        );
        assert_eq!(wide.chars().count(), 120);
        let narrow = fit(
            " a long line of information about the case",
            &super::KEYS,
            50,
        );
        assert!(
            narrow.contains("F1 help") && narrow.contains("Ctrl+Q quit"),
            "{narrow}"
        );
        assert!(!narrow.contains("Tab panel"), "{narrow}");
        let tiny = fit(
            " a long line of information about the case",
            &super::KEYS,
            20,
        );
        assert!(tiny.contains("F1 help") && tiny.contains('…'), "{tiny}");
    }
}
