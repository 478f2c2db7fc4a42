//! The benchmark suite of issue 7: registro on the demo register and on
//! the large one, side by side with a bare ratatui + rusqlite program
//! (examples/floor.rs) measured in the same run. Writes BENCHMARKS.md.
//!
//! `cargo bench` runs it all (a few minutes; the large register is made
//! once, in `$REGISTRO_BENCH_DIR` or target/registro-bench). `cargo bench
//! -- quick` takes fewer repeats; naming parts (`cargo bench -- keys
//! import`) runs only those and prints their figures without writing
//! BENCHMARKS.md. Needs util-linux `script`, `sqlite3`.
//!
//! The programs run on a real pseudo-terminal (`script`), so every figure
//! includes the same relay for both. Times are medians over repeats; a
//! key's time runs from writing the key to the last byte of the frame it
//! causes (the output then stays quiet for `QUIET`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::thread;
use std::time::{Duration, Instant};

/// The parts of the suite, as they can be named to run alone.
const PARTS: [&str; 8] = [
    "first-frame",
    "keys",
    "memory",
    "idle",
    "import",
    "report",
    "binary",
    "generator",
];

/// How long the output must stay silent for a frame to count as done.
const QUIET: Duration = Duration::from_millis(120);

type Fallible<T> = Result<T, Box<dyn std::error::Error>>;

fn main() -> Fallible<()> {
    let args: Vec<String> = std::env::args().collect();
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this
    // binary without it, and a suite of several minutes that needs the
    // sqlite3 shell is no test: only `cargo bench` measures.
    if !args.iter().any(|a| a == "--bench") {
        eprintln!("the benchmark suite runs under `cargo bench` only");
        return Ok(());
    }
    require_tools(&["script", "sqlite3", "strip", "pgrep"])?;
    let quick = args.iter().any(|a| a == "quick");
    let repeats = if quick { 5 } else { 15 };
    // Parts named on the command line run alone, and their figures are
    // printed but not written: BENCHMARKS.md always holds a whole run.
    let named: Vec<&str> = PARTS
        .iter()
        .copied()
        .filter(|part| args.iter().any(|a| a == part))
        .collect();
    let runs = |part: &str| named.is_empty() || named.contains(&part);
    let suite = Suite::prepare()?;
    let mut report = Report::default();
    if runs("first-frame") {
        suite.first_frames(&mut report, repeats)?;
    }
    if runs("keys") {
        suite.keys(&mut report, repeats)?;
    }
    if runs("memory") {
        suite.memory(&mut report)?;
    }
    if runs("idle") {
        suite.idle(&mut report, if quick { 3 } else { 10 })?;
    }
    if runs("import") {
        suite.import(&mut report, if quick { 1 } else { 3 })?;
    }
    if runs("report") {
        suite.report(&mut report, if quick { 1 } else { 5 })?;
    }
    if runs("binary") {
        suite.binary(&mut report)?;
    }
    if runs("generator") {
        suite.generator(&mut report)?;
    }
    let text = report.markdown(quick);
    if !named.is_empty() {
        println!("{text}");
        eprintln!("only {}: BENCHMARKS.md left as it was", named.join(", "));
        return Ok(());
    }
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("BENCHMARKS.md");
    std::fs::write(&out, &text)?;
    println!("{text}");
    eprintln!("written to {}", out.display());
    Ok(())
}

/// Says which outside program is missing, and how to get it, before
/// minutes are spent making registers.
fn require_tools(tools: &[&str]) -> Fallible<()> {
    let missing: Vec<&str> = tools
        .iter()
        .copied()
        .filter(|tool| {
            Command::new("sh")
                .arg("-c")
                .arg(format!("command -v {tool}"))
                .stdout(Stdio::null())
                .status()
                .map(|status| !status.success())
                .unwrap_or(true)
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    Err(format!(
        "the benchmarks need {} (Debian: apt-get install sqlite3 bsdutils procps binutils)",
        missing.join(", ")
    )
    .into())
}

// ---------------------------------------------------------------------
// The programs and their registers.

struct Suite {
    registro: PathBuf,
    floor: PathBuf,
    dir: PathBuf,
    demo: PathBuf,
    large: PathBuf,
    floor_db: PathBuf,
}

impl Suite {
    fn prepare() -> Fallible<Suite> {
        let registro = PathBuf::from(env!("CARGO_BIN_EXE_registro"));
        // This bench runs from <target>/release/deps: the floor example is
        // built next to it, in <target>/release/examples.
        let release = std::env::current_exe()?
            .parent()
            .and_then(Path::parent)
            .map(Path::to_path_buf)
            .ok_or("where is the target folder?")?;
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let status = Command::new(cargo)
            .args(["build", "--release", "--example", "floor"])
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .status()?;
        if !status.success() {
            return Err("could not build the floor example".into());
        }
        let floor = release.join("examples/floor");
        let dir = std::env::var_os("REGISTRO_BENCH_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| release.join("../registro-bench"));
        std::fs::create_dir_all(&dir)?;
        let suite = Suite {
            demo: dir.join("demo.registro"),
            large: dir.join("large.registro"),
            floor_db: dir.join("floor.sqlite"),
            registro,
            floor,
            dir,
        };
        for (size, path) in [("realistic", &suite.demo), ("large", &suite.large)] {
            if !path.exists() {
                let started = Instant::now();
                let output = Command::new(&suite.registro)
                    .env("USER", "admin")
                    .args(["demo", "--size", size, "--db"])
                    .arg(path)
                    .env("XDG_CONFIG_HOME", "/nonexistent-config")
                    .stdin(Stdio::null())
                    .output()?;
                if !output.status.success() {
                    return Err(String::from_utf8_lossy(&output.stderr).into_owned().into());
                }
                eprintln!("made the {size} register in {:?}", started.elapsed());
            }
        }
        let status = Command::new(&suite.floor)
            .arg("--make")
            .arg(&suite.floor_db)
            .status()?;
        if !status.success() {
            return Err("could not make the floor's table".into());
        }
        Ok(suite)
    }

    fn start(&self, program: Program, rows: u16, cols: u16) -> Fallible<OnTerminal> {
        let (binary, db) = match program {
            Program::Floor => (&self.floor, &self.floor_db),
            Program::Demo => (&self.registro, &self.demo),
            Program::Large => (&self.registro, &self.large),
        };
        let command = match program {
            Program::Floor => format!(
                "stty rows {rows} cols {cols}; exec '{}' '{}'",
                binary.display(),
                db.display()
            ),
            _ => format!(
                "stty rows {rows} cols {cols}; exec '{}' --db '{}' --user admin",
                binary.display(),
                db.display()
            ),
        };
        OnTerminal::start(&command)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Program {
    Floor,
    Demo,
    Large,
}

impl Program {
    fn name(self) -> &'static str {
        match self {
            Program::Floor => "floor",
            Program::Demo => "demo",
            Program::Large => "large",
        }
    }
}

// ---------------------------------------------------------------------
// A program on a pseudo-terminal.

struct OnTerminal {
    script: Child,
    chunks: Receiver<(Instant, usize)>,
    started: Instant,
}

impl OnTerminal {
    fn start(command: &str) -> Fallible<OnTerminal> {
        let started = Instant::now();
        let mut script = Command::new("script")
            .args(["-q", "-f", "-e", "-c", command, "/dev/null"])
            .env("LANG", "en_US.UTF-8")
            .env("TERM", "xterm-256color")
            .env("XDG_CONFIG_HOME", "/nonexistent-config")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let mut stdout = script.stdout.take().ok_or("no stdout")?;
        let (send, chunks) = channel();
        thread::spawn(move || {
            let mut buffer = [0u8; 65536];
            while let Ok(n) = stdout.read(&mut buffer) {
                if n == 0 || send.send((Instant::now(), n)).is_err() {
                    break;
                }
            }
        });
        Ok(OnTerminal {
            script,
            chunks,
            started,
        })
    }

    /// Waits for output, then for it to go quiet: the time of its last
    /// byte and how many bytes came. None if nothing came in `patience`.
    fn burst(&self, patience: Duration) -> Option<(Instant, usize)> {
        let (mut last, mut bytes) = match self.chunks.recv_timeout(patience) {
            Ok(chunk) => chunk,
            Err(_) => return None,
        };
        loop {
            match self.chunks.recv_timeout(QUIET) {
                Ok((at, n)) => {
                    last = at;
                    bytes += n;
                }
                Err(RecvTimeoutError::Timeout) | Err(RecvTimeoutError::Disconnected) => {
                    return Some((last, bytes));
                }
            }
        }
    }

    /// Drops whatever came so far.
    fn drain(&self) {
        while self.chunks.try_recv().is_ok() {}
    }

    fn first_frame(&self) -> Fallible<Duration> {
        let (last, _) = self
            .burst(Duration::from_secs(20))
            .ok_or("no first frame")?;
        Ok(last - self.started)
    }

    fn send(&mut self, keys: &[u8]) -> Fallible<Instant> {
        let stdin = self.script.stdin.as_mut().ok_or("no stdin")?;
        let at = Instant::now();
        stdin.write_all(keys)?;
        stdin.flush()?;
        Ok(at)
    }

    /// Sends a key and measures the frame it causes: (time to its last
    /// byte, bytes). A key that draws nothing gives (0, 0).
    fn key(&mut self, keys: &[u8]) -> Fallible<(Duration, usize)> {
        self.drain();
        let at = self.send(keys)?;
        Ok(match self.burst(Duration::from_secs(5)) {
            Some((last, bytes)) => (last.saturating_duration_since(at), bytes),
            None => (Duration::ZERO, 0),
        })
    }

    /// Sends keys whose frame is not measured, and lets it settle.
    fn press(&mut self, keys: &[u8]) -> Fallible<()> {
        self.drain();
        self.send(keys)?;
        self.burst(Duration::from_secs(10));
        Ok(())
    }

    /// The pid of the program itself: `script`'s child (the shell execs it).
    fn pid(&self) -> Fallible<u32> {
        let output = Command::new("pgrep")
            .args(["-P", &self.script.id().to_string()])
            .output()?;
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .and_then(|l| l.trim().parse().ok())
            .ok_or_else(|| "the program is not running".into())
    }

    fn quit(mut self) {
        let _ = self.send(b"\x03");
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(3) {
            if let Ok(Some(_)) = self.script.try_wait() {
                return;
            }
            thread::sleep(Duration::from_millis(20));
        }
        let _ = self.script.kill();
        let _ = self.script.wait();
    }
}

fn proc_field(pid: u32, file: &str, field: &str) -> Fallible<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}"))?;
    text.lines()
        .find_map(|line| line.strip_prefix(field))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| format!("no {field} in /proc/{pid}/{file}").into())
}

/// CPU time used so far, in clock ticks (utime + stime).
fn cpu_ticks(pid: u32) -> Fallible<u64> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat"))?;
    let after = text.rsplit_once(')').map(|(_, r)| r).unwrap_or("");
    let fields: Vec<&str> = after.split_whitespace().collect();
    let utime: u64 = fields.get(11).and_then(|f| f.parse().ok()).unwrap_or(0);
    let stime: u64 = fields.get(12).and_then(|f| f.parse().ok()).unwrap_or(0);
    Ok(utime + stime)
}

// ---------------------------------------------------------------------
// The measurements.

const SIZES: [(u16, u16); 2] = [(24, 80), (50, 200)];

const DOWN: &[u8] = b"j";
const PAGE_DOWN: &[u8] = b"\x1b[6~";
const PAGE_UP: &[u8] = b"\x1b[5~";

impl Suite {
    fn first_frames(&self, report: &mut Report, repeats: usize) -> Fallible<()> {
        for (rows, cols) in SIZES {
            let mut floor_median = Duration::ZERO;
            for program in [Program::Floor, Program::Demo, Program::Large] {
                let mut times = Vec::new();
                for _ in 0..repeats {
                    let terminal = self.start(program, rows, cols)?;
                    times.push(terminal.first_frame()?);
                    terminal.quit();
                }
                let median = median(&mut times);
                eprintln!("first frame {} {cols}x{rows}: {median:?}", program.name());
                if program == Program::Floor {
                    floor_median = median;
                    continue;
                }
                report.add(Figure {
                    group: "First frame",
                    name: format!(
                        "exec to first frame, {} register, {cols}×{rows}",
                        program.name()
                    ),
                    value: ms(median),
                    floor: Some(ms(floor_median)),
                    unit: "ms",
                    budget: (program == Program::Large).then_some(Budget::RatioAtMost(4.0)),
                });
            }
        }
        Ok(())
    }

    fn keys(&self, report: &mut Report, repeats: usize) -> Fallible<()> {
        for (rows, cols) in SIZES {
            // The floor: one row, one page.
            let mut floor = self.start(Program::Floor, rows, cols)?;
            floor.first_frame()?;
            let floor_move = measure(&mut floor, repeats, |t| t.key(DOWN))?;
            let floor_page = measure_alternating(&mut floor, repeats, PAGE_DOWN, PAGE_UP)?;
            floor.quit();
            eprintln!("floor keys {cols}x{rows}: move {floor_move:?} page {floor_page:?}");
            for program in [Program::Demo, Program::Large] {
                let figures = self.registro_keys(program, rows, cols, repeats)?;
                for (what, (time, bytes)) in figures {
                    let big = cols == 200;
                    let floor = if what.contains("page") {
                        floor_page
                    } else {
                        floor_move
                    };
                    report.add(Figure {
                        group: "Keys",
                        name: format!(
                            "{what}: key to last byte, {} register, {cols}×{rows}",
                            program.name()
                        ),
                        value: ms(time),
                        floor: Some(ms(floor.0)),
                        unit: "ms",
                        budget: (program == Program::Large && big).then_some(Budget::AtMost(5.0)),
                    });
                    report.add(Figure {
                        group: "Keys",
                        name: format!(
                            "{what}: bytes written, {} register, {cols}×{rows}",
                            program.name()
                        ),
                        value: bytes as f64,
                        floor: Some(floor.1 as f64),
                        unit: "B",
                        budget: (what == "move one row").then_some(Budget::RatioAtMost(2.0)),
                    });
                }
            }
        }
        Ok(())
    }

    /// Every key of the issue on one run of registro: (what, (time, bytes)).
    fn registro_keys(
        &self,
        program: Program,
        rows: u16,
        cols: u16,
        repeats: usize,
    ) -> Fallible<Vec<(String, (Duration, usize))>> {
        let mut t = self.start(program, rows, cols)?;
        t.first_frame()?;
        let mut figures = Vec::new();
        // Participants: moving, paging.
        t.press(b"3")?;
        figures.push((
            "move one row".into(),
            measure(&mut t, repeats, |t| t.key(DOWN))?,
        ));
        figures.push((
            "page".into(),
            measure_alternating(&mut t, repeats, PAGE_DOWN, PAGE_UP)?,
        ));
        // One character typed in the filter, then taken back.
        t.press(b"/")?;
        let typed = measure_alternating(&mut t, repeats, b"r", b"\x7f")?;
        figures.push((
            "one character in the / filter of Participants".into(),
            typed,
        ));
        t.press(b"\x1b")?;
        // A surname typed letter by letter: one or two letters walk the
        // name index, from the third the trigram index finds thousands
        // of people, then fewer. The figure is the slowest letter.
        let surname = b"rossi";
        let mut slowest = (Duration::ZERO, 0);
        for typed in 1..=surname.len() {
            let (before, letter) = surname[..typed].split_at(typed - 1);
            let figure = measure(&mut t, repeats.div_ceil(3), |t| {
                let mut opening = b"/".to_vec();
                opening.extend_from_slice(before);
                t.press(&opening)?;
                let figure = t.key(letter)?;
                t.press(b"\x1b")?;
                Ok(figure)
            })?;
            eprintln!("{} {cols}x{rows} typed {typed}: {figure:?}", program.name());
            if figure.0 > slowest.0 {
                slowest = figure;
            }
        }
        figures.push((
            "a surname typed in the / filter of Participants, slowest letter of \"rossi\"".into(),
            slowest,
        ));
        // Every tab, from the one before it; the slowest is the figure.
        let mut slowest = (Duration::ZERO, 0);
        for tab in 1..=6u8 {
            let before = if tab == 1 { 6 } else { tab - 1 };
            let mut times = Vec::new();
            let mut bytes = Vec::new();
            for _ in 0..repeats.div_ceil(3) {
                t.press(&[b'0' + before])?;
                let (time, b) = t.key(&[b'0' + tab])?;
                times.push(time);
                bytes.push(b);
            }
            let figure = (median(&mut times), median(&mut bytes));
            eprintln!("{} {cols}x{rows} tab {tab}: {figure:?}", program.name());
            figures.push((format!("switch to tab {tab}"), figure));
            if figure.0 > slowest.0 {
                slowest = figure;
            }
        }
        figures.push(("switch tab (slowest)".into(), slowest));
        // Sessions open on today: open the roster, mark a row.
        t.press(b"2")?;
        let open = measure_alternating(&mut t, repeats, b"\r", b"\x1b")?;
        figures.push(("open a roster".into(), open));
        t.press(b"\r")?;
        // Space toggles present and absent: marking over and over.
        let mark = measure(&mut t, repeats, |t| t.key(b" "))?;
        figures.push(("mark one row".into(), mark));
        t.quit();
        for (what, figure) in &figures {
            eprintln!("{} {cols}x{rows} {what}: {figure:?}", program.name());
        }
        Ok(figures)
    }

    fn memory(&self, report: &mut Report) -> Fallible<()> {
        let (rows, cols) = (50, 200);
        let floor = self.start(Program::Floor, rows, cols)?;
        floor.first_frame()?;
        let floor_kb = proc_field(floor.pid()?, "status", "VmHWM:")?;
        floor.quit();
        let mut t = self.start(Program::Large, rows, cols)?;
        t.first_frame()?;
        let pid = t.pid()?;
        let names = [
            "Modules",
            "Sessions",
            "Participants",
            "Enrolments",
            "Notes",
            "Report",
        ];
        for (index, name) in names.iter().enumerate() {
            t.press(&[b'1' + index as u8])?;
            let kb = proc_field(pid, "status", "VmHWM:")?;
            report.add(Figure {
                group: "Memory",
                name: format!("peak RSS, large register, after opening {name}"),
                value: kb as f64 / 1024.0,
                floor: Some(floor_kb as f64 / 1024.0),
                unit: "MiB",
                budget: Some(Budget::RatioAtMost(3.0)),
            });
        }
        t.quit();
        Ok(())
    }

    fn idle(&self, report: &mut Report, seconds: u64) -> Fallible<()> {
        let mut floor_figures = None;
        for program in [Program::Floor, Program::Large] {
            let t = self.start(program, 50, 200)?;
            t.first_frame()?;
            let pid = t.pid()?;
            thread::sleep(Duration::from_secs(1));
            t.drain();
            let switches = |pid| -> Fallible<u64> {
                Ok(proc_field(pid, "status", "voluntary_ctxt_switches:")?
                    + proc_field(pid, "status", "nonvoluntary_ctxt_switches:")?)
            };
            let (cpu0, wake0) = (cpu_ticks(pid)?, switches(pid)?);
            thread::sleep(Duration::from_secs(seconds));
            let (cpu1, wake1) = (cpu_ticks(pid)?, switches(pid)?);
            let mut bytes = 0;
            while let Ok((_, n)) = t.chunks.try_recv() {
                bytes += n;
            }
            t.quit();
            // Clock ticks are 1/100 s on Linux.
            let cpu_ms = (cpu1 - cpu0) as f64 * 10.0;
            let wakes = (wake1 - wake0) as f64 / seconds as f64;
            if program == Program::Floor {
                floor_figures = Some((bytes, cpu_ms, wakes));
                continue;
            }
            let (fb, fc, fw) = floor_figures.unwrap_or_default();
            report.add(Figure {
                group: "Idle",
                name: format!("bytes written while idle {seconds} s, large register"),
                value: bytes as f64,
                floor: Some(fb as f64),
                unit: "B",
                budget: Some(Budget::AtMost(0.0)),
            });
            report.add(Figure {
                group: "Idle",
                name: format!("CPU while idle {seconds} s, large register"),
                value: cpu_ms,
                floor: Some(fc),
                unit: "ms",
                budget: None,
            });
            report.add(Figure {
                group: "Idle",
                name: "wake-ups per second while idle (context switches)".into(),
                value: wakes,
                floor: Some(fw),
                unit: "/s",
                budget: Some(Budget::AtMost(1.5)),
            });
        }
        Ok(())
    }

    fn import(&self, report: &mut Report, repeats: usize) -> Fallible<()> {
        let dir = self.dir.join("import");
        std::fs::create_dir_all(&dir)?;
        let modules = dir.join("modules.csv");
        let enrolments = dir.join("enrolments.csv");
        let rows = 100_000;
        write_import_files(&modules, &enrolments, rows, 200, |i| format!("B{i:03}"))?;
        let base = dir.join("base.registro");
        self.register_of_modules(&base, &modules)?;
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        let mut schema_sql = Vec::new();
        let target = dir.join("target.registro");
        for _ in 0..repeats {
            ours.push(self.timed_import(&base, &target, &enrolments)?);
            schema_sql.push(timed_schema_sql(&base, &target, &dir.join("sql.registro"))?);
            let plain = dir.join("plain.sqlite");
            remove_db(&plain);
            run(&mut Command::new("sync"))?;
            let started = Instant::now();
            run(Command::new("sqlite3").arg(&plain).arg(format!(
                ".import --csv '{}' enrolments",
                enrolments.display()
            )))?;
            theirs.push(started.elapsed());
        }
        let (ours, theirs) = (median(&mut ours), median(&mut theirs));
        report.add(Figure {
            group: "Import",
            name: format!("import of {rows} enrolment rows (rows/s)"),
            value: rows as f64 / ours.as_secs_f64(),
            floor: Some(rows as f64 / theirs.as_secs_f64()),
            unit: "rows/s",
            budget: Some(Budget::AtLeast(100_000.0)),
        });
        let schema_sql = median(&mut schema_sql);
        report.add(Figure {
            group: "Import",
            name: format!(
                "the same {rows} rows (floor: the rows it writes, moved into the register's \
                 tables by hand-written SQL)"
            ),
            value: rows as f64 / ours.as_secs_f64(),
            floor: Some(rows as f64 / schema_sql.as_secs_f64()),
            unit: "rows/s",
            budget: None,
        });
        self.office_file(report, repeats)
    }

    /// A new register at `path` holding the modules of a file, made by
    /// this build, so that no upgrade of an older register is timed as
    /// part of an import.
    fn register_of_modules(&self, path: &Path, modules: &Path) -> Fallible<()> {
        remove_db(path);
        run(Command::new(&self.registro)
            .env("USER", "admin")
            .args(["init", "--db"])
            .arg(path))?;
        run(Command::new(&self.registro)
            .env("USER", "admin")
            .args(["import", "modules"])
            .arg(modules)
            .arg("--db")
            .arg(path))
    }

    /// How long `registro import enrolments FILE` takes on a fresh copy
    /// of `base` at `target`.
    fn timed_import(&self, base: &Path, target: &Path, file: &Path) -> Fallible<Duration> {
        fresh_copy(base, target)?;
        let started = Instant::now();
        run(Command::new(&self.registro)
            .env("USER", "admin")
            .args(["import", "enrolments"])
            .arg(file)
            .arg("--db")
            .arg(target))?;
        Ok(started.elapsed())
    }

    /// What an office sends: forty requests, twenty people new to the
    /// register, imported into the large register, against the same
    /// file into a register that has only its modules. An import reads
    /// of the register what the file names, so the two should cost
    /// about the same (budget: 2x).
    fn office_file(&self, report: &mut Report, repeats: usize) -> Fallible<()> {
        let dir = self.dir.join("import");
        let modules = dir.join("office-modules.csv");
        let requests = dir.join("office-requests.csv");
        // The large register's first modules (demo/large.rs codes them so).
        write_import_files(&modules, &requests, 40, 10, |i| format!("M{i:04}"))?;
        let small = dir.join("office-base.registro");
        self.register_of_modules(&small, &modules)?;
        let target = dir.join("office-target.registro");
        let mut large = Vec::new();
        let mut floor = Vec::new();
        for _ in 0..repeats.max(3) {
            large.push(self.timed_import(&self.large, &target, &requests)?);
            floor.push(self.timed_import(&small, &target, &requests)?);
        }
        report.add(Figure {
            group: "Import",
            name: "an office's 40 requests into the large register (floor: into a register of their modules alone)".into(),
            value: ms(median(&mut large)),
            floor: Some(ms(median(&mut floor))),
            unit: "ms",
            budget: Some(Budget::RatioAtMost(2.0)),
        });
        Ok(())
    }

    fn report(&self, report: &mut Report, repeats: usize) -> Fallible<()> {
        let sql = self.dir.join("report.sql");
        std::fs::write(&sql, REPORT_SQL)?;
        let mut ours = Vec::new();
        let mut theirs = Vec::new();
        for _ in 0..repeats {
            let started = Instant::now();
            run(Command::new(&self.registro)
                .env("USER", "admin")
                .args(["report", "--format", "json", "--user", "admin", "--db"])
                .arg(&self.large))?;
            ours.push(started.elapsed());
            let started = Instant::now();
            run(Command::new("sqlite3")
                .arg("-readonly")
                .arg(&self.large)
                .arg(format!(".read '{}'", sql.display())))?;
            theirs.push(started.elapsed());
        }
        report.add(Figure {
            group: "Report",
            name: "registro report --format json, large register".into(),
            value: ms(median(&mut ours)),
            floor: Some(ms(median(&mut theirs))),
            unit: "ms",
            budget: Some(Budget::RatioAtMost(2.0)),
        });
        Ok(())
    }

    /// Making the large register from nothing, once (the suite's own copy
    /// is made only when missing).
    fn generator(&self, report: &mut Report) -> Fallible<()> {
        let path = self.dir.join("generated.registro");
        remove_db(&path);
        let started = Instant::now();
        run(Command::new(&self.registro)
            .env("USER", "admin")
            .args(["demo", "--size", "large", "--db"])
            .arg(&path))?;
        let took = started.elapsed();
        remove_db(&path);
        report.add(Figure {
            group: "Generator",
            name: "registro demo --size large (100,000 people, 2,000 modules, 20,000 sessions, \
                   300,000 enrolments, 1,000,000 marks, 50,000 notes)"
                .into(),
            value: took.as_secs_f64(),
            floor: None,
            unit: "s",
            budget: None,
        });
        Ok(())
    }

    fn binary(&self, report: &mut Report) -> Fallible<()> {
        let size = |path: &Path| -> Fallible<f64> {
            let copy = self.dir.join("stripped");
            std::fs::copy(path, &copy)?;
            run(Command::new("strip").arg(&copy))?;
            Ok(std::fs::metadata(&copy)?.len() as f64 / 1_048_576.0)
        };
        report.add(Figure {
            group: "Binary",
            name: "stripped release binary".into(),
            value: size(&self.registro)?,
            floor: Some(size(&self.floor)?),
            unit: "MiB",
            budget: Some(Budget::AtMost(12.0)),
        });
        Ok(())
    }
}

fn measure(
    t: &mut OnTerminal,
    repeats: usize,
    mut once: impl FnMut(&mut OnTerminal) -> Fallible<(Duration, usize)>,
) -> Fallible<(Duration, usize)> {
    let mut times = Vec::new();
    let mut bytes = Vec::new();
    for _ in 0..repeats {
        let (time, b) = once(t)?;
        times.push(time);
        bytes.push(b);
    }
    Ok((median(&mut times), median(&mut bytes)))
}

/// Measures `there`, undoing it with `back` (not measured) each time.
fn measure_alternating(
    t: &mut OnTerminal,
    repeats: usize,
    there: &[u8],
    back: &[u8],
) -> Fallible<(Duration, usize)> {
    measure(t, repeats, |t| {
        let figure = t.key(there)?;
        t.press(back)?;
        Ok(figure)
    })
}

fn median<T: Ord + Copy + Default>(values: &mut [T]) -> T {
    values.sort();
    values.get(values.len() / 2).copied().unwrap_or_default()
}

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn run(command: &mut Command) -> Fallible<()> {
    let output = command
        .env("XDG_CONFIG_HOME", "/nonexistent-config")
        .stdin(Stdio::null())
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    Ok(())
}

fn remove_db(path: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        let _ = std::fs::remove_file(name);
    }
}

/// A fresh copy of the register `base` at `copy`, on the disk before
/// anything is timed: otherwise the first fsync timed would wait for it
/// (ext4 writes in order), and for whatever was timed before it.
fn fresh_copy(base: &Path, copy: &Path) -> Fallible<()> {
    remove_db(copy);
    std::fs::copy(base, copy)?;
    run(&mut Command::new("sync"))
}

/// How long SQLite takes to write what an import wrote into `imported`
/// (its people, requests and their history) into a fresh copy of `base`
/// at `copy`: three INSERT ... SELECT from tables in memory, in one
/// transaction, and the close that folds the log into the file, as the
/// importer's process does when it ends. What an import costs beyond
/// this is its own: reading, checking and binding each row.
fn timed_schema_sql(base: &Path, imported: &Path, copy: &Path) -> Fallible<Duration> {
    fresh_copy(base, copy)?;
    let conn = rusqlite::Connection::open(copy)?;
    conn.pragma_update(None, "foreign_keys", true)?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "cache_size", -65536)?;
    conn.execute("ATTACH ?1 AS imported", [imported.to_string_lossy()])?;
    conn.execute_batch(
        "CREATE TEMP TABLE new_person AS
             SELECT id, surname, given_name, gender, tax_code, email, phone,
                    organisation, organisation_type, job_title
             FROM imported.person ORDER BY id;
         CREATE TEMP TABLE new_enrolment AS
             SELECT id, person_id, module_id, received_on, status, reason
             FROM imported.enrolment ORDER BY id;
         CREATE TEMP TABLE new_history AS
             SELECT enrolment_id, from_status, to_status, reason, at, by_user
             FROM imported.enrolment_history ORDER BY id;
         DETACH imported;",
    )?;
    let started = Instant::now();
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         INSERT INTO person(id, surname, given_name, gender, tax_code, email, phone,
                            organisation, organisation_type, job_title)
             SELECT * FROM temp.new_person ORDER BY rowid;
         INSERT INTO enrolment(id, person_id, module_id, received_on, status, reason)
             SELECT * FROM temp.new_enrolment ORDER BY rowid;
         INSERT INTO enrolment_history(enrolment_id, from_status, to_status, reason, at, by_user)
             SELECT * FROM temp.new_history ORDER BY rowid;
         COMMIT;",
    )?;
    conn.close().map_err(|(_, e)| e)?;
    Ok(started.elapsed())
}

/// `module_count` modules, coded by `code`, and `rows` requests for them
/// from `rows / 2` people (each applies to two), with valid tax codes, as
/// an office would send them.
fn write_import_files(
    modules: &Path,
    enrolments: &Path,
    rows: usize,
    module_count: usize,
    code: impl Fn(usize) -> String,
) -> Fallible<()> {
    use jiff::civil::date;
    use registro::domain::Gender;
    let mut m = String::from("code,title,axis,location,hours,capacity,starts_on,ends_on\n");
    for i in 1..=module_count {
        writeln!(
            m,
            "{},Modulo {i},{},Cremona,16,1000,2030-01-10,2030-02-10",
            code(i),
            ["I", "II", "III", "IV", "V"][i % 5]
        )?;
    }
    std::fs::write(modules, m)?;
    let surnames = [
        "Rossi", "Bianchi", "Ferrari", "Esposito", "Romano", "Colombo",
    ];
    let women = ["Giulia", "Francesca", "Chiara", "Sara", "Elena"];
    let men = ["Marco", "Luca", "Andrea", "Matteo"];
    let mut e = String::from(
        "received_on,module,surname,given_name,gender,tax_code,email,organisation,organisation_type\n",
    );
    // Every municipality and state code the tax-code check knows.
    let places: Vec<String> = (b'A'..=b'Z')
        .flat_map(|letter| (0..1000).map(move |n| format!("{}{n:03}", letter as char)))
        .filter(|code| registro::taxcode::is_known_place(code))
        .collect();
    for person in 0..rows / 2 {
        let surname = surnames[person % surnames.len()];
        let female = person % 7 != 0;
        let given = if female {
            women[person % women.len()]
        } else {
            men[person % men.len()]
        };
        let gender = if female { Gender::F } else { Gender::M };
        let birth = date(
            1960 + (person % 35) as i16,
            1 + (person % 12) as i8,
            1 + (person % 28) as i8,
        );
        // A real place per person (the check asks for one), drawn round
        // the table so that, with the birth dates, the codes stay apart.
        let place = &places[person % places.len()];
        let tax_code = registro::taxcode::compute(surname, given, gender, birth, place);
        for k in 0..2 {
            let module = code((person * 2 + k) % module_count + 1);
            writeln!(
                e,
                "2029-12-{:02},{module},{surname},{given},{},{tax_code},p{person}@example.org,Comune di Cremona,Comune",
                1 + (person % 28),
                if female { "F" } else { "M" }
            )?;
        }
    }
    std::fs::write(enrolments, e)?;
    Ok(())
}

/// The report's figures by hand, in the sqlite3 shell: what
/// `registro report --format json` computes (docs/report.md).
const REPORT_SQL: &str = "
CREATE TEMP VIEW held AS
  SELECT * FROM session WHERE cancelled = 0 AND date <= date('now', 'localtime');
CREATE TEMP VIEW part AS
  SELECT e.*, p.gender, p.organisation_type FROM enrolment e JOIN person p ON p.id = e.person_id
  WHERE e.status = 'accepted';
SELECT count(*) FROM module;
SELECT count(*), sum(end_minute - start_minute) / 60.0 FROM session WHERE cancelled = 0;
SELECT location, count(*) FROM module GROUP BY location;
SELECT a.code, count(*) FROM module m JOIN axis a ON a.id = m.axis_id GROUP BY a.code;
SELECT count(*), sum(status = 'rejected'), sum(status IN ('accepted', 'withdrawn')),
       sum(status = 'withdrawn'), sum(status = 'waitlisted'), sum(status = 'requested')
  FROM enrolment;
SELECT count(*), count(DISTINCT person_id) FROM part;
SELECT count(*) FROM (SELECT person_id FROM part GROUP BY person_id HAVING count(*) > 1);
SELECT gender, count(*) FROM part GROUP BY gender;
SELECT organisation_type, count(*) FROM part GROUP BY organisation_type;
WITH delivered AS (
    SELECT module_id, sum(end_minute - start_minute) AS minutes FROM held GROUP BY module_id),
  attended AS (
    SELECT t.enrolment_id, sum(t.minutes) AS minutes FROM attendance t
    JOIN held s ON s.id = t.session_id GROUP BY t.enrolment_id),
  per AS (
    SELECT coalesce(a.minutes, 0) AS minutes, d.minutes AS delivered FROM part p
    LEFT JOIN attended a ON a.enrolment_id = p.id
    LEFT JOIN delivered d ON d.module_id = p.module_id)
SELECT avg(CASE WHEN delivered > 0 THEN 1.0 * minutes / delivered ELSE 0 END),
       avg(minutes) / 60.0,
       sum(delivered > 0 AND 1.0 * minutes / delivered >= 0.75)
  FROM per;
SELECT avg(score), count(*) FROM rating r JOIN part p ON p.id = r.enrolment_id;
";

// ---------------------------------------------------------------------
// BENCHMARKS.md

#[derive(Debug, Clone, Copy)]
enum Budget {
    /// At most this many times the floor.
    RatioAtMost(f64),
    /// At most this value, in the figure's unit.
    AtMost(f64),
    /// At least this value, in the figure's unit.
    AtLeast(f64),
}

struct Figure {
    group: &'static str,
    name: String,
    value: f64,
    floor: Option<f64>,
    unit: &'static str,
    budget: Option<Budget>,
}

impl Figure {
    fn ratio(&self) -> Option<f64> {
        self.floor
            .filter(|f| *f > 0.0)
            .map(|floor| self.value / floor)
    }

    fn verdict(&self) -> &'static str {
        match self.budget {
            None => "",
            Some(Budget::RatioAtMost(most)) => match self.ratio() {
                Some(r) if r <= most => "pass",
                Some(_) => "FAIL",
                None if self.value <= 0.0 => "pass",
                None => "FAIL",
            },
            Some(Budget::AtMost(most)) if self.value <= most => "pass",
            Some(Budget::AtLeast(least)) if self.value >= least => "pass",
            Some(_) => "FAIL",
        }
    }
}

#[derive(Default)]
struct Report {
    figures: Vec<Figure>,
}

impl Report {
    fn add(&mut self, figure: Figure) {
        eprintln!("{}: {:.2} {}", figure.name, figure.value, figure.unit);
        self.figures.push(figure);
    }

    fn markdown(&self, quick: bool) -> String {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let model = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name"))
            .map(|l| l.trim_start_matches([' ', '\t', ':']).to_string())
            .unwrap_or_else(|| "unknown".into());
        let cores = cpuinfo
            .lines()
            .filter(|l| l.starts_with("processor"))
            .count();
        let date = Command::new("date")
            .arg("-u")
            .arg("+%Y-%m-%d %H:%M UTC")
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
            .unwrap_or_default();
        let mut out = String::new();
        let _ = writeln!(out, "# Benchmarks\n");
        let _ = writeln!(
            out,
            "Written by `cargo bench` (benches/bench.rs){}; see README.md, \
             section Benchmarks, for the budgets and how to run it.\n",
            if quick { " in quick mode" } else { "" }
        );
        let _ = writeln!(out, "- machine: {model}, {cores} cores");
        let _ = writeln!(out, "- date: {date}");
        let _ = writeln!(
            out,
            "- floor: examples/floor.rs, a bare ratatui + rusqlite table over 1,000,000 rows, measured in the same run"
        );
        let _ = writeln!(
            out,
            "- registers: `registro demo` (realistic) and `registro demo --size large`"
        );
        let _ = writeln!(
            out,
            "- times are medians; a key's time runs from the key written to the pty to the frame's last byte\n"
        );
        let mut groups: BTreeMap<usize, (&str, Vec<&Figure>)> = BTreeMap::new();
        let mut order: Vec<&str> = Vec::new();
        for f in &self.figures {
            let index = order.iter().position(|g| *g == f.group).unwrap_or_else(|| {
                order.push(f.group);
                order.len() - 1
            });
            groups
                .entry(index)
                .or_insert((f.group, Vec::new()))
                .1
                .push(f);
        }
        let _ = writeln!(out, "| figure | value | floor | ratio | budget | result |");
        let _ = writeln!(out, "| --- | ---: | ---: | ---: | --- | --- |");
        for (_, (group, figures)) in groups {
            let _ = writeln!(out, "| **{group}** | | | | | |");
            for f in figures {
                let value = number(f.value, f.unit);
                let floor = f.floor.map(|v| number(v, f.unit)).unwrap_or_default();
                let ratio = f.ratio().map(|r| format!("{r:.2}×")).unwrap_or_default();
                let budget = match f.budget {
                    None => String::new(),
                    Some(Budget::RatioAtMost(r)) => format!("≤ {r}× floor"),
                    Some(Budget::AtMost(v)) => format!("≤ {}", number(v, f.unit)),
                    Some(Budget::AtLeast(v)) => format!("≥ {}", number(v, f.unit)),
                };
                let _ = writeln!(
                    out,
                    "| {} | {value} | {floor} | {ratio} | {budget} | {} |",
                    f.name,
                    f.verdict()
                );
            }
        }
        out
    }
}

fn number(value: f64, unit: &str) -> String {
    match unit {
        "B" | "rows/s" => format!("{value:.0} {unit}"),
        "MiB" => format!("{value:.1} {unit}"),
        _ => format!("{value:.2} {unit}"),
    }
}
