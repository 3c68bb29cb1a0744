//! The relevance set (`tests/relevance/judgments.jsonl`): one query per line with its
//! graded judgments and the groups of ids that are versions of one work. Loading checks
//! the set itself, so a malformed edit fails with the line and the reason.
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

pub const LANGUAGES: [&str; 7] = ["ar", "en", "es", "fr", "pt", "ru", "zh"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    KnownItem,
    Topic,
}

/// One query of the set.
#[derive(Debug, Clone)]
pub struct Judged {
    pub id: String,
    pub query: String,
    pub lang: String,
    pub kind: Kind,
    /// Document id → grade: 2 highly relevant (the authority, the exact known item),
    /// 1 relevant in part, 0 read and not relevant. Unjudged documents count as 0.
    pub grades: BTreeMap<String, u8>,
    /// Document id → its work (the first id of its `same_work` group, else itself).
    pub work_of: BTreeMap<String, String>,
}

impl Judged {
    pub fn grade(&self, id: &str) -> u8 {
        self.grades.get(id).copied().unwrap_or(0)
    }

    /// The labelled work of a document (its own id when it is in no group).
    pub fn work<'a>(&'a self, id: &'a str) -> &'a str {
        self.work_of.get(id).map(String::as_str).unwrap_or(id)
    }

    /// The best grade of each labelled work, highest first: what an ideal ranking that
    /// shows one hit per work would put in its top ranks.
    pub fn ideal_grades(&self) -> Vec<u8> {
        let mut best: BTreeMap<&str, u8> = BTreeMap::new();
        for (id, &grade) in &self.grades {
            let entry = best.entry(self.work(id)).or_insert(0);
            *entry = (*entry).max(grade);
        }
        let mut grades: Vec<u8> = best.into_values().filter(|&g| g > 0).collect();
        grades.sort_unstable_by(|a, b| b.cmp(a));
        grades
    }
}

pub fn set_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/relevance/judgments.jsonl")
}

/// Reads and checks the set: required fields, a known language and kind, grades 0–2,
/// at least one grade-2 document per query, `same_work` ids that are judged and in one
/// group only.
pub fn load(path: &Path) -> Result<Vec<Judged>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut set = Vec::new();
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let at = format!("{}:{}", path.display(), n + 1);
        let record: Value = serde_json::from_str(line).map_err(|e| format!("{at}: {e}"))?;
        set.push(parse(&record).map_err(|e| format!("{at}: {e}"))?);
    }
    let mut ids: Vec<&str> = set.iter().map(|q| q.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("{}: query id `{}` twice", path.display(), pair[0]));
    }
    Ok(set)
}

fn text_field(record: &Value, field: &str) -> Result<String, String> {
    match record.get(field).and_then(Value::as_str) {
        Some(text) if !text.trim().is_empty() => Ok(text.to_string()),
        _ => Err(format!("missing or empty `{field}`")),
    }
}

fn parse(record: &Value) -> Result<Judged, String> {
    let id = text_field(record, "id")?;
    let query = text_field(record, "query")?;
    text_field(record, "need")?;
    let lang = text_field(record, "lang")?;
    if !LANGUAGES.contains(&lang.as_str()) {
        return Err(format!("{id}: unknown language `{lang}`"));
    }
    let kind = match text_field(record, "kind")?.as_str() {
        "known-item" => Kind::KnownItem,
        "topic" => Kind::Topic,
        other => {
            return Err(format!(
                "{id}: kind `{other}` is neither known-item nor topic"
            ))
        }
    };
    let mut grades = BTreeMap::new();
    let judgments = record
        .get("judgments")
        .and_then(Value::as_object)
        .ok_or_else(|| format!("{id}: missing `judgments`"))?;
    for (doc, grade) in judgments {
        match grade.as_u64() {
            Some(g @ 0..=2) => grades.insert(doc.clone(), g as u8),
            _ => return Err(format!("{id}: grade of `{doc}` is not 0, 1 or 2")),
        };
    }
    if !grades.values().any(|&g| g == 2) {
        return Err(format!("{id}: no document of grade 2"));
    }
    let mut work_of = BTreeMap::new();
    let groups = record.get("same_work").and_then(Value::as_array);
    for group in groups.into_iter().flatten() {
        let members: Vec<&str> = group
            .as_array()
            .map(|m| m.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some(first) = members.first() else {
            return Err(format!("{id}: empty same_work group"));
        };
        for member in &members {
            if !grades.contains_key(*member) {
                return Err(format!("{id}: same_work id `{member}` is not judged"));
            }
            if work_of
                .insert(member.to_string(), first.to_string())
                .is_some()
            {
                return Err(format!("{id}: `{member}` is in two same_work groups"));
            }
        }
    }
    Ok(Judged {
        id,
        query,
        lang,
        kind,
        grades,
        work_of,
    })
}
