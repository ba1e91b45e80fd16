//! What factbot says around the article's own words, in each interface language: one module
//! per language, one [`Texts`] value each, so a translation is a file and nothing else.
//!
//! Templates name their blanks (`{title}`, `{example}` …); [`fill`] puts the values in.
//! Excerpts and figures are never translated: they stay in the article's language.

mod en;
mod zh;

/// The interface language: Chinese for zh* users, English otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// 中文.
    Zh,
    /// English.
    En,
}

impl Lang {
    /// The language for a Telegram `language_code` or a locale (`zh-hans`, `en_US.UTF-8`):
    /// Chinese for `zh…`, English for anything else, Chinese when unknown (the articles'
    /// readers).
    pub fn from_code(code: Option<&str>) -> Lang {
        match code {
            Some(c) if c.to_ascii_lowercase().starts_with("zh") => Lang::Zh,
            Some(c) if !c.trim().is_empty() => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The texts of this language.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Zh => &zh::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }
}

/// Every sentence the interface says, in one language.
#[derive(Debug)]
pub struct Texts {
    /// What is loaded when it is one article: `{title}`.
    pub articles_one: &'static str,
    /// What is loaded when it is an archive: `{count}` articles, the newest `{title}`.
    pub articles_many: &'static str,
    /// The greeting: `{articles}` is what is loaded.
    pub intro: &'static str,
    /// How to use the bot: `{articles}`, and `{example}`, an example question.
    pub help: &'static str,
    /// The commands of the terminal chat, one line.
    pub chat_commands: &'static str,
    /// The terminal chat's prompt.
    pub chat_prompt: &'static str,
    /// The articles do not answer.
    pub not_found: &'static str,
    /// What to do after a not-found.
    pub not_found_hint: &'static str,
    /// No further answers.
    pub no_more: &'static str,
    /// Where an answer comes from: `{title}`, `{paragraph}`.
    pub source_line: &'static str,
    /// The same with a date: `{title}`, `{date}`, `{paragraph}`.
    pub source_line_dated: &'static str,
    /// Heading of a whole paragraph: `{title}`, `{paragraph}`.
    pub paragraph_head: &'static str,
    /// Verdict: the article supports the claim.
    pub verdict_supported: &'static str,
    /// Verdict: the article contradicts the claim.
    pub verdict_contradicted: &'static str,
    /// Verdict: the article cannot confirm the claim.
    pub verdict_unverifiable: &'static str,
    /// A contradicted figure: `{claimed}`, `{article}`.
    pub figure_contradicted: &'static str,
    /// A figure the article has nothing for: `{claimed}`.
    pub figure_unverifiable: &'static str,
    /// A figure whose nearest article figure measures something else: `{claimed}`,
    /// `{article}`.
    pub figure_unverifiable_near: &'static str,
    /// Label before a publication's name.
    pub source_label: &'static str,
    /// Label before a date.
    pub date_label: &'static str,
    /// Size of an article: `{paragraphs}`, `{figures}`.
    pub article_counts: &'static str,
    /// Title of the key figures: `{page}`, `{pages}`.
    pub facts_title: &'static str,
    /// Title of the figures about a topic: `{topic}`, `{page}`, `{pages}`.
    pub facts_topic_title: &'static str,
    /// No figures for a topic.
    pub facts_none: &'static str,
    /// A long message was read from its start only.
    pub long_message: &'static str,
    /// A question failed inside the engine.
    pub error_question: &'static str,
    /// A check failed inside the engine.
    pub error_check: &'static str,
    /// Anything else failed.
    pub error_generic: &'static str,
    /// A sticker, photo or voice message: `{example}`.
    pub non_text: &'static str,
    /// A mention with nothing after it.
    pub empty_mention: &'static str,
    /// `/ask` without a question: `{example}`.
    pub usage_ask: &'static str,
    /// `/check` without a claim.
    pub usage_check: &'static str,
    /// A command the bot does not know.
    pub unknown_command: &'static str,
    /// Button: the next answers.
    pub button_more: &'static str,
    /// Button: the whole paragraph.
    pub button_paragraph: &'static str,
    /// Button: fact-check.
    pub button_check: &'static str,
    /// Button: search a checked statement as a question.
    pub button_search: &'static str,
    /// A paragraph that no longer exists.
    pub paragraph_gone: &'static str,
    /// The line of a number worked out from quoted figures: `{value}`, `{how}`.
    pub computed: &'static str,
    /// The winner of a superlative: `{value}`.
    pub highest: &'static str,
    /// The last of a superlative: `{value}`.
    pub lowest: &'static str,
    /// The figures past a threshold: `{value}`.
    pub passing: &'static str,
    /// One measure over periods: `{value}`.
    pub over_time: &'static str,
    /// Figures shown side by side without a comparison: `{why}`.
    pub not_compared: &'static str,
    /// A button whose message is gone or whose data is unknown.
    pub button_expired: &'static str,
    /// A user asked too often: `{seconds}` until the next question is read.
    pub rate_limited: &'static str,
    /// `/stats` for admins: `{articles}`, `{paragraphs}`, `{sentences}`, `{figures}`,
    /// `{docs}`, `{uptime}` (seconds).
    pub stats: &'static str,
    /// Descriptions of the commands, in [`COMMANDS`] order.
    pub command_descriptions: [&'static str; 7],
    /// Descriptions of the admins' commands, in [`ADMIN_COMMANDS`] order.
    pub admin_command_descriptions: [&'static str; 2],
    /// What the bot's `/help` adds for everyone (commands the terminal chat has not).
    pub help_bot: &'static str,
    /// What `/help` adds for admins: how to add (the caption's keys) and remove articles.
    pub help_admin: &'static str,

    // --- the archive: /articles, /remove, uploads ---
    /// Title of a page of `/articles`: `{count}` articles, `{page}` of `{pages}`.
    pub articles_title: &'static str,
    /// An article of `/articles` under its title: `{date}`, `{figures}`.
    pub articles_line: &'static str,
    /// In place of a date an article does not give.
    pub undated: &'static str,
    /// A command or button for admins only, used by someone else.
    pub admin_only: &'static str,
    /// The engine reads its built-in article: nothing can be added or removed.
    pub archive_read_only: &'static str,
    /// `/remove`: which article? `{page}` of `{pages}`.
    pub remove_choose: &'static str,
    /// `/remove NAME` names no article: `{name}`.
    pub remove_unknown: &'static str,
    /// Are you sure? `{title}`, `{file}`.
    pub remove_confirm: &'static str,
    /// Button: remove for good.
    pub button_remove: &'static str,
    /// Button: keep the article.
    pub button_cancel: &'static str,
    /// Done: `{title}`, `{file}`.
    pub removed: &'static str,
    /// Cancelled: the article stays.
    pub remove_cancelled: &'static str,
    /// The article was removed already (a second confirm).
    pub remove_gone: &'static str,
    /// The last article cannot go: factbot needs one to start.
    pub remove_last: &'static str,
    /// The file could not be deleted.
    pub remove_failed: &'static str,
    /// A document from someone who is not an admin.
    pub upload_not_admin: &'static str,
    /// Not a `.txt` or `.md` file: `{file}`.
    pub upload_not_text: &'static str,
    /// Over the size limit: `{size}` (with its unit), `{max}`.
    pub upload_too_large: &'static str,
    /// Not UTF-8.
    pub upload_not_utf8: &'static str,
    /// An empty file.
    pub upload_empty: &'static str,
    /// No sentence with a figure.
    pub upload_no_figures: &'static str,
    /// The caption has a value that cannot be read: `{value}`.
    pub upload_bad_caption: &'static str,
    /// Telegram would not hand the file over.
    pub upload_download_failed: &'static str,
    /// The data folder could not be written.
    pub upload_io: &'static str,
    /// An article added: `{title}`.
    pub upload_added: &'static str,
    /// An article that replaced the file of the same name: `{title}`.
    pub upload_replaced: &'static str,
    /// Label before a file name.
    pub file_label: &'static str,
    /// The places an article is about: `{places}`.
    pub upload_places: &'static str,
    /// Between the items of a list (places).
    pub list_separator: &'static str,
    /// Above an added article's example questions (the buttons).
    pub upload_examples: &'static str,
    /// Caption keys (lower case) for the title, in this language.
    pub caption_title: &'static [&'static str],
    /// Caption keys for the publication date.
    pub caption_published: &'static [&'static str],
    /// Caption keys for the year 今年 means.
    pub caption_year: &'static [&'static str],
}

/// The commands every frontend knows, in menu order.
pub const COMMANDS: [&str; 7] = [
    "start", "help", "ask", "check", "facts", "source", "articles",
];

/// The admins' commands, in their menu (shown to admins only) after [`COMMANDS`].
pub const ADMIN_COMMANDS: [&str; 2] = ["remove", "stats"];

/// Put `values` into the `{name}` blanks of `template`.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_from_code() {
        assert_eq!(Lang::from_code(Some("zh-hans")), Lang::Zh);
        assert_eq!(Lang::from_code(Some("en")), Lang::En);
        assert_eq!(Lang::from_code(Some("de")), Lang::En);
        assert_eq!(Lang::from_code(None), Lang::Zh);
    }

    #[test]
    fn every_template_has_its_blanks_in_both_languages() {
        for lang in [Lang::Zh, Lang::En] {
            let t = lang.texts();
            for (template, blanks) in [
                (t.articles_one, &["{title}"][..]),
                (t.articles_many, &["{count}", "{title}"]),
                (t.intro, &["{articles}"]),
                (t.help, &["{articles}", "{example}"]),
                (t.source_line, &["{title}", "{paragraph}"]),
                (t.source_line_dated, &["{title}", "{date}", "{paragraph}"]),
                (t.paragraph_head, &["{title}", "{paragraph}"]),
                (t.figure_contradicted, &["{claimed}", "{article}"]),
                (t.figure_unverifiable, &["{claimed}"]),
                (t.figure_unverifiable_near, &["{claimed}", "{article}"]),
                (t.article_counts, &["{paragraphs}", "{figures}"]),
                (t.facts_title, &["{page}", "{pages}"]),
                (t.facts_topic_title, &["{topic}", "{page}", "{pages}"]),
                (t.non_text, &["{example}"]),
                (t.usage_ask, &["{example}"]),
                (t.rate_limited, &["{seconds}"]),
                (t.articles_title, &["{count}", "{page}", "{pages}"]),
                (t.articles_line, &["{date}", "{figures}"]),
                (t.remove_choose, &["{page}", "{pages}"]),
                (t.remove_unknown, &["{name}"]),
                (t.remove_confirm, &["{title}", "{file}"]),
                (t.removed, &["{title}", "{file}"]),
                (t.upload_not_text, &["{file}"]),
                (t.upload_too_large, &["{size}", "{max}"]),
                (t.upload_bad_caption, &["{value}"]),
                (t.upload_added, &["{title}"]),
                (t.upload_replaced, &["{title}"]),
                (t.upload_places, &["{places}"]),
                (
                    t.stats,
                    &[
                        "{articles}",
                        "{paragraphs}",
                        "{sentences}",
                        "{figures}",
                        "{docs}",
                        "{uptime}",
                    ],
                ),
            ] {
                for b in blanks {
                    assert!(template.contains(b), "{lang:?}: {template} lacks {b}");
                }
            }
        }
        assert_eq!(
            fill(
                "《{title}》第{paragraph}段",
                &[("title", "标题"), ("paragraph", "3")]
            ),
            "《标题》第3段"
        );
    }
}
