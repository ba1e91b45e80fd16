//! What a user types around a question: greetings, thanks, interjections, chat slang, HTML
//! tags pasted from a page, emoji. None of it says what is asked, and a word the articles
//! never mention makes a question unanswerable — so it goes before the question is read.
//! English is put into Chinese here too, each word as the articles write it where the
//! dictionary offers several (see [`clean_question`]).
//!
//! Three sources, none naming a word in code: the `[question] filler` list of the lexicon
//! (whole words only, so 哈 never cuts 哈尔滨), jieba's tags for modal particles and
//! interjections (`filler_tags`), and the Unicode properties of emoji and symbols.

use std::sync::LazyLock;

use regex::Regex;

use super::Term;
use crate::knowledge::{Glossary, Lexicon, Rendering};
use crate::text::{normalize, Segmenter};

/// HTML or Telegram markup tags: `<i>`, `</b>`, `<a href="…">`. A tag opens with a letter
/// or a slash, so `<5%` stays a comparison.
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"</?[a-z][a-z0-9]*(\s[^<>]{0,200})?/?>").expect("tag pattern"));

/// Emoji and their joiners, selectors and skin tones; flags.
static EMOJI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\p{Regional_Indicator}\x{FE0E}\x{FE0F}\x{200D}\x{20E3}]")
        .expect("emoji pattern")
});

/// The question as the reader sees it: normalised, markup and emoji gone, English words put
/// into Chinese, filler words dropped. Figures, periods and question words stay as typed.
/// Of several Chinese words for an English one, the first is taken: [`clean_question`]
/// takes the one the articles hold.
pub(crate) fn clean_input(
    lex: &Lexicon,
    glossary: &Glossary,
    seg: &Segmenter,
    raw: &str,
) -> String {
    clean_question(lex, glossary, seg, raw, &|_| false).text
}

/// A question cleaned, and what its English words became.
pub(crate) struct Cleaned {
    pub text: String,
    pub english: Vec<Rendering>,
}

/// The capitalised Latin words of a question written mostly in Chinese, lower case: names
/// (多少KB的记忆体为Apple Macintosh所拥有), not English to translate. None in an English
/// question.
fn latin_names(raw: &str) -> Vec<String> {
    let han = raw.chars().filter(|&c| crate::text::is_han(c)).count();
    let latin = raw.chars().filter(char::is_ascii_alphabetic).count();
    if han <= latin {
        return Vec::new();
    }
    raw.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| w.starts_with(|c: char| c.is_ascii_uppercase()))
        .map(str::to_lowercase)
        .collect()
}

/// Like [`clean_input`], with `contains` telling which Chinese words the articles hold: of
/// an English word's candidates (游客 or 客人 for visitors) the first they hold is taken,
/// and the others are kept as the same word ([`add_english_alternatives`]).
pub(crate) fn clean_question(
    lex: &Lexicon,
    glossary: &Glossary,
    seg: &Segmenter,
    raw: &str,
    contains: &dyn Fn(&str) -> bool,
) -> Cleaned {
    let text = without_markup(lex, &normalize(raw));
    let text = without_english_filler(&lex.question.filler, &text);
    let english = glossary.translate_english_keeping(&text, contains, &latin_names(raw));
    Cleaned {
        text: digits_in_names(lex, &without_filler_words(lex, seg, &english.text)),
        english: english.renderings,
    }
}

/// Chinese numerals of a top-N name written as the articles write them: 财富五百强 →
/// 财富500强 (a name, so the digits are the name's spelling, not a figure's).
fn digits_in_names(lex: &Lexicon, text: &str) -> String {
    use crate::figures::numerals::{is_cn_numeral, parse_chinese};
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let mut j = i;
        while j < chars.len() && is_cn_numeral(chars[j]) {
            j += 1;
        }
        if j == i {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let run: String = chars[i..j].iter().collect();
        let named = crate::knowledge::match_at(&lex.units.rank, &chars, j).is_some();
        match parse_chinese(&run).filter(|v| named && v.fract() == 0.0 && *v >= 1.0) {
            Some(v) => out.push_str(&format!("{}", v as u64)),
            None => out.push_str(&run),
        }
        i = j;
    }
    out
}

/// The other candidates of an English word stand for the term it became, as synonyms do.
pub(crate) fn add_english_alternatives(terms: &mut [Term], english: &[Rendering]) {
    for t in terms.iter_mut() {
        for r in english.iter().filter(|r| r.chinese == t.text) {
            for o in &r.others {
                if *o != t.text && !t.alts.iter().any(|(a, _)| a == o) {
                    t.alts.push((o.clone(), super::SYNONYM));
                }
            }
        }
    }
}

/// The words the user typed for a term of the cleaned question: the English words it was
/// put into Chinese from (as typed, case kept), else the term itself.
pub(crate) fn as_typed(raw: &str, english: &[Rendering], term: &str) -> String {
    let english = english
        .iter()
        .find(|r| r.chinese == term)
        .or_else(|| english.iter().find(|r| term.contains(r.chinese.as_str())))
        .map(|r| r.english.as_str())
        .or_else(|| term.is_ascii().then_some(term));
    match english {
        Some(e) => find_ascii_ignoring_case(raw, e).unwrap_or_else(|| e.to_string()),
        None => term.to_string(),
    }
}

/// `needle` (lower case ASCII, one space between words, no `'s`) as it stands in `raw`.
fn find_ascii_ignoring_case(raw: &str, needle: &str) -> Option<String> {
    let words: Vec<&str> = needle.split(' ').collect();
    let raw_words: Vec<(usize, &str)> = raw
        .char_indices()
        .filter(|&(i, c)| {
            c.is_ascii_alphanumeric()
                && raw[..i]
                    .chars()
                    .next_back()
                    .is_none_or(|p| !(p.is_ascii_alphanumeric() || p == '-' || p == '\''))
        })
        .map(|(i, _)| {
            let end = raw[i..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '\''))
                .map_or(raw.len(), |n| i + n);
            (i, &raw[i..end])
        })
        .collect();
    let same = |typed: &str, w: &str| {
        let typed = typed.trim_end_matches("'s").trim_end_matches('\'');
        typed.eq_ignore_ascii_case(w)
    };
    for k in 0..raw_words.len() {
        if k + words.len() > raw_words.len() {
            break;
        }
        if raw_words[k..k + words.len()]
            .iter()
            .zip(&words)
            .all(|((_, t), w)| same(t, w))
        {
            let (start, _) = raw_words[k];
            let (last, text) = raw_words[k + words.len() - 1];
            let end = last + text.trim_end_matches("'s").trim_end_matches('\'').len();
            return Some(raw[start..end].to_string());
        }
    }
    None
}

/// Tags, entities and symbols out. A symbol stays when a unit word holds it (℃).
fn without_markup(lex: &Lexicon, text: &str) -> String {
    let text = TAG.replace_all(text, " ");
    let text = text
        .replace("&nbsp;", " ")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    let text = EMOJI.replace_all(&text, "");
    text.chars()
        .filter(|&c| !is_other_symbol(c) || lex.derived.measure.iter().any(|u| u.contains(c)))
        .collect()
}

/// Unicode "Symbol, other" (So) in the ranges chat text uses: arrows, dingbats, shapes,
/// letterlike and technical symbols, CJK and enclosed symbols.
fn is_other_symbol(c: char) -> bool {
    matches!(c as u32,
        0x2100..=0x214F | 0x2190..=0x21FF | 0x2300..=0x23FF | 0x2460..=0x24FF
        | 0x2500..=0x27BF | 0x2B00..=0x2BFF | 0x3200..=0x33FF | 0x1F000..=0x1FAFF)
        && !c.is_numeric()
}

/// English filler (hello, thanks, pls) as whole words, before English is translated — so a
/// greeting never becomes a Chinese word to look for.
fn without_english_filler(filler: &[String], text: &str) -> String {
    let english: Vec<&String> = filler.iter().filter(|w| w.is_ascii()).collect();
    if english.is_empty() || !text.chars().any(|c| c.is_ascii_alphabetic()) {
        return text.to_string();
    }
    let mut out = String::new();
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !english.iter().any(|w| w.as_str() == word.as_str()) {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphabetic() || (c == '\'' && !word.is_empty()) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// Chinese filler: a listed phrase that starts on a jieba word boundary (问下 in 麻烦问下,
/// never in 访问下降; 哈 alone, never in 哈尔滨), and words jieba tags as particles or interjections, unless
/// they are question marks (吗, 呢 make a question).
fn without_filler_words(lex: &Lexicon, seg: &Segmenter, text: &str) -> String {
    let q = &lex.question;
    let chars: Vec<char> = text.chars().collect();
    let words = seg.words(text);
    let mut boundary = vec![false; chars.len() + 1];
    boundary[chars.len()] = true;
    for w in &words {
        boundary[w.start] = true;
        boundary[w.end] = true;
    }
    let mut drop = vec![false; chars.len()];
    for w in &words {
        let particle = q.filler_tags.contains(&w.tag);
        if particle && !q.asking.contains(&w.text) {
            drop[w.start..w.end].iter_mut().for_each(|d| *d = true);
        }
    }
    for f in q.filler.iter().filter(|w| !w.is_ascii()) {
        let n = f.chars().count();
        for i in 0..chars.len().saturating_sub(n - 1) {
            let at = chars[i..i + n].iter().copied().eq(f.chars());
            // a phrase may end inside jieba's next word (问下去年 is 问/下去/年); one char
            // must stand alone
            if at && boundary[i] && (n > 1 || boundary[i + n]) {
                drop[i..i + n].iter_mut().for_each(|d| *d = true);
            }
        }
    }
    let kept: String = chars
        .iter()
        .zip(&drop)
        .filter(|(_, &d)| !d)
        .map(|(c, _)| *c)
        .collect();
    kept.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(q: &str) -> String {
        let (lex, glossary) = (Lexicon::builtin(), Glossary::builtin());
        let seg = Segmenter::new(glossary.chinese_terms());
        clean_input(&lex, &glossary, &seg, q)
    }

    #[test]
    fn greetings_thanks_and_particles_go() {
        assert_eq!(
            clean("麻烦问下，去年青岛外贸总额多少啊？多谢"),
            ",去年青岛外贸总额多少?"
        );
        assert_eq!(clean("麻烦问下去年青岛外贸多少"), "去年青岛外贸多少");
        assert_eq!(
            clean("青岛去年进出口多少呀~~ 谢谢！！"),
            "青岛去年进出口多少~~ !!"
        );
    }

    #[test]
    fn markup_and_emoji_go_units_stay() {
        assert_eq!(
            clean("<i>青岛</i>去年进出口多少😀👍🏽"),
            "青岛 去年进出口多少"
        );
        assert_eq!(clean("气温25℃吗"), "气温25℃吗");
        assert_eq!(clean("增速<5%的有哪些"), "增速<5%的有哪些");
    }

    #[test]
    fn chinese_numerals_of_a_top_n_name_are_spelt_in_digits() {
        assert_eq!(clean("财富五百强企业有多少家"), "财富500强企业有多少家");
        assert_eq!(clean("世界五百强"), "世界500强");
        // other numerals stay as typed: 一带一路 is no number, 三成 is a share
        assert_eq!(clean("一带一路项目占三成吗"), "一带一路项目占三成吗");
    }

    #[test]
    fn filler_only_on_word_boundaries() {
        // 哈 is no filler inside 哈尔滨, nor 问下 inside 访问下降
        assert_eq!(clean("哈尔滨游客多少"), "哈尔滨游客多少");
        assert!(clean("访问下降多少").contains("访问下降"));
        // a question mark survives even though jieba tags it a particle
        assert!(clean("进出口8760亿元吗").ends_with('吗'));
    }

    #[test]
    fn english_greetings_are_whole_words() {
        let q = clean("hello 青岛去年外贸多少");
        assert_eq!(q, "青岛去年外贸多少");
        // "hi" inside a word is no greeting: the word is read whole
        assert_eq!(clean("shipping"), "航运");
    }

    /// An English question read against an article written for the test.
    fn read_english(q: &str) -> crate::question::Question {
        const ARTICLE: &str = "杭州旅游报告\n\n春节假期，杭州市共接待游客1126.8万人次，实现旅游总收入132.7亿元。\n\n全市星级酒店平均入住率达到72.6%。\n\n假日期间，全市民宿平均入住率81.3%。\n";
        let (_dir, engine) = crate::engine::tests::engine_of(&[("hangzhou", ARTICLE)]);
        engine.with_view(|v| crate::question::Analyzer::of(v).analyse(q))
    }

    #[test]
    fn english_words_become_the_words_the_article_uses() {
        let q = read_english("How many visitors did Hangzhou receive over the Spring Festival?");
        let terms: Vec<&str> = q.terms.iter().map(|t| t.text.as_str()).collect();
        // receive is 接待 (the article's word), not 收到; the function words are gone
        assert_eq!(terms, ["游客", "杭州", "接待", "春节"], "{}", q.norm);
        assert!(q.unknown.is_empty());
        // hotel: the dictionary's first sense is 旅馆; the article says 酒店
        let q = read_english("What was the average occupancy rate of hotels?");
        assert!(q.terms.iter().any(|t| t.text == "酒店"), "{}", q.norm);
        assert!(!q.norm.contains("旅馆"), "{}", q.norm);
    }

    #[test]
    fn other_candidates_the_article_holds_are_the_same_word() {
        // holiday: 假期, 假日 or 节日 (the glossary); the article has the first two
        let q = read_english("What was the occupancy rate of homestays during the holiday?");
        let holiday = q.terms.iter().find(|t| t.text == "假期").expect("假期");
        assert_eq!(holiday.alts, [("假日".to_string(), 0.9)]);
        assert!(q.unknown.is_empty(), "{:?}", q.unknown);
        // a compound the article holds is one word: 旅游总收入, not 旅游 and 收入
        let q = read_english("How much tourism revenue did Hangzhou earn?");
        assert!(q.terms.iter().any(|t| t.text == "旅游总收入"), "{}", q.norm);
    }

    #[test]
    fn an_english_word_the_article_lacks_is_named_as_typed() {
        let q = read_english("How many visitors did Beijing receive?");
        assert_eq!(q.unknown, ["Beijing"]);
        // a common word the article lacks is no unknown name: the ranking finds no sentence
        // holding it, and the refusal names it as typed
        let q = read_english("How many Museums did Hangzhou open?");
        assert!(q.unknown.is_empty(), "{:?}", q.unknown);
        assert_eq!(q.unmentioned, ["Museums"]);
        // a word neither the glossary nor the dictionary knows stays English, and unknown
        let q = read_english("How many visitors did Hualan receive?");
        assert_eq!(q.unknown, ["Hualan"]);
    }
}
