//! UTC times as mailctl shows and reads them (RFC 3339 `2026-12-23T03:10:54Z`): certificate
//! dates, `check`'s run time and certificate thresholds, DKIM `--at`. At the bottom of the tree,
//! so every layer can use them.

/// Format a Unix time as RFC 3339 UTC (`2026-12-23T03:10:54Z`).
pub(crate) fn fmt_utc(ts: i64) -> String {
    let days = ts.div_euclid(86_400);
    let secs = ts.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm), proleptic Gregorian.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

/// Format a Unix time as an RFC 5322 §3.3 date in UTC (`Tue, 01 Jul 2025 10:00:00 +0000`),
/// for trace headers (`smtp sink`'s Received:, RFC 5321 §4.4).
pub(crate) fn fmt_rfc5322(ts: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    // fmt_utc's fields: YYYY-MM-DDTHH:MM:SSZ.
    let iso = fmt_utc(ts);
    let (y, m, d, time) = (&iso[..4], &iso[5..7], &iso[8..10], &iso[11..19]);
    let month = m
        .parse::<usize>()
        .ok()
        .and_then(|m| MONTHS.get(m.wrapping_sub(1)))
        .copied()
        .unwrap_or("Jan");
    let weekday = DAYS[ts.div_euclid(86_400).rem_euclid(7) as usize];
    format!("{weekday}, {d} {month} {y} {time} +0000")
}

/// Days since 1970-01-01 of a proleptic Gregorian date (days-from-civil, Howard Hinnant's
/// algorithm): the inverse of the date part of [`fmt_utc`], shared by every parser of a UTC time.
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Parse the `YYYY-MM-DDTHH:MM:SSZ` form of [`fmt_utc`] back to Unix time.
pub(crate) fn parse_utc(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[19] != b'Z' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    let days = days_from_civil(y, m, d);
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc5322_dates() {
        assert_eq!(fmt_rfc5322(0), "Thu, 01 Jan 1970 00:00:00 +0000");
        // 2025-07-01 was a Tuesday.
        assert_eq!(
            fmt_rfc5322(1_751_364_000),
            "Tue, 01 Jul 2025 10:00:00 +0000"
        );
    }

    #[test]
    fn utc_formatting() {
        assert_eq!(fmt_utc(0), "1970-01-01T00:00:00Z");
        assert_eq!(fmt_utc(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(fmt_utc(1_795_403_454), "2026-11-23T03:10:54Z");
        assert_eq!(fmt_utc(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn utc_round_trip() {
        for ts in [
            0,
            951_782_400,
            1_795_403_454,
            -1,
            4_102_444_800,
            1_234_567_890,
        ] {
            assert_eq!(parse_utc(&fmt_utc(ts)), Some(ts), "{ts}");
        }
        for bad in [
            "",
            "2026-11-23",
            "2026-13-01T00:00:00Z",
            "2026-11-23T00:00:00+01",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }
}
