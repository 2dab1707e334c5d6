//! Reading the directive files a user names (`sauro import`, `sauro check`):
//! only regular files, at most [`MAX_FILE_BYTES`] each, folders walked
//! without following a link back into themselves. A symlink to `/dev/zero`,
//! a FIFO named `x.toml` or a loop of links is refused at once, naming the file.

use crate::args::Lang;
use crate::context::cannot_read;
use anyhow::{Context as _, anyhow};
use std::fs::{File, Metadata, OpenOptions};
use std::io::{self, Read as _};
use std::path::{Path, PathBuf};

/// The largest directive file read: 16 MiB, far above any real directive
/// (the largest bundled one is a few kilobytes).
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Every `*.toml` file named or under a named folder, sorted, with its text.
///
/// # Errors
/// A path that does not exist or cannot be read, a file that is not a regular
/// file or is larger than [`MAX_FILE_BYTES`], a loop of links — each named.
pub fn read_sources(paths: &[PathBuf], lang: Lang) -> anyhow::Result<Vec<(String, String)>> {
    let mut files = Vec::new();
    for p in paths {
        collect(p, &mut files, &mut Vec::new(), lang)?;
    }
    files.sort();
    files.dedup();
    files
        .into_iter()
        .map(|f| Ok((f.display().to_string(), read_file(&f, lang)?)))
        .collect()
}

/// Adds `path` (a file) or the `*.toml` files under it (a folder) to `out`.
/// `walking` holds the real paths of the folders being walked, so a link
/// back to one of them is reported as a loop rather than followed forever.
/// The name of the calendar file, skipped in folders.
const CALENDAR_FILE: &str = "calendar.toml";

fn collect(
    path: &Path,
    out: &mut Vec<PathBuf>,
    walking: &mut Vec<PathBuf>,
    lang: Lang,
) -> anyhow::Result<()> {
    let meta = metadata(path, lang)?;
    if !meta.is_dir() {
        regular(path, &meta, lang)?;
        out.push(path.to_owned());
        return Ok(());
    }
    let real = std::fs::canonicalize(path).with_context(|| cannot_read(lang, path))?;
    if walking.contains(&real) {
        return Err(link_loop(path, lang));
    }
    let entries = std::fs::read_dir(path).with_context(|| cannot_read(lang, path))?;
    let mut inside = Vec::new();
    for e in entries {
        let p = e.with_context(|| cannot_read(lang, path))?.path();
        // The working-day calendar (`data/calendar.toml`) is not a directive file.
        if p.file_name().is_some_and(|n| n == CALENDAR_FILE) {
            continue;
        }
        // `is_dir` follows links; a broken or looping link named `*.toml`
        // gets its own message from `collect`.
        if p.is_dir() || p.extension().is_some_and(|x| x == "toml") {
            inside.push(p);
        }
    }
    inside.sort();
    walking.push(real);
    for p in &inside {
        collect(p, out, walking, lang)?;
    }
    walking.pop();
    Ok(())
}

/// The metadata of `path`, following links; a loop of links says so.
fn metadata(path: &Path, lang: Lang) -> anyhow::Result<Metadata> {
    std::fs::metadata(path).map_err(|e| {
        if is_loop(&e) {
            link_loop(path, lang)
        } else {
            anyhow::Error::new(e).context(cannot_read(lang, path))
        }
    })
}

/// Refuses anything but a regular file (a device, FIFO or socket would
/// block or never end) and a file over the limit.
fn regular(path: &Path, meta: &Metadata, lang: Lang) -> anyhow::Result<()> {
    if !meta.is_file() {
        return Err(anyhow!(match lang {
            Lang::Vi => format!(
                "{}: không phải tệp thường (thiết bị, FIFO hay socket), sauro không đọc",
                path.display()
            ),
            Lang::En => format!(
                "{}: not a regular file (a device, FIFO or socket); sauro does not read it",
                path.display()
            ),
        }));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(too_large(path, lang));
    }
    Ok(())
}

/// Reads one regular file of at most [`MAX_FILE_BYTES`] as UTF-8. The file is
/// opened without blocking and checked again once open, and never more than
/// the limit (plus one byte, to notice) is read, even if it grows meanwhile.
fn read_file(path: &Path, lang: Lang) -> anyhow::Result<String> {
    let file = open(path).map_err(|e| {
        if is_loop(&e) {
            link_loop(path, lang)
        } else {
            anyhow::Error::new(e).context(cannot_read(lang, path))
        }
    })?;
    let meta = file.metadata().with_context(|| cannot_read(lang, path))?;
    regular(path, &meta, lang)?;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .with_context(|| cannot_read(lang, path))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(too_large(path, lang));
    }
    String::from_utf8(bytes)
        .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
        .with_context(|| cannot_read(lang, path))
}

/// Opens for reading; on Unix without blocking, so a FIFO put in the file's
/// place after the check cannot hang the read.
fn open(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn is_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

fn link_loop(path: &Path, lang: Lang) -> anyhow::Error {
    anyhow!(match lang {
        Lang::Vi => format!(
            "{}: vòng lặp liên kết (symlink) — đường dẫn dẫn ngược lại chính nó",
            path.display()
        ),
        Lang::En => format!(
            "{}: a loop of symbolic links — the path leads back to itself",
            path.display()
        ),
    })
}

fn too_large(path: &Path, lang: Lang) -> anyhow::Error {
    let mib = MAX_FILE_BYTES / (1024 * 1024);
    anyhow!(match lang {
        Lang::Vi => format!(
            "{}: tệp lớn hơn giới hạn {mib} MiB của một tệp văn bản giao, sauro không đọc",
            path.display()
        ),
        Lang::En => format!(
            "{}: larger than the {mib} MiB limit for a directive file; sauro does not read it",
            path.display()
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(paths: &[PathBuf]) -> String {
        match read_sources(paths, Lang::En) {
            Ok(_) => panic!("read {paths:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn only_regular_files_within_the_limit_are_read() {
        let dir = tempfile::tempdir().unwrap();
        let ok = dir.path().join("a.toml");
        std::fs::write(&ok, "schema = 1\n").unwrap();
        let read = read_sources(std::slice::from_ref(&ok), Lang::En).unwrap();
        assert_eq!(read[0].1, "schema = 1\n");

        let big = dir.path().join("big.toml");
        let f = File::create(&big).unwrap();
        f.set_len(MAX_FILE_BYTES + 1).unwrap();
        let e = err(std::slice::from_ref(&big));
        assert!(e.contains("big.toml") && e.contains("16 MiB"), "{e}");
        // Exactly at the limit is fine (the bytes are zeros: UTF-8).
        f.set_len(MAX_FILE_BYTES).unwrap();
        assert!(read_sources(&[big], Lang::En).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_link_loops_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let zero = dir.path().join("zero.toml");
        std::os::unix::fs::symlink("/dev/zero", &zero).unwrap();
        let e = err(std::slice::from_ref(&zero));
        assert!(
            e.contains("zero.toml") && e.contains("not a regular file"),
            "{e}"
        );

        let a = dir.path().join("a.toml");
        let b = dir.path().join("b.toml");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let e = err(std::slice::from_ref(&a));
        assert!(e.contains("a.toml") && e.contains("loop"), "{e}");

        // A folder holding a link back to itself.
        let folder = dir.path().join("folder");
        std::fs::create_dir(&folder).unwrap();
        std::os::unix::fs::symlink(&folder, folder.join("again")).unwrap();
        let e = err(&[folder]);
        assert!(e.contains("again") && e.contains("loop"), "{e}");
    }
}
