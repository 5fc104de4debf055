//! Tests of [`super`]: refusal of foreign files, interrupted runs and concurrent runs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;

fn generated(path: &str, body: &str) -> GeneratedFile {
    GeneratedFile { path: path.to_owned(), contents: format!("{GENERATED_MARK}\n{body}\n"), namespace: None }
}

/// Output `a`: `mod.rs` declaring `a`, and `a.rs`; output `b` likewise with `b`; `shared.rs` in both.
fn output(module: &str) -> Vec<GeneratedFile> {
    vec![
        generated("mod.rs", &format!("pub mod {module};\npub mod shared;")),
        generated(&format!("{module}.rs"), "pub struct A;"),
        generated("shared.rs", "pub struct Shared;"),
    ]
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("odata-swap-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    dir
}

/// Every entry of `dir` with its text (subdirectories as `name/`).
fn contents(dir: &Path) -> BTreeMap<String, String> {
    let Ok(entries) = std::fs::read_dir(dir) else { return BTreeMap::new() };
    entries
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            match std::fs::read_to_string(e.path()) {
                Ok(text) => (name, text),
                Err(_) => (format!("{name}/"), String::new()),
            }
        })
        .collect()
}

fn as_map(files: &[GeneratedFile]) -> BTreeMap<String, String> {
    files.iter().map(|f| (f.path.clone(), f.contents.clone())).collect()
}

fn write(out: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>, (PathBuf, io::Error)> {
    write_output(&Output::Directory(out.to_path_buf()), files)
}

#[test]
fn a_directory_with_hand_written_files_is_refused_and_nothing_is_deleted() {
    let root = scratch("foreign");
    let out = root.join("src");
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out.join("main.rs"), "fn main() {}\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out.join("NOTES.md"), "mine\n").unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(out.join("old.rs"), format!("{GENERATED_MARK}\nstale\n")).unwrap_or_else(|e| panic!("{e}"));
    let before = contents(&out);
    let Err((_, err)) = write(&out, &output("a")) else { panic!("a directory with main.rs must be refused") };
    let message = err.to_string();
    assert!(message.contains("`NOTES.md`, `main.rs`") && message.contains("nothing was written"), "{message}");
    assert_eq!(contents(&out), before);
    assert_eq!(contents(&root).len(), 1, "no staging directory left: {:?}", contents(&root));

    std::fs::remove_file(out.join("main.rs")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::remove_file(out.join("NOTES.md")).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(out.join("nested")).unwrap_or_else(|e| panic!("{e}"));
    let Err((_, err)) = write(&out, &output("a")) else { panic!("a subdirectory must be refused") };
    assert!(err.to_string().contains("`nested/`"), "{err}");
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_single_file_without_the_header_is_not_replaced() {
    let root = scratch("single");
    let path = root.join("main.rs");
    std::fs::write(&path, "fn main() {}\n").unwrap_or_else(|e| panic!("{e}"));
    let files = [generated("main.rs", "pub mod m {}")];
    assert!(write_output(&Output::File(path.clone()), &files).is_err());
    assert_eq!(std::fs::read_to_string(&path).ok().as_deref(), Some("fn main() {}\n"));
    std::fs::write(&path, format!("{GENERATED_MARK}\nold\n")).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(write_output(&Output::File(path.clone()), &files).map(|w| w.len()).ok(), Some(1));
    assert_eq!(std::fs::read_to_string(&path).ok(), Some(files[0].contents.clone()));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn stale_generated_files_go_and_unchanged_files_keep_their_inode() {
    use std::os::unix::fs::MetadataExt;
    let root = scratch("stale");
    let out = root.join("models");
    assert_eq!(write(&out, &output("a")).map(|w| w.len()).ok(), Some(3));
    let inode = |name: &str| std::fs::metadata(out.join(name)).map(|m| m.ino()).unwrap_or(0);
    let shared = inode("shared.rs");
    let written = write(&out, &output("b")).unwrap_or_else(|(p, e)| panic!("{}: {e}", p.display()));
    let mut names: Vec<String> =
        written.iter().filter_map(|p| p.file_name()).map(|n| n.to_string_lossy().into()).collect();
    names.sort();
    assert_eq!(names, ["a.rs", "b.rs", "mod.rs"]);
    assert_eq!(contents(&out), as_map(&output("b")));
    assert_eq!(inode("shared.rs"), shared, "an unchanged file is linked, not rewritten");
    assert_eq!(write(&out, &output("b")).map(|w| w.len()).ok(), Some(0), "nothing changes: nothing written");
    assert_eq!(contents(&root).len(), 1, "{:?}", contents(&root));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn a_run_interrupted_at_any_step_leaves_the_old_output_or_the_new_one() {
    let (old, new) = (as_map(&output("a")), as_map(&output("b")));
    for stop_at in 0.. {
        let root = scratch("interrupted");
        let out = root.join("models");
        write(&out, &output("a")).unwrap_or_else(|(p, e)| panic!("{}: {e}", p.display()));
        let mut steps = 0;
        let mut seen = Vec::new();
        let result = write_directory(&out, &output("b"), &mut |step| {
            let now = contents(&out);
            assert!(now == old || now == new, "a mix before {step:?}: {now:?}");
            seen.push(step.clone());
            steps += 1;
            if steps > stop_at { Err(io::Error::other("interrupted")) } else { Ok(()) }
        });
        let now = contents(&out);
        assert!(now == old || now == new, "a mix after stopping at step {stop_at}: {now:?}");
        let finished = result.is_ok();
        // The next run clears what the interrupted one left and writes its output.
        write(&out, &output("b")).unwrap_or_else(|(p, e)| panic!("{}: {e}", p.display()));
        assert_eq!(contents(&out), new);
        assert_eq!(contents(&root).len(), 1, "leftovers after step {stop_at}: {:?}", contents(&root));
        let _ = std::fs::remove_dir_all(&root);
        if finished {
            assert!(seen.contains(&Step::Swap) && seen.contains(&Step::Discard), "{seen:?}");
            break;
        }
    }
}

#[test]
fn an_output_renamed_aside_by_an_interrupted_run_is_put_back() {
    let root = scratch("aside");
    let out = root.join("models");
    write(&out, &output("a")).unwrap_or_else(|(p, e)| panic!("{}: {e}", p.display()));
    let aside = root.join(".models.odata-codegen-1.old");
    std::fs::rename(&out, &aside).unwrap_or_else(|e| panic!("{e}"));
    std::fs::create_dir(root.join(".models.odata-codegen-1.new")).unwrap_or_else(|e| panic!("{e}"));
    recover_leftovers(&out).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(contents(&out), as_map(&output("a")));
    assert_eq!(contents(&root).len(), 1, "{:?}", contents(&root));
    let _ = std::fs::remove_dir_all(&root);
}

#[test]
fn concurrent_runs_into_one_directory_never_leave_a_mix() {
    let root = scratch("concurrent");
    let out = root.join("models");
    let (a, b) = (as_map(&output("a")), as_map(&output("b")));
    for _round in 0..10 {
        let barrier = std::sync::Barrier::new(4);
        std::thread::scope(|scope| {
            for thread in 0..4 {
                let (out, barrier) = (&out, &barrier);
                scope.spawn(move || {
                    barrier.wait();
                    for i in 0..5 {
                        let module = if (thread + i) % 2 == 0 { "a" } else { "b" };
                        write(out, &output(module)).unwrap_or_else(|(p, e)| panic!("{}: {e}", p.display()));
                    }
                });
            }
        });
        let now = contents(&out);
        assert!(now == a || now == b, "a mix: {now:?}");
        assert_eq!(contents(&root).len(), 1, "{:?}", contents(&root));
    }
    let _ = std::fs::remove_dir_all(&root);
}
