//! The caption of an uploaded article, read forgivingly: its title, publication date and
//! reference year (the year its 今年 means).
//!
//! ```text
//! title: Qingdao's foreign trade          标题：青岛外贸            (keys in either language,
//! published: 2024-07-04                   日期：2024年7月4日          on lines of their own or
//! reference_year: 2024                    年份：2024                  one after another)
//! ```
//!
//! Keys are the interface texts' `caption_*` words of every language, matched without
//! regard to case, followed by `:`, `：` or `=`. Text under no key is read too: a date in it
//! is the publication date, and what is left of its first line the title. A date is a year,
//! a month and a day (`2024-07-04`, `2024/7/4`, `2024.07.04`, `2024年7月4日`). A key whose value cannot be read is an error, so an admin
//! never gets an article with a date they did not mean.

use std::ops::Range;

use factbot_conversation::Lang;

/// What a caption says about its article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Caption {
    /// The title, when given.
    pub title: Option<String>,
    /// The publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// The year 今年 means.
    pub reference_year: Option<i32>,
}

/// A value the caption gives that cannot be read (as written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable(pub String);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Title,
    Published,
    Year,
}

/// Every caption key of every interface language, with its field.
fn keys() -> Vec<(Field, &'static str)> {
    let mut out = Vec::new();
    for lang in [Lang::En, Lang::Zh] {
        let t = lang.texts();
        out.extend(t.caption_title.iter().map(|k| (Field::Title, *k)));
        out.extend(t.caption_published.iter().map(|k| (Field::Published, *k)));
        out.extend(t.caption_year.iter().map(|k| (Field::Year, *k)));
    }
    out
}

fn is_delimiter(c: char) -> bool {
    c.is_whitespace() || matches!(c, ';' | ',' | '|' | '；' | '，' | '、')
}

fn is_separator(c: char) -> bool {
    matches!(c, ':' | '：' | '=')
}

/// A key found in a line: its field, where it starts and where its value starts.
struct Marker {
    field: Field,
    start: usize,
    value: usize,
}

/// The keys of one line, in order (a key inside a longer one does not count).
fn markers(line: &str, keys: &[(Field, &str)]) -> Vec<Marker> {
    // ASCII lower case keeps every byte offset
    let lower = line.to_ascii_lowercase();
    let mut found: Vec<(usize, usize, Field)> = Vec::new();
    for (field, key) in keys {
        for (at, _) in lower.match_indices(key) {
            let before_ok = lower[..at].chars().next_back().is_none_or(is_delimiter);
            let rest = &lower[at + key.len()..];
            let trimmed = rest.trim_start();
            let Some(sep) = trimmed.chars().next().filter(|c| is_separator(*c)) else {
                continue;
            };
            if before_ok {
                let value = at + key.len() + (rest.len() - trimmed.len()) + sep.len_utf8();
                found.push((at, value, *field));
            }
        }
    }
    // earliest first, the longest key first where two start together
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
    let mut out: Vec<Marker> = Vec::new();
    for (start, value, field) in found {
        if out.last().is_some_and(|m| start < m.value) {
            continue;
        }
        out.push(Marker {
            field,
            start,
            value,
        });
    }
    out
}

fn clean(value: &str) -> &str {
    value.trim_matches(|c: char| is_delimiter(c) || matches!(c, '"' | '“' | '”' | '《' | '》'))
}

/// Read a caption.
pub fn parse(caption: &str) -> Result<Caption, Unreadable> {
    let keys = keys();
    let mut out = Caption::default();
    let mut loose: Vec<String> = Vec::new();
    for line in caption.lines() {
        let found = markers(line, &keys);
        let first = found.first().map_or(line.len(), |m| m.start);
        loose.push(line[..first].to_string());
        for (i, m) in found.iter().enumerate() {
            let end = found.get(i + 1).map_or(line.len(), |n| n.start);
            let value = clean(&line[m.value..end]);
            if value.is_empty() {
                continue;
            }
            match m.field {
                Field::Title => out.title = Some(value.to_string()),
                Field::Published => match find_date(value) {
                    Some((_, date)) => out.published = Some(date),
                    None => return Err(Unreadable(value.to_string())),
                },
                Field::Year => match year_in(value) {
                    Some(y) => out.reference_year = Some(y),
                    None => return Err(Unreadable(value.to_string())),
                },
            }
        }
    }
    // text under no key: a date anywhere, and the first line left as the title
    for text in loose {
        let mut rest = text.clone();
        if let Some((range, date)) = find_date(&text) {
            if out.published.is_none() {
                out.published = Some(date);
            }
            rest = format!("{}{}", &text[..range.start], &text[range.end..]);
        }
        let rest = clean(&rest);
        if out.title.is_none() && !rest.is_empty() {
            out.title = Some(rest.to_string());
        }
    }
    Ok(out)
}

/// A four-digit year from 1900 to 2100 alone in `value` (`2024`, `2024年`).
fn year_in(value: &str) -> Option<i32> {
    let digits: Vec<&str> = value
        .split(|c: char| !c.is_ascii_digit())
        .filter(|d| !d.is_empty())
        .collect();
    match digits.as_slice() {
        [y] if y.len() == 4 => y.parse().ok().filter(|y| (1900..=2100).contains(y)),
        _ => None,
    }
}

/// The first date in `text`: where it stands and `YYYY-MM-DD`. The year, month and day are
/// parted by the same `-`, `/` or `.` (spaces around it allowed), or, as Chinese writes
/// dates, by two different non-ASCII marks with a third after the day (年, 月, 日).
pub fn find_date(text: &str) -> Option<(Range<usize>, String)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    (0..chars.len())
        .filter(|&start| start == 0 || !chars[start - 1].1.is_ascii_digit())
        .find_map(|start| {
            let (end, year, month, day) = date_at(&chars, start)?;
            let to = chars.get(end).map_or(text.len(), |(b, _)| *b);
            Some((chars[start].0..to, format!("{year:04}-{month:02}-{day:02}")))
        })
}

/// A date starting at char `start`: where it ends, its year, month and day.
fn date_at(chars: &[(usize, char)], start: usize) -> Option<(usize, u32, u32, u32)> {
    let (year, 4) = digits(chars, start, 4)? else {
        return None;
    };
    let (m1, m_at) = mark(chars, start + 4)?;
    let (month, m_len) = digits(chars, m_at, 2)?;
    let (m2, d_at) = mark(chars, m_at + m_len)?;
    let (day, d_len) = digits(chars, d_at, 2)?;
    let mut end = d_at + d_len;
    let fits = if m1.is_ascii() {
        m1 == m2
    } else {
        // 年 月 日: three different marks, the last one right after the day
        let m3 = chars.get(end).map(|(_, c)| *c);
        end += 1;
        !m2.is_ascii()
            && m1 != m2
            && m3.is_some_and(|c| !c.is_ascii() && !is_delimiter(c) && c != m1 && c != m2)
    };
    let valid = (1900..=2100).contains(&year)
        && (1..=12).contains(&month)
        && day >= 1
        && day <= days_in(year, month);
    (fits && valid).then_some((end, year, month, day))
}

/// At most `max` ASCII digits at `from` (no more follow): their value and count.
fn digits(chars: &[(usize, char)], from: usize, max: usize) -> Option<(u32, usize)> {
    let n = chars
        .get(from..)?
        .iter()
        .take(max + 1)
        .take_while(|(_, c)| c.is_ascii_digit())
        .count();
    if n == 0 || n > max {
        return None;
    }
    let v = chars[from..from + n]
        .iter()
        .fold(0, |v, (_, c)| v * 10 + c.to_digit(10).unwrap_or(0));
    Some((v, n))
}

/// The mark after a number at `from`: the mark and where the next number starts. ASCII
/// marks (`-`, `/`, `.`) may have spaces around them; a Chinese mark stands alone.
fn mark(chars: &[(usize, char)], from: usize) -> Option<(char, usize)> {
    let mut i = from;
    while chars.get(i).is_some_and(|(_, c)| *c == ' ') {
        i += 1;
    }
    let (_, c) = *chars.get(i)?;
    if c.is_ascii_digit() {
        return None;
    }
    let mut j = i + 1;
    if c.is_ascii() {
        if !matches!(c, '-' | '/' | '.') {
            return None;
        }
        while chars.get(j).is_some_and(|(_, c)| *c == ' ') {
            j += 1;
        }
    } else if i != from || is_delimiter(c) {
        return None;
    }
    Some((c, j))
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(c: &str) -> Caption {
        parse(c).unwrap()
    }

    #[test]
    fn keys_in_either_language_on_lines_or_in_a_row() {
        let want = Caption {
            title: Some("Qingdao trade".into()),
            published: Some("2024-07-04".into()),
            reference_year: Some(2024),
        };
        assert_eq!(
            read("title: Qingdao trade\npublished: 2024-07-04\nreference_year: 2024"),
            want
        );
        assert_eq!(
            read("Title = Qingdao trade; Date: 2024/7/4; Year: 2024"),
            want
        );
        assert_eq!(
            read("标题：青岛外贸 日期：2024年7月4日 年份：2024年"),
            Caption {
                title: Some("青岛外贸".into()),
                published: Some("2024-07-04".into()),
                reference_year: Some(2024),
            }
        );
        assert_eq!(
            read("发布日期: 2024.07.04\n标题: 《青岛外贸》"),
            Caption {
                title: Some("青岛外贸".into()),
                published: Some("2024-07-04".into()),
                reference_year: None,
            }
        );
    }

    #[test]
    fn a_date_anywhere_and_a_first_line_as_the_title() {
        assert_eq!(
            read("青岛外贸报告 2024-07-04"),
            Caption {
                title: Some("青岛外贸报告".into()),
                published: Some("2024-07-04".into()),
                reference_year: None,
            }
        );
        assert_eq!(read("2024-7-4").published.as_deref(), Some("2024-07-04"));
        assert_eq!(read("").title, None);
        assert_eq!(read("   ").title, None);
        // a number in a title is no date
        assert_eq!(
            read("2023年青岛进出口8760亿元"),
            Caption {
                title: Some("2023年青岛进出口8760亿元".into()),
                ..Caption::default()
            }
        );
    }

    #[test]
    fn an_unreadable_value_is_an_error_and_words_inside_others_are_no_keys() {
        assert_eq!(
            parse("published: yesterday"),
            Err(Unreadable("yesterday".into()))
        );
        assert_eq!(
            parse("date: 2024-02-30"),
            Err(Unreadable("2024-02-30".into()))
        );
        assert_eq!(parse("year: 24"), Err(Unreadable("24".into())));
        // "update:" is not "date:", and "reference_year" is one key
        assert_eq!(
            read("update: 5\nreference_year: 2023").reference_year,
            Some(2023)
        );
        assert_eq!(read("update: 5").published, None);
        assert_eq!(read("date:").published, None);
    }

    #[test]
    fn dates() {
        for (text, date) in [
            ("2024-07-04", "2024-07-04"),
            ("2024/7/4", "2024-07-04"),
            ("2024.12.31", "2024-12-31"),
            ("2024年2月29日", "2024-02-29"),
            ("on 2024 - 07 - 04", "2024-07-04"),
            ("2024-7-4.", "2024-07-04"),
        ] {
            assert_eq!(
                find_date(text).map(|d| d.1).as_deref(),
                Some(date),
                "{text}"
            );
        }
        for text in [
            "2023-02-29",
            "12024-07-04",
            "2024-13-01",
            "2024",
            "8760亿元",
            "2023年1-5月",
            "2024-07/04",
            "2024年7月4",
        ] {
            assert_eq!(find_date(text), None, "{text}");
        }
        let (range, _) = find_date("见2024年7月4日报道").unwrap();
        assert_eq!(&"见2024年7月4日报道"[range], "2024年7月4日");
    }
}
