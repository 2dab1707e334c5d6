//! Styles, in one place.

use ratatui::style::{Color, Modifier, Style};

pub const OVERDUE: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const BLOCKED: Style = Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD);
pub const DUE_SOON: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const DONE: Style = Style::new().fg(Color::Green).add_modifier(Modifier::DIM);
pub const GREY: Style = Style::new().fg(Color::DarkGray);
pub const OPEN: Style = Style::new().fg(Color::Cyan);
pub const GAP: Style = Style::new().fg(Color::Red);
pub const FULL: Style = Style::new().fg(Color::Green);
pub const HEADER: Style = Style::new().add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const TITLE: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const KEY: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const ERROR: Style = Style::new().fg(Color::White).bg(Color::Red);
pub const INFO: Style = Style::new().fg(Color::Black).bg(Color::Green);
pub const ACTIVE_TAB: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub const FOCUS_BORDER: Style = Style::new().fg(Color::Cyan);
pub const BORDER: Style = Style::new().fg(Color::DarkGray);
