//! What is wrong with the data folder's files, one line per kind of problem: a newsroom's
//! folder where 287 articles give no year gets one warning naming a few of them and what to
//! do, not 287 lines that bury every other message. Each file is still logged at debug
//! level (`factbot index -v`).

use super::SyncReport;

/// Files named in a problem's line; the rest are counted.
const NAMED: usize = 3;

/// One line per kind of problem a sync met: the count, the first few files, what to do.
pub(crate) fn problem_lines(report: &SyncReport) -> Vec<String> {
    let mut lines = Vec::new();
    if !report.undated.is_empty() {
        let n = report.undated.len();
        let (subject, their) = if n == 1 {
            ("1 article gives".to_string(), "its sidecar")
        } else {
            (format!("{n} articles give"), "their sidecars")
        };
        lines.push(format!(
            "{subject} no year ({}); add `reference_year = YYYY` to {their} (.toml beside the article): until then their periods stay as written and questions naming a year do not match them",
            first_files(&report.undated)
        ));
    }
    // skipped files, grouped by the reason's kind (the text before a system's detail)
    let mut kinds: Vec<(&str, Vec<String>)> = Vec::new();
    for (file, why) in &report.skipped {
        let kind = why.split(':').next().unwrap_or(why).trim();
        match kinds.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, files)) => files.push(file.clone()),
            None => kinds.push((kind, vec![file.clone()])),
        }
    }
    for (kind, files) in kinds {
        lines.push(match files.as_slice() {
            [one] => {
                let why = &report.skipped.iter().find(|(f, _)| f == one).unwrap().1;
                format!("skipping {one}: it {why}")
            }
            _ => format!(
                "skipping {} files: each {kind} ({})",
                files.len(),
                first_files(&files)
            ),
        });
    }
    lines
}

/// Log each problem once, and each file at debug level.
pub(crate) fn log_problems(report: &SyncReport) {
    for file in &report.undated {
        tracing::debug!(file = %file, "the article names no year");
    }
    for (file, why) in &report.skipped {
        tracing::debug!("skipping {file}: it {why}");
    }
    for line in problem_lines(report) {
        tracing::warn!("{line}");
    }
}

/// `a.txt, b.txt, c.txt and 284 more`.
fn first_files(files: &[String]) -> String {
    let named = files[..files.len().min(NAMED)].join(", ");
    match files.len().saturating_sub(NAMED) {
        0 => named,
        more => format!("first: {named} and {more} more; -v lists them all"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(undated: usize, skipped: &[(&str, &str)]) -> SyncReport {
        SyncReport {
            undated: (0..undated).map(|i| format!("a{i:03}.txt")).collect(),
            skipped: skipped
                .iter()
                .map(|(f, w)| (f.to_string(), w.to_string()))
                .collect(),
            ..Default::default()
        }
    }

    #[test]
    fn many_files_one_line_per_kind() {
        let r = report(
            287,
            &[
                ("x.txt", "is empty"),
                ("y.txt", "is empty"),
                ("z.txt", "has a sidecar that cannot be read: denied"),
            ],
        );
        assert_eq!(
            problem_lines(&r),
            vec![
                "287 articles give no year (first: a000.txt, a001.txt, a002.txt and 284 more; -v lists them all); add `reference_year = YYYY` to their sidecars (.toml beside the article): until then their periods stay as written and questions naming a year do not match them".to_string(),
                "skipping 2 files: each is empty (x.txt, y.txt)".to_string(),
                "skipping z.txt: it has a sidecar that cannot be read: denied".to_string(),
            ]
        );
    }

    #[test]
    fn one_file_is_named_alone() {
        let lines = problem_lines(&report(1, &[]));
        assert_eq!(lines.len(), 1);
        assert!(lines[0].starts_with(
            "1 article gives no year (a000.txt); add `reference_year = YYYY` to its sidecar"
        ));
        assert!(problem_lines(&report(0, &[])).is_empty());
    }
}
