//! The content-stream interpreter: runs a page's operators (lopdf's content parser) and keeps
//! what decides a cell: every glyph with its Unicode text and box on the page, and every
//! horizontal or vertical rule (stroked lines, rectangle edges, thin filled rectangles).
//! Form XObjects are followed to a bounded depth; a form that draws itself is a reference cycle.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, deref, num};
use super::lexer::{Lexer, Operand};
use super::{Budget, ReadError};

/// An affine matrix `[a b c d e f]` (PDF order).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Matrix([f64; 6]);

impl Matrix {
    pub const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    /// `self × other` (apply self first, then other).
    pub fn then(&self, o: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = o.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    pub fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (a * x + c * y + e, b * x + d * y + f)
    }

    fn translate(tx: f64, ty: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, tx, ty])
    }

    fn from_operands(ops: &[Operand]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (i, o) in ops[ops.len() - 6..].iter().enumerate() {
            m[i] = o.num()?;
        }
        Some(Matrix(m))
    }

    fn from_objects(ops: &[Object]) -> Option<Matrix> {
        if ops.len() < 6 {
            return None;
        }
        let mut m = [0.0; 6];
        for (i, o) in ops[..6].iter().enumerate() {
            m[i] = num(o)?;
        }
        Some(Matrix(m))
    }
}

/// A glyph on the page (PDF user space of the page: origin bottom left, y upwards).
#[derive(Debug, Clone)]
pub struct PGlyph {
    pub text: String,
    /// The glyph's box.
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
    /// Font size on the page.
    pub size: f64,
    /// Drawn in vertical writing mode, or rotated so that it advances down or up the page.
    pub vertical: bool,
    /// Rotated so that it advances up the page (read bottom to top).
    pub upward: bool,
    /// Horizontal text turned a quarter (its baseline runs up or down the page), not a vertical
    /// font's glyph.
    pub turned: bool,
}

impl PGlyph {
    pub fn cx(&self) -> f64 {
        (self.x0 + self.x1) / 2.0
    }
    pub fn cy(&self) -> f64 {
        (self.y0 + self.y1) / 2.0
    }
}

/// A horizontal (`y`, from `a` to `b` in x) or vertical (`x`, from `a` to `b` in y) rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Seg {
    pub at: f64,
    pub a: f64,
    pub b: f64,
}

/// What a page draws.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<PGlyph>,
    pub h: Vec<Seg>,
    pub v: Vec<Seg>,
    /// Images painted (a page of images and no glyphs is a scan).
    pub images: usize,
    /// The page's content could not be read whole (a content stream missing or not parsing to
    /// its end).
    pub broken: bool,
}

impl PageContent {
    /// A landscape page drawn turned a quarter inside its content (no `/Rotate`): when most of
    /// its text runs up or down the page, turn the whole page back so that its text reads left to
    /// right and its tables' rows are rows.
    pub fn turn_upright(&mut self) {
        let n = self.glyphs.len();
        let turned = self.glyphs.iter().filter(|g| g.turned).count();
        if n == 0 || turned * 10 < n * 6 {
            return;
        }
        let up = self.glyphs.iter().filter(|g| g.turned && g.upward).count() * 2 > turned;
        // Text running up: turn clockwise, (x, y) → (y, −x); running down: (x, y) → (−y, x).
        let turn = |x: f64, y: f64| if up { (y, -x) } else { (-y, x) };
        for g in &mut self.glyphs {
            let (a, b) = (turn(g.x0, g.y0), turn(g.x1, g.y1));
            (g.x0, g.x1) = (a.0.min(b.0), a.0.max(b.0));
            (g.y0, g.y1) = (a.1.min(b.1), a.1.max(b.1));
            if g.turned {
                (g.turned, g.vertical, g.upward) = (false, false, false);
            } else {
                g.vertical = !g.vertical;
            }
        }
        let (h, v) = (std::mem::take(&mut self.h), std::mem::take(&mut self.v));
        // A horizontal rule becomes vertical and the other way round.
        let flip = |s: Seg, horizontal: bool| {
            let (p, q) = if horizontal {
                (turn(s.a, s.at), turn(s.b, s.at))
            } else {
                (turn(s.at, s.a), turn(s.at, s.b))
            };
            if horizontal {
                Seg {
                    at: p.0,
                    a: p.1.min(q.1),
                    b: p.1.max(q.1),
                }
            } else {
                Seg {
                    at: p.1,
                    a: p.0.min(q.0),
                    b: p.0.max(q.0),
                }
            }
        };
        self.v = h.into_iter().map(|s| flip(s, true)).collect();
        self.h = v.into_iter().map(|s| flip(s, false)).collect();
    }
}

/// Most operators run for one page, forms included (a bound on time for hostile content).
const MAX_OPS_PER_PAGE: usize = 2_000_000;
/// Deepest `q` nesting kept (deeper saves are counted, not stored).
const MAX_SAVE_DEPTH: usize = 256;
/// Most glyphs kept for a page.
const MAX_GLYPHS_PER_PAGE: usize = 200_000;
/// Most rules kept for a page.
const MAX_SEGS_PER_PAGE: usize = 100_000;

#[derive(Clone)]
struct TextState {
    font: Option<Rc<Font>>,
    size: f64,
    char_space: f64,
    word_space: f64,
    hscale: f64,
    leading: f64,
    rise: f64,
}

#[derive(Clone)]
struct GState {
    ctm: Matrix,
    text: TextState,
}

/// Runs pages, sharing loaded fonts.
pub struct Interp<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    /// Form XObjects' content, inflated once.
    forms: HashMap<ObjectId, Rc<Vec<u8>>>,
    max_depth: usize,
    /// A font named by the page being run could not be found.
    missing_font: bool,
}

struct Run<'r> {
    gs: GState,
    stack: Vec<GState>,
    overflow: usize,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<Vec<(f64, f64)>>,
    rects: Vec<[(f64, f64); 4]>,
    ops: usize,
    forms: Vec<ObjectId>,
    out: &'r mut PageContent,
}

impl<'a> Interp<'a> {
    pub fn new(doc: &'a Document, max_depth: usize) -> Self {
        Interp {
            doc,
            fonts: HashMap::new(),
            forms: HashMap::new(),
            max_depth,
            missing_font: false,
        }
    }

    /// Runs one page.
    pub fn page(&mut self, page: ObjectId, budget: &mut Budget) -> Result<PageContent, ReadError> {
        let doc = self.doc;
        let mut data = Vec::new();
        let failed = budget.failed;
        let mut broken = false;
        let contents = doc.get_page_contents(page);
        if contents.is_empty() && doc.get_dictionary(page).is_ok_and(|d| d.has(b"Contents")) {
            broken = true;
        }
        for id in contents {
            match doc.get_object(id) {
                Ok(Object::Stream(s)) => {
                    data.extend_from_slice(&budget.inflate(s)?);
                    data.push(b'\n');
                }
                _ => broken = true,
            }
        }
        let (own, inherited) = doc.get_page_resources(page).unwrap_or((None, Vec::new()));
        let mut res: Vec<&Dictionary> = own.into_iter().collect();
        for id in inherited {
            if let Ok(d) = doc.get_dictionary(id) {
                res.push(d);
            }
        }
        let mut out = PageContent {
            broken: broken || budget.failed > failed,
            ..Default::default()
        };
        let mut run = Run {
            gs: GState {
                ctm: page_rotation(doc, page),
                text: TextState {
                    font: None,
                    size: 0.0,
                    char_space: 0.0,
                    word_space: 0.0,
                    hscale: 1.0,
                    leading: 0.0,
                    rise: 0.0,
                },
            },
            stack: Vec::new(),
            overflow: 0,
            tm: Matrix::IDENTITY,
            tlm: Matrix::IDENTITY,
            path: Vec::new(),
            rects: Vec::new(),
            ops: 0,
            forms: Vec::new(),
            out: &mut out,
        };
        self.missing_font = false;
        let failed = budget.failed;
        self.run(&mut run, &data, &res, budget)?;
        out.broken |= self.missing_font || budget.failed > failed;
        Ok(out)
    }

    fn run(
        &mut self,
        r: &mut Run,
        data: &[u8],
        res: &[&Dictionary],
        budget: &mut Budget,
    ) -> Result<(), ReadError> {
        // A content stream that does not read to its end is read up to where it breaks.
        let mut lx = Lexer::new(data);
        let mut operands = Vec::new();
        while let Some(op) = lx.next_op(&mut operands) {
            r.ops += 1;
            if r.ops > MAX_OPS_PER_PAGE {
                return Err(ReadError::TooComplex(
                    "a PDF page has more than 2,000,000 drawing operations",
                ));
            }
            self.op(r, op, &operands, res, budget)?;
        }
        r.out.broken |= lx.broken;
        Ok(())
    }

    fn op(
        &mut self,
        r: &mut Run,
        operator: &[u8],
        o: &[Operand],
        res: &[&Dictionary],
        budget: &mut Budget,
    ) -> Result<(), ReadError> {
        let n = |i: usize| o.get(i).and_then(Operand::num).unwrap_or(0.0);
        match operator {
            b"q" => {
                if r.stack.len() < MAX_SAVE_DEPTH {
                    r.stack.push(r.gs.clone());
                } else {
                    r.overflow += 1;
                }
            }
            b"Q" => {
                if r.overflow > 0 {
                    r.overflow -= 1;
                } else if let Some(g) = r.stack.pop() {
                    r.gs = g;
                }
            }
            b"cm" => {
                if let Some(m) = Matrix::from_operands(o) {
                    r.gs.ctm = m.then(&r.gs.ctm);
                }
            }
            b"BT" => {
                r.tm = Matrix::IDENTITY;
                r.tlm = Matrix::IDENTITY;
            }
            b"ET" => {}
            b"Tf" => {
                r.gs.text.size = n(1);
                r.gs.text.font = match o.first() {
                    Some(Operand::Name(name)) => Some(self.font(res, name, budget)?),
                    _ => None,
                };
            }
            b"Tc" => r.gs.text.char_space = n(0),
            b"Tw" => r.gs.text.word_space = n(0),
            b"Tz" => r.gs.text.hscale = n(0) / 100.0,
            b"TL" => r.gs.text.leading = n(0),
            b"Ts" => r.gs.text.rise = n(0),
            b"Td" => {
                r.tlm = Matrix::translate(n(0), n(1)).then(&r.tlm);
                r.tm = r.tlm;
            }
            b"TD" => {
                r.gs.text.leading = -n(1);
                r.tlm = Matrix::translate(n(0), n(1)).then(&r.tlm);
                r.tm = r.tlm;
            }
            b"Tm" => {
                if let Some(m) = Matrix::from_operands(o) {
                    r.tlm = m;
                    r.tm = m;
                }
            }
            b"T*" => next_line(r),
            b"Tj" => {
                if let Some(Operand::Str(s)) = o.first() {
                    show(r, s);
                }
            }
            b"'" => {
                next_line(r);
                if let Some(Operand::Str(s)) = o.first() {
                    show(r, s);
                }
            }
            b"\"" => {
                r.gs.text.word_space = n(0);
                r.gs.text.char_space = n(1);
                next_line(r);
                if let Some(Operand::Str(s)) = o.get(2) {
                    show(r, s);
                }
            }
            b"TJ" => {
                if let Some(Operand::Array(items)) = o.first() {
                    for it in items {
                        match it {
                            Operand::Str(s) => show(r, s),
                            other => {
                                if let Some(adj) = other.num() {
                                    let t = &r.gs.text;
                                    let d = -adj / 1000.0 * t.size;
                                    let vertical = t.font.as_ref().is_some_and(|f| f.vertical);
                                    let m = if vertical {
                                        Matrix::translate(0.0, d)
                                    } else {
                                        Matrix::translate(d * t.hscale, 0.0)
                                    };
                                    r.tm = m.then(&r.tm);
                                }
                            }
                        }
                    }
                }
            }
            b"m" => r.path.push(vec![(n(0), n(1))]),
            b"l" => {
                let p = (n(0), n(1));
                match r.path.last_mut() {
                    Some(sp) => sp.push(p),
                    None => r.path.push(vec![p]),
                }
            }
            b"c" | b"v" | b"y" => {
                // Curves are not rules: the subpath goes on from the curve's end point.
                let (x, y) = if operator == b"c" {
                    (n(4), n(5))
                } else {
                    (n(2), n(3))
                };
                r.path.push(vec![(x, y)]);
            }
            b"h" => close_subpath(r),
            b"re" => {
                let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                r.rects
                    .push([(x, y), (x + w, y), (x + w, y + h), (x, y + h)]);
                // `re` ends at (x, y) in a new subpath: a following `l` starts there.
                r.path.push(vec![(x, y)]);
            }
            b"S" => paint(r, true, false),
            b"s" => {
                close_subpath(r);
                paint(r, true, false)
            }
            b"f" | b"F" | b"f*" => paint(r, false, true),
            b"B" | b"B*" => paint(r, true, true),
            b"b" | b"b*" => {
                close_subpath(r);
                paint(r, true, true)
            }
            b"n" => {
                r.path.clear();
                r.rects.clear();
            }
            b"Do" => {
                if let Some(Operand::Name(name)) = o.first() {
                    self.draw_xobject(r, name, res, budget)?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn font(
        &mut self,
        res: &[&Dictionary],
        name: &[u8],
        budget: &mut Budget,
    ) -> Result<Rc<Font>, ReadError> {
        let doc = self.doc;
        for d in res {
            let Some(Object::Dictionary(fonts)) = deref(doc, d.get(b"Font").ok()) else {
                continue;
            };
            let Ok(entry) = fonts.get(name) else { continue };
            if let Object::Reference(id) = entry
                && let Some(f) = self.fonts.get(id)
            {
                return Ok(f.clone());
            }
            if let Some(Object::Dictionary(fd)) = deref(doc, Some(entry)) {
                let f = Rc::new(Font::load(doc, fd, budget)?);
                if let Object::Reference(id) = entry {
                    self.fonts.insert(*id, f.clone());
                }
                return Ok(f);
            }
        }
        // A font the page names but does not have: its text is unknown, and the page damaged.
        self.missing_font = true;
        Ok(Rc::new(Font::fallback()))
    }

    fn draw_xobject(
        &mut self,
        r: &mut Run,
        name: &[u8],
        res: &[&Dictionary],
        budget: &mut Budget,
    ) -> Result<(), ReadError> {
        let doc = self.doc;
        let found = res.iter().find_map(|d| {
            let Some(Object::Dictionary(xs)) = deref(doc, d.get(b"XObject").ok()) else {
                return None;
            };
            xs.get(name).ok()
        });
        let Some(entry) = found else { return Ok(()) };
        let id = match entry {
            Object::Reference(id) => Some(*id),
            _ => None,
        };
        let Some(Object::Stream(s)) = deref(doc, Some(entry)) else {
            return Ok(());
        };
        let subtype = match s.dict.get(b"Subtype") {
            Ok(Object::Name(n)) => n.as_slice(),
            _ => b"",
        };
        if subtype == b"Image" {
            r.out.images += 1;
            return Ok(());
        }
        if subtype != b"Form" {
            return Ok(());
        }
        if let Some(id) = id
            && r.forms.contains(&id)
        {
            return Err(ReadError::PdfDamaged(format!(
                "form XObject {} {} draws itself (a reference cycle)",
                id.0, id.1
            )));
        }
        if r.forms.len() >= self.max_depth {
            return Err(ReadError::PdfTooLarge {
                what: "nesting depth of form XObjects",
                setting: "max_pdf_depth",
                size: r.forms.len() as u64 + 1,
                max: self.max_depth as u64,
            });
        }
        // A form drawn many times (a stamp, a header) is inflated once.
        let data = match id.and_then(|id| self.forms.get(&id)) {
            Some(d) => d.clone(),
            None => {
                let d = Rc::new(budget.inflate(s)?);
                if let Some(id) = id {
                    self.forms.insert(id, d.clone());
                }
                d
            }
        };
        let mut inner: Vec<&Dictionary> = Vec::new();
        if let Some(Object::Dictionary(d)) = deref(doc, s.dict.get(b"Resources").ok()) {
            inner.push(d);
        }
        inner.extend_from_slice(res);
        let saved = (r.gs.clone(), r.tm, r.tlm, std::mem::take(&mut r.path));
        if let Some(m) = s
            .dict
            .get(b"Matrix")
            .ok()
            .and_then(|o| o.as_array().ok())
            .and_then(|a| Matrix::from_objects(a))
        {
            r.gs.ctm = m.then(&r.gs.ctm);
        }
        r.forms.push(id.unwrap_or((0, 0)));
        // The form's q/Q are its own: an unbalanced Q in it cannot pop the page's saved states.
        let stack = std::mem::take(&mut r.stack);
        let overflow = std::mem::replace(&mut r.overflow, 0);
        let result = self.run(r, &data, &inner, budget);
        r.forms.pop();
        (r.stack, r.overflow) = (stack, overflow);
        (r.gs, r.tm, r.tlm, r.path) = saved;
        result
    }
}

/// The page as displayed: its `/Rotate` (inherited through the page tree) turns user space so
/// that a landscape table printed on a rotated page reads as its viewers see it.
fn page_rotation(doc: &Document, page: ObjectId) -> Matrix {
    let mut id = page;
    let mut rotate = None;
    for _ in 0..32 {
        let Ok(d) = doc.get_dictionary(id) else { break };
        if let Some(r) = deref(doc, d.get(b"Rotate").ok()).and_then(num) {
            rotate = Some(r);
            break;
        }
        match d.get(b"Parent") {
            Ok(Object::Reference(p)) => id = *p,
            _ => break,
        }
    }
    match (rotate.unwrap_or(0.0) as i64).rem_euclid(360) {
        90 => Matrix([0.0, -1.0, 1.0, 0.0, 0.0, 0.0]),
        180 => Matrix([-1.0, 0.0, 0.0, -1.0, 0.0, 0.0]),
        270 => Matrix([0.0, 1.0, -1.0, 0.0, 0.0, 0.0]),
        _ => Matrix::IDENTITY,
    }
}

/// `h` (and the closing operators): the subpath returns to its first point.
fn close_subpath(r: &mut Run) {
    if let Some(sp) = r.path.last_mut()
        && let Some(&first) = sp.first()
    {
        sp.push(first);
    }
}

fn next_line(r: &mut Run) {
    r.tlm = Matrix::translate(0.0, -r.gs.text.leading).then(&r.tlm);
    r.tm = r.tlm;
}

/// Shows a string: one glyph per character code, each placed by the text matrix.
fn show(r: &mut Run, bytes: &[u8]) {
    let t = r.gs.text.clone();
    let Some(font) = t.font.clone() else { return };
    let size = t.size;
    font.decode(bytes, |g| {
        let trm = Matrix([size * t.hscale, 0.0, 0.0, size, 0.0, t.rise])
            .then(&r.tm)
            .then(&r.gs.ctm);
        let extra = t.char_space
            + if font.is_word_space(&g) {
                t.word_space
            } else {
                0.0
            };
        if r.out.glyphs.len() >= MAX_GLYPHS_PER_PAGE {
            // Dropped text is damage to report, not silence.
            r.out.broken = true;
        } else if !g.text.trim().is_empty() {
            // The glyph's box in glyph space (units of font size): horizontal glyphs from the
            // origin to the advance, descent 0.2 and ascent 0.8; vertical glyphs centred on the
            // origin and hanging one em below it (PDF's default vertical metrics, DW2 [880 -1000]).
            let (a, b) = if font.vertical {
                (trm.apply(-0.5, -1.0), trm.apply(0.5, 0.0))
            } else {
                let w = if t.hscale != 0.0 { g.advance } else { 0.5 };
                (trm.apply(0.0, -0.2), trm.apply(w.max(0.1), 0.8))
            };
            let [ta, tb, tc, td, ..] = trm.0;
            let eff = (tc * tc + td * td).sqrt();
            // Rotated text (the baseline not along x) reads as vertical too.
            let rotated = tb.abs() > ta.abs();
            let upward = rotated && !font.vertical && tb > 0.0;
            let turned = rotated && !font.vertical;
            let vertical = font.vertical || rotated;
            // A baseline at a slant (neither along nor across the page) is a watermark or a
            // stamp, not a report's text: it would land in whatever cells it crosses.
            let slant = ta.abs().min(tb.abs()) > 0.09 * ta.abs().max(tb.abs());
            let glyph = PGlyph {
                text: g.text.clone(),
                x0: a.0.min(b.0),
                x1: a.0.max(b.0),
                y0: a.1.min(b.1),
                y1: a.1.max(b.1),
                size: eff,
                vertical,
                upward,
                turned,
            };
            // Text drawn twice a hair apart (bold simulated by overprinting) is one glyph, not
            // `11` for `1`.
            let twice = r.out.glyphs.iter().rev().take(8).any(|p| {
                p.text == glyph.text
                    && (p.x0 - glyph.x0).abs() < 0.2 * eff
                    && (p.y0 - glyph.y0).abs() < 0.2 * eff
            });
            if !slant && !twice {
                r.out.glyphs.push(glyph);
            }
        }
        let m = if font.vertical {
            Matrix::translate(0.0, -(g.advance * size) + extra)
        } else {
            Matrix::translate((g.advance * size + extra) * t.hscale, 0.0)
        };
        r.tm = m.then(&r.tm);
    });
}

/// Turns the current path into rules: segments of stroked paths that run along x or y, the
/// edges of stroked rectangles, and thin filled rectangles (Word draws cell borders so).
fn paint(r: &mut Run, stroke: bool, fill: bool) {
    let ctm = r.gs.ctm;
    let path = std::mem::take(&mut r.path);
    let rects = std::mem::take(&mut r.rects);
    let out = &mut *r.out;
    let mut push = |p: (f64, f64), q: (f64, f64)| {
        if out.h.len() + out.v.len() >= MAX_SEGS_PER_PAGE {
            out.broken = true;
            return;
        }
        let (p, q) = (ctm.apply(p.0, p.1), ctm.apply(q.0, q.1));
        if (p.1 - q.1).abs() < 0.5 && (p.0 - q.0).abs() >= 0.5 {
            out.h.push(Seg {
                at: (p.1 + q.1) / 2.0,
                a: p.0.min(q.0),
                b: p.0.max(q.0),
            });
        } else if (p.0 - q.0).abs() < 0.5 && (p.1 - q.1).abs() >= 0.5 {
            out.v.push(Seg {
                at: (p.0 + q.0) / 2.0,
                a: p.1.min(q.1),
                b: p.1.max(q.1),
            });
        }
    };
    if stroke {
        for sp in &path {
            for w in sp.windows(2) {
                push(w[0], w[1]);
            }
        }
    }
    for rc in &rects {
        let (w, h) = (
            (rc[1].0 - rc[0].0).abs() * scale_x(&ctm),
            (rc[3].1 - rc[0].1).abs() * scale_y(&ctm),
        );
        if fill && !stroke && (w < 3.0 || h < 3.0) {
            // A thin filled rectangle is a rule along its length.
            if w < h {
                let x = (rc[0].0 + rc[1].0) / 2.0;
                push((x, rc[0].1), (x, rc[3].1));
            } else {
                let y = (rc[0].1 + rc[3].1) / 2.0;
                push((rc[0].0, y), (rc[1].0, y));
            }
        } else if stroke {
            for k in 0..4 {
                push(rc[k], rc[(k + 1) % 4]);
            }
        }
    }
    if fill && !stroke {
        // Filled polygons drawn as closed thin shapes (some producers draw borders as
        // four-point paths): a thin one is a rule.
        for sp in &path {
            if sp.len() >= 4 {
                let xs = sp.iter().map(|p| p.0);
                let ys = sp.iter().map(|p| p.1);
                let (x0, x1) = (
                    xs.clone().fold(f64::MAX, f64::min),
                    xs.fold(f64::MIN, f64::max),
                );
                let (y0, y1) = (
                    ys.clone().fold(f64::MAX, f64::min),
                    ys.fold(f64::MIN, f64::max),
                );
                let (w, h) = ((x1 - x0) * scale_x(&ctm), (y1 - y0) * scale_y(&ctm));
                if w < 3.0 && h >= 3.0 {
                    let x = (x0 + x1) / 2.0;
                    push((x, y0), (x, y1));
                } else if h < 3.0 && w >= 3.0 {
                    let y = (y0 + y1) / 2.0;
                    push((x0, y), (x1, y));
                }
            }
        }
    }
}

fn scale_x(m: &Matrix) -> f64 {
    (m.0[0] * m.0[0] + m.0[1] * m.0[1]).sqrt()
}

fn scale_y(m: &Matrix) -> f64 {
    (m.0[2] * m.0[2] + m.0[3] * m.0[3]).sqrt()
}
