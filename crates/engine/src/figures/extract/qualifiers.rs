//! Words that bend a figure (超过, 余, 约, 以上) and the two ends of a range (3-5亿元,
//! 10至20个).

use super::{Found, Scanner, RANGE_DASHES};
use crate::figures::{Qualifier, Sense};
use crate::knowledge::{match_at, match_before};

impl Scanner<'_> {
    pub(super) fn after_qualifier(&self, at: usize) -> bool {
        let q = &self.lex.qualifiers;
        [&q.before_more, &q.before_less, &q.before_about]
            .iter()
            .any(|l| match_before(l, self.s, at).is_some())
    }

    /// Attach the qualifiers before `start` and after the figure's end.
    pub(super) fn qualify(&self, f: &mut Found, start: usize) {
        let s = self.s;
        let q = &self.lex.qualifiers;
        let after = [
            (&q.after_more, Sense::More),
            (&q.after_less, Sense::Less),
            (&q.after_about, Sense::About),
        ];
        for (list, sense) in after {
            if let Some(w) = match_at(list, s, f.span.end) {
                // 余/多 right after a unit are not qualifiers (家多 is rare; 以上 is common)
                let short_ok =
                    matches!(sense, Sense::About) && q.short_after_about.iter().any(|x| x == w);
                if w.chars().count() >= 2 || short_ok {
                    f.span.end += w.chars().count();
                    f.number.qualifier = Some(Qualifier {
                        text: w.to_string(),
                        sense,
                    });
                    break;
                }
            }
        }
        let before = [
            (&q.before_more, Sense::More),
            (&q.before_less, Sense::Less),
            (&q.before_about, Sense::About),
        ];
        for (list, sense) in before {
            if let Some(w) = match_before(list, s, start) {
                let at = start - w.chars().count();
                if self.bounds[at] || w.chars().count() >= 2 {
                    f.span.start = at;
                    let text = match &f.number.qualifier {
                        Some(existing) => format!("{w}…{}", existing.text),
                        None => w.to_string(),
                    };
                    f.number.qualifier = Some(Qualifier { text, sense });
                    break;
                }
            }
        }
    }

    /// Where the high end starts when a range separator stands at `j` (1-5月, 1至5月).
    pub(super) fn range_sep_at(&self, j: usize) -> Option<usize> {
        let s = self.s;
        if j < s.len() && RANGE_DASHES.contains(&s[j]) {
            return Some(j + 1);
        }
        match_at(&self.lex.grammar.range, s, j).map(|w| j + w.chars().count())
    }
}
