//! Who may do what. One table of permissions by role, read by the
//! command line (at the door of every command), by the screen (to show
//! only what the role can use) and by the store (which refuses a write
//! the role does not allow, whoever calls it).

use crate::domain::Role;

/// What a user may be allowed to do in a register.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Add and remove users of any role (`registro users`).
    ManageUsers,
    /// Add tutors and give them modules (coordinators, for the modules
    /// they plan).
    ManageTutors,
    /// Accept, reject, waitlist and withdraw requests.
    DecideEnrolments,
    /// Read a CSV file into the register.
    Import,
    /// Write lists of people out of the register.
    Export,
    /// Read the audit log (screen and export).
    SeeAudit,
    /// Copy the register and check it.
    Maintain,
    /// Export or erase everything about a person.
    PersonData,
    /// See every module, session, person and request, not only one's own.
    SeeEverything,
    /// Edit people and modules.
    EditRecords,
    /// Mark attendance (a tutor: in their own modules only).
    MarkAttendance,
    /// Write notes.
    WriteNotes,
    /// Read the programme's figures.
    SeeReport,
}

/// Whether `role` has `permission`. Admins may do everything,
/// coordinators everything but manage users other than tutors, tutors mark attendance in
/// their modules, write notes and read the figures.
pub fn allows(role: Role, permission: Permission) -> bool {
    use Permission::*;
    match role {
        Role::Admin => true,
        Role::Coordinator => permission != ManageUsers,
        Role::Tutor => matches!(permission, MarkAttendance | WriteNotes | SeeReport),
    }
}

/// The acting user, as the register knows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// The ids of the modules the user is assigned to.
    pub modules: Vec<i64>,
}

impl User {
    pub fn may(&self, permission: Permission) -> bool {
        allows(self.role, permission)
    }

    /// Whether the user may mark attendance in sessions of `module_id`.
    pub fn may_mark(&self, module_id: i64) -> bool {
        self.may(Permission::MarkAttendance)
            && (self.may(Permission::SeeEverything) || self.modules.contains(&module_id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_has_what_the_issue_says() {
        use Permission::*;
        let all = [
            ManageUsers,
            ManageTutors,
            DecideEnrolments,
            Import,
            Export,
            SeeAudit,
            Maintain,
            PersonData,
            SeeEverything,
            EditRecords,
            MarkAttendance,
            WriteNotes,
            SeeReport,
        ];
        for p in all {
            assert!(allows(Role::Admin, p));
            assert_eq!(allows(Role::Coordinator, p), p != ManageUsers);
            assert_eq!(
                allows(Role::Tutor, p),
                matches!(p, MarkAttendance | WriteNotes | SeeReport)
            );
        }
    }

    #[test]
    fn a_tutor_marks_only_in_their_modules() {
        let tutor = User {
            login: "t".into(),
            display_name: "T".into(),
            role: Role::Tutor,
            modules: vec![3],
        };
        assert!(tutor.may_mark(3));
        assert!(!tutor.may_mark(4));
        let coordinator = User {
            role: Role::Coordinator,
            ..tutor
        };
        assert!(coordinator.may_mark(4));
    }
}
