//! Key figures (one check per indicator) and roll-ups: sums of every cell, exclusions, mixed
//! templates, groups.

use nianbao_core::Decimal;
use nianbao_core::engine;
use nianbao_core::indicators::{INDICATORS, SHARES, figures};
use nianbao_core::input::InputKind;
use nianbao_core::model::{Cell, Report, Value};
use nianbao_core::summary::{Item, Options, summarize};
use nianbao_core::template::{Catalog, TemplateVersion};

fn report(v: TemplateVersion, year: u32, body: &str, cells: &[(&str, i64)]) -> Report {
    let mut r = Report::all_zero(v, year);
    r.metadata.issuing_body = Some(body.into());
    let cat = Catalog::get();
    for (id, n) in cells {
        r.set(
            cat.lookup(id).unwrap(),
            Cell::of(Value::Number(Decimal::from(*n))),
        );
    }
    r
}

/// A 2021 report where every indicator has its own value.
fn rich() -> Report {
    report(
        TemplateVersion::F2021,
        2023,
        "甲局",
        &[
            ("T3.R1.TOT", 30),
            ("T3.R2.TOT", 2),
            ("T3.R3.1.TOT", 10),
            ("T3.R3.2.TOT", 5),
            ("T3.R3.3.1.TOT", 1),
            ("T3.R3.3.4.TOT", 2),
            ("T3.R3.4.1.TOT", 4),
            ("T3.R3.5.2.TOT", 3),
            ("T3.R3.6.1.TOT", 1),
            ("T3.R3.6.3.TOT", 2),
            ("T3.R3.7.TOT", 28),
            ("T3.R4.TOT", 4),
            ("T4.RV.CORR", 1),
            ("T4.RV.TOT", 4),
            ("T4.LD.CORR", 1),
            ("T4.LD.TOT", 2),
            ("T4.LR.TOT", 3),
        ],
    )
}

#[test]
fn every_indicator() {
    let f = figures(&rich());
    let v = |id: &str| {
        f.iter()
            .find(|x| x.id == id)
            .unwrap_or_else(|| panic!("{id}"))
            .value
            .map(|d| d.normalize().to_string())
    };
    let want = [
        ("applications_new", "30"),
        ("applications_carried_over", "2"),
        ("applications_total", "32"),
        ("handled", "28"),
        ("disclosed", "10"),
        ("partly_disclosed", "5"),
        ("not_disclosed", "3"),
        ("unable_to_provide", "4"),
        ("not_processed", "3"),
        ("other_handling", "3"),
        ("carried_forward", "4"),
        ("administrative_review", "4"),
        ("review_corrected", "1"),
        ("litigation", "5"),
        ("litigation_corrected", "1"),
        ("disclosed_share", "35.7"),
        ("partly_disclosed_share", "17.9"),
        ("not_disclosed_share", "10.7"),
        ("unable_share", "14.3"),
        ("not_processed_share", "10.7"),
        ("other_handling_share", "10.7"),
        ("review_corrected_share", "25"),
        ("litigation_corrected_share", "20"),
    ];
    assert_eq!(
        want.len(),
        INDICATORS.len() + SHARES.len(),
        "every indicator is checked"
    );
    for (id, value) in want {
        assert_eq!(v(id).as_deref(), Some(value), "{id}");
    }
    // A missing cell makes its figure unknown, never 0.
    let mut r = rich();
    r.set(Catalog::get().lookup("T3.R3.7.TOT").unwrap(), Cell::MISSING);
    let f = figures(&r);
    assert_eq!(f.iter().find(|x| x.id == "handled").unwrap().value, None);
    assert_eq!(
        f.iter().find(|x| x.id == "disclosed_share").unwrap().value,
        None
    );
}

#[test]
fn indicators_are_documented() {
    let doc = include_str!("../../../docs/indicators.md");
    for id in INDICATORS
        .iter()
        .map(|i| i.id)
        .chain(SHARES.iter().map(|s| s.0))
    {
        assert!(
            doc.contains(&format!("`{id}`")),
            "docs/indicators.md lacks {id}"
        );
    }
}

fn item(r: Report, group: Option<&str>) -> Item {
    Item {
        outcome: Ok(engine::validate_report(
            r,
            InputKind::Structured,
            Vec::new(),
        )),
        group: group.map(String::from),
    }
}

#[test]
fn rollup_sums_cells_and_lists_exclusions() {
    let a = report(
        TemplateVersion::F2021,
        2023,
        "甲局",
        &[
            ("T3.R1.NP", 3),
            ("T3.R1.TOT", 3),
            ("T3.R3.6.2.NP", 3),
            ("T3.R3.6.2.TOT", 3),
            ("T3.R3.7.NP", 3),
            ("T3.R3.7.TOT", 3),
        ],
    );
    let b = report(
        TemplateVersion::F2021,
        2023,
        "乙局",
        &[
            ("T3.R1.NP", 2),
            ("T3.R1.TOT", 2),
            ("T3.R3.1.NP", 2),
            ("T3.R3.1.TOT", 2),
            ("T3.R3.7.NP", 2),
            ("T3.R3.7.TOT", 2),
        ],
    );
    let broken = report(TemplateVersion::F2021, 2023, "丙局", &[("T3.R1.NP", 9)]);
    let old = report(TemplateVersion::F2019, 2020, "丁局", &[]);
    let items = vec![
        item(a.clone(), Some("东区")),
        item(b, Some("西区")),
        item(a, None),
        item(broken, None),
        item(old, None),
        Item {
            outcome: Err("the input is empty".into()),
            group: None,
        },
    ];
    let s = summarize(
        items,
        &Options {
            exclude_failed: true,
            year: None,
        },
    );
    assert_eq!(s.year, Some(2023));
    assert_eq!(s.included, 2);
    let why: Vec<Option<&str>> = s.entries.iter().map(|e| e.excluded.as_deref()).collect();
    assert!(why[2].unwrap().contains("same issuing body"));
    assert!(why[3].unwrap().contains("error-level"));
    assert!(why[4].unwrap().contains("2020"));
    assert!(why[5].unwrap().starts_with("unreadable"));
    let cat = Catalog::get();
    let cell = |id: &str| s.rollup.value(cat.lookup(id).unwrap()).number();
    assert_eq!(cell("T3.R1.NP"), Some(Decimal::from(5)));
    assert_eq!(cell("T3.R3.6.2.TOT"), Some(Decimal::from(3)));
    // （六） across templates: the 2021 sub-rows count into the 2019 row too.
    assert_eq!(cell("T3.R3.6.TOT"), Some(Decimal::from(3)));
    assert_eq!(
        s.groups
            .iter()
            .map(|g| (g.key.as_str(), g.included))
            .collect::<Vec<_>>(),
        [("东区", 1), ("西区", 1)]
    );
}

#[test]
fn mixed_years_are_explicit() {
    let old = report(
        TemplateVersion::F2019,
        2020,
        "丁局",
        &[("T3.R3.6.NP", 1), ("T3.R3.6.TOT", 1)],
    );
    let new = report(
        TemplateVersion::F2021,
        2021,
        "丁局",
        &[("T3.R3.6.3.NP", 2), ("T3.R3.6.3.TOT", 2)],
    );
    // Asking for 2020 leaves the 2021 report out, and the other way round.
    let s = summarize(
        vec![item(old.clone(), None), item(new.clone(), None)],
        &Options {
            exclude_failed: false,
            year: Some(2020),
        },
    );
    assert_eq!(s.included, 1);
    let s = summarize(
        vec![item(old, None), item(new, None)],
        &Options {
            exclude_failed: false,
            year: Some(2021),
        },
    );
    assert_eq!(s.included, 1);
    assert_eq!(s.rollup.effective_template(), TemplateVersion::F2021);
}

#[test]
fn a_large_rollup_is_linear() {
    // 20,000 reports: bounded memory (one running sum per cell) and no quadratic step.
    let o = engine::validate_report(rich(), InputKind::Structured, Vec::new());
    let items: Vec<Item> = (0..20_000)
        .map(|k| {
            let mut o = o.clone();
            o.report.metadata.issuing_body = Some(format!("局{k}"));
            Item {
                outcome: Ok(o),
                group: None,
            }
        })
        .collect();
    let s = summarize(items, &Options::default());
    assert_eq!(s.included, 20_000);
    assert_eq!(
        s.total
            .iter()
            .find(|f| f.id == "applications_new")
            .unwrap()
            .value,
        Some(Decimal::from(600_000))
    );
}

#[test]
fn blank_totals_count_with_their_implied_value() {
    // 上海 2019 leaves the 总计 of result rows blank: the figure uses the row's sum, marked incomplete.
    let mut r = rich();
    let ix = Catalog::get().lookup("T3.R3.1.TOT").unwrap();
    let cat = Catalog::get();
    r.set(
        cat.lookup("T3.R3.1.NP").unwrap(),
        Cell::of(Value::Number(Decimal::from(10))),
    );
    r.set(ix, Cell::of(Value::Blank));
    let f = figures(&r);
    let d = f.iter().find(|x| x.id == "disclosed").unwrap();
    assert_eq!((d.value, d.complete), (Some(Decimal::from(10)), false));
}
