//! Every outcome of an exploration side by side, each with its timeline and the choices
//! that lead to it, as one standalone HTML page (no scripts, no external assets; issue 17).

use crate::timeline::layout::Layout;
use crate::timeline::svg::{escape, svg_element};

/// One distinct outcome, as the page shows it.
pub struct OutcomeView {
    /// "Outcome 2 of 6: 1 run".
    pub heading: String,
    /// The choices of the first run that gave it, one line each ("wait(): order of set(fs):
    /// 2nd of 3").
    pub choices: Vec<String>,
    /// What the program printed (stdout then stderr, with virtual times).
    pub output: String,
    pub layout: Layout,
}

/// The page: a title, a line about the exploration, and the outcomes in a row that scrolls
/// sideways.
pub fn html_page(title: &str, intro: &str, outcomes: &[OutcomeView]) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(&format!("<title>{}</title>\n", escape(title)));
    out.push_str(
        "<style>\n\
         body { font-family: 'DejaVu Sans', Verdana, sans-serif; margin: 16px; color: #222; }\n\
         .outcomes { display: flex; flex-direction: row; gap: 16px; align-items: flex-start; overflow-x: auto; }\n\
         .outcome { flex: 0 0 auto; border: 1px solid #ccc; border-radius: 6px; padding: 8px; max-width: 95vw; }\n\
         .outcome h2 { font-size: 16px; margin: 4px 0; }\n\
         .outcome ol { font-size: 13px; margin: 4px 0 8px 0; }\n\
         .outcome pre { font-size: 12px; background: #f6f6f6; padding: 6px; max-height: 220px; overflow: auto; }\n\
         .picture { overflow: auto; max-height: 80vh; }\n\
         </style>\n</head>\n<body>\n",
    );
    out.push_str(&format!(
        "<h1>{}</h1>\n<p>{}</p>\n",
        escape(title),
        escape(intro)
    ));
    out.push_str("<div class=\"outcomes\">\n");
    for o in outcomes {
        out.push_str("<section class=\"outcome\">\n");
        out.push_str(&format!("<h2>{}</h2>\n", escape(&o.heading)));
        if o.choices.is_empty() {
            out.push_str("<p>Reached with no choice made (the first option everywhere).</p>\n");
        } else {
            out.push_str("<p>The choices that lead here:</p>\n<ol>\n");
            for c in &o.choices {
                out.push_str(&format!("<li>{}</li>\n", escape(c)));
            }
            out.push_str("</ol>\n");
        }
        out.push_str(&format!("<pre>{}</pre>\n", escape(&o.output)));
        out.push_str("<div class=\"picture\">\n");
        out.push_str(&svg_element(&o.layout));
        out.push_str("</div>\n</section>\n");
    }
    out.push_str("</div>\n</body>\n</html>\n");
    out
}
