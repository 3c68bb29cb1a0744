//! `--as GROUP[,GROUP]` and `--all-access`: whose eyes a local command answers to. The
//! default is an anonymous caller's (public documents only), so that what a command
//! prints is safe to paste into a public channel; the operator, who has the files
//! anyway, widens it explicitly.
use clap::Args;
use hrlex_model::{group_name, Viewer};

#[derive(Args, Debug, Clone, Default)]
pub struct ViewerArgs {
    /// Also show the restricted and confidential documents of these groups (`spt,cpt`).
    #[arg(long = "as", value_name = "GROUP[,GROUP]", value_delimiter = ',')]
    groups: Vec<String>,
    /// Show every document, whatever its access (as an admin token sees them).
    #[arg(long, conflicts_with = "groups")]
    all_access: bool,
}

impl ViewerArgs {
    /// The viewer asked for, or why a group name is not one.
    pub fn viewer(&self) -> Result<Viewer, String> {
        if self.all_access {
            return Ok(Viewer::Admin);
        }
        for group in &self.groups {
            group_name(group).map_err(|reason| format!("--as: group `{group}`: {reason}"))?;
        }
        Ok(Viewer::of_groups(&self.groups))
    }
}
