//! What a timeline is drawn with: shapes, their paint, and the fill of each kind of mark
//! (issue 17). The fills are distinct so that a reader, and the render test reading
//! Chromium's pixels, can tell each kind of mark by colour alone.

/// Fills of the marks: distinct, so that each kind can be found by colour.
pub mod colour {
    pub const STEP: &str = "#3b6fb6";
    pub const CALLBACK: &str = "#a7adb5";
    pub const RESULT: &str = "#1a9850";
    pub const RAISED: &str = "#e60000";
    /// Edges and text that say "raised" or "returned" without being a task's ending (the
    /// outer futures' diamonds, asyncio.run()'s outcome): darker, so that the fills above
    /// stay the only pixels of their colour.
    pub const RAISED_EDGE: &str = "#9e0000";
    pub const RESULT_EDGE: &str = "#0b5e2e";
    pub const CANCELLED_EDGE: &str = "#4a1a5e";
    pub const CANCELLED: &str = "#7b3294";
    pub const OUTER_DONE: &str = "#ffc000";
    pub const RETRIEVED: &str = "#ff8c00";
    pub const CANCEL_REQUESTED: &str = "#00b3b3";
    pub const CANCEL_DELIVERED: &str = "#005f5f";
    pub const PRINT: &str = "#111111";
    pub const REPORT: &str = "#c51b7d";
    pub const WARNING: &str = "#c8b400";
    pub const CHOICE: &str = "#1f3b73";
    pub const AWAIT: &str = "#555555";
    pub const GUIDE: &str = "#d9d9d9";
    pub const TURN_BAND: &str = "#f4f6f8";
    pub const TEXT: &str = "#222222";
}

/// How a shape is painted.
#[derive(Clone, Debug, PartialEq)]
pub struct Paint {
    pub fill: Option<&'static str>,
    pub stroke: Option<&'static str>,
    pub stroke_width: f64,
    pub dashed: bool,
}

impl Paint {
    pub fn fill(c: &'static str) -> Paint {
        Paint {
            fill: Some(c),
            stroke: None,
            stroke_width: 0.0,
            dashed: false,
        }
    }
    pub fn stroke(c: &'static str, w: f64) -> Paint {
        Paint {
            fill: None,
            stroke: Some(c),
            stroke_width: w,
            dashed: false,
        }
    }
    pub fn dashed(mut self) -> Paint {
        self.dashed = true;
        self
    }
    pub fn with_stroke(mut self, c: &'static str, w: f64) -> Paint {
        self.stroke = Some(c);
        self.stroke_width = w;
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ShapeKind {
    Rect {
        x: f64,
        y: f64,
        w: f64,
        h: f64,
    },
    Circle {
        cx: f64,
        cy: f64,
        r: f64,
    },
    Line {
        x1: f64,
        y1: f64,
        x2: f64,
        y2: f64,
        arrow: bool,
    },
    Polygon {
        points: Vec<(f64, f64)>,
    },
    Text {
        x: f64,
        y: f64,
        text: String,
        size: f64,
        anchor: &'static str,
        bold: bool,
    },
}

/// One thing drawn: its geometry, paint, hover text, and the mark it shows (an index into
/// `Recorder::marks`), if any.
#[derive(Clone, Debug, PartialEq)]
pub struct Shape {
    pub kind: ShapeKind,
    pub paint: Paint,
    pub title: Option<String>,
    pub mark: Option<usize>,
    /// What the shape stands for, as the SVG's `class` names it (`step`, `raised`, ...).
    pub class: &'static str,
}

/// The x of a shape: its left edge, centre or start point.
pub fn shape_x(s: &Shape) -> f64 {
    match &s.kind {
        ShapeKind::Rect { x, .. } => *x,
        ShapeKind::Circle { cx, .. } => *cx,
        ShapeKind::Line { x1, .. } => *x1,
        ShapeKind::Polygon { points } => points.first().map(|p| p.0).unwrap_or(0.0),
        ShapeKind::Text { x, .. } => *x,
    }
}
