//! The roster on screen: its heading (never hiding that the roll call is
//! closed), who else has it open, the table, the summary and the message.

use super::summary::{still_needed, summary};
use super::*;

impl RosterView {
    /// The heading, who else has it open, the table, the summary and
    /// what the last key came to, in `area`.
    fn areas(&self, area: Rect) -> [Rect; 5] {
        // What a key came to is read whole: as many lines as it takes,
        // up to three. Questions and lines to type are the app's popup.
        let said = self.message.as_deref().unwrap_or("");
        let width = usize::from(area.width.max(1));
        let message_height = said.chars().count().div_ceil(width).clamp(1, 3) as u16;
        Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(!self.others.is_empty())),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(message_height),
        ])
        .areas(area)
    }

    /// After a frame: from now on the keys act on what it showed (a cell
    /// just redrawn by someone else's change, once seen), and a page is
    /// as many rows as it had.
    pub(super) fn seen_drawn(&mut self, area: Rect, ui: &Ui) {
        self.note_changes(ui);
        self.shown = self.roster.clone();
        self.selected = self.selected.min(self.rows().saturating_sub(1));
        let [_, _, table_area, _, _] = self.areas(area);
        self.height = table_area.height.saturating_sub(1) as usize;
    }

    pub(super) fn draw_roster(&self, frame: &mut Frame, area: Rect, ui: &Ui) {
        let text = ui.text();
        let theme = ui.theme();
        let [
            title_area,
            others_area,
            table_area,
            summary_area,
            message_area,
        ] = self.areas(area);
        let Some(roster) = &self.roster else {
            frame.render_widget(
                Paragraph::new(theme.shown(self.message.as_deref().unwrap_or("")))
                    .style(theme.error),
                area,
            );
            return;
        };
        let s = &roster.session;
        let mut tags = Vec::new();
        if s.closed {
            tags.push(format!("  [{}]", text.session_closed));
        }
        if s.cancelled {
            tags.push(format!("  [{}]", text.session_cancelled));
        }
        // A long module title shrinks; the day and times, and the tags
        // saying the roll call is closed or the session cancelled, always
        // show.
        let tags_width: usize = tags.iter().map(|t| t.width()).sum();
        let heading = theme.shown(&crate::tui::labels::session_heading_within(
            s,
            usize::from(title_area.width).saturating_sub(tags_width),
            theme.ascii,
            ui,
        ));
        let mut title = vec![Span::styled(heading.trim_end().to_string(), theme.accent)];
        title.extend(
            tags.into_iter()
                .map(|tag| Span::styled(theme.shown(&tag), theme.warning)),
        );
        frame.render_widget(Paragraph::new(Line::from(title)), title_area);
        if !self.others.is_empty() {
            let names = self.others.join(", ");
            frame.render_widget(
                Paragraph::new(theme.shown(&fill(text.roster_others, &[("names", &names)])))
                    .style(theme.warning),
                others_area,
            );
        }

        // The marks' column holds the longest mark there is; on a narrow
        // screen only the longest mark given yet, so that names keep what
        // room there is (Italian marks run to 17 letters).
        let every_mark = [
            text.mark_present,
            text.mark_absent,
            text.mark_late,
            text.mark_left_early,
            text.mark_excused,
        ];
        let given: Vec<&str> = roster
            .lines
            .iter()
            .filter_map(|line| line.mark.as_deref().map(|m| text.mark(m)))
            .collect();
        let marks = if table_area.width < 80 {
            &given[..]
        } else {
            &every_mark[..]
        };
        let mark_width = marks
            .iter()
            .chain([&text.col_mark])
            .map(|word| word.chars().count())
            .max()
            .unwrap_or(10) as u16;
        // The times' column is there once a time is written: a roll call
        // without late arrivals keeps its width for the names.
        let times_width = roster
            .lines
            .iter()
            .map(|line| times_shown(line.times).chars().count())
            .max()
            .filter(|&widest| widest > 0)
            .map(|widest| widest.max(text.col_times.chars().count()))
            .unwrap_or(0) as u16;
        let constraints = [
            Constraint::Fill(3),
            Constraint::Fill(2),
            Constraint::Length(times_width),
            Constraint::Length(5),
            Constraint::Length(mark_width),
            Constraint::Length(6),
            Constraint::Length(
                [text.col_threshold, text.cannot_reach, text.must_attend_all]
                    .iter()
                    .map(|word| word.chars().count())
                    .max()
                    .unwrap_or(10) as u16,
            ),
        ];
        let mark = theme.pointer().chars().count() as u16;
        let widths = column_widths(&constraints, table_area.width, mark, 1);
        // A heading cut to its column says so with an ellipsis
        // ("Organisat" read as a word at 60 columns).
        let headings = [
            text.col_name,
            text.col_organisation,
            text.col_times,
            text.col_attended,
            text.col_mark,
            text.col_so_far,
            text.col_threshold,
        ];
        let header = Row::new(headings.iter().enumerate().map(|(index, heading)| {
            let width = widths.get(index).copied().unwrap_or(0);
            Cell::from(theme.shown(&cut(heading, width, theme.ascii)))
        }))
        .style(theme.header);
        let name_width = widths.first().copied().unwrap_or(0);
        let organisation_width = widths.get(1).copied().unwrap_or(0);
        let rows = roster.lines.iter().map(|line| {
            let (needed, warning) = still_needed(line, roster, ui);
            Row::new([
                Cell::from(theme.shown(&cut(&line.name, name_width, theme.ascii))),
                Cell::from(theme.shown(&cut(&line.organisation, organisation_width, theme.ascii))),
                Cell::from(times_shown(line.times)),
                Cell::from(
                    line.minutes
                        .map(|m| ui.format().hours(m))
                        .unwrap_or_default(),
                ),
                Cell::from(theme.shown(line.mark.as_deref().map(|m| text.mark(m)).unwrap_or(""))),
                Cell::from(ui.format().hours(line.module_minutes)),
                Cell::from(theme.shown(&needed)),
            ])
            .style(if warning.is_empty() {
                Style::new()
            } else {
                theme.warning
            })
        });
        let table = Table::new(rows, constraints)
            .header(header)
            .column_spacing(1)
            .row_highlight_style(theme.selected)
            .highlight_symbol(theme.pointer())
            .highlight_spacing(HighlightSpacing::Always);
        // The selection as the keys will find it once this frame is seen.
        let selected = self.selected.min(roster.lines.len().saturating_sub(1));
        let mut state = TableState::default().with_selected(Some(selected));
        frame.render_stateful_widget(table, table_area, &mut state);

        let summary = summary(roster, ui);
        frame.render_widget(
            Paragraph::new(theme.shown(&summary)).style(theme.muted),
            summary_area,
        );

        if let Some(message) = &self.message {
            frame.render_widget(
                Paragraph::new(theme.shown(message))
                    .style(theme.warning)
                    .wrap(Wrap { trim: false }),
                message_area,
            );
        }
    }
}
