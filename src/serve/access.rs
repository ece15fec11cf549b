//! Access codes for the shared drop page (`qdfh serve --freigabe`).
//!
//! `qdfh zugang` makes one random code per municipality and one for the
//! LaKo. A code reads like `K7QM-4HX2-P9TA-WN3E`: the first group names the
//! entry (it is stored in plain text, so sign-in checks one hash, not all
//! of them), the other three are the secret (60 bits). Only the secret's
//! argon2 hash is kept, in `zugang.json` at the project root, outside
//! `inputs/` and `output/`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use serde::{Deserialize, Serialize};

use crate::files::write_atomically;

/// The file holding the hashes, at the project root.
pub const CODES_FILE: &str = "zugang.json";

/// Letters and digits that cannot be mistaken for one another.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/// Who signed in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    /// The state's coordination office: sees and accepts everything.
    Lako,
    /// One municipality (by id): sees and accepts only its own files.
    Municipality(String),
}

impl Role {
    /// How the log names it: "LaKo" or the municipality's id.
    pub fn log_name(&self) -> &str {
        match self {
            Role::Lako => "LaKo",
            Role::Municipality(id) => id,
        }
    }

    /// Whether this role may see and send the files of `municipality`.
    pub fn covers(&self, municipality: &str) -> bool {
        match self {
            Role::Lako => true,
            Role::Municipality(id) => id == municipality,
        }
    }
}

/// One stored code.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    role: Role,
    /// The argon2 hash (PHC string) of the secret part.
    hash: String,
    /// When it was made (ISO date), for the LaKo's overview.
    created: String,
}

/// The stored codes, by their public first group.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct AccessCodes {
    entries: BTreeMap<String, Entry>,
}

/// A code as handed out once: who it is for and the plain text.
#[derive(Debug, Clone)]
pub struct IssuedCode {
    /// Who it signs in.
    pub role: Role,
    /// The code, e.g. `K7QM-4HX2-P9TA-WN3E`.
    pub code: String,
}

impl AccessCodes {
    /// The path of the codes file of a project.
    pub fn path(project_root: &Path) -> PathBuf {
        project_root.join(CODES_FILE)
    }

    /// Reads the codes file; an absent file means no codes.
    pub fn load(path: &Path) -> Result<AccessCodes, String> {
        match std::fs::read(path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map_err(|e| format!("{}: keine gültige Zugangsdatei ({e})", path.display())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(AccessCodes::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Writes the codes file atomically.
    pub fn save(&self, path: &Path) -> Result<(), String> {
        let bytes = serde_json::to_vec_pretty(self).map_err(|e| e.to_string())?;
        write_atomically(path, &bytes).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Whether `role` has a code.
    pub fn has(&self, role: &Role) -> bool {
        self.entries.values().any(|entry| &entry.role == role)
    }

    /// Whether any code exists.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Makes a new code for `role`, replacing any earlier code of that role.
    pub fn issue(&mut self, role: Role, today: &str) -> Result<IssuedCode, String> {
        self.entries.retain(|_, entry| entry.role != role);
        let (name, secret) = loop {
            let name = random_group()?;
            if !self.entries.contains_key(&name) {
                break (name, format!("{}-{}-{}", random_group()?, random_group()?, random_group()?));
            }
        };
        let hash = Argon2::default()
            .hash_password(secret.as_bytes())
            .map_err(|e| format!("Zugangscode kann nicht gesichert werden: {e}"))?
            .to_string();
        self.entries.insert(name.clone(), Entry { role: role.clone(), hash, created: today.to_string() });
        Ok(IssuedCode { role, code: format!("{name}-{secret}") })
    }

    /// The role a typed code signs in, if it is valid. Spaces and case do
    /// not matter; a code with any other shape is refused without hashing.
    pub fn verify(&self, typed: &str) -> Option<Role> {
        let cleaned: String =
            typed.chars().filter(|c| !c.is_whitespace() && *c != '-').map(|c| c.to_ascii_uppercase()).collect();
        if cleaned.len() != 16 || !cleaned.bytes().all(|b| ALPHABET.contains(&b)) {
            return None;
        }
        let (name, secret) = cleaned.split_at(4);
        let secret = format!("{}-{}-{}", &secret[..4], &secret[4..8], &secret[8..]);
        let entry = self.entries.get(name)?;
        let hash = PasswordHash::new(&entry.hash).ok()?;
        Argon2::default().verify_password(secret.as_bytes(), &hash).ok().map(|()| entry.role.clone())
    }
}

/// Four random characters of [`ALPHABET`] (32 letters: 5 bits each).
fn random_group() -> Result<String, String> {
    let mut bytes = [0u8; 4];
    getrandom::fill(&mut bytes).map_err(|e| format!("kein Zufall verfügbar: {e}"))?;
    Ok(bytes.iter().map(|b| ALPHABET[usize::from(b % 32)] as char).collect())
}

/// A random token of 32 bytes as hex, for sessions and form tokens.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_issued_code_signs_in_its_role_only_and_renewal_replaces_it() {
        let mut codes = AccessCodes::default();
        let auenfeld = codes.issue(Role::Municipality("auenfeld".into()), "2026-11-27").unwrap();
        let lako = codes.issue(Role::Lako, "2026-11-27").unwrap();
        assert_eq!(codes.verify(&auenfeld.code), Some(Role::Municipality("auenfeld".into())));
        assert_eq!(codes.verify(&lako.code.to_lowercase().replace('-', " ")), Some(Role::Lako));
        let mut wrong = auenfeld.code.clone().into_bytes();
        wrong[18] = if wrong[18] == b'A' { b'B' } else { b'A' };
        assert_eq!(codes.verify(&String::from_utf8(wrong).unwrap()), None);
        assert_eq!(codes.verify("kurz"), None);
        let renewed = codes.issue(Role::Municipality("auenfeld".into()), "2026-11-28").unwrap();
        assert_eq!(codes.verify(&auenfeld.code), None, "the old code no longer works");
        assert!(codes.verify(&renewed.code).is_some());
        let stored = serde_json::to_string(&codes).unwrap();
        assert!(!stored.contains(&renewed.code[5..]), "only the hash is stored");
    }
}
