//! Where a server keeps its total, read from the environment the lab's manifests give its
//! container (`TOTAL_STORE`, `TOTAL_FILE`, `FILE_LOCK`, `DATABASE_HOST`), so the same YAML runs
//! the lab's designs on a real cluster. A value the server cannot use stops it at start with a
//! message naming the variable, never a guess.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// The largest `ADD_DELAY_MS`: a delay is for watching a race, not for holding requests.
const ADD_DELAY_MS_MAX: u64 = 10_000;

/// What one process serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Program {
    /// `addAndReturnTotal` (image `adder-lab/adder`).
    Adder,
    /// `convertMetersToCentimeters` (image `adder-lab/converter`): keeps nothing.
    Converter,
    /// The three-tier design's database (image `adder-lab/db`): one total, in a file, every add
    /// under its lock.
    Database,
}

impl Program {
    pub fn word(self) -> &'static str {
        match self {
            Program::Adder => "adder",
            Program::Converter => "converter",
            Program::Database => "db",
        }
    }
}

/// Where the adder's total lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreConfig {
    /// In the process's memory: each process its own total, gone when it stops.
    Memory,
    /// In a file on a mounted volume; with `lock`, read-add-write under an exclusive lock.
    File { path: PathBuf, lock: bool },
    /// In the database process at `host` (`host:port`, port 8080 when not given).
    Database { host: String },
}

/// Everything a server takes from its environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub program: Program,
    pub store: StoreConfig,
    /// Time between reading the total and writing it back (`ADD_DELAY_MS`, default 0): the lab's
    /// slow motion, so a race shows with a handful of requests.
    pub add_delay: Duration,
}

/// A variable the server cannot use, in words for the container's log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The file the lab's manifests mount for the adder, and the database's own.
pub const ADDER_TOTAL_FILE: &str = "/data/total";
pub const DATABASE_TOTAL_FILE: &str = "/var/lib/db/total";

impl Config {
    /// Reads the configuration of `program` through `var` (the environment, or a test's map).
    pub fn read(
        program: Program,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Config, ConfigError> {
        let add_delay = match var("ADD_DELAY_MS") {
            None => Duration::ZERO,
            Some(text) => match text.trim().parse::<u64>() {
                Ok(ms) if ms <= ADD_DELAY_MS_MAX => Duration::from_millis(ms),
                _ => {
                    return Err(ConfigError(format!(
                        "ADD_DELAY_MS is \"{text}\": use a whole number of milliseconds from 0 to {ADD_DELAY_MS_MAX}"
                    )));
                }
            },
        };
        let file =
            |default: &str| PathBuf::from(var("TOTAL_FILE").unwrap_or_else(|| default.to_owned()));
        let store = match program {
            Program::Converter => StoreConfig::Memory,
            Program::Database => StoreConfig::File {
                path: file(DATABASE_TOTAL_FILE),
                lock: true,
            },
            Program::Adder => match var("TOTAL_STORE").as_deref().unwrap_or("memory") {
                "memory" => StoreConfig::Memory,
                "file" => {
                    let lock = match var("FILE_LOCK").as_deref().unwrap_or("on") {
                        "on" => true,
                        "off" => false,
                        other => {
                            return Err(ConfigError(format!(
                                "FILE_LOCK is \"{other}\": use on (read-add-write under an exclusive lock) or off"
                            )));
                        }
                    };
                    StoreConfig::File {
                        path: file(ADDER_TOTAL_FILE),
                        lock,
                    }
                }
                "database" => {
                    let host = var("DATABASE_HOST").ok_or_else(|| {
                        ConfigError(
                            "TOTAL_STORE is database but DATABASE_HOST is not set: name the database, e.g. db-0.db.default.svc.cluster.local".to_owned(),
                        )
                    })?;
                    let host = if host.contains(':') {
                        host
                    } else {
                        format!("{host}:8080")
                    };
                    StoreConfig::Database { host }
                }
                other => {
                    return Err(ConfigError(format!(
                        "TOTAL_STORE is \"{other}\": use memory, file (with TOTAL_FILE and FILE_LOCK) or database (with DATABASE_HOST)"
                    )));
                }
            },
        };
        Ok(Config {
            program,
            store,
            add_delay,
        })
    }

    /// Where the total is kept, in words for the first log line.
    pub fn describe(&self) -> String {
        match (&self.store, self.program) {
            (_, Program::Converter) => "keeps nothing".to_owned(),
            (StoreConfig::Memory, _) => "total kept in memory".to_owned(),
            (StoreConfig::File { path, lock }, _) => format!(
                "total kept in {}, {}",
                path.display(),
                if *lock {
                    "read-add-write under an exclusive lock"
                } else {
                    "read-add-write WITHOUT a lock"
                }
            ),
            (StoreConfig::Database { host }, _) => format!("total kept by the database at {host}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn read(program: Program, vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let vars: BTreeMap<String, String> = vars
            .iter()
            .map(|(key, value)| ((*key).to_owned(), (*value).to_owned()))
            .collect();
        Config::read(program, |key| vars.get(key).cloned())
    }

    #[test]
    fn the_labs_environment_chooses_the_store() {
        assert_eq!(
            read(Program::Adder, &[]).unwrap().store,
            StoreConfig::Memory
        );
        assert_eq!(
            read(
                Program::Adder,
                &[
                    ("TOTAL_STORE", "file"),
                    ("TOTAL_FILE", "/data/total"),
                    ("FILE_LOCK", "off")
                ]
            )
            .unwrap()
            .store,
            StoreConfig::File {
                path: PathBuf::from("/data/total"),
                lock: false
            }
        );
        assert_eq!(
            read(
                Program::Adder,
                &[
                    ("TOTAL_STORE", "database"),
                    ("DATABASE_HOST", "db-0.db.default.svc.cluster.local")
                ]
            )
            .unwrap()
            .store,
            StoreConfig::Database {
                host: "db-0.db.default.svc.cluster.local:8080".to_owned()
            }
        );
        let db = read(Program::Database, &[]).unwrap();
        assert_eq!(
            db.store,
            StoreConfig::File {
                path: PathBuf::from(DATABASE_TOTAL_FILE),
                lock: true
            }
        );
    }

    #[test]
    fn a_value_the_server_cannot_use_is_named() {
        let message = |vars: &[(&str, &str)]| read(Program::Adder, vars).unwrap_err().0;
        assert!(message(&[("TOTAL_STORE", "disk")]).starts_with("TOTAL_STORE is \"disk\""));
        assert!(
            message(&[("TOTAL_STORE", "file"), ("FILE_LOCK", "yes")])
                .starts_with("FILE_LOCK is \"yes\"")
        );
        assert!(message(&[("TOTAL_STORE", "database")]).contains("DATABASE_HOST is not set"));
        assert!(message(&[("ADD_DELAY_MS", "-5")]).starts_with("ADD_DELAY_MS is \"-5\""));
        assert!(message(&[("ADD_DELAY_MS", "99999999")]).contains("from 0 to 10000"));
    }
}
