//! Who is looking: the visibility rule every crate applies the same way.

use crate::Access;

/// The group whose tokens see every document, whatever its groups.
pub const ADMIN_GROUP: &str = "admin";

/// Who a request or a local command answers to.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub enum Viewer {
    /// An anonymous caller (the default of every command and request): public
    /// documents only.
    #[default]
    Public,
    /// A token's (or `--as`) groups, normalized by [`crate::group_name`] and sorted:
    /// public documents and those naming one of these groups.
    Groups(Vec<String>),
    /// An `admin` token or `--all-access`: every document.
    Admin,
}

impl Viewer {
    /// The viewer of a token with `groups` (any spelling; an `admin` group makes it
    /// [`Viewer::Admin`], no group [`Viewer::Public`]).
    pub fn of_groups<S: AsRef<str>>(groups: &[S]) -> Viewer {
        let mut names: Vec<String> = groups
            .iter()
            .filter_map(|group| crate::group_name(group.as_ref()).ok())
            .collect();
        if names.iter().any(|name| name == ADMIN_GROUP) {
            return Viewer::Admin;
        }
        names.sort();
        names.dedup();
        if names.is_empty() {
            Viewer::Public
        } else {
            Viewer::Groups(names)
        }
    }

    /// Whether this viewer may see a document of `access` naming `groups`: a public
    /// document, anyone; any other, a viewer of one of its groups or an admin (the only
    /// one who sees a non-public document naming no group).
    pub fn may_see<S: AsRef<str>>(&self, access: Access, groups: &[S]) -> bool {
        if access == Access::Public {
            return true;
        }
        match self {
            Viewer::Public => false,
            Viewer::Admin => true,
            Viewer::Groups(own) => groups.iter().any(|group| {
                crate::group_name(group.as_ref()).is_ok_and(|group| own.contains(&group))
            }),
        }
    }

    /// Whether this viewer sees public documents only.
    pub fn is_public(&self) -> bool {
        matches!(self, Viewer::Public)
    }

    /// A short label for logs and the audit log: `public`, `admin` or `groups:a,b`.
    pub fn label(&self) -> String {
        match self {
            Viewer::Public => "public".to_string(),
            Viewer::Admin => "admin".to_string(),
            Viewer::Groups(groups) => format!("groups:{}", groups.join(",")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_documents_are_seen_by_everyone_and_others_by_their_groups() {
        let spt = Viewer::of_groups(&["SPT", "cpt"]);
        assert_eq!(spt, Viewer::Groups(vec!["cpt".into(), "spt".into()]));
        assert!(Viewer::Public.may_see(Access::Public, &[] as &[&str]));
        assert!(!Viewer::Public.may_see(Access::Confidential, &["spt"]));
        assert!(spt.may_see(Access::Confidential, &["Spt"]));
        assert!(!spt.may_see(Access::Restricted, &["ومجموعة"]));
        assert!(Viewer::of_groups(&["ومجموعة"]).may_see(Access::Restricted, &["ومجموعة"]));
        // A non-public document naming no group: admin only.
        assert!(!spt.may_see(Access::Restricted, &[] as &[&str]));
        assert!(Viewer::of_groups(&["admin"]).may_see(Access::Restricted, &[] as &[&str]));
        assert_eq!(Viewer::of_groups(&[" "]), Viewer::Public);
    }
}
