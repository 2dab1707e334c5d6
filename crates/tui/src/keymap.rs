//! Keys to actions, as one table: `action_for` reads it and the help screen
//! is generated from it, so the two cannot drift.

use crate::action::Action;
use crate::form::Edit;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The task list.
    List,
    /// The detail pane of the selected task.
    Detail,
    /// The per-agency statistics.
    Agencies,
    /// The dependency tree.
    Dependencies,
    /// Typing a search.
    Search,
    /// Choosing in a picker.
    Picker,
    /// Filling a form.
    Form,
    /// Reading the help.
    Help,
}

/// A key: its code and whether Ctrl is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// True when Ctrl must be held.
    pub ctrl: bool,
}

const fn k(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}
const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
}
const fn ctrl_code(code: KeyCode) -> Key {
    Key { code, ctrl: true }
}
const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

impl Key {
    /// How the help screen writes the key.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl+{base}")
        } else {
            base
        }
    }

    fn matches(self, ev: &KeyEvent) -> bool {
        let has_ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        if has_ctrl != self.ctrl {
            return false;
        }
        match (self.code, ev.code) {
            (KeyCode::Char(a), KeyCode::Char(b)) => a == b,
            (a, b) => a == b,
        }
    }
}

/// Keys bound to an action in some modes.
#[derive(Debug)]
pub struct Binding {
    /// Where the binding applies.
    pub modes: &'static [Mode],
    /// The keys.
    pub keys: &'static [Key],
    /// What they do.
    pub action: Action,
}

use Mode::*;

const BROWSE: &[Mode] = &[List, Detail, Agencies, Dependencies];
const TASKS: &[Mode] = &[List, Detail, Dependencies];
const TEXT: &[Mode] = &[Search, Picker, Form];

/// Every key binding. The first match wins.
pub const BINDINGS: &[Binding] = &[
    Binding {
        modes: BROWSE,
        keys: &[k('q'), ctrl('c')],
        action: Action::Quit,
    },
    Binding {
        modes: &[Search, Picker, Form, Help],
        keys: &[ctrl('c')],
        action: Action::Quit,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('?')],
        action: Action::Help,
    },
    Binding {
        modes: &[Help],
        keys: &[code(KeyCode::Esc), k('?'), k('q')],
        action: Action::Back,
    },
    Binding {
        modes: BROWSE,
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
    },
    Binding {
        modes: TEXT,
        keys: &[code(KeyCode::Esc)],
        action: Action::Back,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('j'), code(KeyCode::Down)],
        action: Action::Down,
    },
    Binding {
        modes: &[Help],
        keys: &[k('j'), code(KeyCode::Down)],
        action: Action::Down,
    },
    Binding {
        modes: &[Help],
        keys: &[k('k'), code(KeyCode::Up)],
        action: Action::Up,
    },
    Binding {
        modes: &[Help],
        keys: &[code(KeyCode::PageDown), code(KeyCode::Char(' '))],
        action: Action::PageDown,
    },
    Binding {
        modes: &[Help],
        keys: &[code(KeyCode::PageUp)],
        action: Action::PageUp,
    },
    Binding {
        modes: &[Help],
        keys: &[k('g'), code(KeyCode::Home)],
        action: Action::First,
    },
    Binding {
        modes: &[Help],
        keys: &[k('G'), code(KeyCode::End)],
        action: Action::Last,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('k'), code(KeyCode::Up)],
        action: Action::Up,
    },
    Binding {
        modes: &[Search, Picker],
        keys: &[code(KeyCode::Down)],
        action: Action::Down,
    },
    Binding {
        modes: &[Search, Picker],
        keys: &[code(KeyCode::Up)],
        action: Action::Up,
    },
    Binding {
        modes: BROWSE,
        keys: &[code(KeyCode::PageDown), ctrl('d')],
        action: Action::PageDown,
    },
    Binding {
        modes: BROWSE,
        keys: &[code(KeyCode::PageUp), ctrl('u')],
        action: Action::PageUp,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('g'), code(KeyCode::Home)],
        action: Action::First,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('G'), code(KeyCode::End)],
        action: Action::Last,
    },
    Binding {
        modes: &[List, Detail],
        keys: &[code(KeyCode::Tab)],
        action: Action::FocusNext,
    },
    Binding {
        modes: BROWSE,
        keys: &[code(KeyCode::Enter)],
        action: Action::Open,
    },
    Binding {
        modes: BROWSE,
        keys: &[code(KeyCode::Backspace)],
        action: Action::JumpBack,
    },
    Binding {
        modes: TASKS,
        keys: &[k(']'), k('l'), code(KeyCode::Right)],
        action: Action::NextTab,
    },
    Binding {
        modes: TASKS,
        keys: &[k('['), k('h'), code(KeyCode::Left)],
        action: Action::PrevTab,
    },
    Binding {
        modes: TASKS,
        keys: &[k('1')],
        action: Action::Tab(0),
    },
    Binding {
        modes: TASKS,
        keys: &[k('2')],
        action: Action::Tab(1),
    },
    Binding {
        modes: TASKS,
        keys: &[k('3')],
        action: Action::Tab(2),
    },
    Binding {
        modes: TASKS,
        keys: &[k('4')],
        action: Action::Tab(3),
    },
    Binding {
        modes: TASKS,
        keys: &[k('5')],
        action: Action::Tab(4),
    },
    Binding {
        modes: TASKS,
        keys: &[k('6')],
        action: Action::Tab(5),
    },
    Binding {
        modes: TASKS,
        keys: &[k('/')],
        action: Action::Search,
    },
    Binding {
        modes: TASKS,
        keys: &[k('a')],
        action: Action::PickLead,
    },
    Binding {
        modes: TASKS,
        keys: &[k('v')],
        action: Action::PickDirective,
    },
    Binding {
        modes: TASKS,
        keys: &[k('c')],
        action: Action::ClearFilters,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('t')],
        action: Action::ShowTasks,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('s')],
        action: Action::ShowAgencies,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('d')],
        action: Action::ShowDependencies,
    },
    Binding {
        modes: TASKS,
        keys: &[k('x')],
        action: Action::MarkDone,
    },
    Binding {
        modes: TASKS,
        keys: &[k('o')],
        action: Action::Reopen,
    },
    Binding {
        modes: TASKS,
        keys: &[k('e')],
        action: Action::Extend,
    },
    Binding {
        modes: TASKS,
        keys: &[k('X')],
        action: Action::Cancel,
    },
    Binding {
        modes: TASKS,
        keys: &[k('n')],
        action: Action::AddNote,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('E')],
        action: Action::Export,
    },
    Binding {
        modes: &[Agencies],
        keys: &[k('l'), code(KeyCode::Right), k(']')],
        action: Action::SortNext,
    },
    Binding {
        modes: &[Agencies],
        keys: &[k('r')],
        action: Action::SortReverse,
    },
    Binding {
        modes: BROWSE,
        keys: &[k('R'), code(KeyCode::F(5))],
        action: Action::Reload,
    },
    Binding {
        modes: TEXT,
        keys: &[code(KeyCode::Backspace)],
        action: Action::DeleteChar,
    },
    Binding {
        modes: TEXT,
        keys: &[code(KeyCode::Enter)],
        action: Action::Submit,
    },
    Binding {
        modes: &[Form],
        keys: &[code(KeyCode::Tab), code(KeyCode::Down)],
        action: Action::NextField,
    },
    Binding {
        modes: TEXT,
        keys: &[code(KeyCode::Left)],
        action: Action::Edit(Edit::Left),
    },
    Binding {
        modes: TEXT,
        keys: &[code(KeyCode::Right)],
        action: Action::Edit(Edit::Right),
    },
    Binding {
        modes: TEXT,
        keys: &[code(KeyCode::Home)],
        action: Action::Edit(Edit::Home),
    },
    Binding {
        modes: TEXT,
        keys: &[code(KeyCode::End)],
        action: Action::Edit(Edit::End),
    },
    Binding {
        modes: TEXT,
        keys: &[ctrl_code(KeyCode::Left)],
        action: Action::Edit(Edit::WordLeft),
    },
    Binding {
        modes: TEXT,
        keys: &[ctrl_code(KeyCode::Right)],
        action: Action::Edit(Edit::WordRight),
    },
    Binding {
        modes: TEXT,
        keys: &[code(KeyCode::Delete)],
        action: Action::Edit(Edit::Delete),
    },
    Binding {
        modes: &[Form],
        keys: &[code(KeyCode::BackTab), code(KeyCode::Up)],
        action: Action::PrevField,
    },
];

/// The action a key asks for in a mode, if any. In text modes, any other
/// printable character is typed.
pub fn action_for(mode: Mode, ev: KeyEvent) -> Option<Action> {
    if let Some(b) = BINDINGS
        .iter()
        .find(|b| b.modes.contains(&mode) && b.keys.iter().any(|k| k.matches(&ev)))
    {
        return Some(b.action);
    }
    match (mode, ev.code) {
        (Search | Picker | Form, KeyCode::Char(c))
            if !ev
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(Action::Input(c))
        }
        _ => None,
    }
}

/// The bindings that apply in a mode, for the help screen.
pub fn bindings_for(mode: Mode) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.modes.contains(&mode))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn vim_and_arrow_keys_move() {
        assert_eq!(
            action_for(List, key(KeyCode::Char('j'))),
            Some(Action::Down)
        );
        assert_eq!(action_for(List, key(KeyCode::Down)), Some(Action::Down));
        assert_eq!(action_for(List, key(KeyCode::Char('k'))), Some(Action::Up));
        assert_eq!(
            action_for(List, key(KeyCode::PageDown)),
            Some(Action::PageDown)
        );
        assert_eq!(action_for(List, key(KeyCode::End)), Some(Action::Last));
        let shift_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(action_for(List, shift_g), Some(Action::Last));
    }

    #[test]
    fn typing_in_a_search_is_input_not_commands() {
        assert_eq!(
            action_for(Search, key(KeyCode::Char('q'))),
            Some(Action::Input('q'))
        );
        assert_eq!(
            action_for(Search, key(KeyCode::Char('đ'))),
            Some(Action::Input('đ'))
        );
        assert_eq!(action_for(Search, key(KeyCode::Esc)), Some(Action::Back));
        assert_eq!(
            action_for(List, key(KeyCode::Char('q'))),
            Some(Action::Quit)
        );
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(action_for(Form, ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn actions_and_tabs() {
        assert_eq!(
            action_for(List, key(KeyCode::Char('x'))),
            Some(Action::MarkDone)
        );
        assert_eq!(
            action_for(List, key(KeyCode::Char('3'))),
            Some(Action::Tab(2))
        );
        assert_eq!(action_for(Agencies, key(KeyCode::Char('x'))), None);
        assert_eq!(
            action_for(Help, key(KeyCode::Char('?'))),
            Some(Action::Back)
        );
        assert_eq!(action_for(Form, key(KeyCode::Tab)), Some(Action::NextField));
        let ctrl_left = KeyEvent::new(KeyCode::Left, KeyModifiers::CONTROL);
        assert_eq!(
            action_for(Form, ctrl_left),
            Some(Action::Edit(Edit::WordLeft))
        );
        assert_eq!(
            action_for(Form, key(KeyCode::Left)),
            Some(Action::Edit(Edit::Left))
        );
        assert_eq!(action_for(Help, key(KeyCode::Down)), Some(Action::Down));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_mode() {
        for mode in [
            List,
            Detail,
            Agencies,
            Dependencies,
            Search,
            Picker,
            Form,
            Help,
        ] {
            let keys: Vec<String> = bindings_for(mode)
                .flat_map(|b| b.keys.iter().map(|k| k.label()))
                .collect();
            let mut dedup = keys.clone();
            dedup.sort();
            dedup.dedup();
            assert_eq!(keys.len(), dedup.len(), "{mode:?}: {keys:?}");
        }
    }
}
