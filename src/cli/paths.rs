//! Where the register and the settings live when not given.

use std::path::{Path, PathBuf};

use directories::ProjectDirs;

use super::Failure;

fn project_dirs() -> Option<ProjectDirs> {
    ProjectDirs::from("", "", "registro")
}

/// `--db`, else `$REGISTRO_DB`, else `registro.db` in the data folder.
pub fn register_path(flag: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(path) = flag {
        return Ok(path.to_path_buf());
    }
    if let Some(path) = std::env::var_os("REGISTRO_DB").filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    data_file("registro.db")
}

/// The demo never takes `$REGISTRO_DB`: it must not fill a real register.
pub fn demo_path(flag: Option<&Path>) -> Result<PathBuf, Failure> {
    match flag {
        Some(path) => Ok(path.to_path_buf()),
        None => data_file("demo.db"),
    }
}

fn data_file(name: &str) -> Result<PathBuf, Failure> {
    let dirs =
        project_dirs().ok_or_else(|| Failure(crate::i18n::current().sys_no_home.to_string()))?;
    let folder = dirs.data_dir();
    std::fs::create_dir_all(folder).map_err(|e| {
        Failure(crate::i18n::system::io_error(
            folder,
            &e,
            crate::i18n::current(),
        ))
    })?;
    Ok(folder.join(name))
}

pub fn user_config_file() -> Option<PathBuf> {
    project_dirs().map(|dirs| dirs.config_dir().join("config.toml"))
}
