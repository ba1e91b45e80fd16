//! The bot's settings, read once at start from the environment (and `.env`): the token and
//! the API address, webhook or polling, admins, the per-user rate limit, throttling and the
//! metrics address. Secrets (the token, the webhook secret) never reach a log: their
//! `Debug` output is redacted, and [`BotConfig::redact`] scrubs them from error texts.

use std::net::SocketAddr;
use std::time::Duration;

use anyhow::{bail, Context};

/// Where and how the bot runs.
#[derive(Clone)]
pub struct BotConfig {
    /// The bot token. Never logged or printed.
    pub token: String,
    /// A local Bot API server, or a test server (`TELOXIDE_API_URL`).
    pub api_url: Option<reqwest::Url>,
    /// Webhook mode when set; long polling otherwise.
    pub webhook: Option<WebhookConfig>,
    /// Telegram user ids allowed to add and remove articles and to use /stats
    /// (`FACTBOT_ADMINS`).
    pub admins: Vec<u64>,
    /// Watch the data folder for new articles (`FACTBOT_WATCH`, on by default).
    pub watch: bool,
    /// Questions per user (`FACTBOT_RATE_LIMIT`, default 20/60); `None` when off.
    pub rate_limit: Option<RateLimit>,
    /// Throttle sends to Telegram's limits (`FACTBOT_THROTTLE`, on by default).
    pub throttle: bool,
    /// Where `/health` and `/metrics` are served (`FACTBOT_METRICS_LISTEN`), if anywhere.
    pub metrics_listen: Option<SocketAddr>,
}

/// Where Telegram posts updates in webhook mode.
#[derive(Clone)]
pub struct WebhookConfig {
    /// The public HTTPS address Telegram posts updates to.
    pub url: reqwest::Url,
    /// The local address to listen on.
    pub listen: SocketAddr,
    /// Telegram sends it back in a header; requests without it get 401.
    pub secret: String,
    /// True when no `FACTBOT_WEBHOOK_SECRET` was set and this one was made at start.
    pub secret_generated: bool,
}

/// A per-user budget: `questions` every `per`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    /// Questions allowed in a window (also the burst size).
    pub questions: u32,
    /// The window.
    pub per: Duration,
}

impl RateLimit {
    /// The default: 20 questions per 60 s.
    pub const DEFAULT: RateLimit = RateLimit {
        questions: 20,
        per: Duration::from_secs(60),
    };

    /// `20/60` (20 questions per 60 s), or `off` (`None`).
    pub fn parse(text: &str) -> anyhow::Result<Option<RateLimit>> {
        let t = text.trim();
        if t.eq_ignore_ascii_case("off") {
            return Ok(None);
        }
        let bad = || {
            format!("FACTBOT_RATE_LIMIT should read like 20/60 (20 questions per 60 seconds) or off, not {t:?}")
        };
        let (n, s) = t.split_once('/').with_context(bad)?;
        let questions: u32 = n.trim().parse().ok().filter(|&n| n > 0).with_context(bad)?;
        let secs: u64 = s.trim().parse().ok().filter(|&s| s > 0).with_context(bad)?;
        Ok(Some(RateLimit {
            questions,
            per: Duration::from_secs(secs),
        }))
    }
}

impl std::fmt::Debug for BotConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BotConfig")
            .field("token", &"<redacted>")
            .field("api_url", &self.api_url.as_ref().map(|u| u.as_str()))
            .field("webhook", &self.webhook)
            .field("admins", &self.admins)
            .field("watch", &self.watch)
            .field("rate_limit", &self.rate_limit)
            .field("throttle", &self.throttle)
            .field("metrics_listen", &self.metrics_listen)
            .finish()
    }
}

impl std::fmt::Debug for WebhookConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookConfig")
            .field("url", &self.url.as_str())
            .field("listen", &self.listen)
            .field("secret", &"<redacted>")
            .finish()
    }
}

fn env(name: &str) -> Option<String> {
    std::env::var(name)
        .ok()
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

impl BotConfig {
    /// Read the configuration; `Ok(None)` when no `TELOXIDE_TOKEN` is set. `webhook_url` and
    /// `listen` come from the command line and take precedence over the environment.
    pub fn from_env(
        webhook_url: Option<&str>,
        listen: Option<&str>,
    ) -> anyhow::Result<Option<BotConfig>> {
        let Some(token) = env("TELOXIDE_TOKEN") else {
            return Ok(None);
        };
        if !token.contains(':') {
            bail!("TELOXIDE_TOKEN does not look like a bot token (it should read like 123456:ABC…); copy it again from @BotFather");
        }
        let api_url = match env("TELOXIDE_API_URL") {
            Some(u) => Some(
                reqwest::Url::parse(&u)
                    .with_context(|| format!("TELOXIDE_API_URL is not a valid URL: {u}"))?,
            ),
            None => None,
        };
        let webhook_url = webhook_url
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .or_else(|| env("FACTBOT_WEBHOOK_URL"));
        let webhook = match webhook_url {
            Some(u) => Some(webhook(&u, listen)?),
            None => None,
        };
        let admins = env("FACTBOT_ADMINS")
            .unwrap_or_default()
            .split(',')
            .filter_map(|s| s.trim().parse().ok())
            .collect();
        let rate_limit = match env("FACTBOT_RATE_LIMIT") {
            Some(t) => RateLimit::parse(&t)?,
            None => Some(RateLimit::DEFAULT),
        };
        let throttle = match env("FACTBOT_THROTTLE").as_deref() {
            None => true,
            Some(v) => on_off(v)
                .with_context(|| format!("FACTBOT_THROTTLE should be on or off, not {v:?}"))?,
        };
        let watch = match env("FACTBOT_WATCH").as_deref() {
            None => true,
            Some(v) => on_off(v)
                .with_context(|| format!("FACTBOT_WATCH should be on or off, not {v:?}"))?,
        };
        let metrics_listen = match env("FACTBOT_METRICS_LISTEN") {
            Some(a) => Some(a.parse().with_context(|| {
                format!("FACTBOT_METRICS_LISTEN is not an address like 127.0.0.1:9464: {a}")
            })?),
            None => None,
        };
        Ok(Some(BotConfig {
            token,
            api_url,
            webhook,
            admins,
            watch,
            rate_limit,
            throttle,
            metrics_listen,
        }))
    }

    /// The API's address, for messages (never with the token).
    pub fn api_host(&self) -> String {
        self.api_url
            .as_ref()
            .map(|u| u.as_str().to_string())
            .unwrap_or_else(|| "https://api.telegram.org".into())
    }

    /// `text` with the token and the webhook secret replaced by `<redacted>`.
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.replace(&self.token, "<redacted>");
        if let Some(w) = &self.webhook {
            out = out.replace(&w.secret, "<redacted>");
        }
        out
    }
}

fn on_off(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "on" | "1" | "true" | "yes" => Some(true),
        "off" | "0" | "false" | "no" => Some(false),
        _ => None,
    }
}

fn webhook(url: &str, listen: Option<&str>) -> anyhow::Result<WebhookConfig> {
    let url = reqwest::Url::parse(url)
        .with_context(|| format!("the webhook URL is not a valid URL: {url}"))?;
    let listen = listen
        .map(str::to_string)
        .or_else(|| env("FACTBOT_WEBHOOK_LISTEN"))
        .unwrap_or_else(|| "0.0.0.0:8443".into());
    let listen: SocketAddr = listen.parse().with_context(|| {
        format!("FACTBOT_WEBHOOK_LISTEN is not an address like 0.0.0.0:8443: {listen}")
    })?;
    let (secret, secret_generated) = match std::env::var("FACTBOT_WEBHOOK_SECRET") {
        Ok(s) if !s.is_empty() => (s, false),
        _ => (generate_secret()?, true),
    };
    check_secret(&secret)?;
    Ok(WebhookConfig {
        url,
        listen,
        secret,
        secret_generated,
    })
}

/// Telegram accepts 1–256 characters from `A-Z a-z 0-9 _ -` as a webhook secret.
pub fn check_secret(secret: &str) -> anyhow::Result<()> {
    let ok_chars = secret
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if secret.is_empty() || secret.len() > 256 || !ok_chars {
        bail!("FACTBOT_WEBHOOK_SECRET must be 1 to 256 characters from A-Z, a-z, 0-9, _ and - (Telegram's rule); it has {} characters{}",
            secret.chars().count(),
            if ok_chars { "" } else { ", some of them not allowed" });
    }
    Ok(())
}

/// 48 random characters from the allowed alphabet (288 bits).
fn generate_secret() -> anyhow::Result<String> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
    let mut bytes = [0u8; 48];
    getrandom::fill(&mut bytes)
        .map_err(|e| anyhow::anyhow!("no randomness for a webhook secret: {e}"))?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[(b & 63) as usize] as char)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limits_parse() {
        assert_eq!(RateLimit::parse("20/60").unwrap(), Some(RateLimit::DEFAULT));
        assert_eq!(RateLimit::parse(" OFF ").unwrap(), None);
        for bad in ["", "20", "0/60", "20/0", "a/b", "20/60/1", "-1/60"] {
            assert!(RateLimit::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn secrets_follow_telegrams_rule() {
        assert!(check_secret("abc_DEF-123").is_ok());
        for bad in ["", "with space", "ümlaut", "a/b", &"x".repeat(257)] {
            let e = check_secret(bad).unwrap_err().to_string();
            assert!(e.contains("A-Z"), "{e}");
        }
        let s = generate_secret().unwrap();
        assert_eq!(s.len(), 48);
        assert!(check_secret(&s).is_ok());
        assert_ne!(s, generate_secret().unwrap());
    }
}
