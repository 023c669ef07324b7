//! The project context of a partial scan. Project-level rules (missing-audit, session
//! lifetimes set in a settings module, PHI models declared elsewhere) join facts across the
//! files of an application: a handler in `routes/x.js` is audited by middleware registered in
//! `app.js`. When a scan is asked about some files only (a pre-commit hook's staged files,
//! `--staged`, an editor's buffer, a file list), the other files of the applications those
//! files belong to (the closest directory above holding a manifest, see
//! [`crate::discover::app_of`]) are read too, for their project-level facts only, and nothing
//! is reported on them: each file asked about gets the findings a scan of everything reports on
//! it, so the hook and CI agree.
//!
//! Those files are found by the same walk as a scan of the root (ignore files, `exclude`,
//! `include`), read from the working tree, or with `--staged` from the index (what is being
//! committed; files not in the index are left out). Their facts are kept in the facts cache
//! ([`crate::cache`]) by content, so a hook analyses again only the files that changed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::cache::{Cache, ContentId, Entry, Stat};
use crate::config::Resolver;
use crate::discover::{self, SourceFile};
use crate::engine::{Engine, Fact, Worker};
use crate::error::Result;
use crate::rules::RuleMeta;
use crate::settings::Settings;

/// Where the other files' content comes from.
#[derive(Clone, Debug)]
pub enum Contents {
    /// The working tree.
    WorkTree,
    /// The git index of the work tree at `top` (`--staged`).
    Index {
        /// The work tree's top level, which must be the scan root.
        top: PathBuf,
    },
}

/// The other files of the applications a partial scan covers.
#[derive(Debug, Default)]
pub struct Context {
    /// The files, sorted.
    pub files: Vec<SourceFile>,
    /// The settings index of each.
    pub groups: Vec<usize>,
    /// How many files' facts came from the cache.
    pub cached: usize,
    root: PathBuf,
    /// With [`Contents::Index`]: the work tree's top level and each file's blob id.
    index: Option<(PathBuf, Vec<String>)>,
}

/// A file's project-level facts.
pub(crate) type Facts = Vec<(String, &'static RuleMeta, Fact)>;

/// Whether the scan root is itself an application's directory (a manifest names it).
fn root_holds_a_manifest(root: &Path) -> bool {
    discover::APP_MANIFESTS
        .iter()
        .any(|m| root.join(m).is_file())
}

/// The other files of the applications `files` belong to: the directories of those
/// applications not already walked (`walked`: directory arguments), walked as a scan of `root`
/// walks them, less `files` themselves. Nothing when no selected rule has a project-level pass.
pub fn context(
    resolver: &Resolver,
    root: &Path,
    walked: &[PathBuf],
    files: &[SourceFile],
    contents: Contents,
) -> Result<Context> {
    let project_rules = resolver
        .all()
        .iter()
        .any(|s| s.rules.iter().any(|r| r.project.is_some()));
    if files.is_empty() || !project_rules {
        return Ok(Context::default());
    }
    let root = crate::config::normalize(root);
    // An application never reaches above the repository holding the file (a scan root above
    // it, `phi-lint scan a.py /elsewhere/b.py`, is no application), and outside any repository
    // never is the file system's root.
    let mut apps: Vec<PathBuf> = files
        .iter()
        .filter_map(|f| {
            let file = crate::config::normalize(&f.path);
            let repo = file
                .ancestors()
                .skip(1)
                .find(|d| d.join(".git").symlink_metadata().is_ok());
            // With no manifest to say where its application starts, a file of a repository
            // belongs to the scan root's; one outside any repository to its own directory, not
            // to whatever directory the scan runs from (`cd ~ && phi-lint scan x/a.py` must not
            // walk the home directory).
            let app = match discover::app_of(f) {
                app if app.is_empty() && repo.is_none() && !root_holds_a_manifest(&root) => file
                    .parent()
                    .map_or_else(|| root.clone(), Path::to_path_buf),
                app if app.is_empty() => root.clone(),
                app => root.join(app),
            };
            match repo {
                Some(repo) if repo.starts_with(&app) => Some(repo.to_path_buf()),
                Some(_) => Some(app),
                None => app.parent().is_some().then_some(app),
            }
        })
        .collect();
    apps.sort();
    apps.dedup();
    // An application inside another is walked with it (a path sorts before what it holds); one
    // inside a directory argument was walked already.
    let mut dirs: Vec<PathBuf> = Vec::new();
    for app in apps {
        if walked.iter().any(|w| app.starts_with(w)) || dirs.iter().any(|d| app.starts_with(d)) {
            continue;
        }
        dirs.push(app);
    }
    if dirs.is_empty() {
        return Ok(Context::default());
    }
    let found = discover::walk_with(&dirs, &root, resolver, discover::CliGlobs::Root);
    let asked: HashSet<&str> = files.iter().map(|f| f.rel.as_str()).collect();
    let index = match &contents {
        Contents::WorkTree => None,
        Contents::Index { top } => Some((top.clone(), crate::git::index_entries(top)?)),
    };
    let mut context = Context {
        root,
        ..Context::default()
    };
    let mut oids = Vec::new();
    for (file, group) in found.files.into_iter().zip(found.groups) {
        // Configuration files carry no project-level facts.
        if asked.contains(file.rel.as_str()) || file.kind.lang().is_none() {
            continue;
        }
        if let Some((_, entries)) = &index {
            // Not in the index: not part of what is committed.
            let Some(oid) = entries.get(&file.rel) else {
                continue;
            };
            oids.push(oid.clone());
        }
        context.files.push(file);
        context.groups.push(group);
    }
    context.index = index.map(|(top, _)| (top, oids));
    Ok(context)
}

/// What the cache said about one file.
enum Look {
    /// Facts read back; with `Some`, the entry's `stat` data are to be brought up to date.
    Hit(Vec<(&'static RuleMeta, Fact)>, Option<Stat>),
    /// To analyse: its content (`None` once read if it could not be), id and `stat` data.
    Miss {
        content: Option<Vec<u8>>,
        id: Option<ContentId>,
        stat: Option<Stat>,
    },
}

impl Context {
    /// The project-level facts of every context file: from the cache when it holds them for
    /// the file's current content, otherwise by analysing the file (only the rules with a
    /// project-level pass run), and then cached.
    pub(crate) fn facts(&mut self, settings: &[Arc<Settings>], options: &crate::Options) -> Facts {
        if self.files.is_empty() {
            return Vec::new();
        }
        let source = if self.index.is_some() {
            "index"
        } else {
            "worktree"
        };
        let mut cache = options
            .cache_dir
            .as_deref()
            .and_then(|dir| Cache::open(dir, &self.root, source));
        let now = std::time::SystemTime::now();
        let paths: Vec<Arc<str>> = self.files.iter().map(|f| f.rel.as_str().into()).collect();
        // The files of a directory share their application: one key per directory, group and
        // language.
        let mut known: std::collections::HashMap<(usize, &Path, usize), [u8; 32]> =
            Default::default();
        let keys: Vec<[u8; 32]> = self
            .files
            .iter()
            .zip(&self.groups)
            .map(|(f, g)| {
                let dir = f.path.parent().unwrap_or(Path::new(""));
                *known
                    .entry((*g, dir, kind_index(f.kind)))
                    .or_insert_with(|| entry_key(&settings[*g], f))
            })
            .collect();
        // The content hashes of the helper modules cached facts were computed with, each
        // file hashed once.
        let dep_hashes: std::sync::Mutex<std::collections::HashMap<PathBuf, Option<[u8; 32]>>> =
            Default::default();
        let deps_hold = |entry: &Entry| {
            entry.deps.iter().all(|(path, hash)| {
                let known = dep_hashes
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .get(path)
                    .copied();
                let now = known.unwrap_or_else(|| {
                    let now =
                        crate::read::dependency_content(path).map(|b| crate::cache::sha256(&b));
                    dep_hashes
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(path.clone(), now);
                    now
                });
                now.as_ref() == Some(hash)
            })
        };
        let looks: Vec<Look> = (0..self.files.len())
            .into_par_iter()
            .map(|i| {
                let file = &self.files[i];
                let s = &settings[self.groups[i]];
                let entry = cache
                    .as_ref()
                    .and_then(|c| c.get(&file.rel))
                    .filter(|e| e.key == keys[i] && deps_hold(e));
                if let Some((_, oids)) = &self.index {
                    let id = ContentId::Git(oids[i].clone());
                    if let Some(facts) = entry
                        .filter(|e| e.content == id)
                        .and_then(|e| decode(cache.as_ref()?, e, &paths[i], s))
                    {
                        return Look::Hit(facts, None);
                    }
                    return Look::Miss {
                        content: None,
                        id: Some(id),
                        stat: None,
                    };
                }
                let stat = std::fs::metadata(&file.path)
                    .ok()
                    .and_then(|m| Stat::of(&m, now));
                if let Some(facts) = entry
                    .filter(|e| stat.is_some() && e.stat == stat)
                    .and_then(|e| decode(cache.as_ref()?, e, &paths[i], s))
                {
                    return Look::Hit(facts, None);
                }
                let content = crate::read::source(&file.path, s.max_file_size).ok();
                let id = content.as_deref().map(ContentId::of);
                if let Some(facts) = entry
                    .filter(|e| id.as_ref() == Some(&e.content))
                    .and_then(|e| decode(cache.as_ref()?, e, &paths[i], s))
                {
                    return Look::Hit(facts, stat);
                }
                Look::Miss { content, id, stat }
            })
            .collect();
        let mut looks = looks;
        // Staged content of the files to analyse, in one `git cat-file`.
        if let Some((top, oids)) = &self.index {
            let misses: Vec<usize> = (0..looks.len())
                .filter(|i| matches!(looks[*i], Look::Miss { .. }))
                .collect();
            let wanted: Vec<&str> = misses.iter().map(|i| oids[*i].as_str()).collect();
            let limit = settings.iter().map(|s| s.max_file_size).max().unwrap_or(0);
            if let Ok(blobs) = crate::git::blobs(top, &wanted, limit) {
                for (i, blob) in misses.into_iter().zip(blobs) {
                    if let Look::Miss { content, .. } = &mut looks[i] {
                        *content = blob;
                    }
                }
            }
        }
        // One engine per configuration with files to analyse: the rules with a project-level
        // pass, the PHI their handlers touch included (what a scan of everything records).
        let engines: Vec<Option<Engine<'_>>> = (0..settings.len())
            .map(|g| {
                let needed = looks.iter().zip(&self.groups).any(|(l, lg)| {
                    *lg == g
                        && matches!(
                            l,
                            Look::Miss {
                                content: Some(_),
                                ..
                            }
                        )
                });
                needed.then(|| Engine::project_only(&settings[g], false))
            })
            .collect();
        let analysed: Vec<Option<(crate::engine::FileResult, Vec<PathBuf>)>> = looks
            .par_iter()
            .enumerate()
            .map_init(Worker::default, |worker, (i, look)| match look {
                Look::Miss {
                    content: Some(content),
                    ..
                } => engines[self.groups[i]].as_ref().map(|engine| {
                    crate::read::record_dependencies();
                    let result =
                        crate::analyze_guarded(engine, worker, &self.files[i], Some(content));
                    (result, crate::read::take_dependencies())
                }),
                _ => None,
            })
            .collect();
        let mut out: Facts = Vec::new();
        for (i, (look, result)) in looks.into_iter().zip(analysed).enumerate() {
            let rel = &self.files[i].rel;
            match look {
                Look::Hit(facts, refresh) => {
                    self.cached += 1;
                    if let (Some(cache), Some(stat)) = (cache.as_mut(), refresh) {
                        if let Some(mut entry) = cache.get(rel).cloned() {
                            entry.stat = Some(stat);
                            cache.put(rel.clone(), entry);
                        }
                    }
                    out.extend(facts.into_iter().map(|(r, f)| (rel.clone(), r, f)));
                }
                Look::Miss { id, stat, .. } => {
                    let Some((result, deps)) = result else {
                        continue;
                    };
                    let deps: Option<Vec<(PathBuf, [u8; 32])>> = deps
                        .into_iter()
                        .map(|path| {
                            let hash = crate::read::dependency_content(&path)
                                .map(|b| crate::cache::sha256(&b))?;
                            Some((path, hash))
                        })
                        .collect();
                    // A file not fully analysed (out of budget, not parsed) is not cached.
                    let clean = result
                        .notifications
                        .iter()
                        .all(|n| n.level == crate::diagnostic::NotificationLevel::Note);
                    if let (Some(cache), Some(id), Some(deps), true) =
                        (cache.as_mut(), id, deps, clean)
                    {
                        let s = &settings[self.groups[i]];
                        let encoded: Option<Vec<(String, crate::cache::Payload)>> = result
                            .facts
                            .iter()
                            .map(|(rule, fact)| {
                                let codec = rule.facts?;
                                let bytes = (codec.encode)(fact, s)?;
                                Some((rule.code.to_string(), crate::cache::Payload::New(bytes)))
                            })
                            .collect();
                        if let Some(facts) = encoded {
                            cache.put(
                                rel.clone(),
                                Entry {
                                    stat: if self.index.is_some() { None } else { stat },
                                    content: id,
                                    key: keys[i],
                                    deps,
                                    facts,
                                },
                            );
                        }
                    }
                    out.extend(result.facts.into_iter().map(|(r, f)| (rel.clone(), r, f)));
                }
            }
        }
        if let Some(cache) = cache {
            cache.save();
        }
        out
    }
}

/// What a file's cached facts depend on besides its path and content: the settings
/// fingerprint, the application it belongs to and its language.
fn entry_key(settings: &Settings, file: &SourceFile) -> [u8; 32] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(settings.fingerprint);
    h.update(discover::app_of(file).as_bytes());
    h.update([0, kind_index(file.kind) as u8]);
    let mut out = [0u8; 32];
    out.copy_from_slice(&h.finalize());
    out
}

/// A number for a file's kind (its language, or a configuration format).
fn kind_index(kind: discover::FileKind) -> usize {
    match kind {
        discover::FileKind::Code(lang) => lang.index(),
        discover::FileKind::Config(format) => 100 + format as usize,
    }
}

/// The facts of a cache entry, for the file at `path`; `None` if one does not decode.
fn decode(
    cache: &Cache,
    entry: &Entry,
    path: &Arc<str>,
    settings: &Settings,
) -> Option<Vec<(&'static RuleMeta, Fact)>> {
    entry
        .facts
        .iter()
        .map(|(code, payload)| {
            let rule = crate::rules::find(code)?;
            let codec = rule.facts?;
            let bytes = cache.bytes(payload)?;
            Some((rule, (codec.decode)(&bytes, path, settings)?))
        })
        .collect()
}
