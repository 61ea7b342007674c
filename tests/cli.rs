//! The `nianbao` command line: exit codes, outputs, bad input.

mod common;

use std::process::Command;

fn nianbao(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn seed() -> String {
    common::sample("xinqing-zhen-2020.txt")
        .display()
        .to_string()
}

#[test]
fn check_seed_sample_exits_1_and_names_the_problems() {
    let (code, out, _) = nianbao(&["check", &seed()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("error[STR002]") && out.contains("二、其他需要报告的事项"),
        "{out}"
    );
    assert!(
        out.contains("五、存在的主要问题及改进情况") && out.contains("六、其他需要报告的事项"),
        "{out}"
    );
    assert!(
        out.contains("warning[VAL002]") && out.contains("T4.RV.KEEP"),
        "{out}"
    );
    assert!(!out.contains("[ARI"), "no arithmetic finding: {out}");
    // The source line is shown.
    assert!(out.contains("  21 | 二、其他需要报告的事项"), "{out}");
    insta::assert_snapshot!(
        "check_seed_text",
        out.replace(&seed(), "xinqing-zhen-2020.txt")
    );
}

#[test]
fn check_json_is_the_validate_response() {
    let (code, out, _) = nianbao(&["check", "--format", "json", &seed()]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["verdict"], "VERDICT_FAIL");
    assert_eq!(
        v["report"]["metadata"]["templateVersion"],
        "TEMPLATE_VERSION_F2019"
    );
    let findings: Vec<serde_json::Value> = v["findings"].as_array().unwrap().clone();
    insta::assert_yaml_snapshot!("check_seed_findings", findings);
}

#[test]
fn render_csv_prints_all_161_table3_cells() {
    let (code, out, _) = nianbao(&["render", "--to", "csv", &seed()]);
    assert_eq!(code, 0);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "table,row,column,row_label,column_label,value,state"
    );
    let t3: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|l| l.starts_with("T3,"))
        .collect();
    assert_eq!(t3.len(), 161);
    assert!(t3.iter().all(|l| l.ends_with(",0,number")), "{t3:?}");
    assert_eq!(lines.len(), 1 + 22 + 161 + 15);
    insta::assert_snapshot!("render_seed_csv", out);
}

#[test]
fn unreadable_input_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let binary = dir.path().join("x.bin");
    std::fs::write(&binary, [0u8, 1, 2, 3, 0, 255, 254, 0]).unwrap();
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "一".repeat(1000)).unwrap();
    for (args, what) in [
        (vec!["check", empty.to_str().unwrap()], "empty"),
        (vec!["check", binary.to_str().unwrap()], "binary"),
        (vec!["check", "/nonexistent/report.txt"], "no such file"),
        (
            vec!["check", "--max-bytes", "100", big.to_str().unwrap()],
            "too large",
        ),
        (
            vec!["render", "--to", "csv", empty.to_str().unwrap()],
            "render empty",
        ),
        (vec!["check"], "usage"),
        (vec!["render", "--to", "pdf", "x"], "usage"),
    ] {
        let (code, _, err) = nianbao(&args);
        assert_eq!(code, 2, "{what}: {err}");
        assert!(!err.contains("panicked"), "{what}: {err}");
    }
    // One unreadable file among good ones still exits 2.
    let (code, _, _) = nianbao(&["check", &seed(), empty.to_str().unwrap()]);
    assert_eq!(code, 2);
}

#[test]
fn garbage_text_gives_findings_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("garbage.txt");
    std::fs::write(
        &f,
        "（三）不予公开\t1\t2\n第二十条第（一）项\n\t\t\n四、\t-\t—\n".repeat(50),
    )
    .unwrap();
    let (code, out, err) = nianbao(&["check", f.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("STR003") || out.contains("PRS"), "{out}");
}

#[test]
fn rules_lists_the_catalogue() {
    let (code, out, _) = nianbao(&["rules"]);
    assert_eq!(code, 0);
    assert!(out.contains("ARI001") && out.contains("STR001") && out.contains("VAL002"));
    let (code, out, _) = nianbao(&["rules", "--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["rules"].as_array().unwrap().len() >= 20);
}

#[test]
fn docs_rules_md_is_current() {
    let (_, out, _) = nianbao(&["rules", "--format", "markdown"]);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md");
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == out,
        "docs/rules.md is stale: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn hostile_inputs_give_clear_errors_or_findings() {
    let dir = tempfile::tempdir().unwrap();
    // 50 MB: refused by the size limit before parsing.
    let big = dir.path().join("big.txt");
    std::fs::write(&big, "一、总体情况\t0\n".repeat(50 * 1024 * 1024 / 20)).unwrap();
    let (code, _, err) = nianbao(&["check", big.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("larger than the limit"), "{err}");
    // Deeply nested HTML: read without recursion; beyond the depth limit a clear error.
    let deep = dir.path().join("deep.html");
    std::fs::write(
        &deep,
        "<html><body>".to_string() + &"<div><span>".repeat(200_000) + "x",
    )
    .unwrap();
    let (code, _, err) = nianbao(&["check", deep.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nests elements deeper"), "{err}");
    let shallow = dir.path().join("shallow.html");
    std::fs::write(
        &shallow,
        "<html><body>".to_string() + &"<div>".repeat(500) + "x",
    )
    .unwrap();
    let (code, out, err) = nianbao(&["check", shallow.to_str().unwrap()]);
    assert_eq!(code, 1, "{err}");
    assert!(out.contains("STR003"), "{out}");
    // A truncated DOCX: a clear error.
    let docx = std::fs::read(common::sample("006-shanghai-bangongting-2019-word.docx")).unwrap();
    let cut = dir.path().join("cut.docx");
    std::fs::write(&cut, &docx[..docx.len() / 2]).unwrap();
    let (code, _, err) = nianbao(&["check", cut.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("DOCX") && !err.contains("panicked"), "{err}");
    // The whole DOCX reads.
    let (code, out, _) = nianbao(&[
        "check",
        common::sample("006-shanghai-bangongting-2019-word.docx")
            .to_str()
            .unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("上海市人民政府办公厅 2019"), "{out}");
}

#[test]
fn render_compares_two_years() {
    let now = common::sample("005-hongze-qu-2024-pdftext.txt");
    let then = common::sample("004-hongze-qu-2023-pdftext.txt");
    let (now, then) = (now.to_str().unwrap(), then.to_str().unwrap());
    let (code, out, err) = nianbao(&["render", "--to", "comparison-csv", "--previous", then, now]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0],
        "table,row,column,row_label,column_label,previous,current,change,previous_state,current_state"
    );
    assert!(
        lines.contains(&"T2,A20_1.NORM,INFORCE,行政规范性文件,现行有效件数,5,8,3,number,number"),
        "{out}"
    );
    let (code, page, err) =
        nianbao(&["render", "--to", "comparison-html", "--previous", then, now]);
    assert_eq!(code, 0, "{err}");
    assert!(page.contains("<section class=\"links\">"), "{page}");
    assert!(page.contains("data-prev-cell=\"T3.R4.NP\""), "{page}");
    // The comparison needs last year's report.
    let (code, _, err) = nianbao(&["render", "--to", "comparison-html", now]);
    assert_eq!(code, 2);
    assert!(err.contains("--previous"), "{err}");
}

#[test]
fn render_csv_of_every_sample() {
    for f in [
        "002-shanghai-kewei-2024.txt",
        "004-hongze-qu-2023-pdftext.txt",
        "006-shanghai-bangongting-2019.html",
        "006-shanghai-bangongting-2019-word.docx",
        "008-pingtan-2019.txt",
        "014-huaian-shi-2024-pdftext.txt",
    ] {
        let (code, out, err) =
            nianbao(&["render", "--to", "csv", common::sample(f).to_str().unwrap()]);
        assert_eq!(code, 0, "{f}: {err}");
        assert!(out.lines().count() > 150, "{f}");
    }
}

#[test]
fn render_every_format_for_every_sample() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "xinqing-zhen-2020.txt",
        "002-shanghai-kewei-2024.txt",
        "004-hongze-qu-2023-pdftext.txt",
        "006-shanghai-bangongting-2019.html",
        "006-shanghai-bangongting-2019-word.docx",
        "008-pingtan-2019.txt",
        "012-pingtan-2024.txt",
        "014-huaian-shi-2024-pdftext.txt",
    ] {
        let input = common::sample(f).display().to_string();
        for to in [
            "html",
            "markdown",
            "text",
            "csv",
            "json",
            "findings-html",
            "findings-markdown",
        ] {
            let (code, out, err) = nianbao(&["render", "--to", to, &input]);
            assert_eq!(code, 0, "{f} {to}: {err}");
            assert!(out.len() > 500, "{f} {to}");
        }
        let (_, html, _) = nianbao(&["render", "--to", "html", &input]);
        assert!(
            html.contains("rowspan=\"") && html.contains("colspan=\""),
            "{f}: merged cells"
        );
        let out = dir.path().join("r.docx");
        let (code, _, err) = nianbao(&[
            "render",
            "--to",
            "docx",
            &input,
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{f}: {err}");
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
            .unwrap();
        assert!(
            xml.contains("<w:gridSpan") && xml.contains("<w:vMerge w:val=\"restart\"/>"),
            "{f}: official merged cells"
        );
        // The rendered DOCX reads back to the same cells and states (missing and unsettled cells
        // print their markers, `缺失` and `待定：…`, read back as such).
        let (_, a, _) = nianbao(&["render", "--to", "csv", &input]);
        let (_, b, _) = nianbao(&["render", "--to", "csv", out.to_str().unwrap()]);
        let cells = |s: &str| -> Vec<(String, String)> {
            s.lines()
                .map(|l| {
                    let f: Vec<&str> = l.split(',').collect();
                    (f[..3].join("."), f[f.len() - 2..].join(","))
                })
                .collect()
        };
        let (a, b) = (cells(&a), cells(&b));
        for (id, v) in &a {
            let got = b.iter().find(|(i, _)| i == id).map(|(_, v)| v);
            assert_eq!(got, Some(v), "{f}: DOCX round trip of {id}");
        }
    }
}

#[test]
fn summarize_the_samples() {
    let files: Vec<String> = [
        "002-shanghai-kewei-2024.txt",
        "005-hongze-qu-2024-pdftext.txt",
        "014-huaian-shi-2024-pdftext.txt",
        "xinqing-zhen-2020.txt",
    ]
    .iter()
    .map(|f| common::sample(f).display().to_string())
    .collect();
    let mut args = vec!["summarize", "--format", "json"];
    args.extend(files.iter().map(|s| s.as_str()));
    let (code, out, err) = nianbao(&args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["included"], 3);
    assert_eq!(v["year"], 2024);
    assert!(
        v["reports"][3]["excludedReason"]
            .as_str()
            .unwrap()
            .contains("2020")
    );
    let new = v["total"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "applicationsNew" || f["id"] == "applications_new")
        .unwrap();
    assert_eq!(new["value"], "3248"); // 34 + 95 + 3119
    let cell = v["rollup"]["cells"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "T3.R1.TOT")
        .unwrap();
    assert_eq!(cell["value"], "3248");
}

#[test]
fn a_reader_that_goes_away_ends_the_output_quietly() {
    // `nianbao check … | head -1`: the pipe closes before the report is printed. The seed 60
    // times over prints about 160 KB, more than a pipe holds: even if the first lines reached
    // the pipe before it closed, the rest cannot, so the broken pipe is always met (the test
    // cannot pass by the output fitting in the pipe's buffer).
    let seed = seed();
    let mut args = vec!["check"];
    args.extend(std::iter::repeat_n(seed.as_str(), 60));
    let mut child = Command::new(env!("CARGO_BIN_EXE_nianbao"))
        .args(&args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    // Ended by SIGPIPE, as a Unix filter is.
    #[cfg(target_os = "linux")]
    {
        use std::os::unix::process::ExitStatusExt;
        assert_eq!(out.status.signal(), Some(13), "{:?}", out.status);
    }
}

/// PDF files through every command: check (its text output quotes the PDF's line at its page),
/// render, summarize and --previous.
#[test]
fn pdf_files_through_every_command() {
    let y2023 = common::sample("004-hongze-qu-2023.pdf");
    let y2024 = common::sample("005-hongze-qu-2024.pdf");
    let (p23, p24) = (y2023.to_str().unwrap(), y2024.to_str().unwrap());
    let (code, out, err) = nianbao(&["check", p23]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("error[ARI004]"), "{out}");
    assert!(out.contains("004-hongze-qu-2023.pdf#page=4:"), "{out}");
    // The quoted line is the PDF's 表四 row, its cells separated as a Word table's.
    assert!(out.contains("10 ⇥ 1 ⇥ 0"), "{out}");

    let (code, csv, err) = nianbao(&["render", "--to", "csv", p24]);
    assert_eq!(code, 0, "{err}");
    assert!(
        csv.contains("T3,R1,NP,") && csv.contains(",95,number"),
        "{csv}"
    );
    assert!(!csv.contains("ambiguous"));

    let (code, out, err) = nianbao(&["summarize", p23, p24, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("洪泽区人民政府"), "{out}");

    let (code, out, err) = nianbao(&["check", p24, "--previous", p23]);
    assert!(code <= 1, "{err}");
    assert!(out.contains("2024"), "{out}");

    // A scan: exit 2 with the reason.
    let scan = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/pdf-bad/scan.pdf"
    );
    let (code, _, err) = nianbao(&["check", scan]);
    assert_eq!(code, 2);
    assert!(err.contains("no text layer"), "{err}");
}

/// `check --previous`: last year's report settles what the narrative leaves open (PRS010): 012's
/// 行政规范性文件 row `6233440` is 62 (the narrative) and, with last year's 现行有效 411, 33 | 440.
#[test]
fn previous_report_settles_an_open_row() {
    let sample = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/samples/012-pingtan-2024.txt"
    );
    let (_, text, _) = nianbao(&["render", "--to", "text", sample]);
    let prev: String = text
        .lines()
        .map(|l| {
            if l.starts_with("行政规范性文件") {
                "行政规范性文件\t50\t10\t411".to_string()
            } else {
                l.replace("2024", "2023")
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("prev.txt");
    std::fs::write(&p, prev).unwrap();
    let (_, out, _) = nianbao(&["check", "--previous", p.to_str().unwrap(), sample]);
    assert!(out.contains("只有 62|33|440 符合上年报告"), "{out}");
    assert!(
        !out.contains("T2.A20_1.NORM.INFORCE 的数值无法确定"),
        "{out}"
    );
    let (_, out, _) = nianbao(&["check", sample]);
    assert!(
        out.contains("T2.A20_1.NORM.INFORCE 的数值无法确定"),
        "{out}"
    );
}
