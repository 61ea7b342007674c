//! Property tests: consistent tables give no arithmetic finding; one perturbed cell is caught and
//! named; a blanked cell gets its implied value; the text reader and mapper never panic.

use nianbao_core::finding::Severity;
use nianbao_core::model::{Cell, Report, Value};
use nianbao_core::template::{
    Catalog, CellIx, T3_COLS, T4_COLS, T4_GROUPS, TemplateVersion, rows_t3, t3, t4,
};
use nianbao_core::{Decimal, engine, input, mapper, rules};
use proptest::prelude::*;

fn set(r: &mut Report, ix: CellIx, v: i64) {
    r.set(ix, Cell::of(Value::Number(Decimal::from(v))));
}

/// A report whose every identity holds, from random seeds.
fn consistent(v: TemplateVersion, seeds: &[u8]) -> Report {
    let mut r = Report::all_zero(
        v,
        if v == TemplateVersion::F2019 {
            2020
        } else {
            2023
        },
    );
    let mut k = 0usize;
    let mut next = |m: u8| {
        k += 1;
        (seeds[k % seeds.len()] % m) as i64
    };
    let results: Vec<&str> = rows_t3(v)
        .iter()
        .filter(|x| x.data && x.id.starts_with("R3.") && x.id != "R3.7")
        .map(|x| x.id)
        .collect();
    let mut tot = std::collections::HashMap::<&str, i64>::new();
    for c in &T3_COLS[..6] {
        let mut handled = 0;
        for row in &results {
            let n = next(4);
            set(&mut r, t3(row, c.id), n);
            *tot.entry(row).or_default() += n;
            handled += n;
        }
        let fwd = next(3);
        let carried = next((handled + fwd + 1).min(200) as u8);
        let new = handled + fwd - carried;
        for (row, n) in [("R3.7", handled), ("R4", fwd), ("R2", carried), ("R1", new)] {
            set(&mut r, t3(row, c.id), n);
            *tot.entry(row).or_default() += n;
        }
    }
    for (row, n) in tot {
        set(&mut r, t3(row, "TOT"), n);
    }
    for (g, _, _) in &T4_GROUPS {
        let mut s = 0;
        for c in &T4_COLS[..4] {
            let n = next(3);
            set(&mut r, t4(g, c.id), n);
            s += n;
        }
        set(&mut r, t4(g, "TOT"), s);
    }
    r
}

fn version(b: bool) -> TemplateVersion {
    if b {
        TemplateVersion::F2021
    } else {
        TemplateVersion::F2019
    }
}

fn arithmetic_cells(v: TemplateVersion) -> Vec<CellIx> {
    let cat = Catalog::get();
    cat.template_cells(v)
        .iter()
        .copied()
        .filter(|ix| cat.def(*ix).table != nianbao_core::template::Table::T2)
        .collect()
}

proptest! {
    #[test]
    fn consistent_tables_give_no_error(v in any::<bool>(), seeds in prop::collection::vec(any::<u8>(), 8..64)) {
        let r = consistent(version(v), &seeds);
        let f = rules::check(&r);
        prop_assert!(f.iter().all(|f| f.severity != Severity::Error), "{:#?}", f);
        prop_assert!(!f.iter().any(|f| f.code.starts_with("ARI")), "{:#?}", f);
    }

    #[test]
    fn one_perturbed_cell_is_caught_and_named(v in any::<bool>(), seeds in prop::collection::vec(any::<u8>(), 8..64), pick in any::<prop::sample::Index>(), d in 1i64..5) {
        let v = version(v);
        let mut r = consistent(v, &seeds);
        let cells = arithmetic_cells(v);
        let ix = cells[pick.index(cells.len())];
        let old = r.value(ix).number().unwrap();
        r.set(ix, Cell::of(Value::Number(old + Decimal::from(d))));
        let f = rules::check(&r);
        let hits: Vec<_> = f.iter().filter(|f| f.code.starts_with("ARI") && f.severity == Severity::Error).collect();
        prop_assert!(!hits.is_empty());
        prop_assert!(hits.iter().all(|f| f.cells.contains(&ix)), "every failing identity uses the cell: {:#?}", hits);
        // Error localization points back to the cell, with its original value.
        let loc: Vec<_> = f.iter().filter(|f| f.code == "ARI009").collect();
        prop_assert_eq!(loc.len(), 1);
        prop_assert!(loc[0].cells.contains(&ix), "{:#?}", loc);
        if loc[0].severity == Severity::Warning {
            prop_assert_eq!(loc[0].cells.as_slice(), &[ix]);
            prop_assert_eq!(loc[0].expected, Some(old));
        }
    }

    #[test]
    fn blanked_cell_gets_its_implied_value(v in any::<bool>(), seeds in prop::collection::vec(any::<u8>(), 8..64), pick in any::<prop::sample::Index>()) {
        let v = version(v);
        let mut r = consistent(v, &seeds);
        let cells = arithmetic_cells(v);
        let ix = cells[pick.index(cells.len())];
        let old = r.value(ix).number().unwrap();
        r.set(ix, Cell::of(Value::Blank));
        let f = rules::check(&r);
        prop_assert!(!f.iter().any(|f| f.code.starts_with("ARI") && f.severity == Severity::Error), "{:#?}", f);
        let implied: Vec<_> = f.iter().filter(|f| f.code == "VAL004").collect();
        if old.is_zero() {
            prop_assert!(implied.is_empty());
        } else {
            prop_assert_eq!(implied.len(), 1);
            prop_assert_eq!(implied[0].cells[0], ix);
            prop_assert_eq!(implied[0].expected, Some(old));
        }
        prop_assert!(f.iter().any(|f| f.code == "VAL002"));
    }

    #[test]
    fn missing_cell_is_never_read_as_zero(v in any::<bool>(), seeds in prop::collection::vec(any::<u8>(), 8..64), pick in any::<prop::sample::Index>()) {
        let v = version(v);
        let mut r = consistent(v, &seeds);
        let cells = arithmetic_cells(v);
        let ix = cells[pick.index(cells.len())];
        r.set(ix, Cell::MISSING);
        let f = rules::check(&r);
        prop_assert!(!f.iter().any(|f| f.code.starts_with("ARI") && !f.not_assessable), "{:#?}", f);
        prop_assert!(f.iter().any(|f| f.not_assessable && f.cells.contains(&ix)));
    }

    #[test]
    fn text_reader_and_mapper_never_panic(s in ".{0,400}") {
        let _ = engine::validate_str(&s, input::Limits::default());
    }

    #[test]
    fn tableish_text_never_panics(lines in prop::collection::vec(prop::collection::vec(prop_oneof![
        Just("".to_string()), Just("0".to_string()), Just("-3".to_string()), Just("/".to_string()), Just("—".to_string()),
        Just("（一）予以公开".to_string()), Just("第二十条第（一）项".to_string()), Just("规章".to_string()),
        Just("三、本年度办理结果".to_string()), Just("四、结转下年度继续办理".to_string()), Just("行政复议".to_string()),
        Just("二、主动公开政府信息情况".to_string()), Just("信息内容".to_string()), Just("本年新制作数量".to_string()),
        "[0-9]{1,12}".prop_map(|s| s), ".{0,6}".prop_map(|s| s),
    ], 0..20), 0..60)) {
        let text: String = lines.iter().map(|l| l.join("\t")).collect::<Vec<_>>().join("\n");
        let doc = input::text::read(&text);
        let m = mapper::map(&doc);
        let _ = rules::check(&m.report);
    }
}
