//! The Vietnamese lunisolar calendar, computed for Vietnam's time zone
//! (UTC+7) from astronomical approximations: the mean new moon with Meeus'
//! periodic terms and the Sun's apparent longitude (low precision). This is
//! the method Hồ Ngọc Đức published for the Vietnamese calendar: a lunar
//! month starts on the local day of a new moon; month 11 holds the winter
//! solstice; in a year of 13 months the first month without a major solar
//! term is the leap month. Computing for UTC+7 (not UTC+8) is what makes
//! Vietnam's Tết differ from China's in some years (2007, 2030).

use std::f64::consts::PI;

use chrono::NaiveDate;

/// Vietnam's time zone, in hours east of UTC.
const ZONE_HOURS: f64 = 7.0;

/// Mean length of a synodic month, in days.
const SYNODIC: f64 = 29.530_588_853;

/// Julian day number of 1900-01-01 (noon), the epoch of new moon number 0.
const EPOCH_1900: f64 = 2_415_021.0;

/// Julian day (fractional) of new moon number 0 (January 1900).
const NEW_MOON_0: f64 = 2_415_021.076_998_695;

/// Days between chrono's day 1 (0001-01-01) and the Julian day number.
const JDN_OFFSET: i64 = 1_721_425;

/// The Julian day number of a date.
pub(crate) fn jdn(date: NaiveDate) -> i64 {
    i64::from(chrono::Datelike::num_days_from_ce(&date)) + JDN_OFFSET
}

/// The date of a Julian day number.
pub(crate) fn from_jdn(jdn: i64) -> Option<NaiveDate> {
    let days = i32::try_from(jdn - JDN_OFFSET).ok()?;
    NaiveDate::from_num_days_from_ce_opt(days)
}

fn sin_deg(degrees: f64) -> f64 {
    (degrees * PI / 180.0).sin()
}

/// The moment (Julian day, UT) of new moon number `k` counted from January 1900.
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let (t2, t3) = (t * t, t * t * t);
    let mean = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3
        + 0.000_33 * sin_deg(166.56 + 132.87 * t - 0.009_173 * t2);
    // Mean anomalies of the Sun (m) and the Moon (mm), the Moon's argument of latitude (f).
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mm = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    // Periodic terms: (coefficient, argument in degrees).
    let terms = [
        (0.1734 - 0.000_393 * t, m),
        (0.0021, 2.0 * m),
        (-0.4068, mm),
        (0.0161, 2.0 * mm),
        (-0.0004, 3.0 * mm),
        (0.0104, 2.0 * f),
        (-0.0051, m + mm),
        (-0.0074, m - mm),
        (0.0004, 2.0 * f + m),
        (-0.0004, 2.0 * f - m),
        (-0.0006, 2.0 * f + mm),
        (0.0010, 2.0 * f - mm),
        (0.0005, 2.0 * mm + m),
    ];
    let correction: f64 = terms.iter().map(|(c, arg)| c * sin_deg(*arg)).sum();
    // Difference between dynamical time and universal time, in days.
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    mean + correction - delta_t
}

/// The local (UTC+7) Julian day number of new moon number `k`.
fn new_moon_day(k: i64) -> i64 {
    (new_moon(k) + 0.5 + ZONE_HOURS / 24.0).floor() as i64
}

/// Which twelfth of the ecliptic (0 = from the March equinox) the Sun is in at
/// the start of local day `day`: the major solar term (trung khí) it has passed.
fn sun_sector(day: i64) -> i64 {
    let t = (day as f64 - 0.5 - ZONE_HOURS / 24.0 - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let center = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * sin_deg(m)
        + (0.019_993 - 0.000_101 * t) * sin_deg(2.0 * m)
        + 0.000_290 * sin_deg(3.0 * m);
    let longitude = (l0 + center).rem_euclid(360.0);
    (longitude / 30.0).floor() as i64
}

/// The local day on which the lunar month 11 (the one holding the winter
/// solstice) of Gregorian year `year` starts.
fn month_11_start(year: i32) -> Option<i64> {
    let dec31 = jdn(NaiveDate::from_ymd_opt(year, 12, 31)?);
    let k = ((dec31 as f64 - EPOCH_1900) / SYNODIC).floor() as i64;
    let start = new_moon_day(k);
    // Past 270° (sector 9) the solstice is already behind: month 11 began a moon earlier.
    Some(if sun_sector(start) >= 9 {
        new_moon_day(k - 1)
    } else {
        start
    })
}

/// In a 13-month lunar year starting at month 11 on day `a11`, the offset
/// (in months from month 11) of the leap month: the first month in which the
/// Sun passes no major solar term.
fn leap_month_offset(a11: i64) -> i64 {
    let k = ((a11 as f64 - NEW_MOON_0) / SYNODIC + 0.5).floor() as i64;
    let mut i = 1;
    let mut sector = sun_sector(new_moon_day(k + i));
    loop {
        let last = sector;
        i += 1;
        sector = sun_sector(new_moon_day(k + i));
        if sector == last || i >= 14 {
            return i - 1;
        }
    }
}

/// The Gregorian date of lunar day `day` of month `month` (1–12) of lunar
/// year `year` (the year in which its month 1 begins); `leap` for the leap
/// month of that number. `None` when there is no such leap month or the
/// date is out of range.
pub fn lunar_to_solar(day: u32, month: u32, year: i32, leap: bool) -> Option<NaiveDate> {
    if !(1..=30).contains(&day) || !(1..=12).contains(&month) {
        return None;
    }
    let (a11, b11) = if month < 11 {
        (month_11_start(year - 1)?, month_11_start(year)?)
    } else {
        (month_11_start(year)?, month_11_start(year + 1)?)
    };
    let k = (0.5 + (a11 as f64 - NEW_MOON_0) / SYNODIC).floor() as i64;
    let mut offset = (i64::from(month) - 11).rem_euclid(12);
    if b11 - a11 > 365 {
        let leap_offset = leap_month_offset(a11);
        let leap_month = (leap_offset - 2).rem_euclid(12);
        if leap && i64::from(month) != leap_month {
            return None;
        }
        if leap || offset >= leap_offset {
            offset += 1;
        }
    } else if leap {
        return None;
    }
    from_jdn(new_moon_day(k + offset) + i64::from(day) - 1)
}

/// Tết Nguyên đán: the first day of lunar year `year`, in Vietnam.
pub fn tet(year: i32) -> Option<NaiveDate> {
    lunar_to_solar(1, 1, year, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Tết in Vietnam, 2000–2050: the published dates of the lunar new year,
    /// which Vietnam shares with China in this range except 2007 (Vietnam
    /// 17/2, China 18/2) and 2030 (Vietnam 2/2, China 3/2).
    const TET: [(i32, u32, u32); 51] = [
        (2000, 2, 5),
        (2001, 1, 24),
        (2002, 2, 12),
        (2003, 2, 1),
        (2004, 1, 22),
        (2005, 2, 9),
        (2006, 1, 29),
        (2007, 2, 17),
        (2008, 2, 7),
        (2009, 1, 26),
        (2010, 2, 14),
        (2011, 2, 3),
        (2012, 1, 23),
        (2013, 2, 10),
        (2014, 1, 31),
        (2015, 2, 19),
        (2016, 2, 8),
        (2017, 1, 28),
        (2018, 2, 16),
        (2019, 2, 5),
        (2020, 1, 25),
        (2021, 2, 12),
        (2022, 2, 1),
        (2023, 1, 22),
        (2024, 2, 10),
        (2025, 1, 29),
        (2026, 2, 17),
        (2027, 2, 6),
        (2028, 1, 26),
        (2029, 2, 13),
        (2030, 2, 2),
        (2031, 1, 23),
        (2032, 2, 11),
        (2033, 1, 31),
        (2034, 2, 19),
        (2035, 2, 8),
        (2036, 1, 28),
        (2037, 2, 15),
        (2038, 2, 4),
        (2039, 1, 24),
        (2040, 2, 12),
        (2041, 2, 1),
        (2042, 1, 22),
        (2043, 2, 10),
        (2044, 1, 30),
        (2045, 2, 17),
        (2046, 2, 6),
        (2047, 1, 26),
        (2048, 2, 14),
        (2049, 2, 2),
        (2050, 1, 23),
    ];

    #[test]
    fn tet_matches_the_published_dates_2000_to_2050() {
        let wrong: Vec<String> = TET
            .iter()
            .filter_map(|&(y, m, d)| {
                let got = tet(y);
                (got != Some(day(y, m, d))).then(|| format!("{y}: {got:?} != {y}-{m}-{d}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn vietnam_differs_from_china_where_the_time_zone_matters() {
        // China (UTC+8) has 2007-02-18, 2030-02-03 and 1985-02-20.
        assert_eq!(tet(2007), Some(day(2007, 2, 17)));
        assert_eq!(tet(2030), Some(day(2030, 2, 2)));
        assert_eq!(tet(1985), Some(day(1985, 1, 21)));
        assert_eq!(tet(2053), Some(day(2053, 2, 18)));
    }

    #[test]
    fn hung_kings_day_and_leap_months() {
        // Giỗ Tổ Hùng Vương, 10/3 lunar.
        assert_eq!(lunar_to_solar(10, 3, 2025, false), Some(day(2025, 4, 7)));
        assert_eq!(lunar_to_solar(10, 3, 2026, false), Some(day(2026, 4, 26)));
        assert_eq!(lunar_to_solar(10, 3, 2024, false), Some(day(2024, 4, 18)));
        // 2023 had a leap month 2, 2025 a leap month 6; 2024 none.
        assert_eq!(lunar_to_solar(1, 2, 2023, true), Some(day(2023, 3, 22)));
        assert_eq!(lunar_to_solar(1, 6, 2025, true), Some(day(2025, 7, 25)));
        assert_eq!(lunar_to_solar(1, 6, 2024, true), None);
        assert_eq!(lunar_to_solar(31, 1, 2024, false), None);
    }

    #[test]
    fn julian_day_numbers() {
        assert_eq!(jdn(day(2000, 1, 1)), 2_451_545);
        assert_eq!(from_jdn(2_451_545), Some(day(2000, 1, 1)));
    }
}
