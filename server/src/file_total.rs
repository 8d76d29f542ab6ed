//! The total in a file on a mounted volume: read, add, write back, as the lab's shared-volume
//! design does, with or without an exclusive lock around the three steps.
//!
//! The lock is a real OS lock (`File::lock`, `flock(2)` on Linux) on a file of its own beside the
//! total (`total.lock`): the total is written to a new file and renamed over the old one, so a
//! reader never sees half a number, and the lock must not live on a file that rename replaces
//! (a writer waiting on the old file's lock would then read the old total). The OS releases the
//! lock when the process ends, however it ends.
//!
//! A file that does not hold a whole number is never overwritten: the add is refused and the
//! file kept for a person to look at.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// Why an add to the file did not happen. The file is unchanged whenever one is returned.
#[derive(Debug)]
pub enum FileError {
    /// The file holds something that is not a whole number.
    Corrupt {
        path: PathBuf,
        content: String,
    },
    /// `total + number` does not fit in a `u64`.
    Overflow,
    Io {
        path: PathBuf,
        error: io::Error,
    },
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::Corrupt { path, content } => write!(
                f,
                "the total file {} holds \"{content}\", not a whole number: nothing was added; fix or remove the file",
                path.display()
            ),
            FileError::Overflow => f.write_str(adder_lab_model::kubectl::logs::OVERFLOW),
            FileError::Io { path, error } => write!(f, "{}: {error}", path.display()),
        }
    }
}

/// The file holding the total, and the lock beside it.
#[derive(Debug)]
pub struct FileTotal {
    path: PathBuf,
    lock_path: Option<PathBuf>,
    /// Numbers the temporary files so concurrent writers never share one.
    writes: AtomicU64,
}

/// How much of a corrupt file a message quotes.
const QUOTED_BYTES_MAX: usize = 40;

impl FileTotal {
    pub fn new(path: PathBuf, lock: bool) -> FileTotal {
        let lock_path = lock.then(|| {
            let mut name = path.file_name().unwrap_or_default().to_owned();
            name.push(".lock");
            path.with_file_name(name)
        });
        FileTotal {
            path,
            lock_path,
            writes: AtomicU64::new(0),
        }
    }

    /// Reads the total (0 when the file does not exist yet), under the lock if there is one.
    pub fn read(&self) -> Result<u64, FileError> {
        let _lock = self.lock()?;
        self.read_unlocked()
    }

    /// `addAndReturnTotal` on the file: read, add, wait `delay` (the work between reading and
    /// writing), write back; all under the lock if there is one. Blocks the calling thread.
    pub fn add(&self, number: u64, delay: Duration) -> Result<u64, FileError> {
        let _lock = self.lock()?;
        let total = self.read_unlocked()?;
        let total = total.checked_add(number).ok_or(FileError::Overflow)?;
        if !delay.is_zero() {
            std::thread::sleep(delay);
        }
        self.write_unlocked(total)?;
        Ok(total)
        // `_lock` closes here, which releases the lock.
    }

    fn io(&self, path: &Path) -> impl FnOnce(io::Error) -> FileError {
        let path = path.to_owned();
        move |error| FileError::Io { path, error }
    }

    fn lock(&self) -> Result<Option<File>, FileError> {
        let Some(lock_path) = &self.lock_path else {
            return Ok(None);
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(lock_path)
            .map_err(self.io(lock_path))?;
        file.lock().map_err(self.io(lock_path))?;
        Ok(Some(file))
    }

    fn read_unlocked(&self) -> Result<u64, FileError> {
        let bytes = match fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(error) => return Err(self.io(&self.path)(error)),
        };
        let text = String::from_utf8_lossy(&bytes);
        let digits = text.trim();
        if !digits.is_empty()
            && digits.bytes().all(|byte| byte.is_ascii_digit())
            && let Ok(total) = digits.parse::<u64>()
        {
            return Ok(total);
        }
        let mut content: String = text.chars().take(QUOTED_BYTES_MAX).collect();
        if content.len() < text.len() {
            content.push('…');
        }
        Err(FileError::Corrupt {
            path: self.path.clone(),
            content: content.escape_debug().to_string(),
        })
    }

    fn write_unlocked(&self, total: u64) -> Result<(), FileError> {
        let serial = self.writes.fetch_add(1, Ordering::Relaxed);
        let mut name = self.path.file_name().unwrap_or_default().to_owned();
        name.push(format!(".{}.{serial}.tmp", std::process::id()));
        let temporary = self.path.with_file_name(name);
        let written = (|| {
            let mut file = File::create(&temporary)?;
            file.write_all(format!("{total}\n").as_bytes())?;
            file.sync_all()?;
            fs::rename(&temporary, &self.path)
        })();
        written.map_err(|error| {
            let _ = fs::remove_file(&temporary);
            self.io(&self.path)(error)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "adder-lab-file-total-{}-{name}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir.join("total")
    }

    #[test]
    fn adds_persist_in_the_file() {
        let path = scratch("persist");
        let total = FileTotal::new(path.clone(), true);
        assert_eq!(total.read().unwrap(), 0, "no file yet is a total of 0");
        assert_eq!(total.add(5, Duration::ZERO).unwrap(), 5);
        assert_eq!(total.add(7, Duration::ZERO).unwrap(), 12);
        assert_eq!(fs::read_to_string(&path).unwrap(), "12\n");
        assert_eq!(FileTotal::new(path, false).read().unwrap(), 12);
    }

    #[test]
    fn a_corrupt_file_or_an_overflow_is_refused_and_the_file_kept() {
        let path = scratch("corrupt");
        let total = FileTotal::new(path.clone(), true);
        for content in ["12abc\n", "", "-3", "99999999999999999999999"] {
            fs::write(&path, content).unwrap();
            let error = total.add(1, Duration::ZERO).unwrap_err();
            assert!(
                matches!(error, FileError::Corrupt { .. }),
                "{content:?}: {error}"
            );
            assert!(error.to_string().contains("nothing was added"), "{error}");
            assert_eq!(
                fs::read_to_string(&path).unwrap(),
                content,
                "kept as it was"
            );
        }
        fs::write(&path, format!("{}\n", u64::MAX - 1)).unwrap();
        let error = total.add(2, Duration::ZERO).unwrap_err();
        assert_eq!(error.to_string(), "the total would overflow");
        assert_eq!(total.read().unwrap(), u64::MAX - 1);
    }

    #[test]
    fn the_lock_makes_concurrent_adds_from_many_threads_all_count() {
        let path = scratch("threads");
        let total = std::sync::Arc::new(FileTotal::new(path.clone(), true));
        let threads: Vec<_> = (0..4)
            .map(|_| {
                let total = total.clone();
                std::thread::spawn(move || {
                    for _ in 0..50 {
                        total.add(1, Duration::ZERO).unwrap();
                    }
                })
            })
            .collect();
        for thread in threads {
            thread.join().unwrap();
        }
        assert_eq!(total.read().unwrap(), 200);
        let leftovers = fs::read_dir(path.parent().unwrap()).unwrap().count();
        assert_eq!(
            leftovers, 2,
            "the total and its lock, no temporary file left"
        );
    }
}
