//! `factbot facts`: every figure with its value, unit, kind, scope, measure and sentence.

use std::io::Write;
use std::process::ExitCode;

use factbot_engine::Engine;
use serde_json::json;

pub fn run(engine: &Engine, as_json: bool) -> anyhow::Result<ExitCode> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for fact in engine.facts() {
        let f = &fact.figure;
        if as_json {
            let obj = json!({
                "text": f.text,
                "value": f.number.value,
                "unit": f.number.unit,
                "kind": f.number.kind.as_str(),
                "qualifier": f.number.qualifier.as_ref().map(|q| q.text.clone()),
                "scope": f.scope.as_ref().map(|s| s.describe()),
                "measure": f.measure,
                "item": f.item,
                "high": f.number.high,
                "date": f.number.date,
                "sentence": fact.sentence,
                "paragraph": f.paragraph,
                "article": fact.article.file,
            });
            serde_json::to_writer(&mut out, &obj)?;
            out.write_all(b"\n")?;
        } else {
            writeln!(
                out,
                "{:<14} {:<22} {:<18} {:<34} {}",
                f.text,
                f.value_text(),
                f.number.kind.as_str(),
                f.scope
                    .as_ref()
                    .map(|s| s.describe())
                    .unwrap_or_else(|| "-".into()),
                f.measure.as_deref().unwrap_or("-"),
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
