//! What the office prints, as PDF: the signature sheet of a session, the
//! summary register of a module, the certificates of attendance
//! (docs/printing.md). The pages are drawn here with krilla, in DejaVu
//! Sans embedded and subset on output, so that the text is real text,
//! searchable and copyable with its accents. No terminal code: the CLI
//! and the screen hand in what to print and write the bytes out.

pub mod certificate_mail;
pub mod certificates;
pub mod documents;
pub mod letters;
pub mod sheets;
pub mod summary;

use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use crate::i18n::Catalogue;

/// DejaVu Sans, regular and bold (assets/fonts, with its licence).
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// A4 in points, portrait.
pub const A4: (f32, f32) = (595.0, 842.0);
/// The margin on every side, in points (15 mm).
pub const MARGIN: f32 = 42.5;

/// Why a PDF could not be made.
#[derive(Debug)]
pub struct PrintError(pub String);

impl std::fmt::Display for PrintError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PrintError {}

/// Printing is asked for by the command line and the screen, both of
/// which chose the user's language at start: a store error is worded in
/// it here, where no catalogue is passed down.
impl From<crate::store::StoreError> for PrintError {
    fn from(e: crate::store::StoreError) -> Self {
        PrintError(crate::store::describe(&e, crate::i18n::current()))
    }
}

/// The two faces of the embedded font: krilla's handle to draw with, and
/// the parsed face to measure text with (for fitting it to a column).
struct Face {
    font: Font,
    data: &'static [u8],
}

impl Face {
    fn load(data: &'static [u8]) -> Result<Face, PrintError> {
        let font = Font::new(data.into(), 0)
            .ok_or_else(|| PrintError("the embedded font cannot be read".into()))?;
        Ok(Face { font, data })
    }

    /// The width of `text` at `size` points, from the font's advances.
    fn width(&self, text: &str, size: f32) -> f32 {
        let Ok(face) = ttf_parser::Face::parse(self.data, 0) else {
            return 0.0;
        };
        let units = f32::from(face.units_per_em());
        let advance: f32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0.0, f32::from)
            })
            .sum();
        advance * size / units
    }
}

/// A PDF being written page after page: each page is drawn and closed
/// before the next one starts, so that only the finished pages' bytes
/// are kept, never the pages themselves.
pub struct Pdf {
    document: Document,
    regular: Face,
    bold: Face,
    pages: usize,
}

impl Pdf {
    pub fn new() -> Result<Pdf, PrintError> {
        Ok(Pdf {
            document: Document::new(),
            regular: Face::load(REGULAR)?,
            bold: Face::load(BOLD)?,
            pages: 0,
        })
    }

    /// Draws one page of `width` × `height` points with `draw`.
    pub fn page(
        &mut self,
        (width, height): (f32, f32),
        draw: impl FnOnce(&mut Canvas),
    ) -> Result<(), PrintError> {
        let size =
            Size::from_wh(width, height).ok_or_else(|| PrintError("a page has no size".into()))?;
        let mut page = self.document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        let mut canvas = Canvas {
            surface: &mut surface,
            regular: &self.regular,
            bold: &self.bold,
            width,
            height,
        };
        draw(&mut canvas);
        surface.finish();
        page.finish();
        self.pages += 1;
        Ok(())
    }

    /// How many pages have been drawn so far.
    pub fn pages(&self) -> usize {
        self.pages
    }

    /// `text` broken into lines of at most `width`, as a page would
    /// break it: for laying out what runs over several pages before
    /// drawing them.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        wrap(
            if bold { &self.bold } else { &self.regular },
            text,
            size,
            width,
        )
    }

    /// The finished file.
    pub fn finish(self) -> Result<Vec<u8>, PrintError> {
        self.document
            .finish()
            .map_err(|e| PrintError(format!("the PDF cannot be made: {e:?}")))
    }
}

/// `text` broken into lines of at most `width` in `face`, at spaces (a
/// word longer than the line stays whole on its own line).
fn wrap(face: &Face, text: &str, size: f32, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in clean(text).split_whitespace() {
        let tried = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if face.width(&tried, size) <= width || line.is_empty() {
            line = tried;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// Where text goes in its box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// One page being drawn; `x` from the left edge, `y` from the top, in
/// points.
pub struct Canvas<'a, 'b> {
    surface: &'a mut Surface<'b>,
    regular: &'a Face,
    bold: &'a Face,
    pub width: f32,
    pub height: f32,
}

impl Canvas<'_, '_> {
    fn face(&self, bold: bool) -> &Face {
        if bold { self.bold } else { self.regular }
    }

    /// The width of `text` as it would be drawn.
    pub fn measure(&self, text: &str, size: f32, bold: bool) -> f32 {
        self.face(bold).width(text, size)
    }

    /// `text` on the baseline `y`, starting at `x`; control characters
    /// from the data are left out.
    pub fn text(&mut self, x: f32, y: f32, size: f32, bold: bool, text: &str) {
        let clean = clean(text);
        if clean.is_empty() {
            return;
        }
        let font = self.face(bold).font.clone();
        self.surface.set_fill(Some(Fill {
            paint: rgb::Color::black().into(),
            ..Fill::default()
        }));
        self.surface.draw_text(
            Point::from_xy(x, y),
            font,
            size,
            &clean,
            false,
            TextDirection::Auto,
        );
    }

    /// `text` in the box from `x` of `width`, cut with `…` where it
    /// would not fit.
    pub fn text_in(
        &mut self,
        (x, width): (f32, f32),
        y: f32,
        size: f32,
        bold: bool,
        align: Align,
        text: &str,
    ) {
        let fitted = self.fit(&clean(text), size, bold, width);
        let used = self.measure(&fitted, size, bold);
        let at = match align {
            Align::Left => x,
            Align::Centre => x + (width - used) / 2.0,
            Align::Right => x + width - used,
        };
        self.text(at, y, size, bold, &fitted);
    }

    /// `text` broken into lines of at most `width`, at spaces.
    pub fn wrap(&self, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
        wrap(self.face(bold), text, size, width)
    }

    /// `text` as it fits in `width`: whole, or cut with `…`.
    fn fit(&self, text: &str, size: f32, bold: bool, width: f32) -> String {
        if self.measure(text, size, bold) <= width {
            return text.to_string();
        }
        let mut kept: Vec<char> = text.chars().collect();
        while !kept.is_empty() {
            kept.pop();
            let tried: String = kept.iter().collect::<String>() + "…";
            if self.measure(&tried, size, bold) <= width {
                return tried;
            }
        }
        String::new()
    }

    /// A straight line `thickness` points wide.
    pub fn line(&mut self, from: (f32, f32), to: (f32, f32), thickness: f32) {
        let mut path = PathBuilder::new();
        path.move_to(from.0, from.1);
        path.line_to(to.0, to.1);
        let Some(path) = path.finish() else { return };
        self.surface.set_fill(None);
        self.surface.set_stroke(Some(Stroke {
            paint: rgb::Color::black().into(),
            width: thickness,
            ..Stroke::default()
        }));
        self.surface.draw_path(&path);
        self.surface.set_stroke(None);
    }

    /// An image (PNG or JPEG) fitted in the box from (`x`, `y`) of
    /// `width` × `height`, its proportions kept; nothing for bytes that
    /// are no image.
    pub fn image(&mut self, bytes: &[u8], (x, y): (f32, f32), (width, height): (f32, f32)) {
        let data: krilla::Data = bytes.to_vec().into();
        let image = krilla::image::Image::from_png(data.clone(), true)
            .or_else(|_| krilla::image::Image::from_jpeg(data, true));
        let Ok(image) = image else { return };
        let (w, h) = image.size();
        if w == 0 || h == 0 {
            return;
        }
        let scale = (width / w as f32).min(height / h as f32);
        let Some(size) = Size::from_wh(w as f32 * scale, h as f32 * scale) else {
            return;
        };
        self.surface
            .push_transform(&krilla::geom::Transform::from_translate(x, y));
        self.surface.draw_image(image, size);
        self.surface.pop();
    }

    /// "pag. 1 di 3" at the foot's right.
    pub fn page_number(&mut self, t: &Catalogue, page: usize, of: usize) {
        let text = crate::i18n::fill(
            t.print_page_of,
            &[("page", &page.to_string()), ("pages", &of.to_string())],
        );
        let width = self.width - 2.0 * MARGIN;
        let y = self.height - MARGIN / 2.0;
        self.text_in((MARGIN, width), y, 8.0, false, Align::Right, &text);
    }
}

/// Text from the register as it may be printed: control characters
/// (a line break typed in a field, an escape) become spaces.
pub fn clean(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_string()
}

/// Hours as the language writes them: `2,5` in Italian.
pub fn hours(minutes: i64, t: &Catalogue) -> String {
    crate::domain::format_hours(minutes).replace('.', t.decimal_separator)
}

/// A percentage to one decimal, as the language writes it.
pub fn percentage(part: i64, whole: i64, t: &Catalogue) -> String {
    if whole <= 0 {
        return String::new();
    }
    format!("{:.1}%", 100.0 * part as f64 / whole as f64).replace('.', t.decimal_separator)
}

/// A date of the register (`2026-12-04`) as the language writes it.
pub fn date(text: &str, t: &Catalogue) -> String {
    crate::store::attendance::local_date(text, t)
}
