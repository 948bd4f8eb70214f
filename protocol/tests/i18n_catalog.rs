//! The message catalogs under `assets/i18n/` are complete and well-formed:
//!
//! - every file parses (a Fluent syntax error fails here, with its line);
//! - every language has the same files, the same keys and, per message, the same variables
//!   as English (a key in one language and not the others fails);
//! - no key is defined twice, within a file or across the parts of one language;
//! - every key the code asks for with `tr!(…, "key" …)` exists in English.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};

const LANGUAGES: [&str; 3] = ["en", "fr", "es"];
const PARTS: [&str; 3] = ["console", "agent", "relay"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Message id → the variables its value and attributes use.
type Keys = BTreeMap<String, BTreeSet<String>>;

fn read(lang: &str, part: &str) -> String {
    let path = root().join(format!("assets/i18n/{lang}/{part}.ftl"));
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Parses one catalog; syntax errors and duplicate keys are pushed to `problems`.
fn keys(lang: &str, part: &str, problems: &mut Vec<String>) -> Keys {
    let source = read(lang, part);
    let resource = match fluent_syntax::parser::parse(source.as_str()) {
        Ok(resource) => resource,
        Err((resource, errors)) => {
            for error in errors {
                let line = source[..error.pos.start.min(source.len())].lines().count() + 1;
                problems.push(format!(
                    "{lang}/{part}.ftl:{line}: syntax error: {:?}",
                    error.kind
                ));
            }
            resource
        }
    };
    let mut keys = Keys::new();
    for entry in resource.body {
        let (id, value, attributes) = match entry {
            Entry::Message(m) => (m.id.name.to_owned(), m.value, m.attributes),
            Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
            Entry::Junk { content } => {
                problems.push(format!(
                    "{lang}/{part}.ftl: unparsable entry: {}",
                    content.trim()
                ));
                continue;
            }
            _ => continue,
        };
        let mut vars = BTreeSet::new();
        for pattern in value.iter().chain(attributes.iter().map(|a| &a.value)) {
            pattern_vars(pattern, &mut vars);
        }
        if keys.insert(id.clone(), vars).is_some() {
            problems.push(format!("{lang}/{part}.ftl: {id} is defined twice"));
        }
    }
    keys
}

fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(expression: &Expression<&str>, vars: &mut BTreeSet<String>) {
    match expression {
        Expression::Inline(inline) => inline_vars(inline, vars),
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for variant in variants {
                pattern_vars(&variant.value, vars);
            }
        }
    }
}

fn inline_vars(inline: &InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for arg in &arguments.positional {
                inline_vars(arg, vars);
            }
        }
        _ => {}
    }
}

fn all_keys(problems: &mut Vec<String>) -> BTreeMap<(&'static str, &'static str), Keys> {
    let mut all = BTreeMap::new();
    for lang in LANGUAGES {
        for part in PARTS {
            all.insert((lang, part), keys(lang, part, problems));
        }
    }
    all
}

#[test]
fn catalogs_parse_and_agree_across_languages() {
    let mut problems = Vec::new();
    let all = all_keys(&mut problems);
    for part in PARTS {
        let english = &all[&("en", part)];
        assert!(
            english.len() >= 10 || part == "console",
            "{part}.ftl has {} keys",
            english.len()
        );
        for lang in &LANGUAGES[1..] {
            let other = &all[&(*lang, part)];
            for (key, vars) in english {
                match other.get(key) {
                    None => problems.push(format!("{lang}/{part}.ftl lacks {key}")),
                    Some(theirs) if theirs != vars => problems.push(format!(
                        "{lang}/{part}.ftl: {key} uses {theirs:?}, English uses {vars:?}"
                    )),
                    Some(_) => {}
                }
            }
            for key in other.keys().filter(|k| !english.contains_key(*k)) {
                problems.push(format!("{lang}/{part}.ftl has {key}, English does not"));
            }
        }
    }
    // One bundle holds every part of a language: a key may live in one part only.
    for lang in LANGUAGES {
        let mut seen = BTreeMap::new();
        for part in PARTS {
            for key in all[&(lang, part)].keys() {
                if let Some(first) = seen.insert(key.clone(), part) {
                    problems.push(format!(
                        "{lang}: {key} is in both {first}.ftl and {part}.ftl"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn no_stray_catalogs() {
    let dir = root().join("assets/i18n");
    for lang_dir in fs::read_dir(&dir).unwrap() {
        let lang_dir = lang_dir.unwrap().path();
        let lang = lang_dir.file_name().unwrap().to_string_lossy().into_owned();
        assert!(
            LANGUAGES.contains(&lang.as_str()),
            "{} is not a shipped language",
            lang_dir.display()
        );
        for file in fs::read_dir(&lang_dir).unwrap() {
            let name = file.unwrap().file_name().to_string_lossy().into_owned();
            let part = name.strip_suffix(".ftl").unwrap_or(&name);
            assert!(
                PARTS.contains(&part),
                "{lang}/{name} is not a part's catalog"
            );
        }
    }
}

/// `"key"` of every `tr!(LOCALIZER, "key"` in `text`, outside comments.
fn keys_used(text: &str) -> Vec<String> {
    let code: String = text
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n");
    let mut found = Vec::new();
    let mut rest = code.as_str();
    while let Some(start) = rest.find("tr!(") {
        rest = &rest[start + 4..];
        let Some(quote) = rest.find('"') else { break };
        let before = &rest[..quote];
        // The localizer argument, then the key: `tr!(loc, "key"` (possibly across lines).
        if !before.trim_end().ends_with(',') || before.contains(';') {
            continue;
        }
        let after = &rest[quote + 1..];
        if let Some(end) = after.find('"') {
            found.push(after[..end].to_owned());
        }
    }
    found
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "target") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn every_key_used_in_code_is_in_english() {
    let mut problems = Vec::new();
    let all = all_keys(&mut problems);
    let english: BTreeSet<&String> = PARTS
        .iter()
        .flat_map(|part| all[&("en", *part)].keys())
        .collect();
    let mut files = Vec::new();
    for member in ["protocol", "relay", "agent-android", "console", "tests"] {
        rust_files(&root().join(member), &mut files);
    }
    let mut used = 0;
    let mut missing = Vec::new();
    // This file's own examples are not code asking for messages.
    files.retain(|f| !f.ends_with("protocol/tests/i18n_catalog.rs"));
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for key in keys_used(&text) {
            used += 1;
            if !english.contains(&key) {
                missing.push(format!("{}: {key}", file.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "keys missing from English:\n{}",
        missing.join("\n")
    );
    assert!(
        used >= 10,
        "only {used} tr! calls found: is the scan broken?"
    );
}

#[test]
fn the_scan_finds_keys_in_every_shape() {
    let code = r#"
        let a = tr!(loc, "plain");
        let b = tr!(self.loc, "with-args", name = who, count = n);
        let c = tr!(
            ui_loc(ui),
            "across-lines",
        );
        // tr!(loc, "in-a-comment")
        let d = format!("tr!(x)");
    "#;
    assert_eq!(keys_used(code), ["plain", "with-args", "across-lines"]);
    // A key the catalogs lack is what the workspace check reports.
    let mut problems = Vec::new();
    let english = keys("en", "agent", &mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    let used = keys_used(r#"tr!(loc, "consent-allow"); tr!(loc, "consent-alow")"#);
    let missing: Vec<_> = used.iter().filter(|k| !english.contains_key(*k)).collect();
    assert_eq!(missing, ["consent-alow"]);
}
