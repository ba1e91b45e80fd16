//! The result of a question over several figures, worked out from the quoted figures: the
//! highest or lowest, those past a threshold, a gap, a ratio, a total or a series. Each
//! figure it uses is an answer of its own, with its sentence and its item.

use crate::answer::{quote, Answer, Computed, Op, Response, Status};
use crate::figures::numerals::format_value;
use crate::figures::{Figure, Kind};
use crate::knowledge::Lexicon;

use super::form::{Ask, Form, Threshold};
use super::{same_period, Member};

/// Answers of a filter, at most.
pub(crate) const MAX_LISTED: usize = 10;

/// The response: the members quoted (in the order the operation gives them) and the
/// computed line, or the reason they are not compared.
pub(crate) fn respond(
    lex: &Lexicon,
    form: &Form,
    question: &str,
    mut members: Vec<Member>,
) -> Response {
    if let Some(why) = not_comparable(lex, &form.ask, &members) {
        return response(lex, question, &members, None, Some(why));
    }
    let computed = match &form.ask {
        Ask::Highest | Ask::Lowest => {
            members.sort_by(|a, b| signed(b.figure()).total_cmp(&signed(a.figure())));
            if form.ask == Ask::Lowest {
                members.reverse();
            }
            let op = if form.ask == Ask::Highest {
                Op::Max
            } else {
                Op::Min
            };
            pick(&members, op)
        }
        Ask::Above(t) | Ask::Below(t) => {
            let above = matches!(form.ask, Ask::Above(_));
            match filter(&mut members, t, above) {
                Some(c) => c,
                None => {
                    return Response::not_found(
                        question,
                        format!(
                            "no figure of the list is {} {}",
                            if above { "above" } else { "below" },
                            t.text
                        ),
                    )
                }
            }
        }
        Ask::Difference { apart } => difference(lex, &members, *apart),
        Ask::Ratio => ratio(lex, &members),
        Ask::Sum => sum(&members),
        Ask::Series => series(&members),
    };
    response(lex, question, &members, Some(computed), None)
}

fn response(
    lex: &Lexicon,
    question: &str,
    members: &[Member],
    computed: Option<Computed>,
    note: Option<String>,
) -> Response {
    let answers: Vec<Answer> = members
        .iter()
        .take(MAX_LISTED)
        .map(|m| {
            let mut a = quote(m.cand, lex);
            a.item = m.label.clone();
            a
        })
        .collect();
    Response {
        question: question.to_string(),
        status: Status::Answered,
        answers,
        reason: None,
        computed,
        note,
    }
}

/// Why the members cannot be compared, if they cannot: other kinds, units or periods (a
/// series compares periods; a filter keeps to figures like its threshold).
fn not_comparable(lex: &Lexicon, ask: &Ask, members: &[Member]) -> Option<String> {
    let first = members[0].figure();
    let one_sentence = |m: &Member| {
        m.cand.article.key() == members[0].cand.article.key()
            && m.cand.sentence == members[0].cand.sentence
    };
    for m in &members[1..] {
        let f = m.figure();
        // figures of one sentence hold for its time, even when a clause names none
        let unknown = (f.scope.is_none() || first.scope.is_none()) && one_sentence(m);
        if f.number.kind != first.number.kind || !super::same_unit_of(lex, f, first) {
            return Some(format!(
                "{} and {} are not the same kind of figure ({} and {})",
                first.text,
                f.text,
                first.number.kind.as_str(),
                f.number.kind.as_str()
            ));
        }
        if *ask != Ask::Series && !same_period(f, first) && !unknown {
            return Some(format!(
                "the figures are of different periods ({} and {})",
                period(first),
                period(f)
            ));
        }
    }
    let percent_sum = *ask == Ask::Sum
        && matches!(
            first.number.kind,
            Kind::Percent | Kind::PercentagePoints | Kind::Fraction
        );
    if percent_sum {
        return Some("rates and shares do not add up".into());
    }
    None
}

fn period(f: &Figure) -> String {
    f.scope
        .as_ref()
        .map_or_else(|| "no period".into(), |s| s.label.clone())
}

/// A figure's value with its direction: a fall (下降15.3%) is negative.
fn signed(f: &Figure) -> f64 {
    let v = f.number.value.unwrap_or(0.0);
    if f.decrease {
        -v
    } else {
        v
    }
}

/// The first member as the winner of a superlative.
fn pick(members: &[Member], op: Op) -> Computed {
    let w = members[0].figure();
    let text = match &members[0].label {
        Some(l) => format!("{l} {}", w.text),
        None => w.text.clone(),
    };
    Computed {
        text,
        value: Some(signed(w)),
        unit: w.number.unit.clone(),
        op,
        from: texts(members),
    }
}

/// Keep the members past the threshold, furthest first; `None` when none is.
fn filter(members: &mut Vec<Member>, t: &Threshold, above: bool) -> Option<Computed> {
    let from = texts(members);
    members.retain(|m| {
        let f = m.figure();
        let v = signed(f);
        f.number.unit == t.unit && if above { v > t.value } else { v < t.value }
    });
    members.sort_by(|a, b| signed(b.figure()).total_cmp(&signed(a.figure())));
    if !above {
        members.reverse();
    }
    if members.is_empty() {
        return None;
    }
    let text = members
        .iter()
        .map(|m| match &m.label {
            Some(l) => format!("{l} {}", m.figure().text),
            None => m.figure().text.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ");
    Some(Computed {
        text,
        value: None,
        unit: None,
        op: Op::Filter,
        from,
    })
}

/// The first minus the second: in percentage points for rates, else in the figures' unit.
fn difference(lex: &Lexicon, members: &[Member], apart: bool) -> Computed {
    let (a, b) = (members[0].figure(), members[1].figure());
    let mut gap = signed(a) - signed(b);
    if apart {
        gap = gap.abs();
    }
    let (text, value, unit) = if matches!(a.number.kind, Kind::Percent | Kind::PercentagePoints) {
        let n = round2(gap);
        (
            lex.several.points.replace("{n}", &number(n)),
            n,
            points_unit(lex),
        )
    } else {
        (
            in_units_of(gap, &[a, b]),
            gap,
            a.number.unit.clone().unwrap_or_default(),
        )
    };
    Computed {
        text,
        value: Some(value),
        unit: Some(unit),
        op: Op::Difference,
        from: texts(members),
    }
}

/// The first divided by the second.
fn ratio(lex: &Lexicon, members: &[Member]) -> Computed {
    let (a, b) = (members[0].figure(), members[1].figure());
    let r = round2(signed(a) / signed(b));
    Computed {
        text: lex.several.multiple.replace("{n}", &number(r)),
        value: Some(r),
        unit: Some(lex.grammar.multiple.to_string()),
        op: Op::Ratio,
        from: texts(members),
    }
}

/// The members added up, in their unit.
fn sum(members: &[Member]) -> Computed {
    let figs: Vec<&Figure> = members.iter().map(|m| m.figure()).collect();
    let total: f64 = figs.iter().map(|f| signed(f)).sum();
    Computed {
        text: in_units_of(total, &figs),
        value: Some(total),
        unit: figs[0].number.unit.clone(),
        op: Op::Sum,
        from: texts(members),
    }
}

/// The members oldest first: `2023年 4.6% → 今年1-5月 1.9%`.
fn series(members: &[Member]) -> Computed {
    let text = members
        .iter()
        .map(|m| format!("{} {}", period(m.figure()), m.figure().text))
        .collect::<Vec<_>>()
        .join(" → ");
    Computed {
        text,
        value: None,
        unit: None,
        op: Op::Series,
        from: texts(members),
    }
}

fn texts(members: &[Member]) -> Vec<String> {
    members.iter().map(|m| m.figure().text.clone()).collect()
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn number(v: f64) -> String {
    format_value(round2(v))
}

/// The unit of a gap in points: the shortest percentage-point word (百分点).
fn points_unit(lex: &Lexicon) -> String {
    lex.grammar
        .percentage_points
        .iter()
        .min_by_key(|w| w.chars().count())
        .cloned()
        .unwrap_or_default()
}

/// A value in base units written like the figures it comes from (4989.3亿元 from 3126.8亿元
/// and 1862.5亿元): the magnitude and unit of the one with the largest magnitude.
fn in_units_of(value: f64, like: &[&Figure]) -> String {
    let written = like
        .iter()
        .filter_map(|f| as_written(f))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match written {
        Some((factor, suffix)) => format!("{}{suffix}", number(value / factor)),
        None => {
            let unit = like
                .first()
                .and_then(|f| f.number.unit.clone())
                .unwrap_or_default();
            format!("{}{unit}", number(value))
        }
    }
}

/// A figure's magnitude and written unit: 3126.8亿元 → (1e8, 亿元). `None` when its
/// number is not written in digits.
fn as_written(f: &Figure) -> Option<(f64, String)> {
    let text = crate::text::normalize(&f.text);
    let start = text.find(|c: char| c.is_ascii_digit())?;
    let digits: String = text[start..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ',')
        .collect();
    let n: f64 = digits.replace(',', "").parse().ok()?;
    let value = f.number.value?;
    if n == 0.0 {
        return None;
    }
    let suffix = text[start + digits.len()..].to_string();
    Some((value / n, suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_to_hundredths() {
        assert_eq!(number(18.7 - 11.7), "7");
        assert_eq!(number(42.3 - 18.6), "23.7");
        assert_eq!(number(948.3 / 316.1), "3");
        assert_eq!(number(6.4), "6.4");
    }

    #[test]
    fn longest_stretch_in_common() {
        assert_eq!(
            super::super::longest_common("对美国出口增速", "对美国出口增长"),
            6
        );
        assert_eq!(super::super::longest_common("对东盟", "对欧盟出口增长"), 1);
    }
}
