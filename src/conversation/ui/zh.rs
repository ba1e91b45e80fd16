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
    figure_unverifiable_near: "{claimed} — 原文最接近的是 {article}，但所指不同，无法比较",
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
        "文章列表",
    ],
    admin_command_descriptions: ["删除文章：/remove [文件名]", "统计（管理员）"],
    help_bot: "/articles — 文章列表（最新的在前）",
    help_admin: "管理员可以：\n\
           • 添加文章：在私聊里把 .txt 或 .md 文件（UTF-8，最大 1 MB）发给我；同名文件会被替换。\
           文件说明（caption）可以写几行：\n\
           标题: 文章标题\n\
           日期: 2024-07-04\n\
           年份: 2024（文中“今年”指的年份，默认取日期的年份）\n\
           英文键 title: / published: / reference_year: 也可以；只写一个日期也行，没有键的第一行当作标题。\n\
           • /remove — 选择要删除的文章；/remove 文件名 — 直接删除这一篇（都会先确认）\n\
           • /stats — 统计",
    articles_title: "已载入 {count} 篇文章（第 {page}/{pages} 页）",
    articles_line: "{date} · {figures} 个数字",
    undated: "无日期",
    admin_only: "抱歉，只有管理员可以这样做。",
    archive_read_only: "我现在读的是内置文章，没有数据文件夹，所以不能添加或删除文章。请用 --data 指定数据文件夹后重启我。",
    remove_choose: "要删除哪一篇？（第 {page}/{pages} 页）",
    remove_unknown: "没有名为 {name} 的文章。发送 /remove 从列表里选。",
    remove_confirm: "确定删除《{title}》（{file}）吗？文件会从数据文件夹里删掉，之后就不能再问它的数字了。",
    button_remove: "删除",
    button_cancel: "取消",
    removed: "已删除《{title}》（{file}）。",
    remove_cancelled: "已取消，文章保留。",
    remove_gone: "这篇文章已经不在了（可能刚刚被删除）。",
    remove_last: "这是仅剩的一篇文章，不能删除：我至少要读一篇文章才能启动。先添加新文章，再删除它。",
    remove_failed: "删除文件时出错，文章还在。详情见日志。",
    upload_not_admin: "谢谢！不过只有管理员可以添加文章。想了解文章里的数字，直接问我就行。",
    upload_not_text: "{file} 不是 .txt 或 .md 文件。请把文章存成纯文本（UTF-8）再发给我。",
    upload_too_large: "这个文件有 {size}，超过了 {max} 的上限。请拆成几篇再发。",
    upload_not_utf8: "这个文件不是 UTF-8 编码的文本。请另存为 UTF-8 再发给我。",
    upload_empty: "这个文件是空的。",
    upload_no_figures: "文件里没有一句带数字的话。我只用数字回答问题，所以没有添加它。",
    upload_bad_caption: "文件说明里的“{value}”我看不懂，文章没有添加。日期请写成 2024-07-04，年份写成 2024。",
    upload_download_failed: "没能从 Telegram 下载这个文件，文章没有添加。请再发一次。",
    upload_io: "写入数据文件夹时出错，文章没有添加。详情见日志。",
    upload_added: "已添加《{title}》",
    upload_replaced: "已更新《{title}》（替换了同名文件）",
    file_label: "文件：",
    upload_places: "涉及：{places}",
    list_separator: "、",
    upload_examples: "可以这样问：",
    caption_title: &["标题", "题目"],
    caption_published: &["日期", "发布日期", "发布时间", "发布"],
    caption_year: &["年份", "参考年份", "今年"],
};
