//! `patient-zero validate` on malformed input: every problem is reported as
//! `path:line:column: message` naming the field, the exit code is non-zero,
//! and nothing panics.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const FIGURE5: &str = include_str!("../cases/figure5-severe-acute-pancreatitis.yaml");
/// A case file is named by its id.
const CASE_FILE: &str = "figure5-severe-acute-pancreatitis.yaml";

fn validate(paths: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_patient-zero"))
        .arg("validate")
        .args(paths)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// The Figure 5 case with `from` replaced by `to` (which must occur once),
/// and the 1-based line where `to` begins.
fn mutated(from: &str, to: &str) -> (String, usize) {
    assert_eq!(FIGURE5.matches(from).count(), 1, "`{from}` must occur once");
    let start = FIGURE5.find(from).unwrap();
    let line = FIGURE5[..start].lines().count() + usize::from(FIGURE5[..start].ends_with('\n'));
    (FIGURE5.replacen(from, to, 1), line)
}

/// The 1-based line of the only line of `text` containing `needle`.
fn line_of(text: &str, needle: &str) -> usize {
    let hits: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains(needle))
        .map(|(i, _)| i + 1)
        .collect();
    assert_eq!(hits.len(), 1, "`{needle}` must be on exactly one line");
    hits[0]
}

fn write(dir: &Path, name: &str, text: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Runs validate on one file and returns stderr after checking the exit code
/// and that a located problem on `line` mentions every one of `words`.
fn expect_problem(text: &str, line: usize, words: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CASE_FILE, text);
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "exit code; stderr:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let prefix = format!("{}:{line}:", path.display());
    let hit = stderr
        .lines()
        .find(|l| l.starts_with(&prefix) && words.iter().all(|w| l.contains(w)));
    assert!(
        hit.is_some(),
        "no problem at line {line} mentioning {words:?}; stderr:\n{stderr}"
    );
    let rest = &hit.unwrap()[prefix.len()..];
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    assert!(
        column.parse::<u32>().is_ok_and(|c| c >= 1),
        "no column in {rest}"
    );
    assert!(
        rest[column.len()..].starts_with(": "),
        "no message separator in {rest}"
    );
    stderr
}

#[test]
fn the_unmodified_figure5_case_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CASE_FILE, FIGURE5);
    let out = validate(&[&path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ok "));
}

#[test]
fn broken_yaml_is_located() {
    let (text, line) = mutated("  name: Linda Harper\n", "  name: [Linda Harper\n");
    // The parser notices the unclosed sequence at or after the line it opens on.
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CASE_FILE, &text);
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let first = stderr.lines().next().unwrap();
    let located: Vec<&str> = first.splitn(4, ':').collect();
    assert_eq!(located[0], path.display().to_string());
    assert!(located[1].parse::<usize>().unwrap() >= line, "{first}");
    assert!(located[2].parse::<usize>().is_ok(), "{first}");
}

#[test]
fn wrong_type_names_the_field() {
    let (text, line) = mutated("  age: 47\n", "  age: forty-seven\n");
    expect_problem(&text, line, &["patient.age"]);
}

#[test]
fn unknown_field_is_an_error_not_a_default() {
    let (text, line) = mutated(
        "  ethnicity: Caucasian\n",
        "  ethnicity: Caucasian\n  blood_type: O+\n",
    );
    expect_problem(&text, line + 1, &["unknown field `blood_type`"]);
}

#[test]
fn missing_required_field_is_reported_on_its_parent() {
    let (text, line) = mutated(
        "patient:\n  name: Linda Harper\n  sex: female\n",
        "patient:\n  name: Linda Harper\n",
    );
    expect_problem(&text, line + 1, &["patient", "missing field `sex`"]);
}

#[test]
fn negative_age_is_rejected() {
    let (text, line) = mutated("  age: 47\n", "  age: -3\n");
    expect_problem(&text, line, &["patient.age"]);
}

#[test]
fn absurd_age_is_rejected() {
    let (text, line) = mutated("  age: 47\n", "  age: 247\n");
    expect_problem(&text, line, &["patient.age"]);
}

#[test]
fn lab_without_unit_is_rejected() {
    let (text, line) = mutated(
        "{name: amylase, value: 450, unit: U/L, ",
        "{name: amylase, value: 450, ",
    );
    expect_problem(
        &text,
        line,
        &["examination.labs[0]", "missing field `unit`"],
    );
}

#[test]
fn vital_sign_outside_physiological_bounds() {
    let (text, line) = mutated("    heart_rate: 118\n", "    heart_rate: 900\n");
    expect_problem(&text, line, &["examination.vitals.heart_rate"]);
}

#[test]
fn lab_value_outside_physiological_bounds() {
    let (text, line) = mutated("value: 220, unit: mg/dL", "value: 22000, unit: mg/dL");
    expect_problem(&text, line, &["examination.labs[2].value"]);
}

#[test]
fn pregnancies_in_a_man_are_impossible() {
    let (text, _) = mutated("  sex: female\n", "  sex: male\n");
    // A block mapping is located where its first key starts.
    let stderr = expect_problem(
        &text,
        line_of(&text, "  reproductive:") + 1,
        &["history.reproductive"],
    );
    assert!(stderr.contains("male"), "{stderr}");
}

#[test]
fn a_child_cannot_drink_work_or_have_given_birth() {
    let (text, _) = mutated("  age: 47\n", "  age: 9\n");
    expect_problem(
        &text,
        line_of(&text, "  alcohol:"),
        &["social.alcohol", "9-year-old"],
    );
    expect_problem(
        &text,
        line_of(&text, "  occupation:"),
        &["social.occupation", "school"],
    );
    expect_problem(
        &text,
        line_of(&text, "    pregnancies:"),
        &["history.reproductive.pregnancies"],
    );
    // The outline's age limits are checked too.
    expect_problem(&text, line_of(&text, "  age: 9"), &["patient.age", "18"]);
}

#[test]
fn unknown_enumeration_value_lists_the_allowed_ones() {
    let (text, line) = mutated("  severity: severe\n", "  severity: critical\n");
    expect_problem(
        &text,
        line,
        &["disease.severity", "unknown variant `critical`", "moderate"],
    );
}

#[test]
fn malformed_icd10_code() {
    let (text, line) = mutated("  icd10: K85.1\n", "  icd10: pancreatitis\n");
    expect_problem(&text, line, &["disease.icd10"]);
}

#[test]
fn fever_symptom_without_a_raised_temperature() {
    let (text, line) = mutated("  - {name: fever, lay: a temperature}\n", "");
    let text = text.replace(
        "symptoms:\n",
        "symptoms:\n  - name: fever\n    lay: a temperature\n    onset: {ago: 1 day, how: gradual}\n    duration: 1 day\n    course: stable\n",
    );
    assert!(line > 20);
    // Temperature 37.8 C with a continuous fever is flagged on the temperature line.
    let temp_line = text
        .lines()
        .position(|l| l.contains("temperature_c"))
        .unwrap()
        + 1;
    expect_problem(
        &text,
        temp_line,
        &["examination.vitals.temperature_c", "fever"],
    );
}

#[test]
fn lab_flag_must_agree_with_value_and_reference() {
    let (text, line) = mutated(
        "reference: [8.6, 10.3], flag: low",
        "reference: [8.6, 10.3], flag: normal",
    );
    expect_problem(&text, line, &["examination.labs[7].flag"]);
}

#[test]
fn duplicate_keys_are_rejected() {
    let (text, line) = mutated("  age: 47\n", "  age: 47\n  age: 48\n");
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CASE_FILE, &text);
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    // Reported where the key is written the second time.
    let at = format!("{}:{}:3: ", path.display(), line + 1);
    assert!(
        stderr.starts_with(&at) && stderr.contains("duplicate field `age`"),
        "{stderr}"
    );
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.yaml", "");
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(&format!("{}:1:1: ", path.display())) && stderr.contains("empty"),
        "{stderr}"
    );
}

#[test]
fn binary_garbage() {
    let dir = tempfile::tempdir().unwrap();
    let bytes: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let path = write(dir.path(), "garbage.yaml", bytes);
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(&format!("{}:", path.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("binary") || stderr.contains("UTF-8"),
        "{stderr}"
    );
}

#[test]
fn very_large_file_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = FIGURE5.to_string();
    while text.len() < 3 << 20 {
        text.push_str("# padding padding padding padding padding padding padding padding\n");
    }
    let path = write(dir.path(), "large.yaml", text);
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(&format!("{}:1:1: ", path.display())) && stderr.contains("large"),
        "{stderr}"
    );
}

#[test]
fn missing_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nowhere.yaml");
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr.starts_with(&format!("{}:1:1: ", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("no such file"), "{stderr}");
}

#[test]
fn directory_with_one_bad_file_still_reports_the_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let named = |id: &str| {
        FIGURE5.replace(
            "id: figure5-severe-acute-pancreatitis",
            &format!("id: {id}"),
        )
    };
    let good_a = write(dir.path(), "a.yaml", named("a"));
    let good_c = write(dir.path(), "c.yaml", named("c"));
    let (bad_text, line) = mutated("  age: 47\n", "  age: 470\n");
    let bad = write(
        dir.path(),
        "b.yaml",
        bad_text.replace("id: figure5-severe-acute-pancreatitis", "id: b"),
    );
    write(dir.path(), "notes.txt", "not a case, not looked at");
    let out = validate(&[dir.path()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout.contains(&format!("ok {}", good_a.display())),
        "{stdout}"
    );
    assert!(
        stdout.contains(&format!("ok {}", good_c.display())),
        "{stdout}"
    );
    assert!(!stdout.contains("b.yaml"), "{stdout}");
    assert!(
        stderr.contains(&format!("{}:{line}:", bad.display())),
        "{stderr}"
    );
    assert!(stderr.contains("2 valid, 1 invalid ("), "{stderr}");
}

#[test]
fn outline_with_priors_that_do_not_sum_to_one() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/knowledge/general_surgery/acute_pancreatitis.yaml");
    let text = std::fs::read_to_string(root).unwrap();
    let from = "sex: {female: 0.48, male: 0.52}";
    assert_eq!(text.matches(from).count(), 1);
    let sex_line = text[..text.find(from).unwrap()].lines().count();
    let broken = text.replace(from, "sex: {female: 0.48, male: 0.92}");
    // Knowledge files are recognised by sitting in a `knowledge` directory and
    // are checked with the rest of their knowledge base.
    let kb = dir.path().join("knowledge");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/knowledge"),
        &kb,
    );
    let path = write(
        &kb.join("general_surgery"),
        "acute_pancreatitis.yaml",
        broken,
    );
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:{sex_line}:", path.display()))
            && stderr.contains("demographics.sex"),
        "{stderr}"
    );
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn outline_condition_on_an_unknown_symptom_is_located() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("knowledge");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/knowledge"),
        &kb,
    );
    let path = kb.join("general_surgery/acute_pancreatitis.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let from = "      finding: bulky pancreas; gallbladder contains several stones; common bile duct 8 mm\n";
    assert_eq!(text.matches(from).count(), 1);
    let line = text[..text.find(from).unwrap()].lines().count() + 2;
    std::fs::write(
        &path,
        text.replace(from, &format!("{from}      requires_symptom: hiccups\n")),
    )
    .unwrap();
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let at = format!("{}:{line}:", path.display());
    assert!(
        stderr.contains(&at) && stderr.contains("requires_symptom") && stderr.contains("hiccups"),
        "{stderr}"
    );
}

#[test]
fn a_byte_order_mark_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CASE_FILE, format!("\u{feff}{FIGURE5}"));
    let out = validate(&[&path]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn broken_yaml_is_reported_before_field_errors() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), CASE_FILE, "foo: [1, 2\n");
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    assert!(!stderr.contains("unknown field"), "{stderr}");
    assert!(stderr.contains("']'"), "{stderr}");
}

#[test]
fn a_tab_is_named_as_a_tab() {
    let (text, line) = mutated("  name: Linda Harper\n", "\tname: Linda Harper\n");
    expect_problem(&text, line, &["tab"]);
}

#[test]
fn a_second_document_is_located_at_its_marker() {
    let text = format!("{FIGURE5}---\nschema: 1\n");
    let line = text.lines().count() - 1;
    expect_problem(&text, line, &["second YAML document"]);
}

#[test]
fn not_a_number_is_one_clear_problem() {
    let (text, line) = mutated("value: 17.2, unit: 10^3/uL", "value: .nan, unit: 10^3/uL");
    let stderr = expect_problem(&text, line, &["examination.labs[3].value", "finite"]);
    assert!(!stderr.contains("NaN"), "{stderr}");
}

#[test]
fn disease_name_and_code_must_match_the_outline() {
    let (text, line) = mutated("  icd10: K85.1\n", "  icd10: N10\n");
    expect_problem(&text, line, &["disease.icd10", "K85"]);
    let (text, line) = mutated("  name: Acute pancreatitis\n", "  name: Graves disease\n");
    expect_problem(&text, line, &["disease.name", "Acute pancreatitis"]);
}

#[test]
fn ids_name_their_files_and_are_unique() {
    let dir = tempfile::tempdir().unwrap();
    let wrong = write(dir.path(), "other-name.yaml", FIGURE5);
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    write(dir.path(), CASE_FILE, FIGURE5);
    let again = write(&sub, CASE_FILE, FIGURE5);
    let out = validate(&[dir.path()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1));
    let id_line = line_of(FIGURE5, "id: figure5");
    assert!(
        stderr.contains(&format!("{}:{id_line}:", wrong.display()))
            && stderr.contains("does not match the file name"),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{}:{id_line}:", again.display()))
            && stderr.contains("is also the id of"),
        "{stderr}"
    );
}

#[test]
fn empty_directory_is_a_problem() {
    let dir = tempfile::tempdir().unwrap();
    let out = validate(&[dir.path()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no .yaml files"));
}

#[cfg(unix)]
#[test]
fn a_link_loop_is_not_followed() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), CASE_FILE, FIGURE5);
    std::os::unix::fs::symlink(dir.path(), dir.path().join("self")).unwrap();
    let out = validate(&[dir.path()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("1 valid, 0 invalid"), "{stderr}");
}

#[test]
fn a_copied_knowledge_directory_is_checked_as_knowledge() {
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("kb-copy");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/knowledge"),
        &kb,
    );
    let out = validate(&[&kb]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
}

#[test]
fn nothing_beside_another_relieving_factor_is_located() {
    // `relieving: [nothing, not for long]` was meant as one factor with a comma in it.
    let dir = tempfile::tempdir().unwrap();
    let kb = dir.path().join("knowledge");
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/knowledge"),
        &kb,
    );
    let path = kb.join("endocrinology/type_1_diabetes.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    let from = "    relieving: [a long cold drink]\n";
    assert_eq!(text.matches(from).count(), 1);
    let line = text[..text.find(from).unwrap()].lines().count() + 1;
    std::fs::write(
        &path,
        text.replace(from, "    relieving: [nothing, not for long]\n"),
    )
    .unwrap();
    let out = validate(&[&path]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:{line}:", path.display()))
            && stderr.contains("symptoms[0].relieving")
            && stderr.contains("`nothing` cannot stand beside other factors"),
        "{stderr}"
    );
}
