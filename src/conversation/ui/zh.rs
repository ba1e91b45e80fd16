//! 中文界面文字.

use super::Texts;

pub(super) const TEXTS: Texts = Texts {
    articles_one: "《{title}》",
    articles_many: "{count}篇文章（最新一篇：《{title}》）",
    intro: "你好！我是 factbot，读过{articles}。问我文中的数字，我会引用原文句子回答；文章里没有的，我会直说。点一个问题试试：",
    help: "我读过{articles}，回答文中的数字问题，并给出原文句子。\n\n\
           直接发问题，例如：{example}\n\
           /ask 问题 — 提问（群里用这个，或 @我）\n\
           /check 说法 — 逐个数字核对一句话\n\
           /facts [主题] — 文中的关键数字\n\
           /source — 文章来源\n\n\
           在任何聊天里输入 @机器人用户名 和关键词，可以直接发送数字卡片。",
    chat_commands: "  /facts [主题] 关键数字    /check 说法 核对    /source 文章来源    /quit 退出",
    chat_prompt: "问> ",
    not_found: "文章里没有这个问题的答案，我不会拿相近的数字来凑。",
    not_found_hint: "发送 /facts 看看文中有哪些数字。",
    no_more: "没有更多结果了。",
    source_line: "来源：《{title}》第{paragraph}段",
    source_line_dated: "来源：《{title}》第{paragraph}段（{date}）",
    paragraph_head: "《{title}》第{paragraph}段",
    verdict_supported: "原文支持这个说法",
    verdict_contradicted: "与原文不符",
    verdict_unverifiable: "原文无法核实",
    figure_contradicted: "{claimed} — 原文是 {article}",
    figure_unverifiable: "{claimed} — 原文没有相应数字",
    source_label: "来源：",
    date_label: "日期：",
    article_counts: "{paragraphs} 段，{figures} 个数字",
    facts_title: "关键数字（{page}/{pages}）",
    facts_topic_title: "关于“{topic}”的数字（{page}/{pages}）",
    facts_none: "没有找到相关数字。",
    long_message: "消息太长，我只读了开头一部分。",
    error_question: "抱歉，处理这个问题时出错了。",
    error_check: "抱歉，核对时出错了。",
    error_generic: "抱歉，出错了。",
    non_text: "我只读文字。发一个关于文章的问题吧，例如：{example}",
    empty_mention: "请在 @我 后面写上问题。",
    usage_ask: "用法：/ask 问题，例如 /ask {example}",
    usage_check: "用法：/check 说法（一句带数字的话），我逐个数字和原文核对。",
    unknown_command: "不认识这个命令。发送 /help 查看用法。",
    button_more: "更多结果",
    button_paragraph: "原文段落",
    button_check: "核对",
    button_search: "改为搜索",
    paragraph_gone: "找不到这个段落，请重新提问。",
    button_expired: "这个按钮已过期，请重新提问。",
    rate_limited: "你发得太快了。请 {seconds} 秒后再问，这期间的消息我先不回复。",
    stats: "{articles} 篇文章，{paragraphs} 段，{sentences} 句，{figures} 个数字；索引 {docs} 条；已运行 {uptime} 秒",
    command_descriptions: [
        "欢迎和示例问题",
        "怎么用",
        "提问：/ask 问题",
        "核对说法：/check 说法",
        "关键数字：/facts [主题]",
        "文章来源",
    ],
};
