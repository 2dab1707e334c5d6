use super::*;
use crate::fold::fold;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The issue date used where a test does not name one.
fn reference() -> NaiveDate {
    day(2025, 3, 1)
}

/// The ways one wording may be typed: as given, without diacritics, in
/// upper and lower case, with extra spaces.
fn variants(written: &str) -> Vec<String> {
    vec![
        written.to_owned(),
        fold(written),
        written.to_uppercase(),
        written.to_lowercase(),
        fold(written).to_uppercase(),
        format!("  {}\t", written.replace(' ', "   ")),
    ]
}

fn assert_due(written: &str, reference: NaiveDate, due: Due) {
    for v in variants(written) {
        match Deadline::parse(&v, reference) {
            Ok(d) => {
                assert_eq!(d.due, due, "{v:?}");
                assert_eq!(d.written, v, "the wording is kept as written");
            }
            Err(e) => panic!("{v:?} should read as {due:?}: {e}"),
        }
    }
}

fn assert_on(written: &str, expected: NaiveDate) {
    assert_due(written, reference(), Due::On(expected));
}

fn refusal(written: &str) -> DeadlineError {
    match Deadline::parse(written, reference()) {
        Ok(d) => panic!("{written:?} should be refused, read as {d:?}"),
        Err(e) => e,
    }
}

#[test]
fn days() {
    for w in [
        "2025-08-19",
        "19/8/2025",
        "19-8-2025",
        "19.8.2025",
        "19/08/2025",
        "ngày 19/8/2025",
        "vào ngày 19/8/2025",
        "ngày 19 tháng 8 năm 2025",
        "19 tháng 8 năm 2025",
        "ngày 19 / 8 / 2025",
        "19/8/2025.",
    ] {
        assert_on(w, day(2025, 8, 19));
    }
}

#[test]
fn days_before_or_at_the_latest() {
    for w in [
        "trước ngày 30/6/2025",
        "trước 30/6/2025",
        "chậm nhất ngày 30/6/2025",
        "chậm nhất 30/6/2025",
        "chậm nhất là ngày 30/6/2025",
        "đến ngày 30/6/2025",
        "hoàn thành trước ngày 30/6/2025",
        "Trước ngày 30 tháng 6 năm 2025",
    ] {
        assert_on(w, day(2025, 6, 30));
    }
}

#[test]
fn days_without_a_year_roll_over() {
    for w in [
        "trước 15/2",
        "trước ngày 15/2",
        "ngày 15/2",
        "trước ngày 15 tháng 2",
    ] {
        assert_due(w, day(2025, 3, 1), Due::On(day(2026, 2, 15)));
        assert_due(w, day(2025, 1, 10), Due::On(day(2025, 2, 15)));
        // The reference day itself is not before the reference.
        assert_due(w, day(2025, 2, 15), Due::On(day(2025, 2, 15)));
        assert_due(w, day(2025, 2, 16), Due::On(day(2026, 2, 15)));
    }
}

#[test]
fn months() {
    for w in [
        "tháng 2/2026",
        "tháng 2.2026",
        "tháng 02/2026",
        "tháng 2-2026",
        "trong tháng 2/2026",
    ] {
        assert_on(w, day(2026, 2, 28));
    }
    for w in [
        "trong tháng 6/2025",
        "tháng 6 năm 2025",
        "đến tháng 6/2025",
        "đến hết tháng 6/2025",
        "cuối tháng 6/2025",
        "chậm nhất trong tháng 6/2025",
    ] {
        assert_on(w, day(2025, 6, 30));
    }
    assert_on("tháng 02 năm 2025", day(2025, 2, 28));
    assert_on("trong tháng 02 năm 2025", day(2025, 2, 28));
    assert_on("tháng 12/2025", day(2025, 12, 31));
    assert_on("tháng 1/2026", day(2026, 1, 31));
    assert_on("tháng 4/2026", day(2026, 4, 30));
}

#[test]
fn leap_years() {
    assert_on("tháng 2/2024", day(2024, 2, 29));
    assert_on("tháng 2/2000", day(2000, 2, 29));
    assert_on("tháng 2/2100", day(2100, 2, 28));
    assert_on("29/2/2024", day(2024, 2, 29));
    assert!(refusal("29/2/2025").reason.to_string().contains("28 days"));
    // No year: 29/2 in a year that has none is refused, not moved.
    assert_due("trước 29/2", day(2027, 3, 1), Due::On(day(2028, 2, 29)));
    assert!(Deadline::parse("trước 29/2", day(2025, 3, 1)).is_err());
}

#[test]
fn quarters() {
    for w in [
        "quý 1/2026",
        "Quý I/2026",
        "quý i/2026",
        "QUÝ I/2026",
        "quý 1.2026",
        "quý I năm 2026",
    ] {
        assert_on(w, day(2026, 3, 31));
    }
    for w in [
        "quý II năm 2025",
        "Quý II/2025",
        "quý 2/2025",
        "hoàn thành trong Quý II/2025",
    ] {
        assert_on(w, day(2025, 6, 30));
    }
    for w in [
        "trong quý 3/2026",
        "quý III/2026",
        "quý iii/2026",
        "trong Quý III năm 2026",
    ] {
        assert_on(w, day(2026, 9, 30));
    }
    for w in [
        "Quý IV/2025",
        "quý 4/2025",
        "quý iv/2025",
        "trong quý IV/2025",
    ] {
        assert_on(w, day(2025, 12, 31));
    }
}

#[test]
fn months_and_quarters_without_a_year() {
    assert_on("quý 3", day(2025, 9, 30));
    assert_on("quý III", day(2025, 9, 30));
    assert_on("tháng 6", day(2025, 6, 30));
    assert_on("trong tháng 6", day(2025, 6, 30));
    assert_due("quý 1", day(2026, 5, 1), Due::On(day(2026, 3, 31)));
}

#[test]
fn halves() {
    assert_on("6 tháng đầu năm 2025", day(2025, 6, 30));
    assert_on("trong 6 tháng đầu năm 2025", day(2025, 6, 30));
    assert_on("6 tháng cuối năm 2025", day(2025, 12, 31));
    assert_on("nửa đầu năm 2026", day(2026, 6, 30));
    assert_on("9 tháng đầu năm 2025", day(2025, 9, 30));
    assert_on("6 tháng đầu năm", day(2025, 6, 30));
}

#[test]
fn years() {
    assert_on("năm 2026", day(2026, 12, 31));
    for w in [
        "trong năm 2025",
        "cuối năm 2025",
        "đến hết năm 2025",
        "hoàn thành trong năm 2025",
    ] {
        assert_on(w, day(2025, 12, 31));
    }
    assert_on("đến năm 2027", day(2027, 12, 31));
}

#[test]
fn leading_verbs_are_dropped() {
    assert_on("hoàn thành trong Quý II/2025", day(2025, 6, 30));
    assert_on("hoàn thành quý II/2025", day(2025, 6, 30));
    assert_on("xong trước 30/6/2025", day(2025, 6, 30));
    assert_on(
        "vận hành, triển khai chính thức quý III/2025",
        day(2025, 9, 30),
    );
    assert_on(
        "Vận hành, triển khai chính thức trong tháng 7/2025",
        day(2025, 7, 31),
    );
    assert_on("hoàn thành trước 15/2", day(2026, 2, 15));
}

#[test]
fn ongoing() {
    for w in [
        "thường xuyên",
        "hằng năm",
        "hàng năm",
        "liên tục",
        "Thường xuyên.",
    ] {
        assert_due(w, reference(), Due::Ongoing);
    }
    let d = Deadline::parse("thường xuyên", reference()).unwrap();
    assert_eq!(d.date(), None);
    assert!(!d.due.is_dated());
}

#[test]
fn vague() {
    for w in [
        "khẩn trương",
        "sớm",
        "ngay",
        "nhanh chóng",
        "theo tiến độ đã được giao",
        "tại kỳ họp thứ 9",
        "tại kỳ họp thứ 10",
        "Tại Kỳ họp thứ 9 Quốc hội khóa XV",
        "hoàn thành sớm",
    ] {
        assert_due(w, reference(), Due::Vague);
    }
    assert_eq!(
        Deadline::parse("khẩn trương", reference()).unwrap().date(),
        None
    );
}

#[test]
fn only_whole_phrases_count() {
    for w in [
        "chi thường xuyên",
        "thường xuyên cập nhật",
        "sớm nhất",
        "ngay lập tức đi",
        "kỳ họp",
        "tại kỳ họp thứ",
        "năm",
        "tháng",
        "quý",
        "hoàn thành",
        "trước",
    ] {
        refusal(w);
    }
}

#[test]
fn unknown_wording_is_refused_naming_the_text() {
    for w in [
        "",
        "   ",
        "\t\n",
        "bất kỳ lúc nào",
        "trong 5 năm tiếp theo",
        "sau năm 2030",
        "từ quý III/2025",
        "19/8",
        "15 tháng 2",
        "ngày 6/2025",
        "trong 30 ngày kể từ ngày nhận được văn bản",
        "chi thường xuyên",
        "19//2025",
        "19/8.2025",
        "quý V/2026",
        "tháng sáu",
    ] {
        let e = refusal(w);
        let shown = e.to_string();
        assert!(shown.contains(&format!("\"{w}\"")), "{shown}");
        assert!(shown.contains(ACCEPTED_FORMS), "{shown}");
        assert_eq!(e.written, w);
    }
    assert!(refusal("").reason.to_string().contains("empty"));
    assert!(refusal("  ").reason.to_string().contains("empty"));
    assert!(refusal("19/8").reason.to_string().contains("no year"));
}

#[test]
fn impossible_dates_are_refused_with_a_reason() {
    let cases = [
        ("31/2/2026", "28 days"),
        ("30/2/2024", "29 days"),
        ("31/4/2025", "30 days"),
        ("ngày 31 tháng 6 năm 2025", "30 days"),
        ("2026-02-31", "28 days"),
        ("quý 5/2026", "quarter 5"),
        ("quý 0/2026", "quarter 0"),
        ("Quý V/2026", "quarter V"),
        ("quý VI năm 2026", "quarter VI"),
        ("tháng 13/2025", "month 13"),
        ("tháng 0/2025", "month 0"),
        ("0/1/2026", "day 0"),
        ("32/1/2026", "day 32"),
        ("1/13/2026", "month 13"),
        ("trước 31/2", "at most 29 days"),
        ("trước 15/13", "month 13"),
        ("19/8/25", "four-digit"),
        ("tháng 6/25", "four-digit"),
        ("năm 20255", "four-digit"),
        ("0 tháng đầu năm 2025", "0 months"),
        ("13 tháng đầu năm 2025", "13 months"),
        ("tháng 99999999999999999999/2025", "too large"),
        ("quý 99999999999999999999/2025", "too large"),
        ("99999999999999999999/1/2025", "too large"),
        ("1/1/99999999999999999999", "four-digit"),
        ("trước 6 tháng đầu năm 2025", "ambiguous"),
        ("trước 2025-2026", "ambiguous"),
        ("hoàn thành", "no time"),
    ];
    for (w, why) in cases {
        let e = refusal(w);
        assert!(
            e.reason.to_string().contains(why),
            "{w:?}: {} should say {why:?}",
            e.reason
        );
        assert!(e.to_string().contains(w), "{e}");
    }
}

#[test]
fn refusals_speak_vietnamese_by_default_and_english_on_request() {
    let e = refusal("31/2/2026");
    assert_eq!(
        e.message(Lang::Vi),
        format!(
            "không đọc được thời hạn \"31/2/2026\": không có ngày 31/2/2026: \
                 tháng 2 năm 2026 chỉ có 28 ngày; các cách viết được chấp nhận: {ACCEPTED_FORMS}"
        )
    );
    assert_eq!(e.message(Lang::En), e.to_string());
    let cases = [
        ("", "nội dung để trống"),
        ("bất kỳ lúc nào", "không phải cách viết thời hạn"),
        ("hoàn thành", "không nêu thời gian"),
        ("trước 6 tháng đầu năm 2025", "hãy ghi ngày cụ thể"),
        ("2026 - 2025", "kết thúc trước khi bắt đầu"),
        ("định kỳ 5 tháng", "không chia đều một năm"),
        ("trước Tết Bính Ngọ 2025", "không phải năm binh ngo"),
        ("trước 31/2", "tháng 2 có nhiều nhất 29 ngày"),
        ("19/8", "19/8 chưa ghi năm"),
        ("13 tháng đầu năm 2025", "một năm không có 13 tháng"),
        ("quý V/2026", "không có quý V"),
        ("quý 0/2026", "không có quý 0"),
        ("tháng 13/2025", "không có tháng 13"),
        ("32/1/2026", "không có ngày 32"),
        (
            "tháng 99999999999999999999/2025",
            "số 99999999999999999999 quá lớn",
        ),
        ("19/8/25", "năm 25 không viết đủ bốn chữ số"),
    ];
    for (w, want) in cases {
        let vi = refusal(w).message(Lang::Vi);
        assert!(vi.contains(want), "{w:?}: {vi}");
        assert!(vi.contains(&format!("\"{w}\"")), "{vi}");
    }
}

#[test]
fn on_and_date() {
    let d = Deadline::on(day(2025, 8, 19));
    assert_eq!(d.written, "2025-08-19");
    assert_eq!(d.date(), Some(day(2025, 8, 19)));
    assert_eq!(Deadline::parse(&d.written, reference()), Ok(d));
    assert_eq!(Due::On(day(2025, 1, 1)).date(), Some(day(2025, 1, 1)));
    assert_eq!(Due::Vague.date(), None);
}

#[test]
fn decomposed_diacritics_read_the_same() {
    // NFD text (as some editors save it) folds like NFC text.
    let nfd = "Qu\u{79}\u{301} II/2025";
    assert_eq!(
        Deadline::parse(nfd, reference()).unwrap().date(),
        Some(day(2025, 6, 30))
    );
    let nfd = "tha\u{301}ng 2/2026";
    assert_eq!(
        Deadline::parse(nfd, reference()).unwrap().date(),
        Some(day(2026, 2, 28))
    );
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("quý".to_owned()),
        Just("Quý".to_owned()),
        Just("tháng".to_owned()),
        Just("năm".to_owned()),
        Just("ngày".to_owned()),
        Just("trước".to_owned()),
        Just("đầu".to_owned()),
        Just("cuối".to_owned()),
        Just("hoàn thành".to_owned()),
        Just("kỳ họp thứ".to_owned()),
        Just("IV".to_owned()),
        Just("ii".to_owned()),
        Just("/".to_owned()),
        Just(".".to_owned()),
        Just("-".to_owned()),
        Just(" ".to_owned()),
        Just(",".to_owned()),
        "[0-9]{1,25}",
        "[0-9]{1,4}",
        "[ivxlcdm]{1,4}",
    ]
}

proptest! {
    #[test]
    fn never_panics_on_any_text(s in ".*", y in 1i32..9999, doy in 1u32..366) {
        let reference = NaiveDate::from_yo_opt(y, doy).unwrap_or(day(2025, 3, 1));
        match Deadline::parse(&s, reference) {
            Ok(d) => prop_assert_eq!(&d.written, &s),
            Err(e) => prop_assert!(e.to_string().contains(&s)),
        }
    }

    #[test]
    fn never_panics_on_deadline_like_text(
        parts in prop::collection::vec(fragment(), 0..10),
        spaced in any::<bool>(),
    ) {
        let s = parts.join(if spaced { " " } else { "" });
        match Deadline::parse(&s, reference()) {
            Ok(d) => prop_assert_eq!(&d.written, &s),
            Err(e) => prop_assert!(e.to_string().contains(&s)),
        }
        let _ = Deadline::parse(&s, NaiveDate::MAX);
        let _ = Deadline::parse(&s, NaiveDate::MIN);
    }
}

/// Every hint a refusal gives, checked against what it says to write: the
/// suggested wording must itself be read.
#[test]
fn hints_suggest_wordings_that_are_read() {
    // "19/8 chưa ghi năm: hãy viết 19/8/yyyy, hoặc trước 19/8".
    assert!(Deadline::parse("19/8/2025", reference()).is_ok());
    assert!(Deadline::parse("trước 19/8", reference()).is_ok());
    // `2025-2026` used to get "write tháng 2025-2026": it is now a range.
    assert_on("2025-2026", day(2026, 12, 31));
    // "hãy ghi ngày cụ thể" after `trước 6 tháng đầu năm 2025`.
    assert!(Deadline::parse("trước 30/6/2025", reference()).is_ok());
    for w in ["tháng 6/2025", "6/2025"] {
        assert!(Deadline::parse(w, reference()).is_ok());
    }
    // The accepted forms listed are all read.
    let forms = ACCEPTED_FORMS.replace("trước (ngày) 30/6/2025", "trước ngày 30/6/2025");
    let forms = forms.replace(
        "trong tháng 11, tháng 12 năm 2025",
        "trong tháng 12 năm 2025",
    );
    for f in forms.split(", ") {
        assert!(
            Deadline::parse(f, reference()).is_ok(),
            "accepted form {f:?} is refused"
        );
    }
}

#[test]
fn bare_months_and_years() {
    for w in [
        "6/2025",
        "06/2025",
        "6.2025",
        "06-2025",
        "trong 6/2025",
        "đến 6/2025",
    ] {
        assert_on(w, day(2025, 6, 30));
    }
    assert_on("12/2028", day(2028, 12, 31));
    assert_on("2/2024", day(2024, 2, 29));
    assert_on("2025", day(2025, 12, 31));
    assert_on("trong 2026", day(2026, 12, 31));
    assert!(refusal("13/2025").reason.to_string().contains("month 13"));
    // Before a month or a year: the last day before it begins.
    assert_on("trước 6/2025", day(2025, 5, 31));
    assert_on("trước 2025", day(2024, 12, 31));
}

/// The forms real appendix cells add around the strict grammar.
#[test]
fn what_real_appendix_cells_add() {
    let cases = [
        ("Trước tháng 6/2026", day(2026, 5, 31)),
        ("trước quý III/2025", day(2025, 6, 30)),
        ("Trước năm 2027", day(2026, 12, 31)),
        ("Quý I-II/2026", day(2026, 6, 30)),
        ("Quy I - II/2026", day(2026, 6, 30)),
        ("Tháng 10-12/2025", day(2025, 12, 31)),
        ("Tháng 11/2025 - tháng 12/2025", day(2025, 12, 31)),
        ("Quý I/2026 – Quý II/2026", day(2026, 6, 30)),
        ("Tháng 3/2026 - 6/2026", day(2026, 6, 30)),
        ("Năm 2025, 2026", day(2026, 12, 31)),
        ("Quý III/2025 (trình Chính phủ)", day(2025, 9, 30)),
        (
            "Năm 2026 (trình Quốc hội tại Kỳ họp thứ 10)",
            day(2026, 12, 31),
        ),
        ("Trình Chính phủ trong Quý III/2025", day(2025, 9, 30)),
        (
            "trinh thu tuong chinh phu truoc 30/6/2025",
            day(2025, 6, 30),
        ),
    ];
    for (w, expected) in cases {
        assert_on(w, expected);
    }
    for w in [
        "Định kỳ hằng năm",
        "Giai đoạn 2025-2030, hằng năm",
        "dinh ky hang nam",
    ] {
        assert_due(w, reference(), Due::Ongoing);
    }
    for w in [
        "Theo tiến độ của dự án",
        "Theo chương trình công tác của Chính phủ",
        "Khi có yêu cầu",
        "Sau khi Luật được ban hành",
        "Đầu năm 2026",
    ] {
        assert_due(w, reference(), Due::Vague);
    }
    let d = Deadline::parse("Hằng năm, trước 15/12", reference()).unwrap();
    assert!(matches!(d.due, Due::Recurring(_)), "{d:?}");
    assert_eq!(
        d,
        Deadline {
            written: "Hằng năm, trước 15/12".into(),
            ..Deadline::parse("trước ngày 15/12 hằng năm", reference()).unwrap()
        }
    );
}

#[test]
fn ranges_of_years_mean_the_end_of_the_last() {
    for w in [
        "2025 - 2026",
        "2025-2026",
        "2025–2026",
        "2025 – 2026",
        "2025—2026",
        "năm 2025 - 2026",
        "giai đoạn 2025-2026",
    ] {
        assert_on(w, day(2026, 12, 31));
    }
    for w in [
        "giai đoạn 2025 - 2027",
        "Giai đoạn 2025 – 2027",
        "từ nay đến năm 2027",
        "từ nay đến hết năm 2027",
        "Từ nay đến 2027",
        "từ năm 2025 đến năm 2027",
        "từ 2025 đến 2027",
    ] {
        assert_on(w, day(2027, 12, 31));
    }
    assert_on("từ tháng 3/2025 đến tháng 9/2025", day(2025, 9, 30));
    for w in ["2026 - 2025", "từ năm 2027 đến năm 2025"] {
        assert!(refusal(w).reason.to_string().contains("ends before"), "{w}");
    }
}

#[test]
fn several_months_or_quarters_mean_the_last() {
    for w in [
        "trong tháng 11, tháng 12 năm 2025",
        "tháng 11, tháng 12 năm 2025",
        "tháng 11 và tháng 12 năm 2025",
        "trong tháng 11, 12/2025",
        "tháng 10, 11, 12 năm 2025",
    ] {
        assert_on(w, day(2025, 12, 31));
    }
    assert_on("quý III, quý IV năm 2025", day(2025, 12, 31));
    assert_on("trong quý 2 và quý 3/2026", day(2026, 9, 30));
    assert!(
        refusal("tháng 13, tháng 12 năm 2025")
            .reason
            .to_string()
            .contains("month 13")
    );
}

#[test]
fn leading_words_a_reader_skips() {
    assert_on("Thời gian hoàn thành trong quý 2/2026", day(2026, 6, 30));
    assert_on("Thời gian hoàn thành: quý 2/2026", day(2026, 6, 30));
    assert_on("cũng hoàn thành trong tháng 9/2025", day(2025, 9, 30));
    assert_on("yêu cầu hoàn thành trước ngày 15/8/2025", day(2025, 8, 15));
    assert_on("Yêu cầu hoàn thành trong năm 2025", day(2025, 12, 31));
    for w in [
        "Nhiệm vụ thường xuyên",
        "thường xuyên, liên tục",
        "Thường xuyên; liên tục.",
        "thực hiện thường xuyên",
        "thường xuyên và hằng năm",
    ] {
        assert_due(w, reference(), Due::Ongoing);
    }
    // Budget spending is not a deadline.
    refusal("chi thường xuyên");
    refusal("nhiệm vụ chi thường xuyên");
}

#[test]
fn relative_to_the_issue_day() {
    let issued = day(2025, 8, 19);
    assert_due("năm nay", issued, Due::On(day(2025, 12, 31)));
    assert_due("trong năm nay", issued, Due::On(day(2025, 12, 31)));
    assert_due("cuối năm nay", issued, Due::On(day(2025, 12, 31)));
    assert_due("quý này", issued, Due::On(day(2025, 9, 30)));
    assert_due("trong quý này", issued, Due::On(day(2025, 9, 30)));
    assert_due("tháng này", issued, Due::On(day(2025, 8, 31)));
    // 30 days after Tuesday 19/8/2025 is Thursday 18/9.
    for w in [
        "trong 30 ngày kể từ ngày ký",
        "trong vòng 30 ngày kể từ ngày ký",
        "trong thời hạn 30 ngày kể từ ngày ban hành",
        "30 ngày kể từ ngày ký ban hành",
        "trong 30 ngày kể từ ngày ký Quyết định này",
        "trong 30 ngày kể từ ngày ban hành Chỉ thị này",
    ] {
        assert_due(w, issued, Due::On(day(2025, 9, 18)));
    }
    // 12 days after 19/8/2025 is Sunday 31/8, then the National Day
    // holiday (1/9, 2/9): the next working day is Wednesday 3/9.
    assert_due(
        "trong 12 ngày kể từ ngày ký",
        issued,
        Due::On(day(2025, 9, 3)),
    );
    // Working days: 10 from Tuesday 10/2/2026 skip Tết (14/2–22/2).
    assert_due(
        "trong 10 ngày làm việc kể từ ngày ký",
        day(2026, 2, 10),
        Due::On(day(2026, 3, 3)),
    );
    assert_due(
        "15 ngày làm việc kể từ ngày ban hành",
        day(2025, 4, 24),
        // 25, 26 (a Saturday worked), 28, 29, 5/5, 6, 7, 8, 9, 12, 13, 14, 15, 16, 19.
        Due::On(day(2025, 5, 19)),
    );
    assert!(
        refusal("trong 0 ngày kể từ ngày ký")
            .reason
            .to_string()
            .contains("1 to")
    );
}

#[test]
fn before_tet() {
    for w in [
        "trước Tết Nguyên đán 2026",
        "trước Tết Nguyên đán năm 2026",
        "trước Tết Nguyên đán Bính Ngọ 2026",
        "trước Tết Nguyên đán Bính Ngọ năm 2026",
        "trước Tết 2026",
        "Trước tết âm lịch 2026",
        "hoàn thành trước Tết Nguyên đán 2026",
    ] {
        assert_due(w, day(2025, 3, 1), Due::On(day(2026, 2, 16)));
    }
    // No year: the first Tết after the issue day.
    assert_due("trước Tết", day(2025, 3, 1), Due::On(day(2026, 2, 16)));
    assert_due(
        "trước Tết Nguyên đán",
        day(2025, 1, 10),
        Due::On(day(2025, 1, 28)),
    );
    assert_due(
        "trước Tết Bính Ngọ",
        day(2025, 1, 10),
        Due::On(day(2026, 2, 16)),
    );
    // Vietnam's Tết 2030 is 2/2 (China's 3/2).
    assert_due(
        "trước Tết Nguyên đán 2030",
        reference(),
        Due::On(day(2030, 2, 1)),
    );
    assert!(
        refusal("trước Tết Bính Ngọ 2025")
            .reason
            .to_string()
            .contains("not the year")
    );
}

#[test]
fn ongoing_from_a_year() {
    for w in [
        "2025 và những năm tiếp theo",
        "năm 2025 và các năm tiếp theo",
        "các năm tiếp theo",
        "những năm tiếp theo",
        "từ năm 2026",
        "từ năm 2026 trở đi",
    ] {
        assert_due(w, reference(), Due::Ongoing);
    }
    assert!(
        refusal("20255 và những năm tiếp theo")
            .reason
            .to_string()
            .contains("four-digit")
    );
}

#[test]
fn recurring() {
    let r = |w: &str| match Deadline::parse(w, reference()).map(|d| d.due) {
        Ok(Due::Recurring(r)) => r,
        other => panic!("{w:?} should recur: {other:?}"),
    };
    let yearly = Recurrence::year_days(vec![(6, 15), (12, 1)]).unwrap();
    for w in [
        "trước ngày 15 tháng 6 và trước ngày 01 tháng 12",
        "trước ngày 15/6 và ngày 1/12 hằng năm",
        "trước 15/6 và 01/12",
    ] {
        assert_due(w, reference(), Due::Recurring(yearly));
    }
    for w in [
        "hằng quý",
        "hàng quý",
        "định kỳ hằng quý",
        "định kỳ 3 tháng",
        "Hằng Quý.",
    ] {
        assert_due(
            w,
            reference(),
            Due::Recurring(Recurrence::PeriodEnd { months: 3 }),
        );
    }
    assert_due(
        "định kỳ 6 tháng",
        reference(),
        Due::Recurring(Recurrence::PeriodEnd { months: 6 }),
    );
    for w in [
        "hằng tháng trước ngày 20",
        "trước ngày 20 hằng tháng",
        "ngày 20 hằng tháng",
    ] {
        assert_due(
            w,
            reference(),
            Due::Recurring(Recurrence::MonthDay { day: 20 }),
        );
    }
    assert_due(
        "trước ngày 15/12 hằng năm",
        reference(),
        Due::Recurring(Recurrence::year_days(vec![(12, 15)]).unwrap()),
    );
    // Next occurrences.
    let next = |w: &str, on: NaiveDate| r(w).next_on_or_after(on);
    assert_eq!(next("hằng quý", day(2026, 5, 2)), Some(day(2026, 6, 30)));
    assert_eq!(next("hằng quý", day(2026, 6, 30)), Some(day(2026, 6, 30)));
    assert_eq!(
        next("định kỳ 6 tháng", day(2026, 7, 1)),
        Some(day(2026, 12, 31))
    );
    assert_eq!(
        next("định kỳ 6 tháng", day(2026, 1, 1)),
        Some(day(2026, 6, 30))
    );
    assert_eq!(
        next("hằng tháng trước ngày 20", day(2026, 5, 20)),
        Some(day(2026, 5, 20))
    );
    assert_eq!(
        next("hằng tháng trước ngày 20", day(2026, 5, 21)),
        Some(day(2026, 6, 20))
    );
    assert_eq!(
        next("hằng tháng trước ngày 20", day(2026, 12, 21)),
        Some(day(2027, 1, 20))
    );
    assert_eq!(
        next("ngày 31 hằng tháng", day(2026, 2, 1)),
        Some(day(2026, 2, 28))
    );
    let w = "trước ngày 15 tháng 6 và trước ngày 01 tháng 12";
    assert_eq!(next(w, day(2026, 3, 1)), Some(day(2026, 6, 15)));
    assert_eq!(next(w, day(2026, 6, 16)), Some(day(2026, 12, 1)));
    assert_eq!(next(w, day(2026, 12, 2)), Some(day(2027, 6, 15)));
    // A recurring deadline passes rõ thời hạn but names no single day.
    let d = Deadline::parse(w, reference()).unwrap();
    assert_eq!(d.date(), None);
    assert!(d.due.is_dated());
    assert_eq!(d.date_as_of(day(2026, 3, 1)), Some(day(2026, 6, 15)));
    // Codes round-trip.
    for w in [w, "hằng quý", "hằng tháng trước ngày 20", "định kỳ 6 tháng"] {
        let rec = r(w);
        assert_eq!(Recurrence::from_code(&rec.code()), Some(rec), "{w}");
    }
    assert_eq!(Recurrence::from_code("p5"), None);
    assert_eq!(Recurrence::from_code("y1301"), None);
    assert!(
        refusal("định kỳ 5 tháng")
            .reason
            .to_string()
            .contains("5 months")
    );
    assert!(
        refusal("trước 31/2 và 1/12")
            .reason
            .to_string()
            .contains("at most 29")
    );
}

#[test]
fn days_counted_past_the_calendar_are_refused_not_panicking() {
    let e = Deadline::parse("trong 30 ngày kể từ ngày ký", NaiveDate::MAX).unwrap_err();
    assert_eq!(e.reason, DeadlineReason::OutOfRange);
    assert!(e.message(Lang::Vi).contains("nằm ngoài phạm vi"));
}

#[test]
fn a_recurring_task_is_never_overdue_and_its_next_occurrence_counts_as_due_soon() {
    use crate::status::{Assessment, Status, TaskState};
    let d = Deadline::parse("hằng tháng trước ngày 20", reference()).unwrap();
    for (as_of, left) in [(day(2026, 5, 15), 5), (day(2026, 5, 21), 30)] {
        let a = Assessment::new(TaskState::Open, Some(d.due), as_of, 7, false, false);
        assert_eq!(a.status, Status::Open);
        assert_eq!(a.days_left, Some(left));
        assert_eq!(a.due_soon, left <= 7);
    }
}
