//! RFC 3339 date-times, enough to compare `created gt 2024-01-01T00:00:00Z`
//! and to stamp `created` / `modified` on new records.

use std::time::{SystemTime, UNIX_EPOCH};

/// Nanoseconds since the Unix epoch, UTC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp(i128);

impl Timestamp {
    /// `YYYY-MM-DD`, or that with `THH:MM:SS[.fraction]` and `Z` or `±HH:MM`.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<i64> {
            let part = text.get(range)?;
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
        };
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            return None;
        }
        let days = days_from_civil(year, month, day);
        if b.len() == 10 {
            return Some(Timestamp(i128::from(days) * 86_400 * 1_000_000_000));
        }
        if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 19 || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        if hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let mut at = 19;
        let mut nanos: i128 = 0;
        if b.get(at) == Some(&b'.') {
            let start = at + 1;
            at = start;
            while at < b.len() && b[at].is_ascii_digit() {
                at += 1;
            }
            let fraction = &text[start..at];
            if fraction.is_empty() {
                return None;
            }
            let padded: String = fraction.chars().chain(std::iter::repeat('0')).take(9).collect();
            nanos = padded.parse().ok()?;
        }
        let offset_seconds: i64 = match &text[at..] {
            "Z" | "z" => 0,
            zone if zone.len() == 6 && matches!(zone.as_bytes()[0], b'+' | b'-') && zone.as_bytes()[3] == b':' => {
                let sign = if zone.starts_with('-') { -1 } else { 1 };
                sign * (digits(at + 1..at + 3)? * 3600 + digits(at + 4..at + 6)? * 60)
            }
            _ => return None,
        };
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_seconds;
        Some(Timestamp(i128::from(seconds) * 1_000_000_000 + nanos))
    }

    pub fn now() -> Timestamp {
        let since = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default();
        Timestamp(since.as_nanos() as i128)
    }

    /// `2024-01-02T03:04:05.678Z`, milliseconds as SailPoint writes them.
    pub fn to_rfc3339(self) -> String {
        let seconds = self.0.div_euclid(1_000_000_000) as i64;
        let millis = self.0.rem_euclid(1_000_000_000) / 1_000_000;
        let (days, rest) = (seconds.div_euclid(86_400), seconds.rem_euclid(86_400));
        let (year, month, day) = civil_from_days(days);
        format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z", rest / 3600, rest % 3600 / 60, rest % 60)
    }
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (if month <= 2 { yoe + era * 400 + 1 } else { yoe + era * 400 }, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders_instants_across_zones_and_precisions() {
        let t = |s: &str| Timestamp::parse(s).unwrap_or_else(|| panic!("{s}"));
        assert_eq!(t("1970-01-01T00:00:00Z"), Timestamp(0));
        assert_eq!(t("2024-03-01T10:00:00+02:00"), t("2024-03-01T08:00:00Z"));
        assert_eq!(t("2024-03-01T08:00:00.5Z"), t("2024-03-01T08:00:00.500000000Z"));
        assert!(t("2024-03-01") < t("2024-03-01T00:00:00.001Z"));
        assert!(t("2023-12-31T23:59:59Z") < t("2024-01-01T00:00:00Z"));
        for bad in ["2024-13-01", "2024-01-01T25:00:00Z", "2024-01-01T00:00:00", "20240101", "2024-01-01T00:00:00.Z", "abc"] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn formats_round_trip() {
        for s in ["2024-02-29T23:59:59.999Z", "1999-12-31T00:00:00.000Z", "2026-11-29T12:00:01.020Z"] {
            assert_eq!(Timestamp::parse(s).unwrap().to_rfc3339(), s);
        }
    }
}
