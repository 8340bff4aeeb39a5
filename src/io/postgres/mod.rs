//! PostgreSQL/PostGIS as a source: a layer from the rows of a query.
//!
//! The query returns either timed points — columns `id`, `time` and `geom` (a PostGIS point in
//! any SRID, transformed to WGS 84 with `ST_Transform` on the server) — or MF-JSON text, one
//! temporal geometry per row, as MobilityDB's `asMFJSON` writes it. For tables too big to load,
//! a [`ViewBounds`] wraps the query so that only the rows in a time window and a box are fetched.
//!
//! A connection string's password is never shown: every message names the source by
//! [`redacted`], and any text from the server or the client library is scrubbed of it.

use super::formats::{
    Fix, Interpolation, MADE_UP_ID_PREFIX, RawTrack, layer_from_tracks, mf_json_tracks,
};
use super::{LoadError, Loaded, Problem, ReadProgress};
pub use sql::{QueryShape, ViewBounds, points_sql, query_shape, redacted};
use sql::{inner, mf_json_sql};

mod password;
mod sql;

pub use password::{split_password, with_password};

use postgres::fallible_iterator::FallibleIterator as _;
use postgres::types::ToSql;
use std::collections::HashMap;

/// A query against a database, and optionally the view it is bound to. Its `Debug` shows the
/// connection string redacted.
#[derive(Clone, PartialEq)]
pub struct DatabaseQuery {
    /// A libpq connection string: `postgresql://user:password@host:port/db?sslmode=require` or
    /// `host=/run/postgresql dbname=tracks`. TLS is used when `sslmode` asks for it.
    pub url: String,
    /// The SQL that returns the rows.
    pub query: String,
    /// Fetch only the rows in this view (timed points only).
    pub view: Option<ViewBounds>,
}

impl std::fmt::Debug for DatabaseQuery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DatabaseQuery")
            .field("url", &redacted(&self.url))
            .field("query", &self.query)
            .field("view", &self.view)
            .finish()
    }
}

/// How many rows a load fetched, and in what shape.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fetched {
    /// What the columns held.
    pub shape: QueryShape,
    /// Rows fetched from the server.
    pub rows: usize,
}

/// Reads the query's rows as one layer (`index` picks its colour), named by the redacted
/// connection string.
pub fn load_query(
    source: &DatabaseQuery,
    index: usize,
    progress: &ReadProgress,
) -> Result<(Loaded, Fetched), LoadError> {
    let label = redacted(&source.url);
    let fail = |message: String| {
        LoadError::new(vec![Problem {
            file: label.clone(),
            line: 0,
            column: 0,
            message: scrub(&message, &source.url),
        }])
    };
    let mut client = connect(&source.url).map_err(&fail)?;
    client
        .batch_execute("SET TimeZone = 'UTC'")
        .map_err(|e| fail(format!("could not set the session to UTC: {e}")))?;
    let statement = client
        .prepare(inner(&source.query))
        .map_err(|e| fail(format!("the query is not accepted: {}", db_error(&e))))?;
    let columns: Vec<(String, String)> = statement
        .columns()
        .iter()
        .map(|c| (c.name().to_string(), c.type_().name().to_string()))
        .collect();
    let shape = query_shape(&columns).map_err(&fail)?;
    let (tracks, problems, rows) = match &shape {
        QueryShape::Points { id, time, geom } => {
            let (sql, params) = points_sql(&source.query, id, time, geom, source.view.as_ref());
            fetch_points(&mut client, &sql, &params, &label, progress)
                .map_err(|e| fail(format!("fetching the rows failed: {}", db_error(&e))))?
        }
        QueryShape::MfJson { column, id } => {
            if source.view.is_some() {
                return Err(fail(
                    "a query returning MF-JSON cannot be bound to the view; bound it in the \
                     query instead (MobilityDB: atTime and atGeometry), or return (id, time, geom) \
                     rows"
                        .into(),
                ));
            }
            let sql = mf_json_sql(&source.query, column, id.as_deref());
            fetch_mf_json(&mut client, &sql, &label, progress)
                .map_err(|e| fail(format!("fetching the rows failed: {}", db_error(&e))))?
        }
    };
    if progress.is_cancelled() {
        let mut error = fail("reading was cancelled".into());
        error.cancelled = true;
        return Err(error);
    }
    let loaded = layer_from_tracks(&label, tracks, problems, index)?;
    Ok((loaded, Fetched { shape, rows }))
}

/// The text of a client error, with the server's detail and hint when it sent them.
fn db_error(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => {
            let mut text = db.message().to_string();
            if let Some(detail) = db.detail() {
                text.push_str(&format!(" ({detail})"));
            }
            if let Some(hint) = db.hint() {
                text.push_str(&format!("; hint: {hint}"));
            }
            text
        }
        None => error.to_string(),
    }
}

/// `message` with the password of `url`, if any, replaced.
fn scrub(message: &str, url: &str) -> String {
    match password_of(url) {
        Some(password) if !password.is_empty() => message.replace(&password, "***"),
        _ => message.to_string(),
    }
}

fn password_of(url: &str) -> Option<String> {
    let config: postgres::Config = url.parse().ok()?;
    config
        .get_password()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
}

/// Connects, with TLS when the connection string's `sslmode` is `prefer` (the default) or
/// `require`, verified against the system's root certificates. The server decides under
/// `prefer`: one without TLS is then reached without it.
fn connect(url: &str) -> Result<postgres::Client, String> {
    let config: postgres::Config = url
        .parse()
        .map_err(|e| format!("the connection string is not understood: {e}"))?;
    let connected = match (config.get_ssl_mode(), tls_connector()) {
        (postgres::config::SslMode::Disable, _) => config.connect(postgres::NoTls),
        (_, Ok(tls)) => config.connect(tls),
        // Like libpq, "prefer" goes on without TLS when it cannot be set up; "require" does not.
        (postgres::config::SslMode::Prefer, Err(_)) => config.connect(postgres::NoTls),
        (_, Err(message)) => return Err(message),
    };
    connected.map_err(|e| format!("could not connect: {}", db_error(&e)))
}

fn tls_connector() -> Result<tokio_postgres_rustls::MakeRustlsConnect, String> {
    let mut roots = rustls::RootCertStore::empty();
    let native = rustls_native_certs::load_native_certs();
    let (added, _ignored) = roots.add_parsable_certificates(native.certs);
    if added == 0 {
        return Err(
            "no root certificates were found to check the server's TLS certificate; install \
             ca-certificates, or add sslmode=disable to a connection on a trusted network"
                .into(),
        );
    }
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("TLS could not be set up: {e}"))?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(tokio_postgres_rustls::MakeRustlsConnect::new(config))
}

/// How often, in rows, a fetch looks for a cancel.
const CANCEL_EVERY: usize = 10_000;

type Tracks = (Vec<RawTrack>, Vec<Problem>, usize);

fn fetch_points(
    client: &mut postgres::Client,
    sql: &str,
    params: &[f64],
    label: &str,
    progress: &ReadProgress,
) -> Result<Tracks, postgres::Error> {
    let mut tracks: Vec<RawTrack> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut rows = client.query_raw(sql, params.iter().map(|p| p as &dyn ToSql))?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        count += 1;
        if count % CANCEL_EVERY == 0 && progress.is_cancelled() {
            break;
        }
        let id: Option<String> = row.try_get(0)?;
        let micros: Option<i64> = row.try_get(1)?;
        let lon: Option<f64> = row.try_get(2)?;
        let lat: Option<f64> = row.try_get(3)?;
        let (Some(id), Some(micros), Some(lon), Some(lat)) = (id, micros, lon, lat) else {
            if problems.len() < MAX_ROW_PROBLEMS {
                problems.push(row_problem(
                    label,
                    count,
                    "has no id, time or point geometry; left out",
                ));
            }
            continue;
        };
        let Ok(t) = jiff::Timestamp::from_microsecond(micros) else {
            problems.push(row_problem(
                label,
                count,
                "has a time out of range; left out",
            ));
            continue;
        };
        let index = *by_id.entry(id.clone()).or_insert_with(|| {
            tracks.push(RawTrack::new(id.clone(), Interpolation::Linear));
            tracks.len() - 1
        });
        tracks[index].fixes.push(Fix {
            t,
            position: crate::model::LonLat::new(lon, lat),
        });
    }
    Ok((tracks, problems, count))
}

/// At most this many problems with single rows are listed.
const MAX_ROW_PROBLEMS: usize = 100;

fn row_problem(label: &str, row: usize, message: &str) -> Problem {
    Problem {
        file: label.to_string(),
        line: 0,
        column: 0,
        message: format!("row {row} {message}"),
    }
}

fn fetch_mf_json(
    client: &mut postgres::Client,
    sql: &str,
    label: &str,
    progress: &ReadProgress,
) -> Result<Tracks, postgres::Error> {
    let mut tracks = Vec::new();
    let mut problems = Vec::new();
    let mut rows = client.query_raw(sql, std::iter::empty::<&dyn ToSql>())?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        count += 1;
        if progress.is_cancelled() {
            break;
        }
        let id: Option<String> = row.try_get(0)?;
        let Some(text) = row.try_get::<_, Option<String>>(1)? else {
            problems.push(row_problem(label, count, "has no MF-JSON; left out"));
            continue;
        };
        let row_name = format!("{label} row {count}");
        let (mut read, mut row_problems) = mf_json_tracks(&row_name, &text, progress);
        for (i, track) in read.iter_mut().enumerate() {
            if track.id.starts_with(MADE_UP_ID_PREFIX) {
                track.id = match (&id, i) {
                    (Some(id), 0) => id.clone(),
                    (Some(id), _) => format!("{id}-{}", i + 1),
                    (None, _) => format!("row-{count}-{}", i + 1),
                };
                if track.name.is_empty() || track.name.starts_with(MADE_UP_ID_PREFIX) {
                    track.name = track.id.clone();
                }
            }
        }
        tracks.append(&mut read);
        problems.append(&mut row_problems);
    }
    Ok((tracks, problems, count))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_scrubbed_of_the_password() {
        assert_eq!(
            scrub(
                "password authentication failed: hunter2",
                "host=h password=hunter2"
            ),
            "password authentication failed: ***"
        );
        assert_eq!(scrub("no password here", "host=h"), "no password here");
    }
}
