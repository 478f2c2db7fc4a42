//! The Report tab on a register large enough for its figures to be
//! computed in the background: once they are in, the drawing thread must
//! not build or free the whole page at once. On a region's register that
//! page runs to over 200,000 lines and took most of a second to build
//! (issue 7 allows 5 ms a frame).
//!
//! Time is not measured here (it moves with the machine); allocations
//! are. Building a line of the page allocates at least once (its spans),
//! freeing one frees at least once, so a frame or a tick that touches
//! every line of a page of N lines counts N or more on its thread, and one
//! that builds only what is on screen counts a few thousand.

mod common;

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::{Duration, Instant};

use common::{actor, app, crowded_register, press, press_key};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use registro::i18n::Lang;
use registro::keys::Key;
use registro::store::{Access, Store};
use registro::tui::app::App;
use tempfile::tempdir;

/// Counts the allocations and frees of each thread, so that the tests
/// running beside this one (and the figures' own thread) do not count.
struct Counting;

thread_local! {
    static ALLOCATIONS: Cell<u64> = const { Cell::new(0) };
    static FREES: Cell<u64> = const { Cell::new(0) };
}

fn bump(counter: &'static std::thread::LocalKey<Cell<u64>>) {
    // While a thread is being torn down its counters may be gone already.
    let _ = counter.try_with(|c| c.set(c.get() + 1));
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        bump(&ALLOCATIONS);
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        bump(&ALLOCATIONS);
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        bump(&ALLOCATIONS);
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        bump(&FREES);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static COUNTING: Counting = Counting;

/// Allocations and frees made on this thread by `work`.
fn counted<T>(work: impl FnOnce() -> T) -> (T, u64, u64) {
    let (allocations, frees) = (ALLOCATIONS.with(Cell::get), FREES.with(Cell::get));
    let result = work();
    (
        result,
        ALLOCATIONS.with(Cell::get) - allocations,
        FREES.with(Cell::get) - frees,
    )
}

/// Participants of the crowded register: as many enrolments as send the
/// figures to the background, nobody attending, so everyone is below the
/// threshold and has a line on the page.
const PARTICIPANTS: usize = 20_000;

/// Ticks the app until the view on screen has its figures, as the event
/// loop does; returns the allocations and frees of those ticks.
fn wait_for_figures(app: &mut App) -> (u64, u64) {
    let deadline = Instant::now() + Duration::from_secs(300);
    let (mut allocations, mut frees) = (0, 0);
    loop {
        let ((), a, f) = counted(|| {
            app.tick();
        });
        allocations += a;
        frees += f;
        if !app.waiting() {
            return (allocations, frees);
        }
        assert!(Instant::now() < deadline, "the figures never came");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn draw(terminal: &mut Terminal<TestBackend>, app: &mut App) -> (String, u64) {
    let ((), allocations, _) = counted(|| {
        terminal.draw(|frame| app.draw(frame)).unwrap();
    });
    (terminal.backend().to_string(), allocations)
}

#[test]
fn the_drawing_thread_never_builds_or_frees_the_whole_report() {
    let dir = tempdir().unwrap();
    let path = crowded_register(&dir.path().join("crowded.db"), 2, PARTICIPANTS);
    let mut app = app(&path, Lang::En);
    let mut wide = Terminal::new(TestBackend::new(200, 50)).unwrap();
    press(&mut app, "6");
    assert!(
        app.waiting(),
        "the figures of {PARTICIPANTS} enrolments should be computed in the background"
    );
    let (screen, _) = draw(&mut wide, &mut app);
    assert!(screen.contains("computing the figures"), "{screen}");
    wait_for_figures(&mut app);

    // The first frame with the figures, which used to build every line.
    let (screen, allocations) = draw(&mut wide, &mut app);
    // The title, under the tabs, reads `Report  1-49/20061`.
    let lines: usize = screen
        .lines()
        .nth(1)
        .and_then(|title| title.split('/').nth(1))
        .map(|rest| {
            rest.chars()
                .take_while(char::is_ascii_digit)
                .collect::<String>()
        })
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no line count in the title: {screen}"));
    assert!(lines > PARTICIPANTS, "{lines} lines: {screen}");
    assert!(
        allocations < PARTICIPANTS as u64,
        "the first frame with the figures allocated {allocations} times"
    );

    // The end of the page: its lines are built when they come on screen.
    press_key(&mut app, Key::Char('G'));
    let (screen, allocations) = draw(&mut wide, &mut app);
    assert!(screen.contains("Persona"), "{screen}");
    assert!(
        allocations < PARTICIPANTS as u64,
        "the end of the page allocated {allocations} times"
    );

    // Another width lays the page out again, still not all of it.
    let mut narrow = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let (_, allocations) = draw(&mut narrow, &mut app);
    assert!(
        allocations < PARTICIPANTS as u64,
        "a narrower frame allocated {allocations} times"
    );

    // Another user rates someone: new figures replace the old ones, which
    // must not be freed line by line between two frames.
    let other = Store::open(&path, Access::ReadWrite).unwrap();
    other.set_rating(&actor(), 1, 4, None).unwrap();
    assert!(app.check_for_changes());
    assert!(app.waiting(), "the new figures should be computed again");
    let (_, frees) = wait_for_figures(&mut app);
    assert!(
        frees < PARTICIPANTS as u64,
        "taking in the new figures freed {frees} times"
    );
    press_key(&mut app, Key::Char('g'));
    let (screen, allocations) = draw(&mut wide, &mut app);
    assert!(screen.contains("Satisfaction (1-5) 4.00"), "{screen}");
    assert!(
        allocations < PARTICIPANTS as u64,
        "the frame with the new figures allocated {allocations} times"
    );
}
