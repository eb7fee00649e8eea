//! A laid-out timeline as a standalone SVG document: no scripts, no external fonts or
//! images, hover texts as SVG `<title>` elements (issue 17).

use crate::timeline::layout::{Layout, Paint, ShapeKind};

/// Escape text for XML content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // XML 1.0 forbids most control characters, even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

fn num(x: f64) -> String {
    let r = (x * 10.0).round() / 10.0;
    if r == r.trunc() {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

fn paint_attrs(p: &Paint) -> String {
    let mut s = String::new();
    s.push_str(&format!(" fill=\"{}\"", p.fill.unwrap_or("none")));
    if let Some(c) = p.stroke {
        s.push_str(&format!(
            " stroke=\"{c}\" stroke-width=\"{}\"",
            num(p.stroke_width)
        ));
        if p.dashed {
            s.push_str(" stroke-dasharray=\"4 3\"");
        }
    }
    s
}

/// The SVG element of a layout, with no XML declaration (to be inlined in HTML as well).
pub fn svg_element(l: &Layout) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"DejaVu Sans, Verdana, sans-serif\">\n",
        w = num(l.width),
        h = num(l.height)
    ));
    out.push_str(&format!("<title>{}</title>\n", escape(&l.title)));
    out.push_str(
        "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"6\" markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555555\"/></marker></defs>\n",
    );
    out.push_str(&format!(
        "<rect class=\"background\" x=\"0\" y=\"0\" width=\"{}\" height=\"{}\" fill=\"#ffffff\"/>\n",
        num(l.width),
        num(l.height)
    ));
    out.push_str(&format!(
        "<text x=\"8\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"#222222\">{}</text>\n",
        escape(&l.title)
    ));
    let mut y = 40.0;
    for line in l.summary.iter().chain(l.notes.iter()) {
        out.push_str(&format!(
            "<text x=\"8\" y=\"{}\" font-size=\"12\" fill=\"#222222\">{}</text>\n",
            num(y),
            escape(line)
        ));
        y += 17.0;
    }
    for s in &l.shapes {
        let mark = s
            .mark
            .map(|m| format!(" data-mark=\"{m}\""))
            .unwrap_or_default();
        let (open, close) = match &s.kind {
            ShapeKind::Rect { x, y, w, h } => (
                format!(
                    "<rect class=\"{}\"{mark} x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}",
                    s.class,
                    num(*x),
                    num(*y),
                    num(*w),
                    num(*h),
                    paint_attrs(&s.paint)
                ),
                "rect",
            ),
            ShapeKind::Circle { cx, cy, r } => (
                format!(
                    "<circle class=\"{}\"{mark} cx=\"{}\" cy=\"{}\" r=\"{}\"{}",
                    s.class,
                    num(*cx),
                    num(*cy),
                    num(*r),
                    paint_attrs(&s.paint)
                ),
                "circle",
            ),
            ShapeKind::Line {
                x1,
                y1,
                x2,
                y2,
                arrow,
            } => (
                format!(
                    "<line class=\"{}\"{mark} x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"{}{}",
                    s.class,
                    num(*x1),
                    num(*y1),
                    num(*x2),
                    num(*y2),
                    paint_attrs(&s.paint),
                    if *arrow {
                        " marker-end=\"url(#arrow)\""
                    } else {
                        ""
                    }
                ),
                "line",
            ),
            ShapeKind::Polygon { points } => (
                format!(
                    "<polygon class=\"{}\"{mark} points=\"{}\"{}",
                    s.class,
                    points
                        .iter()
                        .map(|(x, y)| format!("{},{}", num(*x), num(*y)))
                        .collect::<Vec<_>>()
                        .join(" "),
                    paint_attrs(&s.paint)
                ),
                "polygon",
            ),
            ShapeKind::Text {
                x,
                y,
                text,
                size,
                anchor,
                bold,
            } => {
                out.push_str(&format!(
                    "<text class=\"{}\"{mark} x=\"{}\" y=\"{}\" font-size=\"{}\" text-anchor=\"{anchor}\"{}{}>",
                    s.class,
                    num(*x),
                    num(*y),
                    num(*size),
                    if *bold { " font-weight=\"bold\"" } else { "" },
                    paint_attrs(&s.paint)
                ));
                if let Some(t) = &s.title {
                    out.push_str(&format!("<title>{}</title>", escape(t)));
                }
                out.push_str(&escape(text));
                out.push_str("</text>\n");
                continue;
            }
        };
        out.push_str(&open);
        match &s.title {
            Some(t) => out.push_str(&format!("><title>{}</title></{close}>\n", escape(t))),
            None => out.push_str("/>\n"),
        }
    }
    out.push_str("</svg>\n");
    out
}

/// A standalone SVG file.
pub fn svg_document(l: &Layout) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{}",
        svg_element(l)
    )
}
