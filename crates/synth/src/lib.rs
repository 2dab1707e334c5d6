//! A deterministic generator of synthetic directive files, for tests and
//! benchmarks: Vietnamese titles, deadlines in the accepted wordings, and a
//! dependency DAG (each task depends only on earlier ones).

use std::fmt::Write;

pub mod other;

/// A tiny deterministic generator (SplitMix64), so the same seed gives the same data.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const VERBS: &[&str] = &[
    "Trình Chính phủ ban hành",
    "Xây dựng, trình Thủ tướng phê duyệt",
    "Hoàn thiện",
    "Triển khai",
    "Tổng kết, đánh giá",
    "Sửa đổi, bổ sung",
    "Đưa vào vận hành",
    "Báo cáo Thủ tướng về",
];
const OBJECTS: &[&str] = &[
    "nghị quyết về phát triển công dân số",
    "đề án phát triển ứng dụng định danh điện tử",
    "cơ sở dữ liệu quốc gia về đất đai",
    "nền tảng số dùng chung cấp tỉnh",
    "dịch vụ công trực tuyến toàn trình",
    "Luật Giao dịch điện tử",
    "hệ thống thông tin báo cáo Chính phủ",
    "kế hoạch chuyển đổi số ngành y tế",
    "trung tâm dữ liệu quốc gia",
    "chữ ký số cá nhân cho cán bộ cấp xã",
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
    "VPCP",
    "NHNN",
    "HANOI",
    "HOCHIMINH",
    "DANANG",
    "CAC_BO_TINH",
];
const AUTHORITIES: &[&str] = &["CP", "TTG", "QH", "BCDCP"];

fn deadline(rng: &mut Rng) -> String {
    let year = 2025 + rng.below(3);
    match rng.below(10) {
        0 => format!("quý {}/{year}", ["I", "II", "III", "IV"][rng.below(4)]),
        1 => format!("quý {}/{year}", 1 + rng.below(4)),
        2 => format!("tháng {}/{year}", 1 + rng.below(12)),
        3 => format!("tháng {}.{year}", 1 + rng.below(12)),
        4 => format!(
            "trước ngày {}/{}/{year}",
            1 + rng.below(28),
            1 + rng.below(12)
        ),
        5 => format!("năm {year}"),
        6 => "thường xuyên".to_owned(),
        7 => format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28)),
        _ => format!("{}/{}/{year}", 1 + rng.below(28), 1 + rng.below(12)),
    }
}

/// `s` as a TOML basic string.
pub(crate) fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// Generates `tasks` tasks spread over directive files of `per_file` tasks
/// each. Returns `(file name, TOML text)` pairs. Ids are `SYN-<file>/<n>`;
/// about a third of tasks depend on one or two earlier tasks (any file), and
/// about a fifth are done.
pub fn directive_files(tasks: usize, per_file: usize, seed: u64) -> Vec<(String, String)> {
    let per_file = per_file.max(1);
    let mut rng = Rng::new(seed);
    let mut files = Vec::new();
    let mut ids: Vec<String> = Vec::with_capacity(tasks);
    let mut n = 0;
    let mut file_no = 0;
    while n < tasks {
        file_no += 1;
        let mut text = String::with_capacity(per_file * 400);
        let issued = (1 + rng.below(12), 1 + rng.below(28));
        let _ = write!(
            text,
            "schema = 1\n\n[directive]\nid = \"SYN-{file_no}\"\nnumber = \"{file_no}/TB-VPCP\"\n\
             title = \"Thông báo kết luận số {file_no}\"\nissued_by = \"VPCP\"\nissued_on = 2025-{:02}-{:02}\n",
            issued.0, issued.1
        );
        for k in 1..=per_file.min(tasks - n) {
            let id = format!("SYN-{file_no}/{k}");
            let lead = *rng.pick(LEADS);
            let _ = write!(
                text,
                "\n[[task]]\nid = {}\ntitle = {}\nlead = \"{lead}\"\n",
                quote(&id),
                quote(&format!(
                    "{} {} (đợt {n})",
                    rng.pick(VERBS),
                    rng.pick(OBJECTS)
                ))
            );
            if rng.below(3) > 0 {
                let _ = writeln!(
                    text,
                    "support = [\"{}\"]",
                    if lead == "BTC" { "BTP" } else { "BTC" }
                );
            }
            if rng.below(4) > 0 {
                let _ = writeln!(text, "responsible = \"Người đứng đầu {lead}\"");
            }
            if rng.below(5) > 0 {
                let _ = writeln!(
                    text,
                    "product = {}",
                    quote(&format!("Văn bản về {}", rng.pick(OBJECTS)))
                );
            }
            if rng.below(10) > 0 {
                let _ = writeln!(text, "deadline = {}", quote(&deadline(&mut rng)));
            }
            if rng.below(6) > 0 {
                let _ = writeln!(text, "authority = \"{}\"", rng.pick(AUTHORITIES));
            }
            if !ids.is_empty() && rng.below(3) == 0 {
                let window = ids.len().min(2000);
                let a = &ids[ids.len() - 1 - rng.below(window)];
                let b = &ids[ids.len() - 1 - rng.below(window)];
                if a == b {
                    let _ = writeln!(text, "depends_on = [{}]", quote(a));
                } else {
                    let _ = writeln!(text, "depends_on = [{}, {}]", quote(a), quote(b));
                }
            }
            if rng.below(5) == 0 {
                // Never before the directive was issued (import refuses that).
                let done = (1 + rng.below(12), 1 + rng.below(28)).max(issued);
                let _ = writeln!(
                    text,
                    "status = \"done\"\ndone_on = 2025-{:02}-{:02}",
                    done.0, done.1
                );
            }
            ids.push(id);
            n += 1;
        }
        files.push((format!("syn-{file_no:05}.toml"), text));
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_files() {
        let a = directive_files(50, 20, 7);
        assert_eq!(a.len(), 3);
        assert_eq!(a, directive_files(50, 20, 7));
        assert_ne!(a, directive_files(50, 20, 8));
    }
}
