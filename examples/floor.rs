//! The floor of the benchmarks (benches/bench.rs): the least a ratatui +
//! rusqlite program can do to show a table of a 1,000,000-row SQLite
//! table and move through it. It is what registro is measured against.
//!
//! `floor --make PATH` writes the table (in one transaction) unless the
//! file exists; `floor PATH` shows it: `j`/`k` or arrows move one row,
//! PgDn/PgUp a page, `q` quits. Like registro it draws only after an
//! event and otherwise wakes once a second; the rows on screen are read
//! with a keyset (`WHERE id >= ?`), never an OFFSET.

use std::time::Duration;

use crossterm::event::{self, Event, KeyCode, KeyEventKind};
use ratatui::layout::Constraint;
use ratatui::style::{Modifier, Style};
use ratatui::widgets::{Row, Table, TableState};
use rusqlite::{Connection, params};

const ROWS: i64 = 1_000_000;

fn make(path: &str) -> rusqlite::Result<()> {
    if std::path::Path::new(path).exists() {
        return Ok(());
    }
    let mut conn = Connection::open(path)?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL;
         CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, town TEXT NOT NULL, hours INTEGER NOT NULL);",
    )?;
    let tx = conn.transaction()?;
    {
        let mut insert =
            tx.prepare("INSERT INTO item (id, name, town, hours) VALUES (?1, ?2, ?3, ?4)")?;
        let towns = ["Cremona", "Crema", "Casalmaggiore", "Milano", "Brescia"];
        for id in 1..=ROWS {
            insert.execute(params![
                id,
                format!("Persona {id:07}"),
                towns[(id % 5) as usize],
                id % 17
            ])?;
        }
    }
    tx.commit()
}

/// The rows on screen, from `top` on.
fn page(conn: &Connection, top: i64, height: usize) -> rusqlite::Result<Vec<[String; 4]>> {
    let mut statement = conn.prepare_cached(
        "SELECT id, name, town, hours FROM item WHERE id >= ?1 ORDER BY id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![top, height as i64], |row| {
        Ok([
            row.get::<_, i64>(0)?.to_string(),
            row.get(1)?,
            row.get(2)?,
            row.get::<_, i64>(3)?.to_string(),
        ])
    })?;
    rows.collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    match args.as_slice() {
        [_, flag, path] if flag == "--make" => return Ok(make(path)?),
        [_, _] => {}
        _ => return Err("usage: floor [--make] PATH".into()),
    }
    let conn = Connection::open(&args[1])?;
    let mut terminal = ratatui::try_init()?;
    let mut top = 1_i64;
    let mut state = TableState::default().with_selected(0);
    let mut dirty = true;
    let mut rows = Vec::new();
    let mut height = 0;
    loop {
        if dirty {
            // Header and border take three lines.
            let now = terminal.size()?.height.saturating_sub(3) as usize;
            if now != height || rows.is_empty() || dirty {
                height = now;
                rows = page(&conn, top, height)?;
            }
            terminal.draw(|frame| {
                let table = Table::new(
                    rows.iter().map(|r| Row::new(r.iter().map(String::as_str))),
                    [
                        Constraint::Length(8),
                        Constraint::Fill(1),
                        Constraint::Length(14),
                        Constraint::Length(5),
                    ],
                )
                .header(Row::new(["id", "name", "town", "hours"]))
                .block(ratatui::widgets::Block::bordered().title("floor"))
                .row_highlight_style(Style::new().add_modifier(Modifier::REVERSED));
                frame.render_stateful_widget(table, frame.area(), &mut state);
            })?;
            dirty = false;
        }
        if !event::poll(Duration::from_secs(1))? {
            continue;
        }
        let Event::Key(key) = event::read()? else {
            dirty = true;
            continue;
        };
        if key.kind == KeyEventKind::Release {
            continue;
        }
        let selected = state.selected().unwrap_or(0) as i64;
        let last = height.saturating_sub(1) as i64;
        let (new_top, new_selected) = match key.code {
            KeyCode::Char('q') => break,
            KeyCode::Char('j') | KeyCode::Down if selected < last => (top, selected + 1),
            KeyCode::Char('j') | KeyCode::Down => (top + 1, selected),
            KeyCode::Char('k') | KeyCode::Up if selected > 0 => (top, selected - 1),
            KeyCode::Char('k') | KeyCode::Up => (top - 1, selected),
            KeyCode::PageDown => (top + height as i64, selected),
            KeyCode::PageUp => (top - height as i64, selected),
            _ => continue,
        };
        top = new_top.clamp(1, (ROWS - height as i64 + 1).max(1));
        state.select(Some(new_selected.clamp(0, last) as usize));
        dirty = true;
    }
    ratatui::restore();
    Ok(())
}
