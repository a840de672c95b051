//! Date-times as SailPoint sends them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A date-time exactly as it was on the wire.
///
/// SailPoint documents RFC 3339, but real payloads and the spec's own
/// examples also carry `2022-09-19 13:55:26` (no `T`, no zone). Keeping the
/// text means decoding never fails and re-encoding is lossless; parse it
/// with [`DateTime::to_unix_seconds`] or your date library of choice.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateTime(String);

impl DateTime {
    /// Wraps a date-time string as given.
    pub fn new(text: impl Into<String>) -> Self {
        DateTime(text.into())
    }

    /// The text as received.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Seconds since the Unix epoch, reading a missing zone as UTC.
    /// `None` when the text is not a date-time.
    pub fn to_unix_seconds(&self) -> Option<i64> {
        parse_unix_seconds(&self.0)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for DateTime {
    fn from(text: &str) -> Self {
        DateTime(text.to_owned())
    }
}

impl From<String> for DateTime {
    fn from(text: String) -> Self {
        DateTime(text)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // A number (epoch millis in some SailPoint payloads) is kept as text.
        Ok(match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(s) => DateTime(s),
            serde_json::Value::Null => DateTime::default(),
            other => DateTime(other.to_string()),
        })
    }
}

fn parse_unix_seconds(text: &str) -> Option<i64> {
    let bytes = text.as_bytes();
    let num = |range: std::ops::Range<usize>| -> Option<i64> {
        let s = text.get(range)?;
        s.bytes().all(|b| b.is_ascii_digit()).then(|| s.parse().ok())?
    };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') || !matches!(bytes.get(10), Some(b'T' | b't' | b' ')) {
        return None;
    }
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let mut rest = &text[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        rest = frac.trim_start_matches(|c: char| c.is_ascii_digit());
    }
    let offset = match rest {
        "" | "Z" | "z" => 0,
        zone => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let digits: String = zone[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 {
                return None;
            }
            sign * (digits[..2].parse::<i64>().ok()? * 3600 + digits[2..].parse::<i64>().ok()? * 60)
        }
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

/// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard
/// Hinnant's algorithm); avoids a date-library dependency for one function.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rfc3339_and_zoneless_forms() {
        assert_eq!(DateTime::from("1970-01-01T00:00:00Z").to_unix_seconds(), Some(0));
        assert_eq!(DateTime::from("2022-09-19T13:55:26.123+02:00").to_unix_seconds(), Some(1_663_588_526));
        assert_eq!(DateTime::from("2022-09-19 13:55:26").to_unix_seconds(), Some(1_663_595_726));
        assert_eq!(DateTime::from("yesterday").to_unix_seconds(), None);
    }

    #[test]
    fn round_trips_the_text() {
        let d: DateTime = serde_json::from_str("\"2022-09-19 13:55:26\"").unwrap();
        assert_eq!(serde_json::to_string(&d).unwrap(), "\"2022-09-19 13:55:26\"");
    }
}
