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
    ],
};
