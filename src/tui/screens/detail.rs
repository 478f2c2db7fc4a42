//! The detail views: a module with its sessions and participants, a
//! session's roster, a person's card, a note. Each is a list
//! of lines, some of which can be selected and opened.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use crate::domain::format_clock;
use crate::i18n::fill;
use crate::keys::{Action, Key};
use crate::store::Result;
use crate::tui::text::fit;
use crate::tui::view::{Input, MOVES, Outcome, Question, Reply, Ui, View};

use super::forms;

use super::editor::NoteEditor;
use super::roster::RosterView;
use crate::store::notes::NoteSubject;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Module(i64),
    Session(i64),
    Person(i64),
    Note(i64),
    /// Every clash and every module whose hours do not add up.
    Clashes,
    /// A module's material: Enter shows its reference.
    Material(i64),
}

/// What a line offers besides opening its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineAction {
    None,
    /// Rate this participation (an enrolment).
    Rate(i64),
    /// Merge this person (a possible duplicate) into the card's person.
    Merge(i64),
}

/// One line of a detail view.
#[derive(Debug, Clone)]
pub enum DetailLine {
    Heading(String),
    Field(String, String),
    /// A row of cells with their widths; Enter opens `target`; `act`
    /// says what else can be done from it.
    Item {
        cells: Vec<(String, u16)>,
        target: Option<Subject>,
        style: Style,
        act: LineAction,
    },
    Text(String),
    Blank,
}

impl DetailLine {
    /// A section's heading with how many lines it holds: `Sessions (12)`.
    fn section(title: &str, count: usize) -> DetailLine {
        DetailLine::Heading(format!("{title} ({count})"))
    }

    fn item(cells: Vec<(String, u16)>, target: Option<Subject>) -> DetailLine {
        DetailLine::Item {
            cells,
            target,
            style: Style::new(),
            act: LineAction::None,
        }
    }

    fn acting(cells: Vec<(String, u16)>, target: Option<Subject>, act: LineAction) -> DetailLine {
        DetailLine::Item {
            cells,
            target,
            style: Style::new(),
            act,
        }
    }

    fn is_selectable(&self) -> bool {
        matches!(
            self,
            DetailLine::Item {
                target: Some(_),
                ..
            }
        )
    }
}

pub struct DetailView {
    subject: Subject,
    title: String,
    lines: Vec<DetailLine>,
    selected: Option<usize>,
    offset: usize,
    height: usize,
    error: Option<String>,
    /// Typing a rating for this participation.
    rating: Option<(i64, String)>,
    /// Asked whether to merge this person into the card's person.
    merging: Option<i64>,
}

impl DetailView {
    pub fn new(subject: Subject, ui: &Ui) -> DetailView {
        let mut view = DetailView {
            subject,
            title: String::new(),
            lines: Vec::new(),
            selected: None,
            offset: 0,
            height: 0,
            error: None,
            rating: None,
            merging: None,
        };
        view.load(ui);
        view.selected = view.lines.iter().position(DetailLine::is_selectable);
        view
    }

    fn load(&mut self, ui: &Ui) {
        match build(self.subject, ui) {
            Ok((title, lines)) => {
                self.title = title;
                self.lines = lines;
                self.error = None;
            }
            Err(e) => self.error = Some(crate::store::describe(&e, ui.text())),
        }
        if let Some(selected) = self.selected
            && !self
                .lines
                .get(selected)
                .is_some_and(DetailLine::is_selectable)
        {
            self.selected = self.lines.iter().position(DetailLine::is_selectable);
        }
    }

    /// Moves to the `steps`-th selectable line up or down; without any,
    /// scrolls.
    fn step(&mut self, steps: isize) {
        let selectable: Vec<usize> = (0..self.lines.len())
            .filter(|&i| self.lines[i].is_selectable())
            .collect();
        let Some(current) = self
            .selected
            .and_then(|s| selectable.iter().position(|&i| i == s))
        else {
            let max = self.lines.len().saturating_sub(self.height);
            self.offset = (self.offset as isize + steps).clamp(0, max as isize) as usize;
            return;
        };
        let target = (current as isize + steps).clamp(0, selectable.len() as isize - 1);
        self.selected = Some(selectable[target as usize]);
        if steps < 0 && target == 0 {
            // Back at the first item: show the heading above it too.
            self.offset = 0;
        }
    }

    fn selected_act(&self) -> LineAction {
        match self.selected.and_then(|i| self.lines.get(i)) {
            Some(DetailLine::Item { act, .. }) => *act,
            _ => LineAction::None,
        }
    }

    /// The participation the selected line can rate, if any.
    fn selected_rates(&self) -> Option<i64> {
        match self.selected_act() {
            LineAction::Rate(enrolment) => Some(enrolment),
            _ => None,
        }
    }

    fn keep_selection_visible(&mut self) {
        if let Some(selected) = self.selected {
            if selected < self.offset {
                self.offset = selected;
            } else if self.height > 0 && selected >= self.offset + self.height {
                self.offset = selected + 1 - self.height;
            }
        }
        let max = self.lines.len().saturating_sub(self.height);
        self.offset = self.offset.min(max);
    }
}

impl View for DetailView {
    fn printable(&self) -> Option<crate::tui::view::Printable> {
        use crate::tui::view::Printable;
        match self.subject {
            Subject::Module(id) => Some(Printable::Module(id)),
            Subject::Session(id) => Some(Printable::Session(id)),
            Subject::Person(id) => Some(Printable::Person(id)),
            _ => None,
        }
    }
    fn handle(&mut self, input: Input, ui: &Ui) -> Outcome {
        if let (Some((enrolment, typed)), Input::Text(chord)) = (&mut self.rating, input) {
            let enrolment = *enrolment;
            match chord.key {
                Key::Char(c) => typed.push(c),
                Key::Backspace => {
                    typed.pop();
                }
                Key::Esc => self.rating = None,
                Key::Enter => {
                    let typed = typed.clone();
                    self.rating = None;
                    let said = rate(ui, enrolment, &typed);
                    self.load(ui);
                    self.error = Some(said);
                }
                _ => {}
            }
            return Outcome::Done;
        }
        if let (Some(drop), Input::Text(chord)) = (self.merging, input) {
            let answer = ui
                .settings
                .keys
                .action_for(chord, &[Action::Confirm, Action::Deny]);
            if answer.is_some() {
                self.merging = None;
            }
            if let (Some(Action::Confirm), Subject::Person(keep)) = (answer, self.subject) {
                let said = match ui.store.merge_people(&ui.actor(), keep, drop) {
                    Ok(merged) => fill(
                        ui.text().merged,
                        &[
                            (
                                "enrolments",
                                &(merged.enrolments_moved + merged.enrolments_joined).to_string(),
                            ),
                            ("marks", &merged.attendance_moved.to_string()),
                            ("notes", &merged.notes_moved.to_string()),
                        ],
                    ),
                    Err(e) => crate::store::describe(&e, ui.text()),
                };
                self.load(ui);
                self.error = Some(said);
            }
            return Outcome::Done;
        }
        let Input::Action(action) = input else {
            return Outcome::NotMine;
        };
        let page = self.height.max(1) as isize;
        match action {
            Action::Down => self.step(1),
            Action::Up => self.step(-1),
            Action::PageDown => self.step(page),
            Action::PageUp => self.step(-page),
            Action::Top => self.step(-(self.lines.len() as isize)),
            Action::Bottom => self.step(self.lines.len() as isize),
            Action::Open => {
                let target = self.selected.and_then(|i| match self.lines.get(i) {
                    Some(DetailLine::Item { target, .. }) => *target,
                    _ => None,
                });
                if let Some(Subject::Material(id)) = target {
                    let shown = self.lines.iter().find_map(|line| match line {
                        DetailLine::Item {
                            cells,
                            target: Some(Subject::Material(m)),
                            ..
                        } if *m == id => cells.get(1).map(|c| c.0.clone()),
                        _ => None,
                    });
                    return Outcome::Message(shown.unwrap_or_default());
                }
                if let Some(target) = target {
                    return Outcome::Open(open_subject(target, ui));
                }
            }
            Action::Rate => {
                if let Some(enrolment) = self.selected_rates() {
                    self.rating = Some((enrolment, String::new()));
                }
            }
            Action::Merge => {
                if let (LineAction::Merge(drop), Subject::Person(keep)) =
                    (self.selected_act(), self.subject)
                {
                    // Both side by side first (views/merge.rs).
                    return Outcome::Open(Box::new(super::merge::MergeView::new(keep, drop, ui)));
                }
            }
            Action::Note => {
                let about = match self.subject {
                    Subject::Module(id) => Some(NoteSubject::Module(id)),
                    Subject::Person(id) => Some(NoteSubject::Person(id)),
                    Subject::Session(id) => Some(NoteSubject::Session(id)),
                    Subject::Clashes | Subject::Material(_) => None,
                    Subject::Note(id) => {
                        return Outcome::Open(Box::new(NoteEditor::edit(
                            id,
                            self.title.clone(),
                            ui,
                        )));
                    }
                };
                if let Some(about) = about {
                    return Outcome::Open(Box::new(NoteEditor::new(
                        vec![about],
                        self.title.clone(),
                        ui,
                    )));
                }
            }
            Action::FollowUp => {
                if let Subject::Note(id) = self.subject {
                    let next = match ui.store.note_version(id).map(|n| n.follow_up) {
                        Ok(None) => Some("open"),
                        Ok(Some(word)) if word == "open" => Some("done"),
                        _ => None,
                    };
                    if let Err(e) = ui.store.set_follow_up(&ui.actor(), id, next) {
                        self.error = Some(crate::store::describe(&e, ui.text()));
                    }
                    self.load(ui);
                }
            }
            other => {
                if !self.actions().contains(&other) {
                    return Outcome::NotMine;
                }
                return match self.act(other, ui) {
                    Some(reply) => reply.outcome(),
                    None => Outcome::NotMine,
                };
            }
        }
        Outcome::Done
    }

    fn draw(&mut self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let theme = ui.theme();
        self.height = area.height.saturating_sub(1) as usize;
        self.keep_selection_visible();
        let mut lines = Vec::with_capacity(self.height + 1);
        let mut title = vec![Span::styled(theme.shown(&self.title), theme.accent)];
        if let Some(drop) = self.merging {
            let name = self
                .lines
                .iter()
                .find_map(|line| match line {
                    DetailLine::Item {
                        act: LineAction::Merge(id),
                        cells,
                        ..
                    } if *id == drop => cells.first().map(|(name, _)| name.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            title.push(Span::raw("  "));
            title.push(Span::styled(
                theme.shown(&fill(ui.text().merge_confirm, &[("name", &name)])),
                theme.warning,
            ));
        } else if let Some((_, typed)) = &self.rating {
            title.push(Span::raw("  "));
            title.push(Span::styled(
                format!("{}{}_", ui.text().rating_prompt, theme.shown(typed)),
                theme.header,
            ));
        } else if let Some(error) = &self.error {
            title.push(Span::raw("  "));
            title.push(Span::styled(theme.shown(error), theme.error));
        }
        lines.push(Line::from(title));
        let width = area.width as usize;
        let label_width = 22.min(width / 3);
        for (index, line) in self
            .lines
            .iter()
            .enumerate()
            .skip(self.offset)
            .take(self.height)
        {
            let selected = self.selected == Some(index);
            let shown = match line {
                DetailLine::Heading(text) => Line::styled(theme.shown(text), theme.heading),
                DetailLine::Field(label, value) => Line::from(vec![
                    Span::styled(
                        fit(&theme.shown(label), label_width, theme.ascii),
                        theme.header,
                    ),
                    Span::raw(" "),
                    Span::raw(theme.shown(value)),
                ]),
                DetailLine::Item {
                    cells,
                    style,
                    target,
                    ..
                } => {
                    let mut spans = Vec::with_capacity(cells.len() * 2 + 1);
                    // Rows that open something get the pointer's gutter.
                    let gutter = if selected {
                        theme.pointer()
                    } else if target.is_some() {
                        "  "
                    } else {
                        ""
                    };
                    spans.push(Span::raw(gutter));
                    let mut used = gutter.chars().count();
                    for (cell, cell_width) in cells {
                        let room = width.saturating_sub(used);
                        let w = (*cell_width as usize).min(room);
                        if w == 0 {
                            break;
                        }
                        spans.push(Span::raw(fit(&theme.shown(cell), w, theme.ascii)));
                        spans.push(Span::raw(" "));
                        used += w + 1;
                    }
                    let style = if selected { theme.selected } else { *style };
                    Line::from(spans).style(style)
                }
                DetailLine::Text(text) => {
                    // A long line of a note continues on the next ones.
                    let mut rows = wrap(&theme.shown(text), width);
                    let last = rows.pop().unwrap_or_default();
                    lines.extend(rows.into_iter().map(Line::raw));
                    Line::raw(last)
                }
                DetailLine::Blank => Line::raw(""),
            };
            lines.push(shown);
        }
        frame.render_widget(Paragraph::new(lines), area);
    }

    fn actions(&self) -> Vec<Action> {
        let mut actions = Vec::new();
        if self.selected.is_some() {
            actions.push(Action::Open);
        }
        match self.selected_act() {
            LineAction::Rate(_) => actions.push(Action::Rate),
            LineAction::Merge(_) => actions.push(Action::Merge),
            LineAction::None => {}
        }
        match self.subject {
            Subject::Note(_) => actions.extend([Action::Note, Action::FollowUp]),
            Subject::Clashes | Subject::Material(_) => {}
            _ => actions.push(Action::Note),
        }
        match self.subject {
            Subject::Module(_) => {
                actions.extend([
                    Action::Edit,
                    Action::Create,
                    Action::Repeat,
                    Action::NewEdition,
                    Action::AddMaterial,
                ]);
                if matches!(self.selected_target(), Some(Subject::Material(_))) {
                    actions.push(Action::RemoveMaterial);
                }
                actions.push(Action::Delete);
            }
            Subject::Person(_) => actions.extend([Action::Edit, Action::Enrol]),
            _ => {}
        }
        actions.extend_from_slice(MOVES);
        actions
    }

    fn refresh(&mut self, ui: &Ui) {
        self.load(ui);
    }

    fn taking_text(&self) -> bool {
        self.rating.is_some() || self.merging.is_some()
    }
}

/// Saves what was typed at the rating prompt (`4` or `4 molto utile`);
/// returns what to say about it.
pub fn rate(ui: &Ui, enrolment: i64, typed: &str) -> String {
    let text = ui.text();
    match crate::domain::parse_rating(typed) {
        None => fill(text.rating_invalid, &[("input", typed)]),
        Some((score, comment)) => {
            match ui
                .store
                .set_rating(&ui.actor(), enrolment, score, comment.as_deref())
            {
                Ok(()) => fill(text.rating_saved, &[("score", &score.to_string())]),
                Err(e) => crate::store::describe(&e, ui.text()),
            }
        }
    }
}

impl DetailView {
    fn selected_target(&self) -> Option<Subject> {
        self.selected.and_then(|i| match self.lines.get(i) {
            Some(DetailLine::Item { target, .. }) => *target,
            _ => None,
        })
    }

    /// The planning actions of a module's detail and a person's card.
    fn act(&mut self, action: Action, ui: &Ui) -> Option<Reply> {
        if !ui.may_plan() {
            return Some(Reply::Say(ui.text().only_planners.to_string()));
        }
        Some(match (self.subject, action) {
            (Subject::Module(id), Action::Edit) => Reply::Open(forms::module_form(Some(id), ui)),
            (Subject::Module(id), Action::Create) => {
                Reply::Open(forms::session_form(None, Some(id), ui))
            }
            (Subject::Module(id), Action::Repeat) => Reply::Open(forms::repeat_form(Some(id), ui)),
            (Subject::Module(id), Action::NewEdition) => Reply::Open(forms::edition_form(id, ui)),
            (Subject::Module(id), Action::AddMaterial) => Reply::Open(forms::material_form(id, ui)),
            (Subject::Module(_), Action::RemoveMaterial) => {
                let Some(Subject::Material(material)) = self.selected_target() else {
                    return None;
                };
                let title = self.title_of(material);
                Reply::Ask(Question::new(
                    crate::i18n::fill(ui.text().confirm_remove_material, &[("title", &title)]),
                    move |ui| match ui.store.remove_material(&ui.actor(), material) {
                        Ok(()) => Reply::Say(ui.text().material_removed.to_string()),
                        Err(e) => Reply::Say(crate::store::describe(&e, ui.text())),
                    },
                ))
            }
            (Subject::Module(id), Action::Delete) => {
                let code = ui.store.module(id).map(|m| m.code).unwrap_or_default();
                match super::tabs::delete_module(id, &code, ui) {
                    // Deleted: the detail has nothing left to show.
                    Reply::Ask(question) => {
                        Reply::Ask(question.then(move |reply, ui| match reply {
                            Reply::Say(text) if ui.store.module(id).is_err() => {
                                Reply::CloseWith(text)
                            }
                            other => other,
                        }))
                    }
                    other => other,
                }
            }
            (Subject::Person(id), Action::Edit) => Reply::Open(forms::person_form(Some(id), ui)),
            (Subject::Person(id), Action::Enrol) => {
                Reply::Open(forms::enrolment_form(Some(id), ui))
            }
            _ => return None,
        })
    }

    fn title_of(&self, material: i64) -> String {
        self.lines
            .iter()
            .find_map(|line| match line {
                DetailLine::Item {
                    cells,
                    target: Some(Subject::Material(m)),
                    ..
                } if *m == material => cells.first().map(|c| c.0.clone()),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// The view that shows a subject: a session opens as its roster.
pub fn open_subject(subject: Subject, ui: &Ui) -> Box<dyn View> {
    match subject {
        // A session outside the user's reach opens as its refusal.
        Subject::Session(id) if ui.store.check_session(&ui.reach(), id).is_err() => {
            Box::new(DetailView::new(subject, ui))
        }
        Subject::Session(id) => Box::new(RosterView::new(id, ui)),
        other => Box::new(DetailView::new(other, ui)),
    }
}

fn build(subject: Subject, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    match subject {
        Subject::Module(id) => module_lines(id, ui),
        Subject::Session(id) => session_lines(id, ui),
        Subject::Person(id) => person_lines(id, ui),
        Subject::Note(id) => note_lines(id, ui),
        Subject::Clashes => clash_lines(ui),
        Subject::Material(_) => Ok((String::new(), Vec::new())),
    }
}

/// Every clash of trainers, tutors and venues, then the modules whose
/// sessions add up to other hours than planned.
fn clash_lines(ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    let clashes = ui.store.clashes()?;
    let hours = ui.store.hours_mismatches(None)?;
    let mut lines = vec![DetailLine::section(t.clashes_title, clashes.len())];
    if clashes.is_empty() {
        lines.push(DetailLine::Text(t.clashes_none.to_string()));
    }
    for clash in &clashes {
        lines.push(DetailLine::item(
            vec![(forms::clash_line(clash, ui), 200)],
            clash.second.session_id.map(Subject::Session),
        ));
    }
    lines.push(DetailLine::Blank);
    lines.push(DetailLine::section(t.section_hours, hours.len()));
    for m in &hours {
        lines.push(DetailLine::item(
            vec![(
                crate::i18n::fill(
                    t.hours_line,
                    &[
                        ("code", &m.module_code),
                        ("scheduled", &ui.format().hours(m.scheduled_minutes)),
                        ("planned", &ui.format().hours(m.planned_minutes)),
                    ],
                ),
                200,
            )],
            Some(Subject::Module(m.module_id)),
        ));
    }
    Ok((t.checks_title.to_string(), lines))
}

fn hours_of(attended: i64, delivered: i64, ui: &Ui) -> String {
    if delivered > 0 {
        format!(
            "{}/{} ({:.0}%)",
            ui.format().hours(attended),
            ui.format().hours(delivered),
            100.0 * attended as f64 / delivered as f64
        )
    } else {
        ui.format().hours(attended)
    }
}

fn module_lines(id: i64, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    let detail = ui.store.module_detail(&ui.reach(), id, ui.settings.today)?;
    let m = &detail.module;
    let title = format!("{} {}", m.code, m.title);
    let mut lines = vec![
        DetailLine::Field(
            t.field_axis.into(),
            format!("{} {}", m.axis_code, m.axis_title),
        ),
        DetailLine::Field(
            t.field_town.into(),
            match &m.venue {
                Some(venue) => format!("{}, {venue}", m.location),
                None => m.location.clone(),
            },
        ),
        DetailLine::Field(
            t.field_dates.into(),
            format!(
                "{} - {}",
                m.starts_on
                    .as_deref()
                    .map_or(t.none.to_string(), |d| ui.format().date_text(d)),
                m.ends_on
                    .as_deref()
                    .map_or(t.none.to_string(), |d| ui.format().date_text(d))
            ),
        ),
        DetailLine::Field(
            t.field_delivered.into(),
            format!(
                "{} / {}",
                ui.format().hours(detail.delivered_minutes),
                ui.format().hours(m.planned_minutes)
            ),
        ),
        DetailLine::Field(
            t.field_places.into(),
            format!("{}/{}", detail.participants.len(), m.capacity),
        ),
        DetailLine::Field(t.field_requests.into(), detail.requests.to_string()),
        DetailLine::Field(t.field_tutors.into(), detail.tutors.join(", ")),
        DetailLine::Blank,
        DetailLine::section(t.section_sessions, detail.sessions.len()),
    ];
    for s in &detail.sessions {
        let state = if s.cancelled { t.session_cancelled } else { "" };
        lines.push(DetailLine::Item {
            cells: vec![
                (ui.format().date_text(&s.date), 10),
                (
                    format!(
                        "{}-{}",
                        format_clock(s.start_minute),
                        format_clock(s.end_minute)
                    ),
                    11,
                ),
                (s.trainer.clone().unwrap_or_default(), 18),
                (format!("{}/{}", s.marked, detail.participants.len()), 7),
                (state.to_string(), 10),
                (s.topic.clone().unwrap_or_default(), 40),
            ],
            target: Some(Subject::Session(s.id)),
            act: LineAction::None,
            style: if s.cancelled {
                ui.theme().muted
            } else {
                Style::new()
            },
        });
    }
    let materials = ui.store.materials(id)?;
    if !materials.is_empty() {
        lines.push(DetailLine::Blank);
        lines.push(DetailLine::section(t.section_materials, materials.len()));
        for m in &materials {
            lines.push(DetailLine::item(
                vec![(m.title.clone(), 24), (m.reference.clone(), 60)],
                Some(Subject::Material(m.id)),
            ));
        }
    }
    lines.push(DetailLine::Blank);
    lines.push(DetailLine::section(
        t.section_participants,
        detail.participants.len(),
    ));
    for p in &detail.participants {
        lines.push(DetailLine::item(
            vec![
                (p.name.clone(), 28),
                (p.organisation.clone(), 30),
                (
                    hours_of(p.attended_minutes, detail.delivered_minutes, ui),
                    18,
                ),
            ],
            Some(Subject::Person(p.person_id)),
        ));
    }
    Ok((title, lines))
}

/// A session as its screens head it: `M01 Accoglienza  2026-11-26 09:00-13:00`.
pub fn session_heading(s: &crate::store::queries::Session, ui: &Ui) -> String {
    format!(
        "{} {}  {} {}-{}",
        s.module_code,
        s.module_title,
        ui.format().date_text(&s.date),
        format_clock(s.start_minute),
        format_clock(s.end_minute)
    )
}

fn session_lines(id: i64, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    ui.store.check_session(&ui.reach(), id)?;
    let roster = ui.store.roster(id)?;
    let s = &roster.session;
    let title = session_heading(s, ui);
    let state = if s.cancelled {
        t.session_cancelled
    } else if s.closed {
        t.session_closed
    } else {
        t.session_open
    };
    let mut lines = vec![
        DetailLine::Field(
            t.field_trainer.into(),
            s.trainer.clone().unwrap_or_default(),
        ),
        DetailLine::Field(t.field_topic.into(), s.topic.clone().unwrap_or_default()),
        DetailLine::Field(t.field_venue.into(), s.venue.clone().unwrap_or_default()),
        DetailLine::Field(t.field_state.into(), state.into()),
        DetailLine::Blank,
        DetailLine::section(t.section_roster, roster.lines.len()),
        DetailLine::Item {
            cells: vec![
                (t.col_name.into(), 26),
                (t.col_organisation.into(), 24),
                (t.col_attended.into(), 6),
                (t.col_mark.into(), 12),
                (t.col_so_far.into(), 7),
            ],
            target: None,
            style: ui.theme().header,
            act: LineAction::None,
        },
    ];
    for line in &roster.lines {
        lines.push(DetailLine::item(
            vec![
                (line.name.clone(), 26),
                (line.organisation.clone(), 24),
                (
                    line.minutes
                        .map(|m| ui.format().hours(m))
                        .unwrap_or_default(),
                    6,
                ),
                (
                    line.mark
                        .as_deref()
                        .map(|m| t.mark(m))
                        .unwrap_or("")
                        .to_string(),
                    12,
                ),
                (ui.format().hours(line.module_minutes), 7),
            ],
            Some(Subject::Person(line.person_id)),
        ));
    }
    Ok((title, lines))
}

/// Under a participation still short of the certificate's threshold:
/// the hours still needed and those left, and whether every one of them
/// is needed or the threshold is out of reach.
fn standing_line(e: &crate::store::queries::EnrolmentLine, ui: &Ui) -> Option<DetailLine> {
    let t = ui.text();
    let standing = e.standing(ui.settings.threshold);
    if standing.needed_minutes == 0 {
        return None;
    }
    let mut said = fill(
        t.card_needed,
        &[
            ("needed", &ui.format().hours(standing.needed_minutes)),
            ("remaining", &ui.format().hours(standing.remaining_minutes)),
        ],
    );
    if standing.cannot_reach() {
        said = format!("{said}: {}", t.card_cannot_reach);
    } else if standing.must_attend_all() {
        said = format!("{said}: {}", t.card_must_attend_all);
    }
    Some(DetailLine::Text(format!("      {said}")))
}

fn person_lines(id: i64, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    let card = ui.store.person_card(&ui.reach(), id, ui.settings.today)?;
    let p = &card.person;
    let title = format!("{} {}", p.surname, p.given_name);
    let optional = |value: &Option<String>| value.clone().unwrap_or_else(|| t.none.to_string());
    let mut lines = vec![
        DetailLine::Field(t.field_gender.into(), p.gender.clone()),
        DetailLine::Field(t.field_tax_code.into(), optional(&p.tax_code)),
    ];
    // Birth date, place and sex as the tax code tells them.
    if let Some(facts) = p
        .tax_code
        .as_deref()
        .and_then(|code| crate::taxcode::birth_facts(code, ui.settings.today))
    {
        lines.push(DetailLine::Field(
            t.field_birth_from_code.into(),
            crate::i18n::fill(
                t.birth_from_code,
                &[
                    ("date", &ui.format().date(facts.date)),
                    ("place", &facts.place_text()),
                    ("sex", facts.gender.letter()),
                ],
            ),
        ));
    }
    lines.extend([
        DetailLine::Field(t.field_email.into(), optional(&p.email)),
        DetailLine::Field(t.field_phone.into(), optional(&p.phone)),
        DetailLine::Field(
            t.field_organisation.into(),
            format!("{} ({})", p.organisation, p.organisation_type),
        ),
        DetailLine::Field(t.field_job.into(), optional(&p.job_title)),
        DetailLine::Blank,
        DetailLine::section(t.section_enrolments, card.enrolments.len()),
    ]);
    for e in &card.enrolments {
        let hours = if e.status == "accepted" {
            let hours = hours_of(e.attended_minutes, e.delivered_minutes, ui);
            crate::i18n::fill(t.card_hours, &[("hours", &hours)])
        } else {
            String::new()
        };
        let mut status = t.status(&e.status).to_string();
        if let Some(reason) = &e.reason {
            status = format!("{status}: {reason}");
        }
        lines.push(DetailLine::acting(
            vec![
                (e.module_code.clone(), 5),
                (e.module_title.clone(), 15),
                (ui.format().date_text(&e.received_on), 10),
                (status, 17),
                (
                    e.rating
                        .map(|r| crate::i18n::fill(t.card_rating, &[("score", &r.to_string())]))
                        .unwrap_or_default(),
                    9,
                ),
                (hours, 17),
            ],
            Some(Subject::Module(e.module_id)),
            if e.status == "accepted" {
                LineAction::Rate(e.id)
            } else {
                LineAction::None
            },
        ));
        if e.status == "accepted" {
            lines.extend(standing_line(e, ui));
        }
    }
    let duplicates = ui.store.possible_duplicates(id)?;
    if !duplicates.is_empty() {
        lines.push(DetailLine::Blank);
        lines.push(DetailLine::section(t.section_duplicates, duplicates.len()));
        for d in &duplicates {
            lines.push(DetailLine::acting(
                vec![
                    (format!("{} {}", d.surname, d.given_name), 26),
                    (d.organisation.clone(), 24),
                    (duplicate_reasons(&d.reasons, t), 28),
                ],
                Some(Subject::Person(d.person_id)),
                LineAction::Merge(d.person_id),
            ));
        }
    }
    lines.push(DetailLine::Blank);
    lines.push(DetailLine::section(t.section_notes, card.notes.len()));
    for n in &card.notes {
        lines.push(DetailLine::item(
            vec![
                (ui.format().stamp(&n.created_at, &ui.settings.zone), 16),
                (n.author.clone(), 12),
                (crate::tui::text::first_line(&n.body), 60),
            ],
            Some(Subject::Note(n.id)),
        ));
    }
    Ok((title, lines))
}

fn note_lines(id: i64, ui: &Ui) -> Result<(String, Vec<DetailLine>)> {
    let t = ui.text();
    let note = ui.store.note(&ui.reach(), id)?;
    let title = format!(
        "{} {} {}",
        t.section_note,
        ui.format().stamp(&note.created_at, &ui.settings.zone),
        note.author
    );
    let mut lines = Vec::new();
    if note.follow_up.is_some() {
        lines.push(DetailLine::Field(
            t.col_follow_up.into(),
            t.follow_up(note.follow_up.as_deref()).into(),
        ));
        lines.push(DetailLine::Blank);
    }
    lines.extend(
        note.body
            .lines()
            .map(|line| DetailLine::Text(line.to_string())),
    );
    Ok((title, lines))
}

/// Splits `text` into rows of at most `width` columns, at spaces where
/// it can.
fn wrap(text: &str, width: usize) -> Vec<String> {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if width == 0 {
        return vec![String::new()];
    }
    let mut rows = Vec::new();
    let mut row = String::new();
    for word in text.split(' ') {
        let needed = if row.is_empty() {
            word.width()
        } else {
            row.width() + 1 + word.width()
        };
        if needed > width && !row.is_empty() {
            rows.push(std::mem::take(&mut row));
        }
        if !row.is_empty() {
            row.push(' ');
        }
        row.push_str(word);
        // A word longer than the line is cut where the line ends.
        while row.width() > width {
            let mut used = 0;
            let cut: String = row
                .chars()
                .take_while(|c| {
                    used += c.width().unwrap_or(0);
                    used <= width
                })
                .collect();
            // At least one character, or a wide one would never fit.
            let cut = if cut.is_empty() {
                row.chars().take(1).collect()
            } else {
                cut
            };
            let rest = row[cut.len()..].to_string();
            rows.push(cut);
            row = rest;
        }
    }
    rows.push(row);
    rows
}

/// Why two people may be one, in words.
pub fn duplicate_reasons(
    reasons: &[crate::store::people::DuplicateReason],
    t: &crate::i18n::Catalogue,
) -> String {
    use crate::store::people::DuplicateReason::*;
    reasons
        .iter()
        .map(|reason| match reason {
            SameTaxCode => t.dup_tax_code,
            SameEmail => t.dup_email,
            SameNameAndBirth => t.dup_name_birth,
            SameNameAndOrganisation => t.dup_name_organisation,
        })
        .collect::<Vec<_>>()
        .join(", ")
}
