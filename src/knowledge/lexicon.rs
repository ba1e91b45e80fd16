//! The word lists that drive parsing and question analysis, loaded from `lexicon.toml`.
//!
//! They are data so that another newsroom's wording (a currency, a measure word, a way of
//! saying "since January") is a line in a file, not a code change. The copy shipped in `data/`
//! is built into the binary as the default; a `lexicon.toml` in the data folder replaces it.

use serde::Deserialize;
use std::path::Path;

/// The built-in lexicon (the file shipped in `data/`).
pub(crate) const DEFAULT_LEXICON: &str = include_str!("../../data/lexicon.toml");

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Lexicon {
    pub units: Units,
    pub qualifiers: Qualifiers,
    pub figures: FigureWords,
    pub time: TimeWords,
    pub question: QuestionWords,
    pub answer: AnswerWords,
    pub templates: Templates,
}

/// Words the answer stage reads.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct AnswerWords {
    /// Sentence openings that lean on the sentence before (其中, 同时 …): an excerpt then
    /// starts one sentence earlier.
    pub lean_on_previous: Vec<String>,
}

/// Sentences the engine writes in the articles' language.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Templates {
    /// An example question about a measure; `{measure}` stands for it.
    pub question: String,
}

impl Templates {
    /// The example question about `measure`.
    pub(crate) fn question_about(&self, measure: &str) -> String {
        self.question.replace("{measure}", measure)
    }
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Units {
    pub currency: Vec<String>,
    pub classifier: Vec<String>,
    pub measure: Vec<String>,
    pub rank: Vec<String>,
    pub duration: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Qualifiers {
    pub before_more: Vec<String>,
    pub before_less: Vec<String>,
    pub before_about: Vec<String>,
    pub after_more: Vec<String>,
    pub after_less: Vec<String>,
    pub after_about: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FigureWords {
    #[serde(default)]
    pub decrease: Vec<String>,
    pub not_numbers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TimeWords {
    pub this_year: Vec<String>,
    pub last_year: Vec<String>,
    pub year_before: Vec<String>,
    pub next_year: Vec<String>,
    pub ytd: Vec<String>,
    pub now: Vec<String>,
    pub cumulative: Vec<String>,
    pub comparison: Vec<String>,
    /// Parts of a year: word → (first month, last month), longest word first.
    #[serde(default, deserialize_with = "spans")]
    pub spans: Vec<(String, (u32, u32))>,
}

fn spans<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, (u32, u32))>, D::Error> {
    let map: std::collections::BTreeMap<String, (u32, u32)> = Deserialize::deserialize(d)?;
    let mut v: Vec<(String, (u32, u32))> = map
        .into_iter()
        .filter(|(_, (a, b))| (1..=12).contains(a) && (1..=12).contains(b) && a <= b)
        .map(|(k, m)| (crate::text::normalize(&k), m))
        .collect();
    v.sort_by(|a, b| b.0.chars().count().cmp(&a.0.chars().count()));
    Ok(v)
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct QuestionWords {
    /// Marks of a question (a question mark, 吗, 呢, 几): a text holding one asks
    /// something, it does not state a claim.
    pub asking: Vec<String>,
    pub growth: Vec<String>,
    pub share: Vec<String>,
    pub rank: Vec<String>,
    pub date: Vec<String>,
    pub count: Vec<String>,
    pub amount: Vec<String>,
    pub entity: Vec<String>,
    pub stopwords: Vec<String>,
    pub home_aliases: Vec<String>,
    pub generic: Vec<String>,
    pub measure_suffixes: Vec<String>,
    pub question_phrases: Vec<String>,
    pub provinces: Vec<String>,
    pub province_aliases: Vec<String>,
}

impl Lexicon {
    /// A top-N name rather than a quantity: 世界500强 (a unit of the `rank` list).
    pub(crate) fn is_top_n(&self, kind: crate::figures::Kind, unit: Option<&str>) -> bool {
        kind == crate::figures::Kind::Rank
            && unit.is_some_and(|u| self.units.rank.iter().any(|r| r == u))
    }

    /// A figure worth listing or checking: a value that is neither a date, a period nor a
    /// top-N name.
    pub(crate) fn is_quantity(
        &self,
        kind: crate::figures::Kind,
        unit: Option<&str>,
        value: Option<f64>,
    ) -> bool {
        value.is_some()
            && !matches!(
                kind,
                crate::figures::Kind::Date | crate::figures::Kind::Period
            )
            && !self.is_top_n(kind, unit)
    }

    /// Parse a lexicon from TOML text; `origin` names it in errors.
    pub(crate) fn parse(text: &str, origin: &str) -> crate::Result<Lexicon> {
        let mut lex: Lexicon = toml::from_str(text).map_err(|e| crate::Error::Data {
            path: origin.to_string(),
            message: format!("not a valid lexicon: {e}"),
        })?;
        lex.normalize();
        Ok(lex)
    }

    /// The built-in lexicon.
    pub(crate) fn builtin() -> Lexicon {
        Lexicon::parse(DEFAULT_LEXICON, "built-in lexicon").expect("the built-in lexicon parses")
    }

    /// `dir/lexicon.toml` when present, else the built-in one.
    pub(crate) fn load_or_builtin(dir: &Path) -> crate::Result<Lexicon> {
        let path = dir.join("lexicon.toml");
        if path.is_file() {
            let text = std::fs::read_to_string(&path).map_err(|e| crate::Error::io(&path, e))?;
            Lexicon::parse(&text, &path.display().to_string())
        } else {
            Ok(Lexicon::builtin())
        }
    }

    /// Normalise every entry and sort each list longest first, so a scan can stop at the
    /// first entry that matches.
    fn normalize(&mut self) {
        let lists: [&mut Vec<String>; 36] = [
            &mut self.units.currency,
            &mut self.units.classifier,
            &mut self.units.measure,
            &mut self.units.rank,
            &mut self.units.duration,
            &mut self.qualifiers.before_more,
            &mut self.qualifiers.before_less,
            &mut self.qualifiers.before_about,
            &mut self.qualifiers.after_more,
            &mut self.qualifiers.after_less,
            &mut self.qualifiers.after_about,
            &mut self.figures.not_numbers,
            &mut self.figures.decrease,
            &mut self.time.this_year,
            &mut self.time.last_year,
            &mut self.time.year_before,
            &mut self.time.next_year,
            &mut self.time.ytd,
            &mut self.time.now,
            &mut self.time.cumulative,
            &mut self.time.comparison,
            &mut self.question.growth,
            &mut self.question.share,
            &mut self.question.rank,
            &mut self.question.date,
            &mut self.question.count,
            &mut self.question.amount,
            &mut self.question.entity,
            &mut self.question.home_aliases,
            &mut self.question.generic,
            &mut self.question.measure_suffixes,
            &mut self.question.question_phrases,
            &mut self.question.provinces,
            &mut self.question.province_aliases,
            &mut self.question.asking,
            &mut self.answer.lean_on_previous,
        ];
        for list in lists {
            sort_longest_first(list);
        }
        sort_longest_first(&mut self.question.stopwords);
    }
}

fn sort_longest_first(list: &mut Vec<String>) {
    for w in list.iter_mut() {
        *w = crate::text::normalize(w.trim());
    }
    list.retain(|w| !w.is_empty());
    list.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
    list.dedup();
}

/// The longest entry of `list` (sorted longest first) that `chars[at..]` starts with.
pub(crate) fn match_at<'a>(list: &'a [String], chars: &[char], at: usize) -> Option<&'a str> {
    list.iter()
        .find(|w| starts_with_at(chars, at, w))
        .map(|s| s.as_str())
}

/// The longest entry of `list` that `chars[..end]` ends with.
pub(crate) fn match_before<'a>(list: &'a [String], chars: &[char], end: usize) -> Option<&'a str> {
    list.iter()
        .find(|w| {
            let n = w.chars().count();
            n <= end && starts_with_at(chars, end - n, w)
        })
        .map(|s| s.as_str())
}

/// Does `chars[at..]` start with `word`?
pub(crate) fn starts_with_at(chars: &[char], at: usize, word: &str) -> bool {
    let mut i = at;
    for c in word.chars() {
        if i >= chars.len() || chars[i] != c {
            return false;
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_sorts() {
        let lex = Lexicon::builtin();
        assert_eq!(lex.units.currency[0].chars().count(), 3); // 人民币 before 元
        let chars: Vec<char> = "亿美元以上".chars().collect();
        assert_eq!(match_at(&lex.units.currency, &chars, 1), Some("美元"));
        assert_eq!(
            match_before(&lex.qualifiers.after_more, &chars, 5),
            Some("以上")
        );
    }
}
