//! Numerals: Arabic (8760, 3,561.8), Chinese (一百二十, 两, 二〇二三), magnitudes (万, 亿,
//! 万亿, 千亿) and fractions (1/4, 三分之一).
//!
//! These are pure functions on normalised chars; the scanner in `extract` decides where a
//! numeral stands and what unit follows it.

/// Value of a Chinese digit (一 … 九, 两, 零/〇, and the financial forms 壹 … 玖).
pub(crate) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '零' | '〇' => 0,
        '一' | '壹' | '幺' => 1,
        '二' | '两' | '贰' | '貳' => 2,
        '三' | '叁' | '參' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' | '陸' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// The decimal point of a Chinese numeral: 十七点四.
pub(crate) fn is_cn_point(c: char) -> bool {
    c == '点'
}

/// The fraction a run of Chinese digits after the point stands for: 四 → 0.4, 零五 → 0.05.
pub(crate) fn cn_decimals(digits: &[char]) -> Option<f64> {
    let mut v = 0.0;
    let mut scale = 0.1;
    for &c in digits {
        v += cn_digit(c)? as f64 * scale;
        scale /= 10.0;
    }
    (!digits.is_empty()).then_some(v)
}

/// Multiplier of a Chinese small unit (十, 百, 千).
pub(crate) fn cn_small_unit(c: char) -> Option<u32> {
    Some(match c {
        '十' | '拾' => 10,
        '百' | '佰' => 100,
        '千' | '仟' => 1000,
        _ => return None,
    })
}

/// Multiplier of a magnitude char that may follow a number (万, 亿, 千, 百, 十).
pub(crate) fn magnitude(c: char) -> Option<f64> {
    Some(match c {
        '万' | '萬' => 1e4,
        '亿' | '億' => 1e8,
        '千' => 1e3,
        '百' => 1e2,
        '十' => 10.0,
        '兆' => 1e12,
        _ => return None,
    })
}

/// A part of a numeral that mixes digit groups with magnitude chars.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum MixedPart {
    /// A digit group (Arabic or Chinese digits): 13, 5978, 三.
    Number(f64),
    /// A magnitude char's multiplier: 万 → 1e4.
    Magnitude(f64),
}

/// The value of a numeral that mixes digit groups with magnitudes, as large numbers are
/// written: 13万5978 (135978), 4万3千 (43000), 2亿3千4百万 (234000000). `None` when the
/// parts are no one number (two digit groups side by side, a magnitude with nothing before).
pub(crate) fn mixed_value(parts: &[MixedPart]) -> Option<f64> {
    let (mut total, mut wan, mut section) = (0.0, 0.0, 0.0);
    let mut pending: Option<f64> = None;
    for &part in parts {
        match part {
            MixedPart::Number(v) if pending.is_none() => pending = Some(v),
            MixedPart::Number(_) => return None,
            MixedPart::Magnitude(m) if m < 1e4 => section += pending.take().unwrap_or(1.0) * m,
            MixedPart::Magnitude(m) => {
                // 万 closes the part below it; 亿 closes everything before it
                let below = if m == 1e4 { section } else { wan + section };
                let part = below + pending.take().unwrap_or(0.0);
                if part == 0.0 || (m != 1e4 && m != 1e8) {
                    return None;
                }
                if m == 1e4 {
                    wan = part * 1e4;
                } else {
                    total += part * 1e8;
                    wan = 0.0;
                }
                section = 0.0;
            }
        }
    }
    Some(total + wan + section + pending.unwrap_or(0.0))
}

pub(crate) fn is_cn_numeral(c: char) -> bool {
    cn_digit(c).is_some() || cn_small_unit(c).is_some() || matches!(c, '万' | '亿' | '萬' | '億')
}

/// Parse a run of Chinese numerals. Returns `None` for runs that are not one number, such
/// as 十四五 or 三四 (two digits side by side without a unit between them, unless every
/// char is a digit, as in the year 二〇二三).
pub(crate) fn parse_chinese(s: &str) -> Option<f64> {
    let chars: Vec<char> = s.chars().collect();
    if chars.is_empty() {
        return None;
    }
    let all_digits = chars.iter().all(|&c| cn_digit(c).is_some());
    let digit_by_digit =
        all_digits && (chars.len() >= 3 || chars.iter().any(|&c| matches!(c, '〇' | '零')));
    if digit_by_digit {
        return digits_one_by_one(&chars);
    }
    if chars.len() >= 2 && all_digits {
        return None; // 三四: "three or four", not a number
    }
    let mut n = Grouped::default();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = cn_digit(c) {
            n.digit(d)?;
        } else if let Some(u) = cn_small_unit(c) {
            n.small_unit(u, i == 0)?;
        } else if matches!(c, '万' | '萬') {
            n.wan();
        } else if matches!(c, '亿' | '億') {
            n.yi();
        } else {
            return None;
        }
    }
    Some(n.finish(&chars))
}

/// 二〇二三: a year read digit by digit (两 never stands in one).
fn digits_one_by_one(chars: &[char]) -> Option<f64> {
    if chars.contains(&'两') {
        return None;
    }
    chars
        .iter()
        .try_fold(0f64, |v, &c| Some(v * 10.0 + cn_digit(c)? as f64))
}

/// A Chinese numeral read char by char: groups of 亿 and 万, each of 千 百 十 and a digit.
#[derive(Debug)]
struct Grouped {
    /// Completed 亿 groups.
    total: f64,
    /// The completed 万 group.
    section: f64,
    /// Within 千/百/十.
    small: f64,
    digit: Option<f64>,
    last_was_digit: bool,
    last_unit: u32,
}

impl Default for Grouped {
    fn default() -> Grouped {
        Grouped {
            total: 0.0,
            section: 0.0,
            small: 0.0,
            digit: None,
            last_was_digit: false,
            last_unit: u32::MAX,
        }
    }
}

impl Grouped {
    fn digit(&mut self, d: u32) -> Option<()> {
        if self.last_was_digit && d != 0 && self.digit != Some(0.0) {
            return None; // 三四, 十四五
        }
        self.digit = Some(d as f64);
        self.last_was_digit = true;
        Some(())
    }

    /// 千, 百 or 十 (`u`); a leading one needs no digit (十二, 百分之百).
    fn small_unit(&mut self, u: u32, first: bool) -> Option<()> {
        if u >= self.last_unit && self.last_unit != u32::MAX && self.digit.is_none() {
            return None;
        }
        let d = match self.digit {
            Some(d) => d,
            None if first || u == 10 => 1.0, // 十二, 一百一十
            None => return None,
        };
        self.small += d * u as f64;
        self.digit = None;
        self.last_was_digit = false;
        self.last_unit = u;
        Some(())
    }

    fn wan(&mut self) {
        self.small += self.digit.take().unwrap_or(0.0);
        let empty = self.small == 0.0 && self.section == 0.0 && self.total == 0.0;
        self.section += if empty { 1.0 } else { self.small } * 1e4;
        self.small = 0.0;
        self.last_was_digit = false;
        self.last_unit = u32::MAX;
    }

    fn yi(&mut self) {
        self.small += self.digit.take().unwrap_or(0.0);
        let group = self.section + self.small;
        let empty = group == 0.0 && self.total == 0.0;
        self.total = (self.total + if empty { 1.0 } else { group }) * 1e8;
        self.section = 0.0;
        self.small = 0.0;
        self.last_was_digit = false;
        self.last_unit = u32::MAX;
    }

    /// The value; a trailing digit right after a unit is one order lower: 一百五 = 150,
    /// 三万五 = 35000.
    fn finish(&self, chars: &[char]) -> f64 {
        let tail = match self.digit {
            Some(d) => {
                let n = chars.len();
                let unit_before = if n >= 2 {
                    unit_multiplier(chars[n - 2])
                } else {
                    None
                };
                match unit_before {
                    Some(m) if m >= 100.0 => d * m / 10.0,
                    _ => d,
                }
            }
            None => 0.0,
        };
        self.total + self.section + self.small + tail
    }
}

fn unit_multiplier(c: char) -> Option<f64> {
    cn_small_unit(c).map(|u| u as f64).or(match c {
        '万' | '萬' => Some(1e4),
        '亿' | '億' => Some(1e8),
        _ => None,
    })
}

/// Parse an Arabic numeral as written in text: digits, an optional decimal part, and `,`
/// thousands separators (already validated by the scanner).
pub(crate) fn parse_arabic(s: &str) -> Option<f64> {
    let cleaned: String = s.chars().filter(|&c| c != ',').collect();
    if cleaned.is_empty() || cleaned.starts_with('.') || cleaned.ends_with('.') {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Apply the magnitude chars that follow a number (万, 亿, 万亿, 千亿): 1.2 + 万亿 = 1.2e12.
pub(crate) fn apply_magnitudes(value: f64, mags: &str) -> f64 {
    mags.chars().filter_map(magnitude).fold(value, |v, m| v * m)
}

/// Format a value for display without float noise: 876000000000 → "876000000000",
/// 0.25 → "0.25", 49.3 → "49.3".
pub(crate) fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e16 {
        format!("{}", v as i64)
    } else {
        let s = format!("{:.6}", v);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn chinese_numerals() {
        let cases = [
            ("一", 1.0),
            ("两", 2.0),
            ("十", 10.0),
            ("十二", 12.0),
            ("二十", 20.0),
            ("一百二十三", 123.0),
            ("一百零五", 105.0),
            ("一千零一", 1001.0),
            ("三万五千", 35000.0),
            ("一百五", 150.0),
            ("三万五", 35000.0),
            ("一亿二千万", 120_000_000.0),
            ("十万", 100_000.0),
            ("万", 10_000.0),
            ("亿", 1e8),
            ("二〇二三", 2023.0),
            ("一百三十五", 135.0),
        ];
        for (s, v) in cases {
            assert_eq!(parse_chinese(s), Some(v), "{s}");
        }
        for bad in ["十四五", "三四", "", "甲"] {
            assert_eq!(parse_chinese(bad), None, "{bad}");
        }
    }

    #[test]
    fn arabic_and_magnitudes() {
        assert_eq!(parse_arabic("3,561.8"), Some(3561.8));
        assert_eq!(parse_arabic("8760"), Some(8760.0));
        assert_eq!(parse_arabic("5."), None);
        assert_eq!(apply_magnitudes(8760.0, "亿"), 876_000_000_000.0);
        assert_eq!(apply_magnitudes(1.2, "万亿"), 1.2e12);
        assert_eq!(apply_magnitudes(2.5, "万"), 25_000.0);
        assert_eq!(format_value(876_000_000_000.0), "876000000000");
        assert_eq!(format_value(0.25), "0.25");
    }

    /// Write `n` (< 10^8) the way Chinese text does.
    fn to_chinese(mut n: u64) -> String {
        const D: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
        if n == 0 {
            return "零".into();
        }
        fn below_10k(n: u64, out: &mut String, leading: bool) {
            let units = [(1000, '千'), (100, '百'), (10, '十')];
            let mut zero = false;
            let mut started = !leading;
            let mut rest = n;
            for (u, c) in units {
                let d = rest / u;
                rest %= u;
                if d > 0 {
                    if zero {
                        out.push('零');
                        zero = false;
                    }
                    out.push(D[d as usize]);
                    out.push(c);
                    started = true;
                } else if started {
                    zero = true;
                }
            }
            if rest > 0 {
                if zero {
                    out.push('零');
                }
                out.push(D[rest as usize]);
            }
        }
        let mut out = String::new();
        let wan = n / 10_000;
        n %= 10_000;
        if wan > 0 {
            below_10k(wan, &mut out, true);
            out.push('万');
            if n > 0 && n < 1000 {
                out.push('零');
            }
        }
        if n > 0 {
            below_10k(n, &mut out, wan == 0);
        }
        out
    }

    proptest! {
        #[test]
        fn chinese_round_trip(n in 1u64..100_000_000) {
            let s = to_chinese(n);
            prop_assert_eq!(parse_chinese(&s), Some(n as f64), "{}", s);
        }

        #[test]
        fn arabic_round_trip(int in 0u64..10_000_000, frac in 0u32..100) {
            let s = format!("{int}.{frac:02}");
            let v = parse_arabic(&s).unwrap();
            prop_assert!((v - (int as f64 + frac as f64 / 100.0)).abs() < 1e-6);
        }

        #[test]
        fn never_panics(s in "\\PC{0,12}") {
            let _ = parse_chinese(&s);
            let _ = parse_arabic(&s);
        }
    }
}
