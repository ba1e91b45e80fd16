//! What a question over several figures asks: the operation, the things it names (its
//! sides) and the question left once the cue words are gone (its frame), which the ranking
//! reads to find the figures.

use crate::figures::extract::Found;
use crate::figures::{Kind, SentenceView};
use crate::knowledge::Lexicon;
use crate::text::{Segmenter, Word};

/// The operation a question asks for.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Ask {
    /// The highest of a set (最快, 最多, 哪个更高).
    Highest,
    /// The lowest of a set.
    Lowest,
    /// Those above a threshold (超过20%的有哪些).
    Above(Threshold),
    /// Those below a threshold.
    Below(Threshold),
    /// The first side minus the second (比…高多少); `apart` when the order is not asked
    /// (相差多少): then the gap is given as a positive number.
    Difference { apart: bool },
    /// The first side divided by the second (是…的几倍).
    Ratio,
    /// The sides added up (一共, 合计).
    Sum,
    /// One measure over periods (这两年有什么变化, 2023年和今年1-5月分别是多少).
    Series,
}

/// A figure a filter question states: 20% in 增长超过20%.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Threshold {
    pub value: f64,
    pub unit: Option<String>,
    pub kind: Kind,
    /// As written.
    pub text: String,
}

/// A question over several figures, read.
#[derive(Debug, Clone)]
pub(crate) struct Form {
    pub ask: Ask,
    /// The things the question names, in its order (欧盟, 东盟, 美国出口增长 …): each
    /// stands for one figure. Empty when the question points at a list without naming its
    /// items (哪些产品出口增长超过20%).
    pub sides: Vec<String>,
    /// What tells each side apart: in a list, a side without the words the first side
    /// leads with or the last side trails (对欧盟、东盟、美国出口增长 → 欧盟, 东盟, 美国), which
    /// belong to every side. The sides themselves otherwise.
    pub items: Vec<String>,
    /// The question without the words of the operation: what the figures measure.
    pub frame: String,
}

/// The words of a question, with what the reading found in them.
struct Tokens<'a> {
    lex: &'a Lexicon,
    words: Vec<Word>,
    /// The words joined (the question as segmented), for finding phrases across words.
    joined: String,
    /// Words that are cues of the operation, to leave out of the frame.
    cue: Vec<bool>,
}

impl<'a> Tokens<'a> {
    fn new(lex: &'a Lexicon, seg: &Segmenter, norm: &str) -> Tokens<'a> {
        let words = seg.words(norm);
        let cue = vec![false; words.len()];
        let joined = words.iter().map(|w| w.text.as_str()).collect();
        Tokens {
            lex,
            words,
            joined,
            cue,
        }
    }

    /// The first word (from `from`) that is one of `list`, marked as a cue.
    fn find(&mut self, list: &[String], from: usize) -> Option<usize> {
        let at =
            (from..self.words.len()).find(|&i| list.iter().any(|w| *w == self.words[i].text))?;
        self.cue[at] = true;
        Some(at)
    }

    /// Does the text hold `list` anywhere (inside words too)? Marks the words it covers.
    fn mark_text(&mut self, list: &[String]) -> bool {
        let mut hit = false;
        for w in list {
            let Some(byte) = self.joined.find(w.as_str()) else {
                continue;
            };
            let (start, end) = (byte, byte + w.len());
            let mut pos = 0;
            for (i, word) in self.words.iter().enumerate() {
                let next = pos + word.text.len();
                if pos < end && next > start {
                    self.cue[i] = true;
                }
                pos = next;
            }
            hit = true;
        }
        hit
    }

    /// The text of words `range`, leaving out cues.
    fn text(&self, range: std::ops::Range<usize>) -> String {
        range
            .filter(|&i| !self.cue[i])
            .map(|i| self.words[i].text.as_str())
            .collect()
    }

    /// The text of words `range` split at join words (、, 和): the things named, when
    /// there are at least two. The list keeps to its clause: words before the last clause
    /// mark ahead of it, or after the first one behind it, stay in the frame only.
    fn sides(&mut self, range: std::ops::Range<usize>) -> (Vec<String>, Vec<String>) {
        let lex = self.lex;
        let is = |list: &[String], i: usize| list.iter().any(|j| *j == self.words[i].text);
        let joins: Vec<usize> = range
            .clone()
            .filter(|&i| is(&lex.several.joins, i))
            .collect();
        let (Some(&first), Some(&last)) = (joins.first(), joins.last()) else {
            return (Vec::new(), Vec::new());
        };
        let start = (range.start..first)
            .rev()
            .find(|&i| is(&lex.several.clause_marks, i))
            .map_or(range.start, |i| i + 1);
        let end = (last..range.end)
            .find(|&i| is(&lex.several.clause_marks, i))
            .unwrap_or(range.end);
        let mut spans = Vec::new();
        let mut from = start;
        for &j in joins.iter().chain(std::iter::once(&end)) {
            spans.push(self.content(from..j));
            from = j + 1;
        }
        if spans.iter().any(|s| s.is_empty()) {
            return (Vec::new(), Vec::new());
        }
        for j in joins {
            self.cue[j] = true;
        }
        let items = self.items(&spans);
        let sides = spans.iter().map(|s| self.join(s)).collect();
        (sides, items)
    }

    /// The words of `range` that are not cues.
    fn content(&self, range: std::ops::Range<usize>) -> Vec<usize> {
        range.filter(|&i| !self.cue[i]).collect()
    }

    fn join(&self, words: &[usize]) -> String {
        words.iter().map(|&i| self.words[i].text.as_str()).collect()
    }

    /// Each side of a list without what it shares with the others: the items of a list
    /// are as long as its middle ones (or, for two, as the first), so the first side's
    /// leading words and the last side's trailing words are the frame's.
    fn items(&self, spans: &[Vec<usize>]) -> Vec<String> {
        let n = spans.len();
        // two sides have no middle: the first is taken whole, the last as long as it
        let (k, first_whole) = if n > 2 {
            (
                spans[1..n - 1].iter().map(Vec::len).max().unwrap_or(1),
                false,
            )
        } else {
            (spans[0].len(), true)
        };
        spans
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let keep = k.min(s.len());
                match i {
                    0 if first_whole => self.join(s),
                    0 => self.join(&s[s.len() - keep..]),
                    _ if i == n - 1 => self.join(&s[..keep]),
                    _ => self.join(s),
                }
            })
            .collect()
    }

    /// The form of `ask` over the things the whole question names; `None` when it names
    /// fewer than `at_least`.
    fn listed(&mut self, ask: Ask, at_least: usize) -> Option<Form> {
        let n = self.words.len();
        let (sides, items) = self.sides(0..n);
        (sides.len() >= at_least).then(|| Form {
            ask,
            sides,
            items,
            frame: self.frame(),
        })
    }

    fn frame(&self) -> String {
        self.text(0..self.words.len())
    }
}

/// Read a question (normalised, English already put into Chinese) as one over several
/// figures, or `None` when it asks for one figure.
pub(crate) fn read(lex: &Lexicon, seg: &Segmenter, norm: &str) -> Option<Form> {
    let norm = trim_end(lex, norm);
    let stated = crate::figures::extract::scan(lex, &SentenceView::new(seg, &norm));
    let w = &lex.several;
    let mut t = Tokens::new(lex, seg, &norm);
    if t.mark_text(&w.times) {
        return ratio(&mut t);
    }
    if t.mark_text(&w.total) {
        return t.listed(Ask::Sum, 2);
    }
    if let Some(form) = difference(&mut t) {
        return Some(form);
    }
    let which = t
        .find(&lex.question.entity, 0)
        .or_else(|| t.find(&w.which, 0));
    if which.is_some() {
        if let Some(form) = filter(&mut t, &norm, &stated).or_else(|| superlative(&mut t)) {
            return Some(form);
        }
    }
    if t.mark_text(&w.series) {
        let frame = t.frame();
        return Some(Form {
            ask: Ask::Series,
            sides: Vec::new(),
            items: Vec::new(),
            frame,
        });
    }
    // 2023年和今年1-5月分别是多少: the sides are periods when at least two are named
    let periods = stated
        .iter()
        .filter(|f| matches!(f.number.kind, Kind::Date | Kind::Period))
        .count();
    if t.mark_text(&w.each) && periods + time_words(lex, &norm) >= 2 {
        return t.listed(Ask::Series, 2);
    }
    None
}

/// A是B的几倍: the sides around a comparison marker, or around 是.
fn ratio(t: &mut Tokens) -> Option<Form> {
    let n = t.words.len();
    let at = t
        .find(&t.lex.time.comparison_markers, 0)
        .or_else(|| t.find(&t.lex.several.ratio_markers, 0))
        .filter(|&a| a > 0)?;
    let sides = vec![t.text(0..at), t.text(at + 1..n)];
    Some(Form {
        ask: Ask::Ratio,
        items: sides.clone(),
        sides,
        frame: t.frame(),
    })
}

/// 哪个增长最快 (a superlative word), or 服务进出口和货物进出口哪个占全省比重更高 (two sides and
/// a comparative at the end).
fn superlative(t: &mut Tokens) -> Option<Form> {
    let w = &t.lex.several;
    if t.mark_text(&w.highest) {
        return t.listed(Ask::Highest, 0);
    }
    if t.mark_text(&w.lowest) {
        return t.listed(Ask::Lowest, 0);
    }
    let last = t.words.len().checked_sub(1)?;
    let is_last = |list: &[String]| list.iter().any(|m| *m == t.words[last].text);
    let ask = if is_last(&w.more) {
        Ask::Highest
    } else if is_last(&w.less) {
        Ask::Lowest
    } else {
        return None;
    };
    t.cue[last] = true;
    t.listed(ask, 2)
}

/// A gap between two things: a comparison marker, then a gap word before the how-many
/// word (对美国出口增速比对东盟高多少), or a gap noun between two joined things (A和B相差多少).
fn difference(t: &mut Tokens) -> Option<Form> {
    let (lex, n) = (t.lex, t.words.len());
    let how_many = (0..n).find(|&i| {
        lex.question
            .how_many
            .iter()
            .any(|h| t.words[i].text.starts_with(h.as_str()))
    })?;
    if let Some(at) = t.find(&lex.several.apart, 0).filter(|&a| a < how_many) {
        for i in at..n {
            t.cue[i] = true;
        }
        let (sides, items) = t.sides(0..at);
        return (sides.len() >= 2).then(|| Form {
            ask: Ask::Difference { apart: true },
            sides,
            items,
            frame: t.frame(),
        });
    }
    let marker = (0..how_many).find(|&i| {
        lex.time
            .comparison_markers
            .iter()
            .any(|m| *m == t.words[i].text)
    })?;
    let gap = (marker + 1..how_many)
        .rev()
        .find(|&i| lex.question.gap.iter().any(|g| *g == t.words[i].text))?;
    for i in gap..n {
        t.cue[i] = true;
    }
    t.cue[marker] = true;
    let sides = vec![t.text(0..marker), t.text(marker + 1..gap)];
    if sides.iter().any(|s| s.is_empty()) {
        return None;
    }
    Some(Form {
        ask: Ask::Difference { apart: false },
        items: sides.clone(),
        sides,
        frame: t.frame(),
    })
}

/// Those above or below a figure the question states: 增长超过20%的有哪些.
fn filter(t: &mut Tokens, norm: &str, figures: &[Found]) -> Option<Form> {
    let w = &t.lex.several;
    let chars: Vec<char> = norm.chars().collect();
    for f in figures {
        let (Some(value), false) = (
            f.number.value,
            matches!(f.number.kind, Kind::Date | Kind::Period),
        ) else {
            continue;
        };
        let before: String = chars[..f.span.start].iter().collect();
        let text: String = chars[f.span.clone()].iter().collect();
        // the bound may be read as the figure's qualifier (超过20%) or stand before it
        let bound = f.number.qualifier.as_ref().map(|q| q.text.as_str());
        let ends = |list: &[String]| {
            list.iter()
                .find(|a| bound == Some(a.as_str()) || before.ends_with(a.as_str()))
                .cloned()
        };
        let (above, below) = (ends(&w.above), ends(&w.below));
        let bare = match bound {
            Some(b) => text.replacen(b, "", 1),
            None => text.clone(),
        };
        let threshold = Threshold {
            value,
            unit: f.number.unit.clone(),
            kind: f.number.kind,
            text: bare,
        };
        let (ask, word) = match (above, below) {
            (_, Some(b)) => (Ask::Below(threshold), b),
            (Some(a), None) => (Ask::Above(threshold), a),
            (None, None) => continue,
        };
        let word = if bound.is_some() { String::new() } else { word };
        t.mark_text(&[format!("{word}{text}")]);
        return t.listed(ask, 0);
    }
    None
}

/// How many time words of the lexicon's period lists the text holds (一季度, 上半年).
fn time_words(lex: &Lexicon, norm: &str) -> usize {
    lex.time
        .spans
        .iter()
        .filter(|(w, _)| norm.contains(w.as_str()))
        .count()
}

/// The question without its closing marks and particles (？, 呢).
fn trim_end(lex: &Lexicon, norm: &str) -> String {
    let mut s = norm.trim().to_string();
    loop {
        let before = s.len();
        s = s
            .trim_end_matches(|c: char| c.is_whitespace() || "?!.,~\u{3002}\u{2026}".contains(c))
            .to_string();
        let particles = lex.question.asking.iter().chain(lex.question.filler.iter());
        for p in particles.filter(|p| !lex.question.how_many.contains(p)) {
            if p.chars().count() == 1 {
                if let Some(rest) = s.strip_suffix(p.as_str()) {
                    s = rest.to_string();
                }
            }
        }
        if s.len() == before {
            return s;
        }
    }
}
