//! `--at TIME` of `dkim verify` and `dmarc evaluate`: RFC 3339 (§5.6 `date-time`) or Unix
//! seconds, to Unix seconds.

use crate::error::Failure;

/// Parse `--at`: Unix seconds (`1767225600`) or an RFC 3339 date-time
/// (`2026-01-01T00:00:00Z`, `2026-01-01 01:00:00.5+01:00`). A usage error says which forms work.
pub(crate) fn parse_time(s: &str) -> Result<u64, Failure> {
    let t = s.trim();
    let bad = || {
        Failure::usage(format!(
            "--at {s:?} is not a time: give RFC 3339 (2026-01-05T10:00:00Z, or with an offset \
             such as +02:00) or Unix seconds (1767225600)"
        ))
    };
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<u64>().map_err(|_| bad());
    }
    let secs = rfc3339(t).ok_or_else(bad)?;
    u64::try_from(secs).map_err(|_| {
        Failure::usage(format!(
            "--at {s:?} is before 1970, which DKIM cannot express"
        ))
    })
}

/// `full-date ("T" / " ") partial-time time-offset` (RFC 3339 §5.6; the space is §5.6's NOTE).
fn rfc3339(t: &str) -> Option<i64> {
    let b = t.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[13] != b':' || b[16] != b':' {
        return None;
    }
    if !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let d = t.get(r)?;
        d.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| d.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hh, mm, ss) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let mdays = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    if !(1..=12).contains(&m) || d < 1 || d > mdays[(m - 1) as usize] {
        return None;
    }
    if hh > 23 || mm > 59 || ss > 60 {
        return None;
    }
    // time-secfrac: dropped (whole seconds are what t= and x= hold).
    let mut rest = &t[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return None;
        }
        rest = &frac[n..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let ob = rest.as_bytes();
            if ob.len() != 6 || !matches!(ob[0], b'+' | b'-') || ob[3] != b':' {
                return None;
            }
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(4..6)?.parse().ok()?;
            if oh > 23 || om > 59 {
                return None;
            }
            let o = oh * 3600 + om * 60;
            if ob[0] == b'-' { -o } else { o }
        }
    };
    let days = crate::utc::days_from_civil(y, m, d);
    Some(days * 86_400 + hh * 3600 + mm * 60 + ss - offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        for (s, want) in [
            ("1767225600", 1_767_225_600),
            ("0", 0),
            ("2026-01-01T00:00:00Z", 1_767_225_600),
            ("2026-01-01t00:00:00z", 1_767_225_600),
            ("2026-01-01 01:00:00+01:00", 1_767_225_600),
            ("2025-12-31T19:00:00.999-05:00", 1_767_225_600),
            ("2024-02-29T00:00:00Z", 1_709_164_800),
            ("1970-01-01T00:00:00Z", 0),
        ] {
            assert_eq!(parse_time(s).unwrap(), want, "{s}");
        }
        for bad in [
            "",
            "yesterday",
            "-5",
            "2026-01-01",
            "2026-01-01T00:00:00",
            "2026-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:00:00+0100",
            "2026-01-01T00:00:00.Z",
            "1969-12-31T23:59:59Z",
        ] {
            let e = parse_time(bad).unwrap_err();
            assert!(e.message.contains("--at"), "{bad}: {}", e.message);
        }
    }
}
