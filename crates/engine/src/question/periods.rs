//! When a question asks about: its periods (2023年, 今年1-5月) and the comparison bases
//! after 比/较 (a time after a comparison marker is a base, not the period asked).

use super::terms::mask_all;
use super::Analyzer;
use crate::figures::extract::Found;
use crate::figures::scope::{time_marks, Scope, TimeMark};
use crate::figures::{Kind, SentenceView};
use crate::knowledge::{match_at, starts_with_at};
use std::ops::Range;

impl Analyzer<'_> {
    /// The period asked about, resolved for each reference year of the archive (今年 is
    /// each article's own year), and where the question's time words stand.
    pub(super) fn scopes(
        &self,
        view: &SentenceView,
        found: &[Found],
    ) -> (
        std::collections::HashMap<i32, Option<Scope>>,
        Vec<Range<usize>>,
    ) {
        let mut spans = Vec::new();
        let mut scopes = std::collections::HashMap::new();
        for year in self.archive.reference_years() {
            let marks: Vec<TimeMark> = time_marks(self.lex, view, found, year);
            spans.extend(marks.iter().map(|m| m.span.clone()));
            scopes.insert(year, marks.first().map(|m| m.scope.clone()));
        }
        (scopes, spans)
    }

    /// The last comparison marker before `end`. jieba glues 比 to its neighbours (占比比
    /// reads 占/比比), so the marker is found in the chars: any 比 that is not part of a
    /// rate or share word (占比, 比重, 比例).
    pub(super) fn marker_before(&self, s: &[char], end: usize) -> Option<Range<usize>> {
        let q = &self.lex.question;
        let mut taken = vec![false; s.len()];
        for w in q.rates.iter().chain(q.share.iter()) {
            mask_all(s, w, &mut taken);
        }
        let mut found = None;
        for w in self.lex.time.comparison_markers.iter() {
            let n = w.chars().count();
            for i in 0..end.saturating_sub(n - 1).min(s.len()) {
                let free = !taken[i..i + n].iter().any(|&t| t);
                if starts_with_at(s, i, w)
                    && free
                    && found.as_ref().is_none_or(|f: &Range<usize>| f.start < i)
                {
                    found = Some(i..i + n);
                }
            }
        }
        found
    }

    /// The times a question compares with (去年同期 in 比去年同期高多少, 2019年同期 in
    /// 较2019年同期增长多少): not its period, but words the right sentence holds.
    /// Each with the chars it takes, marker included.
    pub(super) fn comparison_bases(
        &self,
        s: &[char],
        found: &[Found],
    ) -> Vec<(String, Range<usize>)> {
        let t = &self.lex.time;
        let mut bases = Vec::new();
        for i in 0..s.len() {
            let Some(marker) = match_at(&t.comparison_markers, s, i) else {
                continue;
            };
            let after = i + marker.chars().count();
            let end = if let Some(w) = match_at(&t.comparison, s, i) {
                i + w.chars().count()
            } else if let Some(f) = found.iter().find(|f| {
                f.span.start == after && matches!(f.number.kind, Kind::Date | Kind::Period)
            }) {
                let suffix = match_at(&t.comparison_suffixes, s, f.span.end);
                f.span.end + suffix.map_or(0, |w| w.chars().count())
            } else {
                continue;
            };
            if end > after {
                bases.push((s[after..end].iter().collect(), i..end));
            }
        }
        bases
    }
}
