//! Translations: the other language versions of a document's work.

use crate::search::{SearchIndex, Translation};
use crate::IndexError;
use hrlex_model::Viewer;

impl SearchIndex {
    /// The other language versions of the document `id`'s work; `None` when the
    /// document does not exist or `access` may not see it.
    pub fn translations(
        &self,
        id: &str,
        viewer: &Viewer,
    ) -> Result<Option<Vec<Translation>>, IndexError> {
        let searcher = self.reader.searcher();
        let Some((_, document)) = self.find_document(&searcher, id, viewer)? else {
            return Ok(None);
        };
        let mut versions: Vec<Translation> = self
            .work_versions(&searcher, &document.work_id, viewer)?
            .into_iter()
            .filter(|version| version.id != document.id)
            .map(|version| Translation {
                lang: version.lang,
                id: version.id,
                access: version.access,
            })
            .collect();
        versions.sort_by(|a, b| a.lang.cmp(&b.lang).then_with(|| a.id.cmp(&b.id)));
        Ok(Some(versions))
    }
}
