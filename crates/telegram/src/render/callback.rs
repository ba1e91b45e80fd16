//! Button callback data: short ASCII codes that fit Telegram's 64 bytes by construction and
//! are validated on the way back (stale or forged data decodes to `None`, never a panic).
//!
//! Buttons carry no state of their own: 更多结果 re-asks the question the answer replied to
//! (the callback's message holds it), an example question is the pressed button's own label,
//! and an article is named by its stable key, so buttons keep working across restarts and
//! across replicas behind a load balancer.

use factbot_engine::{ArticleKey, ParagraphRef};

/// Telegram's limit for callback data, in bytes.
pub const MAX_CALLBACK: usize = 64;

/// What a button does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callback {
    /// Ask the n-th example question (from /start).
    Example(u8),
    /// More results for the question this answer replied to.
    More,
    /// A whole paragraph (article key in hex, paragraph number).
    Paragraph(ParagraphRef),
    /// Fact-check the message this answer replied to.
    Check,
    /// Ask the message this check replied to as a question instead.
    Search,
    /// Page `page` of /facts, filtered by `topic` (possibly empty).
    Facts {
        /// 0-based page.
        page: u32,
        /// The topic (empty for all key figures).
        topic: String,
    },
    /// Page of /articles (0-based).
    Articles(u32),
    /// Page of the /remove list (0-based).
    RemoveList(u32),
    /// Ask to confirm the removal of this article.
    RemoveAsk(ArticleKey),
    /// Remove this article (confirmed).
    RemoveYes(ArticleKey),
    /// Keep the article (cancel a removal).
    RemoveNo,
}

impl Callback {
    /// The data string, at most [`MAX_CALLBACK`] bytes (a long topic is shortened).
    pub fn encode(&self) -> String {
        let s = match self {
            Callback::Example(n) => format!("e:{n}"),
            Callback::More => "m".to_string(),
            Callback::Paragraph(r) => format!("p:{}:{}", r.article.hex(), r.paragraph),
            Callback::Check => "c".to_string(),
            Callback::Search => "s".to_string(),
            Callback::Articles(page) => format!("a:{page}"),
            Callback::RemoveList(page) => format!("r:{page}"),
            Callback::RemoveAsk(key) => format!("d:{}", key.hex()),
            Callback::RemoveYes(key) => format!("y:{}", key.hex()),
            Callback::RemoveNo => "n".to_string(),
            Callback::Facts { page, topic } => {
                let mut s = format!("f:{page}:");
                for c in topic.chars() {
                    if s.len() + c.len_utf8() > MAX_CALLBACK {
                        break;
                    }
                    s.push(c);
                }
                s
            }
        };
        debug_assert!(s.len() <= MAX_CALLBACK);
        s
    }

    /// The button for callback data; `None` for stale or forged data.
    pub fn decode(data: &str) -> Option<Callback> {
        if data.len() > MAX_CALLBACK {
            return None;
        }
        let mut parts = data.splitn(3, ':');
        let tag = parts.next()?;
        let num = |p: Option<&str>| -> Option<u32> { p?.parse().ok().filter(|&n| n < 100_000) };
        match tag {
            "e" => {
                let n: u8 = parts.next()?.parse().ok()?;
                parts.next().is_none().then_some(Callback::Example(n))
            }
            "m" if data == "m" => Some(Callback::More),
            "c" if data == "c" => Some(Callback::Check),
            "s" if data == "s" => Some(Callback::Search),
            "p" => Some(Callback::Paragraph(ParagraphRef {
                article: ArticleKey::from_hex(parts.next()?)?,
                paragraph: num(parts.next())?,
            })),
            "a" | "r" => {
                let page = num(parts.next())?;
                if parts.next().is_some() {
                    return None;
                }
                Some(match tag {
                    "a" => Callback::Articles(page),
                    _ => Callback::RemoveList(page),
                })
            }
            "d" | "y" => {
                let key = ArticleKey::from_hex(parts.next()?)?;
                if parts.next().is_some() {
                    return None;
                }
                Some(match tag {
                    "d" => Callback::RemoveAsk(key),
                    _ => Callback::RemoveYes(key),
                })
            }
            "n" if data == "n" => Some(Callback::RemoveNo),
            "f" => Some(Callback::Facts {
                page: num(parts.next())?,
                topic: parts.next().unwrap_or("").to_string(),
            }),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_limits() {
        let all = [
            Callback::Example(2),
            Callback::More,
            Callback::Check,
            Callback::Search,
            Callback::Paragraph(ParagraphRef {
                article: ArticleKey(u64::MAX),
                paragraph: 56,
            }),
            Callback::Facts {
                page: 3,
                topic: "进出口".into(),
            },
            Callback::Facts {
                page: 0,
                topic: String::new(),
            },
            Callback::Articles(0),
            Callback::Articles(99_999),
            Callback::RemoveList(3),
            Callback::RemoveAsk(ArticleKey(u64::MAX)),
            Callback::RemoveYes(ArticleKey(0)),
            Callback::RemoveNo,
        ];
        for c in all {
            let data = c.encode();
            assert!(data.len() <= MAX_CALLBACK);
            assert_eq!(Callback::decode(&data), Some(c));
        }
        let long = Callback::Facts {
            page: 99_999,
            topic: "跨境电商综合试验区评估排名第一档".repeat(3),
        };
        assert!(long.encode().len() <= MAX_CALLBACK);
        assert!(matches!(
            Callback::decode(&long.encode()),
            Some(Callback::Facts { .. })
        ));
    }

    #[test]
    fn forged_data_is_rejected() {
        for bad in [
            "",
            "x",
            "m:1",
            "p:1",
            "p:a:b",
            "p:0:12",
            "p:ffffffffffffffff:x",
            "p:1:2:3",
            "e:999",
            "e:-1",
            "p:99999999999:1",
            &"f:1:".repeat(20),
            "a",
            "a:",
            "a:1:2",
            "a:x",
            "r:-1",
            "d:123",
            "d:ffffffffffffffff:1",
            "y:zzzzzzzzzzzzzzzz",
            "n:1",
        ] {
            assert_eq!(Callback::decode(bad), None, "{bad}");
        }
    }
}
