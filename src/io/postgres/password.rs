//! A connection string's password kept apart from it: the window shows and keeps the string with
//! the password replaced by `***`, holds the password on its own (never shown), and puts it back
//! only into the string it connects with.

use super::sql::redacted;

/// The connection string with its password replaced by `***`, and the password if it had one.
pub fn split_password(url: &str) -> (String, Option<String>) {
    let password = url
        .parse::<postgres::Config>()
        .ok()
        .and_then(|config| config.get_password().map(<[u8]>::to_vec))
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .filter(|password| !password.is_empty());
    (redacted(url), password)
}

/// `url` (as [`split_password`] gives it, or without a password) with `password` in it: in place
/// of a `***`, else as one more parameter. An empty password leaves `url` as it is.
pub fn with_password(url: &str, password: &str) -> String {
    if password.is_empty() {
        return url.to_string();
    }
    let is_uri = url.contains("://");
    let value = if is_uri {
        percent_encoded(password)
    } else {
        quoted(password)
    };
    if let Some(at) = url.find("***") {
        let mut out = url.to_string();
        out.replace_range(at..at + 3, &value);
        return out;
    }
    if is_uri {
        let separator = if url.contains('?') { '&' } else { '?' };
        format!("{url}{separator}password={value}")
    } else {
        format!("{} password={value}", url.trim_end())
    }
}

/// Every byte but the unreserved ones of RFC 3986 as `%XX`.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                char::from(byte).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

/// A key-value connection string value in single quotes, with quotes and backslashes escaped.
fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password_in(url: &str) -> Option<String> {
        url.parse::<postgres::Config>()
            .ok()?
            .get_password()
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
    }

    #[test]
    fn a_password_is_taken_out_and_put_back_in_both_forms() {
        let secret = "p@ss w:rd/'\\?&";
        for url in [
            "postgresql://ana:hunter2@db.example:5432/tracks?sslmode=disable",
            "host=/run/postgresql dbname=tracks user=ana password=hunter2",
        ] {
            let (shown, password) = split_password(url);
            assert_eq!(password.as_deref(), Some("hunter2"));
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("***"), "{shown}");
            assert_eq!(
                password_in(&with_password(&shown, "hunter2")).as_deref(),
                Some("hunter2")
            );
            let with_secret = with_password(&shown, secret);
            assert_eq!(
                password_in(&with_secret).as_deref(),
                Some(secret),
                "{with_secret}"
            );
        }
        for url in [
            "postgresql://ana@db.example/tracks",
            "postgresql://ana@db.example/tracks?sslmode=disable",
            "host=localhost dbname=tracks",
        ] {
            assert_eq!(split_password(url), (url.to_string(), None));
            assert_eq!(with_password(url, ""), url);
            let with_secret = with_password(url, secret);
            assert_eq!(
                password_in(&with_secret).as_deref(),
                Some(secret),
                "{with_secret}"
            );
            assert!(
                redacted(&with_secret).contains("password=***"),
                "{with_secret}"
            );
        }
    }
}
