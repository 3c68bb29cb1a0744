//! (Being written.)
use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use std::path::Path;

pub struct GeneralComments;

impl Importer for GeneralComments {
    fn name(&self) -> &'static str {
        "general_comments"
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
