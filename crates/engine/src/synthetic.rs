//! Synthetic archives, for benchmarks and tests: copies of real articles with another city in
//! place of their own, every figure varied, and another publication date.
//!
//! A copy keeps the language, layout and mechanisms of its template, so an archive of ten
//! thousand copies loads, indexes and answers like a newsroom's archive, while each copy's
//! city and figures are its own. Dates (years, months, days) and ordinals are left as they
//! are, so periods still make sense.
//!
//! Owns: writing such archives. May import `text` and `knowledge` (for the grammar of dates).

use std::path::{Path, PathBuf};

use crate::knowledge::{starts_with_at, Lexicon, DEFAULT_LEXICON};

/// An article to copy.
#[derive(Debug, Clone)]
pub struct Template {
    /// File stem of the copies (`qingdao-opening-up` → `qingdao-opening-up-00042.txt`).
    pub name: String,
    /// The article's text.
    pub text: String,
    /// Its sidecar (TOML), possibly empty.
    pub sidecar: String,
    /// The city it is about, as written: every occurrence is replaced in a copy.
    pub place: String,
}

/// A copy written into an archive.
#[derive(Debug, Clone, PartialEq)]
pub struct Copy {
    /// Its file name.
    pub file: String,
    /// Which template it copies (index into the templates).
    pub template: usize,
    /// The city it is about.
    pub place: String,
}

/// Writes synthetic archives.
#[derive(Debug)]
pub struct Generator {
    templates: Vec<Template>,
    cities: Vec<String>,
    rng: u64,
    lex: Lexicon,
}

impl Generator {
    /// A generator of copies of `templates`, with cities drawn from `cities` (a template's
    /// own city is never drawn), repeatable for the same `seed`.
    pub fn new(templates: Vec<Template>, cities: Vec<String>, seed: u64) -> Generator {
        let own: Vec<&str> = templates.iter().map(|t| t.place.as_str()).collect();
        let cities = cities
            .into_iter()
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty() && !own.contains(&c.as_str()))
            .collect();
        Generator {
            templates,
            cities,
            rng: seed.max(1),
            lex: Lexicon::parse(DEFAULT_LEXICON, "built-in lexicon")
                .expect("the built-in lexicon parses"),
        }
    }

    /// Write `n` copies into `dir` (templates in turn, cities at random), with sidecars.
    pub fn write(&mut self, dir: &Path, n: usize) -> std::io::Result<Vec<Copy>> {
        std::fs::create_dir_all(dir)?;
        let mut out = Vec::with_capacity(n);
        for i in 0..n {
            let ti = i % self.templates.len();
            let pick = self.next() as usize % self.cities.len();
            let city = self.cities[pick].clone();
            let t = self.templates[ti].clone();
            let file = format!("{}-{:05}.txt", t.name, i);
            let text = self.vary_figures(&t.text.replace(&t.place, &city));
            std::fs::write(dir.join(&file), text)?;
            let sidecar = self.sidecar(&t, &city);
            std::fs::write(dir.join(&file).with_extension("toml"), sidecar)?;
            out.push(Copy {
                file,
                template: ti,
                place: city,
            });
        }
        Ok(out)
    }

    /// The template's sidecar with the city replaced and another day of the same year.
    fn sidecar(&mut self, t: &Template, city: &str) -> String {
        let mut table: toml::Table = toml::from_str(&t.sidecar).unwrap_or_default();
        if let Some(toml::Value::String(title)) = table.get("title") {
            let title = title.replace(&t.place, city);
            table.insert("title".into(), toml::Value::String(title));
        }
        table.remove("examples");
        let year = match table.get("published") {
            Some(toml::Value::String(p)) => p.get(..4).and_then(|y| y.parse().ok()),
            _ => None,
        }
        .unwrap_or(2024);
        let (month, day) = (1 + self.next() % 12, 1 + self.next() % 28);
        table.insert(
            "published".into(),
            toml::Value::String(format!("{year}-{month:02}-{day:02}")),
        );
        table
            .entry("reference_year")
            .or_insert(toml::Value::Integer(year as i64));
        toml::to_string(&table).unwrap_or_default()
    }

    /// Every Arabic number multiplied by a factor between 0.6 and 1.4 (same decimals),
    /// except years, months, days and ordinals.
    fn vary_figures(&mut self, text: &str) -> String {
        let chars: Vec<char> = text.chars().collect();
        let g = self.lex.grammar.clone();
        let mut out = String::with_capacity(text.len());
        let mut i = 0;
        while i < chars.len() {
            if !chars[i].is_ascii_digit() {
                out.push(chars[i]);
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_digit() || chars[i] == '.') {
                i += 1;
            }
            let number: String = chars[start..i].iter().collect();
            let date = [&*g.year, &*g.month]
                .iter()
                .chain(g.day.iter().map(|d| d.as_str()).collect::<Vec<_>>().iter())
                .any(|w| starts_with_at(&chars, i, w));
            let ordinal = start > 0 && starts_with_at(&chars, start - 1, &g.ordinal);
            if date || ordinal || number.ends_with('.') {
                out.push_str(&number);
            } else {
                out.push_str(&self.vary(&number));
            }
        }
        out
    }

    fn vary(&mut self, number: &str) -> String {
        let Ok(v) = number.parse::<f64>() else {
            return number.to_string();
        };
        let decimals = number.split('.').nth(1).map_or(0, str::len);
        let factor = 0.6 + (self.next() % 800) as f64 / 1000.0;
        let varied = (v * factor).max(if decimals == 0 { 1.0 } else { 0.1 });
        format!("{varied:.decimals$}")
    }

    /// xorshift64*: a repeatable stream of numbers.
    fn next(&mut self) -> u64 {
        self.rng ^= self.rng >> 12;
        self.rng ^= self.rng << 25;
        self.rng ^= self.rng >> 27;
        self.rng.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
}

/// What a synthetic archive is made from.
#[derive(Debug, Clone)]
pub struct Fixtures {
    /// The articles to copy.
    pub templates: Vec<Template>,
    /// The cities the copies are about.
    pub cities: Vec<String>,
    /// Per template, a file of questions about it (JSON lines with "q"), if any.
    pub questions: Vec<Option<PathBuf>>,
}

/// The templates and cities of `tests/fixtures/synthetic/` in a repository: the articles
/// listed in `templates.toml` with their places and question files, and the cities of
/// `cities.txt`.
pub fn load_fixtures(repo: &Path) -> std::io::Result<Fixtures> {
    let dir = repo.join("tests/fixtures/synthetic");
    let list: toml::Table = toml::from_str(&std::fs::read_to_string(dir.join("templates.toml"))?)
        .map_err(std::io::Error::other)?;
    let mut templates = Vec::new();
    let mut questions = Vec::new();
    for t in list
        .get("template")
        .and_then(|t| t.as_array())
        .into_iter()
        .flatten()
    {
        let get = |k: &str| t.get(k).and_then(|v| v.as_str()).map(str::to_string);
        let (Some(article), Some(place)) = (get("article"), get("place")) else {
            continue;
        };
        let path = repo.join(&article);
        let sidecar = std::fs::read_to_string(path.with_extension("toml")).unwrap_or_default();
        templates.push(Template {
            name: path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
            text: std::fs::read_to_string(&path)?,
            sidecar,
            place,
        });
        questions.push(get("questions").map(|q| repo.join(q)));
    }
    let cities = std::fs::read_to_string(dir.join("cities.txt"))?
        .lines()
        .map(str::to_string)
        .collect();
    Ok(Fixtures {
        templates,
        cities,
        questions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> Template {
        Template {
            name: "t".into(),
            text:
                "甲城外贸\n\n2023年，甲城进出口8760亿元，增长4.6%，居第五位、第3位。5月15日开通。\n"
                    .into(),
            sidecar: "title = \"甲城外贸\"\npublished = \"2024-07-04\"\n".into(),
            place: "甲城".into(),
        }
    }

    #[test]
    fn copies_change_city_and_figures_not_dates() {
        let dir = tempfile::tempdir().unwrap();
        let mut g = Generator::new(vec![template()], vec!["乙城".into(), "甲城".into()], 7);
        let copies = g.write(dir.path(), 3).unwrap();
        assert_eq!(copies.len(), 3);
        assert!(
            copies.iter().all(|c| c.place == "乙城"),
            "a template's own city is never drawn"
        );
        let text = std::fs::read_to_string(dir.path().join(&copies[0].file)).unwrap();
        assert!(
            text.contains("乙城进出口") && !text.contains("甲城"),
            "{text}"
        );
        assert!(
            text.contains("2023年") && text.contains("5月15日") && text.contains("第3位"),
            "{text}"
        );
        assert!(!text.contains("8760亿元"), "figures vary: {text}");
        let sidecar =
            std::fs::read_to_string(dir.path().join(&copies[0].file).with_extension("toml"))
                .unwrap();
        assert!(
            sidecar.contains("乙城外贸") && sidecar.contains("2024-"),
            "{sidecar}"
        );
        let again =
            Generator::new(vec![template()], vec!["乙城".into()], 7).vary_figures("8760亿元");
        assert_eq!(
            again,
            Generator::new(vec![template()], vec!["乙城".into()], 7).vary_figures("8760亿元")
        );
    }
}
