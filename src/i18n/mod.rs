//! Every user-facing string, one catalogue per language. A catalogue is a
//! struct, so a string missing from one language does not compile.

pub mod cli_help;
mod en;
pub mod format;
mod it;
pub mod system;

use crate::keys::Action;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    It,
}

impl Lang {
    /// From the locale variables, as the C library reads them: `LC_ALL`,
    /// then `LC_MESSAGES`, then `LANG`. Italian when they say so.
    pub fn from_environment() -> Lang {
        Lang::from_locale(&locale_messages())
    }

    pub fn from_locale(locale: &str) -> Lang {
        if locale.to_ascii_lowercase().starts_with("it") {
            Lang::It
        } else {
            Lang::En
        }
    }
}

fn locale_variable(names: &[&str]) -> String {
    names
        .iter()
        .filter_map(|name| std::env::var(name).ok())
        .find(|value| !value.is_empty())
        .unwrap_or_default()
}

fn locale_messages() -> String {
    locale_variable(&["LC_ALL", "LC_MESSAGES", "LANG"])
}

/// Whether the terminal's character set is UTF-8 (`LC_ALL`, `LC_CTYPE`,
/// `LANG`); where it is not, the screen draws in plain ASCII.
pub fn locale_is_utf8() -> bool {
    let locale = locale_variable(&["LC_ALL", "LC_CTYPE", "LANG"]).to_ascii_lowercase();
    locale.contains("utf-8") || locale.contains("utf8")
}

/// The catalogue chosen at start, for messages made far from any
/// screen (errors). Set once by the command line; English until then.
static CURRENT: std::sync::OnceLock<&'static Catalogue> = std::sync::OnceLock::new();

pub fn set_current(lang: Lang) {
    let _ = CURRENT.set(Catalogue::get(lang));
}

pub fn current() -> &'static Catalogue {
    CURRENT.get().copied().unwrap_or(&en::EN)
}

/// Fills `{name}` holes in a catalogue string.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

pub struct Catalogue {
    pub lang: Lang,
    // Tabs.
    pub tab_modules: &'static str,
    pub tab_sessions: &'static str,
    pub tab_participants: &'static str,
    pub tab_enrolments: &'static str,
    pub tab_notes: &'static str,
    pub tab_report: &'static str,
    // Column headings.
    pub col_code: &'static str,
    pub col_title: &'static str,
    pub col_axis: &'static str,
    pub col_town: &'static str,
    pub col_hours: &'static str,
    pub col_places: &'static str,
    pub col_date: &'static str,
    pub col_time: &'static str,
    pub col_module: &'static str,
    pub col_marked: &'static str,
    pub col_name: &'static str,
    pub col_organisation: &'static str,
    pub col_type: &'static str,
    pub col_modules: &'static str,
    pub col_received: &'static str,
    pub col_person: &'static str,
    pub col_status: &'static str,
    pub col_reason: &'static str,
    pub col_when: &'static str,
    pub col_author: &'static str,
    pub col_subject: &'static str,
    pub col_note: &'static str,
    pub col_follow_up: &'static str,
    pub col_attended: &'static str,
    pub col_mark: &'static str,
    pub col_so_far: &'static str,
    pub col_trainer: &'static str,
    pub col_rating: &'static str,
    // Field labels on detail views.
    pub field_axis: &'static str,
    pub field_town: &'static str,
    pub field_venue: &'static str,
    pub field_planned: &'static str,
    pub field_delivered: &'static str,
    pub field_places: &'static str,
    pub field_requests: &'static str,
    pub field_dates: &'static str,
    pub field_tutors: &'static str,
    pub field_trainer: &'static str,
    pub field_topic: &'static str,
    pub field_tax_code: &'static str,
    pub field_email: &'static str,
    pub field_phone: &'static str,
    pub field_organisation: &'static str,
    pub field_job: &'static str,
    pub field_gender: &'static str,
    pub field_state: &'static str,
    // Section headings.
    pub section_sessions: &'static str,
    pub section_participants: &'static str,
    pub section_enrolments: &'static str,
    pub section_notes: &'static str,
    pub section_roster: &'static str,
    pub section_note: &'static str,
    // Words.
    pub status_requested: &'static str,
    pub status_accepted: &'static str,
    pub status_rejected: &'static str,
    pub status_waitlisted: &'static str,
    pub status_withdrawn: &'static str,
    pub mark_present: &'static str,
    pub mark_absent: &'static str,
    pub mark_late: &'static str,
    pub mark_left_early: &'static str,
    pub mark_excused: &'static str,
    pub follow_up_open: &'static str,
    pub follow_up_done: &'static str,
    pub session_cancelled: &'static str,
    pub session_closed: &'static str,
    pub session_open: &'static str,
    pub none: &'static str,
    // Report.
    /// Shown beside the title while the figures are computed.
    pub report_computing: &'static str,
    pub report_title: &'static str,
    pub report_programme: &'static str,
    pub report_applications: &'static str,
    pub report_people: &'static str,
    pub report_attendance: &'static str,
    pub fig_modules: &'static str,
    pub fig_sessions: &'static str,
    pub fig_hours_delivered: &'static str,
    pub fig_modules_by_location: &'static str,
    pub fig_modules_by_axis: &'static str,
    pub fig_applications: &'static str,
    pub fig_accepted: &'static str,
    pub fig_rejected: &'static str,
    pub fig_withdrawn: &'static str,
    pub fig_waitlisted: &'static str,
    pub fig_pending: &'static str,
    pub fig_participants: &'static str,
    pub fig_persons: &'static str,
    pub fig_persons_multi_module: &'static str,
    pub fig_women_men: &'static str,
    pub fig_attendance_rate: &'static str,
    pub fig_attendance_hours_mean: &'static str,
    pub fig_satisfaction: &'static str,
    pub fig_certificates: &'static str,
    /// `{count}` answers.
    pub fig_responses: &'static str,
    // Chrome.
    /// `{count}` rows.
    pub rows_count: &'static str,
    pub no_rows: &'static str,
    pub filter_prompt: &'static str,
    pub help_title: &'static str,
    pub help_close: &'static str,
    pub help_everywhere: &'static str,
    pub help_here: &'static str,
    /// `{width}` and `{height}`: the smallest size that works.
    pub too_small: &'static str,
    pub user_label: &'static str,
    pub register_label: &'static str,
    // Report (issue 5).
    /// `{registers}` and `{date}`.
    pub report_heading: &'static str,
    /// `{code}` and `{title}`.
    pub report_module: &'static str,
    pub report_by_type: &'static str,
    pub report_type_not_given: &'static str,
    pub fig_sessions_held: &'static str,
    pub fig_taking_part: &'static str,
    pub fig_accepted_all: &'static str,
    pub fig_women: &'static str,
    pub fig_men: &'static str,
    pub fig_gender_x: &'static str,
    /// `{percent}` and `{hours}`.
    pub fig_rate_and_hours: &'static str,
    /// Between units and decimals: `.` or `,`.
    pub decimal_separator: &'static str,
    pub chart_funnel: &'static str,
    pub chart_gender: &'static str,
    pub chart_attendance: &'static str,
    pub chart_ratings: &'static str,
    pub report_modules_table: &'static str,
    pub col_participants: &'static str,
    pub col_delivered: &'static str,
    pub col_attendance: &'static str,
    pub col_satisfaction: &'static str,
    pub col_certificates: &'static str,
    pub col_short: &'static str,
    /// `{percent}`: the threshold.
    pub report_below_threshold: &'static str,
    pub report_nobody_below: &'static str,
    /// `{code}`.
    pub report_no_module: &'static str,
    /// `{count}`.
    pub report_several_db: &'static str,
    /// `{count}` and `{path}`.
    pub export_written: &'static str,
    /// `{path}`.
    pub export_over_register: &'static str,
    // Import and export (issue 4).
    pub imp_empty_file: &'static str,
    pub imp_unreadable_record: &'static str,
    /// `{known}`: the columns this kind of file may have.
    pub imp_unknown_column: &'static str,
    pub imp_repeated_column: &'static str,
    pub imp_missing_column: &'static str,
    pub imp_value_without_column: &'static str,
    /// `{found}` fields, the header has `{expected}`.
    pub imp_too_many_fields: &'static str,
    pub imp_required: &'static str,
    /// `{value}`.
    pub imp_not_a_date: &'static str,
    /// `{value}`.
    pub imp_not_a_time: &'static str,
    /// `{value}`.
    pub imp_not_hours: &'static str,
    /// `{value}`.
    pub imp_not_quarter_hours: &'static str,
    /// `{value}`.
    pub imp_not_a_count: &'static str,
    pub imp_end_not_after_start: &'static str,
    pub imp_ends_before_start: &'static str,
    /// `{value}`.
    pub imp_unknown_axis: &'static str,
    /// `{value}`.
    pub imp_unknown_module: &'static str,
    /// `{value}`.
    pub imp_unknown_gender: &'static str,
    /// `{value}`.
    pub imp_unknown_status: &'static str,
    /// `{value}`.
    pub imp_unknown_mark: &'static str,
    /// `{status}`: the status, in words.
    pub imp_reason_required: &'static str,
    /// `{found}`: its length.
    pub imp_tax_code_length: &'static str,
    /// `{position}`: 1-based.
    pub imp_tax_code_structure: &'static str,
    /// `{expected}` and `{found}`: check characters.
    pub imp_tax_code_check: &'static str,
    /// `{value}`.
    pub imp_not_an_email: &'static str,
    pub imp_no_person_key: &'static str,
    /// `{value}`.
    pub imp_not_a_rating: &'static str,
    /// `{line}`: the earlier line.
    pub imp_repeats: &'static str,
    /// `{module}`, `{date}`.
    pub imp_session_not_found: &'static str,
    /// `{module}`, `{date}`, `{start}`.
    pub imp_session_at_time_not_found: &'static str,
    /// `{count}` sessions that day.
    pub imp_session_ambiguous: &'static str,
    pub imp_session_cancelled: &'static str,
    /// `{hours}` given, `{length}` the session's hours.
    pub imp_hours_beyond_session: &'static str,
    /// `{value}`: the tax code or email.
    pub imp_person_not_found: &'static str,
    /// `{module}`.
    pub imp_not_enrolled: &'static str,
    /// `{status}`: the enrolment's status, in words.
    pub imp_not_participating: &'static str,
    /// `{code}`: the sex the tax code says; `{row}`: the row's.
    pub imp_tax_code_gender: &'static str,
    /// `{email}`, `{name}`: someone with another tax code.
    pub imp_email_of_another: &'static str,
    /// `{file}`, `{register}`.
    pub imp_differs: &'static str,
    pub imp_warning: &'static str,
    pub imp_note: &'static str,
    /// `{file}`, `{count}` rows with problems.
    pub imp_refused: &'static str,
    /// `{file}`, `{rows}`.
    pub imp_rows: &'static str,
    /// `{what}`: a list of counts.
    pub imp_added: &'static str,
    pub imp_nothing_added: &'static str,
    /// `{count}`.
    pub imp_matched: &'static str,
    /// `{count}`.
    pub imp_skipped: &'static str,
    pub imp_dry_run: &'static str,
    /// `{what}`.
    pub imp_would_add: &'static str,
    /// `{count}`.
    pub imp_count_modules: &'static str,
    /// `{count}`.
    pub imp_count_sessions: &'static str,
    /// `{count}`.
    pub imp_count_people: &'static str,
    /// `{count}`.
    pub imp_count_enrolments: &'static str,
    /// `{count}`.
    pub imp_count_attendance: &'static str,
    /// `{count}`.
    pub imp_count_ratings: &'static str,
    pub imp_count_module: &'static str,
    pub imp_count_session: &'static str,
    pub imp_count_person: &'static str,
    pub imp_count_enrolment: &'static str,
    pub imp_count_attendance_one: &'static str,
    pub imp_count_rating: &'static str,
    pub imp_checking: &'static str,
    pub imp_writing: &'static str,
    /// `{file}`, `{why}`.
    pub imp_cannot_read: &'static str,
    pub exp_xlsx_needs_output: &'static str,
    pub exp_too_long_for_xlsx: &'static str,
    /// `{code}`.
    pub exp_unknown_module: &'static str,
    /// `{count}` rows, `{path}`.
    pub exp_written: &'static str,
    /// `{path}`, `{why}`.
    pub exp_cannot_write: &'static str,
    // Command line.
    pub init_needs_db: &'static str,
    /// `{path}`.
    pub created_register: &'static str,
    pub needs_terminal: &'static str,
    // Roster and notes (issue 3).
    pub roster_summary: &'static str,
    pub roster_others: &'static str,
    /// The roster's column of the hours a participant still needs to
    /// reach the attendance threshold (or why that is not enough).
    pub col_threshold: &'static str,
    pub cannot_reach: &'static str,
    pub roll_call_closed: &'static str,
    pub session_is_cancelled: &'static str,
    pub hours_beyond_session: &'static str,
    pub hours_quarter_only: &'static str,
    pub not_a_participant: &'static str,
    pub hours_prompt: &'static str,
    pub hours_not_a_number: &'static str,
    pub hours_too_many: &'static str,
    pub hours_not_quarter: &'static str,
    pub reopen_prompt: &'static str,
    pub close_confirm: &'static str,
    pub mark_conflict: &'static str,
    pub not_marked: &'static str,
    pub nothing_to_undo: &'static str,
    pub nothing_to_redo: &'static str,
    pub editor_new: &'static str,
    pub editor_edit: &'static str,
    pub editor_help: &'static str,
    pub follow_up_none: &'static str,
    pub note_empty: &'static str,
    pub note_saved: &'static str,
    pub draft_kept: &'static str,
    pub draft_recovered: &'static str,
    pub note_conflict: &'static str,
    pub notes_filter_hint: &'static str,
    pub scope_mine: &'static str,
    pub scope_all: &'static str,
    // Triage queue (issue 4).
    pub decision_not_allowed: &'static str,
    pub queue_waitlisted: &'static str,
    pub queue_same_organisation: &'static str,
    pub queue_other_requests: &'static str,
    pub queue_history: &'static str,
    pub reason_prompt: &'static str,
    pub confirm_capacity: &'static str,
    pub offer_waitlisted: &'static str,
    pub help_tabs: &'static str,
    pub exp_register_needs_module: &'static str,
    pub rating_prompt: &'static str,
    pub rating_invalid: &'static str,
    pub rating_saved: &'static str,
    pub section_duplicates: &'static str,
    pub dup_tax_code: &'static str,
    pub dup_email: &'static str,
    pub dup_name_birth: &'static str,
    pub dup_name_organisation: &'static str,
    pub merged: &'static str,
    // Errors.
    pub err_unknown_user: &'static str,
    pub err_denied: &'static str,
    pub err_missing: &'static str,
    pub err_folder_missing: &'static str,
    pub err_already_exists: &'static str,
    pub err_not_a_register: &'static str,
    pub err_read_only: &'static str,
    pub err_needs_upgrade: &'static str,
    pub err_too_new: &'static str,
    pub err_conflict: &'static str,
    pub refuse_reopen_needs_reason: &'static str,
    pub refuse_rate_not_participation: &'static str,
    pub refuse_rating_range: &'static str,
    pub refuse_login_name: &'static str,
    pub refuse_user_exists: &'static str,
    pub refuse_no_module: &'static str,
    pub refuse_not_a_user: &'static str,
    pub refuse_last_admin: &'static str,
    pub refuse_empty_note: &'static str,
    pub refuse_erase_readers: &'static str,
    pub refuse_no_axis: &'static str,
    pub refuse_module_code_taken: &'static str,
    pub refuse_no_user: &'static str,
    pub refuse_session_ends_first: &'static str,
    pub refuse_blank: &'static str,
    pub refuse_negative: &'static str,
    pub refuse_session_keeps_module: &'static str,
    pub refuse_attended_longer: &'static str,
    pub refuse_material_incomplete: &'static str,
    pub refuse_empty_word: &'static str,
    pub refuse_axis_incomplete: &'static str,
    pub refuse_axis_exists: &'static str,
    pub refuse_status_needs_reason: &'static str,
    pub refuse_request_exists: &'static str,
    pub refuse_tax_code_taken: &'static str,
    pub refuse_merge_self: &'static str,
    pub err_not_found: &'static str,
    pub err_database: &'static str,
    // Users, audit and data protection (issue 6).
    pub not_your_module: &'static str,
    pub denied: &'static str,
    pub unknown_user: &'static str,
    pub exposed_register: &'static str,
    pub user_added: &'static str,
    pub user_removed: &'static str,
    pub users_header: &'static str,
    pub backup_done: &'static str,
    pub backup_bad: &'static str,
    pub check_integrity_ok: &'static str,
    pub check_integrity_bad: &'static str,
    pub check_foreign_ok: &'static str,
    pub check_foreign_bad: &'static str,
    pub check_schema_ok: &'static str,
    pub check_schema_bad: &'static str,
    pub check_clean: &'static str,
    pub check_problems: &'static str,
    pub person_missing: &'static str,
    pub person_erased: &'static str,
    pub exp_bad_date: &'static str,
    pub exp_audit_no_module: &'static str,
    pub audit_title: &'static str,
    pub audit_filter_hint: &'static str,
    pub audit_denied: &'static str,
    pub col_user: &'static str,
    pub col_entity: &'static str,
    pub col_action: &'static str,
    pub col_change: &'static str,
    pub queue_for_coordinators: &'static str,
    pub note_not_allowed: &'static str,
    // Planning and forms (issue 8).
    pub form_new_module: &'static str,
    /// `{code}`.
    pub form_edit_module: &'static str,
    /// `{code}`.
    pub form_new_edition: &'static str,
    pub form_new_session: &'static str,
    /// `{module}`, `{date}`.
    pub form_edit_session: &'static str,
    /// `{module}`.
    pub form_repeat: &'static str,
    pub form_new_person: &'static str,
    /// `{name}`.
    pub form_edit_person: &'static str,
    pub form_new_enrolment: &'static str,
    /// `{code}`.
    pub form_new_material: &'static str,
    pub lbl_code: &'static str,
    pub lbl_title: &'static str,
    pub lbl_axis: &'static str,
    pub lbl_town: &'static str,
    pub lbl_venue: &'static str,
    pub lbl_hours: &'static str,
    pub lbl_capacity: &'static str,
    pub lbl_starts: &'static str,
    pub lbl_ends: &'static str,
    pub lbl_tutors: &'static str,
    pub lbl_module: &'static str,
    pub lbl_date: &'static str,
    pub lbl_start: &'static str,
    pub lbl_end: &'static str,
    pub lbl_trainer: &'static str,
    pub lbl_topic: &'static str,
    pub lbl_weekdays: &'static str,
    pub lbl_from: &'static str,
    pub lbl_count: &'static str,
    pub lbl_until: &'static str,
    pub lbl_surname: &'static str,
    pub lbl_given_name: &'static str,
    pub lbl_gender: &'static str,
    pub lbl_tax_code: &'static str,
    pub lbl_email: &'static str,
    pub lbl_phone: &'static str,
    pub lbl_organisation: &'static str,
    pub lbl_org_type: &'static str,
    pub lbl_job: &'static str,
    pub lbl_person: &'static str,
    pub lbl_received: &'static str,
    pub lbl_status: &'static str,
    pub lbl_reason: &'static str,
    pub lbl_reference: &'static str,
    pub form_help: &'static str,
    pub form_fix_first: &'static str,
    pub form_leave: &'static str,
    pub form_saved: &'static str,
    /// `{code}`.
    pub form_code_taken: &'static str,
    /// `{name}`.
    pub form_tax_code_taken: &'static str,
    /// `{theirs}`: their values.
    pub form_conflict: &'static str,
    /// `{list}`.
    pub form_clashes: &'static str,
    pub form_count_or_until: &'static str,
    pub form_pick_weekday: &'static str,
    pub form_no_dates: &'static str,
    /// `{count}`, `{dates}`, `{skipped}`.
    pub repeat_preview: &'static str,
    /// `{count}`.
    pub repeat_saved: &'static str,
    pub clash_trainer: &'static str,
    pub clash_tutor: &'static str,
    pub clash_venue: &'static str,
    /// `{kind}`, `{name}`, `{first}`, `{second}`.
    pub clash_line: &'static str,
    /// `{code}`, `{scheduled}`, `{planned}`.
    pub hours_line: &'static str,
    pub clashes_title: &'static str,
    pub clashes_none: &'static str,
    pub section_hours: &'static str,
    pub section_materials: &'static str,
    /// `{what}`.
    pub confirm_delete: &'static str,
    /// `{title}`.
    pub confirm_remove_material: &'static str,
    /// `{count}`.
    pub keeps_attendance: &'static str,
    /// `{count}`.
    pub keeps_enrolments: &'static str,
    /// `{count}`.
    pub keeps_notes: &'static str,
    /// `{why}`.
    pub offer_cancel: &'static str,
    /// `{date}`.
    pub confirm_cancel: &'static str,
    /// `{date}`.
    pub confirm_restore: &'static str,
    pub session_cancelled_msg: &'static str,
    pub session_restored_msg: &'static str,
    pub deleted_msg: &'static str,
    pub material_removed: &'static str,
    pub only_planners: &'static str,
    pub no_module_yet: &'static str,
    pub calendar_title: &'static str,
    pub calendar_none: &'static str,
    /// Sunday first, as the calendar draws weeks.
    pub calendar_weekdays: &'static str,
    /// Monday first, for the repeat form.
    pub weekday_names: &'static str,
    pub month_names: &'static str,
    pub holiday_word: &'static str,
    pub vocab_title: &'static str,
    pub vocab_towns: &'static str,
    pub vocab_org_types: &'static str,
    pub vocab_reject: &'static str,
    pub vocab_axes: &'static str,
    pub vocab_prompt: &'static str,
    /// `{word}`.
    pub confirm_remove_word: &'static str,
    /// `{count}`.
    pub axis_in_use: &'static str,
    pub vocab_axis_hint: &'static str,
    /// `{code}`, `{form}`: the sexes the tax code and the form say.
    pub form_tax_code_gender: &'static str,
    // Section: roles (issue 19).
    pub user_given_modules: &'static str,
    pub err_out_of_reach: &'static str,
    pub no_acting_user: &'static str,
    // (end of section)
    //
    // Section: races (issue 19).
    /// `{who}`, `{label}`, `{when}`: a field both users changed.
    pub form_clash: &'static str,
    /// `{value}`.
    pub form_clash_theirs: &'static str,
    /// `{value}`.
    pub form_clash_yours: &'static str,
    pub form_changed_again: &'static str,
    /// How a date is written in messages (strftime).
    pub date_pattern: &'static str,
    /// `{module}`, `{date}`, `{start}`.
    pub session_not_started: &'static str,
    /// `{module}`.
    pub module_not_started: &'static str,
    /// `{count}`, `{who}`, `{name}`, `{theirs}`, `{when}`, `{yours}`.
    pub marks_conflict: &'static str,
    /// `{who}`, `{when}`.
    pub roll_call_already_closed: &'static str,
    /// `{who}`, `{when}`.
    pub roll_call_already_open: &'static str,
    /// `{who}`, `{name}`, `{theirs}`, `{when}`, `{yours}`.
    pub rating_conflict: &'static str,
    /// `{now}`: the rating on screen when the prompt opened.
    pub rating_prompt_now: &'static str,
    pub someone: &'static str,
    pub no_rating: &'static str,
    // (end of section)
    //
    // Section: faults and hostile input (issue 20).
    pub imp_too_many_columns: &'static str,
    pub imp_not_utf8: &'static str,
    pub imp_control_character: &'static str,
    pub imp_field_too_long: &'static str,
    pub imp_more_findings: &'static str,
    pub out_lost: &'static str,
    pub err_not_a_file: &'static str,
    pub err_damaged: &'static str,
    // (end of section)
    //
    // Section: notes and erasure (issue 20).
    /// `{why}`: a note that could not be saved.
    pub note_not_saved: &'static str,
    pub draft_discarded: &'static str,
    /// `{why}`, `{path}`: the register could not take a draft; a file did.
    pub draft_spilled: &'static str,
    /// `{why}`.
    pub draft_stranded: &'static str,
    pub drafts_title: &'static str,
    pub drafts_none: &'static str,
    /// Beside a draft kept in a file, not in the register.
    pub drafts_outside: &'static str,
    pub drafts_no_subject: &'static str,
    pub draft_discard_confirm: &'static str,
    pub draft_gone: &'static str,
    /// `{count}`, `{key}`: drafts left by an earlier run.
    pub drafts_waiting: &'static str,
    /// `{count}`: texts about other people naming the erased person.
    pub erase_review: &'static str,
    // (end of section)
    //
    // Section: decisions (issue 21).
    pub decision_changed: &'static str,
    pub decision_changed_plain: &'static str,
    pub waiting_before: &'static str,
    pub correction_prompt: &'static str,
    pub undo_reason: &'static str,
    pub queue_nothing_to_undo: &'static str,
    pub undone: &'static str,
    pub decision_already: &'static str,
    pub history_step: &'static str,
    pub capacity_question: &'static str,
    pub filter_no_match: &'static str,
    pub email_taken: &'static str,
    pub imp_over_capacity: &'static str,
    pub history_first_step: &'static str,
    pub merge_title: &'static str,
    pub merge_col_field: &'static str,
    pub merge_col_kept: &'static str,
    pub merge_col_other: &'static str,
    pub merge_col_result: &'static str,
    pub merge_taken_mark: &'static str,
    pub merge_moving: &'static str,
    pub merge_folding: &'static str,
    pub merge_question: &'static str,
    pub merged_detail: &'static str,
    pub capacity_lowered: &'static str,
    // (end of section)
    //
    // Section: tax codes and holidays (issue 21).
    pub imp_tax_code_date: &'static str,
    pub imp_tax_code_place: &'static str,
    pub imp_tax_code_names: &'static str,
    pub form_tax_code_names: &'static str,
    pub field_birth_from_code: &'static str,
    pub birth_from_code: &'static str,
    pub imp_session_flagged: &'static str,
    pub form_session_flagged: &'static str,
    pub session_flag_holiday: &'static str,
    pub session_flag_sunday: &'static str,
    pub session_flag_before_module: &'static str,
    pub session_flag_after_module: &'static str,
    // (end of section)
    //
    // Section: packaging (issue 26).
    pub cli_version_flag: &'static str,
    pub cli_help_flag: &'static str,
    pub cli_options_heading: &'static str,
    pub cli_arguments_heading: &'static str,
    pub cli_commands_heading: &'static str,
    pub cli_options_placeholder: &'static str,
    pub cli_command_placeholder: &'static str,
    pub cli_help_template: &'static str,
    pub cli_default_word: &'static str,
    pub cli_error_invalid_value: &'static str,
    pub cli_error_unknown_argument: &'static str,
    pub cli_error_unknown_command: &'static str,
    pub cli_error_missing_argument: &'static str,
    pub cli_error_missing_command: &'static str,
    pub cli_error_conflict: &'static str,
    pub cli_error_value_count: &'static str,
    pub cli_error_other: &'static str,
    pub cli_error_valid_values: &'static str,
    pub cli_error_layout: &'static str,
    pub cli_error_layout_short: &'static str,
    pub man_section_names: &'static str,
    pub backup_keep_needs_dir: &'static str,
    /// `{name}`, `{value}`: REGISTRO_NOW or REGISTRO_TODAY unreadable.
    pub clock_variable_bad: &'static str,
    /// `{count}`, `{dir}`.
    pub man_written: &'static str,
    /// `{version}`, `{schema}`, `{sqlite}`: `registro --version`.
    pub version_line: &'static str,
    /// `{dir}`, `{keep}`, `{removed}`.
    pub backup_rotated: &'static str,
    /// `{dir}`.
    pub backup_dir_missing: &'static str,
    pub backup_needs_target: &'static str,
    // (end of section)

    // Section: screen: screen structure (issue 22).
    /// After undo in the roster: whose mark went back to what.
    pub roster_undone: &'static str,
    pub roster_redone: &'static str,
    /// After undo or redo of several marks at once (mark all).
    pub roster_undone_many: &'static str,
    pub roster_redone_many: &'static str,
    // (end of section)

    // Section: core: core structure (issue 22).
    // (end of section)

    // Section: italian: Italian screen and words (issue 23).
    /// After a number of hours: `ore`, `h`.
    pub fmt_hours_unit: &'static str,
    /// `{path}`: a file or folder that does not exist.
    pub sys_not_found: &'static str,
    /// `{path}`: the user may not read or write it.
    pub sys_permission_denied: &'static str,
    /// `{path}`: no room left.
    pub sys_disk_full: &'static str,
    /// `{path}`: a disk that cannot be written.
    pub sys_read_only: &'static str,
    /// `{path}`: already there.
    pub sys_already_exists: &'static str,
    /// `{path}`: a folder where a file was expected.
    pub sys_is_a_folder: &'static str,
    /// `{path}`: part of the path is a file.
    pub sys_not_a_folder: &'static str,
    /// `{path}`: not text the program can read.
    pub sys_not_text: &'static str,
    /// `{path}`, `{code}`: the system's error number.
    pub sys_other: &'static str,
    /// The register is held by another user's change.
    pub sys_db_busy: &'static str,
    pub sys_db_disk_full: &'static str,
    pub sys_db_read_only: &'static str,
    pub sys_db_not_a_register: &'static str,
    pub sys_db_cannot_open: &'static str,
    pub sys_db_permission_denied: &'static str,
    pub sys_db_io: &'static str,
    /// Roles, as messages name them.
    pub role_admin: &'static str,
    pub role_coordinator: &'static str,
    pub role_tutor: &'static str,
    /// No --db and no home folder to keep a register in.
    pub sys_no_home: &'static str,
    /// The letter of yes, as questions write it (`(s/n)`) and the hint
    /// bar shows it; both `s` and `y` answer yes in either language.
    pub yes_key: char,
    /// On a person's card: `{score}` of 5, the participation's rating.
    pub card_rating: &'static str,
    /// On a person's card: `{hours}` attended of delivered, and the share.
    pub card_hours: &'static str,
    /// The page of clashing sessions and of modules whose sessions add
    /// up to other hours than planned.
    pub checks_title: &'static str,
    /// The audit log's stored words (what was changed, how) as the
    /// language says them: `stored=shown` pairs, comma-separated; a word
    /// not listed is shown as stored.
    pub audit_words: &'static str,
    /// Under the report's module table heading: its short column names spelled out.
    pub report_modules_legend: &'static str,
    // (end of section)

    // Section: dialect: export dialects and the programme's name (issue 23).
    pub programme_empty: &'static str,
    pub programme_control: &'static str,
    pub programme_too_long: &'static str,
    pub programme_ask: &'static str,
    pub programme_set: &'static str,
    pub programme_none: &'static str,
    pub programme_shown: &'static str,
    pub demo_programme: &'static str,
    // (end of section)

    // Section: print: printing: sheets and certificates (issue 24).
    /// `{page}`, `{pages}`.
    pub print_page_of: &'static str,
    pub print_sheet_title: &'static str,
    pub print_module: &'static str,
    pub print_axis: &'static str,
    pub print_town: &'static str,
    pub print_venue: &'static str,
    pub print_date: &'static str,
    pub print_time: &'static str,
    pub print_trainer: &'static str,
    pub print_tutors: &'static str,
    pub print_col_surname: &'static str,
    pub print_col_name: &'static str,
    pub print_col_organisation: &'static str,
    pub print_col_arrival: &'static str,
    pub print_col_leaving: &'static str,
    pub print_col_signature: &'static str,
    pub print_col_hours: &'static str,
    pub print_absent: &'static str,
    /// `{count}`.
    pub print_present_count: &'static str,
    /// `{count}`.
    pub print_absent_count: &'static str,
    pub print_topic: &'static str,
    pub print_trainer_signature: &'static str,
    pub print_tutor_signature: &'static str,
    pub print_cancelled: &'static str,
    pub print_summary_title: &'static str,
    pub print_col_total: &'static str,
    pub print_col_percentage: &'static str,
    /// `{hours}`.
    pub print_delivered: &'static str,
    pub print_no_sessions: &'static str,
    pub print_certificate_title: &'static str,
    /// `{number}`.
    pub print_certificate_number: &'static str,
    pub print_certifies: &'static str,
    /// `{date}`, `{where}` (`print_born_town` or `print_born_abroad`).
    pub print_born_f: &'static str,
    /// `{date}`, `{where}`.
    pub print_born_m: &'static str,
    /// `{date}`, `{where}`.
    pub print_born_x: &'static str,
    /// `{place}`: a town of birth.
    pub print_born_town: &'static str,
    /// `{place}`: a foreign state of birth.
    pub print_born_abroad: &'static str,
    pub print_attended: &'static str,
    /// `{axis}`, `{town}`.
    pub print_course_facts: &'static str,
    /// `{from}`, `{to}`.
    pub print_course_dates: &'static str,
    pub print_hours_planned: &'static str,
    pub print_hours_delivered: &'static str,
    pub print_hours_attended: &'static str,
    pub print_attendance_share: &'static str,
    /// `{place}`, `{date}`.
    pub print_place_and_date: &'static str,
    pub print_signatory: &'static str,
    /// `{path}`, `{pages}`.
    pub print_written: &'static str,
    pub print_session_needs_pdf: &'static str,
    pub print_session_only_register: &'static str,
    pub print_person_needs_certificates: &'static str,
    pub print_no_pdf: &'static str,
    /// `{id}`.
    pub print_unknown_session: &'static str,
    /// `{id}`, `{code}`.
    pub print_session_of_other_module: &'static str,
    /// `{path}`.
    pub print_saved: &'static str,
    /// `{why}`.
    pub print_failed: &'static str,
    pub print_nothing: &'static str,
    pub print_no_certificate: &'static str,
    /// The documents folder's usual name in the home folder.
    pub print_documents_folder: &'static str,
    pub print_file_sheet: &'static str,
    pub print_file_summary: &'static str,
    pub print_file_certificates: &'static str,
    pub print_no_folder: &'static str,
    pub print_not_for_role: &'static str,
    pub print_pdf_needs_output: &'static str,
    // (end of section)

    // Section: timetable: timetables and times in the roster (issue 24).
    /// The calendar's event description: who teaches, who tutors, what.
    pub ics_trainer: &'static str,
    pub ics_tutors: &'static str,
    pub ics_topic: &'static str,
    /// `--format ics` asked of anything but the sessions.
    pub exp_ics_sessions_only: &'static str,
    /// `l` in the roster: `{start}`, `{end}` the session's times.
    pub arrival_prompt: &'static str,
    /// `e` in the roster.
    pub leaving_prompt: &'static str,
    /// `{input}`: what was typed.
    pub time_not_a_time: &'static str,
    /// A time outside the session: `{start}`, `{end}` its times.
    pub time_outside_session: &'static str,
    /// The roster's column of arrival and leaving times.
    pub col_times: &'static str,
    /// The flag of those who must attend every remaining hour.
    pub must_attend_all: &'static str,
    /// The person card, per participation: `{needed}` hours still
    /// needed, `{remaining}` hours left in the module.
    pub card_needed: &'static str,
    /// The card's flag: must attend every remaining hour.
    pub card_must_attend_all: &'static str,
    /// The card's flag: can no longer reach the threshold.
    pub card_cannot_reach: &'static str,
    // (end of section)

    // Section: mail: letters and the outbox (issue 25).
    pub refuse_message_gone: &'static str,
    pub mail_status_pending: &'static str,
    pub mail_status_held: &'static str,
    pub mail_status_sent: &'static str,
    pub mail_status_failed: &'static str,
    pub mail_status_printed: &'static str,
    pub mail_status_discarded: &'static str,
    pub mail_kind_accepted: &'static str,
    pub mail_kind_waitlisted: &'static str,
    pub mail_kind_rejected: &'static str,
    pub mail_kind_offered: &'static str,
    pub mail_kind_withdrawn: &'static str,
    pub mail_kind_certificate: &'static str,
    pub mail_by_letter: &'static str,
    pub mail_list_empty: &'static str,
    pub mail_list_failure: &'static str,
    pub mail_no_server: &'static str,
    pub mail_no_sender: &'static str,
    pub mail_bad_sender: &'static str,
    pub mail_plain_remote: &'static str,
    pub mail_password_file_open: &'static str,
    pub mail_password_unreadable: &'static str,
    pub mail_no_password: &'static str,
    pub mail_transport: &'static str,
    pub mail_dry_run: &'static str,
    pub mail_letters_written: &'static str,
    pub mail_sent_summary: &'static str,
    pub mail_one_failed: &'static str,
    pub mail_some_failed: &'static str,
    pub mail_view_title: &'static str,
    pub mail_view_gone: &'static str,
    pub mail_view_no_subject: &'static str,
    pub mail_view_saved: &'static str,
    pub mail_view_not_saved: &'static str,
    pub mail_view_edit_help: &'static str,
    pub mail_view_held: &'static str,
    pub mail_view_released: &'static str,
    pub mail_view_discard_ask: &'static str,
    pub mail_view_discarded: &'static str,
    pub mail_col_status: &'static str,
    pub mail_col_kind: &'static str,
    pub mail_col_to: &'static str,
    pub mail_col_subject: &'static str,
    pub mail_import_queued: &'static str,
    // (end of section)

    // Section: witness: tests (issue 27).
    // (end of section)

    // Section: rooms: screens as rooms, the router (issue 22).
    // (end of section)

    // Section: split: screen files cut by job (issue 22).
    // (end of section)

    // Section: wording: report words and the edge (issues 22, 23).
    /// A thematic axis in the text report, with its title: `Asse II: Lavoro`.
    pub report_axis: &'static str,
    /// An axis the register gives no title.
    pub report_axis_untitled: &'static str,
    /// The participations that gave a rating, on a line of their own.
    pub fig_satisfaction_responses: &'static str,
    /// Words of the audit log the screen's `audit_words` lacks, as
    /// `stored=shown` pairs: the audit export in an Italian dialect.
    pub audit_export_words: &'static str,
    /// The names of the fields in the audit log's before and after, as
    /// `stored=shown` pairs.
    pub audit_fields: &'static str,
    /// Keys as the help and the hint bar name them (`Invio`, `PagGiù`);
    /// `key_ctrl` and `key_alt` are the prefixes of a chord (`Ctrl-`).
    pub key_space: &'static str,
    pub key_enter: &'static str,
    pub key_esc: &'static str,
    pub key_tab: &'static str,
    pub key_back_tab: &'static str,
    pub key_backspace: &'static str,
    pub key_delete: &'static str,
    pub key_up: &'static str,
    pub key_down: &'static str,
    pub key_left: &'static str,
    pub key_right: &'static str,
    pub key_home: &'static str,
    pub key_end: &'static str,
    pub key_page_up: &'static str,
    pub key_page_down: &'static str,
    pub key_ctrl: &'static str,
    pub key_alt: &'static str,
    // (end of section)
    /// The keys of a line typed in the popup, on the status line.
    pub prompt_keys: &'static str,
    /// The same, where choices are listed under the line.
    pub prompt_keys_choices: &'static str,
    // Section: letters: certificate letters, person language (issue 25).
    /// A message a later decision made wrong before it went.
    pub mail_status_superseded: &'static str,
    /// Italian, as a language.
    pub person_language_it: &'static str,
    /// English, as a language.
    pub person_language_en: &'static str,
    /// The person form's field: the language of their letters.
    pub lbl_person_language: &'static str,
    /// An import's language cell that is neither Italian nor English.
    pub imp_unknown_language: &'static str,
    /// `registro person language ID`: what it is.
    pub person_language_said: &'static str,
    /// `registro person language ID LANG`: done.
    pub person_language_set: &'static str,
    /// The start of a certificate's attachment name: attestato-2026-00001.pdf.
    pub mail_certificate_file: &'static str,
    /// After a print of certificates: how many go by e-mail.
    pub mail_certificates_queued: &'static str,
    /// A paper letter's subject line.
    pub mail_letter_subject: &'static str,
    /// The outbox's column: the language a message is written in.
    pub mail_col_language: &'static str,
    /// The outbox's reader: the file a message carries.
    pub mail_view_attachment: &'static str,
    /// The outbox's reader: the PDF a letter was printed into.
    pub mail_view_batch: &'static str,
    /// The outbox's reader: why a superseded message never goes.
    pub mail_view_superseded: &'static str,
    /// The outbox's reader: the language a message is in.
    pub mail_view_language: &'static str,
    /// The status line after P: certificates queued to go by e-mail.
    pub mail_certificates_queued_short: &'static str,
    // (end of section)
    //
    /// Describes what each action does, for the help and the hint bar.
    pub action: fn(Action) -> &'static str,
}

impl Catalogue {
    pub fn get(lang: Lang) -> &'static Catalogue {
        match lang {
            Lang::En => &en::EN,
            Lang::It => &it::IT,
        }
    }

    pub fn status(&self, word: &str) -> &'static str {
        match word {
            "requested" => self.status_requested,
            "accepted" => self.status_accepted,
            "rejected" => self.status_rejected,
            "waitlisted" => self.status_waitlisted,
            "withdrawn" => self.status_withdrawn,
            _ => self.none,
        }
    }

    pub fn mark(&self, word: &str) -> &'static str {
        match word {
            "present" => self.mark_present,
            "absent" => self.mark_absent,
            "late" => self.mark_late,
            "left-early" => self.mark_left_early,
            "excused" => self.mark_excused,
            _ => self.none,
        }
    }

    pub fn follow_up(&self, word: Option<&str>) -> &'static str {
        match word {
            Some("open") => self.follow_up_open,
            Some("done") => self.follow_up_done,
            _ => "",
        }
    }
}
