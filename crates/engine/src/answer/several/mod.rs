//! Questions over several figures: which is highest, which pass a threshold, how two
//! compare, how a figure moved over periods, what parts add up to.
//!
//! Every figure is data (value, unit, kind, period, measure, list item), so these questions
//! are answered from quoted figures: [`form`] reads the operation and the things the
//! question names, the ranking finds the figures the rest of the question is about, each
//! named thing is matched to one of them (or the list the question points at is taken
//! whole), and [`compute`] works out the result. Figures are only compared when they are of
//! the same kind, unit and period; otherwise both are shown with the reason, and nothing is
//! computed. A computed number is never a quote: it comes as `computed`, beside the quoted
//! figures it is made from.
//!
//! Owns: the forms of questions over several figures. May import the steps up to `answer`.

mod compute;
mod form;

use crate::answer::Response;
use crate::corpus::ParsedArticle;
use crate::figures::Kind;
use crate::figures::{is_quantity, Figure};
use crate::question::{same_unit, Analyzer, Asked, Question};
use crate::ranking::{Candidate, Ranker};

use form::{Ask, Form};

/// Figures of the ranking considered for a set, at most.
const POOL: usize = 80;
/// Members of a list the question points at score at most this much below its best figure.
const LIST_WINDOW: f32 = 1.0;

/// One figure of the set, with the thing it stands for.
pub(crate) struct Member<'c> {
    pub cand: &'c Candidate,
    /// Its list item, else the thing the question named for it.
    pub label: Option<String>,
}

impl Member<'_> {
    fn figure(&self) -> &Figure {
        figure_of(self.cand)
    }
}

fn figure_of(c: &Candidate) -> &Figure {
    let article: &ParsedArticle = &c.article;
    &article.figures[c.figure.expect("a member is a figure")]
}

/// Answer `q` when it asks about several figures; `None` when it asks for one, and the
/// usual answer applies.
pub(crate) fn answer(analyzer: &Analyzer, ranker: &Ranker, q: &Question) -> Option<Response> {
    if !q.unknown.is_empty() || q.terms.is_empty() {
        return None;
    }
    let lex = ranker.lex;
    let form = form::read(lex, analyzer.seg, &q.norm)?;
    // 比全国高多少, 是去年同期的几倍: the gap to a level the article compares with is
    // stated, not computed; so is one to a time (a side that names nothing to look for)
    let sides: Vec<Question> = form.sides.iter().map(|s| analyzer.analyse(s)).collect();
    let nameless = form.ask != Ask::Series && sides.iter().any(|s| s.terms.is_empty());
    if nameless || form.sides.iter().any(|s| is_base(lex, q, s)) {
        return None;
    }
    let mut frame = analyzer.analyse(&form.frame);
    if frame.terms.is_empty() || !frame.unknown.is_empty() {
        return None;
    }
    if form.ask == Ask::Series {
        frame.scopes.clear(); // every period of the measure
    }
    let ranked = ranker.candidates(&frame, false);
    // the frame names every side, so a sentence lacking another side's name is no loss
    let all = ranked.with_lacking();
    let pool: Vec<&Candidate> = all
        .into_iter()
        .filter(|c| {
            c.figure.is_some() && {
                // an ordinal (第七批) names a thing; it is not compared
                let f = figure_of(c);
                is_quantity(lex, f.number.kind, f.number.unit.as_deref(), f.number.value)
                    && f.number.kind != Kind::Rank
            }
        })
        .take(POOL)
        .collect();
    tracing::debug!(ask = ?form.ask, sides = ?form.sides, frame = %form.frame, pool = pool.len(), "several figures");
    let members = match (&form.ask, form.sides.is_empty()) {
        (Ask::Series, true) => series(lex, &pool),
        (Ask::Series, false) => {
            // the first side's period is at its end (今年…增速一季度): read that part first
            let first = analyzer.analyse(form.items.first()?);
            let year = pool.first()?.article.article.reference_year;
            let mut sides = sides;
            if first.scope_for(year).is_some() {
                sides[0] = first;
            }
            periods(lex, &sides, &pool)
        }
        (_, true) => listed(lex, &pool),
        (_, false) => named(lex, &form, &sides, &pool),
    }?;
    Some(compute::respond(lex, &form, &q.original, members))
}

/// What a figure says of its measure, read from the last change or share word before it:
/// a change (增长49.3%) or a share (占全省出口的42%). `None` when neither is said.
#[derive(Debug, PartialEq)]
enum Role {
    Change,
    Share,
}

fn role(lex: &crate::knowledge::Lexicon, f: &Figure) -> Option<Role> {
    let m = f.measure.as_deref()?;
    let last = |words: &[String]| words.iter().filter_map(|w| m.rfind(w.as_str())).max();
    match (last(&lex.figures.change), last(&lex.figures.share)) {
        (Some(c), Some(s)) if s > c => Some(Role::Share),
        (Some(_), _) => Some(Role::Change),
        (None, Some(_)) => Some(Role::Share),
        (None, None) => None,
    }
}

/// Is a side only a level the article compares with itself (全国, 去年同期, a year after
/// 比)? Then the question asks for the gap the article states, not one to compute.
fn is_base(lex: &crate::knowledge::Lexicon, q: &Question, side: &str) -> bool {
    let side = side.trim_end_matches(|c: char| !c.is_alphanumeric());
    let bare = lex
        .question
        .stopwords
        .iter()
        .fold(side.to_string(), |s, w| {
            s.strip_suffix(w.as_str()).map(str::to_string).unwrap_or(s)
        });
    q.bases.iter().any(|b| {
        bare == *b || bare.ends_with(b.as_str()) && bare.chars().count() <= b.chars().count() + 1
    }) || lex.derived.list_leads.contains(&bare)
}

/// Are two figures of one kind, unit and period?
fn alike(lex: &crate::knowledge::Lexicon, a: &Figure, b: &Figure) -> bool {
    a.number.kind == b.number.kind && same_unit_of(lex, a, b) && same_period(a, b)
}

fn same_unit_of(lex: &crate::knowledge::Lexicon, a: &Figure, b: &Figure) -> bool {
    match (&a.number.unit, &b.number.unit) {
        (Some(x), Some(y)) => same_unit(lex, x, y),
        (None, None) => true,
        _ => false,
    }
}

fn same_period(a: &Figure, b: &Figure) -> bool {
    match (&a.scope, &b.scope) {
        (Some(x), Some(y)) => x.start == y.start && x.end == y.end && x.kind == y.kind,
        (None, None) => true,
        _ => false,
    }
}

/// The list the question points at without naming its items (哪些产品出口增长超过20%):
/// of the sentences whose figures score close to the best, the one with the most figures
/// alike (one kind, unit, period and role), those figures.
fn listed<'c>(lex: &crate::knowledge::Lexicon, pool: &[&'c Candidate]) -> Option<Vec<Member<'c>>> {
    let best = pool.first()?.score;
    let close: Vec<&'c Candidate> = pool
        .iter()
        .copied()
        .filter(|c| c.score >= best - LIST_WINDOW)
        .collect();
    let members_of = |anchor: &'c Candidate| -> Vec<Member<'c>> {
        let a = figure_of(anchor);
        close
            .iter()
            .filter(|c| {
                let f = figure_of(c);
                c.article.key() == anchor.article.key()
                    && c.sentence == anchor.sentence
                    && alike(lex, f, a)
                    && role(lex, f) == role(lex, a)
            })
            .map(|c| Member {
                cand: c,
                label: label_of(figure_of(c)),
            })
            .collect()
    };
    let members = close
        .iter()
        .rev()
        .map(|c| members_of(c))
        .max_by_key(|m| m.len())?; // the first of the largest: the best-scoring sentence
    (members.len() >= 2).then_some(members)
}

/// A figure's label in a list: its item, else what it measures.
fn label_of(f: &Figure) -> Option<String> {
    f.item.clone().or_else(|| f.measure.clone())
}

/// One figure per thing the question names: its list item in the thing's words, else the
/// longest stretch of the thing's words in what the figure measures. The best matches are
/// taken first; a tie goes to a figure of the kind the thing's own words ask (出口额: an
/// amount), then to one alike a figure already taken, then to the ranking. A thing named
/// with its period (1—11月新能源产品出口额) only takes a figure of that period.
fn named<'c>(
    lex: &crate::knowledge::Lexicon,
    form: &Form,
    sides: &[Question],
    pool: &[&'c Candidate],
) -> Option<Vec<Member<'c>>> {
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new(); // (match, side, pool index)
    for (si, side) in form.items.iter().enumerate() {
        for (pi, c) in pool.iter().enumerate() {
            let f = figure_of(c);
            let year = c.article.article.reference_year;
            let period_fits = match (sides[si].scope_for(year), &f.scope) {
                (Some(asked), Some(own)) => own.fit(asked, year) >= 0.75,
                (Some(_), None) => false,
                (None, _) => true,
            };
            let m = match_strength(side, f);
            if m >= 2 && period_fits && kind_fits(sides[si].asked, f.number.kind) {
                pairs.push((m, si, pi));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    let mut chosen: Vec<Option<usize>> = vec![None; form.sides.len()];
    let mut used = vec![false; pool.len()];
    while let Some(&(m, si, _)) = pairs.iter().find(|p| chosen[p.1].is_none() && !used[p.2]) {
        // among the equal matches of this side, prefer a figure alike one already chosen
        let taken: Vec<&Figure> = chosen
            .iter()
            .flatten()
            .map(|&i| figure_of(pool[i]))
            .collect();
        let ties: Vec<usize> = pairs
            .iter()
            .filter(|p| p.0 == m && p.1 == si && !used[p.2])
            .map(|p| p.2)
            .collect();
        // a change figure (增长12.3%) stands for a thing only when the question asks a change
        let asks_change = lex
            .derived
            .asks_change
            .iter()
            .any(|w| form.frame.contains(w.as_str()));
        let role_fits =
            |pi: &usize| (role(lex, figure_of(pool[*pi])) == Some(Role::Change)) == asks_change;
        let like = |pi: &usize| taken.iter().any(|t| alike(lex, t, figure_of(pool[*pi])));
        let pi = ties
            .iter()
            .copied()
            .max_by_key(|pi| (role_fits(pi), like(pi), std::cmp::Reverse(*pi)))
            .expect("a pair was found");
        let pi = exact_for(lex, &form.items[si], pool, pi, &used).unwrap_or(pi);
        chosen[si] = Some(pi);
        used[pi] = true;
    }
    keep_together(&pairs, pool, &mut chosen);
    let members: Option<Vec<Member>> = chosen
        .iter()
        .zip(&form.items)
        .map(|(pi, side)| {
            let c = pool[(*pi)?];
            let label = figure_of(c).item.clone().or_else(|| Some(side.clone()));
            Some(Member { cand: c, label })
        })
        .collect();
    members.filter(|m| m.len() >= 2)
}

/// How well a figure stands for a thing the question names: the longest stretch the
/// thing's words share with what the figure measures, plus the length of its list item
/// when the thing's words hold it (an item alone counts one more than its length).
fn match_strength(side: &str, f: &Figure) -> usize {
    let item = f
        .item
        .as_deref()
        .filter(|i| side.contains(*i))
        .map_or(0, |i| i.chars().count());
    let measure = f.measure.as_deref().unwrap_or(&f.core);
    let shared = longest_common(side, measure);
    if item > 0 && shared >= 2 {
        item + shared
    } else {
        (item + 1).max(shared)
    }
}

/// A list is best read from one sentence: a thing matched outside the sentence that holds
/// most of the others moves to a figure of that sentence that also stands for it.
fn keep_together(
    pairs: &[(usize, usize, usize)],
    pool: &[&Candidate],
    chosen: &mut [Option<usize>],
) {
    let place = |pi: usize| (pool[pi].article.key(), pool[pi].sentence);
    let mut counts: Vec<((crate::article::ArticleKey, usize), usize)> = Vec::new();
    for pi in chosen.iter().flatten() {
        match counts.iter_mut().find(|(p, _)| *p == place(*pi)) {
            Some((_, n)) => *n += 1,
            None => counts.push((place(*pi), 1)),
        }
    }
    let Some(&(home, n)) = counts.iter().max_by_key(|(_, n)| *n) else {
        return;
    };
    if n < 2 {
        return;
    }
    for si in 0..chosen.len() {
        if chosen[si].is_some_and(|pi| place(pi) == home) {
            continue;
        }
        let taken: Vec<usize> = chosen.iter().flatten().copied().collect();
        let alt = pairs
            .iter()
            .find(|p| p.1 == si && place(p.2) == home && !taken.contains(&p.2))
            .map(|p| p.2);
        if alt.is_some() {
            chosen[si] = alt;
        }
    }
}

/// A rounded figure (超四成, from a summary) stands for the exact one within its bounds
/// (42.3%, from the body) when the pool holds one that stands for the thing as well: the
/// exact one is the one compared.
fn exact_for(
    lex: &crate::knowledge::Lexicon,
    side: &str,
    pool: &[&Candidate],
    pi: usize,
    used: &[bool],
) -> Option<usize> {
    let f = figure_of(pool[pi]);
    let vague = |g: &Figure| crate::figures::is_vague(lex, &g.text, g.number.qualifier.as_ref());
    if !vague(f) {
        return None;
    }
    (0..pool.len())
        .filter(|&j| {
            let g = figure_of(pool[j]);
            // a list figure may have no period of its own (分领域看，…分别增长): unknown is
            // no contradiction
            let period = same_period(f, g) || g.scope.is_none();
            !used[j]
                && j != pi
                && !vague(g)
                && period
                && crate::answer::within(lex, pool[j], pool[pi])
        })
        .map(|j| (match_strength(side, figure_of(pool[j])), j))
        .filter(|&(m, _)| m > 2)
        .max_by_key(|&(m, j)| (m, std::cmp::Reverse(j)))
        .map(|(_, j)| j)
}

/// Can a figure of this kind answer what a thing's own words ask (出口额: an amount)?
fn kind_fits(asked: Asked, kind: Kind) -> bool {
    match asked {
        Asked::Growth => matches!(
            kind,
            Kind::Percent | Kind::PercentagePoints | Kind::Multiple
        ),
        Asked::Share => matches!(kind, Kind::Percent | Kind::Fraction),
        Asked::Amount => matches!(kind, Kind::Amount | Kind::Quantity),
        Asked::Count => kind == Kind::Count,
        _ => true,
    }
}

/// Length in chars of the longest stretch two texts share.
fn longest_common(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for &x in &a {
        let mut cur = vec![0usize; b.len() + 1];
        for (j, &y) in b.iter().enumerate() {
            if x == y {
                cur[j + 1] = prev[j] + 1;
                best = best.max(cur[j + 1]);
            }
        }
        prev = cur;
    }
    best
}

/// One measure over its periods: the best figure, and for each other period the best
/// figure alike it in kind and unit that measures the same thing, oldest first.
fn series<'c>(lex: &crate::knowledge::Lexicon, pool: &[&'c Candidate]) -> Option<Vec<Member<'c>>> {
    let anchor = *pool.first()?;
    let a = figure_of(anchor);
    let mut members: Vec<Member> = Vec::new();
    for c in pool {
        let f = figure_of(c);
        let fresh = !members.iter().any(|m| same_period(m.figure(), f));
        if fresh
            && f.scope.is_some()
            && c.score >= anchor.score - LIST_WINDOW
            && same_series(lex, f, a, 3)
        {
            members.push(Member {
                cand: c,
                label: f.scope.as_ref().map(|s| s.label.clone()),
            });
        }
    }
    members.sort_by_key(|m| m.figure().scope.as_ref().map(|s| (s.start, s.end)));
    (members.len() >= 2).then_some(members)
}

/// Can `f` stand beside `a` in a series: the same kind and unit, and the same measure
/// (`fifths` of the shorter one shared)?
fn same_series(lex: &crate::knowledge::Lexicon, f: &Figure, a: &Figure, fifths: usize) -> bool {
    f.number.kind == a.number.kind && same_unit_of(lex, f, a) && same_measure(f, a, fifths)
}

/// Do two figures measure the same thing? At least `fifths` fifths of the shorter measure
/// is one stretch of the other.
fn same_measure(a: &Figure, b: &Figure, fifths: usize) -> bool {
    let (x, y) = (
        a.measure.as_deref().unwrap_or(&a.core),
        b.measure.as_deref().unwrap_or(&b.core),
    );
    let shorter = x.chars().count().min(y.chars().count());
    shorter > 0 && longest_common(x, y) * 5 >= shorter * fifths
}

/// The figure of each period the question names (一季度、上半年和1至11月分别是多少): the
/// best of that period alike the best figure of all.
fn periods<'c>(
    lex: &crate::knowledge::Lexicon,
    sides: &[Question],
    pool: &[&'c Candidate],
) -> Option<Vec<Member<'c>>> {
    let anchor = *pool.first()?;
    let a = figure_of(anchor);
    let year = anchor.article.article.reference_year;
    let mut members = Vec::new();
    for side in sides {
        let scope = side.scope_for(year)?;
        let c = pool.iter().find(|c| {
            let f = figure_of(c);
            c.article.key() == anchor.article.key()
                && same_series(lex, f, a, 2)
                && f.scope
                    .as_ref()
                    .is_some_and(|s| s.start == scope.start && s.end == scope.end)
        })?;
        members.push(Member {
            cand: c,
            label: figure_of(c).scope.as_ref().map(|s| s.label.clone()),
        });
    }
    (members.len() >= 2).then_some(members)
}

#[cfg(test)]
mod tests {
    use crate::answer::{Op, Status};
    use crate::engine::tests::engine_of;

    const MARKETS: &str =
        "海关快讯\n\n今年1-5月，全市对欧盟、东盟、美国出口分别增长17.4%、11.7%、18.7%。\n";

    #[test]
    fn the_highest_of_a_list_is_computed_from_its_quoted_figures() {
        let (_dir, engine) = engine_of(&[("markets", MARKETS)]);
        let r = engine.ask("对欧盟、东盟、美国出口哪个增长最快");
        assert_eq!(r.status, Status::Answered, "{:?}", r.reason);
        let computed = r.computed.expect("a computed line");
        assert_eq!(computed.op, Op::Max);
        // the figures it comes from, in the order used: highest first
        assert_eq!(computed.from, ["18.7%", "17.4%", "11.7%"]);
        assert_eq!(r.answers[0].figures[0].text, "18.7%");
        assert_eq!(r.answers[0].item.as_deref(), Some("美国"));
    }
}
