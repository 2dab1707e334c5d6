//! Pickers for the lead agency and directive filters: type to narrow.

use sauro_core::{fold, name_key};

/// Which filter the picker sets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// The lead agency.
    Lead,
    /// The directive.
    Directive,
}

/// A choice: the value set (`None` clears the filter) and its label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    /// The filter value.
    pub value: Option<String>,
    /// What the list shows.
    pub label: String,
    /// Other text typing may match, already folded (for an agency: its
    /// aliases and the names of bodies merged into it), see [`Choice::keys_of`].
    pub keys: String,
}

impl Choice {
    /// The folded text a choice is also found by, from names and aliases:
    /// each folded and as a [`name_key`].
    pub fn keys_of<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
        let mut keys = String::new();
        for n in names {
            keys.push_str(&fold(n));
            keys.push('|');
            keys.push_str(&name_key(n));
            keys.push('|');
        }
        keys
    }
}

/// An open picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picker {
    /// Which filter it sets.
    pub kind: PickerKind,
    /// What was typed.
    pub query: String,
    /// The cursor in the query, in characters.
    pub cursor: usize,
    /// Every choice.
    pub choices: Vec<Choice>,
    /// The choices matching the query (indices).
    pub matching: Vec<usize>,
    /// The selected matching choice.
    pub selected: usize,
}

impl Picker {
    /// Applies a typing or cursor request to the query and refilters when
    /// the text changed.
    pub fn edit(&mut self, request: tui_input::InputRequest) {
        let mut input = tui_input::Input::new(self.query.clone()).with_cursor(self.cursor);
        input.handle(request);
        self.cursor = input.cursor();
        if input.value() != self.query {
            self.query = input.value().to_owned();
            self.refilter();
        }
    }

    /// The query split at the cursor, for drawing it.
    pub fn query_at_cursor(&self) -> (String, String) {
        let chars: Vec<char> = self.query.chars().collect();
        let at = self.cursor.min(chars.len());
        (chars[..at].iter().collect(), chars[at..].iter().collect())
    }

    /// A picker over choices.
    pub fn new(kind: PickerKind, choices: Vec<Choice>) -> Picker {
        let matching = (0..choices.len()).collect();
        Picker {
            kind,
            query: String::new(),
            cursor: 0,
            choices,
            matching,
            selected: 0,
        }
    }

    /// Narrows the choices to those whose label or keys contain the query
    /// (folded, or as a [`name_key`]: `bo kh&cn`, `ubnd tinh binh duong`).
    pub fn refilter(&mut self) {
        let q = fold(self.query.trim());
        let key = name_key(&self.query);
        self.matching = (0..self.choices.len())
            .filter(|&i| {
                let c = &self.choices[i];
                fold(&c.label).contains(&q)
                    || c.keys.contains(&q)
                    || (!key.is_empty() && c.keys.contains(&key))
            })
            .collect();
        self.selected = 0;
    }

    /// The selected choice.
    pub fn current(&self) -> Option<&Choice> {
        self.matching.get(self.selected).map(|&i| &self.choices[i])
    }

    /// Moves the selection.
    pub fn step(&mut self, down: bool) {
        let n = self.matching.len();
        if n == 0 {
            return;
        }
        self.selected = if down {
            (self.selected + 1).min(n - 1)
        } else {
            self.selected.saturating_sub(1)
        };
    }
}
