//! `ask --explain`: how a question was read and its best candidates, one line each, with
//! the parts of each score.

use super::Ranker;
use crate::question::Question;

impl Ranker<'_> {
    /// The scored candidates, best first, as text lines (for `ask --explain`).
    pub(crate) fn explain(&self, q: &Question) -> Vec<String> {
        let weighted = self.weigh(&q.terms);
        let mut lines: Vec<String> = q
            .terms
            .iter()
            .zip(&weighted)
            .map(|(t, w)| {
                format!(
                    "term {} (tag {}, weight {:.2}, alts {:?})",
                    t.text, t.tag, w.weight, t.alts
                )
            })
            .collect();
        let ranked = self.candidates(q, false);
        let lacking = ranked
            .lacking
            .iter()
            .take(6)
            .map(|(c, n, _)| (c, Some(&n.shown)));
        let listed = ranked
            .cands
            .iter()
            .take(12)
            .map(|c| (c, None))
            .chain(lacking);
        for (c, lacks) in listed {
            let fig = c
                .figure
                .map(|f| c.article.figures[f].text.clone())
                .unwrap_or_else(|| "(sentence)".into());
            let core = c
                .figure
                .map(|f| c.article.figures[f].core_terms.join("/"))
                .unwrap_or_default();
            let text: String = c.article.sentences[c.sentence]
                .text
                .chars()
                .take(40)
                .collect();
            let mark = lacks.map(|n| format!("lacks {n}: ")).unwrap_or_default();
            lines.push(format!(
                "{mark}{:>6.3} recall {:.2} gate {:.2} {:<12} {} [{core}] | {}",
                c.score, c.recall, c.gate, fig, c.parts, text
            ));
        }
        lines
    }
}
