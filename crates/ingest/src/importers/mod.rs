//! Structured importers: one per real source whose layout we know (treaty-body decision
//! shards, UPR Info exports, HUDOC text files…). An importer *claims* a file by its path
//! and first bytes; unclaimed files go through the generic extractors.

mod ecowas;
mod general_comments;
mod hudoc;
mod iacthr;
pub(crate) mod months;
mod morocco;
mod ohchr_xml;
mod special_procedures;
mod treaty_bodies;
mod un_texts;
pub(crate) mod upr_info;
mod upr_reports;
mod upr_year_csv;

use crate::{FileOutcome, IngestError, IngestOptions};
use std::path::Path;

/// What an importer gets besides the file.
pub struct ImportContext<'a> {
    pub options: &'a IngestOptions,
}

/// A source-specific importer.
pub trait Importer: Send + Sync {
    /// Stable name, recorded in each document's `source.importer`.
    fn name(&self) -> &'static str;
    /// True when this importer handles the file. `head` holds the first bytes (up to
    /// 8 KiB). Must be cheap: it runs for every file of the corpus.
    fn claims(&self, path: &Path, head: &[u8]) -> bool;
    /// Turns the file into documents, or says why it is skipped (a metadata file read by
    /// another importer, a licence…).
    fn import(&self, path: &Path, context: &ImportContext<'_>) -> Result<FileOutcome, IngestError>;
}

/// Every importer, in the order they are asked to claim a file.
pub fn registry() -> &'static [&'static dyn Importer] {
    &[
        &treaty_bodies::TreatyBodyDecisions,
        &treaty_bodies::JurisprudenceInfo,
        &general_comments::GeneralComments,
        &special_procedures::SpecialProcedureReports,
        &ohchr_xml::OhchrXml,
        &un_texts::UnCharter,
        &un_texts::UnParallelCorpus,
        &un_texts::Udhr,
        &upr_info::UprInfoCsv,
        &upr_year_csv::UprYearCsv,
        &upr_reports::UprReports,
        &morocco::MoroccoRecommendations,
        &hudoc::HudocText,
        &iacthr::IacthrPdfs,
        &iacthr::IacthrEntities,
        &ecowas::AfricaSources,
    ]
}

/// The first importer that claims the file.
pub fn find(path: &Path, head: &[u8]) -> Option<&'static dyn Importer> {
    registry()
        .iter()
        .copied()
        .find(|importer| importer.claims(path, head))
}
