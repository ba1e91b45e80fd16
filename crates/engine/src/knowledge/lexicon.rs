//! The word lists that drive parsing and question analysis, loaded from `lexicon.toml`.
//!
//! They are data so that another newsroom's wording (a currency, a measure word, a way of
//! saying "since January") is a line in a file, not a code change. The copy shipped in `data/`
//! is built into the binary as the default; a `lexicon.toml` in the data folder replaces it.

use serde::Deserialize;

use super::words::{starts_with_at, Word, Words};

/// The built-in lexicon (the file shipped in `data/`).
pub(crate) const DEFAULT_LEXICON: &str = include_str!("../../../../data/lexicon.toml");

/// Which list of `[units]` a unit word comes from: it decides the kind of its figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnitClass {
    /// Money: an amount.
    Currency,
    /// 强: a top-N name.
    Rank,
    /// Time: a period.
    Duration,
    /// A physical measure (length, area, mass …): a quantity.
    Measure,
    /// A measure word for counted things: a count.
    Classifier,
}

/// The dimension of the units of time (`[units] duration`).
pub(crate) const DURATION: &str = "duration";
/// The dimension of rates and shares (percentages, fractions, percentage points).
pub(crate) const PERCENT: &str = "percent";

/// Every word list, by the stage that reads it.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Lexicon {
    pub units: Units,
    pub qualifiers: Qualifiers,
    pub figures: FigureWords,
    pub grammar: Grammar,
    pub time: TimeWords,
    pub question: QuestionWords,
    pub answer: AnswerWords,
    pub layout: Layout,
    pub templates: Templates,
    /// Questions over several figures (a user copy without the section answers one figure
    /// at a time).
    #[serde(default)]
    pub several: SeveralWords,
    /// Key figures and their labels (an older lexicon without the section reads as empty).
    #[serde(default)]
    pub facts: FactWords,
    /// How an article about one thing gives its subject's other names.
    #[serde(default)]
    pub subject: SubjectWords,
    /// What each physical unit measures: dimension (length, area, mass …) → its units.
    #[serde(default)]
    pub dimensions: std::collections::BTreeMap<String, Words>,
    /// Lists made of the others, once.
    #[serde(skip)]
    pub derived: Derived,
}

/// Word lists that are unions of the file's lists, built once when the lexicon is read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Derived {
    /// Change and share words: a figure after one measures the thing named before it.
    pub movement: Words,
    /// Clause openings that leave the subject to the clause before: movement words,
    /// measure nouns, comparison markers (比2023年末提高…) and the `subjectless` list.
    pub subjectless: Words,
    /// Sentence openings that lean on the sentence before: connectives and demonstratives.
    pub lean_on_previous: Words,
    /// Words that carry no meaning at the start of a measure: connectives and light verbs.
    pub light_start: Words,
    /// Words that lead a list without belonging to its first item: the home, province and
    /// national aliases, connectives, and the words for this year and last year.
    pub list_leads: Words,
    /// Words asking for a change: the change words of figures and of questions.
    pub asks_change: Words,
    /// Units of physical quantities: the `measure` list and every unit of a dimension.
    pub measure: Words,
}

fn default_common_frequency() -> usize {
    2000
}

/// Words that give an article's subject its other names (`[subject]`).
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct SubjectWords {
    /// Markers before other names: 又名, 简称.
    pub aliases: Words,
    /// Between two names of a list: 、.
    pub separators: Words,
}

/// Words the answer stage reads.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct AnswerWords {
    /// Sentence openings, besides the connectives, that lean on the sentence before (这,
    /// 该 …): an excerpt then starts one sentence earlier.
    pub demonstratives: Words,
}

/// How key figures are chosen and labelled.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct FactWords {
    /// Verbs a key figure's label leaves out: 全市完成进出口 → 进出口.
    pub label_verbs: Words,
    /// Words that make an ordinal a rank (居副省级城市第五位); an ordinal without one is part
    /// of a name (第五航权, 第135届广交会), never a key figure.
    pub rank_words: Words,
}

/// Sentences the engine writes in the articles' language.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Templates {
    /// An example question about a measure; `{measure}` stands for it.
    pub question: String,
    /// The words that ask for a number and for a rank, in a claim turned into a question.
    pub how_many: Word,
    pub which_rank: Word,
}

impl Templates {
    /// The example question about `measure`.
    pub(crate) fn question_about(&self, measure: &str) -> String {
        self.question.replace("{measure}", measure)
    }
}

/// Units after a number, by the kind of figure they make.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Units {
    pub currency: Words,
    pub classifier: Words,
    pub measure: Words,
    pub rank: Words,
    pub duration: Words,
    /// Units that count people: one unit for comparing.
    pub people: Words,
    /// Units after 第N: 第五位, 第135届.
    pub ordinal: Words,
    /// Units of 第N that place something in a ranking (第五位); others name an event.
    #[serde(default)]
    pub position: Words,
    /// The classifier that names no thing (个): 4.4个 before 百分点 takes the later unit.
    pub generic_classifier: Word,
}

/// Words that make a figure a bound or a rounded value.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Qualifiers {
    pub before_more: Words,
    pub before_less: Words,
    pub before_about: Words,
    pub after_more: Words,
    pub after_less: Words,
    pub after_about: Words,
    /// After-qualifiers of one char that still count right after a unit (许).
    pub short_after_about: Words,
    /// "More" qualifiers that add less than one step of the last digit (1700余家: up to 1800).
    pub step_more: Words,
    /// "About" qualifiers that mean at most the figure (近3600亿: a little under).
    pub nearly: Words,
}

/// Words around figures that say what they measure or how they move.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct FigureWords {
    pub decrease: Words,
    pub not_numbers: Words,
    /// Words saying a figure is a change (增长4.6%).
    pub change: Words,
    /// Words saying a figure is a share (占27%).
    pub share: Words,
    /// Nouns that name the form of a measure, not what it measures (规模, 总额).
    pub measure_nouns: Words,
    /// Other clause openings that leave the subject to the clause before (同比, 其中 …).
    pub subjectless: Words,
    /// 分别: the values that follow map onto the items before it.
    pub respectively: Words,
    /// Words joining the last two items of a list (和, 及).
    pub conjunctions: Words,
    /// Sentence openings that continue the sentence before (其中, 同时).
    pub connectives: Words,
    /// Words after which a figure is a part of the whole before (其中).
    #[serde(default)]
    pub part_markers: Words,
    /// Bracket pairs (open then close) that hold the parts of a whole stated before them.
    #[serde(default)]
    pub part_brackets: Vec<String>,
    /// Verbs and adverbs that carry no meaning at the start of a measure (完成, 实现).
    pub light_verbs: Words,
    /// Particles that end a measure without meaning (的, 了).
    pub trailing_particles: Words,
    /// Words that may stand between a decrease word and its figure (下降了3.1%).
    pub decrease_gap: Words,
    /// Words before the value a change starts from: 从3小时缩短到40分钟.
    #[serde(default)]
    pub change_from: Words,
    /// Words before the value a change ends at: 到, 至, 为.
    #[serde(default)]
    pub change_to: Words,
    /// Verbs of change before a to-word: 降到350元, 缩短至40分钟.
    #[serde(default)]
    pub change_verbs: Words,
    /// Words after which a lone 一 before a classifier is a count (只有一个), not an article
    /// (一篇报道).
    #[serde(default)]
    pub one_counts_after: Words,
    /// The possessive particle: 全省的1/4 is a share of a whole.
    pub possessive: Word,
    /// Words naming the whole country, like the home aliases name the city.
    pub national_aliases: Words,
}

/// The grammar of dates and numbers: the words the figure scanner reads around digits.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Grammar {
    pub year: Word,
    pub month: Word,
    pub day: Words,
    /// Words starting with a day unit that are no day (日元).
    pub not_day: Words,
    /// A month that starts a period, not a date (5月份以来).
    pub month_since: Words,
    pub ordinal: Word,
    /// Words between the two ends of a range (1至5月), besides the dashes.
    pub range: Words,
    /// After a number that names a decade: 七十年代, 90年代.
    #[serde(default)]
    pub decade: Words,
    /// Between the parts of a score or a proportion: 30比0.
    #[serde(default)]
    pub ratio: Words,
    /// After a bare number that names a numbered thing: 201号班机.
    #[serde(default)]
    pub numbered: Words,
    /// A time of day: the hour's word and the minutes' word (16时50分).
    #[serde(default)]
    pub clock_hour: Words,
    #[serde(default)]
    pub clock_minute: Words,
    pub percentage_points: Words,
    /// 分之: 三分之一.
    pub fraction: Word,
    /// 成: tenths (三成 is 30%).
    pub tenths: Word,
    /// Chars after 成 that make it part of a word (成果, 成为).
    pub not_tenths: Words,
    pub multiple: Word,
    /// Phrases that say "so many times" on their own: 翻一番 (2), 翻两番 (4).
    #[serde(deserialize_with = "multiples")]
    pub multiples: Vec<(String, f64)>,
    /// 余, 多 between a number and its unit: 1700余家.
    pub inner_more: Words,
    /// 前 of 前5个月.
    pub first_months: Word,
    pub month_units: Words,
    /// Words after a date clause that name the time of day (上午).
    pub time_of_day: Words,
}

/// Time words, by the scope they set.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TimeWords {
    pub this_year: Words,
    pub last_year: Words,
    pub year_before: Words,
    pub next_year: Words,
    pub ytd: Words,
    pub now: Words,
    pub cumulative: Words,
    pub comparison: Words,
    /// Comparison markers (比, 较): the time after one is a base, not a period.
    pub comparison_markers: Words,
    /// Words that end a compared time (2019年同期, 2023年末).
    pub comparison_suffixes: Words,
    /// Parts of a year: word → (first month, last month), longest word first.
    #[serde(default, deserialize_with = "spans")]
    pub spans: Vec<(String, (u32, u32))>,
    /// Words after a time that belong to it: 2012年时, 几岁时.
    #[serde(default)]
    pub suffixes: Words,
}

/// A part of a year and its months.
type Span = (String, (u32, u32));

fn spans<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<Span>, D::Error> {
    let map: std::collections::BTreeMap<String, (u32, u32)> = Deserialize::deserialize(d)?;
    let mut v: Vec<Span> = map
        .into_iter()
        .filter(|(_, (a, b))| (1..=12).contains(a) && (1..=12).contains(b) && a <= b)
        .map(|(k, m)| (crate::text::normalize(&k), m))
        .collect();
    v.sort_by_key(|s| std::cmp::Reverse(s.0.chars().count()));
    Ok(v)
}

fn multiples<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<(String, f64)>, D::Error> {
    let map: std::collections::BTreeMap<String, f64> = Deserialize::deserialize(d)?;
    let mut v: Vec<(String, f64)> = map
        .into_iter()
        .map(|(k, x)| (crate::text::normalize(k.trim()), x))
        .filter(|(k, x)| !k.is_empty() && *x > 0.0)
        .collect();
    v.sort_by_key(|(k, _)| std::cmp::Reverse(k.chars().count()));
    Ok(v)
}

/// Words that say what a question asks.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct QuestionWords {
    /// Marks of a question (a question mark, 吗, 呢, 几): a text holding one asks
    /// something, it does not state a claim.
    pub asking: Words,
    /// Words asking for a number (多少, 几); the unit after them is the asked unit.
    pub how_many: Words,
    /// Words starting with a how-many word that ask nothing (几乎).
    pub not_how_many: Words,
    pub share: Words,
    pub rank: Words,
    pub date: Words,
    pub count: Words,
    pub amount: Words,
    pub entity: Words,
    pub stopwords: Words,
    pub home_aliases: Words,
    pub generic: Words,
    pub measure_suffixes: Words,
    pub question_phrases: Words,
    pub provinces: Words,
    pub province_aliases: Words,
    /// Administrative suffixes a place name drops when compared (青岛市 → 青岛).
    pub place_suffixes: Words,
    /// Greetings, thanks, interjections and chat slang: dropped from a question as whole
    /// words (English ones before translation).
    pub filler: Words,
    /// jieba's tags of words that carry no content (modal particles, interjections,
    /// onomatopoeia): dropped from a question unless they are question marks.
    pub filler_tags: Words,
    /// jieba's tags of proper names (nr, nt, nz, ns, x): a question term with one is a name
    /// the answering sentence must hold.
    #[serde(default)]
    pub name_tags: Words,
    /// Words asking for a change besides the change words of `[figures]` (变化, 涨跌).
    pub change: Words,
    /// Degree words of a gap (高, 快, 多): 比全省快多少.
    pub gap: Words,
    /// Comparisons that carry their degree (高于, 低于): 高于全国多少.
    pub compared: Words,
    /// Verbs moving a rate (提高, 下降): after a rate word, the gap is in points.
    pub rate_moves: Words,
    /// Words naming a rate (增速, 占比, …率).
    pub rates: Words,
    /// Words that name the dimension asked (`[question.dimensions]`): dimension → words.
    #[serde(default)]
    pub dimensions: std::collections::BTreeMap<String, Words>,
    /// How often jieba's dictionary must count a word for it to be common (人类, 年龄): a
    /// common word the articles lack lowers a sentence's match, it does not make a question
    /// unanswerable as an unknown name does.
    #[serde(default = "default_common_frequency")]
    pub common_frequency: usize,
    /// Words that ask for the value after a change (降到多少, 通车后, 现在).
    #[serde(default)]
    pub asks_after: Words,
    /// Words that ask for the value before it (原来, 以前, 通车前).
    #[serde(default)]
    pub asks_before: Words,
    /// Prefixes that make a dimension word ask by itself (多长, 几岁).
    #[serde(default)]
    pub dimension_asks: Words,
    /// Words between a dimension noun and the how-many word (体长是多少).
    #[serde(default)]
    pub dimension_links: Words,
}

/// Words of questions over several figures: superlatives, thresholds, gaps, totals, series.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SeveralWords {
    /// The highest of a set (最快, 最多), after a which-word.
    pub highest: Words,
    /// The lowest of a set (最慢, 最少).
    pub lowest: Words,
    /// The larger of two (更高, 多), ending a which-question.
    pub more: Words,
    /// The smaller of two (更低, 少).
    pub less: Words,
    /// Which-words, besides `[question] entity`.
    pub which: Words,
    /// Before a threshold figure: above it (超过, 高于).
    pub above: Words,
    /// Before a threshold figure: below it (低于, 不足).
    pub below: Words,
    /// A gap between two named things (相差).
    pub apart: Words,
    /// A total of parts (一共, 合计).
    pub total: Words,
    /// How a figure moved over periods (有什么变化, 这两年).
    pub series: Words,
    /// Each of several named things (分别).
    pub each: Words,
    /// Separators between named things (、, 和).
    pub joins: Words,
    /// Marks ending a clause (，；): a list of named things keeps to its clause.
    pub clause_marks: Words,
    /// How many times (几倍).
    pub times: Words,
    /// Between the sides of a ratio (是 in A是B的几倍).
    pub ratio_markers: Words,
    /// A gap in percentage points; `{n}` is the number.
    pub points: String,
    /// A multiple; `{n}` is the number.
    pub multiple: String,
}

/// Marks of the page layout in plain-text exports.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Layout {
    /// Words of a byline line (记者, 通讯员).
    pub byline_words: Words,
    /// Openings of a byline line (本报讯).
    pub byline_starts: Words,
    /// Markers opening a photo caption.
    pub caption_markers: Words,
}

impl Lexicon {
    /// Parse a lexicon from TOML text; `origin` names it in errors.
    pub(crate) fn parse(text: &str, origin: &str) -> crate::error::Result<Lexicon> {
        let mut lex: Lexicon = toml::from_str(text).map_err(|e| crate::error::Error::Data {
            path: origin.to_string(),
            message: format!("not a valid lexicon: {e}"),
        })?;
        lex.derive();
        Ok(lex)
    }

    fn derive(&mut self) {
        let f = &self.figures;
        let q = &self.question;
        let movement = Words::union(&[&f.change, &f.share]);
        self.derived = Derived {
            subjectless: Words::union(&[
                &movement,
                &f.measure_nouns,
                &f.subjectless,
                &self.time.comparison_markers,
            ]),
            movement,
            lean_on_previous: Words::union(&[&f.connectives, &self.answer.demonstratives]),
            asks_change: Words::union(&[&f.change, &q.change]),
            light_start: Words::union(&[&f.connectives, &f.light_verbs]),
            measure: Words::union(
                &std::iter::once(&self.units.measure)
                    .chain(self.dimensions.values())
                    .collect::<Vec<_>>(),
            ),
            list_leads: Words::union(&[
                &q.home_aliases,
                &q.province_aliases,
                &f.national_aliases,
                &f.connectives,
                &self.time.this_year,
                &self.time.last_year,
            ]),
        };
    }

    /// The longest unit word at `j`, from any of the unit lists (周岁 over 周, 个月 over 个),
    /// and its list; on equal length the order money, rank, time, measure, count decides. A
    /// unit in Latin letters must end a word (5m, not the m of 5more).
    pub(crate) fn unit_word_at(&self, s: &[char], j: usize) -> Option<(&str, UnitClass)> {
        let u = &self.units;
        let lists: [(&[String], UnitClass); 5] = [
            (&u.currency, UnitClass::Currency),
            (&u.rank, UnitClass::Rank),
            (&u.duration, UnitClass::Duration),
            (&self.derived.measure, UnitClass::Measure),
            (&u.classifier, UnitClass::Classifier),
        ];
        let mut best: Option<(&str, UnitClass)> = None;
        for (list, class) in lists {
            let Some(w) = list.iter().find(|w| {
                starts_with_at(s, j, w) && {
                    let end = j + w.chars().count();
                    let latin_end = w.chars().last().is_some_and(|c| c.is_ascii_alphabetic());
                    !(latin_end && s.get(end).is_some_and(|c| c.is_ascii_alphabetic()))
                }
            }) else {
                continue;
            };
            if best.is_none_or(|(b, _)| w.chars().count() > b.chars().count()) {
                best = Some((w.as_str(), class));
            }
        }
        best
    }

    /// The dimensions a unit measures (`duration` for the units of time), in the file's
    /// order; none for money, counts and rates.
    pub(crate) fn dimensions_of(&self, unit: &str) -> Vec<&str> {
        let mut out: Vec<&str> = self
            .dimensions
            .iter()
            .filter(|(_, units)| units.iter().any(|u| u == unit))
            .map(|(d, _)| d.as_str())
            .collect();
        if self.units.duration.iter().any(|u| u == unit) {
            out.push(DURATION);
        }
        out
    }

    /// The built-in lexicon.
    #[cfg(test)]
    pub(crate) fn builtin() -> Lexicon {
        Lexicon::parse(DEFAULT_LEXICON, "built-in lexicon").expect("the built-in lexicon parses")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::{match_at, match_before};

    #[test]
    fn builtin_parses_and_sorts() {
        let lex = Lexicon::builtin();
        // longest first: 人民币 before 元
        let lengths: Vec<usize> = lex
            .units
            .currency
            .iter()
            .map(|c| c.chars().count())
            .collect();
        assert!(lengths.windows(2).all(|w| w[0] >= w[1]), "{lengths:?}");
        let chars: Vec<char> = "亿美元以上".chars().collect();
        assert_eq!(match_at(&lex.units.currency, &chars, 1), Some("美元"));
        assert_eq!(
            match_before(&lex.qualifiers.after_more, &chars, 5),
            Some("以上")
        );
    }
}
