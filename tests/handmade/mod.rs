//! Two small registers built by hand, with every figure of the report
//! worked out below, so that the tests can check each one. Sessions are
//! dated 2013 (held, whatever today is) or 2099 (planned).
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use registro::context::{Actor, Clock};
use registro::store::{DEFAULT_AXES, Store};

pub fn actor() -> Actor {
    Actor::new("admin", Clock::at_noon(jiff::civil::date(2026, 11, 26)))
}

fn build(path: &Path, sql: &str) -> PathBuf {
    let store = Store::create(path, &actor(), DEFAULT_AXES).expect("create");
    store
        .write(|tx| {
            tx.execute_batch(sql)?;
            Ok(())
        })
        .expect("fill");
    path.to_path_buf()
}

/// Province A.
///
/// Modules (axis ids 1..5 are I..V):
///   M01 Lingua, axis I,  Cremona        sessions: s1 4h, s2 4h held; s3 4h
///                                        cancelled; s4 4h in 2099. Delivered 8h.
///   M02 Lavoro, axis II, Crema           s5 4h, s6 2h held. Delivered 6h.
///   M03 Salute, axis IV, Cremona         s7 3h held. Delivered 3h.
///   M04 Minori, axis V,  Casalmaggiore   no sessions at all. Delivered 0h.
///   modules 4; sessions held 5; hours_delivered 8+6+3 = 17.
///   by location: Cremona 2, Crema 1, Casalmaggiore 1; by axis I, II, IV, V 1 each.
///
/// People: P1 Rossi Anna F (tax code, Comune) in three modules;
///   P2 Bianchi Bruno M (tax code, ASL); P3 Verdi Chiara F (no tax code,
///   Comune); P4 Neri Dana X (tax code, Associazione); P5 Gallo, P6 Costa,
///   P7 Ferri, P8 Conti never take part.
///
/// Enrolments:
///   e1 P1 M01 accepted    e2 P1 M02 accepted   e3 P1 M03 accepted
///   e4 P2 M01 accepted    e5 P3 M01 accepted (attends 0 hours)
///   e6 P4 M02 accepted    e7 P5 M01 rejected   e8 P6 M01 withdrawn
///   e9 P7 M03 waitlisted  e10 P8 M04 requested e11 P2 M04 accepted (no sessions)
///   e12 P3 M03 withdrawn
///   applications 12; participants 7 (e1-e6, e11); rejected 1; withdrawn 2;
///   accepted 7 + 2 = 9; waitlisted 1; pending 1.
///   persons 4 (P1, P2, P3, P4); persons_multi_module 2 (P1 ×3, P2 ×2).
///   by gender F 4 (P1 ×3, P3), M 2 (P2 ×2), X 1 (P4).
///   by organisation type Comune 4, ASL 2, Associazione 1.
///
/// Attendance (minutes; only sessions held count):
///   e1: s1 240 + s2 240 (+ 240 on the cancelled s3, not counted) = 480 of 480 → 1
///   e4: s1 240 + s2 120 = 360 of 480 → 0.75 (exactly the threshold)
///   e5: s1 0 + s2 0 = 0 of 480 → 0
///   e2: s5 240 + s6 60 = 300 of 360 → 5/6
///   e6: s5 180 + s6 45 = 225 of 360 → 0.625 (45 minutes short of 75%)
///   e3: s7 180 of 180 → 1
///   e11: nothing delivered → no rate
///   hours attended 1545 minutes = 25.75 h; attendance_hours_mean 25.75 / 7.
///   attendance_rate (1 + 0.75 + 0 + 5/6 + 0.625 + 1) / 6 = (101/24) / 6 = 101/144.
///   certificates (≥ 75%): e1, e4, e2, e3 = 4.
///
/// Ratings: e1 5, e2 4, e3 3, e4 2, e6 4; e5 and e11 none; the 1 on the
///   withdrawn e8 does not count. satisfaction_responses 5, mean 18 / 5 = 3.6.
pub fn province_a(folder: &Path) -> PathBuf {
    build(
        &folder.join("a.db"),
        "
        INSERT INTO module(id, code, title, axis_id, location, planned_minutes, capacity) VALUES
            (1, 'M01', 'Lingua', 1, 'Cremona', 960, 25),
            (2, 'M02', 'Lavoro', 2, 'Crema', 960, 25),
            (3, 'M03', 'Salute', 4, 'Cremona', 960, 25),
            (4, 'M04', 'Minori', 5, 'Casalmaggiore', 960, 25);
        INSERT INTO session(id, module_id, date, start_minute, end_minute, cancelled) VALUES
            (1, 1, '2013-02-04', 540, 780, 0),
            (2, 1, '2013-02-11', 540, 780, 0),
            (3, 1, '2013-02-18', 540, 780, 1),
            (4, 1, '2099-02-25', 540, 780, 0),
            (5, 2, '2013-03-04', 840, 1080, 0),
            (6, 2, '2013-03-11', 840, 960, 0),
            (7, 3, '2013-04-08', 540, 720, 0);
        INSERT INTO person(id, surname, given_name, gender, tax_code, organisation, organisation_type) VALUES
            (1, 'Rossi', 'Anna', 'F', 'RSSNNA80A41D150X', 'Comune di Cremona', 'Comune'),
            (2, 'Bianchi', 'Bruno', 'M', 'BNCBRN75B02D150Y', 'ASL Cremona', 'ASL'),
            (3, 'Verdi', 'Chiara', 'F', NULL, 'Comune di Crema', 'Comune'),
            (4, 'Neri', 'Dana', 'X', 'NRIDNA90C03D150Z', 'Porte aperte', 'Associazione'),
            (5, 'Gallo', 'Elena', 'F', NULL, 'Comune di Crema', 'Comune'),
            (6, 'Costa', 'Fabio', 'M', NULL, 'ASL Cremona', 'ASL'),
            (7, 'Ferri', 'Gina', 'F', NULL, 'Comune di Cremona', 'Comune'),
            (8, 'Conti', 'Ugo', 'M', NULL, 'Questura', 'Questura');
        INSERT INTO enrolment(id, person_id, module_id, received_on, status, reason) VALUES
            (1, 1, 1, '2013-01-10', 'accepted', NULL),
            (2, 1, 2, '2013-01-10', 'accepted', NULL),
            (3, 1, 3, '2013-01-10', 'accepted', NULL),
            (4, 2, 1, '2013-01-11', 'accepted', NULL),
            (5, 3, 1, '2013-01-12', 'accepted', NULL),
            (6, 4, 2, '2013-01-12', 'accepted', NULL),
            (7, 5, 1, '2013-01-13', 'rejected', 'posti esauriti'),
            (8, 6, 1, '2013-01-13', 'withdrawn', 'motivi personali'),
            (9, 7, 3, '2013-01-14', 'waitlisted', NULL),
            (10, 8, 4, '2013-01-14', 'requested', NULL),
            (11, 2, 4, '2013-01-15', 'accepted', NULL),
            (12, 3, 3, '2013-01-15', 'withdrawn', 'motivi di lavoro');
        INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by) VALUES
            (1, 1, 240, 'present', '2013-02-04T13:00:00Z', 'tutor'),
            (1, 2, 240, 'present', '2013-02-11T13:00:00Z', 'tutor'),
            (1, 3, 240, 'present', '2013-02-18T13:00:00Z', 'tutor'),
            (4, 1, 240, 'present', '2013-02-04T13:00:00Z', 'tutor'),
            (4, 2, 120, 'left-early', '2013-02-11T13:00:00Z', 'tutor'),
            (5, 1, 0, 'absent', '2013-02-04T13:00:00Z', 'tutor'),
            (5, 2, 0, 'absent', '2013-02-11T13:00:00Z', 'tutor'),
            (2, 5, 240, 'present', '2013-03-04T18:00:00Z', 'tutor'),
            (2, 6, 60, 'left-early', '2013-03-11T16:00:00Z', 'tutor'),
            (6, 5, 180, 'late', '2013-03-04T18:00:00Z', 'tutor'),
            (6, 6, 45, 'left-early', '2013-03-11T16:00:00Z', 'tutor'),
            (3, 7, 180, 'present', '2013-04-08T12:00:00Z', 'tutor');
        INSERT INTO rating(enrolment_id, score, comment) VALUES
            (1, 5, 'Ottimo'), (2, 4, NULL), (3, 3, NULL), (4, 2, 'Troppo veloce'),
            (6, 4, NULL), (8, 1, 'ritirato');
        ",
    )
}

/// Province B, to add to A.
///
///   N01 Accoglienza, axis III, Lodi: one session of 4h held.
///   Q1 Rossi Anna F, the tax code of A's P1 in lower case, Comune: accepted,
///      240 of 240 minutes (rate 1, certificate), rating 5.
///   Q2 Verdi Chiara F, no tax code (so not A's P3), Comune: accepted,
///      120 of 240 (rate 0.5), no rating.
///   Q3 Sala Marco M, Questura: rejected.
///   Alone: modules 1, sessions 1, hours 4, applications 3, rejected 1,
///   accepted 2, participants 2, persons 2, multi 0, F 2, rate 0.75,
///   hours mean 3, satisfaction 5 (1 answer), certificates 1.
///
/// A and B together:
///   modules 5; sessions 6; hours_delivered 21;
///   by location Cremona 2, Crema 1, Casalmaggiore 1, Lodi 1; axes I-V 1 each.
///   applications 15; rejected 2; accepted 11; withdrawn 2; waitlisted 1;
///   pending 1; participants 9.
///   persons 5 (P1 = Q1, P2, P3, P4, Q2); persons_multi_module 2 (P1 ×4, P2 ×2).
///   F 6, M 2, X 1; Comune 6, ASL 2, Associazione 1.
///   attendance_hours_mean (1545 + 360) / 60 / 9 = 31.75 / 9.
///   attendance_rate (101/24 + 1 + 0.5) / 8 = 137/192.
///   satisfaction (18 + 5) / 6, responses 6; certificates 5.
pub fn province_b(folder: &Path) -> PathBuf {
    build(
        &folder.join("b.db"),
        "
        INSERT INTO module(id, code, title, axis_id, location, planned_minutes, capacity) VALUES
            (1, 'N01', 'Accoglienza', 3, 'Lodi', 960, 25);
        INSERT INTO session(id, module_id, date, start_minute, end_minute) VALUES
            (1, 1, '2013-05-06', 540, 780);
        INSERT INTO person(id, surname, given_name, gender, tax_code, organisation, organisation_type) VALUES
            (1, 'Rossi', 'Anna', 'F', 'rssnna80a41d150x', 'Comune di Lodi', 'Comune'),
            (2, 'Verdi', 'Chiara', 'F', NULL, 'Comune di Lodi', 'Comune'),
            (3, 'Sala', 'Marco', 'M', 'SLAMRC70A01E648K', 'Questura di Lodi', 'Questura');
        INSERT INTO enrolment(id, person_id, module_id, received_on, status, reason) VALUES
            (1, 1, 1, '2013-04-01', 'accepted', NULL),
            (2, 2, 1, '2013-04-01', 'accepted', NULL),
            (3, 3, 1, '2013-04-02', 'rejected', 'requisiti mancanti');
        INSERT INTO attendance(enrolment_id, session_id, minutes, mark, updated_at, updated_by) VALUES
            (1, 1, 240, 'present', '2013-05-06T13:00:00Z', 'tutor'),
            (2, 1, 120, 'left-early', '2013-05-06T13:00:00Z', 'tutor');
        INSERT INTO rating(enrolment_id, score) VALUES (1, 5);
        ",
    )
}

/// An empty register.
pub fn empty(folder: &Path) -> PathBuf {
    build(&folder.join("empty.db"), "")
}
