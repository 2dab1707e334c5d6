//! The command line in Vietnamese (the default language): the help of every
//! command and option (clap takes the English one from the doc comments of
//! `args.rs`), the headings, and clap's errors, which name the offending
//! value. The language is known before parsing: [`lang_of`] reads `--lang`
//! and `$SAURO_LANG` from the raw arguments.

use crate::args::Lang;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};
use std::ffi::OsString;

/// The language asked for, read before clap parses: the last `--lang X` or
/// `--lang=X` before a lone `--`, else `$SAURO_LANG`, else Vietnamese.
pub fn lang_of(args: &[OsString], env: Option<OsString>) -> Lang {
    let mut asked: Option<String> = None;
    let mut it = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            asked = it.next();
        } else if let Some(v) = a.strip_prefix("--lang=") {
            asked = Some(v.to_owned());
        }
    }
    let asked = asked.or_else(|| env.map(|e| e.to_string_lossy().into_owned()));
    match asked.as_deref().map(str::trim) {
        Some(v) if v.eq_ignore_ascii_case("en") => Lang::En,
        _ => Lang::Vi,
    }
}

const FORMAT_TABLE: &str =
    "Định dạng: table (bảng canh cột cho người đọc), json (mảng JSON cho chương trình)";
const FORMAT_EXPORT: &str = "Định dạng: xlsx (bảng tính Excel), csv (UTF-8 có BOM, xuống dòng CRLF, cho Excel), md (bảng Markdown để dán vào email), json";
const OUTPUT_EXPORT: &str = "Ghi ra tệp này (hoặc thư mục khi có --split-by); không có thì in ra màn hình với csv, md, json";
const SPLIT_BY: &str =
    "lead: mỗi cơ quan chủ trì một tệp (hoặc, với xlsx ghi vào một tệp, một trang tính)";
const BY: &str =
    "Người ghi nhận [mặc định: $SAURO_USER, nếu không thì người dùng của hệ điều hành]";

/// Vietnamese help, by command path and argument id (`*` for any command;
/// an empty id for the command's own description).
const HELP: &[(&str, &str, &str)] = &[
    (
        "sauro",
        "",
        "Theo dõi nhiệm vụ được giao tại các văn bản chỉ đạo của Chính phủ, Thủ tướng Chính phủ, kiểm tra theo \"6 rõ\".",
    ),
    (
        "*",
        "db",
        "Tệp cơ sở dữ liệu, hoặc địa chỉ postgres:// (hiện chỉ `db init` và `db copy` dùng được) [mặc định: $SAURO_DB, nếu không thì thư mục dữ liệu của hệ điều hành]",
    ),
    (
        "*",
        "as_of",
        "Ngày tính trạng thái, dd/mm/yyyy hoặc YYYY-MM-DD [mặc định: hôm nay theo giờ Việt Nam, hoặc $SAURO_TODAY]. Lệnh ghi thay đổi chỉ nhận hôm nay: mỗi thay đổi mang ngày được ghi nhận",
    ),
    (
        "*",
        "lang",
        "Ngôn ngữ hiển thị: vi (tiếng Việt), en (tiếng Anh)",
    ),
    (
        "*",
        "due_soon_days",
        "Số ngày tới được tính là \"sắp đến hạn\"",
    ),
    (
        "*",
        "calendar",
        "Lịch ngày nghỉ (định dạng calendar.toml) thay cho lịch có sẵn: mỗi năm có trong tệp được lấy từ tệp",
    ),
    (
        "*",
        "include_classified",
        "Các văn bản xuất ra (danh sách, công văn, lịch, sơ đồ, báo cáo giao ban) gồm cả nhiệm vụ mật; không có tùy chọn này thì nhiệm vụ mật bị loại ra",
    ),
    ("*", "key", "Chỉ nhiệm vụ trọng tâm"),
    ("*", "help", "In trợ giúp"),
    ("*", "version", "In phiên bản"),
    (
        "*",
        "lead",
        "Chỉ nhiệm vụ do cơ quan này chủ trì: mã, tên hoặc tên gọi khác (\"Bộ KH&CN\", \"UBND tỉnh Bình Dương\"); cơ quan đã sáp nhập vào nó, hoặc nó đã sáp nhập vào, cũng được tính",
    ),
    (
        "*",
        "no_lead",
        "Chỉ nhiệm vụ chưa rõ cơ quan chủ trì (\"chưa rõ chủ trì\")",
    ),
    ("*", "directive", "Chỉ nhiệm vụ của văn bản này"),
    (
        "*",
        "search",
        "Chỉ nhiệm vụ có mã, tên, sản phẩm hoặc cơ quan chứa TEXT (không phân biệt dấu, chữ hoa thường)",
    ),
    ("*", "format", FORMAT_TABLE),
    ("*", "id", "Mã nhiệm vụ (không phân biệt chữ hoa thường)"),
    ("*", "by", BY),
    ("*", "user", BY),
    ("*", "output", "Ghi ra tệp này [mặc định: in ra màn hình]"),
    (
        "*",
        "within",
        "Số ngày tới (ngày tính trạng thái là ngày 0)",
    ),
    (
        "*",
        "authority",
        "Cơ quan có thẩm quyền đã quyết định (mã cơ quan, ví dụ TTG)",
    ),
    ("*", "reason", "Lý do"),
    ("*", "split_by", SPLIT_BY),
    (
        "sauro tui",
        "",
        "Mở giao diện trên terminal (cũng là điều `sauro` làm khi chạy một mình trong terminal)",
    ),
    (
        "sauro import",
        "",
        "Nhập tệp hoặc thư mục văn bản giao (một giao dịch; có lỗi thì không ghi gì)",
    ),
    (
        "sauro import",
        "paths",
        "Tệp hoặc thư mục chứa các tệp văn bản giao *.toml",
    ),
    (
        "sauro draft",
        "",
        "Soạn tệp văn bản giao từ một tài liệu (.docx, .xlsx, .ods, .md, .txt) để rà soát, rồi kiểm tra và nhập",
    ),
    ("sauro draft", "file", "Tài liệu"),
    (
        "sauro draft",
        "output",
        "Ghi bản soạn vào đây [mặc định: in ra màn hình]",
    ),
    (
        "sauro draft",
        "id",
        "Mã văn bản [mặc định: theo số hiệu của tài liệu, nếu không thì theo tên tệp]",
    ),
    (
        "sauro draft",
        "review",
        "Rà soát trong giao diện terminal (nhận, sửa, bỏ, gộp), rồi nhập hoặc ghi ra tệp [tệp: OUT.toml, nếu không thì tên tài liệu với đuôi .toml]",
    ),
    (
        "sauro check",
        "",
        "Báo các khoảng trống \"6 rõ\" và lỗi quan hệ phụ thuộc; mã thoát 1 khi có",
    ),
    (
        "sauro check",
        "paths",
        "Tệp hoặc thư mục cần kiểm tra mà không nhập [mặc định: cơ sở dữ liệu]",
    ),
    ("sauro list", "", "Liệt kê nhiệm vụ"),
    (
        "sauro list",
        "status",
        "Chỉ nhiệm vụ có trạng thái này (done_on_time, done_late, done_undated, open, overdue, ongoing, vague, no_deadline, cancelled, done)",
    ),
    ("sauro list", "blocked", "Chỉ nhiệm vụ bị chặn"),
    (
        "sauro list",
        "missing",
        "Chỉ nhiệm vụ thiếu \"rõ\" này (lead, title, responsible, product, deadline, authority; hoặc người, việc…)",
    ),
    (
        "sauro show",
        "",
        "Xem một nhiệm vụ: 6 rõ, quan hệ phụ thuộc, chuỗi đang chặn, ghi chú, lịch sử",
    ),
    (
        "sauro overdue",
        "",
        "Nhiệm vụ quá hạn, quá hạn lâu nhất trước",
    ),
    (
        "sauro blocked",
        "",
        "Nhiệm vụ bị chặn và nhiệm vụ đang chặn chúng",
    ),
    (
        "sauro due",
        "",
        "Nhiệm vụ chưa hoàn thành đến hạn trong DAYS ngày tới",
    ),
    (
        "sauro stats",
        "",
        "Thống kê theo cơ quan chủ trì, theo cách Văn phòng Chính phủ tính",
    ),
    (
        "sauro export",
        "",
        "Xuất danh sách để gửi: `sauro export overdue|blocked|due|all|stats`",
    ),
    (
        "sauro export overdue",
        "",
        "Nhiệm vụ quá hạn, dạng bảng tính, CSV, Markdown hoặc JSON",
    ),
    (
        "sauro export blocked",
        "",
        "Nhiệm vụ bị chặn, kèm lý do bị chặn",
    ),
    (
        "sauro export due",
        "",
        "Nhiệm vụ chưa hoàn thành đến hạn trong N ngày tới, kèm số ngày còn lại",
    ),
    ("sauro export all", "", "Mọi nhiệm vụ, kèm trạng thái"),
    (
        "sauro export stats",
        "",
        "Bảng thống kê theo cơ quan chủ trì",
    ),
    ("sauro export *", "format", FORMAT_EXPORT),
    ("sauro export *", "output", OUTPUT_EXPORT),
    (
        "sauro letter",
        "",
        "Soạn công văn để gửi: `sauro letter overdue --lead BCA`",
    ),
    (
        "sauro letter overdue",
        "",
        "Công văn đôn đốc gửi một cơ quan chủ trì: nhiệm vụ quá hạn và sắp đến hạn của cơ quan",
    ),
    (
        "sauro letter overdue",
        "format",
        "Định dạng: docx (văn bản Word để ký, Times New Roman, thể thức Nghị định 30/2020), md (Markdown, để gửi email hoặc rà soát)",
    ),
    (
        "sauro letter overdue",
        "output",
        "Ghi ra tệp này (hoặc thư mục khi có --split-by); không có thì in ra màn hình với md",
    ),
    (
        "sauro letter overdue",
        "split_by",
        "lead: mỗi cơ quan chủ trì có nhiệm vụ quá hạn hoặc sắp đến hạn một công văn",
    ),
    (
        "sauro briefing",
        "",
        "Báo cáo giao ban tuần: đã hoàn thành, mới quá hạn, sắp đến hạn, bị chặn, theo cơ quan",
    ),
    (
        "sauro briefing",
        "week",
        "Một tuần: số tuần trong năm của ngày tính (48) hoặc ISO (2026-W47) [mặc định: tuần của ngày tính; vào thứ Hai, tuần vừa kết thúc]",
    ),
    (
        "sauro briefing",
        "last_week",
        "Tuần trước tuần của ngày tính",
    ),
    (
        "sauro briefing",
        "from",
        "Ngày đầu kỳ (dd/mm/yyyy hoặc YYYY-MM-DD)",
    ),
    (
        "sauro briefing",
        "to",
        "Ngày cuối kỳ (dd/mm/yyyy hoặc YYYY-MM-DD)",
    ),
    (
        "sauro briefing",
        "format",
        "Định dạng: md (Markdown), html (một tệp HTML in được trên A4), docx (văn bản Word để sửa, Times New Roman 13 pt, A4)",
    ),
    (
        "sauro briefing",
        "unit",
        "Đơn vị ban hành, một dòng trên tiêu đề (ví dụ \"Văn phòng Chính phủ\")",
    ),
    (
        "sauro graph",
        "",
        "Sơ đồ quan hệ phụ thuộc, cho Graphviz hoặc Mermaid",
    ),
    (
        "sauro graph",
        "format",
        "Định dạng: dot (Graphviz DOT), mermaid (lưu đồ Mermaid)",
    ),
    (
        "sauro graph",
        "root",
        "Chỉ các nhiệm vụ tiên quyết và phụ thuộc của nhiệm vụ này",
    ),
    (
        "sauro graph",
        "open_only",
        "Bỏ các nhiệm vụ đã hoàn thành và đã dừng",
    ),
    (
        "sauro calendar",
        "",
        "Mỗi nhiệm vụ chưa hoàn thành có ngày hạn thành một sự kiện cả ngày vào ngày hạn (iCalendar)",
    ),
    (
        "sauro calendar",
        "remind_days",
        "Nhắc trước mỗi hạn chừng này ngày, lúc 09:00 (0: không nhắc)",
    ),
    ("sauro done", "", "Đánh dấu nhiệm vụ đã hoàn thành"),
    (
        "sauro done",
        "on",
        "Ngày hoàn thành, dd/mm/yyyy hoặc YYYY-MM-DD [mặc định: ngày tính]",
    ),
    (
        "sauro reopen",
        "",
        "Mở lại một nhiệm vụ đã hoàn thành hoặc đã dừng",
    ),
    (
        "sauro cancel",
        "",
        "Dừng thực hiện (rút) một nhiệm vụ theo quyết định của cấp có thẩm quyền",
    ),
    (
        "sauro extend",
        "",
        "Điều chỉnh thời hạn của nhiệm vụ theo quyết định của cấp có thẩm quyền",
    ),
    (
        "sauro extend",
        "to",
        "Thời hạn mới, theo bất kỳ cách viết được chấp nhận (ví dụ \"quý III/2026\", 30/9/2026)",
    ),
    (
        "sauro extend",
        "basis",
        "Văn bản làm căn cứ (ví dụ 9061/VPCP-CN)",
    ),
    (
        "sauro holidays",
        "",
        "Các ngày nghỉ trong năm ở Việt Nam, kèm lý do, và các ngày cuối tuần làm bù",
    ),
    (
        "sauro holidays",
        "year",
        "Năm [mặc định: năm của ngày tính]",
    ),
    ("sauro note", "", "Thêm ghi chú cho nhiệm vụ"),
    ("sauro note", "text", "Nội dung ghi chú"),
    (
        "sauro db",
        "",
        "Thiết lập cơ sở dữ liệu (SQLite, hoặc PostgreSQL dùng chung) hoặc chép cơ sở dữ liệu: `sauro db init|copy`",
    ),
    (
        "sauro db init",
        "",
        "Thiết lập cơ sở dữ liệu của --db / $SAURO_DB: với PostgreSQL là các vai trò, lược đồ và quyền (chạy với quyền superuser); tệp SQLite được tạo hoặc cập nhật lược đồ",
    ),
    (
        "sauro db copy",
        "",
        "Chép toàn bộ cơ sở dữ liệu, cả lịch sử, sang một cơ sở dữ liệu trống: SQLite hoặc PostgreSQL, theo cả hai chiều; một giao dịch, được đối chiếu trước khi ghi nhận",
    ),
    (
        "sauro db copy",
        "from",
        "Cơ sở dữ liệu nguồn: tệp SQLite hoặc địa chỉ postgres://",
    ),
    (
        "sauro db copy",
        "to",
        "Cơ sở dữ liệu đích, phải trống: tệp SQLite (được tạo nếu chưa có) hoặc địa chỉ postgres://",
    ),
];

/// The Vietnamese help of an argument (`id`) or, with an empty id, of the
/// command at `path`: the entry for the path, else for its parent with `*`
/// (`sauro export *`), else for any command.
pub fn help(path: &str, id: &str) -> Option<&'static str> {
    // `help` (`sauro help`, `sauro export help list`): the words of the
    // command it names.
    let words: Vec<&str> = path.split(' ').collect();
    if let Some(i) = words
        .iter()
        .skip(1)
        .position(|w| *w == "help")
        .map(|i| i + 1)
    {
        if i + 1 == words.len() {
            return Some("In trợ giúp của lệnh này hoặc của một lệnh con");
        }
        let mut rest = words.clone();
        rest.remove(i);
        return help(&rest.join(" "), id);
    }
    let parent_any = path.rsplit_once(' ').map(|(p, _)| format!("{p} *"));
    let exact = HELP.iter().find(|(p, i, _)| *p == path && *i == id);
    let parent = || {
        HELP.iter()
            .find(|(p, i, _)| Some(*p) == parent_any.as_deref() && *i == id)
    };
    let any = || {
        HELP.iter()
            .find(|(p, i, _)| *p == "*" && *i == id && !id.is_empty())
    };
    exact.or_else(parent).or_else(any).map(|(_, _, h)| *h)
}

const TEMPLATE: &str =
    "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}";

/// The command in Vietnamese: built first (so global options, `--help`,
/// `--version` and the `help` command exist in every command), then each
/// description and option help replaced, the headings and the list of
/// accepted values in words.
pub fn vietnamese(mut cmd: Command) -> Command {
    cmd.build();
    translate(cmd, "sauro")
}

fn translate(mut cmd: Command, path: &str) -> Command {
    if let Some(h) = help(path, "") {
        cmd = cmd.about(h);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    for id in ids {
        let text = help(path, &id);
        cmd = cmd.mut_arg(&id, |a: Arg| {
            let heading = if a.is_positional() {
                "Đối số"
            } else {
                "Tùy chọn"
            };
            let a = a.help_heading(heading);
            let Some(t) = text else { return a };
            // The accepted values are in the Vietnamese text; the default
            // and the environment variable said in Vietnamese.
            let mut t = t.to_owned();
            let defaults: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            if !defaults.is_empty() && !t.contains("mặc định") {
                t.push_str(&format!(" [mặc định: {}]", defaults.join(", ")));
            }
            if let Some(env) = a.get_env() {
                t.push_str(&format!(" [biến môi trường: {}]", env.to_string_lossy()));
            }
            a.help(t)
                .hide_possible_values(true)
                .hide_default_value(true)
                .hide_env(true)
        });
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_owned())
        .collect();
    for n in names {
        let sub = format!("{path} {n}");
        cmd = cmd.mut_subcommand(&n, |s| translate(s, &sub));
    }
    cmd.subcommand_help_heading("Lệnh")
        .subcommand_value_name("LỆNH")
        .help_template(TEMPLATE)
}

fn text(v: Option<&ContextValue>) -> String {
    match v {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join(", "),
        Some(ContextValue::StyledStr(s)) => s.to_string(),
        Some(ContextValue::StyledStrs(s)) => s
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        Some(ContextValue::Number(n)) => n.to_string(),
        Some(ContextValue::Bool(b)) => b.to_string(),
        _ => String::new(),
    }
}

/// A clap error in Vietnamese, naming the option and the value; `None` for
/// help and version (printed as clap prints them) and kinds without words.
pub fn error_message(e: &clap::Error) -> Option<String> {
    let arg = text(e.get(ContextKind::InvalidArg));
    let value = text(e.get(ContextKind::InvalidValue));
    let valid = text(e.get(ContextKind::ValidValue));
    let suggested = text(e.get(ContextKind::SuggestedArg))
        + &text(e.get(ContextKind::SuggestedSubcommand))
        + &text(e.get(ContextKind::SuggestedValue));
    let hint = if suggested.is_empty() {
        String::new()
    } else {
        format!("; có phải là '{suggested}'?")
    };
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("không có tùy chọn '{arg}'{hint}"),
        ErrorKind::InvalidSubcommand => {
            let sub = text(e.get(ContextKind::InvalidSubcommand));
            format!("không có lệnh '{sub}'{hint}")
        }
        ErrorKind::InvalidValue if value.is_empty() => {
            format!("thiếu giá trị cho '{arg}'")
        }
        ErrorKind::InvalidValue => {
            let accepted = if valid.is_empty() {
                String::new()
            } else {
                format!("; các giá trị được chấp nhận: {valid}")
            };
            format!("giá trị '{value}' không hợp lệ cho '{arg}'{accepted}{hint}")
        }
        ErrorKind::ValueValidation => {
            let why = match std::error::Error::source(e) {
                Some(s) if s.is::<std::num::ParseIntError>() => {
                    ": phải là một số nguyên".to_owned()
                }
                Some(s) => format!(": {s}"),
                None => String::new(),
            };
            format!("giá trị '{value}' không hợp lệ cho '{arg}'{why}")
        }
        ErrorKind::NoEquals => format!("'{arg}' cần giá trị viết liền với dấu '='"),
        ErrorKind::TooManyValues => format!("thừa giá trị '{value}' cho '{arg}'"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!(
                "'{arg}' cần {} giá trị",
                text(e.get(ContextKind::ExpectedNumValues))
            )
        }
        ErrorKind::ArgumentConflict => {
            let prior = text(e.get(ContextKind::PriorArg));
            format!("'{arg}' không dùng cùng với '{prior}'")
        }
        ErrorKind::MissingRequiredArgument => {
            format!("thiếu tham số bắt buộc: {arg}")
        }
        ErrorKind::MissingSubcommand => {
            let sub = text(e.get(ContextKind::InvalidSubcommand));
            format!(
                "thiếu lệnh con{}",
                if sub.is_empty() {
                    String::new()
                } else {
                    format!(" cho '{sub}'")
                }
            )
        }
        _ => return None,
    };
    let usage = text(e.get(ContextKind::Usage));
    let usage = usage.trim().trim_start_matches("Usage:").trim();
    Some(if usage.is_empty() {
        format!("lỗi: {message}\n\nXem thêm: --help\n")
    } else {
        format!("lỗi: {message}\n\nCách dùng: {usage}\n\nXem thêm: --help\n")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn os(v: &[&str]) -> Vec<OsString> {
        v.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_before_parsing() {
        assert_eq!(lang_of(&os(&["sauro", "list"]), None), Lang::Vi);
        assert_eq!(
            lang_of(&os(&["sauro", "--lang", "en", "list"]), None),
            Lang::En
        );
        assert_eq!(
            lang_of(&os(&["sauro", "list", "--lang=en"]), None),
            Lang::En
        );
        assert_eq!(
            lang_of(&os(&["sauro", "list"]), Some("en".into())),
            Lang::En
        );
        assert_eq!(
            lang_of(&os(&["sauro", "--lang", "vi"]), Some("en".into())),
            Lang::Vi
        );
        assert_eq!(
            lang_of(&os(&["sauro", "note", "A", "--", "--lang", "en"]), None),
            Lang::Vi
        );
    }

    #[test]
    fn every_command_and_option_has_vietnamese_help() {
        let mut cmd = crate::args::Cli::command();
        cmd.build();
        let mut missing = Vec::new();
        fn walk(cmd: &Command, path: &str, missing: &mut Vec<String>) {
            if help(path, "").is_none() {
                missing.push(path.to_owned());
            }
            for a in cmd.get_arguments() {
                if help(path, a.get_id().as_str()).is_none() {
                    missing.push(format!("{path} --{}", a.get_id()));
                }
            }
            for s in cmd.get_subcommands() {
                walk(s, &format!("{path} {}", s.get_name()), missing);
            }
        }
        walk(&cmd, "sauro", &mut missing);
        assert!(missing.is_empty(), "no Vietnamese help: {missing:?}");
    }

    #[test]
    fn the_vietnamese_help_replaces_the_english() {
        let mut cmd = vietnamese(crate::args::Cli::command());
        let top = cmd.render_help().to_string();
        assert!(top.contains("Cách dùng:") && top.contains("Lệnh:"), "{top}");
        assert!(
            top.contains("Tùy chọn:") && top.contains("In trợ giúp"),
            "{top}"
        );
        assert!(
            !top.contains("Usage:") && !top.contains("Print help"),
            "{top}"
        );
        let export = cmd.find_subcommand_mut("export").unwrap();
        let due = export.find_subcommand_mut("due").unwrap();
        let h = due.render_help().to_string();
        assert!(
            h.contains("kèm số ngày còn lại") && h.contains("bảng tính Excel"),
            "{h}"
        );
        assert!(h.contains("Ngày tính trạng thái"), "a global option: {h}");
    }
}
