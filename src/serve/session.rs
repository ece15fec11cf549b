//! Sessions (an HttpOnly, SameSite=Strict cookie naming a random token),
//! the form token every POST must carry, and the sign-in rate limit.

use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use axum::http::header::COOKIE;

use super::access::{Role, random_token};

/// The session cookie's name.
pub const COOKIE_NAME: &str = "qdfh_sitzung";
/// A session ends after this long without a request.
const IDLE: Duration = Duration::from_secs(8 * 3600);
/// Above this many sessions, the ones not signed in are dropped, so that
/// a flood of requests without a cookie cannot fill the memory.
const MAX_SESSIONS: usize = 20_000;
/// Failed sign-ins allowed per address within [`WINDOW`].
const FAILURES_PER_ADDRESS: usize = 5;
/// Failed sign-ins allowed from all addresses together within [`WINDOW`].
const FAILURES_IN_ALL: usize = 50;
/// The window of the rate limit.
const WINDOW: Duration = Duration::from_secs(300);

/// One browser's session.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who signed in; `None` before sign-in.
    pub role: Option<Role>,
    /// The token every form of this session carries.
    pub csrf: String,
    last_seen: Instant,
}

/// All sessions, in memory (a restart signs everyone out).
#[derive(Default)]
pub struct Sessions {
    by_token: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// The session named by the request's cookie, if it is alive.
    pub fn get(&self, headers: &HeaderMap) -> Option<(String, Session)> {
        let token = cookie(headers, COOKIE_NAME)?;
        let mut sessions = self.by_token.lock().expect("sessions lock");
        let now = Instant::now();
        sessions.retain(|_, s| now.duration_since(s.last_seen) < IDLE);
        let session = sessions.get_mut(&token)?;
        session.last_seen = now;
        Some((token, session.clone()))
    }

    /// Starts a session (a new token, so a token known before sign-in is
    /// never the signed-in one) and returns its token.
    pub fn start(&self, role: Option<Role>) -> (String, Session) {
        let token = random_token();
        let session = Session { role, csrf: random_token(), last_seen: Instant::now() };
        let mut sessions = self.by_token.lock().expect("sessions lock");
        if sessions.len() >= MAX_SESSIONS {
            sessions.retain(|_, s| s.role.is_some());
        }
        sessions.insert(token.clone(), session.clone());
        (token, session)
    }

    /// Ends a session.
    pub fn end(&self, token: &str) {
        self.by_token.lock().expect("sessions lock").remove(token);
    }
}

/// The `Set-Cookie` value for a session token. `secure` adds `Secure`
/// (behind an HTTPS proxy).
pub fn set_cookie(token: &str, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{COOKIE_NAME}={token}; Path=/; HttpOnly; SameSite=Strict{secure}")
}

/// The value of cookie `name` in the request.
fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_string())
}

/// Compares two tokens in constant time.
pub fn same_token(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Times of failed sign-ins: per address, and of all addresses.
type Failures = (HashMap<IpAddr, VecDeque<Instant>>, VecDeque<Instant>);

/// Counts failed sign-ins per address and in all.
#[derive(Default)]
pub struct RateLimit {
    failures: Mutex<Failures>,
}

impl RateLimit {
    /// Whether `address` may try to sign in now.
    pub fn allows(&self, address: IpAddr) -> bool {
        let mut guard = self.failures.lock().expect("rate limit lock");
        let (by_address, all) = &mut *guard;
        let now = Instant::now();
        let fresh = |queue: &mut VecDeque<Instant>| {
            while queue.front().is_some_and(|t| now.duration_since(*t) > WINDOW) {
                queue.pop_front();
            }
        };
        fresh(all);
        by_address.retain(|_, queue| {
            fresh(queue);
            !queue.is_empty()
        });
        all.len() < FAILURES_IN_ALL && by_address.get(&address).is_none_or(|q| q.len() < FAILURES_PER_ADDRESS)
    }

    /// Records a failed sign-in from `address`.
    pub fn failed(&self, address: IpAddr) {
        let mut guard = self.failures.lock().expect("rate limit lock");
        let (by_address, all) = &mut *guard;
        by_address.entry(address).or_default().push_back(Instant::now());
        all.push_back(Instant::now());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn five_failures_block_an_address_but_not_another() {
        let limit = RateLimit::default();
        let (a, b): (IpAddr, IpAddr) = ("10.0.0.1".parse().unwrap(), "10.0.0.2".parse().unwrap());
        for _ in 0..FAILURES_PER_ADDRESS {
            assert!(limit.allows(a));
            limit.failed(a);
        }
        assert!(!limit.allows(a));
        assert!(limit.allows(b));
    }

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(COOKIE, "a=1; qdfh_sitzung=abc; b=2".parse().unwrap());
        assert_eq!(cookie(&headers, COOKIE_NAME).as_deref(), Some("abc"));
        assert!(same_token("abc", "abc") && !same_token("abc", "abd") && !same_token("abc", "ab"));
    }
}
