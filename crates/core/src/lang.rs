//! The two languages sauro speaks: Vietnamese by default, English on request.

/// A user-interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Tiếng Việt (the default).
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// Picks the text of this language.
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}
