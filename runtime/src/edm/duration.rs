//! [`Duration`]: `Edm.Duration`, an ISO 8601 day-time duration such as `P1DT2H3M4.5S`.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const NANOS_PER_SEC: u128 = 1_000_000_000;

// Which components were written, so that `PT36H` is not rewritten as `P1DT12H`.
const DAYS: u8 = 1;
const HOURS: u8 = 2;
const MINUTES: u8 = 4;
const SECONDS: u8 = 8;

/// An `Edm.Duration`: `[-]P[nD][T[nH][nM][n[.f]S]]`.
///
/// Parsing keeps the components as written, so [`Display`](fmt::Display) gives back the
/// input text (up to nine fraction digits; `+` signs are dropped). Equality, ordering and
/// hashing compare the length of time, so `PT1H == PT60M` and `-PT0S == PT0S`, the way
/// `1.0 == 1.00` for decimals.
///
/// Years, months and weeks are rejected: their length varies and OData does not allow them.
///
/// ```
/// use odata_runtime::edm::Duration;
///
/// let d: Duration = "P1DT12H30M5.25S".parse().unwrap();
/// assert_eq!(d.to_string(), "P1DT12H30M5.25S");
/// assert_eq!(d.to_std(), Some(std::time::Duration::new(131_405, 250_000_000)));
/// assert_eq!("PT36H".parse::<Duration>().unwrap(), "P1DT12H".parse().unwrap());
/// assert_eq!(Duration::from_secs(90).to_string(), "PT1M30S");
/// ```
#[derive(Clone, Copy, Default)]
pub struct Duration {
    negative: bool,
    days: u64,
    hours: u64,
    minutes: u64,
    seconds: u64,
    nanos: u32,
    written: u8,
    fraction_digits: u8,
}

impl Duration {
    /// The zero duration, written `PT0S`.
    pub const ZERO: Self =
        Self { negative: false, days: 0, hours: 0, minutes: 0, seconds: 0, nanos: 0, written: 0, fraction_digits: 0 };

    /// A positive duration of `secs` seconds, written in days, hours, minutes and seconds.
    pub fn from_secs(secs: u64) -> Self {
        Self::from_std(std::time::Duration::from_secs(secs))
    }

    /// A positive duration equal to `value`, written in days, hours, minutes and seconds.
    pub fn from_std(value: std::time::Duration) -> Self {
        Self::from_parts(false, u128::from(value.as_secs()), value.subsec_nanos())
    }

    /// A duration of `nanos` nanoseconds (negative for negative durations).
    pub fn from_nanos(nanos: i128) -> Self {
        let abs = nanos.unsigned_abs();
        let secs = abs / NANOS_PER_SEC;
        // The remainder is below 10^9, so it fits.
        let sub = u32::try_from(abs % NANOS_PER_SEC).unwrap_or(0);
        Self::from_parts(nanos < 0, secs, sub)
    }

    fn from_parts(negative: bool, secs: u128, nanos: u32) -> Self {
        // Days can exceed u64 only for inputs beyond any real duration; saturate then.
        let days = u64::try_from(secs / 86_400).unwrap_or(u64::MAX);
        let rest = u64::try_from(secs % 86_400).unwrap_or(0);
        let mut d = Self {
            negative,
            days,
            hours: rest / 3_600,
            minutes: rest % 3_600 / 60,
            seconds: rest % 60,
            nanos,
            written: 0,
            fraction_digits: 0,
        };
        for (flag, value) in [(DAYS, d.days), (HOURS, d.hours), (MINUTES, d.minutes)] {
            if value != 0 {
                d.written |= flag;
            }
        }
        if d.seconds != 0 || nanos != 0 || d.written == 0 {
            d.written |= SECONDS;
        }
        if nanos != 0 {
            let mut digits = 9;
            let mut n = nanos;
            while n.is_multiple_of(10) {
                n /= 10;
                digits -= 1;
            }
            d.fraction_digits = digits;
        }
        d
    }

    /// Whether the duration was written with a leading `-` (true also for `-PT0S`).
    pub fn is_negative(&self) -> bool {
        self.negative
    }

    /// The days component as written (`P2D` → 2; `PT48H` → 0).
    pub fn days(&self) -> u64 {
        self.days
    }

    /// The hours component as written.
    pub fn hours(&self) -> u64 {
        self.hours
    }

    /// The minutes component as written.
    pub fn minutes(&self) -> u64 {
        self.minutes
    }

    /// The whole seconds component as written.
    pub fn seconds(&self) -> u64 {
        self.seconds
    }

    /// The fraction of the seconds component, in nanoseconds.
    pub fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// The whole length in nanoseconds, negative for negative durations.
    pub fn total_nanos(&self) -> i128 {
        let secs = u128::from(self.days) * 86_400
            + u128::from(self.hours) * 3_600
            + u128::from(self.minutes) * 60
            + u128::from(self.seconds);
        // At most about 2^64 * 10^5 * 10^9 < 2^115: no overflow.
        let abs = secs * NANOS_PER_SEC + u128::from(self.nanos);
        let abs = i128::try_from(abs).unwrap_or(i128::MAX);
        if self.negative { -abs } else { abs }
    }

    /// The length as a `std::time::Duration`; `None` if negative (and not zero) or too long.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let total = self.total_nanos();
        if total < 0 {
            return None;
        }
        let total = total.unsigned_abs();
        let secs = u64::try_from(total / NANOS_PER_SEC).ok()?;
        let nanos = u32::try_from(total % NANOS_PER_SEC).ok()?;
        Some(std::time::Duration::new(secs, nanos))
    }

    /// The length as a `chrono::TimeDelta`; `None` if out of its range.
    #[cfg(feature = "chrono")]
    pub fn to_chrono(&self) -> Option<chrono::TimeDelta> {
        let total = self.total_nanos();
        let secs = i64::try_from(total / 1_000_000_000).ok()?;
        let nanos = i64::try_from(total % 1_000_000_000).ok()?;
        chrono::TimeDelta::try_seconds(secs)?.checked_add(&chrono::TimeDelta::nanoseconds(nanos))
    }

    /// A duration equal to `value`, written in days, hours, minutes and seconds.
    #[cfg(feature = "chrono")]
    pub fn from_chrono(value: chrono::TimeDelta) -> Self {
        let nanos = i128::from(value.num_seconds()) * 1_000_000_000 + i128::from(value.subsec_nanos());
        Self::from_nanos(nanos)
    }
}

impl std::ops::Neg for Duration {
    type Output = Self;

    /// Flips the sign, keeping the written components.
    fn neg(mut self) -> Self {
        self.negative = !self.negative;
        self
    }
}

impl PartialEq for Duration {
    fn eq(&self, other: &Self) -> bool {
        self.total_nanos() == other.total_nanos()
    }
}

impl Eq for Duration {}

impl PartialOrd for Duration {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Duration {
    fn cmp(&self, other: &Self) -> Ordering {
        self.total_nanos().cmp(&other.total_nanos())
    }
}

impl Hash for Duration {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.total_nanos().hash(state);
    }
}

impl From<std::time::Duration> for Duration {
    fn from(value: std::time::Duration) -> Self {
        Self::from_std(value)
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.negative {
            f.write_str("-")?;
        }
        f.write_str("P")?;
        if self.written & DAYS != 0 {
            write!(f, "{}D", self.days)?;
        }
        let time = self.written & (HOURS | MINUTES | SECONDS);
        if time != 0 || self.written == 0 {
            f.write_str("T")?;
        }
        if self.written & HOURS != 0 {
            write!(f, "{}H", self.hours)?;
        }
        if self.written & MINUTES != 0 {
            write!(f, "{}M", self.minutes)?;
        }
        if self.written & SECONDS != 0 || self.written == 0 {
            write!(f, "{}", self.seconds)?;
            if self.fraction_digits > 0 {
                let digits = format!("{:09}", self.nanos);
                let keep = usize::from(self.fraction_digits).min(digits.len());
                write!(f, ".{}", digits.get(..keep).unwrap_or(&digits))?;
            }
            f.write_str("S")?;
        }
        Ok(())
    }
}

impl fmt::Debug for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Duration({self})")
    }
}

/// Why a text is not an `Edm.Duration`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseDurationError {
    reason: &'static str,
}

impl fmt::Display for ParseDurationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "invalid ISO 8601 duration: {}", self.reason)
    }
}

impl std::error::Error for ParseDurationError {}

fn fail<T>(reason: &'static str) -> Result<T, ParseDurationError> {
    Err(ParseDurationError { reason })
}

impl FromStr for Duration {
    type Err = ParseDurationError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let mut d = Self::ZERO;
        let mut rest = text.as_bytes();
        match rest.first() {
            Some(b'-') => {
                d.negative = true;
                rest = rest.get(1..).unwrap_or_default();
            }
            Some(b'+') => rest = rest.get(1..).unwrap_or_default(),
            _ => {}
        }
        rest = match rest.split_first() {
            Some((b'P', tail)) => tail,
            _ => return fail("expected `P`"),
        };
        let mut in_time = false;
        while let Some((&c, tail)) = rest.split_first() {
            if c == b'T' {
                if in_time {
                    return fail("`T` appears twice");
                }
                in_time = true;
                rest = tail;
                if rest.is_empty() {
                    return fail("no time component after `T`");
                }
                continue;
            }
            let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
            if digits == 0 {
                return fail("expected a number");
            }
            let (number, tail) = rest.split_at(digits);
            let value = parse_u64(number)?;
            let (fraction, tail) = match tail.split_first() {
                Some((b'.', after)) => {
                    let n = after.iter().take_while(|b| b.is_ascii_digit()).count();
                    if n == 0 {
                        return fail("expected digits after `.`");
                    }
                    let (frac, after) = after.split_at(n);
                    (Some(frac), after)
                }
                _ => (None, tail),
            };
            let (designator, tail) = match tail.split_first() {
                Some((&c, after)) => (c, after),
                None => return fail("a number lacks its designator"),
            };
            let flag = match (in_time, designator) {
                (false, b'D') => DAYS,
                (true, b'H') => HOURS,
                (true, b'M') => MINUTES,
                (true, b'S') => SECONDS,
                (false, b'Y' | b'M' | b'W') => {
                    return fail("years, months and weeks are not allowed in Edm.Duration");
                }
                _ => return fail("unexpected designator"),
            };
            // Components must come in order, each at most once.
            if d.written >= flag {
                return fail("components out of order or repeated");
            }
            if fraction.is_some() && flag != SECONDS {
                return fail("only seconds may have a fraction");
            }
            d.written |= flag;
            match flag {
                DAYS => d.days = value,
                HOURS => d.hours = value,
                MINUTES => d.minutes = value,
                _ => {
                    d.seconds = value;
                    if let Some(frac) = fraction {
                        // Beyond nanoseconds the digits are dropped.
                        let kept = frac.get(..9).unwrap_or(frac);
                        let mut nanos = 0u32;
                        for &b in kept {
                            nanos = nanos * 10 + u32::from(b - b'0');
                        }
                        for _ in kept.len()..9 {
                            nanos *= 10;
                        }
                        d.nanos = nanos;
                        d.fraction_digits = u8::try_from(kept.len()).unwrap_or(9);
                    }
                }
            }
            rest = tail;
        }
        if d.written == 0 {
            return fail("no components");
        }
        Ok(d)
    }
}

fn parse_u64(digits: &[u8]) -> Result<u64, ParseDurationError> {
    let mut value: u64 = 0;
    for &b in digits {
        value = match value.checked_mul(10).and_then(|v| v.checked_add(u64::from(b - b'0'))) {
            Some(v) => v,
            None => return fail("number too large"),
        };
    }
    Ok(value)
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DurationVisitor;

        impl Visitor<'_> for DurationVisitor {
            type Value = Duration;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an ISO 8601 duration such as P1DT2H3M4.5S")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Duration, E> {
                v.parse().map_err(|e| E::custom(format_args!("{e}: {v:?}")))
            }
        }

        deserializer.deserialize_str(DurationVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Duration {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn forms_round_trip_exactly() {
        for text in [
            "PT0S",
            "P0D",
            "-P1D",
            "-PT0S",
            "P1DT12H30M5.25S",
            "PT36H",
            "PT90M",
            "PT0.50S",
            "PT1.000000001S",
            "P10675199DT2H48M5.4775807S",
            "PT5M",
            "P3DT4S",
        ] {
            assert_eq!(parse(text).to_string(), text);
            let json = format!("\"{text}\"");
            let d: Duration = serde_json::from_str(&json).unwrap();
            assert_eq!(serde_json::to_string(&d).unwrap(), json);
        }
    }

    #[test]
    fn values() {
        let d = parse("P1DT12H30M5.25S");
        assert_eq!((d.days(), d.hours(), d.minutes(), d.seconds(), d.subsec_nanos()), (1, 12, 30, 5, 250_000_000));
        assert_eq!(d.total_nanos(), 131_405_250_000_000);
        assert_eq!(parse("-P1D").total_nanos(), -86_400_000_000_000);
        assert!(parse("-P1D").is_negative());
        assert_eq!(parse("-P1D").to_std(), None);
        assert_eq!(parse("-PT0S").to_std(), Some(std::time::Duration::ZERO));
        assert_eq!(parse("+PT1S").to_string(), "PT1S");
    }

    #[test]
    fn equality_is_by_length() {
        assert_eq!(parse("PT1H"), parse("PT60M"));
        assert_eq!(parse("-PT0S"), parse("P0D"));
        assert!(parse("PT59M") < parse("PT1H"));
        assert!(parse("-P1D") < Duration::ZERO);
    }

    #[test]
    fn constructors_write_canonical_form() {
        assert_eq!(Duration::ZERO.to_string(), "PT0S");
        assert_eq!(Duration::from_secs(0).to_string(), "PT0S");
        assert_eq!(Duration::from_secs(86_400 + 3_600).to_string(), "P1DT1H");
        assert_eq!(Duration::from_std(std::time::Duration::from_millis(1_500)).to_string(), "PT1.5S");
        assert_eq!(Duration::from_nanos(-1).to_string(), "-PT0.000000001S");
        assert_eq!((-Duration::from_secs(60)).to_string(), "-PT1M");
        assert_eq!(Duration::from_nanos(i128::MAX).days(), u64::MAX);
    }

    #[test]
    fn long_fractions_are_truncated_to_nanoseconds() {
        let d = parse("PT1.1234567891S");
        assert_eq!(d.subsec_nanos(), 123_456_789);
        assert_eq!(d.to_string(), "PT1.123456789S");
    }

    #[test]
    fn rejects_invalid_forms() {
        for text in [
            "",
            "P",
            "PT",
            "1D",
            "P1",
            "P1H",
            "PT1D",
            "P1Y",
            "P2M",
            "P1W",
            "PT1H2H",
            "PT1S1M",
            "P1DT",
            "PT.5S",
            "PT1.S",
            "PT1.5M",
            "pt1s",
            "P-1D",
            "--P1D",
            "P1DTT1H",
            "PT1S ",
            "P99999999999999999999D",
        ] {
            assert!(text.parse::<Duration>().is_err(), "{text:?} should fail");
        }
        let err = "P1Y".parse::<Duration>().unwrap_err();
        assert!(err.to_string().contains("years"));
        assert!(serde_json::from_str::<Duration>("5").is_err());
    }

    #[cfg(feature = "chrono")]
    #[test]
    fn chrono_conversions() {
        let d = parse("-PT1.5S");
        assert_eq!(d.to_chrono(), Some(chrono::TimeDelta::milliseconds(-1_500)));
        assert_eq!(Duration::from_chrono(chrono::TimeDelta::milliseconds(-1_500)), d);
        assert_eq!(Duration::from_chrono(chrono::TimeDelta::hours(25)).to_string(), "P1DT1H");
    }
}
