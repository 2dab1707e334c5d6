use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn off_days(cal: &Calendar, year: i32) -> Vec<NaiveDate> {
    cal.days_off(year).iter().map(|d| d.date).collect()
}

fn range(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d <= to).collect()
}

#[test]
fn the_bundled_schedule_reads() {
    let s = Schedule::parse(BUNDLED).unwrap();
    assert!(s.off.len() >= 5, "{s:?}");
    assert_eq!(Calendar::bundled().schedule(), &s);
}

#[test]
fn schedule_2025() {
    let cal = Calendar::bundled();
    let days = off_days(cal, 2025);
    let mut want = vec![day(2025, 1, 1)];
    want.extend(range(day(2025, 1, 25), day(2025, 2, 2)));
    want.push(day(2025, 4, 7)); // Giỗ Tổ, a Monday
    want.extend(range(day(2025, 4, 30), day(2025, 5, 4)));
    want.extend(range(day(2025, 8, 30), day(2025, 9, 2)));
    assert_eq!(days, want);
    // Saturday 26/4 is worked for Friday 2/5.
    assert!(cal.is_working_day(day(2025, 4, 26)));
    assert!(!cal.is_working_day(day(2025, 5, 2)));
    assert!(!cal.is_working_day(day(2025, 1, 27)));
    assert!(cal.is_working_day(day(2025, 2, 3)));
    assert_eq!(
        cal.day_off(day(2025, 1, 27)).map(|d| d.holiday),
        Some(Holiday::Tet)
    );
}

#[test]
fn schedule_2026() {
    let cal = Calendar::bundled();
    let days = off_days(cal, 2026);
    assert_eq!(days[..4], range(day(2026, 1, 1), day(2026, 1, 4))[..]);
    assert_eq!(days[4..13], range(day(2026, 2, 14), day(2026, 2, 22))[..]);
    // Giỗ Tổ falls on Sunday 26/4: Monday 27/4 is off in lieu.
    let lieu = cal.day_off(day(2026, 4, 27)).unwrap();
    assert!(lieu.in_lieu);
    assert_eq!(lieu.holiday, Holiday::HungKings);
    assert_eq!(
        lieu.reason(Lang::Vi),
        "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)"
    );
    assert!(
        cal.is_working_day(day(2026, 1, 10)),
        "Saturday 10/1 is worked"
    );
    assert!(!cal.is_working_day(day(2026, 1, 2)));
    assert!(!cal.is_working_day(day(2026, 4, 30)));
    assert!(!cal.is_working_day(day(2026, 5, 1)));
    assert!(cal.is_working_day(day(2026, 2, 23)));
}

#[test]
fn the_law_alone() {
    let cal = Calendar::statutory();
    // Tết 2026 by law: 29 tháng Chạp (16/2) to mùng 4 (20/2), Monday to Friday.
    let tet: Vec<NaiveDate> = cal
        .days_off(2026)
        .iter()
        .filter(|d| d.holiday == Holiday::Tet)
        .map(|d| d.date)
        .collect();
    assert_eq!(tet, range(day(2026, 2, 16), day(2026, 2, 20)));
    // Tết 2025 by law: 28/1 to 1/2 (a Saturday), so Monday 3/2 is in lieu.
    let tet25: Vec<DayOff> = cal
        .days_off(2025)
        .into_iter()
        .filter(|d| d.holiday == Holiday::Tet)
        .collect();
    assert_eq!(tet25.len(), 6);
    assert_eq!(tet25[5].date, day(2025, 2, 3));
    assert!(tet25[5].in_lieu);
    // 1/1/2028 is a Saturday: Monday 3/1 is in lieu.
    assert!(!cal.is_working_day(day(2028, 1, 3)));
    // 2/9/2024 was a Monday: 3/9 with it; 2/9/2025 a Tuesday: 1/9 with it.
    assert!(!cal.is_working_day(day(2024, 9, 3)));
    assert!(!cal.is_working_day(day(2025, 9, 1)));
    assert!(cal.is_working_day(day(2025, 9, 3)));
    // Ordinary weekends are not "days off" with a reason, but are not worked.
    assert_eq!(cal.day_off(day(2026, 3, 7)), None);
    assert!(!cal.is_working_day(day(2026, 3, 7)));
}

#[test]
fn working_days_across_tet() {
    let cal = Calendar::bundled();
    // Friday 13/2/2026, then Tết 14/2–22/2: the next working day is Monday 23/2.
    assert_eq!(
        cal.add_working_days(day(2026, 2, 13), 1),
        Some(day(2026, 2, 23))
    );
    // 10 working days from Tuesday 10/2/2026: 11, 12, 13, 23, 24, 25, 26, 27, 2/3, 3/3.
    assert_eq!(
        cal.add_working_days(day(2026, 2, 10), 10),
        Some(day(2026, 3, 3))
    );
    assert_eq!(
        cal.working_days_between(day(2026, 2, 10), day(2026, 3, 3)),
        10
    );
    // Across Tết 2025 and the swapped Saturday 26/4.
    assert_eq!(
        cal.add_working_days(day(2025, 1, 24), 1),
        Some(day(2025, 2, 3))
    );
    assert_eq!(
        cal.working_days_between(day(2025, 4, 25), day(2025, 5, 5)),
        4
    );
    assert_eq!(
        cal.working_days_between(day(2026, 3, 3), day(2026, 2, 10)),
        0
    );
    assert_eq!(
        cal.add_working_days(day(2026, 2, 10), 0),
        Some(day(2026, 2, 10))
    );
}

#[test]
fn a_period_ending_on_a_day_off_ends_on_the_next_working_day() {
    let cal = Calendar::bundled();
    // 30 days after 15/1/2026 is Saturday 14/2, the start of Tết: Monday 23/2.
    assert_eq!(cal.add_days(day(2026, 1, 15), 30), Some(day(2026, 2, 23)));
    // A plain working day stays.
    assert_eq!(cal.add_days(day(2026, 3, 2), 2), Some(day(2026, 3, 4)));
}

#[test]
fn working_days_between_agrees_with_counting_day_by_day() {
    let cal = Calendar::bundled();
    let from = day(2024, 12, 20);
    for to in from.iter_days().take(500).step_by(7) {
        let slow = from
            .iter_days()
            .skip(1)
            .take_while(|d| *d <= to)
            .filter(|d| cal.is_working_day(*d))
            .count() as i64;
        assert_eq!(cal.working_days_between(from, to), slow, "{to}");
    }
}

#[test]
fn a_user_schedule_overrides_the_years_it_names() {
    let user = Schedule::parse(
        "schema = 1\n[[off]]\nholiday = \"national_day\"\nfrom = 2026-08-29\nto = 2026-09-02\n",
    )
    .unwrap();
    let cal = Calendar::bundled_with(user);
    assert!(!cal.is_working_day(day(2026, 8, 31)));
    // 2026's bundled entries are gone: 1/1 back to the law, 2/1 a working day.
    assert!(cal.is_working_day(day(2026, 1, 2)));
    // Other years keep the bundled schedule.
    assert!(cal.is_working_day(day(2025, 4, 26)));
}

#[test]
fn bad_schedules_are_refused_with_every_problem() {
    let text = "schema = 1\n[[off]]\nholiday = \"xmas\"\nfrom = 2026-12-25\nto = 2026-12-25\n\
                [[off]]\nholiday = \"tet\"\nfrom = 2026-02-22\nto = 2026-02-14\n\
                [[work]]\non = 2026-01-12\ninstead_of = 2026-01-02\n";
    let errs = Schedule::parse(text).unwrap_err();
    assert_eq!(errs.len(), 3, "{errs:?}");
    assert!(
        errs[0]
            .to_string()
            .contains("line 2: unknown holiday \"xmas\"")
    );
    assert!(errs[1].to_string().contains("ends"));
    assert!(errs[2].message(Lang::Vi).contains("ngày thường"));
    let syntax = Schedule::parse("[[off]\n").unwrap_err();
    assert_eq!(syntax[0].line, 1);
    assert!(Schedule::parse("schema = 2\n").is_err());
}

#[test]
fn years_worked_out_on_first_use_are_those_of_the_law_and_schedule() {
    let schedule = Schedule::parse(BUNDLED).unwrap();
    let used = Calendar::new(schedule.clone());
    // The same year, before and after it is kept; the edges of the kept span
    // and a year outside it.
    for y in [2025, 2025, 1990, 2100, 1989, 2101] {
        let fresh = compute_year(y, &schedule);
        assert_eq!(used.days_off(y), fresh.off, "{y}");
        assert_eq!(used.working_weekend_days(y), fresh.work, "{y}");
    }
    // A calendar that has worked out some years equals one that has not.
    assert_eq!(used, Calendar::new(schedule));
    assert_ne!(used, Calendar::statutory());
}
