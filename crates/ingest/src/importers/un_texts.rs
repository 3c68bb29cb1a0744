//! (Being written.)
use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use std::path::Path;

pub struct UnCharter;

impl Importer for UnCharter {
    fn name(&self) -> &'static str {
        "un_texts"
    }

    fn claims(&self, _path: &Path, _head: &[u8]) -> bool {
        false
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        Err(IngestError::UnsupportedFormat {
            path: path.to_path_buf(),
            detected: "not built yet".into(),
        })
    }
}

pub struct UnParallelCorpus;

impl Importer for UnParallelCorpus {
    fn name(&self) -> &'static str {
        "un_texts"
    }

    fn claims(&self, _path: &Path, _head: &[u8]) -> bool {
        false
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        Err(IngestError::UnsupportedFormat {
            path: path.to_path_buf(),
            detected: "not built yet".into(),
        })
    }
}

pub struct Udhr;

impl Importer for Udhr {
    fn name(&self) -> &'static str {
        "un_texts"
    }

    fn claims(&self, _path: &Path, _head: &[u8]) -> bool {
        false
    }

    fn import(
        &self,
        path: &Path,
        _context: &ImportContext<'_>,
    ) -> Result<FileOutcome, IngestError> {
        Err(IngestError::UnsupportedFormat {
            path: path.to_path_buf(),
            detected: "not built yet".into(),
        })
    }
}
