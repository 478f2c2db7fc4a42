//! `registro export certificates`: the participations at or above the
//! attendance threshold, with their hours and percentage (written by
//! `crate::export` as CSV, JSON or XLSX).

use serde::Serialize;

use super::Participation;

/// One certificate as exported.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Certificate {
    pub surname: String,
    pub given_name: String,
    pub tax_code: Option<String>,
    pub module: String,
    pub title: String,
    pub hours_attended: f64,
    pub hours_delivered: f64,
    /// Hours attended as a percentage of hours delivered, to two decimals.
    pub percentage: f64,
}

impl Certificate {
    pub fn of(p: &Participation) -> Certificate {
        let percentage = match p.delivered_minutes {
            0 => 0.0,
            delivered => (10000.0 * p.attended_minutes as f64 / delivered as f64).round() / 100.0,
        };
        Certificate {
            surname: p.surname.clone(),
            given_name: p.given_name.clone(),
            tax_code: p.tax_code.clone(),
            module: p.module_code.clone(),
            title: p.module_title.clone(),
            hours_attended: p.attended_minutes as f64 / 60.0,
            hours_delivered: p.delivered_minutes as f64 / 60.0,
            percentage,
        }
    }
}

pub const HEADER: &[&str] = &[
    "surname",
    "given_name",
    "tax_code",
    "module",
    "title",
    "hours_attended",
    "hours_delivered",
    "percentage",
];
