//! (Being written.)
use super::{ImportContext, Importer};
use crate::{FileOutcome, IngestError};
use std::path::Path;

pub struct UprInfoCsv;

impl Importer for UprInfoCsv {
    fn name(&self) -> &'static str {
        "upr_info"
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
