//! Every number the ranking adds or multiplies, named, in one place.
//!
//! A candidate figure's score is
//! `recall + scope × fit + kind + unit + precision × share named + focus ± base − part
//! − display − past`,
//! where recall and the share named are between 0 and 1. The values were tuned on the
//! shipped article and checked on articles of other beats; each says how much one kind of
//! evidence counts against the others.

use crate::figures::Kind;
use crate::question::Asked;

/// The ranking's weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Weights {
    /// The least share of the question a candidate's words must cover to be offered.
    pub min_recall: f32,
    /// The least share of the question a figure of a kind it does not ask must cover.
    pub min_recall_other_kind: f32,
    /// The share a claim's sentence must cover for its figure to be compared with a
    /// claimed one: lower than an answer's, since the check itself then tells whether the
    /// two measure the same thing, and a candidate it rules out is still shown.
    pub min_recall_claim: f32,
    /// What a word that picks the article (its subject, a place it is about) weighs, in the
    /// decision to answer, against a word that picks the sentence.
    pub selector: f32,
    /// How much of its weight a missing verb or adverb of the question costs.
    pub light_missing: f32,
    /// Bonus when the question's focus word is in the figure's own phrase, and again when it
    /// is what a count counts.
    pub focus: f32,
    /// How much the share of the figure's measure named by the question counts.
    pub precision: f32,
    /// The share named when the figure's measure has no distinctive word.
    pub precision_unknown: f32,
    /// Weight of a word found only in the heading or the sentence before.
    pub nearby: f32,
    /// How much the fit of the figure's period to the asked period counts.
    pub scope: f32,
    /// The fit of a figure without a period when the asked period covers the article's year.
    pub unscoped_fit: f32,
    /// Penalty for a figure of a past year when the question names no period (去年春节 for
    /// 春节假期接待游客多少): the article's own time answers first.
    pub past_unasked: f32,
    /// Penalty for a part (其中，城镇人口360万人) when the question names only the whole.
    pub part_unasked: f32,
    /// Bonus when the figure's own phrase compares with the base the question names
    /// (较2019年同期).
    pub same_base: f32,
    /// Penalty when it compares with another (同比 where 2019年同期 is asked).
    pub other_base: f32,
    /// Penalty for headlines, subtitles and captions (the body says it better).
    pub display_block: f32,

    /// Bonus for a whole sentence answering a which/who/where question.
    pub which_sentence: f32,
    /// Penalty for a sentence without a figure answering anything else.
    pub plain_sentence: f32,
    /// A term found inside a longer word (出口 in 进出口) counts this much.
    pub inside_word: f32,
    /// A kind read from a cue word (…进出口额) rather than an asked unit (多少亿元) counts
    /// this much of its penalty: the article may give that measure as a share.
    pub cue_kind: f32,
    /// The figure's unit is the asked unit.
    pub unit_match: f32,
    /// 个 was asked and the figure is a count in another classifier.
    pub unit_generic: f32,
    /// The figure's unit is not the asked unit.
    pub unit_mismatch: f32,
    /// A figure of the asked dimension (a length for 多长, an age for 几岁).
    pub dimension_match: f32,
    /// A bare number (no unit says what it measures) for a question that names a dimension.
    pub dimension_unknown: f32,
    /// The end of a change the question asks (降到多少 → 350元 in 从600元降到350元): added
    /// for that end, taken off for the other.
    pub change_end: f32,
    /// The kind of figure against the kind asked.
    pub kind: KindFit,
}

/// How well a figure's kind fits the asked kind, from right to plainly wrong.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct KindFit {
    /// The kind asked: a change for a growth question, a rank for a rank question.
    pub right: f32,
    /// The kind asked, less specifically (an amount in another currency).
    pub good: f32,
    /// A close kind: percentage points for a growth.
    pub close: f32,
    /// A loose fit: a period for a date question.
    pub loose: f32,
    /// A percent without share words for a share question.
    pub weak: f32,
    /// A count for an amount, an amount for a count.
    pub off: f32,
    /// A date or period for any question; any figure for a which question.
    pub unlikely: f32,
    /// A name such as 世界500强 for a question of any kind.
    pub name: f32,
    /// Another kind.
    pub wrong: f32,
    /// A number for a date question.
    pub not_a_date: f32,
}

/// The weights in use.
pub(crate) const WEIGHTS: Weights = Weights {
    min_recall: 0.5,
    light_missing: 0.5,
    selector: 0.25,
    min_recall_other_kind: 0.75,
    min_recall_claim: 0.3,
    focus: 0.25,
    precision: 0.5,
    precision_unknown: 0.5,
    nearby: 0.3,
    scope: 0.25,
    unscoped_fit: 0.5,
    past_unasked: 0.3,
    part_unasked: 0.3,
    same_base: 0.3,
    other_base: 0.5,
    display_block: 0.1,
    which_sentence: 0.2,
    plain_sentence: -0.15,
    inside_word: 0.75,
    cue_kind: 0.4,
    unit_match: 0.25,
    unit_generic: 0.05,
    unit_mismatch: -0.4,
    dimension_match: 0.25,
    dimension_unknown: -0.3,
    change_end: 0.3,
    kind: KindFit {
        right: 0.35,
        good: 0.3,
        close: 0.2,
        loose: 0.1,
        weak: 0.05,
        off: -0.1,
        unlikely: -0.2,
        name: -0.3,
        wrong: -0.4,
        not_a_date: -0.5,
    },
};

/// What the ranking knows of a figure when it fits its kind.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KindEvidence {
    pub kind: Kind,
    /// Change words (增长, 下降) belong to the figure.
    pub change_words: bool,
    /// Share words (占, 比重) belong to the figure, or it is a part "of" a whole (全省的1/4).
    pub share_words: bool,
    /// A top-N name (世界500强), not a quantity.
    pub name_like: bool,
}

impl KindFit {
    /// The fit of a figure to the asked kind.
    pub(crate) fn of(&self, asked: Asked, f: KindEvidence) -> f32 {
        match asked {
            Asked::Growth => match f.kind {
                Kind::Percent | Kind::Multiple if f.change_words => self.right,
                Kind::PercentagePoints => self.close,
                Kind::Percent => 0.0,
                _ => self.wrong,
            },
            Asked::Share => match f.kind {
                // a fraction is a share by nature; so is a percent "of" a whole (全省的17.4%)
                Kind::Fraction => self.right,
                Kind::Percent if f.share_words => self.right,
                Kind::Percent => self.weak,
                _ => self.wrong,
            },
            Asked::Rank => match f.kind {
                Kind::Rank if !f.name_like => self.right,
                _ => self.wrong,
            },
            Asked::Date => match f.kind {
                Kind::Date => self.right,
                Kind::Period => self.loose,
                _ => self.not_a_date,
            },
            // a bare number (1.25亿) may count or measure what is asked: only off
            Asked::Count => match f.kind {
                Kind::Count => self.good,
                Kind::Amount | Kind::Quantity | Kind::Number => self.off,
                _ => self.wrong,
            },
            Asked::Amount => match f.kind {
                Kind::Amount | Kind::Quantity => self.good,
                Kind::Count | Kind::Number => self.off,
                _ => self.wrong,
            },
            // the gap to another level: points; a change (增加20亿元) answers "多多少"; a
            // growth rate is only a weak stand-in
            Asked::Difference => match f.kind {
                Kind::PercentagePoints => self.right,
                Kind::Amount | Kind::Count | Kind::Quantity if f.change_words => self.good,
                Kind::Percent | Kind::Multiple if f.change_words => self.weak,
                _ => self.wrong,
            },
            Asked::Multiple => match f.kind {
                Kind::Multiple => self.right,
                Kind::Percent if f.change_words => self.close,
                _ => self.wrong,
            },
            Asked::Entity => self.unlikely,
            Asked::Any => match f.kind {
                Kind::Date | Kind::Period => self.unlikely,
                _ if f.name_like => self.name,
                _ => 0.0,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fig(kind: Kind) -> KindEvidence {
        KindEvidence {
            kind,
            change_words: false,
            share_words: false,
            name_like: false,
        }
    }

    #[test]
    fn a_change_answers_a_growth_question_best() {
        let k = WEIGHTS.kind;
        let change = KindEvidence {
            change_words: true,
            ..fig(Kind::Percent)
        };
        assert_eq!(k.of(Asked::Growth, change), k.right);
        assert_eq!(k.of(Asked::Growth, fig(Kind::PercentagePoints)), k.close);
        assert_eq!(k.of(Asked::Growth, fig(Kind::Percent)), 0.0);
        assert_eq!(k.of(Asked::Growth, fig(Kind::Amount)), k.wrong);
        assert!(k.right > k.close && k.close > 0.0);
    }

    #[test]
    fn shares_ranks_dates_and_amounts() {
        let k = WEIGHTS.kind;
        let share = KindEvidence {
            share_words: true,
            ..fig(Kind::Percent)
        };
        assert_eq!(k.of(Asked::Share, fig(Kind::Fraction)), k.right);
        assert_eq!(k.of(Asked::Share, share), k.right);
        assert_eq!(k.of(Asked::Share, fig(Kind::Percent)), k.weak);
        let top = KindEvidence {
            name_like: true,
            ..fig(Kind::Rank)
        };
        assert_eq!(k.of(Asked::Rank, fig(Kind::Rank)), k.right);
        assert_eq!(k.of(Asked::Rank, top), k.wrong, "世界500强 is no rank");
        assert_eq!(k.of(Asked::Any, top), k.name);
        assert_eq!(k.of(Asked::Date, fig(Kind::Period)), k.loose);
        assert_eq!(k.of(Asked::Date, fig(Kind::Count)), k.not_a_date);
        assert_eq!(k.of(Asked::Amount, fig(Kind::Quantity)), k.good);
        assert_eq!(k.of(Asked::Amount, fig(Kind::Count)), k.off);
        assert_eq!(k.of(Asked::Count, fig(Kind::Amount)), k.off);
        assert_eq!(k.of(Asked::Any, fig(Kind::Date)), k.unlikely);
    }
}
