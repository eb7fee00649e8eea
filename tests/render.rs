//! Timelines as a person sees them (issue 17): the seed programs' pictures rendered by
//! headless Chromium to PNG, then read back pixel by pixel. Each kind of mark has a fill of
//! its own (the legend's), so the test finds the marks by colour and checks that they are
//! where the seed document (CPython's output) says: gather's outer future done while the
//! siblings run on, the five reports at the end after wait(), nothing reported with
//! return_exceptions=True.
//!
//! Chromium is Debian's package, installed by `scripts/chromium.sh` (which `scripts/test.sh`
//! runs first). Where it cannot be installed, each test says so and passes;
//! `AIOSPEC_SKIP_CHROMIUM=1` skips them explicitly.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use aiospec_model::timeline::layout::colour;
use aiospec_model::timeline::{self, svg};
use aiospec_model::{Config, FirstChoice, Impl, PyVersion};

/// The browser, or None with the reason printed (the test then passes as skipped).
fn chromium() -> Option<PathBuf> {
    if std::env::var("AIOSPEC_SKIP_CHROMIUM").as_deref() == Ok("1") {
        eprintln!("SKIPPED: the Chromium render test (AIOSPEC_SKIP_CHROMIUM=1)");
        return None;
    }
    let script = common::root().join("scripts/chromium.sh");
    let out = Command::new("bash").arg(&script).output();
    match out {
        Ok(o) if o.status.success() => {
            let path = String::from_utf8_lossy(&o.stdout).trim().to_string();
            Some(PathBuf::from(path))
        }
        Ok(o) => {
            eprintln!(
                "SKIPPED: the Chromium render test: Chromium cannot be installed here: {}",
                String::from_utf8_lossy(&o.stderr).trim()
            );
            None
        }
        Err(e) => {
            eprintln!(
                "SKIPPED: the Chromium render test: cannot run {}: {e}",
                script.display()
            );
            None
        }
    }
}

/// A rendered picture: width, height, RGBA rows.
struct Png {
    w: usize,
    h: usize,
    rgba: Vec<u8>,
}

impl Png {
    fn at(&self, x: usize, y: usize) -> (u8, u8, u8) {
        let i = (y * self.w + x) * 4;
        (self.rgba[i], self.rgba[i + 1], self.rgba[i + 2])
    }
}

/// Draw `example` on `minor` and render it in Chromium at its own size.
fn render(exe: &Path, example: &str, minor: u8) -> Png {
    let p = common::example(example);
    let v = PyVersion::new(minor);
    let (_, _, l) = timeline::picture(
        &p,
        v,
        Impl::C,
        &Config::default(),
        &mut FirstChoice,
        &timeline::title(example, v),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    let dir = std::env::temp_dir().join(format!(
        "aiospec-render-{}-{}",
        std::process::id(),
        example.replace('/', "-")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    let svg_path = dir.join("t.svg");
    std::fs::write(&svg_path, svg::svg_document(&l)).expect("write svg");
    let png_path = dir.join("t.png");
    let (w, h) = (l.width.ceil() as usize, l.height.ceil() as usize);
    let out = Command::new("timeout")
        .arg("120")
        .arg(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
            "--default-background-color=ffffffff",
        ])
        .arg(format!("--user-data-dir={}", dir.join("profile").display()))
        .arg(format!("--screenshot={}", png_path.display()))
        .arg(format!("--window-size={w},{h}"))
        .arg(format!("file://{}", svg_path.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.status.success() && png_path.exists(),
        "Chromium failed on {example}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let decoder = png::Decoder::new(std::fs::File::open(&png_path).expect("png"));
    let mut reader = decoder.read_info().expect("png header");
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).expect("png frame");
    let (pw, ph) = (info.width as usize, info.height as usize);
    assert_eq!((pw, ph), (w, h), "{example}: the screenshot's size");
    let rgba = match info.color_type {
        png::ColorType::Rgba => buf[..pw * ph * 4].to_vec(),
        png::ColorType::Rgb => buf[..pw * ph * 3]
            .chunks(3)
            .flat_map(|c| [c[0], c[1], c[2], 255])
            .collect(),
        other => panic!("{example}: unexpected PNG colour type {other:?}"),
    };
    let _ = std::fs::remove_dir_all(&dir);
    Png { w: pw, h: ph, rgba }
}

fn rgb(hex: &str) -> (u8, u8, u8) {
    let n = u32::from_str_radix(hex.trim_start_matches('#'), 16).expect("a colour");
    ((n >> 16) as u8, (n >> 8) as u8, n as u8)
}

/// A connected region of one fill: its bounding box and size in pixels.
#[derive(Debug, Clone, Copy)]
struct Blob {
    cx: f64,
    cy: f64,
    pixels: usize,
}

/// The regions of at least 30 pixels of `hex` (within a small tolerance): whole marks, not
/// the anti-aliased edges of thin lines or text.
fn blobs(img: &Png, hex: &str) -> Vec<Blob> {
    let want = rgb(hex);
    let close = |p: (u8, u8, u8)| {
        (p.0 as i32 - want.0 as i32).abs() <= 6
            && (p.1 as i32 - want.1 as i32).abs() <= 6
            && (p.2 as i32 - want.2 as i32).abs() <= 6
    };
    let mut seen = vec![false; img.w * img.h];
    let mut out = Vec::new();
    for y in 0..img.h {
        for x in 0..img.w {
            if seen[y * img.w + x] || !close(img.at(x, y)) {
                continue;
            }
            let mut stack = vec![(x, y)];
            seen[y * img.w + x] = true;
            let (mut n, mut sx, mut sy) = (0usize, 0usize, 0usize);
            while let Some((px, py)) = stack.pop() {
                n += 1;
                sx += px;
                sy += py;
                let mut visit = |qx: usize, qy: usize| {
                    if !seen[qy * img.w + qx] && close(img.at(qx, qy)) {
                        seen[qy * img.w + qx] = true;
                        stack.push((qx, qy));
                    }
                };
                if px > 0 {
                    visit(px - 1, py);
                }
                if py > 0 {
                    visit(px, py - 1);
                }
                if px + 1 < img.w {
                    visit(px + 1, py);
                }
                if py + 1 < img.h {
                    visit(px, py + 1);
                }
            }
            if n >= 30 {
                out.push(Blob {
                    cx: sx as f64 / n as f64,
                    cy: sy as f64 / n as f64,
                    pixels: n,
                });
            }
        }
    }
    out
}

/// The marks of one fill in the lanes, the legend's swatch left out (the legend is below the
/// lanes: its step swatch is the lowest region of the step colour).
fn marks(img: &Png, hex: &str) -> Vec<Blob> {
    let legend_y = blobs(img, colour::STEP)
        .iter()
        .map(|b| b.cy)
        .fold(0.0, f64::max);
    assert!(
        legend_y > 0.0,
        "no step drawn at all: the picture did not render"
    );
    blobs(img, hex)
        .into_iter()
        .filter(|b| b.cy < legend_y - 8.0)
        .collect()
}

/// Seed (b) on 3.8 (the seed document's run_forever variant): gather's outer future is done
/// at t=1, and eight siblings end after it (2 ok ... 9 crashed!).
#[test]
fn g2_outer_future_done_before_the_siblings_end() {
    let Some(exe) = chromium() else { return };
    let img = render(&exe, "seed/b_gather_run_forever.py", 8);
    let outer = marks(&img, colour::OUTER_DONE);
    assert_eq!(outer.len(), 1, "{outer:?}");
    let gx = outer[0].cx;
    let ends: Vec<Blob> = marks(&img, colour::RESULT)
        .into_iter()
        .chain(marks(&img, colour::RAISED))
        .collect();
    // Ten children and main end: 0 ok (before), 1 crashed! and main (at t=1), 2..9 after.
    assert_eq!(ends.len(), 11, "{ends:?}");
    // main's lane is the first task lane: its end is the highest.
    let main = ends
        .iter()
        .min_by(|a, b| a.cy.total_cmp(&b.cy))
        .copied()
        .expect("main's end");
    assert!(
        main.cx > gx,
        "main raised after gather's outer future was done"
    );
    let later = ends
        .iter()
        .filter(|b| b.cy > main.cy + 4.0 && b.cx > gx + 4.0)
        .count();
    assert_eq!(later, 8, "gather done at x={gx}: {ends:?}");
    let last_sibling = ends.iter().map(|b| b.cx).fold(0.0, f64::max);
    assert!(gx < last_sibling);
}

/// Seed (a) on 3.12: the exception reaches main (its lane, the first task lane, ends red)
/// while the eight siblings still sleeping run on, until asyncio.run cancels them (X2).
#[test]
fn x2_exception_reaches_main_while_siblings_run_on() {
    let Some(exe) = chromium() else { return };
    let img = render(&exe, "seed/a_gather.py", 12);
    let raised = marks(&img, colour::RAISED);
    // main and child 1.
    assert_eq!(raised.len(), 2, "{raised:?}");
    let main = raised
        .iter()
        .min_by(|a, b| a.cy.total_cmp(&b.cy))
        .copied()
        .expect("main raised");
    let cancelled = marks(&img, colour::CANCELLED);
    assert_eq!(cancelled.len(), 8, "{cancelled:?}");
    assert!(
        cancelled.iter().all(|b| b.cx > main.cx && b.cy > main.cy),
        "main raised at {main:?}; cancelled: {cancelled:?}"
    );
    // gather#1 was done before main raised.
    let outer = marks(&img, colour::OUTER_DONE);
    let first = outer
        .iter()
        .min_by(|a, b| a.cy.total_cmp(&b.cy))
        .expect("gather#1");
    assert!(first.cx < main.cx);
}

/// Seed (c) on 3.10: five reports, at the end, right of every step.
#[test]
fn r6_five_reports_at_the_end() {
    let Some(exe) = chromium() else { return };
    let img = render(&exe, "seed/c_wait.py", 10);
    let reports = marks(&img, colour::REPORT);
    assert_eq!(reports.len(), 5, "{reports:?}");
    let last_step = marks(&img, colour::STEP)
        .iter()
        .map(|b| b.cx)
        .fold(0.0, f64::max);
    assert!(reports.iter().all(|r| r.cx > last_step), "{reports:?}");
    assert!(marks(&img, colour::RETRIEVED).is_empty());
}

/// Seed (e) on 3.12: nothing reported; the five exceptions retrieved by gather.
#[test]
fn g3_nothing_reported() {
    let Some(exe) = chromium() else { return };
    let img = render(&exe, "seed/e_gather_return_exceptions.py", 12);
    assert!(marks(&img, colour::REPORT).is_empty());
    let retrieved = marks(&img, colour::RETRIEVED);
    assert_eq!(retrieved.len(), 5, "{retrieved:?}");
    assert!(retrieved.iter().all(|b| b.pixels < 200));
}
