//! Normalisation used for matching, never for display.
//!
//! Every function here maps one `char` to exactly one `char`, so a char offset found in the
//! normalised text is the same offset in the original. That lets the figure parser work on
//! clean text (half-width digits, `%`, Simplified characters) while excerpts stay verbatim.

/// Normalise one character: full-width ASCII to half-width, the ideographic space to a space,
/// upper to lower case (only where the lower case is a single char).
pub(crate) fn normalize_char(c: char) -> char {
    let c = match c {
        '\u{3000}' => ' ',
        // the tilde and ratio marks that ranges and proportions are written with
        '\u{223C}' | '\u{301C}' => '~',
        '\u{2236}' => ':',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    };
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    if c.is_uppercase() {
        let mut lower = c.to_lowercase();
        if let (Some(l), None) = (lower.next(), lower.next()) {
            return l;
        }
    }
    c
}

/// Normalise a string: [`normalize_char`] on every char, then Traditional to Simplified
/// Chinese. The result has exactly as many chars as the input.
pub(crate) fn normalize(s: &str) -> String {
    let half: String = s.chars().map(normalize_char).collect();
    if half.is_ascii() {
        return half;
    }
    fast2s::convert(&half)
}

/// True for CJK ideographs (the ranges news text uses).
pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_traditional() {
        assert_eq!(normalize("１２３．５％"), "123.5%");
        assert_eq!(
            normalize("青島的貿易夥伴有多少個國家和地區"),
            "青岛的贸易伙伴有多少个国家和地区"
        );
        assert_eq!(normalize("ＡＢＣ　Qingdao"), "abc qingdao");
    }

    #[test]
    fn keeps_char_count() {
        for s in [
            "青島的貿易夥伴",
            "😀 emoji ＡＢ",
            "İstanbul",
            "进出口8760亿元，增长4.6%",
        ] {
            assert_eq!(normalize(s).chars().count(), s.chars().count(), "{s}");
        }
    }
}
