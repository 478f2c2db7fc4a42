//! `registro export certificates`: the participations at or above the
//! attendance threshold, with their hours and percentage, as CSV or JSON.

use serde::Serialize;

use super::Participation;
use super::csv::{ExportError, guard};

/// The file formats of the certificates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

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

/// The certificates as a file in `format`.
pub fn write(certificates: &[Certificate], format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Json => {
            let mut out = serde_json::to_vec_pretty(certificates)?;
            out.push(b'\n');
            Ok(out)
        }
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(HEADER)?;
            for c in certificates {
                let text = [
                    &c.surname,
                    &c.given_name,
                    c.tax_code.as_deref().unwrap_or(""),
                    &c.module,
                    &c.title,
                ];
                let mut row: Vec<String> = text.iter().map(|t| guard(t).into_owned()).collect();
                row.extend([
                    c.hours_attended.to_string(),
                    c.hours_delivered.to_string(),
                    c.percentage.to_string(),
                ]);
                writer.write_record(&row)?;
            }
            writer
                .into_inner()
                .map_err(|e| ExportError::Io(std::io::Error::other(e.to_string())))
        }
    }
}
