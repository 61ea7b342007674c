//! Run-together digits: when a row's cells lost their separators (`规范性文件898989`,
//! `230 000023`), every way to cut the digit runs into the row's cells is enumerated (no
//! multi-digit cell starts with 0; decimals only in money cells), and the template's identities
//! for the row (总计 = the six applicant columns in 表三, 总计 = the four results in 表四) filter
//! them. One survivor is used (and said so); several leave the cells they disagree on ambiguous,
//! with the candidates. Nothing is picked silently.

use rust_decimal::Decimal;

use crate::template::ValueKind;

/// Most candidate splits enumerated for one row.
pub const MAX_CANDIDATES: usize = 20_000;

/// Why a row could not be split.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// A token is not a digit run (text, a sign, a placeholder).
    NotDigits,
    /// More than [`MAX_CANDIDATES`] splits.
    TooMany,
    /// No split fits the cell count and kinds.
    None,
}

/// Strips a unit suffix (元, 万元) from a token.
pub fn strip_unit(t: &str) -> (&str, Option<&'static str>) {
    for u in ["万元", "元"] {
        if let Some(b) = t.strip_suffix(u) {
            return (b, Some(u));
        }
    }
    (t, None)
}

fn valid(part: &str, kind: ValueKind) -> bool {
    let part = match part.strip_prefix('-') {
        Some(rest) if kind == ValueKind::SignedCount && rest != "0" => rest,
        Some(_) => return false,
        None => part,
    };
    if part.is_empty() || part.contains('-') {
        return false;
    }
    let (int, frac) = match part.split_once('.') {
        Some((i, f)) => {
            if kind != ValueKind::Money || f.is_empty() || f.contains('.') {
                return false;
            }
            (i, Some(f))
        }
        None => (part, None),
    };
    let _ = frac;
    !int.is_empty() && (int == "0" || !int.starts_with('0'))
}

/// Every way to cut one run of digits into `groups` groups of `width` count cells, the last cell
/// of each group the sum of the others (表三's row: one group of 7, 总计 last; 表四: three groups
/// of 5). Each group's other cells are cut, and its total must then be the digits that follow, so
/// the search tries far fewer cuts than cutting every cell: a 表四 of 30 digits, too many to
/// enumerate cell by cell, is read this way. At most [`MAX_CANDIDATES`] (else
/// [`SplitError::TooMany`]); cells of at most 9 digits.
pub fn sum_splits(
    digits: &str,
    groups: usize,
    width: usize,
) -> Result<Vec<Vec<Decimal>>, SplitError> {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) || width < 2 {
        return Err(SplitError::NotDigits);
    }
    let d = digits.as_bytes();
    // One number of 1 to 9 digits at `p` (no leading zero): (value, end).
    let numbers = |p: usize| {
        (1..=9usize)
            .take_while(move |l| p + l <= d.len())
            .take_while(move |l| *l == 1 || d[p] != b'0')
            .map(move |l| {
                let v = d[p..p + l]
                    .iter()
                    .fold(0u64, |v, b| v * 10 + u64::from(b - b'0'));
                (v, p + l)
            })
    };
    // The groups that start at `p`: (cells, end).
    let group_at = |p: usize| -> Vec<(Vec<u64>, usize)> {
        let mut out = Vec::new();
        let mut stack: Vec<(Vec<u64>, usize)> = vec![(Vec::new(), p)];
        while let Some((cells, q)) = stack.pop() {
            if cells.len() == width - 1 {
                let total: u64 = cells.iter().sum();
                let t = total.to_string();
                if d[q..].starts_with(t.as_bytes()) {
                    let mut c = cells;
                    c.push(total);
                    out.push((c, q + t.len()));
                }
                continue;
            }
            for (v, e) in numbers(q) {
                // Room for the cells left (one digit each) and the total.
                if d.len() - e < width - 1 - cells.len() {
                    break;
                }
                let mut c = cells.clone();
                c.push(v);
                stack.push((c, e));
            }
        }
        out
    };
    let mut memo: std::collections::HashMap<usize, Vec<(Vec<u64>, usize)>> = Default::default();
    let mut out: Vec<Vec<Decimal>> = Vec::new();
    // Depth-first over the groups: (cells so far, position).
    let mut stack: Vec<(Vec<u64>, usize)> = vec![(Vec::new(), 0)];
    while let Some((cells, p)) = stack.pop() {
        if cells.len() == groups * width {
            if p == d.len() {
                if out.len() == MAX_CANDIDATES {
                    return Err(SplitError::TooMany);
                }
                out.push(cells.into_iter().map(Decimal::from).collect());
            }
            continue;
        }
        let next = memo.entry(p).or_insert_with(|| group_at(p));
        for (g, e) in next.iter() {
            let mut c = cells.clone();
            c.extend(g);
            stack.push((c, *e));
        }
    }
    if out.is_empty() {
        return Err(SplitError::None);
    }
    out.sort();
    Ok(out)
}

/// Every way to cut `tokens` into `kinds.len()` cells.
pub fn splits(tokens: &[&str], kinds: &[ValueKind]) -> Result<Vec<Vec<Decimal>>, SplitError> {
    if tokens.iter().any(|t| {
        t.is_empty()
            || !t
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == '-')
    }) {
        return Err(SplitError::NotDigits);
    }
    if tokens.iter().map(|t| t.len()).sum::<usize>() > 64 {
        return Err(SplitError::TooMany);
    }
    let mut out = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    let mut steps = 0usize;
    let searched = walk(tokens, 0, 0, kinds, &mut cur, &mut out, &mut steps);
    #[cfg(test)]
    LAST_STEPS.with(|s| s.set(steps));
    searched?;
    if out.is_empty() {
        return Err(SplitError::None);
    }
    Ok(out)
}

#[cfg(test)]
thread_local! {
    /// The steps the last [`splits`] took (for tests of the search's cost).
    static LAST_STEPS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Most steps one split search may take (a search that finds few splits among very many cuts,
/// 64 digits into 15 cells with zeros that cannot lead, ran for seconds: found by fuzzing).
const MAX_STEPS: usize = 1_000_000;

fn walk<'a>(
    tokens: &[&'a str],
    ti: usize,
    pos: usize,
    kinds: &[ValueKind],
    cur: &mut Vec<&'a str>,
    out: &mut Vec<Vec<Decimal>>,
    steps: &mut usize,
) -> Result<(), SplitError> {
    *steps += 1;
    if *steps > MAX_STEPS {
        return Err(SplitError::TooMany);
    }
    if ti < tokens.len() {
        // Every cell left needs a character, and every token left a cell.
        let cells_left = kinds.len().saturating_sub(cur.len());
        let chars_left =
            tokens[ti].len() - pos + tokens[ti + 1..].iter().map(|t| t.len()).sum::<usize>();
        if cells_left > chars_left || tokens.len() - ti > cells_left {
            return Ok(());
        }
    }
    if ti == tokens.len() {
        if cur.len() == kinds.len() {
            if out.len() >= MAX_CANDIDATES {
                return Err(SplitError::TooMany);
            }
            out.push(cur.iter().map(|p| p.parse().unwrap_or_default()).collect());
        }
        return Ok(());
    }
    let tok = tokens[ti];
    if cur.len() >= kinds.len() {
        return Ok(());
    }
    // Cells left must hold at least one character each... and at most the characters left.
    for end in pos + 1..=tok.len() {
        let part = &tok[pos..end];
        if part[1..].contains('-') {
            break;
        }
        if !valid(part, kinds[cur.len()]) {
            // A longer part with a leading 0 never becomes valid; a part with a bad '.' neither.
            if part.len() > 1 && part.starts_with('0') && !part.starts_with("0.") {
                break;
            }
            continue;
        }
        cur.push(part);
        if end == tok.len() {
            walk(tokens, ti + 1, 0, kinds, cur, out, steps)?;
        } else {
            walk(tokens, ti, end, kinds, cur, out, steps)?;
        }
        cur.pop();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueKind::{Count, Money};

    #[test]
    fn a_search_that_cannot_fill_its_cells_stops_early() {
        // A fuzzed 表四 line: fourteen runs of digits for fifteen cells, the first 21 digits long.
        // Cutting the first run every way before finding that the rest cannot fill the cells took
        // seconds; the search now stops where the characters left cannot fill the cells left.
        let tokens = [
            "333333333333333333386",
            "64",
            "178",
            "37",
            "351",
            "1304",
            "8",
            "1",
            "26",
            "12",
            "1",
            "1",
            "6",
            "20",
        ];
        let r = splits(&tokens, &[Count; 15]);
        assert!(r.is_ok() || r == Err(SplitError::TooMany), "{r:?}");
        let steps = LAST_STEPS.with(|s| s.get());
        assert!(steps < 5_000, "{steps} steps");
    }

    fn d(v: &[i64]) -> Vec<Decimal> {
        v.iter().map(|x| Decimal::from(*x)).collect()
    }

    #[test]
    fn sum_splits_cut_groups_whose_total_follows() {
        let d = |v: &[u64]| v.iter().map(|n| Decimal::from(*n)).collect::<Vec<_>>();
        // A 表四 whose digits run together into 31 characters: too many cuts cell by cell.
        let truth = [123, 45, 67, 8, 243, 0, 0, 0, 0, 0, 1000, 20, 305, 4, 1329];
        let t4: String = truth.iter().map(u64::to_string).collect();
        assert_eq!(
            splits(&[&t4], &[ValueKind::Count; 15]),
            Err(SplitError::TooMany)
        );
        let all = sum_splits(&t4, 3, 5).unwrap();
        assert!(all.contains(&d(&truth)), "{all:?}");
        for v in &all {
            for g in v.chunks(5) {
                assert_eq!(g[4], g[..4].iter().sum::<Decimal>());
            }
            assert_eq!(v.iter().map(|n| n.to_string()).collect::<String>(), t4);
        }
        // What it gives is what the cell-by-cell cut gives and the identity keeps.
        for t3 in ["21710000218", "710000071", "1100002", "3200000032"] {
            let by_cell: Vec<Vec<Decimal>> = splits(&[t3], &[ValueKind::Count; 7])
                .unwrap()
                .into_iter()
                .filter(|v| v[6] == v[..6].iter().sum::<Decimal>())
                .collect();
            assert_eq!(sum_splits(t3, 1, 7).unwrap_or_default(), by_cell, "{t3}");
        }
        assert_eq!(sum_splits("12", 1, 7), Err(SplitError::None));
        assert_eq!(sum_splits("1a", 1, 7), Err(SplitError::NotDigits));
    }

    #[test]
    fn zeros_cannot_lead() {
        assert_eq!(
            splits(&["000000000000000"], &[Count; 15]).unwrap(),
            vec![d(&[0; 15])]
        );
        assert_eq!(
            splits(&["7000007"], &[Count; 7]).unwrap(),
            vec![d(&[7, 0, 0, 0, 0, 0, 7])]
        );
    }

    #[test]
    fn several_splits_are_all_listed() {
        let s = splits(&["350"], &[Count, Count]).unwrap();
        assert_eq!(s, vec![d(&[3, 50]), d(&[35, 0])]);
        assert_eq!(splits(&["898989"], &[Count; 3]).unwrap().len(), 10);
        let r1 = splits(&["230", "000023"], &[Count; 7]).unwrap();
        let ok: Vec<_> = r1
            .iter()
            .filter(|v| v[6] == v[..6].iter().sum::<Decimal>())
            .collect();
        assert_eq!(ok, vec![&d(&[23, 0, 0, 0, 0, 0, 23])]);
    }

    #[test]
    fn money_takes_the_decimals() {
        let s = splits(&["13575394432.52"], &[Count, Money]).unwrap();
        assert_eq!(s.len(), 10);
        assert!(s.contains(&vec![Decimal::from(135), "75394432.52".parse().unwrap()]));
        assert_eq!(splits(&["1.5"], &[Count, Count]), Err(SplitError::None));
    }

    #[test]
    fn negative_values_start_their_cell() {
        use ValueKind::SignedCount;
        let s = splits(&["396-5181"], &[Count, SignedCount, Count]).unwrap();
        assert_eq!(
            s,
            vec![d(&[396, -5, 181]), d(&[396, -51, 81]), d(&[396, -518, 1])]
        );
        assert_eq!(splits(&["3-5"], &[Count, Count]), Err(SplitError::None));
    }

    #[test]
    fn bounded() {
        assert_eq!(splits(&["1x"], &[Count]), Err(SplitError::NotDigits));
        assert_eq!(
            splits(&[&"1".repeat(65)], &[Count; 7]),
            Err(SplitError::TooMany)
        );
        assert!(matches!(
            splits(&[&"12345678".repeat(5)], &[Count; 15]),
            Err(SplitError::TooMany) | Ok(_)
        ));
    }
}
