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

    /// A count and its noun: Vietnamese nouns do not change (`1 nhiệm vụ`,
    /// `2 nhiệm vụ`), English ones take the singular for one (`1 task`,
    /// `2 tasks`). `en` is the English singular ([`plural_en`]).
    pub fn count(self, n: usize, vi: &str, en: &str) -> String {
        match self {
            Lang::Vi => format!("{n} {vi}"),
            Lang::En => format!("{n} {}", plural_en(n, en)),
        }
    }
}

/// The English noun for `n` things: `task` for one, `tasks` otherwise;
/// `agency` becomes `agencies`, a noun with a space (`overdue task`)
/// has its last word made plural.
pub fn plural_en(n: usize, one: &str) -> String {
    if n == 1 {
        return one.to_owned();
    }
    // A phrase whose head noun comes first (`task completed`, `task due`).
    for tail in [
        " completed",
        " due",
        " overdue",
        " blocked",
        " left",
        " written",
    ] {
        if let Some(head) = one.strip_suffix(tail) {
            return format!("{}{tail}", plural_en(n, head));
        }
    }
    if let Some(stem) = one
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        format!("{stem}ies")
    } else if one.ends_with('s') || one.ends_with("ch") || one.ends_with("sh") || one.ends_with('x')
    {
        format!("{one}es")
    } else {
        format!("{one}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_counts_take_the_singular_for_one() {
        assert_eq!(Lang::En.count(1, "nhiệm vụ", "task"), "1 task");
        assert_eq!(Lang::En.count(2, "nhiệm vụ", "task"), "2 tasks");
        assert_eq!(Lang::En.count(0, "nhiệm vụ", "task"), "0 tasks");
        assert_eq!(
            Lang::En.count(1, "nhiệm vụ hoàn thành", "task completed"),
            "1 task completed"
        );
        assert_eq!(
            Lang::En.count(3, "nhiệm vụ hoàn thành", "task completed"),
            "3 tasks completed"
        );
        assert_eq!(Lang::En.count(2, "cơ quan", "agency"), "2 agencies");
        assert_eq!(Lang::En.count(2, "tệp", "file"), "2 files");
        assert_eq!(
            Lang::En.count(2, "lần", "deadline change"),
            "2 deadline changes"
        );
        assert_eq!(Lang::Vi.count(2, "nhiệm vụ", "task"), "2 nhiệm vụ");
    }
}
