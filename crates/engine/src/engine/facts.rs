//! Figures as facts: the key figures of the archive, fact cards for inline queries, every
//! figure for `factbot facts`, and example questions.

use std::sync::Arc;

use super::views::Fact;
use super::Engine;
use crate::answer::Status;
use crate::archive::Lookup;
use crate::article::BlockKind;
use crate::article::ParagraphRef;
use crate::corpus::ParsedArticle;
use crate::figures::FigureInfo;
use crate::figures::{is_quantity, Kind};
use crate::text::WordClass;

/// At most this many key figures: two pages of `/facts`, every one a button away.
const KEY_FACTS: usize = 16;

impl Engine {
    /// `n` example questions: the sidecars' `examples` (newest article first), else
    /// questions made from the key figures' measures.
    pub fn examples(&self, n: usize) -> Vec<String> {
        self.with_view(|v| {
            let mut entries: Vec<_> = v.archive.entries().iter().collect();
            entries.sort_by(|a, b| b.published.cmp(&a.published));
            let mut out: Vec<String> = entries
                .iter()
                .flat_map(|e| e.examples.iter().cloned())
                .collect();
            for fact in key_facts(v, "").into_iter() {
                if out.len() >= n {
                    break;
                }
                if let Some(m) = &fact.figure.measure {
                    let q = v.lex.templates.question_about(m);
                    if !out.contains(&q) {
                        out.push(q);
                    }
                }
            }
            out.truncate(n);
            out
        })
    }

    /// The key figures (newest article first), optionally about a topic (a word or a
    /// synonym of it).
    pub fn key_facts(&self, topic: &str) -> Vec<Fact> {
        self.with_view(|v| key_facts(v, topic))
    }

    /// Figures for fact cards (inline mode): the answers' figures, the asked one first, or
    /// the key figures for an empty query; at most `max`.
    pub fn cards(&self, query: &str, max: usize) -> Vec<Fact> {
        if query.trim().is_empty() {
            let mut all = self.key_facts("");
            all.truncate(max);
            return all;
        }
        let r = self.ask(query);
        let mut out: Vec<Fact> = Vec::new();
        self.with_view(|v| {
            for a in &r.answers {
                let Some(article) = v.article(a.source.article) else {
                    continue;
                };
                let ids = a.lead_id.into_iter().chain(a.figures.iter().map(|f| f.id));
                for id in ids {
                    let f = &article.figures[id];
                    let fact = fact(&article, id);
                    if !matches!(f.number.kind, Kind::Date | Kind::Period)
                        && !out.iter().any(|o| o.id == fact.id)
                    {
                        out.push(fact);
                    }
                }
            }
        });
        if out.is_empty() && r.status == Status::NotFound {
            // a keyword rather than a question: the key figures about it
            out = self.key_facts(query);
        }
        out.truncate(max);
        out
    }

    /// Every figure of every article, article by article in file order, in reading order.
    pub fn facts(&self) -> Vec<Fact> {
        self.with_view(|v| {
            v.archive
                .entries()
                .iter()
                .filter_map(|e| v.article(e.key))
                .flat_map(|a| {
                    (0..a.figures.len())
                        .map(move |id| fact(&a, id))
                        .collect::<Vec<_>>()
                })
                .collect()
        })
    }
}

/// A figure of an article as a fact.
fn fact(a: &Arc<ParsedArticle>, id: usize) -> Fact {
    let f = &a.figures[id];
    Fact {
        id: format!("{}-{}", a.key().hex(), id),
        figure: FigureInfo::of(f),
        sentence: a.sentences[f.sentence].text.clone(),
        article: a.info(),
        source: ParagraphRef {
            article: a.key(),
            paragraph: f.paragraph as u32,
        },
    }
}

/// The key figures: an article's statistics (amounts, growth, shares, ranks, counts), most
/// prominent first, at most [`KEY_FACTS`], each labelled as a reporter would. With several
/// articles, the newest article's best figure first, then the next article's, in turn. With
/// a topic, only those whose sentence or measure mentions it or a synonym, from the articles
/// that mention it.
fn key_facts(v: &Lookup, topic: &str) -> Vec<Fact> {
    // an English topic in the articles' words (hotels: 酒店 where they say 酒店)
    let contains = |w: &str| v.searcher.contains(w);
    let cleaned = crate::question::clean_question(v.lex, v.glossary, v.seg, topic, &contains);
    let topic = cleaned.text.trim();
    let mut forms: Vec<String> = Vec::new();
    if !topic.is_empty() {
        forms.push(topic.to_string());
        forms.extend(v.glossary.synonyms(topic).into_iter().map(str::to_string));
        for r in cleaned.english.iter().filter(|r| r.chinese == topic) {
            forms.extend(r.others.iter().cloned());
        }
    }
    let mut entries: Vec<_> = v.archive.entries().iter().collect();
    entries.sort_by(|a, b| b.published.cmp(&a.published).then(a.file.cmp(&b.file)));
    // at most KEY_FACTS articles can place a figure: read no more
    let mut per_article: Vec<(Arc<ParsedArticle>, Vec<usize>)> = Vec::new();
    for e in entries {
        if per_article.len() >= KEY_FACTS {
            break;
        }
        if !forms.is_empty() && !forms.iter().any(|f| v.searcher.contains(f)) {
            continue;
        }
        let Some(a) = v.article(e.key) else { continue };
        let ids = key_figure_ids(v, &a, &forms);
        if !ids.is_empty() {
            per_article.push((a, ids));
        }
    }
    let mut out = Vec::new();
    for round in 0.. {
        let mut any = false;
        for (a, ids) in &per_article {
            if let Some(&id) = ids.get(round) {
                any = true;
                out.push(key_fact(v, a, id));
                if out.len() >= KEY_FACTS {
                    return out;
                }
            }
        }
        if !any {
            break;
        }
    }
    out
}

/// A key figure as a fact: its label as its measure, its text with the unit it shares with
/// its enumeration (高于全国4.4个、全省2.9个百分点: 4.4个百分点).
fn key_fact(v: &Lookup, a: &Arc<ParsedArticle>, id: usize) -> Fact {
    let mut out = fact(a, id);
    if let Some(l) = label(v, a, id) {
        out.figure.measure = Some(l);
    }
    out.figure.text = with_shared_unit(v, &a.figures[id]);
    out
}

/// The key figures of one article, most prominent first. A figure that a headline, a
/// subtitle, a sidebar or a summary repeats (or rounds: 近一成 for 9.6%) is listed once, from
/// the body, and the repeat adds to its prominence.
fn key_figure_ids(v: &Lookup, a: &ParsedArticle, forms: &[String]) -> Vec<usize> {
    let mentions = |id: usize| {
        let f = &a.figures[id];
        let s: String = a.sentences[f.sentence].norm.iter().collect();
        let m = crate::text::normalize(f.measure.as_deref().unwrap_or(""));
        forms
            .iter()
            .any(|t| s.contains(t.as_str()) || m.contains(t.as_str()))
    };
    let stats: Vec<usize> = (0..a.figures.len())
        .filter(|&id| is_statistic(v, a, id))
        .filter(|&id| a.sentences[a.figures[id].sentence].duplicate_of.is_none())
        .collect();
    let labels: Vec<String> = (0..a.figures.len())
        .map(|id| {
            if stats.contains(&id) {
                label(v, a, id).unwrap_or_default()
            } else {
                String::new()
            }
        })
        .collect();
    // each figure the one it repeats, if any: the body's, exact
    let repeats_of: Vec<Option<usize>> = stats
        .iter()
        .map(|&id| repeated(v, a, &labels, &stats, id))
        .collect();
    let mut ids: Vec<usize> = stats
        .iter()
        .zip(&repeats_of)
        .filter(|(_, r)| r.is_none())
        .map(|(&id, _)| id)
        .filter(|&id| forms.is_empty() || mentions(id))
        .collect();
    // the body paragraphs holding statistics, in reading order: the first ones are the lead
    let mut lead: Vec<usize> = ids
        .iter()
        .map(|&id| &a.sentences[a.figures[id].sentence])
        .filter(|s| s.kind == BlockKind::Body)
        .map(|s| s.paragraph)
        .collect();
    lead.dedup();
    let score = |id: usize| {
        let f = &a.figures[id];
        let at = lead.iter().position(|&p| p == f.paragraph);
        // the repeats this figure stands for, and the same sentence repeated in a sidebar
        let echoes: f32 = stats
            .iter()
            .zip(&repeats_of)
            .filter(|(_, r)| **r == Some(id))
            .map(|(&g, _)| echo_weight(a.sentences[a.figures[g].sentence].kind))
            .sum::<f32>()
            + a.sentences
                .iter()
                .filter(|s| s.duplicate_of == Some(f.sentence))
                .map(|s| echo_weight(s.kind))
                .sum::<f32>();
        prominence(v, a, id, at.unwrap_or(usize::MAX)) + echoes
    };
    let mut scored: Vec<(usize, f32)> = ids.iter().map(|&id| (id, score(id))).collect();
    scored.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
    ids = scored.into_iter().map(|(id, _)| id).collect();
    // one line per figure: the same value and label once
    let mut seen = std::collections::HashSet::new();
    ids.retain(|&id| seen.insert((a.figures[id].text.clone(), labels[id].clone())));
    ids
}

/// The figure a display or vague figure repeats: one of the body, exact, of the same kind and
/// unit, whose value it states (the same, or rounded: 近一成 for 9.6%) and whose label it
/// shares words with.
fn repeated(
    v: &Lookup,
    a: &ParsedArticle,
    labels: &[String],
    stats: &[usize],
    id: usize,
) -> Option<usize> {
    let f = &a.figures[id];
    let display = a.sentences[f.sentence].kind != BlockKind::Body;
    let vague = crate::figures::is_vague(v.lex, &f.text, f.number.qualifier.as_ref());
    if !display && !vague {
        return None;
    }
    let mine = crate::figures::compare::Quantity::of(f, v.lex)?;
    stats.iter().copied().find(|&g| {
        let other = &a.figures[g];
        g != id
            && a.sentences[other.sentence].kind == BlockKind::Body
            && !crate::figures::is_vague(v.lex, &other.text, other.number.qualifier.as_ref())
            && other.number.kind == f.number.kind
            && other.number.unit == f.number.unit
            && similar(&labels[id], &labels[g])
            && crate::figures::compare::Quantity::of(other, v.lex).is_some_and(|theirs| {
                crate::figures::compare::compare(&mine, &theirs)
                    == crate::figures::compare::Outcome::Supported
            })
    })
}

/// Do two labels share a run of at least three chars (or is one empty)?
fn similar(x: &str, y: &str) -> bool {
    let (x, y): (Vec<char>, Vec<char>) = (x.chars().collect(), y.chars().collect());
    if x.is_empty() || y.is_empty() {
        return true;
    }
    x.windows(3.min(x.len()))
        .any(|w| y.windows(w.len()).any(|z| z == w))
}

/// How much a repeat adds to the figure it repeats: a headline or subtitle much, a sidebar
/// bullet some, a plain repeat in the body a little.
fn echo_weight(k: BlockKind) -> f32 {
    match k {
        BlockKind::Body => 0.5,
        other => display_weight(other),
    }
}

/// How much a display block adds to a figure it holds or repeats.
fn display_weight(k: BlockKind) -> f32 {
    match k {
        BlockKind::Headline | BlockKind::Subtitle => 3.0,
        BlockKind::Bullet => 1.0,
        _ => 0.0,
    }
}

/// Is a figure one of the article's statistics: a quantity with a measure, not a number
/// inside a name (第五航权, 第135届广交会, 世界500强) nor a small count in prose (一列, 三条新通道)?
fn is_statistic(v: &Lookup, a: &ParsedArticle, id: usize) -> bool {
    let f = &a.figures[id];
    if !is_quantity(
        v.lex,
        f.number.kind,
        f.number.unit.as_deref(),
        f.number.value,
    ) || f.measure.is_none()
    {
        return false;
    }
    match f.number.kind {
        Kind::Rank => ranked_by_a_rank_word(v, a, id),
        Kind::Count | Kind::Quantity => {
            let in_words = !f.text.chars().any(|c| c.is_ascii_digit());
            !(in_words && f.number.value.is_some_and(|x| x < 10.0))
        }
        _ => true,
    }
}

/// Does a rank word stand before the ordinal in its clause (居副省级城市第五位)?
fn ranked_by_a_rank_word(v: &Lookup, a: &ParsedArticle, id: usize) -> bool {
    let f = &a.figures[id];
    let s = &a.sentences[f.sentence].norm;
    let clause_start = (0..f.span.start)
        .rev()
        .find(|&k| crate::text::sentences::CLAUSE_SEPS.contains(&s[k]))
        .map_or(0, |k| k + 1);
    (clause_start..f.span.start)
        .any(|k| crate::knowledge::match_at(&v.lex.facts.rank_words, s, k).is_some())
}

/// How prominent a figure is on its own: its kind, the block it stands in, the lead (`lead`
/// is the rank of its paragraph among the body paragraphs holding statistics), and whether
/// it is exact.
fn prominence(v: &Lookup, a: &ParsedArticle, id: usize, lead: usize) -> f32 {
    let f = &a.figures[id];
    let kind = match f.number.kind {
        Kind::Amount => 3.0,
        Kind::Percent | Kind::Quantity => 2.5,
        Kind::PercentagePoints | Kind::Fraction | Kind::Count | Kind::Rank => 2.0,
        Kind::Multiple => 1.5,
        _ => 0.5,
    };
    let lead_bonus = match lead {
        0 => 3.0,
        1 => 2.0,
        2 => 1.0,
        3 => 0.5,
        _ => 0.0,
    };
    let own = display_weight(a.sentences[f.sentence].kind);
    let vague = if crate::figures::is_vague(v.lex, &f.text, f.number.qualifier.as_ref()) {
        2.0
    } else {
        0.0
    };
    kind + lead_bonus + own - vague
}

/// Longest label of a key figure, in chars: longer ones keep their last words (the head
/// noun ends a Chinese noun phrase).
const MAX_LABEL: usize = 14;

/// A key figure's label, the measured noun phrase as a reporter writes it: the measure
/// without the article's own city (全市, 青岛市) opening it, the verbs of `label_verbs`
/// (完成, 实现), a change word carried over before another (进出口增长规模占… → 进出口规模占…) and a
/// form noun before a share (进出口规模占全省比重 → 进出口占全省比重). An item of an enumeration
/// takes the lead its first item has (高于全国4.4个、全省2.9个 → 进出口增速高于全省).
fn label(v: &Lookup, a: &ParsedArticle, id: usize) -> Option<String> {
    let f = &a.figures[id];
    let own = clean_label(v, a, f.measure.as_deref()?);
    // an enumeration item: the lead of a sibling's label, with this item
    let sibling = f.item.as_deref().and_then(|item| {
        a.figures[a.sentences[f.sentence].figures.clone()]
            .iter()
            .filter(|g| g.span != f.span && g.number.kind == f.number.kind)
            .filter_map(|g| {
                let gi = g.item.as_deref()?;
                let gl = clean_label(v, a, g.measure.as_deref()?);
                gl.contains(gi).then(|| gl.replacen(gi, item, 1))
            })
            .max_by_key(|l| l.chars().count())
    });
    let label = match sibling {
        Some(s) if s.chars().count() > own.chars().count() => s,
        _ => own,
    };
    Some(cap_label(v, &label)).filter(|l| !l.is_empty())
}

/// The label rules that need no sibling (see [`label`]).
fn clean_label(v: &Lookup, a: &ParsedArticle, measure: &str) -> String {
    let (lex, fw) = (v.lex, &v.lex.figures);
    let words = v.seg.words(&crate::text::normalize(measure));
    let orig: Vec<char> = measure.chars().collect();
    let text = |w: &crate::text::Word| -> String { orig[w.start..w.end].iter().collect() };
    let is = |list: &[String], w: &str| list.iter().any(|x| x == w);
    let home: Vec<String> = a
        .home_place
        .iter()
        .flat_map(|p| {
            let p = crate::text::normalize(p);
            lex.question
                .place_suffixes
                .iter()
                .map(|s| format!("{p}{s}"))
                .chain(std::iter::once(p.clone()))
                .collect::<Vec<_>>()
        })
        .chain(lex.question.home_aliases.iter().cloned())
        .collect();
    let mut kept: Vec<&crate::text::Word> = Vec::new();
    let mut opening = true;
    for (k, w) in words.iter().enumerate() {
        let next = words.get(k + 1).map(|n| n.text.as_str());
        let carried_change = is(&fw.change, &w.text)
            && next
                .is_some_and(|n| is(&fw.change, n) || is(&fw.share, n) || is(&fw.measure_nouns, n));
        // a conjunction left between a measure and its change (产值和增长)
        let loose_conjunction =
            is(&fw.conjunctions, &w.text) && next.is_none_or(|n| is(&fw.change, n));
        let form_before_share = !kept.is_empty()
            && is(&fw.measure_nouns, &w.text)
            && next.is_some_and(|n| is(&fw.share, n));
        let home_opening = opening && home.iter().any(|h| h == &w.text);
        // verbs such as 完成, and the particles 的/了 (全市的进出口额 → 全市进出口额)
        let verb = is(&lex.facts.label_verbs, &w.text) || w.class() == WordClass::Particle;
        if home_opening || verb || carried_change || form_before_share || loose_conjunction {
            continue;
        }
        opening = false;
        kept.push(w);
    }
    kept.iter().map(|w| text(w)).collect()
}

/// A label no longer than [`MAX_LABEL`] chars: its last words.
fn cap_label(v: &Lookup, label: &str) -> String {
    if label.chars().count() <= MAX_LABEL {
        return label.to_string();
    }
    let orig: Vec<char> = label.chars().collect();
    let words = v.seg.words(&crate::text::normalize(label));
    let start = words
        .iter()
        .map(|w| w.start)
        .find(|&s| orig.len() - s <= MAX_LABEL)
        .unwrap_or(orig.len() - MAX_LABEL);
    orig[start..].iter().collect()
}

/// The figure as written, with the unit an enumeration writes once at its end:
/// 高于全国4.4个、全省2.9个百分点 → 4.4个百分点.
fn with_shared_unit(v: &Lookup, f: &crate::figures::Figure) -> String {
    let text = f.text.clone();
    if f.number.kind != Kind::PercentagePoints {
        return text;
    }
    let pp = &v.lex.grammar.percentage_points;
    if pp.iter().any(|p| text.ends_with(p.as_str())) {
        return text;
    }
    // the longest unit written, completed from where the text stops (4.4个 + 百分点)
    let Some(unit) = pp.iter().max_by_key(|p| p.chars().count()) else {
        return text;
    };
    let u: Vec<char> = unit.chars().collect();
    let done = (1..u.len())
        .rev()
        .find(|&k| text.ends_with(&u[..k].iter().collect::<String>()))
        .unwrap_or(0);
    format!("{text}{}", u[done..].iter().collect::<String>())
}

/// `n` questions one article can answer: its sidecar's examples, else questions about its
/// key figures' measures.
pub(super) fn examples_of(v: &Lookup, a: &ParsedArticle, n: usize) -> Vec<String> {
    let mut out: Vec<String> = a.article.meta.examples.clone();
    for id in key_figure_ids(v, a, &[]) {
        if out.len() >= n {
            break;
        }
        if let Some(m) = &a.figures[id].measure {
            let q = v.lex.templates.question_about(m);
            if !out.contains(&q) {
                out.push(q);
            }
        }
    }
    out.truncate(n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::tests::engine_of;

    /// A report written for these tests (figures invented): a headline figure, a lead, a
    /// sidebar, numbers inside names, a small count in prose, an enumeration sharing its unit.
    const REPORT: &str = "嘉兴外贸前5月进出口1320.5亿元

□本报记者 测试

6月10日，市政府新闻办召开系列发布会第3场，通报全市开放型经济运行情况。

5月20日，嘉兴港首条第五航权货运航线开航，一列满载家电的班列从嘉兴出发，两条新通道同时开通。

今年1-5月，全市完成进出口1320.5亿元，增长6.2%，规模占全省比重11%，居全省第四位。2023年，嘉兴市完成进出口3900亿元，增长3.1%，增速高于全国2.9个、全省1.8个百分点。

今年以来，嘉兴市组织620余家企业参加38个境外展会和第135届广交会，对欧盟、东盟、美国出口分别增长12.4%、9.7%、15.1%。

全市有进出口实绩外贸企业1.1万家，落地项目中制造业项目占比超过五成。

开放亮点

- 今年1-5月，嘉兴完成进出口1320.5亿元，增长6.2%。
- 今年以来，嘉兴市组织620余家企业参加38个境外展会和第135届广交会，对欧盟、东盟、美国出口分别增长12.4%、9.7%、15.1%。
";

    fn key(topic: &str) -> Vec<(String, String)> {
        let (_dir, e) = engine_of(&[("jiaxing", REPORT)]);
        e.key_facts(topic)
            .into_iter()
            .map(|f| (f.figure.text, f.figure.measure.unwrap_or_default()))
            .collect()
    }

    #[test]
    fn key_figures_are_the_statistics_most_prominent_first() {
        let got = key("");
        let texts: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        // the headline's and lead's figure first, listed once though the sidebar repeats it
        assert_eq!(texts[0], "1320.5亿元", "{got:?}");
        assert_eq!(texts.iter().filter(|t| **t == "1320.5亿元").count(), 1);
        // numbers inside names and small counts in prose are no key figures
        for name in ["第3场", "第五", "第135届", "一列", "两条"] {
            assert!(!texts.contains(&name), "{name} in {got:?}");
        }
        // a rank after a rank word is
        assert!(texts.contains(&"第四位"), "{got:?}");
        // at most two pages of /facts
        assert!(got.len() <= KEY_FACTS);
        // the lead's figures come before the 2023 ones of the same paragraph's second sentence
        let pos = |t: &str| texts.iter().position(|x| *x == t).unwrap();
        assert!(pos("6.2%") < pos("12.4%"), "{got:?}");
        // an exact figure before a vague one of the same kind
        assert!(pos("9.7%") < pos("超过五成"), "{got:?}");
    }

    #[test]
    fn labels_read_like_a_reporters_noun_phrase() {
        let got = key("");
        let label = |t: &str| {
            got.iter()
                .find(|(x, _)| x == t)
                .map(|(_, l)| l.clone())
                .unwrap_or_else(|| panic!("{t} not in {got:?}"))
        };
        // no city, no 完成, no 增长 carried over from the clause before, no 规模 before 占
        assert_eq!(label("1320.5亿元"), "进出口");
        assert_eq!(label("11%"), "进出口占全省比重");
        assert_eq!(label("6.2%"), "进出口增长");
        // the unit an enumeration writes once, and the lead its first item has
        assert_eq!(label("2.9个百分点"), "进出口增速高于全国");
        assert_eq!(label("1.8个百分点"), "进出口增速高于全省");
        assert_eq!(label("12.4%"), "对欧盟出口增长");
        for (_, l) in &got {
            assert!(l.chars().count() <= MAX_LABEL, "{l}");
        }
    }

    #[test]
    fn a_topic_keeps_the_key_figures_that_mention_it() {
        let got = key("欧盟");
        // the figure measuring it first, then the others of its sentence; none from elsewhere
        assert_eq!(got[0].0, "12.4%", "{got:?}");
        assert!(!got.iter().any(|(t, _)| t == "1320.5亿元"), "{got:?}");
    }
}
