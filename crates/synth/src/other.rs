//! A second, independent generator, for checking that sauro's speed does not
//! depend on the shape of the project's own data: programme appendices of
//! 2,500 tasks a file, titles from a few words to several lines, support
//! lists of up to five agencies, notes, more than half the tasks with one to
//! four prerequisites (spread over the last 5,000 tasks, across files), and
//! deadlines in the wordings of real appendix tables (bare months and years,
//! ranges, quarters, recurring and vague words, TOML dates).

use crate::{Rng, quote};
use std::fmt::Write;

/// Tasks per file.
pub const PER_FILE: usize = 2_500;

const WORDS: &[&str] = &[
    "xây dựng",
    "hoàn thiện",
    "thể chế",
    "chính sách",
    "phát triển",
    "hạ tầng số",
    "dữ liệu",
    "nền tảng",
    "dịch vụ công",
    "trực tuyến",
    "toàn trình",
    "cấp tỉnh",
    "cấp xã",
    "kết nối",
    "chia sẻ",
    "an toàn thông tin",
    "chữ ký số",
    "định danh điện tử",
    "đào tạo",
    "nhân lực",
    "đổi mới sáng tạo",
    "doanh nghiệp",
    "khởi nghiệp",
    "hợp tác quốc tế",
    "giám sát",
    "đánh giá",
    "báo cáo",
    "Thủ tướng Chính phủ",
    "ngân sách",
    "đầu tư",
    "thủ tục hành chính",
    "cắt giảm",
];

const LEADS: &[&str] = &[
    "BCA",
    "BKHCN",
    "BTC",
    "BTP",
    "BNV",
    "BYT",
    "BGDDT",
    "BXD",
    "BCT",
    "BNNMT",
    "BQP",
    "BNG",
    "BVHTTDL",
    "BDTTG",
    "NHNN",
    "TTCP",
    "VPCP",
    "HANOI",
    "HUE",
    "HAIPHONG",
    "DANANG",
    "HOCHIMINH",
    "CANTHO",
    "QUANGNINH",
    "THANHHOA",
    "NGHEAN",
    "LAMDONG",
    "DONGNAI",
    "ANGIANG",
    "CAMAU",
];

/// A deadline in one of the wordings of real appendix tables.
fn deadline(rng: &mut Rng) -> String {
    let y = 2025 + rng.below(4);
    let m = 1 + rng.below(12);
    match rng.below(14) {
        0 => format!("{m}/{y}"),
        1 => format!("{m:02}/{y}"),
        2 => format!("{y}"),
        3 => format!("{y} - {}", y + 1),
        4 => format!("giai đoạn {y} - {}", y + 2),
        5 => format!("Quý {}/{y}", ["I", "II", "III", "IV"][rng.below(4)]),
        6 => format!("quý {}/{y}", 1 + rng.below(4)),
        7 => format!("trước {}/{m}/{y}", 1 + rng.below(28)),
        8 => format!("ngày {} tháng {m} năm {y}", 1 + rng.below(28)),
        9 => "Thường xuyên".to_owned(),
        10 => "hằng quý".to_owned(),
        11 => "khẩn trương".to_owned(),
        12 => format!("tháng {m} năm {y}"),
        _ => format!("6 tháng đầu năm {y}"),
    }
}

/// A title of 2 to 60 words.
fn title(rng: &mut Rng, n: usize) -> String {
    let words = 2 + match rng.below(10) {
        0 => 40 + rng.below(20),
        1..=3 => 12 + rng.below(12),
        _ => rng.below(10),
    };
    let mut t = String::from(*rng.pick::<&str>(&[
        "Xây dựng",
        "Trình",
        "Hoàn thành",
        "Triển khai",
        "Rà soát",
    ]));
    for _ in 0..words {
        t.push(' ');
        t.push_str(rng.pick::<&str>(WORDS));
    }
    let _ = write!(t, " (mục {n})");
    t
}

/// Writes one task's fields after its id and title.
fn fields(text: &mut String, rng: &mut Rng, ids: &[String], issued_year: usize) {
    let lead = *rng.pick(LEADS);
    let _ = writeln!(text, "lead = \"{lead}\"");
    let n_support = rng.below(6);
    if n_support > 0 {
        let support: Vec<String> = (0..n_support)
            .map(|_| *rng.pick(LEADS))
            .filter(|s| *s != lead)
            .map(quote)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if !support.is_empty() {
            let _ = writeln!(text, "support = [{}]", support.join(", "));
        }
    }
    if rng.below(3) > 0 {
        let _ = writeln!(
            text,
            "product = {}",
            quote(&format!("Báo cáo {}", rng.pick(WORDS)))
        );
    }
    if rng.below(2) == 0 {
        let _ = writeln!(text, "responsible = \"Bộ trưởng, Chủ tịch UBND\"");
    }
    if rng.below(8) > 0 {
        if rng.below(10) == 0 {
            let _ = writeln!(
                text,
                "deadline = {issued_year}-{:02}-{:02}",
                6 + rng.below(7),
                1 + rng.below(28)
            );
        } else {
            let _ = writeln!(text, "deadline = {}", quote(&deadline(rng)));
        }
    }
    if rng.below(4) > 0 {
        let _ = writeln!(text, "authority = \"{}\"", rng.pick(&["TTG", "CP", "QH"]));
    }
    if !ids.is_empty() && rng.below(100) < 60 {
        let window = ids.len().min(5_000);
        let deps: std::collections::BTreeSet<&String> = (0..1 + rng.below(4))
            .map(|_| &ids[ids.len() - 1 - rng.below(window)])
            .collect();
        let deps: Vec<String> = deps.into_iter().map(|d| quote(d)).collect();
        let _ = writeln!(text, "depends_on = [{}]", deps.join(", "));
    }
    if rng.below(3) == 0 {
        let _ = writeln!(text, "note = {}", quote(&title(rng, 0)));
    }
    if rng.below(6) == 0 {
        let _ = writeln!(
            text,
            "status = \"done\"\ndone_on = {issued_year}-{:02}-{:02}",
            3 + rng.below(9),
            1 + rng.below(28)
        );
    }
}

/// Generates `tasks` tasks in files of [`PER_FILE`] tasks: `(file name,
/// TOML text)` pairs. Ids are `KH-<file>/<n>`; every directive is issued in
/// the first days of January 2025, so every done day comes after it.
pub fn directive_files(tasks: usize, seed: u64) -> Vec<(String, String)> {
    let mut rng = Rng::new(seed ^ 0x5EED_0F0E_u64);
    let mut files = Vec::new();
    let mut ids: Vec<String> = Vec::with_capacity(tasks);
    let mut file_no = 0;
    while ids.len() < tasks {
        file_no += 1;
        let mut text = String::with_capacity(PER_FILE * 700);
        let _ = write!(
            text,
            "schema = 1\n\n[directive]\nid = \"KH-{file_no}\"\nnumber = \"{file_no}/NQ-CP\"\n\
             title = \"Nghị quyết ban hành Chương trình hành động số {file_no}\"\nissued_by = \"CP\"\n\
             issued_on = 2025-01-{:02}\n",
            1 + rng.below(9)
        );
        let in_file = PER_FILE.min(tasks - ids.len());
        for k in 1..=in_file {
            let id = format!("KH-{file_no}/{k}");
            let _ = write!(
                text,
                "\n[[task]]\nid = {}\ntitle = {}\n",
                quote(&id),
                quote(&title(&mut rng, ids.len()))
            );
            fields(&mut text, &mut rng, &ids, 2025);
            ids.push(id);
        }
        files.push((format!("kh-{file_no:04}.toml"), text));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_and_sized() {
        let a = directive_files(6_000, 1);
        assert_eq!(a.len(), 3);
        assert_eq!(a, directive_files(6_000, 1));
        let tasks: usize = a.iter().map(|(_, t)| t.matches("\n[[task]]").count()).sum();
        assert_eq!(tasks, 6_000);
        let with_deps: usize = a.iter().map(|(_, t)| t.matches("depends_on").count()).sum();
        assert!(with_deps > 3_000, "{with_deps}");
    }
}
