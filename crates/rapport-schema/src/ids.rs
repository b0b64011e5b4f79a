//! Identifiers that become part of paths and table names.

/// A client id that cannot be used: it names the id and what is allowed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{id}` is not a valid client id: use 1 to 64 lowercase letters, digits, `-` or `_`, starting with a letter or digit (for example `acme-shop`)"
)]
pub struct InvalidId {
    /// The rejected id, as given.
    pub id: String,
}

/// Checks a client id. Client ids name folders in the workspace
/// (`data/<client>/…`) and appear in URLs, so they are restricted to a
/// portable, unambiguous alphabet instead of being escaped everywhere.
pub fn validate_client_id(id: &str) -> Result<(), InvalidId> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && id
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    if ok {
        Ok(())
    } else {
        Err(InvalidId { id: id.to_owned() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_ids_are_path_safe() {
        assert!(validate_client_id("acme-shop_2").is_ok());
        for bad in ["", "Acme", "../etc", "a b", "-x", "é", &"x".repeat(65)] {
            assert!(validate_client_id(bad).is_err(), "{bad:?} accepted");
        }
    }
}
