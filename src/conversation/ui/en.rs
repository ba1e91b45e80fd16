//! The English interface.

use super::Texts;

pub(super) const TEXTS: Texts = Texts {
    articles_one: "“{title}”",
    articles_many: "{count} articles (the newest: “{title}”)",
    intro: "Hi! I'm factbot. I have read {articles}. Ask me about the figures and I'll quote the sentence each comes from; if the articles don't say, I'll tell you. Tap a question to try:",
    help: "I have read {articles} and answer questions about their figures, quoting the sentence each comes from.\n\n\
           Just send a question, e.g. {example}\n\
           /ask question — ask (in groups use this, or mention me)\n\
           /check claim — check a sentence figure by figure\n\
           /facts [topic] — the key figures\n\
           /source — where the articles come from\n\n\
           In any chat, type my @username and a keyword to share a fact card.",
    chat_commands: "  /facts [topic] key figures    /check claim fact-check    /source articles    /quit leave",
    chat_prompt: "ask> ",
    not_found: "The article does not answer that, and I won't offer a nearby number instead.",
    not_found_hint: "Send /facts to see the figures it does give.",
    no_more: "No more results.",
    source_line: "Source: “{title}”, paragraph {paragraph}",
    source_line_dated: "Source: “{title}”, paragraph {paragraph} ({date})",
    paragraph_head: "“{title}”, paragraph {paragraph}",
    verdict_supported: "The article supports this",
    verdict_contradicted: "The article contradicts this",
    verdict_unverifiable: "The article cannot confirm this",
    figure_contradicted: "{claimed} — the article says {article}",
    figure_unverifiable: "{claimed} — the article gives no such figure",
    figure_unverifiable_near: "{claimed} — the nearest figure, {article}, measures something else",
    source_label: "Source: ",
    date_label: "Date: ",
    article_counts: "{paragraphs} paragraphs, {figures} figures",
    facts_title: "Key figures ({page}/{pages})",
    facts_topic_title: "Figures about “{topic}” ({page}/{pages})",
    facts_none: "No figures found for that.",
    long_message: "Your message is long; I read only its first part.",
    error_question: "Sorry, something went wrong with that question.",
    error_check: "Sorry, something went wrong with that check.",
    error_generic: "Sorry, something went wrong.",
    non_text: "I only read text. Send me a question about the article, e.g. {example}",
    empty_mention: "Write your question after mentioning me.",
    usage_ask: "Usage: /ask question, e.g. /ask {example}",
    usage_check: "Usage: /check claim (a sentence with figures); I check each figure against the article.",
    unknown_command: "I don't know that command. Send /help.",
    button_more: "More results",
    button_paragraph: "Full paragraph",
    button_check: "Check",
    button_search: "Search instead",
    paragraph_gone: "That paragraph no longer exists; please ask again.",
    button_expired: "This button has expired; please ask again.",
    rate_limited: "You're asking faster than I can keep up with. Please wait {seconds} s; I'll skip the messages in between.",
    stats: "{articles} articles, {paragraphs} paragraphs, {sentences} sentences, {figures} figures; index {docs} docs; up {uptime} s",
    command_descriptions: [
        "welcome and example questions",
        "how to use factbot",
        "ask: /ask question",
        "fact-check: /check claim",
        "key figures: /facts [topic]",
        "where the articles come from",
        "the articles loaded",
    ],
    admin_command_descriptions: ["remove an article: /remove [file]", "counts (admins)"],
    help_bot: "/articles — the articles loaded, newest first",
    help_admin: "As an admin you can also:\n\
           • Add an article: send me a .txt or .md file (UTF-8, at most 1 MB) in this chat; a file of the same name is replaced. \
           The caption may hold a few lines:\n\
           title: The headline\n\
           published: 2024-07-04\n\
           reference_year: 2024 (the year its “this year” means; by default the date's year)\n\
           The keys may be in Chinese too; a date alone is enough, and a first line without a key is the title.\n\
           • /remove — choose an article to remove; /remove FILE — remove that one (both ask first)\n\
           • /stats — counts",
    articles_title: "{count} articles loaded (page {page}/{pages})",
    articles_line: "{date} · {figures} figures",
    undated: "undated",
    admin_only: "Sorry, only admins can do that.",
    archive_read_only: "I'm running on my built-in article, with no data folder, so articles can't be added or removed. Restart me with a data folder (--data).",
    remove_choose: "Which article should I remove? (page {page}/{pages})",
    remove_unknown: "There is no article named {name}. Send /remove to choose from the list.",
    remove_confirm: "Remove “{title}” ({file})? The file is deleted from the data folder and its figures can no longer be asked about.",
    button_remove: "Remove",
    button_cancel: "Cancel",
    removed: "Removed “{title}” ({file}).",
    remove_cancelled: "Cancelled; the article stays.",
    remove_gone: "That article is already gone (it may have just been removed).",
    remove_last: "That is the only article left, so I can't remove it: I need one to start. Add another article first.",
    remove_failed: "I couldn't delete the file; the article is still there. See the logs.",
    upload_not_admin: "Thanks! Only admins can add articles, though. To ask about the figures, just send me a question.",
    upload_not_text: "{file} is not a .txt or .md file. Save the article as plain text (UTF-8) and send it again.",
    upload_too_large: "The file is {size}, over the {max} limit. Split it into several articles.",
    upload_not_utf8: "The file is not UTF-8 text. Save it as UTF-8 and send it again.",
    upload_empty: "The file is empty.",
    upload_no_figures: "No sentence of the file states a figure. I answer with figures only, so I didn't add it.",
    upload_bad_caption: "I couldn't read “{value}” in the caption, so the article was not added. Write dates as 2024-07-04 and years as 2024.",
    upload_download_failed: "I couldn't download the file from Telegram, so the article was not added. Please send it again.",
    upload_io: "I couldn't write to the data folder, so the article was not added. See the logs.",
    upload_added: "Added “{title}”",
    upload_replaced: "Updated “{title}” (it replaces the file of the same name)",
    file_label: "File: ",
    upload_places: "About: {places}",
    list_separator: ", ",
    upload_examples: "Try asking:",
    caption_title: &["title", "headline"],
    caption_published: &["published", "date", "publication date", "pubdate"],
    caption_year: &["reference_year", "reference year", "year"],
};
