//! One locked run, in the stages it reports ([`IndexEvent`]): plan (which files changed
//! since the manifest), then per batch check (size limit, content hash, byte-identical
//! copies), extract and write (checkpoints between batches), then queue the removals and
//! commit.

use super::manifest::{
    add_file_record, content_hash, fingerprint, load_manifest, Fingerprint, ManifestRecord,
};
use super::{
    commit, count_documents, engine_writer, extraction_batches, open_for_writing, CorpusEntry,
    Extraction, IndexRunOptions, EXTRACTION_BATCH_FILES,
};
use crate::cleanup;
use crate::events::IndexEvent;
use crate::folder::open_index;
use crate::run_record::{FileFailure, IdenticalFile, IndexRunReport};
use crate::schema::Fields;
use crate::terms::add_document;
use crate::unique_ids::IdRegistry;
use crate::IndexError;
use hrlex_model::Document;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::Instant;
use tantivy::{IndexWriter, Term};

/// A changed (or new) file: its entry, manifest key and fingerprint.
type Changed = (CorpusEntry, String, Fingerprint);

/// The state of a run between its stages.
struct Run<'o> {
    options: &'o IndexRunOptions,
    fields: &'o Fields,
    writer: IndexWriter,
    report: IndexRunReport,
    /// The manifest the run starts from (empty for a full rebuild).
    manifest: HashMap<String, ManifestRecord>,
    ids: IdRegistry<'o>,
    /// Which file first brought each content (hash): a byte-identical copy is reported
    /// and not indexed a second time.
    content_owner: HashMap<String, String>,
    /// Manifest keys of every file the walk listed.
    seen: HashSet<String>,
    /// Files checked so far, of `to_check`.
    done: usize,
    to_check: usize,
    done_since_checkpoint: usize,
    observe: &'o mut dyn FnMut(&IndexEvent),
}

pub(super) fn run_locked<F>(
    options: &IndexRunOptions,
    entries: Vec<CorpusEntry>,
    walk_problems: Vec<(PathBuf, String)>,
    mut extract: F,
    observe: &mut dyn FnMut(&IndexEvent),
) -> Result<IndexRunReport, IndexError>
where
    F: FnMut(&[CorpusEntry]) -> Vec<Extraction>,
{
    let started = Instant::now();
    let (index, fresh) = open_for_writing(options)?;
    let fields = Fields::resolve(&index.schema()).map_err(IndexError::engine("reading schema"))?;
    let writer = engine_writer(&index, options)?;
    let previous_manifest = load_manifest(&index, &fields)?;
    let manifest = if options.full {
        writer
            .delete_all_documents()
            .map_err(IndexError::engine("clearing the index"))?;
        HashMap::new()
    } else {
        previous_manifest.clone()
    };
    let committed = (!options.full)
        .then(|| index.reader().map(|reader| reader.searcher()))
        .transpose()
        .map_err(IndexError::engine("opening a reader"))?;
    let content_owner = manifest
        .iter()
        .filter(|(_, record)| record.status != "skipped")
        .map(|(key, record)| (record.hash.clone(), key.clone()))
        .collect();
    let mut run = Run {
        options,
        ids: IdRegistry::new(committed, &fields),
        fields: &fields,
        writer,
        report: IndexRunReport {
            full_rebuild: options.full || fresh,
            ..IndexRunReport::default()
        },
        manifest,
        content_owner,
        seen: HashSet::with_capacity(entries.len()),
        done: 0,
        to_check: 0,
        done_since_checkpoint: 0,
        observe,
    };

    let changed = run.plan(entries, &walk_problems);
    // A batch never spans a checkpoint: checkpoints fall where they are asked for.
    let batch_files = match options.checkpoint_files {
        0 => EXTRACTION_BATCH_FILES,
        every => every.min(EXTRACTION_BATCH_FILES),
    };
    for batch in extraction_batches(&changed, batch_files) {
        let to_extract = run.check_batch(batch)?;
        if to_extract.is_empty() {
            continue;
        }
        let entries: Vec<CorpusEntry> =
            to_extract.iter().map(|(entry, ..)| entry.clone()).collect();
        let extractions = extract(&entries);
        run.write_extractions(&to_extract, extractions)?;
        run.checkpoint_if_due()?;
    }
    run.queue_removals(&walk_problems);
    if options.full {
        // Counted against what the index had before the rebuild.
        run.report.removed += previous_manifest
            .keys()
            .filter(|key| !run.seen.contains(*key))
            .count();
    }
    run.finish(started)
}

impl Run<'_> {
    fn file_done(&mut self) {
        self.done += 1;
        (self.observe)(&IndexEvent::FileDone {
            done: self.done,
            of: self.to_check,
        });
    }

    fn fail(&mut self, entry: &CorpusEntry, code: &str, reason: String) {
        self.report.failed.push(FileFailure {
            path: entry.path.display().to_string(),
            code: code.into(),
            reason,
        });
    }

    /// The files whose size or mtime differ from the manifest (or that it lacks); walk
    /// problems and refused entries are recorded as failures.
    fn plan(
        &mut self,
        entries: Vec<CorpusEntry>,
        walk_problems: &[(PathBuf, String)],
    ) -> Vec<Changed> {
        let file_count = entries.len();
        for (path, reason) in walk_problems {
            self.report.failed.push(FileFailure {
                path: path.display().to_string(),
                code: "walk".into(),
                reason: reason.clone(),
            });
        }
        self.report
            .failed
            .extend(self.options.refused_entries.iter().cloned());
        let mut changed: Vec<Changed> = Vec::new();
        for entry in entries {
            let key = entry.manifest_key();
            if !self.seen.insert(key.clone()) {
                continue;
            }
            let print = match fingerprint(&entry) {
                Ok(print) => print,
                Err(error) => {
                    self.fail(&entry, "io", error.to_string());
                    continue;
                }
            };
            match self.manifest.get(&key) {
                Some(record) if record.size == print.size && record.mtime_ns == print.mtime_ns => {
                    self.report.unchanged += 1;
                }
                _ => changed.push((entry, key, print)),
            }
        }
        self.to_check = changed.len();
        (self.observe)(&IndexEvent::Planned {
            files: file_count,
            to_check: self.to_check,
        });
        changed
    }

    /// Of a batch of changed files, those to extract, with their content hash: files
    /// above the size limit fail, files whose content did not change only get their
    /// file record refreshed, byte-identical copies of another file are reported.
    fn check_batch(
        &mut self,
        batch: &[Changed],
    ) -> Result<Vec<(CorpusEntry, String, Fingerprint, String)>, IndexError> {
        let mut to_extract = Vec::new();
        for (entry, key, print) in batch {
            if print.size > self.options.max_file_bytes {
                let reason = format!(
                    "{} bytes (with its sidecar), above the limit of {} bytes; not read",
                    print.size, self.options.max_file_bytes
                );
                self.fail(entry, "too-large", reason);
                self.file_done();
                continue;
            }
            let hash = match content_hash(entry) {
                Ok(hash) => hash,
                Err(error) => {
                    self.fail(entry, "io", error.to_string());
                    self.file_done();
                    continue;
                }
            };
            if self
                .manifest
                .get(key)
                .is_some_and(|record| record.hash == hash)
            {
                // Touched but not changed: refresh the size/mtime only.
                self.writer
                    .delete_term(Term::from_field_text(self.fields.file_key, key));
                add_file_record(&self.writer, self.fields, key, *print, &hash, "unchanged")?;
                self.report.unchanged += 1;
                self.file_done();
                continue;
            }
            let original = self
                .content_owner
                .get(&hash)
                .filter(|owner| *owner != key && self.seen.contains(*owner));
            if let Some(original) = original {
                self.report.identical.push(IdenticalFile {
                    path: entry.path.display().to_string(),
                    same_as: original.clone(),
                });
                // What it had before it became a copy goes; no file record, so it is
                // looked at again next run (and indexed once the original is gone).
                self.delete_file(key);
                self.file_done();
                continue;
            }
            self.content_owner
                .entry(hash.clone())
                .or_insert_with(|| key.clone());
            to_extract.push((entry.clone(), key.clone(), *print, hash));
        }
        Ok(to_extract)
    }

    /// Queues the deletion of everything `key` brought (documents, paragraphs, its file
    /// record).
    fn delete_file(&mut self, key: &str) {
        self.writer
            .delete_term(Term::from_field_text(self.fields.source_file, key));
        self.writer
            .delete_term(Term::from_field_text(self.fields.file_key, key));
    }

    /// Replaces what each extracted file had with its new documents (a failed file, or
    /// one whose ids another file holds, keeps what it had).
    fn write_extractions(
        &mut self,
        extracted: &[(CorpusEntry, String, Fingerprint, String)],
        extractions: Vec<Extraction>,
    ) -> Result<(), IndexError> {
        let mut extractions = extractions.into_iter();
        for (entry, key, print, hash) in extracted {
            self.file_done();
            self.done_since_checkpoint += 1;
            let documents = match extractions.next() {
                Some(Extraction::Documents(documents)) => Some(documents),
                Some(Extraction::Skipped(_)) => None,
                Some(Extraction::Failed { code, reason }) => {
                    self.fail(entry, &code, reason);
                    continue;
                }
                None => {
                    let reason = "the extractor returned no result for this file".to_string();
                    self.fail(entry, "internal", reason);
                    continue;
                }
            };
            if !self.claim_ids(entry, key, documents.as_deref())? {
                continue;
            }
            let was_known = self.manifest.contains_key(key);
            self.delete_file(key);
            let status = match documents {
                Some(documents) => {
                    for document in documents {
                        add_document(&self.writer, self.fields, key, document)?;
                        self.report.documents_written += 1;
                    }
                    "documents"
                }
                None => {
                    self.report.skipped += 1;
                    "skipped"
                }
            };
            add_file_record(&self.writer, self.fields, key, *print, hash, status)?;
            if was_known {
                self.report.updated += 1;
            } else if status == "documents" {
                self.report.added += 1;
            }
        }
        Ok(())
    }

    /// Claims the ids of `documents` for the file `key`; false (and a failure) when
    /// another file of the corpus holds one of them.
    fn claim_ids(
        &mut self,
        entry: &CorpusEntry,
        key: &str,
        documents: Option<&[Document]>,
    ) -> Result<bool, IndexError> {
        let Some(documents) = documents else {
            self.ids.release(key);
            return Ok(true);
        };
        let document_ids: Vec<&str> = documents
            .iter()
            .map(|document| document.id.as_str())
            .collect();
        let seen = &self.seen;
        if let Some(duplicate) = self
            .ids
            .duplicate(key, &document_ids, |holder| seen.contains(holder))?
        {
            self.fail(entry, "duplicate-id", duplicate.reason());
            return Ok(false);
        }
        self.ids.claim(key, &document_ids);
        Ok(true)
    }

    /// Commits when [`IndexRunOptions::checkpoint_files`] files were read since the last
    /// commit (not during a full rebuild, which swaps in only once finished).
    fn checkpoint_if_due(&mut self) -> Result<(), IndexError> {
        let every = self.options.checkpoint_files;
        if self.options.full || every == 0 || self.done_since_checkpoint < every {
            return Ok(());
        }
        self.done_since_checkpoint = 0;
        (self.observe)(&IndexEvent::Committing { checkpoint: true });
        let generation = commit(&mut self.writer, self.options, &self.report)?;
        self.report.checkpoints += 1;
        tracing::info!(
            generation,
            done = self.done,
            of = self.to_check,
            "checkpoint committed"
        );
        (self.observe)(&IndexEvent::Committed {
            generation,
            checkpoint: true,
        });
        Ok(())
    }

    /// Removals: known files that the walk did not see, unless the walk could not look.
    fn queue_removals(&mut self, walk_problems: &[(PathBuf, String)]) {
        let problem_paths: Vec<String> = walk_problems
            .iter()
            .map(|(path, _)| {
                std::fs::canonicalize(path)
                    .unwrap_or_else(|_| path.clone())
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        let gone: Vec<String> = self
            .manifest
            .keys()
            .filter(|key| {
                !self.seen.contains(*key) && !problem_paths.iter().any(|path| key.starts_with(path))
            })
            .cloned()
            .collect();
        for key in &gone {
            self.delete_file(key);
        }
        self.report.removed += gone.len();
        (self.observe)(&IndexEvent::RemovalsQueued {
            removed: self.report.removed,
        });
    }

    /// The final commit (and, for a full rebuild, the swap), then the totals.
    fn finish(self, started: Instant) -> Result<IndexRunReport, IndexError> {
        let Run {
            options,
            fields,
            mut writer,
            mut report,
            observe,
            ..
        } = self;
        observe(&IndexEvent::Committing { checkpoint: false });
        report.generation = commit(&mut writer, options, &report)?;
        observe(&IndexEvent::Committed {
            generation: report.generation,
            checkpoint: false,
        });
        writer
            .wait_merging_threads()
            .map_err(IndexError::engine("finishing merges"))?;
        if options.full {
            cleanup::swap_in_rebuilt_index(&options.index_dir, observe)?;
        }
        let final_index = open_index(&options.index_dir)?;
        report.documents_total = count_documents(&final_index, fields)?;
        report.duration_ms = started.elapsed().as_millis() as u64;
        tracing::info!(
            added = report.added,
            updated = report.updated,
            removed = report.removed,
            unchanged = report.unchanged,
            failed = report.failed.len(),
            "index run committed"
        );
        Ok(report)
    }
}
